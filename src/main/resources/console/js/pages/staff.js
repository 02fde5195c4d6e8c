// A scheme's staff, for its administrators: who they are, adding one, changing a role or the
// organisations a coordinator acts for, deactivating someone who left (and back), and a one-time
// reset code for a forgotten password. And for everyone signed in with a password: changing
// their own password; on the sign-in side, setting a new one with a reset code.
import { api, all, session, scheme, invalid } from '../api.js';
import { confirm } from '../ask.js';
import { h, field, select, checkbox, form, page, table, success, notice, showError, date, dateTime } from '../ui.js';

const ADMIN = ['ADMIN'];
const SIGNED_IN = ['ADMIN', 'COORDINATOR', 'AUDITOR', 'MEMBER'];
const id = value => encodeURIComponent(value);

export const routes = [
  { path: 'staff', title: 'Staff', nav: 'Staff', group: 'People', roles: ADMIN, needsScheme: true, render: staffList },
  { path: 'staff-user', title: 'Staff user', group: 'People', roles: ADMIN, needsScheme: true, render: staffUser },
  // not in the menu: the header offers it beside Sign out, to everyone signed in with a password
  { path: 'my-password', title: 'Change my password', group: 'Scheme', roles: SIGNED_IN, needsScheme: false, render: myPassword },
];

/** Pages for people who are not signed in: app.js lists them with its sign-in pages. */
export const signInRoutes = [
  { path: 'reset-password', title: 'Set a new password', render: resetPassword },
];

const ROLE_WORDS = { ADMIN: 'Administrator', COORDINATOR: 'Coordinator', AUDITOR: 'Auditor' };
const ROLE_HINTS = {
  ADMIN: 'Runs the scheme: staff, members, rules, organisations, partners and till keys.',
  COORDINATOR: 'Logs and approves hours for their organisations, and registers and looks after members.',
  AUDITOR: 'Reads the reports and the books, and changes nothing.',
};
const roleWords = role => ROLE_WORDS[role] || role;

const section = (headingId, heading, ...content) =>
  h('section', { 'aria-labelledby': headingId }, h('h2', { id: headingId }, heading), ...content);

/** Tick boxes for the scheme's organisations, those given ticked. */
function organisationBoxes(orgs, ticked, legend) {
  return h('fieldset', {},
    h('legend', {}, legend),
    h('span', { class: 'hint' }, 'Tick at least one: a coordinator logs and approves hours for these only.'),
    orgs.length ? orgs.map(o => checkbox(o.name, { name: 'organisationIds', value: o.id, checked: ticked.includes(o.id) }))
      : h('p', {}, 'There are no organisations yet: ', h('a', { href: '#/organisations' }, 'add one'), ' first.'));
}

const tickedIn = el => [...el.querySelectorAll('input[name="organisationIds"]:checked')].map(i => i.value);

// ---- the list, and adding someone ----

async function staffList(main, params) {
  const [people, orgs] = await Promise.all([
    all(`/v1/schemes/${scheme()}/staff`, params.show ? { status: params.show } : {}),
    all(`/v1/schemes/${scheme()}/organisations`),
  ]);
  const names = Object.fromEntries(orgs.map(o => [o.id, o.name]));
  const show = form({ 'aria-label': 'Show staff' }, [
    field('Show', select('show', [
      { value: '', label: 'Everyone', selected: !params.show },
      { value: 'ACTIVE', label: 'Active staff', selected: params.show === 'ACTIVE' },
      { value: 'INACTIVE', label: 'Deactivated staff', selected: params.show === 'INACTIVE' },
    ])),
  ], async el => {
    const value = el.elements.show.value;
    window.location.hash = '#/staff' + (value ? '?' + new URLSearchParams({ show: value }) : '');
  }, 'Show');
  page(main, 'Staff',
    h('p', {}, 'Everyone who runs the scheme with you. Open someone to change their role or organisations, deactivate them when they leave, or give them a code to set a new password.'),
    show,
    table(`Staff (${people.length})`, [{ label: 'Username', rowHeader: true }, 'Role', 'Organisations', 'Status'], people,
      p => [h('a', { href: '#/staff-user?' + new URLSearchParams({ id: p.id }) }, p.username), roleWords(p.role),
        p.organisationIds.map(o => names[o] || 'an organisation no longer listed').join(', ') || '—',
        p.status === 'ACTIVE' ? 'Active' : `Deactivated on ${date(p.deactivatedAt)}`],
      'No staff to show.'),
    section('add-staff-h', 'Add a staff member', addForm(orgs)));
}

