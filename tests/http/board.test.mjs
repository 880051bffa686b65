// The board one-pager (issue 16): GET /o/{org}/board.pdf.  Rounds,
// risks, plan rows, processes, systems, recovery steps and incidents go
// in through the API; every figure the page prints (as pdftotext reads
// it) is checked against this file's own computation from the data it
// sent: the scores of the last closed rounds (SPEC §2 points, means in
// tenths half away from zero), the peer percentile (below + half the
// ties, of the others), the stars, the five highest risks in order with
// their treatment, done / total and late plan rows, S processes without a
// tested backup and RTO misses, open incidents and the next report
// deadlines.  It stays one A4 page with long names, 30 plan rows and
// several incidents.  KEEP=1 keeps the PDFs and a page image.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer, firstAdmin, makeOrg, cli, csrfOf, Client, inviteUser } from "./lib.mjs";

const dir = mkdtempSync(join(tmpdir(), "mamori-board-"));
let srv, admin, auth, org;
before(async () => {
	srv = await startServer();
	admin = await firstAdmin(srv);
	auth = { authorization: `Bearer ${cli(["user", "token", "admin@example.jp", "--db", srv.db]).stdout.trim()}` };
	org = await makeOrg(admin, { name: "一枚報告テスト株式会社" });
});
after(async () => { await srv?.stop(); if (process.env.KEEP) console.error(`kept ${dir}`); else rmSync(dir, { recursive: true, force: true }); });

const api = async (m, p, body, type = "application/json") => {
	const res = await new Client(srv.base).req(m, p, { body: body === undefined ? undefined : type === "application/json" ? JSON.stringify(body) : body, headers: { ...auth, "content-type": type } });
	assert.ok(res.status < 300, `${m} ${p}: ${res.status} ${res.text}`);
	return res.text ? JSON.parse(res.text) : null;
};
let nfile = 0;
async function board(o = org, c = admin) {
	const res = await fetch(`${srv.base}/o/${o}/board.pdf`, { headers: { cookie: c.cookieHeader() } });
	assert.equal(res.status, 200);
	assert.equal(res.headers.get("content-type"), "application/pdf");
	assert.match(res.headers.get("content-disposition") ?? "", /attachment/);
	const file = join(dir, `board-${++nfile}.pdf`);
	writeFileSync(file, Buffer.from(await res.arrayBuffer()));
	const text = execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
	const pages = +execFileSync("pdfinfo", [file], { encoding: "utf8" }).match(/Pages:\s+(\d+)/)[1];
	if (process.env.KEEP) execFileSync("pdftoppm", ["-r", "60", "-png", file, join(dir, `board-${nfile}`)]);
	return { text, pages, flat: text.replace(/\s+/g, " ") };
}

// ---- independent arithmetic ----
const POINTS = { yes: 4, partly: 2, no: 0, unknown: -1 };
function tenths(sum, n) {
	if (n <= 0) return 0;
	const mag = Math.abs(sum) * 10;
	let q = Math.floor(mag / n);
	if (2 * (mag - q * n) >= n) q++;
	return sum < 0 && q !== 0 ? -q : q;
}
const divRound = (num, den) => { let q = Math.floor(num / den); if (2 * (num - q * den) >= den) q++; return q; };
const fmt = (t) => (t < 0 ? "-" : "") + `${Math.floor(Math.abs(t) / 10)}.${Math.abs(t) % 10}`;
const score = (ans) => ans.reduce((s, a) => s + POINTS[a], 0);
const company = (people) => tenths(people.reduce((s, p) => s + score(p.ans), 0), people.length);
const HEAD = "name,role," + Array.from({ length: 25 }, (_, i) => `q${i + 1}`).join(",");
const csvOf = (people) => [HEAD, ...people.map((p) => `${p.name},${p.role},${p.ans.join(",")}`)].join("\r\n") + "\r\n";
const person = (name, k) => ({ name, role: ["executive", "manager", "employee"][k % 3], ans: Array.from({ length: 25 }, (_, i) => ["yes", "partly", "no", "unknown"][(i * (k + 1) + k) % 4]) });
async function closedRound(o, people) {
	const r = await api("POST", `/api/v1/orgs/${o}/rounds`, {});
	await api("POST", `/api/v1/rounds/${r.id}/answers`, csvOf(people), "text/csv");
	await api("POST", `/api/v1/rounds/${r.id}/close`);
	return r.id;
}
// days in Japan
const jst = (ms = Date.now()) => new Date(ms + 9 * 3600e3);
const dayOf = (d) => d.toISOString().slice(0, 10);
const today = () => dayOf(jst());
const addDays = (day, n) => dayOf(new Date(Date.parse(`${day}T00:00Z`) + n * 86400e3));
const daysBetween = (a, b) => Math.round((Date.parse(`${b}T00:00Z`) - Date.parse(`${a}T00:00Z`)) / 86400e3);
const monthEnd = (ym) => { const [y, m] = ym.split("-").map(Number); return `${ym}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, "0")}`; };
const monthAdd = (n) => { const d = jst(); const t = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, 1)); return t.toISOString().slice(0, 7); };

