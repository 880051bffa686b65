// The flows from the diagnosis into the registers (src/pages/page_flow.c):
// a round is answered through the API and closed, then
//   - the plan draft proposes exactly the items whose mean is below 2
//     points, weakest first, as computed here from the answers sent, and
//     adds the kept ones with source diagnosis:N (edits kept); risks to
//     reduce are proposed too;
//   - the risk draft's vulnerability is the one computed here from the
//     answers and the catalogue's items (item mean 4 → 1, ≥ 2 → 2, else
//     3; the worst of the threat's items), one row per new pair, all at
//     once; with no closed round the vulnerability is asked instead;
//   - the heat map's table holds the counts of the risk rows;
//   - plan.ics is a valid iCalendar (CRLF, folded at 75 octets, escaped
//     TEXT) with one event per open row with a deadline;
//   - overdue rows show on the organisation's home.
// Everything independent of the server's code: points 4, 2, 0, −1, means
// in tenths rounded half away from zero (SPEC §2).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { startServer, Client, firstAdmin, makeOrg, inviteUser, csrfOf, unescape, cli, top } from "./lib.mjs";

const POINTS = { yes: 4, partly: 2, no: 0, unknown: -1 };
const ANSWERS = ["yes", "partly", "no", "unknown"];
const ROLES = ["executive", "manager", "employee"];

// sum/n ×10, rounded half away from zero, in integers.
function tenths(sum, n) {
	const mag = Math.abs(sum) * 10;
	let q = Math.floor(mag / n);
	if (2 * (mag - q * n) >= n) q++;
	return sum < 0 && q !== 0 ? -q : q;
}

// mulberry32
function rng(seed) {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}
const seed = +(process.env.MAMORI_FLOWS_SEED || Date.now() % 1e9);

// People whose answers give every kind of item: all "yes" (items 1–4),
// weak ones, strong ones, mixed; the rest at random.
function makePeople(rand) {
	const n = 4 + Math.floor(rand() * 5);
	return Array.from({ length: n }, (_, k) => ({
		name: `回答者${k + 1}`,
		role: ROLES[k % 3],
		ans: Array.from({ length: 25 }, (_, i) => {
			if (i < 4) return "yes";
			if (i === 4) return k === 0 ? "yes" : "partly";	// 2 ≤ mean < 4
			if (i === 5) return "no";
			if (i === 6) return k % 2 ? "unknown" : "no";
			return ANSWERS[Math.floor(rand() * 4)];
		}),
	}));
}
const HEAD = "name,role," + Array.from({ length: 25 }, (_, i) => `q${i + 1}`).join(",");
const csvOf = (people) => [HEAD, ...people.map((p) => `${p.name},${p.role},${p.ans.join(",")}`)].join("\r\n") + "\r\n";

// Item figures, from the answers alone.
function items(people) {
	return Array.from({ length: 25 }, (_, i) => {
		const counts = { yes: 0, partly: 0, no: 0, unknown: 0 };
		let sum = 0;
		for (const p of people) { counts[p.ans[i]]++; sum += POINTS[p.ans[i]]; }
		return { item: i + 1, sum, mean: tenths(sum, people.length), counts };
	});
}
// Weakest first: by mean (exact: by sum), more "don't know" first, by number.
const weakest = (its) => [...its].sort((a, b) => a.sum - b.sum || b.counts.unknown - a.counts.unknown || a.item - b.item);
// The vulnerability of a threat guarded by items: the worst of theirs.
const vulnOf = (its, nums) => Math.max(...nums.map((k) => its[k - 1].mean >= 40 ? 1 : its[k - 1].mean >= 20 ? 2 : 3));

// The plan pack's item → area mapping, read from the file itself.
const AREAS = Object.fromEntries([...readFileSync(join(top, "content/registers/plan.yaml"), "utf8")
	.matchAll(/\{item: (\d+), area: ([a-z]+)\}/g)].map((m) => [+m[1], m[2]]));

