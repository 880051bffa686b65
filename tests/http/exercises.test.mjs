// Tabletop exercises: a scenario started from the register's list, run
// scene by scene with the organisation's own data in the questions (its S
// process, its RTO under the table it chose, its backups and contacts),
// the answers saved at the row's rev (a stale save is 409 and keeps what
// was stored), "what will we do from now on" turned into plan rows with
// source exercise:N, the record PDF with the answers and the filled
// questions, plain words where an organisation has no data, and nothing
// of it seen from another organisation.  Every figure is the test's own.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { startServer, firstAdmin, makeOrg, csrfOf, unescape, inviteUser } from "./lib.mjs";

let srv, admin, org, other, auth, member;
before(async () => {
	srv = await startServer();
	admin = await firstAdmin(srv);
	org = await makeOrg(admin);
	other = await makeOrg(admin, { name: "別会社" });
	const page = await admin.get("/account");
	const tok = await admin.post("/account/token", { _csrf: csrfOf(page.text) });
	auth = { authorization: "Bearer " + tok.text.match(/<code class="secret">([^<]+)<\/code>/)[1] };
	member = await inviteUser(admin, srv, org, "member@example.jp", "member");
});
after(async () => { if (process.env.SHOW_ERR) console.error(srv?.stderr()); await srv?.stop(); });

const api = (m, p, body) => admin.req(m, p, {
	body: body === undefined ? undefined : JSON.stringify(body),
	headers: { ...auth, "content-type": "application/json" },
});
const json = (res) => JSON.parse(res.text);
const flat = (s) => s.replace(/\s+/g, "");

// The seeds' matrix and the second example table: importance 3 and
// dependency 3 is S; S recovers within 3 hours under ex2.
const EX2 = { s: 3, a: 6, b: 24, c: 72 };
const SCENARIO = "ransomware_encrypted";
const SCENES = 5;	// its injects; the closing question is step 6
const QUESTIONS = [3, 3, 3, 3, 2];

// Post the form of the page at `from` to `action` with fields (arrays
// repeat a name), with that page's CSRF token.
async function post(c, from, action, fields) {
	const page = await c.get(from);
	const pairs = [["_csrf", csrfOf(page.text) ?? ""]];
	for (const [k, v] of Object.entries(fields))
		for (const x of Array.isArray(v) ? v : [v]) pairs.push([k, String(x)]);
	return c.post(action, pairs);
}
const revOf = (html) => +unescape(html.match(/name="rev" value="(\d+)"/)[1]);

let ex, run, procName = "受注と出荷の手配";
test("the organisation's data: an S process under ex2, a system that meets 3-2-1, a contact for power", async () => {
	let res = await api("PUT", `/api/v1/orgs/${org}/bcp`, { preset: "ex2", rev: 0 });
	assert.equal(res.status, 200, res.text);
	res = await api("POST", `/api/v1/orgs/${org}/processes`, { name: procName, importance: 3, dependency: 3, workaround: "電話とFAXで受け、紙の台帳に書く" });
	assert.equal(res.status, 201, res.text);
	const proc = json(res);
	assert.equal(proc.priority, "s");
	assert.equal(proc.rto_hours, EX2.s);
	res = await api("POST", `/api/v1/orgs/${org}/systems`, { name: "販売管理", processes: String(proc.id), copies: 3, media: "nas,external_disk", offline: 1, offsite: 1, offline_offsite: 1 });
	assert.equal(res.status, 201, res.text);
	assert.equal(json(res).rule_321_ok, true);
	res = await api("POST", `/api/v1/orgs/${org}/systems`, { name: "図面サーバー", copies: 2 });
	assert.equal(res.status, 201, res.text);
	res = await api("POST", `/api/v1/orgs/${org}/contacts`, { target: "hardware", owner: "総務 山田", company: "上州OA", phone: "027-111-2222" });
	assert.equal(res.status, 201, res.text);
});

