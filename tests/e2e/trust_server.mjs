// Issue 11, the server's part, end to end on a server of its own:
// - the replies evhttp makes by itself (a malformed request line 400, a body too large 413, an
//   unknown method 501, a bad chunk size, now 400) carry the security headers and are problem
//   JSON under /api/ and a GOV.UK error page elsewhere, sent over raw sockets;
// - numbers in addresses are read strictly: limit and cursor on every list, min_count,
//   compact_id and year, and the numbers in routes (/api/v1/compacts/+1 is no Compact);
// - an organisation's website is an http(s) address or nothing, through the API and the form;
// - an org-id holding '/' (a Contracts Finder buyer's, from the real file) is reachable through
//   every :id route as %2F, and the links the pages write to it work when followed.
//
//   import { trustServerTests } from './trust_server.mjs';
//   await trustServerTests(BIN, report);   // report(name, ok, why)
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { close, connect, rawExchange, readResponse, send, until } from '../lib/raw.mjs';
import { run, startServer } from '../lib/server.mjs';
import {
  addToken, addUser, bearer, cookieHeader, expect, newPassword, request, session, show, tester,
} from './auth.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const CONTRACTS = join(HERE, '../../data/opendata/ocds/cf_releases_2025.jsonl');
// A buyer of four contracts in that file, North Yorkshire Council by its Contracts Finder id.
const BUYER = 'GB-SRS-sid4gov.cabinetoffice.gov.uk/8s944V4W';
const SECURITY = {
  'content-security-policy': "default-src 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
};
const SANITIZER_REPORT = /AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|runtime error:/;

function secured(res) {
  for (const [k, v] of Object.entries(SECURITY)) {
    expect(res.headers[k] === v, `${k}: ${show(res.headers[k])}, want ${show(v)}`);
  }
}

function json(res) {
  try {
    return JSON.parse(res.text);
  } catch {
    throw new Error(`not JSON (${res.status}): ${show(res.text)}`);
  }
}

// A problem reply of status (RFC 9457), naming param when given.
function problem(res, status, param) {
  expect(res.status === status, `status ${res.status}, want ${status}; ${show(res.text, 300)}`);
  secured(res);
  const ct = res.headers['content-type'] || '';
  expect(ct.startsWith('application/problem+json'), `Content-Type ${show(ct)}, want problem JSON`);
  const doc = json(res);
  expect(doc.status === status && typeof doc.title === 'string' && doc.title.length > 0 &&
    doc.type === 'about:blank', `problem ${show(res.text, 300)}`);
  expect(doc.title !== 'Internal Server Error', `title ${show(doc.title)} for ${status}`);
  if (param) expect(doc.param === param, `param ${show(doc.param)}, want ${param}`);
  return doc;
}

// A GOV.UK error page of status.
function errorPage(res, status) {
  expect(res.status === status, `status ${res.status}, want ${status}; ${show(res.text, 300)}`);
  secured(res);
  const ct = res.headers['content-type'] || '';
  expect(ct.startsWith('text/html'), `Content-Type ${show(ct)}, want text/html`);
  expect(res.text.includes('govuk-template') && res.text.includes('<h1'), `not a page: ${show(res.text, 200)}`);
  if (status === 501) expect(res.text.includes('This kind of request is not supported'), 'the 501 page has another title');
}

// A page of status whose error summary names field.
function pageNaming(res, status, field) {
  expect(res.status === status, `status ${res.status}, want ${status}`);
  secured(res);
  expect(res.text.includes('govuk-error-summary') && res.text.includes(`href="#${field}"`),
    `no error summary naming ${field}: ${show(/<main[\s\S]*<\/main>/.exec(res.text)?.[0] ?? res.text, 400)}`);
}

