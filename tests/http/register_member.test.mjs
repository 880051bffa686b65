// A register field that names a member of the organisation (the plan's
// `assignee`): the API takes the member's id or e-mail address and
// answers with the id and the name beside it; someone who is not a member
// — nobody, or another organisation's user — is a 422 field error that
// says nothing of them; the form offers the members in a <select> and
// keeps every other value when it refuses one; the CSV writes the e-mail
// address and reads it back in any case, a stranger refused at its line
// and column with nothing stored; and a member who leaves stays on the
// rows that name them, shown as no longer a member, kept by an edit that
// does not change the field.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, firstAdmin, makeOrg, inviteUser, csrfOf, unescape } from "./lib.mjs";

let srv, admin, org, other, auth, ids = {};
before(async () => {
	srv = await startServer();
	admin = await firstAdmin(srv);
	org = await makeOrg(admin, { name: "担当者株式会社" });
	other = await makeOrg(admin, { name: "よその会社" });
	const page = await admin.get("/account");
	const tok = await admin.post("/account/token", { _csrf: csrfOf(page.text) });
	auth = { authorization: "Bearer " + tok.text.match(/<code class="secret">([^<]+)<\/code>/)[1] };
	await inviteUser(admin, srv, org, "sato@example.jp", "member");
	await inviteUser(admin, srv, org, "ito@example.jp", "member");
	await inviteUser(admin, srv, other, "them@example.jp", "member");
	// the users' ids, from the members pages (the admin's own line has
	// no form: theirs from a row of the other organisation, where they
	// are a member too)
	for (const o of [org, other]) {
		const mp = (await admin.get(`/o/${o}/members`)).text;
		for (const m of mp.matchAll(/<tr><td[^>]*>([^<]+@[^<]+)<\/td>[\s\S]*?<\/tr>/g)) {
			const a = m[0].match(new RegExp(`action="/o/${o}/members/(\\d+)"`));
			if (a) ids[m[1]] = +a[1];
		}
	}
	const mine = await api("POST", plan(other), { area: "human", measure: "管理者の行", assignee: "admin@example.jp" });
	ids["admin@example.jp"] = json(mine).assignee;
});
after(async () => { await srv?.stop(); });

const api = (m, p, body, h = auth) => admin.req(m, p, {
	body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
	headers: { ...h, "content-type": typeof body === "string" ? "text/csv" : "application/json" },
});
const json = (res) => JSON.parse(res.text);
const plan = (o = org) => `/api/v1/orgs/${o}/plan`;
const base = (o = org) => `/o/${o}/r/plan`;
const rows = async (o = org) => json(await api("GET", plan(o))).rows;
const text = (html) => unescape(html.replace(/<[^>]+>/g, " ")).replace(/\s+/g, " ").trim();

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

// The refusals the import shows: [line, column, field, message] each.
function importErrors(html) {
	const t = html.match(/<table class="table reg-import-errors">([\s\S]*?)<\/table>/);
	if (!t) return [];
	return [...t[1].matchAll(/<tr><td[^>]*>([\s\S]*?)<\/td><td[^>]*>([\s\S]*?)<\/td><td[^>]*>([\s\S]*?)<\/td><td[^>]*>([\s\S]*?)<\/td><\/tr>/g)]
		.map((m) => [text(m[1]), text(m[2]), text(m[3]), text(m[4])]);
}

// Upload a CSV through the list page's import form.
async function upload(bytes) {
	const page = await admin.get(base());
	const fd = new FormData();
	fd.append("_csrf", csrfOf(page.text) ?? "");
	fd.append("csv", new Blob([bytes], { type: "text/csv" }), "plan.csv");
	const res = await fetch(srv.base + `${base()}/import`, {
		method: "POST", body: fd, redirect: "manual", headers: { cookie: admin.cookieHeader() } });
	return { status: res.status, location: res.headers.get("location"), text: await res.text() };
}

test("the members' ids are known", () => {
	for (const e of ["admin@example.jp", "sato@example.jp", "ito@example.jp", "them@example.jp"])
		assert.ok(ids[e] > 0, `${e} in ${JSON.stringify(ids)}`);
});

