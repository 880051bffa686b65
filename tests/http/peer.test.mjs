// The peer comparison on the results page: never a group under five, a
// wider group (said so) while the company's own cohort is small.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, Client, firstAdmin, csrfOf, cli } from "./lib.mjs";

let srv, admin, auth;
before(async () => {
	srv = await startServer();
	admin = await firstAdmin(srv);
	auth = { authorization: `Bearer ${cli(["user", "token", "admin@example.jp", "--db", srv.db]).stdout.trim()}` };
});
after(async () => { await srv?.stop(); });

const head = "name,role," + Array.from({ length: 25 }, (_, i) => `q${i + 1}`).join(",");

// An organisation with one closed round answered all `answer`.
async function company(name, employees, answer) {
	const c = new Client(srv.base);
	const post = (path, body, type) => c.req("POST", path, { body, headers: { ...auth, "content-type": type } });
	const org = JSON.parse((await post("/api/v1/orgs", JSON.stringify({ name, industry: "E", employees }), "application/json")).text).id;
	const round = JSON.parse((await post(`/api/v1/orgs/${org}/rounds`, "{}", "application/json")).text).id;
	const added = await post(`/api/v1/rounds/${round}/answers`, `${head}\nX,employee,${Array(25).fill(answer).join(",")}\n`, "text/csv");
	assert.equal(added.status, 201);
	const page = await admin.get(`/o/${org}/rounds/${round}`);
	assert.equal((await admin.post(`/o/${org}/rounds/${round}/close`, { _csrf: csrfOf(page.text), confirm: "1" })).status, 303);
	return { org, round, results: `/o/${org}/rounds/${round}/results` };
}

test("fewer than five companies: no comparison is shown", async () => {
	const first = await company("一社目", "e3", "yes");
	for (const [i, a] of [["二", "partly"], ["三", "no"], ["四", "partly"]].entries())
		await company(`${a[0]}社目`, "e3", a[1]);
	const page = await admin.get(first.results);
	assert.equal(page.status, 200);
	assert.match(page.text, /同じような会社との比較/);
	assert.match(page.text, /比べられる会社がまだ5社に満たない/);
	assert.doesNotMatch(page.text, /偏差値/);
	// an open round says it compares once closed
	const c = new Client(srv.base);
	const org = JSON.parse((await c.req("POST", "/api/v1/orgs", { body: JSON.stringify({ name: "未締切", industry: "E", employees: "e3" }), headers: { ...auth, "content-type": "application/json" } })).text).id;
	const round = JSON.parse((await c.req("POST", `/api/v1/orgs/${org}/rounds`, { body: "{}", headers: { ...auth, "content-type": "application/json" } })).text).id;
	await c.req("POST", `/api/v1/rounds/${round}/answers`, { body: `${head}\nX,employee,${Array(25).fill("yes").join(",")}\n`, headers: { ...auth, "content-type": "text/csv" } });
	assert.match((await admin.get(`/o/${org}/rounds/${round}/results`)).text, /診断を締め切ると、同じ業種・同じ規模の会社と比べた結果が表示されます/);
});

test("a small cohort widens to the industry and says so; five in the cohort compare with each other", async () => {
	// a fifth company in the same industry, another size: the cohort
	// (E, 21–50) still has four, so the comparison takes all sizes
	await company("別規模", "e2", "no");
	const results = "/o/1/rounds/1/results";	// 一社目's
	const first = await admin.get(results);
	assert.match(first.text, /同じ規模の会社がまだ5社に満たないため、同じ業種のすべての規模の会社と比べています/);
	assert.match(first.text, /製造業・すべての規模/);
	assert.match(first.text, /（5社）/);
	assert.match(first.text, /偏差値/);
	assert.match(first.text, /<svg[^>]*aria-labelledby="radar-peer-title"/);
	// the top scorer: everyone else scores lower
	assert.match(first.text, /<dd class="big">100\.0%<\/dd>/);
	// a fifth company of the same size: its own cohort now
	await company("五社目", "e3", "partly");
	const now = await admin.get(results);
	assert.match(now.text, /製造業・21〜50人/);
	assert.match(now.text, /（5社）/);
	assert.doesNotMatch(now.text, /すべての規模の会社と比べています/);
	// in English too
	assert.equal((await admin.get(`/lang/en?next=${encodeURIComponent(results)}`)).status, 303);
	const en = await admin.get(results);
	assert.match(en.text, /Compared with similar companies/);
	assert.match(en.text, /Standard score/);
});

