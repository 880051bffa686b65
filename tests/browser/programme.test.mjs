// An advisor runs a whole programme for a 12-person company, in Debian's
// chromium against a real mamori server (MAMORI_BIN), as issue 15 asks:
//
//   a. the advisor (invited by the company, an advisor of a programme
//      office) opens the programme from its first visit; the office runs
//      it from then on; visit 1 is recorded;
//   b. the diagnosis: a round opened by the advisor with two personal
//      links, two respondents answer, the advisor closes it; the results
//      page shows the company's mean worked out here;
//   c. the basic policy written and approved; the plan drafted from the
//      results;
//   d. three inventories for the twelve people: devices, shared folders and
//      outside services, each access table saved in one go;
//   e. visits 2 to 4 held, a second round with the same two people, the
//      advisor's summary and the two-star day; the final report shows the
//      scores before and after and their change as computed here; every
//      deliverable in one zip;
//   f. the advisor's portfolio and the office's page, on a desktop and a
//      phone, with the figures of this company; the office downloads the
//      final report.
//
// Every page is checked on a phone (390×844) and a desktop (1280×900):
// axe-core finds no violation, nothing is wider than the phone.
// Screenshots go to tests/browser/shots/programme-*.png (git-ignored).
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { shots, TEST_MS, DESKTOP, MOBILE, J, fill, newContext, shot, checkPage, go, signIn, withCompany, score, meanTenths, showTenths } from "./lib.mjs";
import { inviteUser, answerAll, cli, Client } from "../http/lib.mjs";

const COMPANY = "ひかり電機株式会社";
const OFFICE = "北関東中小企業支援センター";
const st = withCompany(COMPANY);
let srv, page, office;

const PASS = "a long enough pass";

async function signInAs(p, email, password = PASS) {
	await p.goto(`${srv.base}/login`);
	await p.getByLabel(J("login.email"), { exact: true }).fill(email);
	await p.getByLabel(J("login.password"), { exact: true }).fill(password);
	await go(p, p.getByRole("button", { name: J("login.submit") }).click());
}

before(async () => {
	await st.ready;
	srv = st.srv;
	page = st.page;
	// the office, its admin, and the advisor as one of its advisors
	cli(["office", "add", OFFICE, "--db", srv.db]);
	office = cli(["office", "list", "--db", srv.db]).stdout.split("\n")
	    .map((l) => l.match(/^(\d+)\t(.*)$/)).find((m) => m && m[2] === OFFICE)[1];
	cli(["user", "add", "office@example.jp", "--role", "member", "--password-stdin", "--db", srv.db], `${PASS}\n`);
	cli(["office", "member", OFFICE, "office@example.jp", "--role", "office_admin", "--db", srv.db]);
	await inviteUser(st.admin, srv, st.org, "adviser@example.jp", "advisor");
	cli(["office", "advisor", OFFICE, "adviser@example.jp", "--db", srv.db]);
	await signInAs(page, "adviser@example.jp");
}, { timeout: 60_000 });

// Japan's day n days from today, as "YYYY-MM-DD".
const jday = (n = 0) => {
	const t = new Date(Date.now() + 9 * 3600e3);
	return new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate() + n)).toISOString().slice(0, 10);
};

async function download(p, link, name) {
	const [dl] = await Promise.all([p.waitForEvent("download"), link.click()]);
	const path = join(shots, name);
	await dl.saveAs(path);
	return path;
}

const total = score, tenths = showTenths;
const Y = "yes", Pa = "partly", N = "no", U = "unknown";
// Before: the owner and the office manager; after: the same two people,
// a few answers better.
const BEFORE = {
	"社長": [Y, Pa, N, N, Y, Pa, N, U, Y, Pa, N, N, Pa, Y, N, U, Pa, N, Y, N, Pa, N, U, Pa, N],
	"総務": [Pa, Pa, N, U, Y, N, N, N, Pa, Pa, U, N, Pa, Pa, N, N, Pa, N, Pa, N, N, N, U, Pa, N],
};
const AFTER = {
	"社長": [Y, Y, Pa, Pa, Y, Y, Pa, Pa, Y, Y, Pa, N, Y, Y, Pa, Pa, Y, Pa, Y, Pa, Y, Pa, Pa, Y, Pa],
	"総務": [Y, Pa, Pa, Pa, Y, Pa, Pa, N, Y, Pa, Pa, N, Pa, Y, Pa, N, Pa, Pa, Y, N, Pa, Pa, Pa, Pa, N],
};
// On the round's page: a personal link for each of the two, each then
// answering on their own device, through their own link.
async function linksAnswered(answers) {
	for (const [name, role] of [["社長", "resp.role.executive"], ["総務", "resp.role.manager"]]) {
		await page.locator("#f-role").selectOption({ label: J(role) });
		await page.locator("#f-name").fill(name);
		await go(page, page.getByRole("button", { name: J("round.add_link") }).click());
		const card = page.locator("ul.cards > li").filter({ hasText: name });
		const link = (await card.locator("code.secret").textContent()).trim();
		await answerAll(new Client(srv.base), new URL(link).pathname, answers[name]);
	}
}
const before1 = meanTenths(Object.values(BEFORE).map(total));
const after1 = meanTenths(Object.values(AFTER).map(total));
const first = jday(-42);

