// Opportunities: a coordinator sets one up (a litter pick, a coffee morning) and, on the day,
// ticks who came, which earns each their hours at once; members find them on their phone and
// sign up, earning the hours for signing up.
import { api, all, session, scheme, invalid, ApiError } from '../api.js';
import { h, field, select, duration, minutesOf, form, page, table, success, notice, hours, date, today } from '../ui.js';
import { confirm } from '../ask.js';

const STAFF = ['ADMIN', 'COORDINATOR'];
const MEMBER = ['MEMBER'];

export const routes = [
  { path: 'opportunities', title: 'Opportunities', nav: 'Opportunities', group: 'Day to day', roles: STAFF, needsScheme: true, render: opportunities },
  { path: 'opportunities', title: 'Opportunities to help', nav: 'Opportunities', group: 'Day to day', roles: MEMBER, needsScheme: true, render: memberOpportunities },
  { path: 'attendance', title: 'Take attendance', group: 'Day to day', roles: STAFF, needsScheme: true, render: attendance },
];

const id = value => encodeURIComponent(value);

/** What an opportunity earns, in words: "1 hour for signing up and 2 hours for coming". */
function earns(o) {
  const parts = [];
  if (o.signupAwardMinutes) parts.push(hours(o.signupAwardMinutes) + ' for signing up');
  if (o.attendanceAwardMinutes) parts.push(hours(o.attendanceAwardMinutes) + ' for coming');
  return parts.join(' and ');
}

/** Why a member could not be signed up or recorded as attending, in words, with what to do next. */
const RULES = {
  award_once: ['Already recorded: each person earns for this once.', 'Nothing more to do for them.'],
  no_award: ['This opportunity earns nothing for that.', 'Nothing to record.'],
  signup_closed: ['Signing up has closed: the day has passed.', 'Look for another opportunity.'],
  own_activity: ['Staff cannot award themselves.', 'Ask another coordinator or an administrator to record it.'],
  date_in_future: ['The day has not come yet.', 'Take attendance on the day or after it.'],
  backdate_limit: ['The day is too long ago for hours to be recorded.', 'Ask an administrator.'],
  daily_limit: ['That would make more than 24 hours on one day.', 'Check the hours they already have that day.'],
  weekly_earn_cap: ['That would be more than the scheme lets one person earn in a week.', 'Record it next week, or ask an administrator.'],
  vetting_required: ['This kind of help needs a safeguarding check, and they are not cleared for it.', 'Record their check on their page first.'],
  unknown_member: ['Not a member of this scheme.', 'Untick them.'],
  duplicate_member: ['Ticked twice.', 'Untick one.'],
  member_inactive: ['They have left the scheme.', 'Mark them as back on their page first.'],
};

function inWords(error) {
  const rule = error.problem && error.problem.rule;
  if (RULES[rule]) {
    const words = new ApiError(error.status, { code: error.code, detail: RULES[rule][0] });
    words.next = RULES[rule][1];
    return words;
  }
  if (error.code === 'not_found') {
    const words = new ApiError(error.status, { code: error.code, detail: 'That opportunity could not be found, or it is not one of your organisations\'.' });
    words.next = 'Reload the page and choose again.';
    return words;
  }
  return error;
}

// ---------------------------------------------------------------- coordinators

