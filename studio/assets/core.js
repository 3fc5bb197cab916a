// schemac studio, shared helpers: DOM building, preferences, theme, downloads, panels.
// Plain DOM, no framework. The server inlines the scripts index.html names, in its order (core,
// types, staging, grid, views, studio: start-up, API client), as one script (studio/src/page.cpp).
'use strict';
performance.mark('studio-script');  // the script starts running (tests/studio/landing_bench.py)

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === 'text') node.textContent = v;
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else if (k === 'checked' || k === 'value') node[k] = v;
    else if (v !== false && v !== null && v !== undefined) node.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children) if (c !== null && c !== undefined && c !== false) node.append(c);
  return node;
}


// 1234567 -> "1,234,567". Not toLocaleString: its first call sets up ICU's number formats,
// tens of ms in a fresh renderer, before the landing can draw.
function thousands(n) {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function saveBlob(blob, name) {
  const a = el('a', { href: URL.createObjectURL(blob), download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10000);
}

function toast(text) {
  const t = document.getElementById('toast');
  t.textContent = text;
  t.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { t.hidden = true; }, 4000);
}

const main = () => document.getElementById('main');
function show(...nodes) { main().replaceChildren(...nodes); }
function showError(e) { show(el('p', { class: 'error', id: 'page-error', text: e.message })); }

// ---- preferences (localStorage; a browser that refuses storage just forgets them) ----

function pref(name, fallback) {
  try {
    const v = localStorage.getItem('schemac-studio.' + name);
    return v === null ? fallback : JSON.parse(v);
  } catch (e) { return fallback; }
}
function setPref(name, value) {
  try { localStorage.setItem('schemac-studio.' + name, JSON.stringify(value)); } catch (e) { /* not kept */ }
}

// ---- theme: "auto" follows prefers-color-scheme; "light"/"dark" are the user's choice ----

const themes = ['auto', 'light', 'dark'];
function applyTheme() {
  const t = pref('theme', 'auto');
  if (t === 'auto') document.documentElement.removeAttribute('data-theme');
  else document.documentElement.setAttribute('data-theme', t);
  const b = document.getElementById('theme-button');
  if (b) b.textContent = { auto: '◐ auto', light: '☀ light', dark: '☾ dark' }[t];
}
function cycleTheme() {
  setPref('theme', themes[(themes.indexOf(pref('theme', 'auto')) + 1) % themes.length]);
  applyTheme();
}

// ---- the side panel (row detail, review) and the full-value dialog ----

function openPanel(id, title, ...nodes) {
  closePanel();
  const panel = el('aside', { id: 'panel', 'data-panel': id },
    el('h2', {}, title, el('button', { id: 'panel-close', text: '×', title: 'close (Esc)', onclick: closePanel })), ...nodes);
  document.body.append(panel);
  return panel;
}
function closePanel() {
  const p = document.getElementById('panel');
  if (p) p.remove();
}

function showDialog(title, content) {
  const dlg = el('dialog', { id: 'full-value' }, el('h3', { text: title }), content,
    el('div', { class: 'toolbar' }, el('button', { text: 'Close', onclick: () => dlg.close() })));
  dlg.addEventListener('close', () => dlg.remove());
  document.body.append(dlg);
  dlg.showModal();
}

document.addEventListener('keydown', e => {
  if (e.key === 'Escape' && !document.querySelector('dialog[open]') && !e.target.closest('.editor')) closePanel();
});
