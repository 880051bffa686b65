// The diagnosis as people see it: Debian's chromium, driven by
// playwright-core, against a real mamori server (MAMORI_BIN) with its own
// temporary SQLite database.
//
//   a. the first admin signs up through /setup, adds an organisation,
//      opens a round and makes personal links;
//   b. an employee answers on a phone, leaves half-way, comes back to the
//      same link and finds the earlier answers (autosave), then finishes;
//   c. an executive answers through the shared link (and two more people
//      answer over plain HTTP, so the company mean needs real rounding);
//   d. the admin reads the results: score, band, charts, first actions;
//   e. pressing 次へ with unanswered items shows the error beside them;
//   f. the header link switches the interface to English;
//   g. the admin closes the round and downloads the PDF and XLSX report;
//   h. the basic policy from the template to a public page and back,
//      its versions and what changed between them;
//   i. the other pages an admin opens: members, audit log, account, users.
//
// Every page the flow reaches is checked on a phone (390×844) and a
// desktop (1280×900), with its closed sections opened too: axe-core finds
// no accessibility violation, and nothing is wider than the phone.
// Screenshots go to tests/browser/shots/*.png (git-ignored).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { startServer, Client, answerAll, top } from "../http/lib.mjs";
import { POINTS, score, meanTenths, showTenths } from "./lib.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const shots = join(here, "shots");
mkdirSync(shots, { recursive: true });

const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu",
	"--disable-background-networking", "--disable-component-update",
	"--no-first-run", "--disable-quic", "--disable-sync"];
// Under ASan every request is several times slower: be generous, but
// never unbounded.
const STEP_MS = 30_000;
const TEST_MS = 240_000;

// axe-core, put into each page by evaluating its source: devtools
// evaluation is not subject to the page's CSP (no inline scripts).
const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const SIZES = [["phone", { width: 390, height: 844 }], ["desktop", { width: 1280, height: 900 }]];
const checked = [];	// what checkPage looked at, for the log

const DESKTOP = { viewport: { width: 1280, height: 900 }, locale: "ja-JP" };
const MOBILE = {
	viewport: { width: 390, height: 844 }, deviceScaleFactor: 2,
	isMobile: true, hasTouch: true, locale: "ja-JP",
	userAgent: "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) " +
	    "AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 " +
	    "Mobile/15E148 Safari/604.1",
};

// Texts the user reads (content/i18n/ui.yaml and the content packs).
const ui = {};
for (const line of readFileSync(join(top, "content/i18n/ui.yaml"), "utf8").split("\n")) {
	const m = line.match(/^([a-z0-9_.]+): \{ja: "((?:[^"\\]|\\.)*)", en: "((?:[^"\\]|\\.)*)"\}/);
	if (m) ui[m[1]] = { ja: m[2].replace(/\\"/g, '"'), en: m[3].replace(/\\"/g, '"') };
}
const J = (k) => { assert.ok(ui[k], `ui.yaml has ${k}`); return ui[k].ja; };
const E = (k) => { assert.ok(ui[k], `ui.yaml has ${k}`); return ui[k].en; };
// A field's label with its limit after it: "会社名（40文字まで）".
const limited = (label) => new RegExp(`^${label}${J("form.limit").replace(/[()（）]/g, "\\$&").replace("{1}", "\\d+")}$`);
const fill = (s, a, b) => s.replace("{1}", String(a)).replace("{2}", String(b));

const TITLE = "情報セキュリティ自社診断（25項目）";
const ANSWER_LABEL = { yes: "実施している", partly: "一部実施している",
	no: "実施していない", unknown: "わからない" };
const BANDS = [	// lowest score in tenths, label (self25.yaml)
	[1000, "しっかり守れています"], [700, "おおむね守れています"],
	[500, "改善が必要です"], [-250, "早急な対策が必要です"]];
// The first inexpensive measure of item n (self25.yaml, ja).
const PACK = readFileSync(join(top, "content/diagnosis/self25.yaml"), "utf8");
const firstMeasure = (n) => PACK.slice(PACK.indexOf(`\n      - id: ${n}\n`))
    .match(/measures:\n\s+ja:\n\s+- "([^"]+)"/)[1];
const PARTS = [[1, 5], [6, 18], [19, 25]];

// The answers each person gives.  Four people whose scores add up to
// 205: the mean 51.25 must show as 51.3 (half away from zero).
const Y = "yes", Pa = "partly", N = "no", U = "unknown";
const SATO = [Y, Pa, N, U, Y, Pa, Pa, Y, N, U, Pa, Y, N, Pa, Y, U, Pa, N,
	Y, Pa, N, U, Pa, Y, N];
const EXEC = [Y, Y, Y, Y, Y, Y, Y, Y, Y, Pa, Y, Y, Y, Y, Y, Pa, Y, Y,
	Y, Y, Pa, Y, Y, Y, Y];
const SUZUKI = [Y, Pa, Pa, Y, N, Pa, Y, Pa, N, N, Pa, Y, U, Pa, Pa, N, Y, Pa,
	Pa, N, Pa, Y, U, N, Pa];
const ITO = [Pa, Y, N, U, Pa, N, Pa, Y, Pa, U, N, Pa, N, Pa, Y, U, N, Pa,
	N, Pa, N, U, Pa, Pa, U];


let srv, browser, admin, adminPage;
const st = {};	// what one step hands to the next

function withTimeout(p, ms, what) {
	let t;
	return Promise.race([p, new Promise((_, rej) => {
		t = setTimeout(() => rej(new Error(`${what}: timed out after ${ms} ms`)), ms);
	})]).finally(() => clearTimeout(t));
}

async function newContext(opts) {
	const ctx = await browser.newContext(opts);
	ctx.setDefaultTimeout(STEP_MS);
	ctx.setDefaultNavigationTimeout(STEP_MS);
	return ctx;
}

async function shot(page, name, opts = {}) {
	await page.screenshot({ path: join(shots, `${name}.png`), ...opts });
}

// Nothing may stick out sideways on a phone, and no table is cut off
// (scrolls inside its box).
async function noSidewaysScroll(page, what) {
	const w = await page.evaluate(() => ({
		doc: document.documentElement.scrollWidth,
		view: window.innerWidth,
		wide: [...document.querySelectorAll("body *")]
			.filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1)
			.slice(0, 5).map((e) => `${e.tagName.toLowerCase()}.${e.className}`),
		cut: [...document.querySelectorAll(".table-wrap")]
			.filter((e) => e.scrollWidth > e.clientWidth + 1)
			.map((e) => `${e.querySelector("th")?.textContent}: ${e.scrollWidth}px in ${e.clientWidth}px`),
	}));
	assert.ok(w.doc <= w.view, `${what}: page is ${w.doc}px wide in a ${w.view}px viewport (${w.wide.join(", ")})`);
	assert.deepEqual(w.cut, [], `${what}: tables cut off sideways`);
}

