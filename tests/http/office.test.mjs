// The programme office (issue 15): set up from the CLI and the admin's
// page, an advisor of exactly one office hands it the programmes they
// open, and the office's members see its advisors, the programmes with
// their progress, and the figures of its companies — every figure checked
// against the test's own computation from what each company's own pages
// say, a group of four never shown — and nothing of the companies
// themselves.  A walk of every new route as each role.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer, Client, firstAdmin, makeOrg, csrfOf, cli, unescape, inviteUser } from "./lib.mjs";

const dir = mkdtempSync(join(tmpdir(), "mamori-office-"));
let srv, admin, adv, adv2, oadmin, ostaff, outsider, boss, member;
let kanto, kansai;
const orgs = {};	// letter → id
const tok = {};
const PW = "correct horse battery";

const DAY = 86400000;
const today = () => new Date(Date.now() + 9 * 3600000).toISOString().slice(0, 10);
const plus = (d, n) => new Date(Date.parse(d + "T00:00:00Z") + n * DAY).toISOString().slice(0, 10);
const textOf = (html) => unescape(html.replace(/<[^>]+>/g, " ")).replace(/\s+/g, " ");

async function login(email) {
	const c = new Client(srv.base);
	const res = await c.submit("/login", "/login", { email, password: PW });
	assert.equal(res.status, 303, `login ${email}: ${res.status}`);
	return c;
}
function user(email, role) {
	const r = cli(["user", "add", email, "--role", role, "--password-stdin", "--db", srv.db], PW + "\n");
	assert.equal(r.status, 0, r.stderr);
}
async function api(who, method, path, body, type = "application/json") {
	const res = await new Client(srv.base).req(method, path, {
		body, headers: { authorization: `Bearer ${tok[who]}`, "content-type": type },
	});
	let json = null;
	try { json = JSON.parse(res.text); } catch { /* not JSON */ }
	return { status: res.status, json, text: res.text };
}

// The companies: industry, size band, prefecture.  E×5 and G×1; e3×4
// (a group of four: never shown) and e2×2; Tokyo×5 and Osaka×1.
const SPEC = {
	A: { industry: "E", employees: "e3", prefecture: "13" },
	B: { industry: "E", employees: "e3", prefecture: "13" },
	C: { industry: "E", employees: "e3", prefecture: "13" },
	D: { industry: "E", employees: "e3", prefecture: "13" },
	E: { industry: "E", employees: "e2", prefecture: "13" },
	F: { industry: "G", employees: "e2", prefecture: "27" },
};
// Answers: "yes" but for the weak items, which company i answers "no"
// when i < WEAK[item]; and "partly" on i more items to spread the scores.
const WEAK = { 3: 6, 7: 5, 11: 4, 19: 3, 22: 2, 1: 1 };
function answers(i) {
	const a = Array(25).fill("yes");
	for (const [item, k] of Object.entries(WEAK)) if (i < k) a[item - 1] = "no";
	for (let j = 0; j < 3 * i; j++) if (a[24 - j] === "yes") a[24 - j] = "partly";
	return a;
}
const head = "name,role," + Array.from({ length: 25 }, (_, i) => `q${i + 1}`).join(",");
async function closedRound(who, org, a) {
	const r = await api(who, "POST", `/api/v1/orgs/${org}/rounds`, JSON.stringify({ title: "第1回" }));
	assert.equal(r.status, 201, r.text);
	assert.equal((await api(who, "POST", `/api/v1/rounds/${r.json.id}/answers`, `${head}\nR,employee,${a.join(",")}\n`, "text/csv")).status, 201);
	assert.equal((await api(who, "POST", `/api/v1/rounds/${r.json.id}/close`)).status, 200);
	return r.json.id;
}

const first = plus(today(), -40);
const scores = {};	// letter → score ×10, from the company's own results

before(async () => {
	srv = await startServer();
	admin = await firstAdmin(srv);
	user("adv@example.jp", "advisor");
	user("adv2@example.jp", "advisor");
	user("oadmin@example.jp", "member");
	user("ostaff@example.jp", "member");
	user("outsider@example.jp", "member");
	for (const e of ["admin", "adv", "adv2", "oadmin", "ostaff", "outsider"])
		tok[e] = cli(["user", "token", `${e}@example.jp`, "--db", srv.db]).stdout.trim();
	adv = await login("adv@example.jp");
	adv2 = await login("adv2@example.jp");
	oadmin = await login("oadmin@example.jp");
	ostaff = await login("ostaff@example.jp");
	outsider = await login("outsider@example.jp");
});
after(async () => {
	if (process.env.SHOW_STDERR) console.error(srv?.stderr());
	await srv?.stop();
	rmSync(dir, { recursive: true, force: true });
});

