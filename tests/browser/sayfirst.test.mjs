// "Say it first" in a real browser: with it on, the options stay hidden at each decision
// until the trainee has written what they would say (or skipped); a whole play by
// keyboard; the words appear beside the options and in the debrief next to the choice
// made, are kept only in this browser's storage, and never go over the network. Presenter
// mode gets the same step, with the options revealed on a key.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, axe, BASE } from './lib.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function tabTo(page, test, limit = 60) {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(test)) return;
  }
  throw new Error(`could not reach ${test} with Tab`);
}

test('a whole play with "Say it first", by keyboard: the words reach the debrief and stay on the device', async () => {
  const { page, context, done } = await openPage(browser);
  // Everything the page sends, to show the words never leave it.
  const sent = [];
  context.on('request', (r) => sent.push(`${r.url()} ${r.postData() ?? ''}`));
  await tabTo(page, () => document.activeElement?.closest?.('.cards') !== null && document.activeElement?.tagName === 'A');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Content notes' }).waitFor();
  await tabTo(page, () => document.activeElement?.id === 'say-first');
  await page.keyboard.press('Space');
  assert.ok(await page.getByLabel(/Say it first/).isChecked());
  await tabTo(page, () => document.activeElement?.textContent === 'Begin');
  await page.keyboard.press('Enter');

  const words = [];
  for (let turn = 0; turn < 60; turn++) {
    if (await page.getByRole('heading', { name: /^Debrief/ }).isVisible()) break;
    await page.getByRole('heading', { name: 'Say it first' }).waitFor();
    assert.equal(await page.getByRole('group', { name: 'Choose your response' }).count(), 0, 'no options before the words');
    await page.keyboard.press('1'); // number keys do not choose an option nobody has seen
    assert.equal(await page.getByRole('region', { name: 'Feedback' }).count(), 0);
    if (turn === 0) await axe(page, 'say it first');
    await tabTo(page, () => document.activeElement?.id === 'say-first-words');
    if (turn === 1) {
      // Skipping is always allowed, and leaves nothing to show.
      await tabTo(page, () => document.activeElement?.textContent === 'Skip this time');
      await page.keyboard.press('Enter');
    } else {
      const mine = `In my own words, turn ${turn + 1}: tell me more about that.`;
      words.push(mine);
      await page.keyboard.type(mine);
      await tabTo(page, () => document.activeElement?.textContent === 'Show the options');
      await page.keyboard.press('Enter');
      await page.locator('.said-first', { hasText: mine }).waitFor();
    }
    await page.getByRole('group', { name: 'Choose your response' }).waitFor();
    await page.keyboard.press(String((turn % 3) + 1));
    await page.getByRole('region', { name: 'Feedback' }).waitFor();
    await tabTo(page, () => /^Continue/.test(document.activeElement?.textContent ?? ''), 30);
    await page.keyboard.press('Enter');
  }
  const debrief = page.locator('.debrief');
  await debrief.waitFor();
  const said = await debrief.locator('.path .said-first').allTextContents();
  assert.deepEqual(said.map((s) => s.replace(/^You said first/, '')), words, 'each written answer sits beside the choice made');
  await axe(page, 'debrief with said-first');
  const stored = await page.evaluate(() => localStorage.getItem('attune.progress'));
  for (const w of words) {
    assert.ok(stored.includes(w), 'kept in this browser');
    assert.ok(!sent.some((s) => s.includes(w) || s.includes(encodeURIComponent(w))), 'never sent anywhere');
  }
  await done();
});

test('presenter mode: the room says it first, and the options appear on a key', async () => {
  const { page, done } = await openPage(browser, { path: '#/present/overtime', viewport: { width: 1920, height: 1080 } });
  await page.getByRole('heading', { name: /^With the room:/ }).waitFor();
  await page.getByLabel(/The room says it first/).check();
  await page.getByRole('button', { name: 'Start with the room' }).click();
  await page.getByRole('heading', { name: 'The room says it first' }).waitFor();
  assert.equal(await page.getByRole('list', { name: 'Options' }).count(), 0, 'options hidden');
  await page.keyboard.press('1');
  await page.keyboard.press('r');
  assert.equal(await page.getByRole('heading', { name: /^The room chose/ }).count(), 0, 'nothing to reveal yet');
  await axe(page, 'presenter: the room says it first', ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'wcag2aaa']);
  await page.keyboard.press('o');
  await page.getByRole('list', { name: 'Options' }).waitFor();
  await page.keyboard.press('1');
  await page.keyboard.press('r');
  await page.getByRole('heading', { name: 'The room chose A' }).waitFor();
  await page.keyboard.press('n');
  await page.getByRole('heading', { name: 'The room says it first' }).waitFor();
  await done();
});