async function opportunities(main, params, flash) {
  const who = session.who;
  const [list, organisations, categories] = await Promise.all([
    all(`/v1/schemes/${scheme()}/opportunities`),
    who.role === 'COORDINATOR' ? Promise.resolve(who.organisations)
      : all(`/v1/schemes/${scheme()}/organisations`).then(l => l.map(o => ({ id: o.id, name: o.name }))),
    api('GET', `/v1/schemes/${scheme()}/categories`).then(p => p.items)]);
  const names = Object.fromEntries(organisations.map(o => [o.id, o.name]));
  const mine = list.filter(o => names[o.organisationId]).sort((a, b) => b.date.localeCompare(a.date));
  const messages = h('div', { 'aria-live': 'polite' }, flash);
  const f = organisations.length ? form({ 'aria-label': 'Set up an opportunity' }, [
    field('Title', { name: 'title', maxlength: 200, autocomplete: 'off' }, 'What, where and when, as members will see it: "Litter pick, 10am at Castle Park".'),
    field('Organisation', select('organisationId', organisations.map(o => ({ value: o.id, label: o.name })))),
    field('Kind of help', select('categoryCode', categories.map(c => ({ value: c.code, label: c.name + (c.requiresVetting ? ' (needs a safeguarding check)' : '') })))),
    field('Day', { name: 'date', type: 'date', value: today(), min: today() }),
    duration('Hours earned for signing up', 'signup', 'Earned at once when a member signs up. Leave empty if signing up earns nothing: then members just come along.'),
    duration('Hours earned for coming', 'attendance', 'Earned when you tick them on the day.'),
  ], async el => {
    const body = {
      title: el.elements.title.value.trim(), organisationId: el.elements.organisationId.value, categoryCode: el.elements.categoryCode.value,
      date: el.elements.date.value, signupAwardMinutes: minutesOf(el, 'signup'), attendanceAwardMinutes: minutesOf(el, 'attendance'),
    };
    if (!body.title) throw invalid('Give the opportunity a title.', 'title', 'Enter a title');
    if (!body.date) throw invalid('Choose the day.', 'date', 'Choose a day');
    for (const [name, minutes] of [['signup', body.signupAwardMinutes], ['attendance', body.attendanceAwardMinutes]]) {
      if (!Number.isInteger(minutes) || minutes < 0 || minutes > 1440) throw invalid('Each award is at most 24 hours.', name + '.hours', 'At most 24 hours');
    }
    if (!body.signupAwardMinutes && !body.attendanceAwardMinutes) throw invalid('Enter the hours earned for signing up, for coming, or both.', 'attendance.hours', 'Enter the hours');
    const made = await api('POST', `/v1/schemes/${scheme()}/opportunities`, { body }).catch(e => { throw inWords(e); });
    await opportunities(main, params, notice('success', `"${made.title}" is set up for ${date(made.date)}.`,
      `It earns ${earns(made)}. Members see it under Opportunities and can sign up from their phone.`));
    main.querySelector('.notice').focus();
  }, 'Set it up') : notice('info', 'You coordinate no organisation yet.', 'Ask your scheme administrator to add you to one.');
  const rows = table('Opportunities, latest day first', ['Title', 'Day', 'Organisation', 'Earns', ''], mine,
    o => [o.title, date(o.date), names[o.organisationId], earns(o),
      o.attendanceAwardMinutes ? h('a', { href: '#/attendance?id=' + id(o.id), 'aria-label': 'Take attendance: ' + o.title }, 'Take attendance') : '—'],
    'No opportunities yet.');
  page(main, 'Opportunities',
    h('p', { class: 'lead' }, 'Set up something members can sign up for, then on the day tick who came: their hours are approved at once.'),
    messages, rows, h('h2', {}, 'Set up an opportunity'), f);
}

