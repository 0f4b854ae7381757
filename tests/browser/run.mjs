// Browser journeys against a running Compact Hub server.
//
// Usage: node tests/browser/run.mjs BASE_URL       (e.g. http://127.0.0.1:8080)
//        node tests/browser/run.mjs --binary PATH  (starts PATH serve on a free port with a
//                                                   fresh database, and stops it at the end)
// Env:   SCREENSHOT_DIR=dir   full-page PNG of each page visited
//        JOURNEYS=a,b         run only the journeys so named (e.g. JOURNEYS=planning,record)
//        CHROMIUM=path        browser binary (default /usr/bin/chromium)
//
// Drives Debian's Chromium through playwright-core and checks pages with
// axe-core (WCAG 2.0/2.1/2.2 A and AA); with --binary also the journey of a new account
// (auth.mjs). Prints one line per check, then
// "N passed, N failed"; exits 1 if any check failed.
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { BACKEND } from '../lib/db.mjs';
import { startServer } from '../lib/server.mjs';
import { authJourney } from './auth.mjs';
import { checksJourney } from './checks.mjs';
import { signatoriesJourney } from './signatories.mjs';
import { organisationsJourney } from './organisations.mjs';
import { coverageJourney } from './coverage.mjs';
import { coverageCompareJourney } from './coverage_compare.mjs';
import { compactsJourney } from './compacts.mjs';
import { registerJourney } from './register.mjs';
import { funderJourney } from './funder.mjs';
import { planningJourney } from './planning.mjs';
import { updateJourney } from './update.mjs';
import { homesJourney } from './homes.mjs';
import { publicJourney } from './public.mjs';
import { recordJourney } from './record.mjs';
import { charityJourney } from './charity.mjs';
import { phonesJourney } from './phones.mjs';
import { complaintsJourney } from './complaints.mjs';
import { caseForSigningJourney } from './case_for_signing.mjs';
import { libraryJourney } from './library.mjs';
import { surveyJourney } from './survey.mjs';
import { surveyImportJourney } from './survey_import.mjs';

const require = createRequire(import.meta.url);
const AXE_PATH = require.resolve('axe-core/axe.min.js');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const ROWS = 'table.govuk-table tbody tr';

const EXPECT = {
  all2012: 353,
  county2012: 27,
  unitary2012: 56,
};

const ARGS = process.argv.slice(2);
const BINARY = ARGS.length === 2 && ARGS[0] === '--binary' ? ARGS[1] : null;
if (!BINARY && (ARGS.length !== 1 || ARGS[0].startsWith('-'))) {
  console.error('usage: node tests/browser/run.mjs BASE_URL | --binary PATH');
  process.exit(2);
}
let BASE = BINARY ? '' : ARGS[0].replace(/\/+$/, '');
const SHOTS = process.env.SCREENSHOT_DIR || '';
if (SHOTS) mkdirSync(SHOTS, { recursive: true });

let passed = 0;
let failed = 0;

function check(name, ok, detail = '') {
  if (ok) {
    passed++;
    console.log(`ok   ${name}`);
  } else {
    failed++;
    console.log(`FAIL ${name}${detail ? `: ${detail}` : ''}`);
  }
  return ok;
}

function url(path) {
  return BASE + path;
}

function pathOf(page) {
  const u = new URL(page.url());
  return u.pathname + u.search;
}

