// The register pages (src/pages/page_register.c), on the information-asset
// register: the list with its starters, the form with each error beside
// its field, a row with its history, a stale edit refused with both
// versions shown, deletion after a confirmation, the CSV and XLSX
// downloads, who may do what, and tenancy.  Importance is checked against
// a computation of its own here (max of C, I, A; personal data at least 2;
// sensitive or My Number data 3) on many random rows, in every place it
// shows: the list, the row page, the CSV and the workbook.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer, firstAdmin, makeOrg, inviteUser, csrfOf, unescape } from "./lib.mjs";

const PERSONAL = ["none", "personal", "sensitive", "mynumber"];
// The rule, worked out here without the server's code.
function importance(c, i, a, personal) {
	let v = Math.max(c, i, a);
	if (personal === "personal") v = Math.max(v, 2);
	if (personal === "sensitive" || personal === "mynumber") v = 3;
	return v;
}

const dir = mkdtempSync(join(tmpdir(), "mamori-regpages-"));
let srv, admin, org, other, outsider, member;
before(async () => {
	srv = await startServer();
	admin = await firstAdmin(srv);
	org = await makeOrg(admin, { name: "台帳テスト株式会社" });
	other = await makeOrg(admin, { name: "別の会社" });
	outsider = await inviteUser(admin, srv, other, "outsider@example.jp", "org_admin");
	member = await inviteUser(admin, srv, org, "member@example.jp", "member");
});
after(async () => {
	await srv?.stop();
	rmSync(dir, { recursive: true, force: true });
});

const base = (o = org) => `/o/${o}/r/assets`;
const text = (html) => unescape(html.replace(/<[^>]+>/g, " ")).replace(/\s+/g, " ").trim();

// POST a form with the CSRF token of the page at from.
async function post(c, from, action, fields) {
	const page = await c.get(from);
	const pairs = [["_csrf", csrfOf(page.text) ?? ""]];
	for (const [k, v] of Object.entries(fields))
		if (k !== "_csrf") for (const x of Array.isArray(v) ? v : [v]) pairs.push([k, String(x)]);
	return c.post(action, pairs);
}

// Add an asset through the form; its id.
async function addAsset(fields, o = org) {
	const res = await post(admin, `${base(o)}/new`, `${base(o)}/new`, fields);
	assert.equal(res.status, 303, `add: ${res.status} ${text(res.text).slice(0, 300)}`);
	const m = res.location.match(/\/r\/assets\/(\d+)\?added=1$/);
	assert.ok(m, res.location);
	return +m[1];
}

// The values a form holds, as a browser would post them.
function formValues(html) {
	const v = {};
	for (const m of html.matchAll(/<input type="(?:text|hidden|number|date|month)" [^>]*?name="([^"]+)"(?: value="([^"]*)")?/g))
		v[m[1]] = unescape(m[2] ?? "");
	for (const m of html.matchAll(/<input type="radio" name="([^"]+)" value="([^"]*)"[^>]* checked=""/g))
		v[m[1]] = m[2];
	for (const m of html.matchAll(/<textarea [^>]*name="([^"]+)"[^>]*>([^<]*)<\/textarea>/g))
		v[m[1]] = unescape(m[2]);
	for (const m of html.matchAll(/<select id="[^"]*" name="([^"]+)"[^>]*>([\s\S]*?)<\/select>/g)) {
		const sel = m[2].match(/<option value="([^"]*)" selected=""/);
		v[m[1]] = sel ? unescape(sel[1]) : "";
	}
	return v;
}

