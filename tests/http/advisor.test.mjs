// What an advisor sees: an invitation that says what it gives, the list
// of client companies with their figures, download names that carry the
// company and the date, the advisor's comment on a closed round, and the
// note for an instance admin who also runs a company.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer, Client, firstAdmin, makeOrg, csrfOf, cli, unescape } from "./lib.mjs";

const dir = mkdtempSync(join(tmpdir(), "mamori-advisor-"));
let srv, admin;
before(async () => {
	srv = await startServer();
	admin = await firstAdmin(srv);
});
after(async () => {
	await srv?.stop();
	rmSync(dir, { recursive: true, force: true });
});

// An invitation link made by c in org with role.
async function invite(c, org, role) {
	const res = await c.submit(`/o/${org}/members`, `/o/${org}/members`, { role });
	assert.equal(res.status, 200);
	const m = res.text.match(/<code class="secret">([^<]+)<\/code>/);
	assert.ok(m, "no invitation link");
	return new URL(unescape(m[1])).pathname;
}

// Accept an invitation as a new user; returns the signed-in client.
async function accept(path, email) {
	const c = new Client(srv.base);
	const pw = "correct horse battery";
	const res = await c.submit(path, path, { email, password: pw, password2: pw });
	assert.equal(res.status, 303, res.text.slice(0, 300));
	return c;
}

const textOf = (html) => unescape(html.replace(/<[^>]+>/g, " ")).replace(/\s+/g, " ");

test("an invitation says which company, who invited and which role before it is accepted", async () => {
	const org = await makeOrg(admin, { name: "招待テスト <株式会社>" });
	const path = await invite(admin, org, "advisor");
	const page = await new Client(srv.base).get(path);
	assert.equal(page.status, 200);
	const t = textOf(page.text);
	assert.match(t, /招待された会社 招待テスト <株式会社>/);
	assert.match(page.text, /招待テスト &lt;株式会社&gt;/, "the name is escaped");
	assert.match(t, /招待した人 admin@example\.jp/);
	assert.match(t, /あなたの役割 支援者 — 社外の支援者として、この会社の診断を/);
	const en = await new Client(srv.base).get(path, { headers: { cookie: "lang=en" } });
	assert.match(textOf(en.text), /Company 招待テスト <株式会社> Invited by admin@example\.jp Your role Advisor — As an outside advisor/);
	// a member's invitation names its own role
	const mpath = await invite(admin, org, "member");
	assert.match(textOf((await new Client(srv.base).get(mpath)).text), /あなたの役割 メンバー — 診断に答え/);
	// shown again with the facts after a field error
	const bad = await new Client(srv.base).submit(mpath, mpath, { email: "not-an-address", password: "x", password2: "x" });
	assert.equal(bad.status, 422);
	assert.match(textOf(bad.text), /招待された会社 招待テスト <株式会社>/);
	await accept(mpath, "member1@example.jp");
	// a used link is gone
	assert.equal((await new Client(srv.base).get(mpath)).status, 404);
});

// ---- the list of client companies ----

