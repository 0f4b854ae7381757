// What every public service has, end to end: the OpenAPI description (valid OpenAPI 3.1 by an
// independent validator, one operation for every route `compact routes` prints, each with its
// summary and, for the API's writes, a JSON example), /api/v1/compacts.csv with the list's
// filters, the pages' pagination ("Showing 51 to 100 of 1,579", previous, next, page numbers)
// on /organisations and /grants, the accessibility, privacy, cookies and contact pages with
// serve's --operator and --contact, and the verdicts page.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Validator } from '@seriousme/openapi-schema-validator';
import { run, startServer } from '../lib/server.mjs';
import { addToken, addUser, bearer, expect, newPassword, onServer, request, show, tester } from './auth.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const GRANTS = join(HERE, '..', '..', 'data', 'opendata', '360giving');
const GRANT_FILES = [
  join(GRANTS, 'trafford_council', 'trafford_council_voluntary_sector_grants.json'),
  join(GRANTS, 'grantnav_test_data', 'a002400000nO46WAAS.json'),
  join(GRANTS, 'grantnav_test_data', 'awefw001p00000zgyHZAAY.json'),
];

function json(r) {
  try {
    return JSON.parse(r.text);
  } catch {
    throw new Error(`not JSON (${r.status}): ${show(r.text)}`);
  }
}

// "/compacts/:id" as OpenAPI writes it: "/compacts/{id}"; the final "*" is "{path}".
function template(pattern) {
  return pattern.split('/').map((s) => (s.startsWith(':') ? `{${s.slice(1)}}` : s === '*' ? '{path}' : s)).join('/');
}

// The "Showing FROM to TO of TOTAL" line of a page, or null.
function showing(html) {
  const m = /<p class="govuk-body">Showing ([\d,]+) to ([\d,]+) of ([\d,]+)<\/p>/.exec(html);
  return m ? m.slice(1).join(' ') : null;
}

function rel(html, which) {
  const m = new RegExp(`href="([^"]*)" rel="${which}"`).exec(html);
  return m ? m[1].replaceAll('&amp;', '&') : null;
}

const n = (v) => v.toLocaleString('en-GB');

