// The audit log in words: every event the code can write has a label in
// both languages, details are spelled out, roles are named, and dates are
// the reader's own in Japan time.  The events come from the key table in
// src/model/audit.c, so a new event is walked here without editing this.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer, Client, firstAdmin, makeOrg, cli, freshDb, top } from "./lib.mjs";

const dir = mkdtempSync(join(tmpdir(), "mamori-audit-"));
const servers = [];
after(async () => {
	for (const s of servers) await s.stop();
	rmSync(dir, { recursive: true, force: true });
});

// [key, detail kind] of every event, read from the table in the source.
const src = readFileSync(join(top, "src/model/audit.c"), "utf8");
const EVENTS = [...src.matchAll(/\[AUDIT_[A-Z_]+\] = \{ "([a-z_]+)", (AUDIT_D_[A-Z_]+) \}/g)].map((m) => [m[1], m[2]]);
const KINDS = [...readFileSync(join(top, "src/model/audit.h"), "utf8").matchAll(/^\t(AUDIT_[A-Z_]+),?[\t\n]/gm)];

// A detail of each kind as the code writes it, and what a reader sees.
const SAMPLE = {
	AUDIT_D_NONE: ["", null],
	AUDIT_D_TEXT: ["hanako@example.jp", /hanako@example\.jp/],
	AUDIT_D_ROLE: ["advisor", { ja: /<td[^>]*>支援者<\/td>/, en: /<td[^>]*>Advisor<\/td>/ }],
	AUDIT_D_ROLE_CHANGE: ["hanako@example.jp: org_admin → member",
		{ ja: /hanako@example\.jp: 組織の管理者 → メンバー/, en: /hanako@example\.jp: Organisation admin → Member/ }],
	AUDIT_D_COUNT: ["3", { ja: /3人分の回答/, en: /answers of 3 people/ }],
	AUDIT_D_RISKS: ["12", { ja: /リスク12件/, en: /12 risks/ }],
	AUDIT_D_ROUND: ["7", { ja: /診断 No\.7/, en: /Round no\. 7/ }],
	AUDIT_D_VERSION: ["2", { ja: /第2版/, en: /Version 2/ }],
	AUDIT_D_EXPORT: ["round 7 xlsx", { ja: /診断 No\.7 の集計表（Excel）/, en: /Tables of round no\. 7 \(Excel\)/ }],
	AUDIT_D_ONOFF: ["off", { ja: /比較に参加しない/, en: /Stays out of the comparison/ }],
	AUDIT_D_RESP: ["12 34 0 山田", { ja: /診断 No\.12 · 回答者 No\.34 · 山田/, en: /Round no\. 12 · Respondent no\. 34 · 山田/ }],
	AUDIT_D_CAP: ["12 150 300", { ja: /診断 No\.12 · 上限 150人 → 300人/, en: /Round no\. 12 · limit 150 → 300 people/ }],
	AUDIT_D_REG_ROW: ["assets 7 顧客名簿", { ja: /情報資産管理台帳 · No\.7 · 顧客名簿/, en: /Information asset register · no\. 7 · 顧客名簿/ }],
	AUDIT_D_REG_COUNT: ["assets 12", { ja: /情報資産管理台帳 · 12行/, en: /Information asset register · 12 rows/ }],
};

const tbody = (html) => html.slice(html.indexOf("<tbody>"), html.indexOf("</tbody>"));
// a key as a word of its own: not inside an e-mail address or a label
const raw = (k) => new RegExp(`(?<![\\w@.-])${k}(?![\\w@.-])`);

test("the key table is read whole: one row an event, every detail kind has a sample", () => {
	assert.ok(EVENTS.length >= 23, `found ${EVENTS.length} events`);
	assert.equal(EVENTS.length, KINDS.findIndex((m) => m[1] === "AUDIT_EV__MAX"), "every enum value has its row");
	for (const [k, kind] of EVENTS) assert.ok(SAMPLE[kind], `a sample detail for ${kind} (${k})`);
});

test("every event the code can write shows as words, with its detail, in Japanese and English", async () => {
	const a = await startServer();
	servers.push(a);
	const admin = await firstAdmin(a);
	const org = await makeOrg(admin, { name: "記録テスト株式会社" });
	const file = join(dir, "a.json");
	let r = cli(["export", "--all", file, "--db", a.db]);
	assert.equal(r.status, 0, r.stderr);
	const doc = JSON.parse(readFileSync(file, "utf8"));
	const audit = doc.tables.find((t) => t.name === "audit");
	let id = Math.max(0, ...audit.rows.map((x) => x[0]));
	const at = Date.UTC(2026, 10, 22, 5, 5) / 1000;	// 14:05 in Japan
	for (const [k, kind] of EVENTS) {
		audit.rows.push([++id, at, org, 1, k, SAMPLE[kind][0], "192.0.2.7"]);
		audit.rows.push([++id, at, null, null, k, SAMPLE[kind][0], "cli"]);
	}
	// a row a newer version wrote: named as "other", never by its key
	audit.rows.push([++id, at, org, 1, "future_thing", "", "192.0.2.7"]);
	// the role change made on the command line names account roles
	audit.rows.push([++id, at, null, 1, "role_changed", "member → admin", "cli"]);
	writeFileSync(file, JSON.stringify(doc));
	const db = freshDb(dir).replace(/m\.db$/, "b.db");
	r = cli(["import", file, "--db", db]);
	assert.equal(r.status, 0, r.stderr);
	const b = await startServer([], db);
	servers.push(b);
	const c = new Client(b.base);
	const login = await c.submit("/login", "/login", { email: "admin@example.jp", password: "correct horse battery" });
	assert.equal(login.status, 303);

	for (const lang of ["ja", "en"]) {
		await c.get(`/lang/${lang}`);
		for (const path of ["/admin/audit", `/o/${org}/audit`]) {
			// 50 entries a page: read every page
			const page = await c.get(path);
			assert.equal(page.status, 200);
			let body = tbody(page.text);
			for (let n = 2; n <= 5; n++)
				body += tbody((await c.get(`${path}?page=${n}`)).text);
			for (const [k, kind] of EVENTS) {
				assert.doesNotMatch(body, raw(k), `${path} (${lang}) shows the key ${k}`);
				const want = SAMPLE[kind][1];
				if (want) assert.match(body, want instanceof RegExp ? want : want[lang], `${k} detail in ${lang}`);
			}
			for (const k of ["org_admin", "future_thing", "round 7"])
				assert.doesNotMatch(body, raw(k), `${path} (${lang}) shows ${k}`);
			assert.doesNotMatch(body, /<td[^>]*>(on|off|3|7|2)<\/td>/, `${path} (${lang}) shows a bare value`);
			assert.match(body, lang === "ja" ? /その他の操作/ : /Other action/);
			assert.match(body, lang === "ja" ? /2026年11月22日 14:05/ : /22 Nov 2026, 14:05/);
			assert.match(page.text, lang === "ja" ? /日時（日本時間）/ : /When \(Japan time\)/);
			assert.match(body, lang === "ja" ? /回答期間を締め切りました/ : /Closed a round for answers/);
		}
		let all = "";
		for (let n = 1; n <= 5; n++)
			all += tbody((await c.get(`/admin/audit?page=${n}`)).text);
		assert.match(all, lang === "ja" ? /<td[^>]*>サーバーのコマンド<\/td>/ : /<td[^>]*>Server command line<\/td>/);
		assert.match(all, lang === "ja" ? /メンバー → システム管理者/ : /Member → Instance admin/);
		assert.doesNotMatch(all, /<td[^>]*>cli<\/td>/);
	}
});