test("the API takes a member by id or by e-mail and answers with the id and the name", async () => {
	let res = await api("POST", plan(), { area: "human", measure: "教育をする", assignee: "Sato@Example.JP" });
	assert.equal(res.status, 201, res.text);
	let row = json(res);
	assert.equal(row.assignee, ids["sato@example.jp"]);
	assert.equal(row.assignee_name, "sato@example.jp");
	res = await api("POST", plan(), { area: "technical", measure: "更新を自動にする", assignee: ids["ito@example.jp"] });
	assert.equal(res.status, 201, res.text);
	assert.equal(json(res).assignee_name, "ito@example.jp");
	res = await api("POST", plan(), { area: "physical", measure: "鍵をかける" });
	assert.equal(res.status, 201, res.text);
	assert.equal(json(res).assignee, null);
	assert.equal(json(res).assignee_name, null);
	// a change by e-mail; the name is the engine's to write
	res = await api("PUT", `${plan()}/${row.id}`, { rev: 1, area: "human", measure: "教育をする", assignee: "ito@example.jp" });
	assert.equal(res.status, 200, res.text);
	assert.equal(json(res).assignee, ids["ito@example.jp"]);
	res = await api("PUT", `${plan()}/${row.id}`, { rev: 2, area: "human", measure: "教育をする", assignee: 1, assignee_name: "x" });
	assert.equal(res.status, 422);
	assert.deepEqual(json(res).errors.map((e) => [e.field, e.code]), [["assignee_name", "read_only"]]);
	row = (await rows()).find((r) => r.id === row.id);
	assert.equal(row.assignee_name, "ito@example.jp");
	assert.equal(row.rev, 2);
});

test("someone who is not a member is a 422 field error, another organisation's user too, and nothing is said of them", async () => {
	const before_ = (await rows()).length;
	for (const who of ["nobody@example.jp", "them@example.jp", "THEM@example.jp", ids["them@example.jp"], 999999]) {
		const res = await api("POST", plan(), { area: "human", measure: "入ってはいけない", assignee: who });
		assert.equal(res.status, 422, `${who}: ${res.text}`);
		assert.deepEqual(json(res).errors.map((e) => [e.field, e.code]), [["assignee", "not_member"]], String(who));
		assert.ok(json(res).errors[0].message.length > 0);
		assert.doesNotMatch(res.text, /them@/, "not revealed");
	}
	// their own organisation takes them
	const mine = await api("POST", plan(other), { area: "human", measure: "よその計画", assignee: "them@example.jp" });
	assert.equal(mine.status, 201, mine.text);
	assert.equal(json(mine).assignee_name, "them@example.jp");
	// …and this one's members do not go there
	const theirs = await api("POST", plan(other), { area: "human", measure: "x", assignee: ids["sato@example.jp"] });
	assert.equal(theirs.status, 422);
	assert.equal((await rows()).length, before_, "nothing stored");
	// the list of another organisation does not show through
	assert.ok((await rows()).every((r) => r.assignee_name !== "them@example.jp"));
});

test("the form offers the members in a select; a stranger posted is an error beside the field with the rest kept", async () => {
	const form = await admin.get(`${base()}/new`);
	assert.equal(form.status, 200);
	const sel = form.text.match(/<select id="f-assignee" name="assignee"[^>]*>([\s\S]*?)<\/select>/);
	assert.ok(sel, "a select of the members");
	assert.match(sel[1], /^<option value="">（選ばない）<\/option>/, "an empty choice: not required");
	for (const e of ["admin@example.jp", "sato@example.jp", "ito@example.jp"])
		assert.match(sel[1], new RegExp(`<option value="${ids[e]}">${e}</option>`));
	assert.doesNotMatch(sel[1], /them@/);
	assert.match(form.text, /社内で実際にこの対策を進める人です。/, "its help");
	const count = (await rows()).length;
	const res = await admin.post(`${base()}/new`, { _csrf: csrfOf(form.text), area: "human",
		measure: "手順書を作る", owner: "総務部", assignee: String(ids["them@example.jp"]) });
	assert.equal(res.status, 422);
	assert.match(res.text, /<p class="field-msg" id="e-assignee">この組織のメンバーではありません。メンバーの中から選んでください。<\/p>/);
	assert.match(res.text, /aria-invalid="true" aria-describedby="e-assignee"/);
	assert.match(res.text, /<textarea [^>]*name="measure"[^>]*>手順書を作る<\/textarea>/, "the rest kept");
	assert.match(res.text, /<input [^>]*name="owner"[^>]*value="総務部"/);
	assert.doesNotMatch(res.text, /them@/);
	assert.doesNotMatch(res.text, /メンバーではなくなった人/, "a stranger is not offered as someone who left");
	assert.equal((await rows()).length, count, "nothing stored");
	// a member: stored, and shown by name on the row and the list
	const ok = await admin.post(`${base()}/new`, { _csrf: csrfOf(form.text), area: "human",
		measure: "手順書を作る", assignee: String(ids["sato@example.jp"]) });
	assert.equal(ok.status, 303, text(ok.text).slice(0, 300));
	const id = +ok.location.match(/\/plan\/(\d+)/)[1];
	const page = await admin.get(`${base()}/${id}`);
	assert.match(page.text, /<dt id="l-assignee">実施する人<\/dt><dd>sato@example\.jp<\/dd>/);
	const list = await admin.get(base());
	assert.match(list.text, /<td[^>]*data-label="実施する人"[^>]*>sato@example\.jp<\/td>/);
	// the edit form has them chosen
	const edit = await admin.get(`${base()}/${id}/edit`);
	assert.match(edit.text, new RegExp(`<option value="${ids["sato@example.jp"]}" selected="">sato@example\\.jp</option>`));
});

