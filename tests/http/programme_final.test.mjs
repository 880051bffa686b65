// The end of an advisor's programme (issue 15, SEEDFACTS §6.5): the
// advisor's summary and the SECURITY ACTION two-star state (a form on the
// programme page and the API: a done day may not be in the future, a
// planned day may; one of the two or neither; a stale save is 409 with the
// text kept), the final report PDF whose figures are checked against this
// file's own computation (the diagnosis before and after from the answers
// it posts, the plan's done/total, the visits' days), the zip of every
// deliverable (its entries read with unzip, each a PDF or a workbook, its
// README saying what is missing and why), who may download (every
// member), and 404 for an organisation without a programme.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer, Client, firstAdmin, makeOrg, cli, unescape, inviteUser } from "./lib.mjs";

const dir = mkdtempSync(join(tmpdir(), "mamori-final-"));
let srv, admin, boss, adv, staff, org, bare;
const tok = {};

const DAY = 86400000;
const dayOf = (ms) => new Date(ms + 9 * 3600000).toISOString().slice(0, 10);
const today = () => dayOf(Date.now());
const plus = (d, n) => new Date(Date.parse(d + "T00:00:00Z") + n * DAY).toISOString().slice(0, 10);
const textOf = (html) => unescape(html.replace(/<[^>]+>/g, " ")).replace(/\s+/g, " ");
const P = () => `/o/${org}/programme`;
const first = plus(today(), -30);

// The diagnosis's points (SPEC §2) and the figures of a round, in
// integers: tenths rounded half away from zero.
const POINTS = { yes: 4, partly: 2, no: 0, unknown: -1 };
const PARTS = [[0, 5], [5, 13], [18, 7]];
function tenths(sum, n) {
	const mag = Math.abs(sum) * 10;
	let q = Math.floor(mag / n);
	if (2 * (mag - q * n) >= n) q++;
	return sum < 0 && q !== 0 ? -q : q;
}
const fmt = (t) => (t < 0 ? "-" : "") + `${Math.floor(Math.abs(t) / 10)}.${Math.abs(t) % 10}`;
const fmtDelta = (t) => t === 0 ? "±0" : (t > 0 ? "+" : "−") + fmt(Math.abs(t));
function figures(people) {
	const n = people.length;
	const company = tenths(people.reduce((s, p) => s + p.ans.reduce((x, a) => x + POINTS[a], 0), 0), n);
	const parts = PARTS.map(([f, len]) => {
		let sum = 0;
		for (const p of people) for (let i = f; i < f + len; i++) sum += POINTS[p.ans[i]];
		return tenths(sum * 25, n * len);
	});
	return { n, company, parts };
}
const HEAD = "name,role," + Array.from({ length: 25 }, (_, i) => `q${i + 1}`).join(",");
const csvOf = (people) => [HEAD, ...people.map((p) => `${p.name},${p.role},${p.ans.join(",")}`)].join("\r\n") + "\r\n";
const fill = (pattern) => Array.from({ length: 25 }, (_, i) => pattern[i % pattern.length]);
const BEFORE = [
	{ name: "社長", role: "executive", ans: fill(["no", "partly", "unknown"]) },
	{ name: "事務", role: "employee", ans: fill(["unknown", "no"]) },
];
const AFTER = [
	{ name: "社長", role: "executive", ans: fill(["yes", "yes", "partly"]) },
	{ name: "事務", role: "employee", ans: fill(["yes", "partly", "no", "yes"]) },
	{ name: "現場", role: "manager", ans: fill(["partly", "yes"]) },
];

