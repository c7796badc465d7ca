// Code shape check for CI: no import cycle in src/ or adapters/ (madge, type-only imports
// included) and no file over MAX_LINES lines. Over-long files fail the check under STRICT (areas
// that comply); elsewhere they are printed as warnings until their owners split them.
// Usage: node scripts/check-shape.mjs [dir…]   (default: src adapters)
import { readFileSync } from 'node:fs';
import madge from 'madge';

const MAX_LINES = 450;
const STRICT = ['src/quiz/', 'adapters/console/'];

const dirs = process.argv.slice(2).length ? process.argv.slice(2) : ['src', 'adapters'];
const graph = await madge(dirs, {
  baseDir: process.cwd(),
  fileExtensions: ['ts'],
  tsConfig: 'tsconfig.json',
  detectiveOptions: { ts: { skipTypeImports: false } },
});

let failed = false;
for (const cycle of graph.circular()) {
  console.error(`import cycle: ${[...cycle, cycle[0]].join(' → ')}`);
  failed = true;
}
const warnings = graph.warnings();
if (warnings.skipped?.length) console.warn(`madge could not resolve: ${warnings.skipped.join(', ')}`);

const lineCount = (text) => text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
for (const file of Object.keys(graph.obj()).sort()) {
  const lines = lineCount(readFileSync(file, 'utf8'));
  if (lines <= MAX_LINES) continue;
  const strict = STRICT.some((prefix) => file.startsWith(prefix));
  (strict ? console.error : console.warn)(`${strict ? 'too long' : 'warning: too long'}: ${file} has ${lines} lines (limit ${MAX_LINES})`);
  failed ||= strict;
}
const files = Object.keys(graph.obj()).length;
console.log(`check-shape: ${files} files, ${graph.circular().length} import cycles${failed ? ': FAILED' : ': ok'}`);
process.exit(failed ? 1 : 0);