// The list's table: one object a row, by column label (the name's link
// as id too).
function listRows(html) {
	const body = html.match(/<tbody>([\s\S]*?)<\/tbody>/);
	if (!body) return [];
	return [...body[1].matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((tr) => {
		const row = {};
		for (const td of tr[1].matchAll(/<td[^>]*data-label="([^"]*)"[^>]*>([\s\S]*?)<\/td>/g)) {
			row[unescape(td[1])] = text(td[2]);
			const id = td[2].match(/\/r\/assets\/(\d+)"/);
			if (id) row.id = +id[1];
		}
		return row;
	});
}

// The row page's facts: label → {text, value (data-value)}.
function facts(html) {
	const dl = html.match(/<dl class="facts reg-facts">([\s\S]*?)<\/dl>/)[1];
	const out = {};
	for (const m of dl.matchAll(/<dt[^>]*>([\s\S]*?)<\/dt><dd([^>]*)>([\s\S]*?)<\/dd>/g)) {
		const dv = m[2].match(/data-value="([^"]*)"/);
		out[text(m[1])] = { text: text(m[3]), value: dv ? dv[1] : null };
	}
	return out;
}

async function download(c, path) {
	const res = await fetch(srv.base + path, { headers: { cookie: c.cookieHeader() } });
	return { status: res.status, type: res.headers.get("content-type"),
		disposition: res.headers.get("content-disposition"), body: Buffer.from(await res.arrayBuffer()) };
}

// A CSV into rows of cells (quoted cells with commas, quotes, line breaks).
function parseCsv(s) {
	const rows = [];
	let row = [], cell = "", q = false;
	for (let i = 0; i < s.length; i++) {
		const ch = s[i];
		if (q) {
			if (ch === '"' && s[i + 1] === '"') { cell += '"'; i++; }
			else if (ch === '"') q = false;
			else cell += ch;
		} else if (ch === '"') q = true;
		else if (ch === ",") { row.push(cell); cell = ""; }
		else if (ch === "\r" && s[i + 1] === "\n") { row.push(cell); rows.push(row); row = []; cell = ""; i++; }
		else cell += ch;
	}
	if (cell !== "" || row.length) { row.push(cell); rows.push(row); }
	return rows;
}

