// Administrators and auditors: set a scheme up (categories, organisations, partners, offers,
// till keys, staff), and prove what it achieved and that its books are right (the report with
// its charts, reconciliation, downloads). Auditors see every page here, read-only.
import { api, all, session, scheme, invalid } from '../api.js';
import { confirm } from '../ask.js';
import { h, field, select, checkbox, duration, minutesOf, form, page, table, stats, success, notice, showError,
  credits, hours, date, dateTime, today, firstOfMonth, firstOfYear, download } from '../ui.js';

const ADMIN = ['ADMIN'];
const READERS = ['ADMIN', 'AUDITOR'];
const id = value => encodeURIComponent(value);
const isAdmin = () => session.who.role === 'ADMIN';

export const routes = [
  // Only the administrator of every scheme has a Schemes page in the menu: app.js filters the
  // menu by role alone, and a scheme's own ADMIN has the same role, so the label is asked late.
  { path: 'schemes', title: 'Schemes', nav: 'Schemes', group: 'Scheme', roles: ADMIN, allSchemesOnly: true, needsScheme: false, render: schemes },
  { path: 'settings', title: 'Scheme settings', nav: 'Settings', group: 'Scheme', roles: READERS, needsScheme: true, render: settings },
  { path: 'organisations', title: 'Organisations', nav: 'Organisations', group: 'Scheme', roles: READERS, needsScheme: true, render: organisations },
  { path: 'partners', title: 'Partners', nav: 'Partners', group: 'Scheme', roles: READERS, needsScheme: true, render: partners },
  { path: 'partner', title: 'Partner', roles: READERS, needsScheme: true, render: partner },
  { path: 'till-keys', title: 'Till keys', nav: 'Till keys', group: 'Scheme', roles: READERS, needsScheme: true, render: tillKeys },
  { path: 'report', title: 'Report', nav: 'Report', group: 'Checks', roles: READERS, needsScheme: true, render: report },
  { path: 'reconciliation', title: 'Check the books', nav: 'Check the books', group: 'Checks', roles: READERS, needsScheme: true, render: reconciliation },
  { path: 'downloads', title: 'Downloads', nav: 'Downloads', group: 'Checks', roles: READERS, needsScheme: true, render: downloads },
];


const section = (headingId, heading, ...content) =>
  h('section', { 'aria-labelledby': headingId }, h('h2', { id: headingId }, heading), ...content);

/** A whole number typed in a field, or undefined when it is empty. */
function wholeNumber(input, words) {
  const text = input.value.trim();
  if (!text) return undefined;
  if (!/^\d+$/.test(text)) throw invalid(`${words} must be a whole number.`, input.name, 'Enter a whole number');
  return Number(text);
}

// ---- schemes: the administrator of every scheme picks one to work on, or creates one ----

async function schemes(main) {
  const result = h('div', {});
  const known = await all('/v1/schemes');
  const choose = known.length ? form({ 'aria-label': 'Work on a scheme' }, [
    field('Scheme', select('code', known.map(k => ({ value: k.code, label: `${k.name} (${k.code})`, selected: k.code === session.schemeCode }))),
      'Every scheme you administer, by name.'),
  ], async el => {
    await openScheme(el.elements.code.value);
  }, 'Open the scheme') : h('p', { class: 'muted' }, 'There are no schemes yet: create the first one below.');
  const create = form({ 'aria-label': 'Create a scheme' }, [
    field('Name', { name: 'name', maxlength: 200, autocomplete: 'off' }, 'As members will see it, such as Castlehaven Timebank.'),
    field('Code', { name: 'code', maxlength: 32, autocapitalize: 'none', autocomplete: 'off' },
      '2 to 32 small letters, digits or dashes, starting with a letter or digit. It appears in addresses and cannot be changed.'),
    duration('How far members may go into debt (optional)', 'floor',
      'Leave empty if members may spend only the credits they have. A timebank where members may owe hours sets, say, 10 hours.'),
    field('How long a till holds credits, in minutes', { name: 'holdMinutes', type: 'number', min: 1, max: 10080, value: 15, inputmode: 'numeric', class: 'short' },
      'A sale not finished by then is cancelled and the credits released. 15 minutes suits most counters.'),
    field('How many days back hours may be logged', { name: 'backdateDays', type: 'number', min: 0, max: 3650, value: 90, inputmode: 'numeric', class: 'short' },
      '0 allows today only.'),
    duration('Most time a member may log in one week (optional)', 'cap', 'Monday to Sunday. Leave empty for no limit; some benefit rules need one.'),
    checkbox('Organisations award credits only from an allocation an administrator gives them', { name: 'allocationsRequired' }),
    field('Time zone', { name: 'timeZone', value: 'Europe/London', maxlength: 64, autocomplete: 'off' },
      'Where the scheme is, as a region name such as Europe/London: dates of volunteering are days as its clocks show them.'),
  ], async (el, messages) => {
    const floor = minutesOf(el, 'floor');
    const cap = minutesOf(el, 'cap');
    const body = {
      name: el.elements.name.value.trim(), code: el.elements.code.value.trim(),
      memberFloorMinutes: floor ? -floor : 0,
      holdMinutes: wholeNumber(el.elements.holdMinutes, 'How long a till holds credits'),
      backdateDays: wholeNumber(el.elements.backdateDays, 'How many days back hours may be logged'),
      weeklyEarnCapMinutes: cap || undefined,
      allocationsRequired: el.elements.allocationsRequired.checked,
      timeZone: el.elements.timeZone.value.trim() || undefined,
    };
    if (!body.name) throw invalid('Enter the scheme\'s name.', 'name', 'Enter a name');
    if (!body.code) throw invalid('Choose a code for the scheme.', 'code', 'Enter a code');
    const created = await api('POST', '/v1/schemes', { body });
    messages.replaceChildren();
    success(result, `${created.name} is created, with the code ${created.code}.`,
      h('button', { type: 'button', onclick: () => openScheme(created.code).catch(error => showError(result, error)) },
        'Work on ' + created.name));
    el.reset();
  }, 'Create the scheme');
  page(main, 'Schemes',
    session.schemeCode ? h('p', {}, 'You are working on the scheme ', h('strong', {}, session.schemeCode), '.') : null,
    section('choose-h', 'Work on a scheme', h('p', {}, 'You administer every scheme: choose the one to work on. You can switch at any time from this page.'), choose),
    section('create-h', 'Create a scheme', h('p', {}, 'Its code is fixed once it is created; its rules can be changed later on its Settings page.'),
      result, create));
}

async function openScheme(code) {
  try {
    await api('GET', `/v1/schemes/${id(code)}`);
  } catch (error) {
    if (error.status !== 404) throw error;
    throw invalid('That scheme is no longer there. Reload the page and choose another.', 'code', 'No such scheme');
  }
  session.schemeCode = code;
  window.location.hash = '#/dashboard';
}

// ---- settings: the scheme's rules in words, its categories, its staff ----

