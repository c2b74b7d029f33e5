// raw-socket 1.8.1 ships no typings: only what src/live/ uses, as index.js and src/raw.cc
// really behave (toolchain.md §8), not as its README says.
declare module 'raw-socket' {
  import type { EventEmitter } from 'node:events';

  export interface SocketOptions {
    /** IP protocol number; VRRP's 112 is not in `Protocol`, pass it as a number. */
    readonly protocol?: number;
    readonly addressFamily?: number;
    /** Receive buffer; the 'message' buffer is a view on it and is reused. */
    readonly bufferSize?: number;
  }

  export interface Socket extends EventEmitter {
    send(
      buffer: Buffer, offset: number, length: number, address: string,
      afterCallback: (error: Error | null, bytes: number) => void,
    ): Socket;
    send(
      buffer: Buffer, offset: number, length: number, address: string,
      beforeCallback: () => void, afterCallback: (error: Error | null, bytes: number) => void,
    ): Socket;
    /** Integer form: a 4-byte int. Buffer form: any struct (ip_mreqn, ifname). */
    setOption(level: number, option: number, value: number): void;
    setOption(level: number, option: number, value: Buffer, length: number): void;
    getOption(level: number, option: number, value: Buffer, length: number): number;
    close(): Socket;
    pauseRecv(): Socket;
    resumeRecv(): Socket;
    on(event: 'message', listener: (buffer: Buffer, source: string) => void): this;
    on(event: 'error', listener: (error: Error) => void): this;
    on(event: 'close', listener: () => void): this;
  }

  export interface RawSocketModule {
    createSocket(options?: SocketOptions): Socket;
    readonly AddressFamily: { readonly IPv4: number; readonly IPv6: number };
    readonly SocketLevel: { readonly SOL_SOCKET: number; readonly IPPROTO_IP: number; readonly IPPROTO_IPV6: number };
  }

  export const createSocket: RawSocketModule['createSocket'];
  export const AddressFamily: RawSocketModule['AddressFamily'];
  export const SocketLevel: RawSocketModule['SocketLevel'];
  const raw: RawSocketModule;
  export default raw;
}
