// A person checks a planned funding cut against the Compact through the check pages, the way
// they would: from the service navigation, answering the questions, reading the result; then
// makes a mistake in a date and is told. axe-core runs on every page.
export async function checksJourney(browser, baseUrl, check, { axeCheck, screenshot = async () => {} } = {}) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await ctx.newPage();
  page.setDefaultTimeout(15000);
  try {
    await page.goto(baseUrl + '/');
    await Promise.all([page.waitForNavigation(), page.click('nav a:has-text("Check a decision")')]);
    check('checks: the navigation leads to the check pages', new URL(page.url()).pathname === '/checks',
      `at ${page.url()}`);
    check('checks: four kinds of check are offered', (await page.locator('main ul li a').count()) === 4);
    await axeCheck(page, 'checks: start page');

    await Promise.all([page.waitForNavigation(), page.click('a:has-text("Check a funding change")')]);
    check('checks: the funding change form asks its questions',
      (await page.locator('h1').innerText()) === 'Check a funding change');
    await axeCheck(page, 'checks: funding change form');
    await page.check('#change');
    await page.fill('#effective_date-day', '1');
    await page.fill('#effective_date-month', '4');
    await page.fill('#effective_date-year', '2012');
    await page.fill('#notice_date-day', '1');
    await page.fill('#notice_date-month', '2');
    await page.fill('#notice_date-year', '2012');
    await page.check('#notice_in_writing');
    await page.check('#reasons_given');
    await page.fill('#as_of-day', '1');
    await page.fill('#as_of-month', '6');
    await page.fill('#as_of-year', '2012');
    await screenshot(page, 'check-form');
    await Promise.all([page.waitForNavigation(), page.click('button:has-text("Check")')]);
    const text = await page.locator('main').innerText();
    check('checks: the result says the cut breaches the Compact overall',
      /Overall:\s*Breach/.test(text), text.slice(0, 200));
    check('checks: the notice finding explains its working with the dates, as GOV.UK writes them',
      text.includes('Notice given 1 February 2012') && text.includes('1 May 2012') && text.includes('30 days short'),
      text.slice(0, 400));
    // As of 1 June 2012 the cut of 1 April has happened: nothing is asked of a day already past.
    check('checks: the result says what can still be done',
      text.includes("What can be done: Funding ended on 1 April 2012, so it is too late to give 3 months' notice " +
        "for this change: give at least 3 months' written notice before any further change."), text.slice(0, 1200));
    check('checks: reasons given is met, tagged green',
      (await page.locator('.govuk-tag--green').count()) >= 1);
    check('checks: a breach is tagged red', (await page.locator('.govuk-tag--red').count()) >= 2);
    await axeCheck(page, 'checks: result page');
    await screenshot(page, 'check-result');

    await Promise.all([page.waitForNavigation(), page.click('a:has-text("Change your answers")')]);
    check('checks: changing the answers keeps them',
      (await page.inputValue('#notice_date-month')) === '2' && await page.isChecked('#notice_in_writing'));
    await page.fill('#notice_date-day', '31');
    await Promise.all([page.waitForNavigation(), page.click('button:has-text("Check")')]);
    const summary = page.locator('.govuk-error-summary');
    check('checks: an impossible date (31 February) brings the error summary',
      (await summary.count()) === 1 && /real date/.test(await summary.innerText()));
    check('checks: the page title says there is an error', (await page.title()).startsWith('Error: '));
    await axeCheck(page, 'checks: form with an error');
    await screenshot(page, 'check-error');
  } finally {
    await ctx.close();
  }
}
