// `vrrplab availability merge FILE...`: the shards of one study back into the unsharded result.
// Every shard carries the study's parameters and its run records; the merged summary is
// recomputed from the union of the records in run order, so it is byte-identical to one
// unsharded run. Shards of different studies, a missing or repeated shard are refused.
import { InputError, safeJson } from '../cli/errors.js';
import { assemble, FORMAT, shardRuns, type RunRecord, type StudyResult } from './study.js';

export interface ShardFile {
  readonly file: string;
  readonly text: string;
}

function parseShard(f: ShardFile): StudyResult {
  let v: unknown;
  try {
    v = JSON.parse(f.text);
  } catch (e) {
    throw new InputError(`not JSON (${e instanceof Error ? e.message : String(e)}), expected the output of vrrplab availability --format json --shard i/n`, { file: f.file });
  }
  if (v === null || typeof v !== 'object' || (v as { format?: unknown }).format !== FORMAT) throw new InputError(`not an availability result, expected JSON with "format": "${FORMAT}"`, { file: f.file });
  const r = v as StudyResult;
  if (!Array.isArray(r.runs) || typeof r.study !== 'object' || r.study === null) throw new InputError('the result has no study or runs, expected an unmodified availability result', { file: f.file });
  return r;
}

export function mergeShards(files: readonly ShardFile[]): StudyResult {
  if (files.length === 0) throw new InputError('no files, expected the JSON results of every shard', { file: 'merge' });
  const parsed = files.map((f) => ({ f, r: parseShard(f) }));
  const first = parsed[0] as { f: ShardFile; r: StudyResult };
  const study = JSON.stringify(first.r.study);
  const count = first.r.shard?.count ?? 1;
  const seen = new Map<number, string>();
  for (const { f, r } of parsed) {
    if (JSON.stringify(r.study) !== study) throw new InputError(`a shard of a different study (scenarios, seed, runs or years differ from ${first.f.file}), expected shards of one study`, { file: f.file });
    const idx = r.shard?.index ?? 0;
    if ((r.shard?.count ?? 1) !== count) throw new InputError(`shard ${idx}/${r.shard?.count ?? 1} does not match ${first.f.file}'s /${count}, expected every shard of one split`, { file: f.file });
    const dup = seen.get(idx);
    if (dup !== undefined) throw new InputError(`shard ${idx}/${count} is also in ${dup}, expected each shard once`, { file: f.file });
    seen.set(idx, f.file);
    const want = shardRuns(first.r.study.runs, r.shard);
    if (r.runs.length !== want.length || r.runs.some((x, i) => x.run !== want[i])) throw new InputError(`shard ${idx}/${count} does not hold runs ${want.slice(0, 3).join(', ')}…, expected an unmodified shard result`, { file: f.file });
  }
  const missing = [...Array(count).keys()].filter((i) => !seen.has(i));
  if (missing.length > 0) throw new InputError(`shard(s) ${missing.map((i) => `${i}/${count}`).join(', ')} missing, expected all ${count} shards`, { file: 'merge' });
  const runs: RunRecord[] = parsed.flatMap(({ r }) => r.runs).sort((a, b) => a.run - b.run);
  return assemble(first.r.study, null, runs);
}

export function resultJson(r: StudyResult): string {
  return `${safeJson(r, 1)}\n`;
}
