// Cleaning up a round's respondents as its admin: personal links that
// stay to be sent again, deleting one respondent and merging two (each
// asked first, audited, and on a closed round refiguring the peer
// comparison), the same CSV refused the second time, and a warning when
// more people answered than the company employs.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, Client, firstAdmin, makeOrg, openRound, csrfOf, unescape, answerAll, cli } from "./lib.mjs";

let srv, admin, auth;
before(async () => {
	srv = await startServer();
	admin = await firstAdmin(srv);
	auth = { authorization: `Bearer ${cli(["user", "token", "admin@example.jp", "--db", srv.db]).stdout.trim()}` };
});
after(async () => { await srv?.stop(); });

const head = "name,role," + Array.from({ length: 25 }, (_, i) => `q${i + 1}`).join(",");
const row = (name, role, answer) => `${name},${role},${Array(25).fill(answer).join(",")}`;
const csv = (...rows) => `${head}\n${rows.join("\n")}\n`;
const POINTS = { yes: 4, partly: 2, no: 0, unknown: -1 };

// The web import form, as a browser posts it.
async function importCsv(org, round, text, force = false) {
	const page = await admin.get(`/o/${org}/rounds/${round}`);
	const fd = new FormData();
	fd.append("_csrf", csrfOf(page.text));
	if (force) fd.append("force", "1");
	fd.append("csv", new Blob([text], { type: "text/csv" }), "answers.csv");
	const res = await fetch(`${srv.base}/o/${org}/rounds/${round}/import`, {
		method: "POST", body: fd, redirect: "manual", headers: { cookie: admin.cookieHeader() },
	});
	return { status: res.status, text: await res.text() };
}

const api = (method, path, body, type = "application/json") =>
	new Client(srv.base).req(method, path, { body, headers: { ...auth, "content-type": type } });

// The respondents the round page lists: [{id, name, done}].
function cards(html) {
	const ul = html.slice(html.indexOf('<ul class="cards">'));
	return [...ul.slice(0, ul.indexOf("</ul>")).matchAll(/<li>([\s\S]*?)<\/li>/g)].map((m) => ({
		id: +(m[1].match(/respondents\/(\d+)\/delete/) ?? [0, 0])[1],
		name: unescape(m[1].match(/<strong>([^<]*)<\/strong>/)[1]),
		done: /tag tag-open/.test(m[1]),
		link: m[1].match(/<code class="secret[^"]*">([^<]+)<\/code>/)?.[1],
	}));
}

async function post(path, fields, from) {
	const page = await admin.get(from);
	return admin.post(path, { _csrf: csrfOf(page.text), ...fields });
}

async function personal(org, round, name, role = "employee") {
	const rp = `/o/${org}/rounds/${round}`;
	assert.equal((await post(`${rp}/links`, { role, name }, rp)).status, 303);
	const c = cards((await admin.get(rp)).text).find((x) => x.name === name);
	return { ...c, path: new URL(unescape(c.link)).pathname };
}

test("a personal link stays on the round page after the person has answered, to send again", async () => {
	const org = await makeOrg(admin, { name: "リンク再送株式会社" });
	const round = await openRound(admin, org);
	const p = await personal(org, round, "佐藤");
	await answerAll(new Client(srv.base), p.path, Array(25).fill("yes"));
	const page = await admin.get(`/o/${org}/rounds/${round}`);
	const card = cards(page.text).find((x) => x.name === "佐藤");
	assert.ok(card.done, "finished");
	assert.ok(card.link, "the link is still shown");
	assert.equal(new URL(unescape(card.link)).pathname, p.path);
	assert.match(page.text, new RegExp(`/o/${org}/rounds/${round}/qr/${card.id}\\.svg`));
	assert.equal((await admin.get(`/o/${org}/rounds/${round}/qr/${card.id}.svg`)).status, 200);
});

