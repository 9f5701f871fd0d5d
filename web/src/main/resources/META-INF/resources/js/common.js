// What the My Page and the staff console share: sign-in (authorization code + PKCE through keycloak-js), calls to
// the services with a fresh token and the person's language, RFC 9457 problems shown as the services word them, and
// a tiny element builder (text is always set as text, never parsed as HTML).
import Keycloak from '/vendor/keycloak.js';
import { messages } from './i18n.js';

const LANG_KEY = 'madoguchi.lang';
const NOTICE_KEY = 'madoguchi.notice';
export let lang = localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'ja';

export function t(key, ...args) {
  const text = messages[lang][key] ?? messages.ja[key] ?? key;
  return text.replace(/\{(\d)\}/g, (_, i) => String(args[Number(i)] ?? ''));
}

/** A problem answer of a service: its title and detail are already in the person's language. */
export class Problem extends Error {
  constructor(body) {
    super(body.detail || body.title);
    this.body = body;
    this.status = body.status;
  }
}

export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === false || v === null || v === undefined) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else el.setAttribute(k, v === true ? '' : v);
  }
  // any depth: a view hands over lists of [dt, dd] pairs and the like
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

const TZ = 'Asia/Tokyo';
export function when(iso, opts = { dateStyle: 'medium', timeStyle: 'short' }) {
  if (!iso) return '';
  return new Intl.DateTimeFormat(lang === 'ja' ? 'ja-JP' : 'en-GB', { timeZone: TZ, ...opts }).format(new Date(iso));
}
export function day(iso) {
  return when(iso, { year: 'numeric', month: 'long', day: 'numeric', weekday: 'short' });
}
export function time(iso) {
  return when(iso, { hour: '2-digit', minute: '2-digit' });
}
/** The office's calendar day of an instant, as YYYY-MM-DD. */
export function officeDay(iso) {
  return new Intl.DateTimeFormat('en-CA', { timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(iso));
}
export function isoDay(date) {
  return officeDay(date.toISOString());
}

/** Shows a problem (or any failure) in the page's alert region, where a screen reader announces it. */
export function showProblem(error) {
  const region = document.getElementById('alert');
  region.replaceChildren();
  if (!error) return;
  const body = error instanceof Problem ? error.body : { title: t('problem'), detail: String(error.message || error) };
  region.append(h('div', { class: 'problem', 'data-status': body.status ?? '' },
    h('strong', {}, body.title || t('problem')), body.detail ? h('p', {}, body.detail) : null,
    body.violations?.length ? h('ul', {}, body.violations.map(v => h('li', {}, `${v.field}: ${v.message}`))) : null));
  region.focus();
}

export function notice(text) {
  const region = document.getElementById('status');
  region.textContent = text;
}

export async function start(kind, routes) {
  const config = await (await fetch('/config.json')).json();
  const cut = config.keycloakRealmUrl.lastIndexOf('/realms/');
  const keycloak = new Keycloak({
    url: config.keycloakRealmUrl.slice(0, cut), realm: config.keycloakRealmUrl.slice(cut + '/realms/'.length),
    clientId: kind === 'staff' ? config.staffClientId : config.mypageClientId,
  });
  // Keycloak returns only to the page itself (production registers exact redirect URIs, no wildcard), so the
  // view the person asked for is kept here across the sign-in and restored afterwards.
  const home = location.origin + location.pathname;
  const ROUTE = 'madoguchi.route';
  if (location.hash && !location.hash.includes('state=')) sessionStorage.setItem(ROUTE, location.hash);
  await keycloak.init({ onLoad: 'login-required', pkceMethod: 'S256', checkLoginIframe: false, redirectUri: home });
  const wanted = sessionStorage.getItem(ROUTE);
  sessionStorage.removeItem(ROUTE);
  if (wanted && (!location.hash || location.hash === '#')) history.replaceState(null, '', home + wanted);

  async function api(service, path, { method = 'GET', body, headers = {}, accept = 'application/json' } = {}) {
    // a token about to expire is refreshed first; a session that ended sends the person to sign in again
    try {
      await keycloak.updateToken(30);
    } catch {
      await keycloak.login({ redirectUri: home });
    }
    const response = await fetch(config.services[service] + path, {
      method,
      headers: {
        Authorization: `Bearer ${keycloak.token}`, 'Accept-Language': lang, Accept: `${accept}, application/problem+json`,
        ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...headers,
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    if (!response.ok) {
      const type = response.headers.get('Content-Type') || '';
      const problem = type.includes('json') ? await response.json()
        : { status: response.status, title: response.status === 403 ? t('forbidden') : t('problem'), detail: response.statusText };
      if (response.status === 401) await keycloak.login({ redirectUri: home });
      throw new Problem({ status: response.status, ...problem });
    }
    if (response.status === 204) return null;
    const type = response.headers.get('Content-Type') || '';
    return type.includes('json') ? response.json() : response.text();
  }

  const claims = keycloak.tokenParsed;
  const roles = new Set(claims.realm_access?.roles || []);
  const app = { keycloak, config, api, claims, roles, office: claims.office, has: r => roles.has(r) };
  renderShell(kind, routes, app);
  window.addEventListener('hashchange', () => route(routes, app));
  await route(routes, app);
  return app;
}

// Japanese puts the family name first; Keycloak's `name` claim is given + family, as English writes it
function displayName(claims) {
  if (lang === 'ja' && claims.family_name && claims.given_name) return `${claims.family_name} ${claims.given_name}`;
  return claims.name || claims.preferred_username;
}

function renderShell(kind, routes, app) {
  document.documentElement.lang = lang;
  document.title = `${t(kind === 'staff' ? 'app.staff' : 'app.mypage')} | ${t('app.name')}`;
  const nav = h('nav', { 'aria-label': t(kind === 'staff' ? 'app.staff' : 'app.mypage') },
    h('ul', {}, routes.filter(r => !r.visible || r.visible(app)).map(r =>
      h('li', {}, h('a', { href: `#/${r.path}`, 'data-route': r.path }, t(r.label))))));
  const header = h('header', {},
    h('a', { class: 'skip', href: '#main' }, t('skip')),
    h('div', { class: 'bar' },
      h('p', { class: 'brand' }, t('app.name'), h('span', {}, ` ${t(kind === 'staff' ? 'app.staff' : 'app.mypage')}`)),
      h('p', { class: 'who' }, displayName(app.claims),
        app.office ? ` (${app.office})` : ''),
      h('button', { type: 'button', lang: lang === 'ja' ? 'en' : 'ja', onclick: () => {
        localStorage.setItem(LANG_KEY, lang === 'ja' ? 'en' : 'ja');
        location.reload();
      } }, t('lang.switch')),
      h('button', { type: 'button', onclick: () => app.keycloak.logout({ redirectUri: location.origin + location.pathname }) }, t('signout'))),
    nav);
  const main = h('main', { id: 'main', tabindex: '-1' });
  document.body.replaceChildren(header,
    h('div', { id: 'alert', role: 'alert', tabindex: '-1' }),
    h('div', { id: 'status', role: 'status' }), main);
}

async function route(routes, app) {
  const path = location.hash.replace(/^#\//, '').split('?')[0];
  const visible = routes.filter(r => !r.visible || r.visible(app));
  const current = visible.find(r => r.path === path) || visible[0];
  if (!current) {
    // signed in, but with no role this console serves (a seeker on the staff console, say)
    document.getElementById('main').replaceChildren(h('h1', {}, t('forbidden')));
    return;
  }
  document.querySelectorAll('nav a').forEach(a => {
    if (a.dataset.route === current.path) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  });
  const main = document.getElementById('main');
  showProblem(null);
  notice('');
  main.replaceChildren(h('p', {}, t('loading')));
  main.setAttribute('aria-busy', 'true');
  try {
    await current.render(main, app);
    const pending = sessionStorage.getItem(NOTICE_KEY);
    sessionStorage.removeItem(NOTICE_KEY);
    if (pending) notice(pending);
  } catch (e) {
    main.replaceChildren(h('h1', {}, t(current.label)));
    showProblem(e);
  } finally {
    main.removeAttribute('aria-busy');
  }
}

/** Re-renders the current view (after an action changed what it shows). */
export function refresh() {
  window.dispatchEvent(new HashChangeEvent('hashchange'));
}

/** After an action: what it did is announced once the view it changed (this one, or the one given) is drawn again. */
export function done(text, view) {
  sessionStorage.setItem(NOTICE_KEY, text);
  if (view) location.hash = view;
  else refresh();
}

/** Runs a person's action with its button disabled meanwhile; a failure is shown, never swallowed. */
async function guarded(button, action) {
  button.disabled = true;
  try {
    showProblem(null);
    await action();
  } catch (err) {
    showProblem(err);
  } finally {
    button.disabled = false;
  }
}

/** A form whose submit runs an action and shows its problem, if any, instead of losing the person's input. */
export function form(attrs, fields, submitLabel, action) {
  const button = h('button', { type: 'submit' }, submitLabel);
  const f = h('form', { ...attrs, novalidate: true }, fields, button);
  f.addEventListener('submit', e => {
    e.preventDefault();
    guarded(button, () => action(new FormData(f), f));
  });
  return f;
}

export function field(label, input, hint) {
  const id = input.id || `f-${input.name}-${Math.random().toString(36).slice(2, 8)}`;
  input.id = id;
  const hintId = hint ? `${id}-hint` : null;
  if (hintId) input.setAttribute('aria-describedby', hintId);
  return h('div', { class: 'field' }, h('label', { for: id }, label), hint ? h('p', { class: 'hint', id: hintId }, hint) : null, input);
}

export function actionButton(label, action, attrs = {}) {
  const b = h('button', { type: 'button', ...attrs }, label);
  b.addEventListener('click', () => guarded(b, action));
  return b;
}

export function table(caption, columns, rows) {
  if (!rows.length) return h('p', {}, t('none'));
  return h('table', {}, h('caption', {}, caption),
    h('thead', {}, h('tr', {}, columns.map(c => h('th', { scope: 'col' }, c.label)))),
    h('tbody', {}, rows.map(row => h('tr', {}, columns.map(c => h('td', {}, c.value(row)))))));
}

export function officeName(office) {
  return lang === 'ja' ? office.nameJa : office.nameEn;
}

/** A device id for consents given on My Page: kept by the consent service only as a keyed hash. */
export function deviceId() {
  let id = localStorage.getItem('madoguchi.device');
  if (!id) {
    id = crypto.randomUUID();
    localStorage.setItem('madoguchi.device', id);
  }
  return id;
}
