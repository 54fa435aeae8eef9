// The administrators' console in a real browser (issue 15): Debian's chromium driven by
// playwright-core against a real tongxing-centrald with two real tongxing-stationd syncing.
//   node console_test.mjs   (ctest: console_browser; env TX_BIN, TX_NODE_MODULES, TX_SHOTS)
// Checks: sign-in (a wrong password refused); the fleet shows both stations ok, and a killed
// station goes late then stale (times shortened by flags); "sync now" reaches the station
// (the command is done); after N bookings at a station the statistics page shows exactly N;
// a CSV with one bad row shows that row and nothing is imported; a viewer sees no change
// buttons and the API refuses the viewer's change; a change without the CSRF token is refused;
// axe-core in every page finds no serious or critical violation. Screenshots of every page go
// to TX_SHOTS (looked at by people: docs/console.md).
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import assert from 'node:assert/strict';

const BIN = process.env.TX_BIN;
const MODULES = process.env.TX_NODE_MODULES;
const SHOTS = process.env.TX_SHOTS || path.join(tmpdir(), 'tx-console-shots');
const CHROMIUM = process.env.TX_CHROMIUM || '/usr/bin/chromium';
assert.ok(BIN && MODULES, 'set TX_BIN and TX_NODE_MODULES (ctest does)');
const require = createRequire(path.join(MODULES, 'noop.js'));
const { chromium } = require('playwright-core');
const AXE = path.join(MODULES, 'axe-core', 'axe.min.js');

const dir = mkdtempSync(path.join(tmpdir(), 'tx-console-'));
mkdirSync(SHOTS, { recursive: true });
const children = [];
const started = Date.now();
const deadline = started + 150_000;  // the whole test stops by itself
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
// Where the time goes (printed at the end, and on failure): the test runs on a shared 2-core machine.
const marks = [];
const mark = (what) => marks.push(`${what} ${((Date.now() - started) / 1000).toFixed(1)} s`);

