// Putting mistakes right: undoing an approval, reversing an entry, erasing a member's personal
// data, and allocating credits to organisations. Every step says in hours what will change
// before it changes, and every refusal says what to do next: never the API's ids or minutes.
import { api, all, session, scheme, invalid, ApiError } from '../api.js';
import { h, field, select, duration, minutesOf, form, page, table, success, notice, hours, date, dateTime } from '../ui.js';
import { choice, confirm } from '../ask.js';

const ADMIN = ['ADMIN'];
const STAFF = ['ADMIN', 'COORDINATOR'];
const READERS = ['ADMIN', 'COORDINATOR', 'AUDITOR'];

export const routes = [
  { path: 'undo-approval', title: 'Undo an approval', nav: 'Undo an approval', group: 'Credits', roles: STAFF, needsScheme: true, render: undoApproval },
  { path: 'reverse-entry', title: 'Reverse an entry', nav: 'Reverse an entry', group: 'Credits', roles: ADMIN, needsScheme: true, render: reverseEntry },
  { path: 'allocations', title: 'Allocations', nav: 'Allocations', group: 'Credits', roles: READERS, needsScheme: true, render: allocations },
  { path: 'erase', title: 'Erase a member\'s personal data', group: 'People', roles: ADMIN, needsScheme: true, render: erase },
];

const id = value => encodeURIComponent(value);
const firstName = name => String(name || '').trim().split(/\s+/)[0];
const owner = name => firstName(name) + '\'s';

/** Clears what an earlier press of the form's button said, before this one's answer. */
function fresh(el, messages) {
  messages.replaceChildren();
  el.querySelectorAll('[aria-invalid]').forEach(x => x.removeAttribute('aria-invalid'));
}

/** A balance in words: "5 hours", "0 hours", "owing 2 hours". */
export const balanceWords = minutes => minutes < 0 ? 'owing ' + hours(-minutes) : hours(minutes);

/** What is wrong, in words, with what to do next: the API's own sentence may name ids and minutes. */
function plain(error, message, next) {
  const words = new ApiError(error.status, { code: error.code, detail: message });
  words.next = next;
  return words;
}

/** A refusal of a reversal or an undone approval, in words. */
function refusal(error, what) {
  switch (error.code) {
    case 'already_reversed':
      return plain(error, `This ${what} was already reversed.`, 'Nothing more to do. Reload the page to see it as it stands.');
    case 'reversal_not_reversible':
      return plain(error, 'This is itself a reversal: it cannot be reversed.', 'To put the credits back, record them again (log the hours, or make the transfer again).');
    case 'reversal_not_allowed':
      return plain(error, 'A sale at a venue and a settlement with a partner are not reversed here.',
        'Refund the sale from the partner\'s page, or correct a settlement with the next one.');
    case 'activity_not_approved':
      return plain(error, 'These hours were never approved, so there is no approval to undo.',
        'If they are still waiting, reject them on the Approvals page instead.');
    case 'not_found':
      return plain(error, `That ${what} could not be found, or it is not one of yours.`, 'Reload the page. An administrator can undo approvals of every organisation.');
    case 'validation_failed':
      return plain(error, 'Say why, in a few words.', 'Enter a reason, then try again.');
    default:
      return error;
  }
}

// ---------------------------------------------------------------- undo an approval

async function undoApproval(main, params) {
  const person = params.memberId ? await api('GET', `/v1/members/${id(params.memberId)}`) : null;
  const [list, kinds] = await Promise.all([
    api('GET', `/v1/schemes/${scheme()}/activities`, { query: { status: 'APPROVED', memberId: person ? person.id : undefined, limit: 100 } }),
    categoryNames()]);
  const messages = h('div', { 'aria-live': 'polite' });
  const rows = list.items;
  const body = table(person ? `${owner(person.displayName)} approved hours, newest first` : 'Approved hours, newest first',
    ['Member', 'Date', 'Time', 'Kind of help', 'What was done', 'Status'], rows,
    a => [a.memberName, date(a.date), hours(a.minutes), kinds[a.categoryCode] || a.categoryCode, a.description || '—', statusWords(a)],
    person ? `${person.displayName} has no approved hours.` : 'No approved hours to show.');
  if (rows.length) {
    body.querySelectorAll('tbody tr').forEach((tr, i) => {
      const a = rows[i];
      if (a.reversedByEntryId) return;
      tr.lastChild.append(' ', h('button', { type: 'button', class: 'secondary', 'aria-label': `Undo the approval of ${hours(a.minutes)} for ${a.memberName} on ${date(a.date)}`,
        onclick: () => askWhy(a, tr, messages, kinds) }, 'Undo approval'));
    });
  }
  page(main, person ? `Undo an approval for ${person.displayName}` : 'Undo an approval',
    h('p', { class: 'lead' }, 'When hours were approved by mistake, undoing the approval takes the credits back from the member. The hours then show as reversed, with your reason.'),
    h('p', {}, 'Hours still waiting are rejected on the ', h('a', { href: '#/approvals' }, 'Approvals'), ' page instead.'),
    messages, body,
    list.nextCursor ? h('p', {}, 'Only the newest 100 are shown. To find older ones, open the member\'s page and follow "Undo an approval" there.') : null,
    person ? h('p', {}, h('a', { href: '#/member?id=' + id(person.id) }, 'Back to ' + person.displayName)) : null);
}

