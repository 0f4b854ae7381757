// Every page of the service fits a phone (issue 13, item 7): at 320 and 375 pixels wide no page
// is wider than the screen (document.documentElement.scrollWidth <= innerWidth). A wide table may
// scroll sideways only inside its own region, which must be focusable (tabindex="0", so keyboard
// users can scroll it) and labelled (role="region" and an aria-label naming the table).
//
// The pages are not a hand list: they are the GET routes of `compact routes` (less the API, the
// assets, /healthz and the complaints' calendar feed), each filled with real ids found by
// following the links of the service from its home page, signed in as an admin, on a database
// with content (`compact demo load`, Trafford's grants and a contract from data/opendata, a
// coordinator's Compact with an activity recorded against it and a complaint raised on it). A
// check's result page is reached by answering its form; a route no link leads to takes the ids
// of the pages found under the same path, else fails the test, naming it, so that a new page
// cannot go unmeasured. Each page found is measured as the admin, the
// first of each route as the coordinator and as a member, and every one the public may see
// signed out. axe-core checks one page of each route at 320 pixels.
//
//   import { phonesJourney } from './phones.mjs';
//   await phonesJourney(browser, baseUrl, { binary, dbPath }, check, { axeCheck, screenshot });
//
// Without binary and dbPath (a bare BASE_URL) the journey is skipped, and says so.
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from '../lib/server.mjs';
import { addToken, addUser, cookieHeader, newPassword, request, session } from '../e2e/auth.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const OPENDATA = join(HERE, '..', '..', 'data', 'opendata');
const GRANTS = join(OPENDATA, '360giving', 'trafford_council', 'trafford_council_voluntary_sector_grants.csv');
const CONTRACT = join(OPENDATA, 'ocds', 'uk-contracts-finder-2016', 'releases',
  'ocds-b5fd17-2c391a7a-adc8-11e6-9901-0019b9f3037b-59431-bath-swce-9fdjpf.json');
// Pages with the most to show, visited as well as those the links lead to first.
const TRAFFORD = 'GB-LAE-TRF';
const SEEDS = [`/organisations/${TRAFFORD}`, `/organisations/${TRAFFORD}/funding`, '/authorities?set=2012'];
const WIDTHS = [320, 375];
const PER_ROUTE = 4; // pages visited of each route (different ids or queries)
const MAX_PAGES = 200;

