// The information-asset register as people use it: Debian's chromium,
// driven by playwright-core, against a real mamori server (MAMORI_BIN)
// with its own temporary SQLite database.
//
//   a. the admin signs in, opens the asset register from the
//      organisation's home and adds two of the common assets;
//   b. adds one asset by the form, forgetting the C/I/A levels first
//      (the errors show beside them, the rest is kept), then fixes it;
//   c. changes it and reads what changed in its history;
//   d. deletes it after the confirmation page;
//   e. downloads the list as CSV;
//   f. the same list and form on a phone.
//
// Every page is checked on a phone (390×844) and a desktop (1280×900):
// axe-core finds no accessibility violation, nothing is wider than the
// phone.  Screenshots go to tests/browser/shots/assets-*.png (git-ignored;
// docs/img/assets-list.png and assets-form.png are copies of two).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { startServer, firstAdmin, makeOrg, top } from "../http/lib.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const shots = join(here, "shots");
mkdirSync(shots, { recursive: true });

const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu",
	"--disable-background-networking", "--disable-component-update",
	"--no-first-run", "--disable-quic", "--disable-sync"];
const STEP_MS = 30_000;
const TEST_MS = 240_000;

const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const SIZES = [["phone", { width: 390, height: 844 }], ["desktop", { width: 1280, height: 900 }]];

const DESKTOP = { viewport: { width: 1280, height: 900 }, locale: "ja-JP" };
const MOBILE = {
	viewport: { width: 390, height: 844 }, deviceScaleFactor: 2,
	isMobile: true, hasTouch: true, locale: "ja-JP",
	userAgent: "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) " +
	    "AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 " +
	    "Mobile/15E148 Safari/604.1",
};

