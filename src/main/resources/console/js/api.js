// The console speaks to the REST API exactly as any integration does: a bearer token (or a
// till's API key), an Idempotency-Key on every request that moves credits, problem+json errors.

const store = window.sessionStorage; // forgotten when the browser closes: shared computers

export const session = {
  get token() { return store.getItem('tl.token'); },
  get refreshToken() { return store.getItem('tl.refresh'); },
  get tillKey() { return store.getItem('tl.tillKey'); },
  get who() { const w = store.getItem('tl.who'); return w ? JSON.parse(w) : null; },
  get schemeCode() { return store.getItem('tl.scheme') || (this.who && this.who.scheme && this.who.scheme.id); },
  set schemeCode(code) { store.setItem('tl.scheme', code); },
  signedIn(tokens) {
    store.setItem('tl.token', tokens.access_token);
    if (tokens.refresh_token) store.setItem('tl.refresh', tokens.refresh_token);
  },
  till(key) { store.setItem('tl.tillKey', key); },
  remember(who) { store.setItem('tl.who', JSON.stringify(who)); },
  clear() { ['tl.token', 'tl.refresh', 'tl.tillKey', 'tl.who', 'tl.scheme'].forEach(k => store.removeItem(k)); },
};

/** An error from the API, with words for a person in `message` and what to do next in `next`. */
export class ApiError extends Error {
  constructor(status, problem) {
    const words = explain(status, problem);
    super(words.message);
    this.status = status;
    this.problem = problem || {};
    this.code = this.problem.code || String(status);
    this.next = words.next;
  }
}

/**
 * A refusal made in the page before asking the API (a field left empty), shown by form() like
 * the API's own: `fieldName` marks the field.
 */
export function invalid(detail, fieldName, message) {
  return new ApiError(400, { code: 'validation_failed', detail, errors: fieldName ? [{ field: fieldName, message }] : [] });
}

/** The code of the scheme in use, ready for a path. */
export const scheme = () => encodeURIComponent(session.schemeCode);

/** A random Idempotency-Key; crypto.randomUUID exists only on https or localhost. */
export function newKey() {
  if (window.crypto.randomUUID) return window.crypto.randomUUID();
  const b = window.crypto.getRandomValues(new Uint8Array(16));
  return Array.from(b, x => x.toString(16).padStart(2, '0')).join('');
}

const wait = ms => new Promise(r => setTimeout(r, ms));

/**
 * Calls the API. `options.move` marks a request that moves credits: it is sent with an
 * Idempotency-Key, and resent with the same key if the connection drops or the service is
 * briefly unavailable, so a credit is never moved twice nor lost.
 */
export async function api(method, path, options = {}) {
  const key = options.move ? (options.key || newKey()) : null;
  for (let attempt = 1; ; attempt++) {
    let response;
    try {
      response = await send(method, path, options, key);
    } catch (networkError) {
      if (key && attempt < 4) { await wait(1000 * attempt); continue; }
      throw new ApiError(0, null);
    }
    if (response.status === 401 && session.refreshToken && !options.noRefresh && await refresh()) {
      continue;
    }
    if (key && attempt < 4 && (response.status === 503 || response.status === 409 && await isInFlight(response))) {
      await wait(1000 * attempt);
      continue;
    }
    return read(response, options);
  }
}

/**
 * One form's submission of a request that moves credits. Its Idempotency-Key is kept while the
 * person sends the same thing again after no answer came (the connection dropped, the service
 * failed): the retry can never move credits twice. Once the service answered, done or refused,
 * or what is sent changed, the next submission gets a new key.
 */
export function submission() {
  let key = null;
  let sent = null;
  return async (method, path, options = {}) => {
    const what = method + ' ' + path + ' ' + JSON.stringify(options.body === undefined ? null : options.body);
    if (!key || what !== sent) {
      key = newKey();
      sent = what;
    }
    try {
      const answer = await api(method, path, { ...options, move: true, key });
      key = null;
      return answer;
    } catch (error) {
      if (error.status !== 0 && error.status < 500) key = null;
      throw error;
    }
  };
}

