// IT business continuity in Debian's chromium against a real mamori
// server (MAMORI_BIN):
//
//   a. three processes entered through their form (importance and
//      reliance ticked), two systems through theirs (media and processes
//      ticked): the BCP page shows the grid, a 3-2-1 gap and, once the
//      drafted recovery steps have their minutes, a miss of the target;
//   b. both put right — the system edited to pass 3-2-1, a step made
//      shorter — and the page says nothing is left to flag;
//   c. the pages on a phone;
//   d. a ransomware exercise run to the end, its follow-ups made plan
//      rows; the IT-BCP document and the emergency card downloaded, and
//      the card opened on a phone through its link (docs/img/bcp-card-
//      phone.png is a copy of that screenshot).
//
// Every page is checked on a phone (390×844) and a desktop (1280×900):
// axe-core finds no accessibility violation, nothing is wider than the
// phone.  Screenshots go to tests/browser/shots/bcp-*.png (git-ignored).
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { shots, TEST_MS, MOBILE, J, newContext, shot, checkPage, go, signIn, withCompany } from "./lib.mjs";

const st = withCompany("みどり食品株式会社");
let srv, page;
before(async () => {
	await st.ready;
	srv = st.srv;
	page = st.page;
});

const PROCESSES = [
	{ name: "受注と出荷", importance: 3, dependency: 3, reentry: 4 },	// S
	{ name: "請求と入金", importance: 3, dependency: 2, reentry: 24 },	// A
	{ name: "社内の連絡", importance: 1, dependency: 2, reentry: 48 },	// C
];

test("a. processes and systems entered by form; the page shows the grid, a 3-2-1 gap and a missed target", { timeout: TEST_MS }, async () => {
	await signIn(page);
	await page.goto(`${srv.base}/o/${st.org}/r/processes/new`);
	await checkPage(page, "process form");
	for (const p of PROCESSES) {
		await page.goto(`${srv.base}/o/${st.org}/r/processes/new`);
		await page.locator("#f-name").fill(p.name);
		await page.locator(`input[name=importance][value="${p.importance}"]`).check();
		await page.locator(`input[name=dependency][value="${p.dependency}"]`).check();
		await page.locator("#f-reentry_hours").fill(String(p.reentry));
		await go(page, page.getByRole("button", { name: J("reg.add_submit"), exact: true }).click());
	}
	const procs = (await st.api("GET", `/api/v1/orgs/${st.org}/processes`)).rows;
	assert.deepEqual(procs.map((p) => p.priority).sort(), ["a", "c", "s"]);
	st.procs = procs;

	// a system that misses 3-2-1: two copies on one kind of media
	await page.goto(`${srv.base}/o/${st.org}/r/systems/new`);
	await checkPage(page, "system form");
	await shot(page, "bcp-system-form", { fullPage: true });
	await page.goto(`${srv.base}/o/${st.org}/r/systems/new`);
	await page.locator("#f-name").fill("販売管理システム");
	await page.getByLabel(PROCESSES[0].name, { exact: true }).check();
	await page.getByLabel(PROCESSES[1].name, { exact: true }).check();
	await page.locator("#f-copies").fill("2");
	await page.locator('input[name=media][value="nas"]').check();
	await page.locator("#f-frequency_hours").fill("24");
	// (a full-page shot here would leave chromium clicking beside the
	// button: it is taken of the empty form above)
	await go(page, page.getByRole("button", { name: J("reg.add_submit"), exact: true }).click());
	// and one that passes, used by the third process
	await st.api("POST", `/api/v1/orgs/${st.org}/systems`, { name: "メール", processes: [procs.find((p) => p.priority === "c").id], copies: 3, media: ["cloud", "external_disk"], offline: 1, offsite: 1, offline_offsite: 1, frequency_hours: 24, last_restore_test: "2026-11-01", restore_result: "ok", restore_minutes: 30 });

	await page.goto(`${srv.base}/o/${st.org}/bcp`);
	await page.getByRole("heading", { level: 1, name: J("bcp.title") }).waitFor();
	const sales = page.locator("article.bcp-system", { hasText: "販売管理システム" });
	await sales.getByText(J("bcp.sys_321_no")).waitFor();
	assert.match(await sales.innerText(), /3つ|three|3/);
	// the grid counts the S cell once
	assert.equal(await page.locator("svg title", { hasText: "大切さ3・頼り具合3：S" }).count(), 1);
	assert.match(await page.locator("svg title", { hasText: "大切さ3・頼り具合3" }).textContent(), /1件/);
	// draft the steps, then give the provisional ones their minutes:
	// 60 × 5 = 300 against the S target of the first example (0 h)
	await go(page, sales.getByRole("button", { name: J("bcp.steps_add") }).click());
	const sys = (await st.api("GET", `/api/v1/orgs/${st.org}/systems`)).rows.find((s) => s.name === "販売管理システム");
	st.sys = sys;
	const steps = (await st.api("GET", `/api/v1/orgs/${st.org}/recovery`)).rows.filter((s) => s.system === sys.id && s.stage === "provisional");
	assert.equal(steps.length, 5);
	for (const s of steps)
		await st.api("PUT", `/api/v1/orgs/${st.org}/recovery/${s.id}`, { system: sys.id, stage: "provisional", step: s.step, action: s.action, owner: "情報システム担当", minutes: 60, rev: s.rev });
	// the second example gives S three hours: 300 minutes miss it by 120
	await page.goto(`${srv.base}/o/${st.org}/bcp#rto`);
	await page.locator('input[name=preset][value="ex2"]').check();
	await go(page, page.getByRole("button", { name: J("bcp.rto_save") }).click());
	await page.getByText(J("bcp.done_rto")).waitFor();
	const text = await page.locator("article.bcp-system", { hasText: "販売管理システム" }).innerText();
	assert.match(text, /120/, "the provisional steps miss the 3-hour target by 120 minutes");
	await checkPage(page, "bcp page");
	await shot(page, "bcp-page", { fullPage: true });
});

