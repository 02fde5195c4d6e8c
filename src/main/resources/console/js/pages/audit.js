// The audit log, for administrators and auditors: every change to the scheme that is not a
// movement of credits (members' details, staff, rules, limits, till keys, vetting, offers, ...),
// oldest first, in words: who, when (the scheme's clock), what and what changed. Personal data
// reads "changed" and nothing more: the log never held it.
import { api, all, scheme } from '../api.js';
import { h, page, hours, pagedLines } from '../ui.js';

const READERS = ['ADMIN', 'AUDITOR'];
const PAGE = 25;
const id = value => encodeURIComponent(value);

export const routes = [
  { path: 'audit', title: 'Audit log', nav: 'Audit log', group: 'Checks', roles: READERS, needsScheme: true, render: auditLog },
];

const ACTIONS = {
  SCHEME_CREATED: 'set up the scheme',
  SETTINGS_CHANGED: 'changed the scheme\'s rules',
  MEMBER_REGISTERED: 'registered',
  MEMBER_UPDATED: 'changed the details of',
  MEMBER_DEACTIVATED: 'marked as having left:',
  MEMBER_REACTIVATED: 'marked as back:',
  MEMBER_ERASED: 'erased the personal data of',
  CARD_REPLACED: 'replaced the card of',
  ACTIVATION_CODE_ISSUED: 'gave a new activation code to',
  LIMIT_CHANGED: 'changed how far into debt this member may go:',
  STAFF_CREATED: 'added a staff member:',
  STAFF_UPDATED: 'changed a staff member:',
  STAFF_DEACTIVATED: 'disabled a staff member:',
  STAFF_REACTIVATED: 'enabled a staff member again:',
  STAFF_PASSWORD_RESET: 'reset the password of a staff member:',
  PASSWORD_CHANGED: 'set a new password:',
  STAFF_MEMBER_LINKED: 'linked a staff member to their member record:',
  TILL_KEY_ISSUED: 'issued a till key',
  TILL_KEY_REVOKED: 'revoked a till key',
  VETTING_RECORDED: 'recorded the vetting of',
  CATEGORY_CREATED: 'added a kind of help',
  CATEGORY_UPDATED: 'changed a kind of help',
  OFFER_CREATED: 'added an offer',
  OFFER_UPDATED: 'changed an offer',
  ORGANISATION_CREATED: 'added an organisation:',
  PARTNER_CREATED: 'added a partner:',
  BENEFICIARY_NAMED: 'named a beneficiary:',
  BENEFICIARY_REMOVED: 'removed a beneficiary:',
  OPPORTUNITY_CREATED: 'added an opportunity',
  ACTIVITY_REVERSED: 'undid the approval of an activity',
};

const FIELDS = {
  displayName: 'Name', ward: 'Ward', phone: 'Phone', email: 'Email', postalAddress: 'Postal address',
  preferredContact: 'Preferred contact', notes: 'Notes', cardNumber: 'Card number', status: 'Status', reason: 'Reason',
  memberFloorMinutes: 'Member floor', lowestMemberFloorMinutes: 'Lowest floor for one member', floorMinutes: 'Member floor',
  holdMinutes: 'How long a till holds credits', backdateDays: 'Days back hours may be logged',
  weeklyEarnCapMinutes: 'Most time in a week', allocationsRequired: 'Credits only from allocations', timeZone: 'Time zone',
  paymentRequestDays: 'Days a request to pay waits', issuanceAccounts: 'Issuance accounts', name: 'Name', code: 'Code',
  title: 'Title', amountMinutes: 'Price', weeklyQuota: 'Weekly quota', active: 'On offer', label: 'Label',
  partnerId: 'Partner', organisationId: 'Organisation', organisationIds: 'Organisations', memberId: 'Member record',
  beneficiaryId: 'Beneficiary', role: 'Role', username: 'Username', requiresVetting: 'Needs vetting',
  checkedOn: 'Checked on', expiresOn: 'Expires on', categoryCode: 'Kind of help', date: 'Date',
  signupAwardMinutes: 'Award for signing up', attendanceAwardMinutes: 'Award for attending',
  donatedMinutes: 'Donated to the community pot', revokedAt: 'Revoked', reversedByEntryId: 'Reversal',
  activationCodeExpiresAt: 'Code valid until',
};

const ROLES = { ADMIN: 'administrator', COORDINATOR: 'coordinator', AUDITOR: 'auditor', MEMBER: 'member', PARTNER: 'till' };

/** "Member floor" from memberFloorMinutes; an unknown field in words from its name. */
function fieldWords(name) {
  return FIELDS[name] || name.replace(/([A-Z])/g, ' $1').replace(/^./, c => c.toUpperCase()).toLowerCase()
    .replace(/^./, c => c.toUpperCase());
}

