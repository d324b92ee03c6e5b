// The demo store with the owner's own configuration (issue 5, "paste the snippet into the demo
// store to see it live"): the side panel takes the studio's embed snippet or bare config JSON,
// checks it with the widget's own validator, applies it on every page before the first decision,
// and goes back to the built-in catalogue on request; the studio's "Open in the demo store" carries
// its working config over in one click. Screenshots: test-output/demo-config-*.png.
//
// Run: node --test tests/browser/demo-config.test.mjs   (after scripts/build; DEMO_SITE_ROOT overrides dist/site)
// Served with the strict CSP of a real storefront; each test is a new visitor in a fresh profile.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { assertClean as assertCleanPage, newVisitor as newDemoVisitor, serveDemo, settle as settleDemo } from './demo-site.mjs';
import { OUTPUT, ROOT } from './helpers.mjs';

const CONFIG_KEY = 'fernhill.config';

// "Viewed 3+ items tagged new this week and never bought", with an offer for the home hero. No
// settings, so no control group: every visitor sees its offers (the catalogue keeps 5 % out).
const NEW_FANS = {
  version: 1,
  segments: [{ id: 'new_fans', rule: { all: [
    { count: 'view_item', where: { tags: 'new' }, within: '7d', gte: 3 },
    { not: { count: 'purchase' } },
  ] } }],
  offers: [{ id: 'fan_hero', slot: 'hero', segments: ['new_fans'], content: { title: 'For our new-in fans' } }],
};

// What the studio's Publish tab writes (web/studio/embed-snippet.js): every "<" of the JSON as \u003c.
function studioSnippet(config) {
  const json = JSON.stringify(config, null, 2).replace(/</g, '\\u003c');
  return `<script type="application/json" id="shopper-segments-config">\n${json}\n</script>\n<script src="/shopper-segments.js" defer></script>\n`;
}

const site = serveDemo(['index.html', 'assets/own-config.js', 'assets/panel-config.js', 'shopper-segments.js', 'shopper-segments.wasm', 'studio/index.html']);
const newVisitor = () => newDemoVisitor(900);
const assertClean = (page) => assertCleanPage(page, site.base);
// Here the panel's segment list need only be in the page, not visible.
const settle = (page) => settleDemo(page, 'attached');

async function open(page, file) {
  await page.goto(site.base + file);
  await settle(page);
}

const segmentIds = (page) => page.evaluate(() => window.ShopperSegments.segments().map((s) => s.id));
const stored = (page) => page.evaluate((key) => localStorage.getItem(key), CONFIG_KEY);

/** Pastes `text` into the panel and presses "Use this configuration"; a valid one reloads the page. */
async function paste(page, text, { valid }) {
  await page.fill('#config-paste', text);
  if (valid) {
    await Promise.all([page.waitForEvent('load'), page.click('#config-apply')]);
    await settle(page);
  } else {
    await page.click('#config-apply');
    await page.waitForSelector('#config-result .config-refused');
  }
}

async function issuesShown(page) {
  return page.locator('#config-result .config-issue').evaluateAll((items) =>
    items.map((li) => ({ code: li.dataset.code, path: li.dataset.path, text: li.textContent })));
}

const newItems = (page) => page.evaluate(() => window.ShopData.products.filter((p) => p.tags.includes('new')).map((p) => p.id));

async function viewProducts(page, ids) {
  for (const id of ids) await open(page, `product.html?id=${id}`);
}