async function settings(main, params, flash) {
  const [rules, categories, orgs, changes] = await Promise.all([
    api('GET', `/v1/schemes/${scheme()}`),
    api('GET', `/v1/schemes/${scheme()}/categories`).then(p => p.items),
    isAdmin() ? all(`/v1/schemes/${scheme()}/organisations`) : Promise.resolve([]),
    api('GET', `/v1/schemes/${scheme()}/settings/history`, { query: { limit: 50 } }).then(p => p.items),
  ]);
  const categoryList = h('div', {}, categoryTable(categories));
  page(main, 'Scheme settings',
    flash || null,
    h('h2', {}, rules.name),
    ruleFacts(rules),
    isAdmin() ? section('rules-h', 'Change the rules',
      h('p', {}, 'A change holds from the moment it is saved: for hours logged, holds at a till and requests to pay made after it. What was recorded before stays as it was.'),
      ruleForm(main, rules)) : null,
    section('history-h', 'Changes to the rules', historyTable(changes)),
    section('categories-h', 'Kinds of help', h('p', {}, 'Every hour logged is of one of these kinds.'), categoryList,
      isAdmin() ? categoryForm(categoryList) : null),
    isAdmin() ? section('staff-h', 'Add a staff member',
      h('p', {}, 'Coordinators log and approve hours for their organisations; administrators run the scheme; auditors read the reports and the books but change nothing.'),
      staffForm(orgs)) : null);
}

// ---- changing the rules: a form in hours and days, a confirmation in words, then the history ----

const RULE_WORDS = {
  name: 'Name',
  memberFloorMinutes: 'How far members may owe',
  lowestMemberFloorMinutes: 'The most one member may be allowed to owe',
  holdMinutes: 'How long a till holds credits',
  backdateDays: 'How far back hours may be logged',
  weeklyEarnCapMinutes: 'Most time a member may log in a week',
  allocationsRequired: 'Where earned credits come from',
  timeZone: 'Time zone',
  paymentRequestDays: 'How long a request to pay waits',
};

const days = n => n === 1 ? '1 day' : `${n} days`;

/** A rule's value in words, from the API's value (a number, boolean or text; null for none). */
function ruleInWords(fieldName, value) {
  if (value === null || value === undefined) return fieldName === 'weeklyEarnCapMinutes' ? 'No limit' : 'None';
  const n = Number(value);
  switch (fieldName) {
    case 'memberFloorMinutes':
    case 'lowestMemberFloorMinutes': return n < 0 ? `Owing up to ${hours(-n)}` : 'No debt';
    case 'holdMinutes':
    case 'weeklyEarnCapMinutes': return hours(n);
    case 'backdateDays': return n === 0 ? 'Today only' : days(n);
    case 'paymentRequestDays': return days(n);
    case 'allocationsRequired': return String(value) === 'true' ? 'Organisations\' allocations' : 'New credits for each hour approved';
    default: return String(value);
  }
}

/** Puts a number of minutes into a duration() fieldset's two boxes (empty for none). */
function fillDuration(el, name, minutes) {
  el.querySelector(`[name="${name}.hours"]`).value = minutes ? Math.floor(minutes / 60) : '';
  el.querySelector(`[name="${name}.minutes"]`).value = minutes ? minutes % 60 : '';
}

function ruleForm(main, s) {
  const place = h('div', {});
  const floor = duration('How far members may owe', 'floor',
    'Every member on the scheme\'s usual limit gets the new one; a member given a limit of their own keeps it. Leave empty for no debt.');
  const lowest = duration('The most one member may be allowed to owe', 'lowest',
    'The highest limit an administrator may give one member on their page: at least the usual one.');
  const hold = duration('How long a till holds credits', 'hold', 'A sale not finished by then is cancelled and its credits released. At most a week.', 'holdMinutes');
  const cap = duration('Most time a member may log in one week', 'cap', 'Monday to Sunday. Leave empty for no limit.', 'weeklyEarnCapMinutes');
  const allocations = checkbox('Organisations award credits only from an allocation an administrator gives them',
    { name: 'allocationsRequired', checked: s.allocationsRequired });
  const f = form({ 'aria-label': 'Change the rules' }, [
    field('Name', { name: 'name', maxlength: 200, autocomplete: 'off', value: s.name }),
    floor, lowest, hold,
    field('How many days back hours may be logged', { name: 'backdateDays', type: 'number', min: 0, max: 3650, value: s.backdateDays, inputmode: 'numeric', class: 'short' },
      '0 allows today only; at most 3650 (ten years).'),
    cap, allocations,
    field('How many days a request to pay waits for an answer', { name: 'paymentRequestDays', type: 'number', min: 1, max: 365, value: s.paymentRequestDays, inputmode: 'numeric', class: 'short' },
      'From 1 to 365.'),
    field('Time zone', { name: 'timeZone', value: s.timeZone, maxlength: 64, autocomplete: 'off' },
      'A region name such as Europe/London: dates of volunteering are days as its clocks show them.'),
  ], async el => {
    const body = {};
    const name = el.elements.name.value.trim();
    if (!name) throw invalid('Enter the scheme\'s name.', 'name', 'Enter a name');
    if (name !== s.name) body.name = name;
    const owe = minutesOf(el, 'floor');
    const most = minutesOf(el, 'lowest');
    if (owe > 6000000) throw invalid('Members may owe at most 100,000 hours.', 'floor.hours', 'Too many hours');
    if (most > 6000000) throw invalid('One member may be allowed to owe at most 100,000 hours.', 'lowest.hours', 'Too many hours');
    if (most < owe) throw invalid(`The most one member may be allowed to owe (${hours(most)}) must be at least what every member may owe (${hours(owe)}). Raise it too.`, 'lowest.hours', 'Raise this');
    if (-owe !== s.memberFloorMinutes) body.memberFloorMinutes = -owe;
    if (-most !== s.lowestMemberFloorMinutes) body.lowestMemberFloorMinutes = -most;
    const holdFor = minutesOf(el, 'hold');
    if (holdFor < 1 || holdFor > 10080) throw invalid('A till holds credits for at least 1 minute and at most a week (168 hours).', 'hold.hours', 'Between 1 minute and 168 hours');
    if (holdFor !== s.holdMinutes) body.holdMinutes = holdFor;
    const back = wholeNumber(el.elements.backdateDays, 'How many days back hours may be logged');
    if (back === undefined || back > 3650) throw invalid('Hours may be logged from 0 (today only) to 3650 days back.', 'backdateDays', 'From 0 to 3650');
    if (back !== s.backdateDays) body.backdateDays = back;
    const week = minutesOf(el, 'cap');
    if (week > 10080) throw invalid('A week has 168 hours: the weekly limit can be at most that.', 'cap.hours', 'At most 168 hours');
    if ((week || null) !== (s.weeklyEarnCapMinutes || null)) body.weeklyEarnCapMinutes = week || null;
    if (el.elements.allocationsRequired.checked !== s.allocationsRequired) body.allocationsRequired = el.elements.allocationsRequired.checked;
    const wait = wholeNumber(el.elements.paymentRequestDays, 'How many days a request to pay waits');
    if (wait === undefined || wait < 1 || wait > 365) throw invalid('A request to pay waits from 1 to 365 days.', 'paymentRequestDays', 'From 1 to 365');
    if (wait !== s.paymentRequestDays) body.paymentRequestDays = wait;
    const zone = el.elements.timeZone.value.trim();
    if (!zone) throw invalid('Enter a time zone such as Europe/London.', 'timeZone', 'Enter a time zone');
    if (zone !== s.timeZone) body.timeZone = zone;
    const fields = Object.keys(body);
    if (!fields.length) throw invalid('Nothing is different from the rules as they are: change a rule first.', null);
    confirm(place, 'Change these rules?', [
      h('ul', {}, fields.map(k => h('li', {}, `${RULE_WORDS[k]}: ${ruleInWords(k, s[k])}, from now on ${ruleInWords(k, body[k])}.`))),
      'memberFloorMinutes' in body ? h('p', {}, 'Members on the usual limit get the new one at once; a member who owes more than it keeps what they owe, but cannot pay more until they are within it.') : null,
    ], 'Yes, change the rules', async () => {
      await api('PATCH', `/v1/schemes/${scheme()}`, { body });
      await settings(main, {}, notice('success', 'The rules are changed.', 'The change is in the list of changes below.'));
    }, () => { place.replaceChildren(f); f.querySelector('input').focus(); });
  }, 'Check the change');
  fillDuration(f, 'floor', -s.memberFloorMinutes);
  fillDuration(f, 'lowest', -s.lowestMemberFloorMinutes);
  fillDuration(f, 'hold', s.holdMinutes);
  fillDuration(f, 'cap', s.weeklyEarnCapMinutes);
  place.append(f);
  return place;
}

