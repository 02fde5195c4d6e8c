// The web till, for venues without a till system of their own: staff at a counter, often in a
// hurry. Card number (typed, or a keyboard-wedge scanner's digits and Enter), what it is for,
// one button that takes the credits, a receipt. And today's sales, with refunds.
import { api, session, newKey, invalid, ApiError } from '../api.js';
import { h, field, duration, minutesOf, form, page, table, stats, notice,
  credits, date, dateTime, cardNumber } from '../ui.js';
import { choice, confirm, digitsOf } from '../ask.js';

const TILL = ['PARTNER'];
const partnerId = () => encodeURIComponent(session.who.partner.id);

export const routes = [
  { path: 'till', title: 'Till', nav: 'Till', group: 'Day to day', roles: TILL, needsScheme: false, render: till },
  { path: 'till-today', title: 'Today\'s sales', nav: 'Today\'s sales', group: 'Day to day', roles: TILL, needsScheme: false, render: today },
];

async function till(main) {
  const offers = (await api('GET', `/v1/partners/${partnerId()}/offers`)).items.filter(o => o.active);
  const done = h('div', { 'aria-live': 'polite' });
  const sale = h('div', {});
  const lookUp = form({ 'aria-label': 'Look up a card', class: 'no-print' }, [
    field('Card number', { name: 'card', inputmode: 'numeric', autocomplete: 'off', spellcheck: 'false', class: 'card-input' },
      'Type the 16 digits on the card, or scan it.'),
  ], async (el, messages) => {
    sale.replaceChildren(); // never leave the last card's sale showing under a new number
    const digits = digitsOf(el.elements.card.value);
    if (!/^\d{16}$/.test(digits)) {
      throw invalid('A card number has 16 digits: check the number.', 'card', 'Type all 16 digits');
    }
    const card = await lookUpCard(digits);
    messages.replaceChildren();
    el.elements.card.removeAttribute('aria-invalid');
    done.replaceChildren();
    startSale(sale, digits, card, offers, redemption => {
      // ready for the next card at once: the receipt stays above until then
      receipt(done, redemption, el);
      sale.replaceChildren();
      el.reset();
      el.elements.card.focus();
    });
  }, 'Look up the card');
  page(main, 'Till', h('p', { class: 'lead no-print' }, session.who.partner.name),
    offers.length ? '' : notice('info', 'You have no offers yet.', 'You can still take an amount of credits. Ask your scheme administrator to add your offers.'),
    done, lookUp, sale,
    h('p', { class: 'no-print' }, h('a', { href: '#/till-today' }, 'See today\'s sales and give credits back')));
  lookUp.elements.card.focus();
}

async function lookUpCard(digits) {
  try {
    return await api('GET', '/v1/cards/' + encodeURIComponent(digits));
  } catch (error) {
    if (error.code !== 'not_found') throw error;
    const unknown = new ApiError(404, { code: 'not_found', detail: 'No card has the number ' + cardNumber(digits) + '.' });
    unknown.next = 'Check the number and type it again. A card reported lost no longer works: its holder has a new number.';
    throw unknown;
  }
}

/** Whose credits, and what for, then one button that takes them. */
function startSale(place, digits, card, offers, taken) {
  const accounts = card.accounts;
  const own = accounts[0];
  const whose = accounts.length > 1
    ? choice('Whose credits?', 'account', accounts.map((a, i) => ({
      value: a.accountId, checked: i === 0,
      label: (a.own ? card.firstName + '\'s own' : a.holderFirstName + '\'s') + ': ' + credits(a.availableMinutes) + ' to spend',
      hint: a.own ? null : a.holderFirstName + ' lets ' + card.firstName + ' spend their credits.',
    })))
    : null;
  const what = choice('What is it for?', 'offer', [
    ...offers.map((o, i) => ({ value: o.id, label: o.title + ' · ' + credits(o.amountMinutes), checked: i === 0 })),
    { value: '', label: 'Another amount', checked: !offers.length },
  ]);
  const amount = duration('Amount to take', 'amount', '1 credit is 1 hour.', 'amountMinutes');
  // one sale keeps one Idempotency-Key while it is the same sale: pressing again after the
  // connection dropped cannot take the credits twice; a refusal or a change starts afresh
  let attempt = null;
  const f = form({ 'aria-label': 'Take credits from ' + card.firstName, class: 'take no-print' }, [
    h('h2', { tabindex: '-1' }, 'Card of ' + card.firstName),
    whose || h('p', { class: 'lead' }, card.firstName + ' can spend ' + credits(own.availableMinutes) + '.'),
    what, amount,
  ], async el => {
    const account = whose ? accounts.find(a => a.accountId === el.elements.account.value) : own;
    const offer = offers.find(o => o.id === el.elements.offer.value);
    const body = { cardNumber: digits, capture: true };
    if (!account.own) body.fundingAccountId = account.accountId;
    if (offer) body.offerId = offer.id;
    else body.amountMinutes = minutesOf(el, 'amount');
    if (!offer && body.amountMinutes < 1) {
      throw invalid('Enter the amount to take.');
    }
    const same = JSON.stringify(body);
    if (!attempt || attempt.body !== same) attempt = { body: same, key: newKey(), reference: tillReference() };
    let redemption;
    try {
      redemption = await api('POST', '/v1/redemptions', { body: { ...body, tillReference: attempt.reference }, move: true, key: attempt.key });
    } catch (error) {
      if (error.status !== 0) attempt = null;
      throw await saleRefusal(error, digits, account);
    }
    taken({ ...redemption, account });
  }, 'Take the credits');
  const button = f.querySelector('button[type="submit"]');
  const update = () => {
    const offer = offers.find(o => o.id === f.elements.offer.value);
    amount.hidden = !!offer;
    const minutes = offer ? offer.amountMinutes : minutesOf(f, 'amount');
    button.textContent = minutes > 0 ? 'Take ' + credits(minutes) : 'Take the credits';
  };
  f.addEventListener('change', update);
  f.addEventListener('input', update);
  update();
  place.replaceChildren(f);
  f.querySelector('h2').focus();
}