// axe-core's violations on the page as it is now, one line each.
async function axeViolations(page) {
	if (!await page.evaluate(() => typeof window.axe === "object"))
		await page.evaluate(AXE);
	const res = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
	return res.violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n` +
	    v.nodes.slice(0, 5).map((n) => `      ${n.target.join(" ")}: ` +
	    n.failureSummary.replace(/\s+/g, " ")).join("\n"));
}

// The page as it is, at phone and desktop size, with its closed
// <details> as they are and then opened: no axe-core violation, and
// nothing wider than the phone.  Puts back the viewport and the details.
async function checkPage(page, what) {
	const before = page.viewportSize();
	const problems = [];
	try {
		for (const [size, vp] of SIZES) {
			await page.setViewportSize(vp);
			for (const open of [false, true]) {
				const n = open ? await page.evaluate(() => {
					const closed = [...document.querySelectorAll("details:not([open])")];
					closed.forEach((d) => { d.open = true; d.dataset.testOpened = "1"; });
					return closed.length;
				}) : 1;
				if (n === 0)
					continue;
				const at = `${what} (${size}${open ? ", details open" : ""})`;
				for (const v of await axeViolations(page))
					problems.push(`${at}: ${v}`);
				if (size === "phone")
					await noSidewaysScroll(page, at).catch((e) => problems.push(e.message));
			}
			await page.evaluate(() => document.querySelectorAll("details[data-test-opened]")
			    .forEach((d) => { d.open = false; delete d.dataset.testOpened; }));
		}
	} finally {
		await page.setViewportSize(before);
	}
	checked.push(what);
	assert.deepEqual(problems, [], `${what}:\n${problems.join("\n")}`);
}

// Tap one answer (its label's text, as a thumb does) on the respondent
// form and wait until autosave stored it.
async function tapAnswer(page, item, value) {
	const item_ = page.locator(`#item-${item}`);
	const text = item_.locator("label.answer").getByText(ANSWER_LABEL[value], { exact: true });
	await text.waitFor();
	const [res] = await Promise.all([
		page.waitForResponse((r) => r.request().method() === "POST" &&
		    (r.request().postData() || "").includes("autosave=1") &&
		    (r.request().postData() || "").includes(`q${item}=${value}`)),
		text.tap(),
	]);
	assert.equal(res.status(), 200, `autosave of q${item}`);
	const radio = item_.getByRole("radio", { name: ANSWER_LABEL[value], exact: true });
	assert.ok(await radio.isChecked(), `q${item} checked`);
	assert.equal(await radio.getAttribute("value"), value);
}

async function progressText(page) {
	return (await page.locator("#progress-text").textContent()).trim();
}

async function expectStep(page, step, answered) {
	const want = `${fill(J("resp.step"), step, 3)} · ${fill(J("resp.count"), answered, 25)}`;
	await page.locator("#progress-text", { hasText: want }).waitFor();
	assert.equal(await progressText(page), want);
}

// Answer items from..to of the answers a on the current step by tapping.
async function answerRange(page, a, from, to) {
	for (let i = from; i <= to; i++)
		await tapAnswer(page, i, a[i - 1]);
}

async function press(page, name) {
	await Promise.all([
		page.waitForNavigation({ waitUntil: "load" }),
		page.getByRole("button", { name, exact: true }).tap(),
	]);
}

// The personal link shown on the round page for the person called name.
async function personalLink(page, name) {
	const card = page.locator("ul.cards > li").filter({ hasText: name });
	await card.first().waitFor();
	return (await card.locator("code.secret").textContent()).trim();
}

async function makeLink(page, role, name) {
	await page.locator("#f-role").selectOption({ label: role });
	await page.locator("#f-name").fill(name);
	await Promise.all([page.waitForNavigation(),
		page.getByRole("button", { name: J("round.add_link") }).click()]);
	return personalLink(page, name);
}

before(async () => {
	srv = await startServer();
	browser = await withTimeout(chromium.launch({
		executablePath: CHROMIUM, args: ARGS, timeout: STEP_MS }), STEP_MS,
	"chromium launch");
	admin = await newContext(DESKTOP);
	adminPage = await admin.newPage();
}, { timeout: 60_000 });

