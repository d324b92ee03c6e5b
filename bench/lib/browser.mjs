// The storefront's figures in headless Chromium (Debian's, driven by playwright-core, as the browser
// tests), on pages served from localhost with Cache-Control max-age, as a shop's CDN serves them:
//   - script start to `ready` of the widget from its own User Timing marks (shopper-segments:start
//     when the script starts running, :painted when a returning visitor's slots are drawn from
//     the stored decisions, :wasm, :compiled, :configured, :ready after the first decision is on
//     the page), on a first view (a new browser profile) and repeat views (the page again in that
//     browser: files and compiled WASM cached, the stored state and paint read), for a page that
//     gives a compiled program (`data-program`, what the studio publishes) and, beside it, one
//     that gives the catalogue's JSON inline (compiled in the page by the toolkit on a first view);
//   - GrowthBook's browser bundle on the same kind of page, from script start to its first
//     evaluated features (lib/growthbook-page.mjs);
//   - program load plus first decision in the page: createEngine({ program }) and decide() on a
//     runtime already instantiated, timed in the page, cold (the first engine of the page: V8
//     compiles each WASM function on its first call) and warm (a second engine);
//   - this machine's floor: scripts that only fetch a tiny file, only instantiate a tiny module,
//     fetch and instantiate a tiny .wasm, or this runtime's .wasm without running any of it;
//   - µs per track and per decide through the ES module's public API in the page (lib/workload.mjs)
//     and the full decision at each size beside the peers that run in a page (lib/page-decisions.mjs).
// Every kind of page gets its own new browser per run, and the kinds are interleaved run by run,
// so a burst of load on the machine hits them alike. Checked on every view of the program page:
// no request for the owner toolkit and no `:compiled` mark (no configuration compiled in a page
// that gives a program); a failed check is returned in `checks` (bench/run.mjs then fails).

import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { CHROMIUM, launchBrowser, newPage, startServer } from '../../tests/browser/helpers.mjs';
import { growthbookPayload, growthbookScript } from './growthbook-page.mjs';
import { median } from './measure.mjs';

export const RUNS = 7;
const TIMEOUT_MS = 20000;

// The README's snippet with a compiled program (the catalogue's, as the studio publishes one).
const PROGRAM_PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>start</title></head><body>
<div data-seg-slot="hero">Own hero</div>
<script src="/shopper-segments.js" data-program="/segments.bin" defer></script>
</body></html>`;

// The previous main's page: the catalogue's rules inline as JSON, compiled in the page.
const jsonPage = (catalogText) => `<!doctype html><html><head><meta charset="utf-8"><title>start-json</title></head><body>
<div data-seg-slot="hero">Own hero</div>
<script src="/shopper-segments.js" defer></script>
<script type="application/json" id="shopper-segments-config">${catalogText}</script>
</body></html>`;

const GROWTHBOOK_PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>growthbook</title></head><body>
<div id="hero">Own hero</div>
<script src="/growthbook-start.js" defer></script>
</body></html>`;

