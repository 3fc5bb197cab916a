// schemac studio: the single page. Plain DOM, no framework; every API call carries the
// access token from the page URL, and writes the CSRF token from /api/session.
'use strict';

const token = new URLSearchParams(location.search).get('token') || '';
let session = { csrf: '', readOnly: true };

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === 'text') node.textContent = v;
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else if (v !== false && v !== null && v !== undefined) node.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children) if (c !== null && c !== undefined) node.append(c);
  return node;
}

async function api(method, path, body) {
  const headers = { 'X-Studio-Token': token };
  if (method !== 'GET') {
    headers['X-Studio-CSRF'] = session.csrf;
    headers['Content-Type'] = 'application/json';
  }
  const r = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const json = (r.headers.get('Content-Type') || '').includes('json');
  const data = json ? await r.json() : await r.text();
  if (!r.ok) throw new Error(json && data.error ? data.error : 'HTTP ' + r.status);
  return data;
}

function toast(text) {
  const t = document.getElementById('toast');
  t.textContent = text;
  t.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { t.hidden = true; }, 3000);
}

const main = () => document.getElementById('main');
function show(...nodes) { main().replaceChildren(...nodes); }
function showError(e) { show(el('p', { class: 'error', id: 'page-error', text: e.message })); }

// ---- table list ----

async function loadTableList(active) {
  const data = await api('GET', '/api/tables');
  const list = document.getElementById('table-list');
  list.replaceChildren(...data.tables.map(t => el('li', {},
    el('a', { href: '#/table/' + encodeURIComponent(t.name), class: t.name === active ? 'active' : null, 'data-table': t.name },
      el('span', { text: t.name }), el('span', { class: 'count', text: String(t.rows) })))));
  return data.tables;
}

// ---- cells ----

function cellNode(v, onExpand) {
  if (v === null) return el('span', { class: 'null', text: 'NULL' });
  if ('i' in v) return el('span', { class: 'num', text: v.i });
  if ('r' in v) return el('span', { class: 'num', text: v.r });
  if ('b' in v) return el('span', { class: 'blob', text: `blob ${v.n} B ` + (v.b ? '0x' + v.b + (v.n * 2 > v.b.length ? '…' : '') : '') });
  if (v.j) return el('pre', { class: 'json', text: v.j });
  if (v.s === '') return el('span', { class: 'empty', text: '(empty text)' });
  if (v.n) {
    return el('span', {}, v.s + '…', el('a', { class: 'more', text: `expand (${v.n} B)`, onclick: e => { e.stopPropagation(); onExpand(); } }));
  }
  return document.createTextNode(v.s);
}

// A timestamp column's integer as an ISO-8601 UTC date-time, in the unit of its logical type
// (unix seconds for timestamp(s), milliseconds for timestamp), the stored number as tooltip;
// null for anything else (shown by cellNode).
function timestampNode(v, logicalType) {
  const seconds = logicalType === 'timestamp(s)';
  if (v === null || !('i' in v) || !(seconds || logicalType === 'timestamp')) return null;
  const ms = Number(v.i) * (seconds ? 1000 : 1);
  const d = new Date(ms);
  if (!Number.isSafeInteger(ms) || isNaN(d.getTime())) return null;
  const iso = seconds ? d.toISOString().replace('.000Z', 'Z') : d.toISOString();
  return el('span', { class: 'num timestamp', text: iso, title: v.i });
}

function plainText(v) {
  if (v === null) return '';
  if ('i' in v) return v.i;
  if ('r' in v) return v.r;
  return v.s !== undefined ? v.s : '';
}

// ---- table view ----

const view = { table: null, sort: null, dir: 'asc', filters: [], after: null, back: [], data: null };

function rowsUrl() {
  const p = new URLSearchParams({ table: view.table, limit: '50' });
  if (view.sort) { p.set('sort', view.sort); p.set('dir', view.dir); }
  if (view.filters.length) p.set('filters', JSON.stringify(view.filters));
  if (view.after) p.set('after', view.after);
  return '/api/rows?' + p.toString();
}

