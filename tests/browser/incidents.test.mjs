// An incident as it happens, in Debian's chromium against a real mamori
// server (MAMORI_BIN):
//
//   a. a ransomware incident opened from the incidents list; the work
//      log started; the first steps of the malware playbook ticked;
//   b. the incident edited: personal data of 1,200 people, taken by
//      unauthorised access — the page shows both report deadlines,
//      checked against this test's own Japan-day arithmetic (final:
//      the day of becoming aware + 59 days, wrongful intent);
//   c. the intake questionnaire filled and its PDF downloaded; the
//      emergency card's PDF downloaded from the incidents list;
//   d. the lessons written and one answer turned into a plan row
//      (source incident:N); the page on a phone.
//
// Every page is checked on a phone (390×844) and a desktop (1280×900):
// axe-core finds no violation, nothing is wider than the phone.
// Screenshots go to tests/browser/shots/incident-*.png (git-ignored);
// docs/img/incident-phone.png, incident-clock-phone.png and incident-clock.png
// are copies of incident-phone-top, incident-phone-clock and
// incident-desktop-clock.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { shots, TEST_MS, MOBILE, J, newContext, shot, checkPage, go, signIn, withCompany } from "./lib.mjs";
import { top } from "../http/lib.mjs";

const st = withCompany("あおば精機株式会社", { signedIn: true });
let srv, page;
before(async () => {
	await st.ready;
	srv = st.srv;
	page = st.page;
});

// Japan days: the day of a moment, and that day plus n.
const JST = 9 * 3600e3;
const jday = (ms, n = 0) => {
	const t = new Date(ms + JST);
	return new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate() + n)).toISOString().slice(0, 10);
};
const between = (a, b) => Math.round((Date.parse(b) - Date.parse(a)) / 86400e3);

// A form field by name, whatever control it is.
async function set(p, name, value) {
	const el = p.locator(`[name="${name}"]`);
	const kind = await el.first().evaluate((e) => e.tagName === "SELECT" ? "select" : e.type);
	if (kind === "select")
		await el.selectOption(String(value));
	else if (kind === "checkbox")
		await (value ? el.check() : el.uncheck());
	else if (kind === "radio")
		await p.locator(`[name="${name}"][value="${value}"]`).check();
	else
		await el.fill(String(value));
}

// Became aware yesterday morning (Japan), found an hour before.
const now = Date.now();
const awareDay = jday(now, -1);
const DETECTED = `${awareDay}T08:40`, AWARE = `${awareDay}T09:40`;

test("a. a ransomware incident: opened from the list, the work log started, the playbook ticked", { timeout: TEST_MS }, async () => {
	await page.goto(`${srv.base}/o/${st.org}/incidents`);
	await checkPage(page, "incident list, empty");
	await go(page, page.getByRole("link", { name: J("incident.new") }).first().click());
	await set(page, "kind", "malware");
	await set(page, "level", "3");
	await set(page, "status", "open");
	await set(page, "summary", "経理のパソコンに身代金を求める画面が出て、共有フォルダのファイルが開けない");
	await set(page, "detected_at", DETECTED);
	await set(page, "aware_at", AWARE);
	await set(page, "found_by", "経理 佐藤");
	await checkPage(page, "incident form");
	await go(page, page.getByRole("button", { name: J("reg.add_submit"), exact: true }).click());
	const rows = (await st.api("GET", `/api/v1/orgs/${st.org}/incidents`)).rows;
	assert.equal(rows.length, 1);
	st.id = rows[0].id;
	assert.equal(rows[0].aware_at, `${AWARE}:00+09:00`);

	await page.goto(`${srv.base}/o/${st.org}/incidents`);
	await go(page, page.locator(`a[href="/o/${st.org}/incidents/${st.id}"]`).first().click());
	assert.equal(new URL(page.url()).pathname, `/o/${st.org}/incidents/${st.id}`);
	// level 3: report at once, to the top responsible person
	assert.match(await page.locator(".report-now").innerText(), /最高責任者/);
	// the index of the page names the sections
	assert.equal(await page.locator("nav.page-index a").count(), 6);

	// the work log first: it is open while empty
	const log = page.locator("#log");
	await log.locator("[name=what]").fill("画面を写真に撮り、LANケーブルを抜いた。電源は入れたまま。");
	await log.locator("[name=evidence]").fill("画面の写真（総務の共有スマートフォン）");
	await go(page, log.getByRole("button", { name: J("incident.log_submit") }).click());
	assert.equal(await page.locator("#log table tbody tr").count(), 1);
	assert.match(await page.locator("#log table").innerText(), /LANケーブルを抜いた/);
	// once it has an entry, the form folds under its one line
	assert.equal(await page.locator("#log details.log-add").getAttribute("open"), null);

	// the playbook: three steps in order
	for (const step of ["start_log", "disconnect", "call_admin"]) {
		const li = page.locator(`li.step[data-step="${step}"]`);
		await go(page, li.getByRole("button", { name: J("incident.tick_submit") }).click());
		assert.equal(await page.locator(`li.step[data-step="${step}"]`).getAttribute("data-done"), "1");
	}
	const steps = await page.locator("ol.playbook > li.step").count();
	assert.equal(await page.locator("#playbook-count").innerText(),
	    J("incident.playbook_done").replace("{2}", steps).replace("{1}", 3));
	const ticks = (await st.api("GET", `/api/v1/orgs/${st.org}/incident_steps`)).rows;
	assert.deepEqual(ticks.map((t) => t.step).sort(), ["call_admin", "disconnect", "start_log"]);
	await checkPage(page, "incident page");
	await shot(page, "incident-desktop-top");
});