before(async () => {
	srv = await startServer();
	admin = await firstAdmin(srv);
	org = await makeOrg(admin, { name: "まとめ建設株式会社" });
	boss = await inviteUser(admin, srv, org, "boss@example.jp", "org_admin");
	adv = await inviteUser(admin, srv, org, "adv@example.jp", "advisor");
	staff = await inviteUser(admin, srv, org, "staff@example.jp", "member");
	bare = await makeOrg(admin, { name: "支援なしの会社" });
	for (const e of ["admin", "adv", "boss", "staff"])
		tok[e] = cli(["user", "token", `${e}@example.jp`, "--db", srv.db]).stdout.trim();
});
after(async () => {
	if (process.env.SHOW_STDERR) console.error(srv?.stderr());
	await srv?.stop();
	rmSync(dir, { recursive: true, force: true });
});

async function api(who, method, path, body, type = "application/json") {
	const res = await new Client(srv.base).req(method, path, {
		body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
		headers: { authorization: `Bearer ${tok[who]}`, "content-type": type },
	});
	let json = null;
	try { json = JSON.parse(res.text); } catch { /* not JSON */ }
	return { status: res.status, json, text: res.text };
}
async function bytes(c, path) {
	const res = await fetch(srv.base + path, { headers: { cookie: c.cookieHeader() } });
	return { status: res.status, type: res.headers.get("content-type"), disposition: res.headers.get("content-disposition"),
		body: Buffer.from(await res.arrayBuffer()) };
}
function pdfText(buf) {
	const f = join(dir, `t-${Math.random().toString(36).slice(2)}.pdf`);
	writeFileSync(f, buf);
	return execFileSync("pdftotext", ["-layout", f, "-"], { encoding: "utf8" });
}
// The summary form's fields as the page shows them.
function finalForm(html) {
	const rev = html.match(/action="[^"]*\/programme\/final"[\s\S]*?name="rev" value="(\d+)"/);
	assert.ok(rev, "the final form with its rev");
	return { rev: rev[1] };
}

test("an organisation without a programme: 404 on the final report, the zip and the summary", async () => {
	for (const c of [admin, staff]) {
		assert.equal((await c.get(`/o/${org}/programme/final.pdf`)).status, 404);
		assert.equal((await c.get(`/o/${org}/programme/deliverables.zip`)).status, 404);
	}
	assert.equal((await admin.get(`/o/${bare}/programme/final.pdf`)).status, 404);
	assert.equal((await admin.get(`/o/${bare}/programme/deliverables.zip`)).status, 404);
	const g = await api("admin", "GET", `/api/v1/orgs/${bare}/engagement/summary`);
	assert.equal(g.status, 404);
	assert.equal(g.json.error, "no_engagement");
	assert.equal((await api("admin", "PUT", `/api/v1/orgs/${bare}/engagement/summary`, { rev: 1, summary: "x" })).status, 404);
	// and the advisor opens one
	const res = await api("adv", "POST", `/api/v1/orgs/${org}/engagement`, { template: "four_visits", first_visit: first });
	assert.equal(res.status, 201, res.text);
});

