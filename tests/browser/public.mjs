// Browser journey through what every public service has: from the footer of any page to the
// accessibility statement, privacy notice, cookies and contact pages and the API documentation
// (which lists every route `compact routes` prints), the verdicts page from a check's result, the
// commitments' "not yet verified" said once, and a paginated list ("Showing 51 to 100 of 364",
// Previous, Next, page numbers). Each page at 1280 and 375 pixels wide, checked by axe-core and
// for sideways scrolling at 375 and 320.
//
//   import { publicJourney } from './public.mjs';
//   await publicJourney(browser, baseUrl, { binary }, check, { axeCheck, screenshot });
//
// Without binary (a bare BASE_URL) the comparison with `compact routes` is skipped, and says so.
import { spawn } from 'node:child_process';

const PAGES = [
  ['/accessibility', 'Accessibility statement for Compact Hub', 'Accessibility'],
  ['/privacy', 'Privacy notice', 'Privacy'],
  ['/cookies', 'Cookies', 'Cookies'],
  ['/contact', 'Contact Compact Hub', 'Contact'],
  ['/api', 'API documentation', 'API documentation'],
  ['/checks/verdicts', 'What the results of a check mean', null],
];

function run(binary, args) {
  return new Promise((resolve) => {
    const p = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    p.stdout.on('data', (d) => (out += d));
    p.on('error', () => resolve({ code: -1, out }));
    p.on('close', (code) => resolve({ code, out }));
  });
}

async function text(locator) {
  return (await locator.innerText()).replace(/\s+/g, ' ').trim();
}

// Whether the page is no wider than its viewport (nothing scrolls sideways).
async function fits(page) {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
}