const ui = {};
for (const line of readFileSync(join(top, "content/i18n/ui.yaml"), "utf8").split("\n")) {
	const m = line.match(/^([a-z0-9_.]+): \{ja: "((?:[^"\\]|\\.)*)", en: "((?:[^"\\]|\\.)*)"\}/);
	if (m) ui[m[1]] = { ja: m[2].replace(/\\"/g, '"'), en: m[3].replace(/\\"/g, '"') };
}
const J = (k) => { assert.ok(ui[k], `ui.yaml has ${k}`); return ui[k].ja; };
const fill = (s, a, b) => s.replace("{1}", String(a)).replace("{2}", String(b));
const what = (k, s) => J(k).replace("{what}", s);

let srv, browser, ctx, page;
const st = {};

function withTimeout(p, ms, label) {
	let t;
	return Promise.race([p, new Promise((_, rej) => {
		t = setTimeout(() => rej(new Error(`${label}: timed out after ${ms} ms`)), ms);
	})]).finally(() => clearTimeout(t));
}

async function newContext(opts) {
	const c = await browser.newContext(opts);
	c.setDefaultTimeout(STEP_MS);
	c.setDefaultNavigationTimeout(STEP_MS);
	return c;
}

async function shot(p, name, opts = {}) {
	await p.screenshot({ path: join(shots, `${name}.png`), ...opts });
}

async function noSidewaysScroll(p, label) {
	const w = await p.evaluate(() => ({
		doc: document.documentElement.scrollWidth,
		view: window.innerWidth,
		wide: [...document.querySelectorAll("body *")]
			.filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1)
			.slice(0, 5).map((e) => `${e.tagName.toLowerCase()}.${e.className}`),
		cut: [...document.querySelectorAll(".table-wrap")]
			.filter((e) => e.scrollWidth > e.clientWidth + 1)
			.map((e) => `${e.querySelector("th")?.textContent}: ${e.scrollWidth}px in ${e.clientWidth}px`),
	}));
	assert.ok(w.doc <= w.view, `${label}: page is ${w.doc}px wide in a ${w.view}px viewport (${w.wide.join(", ")})`);
	assert.deepEqual(w.cut, [], `${label}: tables cut off sideways`);
}

async function axeViolations(p) {
	if (!await p.evaluate(() => typeof window.axe === "object"))
		await p.evaluate(AXE);
	const res = await p.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
	return res.violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n` +
	    v.nodes.slice(0, 5).map((n) => `      ${n.target.join(" ")}: ` +
	    n.failureSummary.replace(/\s+/g, " ")).join("\n"));
}

// The page at phone and desktop size, its closed <details> shut and then
// open: no axe-core violation, nothing wider than the phone.
async function checkPage(p, label) {
	const was = p.viewportSize();
	const problems = [];
	try {
		for (const [size, vp] of SIZES) {
			await p.setViewportSize(vp);
			for (const open of [false, true]) {
				const n = open ? await p.evaluate(() => {
					const closed = [...document.querySelectorAll("details:not([open])")];
					closed.forEach((d) => { d.open = true; d.dataset.testOpened = "1"; });
					return closed.length;
				}) : 1;
				if (n === 0)
					continue;
				const at = `${label} (${size}${open ? ", details open" : ""})`;
				for (const v of await axeViolations(p))
					problems.push(`${at}: ${v}`);
				if (size === "phone")
					await noSidewaysScroll(p, at).catch((e) => problems.push(e.message));
			}
			await p.evaluate(() => document.querySelectorAll("details[data-test-opened]")
			    .forEach((d) => { d.open = false; delete d.dataset.testOpened; }));
		}
	} finally {
		await p.setViewportSize(was);
	}
	assert.deepEqual(problems, [], `${label}:\n${problems.join("\n")}`);
}

async function go(p, action) {
	await Promise.all([p.waitForNavigation({ waitUntil: "load" }), action]);
}

async function signIn(p) {
	await p.goto(`${srv.base}/login`);
	await p.getByLabel(J("login.email"), { exact: true }).fill("admin@example.jp");
	await p.getByLabel(J("login.password"), { exact: true }).fill("correct horse battery");
	await go(p, p.getByRole("button", { name: J("login.submit") }).click());
}

// The list's rows: name → importance, as the table shows them.
async function listed(p) {
	return Object.fromEntries(await p.locator("table.reg-table tbody tr").evaluateAll((trs) =>
		trs.map((tr) => [tr.querySelector("td a").textContent.trim(),
			tr.querySelector('td[data-label="重要度"]').textContent.trim()])));
}

before(async () => {
	srv = await startServer();
	const c = await firstAdmin(srv);
	st.org = await makeOrg(c, { name: "さくら精機株式会社" });
	browser = await withTimeout(chromium.launch({
		executablePath: CHROMIUM, args: ARGS, timeout: STEP_MS }), STEP_MS,
	"chromium launch");
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

test("a. from the organisation's home to the register; two common assets added", { timeout: TEST_MS }, async () => {
	await signIn(page);
	await page.goto(`${srv.base}/o/${st.org}`);
	const card = page.locator("li.reg-card[data-register=assets]");
	assert.equal((await card.locator(".reg-count").textContent()).trim(), J("reg.none_yet"));
	await go(page, card.getByRole("link", { name: J("reg.assets.title") }).click());
	await page.getByRole("heading", { level: 1, name: J("reg.assets.title") }).waitFor();
	assert.equal(await page.locator("nav.subnav a[aria-current=page]").textContent(), J("reg.assets.nav"));
	assert.ok(await page.getByText(J("reg.assets.intro")).isVisible());
	const starters = page.locator("section.starters");
	assert.equal(await starters.locator("input[type=checkbox]:checked").count(), 0);
	await checkPage(page, "asset register, empty");
	await shot(page, "assets-empty", { fullPage: true });
	await starters.getByText("顧客の連絡先", { exact: true }).click();
	await starters.getByText("会計データ・帳簿", { exact: true }).click();
	await go(page, starters.getByRole("button", { name: J("reg.starters_add") }).click());
	assert.ok(await page.getByText(fill(J("reg.started"), 2)).isVisible());
	assert.deepEqual(await listed(page), { "会計データ・帳簿": "3", "顧客の連絡先": "2" });
	assert.ok(await page.getByText(fill(J("reg.count"), 2), { exact: true }).isVisible());
	st.list = page.url().replace(/\?.*$/, "");
	await checkPage(page, "asset register, two rows");
	// the organisation's home counts them
	await page.goto(`${srv.base}/o/${st.org}`);
	assert.equal((await page.locator("li.reg-card[data-register=assets] .reg-count").textContent()).trim(), fill(J("reg.count"), 2));
	await checkPage(page, "organisation home with its register");
	await shot(page, "assets-org-home", { fullPage: true });
});

test("b. one asset by the form: the levels forgotten first, then picked", { timeout: TEST_MS }, async () => {
	await page.goto(st.list);
	await go(page, page.getByRole("link", { name: what("reg.add", J("reg.assets.one")) }).click());
	await page.getByRole("heading", { level: 1, name: what("reg.new", J("reg.assets.title")) }).waitFor();
	// the meaning of each level is the button's label
	const c = page.getByRole("group", { name: `${J("reg.assets.f.c")}${J("reg.required")}` });
	assert.equal(await c.getByRole("radio").count(), 3);
	await checkPage(page, "new asset form");
	await page.getByLabel(/^情報資産の名前/).fill("見積書の控え");
	await page.getByLabel(J("reg.assets.f.category")).selectOption({ label: "取引" });
	await page.getByLabel(/^管理の責任者/).fill("営業部 田中");
	await page.getByLabel(J("reg.assets.f.personal")).selectOption({ label: "含まない" });
	await go(page, page.getByRole("button", { name: J("reg.add_submit"), exact: true }).click());
	// refused: the errors beside the three groups, the rest kept
	assert.ok(await page.getByText(J("form.err.summary")).isVisible());
	for (const f of ["c", "i", "a"]) {
		const msg = page.locator(`#e-${f}`);
		assert.equal((await msg.textContent()).trim(), J("reg.err.choose"));
		assert.equal(await page.locator(`fieldset[aria-describedby="e-${f}"]`).count(), 1);
	}
	assert.equal(await page.getByLabel(/^情報資産の名前/).inputValue(), "見積書の控え");
	assert.equal(await page.getByLabel(/^管理の責任者/).inputValue(), "営業部 田中");
	await checkPage(page, "new asset form with errors");
	await page.locator("#e-c").scrollIntoViewIfNeeded();
	await page.evaluate(() => window.scrollBy(0, -160));
	await shot(page, "assets-form-errors");
	await page.getByText("2：社外に出ると困るが、社内ならだれが見てもよい").click();
	await page.getByText("3：まちがうとお金や信用の損失、法令違反につながる").click();
	await page.getByText("1：数日使えなくても、仕事は回る").click();
	await go(page, page.getByRole("button", { name: J("reg.add_submit"), exact: true }).click());
	await page.getByRole("heading", { level: 1, name: "見積書の控え" }).waitFor();
	assert.ok(await page.getByText(J("reg.added")).isVisible());
	assert.equal(await page.locator("#l-importance + dd").getAttribute("data-value"), "3");
	st.row = page.url().replace(/\?.*$/, "");
	await checkPage(page, "asset row");
});

