// The persona table of docs/CATALOG.md says what tests/conformance/catalog-personas.json checks:
// every row is a case, with the same offer (by its title) in every slot, and every case a row.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

import { ROOT } from './dist-module.mjs';

const read = (file) => readFileSync(path.join(ROOT, file), 'utf8');
const catalogue = JSON.parse(read('src/catalog/default.json'));
const titles = new Map(catalogue.offers.map((o) => [o.id, o.content.title]));
const vectors = JSON.parse(read('tests/conformance/catalog-personas.json'));

function tableRows() {
  const lines = read('docs/CATALOG.md').split('\n');
  const start = lines.findIndex((l) => l.startsWith('| persona | journey |'));
  assert.ok(start >= 0, 'docs/CATALOG.md has the persona table');
  const rows = [];
  for (let i = start + 2; i < lines.length && lines[i].startsWith('|'); i++) {
    rows.push(lines[i].split('|').slice(1, -1).map((cell) => cell.trim()));
  }
  return rows;
}

test('every persona row of docs/CATALOG.md is a conformance case with the same offers, and back', () => {
  const rows = tableRows();
  assert.equal(rows.length, vectors.cases.length);
  assert.ok(rows.length >= 20, '16 studio personas and the four journeys of issue 16');
  for (const [persona, journey, hero, nudge, cart, exit, thanks, why] of rows) {
    const found = vectors.cases.find((c) => c.name === `${persona}: ${journey}`);
    assert.ok(found, `no case for the row "${persona}: ${journey}"`);
    const expects = found.steps.filter((s) => s.expect).map((s) => s.expect);
    const offers = expects[0].offers;
    const exitOffer = expects.length > 1 && expects[1].offers ? expects[1].offers.exit_intent : offers.exit_intent;
    assert.deepEqual([hero, nudge, cart, exit, thanks],
      [offers.hero, offers.product_nudge, offers.cart_incentive, exitOffer, offers.thank_you].map((id) => titles.get(id)),
      `${persona}: the table's offers are the case's`);
    assert.equal(why, found.why, `${persona}: the reason`);
  }
});

test('the studio personas are all in the table', () => {
  const personas = read('web/studio/personas.js');
  const names = [...personas.matchAll(/name: '([^']+)'/g)].map((m) => m[1].toLowerCase());
  assert.equal(names.length, 16);
  for (const name of names) assert.ok(vectors.cases.some((c) => c.name.startsWith(name + ':')), `${name} has a case`);
});
