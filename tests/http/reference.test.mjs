// The reference of issue 16: the public top-10 threats and desks pages;
// an organisation's top-10 marked by its own latest diagnosis, checked
// against this file's computation from the answers it sends; the SME
// check on the profile with its exact figures (field errors at their
// fields, every other value kept); the six categories; the organisation
// as JSON.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, Client, firstAdmin, makeOrg, cli, csrfOf, unescape, inviteUser, ORG } from "./lib.mjs";

const POINTS = { yes: 4, partly: 2, no: 0, unknown: -1 };

// sum/n ×10, rounded half away from zero, in integers.
function tenths(sum, n) {
	const mag = Math.abs(sum) * 10;
	let q = Math.floor(mag / n);
	if (2 * (mag - q * n) >= n) q++;
	return sum < 0 && q !== 0 ? -q : q;
}

let srv, admin, auth, org, orgShop;
const api = (method, path, body, type = "application/json") =>
	new Client(srv.base).req(method, path, { body, headers: { ...auth, ...(body ? { "content-type": type } : {}) } });

// The error shown for field name and the control pointing at it.
function fieldError(html, name) {
	const m = html.match(new RegExp(`<p class="field-msg" id="(e-${name})">([^<]*)</p>`));
	assert.ok(m, `no error shown for ${name}`);
	const ctl = html.match(new RegExp(`<(?:input|textarea|select)[^>]* name="${name}"[^>]*>`));
	assert.ok(ctl, `no control ${name}`);
	assert.match(ctl[0], new RegExp(`aria-describedby="${m[1]}"`));
	assert.match(ctl[0], /aria-invalid="true"/);
	return unescape(m[2]);
}

before(async () => {
	srv = await startServer();
	admin = await firstAdmin(srv);
	auth = { authorization: `Bearer ${cli(["user", "token", "admin@example.jp", "--db", srv.db]).stdout.trim()}` };
	org = await makeOrg(admin, { name: "参照テスト工業" });
	orgShop = await makeOrg(admin, { name: "参照テスト商店", industry: "I", employees: "e4", capital: "c3" });
});
after(async () => { await srv?.stop(); });

test("the top-10 list is public, latest year first, and says rank is not priority", async () => {
	const anon = new Client(srv.base);
	const page = await anon.get("/reference/threats");
	assert.equal(page.status, 200);
	// the bar of a signed-out visitor leads here
	assert.match((await anon.get("/login")).text, /<a href="\/reference\/threats">参考情報<\/a>/);
	assert.match(page.text, /2026年版/);
	assert.match(page.text, /順位は、対策に取り組む順番ではありません/);
	assert.equal([...page.text.matchAll(/<li class="panel" data-rank="(\d+)"/g)].map((m) => +m[1]).join(), "1,2,3,4,5,6,7,8,9,10");
	assert.match(page.text, /AIの利用をめぐるサイバーリスク/);
	const options = [...page.text.matchAll(/<option value="(\d+)"/g)].map((m) => m[1]);
	assert.deepEqual(options, ["2026", "2025", "2024"]);
	const y24 = await anon.get("/reference/threats?year=2024");
	assert.equal(y24.status, 200);
	assert.match(y24.text, /ランサムウェアによる被害/);
	assert.match(y24.text, /data-risk="ransomware"/);
	assert.match(y24.text, /<option value="2024" selected="">/);
	for (const bad of ["1999", "2023", "abc", "2024x"])
		assert.equal((await anon.get(`/reference/threats?year=${bad}`)).status, 404, bad);
	const en = new Client(srv.base);
	await en.get("/lang/en?next=/");
	assert.match((await en.get("/reference/threats")).text, /The rank is not an order of priority/);
});

