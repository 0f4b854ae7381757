// End-to-end tests that every importer refuses a broken file (issue 11, items 2 and 3): real files
// of data/opendata (and register files made from them) are copied and broken at a known line —
// cut short in the middle of a record, a line cut in half, a field too many, a stray quote, a NUL
// byte, bytes that are not UTF-8 (Latin-1, an overlong form, a surrogate), a \u0000 escape — then
// imported through the real binary. Each must exit 1, name FILE:LINE of the fault and what is
// wrong, say that nothing was imported, print no "read, imported" figures, and leave the database
// as it was.
//
//   import { trustImportTests } from './trust_import.mjs';
//   await trustImportTests(BIN, report);   // report(name, ok, why)
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { copyDb, freshDb, sql as runSql } from '../lib/db.mjs';
import { run } from '../lib/server.mjs';
import { expect, show, tester } from './auth.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const SHARED = join(HERE, '..', '..', 'data', 'opendata');
const SANITIZER_REPORT = /AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|runtime error:/;

const TRAFFORD_CSV = join(SHARED, '360giving', 'trafford_council', 'trafford_council_voluntary_sector_grants.csv');
const TRAFFORD_JSON = join(SHARED, '360giving', 'trafford_council', 'trafford_council_voluntary_sector_grants.json');
const PTC = join(SHARED, '360giving', 'grantnav_test_data', 'a002400000nO46WAAS.json');
const CF_LINES = join(SHARED, 'ocds', 'cf_releases_2025.jsonl');

// Where line n (1-based) of buf starts, where its text ends (before CR LF) and where the next starts.
function lineSpan(buf, n) {
  let start = 0;
  for (let l = 1; l < n; l++) {
    const nl = buf.indexOf(0x0a, start);
    if (nl < 0) throw new RangeError(`no line ${n}`);
    start = nl + 1;
  }
  let end = buf.indexOf(0x0a, start);
  if (end < 0) end = buf.length;
  const body = end > start && buf[end - 1] === 0x0d ? end - 1 : end;
  return { start, body };
}

// A copy of buf broken at line n as how says: in the middle of the line (never inside a character).
export function breakAt(buf, n, how) {
  const { start, body } = lineSpan(buf, n);
  let mid = start + Math.floor((body - start) / 2);
  while ((buf[mid] & 0xc0) === 0x80) mid++;
  const insert = (at, bytes) => Buffer.concat([buf.subarray(0, at), Buffer.from(bytes), buf.subarray(at)]);
  switch (how) {
    case 'cut': // the file ends in the middle of the line
      return buf.subarray(0, mid);
    case 'half': // the line loses its second half, keeps its line break
      return Buffer.concat([buf.subarray(0, mid), buf.subarray(body)]);
    case 'nul':
      return insert(mid, [0x00]);
    case 'latin1': // é as Latin-1 writes it
      return insert(mid, [0xe9]);
    case 'overlong': // '/' written in two bytes
      return insert(mid, [0xc0, 0xaf]);
    case 'surrogate': // U+D800 written as UTF-8
      return insert(mid, [0xed, 0xa0, 0x80]);
    case 'extra': // one field more at the end of the record
      return insert(body, Buffer.from(',extra'));
    case 'unclosed': // the last character of the line is gone (a JSON record's closing brace)
      return Buffer.concat([buf.subarray(0, body - 1), buf.subarray(body)]);
    case 'quote': // a quote opening the first field after the middle
      return insert(buf.indexOf(0x2c, mid) + 1, Buffer.from('"'));
    case 'u0000': // \u0000 at the start of the first string value after the middle
      return insert(buf.indexOf('": "', mid) + 4, Buffer.from('\\u0000'));
    default:
      throw new RangeError(`no breakage ${how}`);
  }
}

