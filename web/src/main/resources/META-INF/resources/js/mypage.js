import { start, t, h, day, time, when, officeDay, isoDay, form, field, actionButton, notice, done, officeName, deviceId } from './common.js';

const OPEN_STATES = new Set(['REQUESTED', 'CONFIRMED', 'AWAITING_RECONSENT']);

async function offices(app) {
  const list = await app.api('reservation', '/api/offices?size=100');
  return list.filter(o => o.state === 'OPEN');
}

function officeChooser(list, chosen, onChange) {
  const select = h('select', { name: 'office', onchange: e => onChange(e.target.value) },
    list.map(o => h('option', { value: o.id, selected: o.id === chosen }, officeName(o))));
  return field(t('office'), select);
}

function chosenOffice(app, list) {
  const fromHash = new URLSearchParams(location.hash.split('?')[1] || '').get('office');
  return list.find(o => o.id === fromHash) || list.find(o => o.id === app.office) || list[0];
}

function go(view, office) {
  location.hash = `#/${view}?office=${office}`;
}

function rules(office) {
  const p = office.policy;
  const channels = list => list.map(c => t(`channel.${c}`)).join('・');
  return h('section', { 'aria-labelledby': 'rules-h' }, h('h2', { id: 'rules-h' }, t('rules')),
    h('ul', {},
      h('li', {}, t('rule.session', p.sessionMinutes)),
      h('li', {}, t(`rule.lead.${p.leadTime.unit}`, p.leadTime.days)),
      h('li', {}, t('rule.prefs', p.maxPreferences)),
      h('li', {}, t('rule.cancel', channels(p.cancellationChannels), channels(p.sameDayCancellationChannels))),
      h('li', {}, `${t('office.phone')}: `, h('a', { href: `tel:${office.phone}` }, office.phone))));
}

async function slotsView(main, app) {
  const list = await offices(app);
  const office = chosenOffice(app, list);
  const from = new Date();
  const to = new Date(Date.now() + 28 * 86400000);
  const slots = await app.api('reservation', `/api/offices/${office.id}/availability?from=${isoDay(from)}&to=${isoDay(to)}`);
  const picked = [];
  const byDay = new Map();
  for (const s of slots) {
    const d = officeDay(s.start);
    if (!byDay.has(d)) byDay.set(d, []);
    byDay.get(d).push(s);
  }
  const order = h('ol', { class: 'picked', 'aria-live': 'polite' });
  const showOrder = () => order.replaceChildren(...picked.map(p => h('li', {}, `${day(p)} ${time(p)}`)));
  const calendar = h('div', { class: 'calendar' }, [...byDay.entries()].map(([d, daySlots]) =>
    h('fieldset', { class: 'day' }, h('legend', {}, day(daySlots[0].start)), daySlots.map(s => {
      const id = `slot-${s.start}`;
      const box = h('input', { type: 'checkbox', id, name: 'slot', value: s.start, disabled: s.free < 1,
        'data-start': s.start });
      box.addEventListener('change', () => {
        const i = picked.indexOf(s.start);
        if (box.checked && i < 0) {
          if (picked.length >= office.policy.maxPreferences) {
            box.checked = false;
            notice(t('rule.prefs', office.policy.maxPreferences));
            return;
          }
          picked.push(s.start);
        } else if (!box.checked && i >= 0) picked.splice(i, 1);
        showOrder();
      });
      return h('div', { class: 'slot' }, box, h('label', { for: id }, `${time(s.start)}–${time(s.end)} `,
        h('span', { class: s.free < 1 ? 'full' : 'free' }, s.free < 1 ? t('slots.full') : t('slots.free', s.free))));
    }))));

  const isSeeker = app.has('seeker');
  const c = app.claims;
  const apply = isSeeker ? form({ class: 'apply', 'aria-labelledby': 'apply-h' }, [
    h('h2', { id: 'apply-h' }, t('apply')),
    h('p', {}, t('slots.hint')), order,
    field(t('apply.name'), h('input', { name: 'name', required: true, autocomplete: 'name', value: c.name || '' })),
    field(t('apply.seekerNumber'), h('input', { name: 'seekerNumber', value: c.seeker_number || '', inputmode: 'numeric' }), t('apply.seekerNumber.hint')),
    field(t('apply.email'), h('input', { name: 'email', type: 'email', required: true, autocomplete: 'email', value: c.email || '' })),
    field(t('apply.phone'), h('input', { name: 'phone', type: 'tel', required: true, autocomplete: 'tel' })),
    office.policy.counselorNameAsked ? field(t('apply.counselor'), h('input', { name: 'counselorName', required: true })) : null,
    h('fieldset', {}, h('legend', {}, t('apply.companions')), ['INTERPRETER', 'CAREGIVER', 'OTHER'].map(k =>
      h('div', { class: 'check' }, h('input', { type: 'checkbox', name: 'companions', value: k, id: `comp-${k}` }),
        h('label', { for: `comp-${k}` }, t(`companion.${k}`))))),
    field(t('apply.companionNote'), h('textarea', { name: 'companionNote', rows: 2 })),
  ], t('apply.submit'), async data => {
    if (!picked.length) throw new Error(t('apply.choose'));
    const body = {
      officeId: office.id, name: data.get('name'), seekerNumber: data.get('seekerNumber') || null,
      preferredStarts: picked, email: data.get('email'), phone: data.get('phone'),
      counselorName: data.get('counselorName') || null, companions: data.getAll('companions'),
      companionNote: data.get('companionNote') || null,
    };
    await app.api('reservation', '/api/reservations', { method: 'POST', body });
    done(t('apply.done'), `#/bookings?office=${office.id}`);
  }) : h('p', {}, t('apply.employer', office.phone));

  main.replaceChildren(h('h1', {}, t('nav.slots')),
    officeChooser(list, office.id, id => go('slots', id)), rules(office),
    h('section', { 'aria-labelledby': 'slots-h' }, h('h2', { id: 'slots-h' }, t('slots')),
      slots.length ? calendar : h('p', {}, t('slots.none'))),
    apply);
}