test("the desks page lists every desk with what it handles", async () => {
	const page = await new Client(srv.base).get("/reference/desks");
	assert.equal(page.status, 200);
	const desks = [...page.text.matchAll(/data-desk="([a-z_0-9]+)"/g)].map((m) => m[1]);
	assert.deepEqual(desks, ["police_cyber", "ipa", "jpcert", "ppc", "yorozu", "consumer_188", "houterasu"]);
	const police = page.text.slice(page.text.indexOf('data-desk="police_cyber"'), page.text.indexOf('data-desk="ipa"'));
	assert.deepEqual([...police.matchAll(/data-kind="([a-z]+)"/g)].map((m) => m[1]), ["report", "advice", "information"]);
	assert.match(police, /身代金の要求/);
	assert.match(page.text, /確認日: 2026-12-04/);
});

// Two respondents with known answers: item i (1-based) gets a[i] and b[i].
const A = ["yes", "no", "partly", "yes", "no", "unknown", "yes", "partly", "no", "yes",
	"no", "yes", "partly", "yes", "yes", "yes", "no", "yes", "partly", "no",
	"yes", "unknown", "no", "partly", "yes"];
const B = ["partly", "no", "yes", "yes", "partly", "no", "yes", "yes", "no", "yes",
	"partly", "yes", "no", "yes", "no", "yes", "yes", "yes", "no", "partly",
	"yes", "no", "partly", "no", "yes"];

test("an organisation's top-10 marks each item by its latest diagnosis", async () => {
	const before = await admin.get(`/o/${org}/threats`);
	assert.equal(before.status, 200);
	assert.match(before.text, /id="no-diagnosis"/);
	assert.doesNotMatch(before.text, /data-mean-tenths/);

	const round = JSON.parse((await api("POST", `/api/v1/orgs/${org}/rounds`, JSON.stringify({ title: "参照の回" }))).text).id;
	const head = "name,role," + Array.from({ length: 25 }, (_, i) => `q${i + 1}`).join(",");
	const csv = `${head}\nA,executive,${A.join(",")}\nB,employee,${B.join(",")}\n`;
	assert.equal((await api("POST", `/api/v1/rounds/${round}/answers`, csv, "text/csv")).status, 201);
	assert.equal((await api("POST", `/api/v1/rounds/${round}/close`)).status, 200);
	const mean = (i) => tenths(POINTS[A[i - 1]] + POINTS[B[i - 1]], 2);

	for (const year of [2024, 2025, 2026]) {
		const page = await admin.get(`/o/${org}/threats?year=${year}`);
		assert.equal(page.status, 200);
		const threats = page.text.split(/<li class="panel[^"]*" data-rank=/).slice(1);
		assert.equal(threats.length, 10);
		for (const t of threats) {
			const items = [...t.matchAll(/<li data-item="(\d+)" data-mean-tenths="(-?\d+)"/g)];
			assert.ok(items.length > 0);
			let weak = 0;
			for (const [, it, m] of items) {
				assert.equal(+m, mean(+it), `${year} item ${it}`);
				if (mean(+it) < 20) weak++;
			}
			assert.equal(+t.match(/data-weak="(\d+)"/)[1], weak, `${year}: ${t.slice(0, 40)}`);
		}
		if (year === 2024) {
			// rank 1 (ransomware): items 1, 2, 6, 11, 24; 2 is 0.0, 6 is -0.5
			const r1 = threats[0];
			assert.deepEqual([...r1.matchAll(/data-item="(\d+)"/g)].map((m) => +m[1]), [1, 2, 6, 11, 24]);
			assert.match(r1, /<li data-item="6" data-mean-tenths="-5" class="ref-item-weak">/);
			assert.match(r1, /-0\.5 \/ 4/);
			assert.match(r1, new RegExp(`href="/o/${org}/rounds/${round}/results"`));
		}
	}
});

// The profile form's values as the browser posts them, with changes.
async function postProfile(id, fields) {
	const page = await admin.get(`/o/${id}/profile`);
	const base = id === org ? ORG : { ...ORG, industry: "I", employees: "e4", capital: "c3" };
	return admin.post(`/o/${id}/profile`, { _csrf: csrfOf(page.text), ...base, name: id === org ? "参照テスト工業" : "参照テスト商店", peer_share: "1", ...fields });
}
const verdict = (html) => html.match(/<section class="panel" id="sme" data-sme="([a-z_]+)"/)[1];

