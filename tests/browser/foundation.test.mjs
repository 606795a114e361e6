// The foundation in a real browser: pre-rendered library, consent, playing by mouse and by
// keyboard alone, feedback that names patterns, the debrief, the glossary and step out.
// axe-core checks every screen visited; no console errors; no request leaves the origin.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, axe, playToDebrief, BASE, ARTIFACTS } from './lib.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('the library is in the page before any script runs', async () => {
  const html = await (await fetch(BASE)).text();
  assert.match(html, /Scenario library/);
  assert.match(html, /id="attune-boot"/);
  const { page, done } = await openPage(browser, { js: false });
  const cards = page.locator('.cards > li');
  assert.ok(await cards.count() >= 2, 'scenarios listed without wasm');
  await done();
});

test('a scenario plays to its debrief by mouse, with feedback naming the patterns', async () => {
  const { page, done } = await openPage(browser);
  await axe(page, 'library');
  await page.screenshot({ path: `${ARTIFACTS}library.png`, fullPage: true });
  await page.locator('.cards > li h2 a').first().click();
  await page.getByRole('heading', { name: 'Content notes' }).waitFor();
  assert.match(await page.textContent('main'), /You can step out at any time/);
  // The client's background comes with the scenario's own file, not the first page load.
  await page.getByRole('button', { name: 'Begin' }).waitFor();
  const client = await page.locator('section[aria-labelledby="client-h"]').textContent();
  assert.ok(client.length > 200, `the pre-brief describes the client (${client.length} characters)`);
  await axe(page, 'pre-brief');
  await page.getByRole('button', { name: 'Begin' }).click();
  await page.getByRole('group', { name: 'Choose your response' }).waitFor();
  assert.equal(await page.locator('[aria-live="polite"] #client-now').count(), 1, 'the client line is in a live region');
  await axe(page, 'play');
  let patternsNamed = 0;
  // Choose the last shown option each time; the shuffle makes this a varied path.
  await playToDebrief(page, {
    pick: (n) => n - 1,
    onTurn: async (feedback, turn) => {
      const text = await feedback.textContent();
      assert.match(text, /Attuned|Risks subtle harm|Risks harm/);
      assert.match(text, /Why/);
      if (/Risks/.test(text)) {
        const links = feedback.locator('a.pattern');
        assert.ok(await links.count() >= 1, 'non-attuned feedback names a pattern');
        assert.match(await links.first().getAttribute('href'), /^#\/glossary\//);
        assert.match(text, /Another way to respond/);
        patternsNamed++;
      }
      if (turn === 0) {
        await axe(page, 'feedback');
        await page.screenshot({ path: `${ARTIFACTS}feedback.png`, fullPage: true });
      }
    },
  });
  const debrief = page.locator('.debrief');
  assert.match(await debrief.textContent(), /The path you took/);
  assert.match(await debrief.textContent(), /Questions to reflect on/);
  assert.match(await debrief.textContent(), /How the relationship moved/);
  await axe(page, 'debrief');
  await page.screenshot({ path: `${ARTIFACTS}debrief.png`, fullPage: true });
  console.log(`# patterns named in feedback on ${patternsNamed} turn(s)`);
  await done();
});

test('a scenario plays to its debrief by keyboard alone', async () => {
  const { page, done } = await openPage(browser);
  const secondTitle = await page.locator('.cards > li h2 a').nth(1).textContent();
  // Tab to the second scenario's link.
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    if ((await page.evaluate(() => document.activeElement?.textContent)) === secondTitle) break;
  }
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Content notes' }).waitFor();
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    if ((await page.evaluate(() => document.activeElement?.textContent)) === 'Begin') break;
  }
  await page.keyboard.press('Enter');
  for (let turn = 0; turn < 60; turn++) {
    if (await page.getByRole('heading', { name: /^Debrief/ }).isVisible()) break;
    await page.getByRole('group', { name: 'Choose your response' }).waitFor();
    await page.keyboard.press(String((turn % 3) + 1));
    await page.getByRole('region', { name: 'Feedback' }).waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'feedback-heading', 'focus moves to the feedback');
    for (let i = 0; i < 20; i++) {
      await page.keyboard.press('Tab');
      if (/^Continue/.test(await page.evaluate(() => document.activeElement?.textContent ?? ''))) break;
    }
    await page.keyboard.press('Enter');
  }
  await page.getByRole('heading', { name: /^Debrief/ }).waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'debrief-heading');
  await done();
});

test('step out is available at any moment and keeps the place', async () => {
  const { page, done } = await openPage(browser);
  await page.locator('.cards > li h2 a').first().click();
  await page.getByRole('button', { name: 'Begin' }).click();
  const group = page.getByRole('group', { name: 'Choose your response' });
  await group.getByRole('button').first().click();
  await page.getByRole('region', { name: 'Feedback' }).getByRole('button', { name: /^Continue/ }).click();
  const line = await page.locator('#client-now').textContent();
  await page.keyboard.press('Escape');
  const dialog = page.getByRole('dialog', { name: 'You have stepped out' });
  await dialog.waitFor();
  await axe(page, 'step out');
  await page.keyboard.press('1'); // choosing is paused while stepped out
  await dialog.getByRole('button', { name: 'Return to where I was' }).click();
  assert.equal(await page.locator('#client-now').textContent(), line);
  assert.equal(await page.getByRole('region', { name: 'Feedback' }).count(), 0);
  // Leave for the library, come back: the place is kept.
  await page.getByRole('button', { name: 'Step out' }).click();
  await page.getByRole('button', { name: /Leave for the library/ }).click();
  await page.getByRole('heading', { name: 'Scenario library' }).waitFor();
  await page.locator('.cards > li h2 a').first().click();
  await page.getByRole('link', { name: 'Continue where you left off' }).click();
  assert.equal(await page.locator('#client-now').textContent(), line);
  await done();
});

test('the glossary explains all nine patterns', async () => {
  const { page, done } = await openPage(browser, { path: '#/glossary' });
  await page.getByRole('heading', { name: 'Glossary', level: 1 }).waitFor();
  assert.equal(await page.locator('.pattern-entry').count(), 9);
  // The long texts are not in the first page load; they arrive when the glossary opens.
  await page.getByRole('heading', { name: 'The principles behind the alternatives' }).waitFor();
  assert.equal(await page.locator('.pattern-entry h3', { hasText: 'Another way' }).count(), 9);
  assert.equal(await page.getByRole('status').filter({ hasText: 'Loading' }).count(), 0);
  await axe(page, 'glossary');
  await done();
});

test('the layout holds at 320 px and on a 1080p projector', async () => {
  for (const viewport of [{ width: 320, height: 640 }, { width: 1920, height: 1080 }]) {
    const { page, done } = await openPage(browser, { viewport });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `no sideways scrolling at ${viewport.width}px (overflow ${overflow})`);
    await page.screenshot({ path: `${ARTIFACTS}library-${viewport.width}.png` });
    await done();
  }
});
