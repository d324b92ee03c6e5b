// The merge of two tabs (journal.mjs, persistence.mjs) as a property: random interleavings of
// bursts in two tabs, of their saves, and of the `storage` events each hears of the other's writes,
// on a stand-in engine whose state is the list of its events. Whatever the order, every event ends
// in the stored state and in both tabs exactly once: none lost, none doubled, bursts of any size.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { Journal, SETTLE_MS } from '../../web/src/journal.mjs';
import { Persistence } from '../../web/src/persistence.mjs';
import { VisitorSession } from '../../web/src/visitor-session.mjs';

const KEY = 'shopper-segments';

// The engine as the merge sees it: a state it saves and loads as text, events it tracks.
class ListEngine {
  constructor() {
    this.events = [];
  }
  setVisitorId() {}
  setContextJson() {
    return '[]';
  }
  track(at, type, packed) {
    this.events.push(packed);
  }
  // Saved as runs of consecutive numbers per tab ("A1".."A1500" is one run; a doubled event starts
  // a run of its own), so that thousands of events stay within the size of a real saved state.
  save() {
    return JSON.stringify(runsOf(this.events));
  }
  loadState(text) {
    this.events = eventsOf(JSON.parse(text));
    return '[]';
  }
  forget() {
    this.events = [];
  }
}

function runsOf(events) {
  const runs = [];
  const sorted = events.map((e) => [e[0], Number(e.slice(1))]).sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : x[1] - y[1]));
  for (const [tab, n] of sorted) {
    const last = runs[runs.length - 1];
    if (last && last[0] === tab && last[2] === n - 1) last[2] = n;
    else runs.push([tab, n, n]);
  }
  return runs;
}

function eventsOf(runs) {
  const events = [];
  for (const [tab, from, to] of runs) for (let n = from; n <= to; n++) events.push(tab + n);
  return events;
}

function lcg(seed) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