export async function publicJourney(browser, baseUrl, { binary } = {}, check,
  { axeCheck, screenshot = async () => {} } = {}) {
  const url = (p) => baseUrl + p;
  for (const width of [1280, 375]) {
    const ctx = await browser.newContext({ viewport: { width, height: 900 } });
    const page = await ctx.newPage();
    page.setDefaultTimeout(15000);
    const errors = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(e.message));
    const at = `public ${width}px`;
    try {
      /* from the footer of a page, as a person would find them */
      for (const [path, h1, link] of PAGES) {
        if (link) {
          await page.goto(url('/compacts'));
          const a = page.locator('footer .govuk-footer__link', { hasText: link }).first();
          check(`${at}: the footer links to ${link}`, (await a.count()) === 1 && (await a.getAttribute('href')) === path);
          await Promise.all([page.waitForNavigation(), a.click()]);
        } else {
          await page.goto(url(path));
        }
        check(`${at}: ${path} has the heading "${h1}"`, new URL(page.url()).pathname === path &&
          (await text(page.locator('main h1'))) === h1, `${page.url()} ${await text(page.locator('h1'))}`);
        check(`${at}: ${path} is no wider than the screen`, await fits(page));
        if (width === 375) {
          await page.setViewportSize({ width: 320, height: 900 });
          check(`public 320px: ${path} is no wider than the screen`, await fits(page));
          await page.setViewportSize({ width: 375, height: 900 });
        }
        await screenshot(page, `public-${path.slice(1).replaceAll('/', '-')}-${width}`);
        await axeCheck(page, `${at}: ${path}`);
      }

      /* what the pages say a person needs */
      await page.goto(url('/cookies'));
      const cookies = await text(page.locator('main'));
      check(`${at}: the cookies page names both cookies and when they expire`, cookies.includes('compact_session') &&
        cookies.includes('12 hours after you sign in') && cookies.includes('compact_device') && cookies.includes('1 year'), cookies);
      await page.goto(url('/accessibility'));
      const a11y = await text(page.locator('main'));
      check(`${at}: the accessibility statement says how to complain (EHRC) and how it was tested`,
        a11y.includes('Equality and Human Rights Commission') && a11y.includes('axe-core') &&
        a11y.includes('partially compliant'), a11y.slice(0, 200));

      /* the API documentation lists every route */
      if (binary && width === 1280) {
        const routes = JSON.parse((await run(binary, ['routes'])).out);
        await page.goto(url('/api'));
        const listed = new Set((await page.locator('main h3 code').allInnerTexts()).map((s) => s.trim()));
        const missing = routes.filter((r) => !listed.has(`${r.method} ${r.pattern}`)).map((r) => `${r.method} ${r.pattern}`);
        check(`${at}: /api lists every route of compact routes (${routes.length})`, routes.length > 80 && missing.length === 0 &&
          listed.size === routes.length, missing.slice(0, 5).join(', '));
        const json = page.locator('main a[href="/api/openapi.json"]');
        check(`${at}: /api links to the OpenAPI description`, (await json.count()) === 1);
        await page.locator('main a[href="#group-local-compacts"]').click();
        check(`${at}: its contents lead to a group`, new URL(page.url()).hash === '#group-local-compacts');
      } else if (!binary) {
        check(`${at}: /api against compact routes skipped (needs --binary)`, true);
      }

      /* a check's result explains its verdicts */
      await page.goto(url('/checks/funding_change/result?change=end&effective_date-day=1&effective_date-month=4&effective_date-year=2012'));
      const why = page.locator('main a', { hasText: 'What each result means' });
      check(`${at}: a check's result links to what each result means`, (await why.count()) === 1);
      await Promise.all([page.waitForNavigation(), why.click()]);
      check(`${at}: the link leads to the verdicts page`, new URL(page.url()).pathname === '/checks/verdicts');
      const verdicts = await page.locator('main h2').allInnerTexts();
      check(`${at}: each verdict, worst first`,
        JSON.stringify(verdicts.slice(1, 6)) === JSON.stringify(['Breach', 'Not known', 'Pending', 'Justified', 'Met']),
        JSON.stringify(verdicts));

      /* the commitments: "not yet verified" once, above the list */
      await page.goto(url('/commitments'));
      const inset = page.locator('main .govuk-inset-text');
      check(`${at}: the commitments say once that their numbers are not yet verified`, (await inset.count()) === 1 &&
        (await text(inset)).includes('have not yet been checked against the official text') &&
        (await page.locator('main .govuk-summary-list .govuk-tag').count()) === 0);
      await screenshot(page, `public-commitments-${width}`);
      await axeCheck(page, `${at}: /commitments`);
      await page.goto(url('/commitments/sections/4'));
      check(`${at}: a section says it once too`, (await page.locator('main .govuk-inset-text').count()) === 1 &&
        (await page.locator('main .govuk-summary-list .govuk-tag').count()) === 0);

      /* a paginated list: where the page is among all, previous and next */
      await page.goto(url('/organisations?type=council'));
      const line = () => text(page.locator('main p', { hasText: /^Showing / }));
      check(`${at}: the first page says "Showing 1 to 50 of 364"`, (await line()) === 'Showing 1 to 50 of 364', await line());
      check(`${at}: no Previous on the first page`, (await page.locator('.govuk-pagination__prev').count()) === 0);
      await Promise.all([page.waitForNavigation(), page.locator('.govuk-pagination__next a').click()]);
      check(`${at}: Next leads to page 2: "Showing 51 to 100 of 364"`, new URL(page.url()).searchParams.get('page') === '2' &&
        new URL(page.url()).searchParams.get('type') === 'council' && (await line()) === 'Showing 51 to 100 of 364', `${page.url()} ${await line()}`);
      check(`${at}: page 2 is marked current`, (await text(page.locator('.govuk-pagination__item--current'))) === '2');
      check(`${at}: the pagination is no wider than the screen`, await page.locator('nav.govuk-pagination')
        .evaluate((e) => e.getBoundingClientRect().right <= window.innerWidth));
      await screenshot(page, `public-organisations-page-2-${width}`);
      await axeCheck(page, `${at}: /organisations page 2`);
      await Promise.all([page.waitForNavigation(), page.locator('.govuk-pagination__prev a').click()]);
      check(`${at}: Previous leads back to the first page`, !new URL(page.url()).searchParams.has('page') &&
        (await line()) === 'Showing 1 to 50 of 364', page.url());
      await Promise.all([page.waitForNavigation(), page.locator('.govuk-pagination__list a[aria-label="Page 8"]').click()]);
      check(`${at}: the last page says "Showing 351 to 364 of 364", without Next`, (await line()) === 'Showing 351 to 364 of 364' &&
        (await page.locator('.govuk-pagination__next').count()) === 0, await line());

      /* the Compacts' CSV, as the home page promises */
      await page.goto(url('/compacts?status=active'));
      const csv = page.locator('main a', { hasText: 'CSV' });
      check(`${at}: /compacts offers its list as CSV, with its filters`, (await csv.count()) === 1 &&
        (await csv.getAttribute('href')) === '/api/v1/compacts.csv?status=active');
      check(`${at}: no console errors`, errors.length === 0, errors.slice(0, 3).join(' | '));
    } finally {
      await ctx.close();
    }
  }
}
