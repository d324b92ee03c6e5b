// data-report="datalayer": the widget tells the shop's own analytics what it showed, what was
// clicked and whom it held out, as GA4 promotion events in window.dataLayer (view_promotion,
// select_promotion, shopper_segments_holdout with items[{promotion_id, promotion_name,
// creative_slot}]), and makes no request of its own for it. Without the attribute nothing is pushed.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { launchBrowser, newPage, STRICT_CSP, makeSite, startServer } from './helpers.mjs';

// Two hero offers for everyone: the first holds half of the visitors out, the second is the
// fallback; the visitor id decides (stable hash), so a run tries ids until it has both kinds.
const CONFIG = {
  version: 1,
  settings: { salt: 'report-test' },
  offers: [
    { id: 'hero_half', slot: 'hero', priority: 10, holdout: 0.5, content: { title: 'Half the visitors', cta: 'Look', link: '/next.html' } },
    { id: 'hero_all', slot: 'hero', content: { title: 'Everyone else', cta: 'Look', link: '/next.html' } },
  ],
};
const page = (attributes) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>shop</title>
<script type="application/json" id="shopper-segments-config">${JSON.stringify(CONFIG)}</script>
<script src="/shopper-segments.js"${attributes} defer></script>
</head><body>
<section id="hero" data-seg-slot="hero"><h2>Default hero</h2></section>
</body></html>`;

let site;
let server;
before(async () => {
  site = makeSite({
    'report.html': page(' data-report="datalayer"'),
    'quiet.html': page(''),
    'next.html': '<!doctype html><title>next</title><p>next</p>',
    'favicon.ico': '',
  });
  server = await startServer({ root: site.root, csp: STRICT_CSP });
});
after(async () => {
  await server.close();
  site.remove();
});

const promotions = (p) => p.evaluate(() => (window.dataLayer || []).filter((e) => e && e.shopper_segments && e.event)
  .map((e) => ({ event: e.event, items: e.ecommerce.items, holdout: e.ecommerce.holdout })));

async function visit(browser, file) {
  const p = await newPage(browser);
  await p.goto(server.url('/' + file));
  await p.evaluate(() => window.ShopperSegments.ready.then(() => undefined));
  await p.waitForSelector('#hero[data-seg-offer-shown]');
  return p;
}

test('shown, clicked and held-out offers reach window.dataLayer, and no request of ours is made', async () => {
  const seen = { shown: false, heldOut: false };
  for (let attempt = 0; attempt < 16 && !(seen.shown && seen.heldOut); attempt++) {
    const browser = await launchBrowser();  // a new visitor id each time
    const p = await visit(browser, 'report.html');
    const offer = await p.getAttribute('#hero', 'data-seg-offer-shown');
    const before = p.requests.length;
    const pushes = await promotions(p);
    if (offer === 'hero_half') {
      seen.shown = true;
      assert.deepEqual(pushes, [{ event: 'view_promotion', holdout: undefined,
        items: [{ creative_slot: 'hero', promotion_id: 'hero_half', promotion_name: 'Half the visitors' }] }]);
      // A click on the offer's action: select_promotion, pushed before the page leaves.
      await p.evaluate(() => document.querySelector('#hero a').addEventListener('click', (e) => e.preventDefault()));
      await p.click('#hero a');
      assert.deepEqual((await promotions(p)).map((e) => e.event), ['view_promotion', 'select_promotion']);
      assert.deepEqual((await promotions(p))[1].items, [{ creative_slot: 'hero', promotion_id: 'hero_half', promotion_name: 'Half the visitors' }]);
    } else {
      seen.heldOut = true;
      assert.equal(offer, 'hero_all');
      assert.deepEqual(pushes, [
        { event: 'shopper_segments_holdout', holdout: 'offer', items: [{ creative_slot: 'hero', promotion_id: 'hero_half', promotion_name: 'Half the visitors' }] },
        { event: 'view_promotion', holdout: undefined, items: [{ creative_slot: 'hero', promotion_id: 'hero_all', promotion_name: 'Everyone else' }] },
      ]);
    }
    // Each push is preceded by GA4's clearing push; a later decision reports nothing twice.
    const raw = await p.evaluate(() => window.dataLayer.filter((e) => e && e.shopper_segments));
    assert.deepEqual(raw.filter((_, i) => i % 2 === 0), raw.filter((e) => e.ecommerce === null));
    await p.evaluate(() => window.ShopperSegments.track('page_view', {}));
    await p.evaluate(() => new Promise((resolve) => setTimeout(resolve, 50)));
    assert.equal((await promotions(p)).filter((e) => e.event !== 'select_promotion').length, pushes.length);
    assert.equal(p.requests.length, before, 'no request was made for the report');
    assert.ok(p.requests.every((url) => url.startsWith(server.origin)), 'nothing left the shop');
    assert.deepEqual(p.pageErrors, []);
    await browser.close();
  }
  assert.ok(seen.shown && seen.heldOut, `16 visitors gave both kinds: ${JSON.stringify(seen)}`);
});

test('without data-report nothing is pushed', async () => {
  const browser = await launchBrowser();
  const p = await visit(browser, 'quiet.html');
  assert.deepEqual(await promotions(p), []);
  await browser.close();
});
