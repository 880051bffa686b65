// The advisor's work with a client, in Debian's chromium against a real
// mamori server (MAMORI_BIN):
//
//   a. the hearing sheet: a section filled at the first visit, one item
//      left open and listed at the top for the next visit; its PDF and
//      workbook downloaded;
//   b. the confidentiality pledge: its PDF made from what is typed, then
//      recorded as handed over.
//
// Every page is checked on a phone (390×844) and a desktop (1280×900):
// axe-core finds no violation, nothing is wider than the phone.
// Screenshots go to tests/browser/shots/advisor-*.png (git-ignored).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { env, shots, CHROMIUM, ARGS, STEP_MS, TEST_MS, DESKTOP, MOBILE, J, withTimeout, newContext, shot, checkPage, go, signIn } from "./lib.mjs";
import { startServer, firstAdmin, makeOrg, cli, Client, top } from "../http/lib.mjs";

let srv, browser, ctx, page;
const st = {};

before(async () => {
	srv = await startServer();
	const c = await firstAdmin(srv);
	st.org = await makeOrg(c, { name: "みなと建設株式会社" });
	const auth = { authorization: `Bearer ${cli(["user", "token", "admin@example.jp", "--db", srv.db]).stdout.trim()}` };
	st.api = async (m, p, body) => {
		const res = await new Client(srv.base).req(m, p, { body: body && JSON.stringify(body), headers: { ...auth, "content-type": "application/json" } });
		assert.ok(res.status < 300, `${m} ${p}: ${res.status} ${res.text}`);
		return JSON.parse(res.text);
	};
	browser = await withTimeout(chromium.launch({
		executablePath: CHROMIUM, args: ARGS, timeout: STEP_MS }), STEP_MS,
	"chromium launch");
	env.browser = browser;
	env.base = srv.base;
	ctx = await newContext(DESKTOP);
	page = await ctx.newPage();
	await signIn(page);
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

// The hearing sheet's sections and item keys, from the pack itself.
const HEARING = readFileSync(join(top, "content/hearing.yaml"), "utf8");
const ITEMS = [...HEARING.matchAll(/^ {6}- key: ([a-z_]+)$/gm)].map((m) => m[1]);

async function download(p, link, name) {
	const [dl] = await Promise.all([p.waitForEvent("download"), link.click()]);
	const path = join(shots, name);
	await dl.saveAs(path);
	return path;
}

test("a. the hearing sheet: a section at the first visit, an item left open for the next", { timeout: TEST_MS }, async () => {
	assert.ok(ITEMS.length >= 20, `the pack's items (${ITEMS.length})`);
	await page.goto(`${srv.base}/o/${st.org}`);
	await go(page, page.locator("nav.subnav").getByRole("link", { name: J("hearing.sheet"), exact: true }).click());
	await checkPage(page, "hearing sheet, empty");
	// every section folded under its counts; the first opened
	const folds = page.locator("details.hearing-fold");
	assert.ok(await folds.count() >= 7);
	assert.equal(await page.locator("details.hearing-fold[open]").count(), 0);
	await folds.first().locator("summary").click();
	// the first section: two items answered, one left open
	const form = page.locator("main form").filter({ has: page.locator(`[name="result.${ITEMS[0]}"]`) });
	const keys = await form.locator("fieldset.hearing-item").evaluateAll((l) => l.map((e) => e.dataset.key));
	assert.ok(keys.length >= 2, "the first section has items");
	await form.locator(`[name="result.${keys[0]}"]`).fill("鉄骨の建設業。社員12人、現場3か所。");
	await form.locator(`[name="state.${keys[0]}"][value="answered"]`).check();
	await form.locator(`[name="result.${keys[1]}"]`).fill("製品は戸建て住宅、一部は店舗の内装。");
	await form.locator(`[name="consider.${keys[1]}"]`).fill("図面データの扱いを次回に確かめる");
	await form.locator(`[name="state.${keys[1]}"][value="open"]`).check();
	await form.locator("[name=visit]").selectOption("1");
	await go(page, form.getByRole("button", { name: J("hearing.save") }).click());
	// the item left open is listed at the top, for the next visit; its
	// link opens its folded section and shows it
	const main = await page.locator("main").innerText();
	assert.ok(main.includes(J("hearing.open_title")));
	const openLinks = page.locator("#open-items ul a");
	assert.equal(await openLinks.count(), 1);
	await page.goto(`${srv.base}/o/${st.org}/hearing`);
	await openLinks.first().click();
	await page.locator(`#i-${keys[1]} [name="consider.${keys[1]}"]`).waitFor({ state: "visible" });
	assert.equal(await page.locator(`#i-${keys[1]} [name="consider.${keys[1]}"]`).inputValue(), "図面データの扱いを次回に確かめる");
	const rows = (await st.api("GET", `/api/v1/orgs/${st.org}/hearing`));
	const saved = (rows.items ?? rows.rows ?? []).filter((x) => x.result || x.consider);
	assert.equal(saved.length, 2, JSON.stringify(rows).slice(0, 400));
	await checkPage(page, "hearing sheet, one section");
	await shot(page, "advisor-hearing");
	// the PDF and the workbook
	const pdf = await download(page, page.getByRole("link", { name: J("hearing.pdf") }).first(), "advisor-hearing.pdf");
	const text = execFileSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8" });
	assert.match(text, /鉄骨の建設業/);
	assert.match(text, /図面データの扱いを次回に確かめる/);
	const xlsx = await download(page, page.getByRole("link", { name: J("hearing.xlsx") }).first(), "advisor-hearing.xlsx");
	assert.equal(readFileSync(xlsx).subarray(0, 2).toString(), "PK");

	// on a phone
	const mctx = await newContext(MOBILE);
	const m = await mctx.newPage();
	await signIn(m);
	await m.goto(`${srv.base}/o/${st.org}/hearing`);
	await checkPage(m, "hearing sheet (phone)");
	await shot(m, "advisor-hearing-phone");
	st.hearingHeight = await m.evaluate(() => document.documentElement.scrollHeight);
	await mctx.close();
});

test("b. the confidentiality pledge: made as a PDF, recorded as handed over", { timeout: TEST_MS }, async () => {
	await page.goto(`${srv.base}/o/${st.org}/hearing`);
	await go(page, page.getByRole("link", { name: J("pledge.title") }).first().click());
	await page.locator("[name=name]").fill("山田 太郎");
	const today = new Date(Date.now() + 9 * 3600e3).toISOString().slice(0, 10);
	await page.locator("[name=date]").fill(today);
	await page.locator('[name=mode][value="handed"]').check();
	await checkPage(page, "pledge form");
	const pdf = await download(page, page.getByRole("button", { name: J("pledge.download") }), "advisor-pledge.pdf");
	const text = execFileSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8" });
	assert.match(text, /山田 太郎/);
	assert.match(text, /みなと建設株式会社/);
	assert.equal(execFileSync("pdfinfo", [pdf], { encoding: "utf8" }).match(/Pages:\s+(\d+)/)[1], "1");
	await go(page, page.getByRole("button", { name: J("pledge.record") }).click());
	assert.ok((await page.locator("main").innerText()).includes(J("pledge.saved")));
	const rec = await st.api("GET", `/api/v1/orgs/${st.org}/pledges`);
	const list = rec.pledges ?? rec.rows ?? rec;
	assert.equal(list.length, 1);
	assert.equal(list[0].date ?? list[0].handed_on, today);
	await checkPage(page, "pledge recorded");
	await shot(page, "advisor-pledge");
});