function historyTable(changes) {
  return table('Changes to the rules, newest first', ['When', 'Rule', 'Before', 'After', 'Changed by'], changes,
    c => [dateTime(c.changedAt), RULE_WORDS[c.field] || c.field, ruleInWords(c.field, c.before), ruleInWords(c.field, c.after),
      c.changedByName || 'an administrator'],
    'The rules have not changed since the scheme was created.');
}

function ruleFacts(s) {
  const facts = [
    ['Code', s.code],
    ['Started', date(s.createdAt)],
    ['Lowest balance a member may reach', s.memberFloorMinutes < 0
      ? `${credits(s.memberFloorMinutes)}: members may owe up to ${hours(-s.memberFloorMinutes)}`
      : '0 credits: members spend only the credits they have'],
    ['The most an administrator may let one member owe', s.lowestMemberFloorMinutes < 0
      ? hours(-s.lowestMemberFloorMinutes) : 'Nothing: no member may go into debt'],
    ['How long a request to pay waits for an answer', s.paymentRequestDays === 1 ? '1 day' : `${s.paymentRequestDays} days`],
    ['How long a till holds credits', `${hours(s.holdMinutes)}: a sale not finished by then is cancelled and its credits released`],
    ['How far back hours may be logged', s.backdateDays === 0 ? 'Today only' : `${s.backdateDays} ${s.backdateDays === 1 ? 'day' : 'days'}`],
    ['Most time a member may log in a week', s.weeklyEarnCapMinutes ? hours(s.weeklyEarnCapMinutes) + ' (Monday to Sunday)' : 'No limit'],
    ['Where earned credits come from', s.allocationsRequired
      ? 'Each organisation\'s allocation: an organisation awards at most what it was given'
      : 'New credits are created for each hour approved'],
    ['Time zone', `${s.timeZone} (dates are days as clocks there show them)`],
  ];
  return h('dl', { class: 'facts' }, facts.map(([term, words]) => [h('dt', {}, term), h('dd', {}, words)]));
}

function categoryTable(categories) {
  return table('Kinds of help, by code', [{ label: 'Name', rowHeader: true }, 'Code', 'Needs a safeguarding check'], categories,
    c => [c.name, c.code, c.requiresVetting ? 'Yes: only members whose vetting is cleared earn for it' : 'No'],
    'No kinds of help yet: add one before anyone logs hours.');
}

function categoryForm(list) {
  return form({ 'aria-label': 'Add a kind of help' }, [
    field('Name of the kind of help', { name: 'name', maxlength: 200, autocomplete: 'off' }, 'Such as Shopping, Befriending or Gardening.'),
    field('Short code', { name: 'code', maxlength: 40, autocapitalize: 'none', autocomplete: 'off' },
      'Small letters, digits and dashes, such as befriending. Reports and downloads use it; it cannot be changed.'),
    checkbox('Needs a safeguarding check (vetting) before a member earns for it', { name: 'requiresVetting' }),
  ], async (el, messages) => {
    const body = { name: el.elements.name.value.trim(), code: el.elements.code.value.trim(), requiresVetting: el.elements.requiresVetting.checked };
    if (!body.name) throw invalid('Enter the name of the kind of help.', 'name', 'Enter a name');
    if (!body.code) throw invalid('Enter a short code for it.', 'code', 'Enter a code');
    const created = await api('POST', `/v1/schemes/${scheme()}/categories`, { body });
    const categories = (await api('GET', `/v1/schemes/${scheme()}/categories`)).items;
    list.replaceChildren(categoryTable(categories));
    el.reset();
    success(messages, `Added the kind of help ${created.name}.`);
  }, 'Add the kind of help');
}

const ROLE_WORDS = { COORDINATOR: 'coordinator', ADMIN: 'administrator', AUDITOR: 'auditor' };

function staffForm(orgs) {
  const organisationsBox = h('fieldset', {},
    h('legend', {}, 'Organisations they coordinate'),
    h('span', { class: 'hint' }, 'Tick at least one: they log and approve hours for these only.'),
    orgs.length ? orgs.map(o => checkbox(o.name, { name: 'organisationIds', value: o.id }))
      : h('p', {}, 'There are no organisations yet: ', h('a', { href: '#/organisations' }, 'add one'), ' first.'));
  const role = select('role', Object.entries(ROLE_WORDS).map(([value, label]) => ({ value, label: label[0].toUpperCase() + label.slice(1) })));
  role.addEventListener('change', () => { organisationsBox.hidden = role.value !== 'COORDINATOR'; });
  return form({ 'aria-label': 'Add a staff member' }, [
    field('Role', role),
    organisationsBox,
    field('Their username', { name: 'username', maxlength: 100, autocapitalize: 'none', autocomplete: 'off' },
      '3 to 100 letters, digits, dots, dashes, underscores or @. An email address will do.'),
    field('A first password for them', { name: 'password', type: 'password', autocomplete: 'new-password' },
      'At least 10 characters. Give it to them in person.'),
  ], async (el, messages) => {
    const body = { role: role.value, username: el.elements.username.value.trim(), password: el.elements.password.value };
    if (body.role === 'COORDINATOR') {
      body.organisationIds = [...el.querySelectorAll('input[name="organisationIds"]:checked')].map(i => i.value);
      if (!body.organisationIds.length) throw invalid('Tick the organisations the coordinator acts for.');
    }
    const created = await api('POST', `/v1/schemes/${scheme()}/staff`, { body });
    el.reset();
    organisationsBox.hidden = false;
    success(messages, `Added ${created.username} as ${ROLE_WORDS[created.role]}.`,
      h('p', {}, 'Give them their username and password. They sign in at ', h('strong', {}, window.location.origin), '.'));
  }, 'Add the staff member');
}

// ---- organisations ----

async function organisations(main) {
  const list = h('div', {}, await organisationTable());
  page(main, 'Organisations',
    h('p', {}, 'The voluntary groups where members volunteer. Each has its own account: it may receive donations, and hold an allocation to award credits from.'),
    list,
    isAdmin() ? section('new-org-h', 'Add an organisation', organisationForm(list)) : null);
}

