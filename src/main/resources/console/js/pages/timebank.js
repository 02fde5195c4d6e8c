// The timebank: members paying each other in hours for help, asking to be paid, answering
// those requests; offers and requests of help, their responses and a coordinator's matches;
// coordinators recording an exchange for two members; administrators setting a member's limit.
// Amounts are hours ("1 hour 30 minutes"), people are names, dates are days: never minutes or ids.
import { api, all, session, scheme, invalid, ApiError, submission } from '../api.js';
import { h, field, select, duration, minutesOf, form, page, table, success, notice, showError,
  credits, hours, date, today, cardNumber, pagedLines } from '../ui.js';
import { choice, confirm, digitsOf } from '../ask.js';

const MEMBER = ['MEMBER'];
const STAFF = ['ADMIN', 'COORDINATOR'];
const READERS = ['ADMIN', 'COORDINATOR', 'AUDITOR'];
const EVERYONE = ['MEMBER', ...READERS];
const id = value => encodeURIComponent(value);
const isStaff = () => STAFF.includes(session.who.role);
const isMember = () => session.who.role === 'MEMBER';
const LIST_PAGE = 20;

export const routes = [
  // members and staff each have an Exchanges page of their own at the same address
  { path: 'exchanges', title: 'Exchanges', nav: 'Exchanges', group: 'Credits', roles: MEMBER, needsScheme: true, render: memberExchanges },
  { path: 'exchanges', title: 'Exchanges', nav: 'Exchanges', group: 'Credits', roles: READERS, needsScheme: true, render: schemeExchanges },
  { path: 'pay-for-help', title: 'Pay for help you had', roles: MEMBER, needsScheme: true, render: payForHelp },
  { path: 'ask-to-be-paid', title: 'Ask to be paid for your help', roles: MEMBER, needsScheme: true, render: askToBePaid },
  { path: 'offers', title: 'Offers and requests', nav: 'Offers and requests', group: 'Day to day', roles: EVERYONE, needsScheme: true, render: offers },
  { path: 'new-offer', title: 'Post an offer or request', roles: MEMBER, needsScheme: true, render: newOffer },
  { path: 'limit', title: 'How far a member may owe', roles: READERS, needsScheme: true, render: limit },
];

// ---- shared words and fields ----

const firstName = name => String(name || '').trim().split(/\s+/)[0];

/** "2 December", with the year when it is not this one. */
function day(d) {
  if (!d) return '';
  const when = new Date(d.length === 10 ? d + 'T12:00:00' : d);
  const words = { day: 'numeric', month: 'long' };
  if (when.getFullYear() !== new Date().getFullYear()) words.year = 'numeric';
  return when.toLocaleDateString('en-GB', words);
}

/** What each named rule means for the person who met it, and what to do about it. */
const RULE_NEXT = {
  not_with_yourself: 'The one who helped and the one who was helped must be two different members.',
  minutes_per_exchange: 'One exchange is at least 1 minute and at most 24 hours.',
  date_in_future: 'Choose today or a day before.',
  backdate_limit: 'Choose a more recent day: help from longer ago than the scheme allows cannot be recorded.',
  daily_limit: 'No one gives more than 24 hours on one day, volunteering and exchanges together. Check the time and the day.',
  vetting_required: 'This kind of help needs a safeguarding check, and the helper is not cleared for it. Ask a coordinator.',
  listing_parties: 'That offer or request is someone else\'s: choose one that belongs to one of the two of you, or none.',
  own_listing: 'This is the member\'s own offer or request: choose someone else.',
  floor_bound: 'Choose a limit within what the scheme allows.',
};

/** A refusal in words: the API's own sentence, with what to do next for the rule it names. */
function inWords(error) {
  const rule = error.problem && error.problem.rule;
  if (error.code === 'rule_violated' && RULE_NEXT[rule]) error.next = RULE_NEXT[rule];
  return error;
}

/** The most a member can pay now: what they can spend, down to their limit. */
const payable = me => me.account.availableMinutes - (me.account.floorMinutes || 0);

/** A member's refused payment: not enough credits says how much they can pay. */
async function paymentRefusal(error) {
  if (error.code !== 'insufficient_credits') return inWords(error);
  const me = await api('GET', '/v1/me').catch(() => null);
  const plain = new ApiError(error.status, {
    code: error.code,
    detail: me ? `Not enough credits: you can pay up to ${hours(Math.max(payable(me), 0))} now.` : error.message,
  });
  plain.next = 'Choose a shorter time, or earn or receive more credits first.';
  return plain;
}

const categoriesOf = () => api('GET', `/v1/schemes/${scheme()}/categories`).then(p => p.items);

function categoryField(categories, selected) {
  return field('Kind of help', select('categoryCode', categories.map(c =>
    ({ value: c.code, label: c.name + (c.requiresVetting ? ' (needs a safeguarding check)' : ''), selected: c.code === selected }))));
}

function dateField(label) {
  return field(label, { name: 'date', type: 'date', value: today(), max: today() }, 'Today or a day before.');
}

function descriptionField(label, hint) {
  return field(label, { name: 'description', maxlength: 500, autocomplete: 'off' }, hint);
}

/** The hours and minutes of a duration() fieldset, refused in words when empty or over a day. */
function timeOf(el) {
  const minutes = minutesOf(el, 'time');
  if (!Number.isInteger(minutes) || minutes < 1) throw invalid('Enter how long: hours, minutes or both.', 'time.hours', 'Enter the time');
  if (minutes > 1440) throw invalid('One exchange is at most 24 hours.', 'time.hours', 'At most 24 hours');
  return minutes;
}

