// The studio's one function that changes an id (web/studio/references.js renameId) and the ids it
// makes from names; and undo / redo over edits (web/studio/undo-stack.js, through store.js).
// Run: node --test tests/js/studio-references.test.mjs (no build needed).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { renameId, slugOf, uniqueIdFor, idFollowsName, namesOf } from '../../web/studio/references.js';
import { createUndoStack } from '../../web/studio/undo-stack.js';
import { createStore } from '../../web/studio/store.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const catalogue = () => JSON.parse(readFileSync(path.join(ROOT, 'src/catalog/default.json'), 'utf8'));

/** Every place a segment id is referenced: offers' lists, {"segment": id} rules anywhere. */
function referencesTo(config, id) {
  let n = 0;
  const visit = (node, inWhere) => {
    if (Array.isArray(node)) { node.forEach((x) => visit(x, inWhere)); return; }
    if (!node || typeof node !== 'object') return;
    if (!inWhere && node.segment === id) n += 1;
    for (const [k, v] of Object.entries(node)) visit(v, inWhere || k === 'where');
  };
  for (const o of config.offers) { n += (o.segments || []).filter((s) => s === id).length; visit(o.rule, false); }
  for (const s of config.segments) visit(s.rule || s.score, false);
  return n;
}

test('renaming a segment rewrites offers, offer rules and other segments\' rules and signals', () => {
  const config = {
    version: 1,
    segments: [
      { id: 'sale_hunter', name: 'Sale hunter', rule: { count: 'view_item', where: { tags: 'sale' }, gte: 3 } },
      { id: 'bargain_vip', rule: { all: [{ segment: 'sale_hunter' }, { not: { segment: 'sale_hunter' } }] } },
      { id: 'scored', score: { enter: 1, signals: [{ weight: 1, rule: { any: [{ segment: 'sale_hunter' }] } }] } },
      // an event field called "segment" inside a filter is not a reference
      { id: 'filtered', rule: { count: 'page_view', where: { segment: 'sale_hunter' }, gte: 1 } },
    ],
    offers: [
      { id: 'hero', slot: 'hero', segments: ['bargain_vip', 'sale_hunter'], rule: { segment: 'sale_hunter' } },
      { id: 'other', slot: 'hero', segments: ['scored'], content: { title: 'sale_hunter' } },
    ],
  };
  const before = referencesTo(config, 'sale_hunter');
  assert.equal(before, 5);
  const result = renameId(config, 'segment', 'sale_hunter', 'bargain_hunter');
  assert.deepEqual(result, { renamed: 1, references: 5 });
  assert.equal(config.segments[0].id, 'bargain_hunter');
  assert.equal(referencesTo(config, 'sale_hunter'), 0);
  assert.equal(referencesTo(config, 'bargain_hunter'), 5);
  assert.deepEqual(config.offers[0].segments, ['bargain_vip', 'bargain_hunter']);
  assert.deepEqual(config.segments[1].rule.all[1], { not: { segment: 'bargain_hunter' } });
  assert.deepEqual(config.segments[3].rule.where, { segment: 'sale_hunter' }, 'filters are event fields');
  assert.equal(config.offers[1].content.title, 'sale_hunter', 'offer text is not a reference');
});

test('every segment of the catalogue renamed keeps every reference (count preserved, none left)', () => {
  const original = catalogue();
  for (const { id } of original.segments) {
    const config = catalogue();
    const count = referencesTo(config, id);
    const result = renameId(config, 'segment', id, `${id}_renamed`);
    assert.equal(result.renamed, 1, id);
    assert.equal(result.references, count, id);
    assert.equal(referencesTo(config, id), 0, id);
    assert.equal(referencesTo(config, `${id}_renamed`), count, id);
    // and back again gives the catalogue itself
    renameId(config, 'segment', `${id}_renamed`, id);
    assert.deepEqual(config, original, id);
  }
});

test('a rename that would clash, an unknown id, a duplicate id or an empty id changes nothing', () => {
  const config = catalogue();
  const snapshot = JSON.stringify(config);
  const [a, b] = config.segments;
  assert.deepEqual(renameId(config, 'segment', a.id, b.id), { renamed: 0, references: 0 });
  assert.deepEqual(renameId(config, 'segment', 'no_such_segment', 'x'), { renamed: 0, references: 0 });
  assert.deepEqual(renameId(config, 'segment', a.id, ''), { renamed: 0, references: 0 });
  assert.deepEqual(renameId(config, 'thing', a.id, 'x'), { renamed: 0, references: 0 });
  assert.deepEqual(renameId(null, 'segment', a.id, 'x'), { renamed: 0, references: 0 });
  assert.equal(JSON.stringify(config), snapshot);
  config.segments.push({ ...a });
  const twice = JSON.stringify(config);
  assert.deepEqual(renameId(config, 'segment', a.id, 'which_one'), { renamed: 0, references: 0 });
  assert.equal(JSON.stringify(config), twice);
});

