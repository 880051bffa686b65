// Signing in behind a company's single sign-on (issue 16): a header that
// names the user (auth-header) is believed from the addresses of
// auth-proxies only.  The proxy here is a client on 127.0.0.2 (all of
// 127/8 reaches the server on 127.0.0.1); any other address sending the
// same header signs nobody in.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { request } from "node:http";
import { startServer, firstAdmin, cli, csrfOf, Client } from "./lib.mjs";

let srv;

before(async () => {
	srv = await startServer(["--auth-header", "X-Forwarded-Email", "--auth-proxies", "127.0.0.2"]);
	await firstAdmin(srv);
	const r = cli(["user", "add", "sso@example.jp", "--role", "member", "--password-stdin", "--db", srv.db], "a long enough pass\n");
	assert.equal(r.status, 0, r.stderr);
});
after(async () => { await srv?.stop(); });

// One request from a chosen local address; {status, headers, text}.
function from(addr, method, path, headers = {}, body = null) {
	const u = new URL(srv.base + path);
	return new Promise((resolve, reject) => {
		const req = request({ host: u.hostname, port: u.port, path: u.pathname + u.search, method, headers, localAddress: addr }, (res) => {
			let text = "";
			res.setEncoding("utf8");
			res.on("data", (d) => { text += d; });
			res.on("end", () => resolve({ status: res.statusCode, headers: res.headers, text }));
		});
		req.on("error", reject);
		if (body) req.write(body);
		req.end();
	});
}

function cookieOf(res, name) {
	for (const c of res.headers["set-cookie"] ?? []) {
		const m = c.match(new RegExp(`^${name}=([^;]+)`));
		if (m) return m[1];
	}
	return null;
}

test("from the configured proxy, the header signs an existing user in, and forms work in the session it makes", async () => {
	const page = await from("127.0.0.2", "GET", "/account", { "x-forwarded-email": "SSO@example.jp" });
	assert.equal(page.status, 200, page.text.slice(0, 300));
	assert.match(page.text, /sso@example\.jp/);
	const sess = cookieOf(page, "mamori_session");
	assert.ok(sess, "a session is made");
	// the next request with that session and the same header: no new session
	const again = await from("127.0.0.2", "GET", "/account", { "x-forwarded-email": "sso@example.jp", cookie: `mamori_session=${sess}` });
	assert.equal(again.status, 200);
	assert.equal(cookieOf(again, "mamori_session"), null);
	// a form posted with the page's token
	const body = new URLSearchParams({ _csrf: csrfOf(again.text), lang: "en" }).toString();
	const saved = await from("127.0.0.2", "POST", "/account/lang", { "x-forwarded-email": "sso@example.jp", cookie: `mamori_session=${sess}`, "content-type": "application/x-www-form-urlencoded" }, body);
	assert.equal(saved.status, 303);
	// the header names someone else now: that one is signed in instead
	const other = await from("127.0.0.2", "GET", "/account", { "x-forwarded-email": "admin@example.jp", cookie: `mamori_session=${sess}` });
	assert.equal(other.status, 200);
	assert.match(other.text, /admin@example\.jp/);
	assert.notEqual(cookieOf(other, "mamori_session"), sess);
});

test("from the proxy, an address without an account is refused (403) and no account is made", async () => {
	const res = await from("127.0.0.2", "GET", "/account", { "x-forwarded-email": "stranger@example.jp" });
	assert.equal(res.status, 403);
	assert.equal(cookieOf(res, "mamori_session"), null);
	const users = cli(["user", "list", "--db", srv.db]);
	assert.doesNotMatch(users.stdout, /stranger@example\.jp/);
});

test("the same header from any other address is ignored: nobody is signed in", async () => {
	const res = await from("127.0.0.1", "GET", "/account", { "x-forwarded-email": "sso@example.jp" });
	assert.equal(res.status, 303);
	assert.match(res.headers.location, /^\/login/);
	assert.equal(cookieOf(res, "mamori_session"), null);
	const res3 = await from("127.0.0.3", "GET", "/account", { "x-forwarded-email": "admin@example.jp" });
	assert.equal(res3.status, 303);
	// and with a session of its own, the header changes nothing
	const c = new Client(srv.base);
	const page = await c.get("/login");
	const login = await c.post("/login", { _csrf: csrfOf(page.text), email: "sso@example.jp", password: "a long enough pass" });
	assert.equal(login.status, 303);
	const mine = await c.get("/account", { headers: { "x-forwarded-email": "admin@example.jp" } });
	assert.equal(mine.status, 200);
	assert.match(mine.text, /sso@example\.jp/);
	assert.doesNotMatch(mine.text, /admin@example\.jp/);
});

test("without auth-proxies the server does not start; the header is off by default", async () => {
	const r = cli(["serve", "--db", srv.db, "--listen", "127.0.0.1:0", "--auth-header", "X-Forwarded-Email"]);
	assert.notEqual(r.status, 0);
	assert.match(r.stderr, /auth-proxies/);
	const checked = cli(["check-config", "--db", srv.db, "--auth-header", "X-Forwarded-Email"]);
	assert.notEqual(checked.status, 0);
	assert.match(checked.stderr, /auth-header needs auth-proxies/);
	const bad = cli(["serve", "--db", srv.db, "--listen", "127.0.0.1:0", "--auth-header", "X-Forwarded-Email", "--auth-proxies", "nonsense"]);
	assert.notEqual(bad.status, 0);
	assert.match(bad.stderr, /auth-proxies: 'nonsense'/);
	const plain = await startServer();
	try {
		const u = new URL(plain.base);
		const res = await new Promise((resolve, reject) => {
			const req = request({ host: u.hostname, port: u.port, path: "/account", headers: { "x-forwarded-email": "sso@example.jp" }, localAddress: "127.0.0.2" }, (res) => { res.resume(); res.on("end", () => resolve(res)); });
			req.on("error", reject);
			req.end();
		});
		assert.equal(res.statusCode, 303);
	} finally {
		await plain.stop();
	}
});
