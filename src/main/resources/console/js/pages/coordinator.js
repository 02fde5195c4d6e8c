// Coordinators (and administrators, who may do all a coordinator does): the week's work of a
// community centre. Log an hour, take a register, approve, register and card a member, vet, grant.
import { api, all, session, scheme, invalid } from '../api.js';
import { h, field, select, checkbox, duration, minutesOf, form, page, table, stats, success, notice, showError,
  credits, hours, date, today, firstOfMonth, image, cardNumber } from '../ui.js';

const STAFF = ['ADMIN', 'COORDINATOR'];
const READERS = ['ADMIN', 'COORDINATOR', 'AUDITOR'];

export const routes = [
  { path: 'dashboard', title: 'Dashboard', nav: 'Dashboard', group: 'Day to day', roles: STAFF, needsScheme: true, render: dashboard },
  { path: 'log-activity', title: 'Log volunteering', nav: 'Log hours', group: 'Day to day', roles: STAFF, needsScheme: true, render: logActivity },
  { path: 'register', title: 'Take a register', nav: 'Register', group: 'Day to day', roles: STAFF, needsScheme: true, render: register },
  { path: 'approvals', title: 'Approve hours', nav: 'Approvals', group: 'Day to day', roles: STAFF, needsScheme: true, render: approvals },
  { path: 'members', title: 'Members', nav: 'Members', group: 'People', roles: READERS, needsScheme: true, render: members },
  { path: 'member', title: 'Member', roles: READERS, needsScheme: true, render: member },
  { path: 'grant', title: 'Grant from the community pot', nav: 'Grant', group: 'Credits', roles: STAFF, needsScheme: true, render: grant },
];


async function dashboard(main) {
  const [pending, month] = await Promise.all([
    api('GET', `/v1/schemes/${scheme()}/activities`, { query: { status: 'PENDING', limit: 200 } }),
    api('GET', `/v1/schemes/${scheme()}/reports/summary`, { query: { from: firstOfMonth(), to: today() } }),
  ]);
  const waiting = pending.items.length + (pending.nextCursor ? '+' : '');
  page(main, 'Dashboard',
    stats([
      [waiting, 'logged hours waiting for approval'],
      [hours(month.minutesVolunteered), 'volunteered this month'],
      [month.activeMembers, 'members who helped this month'],
      [month.newMembers, 'new members this month'],
    ]),
    h('h2', {}, 'What would you like to do?'),
    h('ul', {},
      h('li', {}, h('a', { href: '#/approvals' }, 'Approve hours'), pending.items.length ? ` (${waiting} waiting)` : ''),
      h('li', {}, h('a', { href: '#/register' }, 'Take a register for a session')),
      h('li', {}, h('a', { href: '#/log-activity' }, 'Log one person\'s volunteering')),
      h('li', {}, h('a', { href: '#/opportunities' }, 'Set up an opportunity members can sign up for, or take its attendance')),
      h('li', {}, h('a', { href: '#/members?new=yes' }, 'Register a new member and print their card')),
      h('li', {}, h('a', { href: '#/cards' }, 'Print the cards of members registered this week')),
      h('li', {}, h('a', { href: '#/grant' }, 'Grant credits from the community pot')),
      h('li', {}, h('a', { href: '#/exchanges' }, 'Record an exchange between two members')),
      h('li', {}, h('a', { href: '#/offers' }, 'See offers and requests, who answered, and match them'))));
}

/** What a volunteering form needs: members, the caller's organisations, the categories. */
async function choices() {
  const who = session.who;
  const [people, organisations, categories] = await Promise.all([
    all(`/v1/schemes/${scheme()}/members`),
    who.role === 'COORDINATOR' ? Promise.resolve(who.organisations)
      : all(`/v1/schemes/${scheme()}/organisations`).then(list => list.map(o => ({ id: o.id, name: o.name }))),
    api('GET', `/v1/schemes/${scheme()}/categories`).then(p => p.items),
  ]);
  people.sort((a, b) => a.displayName.localeCompare(b.displayName));
  return { people, organisations, categories };
}

