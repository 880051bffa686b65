// An incident's own page, /o/{org}/incidents/{id}: the header with the
// level's meaning and its "report at once"; the work log (and no entry on
// a closed incident, on the page and through the API); the playbook of the
// incident's kind ticked and unticked (a step of another kind's playbook
// refused, on the page and through the API); the personal-data report
// clock — both deadlines and their countdown in Japan days, each checked
// against this test's own computation for a known moment of awareness —,
// the report's items filled or still empty, the reasons in words when no
// report is due; the lessons learned saved at their rev and turned into
// plan rows with source incident:N; closing while the report is due and
// not ticked asks first and records who confirmed; stale saves never
// overwrite; another organisation sees nothing.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, firstAdmin, makeOrg, csrfOf, unescape, inviteUser } from "./lib.mjs";

let srv, admin, member, org, other, auth;
before(async () => {
	srv = await startServer();
	admin = await firstAdmin(srv);
	org = await makeOrg(admin);
	other = await makeOrg(admin, { name: "別会社" });
	const page = await admin.get("/account");
	const tok = await admin.post("/account/token", { _csrf: csrfOf(page.text) });
	auth = { authorization: "Bearer " + tok.text.match(/<code class="secret">([^<]+)<\/code>/)[1] };
	member = await inviteUser(admin, srv, org, "member@example.jp", "member");
});
after(async () => {
	if (!srv) return;
	await srv.stop();
	assert.doesNotMatch(srv.stderr(), /ERROR: (Address|Leak)Sanitizer|runtime error:/, "sanitizer report");
});

const api = (m, p, body) => admin.req(m, p, {
	body: body === undefined ? undefined : JSON.stringify(body),
	headers: { ...auth, "content-type": "application/json" },
});
const json = (res) => JSON.parse(res.text);
const page = (id, o = org) => `/o/${o}/incidents/${id}`;

// Post fields (arrays repeat a name) to action with the CSRF token of the
// page at `from`.
async function post(c, from, action, fields) {
	const p = await c.get(from);
	const pairs = [["_csrf", csrfOf(p.text) ?? ""]];
	for (const [k, v] of Object.entries(fields))
		for (const x of Array.isArray(v) ? v : [v]) pairs.push([k, String(x)]);
	return c.post(action, pairs);
}

// Days in Japan, as the law counts them: the day of an ISO moment plus n.
function jday(iso, n = 0) {
	const t = new Date(new Date(iso).getTime() + 9 * 3600e3);
	return new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate() + n)).toISOString().slice(0, 10);
}
const todayJ = () => new Date(Date.now() + 9 * 3600e3).toISOString().slice(0, 10);
const between = (a, b) => Math.round((Date.parse(b) - Date.parse(a)) / 86400e3);
// A countdown as the page words it (Japanese, the admin's language).
const words = (left) => left > 0 ? `あと${left}日` : left === 0 ? "今日まで" : `${-left}日過ぎています`;
// GET a page whose figures depend on today, with the day it was made
// (again when midnight in Japan fell between).
async function dated(c, path) {
	for (;;) {
		const d0 = todayJ();
		const res = await c.get(path);
		if (todayJ() === d0) return { res, today: d0, html: unescape(res.text) };
	}
}

// The pack's malware playbook and fraud's, in order (content/incidents.yaml).
const MALWARE = ["start_log", "disconnect", "call_admin", "update", "scan", "remove", "rescan", "report_admin", "consider_ipa", "normal"];
const LEVEL3 = "広い範囲でシステムが止まっている、情報が外に出たことが確かになった、身代金を求められている、またはお客様や取引先に被害が及んでいる状態です。";

async function incident(body) {
	const res = await api("POST", `/api/v1/orgs/${org}/incidents`, body);
	assert.equal(res.status, 201, res.text);
	return json(res);
}

