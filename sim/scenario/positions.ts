// Maps a path inside the parsed YAML document back to file:line:col, so every complaint about a
// scenario points at the text the user wrote.
import { isMap, isNode, isPair, isScalar, type Document, type LineCounter } from 'yaml';
import type { SourcePos } from '../../src/cli/errors.js';

export interface YamlSource {
  readonly file: string;
  readonly doc: Document;
  readonly lc: LineCounter;
  readonly text: string;
}

export type YamlPath = readonly (string | number)[];

/** Position of the node at `path`, or of its nearest existing ancestor. With `key`, the key of the last segment. */
export function posOf(src: YamlSource, path: YamlPath, key = false): SourcePos {
  for (let n = path.length; n >= 0; n--) {
    const sub = path.slice(0, n);
    if (key && n === path.length && n > 0) {
      const parent = src.doc.getIn(sub.slice(0, -1), true);
      if (isMap(parent)) {
        const pair = parent.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === sub[sub.length - 1]);
        if (pair && isNode(pair.key) && pair.key.range) return at(src, pair.key.range[0]);
      }
    }
    const node = n === 0 ? src.doc.contents : src.doc.getIn(sub, true);
    if (isNode(node) && node.range) return at(src, node.range[0]);
  }
  return { file: src.file, line: 1, col: 1 };
}

export function at(src: YamlSource, offset: number): SourcePos {
  const p = src.lc.linePos(offset);
  return { file: src.file, line: p.line, col: p.col };
}
