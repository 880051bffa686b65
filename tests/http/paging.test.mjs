// Long lists go by pages of 50 with ?page=N links and a count: the rounds
// of an organisation, its members, its audit entries (and the instance's)
// and the respondents of a round.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { startServer, Client, firstAdmin, makeOrg, cli, unescape } from "./lib.mjs";

let srv, admin, org, token;
before(async () => {
	srv = await startServer();
	admin = await firstAdmin(srv);
	org = await makeOrg(admin, { name: "ページ送り" });
	token = cli(["user", "token", "admin@example.jp", "--db", srv.db]).stdout.trim();
});
after(async () => { await srv?.stop(); });

function sql(q) {
	if (srv.db.startsWith("sqlite:"))
		return execFileSync("sqlite3", [srv.db.slice(7), q], { encoding: "utf8" });
	return execFileSync("psql", [srv.db, "-qAt", "-c", q], { encoding: "utf8" });
}
async function api(method, path, body, type = "application/json") {
	const res = await new Client(srv.base).req(method, path, { body, headers: { authorization: `Bearer ${token}`, "content-type": type } });
	return { status: res.status, json: res.text ? JSON.parse(res.text) : null };
}
const pager = (html) => html.match(/<nav class="pager"[\s\S]*?<\/nav>/)?.[0] ?? "";
const links = (nav) => [...nav.matchAll(/href="([^"]+)"/g)].map((m) => unescape(m[1]));

test("the rounds of an organisation: 50 a page, a count and links", async () => {
	for (let i = 1; i <= 55; i++) {
		const r = await api("POST", `/api/v1/orgs/${org}/rounds`, JSON.stringify({ title: `回${i}` }));
		assert.equal(r.status, 201);
		assert.equal((await api("POST", `/api/v1/rounds/${r.json.id}/close`)).status, 200);
	}
	const first = await admin.get(`/o/${org}`);
	const cards = (html) => [...html.matchAll(/class="card-link">(回\d+)</g)].map((m) => m[1]);
	assert.equal(cards(first.text).length, 50);
	assert.equal(cards(first.text)[0], "回55", "newest first");
	const nav = pager(first.text);
	assert.match(nav, /全55件/);
	assert.match(nav, /1 \/ 2 ページ/);
	assert.deepEqual(links(nav), [`/o/${org}?page=2#rounds`]);
	const second = await admin.get(`/o/${org}?page=2`);
	assert.deepEqual(cards(second.text), ["回5", "回4", "回3", "回2", "回1"]);
	assert.deepEqual(links(pager(second.text)), [`/o/${org}?page=1#rounds`]);
	// past the end: the last page; nonsense: the first
	assert.deepEqual(cards((await admin.get(`/o/${org}?page=99`)).text), cards(second.text));
	assert.equal(cards((await admin.get(`/o/${org}?page=x`)).text)[0], "回55");
});

test("the audit entries, of an organisation and of the instance", async () => {
	const rows = (html) => (html.match(/<tbody>([\s\S]*?)<\/tbody>/)?.[1].match(/<tr>/g) ?? []).length;
	const n = +sql(`SELECT count(*) FROM audit WHERE org_id = ${org}`).trim();
	assert.ok(n > 100, `${n} entries`);
	const p1 = await admin.get(`/o/${org}/audit`);
	assert.equal(rows(p1.text), 50);
	assert.match(pager(p1.text), new RegExp(`全${n}件`));
	const last = Math.ceil(n / 50);
	const pl = await admin.get(`/o/${org}/audit?page=${last}`);
	assert.equal(rows(pl.text), n - 50 * (last - 1));
	// the oldest entry (the organisation made) is on the last page
	assert.match(pl.text, /組織を登録しました/);
	assert.doesNotMatch(p1.text, /組織を登録しました/);
	const all = await admin.get("/admin/audit?page=2");
	assert.equal(rows(all.text), 50);
	assert.deepEqual(links(pager(all.text)), ["/admin/audit?page=1", "/admin/audit?page=3"]);
});

test("the members of an organisation", async () => {
	const ids = Array.from({ length: 60 }, (_, i) => i + 1);
	for (const i of ids)
		sql(`INSERT INTO users (email, pw_hash, role, lang, created_at) VALUES ('m${String(i).padStart(2, "0")}@example.jp', 'x', 'member', 'ja', 0)`);
	sql(`INSERT INTO members (user_id, org_id, role) SELECT id, ${org}, 'member' FROM users WHERE email LIKE 'm__@example.jp'`);
	const emails = (html) => [...html.matchAll(/>([a-z0-9]+@example\.jp)<\/td>/g)].map((m) => m[1]);
	const p1 = await admin.get(`/o/${org}/members`);
	assert.equal(emails(p1.text).length, 50);
	assert.match(pager(p1.text), /全61件/);
	const p2 = await admin.get(`/o/${org}/members?page=2`);
	assert.equal(emails(p2.text).length, 11);
	assert.equal(emails(p2.text).at(-1), "m60@example.jp");
});

test("the respondents of a round", async () => {
	const r = await api("POST", `/api/v1/orgs/${org}/rounds`, JSON.stringify({ title: "多人数" }));
	const head = "name,role," + Array.from({ length: 25 }, (_, i) => `q${i + 1}`).join(",");
	const csv = head + "\n" + Array.from({ length: 120 }, (_, i) => `人${i + 1},employee,${Array(25).fill("yes").join(",")}`).join("\n") + "\n";
	assert.equal((await api("POST", `/api/v1/rounds/${r.json.id}/answers`, csv, "text/csv")).status, 201);
	const path = `/o/${org}/rounds/${r.json.id}`;
	const names = (html) => [...html.matchAll(/<strong>(人\d+)<\/strong>/g)].map((m) => m[1]);
	const p1 = await admin.get(path);
	assert.equal(names(p1.text).length, 50);
	assert.equal(names(p1.text)[0], "人1");
	assert.match(pager(p1.text), /全120件/);
	assert.match(pager(p1.text), /1 \/ 3 ページ/);
	const p3 = await admin.get(`${path}?page=3`);
	assert.deepEqual(names(p3.text), Array.from({ length: 20 }, (_, i) => `人${101 + i}`));
	assert.deepEqual(links(pager(p3.text)), [`${path}?page=2#respondents`]);
	// the count above the list is of everyone
	assert.match(p3.text, /120 \/ 120|120\/120/);
});