let ransom;	// a malware incident: 1,200 people's data, unauthorised access
const AWARE = "2026-10-01T10:30+09:00";
test("the page: kind, the level's meaning and whom to tell at once, status, moments, summary, an edit link; the list links to it", async () => {
	ransom = await incident({ kind: "malware", level: 3, status: "open", summary: "全社のファイルが暗号化され、<b>身代金</b>を求める画面が出た", detected_at: "2026-10-01T09:05+09:00", aware_at: AWARE, found_by: "経理 田中", personal: true, people: 1200, malicious: true });
	const res = await admin.get(page(ransom.id));
	assert.equal(res.status, 200);
	// every user byte escaped
	assert.match(res.text, /&lt;b&gt;身代金&lt;\/b&gt;/);
	assert.doesNotMatch(res.text, /<b>身代金/);
	const html = unescape(res.text);
	assert.match(html, /<h1[^>]*>インシデント No\.\d+：ウイルス感染<\/h1>/);
	assert.match(html, /data-f="kind" data-key="malware"/);
	assert.match(html, /data-f="level" data-value="3"><strong>レベル3：重大<\/strong>/);
	assert.ok(html.includes(LEVEL3));
	// level 3 goes to the top responsible person, at once
	assert.match(html, /class="panel panel-danger report-now"[\s\S]*?ただちに最高責任者に知らせてください。/);
	// nobody named yet: says so and leads to the structure
	assert.match(html, new RegExp(`<p class="report-to" data-role="top">この役割の担当者がまだ決まっていません。 <a href="/o/${org}/incidents/setup">`));
	assert.match(html, /data-f="status" data-key="open"><span class="tag tag-open">対応中<\/span>/);
	assert.match(html, /data-f="detected_at"[^>]*>2026年10月1日 09:05</);
	assert.match(html, /data-f="aware_at"[^>]*>2026年10月1日 10:30</);
	assert.match(html, new RegExp(`href="/o/${org}/r/incidents/${ransom.id}/edit"`));
	// the log comes before the playbook, which comes before the clock
	const at = (id) => html.indexOf(`id="${id}"`);
	assert.ok(at("log") > 0 && at("log") < at("playbook") && at("playbook") < at("appi") && at("appi") < at("lessons") && at("lessons") < at("status"));
	// once the organisation names its top person (a contact), the header
	// gives that person's name and a number to dial; a level the
	// organisation gives to its lead names the lead
	const boss = json(await api("POST", `/api/v1/orgs/${org}/contacts`, { target: "other", owner: "社長", company: "本社", person: "山田", phone: "03-1234-5678" }));
	const setup = json(await api("GET", `/api/v1/orgs/${org}/incidents-setup`));
	let res2 = await api("PUT", `/api/v1/orgs/${org}/incidents-setup`, { rev: setup.rev, top: `contact:${boss.id}`, levels: ["first", "lead", "lead", "top"] });
	assert.equal(res2.status, 200, res2.text);
	let h2 = unescape((await admin.get(page(ransom.id))).text);
	assert.match(h2, /<p class="report-to" data-role="top"><strong>本社 山田<\/strong> <a href="tel:0312345678">03-1234-5678<\/a><\/p>/);
	res2 = await api("PUT", `/api/v1/orgs/${org}/incidents-setup`, { rev: setup.rev + 1, top: `contact:${boss.id}`, levels: ["first", "lead", "lead", "lead"] });
	assert.equal(res2.status, 200, res2.text);
	h2 = unescape((await admin.get(page(ransom.id))).text);
	assert.match(h2, /ただちに対応責任者に知らせてください。[\s\S]*?<p class="report-to" data-role="lead">この役割の担当者がまだ決まっていません。/);
	// the organisation's own words for a level replace the pack's
	res2 = await api("PUT", `/api/v1/orgs/${org}/incidents-setup`, { rev: setup.rev + 2, top: `contact:${boss.id}`, levels: ["first", "lead", "lead", "top"], definitions: [null, null, null, "工場のラインが止まった状態。"] });
	assert.equal(res2.status, 200, res2.text);
	h2 = unescape((await admin.get(page(ransom.id))).text);
	assert.match(h2, /<strong>レベル3：重大<\/strong><small class="meaning">工場のラインが止まった状態。<\/small>/);
	// level 0 says nothing of reporting at once
	const calm = await incident({ kind: "other", level: 0, summary: "怪しいメールを開かずに消した", detected_at: "2026-09-20T08:00+09:00" });
	assert.doesNotMatch(unescape((await admin.get(page(calm.id))).text), /report-now/);
	// the list: open ones, each linking to its page; the register's row page links too
	const list = unescape((await admin.get(`/o/${org}/incidents`)).text);
	assert.match(list, new RegExp(`<ul class="cards" id="open">[\\s\\S]*href="/o/${org}/incidents/${ransom.id}"`));
	// the latest detected first
	assert.deepEqual([...list.matchAll(/<li data-incident="(\d+)">/g)].map((m) => +m[1]), [ransom.id, calm.id]);
	assert.match(unescape((await admin.get(`/o/${org}/r/incidents/${ransom.id}`)).text), new RegExp(`href="/o/${org}/incidents/${ransom.id}"`));
	// the incidents tab now leads to the list
	assert.match(list, new RegExp(`<a href="/o/${org}/incidents" aria-current="page">インシデント</a>`));
	// on a phone the tabs fold under one line naming where you are
	assert.match(list, /<details class="subnav-fold"><summary><span class="subnav-menu">メニュー<\/span><strong>インシデント<\/strong><\/summary><nav class="subnav-list"/);
});

