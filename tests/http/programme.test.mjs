// The advisor's programme with a client (issue 15): who may open it (the
// organisation's advisor; its admin and members read, the admin ticks the
// company's homework; an advisor who is not the company's is refused with
// the reason), the visits planned from the first with the template's gap,
// a visit's record with its refusals (a day before the previous visit,
// homework without a due date) and its stale save, overdue homework of
// both sides at the top, the deliverables' states, the implementation
// report PDF, the API, and a walk of every new route as each role.  Every
// day the test reads is its own computation from today in Japan.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer, Client, firstAdmin, makeOrg, csrfOf, cli, unescape, inviteUser } from "./lib.mjs";

const dir = mkdtempSync(join(tmpdir(), "mamori-programme-"));
let srv, admin, boss, adv, staff, other, outsider, org, orgB;
const tok = {};

// Days as the test computes them: today in Japan, and day ± n.
const DAY = 86400000;
const dayOf = (ms) => new Date(ms + 9 * 3600000).toISOString().slice(0, 10);
const today = () => dayOf(Date.now());
const plus = (d, n) => new Date(Date.parse(d + "T00:00:00Z") + n * DAY).toISOString().slice(0, 10);
const textOf = (html) => unescape(html.replace(/<[^>]+>/g, " ")).replace(/\s+/g, " ");
const P = () => `/o/${org}/programme`;

before(async () => {
	srv = await startServer();
	admin = await firstAdmin(srv);
	org = await makeOrg(admin, { name: "みどり建設株式会社" });
	boss = await inviteUser(admin, srv, org, "boss@example.jp", "org_admin");
	adv = await inviteUser(admin, srv, org, "adv@example.jp", "advisor");
	staff = await inviteUser(admin, srv, org, "staff@example.jp", "member");
	// an advisor by trade who is only a member of this company
	other = await inviteUser(admin, srv, org, "other@example.jp", "member");
	assert.equal(cli(["user", "role", "other@example.jp", "advisor", "--db", srv.db]).status, 0);
	// the advisor of another company, a stranger to this one
	orgB = await makeOrg(admin, { name: "別の会社" });
	outsider = await inviteUser(admin, srv, orgB, "outsider@example.jp", "advisor");
	for (const e of ["adv", "boss", "staff", "other", "outsider"])
		tok[e] = cli(["user", "token", `${e}@example.jp`, "--db", srv.db]).stdout.trim();
});
after(async () => {
	if (process.env.SHOW_STDERR) console.error(srv?.stderr());
	await srv?.stop();
	rmSync(dir, { recursive: true, force: true });
});

async function api(who, method, path, body) {
	const res = await new Client(srv.base).req(method, path, {
		body: body === undefined ? undefined : JSON.stringify(body),
		headers: { authorization: `Bearer ${tok[who]}`, "content-type": "application/json" },
	});
	let json = null;
	try { json = JSON.parse(res.text); } catch { /* not JSON */ }
	return { status: res.status, json, text: res.text };
}

const first = plus(today(), -30);	// visit 1, a month ago

test("before it is opened: the advisor gets the form, the others are told who starts it", async () => {
	const a = await adv.get(P());
	assert.equal(a.status, 200);
	assert.match(textOf(a.text), /まだ始まっていません/);
	assert.match(a.text, /name="first_visit"/);
	assert.match(a.text, /4回の訪問で進める支援/);
	assert.match(a.text, /1回の訪問で進める支援/);
	assert.match(a.text, /aria-current="page"[^>]*>支援プログラム|>支援プログラム<\/a>/, "a tab in the subnav");
	for (const c of [boss, staff]) {
		const t = await c.get(P());
		assert.equal(t.status, 200);
		assert.match(textOf(t.text), /この会社の支援者が始めます/);
		assert.doesNotMatch(t.text, /name="first_visit"/);
	}
	const g = await api("staff", "GET", `/api/v1/orgs/${org}/engagement`);
	assert.equal(g.status, 404);
	assert.equal(g.json.error, "no_engagement");
});

