// Workshop mode as a facilitator runs it in front of a room: a whole session moved on with
// a presentation clicker's keys (PageDown, PageUp, '.'), hands that survive going back and
// forward, private notes that ask before they reach the projector, and axe with AAA
// contrast on every presenter screen in all four theme conditions.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, axe, ARTIFACTS } from './lib.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const AAA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'wcag2aaa'];

const hands = (page, letter) => page.getByRole('group', { name: `Hands for option ${letter}` }).locator('output').textContent();
const status = (page) => page.locator('.room-notice').textContent();

/** The room votes at a decision, counted on the laptop: `a` hands for A, `b` for B, and
 * the room goes with A. */
async function count(page, a, b) {
  await page.keyboard.press('2');
  for (let i = 0; i < b; i++) await page.keyboard.press('+');
  await page.keyboard.press('1');
  for (let i = 0; i < a; i++) await page.keyboard.press('+');
}

for (const viewport of [{ width: 1920, height: 1080 }, { width: 1280, height: 720 }]) {
  test(`a whole room session moved on with a clicker's keys at ${viewport.width}×${viewport.height}`, async () => {
    const { page, done } = await openPage(browser, { path: '#/present/overtime', viewport });
    const w = viewport.width;
    await page.getByRole('button', { name: 'Start with the room' }).waitFor();
    if (w === 1920) await axe(page, 'presenter start', AAA);
    await page.getByRole('button', { name: 'Start with the room' }).click();
    const options = page.getByRole('list', { name: 'Options' });
    await options.waitFor();

    // Tallies and controls are readable from the laptop at 720p, and the room's text at 1080p.
    const px = (sel) => page.locator(sel).first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    assert.ok(await px('.tally output') >= 22, `tally figures ${await px('.tally output')}px at ${w}`);
    assert.ok(await px('.toolbar .button') >= 16, `toolbar buttons ${await px('.toolbar .button')}px at ${w}`);
    if (w === 1920) assert.ok(await px('.client-line') >= 32, 'the client line is 32px or more at 1080p');
    // With nothing chosen, forward says what to do instead of doing nothing.
    await page.keyboard.press('PageDown');
    assert.match(await status(page), /Choose the room's option first/);
    assert.equal(await page.getByRole('heading', { name: /^The room chose/ }).count(), 0);
    if (w === 1920) await axe(page, 'presenter (nothing chosen)', AAA);
    await page.keyboard.press('PageUp');
    assert.match(await status(page), /first decision/);

    // The options keep the pack's order: A is the file's first option.
    const wording = await page.locator('.option .words').allTextContents();
    await count(page, 3, 2);
    await page.keyboard.press('PageDown');
    await page.getByRole('heading', { name: 'The room chose A' }).waitFor();
    // Back to the decision and forward again: the hands are still there.
    await page.keyboard.press('PageUp');
    await options.waitFor();
    assert.equal(await hands(page, 'A'), '3');
    assert.equal(await hands(page, 'B'), '2');
    await page.keyboard.press('PageDown');
    await page.getByRole('heading', { name: 'The room chose A' }).waitFor();
    await page.keyboard.press('PageDown');
    await page.getByRole('heading', { name: 'The room chose A' }).waitFor({ state: 'detached' });
    // At the second decision, hands; then back two steps (B must not lose them either)
    // and forward two: the second decision's hands are back.
    await count(page, 1, 4);
    await page.keyboard.press('PageUp');
    await page.getByRole('heading', { name: 'The room chose A' }).waitFor();
    await page.keyboard.press('b');
    assert.equal(await hands(page, 'A'), '3', 'the first decision kept its hands');
    await page.keyboard.press('PageDown');
    await page.keyboard.press('PageDown');
    await options.waitFor();
    assert.equal(await hands(page, 'A'), '1', 'the second decision kept its hands');
    assert.equal(await hands(page, 'B'), '4');

    // '.' blanks the screen to a calm slide that hides everything; '.' again returns.
    await page.keyboard.press('.');
    await page.getByRole('region', { name: 'Blank screen' }).waitFor();
    assert.equal(await page.locator('.client-line').count(), 0, 'nothing of the scenario shows');
    await page.screenshot({ path: `${ARTIFACTS}workshop-blank-${w}.png` });
    if (w === 1920) await axe(page, 'presenter (blank)', AAA);
    await page.keyboard.press('.');
    await options.waitFor();
    assert.equal(await hands(page, 'B'), '4', 'the slide returns as it was');

    // P is the room's prompt alone; the private notes ask first, and both fit in view.
    await page.keyboard.press('p');
    const prompt = page.getByRole('region', { name: 'Discussion prompt' });
    await prompt.waitFor();
    assert.doesNotMatch(await prompt.textContent(), /Facilitator notes/);
    await page.keyboard.press('m');
    const ask = page.getByRole('region', { name: /private notes on the shared screen/ });
    await ask.waitFor();
    assert.equal(await page.locator('.notes-text').count(), 0, 'no notes before the facilitator agrees');
    await page.screenshot({ path: `${ARTIFACTS}workshop-notes-ask-${w}.png` });
    if (w === 1920) await axe(page, 'presenter (notes: asking)', AAA);
    await page.keyboard.press('m');
    const notes = page.getByRole('region', { name: 'Facilitator notes' });
    await notes.waitFor();
    for (const panel of [prompt, notes]) {
      const box = await panel.boundingBox();
      assert.ok(box && box.y >= 0 && box.y + box.height <= viewport.height + 1, `a panel is cut off at ${w}: ${JSON.stringify(box)}`);
    }
    await page.screenshot({ path: `${ARTIFACTS}workshop-notes-${w}.png` });
    await page.keyboard.press('m');
    assert.equal(await page.locator('.notes-text').count(), 0);
    await page.keyboard.press('p');

    // The rest of the session, moved on by PageDown alone (A chosen on the laptop).
    let turn = 2;
    for (; turn < 30; turn++) {
      if (await page.getByRole('heading', { name: /^Debrief/ }).isVisible()) break;
      await options.waitFor();
      await page.keyboard.press('1');
      await page.keyboard.press('PageDown');
      await page.getByRole('heading', { name: 'The room chose A' }).waitFor();
      if (turn === 2) {
        await page.screenshot({ path: `${ARTIFACTS}workshop-reveal-${w}.png` });
        if (w === 1920) await axe(page, 'presenter (revealed)', AAA);
      }
      await page.keyboard.press('PageDown');
    }
    await page.getByRole('heading', { name: /^Debrief/ }).waitFor();
    // The plenary debrief: each option's wording with its hands, the one taken, the
    // patterns met, the trajectory, the map and a question for the room.
    const first = page.getByRole('region', { name: 'Decision 1' });
    const items = first.locator('.hand');
    assert.equal(await items.count(), wording.length);
    for (let k = 0; k < wording.length; k++) {
      assert.ok((await items.nth(k).textContent()).includes(wording[k]), `option ${k} wording in the debrief`);
    }
    assert.match(await items.nth(0).textContent(), /3 hands · the room's choice/);
    assert.match(await items.nth(1).textContent(), /2 hands/);
    assert.match(await first.locator('.total').textContent(), /Hands in all: 5/);
    assert.equal(await page.locator('.room-decision').count(), turn - 1, 'one section per decision taken');
    assert.ok(await page.getByRole('heading', { name: 'Patterns met' }).isVisible());
    assert.equal(await page.locator('.debrief figure.trajectory').count(), 1, 'the trajectory');
    assert.equal(await page.locator('.debrief figure.scenario-map img').count(), 1, 'the map');
    assert.ok(await page.getByRole('region', { name: 'For the room to discuss' }).isVisible());
    const figure = await items.nth(0).locator('.count').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    assert.ok(figure >= (w === 1920 ? 24 : 18), `tally figures are ${figure}px at ${w}`);
    // The session as Markdown for the facilitator's record.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download the session (Markdown)' }).click(),
    ]);
    const md = await (await import('node:fs/promises')).readFile(await download.path(), 'utf8');
    assert.match(md, /^# Attune with a room: Overtime/);
    assert.ok(md.includes(`| A: ${wording[0].replace(/\|/g, '\\|')} | 3 | the room's choice`), 'the Markdown has the wording and hands');
    await page.keyboard.press('PageDown');
    assert.match(await status(page).catch(() => ''), /debrief/);
    await page.screenshot({ path: `${ARTIFACTS}workshop-debrief-${w}.png`, fullPage: true });
    if (w === 1920) await axe(page, 'presenter debrief', AAA);
    // The page never scrolled sideways and PageDown never scrolled it for the browser.
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth) <= 0);
    await done();
  });
}