async function attendance(main, params) {
  const o = await api('GET', `/v1/opportunities/${id(params.id)}`);
  const [people, awards, organisation] = await Promise.all([
    all(`/v1/schemes/${scheme()}/members`, { status: 'ACTIVE' }),
    // who signed up or came: the awards are the organisation's activities for this opportunity
    all(`/v1/schemes/${scheme()}/activities`, { organisationId: o.organisationId }).then(l => l.filter(a => a.opportunityId === o.id && a.status !== 'REJECTED')),
    api('GET', `/v1/organisations/${id(o.organisationId)}`).catch(() => null)]);
  const signedUp = new Set(awards.filter(a => a.award === 'SIGNUP').map(a => a.memberId));
  const came = new Set(awards.filter(a => a.award === 'ATTENDANCE').map(a => a.memberId));
  people.sort((a, b) => (signedUp.has(b.id) - signedUp.has(a.id)) || a.displayName.localeCompare(b.displayName));
  const names = Object.fromEntries(people.map(p => [p.id, p.displayName]));
  const result = h('div', { 'aria-live': 'polite' });
  const filter = h('input', { type: 'search', id: 'attendance-filter', autocomplete: 'off' });
  const ticks = h('div', { class: 'ticks' }, people.map(p => {
    const input = h('input', { type: 'checkbox', name: 'present', value: p.id, id: 'came-' + p.id, 'data-name': p.displayName.toLowerCase(), disabled: came.has(p.id) });
    const label = p.displayName + (signedUp.has(p.id) ? ' (signed up)' : '') + (came.has(p.id) ? ' (came: hours recorded)' : '');
    return h('div', { class: 'check' }, input, h('label', { for: input.id }, label));
  }));
  filter.addEventListener('input', () => {
    const q = filter.value.trim().toLowerCase();
    ticks.querySelectorAll('.check').forEach(row => { row.hidden = q && !row.querySelector('input').dataset.name.includes(q); });
  });
  const count = h('p', { 'aria-live': 'polite', class: 'muted' }, 'No one ticked yet.');
  ticks.addEventListener('change', () => {
    const n = ticks.querySelectorAll('input:checked').length;
    count.textContent = n === 1 ? '1 member ticked.' : n + ' members ticked.';
  });
  const f = form({ 'aria-label': 'Who came' }, [
    h('fieldset', {}, h('legend', {}, 'Who came?'), field('Find a name', filter, 'Type part of a name to shorten the list. Those who signed up come first.'), ticks, count),
  ], async (el, messages) => {
    const memberIds = [...ticks.querySelectorAll('input:checked')].map(i => i.value);
    if (!memberIds.length) throw invalid('Tick at least one member who came.');
    let done;
    try {
      done = await api('POST', `/v1/opportunities/${id(o.id)}/attendance`, { body: { memberIds }, move: true });
    } catch (error) {
      const lines = (error.problem && error.problem.lines) || [];
      if (!lines.length) throw inWords(error);
      // every refused line by the member's name; nothing was recorded
      const box = notice('error', 'Nothing was recorded: ' + (lines.length === 1 ? 'one person' : lines.length + ' people') + ' could not be.',
        ...lines.map(l => (names[memberIds[l.line - 1]] || 'A member') + ': ' + (RULES[l.rule] ? RULES[l.rule].join(' ') : l.message)),
        'Untick them, or put it right, and save again.');
      messages.replaceChildren(box);
      box.focus();
      return;
    }
    messages.replaceChildren();
    const who = done.activities.map(a => a.memberName);
    success(result, `Attendance saved: ${who.length === 1 ? who[0] : who.length + ' members'} earned ${hours(o.attendanceAwardMinutes)}${who.length > 1 ? ' each, ' + hours(done.totalMinutes) + ' in all' : ''}.`,
      'Their credits are in their accounts now: ' + who.join(', ') + '.');
    done.activities.forEach(a => {
      const box = ticks.querySelector('#came-' + CSS.escape(a.memberId));
      if (box) { box.checked = false; box.disabled = true; box.nextSibling.textContent = a.memberName + ' (came: hours recorded)'; }
    });
    count.textContent = 'No one ticked yet.';
  }, 'Save who came');
  page(main, 'Take attendance',
    h('h2', {}, o.title),
    h('dl', { class: 'facts' },
      h('dt', {}, 'Day'), h('dd', {}, date(o.date)),
      h('dt', {}, 'Organisation'), h('dd', {}, organisation ? organisation.name : '—'),
      h('dt', {}, 'Earns'), h('dd', {}, earns(o)),
      h('dt', {}, 'Signed up'), h('dd', {}, signedUp.size === 1 ? '1 member' : signedUp.size + ' members'),
      h('dt', {}, 'Came'), h('dd', {}, came.size === 1 ? '1 member' : came.size + ' members')),
    o.date > today() ? notice('info', 'This opportunity is on ' + date(o.date) + '.', 'Attendance can be taken on the day or after it.') : null,
    result, f,
    h('p', {}, h('a', { href: '#/opportunities' }, 'Back to opportunities')));
}

