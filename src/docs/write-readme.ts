// npm run docs: regenerate README.md's generated sections and the other generated docs
// (GENERATED_FILES). Everything is rendered before anything is written, and each file is
// replaced atomically, so a failing renderer leaves no file half-written.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { writeFileAtomic } from '../keepalived/atomic.js';
import { GENERATED_FILES } from './readme.js';

const root = new URL('../../', import.meta.url);
const rendered: { path: URL; text: string }[] = [];
for (const f of GENERATED_FILES) {
  const path = new URL(f.path, root);
  const current = existsSync(path) ? readFileSync(path, 'utf8') : '';
  rendered.push({ path, text: await f.render(current) });
}
for (const { path, text } of rendered) {
  writeFileAtomic(fileURLToPath(path), text);
  process.stdout.write(`updated ${path.pathname}\n`);
}