after(async () => {
	await browser?.close().catch(() => {});
	if (srv) {
		const code = await srv.stop();
		// The ASan build reports leaks and errors on exit.
		assert.ok(!/ERROR: (Address|Leak)Sanitizer|runtime error:/.test(srv.stderr()),
		    "sanitizer report:\n" + srv.stderr().slice(-3000));
		assert.equal(code, 0, "server exit status");
	}
}, { timeout: 60_000 });

test("a. admin: first account, organisation, round, personal links", { timeout: TEST_MS }, async () => {
	const page = adminPage;
	await page.goto(srv.setup);
	await page.getByRole("heading", { level: 1, name: J("setup.title") }).waitFor();
	await checkPage(page, "setup");
	await page.getByLabel(J("account.email"), { exact: true }).fill("admin@example.jp");
	await page.getByLabel(J("account.password_new"), { exact: true }).fill("correct horse battery");
	await page.getByLabel(J("account.password_again"), { exact: true }).fill("correct horse battery");
	await Promise.all([page.waitForNavigation(),
		page.getByRole("button", { name: J("account.create") }).click()]);
	await page.getByRole("heading", { level: 1, name: J("home.title") }).waitFor();
	assert.ok(await page.getByText(J("home.none_admin")).isVisible());
	await checkPage(page, "home, no organisation");

	await page.getByRole("link", { name: J("org.new") }).click();
	await page.getByRole("heading", { level: 1, name: J("org.new") }).waitFor();
	await checkPage(page, "new organisation");
	await page.getByLabel(J("org.name")).fill("さくら精機株式会社");
	await page.getByLabel(J("org.industry")).selectOption({ label: "製造業" });
	await page.getByLabel(J("org.employees")).selectOption({ label: "21〜50人" });
	await page.getByLabel(J("org.capital")).selectOption({ label: "1,000万円以上5,000万円以下" });
	await page.getByLabel(J("org.prefecture")).selectOption({ label: "愛知県" });
	const yesno = async (start, answer) => {
		const group = page.locator("fieldset").filter({
			has: page.locator("legend", { hasText: start }) });
		await group.getByLabel(answer, { exact: true }).check();
	};
	await yesno("仕事でパソコンを2台以上", J("form.yes"));
	await yesno("パソコンやシステムが丸1日止まっても", J("form.no"));
	await yesno("お客様や取引先が", J("form.yes"));
	await Promise.all([page.waitForNavigation(),
		page.getByRole("button", { name: J("org.create"), exact: true }).click()]);
	assert.match(page.url(), /\/o\/\d+$/);
	assert.equal((await page.locator("p.org-name").textContent()).trim(), "さくら精機株式会社");
	await page.getByRole("heading", { level: 1, name: J("round.list_title") }).waitFor();
	st.org = page.url();
	await checkPage(page, "organisation, no rounds");

	await page.getByLabel(J("round.title")).fill("2025年度 第1回");
	await Promise.all([page.waitForNavigation(),
		page.getByRole("button", { name: J("round.open") }).click()]);
	assert.match(page.url(), /\/o\/\d+\/rounds\/\d+$/);
	st.round = page.url();
	await page.getByRole("heading", { level: 1, name: "2025年度 第1回" }).waitFor();
	assert.ok(await page.getByText(J("round.no_respondents")).isVisible());
	await checkPage(page, "new round");
	st.shared = (await page.locator("section.panel").filter({
		has: page.getByRole("heading", { name: J("round.shared") }) })
		.locator("code.secret").textContent()).trim();
	assert.match(st.shared, /^http:\/\/127\.0\.0\.1:\d+\/s\/\S+$/);

	st.sato = await makeLink(page, J("resp.role.employee"), "佐藤");
	st.suzuki = await makeLink(page, J("resp.role.manager"), "鈴木");
	st.ito = await makeLink(page, J("resp.role.employee"), "伊藤");
	for (const l of [st.sato, st.suzuki, st.ito])
		assert.match(l, /^http:\/\/127\.0\.0\.1:\d+\/r\/\S+$/);
	assert.equal(new Set([st.sato, st.suzuki, st.ito]).size, 3, "links differ");
	// Every personal link has its QR code, and the image loads.
	const qr = page.locator("ul.cards > li").filter({ hasText: "佐藤" }).locator("a.qr img");
	assert.ok(await qr.evaluate((img) => img.complete && img.naturalWidth > 0), "QR image loads");
	const card = page.locator("ul.cards > li").filter({ hasText: "佐藤" });
	assert.ok(await card.getByText(J("resp.role.employee"), { exact: true }).isVisible());
	assert.ok(await card.getByText("0 / 25").isVisible());
	await checkPage(page, "round with links");
	await shot(page, "round", { fullPage: true });
});