test("deleting asks first naming the person, is audited, and the link opens nothing afterwards", async () => {
	const org = await makeOrg(admin, { name: "削除テスト株式会社" });
	const round = await openRound(admin, org);
	const rp = `/o/${org}/rounds/${round}`;
	const keep = await personal(org, round, "残る人");
	const gone = await personal(org, round, "山田 花子");
	await answerAll(new Client(srv.base), gone.path, Array(25).fill("no"));
	assert.equal((await new Client(srv.base).get(gone.path)).status, 200);

	const ask = await post(`${rp}/respondents/${gone.id}/delete`, {}, rp);
	assert.equal(ask.status, 200);
	assert.match(ask.text, /この回答者を削除しますか？/);
	assert.match(ask.text, /山田 花子/);
	assert.match(ask.text, /元に戻せません/);
	assert.match(ask.text, /name="confirm" value="1"/);
	// asking changed nothing
	assert.equal(cards((await admin.get(rp)).text).length, 2);

	const res = await admin.post(`${rp}/respondents/${gone.id}/delete`, { _csrf: csrfOf(ask.text), confirm: "1" });
	assert.equal(res.status, 303);
	const left = cards((await admin.get(rp)).text);
	assert.deepEqual(left.map((x) => x.name), ["残る人"]);
	assert.equal((await new Client(srv.base).get(gone.path)).status, 404);
	// a new respondent never gets the deleted one's number (its link)
	const next = await personal(org, round, "次の人");
	assert.ok(next.id > gone.id, `new id ${next.id} after deleted ${gone.id}`);
	assert.equal((await new Client(srv.base).get(gone.path)).status, 404);
	// another round's respondent, or one already gone: 404
	assert.equal((await post(`${rp}/respondents/${gone.id}/delete`, { confirm: "1" }, rp)).status, 404);
	const other = await openRound(admin, org);
	assert.equal((await post(`/o/${org}/rounds/${other}/respondents/${keep.id}/delete`, { confirm: "1" }, rp)).status, 404);

	const audit = await admin.get(`/o/${org}/audit`);
	assert.match(audit.text, /回答者を1人削除しました/);
	assert.match(audit.text, new RegExp(`回答者 No\\.${gone.id} · 山田 花子`));
});

test("merging fills the kept answer's gaps from the other, keeps its own where they differ, and removes the other", async () => {
	const org = await makeOrg(admin, { name: "統合テスト株式会社" });
	const round = await openRound(admin, org);
	const rp = `/o/${org}/rounds/${round}`;
	const p = await personal(org, round, "鈴木");
	// part 1 (items 1–5) on the phone, then stopped
	const rc = new Client(srv.base);
	const page = await rc.get(`${p.path}?part=1`);
	const form = { _csrf: csrfOf(page.text), part: "1", go: "next" };
	for (let i = 1; i <= 5; i++) form[`q${i}`] = "yes";
	assert.equal((await rc.post(p.path, form)).status, 303);
	// everything on paper, "don't know" throughout
	assert.equal((await importCsv(org, round, csv(row("鈴木（紙）", "employee", "unknown")))).status, 200);
	const [kept, paper] = cards((await admin.get(rp)).text);
	assert.equal(kept.id, p.id);
	assert.ok(!kept.done && paper.done);

	// bad choices come back next to their fields
	let res = await post(`${rp}/merge`, { keep: String(kept.id), drop: String(kept.id) }, rp);
	assert.equal(res.status, 422);
	assert.match(res.text, /残す回答と同じです/);
	assert.match(res.text, new RegExp(`<option value="${kept.id}" selected`));
	res = await post(`${rp}/merge`, { keep: String(kept.id), drop: "999999" }, rp);
	assert.equal(res.status, 422);
	assert.match(res.text, /この回答者はこの診断にいません/);
	res = await post(`${rp}/merge`, { keep: String(kept.id) }, rp);
	assert.equal(res.status, 422);
	assert.match(res.text, /一覧から選んでください/);

	const ask = await post(`${rp}/merge`, { keep: String(kept.id), drop: String(paper.id) }, rp);
	assert.equal(ask.status, 200);
	assert.match(ask.text, /この二つの回答をまとめますか？/);
	assert.match(ask.text, /鈴木（紙）/);
	assert.match(ask.text, /もう一方から補う問: 20問/);
	assert.match(ask.text, /両方で答えが違う問: 5問（残す回答の答えを使います）/);
	assert.match(ask.text, /残す回答のほうの答えを使います/);
	assert.match(ask.text, /元に戻せません/);
	assert.equal(cards((await admin.get(rp)).text).length, 2, "asking changed nothing");

	res = await admin.post(`${rp}/merge`, { _csrf: csrfOf(ask.text), confirm: "1", keep: String(kept.id), drop: String(paper.id) });
	assert.equal(res.status, 303);
	const after = cards((await admin.get(rp)).text);
	assert.equal(after.length, 1);
	assert.equal(after[0].id, kept.id);
	assert.equal(after[0].name, "鈴木");
	assert.ok(after[0].done, "complete once merged");
	// 5 × yes (4) kept, 20 × don't know (−1) filled: 0 points
	const results = JSON.parse((await api("GET", `/api/v1/rounds/${round}/results`)).text);
	assert.equal(results.respondents.length, 1);
	assert.equal(results.respondents[0].score, 5 * 4 - 20);
	const audit = await admin.get(`/o/${org}/audit`);
	assert.match(audit.text, /同じ人の二つの回答を一つにまとめました/);
	assert.match(audit.text, new RegExp(`回答者 No\\.${paper.id} を No\\.${kept.id} にまとめた · 鈴木`));
});

