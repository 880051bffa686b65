// Two mamori nodes on one database: whatever one node knows, the other
// knows too — sessions, one-time links, answers, results.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, Client, firstAdmin, makeOrg, openRound, csrfOf, unescape, answerAll } from "./lib.mjs";

let a, b;

before(async () => {
	a = await startServer();
	// B waits until A's schema exists, as a second node would
	b = await startServer([], a.db);
});
after(async () => { await b?.stop(); await a?.stop(); });

const links = (html) => [...html.matchAll(/<code class="secret[^"]*">([^<]+)<\/code>/g)].map((m) => unescape(m[1]));

test("a session made on node A works on node B, and logging out on B ends it on A", async () => {
	// the newest set-up link works (B's start ended A's), on either node
	const onA = await firstAdmin({ ...a, setup: b.setup || a.setup });
	const onB = new Client(b.base);
	onB.jar = onA.jar;	// the same browser, sent to the other node
	const home = await onB.get("/account");
	assert.equal(home.status, 200);
	assert.match(home.text, /admin@example\.jp/);
	const org = await makeOrg(onB);
	assert.equal((await onA.get(`/o/${org}`)).status, 200);
	// forms made on one node post on the other (CSRF lives in the database)
	const page = await onA.get(`/o/${org}`);
	const res = await onB.post(`/o/${org}/rounds`, { _csrf: csrfOf(page.text), title: "AとB" });
	assert.equal(res.status, 303);
	await onB.post("/logout", { _csrf: csrfOf(page.text) });
	assert.equal((await onA.get("/account")).status, 303);
});

test("a round answered half through A and half through B has the same results on both", async () => {
	const admin = new Client(a.base);
	await admin.get("/login");
	const login = await admin.post("/login", { _csrf: admin.jar.get("mamori_csrf"), email: "admin@example.jp", password: "correct horse battery" });
	assert.equal(login.status, 303);
	const org = await makeOrg(admin, { name: "二拠点テスト" });
	const round = await openRound(admin, org, "分散");
	const rp = `/o/${org}/rounds/${round}`;
	let page = await admin.get(rp);
	for (let i = 0; i < 4; i++)
		await admin.post(`${rp}/links`, { _csrf: csrfOf(page.text), role: ["executive", "manager", "employee", "employee"][i], name: `P${i}` });
	page = await admin.get(rp);
	const personal = links(page.text).slice(1).map((u) => u.slice(a.base.length));
	assert.equal(personal.length, 4);
	const A = ["yes", "partly", "no", "unknown"];
	for (let i = 0; i < 4; i++) {
		// each respondent: step 1 on A, steps 2 and 3 on B (and the
		// other way round for half of them)
		const first = new Client(i % 2 ? b.base : a.base), second = new Client(i % 2 ? a.base : b.base);
		const f = await first.get(personal[i] + "?part=1");
		const csrf = csrfOf(f.text);
		const ans = Array.from({ length: 25 }, (_, k) => A[(i + k) % 4]);
		const part = (p, lo, hi, go) => {
			const form = { _csrf: csrf, part: String(p), go };
			for (let k = lo; k <= hi; k++) form[`q${k}`] = ans[k - 1];
			return form;
		};
		assert.equal((await first.post(personal[i], part(1, 1, 5, "next"))).status, 303);
		assert.equal((await second.post(personal[i], part(2, 6, 18, "next"))).status, 303);
		assert.equal((await second.post(personal[i], part(3, 19, 25, "finish"))).status, 303);
	}
	const ja = JSON.parse((await admin.get(`/api/v1/rounds/${round}/results`)).text);
	const bAdmin = new Client(b.base);
	bAdmin.jar = admin.jar;
	const jb = JSON.parse((await bAdmin.get(`/api/v1/rounds/${round}/results`)).text);
	assert.equal(ja.respondents.length, 4);
	assert.deepEqual(ja, jb);
	// and the results pages (each node caches its own) agree
	const ha = (await admin.get(`${rp}/results`)).text.match(/<span class="score-num">([^<]+)</)[1];
	const hb = (await bAdmin.get(`${rp}/results`)).text.match(/<span class="score-num">([^<]+)</)[1];
	assert.equal(ha, hb);
	assert.equal(+ha, ja.company_score);
});

test("a lost database connection is opened again before a request meets it", { skip: !process.env.MAMORI_TEST_PG_DIR && "needs PostgreSQL (the http-postgres run)" }, async () => {
	const { execFileSync } = await import("node:child_process");
	const admin = new Client(a.base);
	await admin.get("/login");
	const login = await admin.post("/login", { _csrf: admin.jar.get("mamori_csrf"), email: "admin@example.jp", password: "correct horse battery" });
	assert.equal(login.status, 303);
	assert.equal((await admin.get("/account")).status, 200);
	// the database server drops every connection of this database
	execFileSync("psql", [a.db, "-q", "-c", "SELECT pg_terminate_backend(pid) FROM pg_stat_activity " +
		"WHERE datname = current_database() AND pid <> pg_backend_pid()"]);
	// each pooled connection is checked when lent out and opened again:
	// no request fails on the break
	const seen = async (client) => {
		const s = [];
		for (let i = 0; i < 8; i++)
			s.push((await client.get("/account")).status);
		return s;
	};
	const onA = await seen(admin);
	assert.deepEqual(onA, Array(8).fill(200), onA.join(","));
	// nothing lost: the session still works on both nodes
	const onB = new Client(b.base);
	onB.jar = admin.jar;
	const seenB = await seen(onB);
	assert.deepEqual(seenB, Array(8).fill(200), seenB.join(","));
});

test("a node that keeps the results page between views shows another node's answer at once", async () => {
	const admin = new Client(a.base);
	await admin.get("/login");
	assert.equal((await admin.post("/login", { _csrf: admin.jar.get("mamori_csrf"), email: "admin@example.jp", password: "correct horse battery" })).status, 303);
	const org = await makeOrg(admin, { name: "鮮度テスト" });
	const round = await openRound(admin, org, "鮮度");
	const rp = `/o/${org}/rounds/${round}`;
	let page = await admin.get(rp);
	for (const role of ["executive", "employee"])
		await admin.post(`${rp}/links`, { _csrf: csrfOf(page.text), role, name: role });
	page = await admin.get(rp);
	const [p1, p2] = links(page.text).slice(1).map((u) => u.slice(a.base.length));
	const answer = (base, path, ans) => answerAll(new Client(base), path, Array(25).fill(ans));
	await answer(b.base, p1, "yes");
	const score = async () => (await admin.get(`${rp}/results`)).text.match(/class="score-num">([^<]*)</)?.[1];
	assert.equal(await score(), "100.0");
	assert.equal(await score(), "100.0");	// now kept by node A
	// the second respondent finishes on node B: A must not show the old page
	await answer(b.base, p2, "no");
	const t0 = Date.now();
	let s;
	while ((s = await score()) !== "50.0" && Date.now() - t0 < 2000)
		await new Promise((r) => setTimeout(r, 20));
	assert.equal(s, "50.0", "node A shows the new mean within 2 s");
	// and closing on B reaches A's page too
	page = await new Client(b.base).get("/");
	const onB = new Client(b.base);
	onB.jar = admin.jar;
	const rpage = await onB.get(rp);
	assert.equal((await onB.post(`${rp}/close`, { _csrf: csrfOf(rpage.text), confirm: "1" })).status, 303);
	const t1 = Date.now();
	let closed = false;
	while (!(closed = /締め切り済み|報告書をダウンロード/.test((await admin.get(`${rp}/results`)).text)) && Date.now() - t1 < 2000)
		await new Promise((r) => setTimeout(r, 20));
	assert.ok(closed, "node A shows the round closed within 2 s");
});

// What node B keeps of who a session, a token or a member is (struct
// app.auth) gives way to a change made through node A within the
// watch's delay: B's answer is polled for up to 2 s.
test("a sign-out, a revoked token, a lesser role and a removal made on node A reach node B", async () => {
	const soon = async (f, want) => {
		const t0 = Date.now();
		let s;
		while ((s = await f()) !== want && Date.now() - t0 < 2000)
			await new Promise((r) => setTimeout(r, 20));
		return s;
	};
	const warm = async (f) => {
		for (let i = 0; i < 3; i++)
			assert.equal(await f(), 200, "before the change");
	};
	const onA = new Client(a.base);
	await onA.get("/login");
	assert.equal((await onA.post("/login", { _csrf: onA.jar.get("mamori_csrf"), email: "admin@example.jp", password: "correct horse battery" })).status, 303);
	const org = await makeOrg(onA, { name: "取り消しテスト" });

	// a sign-out
	const onB = new Client(b.base);
	onB.jar = new Map(onA.jar);
	await warm(async () => (await onB.get("/account")).status);
	const second = new Client(a.base);
	await second.get("/login");
	assert.equal((await second.post("/login", { _csrf: second.jar.get("mamori_csrf"), email: "admin@example.jp", password: "correct horse battery" })).status, 303);
	const page = await onA.get(`/o/${org}`);
	assert.equal((await onA.post("/logout", { _csrf: csrfOf(page.text) })).status, 303);
	assert.equal(await soon(async () => (await onB.get("/account")).status, 303), 303, "signed out on B");

	// a revoked token
	const made = await second.submit("/account", "/account/token", {});
	const tok = made.text.match(/<code class="secret">([^<]+)<\/code>/)[1];
	const api = () => new Client(b.base).get(`/api/v1/orgs/${org}/rounds`, { headers: { authorization: `Bearer ${tok}` } });
	await warm(async () => (await api()).status);
	const acc = await second.get("/account");
	assert.equal((await second.post("/account/token/revoke", { _csrf: csrfOf(acc.text) })).status, 200);
	assert.equal(await soon(async () => (await api()).status, 401), 401, "token refused on B");

	// a member's role, then the member
	const mp = await second.get(`/o/${org}/members`);
	const inv = await second.post(`/o/${org}/members`, { _csrf: csrfOf(mp.text), role: "org_admin" });
	const path = new URL(unescape(inv.text.match(/<code class="secret[^"]*">([^<]*\/invite\/[^<]+)<\/code>/)[1])).pathname;
	const m = new Client(b.base);
	assert.equal((await m.submit(path, path, { email: "moved@example.jp", password: "a long enough pass", password2: "a long enough pass" })).status, 303);
	await warm(async () => (await m.get(`/o/${org}/members`)).status);
	const members = await second.get(`/o/${org}/members`);
	const uid = [...members.text.matchAll(new RegExp(`/o/${org}/members/(\\d+)`, "g"))].map((x) => +x[1]).sort((x, y) => x - y).pop();
	assert.equal((await second.post(`/o/${org}/members/${uid}`, { _csrf: csrfOf(members.text), role: "member" })).status, 200);
	assert.equal(await soon(async () => (await m.get(`/o/${org}/members`)).status, 403), 403, "lesser role on B");
	await warm(async () => (await m.get(`/o/${org}`)).status);
	assert.equal((await second.post(`/o/${org}/members/${uid}`, { _csrf: csrfOf(members.text), remove: "1" })).status, 200);
	assert.equal(await soon(async () => (await m.get(`/o/${org}`)).status, 404), 404, "removed on B");
});

// The comment on a round is kept with its results page (each node its
// own): one written or changed on node A shows on node B's page within
// the watch's delay.
test("an advisor's comment written on node A shows on node B's results page", async () => {
	const onA = new Client(a.base);
	await onA.get("/login");
	assert.equal((await onA.post("/login", { _csrf: onA.jar.get("mamori_csrf"), email: "admin@example.jp", password: "correct horse battery" })).status, 303);
	const onB = new Client(b.base);
	onB.jar = onA.jar;
	const org = await makeOrg(onA, { name: "コメント二拠点" });
	const round = await openRound(onA, org, "コメント");
	const rp = `/o/${org}/rounds/${round}`;
	const rpage = await onA.get(rp);
	assert.equal((await onA.post(`${rp}/close`, { _csrf: csrfOf(rpage.text), confirm: "1" })).status, 303);
	const body = async () => (await onB.get(`${rp}/results`)).text.match(/<p class="comment-body">([^<]*)</)?.[1] ?? "";
	const soon = async (want) => {
		const t0 = Date.now();
		let s;
		while ((s = await body()) !== want && Date.now() - t0 < 2000)
			await new Promise((r) => setTimeout(r, 20));
		return s;
	};
	for (let i = 0; i < 3; i++)
		assert.equal(await body(), "");
	const page = await onA.get(`${rp}/results`);
	assert.equal((await onA.post(`${rp}/comment`, { _csrf: csrfOf(page.text), comment: "一回目" })).status, 303);
	assert.equal(await soon("一回目"), "一回目");
	assert.equal(await body(), "一回目");
	assert.equal((await onA.post(`${rp}/comment`, { _csrf: csrfOf(page.text), comment: "二回目" })).status, 303);
	assert.equal(await soon("二回目"), "二回目");
});

test("an organisation renamed on node A shows under its new name on node B's register page", async () => {
	const onA = new Client(a.base);
	await onA.get("/login");
	assert.equal((await onA.post("/login", { _csrf: onA.jar.get("mamori_csrf"), email: "admin@example.jp", password: "correct horse battery" })).status, 303);
	const onB = new Client(b.base);
	onB.jar = onA.jar;
	const org = await makeOrg(onA, { name: "改名前の会社" });
	const title = async () => (await onB.get(`/o/${org}/r/assets`)).text;
	for (let i = 0; i < 3; i++)
		assert.match(await title(), /改名前の会社/);
	const form = await onA.get(`/o/${org}/profile`);
	const fields = Object.fromEntries([...form.text.matchAll(/<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g)].map((m) => [m[1], unescape(m[2])]));
	const sel = [...form.text.matchAll(/<select[^>]*name="([^"]+)"[\s\S]*?<option value="([^"]*)" selected/g)];
	for (const m of sel) fields[m[1]] = m[2];
	const res = await onA.post(`/o/${org}/profile`, { ...fields, _csrf: csrfOf(form.text), name: "改名後の会社" });
	assert.ok(res.status === 303 || res.status === 200, `profile saved: ${res.status}`);
	const t0 = Date.now();
	let page;
	while (!/改名後の会社/.test(page = await title()) && Date.now() - t0 < 2000)
		await new Promise((r) => setTimeout(r, 20));
	assert.match(page, /改名後の会社/);
	assert.doesNotMatch(page, /改名前の会社/);
	// the switcher of every organisation page names it anew too, and a
	// new organisation made on A is offered on B
	const sw = async () => (await onB.get(`/o/${org}/r/plan`)).text.match(/<select name="org"[\s\S]*?<\/select>/)?.[0] ?? "";
	assert.match(await sw(), /改名後の会社/);
	assert.doesNotMatch(await sw(), /改名前の会社/);
	const added = await makeOrg(onA, { name: "あとから作った会社" });
	const t1 = Date.now();
	let opts;
	while (!(opts = await sw()).includes("あとから作った会社") && Date.now() - t1 < 2000)
		await new Promise((r) => setTimeout(r, 20));
	assert.match(opts, new RegExp(`value="${added}"[^>]*>あとから作った会社`));
});