const statusWords = a => a.status === 'REVERSED' || a.reversedByEntryId ? 'Reversed: ' + (a.rejectionReason || 'approval undone') : 'Approved';

function askWhy(activity, row, messages, kinds) {
  const place = h('div', {});
  const f = form({ 'aria-label': 'Why undo the approval for ' + activity.memberName }, [
    field('Why is the approval undone?', { name: 'reason', maxlength: 500, autocomplete: 'off' }, 'Kept with the hours, such as "Logged twice".'),
  ], async (el, said) => {
    fresh(el, said);
    const reason = el.elements.reason.value.trim();
    if (!reason) throw invalid('Say why the approval is undone.', 'reason', 'Enter a reason');
    const member = await api('GET', `/v1/members/${id(activity.memberId)}`);
    const account = await api('GET', `/v1/accounts/${id(member.accountId)}`);
    const before = account.balanceMinutes;
    const first = firstName(activity.memberName);
    const spent = now => plain({ status: 422, code: 'insufficient_credits' },
      `${activity.memberName} has already spent or given away these credits: taking back ${hours(activity.minutes)} would take them beyond what they may owe (they can spend ${balanceWords(now.availableMinutes - (now.floorMinutes || 0))} now).`,
      'Ask an administrator to let them owe more for a while (their "How far they may owe" page), or leave the approval as it is.');
    // refused before the question rather than after it: the service would refuse it the same way
    if (account.floorMinutes !== undefined && account.availableMinutes - activity.minutes < account.floorMinutes) throw spent(account);
    confirm(place, `Undo the approval of ${hours(activity.minutes)} for ${activity.memberName}?`, [
      h('p', {}, `${kinds[activity.categoryCode] || 'Volunteering'} on ${date(activity.date)}. Reason: ${reason}.`),
      h('p', {}, `${activity.memberName} will lose ${hours(activity.minutes)}; ${owner(first)} balance goes from ${balanceWords(before)} to ${balanceWords(before - activity.minutes)}.`),
      h('p', {}, 'The hours stay in the records, shown as reversed with your reason.'),
    ], 'Yes, undo the approval', async () => {
      let done;
      try {
        done = await api('POST', `/v1/activities/${id(activity.id)}/reversal`, { body: { reason }, move: true });
      } catch (error) {
        if (error.code !== 'insufficient_credits') throw refusal(error, 'approval');
        throw spent(await api('GET', `/v1/accounts/${id(member.accountId)}`));
      }
      const after = await api('GET', `/v1/accounts/${id(member.accountId)}`);
      row.lastChild.replaceChildren(statusWords(done));
      row.nextSibling.remove();
      success(messages, `Approval undone: the hours of ${activity.memberName} on ${date(activity.date)} show as reversed.`,
        `${activity.memberName} lost ${hours(activity.minutes)}; ${owner(first)} balance is now ${balanceWords(after.balanceMinutes)}.`);
    }, () => { place.replaceChildren(f); f.elements.reason.focus(); });
  }, 'Continue');
  place.replaceChildren(f);
  // one question under the row at a time, however often its button is pressed
  if (row.nextSibling && row.nextSibling.dataset.question) row.nextSibling.remove();
  row.after(h('tr', { 'data-question': 'yes' }, h('td', { colspan: String(row.children.length) }, place)));
  f.elements.reason.focus();
}