test("the summary form: a done day in the future, both days, or no day is refused next to its field, every value kept", async () => {
	const page = await adv.get(P());
	assert.match(page.text, /name="summary"/);
	assert.match(page.text, /href="\/o\/\d+\/programme\/final\.pdf"/);
	assert.match(page.text, /href="\/o\/\d+\/programme\/deliverables\.zip"/);
	const { rev } = finalForm(page.text);
	const summary = "基本方針を作り、\n対策の計画を立てました。<b>";
	const tomorrow = plus(today(), 1);
	let res = await adv.submit(P(), `${P()}/final`, { rev, summary, two_star_done: tomorrow, two_star_planned: "" });
	assert.equal(res.status, 422);
	assert.match(res.text, /<p class="field-msg" id="e-two_star_done">申請を済ませた日は今日より後にできません/);
	assert.ok(res.text.includes(">基本方針を作り、\n対策の計画を立てました。&lt;b&gt;</textarea>"), "the summary kept, escaped");
	assert.match(res.text, new RegExp(`name="two_star_done" value="${tomorrow}"`));
	res = await adv.submit(P(), `${P()}/final`, { rev, summary, two_star_done: today(), two_star_planned: tomorrow });
	assert.equal(res.status, 422);
	assert.match(res.text, /id="e-two_star_planned">済ませた日と予定日は、どちらか一つだけ/);
	res = await adv.submit(P(), `${P()}/final`, { rev, summary, two_star_done: "", two_star_planned: "2026-02-30" });
	assert.equal(res.status, 422);
	assert.match(res.text, /id="e-two_star_planned">/);
	res = await adv.submit(P(), `${P()}/final`, { rev, summary: "長".repeat(4001), two_star_done: "", two_star_planned: "" });
	assert.equal(res.status, 422);
	assert.match(res.text, /id="e-summary"/);
	// a planned day in the future is fine
	const planned = plus(today(), 20);
	res = await adv.submit(P(), `${P()}/final`, { rev, summary, two_star_done: "", two_star_planned: planned });
	assert.equal(res.status, 303, res.text.slice(0, 300));
	// the same rev again is stale: 409, the text posted kept
	res = await adv.submit(P(), `${P()}/final`, { rev, summary: "古い画面から", two_star_done: "", two_star_planned: "" });
	assert.equal(res.status, 409);
	assert.match(textOf(res.text), /ほかの人/);
	assert.ok(res.text.includes(">古い画面から</textarea>"));
	// members read it, without the form
	const s = await staff.get(P());
	assert.doesNotMatch(s.text, /name="summary"/);
	assert.ok(textOf(s.text).includes(`${planned} に申請する予定です。`));
	assert.ok(textOf(s.text).includes("対策の計画を立てました。<b>"));
	// the org admin may not write it, as the rest of the programme
	assert.equal((await boss.submit(P(), `${P()}/final`, { rev: String(+rev + 1), summary: "x" })).status, 403);
	// the audit says so
	const audit = await admin.get(`/o/${org}/audit`);
	assert.ok(textOf(audit.text).includes(`- ${planned}`));
});

test("the summary API: the same checks, the rev, 409 when stale, 403 for a member", async () => {
	let g = await api("staff", "GET", `/api/v1/orgs/${org}/engagement/summary`);
	assert.equal(g.status, 200);
	assert.equal(g.json.two_star.state, "planned");
	assert.equal(g.json.two_star.planned_on, plus(today(), 20));
	assert.equal(g.json.summary, "基本方針を作り、\n対策の計画を立てました。<b>");
	const rev = g.json.rev;
	assert.equal(rev, 2);
	let res = await api("adv", "PUT", `/api/v1/orgs/${org}/engagement/summary`, { rev, summary: "x", two_star: { done_on: plus(today(), 1) } });
	assert.equal(res.status, 422);
	assert.deepEqual([res.json.errors[0].field, res.json.errors[0].code], ["two_star.done_on", "done_future"]);
	res = await api("adv", "PUT", `/api/v1/orgs/${org}/engagement/summary`, { rev, summary: "x", two_star: { done_on: today(), planned_on: today() } });
	assert.deepEqual([res.status, res.json.errors[0].code], [422, "both_days"]);
	res = await api("adv", "PUT", `/api/v1/orgs/${org}/engagement/summary`, { rev: "2", summary: "x" });
	assert.deepEqual([res.status, res.json.errors[0].field], [422, "rev"]);
	res = await api("staff", "PUT", `/api/v1/orgs/${org}/engagement/summary`, { rev, summary: "x" });
	assert.equal(res.status, 403);
	const doneOn = plus(today(), -2);
	res = await api("adv", "PUT", `/api/v1/orgs/${org}/engagement/summary`, { rev, summary: "二つ星を宣言しました。\n次は手順書です。", two_star: { done_on: doneOn } });
	assert.equal(res.status, 200, res.text);
	assert.deepEqual(res.json, { summary: "二つ星を宣言しました。\n次は手順書です。", two_star: { state: "done", done_on: doneOn, planned_on: "" }, rev: 3 });
	res = await api("adv", "PUT", `/api/v1/orgs/${org}/engagement/summary`, { rev, summary: "古い" });
	assert.deepEqual([res.status, res.json.errors[0].code], [409, "stale"]);
	g = await api("adv", "GET", `/api/v1/orgs/${org}/engagement/summary`);
	assert.equal(g.json.summary, "二つ星を宣言しました。\n次は手順書です。");
});