// The first sheet of a workbook: rows of cell values (numbers as numbers).
let nxlsx = 0;
function sheet(buf) {
	const file = join(dir, `w${++nxlsx}.xlsx`);
	writeFileSync(file, buf);
	const unzip = (part) => execFileSync("unzip", ["-p", file, part], { encoding: "utf8", maxBuffer: 1 << 26 });
	const ss = [...unzip("xl/sharedStrings.xml").matchAll(/<si>([\s\S]*?)<\/si>/g)]
		.map((m) => unescape([...m[1].matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((t) => t[1]).join("")));
	const xml = unzip("xl/worksheets/sheet1.xml");
	return {
		xml, strings: ss,
		rows: [...xml.matchAll(/<row [^>]*>([\s\S]*?)<\/row>/g)].map((r) =>
			[...r[1].matchAll(/<c r="([A-Z]+)\d+"([^>]*)>(?:<v>([^<]*)<\/v>)?<\/c>/g)].reduce((row, c) => {
				const col = c[1].split("").reduce((s, ch) => s * 26 + ch.charCodeAt(0) - 64, 0) - 1;
				row[col] = /t="s"/.test(c[2]) ? ss[+c[3]] : c[3] === undefined ? "" : +c[3];
				return row;
			}, [])),
	};
}

// A small seeded generator, so a failure can be replayed.
function rng(seed) {
	return () => {
		seed = (seed + 0x6d2b79f5) | 0;
		let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

test("the empty register says what it is for and offers the starters unticked; an unknown register is 404", async () => {
	const res = await admin.get(base());
	assert.equal(res.status, 200);
	assert.match(res.text, /<h1>情報資産管理台帳<\/h1>/);
	assert.match(res.text, /会社が持っている情報を一覧にして/);
	const boxes = [...res.text.matchAll(/<input type="checkbox" name="starter" value="([a-z_]+)"([^>]*)>/g)];
	assert.equal(boxes.length, 12);
	assert.ok(boxes.every((b) => !/checked/.test(b[2])), "nothing ticked");
	// each starter shows the values it would get
	assert.match(res.text, /従業員のマイナンバー<\/strong>[\s\S]*?個人情報：マイナンバー（特定個人情報） · 機密性：3 · 完全性：3 · 可用性：1 · 重要度：3/);
	assert.equal((await admin.get(`/o/${org}/r/nosuch`)).status, 404);
	assert.equal((await admin.get(`/o/${org}/r/nosuch/new`)).status, 404);
	assert.equal((await admin.get(`/o/${org}/r/nosuch/1`)).status, 404);
	assert.equal((await admin.get(`/o/${org}/r/nosuch/export.csv`)).status, 404);
	// the organisation's home and tabs lead to it
	const home = await admin.get(`/o/${org}`);
	assert.match(home.text, /<nav class="subnav"[^>]*>[\s\S]*?<a href="\/o\/\d+\/r\/assets">情報資産<\/a>/);
	assert.match(home.text, /data-register="assets"><a href="\/o\/\d+\/r\/assets" class="card-link">情報資産管理台帳<\/a><span class="meta reg-count">まだ登録がありません<\/span>/);
});

test("starters: only the ticked ones are added, in one go, and are not offered again", async () => {
	let res = await post(admin, base(), `${base()}/starters`, {});
	assert.equal(res.status, 422);
	assert.match(res.text, /<p class="field-msg" id="e-starter">追加するものに、1つ以上チェックを付けてください。<\/p>/);
	res = await post(admin, base(), `${base()}/starters`, { starter: ["payroll", "drawings", "no_such_starter"] });
	assert.equal(res.status, 303);
	assert.match(res.location, /\/r\/assets\?started=2$/);
	const page = await admin.get(res.location);
	assert.match(page.text, /2件を追加しました。/);
	const rows = listRows(page.text);
	assert.deepEqual(rows.map((r) => r["情報資産の名前"]).sort(), ["給与・賞与の明細", "設計図面・技術資料"].sort());
	const payroll = rows.find((r) => r["情報資産の名前"] === "給与・賞与の明細");
	assert.equal(payroll["個人情報"], "個人情報");
	assert.equal(payroll["重要度"], "3");
	// the list's starters no longer offer them
	const offered = [...page.text.matchAll(/name="starter" value="([a-z_]+)"/g)].map((m) => m[1]);
	assert.equal(offered.length, 10);
	assert.ok(!offered.includes("payroll") && !offered.includes("drawings"));
	// ticking one again adds nothing twice
	res = await post(admin, base(), `${base()}/starters`, { starter: "payroll" });
	assert.equal(res.status, 422);
	// their history says they came in a batch
	const row = await admin.get(`${base()}/${payroll.id}`);
	assert.match(row.text, /<li class="hist" data-op="import" data-rev="1">/);
	assert.match(row.text, /まとめて追加/);
});

test("a form with errors: 422, each error beside its field, every other value kept, nothing stored", async () => {
	const before_ = listRows((await admin.get(base())).text).length;
	const res = await post(admin, `${base()}/new`, `${base()}/new`, {
		name: "", category: "hr", description: "一行目\r\n二行目", owner: "山田 花子",
		personal: "secret", c: "0", i: "4", a: "2", note: "<b>太字</b>",
	});
	assert.equal(res.status, 422);
	assert.match(res.text, /入力に直すところがあります/);
	assert.match(res.text, /<p class="field-msg" id="e-name">入力してください。<\/p><input type="text" id="f-name" name="name" value="" maxlength="100" autocomplete="off" required="" aria-invalid="true" aria-describedby="e-name"\/>/);
	assert.match(res.text, /<fieldset class="field field-error" aria-describedby="e-c"><legend>機密性（必須）<\/legend><p class="help">外の人に見られたら、どれくらい困りますか。<\/p><p class="field-msg" id="e-c">1から3までの数字で入力してください。<\/p>/);
	assert.match(res.text, /<p class="field-msg" id="e-i">1から3までの数字で入力してください。<\/p>/);
	assert.match(res.text, /<p class="field-msg" id="e-personal">選べる値のどれでもありません。<\/p>/);
	assert.doesNotMatch(res.text, /id="e-a"/, "a was fine");
	assert.doesNotMatch(res.text, /id="e-owner"/, "owner was fine");
	const v = formValues(res.text);
	assert.equal(v.owner, "山田 花子");
	assert.equal(v.description, "一行目\n二行目");
	assert.equal(v.note, "<b>太字</b>");
	assert.equal(v.category, "hr");
	assert.equal(v.a, "2");
	assert.match(res.text, /&lt;b&gt;太字&lt;\/b&gt;<\/textarea>/, "escaped, not markup");
	// missing levels are "pick one", too long a name names the limit
	const res2 = await post(admin, `${base()}/new`, `${base()}/new`, { name: "あ".repeat(101), c: "1", i: "1" });
	assert.equal(res2.status, 422);
	assert.match(res2.text, /<p class="field-msg" id="e-name">100文字以内で入力してください。<\/p>/);
	assert.match(res2.text, /<p class="field-msg" id="e-a">どれかを選んでください。<\/p>/);
	assert.equal(listRows((await admin.get(base())).text).length, before_, "nothing stored");
});

test("add, read every field with its label, edit, and the history shows what changed", async () => {
	const id = await addAsset({ name: "顧客名簿", category: "customers", description: "取引先の担当者一覧", users: "営業部",
		department: "営業", owner: "佐藤", media: "electronic", location: "事務所のNAS", personal: "personal",
		c: "1", i: "1", a: "1", retention: "5年", note: "" });
	let page = await admin.get(`${base()}/${id}?added=1`);
	assert.equal(page.status, 200);
	assert.match(page.text, /追加しました。/);
	const f = facts(page.text);
	assert.deepEqual(Object.keys(f), ["情報資産の名前", "業務の分類", "どんな情報か", "使う人", "部署", "管理の責任者",
		"形（紙・電子データ）", "置き場所", "個人情報", "機密性", "完全性", "可用性", "保存期間", "備考", "重要度"]);
	assert.equal(f["業務の分類"].text, "顧客");
	assert.equal(f["形（紙・電子データ）"].text, "電子データ");
	assert.equal(f["機密性"].value, "1");
	assert.match(f["機密性"].text, /^1：だれに見られても困らない/, "the level's meaning");
	assert.equal(f["備考"].text, "（未記入）");
	assert.equal(f["重要度"].value, "2", "personal data makes it at least 2");
	assert.match(page.text, /mamori独自の決め方です/);

	const form = await admin.get(`${base()}/${id}/edit`);
	assert.equal(form.status, 200);
	const v = formValues(form.text);
	assert.equal(v.rev, "1");
	assert.equal(v.owner, "佐藤");
	assert.equal(v.c, "1");
	assert.equal(v.personal, "personal");
	const res = await admin.post(`${base()}/${id}/edit`, { ...v, _csrf: csrfOf(form.text), owner: "鈴木", c: "3", note: "鍵は総務" });
	assert.equal(res.status, 303);
	assert.match(res.location, new RegExp(`/r/assets/${id}\\?saved=1$`));
	page = await admin.get(res.location);
	assert.match(page.text, /保存しました。/);
	assert.equal(facts(page.text)["重要度"].value, "3");
	// newest first: the edit, then the addition
	const hist = page.text.slice(page.text.indexOf('id="history"'));
	const ops = [...hist.matchAll(/<li class="hist" data-op="([a-z]+)" data-rev="(\d+)">/g)].map((m) => `${m[1]}${m[2]}`);
	assert.deepEqual(ops, ["edit2", "add1"]);
	const diff = hist.match(/<table class="table reg-diff">([\s\S]*?)<\/table>/)[1];
	const changed = [...diff.matchAll(/<tr><td data-label="項目">([^<]*)<\/td><td[^>]*>([\s\S]*?)<\/td><td[^>]*>([\s\S]*?)<\/td><\/tr>/g)]
		.map((m) => [m[1], text(m[2]), text(m[3])]);
	assert.deepEqual(changed, [["管理の責任者", "佐藤", "鈴木"], ["機密性", "1", "3"], ["備考", "（未記入）", "鍵は総務"], ["重要度", "2", "3"]]);
	assert.match(diff, /<del>佐藤<\/del>/);
	assert.match(diff, /<ins>鈴木<\/ins>/);
	assert.match(hist, /admin@example\.jp/);
});

test("a stale edit is refused with 409, both versions side by side, nothing overwritten; saving again is a choice", async () => {
	const id = await addAsset({ name: "見積書", owner: "田中", c: "2", i: "2", a: "2" });
	const form = await admin.get(`${base()}/${id}/edit`);
	const v = { ...formValues(form.text), _csrf: csrfOf(form.text) };
	// someone else saves first
	const other_ = await inviteUser(admin, srv, org, "second@example.jp", "org_admin");
	const theirs = await post(other_, `${base()}/${id}/edit`, `${base()}/${id}/edit`, { ...v, owner: "高橋" });
	assert.equal(theirs.status, 303);
	// then this edit, from revision 1
	const mine = await admin.post(`${base()}/${id}/edit`, { ...v, owner: "伊藤", location: "金庫" });
	assert.equal(mine.status, 409);
	assert.match(mine.text, /second@example\.jp さんが先に保存しました/);
	const cmp = mine.text.match(/<table class="table reg-compare">([\s\S]*?)<\/table>/)[1];
	assert.match(cmp, /<td class="differs" data-label="項目">管理の責任者<span class="tag tag-differs">違いあり<\/span><\/td><td class="reg-value" data-label="いま保存されている内容">高橋<\/td><td class="reg-value" data-label="あなたの入力">伊藤<\/td>/);
	assert.match(cmp, /置き場所<span class="tag tag-differs">違いあり<\/span><\/td><td class="reg-value" data-label="いま保存されている内容"><\/td><td class="reg-value" data-label="あなたの入力">金庫<\/td>/);
	const again = formValues(mine.text);
	assert.equal(again.owner, "伊藤", "the form keeps my values");
	assert.equal(again.rev, "2", "and carries the current revision");
	// nothing overwritten
	let page = await admin.get(`${base()}/${id}`);
	assert.equal(facts(page.text)["管理の責任者"].text, "高橋");
	// saving the shown form again is a conscious overwrite
	const res = await admin.post(`${base()}/${id}/edit`, { ...again, _csrf: csrfOf(mine.text) });
	assert.equal(res.status, 303);
	page = await admin.get(`${base()}/${id}`);
	assert.equal(facts(page.text)["管理の責任者"].text, "伊藤");
	assert.equal(facts(page.text)["置き場所"].text, "金庫");
	// a save without a revision is stale too, never a blind overwrite
	const blind = await post(admin, `${base()}/${id}/edit`, `${base()}/${id}/edit`, { name: "見積書", c: "1", i: "1", a: "1" });
	assert.equal(blind.status, 409);
	assert.equal(facts((await admin.get(`${base()}/${id}`)).text)["機密性"].value, "2");
});

test("delete asks first, naming the row; deletes with the revision it showed; a changed row is asked again", async () => {
	const id = await addAsset({ name: "古い名簿", c: "1", i: "1", a: "1" });
	const row = await admin.get(`${base()}/${id}`);
	let res = await admin.post(`${base()}/${id}/delete`, { _csrf: csrfOf(row.text) });
	assert.equal(res.status, 200);
	assert.match(res.text, /<h1>「古い名簿」を削除しますか<\/h1>/);
	assert.match(res.text, /<input type="hidden" name="confirm" value="1"\/><input type="hidden" name="rev" value="1"\/>/);
	assert.equal((await admin.get(`${base()}/${id}`)).status, 200, "still there");
	// changed in between: asked again, not deleted
	const form = await admin.get(`${base()}/${id}/edit`);
	assert.equal((await admin.post(`${base()}/${id}/edit`, { ...formValues(form.text), _csrf: csrfOf(form.text), owner: "木村" })).status, 303);
	res = await admin.post(`${base()}/${id}/delete`, { _csrf: csrfOf(row.text), confirm: "1", rev: "1" });
	assert.equal(res.status, 409);
	assert.match(res.text, /確認のあとで、だれかがこの内容を書き換えました/);
	assert.match(res.text, /name="rev" value="2"/);
	assert.equal((await admin.get(`${base()}/${id}`)).status, 200);
	res = await admin.post(`${base()}/${id}/delete`, { _csrf: csrfOf(row.text), confirm: "1", rev: "2" });
	assert.equal(res.status, 303);
	assert.match(res.location, /\/r\/assets\?deleted=1$/);
	assert.match((await admin.get(res.location)).text, /削除しました。/);
	assert.equal((await admin.get(`${base()}/${id}`)).status, 404);
	assert.equal((await admin.get(`${base()}/${id}/edit`)).status, 404);
	assert.equal((await admin.post(`${base()}/${id}/delete`, { _csrf: csrfOf(row.text), confirm: "1", rev: "3" })).status, 404);
	// the audit log names it
	const audit = await admin.get(`/o/${org}/audit`);
	assert.match(audit.text, /台帳の行を消しました/);
	assert.match(audit.text, /情報資産管理台帳 · No\.\d+ · 古い名簿/);
});

test("a plain member reads and downloads, but cannot add, change or delete (403)", async () => {
	const id = await addAsset({ name: "社内規程集", c: "1", i: "2", a: "1" });
	const list = await member.get(base());
	assert.equal(list.status, 200);
	assert.doesNotMatch(list.text, /\/r\/assets\/new/);
	assert.doesNotMatch(list.text, /name="starter"/);
	const row = await member.get(`${base()}/${id}`);
	assert.equal(row.status, 200);
	assert.doesNotMatch(row.text, /\/edit"/);
	assert.equal((await download(member, `${base()}/export.csv`)).status, 200);
	assert.equal((await member.get(`${base()}/new`)).status, 403);
	assert.equal((await member.get(`${base()}/${id}/edit`)).status, 403);
	const csrf = csrfOf(list.text);
	assert.equal((await member.post(`${base()}/new`, { _csrf: csrf, name: "x", c: "1", i: "1", a: "1" })).status, 403);
	assert.equal((await member.post(`${base()}/${id}/edit`, { _csrf: csrf, name: "x", c: "1", i: "1", a: "1", rev: "1" })).status, 403);
	assert.equal((await member.post(`${base()}/${id}/delete`, { _csrf: csrf, confirm: "1", rev: "1" })).status, 403);
	assert.equal((await member.post(`${base()}/starters`, { _csrf: csrf, starter: "accounts" })).status, 403);
	assert.equal(facts((await admin.get(`${base()}/${id}`)).text)["情報資産の名前"].text, "社内規程集");
});

test("tenancy: another organisation's admin gets 404 everywhere, and a row is never reached through another organisation", async () => {
	const id = await addAsset({ name: "他社に見せない資産", c: "3", i: "3", a: "3" });
	const page = await outsider.get(`/o/${other}/r/assets`);
	assert.equal(page.status, 200);
	const csrf = csrfOf(page.text);
	for (const path of [base(), `${base()}/new`, `${base()}/${id}`, `${base()}/${id}/edit`, `${base()}/export.csv`, `${base()}/export.xlsx`])
		assert.equal((await outsider.get(path)).status, 404, path);
	for (const path of [`${base()}/new`, `${base()}/${id}/edit`, `${base()}/${id}/delete`, `${base()}/starters`])
		assert.equal((await outsider.post(path, { _csrf: csrf, name: "x", c: "1", i: "1", a: "1", confirm: "1", rev: "1" })).status, 404, path);
	// the row's id under the outsider's own organisation
	for (const path of [`${base(other)}/${id}`, `${base(other)}/${id}/edit`])
		assert.equal((await outsider.get(path)).status, 404, path);
	for (const path of [`${base(other)}/${id}/edit`, `${base(other)}/${id}/delete`])
		assert.equal((await outsider.post(path, { _csrf: csrf, name: "x", c: "1", i: "1", a: "1", confirm: "1", rev: "1" })).status, 404, path);
	// its downloads leave it out
	const csv = (await download(outsider, `${base(other)}/export.csv`)).body.toString();
	assert.doesNotMatch(csv, /他社に見せない資産/);
	assert.equal(facts((await admin.get(`${base()}/${id}`)).text)["情報資産の名前"].text, "他社に見せない資産");
});

test("CSV: a byte-order mark, the field keys as header (or the labels), values as stored, a formula defused", async () => {
	const id = await addAsset({ name: "=1+2", owner: "@SUM(A1)", category: "accounting", personal: "none", description: "a,b\n\"c\"", c: "2", i: "1", a: "1" });
	const res = await download(admin, `${base()}/export.csv`);
	assert.equal(res.status, 200);
	assert.equal(res.type, "text/csv; charset=utf-8");
	assert.match(res.disposition, /^attachment; filename="mamori-assets-\d{4}-\d{2}-\d{2}\.csv"; filename\*=UTF-8''/);
	assert.deepEqual([...res.body.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
	const s = res.body.toString("utf8").slice(1);
	const rows = parseCsv(s);
	assert.deepEqual(rows[0], ["name", "category", "description", "users", "department", "owner", "media", "location",
		"personal", "c", "i", "a", "retention", "note", "importance"]);
	assert.match(s, /^name,category,/);
	assert.match(s, /\r\n"'=1\+2",accounting,"a,b\n""c""",,,"'@SUM\(A1\)",,,none,2,1,1,,,2\r\n/);
	const mine = rows.find((r) => r[0] === "'=1+2");
	assert.ok(mine, "the formula cell starts with an apostrophe");
	assert.equal(rows.filter((r) => r[0] === "=1+2").length, 0, "no cell runs as a formula");
	// labels in the reader's language, enum values as words
	const lab = parseCsv((await download(admin, `${base()}/export.csv?labels=1`)).body.toString("utf8").slice(1));
	assert.deepEqual(lab[0].slice(0, 3), ["情報資産の名前", "業務の分類", "どんな情報か"]);
	assert.equal(lab[0][14], "重要度");
	assert.ok(lab.some((r) => r[0] === "'=1+2" && r[1] === "経理" && r[8] === "含まない"));
	// the audit log says who took it
	assert.match((await admin.get(`/o/${org}/audit`)).text, /情報資産管理台帳（CSV）/);
	assert.ok(id > 0);
});

test("importance, worked out here, matches the list, the row page, the CSV and the workbook for many random rows", async () => {
	const o = await makeOrg(admin, { name: "乱数資産株式会社" });
	const rand = rng(20261204);
	const want = new Map();	// name → {importance, id}
	for (let k = 0; k < 62; k++) {
		const c = 1 + Math.floor(rand() * 3), i = 1 + Math.floor(rand() * 3), a = 1 + Math.floor(rand() * 3);
		const personal = PERSONAL[Math.floor(rand() * 5) % 4];
		const fields = { name: `資産${String(k).padStart(2, "0")}`, c, i, a };
		if (rand() < 0.85) fields.personal = personal;
		const id = await addAsset(fields, o);
		want.set(fields.name, { imp: importance(c, i, a, fields.personal ?? "none"), id, personal: fields.personal ?? "" });
	}
	// the list, in the default order: importance, highest first, 50 a
	// page; the next page's link keeps the order
	const next = (html) => {
		const m = html.match(/<a href="([^"]*)" rel="next">/);
		return m ? unescape(m[1]) : null;
	};
	const list = await admin.get(base(o));
	assert.equal(listRows(list.text).length, 50);
	assert.equal(next(list.text), `${base(o)}?page=2`);
	const rows = [...listRows(list.text), ...listRows((await admin.get(next(list.text))).text)];
	assert.equal(rows.length, want.size);
	for (const r of rows)
		assert.equal(+r["重要度"], want.get(r["情報資産の名前"]).imp, r["情報資産の名前"]);
	const imps = rows.map((r) => +r["重要度"]);
	assert.deepEqual(imps, [...imps].sort((x, y) => y - x), "highest first");
	// sorted the other way by its heading's link
	const ascPage = await admin.get(`${base(o)}?sort=importance&dir=asc`);
	assert.equal(next(ascPage.text), `${base(o)}?sort=importance&dir=asc&page=2`);
	const asc = [...listRows(ascPage.text), ...listRows((await admin.get(next(ascPage.text))).text)].map((r) => +r["重要度"]);
	assert.deepEqual(asc, [...imps].sort((x, y) => x - y));
	// filtered by personal data, with the counts
	const mn = [...want.values()].filter((w) => w.personal === "mynumber").length;
	const filtered = await admin.get(`${base(o)}?personal=mynumber`);
	assert.equal(listRows(filtered.text).length, mn);
	assert.ok(listRows(filtered.text).every((r) => r["個人情報"] === "マイナンバー（特定個人情報）" && r["重要度"] === "3"));
	if (mn !== want.size)
		assert.match(filtered.text, new RegExp(`全${want.size}件のうち${mn}件を表示しています`));
	// a word search
	const one = listRows((await admin.get(`${base(o)}?q=${encodeURIComponent("資産07")}`)).text);
	assert.equal(next(filtered.text), null, "one page");
	assert.deepEqual(one.map((r) => r["情報資産の名前"]), ["資産07"]);
	// every row page
	for (const [name, w] of want) {
		const f = facts((await admin.get(`${base(o)}/${w.id}`)).text);
		assert.equal(f["情報資産の名前"].text, name);
		assert.equal(+f["重要度"].value, w.imp, name);
	}
	// the CSV
	const csv = parseCsv((await download(admin, `${base(o)}/export.csv`)).body.toString("utf8").slice(1));
	const ci = csv[0].indexOf("importance");
	assert.equal(csv.length - 1, want.size);
	for (const r of csv.slice(1))
		assert.equal(+r[ci], want.get(r[0]).imp, r[0]);
	// the workbook: a zip whose sheet has the names and the numbers
	const x = await download(admin, `${base(o)}/export.xlsx`);
	assert.equal(x.status, 200);
	assert.equal(x.type, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
	assert.equal(x.body.subarray(0, 2).toString(), "PK");
	const sh = sheet(x.body);
	for (const name of want.keys())
		assert.ok(sh.strings.includes(name), name);
	const head = sh.rows.findIndex((r) => r.includes("情報資産の名前"));
	assert.ok(head >= 0, "a header of labels");
	const h = sh.rows[head];
	assert.equal(h[h.length - 1], "重要度");
	const got = sh.rows.slice(head + 1).filter((r) => r[0] !== undefined);
	assert.equal(got.length, want.size);
	for (const r of got) {
		assert.equal(typeof r[h.length - 1], "number", "importance is a number cell");
		assert.equal(r[h.length - 1], want.get(r[0]).imp, r[0]);
		assert.equal(r[h.indexOf("機密性")] >= 1, true);
	}
	// enum values as labels
	assert.ok(sh.strings.includes("マイナンバー（特定個人情報）") || mn === 0);
	// the organisation's home counts them
	assert.match((await admin.get(`/o/${o}`)).text, new RegExp(`情報資産管理台帳</a><span class="meta reg-count">${want.size}件</span>`));
});
