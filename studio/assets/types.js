// Typed cells: how a value of each logical type is shown, edited and checked before it is sent.
// Values are the API's tagged forms: null, {i}, {r}, {d}, {s[,n,j]}, {b,n}.
'use strict';

// The column's logical type as {kind, unit, values, scale, length}: the API's `logical`, else
// parsed from the older `logicalType` string ("timestamp(s)", "decimal(12, 2)", ...).
function logicalOf(c) {
  if (c.logical && c.logical.kind) return c.logical;
  const t = (c.logicalType || c.type || 'text').toLowerCase();
  const m = /^(\w+)(?:\(([^)]*)\))?/.exec(t) || [null, 'text', ''];
  const kind = { integer: 'int', int64: 'int', boolean: 'bool', float: 'real', double: 'real' }[m[1]] || m[1];
  if (kind === 'timestamp') return { kind, unit: m[2] === 's' || m[2] === 'text' ? m[2] : 'ms' };
  if (kind === 'decimal') return { kind, scale: Number((m[2] || '').split(',')[1]) || 0 };
  if (kind === 'varchar') return { kind, length: Number(m[2]) || 0 };
  return { kind };
}
const nullableOf = c => (c.logical && c.logical.nullable !== undefined) ? c.logical.nullable : !c.notNull;

// ---- instants: shown in local time or UTC (the header's toggle), stored in their unit ----

const zone = () => pref('zone', 'local');
const pad = (n, w = 2) => String(n).padStart(w, '0');

function formatInstant(ms, withMs) {
  const d = new Date(ms);
  if (isNaN(d.getTime())) return null;
  const frac = withMs ? '.' + pad(zone() === 'utc' ? d.getUTCMilliseconds() : d.getMilliseconds(), 3) : '';
  if (zone() === 'utc') {
    return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ` +
      `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}${frac}Z`;
  }
  const off = -d.getTimezoneOffset();
  const sign = off < 0 ? '-' : '+';
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ` +
    `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}${frac}` +
    `${sign}${pad(Math.floor(Math.abs(off) / 60))}:${pad(Math.abs(off) % 60)}`;
}

// Text typed into a timestamp editor → milliseconds, or null. A bare integer is taken as the
// stored number; a date-time without a zone is read in the zone the page shows.
function parseInstant(text, unit) {
  const t = text.trim();
  if (/^-?\d+$/.test(t)) return Number(t) * (unit === 's' ? 1000 : 1);
  const m = /^(\d{4})-(\d\d)-(\d\d)(?:[ T](\d\d):(\d\d)(?::(\d\d)(?:\.(\d{1,3}))?)?)?\s*(Z|UTC|[+-]\d\d:?\d\d)?$/i.exec(t);
  if (!m) return null;
  const [y, mo, da, h = 0, mi = 0, s = 0] = m.slice(1, 7).map(x => x === undefined ? undefined : Number(x));
  const msPart = m[7] ? Number(m[7].padEnd(3, '0')) : 0;
  let z = m[8];
  if (!z && zone() === 'utc') z = 'Z';
  if (!z) return new Date(y, mo - 1, da, h, mi, s, msPart).getTime();
  let ms = Date.UTC(y, mo - 1, da, h, mi, s, msPart);
  if (!/^(Z|UTC)$/i.test(z)) {
    const sign = z[0] === '-' ? -1 : 1;
    const digits = z.slice(1).replace(':', '');
    ms -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60000;
  }
  return ms;
}

// ---- display ----

const kTextInGrid = 60;  // characters of a long text shown in the grid (one line)

function rawText(v) {
  if (v === null || v === undefined) return '';
  for (const k of ['i', 'r', 'd', 's']) if (k in v) return v[k];
  return '';
}

