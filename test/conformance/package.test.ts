// The package as a user gets it: `npm pack`, install the tarball into a fresh project from the
// registry's dependencies, then the README's two promises: `npx vrrplab run` works, and the
// README's vitest example of `vrrplab/testing` type-checks and passes. Slow (an npm install),
// so it runs with the conformance tests; it needs the npm registry.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string; devDependencies: Record<string, string> };
const dir = mkdtempSync(join(tmpdir(), 'vrrplab-pack-'));
const project = join(dir, 'project');

function sh(cmd: string, args: readonly string[], cwd: string): { code: number; out: string; stdout: string } {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, npm_config_loglevel: 'error', npm_config_fund: 'false', npm_config_audit: 'false' } });
  return { code: r.status ?? -1, out: `${r.stdout}${r.stderr}`, stdout: r.stdout };
}

/** The README's worked example, verbatim: the fenced block after its heading. */
function readmeExample(): string {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const at = readme.indexOf('### A worked example (vitest + fast-check)');
  const m = /```ts\n([\s\S]*?)```/.exec(readme.slice(at));
  if (at < 0 || m?.[1] === undefined) throw new Error('README.md has no worked example (vitest + fast-check) block');
  return m[1];
}

const SCENARIO = `name: pair
duration: 30s
nodes:
${['a', 'b'].map((n, i) => `  - name: ${n}
    address: 192.0.2.${i + 1}
    keepalived: |
      vrrp_instance VI_1 {
        interface eth0
        virtual_router_id 51
        priority ${150 - 50 * i}
        virtual_ipaddress {
          192.0.2.100/24
        }
      }`).join('\n')}
timeline:
  - { at: 10s, crash: a }
expect:
  - { at: 20s, master: { instance: VI_1, node: b } }
`;

/**
 * Shipped files the last build did not make: ESM chunks no shipped chunk imports (esbuild names
 * them by content hash, so an earlier build's stay beside the new ones unless removed) and tsc
 * output whose source is gone.
 */
function unbuilt(paths: readonly string[]): string[] {
  const esm = paths.filter((p) => /^dist\/cli\/[^/]+\.mjs$/.test(p));
  const text = esm.map((p) => readFileSync(join(ROOT, p), 'utf8')).join('\n');
  const orphans = esm.filter((p) => p !== 'dist/cli/main.mjs' && !text.includes(`"./${basename(p)}"`));
  const sourceless = paths.filter((p) => /^dist\/(src|sim)\/.*\.js$/.test(p) && !existsSync(join(ROOT, p.slice('dist/'.length).replace(/\.js$/, '.ts'))));
  return [...orphans, ...sourceless];
}

describe('the packed tarball in a fresh project', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let tarball = '';

  it('npm pack ships the built library and CLI, not the sources or tests', () => {
    // prepack builds dist/ when it is missing or stale.
    const r = sh('npm', ['pack', '--pack-destination', dir, '--json'], ROOT);
    expect(r.code, r.out).toBe(0);
    // A build run by prepack prints before the JSON; the JSON is the last thing on stdout.
    const json = r.stdout.slice(r.stdout.lastIndexOf('\n[\n') + 1);
    const files = (JSON.parse(json) as { filename: string; files: { path: string }[] }[])[0];
    tarball = join(dir, files?.filename ?? '');
    const paths = (files?.files ?? []).map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['bin/vrrplab.js', 'dist/cli/main.mjs', 'dist/src/testing/index.js', 'dist/src/testing/index.d.ts', 'schema/scenario.schema.json', 'README.md']));
    expect(paths.filter((p) => p.startsWith('test/') || p.startsWith('src/'))).toEqual([]);
    expect(unbuilt(paths)).toEqual([]);
  });

  it('installs from the tarball with its dependencies from the registry', () => {
    mkdirSync(project);
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'user-project', private: true, type: 'module' }));
    const dev = pkg.devDependencies;
    const r = sh('npm', ['install', '--prefer-offline', tarball, `fast-check@${dev['fast-check']}`, `vitest@${dev['vitest']}`, `typescript@${dev['typescript']}`, `@types/node@${dev['@types/node']}`], project);
    expect(r.code, r.out).toBe(0);
  });

  it('npx vrrplab run works', () => {
    writeFileSync(join(project, 'pair.yaml'), SCENARIO);
    const r = sh('npx', ['vrrplab', 'run', 'pair.yaml'], project);
    expect(r.out).toMatch(/1 passed, 0 failed/);
    expect(r.code, r.out).toBe(0);
    expect(execFileSync('npx', ['vrrplab', '--version'], { cwd: project, encoding: 'utf8' }).trim()).toBe(pkg.version);
  });

  it("the README's vitest example type-checks (strict, declarations checked) and passes", () => {
    writeFileSync(join(project, 'example.test.ts'), readmeExample());
    writeFileSync(join(project, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', noEmit: true, skipLibCheck: false, types: ['node'] }, include: ['*.ts'] }));
    const tsc = sh('npx', ['tsc', '-p', '.'], project);
    expect(tsc.code, tsc.out).toBe(0);
    const vt = sh('npx', ['vitest', 'run'], project);
    expect(vt.code, vt.out).toBe(0);
    expect(vt.out).toMatch(/1 passed/);
  });
});