function start(name, args) {
  const p = spawn(path.join(BIN, name), args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  p.stderr.on('data', (d) => { log += d; });
  p.log = () => log;
  children.push(p);
  return p;
}
async function until(what, f, ms = 30_000) {
  const end = Math.min(Date.now() + ms, deadline);
  for (;;) {
    const v = await f();
    if (v) return v;
    if (Date.now() > end) throw new Error('timed out waiting for ' + what);
    await sleep(100);
  }
}
async function portOf(file) {
  return until('port file ' + file, () => (existsSync(file) && readFileSync(file, 'utf8').trim()) || null);
}
function run(name, args, input) {
  return new Promise((resolve, reject) => {
    const p = spawn(path.join(BIN, name), args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '', err = '';
    p.stdout.on('data', (d) => { out += d; });
    p.stderr.on('data', (d) => { err += d; });
    p.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`${name} ${args.join(' ')}: ${err}`))));
    p.stdin.end(input || '');
  });
}
async function http(base, method, p, body, headers = {}) {
  const r = await fetch(base + p, { method, headers: { 'Content-Type': 'application/json', ...headers }, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
  const text = await r.text();
  let data = null;
  try { data = JSON.parse(text); } catch { data = text; }
  return { status: r.status, data };
}

// axeCheck: axe-core over the page. Rows of a long generated table past its first 30 are the
// same markup as those (the fleet of 252, the station's 168 hours), and the inside of a plot is
// ECharts' drawing under a role="img" container that has the name (its children are
// presentational): axe's cost grows with the nodes, so they are left out (15–20 s a page on a
// loaded machine with them); the containers and the first 30 rows of each table are checked.
async function axeCheck(page, name) {
  const t = Date.now();
  // Once per document: the console moves between pages by its hash, so axe stays loaded.
  if (!(await page.evaluate(() => Boolean(window.axe)))) await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(() => window.axe.run({ exclude: [['table tbody tr:nth-child(n+31)'], ['[role="img"] > *']] },
    { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] }));
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.length}× e.g. ${v.nodes[0].target})`), [], `axe on ${name}`);
  mark(`(axe ${name}: ${((Date.now() - t) / 1000).toFixed(1)} s)`);
  return result.violations.length;
}
// shot: a screenshot of the whole page, or of the view only (`fullPage` false) for a long one.
async function shot(page, name, fullPage = true) {
  const t = Date.now();
  await page.screenshot({ path: path.join(SHOTS, name + '.png'), fullPage });
  mark(`(shot ${name}: ${((Date.now() - t) / 1000).toFixed(1)} s)`);
}

let browser, browserStarted;
try {
  // ---------------------------------------------------------------- central and stations
  // Chromium's cold start runs while the services start (one browser for the whole test).
  browserStarted = chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  browserStarted.catch(() => {});  // awaited below
  const centralDb = path.join(dir, 'central.db');
  start('tongxing-centrald', ['--db', centralDb, '--listen', '127.0.0.1:0', '--port-file', path.join(dir, 'central.port'),
    '--heartbeat-interval-s', '1', '--stale-after-s', '8', '--threads', '16']);
  const central = 'http://127.0.0.1:' + (await portOf(path.join(dir, 'central.port')));
  const token = await until('admin token', () => existsSync(centralDb + '.admin-token') && readFileSync(centralDb + '.admin-token', 'utf8').trim());
  const bearer = { Authorization: 'Bearer ' + token };
  mark('central up');

  // Two stations that sync, set up side by side; the two console accounts meanwhile.
  const setUpStation = async ([name, district]) => {
    const e = await http(central, 'POST', '/api/v1/admin/stations', { name, district }, bearer);
    assert.equal(e.status, 201);
    const db = path.join(dir, e.data.station_id + '.db');
    writeFileSync(db + '.secret', e.data.secret + '\n', { mode: 0o600 });
    await run('tongxing-ctl', ['demo-data', '--db', db, '--residents', '12']);
    const portFile = db + '.port';
    const proc = start('tongxing-stationd', ['--db', db, '--listen', '127.0.0.1:0', '--port-file', portFile, '--central', central,
      '--station-id', e.data.station_id, '--station-secret-file', db + '.secret', '--sync-interval-s', '1', '--sync-heartbeat-s', '1']);
    const url = 'http://127.0.0.1:' + (await portOf(portFile));
    const adminToken = readFileSync(db + '.admin-token', 'utf8').trim();
    return { id: e.data.station_id, name, db, proc, url, bearer: { Authorization: 'Bearer ' + adminToken } };
  };
  const [stations] = await Promise.all([
    Promise.all([['东城示例站', '东城区'], ['西城示例站', '西城区']].map(setUpStation)),
    run('tongxing-ctl', ['central', 'admin', 'add', '--db', centralDb, '--username', 'ada', '--password-stdin'], 'Ada-console-1\n'),
    run('tongxing-ctl', ['central', 'admin', 'add', '--db', centralDb, '--username', 'vic', '--role', 'viewer', '--password-stdin'], 'Vic-console-1\n'),
  ]);
  const [east, west] = stations;
  mark('stations up');

  // N bookings at the first station, through its kiosk API.
  const residents = readFileSync(east.db + '.demo-residents.jsonl', 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  const days = (await http(east.url, 'GET', '/api/v1/assessment-days')).data.days;
  // Each resident books the first day and kind with room (residents side by side).
  const bookOne = async (r) => {
    for (const d of days) {
      for (const kind of Object.keys(d.kinds)) {
        const a = await http(east.url, 'POST', '/api/v1/appointments', { kind, date: d.date, id_number: r.id_number, phone_last4: r.phone_last4 });
        if (a.status === 201) return 1;
      }
    }
    return 0;
  };
  const booked = (await Promise.all(residents.map(bookOne))).reduce((a, b) => a + b, 0);
  assert.ok(booked >= 3, 'bookings made: ' + booked);
  mark(`${booked} bookings`);

  // ---------------------------------------------------------------- the browser
  browser = await browserStarted;
  // bypassCSP: only so that axe-core can be injected; the page itself runs under its CSP.
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN', bypassCSP: true });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  // Nothing is fetched from anywhere but central (the library ships inside the package).
  const foreign = [];
  page.on('request', (r) => { if (!r.url().startsWith(central + '/') && !/^(data|blob):/.test(r.url())) foreign.push(r.url()); });

  await page.goto(central + '/admin/');
  await page.getByLabel('用户名').waitFor();
  await axeCheck(page, 'sign-in');
  mark('sign-in page');
  await shot(page, '01-signin');
  await page.getByLabel('用户名').fill('ada');
  await page.getByLabel('密码').fill('wrong-password');
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByText('用户名或密码不正确').waitFor();
  await page.getByLabel('密码').fill('Ada-console-1');
  await page.keyboard.press('Enter');  // the form works from the keyboard
  await page.locator('#fleet').waitFor();
  mark('signed in');
  // The session, for the test's own requests from node (the fleet API is the console's).
  const session = { Cookie: (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ') };
  const fleetState = async (id) => (await http(central, 'GET', '/admin/api/fleet', undefined, session)).data.stations.find((s) => s.station_id === id).state;

  // Fleet: both stations ok once they have sent a heartbeat.
  await until('both stations ok', async () => (await fleetState(east.id)) === 'ok' && (await fleetState(west.id)) === 'ok');
  await page.reload();
  await until('both stations ok in the page', async () => (await page.locator('#fleet .state-ok').count()) === 2);
  await axeCheck(page, 'fleet');
  await shot(page, '02-fleet');
  await page.getByLabel('搜索（名称、编号、区县）').fill('西城');
  assert.equal(await page.locator('#fleet tbody tr').count(), 1);
  await page.getByLabel('搜索（名称、编号、区县）').fill('');

  // The statistics show exactly the N bookings (synced, counted once).
  await page.goto(central + '/admin/#/statistics');
  const eastBooked = async () => {
    const r = await page.evaluate(async () => (await fetch('/admin/api/statistics?by=station')).json());
    const row = r.rows.find((x) => x.key === east.id);
    return row ? row.values.booked || 0 : 0;
  };
  await until('the statistics to reach ' + booked, async () => (await eastBooked()) === booked);
  mark('statistics reached N');
  // The killed station (ok → late → stale) is watched from now on, while the other pages are checked.
  west.proc.kill('SIGKILL');
  const westSeen = [];
  const westStale = until('the killed station stale', async () => {
    const s = await fleetState(west.id);
    if (westSeen.at(-1) !== s) westSeen.push(s);
    return s === 'stale';
  }, 40_000).then(() => null, (e) => e);
  const lastSuccess = async () => (await http(east.url, 'GET', '/api/v1/admin/sync/status', undefined, east.bearer)).data.last_success;
  const successBefore = await lastSuccess();
  await page.reload();
  await page.locator('#c-stats svg').waitFor();
  const cells = await page.locator('table tbody tr', { hasText: east.id }).locator('td').allInnerTexts();
  const headers = await page.locator('table thead th').allInnerTexts();
  assert.equal(cells[headers.indexOf('预约')], String(booked), 'the table shows N bookings');
  // Renewals due: the demo residents' certificates, sent by the station (certificate.expiry);
  // the demo's "renewal_due" resident is in its renewal window now, so counted up to this month.
  assert.ok(Number(cells[headers.indexOf('待换证（换证期开始月份）')]) >= 1, 'renewals due: ' + headers + ' / ' + cells);
  await until('another sync run of the station', async () => (await lastSuccess()) !== successBefore, 15_000);
  assert.equal(await eastBooked(), booked, 'still N after more sync runs');
  mark('statistics page');
  await axeCheck(page, 'statistics');
  await shot(page, '03-statistics');
  const csv = await page.evaluate(async () => (await fetch('/admin/api/statistics?by=station&format=csv')).text());
  assert.match(csv, new RegExp(east.id + ',(\\d+,)*' + booked));

  // Station page: plots with their table; "sync now" reaches the station.
  await page.goto(central + '/admin/#/station/' + east.id);
  await page.locator('#c-events svg').waitFor();
  await page.getByRole('button', { name: '立即同步' }).click();
  await page.getByText('已排队').waitFor();
  mark('sync now queued');
  await until('sync now carried out by the station', async () => {
    const s = await page.evaluate(async (id) => (await fetch('/admin/api/stations/' + id)).json(), east.id);
    return s.station.commands.some((c) => c.type === 'sync_now' && c.state === 'done');
  });
  mark('sync now done');
  // "Resend from sequence" is carried out too, and the statistics still count each booking once.
  await page.getByLabel('从此序号重发').fill('1');
  await page.getByRole('button', { name: '请求重发' }).click();
  await until('resend carried out by the station', async () => {
    const s = await page.evaluate(async (id) => (await fetch('/admin/api/stations/' + id)).json(), east.id);
    return s.station.commands.some((c) => c.type === 'resend_from' && c.state === 'done');
  });
  const successAtResend = await lastSuccess();
  await until('another sync run after the resend', async () => (await lastSuccess()) !== successAtResend, 15_000);
  assert.equal(await eastBooked(), booked, 'still N after the resend');
  mark('resend done');
  await page.reload();
  await page.locator('#c-events svg').waitFor();
  await shot(page, '04-station');
  await page.locator('summary').click();  // the table of the plots' numbers
  await axeCheck(page, 'station');
  mark('station page, sync now');

  // Import: one bad row is shown and nothing is imported.
  const csvPath = path.join(dir, 'jobs.csv');
  writeFileSync(csvPath, 'ref,title,employer,district,deadline\nJ1,包装工,示例公司,东城区,2099-01-01\nJ2,,示例公司,东城区,2099-13-01\n');
  await page.goto(central + '/admin/#/import');
  await page.getByLabel('CSV文件').setInputFiles(csvPath);
  await page.getByRole('button', { name: '预览检查' }).click();
  await page.getByText('其中 1 行有问题').waitFor();
  assert.ok(await page.getByRole('button', { name: '全部导入' }).isDisabled());
  const rejected = await page.locator('#report tbody tr').allInnerTexts();
  assert.ok(rejected.every((r) => r.startsWith('3')), 'every rejection names line 3: ' + rejected);
  // The reasons in the console's language (central writes them in English).
  assert.ok(rejected.some((r) => r.includes('必填')) && rejected.some((r) => r.includes('不是 YYYY-MM-DD 格式的日期')),
    'reasons in Chinese: ' + rejected);
  await axeCheck(page, 'import');
  await shot(page, '05-import');
  // A good file previews clean, then imports.
  writeFileSync(csvPath, 'ref,title,employer,district,deadline\nJ1,包装工测试岗,示例公司,东城区,2099-01-01\n');
  await page.getByLabel('CSV文件').setInputFiles(csvPath);
  await page.getByRole('button', { name: '预览检查' }).click();
  await page.getByText('全部正确').waitFor();
  await page.getByRole('button', { name: '全部导入' }).click();
  await page.getByText('已导入 1 行').waitFor();

  // CSRF: the same session without the token is refused (and audited).
  const noCsrf = await page.evaluate(async (id) => (await fetch(`/api/v1/admin/stations/${id}/commands`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"type":"sync_now"}' })).status, east.id);
  assert.equal(noCsrf, 403);

  await page.goto(central + '/admin/#/audit');
  await page.locator('table').waitFor();
  await axeCheck(page, 'audit');
  await shot(page, '06-audit');
  assert.ok((await page.locator('tbody tr', { hasText: '403' }).count()) >= 1);

  // English.
  await page.getByRole('button', { name: 'English' }).click();
  await page.goto(central + '/admin/#/fleet');
  await page.getByRole('heading', { name: 'Stations', exact: true }).waitFor();
  await axeCheck(page, 'fleet (English)');

  mark('import, CSRF, audit, English');

  // The killed station: ok → late → stale (watched since it was killed).
  const staleError = await westStale;
  if (staleError) throw new Error(staleError.message + '; states seen: ' + westSeen);
  assert.ok(westSeen.includes('late') && westSeen.indexOf('late') < westSeen.indexOf('stale'), 'ok → late → stale: ' + westSeen);
  await page.reload();
  await page.locator('#fleet .state-stale').waitFor();
  await shot(page, '07-fleet-stale-en');
  const metrics = await (await fetch(central + '/metrics')).text();
  assert.match(metrics, /tongxing_central_stations\{state="stale"\} 1/);
  assert.match(metrics, /tongxing_central_stations\{state="ok"\} 1/);
  // The Grafana dashboard (deploy/grafana) is valid JSON and its queries name metrics this
  // central exports (and the sync routes they select).
  const dashboard = JSON.parse(readFileSync(new URL('../../deploy/grafana/tongxing-central.json', import.meta.url), 'utf8'));
  const exprs = JSON.stringify(dashboard).match(/"expr":"(?:[^"\\]|\\.)*"/g) || [];
  assert.ok(exprs.length >= 2, 'the dashboard has queries');
  for (const name of new Set(exprs.join(' ').match(/tongxing_[a-z_]+/g))) assert.match(metrics, new RegExp('^' + name + '\\{', 'm'), 'dashboard metric ' + name);
  assert.match(metrics, /^tongxing_http_requests_total\{[^}]*route="\/api\/v1\/sync\//m, 'the sync routes the dashboard selects');
  mark('late, stale, metrics');

  // The killed station's secret replaced from its page: shown once (English by now).
  await page.goto(central + '/admin/#/station/' + west.id);
  await page.locator('#c-events svg').waitFor();
  page.once('dialog', (d) => d.accept());
  await page.locator('#rotate').click();
  const newSecret = await page.locator('#secret .secret').innerText();
  assert.match(newSecret, /^\S{20,}$/, 'the new secret is shown');
  await page.reload();
  await page.locator('#c-events svg').waitFor();
  assert.equal(await page.locator('#secret .secret').count(), 0, 'shown only once');
  mark('secret replaced');

  // A viewer: no change buttons, and the API refuses the change even with the CSRF token.
  const viewer = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const vp = await viewer.newPage();
  await vp.goto(central + '/admin/');
  await vp.getByLabel('用户名').fill('vic');
  await vp.getByLabel('密码').fill('Vic-console-1');
  await vp.getByRole('button', { name: '登录' }).click();
  await vp.locator('#fleet').waitFor();
  await vp.goto(central + '/admin/#/station/' + east.id);
  await vp.locator('#c-events svg').waitFor();
  assert.equal(await vp.getByRole('button', { name: '立即同步' }).count(), 0);
  assert.equal(await vp.getByRole('button', { name: '更换站点密钥' }).count(), 0);
  await shot(vp, '08-station-viewer');
  const refused = await vp.evaluate(async (id) => {
    const me = await (await fetch('/admin/api/me')).json();
    const r = await fetch(`/api/v1/admin/stations/${id}/secret`, { method: 'POST', headers: { 'X-CSRF-Token': me.csrf, 'Content-Type': 'application/json' }, body: '{}' });
    return r.status;
  }, east.id);
  assert.equal(refused, 403);
  mark('viewer');

  // The fleet at scale: 250 more stations (never synced). The table says how many rows it has
  // (aria-rowcount, aria-rowindex) and draws the first 100; the counts, the search and the sort
  // cover every station; the "show more" button works from the keyboard and scrolling draws the rest.
  for (let i = 0; i < 250; i += 25) {
    const enrolled = await Promise.all(Array.from({ length: 25 }, (_, k) => http(central, 'POST', '/api/v1/admin/stations',
      { name: '规模站' + String(i + k).padStart(3, '0'), district: '朝阳区' }, bearer)));
    assert.deepEqual(enrolled.map((e) => e.status), Array(25).fill(201));
  }
  mark('250 enrolled');
  await page.goto(central + '/admin/#/fleet');
  await page.reload();  // the fleet is read afresh
  await page.locator('#fleet tbody tr').first().waitFor();
  const rowsDrawn = () => page.locator('#fleet tbody tr').count();
  assert.equal(await page.locator('#fleet').getAttribute('aria-rowcount'), '253');
  // A page taller than the view still starts at the top (the focus moved to <main> for screen
  // readers scrolled the navigation bar out of view before).
  assert.equal(await page.evaluate(() => window.scrollY), 0, 'the navigation bar stays in view');
  assert.equal(await rowsDrawn(), 100);
  assert.equal(await page.locator('.counts button[data-state="never"] strong').innerText(), '250');
  assert.match(await page.locator('#showing').innerText(), /252 of 252/);
  await page.locator('#q').fill('规模站249');  // not drawn before: found
  assert.equal(await rowsDrawn(), 1);
  await page.locator('#q').fill('');
  await page.locator('#fleet th button[data-sort="name"]').click();
  await page.locator('#fleet th button[data-sort="name"]').click();  // descending
  assert.match(await page.locator('#fleet tbody tr').first().innerText(), /规模站249/);
  assert.equal(await page.locator('#fleet tbody tr').first().getAttribute('aria-rowindex'), '2');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.sort), 'name', 'the focus stays on the sort button');
  await page.locator('#fleet-more').focus();
  await page.screenshot({ path: path.join(SHOTS, '09-fleet-more-focused.png') });  // the view only
  await page.keyboard.press('Enter');
  await until('a second page drawn', async () => (await rowsDrawn()) >= 200, 5_000).catch(async (e) => {
    throw new Error(e.message + ': ' + (await rowsDrawn()) + ' rows, focus on ' + (await page.evaluate(() => document.activeElement.outerHTML.slice(0, 200))));
  });
  assert.equal(await rowsDrawn(), 200);
  assert.equal(await page.evaluate(() => document.activeElement.closest('tr').getAttribute('aria-rowindex')), '102',
    'the focus goes to the first new row');
  await until('every row drawn on scrolling', async () => {
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    return (await rowsDrawn()) === 252;
  }, 10_000);
  assert.ok(await page.locator('#fleet-more').isHidden());
  mark('252 drawn');
  await axeCheck(page, 'fleet of 252 stations');
  await shot(page, '10-fleet-252', false);
  assert.deepEqual(pageErrors, [], 'no script errors in the pages');
  assert.deepEqual(foreign, [], 'requests to anywhere but central');
  mark('fleet of 252');

  // Screenshots to look at, by hand only (TX_SHOT_SIZES=1366x768,1920x1080): every page in
  // Chinese and English at each size, as the screen shows it (docs/console.md).
  for (const size of (process.env.TX_SHOT_SIZES || '').split(',').filter(Boolean)) {
    const [width, height] = size.split('x').map(Number);
    const signedIn = await context.storageState();
    for (const lang of ['zh', 'en']) {
      for (const [name, hash, ready] of [['signin', '', '#u'], ['fleet', '#/fleet', '#fleet tbody tr'],
        ['station', '#/station/' + east.id, '#c-events svg'], ['statistics', '#/statistics', '#c-stats svg'],
        ['import', '#/import', 'input[type=file]'], ['audit', '#/audit', 'table tbody tr']]) {
        const c = await browser.newContext({ viewport: { width, height }, locale: 'zh-CN', storageState: name === 'signin' ? undefined : signedIn });
        await c.addInitScript((l) => localStorage.setItem('tx-lang', l), lang);
        const p = await c.newPage();
        await p.goto(central + '/admin/' + hash);
        await p.locator(ready).first().waitFor();
        await sleep(1200);  // ECharts' entry animation (by hand only)
        await p.screenshot({ path: path.join(SHOTS, `${size}-${lang}-${name}.png`) });
        await c.close();
      }
    }
  }
  console.log(marks.join('; '));
  console.log(`console browser test: ok (${booked} bookings counted once; screenshots in ${SHOTS})`);
} catch (e) {
  console.error(e);
  console.error(marks.join('; '));
  for (const c of children) if (c.log) console.error('--- log of pid ' + c.pid + '\n' + c.log().slice(-3000));
  process.exitCode = 1;
} finally {
  if (!browser && browserStarted) browser = await browserStarted.catch(() => null);
  if (browser) await browser.close();
  for (const c of children) c.kill('SIGTERM');
  await sleep(300);
  rmSync(dir, { recursive: true, force: true });
}
