// The cycle, visible (issue 12 §5, §6; src/pages/page_flow.c reg_review,
// src/pages/page_org.c org_cycle):
//   - the regulations list shows, for each of the twelve areas, the
//     diagnosis items that belong to it (the mapping read here from
//     content/registers/regulations.yaml) with the mean points and the
//     counts of the latest closed round, as computed here from the answers
//     sent; the area's status from the register; and our suggestion: an
//     item below 2 points → "new" (no row, undecided, not needed) or
//     "revised" (kept); the counts per status above;
//   - without a closed round it says the suggestions need one;
//   - the organisation's home is the map of the cycle, its numbers (assets
//     of importance 3, high risks, plan done and overdue, areas reviewed)
//     those of the API's rows.
// Points 4, 2, 0, −1; means in tenths rounded half away from zero (SPEC §2).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { startServer, Client, firstAdmin, makeOrg, unescape, cli, top } from "./lib.mjs";

const POINTS = { yes: 4, partly: 2, no: 0, unknown: -1 };
const KINDS = ["yes", "partly", "no", "unknown"];
const ROLES = ["executive", "manager", "employee"];

function tenths(sum, n) {
	const mag = Math.abs(sum) * 10;
	let q = Math.floor(mag / n);
	if (2 * (mag - q * n) >= n) q++;
	return sum < 0 && q !== 0 ? -q : q;
}
const shown = (t) => `${t < 0 ? "-" : ""}${Math.floor(Math.abs(t) / 10)}.${Math.abs(t) % 10}`;

