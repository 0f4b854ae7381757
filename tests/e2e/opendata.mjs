// End-to-end tests of `compact import grants|contracts FILE [--format json]` on the real open
// data files of data/opendata (see data/SOURCES.md) and the fixtures of tests/data/opendata:
// the summary numbers, importing again updates rather than duplicates, a file with a bad record
// or a malformed file stores nothing and names what is wrong, quirks are warned about.
//
//   import { opendataTests } from './opendata.mjs';
//   await opendataTests(BIN, report);   // report(name, ok, why)
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freshDb, sql as runSql } from '../lib/db.mjs';
import { run } from '../lib/server.mjs';
import { expect, show, tester } from './auth.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const SHARED = join(HERE, '..', '..', 'data', 'opendata');
const FIXTURES = join(HERE, '..', 'data', 'opendata');
const SANITIZER_REPORT = /AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|runtime error:/;

const TRAFFORD_CSV = join(SHARED, '360giving', 'trafford_council', 'trafford_council_voluntary_sector_grants.csv');
const TRAFFORD_JSON = join(SHARED, '360giving', 'trafford_council', 'trafford_council_voluntary_sector_grants.json');
const PTC = join(SHARED, '360giving', 'grantnav_test_data', 'a002400000nO46WAAS.json');
const MIXED = join(SHARED, '360giving', 'grantnav_test_data', 'awefw001p00000zgyHZAAY.json');
const CF_LINES = join(SHARED, 'ocds', 'cf_releases_2025.jsonl');
const CF_2016 = join(SHARED, 'ocds', 'uk-contracts-finder-2016', 'releases');