test('renaming an offer changes its id only (a configuration refers to offers nowhere else)', () => {
  const config = catalogue();
  const id = config.offers[0].id;
  const result = renameId(config, 'offer', id, 'renamed_offer');
  assert.deepEqual(result, { renamed: 1, references: 0 });
  assert.equal(config.offers[0].id, 'renamed_offer');
  assert.ok(!JSON.stringify(config).includes(`"${id}"`));
});

test('ids from names: slugs, unique suffixes, and whether an id still follows its name', () => {
  assert.equal(slugOf('Sale hunter'), 'sale_hunter');
  assert.equal(slugOf('  Für dich — 20 % off!  '), 'fur_dich_20_off');
  assert.equal(slugOf('***'), '');
  assert.equal(slugOf(undefined), '');
  assert.match(slugOf('x'.repeat(500)), /^x{60}$/);
  const taken = new Set(['sale_hunter', 'sale_hunter_2']);
  assert.equal(uniqueIdFor('Sale hunter', taken), 'sale_hunter_3');
  assert.equal(uniqueIdFor('!!!', new Set()), 'item');
  assert.ok(idFollowsName('sale_hunter', 'Sale Hunter'));
  assert.ok(idFollowsName('sale_hunter_3', 'Sale hunter'));
  assert.ok(!idFollowsName('cart_abandoner', 'Left their cart'));
  assert.ok(!idFollowsName('x', ''));
  // every id the slug makes is a valid id of the language ([a-z0-9_]+) or empty
  for (let i = 0; i < 2000; i += 1) {
    const name = String.fromCharCode(...Array.from({ length: 1 + (i % 17) }, (_, j) => 32 + ((i * 7919 + j * 104729) % 700)));
    const slug = slugOf(name);
    assert.ok(slug === '' || /^[a-z0-9_]+$/.test(slug), JSON.stringify([name, slug]));
  }
  const names = namesOf(catalogue());
  assert.equal(names.segment('cart_abandoner'), 'Cart abandoner');
  assert.equal(names.offer('feedback_request_hero'), 'How was your last order?');
  assert.equal(names.segment('unknown'), 'unknown');
});

test('undo stack: steps, one step per control, redo cleared by a new edit', () => {
  const stack = createUndoStack({ limit: 3 });
  assert.equal(stack.undo('x'), null);
  stack.record('a', 'title'); stack.record('ab', 'title');  // same control: one step
  stack.record('abc', 'body');
  assert.equal(stack.undo('abcd'), 'abc');
  assert.equal(stack.undo('abc'), 'a');
  assert.equal(stack.canUndo, false);
  assert.equal(stack.redo('a'), 'abc');
  stack.record('abc', null);
  assert.equal(stack.canRedo, false, 'a new edit drops what was undone');
  for (const s of ['1', '2', '3', '4']) stack.record(s, null);
  let n = 0;
  while (stack.undo('z') !== null) n += 1;
  assert.equal(n, 3, 'bounded');
});

test('the store undoes and redoes configuration edits, from the form, the JSON text, an import', () => {
  const memory = new Map();
  const storage = { getItem: (k) => (memory.has(k) ? memory.get(k) : null), setItem: (k, v) => memory.set(k, String(v)), removeItem: (k) => memory.delete(k) };
  const validate = (c) => (c && typeof c === 'object' && Array.isArray(c.segments) ? { ok: true, issues: [] } : { ok: false, issues: [{ code: 'x', path: '', message: 'x' }] });
  const store = createStore({ validate, initialConfig: { version: 1, segments: [], offers: [] }, storage });
  assert.equal(store.canUndo, false, 'loading is not an edit');
  const draft = store.state.draft;
  draft.segments.push({ id: 'a' });
  store.setDraft(draft, 'form', 'form:/segments');
  draft.segments[0].name = 'A';
  store.setDraft(draft, 'form', 'form:/segments/0/name|name');
  draft.segments[0].name = 'Ab';
  store.setDraft(draft, 'form', 'form:/segments/0/name|name');  // same control: same step
  store.setDraftText('{ broken', 'json');
  assert.equal(store.state.draftText, '{ broken');
  assert.ok(store.undo());
  assert.equal(store.state.draftText, null);
  assert.deepEqual(store.state.draft.segments, [{ id: 'a', name: 'Ab' }]);
  assert.ok(store.undo());
  assert.deepEqual(store.state.draft.segments, [{ id: 'a' }]);
  assert.ok(store.undo());
  assert.deepEqual(store.state.draft.segments, []);
  assert.equal(store.undo(), false);
  assert.ok(store.redo());
  assert.ok(store.redo());
  assert.deepEqual(store.state.working.segments, [{ id: 'a', name: 'Ab' }], 'the working config follows undo and redo');
  store.setDraft({ version: 1, segments: [{ id: 'imported' }], offers: [] }, 'import');
  assert.equal(store.canRedo, false);
  assert.ok(store.undo());
  assert.deepEqual(store.state.draft.segments, [{ id: 'a', name: 'Ab' }]);
});