test("the CLI sets offices up and refuses what is wrong", () => {
	let r = cli(["office", "add", "関東支援センター", "--db", srv.db]);
	assert.equal(r.status, 0, r.stderr);
	kanto = +r.stdout.split("\t")[0];
	r = cli(["office", "add", "関東支援センター", "--db", srv.db]);
	assert.equal(r.status, 2);
	assert.match(r.stderr, /already/);
	kansai = +cli(["office", "add", "関西商工会議所", "--db", srv.db]).stdout.split("\t")[0];
	assert.ok(kanto > 0 && kansai > kanto);
	assert.equal(cli(["office", "member", "関東支援センター", "oadmin@example.jp", "--role", "office_admin", "--db", srv.db]).status, 0);
	assert.equal(cli(["office", "member", String(kanto), "ostaff@example.jp", "--role", "office_staff", "--db", srv.db]).status, 0);
	assert.equal(cli(["office", "member", String(kanto), "ostaff@example.jp", "--role", "chief", "--db", srv.db]).status, 2);
	assert.equal(cli(["office", "member", "どこにもない", "ostaff@example.jp", "--role", "office_staff", "--db", srv.db]).status, 2);
	assert.equal(cli(["office", "advisor", String(kanto), "nobody@example.jp", "--db", srv.db]).status, 2);
	assert.equal(cli(["office", "advisor", String(kanto), "adv@example.jp", "--db", srv.db]).status, 0);
	assert.equal(cli(["office", "advisor", "関西商工会議所", "adv2@example.jp", "--db", srv.db]).status, 0);
	const list = cli(["office", "list", "--db", srv.db]).stdout.split("\n").filter(Boolean).sort();
	assert.deepEqual(list, [`${kanto}\t関東支援センター`, `${kansai}\t関西商工会議所`].sort());
});

test("the admin's page adds an office and people; a wrong e-mail is refused next to its field", async () => {
	const page = await admin.get("/admin/offices");
	assert.equal(page.status, 200);
	assert.match(page.text, /関東支援センター/);
	let res = await admin.post("/admin/offices", { _csrf: csrfOf(page.text), name: "関東支援センター" });
	assert.equal(res.status, 422);
	assert.match(textOf(res.text), /その名前の事務局はもうあります/);
	res = await admin.post(`/admin/offices/${kansai}/people`, { _csrf: csrfOf(page.text), email: "nobody@example.jp", role: "office_staff" });
	assert.equal(res.status, 422);
	assert.match(textOf(res.text), /このメールアドレスのアカウントはありません/);
	assert.match(res.text, /value="nobody@example.jp"/, "the value kept");
	res = await admin.post("/admin/offices", { _csrf: csrfOf(page.text), name: "九州支援室" });
	assert.equal(res.status, 303);
	assert.match(cli(["office", "list", "--db", srv.db]).stdout, /\t九州支援室\n/);
});