const exp = {};

test("the final report PDF: the visits, the diagnosis before and after from the answers posted, the plan's done/total", async () => {
	// two diagnoses closed after the programme opened: the first is "before"
	for (const [k, people] of [["before", BEFORE], ["after", AFTER]]) {
		const round = (await api("admin", "POST", `/api/v1/orgs/${org}/rounds`, { title: k === "before" ? "初回診断" : "再診断" })).json.id;
		const res = await api("admin", "POST", `/api/v1/rounds/${round}/answers`, csvOf(people), "text/csv");
		assert.ok(res.status < 300, res.text);
		assert.equal((await api("admin", "POST", `/api/v1/rounds/${round}/close`)).status, 200);
		exp[k] = figures(people);
	}
	// the plan: 2 of 3 done (human 1/2, technical 1/1)
	for (const r of [{ measure: "パスワードの決まりを作る", area: "human", status: "done" },
		{ measure: "入退室の記録", area: "human" }, { measure: "バックアップを自動にする", area: "technical", status: "done" }])
		assert.equal((await api("admin", "POST", `/api/v1/orgs/${org}/plan`, r)).status, 201);
	// two visits held, online and on site
	for (const [n, held, mode, who] of [[1, first, "online", "社長、総務部長"], [2, plus(first, 14), "on_site", "社長、現場主任"]]) {
		const v = (await api("adv", "GET", `/api/v1/orgs/${org}/engagement/visits/${n}`)).json;
		const res = await api("adv", "PUT", `/api/v1/orgs/${org}/engagement/visits/${n}`, {
			rev: v.rev, planned: v.planned, held, attendees: who, mode, notes: {}, decisions: "", homework: [] });
		assert.equal(res.status, 200, res.text);
	}
	const pdf = await bytes(staff, `${P()}/final.pdf`);
	assert.equal(pdf.status, 200);
	assert.equal(pdf.type, "application/pdf");
	assert.match(pdf.disposition, /attachment; filename="mamori-final-report-\d{4}-\d{2}-\d{2}\.pdf"/);
	assert.equal(pdf.body.subarray(0, 5).toString(), "%PDF-");
	const t = pdfText(pdf.body);
	const flat = t.replace(/\s+/g, " ");
	assert.ok(flat.includes("支援の最終報告"));
	assert.ok(flat.includes("まとめ建設株式会社"));
	// the visits: held with their days, mode and attendees; the rest planned
	assert.match(t, new RegExp(`${first}\\s+オンラインで\\s+社長、総務部長`));
	assert.match(t, new RegExp(`${plus(first, 14)}\\s+訪問して\\s+社長、現場主任`));
	for (const n of [2, 3]) assert.ok(flat.includes(plus(first, 14 * n)), `visit ${n + 1} planned`);
	// the diagnosis: company score and the three parts, before, after, change
	const b = exp.before, a = exp.after;
	const rowRe = (label, x, y) => new RegExp(`${label}\\s+${fmt(x).replace("-", "-")}\\s+${fmt(y)}\\s+${fmtDelta(y - x).replace("+", "\\+")}`);
	assert.match(t, rowRe("会社の点数", b.company, a.company), `company ${fmt(b.company)} → ${fmt(a.company)}`);
	const lines = t.split("\n");
	for (let k = 0; k < 3; k++) {
		const want = `${fmt(b.parts[k])}\\s+${fmt(a.parts[k])}\\s+${fmtDelta(a.parts[k] - b.parts[k]).replace("+", "\\+")}\\s*$`;
		assert.ok(lines.some((l) => new RegExp(want).test(l)), `part ${k + 1}: ${fmt(b.parts[k])} → ${fmt(a.parts[k])}`);
	}
	assert.match(t, /回答者数\s+2\s+3/);
	assert.ok(flat.includes("初回診断") && flat.includes("再診断"));
	// the plan: 2/3 in all, human 1/2, technical 1/1, the others 0/0
	assert.ok(flat.includes("済んだ対策：2/3"));
	assert.match(t, /人的対策\s+1\/2/);
	assert.match(t, /技術的対策\s+1\/1/);
	assert.match(t, /組織的対策\s+0\/0/);
	// the parts without data say so
	assert.ok(flat.includes("承認された基本方針はまだありません。"));
	assert.ok(flat.includes("関連規程の見直しはまだ記録されていません。"));
	// the two-star state and the summary
	assert.ok(flat.includes(`${plus(today(), -2)} に申請を済ませました。`));
	assert.ok(flat.includes("二つ星を宣言しました。") && flat.includes("次は手順書です。"));
	// every page renders
	const f = join(dir, "final.pdf");
	writeFileSync(f, pdf.body);
	execFileSync("pdftoppm", ["-r", "30", "-png", f, join(dir, "final")]);
});

