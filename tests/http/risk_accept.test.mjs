// The executive accepts the risks left after treatment: once, with who,
// when and the risks as they stood; a later change asks for a new
// acceptance; an advisor or a member sees it but cannot give it; a risk
// changed while the page was open is not accepted unseen.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, firstAdmin, makeOrg, inviteUser, csrfOf, cli } from "./lib.mjs";

let srv, admin, auth, org, member, advisor;
before(async () => {
	srv = await startServer();
	admin = await firstAdmin(srv);
	auth = { authorization: `Bearer ${cli(["user", "token", "admin@example.jp", "--db", srv.db]).stdout.trim()}` };
	org = await makeOrg(admin, { name: "受容株式会社" });
	member = await inviteUser(admin, srv, org, "member@example.jp", "member");
	advisor = await inviteUser(admin, srv, org, "advisor@example.jp", "advisor");
});
after(async () => { await srv?.stop(); });

const api = async (m, p, body) => {
	const res = await admin.req(m, p, { body: body === undefined ? undefined : JSON.stringify(body), headers: { ...auth, "content-type": "application/json" } });
	assert.ok(res.status < 300, `${m} ${p}: ${res.status} ${res.text}`);
	return res.status === 204 ? null : JSON.parse(res.text);
};
const page = () => admin.get(`/o/${org}/r/risks/accept`);
const risksOf = (html) => [...html.matchAll(/name="risk" value="(\d+:\d+)"/g)].map((m) => m[1]);

test("accepting the risks, and what asks for a new acceptance", async () => {
	const a = await api("POST", `/api/v1/orgs/${org}/assets`, { name: "顧客名簿", c: 3, i: 2, a: 2 });
	const r1 = await api("POST", `/api/v1/orgs/${org}/risks`, { asset: a.id, threat: "accident", threat_level: 3, vulnerability: 3, treatment: "reduce" });
	const r2 = await api("POST", `/api/v1/orgs/${org}/risks`, { asset: a.id, threat: "theft", threat_level: 1, vulnerability: 2, treatment: "accept" });
	let p = await page();
	assert.equal(p.status, 200);
	assert.match(p.text, /まだ一度も受け入れていません/);
	assert.deepEqual(risksOf(p.text).sort(), [`${r1.id}:1`, `${r2.id}:1`].sort());
	// the table shows each risk's value (3 × 3 = 9, 3 × 1 = 3)
	assert.match(p.text, new RegExp(`risks/${r1.id}"[\\s\\S]*?>9<`));
	// without the confirmation nothing is stored
	const form = { _csrf: csrfOf(p.text), risk: risksOf(p.text), note: "保険で備える" };
	const post = (c, f) => c.req("POST", `/o/${org}/r/risks/accept`, {
		form: undefined,
		body: new URLSearchParams([["_csrf", f._csrf], ["note", f.note], ...f.risk.map((x) => ["risk", x]), ...(f.confirm ? [["confirm", "1"]] : [])]).toString(),
		headers: { "content-type": "application/x-www-form-urlencoded" },
	});
	let res = await post(admin, form);
	assert.equal(res.status, 422);
	assert.match((await page()).text, /まだ一度も受け入れていません/);
	// an advisor and a member see the page, but the decision is the executive's
	const ap = await advisor.get(`/o/${org}/r/risks/accept`);
	assert.equal(ap.status, 200);
	assert.doesNotMatch(ap.text, /name="confirm"/);
	res = await post(advisor, { ...form, _csrf: csrfOf(ap.text), confirm: true });
	assert.equal(res.status, 403);
	const mp = await member.get(`/o/${org}/r/risks/accept`);
	assert.equal(mp.status, 200);
	assert.doesNotMatch(mp.text, /name="confirm"/);
	// the executive accepts
	res = await post(admin, { ...form, confirm: true });
	assert.equal(res.status, 303, res.text);
	p = await page();
	assert.match(p.text, /admin@example\.jp/);
	assert.match(p.text, /保険で備える/);
	assert.match(p.text, /受け入れたときのままです/);
	const audit = await admin.get(`/o/${org}/audit`);
	assert.match(audit.text, /残ったリスクを受け入れました/);
	assert.match(audit.text, /リスク2件/);
	// a risk changes: a new acceptance is due, and it says what changed
	await api("PUT", `/api/v1/orgs/${org}/risks/${r2.id}`, { rev: 1, asset: a.id, threat: "theft", threat_level: 2, vulnerability: 3, treatment: "reduce" });
	p = await page();
	assert.match(p.text, /変わったもの 1件/);
	// the old form (revisions as they were) is refused, nothing stored
	res = await post(admin, { ...form, confirm: true });
	assert.equal(res.status, 409);
	assert.match((await page()).text, /変わったもの 1件/);
	// a risk added, one deleted
	const r3 = await api("POST", `/api/v1/orgs/${org}/risks`, { asset: a.id, threat: "failure", threat_level: 1, vulnerability: 1 });
	await api("DELETE", `/api/v1/orgs/${org}/risks/${r1.id}?rev=1`);
	p = await page();
	assert.match(p.text, /加わったもの 1件/);
	assert.match(p.text, /消えたもの 1件/);
	// accepted again from the page as it is now
	res = await post(admin, { _csrf: csrfOf(p.text), risk: risksOf(p.text), note: "", confirm: true });
	assert.equal(res.status, 303);
	assert.deepEqual(risksOf((await page()).text).sort(), [`${r2.id}:2`, `${r3.id}:1`].sort());
	assert.match((await page()).text, /受け入れたときのままです/);
});
