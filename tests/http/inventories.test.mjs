// The inventories of issue 15: people, devices, shared folders, outside
// services and IP addresses as registers, with who may use what as an
// RF_GRANTS field ({"<person id>": "<legend key>"}).  Through the API:
// rows in and out, a person of another organisation and a value outside
// the legend refused, a person named by access not deleted; the CSV file
// goes out and back in the same; a password column (any width, in
// Japanese too) or a password member refused with nothing stored.  The
// matrix page saves the whole table in one POST and refuses a stale one
// (409, the user's choices kept); the checks agree with this test's own
// count; the workbook holds the seed's columns, people as columns with
// the marks, and the legend.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer, firstAdmin, makeOrg, inviteUser, csrfOf, unescape, Client } from "./lib.mjs";

let srv, admin, org, other, auth, member, dir;
before(async () => {
	srv = await startServer();
	admin = await firstAdmin(srv);
	org = await makeOrg(admin, { name: "一覧表株式会社" });
	other = await makeOrg(admin, { name: "よその会社" });
	const page = await admin.get("/account");
	const tok = await admin.post("/account/token", { _csrf: csrfOf(page.text) });
	auth = { authorization: "Bearer " + tok.text.match(/<code class="secret">([^<]+)<\/code>/)[1] };
	member = await inviteUser(admin, srv, org, "member@example.jp", "member");
	dir = mkdtempSync(join(tmpdir(), "mamori-inv-"));
});
after(async () => { await srv?.stop(); rmSync(dir, { recursive: true, force: true }); });

const api = (m, p, body, type = "application/json") => admin.req(m, p, {
	body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
	headers: { ...auth, "content-type": type },
});
const json = (res) => JSON.parse(res.text);
const A = (o = org) => `/api/v1/orgs/${o}`;
async function add(reg, row, o = org) {
	const res = await api("POST", `${A(o)}/${reg}`, row);
	assert.equal(res.status, 201, `${reg}: ${res.text}`);
	return json(res);
}
const all = async (reg, o = org) => json(await api("GET", `${A(o)}/${reg}?per_page=500`)).rows;

// people by name → id, filled by the first test
const P = {};

test("people, devices, shares, services and addresses go in and come back", async () => {
	for (const [name, status] of [["田中", "active"], ["佐藤", "active"], ["鈴木", "active"], ["高橋", "gone"], ["山田", "gone"]])
		P[name] = (await add("people", { name, role: "事務", account: "標準ユーザー", os: "Windows 11", status })).id;
	const pc = await add("devices", { kind: "PC", product: "PC-01", vendor: "A社", place: "1F 事務所",
		access: { [P["田中"]]: "update", [P["佐藤"]]: "read" } });
	assert.deepEqual(pc.access, { [P["田中"]]: "update", [P["佐藤"]]: "read" });
	assert.equal(pc.rev, 1);
	// by title, with labels and marks, as a form or a CSV cell writes it
	const nas = await add("devices", { kind: "NAS", product: "NAS-01", place: "2F 倉庫",
		access: { "鈴木": "更新", [P["高橋"]]: "○", [P["山田"]]: null } });
	assert.deepEqual(nas.access, { [P["鈴木"]]: "update", [P["高橋"]]: "read" });
	await add("devices", { kind: "プリンター", product: "PR-01" });	// no place
	await add("shares", { kind: "NAS", place: "2F 倉庫", folder: "総務", access: { [P["田中"]]: "update", [P["高橋"]]: "read" } });
	await add("shares", { kind: "NAS", place: "2F 倉庫", folder: "営業", access: {} });
	await add("services", { name: "メール", provider: "X社", use: "連絡", users: { [P["田中"]]: "allowed", [P["山田"]]: "with_permission" } });
	await add("services", { name: "チャット", provider: "Y社", users: { [P["田中"]]: "not_allowed" } });
	await add("services", { name: "ストレージ", provider: "Z社" });
	await add("addresses", { place: "1F 事務所", device: pc.id, number: "M-1", address: "192.168.1.10", netmask: "255.255.255.0", internet: true });
	await add("addresses", { place: "2F 倉庫", device: "NAS-01", number: "M-2", address: "192.168.1.10", netmask: "/24", internet: false });
	await add("addresses", { place: "2F 倉庫", address: "192.168.1.20", netmask: "24" });
	const got = await all("addresses");
	assert.equal(got.length, 3);
	assert.equal(got.find((r) => r.number === "M-2").device, nas.id);
	// an edit at its revision
	const put = await api("PUT", `${A()}/devices/${pc.id}`, { rev: 1, kind: "PC", product: "PC-01", vendor: "A社",
		place: "1F 事務所", access: { [P["田中"]]: "update", [P["佐藤"]]: "update" } });
	assert.equal(put.status, 200, put.text);
	assert.deepEqual(json(put).access, { [P["田中"]]: "update", [P["佐藤"]]: "update" });
	// the row page names the people
	const page = await admin.get(`/o/${org}/r/devices/${pc.id}`);
	assert.equal(page.status, 200);
	assert.match(page.text, /田中: 更新、佐藤: 更新/);
	// the form shows it by name, as it reads it back
	const edit = await admin.get(`/o/${org}/r/devices/${pc.id}/edit`);
	assert.match(edit.text, /<textarea id="f-access" name="access"[^>]*>田中=update; 佐藤=update<\/textarea>/);
	const saved = await admin.post(`/o/${org}/r/devices/${pc.id}/edit`, { _csrf: csrfOf(edit.text),
		rev: edit.text.match(/name="rev" value="(\d+)"/)[1], kind: "PC", product: "PC-01", vendor: "A社",
		place: "1F 事務所", access: unescape(edit.text.match(/name="access"[^>]*>([^<]*)</)[1]) });
	assert.equal(saved.status, 303, saved.text.slice(0, 300));
	const again = json(await api("GET", `${A()}/devices/${pc.id}`));
	assert.deepEqual(again.access, { [P["田中"]]: "update", [P["佐藤"]]: "update" });
	assert.equal(again.rev, 3);
});

