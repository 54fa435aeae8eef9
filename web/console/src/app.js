// The administrators' console: one page, hash routes (#/fleet, #/station/ID, #/statistics,
// #/import, #/audit). It calls the same admin API as scripts (/api/v1/admin/…) plus the
// console's own /admin/api/…, with the session cookie and, on every change, X-CSRF-Token.
// Plots are Apache ECharts (window.echarts, shipped in vendor/); each has a table of its numbers.
import { t, metricName, reasonText, language, toggleLanguage } from './i18n.js';

const main = document.getElementById('main');
let me = null;        // {username, role, district, csrf}
let fleetCache = null;
const charts = [];

// ------------------------------------------------------------------------------ helpers
const esc = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
const num = (n) => (n === null || n === undefined ? t('none') : Number(n).toLocaleString(language()));
const when = (iso) => (iso ? iso.replace('T', ' ').replace('Z', '') : t('never'));
const bytes = (n) => (n === null || n === undefined ? t('none') : (n / 2 ** 30).toFixed(1) + ' GiB');
const stateBadge = (s) => `<span class="state state-${esc(s)}">${esc(t('state_' + s))}</span>`;

function announce(text) {
  const a = document.getElementById('announce');
  a.textContent = '';
  setTimeout(() => { a.textContent = text; }, 50);
}

async function api(method, path, body, raw) {
  const headers = {};
  if (method !== 'GET') headers['X-CSRF-Token'] = me ? me.csrf : '';
  if (body !== undefined && !raw) headers['Content-Type'] = 'application/json';
  const res = await fetch(path, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : raw ? body : JSON.stringify(body) });
  let data = null;
  try { data = await res.json(); } catch { data = null; }
  if (res.status === 401 && path !== '/admin/api/login') { me = null; showSignin(t('expired')); throw new Error('signed out'); }
  return { status: res.status, data };
}

function errorText(r) {
  if (r.status === 403) return t('forbidden');
  const e = r.data && r.data.error;
  return t('failed', e ? (language() === 'en' ? e.message_en || e.code : e.message_zh || e.code) : r.status);
}

function disposeCharts() { while (charts.length) charts.pop().dispose(); }

// plot: an ECharts line or bar chart into `el`, with the chart described for screen readers.
function plot(el, title, labels, series, kind = 'line') {
  const chart = window.echarts.init(el, null, { renderer: 'svg' });
  chart.setOption({
    aria: { enabled: true, decal: { show: true } },
    animation: false,
    color: ['#0b4fa8', '#8a1414', '#0a5426', '#6b4100', '#5b2a86', '#333333'],
    textStyle: { color: '#1b1b1b', fontFamily: 'Noto Sans CJK SC, Noto Sans, sans-serif' },
    grid: { left: 56, right: 16, top: 28, bottom: 48 },
    tooltip: { trigger: 'axis' },
    legend: series.length > 1 ? { top: 0, textStyle: { color: '#1b1b1b' } } : undefined,
    xAxis: { type: 'category', data: labels, axisLabel: { color: '#1b1b1b' } },
    yAxis: { type: 'value', minInterval: 1, axisLabel: { color: '#1b1b1b' } },
    series: series.map((s) => ({ name: s.name, type: kind, data: s.data, showSymbol: false, connectNulls: false })),
  });
  el.setAttribute('role', 'img');
  el.setAttribute('aria-label', title + ' — ' + t('table_same'));
  charts.push(chart);
}