/** Category names by code, for showing activities in words. */
async function categoryNames() {
  const categories = await api('GET', `/v1/schemes/${scheme()}/categories`);
  return Object.fromEntries(categories.items.map(c => [c.code, c.name]));
}

// ---------------------------------------------------------------- reverse an entry

const KIND_WORDS = {
  EARN: 'Hours earned', EXCHANGE: 'An exchange between members', GIFT: 'A gift', DONATION: 'A donation', GRANT: 'A grant from the community pot',
  ALLOCATION: 'An allocation to an organisation', REDEMPTION: 'Credits spent at a venue', REFUND: 'A refund from a venue',
  SETTLEMENT: 'A settlement with a partner', EXPIRY: 'Credits that expired', ADJUSTMENT: 'An adjustment by an administrator', REVERSAL: 'A reversal',
};
const NOT_HERE = ['REDEMPTION', 'REFUND', 'SETTLEMENT', 'REVERSAL'];

async function reverseEntry(main, params) {
  if (params.entry) return showEntry(main, params);
  const person = params.memberId ? await api('GET', `/v1/members/${id(params.memberId)}`) : null;
  const lines = person ? (await api('GET', `/v1/accounts/${id(person.accountId)}/postings`, { query: { limit: 50 } })).items : [];
  const byReference = form({ 'aria-label': 'Find an entry by its reference' }, [
    field('Reference of the entry', { name: 'entry', autocomplete: 'off', autocapitalize: 'none' }, 'As it appears in a download of the books or a statement file, starting ent_.'),
  ], async el => {
    const entry = el.elements.entry.value.trim();
    if (!entry) throw invalid('Enter the reference of the entry.', 'entry', 'Enter the reference');
    window.location.hash = '#/reverse-entry?' + new URLSearchParams({ entry });
  }, 'Find the entry');
  const statement = person ? table(`${owner(person.displayName)} statement, newest first`, ['When', 'What', 'Credits', 'Balance after', ''], lines,
    l => [dateTime(l.postedAt), l.memo || KIND_WORDS[l.type], (l.amountMinutes > 0 ? '+' : '−') + hours(Math.abs(l.amountMinutes)), balanceWords(l.balanceAfterMinutes),
      NOT_HERE.includes(l.type) ? h('span', { class: 'muted' }, l.type === 'REVERSAL' ? 'A reversal' : 'Corrected another way')
        : h('a', { href: '#/reverse-entry?' + new URLSearchParams({ entry: l.entryId, memberId: person.id }), 'aria-label': `Reverse: ${l.memo || KIND_WORDS[l.type]}, ${dateTime(l.postedAt)}` }, 'Reverse')],
    `${person.displayName} has no entries yet.`) : null;
  page(main, person ? `Reverse an entry for ${person.displayName}` : 'Reverse an entry',
    h('p', { class: 'lead' }, 'Entries are never changed or deleted. A mistake is corrected by a reversal: a new entry that moves the same credits back, with your reason.'),
    h('p', {}, 'For hours approved by mistake, ', h('a', { href: '#/undo-approval' + (person ? '?memberId=' + id(person.id) : '') }, 'undo the approval'), ' instead: the hours then show as reversed too.'),
    person ? [h('h2', {}, 'From the statement'), statement] : [h('h2', {}, 'From a member\'s statement'),
      h('p', {}, 'Open the member from ', h('a', { href: '#/members' }, 'Members'), ' and follow "Reverse an entry".')],
    h('h2', {}, 'By its reference'), byReference,
    person ? h('p', {}, h('a', { href: '#/member?id=' + id(person.id) }, 'Back to ' + person.displayName)) : null);
}

/** Who an account belongs to, in words. */
async function accountName(accountId) {
  const account = await api('GET', `/v1/accounts/${id(accountId)}`);
  const name = await ({
    MEMBER: () => api('GET', `/v1/members/${id(account.ownerId)}`).then(m => m.displayName),
    ORGANISATION: () => api('GET', `/v1/organisations/${id(account.ownerId)}`).then(o => o.name),
    PARTNER: () => api('GET', `/v1/partners/${id(account.ownerId)}`).then(p => p.name),
    ISSUANCE: async () => 'The scheme (credits it issues)',
    COMMUNITY_POT: async () => 'The community pot',
    EXPIRED: async () => 'Expired credits',
  }[account.kind] || (async () => 'Another account'))();
  return { account, name };
}

