// The library (issue 16): the national body opens the library from the header, filters it by
// theme, opens the Merton case study, then writes a case study (its form's errors first), which
// is a draft until they publish it, and looks at a resource and the form that adds one. Every
// page at 1280 and 375 pixels wide, axe-core clean and no wider than the screen.
//
//   import { libraryJourney } from './library.mjs';
//   await libraryJourney(browser, baseUrl, { binary, dbPath }, check, { axeCheck, screenshot });
import { randomBytes } from 'node:crypto';
import { addToken, runInput } from '../e2e/auth.mjs';

const ADMIN = { email: 'library.admin@browser.test', name: 'Nia National', role: 'admin' };

async function text(locator) {
  return (await locator.innerText()).replace(/\s+/g, ' ').trim();
}

export async function libraryJourney(browser, baseUrl, { binary, dbPath } = {}, check,
  { axeCheck, screenshot = async () => {} } = {}) {
  if (!binary || !dbPath) {
    console.log('# skip library journey: it makes its admin with the CLI, so it needs --binary');
    return;
  }
  const url = (p) => baseUrl + p;
  const password = `library horse ${randomBytes(9).toString('base64url')}`;
  const made = await runInput(binary, ['user', 'add', ADMIN.email, '--role', 'admin', '--name', ADMIN.name,
    '--password-stdin', '--db', dbPath], `${password}\n`);
  if (!check('library: the national body\'s admin is made with `compact user add`', made.code === 0, made.stderr)) return;
  // more than a page (20) of case studies of one theme, published through the API: the lists page
  const { token } = await addToken(binary, dbPath, ADMIN.email);
  const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
  let paged = true;
  for (let i = 1; i <= 21; i++) {
    const c = await fetch(url('/api/v1/case-studies'), { method: 'POST', headers, body: JSON.stringify({
      title: `The sector keeps its voice ${String(i).padStart(2, '0')}`, summary: 'The council funded the sector to speak for itself.',
      year: 2011, themes: ['independence'] }) });
    const id = c.status === 201 ? (await c.json()).id : 0;
    paged = paged && id > 0 && (await fetch(url(`/api/v1/case-studies/${id}/publish`), { method: 'POST', headers })).status === 200;
  }
  check('library: 21 case studies about independence are published through the API', paged);

  for (const w of [1280, 375]) {
    const at = `library (${w}px)`;
    const ctx = await browser.newContext({ viewport: { width: w, height: 900 } });
    const page = await ctx.newPage();
    page.setDefaultTimeout(15000);
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const looked = async (name) => {
      await axeCheck(page, `${at}: ${name}`);
      const fits = await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
      check(`${at}: ${name} is no wider than the screen`, fits);
      await screenshot(page, `library-${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}-${w}`);
    };
    try {
      await page.goto(url('/login'));
      await page.getByLabel('Email address').fill(ADMIN.email);
      await page.getByLabel('Password', { exact: true }).fill(password);
      await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Sign in', exact: true }).click()]);

      // the library, from the header
      const menu = page.locator('.govuk-service-navigation__toggle');
      if (await menu.isVisible()) await menu.click();
      await Promise.all([page.waitForNavigation(), page.locator('.govuk-service-navigation a', { hasText: 'Library' }).click()]);
      check(`${at}: the header's Library link opens the library`, new URL(page.url()).pathname === '/library' &&
        (await text(page.locator('main h1'))) === 'Library', page.url());
      const all = await text(page.locator('main'));
      const studies = Number(/(\d+) case studies/.exec(all)?.[1] || 0);
      check(`${at}: it lists the case studies (the first four at least) and the six resources`, studies >= 4 && all.includes('6 resources'),
        all.slice(0, 400));
      await looked('the library');

      await page.getByLabel('Theme').selectOption({ label: 'Managing cuts' });
      await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Filter' }).click()]);
      const cuts = await text(page.locator('main'));
      check(`${at}: filtered by Managing cuts it shows the Merton case study alone`, page.url().includes('theme=managing_cuts') &&
        cuts.includes('1 case study') && cuts.includes('Talking early about cuts') && !cuts.includes('Fire officers') &&
        cuts.includes('0 resources'), cuts.slice(0, 500));
      check(`${at}: the theme stays chosen`, (await page.getByLabel('Theme').inputValue()) === 'managing_cuts');
      await looked('filtered by theme');

      await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Talking early about cuts' }).click()]);
      const merton = await text(page.locator('main'));
      check(`${at}: the Merton case study says what happened, where, its theme and its source, for people`,
        (await text(page.locator('main h1'))) === 'Talking early about cuts' && merton.includes('Managing cuts') &&
        merton.includes('Merton') && merton.includes('2010') && merton.includes('Compact Voice') && merton.includes('10% cut') &&
        !merton.includes('E09000024') && !merton.includes('managing_cuts'), merton.slice(0, 600));
      await looked('the Merton case study');

      // more than a page: from the library's first page to the case studies' second, the theme kept
      await page.goto(url('/library?theme=independence'));
      check(`${at}: the library shows the first 20 of the 21 about independence`,
        (await page.locator('.govuk-summary-card').count()) === 20 && (await text(page.locator('main'))).includes('Showing 1 to 20 of 21'));
      await Promise.all([page.waitForNavigation(), page.locator('.govuk-pagination__next a').first().click()]);
      const next = new URL(page.url());
      check(`${at}: Next leads to the case studies' second page, the theme kept`, next.pathname === '/case-studies' &&
        next.searchParams.get('theme') === 'independence' && next.searchParams.get('page') === '2', page.url());
      check(`${at}: the second page is titled Case studies and shows the 21st, the theme still chosen`,
        (await text(page.locator('main h1'))) === 'Case studies' && (await page.locator('.govuk-summary-card').count()) === 1 &&
          (await text(page.locator('main'))).includes('Showing 21 to 21 of 21') &&
          (await page.getByLabel('Theme').inputValue()) === 'independence');
      await looked('the second page of case studies');
      await Promise.all([page.waitForNavigation(), page.locator('.govuk-pagination__prev a').first().click()]);
      check(`${at}: Previous leads back to the first page`, (await page.locator('.govuk-summary-card').count()) === 20 &&
        new URL(page.url()).searchParams.get('theme') === 'independence');
      await page.goto(url('/resources'));
      check(`${at}: the resources' own list, with no theme to choose`, (await text(page.locator('main h1'))) === 'Resources' &&
        (await page.getByLabel('Theme').count()) === 0 && (await text(page.locator('main'))).includes('6 resources'));
      await looked('the resources');

      // writing one: errors first, then a draft, then published
      await page.goto(url('/case-studies/new'));
      await looked('the case study form');
      await page.getByRole('button', { name: 'Save as a draft' }).click();
      await page.waitForLoadState();
      const summary = page.locator('.govuk-error-summary');
      check(`${at}: the empty form says what to enter, in an error summary`, (await summary.count()) === 1 &&
        (await text(summary)).includes('Enter a title') && (await text(summary)).includes('Select at least one theme'));
      await looked('the case study form with errors');
      await page.getByLabel('Title').fill(`Volunteers shape the budget ${w}`);
      await page.getByLabel('What happened').fill('The council asked volunteers where savings could be made.');
      await page.getByLabel('Volunteering').check();
      await page.getByLabel('Areas').fill('E06000007');
      await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Save as a draft' }).click()]);
      const draft = await text(page.locator('main'));
      check(`${at}: saved, it is a draft with a Publish button`, draft.includes('This is a draft') &&
        (await page.getByRole('button', { name: 'Publish' }).count()) === 1 && draft.includes('Warrington'), draft.slice(0, 400));
      await looked('a draft case study');
      await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Publish' }).click()]);
      const published = await text(page.locator('main'));
      check(`${at}: published, it says so and is a draft no more`, published.includes('Published') && !published.includes('This is a draft'));

      // a resource, and the form that adds one
      await page.goto(url('/library?kind=national_compact'));
      await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'The Compact', exact: true }).click()]);
      const res = await text(page.locator('main'));
      check(`${at}: the national Compact's page gives its kind, date and link`, res.includes('The national Compact') &&
        res.includes('1 December 2010') && res.includes('compactvoice.org.uk'), res.slice(0, 400));
      await looked('a resource');
      await page.goto(url('/resources/new'));
      check(`${at}: the resource form takes a PDF`, (await page.locator('form[enctype="multipart/form-data"] input[type="file"][name="document"]').count()) === 1);
      await looked('the resource form');
      check(`${at}: no script errors`, errors.length === 0, errors.join(' | '));
    } finally {
      await ctx.close();
    }
  }
}
