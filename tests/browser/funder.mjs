// Browser journey through the open data pages: Trafford's grants are imported with the command
// line, then a person goes from Trafford's organisation page to its funding page (headline
// figures, the chart by year with its table, the relationships that ended, each linking to the
// funding-change check), follows a check link to the pre-filled form, and filters the grant
// list. axe-core checks every page.
//
//   import { funderJourney } from './funder.mjs';
//   await funderJourney(browser, baseUrl, { binary, dbPath }, check, { axeCheck, screenshot });
//
// Without binary and dbPath (a bare BASE_URL) the journey is skipped, and says so.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const TRAFFORD = join(HERE, '..', '..', 'data', 'opendata', '360giving', 'trafford_council',
  'trafford_council_voluntary_sector_grants.csv');
const ROWS = 'table.govuk-table tbody tr';

function run(binary, args) {
  return new Promise((resolve) => {
    const p = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (out += d));
    p.on('error', (e) => resolve({ code: -1, out: out + String(e) }));
    p.on('close', (code) => resolve({ code, out }));
  });
}

async function text(locator) {
  return (await locator.innerText()).replace(/\s+/g, ' ').trim();
}

export async function funderJourney(browser, baseUrl, { binary, dbPath } = {}, check,
  { axeCheck, screenshot = async () => {} } = {}) {
  if (!binary || !dbPath) {
    check('funder: skipped (needs --binary to import the grants)', true);
    return;
  }
  const imported = await run(binary, ['import', 'grants', TRAFFORD, '--db', dbPath]);
  if (!check('funder: Trafford grants imported with the command line', imported.code === 0, imported.out.slice(0, 300))) {
    return;
  }
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await ctx.newPage();
  page.setDefaultTimeout(15000);
  try {
    await page.goto(baseUrl + '/organisations/GB-LAE-TRF');
    const link = page.locator('main a:has-text("Funding and contracts")');
    check('funder: the organisation page links to its funding', (await link.count()) === 1);
    await Promise.all([page.waitForNavigation(), link.click()]);
    check('funder: the link leads to the funding page',
      new URL(page.url()).pathname === '/organisations/GB-LAE-TRF/funding', page.url());
    const main = await text(page.locator('main'));
    check('funder: the headline figures', main.includes('555 from 2013 to 2024') && main.includes('£1,291,436.54'),
      main.slice(0, 600));
    check('funder: the chart is an SVG with a title and 12 bars (2013 to 2024)',
      (await page.locator('svg[role="img"] title').count()) === 1 &&
      (await page.locator('svg[role="img"] rect').count()) === 12);
    const years = page.locator('table:has(caption:has-text("Grants by calendar year")) tbody tr');
    check('funder: the chart has its table, a row a year', (await years.count()) === 12);
    check('funder: 2015, with no grants, shows its count and value (£0.00); only the share is not shown',
      (await text(years.nth(2))).startsWith('2015 0 £0.00 Not shown'), await text(years.nth(2)));
    const ended = page.locator('table:has(caption:has-text("funded one year and not the next")) tbody tr');
    check('funder: the ended relationships are listed', (await ended.count()) > 100, String(await ended.count()));
    await axeCheck(page, 'funder: funding page');
    await screenshot(page, 'funder');

    await page.click('summary:has-text("recipients, each with a link")');
    const first = ended.first().locator('a:has-text("Check the notice")');
    await Promise.all([page.waitForNavigation(), first.click()]);
    check('funder: a check link opens the funding change form, ending chosen',
      new URL(page.url()).pathname === '/checks/funding_change' && (await page.isChecked('#change')),
      page.url());

    await page.goto(baseUrl + '/grants');
    check('funder: the grant list shows a page of 50', (await page.locator(ROWS).count()) === 50);
    await page.fill('#funder', 'GB-LAE-TRF');
    await page.fill('#year', '2014');
    await Promise.all([page.waitForNavigation(), page.click('button:has-text("Apply filters")')]);
    check('funder: filtering by funder and year gives 2014\'s 35 grants',
      (await page.locator(ROWS).count()) === 35 && (await text(page.locator('caption'))).startsWith('35 grants'));
    check('funder: the CSV link keeps the filters',
      (await page.locator('a:has-text("CSV")').getAttribute('href')) === '/api/v1/grants.csv?funder=GB-LAE-TRF&year=2014');
    await axeCheck(page, 'funder: grant list');
    await screenshot(page, 'grants');

    await page.fill('#year', '20x');
    await Promise.all([page.waitForNavigation(), page.click('button:has-text("Apply filters")')]);
    check('funder: a bad year brings the error summary',
      (await page.locator('.govuk-error-summary').count()) === 1 && (await page.title()).startsWith('Error: '));
    await axeCheck(page, 'funder: grant list with an error');

    await page.goto(baseUrl + '/contracts');
    check('funder: the contract list says there are none yet', (await text(page.locator('caption'))).startsWith('0 contracts'));
    await axeCheck(page, 'funder: contract list');
  } finally {
    await ctx.close();
  }
}