async function showEntry(main, params) {
  let entry;
  try {
    entry = await api('GET', `/v1/entries/${id(params.entry)}`);
  } catch (error) {
    if (error.status !== 404 && error.status !== 400) throw error;
    page(main, 'Reverse an entry', notice('error', 'No entry has that reference.', 'Check the reference and try again, or find the entry from the member\'s statement.'),
      h('p', {}, h('a', { href: '#/reverse-entry' + (params.memberId ? '?memberId=' + id(params.memberId) : '') }, 'Back')));
    main.querySelector('.notice').focus();
    return;
  }
  const sides = await Promise.all(entry.postings.map(async p => ({ ...(await accountName(p.accountId)), amount: p.amountMinutes })));
  const moved = entry.postings.filter(p => p.amountMinutes > 0).reduce((s, p) => s + p.amountMinutes, 0);
  const back = h('p', {}, h('a', { href: '#/reverse-entry' + (params.memberId ? '?memberId=' + id(params.memberId) : '') }, 'Back to the statement'));
  const place = h('div', {});
  const facts = h('dl', { class: 'facts' },
    h('dt', {}, 'What'), h('dd', {}, KIND_WORDS[entry.type] || entry.type),
    h('dt', {}, 'When'), h('dd', {}, dateTime(entry.postedAt)),
    h('dt', {}, 'Note'), h('dd', {}, entry.memo || '—'),
    h('dt', {}, 'Credits moved'), h('dd', {}, hours(moved)),
    sides.map(s => [h('dt', {}, s.name), h('dd', {}, (s.amount > 0 ? 'received ' : 'gave ') + hours(Math.abs(s.amount)))]));
  let state = null;
  if (entry.reversedByEntryId) state = notice('info', 'This entry was already reversed.', 'Nothing more to do: its credits were moved back.');
  else if (entry.type === 'REVERSAL') state = notice('info', 'This is itself a reversal: it cannot be reversed.', 'To put the credits back, record them again.');
  else if (NOT_HERE.includes(entry.type)) state = notice('info', 'A sale at a venue and a settlement with a partner are not reversed here.', 'Refund the sale from the partner\'s page, or correct a settlement with the next one.');
  const f = state ? null : form({ 'aria-label': 'Reverse this entry' }, [
    field('Why is it reversed?', { name: 'reason', maxlength: 500, autocomplete: 'off' }, 'Becomes the note of the reversal, such as "Gift made to the wrong member".'),
  ], async (el, messages) => {
    fresh(el, messages);
    const reason = el.elements.reason.value.trim();
    if (!reason) throw invalid('Say why the entry is reversed.', 'reason', 'Enter a reason');
    const effects = sides.map(s => s.account.kind === 'ISSUANCE' || s.account.kind === 'EXPIRED'
      ? `${s.name} ${s.amount > 0 ? 'gives back' : 'gets back'} ${hours(Math.abs(s.amount))}.`
      : `${s.name} ${s.amount > 0 ? 'loses' : 'gets back'} ${hours(Math.abs(s.amount))}; the balance goes from ${balanceWords(s.account.balanceMinutes)} to ${balanceWords(s.account.balanceMinutes - s.amount)}.`);
    confirm(place, `Reverse ${(KIND_WORDS[entry.type] || 'this entry').toLowerCase()} of ${hours(moved)}?`,
      [...effects.map(e => h('p', {}, e)), h('p', {}, `Reason: ${reason}. Both entries stay in the books; a reversal cannot itself be reversed.`)],
      'Yes, reverse it', async () => {
        let reversal;
        try {
          reversal = await api('POST', `/v1/entries/${id(entry.id)}/reversal`, { body: { reason }, move: true });
        } catch (error) {
          if (error.code !== 'insufficient_credits') throw refusal(error, 'entry');
          throw plain(error, 'The credits have already been spent or given away: moving them back would take an account beyond what it may owe.',
            'Ask an administrator to let the member owe more for a while, or correct it another way (a grant or a transfer).');
        }
        const after = await Promise.all(sides.map(s => api('GET', `/v1/accounts/${id(s.account.id)}`)));
        facts.remove();
        el.remove();
        success(place, `Reversed, on ${dateTime(reversal.postedAt)}.`,
          ...sides.filter((s, i) => ['MEMBER', 'ORGANISATION', 'PARTNER'].includes(s.account.kind))
            .map(s => `${s.name}: the balance is now ${balanceWords(after[sides.indexOf(s)].balanceMinutes)}.`),
          'Both entries stay in the books, with your reason.');
      }, () => { place.replaceChildren(); el.elements.reason.focus(); });
  }, 'Continue');
  page(main, 'Reverse an entry', facts, state, f, place, back);
  if (state) state.focus();
}

