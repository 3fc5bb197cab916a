// The table view: typed grid, keyset paging (first / previous / next / last, page size),
// filters, sort, staged editing with keyboard navigation, foreign-key links, the row detail
// panel with the rows that reference it, and CSV / JSON export.
'use strict';

const view = { table: null, sort: null, dir: 'asc', filters: [], page: { mode: 'first' }, data: null, focus: null };
const pageSizes = [25, 50, 100, 250, 500, 1000];

const tableHref = (name, filters) => '#/table/' + encodeURIComponent(name) +
  (filters && filters.length ? '?filters=' + encodeURIComponent(JSON.stringify(filters)) : '');

function listingParams() {
  const p = new URLSearchParams({ table: view.table });
  if (view.sort) { p.set('sort', view.sort); p.set('dir', view.dir); }
  if (view.filters.length) p.set('filters', JSON.stringify(view.filters));
  return p;
}

function rowsUrl() {
  const p = listingParams();
  p.set('limit', String(pref('pageSize', 50)));
  if (view.page.mode === 'after') p.set('after', view.page.cursor);
  if (view.page.mode === 'before') p.set('before', view.page.cursor);
  if (view.page.mode === 'last') p.set('last', '1');
  return '/api/rows?' + p.toString();
}

// Opens a table (from the URL hash: #/table/NAME[?filters=JSON]).
async function openTable(name, query) {
  const filters = query.get('filters') ? JSON.parse(query.get('filters')) : [];
  const sameListing = view.table === name && JSON.stringify(filters) === JSON.stringify(view.filters);
  if (!sameListing) Object.assign(view, { table: name, sort: null, dir: 'asc', filters, page: { mode: 'first' }, focus: null });
  const rows = refreshRows();  // the request first: the list below is drawn while it runs
  loadTableList(name);
  await rows;
}

async function refreshRows() {
  try {
    view.data = await api('GET', rowsUrl());
    renderTable();
    if (view.data.sortIndexed === false) warnUnindexedSort(view.table, view.sort);
  } catch (e) { showError(e); }
}

function setPage(page) { view.page = page; view.focus = null; refreshRows(); }

function warnUnindexedSort(table, column) {
  const warned = pref('sortWarned', []);
  const id = table + '.' + column;
  if (warned.includes(id)) return;
  setPref('sortWarned', [...warned, id].slice(-200));
  toast(`No index starts with '${column}': sorting ${table} on it scans the whole table (slow on big tables). Shown once.`);
}

const writable = d => !d.readOnly && !d.tableReadOnly && !session.readOnly;
const editable = (d, c) => writable(d) && c.editable !== false && !c.generated;

function totalText(d) {
  if (!d.total || d.total.rows === null || d.total.rows === undefined) return view.filters.length ? 'filtered' : '';
  return (d.total.estimate ? '~' : '') + thousands(d.total.rows) + ' rows';
}