test("a bad address or netmask is refused beside its field", async () => {
	for (const [address, netmask, field] of [["192.168.1.256", "/24", "address"], ["10.0.0.1", "255.0.255.0", "netmask"], ["10.0.0", "", "address"], ["10.0.0.1", "/33", "netmask"]]) {
		const row = { address };
		if (netmask) row.netmask = netmask;
		const res = await api("POST", `${A()}/addresses`, row);
		assert.equal(res.status, 422, `${address} ${netmask}`);
		assert.deepEqual(json(res).errors.map((e) => [e.field, e.code]), [[field, "bad_format"]]);
	}
	assert.equal((await all("addresses")).length, 3);
});

test("a person of another organisation, or nobody's, is refused by name", async () => {
	const stranger = (await add("people", { name: "部外者" }, other)).id;
	let res = await api("POST", `${A()}/devices`, { kind: "PC", product: "PC-X", access: { [stranger]: "read" } });
	assert.equal(res.status, 422, res.text);
	let e = json(res).errors;
	assert.deepEqual(e.map((x) => [x.field, x.code]), [["access", "grant_person"]]);
	assert.match(e[0].message, new RegExp(`「${stranger}」`));
	res = await api("POST", `${A()}/shares`, { folder: "X", access: { "部外者": "update" } });
	assert.equal(res.status, 422);
	e = json(res).errors;
	assert.equal(e[0].code, "grant_person");
	assert.match(e[0].message, /「部外者」/);
	// through the form: beside the field, every value kept
	const form = await admin.get(`/o/${org}/r/devices/new`);
	const post = await admin.post(`/o/${org}/r/devices/new`, { _csrf: csrfOf(form.text), kind: "PC", product: "PC-Y",
		access: `田中=update; 部外者=read` });
	assert.equal(post.status, 422);
	assert.match(unescape(post.text), /「部外者」は、この組織の利用者一覧にいません/);
	assert.match(post.text, /value="PC-Y"/);
	assert.equal((await all("devices")).length, 3);
});

