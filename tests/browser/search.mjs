// The national body makes the case for signing up (SPEC section 9): from the search box in the
// header of the home page it searches "cuts", reads the results (the Merton case study first,
// the word marked), and opens the Merton case study. At 1280 and at 375 pixels wide, axe-core
// on every page; at 375 the header's box fits the screen (no sideways scrolling). A search for
// nothing but syntax ("NEAR(*" ) is a page of no results, not an error.
// The journey then goes on to /signups on the branch that has it (not this one: it stops at
// the case study). With a binary and a database the first case studies are published first
// through the API (tests/data/search/case_studies.json), unless `compact init` loaded them.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { addToken, addUser, newPassword } from '../e2e/auth.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const CASES = JSON.parse(readFileSync(join(HERE, '..', 'data', 'search', 'case_studies.json'), 'utf8'));

async function publishCases(baseUrl, binary, dbPath) {
  const have = (await (await fetch(`${baseUrl}/api/v1/case-studies`)).json()).items ?? [];
  if (CASES.case_studies.every((c) => have.some((h) => h.title === c.title))) return true;
  await addUser(binary, dbPath, 'admin@search-journey.test', 'admin', newPassword('s'));
  const { token } = await addToken(binary, dbPath, 'admin@search-journey.test');
  const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
  for (const c of CASES.case_studies) {
    if (have.some((h) => h.title === c.title)) continue;
    const r = await fetch(`${baseUrl}/api/v1/case-studies`, {
      method: 'POST', headers,
      body: JSON.stringify({ title: c.title, summary: c.summary, outcome: c.outcome, year: c.year, themes: c.themes,
        areas: c.area, organisations: c.organisations }),
    });
    if (r.status !== 201) return false;
    const { id } = await r.json();
    const p = await fetch(`${baseUrl}/api/v1/case-studies/${id}/publish`, { method: 'POST', headers });
    if (p.status !== 200) return false;
  }
  return true;
}

async function text(locator) {
  return (await locator.innerText()).replace(/\s+/g, ' ').trim();
}

export async function searchJourney(browser, baseUrl, { binary, dbPath } = {}, check,
  { axeCheck, screenshot = async () => {} } = {}) {
  if (binary && dbPath) check('search: the first case studies are published', await publishCases(baseUrl, binary, dbPath));
  for (const width of [1280, 375]) {
    const at = `search (${width} px)`;
    const ctx = await browser.newContext({ viewport: { width, height: 900 } });
    const page = await ctx.newPage();
    page.setDefaultTimeout(15000);
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    try {
      await page.goto(baseUrl + '/');
      const box = page.locator('header #header-search');
      check(`${at}: the header has a search box labelled "Search Compact Hub"`,
        (await box.count()) === 1 && (await page.locator('label[for="header-search"]').innerText()) === 'Search Compact Hub');
      const inside = await page.evaluate(() => {
        const f = document.querySelector('.app-header-search').getBoundingClientRect();
        return { right: f.right, scroll: document.documentElement.scrollWidth, width: window.innerWidth };
      });
      check(`${at}: the header's box fits the screen`, inside.right <= inside.width && inside.scroll <= inside.width,
        JSON.stringify(inside));
      await box.fill('cuts');
      await Promise.all([page.waitForNavigation(), page.locator('.app-header-search button').click()]);
      const u = new URL(page.url());
      check(`${at}: the header's box leads to /search?q=cuts`, u.pathname === '/search' && u.searchParams.get('q') === 'cuts',
        page.url());
      check(`${at}: the page is titled Search, with the question in its own box`,
        (await text(page.locator('h1'))) === 'Search' && (await page.inputValue('#q')) === 'cuts');
      const first = page.locator('.app-search-result').first();
      check(`${at}: the Merton case study comes first`,
        (await text(first.locator('h2'))) === 'Talking early about cuts' && (await text(first.locator('.app-search-result__kind'))) === 'Case study',
        await text(first));
      check(`${at}: the matched word is marked in its snippet`, /^cuts?$/i.test(await text(first.locator('mark').first())));
      check(`${at}: the number of results is said`, /^\d+ results? for ‘cuts’$/.test(await text(page.locator('[role="status"]'))),
        await text(page.locator('[role="status"]')));
      await screenshot(page, `search-results-${width}`);
      await axeCheck(page, `${at}: results`);

      await Promise.all([page.waitForNavigation(), first.locator('h2 a').click()]);
      check(`${at}: the result opens the Merton case study`,
        /^\/case-studies\/\d+$/.test(new URL(page.url()).pathname) && (await text(page.locator('h1'))).includes('Talking early about cuts'),
        page.url());
      await screenshot(page, `search-case-study-${width}`);
      await axeCheck(page, `${at}: the case study`);

      // syntax only: a page saying there is nothing, not an error
      const r = await page.goto(baseUrl + '/search?q=' + encodeURIComponent('NEAR(*"-'));
      check(`${at}: syntax alone is a page of no results (200)`, r.status() === 200 &&
        (await page.locator('.govuk-error-summary').count()) === 0);
      const bad = await page.goto(baseUrl + '/search?q=cuts&year=last');
      check(`${at}: a bad year is an error summary naming it (400)`, bad.status() === 400 &&
        (await text(page.locator('.govuk-error-summary'))).includes('Year must be'));
      await axeCheck(page, `${at}: a bad filter`);
      check(`${at}: no script errors`, errors.length === 0, errors.join('; '));
    } finally {
      await ctx.close();
    }
  }
  check('search: the journey stops at the case study (/signups is not on this branch)', true);
}