function organisationField(organisations) {
  if (!organisations.length) return notice('info', 'You coordinate no organisation yet.', 'Ask your scheme administrator to add you to one.');
  return field('Organisation', select('organisationId', organisations.map(o => ({ value: o.id, label: o.name }))));
}

/** The kinds of help, the first that needs no vetting chosen: a register is not refused for someone unvetted by default. */
function categoryField(categories) {
  const open = categories.find(c => !c.requiresVetting);
  return field('Kind of help', select('categoryCode', categories.map(c =>
    ({ value: c.code, label: c.name + (c.requiresVetting ? ' (needs vetting)' : ''), selected: open && c.code === open.code }))));
}

function memberOptions(people) {
  return [{ value: '', label: 'Choose a member' }, ...people.map(p => ({ value: p.id, label: p.displayName + (p.ward ? ' · ' + p.ward : '') }))];
}

async function logActivity(main) {
  const { people, organisations, categories } = await choices();
  const result = h('div', {});
  const f = form({ 'aria-label': 'Log volunteering' }, [
    field('Member', select('memberId', memberOptions(people))),
    organisationField(organisations),
    categoryField(categories),
    field('Date', { name: 'date', type: 'date', value: today(), max: today() }),
    duration('Time given', 'time', 'Up to 24 hours in one day.', 'minutes'),
    field('What was done (optional)', { name: 'description', maxlength: 500 }),
  ], async el => {
    const body = {
      memberId: el.elements.memberId.value, organisationId: el.elements.organisationId.value,
      categoryCode: el.elements.categoryCode.value, date: el.elements.date.value, minutes: minutesOf(el, 'time'),
      description: el.elements.description.value.trim() || undefined,
    };
    if (!body.memberId) throw invalid('Choose the member who volunteered.', 'memberId', 'Choose a member');
    const activity = await api('POST', `/v1/schemes/${scheme()}/activities`, { body, move: true });
    success(result, `Logged ${hours(activity.minutes)} for ${activity.memberName}.`,
      'It earns credits once approved. ', h('a', { href: '#/approvals' }, 'Go to approvals'));
    el.elements.memberId.value = '';
    el.elements['time.hours'].value = '';
    el.elements['time.minutes'].value = '';
  }, 'Log the hours', result);
  page(main, 'Log volunteering', h('p', {}, 'For one person. For a whole session, ', h('a', { href: '#/register' }, 'take a register'), ' instead.'), result, f);
}

async function register(main, params) {
  const { people, organisations, categories } = await choices();
  const result = h('div', {});
  const filter = h('input', { type: 'search', id: 'register-filter', autocomplete: 'off' });
  const ticks = h('div', { class: 'ticks' }, people.map(p =>
    checkbox(p.displayName + (p.ward ? ' · ' + p.ward : ''), { name: 'present', value: p.id, 'data-name': p.displayName.toLowerCase() })));
  filter.addEventListener('input', () => {
    const q = filter.value.trim().toLowerCase();
    ticks.querySelectorAll('.check').forEach(row => {
      row.hidden = q && !row.querySelector('input').dataset.name.includes(q);
    });
  });
  const count = h('p', { 'aria-live': 'polite', class: 'muted' }, 'No one ticked yet.');
  ticks.addEventListener('change', () => {
    const n = ticks.querySelectorAll('input:checked').length;
    count.textContent = n === 1 ? '1 member ticked.' : n + ' members ticked.';
  });
  const f = form({ 'aria-label': 'Attendance register' }, [
    organisationField(organisations),
    categoryField(categories),
    field('Date of the session', { name: 'date', type: 'date', value: today(), max: today() }),
    duration('Length of the session', 'time', 'Each member who came earns this much.', 'minutes'),
    field('Session name or what was done (optional)', { name: 'description', maxlength: 500 }),
    h('fieldset', {}, h('legend', {}, 'Who came?'),
      field('Find a name', filter, 'Type part of a name to shorten the list.'), ticks, count),
    checkbox('Approve these hours now (they earn credits at once)', { name: 'approve' }),
  ], async el => {
    const memberIds = [...ticks.querySelectorAll('input:checked')].map(i => i.value);
    if (!memberIds.length) throw invalid('Tick at least one member who came.');
    const body = {
      organisationId: el.elements.organisationId.value, categoryCode: el.elements.categoryCode.value,
      date: el.elements.date.value, minutes: minutesOf(el, 'time'),
      description: el.elements.description.value.trim() || undefined, memberIds, approve: el.elements.approve.checked,
    };
    const done = await api('POST', `/v1/schemes/${scheme()}/activities/register`, { body, move: true });
    const what = `${done.count} ${done.count === 1 ? 'member' : 'members'}, ${hours(done.totalMinutes)} in all`;
    success(result, done.status === 'APPROVED' ? `Register saved and approved: ${what}.` : `Register saved: ${what}.`,
      done.status === 'APPROVED' ? 'Their credits are in their accounts now.' : h('span', {}, 'The hours earn credits once approved. ', h('a', { href: '#/approvals' }, 'Go to approvals')));
    ticks.querySelectorAll('input:checked').forEach(i => { i.checked = false; });
    count.textContent = 'No one ticked yet.';
  }, 'Save the register', result);
  page(main, 'Take a register', h('p', {}, 'Tick everyone who came to a session, then save once.'), result, f);
}

