// The regulations review as the programme's list (issue 12 §5; src/report/
// reg_review_doc.c, src/pages/page_regform.c): the workbook has one line
// for each of the twelve areas in the content pack's order — its number,
// name and what it covers (read here from content/registers/
// regulations.yaml), the state stored through the API or "not decided yet"
// (no row, no state, or "undecided"), the document, owner, next review and
// notes; the state column offers the four states as Excel's pull-down
// list; under it the number of areas in each state, counted here from what
// was stored.  The PDF says the same on one A4 portrait page.  The links on
// the review panel, the file names, the audit log, English, a plain
// member, and another organisation's admin (404).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer, firstAdmin, makeOrg, inviteUser, cli, top } from "./lib.mjs";

// The areas and the states, from the pack itself.
const REGS = readFileSync(join(top, "content/registers/regulations.yaml"), "utf8");
const AREAS = [...REGS.matchAll(/- key: ([a-z_]+)\n\s+number: (\d+)\n\s+label: \{ja: "([^"]+)", en: "([^"]+)"\}\n\s+purpose: \{ja: "([^"]+)", en: "([^"]+)"\}/g)]
	.map((m) => ({ key: m[1], number: +m[2], ja: m[3], en: m[4], covers: m[5], coversEn: m[6] }));
const STATES = [...REGS.slice(REGS.indexOf("\nstatuses:")).matchAll(/- key: ([a-z_]+)\n\s+label: \{ja: "([^"]+)", en: "([^"]+)"\}/g)]
	.map((m) => ({ key: m[1], ja: m[2], en: m[3] }));
const STATE = Object.fromEntries(STATES.map((s) => [s.key, s]));
const CHOICES = ["new", "revised", "keep", "not_needed"];

const HEAD = ["No.", "分野", "何を決めるか", "今回の見直し", "規程の名前・版（またはリンク）", "担当", "次の見直し日", "備考"];
const HEAD_EN = ["No.", "Area", "What it covers", "This review", "Document title and version (or link)", "Owner", "Next review", "Notes"];
const SHEET = "関連規程の見直し";

// What is stored: area → fields.  Three areas get no row; "it_use" a row
// without a state, "physical" the state "undecided": five not decided.
const STORED = {
	organisational: { status: "new", document: "情報セキュリティ組織規程 第1版", owner: "総務部 佐藤", next_review: "2027-04-01", note: "役員会で承認予定" },
	human: { status: "new", document: "https://example.jp/rules/human", owner: "人事 鈴木" },
	assets: { status: "revised", document: "情報資産管理規程 第3版", next_review: "2027-03-31" },
	access: { status: "new", owner: "情報システム 田中", note: "パスワードの決まりを\n見直す" },
	physical: { status: "undecided" },
	it_use: { owner: "未定" },
	it_ops: { status: "keep", document: "IT基盤運用規程 第2版" },
	development: { status: "not_needed", note: "自社で作るシステムはない" },
	mynumber: { status: "revised", next_review: "2026-12-25" },
};
const stateOf = (key) => {
	const st = STORED[key]?.status;
	return st && st !== "undecided" ? st : "undecided";
};

const dir = mkdtempSync(join(tmpdir(), "mamori-regform-"));
let srv, admin, auth, org, other, outsider, member;
before(async () => {
	srv = await startServer();
	admin = await firstAdmin(srv);
	auth = { authorization: `Bearer ${cli(["user", "token", "admin@example.jp", "--db", srv.db]).stdout.trim()}` };
	org = await makeOrg(admin, { name: "規程一覧株式会社" });
	other = await makeOrg(admin, { name: "別の会社" });
	outsider = await inviteUser(admin, srv, other, "outsider@example.jp", "org_admin");
	member = await inviteUser(admin, srv, org, "member@example.jp", "member");
	for (const [area, f] of Object.entries(STORED)) {
		const res = await admin.req("POST", `/api/v1/orgs/${org}/regulations`, {
			body: JSON.stringify({ area, ...f }), headers: { ...auth, "content-type": "application/json" } });
		assert.equal(res.status, 201, `${area}: ${res.text}`);
	}
	// the other organisation's rows stay out of this one's list
	const res = await admin.req("POST", `/api/v1/orgs/${other}/regulations`, {
		body: JSON.stringify({ area: "telework", status: "keep", document: "他社の規程" }),
		headers: { ...auth, "content-type": "application/json" } });
	assert.equal(res.status, 201, res.text);
});
after(async () => {
	if (!srv) return;
	const code = await srv.stop();
	rmSync(dir, { recursive: true, force: true });
	assert.ok(!/ERROR: (Address|Leak)Sanitizer|runtime error:/.test(srv.stderr()), "sanitizer report:\n" + srv.stderr().slice(-3000));
	assert.equal(code, 0, "server exit status");
});

