// End-to-end tests of the open data indicators: `compact indicators` and
// GET /api/v1/organisations/{id}/indicators on the real Trafford grants (data/opendata), with
// the expected figures computed here, independently, from the 360Giving JSON file; the CSV and
// the JSON file giving identical indicators; the CLI's JSON the same bytes as the API's;
// below the minimum count, shares and medians suppressed with a caveat while counts and sums are
// shown (SPEC section 8); the grant and contract lists with filters, pages and
// CSV; bad parameters.
//
//   import { indicatorTests } from './indicators.mjs';
//   await indicatorTests(BIN, report);   // report(name, ok, why)
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freshDb } from '../lib/db.mjs';
import { run, startServer } from '../lib/server.mjs';
import { addToken, addUser, bearer, expect, newPassword, request, show, tester } from './auth.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const TRAFFORD = join(HERE, '..', '..', 'data', 'opendata', '360giving', 'trafford_council');
const TRAFFORD_CSV = join(TRAFFORD, 'trafford_council_voluntary_sector_grants.csv');
const TRAFFORD_JSON = join(TRAFFORD, 'trafford_council_voluntary_sector_grants.json');
const CF_LINES = join(HERE, '..', '..', 'data', 'opendata', 'ocds', 'cf_releases_2025.jsonl');
const NAMES = join(HERE, '..', 'data', 'opendata', 'names.json');
const SANITIZER_REPORT = /AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|runtime error:/;

// add_months of SPEC section 5, on 'YYYY-MM-DD' strings, as UTC day numbers.
function days(s) {
  const [y, m, d] = s.split('-').map(Number);
  return Date.UTC(y, m - 1, d) / 86400000;
}
function addMonths(s, n) {
  const [y, m, d] = s.split('-').map(Number);
  const total = y * 12 + (m - 1) + n;
  const ny = Math.floor(total / 12);
  const nm = total % 12;
  const last = new Date(Date.UTC(ny, nm + 1, 0)).getUTCDate();
  return Date.UTC(ny, nm, Math.min(d, last)) / 86400000;
}

// What the issue says the indicators are, computed from the 360Giving JSON file.
function expected(file, minFundingMonths, minCount) {
  const grants = JSON.parse(readFileSync(file, 'utf8')).grants;
  const years = new Map();
  const byRecipient = new Map();
  const all = { count: 0, pence: 0, multi: 0, known: 0 };
  for (const g of grants) {
    const year = Number(g.awardDate.slice(0, 4));
    if (!years.has(year)) years.set(year, { count: 0, pence: 0, multi: 0, known: 0 });
    const pd = (g.plannedDates || [])[0] || {};
    let multi = null;
    if (/^\d{4}-\d{2}-\d{2}$/.test(pd.startDate || '') && /^\d{4}-\d{2}-\d{2}$/.test(pd.endDate || '')) {
      multi = days(pd.endDate) + 1 >= addMonths(pd.startDate, minFundingMonths);
    } else if (typeof pd.duration === 'number') {
      multi = pd.duration >= minFundingMonths;
    }
    for (const t of [all, years.get(year)]) {
      t.count++;
      t.pence += Math.round(g.amountAwarded * 100);
      if (multi !== null) {
        t.known++;
        if (multi) t.multi++;
      }
    }
    const r = g.recipientOrganization[0].id.toLowerCase();
    if (!byRecipient.has(r)) byRecipient.set(r, new Map());
    if (!byRecipient.get(r).has(year)) byRecipient.get(r).set(year, []);
    byRecipient.get(r).get(year).push(Math.round(g.amountAwarded * 100));
  }
  const first = Math.min(...years.keys());
  const last = Math.max(...years.keys());
  const byYear = [];
  for (let y = first; y <= last; y++) {
    byYear.push({ year: y, ...(years.get(y) || { count: 0, pence: 0, multi: 0, known: 0 }) });
  }
  // Ended (issue 13): funded in year y and not in the funder's next year of grants n, a year it
  // published any grant in (a year with none is skipped), when n is complete (before the last
  // year, or the last with its latest award in December), unless y's grants are one grant under
  // £1,000 with none in the funder's year of grants before y (a one-off).
  const published = [...years.keys()].sort((a, b) => a - b);
  const latest = grants.map((g) => g.awardDate).sort().at(-1);
  const complete = (y) => y < last || (Number(latest.slice(0, 4)) === y && latest.slice(5, 7) === '12');
  const nextOf = (y) => published.find((x) => x > y);
  const prevOf = (y) => published.filter((x) => x < y).at(-1);
  const ended = [];
  const notFundedIn = new Map();
  let oneOffs = 0;
  for (const [r, ys] of byRecipient) {
    for (const [y, pence] of ys) {
      const n = nextOf(y);
      if (n === undefined || ys.has(n) || !complete(n)) continue;
      if (pence.length === 1 && pence[0] < 100000 && !ys.has(prevOf(y))) {
        oneOffs++;
        continue;
      }
      ended.push(`${y} ${r}`);
      notFundedIn.set(`${y} ${r}`, n);
    }
  }
  const share = (t) => (t.known < minCount ? null : Math.round((t.multi / t.known) * 10000) / 10000);
  return { all, byYear, ended: ended.sort(), notFundedIn, oneOffs, first, last, share, minCount };
}