let token;
const bearer = () => {
	token ??= cli(["user", "token", "admin@example.jp", "--db", srv.db]).stdout.trim();
	return { authorization: `Bearer ${token}` };
};
async function api(method, path, body, type = "application/json") {
	const res = await new Client(srv.base).req(method, path, { body, headers: { ...bearer(), "content-type": type } });
	return { status: res.status, json: res.text ? JSON.parse(res.text) : null, text: res.text };
}
const head = "name,role," + Array.from({ length: 25 }, (_, i) => `q${i + 1}`).join(",");
// A round in org with the given answer rows (each 25 answers); closed
// unless open.  Returns its id.
async function roundWith(org, rows, { open = false, title = "第1回" } = {}) {
	const r = await api("POST", `/api/v1/orgs/${org}/rounds`, JSON.stringify({ title }));
	assert.equal(r.status, 201, r.text);
	const csv = head + "\n" + rows.map((a, i) => `R${i},employee,${a.join(",")}`).join("\n") + "\n";
	assert.equal((await api("POST", `/api/v1/rounds/${r.json.id}/answers`, csv, "text/csv")).status, 201);
	if (!open) assert.equal((await api("POST", `/api/v1/rounds/${r.json.id}/close`)).status, 200);
	return r.json.id;
}
async function recordAll(c, org) {
	const page = await c.get(`/o/${org}/security-action`);
	const form = { _csrf: csrfOf(page.text) };
	for (const p of ["updates", "antivirus", "passwords", "sharing", "threats"]) form[`p_${p}`] = "1";
	assert.equal((await c.post(`/o/${org}/security-action`, form)).status, 303);
}
// The edit form's values, as a browser posts them (as policy.test.mjs).
function formValues(html) {
	const v = { _csrf: csrfOf(html) };
	for (const m of html.matchAll(/<input type="(?:text|date|hidden)" [^>]*name="([^"]+)" value="([^"]*)"/g)) v[m[1]] = unescape(m[2]);
	for (const m of html.matchAll(/<input type="(?:text|date)" id="[^"]*" name="([^"]+)"(?! value)/g)) v[m[1]] ??= "";
	for (const m of html.matchAll(/<textarea [^>]*name="([^"]+)"[^>]*>([^<]*)<\/textarea>/g)) v[m[1]] = unescape(m[2]);
	const scope = html.match(/name="scope" value="([a-z]+)" checked/);
	if (scope) v.scope = scope[1];
	return v;
}
async function publishPolicy(c, org, slug) {
	const form = await c.get(`/o/${org}/policy/edit`);
	const v = { ...formValues(form.text), enacted: "2025-04-01", rep_title: "代表取締役", rep_name: "山田 太郎" };
	assert.equal((await c.post(`/o/${org}/policy/edit`, v)).status, 303);
	const page = await c.get(`/o/${org}/policy`);
	assert.equal((await c.post(`/o/${org}/policy/approve`, { _csrf: csrfOf(page.text), version: "1" })).status, 303);
	assert.equal((await c.post(`/o/${org}/policy/publish`, { _csrf: csrfOf(page.text), slug })).status, 303);
}
// The cards of the home page: {id: {name, score, results, open, stars}}.
function cards(html) {
	const out = {};
	for (const m of html.matchAll(/<li class="org-card" data-org="(\d+)">([\s\S]*?)<\/dl>/g)) {
		const li = m[2];
		out[m[1]] = {
			name: unescape(li.match(/class="card-link">([^<]*)</)[1]),
			score: li.match(/class="org-score-num">([^<]*)</)?.[1] ?? null,
			results: li.match(/<a href="([^"]*)" class="org-score"/)?.[1] ?? null,
			open: li.match(/<a href="([^"]*)" class="org-open/)?.[1] ?? null,
			stars: +li.match(/data-stars="(\d)"/)[1],
		};
	}
	return out;
}
const Y = Array(25).fill("yes"), P = Array(25).fill("partly"), N = Array(25).fill("no");

test("the advisor's list shows each company's latest score, an open round and its stars, as their own pages do", async () => {
	const a = await makeOrg(admin, { name: "顧客A株式会社" });
	const path = await invite(admin, a, "advisor");
	const adv = await accept(path, "advisor@example.jp");
	const b = await makeOrg(adv, { name: "顧客B株式会社" });
	const c = await makeOrg(adv, { name: "顧客C株式会社" });
	const d = await makeOrg(adv, { name: "顧客D株式会社" });
	// A: two closed rounds, the later one counts; a third still open
	await roundWith(a, [N, N]);
	const a2 = await roundWith(a, [Y, P, [...Array(12).fill("no"), ...Array(13).fill("unknown")]], { title: "第2回" });
	const a3 = await roundWith(a, [Y], { open: true, title: "第3回" });
	// B: one closed round, every principle, a published policy: two stars
	const b1 = await roundWith(b, [Y, P]);
	await recordAll(adv, b);
	await publishPolicy(admin, b, "kokyaku-b");	// the company's own decision
	// C: every principle, nothing else: one star; D: nothing at all
	await recordAll(adv, c);
	const home = await adv.get("/");
	assert.equal(home.status, 200);
	const k = cards(home.text);
	assert.deepEqual(Object.keys(k).sort(), [a, b, c, d].map(String).sort());
	for (const [id, r] of [[a, a2], [b, b1]]) {
		assert.equal(k[id].results, `/o/${id}/rounds/${r}/results`);
		const res = await adv.get(k[id].results);
		const shown = res.text.match(/class="score-num">([^<]*)</)[1];
		assert.equal(k[id].score, shown, `org ${id}: the list and the results page agree`);
		const j = JSON.parse((await adv.get(`/api/v1/rounds/${r}/results`)).text);
		assert.equal(+k[id].score, j.company_score);
	}
	assert.equal(k[a].open, `/o/${a}/rounds/${a3}`);
	assert.equal(k[b].open, null);
	assert.equal(k[c].score, null);
	assert.match(home.text, /締め切った診断はまだありません/);
	// stars as the SECURITY ACTION page has them
	for (const id of [a, b, c, d]) {
		const s = JSON.parse((await adv.get(`/api/v1/orgs/${id}/security-action`)).text);
		assert.equal(k[id].stars, s.two_star.ready ? 2 : s.one_star.ready ? 1 : 0, `org ${id}`);
	}
	assert.deepEqual([k[a].stars, k[b].stars, k[c].stars, k[d].stars], [0, 2, 1, 0]);
	assert.match(home.text, /★★ 二つ星を宣言できます/);
	// the instance admin sees the same figures for every company
	const all = cards((await admin.get("/")).text);
	for (const id of [a, b, c, d]) assert.deepEqual(all[id], k[id]);
});