function describedOf(el) {
  const text = el.elements.description.value.trim();
  if (!text) throw invalid('Say in a few words what was done.', 'description', 'Enter what was done');
  return text;
}

function cardNumberFrom(input) {
  const digits = digitsOf(input.value);
  if (!/^\d{16}$/.test(digits)) throw invalid('A card number has 16 digits. Check the number on their card.', input.name, '16 digits');
  return digits;
}

const categoryName = (categories, code) => (categories.find(c => c.code === code) || { name: 'help' }).name;

/** A list, newest first, a page at a time: "Show more" asks for the next. */
function pagedList(labelledBy, first, next, line, empty) {
  if (!first.items.length) return h('p', { class: 'muted' }, empty);
  return pagedLines({ labelledBy, first, next, line });
}

// A message to show on the page a form sends the person to ("Your offer is posted").
let waiting = null;
function goWith(hash, message) {
  waiting = message;
  window.location.hash = hash;
}
function taken() {
  const message = waiting;
  waiting = null;
  return message;
}

// ---- a member's exchanges: requests to answer, their own requests, their history ----

async function memberExchanges(main, params, flash) {
  const [me, incoming, outgoing, history] = await Promise.all([
    api('GET', '/v1/me'),
    all('/v1/me/payment-requests', { direction: 'incoming', status: 'PENDING' }),
    api('GET', '/v1/me/payment-requests', { query: { direction: 'outgoing', limit: LIST_PAGE } }),
    api('GET', '/v1/me/exchanges', { query: { limit: LIST_PAGE } }),
  ]);
  const myId = me.member.id;
  const messages = h('div', {}, flash || taken());
  const again = message => memberExchanges(main, params, message);
  const floor = me.account.floorMinutes || 0;
  page(main, 'Exchanges', messages,
    h('p', { class: 'lead' }, 'When someone helps you, pay them in hours from your credits. When you help someone, ask them to pay you.'),
    h('p', {}, 'You have ' + credits(me.account.balanceMinutes) + '. You can pay up to ' + hours(Math.max(payable(me), 0)) + ' now'
      + (floor < 0 ? `, as you may owe up to ${hours(-floor)}.` : '.')),
    h('p', { class: 'actions' },
      h('a', { class: 'button', href: '#/pay-for-help' }, 'Pay for help you had'),
      h('a', { class: 'button secondary', href: '#/ask-to-be-paid' }, 'Ask to be paid for your help')),
    h('h2', { id: 'incoming-h' }, incoming.length ? `Waiting for your answer (${incoming.length})` : 'Waiting for your answer'),
    incoming.length
      ? h('ul', { class: 'lines', 'aria-labelledby': 'incoming-h' }, incoming.map(r => incomingLine(r, messages, again)))
      : h('p', { class: 'muted' }, 'Nothing to answer. When someone you had help from asks you to pay, it shows here.'),
    h('h2', { id: 'outgoing-h' }, 'You asked to be paid'),
    pagedList('outgoing-h', outgoing,
      cursor => api('GET', '/v1/me/payment-requests', { query: { direction: 'outgoing', limit: LIST_PAGE, cursor } }),
      r => outgoingLine(r, messages, again), 'You have not asked anyone to pay you yet.'),
    h('h2', { id: 'history-h' }, 'Your exchanges'),
    pagedList('history-h', history, cursor => api('GET', '/v1/me/exchanges', { query: { limit: LIST_PAGE, cursor } }),
      x => exchangeLine(x, myId), 'No exchanges yet. Help you pay for, and help you are paid for, show here.'));
  if (flash) flash.focus();
}

/** A request to pay: "Pay" asks "Pay Bea Smith 1 hour for Shopping on 2 December?" first. */
function incomingLine(r, messages, again) {
  const place = h('div', { class: 'place' });
  const what = `${hours(r.minutes)} for ${r.categoryName} on ${day(r.date)}`;
  const send = submission();
  const pay = h('button', { type: 'button', 'aria-label': `Pay ${r.helperName} ${what}` }, 'Pay');
  const decline = h('button', { type: 'button', class: 'secondary', 'aria-label': `Decline to pay ${r.helperName} ${what}` }, 'Decline');
  const buttons = h('div', { class: 'actions' }, pay, decline);
  const back = () => { place.replaceChildren(); buttons.hidden = false; pay.focus(); };
  pay.addEventListener('click', () => {
    buttons.hidden = true;
    confirm(place, `Pay ${r.helperName} ${what}?`, [
      r.description ? h('p', {}, 'For: ' + r.description) : null,
      h('p', {}, `${hours(r.minutes)} leave your account at once and go to ${firstName(r.helperName)}. Only they can give them back.`),
    ], `Yes, pay ${firstName(r.helperName)} ${hours(r.minutes)}`, async () => {
      let paid;
      try {
        paid = await send('POST', `/v1/payment-requests/${id(r.id)}/confirmation`);
      } catch (error) {
        throw await paymentRefusal(error);
      }
      const me = await api('GET', '/v1/me');
      await again(notice('success', `You paid ${paid.helperName} ${hours(paid.minutes)} for ${paid.categoryName}. Thank you.`,
        `You have ${credits(me.account.balanceMinutes)} now.`));
    }, back, 'No, not now');
  });
  decline.addEventListener('click', () => {
    buttons.hidden = true;
    const f = form({ 'aria-label': `Decline to pay ${r.helperName}` }, [
      field('Why are you declining?', { name: 'reason', maxlength: 500, autocomplete: 'off' },
        `${firstName(r.helperName)} sees this, such as "It was 30 minutes, not an hour".`),
    ], async el => {
      const reason = el.elements.reason.value.trim();
      if (!reason) throw invalid('Say why you are declining, so they know.', 'reason', 'Enter a reason');
      await api('POST', `/v1/payment-requests/${id(r.id)}/decline`, { body: { reason } }).catch(error => { throw inWords(error); });
      await again(notice('success', `You declined to pay ${r.helperName} ${what}.`, `${firstName(r.helperName)} sees your reason.`));
    }, 'Decline the request');
    const cancel = h('button', { type: 'button', class: 'secondary', onclick: back }, 'Go back');
    place.replaceChildren(f, cancel);
    f.elements.reason.focus();
  });
  return h('li', { tabindex: '-1' },
    h('span', { class: 'when' }, day(r.date)),
    h('span', { class: 'what' }, `${r.helperName} asks you to pay ${hours(r.minutes)} for ${r.categoryName}`
      + (r.description ? ': ' + r.description : '')),
    buttons,
    h('span', { class: 'muted' }, 'Answer by ' + date(r.expiresAt) + '.'),
    place);
}