test("the work log: an entry from the page, a refused one kept with its reasons, one through the API, in order of time", async () => {
	const from = page(ransom.id), action = `${from}/log`;
	let res = await post(admin, from, action, { at: "2026-10-01T09:10", who: "経理 田中", what: "画面の写真を撮り、LANケーブルを抜いた", evidence: "写真3枚（共有フォルダー /incident/1）" });
	assert.equal(res.status, 303, res.text.slice(0, 500));
	assert.match(res.location, /\?logged=1#log$/);
	// what is required; a moment ahead of now is refused; the rest kept
	res = await post(admin, from, action, { at: "2999-01-01T00:00", who: "総務 佐藤", what: "", evidence: "ログの写し" });
	assert.equal(res.status, 422);
	let html = unescape(res.text);
	assert.match(html, /<div class="field field-error"><label for="f-at">[\s\S]*?今日より後の日付にはできません。/);
	assert.match(html, /<div class="field field-error"><label for="f-what">[\s\S]*?入力してください。/);
	assert.match(html, /name="who" value="総務 佐藤"/);
	assert.match(html, /<textarea[^>]*name="evidence"[^>]*>ログの写し<\/textarea>/);
	// through the API, earlier in the day: it comes first
	res = await api("POST", `/api/v1/orgs/${org}/incident_log`, { incident: ransom.id, at: "2026-10-01T09:06+09:00", what: "身代金を求める画面に気づいた" });
	assert.equal(res.status, 201, res.text);
	html = unescape((await admin.get(from)).text);
	const whats = [...html.matchAll(/<tr data-entry="\d+">[\s\S]*?<\/tr>/g)].map((m) => m[0]);
	assert.equal(whats.length, 2);
	assert.match(whats[0], /2026年10月1日 09:06[\s\S]*身代金を求める画面に気づいた/);
	assert.match(whats[1], /2026年10月1日 09:10[\s\S]*経理 田中[\s\S]*LANケーブルを抜いた[\s\S]*写真3枚/);
	// an incident of this organisation only
	res = await api("POST", `/api/v1/orgs/${other}/incident_log`, { incident: ransom.id, at: "2026-10-01T09:06+09:00", what: "x" });
	assert.equal(res.status, 422);
	assert.ok(json(res).errors.some((e) => e.field === "incident" && e.code === "no_such_row"));
});

test("the playbook: the kind's steps in order with phase and role, the hand-over list; ticks from the page and the API; another kind's step refused; untick asks first", async () => {
	const from = page(ransom.id);
	let html = unescape((await admin.get(from)).text);
	assert.deepEqual([...html.matchAll(/<li class="step[^"]*" data-step="([a-z_]+)"/g)].map((m) => m[1]), MALWARE);
	assert.match(html, /data-step="disconnect" data-done="0"><p class="meta">確かめる・判断する・広がりを止める · <span class="tag">発見者<\/span>/);
	assert.equal([...html.matchAll(/<ul class="handover">([\s\S]*?)<\/ul>/g)][0][1].match(/<li>/g).length, 6);
	assert.match(html, /<p class="progress-text" id="playbook-count">10の手順のうち0が済んでいます。<\/p>/);
	// tick "disconnect" at a given time by a given person
	let res = await post(admin, from, `${from}/steps`, { step: "disconnect", "done_at.disconnect": "2026-10-01T09:12", "by.disconnect": "経理 田中", "note.disconnect": "Wi-Fiも切った" });
	assert.equal(res.status, 303, res.text.slice(0, 400));
	// "start_log" now, by whoever ticks
	res = await post(admin, from, `${from}/steps`, { step: "start_log" });
	assert.equal(res.status, 303);
	html = unescape((await admin.get(from)).text);
	assert.match(html, /data-step="disconnect" data-done="1">[\s\S]*?<strong>済<\/strong> · <time>2026年10月1日 09:12<\/time> · 経理 田中[\s\S]*?Wi-Fiも切った/);
	assert.match(html, /data-step="start_log" data-done="1">[\s\S]*?admin@example\.jp/);
	assert.match(html, /10の手順のうち2が済んでいます。/);
	// a step of the fraud playbook: refused with its reason, on the page…
	res = await post(admin, from, `${from}/steps`, { step: "hold_payment" });
	assert.equal(res.status, 422);
	assert.match(unescape(res.text), /手順「hold_payment」はチェックできません：このインシデントの種類の手順にはない手順です。/);
	// …and through the API, as a field error
	res = await api("POST", `/api/v1/orgs/${org}/incident_steps`, { incident: ransom.id, step: "hold_payment", done_at: "2026-10-01T09:30+09:00" });
	assert.equal(res.status, 422);
	assert.deepEqual(json(res).errors.map((e) => [e.field, e.code]), [["step", "not_in_playbook"]]);
	// the same step twice, or a moment ahead: refused
	res = await api("POST", `/api/v1/orgs/${org}/incident_steps`, { incident: ransom.id, step: "disconnect", done_at: "2026-10-01T09:30+09:00" });
	assert.deepEqual(json(res).errors.map((e) => [e.field, e.code]), [["step", "taken"]]);
	res = await post(admin, from, `${from}/steps`, { step: "scan", "done_at.scan": "2999-01-01T00:00", "note.scan": "残す" });
	assert.equal(res.status, 422);
	html = unescape(res.text);
	assert.match(html, /data-step="scan"[\s\S]*?<details class="tick-more" open="">[\s\S]*?今日より後の日付にはできません。/);
	assert.match(html, /name="note\.scan" value="残す"/);
	// through the API, a step of its own playbook
	res = await api("POST", `/api/v1/orgs/${org}/incident_steps`, { incident: ransom.id, step: "call_admin", done_at: "2026-10-01T09:15+09:00", by: "経理 田中" });
	assert.equal(res.status, 201, res.text);
	// untick: asks first, then takes it back
	html = unescape((await admin.get(from)).text);
	const del = html.match(/data-step="call_admin"[\s\S]*?<form method="post" action="([^"]+\/delete)"/)[1];
	res = await post(admin, from, del, {});
	assert.equal(res.status, 200);
	assert.match(unescape(res.text), /この手順のチェックを外しますか？/);
	const rev = unescape(res.text).match(/name="rev" value="(\d+)"/)[1];
	res = await post(admin, from, del, { confirm: "1", rev });
	assert.equal(res.status, 303);
	assert.match(unescape((await admin.get(from)).text), /data-step="call_admin" data-done="0"/);
	// a tick of another incident is not this one's
	const sid = del.match(/steps\/(\d+)\/delete/)[1];
	const calm = json(await api("GET", `/api/v1/orgs/${org}/incidents`)).rows.find((r) => r.kind === "other");
	assert.equal((await post(admin, from, `${page(calm.id)}/steps/${sid}/delete`, {})).status, 404);
});

test("the report clock: both deadlines and their countdown against the test's own days; the reasons in words; notify the people; mamori does not file it", async () => {
	const { html, today } = await dated(admin, page(ransom.id));
	// aware 2026-10-01: preliminary 3–5 days after, final day 60 (wrongful intent)
	const from = jday(AWARE, 3), to = jday(AWARE, 5), fin = jday(AWARE, 59);
	assert.deepEqual([from, to, fin], ["2026-10-04", "2026-10-06", "2026-11-29"]);
	const pre = html.match(/<tr data-due="preliminary" data-from="([\d-]+)" data-to="([\d-]+)" data-days="(-?\d+)">([\s\S]*?)<\/tr>/);
	assert.deepEqual([pre[1], pre[2], +pre[3]], [from, to, between(today, to)]);
	assert.ok(pre[4].includes(`${from}〜${to}`));
	assert.ok(pre[4].includes(words(between(today, to))), pre[4]);
	const f = html.match(/<tr data-due="final" data-to="([\d-]+)" data-days="(-?\d+)">([\s\S]*?)<\/tr>/);
	assert.deepEqual([f[1], +f[2]], [fin, between(today, fin)]);
	assert.ok(f[3].includes(words(between(today, fin))), f[3]);
	// the reasons, in order: wrongful intent, more than 1,000 people
	assert.deepEqual([...html.matchAll(/<li data-reason="([a-z_0-9]+)">/g)].map((m) => m[1]), ["malicious", "over_1000"]);
	assert.match(html, /不正な目的によるおそれがある/);
	assert.match(html, new RegExp(`会社として把握した日（2026-10-01）を1日目として数えています。今日は${today}です`));
	assert.match(html, /本人にも知らせます/);
	assert.match(html, /mamoriは報告を代わりに出しません。/);
	assert.match(html, /id="ppc-tick">個人情報保護委員会への報告は、まだ済んだ印がありません/);
	// the same dates as the API's
	const a = json(await api("GET", `/api/v1/orgs/${org}/incidents/${ransom.id}/appi`));
	assert.deepEqual(a.preliminary_due, { from, to });
	assert.equal(a.final_due, fin);
	// the deadline near the top, and in the list
	const list = unescape((await admin.get(`/o/${org}/incidents`)).text);
	assert.match(list, new RegExp(`data-incident="${ransom.id}"[\\s\\S]*?確報の期限 ${fin}（${words(between(today, fin))}）`));

	// sensitive data only: 30 days; no awareness recorded: counted from detection
	const sens = await incident({ kind: "leak", level: 2, summary: "健診結果の紛失", detected_at: "2026-11-20T17:00+09:00", personal: true, people: 3, sensitive: true });
	const s = await dated(admin, page(sens.id));
	const sf = s.html.match(/<tr data-due="final" data-to="([\d-]+)" data-days="(-?\d+)">/);
	assert.deepEqual([sf[1], +sf[2]], [jday("2026-11-20T17:00+09:00", 29), between(s.today, jday("2026-11-20T17:00+09:00", 29))]);
	assert.equal(sf[1], "2026-12-19");
	assert.match(s.html, /会社として把握した日時がまだ記録されていないので、見つけた日（2026-11-20）から数えています。/);

	// aware yesterday: the window is still ahead
	const y = new Date(Date.now() - 86400e3);
	const iso = y.toISOString().slice(0, 16) + "Z";
	const soon = await incident({ kind: "leak", level: 2, summary: "カード番号の流出のおそれ", detected_at: iso, aware_at: iso, personal: true, people: 40, financial: true });
	const n = await dated(admin, page(soon.id));
	const np = n.html.match(/<tr data-due="preliminary" data-from="([\d-]+)" data-to="([\d-]+)" data-days="(-?\d+)">([\s\S]*?)<\/tr>/);
	assert.deepEqual([np[1], np[2], +np[3]], [jday(iso, 3), jday(iso, 5), between(n.today, jday(iso, 5))]);
	assert.ok(np[4].includes(`あと${between(n.today, jday(iso, 5))}日（目安の始まりは${between(n.today, jday(iso, 3))}日後）`), np[4]);
	const nf = n.html.match(/<tr data-due="final" data-to="([\d-]+)" data-days="(-?\d+)">/);
	assert.deepEqual([nf[1], +nf[2]], [jday(iso, 29), between(n.today, jday(iso, 29))]);
	await api("DELETE", `/api/v1/orgs/${org}/incidents/${soon.id}`, { rev: 1 });
});

test("no report due: why not, in plain words", async () => {
	const cases = [
		[{ personal: false }, "no_personal", /個人データが関わる、という印がありません。/],
		[{ personal: true, people: 5000, sensitive: true, encrypted: true }, "encrypted", /強い暗号化で守られていた、と記録されています。[\s\S]*高度な暗号化などで守られていた個人データは/],
		[{ personal: true, people: 1000 }, "no_reason", /次の4つのどれにも当たりません。[\s\S]*本人の数が1,000人を超える/],
		[{ personal: true }, "no_reason", /関わる人数がまだ記録されていません。1000人を超えるなら、報告が必要です。/],
	];
	for (const [facts, why, text] of cases) {
		const row = await incident({ kind: "leak", level: 1, summary: "USBメモリの紛失", detected_at: "2026-11-01T12:00+09:00", ...facts });
		const html = unescape((await admin.get(page(row.id))).text);
		assert.match(html, new RegExp(`class="panel appi-none" data-why="${why}"`), JSON.stringify(facts));
		assert.match(html, text);
		assert.doesNotMatch(html, /data-due=/);
		assert.match(html, /mamoriは報告を代わりに出しません。/);
	}
});

test("the report's items: filled from the incident, or still empty; the incident's own fields fill them once written", async () => {
	let html = unescape((await admin.get(page(ransom.id))).text);
	const item = (k) => html.match(new RegExp(`<tr data-item="${k}" data-state="([a-z]+)">([\\s\\S]*?)</tr>`));
	assert.equal(item("summary")[1], "filled");
	assert.match(item("summary")[2], /全社のファイルが暗号化され[\s\S]*発見した日<\/span>：2026-10-01[\s\S]*会社が把握した日<\/span>：2026-10-01/);
	assert.equal(item("people")[1], "filled");
	assert.match(item("people")[2], /1,200人/);
	for (const k of ["data_items", "cause", "secondary", "people_response", "publication", "prevention", "other"]) {
		assert.equal(item(k)[1], "empty", k);
		assert.match(item(k)[2], /まだ空欄/);
	}
	// written in the incident (a PUT of the whole row at its rev)
	const cur = json(await api("GET", `/api/v1/orgs/${org}/incidents/${ransom.id}`));
	const body = { ...cur, data_items: "氏名、住所、電話番号", cause: "VPN機器の脆弱性を突かれた", note: "保険会社に連絡済み" };
	for (const k of ["id", "created_at", "updated_at", "updated_by", "report_required", "close_confirmed_by_name"]) delete body[k];
	const res = await api("PUT", `/api/v1/orgs/${org}/incidents/${ransom.id}`, body);
	assert.equal(res.status, 200, res.text);
	html = unescape((await admin.get(page(ransom.id))).text);
	assert.equal(item("data_items")[1], "filled");
	assert.match(item("data_items")[2], /氏名、住所、電話番号/);
	assert.match(item("cause")[2], /VPN機器の脆弱性を突かれた/);
	assert.match(item("other")[2], /保険会社に連絡済み/);
	assert.equal(item("secondary")[1], "empty");
});

test("lessons learned: saved at their rev (a stale save keeps the text), one row per incident, answers into the plan as incident:N", async () => {
	const from = page(ransom.id), action = `${from}/lessons`;
	let html = unescape((await admin.get(from)).text);
	assert.equal([...html.matchAll(/<textarea[^>]*name="l\.([a-z_]+)"/g)].length, 7);
	let res = await post(admin, from, action, { rev: 0, "l.what_when": "10/1 9:05 画面に気づく。9:10 LANを抜く。", "l.prevent": "VPN機器を更新し、多要素認証にする", "l.tools": "ログを90日残す仕組み" });
	assert.equal(res.status, 303, res.text.slice(0, 300));
	// someone who opened the form before that save
	res = await post(admin, from, action, { rev: 0, "l.what_when": "別の人の書いた経過", "l.prevent": "" });
	assert.equal(res.status, 409);
	html = unescape(res.text);
	assert.match(html, /ほかの人が振り返りを保存しました/);
	assert.match(html, /<textarea[^>]*name="l\.what_when"[^>]*>別の人の書いた経過<\/textarea>/);
	assert.match(html, /ほかの人が保存した文：10\/1 9:05 画面に気づく。/);
	// the stored answers were not overwritten
	const rows = json(await api("GET", `/api/v1/orgs/${org}/incident_lessons`)).rows;
	assert.equal(rows.length, 1);
	assert.equal(rows[0].what_when, "10/1 9:05 画面に気づく。9:10 LANを抜く。");
	// a second row for the same incident: refused
	res = await api("POST", `/api/v1/orgs/${org}/incident_lessons`, { incident: ransom.id, coping: "x" });
	assert.deepEqual(json(res).errors.map((e) => [e.field, e.code]), [["incident", "taken"]]);
	// the prevention item of the report is filled from the sixth answer
	html = unescape((await admin.get(from)).text);
	assert.match(html, /<tr data-item="prevention" data-state="filled">[\s\S]*?VPN機器を更新し、多要素認証にする/);
	// drafts: the answers but the first ticked; none picked is refused
	assert.deepEqual([...html.matchAll(/<li class="proposal" data-lesson="([a-z_]+)">[\s\S]*?<input type="checkbox" name="pick" value="\1"( checked)?/g)].map((m) => [m[1], !!m[2]]),
		[["what_when", false], ["prevent", true], ["tools", true]]);
	res = await post(admin, from, `${from}/plan`, {});
	assert.equal(res.status, 422);
	assert.match(unescape(res.text), /計画に入れる答えを1つ以上選んでください。/);
	res = await post(admin, from, `${from}/plan`, { pick: ["prevent", "tools"], "area.prevent": "technical", "measure.prevent": "VPN機器を最新にし、多要素認証を入れる", "area.tools": "technical", "measure.tools": "ログを90日残す" });
	assert.equal(res.status, 303, res.text.slice(0, 300));
	assert.match(res.location, /\?planned=2#drafts$/);
	const plan = json(await api("GET", `/api/v1/orgs/${org}/plan`)).rows.filter((r) => r.source === `incident:${ransom.id}`);
	assert.deepEqual(plan.map((r) => [r.area, r.measure, r.status]).sort(), [["technical", "VPN機器を最新にし、多要素認証を入れる", "todo"], ["technical", "ログを90日残す", "todo"]]);
	assert.ok(plan.every((r) => r.current.startsWith(`インシデント No.${ransom.id} の振り返り：`)));
	html = unescape((await admin.get(from)).text);
	assert.match(html, /2つの答えは、もう計画に入っています。/);
	assert.deepEqual([...html.matchAll(/<li class="proposal" data-lesson="([a-z_]+)">/g)].map((m) => m[1]), ["what_when"]);
	// the plan's source takes incident:N, nothing else of the kind
	for (const [source, status] of [[`incident:${ransom.id}`, 201], ["incident:0", 422], ["incident:x", 422], ["incidents:3", 422]]) {
		res = await api("POST", `/api/v1/orgs/${org}/plan`, { area: "human", measure: `出どころ ${source}`, source });
		assert.equal(res.status, status, `${source}: ${res.text}`);
	}
});

test("closing while the Commission's report is due and not ticked asks first and records who confirmed; stale status never overwrites; a closed incident takes no log entry nor tick", async () => {
	const from = page(ransom.id), action = `${from}/status`;
	let html = unescape((await admin.get(from)).text);
	const rev = +html.match(/<form method="post" action="[^"]+\/status">[\s\S]*?name="rev" value="(\d+)"/)[1];
	// a status form opened before someone else's change: 409, nothing stored
	let res = await post(admin, from, action, { status: "contained", rev: rev - 1 });
	assert.equal(res.status, 409);
	assert.match(unescape(res.text), /ほかの人がこのインシデントを変えました。何も上書きしていません。いまの状況は「対応中」です。/);
	// closing asks, with a checkbox
	res = await post(admin, from, action, { status: "closed", rev });
	assert.equal(res.status, 200);
	html = unescape(res.text);
	assert.match(html, /報告が済まないまま終了にしますか？/);
	assert.match(html, /name="confirm_unreported" value="1"/);
	assert.equal(json(await api("GET", `/api/v1/orgs/${org}/incidents/${ransom.id}`)).status, "open");
	// sent without the box ticked: the error beside it
	res = await post(admin, from, action, { status: "closed", rev, asked: "1" });
	assert.equal(res.status, 422);
	assert.match(unescape(res.text), /<div class="field field-error"><p class="field-msg" id="e-confirm_unreported">終了にするには、このチェックをつけてください。/);
	res = await post(admin, from, action, { status: "closed", rev, asked: "1", confirm_unreported: "1" });
	assert.equal(res.status, 303, res.text.slice(0, 400));
	const row = json(await api("GET", `/api/v1/orgs/${org}/incidents/${ransom.id}`));
	assert.equal(row.status, "closed");
	assert.equal(row.close_confirmed_by_name, "admin@example.jp");
	assert.equal(row.rev, rev + 1);
	html = unescape((await admin.get(from)).text);
	assert.match(html, /id="close-confirmed">個人情報保護委員会への報告が済んだ印のないまま終了しました。確認した人：admin@example\.jp/);
	// the row's history keeps who saved it
	assert.match(unescape((await admin.get(`/o/${org}/r/incidents/${ransom.id}`)).text), /data-op="edit" data-rev="\d+">[\s\S]*?admin@example\.jp/);
	// a closed incident: no log form, no tick forms; the API refuses too
	assert.doesNotMatch(html, /action="[^"]+\/log"/);
	assert.doesNotMatch(html, /action="[^"]+\/steps"/);
	res = await post(admin, from, `${from}/log`, { at: "2026-10-02T09:00", what: "後から思い出したこと" });
	assert.equal(res.status, 422);
	assert.match(unescape(res.text), /このインシデントは終了しているので、書き足せません。/);
	res = await api("POST", `/api/v1/orgs/${org}/incident_log`, { incident: ransom.id, at: "2026-10-02T09:00+09:00", what: "後から" });
	assert.equal(res.status, 422);
	assert.deepEqual(json(res).errors.map((e) => [e.field, e.code]), [["incident", "closed"]]);
	res = await api("POST", `/api/v1/orgs/${org}/incident_steps`, { incident: ransom.id, step: "scan", done_at: "2026-10-02T09:00+09:00" });
	assert.deepEqual(json(res).errors.map((e) => [e.field, e.code]), [["incident", "closed"]]);
	// nor is a tick taken back on its page
	const tick = json(await api("GET", `/api/v1/orgs/${org}/incident_steps`)).rows.find((t) => t.incident === ransom.id && t.step === "disconnect");
	res = await post(admin, from, `${from}/steps/${tick.id}/delete`, { confirm: "1", rev: tick.rev });
	assert.equal(res.status, 422);
	assert.match(unescape(res.text), /data-step="disconnect" data-done="1"/);
	// reopened: the confirmation was for that closing only; the log takes entries again
	res = await post(admin, from, action, { status: "recovered", rev: rev + 1 });
	assert.equal(res.status, 303);
	assert.equal(json(await api("GET", `/api/v1/orgs/${org}/incidents/${ransom.id}`)).close_confirmed_by, null);
	res = await post(admin, from, `${from}/log`, { at: "2026-10-02T09:00", what: "再開して追記" });
	assert.equal(res.status, 303);

	// through the API: closing needs the closer's own confirmation
	const sens = json(await api("GET", `/api/v1/orgs/${org}/incidents`)).rows.find((r) => r.summary === "健診結果の紛失");
	const put = (extra) => {
		const b = { kind: sens.kind, summary: sens.summary, level: sens.level, detected_at: sens.detected_at, personal: true, people: 3, sensitive: true, rev: sens.rev, ...extra };
		return api("PUT", `/api/v1/orgs/${org}/incidents/${sens.id}`, b);
	};
	res = await put({ status: "closed" });
	assert.equal(res.status, 422);
	assert.deepEqual(json(res).errors.map((e) => [e.field, e.code]), [["status", "unreported"]]);
	res = await put({ status: "closed", close_confirmed_by: "member@example.jp" });
	assert.deepEqual(json(res).errors.map((e) => [e.field, e.code]), [["close_confirmed_by", "not_self"]]);
	res = await put({ status: "closed", close_confirmed_by: "admin@example.jp" });
	assert.equal(res.status, 200, res.text);
	// no report due: it closes at once
	const calm = json(await api("GET", `/api/v1/orgs/${org}/incidents`)).rows.find((r) => r.kind === "other");
	html = unescape((await admin.get(page(calm.id))).text);
	res = await post(admin, page(calm.id), `${page(calm.id)}/status`, { status: "closed", rev: calm.rev });
	assert.equal(res.status, 303);
	assert.equal(json(await api("GET", `/api/v1/orgs/${org}/incidents/${calm.id}`)).close_confirmed_by, null);
});

test("members read the page and post nothing; another organisation's incident does not exist", async () => {
	const from = page(ransom.id);
	const res = await member.get(from);
	assert.equal(res.status, 200);
	const html = unescape(res.text);
	assert.doesNotMatch(html, /<form method="post" action="[^"]+\/(log|steps|status|lessons|plan)"/);
	assert.match(html, /<dl class="answers">[\s\S]*VPN機器を更新し、多要素認証にする/);
	assert.equal((await post(member, from, `${from}/log`, { at: "2026-10-02T09:00", what: "x" })).status, 403);
	assert.equal((await post(member, from, `${from}/status`, { status: "closed", rev: 1 })).status, 403);
	for (const p of ["", "/log", "/steps", "/status", "/lessons", "/plan", "/steps/1/delete"]) {
		const r = p === "" ? await admin.get(page(ransom.id, other)) : await post(admin, `/o/${other}/incidents`, page(ransom.id, other) + p, {});
		assert.equal(r.status, 404, p);
	}
	assert.equal((await admin.get(page(999999))).status, 404);
	assert.equal((await admin.get(`/o/${org}/incidents/x`)).status, 404);
	assert.doesNotMatch(unescape((await admin.get(`/o/${other}/incidents`)).text), /data-incident=/);
	assert.equal(json(await api("GET", `/api/v1/orgs/${other}/incident_log`)).rows.length, 0);
});

test("an instance admin who is not a member of the company cannot be the one who confirms closing unreported", async () => {
	// an advisor's client company, of which the instance admin is no member
	const adv = await inviteUser(admin, srv, org, "adv@example.jp", "advisor");
	const client = await makeOrg(adv, { name: "顧問先株式会社" });
	const ap = await adv.get("/account");
	const tok = await adv.post("/account/token", { _csrf: csrfOf(ap.text) });
	const aauth = { authorization: "Bearer " + tok.text.match(/<code class="secret">([^<]+)<\/code>/)[1] };
	const made = await adv.req("POST", `/api/v1/orgs/${client}/incidents`, { body: JSON.stringify({ kind: "leak", level: 2, status: "open", summary: "顧客名簿の持ち出し", detected_at: "2026-11-01T09:00+09:00", personal: true, people: 5, sensitive: true }), headers: { ...aauth, "content-type": "application/json" } });
	assert.equal(made.status, 201, made.text);
	const inc = JSON.parse(made.text);
	const from = page(inc.id, client), action = `${from}/status`;
	// the admin may open it and asks to close: told a member must confirm, no box
	let res = await post(admin, from, action, { status: "closed", rev: inc.rev });
	assert.equal(res.status, 200);
	let html = unescape(res.text);
	assert.match(html, /id="close-member-only">終了を確認して記録に名前を残せるのは、この組織のメンバーだけです。/);
	assert.doesNotMatch(html, /name="confirm_unreported"/);
	// confirming anyway: refused, nothing stored
	res = await post(admin, from, action, { status: "closed", rev: inc.rev, asked: "1", confirm_unreported: "1" });
	assert.equal(res.status, 403);
	const row = JSON.parse((await adv.req("GET", `/api/v1/orgs/${client}/incidents/${inc.id}`, { headers: aauth })).text);
	assert.equal(row.status, "open");
	assert.equal(row.close_confirmed_by, null);
	// the company's own advisor confirms, and is recorded
	res = await post(adv, from, action, { status: "closed", rev: inc.rev, asked: "1", confirm_unreported: "1" });
	assert.equal(res.status, 303);
	assert.equal(JSON.parse((await adv.req("GET", `/api/v1/orgs/${client}/incidents/${inc.id}`, { headers: aauth })).text).close_confirmed_by_name, "adv@example.jp");
});
