// Browser tests of the rule studio (web/studio, served from dist/site/studio/ as scripts/demo does),
// driving Debian's Chromium through playwright-core. Run: node --test tests/browser/studio.test.mjs
// (after scripts/build). Screenshots of the main views go to test-output/studio-*.png.
// STUDIO_SITE_ROOT=DIR runs them against another built site (default dist/site).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, OUTPUT, ROOT, STRICT_CSP, makeSite, startServer } from './helpers.mjs';

const repo = ROOT;
const siteRoot = path.resolve(repo, process.env.STUDIO_SITE_ROOT || 'dist/site');
const outDir = OUTPUT;

let server;
let browser;
let base;

before(async () => {
  assert.ok(existsSync(path.join(siteRoot, 'studio', 'index.html')), `${siteRoot}/studio is missing: run scripts/build first`);
  mkdirSync(outDir, { recursive: true });
  // The storefront's strict policy: the studio must run without eval or inline scripts too.
  server = await startServer({ root: siteRoot, csp: STRICT_CSP });
  base = server.origin;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
});

after(async () => {
  if (browser) await browser.close();
  if (server) await server.close();
});

/** A fresh browser context (empty localStorage) with the studio loaded and ready. */
async function openStudio(view = 'edit', { context } = {}) {
  const ctx = context || await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  const page = await ctx.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${base}/studio/#${view}`);
  // up to 30 s: compiling the WASM is slow when the 2-core machine is busy
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30000 });
  return { page, context: ctx, errors };
}

/** Put text into the JSON editor as a paste would (Playwright's fill stalls on very long text). */
async function pasteJson(page, text) {
  await page.evaluate((value) => {
    const editor = document.getElementById('json-editor');
    editor.focus();
    editor.value = value;
    editor.dispatchEvent(new Event('input', { bubbles: true }));
  }, text);
}

/** Waits until every view shows the current draft (form edits reach the JSON, checks, snippet
 * and simulator a moment after the last key). */
const settle = (page) => page.waitForFunction(() => window.studio.settled());

const shot = (page, name) => page.screenshot({ path: path.join(outDir, `studio-${name}.png`) });

/** Publish tab, "Review and publish", wait for the sizes, "Publish": the draft becomes the published version. */
async function publishDraft(page) {
  await page.click('#tab-publish');
  await page.click('#review-publish');
  await page.waitForSelector('#publish-dialog[open] [data-testid="sizes-box"][data-ready="true"]', { timeout: 60000 });
  await page.click('#confirm-publish');
  await page.waitForFunction(() => !document.getElementById('publish-dialog').open);
  await page.waitForFunction(() => JSON.stringify(window.studio.versions.published().config) === JSON.stringify(window.studio.store.state.working));
  await settle(page);
}

async function workingConfig(page) {
  return page.evaluate(() => JSON.parse(JSON.stringify(window.studio.store.state.working)));
}

async function segmentRow(page, id) {
  const row = page.locator(`[data-testid="segment-bars"] [data-segment="${id}"]`);
  return { member: await row.getAttribute('data-member') };
}

