// The shopper's "why am I seeing this?" note (web/src/why.mjs noteWords / reasonLines) from the
// toolkit's explanations: the owner's `why` sentence when there is one, else the toolkit's
// sentences for the shopper (explain.cpp `shopper`). A scan plays every persona journey of the
// studio and every conformance journey and reads every note a shopper could open: none may speak
// the rule language (event ids, "trait", comparison signs, underscores).

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

import { PERSONAS } from '../../web/studio/personas.js';
import { shopActions } from '../../web/studio/shop-actions.js';
import { createSimulator } from '../../web/studio/simulator.js';
import { noteWords, reasonLines } from '../../web/src/why.mjs';
import { ROOT, START, createEngine, defaultCatalogText, engineAt, wasmBinary } from './dist-module.mjs';

// What a shopper must never read: an event id or key (snake_case), the word trait, a sign.
const RULE_WORDS = /[<>=_]|\btraits?\b|\b(view_item|add_to_cart|remove_from_cart|purchase|page_view|session_start|begin_checkout|exit_intent|view_item_list)\b/i;

const leaf = (shopper, held) => ({ kind: 'count', text: 'owner words >= 1', shopper, held, value: 0 });
const node = (kind, held, children) => ({ kind, held, children, text: kind === 'not' ? 'the condition below does not hold, as required' : 'all of these hold' });

test('a new visitor of a catalogue without `why` reads what the visit found, in plain words', async () => {
  const catalogue = JSON.parse(defaultCatalogText);
  for (const segment of catalogue.segments) delete segment.why;
  const { engine } = await engineAt(START, { config: catalogue });
  assert.deepEqual(reasonLines(engine.explain('new_prospect')), [
    'You have not placed an order yet',
    'The shop has no order count for your account',
  ]);
  engine.dispose();
});

test('the owner\'s `why` of the offer wins over its segment\'s, and either over the generated sentences', async () => {
  const { engine } = await engineAt(START, { config: JSON.parse(defaultCatalogText) });
  const segment = engine.explain('new_prospect');
  assert.equal(segment.why, 'You have not ordered yet');
  const offer = engine.explainOffer('welcome_bestsellers_hero');
  assert.equal(offer.why, null);
  assert.deepEqual(noteWords(offer, segment, { segment: 'new_prospect' }), { lead: 'You have not ordered yet.', lines: [] });
  assert.deepEqual(noteWords({ ...offer, why: 'Our bestsellers are a good start!' }, segment, { segment: 'new_prospect' }),
    { lead: 'Our bestsellers are a good start!', lines: [] });
  // An offer for everyone says so.
  assert.equal(noteWords(engine.explainOffer('seasonal_edit_hero'), null, { segment: null }).lead, 'This offer is shown to every visitor.');
  engine.dispose();
});

test('under a "not", a failed "all" gives its failed conditions, a failed "any" all of them', () => {
  const tree = node('all', true, [
    node('not', true, [node('all', false, [leaf('A', true), leaf('B', false)])]),
    node('not', true, [node('any', false, [leaf('C', false), leaf('D', false)])]),
    leaf('E', true),
  ]);
  assert.deepEqual(reasonLines({ tree }), ['B', 'C', 'D', 'E']);
});

test('a "not" of a "not" gives the inner condition as held; nothing of a branch that did not count; no repeats', () => {
  const tree = node('any', true, [
    node('not', true, [node('not', false, [leaf('F', true)])]),
    node('all', false, [leaf('G', false)]),
    leaf('F', true),
  ]);
  assert.deepEqual(reasonLines({ tree }), ['F']);
});

test('a scored segment gives the sentences of the signals that held, never the owner\'s labels', () => {
  const explanation = { signals: [
    { label: 'added then removed', held: true, tree: leaf('You put an item in your cart', true) },
    { label: 'size guide', held: false, tree: leaf('You opened the size guide', false) },
  ] };
  assert.deepEqual(reasonLines(explanation), ['You put an item in your cart']);
});

