// Coverage (SPEC section 3) on the real reference data: GET /api/v1/coverage and its .csv, the
// page GET /coverage with its hex map, and `compact coverage` in its three formats, with exact
// numbers. Compacts are made through POST /api/v1/compacts with an admin's token.
//
//   import { coverageTests } from './coverage.mjs';
//   await coverageTests(BIN, report);   // report(name, ok, why)
import { run, startServer } from '../lib/server.mjs';
import { addToken, addUser, bearer, expect, newPassword, request, show, tester } from './auth.mjs';

const SANITIZER_REPORT = /AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|runtime error:/;
const KENT = 'E10000016'; // 12 districts in 2009-2019 and today
const GATESHEAD_2011 = 'E08000020'; // Gateshead's 2011 code; today E08000037
const DOVER = 'E07000108'; // one of Kent's districts

async function getJson(port, path) {
  const r = await request(port, { path });
  expect(r.status === 200 && /^application\/json/.test(r.headers['content-type']), `${path}: ${r.status} ${show(r.text)}`);
  return JSON.parse(r.text);
}

function sum(obj, key) {
  return Object.values(obj).reduce((n, c) => n + c[key], 0);
}

export async function coverageTests(BIN, report) {
  const test = tester(report);
  let s;
  const ok = await test('coverage: a server starts', async () => {
    s = await startServer(BIN, { threads: 2 });
  });
  if (!ok) return;
  try {
    await test('coverage: with no Compacts, 2012 set: 353 authorities, none covered', async () => {
      const c = await getJson(s.port, '/api/v1/coverage?as_of=2012-03-31&set=2012');
      expect(c.as_of === '2012-03-31' && c.set === '2012', show(JSON.stringify(c).slice(0, 200)));
      expect(c.authorities_total === 353 && c.covered === 0 && c.active_compacts === 0 && c.in_development === 0,
        show(JSON.stringify(c).slice(0, 200)));
      expect(c.uncovered.length === 353 && c.covered_by.length === 0, `${c.uncovered.length} uncovered`);
      expect(JSON.stringify(Object.keys(c.uncovered[0])) === '["gss","name","type"]', show(JSON.stringify(c.uncovered[0])));
      const want = { county: 27, district: 201, metropolitan_district: 36, london_borough: 33, unitary: 56 };
      for (const [t, n] of Object.entries(want)) {
        expect(c.by_type[t].total === n && c.by_type[t].covered === 0, `${t}: ${JSON.stringify(c.by_type[t])}`);
      }
      expect(Object.keys(c.by_region).length === 9 && sum(c.by_region, 'total') === 353, JSON.stringify(c.by_region));
    });
    await test('coverage: the default is today and the current set (317 authorities)', async () => {
      const c = await getJson(s.port, '/api/v1/coverage');
      const today = new Date();
      const local = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
      expect(c.set === 'current' && c.authorities_total === 317 && c.as_of === local, `${c.set} ${c.authorities_total} ${c.as_of}`);
    });

    let admin;
    await test('coverage: three Compacts made through the API (county-wide, a former code, in development)', async () => {
      await addUser(BIN, s.dbPath, 'admin@cov.test', 'admin', newPassword('a'));
      admin = (await addToken(BIN, s.dbPath, 'admin@cov.test')).token;
      const made = [
        { name: 'Kent Compact', authorities: [KENT], status: 'active', status_date: '2012-01-15' },
        { name: 'Gateshead Compact', authorities: [GATESHEAD_2011], status: 'active', status_date: '2011-04-01' },
        { name: 'Dover Compact', authorities: [DOVER], status: 'in_development', status_date: '2011-01-01' },
      ];
      for (const [i, body] of made.entries()) {
        const r = await request(s.port, { method: 'POST', path: '/api/v1/compacts',
          headers: { ...bearer(admin), 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
        expect(r.status === 201 && JSON.parse(r.text).id === i + 1, `${body.name}: ${r.status} ${show(r.text)}`);
      }
    });

    let on;
    await test('coverage: on the day Kent\'s Compact takes effect: Kent and its 12 districts, and Gateshead by its 2011 code', async () => {
      on = await getJson(s.port, '/api/v1/coverage?as_of=2012-01-15&set=2012');
      expect(on.covered === 14 && on.active_compacts === 2 && on.in_development === 0, show(JSON.stringify(on).slice(0, 200)));
      expect(on.uncovered.length === 339 && on.covered_by.length === 14, `${on.uncovered.length} / ${on.covered_by.length}`);
      const by = Object.fromEntries(on.covered_by.map((a) => [a.gss, a]));
      expect(by[KENT] && by[KENT].compact_id === 1 && by[KENT].via_county === false, show(JSON.stringify(by[KENT])));
      // Dover's own Compact is only in development: its county's covers it
      expect(by[DOVER] && by[DOVER].compact_name === 'Kent Compact' && by[DOVER].via_county === true, show(JSON.stringify(by[DOVER])));
      expect(by.E08000037 && by.E08000037.compact_id === 2 && by.E08000037.name === 'Gateshead', show(JSON.stringify(by.E08000037)));
      expect(on.covered_by.filter((a) => a.compact_id === 1 && a.via_county).length === 12, 'not 12 districts through Kent');
    });
    await test('coverage: by type and by region, exactly', async () => {
      const t = on.by_type, r = on.by_region;
      expect(t.county.covered === 1 && t.district.covered === 12 && t.metropolitan_district.covered === 1 &&
        t.london_borough.covered === 0 && t.unitary.covered === 0, JSON.stringify(t));
      expect(sum(t, 'covered') === 14 && sum(t, 'total') === 353, JSON.stringify(t));
      expect(r['South East'].covered === 13 && r['South East'].total === 75 && r['North East'].covered === 1 &&
        sum(r, 'covered') === 14, JSON.stringify(r));
    });
    await test('coverage: the day before, only Gateshead; Dover in development', async () => {
      const c = await getJson(s.port, '/api/v1/coverage?as_of=2012-01-14&set=2012');
      expect(c.covered === 1 && c.active_compacts === 1 && c.in_development === 1, show(JSON.stringify(c).slice(0, 200)));
      expect(c.uncovered.some((a) => a.gss === DOVER) && c.covered_by[0].gss === 'E08000037', show(JSON.stringify(c.covered_by)));
    });
    await test('coverage: today\'s set counts Kent the same (317 authorities)', async () => {
      const c = await getJson(s.port, '/api/v1/coverage?as_of=2012-01-15&set=current');
      expect(c.authorities_total === 317 && c.covered === 14 && c.by_type.county.total === 21, show(JSON.stringify(c).slice(0, 200)));
    });
    let csv;
    await test('coverage: the CSV has a line per authority, with the Compact of each covered one', async () => {
      const r = await request(s.port, { path: '/api/v1/coverage.csv?as_of=2012-01-15&set=2012' });
      expect(r.status === 200 && /^text\/csv/.test(r.headers['content-type']), `${r.status} ${r.headers['content-type']}`);
      csv = r.text;
      const lines = r.text.trimEnd().split('\r\n');
      expect(lines[0] === 'gss,name,type,region,county_gss,state,compact_id,compact_name,via_county', show(lines[0]));
      expect(lines.length === 354, `${lines.length - 1} rows`);
      expect(lines.filter((l) => /,covered,/.test(l)).length === 14, 'not 14 covered');
      expect(lines.includes(`${DOVER},Dover,district,South East,${KENT},covered,1,Kent Compact,true`), show(lines.find((l) => l.startsWith(DOVER))));
      expect(lines.includes('E08000037,Gateshead,metropolitan_district,North East,,covered,2,Gateshead Compact,false'),
        show(lines.find((l) => l.startsWith('E08000037'))));
    });
    await test('coverage: `compact coverage` gives the API\'s JSON and CSV, and the same figures as text', async () => {
      const args = ['coverage', '--db', s.dbPath, '--as-of', '2012-01-15', '--set', '2012'];
      const j = await run(BIN, [...args, '--format', 'json']);
      expect(j.code === 0, `json: exit ${j.code} ${show(j.stderr)}`);
      expect(JSON.stringify(JSON.parse(j.stdout)) === JSON.stringify(on), 'the JSON differs from the API\'s');
      const c = await run(BIN, [...args, '--format', 'csv']);
      expect(c.code === 0 && c.stdout === csv, `csv: exit ${c.code}, ${c.stdout.length} bytes vs ${csv.length}`);
      const t = await run(BIN, args);
      expect(t.code === 0 && t.stdout.startsWith('coverage on 2012-01-15 of the 2012 set: 14 of 353 authorities covered, 0 in development; 2 active Compacts'),
        `text: exit ${t.code} ${show(t.stdout)}`);
      expect(/\n {2}E07000108 {2}Dover {2}by #1 Kent Compact \(through its county\)\n/.test(t.stdout), show(t.stdout.slice(-600), 600));
      expect(/\nSouth East +13 +75\n/.test(t.stdout), 'no South East line');
    });
    await test('coverage: `compact coverage` refuses bad options (exit 2, naming them)', async () => {
      for (const [opt, val, want] of [['--as-of', '2012-02-30', /--as-of/], ['--set', '2013', /--set/], ['--format', 'xml', /format 'xml'/]]) {
        const r = await run(BIN, ['coverage', '--db', s.dbPath, opt, val]);
        expect(r.code === 2 && want.test(r.stderr) && r.stdout === '', `${opt} ${val}: exit ${r.code} ${show(r.stderr)}`);
      }
    });
    await test('coverage: bad as_of or set: 400 problem naming the parameter', async () => {
      for (const [q, param] of [['as_of=2012-02-30', 'as_of'], ['as_of=31/03/2012', 'as_of'], ['set=2013', 'set'],
        ['as_of=2012-3-1&set=2012', 'as_of']]) {
        for (const path of ['/api/v1/coverage', '/api/v1/coverage.csv']) {
          const r = await request(s.port, { path: `${path}?${q}` });
          const p = JSON.parse(r.text);
          expect(r.status === 400 && /^application\/problem\+json/.test(r.headers['content-type']) && p.param === param && p.status === 400,
            `${path}?${q}: ${r.status} ${show(r.text)}`);
        }
      }
    });
    await test('coverage: the page shows the figures, a hex per district linking to it, the key and the tables', async () => {
      const r = await request(s.port, { path: '/coverage?as_of=2012-01-15&set=2012' });
      expect(r.status === 200, `${r.status}`);
      const svg = r.text.slice(r.text.indexOf('<svg xmlns'), r.text.indexOf('</svg>') + 6);
      expect(/On 15 January 2012, 14 of the 353 local authorities of 2009 to 2019 \(4\.0%\) were covered by 2 active local Compacts/.test(r.text),
        show(r.text.slice(r.text.indexOf('id="summary"'), r.text.indexOf('id="summary"') + 200)));
      expect((svg.match(/<a href="\/authorities\/E/g) || []).length === 326, 'not 326 hexes');
      expect(svg.includes('<a href="/authorities/E07000108"><title>Dover: Covered (Kent Compact, through its county)</title>'), 'no Dover hex');
      expect((svg.match(/<use href="#cov-covered"/g) || []).length === 13, 'not 13 covered hexes (12 districts and Gateshead)');
      expect(r.text.includes('339 authorities not covered') && r.text.includes('14 authorities covered') &&
        r.text.includes('>No local Compact is in development.</p>'), 'table captions');
      expect(/<a class="govuk-link" href="\/compacts\/\d+">Kent Compact<\/a> \(through Kent\)/.test(r.text),
        'no county shown for a district, or the Compact not linked to its page');
      expect(!/ style=/.test(r.text) && !/<style/.test(r.text), 'inline style');
      expect(r.text.includes('href="/api/v1/coverage.csv?as_of=2012-01-15&amp;set=2012"'), 'no CSV link');
      expect(r.text.includes('Coverage on each date a Compact&#39;s status changed') && r.text.includes('>15 January 2012</th>'), 'no chart table');
    });
    await test('coverage: the page\'s bad date and set: 400 with the error summary and inline messages', async () => {
      for (const q of ['as_of=2012-13-01&set=1999', 'as_of-day=1&as_of-month=13&as_of-year=2012&set=1999']) {
        const r = await request(s.port, { path: `/coverage?${q}` });
        expect(r.status === 400 && r.text.includes('<title>Error: Coverage of England by local Compacts'), `${q}: ${r.status}`);
        expect(r.text.includes('govuk-error-summary') && r.text.includes('href="#as_of"') && r.text.includes('href="#set"') &&
          r.text.includes('The date to show coverage on must be a real date'), `${q}: summary`);
        expect(r.text.includes('id="as_of-error"') && !r.text.includes('<svg xmlns'), `${q}: inline`);
      }
      const r = await request(s.port, { path: '/coverage?as_of-day=1&as_of-month=13&as_of-year=2012' });
      expect(r.text.includes('id="as_of-month" name="as_of-month" type="text" inputmode="numeric" value="13"'), 'the boxes shown again');
    });
    await test('coverage: the home page links to it', async () => {
      const r = await request(s.port, { path: '/' });
      expect(r.status === 200 && r.text.includes('href="/coverage"'), `${r.status}`);
    });
    await test('coverage: a cached page follows a new Compact at once', async () => {
      const path = '/coverage?as_of=2013-01-01&set=2012';
      const before = await request(s.port, { path });
      await request(s.port, { path }); // from the cache now
      const r = await request(s.port, { method: 'POST', path: '/api/v1/compacts',
        headers: { ...bearer(admin), 'Content-Type': 'application/json' },
        body: JSON.stringify({ name: 'Leeds Compact', authorities: ['E08000035'], status: 'active', status_date: '2012-06-01' }) });
      expect(r.status === 201, `${r.status} ${show(r.text)}`);
      const after = await request(s.port, { path });
      expect(before.text.includes('14 of the 353') && after.text.includes('15 of the 353'), 'the page did not change');
    });
    // Two dates compared (issue 13): on 2011-06-01 Gateshead was covered and Dover's own Compact
    // in development; by 2012-01-15 Kent's Compact covered Kent and its 12 districts.
    const COMPARE = '/api/v1/coverage?as_of=2012-01-15&from=2011-06-01&set=2012';
    await test('coverage: two dates compared: the 13 authorities gained, each with its Compact, none lost', async () => {
      const c = await getJson(s.port, COMPARE);
      const { compare, ...rest } = c;
      expect(JSON.stringify(rest) === JSON.stringify(on), 'the figures on as_of differ from those without from');
      expect(compare && compare.from === '2011-06-01' && compare.covered === 1 && compare.in_development === 1 &&
        compare.active_compacts === 1, show(JSON.stringify(compare).slice(0, 300)));
      expect(compare.gained.length === 13 && compare.lost.length === 0, `${compare.gained.length} gained, ${compare.lost.length} lost`);
      expect(compare.gained.every((a) => a.compact_id === 1 && a.compact_name === 'Kent Compact'), 'not all by Kent');
      const by = Object.fromEntries(compare.gained.map((a) => [a.gss, a]));
      expect(by[KENT] && by[KENT].via_county === false && by[KENT].type === 'county' && by[DOVER].via_county === true &&
        by[DOVER].name === 'Dover', show(JSON.stringify(by[DOVER])));
      expect(!by.E08000037, 'Gateshead was covered on both dates');
      const plain = await getJson(s.port, '/api/v1/coverage?as_of=2012-01-15&set=2012');
      expect(!('compare' in plain), 'a compare member without from');
    });
    await test('coverage: the CSV of a comparison: four more columns, a change on each line', async () => {
      const r = await request(s.port, { path: COMPARE.replace('coverage?', 'coverage.csv?') });
      expect(r.status === 200 && /^text\/csv/.test(r.headers['content-type']), `${r.status}`);
      const lines = r.text.trimEnd().split('\r\n');
      expect(lines[0] === 'gss,name,type,region,county_gss,state,compact_id,compact_name,via_county,' +
        'from_state,from_compact_id,from_compact_name,change', show(lines[0]));
      expect(lines.length === 354, `${lines.length - 1} rows`);
      expect(lines.filter((l) => l.endsWith(',gained')).length === 13 && !lines.some((l) => l.endsWith(',lost')), 'not 13 gained');
      expect(lines.includes(`${DOVER},Dover,district,South East,${KENT},covered,1,Kent Compact,true,in_development,3,Dover Compact,gained`),
        show(lines.find((l) => l.startsWith(DOVER))));
      expect(lines.includes('E08000037,Gateshead,metropolitan_district,North East,,covered,2,Gateshead Compact,false,covered,2,Gateshead Compact,'),
        show(lines.find((l) => l.startsWith('E08000037'))));
      // without from: the CSV as before, the same bytes as the first nine columns of the comparison
      const plain = (await request(s.port, { path: '/api/v1/coverage.csv?as_of=2012-01-15&set=2012' })).text.trimEnd().split('\r\n');
      expect(plain.length === 354 && plain.every((l, i) => i === 0 || lines[i].startsWith(`${l},`)), 'the first nine columns differ');
    });
    await test('coverage: an authority lost: the Compact that covered it, and its state now', async () => {
      const r = await request(s.port, { method: 'POST', path: '/api/v1/compacts/2/status',
        headers: { ...bearer(admin), 'Content-Type': 'application/json' }, body: JSON.stringify({ status: 'inactive', date: '2013-06-01' }) });
      expect(r.status === 201, `${r.status} ${show(r.text)}`);
      const c = await getJson(s.port, '/api/v1/coverage?as_of=2014-01-01&from=2013-01-01&set=2012');
      expect(c.compare.gained.length === 0 && c.compare.lost.length === 1, show(JSON.stringify(c.compare)));
      const l = c.compare.lost[0];
      expect(l.gss === 'E08000037' && l.name === 'Gateshead' && l.state === 'not_covered' && l.compact_id === 2 &&
        l.compact_name === 'Gateshead Compact' && l.via_county === false, show(JSON.stringify(l)));
      const csv = (await request(s.port, { path: '/api/v1/coverage.csv?as_of=2014-01-01&from=2013-01-01&set=2012' })).text;
      expect(csv.includes('\r\nE08000037,Gateshead,metropolitan_district,North East,,not_covered,,,,covered,2,Gateshead Compact,lost\r\n'),
        show(csv.split('\r\n').find((x) => x.startsWith('E08000037'))));
    });
    await test('coverage: bad from: 400 problem naming from (malformed, not a real day, not before as_of)', async () => {
      for (const [q, param, why] of [['from=2011-02-29', 'from', /YYYY-MM-DD/], ['from=1/6/2011', 'from', /YYYY-MM-DD/],
        ['from=2012-01-15&as_of=2012-01-15', 'from', /before as_of/], ['from=2013-01-01&as_of=2012-01-01', 'from', /before as_of/],
        ['from=2999-01-01', 'from', /before as_of/], ['from=2011-01-01&as_of=2012-02-30', 'as_of', /YYYY-MM-DD/]]) {
        for (const path of ['/api/v1/coverage', '/api/v1/coverage.csv']) {
          const r = await request(s.port, { path: `${path}?${q}` });
          const p = JSON.parse(r.text);
          expect(r.status === 400 && /^application\/problem\+json/.test(r.headers['content-type']) && p.param === param &&
            why.test(p.detail), `${path}?${q}: ${r.status} ${show(r.text)}`);
        }
      }
      const r = await request(s.port, { path: '/api/v1/coverage?from=2011-01-01' });
      expect(r.status === 200 && JSON.parse(r.text).compare.from === '2011-01-01', `as_of today: ${r.status}`);
    });
    await test('coverage: `compact coverage --from` gives the API\'s comparison; a --from not before --as-of is refused', async () => {
      const args = ['coverage', '--db', s.dbPath, '--as-of', '2012-01-15', '--from', '2011-06-01', '--set', '2012'];
      const j = await run(BIN, [...args, '--format', 'json']);
      const api = (await request(s.port, { path: COMPARE })).text;
      expect(j.code === 0 && JSON.stringify(JSON.parse(j.stdout)) === JSON.stringify(JSON.parse(api)), `json: exit ${j.code} ${show(j.stderr)}`);
      const c = await run(BIN, [...args, '--format', 'csv']);
      const csv = (await request(s.port, { path: COMPARE.replace('coverage?', 'coverage.csv?') })).text;
      expect(c.code === 0 && c.stdout === csv, `csv: exit ${c.code}`);
      const t = await run(BIN, args);
      expect(t.code === 0 && t.stdout.includes('\non 2011-06-01: 1 covered, 1 in development; 1 active Compacts; since then 13 gained, 0 lost\n') &&
        /\ngained \(13\):\n(?: {2}.*\n)* {2}E07000108 {2}Dover {2}by #1 Kent Compact \(through its county\)\n/.test(t.stdout) && t.stdout.includes('\nlost (0):\n'), show(t.stdout.slice(0, 800), 800));
      const bad = await run(BIN, ['coverage', '--db', s.dbPath, '--as-of', '2012-01-01', '--from', '2013-01-01']);
      expect(bad.code === 2 && /--from/.test(bad.stderr) && bad.stdout === '', `exit ${bad.code} ${show(bad.stderr)}`);
    });
    const PAGE = '/coverage?as_of-day=15&as_of-month=1&as_of-year=2012&from-day=1&from-month=6&from-year=2011&set=2012';
    await test('coverage: the page compares two dates entered in day, month and year boxes', async () => {
      const r = await request(s.port, { path: PAGE });
      expect(r.status === 200, `${r.status}`);
      const t = r.text;
      expect(t.includes('Changes from 1 June 2011 to 15 January 2012') && t.includes('13 authorities gained coverage and none lost it.'), 'heading');
      expect(t.includes('>13 authorities gained coverage') && t.includes('>No authority lost coverage.</p>'), 'the lists');
      expect(t.includes('>14 of 353 (4.0%)</td>') && t.includes('>1 of 353 (0.3%)</td>'), 'percentages beside counts');
      expect(/<a class="govuk-link" href="\/authorities\/E07000108">Dover<\/a>[^]*?Kent Compact<\/a> \(through Kent\)/.test(
        t.slice(t.indexOf('id="gained"'))), 'Dover gained through Kent, linked');
      expect(t.includes('href="/api/v1/coverage.csv?as_of=2012-01-15&amp;from=2011-06-01&amp;set=2012"'), 'no CSV of the comparison');
      expect(t.includes('id="from-day" name="from-day" type="text" inputmode="numeric" value="1"') &&
        t.includes('id="as_of-year" name="as_of-year" type="text" inputmode="numeric" value="2012"'), 'the boxes keep the dates');
      // the same from ISO dates (the filter form and links carry them): the boxes filled in
      const iso = await request(s.port, { path: '/coverage?as_of=2012-01-15&from=2011-06-01&set=2012' });
      expect(iso.status === 200 && iso.text.includes('13 authorities gained coverage and none lost it.') &&
        iso.text.includes('id="from-month" name="from-month" type="text" inputmode="numeric" value="6"'), 'ISO dates');
    });
    await test('coverage: the page\'s bad dates: an error summary naming the field, nothing drawn', async () => {
      for (const [q, field, msg] of [
        ['from-day=31&from-month=2&from-year=2011', 'from', 'The date to compare with must be a real date'],
        ['from-day=1&from-month=6&from-year=', 'from', 'The date to compare with must be a real date'],
        ['from=2011-02-31', 'from', 'The date to compare with must be a real date'],
        ['as_of-day=1&as_of-month=1&as_of-year=2011&from-day=1&from-month=6&from-year=2011', 'from',
          'The date to compare with must be before 1 January 2011'],
        ['as_of-day=x&as_of-month=1&as_of-year=2011', 'as_of', 'The date to show coverage on must be a real date']]) {
        const r = await request(s.port, { path: `/coverage?${q}&set=2012` });
        const summary = r.text.slice(r.text.indexOf('govuk-error-summary'), r.text.indexOf('</ul>', r.text.indexOf('govuk-error-summary')));
        expect(r.status === 400 && summary.includes(`href="#${field}"`) && summary.includes(msg) &&
          r.text.includes(`id="${field}-error"`) && !r.text.includes('<svg xmlns') && !r.text.includes('id="changes"'),
        `${q}: ${r.status} ${show(summary)}`);
      }
    });
    await test('coverage: the page lists in development apart from not covered, with counts of each', async () => {
      const r = await request(s.port, { path: '/coverage?as_of=2011-06-01&set=2012' });
      const t = r.text;
      const notCovered = t.slice(t.indexOf('id="not-covered-list"'), t.indexOf('</table>', t.indexOf('id="not-covered-list"')));
      const inDev = t.slice(t.indexOf('id="in-development"'), t.indexOf('</table>', t.indexOf('id="in-development"')));
      expect(r.status === 200 && notCovered.includes('351 authorities not covered') && !notCovered.includes(`/authorities/${DOVER}"`), 'not covered');
      expect(inDev.includes('1 authority where a local Compact is in development') && inDev.includes(`/authorities/${DOVER}"`) &&
        inDev.includes('>Dover Compact</a>'), show(inDev.slice(0, 400), 400));
      expect(t.includes('A local Compact was in development for 1 more authority (0.3%).') &&
        t.includes('351 authorities (99.4%) had no local Compact, in force or in development.'), 'the summary');
      const districts = t.slice(t.indexOf('>Districts</th>'), t.indexOf('</tr>', t.indexOf('>Districts</th>')));
      expect(/>0 of 201<\/td>.*>1 \(0\.5%\)<\/td>.*>200 \(99\.5%\)<\/td>/.test(districts), show(districts, 400));
    });
    await test('coverage: the page filters the authorities not covered by type and region (names, not codes)', async () => {
      const csv = (await request(s.port, { path: '/api/v1/coverage.csv?as_of=2012-01-15&set=2012' })).text.trimEnd().split('\r\n');
      const want = csv.filter((l) => /^[^,]+,[^,]+,district,South East,[^,]*,not_covered,/.test(l)).map((l) => l.split(',')[0]);
      const r = await request(s.port, { path: '/coverage?as_of=2012-01-15&set=2012&type=district&region=south-east' });
      const t = r.text;
      const list = t.slice(t.indexOf('id="not-covered-list"'), t.indexOf('</table>', t.indexOf('id="not-covered-list"')));
      const got = [...list.matchAll(/href="\/authorities\/(E\d+)"/g)].map((m) => m[1]);
      expect(r.status === 200 && want.length > 10 && JSON.stringify(got) === JSON.stringify(want), `${got.length} of ${want.length}`);
      expect(list.includes(`>${want.length} authorities not covered`) && list.includes('Type: Districts. Region: South East.'), 'caption');
      expect(!got.includes(DOVER) && t.includes('<option value="south-east" selected>South East</option>') &&
        t.includes('<option value="district" selected>District</option>'), 'the filters by name');
      // the covered list is not filtered; the other form keeps the filters, the filter form the dates
      expect(t.includes('14 authorities covered') && t.includes('<input type="hidden" name="region" value="south-east">') &&
        t.includes('<input type="hidden" name="as_of" value="2012-01-15">'), 'hidden fields');
      const bad = await request(s.port, { path: '/coverage?type=castle&region=atlantis' });
      expect(bad.status === 400 && bad.text.includes('href="#type"') && bad.text.includes('href="#region"') &&
        bad.text.includes('id="type-error"') && bad.text.includes('id="region-error"'), `${bad.status}`);
    });
  } finally {
    const code = await s.stop();
    report('coverage: the server stops cleanly', code === 0 && !SANITIZER_REPORT.test(s.logs()), `exit ${code}; ${show(s.logs().slice(-600), 600)}`);
  }
}