async function organisationTable() {
  const orgs = await all(`/v1/schemes/${scheme()}/organisations`);
  const balances = await balancesOf(orgs);
  orgs.sort((a, b) => a.name.localeCompare(b.name));
  return table(`Organisations (${orgs.length}), by name`, [{ label: 'Name', rowHeader: true }, 'Ward or area', { label: 'Credits in its account', num: true }, 'Added'], orgs,
    o => [o.name, o.ward || '—', balances.has(o.accountId) ? credits(balances.get(o.accountId)) : '—', date(o.createdAt)],
    'No organisations yet.');
}

/** Each party's balance by account id; for a long list only the first hundred, one request each. */
async function balancesOf(parties) {
  const accounts = await Promise.all(parties.slice(0, 100).map(p => api('GET', `/v1/accounts/${id(p.accountId)}`)));
  return new Map(accounts.map(a => [a.id, a.balanceMinutes]));
}

function partyFields(what) {
  return [
    field('Name', { name: 'name', maxlength: 200, autocomplete: 'off' }, `As members will see the ${what}.`),
    field('Ward or area (optional)', { name: 'ward', maxlength: 100 }),
  ];
}

function partyBody(el, what) {
  const body = { name: el.elements.name.value.trim(), ward: el.elements.ward.value.trim() || undefined };
  if (!body.name) throw invalid(`Enter the ${what}'s name.`, 'name', 'Enter a name');
  return body;
}

function organisationForm(list) {
  return form({ 'aria-label': 'Add an organisation' }, partyFields('organisation'), async (el, messages) => {
    const created = await api('POST', `/v1/schemes/${scheme()}/organisations`, { body: partyBody(el, 'organisation') });
    list.replaceChildren(await organisationTable());
    el.reset();
    success(messages, `Added the organisation ${created.name}.`,
      h('p', {}, 'Add its coordinators on the ', h('a', { href: '#/settings' }, 'settings page'), '.'));
  }, 'Add the organisation');
}

// ---- partners, their offers, statement and settlement ----

async function partners(main) {
  const list = h('div', {}, await partnerTable());
  page(main, 'Partners',
    h('p', {}, 'The venues where members spend credits: leisure centres, shops, the council. Choose one to see its offers, what it took in, and to settle with it.'),
    list,
    isAdmin() ? section('new-partner-h', 'Add a partner', partnerForm(list)) : null);
}

async function partnerTable() {
  const venues = await all(`/v1/schemes/${scheme()}/partners`);
  const balances = await balancesOf(venues);
  venues.sort((a, b) => a.name.localeCompare(b.name));
  return table(`Partners (${venues.length}), by name`, [{ label: 'Name', rowHeader: true }, 'Ward or area', { label: 'Taken in, not yet settled', num: true }, 'Added'], venues,
    p => [h('a', { href: '#/partner?id=' + id(p.id) }, p.name), p.ward || '—',
      balances.has(p.accountId) ? credits(balances.get(p.accountId)) : '—', date(p.createdAt)],
    'No partners yet.');
}

function partnerForm(list) {
  return form({ 'aria-label': 'Add a partner' }, partyFields('venue'), async (el, messages) => {
    const created = await api('POST', `/v1/schemes/${scheme()}/partners`, { body: partyBody(el, 'partner') });
    list.replaceChildren(await partnerTable());
    el.reset();
    success(messages, `Added the partner ${created.name}.`,
      h('p', {}, h('a', { href: '#/partner?id=' + id(created.id) }, 'Publish its offers'), ', then ',
        h('a', { href: '#/till-keys?partner=' + id(created.id) }, 'give it a till key'), '.'));
  }, 'Add the partner');
}


async function partner(main, params) {
  const venue = await api('GET', `/v1/partners/${id(params.id)}`);
  const [account, offers, settled, statement] = await Promise.all([
    api('GET', `/v1/accounts/${id(venue.accountId)}`),
    api('GET', `/v1/partners/${id(venue.id)}/offers`).then(p => p.items),
    api('GET', `/v1/partners/${id(venue.id)}/settlements`).then(p => p.items),
    api('GET', `/v1/partners/${id(venue.id)}/redemptions`, { query: { from: new Date(firstOfMonth() + 'T00:00:00').toISOString() } }),
  ]);
  const messages = h('div', {});
  const offerList = h('div', {});
  const showOffers = list => offerList.replaceChildren(offerTable(venue, list, messages, showOffers));
  showOffers(offers);
  page(main, venue.name,
    h('p', {}, h('a', { href: '#/partners' }, 'All partners'), ' · ', h('a', { href: '#/till-keys?partner=' + id(venue.id) }, 'Its till keys')),
    messages,
    h('dl', { class: 'facts' },
      h('dt', {}, 'Ward or area'), h('dd', {}, venue.ward || '—'),
      h('dt', {}, 'Taken in, not yet settled'), h('dd', {}, credits(account.balanceMinutes)),
      h('dt', {}, 'Added'), h('dd', {}, date(venue.createdAt))),
    section('offers-h', 'Offers', h('p', {}, 'What members can spend credits on here. A withdrawn offer can no longer be sold at the till; it can be offered again.'),
      offerList, isAdmin() ? offerForm(venue, showOffers) : null),
    section('statement-h', 'Taken in this month',
      h('p', {}, `${statement.totals.count} ${statement.totals.count === 1 ? 'sale' : 'sales'} since ${date(firstOfMonth())}: ${credits(statement.totals.capturedMinutes)} spent, ${credits(statement.totals.refundedMinutes)} refunded, ${credits(statement.totals.netMinutes)} in all.`),
      table('Sales this month, oldest first', ['When', 'What', 'Member', 'Status', { label: 'Credits', num: true }], statement.items,
        r => [dateTime(r.createdAt), r.offerTitle || 'An amount', r.memberFirstName, SALE_WORDS[r.status] || r.status,
          credits(r.capturedMinutes !== undefined ? r.capturedMinutes - r.refundedMinutes : r.amountMinutes)], 'No sales this month.')),
    section('settle-h', 'Settlements',
      h('p', {}, 'Settling takes what the partner took in out of circulation, so the council can pay the partner back or account for it.'),
      table('Settlements, oldest first', ['Settled on', 'Up to', { label: 'Credits', num: true }], settled,
        s => [date(s.createdAt), dateTime(s.upTo), credits(s.amountMinutes)], 'Not settled yet.'),
      isAdmin() ? settlementForm(venue) : null));
}

const SALE_WORDS = { HELD: 'Set aside, not finished', CAPTURED: 'Spent', VOIDED: 'Cancelled', EXPIRED: 'Timed out' };