async function openTable(name) {
  if (view.table !== name) Object.assign(view, { table: name, sort: null, dir: 'asc', filters: [], after: null, back: [] });
  await loadTableList(name);
  await refreshRows();
}

async function refreshRows() {
  try {
    view.data = await api('GET', rowsUrl());
    renderTable();
  } catch (e) { showError(e); }
}

function renderTable() {
  const d = view.data;
  const ro = d.readOnly;
  const filterCol = el('select', { id: 'filter-column' }, ...d.columns.map(c => el('option', { value: c.name, text: c.name })));
  const ops = ['eq', 'ne', 'lt', 'le', 'gt', 'ge', 'contains', 'null', 'notnull'];
  const filterOp = el('select', { id: 'filter-op' }, ...ops.map(o => el('option', { value: o, text: o })));
  const filterVal = el('input', { id: 'filter-value', placeholder: 'value' });
  const chips = view.filters.map((f, i) => el('span', { class: 'chip' }, `${f.column} ${f.op} ${f.value === undefined ? '' : f.value}`,
    el('button', { title: 'remove', text: '×', onclick: () => { view.filters.splice(i, 1); view.after = null; view.back = []; refreshRows(); } })));
  const toolbar = el('div', { class: 'toolbar' },
    filterCol, filterOp, filterVal,
    el('button', { id: 'filter-add', text: 'Filter', onclick: () => {
      const f = { column: filterCol.value, op: filterOp.value };
      if (f.op !== 'null' && f.op !== 'notnull') f.value = filterVal.value;
      view.filters.push(f); view.after = null; view.back = []; refreshRows();
    } }),
    ...chips,
    el('span', { class: 'spacer' }),
    ro ? null : el('button', { id: 'insert-row', text: 'Insert row', onclick: () => renderInsertForm(d) }),
    ro ? null : el('button', { id: 'delete-rows', class: 'danger', text: 'Delete selected', onclick: deleteSelected }));

  const head = el('tr', {}, ro ? null : el('th', {}),
    ...d.columns.map(c => el('th', { 'data-column': c.name, title: 'sort by ' + c.name, onclick: () => toggleSort(c.name) },
      c.name, c.pk ? el('span', { class: 'pk', text: 'PK' }) : null, (view.sort === c.name ? (view.dir === 'asc' ? ' ▲' : ' ▼') : ''),
      el('span', { class: 'type', text: (c.type || 'any').toLowerCase() + (c.notNull ? '' : '?') }))));
  const body = el('tbody', { id: 'rows' });
  d.rows.forEach(r => body.append(rowNode(d, r)));
  const pager = el('div', { class: 'toolbar' },
    el('button', { id: 'page-first', text: '« First', disabled: !view.back.length, onclick: () => { view.after = null; view.back = []; refreshRows(); } }),
    el('button', { id: 'page-prev', text: '‹ Previous', disabled: !view.back.length, onclick: () => { view.after = view.back.pop(); refreshRows(); } }),
    el('button', { id: 'page-next', text: 'Next ›', disabled: !d.next, onclick: () => { view.back.push(view.after); view.after = d.next; refreshRows(); } }),
    el('span', { text: `${d.rows.length} row(s) on this page · key: ${d.key.join(', ')}` }));
  show(el('h1', { id: 'table-title', text: d.table }), toolbar, el('div', { id: 'insert-box' }),
    el('table', { class: 'grid', id: 'data-grid' }, el('thead', {}, head), body), pager);
}

function toggleSort(column) {
  if (view.sort !== column) { view.sort = column; view.dir = 'asc'; }
  else if (view.dir === 'asc') view.dir = 'desc';
  else view.sort = null;
  view.after = null; view.back = [];
  refreshRows();
}

