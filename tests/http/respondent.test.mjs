// The respondent's side: whose questionnaire it is, who will see the
// answers, Back through the steps, and what the finished page gives back
// (their own score, band and three first measures, as on paper).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { startServer, Client, firstAdmin, makeOrg, openRound, answerAll, csrfOf, unescape, top, cli, inviteUser } from "./lib.mjs";

const ORG_NAME = "みなと精機株式会社";
const POINTS = { yes: 4, partly: 2, no: 0, unknown: -1 };

// Texts as ui.yaml and the content pack have them (one line a key).
const ui = {};
for (const line of readFileSync(join(top, "content/i18n/ui.yaml"), "utf8").split("\n")) {
	const m = line.match(/^([a-z0-9_.]+): \{ja: "((?:[^"\\]|\\.)*)", en: "((?:[^"\\]|\\.)*)"\}/);
	if (m) ui[m[1]] = { ja: m[2], en: m[3] };
}
const pack = readFileSync(join(top, "content/diagnosis/self25.yaml"), "utf8");
// band key -> {min, ja}
const BANDS = [...pack.matchAll(/- key: (\w+)\n\s+min: (-?\d+)\n\s+label:\n\s+ja: "([^"]+)"/g)]
	.map((m) => ({ key: m[1], min: +m[2], ja: m[3] }));
// item n -> first ja measure
const firstMeasure = (n) => {
	const at = pack.indexOf(`\n      - id: ${n}\n`);
	const m = pack.slice(at).match(/measures:\n\s+ja:\n\s+- "([^"]+)"/);
	return m[1];
};
const esc = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
const re = (s) => new RegExp(esc(s).replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));

// Mostly yes; items 3, 7, 15 not done; 20 unknown; 9 partly.
const ANS = Array(25).fill("yes");
ANS[2] = ANS[6] = ANS[14] = "no";
ANS[19] = "unknown";
ANS[8] = "partly";