async function auditLog(main) {
  const [rules, first, organisations, partners] = await Promise.all([
    api('GET', `/v1/schemes/${scheme()}`),
    api('GET', `/v1/schemes/${scheme()}/audit`, { query: { limit: PAGE } }),
    all(`/v1/schemes/${scheme()}/organisations`),
    all(`/v1/schemes/${scheme()}/partners`),
  ]);
  const names = new Map();
  organisations.forEach(o => names.set(o.id, o.name));
  partners.forEach(p => names.set(p.id, p.name));
  const zone = rules.timeZone;
  const when = at => new Date(at).toLocaleString('en-GB', { timeZone: zone, day: 'numeric', month: 'short', year: 'numeric',
    hour: '2-digit', minute: '2-digit' });

  const intro = h('p', {}, `Every change to ${rules.name} that is not a movement of credits, oldest first, with who made it and when (${zone} time). `
    + 'Personal details read "changed": the log keeps that they changed, never what they were. '
    + 'Check the books also checks that nobody has altered this log.');
  if (!first.items.length) {
    page(main, 'Audit log', intro, h('p', { class: 'muted' }, 'Nothing has been changed yet.'));
    return;
  }
  await nameMembers(first.items, names);
  const changes = pagedLines({ labelledBy: 'audit-h', first, listClass: 'lines audit', moreText: 'More',
    next: cursor => api('GET', `/v1/schemes/${scheme()}/audit`, { query: { limit: PAGE, after: cursor } }),
    prepare: items => nameMembers(items, names), line: r => line(r, names, when) });
  page(main, 'Audit log', intro, h('h2', { id: 'audit-h', class: 'visually-hidden' }, 'Changes'), changes);
}

/** Looks up the names of the members a page of rows is about, so no line shows an id. */
async function nameMembers(rows, names) {
  const wanted = new Set();
  rows.forEach(r => {
    if (r.subject.type === 'MEMBER') wanted.add(r.subject.id);
    r.changes.forEach(c => {
      if ((c.field === 'memberId' || c.field === 'beneficiaryId') && !c.masked) {
        [c.before, c.after].filter(Boolean).forEach(v => wanted.add(v));
      }
    });
  });
  await Promise.all([...wanted].filter(m => !names.has(m)).map(async m => {
    try {
      names.set(m, (await api('GET', `/v1/members/${id(m)}`)).displayName);
    } catch {
      names.set(m, 'a member');
    }
  }));
}

function line(r, names, when) {
  return h('li', { tabindex: '-1' },
    h('span', { class: 'when' }, when(r.at)),
    h('span', { class: 'what' }, sentence(r, names)),
    r.changes.length ? h('ul', { class: 'changes' }, r.changes.map(c => h('li', {}, change(c, names)))) : null);
}

/** "admin (administrator) changed the details of Ada Lovelace". */
function sentence(r, names) {
  const who = !r.actor ? 'The service'
    : r.actor.username ? `${r.actor.username} (${ROLES[r.actor.role] || r.actor.role})`
      : r.actor.role === 'MEMBER' ? 'The member' : `A ${ROLES[r.actor.role] || 'user'}`;
  const what = ACTIONS[r.action] || r.action.toLowerCase().replace(/_/g, ' ');
  return `${who} ${what}${subjectWords(r, names)}`;
}

function subjectWords(r, names) {
  const created = field => (r.changes.find(c => c.field === field && !c.masked) || {}).after;
  switch (r.subject.type) {
    case 'MEMBER': return ' ' + (names.get(r.subject.id) || 'a member');
    case 'ORGANISATION':
    case 'PARTNER': return ' ' + (names.get(r.subject.id) || created('name') || '');
    case 'STAFF': return ' ' + (created('username') || 'a staff user');
    case 'OFFER':
    case 'OPPORTUNITY': return created('title') ? ` "${created('title')}"` : '';
    case 'CATEGORY': return created('name') ? ` "${created('name')}"` : '';
    case 'TILL_KEY': return created('label') ? ` "${created('label')}"` : '';
    default: return '';
  }
}

/** "Phone: changed", "Member floor: −10 hours → −5 hours". */
function change(c, names) {
  const label = fieldWords(c.field);
  if (c.masked) return `${label}: changed`;
  const before = valueWords(c.field, c.before, names);
  const after = valueWords(c.field, c.after, names);
  if (c.before === undefined || c.before === null) return `${label}: ${after}`;
  return `${label}: ${before} → ${after}`;
}

function valueWords(fieldName, value, names) {
  if (value === undefined || value === null) return 'none';
  if (/Minutes$/.test(fieldName)) {
    const n = Number(value);
    if (fieldName === 'memberFloorMinutes' || fieldName === 'lowestMemberFloorMinutes' || fieldName === 'floorMinutes') {
      return n < 0 ? `−${hours(-n)}` : '0 hours';
    }
    return hours(n);
  }
  if (/Days$/.test(fieldName)) return value === '1' ? '1 day' : `${value} days`;
  if (value === 'true') return 'yes';
  if (value === 'false') return 'no';
  if (fieldName === 'organisationIds') return value.split(' ').map(v => names.get(v) || 'an organisation').join(', ');
  if (/Id$/.test(fieldName)) {
    if (fieldName === 'reversedByEntryId') return 'a reversing entry';
    return names.get(value) || (fieldName === 'partnerId' ? 'a partner' : 'a member');
  }
  if (fieldName === 'role' || fieldName === 'status') return (ROLES[value] || value.toLowerCase());
  if (/At$/.test(fieldName)) return new Date(value).toLocaleString('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });
  return value;
}
