// The demo store holds still and goes nowhere it should not: every page at 1280 px and 390 px,
// with the side panel open and closed, adds up to a cumulative layout shift of 0 (the browser's
// own buffered 'layout-shift' entries, read after the widget has filled its slots); the panel
// starts collapsed on a phone's first visit; and every link of every page (navigation, footer,
// cards, offers) answers with a page of the demo, not "Not found".
//
// Run: node --test tests/browser/demo-layout.test.mjs   (after scripts/build)

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { problems, serveDemo } from './demo-site.mjs';
import { launchBrowser, newPage } from './helpers.mjs';

const PAGES = ['index.html', 'new.html', 'sale.html', 'bestsellers.html', 'category.html?c=coffee', 'search.html?q=linen',
  'product.html?id=' /* + first product */, 'cart.html', 'checkout.html', 'thank-you.html', 'help.html'];
const site = serveDemo(['index.html', 'sale.html', 'assets/styles.css', 'shopper-segments.js', 'shopper-segments.wasm']);

// Opens `file` and waits until the widget decided and painted, then two frames more; returns the
// layout shifts the page had (buffered: from the first paint on), each with what moved.
async function layoutShifts(page, file) {
  await page.goto(site.base + file);
  await page.waitForLoadState('load');
  await page.evaluate(() => window.ShopperSegments.ready.then(() => undefined));
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  return page.evaluate(() => new Promise((resolve) => {
    requestAnimationFrame(() => requestAnimationFrame(() => {
      const entries = [];
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) {
          if (entry.hadRecentInput) continue;
          entries.push({ value: entry.value, sources: (entry.sources || []).map((s) => {
            const node = s.node;
            const name = node && node.nodeType === 1 ? node.tagName.toLowerCase() + (node.id ? '#' + node.id : '') + (node.className ? '.' + String(node.className).split(' ').join('.') : '') : String(node && node.nodeName);
            return name;
          }) });
        }
      }).observe({ type: 'layout-shift', buffered: true });
      // The buffered entries are delivered in the observer's first callback, within a task.
      setTimeout(() => resolve(entries), 50);
    }));
  }));
}

async function firstProduct(page) {
  await page.goto(site.base + 'index.html');
  return page.evaluate(() => window.ShopData.products[0].id);
}

for (const width of [1280, 390]) {
  for (const panelOpen of [true, false]) {
    test(`every demo page at ${width} px with the panel ${panelOpen ? 'open' : 'closed'} has a layout shift of 0`, async () => {
      const browser = await launchBrowser({ viewport: { width, height: width === 390 ? 844 : 800 },
        ...(width === 390 ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}) });
      await browser.addInitScript((open) => localStorage.setItem('fernhill.panelOpen', open ? '1' : '0'), panelOpen);
      const page = await newPage(browser);
      const product = await firstProduct(page);
      const report = [];
      for (const file of PAGES) {
        const path = file.endsWith('id=') ? file + product : file;
        const shifts = await layoutShifts(page, path);
        const total = shifts.reduce((sum, s) => sum + s.value, 0);
        if (total > 0) report.push(`${path}: ${total.toFixed(4)} (${shifts.map((s) => s.sources.join(' + ')).join('; ')})`);
      }
      assert.deepEqual(report, [], 'pages whose layout shifted');
      assert.deepEqual(problems(page), []);
      await browser.close();
    });
  }
}

test('on a phone (390 px) the panel starts collapsed on the first visit, and opens and stays open when asked', async () => {
  const browser = await launchBrowser({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await newPage(browser);
  await page.goto(site.base + 'index.html');
  await page.waitForSelector('#seg-panel');
  assert.equal(await page.evaluate(() => document.getElementById('seg-panel').classList.contains('collapsed')), true);
  assert.equal(await page.getAttribute('#seg-panel .panel-toggle', 'aria-expanded'), 'false');
  // The shop is usable: the hero is not covered by the panel.
  const covered = await page.evaluate(() => {
    const hero = document.querySelector('[data-seg-slot="hero"]').getBoundingClientRect();
    const top = document.elementFromPoint(hero.left + hero.width / 2, hero.top + 20);
    return Boolean(top && top.closest('#seg-panel'));
  });
  assert.equal(covered, false);
  // Its tab stays in the page's 16 px gutter, so it hides nothing at the right edge (prices, fields).
  const tab = await page.evaluate(() => ({ left: document.querySelector('#seg-panel .panel-toggle').getBoundingClientRect().left,
    content: document.querySelector('main').getBoundingClientRect().right - parseFloat(getComputedStyle(document.querySelector('.container')).paddingRight) }));
  assert.ok(tab.left >= tab.content, `the tab starts at ${tab.left} px, the content ends at ${tab.content} px`);
  await page.click('#seg-panel .panel-toggle');
  await page.reload();
  await page.waitForSelector('#seg-panel');
  assert.equal(await page.evaluate(() => document.getElementById('seg-panel').classList.contains('collapsed')), false,
    'the visitor\'s own choice is kept');
  await browser.close();
  // A laptop's first visit keeps the panel open (it sits beside the shop there).
  const laptop = await launchBrowser({ viewport: { width: 1280, height: 800 } });
  const wide = await newPage(laptop);
  await wide.goto(site.base + 'index.html');
  await wide.waitForSelector('#seg-panel');
  assert.equal(await wide.evaluate(() => document.getElementById('seg-panel').classList.contains('collapsed')), false);
  await laptop.close();
});

test('every link of the demo leads to a page of the demo', async () => {
  const browser = await launchBrowser({ viewport: { width: 1280, height: 800 } });
  const page = await newPage(browser);
  const product = await firstProduct(page);
  const origin = new URL(site.base).origin;
  const checked = new Map();  // url -> problem or ''
  const queue = PAGES.map((file) => (file.endsWith('id=') ? file + product : file));
  const visited = new Set();
  while (queue.length) {
    const file = queue.shift();
    if (visited.has(file)) continue;
    visited.add(file);
    await page.goto(site.base + file);
    await page.waitForLoadState('load');
    await page.evaluate(() => window.ShopperSegments.ready.then(() => undefined, () => undefined));
    const links = await page.evaluate(() => [...document.querySelectorAll('a[href]')].map((a) => a.href));
    for (const href of links) {
      const url = new URL(href);
      if (url.origin !== origin) {
        checked.set(href, `${file}: a link leaves the shop`);
        continue;
      }
      const key = url.origin + url.pathname + url.search;
      if (checked.has(key)) continue;
      const response = await page.request.get(key);
      const body = await response.text();
      const bad = !response.ok() ? `HTTP ${response.status()}` : /^Not found/.test(body) ? 'Not found' : '';
      checked.set(key, bad ? `${file} -> ${url.pathname}${url.search}: ${bad}` : '');
      // The demo's own pages are crawled in turn (a page reached only through a link counts too).
      const relative = key.slice(site.base.length);
      if (!bad && url.pathname.endsWith('.html') && !url.pathname.includes('/studio/') && visited.size < 60) queue.push(relative);
    }
  }
  const broken = [...checked.values()].filter(Boolean);
  assert.deepEqual(broken, [], 'links that lead nowhere');
  assert.ok(checked.size > 20, `${checked.size} links checked`);
  await browser.close();
});
