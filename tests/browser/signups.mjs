// The national body makes the case for signing up (issue 16): from the coverage page it opens
// the signups page, reads how many councils have signed the local Compact that covers their
// area, finds on the map and in the tables by region the councils that have not, goes back to a
// date before the Compact was in force (the date boxes), then opens a council that has not
// signed (its authority's page says so, and why) and the Compact that covers it (which statutory
// partners have not signed). At 1280 and 375 pixels, axe-core on every page; the map again
// without JavaScript.
//
// With a binary and a database (run.mjs --binary) Lancashire's county-wide Compact is made first
// through the API, active from 1 April 2013 and still in force (no other journey uses
// Lancashire): Lancashire County Council, Preston City Council and Lancashire Constabulary sign
// it; Burnley Borough Council does not. Without them the journey reads what the API says.
import { addToken, addUser, newPassword } from '../e2e/auth.mjs';

const WIDTHS = [1280, 375];
const LANCASHIRE = 'E10000017';
const BURNLEY = 'E07000117';
const PRESTON = 'E07000123';
const ISO = /\b\d{4}-\d{2}-\d{2}\b/;

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

async function text(page, selector) {
  return (await page.locator(selector).first().innerText()).replace(/\s+/g, ' ').trim();
}

export async function signupsJourney(browser, baseUrl, { binary, dbPath } = {}, check,
  { axeCheck, screenshot = async () => {} } = {}) {
  const compactId = binary && dbPath ? await makeCompact(baseUrl, binary, dbPath) : null;
  if (binary && dbPath) check('signups: Lancashire\'s Compact and three signatures made through the API', compactId !== null);
  // what the page should say, from the API (one piece of code behind both)
  const api = await (await fetch(`${baseUrl}/api/v1/signups`)).json();
  const notSigned = api.not_signed.find((c) => c.gss === BURNLEY) || api.not_signed[0];

  for (const width of WIDTHS) {
    const at = `signups (${width} px)`;
    const ctx = await browser.newContext({ viewport: { width, height: 900 } });
    const page = await ctx.newPage();
    page.setDefaultTimeout(15000);
    try {
      // from the navigation to the coverage page, then to the signups page
      await page.goto(baseUrl + '/');
      const menu = page.getByRole('button', { name: 'Menu' });
      if (await menu.isVisible()) await menu.click(); // the navigation folds into a menu on a phone
      await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Coverage', exact: true }).first().click()]);
      await Promise.all([page.waitForNavigation(),
        page.getByRole('link', { name: 'See which councils have signed the local Compact that covers their area' }).click()]);
      check(`${at}: the coverage page leads to the signups page`, new URL(page.url()).pathname === '/signups', page.url());
      check(`${at}: one h1`, (await text(page, 'main h1')) === 'Who has signed local Compacts');
      const summary = await text(page, '#summary');
      const signed = 317 - api.not_signed.length - api.not_covered.length;
      const today = new Date().toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' });
      check(`${at}: the summary is today's, in words, as the API counts`,
        summary.startsWith(`On ${today}, ${signed} of the ${317 - api.not_covered.length} councils of today`) && !ISO.test(summary),
        summary);
      check(`${at}: the map has a hexagon for each of today's 296 districts, a title and a three-line key`,
        (await page.locator('.app-hex-map svg a').count()) === 296 &&
          (await page.locator('.app-hex-map svg > title').count()) === 1 && (await page.locator('.app-map-key li').count()) === 3);
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
      check(`${at}: the page fits the screen`, await fitsTheScreen(page));
      await axeCheck(page, `${at}: today`);
      await screenshot(page, `signups-${width}`);

      // a date before Lancashire's Compact was in force: its districts are not covered then
      await page.fill('#as_of-day', '31');
      await page.fill('#as_of-month', '3');
      await page.fill('#as_of-year', '2013');
      await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Show who has signed' }).click()]);
      const q = new URL(page.url()).searchParams;
      check(`${at}: the form sends the date boxes`, q.get('as_of-day') === '31' && q.get('as_of-year') === '2013', page.url());
      check(`${at}: the figures are for 31 March 2013`, (await text(page, '#summary')).startsWith('On 31 March 2013, '));
      // the long list of councils no Compact covers is folded: open it
      await page.locator('h2#not-covered + details summary').click();
      if (compactId) {
        check(`${at}: on 31 March 2013 Burnley had no active local Compact`,
          (await page.locator('#not-covered-north-west').getByRole('link', { name: 'Burnley Borough Council' }).count()) === 1 &&
            (await page.locator('#not-signed-north-west').getByRole('link', { name: 'Burnley Borough Council' }).count()) === 0);
      }
      await axeCheck(page, `${at}: 31 March 2013`);

      // a council that has not signed, today
      await page.goto(baseUrl + '/signups');
      await Promise.all([page.waitForNavigation(),
        page.locator(`#not-signed a[href="/authorities/${notSigned.gss}"], table[id^="not-signed-"] a[href="/authorities/${notSigned.gss}"]`)
          .first().click()]);
      check(`${at}: the council's link leads to its authority's page`, new URL(page.url()).pathname === `/authorities/${notSigned.gss}`,
        page.url());
      const line = await text(page, '#council-signed');
      check(`${at}: the authority's page says its council has not signed the Compact that covers it`,
        line.startsWith('Not signed') && line.includes('has not signed it') &&
          (!compactId || line.includes('Burnley Borough Council has not signed it: the county\'s Compact covers the area')), line);
      check(`${at}: the authority's page fits the screen`, await fitsTheScreen(page));
      await axeCheck(page, `${at}: a council not signed`);
      await screenshot(page, `signups-authority-${width}`);

      // the Compact that covers it: which statutory partners have not signed
      await Promise.all([page.waitForNavigation(), page.locator('main a[href^="/compacts/"]').first().click()]);
      const partners = await text(page, '#partners');
      check(`${at}: the Compact's page says which statutory partners have not signed`,
        /have signed this Compact; no .* has\.|No statutory partner has signed|All four statutory partners/.test(partners) &&
          (!compactId || partners.startsWith('Statutory partners: a council and the police have signed this Compact; ' +
            'no NHS body or fire and rescue service has.')), partners);
      check(`${at}: the Compact's page fits the screen`, await fitsTheScreen(page));
      await axeCheck(page, `${at}: the Compact`);
      await screenshot(page, `signups-compact-${width}`);
    } finally {
      await ctx.close();
    }
  }

  const nojs = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
  try {
    const p = await nojs.newPage();
    p.setDefaultTimeout(15000);
    const res = await p.goto(baseUrl + '/signups?as_of=2012-03-31&set=2012');
    check('signups: no js: the page and its map of 2009 to 2019 are there', res && res.status() === 200 &&
      (await p.locator('.app-hex-map svg a').count()) === 326);
    await p.goto(baseUrl + '/signups?as_of-day=30&as_of-month=2&as_of-year=2013');
    const error = p.locator('.govuk-error-summary');
    check('signups: no js: an impossible date brings the error summary',
      (await error.count()) === 1 && /The date must be a real date/.test(await error.innerText()) && (await p.title()).startsWith('Error: '));
  } finally {
    await nojs.close();
  }
}