// ---------------------------------------------------------------- erasure

async function erase(main, params) {
  const person = await api('GET', `/v1/members/${id(params.id)}`);
  const account = await api('GET', `/v1/accounts/${id(person.accountId)}`);
  const back = h('p', {}, h('a', { href: '#/member?id=' + id(person.id) }, 'Back to ' + person.displayName));
  if (person.status === 'ERASED') {
    page(main, 'Erase a member\'s personal data', notice('info', 'This member\'s personal data was already erased.', 'Nothing more to do.'), back);
    return;
  }
  const name = person.displayName;
  const donate = Math.max(0, account.availableMinutes);
  const place = h('div', {});
  const balanceFacts = h('dl', { class: 'facts' },
    h('dt', {}, 'Balance'), h('dd', {}, balanceWords(account.balanceMinutes)),
    h('dt', {}, 'Set aside at a venue'), h('dd', {}, hours(account.heldMinutes)),
    h('dt', {}, 'Can spend now'), h('dd', {}, balanceWords(account.availableMinutes)));
  const outcome = keep => {
    if (keep || donate === 0) {
      return account.balanceMinutes < 0
        ? `Their balance stays as it is: they owe ${hours(-account.balanceMinutes)}, and nobody can pay it back once they are erased.`
        : `Their balance stays as it is (${balanceWords(account.balanceMinutes)}), in an account nobody can use any more.`;
    }
    const left = account.balanceMinutes - donate;
    return `${hours(donate)} ${donate === 60 ? 'goes' : 'go'} to the community pot as a donation; their balance becomes ${balanceWords(left)}`
      + (account.heldMinutes ? ` (what is set aside at a venue stays until the venue finishes the sale)` : '') + '.';
  };
  const f = form({ 'aria-label': 'Erase ' + name }, [
    choice('What happens to their credits?', 'balance', [
      { value: 'donate', label: donate ? `Give what they can spend (${hours(donate)}) to the community pot` : 'Give what they can spend to the community pot (they have nothing to spend)', checked: true,
        hint: 'Other members in need can then be granted them.' },
      { value: 'keep', label: 'Leave the credits in their account', hint: 'Nobody can use them any more.' },
    ]),
  ], async (el, messages) => {
    fresh(el, messages);
    const keep = el.elements.balance.value === 'keep';
    confirm(place, `Erase the personal data of ${name}?`, [
      h('p', {}, h('strong', {}, 'This cannot be undone.')),
      h('ul', {},
        h('li', {}, `Their name becomes a made-up one such as "Erased member 1A2B3C4D"; their ward, contact details and notes are removed.`),
        h('li', {}, 'Their sign-in, any unused activation code and their card stop working at once, and no new ones can be given.'),
        h('li', {}, 'Family links to and from them are forgotten; their offers and requests close, and what they wrote in them is blanked.'),
        h('li', {}, outcome(keep)),
        h('li', {}, 'Every entry stays in the books, so the books still balance and the reports still add up.')),
    ], `Yes, erase ${name}`, async () => {
      let done;
      try {
        done = await api('DELETE', `/v1/members/${id(person.id)}/personal-data`, { query: { keepBalance: keep ? 'true' : undefined }, move: true });
      } catch (error) {
        if (error.code === 'not_found') throw plain(error, 'That member could not be found.', 'Go back to Members and find them again.');
        throw error;
      }
      const after = await api('GET', `/v1/accounts/${id(person.accountId)}`);
      el.remove();
      balanceFacts.remove();
      page(main, 'Personal data erased',
        notice('success', `The personal data of ${name} is erased.`,
          `They are now shown as "${done.displayName}".`,
          done.donatedMinutes ? `${hours(done.donatedMinutes)} went to the community pot; their balance is now ${balanceWords(after.balanceMinutes)}.`
            : `Their balance stays at ${balanceWords(after.balanceMinutes)}.`),
        h('p', {}, h('a', { href: '#/members' }, 'Back to Members')));
      main.querySelector('.notice').focus();
    }, () => { place.replaceChildren(); });
  }, 'Continue');
  page(main, 'Erase a member\'s personal data',
    h('p', { class: 'lead' }, `When ${name} asks to be forgotten, their personal data is erased. Their hours and credits stay in the books under a made-up name.`),
    h('h2', {}, `${owner(name)} credits`), balanceFacts,
    h('p', {}, 'If they only left the scheme, ', h('a', { href: '#/member?id=' + id(person.id) }, 'mark them as left'), ' instead: that can be undone.'),
    f, place, back);
}

