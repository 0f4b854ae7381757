// Browser journey of a survey round built from an import (issue 15's closing note): an admin
// opens the 2011 round and imports 202 answers collected elsewhere with the real
// `compact survey import`, about four local Compacts made through the API (Hampshire,
// county-wide; Bristol; Plymouth; Lincolnshire, county-wide: areas no other journey or the demo
// set covers). Then /surveys/2011, at 1280 and 375 px, read by anybody: the
// headline sentence and the importance and improvements tables computed from the file (88% of
// respondents, 82% of local authority respondents, as in the real 2010/11 survey); the coverage
// of the round on the hex map (Hampshire's districts through their county: general answers and
// a benchmark; Bristol general answers only; Plymouth the benchmark only; Lincolnshire none), its key
// and the table behind it; every label of the stacked bars whole and inside its drawing; no
// link to the answers for anybody but an admin. The admin downloads the anonymised answers
// with their comments from the round's page (and no one's identity is in them); a coordinator
// sees no button, and the URL answers 403. axe-core on every page; screenshots of /surveys/2011.
//
//   import { surveyImportJourney } from './survey_import.mjs';
//   await surveyImportJourney(browser, baseUrl, { binary, dbPath }, check, { axeCheck, screenshot });
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addToken, addUser, newPassword } from '../e2e/auth.mjs';

const YEAR = 2011;
const ADMIN = 'import.admin@survey.test';
const COORD = 'import.coord@survey.test';
const COMPACTS = [
  ['Hampshire Compact', 'E10000014'],
  ['Bristol Compact', 'E06000023'],
  ['Plymouth Compact', 'E06000026'],
  ['Lincolnshire Compact', 'E10000019'],
];
const HEADER = 'questionnaire,sector,body_type,compact_id,importance,relationship_change,independence_respect,' +
  'actively_engaged,improvements,comments,group_meets,refresh_planned,paid_worker,dispute_procedure,' +
  'annual_review_held,signed_partners';
const COMMENT = '"We need a paid worker, and a budget for the Compact group"';

// The file: 200 general answers (50 local authorities, 41 of them agreeing; 150 others, 135 of
// them agreeing: 176 of 200) and two benchmarks.
function answers(id) {
  const lines = [HEADER];
  const general = (sector, body, compact, importance, improvements = '', comment = '', change = '') =>
    lines.push(`general,${sector},${body},${compact},${importance},${change},,,${improvements},${comment},,,,,,`);
  for (let i = 0; i < 50; i++) {
    general('statutory', 'local_authority', id.Hampshire, i < 20 ? 'strongly_agree' : i < 41 ? 'agree' : i < 46 ? 'neither' : 'disagree',
      i < 25 ? 'resources;senior_leadership' : 'training', i < 3 ? COMMENT : '', i < 30 ? 'improved' : 'same');
  }
  for (let i = 0; i < 30; i++) general('statutory', 'nhs', id.Hampshire, i < 27 ? 'agree' : 'dont_know');
  for (let i = 0; i < 20; i++) general('other', '', id.Hampshire, i < 16 ? 'agree' : 'disagree');
  for (let i = 0; i < 100; i++) {
    general('vcs', '', id.Bristol, i < 52 ? 'strongly_agree' : i < 92 ? 'agree' : 'neither',
      i < 60 ? 'resources;promotion;paid_worker' : 'resources', i < 2 ? 'Meetings are too rare' : '');
  }
  lines.push(`benchmark,statutory,local_authority,${id.Hampshire},,,,,,,quarterly,yes,yes,no,yes,council;nhs`);
  lines.push(`benchmark,vcs,,${id.Plymouth},,,,,,,yearly,no,no,dont_know,no,council`);
  return lines.join('\n') + '\n';
}

async function fitsTheScreen(page) {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
}

// Every <text> of the stacked bars: its lines joined, and whether each drawn line lies inside
// its drawing's viewBox (as the browser measures it).
async function chartTexts(page) {
  return page.evaluate(() => {
    const out = { texts: [], outside: [] };
    for (const svg of document.querySelectorAll('.app-chart svg')) {
      const vb = svg.viewBox.baseVal;
      for (const t of svg.querySelectorAll('text')) {
        const lines = t.querySelectorAll('tspan');
        out.texts.push(lines.length ? [...lines].map((l) => l.textContent).join(' ') : t.textContent);
        const box = t.getBBox();
        if (box.x < vb.x - 0.5 || box.y < vb.y - 0.5 || box.x + box.width > vb.x + vb.width + 0.5 ||
          box.y + box.height > vb.y + vb.height + 0.5) {
          out.outside.push(`${t.textContent} (${Math.round(box.x)}..${Math.round(box.x + box.width)} of ${vb.width})`);
        }
      }
    }
    return out;
  });
}

// The cells of the row of group in the table captioned for question (its text starts so).
async function tableRow(page, question, group) {
  const table = page.locator('table', { has: page.locator('caption', { hasText: question }) }).first();
  const row = table.locator('tbody tr', { has: page.locator('th', { hasText: new RegExp(`^${group}$`) }) }).first();
  return (await row.locator('th, td').allInnerTexts()).map((s) => s.trim());
}