export async function trustServerTests(BIN, report) {
  const test = tester(report);
  let s;
  const ok = await test('trust (server): a server starts', async () => {
    s = await startServer(BIN, { threads: 2 });
  });
  if (!ok) return;
  try {
    await ownReplies(s, test);
    const admin = await strictNumbers(BIN, s, test);
    if (admin) await slashes(BIN, s, test, admin);
  } finally {
    const code = await s.stop();
    report('trust (server): the server exits 0', code === 0, `exit ${code}`);
    report('trust (server): no sanitizer report', !SANITIZER_REPORT.test(s.logs()), show(s.logs().slice(-600), 600));
  }
}

// ---------------------------------------------------------------------------------------------
// evhttp's own replies

async function ownReplies(s, test) {
  const P = s.port;
  const big = Buffer.alloc(2000000, 0x61);
  const bigChunked = `${`10000\r\n${'a'.repeat(0x10000)}\r\n`.repeat(32)}0\r\n\r\n`;
  const chunked = (path, size) =>
    `POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n${size}\r\n{}\r\n0\r\n\r\n`;
  const cases = [
    // [what, bytes, status, under /api/]
    ['a malformed request line under /api/', 'GET /api/v1/authorities HTTP/1.1 junk\r\nHost: x\r\n\r\n', 400, true],
    ['a malformed version under /api/', 'GET /api/v1/authorities HTTP/x.y\r\nHost: x\r\n\r\n', 400, true],
    ['a malformed request line', 'GARBAGE\r\n\r\n', 400, false],
    ['a header without a colon under /api/', 'GET /api/v1/authorities HTTP/1.1\r\nHost: x\r\nNoColon\r\n\r\n', 400, true],
    ['a bad Content-Length under /api/', 'POST /api/v1/checks HTTP/1.1\r\nHost: x\r\nContent-Length: 12abc\r\n\r\n', 400, true],
    ['a 2 MB body to an /api/ route',
      Buffer.concat([Buffer.from('POST /api/v1/checks HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2000000\r\n\r\n'), big]), 413, true],
    ['a 2 MB body to a page',
      Buffer.concat([Buffer.from('POST /login HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 2000000\r\n\r\n'), big]), 413, false],
    ['a 2 MB chunked body to an /api/ route',
      `POST /api/v1/checks HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n${bigChunked}`, 413, true],
    ['an unknown method under /api/', 'BREW /api/v1/authorities HTTP/1.1\r\nHost: x\r\n\r\n', 501, true],
    ['an unknown method in absolute form under /api/', 'BREW http://x/api/v1/authorities HTTP/1.1\r\nHost: x\r\n\r\n', 501, true],
    ['TRACE under /api/', 'TRACE /api/v1/authorities HTTP/1.1\r\nHost: x\r\n\r\n', 501, true],
    ['an unknown method', 'BREW /authorities HTTP/1.1\r\nHost: x\r\n\r\n', 501, false],
    ['a bad chunk size under /api/', chunked('/api/v1/checks', 'zz'), 400, true],
    ['a chunk size with trailing junk under /api/', chunked('/api/v1/checks', '2x'), 400, true],
    ['a bad chunk size', chunked('/login', 'zz'), 400, false],
    ['an Expect other than 100-continue under /api/',
      'POST /api/v1/checks HTTP/1.1\r\nHost: x\r\nExpect: tea\r\nContent-Length: 2\r\n\r\n{}', 417, true],
  ];
  for (const [what, data, status, api] of cases) {
    await test(`own replies: ${what} gets ${status}, the security headers and ${api ? 'problem JSON' : 'an error page'}`, async () => {
      const { res, c } = await rawExchange(P, Buffer.isBuffer(data) ? data : Buffer.from(data, 'latin1'));
      close(c);
      expect(res, `no reply (closed ${c.closed}, error ${c.error && c.error.code})`);
      expect(Number(res.headers['content-length']) === res.body.length, 'Content-Length is not the body\'s');
      if (api) problem(res, status);
      else errorPage(res, status);
    });
  }

  await test('own replies: a HEAD with a bad header gets 400 with the headers and no body', async () => {
    const c = await connect(P);
    await send(c, 'HEAD /api/v1/authorities HTTP/1.1\r\nHost: x\r\nNoColon\r\n\r\n');
    const res = await readResponse(c, 10000, { head: true });
    await until(c, () => c.closed, 3000);
    close(c);
    expect(res.status === 400, `status ${res.status}`);
    secured(res);
    expect((res.headers['content-type'] || '').startsWith('application/problem+json'), `Content-Type ${res.headers['content-type']}`);
    expect(Number(res.headers['content-length']) > 0, 'no Content-Length');
    expect(c.buf.length === 0, `a body came: ${show(c.buf.toString('latin1'))}`);
  });

  await test('own replies: on a kept-alive connection, a 200 then an unknown method under /api/ gets problem JSON', async () => {
    const c = await connect(P);
    await send(c, 'GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
    const a = await readResponse(c);
    await send(c, 'BREW /api/v1/authorities HTTP/1.1\r\nHost: x\r\n\r\n');
    const b = await readResponse(c);
    close(c);
    expect(a.status === 200, `first: ${a.status}`);
    problem(b, 501);
  });

  await test('own replies: pipelined, /api/ then a page, the second refused, each in its own style', async () => {
    const c = await connect(P);
    await send(c, 'GET /api/v1/authorities?set=2012&limit=1 HTTP/1.1\r\nHost: x\r\n\r\nBREW /authorities HTTP/1.1\r\nHost: x\r\n\r\n');
    const a = await readResponse(c);
    const b = await readResponse(c);
    close(c);
    expect(a.status === 200 && json(a).total === 353, `first: ${a.status}`);
    errorPage(b, 501);
  });

  await test('own replies: pipelined, a page then /api/, the second refused, each in its own style', async () => {
    const c = await connect(P);
    await send(c, 'GET /healthz HTTP/1.1\r\nHost: x\r\n\r\nGET /api/v1/authorities HTTP/1.1\r\nHost: x\r\nNoColon\r\n\r\n');
    const a = await readResponse(c);
    const b = await readResponse(c);
    close(c);
    expect(a.status === 200, `first: ${a.status}`);
    problem(b, 400);
  });

  await test('own replies: Expect: 100-continue still gets 100 Continue, then the real reply', async () => {
    const c = await connect(P);
    const body = '{"activity": {"kind": "nonsense"}}';
    await send(c, `POST /api/v1/checks HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nExpect: 100-continue\r\nContent-Length: ${body.length}\r\n\r\n`);
    const cont = await readResponse(c);
    expect(cont.status === 100, `first reply ${cont.status}`);
    await send(c, body);
    const res = await readResponse(c);
    close(c);
    problem(res, 400);
  });

  await test('own replies: the server still serves, and logged them', async () => {
    const res = await request(P, { path: '/healthz' });
    expect(res.status === 200, `healthz ${res.status}`);
    // The access log is written a batch at a time (at most 2 ms late) and reaches this process
    // through a pipe: on a loaded machine the last lines come a little after the reply.
    const own = () => s.logs().split('\n').filter((l) => / (400|413|417|501) \d+ /.test(l) && /- - /.test(l));
    for (let waited = 0; own().length < cases.length && waited < 5000; waited += 50) {
      await new Promise((r) => setTimeout(r, 50));
    }
    const lines = own();
    expect(lines.length >= cases.length, `${lines.length} log lines for evhttp's own replies`);
  });
}

// ---------------------------------------------------------------------------------------------
// Numbers in addresses, and websites

async function strictNumbers(BIN, s, test) {
  const P = s.port;
  let admin;
  const ready = await test('numbers: an admin with a token, and a Compact (number 1)', async () => {
    const pw = newPassword('admin');
    await addUser(BIN, s.dbPath, 'admin@trust.test', 'admin', pw);
    admin = { ...(await addToken(BIN, s.dbPath, 'admin@trust.test')), ...(await session(P, 'admin@trust.test', pw)) };
    const r = await request(P, {
      method: 'POST', path: '/api/v1/compacts', headers: { ...bearer(admin.token), 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'Trafford Compact', authorities: ['E08000009'], status: 'active', status_date: '2010-04-01' }),
    });
    expect(r.status === 201 && json(r).id === 1, `POST /api/v1/compacts: ${r.status} ${show(r.text)}`);
  });
  if (!ready) return null;

  const apiLists = ['/api/v1/authorities', '/api/v1/organisations', '/api/v1/compacts', '/api/v1/grants', '/api/v1/contracts'];
  const pageLists = ['/organisations', '/grants', '/contracts'];
  const bad = [
    ['limit=%205', 'limit'], ['limit=+5', 'limit'], ['limit=%2B5', 'limit'], ['limit=%095', 'limit'],
    ['limit=5%20', 'limit'], ['cursor=+1', 'cursor'], ['cursor=%201', 'cursor'],
  ];
  for (const list of [...apiLists, ...pageLists]) {
    await test(`numbers: ${list} refuses ${bad.map((b) => b[0]).join(', ')} naming the parameter`, async () => {
      for (const [q, field] of bad) {
        const res = await request(P, { path: `${list}?${q}` });
        try {
          if (list.startsWith('/api/')) problem(res, 400, field);
          else pageNaming(res, 400, field);
        } catch (e) {
          throw new Error(`${list}?${q}: ${e.message}`);
        }
      }
      const good = await request(P, { path: `${list}?limit=5` });
      expect(good.status === 200, `${list}?limit=5: ${good.status}`);
    });
  }

  const others = [
    // [path, the parameter named]
    ['/api/v1/organisations/GB-LAE-TRF/indicators?min_count=%095', 'min_count'],
    ['/api/v1/organisations/GB-LAE-TRF/indicators?min_count=+5', 'min_count'],
    ['/api/v1/organisations/GB-LAE-TRF/indicators?compact_id=%091', 'compact_id'],
    ['/api/v1/organisations/GB-LAE-TRF/indicators?compact_id=+1', 'compact_id'],
    ['/api/v1/organisations/GB-LAE-TRF/indicators.csv?min_count=%0A5', 'min_count'],
    ['/api/v1/grants?year=+2019', 'year'],
    ['/api/v1/grants?year=02019', 'year'],
    ['/api/v1/contracts?year=%20201', 'year'],
  ];
  await test('numbers: min_count, compact_id and year refuse a sign, a space, a tab or a newline', async () => {
    for (const [path, field] of others) {
      try {
        problem(await request(P, { path }), 400, field);
      } catch (e) {
        throw new Error(`${path}: ${e.message}`);
      }
    }
    const good = await request(P, { path: '/api/v1/organisations/GB-LAE-TRF/indicators?min_count=5&compact_id=1' });
    expect(good.status === 200, `with good values: ${good.status} ${show(good.text)}`);
  });

  await test('numbers: the funder page refuses min_count=%095 and compact_id=+1 naming them', async () => {
    pageNaming(await request(P, { path: '/organisations/GB-LAE-TRF/funding?min_count=%095' }), 400, 'min_count');
    pageNaming(await request(P, { path: '/organisations/GB-LAE-TRF/funding?compact_id=+1' }), 400, 'compact_id');
  });

  await test('numbers: /api/v1/compacts/+1, /%201 and /%2B1 are no Compact (1 is)', async () => {
    expect((await request(P, { path: '/api/v1/compacts/1' })).status === 200, '/api/v1/compacts/1 is not 200');
    for (const id of ['+1', '%201', '%2B1', '1%20', '01x']) {
      const res = await request(P, { path: `/api/v1/compacts/${id}` });
      expect(res.status === 404, `/api/v1/compacts/${id}: ${res.status}`);
      const page = await request(P, { path: `/compacts/${id}` });
      expect(page.status === 404, `/compacts/${id}: ${page.status}`);
      const sig = await request(P, { path: `/api/v1/compacts/${id}/signatories` });
      expect(sig.status === 404, `/api/v1/compacts/${id}/signatories: ${sig.status}`);
    }
    expect((await request(P, { path: '/commitments/1' })).status === 200, '/commitments/1 is not 200');
    expect((await request(P, { path: '/commitments/+1' })).status === 404, '/commitments/+1 is not 404');
  });

  const sites = ['javascript:alert(1)', 'ftp://x', 'https://x.example/"onmouseover="alert(1)', 'https://x.example/<script>'];
  const api = (method, path, body) => request(P, {
    method, path, headers: { ...bearer(admin.token), 'Content-Type': 'application/json' }, body: JSON.stringify(body),
  });
  await test('website: POST /api/v1/organisations refuses each bad website naming website; an https one is taken', async () => {
    for (const website of sites) {
      try {
        problem(await api('POST', '/api/v1/organisations', { name: 'Web Test', org_id: 'GB-CHC-2222222', type: 'charity', website }), 400, 'website');
      } catch (e) {
        throw new Error(`${website}: ${e.message}`);
      }
    }
    const r = await api('POST', '/api/v1/organisations', { name: 'Web Test', org_id: 'GB-CHC-2222222', type: 'charity', website: 'https://web.example/' });
    expect(r.status === 201, `a good website: ${r.status} ${show(r.text)}`);
  });

  await test('website: PATCH /api/v1/organisations refuses each bad website and changes nothing', async () => {
    for (const website of sites) {
      try {
        problem(await api('PATCH', '/api/v1/organisations/GB-CHC-2222222', { website }), 400, 'website');
      } catch (e) {
        throw new Error(`${website}: ${e.message}`);
      }
    }
    const o = json(await request(P, { path: '/api/v1/organisations/GB-CHC-2222222' }));
    expect(o.website === 'https://web.example/', `website now ${show(o.website)}`);
  });

  await test('website: the add and change forms refuse each bad website naming website', async () => {
    for (const website of sites) {
      const body = { csrf_token: admin.csrf, name: 'Form Web Test', org_id: 'GB-CHC-3333333', type: 'charity', sector: '', website };
      const add = await request(P, { method: 'POST', path: '/organisations', headers: cookieHeader(admin.cookie), body });
      try {
        pageNaming(add, 400, 'website');
        const change = await request(P, {
          method: 'POST', path: '/organisations/GB-CHC-2222222', headers: cookieHeader(admin.cookie),
          body: { ...body, org_id: 'GB-CHC-2222222', name: 'Web Test' },
        });
        pageNaming(change, 400, 'website');
      } catch (e) {
        throw new Error(`${website}: ${e.message}`);
      }
    }
    const none = await request(P, { path: '/api/v1/organisations/GB-CHC-3333333' });
    expect(none.status === 404, `GB-CHC-3333333 was added: ${none.status}`);
    const o = json(await request(P, { path: '/api/v1/organisations/GB-CHC-2222222' }));
    expect(o.website === 'https://web.example/', `website now ${show(o.website)}`);
  });
  return admin;
}

