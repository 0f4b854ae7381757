// Browser journey of the annual survey (SPEC section 7): an admin opens a round and downloads
// invitation codes for a Compact; two respondents follow their codes' links through the
// general questionnaire (a section a page, then the check of their answers) and send it (the
// second by pressing Enter); a used code gets its page; the Compact's coordinator answers the benchmark beside the
// register's signatories; answers collected elsewhere are imported with `compact survey
// import`, and the results page shows the headline, a chart and its table. axe-core checks
// every page at 1280 px, and the pages again at 375 px (no sideways scrolling).
//
//   import { surveyJourney } from './survey.mjs';
//   await surveyJourney(browser, baseUrl, { binary, dbPath }, check, { axeCheck, screenshot });
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql as runSql } from '../lib/db.mjs';

const ADMIN = 'survey.admin@browser.test';
const COORD = 'survey.coord@browser.test';
const ORG = String(7000000 + Math.floor(Math.random() * 999999));

export async function surveyJourney(browser, baseUrl, { binary, dbPath } = {}, check, { axeCheck, screenshot = async () => {} } = {}) {
  if (!binary || !dbPath) {
    console.log('# skip survey journey: it makes its people with the CLI, so it needs --binary');
    return;
  }
  const year = new Date().getFullYear();
  const url = (p) => baseUrl + p;
  const pw = `survey horse ${randomBytes(9).toString('base64url')}`;
  for (const [email, role] of [[ADMIN, 'admin'], [COORD, 'coordinator']]) {
    const made = spawnSync(binary, ['user', 'add', email, '--role', role, '--password-stdin', '--db', dbPath], { input: `${pw}\n` });
    if (!check(`survey: ${role} made with \`compact user add\``, made.status === 0, String(made.stderr))) return;
  }
  const sql = await runSql(dbPath, `INSERT INTO compact (name, created_at) VALUES ('Survey Vale Compact', 'x');
    INSERT INTO organisation (org_id, name, sector, type, created_at, updated_at) VALUES
      ('GB-CHC-${ORG}', 'Vale Volunteer Centre', 'vcs', 'charity', 'x', 'x');
    INSERT INTO signatory (compact_id, organisation_id, signed_on, role)
      SELECT c.id, o.id, '2012-04-01', 'Chair' FROM compact c, organisation o
      WHERE c.name = 'Survey Vale Compact' AND o.org_id = 'GB-CHC-${ORG}';
    INSERT INTO compact_coordinator (compact_id, user_id)
      SELECT c.id, u.id FROM compact c, ${dbPath.startsWith('postgres') ? '"user"' : 'user'} u
      WHERE c.name = 'Survey Vale Compact' AND u.email = '${COORD}';
    SELECT id FROM compact WHERE name = 'Survey Vale Compact'`);
  if (!check('survey: a Compact, a signatory and its coordinator put in with SQL', sql.code === 0, sql.stderr)) return;
  const compactId = sql.stdout.trim().split('\n').pop().trim();

  const errors = [];
  const newPage = async (width) => {
    const ctx = await browser.newContext({ viewport: { width, height: 900 }, acceptDownloads: true });
    const page = await ctx.newPage();
    page.setDefaultTimeout(15000);
    page.on('console', (m) => {
      if (m.type() === 'error' && !/status of (400|404|409)/.test(m.text())) errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    return { ctx, page };
  };
  const h1 = async (page) => (await page.locator('h1').first().innerText()).trim();
  const submit = (page, name) => Promise.all([page.waitForNavigation(), page.getByRole('button', { name, exact: true }).click()]);
  const signIn = async (page, email, next) => {
    await page.goto(url(`/login?next=${encodeURIComponent(next)}`));
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Password', { exact: true }).fill(pw);
    await submit(page, 'Sign in');
  };
  const dir = mkdtempSync(join(tmpdir(), 'survey-journey-'));
  let codes = [];

  const admin = await newPage(1280);
  try {
    const page = admin.page;
    await signIn(page, ADMIN, '/surveys');
    check('survey: the admin lands on the surveys page', (await h1(page)) === 'The annual survey of local Compacts', await h1(page));
    await axeCheck(page, 'survey: rounds');
    await page.locator('#year').fill(String(year));
    await page.locator('#opens_on-day').fill('1');
    await page.locator('#opens_on-month').fill('1');
    await page.locator('#opens_on-year').fill(String(year));
    await page.locator('#closes_on-day').fill('31');
    await page.locator('#closes_on-month').fill('12');
    await page.locator('#closes_on-year').fill(String(year));
    await submit(page, 'Open the round');
    check('survey: opening the round says so', (await page.locator('.govuk-notification-banner').innerText()).includes(`The ${year} survey is open`));
    await screenshot(page, 'survey-rounds');
    await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: `Run the ${year} round` }).click()]);
    check('survey: the round\'s page', (await h1(page)) === `Run the ${year} survey`, await h1(page));
    await axeCheck(page, 'survey: run the round');
    await page.getByLabel('Local Compact').selectOption({ label: 'Survey Vale Compact' });
    await page.getByLabel('How many codes').fill('3');
    const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download codes (CSV)' }).click()]);
    const csv = readFileSync(await dl.path(), 'utf8').trim().split(/\r?\n/);
    codes = csv.slice(1).map((l) => l.split(','));
    check('survey: the download holds 3 codes, each with its link', csv[0] === 'code,link' && codes.length === 3 &&
      codes.every(([c, l]) => /^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/.test(c) && l.endsWith(`/surveys/${year}/respond?code=${c}`)), csv.join(' | '));
  } finally {
    await admin.ctx.close();
  }

  // two respondents, each with a code's link
  for (const [i, who] of [[0, { sector: 'Statutory sector', body: 'Local authority', views: 'Agree' }], [1, { sector: 'Voluntary and community sector', views: 'Agree' }]]) {
    const r = await newPage(1280);
    try {
      const page = r.page;
      const link = new URL(codes[i][1]);
      await page.goto(url(link.pathname + link.search));
      check(`survey: respondent ${i + 1} starts at "About you"`, (await h1(page)) === 'About you' &&
        (await page.locator('main').innerText()).includes('Survey Vale Compact'), await h1(page));
      if (i === 0) await axeCheck(page, 'survey: about you');
      if (i === 0) await screenshot(page, 'survey-about');
      await page.getByRole('radio', { name: who.sector }).check();
      if (who.body) await page.getByRole('radio', { name: who.body }).check();
      await submit(page, 'Continue');
      check(`survey: respondent ${i + 1} then gives their views`, (await h1(page)) === 'Your views of the Compact', await h1(page));
      if (i === 0) await axeCheck(page, 'survey: views');
      await page.getByRole('group', { name: /The Compact is important/ }).getByRole('radio', { name: who.views, exact: true }).check();
      await submit(page, 'Continue');
      check(`survey: respondent ${i + 1} then says what would help`, (await h1(page)) === 'What would help', await h1(page));
      if (i === 0) await axeCheck(page, 'survey: what would help');
      await page.getByRole('checkbox', { name: 'More resources' }).check();
      await submit(page, 'Continue');
      check(`survey: respondent ${i + 1} checks their answers`, (await h1(page)) === 'Check your answers before sending them' &&
        (await page.locator('main').innerText()).includes(who.views) && (await page.locator('main').innerText()).includes('More resources'), await h1(page));
      if (i === 0) {
        await axeCheck(page, 'survey: check your answers');
        await screenshot(page, 'survey-check');
        // change a section and come back: the answers ride along
        await submit(page, 'Change your views');
        check('survey: "Change" goes back to the views with the answer kept', (await h1(page)) === 'Your views of the Compact' &&
          await page.getByRole('group', { name: /The Compact is important/ }).getByRole('radio', { name: who.views, exact: true }).isChecked());
        await submit(page, 'Continue');
        await submit(page, 'Continue');
      }
      if (i === 1) {
        // Enter sends the answers: the form of "Send your answers" has it as its first (only)
        // button, each Change being a form of its own. A form's Enter presses its first submit
        // button: a text box typed into and Enter, as any field of the form would have it.
        const send = page.locator('main form', { has: page.getByRole('button', { name: 'Send your answers', exact: true }) });
        const buttons = await send.locator('button').allInnerTexts();
        check('survey: on the check of the answers, the form that sends has no Change button',
          buttons.length === 1 && buttons[0].trim() === 'Send your answers', buttons.join(' | '));
        await send.evaluate((f) => {
          const box = document.createElement('input');
          box.type = 'text';
          box.name = 'enter_test';
          box.setAttribute('aria-label', 'Enter test');
          f.prepend(box);
        });
        await Promise.all([page.waitForNavigation(), page.getByLabel('Enter test').press('Enter')]);
      } else {
        await submit(page, 'Send your answers');
      }
      check(`survey: respondent ${i + 1}'s answers are sent${i === 1 ? ' by pressing Enter' : ''}`, (await h1(page)) === 'Answers sent', await h1(page));
      if (i === 0) {
        await axeCheck(page, 'survey: answers sent');
        await page.goto(url(link.pathname + link.search));
        check('survey: the used code has its page', (await h1(page)) === 'This code has been used', await h1(page));
        await axeCheck(page, 'survey: used code');
        await page.goto(url(`/surveys/${year}/respond?code=ABCD-EFGH-JKMN`));
        check('survey: an unknown code has its page, with a box to type the code', (await h1(page)) === 'We do not recognise this code' &&
          (await page.getByLabel('Your invitation code').count()) === 1, await h1(page));
        await axeCheck(page, 'survey: unknown code');
      }
    } finally {
      await r.ctx.close();
    }
  }

  // the coordinator's benchmark
  const coord = await newPage(1280);
  try {
    const page = coord.page;
    await signIn(page, COORD, `/surveys/${year}/benchmark`);
    check('survey: the coordinator chooses their Compact', (await h1(page)) === 'Which Compact\'s benchmark?', await h1(page));
    await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Survey Vale Compact' }).click()]);
    check('survey: the benchmark shows the register\'s signatories', (await h1(page)) === 'Benchmarking survey' &&
      (await page.locator('.govuk-inset-text').innerText()).includes('Vale Volunteer Centre'), await h1(page));
    await axeCheck(page, 'survey: benchmark');
    await screenshot(page, 'survey-benchmark');
    await page.getByRole('radio', { name: 'Voluntary and community sector' }).check();
    await page.getByRole('radio', { name: 'Every month' }).check();
    await page.getByRole('checkbox', { name: 'The council' }).check();
    await submit(page, 'Send the benchmark answers');
    check('survey: the benchmark is sent', (await h1(page)) === 'Answers sent', await h1(page));
  } finally {
    await coord.ctx.close();
  }

  // answers collected elsewhere, then the results
  const file = join(dir, 'answers.csv');
  const lines = ['questionnaire,sector,body_type,compact_id,importance'];
  for (let i = 0; i < 10; i++) lines.push(`general,vcs,,${compactId},${i < 8 ? 'agree' : i < 9 ? 'neither' : 'disagree'}`);
  writeFileSync(file, lines.join('\n') + '\n');
  const imp = spawnSync(binary, ['survey', 'import', '--year', String(year), file, '--db', dbPath]);
  check('survey: 10 answers imported with `compact survey import`', imp.status === 0, String(imp.stderr));
  rmSync(dir, { recursive: true, force: true });

  for (const width of [1280, 375]) {
    const v = await newPage(width);
    try {
      const page = v.page;
      await page.goto(url(`/surveys/${year}`));
      const lead = (await page.locator('.govuk-body-l').innerText()).trim();
      check(`survey: at ${width} px the results page shows the headline`,
        new RegExp(`^In the ${year} survey, 83% of respondents agreed that the Compact is important`).test(lead), lead);
      check(`survey: at ${width} px each question has a chart and its table`,
        (await page.locator('.app-chart svg').count()) >= 5 && (await page.locator('table.govuk-table').count()) >= 5);
      check(`survey: at ${width} px the page does not scroll sideways`,
        await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth));
      await axeCheck(page, `survey: results at ${width} px`);
      await screenshot(page, `survey-results-${width}`);
      if (width === 375) {
        const link = new URL(codes[2][1]);
        await page.goto(url(link.pathname + link.search));
        check('survey: at 375 px "About you" fits', (await h1(page)) === 'About you' &&
          await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth));
        await axeCheck(page, 'survey: about you at 375 px');
        await screenshot(page, 'survey-about-375');
      }
    } finally {
      await v.ctx.close();
    }
  }
  check('survey: no console errors', errors.length === 0, errors.slice(0, 5).join(' | '));
}
