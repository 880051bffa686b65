// The diagnosis report: PDF, XLSX, CSV and JSON from one builder, on the
// web and from the command line; an open round is refused; a missing font
// is one clear error and no file.  Reports are anonymous (R1, R2 …) unless
// an admin asks for the internal version; members get totals only.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer, Client, firstAdmin, makeOrg, csrfOf, cli, bin, inviteUser } from "./lib.mjs";

const dir = mkdtempSync(join(tmpdir(), "mamori-report-"));
let srv, admin, member, org, round, auth;
const NAMES = ["山田 太郎", "佐藤 花子", "鈴木 一郎"];
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
	member = await inviteUser(admin, srv, org, "member@example.jp");
});
after(async () => {
	await srv?.stop();
	rmSync(dir, { recursive: true, force: true });
});

async function download(path, who = admin) {
	const res = await fetch(srv.base + path, { headers: { cookie: who.cookieHeader() }, redirect: "manual" });
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

test("the PDF holds the headings, the figures and every respondent, anonymous unless asked", async () => {
	const page = await admin.get(`/o/${org}/rounds/${round}/results`);
	assert.match(page.text, new RegExp(`href="${R()}/pdf"`));
	const res = await download(`${R()}/pdf`);
	assert.equal(res.status, 200);
	assert.equal(res.type, "application/pdf");
	assert.match(res.disposition, /^attachment; filename="mamori-round-\d+-\d{4}-\d{2}-\d{2}\.pdf"; filename\*=UTF-8''mamori-%E5%A0%B1/);
	assert.equal(res.body.subarray(0, 5).toString(), "%PDF-");
	const file = join(dir, "web.pdf");
	writeFileSync(file, res.body);
	const text = pdfText(file);
	for (const s of ["情報セキュリティ自社診断 報告書", "報告書テスト株式会社", "2026年度 第1回",
		"経営者の方へ: まとめ", "まず取り組む5つのこと", "分野ごとの点数", "項目ごとの回答",
		"経営者と社員の見方のちがい", "付録: 回答者ごとの回答"])
		assert.ok(text.includes(s), `PDF lacks ${s}`);
	// for outside readers: R1, R2, R3 and no names
	for (const n of NAMES) assert.ok(!text.includes(n), `anonymous PDF names ${n}`);
	for (const r of ["R1", "R2", "R3"]) assert.match(text, new RegExp(`\\b${r}\\b`));
	// the internal version, asked for explicitly, has the names
	const named = await download(`${R()}/pdf?names=1`);
	assert.equal(named.status, 200);
	writeFileSync(join(dir, "named.pdf"), named.body);
	const ntext = pdfText(join(dir, "named.pdf"));
	for (const n of NAMES) assert.ok(ntext.includes(n), `internal PDF lacks ${n}`);
	// (100 + 35 + 60) / 3 = 65.0
	assert.match(text, /65\.0/);
	// no comparison yet: one line of the summary, not a section of its own
	const pages = text.split("\f");
	assert.match(pages[0], /比べられる会社がまだ5社に満たない/);
	assert.equal((text.match(/比べられる会社がまだ5社に満たない/g) ?? []).length, 1);
	assert.ok(!text.includes("同じような会社との比較"), "no comparison section");
	// the title block and the summary share page 1: score, rating, date
	for (const s of ["情報セキュリティ自社診断 報告書", "報告書テスト株式会社", "経営者の方へ: まとめ",
		"65.0 / 100点", "作成日", "点数の見方", "まず取り組む5つのこと"])
		assert.ok(pages[0].includes(s), `page 1 lacks ${s}`);
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
	for (const s of ["報告書テスト株式会社", "会社の点数", "R1", "R3", "実施している"])
		assert.ok(strings.includes(s), `workbook lacks ${s}`);
	for (const n of NAMES) assert.ok(!strings.includes(n), `anonymous workbook names ${n}`);
	const named = await download(`${R()}/xlsx?names=1`);
	writeFileSync(join(dir, "named.xlsx"), named.body);
	const nstrings = unzip(join(dir, "named.xlsx"), "xl/sharedStrings.xml");
	for (const n of NAMES) assert.ok(nstrings.includes(n), `internal workbook lacks ${n}`);
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
	assert.match(text, /\r\nR1,executive,yes,yes/);
	assert.match(text, /\r\nR3,manager,no,/);
	for (const n of NAMES) assert.ok(!text.includes(n), `anonymous CSV names ${n}`);
	const ncsv = (await download(`${R()}/csv?names=1`)).body.toString();
	assert.match(ncsv, /山田 太郎,executive,yes,yes/);
	const f = join(dir, "round.csv");
	writeFileSync(f, text);
	const scored = cli(["diagnosis", "score", f, "--format", "json"]);
	assert.equal(scored.status, 0, scored.stderr);
	assert.equal(JSON.parse(scored.stdout).company_score, 65);
	const json = JSON.parse((await download(`${R()}/json`)).body.toString());
	const api = JSON.parse((await admin.get(`/api/v1/rounds/${round}/results`)).text);
	assert.deepEqual(api.respondents.map((r) => r.name), NAMES);
	// the same document, respondents numbered instead of named and
	// without their department (issue 16: with it, a small department's
	// rows could be told apart)
	assert.deepEqual(json, { ...api, respondents: api.respondents.map(({ department, ...r }, i) => ({ ...r, name: `R${i + 1}` })) });
	assert.deepEqual(JSON.parse((await download(`${R()}/json?names=1`)).body.toString()), api);
	assert.equal((await admin.get(`${R()}/docx`)).status, 404);
});

test("a member gets totals only: no names, no one's answers, no role of one person", async () => {
	// names=1 from a member changes nothing
	for (const q of ["", "?names=1"]) {
		const pdf = await download(`${R()}/pdf${q}`, member);
		assert.equal(pdf.status, 200);
		writeFileSync(join(dir, "member.pdf"), pdf.body);
		const text = pdfText(join(dir, "member.pdf"));
		assert.match(text, /65\.0/);
		for (const n of NAMES) assert.ok(!text.includes(n), `member PDF names ${n}`);
		assert.ok(!text.includes("付録: 回答者ごとの回答"), "no appendix of each person's answers");
		assert.match(text, /一人しかいない立場があるため/);
		const x = await download(`${R()}/xlsx${q}`, member);
		writeFileSync(join(dir, "member.xlsx"), x.body);
		const sheets = [...unzip(join(dir, "member.xlsx"), "xl/workbook.xml").matchAll(/<sheet name="([^"]+)"/g)].map((m) => m[1]);
		assert.deepEqual(sheets, ["概要", "項目別の回答", "同業比較"]);
		const strings = unzip(join(dir, "member.xlsx"), "xl/sharedStrings.xml");
		for (const n of NAMES) assert.ok(!strings.includes(n));
		// one executive, one manager, one employee: no role column has a figure
		const items = unzip(join(dir, "member.xlsx"), "xl/worksheets/sheet2.xml");
		assert.doesNotMatch(items, /<c r="[HI](?:[4-9]|\d\d)"[^>]*><v>/, "executive and staff columns are empty");
		assert.match(items, /<c r="C4"[^>]*><v>/, "the totals are there");
		const json = JSON.parse((await download(`${R()}/json${q}`, member)).body.toString());
		assert.deepEqual(json.respondents, []);
		assert.deepEqual(json.roles, []);
		assert.equal(json.company_score, 65);
		const csv = await download(`${R()}/csv${q}`, member);
		assert.equal(csv.status, 403);
		assert.match(csv.body.toString(), /組織の管理者と支援者だけがダウンロードできます/);
	}
	// the API says the same to a member
	const api = JSON.parse((await member.get(`/api/v1/rounds/${round}/results`)).text);
	assert.deepEqual(api.respondents, []);
	assert.deepEqual(api.roles, []);
	// and the results page
	const page = await member.get(`/o/${org}/rounds/${round}/results`);
	assert.equal(page.status, 200);
	for (const n of NAMES) assert.ok(!page.text.includes(n));
	assert.match(page.text, /一人ひとりの回答と点数は、組織の管理者と支援者だけが見られます/);
	assert.doesNotMatch(page.text, /<th scope="col">名前<\/th>/, "no table of people");
	assert.match(page.text, /この比べ方は組織の管理者と支援者にだけ表示されます/);
	assert.doesNotMatch(page.text, /<p class="by-role"><span>/, "no counts by role");
	assert.match(page.text, /id="roles-hidden"/);
	assert.doesNotMatch(page.text, /経営者 1|管理者 2|従業員 3/, "no line a person in the charts");
	// downloads: the members' version, no CSV, one line saying why
	assert.match(page.text, /id="dl-why">メンバー向けの報告書は全員を合わせた数字だけ/);
	assert.doesNotMatch(page.text, /report\/csv/);
	assert.doesNotMatch(page.text, /names=1/);
	// the admin sees it all, and both versions to download
	const full = await admin.get(`/o/${org}/rounds/${round}/results`);
	for (const n of NAMES) assert.ok(full.text.includes(n));
	assert.match(full.text, /<p class="by-role"><span>/);
	assert.doesNotMatch(full.text, /id="roles-hidden"/);
	assert.match(full.text, /id="dl-why">社外用は回答者を R1、R2… の番号で示し/);
	assert.match(full.text, new RegExp(`id="dl-anon"><strong class="dl-label">社外用（匿名）</strong><a href="${R()}/pdf"`));
	assert.match(full.text, new RegExp(`id="dl-names"><strong class="dl-label">社内用（氏名入り）</strong><a href="${R()}/pdf\\?names(=|&#61;)1"`));
	assert.match(full.text, new RegExp(`href="${R()}/csv\\?names(=|&#61;)1"`));
});

test("mamori export round writes the same report; a bad format is refused", () => {
	const pdf = join(dir, "cli.pdf");
	let r = cli(["export", "round", String(round), "--format", "pdf", "-o", pdf, "--db", srv.db]);
	assert.equal(r.status, 0, r.stderr);
	assert.match(pdfText(pdf), /まず取り組む5つのこと/);
	for (const n of NAMES) assert.ok(!pdfText(pdf).includes(n), `CLI PDF names ${n}`);
	r = cli(["export", "round", String(round), "--format", "pdf", "--lang", "en", "--names", "-o", pdf, "--db", srv.db]);
	assert.equal(r.status, 0, r.stderr);
	assert.match(pdfText(pdf), /Summary for the executive/);
	assert.ok(pdfText(pdf).includes("山田 太郎"), "--names: the internal version");
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
	assert.match(audit.text, /診断 No\.\d+ の報告書（PDF） — 社内用（氏名入り）<\/td><td[^>]*>127\.0\.0\.1/);
	assert.match(audit.text, /診断 No\.\d+ の報告書（PDF） — 社内用（氏名入り）<\/td><td[^>]*>サーバーのコマンド/);
	assert.match(audit.text, /診断 No\.\d+ の集計表（Excel）<\/td><td[^>]*>サーバーのコマンド/);
});
