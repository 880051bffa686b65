// The diagnosis report: PDF, XLSX, CSV and JSON from one builder, on the
// web and from the command line; an open round is refused; a missing font
// is one clear error and no file.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer, Client, firstAdmin, makeOrg, csrfOf, cli, bin } from "./lib.mjs";

const dir = mkdtempSync(join(tmpdir(), "mamori-report-"));
let srv, admin, org, round, auth;
before(async () => {
	srv = await startServer();
	admin = await firstAdmin(srv);
	org = await makeOrg(admin, { name: "報告書テスト株式会社" });
	auth = { authorization: `Bearer ${cli(["user", "token", "admin@example.jp", "--db", srv.db]).stdout.trim()}` };
	const post = (path, body, type) => new Client(srv.base).req("POST", path, { body, headers: { ...auth, "content-type": type } });
	round = JSON.parse((await post(`/api/v1/orgs/${org}/rounds`, JSON.stringify({ title: "2026年度 第1回" }), "application/json")).text).id;
	const head = "name,role," + Array.from({ length: 25 }, (_, i) => `q${i + 1}`).join(",");
	const row = (name, role, a) => `${name},${role},${a.join(",")}`;
	const csv = [head,
		row("山田 太郎", "executive", Array(25).fill("yes")),
		row("佐藤 花子", "employee", [...Array(20).fill("partly"), ...Array(5).fill("unknown")]),
		row("鈴木 一郎", "manager", [...Array(10).fill("no"), ...Array(15).fill("yes")])].join("\n") + "\n";
	assert.equal((await post(`/api/v1/rounds/${round}/answers`, csv, "text/csv")).status, 201);
});
after(async () => {
	await srv?.stop();
	rmSync(dir, { recursive: true, force: true });
});

async function download(path) {
	const res = await fetch(srv.base + path, { headers: { cookie: admin.cookieHeader() }, redirect: "manual" });
	return { status: res.status, type: res.headers.get("content-type"), disposition: res.headers.get("content-disposition"), body: Buffer.from(await res.arrayBuffer()) };
}
const pdfText = (file) => execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
const unzip = (file, part) => execFileSync("unzip", ["-p", file, part], { encoding: "utf8" });
const R = () => `/o/${org}/rounds/${round}/report`;

test("an open round has no report, on the web and on the command line", async () => {
	const page = await admin.get(`/o/${org}/rounds/${round}/results`);
	assert.match(page.text, /この診断はまだ回答受付中のため、報告書を作れません/);
	const res = await admin.get(`${R()}/pdf`);
	assert.equal(res.status, 409);
	assert.match(res.text, /締め切ってからダウンロードしてください/);
	const out = join(dir, "open.pdf");
	const r = cli(["export", "round", String(round), "--format", "pdf", "-o", out, "--db", srv.db]);
	assert.equal(r.status, 1);
	assert.match(r.stderr, /round \d+ is still open: close it before exporting its report/);
	assert.ok(!existsSync(out));
	// closed through the API
	const closed = await new Client(srv.base).req("POST", `/api/v1/rounds/${round}/close`, { headers: auth });
	assert.equal(closed.status, 200);
});

test("the PDF holds the headings, the figures and every respondent", async () => {
	const page = await admin.get(`/o/${org}/rounds/${round}/results`);
	assert.match(page.text, new RegExp(`href="${R()}/pdf"`));
	const res = await download(`${R()}/pdf`);
	assert.equal(res.status, 200);
	assert.equal(res.type, "application/pdf");
	assert.match(res.disposition, /attachment; filename="mamori-round-\d+\.pdf"/);
	assert.equal(res.body.subarray(0, 5).toString(), "%PDF-");
	const file = join(dir, "web.pdf");
	writeFileSync(file, res.body);
	const text = pdfText(file);
	for (const s of ["情報セキュリティ自社診断 報告書", "報告書テスト株式会社", "2026年度 第1回",
		"経営者の方へ: まとめ", "まず取り組む5つのこと", "分野ごとの点数", "項目ごとの回答",
		"経営者と社員の見方のちがい", "同じような会社との比較", "付録: 回答者ごとの回答",
		"山田 太郎", "佐藤 花子", "鈴木 一郎"])
		assert.ok(text.includes(s), `PDF lacks ${s}`);
	// (100 + 35 + 60) / 3 = 65.0
	assert.match(text, /65\.0/);
	assert.match(text, /比べられる会社がまだ5社に満たない/);
	assert.match(text, /\d+ \/ \d+/, "page numbers");
});

