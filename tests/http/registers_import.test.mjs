// A register's CSV file through its list page (POST /o/{org}/r/{reg}/import,
// a file upload) and the blank template (GET …/template.csv): a file with
// any bad cell stores nothing and the page lists every error by line,
// column and field; a Shift_JIS (CP932) file from Excel's plain "CSV" works;
// the template goes back in with rows added; only an organisation admin
// imports, and another organisation's URL does not exist.  Then the risk
// form's reference to an asset: one of another organisation, posted by
// editing the id, is refused beside its field; an asset a risk names is
// not deleted.  Last, what the pages of the risks, the plan and the
// regulations add for a newcomer.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { startServer, firstAdmin, makeOrg, inviteUser, csrfOf, unescape } from "./lib.mjs";

let srv, admin, org, other, outsider, member;
before(async () => {
	srv = await startServer();
	admin = await firstAdmin(srv);
	org = await makeOrg(admin, { name: "読み込み株式会社" });
	other = await makeOrg(admin, { name: "よその会社" });
	outsider = await inviteUser(admin, srv, other, "outsider@example.jp", "org_admin");
	member = await inviteUser(admin, srv, org, "member@example.jp", "member");
});
after(async () => {
	await srv?.stop();
});

const base = (reg, o = org) => `/o/${o}/r/${reg}`;
const text = (html) => unescape(html.replace(/<[^>]+>/g, " ")).replace(/\s+/g, " ").trim();
const BOM = "\ufeff";

// Upload bytes as the file field "csv" of the list page's import form,
// with the CSRF token of the page at from.
async function upload(c, reg, bytes, { o = org, from = base(reg, o), name = "list.csv" } = {}) {
	const page = await c.get(from);
	const fd = new FormData();
	fd.append("_csrf", csrfOf(page.text) ?? "");
	if (bytes !== null)
		fd.append("csv", new Blob([bytes], { type: "text/csv" }), name);
	const res = await fetch(srv.base + `${base(reg, o)}/import`, {
		method: "POST", body: fd, redirect: "manual", headers: { cookie: c.cookieHeader() } });
	return { status: res.status, location: res.headers.get("location"), text: await res.text() };
}

// The refusals the page shows: [line, column, field, message] each.
function importErrors(html) {
	const t = html.match(/<table class="table reg-import-errors">([\s\S]*?)<\/table>/);
	if (!t) return [];
	return [...t[1].matchAll(/<tr><td[^>]*>([\s\S]*?)<\/td><td[^>]*>([\s\S]*?)<\/td><td[^>]*>([\s\S]*?)<\/td><td[^>]*>([\s\S]*?)<\/td><\/tr>/g)]
		.map((m) => [text(m[1]), text(m[2]), text(m[3]), text(m[4])]);
}

// A CSV into rows of cells (quoted cells with commas, quotes, line breaks).
function parseCsv(s) {
	const out = [];
	let row = [], cell = "", q = false;
	for (let i = 0; i < s.length; i++) {
		const ch = s[i];
		if (q) {
			if (ch === '"' && s[i + 1] === '"') { cell += '"'; i++; }
			else if (ch === '"') q = false;
			else cell += ch;
		} else if (ch === '"') q = true;
		else if (ch === ",") { row.push(cell); cell = ""; }
		else if (ch === "\r") continue;
		else if (ch === "\n") { row.push(cell); out.push(row); row = []; cell = ""; }
		else cell += ch;
	}
	if (cell !== "" || row.length) { row.push(cell); out.push(row); }
	return out;
}

// The names (first column's links) the list shows.
function listed(html, reg = "assets") {
	// the register's own table (the page may hold others above it)
	const body = html.match(/<table class="table reg-table"[\s\S]*?<tbody>([\s\S]*?)<\/tbody>/);
	if (!body) return [];
	return [...body[1].matchAll(new RegExp(`<a href="/o/\\d+/r/${reg}/(\\d+)">([^<]*)</a>`, "g"))].map((m) => unescape(m[2]));
}

async function apiRows(reg, o = org) {
	const res = await admin.get(`/api/v1/orgs/${o}/${reg}`);
	assert.equal(res.status, 200, res.text);
	return JSON.parse(res.text).rows;
}

async function download(c, path) {
	const res = await fetch(srv.base + path, { headers: { cookie: c.cookieHeader() } });
	return { status: res.status, type: res.headers.get("content-type"),
		disposition: res.headers.get("content-disposition"), body: Buffer.from(await res.arrayBuffer()) };
}

