// The national body makes the case for signing up (issue 16, SPEC section 9), as ONE walk at
// 1280 and at 375 pixels wide, axe-core on every page, each page no wider than the screen:
//
//   1. the home page: the header's search box ("Search Compact Hub", its button "Find") takes
//      "cuts" to /search?q=cuts;
//   2. the results: the Merton case study first, the word marked in its snippet;
//   3. the Merton case study, opened from the results; its page leads on to who has signed;
//   4. /signups: the summary in words, the hex map of councils signed, not signed and not
//      covered (with its key), the tables by region;
//   5. a council that has not signed (Burnley), reached from its hexagon on the map at 1280 and
//      from the table of its region at 375: its authority's page says its council has not
//      signed the Compact that covers it;
//   6. that Compact: which statutory partners have not signed;
//   7. back through the navigation (Coverage) to /signups, and the date boxes: on 31 March 2013
//      Burnley had no active Compact.
// Then, off the walk: a search of nothing but syntax ("NEAR(*") is a page of no results, a bad
// year an error summary; the signups page and its map without JavaScript, and an impossible date.
//
// With a binary and a database (run.mjs --binary) the first case studies are published through
// the API unless `compact init` loaded them (tests/data/search/case_studies.json), and
// Lancashire's county-wide Compact is made through the API, active from 1 April 2013 and still
// in force (no other journey uses Lancashire): Lancashire County Council, Preston City Council
// and Lancashire Constabulary sign it; Burnley Borough Council does not. Without them the
// journey reads what the API says.
//
//   import { caseForSigningJourney } from './case_for_signing.mjs';
//   await caseForSigningJourney(browser, baseUrl, { binary, dbPath }, check, { axeCheck, screenshot });
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { addToken, addUser, newPassword } from '../e2e/auth.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const CASES = JSON.parse(readFileSync(join(HERE, '..', 'data', 'search', 'case_studies.json'), 'utf8'));
const WIDTHS = [1280, 375];
const LANCASHIRE = 'E10000017';
const BURNLEY = 'E07000117';
const PRESTON = 'E07000123';
const ISO = /\b\d{4}-\d{2}-\d{2}\b/;

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

async function makeCompact(baseUrl, binary, dbPath) {
  await addUser(binary, dbPath, 'admin@signups.test', 'admin', newPassword('s'));
  const { token } = await addToken(binary, dbPath, 'admin@signups.test');
  const post = (path, body) => fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  const r = await post('/api/v1/compacts', { name: 'Lancashire Compact', authorities: [LANCASHIRE], status: 'active',
    status_date: '2013-04-01' });
  if (r.status !== 201) return null;
  const { id } = await r.json();
  const police = await post('/api/v1/organisations', { name: 'Lancashire Constabulary', type: 'police' });
  let ok = police.status === 201;
  for (const [organisation, role] of [['GB-LAE-LAN', 'Leader of the Council'], ['GB-LAE-PRE', 'Leader of the Council'],
    ['Lancashire Constabulary', 'Chief Constable']]) {
    const s = await post(`/api/v1/compacts/${id}/signatories`, { organisation, signed_on: '2013-05-01', role });
    ok = ok && s.status === 201;
  }
  return ok ? id : null;
}

async function fitsTheScreen(page) {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
}

async function text(locator) {
  return (await locator.first().innerText()).replace(/\s+/g, ' ').trim();
}

