import { start, t, h, day, time, when, officeDay, form, field, actionButton, done, table, officeName } from './common.js';

const isAdmin = app => app.has('office-admin');
const isStaff = app => app.has('counselor') || app.has('office-admin');

function slotLabel(iso) {
  return `${day(iso)} ${time(iso)}`;
}

/** Free seats per slot start over the days the given starts fall on (one availability read). */
async function freeSeats(app, starts) {
  if (!starts.length) return new Map();
  const days = starts.map(officeDay).sort();
  const slots = await app.api('reservation', `/api/offices/${app.office}/availability?from=${days[0]}&to=${days[days.length - 1]}`);
  return new Map(slots.map(s => [new Date(s.start).getTime(), s.free]));
}

function person(r) {
  return h('div', {}, h('strong', {}, r.name || r.userId), r.seekerNumber ? ` ${r.seekerNumber}` : '',
    r.phone ? h('div', {}, r.phone) : null, r.email ? h('div', {}, r.email) : null);
}

async function queueView(main, app) {
  const requests = await app.api('reservation', '/api/staff/reservations?state=REQUESTED&size=100');
  const free = await freeSeats(app, requests.flatMap(r => r.preferredStarts));
  const rows = requests.map(r => h('li', { class: 'request', 'data-id': r.id },
    h('h2', {}, person(r)),
    h('dl', {},
      h('dt', {}, t('queue.channel')), h('dd', {}, t(`channel.${r.channel}`)),
      h('dt', {}, t('queue.due')), h('dd', {}, when(r.responseDueAt)),
      r.counselorName ? [h('dt', {}, t('apply.counselor')), h('dd', {}, r.counselorName)] : null,
      r.companions?.length ? [h('dt', {}, t('apply.companions')),
        h('dd', {}, r.companions.map(c => t(`companion.${c}`)).join('、'), r.companionNote ? ` — ${r.companionNote}` : '')] : null),
    h('ul', { class: 'prefs' }, r.preferredStarts.map(p => {
      const seats = free.get(new Date(p).getTime()) ?? 0;
      return h('li', {}, `${slotLabel(p)} `, h('span', { class: seats > 0 ? 'free' : 'full' },
        seats > 0 ? t('queue.free', seats) : t('slots.full')), ' ',
      actionButton(t('queue.confirm', slotLabel(p)), async () => {
        await app.api('reservation', `/api/staff/reservations/${r.id}/confirm`, { method: 'POST', body: { slotStart: p } });
        done(t('queue.confirmed'));
      }, { disabled: seats < 1 }));
    })),
    form({ class: 'inline' }, [field(t('queue.reason'), h('input', { name: 'reason', required: true }))], t('queue.reject'),
      async data => {
        await app.api('reservation', `/api/staff/reservations/${r.id}/reject`, { method: 'POST', body: { reason: data.get('reason') } });
        done(t('queue.rejected'));
      })));
  main.replaceChildren(h('h1', {}, t('queue')), rows.length ? h('ul', { class: 'requests' }, rows) : h('p', {}, t('queue.none')));
}