// ---- the peer comparison, worked out here independently ----

// diag_mean_tenths: sum/n ×10, half away from zero
const meanTenths = (sum, n) => Math.sign(sum) * Math.round(Math.abs(sum) * 10 / n + 1e-9);
const divRound = (a, b) => Math.sign(a) * Math.floor((2 * Math.abs(a) + b) / (2 * b));
const companyTenths = (answers) => meanTenths(answers.reduce((s, a) => s + 25 * POINTS[a], 0), answers.length);

function expectPeer(own, scores) {
	const n = scores.length;
	const sum = scores.reduce((a, b) => a + b, 0), sq = scores.reduce((a, b) => a + b * b, 0);
	const mean = sum / n, v = sq / n - mean * mean;
	const rank = scores.reduce((r, s) => r + (s < own ? 2 : s === own ? 1 : 0), 0);
	return {
		n,
		mean: divRound(sum, n),
		deviation: v > 0 ? 500 + Math.sign(own - mean) * Math.round(Math.abs(100 * (own - mean) / Math.sqrt(v))) : 500,
		percentile: divRound((rank - 1) * 1000, 2 * (n - 1)),
	};
}

const tenths = (s) => Math.round(parseFloat(s) * 10);
async function peerOnPage(org, round) {
	const page = await admin.get(`/o/${org}/rounds/${round}/results`);
	assert.equal(page.status, 200);
	const m = page.text.match(/<dt>偏差値<\/dt><dd class="big">(-?[\d.]+)<\/dd><dt>[^<]*<\/dt><dd class="big">([\d.]+)%<\/dd><dt>比べた相手の平均点<\/dt><dd>(-?[\d.]+) /);
	assert.ok(m, "peer figures on the results page");
	return { n: +page.text.match(/（(\d+)社）/)[1], mean: tenths(m[3]), deviation: tenths(m[1]), percentile: tenths(m[2]) };
}

async function closeRound(org, round) {
	const rp = `/o/${org}/rounds/${round}`;
	assert.equal((await post(`${rp}/close`, { confirm: "1" }, rp)).status, 303);
}

