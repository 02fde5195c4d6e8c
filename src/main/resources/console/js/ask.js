// Asking a person something the shared helpers in ui.js do not: one of a few options as big
// radio buttons, and "are you sure?" before a request that moves credits or cannot be undone.
import { h, uid, showError } from './ui.js';

/** A fieldset of radio buttons; `options` are { value, label, hint, checked }. */
export function choice(legend, name, options, hint) {
  return h('fieldset', { class: 'choice' },
    h('legend', {}, legend), hint ? h('span', { class: 'hint' }, hint) : null,
    options.map(o => {
      const id = uid('r');
      const hint = o.hint ? h('span', { class: 'hint', id: id + '-hint' }, o.hint) : null;
      const input = h('input', { type: 'radio', name, value: o.value, id, checked: o.checked, 'aria-describedby': hint ? hint.id : null });
      return h('div', { class: 'check' }, input, h('label', { for: id }, o.label), hint);
    }));
}

/**
 * Shows `question` in `place` with a "yes" and a "no" button. "Yes" runs `action(messages)`;
 * its button is disabled while it runs, so an impatient second press does not send it twice,
 * and a refusal is shown in words beside the question. "No" runs `back()`.
 */
export function confirm(place, question, lines, yesLabel, action, back, noLabel = 'Go back and change it') {
  const heading = h('h2', { tabindex: '-1' }, question);
  const messages = h('div', { class: 'messages' });
  const yes = h('button', { type: 'button' }, yesLabel);
  const no = h('button', { type: 'button', class: 'secondary', onclick: back }, noLabel);
  yes.addEventListener('click', async () => {
    if (yes.disabled) return;
    yes.disabled = true;
    try {
      await action(messages);
    } catch (error) {
      if (!error.next) { console.error(error); error.next = 'Try again. If it keeps happening, reload the page.'; }
      showError(messages, error);
    } finally {
      yes.disabled = false;
    }
  });
  const box = h('section', { class: 'confirm' }, heading, lines, messages, h('div', { class: 'inline' }, yes, no));
  place.replaceChildren(box);
  heading.focus();
  return box;
}

/** The digits of a card number as typed or scanned: spaces and dashes dropped. */
export const digitsOf = text => String(text || '').replace(/[\s-]/g, '');
