// The advisor's portfolio (issue 15): every client with its programme
// stage, next visit, overdue homework of both sides, latest score and its
// change, SECURITY ACTION stars, plan progress and late rows, open
// incidents and the follow-up six months after the last visit — each
// figure checked against the test's own computation after posting two
// rounds, plan rows, incidents, the principles, visits and homework; sort
// and filter by GET parameters; the CSV; the API; and who sees what (an
// advisor only their clients, the instance admin every organisation, a
// member of one organisation still sent to it from the home page).
import { test, before, after } from "node:test";
import { execFileSync } from "node:child_process";
import assert from "node:assert/strict";
import { startServer, Client, firstAdmin, makeOrg, csrfOf, cli, unescape, inviteUser } from "./lib.mjs";

let srv, admin, adv, staff, boss, A, B, C;
const tok = {};

const DAY = 86400000;
const dayOf = (ms) => new Date(ms + 9 * 3600000).toISOString().slice(0, 10);
const today = () => dayOf(Date.now());
const plus = (d, n) => new Date(Date.parse(d + "T00:00:00Z") + n * DAY).toISOString().slice(0, 10);
// "YYYY-MM" of today in Japan moved by n months
function month(n) {
	const [y, m] = today().split("-").map(Number);
	const k = y * 12 + (m - 1) + n;
	return `${Math.floor(k / 12)}-${String(k % 12 + 1).padStart(2, "0")}`;
}
// the same day six months on, or the last day of that month
function sixMonths(d) {
	let [y, m, dd] = d.split("-").map(Number);
	m += 6;
	if (m > 12) { m -= 12; y++; }
	const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
	return `${y}-${String(m).padStart(2, "0")}-${String(Math.min(dd, last)).padStart(2, "0")}`;
}
const POINTS = { yes: 4, partly: 2, no: 0, unknown: -1 };
function tenths(sum, n) {
	const mag = Math.abs(sum) * 10;
	let q = Math.floor(mag / n);
	if (2 * (mag - q * n) >= n) q++;
	return sum < 0 && q !== 0 ? -q : q;
}
const fmt = (t) => (t < 0 ? "-" : "") + `${Math.floor(Math.abs(t) / 10)}.${Math.abs(t) % 10}`;
const HEAD = "name,role," + Array.from({ length: 25 }, (_, i) => `q${i + 1}`).join(",");
const csvOf = (people) => [HEAD, ...people.map((p) => `${p.name},${p.role},${p.ans.join(",")}`)].join("\r\n") + "\r\n";
const scoreOf = (people) => tenths(people.reduce((s, p) => s + p.ans.reduce((t, a) => t + POINTS[a], 0), 0), people.length);
const dbsql = (q) => srv.db.startsWith("sqlite:")
	? execFileSync("sqlite3", [srv.db.slice(7), q], { encoding: "utf8" })
	: execFileSync("psql", [srv.db, "-qAt", "-c", q], { encoding: "utf8" });
const textOf = (html) => unescape(html.replace(/<[^>]+>/g, " ")).replace(/\s+/g, " ");

async function api(who, method, path, body, ctype = "application/json") {
	const res = await new Client(srv.base).req(method, path, {
		body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
		headers: { authorization: `Bearer ${tok[who]}`, "content-type": ctype },
	});
	let json = null;
	try { json = JSON.parse(res.text); } catch { /* not JSON */ }
	return { status: res.status, json, text: res.text, headers: res.headers };
}