test("b. employee on a phone: steps, explanation, leave and resume, finish", { timeout: TEST_MS }, async () => {
	assert.ok(st.sato, "needs the link from a.");
	let ctx = await newContext(MOBILE);
	try {
		let page = await ctx.newPage();
		await page.goto(st.sato);
		await page.getByRole("heading", { level: 1, name: TITLE }).waitFor();
		// whose questionnaire this is, and who will see the answers
		assert.equal((await page.locator("p.org-name").textContent()).trim(), "さくら精機株式会社");
		assert.equal((await page.locator("p.round-name").textContent()).trim(), "2025年度 第1回");
		assert.ok(await page.locator("#privacy").getByText(J("resp.privacy.members")).isVisible());
		await expectStep(page, 1, 0);
		assert.ok(await page.getByRole("heading", { level: 2, name: "基本的な対策" }).isVisible());
		assert.equal(await page.locator("fieldset.item").count(), 5);
		assert.ok(await page.getByText(J("resp.resume")).isVisible());
		await checkPage(page, "respondent, step 1");

		// What the answers mean, once a step.
		const guide = page.locator("details").filter({
			has: page.locator("summary", { hasText: J("resp.guide") }) });
		assert.equal(await guide.count(), 1);
		await guide.locator("summary").tap();
		assert.ok(await guide.getByText("できているかどうか、自分では判断できないときに選びます。").isVisible());
		await guide.locator("summary").tap();

		// Why does item 1 matter?  Tap to open the explanation.
		const why = page.locator("#item-1 details.explain");
		assert.equal(await why.getAttribute("open"), null);
		assert.equal((await why.locator("summary").textContent()).trim(), J("resp.why"));
		assert.ok(J("resp.why").startsWith("なぜ大切？"));
		await why.locator("summary").tap();
		await page.waitForFunction(() => document.querySelector("#item-1 details.explain").open);
		assert.ok(await why.getByText("古いソフトには、攻撃する側に知られた弱点").isVisible());
		assert.ok(await why.getByText(J("resp.measures")).isVisible());
		assert.ok(await why.getByText("自動更新をオンにします").first().isVisible());

		await answerRange(page, SATO, 1, 2);
		await expectStep(page, 1, 2);
		await page.evaluate(() => window.scrollTo(0, 0));
		await shot(page, "respond-step1-mobile");
		await answerRange(page, SATO, 3, 5);
		await expectStep(page, 1, 5);
		assert.equal(await page.locator("#progress-bar").getAttribute("value"), "5");
		await press(page, J("resp.next"));
		assert.match(page.url(), /\?part=2$/);
		await expectStep(page, 2, 5);
		assert.equal(await page.locator("fieldset.item").count(), 13);
		await answerRange(page, SATO, 6, 9);
		await expectStep(page, 2, 9);

		// Leave half-way: close the page (and the whole browser profile).
		await page.close();
		await ctx.close();
		ctx = await newContext(MOBILE);
		page = await ctx.newPage();
		await page.goto(st.sato);
		await expectStep(page, 2, 9);
		for (let i = 6; i <= 18; i++) {
			const checked = await page.locator(`#item-${i} input:checked`).count();
			if (i <= 9) {
				assert.ok(await page.locator(`#item-${i} input[value=${SATO[i - 1]}]`).isChecked(),
				    `q${i} still ${SATO[i - 1]} after coming back`);
				assert.equal(checked, 1);
			} else
				assert.equal(checked, 0, `q${i} not answered yet`);
		}
		// Step 1 kept its answers too.
		await press(page, J("resp.prev"));
		assert.match(page.url(), /\?part=1$/);
		await expectStep(page, 1, 9);
		for (let i = 1; i <= 5; i++)
			assert.ok(await page.locator(`#item-${i} input[value=${SATO[i - 1]}]`).isChecked(), `q${i}`);
		await press(page, J("resp.next"));
		await expectStep(page, 2, 9);

		await answerRange(page, SATO, 10, 13);
		await page.locator("#item-12").scrollIntoViewIfNeeded();
		await page.evaluate(() => window.scrollBy(0, -120));
		await shot(page, "respond-step2-mobile");
		await checkPage(page, "respondent, step 2");
		await answerRange(page, SATO, 14, 18);
		await expectStep(page, 2, 18);
		await press(page, J("resp.next"));
		assert.match(page.url(), /\?part=3$/);
		await expectStep(page, 3, 18);
		assert.equal(await page.locator("fieldset.item").count(), 7);
		await checkPage(page, "respondent, step 3");
		await answerRange(page, SATO, 19, 25);
		assert.equal(await page.getByRole("button", { name: J("resp.next") }).count(), 0);
		await press(page, J("resp.finish"));
		await page.getByRole("heading", { level: 1, name: J("resp.thanks") }).waitFor();
		const finished = page.url();
		assert.equal(new URL(finished).search, "", "the finished page is the bare link");
		assert.ok(await page.getByText(J("resp.thanks_help")).isVisible());
		assert.equal(await page.locator("#progress-text").count(), 0, "no progress left over");
		// Sato's own score and band, worked out here
		const own = score(SATO);
		assert.equal((await page.locator("#own-score .score-num").textContent()).trim(), `${own}.0`);
		assert.equal((await page.locator("#own-score .band-label").textContent()).trim(),
		    BANDS.find(([min]) => own * 10 >= min)[1]);
		// three weakest: lowest points, then "don't know", then number
		const weakest = SATO.map((a, i) => ({ i: i + 1, p: POINTS[a], u: a === "unknown" }))
		    .sort((x, y) => x.p - y.p || y.u - x.u || x.i - y.i).slice(0, 3);
		const items = page.locator("#own-first > li");
		assert.equal(await items.count(), 3);
		for (let k = 0; k < 3; k++) {
			assert.equal((await items.nth(k).locator(".fa-no").textContent()).trim(), `No.${weakest[k].i}`);
			assert.equal((await items.nth(k).locator(".fa-measure").textContent()).trim(), firstMeasure(weakest[k].i));
			assert.ok(await items.nth(k).locator(".fa-measure").isVisible());
		}
		assert.ok(await page.getByRole("link", { name: J("resp.review") }).isVisible());
		await checkPage(page, "thank-you page");
		await shot(page, "thanks-mobile");
		await shot(page, "finished-mobile", { fullPage: true });
		// Back: step 3 at its own address, the answers in place
		await page.goBack();
		assert.match(page.url(), /\?part=3$/);
		await expectStep(page, 3, 25);
		for (let i = 19; i <= 25; i++)
			assert.ok(await page.locator(`#item-${i} input[value=${SATO[i - 1]}]`).isChecked(), `q${i} after Back`);
		await page.goBack();
		assert.match(page.url(), /\?part=2$/);
		await expectStep(page, 2, 25);
		await page.goForward();
		await page.goForward();
		assert.equal(page.url(), finished);
		await page.getByRole("heading", { level: 1, name: J("resp.thanks") }).waitFor();
	} finally {
		await ctx.close();
	}
});

