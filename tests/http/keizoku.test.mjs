// A draft of the IT part of the continuity-plan certification form (issue
// 13; src/report/keizoku_doc.c, src/pages/page_keizoku.c).  Data stored
// through the register API; the workbook read back cell by cell: six
// sheets in the form's order, the draft notice and the date on the first,
// the profile, the S and A processes as the core work, each process's
// target recovery time in hours (computed here from the seeds' matrix and
// the first example table), the systems' 3-2-1 gaps (computed here), the
// contacts, the provisional steps with their owners, the maintenance
// dates; every row of every table says where it came from or that the
// company fills it.  The PDF as text on A4 landscape pages.  An empty
// organisation gets the same sheets with rows to fill; a plain member
// reads both; another organisation's admin gets 404; the audit log.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer, firstAdmin, makeOrg, inviteUser, cli, top, ORG } from "./lib.mjs";

const dir = mkdtempSync(join(tmpdir(), "mamori-keizoku-"));
let srv, admin, auth, org, other, outsider, member;
before(async () => {
	srv = await startServer();
	admin = await firstAdmin(srv);
	auth = { authorization: `Bearer ${cli(["user", "token", "admin@example.jp", "--db", srv.db]).stdout.trim()}` };
	org = await makeOrg(admin, { name: "継続計画株式会社" });
	other = await makeOrg(admin, { name: "別の会社" });
	outsider = await inviteUser(admin, srv, other, "outsider@example.jp", "org_admin");
	member = await inviteUser(admin, srv, org, "member@example.jp", "member");
});
after(async () => {
	if (!srv) return;
	const code = await srv.stop();
	if (!process.env.KEEP) rmSync(dir, { recursive: true, force: true });
	assert.ok(!/ERROR: (Address|Leak)Sanitizer|runtime error:/.test(srv.stderr()), "sanitizer report:\n" + srv.stderr().slice(-3000));
	assert.equal(code, 0, "server exit status");
});