// The rows of the portfolio table: org id → cells by class.
function rowsOf(html) {
	const out = [];
	for (const m of html.matchAll(/<tr data-org="(\d+)">([\s\S]*?)<\/tr>/g)) {
		const cells = {};
		for (const c of m[2].matchAll(/<td class="port-(\w+)[^"]*"[^>]*>([\s\S]*?)<\/td>/g))
			cells[c[1]] = textOf(c[2]).trim();
		out.push({ id: +m[1], ...cells });
	}
	return out;
}

const exp = {};	// what each client should show

before(async () => {
	srv = await startServer();
	admin = await firstAdmin(srv);
	C = await makeOrg(admin, { name: "白石商店" });
	adv = await inviteUser(admin, srv, C, "adv@example.jp", "member");
	staff = await inviteUser(admin, srv, C, "staff@example.jp", "member");
	assert.equal(cli(["user", "role", "adv@example.jp", "advisor", "--db", srv.db]).status, 0);
	A = await makeOrg(adv, { name: "あおぞら商事" });
	B = await makeOrg(adv, { name: "みどり工業" });
	boss = await inviteUser(admin, srv, A, "boss@example.jp", "org_admin");
	for (const e of ["adv", "admin"])
		tok[e] = cli(["user", "token", `${e}@example.jp`, "--db", srv.db]).stdout.trim();
});
after(async () => {
	if (process.env.SHOW_STDERR) console.error(srv?.stderr());
	await srv?.stop();
});

test("the figures of a client follow its rounds, plan, incidents, principles, visits and homework", async () => {
	// two rounds: the later one is the score, the earlier the previous
	const r1 = [{ name: "社長", role: "executive", ans: Array(25).fill("partly") },
		{ name: "事務", role: "employee", ans: Array(25).fill("no") }];
	const r2 = [{ name: "社長", role: "executive", ans: [...Array(20).fill("yes"), ...Array(5).fill("unknown")] },
		{ name: "事務", role: "employee", ans: [...Array(10).fill("yes"), ...Array(15).fill("partly")] },
		{ name: "営業", role: "manager", ans: Array(25).fill("partly") }];
	for (const [title, people] of [["第1回", r1], ["第2回", r2]]) {
		const round = (await api("adv", "POST", `/api/v1/orgs/${A}/rounds`, { title })).json.id;
		assert.equal((await api("adv", "POST", `/api/v1/rounds/${round}/answers`, csvOf(people), "text/csv")).status, 201);
		assert.equal((await api("adv", "POST", `/api/v1/rounds/${round}/close`)).status, 200);
	}
	exp.score = scoreOf(r2);
	exp.prev = scoreOf(r1);

	// plan rows: one done, one late, one not yet due, one dropped and late,
	// one due this month (not late until the month is over).  A deadline
	// cannot be set in the past: two are aged in the database, and the
	// next write works the figures out again.
	const rows = [
		{ area: "technical", measure: "バックアップを週1回とる", deadline: month(1), status: "done" },
		{ area: "human", measure: "全員で研修を受ける", deadline: month(1), status: "doing" },
		{ area: "organisational", measure: "基本方針を決める", deadline: month(2), status: "todo" },
		{ area: "technical", measure: "古いサーバーを止める", deadline: month(1), status: "dropped" },
	];
	const ids = [];
	for (const row of rows) {
		const res = await api("adv", "POST", `/api/v1/orgs/${A}/plan`, row);
		assert.equal(res.status, 201, res.text);
		ids.push(res.json.id);
	}
	for (const k of [1, 3])
		dbsql(`UPDATE reg_rows SET body = replace(body, '"deadline": "${month(1)}"', '"deadline": "${month(-2)}"') WHERE id = ${ids[k]}`);
	const last = await api("adv", "POST", `/api/v1/orgs/${A}/plan`, { area: "technical", measure: "パスワードの決まりを作る", deadline: month(0), status: "todo" });
	assert.equal(last.status, 201, last.text);
	exp.plan = { total: 5, done: 1, late: 1 };

	// incidents: two not closed, one closed
	const inc = [];
	for (const [status, summary] of [["open", "メールの誤送信"], ["contained", "ウイルスの警告"], ["closed", "古いパソコンの紛失"]]) {
		const res = await api("adv", "POST", `/api/v1/orgs/${A}/incidents`, { kind: "malware", summary, level: 1, status, detected_at: "2026-11-30T14:05+09:00" });
		assert.equal(res.status, 201, res.text);
		inc.push(res.json);
	}
	// deleting one moves the count as well
	const del = await api("adv", "DELETE", `/api/v1/orgs/${A}/incidents/${inc[1].id}?rev=${inc[1].rev}`);
	assert.ok(del.status === 200 || del.status === 204, del.text);
	exp.incidents = 1;

	// the five principles: one star (no policy yet)
	const sa = await adv.get(`/o/${A}/security-action`);
	const res = await adv.post(`/o/${A}/security-action`, { _csrf: csrfOf(sa.text), p_updates: "1", p_antivirus: "1", p_passwords: "1", p_sharing: "1", p_threats: "1" });
	assert.equal(res.status, 303, res.text.slice(0, 300));
	exp.stars = 1;

	// the programme: visit 1 held 200 days ago, homework of both sides
	const first = plus(today(), -200);
	assert.equal((await api("adv", "POST", `/api/v1/orgs/${A}/engagement`, { template: "four_visits", first_visit: first })).status, 201);
	const v1 = (await api("adv", "GET", `/api/v1/orgs/${A}/engagement/visits/1`)).json;
	const put = await api("adv", "PUT", `/api/v1/orgs/${A}/engagement/visits/1`, {
		rev: v1.rev, planned: first, held: first, attendees: "社長", mode: "on_site", notes: {}, decisions: "",
		homework: [{ side: "company", text: "機器の一覧を作る", due: plus(today(), -10) },
			{ side: "company", text: "方針の案を読む", due: plus(today(), -1) },
			{ side: "company", text: "研修の日を決める", due: today() },
			{ side: "advisor", text: "ひな形を送る", due: plus(today(), -3) },
			{ side: "advisor", text: "報告書を出す", due: plus(today(), 5) }],
	});
	assert.equal(put.status, 200, put.text);
	const eng = (await api("adv", "GET", `/api/v1/orgs/${A}/engagement`)).json;
	exp.A = { visits: 4, held: 1, next: eng.visits[1].planned, hwc: 2, hwa: 1, last: first, follow: sixMonths(first) };
	assert.ok(exp.A.follow <= today(), "six months after 200 days ago is past");

	// B: a one-visit programme held three days ago: finished, follow-up later
	const bday = plus(today(), -3);
	assert.equal((await api("adv", "POST", `/api/v1/orgs/${B}/engagement`, { template: "one_day", first_visit: bday })).status, 201);
	const b1 = (await api("adv", "GET", `/api/v1/orgs/${B}/engagement/visits/1`)).json;
	assert.equal((await api("adv", "PUT", `/api/v1/orgs/${B}/engagement/visits/1`, {
		rev: b1.rev, planned: bday, held: bday, attendees: "工場長", mode: "online", notes: {}, decisions: "", homework: [],
	})).status, 200);
	exp.B = { follow: sixMonths(bday) };

	// ---- the API ----
	const j = (await api("adv", "GET", "/api/v1/portfolio")).json;
	assert.equal(j.today, today());
	assert.deepEqual(j.clients.map((c) => c.id), [A, B], "by name: 青空 before 緑川; not 白石 (a member there, not its advisor)");
	const a = j.clients[0], b = j.clients[1];
	assert.equal(a.stage, "running");
	assert.deepEqual([a.visits, a.visits_held, a.next_visit, a.last_visit], [4, 1, exp.A.next, first]);
	assert.deepEqual(a.homework_overdue, { company: exp.A.hwc, advisor: exp.A.hwa });
	assert.equal(Math.round(a.score * 10), exp.score);
	assert.equal(Math.round(a.prev_score * 10), exp.prev);
	assert.equal(Math.round(a.change * 10), exp.score - exp.prev);
	assert.equal(a.stars, exp.stars);
	assert.deepEqual(a.plan, exp.plan);
	assert.equal(a.incidents_open, exp.incidents);
	assert.deepEqual([a.follow_up, a.follow_up_due], [exp.A.follow, true]);
	assert.deepEqual([b.stage, b.visits, b.visits_held, b.next_visit, b.score, b.prev_score, b.change, b.stars],
		["finished", 1, 1, null, null, null, null, 0]);
	assert.deepEqual(b.plan, { done: 0, total: 0, late: 0 });
	assert.deepEqual([b.follow_up, b.follow_up_due], [exp.B.follow, false]);

	// ---- the page ----
	const page = await adv.get("/portfolio");
	assert.equal(page.status, 200);
	const [pa, pb] = rowsOf(page.text);
	assert.equal(pa.id, A);
	assert.equal(pa.name, "あおぞら商事");
	assert.equal(pa.stage, `訪問1回済み（全4回）`);
	assert.equal(pa.next, exp.A.next);
	assert.equal(pa.overdue, `会社${exp.A.hwc}件・支援者${exp.A.hwa}件`);
	assert.equal(pa.score, fmt(exp.score));
	assert.equal(pa.change, (exp.score > exp.prev ? "+" : "") + fmt(exp.score - exp.prev));
	assert.equal(pa.stars, String(exp.stars));
	assert.equal(pa.plan, `5件中1件完了`);
	assert.equal(pa.late, "1");
	assert.equal(pa.incidents, "1");
	assert.equal(pa.follow, `${exp.A.follow}から時期が来ている`);
	assert.equal(pb.stage, "全訪問を終えた");
	assert.equal(pb.follow, `${exp.B.follow}から`);
	assert.match(page.text, /<td class="port-name"[^>]*data-label="組織"/, "each cell labelled for the phone's cards");
});

test("sort and filter with GET parameters, in the page, the CSV and the API", async () => {
	const ids = async (q) => (await api("adv", "GET", `/api/v1/portfolio${q}`)).json.clients.map((c) => c.id);
	assert.deepEqual(await ids("?sort=name&dir=desc"), [B, A]);
	assert.deepEqual(await ids("?sort=name"), [A, B]);
	assert.deepEqual(await ids("?sort=score&dir=desc"), [A, B]);
	assert.deepEqual(await ids("?sort=score&dir=asc"), [A, B], "no score is last either way");
	assert.deepEqual(await ids("?sort=follow_up&dir=desc"), [B, A]);
	assert.deepEqual(await ids("?stage=finished"), [B]);
	assert.deepEqual(await ids("?stage=running"), [A]);
	assert.deepEqual(await ids("?stage=none"), []);
	assert.deepEqual(await ids("?overdue=1"), [A]);
	assert.deepEqual(await ids("?follow=1"), [A]);
	assert.deepEqual(await ids(`?q=${encodeURIComponent("みどり")}`), [B]);
	const page = await adv.get(`/portfolio?stage=finished&sort=name&dir=asc`);
	assert.deepEqual(rowsOf(page.text).map((r) => r.id), [B]);
	assert.match(page.text, /<option value="finished" selected="">/);
	assert.match(textOf(page.text), /2社中1社|1 of 2|1社を表示中（全2社）/);
	// the headings sort: the current one turns round
	assert.match(unescape(page.text), /href="\/portfolio\?sort=name&dir=desc&stage=finished"/);
	const none = await adv.get(`/portfolio?q=${encodeURIComponent("ない名前")}`);
	assert.match(textOf(none.text), /条件に合う担当先はありません/);
});

test("the CSV: UTF-8 with a BOM, a header row, the same figures", async () => {
	const res = await adv.get("/portfolio.csv?sort=name&dir=asc");
	assert.equal(res.status, 200);
	assert.match(res.headers.get("content-type"), /^text\/csv/);
	assert.match(res.headers.get("content-disposition"), /attachment/);
	const raw = await fetch(srv.base + "/portfolio.csv?sort=name&dir=asc", { headers: { cookie: adv.cookieHeader() } });
	const bytes = Buffer.from(await raw.arrayBuffer());
	assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], "UTF-8 BOM for Excel");
	const lines = bytes.subarray(3).toString("utf8").trim().split("\r\n");
	const head = lines[0].split(",");
	assert.deepEqual(head, ["id", "name", "stage", "visits_held", "visits", "next_visit", "homework_overdue_company",
		"homework_overdue_advisor", "score", "prev_score", "change", "stars", "plan_done", "plan_total", "plan_late",
		"incidents_open", "last_visit", "follow_up", "follow_up_due"]);
	assert.equal(lines.length, 3);
	const a = Object.fromEntries(lines[1].split(",").map((v, i) => [head[i], v]));
	assert.deepEqual(a, {
		id: String(A), name: "あおぞら商事", stage: "running", visits_held: "1", visits: "4", next_visit: exp.A.next,
		homework_overdue_company: String(exp.A.hwc), homework_overdue_advisor: String(exp.A.hwa),
		score: fmt(exp.score), prev_score: fmt(exp.prev), change: fmt(exp.score - exp.prev), stars: "1",
		plan_done: "1", plan_total: "5", plan_late: "1", incidents_open: "1", last_visit: exp.A.last,
		follow_up: exp.A.follow, follow_up_due: "1",
	});
	const b = Object.fromEntries(lines[2].split(",").map((v, i) => [head[i], v]));
	assert.deepEqual([b.name, b.stage, b.score, b.prev_score, b.change, b.follow_up_due], ["みどり工業", "finished", "", "", "", "0"]);
});