// The GET routes that answer pages, from `compact routes`.
async function pageRoutes(binary) {
  const r = await run(binary, ['routes']);
  if (r.code !== 0) throw new Error(`compact routes exited ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout)
    // not pages: the API, the assets, /healthz, and the complaints' calendar (a calendar
    // program reads it; a browser downloads it)
    .filter((x) => x.method === 'GET' && !x.pattern.startsWith('/api/v1/') && x.pattern !== '/healthz' &&
      !x.pattern.startsWith('/assets/') && !x.pattern.startsWith('/complaints/calendar/'))
    .map((x) => {
      const parts = x.pattern.split('/');
      const re = parts.map((p) => (p.startsWith(':') ? '[^/]+' : p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('/');
      return { ...x, re: new RegExp(`^${re}$`), literal: parts.filter((p) => p && !p.startsWith(':')).length };
    });
}

// The route a path belongs to: of those matching, the one with most literal segments
// (/organisations/new before /organisations/:id).
function routeOf(routes, path) {
  let best = null;
  for (const r of routes) if (r.re.test(path) && (!best || r.literal > best.literal)) best = r;
  return best;
}

// Answers a check's form with something plausible: the first choice of each question, dates a
// month apart in the order they are asked (the date to check as of last), a demo Compact.
async function answerCheck(page) {
  return page.evaluate(() => {
    const form = [...document.querySelectorAll('main form')].find((f) => /\/result$/.test(f.action));
    if (!form) return false;
    const named = new Set();
    for (const r of form.querySelectorAll('input[type="radio"]')) {
      if (!named.has(r.name)) {
        named.add(r.name);
        r.checked = true;
      }
    }
    const days = [...form.querySelectorAll('input[name$="-day"]')];
    let n = 0;
    for (const d of days) {
      const base = d.name.slice(0, -'-day'.length);
      const when = base === 'as_of' ? new Date(Date.UTC(2026, 11, 1)) : new Date(Date.UTC(2026, n++, 1));
      d.value = String(when.getUTCDate());
      form.querySelector(`[name="${base}-month"]`).value = String(when.getUTCMonth() + 1);
      form.querySelector(`[name="${base}-year"]`).value = String(when.getUTCFullYear());
    }
    for (const s of form.querySelectorAll('select')) {
      const demo = [...s.options].find((o) => o.value && o.text.includes('(demo)'));
      if (demo) s.value = demo.value;
    }
    return true;
  });
}

// Whether the page is wider than the screen, and if so the outermost elements that stick out
// (not counting what is inside an element that scrolls or clips); and the sideways-scrolling
// regions that a keyboard cannot reach or that have no name.
async function measure(page) {
  return page.evaluate(() => {
    const vw = window.innerWidth;
    const sw = document.documentElement.scrollWidth;
    const describe = (e) => {
      const cls = [...e.classList].slice(0, 2).map((c) => `.${c}`).join('');
      const text = (e.textContent || '').replace(/\s+/g, ' ').trim().slice(0, 40);
      return `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}${cls} (${Math.round(e.getBoundingClientRect().right)}px` +
        `${text ? ` "${text}"` : ''})`;
    };
    const clips = (e) => getComputedStyle(e).overflowX !== 'visible';
    const out = [];
    const walk = (e) => {
      for (const c of e.childNodes) {
        if (c.nodeType === Node.TEXT_NODE) { // a word too long for its box
          const range = document.createRange();
          range.selectNodeContents(c);
          if (range.getBoundingClientRect().right > vw + 0.5) out.push(`text in ${describe(e)}`);
          continue;
        }
        if (c.nodeType !== Node.ELEMENT_NODE) continue;
        const r = c.getBoundingClientRect();
        if (r.width > 0 && r.right > vw + 0.5) {
          out.push(describe(c));
          continue;
        }
        if (!clips(c)) walk(c);
      }
    };
    if (sw > vw) walk(document.body);
    if (sw > vw && !out.length) { // positioned out of a region that clips
      for (const e of document.querySelectorAll('body *')) {
        const r = e.getBoundingClientRect();
        if (r.right > vw + 0.5 && /absolute|fixed/.test(getComputedStyle(e).position)) out.push(describe(e));
      }
    }
    const regions = [];
    for (const e of document.querySelectorAll('body *')) {
      const ox = getComputedStyle(e).overflowX;
      if ((ox === 'auto' || ox === 'scroll') && e.scrollWidth > e.clientWidth + 1) {
        const label = (e.getAttribute('aria-label') || '').trim();
        if (e.tabIndex < 0 || e.getAttribute('role') !== 'region' || !label) regions.push(describe(e));
      }
    }
    return { vw, sw, out: out.slice(0, 3), regions: regions.slice(0, 3) };
  });
}

async function signIn(page, baseUrl, email, password) {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Sign in', exact: true }).click()]);
  return !(await page.locator('.govuk-error-summary').count());
}

async function post(baseUrl, token, path, body) {
  const r = await fetch(baseUrl + path, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: r.status, text: await r.text() };
}

// A complaint on Compact id, by a charity about Trafford, raised by admin on its form: its path
// into seeds (a closed one has no link from a home page). Answers notes.
async function complaint(baseUrl, binary, dbPath, admin, id, seeds) {
  const P = Number(new URL(baseUrl).port);
  const me = await session(P, admin.email, admin.password);
  const { token } = await addToken(binary, dbPath, admin.email);
  await post(baseUrl, token, '/api/v1/organisations', { org_id: 'GB-CHC-6060601', name: 'Phones Advice Centre', type: 'charity' });
  const now = new Date();
  const day = [['day', now.getUTCDate()], ['month', now.getUTCMonth() + 1], ['year', now.getUTCFullYear()]];
  const raised = await request(P, {
    method: 'POST',
    path: `/compacts/${id}/complaints/new`,
    headers: cookieHeader(me.cookie),
    body: [['csrf_token', me.csrf], ['complainant', 'GB-CHC-6060601'], ['respondent', TRAFFORD], ['title', 'Grant ended without notice'],
      ['summary', 'The grant ended with two weeks\' notice.'], ...day.map(([k, v]) => [`aware_on-${k}`, String(v)]),
      ...day.map(([k, v]) => [`opened_on-${k}`, String(v)]), ['action', 'raise']],
  });
  if (raised.status !== 303) return [`a complaint was not raised: ${raised.status}`];
  seeds.push(raised.headers.location.split('?')[0]);
  return [];
}

// Data for the pages to show: the demo set (perhaps loaded already by another journey), grants
// and a contract; an admin; a coordinator with a Compact of their own and an activity recorded
// against it; a member of an organisation with grants. Answers the people, each {role, email,
// password}, the paths of the coordinator's Compact and notes of what could not be made.
async function load(baseUrl, binary, dbPath) {
  const notes = [];
  const demo = await run(binary, ['demo', 'load', '--db', dbPath]);
  if (demo.code !== 0 && !/already/i.test(demo.stderr)) notes.push(`demo load: ${demo.stderr.trim()}`);
  for (const [what, file] of [['grants', GRANTS], ['contracts', CONTRACT]]) {
    const r = await run(binary, ['import', what, file, '--db', dbPath]);
    if (r.code !== 0) notes.push(`import ${what}: ${r.stderr.trim().slice(0, 200)}`);
  }
  const tag = randomBytes(4).toString('hex');
  const people = ['admin', 'coordinator', 'member'].map((role) => ({
    role, email: `phones-${role}-${tag}@browser.test`, password: newPassword('phones'),
  }));
  for (const p of people) {
    await addUser(binary, dbPath, p.email, p.role, p.password, p.role === 'member' ? TRAFFORD : undefined);
  }
  const seeds = [];
  const { token } = await addToken(binary, dbPath, people[1].email);
  const made = await post(baseUrl, token, '/api/v1/compacts',
    { name: `Trafford Compact ${tag}`, authorities: ['E08000009'], status: 'active', status_date: '2012-04-01' });
  if (made.status === 201) {
    const id = JSON.parse(made.text).id;
    seeds.push(`/compacts/${id}`, `/compacts/${id}/compliance`);
    const r = await post(baseUrl, token, `/api/v1/compacts/${id}/activities`,
      { organisation: TRAFFORD, activity: { kind: 'funding_change', change: 'end', notice_date: null } });
    if (r.status !== 201) notes.push(`an activity was not recorded: ${r.status} ${r.text.slice(0, 200)}`);
    notes.push(...await complaint(baseUrl, binary, dbPath, people[0], id, seeds));
  } else {
    notes.push(`the coordinator's Compact was not made: ${made.status} ${made.text.slice(0, 200)}`);
  }
  return { people, seeds, notes };
}

