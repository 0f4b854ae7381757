// Each role lands somewhere useful (issue 13, items 2 and 3). An admin signs in to the national
// picture, opens a Compact and makes a coordinator of it through its page (an unknown email and
// a member's account are refused first, with the error summary); the coordinator signs in to
// their home, which now shows that Compact with its review (overdue), what it still needs, its
// signatories and its latest activity, and follows it to the compliance page: commitments in
// words, the organisation by name, months as "December 2026", the activities linked. A member
// signs in to their organisation: its activities and its funding. An empty compliance page
// says what to do. Every page at 1280 and 375 pixels wide, axe-core on each, none wider than
// the screen.
//
//   import { homesJourney } from './homes.mjs';
//   await homesJourney(browser, baseUrl, { binary, dbPath }, check, { axeCheck, screenshot });
//
// The people are made with the command line, the Compacts, the organisation and the recorded
// activities with SQL (tests/lib/db.mjs, either engine), a grant with `compact import grants`;
// against a bare BASE_URL the journey is skipped, and says so.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql as runSql } from '../lib/db.mjs';
import { run } from '../lib/server.mjs';
import { runInput } from '../e2e/auth.mjs';

const ADMIN = { email: 'homes.admin@browser.test', name: 'Ada Admin', role: 'admin' };
const COORD = { email: 'homes.coordinator@browser.test', name: 'Cora Coordinator', role: 'coordinator' };
const MEMBER = { email: 'homes.member@browser.test', name: 'Mo Member', role: 'member', org: 'GB-CHC-5552222' };
const ORG = 'Friends of Homes Park';
const WIDTHS = [1280, 375];

// A Compact adopted in 2012 (review overdue since 2018), two activities recorded against it
// (a funding change concerning the organisation, with two findings of commitment 4.4; a
// consultation whose feedback is pending), and a Compact with nothing recorded.
const DATA = `INSERT INTO organisation (org_id, name, sector, type, created_at, updated_at) VALUES
    ('${MEMBER.org}', '${ORG}', 'vcs', 'charity', 'x', 'x');
  INSERT INTO compact (name, created_at, adopted, review_due_on) VALUES
    ('Homes Compact', 'x', '2012-04-01', '2018-04-01'), ('Quiet Compact', 'x', NULL, NULL);
  INSERT INTO compact_status (compact_id, date, status)
    SELECT id, '2012-04-01', 'active' FROM compact WHERE name IN ('Homes Compact', 'Quiet Compact');
  INSERT INTO activity (compact_id, org_id, kind, facts, recorded_by, recorded_at, checked_on, overall)
    SELECT id, '${MEMBER.org}', 'funding_change', '{"kind":"funding_change","change":"end"}', 'cli',
      '2026-12-02T10:00:00Z', '2026-12-02', 'breach' FROM compact WHERE name = 'Homes Compact';
  INSERT INTO activity (compact_id, org_id, kind, facts, recorded_by, recorded_at, checked_on, overall)
    SELECT id, NULL, 'consultation', '{"kind":"consultation"}', 'cli',
      '2026-11-20T10:00:00Z', '2026-12-02', 'pending' FROM compact WHERE name = 'Homes Compact';
  INSERT INTO activity_finding (activity_id, rule, verdict, explanation, due_date)
    SELECT id, 'funding.notice', 'breach', 'Notice was given 10 days before the funding ended.', NULL
      FROM activity WHERE kind = 'funding_change' AND org_id = '${MEMBER.org}';
  INSERT INTO activity_finding (activity_id, rule, verdict, explanation, due_date)
    SELECT id, 'funding.reasons', 'met', 'The reasons were given.', NULL
      FROM activity WHERE kind = 'funding_change' AND org_id = '${MEMBER.org}';
  INSERT INTO activity_finding (activity_id, rule, verdict, explanation, due_date)
    SELECT a.id, 'consultation.feedback', 'pending', 'Feedback is due by 15 January 2027.', '2027-01-15'
      FROM activity a JOIN compact c ON c.id = a.compact_id WHERE c.name = 'Homes Compact' AND a.kind = 'consultation';
  SELECT id FROM compact WHERE name IN ('Homes Compact', 'Quiet Compact') ORDER BY name`;

