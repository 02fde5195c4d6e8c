// The console's shell: signing in, the menu each role sees, and which page the address shows.
// Pages live in pages/*.js; each exports `routes`, a list of
// { path, title, nav, group, roles, needsScheme, allSchemesOnly, render(main, params) }; `group`
// (one of GROUPS) is the heading a menu entry is under when the menu is long enough to group.
import { api, session, invalid, ApiError } from './api.js';
import { h, field, form, page, showError, notice } from './ui.js';
import * as staff from './pages/coordinator.js';
import * as admin from './pages/admin.js';
import * as member from './pages/member.js';
import * as till from './pages/till.js';
import * as timebank from './pages/timebank.js';
import * as cards from './pages/cards.js';
import * as corrections from './pages/corrections.js';
import * as opportunities from './pages/opportunities.js';
import * as audit from './pages/audit.js';
import * as staffPages from './pages/staff.js';

/** The menu's groups, in order; a long menu (staff) shows each as a button that opens its links. */
const GROUPS = ['Day to day', 'People', 'Credits', 'Scheme', 'Checks'];
/** A staff menu with more entries than this is grouped: ungrouped, it wraps onto two rows at 1280 px. */
const FLAT_MENU = 7;

const HOME = { ADMIN: 'dashboard', COORDINATOR: 'dashboard', AUDITOR: 'report', MEMBER: 'my-credits', PARTNER: 'till' };

const signInRoutes = [
  { path: 'sign-in', title: 'Sign in', render: signInPage },
  { path: 'activate', title: 'Set up your sign-in', render: activatePage },
  { path: 'till-sign-in', title: 'Start a till', render: tillSignInPage },
  ...staffPages.signInRoutes,
];
const routes = [...signInRoutes, ...staff.routes, ...timebank.routes, ...opportunities.routes, ...corrections.routes, ...admin.routes,
  ...member.routes, ...till.routes, ...cards.routes, ...audit.routes, ...staffPages.routes];

function current() {
  const hash = window.location.hash;
  const [path, query] = (hash.startsWith('#/') ? hash.slice(2) : '').split('?');
  return { path, params: Object.fromEntries(new URLSearchParams(query || '')) };
}

export function go(path, params) {
  const q = params ? '?' + new URLSearchParams(params) : '';
  if (window.location.hash === '#/' + path + q) show();
  else window.location.hash = '#/' + path + q;
}

function allowed(route, who) {
  if (!route.roles) return true;
  if (!who || !route.roles.includes(who.role)) return false;
  if (route.allSchemesOnly && !who.allSchemes) return false;
  return !route.needsScheme || !!session.schemeCode;
}

async function show() {
  const main = document.getElementById('main');
  const who = session.who;
  let { path, params } = current();
  if (!who && !signInRoutes.some(r => r.path === path)) path = 'sign-in';
  if (who && (!path || signInRoutes.some(r => r.path === path))) path = home(who);
  const route = routes.find(r => r.path === path && allowed(r, who));
  menu(who, route);
  if (!route) {
    page(main, 'Page not found', h('p', {}, 'There is no page at this address for your sign-in.'),
      h('p', {}, h('a', { href: '#/' + (who ? home(who) : 'sign-in') }, 'Go to your first page')));
    return;
  }
  try {
    await route.render(main, params);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      session.clear();
      go('sign-in', { ended: 'yes' });
      return;
    }
    page(main, route.title, h('div', {}));
    showError(main.lastChild, error.next ? error : { message: 'This page could not be shown.', next: 'Reload the page and try again.' });
  }
}

function home(who) {
  if (who.allSchemes && !session.schemeCode) return 'schemes';
  return HOME[who.role];
}

