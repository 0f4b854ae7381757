// Text is valid UTF-8 everywhere (issue 11, item 3): JSON bodies, forms and query strings with
// bytes that are not UTF-8 (stray, overlong, an encoded surrogate, past U+10FFFF, cut short),
// a NUL (\u0000, which cJSON used to read as the end of the string, so "2023-01-01\u0000" passed
// as a date) or half a surrogate pair (\ud800) are refused: 400 problem JSON naming the field
// under /api/, a GOV.UK error summary naming it on pages, and nothing stored. After the bad
// writes the lists still decode as strict UTF-8 JSON (one stored byte 0xFF made /api/v1/compacts
// unreadable for everybody) and hold what they held before.
import { addToken, addUser, bearer, cookieHeader, expect, newPassword, request, session, show, onServer } from './auth.mjs';

// Bytes as written: "\xff" is the byte 0xFF, "\\u0000" JSON's escape.
const L = (s) => Buffer.from(s, 'latin1');
const STRICT = new TextDecoder('utf-8', { fatal: true });

// The reply's JSON, its bytes decoded as strict UTF-8 (JSON.parse alone would take U+FFFD).
function strictJson(res, what) {
  let text;
  try {
    text = STRICT.decode(res.buf);
  } catch {
    throw new Error(`${what}: the reply is not UTF-8: ${show(res.buf.toString('latin1'), 300)}`);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`${what}: the reply is not JSON: ${show(text, 300)}`);
  }
}

export async function utf8Tests(BIN, report) {
  await onServer(BIN, report, 'utf8', (s, test) => run1(BIN, s, test));
}

