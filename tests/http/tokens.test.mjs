// API tokens: they expire (api-token-days), show when they were last
// used, can be revoked on the account page, and end with a password
// change.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { startServer, Client, firstAdmin, makeOrg, csrfOf, cli, unescape } from "./lib.mjs";

let srv, admin, org;
before(async () => {
	srv = await startServer(["--api-token-days", "30"]);
	admin = await firstAdmin(srv);
	org = await makeOrg(admin);
});
after(async () => { await srv?.stop(); });

// One SQL statement on the test server's database.
function sql(q) {
	if (srv.db.startsWith("sqlite:"))
		return execFileSync("sqlite3", [srv.db.slice(7), q], { encoding: "utf8" });
	return execFileSync("psql", [srv.db, "-qAt", "-c", q], { encoding: "utf8" });
}

const textOf = (html) => unescape(html.replace(/<[^>]+>/g, " ")).replace(/\s+/g, " ");

async function newToken(c) {
	const res = await c.submit("/account", "/account/token", {});
	assert.equal(res.status, 200);
	const m = res.text.match(/<code class="secret">([^<]+)<\/code>/);
	assert.ok(m, "no token shown");
	return { token: m[1], page: res.text };
}
const call = (tok) => new Client(srv.base).get(`/api/v1/orgs/${org}/rounds`, { headers: { authorization: `Bearer ${tok}` } });

test("a token shows its expiry and last use, and works until revoked", async () => {
	const { token, page } = await newToken(admin);
	// expires api-token-days (30) from now, in JST as the page writes it
	const exp = new Date(Date.now() + 30 * 86400e3 + 9 * 3600e3);
	const day = `${exp.getUTCFullYear()}年${exp.getUTCMonth() + 1}月${exp.getUTCDate()}日`;
	assert.match(textOf(page), new RegExp(`有効期限 ${day}`));
	assert.match(textOf(page), /最後に使われた日時 まだ使われていません/);

	assert.equal((await call(token)).status, 200);
	const acc = await admin.get("/account");
	assert.doesNotMatch(textOf(acc.text), /まだ使われていません/);
	assert.match(textOf(acc.text), /最後に使われた日時 \d{4}年\d+月\d+日 \d\d:\d\d/);

	const rev = await admin.post("/account/token/revoke", { _csrf: csrfOf(acc.text) });
	assert.equal(rev.status, 200);
	assert.match(rev.text, /トークンを取り消しました/);
	assert.match(rev.text, /いま使えるトークンはありません/);
	assert.equal((await call(token)).status, 401);
});

test("an expired token is refused", async () => {
	const { token } = await newToken(admin);
	assert.equal((await call(token)).status, 200);
	sql("UPDATE users SET token_expires_at = 1000 WHERE email = 'admin@example.jp'");
	assert.equal((await call(token)).status, 401);
	assert.match((await admin.get("/account")).text, /いま使えるトークンはありません/);
});

test("a password change ends the token, from the account page and the command line", async () => {
	const c = new Client(srv.base);
	const pw = "correct horse battery";
	const email = "tok-pw@example.jp";
	assert.equal(cli(["user", "add", email, "--role", "member", "--password-stdin", "--db", srv.db], `${pw}\n`).status, 0);
	assert.equal((await c.submit("/login", "/login", { email, password: pw })).status, 303);
	const { token } = await newToken(c);
	const me = () => new Client(srv.base).get("/api/v1/orgs/1/rounds", { headers: { authorization: `Bearer ${token}` } });
	assert.notEqual((await me()).status, 401);
	const res = await c.submit("/account", "/account/password", { current: pw, password: "another long pass", password2: "another long pass" });
	assert.equal(res.status, 303);
	assert.equal((await me()).status, 401);

	// the command line's token ends with a reset there too
	const tok2 = cli(["user", "token", email, "--db", srv.db]).stdout.trim();
	const me2 = () => new Client(srv.base).get("/api/v1/orgs/1/rounds", { headers: { authorization: `Bearer ${tok2}` } });
	assert.notEqual((await me2()).status, 401);
	assert.equal(cli(["user", "passwd", email, "--password-stdin", "--db", srv.db], "yet another pass\n").status, 0);
	assert.equal((await me2()).status, 401);
});
