// The register of bench/complaints.sh, made through the real API of a running `compact serve`:
// 20 Compacts and 20 charities, and the councils of the register that will answer the cases
// (bench_complaints_gen makes the cases). Prints three lines: the Compacts' ids, the charities'
// org-ids and the councils', each list joined by commas.
//
//   node bench/complaints_seed.mjs URL TOKEN
const [url, token] = process.argv.slice(2);
const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
const COUNCILS = ['GB-LAE-MRT', 'GB-LAE-TRF', 'GB-LAE-LDS', 'GB-LAE-MAN', 'GB-LAE-BIR', 'GB-LAE-SUT', 'GB-LAE-KIR', 'GB-LAE-CMD'];

async function post(path, body, want = 201) {
  const r = await fetch(url + path, { method: 'POST', headers, body: JSON.stringify(body) });
  const text = await r.text();
  if (r.status !== want) throw new Error(`POST ${path}: ${r.status} ${text.slice(0, 300)}`);
  return JSON.parse(text);
}

const compacts = [];
for (let c = 0; c < 20; c++) {
  compacts.push((await post('/api/v1/compacts', { name: `Bench Compact ${c + 1}`, authorities: ['E09000024'], status: 'active', status_date: '2010-04-01' })).id);
}
const charities = [];
for (let o = 0; o < 20; o++) {
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

console.log(compacts.join(','));
console.log(charities.join(','));
console.log(councils.join(','));