function table(head, rows, numeric = []) {
  return `<table><thead><tr>${head.map((h, i) => `<th scope="col"${numeric.includes(i) ? ' class="num"' : ''}>${esc(h)}</th>`).join('')}</tr></thead>` +
    `<tbody>${rows.map((r) => `<tr>${r.map((c, i) => `<td${numeric.includes(i) ? ' class="num"' : ''}>${c}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
}

function setPage(page, title) {
  document.title = title + ' · ' + t('title');
  document.querySelectorAll('#nav a').forEach((a) => {
    if (a.dataset.page === page) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  });
}

// ------------------------------------------------------------------------------ chrome
function chrome() {
  document.documentElement.lang = language();
  document.getElementById('skip-link').textContent = t('skip');
  document.getElementById('brand').textContent = t('title');
  const nav = document.getElementById('nav');
  nav.setAttribute('aria-label', t('nav'));
  nav.querySelectorAll('a').forEach((a) => { a.textContent = t(a.dataset.page); });
  nav.hidden = !me;
  nav.querySelector('[data-page="audit"]').parentElement.hidden = !me || me.role !== 'admin';
  const langBtn = document.getElementById('lang');
  langBtn.textContent = t('other_lang');
  langBtn.lang = language() === 'en' ? 'zh-CN' : 'en';
  document.getElementById('logout').hidden = !me;
  document.getElementById('logout').textContent = t('logout');
  document.getElementById('who').textContent = me ? t('signed_in_as', me.username, t('role_' + me.role) + ' · ' + (me.district || t('all_stations'))) : '';
}

function showSignin(message) {
  disposeCharts();
  chrome();
  setPage('signin', t('signin'));
  main.innerHTML = `<h1>${t('signin')}</h1>
    <form class="signin" id="signin" novalidate>
      <div class="field"><label for="u">${t('username')}</label><input id="u" name="username" autocomplete="username" required></div>
      <div class="field"><label for="p">${t('password')}</label><input id="p" name="password" type="password" autocomplete="current-password" required></div>
      <p id="signin-error" class="error" role="alert">${message ? esc(message) : ''}</p>
      <button class="primary" type="submit">${t('signin')}</button>
    </form>`;
  document.getElementById('signin').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const r = await api('POST', '/admin/api/login', { username: document.getElementById('u').value, password: document.getElementById('p').value });
    if (r.status !== 200) { document.getElementById('signin-error').textContent = t('signin_failed'); document.getElementById('p').focus(); return; }
    me = r.data;
    if (!location.hash || location.hash === '#/signin') location.hash = '#/fleet'; else route();
  });
  document.getElementById('u').focus();
}

// ------------------------------------------------------------------------------ fleet
const fleetView = { sort: 'state', dir: 1, state: '', district: '', q: '' };
const stateOrder = { error: 0, stale: 1, late: 2, never: 3, ok: 4, revoked: 5 };

async function showFleet() {
  setPage('fleet', t('fleet_title'));
  const r = await api('GET', '/admin/api/fleet');
  if (r.status !== 200) { main.innerHTML = `<p class="error">${esc(errorText(r))}</p>`; return; }
  fleetCache = r.data;
  const districts = [...new Set(fleetCache.stations.map((s) => s.district || ''))].sort();
  main.innerHTML = `<h1>${t('fleet_title')}</h1>
    <h2 id="counts-h" class="sr-only">${t('counts')}</h2>
    <ul class="counts" aria-labelledby="counts-h">${['ok', 'late', 'stale', 'never', 'error'].map((s) =>
      `<li><button type="button" data-state="${s}" aria-pressed="${fleetView.state === s}">${stateBadge(s)} <strong>${fleetCache.counts[s]}</strong></button></li>`).join('')}</ul>
    <div class="tools">
      <div><label for="q">${t('search')}</label><input id="q" type="search" value="${esc(fleetView.q)}"></div>
      <div><label for="fs">${t('filter_state')}</label><select id="fs"><option value="">${t('state_any')}</option>${['ok', 'late', 'stale', 'never', 'error', 'revoked'].map((s) => `<option value="${s}"${fleetView.state === s ? ' selected' : ''}>${t('state_' + s)}</option>`).join('')}</select></div>
      <div><label for="fd">${t('filter_district')}</label><select id="fd"><option value="">${t('district_any')}</option>${districts.map((d) => `<option value="${esc(d)}"${fleetView.district === d ? ' selected' : ''}>${esc(d || t('none'))}</option>`).join('')}</select></div>
      <p id="showing" aria-live="polite"></p>
    </div>
    <div id="fleet-table"></div>`;
  main.querySelectorAll('.counts button').forEach((b) => b.addEventListener('click', () => {
    fleetView.state = fleetView.state === b.dataset.state ? '' : b.dataset.state;
    main.querySelectorAll('.counts button').forEach((x) => x.setAttribute('aria-pressed', String(x.dataset.state === fleetView.state)));
    document.getElementById('fs').value = fleetView.state;
    renderFleet();
  }));
  document.getElementById('q').addEventListener('input', (e) => { fleetView.q = e.target.value; renderFleet(); });
  document.getElementById('fs').addEventListener('change', (e) => { fleetView.state = e.target.value; renderFleet(); });
  document.getElementById('fd').addEventListener('change', (e) => { fleetView.district = e.target.value; renderFleet(); });
  renderFleet();
}

// The table holds every matching station (aria-rowcount) but draws them in pages of FLEET_PAGE
// rows: the first page at once, the next whenever the "show more" button comes near the view
// (IntersectionObserver) or is pressed (then the focus goes to the first new row). Drawing all
// 2,000 rows made the focus() after innerHTML lay out every one of them (1.5 s per re-sort);
// search, filters, sorting and the counts always cover every station (docs/console.md).
const FLEET_PAGE = 100;
const fleetDraw = { rows: [], drawn: 0, observer: null };

function fleetRow(s, i) {
  return `<tr aria-rowindex="${i + 2}"><td><a href="#/station/${encodeURIComponent(s.station_id)}">${esc(s.name)}</a><br><small>${esc(s.station_id)}</small></td>` +
    `<td>${esc(s.district || t('none'))}</td><td>${stateBadge(s.state)}</td><td>${esc(when(s.last_seen))}</td><td class="num">${num(s.backlog)}</td>` +
    `<td>${esc(s.last_error || t('none'))}</td><td>${esc(s.version || t('none'))}</td><td class="num">${bytes(s.disk_free_bytes)}</td></tr>`;
}

// drawMoreFleet: the next page of rows; with `focus`, the keyboard goes to the first of them.
function drawMoreFleet(focus) {
  const { rows } = fleetDraw;
  const from = fleetDraw.drawn, to = Math.min(rows.length, from + FLEET_PAGE);
  const body = document.querySelector('#fleet tbody');
  if (!body) return;
  if (to > from) body.insertAdjacentHTML('beforeend', rows.slice(from, to).map((s, k) => fleetRow(s, from + k)).join(''));
  fleetDraw.drawn = to;
  const more = document.getElementById('fleet-more');
  const left = rows.length - to;
  more.hidden = left === 0;
  more.textContent = t('show_more', Math.min(FLEET_PAGE, left), left);
  if (focus && to > from) body.rows[from].querySelector('a').focus();
}

function renderFleet(focusSort) {
  const q = fleetView.q.trim().toLowerCase();
  let rows = fleetCache.stations.filter((s) =>
    (!fleetView.state || s.state === fleetView.state) &&
    (!fleetView.district || (s.district || '') === fleetView.district) &&
    (!q || [s.name, s.station_id, s.district || ''].some((v) => v.toLowerCase().includes(q))));
  const key = { name: (s) => s.name, district: (s) => s.district || '', state: (s) => stateOrder[s.state], last_seen: (s) => s.last_seen || '',
    backlog: (s) => s.backlog ?? -1, last_error: (s) => s.last_error || '', version: (s) => s.version || '', disk: (s) => s.disk_free_bytes ?? -1 }[fleetView.sort];
  rows.sort((a, b) => { const x = key(a), y = key(b); return (x < y ? -1 : x > y ? 1 : 0) * fleetView.dir || a.station_id.localeCompare(b.station_id); });
  const cols = [['name', 'col_name'], ['district', 'col_district'], ['state', 'col_state'], ['last_seen', 'col_last_seen'], ['backlog', 'col_backlog'],
    ['last_error', 'col_error'], ['version', 'col_version'], ['disk', 'col_disk']];
  const numeric = ['backlog', 'disk'];
  const head = cols.map(([k, label]) => {
    const sort = fleetView.sort === k ? (fleetView.dir > 0 ? 'ascending' : 'descending') : 'none';
    return `<th scope="col" aria-sort="${sort}"${numeric.includes(k) ? ' class="num"' : ''}><button type="button" data-sort="${k}">${t(label)}${sort === 'none' ? '' : sort === 'ascending' ? ' ▲' : ' ▼'}</button></th>`;
  }).join('');
  if (fleetDraw.observer) fleetDraw.observer.disconnect();
  fleetDraw.rows = rows;
  fleetDraw.drawn = 0;
  document.getElementById('fleet-table').innerHTML = `<table id="fleet" aria-rowcount="${rows.length + 1}"><caption class="sr-only">${t('fleet_title')}</caption>` +
    `<thead><tr aria-rowindex="1">${head}</tr></thead><tbody></tbody></table>` +
    `<p class="more"><button type="button" id="fleet-more" hidden></button></p>`;
  drawMoreFleet(false);
  document.getElementById('showing').textContent = t('showing', rows.length, fleetCache.stations.length);
  document.querySelectorAll('#fleet th button').forEach((b) => b.addEventListener('click', () => {
    fleetView.dir = fleetView.sort === b.dataset.sort ? -fleetView.dir : 1;
    fleetView.sort = b.dataset.sort;
    renderFleet(b.dataset.sort);
  }));
  const more = document.getElementById('fleet-more');
  more.addEventListener('click', () => drawMoreFleet(true));
  if ('IntersectionObserver' in window) {
    // The button's place is measured again when called: an entry may be older than a page just
    // drawn with the button (the focus then moved away and the button far down).
    const near = () => more.getBoundingClientRect().top < window.innerHeight + 400;
    fleetDraw.observer = new IntersectionObserver((_, observer) => {
      if (more.hidden || document.activeElement === more || !near()) return;
      drawMoreFleet(false);
      observer.unobserve(more);  // observed afresh: called again while the button is still near
      observer.observe(more);
    }, { rootMargin: '400px' });
    fleetDraw.observer.observe(more);
  }
  if (focusSort) document.querySelector(`#fleet th button[data-sort="${focusSort}"]`).focus();
}

// ------------------------------------------------------------------------------ station
async function showStation(id, days = 7) {
  const r = await api('GET', '/admin/api/stations/' + encodeURIComponent(id));
  if (r.status !== 200) { main.innerHTML = `<p class="error">${esc(errorText(r))}</p>`; return; }
  const s = r.data.station;
  setPage('fleet', t('station_title', s.name));
  const h = await api('GET', `/admin/api/stations/${encodeURIComponent(id)}/history?days=${days}`);
  const hours = h.data.hours;
  const admin = me.role === 'admin';
  main.innerHTML = `<p><a href="#/fleet">${t('back')}</a></p>
    <h1>${esc(t('station_title', s.name))} ${stateBadge(s.state)}</h1>
    <section class="panel" aria-labelledby="facts-h"><h2 id="facts-h">${t('facts')}</h2><dl class="facts">
      <dt>${t('station_id')}</dt><dd>${esc(s.station_id)}</dd><dt>${t('col_district')}</dt><dd>${esc(s.district || t('none'))}</dd>
      <dt>${t('col_last_seen')}</dt><dd>${esc(when(s.last_seen))}</dd><dt>${t('acked')}</dt><dd>${num(s.acked_seq)}</dd>
      <dt>${t('events_received')}</dt><dd>${num(s.events_received)}</dd><dt>${t('col_backlog')}</dt><dd>${num(s.backlog)}</dd>
      <dt>${t('col_error')}</dt><dd>${esc(s.last_error || t('none'))}</dd><dt>${t('col_version')}</dt><dd>${esc(s.version || t('none'))}</dd>
      <dt>${t('col_disk')}</dt><dd>${bytes(s.disk_free_bytes)}</dd></dl></section>
    <h2>${t('range')}</h2>
    <div class="tools" role="group" aria-label="${t('range')}">
      <button type="button" data-days="7" aria-pressed="${days === 7}">${t('days7')}</button>
      <button type="button" data-days="30" aria-pressed="${days === 30}">${t('days30')}</button></div>
    <div class="charts">
      <figure class="panel"><figcaption><h3>${t('plot_events')}</h3></figcaption><div class="chart" id="c-events"></div></figure>
      <figure class="panel"><figcaption><h3>${t('plot_backlog')}</h3></figcaption><div class="chart" id="c-backlog"></div></figure>
      <figure class="panel"><figcaption><h3>${t('plot_errors')}</h3></figcaption><div class="chart" id="c-errors"></div></figure>
      <figure class="panel"><figcaption><h3>${t('plot_gaps')}</h3></figcaption><div class="chart" id="c-gaps"></div></figure>
    </div>
    <details><summary>${t('table_same')}</summary><div class="scroll" tabindex="0" role="region" aria-label="${t('table_same')}">${table(
      [t('hour'), t('events'), t('backlog'), t('errors'), t('gap')],
      hours.map((p) => [esc(p.hour.replace('T', ' ') + ':00'), num(p.events), num(p.backlog), num(p.errors), num(p.max_gap_s)]), [1, 2, 3, 4])}</div></details>
    <section class="panel" aria-labelledby="cmd-h"><h2 id="cmd-h">${t('commands')}</h2>
      ${admin ? `<div class="tools"><button type="button" class="primary" id="sync-now">${t('sync_now')}</button>
        <div><label for="seq">${t('resend_from')}</label><input id="seq" type="number" min="1" value="1"></div>
        <button type="button" id="resend">${t('resend')}</button></div>` : ''}
      <p id="cmd-status" role="status"></p>
      ${table([t('cmd_type'), t('seq'), t('cmd_state'), t('cmd_created')], s.commands.map((c) => [esc(t(c.type)), num(c.seq), esc(t('cmd_' + c.state)), esc(when(c.created_at))]))}
    </section>
    ${admin ? `<section class="panel" aria-labelledby="enr-h"><h2 id="enr-h">${t('enrolment')}</h2>
      <button type="button" class="danger" id="rotate">${t('rotate')}</button><div id="secret" role="status"></div>
      ${me.district ? '' : `<div class="tools"><div><label for="district">${t('col_district')}</label><input id="district" value="${esc(s.district || '')}"></div>
      <button type="button" id="save-district">${t('set_district')}</button></div>`}</section>` : ''}`;
  const labels = hours.map((p) => p.hour.slice(5).replace('T', ' '));
  plot(document.getElementById('c-events'), t('plot_events'), labels, [{ name: t('events'), data: hours.map((p) => p.events) }], 'bar');
  plot(document.getElementById('c-backlog'), t('plot_backlog'), labels, [{ name: t('backlog'), data: hours.map((p) => p.backlog) }]);
  plot(document.getElementById('c-errors'), t('plot_errors'), labels, [{ name: t('errors'), data: hours.map((p) => p.errors) }], 'bar');
  plot(document.getElementById('c-gaps'), t('plot_gaps'), labels, [{ name: t('gap'), data: hours.map((p) => p.max_gap_s) }]);
  main.querySelectorAll('[data-days]').forEach((b) => b.addEventListener('click', () => { disposeCharts(); showStation(id, Number(b.dataset.days)).then(() => main.querySelector(`[data-days="${b.dataset.days}"]`).focus()); }));
  if (!admin) return;
  const command = async (body) => {
    const c = await api('POST', `/api/v1/admin/stations/${encodeURIComponent(id)}/commands`, body);
    document.getElementById('cmd-status').textContent = c.status === 202 ? t('queued') : errorText(c);
  };
  document.getElementById('sync-now').addEventListener('click', () => command({ type: 'sync_now' }));
  document.getElementById('resend').addEventListener('click', () => command({ type: 'resend_from', seq: Number(document.getElementById('seq').value) }));
  document.getElementById('rotate').addEventListener('click', async () => {
    if (!window.confirm(t('rotate_confirm'))) return;
    const c = await api('POST', `/api/v1/admin/stations/${encodeURIComponent(id)}/secret`, {});
    document.getElementById('secret').innerHTML = c.status === 200 ? `<p>${t('secret_once')}</p><p class="secret">${esc(c.data.secret)}</p>` : `<p class="error">${esc(errorText(c))}</p>`;
  });
  const sd = document.getElementById('save-district');
  if (sd) sd.addEventListener('click', async () => {
    const c = await api('POST', `/admin/api/stations/${encodeURIComponent(id)}/district`, { district: document.getElementById('district').value });
    announce(c.status === 200 ? t('saved') : errorText(c));
  });
}

// ------------------------------------------------------------------------------ statistics
const statsView = { by: 'station', from: '', to: '', metric: 'booked' };

async function showStatistics() {
  setPage('statistics', t('stats_title'));
  const q = new URLSearchParams({ by: statsView.by });
  if (statsView.from) q.set('from', statsView.from);
  if (statsView.to) q.set('to', statsView.to);
  const r = await api('GET', '/admin/api/statistics?' + q);
  if (r.status !== 200) { main.innerHTML = `<p class="error">${esc(errorText(r))}</p>`; return; }
  const st = r.data;
  if (!st.metrics.includes(statsView.metric) && st.metrics.length) statsView.metric = st.metrics[0];
  if (!fleetCache && st.by === 'station') fleetCache = (await api('GET', '/admin/api/fleet')).data;
  const names = fleetCache ? Object.fromEntries(fleetCache.stations.map((s) => [s.station_id, s.name])) : {};
  const keyName = (k) => (st.by === 'station' && names[k] ? `${names[k]} (${k})` : k || t('none'));
  main.innerHTML = `<h1>${t('stats_title')}</h1>
    <form class="tools" id="stats-form">
      <div><label for="by">${t('by')}</label><select id="by">${['station', 'district', 'month'].map((b) => `<option value="${b}"${st.by === b ? ' selected' : ''}>${t('by_' + b)}</option>`).join('')}</select></div>
      <div><label for="from">${t('from')}</label><input id="from" type="month" value="${esc(statsView.from)}"></div>
      <div><label for="to">${t('to')}</label><input id="to" type="month" value="${esc(statsView.to)}"></div>
      <button type="submit" class="primary">${t('show')}</button>
      <a href="/admin/api/statistics?${q}&format=csv" download>${t('csv')}</a>
      <a href="/admin/api/statistics?${q}&format=xlsx" download>${t('xlsx')}</a>
    </form>
    ${st.rows.length === 0 ? `<p>${t('no_data')}</p>` : `
    <div class="tools"><div><label for="metric">${t('metric')}</label><select id="metric">${st.metrics.map((m) => `<option value="${esc(m)}"${m === statsView.metric ? ' selected' : ''}>${esc(metricName(m))}</option>`).join('')}</select></div></div>
    <figure class="panel"><figcaption><h2>${esc(metricName(statsView.metric))}</h2></figcaption><div class="chart" id="c-stats"></div></figure>
    <div class="scroll" tabindex="0" role="region" aria-label="${t('stats_title')}">${table([t('key'), ...st.metrics.map(metricName)],
      st.rows.map((row) => [esc(keyName(row.key)), ...st.metrics.map((m) => num(row.values[m] || 0))]), st.metrics.map((_, i) => i + 1))}</div>`}`;
  document.getElementById('stats-form').addEventListener('submit', (e) => {
    e.preventDefault();
    statsView.by = document.getElementById('by').value; statsView.from = document.getElementById('from').value; statsView.to = document.getElementById('to').value;
    disposeCharts(); showStatistics();
  });
  if (!st.rows.length) return;
  document.getElementById('metric').addEventListener('change', (e) => { statsView.metric = e.target.value; disposeCharts(); showStatistics().then(() => document.getElementById('metric').focus()); });
  plot(document.getElementById('c-stats'), metricName(statsView.metric), st.rows.map((row) => keyName(row.key)),
    [{ name: metricName(statsView.metric), data: st.rows.map((row) => row.values[statsView.metric] || 0) }], 'bar');
}

// ------------------------------------------------------------------------------ import
async function showImport() {
  setPage('import', t('import_title'));
  const admin = me.role === 'admin' && !me.district;
  main.innerHTML = `<h1>${t('import_title')}</h1>
    ${admin ? '' : `<p class="notice">${t('forbidden')}</p>`}
    <form class="tools" id="import-form">
      <div><label for="kind">${t('import_kind')}</label><select id="kind"><option value="jobs">${t('jobs')}</option><option value="subsidies">${t('subsidies')}</option></select></div>
      <div><label for="csv">${t('file')}</label><input id="csv" type="file" accept=".csv,text/csv"></div>
      <button type="submit" id="preview" ${admin ? '' : 'disabled'}>${t('preview')}</button>
      <button type="button" id="commit" class="primary" disabled>${t('commit')}</button>
    </form>
    <div id="report" role="status"></div>`;
  let text = null;
  const kind = () => document.getElementById('kind').value;
  const reset = () => { text = null; document.getElementById('commit').disabled = true; };
  document.getElementById('kind').addEventListener('change', reset);
  document.getElementById('csv').addEventListener('change', reset);
  document.getElementById('import-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const f = document.getElementById('csv').files[0];
    const out = document.getElementById('report');
    if (!f) { out.innerHTML = `<p class="error">${t('choose_file')}</p>`; return; }
    text = await f.text();
    const r = await api('POST', `/api/v1/admin/import/${kind()}?dry_run=1`, text, true);
    const rep = r.status === 200 ? r.data : r.data && r.data.error;
    if (!rep || rep.rows === undefined) { out.innerHTML = `<p class="error">${esc(errorText(r))}</p>`; return; }
    if (r.status === 200) {
      out.innerHTML = `<p>${t('rows_ok', rep.rows)}</p>`;
      document.getElementById('commit').disabled = false;
    } else {
      out.innerHTML = `<p class="error">${t('rows_bad', rep.rows, new Set(rep.rejected.map((x) => x.line)).size)}</p>` +
        table([t('line'), t('field'), t('reason')], rep.rejected.map((x) => [num(x.line), esc(x.field), esc(reasonText(x.reason))]), [0]);
      document.getElementById('commit').disabled = true;
    }
  });
  document.getElementById('commit').addEventListener('click', async () => {
    const r = await api('POST', `/api/v1/admin/import/${kind()}`, text, true);
    document.getElementById('report').innerHTML = r.status === 200 ? `<p>${t('imported', r.data.imported)}</p>` : `<p class="error">${esc(errorText(r))}</p>`;
    document.getElementById('commit').disabled = true;
  });
}

// ------------------------------------------------------------------------------ audit
async function showAudit() {
  setPage('audit', t('audit_title'));
  const r = await api('GET', '/admin/api/audit');
  if (r.status !== 200) { main.innerHTML = `<h1>${t('audit_title')}</h1><p class="error">${esc(errorText(r))}</p>`; return; }
  main.innerHTML = `<h1>${t('audit_title')}</h1>` + table([t('at'), t('actor'), t('action'), t('target'), t('status'), t('remote')],
    r.data.audit.map((a) => [esc(when(a.at)), esc(a.actor), esc(a.action), esc(a.target), num(a.status), esc(a.remote)]), [4]);
}

// ------------------------------------------------------------------------------ routing
async function route() {
  disposeCharts();
  if (!me) {
    const r = await fetch('/admin/api/me', { credentials: 'same-origin' });
    if (r.status !== 200) { showSignin(); return; }
    me = await r.json();
  }
  chrome();
  const [, page, arg] = (location.hash || '#/fleet').split('/');
  main.innerHTML = `<p>${t('loading')}</p>`;
  if (page === 'station' && arg) await showStation(decodeURIComponent(arg));
  else if (page === 'statistics') await showStatistics();
  else if (page === 'import') await showImport();
  else if (page === 'audit') await showAudit();
  else await showFleet();
  window.scrollTo(0, 0);
  main.focus({ preventScroll: true });  // the page starts at the top: the navigation bar stays in view
}

window.addEventListener('hashchange', route);
window.addEventListener('resize', () => charts.forEach((c) => c.resize()));
document.getElementById('lang').addEventListener('click', () => { toggleLanguage(); if (me) route(); else showSignin(); });
document.getElementById('logout').addEventListener('click', async () => {
  await api('POST', '/admin/api/logout', {});
  me = null;
  showSignin();
});
route();