function addForm(orgs) {
  const organisationsBox = organisationBoxes(orgs, [], 'Organisations they coordinate');
  const role = select('role', Object.entries(ROLE_WORDS).map(([value, label]) => ({ value, label, selected: value === 'COORDINATOR' })));
  role.addEventListener('change', () => { organisationsBox.hidden = role.value !== 'COORDINATOR'; });
  return form({ 'aria-label': 'Add a staff member' }, [
    field('Role', role, 'Coordinators log and approve hours; administrators run the scheme; auditors read and change nothing.'),
    organisationsBox,
    field('Their username', { name: 'username', maxlength: 100, autocapitalize: 'none', autocomplete: 'off' },
      '3 to 100 letters, digits, dots, dashes, underscores or @. An email address will do.'),
    field('A first password for them', { name: 'password', type: 'password', autocomplete: 'new-password' },
      'At least 10 characters. Give it to them in person; they can change it once signed in.'),
  ], async el => {
    const body = { role: role.value, username: el.elements.username.value.trim(), password: el.elements.password.value };
    if (!body.username) throw invalid('Choose a username for them.', 'username', 'Enter a username');
    if (body.role === 'COORDINATOR') {
      body.organisationIds = tickedIn(el);
      if (!body.organisationIds.length) throw invalid('Tick the organisations the coordinator acts for.');
    }
    const created = await api('POST', `/v1/schemes/${scheme()}/staff`, { body });
    window.location.hash = '#/staff-user?' + new URLSearchParams({ id: created.id, saved: 'added' });
  }, 'Add the staff member');
}

// ---- one staff user ----

const SAVED = {
  added: 'Added. Give them their username and password in person.',
  changed: 'Saved. They were signed out, and their next sign-in has the new role and organisations.',
  deactivated: 'Deactivated: they were signed out and cannot sign in.',
  reactivated: 'Reactivated: they can sign in again with their password.',
};

async function staffUser(main, params) {
  const [people, orgs] = await Promise.all([
    all(`/v1/schemes/${scheme()}/staff`),
    all(`/v1/schemes/${scheme()}/organisations`),
  ]);
  const person = people.find(p => p.id === params.id);
  if (!person) {
    page(main, 'Staff user', notice('error', 'There is no such staff member in this scheme.', 'Go back to the list of staff and choose one.'),
      h('p', {}, h('a', { href: '#/staff' }, 'All staff')));
    return;
  }
  const names = Object.fromEntries(orgs.map(o => [o.id, o.name]));
  const me = session.who && session.who.name === person.username;
  const messages = h('div', { class: 'messages' });
  const active = person.status === 'ACTIVE';
  page(main, person.username,
    SAVED[params.saved] ? notice('success', SAVED[params.saved]) : null,
    messages,
    h('dl', { class: 'facts' },
      h('dt', {}, 'Role'), h('dd', {}, roleWords(person.role)),
      h('dt', {}, 'Organisations'), h('dd', {}, person.organisationIds.map(o => names[o] || 'an organisation no longer listed').join(', ') || '—'),
      h('dt', {}, 'Status'), h('dd', {}, active ? 'Active' : `Deactivated on ${date(person.deactivatedAt)}: ${person.deactivationReason || ''}`),
      h('dt', {}, 'Added'), h('dd', {}, dateTime(person.createdAt))),
    me ? h('p', {}, 'This is you. Another administrator changes your role or deactivates you; you can ',
      h('a', { href: '#/my-password' }, 'change your own password'), '.') : null,
    me ? null : section('role-h', 'Role and organisations', roleForm(person, orgs)),
    me ? null : active ? section('reset-h', 'Forgotten password', resetSection(person)) : null,
    me ? null : section('leaving-h', active ? 'Deactivate' : 'Deactivated', active ? deactivateSection(person) : reactivateSection(person, messages)),
    h('p', {}, h('a', { href: '#/staff' }, 'All staff')));
}

