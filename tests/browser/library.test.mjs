// Every shipped scenario opens, plays to an ending and shows its debrief in the browser.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, playToDebrief } from './lib.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('every scenario plays to an ending', async () => {
  const { page, done } = await openPage(browser);
  const ids = await page.$$eval('.cards > li h2 a', (as) => as.map((a) => a.getAttribute('href').split('/').pop()));
  assert.ok(ids.length >= 2);
  for (const [i, id] of ids.entries()) {
    await page.goto(new URL(`#/scenario/${id}`, page.url()).href);
    const begin = page.getByRole('button', { name: 'Begin' });
    await begin.waitFor({ timeout: 10000 }).catch(async () => {
      throw new Error(`${id}: no Begin button; the page says: ${(await page.textContent('main')).slice(0, 300)}`);
    });
    await begin.click();
    const turns = await playToDebrief(page, { pick: (n, turn) => (turn + i) % n });
    assert.ok(turns >= 1, `${id} took turns`);
    assert.match(await page.locator('.debrief').textContent(), /Questions to reflect on/);
  }
  await done();
});
