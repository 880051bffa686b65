// Fills a running mamori with one organisation, one round and N
// respondents who answered all 25 items, then writes what the wrk runs
// need.  Admin requests carry the API token (no CSRF field); respondents
// go through their /r/ links with the form's _csrf, like a browser.
//
//   node bench/setup.mjs BASE TOKEN N OUTDIR
//
// OUTDIR/urls.sh      shell variables: RESULTS, FORM, REPORT, ASSETS,
//                     PLAN_XLSX, BCP_PDF, BOARD_PDF (paths), ROUND (id)
//
// The organisation also gets 500 information assets and 100 plan rows,
// and for its IT business continuity 30 processes, 20 systems, 160
// recovery steps, 18 contacts and 5 assumed incidents, each register
// filled by one CSV import through the API; for the board one-pager, 30
// risks and 3 open incidents besides, through the API row by row.
// OUTDIR/submit.txt   one line per respondent: "/r/TOKEN CSRF"
const [base, token, nstr, out] = process.argv.slice(2);
import { writeFileSync } from "node:fs";
import { join } from "node:path";

if (!base || !token || !nstr || !out) {
	console.error("usage: node bench/setup.mjs BASE TOKEN N OUTDIR");
	process.exit(2);
}
const u = new URL(base);
if (u.hostname !== "127.0.0.1" && u.hostname !== "localhost" && u.hostname !== "[::1]") {
	console.error(`bench: refusing a non-loopback address: ${base}`);
	process.exit(2);
}
const n = Number(nstr);
const auth = { authorization: `Bearer ${token}` };
const ANSWERS = ["yes", "partly", "no", "unknown"];

async function req(method, path, { form, headers = {} } = {}) {
	const h = { ...headers };
	let body;
	if (form) {
		body = new URLSearchParams(form).toString();
		h["content-type"] = "application/x-www-form-urlencoded";
	}
	const res = await fetch(base + path, { method, headers: h, body,
		redirect: "manual", signal: AbortSignal.timeout(10_000) });
	return { status: res.status, text: await res.text(), location: res.headers.get("location") };
}

function expect(res, status, what) {
	if (res.status !== status)
		throw new Error(`${what}: HTTP ${res.status}, expected ${status}: ${res.text.slice(0, 300)}`);
	return res;
}

const csrfOf = (html) => (html.match(/name="_csrf" value="([^"]+)"/) || [])[1];

let res = expect(await req("POST", "/o/new", { headers: auth, form: {
	name: "ベンチ工業株式会社", industry: "E", employees: "e3", capital: "c2",
	prefecture: "13", many_systems: "1", manual_fallback: "0", others_depend: "1",
} }), 303, "create organisation");
const org = +res.location.match(/\/o\/(\d+)/)[1];
res = expect(await req("POST", `/o/${org}/rounds`, { headers: auth,
	form: { title: "ベンチマーク" } }), 303, "open round");
const round = +res.location.match(/rounds\/(\d+)/)[1];
const roundPath = `/o/${org}/rounds/${round}`;
const roles = ["executive", "manager", "employee"];
for (let i = 0; i < n; i++)
	expect(await req("POST", `${roundPath}/links`, { headers: auth,
		form: { role: roles[i % 3], name: `回答者${i + 1}` } }), 303, `link ${i + 1}`);
res = expect(await req("GET", roundPath, { headers: auth }), 200, "round page");
const links = [...res.text.matchAll(/<code class="secret copy">[^<]*?(\/r\/[^<\s]+)<\/code>/g)]
	.map((m) => m[1]);
if (links.length !== n)
	throw new Error(`round page shows ${links.length} personal links, expected ${n}`);

// Everyone answers all 25 items in the three steps.
const parts = [[1, 5], [6, 18], [19, 25]];
const lines = [];
for (let r = 0; r < n; r++) {
	const path = links[r];
	// the bare link sends on to the step to resume: ask for step 1
	const page = expect(await req("GET", `${path}?part=1`), 200, `form of ${path}`);
	const csrf = csrfOf(page.text);
	if (!csrf)
		throw new Error(`no _csrf on ${path}`);
	for (let p = 0; p < 3; p++) {
		const form = { _csrf: csrf, part: String(p + 1), go: p < 2 ? "next" : "finish" };
		for (let i = parts[p][0]; i <= parts[p][1]; i++)
			form[`q${i}`] = ANSWERS[(r + i) % 4];
		expect(await req("POST", path, { form }), 303, `answers of ${path}, step ${p + 1}`);
	}
	lines.push(`${path} ${csrf}`);
}

