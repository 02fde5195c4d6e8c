// Members: what they have, giving it, where to spend it, their card, and family who may spend
// it. Many are older people on older phones, so: large type, plain words, one thing a page.
import { api, all, session, scheme, invalid, ApiError } from '../api.js';
import { h, field, form, page, success, notice, showError, credits, hours, date, image, cardNumber, pagedLines } from '../ui.js';
import { choice, confirm, digitsOf } from '../ask.js';

const MEMBER = ['MEMBER'];
const STATEMENT_PAGE = 20;

export const routes = [
  { path: 'my-credits', title: 'My credits', nav: 'My credits', group: 'Day to day', roles: MEMBER, needsScheme: true, render: myCredits },
  { path: 'give', title: 'Give credits', nav: 'Give', group: 'Credits', roles: MEMBER, needsScheme: true, render: give },
  { path: 'spend', title: 'Where to spend credits', nav: 'Spend', group: 'Credits', roles: MEMBER, needsScheme: true, render: spend },
  { path: 'my-card', title: 'My card', nav: 'My card', group: 'Day to day', roles: MEMBER, needsScheme: true, render: myCard },
  { path: 'family', title: 'Family who may spend my credits', nav: 'Family', group: 'People', roles: MEMBER, needsScheme: true, render: family },
];

const firstName = name => String(name || '').trim().split(/\s+/)[0];

/** The three figures a member asks about, the first in large type. */
function balance(account) {
  return h('section', { class: 'balance-box', 'aria-labelledby': 'balance-h' },
    h('h2', { id: 'balance-h' }, 'You have'),
    h('p', { class: 'balance' }, credits(account.balanceMinutes)),
    h('dl', { class: 'facts' },
      h('dt', {}, 'Set aside at a venue'), h('dd', {}, credits(account.heldMinutes)),
      h('dt', {}, 'You can spend now'), h('dd', {}, credits(account.availableMinutes))),
    h('p', { class: 'muted' }, '1 credit is 1 hour of someone\'s time.'));
}

async function myCredits(main) {
  const [me, statement, activities, categories] = await Promise.all([
    api('GET', '/v1/me'),
    api('GET', '/v1/me/postings', { query: { limit: STATEMENT_PAGE } }),
    api('GET', '/v1/me/activities', { query: { limit: 20 } }),
    api('GET', `/v1/schemes/${scheme()}/categories`).then(p => p.items),
  ]);
  const kind = code => (categories.find(c => c.code === code) || { name: code }).name;
  page(main, 'My credits',
    h('p', { class: 'lead' }, 'Hello, ' + firstName(me.member.displayName) + '.'),
    balance(me.account),
    h('p', { class: 'actions' },
      h('a', { class: 'button', href: '#/my-card' }, 'Show my card'),
      h('a', { class: 'button secondary', href: '#/spend' }, 'Where to spend'),
      h('a', { class: 'button secondary', href: '#/give' }, 'Give credits'),
      h('a', { class: 'button secondary', href: '#/exchanges' }, 'Exchanges')),
    h('h2', { id: 'statement-h' }, 'What came in and went out'),
    statementList(statement),
    h('h2', {}, 'Your volunteering'),
    activities.items.length
      ? h('ul', { class: 'lines', 'aria-label': 'Your volunteering, newest first' }, activities.items.map(a =>
        h('li', {},
          h('span', { class: 'when' }, date(a.date)),
          h('span', { class: 'what' }, kind(a.categoryCode) + ', ' + hours(a.minutes) + (a.description ? ': ' + a.description : '')),
          h('span', { class: 'status ' + a.status.toLowerCase() }, activityStatus(a)))))
      : h('p', { class: 'muted' }, 'No volunteering logged yet. When a coordinator logs your hours, they show here.'));
}

const activityStatus = a => ({
  PENDING: 'Waiting for a coordinator to approve it',
  APPROVED: 'Approved: you earned ' + credits(a.minutes),
  REJECTED: 'Not approved' + (a.rejectionReason ? ': ' + a.rejectionReason : ''),
  REVERSED: 'Approval undone, the ' + credits(a.minutes) + ' taken back' + (a.rejectionReason ? ': ' + a.rejectionReason : ''),
}[a.status] || a.status);

/** The statement, newest first, a page at a time: "Show more" fetches the next. */
function statementList(first) {
  if (!first.items.length) return h('p', { class: 'muted' }, 'Nothing yet. Credits you earn, are given or spend will show here.');
  return pagedLines({ labelledBy: 'statement-h', first, line: statementLine,
    next: cursor => api('GET', '/v1/me/postings', { query: { limit: STATEMENT_PAGE, cursor } }) });
}