function offerTable(venue, offers, messages, showOffers) {
  const columns = [{ label: 'Offer', rowHeader: true }, { label: 'Price', num: true }, 'Most sold a week', 'Status'];
  const body = table(`Offers of ${venue.name}`, isAdmin() ? [...columns, 'Change'] : columns, offers,
    o => [o.title, credits(o.amountMinutes), o.weeklyQuota ? String(o.weeklyQuota) : 'No limit', o.active ? 'On offer' : 'Withdrawn'],
    'No offers yet.');
  if (isAdmin() && offers.length) {
    const reload = async () => showOffers((await api('GET', `/v1/partners/${id(venue.id)}/offers`)).items);
    body.querySelectorAll('tbody tr').forEach((tr, i) => {
      const offer = offers[i];
      const cell = h('td', {});
      const toggle = h('button', { type: 'button', class: 'secondary', onclick: async () => {
        toggle.disabled = true;
        try {
          await api('PATCH', `/v1/offers/${id(offer.id)}`, { body: { active: !offer.active } });
          await reload();
          success(messages, offer.active ? `Withdrew ${offer.title}.` : `${offer.title} is on offer again.`);
        } catch (error) { toggle.disabled = false; showError(messages, error); }
      } }, offer.active ? 'Withdraw ' + offer.title : 'Offer ' + offer.title + ' again');
      const change = h('button', { type: 'button', class: 'secondary', onclick: () => cell.replaceChildren(changeOfferForm(offer, reload, messages)) },
        'Change ' + offer.title);
      cell.append(h('div', { class: 'inline' }, toggle, change));
      tr.append(cell);
    });
  }
  return body;
}

function changeOfferForm(offer, reload, messages) {
  const f = form({ 'aria-label': 'Change ' + offer.title }, [
    field('Title', { name: 'title', value: offer.title, maxlength: 200 }),
    duration('Price', 'price', `Now ${credits(offer.amountMinutes)}. Leave empty to keep it.`, 'amountMinutes'),
    field('Most sold in a week', { name: 'weeklyQuota', type: 'number', min: 0, inputmode: 'numeric', class: 'short', value: offer.weeklyQuota || 0 },
      '0 for no limit.'),
  ], async el => {
    const body = { title: el.elements.title.value.trim(), weeklyQuota: wholeNumber(el.elements.weeklyQuota, 'The weekly limit') || 0 };
    const price = minutesOf(el, 'price');
    if (price) body.amountMinutes = price;
    if (!body.title) throw invalid('Enter the offer\'s title.', 'title', 'Enter a title');
    const changed = await api('PATCH', `/v1/offers/${id(offer.id)}`, { body });
    await reload();
    success(messages, `Changed ${changed.title}: ${credits(changed.amountMinutes)}.`);
  }, 'Save the changes');
  setTimeout(() => f.elements.title.focus(), 0);
  return f;
}

function offerForm(venue, showOffers) {
  return form({ 'aria-label': 'Publish an offer' }, [
    h('h3', {}, 'Publish an offer'),
    field('What is offered', { name: 'title', maxlength: 200, autocomplete: 'off' }, 'Such as Swim session or 10% off a meal.'),
    duration('Price', 'price', '1 credit is 1 hour. A till takes this much for one.', 'amountMinutes'),
    field('Most sold in a week (optional)', { name: 'weeklyQuota', type: 'number', min: 1, inputmode: 'numeric', class: 'short' },
      'Leave empty for no limit. Weeks start on Monday.'),
  ], async (el, messages) => {
    const body = { title: el.elements.title.value.trim(), amountMinutes: minutesOf(el, 'price'), weeklyQuota: wholeNumber(el.elements.weeklyQuota, 'The weekly limit') };
    if (!body.title) throw invalid('Say what is offered.', 'title', 'Enter a title');
    const created = await api('POST', `/v1/partners/${id(venue.id)}/offers`, { body });
    showOffers((await api('GET', `/v1/partners/${id(venue.id)}/offers`)).items);
    el.reset();
    success(messages, `Published ${created.title} at ${credits(created.amountMinutes)}.`);
  }, 'Publish the offer');
}

function settlementForm(venue) {
  return form({ 'aria-label': 'Settle with ' + venue.name }, [
    field('Settle what was taken in up to the end of', { name: 'upTo', type: 'date', value: today(), max: today() },
      'Sales after that day are left for a later settlement.'),
  ], async (el, messages) => {
    const day = el.elements.upTo.value;
    if (!day) throw invalid('Choose the last day to settle.', 'upTo', 'Choose a day');
    const end = new Date(day + 'T23:59:59');
    const upTo = (end > new Date() ? new Date() : end).toISOString();
    const done = await api('POST', `/v1/partners/${id(venue.id)}/settlements`, { body: { upTo }, move: true });
    success(messages, `Settled ${credits(done.amountMinutes)} with ${venue.name}.`, 'Reload the page to see it listed.');
  }, 'Settle');
}

// ---- till keys ----

async function tillKeys(main, params) {
  const venues = (await all(`/v1/schemes/${scheme()}/partners`)).sort((a, b) => a.name.localeCompare(b.name));
  if (!venues.length) {
    page(main, 'Till keys', h('p', {}, 'Each partner\'s tills sign in with a till key. There are no partners yet: ',
      h('a', { href: '#/partners' }, 'add one'), ' first.'));
    return;
  }
  const venue = venues.find(v => v.id === params.partner) || venues[0];
  const picker = form({ 'aria-label': 'Choose a partner' }, [
    field('Partner', select('partner', venues.map(v => ({ value: v.id, label: v.name, selected: v.id === venue.id })))),
  ], async el => { window.location.hash = '#/till-keys?partner=' + id(el.elements.partner.value); }, 'Show its till keys');
  const messages = h('div', {});
  const list = h('div', {});
  const showKeys = async () => list.replaceChildren(keyTable(venue, (await api('GET', `/v1/partners/${id(venue.id)}/api-keys`)).items, messages, showKeys));
  await showKeys();
  page(main, 'Till keys',
    h('p', {}, 'A till key lets one till of a partner take credits for its offers, from the partner\'s own till system or from a browser at ',
      h('strong', {}, 'Start a till'), ' on the sign-in page. Revoke a key when a till is lost or replaced.'),
    picker,
    section('keys-h', 'Till keys of ' + venue.name, messages, list, isAdmin() ? keyForm(venue, showKeys) : null));
}

function keyTable(venue, keys, messages, showKeys) {
  const columns = [{ label: 'Till', rowHeader: true }, 'Created', 'Last used', 'Status'];
  const body = table(`Till keys of ${venue.name}`, isAdmin() ? [...columns, 'Revoke'] : columns, keys,
    k => [k.label, date(k.createdAt), k.lastUsedAt ? dateTime(k.lastUsedAt) : 'Never', k.revokedAt ? 'Revoked ' + date(k.revokedAt) : 'Working'],
    'No till keys yet.');
  if (isAdmin() && keys.length) {
    body.querySelectorAll('tbody tr').forEach((tr, i) => {
      const key = keys[i];
      const cell = h('td', {});
      if (!key.revokedAt) cell.append(revokeButton(key, cell, messages, showKeys));
      tr.append(cell);
    });
  }
  return body;
}

/** Revoking cannot be undone (the till needs a new key), so it asks first. */
function revokeButton(key, cell, messages, showKeys) {
  const ask = () => {
    const yes = h('button', { type: 'button', class: 'danger', onclick: async () => {
      yes.disabled = true;
      try {
        await api('DELETE', `/v1/api-keys/${id(key.id)}`);
        await showKeys();
        success(messages, `Revoked the till key ${key.label}.`, 'That till can no longer take credits. Give it a new key if it should.');
      } catch (error) { yes.disabled = false; showError(messages, error); }
    } }, 'Yes, revoke ' + key.label);
    const no = h('button', { type: 'button', class: 'secondary', onclick: () => { cell.replaceChildren(revokeButton(key, cell, messages, showKeys)); cell.querySelector('button').focus(); } },
      'Keep ' + key.label);
    cell.replaceChildren(h('p', {}, `Revoke ${key.label}? The till stops working at once; this cannot be undone.`), h('div', { class: 'inline' }, yes, no));
    no.focus();
  };
  return h('button', { type: 'button', class: 'secondary', onclick: ask }, 'Revoke ' + key.label);
}