const REQUEST_STATUS = {
  PENDING: r => 'Waiting for their answer, until ' + date(r.expiresAt),
  CONFIRMED: () => 'Paid',
  DECLINED: r => 'Declined' + (r.declineReason ? ': ' + r.declineReason : ''),
  CANCELLED: () => 'You cancelled it',
  EXPIRED: () => 'Not answered in time',
};

function outgoingLine(r, messages, again) {
  const words = (REQUEST_STATUS[r.status] || (() => r.status))(r);
  const cancel = r.status === 'PENDING' ? h('button', { type: 'button', class: 'secondary',
    'aria-label': `Cancel your request to ${r.payerName} for ${hours(r.minutes)} on ${day(r.date)}`, onclick: async e => {
      e.target.disabled = true;
      try {
        await api('POST', `/v1/payment-requests/${id(r.id)}/cancellation`);
        await again(notice('success', `You cancelled your request to ${r.payerName}.`));
      } catch (error) {
        e.target.disabled = false;
        showError(messages, inWords(error));
      }
    } }, 'Cancel') : null;
  return h('li', { tabindex: '-1' },
    h('span', { class: 'when' }, day(r.date)),
    h('span', { class: 'what' }, `You asked ${r.payerName} to pay ${hours(r.minutes)} for ${r.categoryName}`
      + (r.description ? ': ' + r.description : '')),
    cancel,
    h('span', { class: 'muted status ' + r.status.toLowerCase() }, words + '.'));
}

function exchangeLine(x, myId) {
  const paid = x.payerMemberId === myId;
  return h('li', { tabindex: '-1' },
    h('span', { class: 'when' }, day(x.date)),
    h('span', { class: 'what' }, (paid ? `${x.helperName} helped you` : `You helped ${x.payerName}`) + ': ' + x.categoryName
      + (x.description ? ', ' + x.description : '')),
    h('span', { class: 'amount ' + (paid ? 'out' : 'in') }, hours(x.minutes) + (paid ? ' paid' : ' earned')),
    x.reversed ? h('span', { class: 'muted' }, 'Undone by a coordinator: the hours went back.') : null);
}

// ---- a member pays for help they had ----

