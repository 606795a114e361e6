// What must hold for every trainee on every device (issue "Fix first"): no page scrolls
// sideways at 320 px, whatever fonts the machine has; Step out stays in view on a phone
// and Esc works inside a text field; a bad stored text size leaves a readable app; and
// importing an export never loses newer work.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, axe, overflow, playToDebrief, BASE, ARTIFACTS } from './lib.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const KEY = 'attune.progress';
const group = (page) => page.getByRole('group', { name: 'Choose your response' });
const feedback = (page) => page.getByRole('region', { name: 'Feedback' });

async function begin(page) {
  await page.locator('.cards > li h2 a').first().click();
  await page.getByRole('button', { name: 'Begin' }).click();
  await group(page).waitFor();
}

async function fits(page, where) {
  const o = await overflow(page);
  await page.screenshot({ path: `${ARTIFACTS}narrow-${where.replace(/\W+/g, '-')}.png`, fullPage: true });
  assert.ok(o <= 0, `no sideways scrolling on ${where} at ${page.viewportSize().width}px (overflow ${o})`);
}

async function reflect(page, text) {
  await feedback(page).getByText('Write a private reflection').click();
  await feedback(page).getByLabel('Your reflection (kept only on this device)').fill(text);
  await feedback(page).getByRole('button', { name: 'Save reflection' }).click();
  await feedback(page).getByText('Saved to your journal.').waitFor();
}

/** Waits until the saved journal holds `n` reflections: saving follows the next paint. */
async function journalSaved(page, n) {
  await page.waitForFunction(([k, want]) => JSON.parse(localStorage.getItem(k) ?? '{}').journal?.length === want, [KEY, n]);
}

async function stored(page) {
  return JSON.parse(await page.evaluate((k) => localStorage.getItem(k) ?? '{}', KEY));
}

async function importFile(page, name, text) {
  await page.goto(BASE + '#/cpd');
  await page.getByLabel('Import progress from a file…').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
}

test('every page a trainee reaches fits 320 px, and the play page fits at 200% zoom', async () => {
  const { page, done } = await openPage(browser, { viewport: { width: 320, height: 640 } });
  await fits(page, 'library');
  await page.locator('.cards > li h2 a').first().click();
  await page.getByRole('button', { name: 'Begin' }).waitFor();
  await fits(page, 'pre-brief');
  await page.getByRole('button', { name: 'Begin' }).click();
  await group(page).getByRole('button').first().click();
  await feedback(page).waitFor();
  await feedback(page).getByText('Write a private reflection').click();
  await fits(page, 'play with feedback open');
  await feedback(page).getByRole('button', { name: /^Continue/ }).click();
  await playToDebrief(page);
  await fits(page, 'debrief');
  for (const [hash, heading] of [['#/glossary', 'Glossary'], ['#/journal', 'Journal'], ['#/cpd', 'CPD log'], ['#/settings', 'Display']]) {
    await page.goto(BASE + hash);
    await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
    await fits(page, heading);
  }
  await page.goto(BASE);
  await page.getByLabel('Choose a scenario file, or drop one here').setInputFiles({ name: 'broken.toml', mimeType: 'text/plain', buffer: Buffer.from('format = 1\nid = "x"\ntitle = "A very long title that goes on" \nnodes = [ { id = 3 } ]\n') });
  await page.getByRole('alert').waitFor();
  await fits(page, 'open-file error panel');
  await done();
  // 200% zoom on a 1280×900 window lays out as a 640×450 one.
  const zoomed = await openPage(browser, { viewport: { width: 640, height: 450 } });
  await begin(zoomed.page);
  await group(zoomed.page).getByRole('button').first().click();
  await feedback(zoomed.page).waitFor();
  await fits(zoomed.page, 'play at 200% zoom');
  await zoomed.done();
});

test('at 390 px, mid-scenario and scrolled to the bottom, Step out is in view and works', async () => {
  const { page, done } = await openPage(browser, { viewport: { width: 390, height: 844 } });
  await begin(page);
  await group(page).getByRole('button').first().click();
  await feedback(page).getByRole('button', { name: /^Continue/ }).click();
  await group(page).getByRole('button').first().click();
  await feedback(page).waitFor();
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  assert.ok(await page.evaluate(() => window.scrollY) > 200, 'the page really scrolled');
  const button = page.getByRole('button', { name: 'Step out' });
  const box = await button.boundingBox();
  assert.ok(box && box.y >= 0 && box.y + box.height <= 844 && box.x >= 0 && box.x + box.width <= 390,
    `Step out is inside the viewport (${JSON.stringify(box)})`);
  await page.screenshot({ path: `${ARTIFACTS}step-out-390.png` });
  await button.click();
  await page.getByRole('dialog', { name: 'You have stepped out' }).waitFor();
  await axe(page, 'step out at 390 px');
  await page.getByRole('button', { name: 'Return to where I was' }).click();
  await done();
});