// The areas, their items and the statuses, from the pack itself.
const REGS = readFileSync(join(top, "content/registers/regulations.yaml"), "utf8");
const AREAS = [...REGS.matchAll(/- key: ([a-z_]+)\n\s+number: \d+\n\s+label: \{ja: "([^"]+)"[^\n]*\n\s+purpose:[^\n]*\n\s+items: \[([\d, ]*)\]/g)]
	.map((m) => ({ key: m[1], label: m[2], items: m[3].trim() ? m[3].split(",").map(Number) : [] }));
const DIAG = readFileSync(join(top, "content/diagnosis/self25.yaml"), "utf8");
const LABEL = Object.fromEntries([...DIAG.matchAll(/- key: "?(yes|partly|no|unknown)"?\n\s+points: -?\d+\n\s+label:\n\s+ja: "([^"]+)"/g)]
	.map((m) => [m[1], m[2]]));

// Answers that make some areas weak and some strong: items 5 and 25
// (organisational) strong, 19 (human) weak, the rest varied by person.
function makePeople() {
	return Array.from({ length: 5 }, (_, k) => ({
		name: `回答者${k + 1}`,
		role: ROLES[k % 3],
		ans: Array.from({ length: 25 }, (_, i) => {
			const n = i + 1;
			if (n === 5 || n === 25 || n === 20) return "yes";
			if (n === 19) return k === 0 ? "partly" : "no";
			if (n === 3) return k < 3 ? "yes" : "partly";	// 3.2
			if (n === 4) return ["no", "unknown", "partly", "yes", "no"][k];	// 1.0
			return KINDS[(k * 7 + n * 3) % 4];
		}),
	}));
}
const HEAD = "name,role," + Array.from({ length: 25 }, (_, i) => `q${i + 1}`).join(",");
const csvOf = (people) => [HEAD, ...people.map((p) => `${p.name},${p.role},${p.ans.join(",")}`)].join("\r\n") + "\r\n";

function itemStats(people) {
	return Array.from({ length: 25 }, (_, i) => {
		const counts = { yes: 0, partly: 0, no: 0, unknown: 0 };
		let sum = 0;
		for (const p of people) { counts[p.ans[i]]++; sum += POINTS[p.ans[i]]; }
		return { mean: tenths(sum, people.length), counts };
	});
}

// Our rule, written out again from the issue.
function suggestion(area, status, its) {
	const weak = area.items.filter((k) => its[k - 1].mean < 20);
	if (weak.length === 0) return "";
	if (status === "keep") return "revised";
	if (status === "new" || status === "revised") return "acting";
	return "new";	// none, undecided, not_needed
}

let srv, admin, auth, org, bare, people, its;
const dbsql = (q) => srv.db.startsWith("sqlite:")
	? execFileSync("sqlite3", [srv.db.slice(7), q], { encoding: "utf8" })
	: execFileSync("psql", [srv.db, "-qAt", "-c", q], { encoding: "utf8" });

async function api(method, path, body, type = "application/json") {
	const res = await new Client(srv.base).req(method, path, {
		body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
		headers: { ...auth, "content-type": type },
	});
	let json = null;
	try { json = JSON.parse(res.text); } catch { /* not JSON */ }
	return { status: res.status, json, text: res.text };
}
const rows = async (reg, o = org) => (await api("GET", `/api/v1/orgs/${o}/${reg}`)).json.rows;
const text = (html) => unescape(html.replace(/<[^>]+>/g, " ")).replace(/\s+/g, " ").trim();

before(async () => {
	srv = await startServer();
	admin = await firstAdmin(srv);
	auth = { authorization: `Bearer ${cli(["user", "token", "admin@example.jp", "--db", srv.db]).stdout.trim()}` };
	org = await makeOrg(admin, { name: "循環テスト株式会社" });
	bare = await makeOrg(admin, { name: "診断前の会社" });
	const round = (await api("POST", `/api/v1/orgs/${org}/rounds`, { title: "第1回" })).json.id;
	people = makePeople();
	its = itemStats(people);
	const res = await api("POST", `/api/v1/rounds/${round}/answers`, csvOf(people), "text/csv");
	assert.equal(res.status, 201, JSON.stringify(res.json));
	assert.equal((await api("POST", `/api/v1/rounds/${round}/close`)).status, 200);
	// an open round with no answers in the other organisation
	assert.equal((await api("POST", `/api/v1/orgs/${bare}/rounds`, { title: "準備中" })).status, 201);
	for (const [area, status] of [["organisational", "keep"], ["human", "keep"], ["assets", "not_needed"],
		["access", "new"], ["physical", "undecided"], ["it_use", undefined], ["incident_bcm", "revised"]]) {
		const r = await api("POST", `/api/v1/orgs/${org}/regulations`, status ? { area, status } : { area });
		assert.equal(r.status, 201, r.text);
	}
	for (const area of ["organisational", "human"])
		assert.equal((await api("POST", `/api/v1/orgs/${bare}/regulations`, { area, status: "keep" })).status, 201);
});
after(async () => {
	if (!srv) return;
	const code = await srv.stop();
	assert.ok(!/ERROR: (Address|Leak)Sanitizer|runtime error:/.test(srv.stderr()), "sanitizer report:\n" + srv.stderr().slice(-3000));
	assert.equal(code, 0, "server exit status");
});

// The review table's rows: area → { status, suggest, items: {n: mean}, html }.
function reviewRows(html) {
	const sec = html.match(/<section class="panel reg-review"[\s\S]*?<\/section>/)?.[0];
	assert.ok(sec, "the review section");
	const out = {};
	for (const m of sec.matchAll(/<tr data-area="([a-z_]+)" data-status="([a-z_]+)" data-suggest="([a-z]*)">([\s\S]*?)<\/tr>/g)) {
		const items = {};
		for (const li of m[4].matchAll(/<li data-item="(\d+)"(?: data-mean="(-?\d+)")?>([\s\S]*?)<\/li>/g))
			items[li[1]] = { mean: li[2] === undefined ? null : +li[2], text: text(li[3]) };
		out[m[1]] = { status: m[2], suggest: m[3], items, text: text(m[4]) };
	}
	const counts = Object.fromEntries([...sec.matchAll(/<li data-status="([a-z_]+)" data-n="(\d+)">/g)].map((m) => [m[1], +m[2]]));
	return { sec, out, counts };
}

test("the regulations list: each area's items with the company's answers, and our suggestion", async () => {
	assert.equal(AREAS.length, 12, "twelve areas read from the pack");
	assert.deepEqual(Object.keys(LABEL).sort(), ["no", "partly", "unknown", "yes"]);
	const regs = await rows("regulations");
	const statusOf = Object.fromEntries(regs.map((r) => [r.area, r.status ?? "undecided"]));
	const page = await admin.get(`/o/${org}/r/regulations`);
	assert.equal(page.status, 200);
	const { sec, out, counts } = reviewRows(page.text);
	assert.deepEqual(Object.keys(out), AREAS.map((a) => a.key), "twelve rows, in the pack's order");
	let suggested = 0;
	for (const a of AREAS) {
		const row = out[a.key], st = statusOf[a.key] ?? "none";
		assert.equal(row.status, st, a.key);
		assert.ok(row.text.includes(a.label), a.key);
		assert.deepEqual(Object.keys(row.items).map(Number), a.items, `${a.key}: its items`);
		for (const k of a.items) {
			const s = its[k - 1];
			assert.equal(row.items[k].mean, s.mean, `${a.key} item ${k}`);
			const words = KINDS.filter((x) => s.counts[x] > 0).map((x) => `${LABEL[x]} ${s.counts[x]}人`).join("・");
			assert.ok(row.items[k].text.includes(`No.${k}「`), row.items[k].text);
			assert.ok(row.items[k].text.endsWith(`平均 ${shown(s.mean)} / 4（${words}）`), `${a.key} item ${k}: ${row.items[k].text}`);
		}
		const want = suggestion(a, st, its);
		assert.equal(row.suggest, want, `${a.key} (${st}) items ${a.items.map((k) => its[k - 1].mean)}`);
		const weak = a.items.filter((k) => its[k - 1].mean < 20);
		for (const k of weak)
			if (want === "new" || want === "revised") assert.ok(row.text.includes(`No.${k}「`), `${a.key} names weak item ${k}`);
		if (want === "new") assert.match(row.text, /提案：「新規に作成した\(作成予定\)」/);
		if (want === "revised") assert.match(row.text, /提案：「既存のものを見直し改定した\(改定予定\)」/);
		if (want === "new" || want === "revised") suggested++;
	}
	assert.ok(suggested >= 2, "the answers make suggestions");
	// the cases the answers were built for
	assert.equal(out.organisational.suggest, "", "items 5 and 25 all implemented");
	assert.equal(out.human.suggest, "revised", "item 19 weak, kept as it is");
	assert.equal(out.access.suggest, "acting", "item 4 weak, being written");
	// counts per status, above the table
	const want = { new: 0, revised: 0, keep: 0, not_needed: 0, undecided: 0, none: 0 };
	for (const a of AREAS) want[statusOf[a.key] ?? "none"]++;
	assert.deepEqual(counts, want);
	assert.ok(sec.indexOf("reg-counts") < sec.indexOf("<table"), "the counts come first");
	// the rule is said to be ours, the mapping too, and the round named
	assert.match(text(sec), /提案はmamori独自の決め方です/);
	assert.match(text(sec), /mamoriが規程の内容から独自に対応付けたもの/);
	assert.match(text(sec), /診断「第1回」（\d{4}-\d\d-\d\dに締め切り、5人が回答）/);
});

test("without a closed round: no means, no suggestions, and it says why", async () => {
	const page = await admin.get(`/o/${bare}/r/regulations`);
	assert.equal(page.status, 200);
	const { sec, out, counts } = reviewRows(page.text);
	assert.match(text(sec), /締め切った診断がまだないので、提案はまだ出せません/);
	for (const a of AREAS) {
		assert.equal(out[a.key].suggest, "", a.key);
		for (const k of a.items) assert.equal(out[a.key].items[k].mean, null, `${a.key} ${k}`);
	}
	assert.equal(counts.keep, 2);
	assert.equal(counts.none, 10);
});

test("the organisation's home is the map of the cycle, its numbers those of the rows", async () => {
	const now = new Date(Date.now() + 9 * 3600e3);	// Japan
	const month = (d) => { const y = now.getUTCFullYear() + Math.floor((now.getUTCMonth() + d) / 12), m = (now.getUTCMonth() + d) % 12 + 1; return `${y}-${String(m).padStart(2, "0")}`; };
	const assets = [];
	for (const a of [{ name: "顧客名簿", c: 3, i: 2, a: 2, personal: "personal" }, { name: "給与データ", c: 2, i: 2, a: 1, personal: "mynumber" },
		{ name: "見積書", c: 2, i: 1, a: 1 }, { name: "社内掲示", c: 1, i: 1, a: 1 }]) {
		const res = await api("POST", `/api/v1/orgs/${org}/assets`, a);
		assert.equal(res.status, 201, res.text);
		assets.push(res.json);
	}
	const threats = (await api("GET", "/api/v1/catalogue/threats")).json;
	for (const [k, [tl, vu]] of [[3, 3], [3, 2], [1, 1], [2, 3]].entries()) {
		const res = await api("POST", `/api/v1/orgs/${org}/risks`, { asset: assets[k % 2].id, threat: threats[k].key,
			threat_level: tl, vulnerability: vu, vulnerability_note: "テスト" });
		assert.equal(res.status, 201, res.text);
	}
	const made = [];
	for (const r of [{ measure: "済んだ対策", area: "human", deadline: month(1), status: "done" },
		{ measure: "遅れた対策", area: "human", deadline: month(1) }, { measure: "遅れていない対策", area: "technical", deadline: month(3) },
		{ measure: "期限なし", area: "physical", status: "doing" }]) {
		const res = await api("POST", `/api/v1/orgs/${org}/plan`, r);
		assert.equal(res.status, 201, res.text);
		made.push(res.json);
	}
	dbsql(`UPDATE reg_rows SET body = replace(body, '"deadline": "${made[1].deadline}"', '"deadline": "2020-03"') WHERE id = ${made[1].id}`);

	const [A, R, P, G] = [await rows("assets"), await rows("risks"), await rows("plan"), await rows("regulations")];
	const cur = month(0);
	const want = {
		top: A.filter((a) => a.importance === 3).length,
		high: R.filter((r) => r.band === "high").length,
		done: P.filter((p) => p.status === "done").length,
		overdue: P.filter((p) => p.deadline && p.deadline < cur && p.status !== "done" && p.status !== "dropped").length,
		reviewed: G.filter((g) => g.status && g.status !== "undecided").length,
	};
	assert.ok(want.top >= 1 && want.high >= 1 && want.overdue === 1 && want.done === 1, JSON.stringify(want));

	const home = await admin.get(`/o/${org}`);
	const sec = home.text.match(/<section class="cycle"[\s\S]*?<\/section>/)?.[0];
	assert.ok(sec, "the map");
	const steps = [...sec.matchAll(/<li class="cycle-step[^"]*" data-step="([a-z-]+)"/g)].map((m) => m[1]);
	assert.deepEqual(steps, ["diagnosis", "policy", "regulations", "assets-risks", "assets", "risks", "plan", "bcp"]);
	const step = (k) => text(sec.match(new RegExp(`data-step="${k}"[^>]*>([\\s\\S]*?)</li>`))[1]);
	assert.match(step("diagnosis"), /最新の「第1回」は締め切りました/);
	assert.match(step("policy"), /まだありません/);
	assert.equal(step("regulations"), `関連規程の見直し ${G.length}件 12分野のうち${want.reviewed}分野を見直し済み`);
	assert.equal(step("assets"), `情報資産管理台帳 ${A.length}件 うち重要度3が${want.top}件`);
	assert.match(step("risks"), new RegExp(`${R.length}件 うちリスクが高いものが${want.high}件$`));
	assert.match(step("plan"), new RegExp(`${P.length}件 完了${want.done}件・期限切れ${want.overdue}件$`));
	// the links lead on
	for (const k of ["regulations", "assets", "risks", "plan"])
		assert.match(sec, new RegExp(`href="/o/${org}/r/${k}" class="card-link"`));
	assert.match(sec, new RegExp(`href="/o/${org}/policy"`));
	assert.match(sec, new RegExp(`href="/o/${org}/rounds/\\d+/results"`));
	// SECURITY ACTION beside, as the organisation list says
	const sa = (await api("GET", `/api/v1/orgs/${org}/security-action`)).json;
	const stars = sec.match(/class="org-stars" data-stars="(\d)"/)?.[1];
	assert.ok(stars !== undefined, "the stars");
	if (sa && typeof sa.stars === "number") assert.equal(+stars, sa.stars);
	// one count per register on the page, not two
	assert.equal((home.text.match(/class="meta reg-count"/g) ?? []).length, 4);

	// the other organisation: an open round, nothing reviewed
	const b = await admin.get(`/o/${bare}`);
	const bsec = b.text.match(/<section class="cycle"[\s\S]*?<\/section>/)[0];
	assert.match(text(bsec), /最新の「準備中」は回答を受け付けています/);
	assert.match(text(bsec), /12分野のうち2分野を見直し済み/);
});
