// Every register of an organisation in one file: the workbook's summary
// (rows per register, the heat map, the bands, the plan by priority and
// status) against a computation of the test's own from the rows it made;
// the PDF as text; the command line's file the same as the web's.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer, firstAdmin, makeOrg, cli } from "./lib.mjs";

const dir = mkdtempSync(join(tmpdir(), "mamori-regreport-"));
let srv, admin, auth, org;
before(async () => {
	srv = await startServer();
	admin = await firstAdmin(srv);
	auth = { authorization: `Bearer ${cli(["user", "token", "admin@example.jp", "--db", srv.db]).stdout.trim()}` };
	org = await makeOrg(admin, { name: "台帳一式株式会社" });
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
const likelihood = (t, v) => (t === 3 && v === 3 ? 3 : t + v === 5 ? 2 : 1);
function importance(a) {
	let m = Math.max(a.c, a.i, a.a);
	if (a.personal === "personal") m = Math.max(m, 2);
	if (a.personal === "sensitive" || a.personal === "mynumber") m = 3;
	return m;
}

test("the registers' workbook and PDF show the figures the rows make", async () => {
	let seed = 4242;
	const rnd = (n) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
	const kinds = ["none", "personal", "sensitive", "mynumber"];
	const assets = [];
	for (let k = 0; k < 9; k++) {
		const a = { name: `表資産${k}`, c: 1 + rnd(3), i: 1 + rnd(3), a: 1 + rnd(3), personal: kinds[rnd(4)] };
		assets.push({ ...a, id: (await api("POST", `/api/v1/orgs/${org}/assets`, a)).id });
	}
	const threats = JSON.parse((await admin.get("/api/v1/catalogue/threats", { headers: auth })).text);
	const heat = [[0, 0, 0], [0, 0, 0], [0, 0, 0]];	// [importance-1][likelihood-1]
	const band = { low: 0, mid: 0, high: 0 };
	const want = new Map();	// risk id → [likelihood, value, band]
	for (let k = 0; k < 23; k++) {
		const a = assets[rnd(assets.length)], t = 1 + rnd(3), v = 1 + rnd(3);
		const made = await api("POST", `/api/v1/orgs/${org}/risks`, { asset: a.id, threat: threats[k % threats.length].key, threat_level: t, vulnerability: v });
		const imp = importance(a), lik = likelihood(t, v), val = imp * lik;
		heat[imp - 1][lik - 1]++;
		const b = val >= 6 ? "high" : val >= 3 ? "mid" : "low";
		band[b]++;
		want.set(made.id, [lik, val, b]);
		assert.deepEqual([made.likelihood, made.value, made.band], want.get(made.id), "the API");
	}
	const lv = ["high", "mid", "low"], df = ["easy", "mid", "hard"], st = ["todo", "doing", "done", "dropped"];
	const pri = { a: 0, b: 0, c: 0 };
	const now = new Date(Date.now() + 9 * 3600e3);
	const month = `${now.getUTCFullYear()}-${String(now.getUTCMonth() + 1).padStart(2, "0")}`;
	const wantPlan = new Map();	// plan id → [points, priority]
	for (let k = 0; k < 11; k++) {
		const u = rnd(3), im = rnd(3), d = rnd(3);
		const made = await api("POST", `/api/v1/orgs/${org}/plan`, { area: "technical", measure: `対策${k}`, urgency: lv[u], importance: lv[im], difficulty: df[d], status: st[rnd(4)], deadline: month });
		const pts = (3 - u) + (3 - im) + (3 - d);
		const p = pts >= 8 ? "a" : pts >= 6 ? "b" : "c";
		pri[p]++;
		wantPlan.set(made.id, [pts, p]);
		assert.deepEqual([made.points, made.priority], wantPlan.get(made.id), "the API");
	}
	await api("POST", `/api/v1/orgs/${org}/regulations`, { area: "access", status: "new" });

	const x = await fetch(`${srv.base}/o/${org}/registers/xlsx`, { headers: auth });
	assert.equal(x.status, 200);
	const xfile = join(dir, "regs.xlsx");
	writeFileSync(xfile, Buffer.from(await x.arrayBuffer()));
	const wb = sheets(xfile);
	for (const name of ["概要", "情報資産管理台帳", "リスク分析", "情報セキュリティ対策実行計画", "関連規程の見直し"])
		assert.ok(wb[name], `a sheet ${name}: ${Object.keys(wb)}`);
	const sum = wb["概要"];
	const rowOf = (label) => sum.find((r) => r[0] === label);
	assert.equal(rowOf("情報資産管理台帳")[1], 9);
	assert.equal(rowOf("リスク分析")[1], 23);
	assert.equal(rowOf("情報セキュリティ対策実行計画")[1], 11);
	// the heat map: rows importance 3, 2, 1; columns likelihood 1, 2, 3
	for (const imp of [3, 2, 1]) {
		const r = sum.find((row) => row[0] === String(imp) && row.length === 4);
		assert.ok(r, `heat row ${imp}`);
		assert.deepEqual(r.slice(1), heat[imp - 1], `importance ${imp}`);
	}
	assert.equal(sum.find((r) => /^低 — /.test(r[0]))[1], band.low);
	assert.equal(sum.find((r) => /^中 — /.test(r[0]))[1], band.mid);
	assert.equal(sum.find((r) => /^高 — /.test(r[0]))[1], band.high);
	// the plan: the total column of each priority
	for (const [k, label] of [["a", "A（最優先）"], ["b", "B"], ["c", "C"]]) {
		const r = sum.find((row) => row[0] === label);
		assert.equal(r.at(-1), pri[k], `priority ${k}`);
	}
	// each register whole: the risks' values as the API gives them
	const risks = JSON.parse((await admin.get(`/api/v1/orgs/${org}/risks`, { headers: auth })).text).rows;
	const rs = wb["リスク分析"];
	const vcol = rs.findIndex((r) => r.includes("リスク値"));
	const head = rs[vcol];
	const col = head.indexOf("リスク値");
	const vals = rs.slice(vcol + 1).map((r) => r[col]).filter((v) => typeof v === "number");
	assert.deepEqual(vals, risks.map((r) => r.value));

	// the risk list page: each row's likelihood, value and level
	const cells = (html, label) => [...html.matchAll(new RegExp(`<td[^>]*data-label="${label}"[^>]*>([\\s\\S]*?)</td>`, "g"))]
		.map((m) => m[1].replace(/<[^>]+>/g, "").trim());
	const idsOf = (html, reg) => [...html.matchAll(new RegExp(`<a href="/o/${org}/r/${reg}/(\\d+)"`, "g"))].map((m) => +m[1]);
	const lp = (await admin.get(`/o/${org}/r/risks`, { headers: auth })).text;
	const ids = idsOf(lp.slice(lp.indexOf('class="table reg-table"')), "risks");
	assert.equal(ids.length, 23);
	const bandJa = { low: "低", mid: "中", high: "高" };
	const lk = cells(lp, "被害の起きやすさ"), vs = cells(lp, "リスク値"), bs = cells(lp, "リスクの大きさ");
	ids.forEach((id, k) => {
		const [lik, val, b] = want.get(id);
		assert.deepEqual([+lk.at(-23 + k), +vs.at(-23 + k), bs.at(-23 + k)], [lik, val, bandJa[b]], `risk ${id} on the list page`);
	});
	// the risk CSV: the same, by key
	const rcsv = (await admin.get(`/o/${org}/r/risks/export.csv`, { headers: auth })).text.replace(/^\uFEFF/, "").trim().split("\r\n").map((l) => l.split(","));
	const rh = rcsv[0];
	for (const row of rcsv.slice(1)) {
		const id = +row[rh.indexOf("id")] || null;
		const w = id ? want.get(id) : null;
		const got = [+row[rh.indexOf("likelihood")], +row[rh.indexOf("value")], row[rh.indexOf("band")]];
		assert.ok([...want.values()].some((x) => x[0] === got[0] && x[1] === got[1] && x[2] === got[2]), `csv row ${row}`);
		if (w) assert.deepEqual(got, w);
	}
	assert.equal(rcsv.length - 1, 23);
	assert.deepEqual(rcsv.slice(1).map((r) => +r[rh.indexOf("value")]).sort((x, y) => x - y),
		[...want.values()].map((x) => x[1]).sort((x, y) => x - y), "every value in the CSV");
	// the plan list page and CSV: points and priority
	const pp = (await admin.get(`/o/${org}/r/plan`, { headers: auth })).text;
	const pids = idsOf(pp.slice(pp.indexOf('class="table reg-table"')), "plan");
	assert.equal(pids.length, 11);
	const prs = cells(pp, "優先度");
	const priJa = { a: "A（最優先）", b: "B", c: "C" };
	pids.forEach((id, k) => assert.equal(prs.at(-11 + k), priJa[wantPlan.get(id)[1]], `plan ${id} on the list page`));
	const pcsv = (await admin.get(`/o/${org}/r/plan/export.csv`, { headers: auth })).text.replace(/^\uFEFF/, "").trim().split("\r\n").map((l) => l.split(","));
	const ph = pcsv[0];
	assert.deepEqual(pcsv.slice(1).map((r) => [+r[ph.indexOf("points")], r[ph.indexOf("priority")]]).sort(),
		[...wantPlan.values()].map((x) => [x[0], x[1]]).sort(), "points and priority in the CSV");

	// the PDF: text of its pages
	const p = await fetch(`${srv.base}/o/${org}/registers/pdf`, { headers: auth });
	assert.equal(p.status, 200);
	const pfile = join(dir, "regs.pdf");
	writeFileSync(pfile, Buffer.from(await p.arrayBuffer()));
	const text = execFileSync("pdftotext", ["-layout", pfile, "-"], { encoding: "utf8" });
	assert.match(text, /情報セキュリティ台帳/);
	assert.match(text, /台帳一式株式会社/);
	assert.match(text, /表資産0/);
	assert.match(text, /mamori独自/);
	// the summary's heat table in the PDF: importance 3, 2, 1 with the
	// counts for likelihood 1, 2, 3
	const after = text.slice(text.indexOf("重要度 \\ 被害の起きやすさ"));
	const heatRows = [...after.matchAll(/^\s*([123])\s+(\d+)\s+(\d+)\s+(\d+)\s*$/gm)].slice(0, 3);
	assert.deepEqual(heatRows.map((m) => [+m[1], +m[2], +m[3], +m[4]]),
		[3, 2, 1].map((imp) => [imp, ...heat[imp - 1]]), "the heat table in the PDF");
	for (const [k, label] of [["low", "低"], ["mid", "中"], ["high", "高"]]) {
		const m = text.match(new RegExp(`${label} — リスク値[^\\n]*?\\s(\\d+)\\s*$`, "m"));
		assert.ok(m, `band ${k} in the PDF`);
		assert.equal(+m[1], band[k], `band ${k} in the PDF`);
	}
	// the command line writes the same workbook figures
	const cfile = join(dir, "cli.xlsx");
	const r = cli(["export", "org", String(org), "--format", "xlsx", "-o", cfile, "--db", srv.db]);
	assert.equal(r.status, 0, r.stderr);
	assert.deepEqual(sheets(cfile)["概要"], sum);
	assert.equal(cli(["export", "org", String(org), "--format", "csv", "-o", cfile, "--db", srv.db]).status, 2);
	assert.equal(cli(["export", "org", "999999", "--format", "pdf", "-o", cfile, "--db", srv.db]).status, 1);
	// another organisation's file does not exist for a stranger
	assert.equal((await fetch(`${srv.base}/o/999999/registers/pdf`, { headers: auth })).status, 404);
});