test("an organisation with nothing yet: one page, each block says what to do first, the estimate's path", async () => {
	const b = await board();
	assert.equal(b.pages, 1);
	assert.match(b.flat, /経営者向け一枚報告/);
	assert.match(b.flat, /締め切った診断がまだありません/);
	assert.match(b.flat, /締め切った診断がないため、比べられません/);
	assert.match(b.flat, /準備ができている星の数: 0/);
	assert.match(b.flat, /5つの基本のうち、できていると記録したもの: 0 \/ 5/);
	assert.match(b.flat, /リスクはまだ登録されていません/);
	assert.match(b.flat, /対策計画はまだありません/);
	assert.match(b.flat, /対応中のインシデント: 0件/);
	assert.match(b.flat, new RegExp(`損害の見積もりはまだありません。見積もりを作る: ${srv.base}/o/${org}/estimate`));
	assert.equal((b.text.match(/▶ 次の一手/g) ?? []).length, 8, "one line of advice a block");
});

let rounds = [];
test("the score of the latest closed round and its trend; the peer position once 5 companies have one", async () => {
	// six closed rounds and one open: the last five closed are shown
	const sets = [1, 2, 3, 4, 5, 6].map((n) => Array.from({ length: n }, (_, k) => person(`r${n}-${k}`, k + n)));
	for (const people of sets) rounds.push({ id: await closedRound(org, people), score: company(people) });
	const open = await api("POST", `/api/v1/orgs/${org}/rounds`, {});
	await api("POST", `/api/v1/rounds/${open.id}/answers`, csvOf([person("open", 9)]), "text/csv");
	let b = await board();
	const shown = rounds.slice(-5).map((r) => fmt(r.score));
	const at = shown.map((s) => b.flat.indexOf(` ${s} `));
	assert.ok(at.every((x) => x >= 0), `scores ${shown} in ${b.flat.slice(0, 400)}`);
	assert.ok(!b.flat.includes(`最新の点数（100点満点）: ${fmt(rounds[0].score)} `) || rounds[0].score === rounds[5].score);
	assert.match(b.flat, new RegExp(`最新の点数（100点満点）: ${fmt(rounds[5].score).replace(".", "\\.")}`));
	// the first shown, in a row before the others
	assert.ok(at[0] < at[4] || shown[0] === shown[4]);
	// alone: not enough companies
	assert.match(b.flat, /比べられる会社がまだ5社に満たないため、表示しません/);
	// four more companies of the same cohort, one respondent each
	const scores = [rounds[5].score];
	for (let k = 0; k < 4; k++) {
		const o = await makeOrg(admin, { name: `比較用${k}株式会社` });
		const people = [person(`peer${k}`, 3 * k + 1)];
		await closedRound(o, people);
		scores.push(company(people));
	}
	const me = scores[0], others = scores.slice(1);
	const below = others.filter((s) => s < me).length, ties = others.filter((s) => s === me).length;
	const pct = divRound((2 * below + ties) * 1000, 2 * others.length);
	b = await board();
	assert.match(b.flat, new RegExp(`自社より点数が低い会社の割合: ${fmt(pct).replace(".", "\\.")}%・比べた会社の数（自社を含む）: 5`));
});