let srv, admin, auth, org, round, people, its, member, outsider, other;
const dbsql = (q) => srv.db.startsWith("sqlite:")
	? execFileSync("sqlite3", [srv.db.slice(7), q], { encoding: "utf8" })
	: execFileSync("psql", [srv.db, "-qAt", "-c", q], { encoding: "utf8" });

before(async () => {
	srv = await startServer();
	admin = await firstAdmin(srv);
	auth = { authorization: `Bearer ${cli(["user", "token", "admin@example.jp", "--db", srv.db]).stdout.trim()}` };
	org = await makeOrg(admin, { name: "流れテスト株式会社" });
	other = await makeOrg(admin, { name: "よその会社" });
	member = await inviteUser(admin, srv, org, "member@example.jp", "member");
	outsider = await inviteUser(admin, srv, other, "outsider@example.jp", "org_admin");
	round = (await api("POST", `/api/v1/orgs/${org}/rounds`, { title: "第3回" })).json.id;
	people = makePeople(rng(seed));
	its = items(people);
	const res = await api("POST", `/api/v1/rounds/${round}/answers`, csvOf(people), "text/csv");
	assert.equal(res.status, 201, JSON.stringify(res.json));
	assert.equal((await api("POST", `/api/v1/rounds/${round}/close`)).status, 200);
});
after(async () => {
	if (!srv) return;
	const code = await srv.stop();
	assert.ok(!/ERROR: (Address|Leak)Sanitizer|runtime error:/.test(srv.stderr()), "sanitizer report:\n" + srv.stderr().slice(-3000));
	assert.equal(code, 0, "server exit status");
});

async function api(method, path, body, type = "application/json") {
	const res = await new Client(srv.base).req(method, path, {
		body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
		headers: { ...auth, "content-type": type },
	});
	let json = null;
	try { json = JSON.parse(res.text); } catch { /* not JSON */ }
	return { status: res.status, json, text: res.text };
}
const text = (html) => unescape(html.replace(/<[^>]+>/g, " ")).replace(/\s+/g, " ").trim();
const at = (what) => `${what} (seed ${seed}: MAMORI_FLOWS_SEED=${seed} replays)`;

// POST fields (arrays repeat a name) with the CSRF token of the page at from.
async function post(c, from, action, fields) {
	const page = await c.get(from);
	const pairs = [["_csrf", csrfOf(page.text) ?? ""]];
	for (const [k, v] of Object.entries(fields))
		for (const x of Array.isArray(v) ? v : [v]) pairs.push([k, String(x)]);
	return c.post(action, pairs);
}

// The plan draft's proposals: source, area, tag, current, measure, ticked.
function proposals(html) {
	return [...html.matchAll(/<li class="proposal" data-source="([^"]+)">([\s\S]*?)<\/li>/g)].map((m) => ({
		source: m[1],
		on: /type="checkbox" name="pick" [^>]*checked=""/.test(m[2]),
		area: m[2].match(/data-area="([^"]+)"/)?.[1],
		current: unescape(m[2].match(/<dd class="current">([^<]*)<\/dd>/)?.[1] ?? ""),
		measure: unescape(m[2].match(/<textarea [^>]*>([^<]*)<\/textarea>/)?.[1] ?? ""),
		tag: unescape(m[2].match(/<span class="tag">([^<]*)<\/span>/)?.[1] ?? ""),
	}));
}

const rows = async (reg, o = org) => (await api("GET", `/api/v1/orgs/${o}/${reg}`)).json.rows;

