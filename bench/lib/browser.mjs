// The widget's figures in headless Chromium (Debian's, driven by playwright-core, as the browser
// tests): script start to `ready` from the widget's own User Timing marks (shopper-segments:start
// when the script starts running, :wasm, :configured, :ready), on a first view (a new browser
// profile per run) and a repeat view (the page again in the same browser, files cached as a
// shop's CDN lets them be: Cache-Control max-age), and µs per track and per decide through the
// ES module's public API in the page, on the journeys of lib/workload.mjs; the full decision at
// each size beside the peers that run in a page (lib/page-decisions.mjs).

import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { CHROMIUM, launchBrowser, startServer } from '../../tests/browser/helpers.mjs';
import { median } from './measure.mjs';

const RUNS = 7;

// The README's snippet with the catalogue's rules inline, as a shop pastes them from the studio.
function startPage(catalogText) {
  return `<!doctype html><html><head><meta charset="utf-8"><title>start</title></head><body>
<div data-seg-slot="hero">Own hero</div>
<script src="/shopper-segments.js" defer></script>
<script type="application/json" id="shopper-segments-config">${catalogText}</script>
</body></html>`;
}

const PHASES = ['wasm', 'configured', 'ready'];

// ms from shopper-segments:start to each later mark, in the page.
async function startTimes(page) {
  await page.waitForFunction(() => performance.getEntriesByName('shopper-segments:ready').length > 0, null, { timeout: 20000 });
  return page.evaluate((phases) => {
    const at = (name) => performance.getEntriesByName('shopper-segments:' + name)[0].startTime;
    const start = at('start');
    return Object.fromEntries(phases.map((p) => [p, at(p) - start]));
  }, PHASES);
}

function medians(runs) {
  return Object.fromEntries(PHASES.map((p) => [p, median(runs.map((r) => r[p]))]));
}

// The floor of this machine's browser, by the same marks: a script that only fetches a 5-byte
// file (cached like the widget's files), one that only instantiates a 34-byte module from bytes
// it already holds, and one that fetches that module as a .wasm file and instantiates it
// (streaming), as the widget must. Whatever the widget does, its start cannot be faster.
// The last one fetches this engine's own .wasm and instantiates it with do-nothing imports,
// running none of its code: the floor of a module of this size, before configuring, loading
// state or deciding.
const TINY_WASM = [0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 127, 3, 2, 1, 0, 7, 5, 1, 1, 102, 0, 0, 10, 6, 1, 4, 0, 65, 1, 11];
const FLOOR_SCRIPTS = {
  'floor-fetch': `fetch('/tiny.txt').then((r) => r.text()).then(() => performance.mark('shopper-segments:ready'));`,
  'floor-instantiate': `WebAssembly.instantiate(new Uint8Array([${TINY_WASM}])).then(() => performance.mark('shopper-segments:ready'));`,
  'floor-wasm-file': `WebAssembly.instantiateStreaming(fetch('/tiny.wasm')).then(() => performance.mark('shopper-segments:ready'));`,
  'floor-engine-wasm': `const imports = (module) => {
  const all = {};
  for (const { module: from, name, kind } of WebAssembly.Module.imports(module)) {
    all[from] = all[from] || {};
    all[from][name] = kind === 'function' ? () => 0
      : kind === 'memory' ? new WebAssembly.Memory({ initial: 256 })
      : kind === 'table' ? new WebAssembly.Table({ initial: 1, element: 'anyfunc' })
      : new WebAssembly.Global({ value: 'i32', mutable: true }, 0);
  }
  return all;
};
WebAssembly.compileStreaming(fetch('/shopper-segments.wasm'))
  .then((module) => WebAssembly.instantiate(module, imports(module)))
  .then(() => performance.mark('shopper-segments:ready'));`,
};
const floorPage = (name) => `<!doctype html><html><head><meta charset="utf-8"><title>${name}</title></head><body>
<script src="/${name}.js" defer></script></body></html>`;

async function readyTime(page) {
  await page.waitForFunction(() => performance.getEntriesByName('shopper-segments:ready').length > 0, null, { timeout: 20000 });
  return page.evaluate(() => performance.getEntriesByName('shopper-segments:ready')[0].startTime
    - performance.getEntriesByName('shopper-segments:start')[0].startTime);
}

