// Telling others about an incident: the seven destinations ticked with a
// day and a note (a second tick of one refused, a day after today
// refused, a stale untick 409), the Commission's deadlines beside its
// destination; the draft notices filled from the incident — every
// placeholder of the pack's template checked against the incident's own
// values, the text compared whole with the template filled here, the
// missing ones as "【…を記入】" — and downloaded as .txt (UTF-8, CR LF)
// and a one-page PDF, drafted or edited; the intake questionnaire
// prefilled from the incident and the registers, saved and read back,
// question 13 refused without a yes to 12, follow-ups refused without a
// yes, a stale save 409 with the answers kept, and its PDF with the
// answers, the seven things to have ready and the dated desks.  Another
// organisation sees none of it.  KEEP=1 keeps the files.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer, firstAdmin, makeOrg, cli, csrfOf, unescape, inviteUser, top, ORG } from "./lib.mjs";

const dir = mkdtempSync(join(tmpdir(), "mamori-incnotice-"));
const ORG_NAME = "通知テスト株式会社";
let srv, admin, member, auth, org, other, inc, plain, asset, system;
before(async () => {
	srv = await startServer();
	admin = await firstAdmin(srv);
	auth = { authorization: `Bearer ${cli(["user", "token", "admin@example.jp", "--db", srv.db]).stdout.trim()}` };
	org = await makeOrg(admin, { name: ORG_NAME });
	other = await makeOrg(admin, { name: "よその会社" });
	member = await inviteUser(admin, srv, org, "member@example.jp", "member");
	asset = await api("POST", `/api/v1/orgs/${org}/assets`, { name: "顧客名簿", c: 3, i: 2, a: 2, personal: "personal" });
	const proc = await api("POST", `/api/v1/orgs/${org}/processes`, { name: "受注処理", importance: 3, dependency: 3 });
	system = await api("POST", `/api/v1/orgs/${org}/systems`, { name: "販売管理", processes: [proc.id], copies: 2 });
	await api("POST", `/api/v1/orgs/${org}/contacts`, { target: "hardware", owner: "情報システム担当", company: "サポート株式会社", phone: "03-1234-5678" });
	await api("POST", `/api/v1/orgs/${org}/contacts`, { target: "network", owner: "情報システム担当", company: "回線サービス", phone: "03-2222-3333" });
	await api("POST", `/api/v1/orgs/${org}/contacts`, { target: "customers", owner: "営業部長", company: "お客様相談室", phone: "03-9999-0000" });
	inc = await api("POST", `/api/v1/orgs/${org}/incidents`, {
		kind: "leak", summary: "顧客名簿が外部のサイトに載っていると取引先から連絡があった", level: 2,
		detected_at: "2026-03-01T09:30+09:00", aware_at: "2026-03-02T10:00+09:00",
		personal: true, people: 1200, malicious: true, assets: [asset.id], systems: [system.id],
		note: "警察に相談する予定",
	});
	// nothing personal, no asset: data items stay to fill in
	plain = await api("POST", `/api/v1/orgs/${org}/incidents`, {
		kind: "malware", summary: "パソコン1台でウイルス対策ソフトが警告", level: 1,
		detected_at: "2026-11-30T14:05+09:00",
	});
});
after(async () => {
	if (!srv) return;
	const code = await srv.stop();
	if (process.env.KEEP) console.error(`kept ${dir}`); else rmSync(dir, { recursive: true, force: true });
	assert.ok(!/ERROR: (Address|Leak)Sanitizer|runtime error:/.test(srv.stderr()), "sanitizer report:\n" + srv.stderr().slice(-3000));
	assert.equal(code, 0, "server exit status");
});

async function api(m, p, body) {
	const res = await admin.req(m, p, { body: body === undefined ? undefined : JSON.stringify(body), headers: { ...auth, "content-type": "application/json" } });
	assert.ok(res.status < 300, `${m} ${p}: ${res.status} ${res.text}`);
	return JSON.parse(res.text);
}
const base = () => `/o/${org}/incidents/${inc.id}`;
const pdfText = (file) => execFileSync("pdftotext", ["-raw", file, "-"], { encoding: "utf8" });
const flat = (s) => s.replace(/\s+/g, "");
const pages = (file) => +execFileSync("pdfinfo", [file], { encoding: "utf8" }).match(/Pages:\s+(\d+)/)[1];
// A file as the browser of client gets it: GET path, or POST form to it.
async function download(client, path, file, form) {
	const headers = { cookie: client.cookieHeader() };
	const init = form ? { method: "POST", body: new URLSearchParams(form).toString(),
		headers: { ...headers, "content-type": "application/x-www-form-urlencoded" } } : { headers };
	const res = await fetch(srv.base + path, { ...init, redirect: "manual" });
	assert.equal(res.status, 200, path);
	assert.match(res.headers.get("content-disposition") ?? "", /attachment/);
	const buf = Buffer.from(await res.arrayBuffer());
	writeFileSync(file, buf);
	return { res, buf };
}