function roleForm(person, orgs) {
  const organisationsBox = organisationBoxes(orgs, person.organisationIds, 'Organisations they coordinate');
  organisationsBox.hidden = person.role !== 'COORDINATOR';
  const role = select('role', Object.entries(ROLE_WORDS).map(([value, label]) => ({ value, label, selected: value === person.role })));
  const hint = h('span', { class: 'hint', id: 'role-hint' }, ROLE_HINTS[person.role]);
  role.setAttribute('aria-describedby', 'role-hint');
  role.addEventListener('change', () => {
    organisationsBox.hidden = role.value !== 'COORDINATOR';
    hint.textContent = ROLE_HINTS[role.value];
  });
  const roleField = field('Role', role);
  roleField.insertBefore(hint, role);
  return form({ 'aria-label': 'Change role and organisations' }, [
    h('p', {}, 'Saving signs them out on every device: their next sign-in has what you chose.'),
    roleField,
    organisationsBox,
  ], async el => {
    const body = { role: role.value };
    if (body.role === 'COORDINATOR') {
      body.organisationIds = tickedIn(el);
      if (!body.organisationIds.length) throw invalid('Tick at least one organisation the coordinator acts for.');
    }
    await api('PATCH', `/v1/staff/${id(person.id)}`, { body });
    reload(person, 'changed');
  }, 'Save role and organisations');
}

function reload(person, saved) {
  const target = '#/staff-user?' + new URLSearchParams({ id: person.id, saved });
  if (window.location.hash === target) window.dispatchEvent(new HashChangeEvent('hashchange'));
  else window.location.hash = target;
}

function deactivateSection(person) {
  const place = h('div', {});
  const ask = form({ 'aria-label': 'Deactivate' }, [
    field('Why they are deactivated', { name: 'reason', maxlength: 500, autocomplete: 'off' }, 'For example: left the lunch club. Only administrators see it.'),
  ], async el => {
    const reason = el.elements.reason.value.trim();
    if (!reason) throw invalid('Say why they are deactivated.', 'reason', 'Enter a reason');
    confirm(place, `Deactivate ${person.username}?`,
      [h('p', {}, 'They are signed out at once on every device and cannot sign in until an administrator reactivates them. '
        + 'What they did stays, and so do their username and password.'), h('p', {}, 'Reason: ' + reason)],
      'Yes, deactivate', async () => {
        await api('POST', `/v1/staff/${id(person.id)}/deactivation`, { body: { reason } });
        reload(person, 'deactivated');
      }, () => { place.replaceChildren(ask); el.elements.reason.focus(); }, 'No, keep them active');
  }, 'Deactivate');
  place.append(ask);
  return [h('p', {}, 'When someone leaves, deactivate them: they can no longer sign in. You can reactivate them later.'), place];
}

function reactivateSection(person, messages) {
  return [
    h('p', {}, 'They cannot sign in. Reactivated, they sign in with the password they had.'),
    h('button', { type: 'button', onclick: async e => {
      e.target.disabled = true;
      try {
        await api('POST', `/v1/staff/${id(person.id)}/reactivation`);
        reload(person, 'reactivated');
      } catch (error) { showError(messages, error); e.target.disabled = false; }
    } }, 'Reactivate'),
  ];
}

