// Delivery in a real browser: the Content Security Policy holds (and scenario text stays
// inert even when it contains markup), the app works offline after one visit, a new
// version is picked up on the next visit, and the one-file edition plays from file:// with
// no server.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { launch, playToDebrief, BASE } from './lib.mjs';

const group = (page) => page.getByRole('group', { name: 'Choose your response' });

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const DIST = process.env.ATTUNE_DIST ?? new URL('../../dist/', import.meta.url).pathname;
const watchCsp = () => {
  window.__csp = [];
  document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
};

test('script injected into scenario text is inert and breaks no policy', async () => {
  const context = await browser.newContext();
  await context.addInitScript(watchCsp);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const evil = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">';
  await page.route('**/scenarios/overtime.json', async (route) => {
    const res = await route.fetch();
    const json = await res.json();
    json.nodes[json.start].client = evil + json.nodes[json.start].client;
    json.nodes[json.start].choices[0].text = evil;
    await route.fulfill({ response: res, json });
  });
  await page.goto(BASE + '#/scenario/overtime');
  await page.waitForSelector('html[data-attune="ready"]');
  const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
  assert.match(csp, /script-src 'self'( 'sha256-[^']+'){2} 'wasm-unsafe-eval'/, 'the loader and the display script, by hash');
  assert.doesNotMatch(csp, /https?:/, 'no third-party origin');
  await page.getByRole('button', { name: 'Begin' }).click();
  await page.locator('#client-now').waitFor();
  assert.ok((await page.locator('#client-now').textContent()).includes('<script>window.__pwned = 1</script>'), 'markup shows as text');
  assert.equal(await page.locator('#client-now img, #client-now script').count(), 0);
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.deepEqual(await page.evaluate(() => window.__csp), []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the first load carries only the player; the rest of the app comes when asked for', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const fetched = [];
  page.on('request', (r) => fetched.push(new URL(r.url()).pathname.split('/').pop()));
  await page.goto(BASE);
  await page.waitForSelector('html[data-attune="ready"]');
  await page.locator('.cards > li h2 a').first().click();
  await page.getByRole('button', { name: 'Begin' }).click();
  await group(page).getByRole('button').first().click();
  await page.getByRole('region', { name: 'Feedback' }).waitFor();
  assert.ok(!fetched.some((f) => f.startsWith('attune-full')), `the player alone so far: ${fetched.join(', ')}`);
  // A page the player does not carry: the full build takes over, and the play is kept.
  await page.getByRole('link', { name: 'My patterns' }).first().click();
  await page.getByRole('heading', { name: 'My patterns', level: 1 }).waitFor();
  assert.ok(fetched.some((f) => /^attune-full-[0-9a-f]{16}_bg\.wasm$/.test(f)), `the full build was loaded: ${fetched.join(', ')}`);
  assert.equal(await page.locator('header.site').count(), 1, 'one app on the page');
  await page.getByRole('link', { name: 'Scenarios' }).first().click();
  await page.locator('.cards > li h2 a').first().click();
  await page.getByRole('link', { name: 'Continue where you left off' }).click();
  // The feedback that was on screen at the hand-over is there again.
  await page.getByRole('region', { name: 'Feedback' }).waitFor();
  assert.equal(await page.locator('.transcript > li').count(), 1);
  assert.deepEqual(errors, []);
  await context.close();
});

test('after one visit the app plays offline', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(BASE);
  await page.waitForSelector('html[data-attune="ready"]');
  await page.evaluate(async () => {
    const reg = await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }));
    }
    return reg.active?.state;
  });
  await context.setOffline(true);
  await page.reload();
  await page.waitForSelector('html[data-attune="ready"]');
  await page.locator('.cards > li h2 a').nth(1).click();
  await page.getByRole('button', { name: 'Begin' }).click();
  await playToDebrief(page);
  assert.match(await page.locator('.debrief').textContent(), /Questions to reflect on/);
  await context.close();
});

/** Serves a folder the way a static host does; enough for a deploy to be swapped under it. */
function staticServer(dir) {
  const types = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml', '.webmanifest': 'application/json' };
  const server = createServer((req, res) => {
    let path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (path.endsWith('/')) path += 'index.html';
    try {
      const body = readFileSync(join(dir, path.replace(/\.\.+/g, '')));
      res.writeHead(200, { 'Content-Type': types[extname(path)] ?? 'application/octet-stream', 'Cache-Control': 'no-cache' });
      res.end(body);
    } catch {
      res.writeHead(404).end('Not found');
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

test('a new version is picked up on the next visit', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'attune-deploy-'));
  cpSync(DIST, dir, { recursive: true });
  const server = await staticServer(dir);
  const base = `http://127.0.0.1:${server.address().port}/`;
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(base);
    await page.waitForSelector('html[data-attune="ready"]');
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
      if (!navigator.serviceWorker.controller) {
        await new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }));
      }
    });
    // A new deploy: the page changes, and so does the worker's file list.
    const index = readFileSync(join(dir, 'index.html'), 'utf8');
    writeFileSync(join(dir, 'index.html'), index.replace('<meta charset="utf-8">', '<meta charset="utf-8">\n  <meta name="attune-deploy" content="2">'));
    writeFileSync(join(dir, 'sw.js'), readFileSync(join(dir, 'sw.js'), 'utf8').replace(/const CACHE = "attune-[^"]+"/, 'const CACHE = "attune-deploy-2"'));
    await page.goto(base);
    await page.waitForSelector('html[data-attune="ready"]');
    assert.equal(await page.getAttribute('meta[name="attune-deploy"]', 'content'), '2', 'the next visit shows the new version');
    assert.ok(await page.evaluate(() => navigator.serviceWorker.controller !== null), 'the page is still served by the worker');
    // And the new version still works offline once its worker has taken over.
    await page.evaluate(async () => {
      const reg = await navigator.serviceWorker.getRegistration();
      await reg.update();
      const waiting = reg.installing || reg.waiting;
      if (waiting) await new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }));
    });
    await context.setOffline(true);
    await page.reload();
    await page.waitForSelector('html[data-attune="ready"]');
    assert.equal(await page.getAttribute('meta[name="attune-deploy"]', 'content'), '2', 'offline, the cache has the new version');
  } finally {
    await context.close();
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the one-file edition plays from file:// with no server', { skip: !existsSync(`${DIST}attune.html`) && 'run `cargo xtask bundle` first' }, async () => {
  const context = await browser.newContext();
  await context.addInitScript(watchCsp);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(`file://${DIST}attune.html`);
  await page.waitForSelector('html[data-attune="ready"]');
  await page.locator('.cards > li h2 a').first().click();
  await page.getByRole('button', { name: 'Begin' }).click();
  await playToDebrief(page, { pick: (n) => n - 1 });
  // The glossary's texts load from the page itself too.
  await page.getByRole('link', { name: 'Glossary' }).first().click();
  await page.getByRole('heading', { name: 'The principles behind the alternatives' }).waitFor();
  assert.deepEqual(errors, []);
  assert.deepEqual(await page.evaluate(() => window.__csp), []);
  assert.deepEqual(requests.filter((u) => !u.startsWith('file://') && !u.startsWith('data:')), [], 'nothing is fetched from anywhere');
  await context.close();
});