/** Category names by code, for showing activities in words. */
async function categoryNames() {
  const categories = await api('GET', `/v1/schemes/${scheme()}/categories`);
  return Object.fromEntries(categories.items.map(c => [c.code, c.name]));
}

async function approvals(main) {
  const [list, kinds] = await Promise.all([
    api('GET', `/v1/schemes/${scheme()}/activities`, { query: { status: 'PENDING', limit: 200 } }), categoryNames()]);
  const messages = h('div', {});
  const rows = list.items;
  const decide = (activity, row) => h('div', { class: 'inline' },
    h('button', { type: 'button', 'aria-label': `Approve ${hours(activity.minutes)} for ${activity.memberName}`, onclick: async e => {
      e.target.disabled = true;
      try {
        await api('POST', `/v1/activities/${encodeURIComponent(activity.id)}/approval`, { move: true });
        row.remove();
        success(messages, `Approved: ${activity.memberName} earned ${credits(activity.minutes)}.`);
      } catch (error) { e.target.disabled = false; showError(messages, error); }
    } }, 'Approve'),
    h('button', { type: 'button', class: 'secondary', 'aria-label': `Reject the hours of ${activity.memberName}`, onclick: () => rejectForm(activity, row, messages) }, 'Reject'));
  const body = table('Hours waiting for approval, newest first',
    ['Member', 'Date', 'Time', 'Kind of help', 'What was done', 'Decision'], rows,
    a => [a.memberName, date(a.date), hours(a.minutes), kinds[a.categoryCode] || a.categoryCode, a.description || '—'],
    'Nothing is waiting for approval.');
  if (rows.length) {
    body.querySelectorAll('tbody tr').forEach((tr, i) => tr.append(h('td', {}, decide(rows[i], tr))));
  }
  page(main, 'Approve hours', h('p', {}, 'Approving posts the credits to the member. You cannot approve your own hours: another coordinator must.'),
    messages, body, list.nextCursor ? h('p', {}, 'More are waiting: approve these, then reload the page.') : null);
}

function rejectForm(activity, row, messages) {
  const cell = row.lastChild;
  const f = form({ 'aria-label': 'Reject the hours of ' + activity.memberName }, [
    field('Why are these hours rejected?', { name: 'reason', maxlength: 500 }, 'The member may see this.'),
  ], async el => {
    const reason = el.elements.reason.value.trim();
    if (!reason) throw invalid('Say why the hours are rejected.', 'reason', 'Enter a reason');
    await api('POST', `/v1/activities/${encodeURIComponent(activity.id)}/rejection`, { body: { reason } });
    row.remove();
    success(messages, `Rejected the hours of ${activity.memberName}.`);
  }, 'Reject these hours');
  cell.replaceChildren(f);
  f.elements.reason.focus();
}

/** The member registered last from this tab, with their activation code, shown on their page (not kept anywhere else). */
let registered = null;

