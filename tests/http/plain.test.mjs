// Scales and advice a reader without security training can follow: the
// −1…4 item scale said once in words near the top of the results page and
// of the report, answer counts by position in words (not "1/0/0/0"), and
// the advice for the most IT-dependent class (松) opening with a step a
// small company can take this week, certification only as a later option.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer, Client, firstAdmin, makeOrg, cli } from "./lib.mjs";

let srv, admin, auth, org, round;
const dir = mkdtempSync(join(tmpdir(), "mamori-plain-"));
const post = (path, body, type) => new Client(srv.base).req("POST", path, { body, headers: { ...auth, "content-type": type } });
before(async () => {
	srv = await startServer();
	admin = await firstAdmin(srv);
	auth = { authorization: `Bearer ${cli(["user", "token", "admin@example.jp", "--db", srv.db]).stdout.trim()}` };
	// many systems, no manual fallback: 松
	org = await makeOrg(admin, { name: "松組株式会社", many_systems: "1", manual_fallback: "0", others_depend: "1" });
	round = JSON.parse((await post(`/api/v1/orgs/${org}/rounds`, JSON.stringify({ title: "第1回" }), "application/json")).text).id;
	const head = "name,role," + Array.from({ length: 25 }, (_, i) => `q${i + 1}`).join(",");
	const row = (name, role, first) => `${name},${role},${first},${Array(24).fill("yes").join(",")}`;
	const csv = [head, row("社長", "executive", "yes"), row("課長", "manager", "no"),
		row("社員1", "employee", "yes"), row("社員2", "employee", "unknown"), row("社員3", "employee", "partly")].join("\n") + "\n";
	assert.equal((await post(`/api/v1/rounds/${round}/answers`, csv, "text/csv")).status, 201);
	assert.equal((await new Client(srv.base).req("POST", `/api/v1/rounds/${round}/close`, { headers: auth })).status, 200);
});
after(async () => {
	await srv?.stop();
	rmSync(dir, { recursive: true, force: true });
});

const SCALE = /点数の見方: 1つの項目の平均点は −1〜4点です。4点は全員が「実施している」、2点はおおむね「一部だけ実施している」、0点は「実施していない」、−1点は全員が「わからない」/;

test("the results page says once, under the first actions, what −1…4 means", async () => {
	const page = await admin.get(`/o/${org}/rounds/${round}/results`);
	assert.equal(page.status, 200);
	assert.equal((page.text.match(new RegExp(SCALE.source, "g")) ?? []).length, 1);
	const at = page.text.search(SCALE);
	assert.ok(at > page.text.indexOf('class="first-actions"'), "the scale comes after the first actions (their means use it)");
	assert.ok(at < page.text.indexOf("<h2>分野ごとの点数</h2>"), "and before the parts and items that use it too");
});

test("answer counts by position are words, not 1/0/0/0", async () => {
	const page = await admin.get(`/o/${org}/rounds/${round}/results`);
	const roles = [...page.text.matchAll(/<p class="by-role">([\s\S]*?)<\/p>/g)].map((m) => m[1]);
	assert.equal(roles.length, 25);
	// item 1: executive yes; manager no; employees yes, don't know, partly
	assert.equal(roles[0], "<span>経営者 1人: 実施 1</span><span>管理者 1人: 未実施 1</span>"
		+ "<span>従業員 3人: 実施 1・一部 1・不明 1</span>");
	assert.equal(roles[1], "<span>経営者 1人: 実施 1</span><span>管理者 1人: 実施 1</span><span>従業員 3人: 実施 3</span>");
	for (const r of roles) assert.doesNotMatch(r, /\d+\/\d+/);
	assert.match(page.text, /実施＝実施している、一部＝一部実施している、未実施＝実施していない、不明＝わからない/);
});

test("the report says what −1…4 means on page 1, with the score", async () => {
	const res = await fetch(srv.base + `/o/${org}/rounds/${round}/report/pdf`, { headers: { cookie: admin.cookieHeader() } });
	assert.equal(res.status, 200);
	const file = join(dir, "r.pdf");
	writeFileSync(file, Buffer.from(await res.arrayBuffer()));
	const text = execFileSync("pdftotext", [file, "-"], { encoding: "utf8" });
	const p1 = text.split("\f")[0].replace(/\n/g, "");
	assert.match(p1, /点数の見方: 1つの項目の平均点は −1〜4点です。4点は全員が「実施している」/);
	assert.match(p1, /\d+\.\d \/ 100点/);
	assert.equal((text.match(/点数の見方/g) ?? []).length, 1, "said once");
});

test("the advice for 松 starts with a practical step; certification comes last, as an option", async () => {
	const page = await admin.get(`/o/${org}`);
	assert.equal(page.status, 200);
	assert.match(page.text, /松/);
	const panel = page.text.slice(page.text.indexOf("システムが止まると、手作業では"));
	const items = [...panel.slice(0, panel.indexOf("</ul>")).matchAll(/<li>([^<]*)<\/li>/g)].map((m) => m[1]);
	assert.ok(items.length >= 5, `measures: ${items.length}`);
	assert.match(items[0], /^まず、止まると仕事ができなくなるシステムとデータを書き出し/);
	for (const it of items.slice(0, -1)) assert.doesNotMatch(it, /ISMS|認証を取/);
	assert.match(items.at(-1), /ISMS（ISO\/IEC 27001）などの第三者認証も選択肢/);
});
