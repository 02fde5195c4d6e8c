// Small DOM helpers: every field has a label, every message is announced, nothing is built
// from HTML strings (text from the API is always set as text, never parsed as markup).
import { fieldWords as label, inWords } from './api.js';

let ids = 0;
export const uid = prefix => (prefix || 'f') + '-' + (++ids);

/** h('p', {class: 'x'}, 'text', child...): an element; `on*` attributes become listeners. */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  Object.entries(attrs || {}).forEach(([k, v]) => {
    if (v === undefined || v === null || v === false) return;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else if (k === 'text') el.textContent = v;
    else el.setAttribute(k, v === true ? '' : v);
  });
  append(el, children);
  return el;
}

function append(el, children) {
  children.flat(Infinity).forEach(c => {
    if (c === undefined || c === null || c === false) return;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  });
}

/** A labelled input, select or textarea. `input` is an element or attributes for an <input>. */
export function field(label, input, hint) {
  const control = input instanceof Node ? input : h('input', { type: 'text', ...input });
  control.id = control.id || uid('f');
  const hintEl = hint ? h('span', { class: 'hint', id: control.id + '-hint' }, hint) : null;
  if (hintEl) control.setAttribute('aria-describedby', hintEl.id);
  return h('div', { class: 'field' }, h('label', { for: control.id }, label), hintEl, control);
}

export function select(name, options, attrs = {}) {
  return h('select', { name, ...attrs }, options.map(o => h('option', { value: o.value, selected: o.selected }, o.label)));
}

export function checkbox(label, attrs) {
  const input = h('input', { type: 'checkbox', id: uid('c'), ...attrs });
  return h('div', { class: 'check' }, input, h('label', { for: input.id }, label));
}

/** Hours and minutes, which a person thinks in, for an amount the API takes in minutes. */
export function duration(legend, name, hint, apiField) {
  const hours = h('input', { type: 'number', name: name + '.hours', min: 0, step: 1, inputmode: 'numeric', class: 'short', id: uid('h'), 'data-field': apiField });
  const minutes = h('input', { type: 'number', name: name + '.minutes', min: 0, max: 59, step: 1, inputmode: 'numeric', class: 'short', id: uid('m') });
  return h('fieldset', { 'data-duration': name },
    h('legend', {}, legend), hint ? h('span', { class: 'hint' }, hint) : null,
    h('div', { class: 'inline' },
      h('div', { class: 'field' }, h('label', { for: hours.id }, 'Hours'), hours),
      h('div', { class: 'field' }, h('label', { for: minutes.id }, 'Minutes'), minutes)));
}

/** The minutes a duration() fieldset holds (0 when empty). */
export function minutesOf(form, name) {
  const n = v => (v === '' || v === undefined ? 0 : Number(v));
  return n(form.elements[name + '.hours'].value) * 60 + n(form.elements[name + '.minutes'].value);
}

/** "3 credits", "1 credit 30 min": 1 credit is 60 minutes, an hour of someone's time. */
export function credits(minutes) {
  const sign = minutes < 0 ? '−' : '';
  const m = Math.abs(minutes);
  const whole = Math.floor(m / 60);
  const rest = m % 60;
  const c = whole === 1 ? '1 credit' : whole + ' credits';
  if (!rest) return sign + c;
  return sign + (whole ? c + ' ' : '') + rest + ' min';
}

/** "2 hours 30 minutes" for time given. */
export function hours(minutes) {
  if (!minutes) return '0 hours';
  const whole = Math.floor(minutes / 60);
  const rest = minutes % 60;
  const parts = [];
  if (whole) parts.push(whole === 1 ? '1 hour' : whole + ' hours');
  if (rest || !whole) parts.push(rest === 1 ? '1 minute' : rest + ' minutes');
  return parts.join(' ');
}

export const date = d => d ? new Date(d.length === 10 ? d + 'T12:00:00' : d).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric' }) : '';
export const dateTime = d => d ? new Date(d).toLocaleString('en-GB', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }) : '';
export const today = () => new Date().toLocaleDateString('en-CA'); // yyyy-mm-dd where the browser is
export const firstOfMonth = () => today().slice(0, 8) + '01';
export const firstOfYear = () => today().slice(0, 4) + '-01-01';

/** A message announced to screen readers: errors assertively, the rest politely. */
export function notice(kind, title, ...lines) {
  return h('div', { class: 'notice ' + kind, role: kind === 'error' ? 'alert' : 'status', tabindex: '-1' },
    h('p', { class: 'title' }, title), lines.filter(Boolean).map(l => l instanceof Node ? l : h('p', {}, l)));
}

/** Shows an API error in words, marks the fields it names, and moves focus to it. */
export function showError(place, error, form) {
  const lines = [error.next];
  const problem = error.problem || {};
  (problem.errors || []).forEach(e => lines.push(label(e.field) + ': ' + inWords(e.message)));
  (problem.lines || []).forEach(l => lines.push('Line ' + l.line + ': ' + l.message));
  const box = notice('error', error.message, ...lines);
  if (form) {
    form.querySelectorAll('[aria-invalid]').forEach(el => el.removeAttribute('aria-invalid'));
    (problem.errors || []).forEach(e => {
      const el = form.elements[e.field] || form.querySelector(`[data-field="${e.field}"]`);
      if (el && el.setAttribute) el.setAttribute('aria-invalid', 'true');
    });
  }
  place.replaceChildren(box);
  box.focus();
  return box;
}


