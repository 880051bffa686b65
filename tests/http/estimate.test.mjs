// The damage and cost estimate (issue 16): the calculator page starts
// from the company's profile (staff from the head-count band's middle,
// sales asked), works out the seeds' two examples line by line with the
// rule each follows, keeps every value and puts each error next to its
// field on bad input (422), saves estimates (the largest is the worst
// scenario), keeps the yearly security spending and what the company
// could pay and checks both rules of thumb with the figures; the JSON API;
// a risk names a saved estimate and shows its total.  Who may do what:
// the organisation's admin and its advisor save, a member reads, someone
// of another organisation gets 404.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, firstAdmin, makeOrg, inviteUser, csrfOf, unescape, ORG } from "./lib.mjs";

let srv, admin, advisor, member, outsider, org, other, advAuth, memberAuth, outAuth;

const tokenOf = async (c) => {
	const page = await c.get("/account");
	const tok = await c.post("/account/token", { _csrf: csrfOf(page.text) });
	return { authorization: "Bearer " + tok.text.match(/<code class="secret">([^<]+)<\/code>/)[1] };
};
const json = (res) => JSON.parse(res.text);
const text = (html) => unescape(html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " "));
const api = (c, m, p, body, h) => c.req(m, p, {
	body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
	headers: { ...h, "content-type": "application/json" },
});
// the value of input name in html, or null
const valueOf = (html, name) => {
	const m = html.match(new RegExp(`<input[^>]*name="${name}"[^>]*>`));
	if (!m) return null;
	const v = m[0].match(/value="([^"]*)"/);
	return v ? unescape(v[1]) : "";
};
// the error shown in the field of input name (the field's block), or null
const errorOf = (html, name) => {
	const at = html.indexOf(`name="${name}"`);
	if (at < 0) return null;
	const start = html.lastIndexOf('<div class="field', at);
	const block = html.slice(start, at);
	const m = block.match(/class="field-msg"[^>]*>([^<]*)</);
	return m ? unescape(m[1]) : null;
};
const seedQuery = "preset=retailer-leak&sales=300%2C000%2C000&staff=10&records=10000&days=14";

before(async () => {
	srv = await startServer();
	admin = await firstAdmin(srv);
	org = await makeOrg(admin, { name: "試算商店株式会社", employees: "e3" });
	other = await makeOrg(admin, { name: "よその会社" });
	advisor = await inviteUser(admin, srv, org, "advisor@example.jp", "advisor");
	member = await inviteUser(admin, srv, org, "staff@example.jp", "member");
	outsider = await inviteUser(admin, srv, other, "outsider@example.jp", "org_admin");
	advAuth = await tokenOf(advisor);
	memberAuth = await tokenOf(member);
	outAuth = await tokenOf(outsider);
});
after(async () => { await srv?.stop(); });

test("the form starts from the profile: staff from the band's middle, sales asked", async () => {
	const page = await admin.get(`/o/${org}/estimate`);
	assert.equal(page.status, 200);
	// e3 is 21–50 people: its middle, 35
	assert.equal(valueOf(page.text, "staff"), "35");
	assert.equal(valueOf(page.text, "sales"), "");
	assert.match(page.text, /id="ask-sales"/);
	assert.doesNotMatch(page.text, /id="result"/);
	// the first preset's own records and days, both presets offered
	assert.equal(valueOf(page.text, "records"), "0");
	assert.equal(valueOf(page.text, "days"), "1");
	assert.match(page.text, /value="manufacturer-ransomware"[^>]*checked/);
	assert.match(page.text, /value="retailer-leak"/);
	// the tab, marked
	assert.match(page.text, new RegExp(`href="/o/${org}/estimate"[^>]*aria-current`));
	// an exact head count on the profile comes first
	const prof = await admin.get(`/o/${other}/profile`);
	const saved = await admin.post(`/o/${other}/profile`, { _csrf: csrfOf(prof.text), ...ORG, name: "よその会社",
		employees: "e4", peer_share: "1", staff_count: "73" });
	assert.equal(saved.status, 303, saved.text.slice(0, 400));
	assert.equal(valueOf((await admin.get(`/o/${other}/estimate`)).text, "staff"), "73");
});

