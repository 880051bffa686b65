// Signing in from an office behind one address, wrong passwords, the lock
// of an account, and the first-admin link that ends once an account exists.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { startServer, Client, cli } from "./lib.mjs";

// Run SQL on the test server's database (sqlite3 or psql).
function sql(db, text) {
	if (db.startsWith("sqlite:")) execFileSync("sqlite3", [db.slice(7), text]);
	else execFileSync("psql", [db, "-q", "-c", text]);
}

const PW = "correct horse battery";
let srv;

before(async () => { srv = await startServer(["--trust-proxy", "yes"]); });
after(async () => { await srv?.stop(); });

// Sign in as email from a client address (X-Forwarded-For, trusted here).
async function login(c, email, password, addr = "192.0.2.10") {
	if (!c.jar.get("mamori_csrf")) await c.get("/login");
	return c.post("/login", { _csrf: c.jar.get("mamori_csrf"), email, password },
		{ headers: { "x-forwarded-for": addr } });
}

test("the set-up link makes one admin; made on the command line first, the old link makes none", async () => {
	const old = srv.setup;
	const r = cli(["user", "add", "cli-admin@example.jp", "--role", "admin", "--password-stdin", "--db", srv.db], PW + "\n");
	assert.equal(r.status, 0, r.stderr);
	const c = new Client(srv.base);
	const path = new URL(old).pathname;
	const page = await c.get(path);
	assert.equal(page.status, 410);
	assert.match(page.text, /この登録リンクはもう使えません/);
	assert.match(page.text, /href="\/login"/);
	// a form kept from before is refused too, with the same page
	const posted = await c.post(path, { _csrf: c.jar.get("mamori_csrf"), email: "second@example.jp", password: PW, password2: PW });
	assert.equal(posted.status, 410);
	assert.match(posted.text, /この登録リンクはもう使えません/);
	assert.equal((await login(new Client(srv.base), "second@example.jp", PW, "192.0.2.99")).status, 401);
	const users = cli(["user", "list", "--db", srv.db]);
	assert.doesNotMatch(users.stdout, /second@example\.jp/);
	assert.equal(users.stdout.match(/\tadmin\b/g)?.length, 1, users.stdout);
});

test("35 correct sign-ins from one address in a row all succeed", async () => {
	for (let i = 0; i < 35; i++) {
		const r = await login(new Client(srv.base), "cli-admin@example.jp", PW);
		assert.equal(r.status, 303, `sign-in ${i + 1}: ${r.status}`);
	}
});

test("wrong passwords are limited per account and address with 429; another account there still signs in", async () => {
	const u = cli(["user", "add", "clerk@example.jp", "--role", "member", "--password-stdin", "--db", srv.db], PW + "\n");
	assert.equal(u.status, 0, u.stderr);
	const c = new Client(srv.base);
	for (let i = 0; i < 5; i++)
		assert.equal((await login(c, "clerk@example.jp", "wrong " + i, "192.0.2.20")).status, 401);
	const limited = await login(c, "clerk@example.jp", "wrong again", "192.0.2.20");
	assert.equal(limited.status, 429);
	assert.match(limited.text, /15分ほど受け付けを止めています/);
	assert.ok(+limited.headers.get("retry-after") > 0);
	// the right password from there waits too: no guessing on
	assert.equal((await login(c, "clerk@example.jp", PW, "192.0.2.20")).status, 429);
	// a colleague behind the same address signs in
	assert.equal((await login(new Client(srv.base), "cli-admin@example.jp", PW, "192.0.2.20")).status, 303);
	// the owner from another address signs in
	assert.equal((await login(new Client(srv.base), "clerk@example.jp", PW, "192.0.2.21")).status, 303);
});

test("many wrong passwords for one address from anywhere lock the account; the owner is told", async () => {
	const u = cli(["user", "add", "target@example.jp", "--role", "member", "--password-stdin", "--db", srv.db], PW + "\n");
	assert.equal(u.status, 0, u.stderr);
	// 50 failures from ten addresses, five each (under each address' limit)
	for (let a = 0; a < 10; a++)
		for (let i = 0; i < 5; i++) {
			const r = await login(new Client(srv.base), "target@example.jp", "guess " + i, `198.51.100.${a + 1}`);
			assert.equal(r.status, 401, `address ${a}, try ${i}`);
		}
	// locked: even the right password, from a fresh address
	const locked = await login(new Client(srv.base), "target@example.jp", PW, "203.0.113.5");
	assert.equal(locked.status, 429);
	assert.match(locked.text, /ロックしています/);
	// the audit log tells the instance admin
	const admin = new Client(srv.base);
	assert.equal((await login(admin, "cli-admin@example.jp", PW, "203.0.113.6")).status, 303);
	const audit = await admin.get("/admin/audit");
	assert.match(audit.text, /アカウントを一時的にロックしました/);
	assert.match(audit.text, /target@example\.jp/);
	// the lock's window is over (moved back in time here): the owner
	// signs in and is told before going on
	sql(srv.db, "UPDATE rate_limits SET window_start = window_start - 1000 WHERE key LIKE 'acct:%'");
	const owner = new Client(srv.base);
	const told = await login(owner, "target@example.jp", PW, "203.0.113.7");
	assert.equal(told.status, 200);
	assert.match(told.text, /まちがったパスワードがとても多く送られ/);
	assert.match(told.text, /href="\/account"/);
	assert.equal((await owner.get("/account")).status, 200);
	// once
	const again = await login(new Client(srv.base), "target@example.jp", PW, "203.0.113.8");
	assert.equal(again.status, 303);
});