test("b. personal data of 1,200 people by unauthorised access: both deadlines", { timeout: TEST_MS }, async () => {
	await page.goto(`${srv.base}/o/${st.org}/incidents/${st.id}`);
	await go(page, page.getByRole("link", { name: J("incident.edit") }).click());
	await set(page, "personal", true);
	await set(page, "people", "1200");
	await set(page, "malicious", true);
	await set(page, "data_items", "氏名、住所、電話番号、購入履歴");
	await checkPage(page, "incident edit form");
	await go(page, page.locator("main form button[type=submit]").first().click());
	await page.goto(`${srv.base}/o/${st.org}/incidents/${st.id}`);

	const appi = page.locator("#appi");
	assert.equal(await appi.locator(".appi-required").getAttribute("data-required"), "1");
	const reasons = await appi.locator("ul.appi-reasons > li").evaluateAll((l) => l.map((e) => e.dataset.reason));
	assert.deepEqual(reasons, ["malicious", "over_1000"]);
	// the deadlines against our own count: the aware day is day 1
	const aware = Date.parse(`${AWARE}:00+09:00`);
	const pre = appi.locator('tr[data-due="preliminary"]'), fin = appi.locator('tr[data-due="final"]');
	assert.equal(await pre.getAttribute("data-from"), jday(aware, 3));
	assert.equal(await pre.getAttribute("data-to"), jday(aware, 5));
	const final = jday(aware, 59);
	assert.equal(await fin.getAttribute("data-to"), final);
	const today = jday(Date.now());
	const left = between(today, final);
	assert.equal(await fin.getAttribute("data-days"), String(left));
	assert.match(await fin.innerText(), new RegExp(`${final}[\\s\\S]*あと${left}日`));
	assert.match(await pre.innerText(), new RegExp(`${jday(aware, 3)}〜${jday(aware, 5)}[\\s\\S]*あと${between(today, jday(aware, 5))}日`));
	// the same from the API
	const due = await st.api("GET", `/api/v1/orgs/${st.org}/incidents/${st.id}/appi`);
	delete due.counted_from;
	delete due.law_in_force;
	assert.deepEqual(due, { required: true, reasons: ["malicious", "over_1000"], preliminary_due: { from: jday(aware, 3), to: jday(aware, 5) }, final_due: final, notify_people: true });
	// the page's index carries the final date
	assert.match(await page.locator("nav.page-index").innerText(), new RegExp(final));
	// the report's items, behind their line: nine, of which six still
	// have blanks (summary, data items and the count are written)
	const items = appi.locator("details#report-items");
	assert.match(await items.locator("summary").innerText(), /9項目のうち、空欄が残るもの6/);
	await items.locator("summary").click();
	assert.equal(await appi.locator('tr[data-state="filled"]').count(), 3);
	assert.equal(await appi.locator('tr[data-item="people"]').getAttribute("data-state"), "filled");
	assert.match(await appi.locator('tr[data-item="people"]').innerText(), /1,200人/);
	await appi.scrollIntoViewIfNeeded();
	await shot(page, "incident-desktop-clock");
});

