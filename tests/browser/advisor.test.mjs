// The advisor's work with a client, in Debian's chromium against a real
// mamori server (MAMORI_BIN):
//
//   a. the hearing sheet: a section filled at the first visit, one item
//      left open and listed at the top for the next visit; its PDF and
//      workbook downloaded;
//   b. the confidentiality pledge: its PDF made from what is typed, then
//      recorded as handed over;
//   c. the programme: started by the company's advisor from its first
//      visit, visit 1 recorded with homework for both sides, a deliverable
//      agreed, the visit's implementation report downloaded; the company's
//      admin ticks the company's homework;
//   d. the inventories: three people and two devices, the access table
//      saved in one go, the check of a person who has gone;
//   e. the end: the advisor's summary and the planned two-star day, the
//      final report PDF, and every deliverable in one zip.
//
// The advisor is a real one: invited by the company's admin as its
// advisor, signed in with their own account.
//
// Every page is checked on a phone (390×844) and a desktop (1280×900):
// axe-core finds no violation, nothing is wider than the phone.
// Screenshots go to tests/browser/shots/advisor-*.png (git-ignored).
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { shots, TEST_MS, DESKTOP, MOBILE, J, newContext, shot, checkPage, go, signIn, withCompany } from "./lib.mjs";
import { top, inviteUser } from "../http/lib.mjs";

const st = withCompany("みなと建設株式会社");
let srv, page;
before(async () => {
	await st.ready;
	srv = st.srv;
	page = st.page;
	// the company's advisor, invited by its admin (the instance admin here)
	await inviteUser(st.admin, srv, st.org, "adviser@example.jp", "advisor");
	await signInAs(page, "adviser@example.jp", "a long enough pass");
}, { timeout: 60_000 });

async function signInAs(p, email, password) {
	await p.goto(`${srv.base}/login`);
	await p.getByLabel(J("login.email"), { exact: true }).fill(email);
	await p.getByLabel(J("login.password"), { exact: true }).fill(password);
	await go(p, p.getByRole("button", { name: J("login.submit") }).click());
}

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
	await signInAs(m, "adviser@example.jp", "a long enough pass");
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

// Japan days.
const jday = (n = 0) => {
	const t = new Date(Date.now() + 9 * 3600e3);
	return new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate() + n)).toISOString().slice(0, 10);
};

test("c. the programme: started, visit 1 recorded with homework, a deliverable agreed, the report; the company ticks its homework", { timeout: TEST_MS }, async () => {
	await page.goto(`${srv.base}/o/${st.org}`);
	await go(page, page.locator("nav.subnav").getByRole("link", { name: J("prog.title"), exact: true }).click());
	await checkPage(page, "programme, not started");
	// the first visit was a week ago; the others pencilled in from it
	const first = jday(-7);
	await page.locator('[name=template][value="four_visits"]').check();
	await page.locator("[name=first_visit]").fill(first);
	await go(page, page.getByRole("button", { name: J("prog.open.submit") }).click());
	const eng = await st.api("GET", `/api/v1/orgs/${st.org}/engagement`);
	const visits = eng.visits;
	assert.equal(visits.length, 4);
	assert.equal(visits[0].planned, first);
	// each next one the template's default gap later (content/programmes)
	const tmpl = readFileSync(join(top, "content/programmes/four_visits.yaml"), "utf8");
	const gap = +tmpl.match(/^default_gap: (\d+)/m)[1];
	const plus = (day, n) => new Date(Date.parse(day) + n * 86400e3).toISOString().slice(0, 10);
	for (let i = 1; i < 4; i++)
		assert.equal(visits[i].planned, plus(first, i * gap), `visit ${i + 1}`);
	await checkPage(page, "programme");

	// visit 1: held as planned, two pieces of homework
	await go(page, page.locator(`a[href$="/programme/visits/1"]`).first().click());
	await page.locator("[name=held]").fill(first);
	await page.locator("[name=attendees]").fill("社長、専務、山田（支援者）");
	await page.locator('[name=mode][value="on_site"]').check();
	await page.locator("[name=decisions]").fill("次回までに基本方針の案を作る");
	await page.locator('[name="hw.0.side"]').selectOption("company");
	await page.locator('[name="hw.0.text"]').fill("基本方針の案を書く");
	await page.locator('[name="hw.0.due"]').fill(jday(-1));
	await page.locator('[name="hw.1.side"]').selectOption("advisor");
	await page.locator('[name="hw.1.text"]').fill("診断結果をまとめる");
	await page.locator('[name="hw.1.due"]').fill(jday(7));
	await checkPage(page, "visit 1 form");
	await go(page, page.getByRole("button", { name: J("prog.visit.save") }).click());
	// the company's homework, due yesterday, is overdue at the top
	await page.goto(`${srv.base}/o/${st.org}/programme`);
	const head = await page.locator("main").innerText();
	assert.ok(head.includes(J("prog.overdue.title")));
	assert.ok(head.includes("基本方針の案を書く"));
	assert.ok(head.includes(J("prog.hw.late").replace("{1}", "1")), "one day late");
	// a deliverable agreed
	await page.locator('select[name="d.diagnosis_summary"]').selectOption("agreed");
	await go(page, page.getByRole("button", { name: J("prog.deliv.save") }).click());
	const deliv = (await st.api("GET", `/api/v1/orgs/${st.org}/engagement`)).deliverables;
	assert.equal(deliv.find((d) => d.key === "diagnosis_summary").state, "agreed");
	await page.goto(`${srv.base}/o/${st.org}/programme`);
	await shot(page, "advisor-programme");
	// the implementation report of visit 1
	await page.goto(`${srv.base}/o/${st.org}/programme/visits/1`);
	const pdf = await download(page, page.getByRole("link", { name: J("prog.pdf.link") }).first(), "advisor-visit1.pdf");
	const text = execFileSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8" });
	assert.match(text, /みなと建設株式会社/);
	assert.match(text, /基本方針の案を書く/);

	// the company's admin ticks the company's homework
	const actx = await newContext(DESKTOP);
	const a = await actx.newPage();
	await signIn(a);
	await a.goto(`${srv.base}/o/${st.org}/programme`);
	await go(a, a.getByRole("button", { name: J("prog.hw.tick") }).first().click());
	const v1 = await st.api("GET", `/api/v1/orgs/${st.org}/engagement/visits/1`);
	assert.equal(v1.homework.find((h) => h.text === "基本方針の案を書く").done, jday());
	assert.ok((await a.locator("main").innerText()).includes(J("prog.overdue.none")));
	await checkPage(a, "programme, the company's view");
	await actx.close();
});