function unzipList(file) {
	const out = execFileSync("unzip", ["-Z1", file], { encoding: "utf8" });
	return out.split("\n").filter(Boolean);
}

test("the zip: every deliverable numbered in ASCII, each a valid PDF or workbook, and a README with what is missing and why", async () => {
	// a pledge handed over and an approved, published policy
	assert.equal((await api("adv", "POST", `/api/v1/orgs/${org}/pledges`, { name: "支援 一郎", date: today() })).status, 201);
	const z = await bytes(staff, `${P()}/deliverables.zip`);
	assert.equal(z.status, 200);
	assert.equal(z.type, "application/zip");
	const m = z.disposition.match(/filename="mamori-deliverables-(\d{4}-\d{2}-\d{2})\.zip"; filename\*=UTF-8''(.*)$/);
	assert.ok(m, z.disposition);
	assert.equal(m[1], today());
	assert.equal(decodeURIComponent(m[2]), `mamori-まとめ建設株式会社-成果物一式-${today()}.zip`);
	const file = join(dir, "all.zip");
	writeFileSync(file, z.body);
	const names = unzipList(file);
	assert.deepEqual(names, [
		"01-final-report.pdf", "02-diagnosis-report.pdf", "03-diagnosis-report.xlsx",
		"04-regulations-review.xlsx", "05-action-plan.xlsx", "06-hearing-sheet.pdf", "07-hearing-sheet.xlsx",
		"08-pledge-1.pdf", "09-visit-1-report.pdf", "10-visit-2-report.pdf", "11-inventories.xlsx", "README.txt",
	]);
	for (const n of names) {
		assert.match(n, /^[\x21-\x7e]+$/, "ASCII");
		const body = execFileSync("unzip", ["-p", file, n], { maxBuffer: 64 << 20 });
		if (n.endsWith(".pdf")) {
			assert.equal(body.subarray(0, 5).toString(), "%PDF-", n);
			assert.ok(pdfText(body).trim().length > 0, `${n} has text`);
		} else if (n.endsWith(".xlsx")) {
			const x = join(dir, "entry.xlsx");
			writeFileSync(x, body);
			assert.ok(unzipList(x).includes("xl/workbook.xml"), `${n} is a workbook`);
		}
	}
	// the final report inside is the one served alone (same figures)
	const inner = pdfText(execFileSync("unzip", ["-p", file, "01-final-report.pdf"]));
	assert.match(inner, new RegExp(`会社の点数\\s+${fmt(exp.before.company)}\\s+${fmt(exp.after.company)}`));
	const readme = execFileSync("unzip", ["-p", file, "README.txt"], { encoding: "utf8" });
	assert.match(readme, /^この zip に入っているもの\r\nまとめ建設株式会社 — 作った日 \d{4}-\d{2}-\d{2}\r\n/);
	for (const n of names.filter((x) => x !== "README.txt")) assert.ok(readme.includes(n), `README lists ${n}`);
	assert.ok(readme.includes("入っていないもの:\r\n- 情報セキュリティ基本方針（承認された最新の版）: 承認された基本方針がまだないため\r\n"));
	assert.ok(readme.includes("秘密保持の誓約書 (支援 一郎, " + today() + ")"));
	// in English for a reader who asks so
	const en = await fetch(srv.base + `${P()}/deliverables.zip`, { headers: { cookie: `${adv.cookieHeader()}; lang=en` } });
	const enFile = join(dir, "en.zip");
	writeFileSync(enFile, Buffer.from(await en.arrayBuffer()));
	const enReadme = execFileSync("unzip", ["-p", enFile, "README.txt"], { encoding: "utf8" });
	assert.ok(enReadme.startsWith("What this zip holds\r\nまとめ建設株式会社 — Made on "), enReadme.slice(0, 80));
	assert.ok(enReadme.includes("Not in it:\r\n- Basic security policy (the latest approved version): no version of the policy has been approved yet\r\n"), enReadme);
	assert.deepEqual(unzipList(enFile), names, "the same names in either language");
});

