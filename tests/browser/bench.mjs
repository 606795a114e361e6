// Browser benchmarks for `cargo xtask bench`: headless Chromium with 4x CPU throttling.
//
// Not a test (the test runner only picks up *.test.mjs). Run against a served dist/:
//   ATTUNE_URL=http://127.0.0.1:8080/ node tests/browser/bench.mjs
// Prints Markdown table rows (measure | result | target | verdict) on stdout, progress on
// stderr, and keeps every raw sample in artifacts/bench.json.
//
// Environment: ATTUNE_URL, CHROMIUM, BENCH_RUNS (default 20), and LIGHTHOUSE_DIR, the
// folder whose node_modules holds `lighthouse` (bench/ in this repository; installed by
// `cargo xtask bench` only, so the test run never needs it).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launch, BASE, ARTIFACTS } from './lib.mjs';

const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 20));
const THROTTLE = 4;
const LIGHTHOUSE_RUNS = 3;
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const CHOICES = '[role="group"][aria-label="Choose your response"] button';

const log = (...a) => console.error('bench:', ...a);
const median = (xs) => {
  const s = xs.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const ms = (x) => (Number.isFinite(x) ? `${x.toFixed(1)} ms` : 'n/a');

// Runs in the page before any of its scripts: timestamps for hydration and the first
// choice, every click, and a handle on the wasm module's linear memory.
function instrument(choices) {
  const marks = (window.__bench = { ready: null, begin: null, choice: null, clicks: [], memory: null });
  const keep = (exports) => {
    if (exports && exports.memory instanceof WebAssembly.Memory) marks.memory = exports.memory;
  };
  for (const name of ['instantiate', 'instantiateStreaming']) {
    const original = WebAssembly[name];
    if (typeof original !== 'function') continue;
    WebAssembly[name] = function (...args) {
      return original.apply(this, args).then((r) => {
        keep((r.instance ?? r).exports);
        return r;
      });
    };
  }
  // trunk's loader hands the wasm-bindgen exports (memory among them) to this event.
  addEventListener('TrunkApplicationStarted', (e) => keep(e.detail?.wasm));
  addEventListener('click', (e) => {
    marks.clicks.push({ t: performance.now(), text: e.target?.closest?.('button')?.textContent ?? '' });
  }, true);
  const check = () => {
    if (marks.ready === null && document.documentElement?.getAttribute('data-attune') === 'ready') {
      marks.ready = performance.now();
    }
    if (marks.begin === null && marks.ready !== null
      && [...document.querySelectorAll('button')].some((b) => b.textContent.trim() === 'Begin')) {
      marks.begin = performance.now();
    }
    if (marks.choice === null && document.querySelector(choices)) marks.choice = performance.now();
  };
  new MutationObserver(check).observe(document, {
    subtree: true, childList: true, attributes: true, attributeFilter: ['data-attune'],
  });
  // Click on a choice -> the Feedback region in the DOM -> the next frame produced.
  // Armed before each click; the promise settles once that frame has been painted.
  marks.armFeedback = () => {
    marks.pending = new Promise((resolve) => {
      let t0 = null;
      const onClick = (e) => { if (t0 === null && e.target?.closest?.(choices)) t0 = performance.now(); };
      addEventListener('click', onClick, true);
      const mo = new MutationObserver(() => {
        if (!document.querySelector('section.feedback')) return;
        const dom = performance.now();
        mo.disconnect();
        removeEventListener('click', onClick, true);
        requestAnimationFrame(() => {
          const frame = performance.now();
          // A message posted from rAF is handled after that frame's style, layout and paint.
          const ch = new MessageChannel();
          ch.port1.onmessage = () => resolve({ t0, dom, frame, painted: performance.now() });
          ch.port2.postMessage(0);
        });
      });
      mo.observe(document.body, { subtree: true, childList: true });
    });
  };
}

async function throttledPage(browser) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.addInitScript(instrument, CHOICES);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE });
  return { context, page, errors };
}

/** One cold visit: navigation -> FCP (library) -> hydrated -> Begin shown -> clicked -> first choice. */
async function loadRun(browser, firstId) {
  const { context, page, errors } = await throttledPage(browser);
  await page.goto(`${BASE}#/scenario/${firstId}`);
  await page.waitForSelector('html[data-attune="ready"]');
  await page.getByRole('button', { name: 'Begin' }).click();
  await page.waitForFunction(() => window.__bench.choice !== null);
  const r = await page.evaluate(() => {
    const b = window.__bench;
    const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null;
    const clicked = b.clicks.find((c) => c.text.trim() === 'Begin')?.t ?? null;
    return { fcp, ready: b.ready, begin: b.begin, clicked, choice: b.choice };
  });
  await context.close();
  if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
  return r;
}