// Every note a shopper could open now: for each slot's offer, the note of its decision; and the
// generated sentences of every segment the visitor is in (what a note would say without `why`).
function scanNotes(engine, where, seen) {
  for (const decision of engine.decide()) {
    if (!decision.offer) continue;
    const offer = engine.explainOffer(decision.offer);
    const segment = decision.segment ? engine.explain(decision.segment) : null;
    const words = noteWords(offer, segment, decision);
    for (const line of [words.lead, ...words.lines]) {
      assert.doesNotMatch(line, RULE_WORDS, `${where}: note of ${decision.offer}: "${line}"`);
      seen.add(line);
    }
  }
  for (const segment of engine.segments()) {
    const explanation = engine.explain(segment.id);
    const lines = reasonLines(explanation);
    // Every sentence of the tree, held or not: any of them can be a reason on another day.
    const all = [];
    const walk = (n) => {
      if (!n) return;
      if (typeof n.shopper === 'string') all.push(n.shopper);
      (n.children || []).forEach(walk);
    };
    walk(explanation.tree);
    for (const signal of explanation.signals || []) walk(signal.tree);
    for (const line of [...lines, ...all]) {
      assert.doesNotMatch(line, RULE_WORDS, `${where}: ${segment.id}: "${line}"`);
      assert.ok(line.length > 0 && line.length <= 200, `${where}: ${segment.id}: "${line}"`);
      seen.add(line);
    }
    if (segment.member && !explanation.why && all.length > 0) {
      assert.ok(lines.length > 0, `${where}: ${segment.id} holds, so its note has at least one reason`);
    }
  }
}

test('no note of any persona journey speaks the rule language (catalogue with and without `why`)', async () => {
  const seen = new Set();
  for (const withWhy of [true, false]) {
    const catalogue = JSON.parse(defaultCatalogText);
    if (!withWhy) for (const segment of catalogue.segments) delete segment.why;
    const sim = createSimulator({ createEngine: (options) => createEngine({ wasmBinary, loadToolkit: true, ...options }), storage: null });
    await sim.run(catalogue);
    for (const persona of PERSONAS) {
      await sim.play(() => persona.steps(shopActions(sim)));
      scanNotes(sim, `${persona.id}${withWhy ? '' : ' (no why)'}`, seen);
    }
  }
  // The scan read real sentences, not nothing.
  assert.ok(seen.size > 30, `${seen.size} distinct sentences`);
});

const UNIT_MS = { ms: 1, s: 1e3, m: 6e4, h: 36e5, d: 864e5, w: 6048e5 };
const nextTime = (previous, at) => {
  if (at === undefined) return previous;
  if (typeof at === 'number') return at;
  const match = /^\+(\d+(?:\.\d+)?)(ms|s|m|h|d|w)$/.exec(at);
  return previous + Number(match[1]) * UNIT_MS[match[2]];
};

test('no note of any conformance journey speaks the rule language', async () => {
  const dir = path.join(ROOT, 'tests/conformance');
  const index = JSON.parse(readFileSync(path.join(dir, 'index.json'), 'utf8'));
  const files = Array.isArray(index) ? index : index.files;
  const seen = new Set();
  let journeys = 0;
  for (const file of files) {
    const vector = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
    for (const testCase of vector.cases || []) {
      const config = testCase.config || vector.config;
      const clock = { time: START };
      const engine = await createEngine({
        wasmBinary, loadToolkit: true, now: () => clock.time, visitorId: testCase.visitor || 'v1',
        config: config === 'default' ? defaultCatalogText : config,
      });
      journeys += 1;
      for (const step of testCase.steps || []) {
        clock.time = nextTime(clock.time, step.at);
        if (step.track) engine.track(step.track.type, step.track.fields || {});
        else if (step.traits) engine.setTraits(step.traits);
        else if (step.context) engine.setContext(step.context);
        else if (step.record) engine.record(step.record.offer, step.record.outcome);
        else if (step.configure) engine.configure(step.configure.config === 'default' ? defaultCatalogText : step.configure.config);
        else if (step.expect) scanNotes(engine, `${file}: ${testCase.name}`, seen);
      }
      scanNotes(engine, `${file}: ${testCase.name} (end)`, seen);
      engine.dispose();
    }
  }
  assert.ok(journeys > 50, `${journeys} journeys`);
  assert.ok(seen.size > 100, `${seen.size} distinct sentences`);
});
