// The advisor's hearing sheet and confidentiality pledge (issue 15): the
// sheet's seven sections as forms saved one at a time with the visit
// they were filled in, the items left open first on the page (what the
// next visit starts with), a stale save refused with the words kept, the
// sheet as PDF and workbook, the pledge made as a PDF of what is typed
// and recorded as handed over (audited), the JSON API; who may do what
// (advisor, organisation admin, member, someone of another
// organisation); bad input refused with its reason beside the field.
// Every count and date is checked against this test's own computation
// from the packs.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer, firstAdmin, makeOrg, inviteUser, csrfOf, unescape, top, cli } from "./lib.mjs";

const dir = mkdtempSync(join(tmpdir(), "mamori-hearing-"));
let srv, admin, advisor, member, outsider, org, other, auth, advAuth, memberAuth;

// the sheet as the pack has it
const yaml = readFileSync(join(top, "content/hearing.yaml"), "utf8");
const SECTIONS = [...yaml.matchAll(/^  - key: (\w+)\n    title: \{ja: "([^"]+)"/gm)].map((m) => ({ key: m[1], ja: m[2] }));
const ITEMS = [...yaml.matchAll(/^      - key: (\w+)\n        label: \{ja: "([^"]+)"/gm)].map((m) => ({ key: m[1], ja: m[2] }));
const itemsOf = (sec) => {
	const from = yaml.indexOf(`  - key: ${sec}\n`);
	const next = yaml.indexOf("\n  - key: ", from + 1);
	return [...yaml.slice(from, next < 0 ? undefined : next).matchAll(/^      - key: (\w+)$/gm)].map((m) => m[1]);
};
const pledgeYaml = readFileSync(join(top, "content/pledge.yaml"), "utf8");
const UNDERTAKINGS = pledgeYaml.slice(pledgeYaml.indexOf("undertakings:\n  ja:"), pledgeYaml.indexOf("\n  en:", pledgeYaml.indexOf("undertakings:")))
	.split("\n").filter((l) => l.startsWith("    - ")).map((l) => l.slice(7, -1));

const tokenOf = async (c) => {
	const page = await c.get("/account");
	const tok = await c.post("/account/token", { _csrf: csrfOf(page.text) });
	return { authorization: "Bearer " + tok.text.match(/<code class="secret">([^<]+)<\/code>/)[1] };
};

before(async () => {
	srv = await startServer();
	admin = await firstAdmin(srv);
	org = await makeOrg(admin, { name: "聞き取り工業株式会社" });
	other = await makeOrg(admin, { name: "よその会社" });
	advisor = await inviteUser(admin, srv, org, "advisor@example.jp", "advisor");
	member = await inviteUser(admin, srv, org, "staff@example.jp", "member");
	outsider = await inviteUser(admin, srv, other, "outsider@example.jp", "org_admin");
	auth = await tokenOf(admin);
	advAuth = await tokenOf(advisor);
	memberAuth = await tokenOf(member);
});
after(async () => { await srv?.stop(); if (process.env.KEEP) console.error(`kept ${dir}`); else rmSync(dir, { recursive: true, force: true }); });

const api = (m, p, body, h = advAuth) => advisor.req(m, p, {
	body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
	headers: { ...h, "content-type": "application/json" },
});
const text = (html) => unescape(html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " "));
const pdfText = (file) => execFileSync("pdftotext", ["-raw", file, "-"], { encoding: "utf8" }).replace(/\s+/g, "");
const unzip = (file, part) => execFileSync("unzip", ["-p", file, part], { encoding: "utf8", maxBuffer: 1 << 26 });
function sheets(file) {
	const ss = [...unzip(file, "xl/sharedStrings.xml").matchAll(/<si>([\s\S]*?)<\/si>/g)]
		.map((m) => [...m[1].matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((t) => t[1]).join("")
			.replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"'));
	const names = [...unzip(file, "xl/workbook.xml").matchAll(/<sheet name="([^"]+)"/g)].map((m) => unescape(m[1]));
	const out = {};
	names.forEach((name, i) => {
		const xml = unzip(file, `xl/worksheets/sheet${i + 1}.xml`);
		out[name] = [...xml.matchAll(/<row [^>]*>([\s\S]*?)<\/row>/g)].map((r) =>
			[...r[1].matchAll(/<c r="([A-Z]+)\d+"([^>]*)>(?:<v>([^<]*)<\/v>)?<\/c>/g)].reduce((row, c) => {
				const col = c[1].split("").reduce((s, ch) => s * 26 + ch.charCodeAt(0) - 64, 0) - 1;
				row[col] = /t="s"/.test(c[2]) ? ss[+c[3]] : c[3] === undefined ? "" : +c[3];
				return row;
			}, []));
	});
	return out;
}
const download = async (path, file, headers) => {
	const res = await fetch(`${srv.base}${path}`, { headers });
	assert.equal(res.status, 200, path);
	assert.match(res.headers.get("content-disposition") ?? "", /attachment/);
	writeFileSync(file, Buffer.from(await res.arrayBuffer()));
};
// The day in Japan of a moment (ms), plus n days, as YYYY-MM-DD.
function jday(ms, n = 0) {
	const t = new Date(ms + 9 * 3600e3);
	return new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate() + n)).toISOString().slice(0, 10);
}
// The fields of a section's form as the page shows it (hidden revs too).
function sectionForm(html, sec) {
	const from = html.indexOf(`data-section="${sec}"`);
	const form = html.slice(from, html.indexOf("</form>", from));
	const f = { _csrf: csrfOf(html), section: sec };
	for (const m of form.matchAll(/<input type="hidden" name="(rev\.\w+)" value="(\d+)"/g)) f[m[1]] = m[2];
	f.visit = form.match(/<option value="(\d)" selected/)?.[1] ?? "1";
	return f;
}
// The counts line of the open-items block.
const counts = (html) => {
	const m = html.match(/class="hearing-counts" data-open="(\d+)" data-answered="(\d+)"/);
	return { open: +m[1], answered: +m[2] };
};

test("the pack: seven sections in the seeds' order, every item once", () => {
	assert.deepEqual(SECTIONS.map((s) => s.key), ["business", "processes", "supply", "covid", "it", "issues", "security"]);
	assert.equal(new Set(ITEMS.map((i) => i.key)).size, ITEMS.length);
	assert.equal(SECTIONS.reduce((n, s) => n + itemsOf(s.key).length, 0), ITEMS.length);
	assert.equal(UNDERTAKINGS.length, 5);
});

test("an advisor fills a section in visit 1; the open items come first; visit 2 marks only what changed", async () => {
	let page = await advisor.get(`/o/${org}/hearing`);
	assert.equal(page.status, 200);
	for (const s of SECTIONS) assert.ok(page.text.includes(s.ja.replace(/（/g, "（")), s.key);
	assert.deepEqual(counts(page.text), { open: 0, answered: 0 });
	assert.ok(text(page.text).includes(`全${ITEMS.length}項目のうち、聞き取り済み 0、未確認 0、まだ聞いていない ${ITEMS.length}。`));
	assert.match(page.text, /<a href="\/o\/\d+\/hearing"[^>]*aria-current="page">ヒアリング<\/a>/);
	const covid = itemsOf("covid");
	assert.deepEqual(covid, ["covid_measures", "covid_remote"]);
	let f = sectionForm(page.text, "covid");
	assert.equal(f["rev.covid_measures"], "0");
	let res = await advisor.post(`/o/${org}/hearing`, { ...f, visit: "1",
		"result.covid_measures": "出社を週3日に減らし、会議はオンライン", "consider.covid_measures": "私物PCの利用あり",
		"state.covid_measures": "answered",
		"result.covid_remote": "営業の5人が週2日在宅", "state.covid_remote": "open" });
	assert.equal(res.status, 303, res.text.slice(0, 500));
	assert.match(res.location, /\/hearing\?saved=covid#s-covid$/);
	page = await advisor.get(`/o/${org}/hearing`);
	assert.deepEqual(counts(page.text), { open: 1, answered: 1 });
	assert.ok(text(page.text).includes(`全${ITEMS.length}項目のうち、聞き取り済み 1、未確認 1、まだ聞いていない ${ITEMS.length - 2}。`));
	const block = page.text.slice(page.text.indexOf('id="open-items"'), page.text.indexOf("</section>", page.text.indexOf('id="open-items"')));
	const no = `${SECTIONS.findIndex((s) => s.key === "covid") + 1}.2`;
	assert.ok(block.includes(`<li data-key="covid_remote"><a href="#i-covid_remote">${no} 在宅勤務の状況</a></li>`), block);
	assert.ok(!block.includes("covid_measures"));
	assert.ok(text(page.text).includes("1回目の訪問で記入・聞き取り済み"));
	// visit 2: the remote item answered; the other one stays visit 1
	f = sectionForm(page.text, "covid");
	assert.equal(f.visit, "1", "the latest visit preselected");
	assert.equal(f["rev.covid_measures"], "1");
	res = await advisor.post(`/o/${org}/hearing`, { ...f, visit: "2",
		"result.covid_measures": "出社を週3日に減らし、会議はオンライン", "consider.covid_measures": "私物PCの利用あり",
		"state.covid_measures": "answered",
		"result.covid_remote": "営業の5人が週2日在宅。VPNで接続", "state.covid_remote": "answered" });
	assert.equal(res.status, 303);
	const json = JSON.parse((await api("GET", `/api/v1/orgs/${org}/hearing`)).text);
	const by = Object.fromEntries(json.items.map((i) => [i.key, i]));
	assert.equal(json.items.length, ITEMS.length);
	assert.deepEqual(json.items.map((i) => i.key), ITEMS.map((i) => i.key));
	assert.deepEqual([by.covid_measures.visit, by.covid_measures.rev, by.covid_measures.state], [1, 1, "answered"]);
	assert.deepEqual([by.covid_remote.visit, by.covid_remote.rev, by.covid_remote.state], [2, 2, "answered"]);
	assert.deepEqual(json.open, []);
	assert.equal(by.business_kind.rev, 0);
	assert.equal(by.business_kind.state, null);
});

test("a stale save is 409 with the words kept; saving that form again stores them", async () => {
	const a = await advisor.get(`/o/${org}/hearing`);
	const b = await admin.get(`/o/${org}/hearing`);
	const fa = sectionForm(a.text, "supply"), fb = sectionForm(b.text, "supply");
	let res = await advisor.post(`/o/${org}/hearing`, { ...fa, visit: "1", "result.supply_customers": "地元の工務店が中心", "state.supply_customers": "answered" });
	assert.equal(res.status, 303);
	res = await admin.post(`/o/${org}/hearing`, { ...fb, _csrf: csrfOf(b.text), visit: "1", "result.supply_customers": "大手の下請けが7割", "state.supply_customers": "open",
		"result.supply_vendors": "部品は3社から" });
	assert.equal(res.status, 409);
	assert.ok(res.text.includes(">大手の下請けが7割</textarea>"), "the user's words are kept");
	assert.ok(res.text.includes(">部品は3社から</textarea>"));
	assert.ok(text(res.text).includes("その間に保存された内容 — 結果: 地元の工務店が中心"));
	let json = JSON.parse((await api("GET", `/api/v1/orgs/${org}/hearing`)).text);
	let by = Object.fromEntries(json.items.map((i) => [i.key, i]));
	assert.equal(by.supply_customers.result, "地元の工務店が中心", "nothing of the stale save stored");
	assert.equal(by.supply_vendors.rev, 0);
	// the 409 page's form carries the revisions now stored
	const again = sectionForm(res.text, "supply");
	assert.equal(again["rev.supply_customers"], "1");
	res = await admin.post(`/o/${org}/hearing`, { ...again, _csrf: csrfOf(b.text), visit: "1", "result.supply_customers": "大手の下請けが7割", "state.supply_customers": "open", "result.supply_vendors": "部品は3社から" });
	assert.equal(res.status, 303);
	json = JSON.parse((await api("GET", `/api/v1/orgs/${org}/hearing`)).text);
	by = Object.fromEntries(json.items.map((i) => [i.key, i]));
	assert.equal(by.supply_customers.result, "大手の下請けが7割");
	assert.equal(by.supply_customers.rev, 2);
	assert.deepEqual(json.open, ["supply_customers", "supply_vendors"]);
	// the API: a stale rev is 409 too, and stores nothing
	res = await api("PUT", `/api/v1/orgs/${org}/hearing`, { visit: 2, items: [
		{ key: "supply_partners", result: "運送は外注", state: "answered", rev: 0 },
		{ key: "supply_customers", result: "古い版から", state: "answered", rev: 1 }] });
	assert.equal(res.status, 409);
	json = JSON.parse((await api("GET", `/api/v1/orgs/${org}/hearing`)).text);
	assert.equal(json.items.find((i) => i.key === "supply_partners").rev, 0);
});

test("bad input: a text over the limit, a visit out of range, an unknown item — refused with the reason beside the field", async () => {
	const page = await advisor.get(`/o/${org}/hearing`);
	const f = sectionForm(page.text, "processes");
	const long = "長".repeat(2001);
	let res = await advisor.post(`/o/${org}/hearing`, { ...f, visit: "1", "result.process_flow": long, "result.process_it": "受注は紙、会計はクラウド", "state.process_it": "answered" });
	assert.equal(res.status, 422);
	assert.ok(text(res.text).includes("2000文字以内で入力してください（いまは2001文字です）。"));
	assert.match(res.text, /<textarea id="f-result\.process_flow" name="result\.process_flow"[^>]*aria-invalid="true"/);
	assert.ok(res.text.includes(">受注は紙、会計はクラウド</textarea>"), "the other value kept");
	res = await advisor.post(`/o/${org}/hearing`, { ...f, visit: "5", "result.process_it": "受注は紙" });
	assert.equal(res.status, 422);
	assert.ok(text(res.text).includes("訪問の回を1から4の中から選んでください。"));
	assert.equal((await advisor.post(`/o/${org}/hearing`, { ...f, section: "nosuch" })).status, 404);
	let json = JSON.parse((await api("GET", `/api/v1/orgs/${org}/hearing`)).text);
	assert.equal(json.items.find((i) => i.key === "process_it").rev, 0, "nothing stored");
	// the API
	res = await api("PUT", `/api/v1/orgs/${org}/hearing`, { visit: 1, items: [{ key: "no_such_item", result: "x", rev: 0 }] });
	assert.equal(res.status, 422);
	assert.equal(JSON.parse(res.text).field, "items.0.key");
	res = await api("PUT", `/api/v1/orgs/${org}/hearing`, { visit: 1, items: [{ key: "process_it", consider: "長".repeat(2001), rev: 0 }] });
	assert.equal(res.status, 422);
	assert.equal(JSON.parse(res.text).field, "items.0.consider");
	res = await api("PUT", `/api/v1/orgs/${org}/hearing`, { visit: 9, items: [{ key: "process_it", rev: 0 }] });
	assert.equal(res.status, 422);
	assert.equal(JSON.parse(res.text).field, "visit");
	res = await api("PUT", `/api/v1/orgs/${org}/hearing`, { visit: 1, items: [{ key: "process_it", state: "closed", rev: 0 }] });
	assert.equal(res.status, 422);
	// and one that is right
	res = await api("PUT", `/api/v1/orgs/${org}/hearing`, { visit: 1, items: [{ key: "process_it", result: "受注は紙、会計はクラウド", consider: "二重入力が多い", state: "answered", rev: 0 }] });
	assert.equal(res.status, 200, res.text);
	json = JSON.parse(res.text);
	assert.equal(json.items.find((i) => i.key === "process_it").rev, 1);
});

test("roles: advisors and the admin write, members read, another organisation sees nothing", async () => {
	let page = await member.get(`/o/${org}/hearing`);
	assert.equal(page.status, 200);
	assert.ok(!page.text.includes('name="section"'), "no forms for members");
	assert.ok(page.text.includes("地元の工務店") || page.text.includes("大手の下請けが7割"));
	assert.equal((await member.post(`/o/${org}/hearing`, { _csrf: csrfOf(page.text), section: "covid", visit: "1" })).status, 403);
	assert.equal((await api("PUT", `/api/v1/orgs/${org}/hearing`, { visit: 1, items: [{ key: "it_budget", rev: 0 }] }, memberAuth)).status, 403);
	assert.equal((await api("GET", `/api/v1/orgs/${org}/hearing`, undefined, memberAuth)).status, 200);
	assert.equal((await api("POST", `/api/v1/orgs/${org}/pledges`, { name: "x", date: jday(Date.now()) }, memberAuth)).status, 403);
	page = await member.get(`/o/${org}/pledge`);
	assert.equal(page.status, 200);
	assert.ok(!page.text.includes('name="do"'));
	assert.equal((await member.post(`/o/${org}/pledge`, { _csrf: csrfOf(page.text), do: "record", name: "x", date: jday(Date.now()) })).status, 403);
	for (const p of ["hearing", "hearing.pdf", "hearing.xlsx", "pledge"]) {
		assert.equal((await outsider.get(`/o/${org}/${p}`)).status, 404, p);
		assert.equal((await member.get(`/o/${org}/${p}`)).status, 200, p);
		assert.equal((await advisor.get(`/o/${org}/${p}`)).status, 200, p);
	}
	assert.equal((await outsider.post(`/o/${org}/hearing`, { _csrf: csrfOf(page.text), section: "covid" })).status, 404);
	// the admin writes too
	page = await admin.get(`/o/${org}/hearing`);
	const f = sectionForm(page.text, "business");
	assert.equal((await admin.post(`/o/${org}/hearing`, { ...f, visit: "1", "result.business_kind": "金属部品の製造", "state.business_kind": "answered" })).status, 303);
});

test("the sheet as a PDF (two columns a section, the open items first) and a workbook of one sheet", async () => {
	const json = JSON.parse((await api("GET", `/api/v1/orgs/${org}/hearing`)).text);
	const open = json.items.filter((i) => i.state === "open");
	const answered = json.items.filter((i) => i.state === "answered");
	const pdf = join(dir, "hearing.pdf");
	await download(`/o/${org}/hearing.pdf`, pdf, memberAuth);
	const t = pdfText(pdf);
	assert.ok(t.includes("ヒアリングシート"));
	assert.ok(t.includes("聞き取り工業株式会社"));
	assert.ok(t.includes("聞き取る項目") && t.includes("聞き取った結果／指導で考慮する点"));
	for (const s of SECTIONS) assert.ok(t.includes(s.ja.replace(/\s/g, "")), s.ja);
	assert.ok(t.includes("大手の下請けが7割"));
	assert.ok(t.includes("指導で考慮する点:二重入力が多い"));
	assert.ok(t.includes(`${answered.length}/${ITEMS.length}`), "answered count on the cover");
	assert.ok(t.includes("未確認のまま残っている項目"));
	const sec3 = SECTIONS.findIndex((s) => s.key === "supply") + 1;
	assert.ok(t.includes(`${sec3}.1顧客`), "an open item listed with its number");
	assert.ok(t.includes("システムやネットワークの構成図"), "the material to ask for");
	const xlsx = join(dir, "hearing.xlsx");
	await download(`/o/${org}/hearing.xlsx`, xlsx, auth);
	const wb = sheets(xlsx);
	assert.deepEqual(Object.keys(wb), ["ヒアリング"]);
	const rows = wb["ヒアリング"];
	const head = rows.findIndex((r) => r[0] === "聞き取る項目");
	assert.deepEqual(rows[head], ["聞き取る項目", "聞き取った結果", "指導で考慮する点", "訪問", "状態"]);
	const body = rows.slice(head + 1);
	assert.equal(body.length, ITEMS.length);
	const cells = (r) => [1, 2, 3, 4].map((k) => r[k] ?? "");
	const no = (key) => {
		const i = ITEMS.findIndex((x) => x.key === key);
		const s = SECTIONS.findIndex((x) => itemsOf(x.key).includes(key));
		return `${s + 1}.${itemsOf(SECTIONS[s].key).indexOf(key) + 1} ${ITEMS[i].ja}`;
	};
	const row = body.find((r) => r[0] === no("process_it"));
	assert.deepEqual(cells(row), ["受注は紙、会計はクラウド", "二重入力が多い", 1, "聞き取り済み"]);
	const remote = body.find((r) => r[0] === no("covid_remote"));
	assert.deepEqual(cells(remote), ["営業の5人が週2日在宅。VPNで接続", "", 2, "聞き取り済み"]);
	assert.deepEqual(cells(body.find((r) => r[0] === no("it_budget"))), ["", "", "", ""], "never asked: empty");
	assert.equal(body.filter((r) => r[4] === "未確認").length, open.length);
	const audit = await admin.get(`/o/${org}/audit`);
	assert.ok(text(audit.text).includes("ヒアリングシート（PDF）"));
	assert.ok(text(audit.text).includes("ヒアリングシート（Excel）"));
	assert.ok(text(audit.text).includes("ヒアリングシートを保存しました"));
});

test("the pledge: a PDF of what is typed, recorded as handed over; dates in the future or before the organisation refused", async () => {
	const today = jday(Date.now());
	let page = await advisor.get(`/o/${org}/pledge`);
	assert.equal(page.status, 200);
	assert.ok(page.text.includes(`name="date" value="${today}"`), "today offered");
	for (const u of UNDERTAKINGS) assert.ok(page.text.includes(u.replace(/&/g, "&amp;")), u.slice(0, 20));
	const csrf = csrfOf(page.text);
	// bad input
	let res = await advisor.post(`/o/${org}/pledge`, { _csrf: csrf, do: "record", name: "支援 一郎", date: jday(Date.now(), 1), mode: "handed" });
	assert.equal(res.status, 422);
	assert.ok(text(res.text).includes(`今日（${today}）より後の日は入れられません。`));
	assert.ok(res.text.includes('value="支援 一郎"'), "the name kept");
	res = await advisor.post(`/o/${org}/pledge`, { _csrf: csrf, do: "pdf", name: "支援 一郎", date: jday(Date.now(), -1), mode: "handed" });
	assert.equal(res.status, 422, "the organisation was made today");
	assert.ok(text(res.text).includes(`この組織を登録した日（${today}）より前の日は入れられません。`));
	res = await advisor.post(`/o/${org}/pledge`, { _csrf: csrf, do: "record", name: "", date: "2026-02-30", mode: "handed" });
	assert.equal(res.status, 422);
	assert.match(res.text, /<input type="text" id="f-name" name="name" value=""[^>]*aria-invalid="true"/);
	assert.match(res.text, /id="f-date"[^>]*aria-invalid="true"/);
	res = await advisor.post(`/o/${org}/pledge`, { _csrf: csrf, do: "record", name: "支援 一郎", date: today, mode: "faxed" });
	assert.equal(res.status, 422);
	assert.equal((await advisor.get(`/o/${org}/pledge`)).text.includes("まだ記録がありません。"), true, "nothing recorded");
	// the PDF of what is typed
	const f = await fetch(`${srv.base}/o/${org}/pledge`, { method: "POST", headers: { cookie: advisor.cookieHeader(), "content-type": "application/x-www-form-urlencoded" },
		body: new URLSearchParams({ _csrf: csrf, do: "pdf", name: "支援 一郎", date: today, mode: "handed" }).toString() });
	assert.equal(f.status, 200);
	assert.equal(f.headers.get("content-type"), "application/pdf");
	const pdf = join(dir, "pledge.pdf");
	writeFileSync(pdf, Buffer.from(await f.arrayBuffer()));
	const t = pdfText(pdf);
	assert.ok(t.includes("秘密保持に関する誓約書"));
	assert.ok(t.includes("聞き取り工業株式会社御中"));
	assert.ok(t.includes("支援一郎"));
	assert.ok(t.includes(today));
	for (const u of UNDERTAKINGS) assert.ok(t.includes(u.replace(/\s/g, "").slice(0, 12)), u.slice(0, 12));
	assert.ok(t.includes("署名または印"));
	assert.ok(t.includes("写し：事業の事務局"));
	// recorded
	res = await advisor.post(`/o/${org}/pledge`, { _csrf: csrf, do: "record", name: "支援 一郎", date: today, mode: "posted" });
	assert.equal(res.status, 303);
	page = await member.get(`/o/${org}/pledge`);
	assert.ok(text(page.text).includes(`${today} 郵送 支援 一郎 advisor@example.jp`));
	const id = +page.text.match(/\/pledges\/(\d+)\/pdf/)[1];
	await download(`/o/${org}/pledges/${id}/pdf`, join(dir, "p2.pdf"), memberAuth);
	assert.ok(pdfText(join(dir, "p2.pdf")).includes("支援一郎"));
	assert.equal((await outsider.get(`/o/${org}/pledges/${id}/pdf`)).status, 404);
	assert.equal((await outsider.get(`/o/${other}/pledges/${id}/pdf`)).status, 404, "another organisation's pledge");
	const audit = await admin.get(`/o/${org}/audit`);
	assert.ok(text(audit.text).includes("秘密保持の誓約書を渡したと記録しました"));
	assert.ok(text(audit.text).includes(`${today} posted 支援 一郎`));
	// the API
	res = await api("POST", `/api/v1/orgs/${org}/pledges`, { name: "支援 二郎", date: jday(Date.now(), 3) });
	assert.equal(res.status, 422);
	assert.equal(JSON.parse(res.text).field, "date");
	res = await api("POST", `/api/v1/orgs/${org}/pledges`, { name: "支援 二郎", date: today });
	assert.equal(res.status, 201, res.text);
	const made = JSON.parse(res.text);
	assert.deepEqual([made.name, made.date, made.mode, made.advisor], ["支援 二郎", today, "handed", "advisor@example.jp"]);
	const list = JSON.parse((await api("GET", `/api/v1/orgs/${org}/pledges`, undefined, memberAuth)).text).pledges;
	assert.deepEqual(list.map((p) => p.name), ["支援 二郎", "支援 一郎"]);
});

test("the sheet and the pledges go with a full export and come back from it", async () => {
	const file = join(dir, "all.json");
	let r = cli(["export", "--all", file, "--db", srv.db]);
	assert.equal(r.status, 0, r.stderr);
	const doc = JSON.parse(readFileSync(file, "utf8"));
	const rows = (t) => doc.tables.find((x) => x.name === t).rows;
	const json = JSON.parse((await api("GET", `/api/v1/orgs/${org}/hearing`)).text);
	assert.equal(rows("hearing_answers").length, json.items.filter((i) => i.rev > 0).length);
	assert.equal(rows("pledges").length, 2);
	const back = `sqlite:${join(dir, "back.db")}`;
	r = cli(["import", file, "--db", back]);
	assert.equal(r.status, 0, r.stderr);
	r = cli(["export", "--all", join(dir, "again.json"), "--db", back]);
	assert.equal(r.status, 0, r.stderr);
	const again = JSON.parse(readFileSync(join(dir, "again.json"), "utf8"));
	for (const t of ["hearing_answers", "pledges"])
		assert.deepEqual(again.tables.find((x) => x.name === t).rows, rows(t), t);
});

test("the server stops without a sanitizer report", async () => {
	const s = srv;
	srv = null;
	await s.stop();
	assert.doesNotMatch(s.stderr(), /ERROR: (Address|Leak)Sanitizer|runtime error:/, "sanitizer report");
});
