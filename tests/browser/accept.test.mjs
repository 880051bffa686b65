// Accepting the remaining risks, in Debian's chromium driven by
// playwright-core against a real mamori server (MAMORI_BIN): the risk
// list links to the page; the executive ticks and accepts; a changed risk
// asks again.  Every page is checked on a phone and a desktop with
// axe-core (no violation) and for sideways scrolling.  Screenshots go to
// tests/browser/shots/accept-*.png (git-ignored).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { chromium } from "playwright-core";
import { env, shots, CHROMIUM, ARGS, STEP_MS, TEST_MS, DESKTOP, MOBILE, J, fill, withTimeout, newContext, shot, checkPage, go, signIn } from "./lib.mjs";
import { startServer, firstAdmin, cli, Client } from "../http/lib.mjs";

let srv, browser, ctx, page;
const st = {};

let api;
before(async () => {
	srv = await startServer();
	await firstAdmin(srv);
	const auth = { authorization: `Bearer ${cli(["user", "token", "admin@example.jp", "--db", srv.db]).stdout.trim()}` };
	api = async (m, p, body) => {
		const res = await new Client(srv.base).req(m, p, { body: body && JSON.stringify(body), headers: { ...auth, "content-type": "application/json" } });
		assert.ok(res.status < 300, `${m} ${p}: ${res.status} ${res.text}`);
		return res.status === 204 ? null : JSON.parse(res.text);
	};
	st.org = (await api("POST", "/api/v1/orgs", { name: "受容株式会社", industry: "E", employees: "e3" })).id;
	const a = await api("POST", `/api/v1/orgs/${st.org}/assets`, { name: "顧客の連絡先", c: 3, i: 2, a: 2, personal: "personal" });
	st.asset = a.id;
	st.r1 = await api("POST", `/api/v1/orgs/${st.org}/risks`, { asset: a.id, threat: "accident", threat_level: 3, vulnerability: 3, treatment: "transfer" });
	st.r2 = await api("POST", `/api/v1/orgs/${st.org}/risks`, { asset: a.id, threat: "theft", threat_level: 1, vulnerability: 2, treatment: "accept" });
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

test("the executive accepts the remaining risks, and a change asks again", { timeout: TEST_MS }, async () => {
	await signIn(page);
	await page.goto(`${srv.base}/o/${st.org}/r/risks`);
	await go(page, page.getByRole("link", { name: J("accept.link") }).click());
	await page.getByRole("heading", { level: 1, name: J("accept.title") }).waitFor();
	await page.getByText(J("accept.never")).waitFor();
	await checkPage(page, "accept, never");
	await shot(page, "accept-before", { fullPage: true });
	await page.getByLabel(J("accept.note")).fill("停電と火事には保険で備える。");
	await page.getByLabel(J("accept.confirm")).check();
	await go(page, page.getByRole("button", { name: J("accept.submit") }).click());
	await page.getByText(J("accept.done")).waitFor();
	await page.getByText(J("accept.current")).waitFor();
	await checkPage(page, "accept, done");
	await shot(page, "accept-done", { fullPage: true });
	// a risk changes: the page says a new acceptance is due
	await api("PUT", `/api/v1/orgs/${st.org}/risks/${st.r2.id}`, { rev: 1, asset: st.asset, threat: "theft", threat_level: 2, vulnerability: 3, treatment: "reduce" });
	await page.reload();
	assert.match(await page.locator("main").innerText(), /変わったもの 1件/);
	// on a phone
	const m = await newContext(MOBILE);
	const mp = await m.newPage();
	await signIn(mp);
	await mp.goto(`${srv.base}/o/${st.org}/r/risks/accept`);
	await checkPage(mp, "accept, phone");
	await shot(mp, "accept-phone", { fullPage: true });
	await m.close();
});