test("the CSV writes members by e-mail and reads them back in any case; a stranger is refused at its line and column, nothing stored", async () => {
	const exp = await admin.get(`${base()}/export.csv`);
	assert.equal(exp.status, 200);
	const cells = parseCsv(exp.text.replace(/^\uFEFF/, ""));
	const h = cells[0], ai = h.indexOf("assignee");
	assert.ok(ai > 0, h.join(","));
	assert.deepEqual(cells.slice(1).map((c) => `${c[h.indexOf("measure")]}|${c[ai]}`).sort(),
		(await rows()).map((r) => `${r.measure}|${r.assignee_name ?? ""}`).sort());
	assert.ok(cells.slice(1).some((c) => c[ai] === "sato@example.jp"));
	// the labelled file too
	const lab = parseCsv((await admin.get(`${base()}/export.csv?labels=1`)).text.replace(/^\uFEFF/, ""));
	assert.ok(lab.slice(1).some((c) => c[lab[0].indexOf("実施する人")] === "sato@example.jp"));

	const before_ = (await rows()).length;
	let res = await upload("area,measure,assignee\r\nhuman,研修をする,SATO@Example.jp\r\n" +
		"technical,更新する,them@example.jp\r\nphysical,施錠する,nobody@example.jp\r\n");
	assert.equal(res.status, 422);
	assert.deepEqual(importErrors(res.text), [
		["3", "C列（3列目）", "実施する人", "この組織のメンバーではありません。メンバーの中から選んでください。"],
		["4", "C列（3列目）", "実施する人", "この組織のメンバーではありません。メンバーの中から選んでください。"],
	]);
	assert.doesNotMatch(res.text, /them@example\.jp/);
	assert.equal((await rows()).length, before_, "nothing stored, not even the good line");
	// the API says the same, by line and column
	const r2 = await api("POST", plan(), "area,measure,assignee\nhuman,研修をする,them@example.jp\n");
	assert.equal(r2.status, 422);
	assert.deepEqual(json(r2).errors.map((e) => [e.line, e.column, e.code]), [[2, 3, "not_member"]]);
	// good lines, by e-mail in any case and by id
	res = await upload(`area,measure,assignee\r\nhuman,研修をする,SATO@Example.jp\r\ntechnical,更新する,${ids["ito@example.jp"]}\r\n`);
	assert.equal(res.status, 303, text(res.text).slice(0, 400));
	const now = await rows();
	assert.equal(now.find((r) => r.measure === "研修をする").assignee, ids["sato@example.jp"]);
	assert.equal(now.find((r) => r.measure === "更新する").assignee, ids["ito@example.jp"]);
	// the file exported goes back in with the same people
	const again = await admin.get(`${base()}/export.csv`);
	const n0 = now.length;
	const back = await api("POST", plan(), again.text);
	assert.equal(back.status, 201, back.text);
	const after_ = await rows();
	assert.equal(after_.length, 2 * n0);
	const people = (v) => v.map((r) => `${r.measure}|${r.assignee}`).sort();
	const last = Math.max(...now.map((x) => x.id));
	assert.deepEqual(people(after_.filter((r) => r.id > last)), people(now));
});