test("the scenarios on the register's list, a start form that keeps its values on an error, then the run page", async () => {
	const list = await admin.get(`/o/${org}/r/exercises`);
	assert.equal(list.status, 200);
	const starts = [...unescape(list.text).matchAll(/href="\/o\/\d+\/exercises\/new\?scenario=([a-z_]+)"/g)].map((m) => m[1]);
	assert.deepEqual(starts.sort(), ["cloud_outage", "earthquake", "epidemic", "power_outage", "ransomware_encrypted", "ransomware_offline"]);
	// members read, they do not start
	assert.doesNotMatch(unescape((await member.get(`/o/${org}/r/exercises`)).text), /exercises\/new\?scenario=/);
	assert.equal((await member.get(`/o/${org}/exercises/new?scenario=${SCENARIO}`)).status, 403);
	assert.equal((await admin.get(`/o/${org}/exercises/new?scenario=nothing`)).status, 404);

	const from = `/o/${org}/exercises/new?scenario=${SCENARIO}`;
	const start = await admin.get(from);
	assert.equal(start.status, 200);
	assert.match(start.text, /丸吉精工/, "the setting is told");
	let res = await post(admin, from, `/o/${org}/exercises/new`, { scenario: SCENARIO, held_on: "2026-02-30", facilitator: "進行 花子", participants: "佐藤\n鈴木\n高橋" });
	assert.equal(res.status, 422);
	assert.match(res.text, /value="進行 花子"/, "the facilitator kept");
	assert.match(res.text, />佐藤\n鈴木\n高橋<\/textarea>/, "the participants kept");
	res = await post(admin, from, `/o/${org}/exercises/new`, { scenario: SCENARIO, held_on: "2026-01-20", facilitator: "進行 花子", participants: "佐藤\n鈴木\n高橋" });
	assert.equal(res.status, 303, res.text.slice(0, 300));
	const m = res.location.match(/\/o\/\d+\/exercises\/(\d+)\/run$/);
	assert.ok(m, res.location);
	ex = +m[1];
	run = `/o/${org}/exercises/${ex}/run`;
	const row = json(await api("GET", `/api/v1/orgs/${org}/exercises/${ex}`));
	assert.equal(row.scenario, SCENARIO);
	assert.equal(row.status, "planned");
	assert.equal(row.held_on, "2026-01-20");
	// the row page links to the run page and the record
	const rp = await admin.get(`/o/${org}/r/exercises/${ex}`);
	assert.match(rp.text, new RegExp(`href="${run}"`));
	assert.match(rp.text, new RegExp(`href="/o/${org}/exercises/${ex}/record.pdf"`));
});

const DECISIONS = "取引先への連絡は営業部長がする\n警察に相談する";
const answer = (scene, q) => `場面${scene}の問${q}への答え：まず社長に電話する`;

test("run to the end: every scene shows its questions filled from the registers, each save moves on", async () => {
	let page = await admin.get(run);
	assert.equal(page.status, 200);
	assert.match(page.text, /丸吉精工/);
	assert.match(page.text, /佐藤/);
	for (let s = 1; s <= SCENES; s++) {
		page = await admin.get(`${run}?step=${s}`);
		assert.equal(page.status, 200);
		const boxes = [...page.text.matchAll(/<textarea[^>]* name="a\.(\d)"/g)].map((x) => +x[1]);
		assert.deepEqual(boxes, Array.from({ length: QUESTIONS[s - 1] }, (_, i) => i + 1), `scene ${s}`);
		assert.doesNotMatch(page.text, /\{[a-z_]+\}/, "no placeholder left");
		if (s === 1)
			assert.match(page.text, new RegExp(`${procName}のうち`), "the S process by name");
		if (s === 2) {
			assert.match(page.text, /販売管理（3-2-1を満たしている）/);
			assert.match(page.text, /図面サーバー（3-2-1に足りない：/);
			assert.match(page.text, /総務 山田（上州OA 027-111-2222）/);
		}
		if (s === 4) {
			assert.match(page.text, new RegExp(`目標復旧時間（${EX2.s}時間）`), "the S RTO of ex2");
			assert.match(page.text, /受注と出荷の手配：電話とFAXで受け、紙の台帳に書く/);
		}
		// the decisions box shows what is stored and posts it back
		const fields = { rev: revOf(page.text), step: s, go: "next", decisions: s >= 3 ? DECISIONS : "" };
		for (let q = 1; q <= QUESTIONS[s - 1]; q++) fields[`a.${q}`] = answer(s, q);
		const res = await post(admin, `${run}?step=${s}`, run, fields);
		assert.equal(res.status, 303, `scene ${s}: ${res.text.slice(0, 400)}`);
		assert.equal(res.location, `${run}?step=${s + 1}&saved=1`);
	}
	const row = json(await api("GET", `/api/v1/orgs/${org}/exercises/${ex}`));
	assert.equal(row.status, "running");
	assert.equal(row.rev, 1 + SCENES, "one save a scene");
	const ans = JSON.parse(row.answers);
	assert.equal(Object.keys(ans).length, QUESTIONS.reduce((a, b) => a + b));
	assert.equal(ans["4.2"], answer(4, 2));
	assert.equal(row.decisions, DECISIONS);
	// a member reads the answers, with no form
	const mp = await member.get(`${run}?step=1`);
	assert.equal(mp.status, 200);
	assert.ok(mp.text.includes(answer(1, 1)));
	assert.doesNotMatch(mp.text, /name="a\.1"/);
});