// ---------------------------------------------------------------- allocations

async function allocations(main, params, flash) {
  const who = session.who;
  const admin = who.role === 'ADMIN';
  const [organisations, settings] = await Promise.all([
    all(`/v1/schemes/${scheme()}/organisations`),
    api('GET', `/v1/schemes/${scheme()}`).catch(() => null)]);
  const rows = await Promise.all(organisations.map(async o => {
    const [account, statement] = await Promise.all([
      api('GET', `/v1/accounts/${id(o.accountId)}`),
      api('GET', `/v1/accounts/${id(o.accountId)}/postings`, { query: { limit: 50 } })]);
    return { o, account, given: statement.items.filter(l => l.type === 'ALLOCATION') };
  }));
  const history = rows.flatMap(r => r.given.map(l => ({ ...l, organisation: r.o.name }))).sort((a, b) => b.postedAt.localeCompare(a.postedAt));
  const messages = h('div', { 'aria-live': 'polite' }, flash);
  const f = admin && organisations.length ? form({ 'aria-label': 'Make an allocation' }, [
    field('Organisation', select('organisationId', organisations.map(o => ({ value: o.id, label: o.name, selected: o.id === params.organisationId })))),
    duration('Hours to allocate', 'amount', 'The organisation can award this many hours to its volunteers.'),
    field('Note (optional)', { name: 'memo', maxlength: 500, autocomplete: 'off' }, 'Such as "Spring term".'),
  ], async el => {
    const amountMinutes = minutesOf(el, 'amount');
    if (!Number.isInteger(amountMinutes) || amountMinutes < 1) throw invalid('Enter how many hours to allocate.', 'amount.hours', 'Enter the hours');
    if (amountMinutes > 100000 * 60) throw invalid('One allocation is at most 100,000 hours.', 'amount.hours', 'At most 100,000 hours');
    const body = { organisationId: el.elements.organisationId.value, amountMinutes, memo: el.elements.memo.value.trim() || undefined };
    const organisation = organisations.find(o => o.id === body.organisationId);
    await api('POST', `/v1/schemes/${scheme()}/allocations`, { body, move: true }).catch(error => {
      if (error.code === 'not_found') throw plain(error, 'That organisation could not be found.', 'Reload the page and choose it again.');
      throw error;
    });
    const account = await api('GET', `/v1/accounts/${id(organisation.accountId)}`);
    await allocations(main, {}, notice('success', `Allocated ${hours(amountMinutes)} to ${organisation.name}.`,
      `It now has ${balanceWords(account.balanceMinutes)} to award.`));
    main.querySelector('.notice').focus();
  }, 'Allocate') : null;
  const required = settings && settings.allocationsRequired;
  page(main, 'Allocations',
    h('p', { class: 'lead' }, 'An allocation gives an organisation hours to award to its volunteers.'),
    settings ? h('p', {}, required
      ? 'In this scheme, approved hours are paid from the organisation\'s allocation: when it runs out, approvals are refused until an administrator allocates more.'
      : 'In this scheme, approved hours are paid by the scheme itself, so allocations are optional: they show what each organisation was given.') : null,
    messages,
    h('h2', {}, 'What each organisation has to award'),
    table('Organisations and their allocations', ['Organisation', { label: 'Left to award', num: true }], rows,
      r => [r.o.name, balanceWords(r.account.balanceMinutes)], who.role === 'COORDINATOR' ? 'You coordinate no organisation yet.' : 'No organisations yet.'),
    f ? [h('h2', {}, 'Make an allocation'), f] : (who.role === 'COORDINATOR' ? h('p', {}, 'To have more hours allocated, ask your scheme administrator.') : null),
    h('h2', {}, 'Allocations made'),
    table('Allocations made, newest first', ['When', 'Organisation', 'Note', { label: 'Hours', num: true }], history,
      l => [date(l.postedAt), l.organisation, l.memo, hours(l.amountMinutes)], 'No allocations yet.'));
}
