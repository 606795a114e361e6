// A week of self-study in a real browser: a finished play's debrief survives a reload and
// is reached again from History, the CPD log's header is the sum of its rows, a reflection
// draft survives a reload, and the library marks what is in progress and completed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { launch, openPage, axe, overflow, playToDebrief, BASE } from './lib.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const KEY = 'attune.progress';
const FIXTURE = new URL('../fixtures/progress/v1.json', import.meta.url);
const group = (page) => page.getByRole('group', { name: 'Choose your response' });
const debriefHeading = (page) => page.getByRole('heading', { name: /^Debrief/ });

async function begin(page, n = 0) {
  await page.locator('.cards > li h2 a').nth(n).click();
  await page.getByRole('button', { name: 'Begin' }).click();
  await group(page).waitFor();
}

async function reload(page) {
  await page.reload();
  await page.waitForSelector('html[data-attune="ready"]');
}

/** The v1 fixture with three more finished plays: 59 s, 2 min 59 s, and a 1 h 3 min
 * "what if" branch of the allotment play, so the rows total 1:19. */
async function seeded() {
  const doc = JSON.parse(await readFile(FIXTURE, 'utf8'));
  const base = doc.plays[1];
  const play = (id, started, seconds, branch) => ({
    ...base, id, started, updated: started + seconds * 1000, active_seconds: seconds,
    branch_of: branch ? { play: base.id, turns: 1 } : null,
  });
  doc.plays.push(play('the-allotment-1795480000000-0001', 1795480000000, 59, false));
  doc.plays.push(play('the-allotment-1795481000000-0002', 1795481000000, 179, false));
  doc.plays.push(play('the-allotment-1795482000000-0003', 1795482000000, 3780, true));
  return JSON.stringify(doc);
}

test('a finished play: its debrief survives a reload and opens again from History', async () => {
  const { page, done } = await openPage(browser);
  await begin(page, 0);
  await playToDebrief(page);
  const title = await debriefHeading(page).textContent();
  const url = page.url();
  await reload(page);
  assert.equal(page.url(), url);
  await debriefHeading(page).waitFor();
  assert.equal(await debriefHeading(page).textContent(), title, 'the same debrief, not "not started yet"');
  assert.equal(await page.getByText('This scenario has not been started yet.').count(), 0);

  await page.goto(BASE + '#/history');
  await page.getByRole('heading', { name: 'History', level: 1 }).waitFor();
  await reload(page);
  await page.getByRole('heading', { name: 'History', level: 1 }).waitFor();
  const row = page.locator('.plays > li').first();
  const ending = title.replace(/^Debrief: /, '');
  await row.getByText(ending, { exact: true }).waitFor();
  await axe(page, 'history');
  await row.getByRole('link', { name: /^Open the debrief/ }).click();
  await debriefHeading(page).waitFor();
  assert.equal(await debriefHeading(page).textContent(), title);
  assert.match(page.url(), /#\/play-record\//);
  await axe(page, 'a debrief from history');
  await reload(page);
  await debriefHeading(page).waitFor();
  assert.equal(await debriefHeading(page).textContent(), title, 'the record route survives a reload');
  await done();
});

test('History lists every play with its ending, time and "what if"; it fits 320 px', async () => {
  const { page, done } = await openPage(browser);
  await page.evaluate(([k, v]) => localStorage.setItem(k, v), [KEY, await seeded()]);
  await page.goto(BASE + '#/history');
  await reload(page);
  const rows = page.locator('.plays > li');
  await page.getByRole('heading', { name: 'History', level: 1 }).waitFor();
  assert.equal(await rows.count(), 5);
  // Newest first: the branch, marked as a "what if", with its time as h:mm.
  assert.match(await rows.nth(0).textContent(), /what if/);
  assert.match(await rows.nth(0).textContent(), /1:03/);
  assert.match(await rows.nth(2).textContent(), /under 1 min/);
  // The ending's title once the scenario has loaded, not its id.
  await rows.nth(3).getByText('The first line', { exact: true }).waitFor();
  assert.match(await rows.nth(4).textContent(), /Not finished yet/);
  await page.setViewportSize({ width: 320, height: 800 });
  const o = await overflow(page);
  assert.ok(o <= 0, `no sideways scrolling on History at 320 px (overflow ${o})`);
  await axe(page, 'history at 320 px');
  await done();
});

test('the CPD header is the sum of its rows, and a "what if" is not a completion', async () => {
  const { page, done } = await openPage(browser);
  await page.evaluate(([k, v]) => localStorage.setItem(k, v), [KEY, await seeded()]);
  await page.goto(BASE + '#/cpd');
  await reload(page);
  await page.getByRole('heading', { name: 'CPD log', level: 1 }).waitFor();
  const cells = await page.locator('table.log tbody td.time').allTextContents();
  assert.deepEqual(cells, ['0:14', 'under 1 min', '0:02', '1:03']);
  const minutes = cells.map((t) => (/^(\d+):(\d\d)$/.exec(t) ?? [0, 0, 0])).reduce((n, [, h, m]) => n + Number(h) * 60 + Number(m), 0);
  const hm = `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`;
  assert.equal(await page.locator('table.log tfoot td.time').textContent(), hm);
  const summary = await page.locator('#cpd-summary').textContent();
  assert.match(summary, new RegExp(`Time spent: ${hm} `));
  assert.match(summary, /Scenarios completed: 3\./, 'the branch is listed but not counted');
  await page.getByRole('link', { name: 'History' }).last().waitFor();
  await axe(page, 'cpd log with a what if');
  await done();
});

const drafts = (page) => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('attune.draft.')));