test('a reload mid-session finds the tallies; "New session" starts clean; bad saved data is set aside', async () => {
  const { page, done } = await openPage(browser, { path: '#/present/overtime', viewport: { width: 1280, height: 720 } });
  await page.getByRole('button', { name: 'Start with the room' }).click();
  const options = page.getByRole('list', { name: 'Options' });
  await options.waitFor();
  await count(page, 3, 2);
  await page.keyboard.press('PageDown');
  await page.keyboard.press('PageDown');
  await page.getByRole('heading', { name: 'The room chose A' }).waitFor({ state: 'detached' });
  await count(page, 1, 4);
  const progressBefore = await page.evaluate(() => localStorage.getItem('attune.progress'));

  await page.reload();
  await page.waitForSelector('html[data-attune="ready"]');
  await options.waitFor();
  assert.match(await page.locator('.toolbar .where').textContent(), /decision 2 · resumed after a reload/);
  assert.equal(await hands(page, 'A'), '1');
  assert.equal(await hands(page, 'B'), '4');
  await page.keyboard.press('PageUp');
  await page.keyboard.press('PageUp');
  await options.waitFor();
  assert.equal(await hands(page, 'A'), '3', "the first decision's hands came through the reload");
  assert.equal(await hands(page, 'B'), '2');
  // The room is kept apart from the trainee's own progress.
  assert.equal(await page.evaluate(() => localStorage.getItem('attune.progress')), progressBefore);
  assert.ok(await page.evaluate(() => localStorage.getItem('attune.room')));

  await page.getByRole('button', { name: 'New session' }).click();
  await page.getByRole('heading', { name: /^With the room:/ }).waitFor();
  assert.equal(await page.evaluate(() => localStorage.getItem('attune.room')), null);
  await page.reload();
  await page.waitForSelector('html[data-attune="ready"]');
  await page.getByRole('heading', { name: /^With the room:/ }).waitFor();

  await page.evaluate(() => localStorage.setItem('attune.room', '{"version":1,"scenario":"overtime","turns":[[1]]'));
  await page.reload();
  await page.waitForSelector('html[data-attune="ready"]');
  await page.getByRole('heading', { name: /^With the room:/ }).waitFor();
  assert.match(await page.locator('.room-notice').textContent(), /could not be resumed/);
  await axe(page, 'presenter start with a notice', AAA);
  await page.getByRole('button', { name: 'Start with the room' }).click();
  await options.waitFor();
  await done();
});

