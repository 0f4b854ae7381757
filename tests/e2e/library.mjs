// The library through the real server (issue 16, items 1 and 2): the first case studies and
// resources loaded by `compact init`; drafts and publishing by object (the coordinator of this
// Compact and of another, a member whose organisation signed it, an admin; a draft is 404 to
// everyone else); bad input naming its field and storing nothing; PDF uploads (a real PDF, a PNG
// renamed .pdf, 21 MB, a name with ../ and quotes) and the download's headers.
//
//   import { libraryTests } from './library.mjs';
//   await libraryTests(BIN, report);   // report(name, ok, why)
import { createHash } from 'node:crypto';
import {
  addToken, addUser, bearer, cookieHeader, expect, newPassword, onServer, request, session, show,
} from './auth.mjs';
import { json, sql } from './organisations.mjs';
import { run } from '../lib/server.mjs';

const MEMBER_ORG = 'GB-CHC-7777777';

// A small, real, one-page PDF ("Compact Hub test document"), its cross-reference table computed.
export function tinyPdf() {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 144] /Contents 4 0 R ' +
      '/Resources << /Font << /F1 5 0 R >> >> >>',
    null,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  const stream = 'BT /F1 18 Tf 20 70 Td (Compact Hub test document) Tj ET';
  objects[3] = `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`;
  let out = '%PDF-1.4\n';
  const offsets = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) out += `${String(off).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

// A 1 by 1 pixel PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

// A multipart/form-data body of fields and one file {name, filename, type, data}.
export function multipart(fields, file) {
  const boundary = `----compact${Math.random().toString(16).slice(2)}`;
  const parts = [];
  for (const [k, v] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  if (file) {
    const name = file.filename.replace(/["\\]/g, (c) => `\\${c}`);
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${file.name}"; filename="${name}"\r\n` +
      `Content-Type: ${file.type}\r\n\r\n`, 'utf8'));
    parts.push(file.data, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), type: `multipart/form-data; boundary=${boundary}` };
}

export async function libraryTests(BIN, report) {
  await onServer(BIN, report, 'library', (s, test) => tests(BIN, s, test));
}

