// A YAML input file (install-config, Kubernetes manifests) read with positions, so that bad
// input is reported as file:line:col of the offending field.
import { LineCounter, parseAllDocuments, type Document } from 'yaml';
import { z } from 'zod';
import { InputError, type SourcePos } from '../cli/errors.js';

export type YamlPath = readonly (string | number)[];

export interface YamlDoc {
  readonly file: string;
  readonly value: unknown;
  readonly pos: (path: YamlPath) => SourcePos;
}

function docPos(file: string, lc: LineCounter, doc: Document): (path: YamlPath) => SourcePos {
  return (path) => {
    // The deepest node that exists along the path.
    for (let n = path.length; n >= 0; n--) {
      const node = doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
      const offset = node?.range?.[0];
      if (offset !== undefined) {
        const { line, col } = lc.linePos(offset);
        return { file, line, col };
      }
    }
    return { file };
  };
}

/** Every document of the stream (`---` separated), empty ones dropped. */
export function readYamlDocs(text: string, file: string): YamlDoc[] {
  const lc = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: lc, prettyErrors: false });
  if (!Array.isArray(docs)) throw new InputError('expected YAML documents', { file });
  const out: YamlDoc[] = [];
  for (const doc of docs) {
    const err = doc.errors[0];
    if (err !== undefined) {
      const { line, col } = lc.linePos(err.pos[0]);
      throw new InputError(`YAML: ${err.message.split('\n')[0] ?? ''}; expected valid YAML`, { file, line, col });
    }
    const value: unknown = doc.toJS();
    if (value !== null && value !== undefined) out.push({ file, value, pos: docPos(file, lc, doc) });
  }
  return out;
}

/** Validate with zod; the first issue becomes one positioned InputError. */
export function parseWith<T extends z.ZodType>(schema: T, doc: YamlDoc, what: string): z.output<T> {
  const r = schema.safeParse(doc.value);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const path = (issue?.path ?? []).filter((p): p is string | number => typeof p !== 'symbol');
  const field = path.length > 0 ? `${path.join('.')}: ` : '';
  throw new InputError(`${what}: ${field}${issue?.message ?? 'invalid'}`, doc.pos(path));
}