function statementLine(line) {
  const incoming = line.amountMinutes > 0;
  return h('li', { tabindex: '-1' },
    h('span', { class: 'when' }, date(line.postedAt)),
    h('span', { class: 'what' }, whatItWas(line)),
    h('span', { class: 'amount ' + (incoming ? 'in' : 'out') }, credits(Math.abs(line.amountMinutes)) + (incoming ? ' in' : ' out')),
    h('span', { class: 'muted' }, 'Then you had ' + credits(line.balanceAfterMinutes)));
}

/** A statement line in words: what kind of entry it was, seen from the member's side, and its memo. */
function whatItWas(line) {
  const incoming = line.amountMinutes > 0;
  const kind = {
    EARN: 'Earned by volunteering',
    EXCHANGE: incoming ? 'Paid for your help' : 'Paid for help you had',
    GIFT: incoming ? 'A gift to you' : 'A gift you gave',
    DONATION: 'A donation you made',
    GRANT: 'A grant from the community pot',
    ALLOCATION: 'Credits from your scheme',
    REDEMPTION: 'Spent at a venue',
    REFUND: 'Given back by a venue',
    EXPIRY: 'Credits that expired',
    ADJUSTMENT: incoming ? 'Added by your scheme' : 'Taken off by your scheme',
    REVERSAL: 'A correction of an earlier line',
  }[line.type] || 'Credits ' + (incoming ? 'in' : 'out');
  return line.memo && line.memo !== kind ? kind + ': ' + line.memo : kind;
}

/** A whole number of credits, as minutes; a refusal in words otherwise. */
function minutesFrom(input) {
  const text = input.value.trim();
  if (!/^\d+$/.test(text) || Number(text) < 1) {
    throw invalid('Enter how many credits, as a whole number: 1, 2, 3…', input.name, 'A whole number of credits');
  }
  return Number(text) * 60;
}

function cardNumberFrom(input) {
  const digits = digitsOf(input.value);
  if (!/^\d{16}$/.test(digits)) {
    throw invalid('A card number has 16 digits. Check the number on their card.', input.name, '16 digits');
  }
  if (!checks(digits)) {
    throw invalid('That is not a card number: one of the digits may be wrong. Check the 16 digits on their card.', input.name, 'A digit may be wrong');
  }
  return digits;
}

/** Whether the last digit of a card number checks the others (Luhn), as the service checks it. */
function checks(digits) {
  let sum = 0;
  for (let i = 0; i < 16; i++) {
    let d = Number(digits[15 - i]);
    if (i % 2 === 1) { d *= 2; if (d > 9) d -= 9; }
    sum += d;
  }
  return sum % 10 === 0;
}

/** What a member may give now: what they can spend, and as far below nothing as their limit lets them go. */
const givable = account => account.availableMinutes - Math.min(account.floorMinutes || 0, 0);

