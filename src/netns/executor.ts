// A helper process that runs commands for the harness: started before t=0, under SCHED_FIFO
// when the host allows, so that applying a fault (ip, nft, tc) at its instant costs a small
// fork from a small process that the scheduler runs at once, not a fork of the harness on a
// loaded host (observed 100+ ms, enough to reorder a heal and the next advert). Commands
// travel as JSON argument vectors and run with execFile: no shell anywhere.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { CommandError, type ExecResult } from './exec.js';

export type Runner = (cmd: string, args: readonly string[]) => Promise<ExecResult>;

const SCRIPT = [
  "const {execFile}=require('child_process');const rl=require('readline');",
  "rl.createInterface({input:process.stdin}).on('line',l=>{const m=JSON.parse(l);",
  "execFile(m.argv[0],m.argv.slice(1),{encoding:'utf8',maxBuffer:16<<20},(e,so,se)=>{",
  "process.stdout.write(JSON.stringify({id:m.id,ok:!e,err:e?e.message:'',stdout:so,stderr:se})+'\\n');});});",
  "process.stdin.on('end',()=>process.exit(0));",
].join('');

export interface Executor {
  readonly run: Runner;
  readonly child: ChildProcess;
  readonly close: () => void;
}

interface Reply { id: number; ok: boolean; err: string; stdout: string; stderr: string }

export function startExecutor(realtime: boolean): Executor {
  const argv = [process.execPath, '-e', SCRIPT];
  const child = realtime ? spawn('chrt', ['-f', '30', ...argv], { stdio: ['pipe', 'pipe', 'ignore'] }) : spawn(argv[0] as string, argv.slice(1), { stdio: ['pipe', 'pipe', 'ignore'] });
  const pending = new Map<number, { argv: string[]; resolve: (r: ExecResult) => void; reject: (e: Error) => void }>();
  let next = 0;
  createInterface({ input: child.stdout! }).on('line', (line) => {
    const r = JSON.parse(line) as Reply;
    const p = pending.get(r.id);
    if (p === undefined) return;
    pending.delete(r.id);
    if (r.ok) p.resolve({ stdout: r.stdout, stderr: r.stderr });
    else p.reject(new CommandError(p.argv, r.stderr, r.err));
  });
  child.once('exit', () => {
    for (const p of pending.values()) p.reject(new CommandError(p.argv, '', 'command executor exited'));
    pending.clear();
  });
  return {
    child,
    run: (cmd, args) => new Promise<ExecResult>((resolve, reject) => {
      const id = next++;
      const full = [cmd, ...args];
      pending.set(id, { argv: full, resolve, reject });
      child.stdin?.write(`${JSON.stringify({ id, argv: full })}\n`);
    }),
    close: () => { child.stdin?.end(); },
  };
}