test("a stale save is refused with 409: theirs stays stored, mine stays in the box", async () => {
	const page = await admin.get(`${run}?step=2`);
	const rev = revOf(page.text);
	// someone else saves first
	let res = await post(admin, `${run}?step=2`, run, { rev, step: 2, go: "stay", "a.1": "先に保存した答え", "a.2": answer(2, 2), "a.3": answer(2, 3) });
	assert.equal(res.status, 303);
	assert.equal(res.location, `${run}?step=2&saved=1`);
	// my save from the old page
	res = await post(admin, `${run}?step=2`, run, { rev, step: 2, go: "next", "a.1": "あとから保存しようとした答え", "a.2": answer(2, 2), "a.3": answer(2, 3) });
	assert.equal(res.status, 409);
	assert.match(res.text, />あとから保存しようとした答え<\/textarea>/, "mine kept in the box");
	assert.match(res.text, /先に保存された内容：先に保存した答え/, "theirs shown beside it");
	assert.equal(revOf(res.text), rev + 1, "offered again from their revision");
	const row = json(await api("GET", `/api/v1/orgs/${org}/exercises/${ex}`));
	assert.equal(JSON.parse(row.answers)["2.1"], "先に保存した答え", "nothing overwritten");
	// an answer past its limit is a field error, everything else kept
	res = await post(admin, `${run}?step=2`, run, { rev: rev + 1, step: 2, go: "next", "a.1": "長".repeat(2001), "a.2": "二番目はそのまま", "a.3": "" });
	assert.equal(res.status, 422);
	assert.match(res.text, />二番目はそのまま<\/textarea>/);
	// saving mine again is a choice
	res = await post(admin, `${run}?step=2`, run, { rev: rev + 1, step: 2, go: "next", "a.1": answer(2, 1), "a.2": answer(2, 2), "a.3": answer(2, 3) });
	assert.equal(res.status, 303);
});

const FOLLOWUPS = ["・NASとは別に、週1回は切り離したディスクにコピーする（総務）", "復元の手順を書き、半年に1回試す"];

test("what will we do from now on: the follow-ups become plan rows with source exercise:N, kept or dropped", async () => {
	const close = `${run}?step=${SCENES + 1}`;
	let page = await admin.get(close);
	assert.match(page.text, /これからどうするか/);
	let res = await post(admin, close, run, { rev: revOf(page.text), step: SCENES + 1, go: "finish", followups: FOLLOWUPS.join("\n") + "\n\n", decisions: DECISIONS });
	assert.equal(res.status, 303, res.text.slice(0, 300));
	assert.equal(res.location, `${close}&saved=1`);
	let row = json(await api("GET", `/api/v1/orgs/${org}/exercises/${ex}`));
	assert.equal(row.status, "done");
	page = await admin.get(close);
	assert.equal((page.text.match(/name="pick"/g) || []).length, 2, "one draft a line");
	assert.match(page.text, />NASとは別に、週1回は切り離したディスクにコピーする（総務）<\/textarea>/, "the bullet dropped");
	// drafts posted from a page older than the row: refused, nothing stored
	res = await admin.post(`/o/${org}/exercises/${ex}/plan`, { _csrf: csrfOf(page.text), rev: revOf(page.text) - 1, pick: "0", "area.0": "technical", "measure.0": "x" });
	assert.equal(res.status, 409);
	assert.match(res.text, /計画には何も入れていません/);
	assert.equal(json(await api("GET", `/api/v1/orgs/${org}/plan`)).rows.length, 0);
	// none picked: refused, nothing stored
	res = await post(admin, close, `/o/${org}/exercises/${ex}/plan`, { rev: revOf(page.text), "area.0": "technical", "measure.0": "x" });
	assert.equal(res.status, 422);
	// the first kept with its area, the second dropped
	res = await post(admin, close, `/o/${org}/exercises/${ex}/plan`, { rev: revOf(page.text), pick: "0", "area.0": "technical", "measure.0": "週1回、切り離したディスクにコピーする", "area.1": "organisational", "measure.1": FOLLOWUPS[1] });
	assert.equal(res.status, 303, res.text.slice(0, 400));
	assert.equal(res.location, `/o/${org}/r/plan?started=1`);
	let plan = json(await api("GET", `/api/v1/orgs/${org}/plan`)).rows;
	assert.equal(plan.length, 1);
	assert.equal(plan[0].source, `exercise:${ex}`);
	assert.equal(plan[0].area, "technical");
	assert.equal(plan[0].measure, "週1回、切り離したディスクにコピーする");
	assert.equal(plan[0].status, "todo");
	// the one kept is not offered again; the dropped one is
	page = await admin.get(close);
	assert.equal((page.text.match(/name="pick"/g) || []).length, 1);
	assert.match(page.text, /1件は計画に入っています。/);
	res = await post(admin, close, `/o/${org}/exercises/${ex}/plan`, { rev: revOf(page.text), pick: "1", "area.1": "organisational", "measure.1": FOLLOWUPS[1] });
	assert.equal(res.status, 303);
	plan = json(await api("GET", `/api/v1/orgs/${org}/plan`)).rows;
	assert.deepEqual(plan.map((p) => p.source), [`exercise:${ex}`, `exercise:${ex}`]);
	page = await admin.get(close);
	assert.equal((page.text.match(/name="pick"/g) || []).length, 0, "all in the plan");
	// the plan's source takes exercise:N, never exercise:0 or words
	for (const source of [`exercise:${ex}`, "exercise:0", "exercise:x", "exercise:"]) {
		const r = await api("POST", `/api/v1/orgs/${org}/plan`, { area: "human", measure: "確かめる", source });
		assert.equal(r.status, source === `exercise:${ex}` ? 201 : 422, source);
	}
});