const api = async (m, p, body) => {
	const res = await admin.req(m, p, { body: JSON.stringify(body), headers: { ...auth, "content-type": "application/json" } });
	assert.ok(res.status < 300, `${m} ${p}: ${res.status} ${res.text}`);
	return JSON.parse(res.text);
};
const unzip = (file, part) => execFileSync("unzip", ["-p", file, part], { encoding: "utf8", maxBuffer: 1 << 26 });
const unxml = (s) => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&amp;/g, "&");
// Each sheet's rows as arrays of cells, in the workbook's order.
function sheets(file) {
	const ss = [...unzip(file, "xl/sharedStrings.xml").matchAll(/<si>([\s\S]*?)<\/si>/g)]
		.map((m) => unxml([...m[1].matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((t) => t[1]).join("")));
	const names = [...unzip(file, "xl/workbook.xml").matchAll(/<sheet name="([^"]+)"/g)].map((m) => unxml(m[1]));
	return names.map((name, i) => {
		const xml = unzip(file, `xl/worksheets/sheet${i + 1}.xml`);
		const rows = [...xml.matchAll(/<row r="(\d+)"[^>]*>([\s\S]*?)<\/row>/g)].map((r) =>
			[...r[2].matchAll(/<c r="([A-Z]+)\d+"([^>]*?)(?:\/>|>(?:<v>([^<]*)<\/v>)?<\/c>)/g)].reduce((row, c) => {
				const col = c[1].split("").reduce((s, ch) => s * 26 + ch.charCodeAt(0) - 64, 0) - 1;
				row[col] = /t="s"/.test(c[2]) ? ss[+c[3]] : c[3] === undefined ? "" : +c[3];
				return row;
			}, []));
		return { name, rows };
	});
}
async function download(c, path, file) {
	const res = await fetch(`${srv.base}${path}`, { headers: { cookie: c.cookieHeader() } });
	if (res.status === 200)
		writeFileSync(file, Buffer.from(await res.arrayBuffer()));
	return { status: res.status, disposition: res.headers.get("content-disposition") ?? "" };
}
const today = () => new Date(Date.now() + 9 * 3600e3).toISOString().slice(0, 10);
const yearAfter = (d) => `${+d.slice(0, 4) + 1}${d.slice(4) === "-02-29" ? "-02-28" : d.slice(4)}`;
const daysAgo = (n) => new Date(Date.now() + 9 * 3600e3 - n * 86400e3).toISOString().slice(0, 10);

// The body rows of the table whose header row starts with head (until a
// row that is not a table row: fewer cells than the header).
function table(sh, head) {
	const h = sh.rows.findIndex((r) => r[0] === head[0] && head.every((x, i) => r[i] === x));
	assert.ok(h >= 0, `${sh.name}: a table headed ${head.join(" | ")}`);
	const out = [];
	for (const r of sh.rows.slice(h + 1)) {
		if (r.length < 2 || r.filter((c) => c !== undefined && c !== "").length === 0) break;
		out.push(r);
	}
	return out;
}

// The seeds' matrix (rows dependency 3, 2, 1; columns importance 1, 2, 3)
// and their first example table of target recovery times.
const MATRIX = { 3: ["b", "a", "s"], 2: ["c", "b", "a"], 1: ["d", "c", "b"] };
const priority = (imp, dep) => MATRIX[dep][imp - 1];
const EX1 = { s: 0, a: 12, b: 24, c: 72, d: null };
const PRIO_JA = { s: "S（最優先で復旧）", a: "A（早めに復旧）", b: "B（順番に復旧）", c: "C（余裕をみて復旧）", d: "D（後回し）" };
const RTO_JA = { s: "すぐに", a: "12時間以内", b: "24時間以内", c: "3日以内", d: "リスクとして受け入れる" };
// 3-2-1, computed here.
const MISS_JA = { copies: "コピーが3つ未満", media: "置き場所の種類が2つ未満", offline_offsite: "切り離して別の場所に置いたコピーがない" };
function missing(s) {
	const m = [];
	if (s.copies < 3) m.push("copies");
	if (new Set(s.media).size < 2) m.push("media");
	if (!(s.offline_offsite >= 1)) m.push("offline_offsite");
	return m;
}
// The profile's labels, from the pack.
const ORGPACK = readFileSync(join(top, "content/org.yaml"), "utf8");
const label = (key) => ORGPACK.match(new RegExp(`key: "?${key}"?,[^\\n]*?label: \\{ja: "([^"]+)"`))[1];

const SHEETS = ["1 事業活動の概要", "2 想定する災害と影響", "3 初動対応", "4 事前対策", "5 推進体制", "6 訓練と見直し"];
const FILL = "【記入】";
const BY_COMPANY = "会社が記入";

const PROCS = [
	{ name: "受注処理", importance: 3, dependency: 3, owner: "営業 田中", workaround: "電話と紙の注文票" },
	{ name: "出荷", importance: 3, dependency: 3, owner: "物流 高橋" },
	{ name: "請求", importance: 3, dependency: 2, owner: "経理 伊藤" },
	{ name: "在庫照会", importance: 2, dependency: 3 },
	{ name: "給与計算", importance: 2, dependency: 2 },
	{ name: "社内報", importance: 1, dependency: 2 },
	{ name: "備品管理", importance: 1, dependency: 1 },
];
const SYS = [
	{ name: "販売管理", copies: 2, media: ["nas"], offline: 0, offsite: 1, offline_offsite: 0, last_backup: daysAgo(2), last_restore_test: daysAgo(40) },
	{ name: "会計クラウド", copies: 3, media: ["cloud", "external_disk"], offline: 1, offsite: 2, offline_offsite: 1, last_backup: daysAgo(1), last_restore_test: daysAgo(200) },
	{ name: "共有フォルダ", copies: 3, media: ["nas"], offline: 1, offsite: 0, offline_offsite: 0 },
];
const CONTACTS = [
	{ target: "employees", owner: "総務部長 鈴木", company: "自社", person: "総務課", phone: "03-1111-2222" },
	{ target: "customers", owner: "営業部長 中村", person: "顧客窓口", phone: "03-3333-4444" },
	{ target: "hardware", owner: "情報システム 小林", company: "保守会社", phone: "0120-555-666", system: "販売管理" },
];

test("the draft: sheets in the form's order, filled from the registers, every row with its source", async () => {
	const procs = [];
	for (const p of PROCS) {
		const row = await api("POST", `/api/v1/orgs/${org}/processes`, p);
		assert.equal(row.priority, priority(p.importance, p.dependency), p.name);
		procs.push({ ...p, id: row.id, priority: priority(p.importance, p.dependency) });
	}
	const sys = {};
	for (const s of SYS) {
		const row = await api("POST", `/api/v1/orgs/${org}/systems`, { ...s, processes: [procs[0].id, procs[2].id] });
		assert.deepEqual(row.rule_321_missing, missing(s), s.name);
		sys[s.name] = row.id;
	}
	for (const c of CONTACTS)
		await api("POST", `/api/v1/orgs/${org}/contacts`, { ...c, system: c.system ? sys[c.system] : undefined });
	const STEPS = [
		{ step: 1, action: "被害を確かめる", owner: "情報システム 小林", minutes: 30 },
		{ step: 0, action: "揺れが収まったか確かめる", owner: "総務部長 鈴木", minutes: 15 },
		{ step: 3, action: "予備のパソコンで動かす", owner: "情報システム 小林", minutes: 120 },
	];
	for (const s of STEPS)
		await api("POST", `/api/v1/orgs/${org}/recovery`, { system: sys["販売管理"], stage: "provisional", ...s });
	await api("POST", `/api/v1/orgs/${org}/recovery`, { system: sys["販売管理"], stage: "permanent", step: 6, action: "本番に切り替える", owner: "保守会社" });
	await api("POST", `/api/v1/orgs/${org}/disruptions`, { kind: "earthquake", scenario: "大きな地震で事務所のサーバーが倒れる", reason: "受注が止まるため", layers: ["building", "infra", "hardware"], systems: [sys["販売管理"]] });
	await api("POST", `/api/v1/orgs/${org}/disruptions`, { kind: "epidemic", scenario: "担当者が感染症で休む", layers: ["people"] });
	const month = today().slice(0, 7);
	await api("POST", `/api/v1/orgs/${org}/plan`, { area: "human", measure: "安否確認の連絡網をつくる", owner: "総務", status: "done", done_on: daysAgo(10) });
	await api("POST", `/api/v1/orgs/${org}/plan`, { area: "technical", measure: "外付けディスクに週1回控えを取る", owner: "情報システム", status: "todo", deadline: month });
	await api("POST", `/api/v1/orgs/${org}/plan`, { area: "physical", measure: "サーバーを固定する", status: "dropped" });

	const file = join(dir, "draft.xlsx");
	const got = await download(admin, `/o/${org}/bcp/keizoku.xlsx`, file);
	assert.equal(got.status, 200);
	assert.match(got.disposition, /attachment/);
	const wb = sheets(file);
	assert.deepEqual(wb.map((s) => s.name), SHEETS, "six sheets in the form's order");

	// every table row names its source; a cell to fill sits in a row the
	// company fills
	let tables = 0;
	for (const sh of wb) {
		let src = -1;
		for (const r of sh.rows) {
			const at = r.indexOf("出どころ");
			if (at >= 0) { src = at; tables++; continue; }
			if (src < 0 || r.length < 2) { src = -1; continue; }
			const cells = r.filter((c) => c !== undefined && c !== "");
			if (cells.length === 0) { src = -1; continue; }
			assert.ok(typeof r[src] === "string" && r[src].length > 0, `${sh.name}: a source for ${JSON.stringify(r)}`);
			if (r.some((c) => typeof c === "string" && c.startsWith(FILL)))
				assert.ok(r[src].includes(BY_COMPANY), `${sh.name}: ${JSON.stringify(r)} is the company's to fill`);
		}
	}
	assert.ok(tables >= 10, `tables with a source column: ${tables}`);

	// 1: the notice, the date, the profile, the supply chain, the core work
	const s1 = wb[0];
	const text1 = s1.rows.map((r) => r.join(" ")).join("\n");
	assert.ok(text1.includes("これは下書きです"));
	assert.ok(text1.includes("公式の様式"), "says the official form decides");
	assert.ok(s1.rows.some((r) => r[0] === "作成日" && r[1] === today()), "the date it was made");
	const ov = Object.fromEntries(table(s1, ["項目", "内容（下書き）", "出どころ"]).map((r) => [r[0], r]));
	assert.equal(ov["会社の名前"][1], "継続計画株式会社");
	assert.equal(ov["会社の名前"][2], "mamori：組織のプロフィール");
	assert.equal(ov["業種（日本標準産業分類の大分類）"][1], label(ORG.industry));
	assert.equal(ov["従業員数"][1], label(ORG.employees));
	assert.ok(ov["取引の流れの中での役目"][1].startsWith(FILL));
	assert.equal(ov["取引の流れの中での役目"][2], BY_COMPANY);
	const core = procs.filter((p) => p.priority === "s").concat(procs.filter((p) => p.priority === "a"));
	assert.equal(ov["中核となる業務"][1], core.map((p) => p.name).join("、"));
	const coreT = table(s1, ["業務の名前", "復旧の優先度"]);
	assert.deepEqual(coreT.map((r) => [r[0], r[1], r[3]]), core.map((p) => [p.name, PRIO_JA[p.priority], RTO_JA[p.priority]]));
	assert.equal(coreT[0][4], "電話と紙の注文票");

	// 2: the assumed events with their layers; people, things, money,
	// information
	const s2 = wb[1];
	const dis = table(s2, ["事態の種類", "起きること"]);
	assert.deepEqual(dis.map((r) => r[0]), ["大地震", "感染症の流行（人が出社できない）"]);
	assert.equal(dis[0][3], "ハードウェア（第3層）、インフラ（第2層）、建物（第1層）", "the layers in the pack's order");
	assert.equal(dis[0][4], "販売管理");
	const imp = Object.fromEntries(table(s2, ["経営資源", "影響（mamoriの記録から）"]).map((r) => [r[0], r]));
	assert.ok(imp["ヒト（人）"][1].includes("感染症の流行"), imp["ヒト（人）"][1]);
	assert.ok(imp["ヒト（人）"][1].includes("総務部長 鈴木（自社、総務課、03-1111-2222）"), imp["ヒト（人）"][1]);
	assert.ok(imp["モノ（設備・機器）"][1].includes(`業務が使うシステム（${SYS.length}件）`));
	assert.ok(imp["モノ（設備・機器）"][1].includes("大地震"));
	assert.ok(imp["カネ（資金）"][1].startsWith(FILL));
	assert.ok(imp["カネ（資金）"][1].includes("記録していません"));
	const pass = SYS.filter((s) => missing(s).length === 0);
	assert.ok(imp["情報"][1].includes(`${SYS.length}件のうち、${pass.length}件`), imp["情報"][1]);
	for (const s of SYS.filter((x) => missing(x).length > 0))
		assert.ok(imp["情報"][1].includes(`${s.name}（${missing(s).map((m) => MISS_JA[m]).join("、")}）`), `${s.name} gaps: ${imp["情報"][1]}`);
	assert.ok(!imp["情報"][1].includes("会計クラウド（"), "a system that passes has no gap");

	// 3: the initial response, the provisional steps, the RTOs
	const s3 = wb[2];
	const ir = table(s3, ["項目", "何をするか", "いつ", "前もって備えておくこと", "出どころ"]);
	assert.deepEqual(ir.map((r) => r[0]), ["人命の安全の確保", "緊急時の体制づくり", "被害状況の把握と、被害情報の共有"]);
	assert.ok(ir[0][3].includes("03-1111-2222"));
	assert.ok(ir[1][1].includes("総務部長 鈴木") && ir[1][1].includes("営業部長 中村") && ir[1][1].includes("情報システム 小林"));
	assert.ok(ir[1][2].includes(`${procs.find((p) => p.priority === "s").name}（すぐに）`), ir[1][2]);
	assert.ok(ir[1][3].includes(`${CONTACTS.length}件`) && ir[1][3].includes(`${STEPS.length}件`), ir[1][3]);
	assert.ok(ir[2][1].includes("揺れが収まったか確かめる") && ir[2][1].includes("被害を確かめる"));
	assert.ok(!ir[2][1].includes("予備のパソコン"), "only steps 0-1 in the damage survey");
	assert.ok(ir[2][3].includes("営業部長 中村"));
	const steps = table(s3, ["システム", "手順の番号"]);
	const sorted = [...STEPS].sort((a, b) => a.step - b.step);
	assert.deepEqual(steps.map((r) => [r[0], r[1], r[3], r[4], r[5]]), sorted.map((s) => ["販売管理", s.step, s.action, s.owner, s.minutes]));
	const tight = Math.min(...[procs[0], procs[2]].map((p) => EX1[p.priority]));
	assert.ok(steps.every((r) => r[6] === tight), "the tightest RTO of the system's processes");
	const rto = table(s3, ["業務の名前", "復旧の優先度", "目標復旧時間（時間）"]);
	const order = ["s", "a", "b", "c", "d"].flatMap((k) => procs.filter((p) => p.priority === k));
	assert.deepEqual(rto.map((r) => r[0]), order.map((p) => p.name));
	for (const [i, p] of order.entries()) {
		assert.equal(rto[i][1], PRIO_JA[p.priority]);
		assert.equal(rto[i][2], EX1[p.priority] === null ? "" : EX1[p.priority], `${p.name}: ${p.priority}`);
		assert.equal(rto[i][3], RTO_JA[p.priority]);
	}
	assert.ok(rto.filter((r) => r[1] === PRIO_JA.s).every((r) => r[2] === 0), "S at once under ex1");

	// 4: the measures, done or planned, the 3-2-1 gaps
	const s4 = wb[3];
	const ms = table(s4, ["経営資源", "対策", "実施の状況"]);
	const find = (s) => ms.find((r) => typeof r[1] === "string" && r[1].startsWith(s));
	assert.equal(find("安否確認の連絡網")[0], "ヒト（人）");
	assert.equal(find("安否確認の連絡網")[2], `実施済み（${daysAgo(10)}）`);
	assert.equal(find("外付けディスク")[0], "情報");
	assert.equal(find("外付けディスク")[2], "これから（未着手）");
	assert.equal(find("外付けディスク")[4], month);
	assert.ok(!find("サーバーを固定"), "a dropped row is left out");
	for (const s of SYS) {
		const r = find(`${s.name}：`);
		assert.ok(r, s.name);
		assert.equal(r[0], "情報");
		if (missing(s).length > 0) {
			assert.equal(r[1], `${s.name}：控えを3-2-1に合わせる（${missing(s).map((m) => MISS_JA[m]).join("、")}）`);
			assert.equal(r[2], "これから（3-2-1に足りない）");
		} else
			assert.equal(r[2], "実施済み（3-2-1を満たす）");
	}
	const money = ms.filter((r) => r[0] === "カネ（資金）" && typeof r[1] === "string" && r[1].startsWith(FILL));
	assert.equal(money.length, 1, "money: a row to fill");
	assert.deepEqual([...new Set(ms.map((r) => r[0]))], ["ヒト（人）", "モノ（設備・機器）", "カネ（資金）", "情報"], "by resource in the form's order");
	const things = ms.filter((r) => r[0] === "モノ（設備・機器）");
	assert.ok(things.length === 1 && things[0][1].startsWith(FILL), "things: no row but the dropped one, so a row to fill");

	// 5: the executive to name, the recovery owners
	const s5 = wb[4];
	const st = table(s5, ["役割", "だれが"]);
	assert.equal(st[0][0], "推進の責任者（経営者）");
	assert.ok(st[0][1].startsWith(FILL));
	for (const c of CONTACTS) {
		const r = st.find((x) => x[1] === c.owner);
		assert.ok(r, c.owner);
		assert.ok(r[2].includes(c.phone));
		assert.equal(r[3], "mamori：復旧の責任者と連絡先");
	}
	assert.ok(st.find((x) => x[1] === "情報システム 小林")[0].includes("（販売管理）"));

	// 6: training (no exercises register yet: a row to fill) and the
	// maintenance dates
	const s6 = wb[5];
	const ex = table(s6, ["訓練", "日付"]);
	assert.ok(ex[0][0].startsWith(FILL));
	const mt = table(s6, ["活動", "内容", "前回", "次回（遅くとも）"]);
	assert.deepEqual(mt.map((r) => r[0]), ["対策を実行する", "点検する", "直す", "経営者が見直す", "教育と訓練"]);
	const lastBackup = SYS.map((s) => s.last_backup).filter(Boolean).sort().at(-1);
	const lastTest = SYS.map((s) => s.last_restore_test).filter(Boolean).sort().at(-1);
	assert.deepEqual([mt[0][2], mt[0][3]], [lastBackup, yearAfter(lastBackup)]);
	assert.deepEqual([mt[1][2], mt[1][3]], [lastTest, yearAfter(lastTest)]);
	assert.deepEqual([mt[2][2], mt[2][3]], [daysAgo(10), yearAfter(daysAgo(10))]);
	assert.ok(mt[3][2].startsWith(FILL) && mt[3][3].includes(yearAfter(today())), "the review: the company's to fill, within a year");

	// the other organisation's data stay out
	assert.ok(!wb.some((sh) => sh.rows.some((r) => r.some((c) => c === "別の会社"))));

	// the PDF says the same, on A4 landscape pages
	const pfile = join(dir, "draft.pdf");
	assert.equal((await download(admin, `/o/${org}/bcp/keizoku.pdf`, pfile)).status, 200);
	const raw = execFileSync("pdftotext", ["-raw", pfile, "-"], { encoding: "utf8" }).replace(/\n/g, "");
	for (const s of ["これは下書きです", "継続計画株式会社", "事業活動の概要", "初動対応", "平時の推進体制", "訓練と見直し",
		"受注処理", "出荷", "03-1111-2222", "控えを3-2-1に合わせる", "ヒト（人）", "カネ（資金）", FILL])
		assert.ok(raw.includes(s), `the PDF says ${s}`);
	const info = execFileSync("pdfinfo", [pfile], { encoding: "utf8" });
	const [, w, h] = info.match(/Page size:\s+([\d.]+) x ([\d.]+) pts/);
	assert.ok(Math.abs(+w - 841.89) < 1 && Math.abs(+h - 595.28) < 1, `A4 landscape: ${w} x ${h}`);
	assert.ok(+info.match(/Pages:\s+(\d+)/)[1] >= 6, "a page or more for each part");

	// both downloads in the audit log, in words
	const audit = await admin.get(`/o/${org}/audit`);
	assert.ok(audit.text.includes("事業継続力強化計画（ITの部分）の下書き（PDF）"), "audit: pdf");
	assert.ok(audit.text.includes("事業継続力強化計画（ITの部分）の下書き（Excel）"), "audit: xlsx");
});

test("an empty organisation: the same sheets, rows for the company to fill", async () => {
	const org2 = await makeOrg(admin, { name: "まだ空の会社" });
	const file = join(dir, "empty.xlsx");
	assert.equal((await download(admin, `/o/${org2}/bcp/keizoku.xlsx`, file)).status, 200);
	const wb = sheets(file);
	assert.deepEqual(wb.map((s) => s.name), SHEETS);
	const ov = Object.fromEntries(table(wb[0], ["項目", "内容（下書き）", "出どころ"]).map((r) => [r[0], r]));
	assert.equal(ov["会社の名前"][1], "まだ空の会社");
	assert.ok(ov["中核となる業務"][1].startsWith(FILL));
	assert.ok(!wb[0].rows.some((r) => r[0] === "業務の名前"), "no core table without S or A processes");
	assert.ok(table(wb[1], ["事態の種類", "起きること"])[0][1].startsWith(FILL));
	for (const r of table(wb[1], ["経営資源", "影響（mamoriの記録から）"]))
		assert.ok(r[1].startsWith(FILL) && r[2] === BY_COMPANY, r[0]);
	const ir = table(wb[2], ["項目", "何をするか", "いつ", "前もって備えておくこと", "出どころ"]);
	assert.ok(ir.every((r) => r[3].startsWith(FILL)));
	assert.ok(table(wb[2], ["システム", "手順の番号"])[0][3].startsWith(FILL));
	assert.ok(table(wb[2], ["業務の名前", "復旧の優先度", "目標復旧時間（時間）"])[0][0].startsWith(FILL));
	const ms = table(wb[3], ["経営資源", "対策", "実施の状況"]);
	assert.equal(ms.filter((r) => typeof r[1] === "string" && r[1].startsWith(FILL)).length, 4, "one row to fill per resource");
	assert.ok(table(wb[4], ["役割", "だれが"]).every((r) => r[1].startsWith(FILL)));
	for (const r of table(wb[5], ["活動", "内容", "前回", "次回（遅くとも）"]))
		assert.ok(r[2].startsWith(FILL) && r[3].includes(yearAfter(today())), r[0]);
	const pfile = join(dir, "empty.pdf");
	assert.equal((await download(admin, `/o/${org2}/bcp/keizoku.pdf`, pfile)).status, 200);
	const raw = execFileSync("pdftotext", ["-raw", pfile, "-"], { encoding: "utf8" }).replace(/\n/g, "");
	assert.ok(raw.includes("まだ空の会社") && raw.includes("これは下書きです"));
});

test("in English, the sheets and the notice", async () => {
	await admin.get("/lang/en");
	try {
		const file = join(dir, "en.xlsx");
		assert.equal((await download(admin, `/o/${org}/bcp/keizoku.xlsx`, file)).status, 200);
		const wb = sheets(file);
		assert.deepEqual(wb.map((s) => s.name), ["1 Business overview", "2 Disasters and impact", "3 Initial response", "4 Measures", "5 Structure", "6 Training and review"]);
		const text = wb[0].rows.map((r) => r.join(" ")).join("\n");
		assert.ok(text.includes("This is a draft") && text.includes("the official form decides"));
		const rto = table(wb[2], ["Process", "Recovery priority", "Target recovery time (hours)"]);
		assert.ok(rto.some((r) => r[0] === "受注処理" && r[2] === 0 && r[3] === "at once"));
	} finally {
		await admin.get("/lang/ja");
	}
});

test("a plain member reads both; another organisation's admin and an unknown one get 404", async () => {
	for (const ext of ["xlsx", "pdf"]) {
		assert.equal((await download(member, `/o/${org}/bcp/keizoku.${ext}`, join(dir, `m.${ext}`))).status, 200, ext);
		assert.equal((await download(outsider, `/o/${org}/bcp/keizoku.${ext}`, join(dir, `o.${ext}`))).status, 404, ext);
		assert.equal((await fetch(`${srv.base}/o/999999/bcp/keizoku.${ext}`, { headers: auth })).status, 404, ext);
	}
	// the outsider's own draft has none of this organisation's rows
	const file = join(dir, "other.xlsx");
	assert.equal((await download(outsider, `/o/${other}/bcp/keizoku.xlsx`, file)).status, 200);
	const all = sheets(file).flatMap((s) => s.rows.map((r) => r.join(" "))).join("\n");
	assert.ok(all.includes("別の会社"));
	for (const s of ["受注処理", "販売管理", "総務部長 鈴木", "継続計画株式会社"])
		assert.ok(!all.includes(s), s);
});
