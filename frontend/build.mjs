// Copies the pinned vendor files and the panel's own assets into the static resources folder given as the
// first argument (Maven passes target/classes/static). No bundler: the panel serves plain files.
import { cpSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = process.argv[2] ?? join(here, 'dist');
const files = [
  ['node_modules/htmx.org/dist/htmx.min.js', 'vendor/htmx.min.js'],
  ['node_modules/htmx-ext-sse/dist/sse.min.js', 'vendor/htmx-ext-sse.min.js'],
  ['src/upshift.css', 'css/upshift.css'],
  ['src/upshift.js', 'js/upshift.js'],
];
for (const [from, to] of files) {
  const target = join(out, to);
  mkdirSync(dirname(target), { recursive: true });
  cpSync(join(here, from), target);
}
console.log(`frontend: ${files.length} files -> ${out}`);