// The day in Japan of an ISO moment, plus n days.
function jday(iso, n) {
	const t = new Date(new Date(iso).getTime() + 9 * 3600e3);
	const d = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate() + n));
	return d.toISOString().slice(0, 10);
}
const today = () => new Date(Date.now() + 9 * 3600e3).toISOString().slice(0, 10);
const jaDate = (ymd) => { const [y, m, d] = ymd.split("-").map(Number); return `${y}年${m}月${d}日`; };
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const enDate = (ymd) => { const [y, m, d] = ymd.split("-").map(Number); return `${d} ${MONTHS[m - 1]} ${y}`; };

// ---- the packs, read here as text ----------------------------------------
const incidentsYaml = readFileSync(join(top, "content/incidents.yaml"), "utf8");
const intakeYaml = readFileSync(join(top, "content/intake.yaml"), "utf8");
const desksYaml = readFileSync(join(top, "content/desks.yaml"), "utf8");
// A block scalar "<indent>lang: |-" after the line at `from`.
function block(text, from, lang) {
	const lines = text.slice(from).split("\n");
	const i = lines.findIndex((l) => new RegExp(`^\\s+${lang}: \\|-$`).test(l));
	const ind = lines[i].match(/^(\s*)/)[1].length + 2;
	const out = [];
	for (const l of lines.slice(i + 1)) {
		if (l.trim() !== "" && l.match(/^(\s*)/)[1].length < ind) break;
		out.push(l.slice(ind));
	}
	while (out.length && out[out.length - 1] === "") out.pop();
	return out.join("\n");
}
function notice(key) {
	const at = incidentsYaml.indexOf(`  - key: ${key}\n    label: {ja: "`, incidentsYaml.indexOf("\nnotices:"));
	const chunk = incidentsYaml.slice(at);
	const sub = chunk.match(/subject:\n\s+ja: "([^"]+)"\n\s+en: "([^"]+)"/);
	return { subject: { ja: sub[1], en: sub[2] }, body: { ja: block(incidentsYaml, at, "ja"), en: block(incidentsYaml, at, "en") } };
}
const fieldsYaml = incidentsYaml.slice(incidentsYaml.indexOf("\nfields:"));
const fieldLabel = (key, lang = "ja") => fieldsYaml.match(new RegExp(`\\{key: ${key}, label: \\{ja: "([^"]+)", en: "([^"]+)"\\}\\}`))[lang === "ja" ? 1 : 2];
const precall = [...intakeYaml.slice(intakeYaml.indexOf("\nprecall:")).matchAll(/label: \{ja: "([^"]+)", en: "([^"]+)"\}/g)].map((m) => m[1]);
const deskNames = [...desksYaml.matchAll(/name:\n\s+ja: "([^"]+)"/g)].map((m) => m[1]);
const asOf = desksYaml.match(/^as_of: (\S+)/m)[1];
const kindLabel = { leak: "情報の漏えい・紛失", malware: "ウイルス感染" };
const levelLabel = { 1: "レベル1：影響は限られている", 2: "レベル2：業務に支障がある" };

// What each placeholder must read for the leak incident, in Japanese.
function values(lang = "ja") {
	const day = lang === "ja" ? jaDate : enDate;
	return {
		company: ORG_NAME,
		kind: lang === "ja" ? kindLabel.leak : "Leak or loss of information",
		level: lang === "ja" ? levelLabel[2] : "Level 2: business disrupted",
		detected_date: day("2026-03-01"),
		aware_date: day("2026-03-02"),
		summary: inc.summary,
		data_items: "顧客名簿",
		people: lang === "ja" ? "1,200人" : "1,200 people",
		notes: inc.note,
		today: day(today()),
	};
}
const marker = (key, lang = "ja") => lang === "ja" ? `【${fieldLabel(key)}を記入】` : `[fill in: ${fieldLabel(key, "en")}]`;
function fill(tmpl, v, lang = "ja") {
	return tmpl.replace(/\{([a-z_]+)\}/g, (_, k) => v[k] !== undefined ? v[k] : marker(k, lang));
}
const textarea = (html, name) => unescape(html.match(new RegExp(`<textarea[^>]*name="${name.replace(/\./g, "\\.")}"[^>]*>([\\s\\S]*?)</textarea>`))[1]);
const inputValue = (html, name) => { const m = html.match(new RegExp(`<input[^>]*name="${name.replace(/\./g, "\\.")}"[^>]*value="([^"]*)"`)); return m ? unescape(m[1]) : null; };
const checked = (html, name, value) => new RegExp(`<input[^>]*name="${name.replace(/\./g, "\\.")}" value="${value}"[^>]*checked`).test(html);
const section = (html, key) => html.match(new RegExp(`<li class="dest" id="dest-${key}"[\\s\\S]*?</li>\\s*(?=<li class="dest"|</ol>)`))[0];

