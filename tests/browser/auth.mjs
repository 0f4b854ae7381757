// Browser journey of a new user: made with the command line, signs in through the form the way a
// person would (typing, clicking), gets the password wrong once, sees their account, creates an
// API token, reads their history and signs out with the navigation's button; axe-core checks the
// sign-in page (also with its error), the account page (also with the new token) and the history
// page.
//
//   import { authJourney } from './auth.mjs';
//   await authJourney(browser, baseUrl, { binary, dbPath }, check, { axeCheck, screenshot });
//
// check(name, ok, detail) counts a check; axeCheck(page, name) and screenshot(page, name) are
// run.mjs's. The user is made with `binary user add ... --db dbPath`, so the journey needs the
// server's database: against a bare BASE_URL it is skipped (and says so).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import http from 'node:http';

const EMAIL = 'new.person@browser.test';
const WRONG = 'Enter a correct email address and password';

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

function getJson(url, token) {
  return new Promise((resolve) => {
    const req = http.get(url, { headers: { Authorization: `Bearer ${token}` }, agent: false, timeout: 10000 }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => {
        let json = null;
        try {
          json = JSON.parse(body);
        } catch {
          // left null
        }
        resolve({ status: res.statusCode, json });
      });
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve({ status: 0, json: null }));
  });
}

function pathOf(page) {
  const u = new URL(page.url());
  return u.pathname + u.search;
}

async function text(locator) {
  return (await locator.innerText()).replace(/\s+/g, ' ').trim();
}