test("a member who leaves: rows keep them, shown as no longer a member; an edit that keeps them saves, a new row cannot name them", async () => {
	// a row that changes hands from Sato to Ito: the history names both
	let res = await api("POST", plan(), { area: "organisational", measure: "規程を作る", assignee: "sato@example.jp" });
	assert.equal(res.status, 201, res.text);
	const row = json(res);
	res = await api("PUT", `${plan()}/${row.id}`, { rev: 1, area: "organisational", measure: "規程を作る", assignee: "ito@example.jp" });
	assert.equal(res.status, 200, res.text);
	let page = await admin.get(`${base()}/${row.id}`);
	assert.match(page.text, /<td data-label="項目">実施する人<\/td><td[^>]*><del>sato@example\.jp<\/del><\/td><td[^>]*><ins>ito@example\.jp<\/ins><\/td>/);
	// Ito leaves
	const mp = await admin.get(`/o/${org}/members`);
	const rm = await admin.post(`/o/${org}/members/${ids["ito@example.jp"]}`, { _csrf: csrfOf(mp.text), remove: "1" });
	assert.equal(rm.status, 200, text(rm.text).slice(0, 300));
	const got = (await rows()).find((r) => r.id === row.id);
	assert.equal(got.assignee, ids["ito@example.jp"], "the id stays");
	assert.equal(got.assignee_name, null);
	page = await admin.get(`${base()}/${row.id}`);
	assert.match(page.text, /<dt id="l-assignee">実施する人<\/dt><dd>（メンバーではなくなった人）<\/dd>/);
	assert.match(page.text, /<ins>（メンバーではなくなった人）<\/ins>/, "the history too");
	assert.doesNotMatch(page.text, /ito@example\.jp/);
	const list = await admin.get(base());
	assert.match(list.text, /<td[^>]*data-label="実施する人"[^>]*>（メンバーではなくなった人）<\/td>/);
	assert.doesNotMatch(list.text, /ito@example\.jp/);
	// the edit form keeps them as a choice of its own; saving it unchanged works
	const edit = await admin.get(`${base()}/${row.id}/edit`);
	const sel = edit.text.match(/<select id="f-assignee" name="assignee"[^>]*>([\s\S]*?)<\/select>/)[1];
	assert.match(sel, new RegExp(`<option value="${ids["ito@example.jp"]}" selected="">（メンバーではなくなった人）</option>`));
	assert.doesNotMatch(sel, /ito@example\.jp/);
	const save = await admin.post(`${base()}/${row.id}/edit`, { _csrf: csrfOf(edit.text), rev: "2",
		area: "organisational", measure: "規程を作る（改）", assignee: String(ids["ito@example.jp"]) });
	assert.equal(save.status, 303, text(save.text).slice(0, 400));
	const saved = (await rows()).find((r) => r.id === row.id);
	assert.equal(saved.measure, "規程を作る（改）");
	assert.equal(saved.assignee, ids["ito@example.jp"]);
	// the API the same: unchanged passes, a new row naming them does not
	res = await api("PUT", `${plan()}/${row.id}`, { rev: 3, area: "organisational", measure: "規程を作る", assignee: ids["ito@example.jp"] });
	assert.equal(res.status, 200, res.text);
	res = await api("POST", plan(), { area: "organisational", measure: "新しい行", assignee: ids["ito@example.jp"] });
	assert.equal(res.status, 422);
	assert.deepEqual(json(res).errors.map((e) => [e.field, e.code]), [["assignee", "not_member"]]);
	res = await api("POST", plan(), { area: "organisational", measure: "新しい行", assignee: "ito@example.jp" });
	assert.equal(res.status, 422);
	// changing the row to someone else who is not a member: refused
	res = await api("PUT", `${plan()}/${row.id}`, { rev: 4, area: "organisational", measure: "規程を作る", assignee: ids["them@example.jp"] });
	assert.equal(res.status, 422);
	// to a member: fine, and then Ito cannot come back by that row
	res = await api("PUT", `${plan()}/${row.id}`, { rev: 4, area: "organisational", measure: "規程を作る", assignee: "sato@example.jp" });
	assert.equal(res.status, 200, res.text);
	res = await api("PUT", `${plan()}/${row.id}`, { rev: 5, area: "organisational", measure: "規程を作る", assignee: ids["ito@example.jp"] });
	assert.equal(res.status, 422);
	// the CSV writes the id of someone who left, which the import refuses
	const exp = parseCsv((await admin.get(`${base()}/export.csv`)).text.replace(/^\uFEFF/, ""));
	assert.ok(!exp.flat().includes("ito@example.jp"));
});