test("the destinations: seven in order, cautions and desks, ticked once each with a day and a note", async () => {
	const page = await admin.get(`${base()}/reports`);
	assert.equal(page.status, 200);
	const keys = [...page.text.matchAll(/<li class="dest" id="dest-([a-z]+)"/g)].map((m) => m[1]);
	assert.deepEqual(keys, ["ministry", "cyber", "press", "customers", "partners", "police", "ppc"]);
	// ours are marked as ours; the seeds' five are not
	for (const k of keys)
		assert.equal(/mamoriが追加/.test(section(page.text, k)), k === "police" || k === "ppc", k);
	assert.match(section(page.text, "police"), /href="https:\/\/www\.npa\.go\.jp\/bureau\/cyber\/"/);
	assert.match(section(page.text, "police"), /href="tel:#9110"/);
	assert.match(section(page.text, "cyber"), /data-desk="ipa"[\s\S]*data-desk="jpcert"/);
	assert.match(section(page.text, "ppc"), /data-desk="ppc"/);
	assert.match(page.text, new RegExp(`${asOf}時点`));
	// the Commission: wrongful intent and 1,200 people — both deadlines
	const ppc = section(page.text, "ppc");
	assert.match(ppc, /data-required="1"/);
	const aware = "2026-03-02T10:00+09:00";
	assert.ok(ppc.includes(`速報は${jday(aware, 3)}から${jday(aware, 5)}まで、確報は${jday(aware, 59)}まで`), ppc);
	assert.ok(ppc.includes("2026-03-05") && ppc.includes("2026-03-07") && ppc.includes("2026-04-30"));
	// nothing personal: no report
	const p2 = await admin.get(`/o/${org}/incidents/${plain.id}/reports`);
	assert.match(section(p2.text, "ppc"), /data-required="0"/);

	const csrf = csrfOf(page.text);
	const tick = (dest, day, note) => admin.post(`${base()}/reports`, { _csrf: csrf, destination: dest, [`done_on.${dest}`]: day, [`note.${dest}`]: note });
	let res = await tick("police", "2026-03-03", "生活安全課に相談、受付番号123");
	assert.equal(res.status, 303, res.text.slice(0, 500));
	assert.equal(res.location, `${base()}/reports?saved=police#dest-police`);
	res = await tick("ppc", "2026-03-05", "速報を出した");
	assert.equal(res.status, 303);
	const rows = async () => (await api("GET", `/api/v1/orgs/${org}/incident_reports`)).rows;
	let got = await rows();
	assert.deepEqual(got.map((r) => [r.incident, r.destination, r.done_on, r.note]).sort(),
		[[inc.id, "police", "2026-03-03", "生活安全課に相談、受付番号123"], [inc.id, "ppc", "2026-03-05", "速報を出した"]]);
	const after = await admin.get(`${base()}/reports?saved=police`);
	assert.match(after.text, /「警察（サイバー犯罪相談窓口）」に知らせたことを記録しました/);
	assert.match(section(after.text, "police"), /data-done="1"[\s\S]*済み：2026-03-03（記録した人：admin@example\.jp）[\s\S]*受付番号123/);
	assert.match(section(after.text, "press"), /data-done="0"[\s\S]*まだ/);

	// the same destination twice: refused, with the first day named
	res = await tick("police", "2026-03-04", "二度目");
	assert.equal(res.status, 422);
	assert.match(section(res.text, "police"), /2026-03-03にチェックが付いています/);
	// a day after today, a day that does not exist, a destination that is none
	const tomorrow = jday(new Date().toISOString(), 1);
	res = await tick("press", tomorrow, "未来");
	assert.equal(res.status, 422);
	assert.match(section(res.text, "press"), /今日より後の日付にはできません/);
	assert.equal(inputValue(section(res.text, "press"), "note.press"), "未来");	// kept
	res = await tick("press", "2026-02-30", "");
	assert.equal(res.status, 422);
	res = await tick("television", "2026-03-04", "");
	assert.equal(res.status, 422);
	assert.equal((await rows()).length, 2);

	// untick: a stale revision is 409 and nothing goes; then it goes
	const police = section((await admin.get(`${base()}/reports`)).text, "police");
	const action = unescape(police.match(/action="([^"]+\/delete)"/)[1]);
	const rev = +police.match(/name="rev" value="(\d+)"/)[1];
	res = await admin.post(action, { _csrf: csrf, rev: String(rev + 1) });
	assert.equal(res.status, 409);
	assert.equal((await rows()).length, 2);
	res = await admin.post(action, { _csrf: csrf, rev: String(rev) });
	assert.equal(res.status, 303);
	assert.deepEqual((await rows()).map((r) => r.destination), ["ppc"]);
	// and ticked again, now with another day
	assert.equal((await tick("police", "2026-03-04", "")).status, 303);

	// a member reads, never ticks
	const mp = await member.get(`${base()}/reports`);
	assert.equal(mp.status, 200);
	assert.doesNotMatch(mp.text, /name="destination"/);
	assert.equal((await member.post(`${base()}/reports`, { _csrf: csrfOf(mp.text), destination: "press", "done_on.press": "2026-03-04" })).status, 403);
});