export async function opendataTests(BIN, report) {
  const test = tester(report);
  const dir = mkdtempSync(join(tmpdir(), 'compact-opendata-'));
  const open = await freshDb(dir, 'open.db');
  const progress = await freshDb(dir, 'progress.db');
  const db = open.uri;
  const sql = async (q) => {
    const r = await runSql(db, q);
    expect(r.code === 0, `SQL ${q}: ${show(r.stderr)}`);
    return r.stdout.trim();
  };
  const importJson = async (kind, file) => {
    const r = await run(BIN, ['import', kind, file, '--db', db, '--format', 'json'], { timeoutMs: 120000 });
    expect(!SANITIZER_REPORT.test(r.stderr), `sanitizer: ${show(r.stderr, 600)}`);
    let summary = null;
    try {
      summary = JSON.parse(r.stdout);
    } catch {
      // left null: the caller says what it wanted
    }
    return { ...r, summary };
  };
  const expectSummary = (r, want) => {
    expect(r.summary, `no JSON summary: exit ${r.code}; ${show(r.stdout + r.stderr, 400)}`);
    expect(JSON.stringify(Object.keys(r.summary)) ===
           JSON.stringify(['file', 'format', 'read', 'imported', 'rejected', 'warnings']),
           `keys ${Object.keys(r.summary)}`);
    for (const [k, v] of Object.entries(want)) {
      expect(r.summary[k] === v, `${k} ${JSON.stringify(r.summary[k])}, want ${JSON.stringify(v)}; ${show(r.stderr, 400)}`);
    }
  };
  try {
    await test('opendata: a fresh database', async () => {
      const r = await run(BIN, ['init', '--db', db]);
      expect(r.code === 0, `init: exit ${r.code} ${show(r.stderr)}`);
    });
    await test('opendata: a progress bar on a terminal (through script), none when stderr is a file', async () => {
      const quote = (x) => `'${String(x).replace(/'/g, `'\\''`)}'`;
      const scratch = progress.uri;
      const init = await run(BIN, ['init', '--db', scratch]);
      expect(init.code === 0, `init: exit ${init.code}`);
      const cmd = [BIN, 'import', 'grants', TRAFFORD_JSON, '--db', scratch].map(quote).join(' ');
      const tty = await run('script', ['-qec', cmd, '/dev/null'], { timeoutMs: 120000 });
      expect(tty.code === 0 && /\r\[#+\s*\] +\d+% /.test(tty.stdout) && tty.stdout.includes('100%'),
        `exit ${tty.code}; ${show(tty.stdout, 300)}`);
      const plain = await run(BIN, ['import', 'grants', TRAFFORD_JSON, '--db', scratch]);
      expect(plain.code === 0 && !/\[#/.test(plain.stderr) && !plain.stderr.includes('%'), show(plain.stderr, 300));
    });
    await test('opendata: Trafford grants as CSV: 555 read and imported', async () => {
      const r = await importJson('grants', TRAFFORD_CSV);
      expect(r.code === 0, `exit ${r.code}; ${show(r.stderr, 400)}`);
      expectSummary(r, { file: TRAFFORD_CSV, format: '360giving-csv', read: 555, imported: 555, rejected: 0, warnings: 0 });
      expect(await sql('SELECT count(*) FROM grant_award') === '555', 'not 555 grants stored');
    });
    await test('opendata: Trafford grants as JSON update the same 555, field for field', async () => {
      const fields = 'SELECT identifier || amount_pence || award_date || funder_id || coalesce(CAST(recipient_id AS TEXT), \'-\') FROM grant_award ORDER BY identifier';
      const before = await sql(fields);
      const r = await importJson('grants', TRAFFORD_JSON);
      expect(r.code === 0, `exit ${r.code}; ${show(r.stderr, 400)}`);
      expectSummary(r, { format: '360giving-json', read: 555, imported: 555, rejected: 0 });
      expect(await sql('SELECT count(*) FROM grant_award') === '555', 'grants duplicated');
      const after = await sql(fields);
      expect(before === after, 'the JSON file changed what the CSV file stored');
    });
    await test('opendata: the funder is linked; recipients with org-ids are unverified organisations', async () => {
      expect(await sql("SELECT count(*) FROM grant_award g JOIN organisation o ON o.id = g.funder_id WHERE o.org_id = 'GB-LAE-TRF'") === '555', 'funder not linked');
      expect(await sql("SELECT sector || ' ' || type || ' ' || verified FROM organisation WHERE org_id = 'GB-LAE-TRF'") === 'statutory council 1', 'Trafford is not the verified council of the reference data');
      expect(await sql("SELECT count(*) FROM grant_award WHERE recipient_org_id LIKE '360G-%' AND recipient_id IS NOT NULL") === '0', 'a 360G- identifier was linked');
      expect(Number(await sql("SELECT count(*) FROM audit WHERE kind = 'organisation' AND action = 'create'")) > 100, 'organisations not audited');
      expect(await sql("SELECT count(*) FROM audit WHERE kind = 'grants' AND action = 'import'") === '2', 'imports not audited');
    });
    await test('opendata: Power to Change 870 and the mixed funders 154', async () => {
      let r = await importJson('grants', PTC);
      expectSummary(r, { format: '360giving-json', read: 870, imported: 870, rejected: 0 });
      r = await importJson('grants', MIXED);
      expectSummary(r, { format: '360giving-json', read: 154, imported: 154, rejected: 0 });
      expect(r.code === 0, `exit ${r.code}`);
      expect(await sql('SELECT count(*) FROM grant_award') === String(555 + 870 + 154), 'grant count');
    });
    await test('opendata: 200 Contracts Finder releases as JSON lines, of 190 contracting processes', async () => {
      const r = await importJson('contracts', CF_LINES);
      expect(r.code === 0, `exit ${r.code}; ${show(r.stderr, 400)}`);
      expectSummary(r, { format: 'ocds-json-lines', read: 200, imported: 200, rejected: 0 });
      expect(await sql('SELECT count(*) FROM contract') === '190', 'contract count');
      expect(await sql('SELECT count(*) FROM contract WHERE vcse_suitable = 1') !== '0', 'no VCSE suitability kept');
    });
    await test('opendata: importing the releases again updates rather than duplicates', async () => {
      const suppliers = await sql('SELECT count(*) FROM contract_supplier');
      expect(Number(suppliers) > 100, `${suppliers} suppliers`);
      const r = await importJson('contracts', CF_LINES);
      expectSummary(r, { read: 200, imported: 200 });
      expect(await sql('SELECT count(*) FROM contract') === '190', 'contracts duplicated');
      expect(await sql('SELECT count(*) FROM contract_supplier') === suppliers, 'suppliers duplicated');
    });
    await test('opendata: the 21 single releases (11 contracting processes)', async () => {
      const files = readdirSync(CF_2016).filter((f) => f.endsWith('.json'));
      expect(files.length === 21, `${files.length} files`);
      for (const f of files) {
        const r = await importJson('contracts', join(CF_2016, f));
        expect(r.code === 0, `${f}: exit ${r.code}; ${show(r.stderr)}`);
        expectSummary(r, { format: 'ocds-release', read: 1, imported: 1, rejected: 0 });
      }
      expect(await sql('SELECT count(*) FROM contract') === '201', 'contract count');
    });
    await test('opendata: a file with bad records stores nothing and names each by record and line', async () => {
      const bad = join(FIXTURES, 'bad.csv');
      const r = await importJson('grants', bad);
      expect(r.code === 1, `exit ${r.code}`);
      expectSummary(r, { format: '360giving-csv', read: 4, imported: 0, rejected: 3 });
      for (const want of [`${bad}:3: record 2: Amount Awarded must be a number`, `${bad}:4: record 3: Award Date`,
        `${bad}:6: record 4: Identifier must be given`, `${bad}: 3 of 4 records rejected; nothing was imported`]) {
        expect(r.stderr.includes(want), `stderr lacks ${JSON.stringify(want)}: ${show(r.stderr, 600)}`);
      }
      expect(await sql("SELECT count(*) FROM grant_award WHERE identifier LIKE 'B-%'") === '0', 'the good record was stored');
    });
    await test('opendata: a malformed file stores nothing and says where', async () => {
      const truncated = join(FIXTURES, 'truncated.json');
      const r = await importJson('grants', truncated);
      expect(r.code === 1, `exit ${r.code}`);
      expect(r.stderr.includes(`${truncated}:7: byte 463: the file ends inside a string`) &&
        r.stderr.includes(`${truncated}: nothing was imported`), show(r.stderr));
      expect(await sql("SELECT count(*) FROM grant_award WHERE identifier LIKE 'Q-%'") === '0', 'stored');
      const wrong = await importJson('contracts', TRAFFORD_JSON);
      expect(wrong.code === 1 && wrong.stderr.includes('holds 360Giving grants, not contracts'), show(wrong.stderr));
      expect(await sql('SELECT count(*) FROM contract') === '201', 'contracts changed');
    });
    await test('opendata: quirks are accepted with a warning', async () => {
      const r = await importJson('grants', join(FIXTURES, 'quirks.csv'));
      expect(r.code === 0, `exit ${r.code}; ${show(r.stderr)}`);
      expectSummary(r, { format: '360giving-csv', read: 2, imported: 2, rejected: 0, warnings: 4 });
      expect(r.stderr.includes('warning: 1 time: Award Date date written dd/mm/yyyy (first: record 1, line 2)'), show(r.stderr, 600));
      expect(await sql("SELECT amount_pence || ' ' || award_date || ' ' || from_open_call FROM grant_award WHERE identifier = 'Q-1'") === '123456 2019-03-01 0', 'not normalised');
    });
    await test('opendata: the text summary and usage errors', async () => {
      let r = await run(BIN, ['import', 'grants', join(FIXTURES, 'quirks.json'), '--db', db]);
      expect(r.code === 0 && /\(360giving-json\): 2 grants read, 2 imported, 0 rejected, 5 warnings/.test(r.stdout), show(r.stdout + r.stderr));
      r = await run(BIN, ['import', '--db', db]);
      expect(r.code === 2, `no kind: exit ${r.code}`);
      r = await run(BIN, ['import', 'widgets', 'x', '--db', db]);
      expect(r.code === 2, `unknown kind: exit ${r.code}`);
      r = await run(BIN, ['import', 'grants', '--db', db]);
      expect(r.code === 2, `no file: exit ${r.code}`);
      r = await run(BIN, ['import', 'grants', join(dir, 'missing.json'), '--db', db]);
      expect(r.code === 1 && r.stderr.includes('cannot open'), `missing file: exit ${r.code} ${show(r.stderr)}`);
    });
  } finally {
    await open.drop();
    await progress.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}