async function give(main) {
  const [me, organisations] = await Promise.all([api('GET', '/v1/me'), all(`/v1/schemes/${scheme()}/organisations`)]);
  let available = givable(me.account);
  const result = h('div', {});
  const step = h('div', {});
  const recipients = choice('Who would you like to give to?', 'to', [
    { value: 'member', label: 'Another member', hint: 'By the number on their card.', checked: true },
    { value: 'pot', label: 'The community pot', hint: 'Coordinators give from it to members in need.' },
    ...organisations.map(o => ({ value: 'org:' + o.id, label: o.name, hint: 'A group in your community.' })),
  ]);
  const cardField = field('Their card number', { name: 'card', inputmode: 'numeric', autocomplete: 'off', spellcheck: 'false' },
    '16 digits, as on their card. Spaces do not matter.');
  const amountHint = () => 'Whole credits. You can give up to ' + credits(available) + ' now.';
  const amount = field('How many credits?', { name: 'credits', type: 'number', min: 1, step: 1, inputmode: 'numeric', class: 'short' }, amountHint());
  const f = form({ 'aria-label': 'Give credits' }, [
    recipients, cardField, amount,
    field('A note with it (optional)', { name: 'memo', maxlength: 500 }, 'Shown in your statement and theirs.'),
  ], async (el, messages) => {
    const to = el.elements.to.value;
    const body = { amountMinutes: minutesFrom(el.elements.credits), memo: el.elements.memo.value.trim() || undefined };
    // checked before the question, not after "Yes, give": the person is asked only what can be done
    if (body.amountMinutes > available) {
      const short = invalid(`Not enough credits: you can give up to ${credits(available)} now.`, 'credits', 'Too many credits');
      short.next = 'Choose a smaller amount.';
      throw short;
    }
    let whom;
    if (to === 'member') {
      body.toCardNumber = cardNumberFrom(el.elements.card);
      // whose card it is, so the person sees the name before they say yes
      let holder;
      try {
        holder = await api('GET', '/v1/me/recipients/' + encodeURIComponent(body.toCardNumber));
      } catch (error) {
        throw await givingRefusal(error);
      }
      whom = `${holder.firstName} (card ${cardNumber(body.toCardNumber)})`;
    } else if (to === 'pot') {
      body.toCommunityPot = true;
      whom = 'the community pot';
    } else {
      body.toOrganisationId = to.slice(4);
      whom = organisations.find(o => o.id === body.toOrganisationId).name;
    }
    messages.replaceChildren();
    el.querySelectorAll('[aria-invalid]').forEach(input => input.removeAttribute('aria-invalid'));
    const back = () => { step.replaceChildren(f); f.elements.credits.focus(); };
    confirm(step, `Give ${credits(body.amountMinutes)} to ${whom}?`,
      [h('p', {}, 'The credits leave your account at once. Only ' + (to === 'member' ? 'they' : 'a coordinator') + ' can give them back.')],
      'Yes, give ' + credits(body.amountMinutes), async () => {
        try {
          await api('POST', to === 'member' ? '/v1/me/gifts' : '/v1/me/donations', { body, move: true });
        } catch (error) {
          throw await givingRefusal(error);
        }
        available = givable((await api('GET', '/v1/me')).account);
        el.reset();
        showCard();
        amount.querySelector('.hint').textContent = amountHint();
        step.replaceChildren(f);
        success(result, `You gave ${credits(body.amountMinutes)} to ${whom}. Thank you.`, `You can spend ${credits(available)} now.`);
      }, back);
  }, 'Continue', result);
  const showCard = () => { cardField.hidden = f.elements.to.value !== 'member'; };
  recipients.addEventListener('change', showCard);
  step.append(f);
  page(main, 'Give credits',
    h('p', { class: 'lead' }, 'Give credits to someone who helped you, or to your community.'),
    h('p', {}, 'You can spend ' + credits(available) + ' now.'), result, step);
}

/** A refused gift or donation, in the words of the page that asked for it. */
async function givingRefusal(error) {
  const words = {
    insufficient_credits: async () => {
      const me = await api('GET', '/v1/me').catch(() => null);
      return me ? 'Not enough credits: you can give up to ' + credits(me.account.availableMinutes) + ' now.' : 'You do not have enough credits for this.';
    },
    recipient_not_found: async () => 'No member of your scheme has that card number.',
    accounts_must_be_different: async () => 'That is your own card number.',
    validation_failed: async () => {
      const card = (error.problem.errors || []).find(e => e.field === 'toCardNumber' || e.field === 'cardNumber');
      if (!card) return null;
      return /own card/.test(card.message) ? 'That is your own card number.' : 'That is not a card number: one of the digits may be wrong.';
    },
  }[error.code];
  const detail = words && await words();
  if (!detail) return error;
  const next = { insufficient_credits: 'Choose a smaller amount.', recipient_not_found: 'Check the number on their card and try again.' }[error.code]
    || 'Check the 16 digits on the card and try again.';
  const plain = new ApiError(error.status, { code: error.code, detail });
  plain.next = next;
  return plain;
}

async function spend(main) {
  const [me, offers] = await Promise.all([api('GET', '/v1/me'), all(`/v1/schemes/${scheme()}/offers`)]);
  const venues = new Map();
  offers.forEach(o => {
    if (!venues.has(o.partnerId)) venues.set(o.partnerId, { name: o.partnerName, ward: o.ward, offers: [] });
    venues.get(o.partnerId).offers.push(o);
  });
  const sorted = [...venues.values()].sort((a, b) => a.name.localeCompare(b.name));
  page(main, 'Where to spend credits',
    h('p', { class: 'lead' }, 'You can spend ' + credits(me.account.availableMinutes) + ' now. Show ', h('a', { href: '#/my-card' }, 'your card'), ' at the venue.'),
    sorted.length ? h('div', {}, sorted.map(v => h('section', { class: 'venue' },
      h('h2', {}, v.name, v.ward ? h('span', { class: 'muted' }, ' · ' + v.ward) : null),
      h('ul', { class: 'offers' }, v.offers.map(o => h('li', {},
        h('span', { class: 'what' }, o.title),
        h('span', { class: 'price' }, credits(o.amountMinutes)),
        o.weeklyQuota ? h('span', { class: 'muted' }, 'Only ' + o.weeklyQuota + ' a week, so ask first.') : null))))))
      : h('p', { class: 'muted' }, 'There is nowhere to spend credits yet. Your coordinator will tell you when venues join.'));
}

