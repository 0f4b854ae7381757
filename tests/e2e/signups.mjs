// The case for signing up (SPEC section 9) on the real reference data: GET /api/v1/signups and
// its .csv (the JSON contract exactly), bad as_of and set, the page GET /signups with its hex
// map and tables, the partners summary of a Compact's page, the council line of an authority's
// page, and `compact signups` in its three formats. Compacts, organisations and signatories are
// made through the API with an admin's token.
//
// Kent's Compact (active from 1 April 2011) covers Kent and, through it, its 12 districts: Kent
// County Council, Thanet District Council and Kent Police sign it, an NHS body signs and then
// withdraws (1 January 2012); Dover District Council does not sign. Medway's Compact (active
// from 1 April 2011) is signed by Medway Council only on 1 June 2012.
//
//   import { signupTests } from './signups.mjs';
//   await signupTests(BIN, report);   // report(name, ok, why)
import { run } from '../lib/server.mjs';
import { addToken, addUser, bearer, expect, newPassword, onServer, request, show } from './auth.mjs';

const KENT = 'E10000016';
const DOVER = 'E07000108';
const THANET = 'E07000114';
const MEDWAY = 'E06000035';
const ON = 'as_of=2012-03-31&set=2012';

function send(port, token, method, path, body) {
  return request(port, { method, path, headers: { ...bearer(token), 'Content-Type': 'application/json' },
    body: JSON.stringify(body) });
}

async function getJson(port, path) {
  const r = await request(port, { path });
  expect(r.status === 200 && /^application\/json/.test(r.headers['content-type']), `${path}: ${r.status} ${show(r.text)}`);
  return JSON.parse(r.text);
}

export async function signupTests(BIN, report) {
  await onServer(BIN, report, 'signups', (s, test) => run1(BIN, s, test));
}