const unzip = (file, part) => execFileSync("unzip", ["-p", file, part], { encoding: "utf8", maxBuffer: 1 << 26 });
const unxml = (s) => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&amp;/g, "&");
// Each sheet's rows as arrays of cells, and its XML.
function sheets(file) {
	const ss = [...unzip(file, "xl/sharedStrings.xml").matchAll(/<si>([\s\S]*?)<\/si>/g)]
		.map((m) => unxml([...m[1].matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((t) => t[1]).join("")));
	const names = [...unzip(file, "xl/workbook.xml").matchAll(/<sheet name="([^"]+)"/g)].map((m) => m[1]);
	const out = {};
	names.forEach((name, i) => {
		const xml = unzip(file, `xl/worksheets/sheet${i + 1}.xml`);
		const rows = [...xml.matchAll(/<row r="(\d+)"[^>]*>([\s\S]*?)<\/row>/g)].map((r) => {
			const row = [...r[2].matchAll(/<c r="([A-Z]+)\d+"([^>]*?)(?:\/>|>(?:<v>([^<]*)<\/v>)?<\/c>)/g)].reduce((row, c) => {
				const col = c[1].split("").reduce((s, ch) => s * 26 + ch.charCodeAt(0) - 64, 0) - 1;
				row[col] = /t="s"/.test(c[2]) ? ss[+c[3]] : c[3] === undefined ? "" : +c[3];
				return row;
			}, []);
			row.at = +r[1];	// the sheet's row number
			return row;
		});
		out[name] = { rows, xml };
	});
	return out;
}
async function download(c, path, file) {
	const res = await fetch(`${srv.base}${path}`, { headers: { cookie: c.cookieHeader() } });
	if (res.status === 200)
		writeFileSync(file, Buffer.from(await res.arrayBuffer()));
	return { status: res.status, type: res.headers.get("content-type"), disposition: res.headers.get("content-disposition") ?? "" };
}
const today = () => new Date(Date.now() + 9 * 3600e3).toISOString().slice(0, 10);

// The counts per state, computed here: the four, then "not decided".
function wantCounts() {
	const n = Object.fromEntries(STATES.map((s) => [s.key, 0]));
	for (const a of AREAS)
		n[stateOf(a.key)]++;
	return n;
}

test("the pack gives twelve areas and five states, and the test stores a spread of them", () => {
	assert.equal(AREAS.length, 12);
	assert.deepEqual(STATES.map((s) => s.key), [...CHOICES, "undecided"]);
	const n = wantCounts();
	assert.deepEqual(n, { new: 3, revised: 2, keep: 1, not_needed: 1, undecided: 5 });
});

test("the workbook: every area in order with its stored values, the pull-down list, the counts", async () => {
	// the review panel of the list links to both downloads
	const list = await admin.get(`/o/${org}/r/regulations`);
	assert.equal(list.status, 200);
	const panel = list.text.match(/<section class="panel reg-review"[\s\S]*?<\/section>/)?.[0] ?? "";
	assert.ok(panel.includes(`href="/o/${org}/r/regulations/form.xlsx"`), "xlsx link in the review panel");
	assert.ok(panel.includes(`href="/o/${org}/r/regulations/form.pdf"`), "pdf link in the review panel");

	const xfile = join(dir, "form.xlsx");
	const got = await download(admin, `/o/${org}/r/regulations/form.xlsx`, xfile);
	assert.equal(got.status, 200);
	assert.match(got.type, /spreadsheetml/);
	assert.match(got.disposition, /^attachment/);
	assert.ok(got.disposition.includes(`filename="mamori-regulations-form-${today()}.xlsx"`), got.disposition);

	const wb = sheets(xfile);
	const sh = wb[SHEET];
	assert.ok(sh, `the sheet: ${Object.keys(wb)}`);
	const all = sh.rows.map((r) => r.join(" ")).join("\n");
	assert.ok(all.includes("規程一覧株式会社"), "the organisation");
	assert.ok(all.includes(today()), "the date");
	assert.ok(all.includes("この一覧表は提出します"), "the hand-over line");
	assert.ok(!all.includes("他社の規程"), "nothing of the other organisation");
	const h = sh.rows.findIndex((r) => r[0] === HEAD[0]);
	assert.ok(h >= 0, "a header row");
	assert.deepEqual(sh.rows[h].slice(0, HEAD.length), HEAD);
	assert.equal(sh.rows[h].length, HEAD.length);

	const body = sh.rows.slice(h + 1, h + 1 + AREAS.length);
	AREAS.forEach((a, i) => {
		const r = body[i], f = STORED[a.key] ?? {};
		assert.equal(r[0], a.number, `${a.key}: number`);
		assert.equal(r[1], a.ja, `${a.key}: name`);
		assert.equal(r[2], a.covers, `${a.key}: what it covers`);
		assert.equal(r[3], STATE[stateOf(a.key)].ja, `${a.key}: state`);
		assert.equal(r[4] ?? "", f.document ?? "", `${a.key}: document`);
		assert.equal(r[5] ?? "", f.owner ?? "", `${a.key}: owner`);
		assert.equal(r[6] ?? "", f.next_review ?? "", `${a.key}: next review`);
		assert.equal(r[7] ?? "", f.note ?? "", `${a.key}: note`);
	});
	// the line after the twelve is not another area
	assert.ok(!AREAS.some((a) => sh.rows[h + 1 + AREAS.length]?.[1] === a.ja));

	// the state column: the four states as a pull-down list on the twelve
	const first = body[0].at, last = body[AREAS.length - 1].at;
	assert.equal(last - first, AREAS.length - 1);
	const dv = [...sh.xml.matchAll(/<dataValidation ([^>]*)>([\s\S]*?)<\/dataValidation>/g)];
	assert.equal(dv.length, 1, "one pull-down list");
	assert.match(dv[0][1], /type="list"/);
	assert.match(dv[0][1], new RegExp(`sqref="D${first}:D${last}"`));
	assert.equal(unxml(dv[0][2]), `<formula1>"${CHOICES.map((k) => STATE[k].ja).join(",")}"</formula1>`);

	// the counts: a header, each state with its number, the total
	const want = wantCounts();
	const c = sh.rows.findIndex((r, i) => i > h && r[0] === "今回の見直し" && r[1] === "分野の数");
	assert.ok(c > h, "the count table");
	const counts = sh.rows.slice(c + 1, c + 1 + STATES.length + 1).map((r) => [r[0], r[1]]);
	assert.deepEqual(counts, [...STATES.map((s) => [s.ja, want[s.key]]), ["合計", 12]]);
	assert.equal(STATES.reduce((t, s) => t + want[s.key], 0), 12);

	// the download in the audit log, in words
	const audit = await admin.get(`/o/${org}/audit`);
	assert.ok(audit.text.includes("関連規程の見直し（見直し一覧表・Excel）"), "audit: xlsx");
});

test("the PDF: one A4 portrait page, every area with its state in order, the counts", async () => {
	const pfile = join(dir, "form.pdf");
	const got = await download(admin, `/o/${org}/r/regulations/form.pdf`, pfile);
	assert.equal(got.status, 200);
	assert.equal(got.type, "application/pdf");
	assert.ok(got.disposition.includes(`filename="mamori-regulations-form-${today()}.pdf"`), got.disposition);
	const info = execFileSync("pdfinfo", [pfile], { encoding: "utf8" });
	const [, w, hh] = info.match(/Page size:\s+([\d.]+) x ([\d.]+) pts/);
	assert.ok(Math.abs(+w - 595.28) < 1 && Math.abs(+hh - 841.89) < 1, `A4 portrait: ${w} x ${hh}`);
	assert.match(info, /Pages:\s+1\n/, "one page");

	// a cell may wrap (a blank where it wraps is gone): its lines come one
	// after the other
	const raw = execFileSync("pdftotext", ["-raw", pfile, "-"], { encoding: "utf8" }).replace(/\s+/g, "");
	const squeeze = (s) => s.replace(/\s+/g, "");
	for (const s of [...HEAD, "規程一覧株式会社", today(), "この一覧表は提出します"])
		assert.ok(raw.includes(squeeze(s)), `the PDF says ${s}`);
	assert.ok(!raw.includes("他社の規程"));
	assert.ok(!raw.includes("4つの状況のどれかを選べます"), "the pull-down note is the workbook's");
	// between one area's name and the next, that area's state and values
	let at = raw.indexOf(HEAD[HEAD.length - 1]);
	const pos = AREAS.map((a) => (at = raw.indexOf(a.ja, at + 1)));
	assert.ok(pos.every((p) => p > 0), `every area, in order: ${pos}`);
	const tail = raw.indexOf("見直しの状況ごとの分野の数");
	assert.ok(tail > pos[pos.length - 1]);
	AREAS.forEach((a, i) => {
		const seg = raw.slice(pos[i], i + 1 < AREAS.length ? pos[i + 1] : tail);
		const f = STORED[a.key] ?? {};
		const shown = STATES.filter((s) => seg.includes(s.ja)).map((s) => s.key);
		assert.deepEqual(shown, [stateOf(a.key)], `${a.key}: the state`);
		for (const v of [a.covers, f.document, f.owner, f.next_review, f.note])
			if (v) assert.ok(seg.includes(squeeze(v)), `${a.key}: ${v}`);
	});

	// the counts, one line each
	const text = execFileSync("pdftotext", ["-layout", pfile, "-"], { encoding: "utf8" });
	const want = wantCounts();
	for (const s of [...STATES, { ja: "合計", key: "total" }]) {
		const esc = s.ja.replace(/[()]/g, "\\$&");
		const m = text.match(new RegExp(`^\\s*${esc}\\s+(\\d+)\\s*$`, "m"));
		assert.ok(m, `a count line for ${s.ja}`);
		assert.equal(+m[1], s.key === "total" ? 12 : want[s.key], `the count of ${s.ja}`);
	}

	const audit = await admin.get(`/o/${org}/audit`);
	assert.ok(audit.text.includes("関連規程の見直し（見直し一覧表・PDF）"), "audit: pdf");
});

test("an organisation without rows: twelve areas not decided yet, and the hand-over line", async () => {
	const empty = await makeOrg(admin, { name: "まだ何もない会社" });
	const xfile = join(dir, "empty.xlsx");
	assert.equal((await download(admin, `/o/${empty}/r/regulations/form.xlsx`, xfile)).status, 200);
	const sh = sheets(xfile)[SHEET];
	const h = sh.rows.findIndex((r) => r[0] === HEAD[0]);
	assert.deepEqual(sh.rows.slice(h + 1, h + 13).map((r) => [r[1], r[3]]), AREAS.map((a) => [a.ja, STATE.undecided.ja]));
	const c = sh.rows.findIndex((r, i) => i > h && r[0] === "今回の見直し" && r[1] === "分野の数");
	assert.deepEqual(sh.rows.slice(c + 1, c + 7).map((r) => r[1]), [0, 0, 0, 0, 12, 12]);
	assert.ok(sh.rows.some((r) => String(r[0]).includes("この一覧表は提出します")));
});

test("in English: the labels, the states and the pull-down list in English", async () => {
	await admin.get("/lang/en");
	try {
		const xfile = join(dir, "en.xlsx");
		const got = await download(admin, `/o/${org}/r/regulations/form.xlsx`, xfile);
		assert.equal(got.status, 200);
		const sh = sheets(xfile)["Regulations review"];
		assert.ok(sh, "the English sheet");
		const h = sh.rows.findIndex((r) => r[0] === HEAD_EN[0]);
		assert.deepEqual(sh.rows[h].slice(0, HEAD_EN.length), HEAD_EN);
		AREAS.forEach((a, i) => {
			const r = sh.rows[h + 1 + i];
			assert.deepEqual([r[1], r[2], r[3]], [a.en, a.coversEn, STATE[stateOf(a.key)].en], a.key);
		});
		const dv = sh.xml.match(/<formula1>([^<]*)<\/formula1>/);
		assert.equal(unxml(dv[1]), `"${CHOICES.map((k) => STATE[k].en).join(",")}"`);
		const pfile = join(dir, "en.pdf");
		assert.equal((await download(admin, `/o/${org}/r/regulations/form.pdf`, pfile)).status, 200);
		// words wrap, some with a hyphen
		const raw = execFileSync("pdftotext", ["-raw", pfile, "-"], { encoding: "utf8" }).replace(/-\n/g, "").replace(/\s+/g, " ");
		for (const s of ["Regulations review list", "Areas in each state", ...AREAS.map((a) => a.en), ...STATES.map((s) => s.en)])
			assert.ok(raw.includes(s), `the English PDF says ${s}`);
	} finally {
		await admin.get("/lang/ja");
	}
});

test("a plain member downloads both; another organisation's admin gets 404", async () => {
	const list = await member.get(`/o/${org}/r/regulations`);
	assert.equal(list.status, 200);
	assert.ok(list.text.includes(`/o/${org}/r/regulations/form.xlsx`));
	for (const ext of ["xlsx", "pdf"]) {
		assert.equal((await download(member, `/o/${org}/r/regulations/form.${ext}`, join(dir, `m.${ext}`))).status, 200, ext);
		assert.equal((await download(outsider, `/o/${org}/r/regulations/form.${ext}`, join(dir, `o.${ext}`))).status, 404, ext);
	}
	// the outsider's own list has none of this organisation's rows
	const xfile = join(dir, "other.xlsx");
	assert.equal((await download(outsider, `/o/${other}/r/regulations/form.xlsx`, xfile)).status, 200);
	const sh = sheets(xfile)[SHEET];
	const all = sh.rows.map((r) => r.join(" ")).join("\n");
	assert.ok(all.includes("他社の規程"));
	assert.ok(!all.includes("情報資産管理規程"));
	const h = sh.rows.findIndex((r) => r[0] === HEAD[0]);
	const c = sh.rows.findIndex((r, i) => i > h && r[0] === "今回の見直し" && r[1] === "分野の数");
	assert.deepEqual(sh.rows.slice(c + 1, c + 7).map((r) => r[1]), [0, 0, 1, 0, 11, 12]);
});