test("SECURITY ACTION: stars and what is missing for the next", async () => {
	const page = await admin.get(`/o/${org}/security-action`);
	const form = { _csrf: csrfOf(page.text) };
	for (const p of ["updates", "antivirus", "passwords", "sharing", "threats"]) form[`p_${p}`] = "1";
	assert.equal((await admin.post(`/o/${org}/security-action`, form)).status, 303);
	const want = JSON.parse((await admin.get(`/api/v1/orgs/${org}/security-action`)).text);
	assert.equal(want.one_star.ready, true);
	assert.deepEqual(want.two_star.missing, ["policy", "policy_published"]);
	const b = await board();
	assert.match(b.flat, /準備ができている星の数: 1/);
	assert.match(b.flat, /二つ星に足りないもの: 基本方針の決定/);
	assert.doesNotMatch(b.flat, /締め切った自己診断/, "the diagnosis is there");
});

// A deadline in the past cannot be written through the app (it refuses a
// month before this one): the rows are written ahead and moved back in the
// database, as tests/http/portfolio.test.mjs does.
const dbsql = (q) => srv.db.startsWith("sqlite:")
	? execFileSync("sqlite3", [srv.db.slice(7), q], { encoding: "utf8" })
	: execFileSync("psql", [srv.db, "-qAt", "-c", q], { encoding: "utf8" });
const LONG = (k) => `R${k}番の資産` + "顧客台帳と見積書の控え".repeat(10).slice(0, 100 - `R${k}番の資産`.length);
test("the five highest risks with their treatment; plan progress with late rows; one page with long names", async () => {
	const threats = await api("GET", "/api/v1/catalogue/threats");
	const TREAT = { reduce: "低減（対策で小さくする）", avoid: "回避（その業務や情報の持ち方をやめる）", transfer: "移転（保険や専門業者に任せる）", accept: "受容（このまま受け入れる）" };
	const made = [];
	for (let k = 0; k < 7; k++) {
		const asset = await api("POST", `/api/v1/orgs/${org}/assets`, { name: LONG(k), c: 1 + (k % 3), i: 1 + ((k + 1) % 3), a: 2 });
		assert.equal(asset.name.length, 100);
		const body = { asset: asset.id, threat: threats[k].key, threat_level: 1 + (k % 3), vulnerability: 1 + ((k * 2) % 3), vulnerability_note: "テストで決めた値" };
		const tk = ["reduce", "avoid", "transfer", "accept", null][k % 5];
		if (tk) body.treatment = tk;
		const row = await api("POST", `/api/v1/orgs/${org}/risks`, body);
		made.push({ k, id: row.id, value: row.value, threat: threats[k].label, treatment: tk ? TREAT[tk] : "未定" });
	}
	const top = [...made].sort((a, b) => b.value - a.value || a.id - b.id).slice(0, 5);
	// 30 plan rows: a third done; two dropped and eight open past their month; ten open ahead
	const past = monthAdd(-2), soon = monthAdd(1), ahead = monthAdd(3);
	const rows = [];
	for (let i = 0; i < 30; i++) {
		const status = i % 3 === 0 ? "done" : i % 3 === 1 ? (i < 6 ? "dropped" : "todo") : "doing";
		const deadline = i % 3 === 2 ? ahead : past;
		rows.push({ status, deadline });
		const row = await api("POST", `/api/v1/orgs/${org}/plan`, { area: "technical", measure: `対策${i}番 ` + "パスワードを長くする".repeat(8), status, deadline: deadline === past ? soon : deadline });
		if (deadline === past)
			dbsql(`UPDATE reg_rows SET body = replace(body, '"deadline": "${soon}"', '"deadline": "${past}"') WHERE id = ${row.id}`);
	}
	const done = rows.filter((r) => r.status === "done").length;
	const late = rows.filter((r) => r.status !== "done" && r.status !== "dropped" && monthEnd(r.deadline) < today()).length;
	const b = await board();
	assert.equal(b.pages, 1, "one page with long names and 30 plan rows");
	// the risks in order, each with its value and treatment on its line
	const lines = b.text.split("\n");
	let last = -1;
	for (const t of top) {
		const i = lines.findIndex((l) => l.includes(`R${t.k}番の資産`));
		assert.ok(i > last, `risk R${t.k} in order`);
		last = i;
		assert.match(`${lines[i]} `, new RegExp(`${t.threat.slice(0, 2)}.*\\s${t.value}\\s`), `value of R${t.k}`);
		assert.ok(lines.slice(i - 1, i + 2).join(" ").includes(t.treatment.slice(0, 4)), `treatment of R${t.k}: ${lines[i]}`);
		assert.ok(lines.slice(i - 1, i + 2).join(" ").includes(t.threat.slice(0, 4)), `threat of R${t.k}: ${lines[i]}`);
	}
	for (const m of made.filter((x) => !top.includes(x)))
		assert.ok(!b.text.includes(`R${m.k}番の資産`), `R${m.k} is not in the top five`);
	assert.match(b.flat, /登録されている7件のうち、リスク値の高い5件です/);
	assert.match(b.flat, new RegExp(`完了 ${done} / 30件・期限切れ ${late}件`));
	assert.equal(late, 8);
	assert.match(b.flat, /対策7番/, "the first late rows are named");
});