function rowNode(d, r) {
  const tr = el('tr', { 'data-key': JSON.stringify(r.key) });
  tr.row = r;
  if (!d.readOnly) tr.append(el('td', {}, el('input', { type: 'checkbox', class: 'row-select' })));
  d.columns.forEach((c, i) => {
    const td = el('td', { class: 'cell', 'data-column': c.name });
    const fill = v => td.replaceChildren(timestampNode(v, c.logicalType) || cellNode(v, () => expandCell(td, r, c, fill)));
    fill(r.cells[i]);
    if (!d.readOnly && !c.generated) td.addEventListener('dblclick', () => editCell(tr, td, r, c, i, fill));
    tr.append(td);
  });
  return tr;
}

async function expandCell(td, r, c, fill) {
  try {
    const p = new URLSearchParams({ table: view.table, column: c.name, key: JSON.stringify(r.key) });
    fill((await api('GET', '/api/cell?' + p.toString())).value);
  } catch (e) { toast(e.message); }
}

function showRowError(tr, message) {
  const old = tr.nextSibling;
  if (old && old.classList && old.classList.contains('error-row')) old.remove();
  tr.after(el('tr', { class: 'error-row' }, el('td', { colspan: String(tr.children.length), text: message })));
}

async function editCell(tr, td, r, c, i, fill) {
  if (td.querySelector('.editor')) return;
  let v = r.cells[i];
  if (v && 'b' in v) { toast('blobs cannot be edited here; use the SQL console'); return; }
  if (v && v.n) {  // shortened text: edit the whole value
    const p = new URLSearchParams({ table: view.table, column: c.name, key: JSON.stringify(r.key) });
    v = (await api('GET', '/api/cell?' + p.toString())).value;
  }
  const long = v && v.s && (v.s.length > 60 || v.s.includes('\n'));
  const input = long ? el('textarea', { class: 'edit-value', rows: '6' }) : el('input', { class: 'edit-value' });
  input.value = plainText(v);
  const isNull = el('input', { type: 'checkbox', class: 'edit-null', checked: v === null });
  const save = async () => {
    try {
      const res = await api('POST', '/api/rows/update', { table: view.table, key: r.key, column: c.name, value: isNull.checked ? null : { s: input.value } });
      const old = tr.nextSibling;
      if (old && old.classList && old.classList.contains('error-row')) old.remove();
      if (res.row) { tr.replaceWith(rowNode(view.data, res.row)); } else { fill(r.cells[i]); }
      toast('saved');
      loadTableList(view.table);
    } catch (e) { showRowError(tr, e.message); }
  };
  input.addEventListener('keydown', e => { if (e.key === 'Enter' && !long) save(); if (e.key === 'Escape') fill(r.cells[i]); });
  td.replaceChildren(el('div', { class: 'editor' }, input,
    el('div', { class: 'actions' }, el('label', {}, isNull, ' NULL'),
      el('button', { class: 'primary edit-save', text: 'Save', onclick: e => { e.stopPropagation(); save(); } }),
      el('button', { class: 'edit-cancel', text: 'Cancel', onclick: e => { e.stopPropagation(); fill(r.cells[i]); } }))));
  input.focus();
}

function renderInsertForm(d) {
  const box = document.getElementById('insert-box');
  const fields = d.columns.filter(c => !c.generated).map(c => {
    const input = el('input', { 'data-column': c.name, placeholder: c.default !== null ? 'default ' + c.default : (c.notNull ? 'required' : 'NULL') });
    const isNull = el('input', { type: 'checkbox' });
    return { c, input, isNull, node: el('label', {}, c.name + ' ', input, isNull, ' NULL') };
  });
  const msg = el('div', { class: 'error', id: 'insert-error' });
  const submit = async () => {
    const values = {};
    for (const f of fields) {
      if (f.isNull.checked) values[f.c.name] = null;
      else if (f.input.value !== '') values[f.c.name] = { s: f.input.value };
    }
    try {
      await api('POST', '/api/rows/insert', { table: view.table, values });
      box.replaceChildren();
      toast('row inserted');
      await loadTableList(view.table);
      await refreshRows();
    } catch (e) { msg.textContent = e.message; }
  };
  box.replaceChildren(el('div', { class: 'toolbar' }, ...fields.map(f => f.node),
    el('button', { class: 'primary', id: 'insert-submit', text: 'Insert', onclick: submit }),
    el('button', { text: 'Cancel', onclick: () => box.replaceChildren() })), msg);
}

