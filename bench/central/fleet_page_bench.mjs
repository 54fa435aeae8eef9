// The console's fleet page with 2,000 stations in Debian's chromium (issue 15): server time of
// GET /admin/api/fleet, the page load until the table is usable (the count of every station
// shown and the first rows drawn: 100, or every row on a page that draws them all), a re-sort,
// and a search that finds one station, medians.
//   TX_BIN=build/bin TX_NODE_MODULES=build/web/node_modules node bench/central/fleet_page_bench.mjs [stations] [runs]
// TX_CONSOLE_DIR=dir serves the console's files from there (e.g. an older app.js to compare).
// Starts its own tongxing-centrald (SQLite, in a temporary directory, loopback, free port);
// stations are enrolled through the admin API in 8 districts (none has synced: the page draws
// the same row for every state).
// Numbers: docs/benchmarks.md.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdtempSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir, loadavg } from 'node:os';
import path from 'node:path';

const BIN = process.env.TX_BIN, MODULES = process.env.TX_NODE_MODULES;
if (!BIN || !MODULES) throw new Error('set TX_BIN and TX_NODE_MODULES');
const STATIONS = Number(process.argv[2] || 2000), RUNS = Number(process.argv[3] || 7);
const { chromium } = createRequire(path.resolve(MODULES, 'noop.js'))('playwright-core');
const dir = mkdtempSync(path.join(tmpdir(), 'tx-fleet-bench-'));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const median = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
const children = [];

function start(name, args) {
  const p = spawn(path.resolve(BIN, name), args, { stdio: ['ignore', 'ignore', 'ignore'] });
  children.push(p);
  return p;
}
function run(name, args, input) {
  return new Promise((resolve, reject) => {
    const p = spawn(path.resolve(BIN, name), args, { stdio: ['pipe', 'ignore', 'inherit'] });
    p.on('close', (code) => (code === 0 ? resolve() : reject(new Error(name + ' failed'))));
    p.stdin.end(input || '');
  });
}
async function until(what, f, ms = 30_000) {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (v) return v;
    if (Date.now() > end) throw new Error('timed out waiting for ' + what);
    await sleep(100);
  }
}

let browser;
try {
  const db = path.join(dir, 'central.db');
  start('tongxing-centrald', ['--db', db, '--listen', '127.0.0.1:0', '--port-file', path.join(dir, 'port'), '--threads', '8',
    ...(process.env.TX_CONSOLE_DIR ? ['--console-dir', process.env.TX_CONSOLE_DIR] : [])]);
  const port = await until('port file', () => existsSync(path.join(dir, 'port')) && readFileSync(path.join(dir, 'port'), 'utf8').trim());
  const central = 'http://127.0.0.1:' + port;
  const token = await until('token', () => existsSync(db + '.admin-token') && readFileSync(db + '.admin-token', 'utf8').trim());
  await run('tongxing-ctl', ['central', 'admin', 'add', '--db', db, '--username', 'bench', '--password-stdin'], 'Bench-console-1\n');
  const districts = ['东城区', '西城区', '朝阳区', '海淀区', '丰台区', '石景山区', '通州区', '顺义区'];
  for (let i = 0; i < STATIONS; i++) {
    const r = await fetch(central + '/api/v1/admin/stations', {
      method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: 'Bearer ' + token },
      body: JSON.stringify({ name: '示例站' + i, district: districts[i % 8] }) });
    if (r.status !== 201) throw new Error('enrol: ' + r.status);
    await r.text();
  }
  // Sign in (the API, then the cookie is given to the browser).
  const login = await fetch(central + '/admin/api/login', { method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: 'bench', password: 'Bench-console-1' }) });
  const cookie = login.headers.get('set-cookie').split(';')[0];
  const api = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const r = await fetch(central + '/admin/api/fleet', { headers: { Cookie: cookie } });
    const f = await r.json();
    api.push(performance.now() - t0);
    if (f.stations.length !== STATIONS) throw new Error('fleet has ' + f.stations.length);
  }
  browser = await chromium.launch({ executablePath: process.env.TX_CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
  const [name, value] = cookie.split('=');
  await context.addCookies([{ name, value, url: central }]);
  const page = await context.newPage();
  const load = [], sort = [], search = [];
  let drawn = 0;
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await page.goto(central + '/admin/?run=' + i + '#/fleet');  // a new query: a full load
    await page.waitForFunction((n) => (document.getElementById('showing') || {}).textContent?.includes(String(n)) &&
      document.querySelectorAll('#fleet tbody tr').length >= Math.min(n, 100), STATIONS, { timeout: 60_000 });
    load.push(performance.now() - t0);
    drawn = await page.evaluate(() => document.querySelectorAll('#fleet tbody tr').length);
    // Sorting by another column: a re-render of every row.
    sort.push(await page.evaluate(async (k) => {
      const t0 = performance.now();
      document.querySelectorAll('#fleet thead button')[k].click();
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));  // drawn
      return performance.now() - t0;
    }, i % 3));
    // A search that matches one station far down the list (typed at once, drawn).
    search.push(await page.evaluate(async (name) => {
      const q = document.getElementById('q');
      const t0 = performance.now();
      q.value = name;
      q.dispatchEvent(new Event('input'));
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      if (document.querySelectorAll('#fleet tbody tr').length !== 1) throw new Error('search found ' + document.querySelectorAll('#fleet tbody tr').length);
      return performance.now() - t0;
    }, '示例站' + (STATIONS - 1 - i)));
  }
  const la = loadavg().map((x) => x.toFixed(1)).join(', ');
  console.log(`fleet of ${STATIONS} stations, medians of ${RUNS}, load average ${la}:`);
  console.log(`  GET /admin/api/fleet (server and loopback): ${median(api).toFixed(0)} ms`);
  console.log(`  page load in chromium until the count and the first rows are drawn (${drawn} rows): ${median(load).toFixed(0)} ms`);
  console.log(`  sort by a column (drawn again): ${median(sort).toFixed(0)} ms`);
  console.log(`  search for one station (drawn): ${median(search).toFixed(0)} ms`);
} finally {
  if (browser) await browser.close();
  for (const p of children) p.kill('SIGTERM');
  await sleep(300);
  rmSync(dir, { recursive: true, force: true });
}