test("BCP readiness: S processes without a tested backup and RTO misses", async () => {
	const P = [["受注", 3, 3], ["出荷", 3, 3], ["請求", 3, 3], ["給与", 2, 3], ["社内報", 1, 1]];
	const procs = {};
	for (const [name, importance, dependency] of P)
		procs[name] = await api("POST", `/api/v1/orgs/${org}/processes`, { name, importance, dependency, owner: "総務" });
	const day = today(), old = addDays(day, -400);
	const S = [
		// tested today, restores in 10 hours: too slow for S
		{ name: "販売管理", processes: ["受注"], copies: 3, media: ["nas", "cloud"], offline: 1, offsite: 1, offline_offsite: 1, last_restore_test: day, restore_result: "ok", restore_minutes: 600 },
		// never tested
		{ name: "出荷システム", processes: ["出荷"], copies: 3, media: ["nas", "cloud"], offline: 1, offsite: 1, offline_offsite: 1 },
		// tested long ago, fast
		{ name: "会計", processes: ["請求", "給与"], copies: 2, media: ["nas"], offline: 0, offsite: 0, offline_offsite: 0, last_restore_test: old, restore_result: "ok", restore_minutes: 30 },
		// fine, but slow provisional steps for 給与
		{ name: "給与ソフト", processes: ["給与"], copies: 3, media: ["nas", "cloud"], offline: 1, offsite: 1, offline_offsite: 1, last_restore_test: day, restore_result: "ok", restore_minutes: 10 },
	];
	const sys = {};
	for (const s of S) sys[s.name] = await api("POST", `/api/v1/orgs/${org}/systems`, { ...s, processes: s.processes.map((p) => procs[p].id) });
	await api("POST", `/api/v1/orgs/${org}/recovery`, { system: sys["給与ソフト"].id, stage: "provisional", step: 1, action: "予備機を出す", minutes: 5000 });
	// independently: the rules of docs/user/board.md
	const untested = (s) => s.copies < 2 || !s.last_restore_test || daysBetween(s.last_restore_test, day) > 365 || s.restore_result !== "ok";
	const steps = { "給与ソフト": 5000 };
	const sOut = [], miss = [];
	let sTotal = 0;
	for (const [name] of P) {
		const p = procs[name];
		const used = S.filter((s) => s.processes.includes(name));
		if (p.priority === "s") {
			sTotal++;
			if (used.some(untested)) sOut.push(name);
		}
		if (p.rto_hours != null && used.some((s) => (s.last_restore_test && s.restore_minutes > p.rto_hours * 60) || (steps[s.name] ?? 0) > p.rto_hours * 60))
			miss.push(name);
	}
	assert.ok(sTotal >= 3 && sOut.length >= 1 && miss.length >= 1, JSON.stringify({ sTotal, sOut, miss }));
	const b = await board();
	assert.match(b.flat, new RegExp(`最優先（S）の業務 ${sTotal}件のうち、確かめたバックアップがないもの: ${sOut.length}件 \\(${sOut.join("・")}\\)`));
	assert.match(b.flat, new RegExp(`目標の復旧時間に間に合わない業務: ${miss.length}件 \\(${miss.join("・")}\\)`));
	assert.equal(b.pages, 1);
});