async function run1(BIN, s, test) {
  const P = s.port;
  const pw = newPassword('u');
  let admin, A, commitment, people;
  const json = (method, path, body) => request(P, { method, path, body: typeof body === 'string' ? L(body) : body,
    headers: { ...bearer(admin), 'Content-Type': 'application/json' } });

  const ready = await test('utf8: an admin, a Compact, an organisation that signs it, a commitment', async () => {
    await addUser(BIN, s.dbPath, 'admin@utf8.test', 'admin', pw);
    admin = (await addToken(BIN, s.dbPath, 'admin@utf8.test')).token;
    const c = await json('POST', '/api/v1/compacts',
      '{"name":"Trafford Compact","authorities":["E08000009"],"status":"active","status_date":"2012-04-01"}');
    expect(c.status === 201, `compact: ${c.status} ${show(c.text)}`);
    A = strictJson(c, 'compact').id;
    const o = await json('POST', '/api/v1/organisations', '{"name":"Sale Food Bank","org_id":"GB-CHC-1234567","type":"charity"}');
    expect(o.status === 201, `organisation: ${o.status} ${show(o.text)}`);
    const g = await json('POST', `/api/v1/compacts/${A}/signatories`,
      '{"organisation":"GB-CHC-1234567","signed_on":"2012-04-01","role":"Chair"}');
    expect(g.status === 201, `signatory: ${g.status} ${show(g.text)}`);
    const list = strictJson(await request(P, { path: '/api/v1/commitments' }), 'commitments');
    commitment = list.sections[0].commitments[0].id;
    expect(commitment, 'no commitment');
    people = await session(P, 'admin@utf8.test', pw);
  });
  if (!ready) return;

  // What the bad writes must leave as it is: each list as strict JSON.
  const LISTS = ['/api/v1/compacts', `/api/v1/compacts/${A}`, '/api/v1/organisations', '/api/v1/organisations/GB-CHC-1234567',
    `/api/v1/compacts/${A}/signatories`, '/api/v1/commitments', `/api/v1/audit?kind=compact&entity=${A}`];
  const snapshot = async () => {
    const out = {};
    for (const path of LISTS) {
      const r = await request(P, { path, headers: bearer(admin) });
      expect(r.status === 200, `GET ${path}: ${r.status}`);
      out[path] = strictJson(r, `GET ${path}`);
    }
    return out;
  };
  const before = await snapshot();

  const NOT_UTF8 = /is not valid UTF-8 text/;
  const NUL = /contains a NUL character/;
  const HALF = /half of a surrogate pair/;
  const S = `/api/v1/compacts/${A}`;
  const cases = [
    // a new Compact
    ['POST', '/api/v1/compacts', 'a byte 0xFF in name',
      '{"name":"Bad \xff Compact","authorities":["E08000009"],"status":"active","status_date":"2012-04-01"}', 'name', NOT_UTF8],
    ['POST', '/api/v1/compacts', 'a date with \\u0000 at its end',
      '{"name":"Nul Compact","authorities":["E08000009"],"status":"active","status_date":"2023-01-01\\u0000"}', 'status_date', NUL],
    ['POST', '/api/v1/compacts', '\\u0000 inside an authority\'s code',
      '{"name":"Nul Compact","authorities":["E08000009\\u0000x"],"status":"active","status_date":"2012-04-01"}', 'authorities.0', NUL],
    ['POST', '/api/v1/compacts', 'a lone \\ud800 in name',
      '{"name":"Half \\ud800 Compact","authorities":["E08000009"],"status":"active","status_date":"2012-04-01"}', 'name', HALF],
    ['POST', '/api/v1/compacts', 'an overlong "/" in a contact\'s name',
      '{"name":"Contact Compact","authorities":["E08000009"],"status":"active","status_date":"2012-04-01",' +
      '"contacts":[{"name":"Ann"},{"name":"B\xc0\xaf"}]}', 'contacts.1.name', NOT_UTF8],
    // a change to it, and its status
    ['PATCH', S, 'a sequence cut short in name', '{"name":"Trafford \xe2\x82"}', 'name', NOT_UTF8],
    ['PATCH', S, '\\u0000 in a date', '{"adopted":"2012-01-01\\u0000junk"}', 'adopted', NUL],
    ['PATCH', S, '\\u0000 in a code of practice\'s title', '{"codes":{"add":[{"title":"\\u0000Funding"}]}}', 'codes.add.0.title', NUL],
    ['PATCH', S, 'a field name that is not UTF-8', '{"\xff":1}', 'body', /has a field name that is not valid UTF-8/],
    ['POST', `${S}/status`, '\\u0000 in the date', '{"status":"inactive","date":"2013-01-01\\u0000"}', 'date', NUL],
    // organisations
    ['POST', '/api/v1/organisations', 'an encoded surrogate in name', '{"name":"Half \xed\xa0\x80","type":"charity"}', 'name', NOT_UTF8],
    ['POST', '/api/v1/organisations', '\\u0000 after an org-id', '{"name":"Nul","org_id":"GB-CHC-7654321\\u0000","type":"charity"}', 'org_id', NUL],
    ['PATCH', '/api/v1/organisations/GB-CHC-1234567', 'a character past U+10FFFF in name', '{"name":"Sale \xf4\x90\x80\x80"}', 'name', NOT_UTF8],
    ['PATCH', '/api/v1/organisations/GB-CHC-1234567', 'a lone \\udc00 in website', '{"website":"https://food.example/\\udc00"}', 'website', HALF],
    // signatories
    ['POST', `${S}/signatories`, 'a byte 0xFF in role', '{"organisation":"GB-CHC-1234567","signed_on":"2013-04-01","role":"Chair \xff"}', 'role', NOT_UTF8],
    ['POST', `${S}/signatories`, '\\u0000 after signed_on', '{"organisation":"GB-CHC-1234567","signed_on":"2013-04-01\\u0000","role":"Chair"}', 'signed_on', NUL],
    ['PATCH', `${S}/signatories/1`, '\\u0000 after withdrawn_on', '{"withdrawn_on":"2015-01-01\\u0000"}', 'withdrawn_on', NUL],
    // checks, recorded activities, parameters and commitments
    ['POST', '/api/v1/checks', '\\u0000 after the kind', '{"activity":{"kind":"consultation\\u0000"}}', 'activity.kind', NUL],
    ['POST', `${S}/activities`, '\\u0000 in a date', '{"activity":{"kind":"consultation","opens":"2012-01-01\\u0000"}}', 'activity.opens', NUL],
    ['PUT', `${S}/parameters`, 'a parameter\'s name cut by \\u0000', '{"notice_months\\u0000x":6}', 'body', /has a field name that contains a NUL/],
    ['PATCH', `/api/v1/commitments/${commitment}`, 'a byte 0xFF in the paraphrase', '{"paraphrase":"Give \xff notice"}', 'paraphrase', NOT_UTF8],
  ];
  for (const [method, path, what, body, field, detail] of cases) {
    await test(`utf8: ${method} ${path.replace(`/compacts/${A}`, '/compacts/{id}')} with ${what}: 400 naming ${field}`, async () => {
      const r = await json(method, path, body);
      const p = strictJson(r, 'the problem');
      expect(r.status === 400 && (r.headers['content-type'] || '').startsWith('application/problem+json') &&
        p.param === field && detail.test(p.detail), `${r.status} ${show(r.text, 300)}`);
    });
  }

  // Forms: the field named in a GOV.UK error summary.
  const form = (path, body, headers = cookieHeader(people.cookie)) => request(P, { method: 'POST', path, body: L(body),
    headers: { ...headers, 'Content-Type': 'application/x-www-form-urlencoded' } });
  const summary = (r, field) => r.status === 400 && (r.headers['content-type'] || '').startsWith('text/html') &&
    r.text.includes('govuk-error-summary') && r.text.includes(`href="#${field}"`) &&
    r.text.includes(`${field} is not valid UTF-8 text`) && /<title>Error: /.test(r.text);
  await test('utf8: the organisation form with an overlong "/" (%C0%AF) in name: 400, the error summary names name', async () => {
    const r = await form('/organisations', `csrf_token=${people.csrf}&name=Sale%C0%AFBank&type=charity`);
    expect(summary(r, 'name'), `${r.status} ${show(r.text.slice(0, 600), 600)}`);
  });
  await test('utf8: the organisation form with a byte 0xFF as sent in name: 400 naming name', async () => {
    const r = await form('/organisations', `csrf_token=${people.csrf}&name=Sale\xffBank&type=charity`);
    expect(summary(r, 'name'), `${r.status} ${show(r.text.slice(0, 600), 600)}`);
  });
  await test('utf8: the signatory form with a cut sequence (%E2%82) in role: 400 naming role', async () => {
    const r = await form(`/compacts/${A}/signatories`,
      `csrf_token=${people.csrf}&organisation=GB-CHC-1234567&role=Chair%E2%82&signed_on-day=1&signed_on-month=4&signed_on-year=2013`);
    expect(summary(r, 'role'), `${r.status} ${show(r.text.slice(0, 600), 600)}`);
  });
  await test('utf8: the sign-in form with an encoded surrogate (%ED%A0%80) in email: 400 naming email', async () => {
    const r = await form('/login', 'email=a%ED%A0%80@utf8.test&password=x', {});
    expect(summary(r, 'email'), `${r.status} ${show(r.text.slice(0, 600), 600)}`);
  });

  await test('utf8: after every bad write the lists are strict UTF-8 JSON and unchanged: nothing was stored', async () => {
    const after = await snapshot();
    for (const path of LISTS) {
      expect(JSON.stringify(after[path]) === JSON.stringify(before[path]),
        `${path} changed: ${show(JSON.stringify(before[path]), 200)} -> ${show(JSON.stringify(after[path]), 200)}`);
    }
  });

  // Query strings: the parameter named.
  await test('utf8: GET /api/v1/organisations?q=%C0%AF: 400 problem naming q', async () => {
    const r = await request(P, { path: '/api/v1/organisations?q=%C0%AF' });
    const p = strictJson(r, 'the problem');
    expect(r.status === 400 && p.param === 'q' && NOT_UTF8.test(p.detail), `${r.status} ${show(r.text)}`);
  });
  await test('utf8: GET /api/v1/compacts?q=Traf%ED%BF%BF: 400 problem naming q', async () => {
    const r = await request(P, { path: '/api/v1/compacts?q=Traf%ED%BF%BF' });
    const p = strictJson(r, 'the problem');
    expect(r.status === 400 && p.param === 'q' && NOT_UTF8.test(p.detail), `${r.status} ${show(r.text)}`);
  });
  await test('utf8: GET /organisations?q=caf%C3: 400, the error summary names q', async () => {
    const r = await request(P, { path: '/organisations?q=caf%C3' });
    expect(summary(r, 'q'), `${r.status} ${show(r.text.slice(0, 600), 600)}`);
  });
  await test('utf8: a path with an overlong "/" (/compacts/1%C0%AF..) is 400', async () => {
    const r = await request(P, { path: '/compacts/1%C0%AF..' });
    expect(r.status === 400, `${r.status}`);
  });

  // Well-formed text still passes, however it is written.
  await test('utf8: GET /api/v1/organisations?q=caf%C3%A9 is 200', async () => {
    const r = await request(P, { path: '/api/v1/organisations?q=caf%C3%A9' });
    expect(r.status === 200 && strictJson(r, 'the list').total === 0, `${r.status} ${show(r.text)}`);
  });
  await test('utf8: a surrogate pair (\\ud83d\\ude00) and raw UTF-8 are stored as their characters', async () => {
    const r = await json('PATCH', S, Buffer.concat([L('{"name":"Trafford \\ud83d\\ude00 Compact '),
      Buffer.from('café', 'utf8'), L('"}')]));
    expect(r.status === 200, `${r.status} ${show(r.text)}`);
    const list = strictJson(await request(P, { path: '/api/v1/compacts' }), 'the list');
    expect(list.items.some((c) => c.name === 'Trafford \u{1F600} Compact café'), show(JSON.stringify(list.items.map((c) => c.name))));
  });
}