async function members(main, params) {
  const q = params.q || '';
  const status = params.status || '';
  const people = await all(`/v1/schemes/${scheme()}/members`, { q, status });
  if (!q) people.sort((a, b) => a.displayName.localeCompare(b.displayName));
  const mayRegister = STAFF.includes(session.who.role);
  const result = h('div', {});
  const registerForm = mayRegister ? form({ 'aria-label': 'Register a member', id: 'register-member' }, [
    field('Name', { name: 'displayName', maxlength: 200, autocomplete: 'off' }, 'As it should appear on their card.'),
    field('Ward or area (optional)', { name: 'ward', maxlength: 100 }),
  ], async el => {
    const body = { displayName: el.elements.displayName.value.trim(), ward: el.elements.ward.value.trim() || undefined };
    if (!body.displayName) throw invalid('Enter the member\'s name.', 'displayName', 'Enter a name');
    const created = await api('POST', `/v1/schemes/${scheme()}/members`, { body });
    // the code stays in this page's memory, never in the address: a shared computer's history keeps addresses
    registered = { id: created.id, code: created.activationCode, until: created.activationCodeExpiresAt };
    window.location.hash = '#/member?' + new URLSearchParams({ id: created.id });
  }, 'Register the member') : null;
  // the service searches names, card numbers and phones (which the list itself never shows)
  const search = form({ 'aria-label': 'Find a member', id: 'member-search', role: 'search' }, [
    field('Find a member', { name: 'q', type: 'search', value: q, maxlength: 100, autocomplete: 'off' },
      'Part of a name, a card number or a phone number.'),
    field('Show', select('status', STATUS_CHOICES.map(o => ({ ...o, selected: o.value === status })))),
  ], async el => {
    window.location.hash = '#/members?' + new URLSearchParams({ q: el.elements.q.value.trim(), status: el.elements.status.value });
  }, 'Search');
  const list = table('Members, by name', [{ label: 'Name', rowHeader: true }, 'Ward', 'Card number', 'Joined', 'Status'], people,
    p => [h('a', { href: '#/member?id=' + encodeURIComponent(p.id) }, p.displayName), p.ward || '—', cardNumber(p.cardNumber),
      date(p.createdAt), memberStatusWords(p.status)],
    q || status ? 'No member matches that search.' : 'No members yet.');
  page(main, 'Members', result,
    mayRegister ? h('section', { 'aria-labelledby': 'new-member' }, h('h2', { id: 'new-member' }, 'Register a new member'),
      h('p', {}, 'They get a card number at once, and an activation code to set up their own sign-in.'), registerForm) : null,
    h('h2', {}, q || status ? `Members found (${people.length})` : `All members (${people.length})`), search,
    q || status ? h('p', {}, h('a', { href: '#/members' }, 'Show all members')) : null, list);
  if (params.new && registerForm) registerForm.elements.displayName.focus();
}

const STATUS_CHOICES = [{ value: '', label: 'Everyone' }, { value: 'ACTIVE', label: 'Members taking part' },
  { value: 'INACTIVE', label: 'Members who left' }, { value: 'ERASED', label: 'Erased records' }];
const memberStatusWords = s => ({ ACTIVE: 'Taking part', INACTIVE: 'Left', ERASED: 'Erased' }[s] || s);
const CONTACT_CHOICES = [{ value: '', label: 'Not said' }, { value: 'PHONE', label: 'Phone' }, { value: 'EMAIL', label: 'Email' },
  { value: 'POST', label: 'Post' }, { value: 'NONE', label: 'Does not want to be contacted' }];
const contactWords = c => (CONTACT_CHOICES.find(o => o.value === c) || { label: 'Not said' }).label;