test("b. the gaps put right: the system passes 3-2-1 and a shorter plan meets the target", { timeout: TEST_MS }, async () => {
	await page.goto(`${srv.base}/o/${st.org}/r/systems/${st.sys.id}/edit`);
	await page.locator("#f-copies").fill("3");
	await page.locator('input[name=media][value="cloud"]').check();
	await page.locator("#f-offline").fill("1");
	await page.locator("#f-offsite").fill("1");
	await page.locator("#f-offline_offsite").fill("1");
	await page.locator("#f-last_restore_test").fill("2026-11-20");
	await page.locator("#f-restore_result").selectOption("ok");
	await page.locator("#f-restore_minutes").fill("90");
	await go(page, page.getByRole("button", { name: J("form.save"), exact: true }).click());
	const steps = (await st.api("GET", `/api/v1/orgs/${st.org}/recovery`)).rows.filter((s) => s.system === st.sys.id && s.stage === "provisional");
	for (const s of steps)
		await st.api("PUT", `/api/v1/orgs/${st.org}/recovery/${s.id}`, { system: st.sys.id, stage: "provisional", step: s.step, action: s.action, owner: "情報システム担当", minutes: 30, rev: s.rev });
	await page.goto(`${srv.base}/o/${st.org}/bcp`);
	const sales = page.locator("article.bcp-system", { hasText: "販売管理システム" });
	await sales.getByText(J("bcp.sys_321_ok")).waitFor();
	// a daily backup still loses more than the 4 hours the S work can re-enter
	const text = await sales.innerText();
	assert.match(text, /24/);
	const bcp = await st.api("GET", `/api/v1/orgs/${st.org}/bcp`);
	const v = bcp.systems.find((s) => s.id === st.sys.id);
	assert.deepEqual(v.warnings, ["loss"]);
	assert.equal(v.steps_minutes, 150);
	await shot(page, "bcp-fixed", { fullPage: true });
});

test("c. the BCP page and the continuity registers on a phone", { timeout: TEST_MS }, async () => {
	const mctx = await newContext(MOBILE);
	const m = await mctx.newPage();
	await signIn(m);
	await m.goto(`${srv.base}/o/${st.org}/bcp`);
	await checkPage(m, "bcp page (phone)");
	await shot(m, "bcp-phone", { fullPage: true });
	for (const id of ["processes", "systems", "rto"]) {
		await m.locator(`#${id}`).scrollIntoViewIfNeeded();
		await m.evaluate((x) => document.getElementById(x).scrollIntoView(), id);
		await shot(m, `bcp-phone-${id}`);
	}
	for (const reg of ["processes", "systems", "recovery", "contacts", "disruptions"]) {
		await m.goto(`${srv.base}/o/${st.org}/r/${reg}`);
		await checkPage(m, `${reg} (phone)`);
	}
	await shot(m, "bcp-recovery-phone", { fullPage: true });
	await mctx.close();
});