test("d. the inventories: people and devices, the access table in one go, a person gone", { timeout: TEST_MS }, async () => {
	const people = [];
	for (const [name, status] of [["田中", "active"], ["佐藤", "active"], ["鈴木", "gone"]])
		people.push(await st.api("POST", `/api/v1/orgs/${st.org}/people`, { name, status }));
	for (const [kind, product, place] of [["PC", "事務所PC-1", "事務所"], ["NAS", "共有NAS", "事務所"]])
		await st.api("POST", `/api/v1/orgs/${st.org}/devices`, { kind, product, place });
	await page.goto(`${srv.base}/o/${st.org}/inventories`);
	await checkPage(page, "inventories hub");
	await page.goto(`${srv.base}/o/${st.org}/inventories/devices`);
	// every cell a select named for its row and person: Tanaka may change
	// both, Suzuki (gone) may still read the NAS
	const sel = page.locator("main form select");
	assert.equal(await sel.count(), 2 * 3);
	const devs = (await st.api("GET", `/api/v1/orgs/${st.org}/devices`)).rows;
	const pc = devs.find((d) => d.product === "事務所PC-1"), nas = devs.find((d) => d.product === "共有NAS");
	const cell = (row, person) => page.locator(`select[name="g.${row.id}.${person.id}"]`);
	await cell(pc, people[0]).selectOption("update");
	await cell(nas, people[0]).selectOption("update");
	await cell(nas, people[2]).selectOption("read");
	await checkPage(page, "access table");
	await go(page, page.getByRole("button", { name: J("inv.save_matrix") }).click());
	const after = (await st.api("GET", `/api/v1/orgs/${st.org}/devices`)).rows;
	const grants = (d) => after.find((x) => x.id === d.id).access;
	assert.deepEqual(Object.keys(grants(pc)).length, 1);
	assert.equal(Object.keys(grants(nas)).length, 2);
	// the check: one person gone who still has access, to one device
	await page.goto(`${srv.base}/o/${st.org}/inventories`);
	const main = await page.locator("main").innerText();
	assert.ok(main.includes(J("inv.check.gone").replace("{1}", "1")), main.slice(0, 600));
	await shot(page, "advisor-inventories");
	const mctx = await newContext(MOBILE);
	const m = await mctx.newPage();
	await signInAs(m, "adviser@example.jp", "a long enough pass");
	await m.goto(`${srv.base}/o/${st.org}/inventories/devices`);
	await checkPage(m, "access table (phone)");
	await shot(m, "advisor-matrix-phone");
	await mctx.close();
});

test("e. the end: the advisor's summary and the two-star date, the final report, every deliverable in one zip", { timeout: TEST_MS }, async () => {
	await page.goto(`${srv.base}/o/${st.org}/programme`);
	await page.locator("[name=summary]").fill("台帳と一覧表がそろい、アクセス権の見直しが始まった。次は年1回の見直しを続けること。");
	await page.locator("[name=two_star_planned]").fill(jday(30));
	await go(page, page.getByRole("button", { name: J("prog.final.save") }).click());
	const sum = await st.api("GET", `/api/v1/orgs/${st.org}/engagement/summary`);
	assert.match(sum.summary, /アクセス権の見直し/);
	await checkPage(page, "programme with the final part");
	// the final report: the company, the visit held, the summary, the date
	const pdf = await download(page, page.getByRole("link", { name: J("prog.final.pdf") }), "advisor-final.pdf");
	const text = execFileSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
	assert.match(text, /みなと建設株式会社/);
	assert.match(text, /アクセス権の見直しが始まった/);
	assert.ok(text.includes(jday(30)), "the planned two-star day");
	execFileSync("pdftoppm", ["-r", "50", "-png", "-f", "1", "-l", "1", pdf, join(shots, "advisor-final")]);
	// the zip: the final report first, the hearing sheet, the pledge, the
	// visit's report, the inventories, a README
	const zip = await download(page, page.getByRole("link", { name: J("prog.final.zip") }), "advisor-deliverables.zip");
	const names = execFileSync("unzip", ["-Z1", zip], { encoding: "utf8" }).trim().split("\n");
	assert.equal(names[0], "01-final-report.pdf");
	for (const want of [/hearing.*\.pdf$/, /pledge-1\.pdf$/, /visit-1-report\.pdf$/, /inventories\.xlsx$/, /^README\.txt$/])
		assert.ok(names.some((n) => want.test(n)), `${want} in ${names.join(", ")}`);
	for (const n of names.filter((x) => x.endsWith(".pdf")))
		assert.equal(execFileSync("unzip", ["-p", zip, n]).subarray(0, 5).toString(), "%PDF-", n);
});
