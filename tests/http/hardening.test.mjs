// Smaller holes closed (issue 11, item 10): who may grant org admin, a GET
// that stores nothing, a NUL in a form value, X-Forwarded-For only from
// trusted proxies, and oversized requests answered instead of reset.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, Client, firstAdmin, makeOrg, csrfOf, inviteUser } from "./lib.mjs";

let srv, admin;
before(async () => {
	srv = await startServer();
	admin = await firstAdmin(srv);
});
after(async () => { await srv?.stop(); });

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
