// The node's services as real TCP listeners: one small process per node, started before t=0
// inside the node's namespace, that opens and closes listening sockets on command. Spawning a
// process per service-up would take a loaded host hundreds of milliseconds; a command takes one.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

const SCRIPT = [
  "const net=require('net'),rl=require('readline');const srv=new Map();",
  "rl.createInterface({input:process.stdin}).on('line',l=>{const [op,p]=l.split(' ');const port=+p;",
  "if(op==='up'){if(srv.has(port)){console.log('ok '+l);return;}const conns=new Set();",
  "const s=net.createServer(c=>{conns.add(c);c.on('close',()=>conns.delete(c));c.end();});",
  "s.on('error',e=>console.log('err '+l+' '+e.code));s.listen(port,()=>console.log('ok '+l));srv.set(port,{s,conns});}",
  "else if(op==='down'){const x=srv.get(port);srv.delete(port);if(x){x.s.close();for(const c of x.conns)c.destroy();}console.log('ok '+l);}",
  "else console.log('err '+l+' unknown');});",
  "process.stdin.on('end',()=>process.exit(0));console.log('ready');",
].join('');

export interface ServiceHost {
  readonly child: ChildProcess;
  /** Resolves once the port listens (up) or no longer does (down). */
  readonly set: (port: number, up: boolean) => Promise<void>;
}

export async function startServiceHost(ns: string, realtime: boolean): Promise<ServiceHost> {
  const argv = ['ip', 'netns', 'exec', ns, process.execPath, '-e', SCRIPT];
  const child = realtime ? spawn('chrt', ['-f', '20', ...argv], { stdio: ['pipe', 'pipe', 'ignore'] }) : spawn(argv[0] as string, argv.slice(1), { stdio: ['pipe', 'pipe', 'ignore'] });
  const waiting: Array<{ resolve: () => void; reject: (e: Error) => void }> = [];
  let ready: () => void = () => undefined;
  let failed: (e: Error) => void = () => undefined;
  const started = new Promise<void>((resolve, reject) => { ready = resolve; failed = reject; });
  createInterface({ input: child.stdout! }).on('line', (line) => {
    if (line === 'ready') { ready(); return; }
    const w = waiting.shift();
    if (w === undefined) return;
    if (line.startsWith('ok ')) w.resolve();
    else w.reject(new Error(`service listener in ${ns}: ${line}`));
  });
  child.once('exit', (code) => {
    const e = new Error(`service listener in ${ns} exited (${code ?? 'signal'})`);
    failed(e);
    for (const w of waiting.splice(0)) w.reject(e);
  });
  await started;
  return {
    child,
    set: (port, up) => new Promise<void>((resolve, reject) => {
      waiting.push({ resolve, reject });
      child.stdin?.write(`${up ? 'up' : 'down'} ${port}\n`);
    }),
  };
}
