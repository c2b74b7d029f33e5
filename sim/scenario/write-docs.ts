// npm run docs: regenerate the scenario reference section of README.md (atomically).
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { withScenarioReference } from './docs.js';

const readme = new URL('../../README.md', import.meta.url);
const tmp = new URL('../../.README.md.tmp', import.meta.url);
writeFileSync(tmp, withScenarioReference(readFileSync(readme, 'utf8')));
renameSync(tmp, readme);
process.stdout.write(`updated ${readme.pathname}\n`);
