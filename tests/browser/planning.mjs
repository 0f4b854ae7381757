// A commissioner plans a funding cut and checks it before the decision, as the issue tells it: on
// 2 December 2026 (the check's "as of" day, its today) a cut on 1 January 2027, decided on
// 15 December, notice to go with the decision. The result speaks of a plan ("Would not keep"),
// asks nothing of a day already past, writes dates as GOV.UK does and parameters by what they
// mean, and shows each commitment's number once. The same answers before the notice deadline and
// after the cut read accordingly, and a plan checked as of today (the box left blank) is a plan
// too. Then a procurement against a local Compact that sets no tender period says so. At 1280
// and 375 pixels wide, axe-core on every page.
import { run } from '../lib/server.mjs';

const WIDTHS = [1280, 375];
const ISO = /\b\d{4}-\d{2}-\d{2}\b/;
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August',
  'September', 'October', 'November', 'December'];

function longDate(d) {
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

async function fillDate(page, stem, day, month, year) {
  await page.fill(`#${stem}-day`, String(day));
  await page.fill(`#${stem}-month`, String(month));
  await page.fill(`#${stem}-year`, String(year));
}

async function submit(page) {
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Check', exact: true }).click()]);
}

async function changeAnswers(page) {
  await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Change your answers' }).click()]);
}

// The card of the commitment whose row is labelled label: {tag, text}.
async function row(page, label) {
  const r = page.locator('.govuk-summary-card .govuk-summary-list__row').filter({
    has: page.locator('dt', { hasText: new RegExp(`^${label}$`) }),
  });
  if ((await r.count()) !== 1) return { tag: '', text: '' };
  return { tag: (await r.locator('.govuk-tag').innerText()).trim(), text: await r.locator('dd').innerText() };
}

// The commitment numbers the cards show, in order ("4.4", "4.3", ...).
async function numbers(page) {
  const titles = await page.locator('.govuk-summary-card__title').allInnerTexts();
  return titles.map((t) => (/^(\d+\.\d+)\s/.exec(t.trim()) || [])[1]).filter(Boolean);
}

async function fitsTheScreen(page) {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
}

export async function planningJourney(browser, baseUrl, { binary, dbPath } = {}, check, { axeCheck, screenshot = async () => {} } = {}) {
  const url = (p) => baseUrl + p;
  let local = null;
  if (binary && dbPath) { // a local Compact to choose: the demo set (perhaps loaded already)
    await run(binary, ['demo', 'load', '--db', dbPath]);
    local = 'Leeds Compact (demo)';
  } else {
    console.log('# planning: no --binary, so no demo Compacts: the procurement is checked without one');
  }

  for (const width of WIDTHS) {
    const at = `planning (${width} px)`;
    const ctx = await browser.newContext({ viewport: { width, height: 900 } });
    const page = await ctx.newPage();
    page.setDefaultTimeout(15000);
    try {
      await page.goto(url('/checks'));
      await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Check a funding change' }).click()]);
      const form = await page.locator('main').innerText();
      check(`${at}: the questions read for a plan as for what was done`,
        form.includes('When will notice be given to the organisation, or when was it given?') &&
          form.includes('When will the decision be made, or when was it made?') &&
          form.includes('When will the funding end or be reduced, or when did it?') &&
          !form.includes('When was notice given'), form.slice(0, 600));
      check(`${at}: the form fits the screen`, await fitsTheScreen(page));
      await axeCheck(page, `${at}: funding change form`);
      await screenshot(page, `planning-form-${width}`);

      // 2 December 2026: the cut on 1 January 2027, notice with the decision on 15 December.
      await page.check('#change');
      await fillDate(page, 'effective_date', 1, 1, 2027);
      await fillDate(page, 'decision_date', 15, 12, 2026);
      await fillDate(page, 'notice_date', 15, 12, 2026);
      await page.check('#notice_in_writing');
      await page.check('#reasons_given');
      await fillDate(page, 'as_of', 2, 12, 2026);
      await submit(page);
      let text = await page.locator('main').innerText();
      check(`${at}: a plan is worded as a plan: overall "Would not keep", never "Breach"`,
        /Overall:\s*Would not keep/.test(text) && !/Breach/.test(text) && text.includes('This is a plan'),
        text.slice(0, 400));
      const notice = await row(page, 'Notice');
      check(`${at}: the notice would not keep the Compact`, notice.tag === 'Would not keep', notice.tag);
      check(`${at}: the explanation speaks of notice still to be given, with GOV.UK dates`,
        notice.text.includes('Notice to be given 15 December 2026') && notice.text.includes('no earlier than 15 March 2027'),
        notice.text);
      check(`${at}: the remedy is possible from today: notice now, the end date moved to 2 March 2027`,
        notice.text.includes("To keep it: It is too late to give 3 months' notice before 1 January 2027: give written " +
          'notice now and move the end date to 2 March 2027 or later.'), notice.text);
      check(`${at}: nothing is asked by a day already past (1 October 2026)`,
        !text.includes('notice by 1 October 2026') && !/Give written notice by/.test(text), text);
      check(`${at}: no ISO dates on the page`, !ISO.test(text), (ISO.exec(text) || [])[0]);
      check(`${at}: the parameter by its meaning, "3 months of notice", not notice_months`,
        text.includes('3 months of notice (national default)') && !text.includes('notice_months'), text.slice(-600));
      const nums = await numbers(page);
      check(`${at}: each commitment number once (4.4 tests notice and reasons: one card)`,
        nums.length >= 4 && new Set(nums).size === nums.length && nums.filter((n) => n === '4.4').length === 1,
        nums.join(' '));
      const reasons = await row(page, 'Reasons');
      check(`${at}: reasons to be given would keep it, in the same card as notice`,
        reasons.tag === 'Would keep' && reasons.text.includes('Reasons for the decision are to be given.'), reasons.text);
      check(`${at}: the result fits the screen`, await fitsTheScreen(page));
      await axeCheck(page, `${at}: result of a plan`);
      await screenshot(page, `planning-result-${width}`);

      // The same plan checked on 15 September 2026: notice can still be given in time.
      await changeAnswers(page);
      check(`${at}: changing the answers keeps them`, (await page.inputValue('#decision_date-day')) === '15' &&
        (await page.inputValue('#as_of-year')) === '2026');
      await fillDate(page, 'as_of', 15, 9, 2026);
      await submit(page);
      const early = await row(page, 'Notice');
      check(`${at}: before the deadline the remedy gives it: notice by 1 October 2026`,
        early.tag === 'Would not keep' &&
          early.text.includes('Give written notice by 1 October 2026, or move the end date to 15 March 2027 or later.'),
        early.text);
      await axeCheck(page, `${at}: result of a plan before the notice deadline`);
      await screenshot(page, `planning-early-${width}`);

      // Checked on 2 January 2027, the cut made: the verdict words of what was done.
      await changeAnswers(page);
      await fillDate(page, 'as_of', 2, 1, 2027);
      await submit(page);
      text = await page.locator('main').innerText();
      const done = await row(page, 'Notice');
      check(`${at}: after the decision and the cut: "Breach", and what can be done now`,
        /Overall:\s*Breach/.test(text) && done.tag === 'Breach' && !text.includes('Would not keep') &&
          done.text.includes('What can be done: Funding ended on 1 January 2027, so it is too late to give 3 months'),
        done.text);
      await axeCheck(page, `${at}: result after the decision`);
      await screenshot(page, `planning-decided-${width}`);

      // As of today (the box left blank): a decision in three weeks is still a plan.
      const today = new Date();
      const day = (n) => new Date(Date.UTC(today.getFullYear(), today.getMonth(), today.getDate() + n));
      const decision = day(21), ends = day(35);
      await page.goto(url('/checks/funding_change'));
      await page.check('#change');
      await fillDate(page, 'effective_date', ends.getUTCDate(), ends.getUTCMonth() + 1, ends.getUTCFullYear());
      await fillDate(page, 'decision_date', decision.getUTCDate(), decision.getUTCMonth() + 1, decision.getUTCFullYear());
      await page.check('#notice_date-none');
      await submit(page);
      text = await page.locator('main').innerText();
      const now = await row(page, 'Notice');
      check(`${at}: as of today, a decision to come is a plan that would not keep the Compact`,
        /Overall:\s*Would not keep/.test(text) && now.tag === 'Would not keep' &&
          text.includes(`This is a plan: it is checked as of ${longDate(day(0))}`), text.slice(0, 400));
      check(`${at}: as of today, the remedy asks for notice now`,
        now.text.includes(`It is too late to give 3 months' notice before ${longDate(ends)}: give written notice now`),
        now.text);
      await axeCheck(page, `${at}: result of a plan as of today`);

      // A procurement against a local Compact that sets no minimum tender period.
      await page.goto(url('/checks/procurement'));
      const pform = await page.locator('main').innerText();
      check(`${at}: the procurement questions read for a plan too`,
        pform.includes('When will the tender be published, or when was it published?'), pform.slice(0, 400));
      await axeCheck(page, `${at}: procurement form`);
      await screenshot(page, `planning-procurement-form-${width}`);
      await fillDate(page, 'published', 1, 2, 2027);
      await fillDate(page, 'submission_deadline', 15, 2, 2027);
      await page.check('#vcs_engaged_date-none');
      await page.check('#social_value_considered');
      if (local) await page.selectOption('#compact', { label: local });
      await fillDate(page, 'as_of', 2, 12, 2026);
      await submit(page);
      text = await page.locator('main').innerText();
      const tender = await row(page, 'Time to bid');
      check(`${at}: the tender period is said not to apply, and why`,
        tender.tag === 'Does not apply' && tender.text.includes(local
          ? 'The local Compact sets no minimum tender period, nor does the national Compact, so the time to bid is not checked.'
          : 'No local Compact was chosen, and the national Compact sets no minimum tender period'), tender.text);
      const first = text.indexOf('VCS');
      check(`${at}: "VCS" is explained where it is first used`,
        first > 0 && text.slice(first - 'voluntary and community sector ('.length, first).toLowerCase() === 'voluntary and community sector (',
        text.slice(Math.max(0, first - 60), first + 10));
      const involve = await row(page, 'Early involvement');
      check(`${at}: involving the sector before the tender is still possible, so asked`,
        involve.tag === 'Would not keep' && involve.text.includes('by the time the tender is published (1 February 2027)'),
        involve.text);
      check(`${at}: the numbers used say no minimum is set, in words`,
        text.includes('Minimum days from tender to submission deadline') && !text.includes('min_tender_days'), text.slice(-500));
      check(`${at}: the procurement result fits the screen`, await fitsTheScreen(page));
      await axeCheck(page, `${at}: procurement result`);
      await screenshot(page, `planning-procurement-${width}`);
      if (local) {
        await changeAnswers(page);
        await page.selectOption('#compact', { value: '' });
        await submit(page);
        const none = await row(page, 'Time to bid');
        check(`${at}: with no local Compact chosen, it says so`, none.tag === 'Does not apply' &&
          none.text.includes('No local Compact was chosen, and the national Compact sets no minimum tender period'), none.text);
        await axeCheck(page, `${at}: procurement result without a Compact`);
      }
    } finally {
      await ctx.close();
    }
  }
}