test("the list costs one read: 50 more clients do not make it slow", async () => {
	const adv = new Client(srv.base);
	const pw = "correct horse battery";
	assert.equal((await adv.submit("/login", "/login", { email: "advisor@example.jp", password: pw })).status, 303);
	const time = async () => {
		const t = process.hrtime.bigint();
		for (let i = 0; i < 5; i++) assert.equal((await adv.get("/")).status, 200);
		return Number(process.hrtime.bigint() - t) / 5e6;
	};
	const before = await time();
	const advTok = cli(["user", "token", "advisor@example.jp", "--db", srv.db]).stdout.trim();
	for (let i = 0; i < 50; i++) {
		const res = await new Client(srv.base).req("POST", "/api/v1/orgs", { body: JSON.stringify({ name: `顧客${100 + i}`, industry: "E", employees: "e2" }), headers: { authorization: `Bearer ${advTok}`, "content-type": "application/json" } });
		assert.equal(res.status, 201, res.text);
		if (i % 5 === 0) await roundWith(JSON.parse(res.text).id, [Y, P]);
	}
	const after = await time();
	const n = Object.keys(cards((await adv.get("/")).text)).length;
	assert.equal(n, 54);
	console.log(`home: ${before.toFixed(1)} ms with 4 organisations, ${after.toFixed(1)} ms with ${n}`);
	assert.ok(after < 500, `home with ${n} organisations took ${after} ms`);
});

test("an instance admin who also runs a company is told that their access reaches every company", async () => {
	const s2 = await startServer();
	try {
		const adm = await firstAdmin(s2);
		const note = /あなたは mamori 全体の管理者です[\s\S]*すべての会社の診断結果・回答者・基本方針を見たり変えたりできます/;
		assert.doesNotMatch((await adm.get("/")).text, note, "no company of their own yet");
		const own = await makeOrg(adm, { name: "自社株式会社" });
		// a client's company, made by an advisor the admin invited
		const path = new URL(unescape((await adm.submit(`/o/${own}/members`, `/o/${own}/members`, { role: "advisor" })).text.match(/<code class="secret">([^<]+)</)[1])).pathname;
		const adv = new Client(s2.base);
		const pw = "correct horse battery";
		assert.equal((await adv.submit(path, path, { email: "adv@example.jp", password: pw, password2: pw })).status, 303);
		const other = await makeOrg(adv, { name: "他社株式会社" });
		const home = await adm.get("/");
		assert.match(home.text, note);
		assert.match((await adm.get(`/o/${own}`)).text, note);
		const page = await adm.get(`/o/${other}`);
		assert.doesNotMatch(page.text, note);
		assert.match(page.text, /あなたはこの組織のメンバーではありません。mamori 全体の管理者として/);
		// an advisor is not an instance admin: no note
		assert.doesNotMatch((await adv.get("/")).text, note);
		assert.doesNotMatch((await adv.get(`/o/${other}`)).text, /mamori 全体の管理者/);
	} finally {
		await s2.stop();
	}
});

// ---- download names ----

