// `vrrplab explore --jobs N`: the runs of an exploration (or of its --shard i/n) judged by N
// child processes, each a finer shard. An unsharded exploration stops at its first failure, so
// a child is stopped as soon as every run it could still judge comes after the earliest failure
// known: what is left is exactly what decides the first failure, and the result is the one a
// single process reports.
import type { LoadedScenario } from '../../sim/scenario/load.js';
import type { ExploreOptions } from '../explore/explore.js';
import { EXPLORE_FORMAT, shardResult, type ExploreShardResult, type ShardFailure } from '../explore/shard.js';
import type { Shard } from '../availability/study.js';
import { parentChannel, runJobs, sliceSize } from './jobs.js';
import { EXIT_FAILED, EXIT_OK } from './errors.js';

/** In a child of exploreInJobs, reports each judged run to the parent; elsewhere undefined. */
export function judgedToParent(): ExploreOptions['onJudged'] {
  const send = parentChannel();
  return send === null ? undefined : (run, ok) => send(`${run} ${ok ? 1 : 0}`);
}

export interface JobsResult {
  /** The earliest failing run of the slice, shrunk, or null. */
  readonly first: ShardFailure | null;
  /** What the slice's one-process shard prints (judged up to the first failure). */
  readonly shard: ExploreShardResult;
}

/**
 * Runs the slice `shard` (null: every run) in children that run its finer shards `children`
 * (childShards), started with `args` (the command's own options, without --shard), and returns
 * its first failure.
 */
export async function exploreInJobs(
  scenario: LoadedScenario, opts: ExploreOptions, shard: Shard | null, children: readonly Shard[], args: readonly string[], cwd: string,
  onProgress: (done: number, total: number) => void,
): Promise<JobsResult> {
  const count = children[0]?.count ?? 1;
  const total = sliceSize(opts.runs, shard);
  // next[j]: the next run child j would judge; a child judges its runs in increasing order.
  const next = children.map((c) => c.index);
  let failAt = Infinity;
  let owner = -1;
  let done = 0;
  const outs = await runJobs(next.map((sub) => [...args, '--shard', `${sub}/${count}`]), cwd, (j, line, control) => {
    const [run, ok] = line.split(' ').map(Number) as [number, number];
    next[j] = run + count;
    if (ok === 1) onProgress(++done, total);
    else if (run < failAt) {
      if (owner >= 0) control.stop(owner);
      failAt = run;
      owner = j;
    }
    next.forEach((r, c) => { if (c !== owner && r > failAt) control.stop(c); });
  }, [EXIT_OK, EXIT_FAILED]);
  const failures: ShardFailure[] = [];
  for (const o of outs) {
    if (o.stopped) continue;
    const r = JSON.parse(o.stdout) as ExploreShardResult;
    // A child reads the scenario again: one that changed meanwhile must not blend in.
    const mineNow = shardResult(scenario, opts, r.shard, r.judged, r.failures);
    if (r.format !== EXPLORE_FORMAT || JSON.stringify(r) !== JSON.stringify(mineNow)) throw new Error('a child explored another scenario or options (did the file change?)');
    failures.push(...r.failures);
  }
  failures.sort((a, b) => a.run - b.run);
  const first = failures[0] ?? null;
  // The slice's runs up to the first failure, which is one of them.
  const judged = first === null ? total : sliceSize(first.run + 1, shard);
  return { first, shard: shardResult(scenario, opts, shard ?? { index: 0, count: 1 }, judged, first === null ? [] : [first]) };
}