// What wrk will hit must answer as expected, or the numbers mean nothing.
const results = `${roundPath}/results`;
res = expect(await req("GET", results, { headers: auth }), 200, "results page");
if (!res.text.includes("score-num"))
	throw new Error("results page shows no score");
const form = `${links[0]}?part=2`;
expect(await req("GET", form), 200, "respondent form, step 2");

// The registers: 500 assets and 100 plan rows, one CSV file each.
async function importCsv(reg, text, rows) {
	const r = await fetch(`${base}/api/v1/orgs/${org}/${reg}`, { method: "POST",
		headers: { ...auth, "content-type": "text/csv; charset=utf-8" }, body: text,
		signal: AbortSignal.timeout(30_000) });
	const body = await r.text();
	if (r.status !== 201 || JSON.parse(body).added !== rows)
		throw new Error(`import of ${reg}: HTTP ${r.status}: ${body.slice(0, 300)}`);
}
const kinds = ["none", "personal", "sensitive", "mynumber"];
const cats = ["hr", "customers", "trade", "engineering", "accounting", "entrusted", "other"];
let csv = "name,category,owner,location,personal,c,i,a,note\n";
for (let i = 0; i < 500; i++)
	csv += `資産${i + 1},${cats[i % 7]},担当${i % 13},サーバー${i % 5},${kinds[i % 4]},` +
	    `${1 + (i % 3)},${1 + ((i >> 1) % 3)},${1 + ((i >> 2) % 3)},"メモ${i}, 二行目"\n`;
await importCsv("assets", csv, 500);
const now = new Date(Date.now() + 9 * 3600 * 1000);	// Japan
const areas = ["organisational", "human", "technical", "physical"];
const lv = ["high", "mid", "low"], df = ["easy", "mid", "hard"];
csv = "area,measure,current,urgency,importance,difficulty,decision,deadline,owner,status\n";
for (let i = 0; i < 100; i++) {
	const m = now.getUTCMonth() + (i % 24);
	const dl = `${now.getUTCFullYear() + Math.floor(m / 12)}-${String(m % 12 + 1).padStart(2, "0")}`;
	csv += `${areas[i % 4]},対策${i + 1}：パスワードの管理を見直す,現状${i + 1},${lv[i % 3]},` +
	    `${lv[(i >> 1) % 3]},${df[(i >> 2) % 3]},yes,${dl},担当${i % 7},todo\n`;
}
await importCsv("plan", csv, 100);
const assets = `/o/${org}/r/assets`;
res = expect(await req("GET", assets, { headers: auth }), 200, "asset list");
if (!res.text.includes("資産"))
	throw new Error("the asset list shows no asset");
const planXlsx = `/o/${org}/r/plan/export.xlsx`;

// IT business continuity: 30 processes over the nine cells, 20 systems
// each used by two or three of them, 8 recovery steps a system (the five
// provisional ones and three permanent), 2 contacts for each damaged
// target, 5 assumed incidents.
csv = "name,importance,dependency,reentry_hours,owner,workaround\n";
for (let i = 0; i < 30; i++)
	csv += `業務${i + 1},${1 + (i % 3)},${1 + ((i >> 1) % 3)},${[4, 8, 24][i % 3]},責任者${i % 6},"紙の台帳と電話で続ける（${i + 1}）"\n`;
await importCsv("processes", csv, 30);
const listed = await fetch(`${base}/api/v1/orgs/${org}/processes`, { headers: auth, signal: AbortSignal.timeout(10_000) });
const pids = (await listed.json()).rows.map((r) => r.id);
if (pids.length !== 30)
	throw new Error(`the processes list shows ${pids.length} rows, expected 30`);
