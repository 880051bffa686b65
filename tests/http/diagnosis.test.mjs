// The self-diagnosis end to end over HTTP: first admin, organisation,
// round, three respondents through their links, results as the user and
// the API see them, and every way a request can go wrong.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
	startServer, Client, firstAdmin, makeOrg, openRound, answerAll, csrfOf,
	unescape, cli, top,
} from "./lib.mjs";

const POINTS = { yes: 4, partly: 2, no: 0, unknown: -1 };
const score = (a) => a.reduce((s, x) => s + POINTS[x], 0);
// Mean with one decimal, half away from zero, as the product rounds.
const mean1 = (xs) => {
	const s = xs.reduce((a, b) => a + b, 0), n = xs.length;
	const t = Math.sign(s) * Math.floor((Math.abs(s) * 10 * 2 + n) / (2 * n));
	return t / 10;
};

// Three respondents: an executive who thinks all is well, a manager,
// and an employee who often does not know.
const EXEC = Array(25).fill("yes").map((v, i) => (i % 6 === 5 ? "partly" : v));
const MGR = Array(25).fill("partly").map((v, i) => (i % 4 === 0 ? "no" : v));
const EMP = Array(25).fill("unknown").map((v, i) => (i % 3 === 0 ? "yes" : v));

let srv, admin, org, round;

before(async () => {
	srv = await startServer();
	admin = await firstAdmin(srv);
	org = await makeOrg(admin);
	round = await openRound(admin, org, "2026年 秋の診断");
});
after(async () => { await srv?.stop(); });