function keyForm(venue, showKeys) {
  const shown = h('div', {});
  const f = form({ 'aria-label': 'Create a till key' }, [
    h('h3', {}, 'Create a till key'),
    field('Name of the till', { name: 'label', maxlength: 100, autocomplete: 'off' }, 'Where it is, such as Front desk, so you know which key to revoke.'),
  ], async el => {
    const label = el.elements.label.value.trim();
    if (!label) throw invalid('Name the till the key is for.', 'label', 'Enter a name');
    const created = await api('POST', `/v1/partners/${id(venue.id)}/api-keys`, { body: { label } });
    el.reset();
    await showKeys();
    const box = notice('success', `The till key for ${created.label}:`,
      h('p', { class: 'secret' }, h('code', { class: 'till-key' }, created.key)),
      h('p', {}, h('strong', {}, 'It is shown only this once.'), ' Copy it now, or write it down: it cannot be shown again. If it is lost, revoke it and create another.'),
      h('p', {}, 'At the till, open ', h('strong', {}, window.location.origin), ', choose ', h('strong', {}, 'Start a till'),
        ' on the sign-in page, and enter this key.'));
    shown.replaceChildren(box);
    box.focus();
  }, 'Create the till key');
  return h('div', {}, shown, f);
}

// ---- the report, with its charts ----


async function report(main, params) {
  const from = params.from || firstOfYear();
  const to = params.to || today();
  const months = monthsOf(from, to);
  const [summary, monthly] = await Promise.all([
    api('GET', `/v1/schemes/${scheme()}/reports/summary`, { query: { from, to } }),
    Promise.all(months.map(m => api('GET', `/v1/schemes/${scheme()}/reports/summary`, { query: { from: m.from, to: m.to } }))),
  ]);
  const messages = h('div', {});
  const c = summary.credits;
  page(main, 'Report',
    periodForm('report', from, to, 'Show the report'),
    h('p', { class: 'lead' }, `From ${date(summary.from)} to ${date(summary.to)}, both days included.`),
    messages,
    stats([
      [hours(summary.minutesVolunteered), 'volunteered'],
      [summary.activeVolunteers, 'active volunteers'],
      [hours(summary.minutesExchanged), 'exchanged between members'],
      [summary.activeMembers, 'members who helped (volunteering or exchanges)'],
      [summary.newMembers, 'new members'],
      [summary.inactiveMembers, 'members who have left'],
      [summary.approvedActivities, 'times hours were approved'],
    ]),
    section('credits-h', 'Credits',
      stats([
        [credits(c.issued), 'issued: new credits created, mostly for hours approved'],
        [credits(c.redeemed), 'redeemed: spent at partner venues'],
        [credits(c.given), 'given by one member to another'],
        [credits(c.donated), 'donated to groups or the community pot'],
        [credits(summary.outstanding.total), `outstanding: held by members, groups and venues on ${date(summary.to)}`],
      ]),
      h('p', {}, summary.identity.holds
        ? 'Check: all credits ever issued, less those retired, equal the credits outstanding. Every credit is accounted for.'
        : h('strong', {}, 'Warning: credits issued less credits retired do not equal the credits outstanding. Check the books.')),
      h('p', {}, h('button', { type: 'button', class: 'secondary', onclick: () => downloadSummary(from, to, messages) }, 'Download this report (CSV)'))),
    section('charts-h', 'Charts',
      h('p', {}, 'Each chart has a table with the same figures below it.'),
      monthChart(months, monthly),
      barChart('category', 'Hours volunteered by kind of help', summary.byCategory.map(r => ({ name: r.name, minutes: r.minutesVolunteered })),
        minutes => hoursShort(minutes),
        table('Hours volunteered by kind of help', [{ label: 'Kind of help', rowHeader: true }, { label: 'Hours', num: true }, { label: 'Volunteers', num: true }, { label: 'Times approved', num: true }],
          summary.byCategory, r => [r.name, hours(r.minutesVolunteered), r.volunteers, r.activities], 'No hours approved in this period.')),
      barChart('ward', 'Hours volunteered by ward', summary.byWard.map(r => ({ name: r.ward, minutes: r.minutesVolunteered })),
        minutes => hoursShort(minutes),
        table('Hours volunteered by ward', [{ label: 'Ward', rowHeader: true }, { label: 'Hours', num: true }, { label: 'Volunteers', num: true }, { label: 'New members', num: true }],
          summary.byWard, r => [r.ward, hours(r.minutesVolunteered), r.volunteers, r.newMembers], 'No hours approved in this period.')),
      creditChart(summary)),
    section('more-h', 'By organisation and partner',
      table('Hours volunteered by organisation', [{ label: 'Organisation', rowHeader: true }, { label: 'Hours', num: true }, { label: 'Volunteers', num: true }],
        summary.byOrganisation, r => [r.name, hours(r.minutesVolunteered), r.volunteers], 'No hours approved in this period.'),
      table('Credits spent at each partner', [{ label: 'Partner', rowHeader: true }, { label: 'Spent', num: true }, { label: 'Refunded', num: true }, { label: 'Settled', num: true }],
        summary.byPartner, r => [r.name, credits(r.redeemedMinutes), credits(r.refundedMinutes), credits(r.settledMinutes)], 'Nothing spent at partners in this period.')));
}

/** The period picker: From and To days, which reload the page's address with them. */
function periodForm(path, from, to, label) {
  return form({ 'aria-label': 'Period', class: 'period' }, [
    h('div', { class: 'inline' },
      field('From', { name: 'from', type: 'date', value: from, max: today() }),
      field('To', { name: 'to', type: 'date', value: to, max: today() })),
    h('p', { class: 'hint' }, 'Both days included. ', h('a', { href: `#/${path}?from=${firstOfYear()}&to=${today()}` }, 'This year'), ' · ',
      h('a', { href: `#/${path}?from=${yearAgo()}&to=${today()}` }, 'The last 12 months')),
  ], async el => {
    const period = { from: el.elements.from.value, to: el.elements.to.value };
    if (!period.from || !period.to) throw invalid('Choose both the first and the last day.');
    if (period.from > period.to) throw invalid('The first day must come before the last.', 'to', 'After the first day');
    window.location.hash = `#/${path}?` + new URLSearchParams(period);
  }, label);
}

function yearAgo() {
  const d = new Date(today() + 'T12:00:00');
  d.setFullYear(d.getFullYear() - 1);
  d.setDate(d.getDate() + 1);
  return d.toLocaleDateString('en-CA');
}

/** The most months the monthly chart shows: a longer period shows its last 24. */
const MOST_MONTHS = 24;

/**
 * The calendar months of the period from `from` to `to`, oldest first: the first starts on
 * `from`, the last ends on `to` (both may be part months), at most MOST_MONTHS of them.
 */