function checkAgainst(got, want) {
  const g = got.grants;
  expect(g.count === want.all.count, `count ${g.count}, want ${want.all.count}`);
  // SPEC section 8: counts and sums are always shown, whatever the minimum count
  expect(g.value_pence === want.all.pence, `value_pence ${g.value_pence}, want ${want.all.pence}`);
  expect(g.multi_year.count === want.all.multi && g.multi_year.known === want.all.known,
    `multi_year ${JSON.stringify(g.multi_year)}, want ${want.all.multi} of ${want.all.known}`);
  expect(g.multi_year.share === want.share(want.all), `share ${g.multi_year.share}, want ${want.share(want.all)}`);
  expect(g.first_year === want.first && g.last_year === want.last, `years ${g.first_year}..${g.last_year}`);
  expect(g.by_year.length === want.byYear.length, `${g.by_year.length} years, want ${want.byYear.length}`);
  want.byYear.forEach((w, i) => {
    const y = g.by_year[i];
    const suppressed = want.share(w) === null;
    expect(y.year === w.year && y.count === w.count, `year ${i}: ${JSON.stringify(y)}, want ${JSON.stringify(w)}`);
    expect(y.value_pence === w.pence, `${w.year} value_pence ${y.value_pence}, want ${w.pence}`);
    expect(y.value === w.pence / 100, `${w.year} value ${y.value}`);
    expect(y.multi_year.count === w.multi && y.multi_year.known === w.known, `${w.year} multi_year ${JSON.stringify(y.multi_year)}`);
    expect(y.multi_year.share === want.share(w), `${w.year} share ${y.multi_year.share}, want ${want.share(w)}`);
    expect(!suppressed || y.caveats.some((c) => c.includes(`${w.known} grants give planned dates or a duration, fewer than the minimum count of ${want.minCount}`)),
      `${w.year}: share suppressed without a caveat saying what it rests on: ${JSON.stringify(y.caveats)}`);
    expect(!y.caveats.some((c) => c.includes('value is not shown')), `${w.year}: the value is said to be held back: ${JSON.stringify(y.caveats)}`);
  });
  const ended = got.ended_relationships.map((e) => `${e.year} ${e.recipient_id.toLowerCase()}`).sort();
  expect(JSON.stringify(ended) === JSON.stringify(want.ended),
    `${ended.length} ended relationships, want ${want.ended.length}; first differences: ` +
    `${ended.filter((e) => !want.ended.includes(e)).slice(0, 3)} / ${want.ended.filter((e) => !ended.includes(e)).slice(0, 3)}`);
  for (const e of got.ended_relationships) {
    const n = want.notFundedIn.get(`${e.year} ${e.recipient_id.toLowerCase()}`);
    expect(e.not_funded_in === n, `not_funded_in ${e.not_funded_in}, want ${n}`);
    expect(e.check.startsWith('/checks/funding_change?change=end'), `check link ${e.check}`);
  }
  expect(got.ended_one_offs === want.oneOffs, `ended_one_offs ${got.ended_one_offs}, want ${want.oneOffs}`);
}