test("a. the advisor opens the programme; the office runs it; visit 1 recorded", { timeout: TEST_MS }, async () => {
	await page.goto(`${srv.base}/portfolio`);
	await checkPage(page, "portfolio, one client without a programme");
	const row = page.locator("main table tbody tr").filter({ hasText: COMPANY });
	assert.ok((await row.innerText()).includes(J("port.stage.none")));
	await page.goto(`${srv.base}/o/${st.org}/programme`);
	await page.locator('[name=template][value="four_visits"]').check();
	await page.locator("[name=first_visit]").fill(first);
	await go(page, page.getByRole("button", { name: J("prog.open.submit") }).click());
	// opened by one of its advisors: the office runs it from the start
	const runs = await st.api("GET", `/api/v1/offices/${office}/engagements`);
	assert.deepEqual(runs.engagements.map((e) => e.name), [COMPANY]);
	assert.equal(runs.engagements[0].held, 0);
	await go(page, page.locator(`a[href$="/programme/visits/1"]`).first().click());
	await page.locator("[name=held]").fill(first);
	await page.locator("[name=attendees]").fill("社長、総務課長、支援者");
	await page.locator('[name=mode][value="on_site"]').check();
	await page.locator("[name=decisions]").fill("全員で自己診断に答え、次回までに基本方針の案を作る");
	await page.locator('[name="hw.0.side"]').selectOption("company");
	await page.locator('[name="hw.0.text"]').fill("社員と機器の一覧を出す");
	await page.locator('[name="hw.0.due"]').fill(jday(-30));
	await go(page, page.getByRole("button", { name: J("prog.visit.save") }).click());
	const v1 = await st.api("GET", `/api/v1/orgs/${st.org}/engagement/visits/1`);
	assert.equal(v1.held, first);
});

test("b. the diagnosis: two personal links, two answers, the round closed, the mean as computed here", { timeout: TEST_MS }, async () => {
	await page.goto(`${srv.base}/o/${st.org}`);
	await page.getByLabel(J("round.title")).fill("支援開始時");
	await go(page, page.getByRole("button", { name: J("round.open") }).click());
	assert.match(page.url(), /\/o\/\d+\/rounds\/\d+$/);
	const round = page.url();
	await linksAnswered(BEFORE);
	await page.goto(round);
	await go(page, page.getByRole("button", { name: J("round.close_ask"), exact: true }).click());
	assert.ok(await page.getByText(fill(J("round.close_counted"), 2, 0)).isVisible());
	await go(page, page.getByRole("button", { name: J("round.close_yes"), exact: true }).click());
	await page.goto(`${round}/results`);
	const main = await page.locator("main").innerText();
	assert.ok(main.includes(tenths(before1)), `the company's mean ${tenths(before1)}`);
	await checkPage(page, "results of the first round");
	st.round = round;
});

test("c. the basic policy written and approved; the plan drafted from the results", { timeout: TEST_MS }, async () => {
	await page.goto(`${srv.base}/o/${st.org}/policy`);
	await go(page, page.getByRole("link", { name: J("policy.start") }).click());
	await page.getByLabel("制定日", { exact: true }).fill(jday(-35));
	await page.getByLabel(/^代表者の役職/).fill("代表取締役");
	await page.getByLabel(/^代表者の氏名/).fill("光 一郎");
	await go(page, page.getByRole("button", { name: J("policy.save") }).click());
	assert.equal(await page.locator("p.missing-fields").count(), 0);
	// the advisor is not offered the approval: the company's admin gives it
	assert.equal(await page.getByRole("button", { name: fill(J("policy.approve"), 1, 0) }).count(), 0);
	assert.ok(await page.getByText(J("policy.approve_ask")).isVisible());
	await checkPage(page, "policy waiting for the company's approval");
	const actx = await newContext(DESKTOP);
	const a = await actx.newPage();
	await signIn(a);
	await a.goto(`${srv.base}/o/${st.org}/policy`);
	await go(a, a.getByRole("button", { name: fill(J("policy.approve"), 1, 0) }).click());
	assert.ok(await a.getByText(J("policy.approved_now")).isVisible());
	await checkPage(a, "policy approved by the company");
	await actx.close();

	await page.goto(`${st.round}/results`);
	await go(page, page.getByRole("link", { name: J("flow.plan_draft_link") }).click());
	const n = await page.locator("li.proposal").count();
	assert.ok(n >= 3, `${n} proposals`);
	await go(page, page.getByRole("button", { name: J("flow.plan_submit") }).click());
	const plan = await st.api("GET", `/api/v1/orgs/${st.org}/plan`);
	assert.equal(plan.total, n);
	// one row done already
	const row = plan.rows[0];
	await st.api("PUT", `/api/v1/orgs/${st.org}/plan/${row.id}`, { ...Object.fromEntries(Object.entries(row).filter(([k]) => !["id", "created_at", "updated_at", "updated_by", "assignee_name", "points", "priority"].includes(k))), status: "done" });
	st.plan = n;
});