async function tests(BIN, s, test) {
  const P = s.port;
  const who = {};
  const send = (method, path, token, body) => request(P, {
    method, path, headers: { ...bearer(token), 'Content-Type': 'application/json' }, body: JSON.stringify(body),
  });
  const upload = (method, path, token, fields, file) => {
    const m = multipart(fields, file);
    return request(P, { method, path, headers: { ...bearer(token), 'Content-Type': m.type }, body: m.body });
  };
  const count = async (table) => Number(await sql(s.dbPath, `SELECT count(*) FROM ${table}`));
  const problem = (r, status, param) => r.status === status && /^application\/problem\+json/.test(r.headers['content-type'] || '') &&
    (param === undefined || json(r)?.param === param);
  let A, B;

  const ready = await test('library: an admin, coordinators of Compacts A and B, a member whose organisation signed A', async () => {
    for (const [role, name, org] of [['admin', 'admin'], ['coordinator', 'coordA'], ['coordinator', 'coordB'], ['member', 'member', MEMBER_ORG]]) {
      const email = `${name}@library.test`;
      const password = newPassword(name);
      await addUser(BIN, s.dbPath, email, role, password, org);
      who[name] = { email, password, token: (await addToken(BIN, s.dbPath, email)).token };
    }
    const make = async (name, token) => {
      const r = await send('POST', '/api/v1/compacts', token, { name, authorities: ['E09000024'], status: 'active', status_date: '2010-04-01' });
      expect(r.status === 201, `${name}: ${r.status} ${show(r.text)}`);
      return json(r).id;
    };
    A = await make('Compact A', who.coordA.token);
    B = await make('Compact B', who.coordB.token);
    const org = await send('POST', '/api/v1/organisations', who.admin.token, { org_id: MEMBER_ORG, name: 'Merton Voluntary Service Council', type: 'vcs_infrastructure' });
    expect(org.status === 201, `organisation: ${org.status} ${show(org.text)}`);
    const sig = await send('POST', `/api/v1/compacts/${A}/signatories`, who.coordA.token, { organisation: MEMBER_ORG, signed_on: '2010-04-01', role: 'Chair' });
    expect(sig.status === 201, `signatory: ${sig.status} ${show(sig.text)}`);
  });
  if (!ready) return;

  await test('library: compact init loaded the four case studies and six resources, published, once', async () => {
    const cs = await request(P, { path: '/api/v1/case-studies' });
    const items = json(cs)?.items || [];
    expect(cs.status === 200 && items.length === 4 && items.every((i) => i.status === 'published'), `${cs.status} ${show(cs.text, 400)}`);
    const merton = items.find((i) => i.title === 'Talking early about cuts');
    expect(merton && merton.year === 2010 && merton.themes.join() === 'managing_cuts' && merton.areas.join() === 'E09000024' &&
      /Compact Voice/.test(merton.source_citation), show(JSON.stringify(merton), 400));
    const res = json(await request(P, { path: '/api/v1/resources' }))?.items || [];
    expect(res.length === 6 && res.some((r) => r.kind === 'national_compact' && r.date === '2010-12-01'), show(JSON.stringify(res), 300));
    expect(await count('library_loaded') === 10, `library_loaded: ${await count('library_loaded')}`);
    const again = await sql(s.dbPath, "SELECT count(*) FROM case_study WHERE title = 'Talking early about cuts'");
    expect(again === '1', `Merton ${again} times`);
  });

  await test('library: the library page lists them by theme, and the Merton case study has its page with names for people', async () => {
    const page = await request(P, { path: '/library?theme=managing_cuts' });
    expect(page.status === 200 && page.text.includes('Talking early about cuts') && !page.text.includes('Fire officers learn') &&
      page.text.includes('1 case study'), show(page.text.slice(-2000), 500));
    const id = await sql(s.dbPath, "SELECT id FROM case_study WHERE title = 'Talking early about cuts'");
    const one = await request(P, { path: `/case-studies/${id}` });
    expect(one.status === 200 && one.text.includes('Managing cuts') && one.text.includes('Merton') && !one.text.includes('E09000024') &&
      !one.text.includes('managing_cuts'), show(one.text.slice(-2500), 800));
    const bad = await request(P, { path: '/library?theme=nonsense&year=twenty' });
    expect(bad.status === 400 && bad.text.includes('govuk-error-summary') && bad.text.includes('href="#theme"') && bad.text.includes('href="#year"'),
      `${bad.status} ${show(bad.text.slice(0, 600))}`);
    const api = await request(P, { path: '/api/v1/case-studies?region=nowhere' });
    expect(problem(api, 400, 'region'), `${api.status} ${show(api.text)}`);
  });

  const CS = { title: 'A funding code agreed early', summary: 'The council and the sector agreed a funding code.', themes: ['commissioning'], year: 2011 };
  let draftA, draftMember;
  await test('library: the coordinator of A writes a draft for A (201); for B it is 403 and stores nothing', async () => {
    const r = await send('POST', '/api/v1/case-studies', who.coordA.token, { ...CS, compact_id: A });
    draftA = json(r)?.id;
    expect(r.status === 201 && json(r).status === 'draft' && json(r).compact_id === A, `${r.status} ${show(r.text)}`);
    const n = await count('case_study');
    const audits = await sql(s.dbPath, "SELECT count(*) FROM audit WHERE kind = 'case_study'");
    const onB = await send('POST', '/api/v1/case-studies', who.coordA.token, { ...CS, compact_id: B });
    expect(problem(onB, 403), `${onB.status} ${show(onB.text)}`);
    const none = await send('POST', '/api/v1/case-studies', who.coordA.token, CS);
    expect(problem(none, 403), `without a Compact: ${none.status} ${show(none.text)}`);
    expect(await count('case_study') === n && await sql(s.dbPath, "SELECT count(*) FROM audit WHERE kind = 'case_study'") === audits, 'something was stored');
  });

  await test('library: a member writes a draft for the Compact their organisation signed (201), not for another (403)', async () => {
    const r = await send('POST', '/api/v1/case-studies', who.member.token, { ...CS, title: 'Volunteers in the budget', compact_id: A });
    draftMember = json(r)?.id;
    expect(r.status === 201 && json(r).status === 'draft', `${r.status} ${show(r.text)}`);
    const onB = await send('POST', '/api/v1/case-studies', who.member.token, { ...CS, compact_id: B });
    expect(problem(onB, 403), `${onB.status} ${show(onB.text)}`);
  });

  await test('library: a draft is 404 to the public and to the coordinator of B, seen by its author, A\'s coordinator and admins', async () => {
    for (const path of [`/api/v1/case-studies/${draftMember}`, `/case-studies/${draftMember}`]) {
      const pub = await request(P, { path });
      expect(pub.status === 404, `public ${path}: ${pub.status}`);
      const b = await request(P, { path, headers: bearer(who.coordB.token) });
      expect(b.status === 404, `coordinator of B ${path}: ${b.status}`);
      for (const name of ['member', 'coordA', 'admin']) {
        const ok = await request(P, { path, headers: bearer(who[name].token) });
        expect(ok.status === 200, `${name} ${path}: ${ok.status} ${show(ok.text)}`);
      }
    }
    const list = json(await request(P, { path: '/api/v1/case-studies' }))?.items || [];
    expect(!list.some((i) => i.id === draftA || i.id === draftMember), 'a draft in the public list');
    const mine = json(await request(P, { path: '/api/v1/case-studies', headers: bearer(who.coordB.token) }))?.items || [];
    expect(!mine.some((i) => i.id === draftA), 'A\'s draft in B\'s coordinator\'s list');
    const page = await request(P, { path: '/library' });
    expect(!page.text.includes('Volunteers in the budget'), 'a draft on the public library page');
  });

  await test('library: the coordinator of B cannot change A\'s draft (404); the coordinator of A can change the member\'s (200)', async () => {
    const b = await send('PATCH', `/api/v1/case-studies/${draftMember}`, who.coordB.token, { title: 'Taken' });
    expect(b.status === 404, `${b.status} ${show(b.text)}`);
    const a = await send('PATCH', `/api/v1/case-studies/${draftMember}`, who.coordA.token, { outcome: 'Savings followed.' });
    expect(a.status === 200 && json(a).outcome === 'Savings followed.' && json(a).title === 'Volunteers in the budget', `${a.status} ${show(a.text)}`);
  });

  await test('library: bad input names its field and stores nothing', async () => {
    const n = await count('case_study');
    for (const [body, param] of [
      [{ ...CS, compact_id: A, title: '' }, 'title'],
      [{ ...CS, compact_id: A, themes: ['nonsense'] }, 'themes'],
      [{ ...CS, compact_id: A, year: 1200 }, 'year'],
      [{ ...CS, compact_id: A, areas: ['E99999999'] }, 'areas'],
      [{ ...CS, compact_id: A, source_url: 'javascript:alert(1)' }, 'source_url'],
      [{ ...CS, compact_id: A, colour: 'red' }, 'colour'],
      [{ ...CS, year: 'twenty' }, 'year'],
    ]) {
      const r = await send('POST', '/api/v1/case-studies', who.coordA.token, body);
      expect(problem(r, 400, param), `${param}: ${r.status} ${show(r.text)}`);
    }
    const admin = await send('POST', '/api/v1/case-studies', who.admin.token, { ...CS, compact_id: 999999 });
    expect(problem(admin, 400, 'compact'), `no such Compact: ${admin.status} ${show(admin.text)}`);
    expect(await count('case_study') === n, 'something was stored');
    const form = await session(P, who.coordA.email, who.coordA.password);
    const f = await request(P, { method: 'POST', path: '/case-studies', headers: cookieHeader(form.cookie),
      body: { csrf_token: form.csrf, title: '', summary: 'x', compact: String(A) } });
    expect(f.status === 400 && f.text.includes('govuk-error-summary') && f.text.includes('href="#title"') && f.text.includes('Enter a title') &&
      f.text.includes('href="#themes"'), `${f.status} ${show(f.text.slice(0, 800))}`);
    expect(await count('case_study') === n, 'the form stored something');
  });

  await test('library: only an admin publishes (coordinator 403); then everyone reads it', async () => {
    const c = await send('POST', `/api/v1/case-studies/${draftA}/publish`, who.coordA.token, {});
    expect(c.status === 403, `coordinator: ${c.status} ${show(c.text)}`);
    const a = await send('POST', `/api/v1/case-studies/${draftA}/publish`, who.admin.token, {});
    expect(a.status === 200 && json(a).status === 'published' && json(a).published_at, `${a.status} ${show(a.text)}`);
    const pub = await request(P, { path: `/case-studies/${draftA}` });
    expect(pub.status === 200 && pub.text.includes('A funding code agreed early'), `public: ${pub.status}`);
    const again = await send('POST', `/api/v1/case-studies/${draftA}/publish`, who.admin.token, {});
    expect(again.status === 409, `again: ${again.status}`);
  });

  // ---- PDFs
  const pdf = tinyPdf();
  let doc;
  await test('library: a local Compact\'s document uploaded as a real PDF is stored with its SHA-256', async () => {
    const r = await upload('POST', '/api/v1/resources', who.coordA.token,
      { title: 'Compact A funding code', kind: 'local_compact_document', compact_id: String(A), date: '2011-03-01' },
      { name: 'document', filename: 'funding code.pdf', type: 'application/pdf', data: pdf });
    doc = json(r);
    const sha = createHash('sha256').update(pdf).digest('hex');
    expect(r.status === 201 && doc.document?.sha256 === sha && doc.document.size === pdf.length && doc.document.file_name === 'funding code.pdf',
      `${r.status} ${show(r.text, 400)}`);
    expect(await sql(s.dbPath, `SELECT sha256 FROM resource_document WHERE resource_id = ${Number(doc.id)}`) === sha, 'stored hash');
  });

  await test('library: the download is an attachment, application/pdf, nosniff, the same bytes; a draft\'s is 404 to the public', async () => {
    const pub = await request(P, { path: `/resources/${doc.id}/document` });
    expect(pub.status === 404, `public, draft: ${pub.status}`);
    const r = await request(P, { path: `/resources/${doc.id}/document`, headers: bearer(who.coordA.token) });
    expect(r.status === 200 && r.headers['content-type'] === 'application/pdf' && r.headers['x-content-type-options'] === 'nosniff' &&
      r.headers['content-disposition'] === 'attachment; filename="funding code.pdf"' && Buffer.compare(r.buf, pdf) === 0,
    `${r.status} ${JSON.stringify(r.headers)}`);
  });

  await test('library: a PNG renamed .pdf is refused naming document, and nothing is stored', async () => {
    const n = await count('resource');
    const d = await count('resource_document');
    const r = await upload('POST', '/api/v1/resources', who.admin.token, { title: 'A picture', kind: 'guidance' },
      { name: 'document', filename: 'picture.pdf', type: 'application/pdf', data: PNG });
    expect(problem(r, 400, 'document') && /must be a PDF/.test(json(r).detail), `${r.status} ${show(r.text)}`);
    const form = await session(P, who.admin.email, who.admin.password);
    const m = multipart({ csrf_token: form.csrf, title: 'A picture', kind: 'guidance' },
      { name: 'document', filename: 'picture.pdf', type: 'application/pdf', data: PNG });
    const f = await request(P, { method: 'POST', path: '/resources', headers: { ...cookieHeader(form.cookie), 'Content-Type': m.type }, body: m.body });
    expect(f.status === 400 && f.text.includes('govuk-error-summary') && f.text.includes('href="#document"') && f.text.includes('must be a PDF'),
      `form: ${f.status} ${show(f.text.slice(0, 600))}`);
    expect(await count('resource') === n && await count('resource_document') === d, 'something was stored');
  });

  await test('library: a 21 MB upload is refused (413), nothing stored; another route still refuses 2 MB', async () => {
    const n = await count('resource');
    const big = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(21 * 1024 * 1024, 0x20)]);
    const r = await upload('POST', '/api/v1/resources', who.admin.token, { title: 'Too big', kind: 'guidance' },
      { name: 'document', filename: 'big.pdf', type: 'application/pdf', data: big });
    expect(r.status === 413 || problem(r, 400, 'document'), `${r.status} ${show(r.text)}`);
    expect(await count('resource') === n, 'stored');
    const other = await request(P, { method: 'POST', path: '/api/v1/case-studies', headers: { ...bearer(who.admin.token), 'Content-Type': 'application/json' },
      body: Buffer.alloc(2 * 1024 * 1024, 0x20) });
    expect(other.status === 413, `2 MB to another route: ${other.status}`);
    const just = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(20 * 1024 * 1024, 0x20)]);
    const over = await upload('POST', '/api/v1/resources', who.admin.token, { title: 'Just too big', kind: 'guidance' },
      { name: 'document', filename: 'big.pdf', type: 'application/pdf', data: just });
    expect(problem(over, 400, 'document') && /20 MB/.test(json(over).detail), `20 MB and a few bytes: ${over.status} ${show(over.text)}`);
    expect(await count('resource') === n, 'stored');
  });

  await test('library: a file name with ../ and quotes is kept and served safe; a name not in ASCII gets filename*', async () => {
    const r = await upload('POST', '/api/v1/resources', who.admin.token, { title: 'Tricky name', kind: 'template' },
      { name: 'document', filename: '../../etc/"passwd"; x=.pdf', type: 'application/pdf', data: pdf });
    const name = json(r)?.document?.file_name;
    expect(r.status === 201 && name && !/[/\\"';]/.test(name) && name.endsWith('.pdf'), `${r.status} ${show(r.text)}`);
    const d = await request(P, { path: `/resources/${json(r).id}/document`, headers: bearer(who.admin.token) });
    const cd = d.headers['content-disposition'] || '';
    expect(/^attachment; filename="[^"/\\]+"$/.test(cd) && !cd.includes('..'), cd);
    const u = await upload('POST', '/api/v1/resources', who.admin.token, { title: 'Accents', kind: 'report' },
      { name: 'document', filename: 'Résumé Merton.pdf', type: 'application/pdf', data: pdf });
    const du = await request(P, { path: `/resources/${json(u).id}/document`, headers: bearer(who.admin.token) });
    expect((du.headers['content-disposition'] || '') === "attachment; filename=\"R__sum__ Merton.pdf\"; filename*=UTF-8''R%C3%A9sum%C3%A9%20Merton.pdf",
      du.headers['content-disposition']);
  });

  await test('library: compact library list and show read it all, drafts too; a bad filter names its option', async () => {
    const r = await run(BIN, ['library', 'list', '--kind', 'case_study', '--format', 'json', '--db', s.dbPath]);
    const out = JSON.parse(r.stdout || '{}');
    expect(r.code === 0 && out.case_studies.total === 6 && out.case_studies.items.some((i) => i.status === 'draft') &&
      out.resources.total === 0, `${r.code} ${show(r.stdout, 300)} ${show(r.stderr)}`);
    const one = await run(BIN, ['library', 'show', 'resource', String(doc.id), '--db', s.dbPath]);
    expect(one.code === 0 && JSON.parse(one.stdout).document.sha256 === doc.document.sha256, `${one.code} ${show(one.stdout)}`);
    const bad = await run(BIN, ['library', 'list', '--theme', 'cuts', '--db', s.dbPath]);
    expect(bad.code === 2 && /--theme/.test(bad.stderr), `${bad.code} ${show(bad.stderr)}`);
  });

  // the lists page by 20 (SPEC section 9; issue 16): more than a page of case studies and of
  // resources, made through the API, paged on /case-studies, /resources and from /library, the
  // filters kept in each page's links
  await test('library: more than a page of case studies and of resources page by 20, the filters kept', async () => {
    const before = json(await request(P, { path: '/api/v1/case-studies?theme=volunteering&year=2015' }))?.items?.length ?? -1;
    for (let i = 1; i <= 23; i++) {
      const c = await send('POST', '/api/v1/case-studies', who.admin.token, { title: `Volunteers counted ${String(i).padStart(2, '0')}`,
        summary: 'Volunteers were counted.', year: 2015, themes: ['volunteering'], areas: ['E09000024'] });
      expect(c.status === 201, `case study ${i}: ${c.status} ${show(c.text)}`);
      const p = await send('POST', `/api/v1/case-studies/${json(c).id}/publish`, who.admin.token, {});
      expect(p.status === 200, `publish ${i}: ${p.status}`);
    }
    for (let i = 1; i <= 22; i++) {
      const r = await send('POST', '/api/v1/resources', who.admin.token, { title: `Toolkit ${String(i).padStart(2, '0')}`, kind: 'toolkit',
        url: `https://example.org/toolkit-${i}`, date: '2015-06-01' });
      expect(r.status === 201, `resource ${i}: ${r.status} ${show(r.text)}`);
      const p = await send('POST', `/api/v1/resources/${json(r).id}/publish`, who.admin.token, {});
      expect(p.status === 200, `publish resource ${i}: ${p.status}`);
    }
    const total = before + 23;
    const cards = (text) => (text.match(/class="govuk-summary-card"/g) || []).length;
    const one = await request(P, { path: '/case-studies?theme=volunteering&year=2015' });
    expect(one.status === 200 && one.text.includes(`<h1 class="govuk-heading-l">Case studies</h1>`) && cards(one.text) === 20 &&
      one.text.includes(`${total} case studies`) && one.text.includes(`Showing 1 to 20 of ${total}`) &&
      one.text.includes('href="/case-studies?theme=volunteering&amp;year=2015&amp;page=2"') &&
      one.text.includes('<option value="volunteering" selected>'), `${one.status} ${cards(one.text)} ${show(one.text.slice(-3000), 1500)}`);
    const two = await request(P, { path: '/case-studies?theme=volunteering&year=2015&page=2' });
    expect(two.status === 200 && cards(two.text) === total - 20 && two.text.includes(`Showing 21 to ${total} of ${total}`) &&
      two.text.includes('href="/case-studies?theme=volunteering&amp;year=2015"') && two.text.includes('value="2015"') &&
      !two.text.includes('Volunteers counted 01<'), `${two.status} ${cards(two.text)} ${show(two.text.slice(-3000), 1500)}`);
    // every one once over the two pages, in the list's order
    const titles = (text) => [...text.matchAll(/>(Volunteers counted \d\d)</g)].map((m) => m[1]);
    const seen = [...titles(one.text), ...titles(two.text)];
    expect(seen.length === 23 && new Set(seen).size === 23, seen.join());
    const lib = await request(P, { path: '/library?theme=volunteering&year=2015' });
    expect(lib.status === 200 && cards(lib.text) === 20 && lib.text.includes(`Showing 1 to 20 of ${total}`) &&
      lib.text.includes('href="/case-studies?theme=volunteering&amp;year=2015&amp;page=2"'), `${lib.status} ${show(lib.text.slice(-3000), 1500)}`);
    const res = await request(P, { path: '/resources?kind=toolkit&year=2015' });
    expect(res.status === 200 && cards(res.text) === 20 && res.text.includes('22 resources') && res.text.includes('Showing 1 to 20 of 22') &&
      res.text.includes('href="/resources?kind=toolkit&amp;year=2015&amp;page=2"') && !res.text.includes('name="theme"'),
    `${res.status} ${show(res.text.slice(-3000), 1500)}`);
    const res2 = await request(P, { path: '/resources?kind=toolkit&year=2015&page=2' });
    expect(res2.status === 200 && cards(res2.text) === 2 && res2.text.includes('Showing 21 to 22 of 22') &&
      res2.text.includes('<option value="toolkit" selected>'), `${res2.status} ${show(res2.text.slice(-3000), 1500)}`);
    const all = await request(P, { path: '/library?kind=toolkit' });
    expect(all.status === 200 && all.text.includes('href="/resources?kind=toolkit&amp;page=2"') && all.text.includes('0 case studies'),
      `${all.status} ${show(all.text.slice(-3000), 1500)}`);
    const bad = await request(P, { path: '/case-studies?page=0' });
    expect(bad.status === 400 && bad.text.includes('govuk-error-summary') && bad.text.includes('href="#page"'), `${bad.status} ${show(bad.text.slice(0, 800))}`);
    const api = json(await request(P, { path: '/api/v1/case-studies?theme=volunteering&year=2015' }))?.items || [];
    expect(api.length === total, `the API lists all ${total}: ${api.length}`);
    // the API's lists page by limit and cursor, as every list of the API does
    const got = [];
    let path = '/api/v1/case-studies?theme=volunteering&year=2015&limit=10';
    for (let i = 0; i < 3; i++) {
      const r = json(await request(P, { path }));
      expect(r && r.total === total && r.items.length === Math.min(10, total - got.length), `page ${i + 1}: ${show(JSON.stringify(r), 300)}`);
      got.push(...r.items.map((it) => it.title));
      expect(i < 2 ? typeof r.next === 'string' : r.next === null, `page ${i + 1}'s next: ${r.next}`);
      path = `/api/v1/case-studies?theme=volunteering&year=2015&limit=10&cursor=${encodeURIComponent(r.next)}`;
    }
    expect(got.length === total && new Set(got).size === total, got.join());
    const rp = json(await request(P, { path: '/api/v1/resources?kind=toolkit&limit=20' }));
    expect(rp?.total === 22 && rp.items.length === 20 && typeof rp.next === 'string', show(JSON.stringify(rp), 200));
    const badCursor = await request(P, { path: '/api/v1/resources?cursor=nonsense' });
    expect(problem(badCursor, 400, 'cursor'), `${badCursor.status} ${show(badCursor.text)}`);
    const badLimit = await request(P, { path: '/api/v1/case-studies?limit=0' });
    expect(problem(badLimit, 400, 'limit'), `${badLimit.status} ${show(badLimit.text)}`);
  });

  // the forms tick the boxes of what was given (view/form.c ticks boxes one way)
  await test('library: the case study form ticks the themes it has, and those sent back with an error', async () => {
    const c = await send('POST', '/api/v1/case-studies', who.admin.token, { title: 'Two themes', summary: 'Both.',
      themes: ['consultation', 'equality'] });
    expect(c.status === 201, `${c.status} ${show(c.text)}`);
    const admin = await session(P, who.admin.email, who.admin.password);
    const ticked = (text) => [...text.matchAll(/name="themes" type="checkbox" value="([a-z_]+)" checked/g)].map((m) => m[1]).join();
    const edit = await request(P, { path: `/case-studies/${json(c).id}/edit`, headers: cookieHeader(admin.cookie) });
    expect(edit.status === 200 && ticked(edit.text) === 'consultation,equality', `edit: ${edit.status} ${ticked(edit.text)}`);
    const back = await request(P, { method: 'POST', path: '/case-studies',
      headers: { ...cookieHeader(admin.cookie), 'Content-Type': 'application/x-www-form-urlencoded' },
      body: `csrf_token=${encodeURIComponent(admin.csrf)}&title=&summary=x&themes=volunteering&themes=independence` });
    expect(back.status === 400 && ticked(back.text) === 'volunteering,independence', `back: ${back.status} ${ticked(back.text)}`);
  });
}
