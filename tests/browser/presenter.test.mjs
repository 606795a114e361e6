// Workshop mode in a real browser: a whole presenter session by keyboard alone (tally,
// reveal, what would have happened, debrief), projector-sized type with AAA contrast,
// screenshots at projector resolutions, and the facilitator pack printed to PDF.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, axe, ARTIFACTS } from './lib.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const AAA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'wcag2aaa'];

async function tabTo(page, text) {
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab');
    if ((await page.evaluate(() => document.activeElement?.textContent?.trim())) === text) return;
  }
  throw new Error(`could not reach "${text}" with Tab`);
}

test('a whole presenter session by keyboard alone', async () => {
  const { page, done } = await openPage(browser, { path: '#/scenario/overtime', viewport: { width: 1920, height: 1080 } });
  await page.getByRole('heading', { name: 'Content notes' }).waitFor();
  await tabTo(page, 'Present to a room');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: /^With the room:/ }).waitFor();
  await tabTo(page, 'Start with the room');
  await page.keyboard.press('Enter');
  const options = page.getByRole('list', { name: 'Options' });
  await options.waitFor();
  let turn = 0;
  for (; turn < 30; turn++) {
    if (await page.getByRole('heading', { name: /^Debrief/ }).isVisible()) break;
    await options.waitFor();
    // Nothing hints at the answer before the reveal.
    assert.equal(await page.locator('.presenting .meters').count(), 0, 'no meters before reveal');
    assert.equal(await page.locator('.presenting .badge').count(), 0, 'no classification before reveal');
    // The room votes: two hands for option 2, three for option 1, which the room picks.
    await page.keyboard.press('2');
    await page.keyboard.press('+');
    await page.keyboard.press('+');
    await page.keyboard.press('1');
    for (let i = 0; i < 3; i++) await page.keyboard.press('+');
    await page.keyboard.press('-');
    await page.keyboard.press('+');
    if (turn === 0) {
      await page.keyboard.press('p');
      await page.getByRole('region', { name: 'Discussion prompt' }).waitFor();
      assert.match(await page.getByRole('region', { name: 'Discussion prompt' }).textContent(), /For discussion:/);
      await page.screenshot({ path: `${ARTIFACTS}presenter-1920.png` });
      const size = await page.locator('.presenting .client-line').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
      assert.ok(size >= 32, `body text is ${size}px at 1920×1080`);
      await axe(page, 'presenter (before reveal)', AAA);
    }
    await page.keyboard.press('r');
    await page.getByRole('heading', { name: 'The room chose A' }).waitFor();
    assert.ok(await page.locator('.presenting .meters').count() === 1, 'meters after reveal');
    // What would have happened with option 2, without losing the room's path.
    await page.keyboard.press('2');
    await page.getByRole('heading', { name: 'What would have happened with B' }).waitFor();
    if (turn === 0) {
      await page.screenshot({ path: `${ARTIFACTS}presenter-reveal-1920.png` });
      await axe(page, 'presenter (revealed)', AAA);
      // Back to the decision keeps the tallies; reveal again.
      await page.keyboard.press('b');
      await options.waitFor();
      assert.equal(await page.getByRole('heading', { name: 'The room chose A' }).count(), 0);
      assert.equal(await page.getByRole('group', { name: 'Hands for option A' }).locator('output').textContent(), '3');
      await page.keyboard.press('1');
      await page.keyboard.press('r');
      await page.getByRole('heading', { name: 'The room chose A' }).waitFor();
    }
    await page.keyboard.press('n');
  }
  await page.getByRole('heading', { name: /^Debrief/ }).waitFor();
  const rows = page.locator('.room-decision');
  assert.equal(await rows.count(), turn);
  assert.match(await rows.first().textContent(), /3 hands[^]*2 hands|2 hands[^]*3 hands/);
  await axe(page, 'presenter debrief', AAA);
  await page.keyboard.press('Escape');
  // In presenter mode Esc is the room's full-screen pause (see workshop.test.mjs).
  await page.getByRole('dialog', { name: "We're taking a pause" }).waitFor();
  await page.keyboard.press('Escape');
  assert.equal(await page.getByRole('dialog').count(), 0);
  await done();
});

test('presenter layouts at 1280×720 and 1024×768', async () => {
  for (const viewport of [{ width: 1280, height: 720 }, { width: 1024, height: 768 }]) {
    const { page, done } = await openPage(browser, { path: '#/present/the-allotment', viewport });
    await page.getByRole('button', { name: 'Start with the room' }).click();
    await page.getByRole('list', { name: 'Options' }).waitFor();
    await page.keyboard.press('3');
    await page.keyboard.press('r');
    await page.getByRole('heading', { name: 'The room chose C' }).waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `no sideways scrolling at ${viewport.width}px`);
    await page.screenshot({ path: `${ARTIFACTS}presenter-${viewport.width}.png` });
    await done();
  }
});

test('the facilitator pack prints to PDF', async () => {
  const { page, done } = await openPage(browser, { path: '#/pack/overtime' });
  await page.getByRole('heading', { name: /^Facilitator pack:/ }).waitFor();
  assert.ok(await page.locator('.pack-node').count() >= 5);
  assert.match(await page.textContent('.pack'), /Discussion prompt:/);
  await axe(page, 'facilitator pack');
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('header.site').isVisible(), false, 'print hides the site header');
  const pdf = await page.pdf({ format: 'A4', path: `${ARTIFACTS}facilitator-pack.pdf` });
  assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  assert.ok(pages >= 2, `the pack runs to ${pages} pages`);
  await done();
});