test("a value outside the legend is refused with the values allowed", async () => {
	let res = await api("POST", `${A()}/services`, { name: "S", users: { [P["田中"]]: "update" } });
	assert.equal(res.status, 422);
	const e = json(res).errors[0];
	assert.equal(e.code, "grant_value");
	for (const k of ["allowed", "with_permission", "not_allowed", "使ってよい", "許可を得て使う", "使ってはいけない"])
		assert.ok(e.message.includes(k), e.message);
	res = await api("POST", `${A()}/devices`, { kind: "PC", product: "P", access: { [P["田中"]]: "allowed" } });
	assert.equal(json(res).errors[0].code, "grant_value");
	assert.match(json(res).errors[0].message, /update.*read/);
	assert.equal((await all("services")).length, 3);
});

test("a person still named by access is not deleted", async () => {
	const row = (await all("people")).find((p) => p.name === "佐藤");
	const res = await api("DELETE", `${A()}/people/${row.id}?rev=${row.rev}`);
	assert.equal(res.status, 409, res.text);
	assert.ok((await all("people")).some((p) => p.name === "佐藤"));
});

test("no password column, ever: the whole file refused, nothing stored", async () => {
	const before = (await all("people")).length;
	for (const [head, col] of [["name,role,パスワード", 3], ["name,PW,role", 2], ["ユーザ名,ｐａｓｓｗｏｒｄ", 2], ["name,初期暗証番号", 2], ["Pass,name", 1]]) {
		const res = await api("POST", `${A()}/people`, `${head}\n新人,x,y\n`, "text/csv; charset=utf-8");
		assert.equal(res.status, 422, head);
		const e = json(res).errors;
		assert.equal(e.length, 1, res.text);
		assert.deepEqual([e[0].line, e[0].column, e[0].code], [1, col, "password_column"]);
		assert.match(e[0].message, new RegExp(`1行目の${col}列目`));
		assert.match(e[0].message, /パスワードを一切保存しない/);
	}
	// the upload form says the same, in English too
	const page = await admin.get(`/o/${org}/r/people`);
	const fd = new FormData();
	fd.append("_csrf", csrfOf(page.text));
	fd.append("csv", new Blob(["name,Password\nA,B\n"], { type: "text/csv" }), "people.csv");
	const res = await fetch(srv.base + `/o/${org}/r/people/import`, { method: "POST", body: fd, redirect: "manual",
		headers: { cookie: admin.cookieHeader() + "; lang=en" } });
	assert.equal(res.status, 422);
	assert.match(unescape(await res.text()), /Line 1, column 2 is a password column\. mamori never stores passwords/);
	// a JSON member named like one
	const j = await api("POST", `${A()}/people`, { name: "新人", "パスワード": "secret" });
	assert.equal(j.status, 422);
	assert.equal(json(j).errors[0].code, "password_field");
	assert.equal((await all("people")).length, before, "nothing stored");
});

// A CSV into rows of cells.
function parseCsv(s) {
	const out = [];
	let row = [], cell = "", q = false;
	for (let i = 0; i < s.length; i++) {
		const ch = s[i];
		if (q) {
			if (ch === '"' && s[i + 1] === '"') { cell += '"'; i++; } else if (ch === '"') q = false; else cell += ch;
		} else if (ch === '"') q = true;
		else if (ch === ",") { row.push(cell); cell = ""; } else if (ch === "\r") continue;
		else if (ch === "\n") { row.push(cell); out.push(row); row = []; cell = ""; } else cell += ch;
	}
	if (cell !== "" || row.length) { row.push(cell); out.push(row); }
	return out;
}

test("the CSV goes out with people by name and comes back the same", async () => {
	const out = await admin.get(`/o/${org}/r/devices/export.csv`);
	assert.equal(out.status, 200);
	const text = out.text.replace(/^\uFEFF/, "");
	const rows = parseCsv(text);
	const ai = rows[0].indexOf("access");
	assert.ok(ai >= 0, rows[0].join(","));
	const pc = rows.find((r) => r.includes("PC-01"));
	assert.equal(pc[ai], "田中=update; 佐藤=update");
	// into a fresh organisation with the same people: the same access
	const fresh = await makeOrg(admin, { name: "写し株式会社" });
	const ids = {};
	for (const name of ["田中", "佐藤", "鈴木", "高橋", "山田"]) ids[name] = (await add("people", { name }, fresh)).id;
	const res = await api("POST", `${A(fresh)}/devices`, text, "text/csv; charset=utf-8");
	assert.equal(res.status, 201, res.text);
	const back = await all("devices", fresh);
	const orig = await all("devices");
	assert.equal(back.length, orig.length);
	const name = (o, id) => Object.entries(o).find(([, v]) => v === +id)?.[0];
	for (const r of orig) {
		const b = back.find((x) => x.product === r.product);
		const want = Object.fromEntries(Object.entries(r.access).map(([id, k]) => [name(P, id), k]));
		const got = Object.fromEntries(Object.entries(b.access).map(([id, k]) => [name(ids, id), k]));
		assert.deepEqual(got, want, r.product);
	}
});