let shotNo = 0;
async function screenshot(page, name) {
  if (!SHOTS) return;
  shotNo++;
  const file = join(SHOTS, `${String(shotNo).padStart(2, '0')}-${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
}

// axe-core is evaluated through the DevTools protocol rather than with
// page.addScriptTag: the server's Content-Security-Policy (default-src 'self')
// blocks the inline <script> that addScriptTag inserts, and logs an error.
const AXE_SOURCE = readFileSync(AXE_PATH, 'utf8');
async function injectAxe(page) {
  if (await page.evaluate(() => typeof window.axe === 'object')) return;
  await page.evaluate(AXE_SOURCE);
}

async function axeCheck(page, name) {
  try {
    await injectAxe(page);
    const violations = await page.evaluate(async (tags) => {
      const r = await window.axe.run(document, { runOnly: { type: 'tag', values: tags } });
      return r.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        targets: v.nodes.map((n) => n.target.join(' ')),
      }));
    }, AXE_TAGS);
    const ok = check(`${name}: axe finds no violations`, violations.length === 0,
      `${violations.length} violation(s)`);
    if (!ok) {
      for (const v of violations) {
        console.log(`       ${v.id} (${v.impact}): ${v.help}`);
        for (const t of v.targets.slice(0, 10)) console.log(`         at ${t}`);
        if (v.targets.length > 10) console.log(`         ... and ${v.targets.length - 10} more`);
      }
    }
  } catch (e) {
    check(`${name}: axe ran`, false, e.message.split('\n')[0]);
  }
}

// Console errors and uncaught exceptions (a CSP violation shows up as a
// console error) are collected per page and reported by pageErrors().
function watchErrors(page) {
  page.__errors = [];
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    // The expected 404 of the not-found page itself is not an error.
    if (page.__allow404 && /status of 404/.test(m.text())) return;
    page.__errors.push(m.text());
  });
  page.on('pageerror', (e) => page.__errors.push(e.message));
}

function pageErrors(page, name) {
  const errs = page.__errors.splice(0);
  check(`${name}: no console errors`, errs.length === 0, errs.slice(0, 5).join(' | '));
}

async function count(page, selector) {
  return page.locator(selector).count();
}

async function rowsCheck(page, name, want) {
  const got = await count(page, ROWS);
  check(`${name}: ${want} table rows`, got === want, `got ${got}`);
}

// Submits the filter form the way a person would: choose options, press the
// form's submit button, wait for the next page.
async function submitFilter(page, type, set) {
  const form = page.locator('form:has(select[name="type"])').first();
  await form.locator('select[name="type"]').selectOption(type);
  await form.locator('select[name="set"]').selectOption(set);
  const button = form.locator('button:not([type="button"]), input[type="submit"]').first();
  await Promise.all([page.waitForNavigation(), button.click()]);
}

const ONLY = (process.env.JOURNEYS || '').split(',').map((s) => s.trim()).filter(Boolean);

async function journey(name, fn) {
  if (ONLY.length && !ONLY.includes(name)) return;
  try {
    await fn();
  } catch (e) {
    check(`${name}: completed`, false, e.message.split('\n')[0]);
  }
}

async function main() {
  // Playwright gives the browser a fresh temporary profile and removes it on close.
  let browser;
  try {
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
      headless: true,
      args: [
        '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic',
        '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync',
      ],
    });
  } catch (e) {
    check('chromium launches', false, e.message.split('\n')[0]);
    return;
  }
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(15000);
  watchErrors(page);

  try {
    await journey('home', async () => {
      const res = await page.goto(url('/'));
      check('home: status 200', res && res.status() === 200, `got ${res && res.status()}`);
      check('home: one h1', (await count(page, 'main h1')) === 1 && (await count(page, 'h1')) === 1,
        `found ${await count(page, 'h1')}`);
      check('home: skip link to #main-content',
        (await count(page, 'a.govuk-skip-link[href="#main-content"]')) === 1 &&
          (await count(page, 'main#main-content')) === 1);
      check('home: header', (await count(page, 'header .govuk-header, header .govuk-generic-header')) === 1);
      check('home: service navigation', (await count(page, '.govuk-service-navigation')) === 1);
      check('home: phase banner', (await count(page, '.govuk-phase-banner .govuk-tag')) === 1);
      check('home: footer', (await count(page, 'footer .govuk-footer')) === 1);
      const font = await page.locator('main h1').first().evaluate((e) => getComputedStyle(e).fontFamily);
      check('home: stylesheet applied (Arial)', /arial/i.test(font), `font-family ${font}`);
      const supported = await page
        .waitForFunction(() => document.body.classList.contains('govuk-frontend-supported'), null, { timeout: 3000 })
        .then(() => true, () => false);
      check('home: body has js-enabled and govuk-frontend-supported', supported &&
        (await page.evaluate(() => document.body.classList.contains('js-enabled'))));
      await screenshot(page, 'home');
      await axeCheck(page, 'home');
      pageErrors(page, 'home');
    });

    await journey('authorities', async () => {
      if (!/^\/(\?|$)/.test(pathOf(page))) await page.goto(url('/'));
      const link = page.getByRole('link', { name: 'Local authorities', exact: true }).first();
      await Promise.all([page.waitForNavigation(), link.click()]);
      check('authorities: home link leads to /authorities',
        new URL(page.url()).pathname === '/authorities', `at ${pathOf(page)}`);
      if (new URL(page.url()).searchParams.get('set') !== '2012') await page.goto(url('/authorities?set=2012'));
      check('authorities: h1', (await count(page, 'main h1')) === 1);
      await rowsCheck(page, 'authorities?set=2012', EXPECT.all2012);
      await screenshot(page, 'authorities');
      await axeCheck(page, 'authorities');
      pageErrors(page, 'authorities');
    });

    await journey('filter', async () => {
      if (new URL(page.url()).pathname !== '/authorities') await page.goto(url('/authorities?set=2012'));
      await submitFilter(page, 'county', '2012');
      const q = new URL(page.url()).searchParams;
      check('filter county: URL has type=county&set=2012',
        q.get('type') === 'county' && q.get('set') === '2012', `at ${pathOf(page)}`);
      check('filter county: form keeps the chosen type',
        (await page.locator('select[name="type"]').first().inputValue()) === 'county');
      await rowsCheck(page, 'filter county', EXPECT.county2012);
      await screenshot(page, 'authorities-county');
      await axeCheck(page, 'filter county');
      pageErrors(page, 'filter county');
    });

    await journey('authority', async () => {
      const link = page.locator(`${ROWS} a`).first();
      const name = (await link.innerText()).replace(/\s+/g, ' ').trim();
      await Promise.all([page.waitForNavigation(), link.click()]);
      const h1 = (await page.locator('main h1').first().innerText()).replace(/\s+/g, ' ').trim();
      check(`authority: h1 is the authority's name (${name})`, name !== '' && h1.includes(name), `h1 "${h1}"`);
      check('authority: summary list',
        (await count(page, 'dl.govuk-summary-list .govuk-summary-list__row')) > 0);
      await screenshot(page, 'authority');
      await axeCheck(page, 'authority');
      pageErrors(page, 'authority');
    });

    await journey('not found', async () => {
      page.__allow404 = true;
      const res = await page.goto(url('/no-such-page'));
      check('not found: status 404', res && res.status() === 404, `got ${res && res.status()}`);
      const h1 = await page.locator('h1').allInnerTexts();
      check('not found: h1 "Page not found"', h1.length === 1 && h1[0].trim() === 'Page not found',
        JSON.stringify(h1));
      await screenshot(page, 'not-found');
      await axeCheck(page, 'not found');
      pageErrors(page, 'not found');
      page.__allow404 = false;
    });

    await journey('no javascript', async () => {
      const ctx = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
      try {
        const p = await ctx.newPage();
        p.setDefaultTimeout(15000);
        const res = await p.goto(url('/authorities?set=2012'));
        check('no js: authorities status 200', res && res.status() === 200, `got ${res && res.status()}`);
        check('no js: scripts do not run',
          !(await p.evaluate(() => document.body.classList.contains('js-enabled')).catch(() => false)));
        await submitFilter(p, 'unitary', '2012');
        const q = new URL(p.url()).searchParams;
        check('no js: URL has type=unitary&set=2012',
          q.get('type') === 'unitary' && q.get('set') === '2012', `at ${pathOf(p)}`);
        await rowsCheck(p, 'no js: filter unitary', EXPECT.unitary2012);
        await screenshot(p, 'no-js-unitary');
      } finally {
        await ctx.close();
      }
    });

    await journey('auth', () => authJourney(browser, BASE, { binary: BINARY, dbPath: server?.dbPath }, check,
      { axeCheck, screenshot }));
    await journey('checks', () => checksJourney(browser, BASE, check, { axeCheck, screenshot }));
    await journey('signatories', () => signatoriesJourney(browser, BASE, { binary: BINARY, dbPath: server?.dbPath }, check,
      { axeCheck, screenshot }));
    await journey('organisations', () => organisationsJourney(browser, BASE, { binary: BINARY, dbPath: server?.dbPath },
      check, { axeCheck, screenshot }));
    await journey('coverage', () => coverageJourney(browser, BASE, { binary: BINARY, dbPath: server?.dbPath }, check,
      { axeCheck, screenshot }));
    await journey('coverage compare', () => coverageCompareJourney(browser, BASE, { binary: BINARY, dbPath: server?.dbPath },
      check, { axeCheck, screenshot }));
    await journey('compacts', () => compactsJourney(browser, BASE, { binary: BINARY, dbPath: server?.dbPath }, check,
      { axeCheck, screenshot }));
    await journey('register', () => registerJourney(browser, BASE, { binary: BINARY, dbPath: server?.dbPath }, check,
      { axeCheck, screenshot }));
    await journey('funder', () => funderJourney(browser, BASE, { binary: BINARY, dbPath: server?.dbPath }, check,
      { axeCheck, screenshot }));
    await journey('planning', () => planningJourney(browser, BASE, { binary: BINARY, dbPath: server?.dbPath }, check,
      { axeCheck, screenshot }));
    await journey('update', () => updateJourney(browser, BASE, { binary: BINARY, dbPath: server?.dbPath }, check,
      { axeCheck, screenshot }));
    await journey('homes', () => homesJourney(browser, BASE, { binary: BINARY, dbPath: server?.dbPath }, check,
      { axeCheck, screenshot }));
    await journey('public', () => publicJourney(browser, BASE, { binary: BINARY }, check, { axeCheck, screenshot }));
    await journey('record', () => recordJourney(browser, BASE, { binary: BINARY, dbPath: server?.dbPath }, check,
      { axeCheck, screenshot }));
    await journey('charity', () => charityJourney(browser, BASE, { binary: BINARY, dbPath: server?.dbPath }, check,
      { axeCheck, screenshot }));
    await journey('complaints', () => complaintsJourney(browser, BASE, { binary: BINARY, dbPath: server?.dbPath }, check,
      { axeCheck, screenshot }));
    // issue 16: search "cuts", the Merton case study, the signups map, a council not signed
    await journey('case for signing', () => caseForSigningJourney(browser, BASE, { binary: BINARY, dbPath: server?.dbPath },
      check, { axeCheck, screenshot }));
    await journey('library', () => libraryJourney(browser, BASE, { binary: BINARY, dbPath: server?.dbPath }, check,
      { axeCheck, screenshot }));
    await journey('survey', () => surveyJourney(browser, BASE, { binary: BINARY, dbPath: server?.dbPath }, check,
      { axeCheck, screenshot }));
    await journey('survey import', () => surveyImportJourney(browser, BASE, { binary: BINARY, dbPath: server?.dbPath }, check,
      { axeCheck, screenshot }));
    // Last, so that the pages it measures hold what the other journeys made.
    await journey('phones', () => phonesJourney(browser, BASE, { binary: BINARY, dbPath: server?.dbPath }, check,
      { axeCheck, screenshot }));
  } finally {
    await browser.close();
  }
}

let server = null;
try {
  if (BINARY) {
    try {
      console.log(`# database: ${BACKEND}`);
      server = await startServer(BINARY, { threads: 2 });
      BASE = server.url;
    } catch (e) {
      check('server starts', false, e.message.split('\n')[0]);
    }
  }
  if (BASE) await main();
} catch (e) {
  check('browser tests ran', false, e.stack || String(e));
} finally {
  if (server) {
    const code = await server.stop();
    check('server stops on SIGTERM with exit code 0', code === 0, `exit code ${code}`);
    check('server log has no sanitizer report',
      !/AddressSanitizer|LeakSanitizer|runtime error:/.test(server.logs()), server.logs().slice(-400));
  }
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
