// Self-study in a real browser: progress survives reloads, reflections are written,
// searched and exported, what-if branches compare side by side, all progress exports and
// imports, and every storage fault leaves the app usable and loses nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { launch, openPage, axe, playToDebrief, BASE, THEMES } from './lib.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const KEY = 'attune.progress';
const group = (page) => page.getByRole('group', { name: 'Choose your response' });
const shown = async (page) => group(page).getByRole('button').allTextContents();

async function begin(page, n = 0) {
  await page.locator('.cards > li h2 a').nth(n).click();
  await page.getByRole('button', { name: 'Begin' }).click();
  await group(page).waitFor();
}

async function chooseAndContinue(page, i = 0) {
  await group(page).getByRole('button').nth(i).click();
  await page.getByRole('region', { name: 'Feedback' }).getByRole('button', { name: /^Continue/ }).click();
}

async function downloadText(page, click) {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  return readFile(await download.path(), 'utf8');
}

test('a reload mid-scenario resumes at the same node with the same order', async () => {
  const { page, done } = await openPage(browser);
  await begin(page);
  await chooseAndContinue(page, 1);
  const line = await page.locator('#client-now').textContent();
  const order = await shown(page);
  const url = page.url();
  await page.reload();
  await page.waitForSelector('html[data-attune="ready"]');
  assert.equal(page.url(), url);
  await group(page).waitFor();
  assert.equal(await page.locator('#client-now').textContent(), line);
  assert.deepEqual(await shown(page), order);
  await done();
});