test('Esc pauses the room with a full-screen slide that hides the scenario and keeps focus', async () => {
  for (const viewport of [{ width: 1920, height: 1080 }, { width: 1280, height: 720 }]) {
    const { page, done } = await openPage(browser, { path: '#/present/overtime', viewport });
    await page.getByRole('button', { name: 'Start with the room' }).click();
    await page.getByRole('list', { name: 'Options' }).waitFor();
    await page.keyboard.press('Escape');
    const pause = page.getByRole('dialog', { name: "We're taking a pause" });
    await pause.waitFor();
    // It covers the whole screen, opaque: nothing of the client's line shows through.
    const box = await pause.boundingBox();
    assert.deepEqual([box.x, box.y, box.width, box.height], [0, 0, viewport.width, viewport.height]);
    assert.equal(await pause.evaluate((el) => getComputedStyle(el).backgroundColor), 'rgb(244, 241, 234)');
    const line = await page.locator('.client-line').boundingBox();
    const onTop = await page.evaluate(([x, y]) => document.elementFromPoint(x, y)?.closest('.room-pause') !== null, [line.x + 5, line.y + 5]);
    assert.ok(onTop, 'the pause is on top of the client line');
    assert.match(await pause.textContent(), /nobody needs to say why/);
    // Tab and Shift+Tab never leave it.
    for (const k of ['Tab', 'Tab', 'Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab']) {
      await page.keyboard.press(k);
      assert.ok(await page.evaluate(() => document.activeElement?.closest('.room-pause') !== null), `focus left the pause after ${k}`);
    }
    await page.screenshot({ path: `${ARTIFACTS}workshop-pause-${viewport.width}.png` });
    if (viewport.width === 1920) await axe(page, 'presenter pause', AAA);
    await page.keyboard.press('Escape');
    await pause.waitFor({ state: 'detached' });
    await page.getByRole('list', { name: 'Options' }).waitFor();
    await done();
  }
});