test('the studio starts from the built-in catalogue (src/catalog/default.json)', async () => {
  const { page, context, errors } = await openStudio('edit');
  const expected = JSON.parse(readFileSync(path.join(repo, 'src/catalog/default.json'), 'utf8'));
  assert.deepEqual(await workingConfig(page), expected);
  assert.equal(await page.locator('.catalogue .entry').count(), expected.segments.length + expected.offers.length + 1);
  // search narrows the list
  await page.fill('#catalogue-search', 'trend');
  // the list shows names, not ids
  const titles = await page.locator('.catalogue .entry-title').allTextContents();
  assert.ok(titles.includes('Trend follower'), titles.join('|'));
  assert.ok(!titles.includes('Dormant customer'), titles.join('|'));
  assert.ok(!(await page.textContent('.catalogue')).includes('trend_follower'), 'no ids in the list');
  await page.fill('#catalogue-search', '');
  await shot(page, 'edit');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a rule built with the form ("3+ new items within 7d, never bought") is entered by a simulated journey and its offer wins', async () => {
  const { page, context, errors } = await openStudio('edit');
  const before = await workingConfig(page);
  const n = before.segments.length;
  const seg = `/segments/${n}`;

  await page.click('text=+ segment');
  // the id follows the name (shown only when asked)
  await page.fill(`[data-path="${seg}/name"]`, 'New-things fan');
  await page.waitForFunction((i) => window.studio.store.state.draft.segments[i].id === 'new_things_fan', n);
  // first condition: view_item within 7d, at least 3, only items tagged new
  await page.fill(`[data-path="${seg}/rule/all/0/gte"]`, '3');
  await page.click(`[data-path="${seg}/rule/all/0/where"][data-role="where-add"]`);
  assert.equal(await page.inputValue(`[data-path="${seg}/rule/all/0/where/tags"][data-role="where-key"]`), 'tags');
  await page.fill(`[data-path="${seg}/rule/all/0/where/tags"][data-role="where-value"]`, 'new');
  // second condition: NOT (purchase, lifetime)
  await page.click(`[data-path="${seg}/rule/all"][data-role="add-condition"]`);
  await page.selectOption(`[data-path="${seg}/rule/all/1"][data-role="kind"]`, 'not');
  await page.fill(`[data-path="${seg}/rule/all/1/not/count"][data-role="event"]`, 'purchase');
  await page.fill(`[data-path="${seg}/rule/all/1/not/within"]`, 'lifetime');
  await page.waitForFunction(() => window.studio.store.state.issues.length === 0);

  // an offer for it in the hero slot, above every other hero offer
  const off = `/offers/${before.offers.length}`;
  await page.click('text=+ offer');
  await page.fill(`[data-path="${off}/priority"]`, '500');
  await page.fill(`[data-path="${off}/content/title"]`, 'Fresh in for you');
  // the offer's id is asked for here: it follows the title until typed
  await page.click(`[data-path="${off}"] .id-block summary`);
  await page.fill(`[data-path="${off}/id"]`, 'new_things_hero');
  // the audience is picked by segment names
  assert.equal((await page.textContent(`label:has([data-role="segment-new_things_fan"])`)).trim(), 'New-things fan');
  await page.check(`[data-role="segment-new_things_fan"]`);
  // a new offer starts paused; the owner enables it
  assert.equal(await page.evaluate((i) => window.studio.store.state.draft.offers[i].paused, before.offers.length), true);
  await page.check(`[data-path="${off}/paused"][data-role="enabled"]`);
  await page.waitForFunction(() => window.studio.store.state.issues.length === 0);
  assert.equal(await page.textContent('[data-testid="offer-preview"] .preview-title'), 'Fresh in for you');

  await settle(page);
  const working = await workingConfig(page);
  assert.deepEqual(working.segments[n], {
    id: 'new_things_fan', name: 'New-things fan', priority: 10,
    rule: { all: [
      { count: 'view_item', within: '7d', gte: 3, where: { tags: 'new' } },
      { not: { count: 'purchase', within: 'lifetime', gte: 1 } },
    ] },
  });
  // the JSON editor shows the same draft
  assert.deepEqual(JSON.parse(await page.inputValue('#json-editor')), working);
  await shot(page, 'form-rule');

  await page.click('#tab-simulate');
  await page.click('#sim-reset');
  await page.waitForFunction(() => window.studio.sim.journey.actions.length === 0 && window.studio.sim.ready);
  await page.click('#ev-view-new');
  await page.click('#ev-view-new');
  assert.equal((await segmentRow(page, 'new_things_fan')).member, 'false');
  await page.click('#ev-view');  // an item not tagged new does not count
  assert.equal((await segmentRow(page, 'new_things_fan')).member, 'false');
  await page.click('#ev-view-new');
  assert.equal((await segmentRow(page, 'new_things_fan')).member, 'true');
  assert.match(await page.textContent('[data-testid="timeline"]'), /entered: [^\n]*New-things fan/);
  assert.equal(await page.getAttribute('[data-testid="offer-results"] tr[data-slot="hero"]', 'data-offer'), 'new_things_hero');
  // an offer shown by a rule of its own says so, a fallback for everyone says that
  // (newsletter_signup_exit: anyone not in "Newsletter subscriber"; delivery_returns_cart: no audience)
  const exitIndex = before.offers.findIndex((o) => o.id === 'newsletter_signup_exit');
  assert.equal(await page.getAttribute('[data-testid="offer-results"] tr[data-slot="exit_intent"]', 'data-offer'), 'newsletter_signup_exit');
  assert.match(await page.textContent('[data-testid="offer-results"] tr[data-slot="exit_intent"]'), /Stay in the loop[\s\S]*its own rule held/);
  assert.equal(await page.getAttribute('[data-testid="offer-results"] tr[data-slot="cart_incentive"]', 'data-offer'), 'delivery_returns_cart');
  assert.match(await page.textContent('[data-testid="offer-results"] tr[data-slot="cart_incentive"]'), /fallback for everyone/);
  assert.equal(await page.getAttribute('[data-testid="offer-results"] tr[data-slot="product_nudge"]', 'data-offer'), 'free_returns_nudge');
  assert.match(await page.textContent('[data-testid="offer-results"] tr[data-slot="product_nudge"]'), /fallback for everyone/);
  assert.ok(!(await page.textContent('[data-testid="offer-results"] tbody tr[data-slot="product_nudge"]')).includes('free_returns_nudge'), 'names, not ids');
  // ... and explains that rule when asked
  await page.click('[data-explain-offer="newsletter_signup_exit"]');
  const offerWhy = await page.textContent('[data-testid="explanation"]');
  assert.match(offerWhy, /Offer “Stay in the loop” in slot exit_intent[\s\S]*Its own rule holds/);
  assert.match(offerWhy, /in segment “Newsletter subscriber”/);  // by its name, not its id
  assert.equal(await page.getAttribute('[data-testid="explanation"] .explain-node', 'data-path'), `/offers/${exitIndex}/rule`);
  // the explanation shows the rule holding
  await page.click('[data-segment="new_things_fan"] .seg-name');
  assert.match(await page.textContent('[data-testid="explanation"]'), /holds/);
  await shot(page, 'simulate');

  // a purchase takes the visitor out again (never bought)
  await page.click('#ev-add');
  await page.click('#ev-buy');
  assert.equal((await segmentRow(page, 'new_things_fan')).member, 'false');
  await page.click('[data-segment="new_things_fan"] .seg-name');
  assert.match(await page.textContent('[data-testid="explanation"]'), /purchase/);

  // publish: no control group (so this visitor is sure to see offers), then the snippet
  await page.click('#tab-edit');
  await page.click('.catalogue [data-pointer="/settings"]');
  await page.fill('[data-path="/settings/control_group"]', '0');
  await page.waitForFunction(() => window.studio.store.state.working.settings.control_group === 0);
  await settle(page);
  // the shop's snippet is the published version's: the draft first
  assert.ok(!(await page.inputValue('#embed-snippet').catch(() => '')).includes('Fresh in for you'));
  await publishDraft(page);
  const snippet = await page.inputValue('#embed-snippet');
  assert.ok(snippet.includes('Fresh in for you'));
  assert.deepEqual(errors, []);
  await context.close();

  // pasted into a shop page, the snippet makes the storefront widget show the new offer
  const site = makeSite({ 'shop.html': `<!doctype html><html><head><title>shop</title></head><body>
    <div data-seg-slot="hero">the shop's own hero</div>
    ${snippet}</body></html>` });
  const shop = await startServer({ root: site.root, csp: STRICT_CSP });
  const shopContext = await browser.newContext();
  try {
    const shopPage = await shopContext.newPage();
    await shopPage.goto(shop.url('/shop.html'));
    await shopPage.evaluate(() => window.ShopperSegments.ready);
    await shopPage.evaluate(() => {
      for (let i = 1; i <= 3; i += 1) window.ShopperSegments.track('view_item', { item_id: `n${i}`, tags: ['new'] });
    });
    await shopPage.waitForFunction(() => document.querySelector('[data-seg-slot="hero"]').textContent.includes('Fresh in for you'));
    const segments = await shopPage.evaluate(() => window.ShopperSegments.segments().filter((x) => x.member).map((x) => x.id));
    assert.ok(segments.includes('new_things_fan'), segments.join(','));
    await shopPage.screenshot({ path: path.join(outDir, 'studio-snippet-in-shop.png') });
  } finally {
    await shopContext.close();
    await shop.close();
    site.remove();
  }
});

