// A strict little XML reader for the JUnit tests: elements, attributes, text, the five named
// entities and numeric references. It throws on anything a real parser would reject that our
// writer could plausibly produce (unclosed or crossed tags, unquoted or duplicate attributes,
// a bare `&` or `<`, characters XML 1.0 forbids), so "it parses" means "it is well-formed".

export interface XmlElement {
  readonly name: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: readonly XmlElement[];
  readonly text: string;
}

const NAMED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function decode(s: string, where: number): string {
  if (/[<]/.test(s)) throw new Error(`bare '<' at ${where}`);
  return s.replace(/&([^;]*);|&/g, (m, ref: string | undefined) => {
    if (ref === undefined) throw new Error(`bare '&' at ${where}`);
    if (ref.startsWith('#x')) return String.fromCodePoint(parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return String.fromCodePoint(Number(ref.slice(1)));
    const v = NAMED[ref];
    if (v === undefined) throw new Error(`unknown entity &${ref}; at ${where}`);
    return v;
  });
}

export function parseXml(doc: string): XmlElement {
  if (FORBIDDEN.test(doc)) throw new Error('character not allowed in XML 1.0');
  let i = 0;
  const decl = /^<\?xml [^?]*\?>\s*/.exec(doc);
  if (decl !== null) i = decl[0].length;
  const stack: { name: string; attrs: Record<string, string>; children: XmlElement[]; text: string }[] = [];
  let root: XmlElement | null = null;
  while (i < doc.length) {
    if (doc[i] !== '<') {
      const next = doc.indexOf('<', i);
      const raw = doc.slice(i, next === -1 ? doc.length : next);
      const top = stack[stack.length - 1];
      if (top === undefined) {
        if (raw.trim() !== '') throw new Error(`text outside the root at ${i}`);
      } else top.text += decode(raw, i);
      i = next === -1 ? doc.length : next;
      continue;
    }
    if (doc.startsWith('</', i)) {
      const m = /^<\/([A-Za-z_][\w.-]*)\s*>/.exec(doc.slice(i));
      const top = stack.pop();
      if (m === null || top === undefined || m[1] !== top.name) throw new Error(`mismatched close tag at ${i}`);
      const el: XmlElement = { name: top.name, attrs: top.attrs, children: top.children, text: top.text };
      const parent = stack[stack.length - 1];
      if (parent === undefined) root = el;
      else parent.children.push(el);
      i += m[0].length;
      continue;
    }
    const m = /^<([A-Za-z_][\w.-]*)((?:\s+[A-Za-z_][\w.-]*\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/.exec(doc.slice(i));
    if (m === null) throw new Error(`malformed tag at ${i}: ${doc.slice(i, i + 40)}`);
    if (root !== null) throw new Error('second root element');
    const attrs: Record<string, string> = {};
    for (const a of (m[2] ?? '').matchAll(/([A-Za-z_][\w.-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
      const k = a[1] ?? '';
      if (k in attrs) throw new Error(`duplicate attribute ${k} at ${i}`);
      attrs[k] = decode(a[2] ?? a[3] ?? '', i);
    }
    const el = { name: m[1] ?? '', attrs, children: [] as XmlElement[], text: '' };
    if (m[3] === '/') {
      const parent = stack[stack.length - 1];
      if (parent === undefined) root = el;
      else parent.children.push(el);
    } else stack.push(el);
    i += m[0].length;
  }
  if (stack.length > 0 || root === null) throw new Error('unclosed element');
  return root;
}

export const childrenNamed = (e: XmlElement, name: string): XmlElement[] => e.children.filter((c) => c.name === name);