describe('the demo store with your own configuration', () => {
  test('a pasted studio snippet is active on every page; three new items put its offer in the home hero', async () => {
    const { browser, page } = await newVisitor();
    await open(page, 'index.html');
    assert.equal(await page.getAttribute('#config-active', 'data-active'), 'catalogue');
    assert.match(await page.textContent('#config-active'), /the built-in catalogue \(\d+ segments\)/);
    assert.ok((await segmentIds(page)).includes('trend_follower'));

    await paste(page, studioSnippet(NEW_FANS), { valid: true });
    assert.equal(await page.getAttribute('#config-active', 'data-active'), 'own');
    assert.match(await page.textContent('#config-active'), /your configuration, pasted here.*1 segment \(new_fans\), 1 offer \(fan_hero\)/);
    assert.equal(await page.textContent('#config-badge'), 'Rules: your configuration');
    assert.deepEqual(JSON.parse(await stored(page)).config, NEW_FANS, 'the demo remembers exactly the pasted config');
    assert.deepEqual(await segmentIds(page), ['new_fans']);
    assert.equal(await page.locator('#seg-panel .journeys').count(), 0, "the catalogue's journeys are hidden");
    assert.match(await page.textContent('[data-seg-slot="hero"]'), /Soft layers/, 'no offer yet: the shop keeps its own hero');

    const [first, second, third] = await newItems(page);
    await viewProducts(page, [first, second]);
    assert.deepEqual(await segmentIds(page), ['new_fans'], 'another page, the same configuration');
    await open(page, 'index.html');
    assert.equal(await page.getAttribute('[data-seg-slot="hero"]', 'data-seg-offer-shown'), null, 'two new items are not enough');

    await viewProducts(page, [third]);
    await open(page, 'index.html');
    await page.waitForSelector('#seg-panel [data-panel-segment="new_fans"][data-member="true"]');
    const hero = page.locator('[data-seg-slot="hero"]');
    assert.equal(await hero.getAttribute('data-seg-offer-shown'), 'fan_hero');
    assert.match(await hero.textContent(), /For our new-in fans/);
    assert.equal(await page.getAttribute('#seg-panel [data-panel-slot="hero"]', 'data-offer'), 'fan_hero');
    const reasons = await page.evaluate(() => window.ShopperSegments.decide().map((d) => d.reason));
    assert.ok(!reasons.includes('control_group'), 'no control group unless the config asks for one');
    await page.screenshot({ path: path.join(OUTPUT, 'demo-config-home.png') });
    await page.locator('#own-config').scrollIntoViewIfNeeded();
    await page.locator('#seg-panel').screenshot({ path: path.join(OUTPUT, 'demo-config-panel.png') });

    // Back to the built-in catalogue: the key is gone and every page runs the catalogue again.
    await Promise.all([page.waitForEvent('load'), page.click('#config-reset')]);
    await settle(page);
    assert.equal(await stored(page), null);
    assert.equal(await page.getAttribute('#config-active', 'data-active'), 'catalogue');
    assert.ok((await segmentIds(page)).includes('trend_follower'));
    assert.equal(await page.locator('#config-reset').count(), 0, 'nothing to go back from');
    assertClean(page);
    await browser.close();
  });

  test('bare config JSON works as well as the snippet', async () => {
    const { browser, page } = await newVisitor();
    await open(page, 'product.html?id=top-organic-tee');
    await paste(page, JSON.stringify(NEW_FANS), { valid: true });
    assert.equal(new URL(page.url()).pathname, '/product.html', 'the page reloads where it was');
    assert.deepEqual(await segmentIds(page), ['new_fans']);
    assertClean(page);
    await browser.close();
  });

  test('an invalid paste shows each issue with its path and sentence and keeps the active configuration', async () => {
    const { browser, page } = await newVisitor();
    await open(page, 'index.html');
    await paste(page, studioSnippet(NEW_FANS), { valid: true });
    const before = await stored(page);

    // An offer for a segment that does not exist and a threshold that is not a number.
    const broken = JSON.parse(JSON.stringify(NEW_FANS));
    broken.offers[0].segments = ['new_fan'];
    broken.segments[0].rule.all[0].gte = 'three';
    await paste(page, studioSnippet(broken), { valid: false });
    const issues = await issuesShown(page);
    assert.ok(issues.some((i) => i.path === '/offers/0/segments/0' && i.text.startsWith('/offers/0/segments/0') && /new_fan/.test(i.text)),
      JSON.stringify(issues));
    assert.ok(issues.some((i) => i.path.startsWith('/segments/0/rule/all/0/gte')), JSON.stringify(issues));
    assert.match(await page.textContent('#config-result .config-refused'), /Not applied: 2 issues; the active configuration stays/);
    await page.locator('#own-config').scrollIntoViewIfNeeded();
    await page.locator('#seg-panel').screenshot({ path: path.join(OUTPUT, 'demo-config-invalid.png') });
    assert.equal(await stored(page), before, 'the stored configuration is untouched');
    assert.deepEqual(await segmentIds(page), ['new_fans'], 'the widget keeps the active configuration');
    await open(page, 'new.html');
    assert.deepEqual(await segmentIds(page), ['new_fans'], 'and so does the next page');

    // Text that is not JSON: the engine's sentence. A snippet without the config block: why not.
    await paste(page, '{"version": 1, "segments": [', { valid: false });
    const syntax = await issuesShown(page);
    assert.equal(syntax.length, 1);
    assert.match(syntax[0].text, /^\(whole text\) |^\/\S* /);
    await paste(page, '<script src="/shopper-segments.js" data-config="/my-config.json" defer></script>', { valid: false });
    assert.deepEqual((await issuesShown(page)).map((i) => i.code), ['config_by_url']);
    await paste(page, '<script src="/shopper-segments.js" defer></script>', { valid: false });
    assert.deepEqual((await issuesShown(page)).map((i) => i.code), ['no_config_in_snippet']);
    await paste(page, '   ', { valid: false });
    assert.deepEqual((await issuesShown(page)).map((i) => i.code), ['empty']);
    assert.equal(await stored(page), before);
    assertClean(page);
    await browser.close();
  });

  test('pasted text is only read as text: markup around or inside the config never runs or renders', async () => {
    const { browser, page } = await newVisitor();
    await open(page, 'index.html');
    const config = JSON.parse(JSON.stringify(NEW_FANS));
    config.offers[0].content.title = '<img src=x onerror="window.__pwned=1">Fans</script><b>bold</b>';
    delete config.offers[0].segments;  // a fallback for everyone, so it shows straight away
    const snippet = '<img src=x onerror="window.__pwned=1">\n<script>window.__pwned = 2</script>\n' +
      // attributes in another order and quoting than the studio writes them
      `<script id='shopper-segments-config' type="application/json">${JSON.stringify(config).replace(/</g, '\\u003c')}</script>`;
    await paste(page, snippet, { valid: true });
    const hero = page.locator('[data-seg-slot="hero"]');
    await page.waitForSelector('[data-seg-slot="hero"][data-seg-offer-shown="fan_hero"]');
    assert.equal(await hero.locator('.seg-offer__title').textContent(), config.offers[0].content.title, 'the title is text');
    assert.equal(await page.locator('#seg-panel img, #seg-panel b, [data-seg-slot="hero"] img').count(), 0);
    assert.equal(await page.evaluate(() => window.__pwned), undefined, 'nothing in the paste ran');
    assertClean(page);
    await browser.close();
  });

  test('a stored configuration is in force from the first decision of every page', async () => {
    const { browser, page } = await newVisitor();
    // Every offer the widget puts on any page, from the very start of each page.
    await page.addInitScript(() => {
      window.offersShown = [];
      document.addEventListener('shopper-segments:offer', (event) => window.offersShown.push(event.detail.offer));
    });
    await open(page, 'index.html');
    const config = JSON.parse(JSON.stringify(NEW_FANS));
    config.offers.push({ id: 'everyone_hero', slot: 'hero', priority: -1, content: { title: 'Hello from your own rules' } });
    await paste(page, JSON.stringify(config), { valid: true });
    for (const file of ['index.html', 'new.html', 'index.html']) {
      await open(page, file);
      if (file === 'index.html') await page.waitForSelector('[data-seg-slot="hero"][data-seg-offer-shown="everyone_hero"]');
      const shown = await page.evaluate(() => window.offersShown);
      assert.deepEqual(shown.filter((id) => id !== 'everyone_hero'), [], `${file}: only the own configuration's offers, from the start`);
    }
    assertClean(page);
    await browser.close();
  });

  test('a stored configuration this widget refuses is reported, and the catalogue runs instead', async () => {
    const { browser, page } = await newVisitor();
    await open(page, 'index.html');
    const refused = { version: 1, segments: [{ id: 'x', rule: { count: 'view_item', gte: 'many' } }], offers: [] };
    await page.evaluate(([key, value]) => localStorage.setItem(key, JSON.stringify({ version: 1, source: 'studio', savedAt: 0, config: value })),
      [CONFIG_KEY, refused]);
    await page.reload();
    await settle(page);
    await page.waitForSelector('#config-problem .config-issue');
    assert.equal(await page.getAttribute('#config-badge', 'data-active'), 'refused');
    assert.match(await page.textContent('#config-problem'), /refused your saved configuration.*\/segments\/0\/rule\/gte/);
    assert.ok((await segmentIds(page)).includes('trend_follower'), 'the built-in catalogue is in use');
    await Promise.all([page.waitForEvent('load'), page.click('#config-reset')]);
    await settle(page);
    assert.equal(await stored(page), null);
    assert.equal(await page.locator('#config-problem .config-issue').count(), 0);
    assertClean(page);
    await browser.close();
  });

  test('the snippet reader: attribute order, \\u003c escapes and unclosed blocks', async () => {
    const { browser, page } = await newVisitor();
    await open(page, 'index.html');
    const read = (text) => page.evaluate((t) => window.DemoConfig.configTextFrom(t), text);
    assert.deepEqual(await read('<script type="application/json" id="shopper-segments-config">{"a":"\\u003c/script>"}</script>'),
      { ok: true, text: '{"a":"\\u003c/script>"}' });
    assert.deepEqual(await read('<SCRIPT id=shopper-segments-config type=application/json>\n{"b":1}\n</SCRIPT >'), { ok: true, text: '{"b":1}' });
    assert.equal((await read('<script data-id="shopper-segments-config">{}</script>')).issues[0].code, 'no_config_in_snippet');
    assert.equal((await read('<script type="application/json" id="shopper-segments-config">{"c":1}')).issues[0].code, 'snippet_unclosed');
    assert.deepEqual(await read('  {"offers": [{"content": {"body": "<script>"}}]} '), { ok: true, text: '{"offers": [{"content": {"body": "<script>"}}]}' },
      'bare JSON may mention <script> in its strings');
    await browser.close();
  });

  test("the studio's “Open in the demo store” carries its published version to the store in one click", async () => {
    const { browser, page } = await newVisitor();
    await page.goto(site.base + 'studio/#publish');
    await page.waitForSelector('body[data-ready="true"]');
    // The owner's draft, typed into the JSON editor; valid, so it is the working config.
    await page.click('#tab-edit');
    await page.evaluate((text) => {
      const editor = document.getElementById('json-editor');
      editor.value = text;
      editor.dispatchEvent(new Event('input', { bubbles: true }));
    }, JSON.stringify(NEW_FANS, null, 2));
    await page.waitForFunction(() => window.studio.settled() && window.studio.store.state.issues.length === 0 &&
      window.studio.store.state.working.segments.length === 1);
    await page.click('#tab-publish');
    // the store runs the published version: the draft is published first
    assert.doesNotMatch(await page.inputValue('#embed-snippet'), /new_fans/, 'not published yet');
    await page.click('#review-publish');
    await page.click('#confirm-publish');
    await page.waitForFunction(() => /new_fans/.test(document.getElementById('embed-snippet').value));
    await page.screenshot({ path: path.join(OUTPUT, 'demo-config-studio-publish.png') });

    const [store] = await Promise.all([browser.waitForEvent('page'), page.click('#open-in-demo')]);
    await store.waitForLoadState('load');
    assert.equal(new URL(store.url()).pathname, '/index.html');
    await settle(store);
    assert.equal(await store.getAttribute('#config-active', 'data-active'), 'own');
    assert.match(await store.textContent('#config-active'), /sent from the rule studio.*1 segment \(new_fans\)/);
    assert.deepEqual(await segmentIds(store), ['new_fans']);
    assert.deepEqual(JSON.parse(await stored(store)).config, NEW_FANS);
    assert.match(await page.textContent('[data-testid="publish-status"]'), /opened in its own tab/);
    assert.deepEqual(page.pageErrors, []);
    await browser.close();
  });

  test('none of the code that handles pasted configurations uses an HTML sink', () => {
    const files = ['web/demo/assets/own-config.js', 'web/demo/assets/panel-config.js', 'web/demo/assets/panel.js',
      'web/studio/demo-store-link.js', 'web/studio/publish-view.js', 'web/studio/publish-panel.js', 'web/studio/diff-view.js', 'web/studio/versions.js'];
    for (const file of files) {
      const code = readFileSync(path.join(ROOT, file), 'utf8').replace(/\/\/.*$/gm, '');
      assert.doesNotMatch(code, /innerHTML|outerHTML|insertAdjacentHTML|document\.write|DOMParser|createContextualFragment/, file);
    }
  });
});