test("the profile's exact figures: field errors at their fields, every other value kept", async () => {
	for (const [capital, staff, field, msg] of [
		["-5", "", "capital_yen", /0以上の数/],
		["三千万", "", "capital_yen", /円の金額を数字で/],
		["", "-1", "staff_count", /0以上の数/],
		["", "12.5", "staff_count", /人数を数字で/],
		["", "abc", "staff_count", /人数を数字で/],
		["99999999999999999", "", "capital_yen", /大きすぎます/],
	]) {
		const res = await postProfile(org, { capital_yen: capital, staff_count: staff, prefecture: "27" });
		assert.equal(res.status, 422, `${capital}/${staff}`);
		assert.match(fieldError(res.text, field), msg);
		// what was typed stays, and so does everything else
		assert.match(res.text, new RegExp(`name="${field}" value="${field === "capital_yen" ? capital : staff}"`));
		assert.match(res.text, /<option value="27" selected="">/);
		assert.match(res.text, /value="参照テスト工業"/);
	}
	// the industry group is a closed list
	const g = await postProfile(org, { sme_group: "farming" });
	assert.equal(g.status, 422);
	fieldError(g.text, "sme_group");
	// nothing was stored by the refused posts
	const api0 = JSON.parse((await api("GET", `/api/v1/orgs/${org}`)).text);
	assert.equal(api0.capital_yen, null);
	assert.equal(api0.prefecture, "13");
});

test("the SME check: exact figures first, the bands when they decide, else what is needed", async () => {
	// by the bands: manufacturing, ¥10–50M, 21–50 people → an SME, not small
	let page = await admin.get(`/o/${org}/profile`);
	assert.equal(verdict(page.text), "sme");
	// at the capital limit with too many people: an SME by capital
	assert.equal((await postProfile(org, { capital_yen: "300,000,000", staff_count: "301" })).status, 303);
	page = await admin.get(`/o/${org}/profile`);
	assert.equal(verdict(page.text), "sme");
	assert.match(page.text, /資本金が上限以下です/);
	assert.match(page.text, /name="capital_yen" value="300000000"/);
	// one yen above: not an SME
	assert.equal((await postProfile(org, { capital_yen: "300000001", staff_count: "301" })).status, 303);
	assert.equal(verdict((await admin.get(`/o/${org}/profile`)).text), "not");
	let j = JSON.parse((await api("GET", `/api/v1/orgs/${org}`)).text);
	assert.deepEqual(j.sme, { verdict: "not", need: null, group: "manufacturing" });
	assert.equal(j.capital_yen, 300000001);
	assert.equal(j.staff, 301);
	// twenty people: a small business whatever the capital
	assert.equal((await postProfile(org, { capital_yen: "300000001", staff_count: "20" })).status, 303);
	assert.equal(verdict((await admin.get(`/o/${org}/profile`)).text), "small");
	// the figures cleared: back to the bands
	assert.equal((await postProfile(org, { capital_yen: "", staff_count: "" })).status, 303);
	j = JSON.parse((await api("GET", `/api/v1/orgs/${org}`)).text);
	assert.equal(j.capital_yen, null);
	assert.equal(j.sme.verdict, "sme");

	// wholesale and retail: ¥50M–100M and 51–100 people decide nothing
	page = await admin.get(`/o/${orgShop}/profile`);
	assert.equal(verdict(page.text), "unknown");
	assert.match(page.text, /data-need="group"/);
	assert.match(page.text, /卸売業、小売業/);
	// the company says it is mainly wholesale: an SME by its capital
	// band, and 51–100 people are more than a small business has
	assert.equal((await postProfile(orgShop, { sme_group: "wholesale" })).status, 303);
	page = await admin.get(`/o/${orgShop}/profile`);
	assert.equal(verdict(page.text), "sme");
	assert.doesNotMatch(page.text, /data-need=/);
	assert.match(page.text, /<option value="wholesale" selected="">/);
	// retail, ¥80M and 51 people: not an SME
	assert.equal((await postProfile(orgShop, { sme_group: "retail", capital_yen: "80000000", staff_count: "51" })).status, 303);
	assert.equal(verdict((await admin.get(`/o/${orgShop}/profile`)).text), "not");
});

