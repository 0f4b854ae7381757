// The complaints' pages and calendar feed (issue 14, items 4 and 5) through the real server, by
// object: a charity's member raises a complaint on Compact A against a council; the case page is
// seen by both sides and A's coordinator, and is 404 to B's coordinator and to a member of
// another organisation; bad input and refusals are shown in the error summary and store
// nothing; the calendar feed holds only the cases its owner may see, and a revoked one is 404.
import {
  addToken, addUser, bearer, cookieHeader, expect, newPassword, onServer, request, session, show,
} from './auth.mjs';

export async function complaintPageTests(BIN, report) {
  await onServer(BIN, report, 'complaint pages', (s, test) => tests(BIN, s, test));
}

function mainText(html) {
  const m = /<main[\s\S]*<\/main>/.exec(html);
  return (m ? m[0] : html).replace(/<[^>]*>/g, ' ').replace(/&#39;/g, "'").replace(/&amp;/g, '&').replace(/\s+/g, ' ');
}

// A day n days before today, as the three fields of a GOV.UK date input.
function daysAgo(n) {
  const d = new Date(Date.now() - n * 86400000);
  return { day: String(d.getUTCDate()), month: String(d.getUTCMonth() + 1), year: String(d.getUTCFullYear()) };
}
function dateFields(stem, n) {
  const d = daysAgo(n);
  return [[`${stem}-day`, d.day], [`${stem}-month`, d.month], [`${stem}-year`, d.year]];
}

async function tests(BIN, s, test) {
  const P = s.port;
  const who = {};
  let A, B, id;

  const ready = await test('complaint pages: an admin, coordinators of A and B, members of a charity, a council and another charity', async () => {
    for (const [role, name, org] of [['admin', 'admin'], ['coordinator', 'coordA'], ['coordinator', 'coordB'],
      ['member', 'charity', 'GB-CHC-7790001'], ['member', 'council', 'GB-LAE-TRF'], ['member', 'other', 'GB-CHC-7790002']]) {
      const email = `${name}@cpages.test`;
      const password = newPassword(name);
      await addUser(BIN, s.dbPath, email, role, password, org);
      who[name] = { email, password, token: (await addToken(BIN, s.dbPath, email)).token };
    }
    const send = (path, token, body) => request(P, { method: 'POST', path, headers: { ...bearer(token), 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    for (const [org_id, name, type] of [['GB-CHC-7790001', 'Pages Advice Centre', 'charity'], ['GB-CHC-7790002', 'Another Charity', 'charity']]) {
      const r = await send('/api/v1/organisations', who.admin.token, { org_id, name, type });
      expect(r.status === 201, `${name}: ${r.status} ${show(r.text)}`);
    }
    for (const [name, token] of [['Pages Compact A', who.coordA.token], ['Pages Compact B', who.coordB.token]]) {
      const r = await send('/api/v1/compacts', token, { name, authorities: ['E08000009'], status: 'active', status_date: '2012-04-01' });
      expect(r.status === 201, `${name}: ${r.status} ${show(r.text)}`);
      if (name.endsWith('A')) A = JSON.parse(r.text).id; else B = JSON.parse(r.text).id;
    }
    for (const name of Object.keys(who)) Object.assign(who[name], await session(P, who[name].email, who[name].password));
  });
  if (!ready) return;

  const get = (person, path) => request(P, { path, headers: person ? cookieHeader(person.cookie) : {} });
  const post = (person, path, pairs) => request(P, {
    method: 'POST', path, headers: cookieHeader(person.cookie), body: [['csrf_token', person.csrf], ...pairs],
  });
  const count = async () => mainText((await get(who.coordA, `/compacts/${A}/complaints`)).text).match(/(\d+) open, (\d+) closed/)?.slice(1).join('/') || '0/0';
  const raise = [['respondent_q', 'Trafford Metropolitan Borough Council'], ['title', 'Advice grant cut without notice'],
    ['summary', 'The grant ended with two weeks notice.'], ...dateFields('aware_on', 80), ...dateFields('opened_on', 60),
    ['stage', 'informal'], ['rules', 'funding.notice'], ['action', 'raise']];

  await test('complaint pages: the raise form fixes a member\'s own organisation, by name', async () => {
    const r = await get(who.charity, `/compacts/${A}/complaints/new`);
    const t = mainText(r.text);
    expect(r.status === 200 && t.includes('Raise a complaint') && t.includes('Pages Advice Centre'), `${r.status} ${show(t, 300)}`);
    expect(!r.text.includes('name="complainant_q"'), 'the member is asked who is complaining');
  });
  await test('complaint pages: a form without a title or dates is shown again naming them (400), and nothing is stored', async () => {
    const r = await post(who.charity, `/compacts/${A}/complaints/new`, [['respondent_q', 'Trafford Metropolitan Borough Council'], ['action', 'raise']]);
    const t = mainText(r.text);
    expect(r.status === 400 && r.text.includes('govuk-error-summary') && t.includes('Enter a title') &&
      r.text.includes('href="#aware_on"') && r.text.includes('href="#opened_on"'), `${r.status} ${show(t, 400)}`);
    expect((await count()) === '0/0', await count());
  });
  await test('complaint pages: the charity\'s member raises it (303 to the case page, named by the council\'s name), as their own organisation whatever the form says', async () => {
    const r = await post(who.charity, `/compacts/${A}/complaints/new`, [...raise, ['complainant', 'GB-CHC-7790002']]);
    expect(r.status === 303 && /^\/complaints\/\d+\?done=opened$/.test(r.headers.location || ''), `${r.status} ${r.headers.location} ${show(mainText(r.text), 400)}`);
    id = Number(/\/complaints\/(\d+)/.exec(r.headers.location)[1]);
    const page = await get(who.charity, r.headers.location);
    const t = mainText(page.text);
    expect(page.status === 200 && t.includes('The complaint has been raised') && t.includes('Trafford Metropolitan Borough Council') &&
      t.includes('Raised with the decision-maker') && /overdue/i.test(t) && !t.includes('GB-LAE-TRF') && !t.includes('funding.notice') &&
      t.includes('Pages Advice Centre') && !t.includes('Another Charity'), show(t, 600));
  });
  if (!id) return;

  await test('complaint pages: the case page is seen by both sides and A\'s coordinator, 404 to B\'s coordinator and another charity\'s member', async () => {
    for (const name of ['charity', 'council', 'coordA', 'admin']) {
      const r = await get(who[name], `/complaints/${id}`);
      expect(r.status === 200 && mainText(r.text).includes('Advice grant cut without notice'), `${name}: ${r.status}`);
    }
    for (const name of ['coordB', 'other']) {
      const r = await get(who[name], `/complaints/${id}`);
      expect(r.status === 404 && !r.text.includes('Advice grant cut'), `${name}: ${r.status}`);
    }
    const anon = await get(null, `/complaints/${id}`);
    expect(anon.status === 303 && /^\/login/.test(anon.headers.location || ''), `nobody: ${anon.status}`);
  });
  await test('complaint pages: the Compact\'s list shows it to A\'s coordinator, and B\'s coordinator sees none of A\'s', async () => {
    const mine = await get(who.coordA, `/compacts/${A}/complaints`);
    const theirs = await get(who.coordB, `/compacts/${A}/complaints`);
    expect(mine.status === 200 && mine.text.includes(`href="/complaints/${id}"`) && /overdue/i.test(mainText(mine.text)), show(mainText(mine.text), 400));
    expect(theirs.status === 200 && !theirs.text.includes(`/complaints/${id}"`), 'B sees A\'s case');
  });
  await test('complaint pages: the reply cache keeps only what everyone sees: a Compact\'s page links anyone to its statistics, and only those signed in to its list and the raise form', async () => {
    // signed in first: a reply naming them must not be kept for the next request of nobody's
    for (const name of ['coordA', 'charity']) {
      const r = await get(who[name], `/compacts/${A}`);
      expect(r.status === 200 && r.text.includes(`href="/compacts/${A}/complaints"`) && r.text.includes(`href="/compacts/${A}/complaints/new"`), `${name}: ${r.status}`);
    }
    for (let i = 0; i < 4; i++) { // more than one worker: each keeps a cache of its own
      const r = await get(null, `/compacts/${A}`);
      expect(r.status === 200 && r.text.includes(`href="/compacts/${A}/complaints/statistics"`) && !r.text.includes(`href="/compacts/${A}/complaints"`) &&
        !r.text.includes('/complaints/new') && !r.text.includes('Sign out'), `nobody's copy ${i}: ${show(mainText(r.text), 300)}`);
    }
    const again = await get(who.coordA, `/compacts/${A}`);
    expect(again.text.includes(`href="/compacts/${A}/complaints"`), 'the coordinator is given nobody\'s copy');
    const list = await get(null, `/compacts/${A}/complaints`);
    expect(list.status === 200 && !list.text.includes(`/complaints/${id}"`) && mainText(list.text).includes('Sign in'), `nobody's list: ${show(mainText(list.text), 300)}`);
    const home = await get(null, '/');
    expect(home.status === 200 && !home.text.includes('Advice grant cut') && !home.text.includes('Open complaints you may see'), 'nobody\'s home');
    expect((await get(who.charity, '/')).text.includes(`href="/complaints/${id}"`), 'the charity\'s home');
    for (let i = 0; i < 4; i++) { // kept, to be dropped when the case closes (below)
      const st = await get(null, `/compacts/${A}/complaints/statistics`);
      expect(st.status === 200 && /Upheld\s+0\s/.test(mainText(st.text)), `statistics before closing: ${show(mainText(st.text), 300)}`);
    }
  });
  await test('complaint pages: each side\'s actions: the council records a response, the charity escalates', async () => {
    const charity = await get(who.charity, `/complaints/${id}`);
    const council = await get(who.council, `/complaints/${id}`);
    expect(charity.text.includes('id="action-escalated"') && !charity.text.includes('id="action-response"'), 'the charity\'s actions');
    expect(council.text.includes('id="action-response"') && !council.text.includes('id="action-escalated"'), 'the council\'s actions');
    expect(charity.text.includes('Withdraw the complaint') && !charity.text.includes('value="upheld"') && !council.text.includes('id="action-closed"'),
      'the charity may only withdraw it, the council not close it');
    const coord = await get(who.coordA, `/complaints/${id}`);
    expect(coord.text.includes('value="upheld"') && !coord.text.includes('Withdraw the complaint'), 'the coordinator closes it with any outcome');
  });
  await test('complaint pages: the charity may not record the body\'s response (403), nothing stored', async () => {
    const r = await post(who.charity, `/complaints/${id}/events`, [['type', 'response'], ...dateFields('response_on', 0)]);
    expect(r.status === 403, `${r.status}`);
    expect(!mainText((await get(who.charity, `/complaints/${id}`)).text).includes('The body responded'), 'stored');
  });
  await test('complaint pages: the council records its response late (303, shown as responded late)', async () => {
    const r = await post(who.council, `/complaints/${id}/events`, [['type', 'response'], ...dateFields('response_on', 0), ['response_note', 'We will restore the notice']]);
    expect(r.status === 303 && r.headers.location === `/complaints/${id}?done=response`, `${r.status} ${show(mainText(r.text), 400)}`);
    const t = mainText((await get(who.council, r.headers.location)).text);
    expect(t.includes('The response has been recorded') && t.includes('Responded late') && t.includes('We will restore the notice'), show(t, 600));
  });
  await test('complaint pages: a second response at the stage is refused in the error summary (409), nothing stored', async () => {
    const r = await post(who.council, `/complaints/${id}/events`, [['type', 'response'], ...dateFields('response_on', 0)]);
    expect(r.status === 409 && r.text.includes('govuk-error-summary') && mainText(r.text).includes('already responded'), `${r.status}`);
    expect((mainText((await get(who.council, `/complaints/${id}`)).text).match(/The body responded/g) || []).length === 1, 'a second response');
  });
  await test('complaint pages: an escalation without a stage names "to" (400); with one it is stored', async () => {
    const bad = await post(who.charity, `/complaints/${id}/events`, [['type', 'escalated'], ...dateFields('escalated_on', 0)]);
    expect(bad.status === 400 && bad.text.includes('href="#to"'), `${bad.status}`);
    const r = await post(who.charity, `/complaints/${id}/events`, [['type', 'escalated'], ['to', 'dispute'], ...dateFields('escalated_on', 0)]);
    expect(r.status === 303, `${r.status} ${show(mainText(r.text), 300)}`);
    expect(mainText((await get(who.charity, `/complaints/${id}`)).text).includes('Escalated: The local Compact\'s dispute procedure'), 'escalated');
  });

  await test('complaint pages: the charity withdraws a second complaint from its page (303, "Closed: Withdrawn"); closing it as upheld is theirs to ask for, not to do (403)', async () => {
    const made = await post(who.charity, `/compacts/${A}/complaints/new`, [...raise.filter(([k]) => k !== 'title'), ['title', 'Second complaint to withdraw']]);
    expect(made.status === 303, `${made.status}`);
    const second = /\/complaints\/(\d+)/.exec(made.headers.location)[1];
    const upheld = await post(who.charity, `/complaints/${second}/events`, [['type', 'closed'], ['outcome', 'upheld'], ...dateFields('closed_on', 0)]);
    expect(upheld.status === 403, `upheld: ${upheld.status}`);
    const r = await post(who.charity, `/complaints/${second}/events`, [['type', 'closed'], ['outcome', 'withdrawn'], ...dateFields('closed_on', 0)]);
    expect(r.status === 303, `${r.status} ${show(mainText(r.text), 300)}`);
    const t = mainText((await get(who.charity, `/complaints/${second}`)).text);
    expect(t.includes('Closed: Withdrawn') && !t.includes('Withdraw the complaint'), show(t, 400));
  });

  // ---- the calendar feed
  const feedOf = async (person) => {
    const r = await post(person, '/account/calendar', []);
    expect(r.status === 201, `${person.email}: ${r.status}`);
    const m = /https?:\/\/[^<"\s]+\/complaints\/calendar\/[A-Za-z0-9_-]+\.ics/.exec(r.text);
    expect(m, 'no address shown');
    return new URL(m[0]).pathname;
  };
  let mine, theirs;
  await test('complaint pages: the account page makes a calendar address; the feed is text/calendar with the case\'s due date', async () => {
    mine = await feedOf(who.coordA);
    theirs = await feedOf(who.coordB);
    const r = await request(P, { path: mine });
    expect(r.status === 200 && /^text\/calendar/.test(r.headers['content-type'] || ''), `${r.status} ${r.headers['content-type']}`);
    expect(r.text.startsWith('BEGIN:VCALENDAR\r\n') && r.text.includes('DTSTART;VALUE=DATE:') && r.text.includes(`UID:complaint-${id}-stage-dispute-`) &&
      r.text.replace(/\r\n /g, '').includes('Advice grant cut without notice'), show(r.text, 600));
  });
  await test('complaint pages: the feed holds only the cases its owner may see (B\'s coordinator: none of A\'s)', async () => {
    const r = await request(P, { path: theirs });
    expect(r.status === 200 && !r.text.includes('Advice grant cut') && !r.text.includes('BEGIN:VEVENT'), show(r.text, 300));
  });
  await test('complaint pages: a revoked calendar address is 404, and so is an unknown one', async () => {
    const rv = await post(who.coordA, '/account/calendar/revoke', []);
    expect(rv.status === 303, `${rv.status}`);
    expect((await request(P, { path: mine })).status === 404, 'the revoked feed answers');
    expect((await request(P, { path: '/complaints/calendar/nope.ics' })).status === 404, 'an unknown feed answers');
  });

  await test('complaint pages: a Compact\'s link to a check chooses it on the check\'s form, however many Compacts come before it by name', async () => {
    for (let i = 0; i < 16; i++) {
      const r = await request(P, { method: 'POST', path: '/api/v1/compacts', headers: { ...bearer(who.coordB.token), 'Content-Type': 'application/json' },
        body: JSON.stringify({ name: `Aaa Compact ${String(i).padStart(2, '0')}`, authorities: ['E08000009'], status: 'active', status_date: '2012-04-01' }) });
      expect(r.status === 201, `Compact ${i}: ${r.status}`);
    }
    const r = await get(who.charity, `/checks/funding_change?compact=${A}`);
    expect(r.status === 200 && new RegExp(`<option value="${A}" selected>Pages Compact A</option>`).test(r.text), show(/<select[\s\S]*?<\/select>/.exec(r.text)?.[0], 600));
    const plain = await get(who.charity, '/checks/funding_change');
    expect(!plain.text.includes('Pages Compact A') && plain.text.includes('Aaa Compact 00'), 'without a choice: the first 16 by name');
  });
  await test('complaint pages: the coordinator closes it as upheld; the statistics are public and suppress the one case', async () => {
    const r = await post(who.coordA, `/complaints/${id}/events`, [['type', 'closed'], ['outcome', 'upheld'], ['causes', 'funding.notice'],
      ['remedy', 'Notice restored'], ...dateFields('closed_on', 0)]);
    expect(r.status === 303, `${r.status} ${show(mainText(r.text), 300)}`);
    for (const path of ['/complaints/statistics', `/compacts/${A}/complaints/statistics`, `/compacts/${A}/complaints/statistics?year=${daysAgo(60).year}`]) {
      const st = await get(null, path);
      const t = mainText(st.text);
      expect(st.status === 200 && t.includes('fewer than 5') && st.text.includes('<svg') && !t.includes('Advice grant cut'), `${path}: ${st.status} ${show(t, 300)}`);
      expect(/Upheld\s+fewer than&nbsp;5/.test(t), `${path}: the closing not counted: ${show(t, 300)}`);
    }
    expect((await get(null, '/complaints/statistics?year=12')).status === 400, 'a bad year');
  });
}
