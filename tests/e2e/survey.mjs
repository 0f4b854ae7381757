// The annual survey (SPEC section 7) through the real binary: the HTTP contract of POST
// /api/v1/surveys, POST /api/v1/surveys/{year}/responses, GET /api/v1/surveys/{year}/results
// (and .csv) and a Compact's invitation codes as CSV, with every refusal (a bad option, four
// choices, a body type without statutory, a used code, an unknown code, a round not yet open
// and one closed, the benchmark of another Compact), a refused answer keeping its code,
// suppression in the results, and `compact survey add|codes|import|results` (a bad import line
// storing nothing).
//
//   import { surveyTests } from './survey.mjs';
//   await surveyTests(BIN, report);   // report(name, ok, why)
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../lib/server.mjs';
import { addToken, addUser, bearer, cookieHeader, expect, newPassword, onServer, request, session, show } from './auth.mjs';

const YEAR = new Date().getFullYear(); // the round open today
const CODE = /^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/;

function api(port, token, method, path, body) {
  const headers = token ? bearer(token) : {};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  return request(port, { method, path, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

function problem(r, status, param, detail) {
  expect(r.status === status && /^application\/problem\+json/.test(r.headers['content-type']), `${r.status} ${show(r.text)}`);
  const p = JSON.parse(r.text);
  expect(param === undefined || p.param === param, `param ${p.param}, not ${param}: ${show(r.text)}`);
  expect(!detail || detail.test(p.detail), `detail: ${show(r.text)}`);
  return p;
}

async function results(port, year = YEAR) {
  const r = await request(port, { path: `/api/v1/surveys/${year}/results` });
  expect(r.status === 200 && /^application\/json/.test(r.headers['content-type']), `${r.status} ${show(r.text)}`);
  return JSON.parse(r.text);
}

export async function surveyTests(BIN, report) {
  await onServer(BIN, report, 'survey', async (s, test) => {
    const P = s.port;
    const T = {};
    const PW = {};
    let A;
    let B;
    await test('survey: an admin, two coordinators, a member; Compacts A and B', async () => {
      for (const [who, role] of [['admin', 'admin'], ['coorda', 'coordinator'], ['coordb', 'coordinator'], ['member', 'member']]) {
        PW[who] = newPassword(who);
        await addUser(BIN, s.dbPath, `${who}@survey.test`, role, PW[who], role === 'member' ? 'GB-CHC-1' : undefined);
        T[who] = (await addToken(BIN, s.dbPath, `${who}@survey.test`)).token;
      }
      const ids = [];
      for (const [name, gss, coord] of [['Leeds Compact', 'E08000035', 'coorda'], ['Kent Compact', 'E10000016', 'coordb']]) {
        const r = await api(P, T.admin, 'POST', '/api/v1/compacts', { name, authorities: [gss], status: 'active', status_date: '2010-01-01' });
        expect(r.status === 201, `${r.status} ${show(r.text)}`);
        const id = JSON.parse(r.text).id;
        const p = await api(P, T.admin, 'PATCH', `/api/v1/compacts/${id}`, { coordinators: [`${coord}@survey.test`] });
        expect(p.status === 200, `${p.status} ${show(p.text)}`);
        ids.push(id);
      }
      [A, B] = ids;
    });

    await test('survey: only admins open a round (401 nobody, 403 a coordinator)', async () => {
      const body = { year: YEAR, opens_on: `${YEAR}-01-01`, closes_on: `${YEAR}-12-31` };
      expect((await api(P, null, 'POST', '/api/v1/surveys', body)).status === 401, 'nobody');
      problem(await api(P, T.coorda, 'POST', '/api/v1/surveys', body), 403);
    });
    for (const [what, body, param] of [
      ['no closes_on', { year: 2011, opens_on: '2011-03-01' }, 'closes_on'],
      ['a year as text', { year: '2011', opens_on: '2011-03-01', closes_on: '2011-05-31' }, 'year'],
      ['a year out of range', { year: 1999, opens_on: '1999-03-01', closes_on: '1999-05-31' }, 'year'],
      ['a date that is not one', { year: 2011, opens_on: '2011-02-30', closes_on: '2011-05-31' }, 'opens_on'],
      ['closing before it opens', { year: 2011, opens_on: '2011-05-31', closes_on: '2011-03-01' }, 'closes_on'],
      ['another member', { year: 2011, opens_on: '2011-03-01', closes_on: '2011-05-31', name: 'x' }, 'name'],
    ]) {
      await test(`survey: a round with ${what} is 400 naming ${param}, and nothing is made`, async () => {
        problem(await api(P, T.admin, 'POST', '/api/v1/surveys', body), 400, param);
        expect((await request(P, { path: '/api/v1/surveys/2011/results' })).status === 404, 'a round was made');
      });
    }
    await test('survey: an admin opens three rounds (2011 closed, this year open, 2099 not yet); a second 2011 is 409', async () => {
      for (const [y, o, c] of [[2011, '2011-03-01', '2011-05-31'], [YEAR, `${YEAR}-01-01`, `${YEAR}-12-31`], [2099, '2099-03-01', '2099-05-31']]) {
        const r = await api(P, T.admin, 'POST', '/api/v1/surveys', { year: y, opens_on: o, closes_on: c });
        expect(r.status === 201 && JSON.parse(r.text).id > 0, `${y}: ${r.status} ${show(r.text)}`);
      }
      problem(await api(P, T.admin, 'POST', '/api/v1/surveys', { year: 2011, opens_on: '2011-03-01', closes_on: '2011-05-31' }), 409, 'year');
    });

    let codes = [];
    await test('survey: Compact A\'s coordinator makes 20 codes as CSV with their links', async () => {
      const r = await api(P, T.coorda, 'POST', `/api/v1/surveys/${YEAR}/compacts/${A}/codes`, { count: 20 });
      expect(r.status === 201 && /^text\/csv/.test(r.headers['content-type']), `${r.status} ${show(r.text)}`);
      const lines = r.text.trim().split('\r\n');
      expect(lines[0] === 'code,link' && lines.length === 21, show(r.text));
      for (const line of lines.slice(1)) {
        const [code, link] = line.split(',');
        expect(CODE.test(code) && link === `http://127.0.0.1:${P}/surveys/${YEAR}/respond?code=${code}`, line);
      }
      codes = lines.slice(1).map((l) => l.split(',')[0]);
      expect(new Set(codes).size === 20, 'codes repeat');
    });
    await test('survey: codes of Compact A: 403 to B\'s coordinator and a member, 401 to nobody, 404 for no Compact, 400 for 0', async () => {
      problem(await api(P, T.coordb, 'POST', `/api/v1/surveys/${YEAR}/compacts/${A}/codes`, { count: 2 }), 403);
      problem(await api(P, T.member, 'POST', `/api/v1/surveys/${YEAR}/compacts/${A}/codes`, { count: 2 }), 403);
      expect((await api(P, null, 'POST', `/api/v1/surveys/${YEAR}/compacts/${A}/codes`, { count: 2 })).status === 401, 'nobody');
      problem(await api(P, T.admin, 'POST', `/api/v1/surveys/${YEAR}/compacts/999/codes`, { count: 2 }), 404);
      problem(await api(P, T.admin, 'POST', `/api/v1/surveys/${YEAR}/compacts/${A}/codes`, { count: 0 }), 400, 'count');
      problem(await api(P, T.admin, 'POST', `/api/v1/surveys/${YEAR}/compacts/${A}/codes`, { count: 'ten' }), 400, 'count');
    });

    const answer = (code, extra = {}) => ({ code, questionnaire: 'general', sector: 'vcs', answers: { importance: 'agree' }, ...extra });
    const post = (body, token = null, year = YEAR) => api(P, token, 'POST', `/api/v1/surveys/${year}/responses`, body);

    for (const [what, body, param] of [
      ['an option not in the list', { answers: { importance: 'very_much' } }, 'answers.importance'],
      ['four choices', { answers: { improvements: ['resources', 'promotion', 'training', 'other'] } }, 'answers.improvements'],
      ['a body type without statutory', { body_type: 'local_authority' }, 'body_type'],
      ['statutory without a body type', { sector: 'statutory' }, 'body_type'],
      ['an unknown question', { answers: { happiness: 'agree' } }, 'answers.happiness'],
      ['a benchmark question in the general one', { answers: { paid_worker: 'yes' } }, 'answers.paid_worker'],
      ['an unknown sector', { sector: 'private' }, 'sector'],
      ['a number for an answer', { answers: { importance: 5 } }, 'answers.importance'],
      ['an unknown Compact', { compact_id: 999 }, 'compact_id'],
      ['another member', { colour: 'blue' }, 'colour'],
    ]) {
      await test(`survey: an answer with ${what} is 400 naming ${param}, and its code stays unused`, async () => {
        problem(await post(answer(codes[0], body)), 400, param);
      });
    }
    await test('survey: the code refused ten times still answers (201), then is used (409)', async () => {
      const r = await post(answer(codes[0]));
      expect(r.status === 201, `${r.status} ${show(r.text)}`);
      problem(await post(answer(codes[0])), 409, 'code');
      problem(await post(answer(codes[0].toLowerCase().replaceAll('-', ''))), 409, 'code');
    });
    await test('survey: an unknown code is 404, a code of another year 404, and the benchmark with a code 403', async () => {
      problem(await post(answer('ABCD-EFGH-JKMN')), 404, 'code');
      problem(await post(answer(codes[1]), null, 2099), 403, 'year');
      problem(await post({ ...answer(codes[1]), questionnaire: 'benchmark', answers: { paid_worker: 'yes' } }), 403);
    });
    await test('survey: a closed round is 403 saying it closed; one not yet open says when it opens', async () => {
      problem(await post({ questionnaire: 'general', sector: 'vcs', compact_id: A, answers: {} }, T.member, 2011), 403, 'year', /closed on 31 May 2011/);
      problem(await post({ questionnaire: 'general', sector: 'vcs', compact_id: A, answers: {} }, T.member, 2099), 403, 'year', /opens on 1 March 2099/);
      problem(await post(answer(codes[1]), null, 1990), 404);
    });
    await test('survey: signed in, a member answers once (201), a second time 409; nobody without a code 403', async () => {
      const body = { questionnaire: 'general', sector: 'other', compact_id: B, answers: { actively_engaged: 'yes' } };
      expect((await post(body, T.member)).status === 201, 'first');
      problem(await post(body, T.member), 409);
      problem(await post(body), 403, 'code');
    });
    await test('survey: the benchmark by A\'s coordinator (201, and again: replaced), by B\'s coordinator 403', async () => {
      const body = { questionnaire: 'benchmark', sector: 'vcs', compact_id: A, answers: { group_meets: 'quarterly', paid_worker: 'yes', signed_partners: ['council', 'nhs'] } };
      expect((await post(body, T.coorda)).status === 201, 'first');
      expect((await post({ ...body, answers: { ...body.answers, paid_worker: 'no' } }, T.coorda)).status === 201, 'again');
      problem(await post(body, T.coordb), 403, 'compact_id');
      const res = await results(P);
      expect(res.responses.benchmark === null, `one benchmark is fewer than 5: ${JSON.stringify(res.responses)}`);
    });
    await test('survey: 14 more answers with codes (10 agree in all, 4 of them local authorities; 2 disagree, 3 strongly)', async () => {
      const plan = [
        ...Array(5).fill({ sector: 'vcs', answers: { importance: 'agree' } }),
        ...Array(4).fill({ sector: 'statutory', body_type: 'local_authority', answers: { importance: 'agree', improvements: ['resources'] } }),
        ...Array(2).fill({ sector: 'vcs', answers: { importance: 'disagree' } }),
        ...Array(3).fill({ sector: 'vcs', answers: { importance: 'strongly_disagree', comments: 'Not honoured here.' } }),
      ];
      for (const [i, p] of plan.entries()) {
        const r = await post({ code: codes[i + 2], questionnaire: 'general', ...p });
        expect(r.status === 201, `${i}: ${r.status} ${show(r.text)}`);
      }
    });
    let json;
    await test('survey: results as SPEC says, small numbers suppressed for everyone', async () => {
      json = await results(P);
      expect(json.year === YEAR && json.responses.general === 16 && json.responses.benchmark === null, JSON.stringify(json.responses));
      expect(JSON.stringify(Object.keys(json.coverage)) === '["active_compacts","with_general","with_benchmark"]', JSON.stringify(json.coverage));
      expect(json.coverage.active_compacts === 2 && json.coverage.with_general === 2 && json.coverage.with_benchmark === 1, JSON.stringify(json.coverage));
      expect(!json.questions.some((q) => q.type === 'text'), 'a text question is published');
      const imp = json.questions.find((q) => q.key === 'importance');
      expect(imp.version === 1 && imp.type === 'agree5' && typeof imp.text === 'string', JSON.stringify(imp).slice(0, 200));
      expect(JSON.stringify(Object.keys(imp.groups)) === '["all","statutory","local_authority","vcs","other"]', Object.keys(imp.groups).join());
      const all = imp.groups.all;
      expect(all.answered === 15 && all.counts.agree === 10 && all.counts.strongly_agree === 0 && all.counts.neither === 0, JSON.stringify(all));
      expect(all.counts.disagree === null && all.counts.strongly_disagree === null && all.counts.dont_know === 0, JSON.stringify(all.counts));
      expect(all.agree === 10 && Math.abs(all.agree_share - 10 / 15) < 1e-9 && Math.abs(all.shares.agree - 10 / 15) < 1e-9, JSON.stringify(all));
      expect(all.shares.disagree === null, 'a hidden count\'s share is shown');
      const la = imp.groups.local_authority;
      expect(la.answered === null && la.counts.agree === null && la.agree_share === null && la.shares.agree === null, JSON.stringify(la));
      const vcs = imp.groups.vcs;
      expect(vcs.answered === 11 && vcs.counts.agree === 6, JSON.stringify(vcs));
      const impr = json.questions.find((q) => q.key === 'improvements');
      expect(impr.groups.all.answered === null && impr.groups.all.counts.resources === null && !('agree' in impr.groups.all), JSON.stringify(impr.groups.all));
      const eng = json.questions.find((q) => q.key === 'actively_engaged');
      expect(eng.groups.other.answered === null && eng.groups.all.counts.no === 0, JSON.stringify(eng.groups));
    });
    await test('survey: results.csv carries the same figures, hidden ones empty', async () => {
      const r = await request(P, { path: `/api/v1/surveys/${YEAR}/results.csv` });
      expect(r.status === 200 && /^text\/csv/.test(r.headers['content-type']), `${r.status} ${show(r.text)}`);
      const lines = r.text.split('\r\n');
      expect(lines[0] === 'key,version,type,group,answered,option,count,share', lines[0]);
      expect(lines.includes('importance,1,agree5,all,15,agree,10,0.666667'), show(r.text, 600));
      expect(lines.includes('importance,1,agree5,all,15,disagree,,'), 'disagree not hidden');
      expect(lines.includes('importance,1,agree5,all,15,agree_total,10,0.666667'), 'agree_total');
      expect(lines.includes('importance,1,agree5,local_authority,,agree,,'), 'local authorities not hidden');
      expect(!r.text.includes('Not honoured'), 'a comment is published');
    });
    let exported;
    await test('survey: the anonymised answers as CSV (comments too): 200 to an admin, 401 nobody, 403 coordinators (A\'s too) and a member', async () => {
      const path = `/api/v1/surveys/${YEAR}/answers.csv`;
      const r = await request(P, { path, headers: bearer(T.admin) });
      expect(r.status === 200 && /^text\/csv/.test(r.headers['content-type']), `${r.status} ${show(r.text)}`);
      expect(/^attachment; filename="survey-\d{4}-answers\.csv"$/.test(r.headers['content-disposition'] || ''), r.headers['content-disposition']);
      const lines = r.text.split('\r\n').filter((l) => l);
      expect(lines[0] === 'questionnaire,sector,body_type,compact_id,importance,relationship_change,independence_respect,actively_engaged,improvements,comments,group_meets,refresh_planned,paid_worker,dispute_procedure,annual_review_held,signed_partners', lines[0]);
      // 16 general answers and the one benchmark (replaced, not added)
      expect(lines.length === 1 + 17, `${lines.length - 1} lines`);
      expect(lines.filter((l) => l.includes('Not honoured here.')).length === 3, 'the comments');
      expect(lines.includes(`benchmark,vcs,,${A},,,,,,,quarterly,,no,,,council;nhs`), 'the benchmark as replaced');
      // never who answered, nor with which code
      expect(!/@survey\.test|[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}/.test(r.text), show(r.text, 400));
      for (const c of codes) expect(!r.text.includes(c) && !r.text.includes(c.replaceAll('-', '')), 'a code in the export');
      exported = r.text;
      expect((await request(P, { path })).status === 401, 'nobody');
      problem(await request(P, { path, headers: bearer(T.coorda) }), 403);
      problem(await request(P, { path, headers: bearer(T.coordb) }), 403);
      problem(await request(P, { path, headers: bearer(T.member) }), 403);
      problem(await request(P, { path: '/api/v1/surveys/1990/answers.csv', headers: bearer(T.admin) }), 404);
    });
    await test('survey: the results page links admins to the anonymised answers; coordinators, members and nobody see no link', async () => {
      const link = `href="/api/v1/surveys/${YEAR}/answers.csv"`;
      const people = {};
      for (const who of ['admin', 'coorda', 'member']) people[who] = await session(P, `${who}@survey.test`, PW[who]);
      const page = async (who) => request(P, { path: `/surveys/${YEAR}`, headers: who ? cookieHeader(people[who].cookie) : {} });
      const a = await page('admin');
      expect(a.status === 200 && a.text.includes(link) && a.text.includes('Download the anonymised answers with comments (CSV)'), show(a.text, 200));
      for (const who of ['coorda', 'member', null]) {
        const r = await page(who);
        expect(r.status === 200 && !r.text.includes('answers.csv') && !r.text.includes('anonymised answers'), `${who}: the link shows`);
      }
      // the same at the URL for a signed-in coordinator: the router's 403, decided by role
      const c = await request(P, { path: `/api/v1/surveys/${YEAR}/answers.csv`, headers: cookieHeader(people.coorda.cookie) });
      expect(c.status === 403 && !c.text.includes('Not honoured'), `${c.status}`);
      const d = await request(P, { path: `/api/v1/surveys/${YEAR}/answers.csv`, headers: cookieHeader(people.admin.cookie) });
      expect(d.status === 200 && d.text === exported, `${d.status}`);
    });
    await test('survey: results of no round are 404; a round with no answers reads zeros', async () => {
      problem(await request(P, { path: '/api/v1/surveys/1990/results' }), 404);
      problem(await request(P, { path: '/api/v1/surveys/x/results' }), 404);
      const r = await results(P, 2099);
      expect(r.responses.general === 0 && r.questions[0].groups.all.answered === 0, JSON.stringify(r).slice(0, 200));
    });

    // the command line, on the server's database
    const dir = mkdtempSync(join(tmpdir(), 'compact-survey-'));
    try {
      const cli = (args) => run(BIN, ['survey', ...args, '--db', s.dbPath]);
      await test('survey: compact survey results --format json is the API\'s JSON', async () => {
        const r = await cli(['results', '--year', String(YEAR), '--format', 'json']);
        expect(r.code === 0 && JSON.stringify(JSON.parse(r.stdout)) === JSON.stringify(json), `${r.code} ${show(r.stderr)}`);
        const t = await cli(['results', '--year', String(YEAR)]);
        expect(t.code === 0 && /16 general answers, fewer than 5 benchmark/.test(t.stdout) && /67% of respondents/.test(t.stdout), show(t.stdout, 400));
        expect(/disagree\s+fewer than 5/.test(t.stdout), show(t.stdout, 400));
      });
      await test('survey: compact survey add opens a round; again, or a bad date, exits non-zero', async () => {
        let r = await cli(['add', '--year', '2012', '--opens', '2012-03-01', '--closes', '2012-05-31']);
        expect(r.code === 0 && /opened the 2012 survey/.test(r.stdout), `${r.code} ${show(r.stderr)}`);
        r = await cli(['add', '--year', '2012', '--opens', '2012-03-01', '--closes', '2012-05-31']);
        expect(r.code !== 0 && /There is a 2012 survey already/.test(r.stderr), `${r.code} ${show(r.stderr)}`);
        r = await cli(['add', '--year', '2013', '--opens', '2013-13-01', '--closes', '2013-05-31']);
        expect(r.code !== 0 && /opens_on/.test(r.stderr), `${r.code} ${show(r.stderr)}`);
      });
      await test('survey: compact survey codes prints N codes, each followed by its link, that answer', async () => {
        const r = await run(BIN, ['survey', 'codes', '--year', String(YEAR), '--compact', String(B), '--count', '3', '--db', s.dbPath],
          { env: { ...process.env, COMPACT_BASE_URL: 'https://compacts.example.org/' } });
        const lines = r.stdout.trim().split('\n');
        expect(r.code === 0 && lines.length === 3, `${r.code} ${show(r.stdout + r.stderr)}`);
        for (const l of lines) {
          const [code, link] = l.split(/\s+/);
          expect(CODE.test(code) && link === `https://compacts.example.org/surveys/${YEAR}/respond?code=${code}`, l);
        }
        const a = await post({ code: lines[0].split(/\s+/)[0], questionnaire: 'general', sector: 'vcs', answers: { importance: 'neither' } });
        expect(a.status === 201, `${a.status} ${show(a.text)}`);
        const bad = await cli(['codes', '--year', String(YEAR), '--compact', '999', '--count', '3']);
        expect(bad.code !== 0 && /compact_id/.test(bad.stderr), show(bad.stderr));
      });
      const header = 'questionnaire,sector,body_type,compact_id,importance,improvements,comments,paid_worker';
      await test('survey: compact survey import: a bad line stores nothing, and every bad line is named by number', async () => {
        const file = join(dir, 'bad.csv');
        writeFileSync(file, [header,
          `general,vcs,,${A},agree,resources;training,Fine,`,
          `general,vcs,local_authority,${A},agree,,,`,
          `general,statutory,nhs,${A},agree,resources;training;promotion;other,,`,
          `general,vcs,,${A},very,,,`, ''].join('\n'));
        const before = (await results(P, 2011)).responses;
        const r = await cli(['import', '--year', '2011', file]);
        expect(r.code !== 0, `exit ${r.code}`);
        for (const n of [3, 4, 5]) expect(r.stderr.includes(`bad.csv:${n}:`), `line ${n} not named: ${show(r.stderr, 400)}`);
        expect(!r.stderr.includes('bad.csv:2:'), show(r.stderr, 400));
        expect(/nothing imported/.test(r.stderr), show(r.stderr, 400));
        const after = (await results(P, 2011)).responses;
        expect(JSON.stringify(after) === JSON.stringify(before), `${JSON.stringify(before)} -> ${JSON.stringify(after)}`);
      });
      await test('survey: compact survey import into the closed 2011 round: 12 lines, in the results (6 strongly agree, 3 neither, 2 disagree)', async () => {
        const file = join(dir, 'good.csv');
        const lines = [header];
        for (let i = 0; i < 11; i++) lines.push(`general,${i < 6 ? 'statutory' : 'vcs'},${i < 6 ? 'local_authority' : ''},${A},${i < 6 ? 'strongly_agree' : i < 9 ? 'neither' : 'disagree'},resources,,`);
        lines.push(`benchmark,vcs,,${A},,,,yes`);
        writeFileSync(file, lines.join('\n') + '\n');
        const r = await cli(['import', '--year', '2011', file]);
        expect(r.code === 0 && /imported 12 answers into the 2011 survey/.test(r.stdout), `${r.code} ${show(r.stdout + r.stderr)}`);
        const res = await results(P, 2011);
        expect(res.responses.general === 11 && res.responses.benchmark === null, JSON.stringify(res.responses));
        const imp = res.questions.find((q) => q.key === 'importance');
        expect(imp.groups.all.answered === 11 && imp.groups.all.agree === 6 && imp.groups.all.counts.neither === null && imp.groups.local_authority.answered === 6, JSON.stringify(imp.groups.all));
      });
      await test('survey: compact survey export prints the API\'s CSV, and it imports again as it is', async () => {
        const r = await cli(['export', '--year', String(YEAR)]);
        const api = await request(P, { path: `/api/v1/surveys/${YEAR}/answers.csv`, headers: bearer(T.admin) });
        expect(r.code === 0 && r.stdout === api.text && api.text.length > exported.length, `${r.code} ${show(r.stderr)}`);
        const e = await cli(['export', '--year', '2011']);
        expect(e.code === 0 && e.stdout.split('\r\n').filter((l) => l).length === 1 + 12, show(e.stdout, 300));
        const add = await cli(['add', '--year', '2014', '--opens', '2014-03-01', '--closes', '2014-05-31']);
        const file = join(dir, 'again.csv');
        writeFileSync(file, e.stdout);
        const i = await cli(['import', '--year', '2014', file]);
        expect(add.code === 0 && i.code === 0 && /imported 12 answers/.test(i.stdout), `${i.code} ${show(i.stderr)}`);
        const again = await cli(['export', '--year', '2014']);
        expect(again.code === 0 && again.stdout === e.stdout, show(again.stdout, 300));
        const none = await cli(['export', '--year', '2097']);
        expect(none.code !== 0 && /no round/.test(none.stderr), show(none.stderr));
      });
      await test('survey: a missing file or round exits non-zero', async () => {
        let r = await cli(['import', '--year', '2011', join(dir, 'none.csv')]);
        expect(r.code !== 0 && /cannot read/.test(r.stderr), show(r.stderr));
        r = await cli(['results', '--year', '2098']);
        expect(r.code !== 0 && /no round/.test(r.stderr), show(r.stderr));
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