test("c. a change, and what changed in the history", { timeout: TEST_MS }, async () => {
	await page.goto(st.row);
	await go(page, page.getByRole("link", { name: J("reg.edit_button") }).click());
	await page.getByRole("heading", { level: 1, name: what("reg.edit", "見積書の控え") }).waitFor();
	await checkPage(page, "edit form");
	await page.getByLabel(/^管理の責任者/).fill("営業部 佐藤");
	await page.getByText("1：だれに見られても困らない（公開している、公開してよい）").click();
	await page.getByText("1：まちがっていても、ほとんど困らない").click();
	await go(page, page.getByRole("button", { name: J("form.save"), exact: true }).click());
	assert.ok(await page.getByText(J("form.saved")).isVisible());
	assert.equal(await page.locator("#l-importance + dd").getAttribute("data-value"), "1");
	const edit = page.locator("li.hist[data-op=edit]");
	assert.ok(await edit.getByText(J("reg.op.edit")).isVisible());
	const diff = await edit.locator("tbody tr").evaluateAll((trs) => trs.map((tr) =>
		[...tr.querySelectorAll("td")].map((td) => td.textContent.trim())));
	assert.deepEqual(diff, [["管理の責任者", "営業部 田中", "営業部 佐藤"], ["機密性", "2", "1"],
		["完全性", "3", "1"], ["重要度", "3", "1"]]);
	await checkPage(page, "asset row with its history");
	await shot(page, "assets-row", { fullPage: true });
});