// Program load plus first decision, timed inside the page through the ES module's public API. The
// runtime is instantiated first by a createEngine whose program the reader refuses at its header
// (an empty one), so that only loading the real program and deciding are inside the span.
const LOAD_PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>load</title></head><body>
<script type="module">
import { createEngine } from '/shopper-segments.mjs';
const program = new Uint8Array(await (await fetch('/segments.bin')).arrayBuffer());
await createEngine({ program: new Uint8Array(0) }).catch(() => {});
const now = () => 1795428000000;
const t0 = performance.now();
const engine = await createEngine({ program, now });
const loaded = performance.now();
const slots = engine.decide().length;
const t1 = performance.now();
const again = await createEngine({ program, now });
const loadedAgain = performance.now();
again.decide();
const t2 = performance.now();
window.loadTimes = { cold: t1 - t0, coldLoad: loaded - t0, warm: t2 - t1, warmLoad: loadedAgain - t1, slots };
</script></body></html>`;

const WIDGET_PHASES = ['painted', 'wasm', 'compiled', 'configured', 'ready'];
const WIDGET_SUMMARY = [...WIDGET_PHASES, 'fetched_wasm', 'fetched_program'];

// ms from shopper-segments:start to each later mark of `phases` the page set (null: not set), and
// to the end of each fetch named in RESOURCES (Resource Timing's responseEnd; `fetched_<name>`).
const RESOURCES = { wasm: 'shopper-segments.wasm', program: 'segments.bin' };
async function markTimes(page, phases) {
  await page.waitForFunction(() => performance.getEntriesByName('shopper-segments:ready').length > 0, null, { timeout: TIMEOUT_MS });
  return page.evaluate(({ names, resources }) => {
    const at = (name) => {
      const entry = performance.getEntriesByName('shopper-segments:' + name)[0];
      return entry ? entry.startTime : null;
    };
    const start = at('start');
    const times = Object.fromEntries(names.map((p) => [p, at(p) === null ? null : at(p) - start]));
    for (const [key, file] of Object.entries(resources)) {
      const entry = performance.getEntriesByType('resource').find((e) => e.name.endsWith('/' + file));
      times['fetched_' + key] = entry ? entry.responseEnd - start : null;
    }
    return times;
  }, { names: phases, resources: RESOURCES });
}

/** Per phase: the median over the views that set it, and how many did. */
function medians(views, phases) {
  return Object.fromEntries(phases.map((p) => {
    const values = views.map((v) => v[p]).filter((v) => v !== null && v !== undefined);
    return [p, { ms: values.length ? median(values) : null, views: values.length, of: views.length }];
  }));
}

// The floor of this machine's browser, by the same marks: a script that only fetches a 5-byte
// file (cached like the widget's files), one that only instantiates a 34-byte module from bytes
// it already holds, and one that fetches that module as a .wasm file and instantiates it
// (streaming), as the widget must. Whatever the widget does, its start cannot be faster.
// The last one fetches the runtime's own .wasm and instantiates it with do-nothing imports,
// running none of its code: the floor of a module of this size, before loading a program or state.
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

/**
 * The bench's site in a temporary directory: the runtime, the toolkit, the catalogue's program (also
 * as /segments.bin, the program a shop publishes) and every page above.
 * @param {object} attributes GrowthBook's attributes (the decision visitor's feature values)
 * @param {{ pageDecisions?: boolean }} [options] false: without the decisions page's bundle
 * @returns {{ root: string, remove(): void }}
 */
export function benchSite(root, attributes = {}, { pageDecisions = true } = {}) {
  const site = mkdtempSync(path.join(os.tmpdir(), 'seg-bench-site-'));
  const dist = (name) => path.join(root, 'dist', name);
  for (const file of ['shopper-segments.js', 'shopper-segments.mjs', 'shopper-segments.wasm', 'shopper-segments.catalog.bin',
    'shopper-segments.catalog.json', 'shopper-segments-toolkit.mjs', 'shopper-segments-toolkit.wasm']) {
    copyFileSync(dist(file), path.join(site, file));
  }
  copyFileSync(dist('shopper-segments.catalog.bin'), path.join(site, 'segments.bin'));
  const catalogText = readFileSync(dist('shopper-segments.catalog.json'), 'utf8');
  writeFileSync(path.join(site, 'start.html'), PROGRAM_PAGE);
  writeFileSync(path.join(site, 'start-json.html'), jsonPage(catalogText));
  writeFileSync(path.join(site, 'load.html'), LOAD_PAGE);
  writeFileSync(path.join(site, 'growthbook.html'), GROWTHBOOK_PAGE);
  writeFileSync(path.join(site, 'growthbook-payload.json'), JSON.stringify(growthbookPayload(JSON.parse(catalogText))));
  writeFileSync(path.join(site, 'growthbook-start.js'), growthbookScript(root, '/growthbook-payload.json', attributes));
  copyFileSync(path.join(root, 'bench', 'lib', 'workload.mjs'), path.join(site, 'workload.mjs'));
  if (pageDecisions) writeFileSync(path.join(site, 'page-decisions.mjs'), pageDecisionsBundle(root));
  writeFileSync(path.join(site, 'api.html'), API_PAGE);
  writeFileSync(path.join(site, 'tiny.txt'), 'tiny\n');
  writeFileSync(path.join(site, 'tiny.wasm'), Uint8Array.from(TINY_WASM));
  for (const [name, body] of Object.entries(FLOOR_SCRIPTS)) {
    writeFileSync(path.join(site, name + '.js'), `performance.mark('shopper-segments:start');\n${body}\n`);
    writeFileSync(path.join(site, name + '.html'), floorPage(name));
  }
  return { root: site, remove: () => rmSync(site, { recursive: true, force: true }) };
}

const isToolkit = (url) => /shopper-segments-toolkit\.(mjs|wasm)(\?|$)/.test(url);

/**
 * One view of the program page: its mark times, and what must not happen there (a toolkit request,
 * a configuration compiled). `view` names it in the check's message.
 */
export async function programPageView(browser, server, view) {
  const page = await newPage(browser);
  try {
    await page.goto(server.url('/start.html'));
    const times = await markTimes(page, WIDGET_PHASES);
    const problems = [];
    const toolkitRequests = page.requests.filter(isToolkit);
    if (toolkitRequests.length) problems.push(`${view}: the program page requested the toolkit (${toolkitRequests.join(', ')})`);
    if (times.compiled !== null) problems.push(`${view}: the program page compiled a configuration (shopper-segments:compiled)`);
    if (page.pageErrors.length) problems.push(`${view}: page errors: ${page.pageErrors.join('; ')}`);
    return { times, problems, requests: page.requests.length };
  } finally {
    await page.close();
  }
}

async function pageView(browser, server, pagePath, phases) {
  const page = await newPage(browser);
  try {
    await page.goto(server.url(pagePath));
    const times = await markTimes(page, phases);
    return { times, toolkit: page.requests.filter(isToolkit).length };
  } finally {
    await page.close();
  }
}

async function loadView(browser, server) {
  const page = await newPage(browser);
  try {
    await page.goto(server.url('/load.html'));
    await page.waitForFunction(() => window.loadTimes !== undefined, null, { timeout: TIMEOUT_MS });
    const times = await page.evaluate(() => window.loadTimes);
    return { times, toolkit: page.requests.filter(isToolkit).length };
  } finally {
    await page.close();
  }
}

// Each kind of page: what one view measures. A new browser per kind and run; views: the first,
// then the page again twice in that browser (repeat views).
const KINDS = {
  program: (browser, server, view) => programPageView(browser, server, view),
  json: (browser, server) => pageView(browser, server, '/start-json.html', WIDGET_PHASES),
  growthbook: (browser, server) => pageView(browser, server, '/growthbook.html', ['ready']),
  load: (browser, server) => loadView(browser, server),
  ...Object.fromEntries(Object.keys(FLOOR_SCRIPTS).map((name) => [name, (browser, server) => pageView(browser, server, `/${name}.html`, ['ready'])])),
};

/** @param {Array<{size, config, program, features}>} decisionInputs lib/decisions.mjs's inputs */
export async function browserFigures(root, decisionInputs, { runs = RUNS } = {}) {
  const site = benchSite(root, decisionInputs[0]?.features ?? {});
  const server = await startServer({ root: site.root, cacheSeconds: 3600 });
  try {
    const views = Object.fromEntries(Object.keys(KINDS).map((kind) => [kind, { first: [], repeat: [] }]));
    const checks = [];
    let jsonToolkitFirst = 0;
    for (let run = 0; run < runs; run++) {
      for (const [kind, view] of Object.entries(KINDS)) {
        const browser = await launchBrowser();
        try {
          for (const [k, which] of ['first', 'repeat', 'repeat'].entries()) {
            const result = await view(browser, server, `run ${run + 1} view ${k + 1} (${which})`);
            views[kind][which].push(result.times);
            if (result.problems) checks.push(...result.problems);
            if (kind === 'json' && which === 'first' && result.toolkit > 0) jsonToolkitFirst++;
          }
        } finally {
          await browser.close();
        }
      }
    }
    const summary = (kind, phases) => ({ first: medians(views[kind].first, phases), repeat: medians(views[kind].repeat, phases) });
    const floor = Object.fromEntries(Object.keys(FLOOR_SCRIPTS).map((name) => [name, {
      first: median(views[name].first.map((t) => t.ready)), repeat: median(views[name].repeat.map((t) => t.ready)) }]));
    const loads = [...views.load.first, ...views.load.repeat];
    const load = {
      first: median(views.load.first.map((t) => t.cold)),
      repeat: median(views.load.repeat.map((t) => t.cold)),
      repeatLoad: median(views.load.repeat.map((t) => t.coldLoad)),
      warm: median(loads.map((t) => t.warm)),
      warmLoad: median(loads.map((t) => t.warmLoad)),
    };

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
    return {
      program: summary('program', WIDGET_SUMMARY),
      json: { ...summary('json', WIDGET_SUMMARY), toolkitOnFirstView: jsonToolkitFirst },
      growthbook: summary('growthbook', ['ready']),
      load, floor, checks, runs,
      programViews: views.program.first.length + views.program.repeat.length,
      trackUs: api.track, decideRepeatUs: api.repeat, decisions,
    };
  } finally {
    await server.close();
    site.remove();
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
  // No program given: the built-in catalogue's, beside the module.
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