test("the notices: the pack's templates filled from the incident, the rest marked to fill in, as .txt and PDF", async () => {
	for (const key of ["customers", "partners"]) {
		const t = notice(key);
		const v = values();
		const page = await admin.get(`${base()}/notice/${key}`);
		assert.equal(page.status, 200, key);
		assert.equal(inputValue(page.text, "subject"), fill(t.subject.ja, v));
		assert.equal(textarea(page.text, "body"), fill(t.body.ja, v));
		// every placeholder of the template: the table says what it took
		const used = [...new Set([...`${t.subject.ja}\n${t.body.ja}`.matchAll(/\{([a-z_]+)\}/g)].map((m) => m[1]))];
		assert.ok(used.length >= 6, used.join());
		for (const f of used) {
			const row = page.text.match(new RegExp(`<tr data-field="${f}">([\\s\\S]*?)</tr>`));
			assert.ok(row, f);
			const cell = unescape(row[1].match(/<td[^>]*>([^<]*)<\/td>\s*$/)[1]);
			assert.equal(cell, v[f] ?? marker(f), f);
		}
		// the missing ones listed, nothing else
		const missing = [...page.text.matchAll(/<li data-field="([a-z_]+)">/g)].map((m) => m[1]);
		assert.deepEqual(missing, used.filter((f) => v[f] === undefined).sort((a, b) => Object.keys(FIELD_ORDER).indexOf(a) - Object.keys(FIELD_ORDER).indexOf(b)));
		assert.ok(missing.includes("measures") && missing.includes("contact"), missing.join());
		// the reporting panel beside it
		assert.match(page.text, /data-dest="police" data-done="1"/);
		assert.match(page.text, /7か所のうち2か所に知らせました/);

		// as drafted: .txt in UTF-8 with CR LF, and a one-page PDF
		const txt = await download(admin, `${base()}/notice/${key}.txt`, join(dir, `${key}.txt`));
		assert.equal(txt.res.headers.get("content-type"), "text/plain; charset=utf-8");
		assert.match(txt.res.headers.get("content-disposition"), /attachment/);
		const want = `${fill(t.subject.ja, v)}\n\n${fill(t.body.ja, v)}\n`.replace(/\n/g, "\r\n");
		assert.equal(txt.buf.toString("utf8"), want);
		const pdf = await download(admin, `${base()}/notice/${key}.pdf`, join(dir, `${key}.pdf`));
		assert.equal(pdf.res.headers.get("content-type"), "application/pdf");
		assert.equal(pages(join(dir, `${key}.pdf`)), 1);
		const text = flat(pdfText(join(dir, `${key}.pdf`)));
		for (const s of [fill(t.subject.ja, v), v.company, v.summary, v.detected_date, marker("measures"), marker("contact")])
			assert.ok(text.includes(flat(s)), `${key} PDF: ${s}`);
	}
	// an incident with no asset: the data items are to fill in
	const pp = await admin.get(`/o/${org}/incidents/${plain.id}/notice/customers`);
	assert.ok(textarea(pp.text, "body").includes(marker("data_items")));
	assert.ok(textarea(pp.text, "body").includes(`（発見した日：${jaDate("2026-11-30")}）`));
	assert.match(pp.text, /<li data-field="data_items">/);

	// in English
	await admin.get(`/lang/en?next=/`);
	const en = await admin.get(`${base()}/notice/customers`);
	assert.equal(textarea(en.text, "body"), fill(notice("customers").body.en, { ...values("en"), data_items: "顧客名簿" }, "en"));
	await admin.get(`/lang/ja?next=/`);

	// edited: the text as posted, nothing stored
	const page = await admin.get(`${base()}/notice/customers`);
	const csrf = csrfOf(page.text);
	const edited = { _csrf: csrf, subject: "【おわび】顧客情報の流出について", body: "お客様各位\n\n当社の顧客名簿が流出しました。\n\n■お問い合わせ先\n0120-000-111（平日9時〜17時）" };
	const txt = await download(admin, `${base()}/notice/customers`, join(dir, "edited.txt"), { ...edited, format: "txt" });
	assert.equal(txt.buf.toString("utf8"), `${edited.subject}\r\n\r\n${edited.body.replace(/\n/g, "\r\n")}\r\n`);
	const pdf = await download(admin, `${base()}/notice/customers`, join(dir, "edited.pdf"), { ...edited, format: "pdf" });
	assert.equal(pdf.res.headers.get("content-type"), "application/pdf");
	const text = flat(pdfText(join(dir, "edited.pdf")));
	for (const s of [edited.subject, "当社の顧客名簿が流出しました。", "0120-000-111（平日9時〜17時）"])
		assert.ok(text.includes(flat(s)), s);
	assert.equal(pages(join(dir, "edited.pdf")), 1);
	// refused: empty, too long — the other box kept
	let res = await admin.post(`${base()}/notice/customers`, { ...edited, body: "", format: "txt" });
	assert.equal(res.status, 422);
	assert.equal(inputValue(res.text, "subject"), edited.subject);
	res = await admin.post(`${base()}/notice/customers`, { ...edited, body: "あ".repeat(5001), format: "pdf" });
	assert.equal(res.status, 422);
	assert.match(res.text, /5000文字以内で入力してください（いまは5001文字です）/);
	// members may draft too; unknown notices do not exist
	assert.equal((await member.get(`${base()}/notice/partners`)).status, 200);
	assert.equal((await admin.get(`${base()}/notice/press`)).status, 404);
	assert.equal((await admin.get(`${base()}/notice/customers.doc`)).status, 404);
	// the audit log names each download
	const audit = await admin.get(`/o/${org}/audit`);
	assert.match(audit.text, new RegExp(`incident notice ${inc.id} customers txt`));
	assert.match(audit.text, new RegExp(`incident notice ${inc.id} partners pdf`));
});
const FIELD_ORDER = Object.fromEntries(["company", "kind", "level", "detected_date", "aware_date", "summary", "data_items", "people", "cause", "secondary", "measures", "people_response", "publication", "prevention", "contact", "notes", "today"].map((k, i) => [k, i]));