function renderTable() {
  const d = view.data;
  const ro = !writable(d);
  const filterCol = el('select', { id: 'filter-column' }, ...d.columns.map(c => el('option', { value: c.name, text: c.name })));
  const ops = ['eq', 'ne', 'lt', 'le', 'gt', 'ge', 'contains', 'null', 'notnull'];
  const filterOp = el('select', { id: 'filter-op' }, ...ops.map(o => el('option', { value: o, text: o })));
  const filterVal = el('input', { id: 'filter-value', placeholder: 'value', size: '12' });
  const setFilters = f => { location.hash = tableHref(view.table, f); };
  const chips = view.filters.map((f, i) => el('span', { class: 'chip' }, `${f.column} ${f.op} ${f.value === undefined ? '' : (typeof f.value === 'object' ? rawText(f.value) : f.value)}`,
    el('button', { title: 'remove', text: '×', onclick: () => setFilters(view.filters.filter((_, j) => j !== i)) })));
  const toolbar = el('div', { class: 'toolbar' },
    filterCol, filterOp, filterVal,
    el('button', { id: 'filter-add', text: 'Filter', onclick: () => {
      const f = { column: filterCol.value, op: filterOp.value };
      if (f.op !== 'null' && f.op !== 'notnull') f.value = filterVal.value;
      setFilters([...view.filters, f]);
    } }),
    ...chips,
    el('span', { class: 'spacer' }),
    el('button', { id: 'export-csv', text: 'Export CSV', title: 'the whole table, or the filtered view', onclick: () => exportRows('csv') }),
    el('button', { id: 'export-json', text: 'Export JSON', onclick: () => exportRows('json') }),
    ro ? null : el('button', { id: 'insert-row', text: 'Insert row', onclick: () => renderInsertForm(d) }),
    ro ? null : el('button', { id: 'delete-rows', class: 'danger', text: 'Delete selected', onclick: deleteSelected }));

  const fkOf = fkColumns(d);
  const head = el('tr', {}, el('th', { class: 'row-head' }),
    ...d.columns.map(c => el('th', { 'data-column': c.name, title: 'sort by ' + c.name, onclick: () => toggleSort(c.name) },
      c.name, c.pk ? el('span', { class: 'pk', text: 'PK' }) : null,
      fkOf.has(c.name) ? el('span', { class: 'type', text: '→ ' + fkOf.get(c.name).table }) : null,
      (view.sort === c.name ? (view.dir === 'asc' ? ' ▲' : ' ▼') : ''),
      el('span', { class: 'type', text: typeLabel(c) }))));
  const grid = el('table', { class: 'grid', id: 'data-grid' }, el('thead', {}, head), el('tbody', { id: 'rows' }));
  grid.addEventListener('keydown', gridKey);
  const sizeSelect = el('select', { id: 'page-size', onchange: () => { setPref('pageSize', Number(sizeSelect.value)); setPage({ mode: 'first' }); } },
    ...pageSizes.map(n => el('option', { value: String(n), text: n + ' / page' })));
  sizeSelect.value = String(pref('pageSize', 50));
  const first = view.page.mode === 'first' || d.prev === null;
  const total = el('span', { class: 'total', id: 'row-total', text: totalText(d) });
  if (d.total && d.total.estimate) {
    total.append(' ', moreLink('count exactly', async () => {
      try { const n = await api('GET', '/api/count?table=' + encodeURIComponent(view.table)); d.total = { rows: n.rows, estimate: false }; total.replaceChildren(totalText(d)); } catch (e) { toast(e.message); }
    }));
  }
  const pager = el('div', { class: 'toolbar', id: 'pager' },
    el('button', { id: 'page-first', text: '« First', disabled: first, onclick: () => setPage({ mode: 'first' }) }),
    el('button', { id: 'page-prev', text: '‹ Prev', disabled: first || !d.prev, onclick: () => setPage({ mode: 'before', cursor: d.prev }) }),
    el('button', { id: 'page-next', text: 'Next ›', disabled: !d.next, onclick: () => setPage({ mode: 'after', cursor: d.next }) }),
    el('button', { id: 'page-last', text: 'Last »', disabled: !d.next, onclick: () => setPage({ mode: 'last' }) }),
    sizeSelect, el('span', { text: `${d.rows.length} on this page` }), total);
  show(el('h1', { id: 'table-title' }, d.table, ' ', d.tableReadOnly ? el('span', { class: 'badge', text: `read-only (${d.kind || 'protected'})` }) : null),
    toolbar, el('div', { id: 'insert-box' }), el('div', { class: 'grid-wrap' }, grid), pager);
  fillRows();
}