test("an advisor of one office hands it the programmes they open; the company's figures follow", async () => {
	let i = 0;
	for (const [k, spec] of Object.entries(SPEC)) {
		orgs[k] = await makeOrg(adv, { name: `${k}工業株式会社`, ...spec });
		const res = await adv.submit(`/o/${orgs[k]}/programme`, `/o/${orgs[k]}/programme`, { template: "four_visits", first_visit: first });
		assert.equal(res.status, 303, res.text.slice(0, 300));
		const round = await closedRound("adv", orgs[k], answers(i++));
		const j = JSON.parse((await adv.get(`/api/v1/rounds/${round}/results`)).text);
		scores[k] = Math.round(j.company_score * 10);
	}
	// another office's company
	orgs.G = await makeOrg(adv2, { name: "G商事株式会社" });
	assert.equal((await adv2.submit(`/o/${orgs.G}/programme`, `/o/${orgs.G}/programme`, { template: "four_visits", first_visit: first })).status, 303);
	// company A's admin and member, for the walk
	boss = await inviteUser(admin, srv, orgs.A, "boss@example.jp", "org_admin");
	member = await inviteUser(admin, srv, orgs.A, "member@example.jp", "member");
	tok.boss = cli(["user", "token", "boss@example.jp", "--db", srv.db]).stdout.trim();
	tok.member = cli(["user", "token", "member@example.jp", "--db", srv.db]).stdout.trim();
	// the plan: A three rows, two done; B one row, done
	for (const [org, status] of [[orgs.A, "done"], [orgs.A, "done"], [orgs.A, "todo"], [orgs.B, "done"]]) {
		const r = await api("adv", "POST", `/api/v1/orgs/${org}/plan`, JSON.stringify({ area: "technical", measure: "更新を自動にする", status }));
		assert.equal(r.status, 201, r.text);
	}
	// B: every principle and a published policy (the company's own
	// decision: its admin's, here the instance admin's): two stars
	const page = await adv.get(`/o/${orgs.B}/security-action`);
	const form = { _csrf: csrfOf(page.text) };
	for (const p of ["updates", "antivirus", "passwords", "sharing", "threats"]) form[`p_${p}`] = "1";
	assert.equal((await adv.post(`/o/${orgs.B}/security-action`, form)).status, 303);
	const ed = await admin.get(`/o/${orgs.B}/policy/edit`);
	const v = { _csrf: csrfOf(ed.text) };
	for (const m of ed.text.matchAll(/<input type="(?:text|date|hidden)" [^>]*name="([^"]+)" value="([^"]*)"/g)) v[m[1]] = unescape(m[2]);
	for (const m of ed.text.matchAll(/<input type="(?:text|date)" id="[^"]*" name="([^"]+)"(?! value)/g)) v[m[1]] ??= "";
	for (const m of ed.text.matchAll(/<textarea [^>]*name="([^"]+)"[^>]*>([^<]*)<\/textarea>/g)) v[m[1]] = unescape(m[2]);
	const scope = ed.text.match(/name="scope" value="([a-z]+)" checked/);
	if (scope) v.scope = scope[1];
	Object.assign(v, { enacted: "2025-04-01", rep_title: "代表取締役", rep_name: "山田 太郎" });
	assert.equal((await admin.post(`/o/${orgs.B}/policy/edit`, v)).status, 303);
	const pol = await admin.get(`/o/${orgs.B}/policy`);
	assert.equal((await admin.post(`/o/${orgs.B}/policy/approve`, { _csrf: csrfOf(pol.text), version: "1" })).status, 303);
	assert.equal((await admin.post(`/o/${orgs.B}/policy/publish`, { _csrf: csrfOf(pol.text), slug: "b-kogyo" })).status, 303);
	const sa = JSON.parse((await adv.get(`/api/v1/orgs/${orgs.B}/security-action`)).text);
	assert.equal(sa.two_star.ready, true);
});

// What the office should show, from the test's own figures.
function expected(filter) {
	const ks = Object.keys(SPEC).filter((k) => filter(SPEC[k]));
	const s = ks.map((k) => scores[k]);
	const n = s.length;
	const sum = s.reduce((a, b) => a + b, 0);
	const mean = Math.sign(sum) * Math.floor((2 * Math.abs(sum) + n) / (2 * n));
	const m = sum / n;
	const sd = Math.round(Math.sqrt(s.reduce((a, x) => a + x * x, 0) / n - m * m));
	const hist = Array(10).fill(0);
	for (const x of s) hist[x < 0 ? 0 : Math.min(9, Math.floor(x / 100))]++;
	const plan = { A: [2, 3], B: [1, 1] };
	const done = ks.reduce((a, k) => a + (plan[k]?.[0] ?? 0), 0);
	const total = ks.reduce((a, k) => a + (plan[k]?.[1] ?? 0), 0);
	return { n, mean, sd, hist, done, total, two: ks.includes("B") ? 1 : 0 };
}

test("the office's figures: each group against the test's own, the groups under five hidden", async () => {
	const r = await api("ostaff", "GET", `/api/v1/offices/${kanto}/stats`);
	assert.equal(r.status, 200, r.text);
	const j = r.json;
	assert.equal(j.min_group, 5);
	const g = (dim, key) => j.groups.find((x) => x.dim === dim && x.key === key);
	const check = (grp, e) => {
		assert.equal(grp.shown, true);
		assert.equal(grp.n, e.n);
		assert.equal(grp.n_scored, e.n);
		assert.equal(grp.scores.mean_tenths, e.mean);
		assert.equal(grp.scores.sd_tenths, e.sd);
		assert.deepEqual(grp.scores.hist, e.hist);
		assert.equal(grp.plan_done, e.done);
		assert.equal(grp.plan_total, e.total);
		assert.equal(grp.two_star, e.two);
	};
	check(g("all", "*"), expected(() => true));
	check(g("industry", "E"), expected((s) => s.industry === "E"));
	check(g("prefecture", "13"), expected((s) => s.prefecture === "13"));
	// four of size e3, two of e2, one of G, one in Osaka: never shown
	for (const [dim, key, n] of [["employees", "e3", 4], ["employees", "e2", 2], ["industry", "G", 1], ["prefecture", "27", 1]]) {
		const x = g(dim, key);
		assert.deepEqual(x, { dim, key, shown: false }, `${dim} ${key} (${n}) hidden`);
	}
	assert.deepEqual(j.hidden, { all: 0, industry: 1, employees: 6, prefecture: 1 });
	// the items most often weak: the ones most companies answered "no"
	assert.deepEqual(j.weak_items, [3, 7, 11, 19, 22]);

	// the page says the same, and says why groups are missing
	const page = await ostaff.get(`/office/${kanto}`);
	assert.equal(page.status, 200);
	const t = textOf(page.text);
	const all = expected(() => true);
	const tenths = (x) => `${x < 0 ? "-" : ""}${Math.floor(Math.abs(x) / 10)}.${Math.abs(x) % 10}`;
	assert.ok(t.includes(`${tenths(all.mean)} (SD ${tenths(all.sd)}, n=${all.n})`), "the mean of all");
	assert.ok(t.includes(`${all.done} / ${all.total}`), "plan completion");
	assert.match(t, /5社に満たないまとまりは、どの会社か分かってしまうおそれがあるため、表示しません/);
	assert.match(t, /5社に満たないまとまりに入る6社は、ここに表示していません/);
	assert.doesNotMatch(t, /従業員規模別 まとまり/, "no table of sizes");
	assert.match(page.text, /data-item="3"/);
});

test("the office's programmes: progress by visit, deliverables, overdue homework; only its own companies named", async () => {
	const r = await api("oadmin", "GET", `/api/v1/offices/${kanto}/engagements`);
	assert.equal(r.status, 200, r.text);
	const names = r.json.engagements.map((e) => e.name);
	assert.deepEqual(names, Object.keys(SPEC).map((k) => `${k}工業株式会社`));
	for (const e of r.json.engagements) {
		// as the programme's own API says
		const own = await api("adv", "GET", `/api/v1/orgs/${e.org}/engagement`);
		assert.equal(own.status, 200);
		const visits = own.json.visits;
		assert.equal(e.visits, visits.length);
		assert.equal(e.held, visits.filter((x) => x.held).length);
		assert.equal(e.deliverables, own.json.deliverables.length);
		assert.equal(e.advisor, "adv@example.jp");
		assert.equal(e.first_visit, first);
		assert.equal(e.overdue, 0);
	}
	const page = await oadmin.get(`/office/${kanto}`);
	assert.equal(page.status, 200);
	assert.match(page.text, /A工業株式会社/);
	assert.doesNotMatch(page.text, /G商事株式会社/, "another office's company is not named");
	assert.doesNotMatch(page.text, new RegExp(`href="[^"]*/o/${orgs.A}`), "no link into the company");
	assert.doesNotMatch(page.text, /final\.pdf/, "no visit held: no final report yet");
	assert.match(textOf(page.text), /adv@example\.jp/);
	// the other office has G only
	const k2 = await api("admin", "GET", `/api/v1/offices/${kansai}/engagements`);
	assert.deepEqual(k2.json.engagements.map((e) => e.name), ["G商事株式会社"]);
	// Kansai has one company: nothing is shown
	const s2 = await api("admin", "GET", `/api/v1/offices/${kansai}/stats`);
	assert.deepEqual(s2.json.groups.map((x) => x.shown), [false, false, false, false]);
	assert.deepEqual(s2.json.weak_items, []);
});

test("office members do not open the companies' pages", async () => {
	for (const c of [oadmin, ostaff]) {
		for (const p of [`/o/${orgs.A}`, `/o/${orgs.A}/programme`, `/o/${orgs.A}/security-action`]) {
			const res = await c.get(p);
			assert.ok([403, 404].includes(res.status), `${p}: ${res.status}`);
		}
	}
});

test("a walk of every new route as each role", async () => {
	const routes = [
		["GET", `/office/${kanto}`],
		["GET", `/api/v1/offices/${kanto}/stats`],
		["GET", `/api/v1/offices/${kanto}/engagements`],
		["GET", `/office/${kanto}/engagements/${orgs.A}/final.pdf`],
	];
	const who = { admin, oadmin, ostaff, adv, adv2, boss, member, outsider };
	const want = { admin: 200, oadmin: 200, ostaff: 200, adv: 404, adv2: 404, boss: 404, member: 404, outsider: 404 };
	for (const [name, c] of Object.entries(who)) {
		for (const [, path] of routes)
			assert.equal((await c.get(path)).status, want[name], `${name} GET ${path}`);
		if (tok[name])
			assert.equal((await api(name, "GET", `/api/v1/offices/${kanto}/stats`)).status, want[name], `${name} API`);
		// the admin's pages: the instance admin only
		const ad = await c.get("/admin/offices");
		assert.equal(ad.status === 200, name === "admin", `${name} /admin/offices: ${ad.status}`);
	}
	// an office that does not exist: 404 even for its would-be members
	assert.equal((await ostaff.get("/office/999999")).status, 404);
	// posts: the admin's, refused to the others
	const page = await ostaff.get(`/office/${kanto}`);
	const csrf = csrfOf(page.text);
	for (const [name, c] of Object.entries(who)) {
		if (name === "admin") continue;
		const p = await c.get("/");
		const t = csrfOf(p.text) ?? csrf;
		assert.ok([403, 404].includes((await c.post("/admin/offices", { _csrf: t, name: "x" })).status), name);
		assert.ok([403, 404].includes((await c.post(`/admin/offices/${kanto}/people`, { _csrf: t, email: "adv2@example.jp", role: "office_admin" })).status), name);
	}
	// letting a programme go: the office admin only
	const rel = `/office/${kanto}/engagements/${orgs.F}/release`;
	for (const [name, c] of Object.entries(who)) {
		if (name === "oadmin" || name === "admin") continue;
		const t = csrfOf((await c.get("/")).text);
		assert.ok([403, 404].includes((await c.post(rel, { _csrf: t ?? "" })).status), `${name} release`);
	}
	const op = await oadmin.get(`/office/${kanto}`);
	assert.match(op.text, new RegExp(`action="/office/${kanto}/engagements/${orgs.F}/release"`));
	assert.equal((await oadmin.post(rel, { _csrf: csrfOf(op.text) })).status, 303);
	// F left: G's industry group is gone, all is five, Osaka gone
	const j = (await api("oadmin", "GET", `/api/v1/offices/${kanto}/stats`)).json;
	const all = j.groups.find((x) => x.dim === "all");
	const e = expected((s) => s.industry === "E");
	assert.equal(all.n, 5);
	assert.equal(all.scores.mean_tenths, e.mean);
	assert.equal(j.groups.some((x) => x.key === "G" || x.key === "27"), false);
	assert.equal((await oadmin.post(rel, { _csrf: csrfOf(op.text) })).status, 404, "not this office's any more");
	assert.equal((await api("oadmin", "GET", `/api/v1/offices/${kanto}/engagements`)).json.engagements.length, 5);
});

test("an export carries the offices, their people, which office runs each programme and the sums; an import gives them back", async () => {
	const { readFileSync } = await import("node:fs");
	const a = join(dir, "a.json"), b = join(dir, "b.json");
	let r = cli(["export", "--all", a, "--db", srv.db]);
	assert.equal(r.status, 0, r.stderr);
	const doc = JSON.parse(readFileSync(a, "utf8"));
	const table = (d, name) => d.tables.find((t) => t.name === name);
	for (const name of ["offices", "office_members", "office_advisors", "office_contrib", "office_stats"])
		assert.ok(table(doc, name)?.rows.length > 0, `${name} exported`);
	const eng = table(doc, "engagements");
	const oi = eng.columns.indexOf("office_id");
	assert.ok(oi >= 0);
	assert.equal(eng.rows.filter((x) => x[oi] === kanto).length, 5);
	const fresh = `sqlite:${join(dir, "copy.db")}`;
	r = cli(["import", a, "--db", fresh]);
	assert.equal(r.status, 0, r.stderr);
	r = cli(["export", "--all", b, "--db", fresh]);
	assert.equal(r.status, 0, r.stderr);
	const back = JSON.parse(readFileSync(b, "utf8"));
	for (const name of ["offices", "office_members", "office_advisors", "engagements", "office_contrib", "office_stats"])
		assert.deepEqual(table(back, name).rows, table(doc, name).rows, name);
});

test("an advisor of two offices: no office runs their programme until an admin of one takes it", async () => {
	assert.equal(cli(["office", "advisor", String(kanto), "adv2@example.jp", "--db", srv.db]).status, 0);
	orgs.H = await makeOrg(adv2, { name: "H運輸株式会社", industry: "H", employees: "e1", prefecture: "01" });
	assert.equal((await adv2.submit(`/o/${orgs.H}/programme`, `/o/${orgs.H}/programme`, { template: "four_visits", first_visit: first })).status, 303);
	const before = (await api("oadmin", "GET", `/api/v1/offices/${kanto}/stats`)).json;
	assert.equal(before.groups.find((x) => x.dim === "all").n, 5);
	assert.doesNotMatch((await api("admin", "GET", `/api/v1/offices/${kansai}/engagements`)).text, /H運輸/);
	// the admin sees it among the programmes no office runs; the staff do not
	const page = await oadmin.get(`/office/${kanto}`);
	const take = `/office/${kanto}/engagements/${orgs.H}/take`;
	assert.match(page.text, new RegExp(`action="${take}"`));
	assert.doesNotMatch((await ostaff.get(`/office/${kanto}`)).text, /\/take"/);
	assert.equal((await ostaff.post(take, { _csrf: csrfOf(page.text) })).status, 403);
	for (const c of [adv, adv2, boss, member, outsider])
		assert.ok([403, 404].includes((await c.post(take, { _csrf: csrfOf((await c.get("/")).text) ?? "" })).status));
	// a programme another office runs, or not of its advisors: not here
	assert.equal((await oadmin.post(`/office/${kanto}/engagements/${orgs.G}/take`, { _csrf: csrfOf(page.text) })).status, 404);
	assert.equal((await oadmin.post(take, { _csrf: csrfOf(page.text) })).status, 303);
	const after = (await api("oadmin", "GET", `/api/v1/offices/${kanto}/stats`)).json;
	assert.equal(after.groups.find((x) => x.dim === "all").n, 6);
	assert.deepEqual(after.groups.find((x) => x.dim === "industry" && x.key === "H"), { dim: "industry", key: "H", shown: false });
	assert.equal((await oadmin.post(take, { _csrf: csrfOf(page.text) })).status, 404, "taken already");
	const names = (await api("oadmin", "GET", `/api/v1/offices/${kanto}/engagements`)).json.engagements.map((e) => e.name);
	assert.ok(names.includes("H運輸株式会社"));
});

test("an office's members find it from their home page; others see no office there", async () => {
	for (const c of [oadmin, ostaff]) {
		const home = await c.get("/");
		assert.equal(home.status, 200);
		assert.match(home.text, new RegExp(`<a href="/office/${kanto}">関東支援センター</a>`));
		assert.doesNotMatch(home.text, /関西商工会議所/);
	}
	for (const c of [adv, adv2, boss, member, outsider]) {
		const home = await c.get("/");
		assert.doesNotMatch(home.text, /href="\/office\//);
	}
});

test("a programme with every visit held links its final report for the office's members, through the office", async () => {
	for (let n = 1; n <= 4; n++) {
		const v = await api("adv", "GET", `/api/v1/orgs/${orgs.A}/engagement/visits/${n}`);
		assert.equal(v.status, 200, v.text);
		const d = plus(first, 7 * (n - 1));
		const r = await api("adv", "PUT", `/api/v1/orgs/${orgs.A}/engagement/visits/${n}`, JSON.stringify({ rev: v.json.rev, planned: d, held: d }));
		assert.equal(r.status, 200, r.text);
	}
	const e = (await api("oadmin", "GET", `/api/v1/offices/${kanto}/engagements`)).json.engagements.find((x) => x.org === orgs.A);
	assert.equal(e.held, 4);
	assert.equal(e.visits, 4);
	// the office's own address for it: its members open it without
	// being members of the company; nobody else does
	const link = `/office/${kanto}/engagements/${orgs.A}/final.pdf`;
	for (const c of [oadmin, ostaff, admin]) {
		const page = await c.get(`/office/${kanto}`);
		assert.match(page.text, new RegExp(`href="[^"]*${link}"`));
		const pdf = await c.get(link);
		assert.equal(pdf.status, 200);
		assert.match(pdf.headers.get("content-type"), /^application\/pdf/);
		assert.equal(pdf.text.slice(0, 5), "%PDF-");
	}
	for (const c of [adv, adv2, boss, member, outsider])
		assert.equal((await c.get(link)).status, 404, "not the office's member");
	// a programme the office does not run, or one of another office
	assert.equal((await oadmin.get(`/office/${kanto}/engagements/${orgs.G}/final.pdf`)).status, 404);
	assert.equal((await oadmin.get(`/office/${kansai}/engagements/${orgs.A}/final.pdf`)).status, 404);
	assert.equal((await oadmin.get(`/o/${orgs.A}/programme/final.pdf`)).status, 404, "the company's own address stays the company's");
	// a programme with visits still to come has none
	assert.doesNotMatch((await oadmin.get(`/office/${kanto}`)).text, new RegExp(`/engagements/${orgs.B}/final\\.pdf`));
});

test("a company that moves to another prefecture moves between the office's groups", async () => {
	const before = (await api("oadmin", "GET", `/api/v1/offices/${kanto}/stats`)).json;
	assert.equal(before.groups.find((x) => x.dim === "prefecture" && x.key === "13").n, 5);
	const { ORG } = await import("./lib.mjs");
	const res = await adv.submit(`/o/${orgs.E}/profile`, `/o/${orgs.E}/profile`, { ...ORG, name: "E工業株式会社", ...SPEC.E, prefecture: "27", peer_share: "1" });
	assert.equal(res.status, 303, res.text.slice(0, 300));
	const after = (await api("oadmin", "GET", `/api/v1/offices/${kanto}/stats`)).json;
	assert.deepEqual(after.groups.find((x) => x.dim === "prefecture" && x.key === "13"), { dim: "prefecture", key: "13", shown: false });
	assert.deepEqual(after.groups.find((x) => x.dim === "prefecture" && x.key === "27"), { dim: "prefecture", key: "27", shown: false });
	assert.equal(after.hidden.prefecture, before.hidden.prefecture + 5);
	assert.equal(after.groups.find((x) => x.dim === "all").n, before.groups.find((x) => x.dim === "all").n);
});

test("the office's programmes come a page at a time: offset and limit walk the same list, bad ones are refused by name", async () => {
	const all = (await api("oadmin", "GET", `/api/v1/offices/${kanto}/engagements`)).json;
	assert.equal(all.total, all.engagements.length);
	assert.ok(all.total >= 5);
	const walked = [];
	for (let off = 0; off < all.total; off += 2) {
		const r = await api("oadmin", "GET", `/api/v1/offices/${kanto}/engagements?offset=${off}&limit=2`);
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.total, all.total);
		assert.equal(r.json.offset, off);
		assert.equal(r.json.limit, 2);
		assert.equal(r.json.engagements.length, Math.min(2, all.total - off));
		walked.push(...r.json.engagements);
	}
	assert.deepEqual(walked, all.engagements);
	const past = await api("oadmin", "GET", `/api/v1/offices/${kanto}/engagements?offset=${all.total}`);
	assert.deepEqual(past.json.engagements, []);
	for (const [q, field] of [["limit=0", "limit"], ["limit=1001", "limit"], ["offset=-1", "offset"], ["offset=x", "offset"]]) {
		const r = await api("oadmin", "GET", `/api/v1/offices/${kanto}/engagements?${q}`);
		assert.equal(r.status, 422, q);
		assert.equal(r.json.field, field, q);
	}
	const page = await oadmin.get(`/office/${kanto}`);
	assert.match(page.text, new RegExp(`id="engagements"`));
	assert.match(page.text, /class="pager"/, "the count of the list is shown");
});
