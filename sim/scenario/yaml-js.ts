// A parsed YAML document to plain data, with the yaml library's alias failures as input errors:
// an alias to an anchor not yet defined, and more than 100 alias expansions (the library's
// alias-bomb limit, kept) both throw a bare ReferenceError from toJS().
import { isAlias, visit, type Alias, type Document, type LineCounter } from 'yaml';
import { InputError } from '../../src/cli/errors.js';

const MAX_ALIAS_COUNT = 100;

export function yamlToJs(doc: Document, lc: LineCounter, file: string): unknown {
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    if (!(e instanceof ReferenceError)) throw e;
    const aliases: Alias[] = [];
    visit(doc, { Alias: (_k, n) => { if (isAlias(n)) aliases.push(n); } });
    const unresolved = aliases.find((a) => a.resolve(doc) === undefined);
    const at = unresolved ?? aliases[0];
    const lp = at?.range == null ? undefined : lc.linePos(at.range[0]);
    const pos = { file, line: lp?.line ?? 1, col: lp?.col ?? 1 };
    if (unresolved !== undefined) throw new InputError(`invalid YAML: alias *${unresolved.source} names no anchor defined before it; expected &${unresolved.source} earlier in the file`, pos);
    throw new InputError(`invalid YAML: aliases expand to more than ${MAX_ALIAS_COUNT} nodes (an alias bomb?); expected at most ${MAX_ALIAS_COUNT} alias uses`, pos);
  }
}