// The grid's body: staged inserts of this table first, then the page with staged edits on top.
function fillRows() {
  const d = view.data;
  const body = document.getElementById('rows');
  if (!d || !body) return;
  body.replaceChildren();
  staged.forEach(e => {
    if (e.op !== 'insert' || e.table !== d.table) return;
    body.append(el('tr', { class: 'inserted' }, el('td', { class: 'row-head', text: '+' }),
      ...d.columns.map(c => el('td', { class: 'cell', 'data-column': c.name },
        c.name in e.values ? cellNode(e.values[c.name], c, null) : el('span', { class: 'empty', text: 'default' })))));
  });
  d.rows.forEach((r, ri) => body.append(rowNode(d, r, ri)));
  if (view.focus) focusCell(view.focus.row, view.focus.col);
}

function fkColumns(d) {
  const m = new Map();
  for (const fk of d.foreignKeys || []) if (fk.columns.length === 1) m.set(fk.columns[0], fk);
  return m;
}

// The filters that select the parent row a foreign key of row r points at (null if any is NULL).
function parentFilters(d, r, fk) {
  const out = [];
  for (let i = 0; i < fk.columns.length; ++i) {
    const v = r.cells[d.columns.findIndex(c => c.name === fk.columns[i])];
    if (v === null || v === undefined) return null;
    out.push({ column: fk.refColumns[i], op: 'eq', value: v });
  }
  return out;
}

function rowNode(d, r, ri) {
  const deleted = isStagedDelete(d.table, r.key);
  const edits = stagedValues(d.table, r.key) || {};
  const failed = failedEdit && failedEdit.edit && failedEdit.edit.table === d.table && keyText(failedEdit.edit.key) === keyText(r.key);
  const tr = el('tr', { 'data-key': keyText(r.key), class: deleted ? 'deleted' : (failed ? 'failed' : null) });
  tr.row = r;
  const head = el('td', { class: 'row-head' },
    el('button', { class: 'row-open', title: 'row detail and references', text: '⋯', onclick: () => openRowDetail(r) }));
  if (writable(d)) head.prepend(el('input', { type: 'checkbox', class: 'row-select', title: 'select' }));
  tr.append(head);
  const fkOf = fkColumns(d);
  d.columns.forEach((c, i) => {
    const isStaged = c.name in edits;
    const v = isStaged ? edits[c.name] : r.cells[i];
    const td = el('td', { class: 'cell' + (isStaged ? ' staged' : '') + ('i' in (v || {}) || 'r' in (v || {}) || 'd' in (v || {}) ? ' num' : ''), 'data-column': c.name, tabindex: '-1' });
    td.append(cellNode(v, c, cb => fullValue(r, c, v, cb)));
    const fk = fkOf.get(c.name);
    const filters = fk && parentFilters(d, r, fk);
    if (filters) td.append(el('a', { class: 'fk', href: tableHref(fk.table, filters), title: `the ${fk.table} row it references`, text: '→' }));
    // The column the server named, else every column the failed edit changes.
    if (failed && (failedEdit.column ? failedEdit.column === c.name : c.name in (failedEdit.edit.values || {}))) td.classList.add('invalid');
    td.addEventListener('click', () => { view.focus = { row: ri, col: i }; });
    if (editable(d, c) && !deleted) td.addEventListener('dblclick', () => editCell(td, r, c, i));
    tr.append(td);
  });
  return tr;
}

async function fullValue(r, c, v, cb) {
  if (!v || (v.n === undefined && !('b' in v))) { cb(v); return; }
  if (!v.n || (v.b !== undefined && v.b.length === v.n * 2)) { cb(v); return; }
  try {
    const p = new URLSearchParams({ table: view.table, column: c.name, key: keyText(r.key) });
    cb((await api('GET', '/api/cell?' + p.toString())).value);
  } catch (e) { toast(e.message); }
}

// ---- keyboard: arrows move, Enter edits, Esc cancels an edit ----

function cellAt(row, col) {
  const tr = document.querySelectorAll('#rows tr:not(.inserted)')[row];
  return tr ? tr.querySelectorAll('td.cell')[col] : null;
}

