// The studio's Publish tab: the working config compiled into segments.bin by the owner toolkit,
// with a snippet carrying data-program and Subresource Integrity; put on a shop beside the
// runtime, the program runs under a strict CSP, and a program changed after publishing is refused.

import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

import { OUTPUT, ROOT, STRICT_CSP, makeSite, startServer } from './helpers.mjs';
import { openStudio, serveStudio } from './studio-site.mjs';

const studio = serveStudio();

async function publishTab(width = 1280) {
  const { page, context, errors } = await openStudio(studio, 'publish', { width, acceptDownloads: true });
  await page.click('#tab-publish');
  await page.waitForFunction(() => document.getElementById('program-snippet').value.includes('data-program'));
  return { page, context, errors };
}

test('Publish compiles the program, gives its snippet with integrity and its size; the shop runs it', async () => {
  const { page, context, errors } = await publishTab();
  const snippet = await page.inputValue('#program-snippet');
  assert.match(snippet, /^<script src="\/shopper-segments\.js" integrity="sha384-[A-Za-z0-9+/=]+" crossorigin="anonymous" data-program="\/segments\.bin" data-program-integrity="sha384-[A-Za-z0-9+/=]+" defer><\/script>\n$/);
  const sizes = await page.textContent('#program-sizes');
  assert.match(sizes, /segments\.bin: [\d,]+ bytes, [\d,]+ bytes compressed \(gzip\); 19 segments, \d+ offers\./);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-program')]);
  const file = path.join(OUTPUT, 'studio-segments.bin');
  await download.saveAs(file);
  const program = readFileSync(file);
  assert.equal(program.subarray(0, 4).toString('latin1'), 'SSEG');
  assert.equal(program.length, Number(/segments\.bin: ([\d,]+) bytes/.exec(sizes)[1].replace(/,/g, '')));
  await page.screenshot({ path: path.join(OUTPUT, 'studio-publish-program.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await context.close();

  // The shop: the runtime files, the program and a page with the snippet; the script's integrity
  // is of the file the studio served, which is the one the shop serves.
  const tampered = Buffer.from(program);
  tampered[tampered.length - 1] ^= 1;
  const pageWith = (body) => `<!doctype html><html><head><title>shop</title></head><body>
    <div data-seg-slot="hero">the shop's own hero</div>${body}</body></html>`;
  const site = makeSite({
    'segments.bin': program,
    'shop.html': pageWith(snippet),
    'tampered/segments.bin': tampered,
    'tampered/shop.html': pageWith(snippet.replace('"/segments.bin"', '"/tampered/segments.bin"')),
  });
  const shop = await startServer({ root: site.root, csp: STRICT_CSP });
  const shopContext = await studio.browser.newContext();
  try {
    const shopPage = await shopContext.newPage();
    const requests = [];
    shopPage.on('request', (request) => requests.push(new URL(request.url()).pathname));
    await shopPage.goto(shop.url('/shop.html'));
    assert.equal(await shopPage.evaluate(() => window.ShopperSegments.ready.then(() => 'ready', (e) => e.message)), 'ready');
    assert.ok(!requests.some((p) => p.includes('toolkit') || p.endsWith('.json')), requests.join(' '));
    assert.equal((await shopPage.evaluate(() => window.ShopperSegments.segments())).length, 19);

    const refused = await shopContext.newPage();
    await refused.goto(shop.url('/tampered/shop.html'));
    const settled = await refused.evaluate(() => window.ShopperSegments.ready.then(() => 'ready', (e) => 'failed'));
    assert.equal(settled, 'failed', 'a program that does not match its integrity is refused');
    assert.equal(await refused.textContent('[data-seg-slot="hero"]'), "the shop's own hero");
  } finally {
    await shopContext.close();
    await shop.close();
    site.remove();
  }
});

test('the Publish tab fits a phone (390 px) without sideways scrolling', async () => {
  const { page, context } = await publishTab(390);
  const overflow = await page.evaluate(() => {
    const section = document.querySelector('.publish-view');
    return section.scrollWidth - section.clientWidth;
  });
  await page.screenshot({ path: path.join(OUTPUT, 'studio-publish-390.png'), fullPage: true });
  assert.ok(overflow <= 1, `the publish view overflows by ${overflow} px`);
  await context.close();
});

test('draft and published are separate: publish with a diff, history export / import (a hostile file refused), rollback', async () => {
  const { page, context, errors } = await publishTab();
  // the draft changes; the shop's snippet does not until it is published
  const before = await page.inputValue('#embed-snippet');
  await page.evaluate(() => {
    const draft = JSON.parse(JSON.stringify(window.studio.store.state.draft));
    draft.segments[0].priority = 77;
    draft.offers.pop();
    window.studio.store.setDraft(draft, 'test');
  });
  await page.waitForFunction(() => /2 changes not published/.test(document.querySelector('[data-testid="publish-changes"]').textContent));
  await page.waitForFunction(() => window.studio.settled());
  assert.equal(await page.inputValue('#embed-snippet'), before);

  await page.click('#review-publish');
  await page.waitForSelector('#publish-dialog[open] [data-testid="sizes-box"][data-ready="true"]', { timeout: 60000 });
  const diff = await page.textContent('[data-testid="config-diff"]');
  assert.match(diff, /changed segment “Curious prospect”[\s\S]*priority/);
  assert.match(diff, /removed offer “/);
  // sizes on the sample: same rules, same sizes, in both columns
  const rows = await page.locator('.sizes-table tbody tr').evaluateAll((trs) => trs.map((tr) => [tr.dataset.published, tr.dataset.draft]));
  assert.equal(rows.length, 19);
  assert.equal(await page.locator('[data-testid="sizes-diff"]').count(), 0, 'no segment changes size');
  assert.match(await page.textContent('[data-testid="sizes-box"]'), /No segment changes size on these 20 visitors/);
  for (const [a, b] of rows) assert.equal(a, b);
  await page.fill('#publish-note', 'fewer offers');
  await page.click('#confirm-publish');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="history"] .version').length === 1);
  await page.waitForFunction((old) => document.getElementById('embed-snippet').value !== old, before);
  assert.match(await page.textContent('[data-testid="publish-changes"]'), /The draft is the published version/);

  // export the history, then a hostile file is refused and changes nothing
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-history')]);
  const file = path.join(OUTPUT, 'studio-history.json');
  await download.saveAs(file);
  const exported = JSON.parse(readFileSync(file, 'utf8'));
  assert.equal(exported.history.length, 1);
  const stored = await page.evaluate(() => localStorage.getItem('shopper-segments-studio:versions:v1'));
  const hostile = path.join(OUTPUT, 'studio-history-hostile.json');
  const evil = JSON.stringify({ ...exported, history: [{ ...exported.history[0], id: 'evil', config: { version: 1, segments: [{ id: '<img src=x onerror=alert(1)>' }] } }] });
  writeFileSync(hostile, evil.replace('"version":1,"segments"', '"__proto__":{"polluted":1},"version":1,"segments"'));
  await page.setInputFiles('#import-history', hostile);
  await page.waitForFunction(() => /was not imported/.test(document.querySelector('[data-testid="history-message"]').textContent));
  assert.equal(await page.evaluate(() => localStorage.getItem('shopper-segments-studio:versions:v1')), stored);
  assert.equal(await page.locator('[data-testid="history"] img').count(), 0);
  assert.equal(await page.evaluate(() => ({}).polluted), undefined);
  await page.setInputFiles('#import-history', file);
  await page.waitForFunction(() => /0 versions added, 1 already here/.test(document.querySelector('[data-testid="history-message"]').textContent));

  // publish once more, then roll back to the first version in one click
  await page.evaluate(() => {
    const draft = JSON.parse(JSON.stringify(window.studio.store.state.draft));
    draft.segments[0].priority = 5;
    window.studio.store.setDraft(draft, 'test');
  });
  await page.waitForFunction(() => !document.getElementById('review-publish').disabled);
  await page.click('#review-publish');
  await page.click('#confirm-publish');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="history"] .version').length === 2);
  await page.click(`[data-rollback="${exported.history[0].id}"]`);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="history"] .version').length === 3);
  const after = await page.evaluate(() => ({
    published: window.studio.versions.published().config.segments[0].priority,
    draft: window.studio.store.state.draft.segments[0].priority,
    top: document.querySelector('[data-testid="history"] .version').dataset.kind,
  }));
  assert.deepEqual(after, { published: 77, draft: 77, top: 'rollback' });
  assert.match(await page.textContent('[data-testid="history"] .version.live'), /rolled back to the version of/);
  // and it survives a reload
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30000 });
  assert.equal(await page.evaluate(() => window.studio.versions.published().config.segments[0].priority), 77);
  assert.equal(await page.locator('[data-testid="history"] .version').count(), 3);
  assert.deepEqual(errors, []);
  await context.close();
});

