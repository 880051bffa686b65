// The incident-response structure and what the incidents add around
// them (issue 14): the top responsible person, the response lead and the
// first responder chosen from the organisation's members or its BCP
// contacts (another organisation's refused), the responder of each level
// with the pack's defaults, the organisation's own words for a level; a
// stale save refused with both versions shown (the page) or the current
// one sent back (the API); the emergency card — the same card as the
// BCP's — as PDF and as the phone page, carrying whom to tell at each
// level with their number, and the outside desks dated; the count of
// incidents per year (Japan time) by kind and level above the list; the
// organisation's home with the open incidents first and the report
// deadlines of the coming seven days, overdue said in words.  Every
// figure and date is checked against this test's own computation.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer, firstAdmin, makeOrg, inviteUser, csrfOf, unescape, Client, top } from "./lib.mjs";

const dir = mkdtempSync(join(tmpdir(), "mamori-incsetup-"));
let srv, admin, auth, org, other, member, outsider;
before(async () => {
	srv = await startServer();
	admin = await firstAdmin(srv);
	org = await makeOrg(admin, { name: "体制テスト株式会社" });
	other = await makeOrg(admin, { name: "よその会社" });
	member = await inviteUser(admin, srv, org, "staff@example.jp", "member");
	outsider = await inviteUser(admin, srv, other, "outsider@example.jp", "org_admin");
	const page = await admin.get("/account");
	const tok = await admin.post("/account/token", { _csrf: csrfOf(page.text) });
	auth = { authorization: "Bearer " + tok.text.match(/<code class="secret">([^<]+)<\/code>/)[1] };
});
after(async () => { await srv?.stop(); rmSync(dir, { recursive: true, force: true }); });

const api = (m, p, body, c = admin) => c.req(m, p, {
	body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
	headers: { ...auth, "content-type": "application/json" },
});
const json = (res) => JSON.parse(res.text);
const pdfRaw = (file) => execFileSync("pdftotext", ["-raw", file, "-"], { encoding: "utf8" }).replace(/\n/g, "");
const pages = (file) => +execFileSync("pdfinfo", [file], { encoding: "utf8" }).match(/Pages:\s+(\d+)/)[1];
const text = (html) => unescape(html.replace(/<[^>]+>/g, ""));