test("c. executive through the shared link; two more answer over HTTP", { timeout: TEST_MS }, async () => {
	assert.ok(st.shared, "needs the links from a.");
	const ctx = await newContext(MOBILE);
	try {
		const page = await ctx.newPage();
		await page.goto(st.shared);
		await page.getByRole("heading", { level: 1, name: TITLE }).waitFor();
		assert.ok(await page.getByText(J("resp.pick_role")).isVisible());
		for (const r of ["executive", "manager", "employee"])
			assert.ok(await page.getByText(J(`resp.role_hint.${r}`)).isVisible());
		await checkPage(page, "shared link");
		await page.locator("label.answer").filter({ hasText: J("resp.role.executive") }).tap();
		assert.ok(await page.locator("input[name=role][value=executive]").isChecked());
		await shot(page, "shared-role-mobile");
		await press(page, J("resp.start"));
		assert.match(page.url(), /\/r\/[^/?]+\?part=1$/);
		st.execLink = page.url().replace(/\?part=1$/, "");
		await expectStep(page, 1, 0);
		for (let p = 0; p < 3; p++) {
			await answerRange(page, EXEC, PARTS[p][0], PARTS[p][1]);
			await press(page, J(p < 2 ? "resp.next" : "resp.finish"));
		}
		await page.getByRole("heading", { level: 1, name: J("resp.thanks") }).waitFor();
		// Opening the shared link again on this phone goes back to the
		// same answers, not to a new respondent.
		await page.goto(st.shared);
		assert.equal(page.url(), st.execLink);
		await page.getByRole("heading", { level: 1, name: J("resp.thanks") }).waitFor();
	} finally {
		await ctx.close();
	}
	for (const [link, a] of [[st.suzuki, SUZUKI], [st.ito, ITO]]) {
		const c = new Client(srv.base);
		const res = await answerAll(c, new URL(link).pathname, a);
		assert.equal(res.status, 303);
	}
});

