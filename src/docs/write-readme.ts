// npm run docs: regenerate the generated sections of README.md (atomically).
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { withGeneratedSections } from './readme.js';

const readme = new URL('../../README.md', import.meta.url);
const tmp = new URL('../../.README.md.tmp', import.meta.url);
writeFileSync(tmp, await withGeneratedSections(readFileSync(readme, 'utf8')));
renameSync(tmp, readme);
process.stdout.write(`updated ${readme.pathname}\n`);
