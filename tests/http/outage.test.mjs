// A database outage is not a wrong password: with PostgreSQL stopped,
// signing in, a signed-in page and the API answer 503 "temporarily
// unavailable" with Retry-After, nothing counts as a failed sign-in or an
// ended session, /readyz says not ready while /healthz stays up; once the
// database is back, the first request on every pooled connection works.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { startServer, Client, firstAdmin, makeOrg, top } from "./lib.mjs";

const pgDir = process.env.MAMORI_TEST_PG_DIR;
const pg = (cmd) => execFileSync("sh", [join(top, "scripts/pg-test.sh"), cmd, pgDir], { stdio: "ignore" });
const PW = "correct horse battery";
let srv;

before(async () => { srv = await startServer(); });
after(async () => { await srv?.stop(); });

test("/readyz is 200 while the database answers, and /healthz too", async () => {
	const c = new Client(srv.base);
	const ready = await c.get("/readyz");
	assert.equal(ready.status, 200);
	assert.match(ready.text, /ready/);
	assert.equal((await c.get("/healthz")).status, 200);
});

test("PostgreSQL stopped: 503 not 401, nothing counted, the session kept; back: the first requests work",
	{ skip: !pgDir && "needs PostgreSQL (the http-postgres run)" }, async () => {
	const admin = await firstAdmin(srv);
	const org = await makeOrg(admin);
	assert.equal((await admin.get("/account")).status, 200);
	const visitor = new Client(srv.base);
	await visitor.get("/login");
	const csrf = visitor.jar.get("mamori_csrf");
	pg("halt");
	try {
		// wrong and right passwords alike: the database cannot say
		for (let i = 0; i < 7; i++) {
			const pw = i % 2 ? PW : "wrong password " + i;
			const r = await visitor.post("/login", { _csrf: csrf, email: "admin@example.jp", password: pw });
			assert.equal(r.status, 503, `attempt ${i}: ${r.status}`);
			assert.match(r.text, /一時的に使えません/);
			assert.doesNotMatch(r.text, /パスワードがちがいます/);
			assert.ok(+r.headers.get("retry-after") > 0, "Retry-After");
		}
		// the signed-in person is not sent to sign in again
		const page = await admin.get("/account");
		assert.equal(page.status, 503);
		assert.equal(page.location, null);
		assert.match(page.text, /一時的に使えません/);
		assert.ok(admin.jar.has("mamori_session"), "the session cookie stays");
		const api = await admin.get(`/api/v1/orgs/${org}/rounds`);
		assert.equal(api.status, 503);
		assert.match(api.headers.get("content-type"), /json/);
		assert.ok(JSON.parse(api.text).error);
		assert.ok(+api.headers.get("retry-after") > 0);
		const ready = await visitor.get("/readyz");
		assert.equal(ready.status, 503);
		assert.ok(+ready.headers.get("retry-after") > 0);
		assert.equal((await visitor.get("/healthz")).status, 200);
	} finally {
		pg("resume");
	}
	// every request after the restart works, on every pooled connection
	const seen = [];
	for (let i = 0; i < 8; i++)
		seen.push((await admin.get("/account")).status);
	assert.deepEqual(seen, Array(8).fill(200), seen.join(","));
	assert.equal((await visitor.get("/readyz")).status, 200);
	// the outage counted no failed sign-in: no lock-out, no audit row
	const ok = await visitor.post("/login", { _csrf: csrf, email: "admin@example.jp", password: PW });
	assert.equal(ok.status, 303);
	const audit = await admin.get("/admin/audit");
	assert.equal(audit.status, 200);
	assert.doesNotMatch(audit.text, /login_failed|ログインに失敗しました/);
});

test("a pooled connection the server dropped is opened again before a request meets it",
	{ skip: !pgDir && "needs PostgreSQL (the http-postgres run)" }, async () => {
	const admin = new Client(srv.base);
	await admin.get("/login");
	assert.equal((await admin.post("/login", { _csrf: admin.jar.get("mamori_csrf"), email: "admin@example.jp", password: PW })).status, 303);
	execFileSync("psql", [srv.db, "-q", "-c", "SELECT pg_terminate_backend(pid) FROM pg_stat_activity " +
		"WHERE datname = current_database() AND pid <> pg_backend_pid()"]);
	const seen = [];
	for (let i = 0; i < 8; i++)
		seen.push((await admin.get("/account")).status);
	assert.deepEqual(seen, Array(8).fill(200), seen.join(","));
});
