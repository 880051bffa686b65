// The IT-BCP document and the emergency card.  Processes, systems,
// recovery steps, contacts and incidents go in through the API; every
// figure of the PDF (as text) and of the workbook (its sheets' XML) is
// checked against this test's own computation: the priority by the
// seeds' matrix, the RTO hours of the table in force, the processes'
// order, the 3×3 grid's counts, each system's 3-2-1 gaps and warnings
// with their numbers, the provisional sums and by how much they miss, the
// maintenance calendar's dates.  A recovery step with no owner is listed
// first, under "To fix", and the download still works.  The card: one A4
// page with the S and A processes and the phone numbers; its phone link
// opens without signing in, carries tel: links, is not cached or indexed,
// is replaced and revoked (then 404), and shows one organisation only.
// KEEP=1 keeps the files and the first pages as images, to look at.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer, firstAdmin, makeOrg, cli, csrfOf, unescape, inviteUser, Client } from "./lib.mjs";

const dir = mkdtempSync(join(tmpdir(), "mamori-bcpdoc-"));
let srv, admin, auth, org, other;
before(async () => {
	srv = await startServer();
	admin = await firstAdmin(srv);
	auth = { authorization: `Bearer ${cli(["user", "token", "admin@example.jp", "--db", srv.db]).stdout.trim()}` };
	org = await makeOrg(admin, { name: "事業継続テスト株式会社" });
	other = await makeOrg(admin, { name: "よその会社" });
});
after(async () => { await srv?.stop(); if (process.env.KEEP) console.error(`kept ${dir}`); else rmSync(dir, { recursive: true, force: true }); });

const api = async (m, p, body) => {
	const res = await admin.req(m, p, { body: body === undefined ? undefined : JSON.stringify(body), headers: { ...auth, "content-type": "application/json" } });
	assert.ok(res.status < 300, `${m} ${p}: ${res.status} ${res.text}`);
	return JSON.parse(res.text);
};
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
const download = async (path, file, headers = auth) => {
	const res = await fetch(`${srv.base}${path}`, { headers });
	assert.equal(res.status, 200, path);
	assert.match(res.headers.get("content-disposition") ?? "", /attachment/);
	writeFileSync(file, Buffer.from(await res.arrayBuffer()));
	return res;
};
const pdfText = (file, mode = "-layout") => execFileSync("pdftotext", [mode, file, "-"], { encoding: "utf8" });
const pages = (file) => +execFileSync("pdfinfo", [file], { encoding: "utf8" }).match(/Pages:\s+(\d+)/)[1];

// The seeds' matrix: rows dependency 3, 2, 1; columns importance 1, 2, 3.
const MATRIX = { 3: ["b", "a", "s"], 2: ["c", "b", "a"], 1: ["d", "c", "b"] };
const priority = (imp, dep) => MATRIX[dep][imp - 1];
const EX2 = { s: 3, a: 6, b: 24, c: 72, d: null };
const EX2_LABEL = { s: "3時間以内", a: "6時間以内", b: "24時間以内", c: "72時間以内", d: "定めない" };
const PRIO_LABEL = { s: "S（最優先で復旧）", a: "A（早めに復旧）", b: "B（順番に復旧）", c: "C（余裕をみて復旧）", d: "D（後回し）" };
const ORDER = ["s", "a", "b", "c", "d"];

// The processes: [name, importance, dependency, re-entry hours]
const PROCS = [
	["受注処理", 3, 3, 8], ["出荷手配", 3, 2, 24], ["請求書発行", 2, 3, 48],
	["給与計算", 2, 2, 72], ["社内報", 1, 1, null], ["販促メール", 1, 2, null],
	["問合せ対応", 3, 1, null],
];
const today = () => new Date(Date.now() + 9 * 3600e3).toISOString().slice(0, 10);
// Our rule for the calendar (ui.yaml bcpdoc.maint.rule), from a JST day.
function maintenance(day) {
	const [y, m] = day.split("-").map(Number);
	const first = (yy, mm) => { yy += Math.floor((mm - 1) / 12); mm = (mm - 1) % 12 + 1; return `${yy}-${String(mm).padStart(2, "0")}-01`; };
	const last = (yy, mm) => { yy += Math.floor((mm - 1) / 12); mm = (mm - 1) % 12 + 1; return `${yy}-${String(mm).padStart(2, "0")}-${new Date(Date.UTC(yy, mm, 0)).getUTCDate()}`; };
	const q = (Math.floor((m - 1) / 3) + 1) * 3 + 1;
	return [first(y, m + 1), first(y, q), last(y, q + 1), first(y, m + 12), first(y, m + 6)];
}