// Two tabs over one store. Each tab's writes queue a `storage` event for the other tab, delivered
// when the test says (in order, as a browser does), with the time it was written.
function twoTabs(clock) {
  const shared = new Map();
  const tabs = [];
  for (const name of ['A', 'B']) {
    const target = new EventTarget();
    const tab = { name, target, inbox: [], warnings: [], tracked: 0 };
    tab.storage = {
      getItem: (key) => (shared.has(key) ? shared.get(key) : null),
      setItem: (key, value) => {
        shared.set(key, String(value));
        for (const other of tabs) if (other !== tab) other.inbox.push({ value: String(value), at: clock.time });
      },
      removeItem: (key) => shared.delete(key),
    };
    tab.session = new VisitorSession(new ListEngine(), () => clock.time);
    tab.session.journal = new Journal(() => clock.time, (kind) => tab.warnings.push(kind));
    tab.session.setVisitorId('visitor-' + name);
    const saved = { add: globalThis.addEventListener, remove: globalThis.removeEventListener };
    globalThis.addEventListener = target.addEventListener.bind(target);
    globalThis.removeEventListener = target.removeEventListener.bind(target);
    try {
      tab.persistence = new Persistence(tab.session, tab.storage, KEY, (kind) => tab.warnings.push(kind));
    } finally {
      globalThis.addEventListener = saved.add;
      globalThis.removeEventListener = saved.remove;
    }
    tab.persistence.attach();
    // engine.mjs's track(): applied, journaled, saved once per task.
    tab.track = () => {
      const id = name + ++tab.tracked;
      tab.session.native.track(clock.time, 'e', id);
      tab.session.journal.add('track', clock.time, 'e', id);
      tab.persistence.scheduleSave();
    };
    tab.deliver = (count = Infinity) => {
      for (; count > 0 && tab.inbox.length; count--) {
        const { value } = tab.inbox.shift();
        target.dispatchEvent(Object.assign(new Event('storage'), { key: KEY, newValue: value, storageArea: tab.storage }));
      }
    };
    tabs.push(tab);
  }
  return { tabs, shared };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

async function settleAll(tabs) {
  for (let round = 0; round < 20 && tabs.some((t) => t.inbox.length); round++) {
    for (const tab of tabs) tab.deliver();
    await flush();
  }
  assert.ok(tabs.every((t) => t.inbox.length === 0), 'the tabs stop writing once they agree');
}

const storedEvents = (shared) => (shared.has(KEY) ? eventsOf(JSON.parse(JSON.parse(shared.get(KEY)).state)) : []);

function checkEveryEventOnce(events, tabs, where) {
  const expected = tabs.flatMap((t) => Array.from({ length: t.tracked }, (_, i) => t.name + (i + 1))).sort();
  assert.deepEqual([...events].sort(), expected, where);
}

test('two tabs bursting at the same moment, far past any journal size, keep every event once', async () => {
  const clock = { time: 0 };
  const { tabs, shared } = twoTabs(clock);
  const [a, b] = tabs;
  for (let i = 0; i < 1500; i++) a.track();
  for (let i = 0; i < 1500; i++) b.track();
  await flush();  // both save before either hears of the other
  await settleAll(tabs);
  checkEveryEventOnce(storedEvents(shared), tabs, 'the stored state');
  for (const tab of tabs) checkEveryEventOnce(tab.session.native.events, tabs, 'tab ' + tab.name);
  assert.deepEqual([...a.warnings, ...b.warnings], []);
});

test('random interleavings of bursts, saves and storage events: no event lost, none doubled (300 runs)', async () => {
  const random = lcg(15);
  for (let run = 0; run < 300; run++) {
    const clock = { time: 0 };
    const { tabs, shared } = twoTabs(clock);
    const rounds = 1 + Math.floor(random() * 12);
    for (let round = 0; round < rounds; round++) {
      // One task of the page: bursts in either tab and events heard, in any order, then the saves.
      for (let action = Math.floor(random() * 5); action >= 0; action--) {
        const tab = tabs[Math.floor(random() * 2)];
        const r = random();
        if (r < 0.5) {
          const size = random() < 0.2 ? 600 + Math.floor(random() * 1400) : Math.floor(random() * 40);
          for (let i = 0; i < size; i++) tab.track();
        } else {
          tab.deliver(1 + Math.floor(random() * 3));
        }
      }
      await flush();
      // Time passes (minutes over a run); a browser delivers each write well within the settling
      // time (here within a quarter of it, so that a write made before hearing of another is heard of
      // in turn before that other settles).
      clock.time += Math.floor(random() * SETTLE_MS / 12);
      for (const tab of tabs) while (tab.inbox.length && tab.inbox[0].at < clock.time - SETTLE_MS / 6) tab.deliver(1);
    }
    await settleAll(tabs);
    const where = `run ${run}`;
    checkEveryEventOnce(storedEvents(shared), tabs, where);
    for (const tab of tabs) checkEveryEventOnce(tab.session.native.events, tabs, where + ' tab ' + tab.name);
    assert.deepEqual(tabs.flatMap((t) => t.warnings), [], where);
  }
});

test('settled operations leave the journal; unsettled ones never do, whatever their number', () => {
  const clock = { time: 0 };
  const journal = new Journal(() => clock.time);
  const replayed = (included) => {
    const calls = [];
    const count = journal.replay({ track: (...args) => calls.push(args) }, included);
    assert.equal(count, calls.length);
    return calls;
  };
  for (let i = 1; i <= 5000; i++) journal.add('track', i, 'e', 'x' + i);
  assert.equal(replayed(0).length, 5000, 'not yet stored: all kept');
  assert.deepEqual(replayed(4998), [[4999, 'e', 'x4999'], [5000, 'e', 'x5000']], 'the calls again, in order');
  journal.stored(5000);
  clock.time += SETTLE_MS - 1;
  assert.equal(replayed(0).length, 5000, 'stored, not yet settled: all kept');
  journal.add('track', 5001, 'e', 'x5001');
  clock.time += 1;
  assert.deepEqual(replayed(0), [[5001, 'e', 'x5001']], 'settled: only the newer one is left');
  assert.equal(replayed(4000).length, 1);
});

// A tab that closes (pagehide) or goes to the background (visibilitychange) before it hears of
// another tab's write made without its changes: it merges and writes them before it goes.
function leave(tab, how) {
  if (how === 'pagehide') tab.target.dispatchEvent(new Event('pagehide'));
  else tab.persistence.leave();  // what visibilitychange to hidden does in a browser
  tab.inbox.length = 0;  // gone: it hears nothing more
  tab.persistence.detach();
}

test('a tab that closes before hearing of the other tab\'s write leaves its events in the store', async () => {
  const clock = { time: 0 };
  const { tabs, shared } = twoTabs(clock);
  const [a, b] = tabs;
  for (let i = 0; i < 50; i++) a.track();
  for (let i = 0; i < 40; i++) b.track();
  await flush();  // both write; B's write, without A's 50, is the one stored
  assert.equal(storedEvents(shared).filter((e) => e[0] === 'A').length, 0);
  leave(a, 'pagehide');
  checkEveryEventOnce(storedEvents(shared), tabs, 'the stored state after A left');
  b.deliver();
  await flush();
  checkEveryEventOnce(b.session.native.events, tabs, 'tab B');
  assert.deepEqual([...a.warnings, ...b.warnings], []);
});

test('random interleavings, then one tab leaves at once: no event lost, none doubled (200 runs)', async () => {
  const random = lcg(16);
  for (let run = 0; run < 200; run++) {
    const clock = { time: 0 };
    const { tabs, shared } = twoTabs(clock);
    const rounds = 1 + Math.floor(random() * 6);
    for (let round = 0; round < rounds; round++) {
      for (let action = Math.floor(random() * 5); action >= 0; action--) {
        const tab = tabs[Math.floor(random() * 2)];
        if (random() < 0.6) for (let i = Math.floor(random() * 30); i >= 0; i--) tab.track();
        else tab.deliver(1 + Math.floor(random() * 2));
      }
      await flush();
      clock.time += Math.floor(random() * SETTLE_MS / 12);
    }
    const [gone, stays] = random() < 0.5 ? tabs : [...tabs].reverse();
    // Sometimes with its own last burst not even saved yet.
    if (random() < 0.3) for (let i = Math.floor(random() * 10); i >= 0; i--) gone.track();
    leave(gone, random() < 0.5 ? 'pagehide' : 'hidden');
    await settleAll([stays]);
    const where = `run ${run}`;
    checkEveryEventOnce(storedEvents(shared), tabs, where);
    checkEveryEventOnce(stays.session.native.events, tabs, where + ' the tab that stays');
  }
});
