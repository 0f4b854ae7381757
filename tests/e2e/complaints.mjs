// Complaints (SPEC section 6, issue 14) through the real server, on SQLite and on PostgreSQL:
// the whole HTTP contract for each role and by object (an admin; the coordinator of the case's
// Compact and of another; members of the complainant, of the respondent and of a third
// organisation; nobody signed in), SPEC's worked example (a stage started on Friday 2012-12-21
// with 10 working days is due on 2013-01-09 and overdue on 2013-01-10), each 409 refusal and the
// 400s naming their field, nothing stored by a refused request, a Compact's parameter changed
// after a stage started leaving its due date alone, a reopening as a new stage entry, a late
// escalation to the ombudsman, the statistics with small numbers suppressed, and
// `compact complaints` show, list, stats and overdue.
//
//   import { complaintTests } from './complaints.mjs';
//   await complaintTests(BIN, report);   // report(name, ok, why)
import { addToken, addUser, bearer, cookieHeader, expect, newPassword, onServer, request, session, show } from './auth.mjs';
import { run } from '../lib/server.mjs';

export async function complaintTests(BIN, report) {
  await onServer(BIN, report, 'complaints', (s, test) => tests(BIN, s, test));
}

function parse(res) {
  try {
    return JSON.parse(res.text);
  } catch {
    throw new Error(`not JSON (${res.status}): ${show(res.text)}`);
  }
}

// A problem reply (RFC 9457) of status naming param.
function problem(res, status, param) {
  const ct = res.headers['content-type'] || '';
  expect(res.status === status && ct.startsWith('application/problem+json'),
    `status ${res.status} (${ct}), want ${status} problem: ${show(res.text, 300)}`);
  const p = parse(res);
  expect(p.status === status && typeof p.detail === 'string' && p.detail.length > 0, `problem ${show(res.text, 300)}`);
  if (param !== undefined) expect(p.param === param, `param ${show(p.param)}, want ${param}: ${show(res.text, 300)}`);
  return p;
}

const CHARITY = 'GB-CHC-1234567';
const THIRD = 'GB-CHC-7654321';
const COUNCIL = 'GB-LAE-MRT';

// A new case on the worked example's dates.
const CASE = {
  complainant: CHARITY, respondent: COUNCIL, title: 'Funding ended without notice',
  summary: "Our grant ended with two weeks' notice.", aware_on: '2012-11-20', opened_on: '2012-12-21',
  rules: ['funding.notice'],
};