test("the seeds' examples, line by line, with the rule and the share of sales", async () => {
	let page = await member.get(`/o/${org}/estimate?${seedQuery}`);
	assert.equal(page.status, 200);
	let t = text(page.text);
	assert.match(t, /35,700,000円/);
	assert.match(page.text, /id="est-total">35,700,000円</);
	assert.match(page.text, /id="est-share">（売上高の11.9%）</);
	for (const y of ["1,000,000", "3,000,000", "16,500,000", "6,000,000", "5,000,000", "200,000", "4,000,000"])
		assert.match(t, new RegExp(`${y}円`), y);
	// how each line was reached, with the figures
	assert.match(t, /漏えいする個人情報の件数 10,000 × 600円|600円 × 漏えいする個人情報の件数 10,000/);
	assert.match(t, /年間売上高（円） 300,000,000 × 停止する日数 14 ÷ 1,050 = 4,000,000円/);
	assert.match(t, /従業員数（人） 10 → 20まで: 16,500,000円/);
	// whose rules these are, and JNSA's figures with the year
	assert.match(t, /mamori 独自/);
	assert.match(t, /JNSA「インシデント損害額調査レポート 第2版」、2024年/);
	assert.match(t, /日本損害保険協会/);
	page = await member.get(`/o/${org}/estimate?preset=manufacturer-ransomware&sales=1000000000&staff=50&records=0&days=1`);
	assert.match(page.text, /id="est-total">10,400,000円</);
	assert.match(page.text, /id="est-share">（売上高の1.04%）</);
	// in English too
	const en = await member.get(`/o/${org}/estimate?${seedQuery}`, { headers: { "accept-language": "en" } });
	assert.equal(en.status, 200);
});

test("bad inputs: 422, each error next to its field, every value kept", async () => {
	const page = await admin.get(`/o/${org}/estimate?preset=retailer-leak&sales=abc&staff=-3&records=12%2C345&days=10000`);
	assert.equal(page.status, 422);
	assert.match(errorOf(page.text, "sales"), /整数/);
	assert.match(errorOf(page.text, "staff"), /マイナス/);
	assert.match(errorOf(page.text, "days"), /365/);
	assert.equal(errorOf(page.text, "records"), null);
	assert.equal(valueOf(page.text, "sales"), "abc");
	assert.equal(valueOf(page.text, "staff"), "-3");
	assert.equal(valueOf(page.text, "records"), "12,345");
	assert.equal(valueOf(page.text, "days"), "10000");
	assert.match(page.text, /value="retailer-leak"[^>]*checked/);
	assert.doesNotMatch(page.text, /id="result"/);
	const big = await admin.get(`/o/${org}/estimate?preset=retailer-leak&sales=10000000000001&staff=100001&records=100000001&days=1.5`);
	assert.equal(big.status, 422);
	for (const f of ["sales", "staff", "records", "days"]) assert.ok(errorOf(big.text, f), f);
	const none = await admin.get(`/o/${org}/estimate?preset=nosuch&sales=1&staff=1&records=0&days=0`);
	assert.equal(none.status, 422);
});

