// Updating a Compact through its pages (issue 13, item 6), over HTTP: each save answers 303 to
// the page it returns to with ?done= keys from a fixed table, and that page says what changed
// with the values as stored (unknown keys are ignored, nothing of the address is echoed, and
// only people who may change the Compact see a banner); the Change links name their field; the
// review date in force fills the form and, left as it was, goes on following the dates; the
// six-year rule names the latest date. Adding a signatory: the search step (GET forms), the
// form with the organisation chosen, and the way through adding a missing organisation.
import { sql } from '../lib/db.mjs';
import { addUser, cookieHeader, expect, newPassword, request, session, show, onServer } from './auth.mjs';

export async function updateTests(BIN, report) {
  await onServer(BIN, report, 'update', (s, test) => run1(BIN, s, test));
}

const BANNER = /<div class="govuk-notification-banner[^"]*"[\s\S]*?<\/div><\/div>/;
const banner = (html) => BANNER.exec(html)?.[0] ?? '';

async function run1(BIN, s, test) {
  const P = s.port;
  const pw = { a: newPassword('a'), b: newPassword('b') };
  let a, b, A, B;
  const get = (path, who) => request(P, { path, headers: who ? cookieHeader(who.cookie) : {} });
  const post = (path, who, body) => request(P, { method: 'POST', path, headers: cookieHeader(who.cookie), body: { csrf_token: who.csrf, ...body } });
  const api = async (id) => JSON.parse((await get(`/api/v1/compacts/${id}`)).text);
  const details = (over = {}) => ({
    name: 'Leeds Compact', authorities: 'Leeds', 'adopted-day': '15', 'adopted-month': '1', 'adopted-year': '2027',
    'review_due-day': '15', 'review_due-month': '1', 'review_due-year': '2033', ...over,
  });

  const ready = await test('update: two coordinators, each with a Compact made through the form', async () => {
    await addUser(BIN, s.dbPath, 'a@update.test', 'coordinator', pw.a);
    await addUser(BIN, s.dbPath, 'b@update.test', 'coordinator', pw.b);
    a = await session(P, 'a@update.test', pw.a);
    b = await session(P, 'b@update.test', pw.b);
    for (const [who, name] of [[a, 'Leeds Compact'], [b, 'Bradford Compact']]) {
      const r = await post('/compacts', who, { name, authorities: name.split(' ')[0], status: 'active',
        'status_date-day': '1', 'status_date-month': '4', 'status_date-year': '2021',
        'adopted-day': '15', 'adopted-month': '1', 'adopted-year': '2027' });
      expect(r.status === 303 && /^\/compacts\/\d+$/.test(r.headers.location), `${name}: ${r.status} ${r.headers.location}`);
      if (who === a) A = r.headers.location;
      else B = r.headers.location;
    }
  });
  if (!ready) return;

  await test('update: each Change link names its field and opens the form at it', async () => {
    const r = await get(A, a);
    for (const [field, hidden] of [['authorities', 'authorities'], ['adopted', 'date adopted'], ['refreshed', 'date last refreshed'],
      ['review_due', 'review date'], ['document_url', 'document link']]) {
      expect(r.text.includes(`href="${A}/edit?change=${field}">Change<span class="govuk-visually-hidden"> ${hidden}</span>`), `no Change link for ${field}`);
    }
    expect(r.text.includes(`href="${A}/status">Change<span class="govuk-visually-hidden"> status</span>`), 'no status link');
    expect(r.text.includes(`href="${A}/edit?change=contacts">Add a key contact</a>`), 'no contacts link');
    const form = await get(`${A}/edit?change=review_due`, a);
    expect(form.status === 200 && (form.text.match(/ autofocus/g) || []).length === 1 &&
      /id="review_due-day" name="review_due-day" type="text" inputmode="numeric" autofocus value="15"/.test(form.text), show(form.text.slice(form.text.indexOf('review_due-day') - 200), 400));
    const contacts = await get(`${A}/edit?change=contacts`, a);
    expect(/id="contact-0-name" name="contact-0-name" type="text" spellcheck="false" autofocus/.test(contacts.text), 'contacts: no focus');
    for (const bad of ['<script>', 'csrf_token', 'status', '']) {
      const f = await get(`${A}/edit?change=${encodeURIComponent(bad)}`, a);
      expect(f.status === 200 && !f.text.includes(' autofocus') && !f.text.includes('<script>'), `?change=${bad}: focus or echo`);
    }
  });

  await test('update: the review date in force fills the form; left as it was it goes on following the dates', async () => {
    const form = await get(`${A}/edit`, a);
    expect(form.text.includes('name="review_due-year" type="text" inputmode="numeric" value="2033"'), 'review year not filled in');
    const r = await post(A, a, { ...details(), 'adopted-year': '2026' });
    expect(r.status === 303 && r.headers.location === `${A}?done=adopted,review`, `${r.status} ${r.headers.location}`);
    const e = await api(A.split('/')[2]);
    expect(e.review_due === '2032-01-15' && e.review_due_set === false, show(JSON.stringify([e.review_due, e.review_due_set])));
  });

  await test('update: the six-year rule says the latest date to enter, and nothing is stored', async () => {
    const r = await post(A, a, details({ 'adopted-year': '2027', 'review_due-day': '16' }));
    expect(r.status === 400 && r.text.includes('<a href="#review_due">Enter a review date no later than 15 January 2033, six years after the date it was adopted</a>'),
      `${r.status} ${show(r.text.slice(r.text.indexOf('govuk-error-summary'), 600))}`);
    const refreshed = await post(A, a, details({ 'refreshed-day': '1', 'refreshed-month': '3', 'refreshed-year': '2028',
      'review_due-day': '2', 'review_due-month': '3', 'review_due-year': '2034' }));
    expect(refreshed.status === 400 && refreshed.text.includes('no later than 1 March 2034, six years after the date it was last refreshed'), `${refreshed.status}`);
    const e = await api(A.split('/')[2]);
    expect(e.adopted === '2026-01-15' && !e.refreshed, show(JSON.stringify(e)));
  });

  await test('update: each save says what it changed (?done= from a fixed table)', async () => {
    const review = await post(A, a, details({ 'adopted-year': '2027', 'review_due-day': '1', 'review_due-month': '4', 'review_due-year': '2030' }));
    expect(review.headers.location === `${A}?done=adopted,review`, review.headers.location);
    const page = await get(review.headers.location, a);
    expect(banner(page.text).includes('govuk-notification-banner--success') && banner(page.text).includes('Changes saved') &&
      banner(page.text).includes('<li>Date adopted changed to 15 January 2027</li><li>Review date changed to 1 April 2030</li>'), show(banner(page.text), 600));
    const one = await post(A, a, details({ 'adopted-year': '2027', 'review_due-day': '2', 'review_due-month': '4', 'review_due-year': '2030' }));
    expect(one.headers.location === `${A}?done=review`, one.headers.location);
    expect(banner((await get(one.headers.location, a)).text).includes('<p class="govuk-notification-banner__heading">Review date changed to 2 April 2030</p>'), 'one change: heading');
    const same = await post(A, a, details({ 'adopted-year': '2027', 'review_due-day': '2', 'review_due-month': '4', 'review_due-year': '2030' }));
    expect(same.headers.location === `${A}?done=nothing`, same.headers.location);
    const nothing = banner((await get(same.headers.location, a)).text);
    expect(nothing.includes('Nothing was changed') && !nothing.includes('--success'), show(nothing));
    const contact = await post(A, a, details({ 'adopted-year': '2027', 'review_due-day': '2', 'review_due-month': '4', 'review_due-year': '2030', 'contact-0-name': 'Priya <Shah>' }));
    expect(contact.headers.location === `${A}?done=contacts`, contact.headers.location);
    const status = await post(`${A}/status`, a, { status: 'inactive', 'date-day': '1', 'date-month': '12', 'date-year': '2026' });
    expect(status.headers.location === `${A}?done=status`, status.headers.location);
    expect(banner((await get(status.headers.location, a)).text).includes('Status changed to Inactive from 1 December 2026'), 'status banner');
    const code = await post(`${A}/codes`, a, { title: 'Funding <code>' });
    expect(code.headers.location === `${A}?done=code`, code.headers.location);
    expect(banner((await get(code.headers.location, a)).text).includes('Code of practice added: Funding &lt;code&gt;'), 'code banner, escaped');
    const params = await post(`${A}/parameters`, a, { notice_months: '6', consultation_weeks: '' });
    expect(params.headers.location === `${A}?done=notice_months`, params.headers.location);
    expect(banner((await get(params.headers.location, a)).text).includes('Notice before funding ends or is reduced changed to 6 months'), 'parameters banner');
    const back = await post(`${A}/parameters`, a, {});
    expect(back.headers.location === `${A}?done=notice_months`, back.headers.location);
    expect(banner((await get(back.headers.location, a)).text).includes('changed to the national default, 3 months'), 'back to the default');
    const again = await post(`${A}/parameters`, a, {});
    expect(again.headers.location === `${A}?done=nothing`, again.headers.location);
  });

  await test('update: unknown ?done= keys are ignored and nothing of the address reaches the page', async () => {
    for (const q of ['bogus', '%3Cscript%3Ealert(1)%3C%2Fscript%3E', 'review%3Cb%3E', 'Review', ',,,', 'x'.repeat(500)]) {
      const r = await get(`${A}?done=${q}`, a);
      expect(r.status === 200 && banner(r.text) === '' && !r.text.includes('<script>alert') && !r.text.includes('<b>'), `?done=${q}: ${r.status} ${show(banner(r.text))}`);
    }
    const mixed = banner((await get(`${A}?done=bogus,review,%3Cb%3E`, a)).text);
    expect(mixed.includes('Review date changed to 2 April 2030') && !mixed.includes('bogus'), show(mixed));
    const nobody = await get(`${A}?done=review`);
    const other = await get(`${A}?done=review`, b);
    expect(banner(nobody.text) === '' && banner(other.text) === '', 'a banner for someone who may not change it');
    expect(!other.text.includes('/edit?change='), 'Change links for a coordinator of another Compact');
  });

  // Signatories
  await test('update: the search step lists the register\'s matches as radios (GET), escaping the search', async () => {
    const added = await sql(s.dbPath, `INSERT INTO organisation (org_id, name, sector, type, created_at, updated_at) VALUES
      ('GB-CHC-7654321', 'Leeds <Older> People''s Forum', 'vcs', 'charity', 'x', 'x'),
      ('GB-CHC-7654322', 'Twin Trust', 'vcs', 'charity', 'x', 'x'), ('GB-CHC-7654323', 'Twin Trust', 'vcs', 'charity', 'x', 'x')`);
    expect(added.code === 0, added.stderr);
    const first = await get(`${A}/signatories/new`, a);
    expect(first.status === 200 && first.text.includes('<label class="govuk-label govuk-label--s" for="q">Find the organisation</label>') &&
      first.text.includes(`<form method="get" action="${A}/signatories/new"`) && !first.text.includes('type="radio"'), `${first.status}`);
    const r = await get(`${A}/signatories/new?q=leeds`, a);
    expect(r.status === 200 && r.text.includes('value="GB-LAE-LDS"') && r.text.includes('>Leeds City Council</label>') &&
      r.text.includes('value="GB-CHC-7654321"') && r.text.includes('Leeds &lt;Older&gt; People&#39;s Forum') &&
      r.text.includes('>Registered charity, GB-CHC-7654321</div>') && r.text.includes('name="step" value="choose"'), show(r.text.slice(r.text.indexOf('<main')), 800));
    const twins = await get(`${A}/signatories/new?q=twin%20trust`, a);
    expect((twins.text.match(/type="radio"/g) || []).length === 2 && twins.text.includes('GB-CHC-7654322') && twins.text.includes('GB-CHC-7654323'), 'twins told apart');
    const none = await get(`${A}/signatories/new?q=%3Cb%3ENobody`, a);
    expect(none.status === 200 && none.text.includes('No organisation in the register matches &#8216;&lt;b&gt;Nobody&#8217;') &&
      none.text.includes('href="/organisations/new?for_compact=') && none.text.includes('&amp;name=%3Cb%3ENobody"') && !none.text.includes('<b>Nobody'), show(none.text.slice(none.text.indexOf('<main')), 800));
    const blank = await get(`${A}/signatories/new?q=%20`, a);
    expect(blank.status === 400 && blank.text.includes('<a href="#q">Enter part of the organisation'), `${blank.status}`);
    const unchosen = await get(`${A}/signatories/new?q=leeds&step=choose`, a);
    expect(unchosen.status === 400 && unchosen.text.includes('<a href="#organisation">Choose the organisation that signed') &&
      unchosen.text.includes('value="GB-LAE-LDS"'), `${unchosen.status}`);
    const unknown = await get(`${A}/signatories/new?q=leeds&step=choose&organisation=GB-CHC-0000001`, a);
    expect(unknown.status === 400 && unknown.text.includes('That organisation is not in the register'), `${unknown.status}`);
  });

  await test('update: the search step is for the Compact\'s coordinators only', async () => {
    const other = await get(`${A}/signatories/new?q=leeds`, b);
    const nobody = await get(`${A}/signatories/new?q=leeds`);
    expect(other.status === 403 && nobody.status === 303 && /^\/login\?next=/.test(nobody.headers.location), `${other.status} ${nobody.status}`);
  });

  let sid;
  await test('update: chosen, the organisation is shown and carried; adding says who and when', async () => {
    const form = await get(`${A}/signatories/new?q=leeds&step=choose&organisation=GB-CHC-7654321`, a);
    expect(form.status === 200 && form.text.includes('Leeds &lt;Older&gt; People&#39;s Forum') &&
      form.text.includes('<input type="hidden" name="organisation" value="GB-CHC-7654321">') &&
      form.text.includes(`href="${A}/signatories/new?q=Leeds%20%3COlder%3E%20People%27s%20Forum">Change<span class="govuk-visually-hidden"> organisation</span>`),
    show(form.text.slice(form.text.indexOf('<main')), 900));
    const noRole = await post(`${A}/signatories`, a, { organisation: 'GB-CHC-7654321', 'signed_on-day': '3', 'signed_on-month': '3', 'signed_on-year': '2022' });
    expect(noRole.status === 400 && noRole.text.includes('name="organisation" value="GB-CHC-7654321"') && !noRole.text.includes('id="organisation"'), 'the choice is kept');
    const r = await post(`${A}/signatories`, a, { organisation: 'GB-CHC-7654321', 'signed_on-day': '3', 'signed_on-month': '3', 'signed_on-year': '2022', role: 'Chair' });
    const m = /^(\/compacts\/\d+\/signatories)\?done=added&signatory=(\d+)$/.exec(r.headers.location || '');
    expect(r.status === 303 && m && m[1] === `${A}/signatories`, `${r.status} ${r.headers.location}`);
    sid = m[2];
    const list = await get(r.headers.location, a);
    expect(banner(list.text).includes('Signatory added: Leeds &lt;Older&gt; People&#39;s Forum, signed on 3 March 2022') &&
      list.text.includes('>Still signed</strong>'), show(banner(list.text)));
  });

  await test('update: the signatories\' banner names only a signatory of this Compact, for its coordinators', async () => {
    const path = `${A}/signatories`;
    for (const q of [`done=added&signatory=99999`, `done=added&signatory=%3Cscript%3E`, `done=bogus&signatory=${sid}`,
      `done=withdrawn&signatory=${sid}`, `done=added`]) {
      const r = await get(`${path}?${q}`, a);
      expect(r.status === 200 && banner(r.text) === '' && !r.text.includes('<script>'), `?${q}: ${show(banner(r.text))}`);
    }
    expect(banner((await get(`${B}/signatories?done=added&signatory=${sid}`, b)).text) === '', 'another Compact\'s signatory');
    expect(banner((await get(`${path}?done=added&signatory=${sid}`)).text) === '', 'a banner for nobody');
    const w = await post(`${path}/${sid}/withdraw`, a, { 'withdrawn_on-day': '3', 'withdrawn_on-month': '3', 'withdrawn_on-year': '2026' });
    expect(w.status === 303 && w.headers.location === `${path}?done=withdrawn&signatory=${sid}`, `${w.status} ${w.headers.location}`);
    const after = await get(w.headers.location, a);
    expect(banner(after.text).includes('Withdrawal recorded: Leeds &lt;Older&gt; People&#39;s Forum withdrew on 3 March 2026') &&
      after.text.includes('Withdrawn on 3 March 2026'), show(banner(after.text)));
  });

  await test('update: a missing organisation is added with its name filled in, then back to the form with it chosen', async () => {
    const id = A.split('/')[2];
    const form = await get(`/organisations/new?name=Chapeltown%20%3CYouth%3E&for_compact=${id}`, a);
    expect(form.status === 200 && form.text.includes('value="Chapeltown &lt;Youth&gt;"') &&
      form.text.includes(`<input type="hidden" name="for_compact" value="${id}">`) &&
      form.text.includes(`href="${A}/signatories/new">Cancel</a>`), show(form.text.slice(form.text.indexOf('<form')), 600));
    const r = await post('/organisations', a, { name: 'Chapeltown <Youth>', org_id: 'GB-CHC-7654329', type: 'charity', for_compact: id });
    expect(r.status === 303 && r.headers.location === `${A}/signatories/new?organisation=GB-CHC-7654329`, `${r.status} ${r.headers.location}`);
    const chosen = await get(r.headers.location, a);
    expect(chosen.text.includes('<input type="hidden" name="organisation" value="GB-CHC-7654329">'), 'not chosen');
    const bad = await post('/organisations', a, { name: 'Chapeltown Two', type: '', for_compact: id });
    expect(bad.status === 400 && bad.text.includes(`name="for_compact" value="${id}"`), `the return is kept through an error: ${bad.status}`);
    for (const junk of ['abc', '-1', `${id}%2F..`, 'https%3A%2F%2Fevil.example']) {
      const x = await post('/organisations', a, { name: `Nowhere ${junk.length}`, type: 'charity', for_compact: decodeURIComponent(junk) });
      expect(x.status === 303 && x.headers.location.startsWith('/organisations/'), `for_compact=${junk}: ${x.status} ${x.headers.location}`);
    }
  });
}