test("d. admin reads the results", { timeout: TEST_MS }, async () => {
	assert.ok(st.round, "needs the round from a.");
	const page = adminPage;
	const scores = [SATO, EXEC, SUZUKI, ITO].map(score);
	const tenths = meanTenths(scores);
	const expected = showTenths(tenths);
	assert.equal(expected, "51.3", "the test data is a rounding case");
	const band = BANDS.find(([min]) => tenths >= min)[1];

	await page.goto(st.round);
	assert.ok(await page.getByText(`${J("round.answered")} 4 / 4`).isVisible());
	await checkPage(page, "round with answers");
	await Promise.all([page.waitForNavigation(),
		page.getByRole("link", { name: J("results.view") }).click()]);
	assert.match(page.url(), /\/results$/);
	st.results = page.url();
	await page.getByRole("heading", { level: 1, name: J("results.title") }).waitFor();
	assert.ok(await page.getByText(J("results.still_open")).isVisible());
	await checkPage(page, "results");

	const card = page.locator("section.score-card");
	assert.ok(await card.getByRole("heading", { name: J("results.company_score") }).isVisible());
	assert.equal((await card.locator(".score-num").textContent()).trim(), expected);
	assert.ok(await card.getByText(J("results.of_100")).isVisible());
	assert.equal((await card.locator(".band-label").textContent()).trim(), band);
	assert.ok(await card.getByText(fill(J("results.respondents_n"), 4, 0)).isVisible());

	const charts = page.locator("svg[role=img]");
	assert.ok(await charts.count() >= 1, "at least one chart");
	assert.ok(await page.locator("svg#radar-parts, #radar-parts svg, svg[role=img]").first().isVisible());
	const box = await charts.first().boundingBox();
	assert.ok(box && box.width > 200 && box.height > 150, `chart has a size: ${JSON.stringify(box)}`);

	await page.getByRole("heading", { level: 2, name: J("results.first_actions") }).waitFor();
	const actions = page.locator("ol.first-actions > li");
	assert.equal(await actions.count(), 5);
	// One numbered list, each measure readable without opening anything,
	// nothing sitting on anything else at common desktop widths.
	for (const width of [1024, 1366, 390]) {
		await page.setViewportSize({ width, height: 900 });
		const boxes = [];
		for (const li of await actions.all()) {
			assert.ok(await li.locator(".fa-measure").isVisible(), `measure shown at ${width}`);
			assert.doesNotMatch((await li.locator(".fa-head").innerText()).trim(), /^\d+\./, "numbered once");
			boxes.push(await li.boundingBox());
			const head = await li.locator(".fa-head").boundingBox();
			const list = await page.locator("ol.first-actions").boundingBox();
			assert.ok(head.x >= list.x, `the heading starts inside the list at ${width}`);
		}
		for (let i = 1; i < boxes.length; i++)
			assert.ok(boxes[i].y >= boxes[i - 1].y + boxes[i - 1].height - 1, `items ${i} and ${i + 1} do not overlap at ${width}`);
		await page.locator("ol.first-actions").screenshot({ path: join(shots, `first-actions-${width}.png`) });
	}
	await page.setViewportSize({ width: 1280, height: 900 });
	// The long sections wait behind a one-line summary of what is in
	// them: the items, the people, the gaps.
	const more = page.locator("details.more");
	assert.equal(await more.count(), 3, "items, people and gaps (no peers while open)");
	for (const d of await more.all()) {
		assert.equal(await d.getAttribute("open"), null, "closed at first");
		assert.ok(await d.locator(":scope > summary").isVisible());
		assert.equal(await d.locator("table").first().isVisible(), false, "the table waits");
	}
	assert.equal((await page.locator("details.people > summary").innerText()).trim(),
	    `${fill(J("results.people_summary"), 4, 0)} — ${J("resp.role.executive")} 1 · ` +
	    `${J("resp.role.manager")} 1 · ${J("resp.role.employee")} 2`);
	assert.match(await page.locator("details.items > summary").innerText(), new RegExp(`^${fill(J("results.items_summary"), 25, 3)}`));
	// The executive saw more in place than the staff did.
	await page.getByRole("heading", { level: 2, name: J("results.gap") }).waitFor();
	assert.ok(await page.getByText(J("results.gap_help")).isVisible());
	const gapSummary = page.locator("details.gaps > summary");
	assert.match(await gapSummary.innerText(), new RegExp(`^${fill(J("results.gap_summary"), 5, 0)} — ${J("results.gap_top")} \\d+\\. `));
	await gapSummary.click();
	assert.ok(await page.getByText(J("results.exec_higher")).first().isVisible());
	// Each person's score, names visible to the admin.
	const people = page.locator("table").filter({ has: page.locator("th", { hasText: J("results.score") }) });
	const rows = [];
	for (const tr of await people.locator("tbody tr").all())
		rows.push((await tr.locator("td").allTextContents()).map((t) => t.trim()));
	assert.equal(rows.length, 4);
	// # | position | name | score | three parts
	for (const [role, name, a] of [["employee", "佐藤", SATO], ["executive", "", EXEC],
	    ["manager", "鈴木", SUZUKI], ["employee", "伊藤", ITO]]) {
		const row = rows.find((r) => r[2] === name && r[1] === J(`resp.role.${role}`));
		assert.ok(row, `a row for ${name || role}: ${JSON.stringify(rows)}`);
		assert.equal(row[3], String(score(a)), `score of ${name || role}`);
	}
	await shot(page, "results", { fullPage: true });
	// Score, first actions and the parts chart: the picture for the README.
	const chartEnd = await page.evaluate(() => Math.ceil(
	    document.querySelector(".chart").getBoundingClientRect().bottom + window.scrollY + 16));
	await shot(page, "results-top", { fullPage: true, clip: { x: 0, y: 0, width: 1280, height: chartEnd } });

	const state = await admin.storageState();
	const ctx = await newContext({ ...MOBILE, storageState: state });
	try {
		const m = await ctx.newPage();
		await m.goto(st.results);
		await m.getByRole("heading", { level: 1, name: J("results.title") }).waitFor();
		assert.equal((await m.locator(".score-num").textContent()).trim(), expected);
		await shot(m, "results-mobile-top");
		// The first screen: score, band and the first actions begin.
		for (const sel of [".score-num", ".band-label", "ol.first-actions"]) {
			const b = await m.locator(sel).first().boundingBox();
			assert.ok(b && b.y < 844, `${sel} on the first screen of a phone: ${JSON.stringify(b)}`);
		}
		await checkPage(m, "results on a phone");
		// Tables as stacked rows, each cell labelled with its column.
		await m.evaluate(() => document.querySelectorAll("details").forEach((d) => { d.open = true; }));
		const tables = await m.evaluate(() => [...document.querySelectorAll("main table")].map((t) => ({
			head: [...t.querySelectorAll("thead th")].map((th) => th.textContent),
			rows: [...t.querySelectorAll("tbody tr")].map((tr) => [...tr.children].map((td) => td.dataset.label)),
			row: getComputedStyle(t.querySelector("tbody tr")).display,
			headShown: t.querySelector("thead").getBoundingClientRect().height > 2,
			before: getComputedStyle(t.querySelector("tbody td"), "::before").content,
		})));
		assert.equal(tables.length, 6, "parts, gaps, 3 item tables, people");
		for (const t of tables) {
			assert.ok(t.head.every((h) => h.trim() !== ""), `every column has a heading: ${t.head}`);
			for (const r of t.rows)
				assert.deepEqual(r, t.head, "each cell carries its column's heading");
			assert.equal(t.row, "block", `${t.head[0]}: rows stacked on a phone`);
			assert.equal(t.headShown, false, "the heading row is left to screen readers");
			assert.equal(t.before, JSON.stringify(t.head[0]), "the label shows before the cell");
		}
		await shot(m, "results-mobile-open", { fullPage: true });
		await m.evaluate(() => document.querySelectorAll("details").forEach((d) => { d.open = false; }));
		await shot(m, "results-mobile", { fullPage: true });
	} finally {
		await ctx.close();
	}
});