// ---------------------------------------------------------------------------------------------
// An org-id holding '/'

function links(html, re) {
  return [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1].replace(/&amp;/g, '&')).filter((h) => re.test(h));
}

async function slashes(BIN, s, test, admin) {
  const P = s.port;
  const enc = encodeURIComponent(BUYER);

  const ready = await test(`slash: the real Contracts Finder file imports, and ${BUYER} is added through the API`, async () => {
    const r = await run(BIN, ['import', 'contracts', CONTRACTS, '--db', s.dbPath], { timeoutMs: 120000 });
    expect(r.code === 0 && /200 releases read, 200 imported/.test(r.stdout), `import: exit ${r.code}; ${show(r.stdout + r.stderr, 400)}`);
    const add = await request(P, {
      method: 'POST', path: '/api/v1/organisations', headers: { ...bearer(admin.token), 'Content-Type': 'application/json' },
      body: JSON.stringify({ org_id: BUYER, name: 'North Yorkshire Council (Contracts Finder)', type: 'public_other' }),
    });
    expect(add.status === 201 && json(add).id === BUYER, `POST: ${add.status} ${show(add.text)}`);
  });
  if (!ready) return;

  await test('slash: every :id route answers for it with %2F', async () => {
    const page = await request(P, { path: `/organisations/${enc}` });
    expect(page.status === 200 && page.text.includes('North Yorkshire Council (Contracts Finder)') && page.text.includes(BUYER),
      `/organisations/${enc}: ${page.status}`);
    const funding = await request(P, { path: `/organisations/${enc}/funding` });
    expect(funding.status === 200 && funding.text.includes('North Yorkshire Council (Contracts Finder)'), `funding: ${funding.status}`);
    const api = await request(P, { path: `/api/v1/organisations/${enc}` });
    expect(api.status === 200 && json(api).org_id === BUYER, `API: ${api.status} ${show(api.text)}`);
    const sigs = await request(P, { path: `/api/v1/organisations/${enc}/signatories` });
    expect(sigs.status === 200 && Array.isArray(json(sigs).items), `signatories: ${sigs.status} ${show(sigs.text)}`);
    const ind = await request(P, { path: `/api/v1/organisations/${enc}/indicators` });
    expect(ind.status === 200 && json(ind).org === BUYER && json(ind).contracts.count === 4, `indicators: ${ind.status} ${show(ind.text)}`);
    const csv = await request(P, { path: `/api/v1/organisations/${enc}/indicators.csv` });
    expect(csv.status === 200 && (csv.headers['content-type'] || '').startsWith('text/csv'), `indicators.csv: ${csv.status}`);
    const edit = await request(P, { path: `/organisations/${enc}/edit`, headers: cookieHeader(admin.cookie) });
    expect(edit.status === 200 && edit.text.includes(`action="/organisations/${enc}"`), `edit: ${edit.status}`);
    const patch = await request(P, {
      method: 'PATCH', path: `/api/v1/organisations/${enc}`, headers: { ...bearer(admin.token), 'Content-Type': 'application/json' },
      body: JSON.stringify({ website: 'https://www.northyorks.gov.uk/' }),
    });
    expect(patch.status === 200 && json(patch).website === 'https://www.northyorks.gov.uk/', `PATCH: ${patch.status} ${show(patch.text)}`);
  });

  await test('slash: a buyer of the file that is not in the register has its funding page and indicators', async () => {
    const other = encodeURIComponent('GB-SRS-sid4gov.cabinetoffice.gov.uk/zXxx45v7');
    const funding = await request(P, { path: `/organisations/${other}/funding` });
    expect(funding.status === 200 && funding.text.includes('GB-SRS-sid4gov.cabinetoffice.gov.uk/zXxx45v7'), `funding: ${funding.status}`);
    const toContracts = links(funding.text, /^\/contracts\?buyer=/);
    expect(toContracts.length === 1, `links to its contracts ${show(toContracts.join(' '))}`);
    const contracts = await request(P, { path: toContracts[0] });
    expect(contracts.status === 200 && contracts.text.includes('3 contracts'), `following ${toContracts[0]}: ${contracts.status}`);
    const ind = await request(P, { path: `/api/v1/organisations/${other}/indicators` });
    expect(ind.status === 200 && json(ind).contracts.count === 3, `indicators: ${ind.status} ${show(ind.text)}`);
    const page = await request(P, { path: `/organisations/${other}` });
    expect(page.status === 404, `not in the register, yet /organisations/${other} is ${page.status}`);
  });

  await test('slash: the links the pages write to it are %2F-encoded and work when followed', async () => {
    const list = await request(P, { path: '/organisations?q=Contracts+Finder' });
    const toOrg = links(list.text, /8s944V4W/);
    expect(toOrg.length === 1 && toOrg[0] === `/organisations/${enc}`, `list links ${show(toOrg.join(' '))}`);
    const page = await request(P, { path: toOrg[0] });
    expect(page.status === 200 && page.text.includes(BUYER), `following ${toOrg[0]}: ${page.status}`);
    const toFunding = links(page.text, /\/funding$/);
    expect(toFunding.length === 1, `funding links ${show(toFunding.join(' '))}`);
    const funding = await request(P, { path: toFunding[0] });
    expect(funding.status === 200, `following ${toFunding[0]}: ${funding.status}`);
    const onward = links(funding.text, /8s944V4W/);
    expect(onward.length >= 3, `links from the funding page ${show(onward.join(' '))}`);
    for (const href of onward) {
      expect(!href.includes('8s944V4W') || href.includes('%2F8s944V4W'), `${href} does not encode the '/'`);
      const res = await request(P, { path: href });
      expect(res.status === 200, `following ${href}: ${res.status}`);
      if (href.startsWith('/contracts?')) {
        expect(res.text.includes('4 contracts'), `${href} does not list the buyer's 4 contracts`);
      }
    }
  });

  await test('slash: a Compact\'s signatory list links to it, and the link works', async () => {
    const add = await request(P, {
      method: 'POST', path: '/api/v1/compacts/1/signatories', headers: { ...bearer(admin.token), 'Content-Type': 'application/json' },
      body: JSON.stringify({ organisation: BUYER, signed_on: '2012-04-01', role: 'Chief Executive' }),
    });
    expect(add.status === 201, `signing: ${add.status} ${show(add.text)}`);
    const list = await request(P, { path: '/compacts/1/signatories' });
    const to = links(list.text, /8s944V4W/);
    expect(to.length === 1 && to[0] === `/organisations/${enc}`, `links ${show(to.join(' '))}`);
    const page = await request(P, { path: to[0] });
    expect(page.status === 200 && page.text.includes('Trafford Compact'), `following ${to[0]}: ${page.status}`);
    const sigs = json(await request(P, { path: `/api/v1/organisations/${enc}/signatories` }));
    expect(sigs.items.length === 1, `${sigs.items.length} signatures through the API`);
  });

  await test('slash: the add form sends you on to the new organisation\'s page with %2F', async () => {
    const other = 'GB-SRS-supplierregistration.cabinetoffice.gov.uk/jEHd582C';
    const res = await request(P, {
      method: 'POST', path: '/organisations', headers: cookieHeader(admin.cookie),
      body: { csrf_token: admin.csrf, name: 'Martock Parish Council', org_id: other, type: 'council', sector: '', website: '' },
    });
    const want = `/organisations/${encodeURIComponent(other)}`;
    expect(res.status === 303 && res.headers.location === want, `${res.status}, Location ${show(res.headers.location)}; ${show(res.text, 300)}`);
    const page = await request(P, { path: res.headers.location });
    expect(page.status === 200 && page.text.includes('Martock Parish Council'), `following it: ${page.status}`);
  });

  await test('slash: %2F does not open a way round the path checks', async () => {
    for (const p of [`/organisations/GB-SRS-x%2F..%2F..%2Fhealthz`, '/api/v1/organisations/..%2F..%2Fhealthz',
      '/organisations/%2E%2E%2Fhealthz', `/assets/..%2Fapp.css`, '/api/v1/organisations/GB-SRS-a%2F.%2Fb']) {
      const res = await request(P, { path: p });
      expect(res.status === 400 || res.status === 404, `${p}: ${res.status}`);
    }
    const split = await request(P, { path: `/organisations/${BUYER}` });
    expect(split.status === 404, `/organisations/${BUYER} (a real '/'): ${split.status}`);
  });
}