// A full set of answers, as the form posts them.
function answers(extra = {}) {
	return {
		"h.enquirer": "総務 山田 03-1111-2222", "h.company": ORG_NAME, "h.employees": "21〜50人", "h.terminals": "35", "h.sites": "2",
		"q.1": "yes", "q.1.from": "取引先A社", "q.1.what": "御社の名簿がネットに出ている",
		"q.2": "no", "q.3": "yes", "q.3.actions": "該当のサーバーをネットワークから外した",
		"pick.q.4.inside_leak": "1", "q.4.other": "取引先への偽の請求",
		"q.5": "3月1日の朝に取引先から電話があった",
		"q.6": "unsure", "q.7": "yes", "q.7.since": "2月の末", "q.7.frequency": "several", "q.7.which": "受注サーバー",
		"q.8": "yes", "q.8.count": "3", "q.8.which": "営業部のパソコン",
		"q.9": "yes", "q.9.what": "深夜に海外からのログイン", "q.10": "yes", "pick.q.10.events.suspicious_access": "1", "q.10.events.other": "USBメモリの貸し借り",
		"q.11": "yes", "q.12": "yes", "q.13": "yes", "q.13.period": "90日",
		"q.14": "yes", "q.14.companies": "サポート株式会社",
		"q.15": "yes", "q.16": "yes", "q.17": "no", "q.18": "yes", "pick.q.18.to.executives": "1", "pick.q.18.to.customers": "1", "q.19": "unsure",
		"pick.q.20.know_assets": "1", "q.20.know_assets": "顧客名簿はファイルサーバー", "pick.q.21.updates": "1", "pick.q.21.security_software": "1",
		"pick.q.22.backup": "1", "pick.q.22.certification": "1",
		...extra,
	};
}
// What the answers above are stored as.
const STORED = {
	"h.enquirer": "総務 山田 03-1111-2222", "h.company": ORG_NAME, "h.employees": "21〜50人", "h.terminals": "35", "h.sites": "2",
	"q.1": "yes", "q.1.from": "取引先A社", "q.1.what": "御社の名簿がネットに出ている", "q.2": "no", "q.3": "yes",
	"q.3.actions": "該当のサーバーをネットワークから外した", "q.4": ["inside_leak", "other"], "q.4.other": "取引先への偽の請求",
	"q.5": "3月1日の朝に取引先から電話があった", "q.6": "unsure", "q.7": "yes", "q.7.since": "2月の末", "q.7.frequency": "several",
	"q.7.which": "受注サーバー", "q.8": "yes", "q.8.which": "営業部のパソコン", "q.8.count": "3", "q.9": "yes", "q.9.what": "深夜に海外からのログイン",
	"q.10": "yes", "q.10.events": ["suspicious_access", "other"], "q.10.events.other": "USBメモリの貸し借り", "q.11": "yes", "q.12": "yes", "q.13": "yes",
	"q.13.period": "90日", "q.14": "yes", "q.14.companies": "サポート株式会社", "q.15": "yes", "q.16": "yes", "q.17": "no", "q.18": "yes",
	"q.18.to": ["executives", "customers"], "q.19": "unsure", "q.20": ["know_assets"], "q.20.know_assets": "顧客名簿はファイルサーバー",
	"q.21": ["updates", "security_software"], "q.22": ["backup", "certification"],
};
const storedIntake = async () => {
	const rows = (await api("GET", `/api/v1/orgs/${org}/incident_intake`)).rows.filter((r) => r.incident === inc.id);
	assert.equal(rows.length, 1);
	return { ...rows[0], answers: JSON.parse(rows[0].answers) };
};
const qblock = (html, n) => html.match(new RegExp(`<div class="intake-q" id="q-${n}"[\\s\\S]*?(?=<div class="intake-q"|</section>)`))[0];