test("the plan draft proposes the items below 2 points, weakest first, and adds the kept ones", async () => {
	const want = weakest(its).filter((x) => x.mean < 20);
	assert.ok(want.length >= 2, at("the answers make weak items"));
	const page = await admin.get(`/o/${org}/r/plan/draft`);
	assert.equal(page.status, 200);
	const got = proposals(page.text).filter((p) => p.source.startsWith("diagnosis:"));
	assert.deepEqual(got.map((p) => p.source), want.map((x) => `diagnosis:${x.item}`), at("proposed items"));
	const labels = { yes: "実施している", partly: "一部実施している", no: "実施していない", unknown: "わからない" };
	for (const [k, p] of got.entries()) {
		const x = want[k];
		assert.equal(p.area, AREAS[x.item], at(`item ${x.item} area`));
		assert.ok(p.on, "ticked by default");
		assert.equal(p.current, ANSWERS.filter((a) => x.counts[a] > 0).map((a) => `${labels[a]} ${x.counts[a]}人`).join("・"), at(`item ${x.item} answers`));
		const m = Math.abs(x.mean);
		assert.equal(p.tag, `平均 ${x.mean < 0 ? "-" : ""}${Math.floor(m / 10)}.${m % 10} / 4`, at(`item ${x.item} mean`));
		assert.ok(p.measure.length > 0);
	}
	assert.match(text(page.text), /診断「第3回」/);
	// a member may not draft
	assert.equal((await member.get(`/o/${org}/r/plan/draft`)).status, 403);

	// keep all but the last, edit the first measure
	const pick = got.slice(0, -1).map((p) => p.source);
	const fields = { pick };
	for (const p of got) fields[`measure.${p.source}`] = p.measure;
	fields[`measure.${got[0].source}`] = "社内で手順を決めて、毎月確かめる";
	// a kept proposal with its measure emptied is refused beside it, the rest kept
	const bad = await post(admin, `/o/${org}/r/plan/draft`, `/o/${org}/r/plan/draft`, { ...fields, [`measure.${got[1].source}`]: "" });
	assert.equal(bad.status, 422);
	assert.match(bad.text, /対策の文を書いてください/);
	assert.match(bad.text, /社内で手順を決めて、毎月確かめる/);
	assert.equal((await rows("plan")).length, 0, "nothing stored");
	const res = await post(admin, `/o/${org}/r/plan/draft`, `/o/${org}/r/plan/draft`, fields);
	assert.equal(res.status, 303, text(res.text).slice(0, 300));
	assert.equal(res.location, `/o/${org}/r/plan?started=${pick.length}`);
	const plan = await rows("plan");
	assert.deepEqual(plan.map((r) => r.source).sort(), [...pick].sort());
	for (const r of plan) {
		const item = +r.source.split(":")[1], p = got.find((g) => g.source === r.source);
		assert.equal(r.area, AREAS[item]);
		assert.equal(r.status, "todo");
		assert.equal(r.current, p.current);
		assert.equal(r.measure, r.source === got[0].source ? "社内で手順を決めて、毎月確かめる" : p.measure);
	}
	// what is in the plan is not proposed again; the one left out is
	const again = proposals((await admin.get(`/o/${org}/r/plan/draft`)).text);
	assert.deepEqual(again.map((p) => p.source), [got.at(-1).source]);
	// nothing ticked: refused
	const none = await post(admin, `/o/${org}/r/plan/draft`, `/o/${org}/r/plan/draft`, { [`measure.${got.at(-1).source}`]: "x" });
	assert.equal(none.status, 422);
	assert.match(none.text, /1つ以上チェック/);
	// the results page leads to the draft
	const results = await admin.get(`/o/${org}/rounds/${round}/results`);
	assert.match(results.text, new RegExp(`href="/o/${org}/r/plan/draft"`));
	assert.doesNotMatch((await member.get(`/o/${org}/rounds/${round}/results`)).text, /r\/plan\/draft/);
});