async function payForHelp(main, params) {
  const [me, categories, others] = await Promise.all([
    api('GET', '/v1/me'), categoriesOf(),
    // the offers only help to pick whom to pay: without them, paying by card number still works
    all(`/v1/schemes/${scheme()}/listings`, { kind: 'OFFER' }).then(list => list.filter(l => !l.mine), () => []),
  ]);
  const result = h('div', {});
  const step = h('div', {});
  const send = submission();
  // paying someone who answered one of your requests: they are named, not asked for by card
  const named = params.memberId ? { memberId: params.memberId, name: params.name, listingId: params.listingId, title: params.title } : null;
  const offerOf = listingId => others.find(o => o.id === listingId);
  // with no offers to choose from, the card number is the only way: no question to ask
  const who = named || !others.length ? null : choice('Who helped you?', 'who', [
    { value: 'card', label: 'A member, by the number on their card', checked: !params.listingId },
    { value: 'offer', label: 'Someone whose offer you took up', hint: 'One of the offers of help.', checked: !!params.listingId },
  ]);
  const cardField = field('Their card number', { name: 'toCardNumber', inputmode: 'numeric', autocomplete: 'off', spellcheck: 'false' },
    '16 digits, as on their card. Spaces do not matter.');
  const offerField = others.length ? field('Which offer?', select('listingId', others.map(o =>
    ({ value: o.id, label: `${o.title} (${o.ownerName})`, selected: o.id === params.listingId })))) : null;
  const f = form({ 'aria-label': 'Pay for help you had' }, [
    named ? h('p', { class: 'lead' }, `Pay ${named.name} for helping with your request${named.title ? ' "' + named.title + '"' : ''}.`) : who,
    named ? null : cardField, named ? null : offerField,
    categoryField(categories, params.listingId && offerOf(params.listingId) ? offerOf(params.listingId).categoryCode : undefined),
    dateField('The day they helped'),
    duration('How long did they help?', 'time', 'Hours and minutes. You pay 1 hour for each hour of help.', 'minutes'),
    descriptionField('What they did', 'Such as "Shopping at the market". They see it too.'),
  ], async (el, messages) => {
    const body = { categoryCode: el.elements.categoryCode.value, date: el.elements.date.value, minutes: timeOf(el), description: describedOf(el) };
    let whom;
    let question;
    if (named) {
      body.toMemberId = named.memberId;
      if (named.listingId) body.listingId = named.listingId;
      whom = named.name;
    } else if (who && el.elements.who.value === 'offer') {
      body.listingId = el.elements.listingId.value;
      whom = offerOf(body.listingId).ownerName;
    } else {
      body.toCardNumber = cardNumberFrom(el.elements.toCardNumber);
      whom = 'the member with card ' + cardNumber(body.toCardNumber);
    }
    messages.replaceChildren();
    result.replaceChildren();
    el.querySelectorAll('[aria-invalid]').forEach(input => input.removeAttribute('aria-invalid'));
    const back = () => { step.replaceChildren(f); f.elements.description.focus(); };
    const what = `${categoryName(categories, body.categoryCode)} on ${day(body.date)}`;
    // a name reads first; a card number after the hours, so the two numbers do not run together
    question = body.toCardNumber ? `Pay ${hours(body.minutes)} to ${whom}, for ${what}?` : `Pay ${whom} ${hours(body.minutes)} for ${what}?`;
    confirm(step, question,
      [h('p', {}, `${hours(body.minutes)} leave your account at once. Only they can give them back.`)],
      'Yes, pay ' + hours(body.minutes), async () => {
        let paid;
        try {
          paid = await send('POST', '/v1/me/exchanges', { body });
        } catch (error) {
          throw await paymentRefusal(error);
        }
        const now = await api('GET', '/v1/me');
        room.textContent = roomWords(now);
        el.reset();
        el.elements.date.value = today();
        showWhich();
        step.replaceChildren(f);
        success(result, `You paid ${paid.helperName} ${hours(paid.minutes)} for ${paid.categoryName}. Thank you.`,
          h('p', {}, `You have ${credits(now.account.balanceMinutes)} now. `, h('a', { href: '#/exchanges' }, 'See your exchanges')));
      }, back);
  }, 'Continue', result);
  const showWhich = () => {
    if (named) return;
    const byOffer = !!who && f.elements.who.value === 'offer';
    cardField.hidden = byOffer;
    if (offerField) offerField.hidden = !byOffer;
  };
  if (who) who.addEventListener('change', showWhich);
  if (offerField) offerField.querySelector('select').addEventListener('change', e => {
    const offer = offerOf(e.target.value);
    if (offer) f.elements.categoryCode.value = offer.categoryCode;
  });
  showWhich();
  step.append(f);
  const roomWords = account => `You can pay up to ${hours(Math.max(payable(account), 0))} now.`;
  const room = h('p', {}, roomWords(me));
  page(main, 'Pay for help you had',
    h('p', { class: 'lead' }, 'Someone helped you: pay them in hours from your credits.'),
    room,
    result, step,
    h('p', {}, h('a', { href: '#/exchanges' }, 'Back to your exchanges')));
}

// ---- a member asks to be paid for help they gave ----

async function askToBePaid(main, params) {
  const [categories, mine, requests] = await Promise.all([
    categoriesOf(),
    all('/v1/me/listings').then(list => list.filter(l => l.kind === 'OFFER' && l.status === 'OPEN'), () => []),
    all(`/v1/schemes/${scheme()}/listings`, { kind: 'REQUEST' }).then(list => list.filter(l => !l.mine), () => []),
  ]);
  const result = h('div', {});
  const named = params.memberId ? { memberId: params.memberId, name: params.name, listingId: params.listingId, title: params.title } : null;
  const listings = [...mine.map(l => ({ value: l.id, label: 'Your offer: ' + l.title, categoryCode: l.categoryCode })),
    ...requests.map(l => ({ value: l.id, label: `${l.ownerName}'s request: ${l.title}`, categoryCode: l.categoryCode }))];
  const listingField = !named && listings.length ? field('Was it for an offer or request? (optional)',
    select('listingId', [{ value: '', label: 'No' }, ...listings])) : null;
  const f = form({ 'aria-label': 'Ask to be paid' }, [
    named ? h('p', { class: 'lead' }, `Ask ${named.name} to pay you for your offer${named.title ? ' "' + named.title + '"' : ''}.`)
      : field('Their card number', { name: 'fromCardNumber', inputmode: 'numeric', autocomplete: 'off', spellcheck: 'false' },
        'The person you helped: 16 digits, as on their card.'),
    listingField,
    categoryField(categories),
    dateField('The day you helped'),
    duration('How long did you help?', 'time', 'Hours and minutes.', 'minutes'),
    descriptionField('What you did', 'They see it when they answer, such as "Shopping at the market".'),
  ], async el => {
    const body = { categoryCode: el.elements.categoryCode.value, date: el.elements.date.value, minutes: timeOf(el), description: describedOf(el) };
    if (named) {
      body.fromMemberId = named.memberId;
      if (named.listingId) body.listingId = named.listingId;
    } else {
      body.fromCardNumber = cardNumberFrom(el.elements.fromCardNumber);
      if (el.elements.listingId && el.elements.listingId.value) body.listingId = el.elements.listingId.value;
    }
    const asked = await api('POST', '/v1/me/payment-requests', { body }).catch(error => { throw inWords(error); });
    el.reset();
    el.elements.date.value = today();
    success(result, `You asked ${asked.payerName} to pay you ${hours(asked.minutes)} for ${asked.categoryName}.`,
      h('p', {}, `They see it when they sign in, and can answer until ${date(asked.expiresAt)}. `,
        h('a', { href: '#/exchanges' }, 'See your requests')));
  }, 'Ask to be paid', result);
  if (listingField) listingField.querySelector('select').addEventListener('change', e => {
    const chosen = listings.find(l => l.value === e.target.value);
    if (chosen) f.elements.categoryCode.value = chosen.categoryCode;
  });
  page(main, 'Ask to be paid for your help',
    h('p', { class: 'lead' }, 'You helped someone: ask them to pay you in hours. Nothing moves until they say yes.'),
    result, f,
    h('p', {}, h('a', { href: '#/exchanges' }, 'Back to your exchanges')));
}

