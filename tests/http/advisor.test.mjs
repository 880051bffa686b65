// What an advisor sees: an invitation that says what it gives, the list
// of client companies with their figures, download names that carry the
// company and the date, the advisor's comment on a closed round, and the
// note for an instance admin who also runs a company.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer, Client, firstAdmin, makeOrg, csrfOf, cli, unescape } from "./lib.mjs";

const dir = mkdtempSync(join(tmpdir(), "mamori-advisor-"));
let srv, admin;
before(async () => {
	srv = await startServer();
	admin = await firstAdmin(srv);
});
after(async () => {
	await srv?.stop();
	rmSync(dir, { recursive: true, force: true });
});

// An invitation link made by c in org with role.
async function invite(c, org, role) {
	const res = await c.submit(`/o/${org}/members`, `/o/${org}/members`, { role });
	assert.equal(res.status, 200);
	const m = res.text.match(/<code class="secret">([^<]+)<\/code>/);
	assert.ok(m, "no invitation link");
	return new URL(unescape(m[1])).pathname;
}

// Accept an invitation as a new user; returns the signed-in client.
async function accept(path, email) {
	const c = new Client(srv.base);
	const pw = "correct horse battery";
	const res = await c.submit(path, path, { email, password: pw, password2: pw });
	assert.equal(res.status, 303, res.text.slice(0, 300));
	return c;
}

const textOf = (html) => unescape(html.replace(/<[^>]+>/g, " ")).replace(/\s+/g, " ");

test("an invitation says which company, who invited and which role before it is accepted", async () => {
	const org = await makeOrg(admin, { name: "招待テスト <株式会社>" });
	const path = await invite(admin, org, "advisor");
	const page = await new Client(srv.base).get(path);
	assert.equal(page.status, 200);
	const t = textOf(page.text);
	assert.match(t, /招待された会社 招待テスト <株式会社>/);
	assert.match(page.text, /招待テスト &lt;株式会社&gt;/, "the name is escaped");
	assert.match(t, /招待した人 admin@example\.jp/);
	assert.match(t, /あなたの役割 支援者 — 社外の支援者として/);
	const en = await new Client(srv.base).get(path, { headers: { cookie: "lang=en" } });
	assert.match(textOf(en.text), /Company 招待テスト <株式会社> Invited by admin@example\.jp Your role Advisor — As an outside advisor/);
	// a member's invitation names its own role
	const mpath = await invite(admin, org, "member");
	assert.match(textOf((await new Client(srv.base).get(mpath)).text), /あなたの役割 メンバー — 診断に答え/);
	// shown again with the facts after a field error
	const bad = await new Client(srv.base).submit(mpath, mpath, { email: "not-an-address", password: "x", password2: "x" });
	assert.equal(bad.status, 422);
	assert.match(textOf(bad.text), /招待された会社 招待テスト <株式会社>/);
	await accept(mpath, "member1@example.jp");
	// a used link is gone
	assert.equal((await new Client(srv.base).get(mpath)).status, 404);
});