test('Esc steps out while typing a reflection, and the draft is still there after', async () => {
  const { page, done } = await openPage(browser);
  await begin(page);
  await group(page).getByRole('button').first().click();
  await feedback(page).getByText('Write a private reflection').click();
  const field = feedback(page).getByLabel('Your reflection (kept only on this device)');
  await field.fill('half a thought');
  await field.press('Escape');
  const dialog = page.getByRole('dialog', { name: 'You have stepped out' });
  await dialog.waitFor();
  await dialog.getByRole('button', { name: 'Return to where I was' }).click();
  assert.equal(await field.inputValue(), 'half a thought');
  await done();
});

test('a stored text size of 9999 still gives a readable app, and is repaired', async () => {
  const { page, done } = await openPage(browser);
  await page.evaluate((k) => localStorage.setItem(k, JSON.stringify({ version: 1, plays: [], journal: [], settings: { theme: 'dark', text_size: 9999 } })), KEY);
  await page.reload();
  await page.waitForSelector('html[data-attune="ready"]');
  const size = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
  assert.ok(size >= 16 && size <= 40, `root font is ${size}px`);
  const heading = await page.getByRole('heading', { name: 'Scenario library' }).boundingBox();
  assert.ok(heading && heading.y < 900, 'the library heading is on screen');
  await page.goto(BASE + '#/settings');
  await page.getByRole('heading', { name: 'Display', level: 1 }).waitFor();
  assert.ok(await page.getByLabel('Standard').isChecked(), 'the size is back to standard');
  await done();
});

test('importing an older export keeps newer work: merged, or replaced after confirming with an undo', async () => {
  const { page, done } = await openPage(browser);
  await begin(page);
  await group(page).getByRole('button').first().click();
  await reflect(page, 'Monday: written before the export.');
  await journalSaved(page, 1);
  const monday = JSON.stringify(await stored(page));
  await feedback(page).getByRole('button', { name: /^Continue/ }).click();
  await group(page).getByRole('button').first().click();
  await reflect(page, 'Wednesday: written after it.');
  await journalSaved(page, 2);

  await importFile(page, 'monday.json', monday);
  const panel = page.getByRole('region', { name: 'Import monday.json?' });
  await panel.waitFor();
  assert.match(await panel.textContent(), /Only on this device: 0 plays and 1 reflection\./);
  await axe(page, 'import preview');
  await panel.getByRole('button', { name: 'Merge into this device (nothing is removed)' }).click();
  await page.getByText(/^Merged monday\.json: this device now has 1 play and 2 reflections\./).waitFor();
  let texts = (await stored(page)).journal.map((j) => j.text).sort();
  assert.deepEqual(texts, ['Monday: written before the export.', 'Wednesday: written after it.']);

  // Replacing asks first, says what would go, and can be undone.
  await importFile(page, 'monday.json', monday);
  await page.getByRole('button', { name: "Replace this device's progress…" }).click();
  assert.match(await page.getByRole('region', { name: 'Import monday.json?' }).textContent(), /Replacing removes what is only on this device/);
  await page.getByRole('button', { name: 'Yes, replace' }).click();
  await journalSaved(page, 1);
  await page.getByRole('button', { name: 'Undo the last import' }).click();
  await page.getByText(/from before the last import is back/).waitFor();
  await journalSaved(page, 2);
  texts = (await stored(page)).journal.map((j) => j.text).sort();
  assert.deepEqual(texts, ['Monday: written before the export.', 'Wednesday: written after it.']);
  await done();
});

test('a file missing its journal never empties the journal, and bad values are refused in plain words', async () => {
  const { page, done } = await openPage(browser);
  await begin(page);
  await group(page).getByRole('button').first().click();
  await reflect(page, 'Kept whatever the file says.');
  await journalSaved(page, 1);
  const doc = await stored(page);
  delete doc.journal;
  await importFile(page, 'edited.json', JSON.stringify(doc));
  await page.getByRole('button', { name: "Replace this device's progress…" }).click();
  await page.getByRole('button', { name: 'Yes, replace' }).click();
  await page.getByText(/^Replaced with edited\.json: this device now has 1 play and 1 reflection\./).waitFor();
  assert.equal((await stored(page)).journal.length, 1);

  const bad = { ...(await stored(page)), settings: { theme: 'system', text_size: 9999 } };
  await importFile(page, 'bad.json', JSON.stringify(bad));
  await page.getByText(/The text size is 9999%, but Attune uses sizes from 75% to 200%\. Nothing was changed\./).waitFor();
  await importFile(page, 'cut.json', JSON.stringify(bad).slice(0, 40));
  const status = page.getByText(/stops part-way through/);
  await status.waitFor();
  assert.doesNotMatch(await status.textContent(), /EOF|column/);
  assert.equal((await stored(page)).settings.text_size, 100, 'nothing was changed');
  await done();
});