export async function trustImportTests(BIN, report) {
  const test = tester(report);
  const dir = mkdtempSync(join(tmpdir(), 'compact-trust-import-'));
  const trust = await freshDb(dir, 'trust.db');
  const db = trust.uri;
  let scratch = null;
  const sql = async (q, where = db) => {
    const r = await runSql(where, q);
    expect(r.code === 0, `SQL ${q}: ${show(r.stderr)}`);
    return r.stdout.trim();
  };
  const counts = () => sql('SELECT (SELECT count(*) FROM grant_award) || \' \' || (SELECT count(*) FROM contract) || \' \' || ' +
    '(SELECT count(*) FROM organisation) || \' \' || (SELECT count(*) FROM compact) || \' \' || ' +
    '(SELECT count(*) FROM signatory) || \' \' || (SELECT count(*) FROM audit)');
  const importFile = async (kind, file, where = db, extra = []) => {
    const r = await run(BIN, ['import', kind, file, '--db', where, ...extra], { timeoutMs: 120000 });
    expect(!SANITIZER_REPORT.test(r.stderr), `sanitizer: ${show(r.stderr, 600)}`);
    return r;
  };
  // Each [kind, file] lands in the database.
  const land = async (files) => {
    for (const [kind, file] of files) {
      const r = await importFile(kind, file);
      expect(r.code === 0, `${basename(file)}: exit ${r.code}; ${show(r.stderr, 400)}`);
    }
  };
  // A good file lands in a copy of the database: the breakage alone is what is refused.
  const landsWhole = async (kind, file) => {
    if (scratch) await scratch.drop();
    scratch = await copyDb(db, dir, 'scratch.db');
    const r = await importFile(kind, file, scratch.uri);
    expect(r.code === 0, `the unbroken ${basename(file)} does not import: exit ${r.code}; ${show(r.stderr, 400)}`);
  };
  // Import a copy of src broken at line n; the refusal must name it and what is wrong.
  const refused = async (kind, src, n, how, what) => {
    const copy = join(dir, `${how}-${n}-${basename(src)}`);
    writeFileSync(copy, breakAt(readFileSync(src), n, how));
    const before = await counts();
    const r = await importFile(kind, copy);
    const where = `${copy}:${n}: `;
    const line = r.stderr.split('\n').find((l) => l.includes(where)) || '';
    expect(r.code === 1, `exit ${r.code}; ${show(r.stdout + r.stderr, 500)}`);
    expect(line.replace(/^compact: /, '') === where + what, `want ${JSON.stringify(where + what)} in ${show(r.stderr, 600)}`);
    expect(r.stderr.includes(`${copy}: nothing was imported`) || r.stderr.includes('compact: nothing was imported'),
      `does not say nothing was imported: ${show(r.stderr, 400)}`);
    expect(!/read, \d+ imported|^imported /m.test(r.stdout), `figures for an import that failed: ${show(r.stdout)}`);
    expect(await counts() === before, 'the database changed');
    return r;
  };
  // Each case [kind, file, n, how, what] is a check of its own.
  const refusals = async (cases) => {
    for (const [kind, file, n, how, what] of cases) {
      await test(`trust import: ${kind}, ${basename(file)} ${how} at line ${n}: refused at ${n}, nothing stored`,
        () => refused(kind, file, n, how, what));
    }
  };
  const quote = (v) => `"${String(v).replace(/"/g, '""')}"`;
  const orgsFile = join(dir, 'organisations.csv');
  const compactsFile = join(dir, 'compacts.csv');
  const signatoriesFile = join(dir, 'signatories.csv');
  try {
    await test('trust import: a fresh database; register files made from the real data land whole', async () => {
      const r = await run(BIN, ['init', '--db', db]);
      expect(r.code === 0, `init: exit ${r.code} ${show(r.stderr)}`);
      // the charities and companies Trafford funds, the first 60 authorities, one signing each
      const seen = new Map();
      for (const g of JSON.parse(readFileSync(TRAFFORD_JSON, 'utf8')).grants) {
        const o = (g.recipientOrganization || [])[0];
        if (o && /^GB-(CHC|COH)-/.test(o.id) && !seen.has(o.id)) seen.set(o.id, o.name);
      }
      const orgs = [...seen];
      writeFileSync(orgsFile, 'org_id,name,type\r\n' + orgs.map(([id, name]) =>
        `${id},${quote(name)},${id.startsWith('GB-CHC-') ? 'charity' : 'social_enterprise'}\r\n`).join(''));
      const areas = (await sql('SELECT gss || \'|\' || name FROM authority ORDER BY gss LIMIT 60')).split('\n').map((l) => l.split('|'));
      writeFileSync(compactsFile, 'name,authorities,status,status_date,adopted,refreshed,document_url\n' +
        areas.map(([gss, name]) => `${quote(`${name} Compact`)},${gss},active,2011-01-01,2011-01-01,,\n`).join(''));
      writeFileSync(signatoriesFile, 'compact,organisation,signed_on,role\n' +
        areas.map(([, name], i) => `${quote(`${name} Compact`)},${orgs[i][0]},2012-01-01,Chief Executive\n`).join(''));
      await landsWhole('organisations', orgsFile);
      await landsWhole('compacts', compactsFile);
    });

    // The register's CSV files: organisations, Compacts and signatories.
    await refusals([
      ['organisations', orgsFile, 40, 'cut', 'a quoted field starts here and the file ends before its closing quote'],
      ['organisations', orgsFile, 41, 'extra', 'the record has 4 fields, the header 3'],
      ['organisations', orgsFile, 42, 'nul', "column 'name' holds a NUL byte"],
      ['organisations', orgsFile, 43, 'latin1', "column 'name' is not valid UTF-8 (byte 0xE9): save the file as UTF-8"],
      ['compacts', compactsFile, 30, 'cut', "the file ends in the middle of a record (3 of the header's 7 fields)"],
      ['compacts', compactsFile, 31, 'half', 'the record has 3 fields, the header 7'],
      ['compacts', compactsFile, 32, 'surrogate', "column 'authorities' is not valid UTF-8 (byte 0xED): save the file as UTF-8"],
      ['compacts', compactsFile, 33, 'quote', 'the quoted field that starts here runs on to line 34, where a quote is followed by more text: a stray quote?'],
    ]);
    await test('trust import: the good organisations and Compacts land; their signatories would too', async () => {
      await land([['organisations', orgsFile], ['compacts', compactsFile]]);
      await landsWhole('signatories', signatoriesFile);
    });
    await refusals([
      ['signatories', signatoriesFile, 20, 'cut', "the file ends in the middle of a record (2 of the header's 4 fields)"],
      ['signatories', signatoriesFile, 21, 'extra', 'the record has 5 fields, the header 4'],
      ['signatories', signatoriesFile, 22, 'nul', "column 'organisation' holds a NUL byte"],
      ['signatories', signatoriesFile, 23, 'overlong', "column 'organisation' is not valid UTF-8 (byte 0xC0): save the file as UTF-8"],
    ]);

    await test('trust import: the real open data files imported once', async () => {
      await land([['grants', TRAFFORD_CSV], ['contracts', CF_LINES]]);
    });

    // 360Giving CSV: today cut in the middle of record 270 it imported "270 read, 270 imported".
    await refusals([
      ['grants', TRAFFORD_CSV, 271, 'cut', "the file ends in the middle of a record (13 of the header's 39 fields)"],
      ['grants', TRAFFORD_CSV, 271, 'half', 'the record has 13 fields, the header 39'],
      ['grants', TRAFFORD_CSV, 150, 'extra', 'the record has 40 fields, the header 39'],
      ['grants', TRAFFORD_CSV, 201, 'quote', 'the quoted field that starts here runs on to line 205, where a quote is followed by more text: a stray quote?'],
      ['grants', TRAFFORD_CSV, 88, 'nul', "column 'Recipient Org:Name' holds a NUL byte"],
      ['grants', TRAFFORD_CSV, 300, 'latin1', "column 'Recipient Org:Identifier' is not valid UTF-8 (byte 0xE9): save the file as UTF-8"],
      ['grants', TRAFFORD_CSV, 410, 'overlong', "column 'Recipient Org:Country' is not valid UTF-8 (byte 0xC0): save the file as UTF-8"],
      ['grants', TRAFFORD_CSV, 520, 'surrogate', "column 'Recipient Org:Country' is not valid UTF-8 (byte 0xED): save the file as UTF-8"],
    ]);
    await test('trust import: a refused import in JSON says imported 0', async () => {
      const copy = join(dir, 'cut-json-summary.csv');
      writeFileSync(copy, breakAt(readFileSync(TRAFFORD_CSV), 271, 'cut'));
      const r = await importFile('grants', copy, db, ['--format', 'json']);
      const s = JSON.parse(r.stdout);
      expect(r.code === 1 && s.imported === 0 && s.rejected === 0, `exit ${r.code}; ${show(r.stdout)}`);
    });

    // 360Giving JSON, pretty-printed: the end of the file, or the bad byte, is where it is named.
    await refusals([
      ['grants', TRAFFORD_JSON, 12000, 'cut', 'byte 440199: the file ends inside the document: record 269, from line 11974, is cut short'],
      ['grants', TRAFFORD_JSON, 5000, 'nul', 'byte 188427: a NUL byte'],
      ['grants', TRAFFORD_JSON, 7000, 'latin1', 'byte 259542: bytes that are not UTF-8 (0xE9): save the file as UTF-8'],
      ['grants', PTC, 1, 'surrogate', 'byte 738303: bytes that are not UTF-8 (0xED): save the file as UTF-8'],
      ['grants', PTC, 1, 'u0000', 'byte 738309: \\u0000 in a string: text may not hold NUL'],
      ['grants', PTC, 1, 'cut', 'byte 738303: the file ends inside a string: record 431, from line 1, is cut short'],
    ]);

    // OCDS JSON lines: today a fault on line 121 was named at 201, the end of the file.
    await refusals([
      ['contracts', CF_LINES, 121, 'half', 'byte 371123: a line break inside a string (JSON writes it \\n)'],
      ['contracts', CF_LINES, 121, 'cut', 'byte 371123: the file ends inside a string: record 121, from line 121, is cut short'],
      ['contracts', CF_LINES, 121, 'unclosed', 'byte 372802: record 121 does not end on its line (JSON lines hold one a line)'],
      ['contracts', CF_LINES, 60, 'nul', 'byte 177544: a NUL byte'],
      ['contracts', CF_LINES, 70, 'latin1', 'byte 206860: bytes that are not UTF-8 (0xE9): save the file as UTF-8'],
      ['contracts', CF_LINES, 90, 'u0000', 'byte 276021: \\u0000 in a string: text may not hold NUL'],
    ]);
  } finally {
    if (scratch) await scratch.drop();
    await trust.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}