test("the risk draft makes one row per new pair, its vulnerability from the diagnosis", async () => {
	const threats = (await api("GET", "/api/v1/catalogue/threats")).json;
	const assets = [];
	for (const a of [{ name: "顧客名簿", c: 3, i: 2, a: 2, personal: "personal" }, { name: "見積書", c: 2, i: 1, a: 1 },
		{ name: "社内掲示", c: 1, i: 1, a: 1 }]) {
		const res = await api("POST", `/api/v1/orgs/${org}/assets`, a);
		assert.equal(res.status, 201);
		assets.push(res.json);
	}
	const page = await admin.get(`/o/${org}/r/risks/draft`);
	assert.equal(page.status, 200);
	// the important assets are ticked to start with
	for (const a of assets)
		assert.equal(new RegExp(`name="asset" value="${a.id}" [^>]*checked=""`).test(page.text), a.importance >= 2, a.name);
	// every threat's vulnerability, as computed here
	for (const t of threats) {
		const m = page.text.match(new RegExp(`data-threat="${t.key}">[\\s\\S]*?data-vulnerability="(\\d)"`));
		assert.ok(m, t.key);
		assert.equal(+m[1], vulnOf(its, t.items), at(`threat ${t.key} items ${t.items}`));
	}
	assert.doesNotMatch(page.text, /name="vu\./, "not asked: it comes from the diagnosis");
	assert.equal((await member.get(`/o/${org}/r/risks/draft`)).status, 403);

	const picked = [threats[0], threats[6], threats.at(-1)];
	const tl = [1, 3, 2];
	const fields = { asset: [assets[0].id, assets[1].id], threat: picked.map((t) => t.key) };
	picked.forEach((t, k) => { fields[`tl.${t.key}`] = tl[k]; });
	// no threat: refused beside the threats, the assets kept
	const bad = await post(admin, `/o/${org}/r/risks/draft`, `/o/${org}/r/risks/draft`, { asset: [assets[2].id] });
	assert.equal(bad.status, 422);
	assert.match(bad.text, /脅威を1つ以上選んでください/);
	assert.match(bad.text, new RegExp(`name="asset" value="${assets[2].id}" [^>]*checked=""`));
	assert.doesNotMatch(bad.text, new RegExp(`name="asset" value="${assets[0].id}" [^>]*checked=""`));

	// a ticked threat with no level: refused beside its levels
	const nolevel = await post(admin, `/o/${org}/r/risks/draft`, `/o/${org}/r/risks/draft`, { ...fields, [`tl.${picked[1].key}`]: [] });
	assert.equal(nolevel.status, 422);
	assert.match(nolevel.text, new RegExp(`<fieldset class="field field-error" aria-describedby="e-tl\\.${picked[1].key}">`));
	assert.match(nolevel.text, new RegExp(`name="tl.${picked[0].key}" value="${tl[0]}" [^>]*checked=""`), "the other levels kept");
	assert.equal((await rows("risks")).length, 0, "nothing stored");
	const res = await post(admin, `/o/${org}/r/risks/draft`, `/o/${org}/r/risks/draft`, fields);
	assert.equal(res.status, 303, text(res.text).slice(0, 400));
	assert.equal(res.location, `/o/${org}/r/risks?started=6`);
	let risks = await rows("risks");
	assert.equal(risks.length, 6);
	for (const r of risks) {
		const k = picked.findIndex((t) => t.key === r.threat);
		assert.ok(k >= 0);
		assert.equal(r.threat_level, tl[k]);
		assert.equal(r.vulnerability, vulnOf(its, picked[k].items), at(r.threat));
		assert.match(r.vulnerability_note, /診断「第3回」/);
		assert.ok(r.vulnerability_note.includes(`項目${picked[k].items.join("・")}の回答から`), r.vulnerability_note);
	}
	// the same pairs again: nothing new, said so; one more asset: its pairs only
	const same = await post(admin, `/o/${org}/r/risks/draft`, `/o/${org}/r/risks/draft`, fields);
	assert.equal(same.status, 422);
	assert.match(same.text, /すべてリスク分析に登録済み/);
	const more = await post(admin, `/o/${org}/r/risks/draft`, `/o/${org}/r/risks/draft`, { ...fields, asset: [assets[0].id, assets[2].id] });
	assert.equal(more.status, 303);
	risks = await rows("risks");
	assert.equal(risks.length, 9);
	assert.equal(risks.filter((r) => r.asset === assets[2].id).length, 3);
});

test("with no closed round the risk draft asks for the vulnerability", async () => {
	const fresh = (await api("POST", "/api/v1/orgs", { name: "新しい会社", industry: "E", employees: "e2" })).json.id;
	const a = (await api("POST", `/api/v1/orgs/${fresh}/assets`, { name: "台帳", c: 2, i: 2, a: 2 })).json;
	const page = await admin.get(`/o/${fresh}/r/risks/draft`);
	assert.equal(page.status, 200);
	assert.match(page.text, /締め切った診断がまだない/);
	assert.match(page.text, /name="vu\.theft" value="2" [^>]*checked=""/);
	const res = await post(admin, `/o/${fresh}/r/risks/draft`, `/o/${fresh}/r/risks/draft`,
		{ asset: a.id, threat: "theft", "tl.theft": 3, "vu.theft": 3 });
	assert.equal(res.status, 303, text(res.text).slice(0, 300));
	const [r] = await rows("risks", fresh);
	assert.equal(r.vulnerability, 3);
	assert.equal(r.threat_level, 3);
	assert.equal(r.vulnerability_note, null);
	// another organisation's admin cannot draft here
	assert.equal((await outsider.get(`/o/${fresh}/r/risks/draft`)).status, 404);
	// with no assets the draft says to list them first
	const empty = (await api("POST", "/api/v1/orgs", { name: "資産なし", industry: "E", employees: "e2" })).json.id;
	assert.match((await admin.get(`/o/${empty}/r/risks/draft`)).text, /先に情報資産を登録してください/);
});

test("the heat map counts the risks by importance and likelihood, and risks to reduce go to the plan", async () => {
	// vary the levels so that several cells fill
	let risks = await rows("risks");
	const measured = risks[1].id;
	for (const [k, r] of risks.entries()) {
		const body = { rev: r.rev, asset: r.asset, threat: r.threat, threat_level: 1 + (k % 3), vulnerability: 1 + ((k * 2) % 3),
			vulnerability_note: r.vulnerability_note, treatment: k % 4 === 0 ? "reduce" : "accept" };
		if (k === 1) { body.treatment = "reduce"; body.measure = "鍵付きの棚に移す"; }
		const res = await api("PUT", `/api/v1/orgs/${org}/risks/${r.id}`, body);
		assert.equal(res.status, 200, res.text);
	}
	risks = await rows("risks");
	const want = {};
	for (const r of risks) {
		const imp = r.value / r.likelihood;
		want[`${imp},${r.likelihood}`] = (want[`${imp},${r.likelihood}`] ?? 0) + 1;
	}
	const page = await admin.get(`/o/${org}/r/risks`);
	const table = page.text.match(/<table class="heat-table"[\s\S]*?<\/table>/)?.[0];
	assert.ok(table, "the heat map's table");
	const cells = [...table.matchAll(/<td class="band-(\w+)" data-importance="(\d)" data-likelihood="(\d)"><span class="heat-n">(\d+)<\/span>/g)];
	assert.equal(cells.length, 9);
	let total = 0;
	for (const [, bandKey, imp, lik, n] of cells) {
		assert.equal(+n, want[`${imp},${lik}`] ?? 0, `cell ${imp},${lik}`);
		const v = imp * lik;
		assert.equal(bandKey, v >= 6 ? "high" : v >= 3 ? "mid" : "low");
		total += +n;
	}
	assert.equal(total, risks.length);
	// the chart says the same to the eye
	const svg = page.text.match(/<svg [^>]*class="chart chart-heat"[\s\S]*?<\/svg>/)?.[0];
	assert.ok(svg);
	assert.match(svg, /role="img"/);
	assert.match(svg, /aria-labelledby="heat-title"/);
	// a member sees the map, not the draft link
	const mp = await member.get(`/o/${org}/r/risks`);
	assert.match(mp.text, /heat-table/);
	assert.doesNotMatch(mp.text, /r\/risks\/draft/);

	// risks to reduce are proposed for the plan
	const reduce = risks.filter((r) => r.treatment === "reduce");
	const props = proposals((await admin.get(`/o/${org}/r/plan/draft`)).text).filter((p) => p.source.startsWith("risk:"));
	assert.deepEqual(props.map((p) => p.source), reduce.map((r) => `risk:${r.id}`).sort((a, b) => +a.slice(5) - +b.slice(5)));
	const withMeasure = props.find((p) => p.source === `risk:${measured}`);
	assert.equal(withMeasure.measure, "鍵付きの棚に移す");
	const res = await post(admin, `/o/${org}/r/plan/draft`, `/o/${org}/r/plan/draft`,
		{ pick: props.map((p) => p.source), ...Object.fromEntries(props.map((p) => [`measure.${p.source}`, p.measure])) });
	assert.equal(res.status, 303, text(res.text).slice(0, 300));
	const plan = await rows("plan");
	for (const p of props) assert.ok(plan.some((r) => r.source === p.source && r.measure === p.measure), p.source);
});

// Lines of an iCalendar file unfolded, after checking its framing.
function icsLines(body) {
	const raw = Buffer.from(body, "utf8");
	assert.ok(body.endsWith("\r\n"));
	assert.doesNotMatch(body.replace(/\r\n/g, ""), /[\r\n]/, "every line ends in CRLF");
	for (const l of body.split("\r\n").slice(0, -1))
		assert.ok(Buffer.byteLength(l, "utf8") <= 75, `line of ${Buffer.byteLength(l, "utf8")} octets: ${l}`);
	assert.ok(raw.length > 0);
	return body.replace(/\r\n[ \t]/g, "").split("\r\n").slice(0, -1);
}
const icsText = (v) => v.replace(/\\([\\;,nN])/g, (_, c) => (c === "n" || c === "N" ? "\n" : c));

test("plan.ics has one all-day event per open row with a deadline, and overdue rows show at home", async () => {
	const now = new Date(Date.now() + 9 * 3600e3);	// Japan
	const month = (d) => { const y = now.getUTCFullYear() + Math.floor((now.getUTCMonth() + d) / 12), m = (now.getUTCMonth() + d) % 12 + 1; return `${y}-${String(m).padStart(2, "0")}`; };
	const long = "パスワード管理ツールを全員に入れ、共有フォルダの権限を見直し、退職者のアカウントを止める; 手順書は \\共有\\手順 に置く, 毎年見直す";
	const made = [];
	for (const [k, r] of [
		{ measure: long, area: "technical", deadline: month(2), owner: "山田" },
		{ measure: "二行の\n対策", area: "human", deadline: month(0) },
		{ measure: "終わったもの", area: "human", deadline: month(1), status: "done" },
		{ measure: "やめたもの", area: "human", deadline: month(1), status: "dropped" },
		{ measure: "期限なし", area: "physical" },
		{ measure: "二月の対策", area: "organisational", deadline: month(12), status: "doing" },
	].entries()) {
		const res = await api("POST", `/api/v1/orgs/${org}/plan`, r);
		assert.equal(res.status, 201, `${k}: ${res.text}`);
		made.push(res.json);
	}
	const all = await rows("plan");
	const due = all.filter((r) => r.deadline && r.status !== "done" && r.status !== "dropped");
	const res = await fetch(`${srv.base}/o/${org}/plan.ics`, { headers: { cookie: member.cookieHeader() } });
	assert.equal(res.status, 200);
	assert.match(res.headers.get("content-type"), /^text\/calendar/);
	const lines = icsLines(await res.text());
	assert.equal(lines[0], "BEGIN:VCALENDAR");
	assert.equal(lines.at(-1), "END:VCALENDAR");
	assert.ok(lines.includes("VERSION:2.0"));
	const events = [];
	let cur = null;
	for (const l of lines) {
		if (l === "BEGIN:VEVENT") cur = {};
		else if (l === "END:VEVENT") { events.push(cur); cur = null; } else if (cur) {
			const i = l.indexOf(":");
			cur[l.slice(0, i)] = l.slice(i + 1);
		}
	}
	assert.equal(events.length, due.length);
	for (const r of due) {
		const e = events.find((x) => x.UID === `plan-${r.id}@mamori`);
		assert.ok(e, `event of row ${r.id}`);
		const [y, m] = r.deadline.split("-").map(Number);
		const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
		assert.equal(e["DTSTART;VALUE=DATE"], `${y}${String(m).padStart(2, "0")}${last}`);
		assert.equal(icsText(e.SUMMARY), r.measure.replace(/\n/g, " "));
		assert.match(e.DTSTAMP, /^\d{8}T\d{6}Z$/);
	}
	assert.ok(events.some((e) => e.SUMMARY.includes("\\;") && e.SUMMARY.includes("\\,") && e.SUMMARY.includes("\\\\")));
	// the download is in the audit log, in words
	assert.match(text((await admin.get(`/o/${org}/audit`)).text), /情報セキュリティ対策実行計画（カレンダー）/);
	// outsiders get nothing
	assert.equal((await fetch(`${srv.base}/o/${org}/plan.ics`, { headers: { cookie: outsider.cookieHeader() } })).status, 404);

	// overdue: a deadline moved into the past (the API refuses one), and a
	// done row in the past that stays quiet
	const late = made[1], doneRow = made[2];
	for (const r of [late, doneRow])
		dbsql(`UPDATE reg_rows SET body = replace(body, '"deadline": "${r.deadline}"', '"deadline": "2020-03"') WHERE id = ${r.id}`);
	assert.equal((await api("GET", `/api/v1/orgs/${org}/plan/${late.id}`)).json.deadline, "2020-03", "the row was moved");
	const home = await member.get(`/o/${org}`);
	const sec = home.text.match(/<section class="panel panel-warn overdue"[\s\S]*?<\/section>/)?.[0];
	assert.ok(sec, "the overdue panel");
	assert.match(text(sec), /期限を過ぎた対策が1件あります/);
	assert.match(sec, new RegExp(`href="/o/${org}/r/plan/${late.id}"`));
	assert.doesNotMatch(sec, new RegExp(`/r/plan/${doneRow.id}"`));
	assert.match(text(sec), /期限 2020-03/);
	// an organisation with nothing overdue shows no panel
	assert.doesNotMatch((await admin.get(`/o/${other}`)).text, /overdue/);
});

test("a vulnerability other than the diagnosis suggests needs a reason, on the API and the form", async () => {
	const threats = (await api("GET", "/api/v1/catalogue/threats")).json;
	const asset = (await api("POST", `/api/v1/orgs/${org}/assets`, { name: "理由テスト資産", c: 2, i: 2, a: 2 })).json;
	const t = threats.find((x) => x.items.length > 0);
	const want = vulnOf(its, t.items);
	const other = want === 3 ? 1 : 3;
	// as the diagnosis says: no reason needed
	let res = await api("POST", `/api/v1/orgs/${org}/risks`, { asset: asset.id, threat: t.key, threat_level: 2, vulnerability: want });
	assert.equal(res.status, 201, JSON.stringify(res.json));
	// another value without a reason: refused, naming the suggestion
	res = await api("POST", `/api/v1/orgs/${org}/risks`, { asset: asset.id, threat: t.key, threat_level: 2, vulnerability: other });
	assert.equal(res.status, 422);
	assert.deepEqual(res.json.errors.map((e) => [e.field, e.code]), [["vulnerability_note", "reason_needed"]]);
	assert.ok(res.json.errors[0].message.includes(String(want)), res.json.errors[0].message);
	// with one: stored
	res = await api("POST", `/api/v1/orgs/${org}/risks`, { asset: asset.id, threat: t.key, threat_level: 2, vulnerability: other, vulnerability_note: "UTMを入れたので" });
	assert.equal(res.status, 201);
	// the form says it beside the reason, the values kept
	const page = await admin.get(`/o/${org}/r/risks/new`);
	const form = await post(admin, `/o/${org}/r/risks/new`, `/o/${org}/r/risks/new`,
		{ asset: String(asset.id), threat: t.key, threat_level: "2", vulnerability: String(other) });
	assert.equal(page.status, 200);
	assert.equal(form.status, 422);
	assert.match(form.text, /診断の結果から出した脆弱性は/);
	assert.match(form.text, new RegExp(`name="vulnerability" value="${other}"[^>]*checked`));
});