/** Plays every scenario to its debrief in one tab; returns click->paint samples and memory. */
async function playRun(browser, run) {
  const { context, page, errors } = await throttledPage(browser);
  await page.goto(BASE);
  await page.waitForSelector('html[data-attune="ready"]');
  const ids = await page.$$eval('.cards > li h2 a', (as) => as.map((a) => a.getAttribute('href').split('/').pop()));
  const samples = [];
  for (const [i, id] of ids.entries()) {
    await page.goto(new URL(`#/scenario/${id}`, page.url()).href);
    await page.getByRole('button', { name: 'Begin' }).click();
    for (let turn = 0; ; turn++) {
      if (turn > 60) throw new Error(`${id}: no debrief after 60 turns`);
      const debrief = page.getByRole('heading', { name: /^Debrief/ });
      const group = page.getByRole('group', { name: 'Choose your response' });
      await debrief.or(group).first().waitFor();
      if (await debrief.isVisible()) break;
      const buttons = group.getByRole('button');
      const n = await buttons.count();
      const target = buttons.nth((turn + i + run) % n);
      await target.scrollIntoViewIfNeeded();
      await page.evaluate(() => window.__bench.armFeedback());
      await target.click();
      const t = await page.evaluate(() => window.__bench.pending);
      samples.push({ scenario: id, turn, paint: t.painted - t.t0, dom: t.dom - t.t0, frame: t.frame - t.t0 });
      await page.getByRole('region', { name: 'Feedback' }).getByRole('button', { name: /^Continue/ }).click();
    }
  }
  const memory = await page.evaluate(() => window.__bench.memory?.buffer.byteLength ?? null);
  await context.close();
  if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
  return { scenarios: ids.length, samples, memory };
}