let made;	// what the test stored and computed
test("the data, through the API", async () => {
	await api("PUT", `/api/v1/orgs/${org}/bcp`, { preset: "ex2" });
	const procs = {};
	for (const [name, importance, dependency, reentry] of PROCS) {
		const body = { name, importance, dependency, owner: `${name}の責任者` };
		if (reentry !== null) body.reentry_hours = reentry;
		if (name === "受注処理") body.workaround = "電話とFAXで受け、紙の台帳に書く";
		const row = await api("POST", `/api/v1/orgs/${org}/processes`, body);
		const p = priority(importance, dependency);
		assert.equal(row.priority, p);
		assert.equal(row.rto_hours, EX2[p]);
		procs[name] = { ...row, p };
	}
	const day = today();
	// 販売管理: every 3-2-1 gap; a restore of 240 minutes against 3 hours;
	// copies every 24 hours against 8 hours re-entered
	const sales = await api("POST", `/api/v1/orgs/${org}/systems`, { name: "販売管理", processes: [procs["受注処理"].id, procs["出荷手配"].id],
		copies: 2, media: ["nas"], offline: 0, offsite: 1, offline_offsite: 0, frequency_hours: 24,
		last_restore_test: day, restore_result: "ok", restore_minutes: 240 });
	// 会計: meets 3-2-1, never tested
	const books = await api("POST", `/api/v1/orgs/${org}/systems`, { name: "会計", processes: [procs["請求書発行"].id, procs["給与計算"].id],
		copies: 3, media: ["external_disk", "cloud"], offline: 1, offsite: 1, offline_offsite: 1, frequency_hours: 24 });
	// 共有フォルダ: no copy at all
	const files = await api("POST", `/api/v1/orgs/${org}/systems`, { name: "共有フォルダ", processes: [procs["社内報"].id],
		copies: 1, last_restore_test: day, restore_result: "partial" });
	const steps = [
		[sales, "provisional", 0, "揺れが収まったか確かめる", "総務課長", 30],
		[sales, "provisional", 1, "被害を調べて書き留める", "情報システム担当", 45],
		[sales, "provisional", 2, "NASの控えを取り出す", null, 60],	// no owner
		[sales, "provisional", 3, "予備のPCに戻す", "情報システム担当", 90],
		[sales, "provisional", 4, "受注を再開する", "営業課長", 15],
		[sales, "permanent", 1, "壊れた機器を洗い出す", "情報システム担当", 120],
		[sales, "permanent", 6, "本番に切り替える", null, 60],	// no owner
		[books, "provisional", 0, "停電が終わったか確かめる", "経理課長", 20],
		[books, "provisional", 3, "クラウドから戻す", "経理課長", 100],
	];
	for (const [sys, stage, step, action, owner, minutes] of steps) {
		const body = { system: sys.id, stage, step, action, minutes };
		if (owner) body.owner = owner;
		await api("POST", `/api/v1/orgs/${org}/recovery`, body);
	}
	const contacts = [
		{ target: "power", owner: "総務部長", company: "みらい電力", person: "保守窓口", phone: "0120-111-222", hours: "24時間" },
		{ target: "hardware", system: sales.id, owner: "情報システム担当", company: "サンプル開発", person: "田中", phone: "03-1234-5678", email: "tanaka@example.jp" },
		{ target: "customers", owner: "営業部長", company: "", phone: "+81 6 9876 5432" },
	];
	for (const c of contacts) {
		if (!c.company) delete c.company;
		await api("POST", `/api/v1/orgs/${org}/contacts`, c);
	}
	await api("POST", `/api/v1/orgs/${org}/disruptions`, { kind: "ransomware", scenario: "サーバーのデータが暗号化される", reason: "受注が止まる", layers: ["software", "hardware"], systems: [sales.id] });
	await api("POST", `/api/v1/orgs/${org}/disruptions`, { kind: "earthquake", scenario: "大きな地震で機器が倒れる", layers: ["building", "infra"] });
	// another organisation's contact, which must never show
	await api("POST", `/api/v1/orgs/${other}/contacts`, { target: "power", owner: "よその総務", phone: "099-999-9999" });
	const cls = (await api("GET", `/api/v1/orgs/${org}/bcp`)).class;
	made = { procs, sales, books, files, steps, contacts, cls, day };
});

