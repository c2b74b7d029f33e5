// The machine a figure was taken on, and how busy it was: the host is shared, so every figure
// is printed next to the load average at the time it was taken.
import { cpus, freemem, loadavg, totalmem, release, platform } from 'node:os';

export interface Machine {
  readonly cpu: string;
  readonly cores: number;
  readonly memGiB: number;
  readonly os: string;
  readonly node: string;
}

export function describeMachine(): Machine {
  const c = cpus();
  return {
    cpu: c[0]?.model.trim() ?? 'unknown',
    cores: c.length,
    memGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    os: `${platform()} ${release()}`,
    node: process.version,
  };
}

export function load(): string {
  return loadavg().map((x) => x.toFixed(2)).join(' ');
}

export function freeGiB(): number {
  return Math.round((freemem() / 2 ** 30) * 10) / 10;
}
