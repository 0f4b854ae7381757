// A coordinator looks after local Compacts through the pages: the list with its filters, a new
// Compact (with an unknown authority first, then put right), its page, and a change of status.
// The demo set gives the list something to show. axe-core runs on every page.
import { randomBytes } from 'node:crypto';
import { run } from '../lib/server.mjs';
import { runInput } from '../e2e/auth.mjs';

const EMAIL = 'coordinator@browser.test';

export async function compactsJourney(browser, baseUrl, { binary, dbPath } = {}, check, { axeCheck, screenshot = async () => {} } = {}) {
  if (!binary || !dbPath) {
    console.log('# skip compacts journey: it loads the demo set with the CLI, so it needs --binary');
    return;
  }
  const url = (p) => baseUrl + p;
  const password = `browser horse ${randomBytes(9).toString('base64url')}`;
  const demo = await run(binary, ['demo', 'load', '--db', dbPath]);
  check('compacts: `compact demo load` loads the demo set', demo.code === 0, demo.stderr);
  const made = await runInput(binary, ['user', 'add', EMAIL, '--role', 'coordinator', '--password-stdin', '--db', dbPath], `${password}\n`);
  if (!check('compacts: a coordinator is made with `compact user add`', made.code === 0, made.stderr)) return;

  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await ctx.newPage();
  page.setDefaultTimeout(15000);
  try {
    await page.goto(url('/login'));
    await page.getByLabel('Email address').fill(EMAIL);
    await page.getByLabel('Password').fill(password);
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Sign in', exact: true }).click()]);

    await page.goto(url('/compacts'));
    const rows = page.locator('table.govuk-table tbody tr');
    const demoRows = rows.filter({ hasText: '(demo)' });
    check('compacts: the list shows the 12 demo Compacts', (await demoRows.count()) === 12, `${await demoRows.count()} demo rows of ${await rows.count()}`);
    check('compacts: status tags in the list', (await page.locator('tbody .govuk-tag--green').count()) >= 5);
    await axeCheck(page, 'compacts: list');
    await screenshot(page, 'compacts');

    await page.check('#overdue');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Search' }).click()]);
    const overdue = await rows.count();
    check('compacts: "Review overdue" keeps only overdue ones, each tagged',
      overdue >= 2 && overdue < 12 && (await page.locator('tbody .govuk-tag--red').count()) === overdue, `${overdue} rows`);
    await axeCheck(page, 'compacts: list filtered');

    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Add a local Compact' }).click()]);
    await axeCheck(page, 'compacts: new form');
    await page.fill('#name', 'Trafford Compact');
    await page.getByLabel('Authorities it covers').fill('Trafford\nNowhereshire');
    await page.check('#status-active');
    await page.fill('#status_date-day', '1');
    await page.fill('#status_date-month', '4');
    await page.fill('#status_date-year', '2012');
    await page.fill('#adopted-day', '1');
    await page.fill('#adopted-month', '4');
    await page.fill('#adopted-year', '2012');
    await page.fill('#contact-0-name', 'Alex Example');
    await page.fill('#contact-0-email', 'alex@example.org');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Add the Compact' }).click()]);
    const summary = page.locator('.govuk-error-summary');
    check('compacts: an unknown authority is named in the error summary',
      (await summary.count()) === 1 && /'Nowhereshire' is not an English principal authority/.test(await summary.innerText()));
    check('compacts: the title says there is an error', (await page.title()).startsWith('Error: '));
    check('compacts: the answers are kept', (await page.inputValue('#contact-0-email')) === 'alex@example.org');
    await axeCheck(page, 'compacts: form with an error');
    await screenshot(page, 'compact-new-error');

    await page.getByLabel('Authorities it covers').fill('Trafford');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Add the Compact' }).click()]);
    check('compacts: once put right, the new Compact\'s page opens',
      /^\/compacts\/\d+$/.test(new URL(page.url()).pathname) && (await page.locator('h1').innerText()) === 'Trafford Compact',
      `at ${page.url()}`);
    const main = await page.locator('main').innerText();
    check('compacts: its page shows status, review due (overdue) and contact',
      /Active\s+since 1 April 2012/.test(main) && /1 April 2018\s*Overdue/.test(main) && main.includes('alex@example.org'),
      main.slice(0, 500));
    await axeCheck(page, 'compacts: Compact page');
    await screenshot(page, 'compact');

    await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Change status' }).click()]);
    await axeCheck(page, 'compacts: status form');
    await page.check('#status-inactive');
    await page.fill('#date-day', '31');
    await page.fill('#date-month', '3');
    await page.fill('#date-year', '2019');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Change the status' }).click()]);
    const after = await page.locator('main').innerText();
    check('compacts: the status change shows on its page, with the history',
      /Inactive\s+since 31 March 2019/.test(after) && !/Overdue/.test(after.split('Key contacts')[0]), after.slice(0, 400));
    await axeCheck(page, 'compacts: Compact page after a status change');

    await page.goto(url('/compacts?q=Kent'));
    await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Kent Compact (demo)' }).click()]);
    check('compacts: a demo Compact says it is demonstration data',
      (await page.locator('.govuk-warning-text').innerText()).includes('This is demonstration data'));
    check('compacts: no Change links on a Compact the coordinator does not coordinate',
      (await page.getByRole('link', { name: /^Change/ }).count()) === 0);
    await axeCheck(page, 'compacts: demo Compact page');
    await screenshot(page, 'compact-demo');
  } finally {
    await ctx.close();
  }
}