let savedId;
test("saving: a name is needed, the values stay; the saved one opens again", async () => {
	let page = await admin.get(`/o/${org}/estimate?${seedQuery}`);
	const csrf = csrfOf(page.text);
	const fields = { _csrf: csrf, preset: "retailer-leak", sales: "300,000,000", staff: "10", records: "10000", days: "14", do: "new" };
	let res = await admin.post(`/o/${org}/estimate`, { ...fields, name: "" });
	assert.equal(res.status, 422);
	assert.ok(errorOf(res.text, "name"));
	assert.equal(valueOf(res.text, "sales"), "300,000,000");
	res = await admin.post(`/o/${org}/estimate`, { ...fields, name: "x".repeat(101) });
	assert.equal(res.status, 422);
	assert.match(errorOf(res.text, "name"), /100/);
	res = await admin.post(`/o/${org}/estimate`, { ...fields, days: "10000", name: "通販サイト" });
	assert.equal(res.status, 422);
	assert.ok(errorOf(res.text, "days"));
	assert.equal(valueOf(res.text, "name"), "通販サイト");
	res = await admin.post(`/o/${org}/estimate`, { ...fields, name: "通販サイトの漏えい" });
	assert.equal(res.status, 303, res.text.slice(0, 300));
	savedId = +res.location.match(/id=(\d+)/)[1];
	page = await admin.get(res.location);
	assert.equal(page.status, 200);
	assert.match(page.text, /id="est-total">35,700,000円</);
	assert.match(text(page.text), /通販サイトの漏えい/);
	assert.match(page.text, /最も大きい/);
	// a smaller one, by the advisor; the worst stays the first
	page = await advisor.get(`/o/${org}/estimate`);
	res = await advisor.post(`/o/${org}/estimate`, { _csrf: csrfOf(page.text), preset: "manufacturer-ransomware",
		sales: "1000000000", staff: "50", records: "0", days: "1", name: "工場停止", do: "new" });
	assert.equal(res.status, 303);
	// update with a stale rev is refused, the words kept
	page = await admin.get(`/o/${org}/estimate?id=${savedId}`);
	assert.equal(valueOf(page.text, "rev"), "1");
	// worked out again with other days, the save form still updates it
	page = await admin.get(`/o/${org}/estimate?id=${savedId}&${seedQuery.replace("days=14", "days=20")}`);
	assert.equal(page.status, 200);
	assert.equal(valueOf(page.text, "rev"), "1");
	assert.equal(valueOf(page.text, "name"), "通販サイトの漏えい");
	assert.match(page.text, /id="est-total">37,414,286円</);
	res = await admin.post(`/o/${org}/estimate`, { ...fields, id: String(savedId), rev: valueOf(page.text, "rev"), name: "通販サイト（改）", do: "update", days: "20" });
	assert.equal(res.status, 303);
	res = await admin.post(`/o/${org}/estimate`, { ...fields, id: String(savedId), rev: "1", name: "古い", do: "update" });
	assert.equal(res.status, 409);
	assert.equal(valueOf(res.text, "name"), "古い");
});

test("the money figures and the two rules of thumb", async () => {
	let page = await admin.get(`/o/${org}/estimate`);
	assert.match(page.text, /id="check-spending" class="est-check est-unknown"/);
	let res = await admin.post(`/o/${org}/estimate/money`, { _csrf: csrfOf(page.text), rev: "0", spending: "-5", could_pay: "abc" });
	assert.equal(res.status, 422);
	assert.match(errorOf(res.text, "spending"), /マイナス/);
	assert.match(errorOf(res.text, "could_pay"), /整数/);
	assert.equal(valueOf(res.text, "could_pay"), "abc");
	res = await admin.post(`/o/${org}/estimate/money`, { _csrf: csrfOf(page.text), rev: "0", spending: "2,000,000", could_pay: "30000000" });
	assert.equal(res.status, 303);
	// the worst saved: 300M × 20 ÷ 1,050 = 5,714,286 lost profit → 37,414,286
	page = await admin.get(`/o/${org}/estimate`);
	let t = text(page.text);
	assert.match(page.text, /id="check-spending" class="est-check est-ok"/);
	assert.match(page.text, /id="check-could-pay" class="est-check est-warn"/);
	assert.match(t, /対策費 2,000,000円／被害額 37,414,286円/);
	assert.match(t, /払える額 30,000,000円／被害額 37,414,286円/);
	// with the estimate shown, that one is weighed
	page = await admin.get(`/o/${org}/estimate?preset=manufacturer-ransomware&sales=1000000000&staff=50&records=0&days=1`);
	assert.match(page.text, /id="check-could-pay" class="est-check est-ok"/);
	assert.match(text(page.text), /払える額 30,000,000円／被害額 10,400,000円（この試算）/);
	// a stale rev
	res = await admin.post(`/o/${org}/estimate/money`, { _csrf: csrfOf(page.text), rev: "0", spending: "1", could_pay: "" });
	assert.equal(res.status, 409);
});