async function run1(BIN, s, test) {
  const P = s.port;
  let admin;
  const ready = await test('signups: two Compacts, three organisations and six signatures made through the API', async () => {
    await addUser(BIN, s.dbPath, 'admin@signups.test', 'admin', newPassword('a'));
    admin = (await addToken(BIN, s.dbPath, 'admin@signups.test')).token;
    for (const [i, body] of [
      { name: 'Kent Compact', authorities: [KENT], status: 'active', status_date: '2011-04-01' },
      { name: 'Medway Compact', authorities: [MEDWAY], status: 'active', status_date: '2011-04-01' },
    ].entries()) {
      const r = await send(P, admin, 'POST', '/api/v1/compacts', body);
      expect(r.status === 201 && JSON.parse(r.text).id === i + 1, `${body.name}: ${r.status} ${show(r.text)}`);
    }
    for (const body of [
      { name: 'Kent Police', type: 'police' },
      { name: 'NHS Kent and Medway', type: 'nhs' },
      { org_id: 'GB-CHC-1111111', name: 'Kent Volunteers', type: 'charity' },
    ]) {
      const r = await send(P, admin, 'POST', '/api/v1/organisations', body);
      expect(r.status === 201, `${body.name}: ${r.status} ${show(r.text)}`);
    }
    for (const [compact, body] of [
      [1, { organisation: 'GB-LAE-KEN', signed_on: '2011-05-01', role: 'Leader of the Council' }],
      [1, { organisation: 'GB-LAE-THA', signed_on: '2011-06-01', role: 'Leader of the Council' }],
      [1, { organisation: 'Kent Police', signed_on: '2011-05-01', role: 'Chief Constable' }],
      [1, { organisation: 'NHS Kent and Medway', signed_on: '2011-05-01', role: 'Chief executive', withdrawn_on: '2012-01-01' }],
      [1, { organisation: 'GB-CHC-1111111', signed_on: '2011-05-01', role: 'Chair' }],
      [2, { organisation: 'GB-LAE-MDW', signed_on: '2012-06-01', role: 'Leader of the Council' }],
    ]) {
      const r = await send(P, admin, 'POST', `/api/v1/compacts/${compact}/signatories`, body);
      expect(r.status === 201, `${body.organisation}: ${r.status} ${show(r.text)}`);
    }
  });
  if (!ready) return;

  let on;
  await test('signups: the JSON contract, exactly as SPEC section 9 gives it', async () => {
    on = await getJson(P, `/api/v1/signups?${ON}`);
    expect(JSON.stringify(Object.keys(on)) === '["as_of","set","compacts","not_signed","not_covered"]', show(JSON.stringify(on)));
    expect(on.as_of === '2012-03-31' && on.set === '2012', show(JSON.stringify(on).slice(0, 100)));
    // the NHS body withdrew before the day, the charity is not a statutory body
    expect(JSON.stringify(on.compacts) === JSON.stringify([
      { id: 1, name: 'Kent Compact', signed_types: ['council', 'police'], missing_types: ['nhs', 'fire'] },
      { id: 2, name: 'Medway Compact', signed_types: [], missing_types: ['council', 'nhs', 'police', 'fire'] },
    ]), show(JSON.stringify(on.compacts), 400));
    expect(on.not_signed.every((c) => JSON.stringify(Object.keys(c)) === '["gss","council","compact_id"]'), show(JSON.stringify(on.not_signed[0])));
    expect(on.not_covered.every((c) => JSON.stringify(Object.keys(c)) === '["gss","council"]'), show(JSON.stringify(on.not_covered[0])));
  });
  await test('signups: a district covered through its county has not signed unless it signed itself', async () => {
    const by = Object.fromEntries(on.not_signed.map((c) => [c.gss, c]));
    expect(JSON.stringify(by[DOVER]) === `{"gss":"${DOVER}","council":"GB-LAE-DOV","compact_id":1}`, show(JSON.stringify(by[DOVER])));
    expect(!by[THANET] && !by[KENT], 'Thanet or Kent, which signed, listed as not signed');
    // Medway's council signed only after the day asked
    expect(by[MEDWAY] && by[MEDWAY].compact_id === 2 && by[MEDWAY].council === 'GB-LAE-MDW', show(JSON.stringify(by[MEDWAY])));
    expect(on.not_signed.length === 12, `${on.not_signed.length} not signed (11 of Kent's districts and Medway)`);
    expect(on.not_covered.length === 353 - 14 && !on.not_covered.some((c) => c.gss === DOVER), `${on.not_covered.length} not covered`);
    // by region (ONS order): the North East's councils come first among those not covered
    expect(on.not_covered[0].gss.startsWith('E0') && on.not_covered.findIndex((c) => c.gss === 'E08000037') < 12,
      show(JSON.stringify(on.not_covered.slice(0, 3))));
  });
  await test('signups: a signature counts from the day signed until the day withdrawn', async () => {
    const before = await getJson(P, '/api/v1/signups?as_of=2011-12-31&set=2012');
    expect(JSON.stringify(before.compacts[0].signed_types) === '["council","nhs","police"]', show(JSON.stringify(before.compacts[0])));
    const later = await getJson(P, '/api/v1/signups?as_of=2012-06-01&set=2012');
    expect(!later.not_signed.some((c) => c.gss === MEDWAY) && JSON.stringify(later.compacts[1].signed_types) === '["council"]',
      show(JSON.stringify(later.compacts[1])));
    const early = await getJson(P, '/api/v1/signups?as_of=2011-03-31&set=2012');
    expect(early.compacts.length === 0 && early.not_signed.length === 0 && early.not_covered.length === 353, 'before any Compact');
    const today = await getJson(P, '/api/v1/signups');
    expect(today.set === 'current' && today.not_covered.length + today.not_signed.length === 317 - 3,
      `${today.not_covered.length} + ${today.not_signed.length}`);
  });
  let csv;
  await test('signups: the CSV, a line per council with its state (RFC 4180, CRLF)', async () => {
    const r = await request(P, { path: `/api/v1/signups.csv?${ON}` });
    expect(r.status === 200 && /^text\/csv/.test(r.headers['content-type']), `${r.status} ${r.headers['content-type']}`);
    csv = r.text;
    expect(csv.endsWith('\r\n') && !/[^\r]\n/.test(csv), 'not CRLF');
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0] === 'gss,authority,council,council_name,type,region,state,compact_id,compact_name,via_county,signed_on', show(lines[0]));
    expect(lines.length === 354, `${lines.length - 1} rows`);
    expect(lines.includes(`${DOVER},Dover,GB-LAE-DOV,Dover District Council,district,South East,not_signed,1,Kent Compact,true,`),
      show(lines.find((l) => l.startsWith(DOVER))));
    expect(lines.includes(`${THANET},Thanet,GB-LAE-THA,Thanet District Council,district,South East,signed,1,Kent Compact,true,2011-06-01`),
      show(lines.find((l) => l.startsWith(THANET))));
    expect(lines.filter((l) => /,signed,/.test(l)).length === 2 && lines.filter((l) => /,not_signed,/.test(l)).length === 12 &&
      lines.filter((l) => /,not_covered,,,,$/.test(l)).length === 339, 'counts by state');
  });
  await test('signups: bad as_of or set: 400 problem naming the parameter, for the JSON and the CSV', async () => {
    for (const [q, param] of [['as_of=2012-02-30', 'as_of'], ['as_of=31/03/2012', 'as_of'], ['set=2013', 'set'],
      ['as_of=2012-3-1&set=2012', 'as_of'], ['as_of=2012-03-31&set=', null]]) {
      for (const path of ['/api/v1/signups', '/api/v1/signups.csv']) {
        const r = await request(P, { path: `${path}?${q}` });
        if (!param) {
          expect(r.status === 200, `${path}?${q}: ${r.status} (an empty set is the default)`);
          continue;
        }
        const p = JSON.parse(r.text);
        expect(r.status === 400 && /^application\/problem\+json/.test(r.headers['content-type']) && p.param === param &&
          p.status === 400 && typeof p.detail === 'string' && p.detail.length > 0, `${path}?${q}: ${r.status} ${show(r.text)}`);
      }
    }
  });
  await test('signups: the page: summary, a hex per district by state, the key, the tables by region', async () => {
    const r = await request(P, { path: `/signups?${ON}` });
    expect(r.status === 200 && /^text\/html/.test(r.headers['content-type']), `${r.status}`);
    const t = r.text;
    expect(t.includes('<h1 class="govuk-heading-l">Who has signed local Compacts</h1>'), 'no h1');
    expect(/On 31 March 2012, 2 of the 14 councils of 2009 to 2019 whose areas an active local Compact covers had signed it \(14\.3%\)/.test(t),
      show(t.slice(t.indexOf('id="summary"'), t.indexOf('id="summary"') + 260), 260));
    const svg = t.slice(t.indexOf('<svg xmlns'), t.indexOf('</svg>') + 6);
    expect((svg.match(/<a href="\/authorities\/E/g) || []).length === 326, 'not 326 hexes');
    expect((svg.match(/<use href="#sig-signed"/g) || []).length === 1, 'not 1 signed hex (Thanet; Kent is a county)');
    expect((svg.match(/<use href="#sig-not_signed"/g) || []).length === 12, 'not 12 hexes not signed');
    expect(svg.includes(`<a href="/authorities/${DOVER}"><title>Dover: Not signed (Kent Compact, through its county)</title>`), 'no Dover hex');
    expect(t.includes('Not signed: an active local Compact covers the area, but the council has not signed it'), 'no key');
    expect(t.includes('South East: 12 councils') && /id="not-signed-south-east"/.test(t), 'no South East table of councils not signed');
    expect(/<a class="govuk-link" href="\/authorities\/E07000108">Dover District Council<\/a>/.test(t) &&
      /Kent Compact<\/a> \(through Kent\)/.test(t), 'Dover not named, or its Compact not shown through Kent');
    const missing = t.slice(t.indexOf('id="missing-summary"'), t.indexOf('</div>', t.indexOf('id="missing-summary"')));
    expect(missing.includes('Of the 2 active local Compacts:') && missing.includes('<li>1 has no council among its signatories</li>') &&
      missing.includes('<li>2 have no NHS body among their signatories</li>') && missing.includes('<li>1 has no police force among its signatories</li>') &&
      missing.includes('<li>2 have no fire and rescue service among their signatories</li>'), show(missing, 400));
    expect(/Kent Compact<\/a><\/td><td[^>]*><ul class="govuk-list"><li>Kent County Council <span[^>]*>\(council\)<\/span><\/li><li>Thanet District Council <span[^>]*>\(council\)<\/span><\/li><li>Kent Police /.test(t) &&
      t.includes('<ul class="govuk-list"><li>NHS body</li><li>Fire and rescue service</li></ul></td>'), 'the Compact\'s signatories by type, and the partners missing');
    expect(t.includes('Show the 339 councils, by region') && t.includes('Show the 2 councils, by region'), 'the long lists not folded');
    expect(t.includes('>1 June 2011<') && !/>\d{4}-\d{2}-\d{2}</.test(t), 'dates not as "1 June 2011"');
    expect(!t.includes('GB-LAE-'), 'an org-id shown to people');
    expect(t.includes(`href="/api/v1/signups.csv?as_of=2012-03-31&amp;set=2012"`), 'no CSV link');
    expect(!/ style=/.test(t) && !/<style/.test(t), 'inline style');
  });
  await test('signups: the page\'s bad date and set: 400 with the error summary, nothing else', async () => {
    for (const q of ['as_of=2012-13-01&set=1999', 'as_of-day=30&as_of-month=2&as_of-year=2012&set=1999']) {
      const r = await request(P, { path: `/signups?${q}` });
      expect(r.status === 400 && r.text.includes('<title>Error: Who has signed local Compacts'), `${q}: ${r.status}`);
      expect(r.text.includes('govuk-error-summary') && r.text.includes('href="#as_of"') && r.text.includes('href="#set"') &&
        r.text.includes('The date must be a real date'), `${q}: summary`);
      expect(!r.text.includes('<svg xmlns') && !r.text.includes('id="not-signed"'), `${q}: a report with errors`);
    }
  });
  await test('signups: a Compact\'s page says which statutory partners have not signed', async () => {
    const r = await request(P, { path: '/compacts/1' });
    expect(r.status === 200, `${r.status}`);
    expect(r.text.includes('Statutory partners: a council and the police have signed this Compact; no NHS body or fire and rescue service has.'),
      show(r.text.slice(r.text.indexOf('id="partners"'), r.text.indexOf('id="partners"') + 300), 300));
    const m = await request(P, { path: '/compacts/2' });
    expect(m.text.includes('Statutory partners: a council has signed this Compact; no NHS body, police force or fire and rescue service has.'),
      show(m.text.slice(m.text.indexOf('id="partners"'), m.text.indexOf('id="partners"') + 300), 300));
  });
  await test('signups: an authority\'s page says whether its council has signed the Compact that covers it', async () => {
    const dover = await request(P, { path: `/authorities/${DOVER}` });
    expect(dover.status === 200 && dover.text.includes('Dover District Council has not signed it: the county&#39;s Compact covers the area'),
      show(dover.text.slice(dover.text.indexOf('id="council-signed"'), dover.text.indexOf('id="council-signed"') + 300), 300));
    const thanet = await request(P, { path: `/authorities/${THANET}` });
    expect(thanet.text.includes('Thanet District Council signed it on 1 June 2011'), 'Thanet');
    const leeds = await request(P, { path: '/authorities/E08000035' });
    expect(!leeds.text.includes('id="council-signed"'), 'a line for an area no Compact covers');
  });
  await test('signups: `compact signups` gives the API\'s JSON and CSV, and the same figures as text', async () => {
    const args = ['signups', '--db', s.dbPath, '--as-of', '2012-03-31', '--set', '2012'];
    const j = await run(BIN, [...args, '--format', 'json']);
    expect(j.code === 0 && JSON.stringify(JSON.parse(j.stdout)) === JSON.stringify(on), `json: exit ${j.code} ${show(j.stderr)}`);
    const c = await run(BIN, [...args, '--format', 'csv']);
    expect(c.code === 0 && c.stdout === csv, `csv: exit ${c.code}, ${c.stdout.length} bytes vs ${csv.length}`);
    const t = await run(BIN, args);
    expect(t.code === 0 && t.stdout.startsWith('signups on 2012-03-31 of the 2012 set: of 353 councils, 2 signed the Compact that covers ' +
      'their area, 12 did not, 339 had no active Compact; 2 active Compacts'), `text: exit ${t.code} ${show(t.stdout)}`);
    expect(/\n {2}#1 Kent Compact: signed council, police; missing nhs, fire\n/.test(t.stdout), show(t.stdout.slice(0, 600), 600));
    expect(/\n {4}E07000108 {2}Dover District Council {2}GB-LAE-DOV {2}#1 Kent Compact \(through its county\)\n/.test(t.stdout), 'no Dover line');
  });
  await test('signups: `compact signups` refuses bad options (exit 2, naming them)', async () => {
    for (const [opt, val, want] of [['--as-of', '2012-02-30', /--as-of/], ['--set', '2013', /--set/], ['--format', 'xml', /format 'xml'/]]) {
      const r = await run(BIN, ['signups', '--db', s.dbPath, opt, val]);
      expect(r.code === 2 && want.test(r.stderr) && r.stdout === '', `${opt} ${val}: exit ${r.code} ${show(r.stderr)}`);
    }
  });
}