/** Why this booking cannot be cancelled here, in the office's own terms; null where My Page may cancel it. */
function cancelGuidance(booking, office) {
  const p = office.policy;
  const name = officeName(office);
  if (!p.cancellationChannels.includes('ONLINE')) return t('booking.phoneOnly', name, office.phone);
  const today = officeDay(new Date().toISOString());
  if (booking.slotStart && officeDay(booking.slotStart) === today && !p.sameDayCancellationChannels.includes('ONLINE')) {
    return t('booking.sameDay', name, office.phone);
  }
  return null;
}

async function bookingsView(main, app) {
  const [bookings, list] = await Promise.all([app.api('reservation', '/api/reservations?size=100'), offices(app)]);
  const byId = new Map(list.map(o => [o.id, o]));
  const items = bookings.map(b => {
    const office = byId.get(b.officeId);
    const open = OPEN_STATES.has(b.state);
    const guidance = open && office ? cancelGuidance(b, office) : null;
    return h('li', { class: 'booking', 'data-id': b.id, 'data-state': b.state },
      h('h2', {}, b.slotStart ? `${day(b.slotStart)} ${time(b.slotStart)}–${time(b.slotEnd)}` : t('booking.prefs')),
      h('dl', {},
        h('dt', {}, t('office')), h('dd', {}, office ? officeName(office) : b.officeId),
        h('dt', {}, t('booking.state')), h('dd', { class: 'state' }, t(`state.${b.state}`)),
        h('dt', {}, t('booking.prefs')), h('dd', {}, b.preferredStarts.map(p => `${day(p)} ${time(p)}`).join(' / '))),
      b.state === 'AWAITING_RECONSENT' ? h('p', { class: 'info' }, t('booking.reconsent')) : null,
      open ? (guidance ? h('p', { class: 'guidance' }, guidance)
        : actionButton(t('booking.cancel'), async () => {
          await app.api('reservation', `/api/reservations/${b.id}/cancel`, { method: 'POST' });
          done(t('booking.cancelled'));
        })) : null);
  });
  main.replaceChildren(h('h1', {}, t('bookings')), items.length ? h('ul', { class: 'bookings' }, items) : h('p', {}, t('bookings.none')));
}