function menu(who, route) {
  const nav = document.getElementById('nav');
  const whoBox = document.getElementById('who');
  const button = document.getElementById('menu-button');
  fold(true);
  button.hidden = !who;
  if (!who) {
    nav.replaceChildren();
    whoBox.replaceChildren();
    return;
  }
  // each role's first page leads its menu
  const first = home(who);
  const items = routes.filter(r => r.nav && allowed(r, who)).sort((a, b) => (b.path === first) - (a.path === first));
  const link = r => h('a', { href: '#/' + r.path, 'aria-current': route && route.path === r.path ? 'page' : null }, r.nav);
  // members and tills keep a flat menu (a few big links on a phone); staff menus are grouped when long
  if (items.length <= FLAT_MENU || !['ADMIN', 'COORDINATOR', 'AUDITOR'].includes(who.role)) {
    nav.replaceChildren(h('ul', {}, items.map(r => h('li', {}, link(r)))));
  } else {
    const [lead, ...rest] = items;
    const known = name => (GROUPS.includes(name) ? name : GROUPS[0]);
    const groups = GROUPS.map(name => ({ name, items: rest.filter(r => known(r.group) === name) })).filter(g => g.items.length);
    nav.replaceChildren(h('ul', { class: 'grouped' }, h('li', {}, link(lead)), groups.map(g => {
      const id = 'menu-' + g.name.toLowerCase().replace(/\W+/g, '-');
      const here = route && g.items.some(r => r.path === route.path);
      return h('li', { class: 'group' },
        h('button', { type: 'button', class: 'group-button' + (here ? ' here' : ''), 'aria-expanded': 'false', 'aria-controls': id }, g.name),
        h('ul', { id, hidden: true }, g.items.map(r => h('li', {}, link(r)))));
    })));
  }
  const scheme = who.scheme ? who.scheme.name : (session.schemeCode ? 'Scheme ' + session.schemeCode : 'All schemes');
  whoBox.replaceChildren(
    h('span', {}, who.name + ' · ' + scheme),
    who.role === 'PARTNER' ? null : h('a', { href: '#/my-password' }, 'Change my password'),
    h('button', { type: 'button', onclick: signOut }, 'Sign out'));
}

async function signOut() {
  if (session.refreshToken) {
    try { await api('POST', '/logout', { body: { refresh_token: session.refreshToken }, noRefresh: true }); } catch { /* signed out here anyway */ }
  }
  session.clear();
  go('sign-in');
}

async function signedIn() {
  const who = await api('GET', '/v1/session');
  session.remember(who);
  go(home(who));
}

function signInPage(main, params) {
  const f = form({ 'aria-label': 'Sign in' }, [
    field('Username', { name: 'username', autocomplete: 'username', autocapitalize: 'none', required: true }),
    field('Password', { name: 'password', type: 'password', autocomplete: 'current-password', required: true }),
  ], async (el, messages) => {
    const username = el.elements.username.value.trim();
    const password = el.elements.password.value;
    if (!username || !password) {
      throw invalid('Enter both your username and your password.');
    }
    let tokens;
    try {
      tokens = await api('POST', '/login', { body: { username, password }, anonymous: true, noRefresh: true });
    } catch (error) {
      if (error.status !== 401) throw error;
      error.next = 'Check your username and password, and try again. If you have forgotten your password: members ask their coordinator for a new activation code; staff ask their scheme\'s administrator for a reset code.';
      throw error;
    }
    session.signedIn(tokens);
    await signedIn();
  }, 'Sign in');
  page(main, 'Sign in',
    params.ended ? notice('info', 'You have been signed out.', 'Sign in again to carry on.') : null,
    params.changed ? notice('success', 'Your password is changed.', 'You were signed out everywhere: sign in with your new password.') : null,
    h('p', { class: 'lead' }, 'Coordinators, administrators, auditors and members sign in here.'),
    f,
    h('h2', {}, 'First time here?'),
    h('p', {}, 'If your coordinator gave you an activation code, ', h('a', { href: '#/activate' }, 'set up your sign-in'), '.'),
    h('p', {}, 'Staff given a reset code by their scheme\'s administrator: ', h('a', { href: '#/reset-password' }, 'Use a reset code'), ' to choose a new password.'),
    h('h2', {}, 'At a venue?'),
    h('p', {}, h('a', { href: '#/till-sign-in' }, 'Start a till with its till key'), ' to take credits for your offers.'));
}