// ---------------------------------------------------------------- members

async function memberOpportunities(main, params, flash) {
  const [list, organisations, categories, mine] = await Promise.all([
    all(`/v1/schemes/${scheme()}/opportunities`),
    all(`/v1/schemes/${scheme()}/organisations`),
    api('GET', `/v1/schemes/${scheme()}/categories`).then(p => Object.fromEntries(p.items.map(c => [c.code, c.name]))),
    all('/v1/me/activities').then(l => l.filter(a => a.opportunityId && a.award === 'SIGNUP'))]);
  const groups = Object.fromEntries(organisations.map(o => [o.id, o.name]));
  const joined = Object.fromEntries(mine.map(a => [a.opportunityId, a]));
  const coming = list.filter(o => o.date >= today()).sort((a, b) => a.date.localeCompare(b.date));
  const messages = h('div', { 'aria-live': 'polite' }, flash);
  const item = o => {
    const place = h('div', { class: 'actions' });
    const signUp = () => confirm(place, `Sign up for ${o.title}?`, [
      h('p', {}, `On ${date(o.date)}, with ${groups[o.organisationId] || 'a local group'}.`),
      h('p', {}, `You earn ${hours(o.signupAwardMinutes)} now` + (o.attendanceAwardMinutes ? `, and ${hours(o.attendanceAwardMinutes)} more when you come.` : '.')),
    ], 'Yes, sign me up', async () => {
      await api('POST', `/v1/opportunities/${id(o.id)}/signups`, { body: {}, move: true }).catch(e => { throw inWords(e); });
      const me = await api('GET', '/v1/me');
      await memberOpportunities(main, params, notice('success', `You are signed up for ${o.title} on ${date(o.date)}.`,
        `You earned ${hours(o.signupAwardMinutes)}: your balance is now ${me.account.balanceMinutes < 0 ? 'owing ' + hours(-me.account.balanceMinutes) : hours(me.account.balanceMinutes)}.`,
        o.attendanceAwardMinutes ? `Come along on the day: your coordinator records who came, and you earn ${hours(o.attendanceAwardMinutes)} more.` : null));
      main.querySelector('.notice').focus();
    }, () => place.replaceChildren(button()), 'Not now');
    const button = () => h('button', { type: 'button', 'aria-label': `Sign up for ${o.title}`, onclick: signUp }, 'Sign up');
    if (joined[o.id]) place.append(h('p', {}, h('strong', {}, 'You signed up'), ` on ${date(joined[o.id].date)}.`));
    else if (o.signupAwardMinutes) place.append(button());
    else place.append(h('p', {}, 'No need to sign up: just come along.'));
    return h('li', {},
      h('h3', {}, o.title),
      h('p', {}, `${date(o.date)} · ${groups[o.organisationId] || 'A local group'} · ${categories[o.categoryCode] || o.categoryCode}`),
      h('p', {}, 'Earns ' + earns(o) + '.'),
      place);
  };
  page(main, 'Opportunities to help',
    h('p', { class: 'lead' }, 'Things you can help with, and the hours you earn for them.'),
    messages,
    coming.length ? h('ul', { class: 'listings', 'aria-label': 'Opportunities coming up' }, coming.map(item))
      : h('p', { class: 'muted' }, 'Nothing coming up just now. Look again soon.'),
    h('p', { class: 'muted' }, 'If you signed up and cannot come after all, tell your coordinator.'));
}
