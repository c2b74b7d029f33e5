// Leftovers of runs that died without tearing down (SIGKILL, power loss). A namespace is only
// removed when the process that created it is gone, so a concurrent live run is never touched.
import { run } from './exec.js';
import { NETNS_ROOT_PREFIX, pidOfRunPrefix } from './names.js';
import { destroyNamespaces } from './topology.js';

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function listNamespaces(): Promise<string[]> {
  const { stdout } = await run('ip', ['netns', 'list']);
  // Lines look like `name (id: 3)` or just `name`.
  return stdout.split('\n').map((l) => l.trim().split(/\s+/)[0] ?? '').filter(Boolean);
}

/** Deletes namespaces whose names start with `prefix` and whose creating process is dead. */
export async function cleanupStale(prefix: string = NETNS_ROOT_PREFIX): Promise<string[]> {
  const stale = (await listNamespaces()).filter((ns) => {
    if (!ns.startsWith(prefix)) return false;
    const pid = pidOfRunPrefix(ns);
    return pid !== null && !processAlive(pid);
  });
  await destroyNamespaces(stale);
  return stale;
}