test('the pack prints with plain words, the plan and the distress guidance, in the screen\'s order', async () => {
  const { page, done } = await openPage(browser, { path: '#/present/overtime', viewport: { width: 1280, height: 720 } });
  assert.equal(await page.getByLabel(/Shuffle the options/).isChecked(), false, 'file order by default');
  await page.getByRole('button', { name: 'Start with the room' }).click();
  const onScreen = await page.locator('.option .words').allTextContents();
  await page.evaluate(() => { location.hash = '#/pack/overtime'; });
  await page.getByRole('heading', { name: /^Facilitator pack:/ }).waitFor();
  // The pack's first decision lists the options in the order presenter mode showed them.
  const first = page.locator('.pack-node').first();
  assert.match(await first.locator('h3').textContent(), /^Decision 1$/);
  const inPack = await first.locator('.pack-options li').allTextContents();
  assert.equal(inPack.length, onScreen.length);
  onScreen.forEach((words, k) => assert.ok(inPack[k].startsWith(`${'ABCD'[k]} `) && inPack[k].includes(words), `option ${'ABCD'[k]}`));
  await axe(page, 'facilitator pack', AAA.slice(0, 5));

  await page.emulateMedia({ media: 'print' });
  const printed = await page.evaluate(() => document.querySelector('main').innerText);
  for (const needed of ['Learning outcomes', 'A 60-minute session', 'A 90-minute session', 'Ground rules',
    'If a participant is distressed', 'Samaritans: 116 123', 'NHS 111, option 2', 'GP', 'supervisor', 'Content notes', 'Presenter keys', 'PageDown']) {
    assert.ok(printed.includes(needed), `the printed pack has “${needed}”`);
  }
  // No ids or raw conditions: node ids have underscores, conditions have operators.
  const ids = printed.match(/\b[a-z]+_[a-z_]+\b/g) ?? [];
  assert.deepEqual(ids, [], 'no node ids in print');
  assert.doesNotMatch(printed, /(>=|<=|==|!=)/, 'no raw conditions in print');
  assert.match(printed, /if trust is \w+/);
  assert.doesNotMatch(printed, /^\s*\d+\.\s+\d+\./m, 'no "1. 1." numbering');
  // Nothing screen-only on paper.
  const buttons = await page.locator('main button:visible, main a.button:visible').count();
  assert.equal(buttons, 0, 'no buttons print');
  const pdf = await page.pdf({ format: 'A4', path: `${ARTIFACTS}workshop-pack.pdf` });
  assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
  await done();
});