export async function publicTests(BIN, report) {
  await onServer(BIN, report, 'public', async (s, test) => {
    const P = s.port;
    const get = (path) => request(P, { path });

    await test('public: /api/openapi.json is valid OpenAPI 3.1 (@seriousme/openapi-schema-validator)', async () => {
      const r = await get('/api/openapi.json');
      expect(r.status === 200 && /^application\/json/.test(r.headers['content-type']), `${r.status}`);
      const doc = json(r);
      const v = new Validator();
      const res = await v.validate(doc);
      expect(res.valid === true && v.version === '3.1', `${v.version}: ${show(JSON.stringify(res.errors), 1200)}`);
      expect(doc.components.securitySchemes.bearerToken.scheme === 'bearer' &&
        doc.components.securitySchemes.sessionCookie.in === 'cookie' &&
        doc.components.securitySchemes.sessionCookie.name === 'compact_session', show(JSON.stringify(doc.components.securitySchemes)));
      expect(doc.components.responses.Problem.content['application/problem+json'], 'no problem+json answer');
    });

    await test('public: the OpenAPI description has an operation for every route of `compact routes`, and no other', async () => {
      const routes = JSON.parse((await run(BIN, ['routes'])).stdout);
      const doc = json(await get('/api/openapi.json'));
      const ids = new Set();
      let ops = 0;
      for (const r of routes) {
        const op = doc.paths[template(r.pattern)]?.[r.method.toLowerCase()];
        expect(op, `no ${r.method} ${template(r.pattern)}`);
        expect(typeof op.summary === 'string' && op.summary.length > 10, `${r.method} ${r.pattern}: no summary`);
        expect(JSON.stringify(op['x-access']) === JSON.stringify(r.access), `${r.pattern}: x-access ${op['x-access']} for ${r.access}`);
        expect(!ids.has(op.operationId), `operationId ${op.operationId} twice`);
        ids.add(op.operationId);
        /* path parameters from the pattern, each described */
        const want = r.pattern.split('/').filter((x) => x.startsWith(':') || x === '*').map((x) => (x === '*' ? 'path' : x.slice(1)));
        const got = (op.parameters || []).filter((p) => p.in === 'path');
        expect(JSON.stringify(got.map((p) => p.name)) === JSON.stringify(want) && got.every((p) => p.required && p.description),
          `${r.pattern}: path parameters ${JSON.stringify(got)}`);
        /* the API's writes take JSON with an example; the API answers problems as JSON */
        if (r.pattern.startsWith('/api/v1/') && ['POST', 'PUT', 'PATCH'].includes(r.method)) {
          const ex = op.requestBody?.content?.['application/json']?.example;
          expect(ex && typeof ex === 'object', `${r.method} ${r.pattern}: no JSON example`);
        }
        if (r.pattern.startsWith('/api/v1/') && want.length) {
          expect(op.responses['404']?.$ref === '#/components/responses/Problem', `${r.pattern}: no 404 problem`);
        }
        /* who may: anyone (no security needed), else a token or the cookie, or the cookie alone */
        const sec = JSON.stringify(op.security);
        const expected = JSON.stringify([...(r.access.includes('public') ? [{}] : []),
          ...(r.tokens ? [{ bearerToken: [] }] : []), { sessionCookie: [] }]);
        expect(sec === expected, `${r.pattern}: security ${sec}, want ${expected}`);
        ops++;
      }
      const all = Object.values(doc.paths).reduce((k, item) => k + Object.keys(item).length, 0);
      expect(all === ops && ops === routes.length && ops > 80, `${all} operations for ${routes.length} routes`);
      /* a query parameter with its example */
      const list = doc.paths['/api/v1/compacts'].get.parameters.map((p) => p.name);
      expect(['q', 'status', 'region', 'authority', 'overdue', 'limit', 'cursor'].every((k) => list.includes(k)), JSON.stringify(list));
    });

    await test('public: /api lists every route for people, grouped, with an example', async () => {
      const r = await get('/api');
      expect(r.status === 200 && /text\/html/.test(r.headers['content-type']), `${r.status}`);
      const routes = JSON.parse((await run(BIN, ['routes'])).stdout);
      for (const x of routes) {
        expect(r.text.includes(`<code class="app-code">${x.method} ${x.pattern}</code></h3>`), `${x.method} ${x.pattern} is not listed`);
      }
      expect(r.text.includes('href="/api/openapi.json"') && r.text.includes('id="group-local-compacts"') &&
        r.text.includes('GET /api/v1/compacts.csv?region=north-west&amp;status=active'), 'no link, group or example');
    });

    await test('public: the pages every public service has answer, linked from every page\'s footer', async () => {
      const home = await get('/');
      for (const [path, h1] of [['/accessibility', 'Accessibility statement for Compact Hub'], ['/privacy', 'Privacy notice'],
        ['/cookies', 'Cookies'], ['/contact', 'Contact Compact Hub'], ['/api', 'API documentation'],
        ['/checks/verdicts', 'What the results of a check mean']]) {
        const r = await get(path);
        expect(r.status === 200 && r.text.includes(`<h1 class="govuk-heading-l">${h1}</h1>`), `${path}: ${r.status}`);
        if (path !== '/checks/verdicts') {
          expect(home.text.includes(`<a class="govuk-footer__link" href="${path}">`), `no footer link to ${path}`);
        }
      }
      const cookies = await get('/cookies');
      expect(cookies.text.includes('>compact_session</code></h3>') && cookies.text.includes('12 hours after you sign in, or sooner when unused for 30 minutes') &&
        cookies.text.includes('>compact_device</code></h3>') && cookies.text.includes('1 year'), show(cookies.text.slice(cookies.text.indexOf('<h2'), -1), 800));
      const contact = await get('/contact');
      expect(contact.text.includes('run by the organisation that runs this service.') && !contact.text.includes('mailto:'), 'contact without --contact');
      const a11y = await get('/accessibility');
      expect(a11y.text.includes('Equality and Human Rights Commission (EHRC)') && a11y.text.includes('partially compliant') &&
        a11y.text.includes('axe-core') && a11y.text.includes('320'), 'accessibility statement');
    });

    await test('public: the verdicts page explains each verdict; a check\'s result links to it', async () => {
      const r = await get('/checks/verdicts');
      for (const v of ['breach', 'unknown', 'pending', 'justified', 'met']) {
        expect(r.text.includes(`id="${v}"`) && r.text.includes(`<code>${v}</code>`), `no ${v}`);
      }
      const result = await get('/checks/funding_change/result?change=end&effective_date-day=1&effective_date-month=4&effective_date-year=2012');
      expect(result.status === 200 && result.text.includes('href="/checks/verdicts"'), `${result.status}`);
    });

    await test('public: /api/v1/compacts.csv lists the Compacts the filters match, all of them, by name', async () => {
      const empty = await get('/api/v1/compacts.csv');
      expect(empty.status === 200 && /^text\/csv/.test(empty.headers['content-type']) &&
        empty.text === 'id,name,status,status_since,review_due,review_overdue,authorities,demo\r\n', show(empty.text));
      const pw = newPassword('admin');
      await addUser(BIN, s.dbPath, 'admin@public.test', 'admin', pw);
      const { token } = await addToken(BIN, s.dbPath, 'admin@public.test');
      const post = async (body) => {
        const res = await request(P, { method: 'POST', path: '/api/v1/compacts', headers: { ...bearer(token), 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
        expect(res.status === 201, `${res.status} ${show(res.text)}`);
        return json(res).id;
      };
      const leeds = await post({ name: 'Leeds Compact', authorities: ['E08000035'], status: 'active', status_date: '2011-01-01', adopted: '2011-01-01' });
      const trafford = await post({ name: 'Trafford Compact, "the first"', authorities: ['E08000009'], status: 'in_development', status_date: '2012-01-01' });
      const camden = await post({ name: '=Camden Compact', authorities: ['E09000007'], status: 'active', status_date: '2022-06-01', adopted: '2022-06-01', review_due: '2028-05-31' });
      const all = await get('/api/v1/compacts.csv?limit=1');
      const lines = all.text.split('\r\n');
      expect(lines.length === 5 && lines[4] === '', show(all.text, 600));
      /* by name: "=Camden" is written as text (a formula would run in a spreadsheet) */
      expect(lines[1] === `${camden},"'=Camden Compact",active,2022-06-01,2028-05-31,false,Camden,false`, lines[1]);
      expect(lines[2] === `${leeds},Leeds Compact,active,2011-01-01,2017-01-01,true,Leeds,false`, lines[2]);
      expect(lines[3] === `${trafford},"Trafford Compact, ""the first""",in_development,2012-01-01,,false,Trafford,false`, lines[3]);
      /* the filters of /api/v1/compacts */
      for (const [q, ids] of [['status=active', [camden, leeds]], ['overdue=true', [leeds]], ['region=london', [camden]],
        ['authority=E08000009', [trafford]], ['q=leeds', [leeds]], ['status=inactive', []]]) {
        const c = await get(`/api/v1/compacts.csv?${q}`);
        const got = c.text.split('\r\n').slice(1, -1).map((l) => Number(l.split(',')[0]));
        const j = json(await get(`/api/v1/compacts?${q}`));
        expect(c.status === 200 && JSON.stringify(got) === JSON.stringify(ids) && j.total === ids.length, `${q}: ${JSON.stringify(got)}; JSON ${j.total}`);
      }
      for (const [q, param] of [['status=closed', 'status'], ['region=mars', 'region'], ['overdue=maybe', 'overdue'], ['authority=E99999999', 'authority']]) {
        const bad = await get(`/api/v1/compacts.csv?${q}`);
        expect(bad.status === 400 && /problem\+json/.test(bad.headers['content-type']) && json(bad).param === param, `${q}: ${bad.status}`);
      }
      const page = await get('/compacts?status=active');
      expect(page.text.includes('href="/api/v1/compacts.csv?status=active">CSV</a>'), 'no CSV link on /compacts');
    });

    await test('public: /organisations shows where the page is among all: "Showing 51 to 100 of 364", previous and next', async () => {
      const first = await get('/organisations?type=council');
      expect(showing(first.text) === '1 50 364' && !rel(first.text, 'prev') && rel(first.text, 'next') === '/organisations?type=council&page=2',
        `${showing(first.text)} ${rel(first.text, 'next')}`);
      const second = await get('/organisations?type=council&page=2');
      expect(showing(second.text) === '51 100 364' && rel(second.text, 'prev') === '/organisations?type=council' &&
        rel(second.text, 'next') === '/organisations?type=council&page=3' && second.text.includes('aria-current="page">2</a>'),
      `${showing(second.text)} ${rel(second.text, 'prev')} ${rel(second.text, 'next')}`);
      /* no row twice across pages, and the same rows as the API's pages */
      const names = (html) => [...html.matchAll(/<a class="govuk-link" href="\/organisations\/([^"]+)">/g)].map((m) => m[1]);
      const api = json(await get('/api/v1/organisations?type=council&limit=50'));
      const api2 = json(await get(`/api/v1/organisations?type=council&limit=50&cursor=${api.next}`));
      expect(JSON.stringify(names(second.text)) === JSON.stringify(api2.items.map((o) => o.ref)), 'page 2 is not the API\'s second page');
      const last = await get('/organisations?type=council&page=8');
      expect(showing(last.text) === '351 364 364' && !rel(last.text, 'next') && rel(last.text, 'prev') === '/organisations?type=council&page=7', `${showing(last.text)}`);
      const hundred = await get('/organisations?type=council&limit=100&page=2');
      expect(showing(hundred.text) === '101 200 364' && rel(hundred.text, 'next') === '/organisations?type=council&limit=100&page=3',
        `${showing(hundred.text)} ${rel(hundred.text, 'next')}`);
      const past = await get('/organisations?type=council&page=9');
      expect(past.status === 200 && showing(past.text) === null && rel(past.text, 'prev') === '/organisations?type=council&page=8', `${past.status}`);
      for (const p of ['0', 'x', '-1', '1000001']) {
        const bad = await get(`/organisations?page=${p}`);
        expect(bad.status === 400 && bad.text.includes('href="#page"'), `page=${p}: ${bad.status}`);
      }
    });

    await test('public: /grants counts with thousands separated: "Showing 51 to 100 of 1,579"', async () => {
      for (const f of GRANT_FILES) {
        const r = await run(BIN, ['import', 'grants', f, '--db', s.dbPath], { timeoutMs: 120000 });
        expect(r.code === 0, `import ${f}: ${show(r.stderr)}`);
      }
      const total = json(await get('/api/v1/grants?limit=1')).total;
      expect(total > 1000, `${total} grants`);
      const lastPage = Math.ceil(total / 50);
      const p2 = await get('/grants?page=2');
      expect(p2.status === 200 && showing(p2.text) === `51 100 ${n(total)}`, `${showing(p2.text)}`);
      expect(p2.text.includes(`aria-label="Page ${lastPage}">${lastPage}</a>`) && p2.text.includes('govuk-pagination__item--ellipsis'), 'no last page or ellipsis');
      const end = await get(`/grants?page=${lastPage}`);
      expect(showing(end.text) === `${n((lastPage - 1) * 50 + 1)} ${n(total)} ${n(total)}` && !rel(end.text, 'next'), `${showing(end.text)}`);
      const trafford = await get('/grants?funder=GB-LAE-TRF&page=2');
      const t = json(await get('/api/v1/grants?funder=GB-LAE-TRF&limit=1')).total;
      expect(showing(trafford.text) === `51 100 ${n(t)}` && rel(trafford.text, 'next') === '/grants?funder=GB-LAE-TRF&page=3' &&
        rel(trafford.text, 'prev') === '/grants?funder=GB-LAE-TRF', `${showing(trafford.text)} ${rel(trafford.text, 'next')}`);
    });
  });

  /* the operator and the address to write to, as serve is told them */
  const test = tester(report);
  let s;
  const ok = await test('public: a server with --operator and --contact starts', async () => {
    s = await startServer(BIN, { threads: 1, extraArgs: ['--operator', 'Leeds <CVS>', '--contact', 'hub@leeds.example'] });
  });
  if (ok) {
    try {
      await test('public: the contact, privacy and accessibility pages name the operator and its address', async () => {
        const c = await request(s.port, { path: '/contact' });
        expect(c.text.includes('run by Leeds &lt;CVS&gt;. Email <a class="govuk-link" href="mailto:hub@leeds.example">hub@leeds.example</a>'), show(c.text.slice(c.text.indexOf('<h1'), -1), 400));
        const p = await request(s.port, { path: '/privacy' });
        expect(p.text.includes('Leeds &lt;CVS&gt; is the data controller'), 'privacy');
        const a = await request(s.port, { path: '/accessibility' });
        expect(a.text.includes('This website is run by Leeds &lt;CVS&gt;.') && a.text.includes('mailto:hub@leeds.example'), 'accessibility');
      });
    } finally {
      report('public: that server exits 0', (await s.stop()) === 0);
    }
  }
  await test('public: serve refuses a --contact that is not an email address, and an empty --operator', async () => {
    for (const args of [['--contact', 'nobody'], ['--operator', '']]) {
      const r = await run(BIN, ['serve', '--db', '/nonexistent/x.db', ...args]);
      expect(r.code === 2 && /--(contact|operator)/.test(r.stderr), `${args}: exit ${r.code} ${show(r.stderr)}`);
    }
  });
}