/** How to reach the member, and a form to change it with their name and ward (staff only: personal data). */
function detailsSection(person, staff) {
  const d = person.details || {};
  const facts = h('dl', { class: 'facts' },
    h('dt', {}, 'Phone'), h('dd', {}, d.phone || '—'),
    h('dt', {}, 'Email'), h('dd', {}, d.email || '—'),
    h('dt', {}, 'Postal address'), h('dd', { class: 'address' }, d.postalAddress || '—'),
    h('dt', {}, 'Prefers to be contacted by'), h('dd', {}, contactWords(d.preferredContact)),
    h('dt', {}, 'Notes'), h('dd', { class: 'address' }, d.notes || '—'));
  const edit = form({ 'aria-label': 'Edit details', id: 'edit-details', hidden: true }, [
    field('Name', { name: 'displayName', maxlength: 200, value: person.displayName, autocomplete: 'off' }),
    field('Ward or area', { name: 'ward', maxlength: 100, value: person.ward || '' }, 'Leave empty to remove it.'),
    field('Phone', { name: 'phone', type: 'tel', maxlength: 40, value: d.phone || '', autocomplete: 'off' },
      'Digits, spaces, +, - and brackets. Leave empty to remove it.'),
    field('Email', { name: 'email', type: 'email', maxlength: 254, value: d.email || '', autocomplete: 'off' }),
    field('Postal address', h('textarea', { name: 'postalAddress', maxlength: 500, rows: 3, text: d.postalAddress || '' })),
    field('Prefers to be contacted by', select('preferredContact',
      CONTACT_CHOICES.map(o => ({ ...o, selected: o.value === (d.preferredContact || '') })))),
    field('Notes', h('textarea', { name: 'notes', maxlength: 2000, rows: 3, text: d.notes || '' }),
      'Only staff see these. Leave empty to remove them.'),
  ], async el => {
    const value = name => el.elements[name].value.trim();
    if (!value('displayName')) throw invalid('Enter the member\'s name.', 'displayName', 'Enter a name');
    const body = { displayName: value('displayName'), ward: value('ward'), phone: value('phone'), email: value('email'),
      postalAddress: value('postalAddress'), notes: value('notes'), preferredContact: el.elements.preferredContact.value || undefined };
    await api('PATCH', `/v1/members/${encodeURIComponent(person.id)}`, { body });
    window.location.hash = '#/member?' + new URLSearchParams({ id: person.id, saved: 'details' });
  }, 'Save the details');
  const open = h('button', { type: 'button', class: 'secondary', 'aria-controls': 'edit-details', onclick: () => {
    edit.hidden = false;
    open.hidden = true;
    edit.elements.displayName.focus();
  } }, 'Edit details');
  return h('section', { 'aria-labelledby': 'details-h' }, h('h2', { id: 'details-h' }, 'Contact details'),
    h('p', {}, 'Personal data: only staff of the scheme see it, never other members or venues.'), facts,
    staff ? open : null, staff ? edit : null);
}

/** Mark a member as having left (with the reason), or as back. */
function leavingSection(person, messages) {
  const d = person.details || {};
  if (person.status === 'ERASED') return null;
  if (person.status === 'INACTIVE') {
    return h('section', { 'aria-labelledby': 'leaving-h' }, h('h2', { id: 'leaving-h' }, 'Left the scheme'),
      h('p', {}, `${person.displayName} left on ${date(d.deactivatedAt)}: ${d.deactivationReason || ''}. `
        + 'They cannot sign in or use their card; their credits and history are kept.'),
      h('button', { type: 'button', onclick: async e => {
        e.target.disabled = true;
        try {
          await api('POST', `/v1/members/${encodeURIComponent(person.id)}/reactivation`);
          window.location.hash = '#/member?' + new URLSearchParams({ id: person.id, saved: 'back' });
        } catch (error) { showError(messages, error); e.target.disabled = false; }
      } }, 'Mark as back'));
  }
  const leave = form({ 'aria-label': 'Mark as left', id: 'mark-left' }, [
    field('Why they left', { name: 'reason', maxlength: 500, autocomplete: 'off' }, 'For example: moved away. Only staff see it.'),
  ], async el => {
    const reason = el.elements.reason.value.trim();
    if (!reason) throw invalid('Say why they left.', 'reason', 'Enter a reason');
    await api('POST', `/v1/members/${encodeURIComponent(person.id)}/deactivation`, { body: { reason } });
    window.location.hash = '#/member?' + new URLSearchParams({ id: person.id, saved: 'left' });
  }, 'Mark as left');
  return h('section', { 'aria-labelledby': 'leaving-h' }, h('h2', { id: 'leaving-h' }, 'Leaving the scheme'),
    h('p', {}, 'A member who leaves can no longer sign in or use their card. Their credits and history are kept, '
      + 'and you can mark them as back later.'), leave);
}