// A grant the organisation received from Trafford, and one it made.
const GRANTS = JSON.stringify({
  grants: [
    { id: '360G-homes-1', title: 'Park volunteers', currency: 'GBP', amountAwarded: 12000, awardDate: '2024-04-01',
      fundingOrganization: [{ id: 'GB-LAE-TRF', name: 'Trafford Council' }],
      recipientOrganization: [{ id: MEMBER.org, name: ORG }] },
    { id: '360G-homes-2', title: 'Bulb planting', currency: 'GBP', amountAwarded: 500, awardDate: '2024-05-01',
      fundingOrganization: [{ id: MEMBER.org, name: ORG }],
      recipientOrganization: [{ id: 'GB-CHC-5553333', name: 'Homes Park Scouts' }] },
  ],
});

async function text(locator) {
  return (await locator.innerText()).replace(/\s+/g, ' ').trim();
}

export async function homesJourney(browser, baseUrl, { binary, dbPath } = {}, check,
  { axeCheck, screenshot = async () => {} } = {}) {
  if (!binary || !dbPath) {
    console.log('# skip homes journey: it makes its people with the CLI, so it needs --binary');
    return;
  }
  const url = (p) => baseUrl + p;
  const password = `browser horse ${randomBytes(9).toString('base64url')}`;
  for (const p of [ADMIN, COORD, MEMBER]) {
    const args = ['user', 'add', p.email, '--role', p.role, '--name', p.name, '--password-stdin', '--db', dbPath];
    if (p.org) args.push('--org', p.org);
    const made = await runInput(binary, args, `${password}\n`);
    if (!check(`homes: ${p.name} (${p.role}) is made with \`compact user add\``, made.code === 0, made.stderr)) return;
  }
  const made = await runSql(dbPath, DATA);
  if (!check('homes: two Compacts, an organisation and recorded activities are put in with SQL', made.code === 0, made.stderr)) return;
  const [compactId, quietId] = made.stdout.trim().split('\n').map((s) => s.trim());
  const dir = mkdtempSync(join(tmpdir(), 'homes-grants-'));
  try {
    writeFileSync(join(dir, 'grants.json'), GRANTS);
    const imported = await run(binary, ['import', 'grants', join(dir, 'grants.json'), '--db', dbPath]);
    if (!check('homes: two grants are imported with the command line', imported.code === 0, imported.stderr)) return;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const compactPath = `/compacts/${compactId}`;

  // One person's browser at width w: signed in, errors collected; 400 answers are expected
  // where a form is sent with a mistake.
  async function signedIn(person, w) {
    const ctx = await browser.newContext({ viewport: { width: w, height: 900 } });
    const page = await ctx.newPage();
    page.setDefaultTimeout(15000);
    page.__errors = [];
    page.__allow = null;
    page.on('console', (m) => {
      if (m.type() !== 'error') return;
      if (page.__allow && page.__allow.test(m.text())) return;
      page.__errors.push(m.text());
    });
    page.on('pageerror', (e) => page.__errors.push(e.message));
    await page.goto(url('/login'));
    await page.getByLabel('Email address').fill(person.email);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Sign in', exact: true }).click()]);
    return { ctx, page };
  }

  // What every page must be: axe-clean, no console errors, no wider than the screen.
  async function looked(page, name, w) {
    await axeCheck(page, `${name} at ${w}px`);
    const { scroll, inner } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
    check(`${name} at ${w}px: no wider than the screen`, scroll <= inner, `scroll width ${scroll} > ${inner}`);
    const errs = page.__errors.splice(0);
    check(`${name} at ${w}px: no console errors`, errs.length === 0, errs.slice(0, 3).join(' | '));
    await screenshot(page, `homes-${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}-${w}`);
  }

  for (const w of WIDTHS) {
    const at = `(${w}px)`;
    const first = w === WIDTHS[0];

    // The admin: the national picture, then the Compact's coordinators.
    {
      const { ctx, page } = await signedIn(ADMIN, w);
      try {
        check(`homes: the admin lands on the home page ${at}`, new URL(page.url()).pathname === '/', page.url());
        const main = await text(page.locator('main'));
        check(`homes: the admin's home is the national picture ${at}`,
          (await text(page.locator('h1'))) === 'The national picture' &&
          /Today [\d,]+ of the [\d,]+ local authorities \([\d.]+%\) are covered by [\d,]+ active local Compacts?\./.test(main), main.slice(0, 400));
        const active = page.locator('table:has(caption:has-text("by their status today")) tbody tr',
          { has: page.locator('a[href="/compacts?status=active"]') });
        check(`homes: the admin sees the Compacts counted by status, each a link to the list ${at}`,
          (await active.count()) === 1 && /^Active [1-9]\d*$/.test(await text(active)), main.slice(0, 600));
        check(`homes: the admin's home links to coverage, the Compacts and the organisations ${at}`,
          (await page.locator('main a[href="/coverage"]').count()) >= 1 &&
          (await page.locator('main a[href="/compacts"]').count()) >= 1 &&
          (await page.locator('main a[href="/organisations"]').count()) >= 1);
        await looked(page, 'admin home', w);

        await page.goto(url(compactPath));
        const section = page.locator('#coordinators');
        check(`homes: the Compact's page has a Coordinators section for the admin ${at}`, (await section.count()) === 1);
        if (first) {
          check('homes: nobody coordinates the Compact yet',
            (await text(page.locator('main'))).includes('Nobody coordinates this Compact yet.'));
          await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Add a coordinator' }).click()]);
          check('homes: "Add a coordinator" opens its form', (await text(page.locator('h1'))) === 'Add a coordinator',
            await text(page.locator('h1')));
          await looked(page, 'add a coordinator', w);

          page.__allow = /status of 400/;
          const field = page.getByLabel('Email address of their account');
          await field.fill('nobody@browser.test');
          await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Add the coordinator' }).click()]);
          const summary = page.locator('.govuk-error-summary');
          check('homes: an unknown email brings the error summary, the title says so and the answer is kept',
            (await summary.count()) === 1 && (await text(summary)).includes('No account has that email address') &&
            (await page.title()).startsWith('Error: ') && (await field.inputValue()) === 'nobody@browser.test',
            await text(page.locator('main')));
          await looked(page, 'add a coordinator: unknown email', w);
          await summary.getByRole('link').first().click();
          check('homes: the error links to the email field',
            await page.evaluate(() => document.activeElement && document.activeElement.id === 'email'));
          await field.fill(MEMBER.email);
          await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Add the coordinator' }).click()]);
          check('homes: a member\'s account is refused: it is not a coordinator\'s',
            (await text(summary)).includes('That account is a member\'s, not a coordinator\'s'), await text(page.locator('main')));
          await looked(page, 'add a coordinator: not a coordinator', w);
          page.__allow = null;

          await field.fill(COORD.email.toUpperCase());
          await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Add the coordinator' }).click()]);
          check('homes: adding the coordinator returns to the Compact\'s page with a success banner',
            new URL(page.url()).pathname === compactPath &&
            (await text(page.locator('.govuk-notification-banner--success'))).includes('Coordinator added'), page.url());
        }
        const row = section.locator('xpath=following-sibling::dl[1]//div[contains(@class, "govuk-summary-list__row")]');
        check(`homes: the Compact's page lists the coordinator by name and email, with Remove ${at}`,
          (await row.count()) === 1 && (await text(row)).includes(COORD.name) && (await text(row)).includes(COORD.email) &&
          (await row.getByRole('button', { name: `Remove ${COORD.name} as a coordinator` }).count()) === 1,
          (await row.count()) ? await text(row) : 'no rows');
        check(`homes: the Compact's page links to its compliance page ${at}`,
          (await page.locator(`main a[href="${compactPath}/compliance"]`).count()) === 1);
        await looked(page, 'compact with a coordinator', w);
      } finally {
        await ctx.close();
      }
    }

    // The coordinator: their Compacts, then the compliance page.
    {
      const { ctx, page } = await signedIn(COORD, w);
      try {
        check(`homes: the coordinator's home is their Compacts ${at}`, (await text(page.locator('h1'))) === 'Your local Compacts');
        const card = page.locator('.govuk-summary-card', { has: page.locator('h2', { hasText: 'Homes Compact' }) });
        check(`homes: the Compact the admin assigned is on the coordinator's home ${at}`, (await card.count()) === 1,
          await text(page.locator('main')));
        const c = await text(card);
        check(`homes: its review is due on 1 April 2018 and overdue ${at}`, /Review due 1 April 2018 Overdue/.test(c), c);
        check(`homes: what it still needs: a review, signatories, the pending step, parameters ${at}`,
          /Review it, then enter the date it was refreshed \(Homes Compact\) ?: its review was due on 1 April 2018/.test(c) &&
          c.includes('Add the organisations that signed it') &&
          /Follow up its recorded activities \(Homes Compact\) ?: 1 step is still to take/.test(c) &&
          c.includes('Set its local parameters'), c);
        check(`homes: its signatories are counted, with a link ${at}`,
          c.includes('0 organisations sign it') && (await card.locator(`a[href="${compactPath}/signatories"]`).count()) === 1, c);
        check(`homes: its latest activities, by kind, day and organisation's name ${at}`,
          c.includes(`Funding change, 2 December 2026 for ${ORG}`) && c.includes('Consultation, 20 November 2026') &&
          !c.includes(MEMBER.org), c);
        check(`homes: a coordinator's home has no Compact they do not coordinate ${at}`,
          (await page.locator('.govuk-summary-card', { hasText: 'Quiet Compact' }).count()) === 0);
        await looked(page, 'coordinator home', w);

        await Promise.all([page.waitForNavigation(),
          card.getByRole('link', { name: 'All its activities and how they keep the Compact (Homes Compact)' }).click()]);
        check(`homes: the card leads to the compliance page ${at}`, new URL(page.url()).pathname === `${compactPath}/compliance`, page.url());
        const main = await text(page.locator('main'));
        check(`homes: the compliance page names commitments by their wording, each once ${at}`,
          main.includes('4.4 Give at least three months\' written notice') &&
          (main.match(/4\.4 Give at least/g) || []).length === 1 && !/funding\.notice|funding\.reasons|consultation\.feedback/.test(main), main);
        check(`homes: organisations by name, not org-id ${at}`, main.includes(ORG) && !main.includes(MEMBER.org), main);
        check(`homes: months as "December 2026" ${at}`, main.includes('December 2026') && main.includes('November 2026') &&
          !/2026-1[12]/.test(main), main);
        const activities = page.locator('table:has(caption:has-text("Activities recorded")) tbody tr');
        check(`homes: the activities are listed, each with a link ${at}`, (await activities.count()) === 2 &&
          (await activities.locator('a[href^="/compacts/"][href*="/activities/"]').count()) === 2, String(await activities.count()));
        check(`homes: the pending step, with its due date ${at}`,
          (await text(page.locator('table:has(caption:has-text("Steps still to take"))'))).includes('15 January 2027'));
        await looked(page, 'compliance', w);
        if (first) {
          const link = activities.first().locator('a').first();
          await Promise.all([page.waitForNavigation(), link.click()]);
          check('homes: an activity\'s link opens where it is shown', (await page.title()) !== '' &&
            /^\/compacts\/\d+\/activities\/\d+$/.test(new URL(page.url()).pathname), page.url());
          await page.goto(url(compactPath));
          check('homes: the coordinator sees the coordinators without "Add a coordinator" or "Remove"',
            (await page.locator('#coordinators').count()) === 1 &&
            (await page.getByRole('link', { name: 'Add a coordinator' }).count()) === 0 &&
            (await page.getByRole('button', { name: /^Remove/ }).count()) === 0);
          page.__allow = /status of 403/;
          const res = await page.goto(url(`${compactPath}/coordinators/new`));
          check('homes: the coordinator may not open the form to add a coordinator (403)', res && res.status() === 403,
            `got ${res && res.status()}`);
          page.__errors.splice(0);
          page.__allow = null;
        }

        await page.goto(url(`/compacts/${quietId}/compliance`));
        const empty = await text(page.locator('main'));
        check(`homes: an empty compliance page says what to do ${at}`,
          empty.includes('No activities have been recorded for this Compact yet. Run a check and record it') &&
          (await page.locator(`main a[href="/checks/funding_change?compact=${quietId}"]`).count()) === 1, empty);
        await looked(page, 'compliance, empty', w);
      } finally {
        await ctx.close();
      }
    }

    // The member: their organisation, its activities and its funding.
    {
      const { ctx, page } = await signedIn(MEMBER, w);
      try {
        check(`homes: the member's home is their organisation ${at}`, (await text(page.locator('h1'))) === ORG &&
          (await page.locator(`main a[href="/organisations/${MEMBER.org}"]`).count()) >= 1);
        const acts = page.locator('table:has(caption:has-text("Activities")) tbody tr');
        check(`homes: its activities, linked, with the Compact ${at}`, (await acts.count()) === 1 &&
          (await text(acts.first())).includes('Funding change') && (await text(acts.first())).includes('Homes Compact') &&
          (await acts.first().locator('a[href^="/compacts/"][href*="/activities/"]').count()) === 1,
          (await acts.count()) ? await text(acts.first()) : 'no rows');
        const main = await text(page.locator('main'));
        check(`homes: its funding: a grant received and one made ${at}`,
          main.includes(`${ORG} received 1 grant and made 1.`) && main.includes('Trafford Council') && main.includes('£12,000.00') &&
          (await page.locator(`main a[href="/organisations/${MEMBER.org}/funding"]`).count()) === 1, main);
        await looked(page, 'member home', w);

        // Their account names their organisation, linked to its page, not its org-id.
        await page.goto(url('/account'));
        // the row whose key is "Organisation" (the role, "Member of an organisation", says it too)
        const org = page.locator('main dl .govuk-summary-list__row')
          .filter({ has: page.locator('dt', { hasText: /^\s*Organisation\s*$/ }) });
        check(`homes: the member's account names their organisation, linked ${at}`,
          (await text(org)).includes(ORG) && !(await text(org)).includes(MEMBER.org) &&
            (await org.locator(`a[href="/organisations/${MEMBER.org}"]`).count()) === 1, await text(org));
        await looked(page, 'member account', w);
      } finally {
        await ctx.close();
      }
    }
  }

  // The admin removes the coordinator: the Compact leaves the coordinator's home.
  {
    const { ctx, page } = await signedIn(ADMIN, WIDTHS[0]);
    try {
      await page.goto(url(compactPath));
      await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: `Remove ${COORD.name} as a coordinator` }).click()]);
      check('homes: removing the coordinator confirms it with a success banner',
        (await text(page.locator('.govuk-notification-banner--success'))).includes('Coordinator removed') &&
        (await text(page.locator('main'))).includes('Nobody coordinates this Compact yet.'));
      await looked(page, 'compact after removing the coordinator', WIDTHS[0]);
    } finally {
      await ctx.close();
    }
    const c = await signedIn(COORD, WIDTHS[0]);
    try {
      check('homes: the coordinator\'s home no longer shows the Compact',
        (await c.page.locator('.govuk-summary-card').count()) === 0 &&
        (await text(c.page.locator('main'))).includes('You do not coordinate a local Compact yet.'));
    } finally {
      await c.ctx.close();
    }
  }
}