test("only the company's advisor opens it: its admin and an advisor who is not its advisor get 403 with the reason", async () => {
	for (const c of [boss, other, staff]) {
		const res = await c.submit(P(), P(), { template: "four_visits", first_visit: first });
		assert.equal(res.status, 403);
		assert.match(textOf(res.text), /この会社の支援者ではありません/);
		assert.match(textOf(res.text), /「支援者」として加わっている人だけ/);
	}
	for (const who of ["boss", "other"]) {
		const res = await api(who, "POST", `/api/v1/orgs/${org}/engagement`, { template: "four_visits", first_visit: first });
		assert.equal(res.status, 403);
		assert.equal(res.json.error, "not_client");
		assert.match(res.json.message, /支援者/);
	}
	// the advisor of another company does not see this one at all
	assert.equal((await outsider.get(P())).status, 404);
	assert.equal((await api("outsider", "POST", `/api/v1/orgs/${org}/engagement`, { template: "four_visits", first_visit: first })).status, 404);
});

test("opening refuses a bad day with the choice kept, then plans the visits every 14 days from the first", async () => {
	let res = await adv.submit(P(), P(), { template: "one_day", first_visit: "2025-02-30" });
	assert.equal(res.status, 422);
	assert.match(res.text, /value="one_day"[^>]*checked|checked[^>]*value="one_day"/, "the template kept");
	assert.match(res.text, /value="2025-02-30"/, "the day kept");
	assert.match(textOf(res.text), /年-月-日/);
	res = await adv.submit(P(), P(), { template: "four_visits", first_visit: "" });
	assert.equal(res.status, 422);
	res = await adv.submit(P(), P(), { template: "four_visits", first_visit: first });
	assert.equal(res.status, 303);
	const page = await staff.get(P());
	const t = textOf(page.text);
	for (let n = 0; n < 4; n++) assert.ok(t.includes(plus(first, 14 * n)), `visit ${n + 1} planned ${plus(first, 14 * n)}`);
	assert.ok(t.includes(`4回の訪問で進める支援（約2か月）（支援者：adv@example.jp、${today()}に開始）`));
	for (const k of ["守秘の誓約書の写し", "自己診断の結果のまとめ", "情報セキュリティ基本方針", "最終報告"]) assert.ok(t.includes(k), k);
	assert.match(t, /期限を過ぎた宿題はありません/);
	// opening twice is refused
	res = await adv.submit(P(), P(), { template: "one_day", first_visit: first });
	assert.equal(res.status, 409);
	assert.match(textOf(res.text), /もう始まっています/);
	const j = await api("staff", "GET", `/api/v1/orgs/${org}/engagement`);
	assert.equal(j.status, 200);
	assert.equal(j.json.template, "four_visits");
	assert.equal(j.json.first_visit, first);
	assert.equal(j.json.today, today());
	assert.deepEqual(j.json.visits.map((v) => v.planned), [0, 1, 2, 3].map((n) => plus(first, 14 * n)));
	assert.deepEqual(j.json.deliverables.map((d) => [d.key, d.visit, d.state]), [
		["pledge_copy", 1, "not_started"], ["diagnosis_summary", 1, "not_started"],
		["basic_policy", 2, "not_started"], ["regulation_check", 2, "not_started"],
		["diagnosis_issues", 2, "not_started"], ["action_plan", 4, "not_started"],
		["two_star", 4, "not_started"], ["final_report", 4, "not_started"]]);
});

// The record form's fields for visit n as the page shows them, with some
// changed.
async function recordForm(c, n, fields) {
	const page = await c.get(`${P()}/visits/${n}`);
	assert.equal(page.status, 200);
	const rev = page.text.match(/name="rev" value="(\d+)"/)[1];
	return { page, form: { _csrf: csrfOf(page.text), rev, hw_rows: "3", mode: "on_site", ...fields } };
}