test("the record PDF holds the scenario, the people, every answer and the questions as filled", async () => {
	const res = await fetch(srv.base + `/o/${org}/exercises/${ex}/record.pdf`, { headers: { cookie: member.cookieHeader() } });
	assert.equal(res.status, 200);
	assert.equal(res.headers.get("content-type"), "application/pdf");
	const pf = join(srv.dir, "record.pdf");
	writeFileSync(pf, Buffer.from(await res.arrayBuffer()));
	const text = flat(execFileSync("pdftotext", [pf, "-"], { encoding: "utf8" }));
	for (const s of ["机上訓練の記録", "ランサムウェア（バックアップも暗号化された）", "進行花子", "佐藤", "高橋", "2026-01-20",
		`目標復旧時間（${EX2.s}時間）`, `${procName}のうち`, "販売管理（3-2-1を満たしている）",
		"取引先への連絡は営業部長がする", "これからどうするか", "週1回、切り離したディスクにコピーする"])
		assert.ok(text.includes(flat(s)), s);
	for (let s = 1; s <= SCENES; s++)
		for (let q = 1; q <= QUESTIONS[s - 1]; q++)
			assert.ok(text.includes(flat(answer(s, q))), `answer ${s}.${q}`);
	// the download is in the organisation's audit log, in words
	assert.match((await admin.get(`/o/${org}/audit`)).text, /机上訓練の記録（PDF）/);
});

test("an organisation without data reads plain words; another organisation sees nothing of this one", async () => {
	// the other organisation starts the same scenario
	const from = `/o/${other}/exercises/new?scenario=${SCENARIO}`;
	let res = await post(admin, from, `/o/${other}/exercises/new`, { scenario: SCENARIO, held_on: "2026-01-21", facilitator: "", participants: "" });
	assert.equal(res.status, 303);
	const theirs = res.location.replace(/\/run$/, "");
	let page = await admin.get(`${theirs}/run?step=1`);
	assert.match(page.text, /いちばん大事な仕事のうち/, "the fallback for {s_processes}");
	page = await admin.get(`${theirs}/run?step=4`);
	assert.match(page.text, /目標復旧時間（まだ決めていません）/, "the fallback for {rto_s}");
	// this organisation's exercise, through the other's paths
	const there = `/o/${other}/exercises/${ex}`;
	assert.equal((await admin.get(`${there}/run`)).status, 404);
	assert.equal((await admin.get(`${there}/record.pdf`)).status, 404);
	res = await post(admin, `${theirs}/run`, `${there}/run`, { rev: 1, step: 1, "a.1": "x" });
	assert.equal(res.status, 404);
	res = await post(admin, `${theirs}/run`, `${there}/plan`, { pick: "0" });
	assert.equal(res.status, 404);
	assert.equal((await api("GET", `/api/v1/orgs/${other}/exercises/${ex}`)).status, 404);
	assert.equal((await admin.get(`/o/${org}/exercises/999999/run`)).status, 404);
	// a member of this organisation only is kept out of the other
	assert.equal((await member.get(`${theirs}/run`)).status, 404);
});

test("the API keeps the answers readable: a body the run page could not read is refused", async () => {
	for (const answers of ["not json", "[1]", '{"9.1": "x"}', '{"1.5": "x"}', '{"1.1": 3}']) {
		const res = await api("POST", `/api/v1/orgs/${org}/exercises`, { scenario: "earthquake", held_on: "2026-03-01", answers });
		assert.equal(res.status, 422, answers);
		assert.match(res.text, /"answers"/);
	}
	const res = await api("POST", `/api/v1/orgs/${org}/exercises`, { scenario: "earthquake", held_on: "2026-03-01", answers: '{"1.2": "二番目"}' });
	assert.equal(res.status, 201, res.text);
	assert.equal((await api("POST", `/api/v1/orgs/${org}/exercises`, { scenario: "volcano", held_on: "2026-03-01" })).status, 422);
	const page = await admin.get(`/o/${org}/exercises/${json(res).id}/run?step=1`);
	assert.match(page.text, />二番目<\/textarea>/);
});