test("the six categories: two questions, the category and its advice", async () => {
	let page = await admin.get(`/o/${org}/category`);
	assert.equal(page.status, 200);
	assert.match(page.text, /下の2つの質問に答えると/);
	// the latest diagnosis as a hint
	const score = tenths(A.reduce((s, a) => s + POINTS[a], 0) + B.reduce((s, a) => s + POINTS[a], 0), 2);
	assert.match(page.text, new RegExp(`data-score="${score}"`));
	const post = async (fields) => admin.post(`/o/${org}/category`, { _csrf: csrfOf((await admin.get(`/o/${org}/category`)).text), ...fields });
	// refused: no answer, an unknown answer; the other answer is kept
	let res = await post({ it_use: "daily" });
	assert.equal(res.status, 422);
	assert.match(res.text, /<fieldset class="field field-error" aria-describedby="e-sec_posture">/);
	assert.match(res.text, /<p class="field-msg" id="e-sec_posture">一覧から選んでください。<\/p>/);
	assert.match(res.text, /name="it_use" value="daily" checked=""/);
	res = await post({ it_use: "lots", sec_posture: "balanced" });
	assert.equal(res.status, 422);
	assert.match(res.text, /name="sec_posture" value="balanced" checked=""/);
	// strategic and balanced: 1, ideal
	assert.equal((await post({ it_use: "strategic", sec_posture: "balanced" })).status, 303);
	page = await admin.get(`/o/${org}/category`);
	assert.match(page.text, /data-category="1"/);
	assert.match(page.text, /区分1: 理想的/);
	// daily and lagging: 4
	assert.equal((await post({ it_use: "daily", sec_posture: "lagging" })).status, 303);
	assert.match((await admin.get(`/o/${org}/category`)).text, /data-category="4"/);
	// no IT: 6 without the second answer
	assert.equal((await post({ it_use: "none" })).status, 303);
	assert.match((await admin.get(`/o/${org}/category`)).text, /data-category="6"/);
	const j = JSON.parse((await api("GET", `/api/v1/orgs/${org}`)).text);
	assert.deepEqual(j.category, { it_use: "none", sec_posture: null, number: 6 });
});

test("a member reads the category, the threats and the SME check, and changes none", async () => {
	const member = await inviteUser(admin, srv, org, "member@example.jp", "member");
	const cat = await member.get(`/o/${org}/category`);
	assert.equal(cat.status, 200);
	assert.match(cat.text, /data-category="6"/);
	assert.doesNotMatch(cat.text, new RegExp(`action="/o/${org}/category"`));
	assert.match(cat.text, /name="it_use" value="none" checked="" disabled=""/);
	assert.equal((await member.post(`/o/${org}/category`, { _csrf: csrfOf(cat.text), it_use: "daily", sec_posture: "balanced" })).status, 403);
	assert.equal((await member.get(`/o/${org}/threats`)).status, 200);
	const prof = await member.get(`/o/${org}/profile`);
	assert.match(prof.text, /id="sme" data-sme="sme"/);
	assert.doesNotMatch(prof.text, /name="capital_yen"/);
	assert.equal(JSON.parse((await admin.get(`/api/v1/orgs/${org}`)).text).category.number, 6);
});

test("the organisation's JSON is for its members only", async () => {
	const res = await new Client(srv.base).get(`/api/v1/orgs/${org}`);
	assert.equal(res.status, 401);
	assert.equal((await api("GET", `/api/v1/orgs/999999`)).status, 404);
});