test("the intake questionnaire: prefilled, saved and read back, the rules of 13 and the follow-ups, stale saves, the PDF", async () => {
	// nothing saved: what the incident and the registers tell
	let page = await admin.get(`${base()}/intake`);
	assert.equal(page.status, 200);
	assert.match(page.text, /id="prefill"/);
	assert.equal(inputValue(page.text, "h.company"), ORG_NAME);
	assert.equal(inputValue(page.text, "h.employees"), "21〜50人");	// ORG's band e3
	assert.equal(ORG.employees, "e3");
	assert.equal(inputValue(page.text, "h.terminals"), "");
	assert.equal(inputValue(page.text, "h.sites"), "");
	assert.equal(inputValue(page.text, "h.enquirer"), "");
	assert.equal(textarea(page.text, "q.5"), `${kindLabel.leak}。${jaDate("2026-03-01")} 09:30に見つけました。\n${inc.summary}\n関わるシステム：販売管理\n関わる情報資産：顧客名簿`);
	assert.ok(checked(page.text, "q.14", "yes"));
	// the vendors: hardware and network contacts, not the customers' desk
	assert.equal(textarea(page.text, "q.14.companies"), "サポート株式会社、回線サービス");
	const prefilled = [...page.text.matchAll(/<li data-key="([^"]+)"/g)].map((m) => m[1]);
	assert.deepEqual(prefilled, ["company", "employees", "q.5", "q.14"]);
	// the 22 questions in their five groups, 13 saying when it is asked
	assert.deepEqual([...page.text.matchAll(/<div class="intake-q" id="q-(\d+)"/g)].map((m) => +m[1]), Array.from({ length: 22 }, (_, i) => i + 1));
	assert.deepEqual([...page.text.matchAll(/data-group="([a-z]+)"/g)].map((m) => m[1]), ["circumstances", "symptoms", "management", "organisation", "basics"]);
	assert.match(qblock(page.text, 13), /問12で「はい」と答えたときだけ答えます/);
	assert.match(qblock(page.text, 6), /name="q\.6" value="unsure"/);
	assert.doesNotMatch(qblock(page.text, 1), /value="unsure"/);
	assert.equal(await api("GET", `/api/v1/orgs/${org}/incident_intake`).then((j) => j.rows.length), 0);

	// saved, read back as posted
	const csrf = csrfOf(page.text);
	let res = await admin.post(`${base()}/intake`, { _csrf: csrf, rev: "0", ...answers() });
	assert.equal(res.status, 303, res.text.slice(0, 2000));
	let row = await storedIntake();
	assert.deepEqual(row.answers, STORED);
	page = await admin.get(`${base()}/intake?saved=1`);
	assert.doesNotMatch(page.text, /id="prefill"/);
	assert.equal(inputValue(page.text, "h.enquirer"), "総務 山田 03-1111-2222");
	assert.ok(checked(page.text, "q.1", "yes") && checked(page.text, "q.6", "unsure") && checked(page.text, "q.7.frequency", "several"));
	assert.ok(checked(page.text, "pick.q.4.inside_leak", "1") && checked(page.text, "pick.q.4.other", "1") && !checked(page.text, "pick.q.4.pc_infected", "1"));
	assert.equal(inputValue(page.text, "q.4.other"), "取引先への偽の請求");
	assert.equal(inputValue(page.text, "q.8.count"), "3");
	assert.equal(textarea(page.text, "q.13.period"), "90日");
	const rev = +page.text.match(/name="rev" value="(\d+)"/)[1];
	assert.equal(rev, row.rev);

	// 13 without a yes to 12: refused beside 13, every answer kept, nothing stored
	res = await admin.post(`${base()}/intake`, { _csrf: csrf, rev: String(rev), ...answers({ "q.12": "no" }) });
	assert.equal(res.status, 422);
	assert.match(qblock(res.text, 13), /field-error[\s\S]*問12で「はい」と答えたときだけ答えます。問12の答えを直すか/);
	assert.ok(checked(res.text, "q.12", "no") && checked(res.text, "q.13", "yes"));
	assert.equal(textarea(res.text, "q.13.period"), "90日");
	assert.doesNotMatch(qblock(res.text, 12), /field-error/);
	// …its follow-up alone is an answer to 13 too
	res = await admin.post(`${base()}/intake`, { _csrf: csrf, rev: String(rev), ...answers({ "q.12": "unsure", "q.13": "" }) });
	assert.equal(res.status, 422);
	assert.match(qblock(res.text, 13), /field-error/);
	// a follow-up without a yes
	res = await admin.post(`${base()}/intake`, { _csrf: csrf, rev: String(rev), ...answers({ "q.1": "no" }) });
	assert.equal(res.status, 422);
	assert.match(qblock(res.text, 1), /くわしい内容は「はい」と答えたときに書きます/);
	assert.equal(textarea(res.text, "q.1.from"), "取引先A社");
	// a count that is not a number; an answer not offered
	res = await admin.post(`${base()}/intake`, { _csrf: csrf, rev: String(rev), ...answers({ "q.8.count": "三台" }) });
	assert.equal(res.status, 422);
	assert.match(qblock(res.text, 8), /数字で入力してください/);
	assert.equal(inputValue(res.text, "q.8.count"), "三台");
	res = await admin.post(`${base()}/intake`, { _csrf: csrf, rev: String(rev), ...answers({ "q.1": "maybe" }) });
	assert.equal(res.status, 422);
	assert.deepEqual((await storedIntake()).answers, STORED);
	// without 12's yes and with 13 cleared it saves, 13 unanswered
	const no12 = answers({ "q.12": "no", "q.13": "", "q.13.period": "" });
	res = await admin.post(`${base()}/intake`, { _csrf: csrf, rev: String(rev), ...no12 });
	assert.equal(res.status, 303);
	row = await storedIntake();
	assert.equal(row.answers["q.12"], "no");
	assert.equal(row.answers["q.13"], undefined);
	assert.equal(row.answers["q.13.period"], undefined);

	// stale: the form of the old revision is 409, my answers still in it
	res = await admin.post(`${base()}/intake`, { _csrf: csrf, rev: String(rev), ...answers({ "q.9.what": "私の答え" }) });
	assert.equal(res.status, 409);
	assert.match(res.text, /ほかの人が保存しました/);
	assert.equal(textarea(res.text, "q.9.what"), "私の答え");
	assert.equal(+res.text.match(/name="rev" value="(\d+)"/)[1], row.rev);
	assert.equal((await storedIntake()).answers["q.9.what"], "深夜に海外からのログイン");
	// saved again from the revision it shows
	res = await admin.post(`${base()}/intake`, { _csrf: csrf, rev: String(row.rev), ...answers() });
	assert.equal(res.status, 303);
	assert.deepEqual((await storedIntake()).answers, STORED);

	// the PDF: the answers, the seven things to have ready, the desks as of their day
	const file = join(dir, "intake.pdf");
	const got = await download(admin, `${base()}/intake.pdf`, file);
	assert.equal(got.res.headers.get("content-type"), "application/pdf");
	const text = flat(pdfText(file));
	for (const s of ["総務山田03-1111-2222", ORG_NAME, "21〜50人", "35台", "取引先A社", "該当のサーバーをネットワークから外した", "取引先への偽の請求",
		"受注サーバー", "何回か", "90日", "サポート株式会社", "経営陣", "お客様", "顧客名簿はファイルサーバー", "バックアップを取り",
		"分からない", kindLabel.leak, levelLabel[2], `${jaDate("2026-03-01")}09:30`])
		assert.ok(text.includes(flat(s)), `PDF: ${s}`);
	assert.equal(precall.length, 7);
	for (const s of precall) assert.ok(text.includes(flat(s)), `PDF precall: ${s}`);
	for (const s of deskNames) assert.ok(text.includes(flat(s)), `PDF desk: ${s}`);
	assert.ok(text.includes(`${asOf}時点`));

	// a member reads the answers, never saves them
	const mp = await member.get(`${base()}/intake`);
	assert.equal(mp.status, 200);
	assert.match(mp.text, /取引先A社/);
	assert.doesNotMatch(mp.text, /name="q\.1"/);
	assert.equal((await member.post(`${base()}/intake`, { _csrf: csrfOf(mp.text), rev: "0", ...answers() })).status, 403);
	assert.equal((await member.get(`${base()}/intake.pdf`)).status, 200);
});