// ---- offers and requests ----

const KIND_WORDS = { OFFER: 'Offer of help', REQUEST: 'Request for help' };
const LISTING_STATUS = { OPEN: 'Open', CLOSED: 'Closed', EXPIRED: 'Expired' };

async function offers(main, params, flash) {
  const filters = { kind: params.kind, categoryCode: params.categoryCode, ward: params.ward, q: params.q };
  const [categories, found, mine, people] = await Promise.all([
    categoriesOf(),
    api('GET', `/v1/schemes/${scheme()}/listings`, { query: { ...filters, limit: 50 } }),
    isMember() ? all('/v1/me/listings') : Promise.resolve(null),
    isStaff() ? all(`/v1/schemes/${scheme()}/members`) : Promise.resolve(null),
  ]);
  if (people) people.sort((a, b) => a.displayName.localeCompare(b.displayName));
  const messages = h('div', {}, flash || taken());
  const again = message => offers(main, params, message);
  const filtered = Object.values(filters).some(Boolean);
  const yours = mine ? await yourListings(mine, messages, again) : null;
  page(main, 'Offers and requests', messages,
    h('p', { class: 'lead' }, isMember()
      ? 'Members offer help they can give and ask for help they need. Answer one, or post your own.'
      : 'What members offer and ask for. See who answered each, and match a helper with the member who needs them.'),
    isMember() ? h('p', { class: 'actions' }, h('a', { class: 'button', href: '#/new-offer' }, 'Post an offer or request')) : null,
    yours,
    h('h2', { id: 'open-h' }, 'Open offers and requests'),
    filterForm(filters, categories),
    h('p', { role: 'status' }, found.items.length
      ? (found.items.length === 1 ? '1 found' : found.items.length + ' found') + (filtered ? ' for your search.' : ', newest first.')
      : ''),
    found.items.length
      ? h('ul', { class: 'listings', 'aria-labelledby': 'open-h' }, found.items.map(l => listingItem(l, messages, again, people)))
      : h('p', { class: 'muted' }, filtered ? 'Nothing matches your search. Try fewer words, or any kind of help.' : 'There are no open offers or requests yet.'),
    found.nextCursor ? h('p', {}, 'There are more: search for a kind of help or a word to find them.') : null);
  if (flash) flash.focus();
}

function filterForm(filters, categories) {
  return form({ 'aria-label': 'Search offers and requests', class: 'period' }, [
    h('div', { class: 'inline' },
      field('Offers or requests', select('kind', [{ value: '', label: 'Both' },
        { value: 'OFFER', label: 'Offers of help', selected: filters.kind === 'OFFER' },
        { value: 'REQUEST', label: 'Requests for help', selected: filters.kind === 'REQUEST' }])),
      field('Kind of help', select('categoryCode', [{ value: '', label: 'Any kind' },
        ...categories.map(c => ({ value: c.code, label: c.name, selected: c.code === filters.categoryCode }))])),
      field('Ward or area', { name: 'ward', value: filters.ward || '', maxlength: 100 }),
      field('Words to look for', { name: 'q', type: 'search', value: filters.q || '', maxlength: 100 })),
  ], async el => {
    const query = {};
    ['kind', 'categoryCode', 'ward', 'q'].forEach(k => {
      const v = el.elements[k].value.trim();
      if (v) query[k] = v;
    });
    window.location.hash = '#/offers' + (Object.keys(query).length ? '?' + new URLSearchParams(query) : '');
  }, 'Search');
}

/** One open listing: what, whose, until when; a member answers it, staff see its responses and match. */
function listingItem(l, messages, again, people) {
  const place = h('div', { class: 'place' });
  const headingId = 'listing-' + l.id;
  const buttons = h('div', { class: 'actions' });
  if (isMember() && !l.mine) {
    const words = l.kind === 'REQUEST' ? 'I can help' : 'I would like this';
    buttons.append(h('button', { type: 'button', 'aria-label': `${words}: ${l.title}`, onclick: e => respond(l, place, e.target) }, words));
  }
  if (isStaff()) {
    buttons.append(
      h('button', { type: 'button', 'aria-label': `Responses to ${l.title}`, onclick: e => responses(l, place, people, e.target) },
        'Responses' + (l.responseCount !== undefined ? ` (${l.responseCount})` : '')),
      closeButton(l, messages, again));
  }
  return h('li', { class: 'listing' },
    h('h3', { id: headingId }, l.title),
    h('p', { class: 'meta' }, h('span', { class: 'kind ' + l.kind.toLowerCase() }, KIND_WORDS[l.kind]), ' · ', l.categoryName,
      ' · ', l.mine ? 'yours' : l.ownerName, l.ward ? ' · ' + l.ward : ''),
    h('p', {}, l.description),
    h('p', { class: 'muted' }, 'Open until ' + date(l.expiresOn) + (l.requiresVetting ? '. Helpers need a safeguarding check.' : '.')),
    buttons.childNodes.length ? buttons : null,
    place);
}