// The matrix form: { revs: {rowId: rev}, cells: {"g.row.person": value} }.
function matrixForm(html) {
	const revs = Object.fromEntries([...html.matchAll(/name="rev\.(\d+)" value="(\d+)"/g)].map((m) => [m[1], m[2]]));
	const cells = {};
	for (const m of html.matchAll(/<select name="(g\.\d+\.\d+)"[^>]*>([\s\S]*?)<\/select>/g)) {
		const sel = m[2].match(/<option value="([^"]*)" selected="">/);
		cells[m[1]] = sel ? sel[1] : "";
	}
	return { revs, cells };
}

test("the matrix saves the whole table in one POST; a stale one is 409 with the user's choices", async () => {
	const path = `/o/${org}/inventories/services`;
	const page = await admin.get(path);
	assert.equal(page.status, 200);
	// people as columns, the legend with its words
	for (const n of ["田中", "佐藤", "鈴木", "高橋", "山田"]) assert.ok(page.text.includes(`>${n}`), n);
	assert.match(page.text, /<dt aria-hidden="true">△<\/dt><dd>許可を得て使う<\/dd>/);
	const f = matrixForm(page.text);
	const svc = await all("services");
	const mail = svc.find((s) => s.name === "メール"), chat = svc.find((s) => s.name === "チャット");
	assert.equal(Object.keys(f.revs).length, 3);
	assert.equal(f.cells[`g.${mail.id}.${P["田中"]}`], "allowed");
	assert.equal(f.cells[`g.${mail.id}.${P["山田"]}`], "with_permission");
	// change two rows at once
	const form = { _csrf: csrfOf(page.text) };
	for (const [k, v] of Object.entries(f.revs)) form[`rev.${k}`] = v;
	Object.assign(form, f.cells);
	form[`g.${mail.id}.${P["山田"]}`] = "";		// no access any more
	form[`g.${chat.id}.${P["佐藤"]}`] = "allowed";
	let res = await admin.post(path, form);
	assert.equal(res.status, 303, res.text.slice(0, 500));
	let now = await all("services");
	assert.deepEqual(now.find((s) => s.id === mail.id).users, { [P["田中"]]: "allowed" });
	assert.deepEqual(now.find((s) => s.id === chat.id).users, { [P["田中"]]: "not_allowed", [P["佐藤"]]: "allowed" });
	assert.equal(now.find((s) => s.id === mail.id).rev, mail.rev + 1);
	// a member reads the marks, without a form
	const mp = await member.get(path);
	assert.equal(mp.status, 200);
	assert.doesNotMatch(mp.text, /<select/);
	assert.match(mp.text, /<span aria-hidden="true" class="mark">○<\/span><span class="vh">使ってよい<\/span>/);
	assert.equal((await member.post(path, { _csrf: csrfOf(mp.text) })).status, 403);

	// stale: the page shown, then someone else saves the mail row
	const page2 = await admin.get(path);
	const f2 = matrixForm(page2.text);
	const m2 = now.find((s) => s.id === mail.id);
	const put = await api("PUT", `${A()}/services/${mail.id}`, { rev: m2.rev, name: "メール", provider: "X社", use: "連絡",
		users: { [P["田中"]]: "allowed", [P["鈴木"]]: "allowed" } });
	assert.equal(put.status, 200, put.text);
	const form2 = { _csrf: csrfOf(page2.text) };
	for (const [k, v] of Object.entries(f2.revs)) form2[`rev.${k}`] = v;
	Object.assign(form2, f2.cells);
	form2[`g.${mail.id}.${P["高橋"]}`] = "with_permission";
	form2[`g.${chat.id}.${P["鈴木"]}`] = "with_permission";
	res = await admin.post(path, form2);
	assert.equal(res.status, 409);
	// nothing saved, not even the row that was not stale
	now = await all("services");
	assert.deepEqual(now.find((s) => s.id === chat.id).users, { [P["田中"]]: "not_allowed", [P["佐藤"]]: "allowed" });
	assert.deepEqual(now.find((s) => s.id === mail.id).users, { [P["田中"]]: "allowed", [P["鈴木"]]: "allowed" });
	// the user's choices kept, with the new revision, the stale row marked
	const f3 = matrixForm(res.text);
	assert.equal(f3.cells[`g.${mail.id}.${P["高橋"]}`], "with_permission");
	assert.equal(f3.cells[`g.${chat.id}.${P["鈴木"]}`], "with_permission");
	assert.equal(f3.revs[mail.id], String(now.find((s) => s.id === mail.id).rev));
	assert.match(res.text, new RegExp(`<tr id="row-${mail.id}" class="stale">`));
	// saving again keeps them
	const form3 = { _csrf: csrfOf(res.text) };
	for (const [k, v] of Object.entries(f3.revs)) form3[`rev.${k}`] = v;
	Object.assign(form3, f3.cells);
	assert.equal((await admin.post(path, form3)).status, 303);
	now = await all("services");
	assert.equal(now.find((s) => s.id === mail.id).users[P["高橋"]], "with_permission");
	assert.equal(now.find((s) => s.id === chat.id).users[P["鈴木"]], "with_permission");

	// a value outside the legend, posted by hand: 422, nothing saved
	const page4 = await admin.get(path);
	const f4 = matrixForm(page4.text);
	const form4 = { _csrf: csrfOf(page4.text) };
	for (const [k, v] of Object.entries(f4.revs)) form4[`rev.${k}`] = v;
	Object.assign(form4, f4.cells);
	form4[`g.${chat.id}.${P["山田"]}`] = "sometimes";
	res = await admin.post(path, form4);
	assert.equal(res.status, 422);
	assert.match(unescape(res.text), /凡例にない値です/);
	assert.equal((await all("services")).find((s) => s.id === chat.id).users[P["山田"]], undefined);
	// a person of another organisation, posted by hand: 422 naming them
	const stranger = (await all("people", other))[0].id;
	const page5 = await admin.get(path);
	const f5 = matrixForm(page5.text);
	const form5 = { _csrf: csrfOf(page5.text) };
	for (const [k, v] of Object.entries(f5.revs)) form5[`rev.${k}`] = v;
	Object.assign(form5, f5.cells);
	form5[`g.${chat.id}.${stranger}`] = "allowed";
	res = await admin.post(path, form5);
	assert.equal(res.status, 422);
	assert.ok(unescape(res.text).includes(`「${stranger}」は、この組織の利用者一覧にいません`));
	assert.equal((await all("services")).find((s) => s.id === chat.id).users[stranger], undefined);
});