test("e. 次へ with unanswered items shows the error beside them", { timeout: TEST_MS }, async () => {
	assert.ok(st.round, "needs the round from a.");
	await adminPage.goto(st.round);
	const link = await makeLink(adminPage, J("resp.role.manager"), "高橋");
	const ctx = await newContext(MOBILE);
	try {
		const page = await ctx.newPage();
		await page.goto(link);
		await expectStep(page, 1, 0);
		await tapAnswer(page, 1, "partly");
		await tapAnswer(page, 3, "unknown");
		const [res] = await Promise.all([
			page.waitForResponse((r) => r.request().method() === "POST" &&
			    r.request().resourceType() === "document"),
			page.getByRole("button", { name: J("resp.next"), exact: true }).tap(),
		]);
		assert.equal(res.status(), 422, "a form shown again with its errors");
		await page.waitForLoadState("load");
		await page.getByText(J("resp.err.summary")).waitFor();
		await expectStep(page, 1, 2);
		for (const i of [2, 4, 5]) {
			const item = page.locator(`#item-${i}`);
			assert.match(await item.getAttribute("class"), /item-missing/);
			const msg = item.locator("p.field-msg");
			assert.equal((await msg.textContent()).trim(), J("resp.err.missing"));
			assert.ok(await msg.isVisible());
			assert.equal(await item.getAttribute("aria-describedby"), await msg.getAttribute("id"));
			assert.equal(await item.locator("input:checked").count(), 0);
		}
		for (const [i, v] of [[1, "partly"], [3, "unknown"]]) {
			const item = page.locator(`#item-${i}`);
			assert.doesNotMatch(await item.getAttribute("class"), /item-missing/);
			assert.equal(await item.locator("p.field-msg").count(), 0);
			assert.ok(await item.locator(`input[value=${v}]`).isChecked(), `q${i} kept`);
		}
		await checkPage(page, "missing answers");
		await page.locator("#item-2").scrollIntoViewIfNeeded();
		await shot(page, "missing-mobile");
		// Answering one clears its mark without reloading.
		await tapAnswer(page, 2, "yes");
		await page.waitForFunction(() => !document.querySelector("#item-2").classList.contains("item-missing"));
	} finally {
		await ctx.close();
	}
});

test("f. the header link switches to English", { timeout: TEST_MS }, async () => {
	assert.ok(st.results, "needs the results from d.");
	const page = adminPage;
	await page.goto(st.results);
	const sw = page.locator("header").getByRole("link", { name: J("nav.other_lang"), exact: true });
	await Promise.all([page.waitForNavigation(), sw.click()]);
	assert.equal(page.url(), st.results, "comes back to the same page");
	await page.getByRole("heading", { level: 1, name: E("results.title") }).waitFor();
	assert.equal(await page.locator("html").getAttribute("lang"), "en");
	assert.ok(await page.getByRole("heading", { level: 2, name: E("results.company_score") }).isVisible());
	assert.ok(await page.getByRole("heading", { level: 2, name: E("results.first_actions") }).isVisible());
	assert.equal((await page.locator(".band-label").textContent()).trim(), "Needs improvement");
	assert.ok(await page.locator("header").getByRole("link", { name: E("nav.other_lang"), exact: true }).isVisible());
	await checkPage(page, "results in English");
	await shot(page, "results-en");
	// And back to Japanese.
	await Promise.all([page.waitForNavigation(),
		page.locator("header").getByRole("link", { name: E("nav.other_lang"), exact: true }).click()]);
	await page.getByRole("heading", { level: 1, name: J("results.title") }).waitFor();
});

