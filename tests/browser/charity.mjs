// Browser journey of a charity finding its own funding (issue 13), at 1280 and 375 pixels wide:
// the volunteer treasurer of Art with a Heart finds their organisation by name, sees the grants
// it received by funder and year (which funding ended, which did not and why), follows a grant
// row to the funder, filters the grant list by the funder's name and chooses their charity
// among those whose names match, and follows "Check the notice" to the funding-change check,
// filled in with what the published grants say. axe-core checks every page; no page is wider
// than the screen.
//
//   import { charityJourney } from './charity.mjs';
//   await charityJourney(browser, baseUrl, { binary, dbPath }, check, { axeCheck, screenshot });
//
// Without binary and dbPath (a bare BASE_URL) the journey is skipped, and says so.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from '../lib/server.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const TRAFFORD = join(HERE, '..', '..', 'data', 'opendata', '360giving', 'trafford_council',
  'trafford_council_voluntary_sector_grants.csv');
const NAMES = join(HERE, '..', 'data', 'opendata', 'names.json');
const TRAFFORD_NAME = 'Trafford Metropolitan Borough Council';

async function text(locator) {
  return (await locator.innerText()).replace(/\s+/g, ' ').trim();
}

async function go(page, action) {
  await Promise.all([page.waitForNavigation(), action]);
}

