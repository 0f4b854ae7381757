// Browser journey of a complaint (issue 14, item 7): a charity's member checks a funding cut that
// breached the Compact, raises a complaint from the result (the Compact and the breached
// commitment filled in, the council found by name), the council's member records its response
// late, the charity escalates to the local Compact's dispute procedure, and the Compact's
// coordinator closes it as upheld, then sets the Compact's working days to respond under its
// dispute procedure on its parameters page. Each person in a browser of their own; at 1280 and 375
// pixels wide, axe-core on every page, no page wider than the screen.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';

const CHARITY = { org_id: 'GB-CHC-5558001', name: 'Riverside Advice Centre', type: 'charity' };
// Trafford's council, in the register from the start: the Compact covers Trafford.
const COUNCIL = { org_id: 'GB-LAE-TRF', name: 'Trafford Metropolitan Borough Council' };

function fields(n) {
  const d = new Date(Date.now() - n * 86400000);
  return [String(d.getUTCDate()), String(d.getUTCMonth() + 1), String(d.getUTCFullYear())];
}

export async function complaintsJourney(browser, baseUrl, { binary, dbPath } = {}, check, { axeCheck, screenshot = async () => {} } = {}) {
  if (!binary || !dbPath) {
    console.log('# skip complaints journey: it makes its people with the CLI, so it needs --binary');
    return;
  }
  const url = (p) => baseUrl + p;
  const password = `browser heron ${randomBytes(9).toString('base64url')}`;
  const cli = (args, input) => spawnSync(binary, [...args, '--db', dbPath], { input });
  const people = {
    charity: ['charity.complaints@browser.test', 'member', CHARITY.org_id, 'Sam Okafor'],
    council: ['council.complaints@browser.test', 'member', COUNCIL.org_id, 'Jo Bright'],
    coordinator: ['coord.complaints@browser.test', 'coordinator', null, 'Ana Ruiz'],
    admin: ['admin.complaints@browser.test', 'admin', null, 'Admin'],
  };
  const made = Object.values(people).map(([email, role, org, name]) =>
    cli(['user', 'add', email, '--role', role, ...(org ? ['--org', org] : []), '--name', name, '--password-stdin'], `${password}\n`));
  const tokens = ['admin', 'coordinator'].map((p) => cli(['token', 'add', people[p][0]]));
  if (!check('complaints: a charity\'s member, a council\'s member, a coordinator and an admin are made',
    [...made, ...tokens].every((r) => r.status === 0), made.map((r) => String(r.stderr)).join(''))) return;
  const [adminToken, coordToken] = tokens.map((t) => String(t.stdout).trim().split('\n').pop());
  const api = (token, path, body) => fetch(url(path), {
    method: 'POST', body: JSON.stringify(body), headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
  });
  const c1 = await api(adminToken, '/api/v1/organisations', CHARITY);
  const cp = await api(coordToken, '/api/v1/compacts', { name: 'Riverside Compact', authorities: ['E08000009'], status: 'active', status_date: '2012-04-01' });
  if (!check('complaints: the charity and the Riverside Compact are made through the API',
    c1.status === 201 && cp.status === 201, `${c1.status} ${cp.status}`)) return;
  const compact = (await cp.json()).id;
  for (const width of [1280, 375]) {
    await journeyAt(browser, width, { url, password, people, compact, check, axeCheck, screenshot });
  }
}

