// The national body reads where England is and is not covered, and what changed (issue 13): from
// the navigation to the coverage page, it enters two dates in day, month and year boxes, reads
// the authorities gained and lost with percentages beside the counts, downloads the CSV of the
// comparison, filters the authorities not covered by type and region (names, not codes; the
// dates kept), sees "in development" apart from "not covered", reads a chart whose axis fits its
// values, and mistypes a date to get an error summary naming the field. At 1280 and 375 pixels,
// axe-core on every page; the filters again without JavaScript.
//
// With a binary and a database (run.mjs --binary) two Compacts of long ago are made first
// through the API, in years no other journey uses: Cumbria's, active from 1 April 1999 (the
// county and its six districts gained in 1999) to 1 April 2001 (lost), and Northumberland's, in
// development from 1998 to 2001.
import { addToken, addUser, newPassword } from '../e2e/auth.mjs';

const WIDTHS = [1280, 375];
const CUMBRIA = 'E10000006';
const CARLISLE = 'E07000028'; // one of Cumbria's six districts (2009-2019)
const NORTHUMBERLAND = 'E06000057'; // Northumberland's code since 2020
const ISO = /\b\d{4}-\d{2}-\d{2}\b/;

async function makeCompacts(baseUrl, binary, dbPath) {
  await addUser(binary, dbPath, 'admin@compare.test', 'admin', newPassword('c'));
  const { token } = await addToken(binary, dbPath, 'admin@compare.test');
  const post = (path, body) => fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  let made = 0;
  for (const body of [
    { name: 'Cumbria Compact', authorities: [CUMBRIA], status: 'active', status_date: '1999-04-01' },
    { name: 'Northumberland Compact', authorities: [NORTHUMBERLAND], status: 'in_development', status_date: '1998-06-01' },
  ]) {
    const r = await post('/api/v1/compacts', body);
    // both end in 2001, so that no other journey's figures change
    const ended = r.status === 201 && await post(`/api/v1/compacts/${(await r.json()).id}/status`, { status: 'inactive', date: '2001-04-01' });
    made += ended && ended.status === 201;
  }
  return made === 2;
}

async function fillDate(page, stem, day, month, year) {
  await page.fill(`#${stem}-day`, String(day));
  await page.fill(`#${stem}-month`, String(month));
  await page.fill(`#${stem}-year`, String(year));
}

async function showCoverage(page) {
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Show coverage' }).click()]);
}

async function fitsTheScreen(page) {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
}

// "7 of 353 (2.0%)", as the page writes a count beside its share.
function partOf(part, total) {
  return part ? `${part} of ${total} (${((100 * part) / total).toFixed(1)}%)` : `0 of ${total}`;
}

// The authorities' codes linked from the table (or paragraph) with id.
async function listed(page, id) {
  return page.locator(`#${id} a[href^="/authorities/"]`).evaluateAll(
    (as) => as.map((a) => a.getAttribute('href').slice('/authorities/'.length)));
}

// The filters of the authorities not covered: choose a type and a region by their names.
async function filterNotCovered(page, type, region) {
  const form = page.locator('form:has(select[name="region"])');
  await form.locator('select[name="type"]').selectOption({ label: type });
  await form.locator('select[name="region"]').selectOption({ label: region });
  await Promise.all([page.waitForNavigation(),
    form.getByRole('button', { name: 'Filter the authorities not covered' }).click()]);
}

