// SECURITY ACTION readiness: five principles recorded by the company,
// what each star still needs, as a page and as JSON.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, Client, firstAdmin, makeOrg, openRound, answerAll, csrfOf, unescape } from "./lib.mjs";

let srv, admin, org;
before(async () => {
	srv = await startServer();
	admin = await firstAdmin(srv);
	org = await makeOrg(admin, { name: "宣言テスト株式会社" });
});
after(async () => { await srv?.stop(); });

const P = ["updates", "antivirus", "passwords", "sharing", "threats"];
const api = async () => JSON.parse((await admin.get(`/api/v1/orgs/${org}/security-action`)).text);

test("nothing recorded yet: every principle is missing, and two stars need more", async () => {
	const page = await admin.get(`/o/${org}/security-action`);
	assert.equal(page.status, 200);
	assert.match(page.text, /一つ星/);
	assert.match(page.text, /OSやソフトウェアをいつも最新にする/);
	assert.match(page.text, /まだ足りないもの/);
	assert.deepEqual(await api(), {
		one_star: { ready: false, missing: P },
		two_star: { ready: false, missing: [...P, "diagnosis", "policy", "policy_published"] },
	});
});

test("an unanswered principle is shown beside it, the others are kept", async () => {
	const page = await admin.get(`/o/${org}/security-action`);
	const res = await admin.post(`/o/${org}/security-action`, {
		_csrf: csrfOf(page.text), p_updates: "1", p_antivirus: "1", p_passwords: "0", p_sharing: "1",
	});
	assert.equal(res.status, 422);
	assert.match(res.text, /<fieldset class="field field-error" aria-describedby="(e-p_\w+)">.*?<p class="field-msg" id="\1">「はい」か「いいえ」を選んでください/);
	assert.match(res.text, /name="p_updates" value="1"[^>]*checked=""/);
	assert.match(res.text, /name="p_passwords" value="0" checked=""/);
	assert.deepEqual((await api()).one_star.missing, P, "nothing was saved");
});

test("all five recorded: one star is ready, with what the declaration needs", async () => {
	const page = await admin.get(`/o/${org}/security-action`);
	const form = { _csrf: csrfOf(page.text) };
	for (const p of P) form[`p_${p}`] = "1";
	const res = await admin.post(`/o/${org}/security-action`, form);
	assert.equal(res.status, 303);
	const after = await admin.get(res.location);
	assert.match(after.text, /保存しました/);
	assert.match(after.text, /宣言できます/);
	assert.match(after.text, /宣言の手続きに使う情報/);
	assert.match(after.text, /宣言テスト株式会社/);
	assert.deepEqual(await api(), {
		one_star: { ready: true, missing: [] },
		two_star: { ready: false, missing: ["diagnosis", "policy", "policy_published"] },
	});
	const audit = await admin.get(`/o/${org}/audit`);
	assert.match(audit.text, /SECURITY ACTIONの記録を更新/);
});

test("a closed self-diagnosis meets that condition of two stars", async () => {
	const round = await openRound(admin, org, "宣言用");
	const rp = `/o/${org}/rounds/${round}`;
	let page = await admin.get(rp);
	await admin.post(`${rp}/links`, { _csrf: csrfOf(page.text), role: "executive", name: "" });
	page = await admin.get(rp);
	const link = [...page.text.matchAll(/<code class="secret[^"]*">([^<]+)<\/code>/g)].map((m) => unescape(m[1]))[1];
	await answerAll(new Client(srv.base), link.slice(srv.base.length), Array(25).fill("partly"));
	await admin.post(`${rp}/close`, { _csrf: csrfOf(page.text) });
	assert.deepEqual((await api()).two_star.missing, ["policy", "policy_published"]);
});
