// The other pages: the ER diagram (its tables link to their data), the mismatch view and the
// SQL console (history per database in localStorage, results exportable).
'use strict';

// ---- diagram ----

async function openDiagram() {
  loadTableList(null);
  show(el('h1', { text: 'Diagram' }), el('p', { text: 'loading…' }));
  try {
    const svgText = await api('GET', '/api/diagram?format=svg');
    // Parsed as an XML document, never as HTML; scripts and handlers are dropped (and the
    // page's CSP would not run them anyway), so the SVG can be inline and its tables clickable.
    const doc = new DOMParser().parseFromString(svgText, 'image/svg+xml');
    const svg = doc.documentElement;
    if (svg.nodeName !== 'svg') throw new Error('the diagram is not an SVG document');
    for (const s of svg.querySelectorAll('script, foreignObject')) s.remove();
    for (const n of svg.querySelectorAll('*')) {
      for (const a of [...n.attributes]) if (/^on/i.test(a.name) || /href$/i.test(a.name)) n.removeAttribute(a.name);
    }
    const node = document.importNode(svg, true);
    node.id = 'diagram';
    for (const g of node.querySelectorAll('g.node')) {
      const title = g.querySelector('title');
      if (!title) continue;
      const name = title.textContent;
      g.setAttribute('data-table', name);
      g.addEventListener('click', () => { location.hash = tableHref(name); });
      title.textContent = `${name}: click to open its rows`;
    }
    const dl = (format, name) => el('button', { text: format.toUpperCase(), onclick: () => downloadFrom('GET', '/api/diagram?format=' + format, undefined, name) });
    show(el('h1', { text: 'Diagram' }),
      el('div', { class: 'toolbar' }, el('span', { text: 'Click a table to open its rows.' }),
        el('button', { id: 'diagram-zoom', text: 'Actual size', onclick: e => {
          const box = document.getElementById('diagram-box');
          box.classList.toggle('actual');
          e.target.textContent = box.classList.contains('actual') ? 'Fit to width' : 'Actual size';
        } }),
        el('span', { text: 'Download:' }),
        dl('svg', 'schema.svg'), dl('dot', 'schema.dot'), dl('mmd', 'schema.mmd')),
      el('div', { id: 'diagram-box' }, node));
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

const historyKey = () => 'history.' + session.database;

function remember(sql) {
  const h = pref(historyKey(), []).filter(x => x !== sql);
  h.unshift(sql);
  setPref(historyKey(), h.slice(0, 50));
}

function openSql() {
  loadTableList(null);
  const text = el('textarea', { id: 'sql-text', placeholder: 'SELECT ...   (Ctrl+Enter runs; Ctrl+↑/↓ walks the history)' });
  const write = el('input', { type: 'checkbox', id: 'sql-write', disabled: session.readOnly });
  const out = el('div', { id: 'sql-result' });
  const history = el('select', { id: 'sql-history' });
  let pos = -1;
  const fillHistory = () => {
    const h = pref(historyKey(), []);
    history.replaceChildren(el('option', { value: '', text: h.length ? `history (${h.length})` : 'no history yet' }),
      ...h.map((q, i) => el('option', { value: String(i), text: q.replace(/\s+/g, ' ').slice(0, 90) })));
  };
  history.addEventListener('change', () => { if (history.value !== '') { text.value = pref(historyKey(), [])[Number(history.value)]; pos = Number(history.value); } });
  const exportResult = format => {
    if (!text.value.trim()) { toast('nothing to export'); return; }
    downloadFrom('POST', '/api/sql/export', { sql: text.value, format }, 'query.' + format);
  };
  const run = async () => {
    if (!text.value.trim()) return;
    if (write.checked && !confirm('Run this statement with writes allowed? It may change the database.')) return;
    remember(text.value);
    fillHistory();
    pos = -1;
    try {
      const r = await api('POST', '/api/sql', { sql: text.value, write: write.checked });
      const cols = r.columns.map(name => ({ name, logicalType: 'text' }));
      const head = el('tr', {}, ...r.columns.map(c => el('th', { text: c })));
      const rows = r.rows.map(row => el('tr', {}, ...row.map((v, i) => el('td', {}, cellNode(v, cols[i], cb => cb(v))))));
      out.replaceChildren(el('div', { class: 'toolbar' },
        el('span', { id: 'sql-summary', text: `${r.rows.length} row(s)${r.truncated ? ' (first 1000; export has all)' : ''}${write.checked ? ', ' + r.changes + ' change(s)' : ''}` }),
        r.columns.length ? el('button', { id: 'sql-export-csv', text: 'Export CSV', onclick: () => exportResult('csv') }) : null,
        r.columns.length ? el('button', { id: 'sql-export-json', text: 'Export JSON', onclick: () => exportResult('json') }) : null),
      el('div', { class: 'grid-wrap' }, el('table', { class: 'grid' }, el('thead', {}, head), el('tbody', {}, ...rows))));
      if (write.checked) loadTableList(null);
    } catch (e) { out.replaceChildren(el('p', { class: 'error', id: 'sql-error', text: e.message })); }
  };
  text.addEventListener('keydown', e => {
    if (e.key === 'Enter' && e.ctrlKey) { e.preventDefault(); run(); }
    if ((e.key === 'ArrowUp' || e.key === 'ArrowDown') && e.ctrlKey) {
      e.preventDefault();
      const h = pref(historyKey(), []);
      pos = Math.max(-1, Math.min(h.length - 1, pos + (e.key === 'ArrowUp' ? 1 : -1)));
      text.value = pos < 0 ? '' : h[pos];
    }
  });
  fillHistory();
  show(el('h1', { text: 'SQL console' }), el('div', { class: 'toolbar' }, history), text,
    el('div', { class: 'toolbar' }, el('button', { class: 'primary', id: 'sql-run', text: 'Run', title: 'Ctrl+Enter', onclick: run }),
      el('label', {}, write, ' allow writes (asks to confirm)')), out);
  text.focus();
}