// One cell's node. `full` fetches the whole value when the server cut it (null: no fetch).
function cellNode(v, c, full) {
  const lg = logicalOf(c);
  if (v === null || v === undefined) return el('span', { class: 'null', text: 'NULL', title: 'NULL (no value)' });
  if ('b' in v) {
    const hex = v.b || '';
    const size = v.n !== undefined ? v.n : hex.length / 2;
    const node = el('span', { class: 'blob', text: `blob ${size} B` + (hex ? ' 0x' + hex.slice(0, 16) + (size * 2 > 16 ? '…' : '') : '') });
    if (size * 2 > 16) node.append(moreLink('hex', () => full(w => showDialog(`${c.name}: blob, ${size} bytes`, el('pre', { class: 'blob-full', text: w.b.replace(/(.{64})/g, '$1\n') })))));
    return node;
  }
  const text = rawText(v);
  if (lg.kind === 'bool' && (text === '0' || text === '1')) {
    return el('input', { type: 'checkbox', class: 'bool', disabled: true, checked: text === '1', title: text === '1' ? 'true' : 'false' });
  }
  if (lg.kind === 'timestamp' && lg.unit !== 'text' && 'i' in v) {
    const ms = Number(v.i) * (lg.unit === 's' ? 1000 : 1);
    const shown = Number.isSafeInteger(ms) ? formatInstant(ms, lg.unit !== 's') : null;
    if (shown) return el('span', { class: 'timestamp', text: shown, title: `stored: ${v.i} (${lg.unit === 's' ? 'unix seconds' : 'unix ms'})` });
  }
  if (lg.kind === 'timestamp' && lg.unit === 'text' && 's' in v) {
    const ms = parseInstant(v.s.replace(/(\.\d{3})\d+/, '$1'), 'text');
    const shown = ms === null ? null : formatInstant(ms, /\.\d/.test(v.s));
    return el('span', { class: 'timestamp', text: shown || v.s, title: 'stored: ' + v.s });
  }
  if ('i' in v || 'r' in v || 'd' in v) return el('span', { class: 'num', text });
  if (lg.kind === 'enum') return el('span', { class: 'enum', text });
  if (lg.kind === 'date' || lg.kind === 'uuid') return el('span', { class: lg.kind, text });
  if (text === '') return el('span', { class: 'empty', text: '""', title: 'empty text (not NULL)' });
  if (v.j) {
    const flat = JSON.stringify(JSON.parse(v.j));
    return el('details', { class: 'json' }, el('summary', { text: flat.length > 60 ? flat.slice(0, 60) + '…' : flat }),
      el('pre', { class: 'json', text: v.j }));
  }
  const cut = v.n !== undefined || text.length > kTextInGrid || text.split('\n').length > 2;
  if (!cut) return document.createTextNode(text);
  const preview = text.slice(0, kTextInGrid).replace(/\r?\n/g, ' ⏎ ');
  return el('span', { class: 'long' }, el('span', { class: 'preview', text: preview + '…' }),
    moreLink(v.n !== undefined ? `full (${v.n} B)` : 'full', () => full(w => showDialog(c.name, el('pre', { class: 'text-full', text: rawText(w) })))));
}

function moreLink(text, onclick) {
  return el('a', { class: 'more', text, href: '', onclick: e => { e.preventDefault(); e.stopPropagation(); onclick(); } });
}

// ---- input: an editor per type, read back as an API value and checked like the server does ----

// The editor for one value: {node, focus(), read() → API value or null, error?}.
function valueEditor(c, v) {
  const lg = logicalOf(c);
  const nullable = nullableOf(c);
  const isNull = el('input', { type: 'checkbox', class: 'edit-null', checked: v === null && nullable });
  const parts = [];
  let input;
  let read;
  if (lg.kind === 'bool') {
    input = el('input', { type: 'checkbox', class: 'edit-value edit-bool', checked: rawText(v) === '1' });
    read = () => ({ value: { i: input.checked ? '1' : '0' } });
    parts.push(el('label', {}, input, ' true'));
  } else if (lg.kind === 'enum' && lg.values) {
    input = el('select', { class: 'edit-value edit-enum' }, ...lg.values.map(x => el('option', { value: x, text: x })));
    if (v !== null && !lg.values.includes(rawText(v))) input.append(el('option', { value: rawText(v), text: rawText(v) + ' (not in the enum)' }));
    input.value = v === null ? lg.values[0] : rawText(v);
    read = () => ({ value: { s: input.value } });
    parts.push(input);
  } else {
    let start = rawText(v);
    if (lg.kind === 'timestamp' && lg.unit !== 'text' && v && 'i' in v) {
      start = formatInstant(Number(v.i) * (lg.unit === 's' ? 1000 : 1), lg.unit !== 's') || start;
    }
    if (v && v.j) start = v.j;
    const long = lg.kind === 'json' || start.length > 60 || start.includes('\n');
    input = long ? el('textarea', { class: 'edit-value', rows: '6', cols: '48' }) : el('input', { class: 'edit-value', size: '28' });
    input.value = start;
    read = () => typedValue(lg, input.value);
    parts.push(input);
    const hint = { timestamp: lg.unit === 'text' ? 'ISO-8601 text' : `date-time (${zone() === 'utc' ? 'UTC' : 'local'}) or ${lg.unit === 's' ? 'unix seconds' : 'unix ms'}`,
      date: 'YYYY-MM-DD', decimal: 'exact decimal', uuid: '8-4-4-4-12 hex', json: 'JSON document' }[lg.kind];
    if (hint) parts.push(el('span', { class: 'hint', text: hint }));
  }
  input.addEventListener('input', () => { isNull.checked = false; });
  const node = el('div', { class: 'editor' }, ...parts,
    nullable ? el('label', { class: 'null-box' }, isNull, ' NULL') : null);
  return {
    node, input,
    focus: () => input.focus(),
    read: () => {
      if (nullable && isNull.checked) return { value: null };
      return read();
    },
  };
}

