// No script under web/ writes markup into the page: pictures and icons are built element by
// element, offer content goes in as text. The same pattern as the project's before-stop check.

import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const WEB = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web');
const SINK = /\.innerHTML *=|insertAdjacentHTML|outerHTML *=|document\.write/;

function scripts(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return scripts(file);
    return /\.m?js$/.test(entry.name) ? [file] : [];
  });
}

test('no .js or .mjs file under web/ uses an HTML sink', () => {
  const files = scripts(WEB);
  assert.ok(files.some((f) => f.endsWith(path.join('demo', 'assets', 'art.js'))), 'the demo drawings are among the files checked');
  for (const file of files) {
    readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
      assert.doesNotMatch(line, SINK, `${path.relative(WEB, file)}:${i + 1}`);
    });
  }
});
