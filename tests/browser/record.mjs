// Browser journey of a commissioner who records their check: signed out, they check a planned
// funding cut against the Leeds Compact (not the first Compact by name: Birmingham's is), are
// told that signing in lets them record it, sign in, come back to the same result with their
// answers, record it (a title, the charity found by name through the search step, the amount
// and the date of the decision), land on the activity's page naming the Leeds Compact, print
// it, change its title and withdraw it with a reason. At 1280 and 375 pixels wide, axe-core on
// every page, and no page wider than the screen.
//
//   import { recordJourney } from './record.mjs';
//   await recordJourney(browser, baseUrl, { binary, dbPath }, check, { axeCheck, screenshot });
//
// The commissioner (a member for Leeds City Council), an admin, both Compacts and the charity
// are made with the command line and the API, so against a bare BASE_URL the journey is
// skipped (and says so).
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';

const MEMBER = 'commissioner.record@browser.test';
const ADMIN = 'admin.record@browser.test';
const CHARITY = { org_id: 'GB-CHC-5557333', name: 'Leeds Advice Network', type: 'charity' };

// The answers of a planned cut: notice given on 1 November 2026 for funding ending on
// 31 January 2027, in writing.
async function answerTheCheck(page, compactName) {
  await page.check('#change');
  await page.fill('#effective_date-day', '31');
  await page.fill('#effective_date-month', '1');
  await page.fill('#effective_date-year', '2027');
  await page.fill('#notice_date-day', '1');
  await page.fill('#notice_date-month', '11');
  await page.fill('#notice_date-year', '2026');
  await page.check('#notice_in_writing');
  await page.getByLabel('Which local Compact applies?').selectOption({ label: compactName });
}

export async function recordJourney(browser, baseUrl, { binary, dbPath } = {}, check, { axeCheck, screenshot = async () => {} } = {}) {
  if (!binary || !dbPath) {
    console.log('# skip record journey: it makes its people with the CLI, so it needs --binary');
    return;
  }
  const url = (p) => baseUrl + p;
  const password = `browser horse ${randomBytes(9).toString('base64url')}`;
  const cli = (args, input) => spawnSync(binary, [...args, '--db', dbPath], { input });
  const member = cli(['user', 'add', MEMBER, '--role', 'member', '--org', 'GB-LAE-LDS', '--name', 'Priya Shah', '--password-stdin'], `${password}\n`);
  const admin = cli(['user', 'add', ADMIN, '--role', 'admin', '--password-stdin'], `${password}\n`);
  const token = cli(['token', 'add', ADMIN]);
  if (!check('record: a commissioner (a member for Leeds City Council) and an admin are made with `compact user add`',
    member.status === 0 && admin.status === 0 && token.status === 0, `${member.stderr}${admin.stderr}${token.stderr}`)) return;
  const bearer = String(token.stdout).trim().split('\n').pop();
  const api = (path, body) => fetch(url(path), {
    method: 'POST', body: JSON.stringify(body),
    headers: { Authorization: `Bearer ${bearer}`, 'Content-Type': 'application/json' },
  });
  // One after another, as a person would: the journey is about recording, not about writes at
  // the same moment (a 503 with Retry-After is the server's answer to a conflict it could not
  // settle in its retries; seen once on PostgreSQL under the load of the whole suite).
  const made = [];
  made.push(await api('/api/v1/compacts', { name: 'Birmingham Compact', authorities: ['E08000025'], status: 'active', status_date: '2012-04-01' }));
  made.push(await api('/api/v1/compacts', { name: 'Leeds Compact', authorities: ['E08000035'], status: 'active', status_date: '2012-04-01' }));
  made.push(await api('/api/v1/organisations', CHARITY));
  if (!check('record: the Birmingham and Leeds Compacts and a Leeds charity are made through the API',
    made.every((r) => r.status === 201), made.map((r) => r.status).join(' '))) return;
  const leeds = (await made[1].json()).id;

  for (const width of [1280, 375]) {
    await journeyAt(browser, width, { url, password, leeds, check, axeCheck, screenshot, bearer });
  }
}