function monthsOf(from, to) {
  const [fy, fm] = from.split('-').map(Number);
  const [ty, tm] = to.split('-').map(Number);
  const count = Math.min(Math.max((ty - fy) * 12 + (tm - fm) + 1, 1), MOST_MONTHS);
  const months = [];
  for (let i = count - 1; i >= 0; i--) {
    const start = new Date(ty, tm - 1 - i, 1, 12);
    const end = new Date(ty, tm - i, 0, 12);
    const first = start.toLocaleDateString('en-CA');
    months.push({
      from: first < from ? from : first,
      to: i === 0 ? to : end.toLocaleDateString('en-CA'),
      name: start.toLocaleDateString('en-GB', { month: 'long', year: 'numeric' }),
      short: start.toLocaleDateString('en-GB', { month: 'short' }),
    });
  }
  return months;
}

async function downloadSummary(from, to, messages) {
  try {
    await download(() => api('GET', `/v1/schemes/${scheme()}/reports/summary`, { query: { from, to, format: 'csv' }, as: 'blob', accept: 'text/csv' }),
      `report-${session.schemeCode}-${from}-to-${to}.csv`);
  } catch (error) {
    showError(messages, error.next ? error : { message: 'The file could not be downloaded.', next: 'Try again.' });
  }
}

/** "12.5 hours": short enough for a chart's label; the table beside it gives hours and minutes. */
function hoursShort(minutes) {
  const value = Math.round(minutes / 6) / 10;
  return value === 1 ? '1 hour' : value + ' hours';
}

// Charts are SVG drawn here, with no library: the console loads nothing from elsewhere. Each is
// an image with a title for screen readers, and the table after it gives the same figures.
const SVG = 'http://www.w3.org/2000/svg';
let charts = 0;

function svg(tag, attrs, ...children) {
  const el = document.createElementNS(SVG, tag);
  Object.entries(attrs || {}).forEach(([k, v]) => { if (v !== undefined && v !== null) el.setAttribute(k, v); });
  children.forEach(c => el.append(c instanceof Node ? c : document.createTextNode(String(c))));
  return el;
}

/** A chart in a figure: a visible heading, the drawing (an image titled for screen readers), and its table. */
function figure(heading, summaryWords, width, height, shapes, dataTable) {
  const n = ++charts;
  // the figure's heading already says what the table holds: its caption is for screen readers
  const caption = dataTable.querySelector('caption');
  if (caption) caption.classList.add('visually-hidden');
  const drawing = svg('svg', { role: 'img', 'aria-labelledby': `chart-${n}-title`, viewBox: `0 0 ${width} ${height}`, focusable: 'false' },
    svg('title', { id: `chart-${n}-title` }, `Chart: ${heading}. ${summaryWords} The table after the chart gives the figures.`),
    ...shapes);
  return h('figure', { class: 'chart-figure' },
    h('figcaption', {}, h('h3', {}, heading)),
    h('div', { class: 'chart' }, drawing),
    dataTable);
}

const WIDTH = 400;

function monthChart(months, monthly) {
  const values = monthly.map(s => s.minutesVolunteered);
  const most = Math.max(...values, 1);
  const slot = WIDTH / months.length;
  const top = 24;
  const tall = 150;
  const shapes = months.flatMap((m, i) => {
    const bar = Math.round(values[i] / most * tall);
    const x = i * slot + slot * 0.15;
    return [
      svg('rect', { class: 'bar', x, y: top + tall - bar, width: slot * 0.7, height: bar }),
      months.length <= 12 ? svg('text', { x: i * slot + slot / 2, y: top + tall - bar - 6, 'text-anchor': 'middle' }, String(Math.round(values[i] / 6) / 10)) : null,
      // a long period labels every third month, so the names do not run into each other
      months.length <= 12 || i % 3 === 0 ? svg('text', { x: i * slot + slot / 2, y: top + tall + 20, 'text-anchor': 'middle' }, m.short) : null,
    ].filter(Boolean);
  });
  shapes.push(svg('line', { class: 'axis', x1: 0, x2: WIDTH, y1: top + tall, y2: top + tall }));
  const heading = months.length === 1 ? `Hours volunteered in ${months[0].name}`
    : `Hours volunteered each month, ${months[0].name} to ${months[months.length - 1].name}`;
  const busiest = months[values.indexOf(Math.max(...values))];
  const words = values.some(v => v > 0) ? `The most was in ${busiest.name}: ${hours(Math.max(...values))}.` : 'No hours were approved in these months.';
  return figure(heading, words, WIDTH, top + tall + 30, shapes,
    table(heading, [{ label: 'Month', rowHeader: true }, { label: 'Hours volunteered', num: true }, { label: 'Active volunteers', num: true }],
      months.map((m, i) => ({ m, s: monthly[i] })), r => [r.m.name, hours(r.s.minutesVolunteered), r.s.activeVolunteers]));
}

/** Horizontal bars, one per row, the name above each bar so long names fit on a phone. */
function barChart(kind, heading, rows, valueWords, dataTable) {
  if (!rows.length) return figureless(heading, dataTable);
  const sorted = [...rows].sort((a, b) => b.minutes - a.minutes);
  const most = Math.max(...sorted.map(r => r.minutes), 1);
  const row = 50;
  const room = WIDTH - 130;
  const shapes = sorted.flatMap((r, i) => {
    const bar = Math.max(Math.round(r.minutes / most * room), r.minutes > 0 ? 2 : 0);
    const y = i * row;
    return [
      svg('text', { x: 0, y: y + 15 }, r.name.length > 60 ? r.name.slice(0, 59) + '…' : r.name),
      svg('rect', { class: 'bar' + (kind === 'ward' ? ' b2' : ''), x: 0, y: y + 22, width: bar, height: 20 }),
      svg('text', { x: bar + 6, y: y + 37 }, valueWords(r.minutes)),
    ];
  });
  const words = `The most was ${sorted[0].name}: ${hours(sorted[0].minutes)}.`;
  return figure(heading, words, WIDTH, sorted.length * row, shapes, dataTable);
}

/** A chart with nothing to draw is only its heading and the table's "nothing yet". */
function figureless(heading, dataTable) {
  return h('div', {}, h('h3', {}, heading), dataTable);
}

function creditChart(summary) {
  const rows = [
    { name: 'Issued in the period', minutes: summary.credits.issued, cls: 'bar' },
    { name: 'Redeemed at partners in the period', minutes: summary.credits.redeemed, cls: 'bar b2' },
    { name: `Outstanding on ${date(summary.to)}`, minutes: summary.outstanding.total, cls: 'bar b3' },
  ];
  const most = Math.max(...rows.map(r => Math.abs(r.minutes)), 1);
  const row = 50;
  const room = WIDTH - 130;
  const shapes = rows.flatMap((r, i) => {
    const bar = Math.max(Math.round(Math.max(r.minutes, 0) / most * room), r.minutes > 0 ? 2 : 0);
    return [
      svg('text', { x: 0, y: i * row + 15 }, r.name),
      svg('rect', { class: r.cls, x: 0, y: i * row + 22, width: bar, height: 20 }),
      svg('text', { x: bar + 6, y: i * row + 37 }, credits(r.minutes)),
    ];
  });
  const heading = 'Credits issued, redeemed and outstanding';
  const words = rows.map(r => `${r.name}: ${credits(r.minutes)}.`).join(' ');
  return figure(heading, words, WIDTH, rows.length * row, shapes,
    table(heading, [{ label: 'Credits', rowHeader: true }, { label: 'Amount', num: true }], rows, r => [r.name, credits(r.minutes)]));
}

