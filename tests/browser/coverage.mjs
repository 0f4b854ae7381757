// A council officer looks at where local Compacts cover England: from the home page to the
// coverage page, chooses a date and the 2009-2019 authorities, reads the figures, follows a
// hexagon of the map to its authority, and mistypes a date. axe-core runs on every page; the
// map is checked again without JavaScript. With a binary and a database (run.mjs --binary) a
// county-wide Compact is made first through the API, so that the map has something to show.
import { addToken, addUser, newPassword } from '../e2e/auth.mjs';

const DOVER = 'E07000108'; // a district of Kent

async function makeCompact(baseUrl, binary, dbPath) {
  await addUser(binary, dbPath, 'admin@coverage.test', 'admin', newPassword('c'));
  const { token } = await addToken(binary, dbPath, 'admin@coverage.test');
  const r = await fetch(`${baseUrl}/api/v1/compacts`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ name: 'Kent Compact', authorities: ['E10000016'], status: 'active', status_date: '2011-04-01' }),
  });
  return r.status === 201;
}

export async function coverageJourney(browser, baseUrl, { binary, dbPath } = {}, check,
  { axeCheck, screenshot = async () => {} } = {}) {
  const made = binary && dbPath ? await makeCompact(baseUrl, binary, dbPath) : false;
  if (binary && dbPath) check('coverage: a county-wide Compact is made through the API', made);
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await ctx.newPage();
  page.setDefaultTimeout(15000);
  try {
    await page.goto(baseUrl + '/');
    await Promise.all([page.waitForNavigation(), page.click('a:has-text("See where local Compacts cover England")')]);
    check('coverage: the home page leads to the coverage page', new URL(page.url()).pathname === '/coverage',
      `at ${page.url()}`);
    check('coverage: today\'s map has a hexagon for each of today\'s 296 districts',
      (await page.locator('.app-hex-map svg a').count()) === 296);
    await axeCheck(page, 'coverage: today');

    await page.fill('#as_of-day', '15');
    await page.fill('#as_of-month', '1');
    await page.fill('#as_of-year', '2012');
    await page.selectOption('#set', '2012');
    await Promise.all([page.waitForNavigation(), page.click('button:has-text("Show coverage")')]);
    const q = new URL(page.url()).searchParams;
    check('coverage: the form asks for the date (day, month, year) and the set',
      q.get('as_of-day') === '15' && q.get('as_of-month') === '1' && q.get('as_of-year') === '2012' && q.get('set') === '2012',
      `at ${page.url()}`);
    const summary = await page.locator('#summary').innerText();
    const want = made ? '13 of the 353' : 'of the 353';
    check('coverage: the figures are for 15 January 2012, 2009 to 2019',
      summary.startsWith('On 15 January 2012') && summary.includes(want), summary);
    check('coverage: the map of 2009-2019 has 326 hexagons', (await page.locator('.app-hex-map svg a').count()) === 326);
    check('coverage: the map has a title and a key',
      (await page.locator('.app-hex-map svg > title').count()) === 1 && (await page.locator('.app-map-key li').count()) >= 3);
    if (made) {
      check('coverage: Kent\'s districts are covered on the map',
        (await page.locator('.app-hex-map svg a use[href="#cov-covered"]').count()) === 12);
    }
    await axeCheck(page, 'coverage: 2012');
    await screenshot(page, 'coverage-2012');

    await Promise.all([page.waitForNavigation(), page.locator(`.app-hex-map svg a[href="/authorities/${DOVER}"]`).click()]);
    check('coverage: a hexagon leads to its authority', new URL(page.url()).pathname === `/authorities/${DOVER}` &&
      (await page.locator('h1').innerText()).includes('Dover'), `at ${page.url()}`);

    await page.goto(baseUrl + '/coverage?as_of=2012-02-30&set=2012');
    const error = page.locator('.govuk-error-summary');
    check('coverage: an impossible date brings the error summary',
      (await error.count()) === 1 && /The date to show coverage on must be a real date/.test(await error.innerText()));
    check('coverage: the page title says there is an error', (await page.title()).startsWith('Error: '));
    await axeCheck(page, 'coverage: with an error');
  } finally {
    await ctx.close();
  }

  const nojs = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
  try {
    const p = await nojs.newPage();
    p.setDefaultTimeout(15000);
    const res = await p.goto(baseUrl + '/coverage?as_of=2012-01-15&set=2012');
    check('coverage: no js: the page and map are there', res && res.status() === 200 &&
      (await p.locator('.app-hex-map svg a').count()) === 326);
    await p.click('summary:has-text("The chart as a table")').catch(() => {});
    check('coverage: no js: the chart and its table are there', made
      ? (await p.locator('.app-chart svg').count()) === 1 && (await p.locator('details table tbody tr').count()) === 1
      : true);
  } finally {
    await nojs.close();
  }
}