async function tests(BIN, s, test) {
  const P = s.port;
  const who = {};
  let A, B, first, second;

  const send = (method, path, person, body, headers = {}) => request(P, {
    method, path,
    headers: { ...(person ? bearer(person.token) : {}), ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const get = (path, person) => send('GET', path, person);
  const create = (compact, person, body) => send('POST', `/api/v1/compacts/${compact}/complaints`, person, body);
  const event = (id, person, body) => send('POST', `/api/v1/complaints/${id}/events`, person, body);
  const read = async (id, asOf) => {
    const r = await get(`/api/v1/complaints/${id}${asOf ? `?as_of=${asOf}` : ''}`, who.admin);
    expect(r.status === 200, `read ${id}: ${r.status} ${show(r.text)}`);
    return parse(r);
  };
  const count = async (compact) => parse(await get(`/api/v1/compacts/${compact}/complaints`, who.admin)).total;
  const cli = async (args) => {
    const r = await run(BIN, ['complaints', ...args, '--db', s.dbPath]);
    expect(r.code === 0, `compact complaints ${args.join(' ')}: exit ${r.code}; ${show(r.stderr, 400)}`);
    return r.stdout;
  };

  const ready = await test('complaints: an admin, coordinators of Compacts A and B, members of the complainant, the respondent and a third organisation', async () => {
    await addUser(BIN, s.dbPath, 'admin@cases.test', 'admin', newPassword('a'));
    who.admin = { token: (await addToken(BIN, s.dbPath, 'admin@cases.test')).token };
    for (const [org, name] of [[CHARITY, 'Merton Youth Trust'], [THIRD, 'Wimbledon Arts']]) {
      const r = await send('POST', '/api/v1/organisations', who.admin, { org_id: org, name, type: 'charity' });
      expect(r.status === 201, `organisation ${org}: ${r.status} ${show(r.text)}`);
    }
    for (const [key, role, org] of [['coordA', 'coordinator'], ['coordB', 'coordinator'], ['complainant', 'member', CHARITY],
      ['respondent', 'member', COUNCIL], ['third', 'member', THIRD]]) {
      const email = `${key.toLowerCase()}@cases.test`;
      const password = newPassword(key);
      await addUser(BIN, s.dbPath, email, role, password, org);
      who[key] = { email, password, token: (await addToken(BIN, s.dbPath, email)).token };
    }
    const make = async (name, person) => {
      const r = await send('POST', '/api/v1/compacts', person, { name, authorities: ['E09000024'], status: 'active', status_date: '2010-04-01' });
      expect(r.status === 201, `${name}: ${r.status} ${show(r.text)}`);
      return parse(r).id;
    };
    A = await make('Merton Compact', who.coordA);
    B = await make('Sutton Compact', who.coordB);
  });
  if (!ready) return;

  // ---- opening a case ----

  await test('complaints: the complainant\'s member opens a case: 201, Location, the worked example\'s due date', async () => {
    const r = await create(A, who.complainant, CASE);
    expect(r.status === 201, `${r.status} ${show(r.text, 400)}`);
    const c = parse(r);
    first = c.id;
    expect(r.headers.location === `/api/v1/complaints/${first}`, `Location ${show(r.headers.location)}`);
    expect(c.compact_id === A && c.status === 'open' && c.stage === 'informal' && c.title === CASE.title, show(r.text, 400));
    expect(c.complainant.org_id === CHARITY && c.complainant.name === 'Merton Youth Trust' && c.respondent.org_id === COUNCIL, show(r.text, 400));
    expect(c.aware_on === '2012-11-20' && c.opened_on === '2012-12-21' && c.ombudsman_deadline === '2013-11-20' && c.ombudsman_late === false, show(r.text, 400));
    expect(JSON.stringify(c.rules) === '["funding.notice"]' && c.activity_id === null && c.outcome === null, show(r.text, 400));
    const st = c.stages;
    expect(st.length === 1 && st[0].stage === 'informal' && st[0].started_on === '2012-12-21' && st[0].days === 10 &&
      st[0].source === 'national default' && st[0].due_on === '2013-01-09' && st[0].responded_on === null && st[0].ended_on === null,
    `stages ${show(JSON.stringify(st), 400)}`);
    expect(c.events.length === 1 && c.events[0].n === 1 && c.events[0].type === 'opened' && c.events[0].date === '2012-12-21' &&
      typeof c.events[0].by === 'string' && c.events[0].by.length > 0 && !/^user:/.test(c.events[0].by), `events ${show(JSON.stringify(c.events))}`);
  });

  await test('complaints: as of 2013-01-10 the informal stage is overdue; on 2013-01-08 one working day is left', async () => {
    const late = await read(first, '2013-01-10');
    expect(late.as_of === '2013-01-10' && late.stages[0].state === 'overdue', show(JSON.stringify(late.stages)));
    const early = await read(first, '2013-01-08');
    expect(early.stages[0].state === 'awaiting_response' && early.stages[0].working_days_left === 1, show(JSON.stringify(early.stages)));
  });

  await test('complaints: a second case, opened by an admin at informal, for the lists and the overdue job', async () => {
    const r = await create(A, who.admin, { ...CASE, title: 'Consultation of four weeks', rules: [], stage: 'informal' });
    expect(r.status === 201, `${r.status} ${show(r.text)}`);
    second = parse(r).id;
  });

  // ---- who sees a case ----

  const sees = [
    ['an admin', () => who.admin, 200], ['the coordinator of its Compact', () => who.coordA, 200],
    ['the coordinator of another Compact', () => who.coordB, 404], ['a member of the complainant', () => who.complainant, 200],
    ['a member of the respondent', () => who.respondent, 200], ['a member of a third organisation', () => who.third, 404],
    ['nobody signed in', () => null, 404],
  ];
  for (const [name, person, status] of sees) {
    await test(`complaints: ${name} reading the case gets ${status}`, async () => {
      const r = await get(`/api/v1/complaints/${first}`, person());
      if (status === 404) problem(r, 404);
      else expect(r.status === 200 && parse(r).id === first, `${r.status} ${show(r.text)}`);
    });
  }
  await test('complaints: a case that does not exist is 404, like one not seen', async () => {
    problem(await get('/api/v1/complaints/99999', who.admin), 404);
    problem(await get('/api/v1/complaints/abc', who.admin), 404);
  });
  await test('complaints: a malformed as_of is 400 naming it', async () => {
    problem(await get(`/api/v1/complaints/${first}?as_of=2013-02-30`, who.admin), 400, 'as_of');
  });

  // ---- refused creates: nothing stored ----

  await test('complaints: nobody signed in may not open a case (401), nor a session without its CSRF token (403); nothing stored', async () => {
    const before = await count(A);
    const r = await create(A, null, CASE);
    expect(r.status === 401, `nobody: ${r.status} ${show(r.text)}`);
    const sess = await session(P, who.complainant.email, who.complainant.password);
    const noCsrf = await request(P, { method: 'POST', path: `/api/v1/compacts/${A}/complaints`,
      headers: { ...cookieHeader(sess.cookie), 'Content-Type': 'application/json' }, body: JSON.stringify(CASE) });
    expect(noCsrf.status === 403, `session without CSRF: ${noCsrf.status} ${show(noCsrf.text)}`);
    expect(await count(A) === before, 'a case was stored');
    const withCsrf = await request(P, { method: 'POST', path: `/api/v1/compacts/${A}/complaints`,
      headers: { ...cookieHeader(sess.cookie), 'X-CSRF-Token': sess.csrf, 'Content-Type': 'application/json' },
      body: JSON.stringify({ ...CASE, title: 'Raised from a session' }) });
    expect(withCsrf.status === 201, `session with CSRF: ${withCsrf.status} ${show(withCsrf.text)}`);
    expect(await count(A) === before + 1, 'the case of the session was not stored');
  });
  await test('complaints: the coordinator of another Compact may not open a case on this one (403); nothing stored', async () => {
    const before = await count(A);
    problem(await create(A, who.coordB, CASE), 403);
    problem(await create(A, who.coordB, {}), 403);
    expect(await count(A) === before, 'a case was stored');
  });
  await test('complaints: a member may open a case only as the complainant (403 as another organisation)', async () => {
    const before = await count(A);
    problem(await create(A, who.third, CASE), 403);
    expect(await count(A) === before, 'a case was stored');
  });
  await test('complaints: a case on a Compact that does not exist is 404', async () => {
    problem(await create(99999, who.admin, CASE), 404);
  });
  const badCreates = [
    ['an unknown field', { ...CASE, colour: 'red' }, 'colour'],
    ['a title of the wrong type', { ...CASE, title: 7 }, 'title'],
    ['no complainant', { ...CASE, complainant: undefined }, 'complainant'],
    ['an unknown complainant', { ...CASE, complainant: 'GB-CHC-0000001' }, 'complainant'],
    ['an unknown respondent', { ...CASE, respondent: 'GB-COH-00000000' }, 'respondent'],
    ['a malformed aware_on', { ...CASE, aware_on: '2012-13-01' }, 'aware_on'],
    ['aware_on after opened_on', { ...CASE, aware_on: '2013-01-01' }, 'aware_on'],
    ['opened_on in the future', { ...CASE, opened_on: '2099-01-01' }, 'opened_on'],
    ['an unknown rule', { ...CASE, rules: ['funding.nope'] }, 'rules'],
    ['a stage a case may not open at', { ...CASE, stage: 'ombudsman' }, 'stage'],
    ['an unknown stage', { ...CASE, stage: 'appeal' }, 'stage'],
    ['a body that is not JSON', '{"title":', 'body'],
    ['text that is not UTF-8', Buffer.from(`{"complainant":"${CHARITY}","title":"caf\xe9"}`, 'latin1'), 'title'],
  ];
  for (const [name, body, param] of badCreates) {
    await test(`complaints: opening a case with ${name} is 400 naming ${param}, nothing stored`, async () => {
      const before = await count(A);
      const r = await request(P, { method: 'POST', path: `/api/v1/compacts/${A}/complaints`,
        headers: { ...bearer(who.complainant.token), 'Content-Type': 'application/json' },
        body: Buffer.isBuffer(body) ? body : typeof body === 'string' ? body : JSON.stringify(body) });
      problem(r, 400, param);
      expect(await count(A) === before, 'a case was stored');
    });
  }

  // ---- events: refusals first, each storing nothing ----

  const refusals = [
    ['escalating to a stage not later than the current one', () => who.complainant, { type: 'escalated', date: '2013-01-03', to: 'informal' }, 409, 'to'],
    ['escalating to the ombudsman never having been at formal', () => who.complainant, { type: 'escalated', date: '2013-01-03', to: 'ombudsman', ombudsman: 'lgo' }, 409, 'to'],
    ['reopening an open case', () => who.admin, { type: 'reopened', date: '2013-01-03' }, 409, 'type'],
    ['an unknown type', () => who.admin, { type: 'appeal', date: '2013-01-03' }, 400, 'type'],
    ['a malformed date', () => who.admin, { type: 'note', date: '2013-02-30' }, 400, 'date'],
    ['a date before the last event\'s', () => who.admin, { type: 'note', date: '2012-12-20' }, 400, 'date'],
    ['a date in the future', () => who.admin, { type: 'note', date: '2099-01-01' }, 400, 'date'],
    ['an unknown stage', () => who.complainant, { type: 'escalated', date: '2013-01-03', to: 'appeal' }, 400, 'to'],
    ['escalating to the ombudsman without naming which', () => who.admin, { type: 'escalated', date: '2013-01-03', to: 'ombudsman' }, 400, 'ombudsman'],
    ['an unknown field', () => who.admin, { type: 'note', date: '2013-01-03', by: 'someone' }, 400, 'by'],
    ['a note of the wrong type', () => who.admin, { type: 'note', date: '2013-01-03', note: ['x'] }, 400, 'note'],
  ];
  for (const [name, person, body, status, param] of refusals) {
    await test(`complaints: ${name} is ${status} naming ${param}; the case keeps its events`, async () => {
      const before = (await read(first)).events.length;
      problem(await event(first, person(), body), status, param);
      expect((await read(first)).events.length === before, 'an event was stored');
    });
  }

  const eventBy = [
    ['nobody signed in', () => null, 401],
    ['a member of a third organisation', () => who.third, 404],
    ['the coordinator of another Compact', () => who.coordB, 404],
    ['a member of the complainant recording the body\'s response', () => who.complainant, 403],
  ];
  for (const [name, person, status] of eventBy) {
    await test(`complaints: ${name} adding a response gets ${status}; nothing stored`, async () => {
      const before = (await read(first)).events.length;
      const r = await event(first, person(), { type: 'response', date: '2013-01-07' });
      expect(r.status === status, `${r.status} ${show(r.text)}`);
      expect((await read(first)).events.length === before, 'an event was stored');
    });
  }

  await test('complaints: the respondent\'s member records the response in time: 201 with the case', async () => {
    const r = await event(first, who.respondent, { type: 'response', date: '2013-01-07', note: 'We will look again' });
    expect(r.status === 201, `${r.status} ${show(r.text)}`);
    const c = parse(r);
    expect(c.events.length === 2 && c.events[1].type === 'response' && c.events[1].note === 'We will look again', show(JSON.stringify(c.events)));
    expect(c.stages[0].responded_on === '2013-01-07' && c.stages[0].state === 'responded', show(JSON.stringify(c.stages)));
  });
  await test('complaints: a second response at the same stage is 409 naming type; nothing stored', async () => {
    problem(await event(first, who.respondent, { type: 'response', date: '2013-01-08' }), 409, 'type');
    expect((await read(first)).events.length === 2, 'an event was stored');
  });
  await test('complaints: the respondent\'s member may not escalate (403); the complainant\'s member escalates to formal', async () => {
    const no = await event(first, who.respondent, { type: 'escalated', date: '2013-01-14', to: 'formal' });
    expect(no.status === 403, `respondent: ${no.status} ${show(no.text)}`);
    const r = await event(first, who.complainant, { type: 'escalated', date: '2013-01-14', to: 'formal' });
    expect(r.status === 201, `${r.status} ${show(r.text)}`);
    const c = parse(r);
    // 20 working days after Monday 2013-01-14
    expect(c.stage === 'formal' && c.stages.length === 2 && c.stages[1].due_on === '2013-02-11' && c.stages[1].days === 20 &&
      c.stages[0].ended_on === '2013-01-14', show(JSON.stringify(c.stages)));
    const ev = c.events[2];
    expect(ev.type === 'escalated' && ev.to === 'formal' && ev.ombudsman === null, show(JSON.stringify(ev)));
  });
  await test('complaints: a member of either side adds a note', async () => {
    for (const person of [who.complainant, who.respondent]) {
      const r = await event(first, person, { type: 'note', date: '2013-01-15', note: 'Meeting booked' });
      expect(r.status === 201, `${r.status} ${show(r.text)}`);
    }
    expect((await read(first)).events.length === 5, 'not 5 events');
  });

  await test('complaints: a Compact\'s parameter changed after a stage started does not move its due date', async () => {
    const put = await send('PUT', `/api/v1/compacts/${A}/parameters`, who.coordA, { formal_response_days: 5 });
    expect(put.status === 200, `parameters: ${put.status} ${show(put.text)}`);
    const c = await read(first);
    expect(c.stages[1].due_on === '2013-02-11' && c.stages[1].days === 20 && c.stages[1].source === 'national default',
      show(JSON.stringify(c.stages[1])));
  });

  await test('complaints: the coordinator closes the case as upheld: the outcome with causes, remedy and date', async () => {
    const r = await event(first, who.coordA, { type: 'closed', date: '2013-02-01', outcome: 'upheld', causes: ['funding.notice'], remedy: 'Funding restored for a year' });
    expect(r.status === 201, `${r.status} ${show(r.text)}`);
    const c = parse(r);
    expect(c.status === 'closed' && JSON.stringify(c.outcome) ===
      '{"outcome":"upheld","causes":["funding.notice"],"remedy":"Funding restored for a year","date":"2013-02-01"}', show(r.text, 600));
    expect(c.stages[1].ended_on === '2013-02-01' && c.stages[1].state === 'ended_early', show(JSON.stringify(c.stages)));
  });
  for (const [name, body] of [['a response', { type: 'response', date: '2013-02-04' }], ['an escalation', { type: 'escalated', date: '2013-02-04', to: 'dispute' }],
    ['a closing', { type: 'closed', date: '2013-02-04', outcome: 'resolved' }]]) {
    await test(`complaints: ${name} on a closed case is 409 naming type; nothing stored`, async () => {
      const before = (await read(first)).events.length;
      problem(await event(first, who.admin, body), 409, 'type');
      expect((await read(first)).events.length === before, 'an event was stored');
    });
  }
  await test('complaints: a note on a closed case is taken', async () => {
    const r = await event(first, who.complainant, { type: 'note', date: '2013-02-04', note: 'Thank you' });
    expect(r.status === 201 && parse(r).status === 'closed', `${r.status} ${show(r.text)}`);
  });
  await test('complaints: reopening starts formal again as a new stage entry with a due date fixed now (5 days)', async () => {
    const r = await event(first, who.admin, { type: 'reopened', date: '2013-03-04', note: 'Funding not restored' });
    expect(r.status === 201, `${r.status} ${show(r.text)}`);
    const c = parse(r);
    expect(c.status === 'open' && c.outcome === null && c.stages.length === 3, show(JSON.stringify(c.stages)));
    // the earlier entry keeps its state; the new one takes the Compact's 5 days: 2013-03-11
    expect(c.stages[1].state === 'ended_early' && c.stages[2].stage === 'formal' && c.stages[2].started_on === '2013-03-04' &&
      c.stages[2].days === 5 && c.stages[2].source === 'compact' && c.stages[2].due_on === '2013-03-11', show(JSON.stringify(c.stages)));
  });
  await test('complaints: escalated to the ombudsman after the deadline: accepted, ombudsman_late', async () => {
    const r = await event(first, who.complainant, { type: 'escalated', date: '2013-12-02', to: 'ombudsman', ombudsman: 'lgo' });
    expect(r.status === 201, `${r.status} ${show(r.text)}`);
    const c = parse(r);
    expect(c.stage === 'ombudsman' && c.ombudsman_late === true && c.ombudsman === 'lgo', show(r.text, 600));
    const ev = c.events[c.events.length - 1];
    expect(ev.to === 'ombudsman' && ev.ombudsman === 'lgo', show(JSON.stringify(ev)));
    const stage = c.stages[c.stages.length - 1];
    expect(stage.due_on === null && stage.days === null && stage.state === 'awaiting_response', show(JSON.stringify(stage)));
  });

  // ---- lists ----

  const lists = [
    ['an admin', () => who.admin, 3], ['the coordinator of Compact A', () => who.coordA, 3], ['the coordinator of Compact B', () => who.coordB, 0],
    ['a member of the complainant', () => who.complainant, 3], ['a member of a third organisation', () => who.third, 0], ['nobody signed in', () => null, 0],
  ];
  for (const [name, person, n] of lists) {
    await test(`complaints: Compact A's list for ${name} holds ${n} cases`, async () => {
      const r = await get(`/api/v1/compacts/${A}/complaints`, person());
      expect(r.status === 200, `${r.status} ${show(r.text)}`);
      const l = parse(r);
      expect(l.total === n && l.items.length === n, `${l.total} cases: ${show(r.text, 300)}`);
    });
  }
  await test('complaints: a list pages by limit and cursor', async () => {
    const one = parse(await get(`/api/v1/compacts/${A}/complaints?limit=2`, who.admin));
    expect(one.total === 3 && one.items.length === 2 && typeof one.next === 'string', show(JSON.stringify(one), 300));
    const two = parse(await get(`/api/v1/compacts/${A}/complaints?limit=2&cursor=${encodeURIComponent(one.next)}`, who.admin));
    expect(two.total === 3 && two.items.length === 1 && two.next === null, show(JSON.stringify(two), 300));
    const ids = [...one.items, ...two.items].map((i) => i.id).sort((a, b) => a - b);
    expect(JSON.stringify(ids) === JSON.stringify([first, second, ids[2]].sort((a, b) => a - b)) && new Set(ids).size === 3, `ids ${ids}`);
    problem(await get(`/api/v1/compacts/${A}/complaints?limit=0`, who.admin), 400, 'limit');
  });
  await test('complaints: the overdue list as of 2013-01-10 holds the open case overdue since 2013-01-09', async () => {
    const r = await get('/api/v1/complaints?overdue=true&as_of=2013-01-10', who.admin);
    expect(r.status === 200, `${r.status} ${show(r.text)}`);
    const l = parse(r);
    const item = l.items.find((i) => i.id === second);
    expect(item && item.due_on === '2013-01-09' && item.state === 'overdue' && item.working_days_late === 1 &&
      item.complainant.org_id === CHARITY && item.compact_id === A, show(r.text, 500));
    expect(!l.items.some((i) => i.id === first), 'the first case (responded) is in it');
    const none = parse(await get('/api/v1/complaints?overdue=true&as_of=2013-01-10', who.third));
    expect(none.total === 0, `a third organisation's member sees ${none.total}`);
    problem(await get('/api/v1/complaints?overdue=maybe', who.admin), 400, 'overdue');
    problem(await get(`/api/v1/compacts/99999/complaints`, who.admin), 404);
  });

  // ---- statistics ----

  await test('complaints: Compact B\'s twelve cases of 2013: eight answered in time at informal, four escalated to formal', async () => {
    for (let i = 0; i < 12; i++) {
      const r = await create(B, who.admin, { ...CASE, title: `Case ${i}`, aware_on: '2013-03-01', opened_on: '2013-03-04', rules: [] });
      expect(r.status === 201, `${r.status} ${show(r.text)}`);
      const id = parse(r).id;
      const e = i < 8 ? { type: 'response', date: '2013-03-06' } : { type: 'escalated', date: '2013-03-06', to: 'formal' };
      const ev = await event(id, who.admin, e);
      expect(ev.status === 201, `${ev.status} ${show(ev.text)}`);
    }
  });
  await test('complaints: statistics suppress 1 to 4 (null) and the next smallest cell, show zeros, and the share with a base of 12', async () => {
    const r = await get(`/api/v1/complaints/stats?compact_id=${B}&year=2013`, null);
    expect(r.status === 200, `${r.status} ${show(r.text)}`);
    const st = parse(r);
    expect(st.compact_id === B && st.year === 2013 && st.opened === 12, show(r.text, 600));
    // formal 4 is suppressed; as the one suppressed cell, informal 8 with it; zeros shown
    expect(JSON.stringify(st.by_stage) === '{"informal":null,"formal":null,"dispute":0,"advice":0,"ombudsman":0}', `by_stage ${JSON.stringify(st.by_stage)}`);
    expect(st.by_outcome.open === 12 && st.by_outcome.upheld === 0, `by_outcome ${JSON.stringify(st.by_outcome)}`);
    expect(st.by_cause['funding.notice'] === 0, `by_cause ${JSON.stringify(st.by_cause)}`);
    // responded in time: 8 informal; due: those 8 and the 4 formal ones never answered
    expect(st.on_time.base === 12 && st.on_time.responded === 8 && Math.abs(st.on_time.share - 8 / 12) < 1e-9, `on_time ${JSON.stringify(st.on_time)}`);
  });
  await test('complaints: with a base under 10 no share is shown; Compact A\'s cases of 2012 are fewer than 5 (null)', async () => {
    const st = parse(await get(`/api/v1/complaints/stats?compact_id=${A}&year=2012`, null));
    expect(st.opened === null && st.on_time.share === null, show(JSON.stringify(st), 400));
    const none = parse(await get(`/api/v1/complaints/stats?compact_id=${A}&year=2011`, null));
    expect(none.opened === 0 && none.by_stage.informal === 0, show(JSON.stringify(none), 400));
    const national = parse(await get('/api/v1/complaints/stats', null));
    expect(national.compact_id === null && national.opened === 15 && JSON.stringify(national.years) === '[2013,2012]', show(JSON.stringify(national), 400));
    problem(await get('/api/v1/complaints/stats?year=13', null), 400, 'year');
    problem(await get('/api/v1/complaints/stats?compact_id=99999', null), 404);
  });

  // ---- the command line ----

  await test('complaints: `compact complaints show --format json` says what the API says', async () => {
    const api = await read(second, '2013-01-10');
    const out = JSON.parse(await cli(['show', String(second), '--as-of', '2013-01-10', '--format', 'json']));
    expect(JSON.stringify(out) === JSON.stringify(api), `cli ${show(JSON.stringify(out), 300)} api ${show(JSON.stringify(api), 300)}`);
    const text = await cli(['show', String(second), '--as-of', '2013-01-10']);
    expect(text.includes('Consultation of four weeks') && text.includes('Merton Youth Trust') && text.includes('2013-01-09') &&
      text.includes('Overdue'), show(text, 600));
  });
  await test('complaints: `compact complaints list` as text, JSON and CSV', async () => {
    const j = JSON.parse(await cli(['list', '--compact', String(A), '--format', 'json']));
    expect(j.total === 3, `${j.total} cases`);
    const open = JSON.parse(await cli(['list', '--open', '--format', 'json']));
    expect(open.total === 15 - 0 && open.items.every((i) => i.status === 'open'), `${open.total} open`);
    const csv = (await cli(['list', '--compact', String(A), '--format', 'csv'])).trim().split('\r\n');
    expect(csv[0].startsWith('id,compact_id,compact,title,status,stage') && csv.length === 4, show(csv.join('|'), 400));
    const text = await cli(['list', '--compact', String(A)]);
    expect(/ID\s+Compact\s+Title/.test(text) && text.includes('Merton Compact'), show(text, 400));
  });
  await test('complaints: `compact complaints stats` as JSON equals the API, and as CSV', async () => {
    const api = parse(await get(`/api/v1/complaints/stats?compact_id=${B}&year=2013`, null));
    const out = JSON.parse(await cli(['stats', '--compact', String(B), '--year', '2013', '--format', 'json']));
    expect(JSON.stringify(out) === JSON.stringify(api), `cli ${show(JSON.stringify(out), 300)}`);
    const csv = await cli(['stats', '--compact', String(B), '--year', '2013', '--format', 'csv']);
    expect(csv.startsWith('breakdown,key,count\r\nopened,,12\r\nstage,informal,\r\nstage,formal,\r\nstage,dispute,0\r\n'), show(csv, 300));
    const text = await cli(['stats', '--compact', String(B), '--year', '2013']);
    expect(/fewer than 5/.test(text) && /66\.7%/.test(text), show(text, 600));
  });
  await test('complaints: `compact complaints overdue` for a daily job: a row per overdue case, exit 0', async () => {
    const csv = (await cli(['overdue', '--as-of', '2013-01-10', '--format', 'csv'])).trim().split('\r\n');
    const row = csv.find((l) => l.startsWith(`${second},`));
    expect(row && row.includes(',2013-01-09,overdue,,1') && row.includes(CHARITY) && row.includes('Merton Compact'), show(csv.join('|'), 600));
    const j = JSON.parse(await cli(['overdue', '--as-of', '2012-12-21']));
    expect(j.total === 0 && j.items.length === 0, `on the day it opened: ${j.total}`);
    const bad = await run(BIN, ['complaints', 'overdue', '--format', 'text', '--db', s.dbPath]);
    expect(bad.code === 2, `--format text: exit ${bad.code}`);
  });
}