const media = ["nas", "external_disk", "cloud", "tape", "usb"];
const day = now.toISOString().slice(0, 10);
csv = "name,processes,copies,media,offline,offsite,offline_offsite,frequency_hours,last_restore_test,restore_result,restore_minutes\n";
for (let i = 0; i < 20; i++) {
	const uses = [pids[i % 30], pids[(i + 7) % 30], pids[(i + 13) % 30]].slice(0, 2 + (i % 2));
	const copies = 1 + (i % 4);
	csv += `システム${i + 1},"${uses.join(",")}",${copies},"${media.slice(0, 1 + (i % 3)).join(",")}",` +
	    `${Math.min(1, copies - 1)},${Math.min(1, copies - 1)},${i % 3 === 0 ? Math.min(1, copies - 1) : 0},` +
	    `${[6, 24, 168][i % 3]},${i % 5 === 0 ? "" : day},${i % 5 === 0 ? "" : "ok"},${i % 5 === 0 ? "" : 30 + 20 * (i % 7)}\n`;
}
await importCsv("systems", csv, 20);
const sids = (await (await fetch(`${base}/api/v1/orgs/${org}/systems`, { headers: auth, signal: AbortSignal.timeout(10_000) })).json()).rows.map((r) => r.id);
csv = "system,stage,step,action,owner,minutes\n";
for (const s of sids) {
	for (let k = 0; k <= 4; k++)
		csv += `${s},provisional,${k},仮の復旧の手順${k}：控えから戻して確かめる,${k === 2 && s % 4 === 0 ? "" : `担当${k}`},${15 + 10 * k}\n`;
	for (const k of [2, 4, 6])
		csv += `${s},permanent,${k},本格的な復旧の手順${k},情報システム担当,${60 * k}\n`;
}
await importCsv("recovery", csv, 160);
const targets = ["power", "hardware", "software", "network", "lines", "cloud_backup", "customers", "employees", "other"];
csv = "target,owner,company,person,phone,email,hours\n";
for (let i = 0; i < 18; i++)
	csv += `${targets[i % 9]},責任者${i},取引先${i}株式会社,担当${i},03-0000-${String(1000 + i)},t${i}@example.jp,平日9時〜18時\n`;
await importCsv("contacts", csv, 18);
csv = "kind,scenario,reason,layers\n";
for (const k of ["earthquake", "fire", "power_outage", "ransomware", "cloud_outage"])
	csv += `${k},想定する出来事（${k}）,受注から請求までが止まるため,"software,hardware"\n`;
await importCsv("disruptions", csv, 5);
// some steps have no owner (the document lists them first): made anyway
const bcpPdf = `/o/${org}/bcp/document.pdf?gaps=1`;
res = await fetch(`${base}${bcpPdf}`, { headers: auth, signal: AbortSignal.timeout(30_000) });
if (res.status !== 200 || (await res.arrayBuffer()).byteLength < 1000)
	throw new Error(`the BCP document: HTTP ${res.status}`);

// the board one-pager: 30 risks on the first assets, 3 open incidents
const threats = await (await fetch(`${base}/api/v1/catalogue/threats`, { headers: auth })).json();
const assetRows = (await (await fetch(`${base}/api/v1/orgs/${org}/assets`, { headers: auth })).json()).rows;
async function post(reg, body) {
	const r = await fetch(`${base}/api/v1/orgs/${org}/${reg}`, { method: "POST",
		headers: { ...auth, "content-type": "application/json" }, body: JSON.stringify(body),
		signal: AbortSignal.timeout(30_000) });
	if (r.status !== 201)
		throw new Error(`${reg}: HTTP ${r.status}: ${(await r.text()).slice(0, 300)}`);
}
for (let i = 0; i < 30; i++)
	await post("risks", { asset: assetRows[i % assetRows.length].id, threat: threats[i % threats.length].key,
		threat_level: 1 + (i % 3), vulnerability: 1 + ((i >> 1) % 3), vulnerability_note: "bench",
		treatment: ["reduce", "avoid", "transfer", "accept"][i % 4] });
for (let i = 0; i < 3; i++)
	await post("incidents", { kind: "leak", level: 2, status: "open", summary: `ベンチの事故${i}`,
		detected_at: `${new Date(Date.now() + 9 * 3600e3 - (i * 9 + 1) * 86400e3).toISOString().slice(0, 10)}T12:00+09:00`, personal: true, people: 10, sensitive: true });
const boardPdf = `/o/${org}/board.pdf`;

writeFileSync(join(out, "submit.txt"), lines.join("\n") + "\n");
writeFileSync(join(out, "urls.sh"), `RESULTS='${results}'\nFORM='${form}'\nROUND='${round}'\nREPORT='${roundPath}/report'\nASSETS='${assets}'\nPLAN_XLSX='${planXlsx}'\nBCP_PDF='${bcpPdf}'\nBOARD_PDF='${boardPdf}'\n`);
console.log(`bench: organisation ${org}, round ${round}, ${n} respondents with 25 answers each`);