/** Lighthouse through its Node API, against a Chromium started here with a debugging port. */
async function lighthouse() {
  const dir = process.env.LIGHTHOUSE_DIR;
  if (!dir) return { error: 'LIGHTHOUSE_DIR is not set (cargo xtask bench installs bench/)' };
  let run;
  try {
    run = (await import(pathToFileURL(join(dir, 'node_modules/lighthouse/core/index.js')).href)).default;
  } catch (e) {
    return { error: `lighthouse is not installed in ${dir}: ${e.message.split('\n')[0]}` };
  }
  const profile = mkdtempSync(join(tmpdir(), 'attune-lh-'));
  const chrome = spawn(CHROMIUM, [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
    '--remote-debugging-port=0', `--user-data-dir=${profile}`, 'about:blank',
  ], { stdio: ['ignore', 'ignore', 'pipe'] });
  try {
    const port = await new Promise((resolve, reject) => {
      let err = '';
      const timer = setTimeout(() => reject(new Error(`no DevTools port: ${err.slice(-300)}`)), 30000);
      chrome.stderr.on('data', (d) => {
        err += d;
        const m = err.match(/DevTools listening on ws:\/\/[^:]+:(\d+)\//);
        if (m) { clearTimeout(timer); resolve(Number(m[1])); }
      });
      chrome.on('exit', (code) => { clearTimeout(timer); reject(new Error(`Chromium exited (${code}): ${err.slice(-300)}`)); });
    });
    const categories = ['performance', 'accessibility', 'best-practices'];
    const runs = [];
    for (let i = 0; i < LIGHTHOUSE_RUNS; i++) {
      log(`lighthouse run ${i + 1}/${LIGHTHOUSE_RUNS}`);
      const result = await run(BASE, { port, output: 'json', logLevel: 'error', onlyCategories: categories });
      const lhr = result?.lhr;
      if (!lhr) throw new Error('lighthouse returned no result');
      if (lhr.runtimeError) throw new Error(`${lhr.runtimeError.code}: ${lhr.runtimeError.message}`);
      const scores = Object.fromEntries(categories.map((c) => [c, lhr.categories[c]?.score ?? null]));
      const failing = [];
      for (const c of categories) {
        for (const ref of lhr.categories[c]?.auditRefs ?? []) {
          const a = lhr.audits[ref.id];
          if (ref.weight > 0 && a && a.score !== null && a.score < 1) failing.push(`${c}: ${a.id} (${a.score})`);
        }
      }
      runs.push({ scores, failing, version: lhr.lighthouseVersion, fcp: lhr.audits['first-contentful-paint']?.numericValue, lcp: lhr.audits['largest-contentful-paint']?.numericValue });
    }
    const scores = Object.fromEntries(categories.map((c) => [c, median(runs.map((r) => r.scores[c]))]));
    return { scores, runs };
  } catch (e) {
    return { error: e.message.split('\n')[0] };
  } finally {
    chrome.kill();
    await new Promise((r) => (chrome.exitCode !== null ? r() : chrome.once('exit', r)));
    rmSync(profile, { recursive: true, force: true });
  }
}

async function main() {
  const browser = await launch();
  const out = { base: BASE, runs: RUNS, throttle: THROTTLE };
  try {
    const probe = await browser.newPage();
    await probe.goto(BASE);
    await probe.waitForSelector('html[data-attune="ready"]');
    const firstId = await probe.$eval('.cards > li h2 a', (a) => a.getAttribute('href').split('/').pop());
    await probe.close();

    out.load = [];
    for (let i = 0; i < RUNS; i++) {
      log(`cold load ${i + 1}/${RUNS} (#/scenario/${firstId})`);
      out.load.push(await loadRun(browser, firstId));
    }
    out.play = [];
    for (let i = 0; i < RUNS; i++) {
      log(`play every scenario ${i + 1}/${RUNS}`);
      out.play.push(await playRun(browser, i));
    }
    out.firstId = firstId;
  } finally {
    await browser.close();
  }
  out.lighthouse = await lighthouse();
  writeFileSync(join(ARTIFACTS, 'bench.json'), JSON.stringify(out, null, 2));

  const rows = [];
  const row = (measure, result, target = '', verdict = '') => rows.push(`| ${measure} | ${result} | ${target} | ${verdict} |`);
  const within = (x, limit) => (Number.isFinite(x) ? (x <= limit ? 'PASS' : 'OVER') : 'n/a');
  const tag = `median of ${RUNS}, ${THROTTLE}x CPU throttle`;
  row(`Library first contentful paint (pre-rendered), ${tag}`, ms(median(out.load.map((r) => r.fcp))));
  row(`Hydrated (\`data-attune="ready"\`), ${tag}`, ms(median(out.load.map((r) => r.ready))));
  const m = (f) => median(out.load.map(f));
  row(`Navigation to first choice interactive (\`#/scenario/${out.firstId}\`, Begin clicked as soon as shown), ${tag}`,
    `${ms(m((r) => r.choice))} (Begin shown ${ms(m((r) => r.begin))}, clicked ${ms(m((r) => r.clicked))}; choice ${ms(m((r) => r.choice - r.clicked))} after the click)`);
  row(`… less the automation's delay between Begin shown and clicked, ${tag}`, ms(m((r) => r.choice - (r.clicked - r.begin))));
  const samples = out.play.flatMap((p) => p.samples);
  row(`Choice click to feedback in the DOM, median of ${samples.length} clicks, ${THROTTLE}x`, ms(median(samples.map((s) => s.dom))));
  const paint = median(samples.map((s) => s.paint));
  row(`Choice click to feedback painted (next frame), median of ${samples.length} clicks, ${THROTTLE}x`, ms(paint), '≤ 16 ms', within(paint, 16));
  const mem = median(out.play.map((p) => p.memory));
  const mems = out.play.map((p) => p.memory).filter(Number.isFinite);
  const mb = (b) => `${(b / 1048576).toFixed(2)} MB`;
  row(`Wasm linear memory after playing all ${out.play[0]?.scenarios ?? '?'} scenarios to an ending, median of ${RUNS} (min ${mems.length ? mb(Math.min(...mems)) : 'n/a'}, max ${mems.length ? mb(Math.max(...mems)) : 'n/a'})`,
    Number.isFinite(mem) ? `${mb(mem)} (${mem.toLocaleString('en-GB')} B)` : 'not readable', '≤ 8 MB', Number.isFinite(mem) ? within(mem, 8 * 1048576) : 'n/a');
  const lh = out.lighthouse;
  const targets = { performance: 0.98, accessibility: 1, 'best-practices': 1 };
  for (const [c, t] of Object.entries(targets)) {
    if (lh.error) {
      row(`Lighthouse ${c}`, `not measured: ${lh.error.replaceAll('|', '/')}`, `≥ ${t}`, 'n/a');
    } else {
      const s = lh.scores[c];
      row(`Lighthouse ${c} (${lh.runs[0].version}, mobile defaults, median of ${lh.runs.length})`, Number.isFinite(s) ? s.toFixed(2) : 'n/a', `≥ ${t}`, Number.isFinite(s) ? (s >= t ? 'PASS' : 'BELOW') : 'n/a');
    }
  }
  if (!lh.error) {
    const failing = [...new Set(lh.runs.flatMap((r) => r.failing))];
    if (failing.length) log(`lighthouse audits below 1: ${failing.join(', ')}`);
  }
  console.log(rows.join('\n'));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