/** The till's own reference for a sale, on the partner's statement: when, and a few random letters. */
function tillReference() {
  const now = new Date();
  const pad = n => String(n).padStart(2, '0');
  return 'web-till-' + now.getFullYear() + pad(now.getMonth() + 1) + pad(now.getDate()) + '-'
    + pad(now.getHours()) + pad(now.getMinutes()) + pad(now.getSeconds()) + '-' + newKey().slice(0, 4);
}

async function saleRefusal(error, digits, account) {
  let detail = null;
  let next = null;
  if (error.code === 'insufficient_credits') {
    const card = await api('GET', '/v1/cards/' + encodeURIComponent(digits)).catch(() => null);
    const now = card && card.accounts.find(a => a.accountId === account.accountId);
    const available = now ? now.availableMinutes : account.availableMinutes;
    detail = 'Not enough credits: ' + (account.own ? '' : 'from ' + account.holderFirstName + '\'s credits, ') + 'only '
      + credits(available) + ' can be spent now.';
    next = 'Choose something that costs less, or ask them to pay another way. Nothing was taken.';
  } else if (error.code === 'quota_exhausted') {
    detail = 'This offer is used up for this week.';
  } else if (error.code === 'offer_not_available') {
    detail = 'This offer is no longer available.';
    next = 'Reload the till to see your offers as they are now.';
  } else if (error.code === 'not_found') {
    return lookUpCard(digits).then(() => error, refusal => refusal);
  }
  if (!detail) return error;
  const plain = new ApiError(error.status, { code: error.code, detail });
  if (next) plain.next = next;
  return plain;
}

function receipt(place, r, lookUp) {
  const taken = r.capturedMinutes ?? r.amountMinutes;
  place.replaceChildren(h('section', { class: 'receipt', 'aria-labelledby': 'receipt-h' },
    h('h2', { id: 'receipt-h' }, 'Receipt'),
    h('p', { class: 'taken' }, credits(taken) + ' taken'),
    h('dl', { class: 'facts' },
      h('dt', {}, 'For'), h('dd', {}, r.offerTitle || 'An amount of credits'),
      h('dt', {}, 'Credits taken'), h('dd', {}, credits(taken)),
      h('dt', {}, 'Card holder'), h('dd', {}, r.memberFirstName),
      r.account.own ? null : [h('dt', {}, 'From the credits of'), h('dd', {}, r.account.holderFirstName)],
      h('dt', {}, 'Time'), h('dd', {}, dateTime(r.capturedAt || r.createdAt)),
      h('dt', {}, 'Reference'), h('dd', { class: 'reference' }, r.tillReference)),
    r.availableAfterMinutes !== undefined ? h('p', {}, 'Credits left to spend: ' + credits(r.availableAfterMinutes) + '.') : null,
    h('div', { class: 'inline no-print' },
      h('button', { type: 'button', class: 'secondary', onclick: () => window.print() }, 'Print the receipt'),
      h('button', { type: 'button', class: 'secondary', onclick: () => { place.replaceChildren(); lookUp.elements.card.focus(); } }, 'Clear the receipt'))));
}