test("d. a ransomware exercise to the end, the document and the card downloaded, the card on a phone", { timeout: TEST_MS }, async () => {
	await page.goto(`${srv.base}/o/${st.org}/bcp`);
	await go(page, page.locator('a[href*="scenario=ransomware_encrypted"]').first().click());
	await page.locator("[name=held_on]").fill("2026-12-04");
	await page.locator("[name=facilitator]").fill("総務部長");
	await page.locator("[name=participants]").fill("社長\n総務部長\n情報システム担当");
	await go(page, page.getByRole("button", { name: J("exercise.start_submit") }).click());
	await go(page, page.getByRole("link", { name: J("exercise.begin") }).click());
	// every scene: an answer to each question, then on
	for (let scene = 1; scene <= 8; scene++) {
		if (await page.locator('button[name=go][value=finish]').count() > 0)
			break;
		const boxes = page.locator("form textarea:not([name=decisions])");
		const n = await boxes.count();
		assert.ok(n >= 2, `scene ${scene} asks at least two questions`);
		for (let i = 0; i < n; i++)
			await boxes.nth(i).fill(`場面${scene}の答え${i + 1}`);
		if (scene === 1) {
			// the question names the company's own S process
			assert.match(await page.locator("main").innerText(), new RegExp(PROCESSES[0].name));
			await checkPage(page, "exercise scene");
		}
		await go(page, page.locator('button[name=go][value=next]').click());
	}
	await page.locator("[name=followups]").fill("NASの控えを週に一度外して金庫に入れる\n復元の練習を半年ごとにする");
	await go(page, page.locator('button[name=go][value=finish]').click());
	await shot(page, "bcp-exercise-end", { fullPage: true });
	const before = (await st.api("GET", `/api/v1/orgs/${st.org}/plan`)).total;
	await go(page, page.getByRole("button", { name: J("exercise.drafts_submit") }).click());
	const plan = (await st.api("GET", `/api/v1/orgs/${st.org}/plan`)).rows;
	assert.equal(plan.length, before + 2);
	assert.ok(plan.filter((p) => /^exercise:\d+$/.test(p.source)).length === 2);

	// whom to call, on the card
	await st.api("POST", `/api/v1/orgs/${st.org}/contacts`, { target: "hardware", owner: "情報システム担当", company: "みなとシステムサービス", person: "保守窓口", phone: "03-1234-5678" });
	// the document and the card, downloaded from the BCP page
	await page.goto(`${srv.base}/o/${st.org}/bcp`);
	const panel = page.locator("#bcp-downloads");
	// the permanent steps have nobody in charge yet: the document's link
	// lists them first, and the document can still be made
	await go(page, panel.getByRole("link", { name: J("bcpdoc.links.pdf") }).click());
	await page.getByRole("heading", { level: 1, name: J("bcpdoc.gaps.title") }).waitFor();
	assert.equal(await page.locator("ul.bcp-unowned li").count(), 7);
	await checkPage(page, "steps nobody owns");
	for (const [label, file, where] of [[J("bcpdoc.gaps.anyway"), "bcp-document.pdf", page.locator("main")], [J("bcpdoc.links.card_pdf"), "bcp-card.pdf", null]]) {
		if (where === null)
			await page.goto(`${srv.base}/o/${st.org}/bcp`);
		const link = (where ?? panel).getByRole("link", { name: label });
		const [dl] = await Promise.all([page.waitForEvent("download"), link.click()]);
		const path = join(shots, file);
		await dl.saveAs(path);
		assert.equal(readFileSync(path).subarray(0, 5).toString(), "%PDF-");
		const text = execFileSync("pdftotext", ["-layout", path, "-"], { encoding: "utf8" });
		assert.ok(text.includes(PROCESSES[0].name), `${file} names the S process`);
	}

	// the phone link: made by the admin, opened without signing in
	await page.goto(`${srv.base}/o/${st.org}/bcp/card`);
	await go(page, page.getByRole("button", { name: J("bcpcard.page.make") }).click());
	const url = (await page.locator("code.secret").first().innerText()).trim();
	assert.match(url, /\/c\/[A-Za-z0-9_-]+$/);
	await checkPage(page, "card link page");
	const mctx = await newContext(MOBILE);
	const m = await mctx.newPage();
	await m.goto(`${srv.base}${new URL(url).pathname}`);
	assert.match(await m.locator("main").innerText(), new RegExp(PROCESSES[0].name));
	assert.equal(await m.locator('a[href="tel:0312345678"]').count(), 1, "the number dials when tapped");
	await checkPage(m, "card on a phone");
	await shot(m, "bcp-card-phone", { fullPage: true });
	await mctx.close();
});