async function send(method, path, options, key) {
  const headers = { Accept: options.accept || 'application/json, application/problem+json' };
  if (session.tillKey) headers['X-API-Key'] = session.tillKey;
  else if (session.token && !options.anonymous) headers.Authorization = 'Bearer ' + session.token;
  if (key) headers['Idempotency-Key'] = key;
  let body;
  if (options.body !== undefined) {
    headers['Content-Type'] = options.contentType || 'application/json';
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
  }
  let url = path;
  if (options.query) {
    const q = new URLSearchParams();
    Object.entries(options.query).forEach(([k, v]) => { if (v !== undefined && v !== null && v !== '') q.set(k, v); });
    if ([...q].length) url += '?' + q;
  }
  return fetch(url, { method, headers, body, cache: 'no-store' });
}

async function isInFlight(response) {
  try { return (await response.clone().json()).code === 'idempotency_key_in_flight'; } catch { return false; }
}

async function read(response, options) {
  if (response.ok) {
    if (response.status === 204) return null;
    if (options.as === 'blob') return response.blob();
    if (options.as === 'text') return response.text();
    return response.json();
  }
  let problem = null;
  try { problem = await response.json(); } catch { /* not problem+json: a proxy's page */ }
  throw new ApiError(response.status, problem);
}

let refreshing = null;
/** A new access token for the refresh token, once for every request that found the old one expired. */
async function refresh() {
  refreshing = refreshing || (async () => {
    try {
      const r = await fetch('/oauth/access_token', {
        method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ grant_type: 'refresh_token', refresh_token: session.refreshToken }),
      });
      if (!r.ok) return false;
      session.signedIn(await r.json());
      return true;
    } catch { return false; } finally { setTimeout(() => { refreshing = null; }, 0); }
  })();
  return refreshing;
}

/** Every page of a list, for the short lists a page shows whole (organisations, offers, categories). */
export async function all(path, query = {}, most = 1000) {
  const items = [];
  let cursor;
  do {
    const page = await api('GET', path, { query: { ...query, limit: 200, cursor } });
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor && items.length < most);
  return items;
}

// What each problem means to a person, and what they can do about it. The API's own `detail`
// is written for people too, so it is shown where it says more than a general sentence.
const NEXT = {
  validation_failed: 'Check what you entered and try again.',
  unauthorized: 'Sign in again.',
  forbidden: 'Your sign-in does not allow this. Ask your scheme administrator if you need it.',
  not_found: 'Check the number or name and try again. It may have been removed.',
  insufficient_credits: 'Choose a smaller amount, or earn or receive more credits first.',
  amount_must_be_positive: 'Enter an amount of at least 1 minute: hours, minutes or both.',
  amount_too_large: 'Enter a smaller amount: at most 100,000 hours at once.',
  rule_violated: 'Change the details so they keep to the scheme\'s rules, or ask your coordinator.',
  rate_limited: 'Wait a few seconds, then try again.',
  database_unavailable: 'Nothing was lost. Wait a moment, then try again.',
  service_busy: 'Nothing was lost. Wait a moment, then try again.',
  hold_expired: 'Start the sale again: the credits were released.',
  hold_not_open: 'Look at today\'s redemptions to see what happened to it.',
  quota_exhausted: 'This offer is fully used for this week. Offer something else.',
  activity_already_decided: 'Someone has already approved or rejected it. Reload the list.',
  already_reversed: 'Nothing more to do: it was already undone.',
  username_taken: 'Choose another username.',
  scheme_code_taken: 'Choose another code.',
  category_code_taken: 'Choose another code.',
  request_entity_too_large: 'Send a smaller file, or split it in two.',
  member_not_found: 'Check the number on their card and try again.',
  member_erased: 'This member\'s personal data was erased: their record can no longer be used. If they come back, register them anew.',
  member_inactive: 'If this is a mistake, a coordinator or an administrator can mark them as back in the scheme.',
  staff_inactive: 'If this is a mistake, ask your scheme\'s administrator to reactivate it.',
  last_administrator: 'Make someone else an administrator first, then try again.',
  password_reset_code_invalid: 'Check your username and the code. If it still fails, ask your scheme\'s administrator for a new code.',
  card_blocked: 'That card was replaced: ask them for the number on their new card.',
  payment_request_decided: 'Nothing more to do: it was already answered. Reload the page to see it.',
  payment_request_expired: 'It was not answered in time. Ask them to send a new request.',
  listing_closed: 'Its owner closed it. Look for another offer or request.',
  listing_expired: 'It has expired. Look for another offer or request.',
};

