// The register's journey end to end, as the issue tells it: a coordinator signs in, creates a
// local Compact for Gloucestershire, adds two signatories through the form (the county council
// and a charity the coordinator adds to the register first), and sees the coverage map change:
// Stroud's hex, not covered before, is covered through its county after. The Compact then shows
// on the organisation's page and on Stroud's authority page. axe-core runs on every page.
import { randomBytes } from 'node:crypto';
import { runInput } from '../e2e/auth.mjs';

const EMAIL = 'register-coordinator@browser.test';
const STROUD = 'E07000082';

// The state the coverage map gives an authority's hex: the symbol its <use> draws.
async function hexState(page, gss) {
  const use = page.locator(`svg a[href="/authorities/${gss}"] use`);
  if ((await use.count()) !== 1) return `no hex (${await use.count()})`;
  return (await use.getAttribute('href')).replace(/^#cov-/, '');
}

async function submit(page, name) {
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name, exact: true }).click()]);
}

export async function registerJourney(browser, baseUrl, { binary, dbPath } = {}, check, { axeCheck, screenshot = async () => {} } = {}) {
  if (!binary || !dbPath) {
    console.log('# skip register journey: it makes its coordinator with the CLI, so it needs --binary');
    return;
  }
  const url = (p) => baseUrl + p;
  const password = `register fern ${randomBytes(9).toString('base64url')}`;
  const made = await runInput(binary, ['user', 'add', EMAIL, '--role', 'coordinator', '--name', 'Robin Coordinator',
    '--password-stdin', '--db', dbPath], `${password}\n`);
  if (!check('register: a coordinator is made with `compact user add`', made.code === 0, made.stderr)) return;

  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await ctx.newPage();
  page.setDefaultTimeout(15000);
  try {
    await page.goto(url('/coverage'));
    const before = await hexState(page, STROUD);
    check('register: before, Stroud\'s hex on the map is not covered', before === 'not_covered', before);
    await axeCheck(page, 'register: coverage before');

    await page.goto(url('/login'));
    await page.getByLabel('Email address').fill(EMAIL);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await submit(page, 'Sign in');
    check('register: the coordinator is signed in', (await page.locator('.govuk-service-navigation').innerText()).includes('Sign out'));

    await page.getByRole('link', { name: 'Local Compacts' }).first().click();
    await page.waitForURL(/\/compacts$/);
    await axeCheck(page, 'register: the list of Compacts');
    await submit(page, 'Add a local Compact');
    await page.fill('#name', 'Gloucestershire Compact');
    await page.getByLabel('Authorities it covers').fill('Gloucestershire');
    await page.check('#status-active');
    await page.fill('#status_date-day', '1');
    await page.fill('#status_date-month', '10');
    await page.fill('#status_date-year', '2024');
    await page.fill('#adopted-day', '1');
    await page.fill('#adopted-month', '10');
    await page.fill('#adopted-year', '2024');
    await axeCheck(page, 'register: the new Compact form, filled in');
    await submit(page, 'Add the Compact');
    const compactPath = new URL(page.url()).pathname;
    check('register: the new Compact\'s page opens', /^\/compacts\/\d+$/.test(compactPath) &&
      (await page.locator('h1').innerText()) === 'Gloucestershire Compact', page.url());
    check('register: nobody has signed it yet', (await page.locator('main').innerText()).includes('No organisation has signed this Compact yet'));

    // A charity the register does not know yet: the coordinator adds it.
    await page.goto(url('/organisations/new'));
    await page.fill('#name', 'Stroud Valleys Community Network');
    await page.fill('#org_id', 'GB-CHC-1099999');
    await page.selectOption('#type', 'vcs_infrastructure');
    await axeCheck(page, 'register: a new organisation, filled in');
    await submit(page, 'Add the organisation');
    check('register: the charity is in the register', (await page.locator('h1').innerText()) === 'Stroud Valleys Community Network', page.url());

    const sign = async (org, orgName, day, role) => {
      await page.goto(url(compactPath));
      await page.getByRole('link', { name: 'Add a signatory' }).click();
      await page.waitForURL(/\/signatories\/new$/);
      await page.getByLabel('Find the organisation').fill(org);
      await submit(page, 'Search');
      await page.getByRole('radio', { name: orgName }).check();
      await submit(page, 'Continue');
      await page.getByLabel('Day').fill(String(day));
      await page.getByLabel('Month').fill('10');
      await page.getByLabel('Year').fill('2024');
      await page.getByLabel('Who signed for it?').fill(role);
      await axeCheck(page, `register: signing for ${org}`);
      await submit(page, 'Add the signatory');
    };
    await sign('GB-LAE-GLS', 'Gloucestershire County Council', 1, 'Leader of the Council');
    await sign('GB-CHC-1099999', 'Stroud Valleys Community Network', 2, 'Chair of Trustees');
    await page.goto(url(compactPath));
    const rows = page.locator('main table.govuk-table').filter({ hasText: 'Signed' }).locator('tbody tr');
    const text = await page.locator('main').innerText();
    check('register: the Compact\'s page lists its two signatories',
      (await rows.count()) === 2 && text.includes('Gloucestershire County Council') && text.includes('Stroud Valleys Community Network'),
      `${await rows.count()} rows`);
    await axeCheck(page, 'register: the Compact with two signatories');
    await screenshot(page, 'register-compact');

    await page.goto(url('/coverage'));
    const after = await hexState(page, STROUD);
    check('register: after, Stroud\'s hex is covered (through its county)', after === 'covered', after);
    const title = await page.locator(`svg a[href="/authorities/${STROUD}"] title`).textContent();
    check('register: the hex says which Compact covers it', /Gloucestershire Compact.*through its county/.test(title), title);
    await axeCheck(page, 'register: coverage after');
    await screenshot(page, 'register-coverage');

    await page.goto(url('/organisations/GB-CHC-1099999'));
    check('register: the charity\'s page shows the Compact it signed',
      (await page.getByRole('link', { name: 'Gloucestershire Compact' }).count()) === 1);
    await axeCheck(page, 'register: the charity\'s page');

    await page.goto(url(`/authorities/${STROUD}`));
    const local = await page.locator('main').innerText();
    check('register: Stroud\'s page names the Compact (through its county) and its signatories',
      /Gloucestershire Compact\s*\(through its county\)/.test(local) && local.includes('Stroud Valleys Community Network'), local.slice(0, 400));
    await axeCheck(page, 'register: Stroud\'s page');
  } catch (e) {
    check('register: the journey runs to the end', false, e.message.split('\n')[0]);
  } finally {
    await ctx.close();
  }
}