export async function caseForSigningJourney(browser, baseUrl, { binary, dbPath } = {}, check,
  { axeCheck, screenshot = async () => {} } = {}) {
  if (binary && dbPath) check('case for signing: the first case studies are published', await publishCases(baseUrl, binary, dbPath));
  const compactId = binary && dbPath ? await makeCompact(baseUrl, binary, dbPath) : null;
  if (binary && dbPath) check('case for signing: Lancashire\'s Compact and three signatures made through the API', compactId !== null);
  // what the pages should say, from the API (one piece of code behind both)
  const api = await (await fetch(`${baseUrl}/api/v1/signups`)).json();
  const notSigned = api.not_signed.find((c) => c.gss === BURNLEY) || api.not_signed[0];

  for (const width of WIDTHS) {
    const at = `case for signing (${width} px)`;
    const ctx = await browser.newContext({ viewport: { width, height: 900 } });
    const page = await ctx.newPage();
    page.setDefaultTimeout(15000);
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const looked = async (name, shot) => {
      check(`${at}: ${name} fits the screen`, await fitsTheScreen(page));
      await axeCheck(page, `${at}: ${name}`);
      await screenshot(page, `${shot}-${width}`);
    };
    try {
      // 1. the home page's header: search for "cuts"
      await page.goto(baseUrl + '/');
      const box = page.locator('header #header-search');
      check(`${at}: the header has a search box labelled "Search Compact Hub"`,
        (await box.count()) === 1 && (await page.locator('label[for="header-search"]').innerText()) === 'Search Compact Hub');
      const find = page.locator('.app-header-search button');
      check(`${at}: the header's search button reads Find`, (await text(find)) === 'Find');
      const inside = await page.evaluate(() => {
        const f = document.querySelector('.app-header-search').getBoundingClientRect();
        return { right: f.right, scroll: document.documentElement.scrollWidth, width: window.innerWidth };
      });
      check(`${at}: the header's box fits the screen`, inside.right <= inside.width && inside.scroll <= inside.width,
        JSON.stringify(inside));
      await looked('the home page', 'journey16-1-home');
      await box.fill('cuts');
      await Promise.all([page.waitForNavigation(), find.click()]);

      // 2. the results
      const u = new URL(page.url());
      check(`${at}: the header's box leads to /search?q=cuts`, u.pathname === '/search' && u.searchParams.get('q') === 'cuts',
        page.url());
      check(`${at}: the page is titled Search, with the question in its own box`,
        (await text(page.locator('h1'))) === 'Search' && (await page.inputValue('#q')) === 'cuts');
      const first = page.locator('.app-search-result').first();
      check(`${at}: the Merton case study comes first`,
        (await text(first.locator('h2'))) === 'Talking early about cuts' && (await text(first.locator('.app-search-result__kind'))) === 'Case study',
        await text(first));
      check(`${at}: the matched word is marked in its snippet`, /^cuts?$/i.test(await text(first.locator('mark'))));
      check(`${at}: the number of results is said`, /^\d+ results? for ‘cuts’$/.test(await text(page.locator('[role="status"]'))),
        await text(page.locator('[role="status"]')));
      await looked('the results for cuts', 'journey16-2-results');

      // 3. the Merton case study
      await Promise.all([page.waitForNavigation(), first.locator('h2 a').click()]);
      check(`${at}: the result opens the Merton case study`,
        /^\/case-studies\/\d+$/.test(new URL(page.url()).pathname) && (await text(page.locator('h1'))).includes('Talking early about cuts'),
        page.url());
      await looked('the Merton case study', 'journey16-3-case-study');

      // 4. on to who has signed
      const toSignups = page.getByRole('link', { name: 'See which councils have signed the local Compact that covers their area' });
      check(`${at}: the case study leads on to who has signed`, (await toSignups.count()) === 1);
      await Promise.all([page.waitForNavigation(), toSignups.click()]);
      check(`${at}: the case study's link leads to the signups page`, new URL(page.url()).pathname === '/signups', page.url());
      check(`${at}: one h1`, (await text(page.locator('main h1'))) === 'Who has signed local Compacts' &&
        (await page.locator('h1').count()) === 1);
      const summary = await text(page.locator('#summary'));
      const signed = 317 - api.not_signed.length - api.not_covered.length;
      const today = new Date().toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' });
      check(`${at}: the summary is today's, in words, as the API counts`,
        summary.startsWith(`On ${today}, ${signed} of the ${317 - api.not_covered.length} councils of today`) && !ISO.test(summary),
        summary);
      check(`${at}: the map has a hexagon for each of today's 296 districts, a title and a three-line key`,
        (await page.locator('.app-hex-map svg a').count()) === 296 &&
          (await page.locator('.app-hex-map svg > title').count()) === 1 && (await page.locator('.app-map-key li').count()) === 3);
      check(`${at}: the key names the three: signed, not signed, not covered`,
        /^Signed/.test(await text(page.locator('.app-map-key li').nth(0))) &&
          /^Not signed/.test(await text(page.locator('.app-map-key li').nth(1))) &&
          /^Not covered/.test(await text(page.locator('.app-map-key li').nth(2))),
        await text(page.locator('.app-map-key')));
      if (compactId) {
        check(`${at}: Burnley not signed, Preston signed on the map`,
          (await page.locator(`.app-hex-map svg a[href="/authorities/${BURNLEY}"] use`).getAttribute('href')) === '#sig-not_signed' &&
            (await page.locator(`.app-hex-map svg a[href="/authorities/${PRESTON}"] use`).getAttribute('href')) === '#sig-signed');
        const nw = page.locator('#not-signed-north-west');
        check(`${at}: the North West's councils not signed, by name, with the Compact that covers them`,
          (await nw.locator('caption').innerText()).startsWith('North West: ') &&
            (await nw.getByRole('link', { name: 'Burnley Borough Council' }).count()) === 1 &&
            (await nw.locator('tr', { hasText: 'Burnley Borough Council' }).innerText()).includes('Lancashire Compact (through Lancashire)'));
        const row = page.locator('#compacts tr', { hasText: 'Lancashire Compact' });
        check(`${at}: Lancashire's Compact lacks an NHS body and a fire and rescue service`,
          /Lancashire Constabulary[\s\S]*NHS body\s+Fire and rescue service\s*$/.test(await row.innerText()),
          await row.innerText());
      }
      await looked('the signups map', 'journey16-4-signups');

      // 5. a council that has not signed: from its hexagon on a wide screen, from its region's
      // table on a phone (a hexagon is too small to tap there)
      if (width >= 1000) {
        const hex = page.locator(`.app-hex-map svg a[href="/authorities/${notSigned.gss}"]`);
        check(`${at}: the council's hexagon names it and says it has not signed`,
          /: .*not signed/i.test(await hex.locator('title').textContent()), await hex.locator('title').textContent());
        await Promise.all([page.waitForNavigation(), hex.click()]);
      } else {
        await Promise.all([page.waitForNavigation(),
          page.locator(`table[id^="not-signed-"] a[href="/authorities/${notSigned.gss}"]`).first().click()]);
      }
      check(`${at}: the council's link leads to its authority's page`, new URL(page.url()).pathname === `/authorities/${notSigned.gss}`,
        page.url());
      const line = await text(page.locator('#council-signed'));
      check(`${at}: the authority's page says its council has not signed the Compact that covers it`,
        line.startsWith('Not signed') && line.includes('has not signed it') &&
          (!compactId || line.includes('Burnley Borough Council has not signed it: the county\'s Compact covers the area')), line);
      await looked('a council not signed', 'journey16-5-authority');

      // 6. the Compact that covers it: which statutory partners have not signed
      await Promise.all([page.waitForNavigation(), page.locator('main a[href^="/compacts/"]').first().click()]);
      const partners = await text(page.locator('#partners'));
      check(`${at}: the Compact's page says which statutory partners have not signed`,
        /have signed this Compact; no .* has\.|No statutory partner has signed|All four statutory partners/.test(partners) &&
          (!compactId || partners.startsWith('Statutory partners: a council and the police have signed this Compact; ' +
            'no NHS body or fire and rescue service has.')), partners);
      await looked('the Compact', 'journey16-6-compact');

      // 7. back to who has signed through the navigation, and a date before Lancashire's Compact
      const menu = page.getByRole('button', { name: 'Menu' });
      if (await menu.isVisible()) await menu.click(); // the navigation folds into a menu on a phone
      await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Coverage', exact: true }).first().click()]);
      await Promise.all([page.waitForNavigation(),
        page.getByRole('link', { name: 'See which councils have signed the local Compact that covers their area' }).click()]);
      check(`${at}: the coverage page leads to the signups page`, new URL(page.url()).pathname === '/signups', page.url());
      await page.fill('#as_of-day', '31');
      await page.fill('#as_of-month', '3');
      await page.fill('#as_of-year', '2013');
      await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Show who has signed' }).click()]);
      const q = new URL(page.url()).searchParams;
      check(`${at}: the form sends the date boxes`, q.get('as_of-day') === '31' && q.get('as_of-year') === '2013', page.url());
      check(`${at}: the figures are for 31 March 2013`, (await text(page.locator('#summary'))).startsWith('On 31 March 2013, '));
      // the long list of councils no Compact covers is folded: open it
      await page.locator('h2#not-covered + details summary').click();
      if (compactId) {
        check(`${at}: on 31 March 2013 Burnley had no active local Compact`,
          (await page.locator('#not-covered-north-west').getByRole('link', { name: 'Burnley Borough Council' }).count()) === 1 &&
            (await page.locator('#not-signed-north-west').getByRole('link', { name: 'Burnley Borough Council' }).count()) === 0);
      }
      await looked('31 March 2013', 'journey16-7-signups-2013');

      // off the walk: syntax only is a page saying there is nothing, not an error
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

  const nojs = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
  try {
    const p = await nojs.newPage();
    p.setDefaultTimeout(15000);
    const res = await p.goto(baseUrl + '/signups?as_of=2012-03-31&set=2012');
    check('case for signing: no js: the signups page and its map of 2009 to 2019 are there', res && res.status() === 200 &&
      (await p.locator('.app-hex-map svg a').count()) === 326);
    await p.goto(baseUrl + '/signups?as_of-day=30&as_of-month=2&as_of-year=2013');
    const error = p.locator('.govuk-error-summary');
    check('case for signing: no js: an impossible date brings the error summary',
      (await error.count()) === 1 && /The date must be a real date/.test(await error.innerText()) && (await p.title()).startsWith('Error: '));
  } finally {
    await nojs.close();
  }
}
