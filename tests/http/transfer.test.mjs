// A whole instance moved between databases: export, import, backup and
// restore keep every row of every table, and the instance keeps working
// (sign-in, respondent links, results).  In the http-postgres run this
// moves PostgreSQL → SQLite → PostgreSQL.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer, Client, firstAdmin, makeOrg, openRound, answerAll, csrfOf, unescape, cli, freshDb } from "./lib.mjs";

const dir = mkdtempSync(join(tmpdir(), "mamori-transfer-"));
const servers = [];
after(async () => {
	for (const s of servers) await s.stop();
	rmSync(dir, { recursive: true, force: true });
});
const links = (html) => [...html.matchAll(/<code class="secret[^"]*">([^<]+)<\/code>/g)].map((m) => unescape(m[1]));

function exportOf(db, name) {
	const file = join(dir, name);
	const r = cli(["export", "--all", file, "--db", db]);
	assert.equal(r.status, 0, r.stderr);
	return readFileSync(file, "utf8");
}

test("export → import → export gives the same document, across engines", async () => {
	const a = await startServer();
	servers.push(a);
	const admin = await firstAdmin(a);
	const org = await makeOrg(admin, { name: "移転テスト\"<>&'" });
	const round = await openRound(admin, org, "移転前");
	const rp = `/o/${org}/rounds/${round}`;
	let page = await admin.get(rp);
	await admin.post(`${rp}/links`, { _csrf: csrfOf(page.text), role: "manager", name: "山田" });
	await admin.post(`${rp}/links`, { _csrf: csrfOf(page.text), role: "employee", name: "" });
	page = await admin.get(rp);
	const personal = links(page.text).slice(1);
	await answerAll(new Client(a.base), personal[0].slice(a.base.length), Array(25).fill("partly"));
	const mp = await admin.get(`/o/${org}/members`);
	await admin.post(`/o/${org}/members`, { _csrf: csrfOf(mp.text), role: "member" });
	const resultsA = (await admin.get(`/api/v1/rounds/${round}/results`)).text;
	// a second round, answered and closed, gives the peer figures too
	const closed = await openRound(admin, org, "締め切り済み");
	page = await admin.get(`/o/${org}/rounds/${closed}`);
	await admin.post(`/o/${org}/rounds/${closed}/links`, { _csrf: csrfOf(page.text), role: "executive", name: "" });
	page = await admin.get(`/o/${org}/rounds/${closed}`);
	await answerAll(new Client(a.base), links(page.text)[1].slice(a.base.length), Array(25).fill("yes"));
	assert.equal((await admin.post(`/o/${org}/rounds/${closed}/close`, { _csrf: csrfOf(page.text), confirm: "1" })).status, 303);

	// the registers: an asset, a risk naming it, an edit (history)
	const reg = async (m, path, body) => {
		const pg = await admin.get("/account");
		return admin.req(m, path, { body: JSON.stringify(body), headers: {
			"content-type": "application/json", "x-csrf-token": csrfOf(pg.text) } });
	};
	const asset = JSON.parse((await reg("POST", `/api/v1/orgs/${org}/assets`,
		{ name: "顧客名簿\"移転\"", note: "一行目\n<二行目>", c: 3, i: 2, a: 1, personal: "personal" })).text);
	assert.equal((await reg("PUT", `/api/v1/orgs/${org}/assets/${asset.id}`,
		{ rev: 1, name: "顧客名簿", c: 3, i: 2, a: 2, personal: "personal" })).status, 200);
	const risk = JSON.parse((await reg("POST", `/api/v1/orgs/${org}/risks`,
		{ asset: asset.id, threat: "accident", threat_level: 3, vulnerability: 2,
		  vulnerability_note: "停電への備えが古い" })).text);
	assert.equal(risk.value, 6);
	// the emergency card's phone link (stored as a hash)
	const cp = await admin.get(`/o/${org}/bcp/card`);
	const card = new URL(unescape((await admin.post(`/o/${org}/bcp/card`, { _csrf: csrfOf(cp.text), do: "make" })).text
		.match(/<code class="secret copy">([^<]+)<\/code>/)[1])).pathname;

	// the advisor's programme: opened, a visit with homework
	const pp = await admin.get(`/o/${org}/programme`);
	assert.equal((await admin.post(`/o/${org}/programme`, { _csrf: csrfOf(pp.text), template: "four_visits", first_visit: "2025-10-17" })).status, 303);
	assert.equal((await reg("PUT", `/api/v1/orgs/${org}/engagement/visits/1`, { rev: 1, planned: "2025-10-17",
		held: "2025-10-17", notes: { hearing: "移転\"<前>" }, homework: [{ side: "company", text: "方針の案", due: "2025-10-31" }] })).status, 200);

	// the six categories' answers (issue 16) travel with the organisation
	const cat = await admin.get(`/o/${org}/category`);
	assert.equal((await admin.post(`/o/${org}/category`, { _csrf: csrfOf(cat.text), it_use: "strategic", sec_posture: "balanced" })).status, 303);

	const first = exportOf(a.db, "a.json");
	const doc = JSON.parse(first);
	const count = (t) => doc.tables.find((x) => x.name === t).rows.length;
	assert.equal(count("users"), 1);
	assert.equal(count("respondents"), 3);
	assert.equal(count("bcp_card_links"), 1);
	assert.equal(count("engagements"), 1);
	assert.equal(count("engagement_visits"), 4);
	assert.equal(count("engagement_homework"), 1);
	assert.equal(count("engagement_deliverables"), 8);
	assert.ok(!first.includes(card.slice(3)), "the card's token is not in the export, only its hash");
	assert.ok(count("audit") >= 3);
	assert.ok(doc.tables.find((x) => x.name === "meta").rows.some((r) => r[0] === "secret"));
	assert.equal(count("org_latest"), 1);
	assert.equal(count("reg_rows"), 2);
	assert.equal(count("reg_history"), 3);
	assert.deepEqual(doc.tables.find((x) => x.name === "cohort_stats").rows.map((r) => [r[0], r[1], r[2], r[3]]),
		[["*", "*", 1, 1000], ["E", "*", 1, 1000], ["E", "e3", 1, 1000]]);

	// into SQLite, and back into the first engine's kind
	const b = `sqlite:${join(dir, "b.db")}`;
	let r = cli(["import", join(dir, "a.json"), "--db", b]);
	assert.equal(r.status, 0, r.stderr);
	assert.match(r.stdout, /rows into sqlite/);
	assert.equal(exportOf(b, "b.json"), first);
	const c = freshDb(dir).replace(/m\.db$/, "c.db");
	r = cli(["import", join(dir, "b.json"), "--db", c]);
	assert.equal(r.status, 0, r.stderr);
	assert.equal(exportOf(c, "c.json"), first);

	// an instance started on the copy: same sign-in, links, results
	const s = await startServer([], c);
	servers.push(s);
	const again = new Client(s.base);
	await again.get("/login");
	const login = await again.post("/login", { _csrf: again.jar.get("mamori_csrf"), email: "admin@example.jp", password: "correct horse battery" });
	assert.equal(login.status, 303);
	assert.equal((await again.get(`/api/v1/rounds/${round}/results`)).text, resultsA);
	// the registers came along, references, derived values and history
	const riskB = await again.get(`/api/v1/orgs/${org}/risks/${risk.id}`);
	assert.equal(riskB.status, 200);
	assert.equal(JSON.parse(riskB.text).value, 6);
	assert.equal(JSON.parse(riskB.text).asset, asset.id);
	const rowB = await again.get(`/o/${org}/r/assets/${asset.id}`);
	assert.match(rowB.text, /顧客名簿/);
	assert.equal(JSON.parse((await again.get(`/api/v1/orgs/${org}/assets/${asset.id}`)).text).rev, 2);
	const link = personal[1].slice(a.base.length);
	assert.equal((await new Client(s.base).get(link + "?part=1")).status, 200, "respondent links keep working");
	assert.equal((await new Client(s.base).get(card)).status, 200, "the card's link keeps working");
	assert.match((await again.get(`/o/${org}`)).text, /移転テスト&quot;&lt;&gt;&amp;&#39;/);
	// new rows get new ids after the imported ones
	const org2 = await makeOrg(again, { name: "移転後" });
	assert.ok(org2 > org);

	// an export written before organisations could opt out of the peer
	// statistics (no peer_share, no shared) and so before their exact
	// size and category answers (issue 16) still imports; the opt-outs
	// default on, the issue 16 columns to none
	const old = JSON.parse(first);
	const orgsX = old.tables.find((y) => y.name === "orgs");
	assert.deepEqual(orgsX.columns.slice(-5), ["capital_yen", "staff_count", "sme_group", "it_use", "sec_posture"]);
	assert.deepEqual(orgsX.rows[0].slice(-5), [null, null, "", "strategic", "balanced"]);
	orgsX.columns.splice(-5);
	for (const row of orgsX.rows) row.splice(-5);
	for (const [t, col] of [["orgs", "peer_share"], ["org_latest", "shared"]]) {
		const x = old.tables.find((y) => y.name === t);
		assert.equal(x.columns.at(-1), col);
		x.columns.pop();
		for (const row of x.rows) row.pop();
	}
	const oldFile = join(dir, "old.json");
	writeFileSync(oldFile, JSON.stringify(old));
	const d = freshDb(dir).replace(/m\.db$/, "d.db");
	r = cli(["import", oldFile, "--db", d]);
	assert.equal(r.status, 0, r.stderr);
	const want = JSON.parse(first);
	for (const row of want.tables.find((y) => y.name === "orgs").rows) row.splice(-5, 5, null, null, "", "", "");
	assert.deepEqual(JSON.parse(exportOf(d, "d.json")), want);

	// importing into a database that is in use is refused, untouched
	r = cli(["import", join(dir, "a.json"), "--db", c]);
	assert.equal(r.status, 1);
	assert.match(r.stderr, /already holds accounts or organisations/);
	assert.match(r.stderr, /nothing was imported/);
});

test("backup and restore, on either engine", async () => {
	const src = servers[0].db;
	const file = join(dir, "backup.bak");
	let r = cli(["backup", "--to", file, "--db", src]);
	assert.equal(r.status, 0, r.stderr);
	const target = `sqlite:${join(dir, "restored.db")}`;
	r = cli(["restore", file, "--db", target]);
	assert.equal(r.status, 0, r.stderr);
	assert.match(r.stdout, /^restore: \d+ rows into sqlite/);
	assert.equal(exportOf(target, "r.json"), exportOf(src, "s.json"));
	// a broken file: one clear line, exit 1, nothing imported
	const bad = `sqlite:${join(dir, "bad.db")}`;
	r = cli(["restore", join(dir, "nope.bak"), "--db", bad]);
	assert.equal(r.status, 1);
	r = cli(["import", "/dev/null", "--db", bad]);
	assert.equal(r.status, 1);
	assert.equal(r.stderr.trim().split("\n").length, 1);
});

test("a wrong --db is one clear line and exit status 2", () => {
	for (const db of ["mysql://x", "postgres://nobody@127.0.0.1:1/none", "sqlite:/nonexistent/dir/x.db"]) {
		const r = cli(["user", "list", "--db", db]);
		assert.equal(r.status, 2, db);
		assert.equal(r.stderr.trim().split("\n").length, 1, r.stderr);
		assert.match(r.stderr, /^mamori: /);
	}
});