test("the list offers the import to an admin: the form, the template and what to know first", async () => {
	const page = await admin.get(base("assets"));
	assert.equal(page.status, 200);
	const panel = page.text.match(/<details class="more reg-import" id="import">([\s\S]*?)<\/details>/);
	assert.ok(panel, "a folded import panel");
	assert.match(panel[1], /<form method="post" action="\/o\/\d+\/r\/assets\/import" enctype="multipart\/form-data">/);
	assert.match(panel[1], /<input type="file" id="f-csv" name="csv" accept="\.csv,text\/csv" required=""\/>/);
	assert.match(panel[1], /<a href="\/o\/\d+\/r\/assets\/template\.csv" download="">/);
	assert.match(panel[1], /CSV UTF-8（コンマ区切り）/, "Excel's UTF-8 CSV");
	assert.match(panel[1], /ふつうの「CSV（コンマ区切り）」/, "and the plain (Shift_JIS) one");
	assert.match(panel[1], /1行目には項目名/);
	assert.match(panel[1], /何も登録しません/);
	// the risks say what their asset column takes: the asset's name (its
	// number when two share it)
	assert.match((await admin.get(base("risks"))).text, /「情報資産」の列には、相手の行の名前を、一覧に出ているとおりに書きます。同じ名前の行が2つ以上あるときは、名前の代わりにその行の番号/);
	// a member sees none of it
	const m = await member.get(base("assets"));
	assert.equal(m.status, 200);
	assert.doesNotMatch(m.text, /reg-import|\/import"/);
});

test("a file with bad cells: 422, nothing stored, every error in a table by line, column and field", async () => {
	const before_ = (await apiRows("assets")).length;
	const csv = BOM + "情報資産の名前,機密性,完全性,可用性,個人情報\r\n" +
		"顧客名簿,1,2,3,personal\r\n" +
		"見積書,9,1,1,none\r\n" +
		"あ".repeat(101) + ",1,1,1,none\r\n" +
		"給与明細,1,1,1,ひみつ\r\n" +
		",2,2,2,\r\n";
	const res = await upload(admin, "assets", csv);
	assert.equal(res.status, 422);
	assert.match(res.text, /ファイルに直すところが4か所あったので、何も登録していません/);
	assert.match(res.text, /<details class="more reg-import" id="import" open="">/, "the panel is open");
	assert.match(res.text, /aria-invalid="true" aria-describedby="e-csv"/);
	assert.deepEqual(importErrors(res.text), [
		["3", "B列（2列目）", "機密性", "1から3までの数字で入力してください。"],
		["4", "A列（1列目）", "情報資産の名前", "100文字以内で入力してください。"],
		["5", "E列（5列目）", "個人情報", "選べる値のどれでもありません。"],
		["6", "A列（1列目）", "情報資産の名前", "入力してください。"],
	]);
	assert.equal((await apiRows("assets")).length, before_, "nothing stored, not even the good line");
	// a column the register does not have: an error of the header line
	const hdr = await upload(admin, "assets", "name,c,i,a,色\nx,1,1,1,赤\n");
	assert.equal(hdr.status, 422);
	assert.deepEqual(importErrors(hdr.text), [["1", "E列（5列目）", "—", "この台帳にない項目名です。"]]);
	// no file chosen, an empty file
	const none = await upload(admin, "assets", null);
	assert.equal(none.status, 422);
	assert.match(none.text, /<p class="field-msg" id="e-csv">読み込むファイルを選んでください。<\/p>/);
	const empty = await upload(admin, "assets", "");
	assert.equal(empty.status, 422);
	assert.deepEqual(importErrors(empty.text).map((e) => e[3]), ["ファイルが空です。1行目に項目名を入れてください。"]);
	assert.equal((await apiRows("assets")).length, before_);
});

test("a good file adds every row and says how many; a Shift_JIS (CP932) file from Excel's plain CSV works too", async () => {
	const csv = "name,category,owner,c,i,a,personal,description\r\n" +
		"取引先一覧,customers,営業部,2,2,1,personal,\"住所と電話番号\n担当者の名前\"\r\n" +
		"'=設計図,engineering,設計課,3,2,2,none,\r\n";
	const res = await upload(admin, "assets", csv);
	assert.equal(res.status, 303, JSON.stringify(importErrors(res.text)));
	assert.match(res.location, /\/r\/assets\?imported=2$/);
	const page = await admin.get(res.location);
	assert.match(page.text, /CSVファイルから2件を追加しました。/);
	assert.ok(listed(page.text).includes("取引先一覧"));
	const rows = await apiRows("assets");
	const t = rows.find((r) => r.name === "取引先一覧");
	assert.equal(t.importance, 2);
	assert.equal(t.description, "住所と電話番号\n担当者の名前", "a line break inside a quoted cell");
	assert.ok(rows.some((r) => r.name === "'=設計図"), "an unquoted apostrophe is text");
	// history says it came in a batch
	assert.match((await admin.get(`${base("assets")}/${t.id}`)).text, /data-op="import"/);

	// the same kind of file saved by Excel as plain "CSV": Shift_JIS
	const utf8 = "情報資産の名前,業務の分類,管理の責任者,機密性,完全性,可用性,個人情報,形（紙・電子データ）\r\n" +
		"従業員の健康診断の結果,人事・給与,総務部 髙橋,3,2,1,要配慮個人情報,紙\r\n" +
		"①番の金庫の鍵の台帳,その他,総務部,2,2,2,含まない,紙\r\n";
	const sjis = execFileSync("iconv", ["-f", "UTF-8", "-t", "CP932"], { input: utf8 });
	assert.notDeepEqual(sjis, Buffer.from(utf8), "really converted");
	const res2 = await upload(admin, "assets", sjis);
	assert.equal(res2.status, 303, text(res2.text).slice(0, 400));
	assert.match(res2.location, /imported=2$/);
	const rows2 = await apiRows("assets");
	const h = rows2.find((r) => r.name === "従業員の健康診断の結果");
	assert.ok(h, "the Japanese text read right");
	assert.equal(h.owner, "総務部 髙橋");
	assert.equal(h.personal, "sensitive");
	assert.equal(h.importance, 3);
	assert.equal(h.media, "paper");
	assert.ok(rows2.some((r) => r.name === "①番の金庫の鍵の台帳"));
});

test("the blank template: a byte-order mark and one line of the labels one types, and it goes back in", async () => {
	const t = await download(admin, `${base("assets")}/template.csv`);
	assert.equal(t.status, 200);
	assert.equal(t.type, "text/csv; charset=utf-8");
	assert.match(t.disposition, /^attachment; filename="mamori-assets-template-\d{4}-\d{2}-\d{2}\.csv"; filename\*=UTF-8''/);
	assert.deepEqual([...t.body.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
	const s = t.body.toString("utf8").slice(1);
	assert.equal(s, "情報資産の名前,業務の分類,どんな情報か,使う人,部署,管理の責任者,形（紙・電子データ）,置き場所,個人情報," +
		"機密性,完全性,可用性,保存期間,備考\r\n", "no derived column, nothing but the header");
	// filled in and sent back
	const filled = Buffer.concat([t.body, Buffer.from("見本から入れた資産,経理,,,,,電子データ,,含まない,1,1,2,,\r\n")]);
	const res = await upload(admin, "assets", filled);
	assert.equal(res.status, 303, text(res.text).slice(0, 400));
	assert.match(res.location, /imported=1$/);
	const row = (await apiRows("assets")).find((r) => r.name === "見本から入れた資産");
	assert.equal(row.category, "accounting");
	assert.equal(row.importance, 2);
	// every register has one; the plan's leaves out points and priority
	const p = (await download(admin, `${base("plan")}/template.csv`)).body.toString("utf8").slice(1);
	assert.match(p, /^改善分野,現状と課題,具体的な改善対策,/);
	assert.doesNotMatch(p, /点数|優先度/);
	// a member may fetch the template (it holds nothing) but not import
	assert.equal((await download(member, `${base("assets")}/template.csv`)).status, 200);
	assert.equal((await download(admin, `/o/${org}/r/nosuch/template.csv`)).status, 404);
});

test("the other registers: a risk naming another organisation's asset, a plan deadline in the past, a regulation area twice — each at its line and column", async () => {
	const mine = (await apiRows("assets")).find((r) => r.name === "取引先一覧");
	const theirs = JSON.parse((await admin.req("POST", `/api/v1/orgs/${other}/assets`, {
		body: JSON.stringify({ name: "よその資産", c: 1, i: 1, a: 1 }),
		headers: { "content-type": "application/json", "x-csrf-token": csrfOf((await admin.get(`/o/${org}`)).text) },
	})).text);
	assert.ok(theirs.id, "made another organisation's asset");
	let res = await upload(admin, "risks", `asset,threat,threat_level,vulnerability\n${mine.id},theft,3,3\n${theirs.id},盗難,2,2\n`);
	assert.equal(res.status, 422);
	assert.deepEqual(importErrors(res.text), [["3", "A列（1列目）", "情報資産", "指定された行が見つかりません（消されたか、別の組織の行です）。"]]);
	assert.equal((await apiRows("risks")).length, 0, "the good line was not stored either");
	res = await upload(admin, "risks", `情報資産,脅威,脅威の起きやすさ,脆弱性（対策の足りなさ）\n${mine.id},theft,3,3\n${mine.id},盗難,3,2\n`);
	assert.equal(res.status, 303);
	const risks = await apiRows("risks");
	assert.deepEqual(risks.map((r) => [r.likelihood, r.value, r.band]).sort(), [[2, 4, "mid"], [3, 6, "high"]]);

	// the plan's rule about deadlines is the write's own: still by line
	res = await upload(admin, "plan", "area,measure,deadline\ntechnical,パスワードを長くする,\nhuman,教育をする,2020-01\n");
	assert.equal(res.status, 422);
	assert.deepEqual(importErrors(res.text), [["3", "C列（3列目）", "実施期限（年月）", "今月より前にはできません。"]]);
	assert.equal((await apiRows("plan")).length, 0);

	// the regulations have one row per area
	res = await upload(admin, "regulations", "area,status\naccess,new\nhuman,keep\naccess,revised\n");
	assert.equal(res.status, 422);
	assert.deepEqual(importErrors(res.text).map((e) => e.slice(0, 3)), [["4", "A列（1列目）", "分野"]]);
	assert.equal((await apiRows("regulations")).length, 0);
});

test("the risks' CSV names assets and plan rows by name: written so, read back so, a name two assets share and an unknown one refused at their line and column, an old file of ids still taken", async () => {
	const o = await makeOrg(admin, { name: "名前で読む株式会社" });
	const post = async (reg, row) => {
		const res = await admin.req("POST", `/api/v1/orgs/${o}/${reg}`, { body: JSON.stringify(row),
			headers: { "content-type": "application/json", "x-csrf-token": csrfOf((await admin.get(`/o/${o}`)).text) } });
		assert.equal(res.status, 201, res.text);
		return JSON.parse(res.text);
	};
	const kokyaku = await post("assets", { name: "顧客名簿", c: 3, i: 2, a: 2 });
	const mitsu1 = await post("assets", { name: "見積書", c: 1, i: 1, a: 1 });
	const mitsu2 = await post("assets", { name: "見積書", c: 2, i: 2, a: 2 });
	const digits = await post("assets", { name: "2024", c: 1, i: 1, a: 1 });
	const kinko = await post("assets", { name: "金庫, \"鍵\"", c: 2, i: 1, a: 1 });
	const backup = await post("plan", { area: "technical", measure: "バックアップを\n毎日とる" });
	assert.ok(digits.id !== 2024, "the number is not the row's");

	// by name: trimmed, with a comma and quotes, a long text with a line break
	let res = await upload(admin, "risks", "情報資産,脅威,脅威の起きやすさ,脆弱性（対策の足りなさ）,plan\r\n" +
		" 顧客名簿 ,theft,3,3,\"バックアップを\r\n毎日とる\"\r\n" +
		"\"金庫, \"\"鍵\"\"\",盗難,2,2,\r\n", { o });
	assert.equal(res.status, 303, JSON.stringify(importErrors(res.text)));
	let risks = await apiRows("risks", o);
	assert.deepEqual(risks.map((r) => [r.asset, r.plan]).sort(), [[kokyaku.id, backup.id], [kinko.id, null]].sort());

	// a name two assets have, one no asset has: nothing stored
	res = await upload(admin, "risks", "asset,threat,threat_level,vulnerability\n顧客名簿,theft,1,1\n見積書,theft,1,1\nない資産,theft,1,1\n顧客,theft,1,1\n", { o });
	assert.equal(res.status, 422);
	assert.deepEqual(importErrors(res.text), [
		["3", "A列（1列目）", "情報資産", "この名前の行が2つ以上あるので、どれのことか決められません。名前の代わりに、その行の番号（No.）を書いてください。"],
		["4", "A列（1列目）", "情報資産", "指定された行が見つかりません（消されたか、別の組織の行です）。"],
		["5", "A列（1列目）", "情報資産", "指定された行が見つかりません（消されたか、別の組織の行です）。"],
	]);
	assert.equal((await apiRows("risks", o)).length, 2, "nothing stored");
	// the API says the same
	const api = await admin.req("POST", `/api/v1/orgs/${o}/risks`, { body: "asset,threat,threat_level,vulnerability\n見積書,theft,1,1\n",
		headers: { "content-type": "text/csv", "x-csrf-token": csrfOf((await admin.get(`/o/${o}`)).text) } });
	assert.equal(api.status, 422, api.text);
	assert.deepEqual(JSON.parse(api.text).errors.map((e) => [e.line, e.column, e.code]), [[2, 1, "ambiguous_ref"]]);

	// an old file, by ids: still taken (the number is an id, even where an
	// asset is named by digits)
	res = await upload(admin, "risks", `asset,threat,threat_level,vulnerability\n${mitsu1.id},theft,1,1\n${mitsu2.id},theft,2,2\n${digits.id},theft,1,2\n`, { o });
	assert.equal(res.status, 303, JSON.stringify(importErrors(res.text)));
	risks = await apiRows("risks", o);
	assert.equal(risks.length, 5);

	// the export names each asset by its name where it names it alone, by its
	// number where two share the name or the name is a number
	const file = (await download(admin, `${base("risks", o)}/export.csv`)).body.toString("utf8");
	const cells = parseCsv(file.replace(/^\ufeff/, ""));
	const h = cells[0], ai = h.indexOf("asset"), pi = h.indexOf("plan");
	const got = cells.slice(1).map((c) => [c[ai], c[pi]]).sort();
	assert.deepEqual(got, [["顧客名簿", "バックアップを\n毎日とる"], ["金庫, \"鍵\"", ""],
		[String(mitsu1.id), ""], [String(mitsu2.id), ""], [String(digits.id), ""]].sort());
	// …and the file goes back in to the same rows, with keys and with labels
	const refs = (v) => v.map((r) => `${r.asset}|${r.plan}|${r.threat}|${r.threat_level}|${r.vulnerability}`).sort();
	for (const path of [`${base("risks", o)}/export.csv`, `${base("risks", o)}/export.csv?labels=1`]) {
		const had = await apiRows("risks", o), last = Math.max(...had.map((r) => r.id));
		res = await upload(admin, "risks", (await download(admin, path)).body, { o });
		assert.equal(res.status, 303, `${path}: ${JSON.stringify(importErrors(res.text))}`);
		assert.deepEqual(refs((await apiRows("risks", o)).filter((r) => r.id > last)), refs(had), path);
	}
	// the list still shows the assets by name
	assert.match((await admin.get(base("risks", o))).text, />見積書</);
});

test("only an organisation admin imports (403); another organisation's import is 404", async () => {
	const before_ = (await apiRows("assets")).length;
	const csv = "name,c,i,a\n入ってはいけない,1,1,1\n";
	assert.equal((await upload(member, "assets", csv)).status, 403);
	assert.equal((await upload(outsider, "assets", csv, { from: base("assets", other) })).status, 404);
	for (const path of [base("assets"), `${base("assets")}/template.csv`])
		assert.equal((await outsider.get(path)).status, 404, path);
	assert.equal((await apiRows("assets")).length, before_);
	// without the CSRF token, refused as well
	const fd = new FormData();
	fd.append("csv", new Blob([csv]), "a.csv");
	const res = await fetch(srv.base + `${base("assets")}/import`, { method: "POST", body: fd, redirect: "manual",
		headers: { cookie: admin.cookieHeader() } });
	assert.equal(res.status, 403);
	assert.equal((await apiRows("assets")).length, before_);
});

test("the risk form: an asset of another organisation by an edited id is a field error; an asset a risk names is not deleted", async () => {
	const theirs = (await apiRows("assets", other))[0];
	const mine = (await apiRows("assets")).find((r) => r.name === "取引先一覧");
	const form = await admin.get(`${base("risks")}/new`);
	assert.equal(form.status, 200);
	// the form offers this organisation's assets only
	assert.match(form.text, new RegExp(`<option value="${mine.id}">取引先一覧</option>`));
	assert.doesNotMatch(form.text, new RegExp(`<option value="${theirs.id}"`));
	const count = (await apiRows("risks")).length;
	const res = await admin.post(`${base("risks")}/new`, { _csrf: csrfOf(form.text), asset: String(theirs.id),
		threat: "theft", threat_level: "3", vulnerability: "2", measure: "鍵を替える" });
	assert.equal(res.status, 422);
	assert.match(res.text, /<p class="field-msg" id="e-asset">指定された行が見つかりません（消されたか、別の組織の行です）。<\/p>/);
	assert.match(res.text, /aria-invalid="true" aria-describedby="e-asset"/);
	assert.match(res.text, /<textarea [^>]*name="measure"[^>]*>鍵を替える<\/textarea>/, "the rest kept");
	assert.match(res.text, /<input type="radio" name="threat_level" value="3" id="f-threat_level-3" checked=""/);
	assert.equal((await apiRows("risks")).length, count, "nothing stored");
	assert.equal((await apiRows("risks", other)).length, 0);

	// the asset two risks name stays: 409, saying so
	const row = await admin.get(`${base("assets")}/${mine.id}`);
	const del = await admin.post(`${base("assets")}/${mine.id}/delete`, { _csrf: csrfOf(row.text), confirm: "1", rev: String(mine.rev) });
	assert.equal(del.status, 409);
	assert.match(del.text, /<p class="notice notice-error" role="alert">[^<]*2件[^<]*<\/p>/);
	assert.equal((await admin.get(`${base("assets")}/${mine.id}`)).status, 200, "still there");
	assert.ok((await apiRows("assets")).some((r) => r.id === mine.id));
});

test("the pages of the other registers: a risk is linked and named by its asset and threat, a plan row starts to do, the twelve areas come ticked and then leave nothing to add", async () => {
	const o = await makeOrg(admin, { name: "画面確認株式会社" });
	const a = await upload(admin, "assets", "name,c,i,a\n金庫の鍵,3,1,1\n", { o });
	assert.equal(a.status, 303);
	const asset = (await apiRows("assets", o))[0];
	assert.equal((await upload(admin, "risks", `asset,threat,threat_level,vulnerability\n${asset.id},theft,3,3\n`, { o })).status, 303);
	const risk = (await apiRows("risks", o))[0];
	const list = await admin.get(base("risks", o));
	assert.match(list.text, new RegExp(`<a href="/o/${o}/r/risks/${risk.id}">金庫の鍵</a>`), "the first column leads to the risk");
	assert.match(list.text, /<details class="more rules" id="rule"><summary>被害の起きやすさ・リスク値・リスクの大きさの決め方<\/summary>/);
	const row = await admin.get(`${base("risks", o)}/${risk.id}`);
	assert.match(row.text, /<h1>金庫の鍵 × 盗難<\/h1>/);
	assert.match(row.text, new RegExp(`<p class="org-name">リスク · No\\.${risk.id}</p>`));
	assert.match(row.text, /<dd data-key="high">高<small class="meaning">リスク値6〜9：/);
	assert.match((await admin.get(`${base("assets", o)}/${asset.id}`)).text, new RegExp(`情報資産 · No\\.${asset.id}<`),
		"the number the risks' CSV names it by");
	const plan = await admin.get(`${base("plan", o)}/new`);
	assert.match(plan.text, /<option value="todo" selected="">未着手<\/option>/);
	const regs = await admin.get(base("regulations", o));
	const boxes = [...regs.text.matchAll(/<input type="checkbox" name="starter" value="([a-z_]+)"[^>]*>/g)];
	assert.equal(boxes.length, 12);
	assert.ok(boxes.every((b) => / checked=""/.test(b[0])), "all ticked");
	assert.match(regs.text, /テレワークにおける対策<\/strong><small>社外で働くときの端末、通信、書類の扱い。<\/small>/);
	const res = await admin.post(`${base("regulations", o)}/starters`,
		[["_csrf", csrfOf(regs.text)], ...boxes.map((b) => ["starter", b[1]])]);
	assert.equal(res.status, 303);
	const full = await admin.get(base("regulations", o));
	assert.equal(listed(full.text, "regulations").length, 12);
	assert.doesNotMatch(full.text, /\/r\/regulations\/new"/, "no area left to add");
	assert.doesNotMatch(full.text, /reg-import/);
	const access = (await apiRows("regulations", o)).find((r) => r.area === "access");
	assert.match((await admin.get(`${base("regulations", o)}/${access.id}/edit`)).text,
		/<h1>「アクセス制御及び認証」を書き換える<\/h1><p class="lead">だれに何を使わせるか、本人であることをどう確かめるか。<\/p>/);
});