test("d. three inventories for twelve people: devices, shared folders, outside services", { timeout: TEST_MS }, async () => {
	const names = ["光 一郎", "山本", "中村", "小林", "加藤", "吉田", "山田", "佐々木", "松本", "井上", "木村", "林"];
	const people = [];
	for (const [i, name] of names.entries())
		people.push(await st.api("POST", `/api/v1/orgs/${st.org}/people`, { name, status: i === 11 ? "gone" : "active" }));
	for (const [kind, product, place] of [["PC", "事務所PC-1", "事務所"], ["PC", "工場PC-1", "工場"], ["NAS", "共有NAS", "事務所"]])
		await st.api("POST", `/api/v1/orgs/${st.org}/devices`, { kind, product, place });
	for (const folder of ["\\\\nas\\図面", "\\\\nas\\経理"])
		await st.api("POST", `/api/v1/orgs/${st.org}/shares`, { folder, place: "事務所" });
	for (const name of ["会計クラウド", "オンラインストレージ"])
		await st.api("POST", `/api/v1/orgs/${st.org}/services`, { name });

	// each table: every cell a select named for its row and person
	const tables = [
		["devices", "access", (row, i) => i < 6 ? "update" : i < 11 ? "read" : ""],
		["shares", "access", (row, i) => row.folder.endsWith("経理") ? (i < 2 ? "update" : "") : i === 11 ? "read" : "update"],
		["services", "users", (row, i) => row.name === "会計クラウド" ? (i < 2 ? "allowed" : "not_allowed") : (i < 11 ? "with_permission" : "")],
	];
	for (const [reg, field, want] of tables) {
		await page.goto(`${srv.base}/o/${st.org}/inventories/${reg}`);
		const rows = (await st.api("GET", `/api/v1/orgs/${st.org}/${reg}`)).rows;
		assert.equal(await page.locator("main form select").count(), rows.length * 12, reg);
		for (const row of rows)
			for (const [i, p] of people.entries()) {
				const v = want(row, i);
				if (v)
					await page.locator(`select[name="g.${row.id}.${p.id}"]`).selectOption(v);
			}
		await checkPage(page, `access table: ${reg}`);
		await go(page, page.getByRole("button", { name: J("inv.save_matrix") }).click());
		const saved = (await st.api("GET", `/api/v1/orgs/${st.org}/${reg}`)).rows;
		for (const row of saved) {
			const expect = {};
			for (const [i, p] of people.entries())
				if (want(row, i))
					expect[p.id] = want(row, i);
			assert.deepEqual(row[field], expect, `${reg} ${row.id}`);
		}
	}
	// the gone person still reads a device and a folder: the check says so
	await page.goto(`${srv.base}/o/${st.org}/inventories`);
	const main = await page.locator("main").innerText();
	assert.ok(main.includes(J("inv.check.gone").replace("{1}", "1")), main.slice(0, 600));
	await checkPage(page, "inventories with their checks");
	await shot(page, "programme-inventories", { fullPage: true });
});