test("through the API: the registers' own checks", async () => {
	const post = (reg, body) => admin.req("POST", `/api/v1/orgs/${org}/${reg}`, { body: JSON.stringify(body), headers: { ...auth, "content-type": "application/json" } });
	const code = (res) => JSON.parse(res.text).errors.map((e) => `${e.field}:${e.code}`);
	for (const bad of ['{"q.1": 1}', '{"Q.1": "yes"}', '["yes"]', '{"q.1": ""}', "not json"]) {
		const res = await post("incident_intake", { incident: plain.id, answers: bad });
		assert.equal(res.status, 422, bad);
		assert.deepEqual(code(res), ["answers:bad_format"], bad);
	}
	let res = await post("incident_reports", { incident: plain.id, destination: "press", done_on: jday(new Date().toISOString(), 1) });
	assert.equal(res.status, 422);
	assert.deepEqual(code(res), ["done_on:future"]);
	res = await post("incident_reports", { incident: plain.id, destination: "tv", done_on: "2026-12-01" });
	assert.deepEqual(code(res), ["destination:unknown_key"]);
	res = await post("incident_reports", { incident: 999999, destination: "press", done_on: "2026-12-01" });
	assert.equal(res.status, 422);
	// one tick a destination, in the API as on the page: the second refused
	// in the write itself, nothing stored
	const before = (await api("GET", `/api/v1/orgs/${org}/incident_reports`)).rows.length;
	res = await post("incident_reports", { incident: plain.id, destination: "police", done_on: "2026-12-01" });
	assert.equal(res.status, 201, res.text);
	res = await post("incident_reports", { incident: plain.id, destination: "police", done_on: "2026-12-02" });
	assert.equal(res.status, 422);
	assert.deepEqual(code(res), ["destination:taken"]);
	const after = (await api("GET", `/api/v1/orgs/${org}/incident_reports`)).rows;
	assert.equal(after.length, before + 1);
	const mine = after.find((r) => r.incident === plain.id && r.destination === "police");
	assert.equal(mine.done_on, "2026-12-01");
	assert.equal((await admin.req("DELETE", `/api/v1/orgs/${org}/incident_reports/${mine.id}?rev=${mine.rev}`, { headers: auth })).status, 204);
	// a questionnaire stored through the API reads on the page
	res = await post("incident_intake", { incident: plain.id, answers: '{"h.enquirer": "API", "q.12": "yes", "q.13": "no"}' });
	assert.equal(res.status, 201, res.text);
	const page = await admin.get(`/o/${org}/incidents/${plain.id}/intake`);
	assert.equal(inputValue(page.text, "h.enquirer"), "API");
	assert.ok(checked(page.text, "q.13", "no"));
	assert.doesNotMatch(page.text, /id="prefill"/);
});