function respond(l, place, button) {
  const owner = firstName(l.ownerName);
  const f = form({ 'aria-label': 'Answer ' + l.title }, [
    field(`Your message to ${owner}`, h('textarea', { name: 'message', maxlength: 1000, rows: 4 }),
      `${owner} and the scheme's coordinators see it. Say when you are free and how to reach you.`),
  ], async el => {
    const message = el.elements.message.value.trim();
    if (!message) throw invalid('Write a few words to ' + owner + '.', 'message', 'Enter a message');
    await api('POST', `/v1/listings/${id(l.id)}/responses`, { body: { message } }).catch(error => { throw inWords(error); });
    button.hidden = true;
    success(place, `Your message is sent to ${owner}.`, `${owner} or a coordinator will be in touch.`);
  }, 'Send my message');
  place.replaceChildren(f, h('button', { type: 'button', class: 'secondary', onclick: () => { place.replaceChildren(); button.focus(); } }, 'Go back'));
  f.elements.message.focus();
}

function closeButton(l, messages, again) {
  return h('button', { type: 'button', class: 'secondary', 'aria-label': 'Close ' + l.title, onclick: async e => {
    e.target.disabled = true;
    try {
      await api('POST', `/v1/listings/${id(l.id)}/closure`);
      await again(notice('success', `Closed: ${l.title}.`, 'It no longer shows to members.'));
    } catch (error) {
      e.target.disabled = false;
      showError(messages, inWords(error));
    }
  } }, 'Close it');
}

/** For staff: who answered a listing, each with "Match"; or match someone who did not answer. */
async function responses(l, place, people, button) {
  button.disabled = true;
  try {
    const answers = await all(`/v1/listings/${id(l.id)}/responses`);
    const result = h('div', {});
    const helperWord = l.kind === 'REQUEST' ? 'to help' : 'to have this';
    const match = async (memberId, name) => {
      const made = await api('POST', `/v1/listings/${id(l.id)}/matches`, { body: { memberId } }).catch(error => { throw inWords(error); });
      success(result, `Matched ${made.memberName || name} with ${l.ownerName}: "${l.title}".`, 'Let them both know.');
    };
    const matchButton = r => h('button', { type: 'button', 'aria-label': `Match ${r.memberName} ${helperWord}`, onclick: async e => {
      e.target.disabled = true;
      try { await match(r.memberId, r.memberName); } catch (error) { showError(result, error); } finally { e.target.disabled = false; }
    } }, 'Match');
    const others = (people || []).filter(p => p.id !== l.memberId);
    const someoneElse = form({ 'aria-label': 'Match another member with ' + l.title }, [
      field('Or match another member', select('memberId', [{ value: '', label: 'Choose a member' },
        ...others.map(p => ({ value: p.id, label: p.displayName + (p.ward ? ' · ' + p.ward : '') }))])),
    ], async el => {
      const memberId = el.elements.memberId.value;
      if (!memberId) throw invalid('Choose the member to match.', 'memberId', 'Choose a member');
      await match(memberId, others.find(p => p.id === memberId).displayName);
    }, 'Match this member');
    place.replaceChildren(h('h4', {}, `Who answered "${l.title}"`), result,
      answers.length ? h('ul', { class: 'responses' }, answers.map(r => h('li', {},
        h('p', {}, h('strong', {}, r.memberName), ' · ', date(r.createdAt)),
        h('p', {}, r.message),
        r.memberId ? matchButton(r) : null)))
        : h('p', { class: 'muted' }, 'No one has answered yet.'),
      someoneElse);
  } catch (error) {
    showError(place, inWords(error));
  } finally {
    button.disabled = false;
  }
}

/** A member's own offers and requests, each with who answered and what to do next. */
async function yourListings(mine, messages, again) {
  const open = mine.filter(l => l.status === 'OPEN').slice(0, 20);
  const answers = new Map(await Promise.all(open.map(async l =>
    [l.id, await all(`/v1/listings/${id(l.id)}/responses`).catch(() => [])])));
  return h('section', { 'aria-labelledby': 'yours-h' },
    h('h2', { id: 'yours-h' }, 'Your offers and requests'),
    mine.length ? h('ul', { class: 'listings', 'aria-labelledby': 'yours-h' }, mine.map(l => {
      const got = answers.get(l.id) || [];
      return h('li', { class: 'listing' },
        h('h3', {}, l.title),
        h('p', { class: 'meta' }, h('span', { class: 'kind ' + l.kind.toLowerCase() }, KIND_WORDS[l.kind]), ' · ', l.categoryName,
          ' · ', LISTING_STATUS[l.status] || l.status, l.status === 'OPEN' ? ' until ' + date(l.expiresOn) : ''),
        l.status === 'OPEN' ? h('p', {}, got.length ? (got.length === 1 ? '1 answer:' : got.length + ' answers:') : 'No answers yet.') : null,
        got.length ? h('ul', { class: 'responses' }, got.map(r => h('li', {},
          h('p', {}, h('strong', {}, r.memberName), ' · ', date(r.createdAt)),
          h('p', {}, r.message),
          r.memberId ? h('p', {}, settleLink(l, r)) : null))) : null,
        l.status === 'OPEN' ? h('div', { class: 'actions' }, closeButton(l, messages, again)) : null);
    })) : h('p', { class: 'muted' }, 'You have not posted any yet.'));
}