// The four checks, counted here from the rows as the API gives them.
function expected(people, devices, shares, services, addresses) {
	const has = (g, id, ok) => g && g[id] !== undefined && ok(g[id]);
	const any = () => true, use = (k) => k === "allowed" || k === "with_permission";
	const gone = people.filter((p) => p.status === "gone").map((p) => ({
		person: p.id, name: p.name,
		devices: devices.filter((d) => has(d.access, p.id, any)).length,
		shares: shares.filter((s) => has(s.access, p.id, any)).length,
		services: services.filter((s) => has(s.users, p.id, use)).length,
	})).filter((g) => g.devices + g.shares + g.services > 0);
	const lonely = services.filter((s) => !Object.values(s.users ?? {}).some(use)).map((s) => s.name).sort();
	const counts = {};
	for (const a of addresses) counts[a.address] = (counts[a.address] ?? 0) + 1;
	const twice = Object.entries(counts).filter(([, n]) => n > 1).map(([address, rows]) => ({ address, rows }));
	const placeless = devices.filter((d) => !d.place).map((d) => d.product).sort();
	return { gone, lonely, twice, placeless };
}

test("the checks agree with this test's own count, as JSON and on the pages", async () => {
	// one more: 高橋's service with permission
	const svc = (await all("services")).find((s) => s.name === "ストレージ");
	const put = await api("PUT", `${A()}/services/${svc.id}`, { rev: svc.rev, name: "ストレージ", provider: "Z社",
		users: { [P["高橋"]]: "with_permission" } });
	assert.equal(put.status, 200, put.text);
	const want = expected(await all("people"), await all("devices"), await all("shares"), await all("services"), await all("addresses"));
	assert.ok(want.gone.length >= 1 && want.twice.length === 1 && want.placeless.length === 1);
	const res = await api("GET", `${A()}/inventories/checks`);
	assert.equal(res.status, 200, res.text);
	const got = json(res);
	assert.deepEqual(got.gone_with_access.sort((a, b) => a.person - b.person), want.gone.sort((a, b) => a.person - b.person));
	assert.deepEqual(got.services_nobody_may_use.map((s) => s.name).sort(), want.lonely);
	assert.deepEqual(got.addresses_used_twice, want.twice);
	assert.deepEqual(got.devices_without_place.map((d) => d.product).sort(), want.placeless);
	// the hub shows the same figures
	const hub = await member.get(`/o/${org}/inventories`);
	assert.equal(hub.status, 200);
	const count = (k) => +hub.text.match(new RegExp(`id="check-${k}" data-count="(\\d+)"`))[1];
	assert.equal(count("gone"), want.gone.length);
	assert.equal(count("lonely"), want.lonely.length);
	assert.equal(count("twice"), want.twice.length);
	assert.equal(count("placeless"), want.placeless.length);
	const t = want.gone.find((g) => g.name === "高橋");
	assert.ok(unescape(hub.text).includes(`：機器 ${t.devices}台、共有フォルダ ${t.shares}件、外部サービス ${t.services}件`));
	assert.ok(unescape(hub.text).includes(`${want.twice[0].address}（${want.twice[0].rows}行）`));
	// the person's own page lists what they may use
	const tp = await member.get(`/o/${org}/r/people/${P["高橋"]}`);
	const sec = unescape(tp.text.match(/<section class="person-access" id="access">([\s\S]*?)<\/section>/)[1]);
	const items = [...sec.matchAll(/<li><a [^>]*>([^<]*)<\/a>([^<]*)<\/li>/g)].map((m) => m[1] + m[2]);
	const devs = await all("devices"), shs = await all("shares"), svs = await all("services");
	const label = { update: "更新", read: "読取", allowed: "使ってよい", with_permission: "許可を得て使う", not_allowed: "使ってはいけない" };
	const mine = [
		...devs.filter((d) => d.access?.[P["高橋"]]).map((d) => `${d.product}：${label[d.access[P["高橋"]]]}`),
		...shs.filter((d) => d.access?.[P["高橋"]]).map((d) => `${d.folder}：${label[d.access[P["高橋"]]]}`),
		...svs.filter((d) => d.users?.[P["高橋"]]).map((d) => `${d.name}：${label[d.users[P["高橋"]]]}`),
	];
	assert.deepEqual(items.sort(), mine.sort());
	assert.ok(items.includes("NAS-01：読取"));
	// another organisation's checks do not exist for this member
	assert.equal((await member.get(`/o/${other}/inventories`)).status, 404);
});