test('an invalid edit shows the issue at its path and the simulator keeps the last valid config', async () => {
  const { page, context, errors } = await openStudio('edit');
  const valid = await workingConfig(page);
  // curious_prospect is /segments/0: its first condition needs 2 product views; type a word instead
  await page.click('.catalogue [data-pointer="/segments/0"]');
  const input = `[data-path="/segments/0/rule/all/0/gte"]`;
  await page.fill(input, 'two');
  await page.waitForFunction(() => window.studio.store.state.issues.length > 0);
  const issues = await page.evaluate(() => window.studio.store.state.issues);
  const issue = issues.find((i) => i.path.startsWith('/segments/0/rule/all/0'));
  assert.ok(issue, JSON.stringify(issues));
  // at its place in the form: the control is marked and the sentence sits beside it
  const message = page.locator(`.form-pane .issue-msg[data-issue-path="${issue.path}"]`);
  assert.equal(await message.count(), 1);
  assert.ok((await message.textContent()).includes(issue.message));
  if (issue.path === '/segments/0/rule/all/0/gte') assert.equal(await page.getAttribute(input, 'aria-invalid'), 'true');
  // and in the list with its path
  assert.ok((await page.textContent('#issue-panel')).includes(issue.path));
  assert.match(await page.textContent('[data-testid="status-line"]'), /last valid draft/);
  await shot(page, 'invalid-edit');
  // the working config is unchanged, and the simulator says it runs the last valid one
  assert.deepEqual(await workingConfig(page), valid);
  await page.click('#tab-simulate');
  assert.match(await page.textContent('[data-testid="sim-config-label"]'), /last valid config/);
  await page.selectOption('#persona-select', 'curious_prospect');
  await page.click('#play-persona');
  await page.waitForSelector('[data-testid="persona-result"][data-segment="curious_prospect"]');
  assert.equal((await segmentRow(page, 'curious_prospect')).member, 'true');

  // the draft survives a reload, still invalid, still not the working config
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]');
  assert.ok((await page.evaluate(() => window.studio.store.state.issues.length)) > 0);
  assert.deepEqual(await workingConfig(page), valid);

  // a JSON syntax error in the JSON editor is an issue too; the form waits for valid JSON
  await page.click('#tab-edit');
  await page.fill('#json-editor', '{ "version": 1, "segments": [ }');
  await page.waitForFunction(() => window.studio.store.state.issues.some((i) => i.code === 'json_syntax'));
  assert.deepEqual(await workingConfig(page), valid);
  // reverting brings the form back
  await page.click('text=Revert to working config');
  await page.waitForFunction(() => window.studio.store.state.issues.length === 0);
  assert.deepEqual(JSON.parse(await page.inputValue('#json-editor')), valid);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the JSON editor and the form stay in sync both ways', async () => {
  const { page, context, errors } = await openStudio('edit');
  await page.click('.catalogue [data-pointer="/segments/2"]');  // trend_follower
  // JSON -> form: change the priority in the text
  const text = await page.inputValue('#json-editor');
  const edited = JSON.parse(text);
  edited.segments[2].priority = 51;
  edited.segments[2].name = 'Trend spotter';
  await pasteJson(page, JSON.stringify(edited, null, 2));
  await page.waitForFunction(() => window.studio.store.state.working.segments[2].priority === 51);
  assert.equal(await page.inputValue('[data-path="/segments/2/priority"]'), '51');
  assert.equal(await page.inputValue('[data-path="/segments/2/name"]'), 'Trend spotter');
  assert.match(await page.textContent('.catalogue [data-pointer="/segments/2"]'), /Trend spotter/);
  // form -> JSON: change a threshold in the form
  await page.fill('[data-path="/segments/2/rule/any/0/all/0/gte"]', '4');
  await page.waitForFunction(() => window.studio.store.state.working.segments[2].rule.any[0].all[0].gte === 4);
  await settle(page);
  assert.equal(JSON.parse(await page.inputValue('#json-editor')).segments[2].rule.any[0].all[0].gte, 4);
  // an issue typed in JSON lands on the form field of the same path
  edited.segments[2].rule.any[0].all[0].gte = 4;
  edited.segments[2].rule.any[0].all[0].within = '7 dayz';  // a typo ("7 days" is a duration)
  await pasteJson(page, JSON.stringify(edited, null, 2));
  await page.waitForSelector('.form-pane .issue-msg[data-issue-path="/segments/2/rule/any/0/all/0/within"]');
  assert.equal(await page.getAttribute('[data-path="/segments/2/rule/any/0/all/0/within"]', 'aria-invalid'), 'true');
  assert.equal(await page.locator('.json-gutter .gutter-issue').count(), 1);

  // renaming a segment in the form renames the offers and rules that use it, so all stays valid
  await page.click('text=Revert to working config');
  await page.click('.catalogue [data-pointer="/segments/4"]');  // cart_abandoner
  await page.click('[data-path="/segments/4"] .id-block summary');
  await page.fill('[data-path="/segments/4/id"]', '');
  await page.type('[data-path="/segments/4/id"]', 'left_cart');
  await page.waitForFunction(() => window.studio.store.state.working.segments[4].id === 'left_cart');
  const renamed = await workingConfig(page);
  const users = renamed.offers.filter((o) => (o.segments || []).includes('left_cart') || JSON.stringify(o.rule || {}).includes('"left_cart"'));
  assert.ok(users.length >= 3, users.map((o) => o.id).join(','));
  assert.ok(!JSON.stringify(renamed).includes('"cart_abandoner"'));
  assert.deepEqual(errors, []);
  await context.close();
});