export function success(place, title, ...lines) {
  const box = notice('success', title, ...lines);
  place.replaceChildren(box);
  box.focus();
  return box;
}

/**
 * A form whose submit runs `action(form)`: the button is disabled while it runs (no double
 * posts from an impatient click), and an API error is shown above the form. Every submit first
 * clears what the last one said (its error, the marked fields, and `clears`: the place where the
 * page shows the result), so a refusal never stays on screen under a later success.
 */
export function form(attrs, children, action, submitLabel, clears) {
  const messages = h('div', { class: 'messages' });
  const button = h('button', { type: 'submit' }, submitLabel || 'Save');
  const el = h('form', { novalidate: true, ...attrs }, messages, children, button);
  el.addEventListener('submit', async event => {
    event.preventDefault();
    if (button.disabled) return;
    button.disabled = true;
    messages.replaceChildren();
    el.querySelectorAll('[aria-invalid]').forEach(input => input.removeAttribute('aria-invalid'));
    [clears].flat().forEach(place => { if (place) place.replaceChildren(); });
    try {
      await action(el, messages);
    } catch (error) {
      if (!error.next) { console.error(error); error.next = 'Try again. If it keeps happening, reload the page.'; }
      showError(messages, error, el);
    } finally {
      button.disabled = false;
    }
  });
  return el;
}

/**
 * A table with a caption and column headers; `cells(row)` gives a row's cells. Its box scrolls
 * sideways on a phone, so it is a region named by its caption that takes focus: a keyboard
 * user can scroll it too (WCAG 2.1.1; axe's scrollable-region-focusable).
 */
export function table(caption, columns, rows, cells, empty) {
  if (!rows.length) return h('p', { class: 'muted' }, empty || 'Nothing to show yet.');
  return h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': caption }, h('table', {},
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, columns.map(c => h('th', { scope: 'col', class: c.num ? 'num' : null }, c.label || c)))),
    h('tbody', {}, rows.map(r => h('tr', {}, cells(r).map((c, i) =>
      h(i === 0 && columns[0].rowHeader ? 'th' : 'td', { class: columns[i] && columns[i].num ? 'num' : null, scope: i === 0 && columns[0].rowHeader ? 'row' : null }, c)))))));
}

export function stats(items) {
  return h('ul', { class: 'cards' }, items.map(([figure, labelText]) =>
    h('li', { class: 'stat' }, h('span', { class: 'figure' }, figure), h('span', { class: 'label' }, labelText))));
}

/** Puts the page's heading and content in <main>, titles the tab, and moves focus for screen readers. */
export function page(main, title, ...content) {
  document.title = title + ' · Timeledger';
  delete main.dataset.print; // a page that prints only part of itself (a card) says so after this
  main.replaceChildren(h('h1', {}, title), ...content.flat(Infinity).filter(c => c !== null && c !== undefined && c !== false));
  main.focus();
}

/** Downloads what the API answers (CSV, journal) as a file, sending the caller's credentials. */
export async function download(apiCall, filename) {
  const blob = await apiCall();
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, download: filename, class: 'visually-hidden' }, filename);
  document.body.append(a);
  a.click();
  setTimeout(() => { URL.revokeObjectURL(url); a.remove(); }, 1000);
}

/** An <img> of an image fetched with the caller's credentials (a card's QR code). */
export async function image(apiCall, alt, className) {
  const blob = await apiCall();
  return h('img', { src: URL.createObjectURL(blob), alt, class: className });
}

export function cardNumber(n) {
  return String(n || '').replace(/(\d{4})(?=\d)/g, '$1 ');
}

/**
 * A list shown a page at a time: the button ("Show more") asks {@code next(cursor)} for the
 * next page, appends its lines and moves the focus to the first of them, so a screen reader
 * carries on where the new lines start. {@code prepare(items)}, if given, runs before the
 * lines of a page are drawn (to look up names, say).
 */
export function pagedLines({ labelledBy, first, next, line, listClass = 'lines', moreText = 'Show more', prepare = null }) {
  const list = h('ul', { class: listClass, 'aria-labelledby': labelledBy }, first.items.map(line));
  const messages = h('div', {});
  let cursor = first.nextCursor;
  const more = h('button', { type: 'button', class: 'secondary' }, moreText);
  // in a box of its own: the hidden attribute does not hide a button, which CSS displays inline-block
  const moreBox = h('p', { hidden: !cursor }, more);
  more.addEventListener('click', async () => {
    more.disabled = true;
    try {
      const page = await next(cursor);
      if (prepare) await prepare(page.items);
      const lines = page.items.map(line);
      list.append(...lines);
      cursor = page.nextCursor;
      moreBox.hidden = !cursor;
      if (lines.length) lines[0].focus();
    } catch (error) {
      showError(messages, error);
    } finally {
      more.disabled = false;
    }
  });
  return h('div', {}, list, messages, moreBox);
}
