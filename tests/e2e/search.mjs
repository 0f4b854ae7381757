// The one search end to end (SPEC section 9, issue 16), on the engine the run is on: the first
// case studies (tests/data/search/, a copy of the library's first load with its provenance)
// ranked for plain questions, words found by their inflections, hostile queries searched as
// words (never an error) with the right refusals (not UTF-8, too long), the filters and their
// 400s naming the field, snippets escaped (an organisation named with <script>), pagination,
// the index kept in the same transaction as each write (a draft is not found, its publication
// is; a renamed organisation is found by its new name only), the page, the header's box, and
// `compact search`.
//
//   import { searchTests } from './search.mjs';
//   await searchTests(BIN, report);   // report(name, ok, why)
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from '../lib/server.mjs';
import { addToken, addUser, bearer, expect, newPassword, onServer, request, show } from './auth.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const CASES = JSON.parse(readFileSync(join(HERE, '..', 'data', 'search', 'case_studies.json'), 'utf8'));

function json(res) {
  try {
    return JSON.parse(res.text);
  } catch {
    return null;
  }
}

export async function searchTests(BIN, report) {
  await onServer(BIN, report, 'search', (s, test) => tests(BIN, s, test));
}

async function tests(BIN, s, test) {
  const P = s.port;
  let token;
  const send = (method, path, body) => request(P, {
    method, path, headers: { ...bearer(token), 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const search = async (query, status = 200) => {
    const r = await request(P, { path: `/api/v1/search?${query}` });
    expect(r.status === status, `${query}: ${r.status} ${show(r.text, 300)}`);
    return json(r);
  };
  const q = (text, more = '') => search(`q=${encodeURIComponent(text)}${more}`);
  const ids = {};

  const ready = await test('search: an admin publishes the first four case studies', async () => {
    const password = newPassword('admin');
    await addUser(BIN, s.dbPath, 'admin@search.test', 'admin', password);
    token = (await addToken(BIN, s.dbPath, 'admin@search.test')).token;
    const have = json(await request(P, { path: '/api/v1/case-studies' }))?.items ?? [];
    for (const c of CASES.case_studies) {
      const there = have.find((h) => h.title === c.title);
      if (there) {
        ids[c.key] = there.id;
        continue;
      }
      const r = await send('POST', '/api/v1/case-studies', {
        title: c.title, summary: c.summary, outcome: c.outcome, year: c.year, themes: c.themes,
        areas: c.area, organisations: c.organisations,
      });
      expect(r.status === 201, `create ${c.key}: ${r.status} ${show(r.text, 300)}`);
      ids[c.key] = json(r).id;
      const p = await send('POST', `/api/v1/case-studies/${ids[c.key]}/publish`);
      expect(p.status === 200, `publish ${c.key}: ${p.status} ${show(p.text)}`);
    }
  });
  if (!ready) return;

  await test('search: the answer is {total, items: [{type, id, title, snippet, url}]}', async () => {
    const r = await q('cuts');
    expect(typeof r.total === 'number' && Array.isArray(r.items) && r.items.length > 0, show(JSON.stringify(r)));
    for (const k of ['type', 'id', 'title', 'snippet', 'url']) expect(k in r.items[0], `no ${k}`);
  });

  for (const [question, key] of [
    ['cuts', 'merton-cuts'],
    ['Cuts', 'merton-cuts'],
    ['talking about cuts early', 'merton-cuts'],
    ['how did Merton manage the cuts?', 'merton-cuts'],
    ['procurement code', 'essex-procurement'],
    ['fire officers', 'kent-fire-rescue'],
    ['budget savings', 'warrington-budget'],
  ]) {
    await test(`search: "${question}" finds ${key} first`, async () => {
      const r = await q(question);
      const first = r.items[0];
      expect(first && first.type === 'case_study' && first.id === ids[key] && first.url === `/case-studies/${ids[key]}`,
        `first: ${show(JSON.stringify(first), 300)}`);
    });
  }

  await test('search: the matched words are marked in the snippet, inflections too ("cuts" marks "cut")', async () => {
    const r = await q('cuts');
    const m = r.items.find((i) => i.id === ids['merton-cuts'] && i.type === 'case_study');
    expect(/<mark>cuts?<\/mark>/i.test(m.snippet), show(m.snippet, 400));
  });

  await test('search: words find their inflections (commissioner finds commissioning, consulted finds consultation)', async () => {
    const r = await send('POST', '/api/v1/case-studies', {
      title: 'Joint commissioning with the sector', summary: 'Commissioning across the borough with a consultation of every group.',
      themes: ['commissioning'], areas: ['E08000009'],
    });
    expect(r.status === 201, `${r.status} ${show(r.text)}`);
    ids.commissioning = json(r).id;
    expect((await send('POST', `/api/v1/case-studies/${ids.commissioning}/publish`)).status === 200, 'publish');
    for (const word of ['commissioner', 'commissioners', 'commissioned', 'consulted', 'consulting']) {
      const f = await q(word);
      expect(f.items.some((i) => i.id === ids.commissioning && i.type === 'case_study'), `${word}: ${show(JSON.stringify(f), 300)}`);
    }
  });

  for (const hostile of ['"cuts', 'cuts"', 'cuts*', '*cuts', 'NEAR(cuts merton)', 'NEAR cuts', '-cuts', 'cuts -merton',
    '(cuts', 'cuts)', '((cuts', 'title:cuts', 'cuts AND OR NOT', 'OR cuts', '^cuts', '{cuts}', "cuts'", 'cuts; DROP TABLE search_doc;--']) {
    await test(`search: ${JSON.stringify(hostile)} is words, not syntax: 200 and Merton's case study first`, async () => {
      const r = await q(hostile);
      expect(r.items[0]?.id === ids['merton-cuts'] && r.items[0]?.type === 'case_study', show(JSON.stringify(r.items[0]), 300));
    });
  }
  for (const hostile of ['"', '*', '-', '(', ')', 'NEAR', 'AND', 'OR', 'NOT', ':', '"()*-:^', '   ', '']) {
    await test(`search: ${JSON.stringify(hostile)} alone answers 200`, async () => {
      const r = await q(hostile);
      expect(typeof r.total === 'number', show(JSON.stringify(r)));
    });
  }

  await test('search: 2 KB of text answers 200; more than 4,096 bytes is 400 naming q', async () => {
    const two = 'cuts merton recession '.repeat(93).slice(0, 2048);
    await q(two);
    const r = await search(`q=${'a'.repeat(4097)}`, 400);
    expect(r.param === 'q', show(JSON.stringify(r)));
  });

  await test('search: text that is not UTF-8 is 400 naming q', async () => {
    const r = await request(P, { path: '/api/v1/search?q=cuts%FF%FE' });
    expect(r.status === 400, `${r.status} ${show(r.text)}`);
    expect(/q/.test(json(r)?.param ?? json(r)?.detail ?? ''), show(r.text));
  });

  await test('search: type filter: organisations only', async () => {
    const r = await q('merton', '&type=organisation');
    expect(r.total >= 1 && r.items.every((i) => i.type === 'organisation'), show(JSON.stringify(r)));
    expect(r.items.some((i) => i.url === '/organisations/GB-LAE-MRT'), show(JSON.stringify(r)));
    const cs = await q('merton', '&type=case_study');
    expect(cs.items.length && cs.items.every((i) => i.type === 'case_study'), show(JSON.stringify(cs)));
  });

  await test('search: theme, region and year filters', async () => {
    const theme = await q('council', '&theme=managing_cuts');
    expect(theme.items.length && theme.items.every((i) => i.type === 'case_study'), show(JSON.stringify(theme)));
    expect(theme.items.some((i) => i.id === ids['merton-cuts']), 'Merton under managing_cuts');
    expect(!theme.items.some((i) => i.id === ids['essex-procurement']), 'Essex is not of managing_cuts');
    const london = await q('cuts', '&region=london');
    expect(london.items.some((i) => i.id === ids['merton-cuts']), 'Merton in London');
    const nw = await q('cuts', '&region=north-west');
    expect(!nw.items.some((i) => i.id === ids['merton-cuts'] && i.type === 'case_study'), 'Merton is not in the North West');
    const byName = await q('cuts', '&region=London');
    expect(byName.items.some((i) => i.id === ids['merton-cuts']), 'a region by its name');
    const y2010 = await q('council', '&type=case_study&year=2010');
    expect(y2010.items.some((i) => i.id === ids['essex-procurement']) && !y2010.items.some((i) => i.id === ids['kent-fire-rescue']),
      show(JSON.stringify(y2010)));
    expect((await q('cuts', '&year=2011')).items.every((i) => i.id !== ids['merton-cuts'] || i.type !== 'case_study'), '2011');
  });

  for (const [param, value] of [['type', 'report'], ['theme', 'cuts'], ['region', 'narnia'], ['year', '10'], ['year', 'last'], ['page', '0']]) {
    await test(`search: a bad ${param} (${value}) is 400 naming ${param}`, async () => {
      const r = await search(`q=cuts&${param}=${value}`, 400);
      expect(r.param === param, show(JSON.stringify(r)));
      expect((r.detail ?? '').length > 0, 'a sentence');
    });
  }

  await test('search: an organisation named with <script> is escaped in the snippet and on the page', async () => {
    const r = await send('POST', '/api/v1/organisations', { name: '<script>alert(1)</script> Cuts Trust', type: 'charity' });
    expect(r.status === 201, `${r.status} ${show(r.text)}`);
    const f = await q('alert trust');
    const item = f.items.find((i) => i.type === 'organisation');
    expect(item && item.title === '<script>alert(1)</script> Cuts Trust', show(JSON.stringify(f)));
    // the only markup of a snippet is <mark>: the name's own is text, kept and escaped on both
    // engines (PostgreSQL's ts_headline would leave a tag out: the store keeps it from seeing one)
    expect(!item.snippet.replace(/<\/?mark>/g, '').includes('<') && /<mark>\w+<\/mark>/.test(item.snippet), show(item.snippet, 300));
    expect(item.snippet.includes('&lt;script&gt;<mark>alert</mark>'), show(item.snippet, 300));
    const page = await request(P, { path: '/search?q=alert+trust' });
    expect(page.status === 200 && !page.text.includes('<script>alert') && page.text.includes('&lt;script&gt;alert(1)'),
      show(page.text.slice(page.text.indexOf('<main'), page.text.indexOf('<main') + 2500), 2600));
  });

  await test('search: text like HTML in a document (<b>x</b>, a < b) is in its snippet, escaped, with the word marked, on both engines', async () => {
    const r = await send('POST', '/api/v1/case-studies', {
      title: 'Marmosets and the Compact', summary: 'The notes said <b>bold</b> marmosets; where a < b and c > d, marmosets & <i>all</i> stay.',
      themes: ['consultation'], areas: ['E08000009'],
    });
    expect(r.status === 201, `${r.status} ${show(r.text)}`);
    const id = json(r).id;
    expect((await send('POST', `/api/v1/case-studies/${id}/publish`)).status === 200, 'publish');
    const f = await q('marmosets');
    const item = f.items.find((i) => i.type === 'case_study' && i.id === id);
    expect(item, show(JSON.stringify(f), 300));
    const s = item.snippet;
    expect(!s.replace(/<\/?mark>/g, '').includes('<'), `markup other than <mark>: ${show(s, 300)}`);
    for (const want of ['&lt;b&gt;bold&lt;/b&gt; <mark>marmosets</mark>', 'a &lt; b and c &gt; d', '&amp; &lt;i&gt;all&lt;/i&gt;']) {
      expect(s.includes(want), `${want} not in ${show(s, 300)}`);
    }
  });

  await test('search: 25 results are 20 on page 1 and 5 on page 2, none twice; past the last, none', async () => {
    for (let i = 1; i <= 25; i++) {
      const r = await send('POST', '/api/v1/organisations', { name: `Paginated Quokka Group ${i}`, type: 'community_group' });
      expect(r.status === 201, `${r.status} ${show(r.text)}`);
    }
    const one = await q('quokka');
    const two = await q('quokka', '&page=2');
    const three = await q('quokka', '&page=3');
    expect(one.total === 25 && two.total === 25, `${one.total} ${two.total}`);
    expect(one.items.length === 20 && two.items.length === 5 && three.items.length === 0,
      `${one.items.length} ${two.items.length} ${three.items.length}`);
    const seen = new Set([...one.items, ...two.items].map((i) => i.id));
    expect(seen.size === 25, `${seen.size} distinct`);
    const page = await request(P, { path: '/search?q=quokka' });
    expect(page.text.includes('govuk-pagination') && page.text.includes('href="/search?q=quokka&amp;page=2"'), 'the page links page 2');
  });

  await test('search: the index follows each write (a draft is not found, published it is; a rename)', async () => {
    const r = await send('POST', '/api/v1/case-studies', {
      title: 'Zebra crossings and the Compact', summary: 'A draft nobody may find yet.', themes: ['consultation'], areas: ['E08000009'],
    });
    const id = json(r).id;
    expect((await q('zebra')).total === 0, 'a draft is found');
    expect((await send('POST', `/api/v1/case-studies/${id}/publish`)).status === 200, 'publish');
    expect((await q('zebra')).items.some((i) => i.id === id), 'published, not found');
    const org = await send('POST', '/api/v1/organisations', { name: 'Okapi Friends', org_id: 'GB-CHC-7654321', type: 'charity' });
    expect(org.status === 201, show(org.text));
    expect((await send('PATCH', '/api/v1/organisations/GB-CHC-7654321', { name: 'Pangolin Friends' })).status === 200, 'rename');
    expect((await q('okapi')).total === 0, 'the old name is still found');
    const now = await q('pangolin');
    expect(now.items.some((i) => i.url === '/organisations/GB-CHC-7654321'), show(JSON.stringify(now)));
  });

  await test('search: the page shows the results with the words marked, and every page has the header box', async () => {
    const page = await request(P, { path: '/search?q=cuts' });
    expect(page.status === 200 && page.text.includes('Talking early about cuts') && /<mark>cuts?<\/mark>/i.test(page.text), show(page.text, 200));
    for (const path of ['/', '/compacts', '/library', '/search']) {
      const p = await request(P, { path });
      expect(p.text.includes('action="/search"') && p.text.includes('id="header-search"'), `${path} has no header search`);
    }
    const bad = await request(P, { path: '/search?q=cuts&type=report' });
    expect(bad.status === 400 && bad.text.includes('govuk-error-summary') && bad.text.includes('Type must be'), show(bad.text, 200));
  });

  await test('search: compact search QUERY answers as the API does (json), and as text', async () => {
    const r = await run(BIN, ['search', 'cuts', '--format', 'json', '--db', s.dbPath]);
    expect(r.code === 0, `exit ${r.code} ${show(r.stderr)}`);
    const out = JSON.parse(r.stdout);
    const api = await q('cuts');
    expect(out.total === api.total && out.items[0].url === api.items[0].url, show(r.stdout, 300));
    const t = await run(BIN, ['search', '"NEAR(cuts', '--type', 'case_study', '--db', s.dbPath]);
    expect(t.code === 0 && t.stdout.includes('Talking early about cuts') && /\[cuts?\]/i.test(t.stdout), show(t.stdout, 300));
    const bad = await run(BIN, ['search', 'cuts', '--type', 'report', '--db', s.dbPath]);
    expect(bad.code === 2 && /type/.test(bad.stderr), `${bad.code} ${show(bad.stderr)}`);
  });
}