/** After the help: the one who had it pays, the one who gave it asks to be paid. */
function settleLink(l, r) {
  const who = { memberId: r.memberId, name: r.memberName, listingId: l.id, title: l.title };
  return l.kind === 'REQUEST'
    ? h('a', { href: '#/pay-for-help?' + new URLSearchParams(who) }, `Pay ${r.memberName} for helping`)
    : h('a', { href: '#/ask-to-be-paid?' + new URLSearchParams(who) }, `Ask ${r.memberName} to pay you`);
}

async function newOffer(main) {
  const [me, categories] = await Promise.all([api('GET', '/v1/me'), categoriesOf()]);
  const f = form({ 'aria-label': 'Post an offer or request' }, [
    choice('What would you like to post?', 'kind', [
      { value: 'OFFER', label: 'An offer: help I can give', checked: true },
      { value: 'REQUEST', label: 'A request: help I would like' },
    ]),
    categoryField(categories),
    field('A short title', { name: 'title', maxlength: 120, autocomplete: 'off' }, 'Such as "Lifts to the doctor" or "Help with the garden".'),
    field('More about it', h('textarea', { name: 'description', maxlength: 2000, rows: 5 }),
      'What, when and where. Leave out your phone number and address: people answer here.'),
    field('Ward or area (optional)', { name: 'ward', maxlength: 100, value: me.member.ward || '' }),
    field('Open until (optional)', { name: 'expiresOn', type: 'date', min: today() }, 'Leave empty for 90 days from today.'),
  ], async el => {
    const body = {
      kind: el.elements.kind.value, categoryCode: el.elements.categoryCode.value,
      title: el.elements.title.value.trim(), description: el.elements.description.value.trim(),
      ward: el.elements.ward.value.trim() || undefined, expiresOn: el.elements.expiresOn.value || undefined,
    };
    if (!body.title) throw invalid('Give it a short title.', 'title', 'Enter a title');
    if (!body.description) throw invalid('Say a little more about it.', 'description', 'Enter a few words');
    const posted = await api('POST', `/v1/schemes/${scheme()}/listings`, { body }).catch(error => { throw inWords(error); });
    goWith('#/offers', notice('success', `Your ${posted.kind === 'OFFER' ? 'offer' : 'request'} "${posted.title}" is posted.`,
      'Members of your scheme can see it until ' + date(posted.expiresOn) + '. Their answers show below it.'));
  }, 'Post it');
  page(main, 'Post an offer or request',
    h('p', { class: 'lead' }, 'Offer help you can give, or ask for help you would like. Other members answer, and a coordinator can put you in touch.'),
    f, h('p', {}, h('a', { href: '#/offers' }, 'Back to offers and requests')));
}

// ---- staff: record an exchange for two members; the scheme's exchanges ----

async function schemeExchanges(main, params) {
  const filters = { memberId: params.memberId, categoryCode: params.categoryCode, from: params.from, to: params.to };
  const [people, categories, first] = await Promise.all([
    all(`/v1/schemes/${scheme()}/members`), categoriesOf(),
    api('GET', `/v1/schemes/${scheme()}/exchanges`, { query: { ...filters, limit: 50 } }),
  ]);
  people.sort((a, b) => a.displayName.localeCompare(b.displayName));
  const options = [{ value: '', label: 'Choose a member' }, ...people.map(p => ({ value: p.id, label: p.displayName + (p.ward ? ' · ' + p.ward : '') }))];
  const nameOf = memberId => people.find(p => p.id === memberId).displayName;
  const list = h('div', {}, exchangeTable(first.items));
  const rows = [...first.items];
  const result = h('div', {});
  const step = h('div', {});
  const send = submission();
  const f = isStaff() ? form({ 'aria-label': 'Record an exchange' }, [
    field('Who had the help (and pays)', select('fromMemberId', options)),
    field('Who helped (and is paid)', select('toMemberId', options)),
    categoryField(categories),
    dateField('The day of the help'),
    duration('How long?', 'time', 'Hours and minutes, up to 24 hours.', 'minutes'),
    descriptionField('What was done', 'Both members see it in their exchanges.'),
  ], async (el, messages) => {
    const body = {
      fromMemberId: el.elements.fromMemberId.value, toMemberId: el.elements.toMemberId.value,
      categoryCode: el.elements.categoryCode.value, date: el.elements.date.value, minutes: timeOf(el), description: describedOf(el),
    };
    if (!body.fromMemberId) throw invalid('Choose the member who had the help.', 'fromMemberId', 'Choose a member');
    if (!body.toMemberId) throw invalid('Choose the member who helped.', 'toMemberId', 'Choose a member');
    messages.replaceChildren();
    el.querySelectorAll('[aria-invalid]').forEach(input => input.removeAttribute('aria-invalid'));
    const back = () => { step.replaceChildren(f); f.elements.fromMemberId.focus(); };
    confirm(step, `Record that ${nameOf(body.fromMemberId)} pays ${nameOf(body.toMemberId)} ${hours(body.minutes)} for ${categoryName(categories, body.categoryCode)} on ${day(body.date)}?`,
      [h('p', {}, `${hours(body.minutes)} move from ${nameOf(body.fromMemberId)}'s account to ${nameOf(body.toMemberId)}'s at once.`)],
      'Yes, record it', async () => {
        const done = await send('POST', `/v1/schemes/${scheme()}/exchanges`, { body }).catch(error => { throw inWords(error); });
        rows.unshift(done);
        list.replaceChildren(exchangeTable(rows));
        el.reset();
        el.elements.date.value = today();
        step.replaceChildren(f);
        success(result, `Recorded: ${done.payerName} paid ${done.helperName} ${hours(done.minutes)} for ${done.categoryName}.`);
      }, back);
  }, 'Continue', result) : null;
  if (f) step.append(f);
  page(main, 'Exchanges',
    isStaff() ? h('section', { 'aria-labelledby': 'record-h' }, h('h2', { id: 'record-h' }, 'Record an exchange'),
      h('p', {}, 'For members who are not online: one helped the other, who pays in hours.'), result, step) : null,
    h('h2', { id: 'list-h' }, 'The scheme\'s exchanges'),
    exchangeFilter(filters, options, categories),
    list,
    first.nextCursor ? h('p', {}, 'Only the newest 50 are shown: choose a member, a kind of help or days to see others.') : null);
}