// The test's own figures.
function expected() {
	const order = Object.values(made.procs).sort((a, b) => ORDER.indexOf(a.p) - ORDER.indexOf(b.p) ||
		(a.rto_hours ?? Infinity) - (b.rto_hours ?? Infinity) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
	const grid = {};
	for (const [, imp, dep] of PROCS) grid[`${dep}${imp}`] = (grid[`${dep}${imp}`] ?? 0) + 1;
	const tightest = (sys) => Math.min(...sys.processes.map((id) => Object.values(made.procs).find((p) => p.id === id).rto_hours).filter((h) => h !== null));
	const sum = (sys) => made.steps.filter(([s, st]) => s === sys && st === "provisional").reduce((t, x) => t + x[5], 0);
	return { order, grid, tightest, sum };
}

test("the IT-BCP document as PDF: every figure", async () => {
	const { order, grid, tightest, sum } = expected();
	const file = join(dir, "bcp.pdf");
	await download(`/o/${org}/bcp/document.pdf?gaps=1`, file);
	const text = pdfText(file);
	const raw = pdfText(file, "-raw").replace(/\n/g, "");
	const lines = text.split("\n");
	const info = execFileSync("pdfinfo", [file], { encoding: "utf8" });
	const [, w, h] = info.match(/Page size:\s+([\d.]+) x ([\d.]+) pts/);
	assert.ok(Math.abs(+w - 595.28) < 1 && Math.abs(+h - 841.89) < 1, `A4 portrait: ${w} x ${h}`);

	// the title block, the class, the table in force
	for (const s of ["IT事業継続計画（IT-BCP）", "事業継続テスト株式会社", made.day,
		"例2：Sは3時間以内、Dは定めない", { take: "竹", matsu: "松", ume: "梅" }[made.cls]])
		assert.ok(raw.includes(s), `the PDF says ${s}`);

	// To fix: the two steps with no owner come first, and the cover says 2
	const fix = raw.indexOf("直すところ：担当のいない復旧手順");
	assert.ok(fix >= 0 && fix < raw.indexOf("依存度の区分と目標復旧時間"), "To fix comes first");
	assert.ok(raw.includes("担当のいない復旧手順 2件"));
	for (const a of ["NASの控えを取り出す", "本番に切り替える"])
		assert.ok(raw.indexOf(a) > fix && raw.indexOf(a) < raw.indexOf("依存度の区分と目標復旧時間"), `${a} under To fix`);

	// processes: S first, each with its priority and RTO hours
	const at = order.map((p) => lines.findIndex((l) => l.includes(p.name) && l.includes(PRIO_LABEL[p.p])));
	at.forEach((i, k) => assert.ok(i >= 0, `a line for ${order[k].name} with ${PRIO_LABEL[order[k].p]}`));
	assert.deepEqual([...at].sort((a, b) => a - b), at, "in recovery order");
	for (const p of order) {
		const line = lines.find((l) => l.includes(p.name) && l.includes(PRIO_LABEL[p.p]));
		const tokens = line.trim().split(/\s+/);
		const [imp, dep] = PROCS.find((x) => x[0] === p.name).slice(1, 3);
		assert.ok(line.includes(EX2_LABEL[p.p]), `${p.name}: ${EX2_LABEL[p.p]} in «${line}»`);
		// the numbers of the row: importance, dependency, then the hours
		// (none for D)
		const nums = tokens.filter((t) => /^\d+$/.test(t)).map(Number);
		assert.deepEqual(nums, p.rto_hours === null ? [imp, dep] : [imp, dep, p.rto_hours], `${p.name}: «${line}»`);
	}
	assert.ok(raw.includes("電話とFAXで受け、紙の台帳に書く"), "how it runs by hand");

	// the grid, as its table: one line per dependency, S: n for each cell
	for (const dep of [3, 2, 1]) {
		const label = { 3: "3（高）", 2: "2（中）", 1: "1（低）" }[dep];
		const line = lines.find((l) => l.trim().startsWith(label) && /[SABCD]: \d+/.test(l));
		assert.ok(line, `the grid's row ${label}`);
		const cells = [...line.matchAll(/([SABCD]): (\d+)/g)].map((m) => [m[1].toLowerCase(), +m[2]]);
		assert.deepEqual(cells, [1, 2, 3].map((imp) => [priority(imp, dep), grid[`${dep}${imp}`] ?? 0]), `row ${label}`);
	}

	// systems: 3-2-1 in words, the warnings with their numbers
	assert.ok(raw.includes("控えが足りません。"), "copies");
	assert.ok(raw.includes("控えがすべて同じ種類の保存先にあります。"), "media");
	assert.ok(raw.includes("ネットワークから外してあり、しかも会社の外に置いてある控えがありません。"), "offline and off-site");
	assert.ok(raw.includes(`戻す試験に240分かかりましたが、この仕組みを使う業務の目標は${tightest(made.sales)}時間以内です。`), "test_slow with its numbers");
	assert.ok(raw.includes("控えは24時間おきですが、担当者が手で打ち直せるのは8時間分までです。"), "loss with its numbers");
	assert.ok(raw.includes("このバックアップから実際に戻せるか、一度も試していません。"), "never tested (会計)");
	assert.ok(raw.includes("本番のデータのほかに控えがありません。"), "no backup (共有フォルダ)");
	assert.ok(raw.includes("最後の試験では、すべてを戻すことはできませんでした。"), "partial restore");
	const salesMiss = sum(made.sales) - tightest(made.sales) * 60;
	assert.equal(salesMiss, 60);
	assert.ok(raw.includes(`応急の復旧手順の時間を合わせると、いちばん厳しい目標時間を${salesMiss}分超えます。`), "steps_slow with its number");
	const sysLine = lines.find((l) => l.includes("販売管理") && l.includes("足りない"));
	assert.ok(sysLine, "販売管理 does not meet 3-2-1");
	assert.match(sysLine, /\b0\s*\/\s*1\s*\/\s*0\b/, `offline / off-site / both in «${sysLine}»`);
	// a row whose cells wrap spans a few lines of the text
	const books = lines.findIndex((l) => /^\s*会計\s/.test(l) && /時間/.test(l));
	assert.ok(books >= 0 && lines.slice(books - 2, books + 4).join(" ").includes("満たす"), "会計 meets 3-2-1");

	// the procedures: sums against the target, by how much they miss
	assert.ok(raw.includes(`仮の復旧の手順は、合わせて${sum(made.sales)}分です。`));
	assert.ok(raw.includes(`このシステムを使う業務のいちばん短い目標は${tightest(made.sales)}時間（${tightest(made.sales) * 60}分）です。`));
	assert.ok(raw.includes(`目標を${salesMiss}分超えます。`));
	assert.ok(raw.includes(`仮の復旧の手順は、合わせて${sum(made.books)}分です。`));
	assert.ok(raw.includes(`目標まで${tightest(made.books) * 60 - sum(made.books)}分の余裕があります。`));
	const procStart = lines.findIndex((l) => l.includes("復旧の手順（2段階）"));
	assert.ok(procStart > 0);
	for (const [, , step, action, owner, minutes] of made.steps) {
		const i = lines.findIndex((l, k) => k > procStart && l.includes(action));
		assert.ok(i > 0, `a line for ${action}`);
		const tokens = lines[i].trim().split(/\s+/);
		assert.equal(tokens.at(-1), String(minutes), `${action}: ${minutes} min in «${lines[i]}»`);
		assert.equal(tokens[0], String(step), `${action}: step ${step} in «${lines[i]}»`);
		if (owner) assert.ok(lines[i].includes(owner), `${action}: ${owner}`);
		else assert.ok(lines.slice(i - 1, i + 2).join("").includes("担当が決まって"), `${action}: nobody`);
	}
	// the provisional total row of each system
	for (const sys of [made.sales, made.books]) {
		const i = lines.findIndex((l, k) => k > procStart && l.includes(sys.name));
		const total = lines.findIndex((l, k) => k > i && /^\s*合計\s+\d+\s*$/.test(l));
		assert.equal(+lines[total].trim().split(/\s+/)[1], sum(sys), `${sys.name}: the total row`);
	}

	// owners and contacts, the targets nobody has, the incidents
	for (const c of made.contacts) {
		assert.ok(raw.includes(c.phone), `phone ${c.phone}`);
		assert.ok(raw.includes(c.owner), `owner ${c.owner}`);
	}
	assert.ok(raw.includes("tanaka@example.jp"));
	assert.ok(!raw.includes("099-999-9999") && !raw.includes("よその総務"), "nothing of the other organisation");
	assert.ok(raw.includes("まだだれも書かれていない被害の対象"));
	assert.ok(raw.includes("ランサムウェア") && raw.includes("サーバーのデータが暗号化される"));
	assert.ok(raw.includes("ソフトウェア（第4層）") && raw.includes("建物（第1層）"), "layers");

	// the maintenance calendar: five activities, each with our date
	const dates = maintenance(made.day);
	const acts = ["対策を実行する", "点検する", "直す", "経営者が見直す", "教育と訓練"];
	const maint = text.slice(text.indexOf("維持管理の予定"));
	acts.forEach((a, k) => {
		const line = maint.split("\n").find((l) => l.trim().startsWith(a));
		assert.ok(line, `a line for ${a}`);
		assert.ok(line.includes(dates[k]), `${a}: ${dates[k]} in «${line}»`);
	});

	// the pages as images (KEEP=1 keeps them for a person to look at)
	execFileSync("pdftoppm", ["-r", "40", "-png", file, join(dir, "page")]);
});

test("the IT-BCP document as a workbook: every figure", async () => {
	const { order, grid, tightest, sum } = expected();
	const file = join(dir, "bcp.xlsx");
	await download(`/o/${org}/bcp/document.xlsx?gaps=1`, file);
	const wb = sheets(file);
	assert.deepEqual(Object.keys(wb), ["直すところ", "区分と目標時間", "業務", "業務の分布", "システム", "復旧手順", "連絡先", "想定する事態", "維持管理"]);

	// the RTO table in force
	const rto = wb["区分と目標時間"];
	for (const k of ORDER) {
		const row = rto.find((r) => r[0] === PRIO_LABEL[k]);
		assert.ok(row, PRIO_LABEL[k]);
		assert.equal(row[2] === "" || row[2] === undefined ? null : row[2], EX2[k], `${k} hours`);
		assert.equal(row[3], EX2_LABEL[k]);
	}

	// processes: order, priority, hours, label
	const ps = wb["業務"];
	const h = ps.findIndex((r) => r[0] === "業務の名前");
	assert.ok(h >= 0);
	const body = ps.slice(h + 1).filter((r) => r[0] && PROCS.some((p) => p[0] === r[0]));
	assert.deepEqual(body.map((r) => r[0]), order.map((p) => p.name), "S first");
	body.forEach((r, k) => {
		const p = order[k];
		const [imp, dep, re] = PROCS.find((x) => x[0] === p.name).slice(1);
		assert.deepEqual([r[1], r[2]], [imp, dep]);
		assert.equal(r[3], PRIO_LABEL[p.p]);
		assert.equal(r[4] === "" || r[4] === undefined ? null : r[4], EX2[p.p], `${p.name} hours`);
		assert.equal(r[5], EX2_LABEL[p.p]);
		assert.equal(r[7] === "" || r[7] === undefined ? null : r[7], re, `${p.name} re-entry`);
	});

	// the grid
	const g = wb["業務の分布"];
	for (const dep of [3, 2, 1]) {
		const row = g.find((r) => r[0] === { 3: "3（高）", 2: "2（中）", 1: "1（低）" }[dep]);
		assert.ok(row, `grid row ${dep}`);
		assert.deepEqual(row.slice(1, 4), [1, 2, 3].map((imp) => `${priority(imp, dep).toUpperCase()}: ${grid[`${dep}${imp}`] ?? 0}`));
	}

	// systems: the backups as numbers, 3-2-1
	const sy = wb["システム"];
	const hs = sy.findIndex((r) => r[0] === "システム・データの名前");
	const col = (name) => sy[hs].indexOf(name);
	const srow = (n) => sy.find((r) => r[0] === n);
	assert.equal(srow("販売管理")[col("コピーの数（本番を含む）")], 2);
	assert.equal(srow("販売管理")[col("別の場所に置いたコピーの数")], 1);
	assert.equal(srow("販売管理")[col("控えを取る間隔（時間）")], 24);
	assert.equal(srow("販売管理")[col("戻すのにかかった時間（分）")], 240);
	assert.equal(srow("販売管理")[col("いちばん短い目標")], `${tightest(made.sales)}時間`);
	assert.equal(srow("販売管理")[col("3-2-1")], "足りない");
	assert.equal(srow("会計")[col("コピーの数（本番を含む）")], 3);
	assert.equal(srow("会計")[col("切り離して別の場所にも置いたコピーの数")], 1);
	assert.equal(srow("会計")[col("3-2-1")], "満たす");
	assert.equal(srow("会計")[col("最後に戻す練習をした日")], "まだ");
	assert.equal(srow("共有フォルダ")[col("コピーの数（本番を含む）")], 1);
	// the order: the tightest target first (販売管理 3 h, 会計 6 h, then none)
	assert.deepEqual(sy.slice(hs + 1).filter((r) => typeof r[col("コピーの数（本番を含む）")] === "number").map((r) => r[0]), ["販売管理", "会計", "共有フォルダ"]);

	// the steps and the sums
	const st = wb["復旧手順"];
	const hh = st.findIndex((r) => r[0] === "システム" && r[1] === "段階");
	assert.ok(hh >= 0, "the steps' table");
	for (const [sys, , step, action, owner, minutes] of made.steps) {
		const r = st.find((x) => x[4] === action);
		assert.ok(r, action);
		assert.equal(r[0], sys.name);
		assert.equal(r[2], step);
		assert.equal(r[5], owner ?? "（担当が決まっていません）");
		assert.equal(r[6], minutes);
	}
	const hsum = st.findIndex((r) => r[1] === "仮の復旧の合計（分）");
	assert.ok(hsum > hh, "the sums' table");
	const sums = Object.fromEntries(st.slice(hsum + 1).filter((r) => typeof r[1] === "number").map((r) => [r[0], r.slice(1, 4)]));
	assert.deepEqual(sums["販売管理"], [sum(made.sales), tightest(made.sales) * 60, sum(made.sales) - tightest(made.sales) * 60]);
	assert.deepEqual(sums["会計"], [sum(made.books), tightest(made.books) * 60, 0]);
	assert.deepEqual([sums["共有フォルダ"][0], sums["共有フォルダ"][2]], [0, 0]);
	assert.ok(sums["共有フォルダ"][1] === "" || sums["共有フォルダ"][1] === undefined, "no target: an empty cell");

	// the steps with no owner, on their own sheet
	const fix = wb["直すところ"];
	assert.deepEqual(fix.filter((r) => r[4] === "（担当が決まっていません）").map((r) => r[3]), ["NASの控えを取り出す", "本番に切り替える"]);

	// contacts, and the calendar
	const co = wb["連絡先"];
	for (const c of made.contacts)
		assert.ok(co.some((r) => r.includes(c.phone) && r.includes(c.owner)), `contact ${c.phone}`);
	const dates = maintenance(made.day);
	const mt = wb["維持管理"];
	["対策を実行する", "点検する", "直す", "経営者が見直す", "教育と訓練"].forEach((a, k) =>
		assert.equal(mt.find((r) => r[0] === a)?.[3], dates[k], a));
});

test("members download it; the audit log names it; the CLI writes the same document", async () => {
	const member = await inviteUser(admin, srv, org, "member@example.jp", "member");
	// two steps nobody owns: first the list of them, with a way on
	const gaps = await member.get(`/o/${org}/bcp/document.pdf`);
	assert.equal(gaps.status, 422);
	assert.match(gaps.text, /担当のいない復旧手順があります/);
	assert.equal((gaps.text.match(/<ul class="bcp-unowned">([\s\S]*?)<\/ul>/)?.[1].match(/<li>/g) ?? []).length, 2);
	assert.match(gaps.text, new RegExp(`href="/o/${org}/bcp/document.pdf\\?gaps(=|&#61;)1"`));
	assert.equal((await member.get(`/o/${org}/bcp/document.xlsx`)).status, 422);
	const res = await member.get(`/o/${org}/bcp/document.pdf?gaps=1`);
	assert.equal(res.status, 200);
	assert.equal((await member.get(`/o/${org}/bcp/card.pdf`)).status, 200);
	assert.equal((await member.get(`/o/${org}/bcp/card`)).status, 403, "the link page is for admins");
	assert.equal((await member.get(`/o/${other}/bcp/document.pdf`)).status, 404, "not a member there");
	const audit = await admin.get(`/o/${org}/audit`);
	assert.ok(audit.text.includes("IT事業継続計画（IT-BCP）（PDF）"), "audit: pdf");
	assert.ok(audit.text.includes("IT事業継続計画（IT-BCP）（Excel）"), "audit: xlsx");
	const out = join(dir, "cli.pdf");
	const refused = cli(["export", "bcp", String(org), "--format", "pdf", "-o", out, "--db", srv.db]);
	assert.equal(refused.status, 3, "the CLI stops at steps nobody owns");
	assert.match(refused.stderr, /2 recovery steps .* have no owner/);
	const r = cli(["export", "bcp", String(org), "--format", "pdf", "-o", out, "--allow-gaps", "--db", srv.db]);
	assert.equal(r.status, 0, r.stderr);
	const raw = pdfText(out, "-raw").replace(/\n/g, "");
	assert.ok(raw.includes("事業継続テスト株式会社") && raw.includes("目標を60分超えます。"));
	const bad = cli(["export", "bcp", String(org), "--format", "csv", "-o", out, "--db", srv.db]);
	assert.equal(bad.status, 2);
});

test("the emergency card: one page, large type, the S and A work and the phone numbers", async () => {
	const file = join(dir, "card.pdf");
	await download(`/o/${org}/bcp/card.pdf`, file);
	assert.equal(pages(file), 1, "one page");
	const raw = pdfText(file, "-raw").replace(/\n/g, "");
	for (const s of ["緊急時カード", "事業継続テスト株式会社", "LANケー", "インシデント対応の責任者"])
		assert.ok(raw.includes(s), s);
	const sa = Object.values(made.procs).filter((p) => p.p === "s" || p.p === "a");
	for (const p of sa)
		assert.ok(raw.includes(p.name) && raw.includes(EX2_LABEL[p.p]), p.name);
	for (const p of Object.values(made.procs).filter((q) => !sa.includes(q)))
		assert.ok(!raw.includes(p.name), `${p.name} (${p.p}) is not on the card`);
	for (const c of made.contacts)
		assert.ok(raw.includes(c.phone), c.phone);
	assert.ok(!raw.includes("099-999-9999"));
	// large type: the body's glyphs stand taller than a document's
	const bb = execFileSync("pdftotext", ["-bbox", file, "-"], { encoding: "utf8" });
	const word = bb.match(/<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">0120-111-222<\/word>/);
	assert.ok(word, "the phone number as one word");
	assert.ok(+word[2] - +word[1] >= 10.5, `phone type ${+word[2] - +word[1]} pt high`);
	// many rows still fit one page
	const busy = await makeOrg(admin, { name: "連絡先の多い会社" });
	// names as long as the registers take: cut on the card, whole in the
	// document
	const long = (s, n) => (s + "あ".repeat(n)).slice(0, n);
	for (let i = 0; i < 14; i++)
		await api("POST", `/api/v1/orgs/${busy}/processes`, { name: long(`重要業務${String(i).padStart(2, "0")}`, 100), importance: 3, dependency: 3 });
	const sys = await api("POST", `/api/v1/orgs/${busy}/systems`, { name: long("基幹システム", 100), copies: 1 });
	for (let i = 0; i < 14; i++)
		await api("POST", `/api/v1/orgs/${busy}/contacts`, { target: "cloud_backup", system: sys.id, owner: long(`責任者${i}`, 100), company: long(`取引先株式会社${i}`, 100), person: long(`担当${i}`, 100), phone: `03-0000-00${String(i).padStart(2, "0")}` });
	const busyFile = join(dir, "busy.pdf");
	await download(`/o/${busy}/bcp/card.pdf`, busyFile);
	assert.equal(pages(busyFile), 1, "fourteen of each still one page");
	const braw = pdfText(busyFile, "-raw").replace(/\n/g, "");
	// the card holds three of each since it also says whom to tell at
	// each incident level and lists the outside desks (issue 14): the
	// other eleven counted
	assert.ok(braw.includes("ほかに11件あります。") && braw.includes("ほかに11件あります。", braw.indexOf("ほかに11件あります。") + 1), "the rest counted");
	for (let i = 0; i < 3; i++)
		assert.ok(braw.includes(`03-0000-00${String(i).padStart(2, "0")}`), `phone ${i} whole`);
	assert.ok(!braw.includes("03-0000-0003"), "the fourth contact is counted, not shown");
	assert.ok(braw.includes("重要業務00") && braw.includes("…"), "long names cut");
	// in English too, whose first steps run longer
	const enFile = join(dir, "busy-en.pdf");
	await download(`/o/${busy}/bcp/card.pdf`, enFile, { ...auth, cookie: "lang=en" });
	assert.equal(pages(enFile), 1, "one page in English");
	assert.ok(pdfText(enFile, "-raw").includes("Emergency card"));
});

test("the card's phone link: made, opened without signing in, replaced, revoked", async () => {
	const page = await admin.get(`/o/${org}/bcp/card`);
	assert.equal(page.status, 200);
	assert.ok(page.text.includes("まだリンクはありません。"));
	const mk = await admin.post(`/o/${org}/bcp/card`, { _csrf: csrfOf(page.text), do: "make" });
	assert.equal(mk.status, 200);
	assert.ok(mk.text.includes("<svg"), "a QR code");
	const url = unescape(mk.text.match(/<code class="secret copy">([^<]+)<\/code>/)[1]);
	const path = new URL(url).pathname;
	assert.match(path, /^\/c\/[A-Za-z0-9_-]{43}$/);

	const anon = new Client(srv.base);
	const phone = await anon.get(path);
	assert.equal(phone.status, 200);
	assert.equal(phone.headers.get("cache-control"), "no-store");
	assert.match(phone.headers.get("x-robots-tag") ?? "", /noindex/);
	assert.match(phone.text, /<meta name="robots" content="noindex"\/?>/);
	assert.equal(phone.headers.get("set-cookie"), null, "no cookie");
	for (const [num, tel] of [["0120-111-222", "tel:0120111222"], ["03-1234-5678", "tel:0312345678"], ["+81 6 9876 5432", "tel:+81698765432"]]) {
		assert.ok(phone.text.includes(`href="${tel}"`), tel);
		assert.ok(phone.text.includes(num), num);
	}
	assert.ok(phone.text.includes('href="mailto:tanaka@example.jp"'));
	for (const p of Object.values(made.procs).filter((q) => q.p === "s" || q.p === "a"))
		assert.ok(phone.text.includes(p.name), p.name);
	assert.ok(phone.text.includes("事業継続テスト株式会社"));
	assert.ok(!phone.text.includes("099-999-9999") && !phone.text.includes("よその"), "nothing of the other organisation");
	// the page holds no way into the organisation
	assert.ok(!phone.text.includes(`/o/${org}`), "no link into the organisation");

	// the page says a link exists, never its address again
	const again = await admin.get(`/o/${org}/bcp/card`);
	assert.ok(again.text.includes("いまのリンクは"));
	assert.ok(!again.text.includes(path), "the address is shown once");

	// the other organisation's link opens its own card only
	const op = await admin.get(`/o/${other}/bcp/card`);
	const omk = await admin.post(`/o/${other}/bcp/card`, { _csrf: csrfOf(op.text), do: "make" });
	const opath = new URL(unescape(omk.text.match(/<code class="secret copy">([^<]+)<\/code>/)[1])).pathname;
	const ophone = await anon.get(opath);
	assert.equal(ophone.status, 200);
	assert.ok(ophone.text.includes("099-999-9999") && ophone.text.includes("よその会社"));
	assert.ok(!ophone.text.includes("0120-111-222") && !ophone.text.includes("事業継続テスト"), "not ours");

	// replaced: the old address is 404, the new one works
	const rp = await admin.post(`/o/${org}/bcp/card`, { _csrf: csrfOf(again.text), do: "make" });
	const path2 = new URL(unescape(rp.text.match(/<code class="secret copy">([^<]+)<\/code>/)[1])).pathname;
	assert.notEqual(path2, path);
	assert.equal((await anon.get(path)).status, 404, "the replaced link");
	assert.equal((await anon.get(path2)).status, 200);
	// revoked: 404; the other organisation's still works
	const rv = await admin.post(`/o/${org}/bcp/card`, { _csrf: csrfOf(again.text), do: "revoke" });
	assert.equal(rv.status, 200);
	assert.ok(rv.text.includes("リンクを取り消しました。"));
	assert.equal((await anon.get(path2)).status, 404, "the revoked link");
	assert.equal((await anon.get(opath)).status, 200);
	// made-up and malformed tokens
	for (const bad of ["/c/" + "A".repeat(43), "/c/short", "/c/" + "x".repeat(200)])
		assert.equal((await anon.get(bad)).status, 404, bad);
	// a POST to it has no route
	assert.notEqual((await anon.post(opath, { x: "1" })).status, 200);
	const audit = await admin.get(`/o/${org}/audit`);
	assert.ok(audit.text.includes("緊急時カードのリンクを作りました"));
	assert.ok(audit.text.includes("緊急時カードのリンクを取り消しました"));
});