test("another organisation's incident does not exist here", async () => {
	const mine = `/o/${other}/incidents/${inc.id}`;
	for (const p of ["/reports", "/notice/customers", "/notice/customers.txt", "/notice/partners.pdf", "/intake", "/intake.pdf"])
		assert.equal((await admin.get(mine + p)).status, 404, p);
	const page = await admin.get(`/o/${other}`);
	const csrf = csrfOf(page.text);
	assert.equal((await admin.post(`${mine}/reports`, { _csrf: csrf, destination: "press", "done_on.press": "2026-03-04" })).status, 404);
	assert.equal((await admin.post(`${mine}/notice/customers`, { _csrf: csrf, subject: "x", body: "y", format: "txt" })).status, 404);
	assert.equal((await admin.post(`${mine}/intake`, { _csrf: csrf, rev: "0", "q.1": "yes" })).status, 404);
	// a tick of this organisation's incident, untick by the other's path
	const row = (await api("GET", `/api/v1/orgs/${org}/incident_reports`)).rows[0];
	assert.equal((await admin.post(`${mine}/reports/${row.id}/delete`, { _csrf: csrf, rev: String(row.rev) })).status, 404);
	// …and by another incident's path of the same organisation
	assert.equal((await admin.post(`/o/${org}/incidents/${plain.id}/reports/${row.id}/delete`, { _csrf: csrf, rev: String(row.rev) })).status, 404);
	assert.equal((await admin.get(`/o/${org}/incidents/999999/intake`)).status, 404);
	assert.equal((await api("GET", `/api/v1/orgs/${org}/incident_reports`)).rows.length, 2);
});