export async function phonesJourney(browser, baseUrl, { binary, dbPath } = {}, check,
  { axeCheck, screenshot = async () => {} } = {}) {
  if (!binary || !dbPath) {
    console.log('# skip phones journey: it finds the pages with `compact routes` and loads data, so it needs --binary');
    return;
  }
  const routes = await pageRoutes(binary);
  const { people, seeds, notes } = await load(baseUrl, binary, dbPath);
  for (const note of notes) console.log(`# phones: ${note}`);

  const origin = new URL(baseUrl).origin;
  const found = new Map(); // route pattern -> Set of paths (with query)
  const problems = new Map(); // `${width} ${who}` -> [lines]
  const regionProblems = [];
  const axed = new Set();
  const shot = new Set();
  const contexts = [];
  let pages = 0;

  // Loads path in page at each width, records what does not fit; returns the page's links.
  async function visit(page, who, path, route) {
    await page.setViewportSize({ width: WIDTHS[0], height: 800 });
    const res = await page.goto(origin + path);
    const type = (res && res.headers()['content-type']) || '';
    if (!type.startsWith('text/html')) return [];
    pages++;
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 800 });
      const m = await measure(page);
      const key = `${width} ${who}`;
      if (!problems.has(key)) problems.set(key, []);
      if (m.sw > m.vw) problems.get(key).push(`${path} is ${m.sw}px wide: ${m.out.join(', ')}`);
      if (m.regions.length) regionProblems.push(`${path} at ${width}px (${who}): ${m.regions.join(', ')}`);
      const shotKey = `${who} ${route.pattern} ${width}`;
      if (!shot.has(shotKey)) {
        shot.add(shotKey);
        await screenshot(page, `phones-${width}-${who}${route.pattern.replace(/[^a-z0-9]+/gi, '-')}`);
      }
    }
    if (!axed.has(`${who} ${route.pattern}`) && (who === 'admin' || route.pattern === '/')) {
      axed.add(`${who} ${route.pattern}`);
      await page.setViewportSize({ width: WIDTHS[0], height: 800 });
      await axeCheck(page, `phones 320, ${who}: ${route.pattern}`);
    }
    return page.evaluate(() => [...document.querySelectorAll('a[href]')].map((a) => a.href));
  }

  async function newPage(who) {
    const ctx = await browser.newContext({ viewport: { width: WIDTHS[0], height: 800 } });
    contexts.push(ctx);
    const page = await ctx.newPage();
    page.setDefaultTimeout(15000);
    const person = people.find((p) => p.role === who);
    if (person && !check(`phones: the ${who} signs in`, await signIn(page, baseUrl, person.email, person.password))) {
      return null;
    }
    return page;
  }

  try {
    const page = await newPage('admin');
    if (!page) return;

    // Follow the links, breadth first, keeping up to PER_ROUTE pages of each route.
    const queue = ['/', ...routes.filter((r) => !r.pattern.includes(':')).map((r) => r.pattern), ...SEEDS, ...seeds];
    const queued = new Set();
    const take = (href) => {
      const u = new URL(href, origin);
      if (u.origin !== origin) return;
      const path = u.pathname + u.search;
      const route = routeOf(routes, u.pathname);
      if (!route || queued.has(path)) return;
      const seen = found.get(route.pattern) || new Set();
      if (seen.size >= PER_ROUTE) return;
      seen.add(path);
      found.set(route.pattern, seen);
      queued.add(path);
      queue.push(path);
    };
    const start = queue.splice(0);
    for (const p of start) take(p);
    while (queue.length && pages < MAX_PAGES) {
      const path = queue.shift();
      const route = routeOf(routes, new URL(path, origin).pathname);
      for (const href of await visit(page, 'admin', path, route)) take(href);
      // A check's form leads to its result.
      if (/^\/checks\/[^/]+$/.test(new URL(path, origin).pathname) && await answerCheck(page)) {
        await page.setViewportSize({ width: 1280, height: 800 });
        await Promise.all([page.waitForNavigation(),
          page.locator('main form[action$="/result"] button:not([type="button"])').first().click()]);
        take(page.url());
      }
    }

    // A route no link leads to (yet) is measured with the ids of the pages under the same path:
    // /compacts/:id/compliance with the :id of a /compacts/:id found.
    const ids = new Map(); // '/compacts/:id' -> '6'
    for (const [pattern, paths] of found) {
      const segs = pattern.split('/');
      for (const path of paths) {
        const vals = new URL(path, origin).pathname.split('/');
        segs.forEach((seg, i) => {
          const key = segs.slice(0, i + 1).join('/');
          if (seg.startsWith(':') && !ids.has(key)) ids.set(key, vals[i]);
        });
      }
    }
    for (const r of routes.filter((x) => !found.has(x.pattern))) {
      const segs = r.pattern.split('/');
      const vals = segs.map((seg, i) => (seg.startsWith(':') ? ids.get(segs.slice(0, i + 1).join('/')) : seg));
      if (vals.some((v) => v === undefined)) continue;
      const path = vals.join('/');
      console.log(`# phones: no link leads to ${r.pattern}; measuring ${path}`);
      found.set(r.pattern, new Set([path]));
      await visit(page, 'admin', path, r);
    }
    if (process.env.PHONES_LIST) for (const [k, v] of found) console.log(`# ${k}: ${[...v].join(' ')}`);

    const missing = routes.filter((r) => !found.has(r.pattern)).map((r) => r.pattern);
    check(`phones: a page of each of the ${routes.length} routes is found to measure`, missing.length === 0,
      `no link of the service leads to ${missing.join(', ')}: give phones.mjs a way to reach it`);

    // The coordinator and the member see the first page found of each route they may use;
    // signed out, every page found that the public may see, and the page not found.
    for (const who of ['coordinator', 'member']) {
      const p = await newPage(who);
      if (!p) continue;
      for (const r of routes.filter((x) => x.access.includes(who) && found.has(x.pattern))) {
        await visit(p, who, [...found.get(r.pattern)][0], r);
      }
    }
    const out = await newPage('public');
    for (const r of routes.filter((x) => x.access.includes('public'))) {
      for (const path of found.get(r.pattern) || []) await visit(out, 'public', path, r);
    }
    out.__allow404 = true;
    await visit(out, 'public', '/no-such-page', { pattern: '/not-found' });

    for (const width of WIDTHS) {
      for (const who of ['admin', 'coordinator', 'member', 'public']) {
        const wide = problems.get(`${width} ${who}`) || [];
        const ok = check(`phones ${width}: no page is wider than the screen, ${who === 'public' ? 'signed out' : `signed in as ${who}`}`,
          wide.length === 0, `${wide.length} page(s) scroll sideways`);
        if (!ok) for (const line of wide) console.log(`       ${line}`);
      }
    }
    const ok = check('phones: every region that scrolls sideways is focusable and labelled', regionProblems.length === 0,
      `${regionProblems.length} not`);
    if (!ok) for (const line of regionProblems.slice(0, 20)) console.log(`       ${line}`);
    console.log(`# phones: ${pages} pages measured`);
  } finally {
    for (const ctx of contexts) await ctx.close();
  }
}
