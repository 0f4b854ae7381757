// Browser journey of a coordinator of the register: signs in, opens a Compact's signatories,
// adds two organisations through the form, each found by searching and chosen from the
// matches (the first with a mistake the error summary points out, then fixed), and records
// that one withdrew; axe-core checks every page on the way.
//
//   import { signatoriesJourney } from './signatories.mjs';
//   await signatoriesJourney(browser, baseUrl, { binary, dbPath }, check, { axeCheck, screenshot });
//
// The admin, the Compact and the organisations are made with the command line and SQL on
// the server's database (sqlite3 or psql, tests/lib/db.mjs), so against a bare BASE_URL the journey is skipped (and says so).
import { randomBytes } from 'node:crypto';
import { sql as runSql } from '../lib/db.mjs';

const EMAIL = 'signatories.admin@browser.test';

export async function signatoriesJourney(browser, baseUrl, { binary, dbPath } = {}, check, { axeCheck, screenshot = async () => {} } = {}) {
  if (!binary || !dbPath) {
    console.log('# skip signatories journey: it makes its data with the CLI, so it needs --binary');
    return;
  }
  const url = (p) => baseUrl + p;
  const password = `browser horse ${randomBytes(9).toString('base64url')}`;
  const { spawnSync } = await import('node:child_process');
  const made = spawnSync(binary, ['user', 'add', EMAIL, '--role', 'admin', '--password-stdin', '--db', dbPath], { input: `${password}\n` });
  if (!check('signatories: an admin is made with `compact user add`', made.status === 0, String(made.stderr))) return;
  const sql = await runSql(dbPath, `INSERT INTO compact (name, created_at) VALUES ('Browser Compact', 'x');
    INSERT INTO organisation (org_id, name, sector, type, created_at, updated_at) VALUES
      ('GB-CHC-5551111', 'Friends of Longford Park', 'vcs', 'charity', 'x', 'x');
    SELECT id FROM compact WHERE name = 'Browser Compact'`);
  if (!check('signatories: a Compact and a charity are put in with SQL (the council is in the reference data)', sql.code === 0, sql.stderr)) return;
  const list = `/compacts/${sql.stdout.trim()}/signatories`;

  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(15000);
  const errors = [];
  let allow400 = false;
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    if (allow400 && /status of 400/.test(m.text())) return; // a form answered with its errors
    errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  const noErrors = (name) => {
    const errs = errors.splice(0);
    check(`${name}: no console errors`, errs.length === 0, errs.slice(0, 5).join(' | '));
  };
  const rows = () => page.locator('table.govuk-table tbody tr');
  // The first step of "Add a signatory": search, choose among the matches, continue.
  const find = async (search, name) => {
    await page.getByLabel('Find the organisation').fill(search);
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Search' }).click()]);
    await page.getByRole('radio', { name }).check();
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Continue' }).click()]);
  };

  try {
    await page.goto(url(`/login?next=${encodeURIComponent(list)}`));
    await page.getByLabel('Email address').fill(EMAIL);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Sign in', exact: true }).click()]);
    check('signatories: signing in leads to the signatories page', new URL(page.url()).pathname === list, `at ${page.url()}`);
    check('signatories: it says nobody has signed yet', (await page.locator('main').innerText()).includes('No organisation has signed'));
    await axeCheck(page, 'signatories: empty list');
    noErrors('signatories: empty list');

    // The first, with the role forgotten.
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Add a signatory' }).click()]);
    check('signatories: "Add a signatory" opens the form', (await page.locator('h1').innerText()).trim() === 'Add a signatory');
    await axeCheck(page, 'signatories: add form');
    await find('GB-CHC-5551111', 'Friends of Longford Park');
    check('signatories: the organisation chosen is shown', (await page.locator('main dl').innerText()).includes('Friends of Longford Park'));
    await page.getByLabel('Day').fill('1');
    await page.getByLabel('Month').fill('4');
    await page.getByLabel('Year').fill('2012');
    allow400 = true;
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Add the signatory' }).click()]);
    const summary = page.locator('.govuk-error-summary');
    check('signatories: a missing role brings the error summary', (await summary.count()) === 1 &&
      (await summary.innerText()).includes('Enter the role of the person who signed'));
    check('signatories: the title says there is an error', (await page.title()).startsWith('Error: '));
    check('signatories: the answers given are kept', (await page.locator('main dl').innerText()).includes('Friends of Longford Park') &&
      (await page.getByLabel('Year').inputValue()) === '2012');
    await axeCheck(page, 'signatories: add form with an error');
    await screenshot(page, 'signatory-error');
    await summary.getByRole('link', { name: 'Enter the role of the person who signed' }).click();
    check('signatories: the error links to the role field', await page.evaluate(() => document.activeElement && document.activeElement.id === 'role'));
    await page.keyboard.type('Chair of Trustees');
    allow400 = false;
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Add the signatory' }).click()]);
    check('signatories: adding it returns to the list with a success banner', new URL(page.url()).pathname === list &&
      (await page.locator('.govuk-notification-banner--success').innerText()).includes('Signatory added'));
    check('signatories: one row, still signed', (await rows().count()) === 1 && (await rows().first().innerText()).includes('Still signed'));
    await axeCheck(page, 'signatories: list with one');
    noErrors('signatories: the first signatory');

    // The second, by its name.
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Add a signatory' }).click()]);
    await find('Trafford Metropolitan Borough Council', 'Trafford Metropolitan Borough Council');
    await page.getByLabel('Day').fill('15');
    await page.getByLabel('Month').fill('6');
    await page.getByLabel('Year').fill('2012');
    await page.getByLabel('Who signed for it?').fill('Leader of the Council');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Add the signatory' }).click()]);
    check('signatories: the second is listed', (await rows().count()) === 2 &&
      (await page.locator('main').innerText()).includes('Trafford Metropolitan Borough Council'));

    // One withdraws.
    await Promise.all([page.waitForNavigation(),
      page.getByRole('link', { name: 'Withdraw Friends of Longford Park' }).click()]);
    check('signatories: "Withdraw" opens the withdrawal form', (await page.locator('h1').innerText()).trim() === 'Record a withdrawal' &&
      (await page.locator('main').innerText()).includes('Friends of Longford Park'));
    await axeCheck(page, 'signatories: withdrawal form');
    await page.getByLabel('Day').fill('31');
    await page.getByLabel('Month').fill('3');
    await page.getByLabel('Year').fill('2014');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Record the withdrawal' }).click()]);
    check('signatories: the withdrawal is recorded', (await page.locator('.govuk-notification-banner--success').innerText()).includes('Withdrawal recorded'));
    const last = await rows().nth(1).innerText();
    check('signatories: the current one comes first, the withdrawn one after with its date',
      (await rows().first().innerText()).includes('Still signed') && last.includes('Friends of Longford Park') && last.includes('Withdrawn on 31 March 2014'), last);
    await axeCheck(page, 'signatories: list with a withdrawal');
    await screenshot(page, 'signatories');
    noErrors('signatories: after the withdrawal');
  } catch (e) {
    check('signatories: journey completed', false, e.message.split('\n')[0]);
  } finally {
    await context.close();
  }
}