export async function charityJourney(browser, baseUrl, { binary, dbPath } = {}, check,
  { axeCheck, screenshot = async () => {} } = {}) {
  if (!binary || !dbPath) {
    check('charity: skipped (needs --binary to import the grants)', true);
    return;
  }
  for (const file of [TRAFFORD, NAMES]) {
    const imported = await run(binary, ['import', 'grants', file, '--db', dbPath], { timeoutMs: 120000 });
    if (!check(`charity: ${file.split('/').pop()} imported with the command line`, imported.code === 0,
      imported.stderr.slice(0, 300))) {
      return;
    }
  }
  for (const width of [1280, 375]) {
    const ctx = await browser.newContext({ viewport: { width, height: 900 } });
    const page = await ctx.newPage();
    page.setDefaultTimeout(15000);
    const at = `charity ${width}px`;
    // every page fits the screen: nothing scrolls sideways
    const fits = async (name) => {
      const w = await page.evaluate(() => document.documentElement.scrollWidth);
      check(`${at}: ${name} fits the screen`, w <= width, `scroll width ${w}`);
    };
    const visit = async (name, shot) => {
      await axeCheck(page, `${at}: ${name}`);
      await fits(name);
      await screenshot(page, `charity-${width}-${shot}`);
    };
    try {
      // 1. Find the charity by name, from the list of organisations
      await page.goto(baseUrl + '/organisations');
      await page.fill('#q', 'art with a heart');
      await go(page, page.click('button:has-text("Search")'));
      await go(page, page.click('main a:text-is("Art with a Heart")'));
      check(`${at}: the charity's page`, (await text(page.locator('h1'))) === 'Art with a Heart', page.url());

      // 2. The grants it received, by funder and year, and whether each relationship ended
      const rows = page.locator('table:has(caption:has-text("Grants from")) tbody tr');
      check(`${at}: grants received, a table a funder, a row a year`, (await rows.count()) === 8 &&
        (await page.locator('main h3 a').count()) === 3, String(await rows.count()));
      const main = await text(page.locator('main'));
      check(`${at}: the total from its funders`, main.includes('8 grants from 3 funders, £23,687.00 in all'),
        main.slice(0, 400));
      const row = async (funder, year) => text(page.locator(
        `table:has(caption:has-text("Grants from ${funder},")) tbody tr:has(th:text-is("${year}"))`));
      check(`${at}: 2014, then none in Trafford's 2015 (it published no grants): not an end`,
        (await row(TRAFFORD_NAME, 2014)) === '2014 1 grant £3,843.00 No: funded again in 2016', await row(TRAFFORD_NAME, 2014));
      check(`${at}: 2017, and none in 2018: ended, with a check link`,
        (await row(TRAFFORD_NAME, 2017)).startsWith('2017 1 grant £2,000.00 Yes: none in 2018 Check the notice'), await row(TRAFFORD_NAME, 2017));
      check(`${at}: 2019's £300 alone: a one-off, not counted`,
        (await row(TRAFFORD_NAME, 2019)).endsWith('Not counted: a one-off grant under £1,000'), await row(TRAFFORD_NAME, 2019));
      check(`${at}: the rule is stated`, main.includes('Grants under £1,000 that were not repeated are not counted'));
      await visit('organisation page', 'organisation');

      // 3. Its funding page has the same table, and the rest of its figures
      await go(page, page.click('main a:has-text("Funding and contracts")'));
      check(`${at}: its funding page`, new URL(page.url()).pathname === '/organisations/GB-CHC-1159034/funding' &&
        (await page.locator('table:has(caption:has-text("Grants from")) tbody tr').count()) === 8,
      page.url());
      await visit('funding page', 'funding');

      // 4. The grant list from the navigation, filtered by the funder's name and their own
      const menu = page.locator('.govuk-service-navigation__toggle');
      if (await menu.isVisible()) await menu.click();
      await go(page, page.click('.govuk-service-navigation a:text-is("Grants")'));
      check(`${at}: Grants is in the navigation`, new URL(page.url()).pathname === '/grants');
      await page.fill('#funder', 'trafford');
      await page.fill('#recipient', 'art heart');
      await go(page, page.click('button:has-text("Apply filters")'));
      const choices = page.locator('main ul.govuk-list li a');
      check(`${at}: two recipients have the words: choose one`,
        (await text(page.locator('main h2'))) === 'Choose the recipient' && (await choices.count()) === 2,
        await text(page.locator('main')));
      await visit('grant list: choose the recipient', 'grants-choose');
      await go(page, choices.filter({ hasText: 'Art with a Heart' }).click());
      const grants = page.locator('table.govuk-table tbody tr');
      check(`${at}: Trafford's 5 grants to Art with a Heart, the funder found by name`,
        (await grants.count()) === 5 && (await text(page.locator('caption'))).startsWith('5 grants') &&
        (await page.inputValue('#funder')) === 'trafford', await text(page.locator('main dl')));
      check(`${at}: a row: when, what, from whom to whom, how much for how long`, (await text(grants.nth(1))) ===
        `17 June 2017 Voluntary Sector Grant to Art with a Heart From ${TRAFFORD_NAME} to Art with a Heart £2,000.00 12 months`,
      await text(grants.nth(1)));
      await visit('grant list', 'grants');

      // 5. A grant row leads to the funder
      await go(page, grants.first().locator(`a:text-is("${TRAFFORD_NAME}")`).click());
      check(`${at}: the row's funder link leads to the funder's page`,
        new URL(page.url()).pathname === '/organisations/GB-LAE-TRF' && (await text(page.locator('h1'))) === TRAFFORD_NAME,
        page.url());

      // 6. "Check the notice" fills in the check with what the data says
      await page.goto(baseUrl + '/organisations/GB-CHC-1159034/funding');
      const ended = page.locator(`table:has(caption:has-text("Grants from ${TRAFFORD_NAME},")) tbody tr:has(th:text-is("2017"))`);
      await go(page, ended.locator('a:has-text("Check the notice")').click());
      check(`${at}: the funding change check`, new URL(page.url()).pathname === '/checks/funding_change', page.url());
      const known = await text(page.locator('main dl'));
      check(`${at}: the check shows the funder, the charity, the amount and the last grant`,
        known.includes(`Funder ${TRAFFORD_NAME}`) && known.includes('Organisation funded Art with a Heart') &&
        known.includes('£2,000.00') && known.includes('17 June 2017'), known);
      check(`${at}: the funding ends: the last grant's 12 months from its award`,
        (await page.isChecked('#change')) && (await page.inputValue('#effective_date-day')) === '16' &&
        (await page.inputValue('#effective_date-month')) === '6' &&
        (await page.inputValue('#effective_date-year')) === '2018');
      await visit('check form filled in', 'check');
      await go(page, page.click('button:has-text("Check")'));
      const result = new URL(page.url());
      check(`${at}: the check's result carries what the data said`,
        result.pathname === '/checks/funding_change/result' && result.searchParams.get('body') === TRAFFORD_NAME &&
        result.searchParams.get('organisation') === 'GB-CHC-1159034', page.url());
    } catch (e) {
      check(`${at}: journey completed`, false, e.message.split('\n')[0]);
    } finally {
      await ctx.close();
    }
  }
}