// ---- reconciliation ----

const MISMATCH_WORDS = {
  SCHEME_NOT_BALANCED: 'The balances of all accounts do not add up to zero',
  ACCOUNT_BALANCE_MISMATCH: 'An account\'s balance is not the sum of the amounts recorded on it',
  ACCOUNT_HELD_MISMATCH: 'An account\'s credits set aside at tills are not the sum of its open till holds',
  ACCOUNT_CHAIN_HEAD_MISMATCH: 'An account\'s record was changed outside Timeledger (its tamper seal is broken)',
  POSTING_SEQUENCE_GAP: 'An amount recorded on an account is missing',
  POSTING_HASH_MISMATCH: 'An amount recorded on an account was changed outside Timeledger (its tamper seal is broken)',
  POSTING_BALANCE_AFTER_MISMATCH: 'A running balance recorded on an account is wrong',
  POSTING_OUTSIDE_SCHEME: 'An amount is recorded on an account of another scheme',
  ENTRY_NOT_BALANCED: 'A movement of credits does not take out as much as it puts in',
  ENTRY_TOO_FEW_POSTINGS: 'A movement of credits touches fewer than two accounts',
};

async function reconciliation(main) {
  const r = await api('GET', `/v1/schemes/${scheme()}/reconciliation`);
  const messages = h('div', {});
  const again = h('button', { type: 'button', onclick: async () => {
    again.disabled = true;
    try { await reconciliation(main); } catch (error) { again.disabled = false; showError(messages, error); }
  } }, 'Check again');
  const count = (n, one, many) => `${n} ${n === 1 ? one : many}`;
  page(main, 'Check the books',
    h('p', { class: 'verdict ' + (r.balanced ? 'good' : 'bad'), role: 'status' },
      r.balanced ? 'The books balance.' : 'The books do NOT balance.'),
    h('p', {}, `Checked ${dateTime(r.checkedAt)}, from what is stored now: ${count(r.accountsChecked, 'account', 'accounts')}, `
      + `${count(r.entriesChecked, 'movement of credits', 'movements of credits')} and ${count(r.postingsChecked, 'amount recorded on an account', 'amounts recorded on accounts')}.`),
    r.balanced ? null : section('mismatch-h', `What does not add up (${r.mismatchCount})`,
      r.mismatchCount > r.mismatches.length ? h('p', {}, `The first ${r.mismatches.length} are listed.`) : null,
      h('p', {}, 'Tell whoever runs Timeledger for your scheme at once, with this list. The downloads page has the journal for an accountant to check.'),
      table('Everything that does not add up', ['What', 'Account', 'Movement', { label: 'Should be', num: true }, { label: 'Is', num: true }, 'Details'], r.mismatches,
        m => [MISMATCH_WORDS[m.kind] || m.kind, m.accountId || '—', m.entryId || '—',
          m.expectedMinutes !== undefined ? credits(m.expectedMinutes) : '—', m.actualMinutes !== undefined ? credits(m.actualMinutes) : '—', m.detail])),
    section('checked-h', 'What was checked',
      h('ul', {},
        h('li', {}, 'The balances of all the scheme\'s accounts add up to zero: every credit held somewhere was issued from somewhere.'),
        h('li', {}, 'Each account\'s balance is the sum of every amount recorded on it.'),
        h('li', {}, 'The credits each account has set aside at tills equal its open till holds.'),
        h('li', {}, 'Each movement of credits takes out of accounts exactly what it puts into others.'),
        h('li', {}, 'Nothing was changed directly in the database: each account\'s records carry a tamper seal (a hash chain) that any edit breaks.'))),
    messages, h('p', {}, again));
}

// ---- downloads ----

async function downloads(main, params) {
  const from = params.from || firstOfYear();
  const to = params.to || today();
  const messages = h('div', {});
  const venues = (await all(`/v1/schemes/${scheme()}/partners`)).sort((a, b) => a.name.localeCompare(b.name));
  const save = (call, filename) => async e => {
    e.target.disabled = true;
    try {
      await download(call, filename);
      success(messages, `Downloaded ${filename}.`);
    } catch (error) {
      showError(messages, error.next ? error : { message: 'The file could not be downloaded.', next: 'Try again.' });
    } finally { e.target.disabled = false; }
  };
  const code = session.schemeCode;
  const instant = (day, endOfDay) => new Date(day + (endOfDay ? 'T23:59:59.999' : 'T00:00:00')).toISOString();
  page(main, 'Downloads',
    periodForm('downloads', from, to, 'Use this period'),
    h('p', { class: 'lead' }, `For ${date(from)} to ${date(to)}, both days included.`),
    messages,
    section('summary-dl-h', 'The report, as a spreadsheet',
      h('p', {}, 'The figures of the report, then a table for each kind of help, organisation, partner and ward (CSV: opens in any spreadsheet).'),
      h('button', { type: 'button', onclick: save(() => api('GET', `/v1/schemes/${scheme()}/reports/summary`, { query: { from, to, format: 'csv' }, as: 'blob', accept: 'text/csv' }),
        `report-${code}-${from}-to-${to}.csv`) }, 'Download the report (CSV)')),
    section('journal-dl-h', 'The books, for an accountant',
      h('p', {}, 'Every movement of credits in the period, in the plain-text journal of hledger, free accounting software. An accountant or auditor can read it with hledger and check that the books balance for themselves. Amounts are in minutes (60 minutes is 1 credit).'),
      h('button', { type: 'button', onclick: save(() => api('GET', `/v1/schemes/${scheme()}/export/journal`, { query: { from, to }, as: 'blob', accept: 'text/plain' }),
        `${code}-${from}-to-${to}.journal`) }, 'Download the journal (hledger)')),
    section('partner-dl-h', 'Partners\' statements',
      h('p', {}, 'Each partner\'s sales in the period, one line each, with the totals (CSV).'),
      table('Partners\' statements', [{ label: 'Partner', rowHeader: true }, 'Download'], venues,
        v => [v.name, h('button', { type: 'button', class: 'secondary', onclick: save(() => api('GET', `/v1/partners/${id(v.id)}/redemptions`,
          { query: { from: instant(from), to: instant(to, true), format: 'csv' }, as: 'blob', accept: 'text/csv' }), `sales-${code}-${v.name.replace(/[^A-Za-z0-9]+/g, '-')}-${from}-to-${to}.csv`),
          'aria-label': 'Download the statement of ' + v.name }, 'Statement (CSV)')], 'No partners yet.')),
    isAdmin() ? section('contacts-dl-h', 'How to reach members',
      h('p', {}, 'Every member\'s name, card number, ward, whether they left, and the phone, email and address staff recorded, to write to or ring them (CSV). Members who asked not to be contacted are left out. It is personal data: keep it safe and delete it when the round is done.'),
      h('button', { type: 'button', onclick: save(() => api('GET', `/v1/schemes/${scheme()}/export/contacts`, { as: 'blob', accept: 'text/csv' }),
        `contacts-${code}.csv`) }, 'Download the contact list (CSV)')) : null);
}