function exchangeTable(items) {
  return table('Exchanges, newest first', ['Day', 'Had the help (paid)', 'Helped (was paid)', { label: 'Time', num: true }, 'Kind of help', 'What was done'], items,
    x => [day(x.date), x.payerName, x.helperName, hours(x.minutes), x.categoryName, (x.description || '—') + (x.reversed ? ' (undone)' : '')],
    'No exchanges for these choices.');
}

function exchangeFilter(filters, options, categories) {
  return form({ 'aria-label': 'Choose exchanges', class: 'period' }, [
    h('div', { class: 'inline' },
      field('Member', select('memberId', [{ value: '', label: 'Everyone' }, ...options.slice(1).map(o => ({ ...o, selected: o.value === filters.memberId }))])),
      field('Kind of help', select('categoryCode', [{ value: '', label: 'Any kind' },
        ...categories.map(c => ({ value: c.code, label: c.name, selected: c.code === filters.categoryCode }))])),
      field('From', { name: 'from', type: 'date', value: filters.from || '', max: today() }),
      field('To', { name: 'to', type: 'date', value: filters.to || '', max: today() })),
  ], async el => {
    const query = {};
    ['memberId', 'categoryCode', 'from', 'to'].forEach(k => { if (el.elements[k].value) query[k] = el.elements[k].value; });
    if (query.from && query.to && query.from > query.to) throw invalid('The first day must come before the last.', 'to', 'After the first day');
    window.location.hash = '#/exchanges' + (Object.keys(query).length ? '?' + new URLSearchParams(query) : '');
  }, 'Show');
}

// ---- a member's limit: how far they may owe ----

const owes = floor => floor < 0 ? 'may owe up to ' + hours(-floor) : 'may not owe: spends only the credits they have';

async function limit(main, params, flash) {
  const person = await api('GET', `/v1/members/${id(params.id)}`);
  const limits = await api('GET', `/v1/members/${id(person.id)}/limits`);
  const admin = session.who.role === 'ADMIN';
  const first = firstName(person.displayName);
  const f = admin ? form({ 'aria-label': 'Change the limit' }, [
    duration(`How far may ${first} go into debt?`, 'floor',
      `At most ${hours(-limits.lowestFloorMinutes)}, the scheme's bound. Enter 0 if they may spend only the credits they have.`),
    field('Why', { name: 'reason', maxlength: 500, autocomplete: 'off' }, 'Kept in the history below, such as "Trusted member for two years".'),
  ], async el => {
    const reason = el.elements.reason.value.trim();
    const minutes = minutesOf(el, 'floor');
    if (!Number.isInteger(minutes) || minutes < 0) throw invalid('Enter hours and minutes, or 0.', 'floor.hours', 'Enter the hours');
    if (!reason) throw invalid('Say why the limit changes.', 'reason', 'Enter a reason');
    await api('PUT', `/v1/members/${id(person.id)}/limits`, { body: { floorMinutes: -minutes, reason } }).catch(error => {
      if (error.problem.rule !== 'floor_bound') throw inWords(error);
      // the API's sentence gives the bound in minutes too: an administrator reads hours
      const plain = new ApiError(error.status, { ...error.problem,
        detail: `In this scheme a member may owe at most ${hours(-limits.lowestFloorMinutes)}: ${hours(minutes)} is more.` });
      plain.next = RULE_NEXT.floor_bound;
      throw plain;
    });
    await limit(main, params, notice('success', `${person.displayName} ${owes(-minutes)}.`, 'The change is in the history below.'));
  }, 'Change the limit') : null;
  page(main, `How far ${person.displayName} may owe`, h('div', {}, flash),
    h('p', { class: 'lead' }, `In a timebank members may owe hours for a while, and pay them back by helping. ${first} ${owes(limits.floorMinutes)}.`),
    h('dl', { class: 'facts' },
      h('dt', {}, 'Their limit'), h('dd', {}, owes(limits.floorMinutes)),
      h('dt', {}, 'The scheme\'s usual limit'), h('dd', {}, owes(limits.schemeFloorMinutes)),
      h('dt', {}, 'The most the scheme allows'), h('dd', {}, limits.lowestFloorMinutes < 0 ? 'owing ' + hours(-limits.lowestFloorMinutes) : 'no debt')),
    admin ? h('section', { 'aria-labelledby': 'change-h' }, h('h2', { id: 'change-h' }, 'Change the limit'), f) : null,
    h('h2', {}, 'Changes'),
    table('Changes to the limit, newest first', ['When', 'Before', 'After', 'Why', 'Changed by'], limits.history,
      c => [date(c.changedAt), owes(c.floorMinutesBefore), owes(c.floorMinutes), c.reason, c.changedByName || 'An administrator'],
      'Never changed: the scheme\'s usual limit applies.'),
    h('p', {}, h('a', { href: '#/member?id=' + id(person.id) }, 'Back to ' + person.displayName)));
  if (flash) flash.focus();
}