const links = (html) => [...html.matchAll(/<code class="secret[^"]*">([^<]+)<\/code>/g)].map((m) => unescape(m[1]));

test("health check and unknown pages", async () => {
	const c = new Client(srv.base);
	const h = await c.get("/healthz");
	assert.equal(h.status, 200);
	assert.equal(h.text, "ok\n");
	const nf = await c.get("/no/such/page");
	assert.equal(nf.status, 404);
	assert.match(nf.text, /ページが見つかりません/);
	assert.match(nf.text, /<html lang="ja">/);
	const en = await c.get("/no/such/page", { headers: { "accept-language": "en-GB,en" } });
	assert.match(en.text, /Page not found/);
	const m = await c.post("/healthz", {});
	assert.equal(m.status, 405);
});

test("every response carries the security headers", async () => {
	const r = await admin.get(`/o/${org}`);
	assert.equal(r.status, 200);
	const csp = r.headers.get("content-security-policy");
	assert.match(csp, /script-src 'self'/);
	assert.match(csp, /frame-ancestors 'none'/);
	assert.doesNotMatch(csp, /unsafe-inline/);
	assert.equal(r.headers.get("x-content-type-options"), "nosniff");
	assert.equal(r.headers.get("referrer-policy"), "no-referrer");
	assert.doesNotMatch(r.text, /style="/);
	assert.doesNotMatch(r.text, /<script>/);
});

test("the set-up link creates one admin, once", async () => {
	const c = new Client(srv.base);
	const again = await c.get(srv.setup.slice(srv.base.length));
	// gone for good once an account exists, and said so plainly
	assert.equal(again.status, 410);
	assert.doesNotMatch(again.text, /name="password2"/);
});

test("session cookie is HttpOnly and SameSite=Lax", async () => {
	const c = new Client(srv.base);
	await c.get("/login");
	const res = await c.post("/login", { _csrf: c.jar.get("mamori_csrf"), email: "admin@example.jp", password: "correct horse battery" });
	assert.equal(res.status, 303);
	const sc = res.headers.getSetCookie().find((x) => x.startsWith("mamori_session="));
	assert.match(sc, /HttpOnly/);
	assert.match(sc, /SameSite=Lax/);
	const home = await c.get("/");
	assert.ok(home.status === 200 || home.status === 303);
});

test("a failed login says so and keeps the e-mail; repeated failures are slowed down", async () => {
	const c = new Client(srv.base);
	const page = await c.get("/login");
	const csrf = csrfOf(page.text);
	const bad = await c.post("/login", { _csrf: csrf, email: "someone@example.jp", password: "wrong password" });
	assert.equal(bad.status, 401);
	assert.match(bad.text, /メールアドレスかパスワードがちがいます/);
	assert.match(bad.text, /value="someone@example.jp"/);
	let last;
	for (let i = 0; i < 6; i++)
		last = await c.post("/login", { _csrf: csrf, email: "victim@example.jp", password: "nope nope nope" });
	assert.equal(last.status, 429);
	assert.match(last.text, /15分/);
	const audit = await admin.get("/admin/audit");
	assert.match(audit.text, /ログインに失敗しました/);
	assert.match(audit.text, /ログインを一時的に止めました/);
});

test("state-changing forms without the CSRF token are refused", async () => {
	const none = await admin.post("/o/new", { name: "x", industry: "E" });
	assert.equal(none.status, 403);
	const wrong = await admin.post(`/o/${org}/rounds`, { _csrf: "A".repeat(43), title: "x" });
	assert.equal(wrong.status, 403);
	// A login POST without the double-submit cookie is refused too.
	const fresh = new Client(srv.base);
	const l = await fresh.post("/login", { _csrf: "x", email: "admin@example.jp", password: "correct horse battery" });
	assert.equal(l.status, 403);
});

test("a wrong field is shown next to it and the other answers are kept", async () => {
	const page = await admin.get("/o/new");
	const res = await admin.post("/o/new", {
		_csrf: csrfOf(page.text), name: "", industry: "G", employees: "e2",
		capital: "zz", prefecture: "27", many_systems: "1", manual_fallback: "0", others_depend: "1",
	});
	assert.equal(res.status, 422);
	assert.match(res.text, /<p class="field-msg" id="e-name">入力してください。/);
	assert.match(res.text, /id="f-name" name="name" value="" maxlength="200" autocomplete="organization" required="" aria-invalid="true" aria-describedby="e-name"/);
	assert.match(res.text, /<option value="G" selected="">/);
	assert.match(res.text, /<option value="27" selected="">/);
	assert.match(res.text, /aria-invalid="true"/);
	// capital was wrong, so it has its own message
	const capital = res.text.slice(res.text.indexOf('for="f-capital"'));
	assert.match(capital.slice(0, 400), /一覧から選んでください/);
});

test("three respondents answer through their links and the results add up", async () => {
	const rp = `/o/${org}/rounds/${round}`;
	let page = await admin.get(rp);
	assert.equal(page.status, 200);
	const shared = links(page.text)[0];
	assert.match(shared, /\/s\/\d+\.[A-Za-z0-9_-]{22}$/);
	// two personal links
	let csrf = csrfOf(page.text);
	let res = await admin.post(`${rp}/links`, { _csrf: csrf, role: "executive", name: "山田 社長" });
	assert.equal(res.status, 303);
	res = await admin.post(`${rp}/links`, { _csrf: csrf, role: "manager", name: "" });
	assert.equal(res.status, 303);
	page = await admin.get(rp);
	const personal = links(page.text).slice(1);
	assert.equal(personal.length, 2);
	// the QR code of a link is an SVG image
	const qr = await admin.get(`${rp}/qr/shared.svg`);
	assert.equal(qr.status, 200);
	assert.match(qr.headers.get("content-type"), /image\/svg\+xml/);
	assert.match(qr.text, /<path /);

	const exec = new Client(srv.base), mgr = new Client(srv.base), emp = new Client(srv.base);
	await answerAll(exec, personal[0].slice(srv.base.length), EXEC);
	await answerAll(mgr, personal[1].slice(srv.base.length), MGR);
	// results are cached; they must follow every new answer
	const two = await admin.get(`${rp}/results`);
	assert.match(two.text, new RegExp(`<span class="score-num">${mean1([score(EXEC), score(MGR)]).toFixed(1)}</span>`));
	assert.match(two.text, /2人の回答の平均です/);
	// the employee comes through the shared link and picks a role
	const sp = shared.slice(srv.base.length);
	const form = await emp.get(sp);
	assert.match(form.text, /あなたの立場を選んでください/);
	res = await emp.post(sp, { _csrf: csrfOf(form.text), role: "employee", name: "" });
	assert.equal(res.status, 303);
	assert.match(res.location, /^\/r\//);
	await answerAll(emp, res.location, EMP);
	// coming back to the shared link leads to the same personal link
	const back = await emp.get(sp);
	assert.equal(back.status, 303);
	assert.equal(back.location, res.location);
	const done = await emp.get(res.location);
	assert.match(done.text, /ご回答ありがとうございました/);

	const expected = mean1([score(EXEC), score(MGR), score(EMP)]);
	const html = await admin.get(`${rp}/results`);
	assert.equal(html.status, 200);
	assert.match(html.text, new RegExp(`<span class="score-num">${expected.toFixed(1)}</span>`));
	assert.match(html.text, /<svg[^>]*role="img"/);
	assert.match(html.text, /まず取り組むこと/);
	assert.match(html.text, /経営者と社員の見方のちがい/);
	assert.match(html.text, /山田 社長/); // names are for admins

	const api = await admin.get(`/api/v1/rounds/${round}/results`);
	assert.equal(api.status, 200);
	assert.match(api.headers.get("content-type"), /application\/json/);
	const j = JSON.parse(api.text);
	assert.equal(j.company_score, expected);
	assert.equal(j.respondents.length, 3);
	assert.deepEqual(j.respondents.map((r) => r.score).sort((a, b) => a - b),
		[score(EXEC), score(MGR), score(EMP)].sort((a, b) => a - b));
	assert.equal(j.items.length, 25);
	const item1 = j.items[0];
	const n1 = [EXEC[0], MGR[0], EMP[0]];
	assert.deepEqual(item1.counts, {
		"4": n1.filter((x) => x === "yes").length, "2": n1.filter((x) => x === "partly").length,
		"0": n1.filter((x) => x === "no").length, "-1": n1.filter((x) => x === "unknown").length,
	});
	const rounds = await admin.get(`/api/v1/orgs/${org}/rounds`);
	const rl = JSON.parse(rounds.text).rounds;
	assert.equal(rl.find((r) => r.id === round).respondents, 3);
});

test("a respondent who skips questions sees where, and keeps what was given", async () => {
	const r2 = await openRound(admin, org, "skip test");
	const rp = `/o/${org}/rounds/${r2}`;
	const page = await admin.get(rp);
	await admin.post(`${rp}/links`, { _csrf: csrfOf(page.text), role: "employee", name: "" });
	const link = links((await admin.get(rp)).text).slice(-1)[0].slice(srv.base.length);
	const c = new Client(srv.base);
	const f = await c.get(link + "?part=1");
	const res = await c.post(link, { _csrf: csrfOf(f.text), part: "1", go: "next", q1: "yes", q3: "no" });
	assert.equal(res.status, 422);
	assert.match(res.text, /この質問にまだ答えていません/);
	assert.match(res.text, /name="q1" value="yes" checked=""/);
	assert.match(res.text, /name="q3" value="no" checked=""/);
	assert.match(res.text, /id="item-2" aria-describedby/);
	// an answer outside the four is not silently dropped: nothing is
	// saved and its question comes back marked, the others as sent
	const bad = await c.post(link, { _csrf: csrfOf(f.text), part: "1", q1: "no", q2: "maybe" });
	assert.equal(bad.status, 422);
	assert.match(bad.text, /id="item-2" aria-describedby="e-q2"/);
	assert.match(bad.text, /name="q1" value="no" checked=""/);
	assert.match((await c.get(link + "?part=1")).text, /name="q1" value="yes" checked=""/, "nothing saved");
	const auto = await c.post(link, { _csrf: csrfOf(f.text), part: "1", autosave: "1", q2: "maybe" });
	assert.equal(auto.status, 422);
	assert.deepEqual(JSON.parse(auto.text), { error: "answer" });
	// without the link's CSRF field nothing is saved
	const forged = await c.post(link, { part: "1", q2: "yes" });
	assert.equal(forged.status, 403);
	// a forged token is simply not there
	const fake = await c.get(link.replace(/\.[^.]+$/, ".AAAAAAAAAAAAAAAAAAAAAA"));
	assert.equal(fake.status, 404);
});

test("XSS payloads in every text field come back escaped", async () => {
	const evil = `<script>alert(1)</script>"'><img src=x onerror=alert(2)>`;
	const o2 = await makeOrg(admin, { name: evil });
	const r3 = await openRound(admin, o2, evil);
	const rp = `/o/${o2}/rounds/${r3}`;
	let page = await admin.get(rp);
	await admin.post(`${rp}/links`, { _csrf: csrfOf(page.text), role: "manager", name: evil });
	page = await admin.get(rp);
	const link = links(page.text)[1].slice(srv.base.length);
	await answerAll(new Client(srv.base), link, EXEC);
	for (const path of ["/", `/o/${o2}`, rp, `${rp}/results`, `/o/${o2}/profile`, `/o/${o2}/audit`, "/admin/audit"]) {
		const r = await admin.get(path);
		assert.equal(r.status, 200, path);
		assert.doesNotMatch(r.text, /<script>alert/, path);
		assert.doesNotMatch(r.text, /<img src=x/, path);
		assert.match(r.text, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/, path);
	}
	const api = await admin.get(`/api/v1/rounds/${r3}/results`);
	assert.equal(JSON.parse(api.text).respondents[0].name, evil);
	assert.doesNotMatch(api.text, /<script>/);
});

test("a member of another organisation gets 404 on every route of this one", async () => {
	// a second organisation with its own admin, invited by link
	const o3 = await makeOrg(admin, { name: "別会社" });
	const mp = await admin.get(`/o/${o3}/members`);
	const inv = await admin.post(`/o/${o3}/members`, { _csrf: csrfOf(mp.text), role: "org_admin" });
	const url = links(inv.text)[0];
	assert.match(url, /\/invite\//);
	const other = new Client(srv.base);
	const ip = url.slice(srv.base.length);
	const made = await other.submit(ip, ip, { email: "other@example.jp", password: "another long pass", password2: "another long pass" });
	assert.equal(made.status, 303);
	assert.equal(made.location, `/o/${o3}`);
	assert.equal((await other.get(`/o/${o3}`)).status, 200);

	// walk the route table: every route scoped to an organisation, or to
	// a round, must not exist for them
	const table = readFileSync(join(top, "src/pages/routes.c"), "utf8");
	const routes = [...table.matchAll(/R\("([^"]+)", HTTP_(GET|POST), "([^"]+)"/g)].map((m) => ({ name: m[1], method: m[2], pattern: m[3] }));
	assert.ok(routes.length > 20);
	const csrf = csrfOf((await other.get(`/o/${o3}`)).text);
	let walked = 0;
	for (const r of routes) {
		if (!/\{org\}|\/rounds\/\{id\}/.test(r.pattern)) continue;
		const path = r.pattern.replace("{org}", org).replace("{id}", round).replace("{which}", "shared.svg");
		const res = r.method === "GET" ? await other.get(path) : await other.post(path, { _csrf: csrf, title: "x", role: "member" });
		assert.equal(res.status, 404, `${r.method} ${path} (${r.name})`);
		walked++;
	}
	assert.ok(walked >= 12, `walked ${walked}`);
	// and admin pages do not exist for a non-admin
	assert.equal((await other.get("/admin/users")).status, 404);

	// the instance admin makes them a plain member, then removes them
	const members = await admin.get(`/o/${o3}/members`);
	const uid = members.text.match(new RegExp(`/o/${o3}/members/(\\d+)`))[1];
	let ch = await admin.post(`/o/${o3}/members/${uid}`, { _csrf: csrfOf(members.text), role: "member" });
	assert.equal(ch.status, 200);
	assert.match(ch.text, /役割を変えました/);
	assert.equal((await other.get(`/o/${o3}/members`)).status, 403);
	assert.equal((await other.get(`/o/${o3}`)).status, 200);
	// a member cannot change roles, not even their own
	const self = await other.post(`/o/${o3}/members/${uid}`, { _csrf: csrfOf((await other.get(`/o/${o3}`)).text), role: "org_admin" });
	assert.equal(self.status, 403);
	ch = await admin.post(`/o/${o3}/members/${uid}`, { _csrf: csrfOf(members.text), remove: "1" });
	assert.equal(ch.status, 200);
	assert.match(ch.text, /メンバーから外しました/);
	assert.equal((await other.get(`/o/${o3}`)).status, 404);
	const audit = await admin.get(`/o/${o3}/audit`);
	assert.match(audit.text, /役割を変えました/);
	assert.match(audit.text, /other@example\.jp: 組織の管理者 → メンバー/);
	assert.match(audit.text, /メンバーを組織から外しました/);
	// nobody changes their own role
	const mine = await admin.get(`/o/${o3}/members`);
	assert.match(mine.text, /（あなた）/);
	// someone in several organisations switches between them
	assert.match(mine.text, /<form method="get" action="\/go" class="org-switch">/);
	assert.match(mine.text, new RegExp(`<option value="${o3}" selected="">別会社</option>`));
	const go = await admin.get(`/go?org=${org}`);
	assert.equal(go.status, 303);
	assert.equal(go.location, `/o/${org}`);
	assert.equal((await admin.get("/go?org=x")).location, "/");
});

test("oversize bodies get 413", async () => {
	const big = "x=" + "a".repeat(3 * 1024 * 1024);
	const res = await admin.req("POST", `/o/${org}/rounds`, { body: big, headers: { "content-type": "application/x-www-form-urlencoded" } });
	assert.equal(res.status, 413);
});

test("answers collected on paper come in whole, or not at all with line and column", async () => {
	const r4 = await openRound(admin, org, "紙の回答");
	const rp = `/o/${org}/rounds/${r4}`;
	const page = await admin.get(rp);
	const csrf = csrfOf(page.text);
	const head = "name,role," + Array.from({ length: 25 }, (_, i) => `q${i + 1}`).join(",");
	const good = `${head}\n鈴木,経営者,${EXEC.join(",")}\n高橋,employee,${Array(25).fill("実施している").join(",")}\n`;
	const bad = `${head}\n鈴木,経営者,${EXEC.join(",")}\n高橋,社長,${Array(25).fill("4").join(",")}\n`;
	const upload = async (text) => {
		const fd = new FormData();
		fd.append("_csrf", csrf);
		fd.append("csv", new Blob([text], { type: "text/csv" }), "answers.csv");
		const h = { cookie: admin.cookieHeader() };
		const r = await fetch(srv.base + `${rp}/import`, { method: "POST", body: fd, headers: h, redirect: "manual" });
		return { status: r.status, text: await r.text() };
	};
	const b = await upload(bad);
	assert.equal(b.status, 422);
	assert.match(b.text, /何も取り込んでいません/);
	assert.match(b.text, /3行目・2列目/);
	let api = JSON.parse((await admin.get(`/api/v1/rounds/${r4}/results`)).text);
	assert.equal(api.respondents.length, 0);
	const g = await upload(good);
	assert.equal(g.status, 200);
	assert.match(g.text, /2人分の回答を取り込みました/);
	api = JSON.parse((await admin.get(`/api/v1/rounds/${r4}/results`)).text);
	assert.equal(api.respondents.length, 2);
	assert.equal(api.company_score, mean1([score(EXEC), 100]));
});

test("a closed round is frozen", async () => {
	const r5 = await openRound(admin, org, "締め切りテスト");
	const rp = `/o/${org}/rounds/${r5}`;
	let page = await admin.get(rp);
	await admin.post(`${rp}/links`, { _csrf: csrfOf(page.text), role: "employee", name: "" });
	page = await admin.get(rp);
	const link = links(page.text)[1].slice(srv.base.length);
	const c = new Client(srv.base);
	const f = await c.get(link + "?part=1");
	// one answer given: started, not finished
	assert.equal((await c.post(link, { _csrf: csrfOf(f.text), part: "1", q1: "yes", autosave: "1" })).status, 200);
	// The button asks first, and says who would be left out; nothing closes.
	const ask = await admin.post(`${rp}/close`, { _csrf: csrfOf(page.text) });
	assert.equal(ask.status, 200);
	assert.match(ask.text, /この診断を締め切りますか？/);
	assert.match(ask.text, /途中まで回答した人: 1人/);
	assert.match(ask.text, /回答を終えた人: 0人/);
	assert.match(ask.text, /途中までの1人分の回答は、締め切ると結果に入りません/);
	assert.match(ask.text, /name="confirm" value="1"/);
	assert.match((await admin.get(rp)).text, /回答受付中/);
	const res = await admin.post(`${rp}/close`, { _csrf: csrfOf(ask.text), confirm: "1" });
	assert.equal(res.status, 303);
	const late = await c.post(link, { _csrf: csrfOf(f.text), part: "1", q1: "yes" });
	assert.equal(late.status, 409);
	assert.match(late.text, /締め切られました/);
	const audit = await admin.get(`/o/${org}/audit`);
	assert.match(audit.text, /回答期間を締め切りました/);
	assert.match(audit.text, /自社診断の回答受付を始めました/);
});

test("the API takes a Bearer token and refuses a bad one", async () => {
	const r = cli(["user", "token", "admin@example.jp", "--db", srv.db]);
	assert.equal(r.status, 0, r.stderr);
	const token = r.stdout.trim();
	assert.equal(token.length, 43);
	const c = new Client(srv.base);
	const ok = await c.get(`/api/v1/orgs/${org}/rounds`, { headers: { authorization: `Bearer ${token}` } });
	assert.equal(ok.status, 200);
	const no = await c.get(`/api/v1/orgs/${org}/rounds`, { headers: { authorization: "Bearer " + "x".repeat(43) } });
	assert.equal(no.status, 401);
	assert.deepEqual(JSON.parse(no.text), { error: "401" });
	const anon = await c.get(`/api/v1/orgs/${org}/rounds`);
	assert.equal(anon.status, 401);
});

test("malformed requests get a clear 4xx and the server stays up", async () => {
	const c = new Client(srv.base);
	const page = await admin.get(`/o/${org}`);
	const csrf = csrfOf(page.text);
	const raw = (path, body, type) => admin.req("POST", path, { body, headers: { "content-type": type } });
	// a form body that is not url-encoding
	assert.equal((await raw(`/o/${org}/rounds`, "title=%zz&_csrf=" + csrf, "application/x-www-form-urlencoded")).status, 400);
	// a multipart body without its boundary, and a broken one
	assert.equal((await raw(`/o/${org}/rounds/${round}/import`, "--x\r\n\r\n", "multipart/form-data")).status, 400);
	assert.equal((await raw(`/o/${org}/rounds/${round}/import`, "--b\r\nno end", "multipart/form-data; boundary=b")).status, 400);
	// ids that are not ids
	for (const p of ["/o/abc", "/o/0", "/o/-1", "/o/99999999999999999999", `/o/${org}/rounds/zz`,
		`/o/${org}/rounds/999999/results`, "/r/garbage", "/r/1.x", "/s/", "/s/%00", "/static/../src/app.c"])
		assert.equal((await admin.get(p)).status, 404, p);
	// junk cookies are ignored, not trusted
	const junk = await c.get("/", { headers: { cookie: "mamori_session=\"<>\"; ;;= ; mamori_session=" + "x".repeat(43) } });
	assert.equal(junk.status, 303);
	assert.equal(junk.location, "/login");
	// a URL longer than the server keeps in memory
	const long = await c.get("/" + "a".repeat(70000)).catch((e) => ({ status: 0, e }));
	assert.ok(long.status === 414 || long.status === 404 || long.status === 431 || long.status === 0, `status ${long.status}`);
	// an unknown method
	const m = await fetch(srv.base + "/healthz", { method: "DELETE" });
	assert.equal(m.status, 405);
	assert.equal((await c.get("/healthz")).status, 200);
});

test("the API creates organisations and rounds and takes CSV answers whole or not at all", async () => {
	const r = cli(["user", "token", "admin@example.jp", "--db", srv.db]);
	const auth = { authorization: `Bearer ${r.stdout.trim()}` };
	const c = new Client(srv.base);
	const post = (path, body, type = "application/json") => c.req("POST", path, { body, headers: { ...auth, "content-type": type } });
	let res = await post("/api/v1/orgs", JSON.stringify({ name: "API株式会社", industry: "G", employees: "e2" }));
	assert.equal(res.status, 201);
	const oid = JSON.parse(res.text).id;
	assert.ok(oid > 0);
	res = await post("/api/v1/orgs", JSON.stringify({ name: "x", industry: "Z", employees: "e2" }));
	assert.equal(res.status, 422);
	assert.equal(JSON.parse(res.text).field, "industry");
	res = await post("/api/v1/orgs", "{not json");
	assert.equal(res.status, 400);
	res = await post(`/api/v1/orgs/${oid}/rounds`, JSON.stringify({ title: "API回" }));
	assert.equal(res.status, 201);
	const rid = JSON.parse(res.text).id;
	const head = "name,role," + Array.from({ length: 25 }, (_, i) => `q${i + 1}`).join(",");
	const bad = `${head}\nA,executive,${Array(25).fill("4").join(",")}\nB,employee,${Array(24).fill("2").join(",")},7\n`;
	res = await post(`/api/v1/rounds/${rid}/answers`, bad, "text/csv");
	assert.equal(res.status, 422);
	assert.deepEqual(JSON.parse(res.text).errors.map((e) => [e.line, e.column, e.code]), [[3, 27, "answer"]]);
	assert.equal(JSON.parse((await c.get(`/api/v1/rounds/${rid}/results`, { headers: auth })).text).respondents.length, 0);
	const good = `${head}\nA,executive,${Array(25).fill("4").join(",")}\nB,従業員,${Array(25).fill("partly").join(",")}\n`;
	res = await post(`/api/v1/rounds/${rid}/answers`, good, "text/csv");
	assert.equal(res.status, 201);
	assert.deepEqual(JSON.parse(res.text), { added: 2 });
	const results = JSON.parse((await c.get(`/api/v1/rounds/${rid}/results`, { headers: auth })).text);
	assert.equal(results.company_score, 75);
	// the organisation's own pages know the round
	assert.match((await admin.get(`/o/${oid}`)).text, /API回/);
	// closing through the API freezes it, once
	res = await post(`/api/v1/rounds/${rid}/close`, "", "application/json");
	assert.equal(res.status, 200);
	assert.deepEqual(JSON.parse(res.text), { closed: true });
	assert.equal((await post(`/api/v1/rounds/${rid}/close`, "", "application/json")).status, 409);
	assert.equal((await post(`/api/v1/rounds/${rid}/answers`, good, "text/csv")).status, 409);
	assert.match((await admin.get(`/o/${oid}`)).text, /締め切り済み/);
	// another organisation's round is not there for an outsider's token
	const outsider = cli(["user", "add", "out@example.jp", "--role", "member", "--password-stdin", "--db", srv.db], "long enough pw\n");
	assert.equal(outsider.status, 0, outsider.stderr);
	const ot = cli(["user", "token", "out@example.jp", "--db", srv.db]).stdout.trim();
	const o = await c.req("POST", `/api/v1/rounds/${rid}/answers`, { body: good, headers: { authorization: `Bearer ${ot}`, "content-type": "text/csv" } });
	assert.equal(o.status, 404);
	assert.equal((await c.req("POST", "/api/v1/orgs", { body: "{}", headers: { authorization: `Bearer ${ot}` } })).status, 403);
	// a session may post JSON too, with its CSRF token in a header
	const page = await admin.get("/account");
	const viaSession = await admin.req("POST", "/api/v1/orgs", { body: JSON.stringify({ name: "S", industry: "A", employees: "e1" }), headers: { "content-type": "application/json", "x-csrf-token": csrfOf(page.text) } });
	assert.equal(viaSession.status, 201);
	const noToken = await admin.req("POST", "/api/v1/orgs", { body: "{}", headers: { "content-type": "application/json" } });
	assert.equal(noToken.status, 403);
});

test("the results say how many started answers were left out", async () => {
	const r6 = await openRound(admin, org, "途中の回答");
	const rp = `/o/${org}/rounds/${r6}`;
	let page = await admin.get(rp);
	await admin.post(`${rp}/links`, { _csrf: csrfOf(page.text), role: "employee", name: "" });
	page = await admin.get(rp);
	await admin.post(`${rp}/links`, { _csrf: csrfOf(page.text), role: "manager", name: "" });
	page = await admin.get(rp);
	const [, l1, l2] = links(page.text).map((l) => l.slice(srv.base.length));
	await answerAll(new Client(srv.base), l1, Array(25).fill("yes"));
	const c = new Client(srv.base);
	const f = await c.get(l2 + "?part=1");
	assert.equal((await c.post(l2, { _csrf: csrfOf(f.text), part: "1", q1: "no", q2: "no", autosave: "1" })).status, 200);
	let res = await admin.get(`${rp}/results`);
	assert.match(res.text, /ほかに1人が回答の途中です/);
	page = await admin.get(rp);
	assert.equal((await admin.post(`${rp}/close`, { _csrf: csrfOf(page.text), confirm: "1" })).status, 303);
	res = await admin.get(`${rp}/results`);
	assert.match(res.text, /1人の回答の平均です/);
	assert.match(res.text, /途中までで終わった1人分の回答は、結果に入っていません/);
	assert.match(res.text, /class="score-num">100\.0</);
});
