// The plan in the programme's own form: the workbook's columns in the
// form's order, the four areas as group headings in the form's order (an
// area without rows too), each row under its area, highest points first
// (computed here on their own), the scales as labels, the tick for new
// ways of working; the PDF as text, on A4 landscape pages; the links on
// the plan's list and the downloads in the audit log.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer, firstAdmin, makeOrg, cli } from "./lib.mjs";

const dir = mkdtempSync(join(tmpdir(), "mamori-planform-"));
let srv, admin, auth, org;
before(async () => {
	srv = await startServer();
	admin = await firstAdmin(srv);
	auth = { authorization: `Bearer ${cli(["user", "token", "admin@example.jp", "--db", srv.db]).stdout.trim()}` };
	org = await makeOrg(admin, { name: "様式確認株式会社" });
});
after(async () => { await srv?.stop(); rmSync(dir, { recursive: true, force: true }); });

const api = async (m, p, body) => {
	const res = await admin.req(m, p, { body: JSON.stringify(body), headers: { ...auth, "content-type": "application/json" } });
	assert.ok(res.status < 300, `${m} ${p}: ${res.status} ${res.text}`);
	return JSON.parse(res.text);
};
const unzip = (file, part) => execFileSync("unzip", ["-p", file, part], { encoding: "utf8", maxBuffer: 1 << 26 });
function sheets(file) {
	const ss = [...unzip(file, "xl/sharedStrings.xml").matchAll(/<si>([\s\S]*?)<\/si>/g)]
		.map((m) => [...m[1].matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((t) => t[1]).join("")
			.replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"'));
	const names = [...unzip(file, "xl/workbook.xml").matchAll(/<sheet name="([^"]+)"/g)].map((m) => m[1]);
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
const download = async (path, file) => {
	const res = await fetch(`${srv.base}${path}`, { headers: auth });
	assert.equal(res.status, 200, path);
	assert.match(res.headers.get("content-disposition") ?? "", /attachment/);
	writeFileSync(file, Buffer.from(await res.arrayBuffer()));
};

const AREAS = ["organisational", "human", "technical", "physical"];
const AREA_JA = ["組織的対策", "人的対策", "技術的対策", "物理的対策"];
const LV = ["high", "mid", "low"], LV_JA = ["高", "中", "低"];
const DF = ["easy", "mid", "hard"], DF_JA = ["易", "中", "難"];
const HEAD = ["分野", "いまの状態と課題", "具体的な対策", "新しい働き方", "緊急度", "重要度",
	"難易度", "実施するか", "期限", "予算・人手の心配", "優先度", "担当", "進み具合"];
const NONE = "（まだありません）";

test("the plan form: columns, groups by area, order by points, labels", async () => {
	let seed = 777;
	const rnd = (n) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
	const now = new Date(Date.now() + 9 * 3600e3);
	const month = `${now.getUTCFullYear()}-${String(now.getUTCMonth() + 1).padStart(2, "0")}`;
	const made = [];
	for (let k = 0; k < 12; k++) {
		// the physical area gets no row: its heading stands all the same
		const area = k === 0 ? 0 : k === 1 ? 1 : k === 2 ? 2 : rnd(3);
		const u = rnd(3), im = rnd(3), d = rnd(3);
		const row = { area: AREAS[area], measure: `計画対策${String(k).padStart(2, "0")}`,
			current: `現状${k}`, urgency: LV[u], importance: LV[im], difficulty: DF[d],
			newnormal: k % 3 === 0, decision: "yes", deadline: month, concerns: `懸念${k}`,
			owner: `担当${k}`, status: "todo" };
		const got = await api("POST", `/api/v1/orgs/${org}/plan`, row);
		const points = (3 - u) + (3 - im) + (3 - d);
		assert.equal(got.points, points);
		made.push({ ...row, id: got.id, area, u, im, d, points });
	}

	// the list links to both downloads
	const list = await admin.get(`/o/${org}/r/plan`);
	assert.equal(list.status, 200);
	assert.ok(list.text.includes(`href="/o/${org}/r/plan/form.xlsx"`), "xlsx link");
	assert.ok(list.text.includes(`href="/o/${org}/r/plan/form.pdf"`), "pdf link");

	const xfile = join(dir, "form.xlsx");
	await download(`/o/${org}/r/plan/form.xlsx`, xfile);
	const wb = sheets(xfile);
	const sh = wb["情報セキュリティ対策実行計画"];
	assert.ok(sh, `the sheet: ${Object.keys(wb)}`);
	const h = sh.findIndex((r) => r[0] === HEAD[0]);
	assert.ok(h >= 0, "a header row");
	assert.deepEqual(sh[h].slice(0, HEAD.length), HEAD);
	assert.equal(sh[h].length, HEAD.length);

	const groups = [];
	let cur = -1;
	for (const r of sh.slice(h + 1)) {
		const m = r[2];
		if (typeof m === "string" && m.startsWith("計画対策")) {
			assert.ok(cur >= 0, `${m} under a group`);
			groups[groups.length - 1].rows.push(r);
			continue;
		}
		const g = AREA_JA.indexOf(r[0]);
		if (g < 0)
			break;	// the notes under the table
		cur = g;
		groups.push({ area: g, empty: m === NONE, rows: [] });
	}
	assert.deepEqual(groups.map((g) => g.area), [0, 1, 2, 3], "the four areas in the form's order");
	for (const g of groups) {
		const want = made.filter((x) => x.area === g.area)
			.sort((a, b) => b.points - a.points || a.id - b.id);
		assert.equal(g.empty, want.length === 0, `${AREA_JA[g.area]}: the "none yet" line`);
		assert.deepEqual(g.rows.map((r) => r[2]), want.map((x) => x.measure), `${AREA_JA[g.area]}: by points`);
		g.rows.forEach((r, i) => {
			const x = want[i];
			assert.equal(r[0], AREA_JA[g.area]);
			assert.equal(r[1], x.current);
			assert.equal(r[3] ?? "", x.newnormal ? "✓" : "");
			assert.deepEqual([r[4], r[5], r[6]], [LV_JA[x.u], LV_JA[x.im], DF_JA[x.d]]);
			assert.equal(r[7], "実施する");
			assert.equal(r[8], month);
			assert.equal(r[9], x.concerns);
			assert.equal(r[10], x.points >= 8 ? "A（最優先）" : x.points >= 6 ? "B" : "C");
			assert.equal(r[11], x.owner);
			assert.equal(r[12], "未着手");
		});
	}
	assert.equal(groups[3].rows.length, 0);

	const pfile = join(dir, "form.pdf");
	await download(`/o/${org}/r/plan/form.pdf`, pfile);
	const text = execFileSync("pdftotext", ["-layout", pfile, "-"], { encoding: "utf8" });
	// a heading may wrap in its cell: its lines come one after the other
	const raw = execFileSync("pdftotext", ["-raw", pfile, "-"], { encoding: "utf8" }).replace(/\n/g, "");
	for (const s of [...HEAD, ...AREA_JA, NONE, "様式確認株式会社"])
		assert.ok(raw.includes(s), `the PDF says ${s}`);
	for (const x of made)
		assert.ok(text.includes(x.measure), `the PDF has ${x.measure}`);
	const info = execFileSync("pdfinfo", [pfile], { encoding: "utf8" });
	const [, w, hh] = info.match(/Page size:\s+([\d.]+) x ([\d.]+) pts/);
	assert.ok(+w > +hh, `landscape: ${w} x ${hh}`);
	assert.ok(Math.abs(+w - 841.89) < 1 && Math.abs(+hh - 595.28) < 1, `A4: ${w} x ${hh}`);

	// both downloads in the audit log, in words
	const audit = await admin.get(`/o/${org}/audit`);
	assert.ok(audit.text.includes("情報セキュリティ対策実行計画（計画書の様式・PDF）"), "audit: pdf");
	assert.ok(audit.text.includes("情報セキュリティ対策実行計画（計画書の様式・Excel）"), "audit: xlsx");
});

test("the plan form of an empty plan still has the four areas", async () => {
	const org2 = await makeOrg(admin, { name: "空の計画" });
	const xfile = join(dir, "empty.xlsx");
	await download(`/o/${org2}/r/plan/form.xlsx`, xfile);
	const sh = sheets(xfile)["情報セキュリティ対策実行計画"];
	const h = sh.findIndex((r) => r[0] === HEAD[0]);
	assert.deepEqual(sh.slice(h + 1, h + 5).map((r) => [r[0], r[2]]), AREA_JA.map((a) => [a, NONE]));
	const pfile = join(dir, "empty.pdf");
	await download(`/o/${org2}/r/plan/form.pdf`, pfile);
	const text = execFileSync("pdftotext", ["-layout", pfile, "-"], { encoding: "utf8" });
	for (const a of AREA_JA)
		assert.ok(text.includes(a), `the PDF says ${a}`);
});