test("the users' access page puts the devices under their places", async () => {
	const res = await member.get(`/o/${org}/inventories/access`);
	assert.equal(res.status, 200);
	const places = [...res.text.matchAll(/<th scope="colgroup" colspan="(\d+)" class="place">([^<]*)<\/th>/g)].map((m) => [unescape(m[2]), +m[1]]);
	const devices = await all("devices");
	const byPlace = {};
	for (const d of devices) byPlace[d.place ?? "場所の記入なし"] = (byPlace[d.place ?? "場所の記入なし"] ?? 0) + 1;
	assert.deepEqual(Object.fromEntries(places), byPlace);
	// 田中 may change PC-01
	const row = res.text.match(/<tr[^>]*><th scope="row"><a href="[^"]+">田中<\/a><\/th>([\s\S]*?)<\/tr>/);
	assert.ok(row);
	assert.match(row[1], /<span class="vh">更新<\/span>/);
});

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

test("the workbook: one sheet per inventory, the seed's columns, people as columns with marks, the legend", async () => {
	const res = await fetch(`${srv.base}/o/${org}/inventories/export.xlsx`, { headers: { cookie: member.cookieHeader() } });
	assert.equal(res.status, 200);
	assert.match(res.headers.get("content-disposition") ?? "", /attachment/);
	const file = join(dir, "inv.xlsx");
	writeFileSync(file, Buffer.from(await res.arrayBuffer()));
	const wb = sheets(file);
	assert.deepEqual(Object.keys(wb), ["ユーザとアクセス範囲", "機器一覧", "共有フォルダ一覧", "外部サービス一覧", "IPアドレス一覧"]);
	const people = (await all("people")).sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
	const head = (name) => people.map((p) => p.status === "gone" ? `${p.name} (退職・異動)` : p.name);
	// the devices: No, the seed's columns, then the people
	const dv = wb["機器一覧"];
	const hi = dv.findIndex((r) => r[0] === "No");
	assert.deepEqual(dv[hi], ["No", "種別", "製品名・型番", "ベンダー名", "仕様", "用途", "設置場所", ...head()]);
	assert.ok(!dv[hi].some((h) => /パスワード/.test(h)));
	const devices = await all("devices");
	const mark = { update: "◎", read: "○" };
	for (const d of devices) {
		const row = dv.find((r) => r[2] === d.product);
		assert.ok(row, d.product);
		people.forEach((p, j) => assert.equal(row[7 + j], mark[d.access?.[p.id]] ?? "－", `${d.product} ${p.name}`));
	}
	assert.ok(dv.some((r) => r[0] === "凡例: ◎ 更新 · ○ 読取 · － アクセスなし"), JSON.stringify(dv.slice(-2)));
	// the services with their own marks
	const sv = wb["外部サービス一覧"];
	const svh = sv.findIndex((r) => r[0] === "No");
	assert.deepEqual(sv[svh].slice(0, 4), ["No", "サービス名", "提供者", "用途"]);
	const smark = { allowed: "○", with_permission: "△", not_allowed: "×" };
	for (const s of await all("services")) {
		const row = sv.find((r) => r[1] === s.name);
		people.forEach((p, j) => assert.equal(row[4 + j], smark[s.users?.[p.id]] ?? "－", `${s.name} ${p.name}`));
	}
	assert.ok(sv.some((r) => r[0] === "凡例: ○ 使ってよい · △ 許可を得て使う · × 使ってはいけない · － アクセスなし"));
	// the addresses: the seed's columns in order
	const ad = wb["IPアドレス一覧"];
	const adh = ad.findIndex((r) => r[0] === "No");
	assert.deepEqual(ad[adh], ["No", "設置場所", "機器", "管理番号", "IPアドレス", "サブネットマスク", "インターネット許可"]);
	assert.equal(ad.filter((r) => r[4] === "192.168.1.10").length, 2);
	// users and access: the places row under the devices' heading row
	const us = wb["ユーザとアクセス範囲"];
	const ush = us.findIndex((r) => r[0] === "No");
	assert.deepEqual(us[ush].slice(0, 6), ["No", "ユーザ名", "用途・役割", "アカウントの種別", "OS", "状態"]);
	const pcCol = us[ush].indexOf("PC-01");
	assert.equal(us[ush + 1][pcCol], "1F 事務所");
	const tanaka = us.find((r) => r[1] === "田中");
	assert.equal(tanaka[pcCol], "◎");
	// the download is in the audit log, in words
	const log = await admin.get(`/o/${org}/audit`);
	assert.match(unescape(log.text), /IT の一覧表（Excel）/);
});