export async function surveyImportJourney(browser, baseUrl, { binary, dbPath } = {}, check,
  { axeCheck, screenshot = async () => {} } = {}) {
  if (!binary || !dbPath) {
    console.log('# skip survey import journey: it imports with the CLI, so it needs --binary');
    return;
  }
  const url = (p) => baseUrl + p;
  const pw = newPassword('import');
  await addUser(binary, dbPath, ADMIN, 'admin', pw);
  await addUser(binary, dbPath, COORD, 'coordinator', pw);
  const { token } = await addToken(binary, dbPath, ADMIN);
  const send = (method, path, body) => fetch(url(path), {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  const id = {};
  for (const [name, gss] of COMPACTS) {
    const r = await send('POST', '/api/v1/compacts', { name, authorities: [gss], status: 'active', status_date: '2005-04-01' });
    if (!check(`survey import: ${name} made through the API`, r.status === 201, String(r.status))) return;
    id[name.split(' ')[0]] = (await r.json()).id;
  }
  const coord = await send('PATCH', `/api/v1/compacts/${id.Bristol}`, { coordinators: [COORD] });
  check('survey import: Bristol\'s coordinator named', coord.status === 200, String(coord.status));

  const dir = mkdtempSync(join(tmpdir(), 'survey-import-'));
  try {
    const cli = (args) => spawnSync(binary, ['survey', ...args, '--db', dbPath]);
    const add = cli(['add', '--year', String(YEAR), '--opens', '2011-03-01', '--closes', '2011-05-31']);
    check('survey import: the 2011 round opened with `compact survey add`', add.status === 0, String(add.stderr));
    const file = join(dir, 'survey-2011.csv');
    writeFileSync(file, answers(id));
    const imp = cli(['import', '--year', String(YEAR), file]);
    check('survey import: 202 answers imported with `compact survey import`',
      imp.status === 0 && /imported 202 answers into the 2011 survey/.test(String(imp.stdout)), String(imp.stderr));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  for (const width of [1280, 375]) {
    const at = `survey import (${width} px)`;
    const ctx = await browser.newContext({ viewport: { width, height: 900 } });
    try {
      const page = await ctx.newPage();
      page.setDefaultTimeout(15000);
      const res = await page.goto(url(`/surveys/${YEAR}`));
      check(`${at}: /surveys/2011 answers 200`, res && res.status() === 200, String(res && res.status()));
      const lead = (await page.locator('.govuk-body-l').first().innerText()).trim();
      check(`${at}: the headline from the imported answers`,
        lead === 'In the 2011 survey, 88% of respondents (82% of local authority respondents) agreed that the ' +
          'Compact is important and that effort should go into implementing it in full.', lead);
      const all = await tableRow(page, 'The Compact is important', 'All respondents');
      check(`${at}: importance, all respondents: 200 answered, 72 strongly agree, 176 agree in all (88%)`,
        all[1] === '200' && all[2] === '72 (36%)' && all.at(-1) === '176 (88%)', all.join(' | '));
      const la = await tableRow(page, 'The Compact is important', 'Local authorities');
      check(`${at}: importance, local authorities: 50 answered, 41 agree in all (82%)`,
        la[1] === '50' && la.at(-1) === '41 (82%)', la.join(' | '));
      const impr = await tableRow(page, 'What would most improve', 'All respondents');
      check(`${at}: what would help, all respondents: 150 answered, 125 more resources (83%)`,
        impr[1] === '150' && impr.includes('125 (83%)'), impr.join(' | '));

      // the charts: every label whole, and inside its drawing
      const { texts, outside } = await chartTexts(page);
      check(`${at}: the stacked bars name every group and option whole`,
        ['All respondents', 'Voluntary and community sector', 'Local authorities', 'Neither agree nor disagree',
          'Promoting the Compact more widely', 'Closer links with commissioners', 'Monitoring that the Compact is kept']
          .every((w) => texts.includes(w)), texts.slice(0, 12).join(' | '));
      check(`${at}: no word of a chart runs outside its drawing`, texts.length > 40 && outside.length === 0, `${texts.length} texts; ${outside.slice(0, 4).join(' | ')}`);

      // coverage of the round on the hex map, its key and its table
      const map = page.locator('#coverage ~ .govuk-grid-row svg[role="group"]').first();
      check(`${at}: the coverage map is drawn`, (await map.count()) === 1 &&
        /survey has answers about the local Compact/.test(await map.locator('title').first().textContent()));
      const titles = await map.locator('a > title').allTextContents();
      for (const want of [
        'Winchester: General answers and a benchmark (Hampshire Compact, through its county)',
        'City of Bristol: Some answers (Bristol Compact)',
        'Plymouth: Some answers (Plymouth Compact)',
        'City of Lincoln: No answers (Lincolnshire Compact, through its county)',
      ]) check(`${at}: on the map, ${want}`, titles.includes(want), titles.filter((t) => t.startsWith(want.split(':')[0])).join(' | '));
      check(`${at}: an area no Compact covers is not covered`, titles.some((t) => / Not covered$/.test(t)));
      const key = (await page.locator('.app-map-key li').allInnerTexts()).map((s) => s.trim().split(':')[0]);
      check(`${at}: the key names the four states`,
        JSON.stringify(key) === JSON.stringify(['General answers and a benchmark', 'Some answers', 'No answers', 'Not covered']), key.join(' | '));
      const cover = async (name) => (await page.locator('#coverage-table tbody tr', { has: page.getByRole('link', { name, exact: true }) })
        .locator('th, td').allInnerTexts()).map((s) => s.trim());
      // two columns (issue 13: the table fits a phone without scrolling sideways)
      check(`${at}: the table behind the map: Hampshire both, Plymouth the benchmark only, Bristol general answers only, Lincolnshire none`,
        JSON.stringify(await cover('Hampshire Compact')) === JSON.stringify(['Hampshire Compact', 'General answers and a benchmark']) &&
        JSON.stringify(await cover('Lincolnshire Compact')) === JSON.stringify(['Lincolnshire Compact', 'None']) &&
        JSON.stringify(await cover('Bristol Compact')) === JSON.stringify(['Bristol Compact', 'General answers, no benchmark']) &&
        JSON.stringify(await cover('Plymouth Compact')) === JSON.stringify(['Plymouth Compact', 'A benchmark, no general answers']),
      (await cover('Hampshire Compact')).join(' | '));
      const region = await page.locator('#coverage-table').evaluate((t) => {
        const r = t.closest('.app-table-region') || t.parentElement;
        return { scroll: r.scrollWidth, client: r.clientWidth };
      });
      check(`${at}: "Who answered" fits the screen: its table does not scroll sideways`,
        region.scroll <= region.client, `${region.scroll} px wide in ${region.client}`);
      check(`${at}: nobody signed in sees no link to the answers`,
        (await page.locator('a[href$="/answers.csv"]').count()) === 0 && !(await page.locator('main').innerText()).includes('anonymised'));
      check(`${at}: the page does not scroll sideways`, await fitsTheScreen(page));
      await axeCheck(page, `${at}: results of a round built from an import`);
      await screenshot(page, `survey-import-results-${width}`);
    } finally {
      await ctx.close();
    }
  }

  // the admin downloads the anonymised answers from the round's page; a coordinator cannot
  const signIn = async (page, email) => {
    await page.goto(url(`/login?next=${encodeURIComponent(`/surveys/${YEAR}`)}`));
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Password', { exact: true }).fill(pw);
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Sign in', exact: true }).click()]);
  };
  for (const width of [1280, 375]) {
    const ctx = await browser.newContext({ viewport: { width, height: 900 }, acceptDownloads: true });
    try {
      const page = await ctx.newPage();
      page.setDefaultTimeout(15000);
      await signIn(page, ADMIN);
      const button = page.getByRole('button', { name: 'Download the anonymised answers with comments (CSV)' });
      check(`survey import (${width} px): the admin sees the download on the round's page`, (await button.count()) === 1 &&
        new URL(page.url()).pathname === `/surveys/${YEAR}`, page.url());
      check(`survey import (${width} px): the admin's page does not scroll sideways`, await fitsTheScreen(page));
      await axeCheck(page, `survey import (${width} px): results as an admin`);
      await screenshot(page, `survey-import-admin-${width}`);
      if (width !== 1280) continue;
      const [dl] = await Promise.all([page.waitForEvent('download'), button.click()]);
      const csv = readFileSync(await dl.path(), 'utf8');
      const lines = csv.split('\r\n').filter((l) => l);
      check('survey import: the download is the round\'s 202 answers under the import\'s header', dl.suggestedFilename() === 'survey-2011-answers.csv' &&
        lines[0] === HEADER && lines.length === 203, `${dl.suggestedFilename()} ${lines.length} ${lines[0]}`);
      check('survey import: the comments are in it, as written', lines.filter((l) => l.includes(COMMENT)).length === 3 &&
        lines.filter((l) => l.includes(',Meetings are too rare,')).length === 2);
      check('survey import: and nobody\'s identity', !/@|import\.admin|horse/.test(csv));
    } finally {
      await ctx.close();
    }
  }
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const page = await ctx.newPage();
    page.setDefaultTimeout(15000);
    await signIn(page, COORD);
    check('survey import: Bristol\'s coordinator sees the results but no download',
      (await page.locator('h1').first().innerText()).includes('The 2011 survey') && (await page.locator('a[href$="/answers.csv"]').count()) === 0);
    const r = await page.request.get(url(`/api/v1/surveys/${YEAR}/answers.csv`));
    check('survey import: the coordinator at the download\'s URL gets 403, and no answers', r.status() === 403 &&
      !(await r.text()).includes('Meetings are too rare'), String(r.status()));
    await axeCheck(page, 'survey import: results as a coordinator');
  } finally {
    await ctx.close();
  }
}
