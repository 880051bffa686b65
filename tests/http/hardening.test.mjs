// Smaller holes closed (issue 11, item 10): who may grant org admin, a GET
// that stores nothing, a NUL in a form value, X-Forwarded-For only from
// trusted proxies, and oversized requests answered instead of reset.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import net from "node:net";
import { startServer, Client, firstAdmin, makeOrg, csrfOf, inviteUser, ORG } from "./lib.mjs";

let srv, admin;
before(async () => {
	srv = await startServer();
	admin = await firstAdmin(srv);
});
after(async () => { await srv?.stop(); });

// One SQL query on the test server's database; its rows as text.
function sql(q) {
	if (srv.db.startsWith("sqlite:"))
		return execFileSync("sqlite3", [srv.db.slice(7), q], { encoding: "utf8" });
	return execFileSync("psql", [srv.db, "-qAt", "-c", q], { encoding: "utf8" });
}

// The user id of email on the members page of org, as c sees it.
async function memberId(c, org, email) {
	const page = await c.get(`/o/${org}/members`);
	const re = new RegExp(`${email.replace(/[.]/g, "\\.")}</td>[\\s\\S]*?action="/o/${org}/members/(\\d+)"`);
	const m = page.text.match(re);
	assert.ok(m, `no row for ${email}`);
	return +m[1];
}

