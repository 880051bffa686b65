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
	assert.equal((await admin.post(`/o/${org}/rounds/${round}/close`, { _csrf: csrfOf(page.text) })).status, 303);
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
