// From a closed diagnosis to the risks and the plan, in Debian's chromium
// driven by playwright-core against a real mamori server (MAMORI_BIN):
//
//   a. the results page leads to the plan draft; one proposal dropped,
//      one measure edited, the rest added at once;
//   b. the risk draft: the important assets ticked already, three
//      threats ticked (their levels appear), the risks made; the risk
//      list shows the heat map and its table;
//   c. the same pages on a phone;
//   d. the organisation's home as the map of the cycle and the
//      regulations review, area by area, on a desktop and on a phone.
//
// Every page is checked on a phone (390×844) and a desktop (1280×900):
// axe-core finds no accessibility violation, nothing is wider than the
// phone.  Screenshots go to tests/browser/shots/flow-*.png (git-ignored).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { env, shots, CHROMIUM, ARGS, STEP_MS, TEST_MS, DESKTOP, MOBILE, J, fill, withTimeout, newContext, shot, checkPage, go, signIn } from "./lib.mjs";
import { startServer, firstAdmin, makeOrg, cli, Client } from "../http/lib.mjs";

let srv, browser, ctx, page;
const st = {};

// A round of five people answered through the API and closed: items 6
// and 7 weak for everyone, the rest mixed.
const ANS = ["yes", "partly", "no", "unknown"];
const people = Array.from({ length: 5 }, (_, k) => ({
	name: `回答者${k + 1}`, role: ["executive", "manager", "employee"][k % 3],
	ans: Array.from({ length: 25 }, (_, i) => i === 5 || i === 6 ? "no" : ANS[(i * 7 + k * 3) % 4]),
}));
const HEAD = "name,role," + Array.from({ length: 25 }, (_, i) => `q${i + 1}`).join(",");
const CSV = [HEAD, ...people.map((p) => `${p.name},${p.role},${p.ans.join(",")}`)].join("\r\n") + "\r\n";

before(async () => {
	srv = await startServer();
	const c = await firstAdmin(srv);
	st.org = await makeOrg(c, { name: "さくら精機株式会社" });
	const auth = { authorization: `Bearer ${cli(["user", "token", "admin@example.jp", "--db", srv.db]).stdout.trim()}` };
	const api = async (m, p, body, type = "application/json") => {
		const res = await new Client(srv.base).req(m, p, { body, headers: { ...auth, "content-type": type } });
		assert.ok(res.status < 300, `${m} ${p}: ${res.status} ${res.text}`);
		return JSON.parse(res.text);
	};
	st.round = (await api("POST", `/api/v1/orgs/${st.org}/rounds`, JSON.stringify({ title: "2026年度 第1回" }))).id;
	await api("POST", `/api/v1/rounds/${st.round}/answers`, CSV, "text/csv");
	await api("POST", `/api/v1/rounds/${st.round}/close`);
	for (const a of [{ name: "顧客の連絡先", c: 3, i: 2, a: 2, personal: "personal" },
		{ name: "会計データ・帳簿", c: 3, i: 3, a: 2 }, { name: "社内の掲示物", c: 1, i: 1, a: 1 }])
		await api("POST", `/api/v1/orgs/${st.org}/assets`, JSON.stringify(a));
	st.api = api;
	browser = await withTimeout(chromium.launch({
		executablePath: CHROMIUM, args: ARGS, timeout: STEP_MS }), STEP_MS,
	"chromium launch");
	env.browser = browser;
	env.base = srv.base;
	ctx = await newContext(DESKTOP);
	page = await ctx.newPage();
}, { timeout: 60_000 });

after(async () => {
	await browser?.close().catch(() => {});
	if (srv) {
		const code = await srv.stop();
		assert.ok(!/ERROR: (Address|Leak)Sanitizer|runtime error:/.test(srv.stderr()),
		    "sanitizer report:\n" + srv.stderr().slice(-3000));
		assert.equal(code, 0, "server exit status");
	}
}, { timeout: 60_000 });

test("a. from the results to the plan draft: one dropped, one edited, the rest added", { timeout: TEST_MS }, async () => {
	await signIn(page);
	await page.goto(`${srv.base}/o/${st.org}/rounds/${st.round}/results`);
	await go(page, page.getByRole("link", { name: J("flow.plan_draft_link") }).click());
	await page.getByRole("heading", { level: 1, name: J("flow.plan_title") }).waitFor();
	const cards = page.locator("li.proposal");
	const n = await cards.count();
	assert.ok(n >= 2, `${n} proposals`);
	assert.equal(await page.locator("li.proposal input[name=pick]:checked").count(), n, "all ticked");
	await checkPage(page, "plan draft");
	await shot(page, "flow-plan-draft", { fullPage: true });
	// drop the last, edit the first
	await cards.last().locator(".proposal-pick").click();
	const first = cards.first().getByRole("textbox");
	await first.fill("不審なメールの見分け方を、朝礼で毎月1回伝える。");
	await go(page, page.getByRole("button", { name: J("flow.plan_submit") }).click());
	assert.ok(await page.getByText(fill(J("reg.started"), n - 1)).isVisible());
	assert.ok(await page.getByRole("link", { name: "不審なメールの見分け方を、朝礼で毎月1回伝える。" }).isVisible());
	await checkPage(page, "plan after the draft");
	await shot(page, "flow-plan-list", { fullPage: true });
});