function focusCell(row, col) {
  const td = cellAt(row, col);
  if (!td) return;
  for (const x of document.querySelectorAll('#rows td.cell[tabindex="0"]')) x.setAttribute('tabindex', '-1');
  td.setAttribute('tabindex', '0');
  td.focus();
  view.focus = { row, col };
}

function gridKey(e) {
  if (e.target.closest('.editor') || !view.data) return;
  const f = view.focus || { row: 0, col: 0 };
  const moves = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
  if (moves[e.key]) {
    e.preventDefault();
    const row = Math.max(0, Math.min(view.data.rows.length - 1, f.row + moves[e.key][0]));
    const col = Math.max(0, Math.min(view.data.columns.length - 1, f.col + moves[e.key][1]));
    focusCell(row, col);
  } else if (e.key === 'Enter' && view.focus) {
    e.preventDefault();
    const c = view.data.columns[f.col];
    if (editable(view.data, c)) editCell(cellAt(f.row, f.col), view.data.rows[f.row], c, f.col);
  }
}

function editCell(td, r, c, i) {
  if (!td || td.querySelector('.editor')) return;
  if (isStagedDelete(view.table, r.key)) return;
  const edits = stagedValues(view.table, r.key) || {};
  const begin = v => {
    if (v && 'b' in v) { toast('blobs cannot be edited here; use the SQL console'); return; }
    const ed = valueEditor(c, v);
    const msg = el('div', { class: 'error edit-error' });
    const cancel = () => { fillRows(); focusCell(view.focus.row, view.focus.col); };
    const commit = () => {
      const res = ed.read();
      const problem = res.error || checkValue(c, res.value);
      if (problem) { msg.textContent = `${c.name}: ${problem}`; td.classList.add('invalid'); return; }
      if (JSON.stringify(res.value) !== JSON.stringify(r.cells[i]) || c.name in edits) stageUpdate(view.table, r.key, c.name, res.value);
      else fillRows();
      focusCell(view.focus.row, view.focus.col);
    };
    ed.node.addEventListener('keydown', e => {
      if (e.key === 'Escape') { e.preventDefault(); e.stopPropagation(); cancel(); }
      if (e.key === 'Enter' && (e.target.tagName !== 'TEXTAREA' || e.ctrlKey)) { e.preventDefault(); commit(); }
    });
    ed.node.append(msg, el('div', { class: 'actions' },
      el('button', { class: 'primary edit-save', text: 'Stage', title: 'Enter', onclick: ev => { ev.stopPropagation(); commit(); } }),
      el('button', { class: 'edit-cancel', text: 'Cancel', title: 'Esc', onclick: ev => { ev.stopPropagation(); cancel(); } })));
    td.replaceChildren(ed.node);
    ed.focus();
  };
  view.focus = { row: view.data.rows.indexOf(r), col: i };
  const current = c.name in edits ? edits[c.name] : r.cells[i];
  if (current && current.n !== undefined && 's' in current) fullValue(r, c, current, begin);
  else begin(current);
}

function toggleSort(column) {
  if (view.sort !== column) { view.sort = column; view.dir = 'asc'; }
  else if (view.dir === 'asc') view.dir = 'desc';
  else view.sort = null;
  setPage({ mode: 'first' });
}

