// Keeping a Compact up to date, as its coordinator does it (issue 13, item 6), at 1280 and 375
// pixels wide: each "Change" link on the Compact's page opens the part it names, with that
// field focused; the review date is there already; the six-year rule says the latest date to
// enter; every save comes back with a success banner saying what changed. Then, in a browser
// with JavaScript off, adding signatories by searching for a name: one the register has, and
// one it has not (added to the register on the way, and back to the form with it chosen); one
// withdraws, and the table says "Still signed" and "Withdrawn on ...". axe-core checks every
// page (the pages of the browser without JavaScript are opened again in one with it, for axe).
//
//   import { updateJourney } from './update.mjs';
//   await updateJourney(browser, baseUrl, { binary, dbPath }, check, { axeCheck, screenshot });
import { randomBytes } from 'node:crypto';
import { runInput } from '../e2e/auth.mjs';

async function signIn(page, url, email, password) {
  await page.goto(url('/login'));
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Sign in', exact: true }).click()]);
}

async function submit(page, name) {
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name, exact: true }).click()]);
}

// Follows the link called name (a link styled as a button too).
async function follow(page, name) {
  const link = page.getByRole('link', { name, exact: true }).or(page.getByRole('button', { name, exact: true }));
  await Promise.all([page.waitForNavigation(), link.first().click()]);
}

const banner = (page) => page.locator('.govuk-notification-banner--success');
const text = async (locator) => ((await locator.count()) ? (await locator.first().innerText()).replace(/\s+/g, ' ').trim() : '');

// Whether the element with id has the focus and can be seen without scrolling, with its
// question (the legend of its fieldset, else its label) above it. The browser moves the focus
// to an autofocus field at its next rendering after the page loads, so that is waited for
// (up to 3 seconds, on a loaded machine) before anything is measured.
async function focusedInView(page, id) {
  await page.waitForFunction((want) => document.activeElement && document.activeElement.id === want, id,
    { timeout: 3000 }).catch(() => {});
  return page.evaluate((want) => {
    const el = document.activeElement;
    if (!el || el.id !== want) return `focus on ${el ? el.id || el.tagName : 'nothing'}`;
    const r = el.getBoundingClientRect();
    const fieldset = el.closest('fieldset');
    const question = fieldset ? fieldset.querySelector('legend') : document.querySelector(`label[for="${want}"]`);
    const q = question.getBoundingClientRect();
    if (r.top < 0 || r.bottom > window.innerHeight) return `not in view (top ${Math.round(r.top)})`;
    return q.top >= 0 ? true : `its question "${question.textContent}" is out of view (top ${Math.round(q.top)})`;
  }, id);
}

export async function updateJourney(browser, baseUrl, { binary, dbPath } = {}, check, { axeCheck, screenshot = async () => {} } = {}) {
  if (!binary || !dbPath) {
    console.log('# skip update journey: it makes its coordinator with the CLI, so it needs --binary');
    return;
  }
  for (const width of [1280, 375]) {
    await atWidth(browser, baseUrl, { binary, dbPath }, check, { axeCheck, screenshot }, width);
  }
}