async function bookedView(main, app) {
  const [booked, office] = await Promise.all([
    app.api('reservation', '/api/staff/reservations?state=CONFIRMED&size=100'),
    app.api('reservation', `/api/offices/${app.office}`)]);
  const rows = booked.map(r => h('li', { class: 'booking', 'data-id': r.id },
    h('h2', {}, `${slotLabel(r.slotStart)} `, person(r)),
    h('details', {}, h('summary', {}, t('booked.cancel')),
      form({}, [
        field(t('booked.cancelChannel'), h('select', { name: 'channel' }, ['PHONE', 'EMAIL'].map(c => h('option', { value: c }, t(`channel.${c}`))))),
        field(t('booked.note'), h('input', { name: 'note' }))], t('booked.cancel'), async data => {
        await app.api('reservation', `/api/staff/reservations/${r.id}/cancellation`, {
          method: 'POST', body: { channel: data.get('channel'), note: data.get('note') || null } });
        done(t('booked.done'));
      })),
    h('details', {}, h('summary', {}, t('booked.followUp')),
      form({}, [
        field(t('booked.followUpStart'), h('input', { name: 'slotStart', type: 'datetime-local', required: true, step: 1800 })),
        field(t('booked.delivery'), h('select', { name: 'detailDelivery' }, office.policy.followUpDetailChannels.map(c =>
          h('option', { value: c }, t(`delivery.${c}`)))))], t('booked.followUp'), async data => {
        await app.api('reservation', `/api/staff/reservations/${r.id}/follow-ups`, {
          method: 'POST', body: { slotStart: `${data.get('slotStart')}:00+09:00`, detailDelivery: data.get('detailDelivery') } });
        done(t('booked.done'));
      })),
    office.policy.adHocOffered ? actionButton(t('booked.adHoc'), async () => {
      await app.api('reservation', '/api/staff/reservations/ad-hoc', {
        method: 'POST', body: { userId: r.userId, userKind: r.userKind, codeDelivery: 'MYPAGE' } });
      done(t('booked.done'));
    }) : null));
  main.replaceChildren(h('h1', {}, t('booked')), rows.length ? h('ul', { class: 'requests' }, rows) : h('p', {}, t('none')));
}

async function overdueView(main, app) {
  const overdue = await app.api('reservation', '/api/staff/reservations/overdue?size=100');
  main.replaceChildren(h('h1', {}, t('overdue')), table(t('overdue'), [
    { label: t('queue.person'), value: person },
    { label: t('booking.prefs'), value: r => r.preferredStarts.map(slotLabel).join(' / ') },
    { label: t('queue.due'), value: r => when(r.responseDueAt) }], overdue));
}

async function callbacksView(main, app) {
  const tasks = await app.api('notification', '/api/callbacks?size=100');
  const sheet = h('section', { 'aria-live': 'polite' });
  main.replaceChildren(h('h1', {}, t('callbacks')), table(t('callbacks'), [
    { label: t('kind'), value: c => `${c.kind} / ${c.reason}` },
    { label: t('status'), value: c => c.state },
    { label: t('created'), value: c => when(c.createdAt) },
    { label: t('actions'), value: c => [
      c.state === 'OPEN' ? actionButton(t('callbacks.claim'), async () => {
        await app.api('notification', `/api/callbacks/${c.id}/claim`, { method: 'POST' });
        done(t('booked.done'));
      }) : null,
      c.state !== 'DONE' ? actionButton(t('callbacks.sheet'), async () => {
        const s = await app.api('notification', `/api/callbacks/${c.id}/call`);
        sheet.replaceChildren(h('h2', {}, t('callbacks.sheet')), h('dl', {},
          h('dt', {}, t('name')), h('dd', {}, s.name || ''), h('dt', {}, t('office.phone')), h('dd', {}, s.phone || ''),
          h('dt', {}, t('booking.when')), h('dd', {}, s.startsAt ? slotLabel(s.startsAt) : ''),
          s.accessCode ? [h('dt', {}, 'Code'), h('dd', {}, s.accessCode)] : null),
        ['REACHED', 'UNREACHABLE'].map(o => actionButton(t(`callbacks.${o.toLowerCase()}`), async () => {
          await app.api('notification', `/api/callbacks/${c.id}/complete`, { method: 'POST', body: { outcome: o } });
          done(t('booked.done'));
        })));
      }) : null] }], tasks), sheet);
}