test('a reflection draft survives a reload, is cleared once saved, and a bad draft is ignored', async () => {
  const { page, done } = await openPage(browser);
  await begin(page, 1);
  await playToDebrief(page);
  const box = page.locator('.debrief').getByLabel('Your reflection (kept only on this device)');
  await box.fill('Half a thought about the silence.');
  await page.waitForFunction(() => Object.keys(localStorage).some((k) => k.startsWith('attune.draft.')));
  const [key] = await drafts(page);
  assert.match(key, /-debrief$/, 'one key per journal entry');
  assert.ok(!(await page.evaluate(() => localStorage.getItem('attune.progress'))).includes('Half a thought'), 'a draft is not saved progress');
  await reload(page);
  await debriefHeading(page).waitFor();
  assert.equal(await box.inputValue(), 'Half a thought about the silence.', 'the draft is back');
  await page.locator('.debrief').getByRole('button', { name: 'Save reflection' }).click();
  await page.getByText('Saved to your journal.').waitFor();
  assert.deepEqual(await drafts(page), [], 'saved, so no draft is kept');
  await page.evaluate((k) => localStorage.setItem(k, ' \n '), key);
  await reload(page);
  await debriefHeading(page).waitFor();
  assert.equal(await box.inputValue(), 'Half a thought about the silence.', 'a blank draft does not hide the saved reflection');
  await done();
});

test('the library marks completed and in-progress scenarios in words, after hydration', async () => {
  const { page, done } = await openPage(browser);
  await begin(page, 0);
  await playToDebrief(page);
  await page.goto(BASE + '#/');
  await reload(page);
  const cards = page.locator('.cards > li');
  await cards.nth(0).getByText('Completed (1)', { exact: true }).waitFor();
  await begin(page, 1);
  await group(page).getByRole('button').first().click();
  await page.getByRole('region', { name: 'Feedback' }).waitFor();
  await page.goto(BASE + '#/');
  await cards.nth(1).getByText('In progress', { exact: true }).waitFor();
  assert.equal(await cards.nth(2).locator('.standing').count(), 0, 'an unplayed scenario has no marker');
  await axe(page, 'library with progress');
  await done();
});
