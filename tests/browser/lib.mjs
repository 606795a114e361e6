// Shared set-up for the browser tests: Debian's Chromium through playwright-core, a page
// that records console errors and any request that leaves the origin, and an axe check.
import { chromium } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';

export const BASE = process.env.ATTUNE_URL ?? 'http://127.0.0.1:8080/';
export const ARTIFACTS = new URL('./artifacts/', import.meta.url).pathname;
mkdirSync(ARTIFACTS, { recursive: true });

// The browser sees only the DejaVu fonts (fonts.conf), which `cargo xtask test` installs:
// layout checks then give the same answer on every machine, whatever else it has.
const FONTS = new URL('./fonts.conf', import.meta.url).pathname;

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    env: { ...process.env, FONTCONFIG_FILE: FONTS },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

/** A fresh page with watchers; call `done()` at the end to assert nothing went wrong. */
export async function openPage(browser, { path = '', viewport = { width: 1280, height: 900 }, js = true } = {}) {
  const context = await browser.newContext({ viewport, javaScriptEnabled: js });
  const page = await context.newPage();
  const errors = [];
  const foreign = [];
  const origin = new URL(BASE).origin;
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:')) foreign.push(u);
  });
  await page.goto(BASE + path);
  if (js) await page.waitForSelector('html[data-attune="ready"]');
  const done = async () => {
    assert.deepEqual(errors, [], 'no console errors');
    assert.deepEqual(foreign, [], 'no request leaves the origin');
    await context.close();
  };
  return { page, context, done };
}

/** The four ways a trainee can see a screen: the light and dark themes, high contrast,
 * and "follow my device" on a device in dark mode. */
export const THEMES = [
  { theme: 'light', scheme: 'light' },
  { theme: 'dark', scheme: 'light' },
  { theme: 'high-contrast', scheme: 'light' },
  { theme: 'system', scheme: 'dark' },
];

/** axe-core with WCAG 2.2 AA rules (or `tags`), on the screen as it is, in every one of
 * the four theme conditions; fails on any violation in any of them. The screen is put
 * back in its own theme afterwards. */
export async function axe(page, label, tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'], themes = THEMES) {
  const own = await page.evaluate(() => document.documentElement.getAttribute('data-theme'));
  const problems = [];
  try {
    for (const { theme, scheme } of themes) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.evaluate((t) => document.documentElement.setAttribute('data-theme', t), theme);
      const result = await new AxeBuilder({ page }).withTags(tags).analyze();
      for (const v of result.violations) {
        problems.push(`[${theme}, OS ${scheme}] ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
      }
    }
  } finally {
    await page.emulateMedia({ colorScheme: 'light' });
    await page.evaluate((t) => (t === null ? document.documentElement.removeAttribute('data-theme') : document.documentElement.setAttribute('data-theme', t)), own);
  }
  assert.deepEqual(problems, [], `axe violations on ${label}`);
}

/** How far the page scrolls sideways (0 when it fits). */
export async function overflow(page) {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

/** Plays the scenario on screen to its debrief by mouse. `pick(n)` chooses which shown choice. */
export async function playToDebrief(page, { pick = () => 0, onTurn = async () => {} } = {}) {
  for (let turn = 0; turn < 60; turn++) {
    const debrief = page.getByRole('heading', { name: /^Debrief/ });
    if (await debrief.isVisible()) return turn;
    const group = page.getByRole('group', { name: 'Choose your response' });
    await group.waitFor();
    const buttons = group.getByRole('button');
    const n = await buttons.count();
    assert.ok(n >= 2, 'each decision offers choices');
    await buttons.nth(pick(n, turn) % n).click();
    const feedback = page.getByRole('region', { name: 'Feedback' });
    await feedback.waitFor();
    await onTurn(feedback, turn);
    await feedback.getByRole('button', { name: /^Continue/ }).click();
  }
  throw new Error('no debrief after 60 turns');
}