test("on a closed round, deleting and merging work the peer figures out again", async () => {
	// four companies of the same cohort, one respondent each
	const others = [];
	for (const [name, a] of [["比較一", "yes"], ["比較二", "partly"], ["比較三", "no"], ["比較四", "partly"]]) {
		const org = JSON.parse((await api("POST", "/api/v1/orgs", JSON.stringify({ name, industry: "F", employees: "e4" }))).text).id;
		const round = JSON.parse((await api("POST", `/api/v1/orgs/${org}/rounds`, "{}")).text).id;
		assert.equal((await api("POST", `/api/v1/rounds/${round}/answers`, csv(row("X", "employee", a)), "text/csv")).status, 201);
		await closeRound(org, round);
		others.push({ org, round, tenths: companyTenths([a]) });
	}
	// ours: four on paper and one who stopped after part 1
	const org = await makeOrg(admin, { name: "締切後の整理株式会社", industry: "F", employees: "e4" });
	const round = await openRound(admin, org);
	const rp = `/o/${org}/rounds/${round}`;
	const p = await personal(org, round, "途中の人");
	const rc = new Client(srv.base);
	const form = { _csrf: csrfOf((await rc.get(`${p.path}?part=1`)).text), part: "1", go: "next" };
	for (let i = 1; i <= 5; i++) form[`q${i}`] = "yes";
	assert.equal((await rc.post(p.path, form)).status, 303);
	assert.equal((await importCsv(org, round, csv(row("A", "executive", "yes"), row("B", "manager", "no"),
		row("C", "employee", "partly"), row("D", "employee", "unknown")))).status, 200);
	await closeRound(org, round);
	const list = cards((await admin.get(rp)).text);
	const id = (name) => list.find((x) => x.name === name).id;

	const score = (answers) => companyTenths(answers);
	const theirs = others.map((x) => x.tenths);
	let ours = ["yes", "no", "partly", "unknown"];
	const got = await peerOnPage(org, round);
	assert.deepEqual(got, expectPeer(score(ours), [...theirs, score(ours)]));

	// delete B (0 points): the company's score and the cohort's move
	const ask = await post(`${rp}/respondents/${id("B")}/delete`, {}, rp);
	assert.match(ask.text, /締め切った診断なので/);
	assert.equal((await admin.post(`${rp}/respondents/${id("B")}/delete`, { _csrf: csrfOf(ask.text), confirm: "1" })).status, 303);
	ours = ["yes", "partly", "unknown"];
	const afterDelete = await peerOnPage(org, round);
	assert.deepEqual(afterDelete, expectPeer(score(ours), [...theirs, score(ours)]));
	assert.notDeepEqual(afterDelete, got);
	// what the others see moved too
	assert.deepEqual(await peerOnPage(others[0].org, others[0].round), expectPeer(theirs[0], [...theirs, score(ours)]));

	// merge D (don't know throughout) into the one who stopped: 5 yes
	// kept, 20 don't know filled — 0 points, and now complete
	const merged = await post(`${rp}/merge`, { keep: String(p.id), drop: String(id("D")) }, rp);
	assert.equal(merged.status, 200);
	assert.match(merged.text, /締め切った診断なので/);
	assert.equal((await admin.post(`${rp}/merge`, { _csrf: csrfOf(merged.text), confirm: "1", keep: String(p.id), drop: String(id("D")) })).status, 303);
	const own = meanTenths(100 + 50 + (5 * 4 - 20), 3);	// A, C, merged
	const afterMerge = await peerOnPage(org, round);
	assert.deepEqual(afterMerge, expectPeer(own, [...theirs, own]));
	assert.equal(JSON.parse((await api("GET", `/api/v1/rounds/${round}/results`)).text).company_score, own / 10);

	// deleting every complete answer takes the company out of the comparison
	for (const c of cards((await admin.get(rp)).text))
		assert.equal((await post(`${rp}/respondents/${c.id}/delete`, { confirm: "1" }, rp)).status, 303);
	const none = await admin.get(`/o/${org}/rounds/${round}/results`);
	assert.doesNotMatch(none.text, /偏差値/);
	const page = await admin.get(`/o/${others[0].org}/rounds/${others[0].round}/results`);
	assert.match(page.text, /比べられる会社がまだ5社に満たない/);
});