const SAVED = {
  details: 'The details are saved.',
  left: 'Marked as left: they can no longer sign in or use their card.',
  back: 'Marked as back: they can sign in and use their card again.',
};

async function member(main, params) {
  const person = await api('GET', `/v1/members/${encodeURIComponent(params.id)}`);
  const staff = STAFF.includes(session.who.role);
  // the card's QR code is fetched with the rest, not after it
  const [account, vetting, activities, kinds, qr] = await Promise.all([
    api('GET', `/v1/accounts/${encodeURIComponent(person.accountId)}`),
    api('GET', `/v1/members/${encodeURIComponent(person.id)}/vetting`),
    api('GET', `/v1/schemes/${scheme()}/activities`, { query: { memberId: person.id, limit: 20 } }),
    categoryNames(),
    staff ? image(() => api('GET', `/v1/members/${encodeURIComponent(person.id)}/card/qr`, { as: 'blob', accept: 'image/svg+xml' }),
      'QR code of card number ' + cardNumber(person.cardNumber), 'qr') : null,
  ]);
  const messages = h('div', {});
  const fresh = registered && registered.id === person.id ? registered : null;
  if (!fresh) registered = null;
  page(main, person.displayName,
    SAVED[params.saved] ? notice('success', SAVED[params.saved]) : null,
    fresh ? notice('success', `${person.displayName} is registered.`,
      h('p', {}, 'Their activation code is ', h('strong', { class: 'code' }, fresh.code), '. Give it to them with their card: they use it once, at ',
        h('strong', {}, window.location.origin), ', to choose a username and password. It works until ', date(fresh.until), '.')) : null,
    messages,
    h('section', { 'aria-labelledby': 'card-h', class: 'card-section printable' }, h('h2', { id: 'card-h' }, 'Card'),
      h('div', { class: 'card-print' }, h('strong', {}, person.displayName), h('span', { class: 'number' }, cardNumber(person.cardNumber)), qr),
      staff ? h('p', { class: 'no-print' }, h('button', { type: 'button', onclick: () => window.print() }, 'Print the card')) : null),
    h('h2', {}, 'Credits'),
    h('dl', { class: 'facts' },
      h('dt', {}, 'Balance'), h('dd', {}, credits(account.balanceMinutes)),
      h('dt', {}, 'Set aside at a venue'), h('dd', {}, credits(account.heldMinutes)),
      h('dt', {}, 'Can spend now'), h('dd', {}, credits(account.availableMinutes)),
      h('dt', {}, 'Ward'), h('dd', {}, person.ward || '—'),
      h('dt', {}, 'Joined'), h('dd', {}, date(person.createdAt))),
    h('p', {}, h('a', { href: '#/exchanges?memberId=' + encodeURIComponent(person.id) }, 'Their exchanges'), ' · ',
      h('a', { href: '#/limit?id=' + encodeURIComponent(person.id) }, 'How far they may owe'),
      staff ? [' · ', h('a', { href: '#/undo-approval?memberId=' + encodeURIComponent(person.id) }, 'Undo an approval of their hours')] : null,
      session.who.role === 'ADMIN' ? [' · ', h('a', { href: '#/reverse-entry?memberId=' + encodeURIComponent(person.id) }, 'Reverse an entry in their statement'),
        ' · ', h('a', { href: '#/erase?id=' + encodeURIComponent(person.id) }, 'Erase their personal data')] : null),
    person.status === 'INACTIVE' ? notice('info', `${person.displayName} has left the scheme.`) : null,
    detailsSection(person, staff),
    h('h2', {}, 'Vetting'),
    h('p', {}, 'Safeguarding check: ', h('strong', {}, vettingWords(vetting)), '.'),
    staff ? vettingForm(person, messages) : null,
    h('h2', {}, 'Recent volunteering'),
    table('Recent volunteering, newest first', ['Date', 'Time', 'Kind of help', 'Status'], activities.items,
      a => [date(a.date), hours(a.minutes), kinds[a.categoryCode] || a.categoryCode, statusWords(a)], 'No volunteering logged yet.'),
    staff ? leavingSection(person, messages) : null,
    staff ? h('h2', {}, 'Sign-in') : null,
    staff ? h('p', {}, 'If they forgot their password, give them a new activation code.') : null,
    staff ? h('button', { type: 'button', class: 'secondary', onclick: async e => {
      e.target.disabled = true;
      try {
        const c = await api('POST', `/v1/members/${encodeURIComponent(person.id)}/activation-code`);
        success(messages, 'New activation code: ' + c.activationCode, `It works until ${date(c.expiresAt)}. The old password no longer works once they use it.`);
      } catch (error) { showError(messages, error); } finally { e.target.disabled = false; }
    } }, 'Give a new activation code') : null);
  main.dataset.print = 'card'; // printing the page prints the card alone
}