test("every new route as each role: advisor and admin write, a member reads, others find nothing", async () => {
	const advisor = await inviteUser(admin, srv, org, "advisor@example.jp", "advisor");
	const outsider = await inviteUser(admin, srv, other, "outsider@example.jp", "org_admin");
	const anon = new Client(srv.base);
	const gets = ["", "/access", "/devices", "/shares", "/services", "/export.xlsx"].map((x) => `/o/${org}/inventories${x}`);
	for (const path of gets) {
		for (const [who, c] of [["admin", admin], ["advisor", advisor], ["member", member]])
			assert.equal((await c.get(path)).status, 200, `${who} ${path}`);
		assert.equal((await outsider.get(path)).status, 404, `outsider ${path}`);
		assert.equal((await anon.get(path)).status, 303, `anonymous ${path}`);
	}
	assert.equal((await admin.get(`/o/${org}/inventories/assets`)).status, 404);
	// an inventory's register pages sit under the inventories' tab
	for (const reg of ["people", "devices", "shares", "services", "addresses"]) {
		const pg = await member.get(`/o/${org}/r/${reg}`);
		// (the tabs are written twice: a row for wide screens, a folded
		// list for phones; both name the same tab)
		const cur = [...pg.text.matchAll(/<a href="([^"]+)" aria-current="page">/g)].map((m) => m[1]);
		assert.deepEqual(cur, [`/o/${org}/inventories`, `/o/${org}/inventories`], reg);
	}
	// the checks as JSON: a member's session reads them, an outsider's does not
	assert.equal((await member.get(`/api/v1/orgs/${org}/inventories/checks`)).status, 200);
	assert.equal((await outsider.get(`/api/v1/orgs/${org}/inventories/checks`)).status, 404);
	assert.equal((await anon.get(`/api/v1/orgs/${org}/inventories/checks`)).status, 401);
	// the matrix POST: an advisor of the organisation saves, others do not
	const path = `/o/${org}/inventories/shares`;
	const page = await advisor.get(path);
	const f = matrixForm(page.text);
	const form = { _csrf: csrfOf(page.text) };
	for (const [k, v] of Object.entries(f.revs)) form[`rev.${k}`] = v;
	Object.assign(form, f.cells);
	const eigyo = (await all("shares")).find((x) => x.folder === "営業");
	form[`g.${eigyo.id}.${P["鈴木"]}`] = "read";
	assert.equal((await advisor.post(path, form)).status, 303);
	assert.deepEqual((await all("shares")).find((x) => x.id === eigyo.id).access, { [P["鈴木"]]: "read" });
	const op = await outsider.get(`/o/${other}/inventories`);
	assert.equal((await outsider.post(path, { _csrf: csrfOf(op.text) })).status, 404);
	assert.equal((await admin.post(path, {})).status, 403, "no CSRF token");
});