test("e. visits 2 to 4, a second round, the summary; the final report's figures; the zip", { timeout: TEST_MS }, async () => {
	for (let n = 2; n <= 4; n++) {
		const v = await st.api("GET", `/api/v1/orgs/${st.org}/engagement/visits/${n}`);
		const day = jday(-42 + 14 * (n - 1));
		await st.api("PUT", `/api/v1/orgs/${st.org}/engagement/visits/${n}`, { rev: v.rev, planned: day, held: day });
	}
	// the second round: the same two people, through their own links
	const r2 = (await st.api("POST", `/api/v1/orgs/${st.org}/rounds`, { title: "支援終了時" })).id;
	await page.goto(`${srv.base}/o/${st.org}/rounds/${r2}`);
	await linksAnswered(AFTER);
	await st.api("POST", `/api/v1/rounds/${r2}/close`);

	await page.goto(`${srv.base}/o/${st.org}/programme`);
	await page.locator("[name=summary]").fill("二回の診断で点数が上がり、三つの一覧表がそろった。退職者のアクセス権の削除が次の課題。");
	await page.locator("[name=two_star_planned]").fill(jday(20));
	await go(page, page.getByRole("button", { name: J("prog.final.save") }).click());
	await checkPage(page, "programme, every visit held");
	await shot(page, "programme-finished", { fullPage: true });
	const pdf = await download(page, page.getByRole("link", { name: J("prog.final.pdf") }), "programme-final.pdf");
	const text = execFileSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8" });
	const flat = text.replace(/\s+/g, " ");
	assert.ok(flat.includes(COMPANY));
	assert.ok(flat.includes("退職者のアクセス権の削除"));
	assert.ok(flat.includes(jday(20)), "the planned two-star day");
	// the company score's row: before, after, and the change, as here
	const d = after1 - before1;
	const change = `${d > 0 ? "+" : d < 0 ? "\u2212" : "±"}${tenths(Math.abs(d))}`;
	const line = text.split("\n").find((l) => l.includes(J("prog.fin.company_score")));
	assert.ok(line, "the company score's row");
	const cells = line.trim().split(/\s{2,}/);
	assert.deepEqual(cells.slice(-3), [tenths(before1), tenths(after1), change], line);
	execFileSync("pdftoppm", ["-r", "60", "-png", pdf, join(shots, "programme-final")]);
	const zip = await download(page, page.getByRole("link", { name: J("prog.final.zip") }), "programme-deliverables.zip");
	const names = execFileSync("unzip", ["-Z1", zip], { encoding: "utf8" }).trim().split("\n");
	assert.equal(names[0], "01-final-report.pdf");
	for (const want of [/visit-1-report\.pdf$/, /visit-4-report\.pdf$/, /inventories\.xlsx$/, /^README\.txt$/])
		assert.ok(names.some((n) => want.test(n)), `${want} in ${names.join(", ")}`);
	for (const n of names.filter((x) => x.endsWith(".pdf")))
		assert.equal(execFileSync("unzip", ["-p", zip, n]).subarray(0, 5).toString(), "%PDF-", n);
	// the inventories' workbook holds the three tables
	const sheets = execFileSync("unzip", ["-p", zip, names.find((n) => n.endsWith("inventories.xlsx"))]);
	assert.equal(sheets.subarray(0, 2).toString(), "PK");
});

test("f. the advisor's portfolio and the office's page show this company's figures", { timeout: TEST_MS }, async () => {
	await page.goto(`${srv.base}/portfolio`);
	const row = page.locator("main table tbody tr").filter({ hasText: COMPANY });
	const cells = await row.locator("td").allInnerTexts();
	const d = after1 - before1;
	assert.ok(cells.includes(tenths(after1)), `score ${tenths(after1)} in ${cells}`);
	assert.ok(cells.includes(`${d > 0 ? "+" : ""}${tenths(d)}`), `change in ${cells}`);
	assert.ok(cells.includes(J("port.stage.finished")), `stage in ${cells}`);
	assert.ok(cells.includes(fill(J("port.plan_n"), 1, st.plan)), `plan in ${cells}`);
	await checkPage(page, "portfolio");
	await shot(page, "programme-portfolio");
	const csv = (await new Client(srv.base).req("GET", "/portfolio.csv", { headers: { cookie: (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ") } })).text;
	assert.ok(csv.includes(`${tenths(after1)},${tenths(before1)}`), csv);
	const mctx = await newContext(MOBILE);
	const m = await mctx.newPage();
	await signInAs(m, "adviser@example.jp");
	await m.goto(`${srv.base}/portfolio`);
	await checkPage(m, "portfolio (phone)");
	await shot(m, "programme-portfolio-phone", { fullPage: true });
	await mctx.close();

	// the office's admin: the programme, every visit held, its deliverables;
	// one company is a group too small to show
	for (const [opts, name] of [[DESKTOP, "programme-office"], [MOBILE, "programme-office-phone"]]) {
		const ctx = await newContext(opts);
		const o = await ctx.newPage();
		await signInAs(o, "office@example.jp");
		await o.goto(`${srv.base}/office/${office}`);
		const main = await o.locator("main").innerText();
		assert.ok(main.includes(COMPANY));
		assert.ok(main.includes(fill(J("office.visits_held"), 4, 4)), main.slice(0, 800));
		assert.ok(main.includes(fill(J("office.hidden"), 5, 1)), "the group of one is not shown");
		await checkPage(o, `office page (${name})`);
		await shot(o, name, { fullPage: true });
		if (opts === DESKTOP) {
			// the final report, through the office: its members are no
			// members of the company
			const pdf = await download(o, o.getByRole("link", { name: J("office.final_link") }), "programme-office-final.pdf");
			const text = execFileSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
			assert.ok(text.includes(COMPANY) && text.includes("退職者のアクセス権の削除"));
		}
		await ctx.close();
	}
});