test("who may do what", async () => {
	const page = await member.get(`/o/${org}/estimate?${seedQuery}`);
	assert.equal(page.status, 200);
	assert.doesNotMatch(page.text, /id="save"/);
	assert.doesNotMatch(page.text, /name="spending"/);
	const csrf = csrfOf(page.text);
	const f = { _csrf: csrf, preset: "retailer-leak", sales: "1", staff: "1", records: "0", days: "0", name: "member", do: "new" };
	assert.equal((await member.post(`/o/${org}/estimate`, f)).status, 403);
	assert.equal((await member.post(`/o/${org}/estimate/money`, { _csrf: csrf, rev: "1", spending: "1" })).status, 403);
	assert.equal((await member.post(`/o/${org}/estimate/${savedId}/delete`, { _csrf: csrf })).status, 403);
	assert.equal((await outsider.get(`/o/${org}/estimate`)).status, 404);
	const op = await outsider.get(`/o/${other}/estimate`);
	assert.equal((await outsider.post(`/o/${org}/estimate`, { ...f, _csrf: csrfOf(op.text) })).status, 404);
	assert.equal((await api(outsider, "GET", `/api/v1/orgs/${org}/estimates`, undefined, outAuth)).status, 404);
	// another organisation's estimate cannot be opened or deleted there
	assert.equal((await outsider.get(`/o/${other}/estimate?id=${savedId}`)).status, 404);
	assert.equal((await outsider.post(`/o/${other}/estimate/${savedId}/delete`, { _csrf: csrfOf(op.text) })).status, 404);
});

test("the API: list with the worst, save with field errors", async () => {
	let res = await api(member, "GET", `/api/v1/orgs/${org}/estimates`, undefined, memberAuth);
	assert.equal(res.status, 200);
	let j = json(res);
	assert.equal(j.estimates.length, 2);
	assert.equal(j.worst, savedId);
	assert.deepEqual(j.money, { spending_yen: 2000000, could_pay_yen: 30000000, rev: 1 });
	const w = j.estimates.find((e) => e.id === savedId);
	assert.equal(w.total_yen, 37414286);
	assert.equal(w.lines.find((l) => l.category === "lost_profit").yen, 5714286);
	res = await api(member, "POST", `/api/v1/orgs/${org}/estimates`, { name: "m", preset: "retailer-leak" }, memberAuth);
	assert.equal(res.status, 403);
	res = await api(advisor, "POST", `/api/v1/orgs/${org}/estimates`, { name: "", preset: "shop", sales: -1, staff: "many", days: 10000, records: [] }, advAuth);
	assert.equal(res.status, 422);
	assert.deepEqual(json(res).errors.map((e) => [e.field, e.code]), [
		["preset", "unknown_key"], ["sales", "negative"], ["staff", "not_number"],
		["records", "not_number"], ["days", "too_large"], ["name", "required"]]);
	res = await api(advisor, "POST", `/api/v1/orgs/${org}/estimates`, { name: ["x"], preset: "retailer-leak" }, advAuth);
	assert.equal(res.status, 422);
	assert.deepEqual(json(res).errors.map((e) => [e.field, e.code]), [["name", "bad_name"]]);
	res = await api(advisor, "POST", `/api/v1/orgs/${org}/estimates`, { name: "a\u0001b", preset: "retailer-leak" }, advAuth);
	assert.equal(res.status, 422);
	res = await api(advisor, "POST", `/api/v1/orgs/${org}/estimates`, "[1]", advAuth);
	assert.equal(res.status, 400);
	// inputs left out are the preset's own: the seeds' total
	res = await api(advisor, "POST", `/api/v1/orgs/${org}/estimates`, { name: "例のまま", preset: "manufacturer-ransomware" }, advAuth);
	assert.equal(res.status, 201, res.text);
	j = json(res);
	assert.equal(j.total_yen, 10400000);
	assert.equal(j.share_of_sales, 0.0104);
	assert.deepEqual(j.lines, [{ category: "investigation", yen: 10000000 }, { category: "lost_profit", yen: 400000 }]);
	res = await api(advisor, "POST", `/api/v1/orgs/${org}/estimates`, { name: "大きな漏えい", preset: "retailer-leak", sales: "300000000", staff: 10, records: 1000000, days: 14 }, advAuth);
	assert.equal(res.status, 201);
	const big = json(res);
	assert.equal(big.total_yen, 1000000 * 700 + 3000000 + 16500000 + 5000000 + 200000 + 4000000);
	j = json(await api(member, "GET", `/api/v1/orgs/${org}/estimates`, undefined, memberAuth));
	assert.equal(j.worst, big.id);
});