// What the packs say, read from the files themselves.
const incYaml = readFileSync(join(top, "content/incidents.yaml"), "utf8");
const levelsBlock = incYaml.slice(incYaml.indexOf("\nlevels:"), incYaml.indexOf("\nkinds:"));
const DEFAULTS = [...levelsBlock.matchAll(/^    responder: (\w+)$/gm)].map((m) => m[1]);
const LEVEL_LABEL = [...levelsBlock.matchAll(/^    label: \{ja: "([^"]+)"/gm)].map((m) => m[1]);
const kindsBlock = incYaml.slice(incYaml.indexOf("\nkinds:"), incYaml.indexOf("\nstatuses:"));
const KINDS = [...kindsBlock.matchAll(/- key: (\w+)\n    label: \{ja: "([^"]+)"/g)].map((m) => ({ key: m[1], ja: m[2] }));
const rolesBlock = incYaml.slice(incYaml.indexOf("\nroles:"), incYaml.indexOf("\nlevels:"));
const ROLE = Object.fromEntries([...rolesBlock.matchAll(/- key: (\w+)\n    label: \{ja: "([^"]+)"/g)].map((m) => [m[1], m[2]]));
const playbooks = incYaml.slice(incYaml.indexOf("\nplaybooks:"));
const malwareBlock = playbooks.slice(playbooks.indexOf("  - key: malware\n"), playbooks.indexOf("  - key: fraud\n"));
const HANDOVER_1 = malwareBlock.match(/handover:\n      ja:\n        - "([^"]+)"/)[1];
const desksYaml = readFileSync(join(top, "content/desks.yaml"), "utf8");
const AS_OF = desksYaml.match(/^as_of: (\S+)$/m)[1];
const DESKS = [...desksYaml.matchAll(/- key: (\w+)\n    name:\n      ja: "([^"]+)"\n      en: "[^"]*"\n(?:    short:\n      ja: "([^"]+)")?/g)].map((m) => ({ key: m[1], ja: m[2], short: m[3] ?? m[2] }));

// The day in Japan of a moment (ms), plus n days, as YYYY-MM-DD.
function jday(ms, n = 0) {
	const t = new Date(ms + 9 * 3600e3);
	return new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate() + n)).toISOString().slice(0, 10);
}
// A member's id as the setup page offers it.
async function memberId(orgId, email) {
	const page = await admin.get(`/o/${orgId}/incidents/setup`);
	const m = page.text.match(new RegExp(`<option value="member:(\\d+)"[^>]*>${email.replace(/\./g, "\\.")}</option>`));
	assert.ok(m, `member ${email} offered in ${orgId}`);
	return +m[1];
}

let made;	// what the first test stored
test("the structure: members and contacts accepted, another organisation's refused, the levels' responders", async () => {
	assert.deepEqual(DEFAULTS, ["first", "lead", "lead", "top"], "the pack's defaults as the test reads them");
	// never saved: nobody, the pack's responders
	let res = await api("GET", `/api/v1/orgs/${org}/incidents-setup`);
	assert.equal(res.status, 200, res.text);
	let s = json(res);
	assert.equal(s.rev, 0);
	for (const r of ["top", "lead", "first"]) assert.equal(s.roles[r].ref, null, r);
	assert.deepEqual(s.levels.map((l) => l.responder), DEFAULTS);
	assert.deepEqual(s.levels.map((l) => l.default), DEFAULTS);

	// contacts here and there
	const c1 = json(await api("POST", `/api/v1/orgs/${org}/contacts`, { target: "hardware", owner: "情報システム担当", company: "サンプル保守", person: "田中", phone: "03-1111-2222", email: "tanaka@example.jp" }));
	const c2 = json(await api("POST", `/api/v1/orgs/${org}/contacts`, { target: "network", owner: "総務課長", company: "回線会社", phone: "0120-333-444" }));
	const cx = json(await api("POST", `/api/v1/orgs/${other}/contacts`, { target: "power", owner: "よその総務", phone: "099-999-9999" }));
	const staff = await memberId(org, "staff@example.jp");
	const out = await memberId(other, "outsider@example.jp");

	// refused, each at its field, nothing stored
	const bad = [
		[{ top: `member:${out}` }, "top", "not_member"],
		[{ lead: `contact:${cx.id}` }, "lead", "no_such_row"],
		[{ first: "member:abc" }, "first", "bad_format"],
		[{ first: 12 }, "first", "wrong_type"],
		[{ levels: ["first", "lead", "boss", "top"] }, "levels.2", "unknown_key"],
		[{ levels: ["first"] }, "levels", "wrong_type"],
		[{ definitions: [null, "あ".repeat(301), null, null] }, "definitions.1", "too_long"],
		[{ rev: -1 }, "rev", "not_integer"],
		[{ chief: "member:1" }, "chief", "unknown_field"],
	];
	for (const [body, field, code] of bad) {
		res = await api("PUT", `/api/v1/orgs/${org}/incidents-setup`, body);
		assert.equal(res.status, 422, `${JSON.stringify(body)}: ${res.text}`);
		const e = json(res).errors.find((x) => x.field === field);
		assert.ok(e, `${field} in ${res.text}`);
		assert.equal(e.code, code, JSON.stringify(body));
		assert.ok(e.message.length > 0);
	}
	assert.equal(json(await api("GET", `/api/v1/orgs/${org}/incidents-setup`)).rev, 0, "nothing stored");

	// a member and two contacts; level 1 to the first responder; our
	// own words for level 1
	const own = "パソコン1台だけの不調で、仕事は止まっていない状態。";
	res = await api("PUT", `/api/v1/orgs/${org}/incidents-setup`, {
		top: `member:${staff}`, lead: `contact:${c1.id}`, first: `contact:${c2.id}`,
		levels: ["first", "first", "lead", "top"], definitions: [null, own, null, null],
	});
	assert.equal(res.status, 200, res.text);
	s = json(res);
	assert.equal(s.rev, 1);
	assert.equal(s.updated_by, "admin@example.jp");
	assert.deepEqual(s.roles.top, { ref: `member:${staff}`, kind: "member", id: staff, found: true, name: "staff@example.jp", phone: null, email: "staff@example.jp" });
	assert.deepEqual(s.roles.lead, { ref: `contact:${c1.id}`, kind: "contact", id: c1.id, found: true, name: "サンプル保守 田中", phone: "03-1111-2222", email: "tanaka@example.jp" });
	assert.equal(s.roles.first.name, "回線会社");
	assert.equal(s.roles.first.phone, "0120-333-444");
	assert.deepEqual(s.levels.map((l) => l.responder), ["first", "first", "lead", "top"]);
	assert.deepEqual(s.levels.map((l) => l.definition), [null, own, null, null]);
	assert.deepEqual(json(await api("GET", `/api/v1/orgs/${org}/incidents-setup`)), s, "GET says the same");

	// a later save names its revision; an old one is stale: 409 with the
	// structure as it stands
	res = await api("PUT", `/api/v1/orgs/${org}/incidents-setup`, { top: `member:${staff}` });
	assert.equal(res.status, 422);
	assert.equal(json(res).errors[0].field, "rev");
	res = await api("PUT", `/api/v1/orgs/${org}/incidents-setup`, { rev: 0, top: null });
	assert.equal(res.status, 409, res.text);
	assert.equal(json(res).rev, 1);
	assert.equal(json(res).current.roles.lead.phone, "03-1111-2222");
	assert.equal(json(await api("GET", `/api/v1/orgs/${org}/incidents-setup`)).roles.top.ref, `member:${staff}`, "the stale save stored nothing");

	// the page: members read, with the levels' meaning and the words
	// that say they are ours
	let page = await member.get(`/o/${org}/incidents/setup`);
	assert.equal(page.status, 200);
	const t = text(page.text);
	assert.ok(t.includes("staff@example.jp（メンバー）"));
	assert.ok(t.includes("サンプル保守 田中（連絡先：ハードウェア）03-1111-2222"), "the lead with its number");
	assert.ok(t.includes("mamoriが独自に用意した目安") && t.includes("シード"), "our own definitions, said so");
	for (const l of LEVEL_LABEL) assert.ok(t.includes(l), l);
	assert.ok(t.includes(own), "our own words for level 1");
	assert.ok(t.includes(`知らせる相手：${ROLE.first}（回線会社）`), "level 1 goes to the first responder");
	assert.ok(!page.text.includes('name="top"'), "no form for a member");
	assert.equal((await member.post(`/o/${org}/incidents/setup`, { _csrf: csrfOf(page.text), rev: "1", top: "" })).status, 403);
	res = await member.req("PUT", `/api/v1/orgs/${org}/incidents-setup`, { body: JSON.stringify({ rev: 1 }), headers: { "content-type": "application/json", "x-csrf-token": csrfOf(page.text) } });
	assert.equal(res.status, 403, "members read, they do not write");
	assert.equal((await member.get(`/api/v1/orgs/${org}/incidents-setup`)).status, 200);

	// the page's form: a field refused keeps every other value
	page = await admin.get(`/o/${org}/incidents/setup`);
	assert.match(page.text, new RegExp(`<option value="contact:${c1.id}" selected="">`));
	assert.ok(!page.text.includes(`contact:${cx.id}"`), "another organisation's contact is not offered");
	const form = { _csrf: csrfOf(page.text), rev: "1", top: `member:${out}`, lead: `contact:${c1.id}`, first: `contact:${c2.id}`,
		resp_0: "first", resp_1: "lead", resp_2: "lead", resp_3: "lead", def_0: "", def_1: own, def_2: "業務が止まったとき（自社）", def_3: "" };
	res = await admin.post(`/o/${org}/incidents/setup`, form);
	assert.equal(res.status, 422);
	assert.match(res.text, /<p class="field-msg" id="e-top">[^<]+<\/p>/);
	assert.match(res.text, /<select id="f-top" name="top" aria-invalid="true" aria-describedby="e-top">/);
	assert.ok(res.text.includes("業務が止まったとき（自社）"), "the other values kept");
	assert.match(res.text, /<select id="f-resp_3"[^>]*>(?:(?!<\/select>)[\s\S])*<option value="lead" selected="">/, "level 3's choice kept");
	res = await admin.post(`/o/${org}/incidents/setup`, { ...form, resp_2: "", def_0: "あ".repeat(301), top: `member:${staff}` });
	assert.equal(res.status, 422);
	assert.match(res.text, /id="e-resp_2"/);
	assert.match(res.text, /id="e-def_0">300文字以内/);

	// a stale save: refused, both versions shown, mine kept to save again
	res = await admin.post(`/o/${org}/incidents/setup`, { ...form, top: "", rev: "0" });
	assert.equal(res.status, 409);
	const cmp = res.text.slice(res.text.indexOf('class="table reg-compare"'), res.text.indexOf("</table>", res.text.indexOf('class="table reg-compare"')));
	assert.ok(cmp.length > 0, "both versions side by side");
	assert.ok(text(cmp).includes("staff@example.jp（メンバー）") && text(cmp).includes("まだ決めていません"), "theirs and mine for the top");
	assert.ok(text(cmp).includes("業務が止まったとき（自社）"), "my words for level 2");
	assert.match(res.text, /name="rev" value="1"/, "offered again from their revision");

	// saved from the page
	res = await admin.post(`/o/${org}/incidents/setup`, { ...form, top: `member:${staff}`, resp_3: "top" });
	assert.equal(res.status, 303);
	assert.equal(res.location, `/o/${org}/incidents/setup?done=1`);
	s = json(await api("GET", `/api/v1/orgs/${org}/incidents-setup`));
	assert.equal(s.rev, 2);
	assert.deepEqual(s.levels.map((l) => l.responder), ["first", "lead", "lead", "top"]);
	assert.deepEqual(s.levels.map((l) => l.definition), [null, own, "業務が止まったとき（自社）", null]);

	// the engine audits each save
	const audit = text((await admin.get(`/o/${org}/audit`)).text);
	assert.equal(audit.split("台帳全体の設定を変えました").length - 1, 2, "two saves in the audit log");
	made = { c1, c2, cx, staff, own };
});

test("the emergency card: whom to tell at each level with their number, the outside desks dated, one page", async () => {
	const file = join(dir, "card.pdf");
	const res = await fetch(`${srv.base}/o/${org}/bcp/card.pdf`, { headers: auth });
	assert.equal(res.status, 200);
	writeFileSync(file, Buffer.from(await res.arrayBuffer()));
	assert.equal(pages(file), 1, "one page");
	const raw = pdfRaw(file);
	const lines = execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" }).split("\n");
	// level by level: 0 → first (回線会社), 1 → lead (our words), 2 → lead,
	// 3 → top (a member: the address)
	const row = (start) => lines.find((l) => l.trim().startsWith(start));
	assert.match(row(LEVEL_LABEL[0]) ?? "", /一次対応者：回線会社\s+0120-333-444/);
	assert.match(row("レベル1：パソコン1台") ?? "", /対応責任者：サンプル保守 田中\s+03-1111-2222/, "our words for level 1, cut to a line");
	assert.match(row("レベル2：業務が止まった") ?? "", /対応責任者：サンプル保守 田中\s+03-1111-2222/);
	assert.match(row(LEVEL_LABEL[3]) ?? "", /最高責任者\s+staff@example\.jp/);
	// what to do first: the malware playbook's first move
	assert.ok(raw.includes("LANケーブルを抜き、Wi-Fiを切って"));
	// the outside desks, dated
	assert.ok(raw.includes(`${AS_OF}時点`), `as of ${AS_OF}`);
	// each desk by its short name for a card's cell, whole
	assert.ok(DESKS.every((d) => d.short !== d.ja || d.ja.length <= 10));
	for (const d of DESKS) assert.ok(raw.includes(d.short), d.short);
	assert.ok(raw.includes("#9110") && raw.includes("www.ipa.go.jp") && raw.includes("www.ppc.go.jp"));
	assert.ok(!raw.includes("099-999-9999"), "nothing of the other organisation");

	// the phone page: the same, whole, with numbers that dial
	const lp = await admin.get(`/o/${org}/bcp/card`);
	const mk = await admin.post(`/o/${org}/bcp/card`, { _csrf: csrfOf(lp.text), do: "make" });
	const path = new URL(unescape(mk.text.match(/<code class="secret copy">([^<]+)<\/code>/)[1])).pathname;
	const phone = await new Client(srv.base).get(path);
	assert.equal(phone.status, 200);
	const pt = text(phone.text);
	const lv = (k) => phone.text.slice(phone.text.indexOf(`data-level="${k}"`), phone.text.indexOf("</div>", phone.text.indexOf(`data-level="${k}"`)));
	assert.ok(lv(0).includes('href="tel:0120333444"'), "level 0: the first responder's number");
	assert.ok(lv(1).includes('href="tel:0311112222"') && lv(1).includes('href="mailto:tanaka@example.jp"'), "level 1: the lead's number and address");
	assert.ok(text(lv(1)).includes(made.own), "our words for level 1");
	assert.ok(lv(3).includes('href="mailto:staff@example.jp"'), "level 3: the top, a member, by address");
	assert.ok(text(lv(2)).includes(`すぐに${ROLE.lead}に知らせてください`), "what the finder is told at level 2");
	assert.ok(pt.includes(HANDOVER_1), "when to hand over");
	assert.ok(pt.includes(`外部の相談窓口（${AS_OF}時点）`));
	for (const d of DESKS) assert.ok(phone.text.includes(`data-desk="${d.key}"`) && pt.includes(d.ja), d.key);
	assert.ok(phone.text.includes('href="tel:%239110"'), "the police's #9110 dials as it is");
	assert.ok(phone.text.includes('href="tel:188"'));
	assert.ok(phone.text.includes('href="https://www.ppc.go.jp/"'));
	assert.ok(!pt.includes("099-999-9999"));
	assert.ok(!phone.text.includes(`/o/${org}`), "no link into the organisation");
});

test("the count per year by kind and level, Japan time", async () => {
	const o = await makeOrg(admin, { name: "件数テスト株式会社" });
	// [detected_at, kind, level, status]; the two around New Year fall in
	// different years in Japan
	const rows = [
		["2024-03-10T09:00+09:00", "malware", 1, "closed"],
		["2024-11-02T14:00+09:00", "leak", 2, "closed"],
		["2025-01-15T10:00+09:00", "malware", 0, "closed"],
		["2025-06-01T10:00+09:00", "malware", 1, "closed"],
		["2025-07-20T10:00+09:00", "fraud", 2, "recovered"],
		["2025-12-31T23:30+09:00", "tamper_outage", 3, "closed"],
		["2025-12-31T15:30Z", "other", 1, "contained"],	// 2026-01-01 00:30 in Japan
		["2026-02-03T08:00+09:00", "malware", 1, "open"],
		["2026-05-05T12:00+09:00", "leak", 3, "open"],
		["2026-05-06T12:00+09:00", "leak", 3, "closed"],
	];
	// our count
	const want = {};
	for (const [at, kind, level] of rows) {
		const y = new Date(new Date(at).getTime() + 9 * 3600e3).getUTCFullYear();
		want[y] ??= Object.fromEntries(KINDS.map((k) => [k.key, [0, 0, 0, 0]]));
		want[y][kind][level]++;
	}
	const page = await member.get(`/o/${org}/r/incidents`);	// a member of org, not of o
	assert.equal(page.status, 200);
	// before any incident: the links, no count
	let list = await admin.get(`/o/${o}/r/incidents`);
	assert.ok(list.text.includes(`href="/o/${o}/incidents/setup"`) && !list.text.includes('id="counts"'));
	for (const [detected_at, kind, level, status] of rows) {
		const res = await api("POST", `/api/v1/orgs/${o}/incidents`, { kind, level, status, detected_at, summary: `${kind} ${detected_at}` });
		assert.equal(res.status, 201, res.text);
	}
	list = await admin.get(`/o/${o}/r/incidents`);
	assert.equal(list.status, 200);
	const html = list.text;
	assert.ok(html.includes('class="table reg-table"') && html.indexOf('id="counts"') < html.indexOf('class="table reg-table"'), "the counts above the list");
	const years = [...html.matchAll(/<caption>(\d{4})年：種類とレベルごとの件数<\/caption>/g)].map((m) => +m[1]);
	assert.deepEqual(years, Object.keys(want).map(Number).sort((a, b) => b - a), "one table a year, newest first");
	for (const y of years) {
		const at = html.indexOf(`<caption>${y}年：`);
		const table = html.slice(at, html.indexOf("</table>", at));
		const trs = [...table.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => [...m[1].matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((c) => text(c[1]).trim()));
		const body = trs.filter((r) => r.length > 0);
		assert.equal(body.length, KINDS.length + 1, `${y}: a row a kind and the total`);
		const total = [0, 0, 0, 0];
		KINDS.forEach((k, i) => {
			const w = want[y][k.key];
			assert.equal(body[i][0], k.ja);
			assert.deepEqual(body[i].slice(1).map(Number), [...w, w.reduce((a, b) => a + b, 0)], `${y} ${k.key}`);
			w.forEach((n, l) => { total[l] += n; });
		});
		assert.deepEqual(body[KINDS.length].slice(1).map(Number), [...total, total.reduce((a, b) => a + b, 0)], `${y} total`);
	}
	// the boundary, spelled out: 2025 has the 23:30 one, 2026 the 00:30 one
	assert.equal(want[2025].tamper_outage[3], 1);
	assert.equal(want[2026].other[1], 1);
	// a kind's name leads to the list filtered by it
	assert.ok(unescape(html).includes(`href="/o/${o}/r/incidents?kind=malware"`));
});

test("the home: open incidents first, the report deadlines of the coming week, overdue in words", async () => {
	const o = await makeOrg(admin, { name: "期限テスト株式会社" });
	const now = Date.now();
	const at = (daysAgo, hh = "10:00") => `${jday(now, -daysAgo)}T${hh}+09:00`;
	const add = async (b) => {
		const res = await api("POST", `/api/v1/orgs/${o}/incidents`, b);
		assert.equal(res.status, 201, res.text);
		return json(res);
	};
	// 1,200 people, aware 25 days ago: the final report is due on that
	// day + 29 (4 days from today), the preliminary window closed 20 days
	// ago
	const a = await add({ kind: "leak", level: 3, status: "open", summary: "顧客名簿が外部に出た", detected_at: at(25, "09:00"), aware_at: at(25), personal: true, people: 1200 });
	// wrongful intent, aware 2 days ago: preliminary by that day + 5
	// (3 days from today); the final one (+59) is far off
	const b = await add({ kind: "malware", level: 2, status: "contained", summary: "ランサムウェアで共有フォルダが暗号化", detected_at: at(2, "08:00"), aware_at: at(2), personal: true, people: 40, malicious: true });
	// open, nothing to report
	const c = await add({ kind: "fraud", level: 1, summary: "偽の請求書メール", detected_at: at(1) });
	// closed, though its report was due: not on the home
	// (closed with its report not ticked: whoever closes it confirms)
	await add({ kind: "leak", level: 2, status: "closed", summary: "終わった漏えい", detected_at: at(40, "09:00"), aware_at: at(40), personal: true, sensitive: true, people: 3, close_confirmed_by: "admin@example.jp" });

	const awareA = jday(now, -25), awareB = jday(now, -2);
	const finalA = jday(new Date(`${awareA}T12:00+09:00`).getTime(), 29);
	const prelimA = jday(new Date(`${awareA}T12:00+09:00`).getTime(), 5);
	const prelimB = jday(new Date(`${awareB}T12:00+09:00`).getTime(), 5);
	const finalB = jday(new Date(`${awareB}T12:00+09:00`).getTime(), 59);
	assert.equal(finalA, jday(now, 4), "the final deadline falls within 7 days");
	// the API agrees with our dates
	assert.equal(json(await api("GET", `/api/v1/orgs/${o}/incidents/${a.id}/appi`)).final_due, finalA);
	assert.equal(json(await api("GET", `/api/v1/orgs/${o}/incidents/${b.id}/appi`)).preliminary_due.to, prelimB);

	const home = await admin.get(`/o/${o}`);
	assert.equal(home.status, 200);
	const h = home.text;
	const sec = h.slice(h.indexOf('id="incidents"'), h.indexOf("</section>", h.indexOf('id="incidents"')));
	assert.ok(sec.length > 0, "a panel of open incidents");
	assert.ok(h.indexOf('id="incidents"') < h.indexOf('class="cycle"'), "above the map of the cycle");
	assert.ok(h.indexOf('id="incidents"') < h.indexOf("<h1"), "first on the page");
	const st = text(sec);
	assert.ok(st.includes("対応中のインシデント（3件）"), st.slice(0, 200));
	assert.ok(st.includes("期限が7日以内に来るもの、または過ぎているものが2件"));
	assert.ok(!st.includes("終わった漏えい"), "a closed one is not listed");
	for (const r of [a, b, c]) assert.ok(sec.includes(`href="/o/${o}/incidents/${r.id}"`), `a link to ${r.id}`);
	// the two with deadlines first, the nearest first (a: past due)
	assert.ok(sec.indexOf(`/incidents/${a.id}"`) < sec.indexOf(`/incidents/${b.id}"`) && sec.indexOf(`/incidents/${b.id}"`) < sec.indexOf(`/incidents/${c.id}"`), "in order of urgency");
	// a: the preliminary window closed 20 days ago, said in words; the
	// final one 4 days ahead
	assert.ok(st.includes(`速報の期限（目安）：${prelimA} 期限を20日過ぎています`), "overdue in words");
	assert.ok(sec.includes(`data-due="${prelimA}"`) && /class="inc-due overdue"/.test(sec));
	assert.ok(st.includes(`確報の期限：${finalA} あと4日`));
	// b: preliminary in 3 days; its final date is not within the week
	assert.ok(st.includes(`速報の期限（目安）：${prelimB} あと3日`));
	assert.ok(!st.includes(finalB), "a deadline beyond the week is left out");
	// c: listed, no deadline
	const cItem = sec.slice(sec.indexOf(`data-row="${c.id}"`), sec.indexOf("</li>", sec.indexOf(`data-row="${c.id}"`)));
	assert.ok(!cItem.includes("期限"), "nothing to report for c");

	// an organisation with every incident closed shows no panel
	const q = await makeOrg(admin, { name: "平穏株式会社" });
	await api("POST", `/api/v1/orgs/${q}/incidents`, { kind: "other", level: 0, status: "closed", summary: "済んだこと", detected_at: at(3) });
	assert.ok(!(await admin.get(`/o/${q}`)).text.includes('id="incidents"'));
});

test("another organisation's people see none of it", async () => {
	for (const [m, p] of [["GET", `/o/${org}/incidents/setup`], ["GET", `/api/v1/orgs/${org}/incidents-setup`]]) {
		const res = await outsider.req(m, p);
		assert.equal(res.status, 404, `${m} ${p}`);
	}
	const res = await outsider.req("PUT", `/api/v1/orgs/${org}/incidents-setup`, { body: "{}", headers: { "content-type": "application/json", "x-csrf-token": "x" } });
	assert.equal(res.status, 404);
	const page = await outsider.get(`/o/${other}/incidents/setup`);
	assert.equal(page.status, 200, "their own");
	assert.equal((await outsider.post(`/o/${org}/incidents/setup`, { _csrf: csrfOf(page.text), rev: "0" })).status, 404);
	// their own structure is theirs: ours names nobody of theirs
	assert.ok(!page.text.includes("staff@example.jp") && !page.text.includes("サンプル保守"), "our people are not offered there");
});
