// Paper and print: the deadline of a round, the questionnaire PDF, the CSV
// template that goes back in through the import, and the QR sheet to post.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer, Client, firstAdmin, makeOrg, openRound, csrfOf, unescape, cli, bin, top, ORG } from "./lib.mjs";

let srv, admin, org, round, rp, dir;

before(async () => {
	srv = await startServer();
	admin = await firstAdmin(srv);
	org = await makeOrg(admin);
	round = await openRound(admin, org, "2025年度 紙の診断");
	rp = `/o/${org}/rounds/${round}`;
	dir = mkdtempSync(join(tmpdir(), "mamori-paper-"));
});

after(async () => {
	await srv.stop();
	// MAMORI_KEEP=1 keeps the files to look at
	if (process.env.MAMORI_KEEP) console.log(`# files in ${dir}`);
	else rmSync(dir, { recursive: true, force: true });
});

const sharedLink = (html) => unescape(html.match(/<code class="secret copy">([^<]*\/s\/[^<]*)<\/code>/)[1]);

async function download(path, file) {
	const res = await fetch(srv.base + path, { headers: { cookie: admin.cookieHeader() } });
	const bytes = Buffer.from(await res.arrayBuffer());
	if (file) writeFileSync(join(dir, file), bytes);
	return { status: res.status, type: res.headers.get("content-type"), bytes };
}

async function upload(text) {
	const page = await admin.get(rp);
	const fd = new FormData();
	fd.append("_csrf", csrfOf(page.text));
	fd.append("csv", new Blob([text], { type: "text/csv" }), "answers.csv");
	const r = await fetch(srv.base + `${rp}/import`, { method: "POST", body: fd,
		headers: { cookie: admin.cookieHeader() }, redirect: "manual" });
	return { status: r.status, text: await r.text() };
}

test("a deadline: a bad date is refused next to the field, a good one is shown to respondents", async () => {
	let res = await admin.submit(rp, `${rp}/deadline`, { deadline: "2025-02-30" });
	assert.equal(res.status, 422);
	assert.match(res.text, /field field-error[^]*実在する日にしてください/);
	assert.match(res.text, /name="deadline"[^>]*value="2025-02-30"/);
	res = await admin.submit(rp, `${rp}/deadline`, { deadline: "next week" });
	assert.equal(res.status, 422);
	res = await admin.submit(rp, `${rp}/deadline`, { deadline: "2025-06-30" });
	assert.equal(res.status, 200);
	assert.match(res.text, /締切日を保存しました/);
	assert.match(res.text, /回答の締切: 2025年6月30日（月）/);
	assert.match(res.text, /name="deadline"[^>]*value="2025-06-30"/);
	// the shared link's page says it
	const shared = new Client(srv.base);
	const page = await shared.get(new URL(sharedLink(res.text)).pathname);
	assert.equal(page.status, 200);
	assert.match(page.text, /回答の締切: 2025年6月30日（月）/);
	// another organisation's round is not there
	assert.equal((await admin.submit(rp, `/o/${org}/rounds/99999/deadline`, { deadline: "2025-06-30" })).status, 404);
});

test("the round page links to the questionnaire, the template and the QR sheet", async () => {
	const page = await admin.get(rp);
	for (const href of ["paper.pdf", "template.csv", "qr-sheet"])
		assert.match(page.text, new RegExp(`href="${rp}/${href}"`));
});

test("the questionnaire PDF: company, round, deadline, link, 25 questions with four answers each", async () => {
	const link = sharedLink((await admin.get(rp)).text);
	const pdf = await download(`${rp}/paper.pdf`, "q.pdf");
	assert.equal(pdf.status, 200);
	assert.equal(pdf.type, "application/pdf");
	assert.equal(pdf.bytes.subarray(0, 5).toString(), "%PDF-");
	const file = join(dir, "q.pdf");
	const text = execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
	const flat = text.replace(/\s+/g, "");
	assert.ok(flat.includes(ORG.name), "company name");
	assert.ok(flat.includes("2025年度紙の診断"), "round title");
	assert.ok(flat.includes("2025年6月30日（月）"), "deadline");
	assert.ok(flat.includes(link.replace(/\s+/g, "")), "shared link as text");
	for (const label of ["実施している", "一部実施している", "実施していない", "わからない"])
		assert.ok((text.match(new RegExp(`(?<!一部)${label}`, "g")) || []).length >= 25, label);
	for (let i = 1; i <= 25; i++)
		assert.match(text, new RegExp(`(^|\\s)${i}\\s+\\S`, "m"), `question ${i}`);
	for (const role of ["経営者", "管理者", "従業員"]) assert.ok(flat.includes(role), role);
	const info = execFileSync("pdfinfo", [file], { encoding: "utf8" });
	const pages = +info.match(/Pages:\s+(\d+)/)[1];
	assert.ok(pages >= 2 && pages <= 5, `pages: ${pages}`);
	assert.match(info, /Page size:\s+595\.\d* x 841\.\d* pts \(A4\)/);
	// no question is split: each page's questions are whole (the number,
	// then its four answers on the same page)
	const byPage = text.split("\f");
	for (const [k, p] of byPage.entries()) {
		const nums = [...p.matchAll(/^\s{0,3}(\d{1,2})\s{2,}\S/gm)].map((m) => +m[1]).filter((n) => n >= 1 && n <= 25);
		const boxes = (p.match(/わからない/g) || []).length;
		assert.ok(boxes >= nums.length, `page ${k + 1}: ${nums.length} questions, ${boxes} answer rows`);
	}
	// in English for an English reader
	await admin.get("/lang/en");
	const en = await download(`${rp}/paper.pdf`, "q-en.pdf");
	await admin.get("/lang/ja");
	const etext = execFileSync("pdftotext", [join(dir, "q-en.pdf"), "-"], { encoding: "utf8" });
	for (const label of ["Implemented", "Partly implemented", "Not implemented", "Don't know"])
		assert.ok(etext.includes(label), label);
	assert.ok(etext.includes("Monday 30 June 2025"));
	assert.equal(en.status, 200);
});