test("b. the risk draft, then the heat map on the risk list", { timeout: TEST_MS }, async () => {
	await page.goto(`${srv.base}/o/${st.org}/r/risks`);
	await go(page, page.getByRole("link", { name: J("flow.risk_draft_link") }).click());
	await page.getByRole("heading", { level: 1, name: J("flow.risk_title") }).waitFor();
	// the two important assets are ticked, the third not
	assert.equal(await page.locator("input[name=asset]:checked").count(), 2);
	// the levels of a threat appear once it is ticked
	const theft = page.locator('[data-threat="theft"]');
	assert.ok(!await theft.locator(".threat-levels").isVisible());
	await checkPage(page, "risk draft");
	await shot(page, "flow-risk-draft", { fullPage: true });
	for (const key of ["theft", "unauthorised_access", "ransomware"])
		await page.locator(`[data-threat="${key}"] > label`).click();
	assert.ok(await theft.locator(".threat-levels").isVisible());
	await page.locator('[data-threat="ransomware"]').getByText("3：いつ起きてもおかしくない").click();
	await checkPage(page, "risk draft, three threats ticked");
	await page.locator('[data-threat="theft"]').scrollIntoViewIfNeeded();
	await shot(page, "flow-risk-draft-ticked");
	await go(page, page.getByRole("button", { name: J("flow.risk_submit") }).click());
	assert.ok(await page.getByText(fill(J("reg.started"), 6)).isVisible());
	const heat = page.locator("section.heat");
	assert.ok(await heat.locator("svg[role=img]").isVisible());
	const total = await heat.locator("td .heat-n").evaluateAll((e) => e.reduce((s, x) => s + +x.textContent, 0));
	assert.equal(total, 6);
	await checkPage(page, "risk list with the heat map");
	await shot(page, "flow-risks-list", { fullPage: true });
	await heat.screenshot({ path: join(shots, "flow-heat.png") });
});

test("c. the drafts and the heat map on a phone", { timeout: TEST_MS }, async () => {
	const phone = await newContext(MOBILE);
	try {
		const p = await phone.newPage();
		await signIn(p);
		for (const [path, name] of [["r/risks", "flow-risks-list-mobile"], ["r/risks/draft", "flow-risk-draft-mobile"],
			["r/plan/draft", "flow-plan-draft-mobile"]]) {
			await p.goto(`${srv.base}/o/${st.org}/${path}`);
			await checkPage(p, `${path} on a phone`);
			await shot(p, name, { fullPage: true });
		}
		await p.goto(`${srv.base}/o/${st.org}/r/risks`);
		await p.locator("section.heat").screenshot({ path: join(shots, "flow-heat-mobile.png") });
	} finally {
		await phone.close();
	}
});

test("d. the organisation's home as the map of the cycle, and the regulations review", { timeout: TEST_MS }, async () => {
	for (const [area, status] of [["organisational", "keep"], ["human", "new"], ["assets", "not_needed"]])
		await st.api("POST", `/api/v1/orgs/${st.org}/regulations`, JSON.stringify({ area, status }));
	const phone = await newContext(MOBILE), desk = await newContext(DESKTOP);
	try {
		const p = await phone.newPage(), d = await desk.newPage();
		await signIn(p);
		await signIn(d);
		for (const [pg, size] of [[d, "desktop"], [p, "mobile"]]) {
			await pg.goto(`${srv.base}/o/${st.org}`);
			const map = pg.locator("section.cycle");
			assert.ok(await map.isVisible());
			assert.deepEqual(await map.locator("ol.cycle-steps > li").evaluateAll((e) => e.map((x) => x.dataset.step)),
			    ["diagnosis", "policy", "regulations", "assets-risks", "plan", "bcp"]);
			assert.equal((await map.locator('[data-step="regulations"] .cycle-state').textContent()).trim(),
			    fill(J("cycle.regs_reviewed"), 3, 12));
			assert.ok(await map.locator("aside.cycle-sa .org-stars").isVisible());
			await checkPage(pg, `organisation home, the cycle (${size})`);
			await shot(pg, `flow-cycle-home-${size}`, { fullPage: true });
			await go(pg, map.getByRole("link", { name: J("reg.regulations.title") }).click());
			const review = pg.locator("section.reg-review");
			assert.equal(await review.locator("tbody tr").count(), 12);
			assert.ok(await review.getByText(J("flow.reg_rule")).isVisible());
			assert.equal(await review.locator('tr[data-suggest="new"], tr[data-suggest="revised"]').count() > 0, true);
			await checkPage(pg, `regulations review (${size})`);
			await shot(pg, `flow-regulations-${size}`, { fullPage: true });
			await review.locator('tr[data-area="access"]').screenshot({ path: join(shots, `flow-regulations-row-${size}.png`) });
		}
	} finally {
		await phone.close();
		await desk.close();
	}
});
