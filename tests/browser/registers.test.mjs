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
//   f. the same list and form on a phone;
//   g. reads a CSV file with one bad cell (the page lists it by line and
//      column, nothing is added), then the corrected file;
//   h. adds a risk to an asset, picking the threat and the two levels, and
//      reads its likelihood, value and level;
//   i. adds a plan row with urgency, importance and difficulty, and reads
//      its priority;
//   j. starts the regulations review with the twelve areas and marks one
//      "newly written".
//
// Every page is checked on a phone (390×844) and a desktop (1280×900):
// axe-core finds no accessibility violation, nothing is wider than the
// phone.  Screenshots go to tests/browser/shots/*.png (git-ignored;
// docs/img/assets-list.png, assets-form.png, risks-list.png, plan-form.png
// and regulations-list.png are copies of some).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { env, shots, CHROMIUM, ARGS, STEP_MS, TEST_MS, DESKTOP, MOBILE, J, fill, withTimeout, newContext, shot, checkPage, go, signIn } from "./lib.mjs";
import { startServer, firstAdmin, makeOrg, top } from "../http/lib.mjs";

const what = (k, s) => J(k).replace("{what}", s);

let srv, browser, ctx, page;
const st = {};

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

test("a. from the organisation's home to the register; two common assets added", { timeout: TEST_MS }, async () => {
	await signIn(page);
	await page.goto(`${srv.base}/o/${st.org}`);
	const card = page.locator('li.reg-card[data-register="assets"]');
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
	assert.equal((await page.locator('li.reg-card[data-register="assets"] .reg-count').textContent()).trim(), fill(J("reg.count"), 2));
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

// Facts of a row page: label → text.
async function facts(p) {
	return Object.fromEntries(await p.locator("dl.reg-facts dt").evaluateAll((dts) =>
		dts.map((dt) => [dt.textContent.trim(), dt.nextElementSibling.textContent.trim()])));
}

test("g. a CSV file: one bad cell refused by line and column, then the corrected file added", { timeout: TEST_MS }, async () => {
	const dir = mkdtempSync(join(tmpdir(), "mamori-csv-"));
	try {
		await page.goto(st.list);
		const panel = page.locator("details.reg-import");
		await panel.locator("summary").click();
		assert.ok(await panel.getByText("CSV UTF-8（コンマ区切り）", { exact: false }).isVisible());
		await checkPage(page, "asset register, import open");
		const head = "情報資産の名前,業務の分類,管理の責任者,機密性,完全性,可用性,個人情報\r\n";
		const bad = join(dir, "資産一覧.csv");
		writeFileSync(bad, "\ufeff" + head + "社員名簿,人事・給与,総務部,2,2,1,個人情報\r\n" +
			"見積書の控え,取引,営業部,2,5,1,含まない\r\n");
		await panel.getByLabel(J("reg.import.file")).setInputFiles(bad);
		await go(page, panel.getByRole("button", { name: J("reg.import.submit") }).click());
		assert.ok(await page.getByText(fill(J("reg.import.failed"), 1), { exact: true }).first().isVisible());
		const errs = await page.locator("table.reg-import-errors tbody tr").evaluateAll((trs) =>
			trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent.trim())));
		assert.deepEqual(errs, [["3", "E列（5列目）", "完全性", fill(J("reg.err.out_of_range"), 1, 3)]]);
		assert.deepEqual(await listed(page), { "会計データ・帳簿": "3", "顧客の連絡先": "2" }, "nothing added");
		await checkPage(page, "asset register, import refused");
		await page.locator("table.reg-import-errors").scrollIntoViewIfNeeded();
		await page.evaluate(() => window.scrollBy(0, -200));
		await shot(page, "import-errors");
		const good = join(dir, "資産一覧2.csv");
		writeFileSync(good, "\ufeff" + head + "社員名簿,人事・給与,総務部,2,2,1,個人情報\r\n" +
			"見積書の控え,取引,営業部,2,2,1,含まない\r\n");
		await page.locator("details.reg-import").getByLabel(J("reg.import.file")).setInputFiles(good);
		await go(page, page.locator("details.reg-import").getByRole("button", { name: J("reg.import.submit") }).click());
		assert.ok(await page.getByText(fill(J("reg.imported"), 2)).isVisible());
		assert.deepEqual(await listed(page), { "会計データ・帳簿": "3", "顧客の連絡先": "2", "社員名簿": "2", "見積書の控え": "2" });
		await checkPage(page, "asset register after the import");
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
});

test("h. a risk: an asset and a threat picked, the levels chosen; likelihood, value and level worked out", { timeout: TEST_MS }, async () => {
	await page.goto(`${srv.base}/o/${st.org}`);
	await go(page, page.locator("li.reg-card").getByRole("link", { name: J("reg.risks.title") }).click());
	await page.getByRole("heading", { level: 1, name: J("reg.risks.title") }).waitFor();
	st.risks = page.url().replace(/\?.*$/, "");
	await checkPage(page, "risk register, empty");
	await go(page, page.getByRole("link", { name: what("reg.add", J("reg.risks.one")) }).click());
	await checkPage(page, "new risk form");
	await page.getByLabel(/^情報資産/).selectOption({ label: "会計データ・帳簿" });
	await page.getByLabel(/^脅威（必須）/).selectOption({ label: "盗難" });
	await page.getByText("3：いつ起きてもおかしくない").click();
	await page.getByText("2：対策は一部だけできている").click();
	await page.getByLabel(J("reg.risks.f.treatment")).selectOption({ label: "低減（対策で小さくする）" });
	await page.getByLabel(J("reg.risks.f.measure")).fill("ノートPCにワイヤーロックを付け、帳簿は鍵付きの棚にしまう。");
	await shot(page, "risks-form", { fullPage: true });
	await go(page, page.getByRole("button", { name: J("reg.add_submit"), exact: true }).click());
	assert.ok(await page.getByText(J("reg.added")).isVisible());
	// named by its asset and threat, numbered for the CSV
	await page.getByRole("heading", { level: 1, name: "会計データ・帳簿 × 盗難" }).waitFor();
	assert.match(await page.locator("p.org-name").last().textContent(), /^リスク · No\.\d+$/);
	const f = await facts(page);
	assert.equal(f[J("reg.risks.f.asset")], "会計データ・帳簿");
	assert.match(f[J("reg.risks.f.threat")], /^盗難.*盗まれる/, "the threat explained");
	assert.equal(f[J("reg.risks.f.likelihood")], "2", "threat 3, vulnerability 2");
	assert.equal(f[J("reg.risks.f.value")], "6", "importance 3 × likelihood 2");
	assert.match(f[J("reg.risks.f.band")], /^高リスク値6〜9：/, "the level and what it asks for");
	// how the three are worked out
	assert.equal(await page.locator("p.rule").count(), 3);
	await checkPage(page, "risk row");
	await shot(page, "risks-row", { fullPage: true });
	// a second, smaller one, and the list with both
	await page.goto(`${st.risks}/new`);
	await page.getByLabel(/^情報資産/).selectOption({ label: "顧客の連絡先" });
	await page.getByLabel(/^脅威（必須）/).selectOption({ label: "故障" });
	await page.getByText("2：年に数回は起きうる").click();
	await page.getByText("3：対策はできていない").click();
	await go(page, page.getByRole("button", { name: J("reg.add_submit"), exact: true }).click());
	assert.equal((await facts(page))[J("reg.risks.f.value")], "4");
	await page.goto(st.risks);
	const rows = await page.locator("table.reg-table tbody tr").evaluateAll((trs) => trs.map((tr) =>
		Object.fromEntries([...tr.querySelectorAll("td")].map((td) => [td.dataset.label, td.textContent.trim()]))));
	assert.deepEqual(rows.map((r) => [r[J("reg.risks.f.asset")], r[J("reg.risks.f.value")]]),
		[["会計データ・帳簿", "6"], ["顧客の連絡先", "4"]], "highest first");
	await checkPage(page, "risk register, two rows");
	// each row leads to its page
	await go(page, page.locator("table.reg-table tbody tr").first().getByRole("link", { name: "会計データ・帳簿" }).click());
	await page.getByRole("heading", { level: 1, name: "会計データ・帳簿 × 盗難" }).waitFor();
	await page.goto(st.risks);
	await page.setViewportSize({ width: 1280, height: 900 });
	await shot(page, "risks-list", { fullPage: true });
});

test("i. a plan row: urgency, importance and difficulty give its priority", { timeout: TEST_MS }, async () => {
	await page.goto(`${srv.base}/o/${st.org}`);
	await go(page, page.locator("li.reg-card").getByRole("link", { name: J("reg.plan.title") }).click());
	await page.getByRole("heading", { level: 1, name: J("reg.plan.title") }).waitFor();
	st.plan = page.url().replace(/\?.*$/, "");
	await go(page, page.getByRole("link", { name: what("reg.add", J("reg.plan.one")) }).click());
	await checkPage(page, "new plan row form");
	// a new row starts "to do"; its priority is explained beside the three choices
	assert.equal(await page.getByLabel(J("reg.plan.f.status")).inputValue(), "todo");
	assert.equal(await page.locator(".field:has(#f-difficulty) + .panel.rule").count(), 1);
	await page.getByLabel(/^改善分野/).selectOption({ label: "物理的対策" });
	await page.getByLabel(J("reg.plan.f.current")).fill("ノートPCを机の上に置いたまま帰っている。");
	await page.getByLabel(/^具体的な改善対策/).fill("帰るときはノートPCを鍵付きの棚にしまう。");
	await page.getByLabel(J("reg.plan.f.urgency")).selectOption({ label: "高" });
	await page.getByLabel(J("reg.plan.f.importance"), { exact: true }).selectOption({ label: "高" });
	await page.getByLabel(J("reg.plan.f.difficulty")).selectOption({ label: "易" });
	await page.getByLabel(J("reg.plan.f.decision")).selectOption({ label: "実施する" });
	const d = new Date(Date.now() + 60 * 86400e3);
	await page.getByLabel(/^実施期限/).fill(`${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`);
	await page.getByLabel(J("reg.plan.f.owner")).fill("総務部 山本");
	await page.evaluate(() => window.scrollTo(0, document.querySelector("#f-current").getBoundingClientRect().top + window.scrollY - 60));
	await shot(page, "plan-form");
	await go(page, page.getByRole("button", { name: J("reg.add_submit"), exact: true }).click());
	assert.ok(await page.getByText(J("reg.added")).isVisible());
	const f = await facts(page);
	assert.equal(f[J("reg.plan.f.points")], "9");
	assert.equal(f[J("reg.plan.f.priority")], "A（最優先）");
	await checkPage(page, "plan row");
	await page.goto(st.plan);
	await checkPage(page, "plan, one row");
	await shot(page, "plan-list", { fullPage: true });
});

test("j. the regulations review: the twelve areas at once, one marked newly written", { timeout: TEST_MS }, async () => {
	await page.goto(`${srv.base}/o/${st.org}`);
	await go(page, page.locator("li.reg-card").getByRole("link", { name: J("reg.regulations.title") }).click());
	await page.getByRole("heading", { level: 1, name: J("reg.regulations.title") }).waitFor();
	st.regs = page.url().replace(/\?.*$/, "");
	const starters = page.locator("section.starters");
	const boxes = starters.locator("input[type=checkbox]");
	assert.equal(await boxes.count(), 12);
	assert.ok(await starters.getByText("社外で働くときの端末、通信、書類の扱い。").isVisible(), "each area says what it covers");
	await checkPage(page, "regulations, empty");
	assert.equal(await starters.locator("input[type=checkbox]:checked").count(), 12, "all twelve offered ticked");
	await go(page, starters.getByRole("button", { name: J("reg.starters_add") }).click());
	assert.ok(await page.getByText(fill(J("reg.started"), 12)).isVisible());
	assert.equal(await page.locator("table.reg-table tbody tr").count(), 12);
	// all twelve there: nothing more to add
	assert.equal(await page.getByRole("link", { name: what("reg.add", J("reg.regulations.one")) }).count(), 0);
	assert.equal(await page.locator("details.reg-import").count(), 0);
	await checkPage(page, "regulations, twelve areas");
	await go(page, page.getByRole("link", { name: "アクセス制御及び認証", exact: true }).click());
	await go(page, page.getByRole("link", { name: J("reg.edit_button") }).click());
	assert.ok(await page.getByText("だれに何を使わせるか、本人であることをどう確かめるか。").isVisible(), "what the area covers");
	await page.getByLabel(J("reg.regulations.f.status")).selectOption({ label: "新規に作成した(作成予定)" });
	await page.getByLabel(/^規程の名前/).fill("アクセス管理規程 第1版");
	await page.getByLabel(J("reg.regulations.f.owner")).fill("総務部 山本");
	await checkPage(page, "regulation edit form");
	await shot(page, "regulations-form", { fullPage: true });
	await go(page, page.getByRole("button", { name: J("form.save"), exact: true }).click());
	assert.ok(await page.getByText(J("form.saved")).isVisible());
	assert.equal((await facts(page))[J("reg.regulations.f.status")], "新規に作成した(作成予定)");
	await page.goto(`${st.regs}?status=new`);
	assert.deepEqual(await page.locator("table.reg-table tbody tr td a").allTextContents(), ["アクセス制御及び認証"]);
	await page.goto(st.regs);
	await checkPage(page, "regulations list");
	await page.setViewportSize({ width: 1280, height: 900 });
	await shot(page, "regulations-list", { fullPage: true });
	// and on a phone
	const phone = await newContext(MOBILE);
	try {
		const p = await phone.newPage();
		await signIn(p);
		for (const [url, name] of [[st.regs, "regulations-list-mobile"], [st.risks, "risks-list-mobile"], [st.plan, "plan-list-mobile"], [`${st.plan}/new`, "plan-form-mobile"]]) {
			await p.goto(url);
			await shot(p, name, { fullPage: true });
		}
	} finally {
		await phone.close();
	}
});