async function deleteSelected() {
  const rows = [...document.querySelectorAll('#rows tr')].filter(tr => tr.querySelector('.row-select:checked'));
  if (!rows.length) { toast('select rows first'); return; }
  if (!confirm(`Delete ${rows.length} row(s) from ${view.table}?`)) return;
  try {
    await api('POST', '/api/rows/delete', { table: view.table, keys: rows.map(tr => tr.row.key) });
    toast(`${rows.length} row(s) deleted`);
    await loadTableList(view.table);
    await refreshRows();
  } catch (e) { showRowError(rows[0], e.message); }
}

// ---- diagram ----

async function download(format, name) {
  try {
    const text = await api('GET', '/api/diagram?format=' + format);
    const a = el('a', { href: URL.createObjectURL(new Blob([text])), download: name });
    document.body.append(a); a.click(); a.remove();
  } catch (e) { toast(e.message); }
}

async function openDiagram() {
  await loadTableList(null);
  show(el('h1', { text: 'Diagram' }), el('p', { text: 'loading…' }));
  try {
    const svg = await api('GET', '/api/diagram?format=svg');
    // An <img> never runs anything the SVG might contain.
    const img = el('img', { id: 'diagram', alt: 'ER diagram', src: URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' })) });
    show(el('h1', { text: 'Diagram' }),
      el('div', { class: 'toolbar' },
        el('button', { text: 'Download SVG', onclick: () => download('svg', 'schema.svg') }),
        el('button', { text: 'DOT', onclick: () => download('dot', 'schema.dot') }),
        el('button', { text: 'Mermaid', onclick: () => download('mmd', 'schema.mmd') })),
      el('div', { id: 'diagram-box' }, img));
  } catch (e) { showError(e); }
}

// ---- mismatch ----

function sideNode(title, side, others, id) {
  const node = el('div', { class: 'side', id });
  node.append(el('h3', { text: title }), el('div', { class: 'label', text: side.label || '' }));
  if (side.note) node.append(el('div', { class: 'note', text: side.note }));
  if (!side.schema) return node;
  const lookup = s => {
    const m = new Map();
    if (s) for (const t of s.tables) for (const c of t.columns) m.set(t.name + '.' + c.name, c.type + (c.nullable ? '?' : ''));
    return m;
  };
  const maps = others.filter(o => o && o.schema).map(o => lookup(o.schema));
  const tableSets = others.filter(o => o && o.schema).map(o => new Set(o.schema.tables.map(t => t.name)));
  for (const t of side.schema.tables) {
    const tableDiff = tableSets.some(s => !s.has(t.name));
    node.append(el('div', { class: 'tname' + (tableDiff ? ' diff' : ''), text: t.name }));
    node.append(el('ul', {}, ...t.columns.map(c => {
      const desc = c.type + (c.nullable ? '?' : '');
      const differs = maps.some(m => m.get(t.name + '.' + c.name) !== desc);
      return el('li', { class: differs ? 'diff' : null, text: `${c.name} ${desc}${c.pk ? ' PK' : ''}` });
    })));
  }
  return node;
}

function linesNode(id, lines, none) {
  if (!lines) return el('p', { class: 'note', id, text: 'not available' });
  if (!lines.length) return el('p', { class: 'ok', id, text: none });
  return el('pre', { class: 'changes', id, text: lines.join('\n') });
}

async function openMismatch() {
  await loadTableList(null);
  show(el('h1', { text: 'Mismatch' }), el('p', { text: 'loading…' }));
  try {
    const m = await api('GET', '/api/mismatch');
    const sides = el('div', { class: 'sides' },
      sideNode('Live database', m.live, [m.applied, m.files], 'side-live'),
      sideNode('Applied migrations', m.applied, [m.live, m.files], 'side-applied'),
      sideNode('.schema files', m.files, [m.live, m.applied], 'side-files'));
    // The differences first (what the user came for), then the three schemas side by side.
    const nodes = [el('h1', { text: 'Mismatch' }),
      el('h3', { text: 'Drift: live database vs the applied migrations (as `schemac status`)' }),
      linesNode('drift', m.drift, 'none: the database matches the applied migrations')];
    if (m.pending.length) nodes.push(el('h3', { text: 'Pending migrations' }), linesNode('pending', m.pending, ''));
    nodes.push(el('h3', { text: '.schema files vs the newest migration (as `schemac generate`)' }),
      linesNode('generate', m.generate && m.generate.changes, 'none: no schema change waits for a migration'));
    nodes.push(el('h3', { text: 'What `schemac push` would change in the live database' }),
      linesNode('push', m.push && m.push.changes, 'nothing: the database matches the .schema files'));
    if (m.push && m.push.warnings.length) nodes.push(linesNode('push-warnings', m.push.warnings.map(w => 'warning: ' + w), ''));
    if (m.push && m.push.sql.length) nodes.push(el('details', {}, el('summary', { text: `SQL push would run (${m.push.sql.length} statement(s))` }), el('pre', { class: 'changes', id: 'push-sql', text: m.push.sql.join('\n') })));
    nodes.push(el('h3', { text: 'Side by side (differences highlighted)' }), sides);
    show(...nodes);
  } catch (e) { showError(e); }
}

// ---- SQL console ----

function openSql() {
  loadTableList(null);
  const text = el('textarea', { id: 'sql-text', placeholder: 'SELECT ...' });
  const write = el('input', { type: 'checkbox', id: 'sql-write', disabled: session.readOnly });
  const out = el('div', { id: 'sql-result' });
  const run = async () => {
    if (write.checked && !confirm('Run this statement with writes allowed? It may change the database.')) return;
    try {
      const r = await api('POST', '/api/sql', { sql: text.value, write: write.checked });
      const head = el('tr', {}, ...r.columns.map(c => el('th', { text: c })));
      const rows = r.rows.map(row => el('tr', {}, ...row.map(v => el('td', {}, cellNode(v, () => {})))));
      out.replaceChildren(el('p', { text: `${r.rows.length} row(s)${r.truncated ? ' (first 1000)' : ''}${write.checked ? ', ' + r.changes + ' change(s)' : ''}` }),
        el('table', { class: 'grid' }, el('thead', {}, head), el('tbody', {}, ...rows)));
    } catch (e) { out.replaceChildren(el('p', { class: 'error', text: e.message })); }
  };
  show(el('h1', { text: 'SQL console' }), text,
    el('div', { class: 'toolbar' }, el('button', { class: 'primary', id: 'sql-run', text: 'Run', onclick: run }),
      el('label', {}, write, ' allow writes (asks to confirm)')), out);
}

// ---- routing ----

async function route() {
  const hash = location.hash || '#/tables';
  for (const a of document.querySelectorAll('header nav a')) a.classList.toggle('active', hash.startsWith(a.getAttribute('href')) || (a.id === 'nav-tables' && hash.startsWith('#/table/')));
  try {
    if (hash.startsWith('#/table/')) await openTable(decodeURIComponent(hash.slice(8)));
    else if (hash === '#/diagram') await openDiagram();
    else if (hash === '#/mismatch') await openMismatch();
    else if (hash === '#/sql') openSql();
    else {
      const tables = await loadTableList(null);
      show(el('h1', { text: 'Tables' }), el('table', { class: 'grid', id: 'tables-overview' },
        el('thead', {}, el('tr', {}, el('th', { text: 'table' }), el('th', { text: 'rows' }))),
        el('tbody', {}, ...tables.map(t => el('tr', {}, el('td', {}, el('a', { href: '#/table/' + encodeURIComponent(t.name), text: t.name })), el('td', { class: 'num', text: String(t.rows) }))))));
    }
  } catch (e) { showError(e); }
}

async function startStudio() {
  try {
    session = await api('GET', '/api/session');
    document.getElementById('db-name').textContent = session.database;
    document.getElementById('ro-badge').hidden = !session.readOnly;
  } catch (e) { showError(e); return; }
  window.addEventListener('hashchange', route);
  route();
}

startStudio();