let srv, admin, org, round, shared, personal;
const links = (html) => [...html.matchAll(/<code class="secret[^"]*">([^<]+)<\/code>/g)].map((m) => unescape(m[1]));
before(async () => {
	srv = await startServer();
	admin = await firstAdmin(srv);
	org = await makeOrg(admin, { name: ORG_NAME });
	round = await openRound(admin, org, "2026年 春");
	const rp = `/o/${org}/rounds/${round}`;
	const page = await admin.get(rp);
	await admin.post(`${rp}/links`, { _csrf: csrfOf(page.text), role: "manager", name: "田中" });
	const ls = links((await admin.get(rp)).text).map((l) => l.slice(srv.base.length));
	[shared, personal] = ls;
});
after(async () => { await srv?.stop(); });

test("the answering pages name the company and say who sees the answers", async () => {
	const c = new Client(srv.base);
	const bare = await c.get(personal);
	assert.equal(bare.status, 303);
	assert.equal(bare.location, `${personal}?part=1`);
	const step = await c.get(bare.location);
	const s = await new Client(srv.base).get(shared);
	for (const [what, page] of [["personal link", step], ["shared link", s]]) {
		assert.equal(page.status, 200, what);
		assert.match(page.text, new RegExp(`<p class="org-name" id="org-name">${ORG_NAME}</p>`), what);
		assert.match(page.text, /<p class="round-name">2026年 春<\/p>/, what);
		for (const k of ["resp.privacy.title", "resp.privacy.admins", "resp.privacy.members", "resp.privacy.reports", "resp.privacy.peers"])
			assert.match(page.text, re(ui[k].ja), `${what}: ${k}`);
	}
	// in plain words, and saying who: admins and advisors, members, outsiders, peers
	assert.match(ui["resp.privacy.admins"].ja, /管理者と支援者/);
	assert.match(ui["resp.privacy.members"].ja, /合わせた点数と平均だけ/);
	assert.match(ui["resp.privacy.reports"].ja, /R1、R2/);
	assert.match(ui["resp.privacy.peers"].en, /name no company and no person/);
	const en = await new Client(srv.base).get(`${personal}?part=1`, { headers: { "accept-language": "en" } });
	assert.match(en.text, re(ui["resp.privacy.members"].en));
	// the escaping holds for the company name too
	const o2 = await makeOrg(admin, { name: `<b>株式会社&"x"</b>` });
	const r2 = await openRound(admin, o2, "");
	const l2 = links((await admin.get(`/o/${o2}/rounds/${r2}`)).text)[0].slice(srv.base.length);
	const p2 = await new Client(srv.base).get(l2);
	assert.match(p2.text, /<p class="org-name" id="org-name">&lt;b&gt;株式会社&amp;&quot;x&quot;&lt;\/b&gt;<\/p>/);
});

test("finished: own score, band and the three weakest items with their first measure", async () => {
	const c = new Client(srv.base);
	const last = await answerAll(c, personal, ANS);
	assert.equal(last.location, personal, "finishing leads to the finished page");
	const done = await c.get(personal);
	assert.equal(done.status, 200);
	assert.match(done.text, re(ui["resp.thanks"].ja));
	assert.match(done.text, new RegExp(`<p class="org-name" id="org-name">${ORG_NAME}</p>`));
	// worked out here, independently of the product
	const score = ANS.reduce((s, a) => s + POINTS[a], 0);
	assert.equal(score, 100 - 12 - 5 - 2);
	const band = BANDS.find((b) => score >= b.min);
	assert.equal(band.key, "good");
	assert.match(done.text, new RegExp(`<section class="score-card band-${band.key}" id="own-score">`));
	assert.match(done.text, new RegExp(`<span class="score-num">${score}\\.0</span>`));
	assert.match(done.text, new RegExp(`<p class="band-label">${band.ja}</p>`));
	// lowest points first, then more "don't know", then by number
	const order = ANS.map((a, i) => ({ i: i + 1, p: POINTS[a], u: a === "unknown" ? 1 : 0 }))
		.sort((a, b) => a.p - b.p || b.u - a.u || a.i - b.i).slice(0, 3).map((x) => x.i);
	assert.deepEqual(order, [20, 3, 7]);
	const list = done.text.match(/<ol class="first-actions" id="own-first">([\s\S]*?)<\/ol>/)[1];
	const shown = [...list.matchAll(/<span class="fa-no">No\.(\d+)<\/span>/g)].map((m) => +m[1]);
	assert.deepEqual(shown, order);
	const measures = [...list.matchAll(/<p class="fa-measure">([^<]*)<\/p>/g)].map((m) => m[1]);
	assert.deepEqual(measures, order.map((n) => esc(firstMeasure(n))));
	// no stray progress on the finished page
	assert.doesNotMatch(done.text, /25\/25/);
	assert.doesNotMatch(done.text, /· 25/);
	assert.doesNotMatch(done.text, /id="progress-bar"/);
	assert.match(done.text, re(ui["resp.privacy.title"].ja));
});

test("every step has its own address; Back after finishing shows the saved answers", async () => {
	const c = new Client(srv.base);
	for (const [part, lo, hi] of [[1, 1, 5], [2, 6, 18], [3, 19, 25]]) {
		const page = await c.get(`${personal}?part=${part}`);
		assert.equal(page.status, 200, `step ${part}`);
		assert.match(page.text, new RegExp(`name="part" value="${part}"`));
		for (let i = lo; i <= hi; i++)
			assert.match(page.text, new RegExp(`name="q${i}" value="${ANS[i - 1]}" checked=""`), `q${i} kept`);
		assert.equal([...page.text.matchAll(/ checked=""/g)].length, hi - lo + 1);
	}
	// each POST answers with a redirect to a GET: next step, previous one, finished page
	const csrf = csrfOf((await c.get(`${personal}?part=2`)).text);
	const form = (part, go) => ({ _csrf: csrf, part: String(part), go });
	let res = await c.post(personal, form(2, "prev"));
	assert.equal(res.status, 303);
	assert.equal(res.location, `${personal}?part=1`);
	res = await c.post(personal, form(2, "next"));
	assert.equal(res.location, `${personal}?part=3`);
	res = await c.post(personal, form(3, "finish"));
	assert.equal(res.location, personal);
	// the bare link of someone who has finished is the finished page itself
	assert.equal((await c.get(personal)).status, 200);
	// someone new through the shared link lands on step 1 at its address
	const s = new Client(srv.base);
	const sp = await s.get(shared);
	const made = await s.post(shared, { _csrf: csrfOf(sp.text), role: "employee", name: "" });
	assert.equal(made.status, 303);
	const first = await s.get(made.location);
	assert.equal(first.status, 303);
	assert.equal(first.location, `${made.location}?part=1`);
	// half-way, the bare link resumes at the step with the first gap
	const f = await s.get(first.location);
	const to2 = await s.post(made.location, { _csrf: csrfOf(f.text), part: "1", go: "next", q1: "yes", q2: "yes", q3: "yes", q4: "yes", q5: "yes" });
	assert.equal(to2.location, `${made.location}?part=2`);
	assert.equal((await s.get(made.location)).location, `${made.location}?part=2`);
});

test("a role of one person is not shown to members, nor the role that would give it away", async () => {
	const auth = { authorization: `Bearer ${cli(["user", "token", "admin@example.jp", "--db", srv.db]).stdout.trim()}` };
	const post = (path, body, type) => new Client(srv.base).req("POST", path, { body, headers: { ...auth, "content-type": type } });
	const o = await makeOrg(admin, { name: "役割テスト株式会社" });
	const r = JSON.parse((await post(`/api/v1/orgs/${o}/rounds`, JSON.stringify({ title: "役割" }), "application/json")).text).id;
	const head = "name,role," + Array.from({ length: 25 }, (_, i) => `q${i + 1}`).join(",");
	// one executive, two employees, three managers
	const rows = [["社長", "executive", "yes"], ["A", "employee", "no"], ["B", "employee", "partly"],
		["C", "manager", "yes"], ["D", "manager", "partly"], ["E", "manager", "no"]];
	const csv = [head, ...rows.map(([n, role, a]) => `${n},${role},${Array(25).fill(a).join(",")}`)].join("\n") + "\n";
	assert.equal((await post(`/api/v1/rounds/${r}/answers`, csv, "text/csv")).status, 201);
	const member = await inviteUser(admin, srv, o, "m2@example.jp");
	const roleSpans = (html) => [...html.matchAll(/<p class="by-role">(.*?)<\/p>/g)][0][1];
	const mine = await member.get(`/o/${o}/rounds/${r}/results`);
	assert.equal(mine.status, 200);
	// the executive alone is hidden; so are the employees, or the
	// executive would be the total minus the rest
	assert.equal(roleSpans(mine.text), "<span>管理者 3人: 実施 1・一部 1・未実施 1</span>");
	assert.match(mine.text, /id="roles-hidden"/);
	assert.match(mine.text, /この比べ方は組織の管理者と支援者にだけ表示されます/);
	assert.doesNotMatch(mine.text, /社長/);
	const api = JSON.parse((await member.get(`/api/v1/rounds/${r}/results`)).text);
	assert.deepEqual(api.roles.map((x) => x.role), ["manager"]);
	assert.deepEqual(api.respondents, []);
	// the admin sees every role and every person
	const full = await admin.get(`/o/${o}/rounds/${r}/results`);
	assert.equal(roleSpans(full.text), "<span>経営者 1人: 実施 1</span><span>管理者 3人: 実施 1・一部 1・未実施 1</span><span>従業員 2人: 一部 1・未実施 1</span>");
	assert.match(full.text, /社長/);
	assert.deepEqual(JSON.parse((await admin.get(`/api/v1/rounds/${r}/results`)).text).roles.map((x) => x.role), ["executive", "manager", "employee"]);
});