async function deliveriesView(main, app) {
  const log = await app.api('notification', '/api/notifications?size=50');
  main.replaceChildren(h('h1', {}, t('deliveries')), table(t('deliveries'), [
    { label: t('kind'), value: n => `${n.kind} (${n.channel})` },
    { label: t('status'), value: n => n.status + (n.bouncedAt ? ' / bounced' : '') },
    { label: t('attempts'), value: n => n.attempts },
    { label: t('created'), value: n => when(n.createdAt) },
    { label: t('actions'), value: n => n.status === 'DEAD' || n.bouncedAt ? actionButton(t('deliveries.resend'), async () => {
      await app.api('notification', `/api/notifications/${n.id}/resend`, { method: 'POST' });
      done(t('booked.done'));
    }) : null }], log));
}

async function mailView(main, app) {
  const mail = await app.api('notification', '/api/staff/mail?size=50');
  const reader = h('article', { 'aria-live': 'polite' });
  main.replaceChildren(h('h1', {}, t('mail')), table(t('mail'), [
    { label: t('received'), value: m => when(m.receivedAt) },
    { label: t('from'), value: m => m.sender ?? '' },
    { label: t('subject'), value: m => m.subject ?? '' },
    { label: t('status'), value: m => m.state },
    { label: t('actions'), value: m => [actionButton(t('inbox.open'), async () => {
      const full = await app.api('notification', `/api/staff/mail/${m.id}`);
      reader.replaceChildren(h('h2', {}, full.subject ?? ''), h('pre', {}, full.text ?? ''));
    }), m.state !== 'DONE' ? actionButton(t('mail.done'), async () => {
      await app.api('notification', `/api/staff/mail/${m.id}/done`, { method: 'POST' });
      done(t('booked.done'));
    }) : null] }], mail), reader);
}

async function restrictionsView(main, app) {
  const active = await app.api('reservation', '/api/staff/restrictions?size=100');
  main.replaceChildren(h('h1', {}, t('restrictions')), table(t('restrictions'), [
    { label: t('restrictions.userId'), value: r => r.userId },
    { label: t('kind'), value: r => r.kind },
    { label: t('restrictions.reason'), value: r => r.reason },
    { label: t('created'), value: r => when(r.createdAt) },
    { label: t('actions'), value: r => actionButton(t('restrictions.lift'), async () => {
      await app.api('reservation', `/api/staff/restrictions/${r.id}`, { method: 'DELETE' });
      done(t('booked.done'));
    }) }], active),
  h('h2', {}, t('restrictions.refuse')),
  form({}, [field(t('restrictions.userId'), h('input', { name: 'userId', required: true })),
    field(t('restrictions.reason'), h('input', { name: 'reason', required: true }))], t('restrictions.refuse'), async data => {
    await app.api('reservation', '/api/staff/restrictions', { method: 'POST', body: { userId: data.get('userId'), reason: data.get('reason') } });
    done(t('booked.done'));
  }));
}

async function officeView(main, app) {
  const [office, schedule, closures] = await Promise.all([
    app.api('reservation', `/api/offices/${app.office}`),
    app.api('reservation', `/api/offices/${app.office}/schedule`),
    app.api('reservation', `/api/offices/${app.office}/closures?size=100`)]);
  const p = office.policy;
  main.replaceChildren(h('h1', {}, `${t('officeSettings')}: ${officeName(office)}`),
    h('h2', {}, t('office.policy')),
    h('dl', { class: 'policy' }, Object.entries(p).map(([k, v]) => [h('dt', {}, k),
      h('dd', {}, typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v))])),
    h('h2', {}, t('office.schedule')),
    table(t('office.schedule'), [
      { label: t('weekday'), value: s => s.dayOfWeek },
      { label: t('time'), value: s => s.start },
      { label: t('capacity'), value: s => s.capacity }], schedule),
    h('h2', {}, t('office.closures')),
    table(t('office.closures'), [
      { label: t('office.day'), value: c => c.day },
      { label: t('office.reason'), value: c => c.reason ?? '' },
      { label: t('actions'), value: c => isAdmin(app) ? actionButton(t('office.reopen'), async () => {
        await app.api('reservation', `/api/offices/${app.office}/closures/${c.day}`, { method: 'DELETE' });
        done(t('booked.done'));
      }) : null }], closures),
    isAdmin(app) ? form({}, [field(t('office.day'), h('input', { name: 'day', type: 'date', required: true })),
      field(t('office.reason'), h('input', { name: 'reason' }))], t('office.close'), async data => {
      await app.api('reservation', `/api/offices/${app.office}/closures/${data.get('day')}`, {
        method: 'PUT', body: { reason: data.get('reason') || null } });
      done(t('booked.done'));
    }) : null);
}