test("the same CSV imported twice is refused, names the earlier import and stores nothing, unless confirmed", async () => {
	const org = await makeOrg(admin, { name: "二重取込株式会社" });
	const round = await openRound(admin, org);
	const rp = `/o/${org}/rounds/${round}`;
	const file = csv(row("田中", "executive", "yes"), row("", "employee", "partly"), row("", "employee", "no"));
	assert.equal((await importCsv(org, round, file)).status, 200);
	const count = async () => cards((await admin.get(rp)).text).length;
	assert.equal(await count(), 3);

	// the same rows again, with CRLF and a BOM: refused
	const again = await importCsv(org, round, "\ufeff" + file.replace(/\n/g, "\r\n"));
	assert.equal(again.status, 422);
	assert.match(again.text, /このファイルの3人分のうち3人分は、この診断にすでに取り込んだ回答とまったく同じです/);
	assert.match(again.text, /何も取り込んでいません/);
	assert.match(again.text, /前に取り込んだ日時: \d{4}-\d\d-\d\d \d\d:\d\d/);
	assert.match(again.text, /2行目 — 取り込み済みの回答者 No\.\d+ と同じ/);
	assert.match(again.text, /4行目 — /);
	assert.match(again.text, /name="force" value="1"/);
	assert.match(again.text, /それでも取り込む/);
	assert.equal(await count(), 3, "nothing stored");
	// a file holding one of them among new rows: refused at that line
	const mixed = await importCsv(org, round, csv(row("新人", "employee", "yes"), row("", "employee", "no")));
	assert.equal(mixed.status, 422);
	assert.match(mixed.text, /このファイルの2人分のうち1人分/);
	assert.match(mixed.text, /3行目 — /);
	assert.doesNotMatch(mixed.text, /2行目 — /);
	assert.equal(await count(), 3, "nothing stored");
	// different rows go in as before
	assert.equal((await importCsv(org, round, csv(row("新人", "employee", "yes")))).status, 200);
	assert.equal(await count(), 4);
	// "import anyway"
	const forced = await importCsv(org, round, file, true);
	assert.equal(forced.status, 200);
	assert.match(forced.text, /3人分の回答を取り込みました/);
	assert.equal(await count(), 7);
	const audit = await admin.get(`/o/${org}/audit`);
	assert.match(audit.text, /取り込み済みと同じ行がある回答ファイルを、確認のうえ取り込みました/);

	// the API: 409 with duplicate_of, nothing stored; ?force=1 stores
	const round2 = JSON.parse((await api("POST", `/api/v1/orgs/${org}/rounds`, "{}")).text).id;
	assert.equal((await api("POST", `/api/v1/rounds/${round2}/answers`, file, "text/csv")).status, 201);
	const n = async () => JSON.parse((await api("GET", `/api/v1/rounds/${round2}/results`)).text).respondents.length;
	assert.equal(await n(), 3);
	const dup = await api("POST", `/api/v1/rounds/${round2}/answers`, file, "text/csv");
	assert.equal(dup.status, 409);
	const body = JSON.parse(dup.text);
	assert.match(body.error, /already in this round/);
	assert.equal(typeof body.duplicate_of.imported_at, "number");
	assert.ok(Math.abs(body.duplicate_of.imported_at - Date.now() / 1000) < 600);
	assert.deepEqual(body.duplicate_of.rows.map((x) => x.line), [2, 3, 4]);
	assert.ok(body.duplicate_of.rows.every((x) => Number.isInteger(x.respondent)));
	assert.equal(await n(), 3, "nothing stored");
	assert.equal((await api("POST", `/api/v1/rounds/${round2}/answers?force=0`, file, "text/csv")).status, 409);
	assert.equal((await api("POST", `/api/v1/rounds/${round2}/answers?force=1`, file, "text/csv")).status, 201);
	assert.equal(await n(), 6);
});

test("more people answering than the company employs is pointed out, with the way to the profile", async () => {
	const org = await makeOrg(admin, { name: "小さな会社", employees: "e1" });
	const round = await openRound(admin, org);
	const rp = `/o/${org}/rounds/${round}`;
	const five = Array.from({ length: 5 }, (_, i) => row(`社員${i + 1}`, "employee", "yes"));
	assert.equal((await importCsv(org, round, csv(...five))).status, 200);
	let page = await admin.get(rp);
	assert.doesNotMatch(page.text, /登録した従業員数/);
	// a sixth who only started counts too
	const p = await personal(org, round, "六人目");
	page = await admin.get(rp);
	assert.doesNotMatch(page.text, /登録した従業員数/, "a link nobody opened is no answer");
	const rc = new Client(srv.base);
	const form = { _csrf: csrfOf((await rc.get(`${p.path}?part=1`)).text), part: "1", go: "next" };
	for (let i = 1; i <= 5; i++) form[`q${i}`] = "no";
	assert.equal((await rc.post(p.path, form)).status, 303);
	page = await admin.get(rp);
	assert.match(page.text, /回答者が6人になり、登録した従業員数（1〜5人）を超えています。重複した回答がないか確かめてください。/);
	assert.match(page.text, new RegExp(`<a href="/o/${org}/profile">登録した従業員数を見直す</a>`));
	await admin.get(`/lang/en?next=${encodeURIComponent(rp)}`);
	assert.match((await admin.get(rp)).text, /6 people have answered, more than the number of employees registered \(1–5\)/);
	await admin.get("/lang/ja?next=/");
});

test("each delete button names its person for screen readers", async () => {
	const org = await makeOrg(admin, { name: "名前付きボタン" });
	const round = await openRound(admin, org);
	await personal(org, round, "佐藤");
	await personal(org, round, "鈴木");
	const page = await admin.get(`/o/${org}/rounds/${round}`);
	const labels = [...page.text.matchAll(/<button [^>]*aria-label="([^"]*)"[^>]*>削除…<\/button>/g)].map((m) => m[1]);
	assert.equal(labels.length, 2);
	assert.equal(new Set(labels).size, 2, "the two buttons are told apart");
	assert.ok(labels.some((l) => l.includes("佐藤")) && labels.some((l) => l.includes("鈴木")), labels.join(" / "));
});