async function journeyAt(browser, width, { url, password, leeds, check, axeCheck, screenshot, bearer }) {
  const at = `record (${width}px)`;
  const context = await browser.newContext({ viewport: { width, height: 900 } });
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
  const main = () => page.locator('main').innerText();
  // Every page: axe and no console errors; the record's own pages (not the check's result or
  // the sign-in page, which are others') no wider than the screen either.
  const look = async (name, own = true) => {
    await axeCheck(page, `${at}: ${name}`);
    const errs = errors.splice(0);
    check(`${at}: ${name}: no console errors`, errs.length === 0, errs.slice(0, 5).join(' | '));
    if (own) {
      const wide = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      check(`${at}: ${name}: no wider than the screen`, wide <= 0, `${wide}px too wide`);
    }
    await screenshot(page, `record-${width}-${name.replace(/[^a-z0-9]+/gi, '-')}`);
  };
  const title = width === 1280 ? 'End of the advice network grant' : 'Advice network grant cut';

  try {
    // Signed out: the check, against the Leeds Compact.
    await page.goto(url('/checks/funding_change'));
    const options = await page.getByLabel('Which local Compact applies?').locator('option').allInnerTexts();
    const named = options.filter((o) => !o.startsWith('None'));
    check(`${at}: the Leeds Compact is offered, and is not the first by name`,
      named.includes('Leeds Compact') && named[0] !== 'Leeds Compact', named.join(', '));
    await answerTheCheck(page, 'Leeds Compact');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Check', exact: true }).click()]);
    const result = new URL(page.url());
    check(`${at}: the result of the check against the Leeds Compact`,
      result.pathname === '/checks/funding_change/result' && result.searchParams.get('compact') === String(leeds), page.url());
    const signedOut = await main();
    check(`${at}: signed out, the result says that signing in lets you record it in the Leeds Compact`,
      /Signing in lets you record this check/.test(signedOut) && signedOut.includes("Leeds Compact's record"), signedOut.slice(-600));
    await look('result signed out', false);

    // Signing in comes back to the result, answers and all.
    await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Sign in to record it' }).click()]);
    check(`${at}: the link leads to the sign-in page`, new URL(page.url()).pathname === '/login', page.url());
    await look('sign in', false);
    await page.getByLabel('Email address').fill(MEMBER);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Sign in', exact: true }).click()]);
    const back = new URL(page.url());
    check(`${at}: signing in returns to the same result, its answers in the address`,
      back.pathname === result.pathname && back.search === result.search, `${page.url()} (was ${result})`);
    check(`${at}: the answers are kept: "Change your answers" carries them`,
      (await page.getByRole('link', { name: 'Change your answers' }).getAttribute('href')).includes('notice_date-month=11'));
    const offer = page.getByRole('button', { name: 'Record it in Leeds Compact' });
    check(`${at}: signed in, the result offers to record it in the Leeds Compact (no other Compact to choose)`,
      (await offer.count()) === 1 && (await page.locator('select[name="compact"]').count()) === 0);
    await look('result signed in', false);

    // The record form: the Compact checked is the one it goes in.
    await Promise.all([page.waitForNavigation(), offer.click()]);
    const form = await main();
    check(`${at}: the record form says it goes in the Leeds Compact`,
      /Local Compact\s+Leeds Compact/.test(form) && !form.includes('Birmingham'), form.slice(0, 400));
    await look('record form');
    allow400 = true;
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Record it in Leeds Compact' }).click()]);
    const summary = page.locator('.govuk-error-summary');
    const said = (await summary.count()) ? await summary.innerText() : '';
    check(`${at}: recording with nothing filled in brings the error summary`,
      said.includes('Enter a title') && said.includes('Enter the name of the organisation affected') &&
        said.includes('Enter the date of the decision'), said);
    check(`${at}: the title says there is an error`, (await page.title()).startsWith('Error: '));
    await look('record form with errors');

    // The charity, found by name: the search step.
    await page.getByLabel('Title').fill(title);
    await page.getByLabel('Which organisation does it affect?').fill('advice net');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Search', exact: true }).click()]);
    const found = page.getByRole('radio', { name: 'Leeds Advice Network' });
    check(`${at}: searching for part of the name lists the charity to choose`, (await found.count()) === 1);
    check(`${at}: the title typed is kept through the search`, (await page.getByLabel('Title').inputValue()) === title);
    await look('record form with the search');
    await found.check();
    await page.getByLabel(/How much funding ends or is reduced/).fill('12,500');
    await page.getByLabel('Day').fill('15');
    await page.getByLabel('Month').fill('1');
    await page.getByLabel('Year').fill('2027');
    allow400 = false;
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Record it in Leeds Compact' }).click()]);
    const activityPath = new URL(page.url()).pathname;
    check(`${at}: recording lands on the activity's page, under the Leeds Compact`,
      new RegExp(`^/compacts/${leeds}/activities/\\d+$`).test(activityPath), page.url());
    const banner = page.locator('.govuk-notification-banner--success');
    check(`${at}: a banner confirms what was saved and where`,
      (await banner.count()) === 1 && (await banner.innerText()).includes('Recorded in Leeds Compact') &&
        (await banner.innerText()).includes(title));
    const shown = await main();
    check(`${at}: the page shows the title, the Compact, the charity, the amount and the date in full`,
      (await page.locator('h1').innerText()) === title && /Local Compact\s+Leeds Compact/.test(shown) &&
        shown.includes('Leeds Advice Network') && shown.includes('£12,500.00') && shown.includes('15 January 2027') &&
        shown.includes('Priya Shah'), shown.slice(0, 800));
    check(`${at}: its findings are listed, a card each`, (await page.locator('main .govuk-summary-card').count()) >= 1);
    // The findings read as the result page's do: dates as people write them, a plan's verdicts
    // as a plan's (the decision, 15 January 2027, is still to come), each commitment once, and
    // what can still be done.
    check(`${at}: the activity's page writes no date as 2027-01-15`, !/\b\d{4}-\d{2}-\d{2}\b/.test(shown),
      (shown.match(/.{0,60}\b\d{4}-\d{2}-\d{2}\b.{0,20}/) || [''])[0]);
    const headings = await page.locator('main .govuk-summary-card__title').allInnerTexts();
    const numbers = headings.map((h) => h.trim().split(' ')[0]);
    check(`${at}: each commitment's number once on the activity's page`,
      numbers.length > 0 && new Set(numbers).size === numbers.length, numbers.join(', '));
    if (Date.now() < Date.parse('2027-01-15')) {
      check(`${at}: the planned cut "would not keep" the Compact, never "Breach", with what to do`,
        /Overall\s+Would not keep/.test(shown) && !shown.includes('Breach') && shown.includes('To keep it:') &&
          !shown.includes('Complain about it'), shown.slice(0, 1200));
    }
    const json = await (await fetch(url(`/api/v1${activityPath}`), { headers: { Authorization: `Bearer ${bearer}` } })).json();
    check(`${at}: the API has it in the Leeds Compact, for the charity, recorded for Leeds City Council`,
      json.compact?.name === 'Leeds Compact' && json.organisation?.org_id === CHARITY.org_id && json.amount === 12500 &&
        json.decision_date === '2027-01-15' && json.recorded_for?.org_id === 'GB-LAE-LDS', JSON.stringify(json).slice(0, 400));
    await look('activity page');

    // Printed for a committee report: the content alone.
    await page.emulateMedia({ media: 'print' });
    const hidden = async (sel) => (await page.locator(sel).count()) > 0 && !(await page.locator(sel).first().isVisible());
    const chrome = await Promise.all(['.govuk-template__header', '.govuk-service-navigation', '.govuk-breadcrumbs',
      '.govuk-template__footer', 'main .govuk-button', '.govuk-notification-banner'].map(hidden));
    check(`${at}: printed, the header, navigation, breadcrumbs, footer, buttons and banner are left out`,
      chrome.every(Boolean), String(chrome));
    check(`${at}: printed, the findings and the dates are there`,
      (await page.locator('main .govuk-summary-card').first().isVisible()) && (await main()).includes('15 January 2027'));
    await screenshot(page, `record-${width}-printed`);
    await page.emulateMedia({ media: 'screen' });

    // Their home lists it by its title, a plan's verdict in a plan's words, linked to its page.
    await page.goto(url('/'));
    const listed = page.locator('main tr', { has: page.getByRole('link', { name: title, exact: true }) });
    const row = (await listed.count()) ? (await listed.first().innerText()).replace(/\s+/g, ' ') : '';
    check(`${at}: their home lists the activity by its title, as a funding change in the Leeds Compact`,
      row.includes('(Funding change)') && row.includes('Leeds Compact') &&
        (await listed.first().getByRole('link', { name: title, exact: true }).getAttribute('href')) === activityPath, row);
    if (Date.now() < Date.parse('2027-01-15')) {
      check(`${at}: on their home the planned cut "would not keep" the Compact, not "Breach"`,
        row.includes('Would not keep') && !row.includes('Breach'), row);
    }
    await look('home with the activity');

    // The Compact's compliance page lists it the same way, and says how its figures count a plan.
    await page.goto(url(`/compacts/${leeds}/compliance`));
    const entry = page.locator('main tr', { has: page.getByRole('link', { name: title, exact: true }) });
    const entryText = (await entry.count()) ? (await entry.first().innerText()).replace(/\s+/g, ' ') : '';
    check(`${at}: the compliance page lists it by its title, with the charity`,
      entryText.includes('(Funding change)') && entryText.includes('Leeds Advice Network'), entryText);
    if (Date.now() < Date.parse('2027-01-15')) {
      check(`${at}: the compliance page says the planned cut "would not keep", and how its figures count a plan`,
        entryText.includes('Would not keep') &&
          (await page.locator('main .govuk-inset-text', { hasText: 'decisions still to come' }).count()) === 1, entryText);
    }
    await look('compliance with the activity');
    await page.goto(url(activityPath));

    // Changing it: the form is filled in with what was recorded.
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Change the record' }).click()]);
    check(`${at}: the change form is pre-filled`,
      (await page.getByLabel('Title').inputValue()) === title && (await page.getByLabel('Year').inputValue()) === '2027' &&
        (await main()).includes('Leeds Advice Network'));
    await look('change form');
    allow400 = true;
    await page.getByLabel('Title').fill('');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Save the changes' }).click()]);
    check(`${at}: an empty title brings the error summary`,
      (await page.locator('.govuk-error-summary').innerText()).includes('Enter a title'));
    await look('change form with an error');
    allow400 = false;
    const newTitle = `${title} (revised)`;
    await page.getByLabel('Title').fill(newTitle);
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Save the changes' }).click()]);
    check(`${at}: saving the change returns to the activity with its new title and a banner`,
      new URL(page.url()).pathname === activityPath && (await page.locator('h1').innerText()) === newTitle &&
        (await page.locator('.govuk-notification-banner--success').innerText()).includes('Your changes have been saved'));
    await look('activity page changed');

    // Withdrawing it: a reason, kept; it stays, marked withdrawn.
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Withdraw it' }).click()]);
    check(`${at}: withdrawing asks for a reason`, (await page.locator('h1').innerText()) === 'Withdraw this record');
    await look('withdraw page');
    allow400 = true;
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Withdraw it' }).click()]);
    check(`${at}: withdrawing without a reason brings the error summary`,
      (await page.locator('.govuk-error-summary').innerText()).includes('Enter why it is withdrawn'));
    await look('withdraw page with an error');
    allow400 = false;
    await page.getByLabel('Why is it withdrawn?').fill('The cut did not go ahead: the grant continues.');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Withdraw it' }).click()]);
    const withdrawn = await main();
    check(`${at}: the withdrawn activity shows as withdrawn, with when and why`,
      new URL(page.url()).pathname === activityPath && withdrawn.includes('Withdrawn on') &&
        withdrawn.includes('by Priya Shah') && withdrawn.includes('The cut did not go ahead: the grant continues.'),
      withdrawn.slice(0, 600));
    check(`${at}: a withdrawn activity can no longer be changed`,
      (await page.getByRole('button', { name: 'Change the record' }).count()) === 0);
    const findings = await (await fetch(url(`/api/v1/compacts/${leeds}/findings.csv`), { headers: { Authorization: `Bearer ${bearer}` } })).text();
    const id = activityPath.split('/').pop();
    check(`${at}: it leaves the Compact's compliance figures`,
      !findings.split('\r\n').some((l) => l.startsWith(`${id},`)), findings.slice(0, 300));
    await look('activity page withdrawn');
  } finally {
    await context.close();
  }
}
