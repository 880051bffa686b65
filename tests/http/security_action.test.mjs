// SECURITY ACTION readiness: five principles recorded by the company,
// what each star still needs, as a page and as JSON.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, Client, firstAdmin, makeOrg, openRound, answerAll, csrfOf, unescape, cli } from "./lib.mjs";

let srv, admin, org;
before(async () => {
	srv = await startServer();
	admin = await firstAdmin(srv);
	org = await makeOrg(admin, { name: "宣言テスト株式会社" });
});
after(async () => { await srv?.stop(); });

const P = ["updates", "antivirus", "passwords", "sharing", "threats"];
const apiOf = async (o) => JSON.parse((await admin.get(`/api/v1/orgs/${o}/security-action`)).text);
const api = async () => apiOf(org);
const stars = async () => { const a = await api(); return { one_star: a.one_star, two_star: a.two_star }; };

test("nothing recorded yet: every principle is missing, and two stars need more", async () => {
	const page = await admin.get(`/o/${org}/security-action`);
	assert.equal(page.status, 200);
	assert.match(page.text, /一つ星/);
	assert.match(page.text, /OSやソフトウェアをいつも最新にする/);
	assert.match(page.text, /まだ足りないもの/);
	assert.deepEqual(await stars(), {
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
	assert.deepEqual(await stars(), {
		one_star: { ready: true, missing: [] },
		two_star: { ready: false, missing: ["diagnosis", "policy", "policy_published"] },
	});
	const audit = await admin.get(`/o/${org}/audit`);
	assert.match(audit.text, /SECURITY ACTIONの取り組みの記録を更新しました/);
});

test("a closed self-diagnosis meets that condition of two stars", async () => {
	const round = await openRound(admin, org, "宣言用");
	const rp = `/o/${org}/rounds/${round}`;
	let page = await admin.get(rp);
	await admin.post(`${rp}/links`, { _csrf: csrfOf(page.text), role: "executive", name: "" });
	page = await admin.get(rp);
	const link = [...page.text.matchAll(/<code class="secret[^"]*">([^<]+)<\/code>/g)].map((m) => unescape(m[1]))[1];
	await answerAll(new Client(srv.base), link.slice(srv.base.length), Array(25).fill("partly"));
	await admin.post(`${rp}/close`, { _csrf: csrfOf(page.text), confirm: "1" });
	assert.deepEqual((await api()).two_star.missing, ["policy", "policy_published"]);
});

// The company's own diagnosis against what it recorded (the rule and the
// principle ↔ item mapping are in content/security_action.yaml).
const head = "name,role," + Array.from({ length: 25 }, (_, i) => `q${i + 1}`).join(",");
// one CSV line a respondent; first[i] answers item 1 (updates) and item 3
// (passwords); every other item "yes"
const csv = (first) => head + "\n" + first.map((a, i) =>
	`R${i},employee,${a},yes,${a},${Array(22).fill("yes").join(",")}`).join("\n") + "\n";

async function record(o, done) {
	const page = await admin.get(`/o/${o}/security-action`);
	const form = { _csrf: csrfOf(page.text) };
	for (const p of P) form[`p_${p}`] = done.includes(p) ? "1" : "0";
	const res = await admin.post(`/o/${o}/security-action`, form);
	assert.equal(res.status, 303);
}

let token;
async function roundWith(o, first) {
	token ??= cli(["user", "token", "admin@example.jp", "--db", srv.db]).stdout.trim();
	const h = { authorization: `Bearer ${token}` };
	const c = new Client(srv.base);
	let res = await c.req("POST", `/api/v1/orgs/${o}/rounds`, { body: JSON.stringify({ title: "照合テスト" }), headers: { ...h, "content-type": "application/json" } });
	assert.equal(res.status, 201, res.text);
	const rid = JSON.parse(res.text).id;
	res = await c.req("POST", `/api/v1/rounds/${rid}/answers`, { body: csv(first), headers: { ...h, "content-type": "text/csv" } });
	assert.equal(res.status, 201, res.text);
	return rid;
}

test("a principle marked done that the diagnosis mostly answers 'no' or 'don't know' is flagged, on the page and in the API", async () => {
	const o = await makeOrg(admin, { name: "照合テスト株式会社" });
	await record(o, ["updates"]);
	assert.equal((await apiOf(o)).contradicted, false, "no diagnosis yet: nothing to say");
	assert.equal((await apiOf(o)).diagnosis_round, null);
	const rid = await roundWith(o, ["no", "unknown", "yes"]);	// an open round with answers
	const a = await apiOf(o);
	assert.equal(a.contradicted, true);
	assert.equal(a.diagnosis_round, rid);
	assert.deepEqual(a.principles[0], { key: "updates", done: true, contradicted: true,
		items: [{ item: 1, answers: 3, not_implemented_or_unknown: 2 }] });
	// passwords is answered just as badly, but was not marked done
	assert.deepEqual(a.principles[2], { key: "passwords", done: false, contradicted: false,
		items: [{ item: 3, answers: 3, not_implemented_or_unknown: 2 }] });
	assert.deepEqual(a.principles.filter((p) => p.contradicted).map((p) => p.key), ["updates"]);

	let page = await admin.get(`/o/${o}/security-action`);
	assert.match(page.text, /自社診断の答えと合わない取り組みがあります/);
	assert.match(page.text, /<a href="#p-updates">OSやソフトウェアをいつも最新にする<\/a>/);
	const beside = page.text.slice(page.text.indexOf('id="p-updates"'), page.text.indexOf('id="p-antivirus"'));
	assert.match(beside, /自社診断の答えと合っていません/);
	assert.match(beside, /診断の項目1「OSやソフトの更新」: 答えた3人のうち2人が「実施していない」か「わからない」を選んでいます。/);
	assert.match(beside, /「いいえ」に直してください/);
	assert.doesNotMatch(page.text.slice(page.text.indexOf('id="p-passwords"')), /自社診断の答えと合っていません/);
	// the rule, the mapping as ours, and the official site as text only
	assert.match(page.text, /mamoriが独自に決めたもので、IPAが定めた対応表ではありません/);
	assert.match(page.text, /半分より多く/);
	assert.match(page.text, /IPA（独立行政法人 情報処理推進機構）が運営する制度/);
	assert.match(page.text, /https:\/\/www\.ipa\.go\.jp\/security\/security-action\//);
	assert.doesNotMatch(page.text, /href="https?:/);

	// all five recorded: one star is "ready", the contradiction comes first
	await record(o, P);
	page = await admin.get(`/o/${o}/security-action`);
	const warn = page.text.indexOf("自社診断の答えと合わない取り組みがあります");
	assert.ok(warn > 0 && warn < page.text.indexOf("宣言できます"), "shown before the star that can be declared");
	assert.ok(warn < page.text.indexOf("宣言の手続きに使う情報"));
	assert.deepEqual((await apiOf(o)).principles.filter((p) => p.contradicted).map((p) => p.key), ["updates", "passwords"]);
	// in English too
	const en = new Client(srv.base);
	en.jar = new Map(admin.jar);
	await en.get("/lang/en");
	const enPage = await en.get(`/o/${o}/security-action`);
	assert.match(enPage.text, /Your diagnosis says otherwise/);
	assert.match(enPage.text, /2 of the 3 people who answered chose &#39;Not implemented&#39; or &#39;Don&#39;t know&#39;|2 of the 3 people who answered chose 'Not implemented' or 'Don't know'/);
	assert.match(enPage.text, /mamori&#39;s own reading|mamori's own reading/);
	await admin.get("/lang/ja");
});

test("answers mostly 'yes' in the latest round with answers: no contradiction", async () => {
	const o = await makeOrg(admin, { name: "照合テスト二株式会社" });
	await record(o, ["updates"]);
	const first = await roundWith(o, ["no", "unknown", "no"]);
	assert.equal((await apiOf(o)).contradicted, true);
	// closed, then a newer round mostly "yes": that one counts
	const c = new Client(srv.base);
	const close = await c.req("POST", `/api/v1/rounds/${first}/close`, { body: "", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" } });
	assert.equal(close.status, 200);
	const rid = await roundWith(o, ["yes", "yes", "no"]);
	let a = await apiOf(o);
	assert.equal(a.contradicted, false);
	assert.equal(a.diagnosis_round, rid);
	assert.deepEqual(a.principles[0], { key: "updates", done: true, contradicted: false,
		items: [{ item: 1, answers: 3, not_implemented_or_unknown: 1 }] });
	const page = await admin.get(`/o/${o}/security-action`);
	assert.doesNotMatch(page.text, /自社診断の答えと合/);
	// a newer round without answers yet changes nothing
	await openRound(admin, o, "まだ回答なし");
	a = await apiOf(o);
	assert.equal(a.diagnosis_round, rid);
	assert.equal(a.contradicted, false);
});