test("with an approved policy the zip holds it, and the final report gives its day and public address", async () => {
	const form = await admin.get(`/o/${org}/policy/edit`);
	const v = { _csrf: form.text.match(/name="_csrf" value="([^"]+)"/)[1] };
	for (const mm of form.text.matchAll(/<input type="(?:text|date|hidden)" [^>]*name="([^"]+)" value="([^"]*)"/g)) v[mm[1]] = unescape(mm[2]);
	for (const mm of form.text.matchAll(/<input type="(?:text|date)" id="[^"]*" name="([^"]+)"(?! value)/g)) v[mm[1]] ??= "";
	for (const mm of form.text.matchAll(/<textarea [^>]*name="([^"]+)"[^>]*>([^<]*)<\/textarea>/g)) v[mm[1]] = unescape(mm[2]);
	const scope = form.text.match(/name="scope" value="([a-z]+)" checked/);
	if (scope) v.scope = scope[1];
	Object.assign(v, { enacted: "2025-04-01", rep_title: "代表取締役", rep_name: "山田 太郎" });
	assert.equal((await admin.post(`/o/${org}/policy/edit`, v)).status, 303);
	let page = await admin.get(`/o/${org}/policy`);
	const csrf = page.text.match(/name="_csrf" value="([^"]+)"/)[1];
	assert.equal((await admin.post(`/o/${org}/policy/approve`, { _csrf: csrf, version: "1" })).status, 303);
	page = await admin.get(`/o/${org}/policy`);
	assert.equal((await admin.post(`/o/${org}/policy/publish`, { _csrf: page.text.match(/name="_csrf" value="([^"]+)"/)[1], slug: "matome-hoshin" })).status, 303);
	const t = pdfText((await bytes(staff, `${P()}/final.pdf`)).body).replace(/\s+/g, " ");
	assert.ok(t.includes(`${today()} (第1版)`), "approved today, version 1");
	assert.ok(t.includes(`/p/matome-hoshin/policy`), "the public address");
	assert.ok(t.includes("公開中"));
	const z = await bytes(boss, `${P()}/deliverables.zip`);
	const file = join(dir, "all2.zip");
	writeFileSync(file, z.body);
	const names = unzipList(file);
	assert.equal(names[3], "04-basic-policy.pdf");
	assert.equal(execFileSync("unzip", ["-p", file, "04-basic-policy.pdf"]).subarray(0, 5).toString(), "%PDF-");
	const readme = execFileSync("unzip", ["-p", file, "README.txt"], { encoding: "utf8" });
	assert.ok(readme.includes("入っていないもの:\r\n（ありません）\r\n"), readme);
});