export async function indicatorTests(BIN, report) {
  const test = tester(report);
  const dir = mkdtempSync(join(tmpdir(), 'compact-indicators-'));
  const dbs = [await freshDb(dir, 'csv.db'), await freshDb(dir, 'json.db')];
  const [csvDb, jsonDb] = dbs.map((d) => d.uri);
  const cli = async (args) => {
    const r = await run(BIN, args, { timeoutMs: 120000 });
    expect(!SANITIZER_REPORT.test(r.stderr), `sanitizer: ${show(r.stderr, 600)}`);
    return r;
  };
  const indicatorsJson = async (db, extra = []) => {
    const r = await cli(['indicators', '--org', 'GB-LAE-TRF', '--db', db, '--format', 'json', ...extra]);
    expect(r.code === 0, `indicators: exit ${r.code}; ${show(r.stderr)}`);
    return r.stdout;
  };
  let s;
  try {
    await test('indicators: Trafford imported from its CSV file and from its JSON file', async () => {
      for (const [db, file] of [[csvDb, TRAFFORD_CSV], [jsonDb, TRAFFORD_JSON]]) {
        let r = await cli(['init', '--db', db]);
        expect(r.code === 0, `init: ${show(r.stderr)}`);
        r = await cli(['import', 'grants', file, '--db', db]);
        expect(r.code === 0, `import ${file}: ${show(r.stderr)}`);
      }
    });
    await test('indicators: the figures are those computed from the file (minimum count 10)', async () => {
      checkAgainst(JSON.parse(await indicatorsJson(csvDb)), expected(TRAFFORD_JSON, 36, 10));
    });
    await test('indicators: the CSV and the JSON file give identical indicators', async () => {
      const a = await indicatorsJson(csvDb);
      const b = await indicatorsJson(jsonDb);
      expect(a === b, `they differ: ${show(a, 200)} / ${show(b, 200)}`);
    });
    await test('indicators: the shape the issue asks for, with the parameters used', async () => {
      const got = JSON.parse(await indicatorsJson(csvDb));
      for (const k of ['org', 'grants', 'ended_relationships', 'contracts']) expect(k in got, `no ${k}`);
      for (const k of ['count', 'value', 'multi_year', 'by_year']) expect(k in got.grants, `no grants.${k}`);
      expect('count' in got.grants.multi_year && 'share' in got.grants.multi_year, 'multi_year shape');
      expect(got.org === 'GB-LAE-TRF', `org ${got.org}`);
      expect(JSON.stringify(got.parameters) === JSON.stringify({
        min_count: 10, min_funding_months: { value: 36, source: 'default' },
        min_tender_days: { value: null, source: 'none' } }), JSON.stringify(got.parameters));
      expect(got.contracts.count === 0 && got.contracts.tender_days.rule_applies === false &&
        got.contracts.caveats.some((c) => c.includes('applies only where a local Compact sets')),
      `contracts ${JSON.stringify(got.contracts)}`);
    });
    await test('indicators: below a minimum count of 100, shares are null with a caveat; counts and values are shown', async () => {
      const got = JSON.parse(await indicatorsJson(csvDb, ['--min-count', '100']));
      expect(got.parameters.min_count === 100, 'min_count');
      checkAgainst(got, expected(TRAFFORD_JSON, 36, 100));
      const y2019 = got.grants.by_year.find((y) => y.year === 2019);
      const y2013 = got.grants.by_year.find((y) => y.year === 2013);
      expect(y2019.count === 122 && y2019.value !== null, `2019 ${JSON.stringify(y2019)}`);
      const w2013 = expected(TRAFFORD_JSON, 36, 100).byYear.find((y) => y.year === 2013);
      expect(y2013.count === 49 && y2013.value === w2013.pence / 100 && y2013.value > 0 && y2013.multi_year.share === null,
        `2013 ${JSON.stringify(y2013)}`);
    });
    await test('indicators: text output and usage errors', async () => {
      let r = await cli(['indicators', '--org', 'GB-LAE-TRF', '--db', csvDb]);
      expect(r.code === 0 && r.stdout.includes('grants: 555, GBP 1291436.54'), show(r.stdout, 300));
      r = await cli(['indicators', '--db', csvDb]);
      expect(r.code === 2, `no --org: exit ${r.code}`);
      r = await cli(['indicators', '--org', 'GB-LAE-TRF', '--min-count', 'ten', '--db', csvDb]);
      expect(r.code === 2 && r.stderr.includes('--min-count'), `bad --min-count: exit ${r.code} ${show(r.stderr)}`);
      r = await cli(['indicators', '--org', 'GB-LAE-TRF', '--compact', '999', '--db', csvDb]);
      expect(r.code === 2 && r.stderr.includes('--compact'), `unknown --compact: exit ${r.code} ${show(r.stderr)}`);
      r = await cli(['indicators', '--org', 'GB-LAE-TRF', '--format', 'xml', '--db', csvDb]);
      expect(r.code === 2, `bad --format: exit ${r.code}`);
      r = await cli(['indicators', '--org', 'GB-CHC-99999999', '--db', csvDb]);
      expect(r.code === 1 && r.stderr.includes('GB-CHC-99999999'), `unknown org: exit ${r.code} ${show(r.stderr)}`);
    });
    await test('indicators: the server starts; Trafford and the contracts imported into its database', async () => {
      s = await startServer(BIN, { threads: 2 });
      let r = await cli(['import', 'grants', TRAFFORD_CSV, '--db', s.dbPath]);
      expect(r.code === 0, show(r.stderr));
      r = await cli(['import', 'contracts', CF_LINES, '--db', s.dbPath]);
      expect(r.code === 0, show(r.stderr));
    });
    if (!s) return;
    const get = (path) => request(s.port, { path });
    let tenderCompact = null; // a Compact that sets min_tender_days 30
    await test('indicators: the API gives the same bytes as the CLI', async () => {
      for (const q of ['', '?min_count=100']) {
        const res = await get(`/api/v1/organisations/GB-LAE-TRF/indicators${q}`);
        expect(res.status === 200 && res.headers['content-type'].startsWith('application/json'), `${q}: ${res.status}`);
        const mine = await indicatorsJson(s.dbPath, q ? ['--min-count', '100'] : []);
        expect(res.text + '\n' === mine, `${q}: they differ: ${show(res.text, 200)} / ${show(mine, 200)}`);
      }
      const byNumber = await get('/api/v1/organisations/GB-LAE-TRF');
      const id = JSON.parse(byNumber.text).id;
      const res = await get(`/api/v1/organisations/${id}/indicators`);
      expect(res.status === 200 && JSON.parse(res.text).org === 'GB-LAE-TRF', `by number ${id}: ${res.status}`);
    });
    await test('indicators: a Compact\'s parameters apply: 12 months is multi-year, 30 days to bid', async () => {
      await addUser(BIN, s.dbPath, 'admin@indicators.test', 'admin', newPassword('i'));
      const admin = (await addToken(BIN, s.dbPath, 'admin@indicators.test')).token;
      const json = (method, path, obj) => request(s.port, { method, path,
        headers: { ...bearer(admin), 'Content-Type': 'application/json' }, body: JSON.stringify(obj) });
      let r = await json('POST', '/api/v1/compacts',
        { name: 'Trafford Compact', authorities: ['E08000009'], status: 'active', status_date: '2012-04-01' });
      expect(r.status === 201, `create compact: ${r.status} ${show(r.text)}`);
      const compact = JSON.parse(r.text).id;
      r = await json('PUT', `/api/v1/compacts/${compact}/parameters`, { min_funding_months: 12, min_tender_days: 30 });
      expect(r.status === 200, `parameters: ${r.status} ${show(r.text)}`);
      tenderCompact = compact;
      const res = await get(`/api/v1/organisations/GB-LAE-TRF/indicators?compact_id=${compact}`);
      expect(res.status === 200, `${res.status} ${show(res.text)}`);
      const got = JSON.parse(res.text);
      const want = expected(TRAFFORD_JSON, 12, 10);
      expect(want.all.multi === 555, `the file's grants are not all 12 months: ${want.all.multi}`);
      checkAgainst(got, want);
      expect(got.grants.multi_year.share === 1, `share ${got.grants.multi_year.share}`);
      expect(JSON.stringify(got.parameters.min_funding_months) === '{"value":12,"source":"compact"}' &&
        JSON.stringify(got.parameters.min_tender_days) === '{"value":30,"source":"compact"}', JSON.stringify(got.parameters));
      expect(got.contracts.tender_days.rule_applies === true, 'the tender rule does not apply');
      expect(got.ended_relationships.every((e) => e.check.endsWith(`&compact=${compact}`)), got.ended_relationships[0].check);
      const mine = await indicatorsJson(s.dbPath, ['--compact', String(compact)]);
      expect(res.text + '\n' === mine, 'the CLI with --compact differs from the API with compact_id');
    });
    await test('indicators: the indicators by year as CSV', async () => {
      const res = await get('/api/v1/organisations/GB-LAE-TRF/indicators.csv');
      const lines = res.text.trim().split('\r\n');
      expect(res.status === 200 && res.headers['content-type'].startsWith('text/csv'), `${res.status}`);
      expect(lines[0].startsWith('kind,year,count,value,multi_year'), lines[0]);
      expect(lines.length === 1 + 12, `${lines.length} lines`);
      const w = expected(TRAFFORD_JSON, 36, 10).byYear.find((y) => y.year === 2019);
      expect(lines.includes(`grants,2019,122,${(w.pence / 100).toFixed(2)},0,122,0.0000,,,,,,`), show(res.text, 400));
      expect(lines.includes('grants,2015,0,0.00,0,0,,,,,,,'), `2015: ${show(lines.find((l) => l.startsWith('grants,2015')))}`);
    });
    await test('indicators: a buyer of the Contracts Finder releases, with a minimum count of 1', async () => {
      const res = await get('/api/v1/organisations/GB-CFS-257613/indicators?min_count=1');
      expect(res.status === 200, `${res.status} ${show(res.text)}`);
      const c = JSON.parse(res.text).contracts;
      const releases = readFileSync(CF_LINES, 'utf8').trim().split('\n').map((l) => JSON.parse(l))
        .filter((r) => (r.buyer || {}).id === 'GB-CFS-257613');
      const ocids = new Set(releases.map((r) => r.ocid));
      expect(c.count === ocids.size, `count ${c.count}, want ${ocids.size}`);
      expect(c.tender_days.rule_applies === false && c.tender_days.under_min === null, JSON.stringify(c.tender_days));
      expect(c.vcse_suitable.known === c.count, JSON.stringify(c.vcse_suitable));
    });
    await test('indicators: too few tenders for a median or a share: the counts are still shown (JSON, CSV, page)', async () => {
      const q = `compact_id=${tenderCompact}`;
      const all = JSON.parse((await get(`/api/v1/organisations/GB-CFS-210249/indicators?min_count=1&${q}`)).text).contracts;
      const few = JSON.parse((await get(`/api/v1/organisations/GB-CFS-210249/indicators?min_count=1000000&${q}`)).text).contracts;
      expect(all.tender_days.median !== null && typeof all.tender_days.under_min === 'number', JSON.stringify(all.tender_days));
      expect(few.tender_days.median === null && few.tender_days.under_min === all.tender_days.under_min &&
        few.tender_days.measured === all.tender_days.measured, JSON.stringify(few.tender_days));
      expect(few.vcse_suitable.share === null && few.vcse_suitable.count === all.vcse_suitable.count &&
        typeof few.vcse_suitable.count === 'number', JSON.stringify(few.vcse_suitable));
      expect(few.caveats.some((c) => c.endsWith(`fewer than the minimum count of 1000000: the median is not shown.`)), JSON.stringify(few.caveats));
      const csv = (await get(`/api/v1/organisations/GB-CFS-210249/indicators.csv?min_count=1000000&${q}`)).text.trim().split('\r\n');
      const row = csv.find((l) => l.startsWith('contracts,'));
      const cells = row ? row.split(',') : [];
      expect(cells.length === 13 && cells[8] === '' && cells[9] !== '' && cells[11] !== '' && cells[12] === '', show(row));
      const page = await get(`/organisations/GB-CFS-210249/funding?min_count=1000000&${q}`);
      expect(page.status === 200 && page.text.includes(`${all.tender_days.under_min} shorter than 30 days`) &&
        page.text.includes('too few for a median') && page.text.includes('(too few for a share)'), show(page.text.slice(page.text.indexOf('Contracts</h2>')), 600));
    });
    await test('indicators: bad parameters are 400 problems naming them; unknown organisations 404', async () => {
      for (const [path, param] of [
        ['/api/v1/organisations/GB-LAE-TRF/indicators?min_count=0', 'min_count'],
        ['/api/v1/organisations/GB-LAE-TRF/indicators?min_count=1e3', 'min_count'],
        ['/api/v1/organisations/GB-LAE-TRF/indicators?compact_id=999999', 'compact_id'],
        ['/api/v1/organisations/GB-LAE-TRF/indicators?compact_id=abc', 'compact_id'],
        ['/api/v1/grants?year=19', 'year'],
        ['/api/v1/grants?limit=0', 'limit'],
        ['/api/v1/grants?cursor=abc', 'cursor'],
        ['/api/v1/contracts?year=x', 'year'],
        ['/api/v1/contracts.csv?q=' + 'x'.repeat(101), 'q'],
      ]) {
        const res = await get(path);
        expect(res.status === 400 && res.headers['content-type'].startsWith('application/problem+json'), `${path}: ${res.status}`);
        expect(JSON.parse(res.text).param === param, `${path}: ${res.text}`);
      }
      const res = await get('/api/v1/organisations/GB-CHC-99999999/indicators');
      expect(res.status === 404 && JSON.parse(res.text).param === 'id', `${res.status} ${res.text}`);
      const page = await get('/organisations/GB-LAE-TRF/funding?min_count=x');
      expect(page.status === 400 && page.text.includes('govuk-error-summary'), `page ${page.status}`);
    });
    await test('indicators: the grant list pages through all 555 by cursor, newest first', async () => {
      const seen = new Set();
      let next = null;
      let pages = 0;
      let lastDate = '9999';
      do {
        const res = await get(`/api/v1/grants?funder=gb-lae-trf&limit=100${next ? `&cursor=${next}` : ''}`);
        expect(res.status === 200, `${res.status} ${show(res.text)}`);
        const body = JSON.parse(res.text);
        expect(body.total === 555, `total ${body.total}`);
        for (const g of body.items) {
          expect(g.award_date <= lastDate, `not newest first: ${g.award_date} after ${lastDate}`);
          lastDate = g.award_date;
          seen.add(g.id);
        }
        next = body.next;
        pages++;
      } while (next && pages < 10);
      expect(pages === 6 && seen.size === 555, `${pages} pages, ${seen.size} grants`);
    });
    await test('indicators: list filters by year, recipient and text; CSV has every match', async () => {
      let body = JSON.parse((await get('/api/v1/grants?funder=GB-LAE-TRF&year=2019')).text);
      expect(body.total === 122, `2019: ${body.total}`);
      const want = JSON.parse(readFileSync(TRAFFORD_JSON, 'utf8')).grants
        .filter((g) => g.recipientOrganization[0].id === 'GB-CHC-1159034');
      body = JSON.parse((await get('/api/v1/grants?recipient=GB-CHC-1159034')).text);
      expect(body.total === want.length && want.length > 1, `recipient: ${body.total}, want ${want.length}`);
      body = JSON.parse((await get('/api/v1/grants?q=allotment')).text);
      expect(body.total > 0 && body.items.every((g) => /allotment/i.test(g.title + g.recipient_name)), `q: ${body.total}`);
      const csv = await get('/api/v1/grants.csv?year=2014');
      expect(csv.text.trim().split('\r\n').length === 1 + 35, `csv lines ${csv.text.split('\r\n').length}`);
      body = JSON.parse((await get('/api/v1/contracts?limit=5')).text);
      expect(body.total === 190 && body.items.length === 5 && body.next, `contracts ${body.total}`);
      const contractsCsv = await get('/api/v1/contracts.csv');
      expect(contractsCsv.text.trim().split('\r\n').length === 191, 'contracts csv');
    });
    await test('indicators: the funder page and the organisation page link', async () => {
      const page = await get('/organisations/GB-LAE-TRF/funding');
      expect(page.status === 200, `${page.status}`);
      for (const want of ['Funding and contracts', '<svg', '£1,291,436.54', 'Check the notice',
        '/checks/funding_change?change=end']) {
        expect(page.text.includes(want), `no ${want}`);
      }
      expect(!/style=/.test(page.text), 'inline style on the page');
      const org = await get('/organisations/GB-LAE-TRF');
      expect(org.text.includes('href="/organisations/GB-LAE-TRF/funding"'), 'no link from the organisation page');
      const other = await get('/organisations/GB-LAE-MAN');
      expect(other.status === 200 && !other.text.includes('/funding"'), 'a council without grants links to funding');
    });
    // Issue 13: a charity finds its own funding.
    const tableOf = (text) => (text.match(/<caption class="govuk-table__caption[^>]*>([^<]*)/) || [])[1];
    await test('funding: a recipient\'s page and funding page show the grants it received, by funder and year', async () => {
      const r = await cli(['import', 'grants', NAMES, '--db', s.dbPath]);
      expect(r.code === 0, show(r.stderr));
      for (const path of ['/organisations/GB-CHC-1159034', '/organisations/GB-CHC-1159034/funding']) {
        const page = await get(path);
        expect(page.status === 200, `${path}: ${page.status}`);
        for (const want of ['Grants received', '8 grants from 3 funders', '>Leeds Community Foundation</a>',
          'href="/organisations/GB-LAE-TRF">Trafford Metropolitan Borough Council</a>',
          // 2014, then 2016: Trafford published no grants in 2015, not an end
          'No: funded again in 2016', '<strong>Yes</strong>: none in 2018',
          // £300 in 2019 alone: a one-off under £1,000
          'Not counted: a one-off grant under £1,000',
          'Grants under £1,000 that were not repeated are not counted',
          // Leeds Community Foundation's 2021 is complete (a grant in December): 2020 is compared
          'Not known yet: the funder has published no later grants',
          'href="/checks/funding_change?change=end&amp;effective_date-day=16&amp;effective_date-month=6&amp;effective_date-year=2018&amp;body=Trafford%20Metropolitan%20Borough%20Council&amp;organisation=GB-CHC-1159034&amp;org_q=Art%20with%20a%20Heart&amp;amount=2000.00&amp;last_award=2017-06-17"']) {
          expect(page.text.includes(want), `${path}: no ${want}`);
        }
      }
      // a recipient the register does not keep: its funding page, by its org-id
      const unlinked = await get('/organisations/360G-leeds-hartleys/funding');
      expect(unlinked.status === 200 && unlinked.text.includes('Grants received') &&
        unlinked.text.includes('>Leeds City Council</a>') &&
        unlinked.text.includes('<span class="govuk-caption-l">Hartley&#39;s Friends</span>'), `${unlinked.status} ${show(unlinked.text.slice(unlinked.text.indexOf('<main')), 300)}`);
    });
    await test('funding: Grants and Contracts are in the navigation; grant rows link their funder and recipient', async () => {
      const page = await get('/grants?funder=GB-LAE-TRF&recipient=GB-CHC-1159034');
      expect(page.status === 200 && tableOf(page.text).startsWith('5 grants'), `${page.status} ${tableOf(page.text)}`);
      expect(/<a class="govuk-service-navigation__link" aria-current="true" href="\/grants">/.test(page.text) &&
        page.text.includes('href="/contracts">Contracts</a>'), 'navigation');
      expect(page.text.includes('<a class="govuk-link" href="/organisations/GB-LAE-TRF">Trafford Metropolitan Borough Council</a>') &&
        page.text.includes('<a class="govuk-link" href="/organisations/GB-CHC-1159034">Art with a Heart</a>'), 'row links');
      expect(page.text.includes('17 June 2017') && !page.text.includes('>2017-06-17<'), 'dates as people read them');
      const other = await get('/grants?funder=360G-leeds-arts');
      expect(other.text.includes('href="/organisations/360G-leeds-arts/funding">Leeds Arts Trust</a>'), 'a funder the register does not keep');
    });
    await test('funding: filters take names; several to choose from, keeping the other filters', async () => {
      let page = await get('/grants?funder=leeds&year=2020');
      expect(page.status === 200 && page.text.includes('Choose the funder') && !tableOf(page.text), `${page.status}`);
      for (const id of ['GB-CHC-1096892', '360G-leeds-arts', 'GB-LAE-LDS']) {
        expect(page.text.includes(`href="/grants?funder=${id}&amp;year=2020"`), `no choice of ${id}`);
      }
      page = await get('/grants?recipient=art%20heart');
      expect(page.text.includes('Choose the recipient') && page.text.includes('href="/grants?recipient=GB-CHC-1159034"') &&
        page.text.includes('href="/grants?recipient=GB-COH-09281882"') && !page.text.includes('Hartley'), 'recipients to choose');
      page = await get('/grants?funder=Community%20LEEDS');
      expect(tableOf(page.text) === '3 grants' && page.text.includes('>Leeds Community Foundation</a>'), `one by name: ${tableOf(page.text)}`);
      page = await get('/grants?funder=trafford&year=2019');
      expect(tableOf(page.text).startsWith('122 grants'), `trafford 2019: ${tableOf(page.text)}`);
      page = await get('/grants?funder=gb-lae-trf');
      expect(tableOf(page.text).startsWith('555 grants'), `an org-id in any case: ${tableOf(page.text)}`);
      page = await get('/contracts?buyer=doncaster');
      expect(tableOf(page.text) === '6 contracts' && page.text.includes('City of Doncaster Council'), `buyer: ${tableOf(page.text)}`);
      page = await get('/contracts?supplier=limited');
      expect(page.text.includes('Choose the supplier'), 'suppliers to choose');
      // the API keeps its org-ids
      const api = JSON.parse((await get('/api/v1/grants?funder=trafford')).text);
      expect(api.total === 0, `API by name: ${api.total}`);
    });
    await test('funding: a name that finds nothing, and hostile input', async () => {
      let page = await get('/grants?funder=zzzz');
      expect(page.status === 200 && page.text.includes('No funder found') && !tableOf(page.text), `none: ${page.status}`);
      for (const q of ['%25', '_', '%5C', '%27%20OR%201%3D1%20--', 'eds']) {
        page = await get(`/grants?funder=${q}`);
        expect(page.status === 200 && page.text.includes('No funder found'), `${q}: ${page.status}`);
      }
      page = await get('/grants?funder=%3Cscript%3Ealert(1)%3C%2Fscript%3E');
      expect(page.status === 200 && !page.text.includes('<script>alert') && page.text.includes('&lt;script&gt;alert(1)&lt;/script&gt;'), 'escaped');
      page = await get('/grants?recipient=%3Cscript%3E');
      expect(page.status === 200 && tableOf(page.text) === '1 grant' && !page.text.includes('<script>alert'), `hostile name: ${tableOf(page.text)}`);
      page = await get('/grants?funder=100%25');
      expect(tableOf(page.text) === '1 grant' && page.text.includes('100% &lt;Fund&gt; &amp; &#39;Co&#39; _x_'), `100%: ${tableOf(page.text)}`);
      page = await get(`/grants?funder=${'x'.repeat(201)}`);
      expect(page.status === 400 && page.text.includes('govuk-error-summary'), `too long: ${page.status}`);
    });
  } finally {
    if (s) {
      const code = await s.stop();
      report('indicators server: SIGTERM stops it with exit code 0', code === 0, `exit ${code}`);
      report('indicators server: no sanitizer report', !SANITIZER_REPORT.test(s.logs()), show(s.logs().slice(-600), 600));
    }
    for (const d of dbs) await d.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}