test('offer text is shown as text, never as markup; the views are reachable by keyboard', async () => {
  const { page, context, errors } = await openStudio('edit');
  const hostile = '<img src=x onerror="window.pwned=1">Hi';
  await page.click('.catalogue [data-pointer="/offers/0"]');
  await page.fill('[data-path="/offers/0/content/title"]', hostile);
  await page.fill('[data-path="/offers/0/content/body"]', '</script><b>bold</b>');
  assert.equal(await page.textContent('[data-testid="offer-preview"] .preview-title'), hostile);
  assert.equal(await page.locator('.form-pane img, .form-pane b').count(), 0);
  // the snippet keeps it inert inside the inline JSON block
  await settle(page);
  await publishDraft(page);
  const snippet = await page.inputValue('#embed-snippet');
  assert.ok(snippet.includes('\\u003c/script>\\u003cb>bold'), 'the body is in the snippet, its "<" escaped');
  assert.ok(!snippet.includes('</script><b>'), 'the config text must not close the inline script');
  assert.equal(await page.evaluate(() => window.pwned), undefined);

  // tabs: arrow keys move between the views, Enter/Space on catalogue entries opens them
  await page.focus('#tab-publish');
  await page.keyboard.press('ArrowLeft');
  assert.equal(await page.getAttribute('#tab-replay', 'aria-selected'), 'true');
  await page.keyboard.press('Home');
  assert.equal(await page.getAttribute('#tab-edit', 'aria-selected'), 'true');
  await page.focus('.catalogue [data-pointer="/segments/4"]');
  await page.keyboard.press('Enter');
  assert.equal(await page.inputValue('[data-path="/segments/4/id"]'), 'cart_abandoner');
  // every form control has a label (visible or aria-label): rule, scored segment, offer, settings
  for (const pointer of ['/segments/4', '/segments/1', '/offers/10', '/settings']) {
    await page.click(`.catalogue [data-pointer="${pointer}"]`);
    const unlabelled = await page.evaluate(() => [...document.querySelectorAll('.form-pane input, .form-pane select, .form-pane textarea')]
      .filter((el) => !el.getAttribute('aria-label') && !(el.id && document.querySelector(`label[for="${el.id}"]`)))
      .map((el) => `${el.tagName} ${el.dataset.path} ${el.dataset.role}`));
    assert.deepEqual(unlabelled, [], pointer);
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test('export then import gives the same config; an invalid file is refused', async () => {
  const { page, context, errors } = await openStudio('edit');
  // change something first so the export is not just the catalogue
  await page.click('.catalogue [data-pointer="/segments/2"]');
  await page.fill('[data-path="/segments/2/priority"]', '77');
  await page.waitForFunction(() => window.studio.store.state.working.segments[2].priority === 77);
  await settle(page);
  const exported = await workingConfig(page);

  await publishDraft(page);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-config')]);
  const file = path.join(outDir, 'studio-export.json');
  await download.saveAs(file);
  assert.deepEqual(JSON.parse(readFileSync(file, 'utf8')), exported);

  // the embed snippet carries the same config inline, and the script tag
  const snippet = await page.inputValue('#embed-snippet');
  const inline = /<script type="application\/json" id="shopper-segments-config">\n([\s\S]*)\n<\/script>/.exec(snippet);
  assert.ok(inline, snippet.slice(0, 200));
  assert.deepEqual(JSON.parse(inline[1]), exported);
  assert.match(snippet, /<script src="\/shopper-segments\.js" defer><\/script>/);
  await shot(page, 'publish');

  // start from the catalogue again, then import the exported file
  page.once('dialog', (dialog) => dialog.accept());
  await page.click('text=Start from the built-in catalogue');
  await page.waitForFunction(() => window.studio.store.state.working.segments[2].priority !== 77);
  await page.setInputFiles('#import-file', file);
  await page.waitForFunction(() => window.studio.store.state.working.segments[2].priority === 77);
  assert.deepEqual(await workingConfig(page), exported);

  // a file with issues replaces nothing and lists its issues
  const bad = path.join(outDir, 'studio-bad-import.json');
  writeFileSync(bad, JSON.stringify({ ...exported, segments: [{ id: 'Bad Id', rule: { count: 'view_item', gte: 'x' } }] }));
  await page.setInputFiles('#import-file', bad);
  await page.waitForSelector('[data-testid="import-issues"] li');
  assert.deepEqual(await workingConfig(page), exported);
  assert.match(await page.textContent('[data-testid="import-issues"]'), /\/segments\/0/);
  assert.deepEqual(errors, []);
  await context.close();
});

function findCli() {
  const roots = [path.join(repo, 'build')];
  while (roots.length) {
    const dir = roots.pop();
    let entries = [];
    try { entries = readdirSync(dir, { withFileTypes: true }); } catch { continue; }
    for (const e of entries) {
      const full = path.join(dir, e.name);
      if (e.isDirectory() && !full.includes('wasm')) roots.push(full);
      else if (e.isFile() && e.name === 'shopper-segments' && (statSync(full).mode & 0o111)) return full;
    }
  }
  return null;
}

/** Visitors per segment and per slot:offer ('' for no offer) from the CLI's replay of a log. */
function cliCounts(cli, log, args = []) {
  const lines = execFileSync(cli, ['replay', ...args, log], { encoding: 'utf8' }).trim().split('\n').map((l) => JSON.parse(l));
  const segments = {};
  const offers = {};
  for (const visitor of lines) {
    for (const id of visitor.segments) segments[id] = (segments[id] || 0) + 1;
    for (const [slot, offer] of Object.entries(visitor.offers)) offers[`${slot}:${offer || ''}`] = (offers[`${slot}:${offer || ''}`] || 0) + 1;
  }
  return { visitors: lines.length, segments, offers };
}

/** The same counts as the studio's replay view shows them (after a replay finished). */
async function studioCounts(page) {
  await page.waitForFunction(() => /replayed in/.test(document.querySelector('[data-testid="replay-status"]').textContent), null, { timeout: 60000 });
  const segments = {};
  for (const row of await page.locator('[data-testid="segment-chart"] li').all()) {
    const count = Number(await row.getAttribute('data-count'));
    if (count) segments[await row.getAttribute('data-segment')] = count;
  }
  const offers = {};
  for (const row of await page.locator('.slot-chart li[data-slot]').all()) {
    offers[`${await row.getAttribute('data-slot')}:${await row.getAttribute('data-offer')}`] = Number(await row.getAttribute('data-count'));
  }
  return { segments, offers };
}

test('the OTTO sample replays in the browser with the same counts as the CLI replay', async () => {
  const cli = findCli();
  assert.ok(cli, 'the native CLI shopper-segments was not found under build/: run scripts/build');
  const sample = path.join(siteRoot, 'studio/otto-sample.jsonl');
  const expected = cliCounts(cli, sample);
  assert.ok(Object.keys(expected.segments).length >= 3, JSON.stringify(expected.segments));

  const { page, context, errors } = await openStudio('replay');
  await page.click('#replay-sample');
  const shown = await studioCounts(page);
  assert.match(await page.textContent('[data-testid="replay-status"]'), new RegExp(`${expected.visitors} visitors`));
  assert.equal(await page.getAttribute('#replay-progress', 'value'), '1');
  assert.deepEqual(shown.segments, expected.segments);
  assert.deepEqual(shown.offers, expected.offers);
  assert.match(await page.textContent('.attribution'), /CC-BY 4\.0/);
  assert.match(await page.textContent('.attribution'), /OTTO \(GmbH & Co KG\)/);
  await shot(page, 'replay');

  // the same events with the visitors interleaved (sorted by time), picked as a file
  const interleaved = readFileSync(sample, 'utf8').trim().split('\n')
    .map((line) => [JSON.parse(line).ts, line]).sort((a, b) => a[0] - b[0]).map(([, line]) => line);
  const file = path.join(outDir, 'studio-otto-by-time.jsonl');
  writeFileSync(file, interleaved.join('\n') + '\n');
  const expectedInterleaved = cliCounts(cli, file);
  await page.setInputFiles('#replay-file', file);
  await page.waitForFunction(() => /otto-by-time/.test(document.querySelector('[data-testid="replay-status"]').textContent));
  const shownInterleaved = await studioCounts(page);
  assert.deepEqual(shownInterleaved.segments, expectedInterleaved.segments);
  assert.deepEqual(shownInterleaved.offers, expectedInterleaved.offers);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the synthetic shop replays in the browser as in the CLI, with members in every catalogue segment', async () => {
  const cli = findCli();
  assert.ok(cli, 'the native CLI shopper-segments was not found under build/: run scripts/build');
  const expected = cliCounts(cli, path.join(siteRoot, 'studio/synthetic-sample.jsonl'));
  const { page, context, errors } = await openStudio('replay');
  await page.click('#replay-synthetic');
  const shown = await studioCounts(page);
  assert.match(await page.textContent('[data-testid="replay-status"]'), /the synthetic shop[^:]*: 1000 visitors/);
  assert.deepEqual(shown.segments, expected.segments);
  assert.deepEqual(shown.offers, expected.offers);
  const catalogue = JSON.parse(readFileSync(path.join(siteRoot, 'shopper-segments.catalog.json'), 'utf8'));
  for (const segment of catalogue.segments) assert.ok(shown.segments[segment.id] > 0, `${segment.id} has no member in the synthetic shop`);
  assert.match(await page.textContent('.attribution'), /made up/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a longer log picked from disk replays in slices with a progress bar, and bad lines are reported', async () => {
  // The sample replicated 40 times with other visitor ids (3.6 MB: many slices of the worker's
  // 256 KB, so the bar is seen between 0 and 1), plus two broken lines.
  const sample = readFileSync(path.join(siteRoot, 'studio/otto-sample.jsonl'), 'utf8').trim().split('\n');
  const lines = [];
  for (let copy = 0; copy < 40; copy += 1) {
    for (const line of sample) lines.push(line.replace('"visitor":"otto-', `"visitor":"copy${copy}-otto-`));
  }
  lines.splice(5, 0, '{"visitor":"x","ts":1,"type":"view_item","item":{"nested":true}}');
  lines.splice(9, 0, 'not json');
  const file = path.join(outDir, 'studio-long-log.jsonl');
  writeFileSync(file, lines.join('\n') + '\n');

  const { page, context, errors } = await openStudio('replay');
  const requests = [];
  page.on('request', (request) => requests.push(`${request.method()} ${request.url()}`));
  // Record every value the progress bar takes while the replay runs.
  await page.evaluate(() => {
    window.progressSeen = [];
    const bar = document.getElementById('replay-progress');
    const look = () => { window.progressSeen.push(Number(bar.value)); if (bar.value < 1) requestAnimationFrame(look); };
    requestAnimationFrame(look);
  });
  await page.setInputFiles('#replay-file', file);
  await page.waitForFunction(() => /replayed in/.test(document.querySelector('[data-testid="replay-status"]').textContent), null, { timeout: 120000 });
  const seen = await page.evaluate(() => window.progressSeen);
  assert.ok(seen.some((v) => v > 0 && v < 1), `no intermediate progress in ${seen.length} frames`);
  const status = await page.textContent('[data-testid="replay-status"]');
  assert.match(status, /800 visitors/);
  assert.match(status, /2 line\(s\) skipped/);
  const skipped = await page.textContent('.replay-results');
  assert.match(skipped, /line 6: field "item" is an object/);
  assert.match(skipped, /line 10: not valid JSON/);
  // the file was read locally: no request carried it anywhere
  assert.deepEqual(requests.filter((r) => !r.startsWith('GET ')), []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a GA4 BigQuery export picked from disk replays in a worker with the counts of the CLI', async () => {
  const cli = findCli();
  assert.ok(cli, 'the native CLI shopper-segments was not found under build/: run scripts/build');
  const file = path.join(repo, 'tests/cli/data/ga4-export.jsonl');
  const expected = cliCounts(cli, file, ['--format', 'ga4']);
  assert.equal(expected.visitors, 4);

  const { page, context, errors } = await openStudio('replay');
  const workers = [];
  page.on('worker', (worker) => workers.push(worker.url()));
  await page.setInputFiles('#replay-file', file);
  const shown = await studioCounts(page);
  const status = await page.textContent('[data-testid="replay-status"]');
  assert.match(status, /^ga4-export\.jsonl: 4 visitors, \d+ events, replayed in/);
  assert.match(status, /rows of events the engine makes itself \(session_start, first_visit\) left out/);
  assert.deepEqual(shown.segments, expected.segments);
  assert.deepEqual(shown.offers, expected.offers);
  // The replay ran in a worker from a same-origin file (the strict policy allows nothing else).
  assert.deepEqual(workers, [`${base}/studio/replay-worker.js`]);
  await shot(page, 'replay-ga4');
  // At 390 px the replay view's own controls and charts wrap inside it (the page around it is the
  // studio layout's concern).
  await page.setViewportSize({ width: 390, height: 844 });
  const overflow = await page.evaluate(() => {
    const view = document.querySelector('.replay-view');
    return view.scrollWidth - view.clientWidth;
  });
  assert.ok(overflow <= 0, `the replay view overflows by ${overflow} px at 390 px`);
  await page.screenshot({ path: path.join(outDir, 'studio-replay-ga4-390.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await context.close();
});

test('a CSV log replays with the columns mapped in the view; bad rows are listed with their line', async () => {
  const { page, context, errors } = await openStudio('replay');
  await page.setInputFiles('#replay-file', path.join(repo, 'tests/cli/data/events.csv'));
  await page.waitForSelector('.csv-mapping:not([hidden])');
  assert.equal(await page.inputValue('#csv-visitor'), 'user_id');
  assert.equal(await page.inputValue('#csv-time'), 'created_at');
  assert.equal(await page.inputValue('#csv-event'), 'action');
  await page.fill('#csv-fields', 'item_id=sku, price=unit_price');
  await page.click('#csv-replay');
  await page.waitForFunction(() => /replayed in/.test(document.querySelector('[data-testid="replay-status"]').textContent));
  assert.match(await page.textContent('[data-testid="replay-status"]'), /events\.csv: 2 visitors, 4 events, .*; 1 line\(s\) skipped/);
  assert.match(await page.textContent('[data-testid="skipped-lines"]'), /line 6: the cell created_at is not a time/);
  assert.equal(await page.getAttribute('[data-testid="skipped-lines"] li', 'data-code'), 'bad_time');
  assert.deepEqual(errors, []);
  await context.close();
});

test('Stop ends a long replay at once; nothing is counted and the next replay runs', async () => {
  // The OTTO sample replicated 400 times (8,000 visitors): long enough to stop midway.
  const sample = readFileSync(path.join(siteRoot, 'studio/otto-sample.jsonl'), 'utf8').trim().split('\n');
  const lines = [];
  for (let copy = 0; copy < 400; copy += 1) {
    for (const line of sample) lines.push(line.replace('"visitor":"otto-', `"visitor":"c${copy}-otto-`));
  }
  const file = path.join(outDir, 'studio-stop-log.jsonl');
  writeFileSync(file, lines.join('\n') + '\n');
  const { page, context, errors } = await openStudio('replay');
  await page.setInputFiles('#replay-file', file);
  await page.waitForFunction(() => Number(document.getElementById('replay-progress').value) > 0, null, { timeout: 60000, polling: 10 });
  await page.click('#replay-stop');
  assert.match(await page.textContent('[data-testid="replay-status"]'), /stopped; nothing counted/);
  assert.equal(await page.locator('[data-testid="segment-chart"]').count(), 0);
  assert.equal(await page.isDisabled('#replay-stop'), true);
  // a new replay after the stop runs to its end
  await page.click('#replay-sample');
  await page.waitForFunction(() => /replayed in/.test(document.querySelector('[data-testid="replay-status"]').textContent), null, { timeout: 60000 });
  assert.match(await page.textContent('[data-testid="replay-status"]'), /the OTTO sample: 20 visitors/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('after a replay each rule node shows how many sample visitors it matches, and follows edits', async () => {
  const { page, context, errors } = await openStudio('replay');
  await page.click('#replay-sample');
  await page.waitForFunction(() => /replayed in/.test(document.querySelector('[data-testid="replay-status"]').textContent), null, { timeout: 60000 });
  const members = Number(await page.getAttribute('[data-testid="segment-chart"] li[data-segment="curious_prospect"]', 'data-count'));
  await page.click('#tab-edit');
  await page.click('.catalogue [data-pointer="/segments/0"]');
  const root = page.locator('.node-count[data-count-for="/segments/0/rule"]');
  await root.waitFor();
  assert.equal(await root.textContent(), `${members} of 20`);
  const first = page.locator('.node-count[data-count-for="/segments/0/rule/all/0"]');
  assert.match(await first.textContent(), /^\d+ of 20$/);
  assert.ok(Number((await first.textContent()).split(' ')[0]) >= members, 'a condition of an "all" holds at least as often as the whole');
  await shot(page, 'node-counts');
  // An edit that no visitor can meet: the sample is replayed again and the counts follow.
  const config = await workingConfig(page);
  config.segments[0].rule.all[0] = { count: 'page_view', gte: 100000 };
  await page.evaluate((c) => window.studio.store.setDraft(c, 'test'), config);
  await page.waitForFunction(() => {
    const badge = document.querySelector('.node-count[data-count-for="/segments/0/rule/all/0"]');
    return badge && badge.textContent === '0 of 20';
  }, null, { timeout: 30000 });
  assert.equal(await root.textContent(), '0 of 20');
  assert.deepEqual(errors, []);
  await context.close();
});

test('checks find a contradictory segment and an offer that can never win, with links to the place', async () => {
  const { page, context, errors } = await openStudio('edit');
  const config = await workingConfig(page);
  config.segments.push({ id: 'impossible', rule: { all: [
    { count: 'view_item', within: '7d', gte: 3 },
    { count: 'view_item', within: '7d', lte: 1 },
  ] } });
  config.offers.push({ id: 'always_hero', slot: 'hero', priority: 1000, content: { title: 'Everyone, always' } });
  await page.evaluate((c) => window.studio.store.setDraft(c, 'test'), config);
  await settle(page);
  await page.click('#tab-checks');
  const findings = page.locator('[data-testid="findings"] li');
  // The toolkit's checks (src/toolkit/lint.cpp): names quoted, conditions in words.
  const never = findings.filter({ hasText: 'Segment “impossible” can never hold' });
  assert.equal(await never.count(), 1);
  assert.ok((await findings.filter({ hasText: 'can never win in slot hero' }).count()) >= 9);
  await shot(page, 'checks');
  // the link opens the place in the editor
  await never.locator('button').first().click();
  assert.equal(await page.getAttribute('#tab-edit', 'aria-selected'), 'true');
  const focusedPath = await page.evaluate(() => document.activeElement && document.activeElement.dataset.path);
  assert.ok(focusedPath && focusedPath.startsWith(`/segments/${config.segments.length - 1}/rule/all/1`), focusedPath);
  assert.deepEqual(errors, []);
  await context.close();
});

test('every ready-made persona enters its segment under the built-in catalogue', async () => {
  const { page, context, errors } = await openStudio('simulate');
  const personas = await page.locator('#persona-select option').evaluateAll((options) => options.map((o) => o.value));
  assert.ok(personas.length >= 7);
  const missed = [];
  for (const id of personas) {
    await page.selectOption('#persona-select', id);
    await page.click('#play-persona');
    await page.waitForSelector(`[data-testid="persona-result"][data-segment="${id}"]`);
    if ((await segmentRow(page, id)).member !== 'true') missed.push(id);
  }
  assert.deepEqual(missed, []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('recording an offer as shown in the simulator feeds its cap, and the next offer takes the slot', async () => {
  const { page, context, errors } = await openStudio('simulate');
  await page.selectOption('#persona-select', 'cart_abandoner');
  await page.click('#play-persona');
  await page.waitForSelector('[data-testid="persona-result"][data-segment="cart_abandoner"]');
  // the persona ends an hour after the cart; the visitor comes back (a new session) and looks around
  await page.click('#ev-view');
  const row = '[data-testid="offer-results"] tr[data-slot="exit_intent"]';
  const first = await page.getAttribute(row, 'data-offer');
  assert.ok(first, 'an exit-intent offer for the cart abandoner');
  const cap = (await workingConfig(page)).offers.find((o) => o.id === first).caps.session;
  for (let i = 0; i < cap; i += 1) await page.click(`${row} button:text-is("shown")`);
  await page.waitForFunction(([selector, offer]) => document.querySelector(selector).dataset.offer !== offer, [row, first]);
  // the capped offer's fate, in words with its title, under the slot's row
  const title = (await workingConfig(page)).offers.find((o) => o.id === first).content.title;
  const fate = `[data-testid="offer-results"] [data-fates-slot="exit_intent"] [data-fate-offer="${first}"]`;
  assert.equal(await page.getAttribute(fate, 'data-fate-reason'), 'capped_session');
  assert.match(await page.textContent(fate), /Capped: shown (once|\d+ times) this session, as often as its cap allows\./);
  assert.ok((await page.textContent(fate)).includes(`“${title}”`), await page.textContent(fate));
  assert.ok((await page.textContent('[data-testid="timeline"]')).includes(`offer “${title}” shown`));
  assert.deepEqual(errors, []);
  await context.close();
});

test('odd drafts (any JSON a person may type) are reported as issues and never break the page', async () => {
  const { page, context, errors } = await openStudio('edit');
  const valid = await workingConfig(page);
  const odd = [[], 'x', 5, null, { segments: 5 }, { version: 1, segments: [null, 5, 'x'] },
    { version: 1, segments: [{ id: 1, rule: 5 }], offers: [{ segments: 'a', content: 5, caps: 3, schedule: 'x', rule: 'r' }] },
    { version: 1, segments: [{ id: 'a', score: 5 }, { id: 'b', score: { signals: [5, null, { rule: [] }] } }] },
    { version: 1, segments: [{ id: 'a', rule: { all: 5 } }, { id: 'b', rule: { any: [5, null, { not: 5 }, { count: 5, where: 5 },
      { sequence: 'x' }, { sequence: [5, null, { event: 5, where: [] }] }, { count: 'x', between: 5 }, { trait: 'x', in: 'y' }] } }] },
    { version: 1, offers: [{ id: 'o', slot: 5, segments: [5, null], schedule: { days: 'mon', hours: 'x' }, suppress: 5, content: { title: 5 } }] },
  ];
  for (const draft of odd) {
    const issues = await page.evaluate((d) => window.studio.store.setDraft(d, 'test').issues, draft);
    assert.ok(issues.length > 0, JSON.stringify(draft));
    for (const pointer of ['/segments/0', '/segments/1', '/offers/0', '/settings']) {
      await page.evaluate((p) => window.studio.editor.select(p), pointer);
    }
    for (const view of ['simulate', 'checks', 'publish', 'edit']) await page.click(`#tab-${view}`);
  }
  assert.deepEqual(await workingConfig(page), valid);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a segment named anew takes an id from its name with every reference; undo and redo by keys and buttons', async () => {
  const { page, context, errors } = await openStudio('edit');
  const original = await workingConfig(page);
  const index = original.segments.findIndex((s) => s.id === 'cart_abandoner');
  const users = original.offers.filter((o) => (o.segments || []).includes('cart_abandoner')).map((o) => o.id);
  assert.ok(users.length >= 1);
  await page.click(`.catalogue [data-pointer="/segments/${index}"]`);
  // "Cart abandoner" / cart_abandoner: the id was made from the name, so it follows the name
  await page.click(`[data-path="/segments/${index}"] .id-block summary`);
  assert.equal(await page.isChecked('[data-role="id-follows-name"]'), true);
  await page.fill(`[data-path="/segments/${index}/name"]`, 'Left a full cart');
  await page.waitForFunction((i) => window.studio.store.state.working.segments[i].id === 'left_a_full_cart', index);
  const renamed = await workingConfig(page);
  for (const id of users) assert.ok(renamed.offers.find((o) => o.id === id).segments.includes('left_a_full_cart'), id);
  assert.match(await page.textContent('.id-note'), /reference/);
  // offers show the new name in their audience
  const offerIndex = renamed.offers.findIndex((o) => o.id === users[0]);
  await page.click(`.catalogue [data-pointer="/offers/${offerIndex}"]`);
  assert.equal((await page.textContent('label:has([data-role="segment-left_a_full_cart"])')).trim(), 'Left a full cart');

  // undo (keys) takes the rename back as one step, with its references; redo (button) brings it again
  await page.focus('#catalogue-search');
  await page.keyboard.press('Control+z');
  await page.waitForFunction(() => window.studio.store.state.working.segments.some((s) => s.id === 'cart_abandoner'));
  assert.deepEqual(await workingConfig(page), original);
  assert.equal(await page.isEnabled('#redo'), true);
  await page.click('#redo');
  await page.waitForFunction(() => window.studio.store.state.working.segments.some((s) => s.id === 'left_a_full_cart'));
  assert.deepEqual(await workingConfig(page), renamed);
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+Shift+z');
  await page.waitForFunction(() => window.studio.store.state.working.segments.some((s) => s.id === 'left_a_full_cart'));

  // a duration in words is not refused by the studio: it is taken as typed, and stored in its
  // short form once the owner leaves the field ("7 days" -> "7d", by the toolkit)
  await page.click(`.catalogue [data-pointer="/segments/${index}"]`);
  const within = await page.evaluate((i) => {
    const find = (node, path) => {
      if (!node || typeof node !== 'object') return null;
      if (typeof node.within === 'string' && node.within !== 'session' && node.within !== 'lifetime') return path;
      for (const [k, v] of Object.entries(node)) { const p = find(v, `${path}/${k}`); if (p) return p; }
      return null;
    };
    return find(window.studio.store.state.draft.segments[i].rule, `/segments/${i}/rule`);
  }, index);
  if (within) {
    await page.fill(`[data-path="${within}/within"]`, '7 days');
    await page.waitForFunction((p) => JSON.stringify(window.studio.store.state.draft).includes('"7 days"'), within);
    await page.fill(`[data-path="${within}/within"]`, '36 hours');
    await page.press(`[data-path="${within}/within"]`, 'Tab');
    await page.waitForFunction(() => JSON.stringify(window.studio.store.state.draft).includes('"within":"36h"'));
    assert.equal(await page.inputValue(`[data-path="${within}/within"]`), '36h');
  }
  assert.ok(within, 'the segment has a condition with a time window');
  await page.click('#undo');
  assert.deepEqual(errors, []);
  await context.close();
});