const API_PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>api</title></head><body></body></html>`;

export function haveChromium() {
  return existsSync(CHROMIUM);
}

// lib/page-decisions.mjs and what it imports, the peers' libraries included, as one ES module
// for the page; the widget's module stays a URL of the site.
export function pageDecisionsBundle(root) {
  return execFileSync(path.join(root, 'node_modules', '.bin', 'esbuild'), [
    path.join(root, 'bench', 'lib', 'page-decisions.mjs'), '--bundle', '--format=esm', '--platform=browser',
    '--external:/shopper-segments.mjs', '--log-level=error'], { cwd: root, maxBuffer: 1 << 26 });
}

/** @param {Array<{size, config, features}>} decisionInputs lib/decisions.mjs's inputs */
export async function browserFigures(root, decisionInputs) {
  const site = mkdtempSync(path.join(os.tmpdir(), 'seg-bench-site-'));
  for (const file of ['shopper-segments.js', 'shopper-segments.mjs', 'shopper-segments.wasm', 'shopper-segments.catalog.json']) {
    copyFileSync(path.join(root, 'dist', file), path.join(site, file));
  }
  copyFileSync(path.join(root, 'bench', 'lib', 'workload.mjs'), path.join(site, 'workload.mjs'));
  writeFileSync(path.join(site, 'page-decisions.mjs'), pageDecisionsBundle(root));
  writeFileSync(path.join(site, 'start.html'), startPage(readFileSync(path.join(root, 'dist', 'shopper-segments.catalog.json'), 'utf8')));
  writeFileSync(path.join(site, 'api.html'), API_PAGE);
  writeFileSync(path.join(site, 'tiny.txt'), 'tiny\n');
  writeFileSync(path.join(site, 'tiny.wasm'), Uint8Array.from(TINY_WASM));
  for (const [name, body] of Object.entries(FLOOR_SCRIPTS)) {
    writeFileSync(path.join(site, name + '.js'), `performance.mark('shopper-segments:start');\n${body}\n`);
    writeFileSync(path.join(site, name + '.html'), floorPage(name));
  }
  const server = await startServer({ root: site, cacheSeconds: 3600 });
  try {
    const first = [];
    const repeat = [];
    for (let run = 0; run < RUNS; run++) {
      const browser = await launchBrowser();
      try {
        for (const list of [first, repeat, repeat]) {
          const page = await browser.newPage();
          await page.goto(server.url('/start.html'));
          list.push(await startTimes(page));
          await page.close();
        }
      } finally {
        await browser.close();
      }
    }
    const floor = {};
    for (const name of Object.keys(FLOOR_SCRIPTS)) {
      const times = { first: [], repeat: [] };
      for (let run = 0; run < RUNS; run++) {
        const browser = await launchBrowser();
        try {
          for (const view of ['first', 'repeat', 'repeat']) {
            const page = await browser.newPage();
            await page.goto(server.url(`/${name}.html`));
            times[view].push(await readyTime(page));
            await page.close();
          }
        } finally {
          await browser.close();
        }
      }
      floor[name] = { first: median(times.first), repeat: median(times.repeat) };
    }
    const browser = await launchBrowser();
    let api;
    let decisions;
    try {
      const page = await browser.newPage();
      await page.goto(server.url('/api.html'));
      api = await page.evaluate(measureApi);
      decisions = await page.evaluate(async (inputs) => (await import('/page-decisions.mjs')).measureDecisions(inputs), decisionInputs);
    } finally {
      await browser.close();
    }
    return { first: medians(first), repeat: medians(repeat), floor, trackUs: api.track, decideRepeatUs: api.repeat, decisions };
  } finally {
    await server.close();
    rmSync(site, { recursive: true, force: true });
  }
}

// Runs in the page: the same loop as lib/track.mjs, and a decision asked again with nothing changed.
async function measureApi() {
  const { createEngine } = await import('/shopper-segments.mjs');
  const wl = await import('/workload.mjs');
  const clock = { t: wl.START_MS };
  const runs = 7;
  const perOp = (n, op) => {
    for (let i = 0; i < Math.min(n, 5000); i++) op(i);
    const times = [];
    for (let r = 0; r < runs; r++) {
      const t0 = performance.now();
      for (let i = 0; i < n; i++) op(i);
      times.push(((performance.now() - t0) * 1000) / n);
    }
    times.sort((a, b) => a - b);
    return times[runs >> 1];
  };
  const tracker = await createEngine({ now: () => clock.t });
  const events = wl.sampleEvents();
  const track = perOp(50000, (i) => {
    const e = events[i % events.length];
    clock.t += 20000;
    tracker.track(e.type, e.fields);
  });
  tracker.dispose();
  clock.t = wl.START_MS;
  const decider = await createEngine({ now: () => clock.t });
  decider.setTraits(wl.DECISION_TRAITS);
  decider.setContext(wl.DECISION_CONTEXT);
  wl.feed(decider, clock, wl.decisionHistory().steps);
  const repeat = perOp(20000, () => {
    clock.t += 1;
    decider.decide();
  });
  decider.dispose();
  return { track, repeat };
}