test("the workbook has the four sheets advisors build by hand, with numbers as numbers", async () => {
	const res = await download(`${R()}/xlsx`);
	assert.equal(res.status, 200);
	assert.match(res.type, /spreadsheetml\.sheet/);
	const file = join(dir, "web.xlsx");
	writeFileSync(file, res.body);
	const wb = unzip(file, "xl/workbook.xml");
	const sheets = [...wb.matchAll(/<sheet name="([^"]+)"/g)].map((m) => m[1]);
	assert.deepEqual(sheets, ["概要", "項目別の回答", "同業比較", "回答者別"]);
	const strings = unzip(file, "xl/sharedStrings.xml");
	for (const s of ["報告書テスト株式会社", "会社の点数", "山田 太郎", "実施している"])
		assert.ok(strings.includes(s), `workbook lacks ${s}`);
	assert.match(unzip(file, "xl/worksheets/sheet1.xml"), /<v>65<\/v>/);
	// respondents: the executive scored 100, answers as points
	const people = unzip(file, "xl/worksheets/sheet4.xml");
	assert.match(people, /<v>100<\/v>/);
	assert.match(people, /<v>-1<\/v>/);
});

test("CSV goes back in as it came out; JSON is what the API serves", async () => {
	const csv = await download(`${R()}/csv`);
	assert.equal(csv.status, 200);
	const text = csv.body.toString();
	assert.match(text, /^name,role,q1,/);
	assert.match(text, /山田 太郎,executive,yes,yes/);
	const f = join(dir, "round.csv");
	writeFileSync(f, text);
	const scored = cli(["diagnosis", "score", f, "--format", "json"]);
	assert.equal(scored.status, 0, scored.stderr);
	assert.equal(JSON.parse(scored.stdout).company_score, 65);
	const json = await download(`${R()}/json`);
	const api = await admin.get(`/api/v1/rounds/${round}/results`);
	assert.deepEqual(JSON.parse(json.body.toString()), JSON.parse(api.text));
	assert.equal((await admin.get(`${R()}/docx`)).status, 404);
});

test("mamori export round writes the same report; a bad format is refused", () => {
	const pdf = join(dir, "cli.pdf");
	let r = cli(["export", "round", String(round), "--format", "pdf", "-o", pdf, "--db", srv.db]);
	assert.equal(r.status, 0, r.stderr);
	assert.match(pdfText(pdf), /まず取り組む5つのこと/);
	r = cli(["export", "round", String(round), "--format", "pdf", "--lang", "en", "-o", pdf, "--db", srv.db]);
	assert.equal(r.status, 0, r.stderr);
	assert.match(pdfText(pdf), /Summary for the executive/);
	const xlsx = join(dir, "cli.xlsx");
	r = cli(["export", "round", String(round), "--format=xlsx", "-o", xlsx, "--db", srv.db]);
	assert.equal(r.status, 0, r.stderr);
	assert.match(unzip(xlsx, "xl/workbook.xml"), /<sheet name="概要"/);
	r = cli(["export", "round", String(round), "--format", "docx", "-o", xlsx, "--db", srv.db]);
	assert.equal(r.status, 2);
	assert.match(r.stderr, /unknown format 'docx'/);
	r = cli(["export", "round", "999", "--format", "csv", "-o", xlsx, "--db", srv.db]);
	assert.equal(r.status, 1);
	assert.match(r.stderr, /round 999: no such round/);
});

test("without the Japanese font the PDF is one clear error and no file", () => {
	const conf = join(dir, "fonts.conf");
	writeFileSync(conf, `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig><cachedir>${dir}/fc</cachedir></fontconfig>\n`);
	const out = join(dir, "nofont.pdf");
	let status = 0, stderr = "";
	try {
		execFileSync(bin, ["export", "round", String(round), "--format", "pdf", "-o", out, "--db", srv.db],
			{ env: { ...process.env, FONTCONFIG_FILE: conf }, stdio: ["pipe", "pipe", "pipe"] });
	} catch (e) { status = e.status; stderr = e.stderr.toString(); }
	assert.equal(status, 1);
	assert.match(stderr, /IPAexGothic/);
	assert.equal(stderr.trim().split("\n").length, 1, stderr);
	assert.ok(!existsSync(out));
	// the workbook needs no font
	const x = cli(["export", "round", String(round), "--format", "xlsx", "-o", join(dir, "f.xlsx"), "--db", srv.db]);
	assert.equal(x.status, 0);
});

test("every export is in the audit log", async () => {
	const audit = await admin.get(`/o/${org}/audit`);
	assert.match(audit.text, /診断 No\.\d+ の報告書（PDF）<\/td><td[^>]*>127\.0\.0\.1/);
	assert.match(audit.text, /診断 No\.\d+ の集計表（Excel）<\/td><td[^>]*>サーバーのコマンド/);
});