/** The words for a field the API names in a refusal: the label the form shows for it. */
const FIELD_WORDS = {
  toCardNumber: 'Their card number', fromCardNumber: 'Their card number', cardNumber: 'Card number', toMemberId: 'Member',
  fromMemberId: 'Member', memberId: 'Member', categoryCode: 'Kind of help', minutes: 'Time', listingId: 'Offer or request',
  amountMinutes: 'Amount', priceMinutes: 'Price', awardMinutes: 'Hours awarded', capturedMinutes: 'Amount taken',
  floorMinutes: 'Limit', expiresOn: 'Open until', displayName: 'Name', preferredContact: 'Prefers to be contacted by',
  memberFloorMinutes: 'How far members may owe', lowestMemberFloorMinutes: 'The most one member may be allowed to owe',
  holdMinutes: 'How long a till holds credits', backdateDays: 'How many days back hours may be logged',
  weeklyEarnCapMinutes: 'Most time a member may log in one week', paymentRequestDays: 'How many days a request to pay waits',
  fundingAccountId: 'Whose credits', organisationId: 'Organisation', partnerId: 'Partner', offerId: 'Offer',
  upTo: 'Up to', from: 'From', to: 'To', date: 'Date', checkedOn: 'Date of the check', key: 'Till key',
  code: 'Activation code', username: 'Username', password: 'Password', newPassword: 'New password',
  currentPassword: 'Current password', reason: 'Reason', memo: 'Note', body: 'What was sent', timeZone: 'Time zone',
};
export const fieldWords = name => FIELD_WORDS[name]
  || String(name).replace(/\./g, ' ').replace(/([A-Z])/g, ' $1').replace(/^./, c => c.toUpperCase()).replace(/ (Minutes|Id)$/, '').trim();

/**
 * The API's sentence made fit for a person: a field's API name becomes its label, and an id
 * (`acc_01M8…`), which means nothing to a coordinator or a venue, is left out.
 */
export const inWords = (text, errors) => plain(text, errors);

function plain(text, errors) {
  let words = String(text);
  // only an API name (amountMinutes, time.hours) is replaced: a plain word (key, code) may be the sentence's own
  (errors || []).forEach(e => {
    if (e && e.field && /[A-Z.]/.test(e.field)) words = words.split(e.field).join(fieldWords(e.field));
  });
  words = words.replace(/\b(account|entry|hold|redemption|offer|member|activity|refund|partner|organisation|listing)\s+[a-z]{2,4}_[0-9A-Za-z]{8,}/gi, 'this $1');
  words = words.replace(/\s*\(?\b[a-z]{2,4}_[0-9A-Z]{16,}\b\)?/g, '');
  return words.replace(/\b[a-z][a-zA-Z]*Minutes\b/g, m => fieldWords(m).toLowerCase());
}

function explain(status, problem) {
  if (status === 0) {
    return { message: 'The service could not be reached.', next: 'Check your internet connection, then try again. Nothing was sent twice.' };
  }
  const code = problem && problem.code;
  const errors = problem && problem.errors;
  let message = (problem && (problem.detail || problem.title)) || 'Something went wrong (' + status + ').';
  message = plain(message, errors);
  // the API's own sentence starts with the field it names ("amountMinutes must be…", "upTo: …"); one the page wrote does not
  if (code === 'validation_failed' && errors && errors.length && errors[0].field && problem.detail
      && (problem.detail.startsWith(errors[0].field + ' ') || problem.detail.startsWith(errors[0].field + ':'))) {
    // the API's sentence names its fields ("amountMinutes must be…"): the form's labels instead
    message = errors.length === 1 ? fieldWords(errors[0].field) + ': ' + plain(errors[0].message, errors) + '.'
      : 'Some of what you entered needs a change: ' + errors.map(e => fieldWords(e.field)).join(', ') + '.';
    message = message.replace(/\.\.$/, '.');
  }
  if (code === 'unauthorized') message = problem.detail && /password|username/i.test(problem.detail)
    ? problem.detail : 'Your sign-in has ended or was not accepted.';
  if (status >= 500 && !NEXT[code]) {
    return { message: 'Something went wrong on our side.', next: 'Try again in a moment. If it keeps happening, tell your scheme administrator'
      + (problem && problem.requestId ? ' and quote reference ' + problem.requestId : '') + '.' };
  }
  return { message, next: NEXT[code] || (status >= 500 ? 'Try again in a moment.' : 'Check the details and try again.') };
}