test("the industry scatter shows anonymous dots and leaves out sizes under five", async () => {
	assert.equal((await admin.get("/lang/ja?next=/")).status, 303);
	const page = await admin.get("/o/1/rounds/1/results");
	assert.match(page.text, /<svg[^>]*aria-labelledby="scatter-peer-title"/);
	assert.match(page.text, /同じ業種の会社の点数と従業員規模/);
	// e3 has five companies; e2 has one and is left out
	assert.match(page.text, /図の会社数: 5社/);
	assert.match(page.text, /会社が5社に満たない規模は、どの会社か推測されないよう図に含めていません/);
	// no company name in the chart
	const svg = page.text.match(/<svg[^>]*scatter-peer-title[\s\S]*?<\/svg>/)[0];
	for (const name of ["二社目", "三社目", "五社目", "別規模"])
		assert.ok(!svg.includes(name), name);
	// our own marker, and the item-by-item comparison
	assert.match(svg, /自社 — 21〜50人: 100\.0点/);
	assert.match(page.text, /項目ごとの平均点を比べる/);
});

async function setShare(org, on) {
	const form = await admin.get(`/o/${org}/profile`);
	assert.match(form.text, /匿名の統計としてほかの会社との比較に使ってよいですか/);
	const res = await admin.post(`/o/${org}/profile`, {
		_csrf: csrfOf(form.text), name: "五社目", industry: "E", employees: "e3",
		capital: "c1", prefecture: "13", many_systems: "1", manual_fallback: "1",
		others_depend: "0", peer_share: on ? "1" : "0",
	});
	assert.equal(res.status, 303);
}

test("an organisation that opts out leaves the others' statistics and still sees its own comparison", async () => {
	const fifth = 7;	// 五社目: orgs 1–4, 未締切 5, 別規模 6, 五社目 7
	assert.match((await admin.get(`/o/${fifth}`)).text, /五社目/);
	await setShare(fifth, false);
	// 一社目's cohort is down to four: the comparison widens again
	const first = await admin.get("/o/1/rounds/1/results");
	assert.match(first.text, /製造業・すべての規模/);
	assert.match(first.text, /（5社）/);
	assert.match(first.text, /同じ規模の会社がまだ5社に満たないため/);
	// the one who opted out still compares, and is told it does not share
	const own = (await admin.get(`/o/${fifth}`)).text.match(/\/o\/7\/rounds\/(\d+)/)[1];
	const mine = await admin.get(`/o/${fifth}/rounds/${own}/results`);
	assert.match(mine.text, /偏差値/);
	assert.match(mine.text, /製造業・21〜50人/);
	assert.match(mine.text, /自社の結果をほかの会社との比較に使わない設定になっています/);
	const profile = await admin.get(`/o/${fifth}/profile`);
	assert.match(profile.text, /name="peer_share" value="0" checked/);
	// a bad value is refused next to the field
	const bad = await admin.post(`/o/${fifth}/profile`, {
		_csrf: csrfOf(profile.text), name: "五社目", industry: "E", employees: "e3",
		capital: "c1", prefecture: "13", many_systems: "1", manual_fallback: "1",
		others_depend: "0", peer_share: "maybe",
	});
	assert.equal(bad.status, 422);
	assert.match(bad.text, /aria-describedby="e-peer_share"/);
	// and back in
	await setShare(fifth, true);
	const again = await admin.get("/o/1/rounds/1/results");
	assert.match(again.text, /製造業・21〜50人/);
	assert.doesNotMatch(again.text, /比較に使わない設定/);
	const audit = await admin.get(`/o/${fifth}/audit`);
	assert.match(audit.text, /同業他社との比較への参加を変えました/);
	assert.match(audit.text, /比較に参加する/);
	assert.doesNotMatch(audit.text, /peer_share/);
});

test("reopening a round takes its figures out of the comparison until it closes again", async () => {
	const fifth = 7;
	const own = +(await admin.get(`/o/${fifth}`)).text.match(/\/o\/7\/rounds\/(\d+)/)[1];
	const rp = `/o/${fifth}/rounds/${own}`;
	let page = await admin.get(rp);
	assert.match(page.text, /回答の受付を再開する/);
	const res = await admin.post(`${rp}/reopen`, { _csrf: csrfOf(page.text) });
	assert.equal(res.status, 303);
	page = await admin.get(rp);
	assert.match(page.text, /回答受付中/);
	// 一社目's cohort is down to four again: the comparison widens
	const first = await admin.get("/o/1/rounds/1/results");
	assert.match(first.text, /同じ規模の会社がまだ5社に満たないため/);
	// the reopened round compares once closed
	assert.match((await admin.get(`${rp}/results`)).text, /診断を締め切ると、同じ業種・同じ規模の会社と比べた結果が表示されます/);
	// reopening an open round changes nothing
	assert.equal((await admin.post(`${rp}/reopen`, { _csrf: csrfOf(page.text) })).status, 303);
	// closed again: its figures come back
	assert.equal((await admin.post(`${rp}/close`, { _csrf: csrfOf(page.text), confirm: "1" })).status, 303);
	const back = await admin.get("/o/1/rounds/1/results");
	assert.match(back.text, /製造業・21〜50人/);
	assert.match(back.text, /（5社）/);
	assert.match((await admin.get(`/o/${fifth}/audit`)).text, /回答受付を再開しました/);
	// the API's view agrees with the page
	const api = JSON.parse((await admin.get(`/api/v1/rounds/${own}/results`)).text);
	assert.equal(api.company_score, 50);
});
