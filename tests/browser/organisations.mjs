// Browser journey through the organisations: the list (every council is there), a search, one
// organisation's page; then a coordinator, made with the command line, signs in, adds an
// organisation with a mistake in its org-id, is told, corrects it and lands on its page, and
// opens the form that changes it. axe-core checks every page.
//
//   import { organisationsJourney } from './organisations.mjs';
//   await organisationsJourney(browser, baseUrl, { binary, dbPath }, check, { axeCheck, screenshot });
//
// Without binary and dbPath (a bare BASE_URL) the signed-in part is skipped, and says so.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';

const ROWS = 'table.govuk-table tbody tr';
const EMAIL = 'coordinator@organisations.test';

function runInput(binary, args, input) {
  return new Promise((resolve) => {
    const p = spawn(binary, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (out += d));
    p.on('error', (e) => resolve({ code: -1, out: out + String(e) }));
    p.on('close', (code) => resolve({ code, out }));
    p.stdin.on('error', () => {});
    p.stdin.end(input);
  });
}

async function text(locator) {
  return (await locator.innerText()).replace(/\s+/g, ' ').trim();
}

export async function organisationsJourney(browser, baseUrl, { binary, dbPath } = {}, check,
  { axeCheck, screenshot = async () => {} } = {}) {
  const url = (p) => baseUrl + p;
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await ctx.newPage();
  page.setDefaultTimeout(15000);
  const errors = [];
  let allow400 = false;
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    if (allow400 && /status of 400/.test(m.text())) return; // the form page with its errors
    errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  try {
    const councils = await page.goto(url('/organisations?type=council'));
    const councilCaption = await text(page.locator('table.govuk-table caption'));
    check('organisations: every council is listed (364 councils)',
      councils && councils.status() === 200 && /^364 organisations/.test(councilCaption), councilCaption);
    const res = await page.goto(url('/organisations'));
    check('organisations: the list answers 200', res && res.status() === 200, `got ${res && res.status()}`);
    check('organisations: the first page shows 50 rows', (await page.locator(ROWS).count()) === 50);
    check('organisations: a next page link', (await page.locator('.govuk-pagination__next a[rel="next"]').count()) === 1);
    await screenshot(page, 'organisations');
    await axeCheck(page, 'organisations: list');

    await page.fill('#q', 'trafford');
    await Promise.all([page.waitForNavigation(), page.click('button:has-text("Search")')]);
    check('organisations: the search keeps what was typed', (await page.inputValue('#q')) === 'trafford');
    check('organisations: searching "trafford" finds its council alone', (await page.locator(ROWS).count()) === 1 &&
      /Trafford Metropolitan Borough Council/.test(await text(page.locator(ROWS).first())));
    await axeCheck(page, 'organisations: search results');

    await page.selectOption('#type', 'charity');
    await Promise.all([page.waitForNavigation(), page.click('button:has-text("Search")')]);
    check('organisations: a search that matches nothing says 0 organisations',
      /^0 organisations/.test(await text(page.locator('table.govuk-table caption'))));

    await page.goto(url('/organisations?q=trafford'));
    await Promise.all([page.waitForNavigation(), page.click(`${ROWS} a`)]);
    check('organisations: the link leads to the council\'s page', new URL(page.url()).pathname === '/organisations/GB-LAE-TRF',
      page.url());
    check('organisations: its page has its name as h1 and a summary list',
      (await text(page.locator('main h1'))) === 'Trafford Metropolitan Borough Council' &&
        (await page.locator('dl.govuk-summary-list .govuk-summary-list__row').count()) >= 5);
    await axeCheck(page, 'organisations: one organisation');

    if (!binary || !dbPath) {
      console.log('# skip the signed-in part of the organisations journey: it needs --binary');
      return;
    }
    const password = `browser horse ${randomBytes(9).toString('base64url')}`;
    const made = await runInput(binary, ['user', 'add', EMAIL, '--role', 'coordinator', '--password-stdin', '--db', dbPath],
      `${password}\n`);
    if (!check('organisations: a coordinator is made with `compact user add`', made.code === 0, made.out.trim())) return;
    await page.goto(url('/login?next=/organisations/new'));
    await page.fill('#email', EMAIL);
    await page.fill('#password', password);
    await Promise.all([page.waitForNavigation(), page.click('button:has-text("Sign in")')]);
    check('organisations: signing in leads on to the form', new URL(page.url()).pathname === '/organisations/new', page.url());
    check('organisations: the form asks for the name first',
      (await text(page.locator('main h1'))) === 'Add an organisation' && (await page.locator('#name').count()) === 1);
    await axeCheck(page, 'organisations: the add form');

    await page.fill('#name', 'Trafford Community Voluntary Service');
    await page.fill('#org_id', 'GB-CHC-12');
    await page.selectOption('#type', 'vcs_infrastructure');
    allow400 = true;
    await Promise.all([page.waitForNavigation(), page.click('button:has-text("Add the organisation")')]);
    const summary = page.locator('.govuk-error-summary');
    check('organisations: a short charity number brings the error summary',
      (await summary.count()) === 1 && /5 to 8 digits/.test(await summary.innerText()));
    check('organisations: the page title says there is an error', (await page.title()).startsWith('Error: '));
    check('organisations: the values are kept', (await page.inputValue('#name')) === 'Trafford Community Voluntary Service' &&
      (await page.inputValue('#org_id')) === 'GB-CHC-12' && (await page.inputValue('#type')) === 'vcs_infrastructure');
    check('organisations: the summary links to the field', (await page.locator('.govuk-error-summary a[href="#org_id"]').count()) === 1);
    await screenshot(page, 'organisation-form-error');
    await axeCheck(page, 'organisations: the form with an error');
    allow400 = false;

    await page.fill('#org_id', 'GB-CHC-1234567');
    await page.fill('#website', 'https://cvs.example');
    await Promise.all([page.waitForNavigation(), page.click('button:has-text("Add the organisation")')]);
    check('organisations: once corrected it is added and its page shown',
      new URL(page.url()).pathname === '/organisations/GB-CHC-1234567' &&
        (await text(page.locator('main h1'))) === 'Trafford Community Voluntary Service', page.url());
    check('organisations: its sector followed its type', /Voluntary and community/.test(await text(page.locator('dl.govuk-summary-list'))));
    await axeCheck(page, 'organisations: the new organisation');

    await Promise.all([page.waitForNavigation(), page.click('a:has-text("Change these details")')]);
    check('organisations: the change form shows what is stored',
      (await page.inputValue('#org_id')) === 'GB-CHC-1234567' && (await page.inputValue('#website')) === 'https://cvs.example');
    await screenshot(page, 'organisation-form-change');
    await axeCheck(page, 'organisations: the change form');
    await page.fill('#name', 'Trafford CVS');
    await Promise.all([page.waitForNavigation(), page.click('button:has-text("Save changes")')]);
    check('organisations: a change is saved', (await text(page.locator('main h1'))) === 'Trafford CVS');
  } finally {
    check('organisations: no console errors', errors.length === 0, errors.slice(0, 5).join(' | '));
    await ctx.close();
  }
}
