// Scenario file -> SimSpec + expectations. Every error is an InputError naming file:line:col and
// what is expected; the loader never half-builds a world.
// The seams: parse (here: text -> YAML document), validate (validate-file.ts: the schema, with
// errors in the file's terms), resolve (resolve.ts: nodes, probes, keepalived via
// node-keepalived.ts) and build (build-faults.ts, build-expectations.ts).
import { readInputText } from '../../src/cli/read-input.js';
import { LineCounter, parseDocument } from 'yaml';
import { yamlToJs } from './yaml-js.js';
import { InputError } from '../../src/cli/errors.js';
import type { Micros } from '../../src/vrrp/types.js';
import type { NodeModel, Warning } from '../../src/model/types.js';
import type { SourceMap } from '../../src/model/build-context.js';
import type { SimSpec } from '../spec.js';
import type { YamlSource } from './positions.js';
import type { Expectation } from './expectations.js';
import { validate } from './validate-file.js';
import { resolveScenario } from './resolve.js';
import type { HostInterface } from '../../src/ipfailover/host-device.js';
import type { ParsedIpfailover } from '../../src/ipfailover/spec.js';

export interface LoadedScenario {
  readonly file: string;
  readonly name: string;
  readonly description: string | null;
  readonly spec: SimSpec;
  readonly expectations: readonly Expectation[];
  readonly warnings: readonly Warning[];
  /** The deployment as the keepalived adapter models it (for render/lint/conformance). */
  readonly nodes: readonly NodeModel[];
  /** The ipfailover blocks, and the nodes whose keepalived they generated. */
  readonly ipfailover: readonly ParsedIpfailover[];
  readonly ipfailoverNodes: readonly string[];
  /** node name -> its devices as the ipfailover image probes them. */
  readonly ipfailoverHosts: ReadonlyMap<string, readonly HostInterface[]>;
  /** node name -> where its keepalived keywords stand, for findings. */
  readonly positions: ReadonlyMap<string, SourceMap>;
  /** node name -> its keepalived.conf as written (file, inline text or generated), for
   *  conformance runs on the user's own files. */
  readonly sources: ReadonlyMap<string, KeepalivedSource>;
}

export interface KeepalivedSource {
  readonly text: string;
  /** The file it was read from; null for inline or generated text. */
  readonly file: string | null;
}

export interface LoadOptions {
  readonly readFile?: (path: string) => string;
  /** Expands keepalived include globs to the paths readFile reads; default: the file system when
   *  readFile is the default too, else no expansion (a pattern is read as a name). */
  readonly glob?: (pattern: string) => string[];
  readonly seed?: number;
  readonly until?: Micros;
}

const defaultRead = (p: string): string => readInputText(p);

export function loadScenario(path: string, opts: LoadOptions = {}): LoadedScenario {
  const read = opts.readFile ?? defaultRead;
  let text: string;
  try {
    text = read(path);
  } catch (e) {
    throw new InputError(`cannot read scenario: ${(e as NodeJS.ErrnoException).code ?? String(e)}; expected a readable YAML file`, { file: path });
  }
  return loadScenarioText(text, path, opts);
}

export function loadScenarioText(text: string, file: string, opts: LoadOptions = {}): LoadedScenario {
  const read = opts.readFile ?? defaultRead;
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  const src: YamlSource = { file, doc, lc, text };
  const yamlErr = doc.errors[0];
  if (yamlErr !== undefined) {
    // Without prettyErrors the yaml library leaves linePos unset: place the error from its offset.
    const lp = yamlErr.linePos?.[0] ?? lc.linePos(yamlErr.pos[0]);
    throw new InputError(`invalid YAML: ${yamlErr.message.split('\n')[0]}`, { file, line: lp.line, col: lp.col });
  }
  const raw: unknown = yamlToJs(doc, lc, file);
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new InputError('expected a mapping with name, duration, nodes, ...', { file, line: 1, col: 1 });
  const sc = validate(src, raw);
  return resolveScenario(src, sc, read, opts);
}