test("an org advisor cannot make anyone org admin, by role change or invitation", async () => {
	const org = await makeOrg(admin, { name: "役割テスト" });
	const adv = await inviteUser(admin, srv, org, "adv-role@example.jp", "advisor");
	await inviteUser(admin, srv, org, "plain-role@example.jp", "member");
	const uid = await memberId(adv, org, "plain-role@example.jp");
	// the advisor is not offered what it may not grant…
	const menu = await adv.get(`/o/${org}/members`);
	assert.doesNotMatch(menu.text, /value="org_admin"(?! checked| selected)/, "org admin is not offered to an advisor");
	// …and the org admin is
	assert.match((await admin.get(`/o/${org}/members`)).text, /value="org_admin"/);

	const res = await adv.submit(`/o/${org}/members`, `/o/${org}/members/${uid}`, { role: "org_admin" });
	assert.equal(res.status, 422);
	assert.match(res.text, /組織の管理者にできるのは組織の管理者だけです/);
	assert.match(res.text, /plain-role@example\.jp<\/td><td[^>]*>メンバー</, "the role stays member");

	const inv = await adv.submit(`/o/${org}/members`, `/o/${org}/members`, { role: "org_admin" });
	assert.equal(inv.status, 422);
	assert.match(inv.text, /組織の管理者にできるのは組織の管理者だけです/);
	assert.doesNotMatch(inv.text, /\/invite\//);

	// an advisor still makes members; an org admin still makes admins
	assert.equal((await adv.submit(`/o/${org}/members`, `/o/${org}/members`, { role: "member" })).status, 200);
	const ok = await admin.submit(`/o/${org}/members`, `/o/${org}/members/${uid}`, { role: "org_admin" });
	assert.equal(ok.status, 200);
	assert.match(ok.text, /plain-role@example\.jp<\/td><td[^>]*>組織の管理者</);
});

test("GET /lang/{code} sets the cookie and stores nothing", async () => {
	const users = () => sql("SELECT * FROM users ORDER BY id");
	const before = users();
	assert.match(sql("SELECT lang FROM users WHERE email = 'admin@example.jp'"), /^ja/);
	const res = await admin.get("/lang/en?next=/account");
	assert.equal(res.status, 303);
	assert.match(res.headers.get("set-cookie"), /lang=en/);
	assert.equal(users(), before, "the users table is unchanged");
	// the cookie alone switches the pages
	assert.match((await admin.get("/account")).text, /<html lang="en"/);
	// the account page is the way to store a preference
	const acc = await admin.get("/account");
	assert.equal((await admin.post("/account/lang", { _csrf: csrfOf(acc.text), lang: "en" })).status, 303);
	assert.match(sql("SELECT lang FROM users WHERE email = 'admin@example.jp'"), /^en/);
	await admin.get("/lang/ja");
	assert.match(sql("SELECT lang FROM users WHERE email = 'admin@example.jp'"), /^en/);
	await admin.post("/account/lang", { _csrf: csrfOf(acc.text), lang: "ja" });
});

test("a NUL in a form value is a field error, not a cut value", async () => {
	const orgs = () => sql("SELECT name FROM orgs ORDER BY id");
	const before = orgs();
	const res = await admin.submit("/o/new", "/o/new", { ...ORG, name: "abc\0def" });
	assert.equal(res.status, 422);
	assert.match(res.text, /<p class="field-msg" id="e-name">使えない文字が含まれています。<\/p>/);
	assert.equal(orgs(), before, "nothing stored");
	assert.doesNotMatch(orgs(), /^abc$/m);
	// the same in a multipart form
	const org = await makeOrg(admin, { name: "NULテスト" });
	const page = await admin.get(`/o/${org}`);
	const fd = new FormData();
	fd.append("_csrf", csrfOf(page.text));
	fd.append("title", "第1回\0隠し");
	const mp = await admin.req("POST", `/o/${org}/rounds`, { body: fd });
	assert.equal(mp.status, 422);
	assert.match(mp.text, /使えない文字が含まれています/);
});

// A new organisation made by c with extra request headers; the audit row
// of its creation shows which address the server believed.
async function orgAddr(server, c, headers, name) {
	const page = await c.get("/o/new");
	const res = await c.req("POST", "/o/new", { form: { ...ORG, name, _csrf: csrfOf(page.text) }, headers });
	assert.equal(res.status, 303);
	const audit = await c.get("/admin/audit");
	const row = audit.text.split("</tr>").find((tr) => tr.includes(name));
	assert.ok(row, `no audit row for ${name}`);
	return row.match(/<td[^>]*>([0-9a-f.:]+)<\/td>\s*$/)?.[1];
}

test("X-Forwarded-For is believed only from a trusted proxy", async () => {
	const fwd = { "x-forwarded-for": "198.51.100.7, 203.0.113.9" };
	// the loopback client is the proxy by default: its last hop counts
	const viaProxy = await startServer(["--trust-proxy", "yes"]);
	// a proxy elsewhere: the loopback client is a direct one
	const direct = await startServer(["--trust-proxy", "yes", "--trusted-proxies", "192.0.2.1, 10.0.0.0/8"]);
	try {
		assert.equal(await orgAddr(viaProxy, await firstAdmin(viaProxy), fwd, "経由"), "203.0.113.9");
		assert.equal(await orgAddr(direct, await firstAdmin(direct), fwd, "直接"), "127.0.0.1");
	} finally {
		await viaProxy.stop();
		await direct.stop();
	}
	// a list that is not addresses stops the server with a clear line
	await assert.rejects(startServer(["--trust-proxy", "yes", "--trusted-proxies", "127.0.0.1, proxy.example"]),
		/trusted-proxies: 'proxy\.example' is not an address/);
});

// Send data on a raw connection in 4 KiB pieces, as a client on a real
// network would; resolves with what came back, the socket error if any
// and the time it took.  Stops writing once an answer arrived.
function raw(data) {
	const { hostname, port } = new URL(srv.base);
	return new Promise((resolve) => {
		const s = net.connect(+port, hostname);
		const t0 = Date.now();
		let got = "", err = null, i = 0;
		s.on("data", (d) => { got += d; });
		s.on("error", (e) => { err = e.code; });
		s.on("close", () => resolve({ got, err, ms: Date.now() - t0 }));
		const pump = () => {
			if (s.destroyed || got) return;
			if (i < data.length) {
				s.write(data.slice(i, i += 4096));
				setTimeout(pump, 1);
			}
		};
		pump();
		setTimeout(() => s.destroy(), 20000);
	});
}
const statusOf = (got) => +(got.match(/^HTTP\/1\.1 (\d+)/)?.[1] ?? 0);
const headerLines = (n) => Array.from({ length: n }, (_, i) => `X-Filler-${i}: v`).join("\r\n") + "\r\n";

test("a 100 kB URL gets 414 and a page, not a reset", async () => {
	const res = await raw(`GET /${"a".repeat(100000)} HTTP/1.1\r\nHost: x\r\n\r\n`);
	assert.equal(res.err, null);
	assert.equal(statusOf(res.got), 414);
	assert.match(res.got, /アドレスが長すぎます/);
	// in the query string too, and as JSON under /api/
	const api = await raw(`GET /api/v1/orgs?x=${"b".repeat(100000)} HTTP/1.1\r\nHost: x\r\n\r\n`);
	assert.equal(statusOf(api.got), 414);
	assert.match(api.got, /\{"error": "414"\}/);
	// a long but ordinary URL still works
	assert.equal((await new Client(srv.base).get(`/login?next=/${"c".repeat(2000)}`)).status, 200);
});

test("too many header lines get 431, not a reset", async () => {
	const some = await raw(`GET / HTTP/1.1\r\nHost: x\r\n${headerLines(2000)}\r\n`);
	assert.equal(some.err, null);
	assert.equal(statusOf(some.got), 431);
	assert.match(some.got, /リクエストが大きすぎます/);
	const many = await raw(`GET / HTTP/1.1\r\nHost: x\r\n${headerLines(10000)}\r\n`);
	assert.equal(statusOf(many.got), 431);
	// forty headers are fine
	const ok = await raw(`GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n${headerLines(40)}\r\n`);
	assert.equal(statusOf(ok.got), 200);
});

test("a declared Content-Length over max-body is refused at once with 413", async () => {
	const head = (path, type) => `POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Type: ${type}\r\nContent-Length: 100000000\r\n\r\nabc`;
	const res = await raw(head("/login", "application/x-www-form-urlencoded"));
	assert.equal(statusOf(res.got), 413);
	assert.ok(res.ms < 5000, `answered after ${res.ms} ms`);
	assert.match(res.got, /送られたデータが大きすぎます/);
	const api = await raw(head("/api/v1/orgs", "application/json"));
	assert.equal(statusOf(api.got), 413);
	assert.match(api.got, /\{"error": "413"\}/);
	// a client that asks first (Expect: 100-continue) is told before it
	// sends even a little over the limit
	const ask = await raw(`POST /login HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 3000000\r\nExpect: 100-continue\r\n\r\n`);
	assert.equal(statusOf(ask.got), 413);
	assert.ok(ask.ms < 5000, `answered after ${ask.ms} ms`);
});
