// Staged changes: edits, inserts and deletes wait here (across tables) until the review panel
// applies them all in one transaction (POST /api/batch) or discards them. The panel shows the
// exact SQL from POST /api/batch/preview.
'use strict';

const staged = [];  // {op: 'update'|'insert'|'delete', table, key?, values?}
const stagedListeners = [];
const keyText = key => JSON.stringify(key);

function findStaged(op, table, key) {
  return staged.find(e => e.op === op && e.table === table && keyText(e.key) === keyText(key));
}

function stageUpdate(table, key, column, value) {
  if (findStaged('delete', table, key)) return;
  let e = findStaged('update', table, key);
  if (!e) { e = { op: 'update', table, key, values: {} }; staged.push(e); }
  e.values[column] = value;
  stagedChanged();
}

function stageInsert(table, values) {
  staged.push({ op: 'insert', table, values });
  stagedChanged();
}

function stageDelete(table, key) {
  const upd = findStaged('update', table, key);
  if (upd) staged.splice(staged.indexOf(upd), 1);
  if (!findStaged('delete', table, key)) staged.push({ op: 'delete', table, key });
  stagedChanged();
}

function unstage(index) {
  staged.splice(index, 1);
  failedEdit = null;
  stagedChanged();
}

function stagedValues(table, key) {
  const e = findStaged('update', table, key);
  return e ? e.values : null;
}
const isStagedDelete = (table, key) => !!findStaged('delete', table, key);

function stagedChanged() {
  const b = document.getElementById('staged-button');
  if (b) {
    b.textContent = staged.length ? `Review ${staged.length} change${staged.length > 1 ? 's' : ''}` : 'No changes';
    b.classList.toggle('has', staged.length > 0);
    b.disabled = !staged.length;
  }
  for (const f of stagedListeners) f();
  const p = document.getElementById('panel');
  if (p && p.dataset.panel === 'review') openReview();
}

window.addEventListener('beforeunload', e => {
  if (staged.length) { e.preventDefault(); e.returnValue = ''; }
});

function describe(e) {
  const vals = e.values ? Object.entries(e.values).map(([k, v]) => `${k} = ${v === null ? 'NULL' : rawText(v) || (v.b !== undefined ? '0x' + v.b : '""')}`).join(', ') : '';
  if (e.op === 'update') return `update ${e.table} ${keyText(e.key.map(rawText))}: ${vals}`;
  if (e.op === 'insert') return `insert into ${e.table}: ${vals || '(defaults)'}`;
  return `delete from ${e.table} ${keyText(e.key.map(rawText))}`;
}

// The edits as POST /api/batch takes them (a copy: later staging does not change a request).
const batchBody = () => ({ edits: staged.map(e => JSON.parse(JSON.stringify(e))) });

async function openReview(failure) {
  if (!staged.length) {
    openPanel('review', 'Pending changes', el('p', { id: 'review-empty', text: 'No pending changes.' }));
    return;
  }
  const list = el('ol', { id: 'review-list' }, ...staged.map((e, i) => el('li', { 'data-index': String(i), class: failure && failure.index === i ? 'error' : null },
    describe(e), ' ', el('a', { href: '', class: 'more', text: 'undo', onclick: ev => { ev.preventDefault(); unstage(i); } }))));
  const sql = el('pre', { class: 'sql', id: 'review-sql', text: 'loading the SQL…' });
  const errors = el('div', { id: 'review-errors' });
  if (failure) errors.append(el('p', { class: 'error', id: 'review-error', text: `change ${failure.index + 1 || '?'}: ${failure.message}` }));
  const apply = el('button', { class: 'primary', id: 'review-apply', text: `Apply ${staged.length} change(s) in one transaction`, onclick: applyStaged });
  openPanel('review', 'Pending changes', list, el('h3', { text: 'SQL that will run' }), sql, errors,
    el('div', { class: 'toolbar' }, apply,
      el('button', { class: 'danger', id: 'review-discard', text: 'Discard all', onclick: () => { staged.length = 0; failedEdit = null; stagedChanged(); closePanel(); toast('changes discarded'); } })));
  try {
    const p = await api('POST', '/api/batch/preview', batchBody());
    sql.textContent = p.sql || p.statements.join('\n');
    for (const e of p.errors || []) {
      errors.append(el('p', { class: 'error', text: `change ${e.index + 1}${e.column ? ' (' + e.column + ')' : ''}: ${e.error}` }));
      const li = list.children[e.index];
      if (li) li.classList.add('error');
    }
    if ((p.errors || []).length) apply.disabled = true;
  } catch (e) { sql.textContent = 'preview failed: ' + e.message; }
}

async function applyStaged() {
  const n = staged.length;
  const tables = new Set(staged.map(e => e.table));
  try {
    await api('POST', '/api/batch', batchBody());
    staged.length = 0;
    failedEdit = null;
    stagedChanged();
    closePanel();
    toast(`${n} change(s) applied`);
    for (const f of appliedListeners) f(tables);
  } catch (e) {
    failedEdit = e.index !== undefined ? { edit: staged[e.index], column: e.column, message: e.message } : null;
    for (const f of stagedListeners) f();
    openReview({ index: e.index, message: e.message });
  }
}

let failedEdit = null;  // the staged edit the last apply failed on, marked in the grid
const appliedListeners = [];