test('reflections are written, searched and exported in the CPD log', async () => {
  const { page, done } = await openPage(browser);
  await begin(page, 1);
  await group(page).getByRole('button').first().click();
  const feedback = page.getByRole('region', { name: 'Feedback' });
  await feedback.getByText('Write a private reflection').click();
  await feedback.getByLabel('Your reflection (kept only on this device)').fill('I rushed towards the loss; next time ask first. Marigold.');
  await feedback.getByLabel('Include in my CPD log').check();
  await feedback.getByRole('button', { name: 'Save reflection' }).click();
  await feedback.getByText('Saved to your journal.').waitFor();
  await page.goto(BASE + '#/journal');
  await page.getByRole('heading', { name: 'Journal', level: 1 }).waitFor();
  await axe(page, 'journal');
  await page.getByLabel('Search your reflections').fill('marigold');
  await page.getByText('Showing 1 of 1 reflections.').waitFor();
  await page.getByLabel('Search your reflections').fill('nothing like this');
  await page.getByText('Showing 0 of 1 reflections.').waitFor();
  await page.goto(BASE + '#/cpd');
  await page.getByRole('heading', { name: 'CPD log', level: 1 }).waitFor();
  await axe(page, 'cpd log');
  const md = await downloadText(page, () => page.getByRole('button', { name: 'Download as Markdown' }).click());
  assert.match(md, /^# CPD log: Attune practice/);
  assert.match(md, /## Reflections/);
  assert.match(md, /Marigold\./);
  assert.match(md, /After turn 1/);
  await done();
});

test('what if: branch from the debrief and compare the two paths', async () => {
  const { page, done } = await openPage(browser);
  await begin(page, 2);
  await playToDebrief(page, { pick: () => 0 });
  const firstPath = await page.locator('.debrief .path li').allTextContents();
  await page.getByRole('button', { name: 'What if: choose differently at turn 1' }).click();
  await group(page).waitFor();
  await playToDebrief(page, { pick: (n) => n - 1 });
  await page.getByRole('link', { name: 'Compare with the original path' }).click();
  await page.getByRole('heading', { name: /^Compare two paths/ }).waitFor();
  const columns = page.locator('.path-column');
  // The comparison may be the first page of the full build, which loads the scenario anew.
  await columns.nth(1).waitFor();
  assert.equal(await columns.count(), 2);
  assert.deepEqual(await columns.nth(0).locator('.path li').allTextContents(), firstPath.map((t) => t.replace(/ What if…\?$/, '')));
  assert.equal(await page.locator('.compare svg polyline').count() % 2, 0);
  await axe(page, 'compare');
  await page.goto(BASE + '#/patterns');
  await page.getByRole('heading', { name: 'My patterns', level: 1 }).waitFor();
  await axe(page, 'my patterns');
  await done();
});

test('export, clear storage, import: everything is back', async () => {
  const { page, done } = await openPage(browser);
  await begin(page);
  await group(page).getByRole('button').first().click();
  const feedback = page.getByRole('region', { name: 'Feedback' });
  await feedback.getByText('Write a private reflection').click();
  await feedback.getByLabel('Your reflection (kept only on this device)').fill('Round trip note.');
  await feedback.getByRole('button', { name: 'Save reflection' }).click();
  await page.goto(BASE + '#/cpd');
  const exported = await downloadText(page, () => page.getByRole('button', { name: 'Export all progress' }).click());
  const before = JSON.parse(exported);
  assert.ok(before.plays.length >= 1 && before.journal.length >= 1);
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await page.waitForSelector('html[data-attune="ready"]');
  await page.goto(BASE + '#/journal');
  await page.getByText(/No reflections yet/).waitFor();
  await page.goto(BASE + '#/cpd');
  await page.getByLabel('Import progress from a file…').setInputFiles({ name: 'attune-progress.json', mimeType: 'application/json', buffer: Buffer.from(exported) });
  await page.getByRole('button', { name: 'Merge into this device (nothing is removed)' }).click();
  await page.getByText(/^Merged attune-progress\.json: this device now has \d+ plays? and \d+ reflections?\./).waitFor();
  // Saving follows the next paint, so wait for the stored copy to catch up.
  await page.waitForFunction(([k, n]) => JSON.parse(localStorage.getItem(k) ?? '{}').plays?.length === n, [KEY, before.plays.length]);
  const stored = JSON.parse(await page.evaluate((k) => localStorage.getItem(k), KEY));
  assert.deepEqual(stored.plays, before.plays);
  assert.deepEqual(stored.journal, before.journal);
  // Reset asks first and offers the export.
  await page.getByRole('button', { name: 'Erase all progress…' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Export first' }).waitFor();
  await page.getByRole('button', { name: 'Yes, erase everything' }).click();
  await page.getByText('All progress on this device was erased.').waitFor();
  await page.waitForFunction((k) => JSON.parse(localStorage.getItem(k) ?? '{}').plays?.length === 0, KEY);
  assert.equal(JSON.parse(await page.evaluate((k) => localStorage.getItem(k), KEY)).plays.length, 0);
  await done();
});

test('corrupt saved progress is kept aside and offered as a download', async () => {
  const { page, context, done } = await openPage(browser);
  await page.evaluate((k) => localStorage.setItem(k, '{"version": 1, "plays": [tru'), KEY);
  await page.reload();
  await page.waitForSelector('html[data-attune="ready"]');
  const alert = page.getByRole('alert').filter({ hasText: 'could not be read' });
  await alert.waitFor();
  assert.equal(await page.evaluate(() => localStorage.getItem('attune.progress.unreadable')), '{"version": 1, "plays": [tru');
  const text = await downloadText(page, () => alert.getByRole('button', { name: 'Download the unreadable copy' }).click());
  assert.equal(text, '{"version": 1, "plays": [tru');
  await axe(page, 'storage notice');
  await begin(page);
  await chooseAndContinue(page);
  await page.waitForFunction((k) => /"plays":\[\{/.test(localStorage.getItem(k) ?? ''), KEY);
  assert.match(await page.evaluate((k) => localStorage.getItem(k), KEY), /"plays":\[\{/);
  void context;
  await done();
});

test('progress from a newer Attune is left untouched', async () => {
  const { page, done } = await openPage(browser);
  const future = '{"version": 99, "plays": [], "secret": "keep me"}';
  await page.evaluate(([k, v]) => localStorage.setItem(k, v), [KEY, future]);
  await page.reload();
  await page.waitForSelector('html[data-attune="ready"]');
  await page.getByText('Your saved progress is from a newer version of Attune').waitFor();
  await begin(page);
  await chooseAndContinue(page);
  assert.equal(await page.evaluate((k) => localStorage.getItem(k), KEY), future);
  await done();
});

for (const [name, script] of [
  ['disabled', () => { Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('denied', 'SecurityError'); } }); }],
  ['over quota', () => { Storage.prototype.setItem = function () { throw new DOMException('full', 'QuotaExceededError'); }; }],
]) {
  test(`storage ${name}: the app stays usable and says progress will not be kept`, async () => {
    const context = await browser.newContext();
    await context.addInitScript(script);
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(BASE);
    await page.waitForSelector('html[data-attune="ready"]');
    await begin(page);
    await chooseAndContinue(page);
    await page.getByText('Your progress will not be kept on this device.').waitFor();
    await group(page).waitFor();
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test('two tabs open at once lose no writes', async () => {
  const { page: a, context, done } = await openPage(browser);
  const b = await context.newPage();
  await b.goto(BASE);
  await b.waitForSelector('html[data-attune="ready"]');
  await begin(a, 0);
  await chooseAndContinue(a);
  await begin(b, 1);
  await chooseAndContinue(b);
  await a.goto(BASE);
  await begin(a, 2);
  await chooseAndContinue(a);
  // Each tab saves after its next paint; give the last save time to land, but no longer.
  await a.waitForFunction((k) => new Set((JSON.parse(localStorage.getItem(k) ?? '{}').plays ?? []).map((p) => p.scenario)).size >= 3, KEY, { timeout: 5000 }).catch(() => {});
  const stored = JSON.parse(await a.evaluate((k) => localStorage.getItem(k), KEY));
  const scenarios = new Set(stored.plays.map((p) => p.scenario));
  assert.equal(scenarios.size, 3, `all three plays kept: ${[...scenarios]}`);
  await b.close();
  await done();
});

test('the privacy and display pages are accessible, and display settings persist', async () => {
  const { page, done } = await openPage(browser, { path: '#/privacy' });
  await page.getByRole('heading', { name: 'Privacy', level: 1 }).waitFor();
  await axe(page, 'privacy');
  await page.goto(BASE + '#/settings');
  await page.getByLabel('Dark', { exact: true }).check();
  await page.getByLabel('Larger').check();
  await axe(page, 'display (dark)');
  // The saved theme applies while the page is parsed, before any wasm has run.
  await page.addInitScript(() => document.addEventListener('DOMContentLoaded', () => {
    window.__themeAtParse = document.documentElement.getAttribute('data-theme');
  }));
  await page.reload();
  await page.waitForSelector('html[data-attune="ready"]');
  assert.equal(await page.evaluate(() => window.__themeAtParse), 'dark');
  assert.equal(await page.getAttribute('html', 'data-theme'), 'dark');
  await page.getByLabel('High contrast').check();
  await page.goto(BASE);
  // High contrast promises AAA (7:1); the other themes promise AA, checked by every axe call.
  await axe(page, 'library (high contrast)', ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa', 'wcag2aaa'], [THEMES[2]]);
  await done();
});