test("a risk names a saved estimate and shows its total", async () => {
	const a = json(await api(advisor, "POST", `/api/v1/orgs/${org}/assets`, { name: "会員名簿", c: 3, i: 2, a: 2 }, advAuth));
	let res = await api(advisor, "POST", `/api/v1/orgs/${org}/risks`, { asset: a.id, threat: "leak", threat_level: 2, vulnerability: 2, estimate: savedId }, advAuth);
	if (res.status === 422 && /threat/.test(res.text)) {
		const th = json(await api(advisor, "GET", "/api/v1/catalogue/threats", undefined, advAuth));
		res = await api(advisor, "POST", `/api/v1/orgs/${org}/risks`, { asset: a.id, threat: th[0].key, threat_level: 2, vulnerability: 2, estimate: savedId }, advAuth);
	}
	assert.equal(res.status, 201, res.text);
	const risk = json(res);
	assert.equal(risk.estimate, savedId);
	const page = await member.get(`/o/${org}/r/risks/${risk.id}`);
	assert.equal(page.status, 200);
	assert.match(page.text, /id="risk-estimate-total">37,414,286円</);
	assert.match(page.text, new RegExp(`/o/${org}/estimate\\?id(=|&#61;)${savedId}#result`));
	// the form offers the saved ones
	const form = await admin.get(`/o/${org}/r/risks/${risk.id}/edit`);
	assert.match(form.text, new RegExp(`<option value="${savedId}" selected`));
	// an estimate of another organisation, or none, is refused
	const theirs = json(await api(outsider, "POST", `/api/v1/orgs/${other}/estimates`, { name: "よそ", preset: "retailer-leak" }, outAuth));
	res = await api(advisor, "POST", `/api/v1/orgs/${org}/risks`, { asset: a.id, threat: risk.threat, threat_level: 1, vulnerability: 1, estimate: theirs.id }, advAuth);
	assert.equal(res.status, 422);
	assert.deepEqual(json(res).errors.map((e) => [e.field, e.code]), [["estimate", "no_such_row"]]);
	// deleting the estimate leaves the risk saying so
	const p = await admin.get(`/o/${org}/estimate`);
	assert.equal((await admin.post(`/o/${org}/estimate/${savedId}/delete`, { _csrf: csrfOf(p.text) })).status, 303);
	const after = await member.get(`/o/${org}/r/risks/${risk.id}`);
	assert.match(text(after.text), /選んでいた試算は削除されています/);
	assert.equal((await admin.post(`/o/${org}/estimate/${savedId}/delete`, { _csrf: csrfOf(p.text) })).status, 404);
});
