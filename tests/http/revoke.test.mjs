// A node keeps who a session or an API token is, and members' roles,
// between requests (struct app.auth).  What it keeps never outlives a
// change: signing out, a password change, a revoked or replaced token,
// a member removed or given a lesser role take effect at the next
// request, however often the session, token or role was used just
// before (so that the node had it kept).  Changes made by another
// process (the command line, SQL) too: at once on SQLite, where every
// commit shows in the database file, within the watch's delay on
// PostgreSQL, where the other process's notification has to arrive.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { startServer, Client, firstAdmin, makeOrg, csrfOf, cli, inviteUser } from "./lib.mjs";

let srv, admin, org;
before(async () => {
	srv = await startServer();
	admin = await firstAdmin(srv);
	org = await makeOrg(admin);
});
after(async () => { await srv?.stop(); });

const PW = "correct horse battery";
const pg = () => !srv.db.startsWith("sqlite:");

function sql(q) {
	if (!pg())
		return execFileSync("sqlite3", [srv.db.slice(7), q], { encoding: "utf8" });
	return execFileSync("psql", [srv.db, "-qAt", "-c", q], { encoding: "utf8" });
}

// The same browser: a client with a copy of c's cookies.
function copyOf(c) {
	const d = new Client(c.base);
	d.jar = new Map(c.jar);
	return d;
}

// Use a path a few times so that the node keeps what it read for it.
async function warm(c, path, status = 200, opts) {
	for (let i = 0; i < 3; i++)
		assert.equal((await c.get(path, opts)).status, status, `${path} before the change`);
}

// The status of f() once a change made by another process has reached
// the node: the first answer on SQLite, within 2 s on PostgreSQL.
async function settled(f, want) {
	let s = await f();
	const t0 = Date.now();
	while (pg() && s !== want && Date.now() - t0 < 2000) {
		await new Promise((r) => setTimeout(r, 20));
		s = await f();
	}
	return s;
}

async function signIn(email, password = PW) {
	const c = new Client(srv.base);
	await c.get("/login");
	const res = await c.post("/login", { _csrf: c.jar.get("mamori_csrf"), email, password });
	assert.equal(res.status, 303, `sign-in of ${email}`);
	return c;
}

test("signing out ends the session at once, even one used a moment before", async () => {
	const c = await signIn("admin@example.jp");
	const other = await signIn("admin@example.jp");
	await warm(c, "/account");
	await warm(other, "/account");
	const old = copyOf(c);
	const page = await c.get(`/o/${org}`);
	assert.equal((await c.post("/logout", { _csrf: csrfOf(page.text) })).status, 303);
	// the cookie sent again, as a copied or stolen one would be
	const res = await old.get("/account");
	assert.equal(res.status, 303);
	assert.match(res.location, /^\/login/);
	assert.equal((await old.get(`/o/${org}`)).status, 303);
	// the account's other session goes on
	assert.equal((await other.get("/account")).status, 200);
});

test("a password change ends the account's other sessions at once", async () => {
	const email = "pw-sessions@example.jp";
	const m = await inviteUser(admin, srv, org, email);
	const a = await signIn(email, "a long enough pass");
	await warm(m, `/o/${org}`);
	await warm(a, `/o/${org}`);
	const res = await m.submit("/account", "/account/password", { current: "a long enough pass", password: "another long pass", password2: "another long pass" });
	assert.equal(res.status, 303);
	assert.equal((await a.get(`/o/${org}`)).status, 303);
});

async function newToken(c) {
	const res = await c.submit("/account", "/account/token", {});
	assert.equal(res.status, 200);
	return res.text.match(/<code class="secret">([^<]+)<\/code>/)[1];
}
const bearer = (tok) => ({ headers: { authorization: `Bearer ${tok}` } });

test("a revoked or replaced API token is refused at once", async () => {
	const api = `/api/v1/orgs/${org}/rounds`;
	const t = await newToken(admin);
	await warm(new Client(srv.base), api, 200, bearer(t));
	// a new token replaces the old one
	const t2 = await newToken(admin);
	assert.equal((await new Client(srv.base).get(api, bearer(t))).status, 401);
	await warm(new Client(srv.base), api, 200, bearer(t2));
	const acc = await admin.get("/account");
	assert.equal((await admin.post("/account/token/revoke", { _csrf: csrfOf(acc.text) })).status, 200);
	assert.equal((await new Client(srv.base).get(api, bearer(t2))).status, 401);
});

test("a member given a lesser role gets 403 at once, and 404 once removed", async () => {
	const email = "role-change@example.jp";
	const m = await inviteUser(admin, srv, org, email, "org_admin");
	await warm(m, `/o/${org}/members`);
	const members = await admin.get(`/o/${org}/members`);
	const uid = +sql(`SELECT id FROM users WHERE email = '${email}'`).trim();
	let ch = await admin.post(`/o/${org}/members/${uid}`, { _csrf: csrfOf(members.text), role: "member" });
	assert.equal(ch.status, 200);
	assert.equal((await m.get(`/o/${org}/members`)).status, 403);
	await warm(m, `/o/${org}`);
	ch = await admin.post(`/o/${org}/members/${uid}`, { _csrf: csrfOf(members.text), remove: "1" });
	assert.equal(ch.status, 200);
	assert.equal((await m.get(`/o/${org}`)).status, 404);
});

test("changes made outside the server reach it: a role on the command line, a token expired in SQL", async () => {
	const email = "outside@example.jp";
	assert.equal(cli(["user", "add", email, "--role", "admin", "--password-stdin", "--db", srv.db], `${PW}\n`).status, 0);
	const c = await signIn(email);
	await warm(c, "/admin/users");
	assert.equal(cli(["user", "role", email, "member", "--db", srv.db]).status, 0);
	assert.equal(await settled(async () => (await c.get("/admin/users")).status, 404), 404);

	const t = cli(["user", "token", "admin@example.jp", "--db", srv.db]).stdout.trim();
	const api = `/api/v1/orgs/${org}/rounds`;
	await warm(new Client(srv.base), api, 200, bearer(t));
	sql("UPDATE users SET token_expires_at = 1000 WHERE email = 'admin@example.jp'");
	assert.equal(await settled(async () => (await new Client(srv.base).get(api, bearer(t))).status, 401), 401);
	// a session deleted in SQL is signed out
	await warm(c, "/account");
	sql(`DELETE FROM sessions WHERE user_id = (SELECT id FROM users WHERE email = '${email}')`);
	assert.equal(await settled(async () => (await c.get("/account")).status, 303), 303);
});
