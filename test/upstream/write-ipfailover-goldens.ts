// Regenerates test/fixtures/ipfailover/image-runs/*.conf by running the upstream generator:
//   VRRPLAB_OPENSHIFT_IMAGES=/path/to/openshift/images npx tsx test/upstream/write-ipfailover-goldens.ts
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { IMAGE_RUNS, runImageGenerator, upstreamGenerator, type ImageCases } from './ipfailover-image.js';

const gen = upstreamGenerator();
if (gen === undefined) {
  process.stderr.write('set VRRPLAB_OPENSHIFT_IMAGES to a checkout (or git dir) of github.com/openshift/images\n');
  process.exit(2);
}
const all = JSON.parse(readFileSync(join(IMAGE_RUNS, 'cases.json'), 'utf8')) as ImageCases;
for (const c of all.cases) {
  writeFileSync(join(IMAGE_RUNS, `${c.name}.conf`), runImageGenerator(gen.dir, all, c));
  process.stdout.write(`wrote ${c.name}.conf\n`);
}
gen.cleanup();