for (const width of [1280, 390]) {
  test(`at ${width} px the published version goes back to the built-in catalogue as a new version, after plain words; rollback undoes it`, async () => {
    const { page, context, errors } = await publishTab(width);
    const catalogue = JSON.parse(readFileSync(path.join(ROOT, 'src/catalog/default.json'), 'utf8'));
    // nothing published: the shop runs the catalogue, so there is nothing to go back to
    assert.equal(await page.isVisible('#publish-catalogue'), false);
    assert.match(await page.textContent('[data-testid="publish-state"]'), /Published: the built-in catalogue \(nothing has been published/);

    // the owner publishes a configuration of their own (no exit-intent offers), then edits on
    await page.evaluate(() => {
      const draft = JSON.parse(JSON.stringify(window.studio.store.state.draft));
      draft.offers = draft.offers.filter((o) => o.slot !== 'exit_intent');
      window.studio.store.setDraft(draft, 'test');
    });
    await page.waitForFunction(() => !document.getElementById('review-publish').disabled);
    await page.click('#review-publish');
    await page.fill('#publish-note', 'no exit dialogs');
    await page.click('#confirm-publish');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="history"] .version').length === 1);
    const own = await page.evaluate(() => window.studio.versions.history()[0].id);
    const ownOffers = catalogue.offers.filter((o) => o.slot !== 'exit_intent').length;
    const snippet = await page.inputValue('#embed-snippet');
    await page.evaluate(() => {
      const draft = JSON.parse(JSON.stringify(window.studio.store.state.draft));
      draft.segments[0].priority = 66;
      window.studio.store.setDraft(draft, 'test');
    });
    await page.waitForFunction(() => /1 change not published/.test(document.querySelector('[data-testid="publish-changes"]').textContent));
    assert.equal(await page.isVisible('#publish-catalogue'), true);

    // the dialog says what happens, in sentences; Cancel changes nothing
    await page.click('#publish-catalogue');
    await page.waitForSelector('#catalogue-dialog[open]');
    const words = await page.textContent('[data-testid="catalogue-words"]');
    assert.match(words, new RegExp(`The shop will run the built-in catalogue again, with its ${catalogue.segments.length} segments and ${catalogue.offers.length} offers, in place of the version of .+ \\(“no exit dialogs”\\), which has ${catalogue.segments.length} segments and ${ownOffers} offers\\.`));
    assert.match(words, /This is published as a new version\. The version the shop runs now stays in the history, and you can roll back to it in one click\./);
    assert.match(words, /Your draft becomes the built-in catalogue too\. Its 1 change not yet published is replaced; Undo \(Ctrl\+Z\) brings it back while this page is open\./);
    assert.doesNotMatch(words, /[<>=]|exit_intent|\bv[0-9a-z]+-[0-9a-f]{8}\b/, 'names and sentences, no ids or signs');
    await page.screenshot({ path: path.join(OUTPUT, `studio-publish-catalogue-dialog-${width}.png`) });
    await page.click('#cancel-catalogue');
    await page.waitForFunction(() => !document.getElementById('catalogue-dialog').open);
    assert.equal(await page.locator('[data-testid="history"] .version').count(), 1);
    assert.equal(await page.evaluate(() => window.studio.store.state.draft.segments[0].priority), 66);

    // confirmed: a new version, live, the catalogue itself; the draft is the catalogue too
    await page.click('#publish-catalogue');
    await page.click('#confirm-catalogue');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="history"] .version').length === 2);
    const live = '[data-testid="history"] .version.live';
    assert.equal(await page.getAttribute(live, 'data-kind'), 'catalogue');
    assert.match(await page.textContent(live), /went back to the built-in catalogue · 19 segments, \d+ offers · live now/);
    assert.deepEqual(await page.evaluate(() => window.studio.versions.published().config), catalogue);
    assert.deepEqual(await page.evaluate(() => window.studio.store.state.draft), catalogue);
    assert.match(await page.textContent('[data-testid="publish-state"]'), /^Published: the built-in catalogue, since /);
    assert.match(await page.textContent('[data-testid="publish-changes"]'), /The draft is the published version/);
    assert.equal(await page.isVisible('#publish-catalogue'), false);
    await page.waitForFunction((old) => document.getElementById('embed-snippet').value !== old, snippet);
    await page.screenshot({ path: path.join(OUTPUT, `studio-publish-catalogue-${width}.png`), fullPage: true });

    // Undo brings the draft's unpublished change back, as the dialog said; the shop keeps the catalogue
    await page.click('#undo');
    await page.waitForFunction(() => window.studio.store.state.draft.segments[0].priority === 66);
    assert.deepEqual(await page.evaluate(() => window.studio.versions.published().config), catalogue);

    // and the owner's version is one click away in the history, and survives a reload
    await page.click(`[data-rollback="${own}"]`);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="history"] .version').length === 3);
    assert.equal(await page.evaluate(() => window.studio.versions.published().config.offers.length), ownOffers);
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]', { timeout: 30000 });
    await page.click('#tab-publish');
    assert.equal(await page.evaluate(() => window.studio.versions.published().config.offers.length), ownOffers);
    assert.deepEqual(await page.evaluate(() => window.studio.versions.history().map((e) => e.kind)), ['rollback', 'catalogue', 'publish']);
    assert.equal(await page.isVisible('#publish-catalogue'), true);
    assert.deepEqual(errors, []);
    await context.close();
  });
}