async function journeyAt(browser, width, { url, password, people, compact, check, axeCheck, screenshot }) {
  const at = `complaints (${width}px)`;
  const title = width === 1280 ? 'Advice grant ended without notice' : 'Grant cut, no notice';
  const open = async (who) => {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(15000);
    await page.goto(url('/login'));
    await page.getByLabel('Email address').fill(people[who][0]);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Sign in', exact: true }).click()]);
    return { context, page };
  };
  const main = (page) => page.locator('main').innerText();
  const look = async (page, name) => {
    await axeCheck(page, `${at}: ${name}`);
    const wide = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    check(`${at}: ${name}: no wider than the screen`, wide <= 0, `${wide}px too wide`);
    await screenshot(page, `complaints-${width}-${name.replace(/[^a-z0-9]+/gi, '-')}`);
  };
  const submit = (page, name) => Promise.all([page.waitForNavigation(), page.getByRole('button', { name, exact: true }).click()]);
  const fillDate = async (page, stem, n) => {
    const [d, m, y] = fields(n);
    await page.fill(`#${stem}-day`, d);
    await page.fill(`#${stem}-month`, m);
    await page.fill(`#${stem}-year`, y);
  };
  let casePath;

  // 1. The charity checks the cut and raises a complaint from the breach.
  const charity = await open('charity');
  try {
    const p = charity.page;
    // from the Compact's page of compliance, which chooses the Compact for the check, however
    // many Compacts come before it by name
    await p.goto(url(`/compacts/${compact}/compliance`));
    await Promise.all([p.waitForNavigation(), p.getByRole('link', { name: 'Check a funding change' }).first().click()]);
    const chosen = await p.getByLabel('Which local Compact applies?').locator('option:checked').innerText();
    check(`${at}: the check form has the Riverside Compact chosen`, chosen === 'Riverside Compact', chosen);
    await p.check('#change');
    await fillDate(p, 'effective_date', 40);
    await fillDate(p, 'notice_date', 55);
    await p.check('#notice_in_writing');
    await submit(p, 'Check');
    const result = await main(p);
    check(`${at}: the result finds a breach and offers to raise a complaint`, result.includes('Raise a complaint about this decision'), result.slice(-800));
    await look(p, 'check result');
    await Promise.all([p.waitForNavigation(), p.getByRole('link', { name: 'Raise a complaint about this decision' }).click()]);
    const form = await main(p);
    check(`${at}: the form names the Compact and the charity, the breached notice commitment ticked`,
      form.includes('Riverside Compact') && form.includes('Riverside Advice Centre') &&
        (await p.locator('input[name="rules"][value="funding.notice"]').isChecked()), form.slice(0, 500));
    await look(p, 'raise form');
    await submit(p, 'Raise the complaint');
    const errors = await p.locator('.govuk-error-summary').innerText();
    check(`${at}: sent empty, the error summary names the body, the title and the dates`,
      errors.includes('Enter the name of the body') && errors.includes('Enter a title') && errors.includes('first knew'), errors);
    await look(p, 'raise form with errors');
    await p.getByLabel('Which body is the complaint about?').fill('Trafford Metropolitan');
    await submit(p, 'Search');
    await p.getByRole('radio', { name: COUNCIL.name }).check();
    await p.getByLabel('Title').fill(title);
    await p.getByLabel('What happened?').fill('The advice grant ended with two weeks\' notice, not three months.');
    await fillDate(p, 'aware_on', 40);
    await fillDate(p, 'opened_on', 35);
    await look(p, 'raise form filled in');
    await submit(p, 'Raise the complaint');
    casePath = new URL(p.url()).pathname;
    const shown = await main(p);
    check(`${at}: the case page: raised, the council by name, the stage by its label, overdue`,
      /^\/complaints\/\d+$/.test(casePath) && shown.includes('The complaint has been raised') && shown.includes(COUNCIL.name) &&
        shown.includes('Raised with the decision-maker') && /overdue/i.test(shown) && !shown.includes('GB-LAE') && !shown.includes('funding.notice'),
      shown.slice(0, 900));
    await look(p, 'case raised');
  } finally {
    await charity.context.close();
  }
  if (!casePath) return;

  // 2. The council's member finds it on their home page and records a response, late.
  const council = await open('council');
  try {
    const p = council.page;
    const home = await main(p);
    check(`${at}: the council's home lists the open complaint`, home.includes(title), home.slice(0, 600));
    await look(p, 'council home');
    await Promise.all([p.waitForNavigation(), p.getByRole('link', { name: title }).click()]);
    await p.locator('#action-response summary').click();
    await p.getByLabel('What did the body say?').fill('We will restore three months of notice.');
    await look(p, 'case response form');
    await submit(p, 'Record the response');
    const shown = await main(p);
    check(`${at}: the response is recorded, late`, shown.includes('The response has been recorded') && shown.includes('Responded late'), shown.slice(0, 900));
    await look(p, 'case responded');
  } finally {
    await council.context.close();
  }

  // 3. The charity escalates to the local Compact's dispute procedure.
  const again = await open('charity');
  try {
    const p = again.page;
    await p.goto(url(casePath));
    await p.locator('#action-escalated summary').click();
    await p.getByRole('radio', { name: 'The local Compact\'s dispute procedure' }).check();
    await look(p, 'case escalate form');
    await submit(p, 'Escalate the complaint');
    const shown = await main(p);
    check(`${at}: escalated to the dispute procedure, with its due date`,
      shown.includes('The complaint has been escalated') && shown.includes('Escalated: The local Compact\'s dispute procedure') && shown.includes('Due by'),
      shown.slice(0, 900));
    await look(p, 'case escalated');
  } finally {
    await again.context.close();
  }

  // 4. The coordinator finds it in the Compact's list and closes it as upheld.
  const coord = await open('coordinator');
  try {
    const p = coord.page;
    await p.goto(url(`/compacts/${compact}`));
    await Promise.all([p.waitForNavigation(), p.getByRole('link', { name: 'The complaints you may see' }).click()]);
    check(`${at}: the Compact's list shows the complaint`, (await main(p)).includes(title));
    await look(p, 'compact complaints');
    await Promise.all([p.waitForNavigation(), p.getByRole('link', { name: title }).click()]);
    await p.locator('#action-closed summary').click();
    await p.getByRole('radio', { name: 'Upheld', exact: true }).check();
    await p.getByLabel('What remedy was agreed? (optional)').fill('Notice restored and the grant paid to March.');
    await look(p, 'case close form');
    await submit(p, 'Close the complaint');
    const shown = await main(p);
    check(`${at}: closed as upheld, the remedy shown`, shown.includes('The complaint has been closed') && shown.includes('Closed: Upheld') &&
      shown.includes('Notice restored'), shown.slice(0, 900));
    await look(p, 'case closed');
    // The Compact's parameters show the working days to respond at each stage, and the
    // coordinator changes one there.
    const days = width === 1280 ? 30 : 35;
    await p.goto(url(`/compacts/${compact}`));
    const params = await p.locator('table', { hasText: 'national default' }).innerText();
    check(`${at}: the Compact's parameters show the times to respond to complaints in working days`,
      params.includes('Time to respond to a complaint raised with the decision-maker') &&
        /Time to respond under the Compact's dispute procedure\s+\d+ working days/.test(params) &&
        !params.includes('response_days'), params);
    await Promise.all([p.waitForNavigation(), p.getByRole('link', { name: 'Change the local parameters' }).click()]);
    await p.getByLabel('Time to respond under the Compact\'s dispute procedure (working days)').fill('0');
    await submit(p, 'Save the parameters');
    const refused = await p.locator('.govuk-error-summary').innerText();
    check(`${at}: 0 working days is refused, naming the number wanted`, refused.includes('from 1 to 260'), refused);
    await p.getByLabel('Time to respond under the Compact\'s dispute procedure (working days)').fill(String(days));
    await look(p, 'parameters form');
    await submit(p, 'Save the parameters');
    const saved = await main(p);
    check(`${at}: the new time to respond is saved and shown as the Compact's own`,
      saved.includes(`Time to respond under the Compact's dispute procedure changed to ${days} working days`) &&
        new RegExp(`Time to respond under the Compact's dispute procedure\\s+${days} working days\\s+Local`).test(saved),
      saved.slice(0, 1500));
    await look(p, 'compact parameters saved');
    await p.goto(url(`/compacts/${compact}/complaints/statistics`));
    check(`${at}: the statistics suppress small numbers`, (await main(p)).includes('fewer than 5'));
    await look(p, 'statistics');
  } finally {
    await coord.context.close();
  }
}
