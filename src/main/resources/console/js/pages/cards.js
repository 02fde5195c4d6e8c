// Printing members' cards in a batch: staff choose who (everyone registered in a period, say
// this week, then untick anyone), and print them laid out to cut, ten to an A4 sheet, each with
// the member's name, card number and QR code. One card alone prints from its member's page.
import { api, all, scheme, invalid } from '../api.js';
import { h, field, checkbox, form, page, notice, date, today, cardNumber } from '../ui.js';

const STAFF = ['ADMIN', 'COORDINATOR'];
/** Cards on one A4 sheet: two across, five down, each the size of a bank card (85.6 × 54 mm). */
export const PER_SHEET = 10;
/** The most cards one batch prints: a QR code is fetched for each. */
const MOST = 200;

export const routes = [
  { path: 'cards', title: 'Print cards', nav: 'Print cards', group: 'People', roles: STAFF, needsScheme: true, render: cards },
];

/** The Monday of this week, where the browser is (yyyy-mm-dd). */
function monday() {
  const d = new Date(today() + 'T12:00:00');
  d.setDate(d.getDate() - ((d.getDay() + 6) % 7));
  return d.toLocaleDateString('en-CA');
}

/** The day a member registered, where the browser is (yyyy-mm-dd). */
const registeredOn = p => new Date(p.createdAt).toLocaleDateString('en-CA');

async function cards(main, params) {
  const from = params.from || monday();
  const to = params.to || today();
  const everyone = await all(`/v1/schemes/${scheme()}/members`, { status: 'ACTIVE' });
  const chosen = everyone.filter(p => registeredOn(p) >= from && registeredOn(p) <= to)
    .sort((a, b) => a.displayName.localeCompare(b.displayName));
  const sheets = h('div', { class: 'sheets', 'aria-live': 'polite' });

  const period = form({ 'aria-label': 'Who registered when', class: 'period' }, [
    h('div', { class: 'inline' },
      field('Registered from', { name: 'from', type: 'date', value: from, max: today() }),
      field('Registered to', { name: 'to', type: 'date', value: to, max: today() })),
    h('p', { class: 'hint' }, 'Both days included. ',
      h('a', { href: `#/cards?from=${monday()}&to=${today()}` }, 'This week'), ' · ',
      h('a', { href: `#/cards?from=${today()}&to=${today()}` }, 'Today')),
  ], async el => {
    const chosenPeriod = { from: el.elements.from.value, to: el.elements.to.value };
    if (!chosenPeriod.from || !chosenPeriod.to) throw invalid('Choose both the first and the last day.', chosenPeriod.from ? 'to' : 'from', 'Choose a day');
    if (chosenPeriod.from > chosenPeriod.to) throw invalid('The first day must come before the last.', 'to', 'After the first day');
    window.location.hash = '#/cards?' + new URLSearchParams(chosenPeriod);
  }, 'Show these members');

  const ticks = h('div', { class: 'ticks' }, chosen.map(p =>
    checkbox(`${p.displayName} · ${cardNumber(p.cardNumber)} · registered ${date(p.createdAt)}`, { name: 'member', value: p.id, checked: true })));
  const pick = chosen.length ? form({ 'aria-label': 'Cards to print' }, [
    h('fieldset', {}, h('legend', {}, `Whose cards? (${chosen.length})`),
      h('span', { class: 'hint' }, 'Untick anyone whose card is not needed.'), ticks),
  ], async el => {
    const ids = [...el.querySelectorAll('input[name="member"]:checked')].map(i => i.value);
    if (!ids.length) throw invalid('Tick at least one member.');
    if (ids.length > MOST) throw invalid(`At most ${MOST} cards at once: choose a shorter period, or untick some.`);
    const people = ids.map(id => chosen.find(p => p.id === id));
    sheets.replaceChildren(h('p', { class: 'muted' }, 'Making the cards…'));
    const laidOut = await layOut(people);
    sheets.replaceChildren(
      notice('success', `${people.length} ${people.length === 1 ? 'card' : 'cards'} on ${laidOut.length} ${laidOut.length === 1 ? 'sheet' : 'sheets'}, ready to print.`,
        h('p', {}, 'Print on A4 at actual size (100%, no fitting to the page), then cut along the lines.'),
        h('p', {}, h('button', { type: 'button', onclick: () => window.print() }, 'Print the cards'))),
      ...laidOut);
    sheets.querySelector('.notice').focus();
  }, 'Lay out the cards') : h('p', { class: 'muted' }, 'No member who takes part registered in these days.');

  page(main, 'Print cards',
    h('p', {}, `Cards to cut out, ${PER_SHEET} to an A4 sheet, each with the name, the card number and the QR code a venue scans. `
      + 'One card alone prints from its member\'s page.'),
    period, pick, sheets);
  // printing shows the sheets alone, not the page around them
  main.dataset.print = 'cards';
}

/** The people's cards in A4 sheets of PER_SHEET, their QR codes fetched a few at a time. */
async function layOut(people) {
  const qrs = new Array(people.length);
  let next = 0;
  const worker = async () => {
    while (next < people.length) {
      const i = next++;
      const blob = await api('GET', `/v1/members/${encodeURIComponent(people[i].id)}/card/qr`, { as: 'blob', accept: 'image/svg+xml' });
      qrs[i] = URL.createObjectURL(blob);
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
  const sheets = [];
  for (let start = 0; start < people.length; start += PER_SHEET) {
    const n = sheets.length + 1;
    sheets.push(h('section', { class: 'sheet', 'aria-label': `Sheet ${n}` },
      people.slice(start, start + PER_SHEET).map((p, i) => h('div', { class: 'cut-card' },
        h('p', { class: 'holder' }, p.displayName),
        h('img', { class: 'qr', src: qrs[start + i], alt: 'QR code of card number ' + cardNumber(p.cardNumber) }),
        h('p', { class: 'number' }, cardNumber(p.cardNumber))))));
  }
  return sheets;
}