const jstDay = (t = Date.now()) => new Date(t + 9 * 3600e3).toISOString().slice(0, 10);
// The names a Content-Disposition gives, the UTF-8 one decoded as RFC
// 5987/8187 says: charset'language'percent-encoded value-chars.
function dispNames(h) {
	const m = h.match(/^(attachment|inline); filename="([^"\\]*)"; filename\*=([^;\s]+)$/);
	assert.ok(m, `malformed Content-Disposition: ${h}`);
	const ext = m[3].match(/^([A-Za-z0-9!#$%&+^_`{}~-]+)'([A-Za-z0-9-]*)'(.*)$/);
	assert.ok(ext, `malformed ext-value: ${m[3]}`);
	assert.equal(ext[1].toUpperCase(), "UTF-8");
	assert.match(ext[3], /^(?:[A-Za-z0-9!#$&+.^_`|~-]|%[0-9A-F]{2})+$/, "only attr-chars and %XX");
	assert.match(m[2], /^[A-Za-z0-9._-]+$/, "a plain ASCII fallback");
	return { disp: m[1], ascii: m[2], utf8: new TextDecoder("utf-8", { fatal: true }).decode(
		Uint8Array.from(ext[3].match(/%[0-9A-F]{2}|[^%]/g).map((c) => c.length === 3 ? parseInt(c.slice(1), 16) : c.charCodeAt(0)))) };
}
async function head_(c, path) {
	const res = await fetch(srv.base + path, { headers: { cookie: c.cookieHeader() } });
	const body = Buffer.from(await res.arrayBuffer());
	return { status: res.status, disposition: res.headers.get("content-disposition"), body };
}

test("download names carry the company, the round and the day, with an ASCII fallback", async () => {
	const name = 'A "Quote" / Slash\\ さくら 精機  株式会社';
	const org = await makeOrg(admin, { name });
	const round = await roundWith(org, [Y, P], { title: "第1回/春" });
	const day = jstDay();
	for (const f of ["pdf", "xlsx", "csv", "json"]) {
		const res = await head_(admin, `/o/${org}/rounds/${round}/report/${f}`);
		assert.equal(res.status, 200, f);
		const n = dispNames(res.disposition);
		assert.equal(n.disp, "attachment");
		assert.equal(n.ascii, `mamori-round-${round}-${day}.${f}`);
		assert.equal(n.utf8, `mamori-A _Quote_ _ Slash_ さくら 精機 株式会社-第1回_春-${day}.${f}`);
	}
	// a name too long, and one with a mark that turns text around
	const long = await makeOrg(admin, { name: "長".repeat(60) + "\u202Egpj.exe" });
	const lr = await roundWith(long, [Y], { title: "x".repeat(50) });
	const ln = dispNames((await head_(admin, `/o/${long}/rounds/${lr}/report/pdf`)).disposition);
	assert.equal(ln.utf8, `mamori-${"長".repeat(40)}-${"x".repeat(40)}-${day}.pdf`);
	const rlo = await makeOrg(admin, { name: "悪い\u202Egpj.exe" });
	const rr = await roundWith(rlo, [Y]);
	assert.equal(dispNames((await head_(admin, `/o/${rlo}/rounds/${rr}/report/pdf`)).disposition).utf8,
		`mamori-悪い_gpj.exe-第1回-${day}.pdf`);
	// the policy PDF, inside the organisation and on its public address
	await publishPolicy(admin, org, "quote-slash");
	for (const path of [`/o/${org}/policy/pdf`, "/p/quote-slash/policy.pdf"]) {
		const res = await head_(path.startsWith("/p/") ? new Client(srv.base) : admin, path);
		assert.equal(res.status, 200, path);
		assert.equal(res.body.subarray(0, 5).toString(), "%PDF-");
		const n = dispNames(res.disposition);
		assert.equal(n.disp, "inline");
		assert.equal(n.ascii, `mamori-policy-v1-${day}.pdf`);
		assert.equal(n.utf8, `mamori-A _Quote_ _ Slash_ さくら 精機 株式会社-基本方針-v1-${day}.pdf`);
	}
});

// ---- the advisor's comment ----

test("an advisor writes a comment on a closed round: on the results page, in the PDF and the workbook, audited", async () => {
	const org = await makeOrg(admin, { name: "コメント株式会社" });
	const path = await invite(admin, org, "advisor");
	const adv = await accept(path, "commenter@example.jp");
	const mpath = await invite(admin, org, "member");
	const member = await accept(mpath, "reader@example.jp");
	const open = await roundWith(org, [Y], { open: true, title: "受付中" });
	const round = await roundWith(org, [Y, P], { title: "第1回" });
	const R = `/o/${org}/rounds/${round}`;
	// no comment yet: the advisor gets the form, a member nothing
	let page = await adv.get(`${R}/results`);
	assert.match(page.text, /<h2>支援者からのコメント<\/h2>/);
	assert.match(page.text, /<textarea[^>]*name="comment"/);
	assert.doesNotMatch((await member.get(`${R}/results`)).text, /支援者からのコメント/);
	// too long: the field says so and keeps the text; nothing is saved
	const long = "あ".repeat(2001);
	let res = await adv.post(`${R}/comment`, { _csrf: csrfOf(page.text), comment: long });
	assert.equal(res.status, 422);
	assert.match(res.text, /<p class="field-msg" id="e-comment">[^<]*2000[^<]*2001/);
	assert.match(res.text, new RegExp(`>${long}</textarea>`));
	assert.doesNotMatch((await member.get(`${R}/results`)).text, /支援者からのコメント/);
	// a member may not write one
	res = await member.post(`${R}/comment`, { _csrf: csrfOf(page.text), comment: "x" });
	assert.equal(res.status, 403);
	// an open round takes none
	const po = await adv.get(`/o/${org}/rounds/${open}/results`);
	res = await adv.post(`/o/${org}/rounds/${open}/comment`, { _csrf: csrfOf(po.text), comment: "まだ早い" });
	assert.equal(res.status, 409);
	assert.match(res.text, /コメントは、診断を締め切ってから書けます。/);
	// written, with a line break sent as CR LF (2000 characters exactly is fine)
	const text = "パスワードの使い回しをまずやめましょう。\r\n次回は <b>3か月後</b> に & 確認します。";
	res = await adv.post(`${R}/comment`, { _csrf: csrfOf(page.text), comment: text });
	assert.equal(res.status, 303);
	assert.equal(res.location, `${R}/results?saved=comment#comment`);
	const want = text.replace("\r\n", "\n");
	for (const c of [adv, member]) {
		page = await c.get(`${R}/results`);
		assert.match(page.text, /<p class="comment-body">パスワードの使い回しをまずやめましょう。\n次回は &lt;b&gt;3か月後&lt;\/b&gt; に &amp; 確認します。<\/p>/);
		assert.match(page.text, /commenter@example\.jp · /);
	}
	assert.doesNotMatch((await member.get(`${R}/results`)).text, /name="comment"/, "members read, never write");
	// near the summary: after the score, before the comparison
	const at = (s) => page.text.indexOf(s);
	assert.ok(at('class="score-num"') < at("支援者からのコメント") && at("支援者からのコメント") < at("同じような会社との比較"));
	// the PDF: a section near the summary
	const pdf = await fetch(srv.base + `${R}/report/pdf`, { headers: { cookie: member.cookieHeader() } });
	assert.equal(pdf.status, 200);
	const pf = join(dir, "c.pdf");
	writeFileSync(pf, Buffer.from(await pdf.arrayBuffer()));
	const pt = execFileSync("pdftotext", ["-layout", pf, "-"], { encoding: "utf8" });
	assert.ok(pt.includes("支援者からのコメント"), "PDF heading");
	assert.ok(pt.includes("パスワードの使い回しをまずやめましょう。"));
	assert.ok(pt.includes("次回は <b>3か月後</b> に & 確認します。"));
	assert.ok(pt.indexOf("支援者からのコメント") < pt.indexOf("分野ごとの点数"), "in the summary, before the parts");
	// the workbook: on the summary sheet
	const xl = await fetch(srv.base + `${R}/report/xlsx`, { headers: { cookie: member.cookieHeader() } });
	const xf = join(dir, "c.xlsx");
	writeFileSync(xf, Buffer.from(await xl.arrayBuffer()));
	const strings = execFileSync("unzip", ["-p", xf, "xl/sharedStrings.xml"], { encoding: "utf8" });
	assert.ok(strings.includes("支援者からのコメント"));
	assert.ok(strings.includes("パスワードの使い回しをまずやめましょう。"));
	assert.ok(strings.includes("次回は &lt;b&gt;3か月後&lt;/b&gt; に &amp; 確認します。"));
	// audited, in the organisation's log
	const log = await admin.get(`/o/${org}/audit`);
	assert.match(log.text, /<td[^>]*>診断へのコメントを書きました<\/td><td[^>]*>commenter@example\.jp<\/td><td[^>]*>診断 No\.\d+<\/td>/);
	// emptied: removed from the page and the report
	page = await adv.get(`${R}/results`);
	assert.equal((await adv.post(`${R}/comment`, { _csrf: csrfOf(page.text), comment: "  " })).status, 303);
	assert.doesNotMatch((await member.get(`${R}/results`)).text, /支援者からのコメント/);
	// the org admin may write one too
	page = await admin.get(`${R}/results`);
	assert.equal((await admin.post(`${R}/comment`, { _csrf: csrfOf(page.text), comment: "管理者より" })).status, 303);
	assert.match((await member.get(`${R}/results`)).text, /<p class="comment-body">管理者より<\/p>/);
});