async function inboxView(main, app) {
  const messages = await app.api('notification', '/api/me/messages?size=50');
  const reader = h('article', { class: 'message', 'aria-live': 'polite' });
  main.replaceChildren(h('h1', {}, t('inbox')),
    messages.length ? h('ul', { class: 'inbox' }, messages.map(m => h('li', { 'data-id': m.id },
      h('p', {}, m.readAt ? null : h('strong', {}, `${t('inbox.unread')} `), `${when(m.createdAt)} `, m.subject),
      actionButton(t('inbox.open'), async () => {
        const full = m.readAt ? m : await app.api('notification', `/api/me/messages/${m.id}/read`, { method: 'POST' });
        reader.replaceChildren(h('h2', {}, full.subject), h('pre', {}, full.body));
      }, { 'aria-label': `${t('inbox.open')}: ${m.subject}` })))) : h('p', {}, t('inbox.none')),
    reader);
}

async function termsView(main, app) {
  const list = await offices(app);
  const office = chosenOffice(app, list);
  const [status, terms, mine] = await Promise.all([
    app.api('consent', `/api/consents/status?officeId=${office.id}`),
    app.api('consent', `/api/offices/${office.id}/terms/current`),
    app.api('consent', '/api/consents/mine?size=50'),
  ]);
  const parts = [h('h1', {}, t('terms')), officeChooser(list, office.id, id => go('terms', id))];
  if (status.consented) {
    parts.push(h('p', { class: 'ok', id: 'consent-state' }, t('terms.consented')));
  } else {
    parts.push(h('p', { class: 'info', id: 'consent-state' }, t('terms.notConsented')));
    if (status.consentedVersion) {
      const changes = await app.api('consent',
        `/api/offices/${office.id}/terms/diff?from=${encodeURIComponent(status.consentedVersion)}&to=${encodeURIComponent(status.termsVersionInForce)}`);
      parts.push(h('section', { 'aria-labelledby': 'changes-h' }, h('h2', { id: 'changes-h' }, t('terms.changes')),
        h('ul', { class: 'changes' }, changes.map(c => h('li', {}, h('h3', {}, t('terms.article', c.number, c.heading || '')),
          c.before ? h('del', {}, c.before) : null, c.after ? h('ins', {}, c.after) : null)))));
    }
    parts.push(actionButton(t('terms.consent'), async () => {
      await app.api('consent', `/api/offices/${office.id}/terms/${terms.id}/consent`, {
        method: 'POST', headers: { 'X-Device-Id': deviceId() },
      });
      done(t('terms.consentDone'));
    }, { id: 'consent' }));
  }
  parts.push(h('section', { 'aria-labelledby': 'terms-h' }, h('h2', { id: 'terms-h' }, terms.title),
    h('p', {}, t('terms.effective', terms.effectiveFromEra || terms.effectiveFrom)),
    terms.articles.map(a => h('section', { class: 'article' }, h('h3', {}, t('terms.article', a.number, a.heading)), h('p', {}, a.body)))));
  parts.push(h('section', { 'aria-labelledby': 'hist-h' }, h('h2', { id: 'hist-h' }, t('terms.history')),
    h('ul', {}, mine.filter(r => r.officeId === office.id).map(r => h('li', {}, `${when(r.recordedAt)} ${r.termsVersionId} (${r.method})`)))));
  main.replaceChildren(...parts);
}

start('mypage', [
  { path: 'slots', label: 'nav.slots', render: slotsView },
  { path: 'bookings', label: 'nav.bookings', render: bookingsView },
  { path: 'inbox', label: 'nav.inbox', render: inboxView },
  { path: 'terms', label: 'nav.terms', render: termsView },
]);