/** A one-time code, shown here once and never put into the address: the page keeps it only while it is open. */
function resetSection(person) {
  const place = h('div', {});
  const start = h('button', { type: 'button', class: 'secondary', onclick: () => {
    confirm(place, `Give ${person.username} a reset code?`,
      [h('p', {}, 'Their current password stops working at once and they are signed out on every device. '
        + 'With the code and their username they choose a new password.')],
      'Yes, give them a code', async () => {
        const issued = await api('POST', `/v1/staff/${id(person.id)}/password-reset`);
        success(place, `The reset code for ${issued.username} is ready.`,
          h('p', {}, 'Their code is ', h('strong', { class: 'code' }, issued.code), '. Give it to them in person: it is shown only now.'),
          h('p', {}, 'They choose "Use a reset code" on the sign-in page at ', h('strong', {}, window.location.origin),
            ', with their username ', h('strong', {}, issued.username), '. The code works once, until ', dateTime(issued.expiresAt), '.'));
      }, () => place.replaceChildren(start), 'No, go back');
  } }, 'Give them a reset code');
  place.append(start);
  return [h('p', {}, 'If they forgot their password, give them a one-time code to choose a new one.'), place];
}

// ---- your own password ----

function myPassword(main) {
  const f = form({ 'aria-label': 'Change my password' }, [
    field('Current password', { name: 'currentPassword', type: 'password', autocomplete: 'current-password' }),
    field('New password', { name: 'newPassword', type: 'password', autocomplete: 'new-password' },
      'At least 10 characters. A few words you will remember is a good password.'),
    field('New password again', { name: 'again', type: 'password', autocomplete: 'new-password' }),
  ], async el => {
    const currentPassword = el.elements.currentPassword.value;
    const newPassword = el.elements.newPassword.value;
    if (!currentPassword) throw invalid('Enter your current password.', 'currentPassword', 'Enter your current password');
    if (newPassword !== el.elements.again.value) throw invalid('The two new passwords are not the same: type it again.', 'again', 'Not the same');
    try {
      await api('POST', '/v1/me/password', { body: { currentPassword, newPassword }, noRefresh: true });
    } catch (error) {
      const wrong = error.code === 'validation_failed' && (error.problem.errors || []).some(e => e.field === 'currentPassword');
      if (!wrong) throw error;
      throw invalid('That is not your current password. If you have forgotten it, sign out and ask for a new one: staff '
        + 'ask their scheme\'s administrator for a reset code, members their coordinator for a new activation code.',
      'currentPassword', 'Type your current password again');
    }
    // every session of theirs ended, this one too: they sign in again with the new password
    session.clear();
    window.location.hash = '#/sign-in?' + new URLSearchParams({ changed: 'yes' });
  }, 'Save the new password');
  page(main, 'Change my password',
    h('p', {}, 'Once it is changed you are signed out everywhere, on this device too: sign in again with the new password.'), f);
}

// ---- a new password with a reset code (not signed in) ----

function resetPassword(main) {
  const f = form({ 'aria-label': 'Set a new password' }, [
    field('Username', { name: 'username', autocomplete: 'username', autocapitalize: 'none' }),
    field('Reset code', { name: 'code', autocomplete: 'one-time-code', autocapitalize: 'characters' }, 'As your administrator gave it to you, with or without dashes.'),
    field('New password', { name: 'newPassword', type: 'password', autocomplete: 'new-password' }, 'At least 10 characters.'),
  ], async el => {
    const body = { username: el.elements.username.value.trim(), code: el.elements.code.value.trim(), newPassword: el.elements.newPassword.value };
    if (!body.username || !body.code) throw invalid('Enter your username and the reset code.');
    await api('POST', '/v1/password-reset', { body, anonymous: true, noRefresh: true });
    const tokens = await api('POST', '/login', { body: { username: body.username, password: body.newPassword }, anonymous: true, noRefresh: true });
    session.signedIn(tokens);
    session.remember(await api('GET', '/v1/session'));
    window.location.hash = '#/';
  }, 'Set the password and sign in');
  page(main, 'Set a new password',
    h('p', {}, 'Staff who forgot their password get a one-time reset code from their scheme\'s administrator. Members ask their coordinator for a new activation code instead, and ',
      h('a', { href: '#/activate' }, 'set up their sign-in'), ' with it.'),
    f, h('p', {}, h('a', { href: '#/sign-in' }, 'Back to sign in')));
}
