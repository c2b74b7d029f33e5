// The per-node observer: a small node process, spawned under SCHED_FIFO when the host allows,
// that timestamps keepalived's notify FIFO lines and `ip monitor address` lines the moment they
// arrive (CLOCK_MONOTONIC, the clock the harness's t=0 is taken on) and appends the FIFO lines
// to the node's notify.log. Timestamping in the harness's own event loop instead would add
// whatever delay a loaded machine gives that loop to every real transition.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Micros } from '../vrrp/types.js';
import { run } from '../netns/exec.js';

const SCRIPT = [
  "const fs=require('fs'),net=require('net'),rl=require('readline'),cp=require('child_process');",
  'const [fifo,ns,log]=process.argv.slice(1);',
  'const now=()=>(process.hrtime.bigint()/1000n).toString();',
  "const out=(tag,l)=>{const t=now();process.stdout.write(tag+' '+t+' '+l+'\\n');if(tag==='F')fs.appendFileSync(log,t+' '+l+'\\n');};",
  'const fd=fs.openSync(fifo,fs.constants.O_RDWR|fs.constants.O_NONBLOCK);',
  "rl.createInterface({input:new net.Socket({fd,readable:true,writable:false})}).on('line',l=>out('F',l));",
  "const m=cp.spawn('ip',['-n',ns,'-o','monitor','address'],{stdio:['ignore','pipe','ignore']});",
  "rl.createInterface({input:m.stdout}).on('line',l=>out('A',l));",
  // The harness holds our stdin: when it goes away, so do we (and the monitor).
  "const quit=()=>{m.kill('SIGKILL');process.exit(0)};process.stdin.on('end',quit);process.stdin.on('close',quit);process.stdin.resume();",
  "process.on('SIGTERM',quit);",
  "setTimeout(()=>process.stdout.write('R '+now()+' ready\\n'),100);",
].join('');

export interface ObservedLine {
  readonly source: 'fifo' | 'address';
  /** Monotonic µs at arrival. */
  readonly at: Micros;
  readonly text: string;
}

export interface Observer {
  readonly child: ChildProcess;
  readonly ready: Promise<void>;
}

/** Whether this host lets us run the observer under a real-time policy. */
export async function realtimeAvailable(): Promise<boolean> {
  try {
    await run('chrt', ['-f', '20', 'true']);
    return true;
  } catch {
    return false;
  }
}

export function startObserver(fifo: string, ns: string, log: string, realtime: boolean, onLine: (l: ObservedLine) => void): Observer {
  const argv = [process.execPath, '-e', SCRIPT, fifo, ns, log];
  const child = realtime ? spawn('chrt', ['-f', '20', ...argv], { stdio: ['pipe', 'pipe', 'ignore'] }) : spawn(argv[0] as string, argv.slice(1), { stdio: ['pipe', 'pipe', 'ignore'] });
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve, reject) => {
    markReady = resolve;
    child.once('exit', (code) => reject(new Error(`observer for ${ns} exited (${code ?? 'signal'}) before it was ready`)));
  });
  ready.catch(() => undefined);
  createInterface({ input: child.stdout! }).on('line', (line) => {
    const m = /^([FAR]) (\d+) (.*)$/.exec(line);
    if (!m || m[1] === undefined || m[2] === undefined || m[3] === undefined) return;
    if (m[1] === 'R') { markReady(); return; }
    onLine({ source: m[1] === 'F' ? 'fifo' : 'address', at: Number(m[2]), text: m[3] });
  });
  return { child, ready };
}