async function termsView(main, app) {
  const versions = await app.api('consent', `/api/offices/${app.office}/terms?size=50`);
  const inForce = await app.api('consent', `/api/offices/${app.office}/terms/current`);
  const diff = h('section', { 'aria-live': 'polite' });
  main.replaceChildren(h('h1', {}, t('staffTerms')), table(t('staffTerms'), [
    { label: t('version'), value: v => v.id },
    { label: t('title'), value: v => v.title },
    { label: t('status'), value: v => v.status },
    { label: t('actions'), value: v => [
      v.id !== inForce.id ? actionButton(t('staffTerms.diff'), async () => {
        const changes = await app.api('consent', `/api/offices/${app.office}/terms/diff?from=${inForce.id}&to=${v.id}`);
        diff.replaceChildren(h('h2', {}, `${t('staffTerms.diff')}: ${v.id}`), h('ul', { class: 'changes' }, changes.map(c =>
          h('li', {}, h('h3', {}, t('terms.article', c.number, c.heading || '')), c.before ? h('del', {}, c.before) : null,
            c.after ? h('ins', {}, c.after) : null))));
      }) : null,
      v.status === 'DRAFT' ? actionButton(t('staffTerms.publish'), async () => {
        await app.api('consent', `/api/offices/${app.office}/terms/${v.id}/publish`, { method: 'POST' });
        done(t('booked.done'));
      }) : null] }], versions), diff);
}

async function auditView(main, app) {
  const result = h('section', { 'aria-live': 'polite' });
  const today = officeDay(new Date().toISOString());
  const range = data => `from=${data.get('from')}&to=${data.get('to')}`;
  main.replaceChildren(h('h1', {}, t('audit')),
    form({}, [field(t('audit.from'), h('input', { name: 'from', type: 'date', required: true, value: today })),
      field(t('audit.to'), h('input', { name: 'to', type: 'date', required: true, value: today }))], t('audit.show'), async data => {
      const records = await app.api('meeting', `/api/admin/meetings/audit?${range(data)}&size=100`);
      const csv = await app.api('meeting', `/api/admin/meetings/audit/csv?${range(data)}`, { accept: 'text/csv' });
      const link = h('a', { href: URL.createObjectURL(new Blob([csv], { type: 'text/csv' })), download: 'meeting-audit.csv' }, t('audit.csv'));
      result.replaceChildren(table(t('audit'), Object.keys(records[0] || {}).map(k => ({ label: k, value: r => String(r[k] ?? '') })), records), link);
    }), result);
}

start('staff', [
  { path: 'queue', label: 'nav.queue', render: queueView, visible: isStaff },
  { path: 'booked', label: 'nav.booked', render: bookedView, visible: isStaff },
  { path: 'overdue', label: 'nav.overdue', render: overdueView, visible: isStaff },
  { path: 'callbacks', label: 'nav.callbacks', render: callbacksView, visible: isStaff },
  { path: 'deliveries', label: 'nav.deliveries', render: deliveriesView, visible: isStaff },
  { path: 'mail', label: 'nav.mail', render: mailView, visible: isStaff },
  { path: 'restrictions', label: 'nav.restrictions', render: restrictionsView, visible: isStaff },
  { path: 'office', label: 'nav.office', render: officeView, visible: isStaff },
  { path: 'terms', label: 'nav.staffTerms', render: termsView, visible: isAdmin },
  { path: 'audit', label: 'nav.audit', render: auditView, visible: isAdmin },
]);