test("g. admin closes the round and downloads the report as PDF and Excel", { timeout: TEST_MS }, async () => {
	assert.ok(st.round && st.results, "needs the round from a. and d.");
	const page = adminPage;
	await page.goto(st.results);
	assert.ok(await page.getByText(J("report.open")).isVisible(), "an open round offers no report");
	await page.goto(st.round);
	// The button asks first: a page that says who counts and who does not.
	await Promise.all([page.waitForNavigation(),
		page.getByRole("button", { name: J("round.close_ask"), exact: true }).click()]);
	await page.getByRole("heading", { level: 1, name: J("round.close_confirm") }).waitFor();
	assert.ok(await page.getByText(fill(J("round.close_counted"), 4, 0)).isVisible());
	await checkPage(page, "close the round?");
	await page.screenshot({ path: join(shots, "round-close-confirm.png"), fullPage: true });
	await Promise.all([page.waitForNavigation(),
		page.getByRole("button", { name: J("round.close_yes"), exact: true }).click()]);
	assert.ok(await page.getByText(J("round.is_closed")).first().isVisible());
	await checkPage(page, "closed round");
	await page.goto(st.results);
	const box = page.locator("section.downloads");
	await box.getByRole("heading", { name: J("report.download") }).waitFor();
	await checkPage(page, "results of a closed round");
	await box.screenshot({ path: join(shots, "report-downloads.png") });
	const dir = mkdtempSync(join(tmpdir(), "mamori-dl-"));
	try {
		assert.ok(await box.getByText(J("report.anon_line")).isVisible());
		for (const [row, label, file, magic] of [["#dl-anon", "PDF", "r.pdf", "%PDF-"],
		    ["#dl-anon", "Excel (XLSX)", "r.xlsx", "PK"], ["#dl-names", "PDF", "named.pdf", "%PDF-"]]) {
			const [dl] = await Promise.all([page.waitForEvent("download"),
				box.locator(row).getByRole("link", { name: label, exact: true }).click()]);
			// the browser takes the UTF-8 name: company, round title, day closed
			assert.match(dl.suggestedFilename(), /^mamori-さくら精機株式会社-.+-\d{4}-\d{2}-\d{2}\.(pdf|xlsx)$/);
			const path = join(dir, file);
			await dl.saveAs(path);
			assert.equal(readFileSync(path).subarray(0, magic.length).toString(), magic);
		}
		const text = execFileSync("pdftotext", ["-layout", join(dir, "r.pdf"), "-"], { encoding: "utf8" });
		assert.ok(text.includes(J("report.title")));
		assert.ok(text.includes("さくら精機株式会社"));
		assert.ok(text.includes("51.3"), "the company score in the PDF");
		// for outside readers: numbers, not names; the internal one has them
		assert.ok(!text.includes("佐藤") && text.includes("R1"), "the PDF to hand outside names no one");
		const named = execFileSync("pdftotext", ["-layout", join(dir, "named.pdf"), "-"], { encoding: "utf8" });
		assert.ok(named.includes("佐藤"), "the internal PDF has the names");
		const wb = execFileSync("unzip", ["-p", join(dir, "r.xlsx"), "xl/workbook.xml"], { encoding: "utf8" });
		assert.match(wb, /<sheet name="概要"/);
		execFileSync("pdftoppm", ["-r", "60", "-png", "-f", "1", "-l", "2", join(dir, "r.pdf"), join(shots, "report-pdf")]);
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
});

test("h. the basic policy: template, save, approve, publish, public page, take down", { timeout: TEST_MS }, async () => {
	assert.ok(st.org, "needs the organisation from a.");
	const page = adminPage;
	await page.goto(`${st.org}/policy`);
	await page.getByRole("heading", { level: 1, name: J("policy.title") }).waitFor();
	await checkPage(page, "policy, none yet");
	await Promise.all([page.waitForNavigation(),
		page.getByRole("link", { name: J("policy.start") }).click()]);
	await checkPage(page, "policy form");
	assert.equal(await page.getByLabel(limited("会社名")).inputValue(), "さくら精機株式会社");
	await page.getByLabel(limited("代表者の役職")).fill("代表取締役");
	await shot(page, "policy-edit", { fullPage: true });
	await Promise.all([page.waitForNavigation(),
		page.getByRole("button", { name: J("policy.save") }).click()]);
	// incomplete: it says which fields are missing
	const missing = page.locator("p.missing-fields");
	assert.match(await missing.textContent(), /制定日/);
	assert.match(await missing.textContent(), /代表者の氏名/);
	await checkPage(page, "policy draft with missing fields");
	await page.getByRole("link", { name: J("policy.edit") }).click();
	await page.getByLabel("制定日", { exact: true }).fill("2025-04-01");
	await page.getByLabel(limited("代表者の氏名")).fill("桜井 誠");
	await Promise.all([page.waitForNavigation(),
		page.getByRole("button", { name: J("policy.save") }).click()]);
	assert.equal(await page.locator("p.missing-fields").count(), 0);
	await Promise.all([page.waitForNavigation(),
		page.getByRole("button", { name: fill(J("policy.approve"), 2, 0) }).click()]);
	assert.ok(await page.getByText(J("policy.approved_now")).isVisible());
	await page.getByLabel(J("policy.slug")).fill("sakura-seiki");
	await Promise.all([page.waitForNavigation(),
		page.getByRole("button", { name: J("policy.publish"), exact: true }).click()]);
	assert.ok(await page.getByText(J("policy.published_now")).isVisible());
	const url = (await page.locator("a.public-url").textContent()).trim();
	assert.match(url, /\/p\/sakura-seiki\/policy$/);
	await checkPage(page, "published policy");
	await shot(page, "policy", { fullPage: true });

	// Its versions, and what changed from the first to the second.
	await page.goto(`${st.org}/policy/versions`);
	await page.getByRole("heading", { level: 1, name: J("policy.versions") }).waitFor();
	const versions = page.locator("main table");
	assert.deepEqual((await versions.locator("thead th").allTextContents()).map((t) => t.trim()),
	    [J("policy.version"), J("policy.saved_at"), J("policy.state"), J("policy.changes_col")]);
	assert.equal(await versions.locator("tbody tr").count(), 2);
	await checkPage(page, "policy versions");
	await Promise.all([page.waitForNavigation(),
		versions.getByRole("link", { name: J("policy.changes") }).click()]);
	await page.getByRole("heading", { level: 1 }).waitFor();
	assert.ok(await page.locator("ins").count() > 0, "the added text is marked");
	await checkPage(page, "policy changes");
	await shot(page, "policy-diff", { fullPage: true });

	// Anyone, without signing in, on a phone.
	const ctx = await newContext(MOBILE);
	try {
		const pub = await ctx.newPage();
		const res = await pub.goto(url);
		assert.equal(res.status(), 200);
		await pub.getByRole("heading", { level: 1, name: "情報セキュリティ基本方針" }).waitFor();
		assert.ok(await pub.getByText("代表取締役　桜井 誠").isVisible());
		assert.equal(await pub.getByRole("heading", { level: 2 }).count(), 5);
		await checkPage(pub, "public policy");
		await shot(pub, "policy-public", { fullPage: true });
		// taken down: gone
		await page.goto(`${st.org}/policy`);
		await Promise.all([page.waitForNavigation(),
			page.getByRole("button", { name: J("policy.unpublish") }).click()]);
		assert.ok(await page.getByText(J("policy.unpublished_now")).isVisible());
		await checkPage(page, "policy taken down");
		assert.equal((await pub.goto(url)).status(), 404);
		await checkPage(pub, "public policy gone (404)");
	} finally {
		await ctx.close();
	}
});

test("i. the other pages an admin opens: members, audit log, account, users", { timeout: TEST_MS }, async () => {
	assert.ok(st.org, "needs the organisation from a.");
	const page = adminPage;
	for (const [path, what] of [[`${st.org}/members`, "members"], [`${st.org}/audit`, "audit log"],
	    ["/account", "account"], ["/admin/users", "users"], ["/admin/audit", "whole audit log"]]) {
		const res = await page.goto(new URL(path, srv.base).href);
		assert.equal(res.status(), 200, path);
		await page.getByRole("heading", { level: 1 }).waitFor();
		await checkPage(page, what);
		await shot(page, `page-${what.replace(/\W+/g, "-")}-desktop`, { fullPage: true });
	}
	console.log(`# axe-core and width checked on ${checked.length} pages: ${checked.join("; ")}`);
});