export async function authJourney(browser, baseUrl, { binary, dbPath } = {}, check, { axeCheck, screenshot = async () => {} } = {}) {
  if (!binary || !dbPath) {
    console.log('# skip auth journey: it makes its user with the CLI, so it needs --binary');
    return;
  }
  const url = (p) => baseUrl + p;
  const password = `browser horse ${randomBytes(9).toString('base64url')}`;
  const made = await runInput(binary, ['user', 'add', EMAIL, '--role', 'member', '--org', 'GB-CHC-321', '--password-stdin', '--db', dbPath], `${password}\n`);
  if (!check('auth: a new member is made with `compact user add`', made.code === 0, made.out.trim())) return;

  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(15000);
  const errors = [];
  let allow400 = false;
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    if (allow400 && /status of 400/.test(m.text())) return; // the error page of a wrong password
    errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  const noErrors = (name) => {
    const errs = errors.splice(0);
    check(`${name}: no console errors`, errs.length === 0, errs.slice(0, 5).join(' | '));
  };

  try {
    // From the home page, the navigation's "Sign in".
    await page.goto(url('/'));
    const signInLink = page.locator('.govuk-service-navigation').getByRole('link', { name: 'Sign in', exact: true });
    check('auth: the navigation offers "Sign in" to nobody', (await signInLink.count()) === 1);
    await Promise.all([page.waitForNavigation(), signInLink.click()]);
    check('auth: "Sign in" leads to /login', new URL(page.url()).pathname === '/login', `at ${pathOf(page)}`);
    check('auth: the sign-in page has one h1 "Sign in"', (await page.locator('h1').allInnerTexts()).join('|').trim() === 'Sign in');
    await screenshot(page, 'login');
    await axeCheck(page, 'sign-in page');
    noErrors('sign-in page');

    // A wrong password: the error summary, the field in error, the link to it.
    const email = page.getByLabel('Email address');
    const pw = page.getByLabel('Password', { exact: true });
    await email.click();
    await page.keyboard.type(EMAIL);
    await pw.click();
    await page.keyboard.type('not my password at all');
    allow400 = true;
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Sign in', exact: true }).click()]);
    const summary = page.locator('.govuk-error-summary');
    check('auth: a wrong password shows the error summary', (await summary.count()) === 1 && (await summary.isVisible()) &&
      (await text(summary)).includes(WRONG), (await summary.count()) ? await text(summary) : 'no summary');
    check('auth: the title starts "Error:"', /^Error: /.test(await page.title()), await page.title());
    check('auth: the email typed is kept, the password is not',
      (await email.inputValue()) === EMAIL && (await pw.inputValue()) === '',
      `email ${JSON.stringify(await email.inputValue())}, password ${(await pw.inputValue()).length} characters`);
    await screenshot(page, 'login-error');
    await axeCheck(page, 'sign-in page with an error');
    await summary.getByRole('link', { name: WRONG }).click();
    check('auth: the error summary link moves focus to the email field',
      await page.evaluate(() => document.activeElement && document.activeElement.id === 'email'));
    allow400 = false;
    noErrors('sign-in page with an error');

    // The right password, typed.
    await pw.click();
    await page.keyboard.type(password);
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    check('auth: signing in lands on the home page', new URL(page.url()).pathname === '/', `at ${pathOf(page)}`);
    await Promise.all([page.waitForNavigation(),
      page.locator('.govuk-service-navigation').getByRole('link', { name: 'Your account' }).click()]);
    check('auth: "Your account" in the navigation leads to /account', new URL(page.url()).pathname === '/account', `at ${pathOf(page)}`);
    const h1 = await page.locator('main h1').allInnerTexts();
    check('auth: the account page says "Your account"', h1.length === 1 && h1[0].trim() === 'Your account', JSON.stringify(h1));
    const summaryList = await text(page.locator('dl.govuk-summary-list'));
    check('auth: the account page shows the email and the role',
      summaryList.includes(EMAIL) && summaryList.includes('Member of an organisation'), summaryList);
    const nav = page.locator('.govuk-service-navigation');
    check('auth: the navigation now offers "Your account" and a "Sign out" button, not "Sign in"',
      (await nav.getByRole('link', { name: 'Your account' }).count()) === 1 &&
        (await nav.getByRole('button', { name: 'Sign out' }).count()) === 1 &&
        (await nav.getByRole('link', { name: 'Sign in', exact: true }).count()) === 0);
    await screenshot(page, 'account');
    await axeCheck(page, 'account page');
    noErrors('account page');

    // A token for a script.
    await page.getByLabel('What the token is for').click();
    await page.keyboard.type('browser script');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Create a token' }).click()]);
    const banner = page.locator('.govuk-notification-banner--success');
    const token = (await page.locator('code.app-token').count()) === 1 ? (await page.locator('code.app-token').innerText()).trim() : '';
    check('auth: "Create a token" shows a success banner with the new token',
      (await banner.count()) === 1 && /^[A-Za-z0-9_-]{43}$/.test(token), `token ${JSON.stringify(token)}`);
    const row = page.locator('table.govuk-table tbody tr', { hasText: 'browser script' });
    check('auth: the token is listed as active', (await row.count()) === 1 && /active/i.test(await text(row)));
    check('auth: the token\'s creation day reads as a date, such as "3 December 2026"',
      /^browser script Created \d{1,2} [A-Z][a-z]+ \d{4} Active/.test(await text(row)), await text(row));
    // On a 320-pixel phone the tokens table fits: nothing in it scrolls sideways, the button to
    // revoke a token in view (issue 13).
    await page.setViewportSize({ width: 320, height: 900 });
    const tokens = await page.locator('table.govuk-table', { hasText: 'browser script' }).evaluate((t) => {
      const r = t.closest('.app-table-region') || t.parentElement;
      const button = t.querySelector('button').getBoundingClientRect();
      return { scroll: r.scrollWidth, client: r.clientWidth, right: Math.round(button.right) };
    });
    check('auth: at 320 px the tokens table fits the screen, "Revoke" in view',
      tokens.scroll <= tokens.client && tokens.right <= 320, JSON.stringify(tokens));
    await screenshot(page, 'account-token-320');
    await page.setViewportSize({ width: 1280, height: 900 });
    await screenshot(page, 'account-token');
    await axeCheck(page, 'account page with a new token');
    noErrors('account page with a new token');
    if (token) {
      const me = await getJson(url('/api/v1/me'), token);
      check('auth: the token works for /api/v1/me', me.status === 200 && me.json && me.json.email === EMAIL, `status ${me.status}`);
    }

    // The history of the account.
    await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'History of your account' }).click()]);
    check('auth: the history link leads to /history/user/...', new URL(page.url()).pathname.startsWith('/history/user/'), `at ${pathOf(page)}`);
    check('auth: the history page has one h1', (await page.locator('h1').count()) === 1);
    check('auth: the history page shows the account being created', /create/i.test(await text(page.locator('main'))));
    await screenshot(page, 'history');
    await axeCheck(page, 'history page');
    noErrors('history page');

    // Sign out with the navigation's button.
    await Promise.all([page.waitForNavigation(), nav.getByRole('button', { name: 'Sign out' }).click()]);
    check('auth: "Sign out" lands on the home page', pathOf(page) === '/', `at ${pathOf(page)}`);
    check('auth: after signing out the navigation offers "Sign in" again',
      (await nav.getByRole('link', { name: 'Sign in', exact: true }).count()) === 1 &&
        (await nav.getByRole('button', { name: 'Sign out' }).count()) === 0);
    const cookies = await context.cookies();
    check('auth: no session cookie is left', !cookies.some((c) => c.name === 'compact_session' && c.value),
      JSON.stringify(cookies.map((c) => c.name)));
    await page.goto(url('/account'));
    check('auth: /account then asks to sign in, to come back after',
      new URL(page.url()).pathname === '/login' && new URL(page.url()).searchParams.get('next') === '/account', `at ${pathOf(page)}`);

    // Signing in from there goes back to the page wanted.
    await page.getByLabel('Email address').fill(EMAIL);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Sign in', exact: true }).click()]);
    check('auth: signing in there returns to /account', pathOf(page) === '/account', `at ${pathOf(page)}`);
    noErrors('sign-in again');
  } catch (e) {
    check('auth: journey completed', false, e.message.split('\n')[0]);
  } finally {
    await context.close();
  }
}