test("reopening the latest round takes its score away; closing it again brings it back", async () => {
	const rounds = (await api("adv", "GET", `/api/v1/orgs/${A}/rounds`)).json;
	const list = rounds.rounds ?? rounds;
	const latest = Math.max(...list.map((r) => r.id));
	const page = await boss.get(`/o/${A}/rounds/${latest}`);
	let res = await boss.post(`/o/${A}/rounds/${latest}/reopen`, { _csrf: csrfOf(page.text) });
	assert.equal(res.status, 303, res.text.slice(0, 200));
	let a = (await api("adv", "GET", "/api/v1/portfolio")).json.clients.find((c) => c.id === A);
	assert.deepEqual([a.score, a.prev_score, a.stars], [null, null, 1], "no closed round speaks for it now; one star needs none");
	assert.equal((await api("adv", "POST", `/api/v1/rounds/${latest}/close`)).status, 200);
	a = (await api("adv", "GET", "/api/v1/portfolio")).json.clients.find((c) => c.id === A);
	assert.deepEqual([Math.round(a.score * 10), Math.round(a.prev_score * 10), a.stars], [exp.score, exp.prev, 1]);
});

// The policy's edit form as the browser would post it, every empty field
// filled.
function policyForm(html) {
	const v = { _csrf: csrfOf(html) };
	for (const m of html.matchAll(/<input type="(?:text|date|hidden)" [^>]*name="([^"]+)" value="([^"]*)"/g)) v[m[1]] = unescape(m[2]);
	for (const m of html.matchAll(/<input type="(?:text|date)" id="[^"]*" name="([^"]+)"(?! value)/g)) v[m[1]] ??= "";
	for (const m of html.matchAll(/<textarea [^>]*name="([^"]+)"[^>]*>([^<]*)<\/textarea>/g)) v[m[1]] = unescape(m[2]);
	const scope = html.match(/name="scope" value="([a-z]+)" checked/);
	if (scope) v.scope = scope[1];
	for (const k of Object.keys(v)) if (v[k] === "") v[k] = "記入済み";
	v.enacted = today();
	return v;
}

test("an approved and published policy makes the second star; unpublishing takes it back", async () => {
	const stars = async () => (await api("adv", "GET", "/api/v1/portfolio")).json.clients.find((c) => c.id === A).stars;
	assert.equal(await stars(), 1);
	const form = await boss.get(`/o/${A}/policy/edit`);
	assert.equal((await boss.post(`/o/${A}/policy/edit`, policyForm(form.text))).status, 303);
	let page = await boss.get(`/o/${A}/policy`);
	let res = await boss.post(`/o/${A}/policy/approve`, { _csrf: csrfOf(page.text), version: "1" });
	assert.equal(res.status, 303, res.text.slice(0, 300));
	assert.equal(await stars(), 1, "approved, not yet published");
	res = await boss.post(`/o/${A}/policy/publish`, { _csrf: csrfOf(page.text), slug: "aozora-hoshin" });
	assert.equal(res.status, 303, res.text.slice(0, 300));
	assert.equal(await stars(), 2);
	page = await boss.get(`/o/${A}/policy`);
	res = await boss.post(`/o/${A}/policy/unpublish`, { _csrf: csrfOf(page.text) });
	assert.equal(res.status, 303);
	assert.equal(await stars(), 1);
});

test("who sees what: the advisor their clients, the instance admin all, a member is sent to their organisation", async () => {
	const all = (await api("admin", "GET", "/api/v1/portfolio")).json.clients.map((c) => c.id);
	assert.deepEqual(all.sort((x, y) => x - y), [A, B, C].sort((x, y) => x - y));
	const ap = await admin.get("/portfolio");
	assert.equal(rowsOf(ap.text).length, 3);
	const home = await staff.get("/");
	assert.equal(home.status, 303);
	assert.match(home.location, new RegExp(`/o/${C}$`));
	assert.equal((await staff.get("/portfolio")).status, 403);
	assert.equal((await staff.get("/portfolio.csv")).status, 403);
	const tokStaff = cli(["user", "token", "staff@example.jp", "--db", srv.db]).stdout.trim();
	const r = await new Client(srv.base).req("GET", "/api/v1/portfolio", { headers: { authorization: `Bearer ${tokStaff}` } });
	assert.equal(r.status, 403);
	assert.equal((await new Client(srv.base).get("/portfolio")).status, 303, "signed out: to the sign-in page");
	const advHome = await adv.get("/");
	assert.equal(advHome.status, 200);
	assert.match(advHome.text, /href="\/portfolio"/);
	// the home page's cards carry the same figures for the clients, and
	// none for the company where the advisor is only a member
	const card = (html, id) => textOf(html.match(new RegExp(`<li class="org-card" data-org="${id}">([\\s\\S]*?)</li>`))[1]);
	const ca = card(advHome.text, A);
	assert.ok(ca.includes("支援の段階 訪問1回済み（全4回）"), ca);
	assert.ok(ca.includes(`次の訪問日 ${exp.A.next}`), ca);
	assert.ok(ca.includes(`期限を過ぎた宿題 会社${exp.A.hwc}件・支援者${exp.A.hwa}件`), ca);
	assert.ok(ca.includes(`前回との差 ${exp.score > exp.prev ? "+" : ""}${fmt(exp.score - exp.prev)}`), ca);
	assert.ok(ca.includes("計画の進み具合 5件中1件完了 遅れている計画 1"), ca);
	assert.ok(ca.includes("対応中のインシデント 1"), ca);
	assert.ok(ca.includes(`フォローアップ ${exp.A.follow}から時期が来ている`), ca);
	assert.ok(card(advHome.text, B).includes(`フォローアップ ${exp.B.follow}から`));
	assert.ok(!card(advHome.text, C).includes("支援の段階"), "not a client");
	assert.ok(card((await admin.get("/")).text, C).includes("支援の段階 支援なし"), "the instance admin sees every organisation's");
});