function activatePage(main) {
  const f = form({ 'aria-label': 'Set up your sign-in' }, [
    field('Activation code', { name: 'code', autocomplete: 'one-time-code', autocapitalize: 'characters' }, 'As your coordinator gave it to you, with or without dashes.'),
    field('Choose a username', { name: 'username', autocomplete: 'username', autocapitalize: 'none' }),
    field('Choose a password', { name: 'password', type: 'password', autocomplete: 'new-password' }, 'At least 10 characters. A few words you will remember is a good password.'),
  ], async el => {
    const body = { code: el.elements.code.value.trim(), username: el.elements.username.value.trim(), password: el.elements.password.value };
    await api('POST', '/v1/activation', { body, anonymous: true, noRefresh: true });
    const tokens = await api('POST', '/login', { body: { username: body.username, password: body.password }, anonymous: true, noRefresh: true });
    session.signedIn(tokens);
    await signedIn();
  }, 'Set up and sign in');
  page(main, 'Set up your sign-in', h('p', {}, 'Your coordinator gave you an activation code when you joined. Use it once to choose your own username and password.'), f,
    h('p', {}, h('a', { href: '#/sign-in' }, 'Back to sign in')));
}

function tillSignInPage(main) {
  const f = form({ 'aria-label': 'Start a till' }, [
    field('Till key', { name: 'key', type: 'password', autocomplete: 'off' }, 'Your scheme administrator gave it to you when the till was set up. It starts with tlk_.'),
  ], async el => {
    const key = el.elements.key.value.trim();
    if (!key) throw invalid('Enter the till key.');
    session.till(key);
    try {
      await signedIn();
    } catch (error) {
      session.clear();
      if (error.status !== 401) throw error;
      const refused = invalid('That till key was not accepted: it may be mistyped or withdrawn.', 'key', 'Check the key');
      refused.next = 'Type it again exactly as your scheme administrator gave it to you, or ask them for a new one.';
      throw refused;
    }
  }, 'Start the till');
  page(main, 'Start a till', h('p', {}, 'For venues without their own till system: take credits for your offers from this browser.'), f,
    h('p', {}, h('a', { href: '#/sign-in' }, 'Back to sign in')));
}

/** Opens one group of the menu (closing the others), or closes them all when `button` is null. */
function openGroup(button) {
  document.querySelectorAll('#nav .group-button').forEach(b => {
    const open = b === button && b.getAttribute('aria-expanded') !== 'true';
    b.setAttribute('aria-expanded', String(open));
    document.getElementById(b.getAttribute('aria-controls')).hidden = !open;
  });
}

const nav = document.getElementById('nav');
nav.addEventListener('click', event => {
  const button = event.target.closest && event.target.closest('.group-button');
  if (button) openGroup(button);
});
nav.addEventListener('keydown', event => {
  if (event.key !== 'Escape') return;
  const open = nav.querySelector('.group-button[aria-expanded="true"]');
  if (!open) return;
  openGroup(null);
  open.focus();
});
// a group left open closes when the person clicks or moves the focus elsewhere
document.addEventListener('click', event => { if (!nav.contains(event.target)) openGroup(null); });
document.addEventListener('focusin', event => { if (!nav.contains(event.target)) openGroup(null); });

/** Folds the menu away (on a phone; on a wider screen it always shows) or opens it. */
function fold(folded) {
  document.querySelector('.top').classList.toggle('folded', folded);
  document.getElementById('menu-button').setAttribute('aria-expanded', String(!folded));
}

document.getElementById('menu-button').addEventListener('click', () =>
  fold(document.getElementById('menu-button').getAttribute('aria-expanded') === 'true'));
window.addEventListener('hashchange', show);
document.addEventListener('click', event => {
  // the skip link moves focus to the content, without changing the page shown
  if (event.target.matches && event.target.matches('[data-skip]')) {
    event.preventDefault();
    document.getElementById('main').focus();
  }
});
show();