function renderInsertForm(d) {
  const box = document.getElementById('insert-box');
  const fields = d.columns.filter(c => editable(d, c)).map(c => {
    const ed = valueEditor(c, null);
    const auto = c.default !== null && c.default !== undefined || (c.pk && /^int/.test(logicalOf(c).kind));
    const useDefault = el('input', { type: 'checkbox', class: 'use-default', checked: auto || nullableOf(c) });
    ed.input.addEventListener('input', () => { useDefault.checked = false; });
    ed.input.addEventListener('change', () => { useDefault.checked = false; });
    return { c, ed, useDefault, auto, node: el('fieldset', { 'data-column': c.name }, el('legend', { text: c.name + ' ' + typeLabel(c) }), ed.node, el('label', {}, useDefault, auto ? ' default' : ' omit')) };
  });
  const msg = el('div', { class: 'error', id: 'insert-error' });
  const submit = () => {
    const values = {};
    for (const f of fields) {
      if (f.useDefault.checked) {
        if (!f.auto && !nullableOf(f.c)) { msg.textContent = `'${f.c.name}' is required (NOT NULL, no default)`; return; }
        continue;
      }
      const res = f.ed.read();
      const problem = res.error || checkValue(f.c, res.value);
      if (problem) { msg.textContent = `${f.c.name}: ${problem}`; return; }
      values[f.c.name] = res.value;
    }
    stageInsert(view.table, values);
    box.replaceChildren();
  };
  box.replaceChildren(el('div', { class: 'toolbar insert-form' }, ...fields.map(f => f.node),
    el('button', { class: 'primary', id: 'insert-submit', text: 'Stage insert', onclick: submit }),
    el('button', { text: 'Cancel', onclick: () => box.replaceChildren() })), msg);
}

function deleteSelected() {
  const rows = [...document.querySelectorAll('#rows tr')].filter(tr => tr.querySelector('.row-select:checked'));
  if (!rows.length) { toast('select rows first'); return; }
  for (const tr of rows) stageDelete(view.table, tr.row.key);
  toast(`${rows.length} delete(s) staged: review to apply`);
}

function exportRows(format) {
  const p = listingParams();
  p.set('format', format);
  downloadFrom('GET', '/api/export?' + p.toString(), undefined, `${view.table}.${format}`);
}

// ---- row detail: every value in full, the rows it references and the rows referencing it ----

async function openRowDetail(r) {
  const d = view.data;
  const dl = el('dl', { id: 'row-fields' });
  d.columns.forEach((c, i) => dl.append(el('dt', { text: c.name }), el('dd', { 'data-column': c.name }, cellNode(r.cells[i], c, cb => fullValue(r, c, r.cells[i], cb)))));
  const refs = el('ul', { id: 'relations-out' });
  for (const fk of d.foreignKeys || []) {
    const filters = parentFilters(d, r, fk);
    refs.append(el('li', {}, `${fk.columns.join(', ')} → `, filters ? el('a', { href: tableHref(fk.table, filters), text: fk.table }) : el('span', { class: 'null', text: 'NULL' })));
  }
  const incoming = el('ul', { id: 'relations-in' }, el('li', { text: 'loading…' }));
  openPanel('row', `${d.table} ${r.key.map(rawText).join(', ')}`, dl,
    d.foreignKeys && d.foreignKeys.length ? el('h3', { text: 'References' }) : null, d.foreignKeys && d.foreignKeys.length ? refs : null,
    el('h3', { text: 'Referenced by' }), incoming);
  try {
    const rel = await api('GET', '/api/relations?' + new URLSearchParams({ table: d.table, key: keyText(r.key) }).toString());
    incoming.replaceChildren(...rel.referencedBy.map(x => el('li', { 'data-table': x.table },
      el('a', { href: tableHref(x.table, typeof x.filters === 'string' ? JSON.parse(x.filters) : x.filters), text: `${x.table}.${x.columns.join(', ')}` }),
      el('span', { class: 'total', text: ` ${x.count}${x.more ? '+' : ''} row(s)` }))));
    if (!rel.referencedBy.length) incoming.replaceChildren(el('li', { class: 'empty', text: 'no table references this table' }));
  } catch (e) { incoming.replaceChildren(el('li', { class: 'error', text: e.message })); }
}

stagedListeners.push(fillRows);
appliedListeners.push(tables => {
  loadTableList(view.table);
  if (view.table && tables.has(view.table) && location.hash.startsWith('#/table/')) refreshRows();
});