test("a large matrix goes by pages, each under the form's limit, each saved on its own", async () => {
	const big = await makeOrg(admin, { name: "大所帯株式会社" });
	const people = [];
	for (let k = 0; k < 30; k++) people.push((await add("people", { name: `社員${String(k).padStart(2, "0")}` }, big)).id);
	for (let k = 0; k < 20; k++) await add("devices", { kind: "PC", product: `PC-${String(k).padStart(2, "0")}`, place: "1F" }, big);
	// at most 450 cells a page: 450 / (30 + 1) = 14 rows
	const path = `/o/${big}/inventories/devices`;
	const p1 = await admin.get(path);
	const f1 = matrixForm(p1.text);
	assert.equal(Object.keys(f1.revs).length, 14);
	assert.equal(Object.keys(f1.cells).length, 14 * 30);
	assert.match(unescape(p1.text), /\?page=2/);
	const p2 = await admin.get(`${path}?page=2`);
	const f2 = matrixForm(p2.text);
	assert.equal(Object.keys(f2.revs).length, 6);
	assert.ok(unescape(p2.text).includes(`action="${path}?page=2"`));
	const form = { _csrf: csrfOf(p2.text) };
	for (const [k, v] of Object.entries(f2.revs)) form[`rev.${k}`] = v;
	Object.assign(form, f2.cells);
	const last = Object.keys(f2.revs).at(-1);
	form[`g.${last}.${people[29]}`] = "update";
	const res = await admin.post(`${path}?page=2`, form);
	assert.equal(res.status, 303);
	assert.match(res.location, /page=2/);
	const rows = await all("devices", big);
	assert.deepEqual(rows.find((r) => r.id === +last).access, { [people[29]]: "update" });
	assert.equal(rows.filter((r) => Object.keys(r.access).length > 0).length, 1);
});
