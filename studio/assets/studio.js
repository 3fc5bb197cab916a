// Start-up, the API client, the table list and routing (#/tables,
// #/table/NAME[?filters=..], #/diagram, #/mismatch, #/sql). Every API call carries the
// access token from the page URL (X-Studio-Token), and writes the CSRF token from /api/session.
// window.__studioReady holds the time (ms since navigation start) the first page was drawn,
// for tests/studio/landing_bench.py.
'use strict';

// ---- API client ----

const token = new URLSearchParams(location.search).get('token') || '';
let session = { csrf: '', readOnly: true, database: '' };

// An API failure: the server's one-line message plus what it says about where (batch index,
// column).
class ApiFailure extends Error {
  constructor(status, data) {
    super(data && data.error ? data.error : 'HTTP ' + status);
    this.status = status;
    this.index = data && data.index;
    this.column = data && data.column;
  }
}

async function apiResponse(method, path, body) {
  const headers = { 'X-Studio-Token': token };
  if (method !== 'GET') {
    headers['X-Studio-CSRF'] = session.csrf;
    headers['Content-Type'] = 'application/json';
  }
  const r = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!r.ok) {
    const json = (r.headers.get('Content-Type') || '').includes('json');
    throw new ApiFailure(r.status, json ? await r.json() : null);
  }
  return r;
}

async function api(method, path, body) {
  const r = await apiResponse(method, path, body);
  return (r.headers.get('Content-Type') || '').includes('json') ? r.json() : r.text();
}

// Saves what an export endpoint answers as a file (the token travels in a header, never in
// a URL, so a plain link cannot do it).
async function downloadFrom(method, path, body, fallbackName) {
  try {
    const r = await apiResponse(method, path, body);
    const disposition = r.headers.get('Content-Disposition') || '';
    const m = /filename="([^"]+)"/.exec(disposition);
    const blob = await r.blob();
    saveBlob(blob, m ? m[1] : fallbackName);
  } catch (e) { toast(e.message); }
}

// ---- table list and routing ----

// What the server put into the page (routes.cpp servePage): the session and the table list,
// each used once, for the first view; absent (a page saved to disk) means asking the API.
const boot = (() => {
  const block = document.getElementById('studio-boot');
  try { return block ? JSON.parse(block.textContent) : {}; } catch (e) { return {}; }
})();
function takeBoot(key) {
  const v = boot[key];
  delete boot[key];
  return v;
}

async function loadTableList(active) {
  const all = pref('showInternal', false);
  const booted = takeBoot('tables');  // the list without internal tables
  const data = booted && !all ? booted : await api('GET', '/api/tables' + (all ? '?all=1' : ''));
  const list = document.getElementById('table-list');
  list.replaceChildren(...data.tables.map(t => {
    const hidden = t.kind && t.kind !== 'table';
    return el('li', {}, el('a', { href: tableHref(t.name), class: [t.name === active ? 'active' : '', hidden ? 'internal' : ''].join(' ').trim() || null,
      'data-table': t.name, title: hidden ? `${t.kind} table: read-only` : null },
    el('span', { text: t.name }), el('span', { class: 'count', text: countText(t) })));
  }));
  return data.tables;
}

function countText(t) {
  if (t.rows === null || t.rows === undefined) return '?';
  return (t.estimate ? '~' : '') + thousands(t.rows);
}

async function openOverview() {
  const tables = await loadTableList(null);
  show(el('h1', { text: 'Tables' }), el('table', { class: 'grid', id: 'tables-overview' },
    el('thead', {}, el('tr', {}, el('th', { text: 'table' }), el('th', { text: 'rows' }))),
    el('tbody', {}, ...tables.map(t => el('tr', {}, el('td', {}, el('a', { href: tableHref(t.name), text: t.name }),
      t.kind && t.kind !== 'table' ? el('span', { class: 'badge', text: 'read-only' }) : null),
    el('td', { class: 'num', text: countText(t) }))))));
}

async function route() {
  const hash = location.hash || '#/tables';
  const [path, query] = hash.split('?');
  for (const a of document.querySelectorAll('header nav a')) {
    a.classList.toggle('active', path.startsWith(a.getAttribute('href')) || (a.id === 'nav-tables' && path.startsWith('#/table/')));
  }
  closePanel();  // a link followed from a panel leaves it
  try {
    if (path.startsWith('#/table/')) await openTable(decodeURIComponent(path.slice(8)), new URLSearchParams(query || ''));
    else if (path === '#/diagram') await openDiagram();
    else if (path === '#/mismatch') await openMismatch();
    else if (path === '#/sql') openSql();
    else await openOverview();
  } catch (e) { showError(e); }
}

function headerControls() {
  const zoneButton = document.getElementById('zone-button');
  const showZone = () => { zoneButton.textContent = zone() === 'utc' ? 'UTC' : 'local time'; };
  zoneButton.addEventListener('click', () => {
    setPref('zone', zone() === 'utc' ? 'local' : 'utc');
    showZone();
    if (view.data && location.hash.startsWith('#/table/')) fillRows();
  });
  showZone();
  document.getElementById('theme-button').addEventListener('click', cycleTheme);
  document.getElementById('staged-button').addEventListener('click', () => openReview());
  const internal = document.getElementById('show-internal');
  internal.checked = pref('showInternal', false);
  internal.addEventListener('change', () => { setPref('showInternal', internal.checked); loadTableList(view.table); });
  applyTheme();
  stagedChanged();
}

async function startStudio() {
  headerControls();
  try {
    session = takeBoot('session') || await api('GET', '/api/session');
    document.getElementById('db-name').textContent = session.database;
    document.getElementById('ro-badge').hidden = !session.readOnly;
  } catch (e) { showError(e); return; }
  window.addEventListener('hashchange', route);
  await route();
  window.__studioReady = performance.now();
  performance.mark('studio-ready');
}

startStudio();
