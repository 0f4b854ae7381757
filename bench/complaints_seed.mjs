// The seed of bench/complaints.sh: N complaints made through the real API of a running
// `compact serve` (so that every derived column is what app/cases.c writes), which the script
// then copies in SQL up to 100,000. 20 Compacts, 50 charities as complainants, councils of the
// register as respondents; the cases opened from 2012 to 2025, and by i % 100:
//   0-69 answered in time at informal, then closed (outcomes and causes in turn);
//   70-84 escalated to formal, answered there, closed;  85-94 open, answered at informal;
//   95-98 open at formal, answered;  99 open at informal, never answered (overdue).
//
//   node bench/complaints_seed.mjs URL TOKEN N      (prints the ids made, one line)
const [url, token, nArg] = process.argv.slice(2);
const N = Number(nArg || 1000);
const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
const COUNCILS = ['GB-LAE-MRT', 'GB-LAE-TRF', 'GB-LAE-LDS', 'GB-LAE-MAN', 'GB-LAE-BIR', 'GB-LAE-SUT', 'GB-LAE-KIR', 'GB-LAE-CMD'];
const OUTCOMES = ['resolved', 'upheld', 'partly_upheld', 'not_upheld', 'withdrawn'];
const RULES = ['funding.notice', 'funding.reasons', 'consultation.length', 'award.duration', 'procurement.social_value'];

async function post(path, body, want = 201) {
  const r = await fetch(url + path, { method: 'POST', headers, body: JSON.stringify(body) });
  const text = await r.text();
  if (r.status !== want) throw new Error(`POST ${path}: ${r.status} ${text.slice(0, 300)}`);
  return JSON.parse(text);
}

function day(y, m, d) {
  return new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10);
}
function plus(iso, days) {
  const d = new Date(`${iso}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const compacts = [];
for (let c = 0; c < 20; c++) {
  compacts.push((await post('/api/v1/compacts', { name: `Bench Compact ${c + 1}`, authorities: ['E09000024'], status: 'active', status_date: '2010-04-01' })).id);
}
const charities = [];
for (let o = 0; o < 50; o++) {
  const org = `GB-CHC-9${String(o).padStart(6, '0')}`;
  await post('/api/v1/organisations', { org_id: org, name: `Bench Charity ${o + 1}`, type: 'charity' });
  charities.push(org);
}
// the councils this register knows
const councils = [];
for (const c of COUNCILS) {
  const r = await fetch(`${url}/api/v1/organisations/${c}`, { headers });
  if (r.status === 200) councils.push(c);
}
if (!councils.length) throw new Error('no council of the register answers');

const ids = [];
for (let i = 0; i < N; i++) {
  const kind = i % 100;
  // a Monday to Thursday away from Christmas and Easter, from 2012 to 2025
  const opened = plus(day(2012 + (i % 14), 2 + (i % 9), 1), 0);
  const wd = new Date(`${opened}T12:00:00Z`).getUTCDay();
  const start = plus(opened, wd === 0 ? 1 : wd === 6 ? 2 : wd === 5 ? 3 : 0);
  const c = await post(`/api/v1/compacts/${compacts[i % compacts.length]}/complaints`, {
    complainant: charities[i % charities.length], respondent: councils[i % councils.length],
    title: `Bench complaint ${i + 1}`, summary: 'A decision taken without the notice the Compact asks for.',
    aware_on: plus(start, -14), opened_on: start, rules: [RULES[i % RULES.length]],
  });
  ids.push(c.id);
  const ev = (body) => post(`/api/v1/complaints/${c.id}/events`, body);
  if (kind === 99) continue;
  if (kind >= 95) {
    await ev({ type: 'escalated', date: plus(start, 2), to: 'formal' });
    await ev({ type: 'response', date: plus(start, 9) });
    continue;
  }
  await ev({ type: 'response', date: plus(start, 3), note: 'We will look again.' });
  if (kind >= 85) continue;
  if (kind >= 70) {
    await ev({ type: 'escalated', date: plus(start, 7), to: 'formal' });
    await ev({ type: 'response', date: plus(start, 14 + (i % 30)) });
  }
  await ev({ type: 'closed', date: plus(start, 50), outcome: OUTCOMES[i % OUTCOMES.length], causes: [RULES[(i + 1) % RULES.length]], remedy: 'Funding restored.' });
}
console.log(ids.join(' '));