test("c. the intake questionnaire and its PDF; the emergency card", { timeout: TEST_MS }, async () => {
	await page.goto(`${srv.base}/o/${st.org}/incidents/${st.id}`);
	// the questionnaire's name is the pack's (content/intake.yaml)
	const name = readFileSync(join(top, "content/intake.yaml"), "utf8").match(/\n  ja: "(問診票[^"]*)"/)[1];
	await go(page, page.locator(".incident-notice-links").getByRole("link", { name, exact: true }).click());
	// prefilled from the incident while nothing is saved
	assert.equal(await page.locator("#prefill").count(), 1);
	await set(page, "h.enquirer", "総務部 田中");
	const radios = page.locator('main form input[type=radio][value="yes"]');
	assert.ok(await radios.count() >= 5, "yes/no questions");
	await radios.first().check();
	await checkPage(page, "intake questionnaire");
	await go(page, page.getByRole("button", { name: J("intake.save") }).click());
	const saved = (await st.api("GET", `/api/v1/orgs/${st.org}/incident_intake`)).rows;
	assert.equal(saved.length, 1);
	assert.equal(JSON.parse(saved[0].answers)["h.enquirer"], "総務部 田中");
	const [dl] = await Promise.all([page.waitForEvent("download"),
	    page.getByRole("link", { name: J("intake.pdf_link") }).first().click()]);
	const pdf = join(shots, "incident-intake.pdf");
	await dl.saveAs(pdf);
	assert.equal(readFileSync(pdf).subarray(0, 5).toString(), "%PDF-");
	let text = execFileSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8" });
	assert.match(text, /総務部 田中/);
	assert.match(text, /あおば精機株式会社/);

	// the emergency card, from the incidents list
	await page.goto(`${srv.base}/o/${st.org}/incidents`);
	const [card] = await Promise.all([page.waitForEvent("download"),
	    page.getByRole("link", { name: J("bcpdoc.links.card_pdf") }).first().click()]);
	const cpath = join(shots, "incident-card.pdf");
	await card.saveAs(cpath);
	text = execFileSync("pdftotext", ["-layout", cpath, "-"], { encoding: "utf8" });
	assert.match(text, /あおば精機株式会社/);
	assert.equal(execFileSync("pdfinfo", [cpath], { encoding: "utf8" }).match(/Pages:\s+(\d+)/)[1], "1", "one page");
});

test("d. the lessons, one answer a plan row; the page on a phone", { timeout: TEST_MS }, async () => {
	await page.goto(`${srv.base}/o/${st.org}/incidents/${st.id}`);
	const lessons = page.locator("#lessons");
	// folded while the incident is still open and nothing is written
	await lessons.getByText(J("incident.lessons_open")).click();
	await lessons.locator('[name="l.what_when"]').fill("朝8時40分に経理で画面に気づき、9時40分に社長へ報告した。");
	await lessons.locator('[name="l.prevent"]').fill("VPN機器を最新にし、多要素認証を入れる");
	await lessons.locator('[name="l.tools"]').fill("外付けの控えを週に一度外して保管する");
	await go(page, lessons.getByRole("button", { name: J("incident.lessons_submit") }).click());
	const before = (await st.api("GET", `/api/v1/orgs/${st.org}/plan`)).rows.length;
	const drafts = page.locator("#drafts");
	// what happened is a fact, not a measure: not offered ticked
	assert.equal(await drafts.locator('li[data-lesson="what_when"] input[name=pick]').isChecked(), false);
	await drafts.locator('li[data-lesson="tools"] input[name=pick]').uncheck();
	await checkPage(page, "lessons and drafts");
	await go(page, drafts.getByRole("button", { name: J("incident.drafts_submit") }).click());
	const plan = (await st.api("GET", `/api/v1/orgs/${st.org}/plan`)).rows;
	assert.equal(plan.length, before + 1);
	const row = plan.find((p) => p.source === `incident:${st.id}`);
	assert.equal(row.measure, "VPN機器を最新にし、多要素認証を入れる");
	await shot(page, "incident-desktop", { fullPage: true });

	// on a phone: the index first, the sections folded
	const mctx = await newContext(MOBILE);
	const m = await mctx.newPage();
	await signIn(m);
	await m.goto(`${srv.base}/o/${st.org}/incidents/${st.id}`);
	await checkPage(m, "incident page (phone)");
	await shot(m, "incident-phone-top");
	await shot(m, "incident-phone", { fullPage: true });
	await m.locator("#playbook").scrollIntoViewIfNeeded();
	await shot(m, "incident-phone-playbook");
	// the index within the first two screens; the whole page, with the
	// log, ten steps, the clock and seven answers, shorter than the
	// 13,700 px it was before its sections folded
	const at = await m.evaluate(() => document.querySelector("nav.page-index").getBoundingClientRect().top + window.scrollY);
	assert.ok(at < 2 * 844, `the index starts at ${at}px`);
	const h = await m.evaluate(() => document.documentElement.scrollHeight);
	assert.ok(h < 12000, `the page is ${h}px tall on a phone`);
	await m.locator("#appi").scrollIntoViewIfNeeded();
	await shot(m, "incident-phone-clock");
	await mctx.close();
});