test("visit 1's record: the agenda of the timetable, homework without a due date refused with the rest kept, then saved", async () => {
	const { page, form } = await recordForm(adv, 1, {
		planned: first, held: first, attendees: "社長、専務、総務課長", mode: "online",
		"note.hearing": "受発注はクラウド。NASに図面。", "note.diagnosis": "3人が回答",
		decisions: "次回までに基本方針の案を作る",
		"hw.0.side": "company", "hw.0.text": "基本方針の案を書く", "hw.0.due": "",
		"hw.1.side": "advisor", "hw.1.text": "規程の確認表を用意する", "hw.1.due": plus(today(), -2),
	});
	const t = textOf(page.text);
	// 13:30 start, 10+60+10+40+40+10+10 minutes
	for (const s of ["13:30–13:40", "13:40–14:40", "14:40–14:50", "14:50–15:30", "15:30–16:10", "16:10–16:20", "16:20–16:30"])
		assert.ok(t.includes(s), s);
	assert.match(t, /Webの自己診断に、経営者と社員の何人かが答えておく/);
	let res = await adv.post(`${P()}/visits/1`, form);
	assert.equal(res.status, 422);
	assert.match(res.text, /<p class="field-msg" id="e-hw\.0\.due">宿題には期限を入れてください。<\/p>/);
	assert.match(res.text, /社長、専務、総務課長/, "attendees kept");
	assert.match(res.text, /受発注はクラウド。NASに図面。/, "notes kept");
	assert.match(res.text, /value="基本方針の案を書く"/, "the homework's words kept");
	assert.match(res.text, /value="online"[^>]*checked/, "the mode kept");
	// a form that does not say how many homework rows it has drops
	// none of them unseen
	const { hw_rows: _, ...bare } = form;
	assert.equal((await adv.post(`${P()}/visits/1`, bare)).status, 400);
	assert.equal((await adv.post(`${P()}/visits/1`, { ...form, hw_rows: "31" })).status, 400);
	// with a due date (yesterday: overdue by one day)
	form["hw.0.due"] = plus(today(), -1);
	res = await adv.post(`${P()}/visits/1`, form);
	assert.equal(res.status, 303, res.text.slice(0, 400));
	// saving again from the same rev is stale: 409, the values posted kept
	form.decisions = "古い画面からの保存";
	res = await adv.post(`${P()}/visits/1`, form);
	assert.equal(res.status, 409);
	assert.match(textOf(res.text), /ほかの人がこの訪問の記録を変えました/);
	assert.match(res.text, /古い画面からの保存/);
	const view = await staff.get(`${P()}/visits/1`);
	const v = textOf(view.text);
	assert.match(v, /社長、専務、総務課長/);
	assert.match(v, /オンラインで/);
	assert.match(v, /次回までに基本方針の案を作る/);
	assert.doesNotMatch(v, /古い画面からの保存/);
	assert.doesNotMatch(view.text, /name="planned"/, "members read");
});

test("overdue homework of both sides is at the top; the org admin ticks the company's, not the advisor's", async () => {
	const page = await boss.get(P());
	const t = textOf(page.text);
	assert.match(t, /期限を過ぎた宿題：2件/);
	assert.ok(t.indexOf("期限を過ぎた宿題") < t.indexOf("訪問の予定と記録"), "at the top");
	assert.match(t, /基本方針の案を書く \S+ 1日遅れ/);
	assert.match(t, /規程の確認表を用意する \S+ 2日遅れ/);
	const j = await api("boss", "GET", `/api/v1/orgs/${org}/engagement`);
	const hw = j.json.visits[0].homework;
	assert.deepEqual(hw.map((h) => [h.side, h.due, h.overdue]), [["company", plus(today(), -1), true], ["advisor", plus(today(), -2), true]]);
	assert.deepEqual(j.json.overdue, hw.map((h) => h.id));
	const csrf = csrfOf(page.text);
	// a member ticks nothing; the admin not the advisor's
	assert.equal((await staff.post(`${P()}/homework/${hw[0].id}`, { _csrf: csrfOf((await staff.get(P())).text), done: "1" })).status, 403);
	assert.equal((await boss.post(`${P()}/homework/${hw[1].id}`, { _csrf: csrf, done: "1" })).status, 403);
	assert.equal((await api("boss", "PUT", `/api/v1/orgs/${org}/engagement/homework/${hw[1].id}`, { done: true })).status, 403);
	assert.equal((await boss.post(`${P()}/homework/${hw[0].id}`, { _csrf: csrf, done: "1" })).status, 303);
	const after = textOf((await boss.get(P())).text);
	assert.match(after, /期限を過ぎた宿題：1件/);
	assert.ok(after.includes(`${today()}に済み`));
	// the advisor ticks its own through the API
	const put = await api("adv", "PUT", `/api/v1/orgs/${org}/engagement/homework/${hw[1].id}`, { done: true });
	assert.equal(put.status, 200);
	assert.deepEqual(put.json.overdue, []);
	assert.equal(put.json.visits[0].homework[1].done, today());
	// and the visit's form open before that is stale now
	assert.equal(put.json.visits[0].rev, 4);
});