test("open incidents and the next report deadlines, soonest first; still one page", async () => {
	const day = today();
	const at = (d) => `${d}T12:00+09:00`;
	const inc = [
		{ summary: "顧客名簿の流出", aware: addDays(day, -2), status: "open" },
		{ summary: "見積書の誤送信", aware: addDays(day, -10), status: "contained" },
		{ summary: "健康診断票の紛失", aware: addDays(day, -40), status: "open" },
		{ summary: "済んだ件", aware: addDays(day, -3), status: "closed", personal: false },
	];
	for (const x of inc)
		await api("POST", `/api/v1/orgs/${org}/incidents`, { kind: "leak", level: 2, status: x.status, summary: x.summary,
			detected_at: at(x.aware), aware_at: at(x.aware), personal: x.personal ?? true, people: 5, sensitive: x.personal ?? true });
	// the preliminary report by the 5th day after, then the final by the 30th counting the first
	const due = inc.filter((x) => x.status !== "closed").map((x) => {
		const prelim = addDays(x.aware, 5), fin = addDays(x.aware, 29);
		const pl = daysBetween(day, prelim);
		return pl >= 0 ? { x, kind: "速報の期限", day: prelim, left: pl } : { x, kind: "確報の期限", day: fin, left: daysBetween(day, fin) };
	}).sort((a, b) => a.left - b.left);
	const b = await board();
	assert.equal(b.pages, 1, "one page with 5 long risks, 30 plan rows and 3 open incidents");
	assert.match(b.flat, /対応中のインシデント: 3件/);
	let last = -1;
	for (const d of due) {
		const words = d.left < 0 ? `${-d.left}日過ぎています` : d.left === 0 ? "今日まで" : `あと${d.left}日`;
		const i = b.flat.indexOf(`${d.x.summary}: ${d.kind} ${d.day} (${words})`);
		assert.ok(i > last, `${d.x.summary}: ${d.kind} ${d.day} (${words}) in order`);
		last = i;
	}
	assert.ok(!b.flat.includes("済んだ件"));
	assert.match(b.flat, /報告の期限を過ぎています/, "the advice follows the overdue one");
});

test("members read it; another organisation's is not theirs; English", async () => {
	const m = await inviteUser(admin, srv, org, "member@example.jp", "member");
	const b = await board(org, m);
	assert.equal(b.pages, 1);
	const other = await makeOrg(admin, { name: "よその会社" });
	const res = await fetch(`${srv.base}/o/${other}/board.pdf`, { headers: { cookie: m.cookieHeader() } });
	assert.ok(res.status === 403 || res.status === 404, String(res.status));
	// in English, for a reader who chose it
	await m.get("/lang/en?next=%2F");
	const en = await board(org, m);
	assert.equal(en.pages, 1);
	assert.match(en.flat, /One page for the board/);
	assert.match(en.flat, /Open incidents: 3/);
	assert.match(en.flat, /Done 10 of 30, late 8/);
	// the home offers it
	const home = await admin.get(`/o/${org}`);
	assert.match(home.text, new RegExp(`href="/o/${org}/board.pdf"`));
});

test("the worst saved estimate: its total, its name and its share of the sales it was made with", async () => {
	const o = await makeOrg(admin, { name: "見積り工業株式会社" });
	// two estimates; the larger is the worst whichever was saved last
	const big = await api("POST", `/api/v1/orgs/${o}/estimates`, { name: "通販サイトからの漏えい", preset: "retailer-leak", sales: "500000000", staff: "12", records: "20000", days: "10" });
	const small = await api("POST", `/api/v1/orgs/${o}/estimates`, { name: "工場の停止", preset: "manufacturer-ransomware" });
	assert.ok(big.total_yen > small.total_yen, `${big.total_yen} > ${small.total_yen}`);
	const b = await board(o);
	assert.equal(b.pages, 1);
	const yen = `¥${big.total_yen.toLocaleString("en-US")}`;
	assert.ok(b.flat.includes(`${yen} (通販サイトからの漏えい)`), b.flat.slice(0, 3000));
	// share: total / sales in percent, two decimals at most, no trailing zeros
	const pct = (Math.round(big.total_yen * 1e6 / 500000000) / 1e4).toFixed(2).replace(/\.?0+$/, "");
	assert.ok(b.flat.includes(`売上に占める割合: ${pct}%`), `share ${pct}% in ${b.flat.slice(0, 3000)}`);
	assert.doesNotMatch(b.flat, /損害の見積もりはまだありません/);
});