test("d. delete after the confirmation page", { timeout: TEST_MS }, async () => {
	await page.goto(st.row);
	await go(page, page.getByRole("button", { name: J("reg.delete_button") }).click());
	await page.getByRole("heading", { level: 1, name: what("reg.delete_confirm", "見積書の控え") }).waitFor();
	assert.ok(await page.getByText(J("reg.delete_undo")).isVisible());
	await checkPage(page, "delete, asked first");
	await go(page, page.getByRole("button", { name: J("reg.delete_yes"), exact: true }).click());
	assert.ok(await page.getByText(J("reg.deleted")).isVisible());
	assert.deepEqual(await listed(page), { "会計データ・帳簿": "3", "顧客の連絡先": "2" });
});

test("e. the list as CSV", { timeout: TEST_MS }, async () => {
	await page.goto(st.list);
	await page.setViewportSize({ width: 1280, height: 900 });
	await shot(page, "assets-list", { fullPage: true });
	const dir = mkdtempSync(join(tmpdir(), "mamori-dl-"));
	try {
		const [dl] = await Promise.all([page.waitForEvent("download"),
			page.getByRole("link", { name: J("reg.download_csv") }).click()]);
		assert.match(dl.suggestedFilename(), /^mamori-さくら精機株式会社-情報資産管理台帳-\d{4}-\d{2}-\d{2}\.csv$/);
		const path = join(dir, "a.csv");
		await dl.saveAs(path);
		const csv = readFileSync(path, "utf8");
		assert.equal(csv.charCodeAt(0), 0xfeff, "a byte-order mark for Excel");
		const lines = csv.slice(1).split("\r\n");
		assert.match(lines[0], /^name,category,description,.*,importance$/);
		assert.ok(lines.some((l) => l.startsWith("会計データ・帳簿,accounting,")));
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
});

test("f. on a phone: the list stacks, the form's levels are big buttons", { timeout: TEST_MS }, async () => {
	const phone = await newContext(MOBILE);
	try {
		const p = await phone.newPage();
		await signIn(p);
		await p.goto(st.list);
		await p.getByRole("heading", { level: 1, name: J("reg.assets.title") }).waitFor();
		// the rows come first; search and order are folded away
		assert.ok(!await p.getByLabel(J("reg.sort_by")).isVisible());
		await checkPage(p, "asset register on a phone");
		await shot(p, "assets-list-mobile", { fullPage: true });
		// the headings are hidden: the order is chosen in the form
		await p.getByText(J("reg.find"), { exact: true }).tap();
		assert.ok(await p.getByLabel(J("reg.sort_by")).isVisible());
		await page.getByText(J("reg.find"), { exact: true }).click();
		assert.ok(await page.getByLabel(J("reg.search")).isVisible());
		assert.ok(!await page.getByLabel(J("reg.sort_by")).isVisible(), "not on a desktop: its headings sort");
		await p.getByLabel(J("reg.sort_by")).selectOption({ label: J("reg.assets.f.name") });
		await p.getByLabel(J("reg.sort_dir")).selectOption({ value: "asc" });
		await go(p, p.getByRole("button", { name: J("reg.filter_go") }).click());
		assert.deepEqual(Object.keys(await listed(p)), ["会計データ・帳簿", "顧客の連絡先"].sort());
		await p.goto(`${st.list}/new`);
		await checkPage(p, "new asset form on a phone");
		await p.locator("fieldset").filter({ has: p.locator("legend", { hasText: J("reg.assets.f.c") }) }).scrollIntoViewIfNeeded();
		await p.evaluate(() => window.scrollBy(0, -60));
		await shot(p, "assets-form-mobile");
		const box = await p.getByText("3：決まった人だけが見るもの。漏れると会社や本人に大きな損害が出る").boundingBox();
		assert.ok(box.width > 250, `a level's label is wide enough to tap (${box.width}px)`);
	} finally {
		await phone.close();
	}
});