export async function coverageCompareJourney(browser, baseUrl, { binary, dbPath } = {}, check,
  { axeCheck, screenshot = async () => {} } = {}) {
  const made = binary && dbPath ? await makeCompacts(baseUrl, binary, dbPath) : false;
  if (binary && dbPath) check('coverage compare: two Compacts of 1998-1999 made through the API', made);
  else console.log('# coverage compare: no --binary, so no Compacts of its own: figures come from the API');
  // what the page should say, from the API (one piece of code behind both)
  const api = await (await fetch(`${baseUrl}/api/v1/coverage?as_of=2000-01-01&from=1999-01-01&set=2012`)).json();
  const csvWanted = await (await fetch(`${baseUrl}/api/v1/coverage.csv?as_of=2000-01-01&set=2012`)).text();
  const northWestDistricts = csvWanted.trimEnd().split('\r\n')
    .filter((l) => /^[^,]+,[^,]+,district,North West,[^,]*,not_covered,/.test(l)).map((l) => l.split(',')[0]);

  for (const width of WIDTHS) {
    const at = `coverage compare (${width} px)`;
    const ctx = await browser.newContext({ viewport: { width, height: 900 }, acceptDownloads: true });
    const page = await ctx.newPage();
    page.setDefaultTimeout(15000);
    try {
      await page.goto(baseUrl + '/');
      const menu = page.getByRole('button', { name: 'Menu' });
      if (await menu.isVisible()) await menu.click(); // the navigation folds into a menu on a phone
      await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Coverage', exact: true }).first().click()]);
      check(`${at}: the navigation leads to the coverage page`, new URL(page.url()).pathname === '/coverage', page.url());
      check(`${at}: the dates are day, month and year boxes`,
        (await page.locator('#as_of-day, #as_of-month, #as_of-year, #from-day, #from-month, #from-year').count()) === 6 &&
          (await page.locator('fieldset legend', { hasText: 'Compare with an earlier date (optional)' }).count()) === 1);
      await axeCheck(page, `${at}: today`);

      // Two dates: 1 January 1999 and 1 January 2000, the authorities of 2009 to 2019.
      await fillDate(page, 'as_of', 1, 1, 2000);
      await fillDate(page, 'from', 1, 1, 1999);
      await page.selectOption('#set', '2012');
      await showCoverage(page);
      const q = new URL(page.url()).searchParams;
      check(`${at}: the form sends the boxes`, q.get('as_of-year') === '2000' && q.get('from-day') === '1' && q.get('set') === '2012',
        page.url());
      check(`${at}: the changes between the two dates, in GOV.UK dates`,
        (await page.locator('#changes').innerText()) === 'Changes from 1 January 1999 to 1 January 2000');
      const summary = await page.locator('#changes-summary').innerText();
      const gained = api.compare.gained.length;
      check(`${at}: the number gained and lost, as the API counts them`,
        summary === `${gained} authorit${gained === 1 ? 'y' : 'ies'} gained coverage and ${api.compare.lost.length || 'none'} lost it.`,
        summary);
      const figures = await page.locator('#change-figures').innerText();
      check(`${at}: percentages beside the counts on both dates`,
        figures.includes(partOf(api.compare.covered, 353)) && figures.includes(partOf(api.covered, 353)), figures);
      check(`${at}: the summary gives the share covered`,
        (await page.locator('#summary').innerText()).includes(`${api.covered} of the 353 local authorities of 2009 to 2019` +
          (api.covered ? ` (${((100 * api.covered) / 353).toFixed(1)}%)` : '')));
      const gainedCodes = await listed(page, 'gained');
      check(`${at}: the authorities gained are listed by name and linked, as the API lists them`,
        JSON.stringify(gainedCodes) === JSON.stringify(api.compare.gained.map((a) => a.gss)), gainedCodes.join(' '));
      if (made) {
        check(`${at}: Cumbria and its six districts gained, each with the Compact linked`,
          gained === 7 && gainedCodes.includes(CUMBRIA) && gainedCodes.includes(CARLISLE) &&
            (await page.locator('#gained tr', { hasText: 'Carlisle' }).innerText()).includes('Cumbria Compact (through Cumbria)'));
        check(`${at}: Carlisle's row links to the authority and to the Compact`,
          (await page.locator(`#gained a[href="/authorities/${CARLISLE}"]`).innerText()) === 'Carlisle' &&
            (await page.locator('#gained tr', { hasText: 'Carlisle' }).locator('a[href^="/compacts/"]').count()) === 1);
      }
      check(`${at}: no ISO dates in the text of the page`, !ISO.test(await page.locator('main').innerText()));
      check(`${at}: the page fits the screen`, await fitsTheScreen(page));
      await axeCheck(page, `${at}: two dates compared`);
      await screenshot(page, `coverage-compare-${width}`);

      // The CSV of the comparison, downloaded from its link.
      const link = page.getByRole('link', { name: 'CSV' }).first();
      const href = await link.getAttribute('href');
      check(`${at}: the comparison's CSV link carries both dates`, href === '/api/v1/coverage.csv?as_of=2000-01-01&from=1999-01-01&set=2012', href);
      const download = await Promise.all([page.waitForEvent('download'), link.click()]).then(([d]) => d, () => null);
      const body = download ? await download.path().then((p) => import('node:fs').then((fs) => fs.readFileSync(p, 'utf8')))
        : await (await page.request.get(baseUrl + href)).text();
      const lines = body.trimEnd().split('\r\n');
      check(`${at}: the CSV downloads: a line for each authority, each gained one marked`,
        lines.length === 354 && lines[0].endsWith(',from_state,from_compact_id,from_compact_name,change') &&
          lines.filter((l) => l.endsWith(',gained')).length === gained, `${lines.length} lines, ${lines[0]}`);

      // In development apart from not covered.
      const inDev = await listed(page, 'in-development');
      const none = await listed(page, 'not-covered-list');
      check(`${at}: in development is a list of its own, apart from not covered`,
        inDev.length === api.in_development && none.length === 353 - api.covered - api.in_development &&
          !none.some((g) => inDev.includes(g)) && (!made || inDev.includes(NORTHUMBERLAND)), inDev.join(' '));
      check(`${at}: the map's key tells in development from not covered`,
        (await page.locator('.app-map-key li', { hasText: /In development:/ }).count()) === 1 &&
          (await page.locator('.app-map-key li', { hasText: /Not covered:/ }).count()) === 1 &&
          (!made || (await page.locator(`.app-hex-map a[href="/authorities/${NORTHUMBERLAND}"] use`).getAttribute('href')) ===
            '#cov-in_development'));

      // The chart's axis fits its values: its top grid line just above the largest value drawn.
      const labels = await page.locator('.app-chart svg text[text-anchor="end"]').evaluateAll((ts) => ts.map((t) => Number(t.textContent)));
      const table = await page.locator('details table tbody tr').evaluateAll((rows) =>
        rows.map((r) => [...r.querySelectorAll('td')].slice(0, 2).map((td) => Number(td.textContent))));
      const max = Math.max(...table.flat());
      const top = Math.max(...labels);
      check(`${at}: the chart's axis goes just above its largest value (${max}), in round steps`,
        top > max && top <= 2 * max + 1 && labels.length <= 8 && labels[0] === 0 &&
          labels.every((l, i) => i === 0 || l - labels[i - 1] === labels[1]), `labels ${labels.join(' ')}`);

      // Filter the authorities not covered: districts in the North West, by name.
      await filterNotCovered(page, 'District', 'North West');
      const fq = new URL(page.url());
      check(`${at}: the filter keeps the dates and goes to the list`,
        fq.hash === '#not-covered' && fq.searchParams.get('type') === 'district' && fq.searchParams.get('region') === 'north-west' &&
          fq.searchParams.get('as_of') === '2000-01-01' && fq.searchParams.get('from') === '1999-01-01' &&
          (await page.locator('#changes').count()) === 1, page.url());
      const nw = await listed(page, 'not-covered-list');
      check(`${at}: only the North West's districts not covered are listed`,
        nw.length > 0 && JSON.stringify(nw) === JSON.stringify(northWestDistricts) && !nw.includes(CARLISLE),
        `${nw.length} listed, ${northWestDistricts.length} wanted`);
      check(`${at}: the list says how it is filtered, in words`,
        (await page.locator('#not-covered-list caption').innerText()).includes('Type: Districts. Region: North West.'));
      check(`${at}: the boxes keep the dates`, (await page.inputValue('#from-year')) === '1999' &&
        (await page.inputValue('#as_of-year')) === '2000');
      check(`${at}: the filtered page fits the screen`, await fitsTheScreen(page));
      await axeCheck(page, `${at}: filtered`);
      await screenshot(page, `coverage-filtered-${width}`);

      // A date that does not exist: the error summary names the field.
      await fillDate(page, 'from', 31, 2, 1999);
      await showCoverage(page);
      const error = page.locator('.govuk-error-summary');
      check(`${at}: an impossible date brings the error summary, naming the field`,
        (await error.count()) === 1 &&
          (await error.locator('a[href="#from"]').innerText()).startsWith('The date to compare with must be a real date'));
      check(`${at}: the page title says there is an error`, (await page.title()).startsWith('Error: '));
      check(`${at}: the message by the field, the boxes shown again`,
        (await page.locator('#from-error').innerText()).includes('The date to compare with must be a real date') &&
          (await page.inputValue('#from-day')) === '31');
      check(`${at}: the error page fits the screen`, await fitsTheScreen(page));
      await axeCheck(page, `${at}: an impossible date`);
      await screenshot(page, `coverage-error-${width}`);
      await fillDate(page, 'from', 1, 1, 2001);
      await showCoverage(page);
      check(`${at}: a date to compare with after the other is refused, saying which`,
        (await error.locator('a[href="#from"]').innerText()) ===
          'The date to compare with must be before 1 January 2000, the date to show coverage on');
      await axeCheck(page, `${at}: dates in the wrong order`);

      // The years the Compacts ended: what was lost, and by which Compact it had been covered.
      await fillDate(page, 'as_of', 1, 1, 2002);
      await showCoverage(page);
      const after = await (await fetch(`${baseUrl}/api/v1/coverage?as_of=2002-01-01&from=2001-01-01&set=2012`)).json();
      const lost = await listed(page, 'lost');
      check(`${at}: the authorities lost are listed by name, as the API lists them`,
        JSON.stringify(lost) === JSON.stringify(after.compare.lost.map((a) => a.gss)) &&
          (after.compare.gained.length || (await page.locator('#gained').innerText()) === 'No authority gained coverage.'),
        lost.join(' '));
      if (made) {
        const carlisle = await page.locator('#lost tr', { hasText: 'Carlisle' }).innerText();
        check(`${at}: Carlisle lost: the Compact that covered it, and its state on the later date`,
          lost.length === 7 && carlisle.includes('Cumbria Compact (through Cumbria)') && carlisle.includes('Not covered'), carlisle);
      }
      check(`${at}: the losses fit the screen`, await fitsTheScreen(page));
      await axeCheck(page, `${at}: authorities lost`);
      await screenshot(page, `coverage-lost-${width}`);
    } finally {
      await ctx.close();
    }
  }

  // Without JavaScript: the dates and the filters are plain GET forms.
  const nojs = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 375, height: 900 } });
  try {
    const p = await nojs.newPage();
    p.setDefaultTimeout(15000);
    await p.goto(baseUrl + '/coverage');
    await fillDate(p, 'as_of', 1, 1, 2000);
    await fillDate(p, 'from', 1, 1, 1999);
    await p.selectOption('#set', '2012');
    await showCoverage(p);
    await filterNotCovered(p, 'District', 'North West');
    check('coverage compare: no js: the comparison and the filtered list',
      (await p.locator('#changes').count()) === 1 &&
        JSON.stringify(await listed(p, 'not-covered-list')) === JSON.stringify(northWestDistricts));
  } finally {
    await nojs.close();
  }
}