test("a visit dated before the previous one is refused; moving a visit moves the later ones not yet held", async () => {
	let { form } = await recordForm(adv, 2, { planned: plus(first, -1) });
	let res = await adv.post(`${P()}/visits/2`, form);
	assert.equal(res.status, 422);
	assert.match(res.text, /<p class="field-msg" id="e-planned">前の訪問より前の日です。/);
	assert.match(res.text, new RegExp(`value="${plus(first, -1)}"`), "the day kept");
	({ form } = await recordForm(adv, 2, { planned: plus(first, 14), held: plus(today(), 1) }));
	res = await adv.post(`${P()}/visits/2`, form);
	assert.equal(res.status, 422);
	assert.match(res.text, /実施日は今日より後にできません/);
	// visit 2 three days later than planned: 3 and 4 follow
	({ form } = await recordForm(adv, 2, { planned: plus(first, 17), held: plus(first, 17) }));
	res = await adv.post(`${P()}/visits/2`, form);
	assert.equal(res.status, 303);
	const j = await api("staff", "GET", `/api/v1/orgs/${org}/engagement`);
	assert.deepEqual(j.json.visits.map((v) => [v.planned, v.held]), [
		[first, first], [plus(first, 17), plus(first, 17)], [plus(first, 31), ""], [plus(first, 45), ""]]);
	// visit 1 cannot now move past visit 2's day
	({ form } = await recordForm(adv, 1, { planned: plus(first, 18), held: plus(first, 18),
		"hw.0.text": "x", "hw.0.due": first }));
	res = await adv.post(`${P()}/visits/1`, form);
	assert.equal(res.status, 422);
	assert.match(textOf(res.text), /すでに行った後の訪問より後の日です/);
	// the page shows the days since the previous visit and the usual span
	const t = textOf((await staff.get(P())).text);
	assert.ok(t.includes("17日（目安は14〜21日）"), "visit 2: 17 days after visit 1");
	assert.ok(t.includes("14日（目安は7〜14日）"), "visit 3: 14 days after visit 2");
	const en = textOf(await (await fetch(srv.base + P(), { headers: { cookie: staff.cookieHeader() + "; lang=en" } })).text());
	assert.ok(en.includes("17 days (usually 14–21)"));
	assert.match(en, /Coaching in four visits \(about two months\) \(advisor: adv@example\.jp, started /);
});

test("the deliverables' states: the advisor sets them, the others read", async () => {
	const page = await adv.get(P());
	let res = await adv.post(`${P()}/deliverables`, { _csrf: csrfOf(page.text), "d.basic_policy": "draft", "d.pledge_copy": "agreed" });
	assert.equal(res.status, 303);
	const t = textOf((await staff.get(P())).text);
	assert.match(t, /情報セキュリティ基本方針 2回目：基本方針と規程、取り組む分野をしぼる 案あり/);
	assert.match(t, /守秘の誓約書の写し 1回目：事業とITを知り、リスクを見つける 合意済み/);
	res = await boss.post(`${P()}/deliverables`, { _csrf: csrfOf((await boss.get(P())).text), "d.basic_policy": "agreed" });
	assert.equal(res.status, 403);
	res = await adv.post(`${P()}/deliverables`, { _csrf: csrfOf(page.text), "d.basic_policy": "finished" });
	assert.equal(res.status, 400);
	const put = await api("adv", "PUT", `/api/v1/orgs/${org}/engagement/deliverables/two_star`, { state: "draft" });
	assert.equal(put.status, 200);
	assert.equal(put.json.deliverables.find((d) => d.key === "two_star").state, "draft");
	assert.equal((await api("adv", "PUT", `/api/v1/orgs/${org}/engagement/deliverables/nothing`, { state: "draft" })).status, 404);
	assert.equal((await api("adv", "PUT", `/api/v1/orgs/${org}/engagement/deliverables/two_star`, { state: "done" })).status, 422);
	assert.equal((await api("boss", "PUT", `/api/v1/orgs/${org}/engagement/deliverables/two_star`, { state: "agreed" })).status, 403);
});

test("the implementation report of visit 1 is a PDF made from the record", async () => {
	const res = await fetch(srv.base + `${P()}/visits/1/report.pdf`, { headers: { cookie: staff.cookieHeader() } });
	assert.equal(res.status, 200);
	assert.equal(res.headers.get("content-type"), "application/pdf");
	const file = join(dir, "v1.pdf");
	writeFileSync(file, Buffer.from(await res.arrayBuffer()));
	const pt = execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" }).replace(/[ \t]+/g, " ");
	for (const s of ["実施報告（1回目の訪問）", "みどり建設株式会社", "adv@example.jp", "4回の訪問で進める支援",
		"社長、専務、総務課長", "オンラインで", "13:40–14:40", "受発注はクラウド。NASに図面。",
		"次回までに基本方針の案を作る", "基本方針の案を書く", plus(today(), -1), today(),
		"守秘の誓約書の写し", "合意済み", "未着手", `2回目の訪問: ${plus(first, 17)}`])
		assert.ok(pt.includes(s), `the PDF has ${s}`);
	assert.ok(pt.includes(first), "the day held");
	// in English too
	const en = await fetch(srv.base + `${P()}/visits/4/report.pdf`, { headers: { cookie: staff.cookieHeader() + "; lang=en" } });
	assert.equal(en.status, 200);
	writeFileSync(file, Buffer.from(await en.arrayBuffer()));
	const et = execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
	assert.ok(et.includes("This is the last visit."));
	assert.equal((await staff.get(`${P()}/visits/5/report.pdf`)).status, 404);
});

test("the API records a visit with the same checks: a missing due date, a stale rev", async () => {
	const v = (await api("adv", "GET", `/api/v1/orgs/${org}/engagement/visits/3`)).json;
	assert.equal(v.planned, plus(first, 31));
	assert.deepEqual(Object.keys(v.notes), ["recap", "new_work", "plan", "break", "rules", "wrapup"]);
	const body = {
		rev: v.rev, planned: plus(first, 31), held: "", attendees: "社長", mode: "on_site",
		notes: { plan: "優先はバックアップ" }, decisions: "",
		homework: [{ side: "company", text: "バックアップの手順を試す", due: "" }],
	};
	let res = await api("adv", "PUT", `/api/v1/orgs/${org}/engagement/visits/3`, body);
	assert.equal(res.status, 422);
	assert.deepEqual([res.json.errors[0].field, res.json.errors[0].code], ["homework.0.due", "due_missing"]);
	assert.match(res.json.errors[0].message, /期限/);
	res = await api("adv", "PUT", `/api/v1/orgs/${org}/engagement/visits/3`, { ...body, planned: plus(first, 10) });
	assert.equal(res.status, 422);
	assert.equal(res.json.errors[0].code, "before_prev");
	body.homework[0].due = plus(today(), 7);
	res = await api("adv", "PUT", `/api/v1/orgs/${org}/engagement/visits/3`, body);
	assert.equal(res.status, 200);
	assert.equal(res.json.rev, v.rev + 1);
	assert.equal(res.json.notes.plan, "優先はバックアップ");
	assert.deepEqual(res.json.homework.map((h) => [h.side, h.text, h.due, h.done, h.overdue]), [["company", "バックアップの手順を試す", plus(today(), 7), "", false]]);
	res = await api("adv", "PUT", `/api/v1/orgs/${org}/engagement/visits/3`, body);
	assert.equal(res.status, 409);
	assert.equal(res.json.error, "stale");
	// without "homework" the visit keeps its own
	const { homework: _, ...nohw } = body;
	res = await api("adv", "PUT", `/api/v1/orgs/${org}/engagement/visits/3`, { ...nohw, rev: v.rev + 1, decisions: "残す" });
	assert.equal(res.status, 200);
	assert.equal(res.json.decisions, "残す");
	assert.deepEqual(res.json.homework.map((h) => h.text), ["バックアップの手順を試す"]);
	for (const who of ["boss", "staff", "other"]) {
		res = await api(who, "PUT", `/api/v1/orgs/${org}/engagement/visits/3`, { ...body, rev: v.rev + 2 });
		assert.equal(res.status, 403, who);
	}
	assert.equal((await api("adv", "GET", `/api/v1/orgs/${org}/engagement/visits/5`)).status, 404);
	assert.equal((await api("adv", "PUT", `/api/v1/orgs/${org}/engagement/visits/3`, "not json")).status, 422);
});

test("a walk of every new route as each role", async () => {
	const hw = (await api("adv", "GET", `/api/v1/orgs/${org}/engagement`)).json.visits[2].homework[0].id;
	const clients = { adv, boss, staff, other, outsider };
	// [method, path, form or body, {role: status}]
	const pages = [
		["GET", P(), null, { adv: 200, boss: 200, staff: 200, other: 200, outsider: 404 }],
		["POST", P(), { template: "one_day", first_visit: first }, { adv: 409, boss: 403, staff: 403, other: 403, outsider: 404 }],
		["GET", `${P()}/visits/1`, null, { adv: 200, boss: 200, staff: 200, other: 200, outsider: 404 }],
		["GET", `${P()}/visits/9`, null, { adv: 404, boss: 404, staff: 404, other: 404, outsider: 404 }],
		["POST", `${P()}/visits/4`, { rev: "0", planned: plus(first, 45) }, { adv: 409, boss: 403, staff: 403, other: 403, outsider: 404 }],
		["POST", `${P()}/deliverables`, {}, { adv: 303, boss: 403, staff: 403, other: 403, outsider: 404 }],
		["POST", `${P()}/homework/${hw}`, { done: "0" }, { adv: 303, boss: 303, staff: 403, other: 403, outsider: 404 }],
		["GET", `${P()}/visits/2/report.pdf`, null, { adv: 200, boss: 200, staff: 200, other: 200, outsider: 404 }],
	];
	for (const [m, path, form, want] of pages)
		for (const [who, status] of Object.entries(want)) {
			const c = clients[who];
			const own = await c.get(who === "outsider" ? `/o/${orgB}` : P());
			const res = m === "GET" ? await c.get(path) : await c.post(path, { _csrf: csrfOf(own.text) ?? "", hw_rows: "0", ...form });
			assert.equal(res.status, status, `${who} ${m} ${path}`);
		}
	const A = `/api/v1/orgs/${org}/engagement`;
	const apis = [
		["GET", A, undefined, { adv: 200, boss: 200, staff: 200, other: 200, outsider: 404 }],
		["POST", A, { template: "one_day", first_visit: first }, { adv: 409, boss: 403, staff: 403, other: 403, outsider: 404 }],
		["GET", `${A}/visits/2`, undefined, { adv: 200, boss: 200, staff: 200, other: 200, outsider: 404 }],
		["PUT", `${A}/visits/4`, { rev: 0, planned: plus(first, 45) }, { adv: 409, boss: 403, staff: 403, other: 403, outsider: 404 }],
		["PUT", `${A}/deliverables/final_report`, { state: "not_started" }, { adv: 200, boss: 403, staff: 403, other: 403, outsider: 404 }],
		["PUT", `${A}/homework/${hw}`, { done: false }, { adv: 200, boss: 200, staff: 403, other: 403, outsider: 404 }],
	];
	for (const [m, path, body, want] of apis)
		for (const [who, status] of Object.entries(want))
			assert.equal((await api(who, m, path, body)).status, status, `${who} ${m} ${path}`);
	// signed out: to the sign-in page, or 401
	assert.equal((await new Client(srv.base).get(P())).status, 303);
	assert.equal((await new Client(srv.base).get(A)).status, 401);
});

test("an advisor by trade who makes a company is its advisor and opens its programme", async () => {
	const own = await makeOrg(other, { name: "顧客の会社" });
	const page = await other.get(`/o/${own}/programme`);
	assert.match(page.text, /name="first_visit"/);
	const res = await other.post(`/o/${own}/programme`, { _csrf: csrfOf(page.text), template: "one_day", first_visit: today() });
	assert.equal(res.status, 303);
	const j = await api("other", "GET", `/api/v1/orgs/${own}/engagement`);
	assert.equal(j.json.template, "one_day");
	assert.deepEqual(j.json.visits.map((v) => v.planned), [today()]);
	assert.deepEqual(j.json.deliverables.map((d) => d.key), ["diagnosis_summary", "action_plan"]);
	// and still not this company's
	assert.equal((await api("other", "POST", `/api/v1/orgs/${org}/engagement`, { template: "one_day", first_visit: today() })).status, 403);
});

test("the audit log names what was done", async () => {
	const t = textOf((await boss.get(`/o/${org}/audit`)).text);
	for (const s of ["支援プログラムを始めました", "訪問の記録を保存しました", "宿題の状況を変えました", "成果物の状況を変えました"])
		assert.ok(t.includes(s), s);
});