const vettingWords = v => ({ NONE: 'not recorded', PENDING: 'in progress', CLEARED: 'cleared', EXPIRED: 'expired' }[v.status] || v.status)
  + (v.checkedOn ? ' (checked ' + date(v.checkedOn) + (v.expiresOn ? ', until ' + date(v.expiresOn) : '') + ')' : '');

const statusWords = a => ({ PENDING: 'Waiting for approval', APPROVED: 'Approved', REJECTED: 'Rejected: ' + (a.rejectionReason || ''),
  REVERSED: 'Reversed: ' + (a.rejectionReason || 'approval undone') }[a.status]);

function vettingForm(person, messages) {
  return form({ 'aria-label': 'Record vetting' }, [
    field('Result', select('status', [{ value: 'CLEARED', label: 'Cleared' }, { value: 'PENDING', label: 'In progress' }, { value: 'EXPIRED', label: 'Expired' }])),
    field('Date of the check', { name: 'checkedOn', type: 'date', value: today(), max: today() }),
    field('Valid until (optional)', { name: 'expiresOn', type: 'date' }, 'Leave empty if it does not expire.'),
  ], async el => {
    const body = { status: el.elements.status.value, checkedOn: el.elements.checkedOn.value, expiresOn: el.elements.expiresOn.value || undefined };
    await api('PUT', `/v1/members/${encodeURIComponent(person.id)}/vetting`, { body });
    success(messages, 'Vetting recorded for ' + person.displayName + '.');
  }, 'Record vetting');
}

async function grant(main) {
  const people = await all(`/v1/schemes/${scheme()}/members`);
  people.sort((a, b) => a.displayName.localeCompare(b.displayName));
  const result = h('div', {});
  const f = form({ 'aria-label': 'Grant from the community pot' }, [
    field('Member in need', select('memberId', memberOptions(people))),
    duration('Credits to grant', 'amount', '1 credit is 1 hour.', 'amountMinutes'),
    field('Note (optional)', { name: 'memo', maxlength: 500 }, 'Why the grant is made; the member sees it in their statement.'),
  ], async el => {
    const body = { memberId: el.elements.memberId.value, amountMinutes: minutesOf(el, 'amount'), memo: el.elements.memo.value.trim() || undefined };
    if (!body.memberId) throw invalid('Choose the member to receive the grant.', 'memberId', 'Choose a member');
    if (body.amountMinutes < 1) throw invalid('Enter how many credits to grant: hours, minutes or both.', 'amount.hours', 'At least 1 minute');
    await api('POST', `/v1/schemes/${scheme()}/grants`, { body, move: true });
    const name = people.find(p => p.id === body.memberId).displayName;
    success(result, `Granted ${credits(body.amountMinutes)} to ${name}.`);
    el.reset();
  }, 'Make the grant', result);
  page(main, 'Grant from the community pot', h('p', {}, 'Members donate credits to the community pot; coordinators grant them to members in need.'), result, f);
}