async function atWidth(browser, baseUrl, { binary, dbPath }, check, { axeCheck, screenshot }, width) {
  const url = (p) => baseUrl + p;
  const name = (what) => `update ${width}: ${what}`;
  const email = `update-${width}@browser.test`;
  const password = `update fern ${randomBytes(9).toString('base64url')}`;
  const made = await runInput(binary, ['user', 'add', email, '--role', 'coordinator', '--name', `Sam Keeper ${width}`,
    '--password-stdin', '--db', dbPath], `${password}\n`);
  if (!check(name('a coordinator is made with `compact user add`'), made.code === 0, made.stderr)) return;
  const viewport = { width, height: 900 };
  const ctx = await browser.newContext({ viewport });
  const page = await ctx.newPage();
  page.setDefaultTimeout(15000);
  const shot = (what) => screenshot(page, `update-${width}-${what}`);
  const compactName = `Leeds Compact ${width}`;
  let compactPath = '';
  try {
    await signIn(page, url, email, password);

    // The coordinator's Compact, made through its form (so they coordinate it).
    await page.goto(url('/compacts/new'));
    await page.fill('#name', compactName);
    await page.getByLabel('Authorities it covers').fill('Leeds');
    await page.check('#status-active');
    await page.fill('#status_date-day', '1');
    await page.fill('#status_date-month', '4');
    await page.fill('#status_date-year', '2021');
    await page.fill('#adopted-day', '15');
    await page.fill('#adopted-month', '1');
    await page.fill('#adopted-year', '2025');
    await submit(page, 'Add the Compact');
    compactPath = new URL(page.url()).pathname;
    if (!check(name('the new Compact\'s page opens'), /^\/compacts\/\d+$/.test(compactPath), page.url())) throw new Error('no Compact page');
    check(name('its review is due six years after adoption'), (await text(page.locator('main'))).includes('15 January 2031'));
    await axeCheck(page, name('the Compact\'s page'));
    await shot('compact');

    // Each Change link opens the part it names, focused and in view.
    const links = [
      ['Change authorities', '/edit', 'authorities'],
      ['Change date adopted', '/edit', 'adopted-day'],
      ['Change date last refreshed', '/edit', 'refreshed-day'],
      ['Change review date', '/edit', 'review_due-day'],
      ['Change document link', '/edit', 'document_url'],
      ['Add a key contact', '/edit', 'contact-0-name'],
      ['Change status', '/status', null],
      ['Change the local parameters', '/parameters', null],
      ['Add a code of practice', '/codes', null],
    ];
    for (const [link, tail, field] of links) {
      await page.goto(url(compactPath));
      await follow(page, link);
      const at = new URL(page.url());
      check(name(`"${link}" opens ${tail}`), at.pathname === compactPath + tail, page.url());
      if (field) {
        const focus = await focusedInView(page, field);
        check(name(`"${link}" puts the focus on ${field}, in view`), focus === true, String(focus));
      }
      if (link === 'Change review date') {
        await axeCheck(page, name('the details form'));
        await shot('details-review');
      } else if (!field) {
        await axeCheck(page, name(`the form "${link}" opens`));
      }
    }

    // The review date is there already: six years after adoption. Too late a date is refused,
    // saying what to enter.
    await page.goto(url(compactPath));
    await follow(page, 'Change review date');
    const review = [await page.inputValue('#review_due-day'), await page.inputValue('#review_due-month'), await page.inputValue('#review_due-year')];
    check(name('the review date is filled in with the one in force'), review.join(' ') === '15 1 2031', review.join(' '));
    await page.fill('#review_due-day', '16');
    await submit(page, 'Save the details');
    const summary = page.locator('.govuk-error-summary');
    check(name('the six-year rule says the latest date to enter'),
      (await text(summary)).includes('Enter a review date no later than 15 January 2031, six years after the date it was adopted'),
      await text(summary));
    check(name('the field shows the error too'), (await text(page.locator('#review_due-error'))).includes('no later than 15 January 2031'));
    await axeCheck(page, name('the details form with the six-year error'));
    await shot('six-years');
    await page.fill('#review_due-day', '1');
    await page.fill('#review_due-month', '4');
    await page.fill('#review_due-year', '2030');
    await submit(page, 'Save the details');
    check(name('saving the review date comes back to the Compact with a banner'),
      new URL(page.url()).pathname === compactPath && (await text(banner(page))).includes('Review date changed to 1 April 2030'),
      `${page.url()} ${await text(banner(page))}`);
    check(name('the Compact shows the new review date'), (await text(page.locator('main dl'))).includes('1 April 2030'));
    await axeCheck(page, name('the Compact with the review banner'));
    await shot('banner-review');

    // A contact.
    await follow(page, 'Add a key contact');
    await page.fill('#contact-0-name', 'Priya Shah');
    await page.fill('#contact-0-email', 'priya@example.org');
    await submit(page, 'Save the details');
    check(name('a contact saved says so'), (await text(banner(page))).includes('Key contacts changed'), await text(banner(page)));
    check(name('the contact is listed'), (await text(page.locator('main'))).includes('Priya Shah'));

    // Saved as it was.
    await follow(page, 'Change the key contacts');
    await submit(page, 'Save the details');
    const important = page.locator('.govuk-notification-banner:not(.govuk-notification-banner--success)');
    check(name('saving without a change says nothing changed'),
      (await text(important)).includes('Nothing was changed') && (await banner(page).count()) === 0, await text(important));

    // The status.
    await follow(page, 'Change status');
    await page.check('#status-inactive');
    await page.fill('#date-day', '1');
    await page.fill('#date-month', '12');
    await page.fill('#date-year', '2026');
    await submit(page, 'Change the status');
    check(name('a new status says so'), (await text(banner(page))).includes('Status changed to Inactive from 1 December 2026'), await text(banner(page)));

    // A code of practice.
    await follow(page, 'Add a code of practice');
    await page.fill('#title', `Funding code ${width}`);
    await submit(page, 'Add the code');
    check(name('a code of practice added says so'), (await text(banner(page))).includes(`Code of practice added: Funding code ${width}`), await text(banner(page)));

    // The parameters.
    await follow(page, 'Change the local parameters');
    await page.fill('#notice_months', '6');
    await submit(page, 'Save the parameters');
    check(name('a parameter changed says which, and to what'),
      (await text(banner(page))).includes('Notice before funding ends or is reduced changed to 6 months'), await text(banner(page)));
    await axeCheck(page, name('the Compact with the parameters banner'));
    await shot('banner-parameters');
  } catch (e) {
    check(name('the Change links and banners run to the end'), false, e.message.split('\n')[0]);
  }

  // Signatories, without JavaScript.
  const nojs = await browser.newContext({ viewport, javaScriptEnabled: false });
  const p = await nojs.newPage();
  p.setDefaultTimeout(15000);
  // axe needs scripts: each page of the browser without them is opened again in the other one
  const axeAgain = async (what) => {
    await page.goto(p.url());
    await axeCheck(page, name(what));
    await screenshot(page, `update-${width}-${what.replace(/\W+/g, '-')}`);
  };
  const charity = `Chapeltown Youth Trust ${width}`;
  try {
    if (!compactPath) throw new Error('no Compact to add signatories to');
    await signIn(p, url, email, password);
    await p.goto(url(compactPath));
    check(name('no JavaScript runs in this browser'), !(await p.evaluate(() => document.body.classList.contains('js-enabled')).catch(() => false)));
    await follow(p, 'Add a signatory');
    check(name('"Add a signatory" asks to find the organisation'),
      (await text(p.locator('h1'))) === 'Add a signatory' && (await p.getByLabel('Find the organisation').count()) === 1, p.url());
    await axeAgain('signatory search');
    await p.getByLabel('Find the organisation').fill('leeds city');
    await submit(p, 'Search');
    check(name('the search lists the register\'s matches to choose from'),
      (await p.getByRole('radio', { name: 'Leeds City Council' }).count()) === 1, await text(p.locator('main')));
    await axeAgain('signatory matches');
    await p.getByRole('radio', { name: 'Leeds City Council' }).check();
    await submit(p, 'Continue');
    check(name('choosing one opens the signatory form with it chosen'),
      (await text(p.locator('main dl'))).includes('Leeds City Council') && (await p.getByLabel('Who signed for it?').count()) === 1,
      await text(p.locator('main')));
    await axeAgain('signatory form, organisation chosen');
    await p.getByLabel('Day').fill('1');
    await p.getByLabel('Month').fill('4');
    await p.getByLabel('Year').fill('2021');
    await p.getByLabel('Who signed for it?').fill('Leader of the Council');
    await submit(p, 'Add the signatory');
    check(name('adding it says who signed and when'),
      (await text(banner(p))).includes('Signatory added: Leeds City Council, signed on 1 April 2021'), await text(banner(p)));
    check(name('the new signatory is "Still signed"'),
      (await text(p.locator('tbody tr').filter({ hasText: 'Leeds City Council' }))).includes('Still signed'));
    await axeAgain('signatories with a banner');

    // One the register does not have yet.
    await follow(p, 'Add a signatory');
    await p.getByLabel('Find the organisation').fill(charity);
    await submit(p, 'Search');
    check(name('a name the register lacks is said to match nothing'),
      (await text(p.locator('main'))).includes(`No organisation in the register matches ‘${charity}’`), await text(p.locator('main')));
    await axeAgain('signatory search, nothing found');
    await follow(p, 'Add the organisation to the register');
    check(name('adding the organisation starts with its name filled in'),
      new URL(p.url()).pathname === '/organisations/new' && (await p.inputValue('#name')) === charity, p.url());
    await axeAgain('organisation form for a signatory');
    await p.selectOption('#type', 'charity');
    await submit(p, 'Add the organisation');
    check(name('added, it comes back to the signatory form with it chosen'),
      new URL(p.url()).pathname === `${compactPath}/signatories/new` && (await text(p.locator('main dl'))).includes(charity), p.url());
    await p.getByLabel('Day').fill('3');
    await p.getByLabel('Month').fill('3');
    await p.getByLabel('Year').fill('2022');
    await p.getByLabel('Who signed for it?').fill('Chair of Trustees');
    await submit(p, 'Add the signatory');
    check(name('the new organisation is a signatory'),
      (await text(banner(p))).includes(`Signatory added: ${charity}, signed on 3 March 2022`), await text(banner(p)));

    // Leeds City Council withdraws.
    await follow(p, 'Withdraw Leeds City Council');
    await p.getByLabel('Day').fill('3');
    await p.getByLabel('Month').fill('3');
    await p.getByLabel('Year').fill('2026');
    await submit(p, 'Record the withdrawal');
    check(name('the withdrawal says who and when'),
      (await text(banner(p))).includes('Withdrawal recorded: Leeds City Council withdrew on 3 March 2026'), await text(banner(p)));
    await p.goto(url(compactPath));
    const rows = p.locator('main table.govuk-table tbody tr');
    check(name('the Compact\'s page: one still signed, one withdrawn on its date'),
      (await text(rows.filter({ hasText: charity }))).includes('Still signed') &&
      (await text(rows.filter({ hasText: 'Leeds City Council' }))).includes('Withdrawn on 3 March 2026') &&
      !(await text(p.locator('main'))).includes('Current'), await text(rows));
    // The signatories' table fits the screen: "Withdraw" is under the status, in view without
    // scrolling sideways (issue 13, phones).
    const fit = await p.locator('main table.govuk-table', { hasText: charity }).evaluate((t) => {
      const r = t.closest('.app-table-region') || t.parentElement;
      const a = [...t.querySelectorAll('a')].find((l) => l.textContent.startsWith('Withdraw'));
      return { scroll: r.scrollWidth, client: r.clientWidth, right: a ? Math.round(a.getBoundingClientRect().right) : -1 };
    });
    check(name('the signatories\' table fits the screen, "Withdraw" in view'),
      fit.scroll <= fit.client && fit.right > 0 && fit.right <= width, JSON.stringify(fit));
    await axeAgain('the Compact with its signatories');
  } catch (e) {
    check(name('adding signatories without JavaScript runs to the end'), false, e.message.split('\n')[0]);
  } finally {
    await nojs.close();
    await ctx.close();
  }
}