// Text typed for a column of kind lg → {value} or {error}.
function typedValue(lg, text) {
  const t = text.trim();
  switch (lg.kind) {
    case 'int': case 'int32':
      if (!/^-?\d+$/.test(t)) return { error: 'not an integer' };
      if (lg.kind === 'int32' && Math.abs(Number(t)) > 2147483647) return { error: 'out of the 32-bit range' };
      return { value: { i: t } };
    case 'real':
      if (t === '' || !isFinite(Number(t))) return { error: 'not a number' };
      return { value: { r: t } };
    case 'decimal': {
      if (!/^-?\d+(\.\d+)?$/.test(t)) return { error: 'not a decimal number (digits, one optional point)' };
      const scale = (t.split('.')[1] || '').length;
      if (lg.scale !== undefined && scale > lg.scale) return { error: `more than ${lg.scale} decimal place(s)` };
      return { value: { d: t } };
    }
    case 'timestamp': {
      if (lg.unit === 'text') {
        return parseInstant(t, 'text') === null ? { error: 'not an ISO-8601 date-time' } : { value: { s: t } };
      }
      const ms = parseInstant(t, lg.unit);
      if (ms === null || !Number.isSafeInteger(ms)) return { error: 'not a date-time (YYYY-MM-DD HH:MM:SS) or a number' };
      if (lg.unit === 's') {
        if (ms % 1000 !== 0) return { error: 'this column stores whole seconds' };
        return { value: { i: String(ms / 1000) } };
      }
      return { value: { i: String(ms) } };
    }
    case 'date':
      return /^\d{4}-\d\d-\d\d$/.test(t) && !isNaN(Date.parse(t)) ? { value: { s: t } } : { error: 'not a date (YYYY-MM-DD)' };
    case 'uuid':
      return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(t) ? { value: { s: t } } : { error: 'not a UUID (8-4-4-4-12 hex digits)' };
    case 'json':
      try { JSON.parse(text); } catch (e) { return { error: 'not valid JSON' }; }
      return { value: { s: text } };
    case 'varchar':
      if (lg.length && [...text].length > lg.length) return { error: `longer than ${lg.length} characters` };
      return { value: { s: text } };
    case 'blob':
      return /^([0-9a-f]{2})*$/i.test(t) ? { value: { b: t } } : { error: 'blobs are typed as hex digits' };
    default:
      return { value: { s: text } };
  }
}

// The schema's rules on a value about to be staged: NOT NULL and enum membership (the type was
// checked when it was read).
function checkValue(c, value) {
  const lg = logicalOf(c);
  if (value === null) return nullableOf(c) ? null : `'${c.name}' cannot be NULL`;
  if (lg.kind === 'enum' && lg.values && !lg.values.includes(rawText(value))) {
    return `'${rawText(value)}' is not one of ${lg.values.join(', ')}`;
  }
  return null;
}

function typeLabel(c) {
  const lg = logicalOf(c);
  let t = lg.kind;
  if (lg.kind === 'timestamp' && lg.unit && lg.unit !== 'ms') t += `(${lg.unit})`;
  if (lg.kind === 'enum' && lg.name) t = lg.name;
  return t + (nullableOf(c) ? '?' : '');
}
