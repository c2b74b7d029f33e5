// The shipped recipes must agree with themselves and with the CLI: the matrix has SHARDS
// entries 0..SHARDS-1, the Indexed Job's --shard count is its completions, and both name a
// scenario that exists.
import { existsSync, readFileSync } from 'node:fs';
import { parse, parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';

describe('examples/availability', () => {
  it('the GitHub Actions matrix covers every shard once and merges them', () => {
    const wf = parse(readFileSync('examples/availability/github-actions-matrix.yml', 'utf8')) as {
      env: { SCENARIO: string; SHARDS: number }; jobs: { shard: { strategy: { matrix: { index: number[] } }; steps: { run?: string }[] }; merge: { needs: string; steps: { run?: string }[] } };
    };
    expect(wf.jobs.shard.strategy.matrix.index).toEqual([...Array(wf.env.SHARDS).keys()]);
    expect(existsSync(wf.env.SCENARIO)).toBe(true);
    expect(wf.jobs.shard.steps.some((s) => s.run?.includes('--shard ${{ matrix.index }}/$SHARDS --format json'))).toBe(true);
    expect(wf.jobs.merge.needs).toBe('shard');
    expect(wf.jobs.merge.steps.some((s) => s.run?.startsWith('npx vrrplab availability merge shard-*.json'))).toBe(true);
  });

  it('the Kubernetes Job is Indexed and shards by JOB_COMPLETION_INDEX over its completions', () => {
    const docs = parseAllDocuments(readFileSync('examples/availability/kubernetes-indexed-job.yaml', 'utf8')).map((d) => d.toJS() as Record<string, unknown>);
    const job = docs.find((d) => (d['metadata'] as { name: string }).name === 'vrrplab-availability') as { spec: { completionMode: string; completions: number; template: { spec: { containers: { args: string[] }[] } } } };
    expect(job.spec.completionMode).toBe('Indexed');
    const cmd = job.spec.template.spec.containers[0]?.args[0] ?? '';
    expect(cmd).toContain(`--shard "$JOB_COMPLETION_INDEX/${job.spec.completions}"`);
    expect(existsSync(/availability (\S+\.yaml)/.exec(cmd)?.[1] ?? 'missing')).toBe(true);
    const merge = docs.find((d) => (d['metadata'] as { name: string }).name === 'vrrplab-availability-merge');
    expect(JSON.stringify(merge)).toContain('vrrplab availability merge /results/shard-*.json');
  });
});