test("the questionnaire is for the organisation's admins and advisors only", async () => {
	const other = new Client(srv.base);
	const res = await other.get(`${rp}/paper.pdf`);
	assert.notEqual(res.status, 200);
	assert.equal((await admin.get(`/o/${org}/rounds/99999/paper.pdf`)).status, 404);
	assert.equal((await admin.get(`/o/${org}/rounds/99999/template.csv`)).status, 404);
	assert.equal((await admin.get(`/o/${org}/rounds/99999/qr-sheet`)).status, 404);
});

test("the CSV template: as downloaded it imports nothing, with a clear error; filled in, it imports", async () => {
	const t = await download(`${rp}/template.csv`);
	assert.equal(t.status, 200);
	assert.match(t.type, /^text\/csv/);
	assert.deepEqual([...t.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], "UTF-8 BOM for Excel");
	const text = t.bytes.toString("utf8").slice(1);
	const lines = text.split("\r\n");
	assert.equal(lines[0], "name,role," + Array.from({ length: 25 }, (_, i) => `q${i + 1}`).join(","));
	assert.ok(lines.slice(1).filter((l) => l !== "").every((l) => l.startsWith("#")), "only notes below the header");
	assert.match(text, /4=実施している/);
	assert.match(text, /-1=わからない/);
	// empty: the importer says there is nobody in it
	let res = await upload(t.bytes);
	assert.equal(res.status, 422);
	assert.match(res.text, /回答の行がありません/);
	// filled as people do: lines appended below the notes, the example
	// line's '#' removed for one of them
	const example = lines.find((l) => l.startsWith("#例"));
	const filled = text + example.replace(/^#例 /, "") + "\r\n" + `,経営者,${Array(25).fill("4").join(",")}\r\n`;
	res = await upload("\ufeff" + filled);
	assert.equal(res.status, 200, res.text.slice(0, 2000));
	assert.match(res.text, /2人分の回答を取り込みました/);
	const api = JSON.parse((await admin.get(`/api/v1/rounds/${round}/results`)).text);
	assert.equal(api.respondents.length, 2);
	// the same file through the CLI reader
	writeFileSync(join(dir, "filled.csv"), "\ufeff" + filled);
	const out = cli(["diagnosis", "score", join(dir, "filled.csv"), "--format", "json"]);
	assert.equal(out.status, 0, out.stderr);
});

test("the QR sheet: company, round, a large QR code, the link and one line on what to do", async () => {
	const link = sharedLink((await admin.get(rp)).text);
	const res = await admin.get(`${rp}/qr-sheet`);
	assert.equal(res.status, 200);
	assert.match(res.text, /class="qr-sheet-org">テスト工業株式会社</);
	assert.match(res.text, /<h1[^>]*>2025年度 紙の診断<\/h1>/);
	assert.match(res.text, /スマートフォンのカメラで読み取って回答してください/);
	assert.match(res.text, /<div class="qr-sheet-code"><svg [^>]*viewBox="0 0 \d+ \d+"/);
	assert.ok(unescape(res.text).includes(`class="qr-sheet-url">${link}<`));
	assert.match(res.text, /回答の締切: 2025年6月30日（月）/);
});

test("`mamori export questionnaire` writes the same PDF and template", async () => {
	const db = srv.db;
	const pdf = join(dir, "cli.pdf"), csv = join(dir, "cli.csv");
	let out = cli(["export", "questionnaire", String(round), "-o", pdf, "--db", db, "--content-dir", join(top, "content")]);
	assert.equal(out.status, 0, out.stderr);
	const text = execFileSync("pdftotext", [pdf, "-"], { encoding: "utf8" }).replace(/\s+/g, "");
	assert.ok(text.includes(ORG.name));
	assert.ok(text.includes("2025年6月30日（月）"));
	out = cli(["export", "questionnaire", String(round), "--format", "csv", "-o", csv, "--db", db, "--content-dir", join(top, "content")]);
	assert.equal(out.status, 0, out.stderr);
	assert.match(readFileSync(csv, "utf8"), /^\ufeffname,role,q1,/);
	out = cli(["export", "questionnaire", "99999", "-o", pdf, "--db", db, "--content-dir", join(top, "content")]);
	assert.notEqual(out.status, 0);
	assert.match(out.stderr, /no such round/);
});