const STATUS = { HELD: 'Set aside, not taken yet', CAPTURED: 'Taken', VOIDED: 'Cancelled', EXPIRED: 'Ran out of time, not taken' };
const statusOf = r => {
  if (r.status !== 'CAPTURED' || !r.refundedMinutes) return STATUS[r.status] || r.status;
  return r.refundedMinutes >= r.capturedMinutes ? 'Given back in full' : 'Taken; ' + credits(r.refundedMinutes) + ' given back';
};
const timeOf = t => new Date(t).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });

async function today(main, params, flash) {
  const midnight = new Date();
  midnight.setHours(0, 0, 0, 0);
  const day = await api('GET', `/v1/partners/${partnerId()}/redemptions`, { query: { from: midnight.toISOString() } });
  const rows = day.items.slice().reverse();
  const panel = h('div', {});
  const list = table('Today\'s sales, newest first',
    ['Time', 'For', 'Card holder', { label: 'Credits', num: true }, 'What happened', 'Reference', 'Give back'], rows,
    r => [timeOf(r.createdAt), r.offerTitle || 'An amount', r.memberFirstName, credits(r.capturedMinutes ?? r.amountMinutes),
      statusOf(r), r.tillReference,
      refundable(r) > 0 ? h('button', { type: 'button', class: 'secondary',
        'aria-label': 'Refund ' + (r.offerTitle || credits(r.capturedMinutes)) + ' for ' + r.memberFirstName + ' at ' + timeOf(r.createdAt),
        onclick: () => refundForm(main, panel, r) }, 'Refund') : '—'],
    'No sales yet today.');
  page(main, 'Today\'s sales', h('div', {}, flash),
    h('p', { class: 'lead' }, 'Since midnight, ' + date(midnight.toISOString()) + '.'),
    stats([
      [String(day.totals.count), day.totals.count === 1 ? 'sale' : 'sales'],
      [credits(day.totals.capturedMinutes), 'taken'],
      [credits(day.totals.refundedMinutes), 'given back'],
      [credits(day.totals.netMinutes), 'taken, less what was given back'],
    ]),
    panel, list,
    h('p', {}, h('a', { href: '#/till' }, 'Back to the till')));
  if (flash) flash.focus();
}

const refundable = r => (r.status === 'CAPTURED' ? r.capturedMinutes - r.refundedMinutes : 0);

/** A refused refund in the till's words: the venue's own credits are what a refund gives back. */
function refundRefusal(error, minutes) {
  if (error.code !== 'insufficient_credits') return error;
  const words = new ApiError(error.status, { code: error.code,
    detail: `Your venue does not hold ${credits(minutes)} to give back: the credits it took have been settled with the scheme.` });
  words.next = 'Ask your scheme administrator to give the credits back to the member.';
  return words;
}

/** How much to give back and why, then "are you sure?", then the refund. */
function refundForm(main, panel, r) {
  const left = refundable(r);
  const amount = duration('How much to give back', 'amount', 'Up to ' + credits(left) + '. 1 credit is 1 hour.', 'amountMinutes');
  const what = (r.offerTitle || 'credits') + ' for ' + r.memberFirstName + ' at ' + timeOf(r.createdAt);
  const f = form({ 'aria-label': 'Refund ' + what }, [
    h('h2', { tabindex: '-1' }, 'Refund ' + what),
    amount,
    field('Why are you giving it back?', { name: 'reason', maxlength: 500 }, 'For example: the session was cancelled.'),
  ], async el => {
    const minutes = minutesOf(el, 'amount');
    const reason = el.elements.reason.value.trim();
    if (minutes < 1 || minutes > left) {
      throw invalid('Give back between 1 minute and ' + credits(left) + '.');
    }
    if (!reason) throw invalid('Say why you are giving the credits back.', 'reason', 'Enter a reason');
    const key = newKey();
    confirm(panel, 'Give back ' + credits(minutes) + ' to ' + r.memberFirstName + '?',
      [h('p', {}, 'The credits go back to the account they were spent from. This cannot be undone.')],
      'Yes, give back ' + credits(minutes), async () => {
        try {
          await api('POST', `/v1/redemptions/${encodeURIComponent(r.id)}/refunds`, { body: { amountMinutes: minutes, reason }, move: true, key });
        } catch (error) {
          throw refundRefusal(error, minutes);
        }
        await today(main, {}, notice('success', 'Given back: ' + credits(minutes) + ' to ' + r.memberFirstName + '.'));
      }, () => { panel.replaceChildren(f); f.querySelector('h2').focus(); });
  }, 'Continue');
  f.elements['amount.hours'].value = Math.floor(left / 60) || '';
  f.elements['amount.minutes'].value = left % 60 || '';
  panel.replaceChildren(f);
  f.querySelector('h2').focus();
}