async function myCard(main, params, flash) {
  const me = await api('GET', '/v1/me');
  const number = cardNumber(me.member.cardNumber);
  const qr = await image(() => api('GET', '/v1/me/card/qr', { as: 'blob', accept: 'image/svg+xml' }),
    'QR code of your card number ' + number, 'qr large');
  const place = h('div', {});
  const replace = h('button', { type: 'button', class: 'secondary', onclick: () => confirm(place, 'Replace your card?', [
    h('p', {}, 'Your card number ' + number + ' stops working at once, at every venue, so no one can spend your credits with it.'),
    h('p', {}, 'You get a new number straight away, shown on this page. Your credits stay as they are. Ask your coordinator for a new printed card.'),
  ], 'Yes, replace my card', async () => {
    const card = await api('POST', '/v1/me/card/replacement');
    await myCard(main, params, notice('success', 'Your new card number is ' + cardNumber(card.cardNumber) + '.', 'Your old card no longer works.'));
  }, () => { place.replaceChildren(); replace.focus(); }, 'No, keep my card') }, 'My card is lost or stolen');
  page(main, 'My card', h('div', {}, flash),
    h('p', { class: 'lead' }, 'Show this at the venue. They scan the square code or type the number.'),
    h('div', { class: 'member-card printable' },
      h('p', { class: 'holder' }, me.member.displayName),
      qr,
      h('p', { class: 'card-digits' }, h('span', { class: 'visually-hidden' }, 'Card number '), number)),
    h('h2', {}, 'Lost your card?'),
    h('p', {}, 'If your card is lost or stolen, replace it: the old card stops working and you get a new number.'),
    h('p', {}, h('button', { type: 'button', class: 'secondary', onclick: () => window.print() }, 'Print my card')),
    replace, place);
  main.dataset.print = 'card'; // printing the page prints the card alone
  if (flash) flash.focus();
}

async function family(main, params, flash) {
  const named = (await api('GET', '/v1/me/beneficiaries')).items;
  const messages = h('div', {});
  const f = form({ 'aria-label': 'Let someone spend my credits' }, [
    field('Their card number', { name: 'card', inputmode: 'numeric', autocomplete: 'off', spellcheck: 'false' },
      '16 digits, as on their card. They must be a member of your scheme.'),
  ], async el => {
    const cardNumberDigits = cardNumberFrom(el.elements.card);
    let added;
    try {
      added = await api('POST', '/v1/me/beneficiaries', { body: { cardNumber: cardNumberDigits } });
    } catch (error) {
      throw await givingRefusal(error);
    }
    await family(main, params, notice('success', added.firstName + ' may now spend your credits at venues.',
      'They show their own card at the till and ask to use your credits.'));
  }, 'Let them spend my credits');
  const stop = person => async event => {
    event.target.disabled = true;
    try {
      await api('DELETE', '/v1/me/beneficiaries/' + encodeURIComponent(person.memberId));
      await family(main, params, notice('success', person.firstName + ' can no longer spend your credits.'));
    } catch (error) {
      event.target.disabled = false;
      showError(messages, error);
    }
  };
  page(main, 'Family who may spend my credits', h('div', {}, flash), messages,
    h('p', { class: 'lead' }, 'You can let someone close to you, an older parent say, spend your credits at a venue.'),
    h('p', {}, 'At the till they show their own card and say they are using your credits. They cannot give your credits away. You can stop it whenever you like.'),
    h('h2', {}, 'Who may spend your credits'),
    named.length
      ? h('ul', { class: 'lines' }, named.map(p => h('li', {},
        h('span', { class: 'what' }, h('strong', {}, p.firstName), h('span', { class: 'since' }, 'Since ' + date(p.since))),
        h('button', { type: 'button', class: 'secondary', 'aria-label': 'Stop ' + p.firstName + ' spending your credits', onclick: stop(p) }, 'Stop'))))
      : h('p', { class: 'muted' }, 'No one yet.'),
    h('h2', {}, 'Add someone'), f);
  if (flash) flash.focus();
}
