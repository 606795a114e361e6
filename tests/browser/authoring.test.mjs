// Opening your own scenario file in the browser: a valid file plays at once; an invalid
// one shows every diagnostic with its line in an accessible panel; bad input of every kind
// gives a clear message, never a frozen page; markup in any text field stays inert.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { launch, openPage, axe, playToDebrief, BASE } from './lib.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const FIXTURES = new URL('../fixtures/', import.meta.url).pathname;
const fixture = (p) => readFileSync(FIXTURES + p);

// Playwright takes buffers up to 50 MB; larger files go by path.
const HUGE = `${tmpdir()}/attune-huge.toml`;
writeFileSync(HUGE, Buffer.alloc(50 * 1024 * 1024, 'a'));

async function open(page, name, buffer) {
  const input = page.getByLabel('Choose a scenario file, or drop one here');
  await (typeof buffer === 'string' ? input.setInputFiles(buffer) : input.setInputFiles({ name, mimeType: 'text/plain', buffer }));
}

test('a valid file opens and plays at once, and saved progress is untouched', async () => {
  const { page, done } = await openPage(browser);
  await page.locator('.cards > li h2 a').first().click();
  await page.getByRole('button', { name: 'Begin' }).click();
  await page.getByRole('group', { name: 'Choose your response' }).getByRole('button').first().click();
  // Progress is saved once the feedback has painted: wait for the choice to be stored.
  await page.waitForFunction(() => JSON.parse(localStorage.getItem('attune.progress') ?? '{}').plays?.[0]?.state.picks.length === 1);
  const before = await page.evaluate(() => localStorage.getItem('attune.progress'));
  await page.goto(BASE);
  await open(page, 'small.toml', fixture('valid/small.toml'));
  await page.getByRole('heading', { name: 'A small fixture' }).waitFor();
  // Beside it, what the checker found: its guessability against the shipped library.
  const checks = page.getByRole('region', { name: 'Checks on small.toml' });
  await checks.waitFor();
  // The fixture has two decisions, too few for a figure; the page says so rather than
  // printing a share that would swing with every edit.
  assert.match(await checks.textContent(), /Guessability: with 2 decisions to judge \(fewer than 5\)/);
  await page.getByRole('button', { name: 'Begin' }).click();
  await playToDebrief(page);
  const after = JSON.parse(await page.evaluate(() => localStorage.getItem('attune.progress')));
  const kept = JSON.parse(before).plays[0];
  assert.deepEqual(after.plays.find((p) => p.id === kept.id), kept, 'the earlier play is unchanged');
  await done();
});

test('an invalid file shows every diagnostic with its line', async () => {
  const { page, done } = await openPage(browser);
  await open(page, 'dangling-next.toml', fixture('invalid/dangling-next.toml'));
  const panel = page.getByRole('alert').filter({ hasText: 'cannot be played yet' });
  await panel.waitFor();
  const items = panel.locator('ol.diagnostics > li');
  assert.equal(await items.count(), 2);
  const text = await panel.textContent();
  assert.match(text, /Line 10, column 9/);
  assert.match(text, /A004 dangling-next/);
  assert.match(text, /next = "midle"/, 'the offending line is shown');
  assert.match(text, /did you mean `middle`\?/);
  await axe(page, 'open-file diagnostics');
  // The library and everything else still work.
  await page.locator('.cards > li h2 a').first().click();
  await page.getByRole('button', { name: 'Begin' }).waitFor();
  await done();
});

const bad = [
  ['truncated TOML', 'cut.toml', () => fixture('valid/small.toml').subarray(0, 700), /A001|A002/],
  ['wrong types', 'types.toml', () => fixture('invalid/wrong-type.toml'), /A011/],
  ['duplicate ids', 'dup.toml', () => fixture('invalid/duplicate-id.toml'), /A003 duplicate-id/],
  ['a cycle with no way out', 'loop.toml', () => fixture('invalid/trapped.toml'), /A007 no-ending-reachable/],
  ['a 50 MB file', 'huge.toml', () => HUGE, /the file is 51200 KB; scenario files may be at most 2048 KB/],
  ['a non-UTF-8 file', 'latin1.toml', () => Buffer.from([0x74, 0x69, 0x74, 0x6c, 0x65, 0x20, 0x3d, 0x20, 0x22, 0xe9, 0x22]), /A015 not-utf8/],
  ['an empty file', 'empty.toml', () => Buffer.alloc(0), /the file is empty/],
  ['a file that is not TOML', 'page.html', () => fixture('invalid/not-toml.toml'), /A001 toml-syntax/],
];
for (const [what, name, make, expect] of bad) {
  test(`bad input: ${what} gives a clear error`, async () => {
    const { page, done } = await openPage(browser);
    await open(page, name, make());
    const panel = page.getByRole('alert').filter({ hasText: 'cannot be played yet' });
    await panel.waitFor();
    assert.match(await panel.textContent(), expect);
    // The page still answers.
    await page.getByRole('link', { name: 'Glossary' }).click();
    await page.getByRole('heading', { name: 'Glossary', level: 1 }).waitFor();
    await done();
  });
}

test('markup in every text field of an opened file renders as inert text', async () => {
  const { page, done } = await openPage(browser);
  await open(page, 'markup.toml', fixture('valid/markup.toml'));
  await page.getByRole('heading', { name: /A small fixture/ }).waitFor();
  assert.match(await page.textContent('h1'), /<script>window.__pwned=1<\/script>/);
  await page.getByRole('button', { name: 'Begin' }).click();
  await playToDebrief(page);
  assert.equal(await page.locator('main script, main img[src="x"]').count(), 0, 'no element made from the markup');
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  await done();
});

test('the map shows any scenario, and the debrief shows the path taken', async () => {
  const { page, done } = await openPage(browser, { path: '#/map/overtime' });
  await page.getByRole('heading', { name: 'Map: Overtime' }).waitFor();
  const img = page.locator('.scenario-map img');
  await img.waitFor();
  await page.waitForFunction(() => document.querySelector('.scenario-map img')?.naturalWidth > 0);
  assert.match(await img.getAttribute('alt'), /^Map of “Overtime”: 11 decisions and 4 endings\./);
  assert.ok(await page.locator('.outline li').count() >= 11);
  await axe(page, 'map');
  await page.goto(BASE);
  await open(page, 'small.toml', fixture('valid/small.toml'));
  await page.getByRole('button', { name: 'Begin' }).click();
  await playToDebrief(page);
  await page.getByText('Your path on the map').click();
  await page.waitForFunction(() => document.querySelector('.path-map img')?.naturalWidth > 0);
  assert.match(await page.locator('.path-map img').getAttribute('alt'), /with your path drawn in bold/);
  await axe(page, 'debrief with map');
  await done();
});
