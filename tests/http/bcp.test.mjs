// IT business continuity through the API: processes get their recovery
// priority and RTO from the organisation's table (the three examples or
// its own), systems their 3-2-1 gaps and warnings, recovery steps are
// summed against the tightest RTO; bad values are 422 with the field, a
// stale settings save 409; another organisation sees nothing.  Every
// figure is checked against the test's own tables below.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, firstAdmin, makeOrg, csrfOf, unescape } from "./lib.mjs";

let srv, admin, org, other, auth;
before(async () => {
	srv = await startServer();
	admin = await firstAdmin(srv);
	org = await makeOrg(admin);
	other = await makeOrg(admin, { name: "別会社" });
	const page = await admin.get("/account");
	const csrf = page.text.match(/name="_csrf" value="([^"]+)"/)[1];
	const tok = await admin.post("/account/token", { _csrf: csrf });
	auth = { authorization: "Bearer " + tok.text.match(/<code class="secret">([^<]+)<\/code>/)[1] };
});
after(async () => { if (process.env.SHOW_ERR) console.error(srv?.stderr()); await srv?.stop(); });

const api = (m, p, body) => admin.req(m, p, {
	body: body === undefined ? undefined : JSON.stringify(body),
	headers: { ...auth, "content-type": "application/json" },
});
const json = (res) => JSON.parse(res.text);

// The seeds' matrix, written as they print it: rows dependency 3, 2, 1;
// columns importance 1, 2, 3.
const MATRIX = { 3: ["b", "a", "s"], 2: ["c", "b", "a"], 1: ["d", "c", "b"] };
const priority = (imp, dep) => MATRIX[dep][imp - 1];
// Hours per priority in the three examples; null where there are none.
const TABLES = {
	ex1: { s: 0, a: 12, b: 24, c: 72, d: null },
	ex2: { s: 3, a: 6, b: 24, c: 72, d: null },
	ex3: { s: 17, a: 24, b: 72, c: 168, d: null },
};

test("every cell of the matrix, under each example table and the organisation's own", async () => {
	const ids = {};
	for (let imp = 1; imp <= 3; imp++)
		for (let dep = 1; dep <= 3; dep++) {
			const res = await api("POST", `/api/v1/orgs/${org}/processes`, { name: `業務${imp}${dep}`, importance: imp, dependency: dep, reentry_hours: 8 });
			assert.equal(res.status, 201, res.text);
			const row = json(res);
			assert.equal(row.priority, priority(imp, dep), `importance ${imp} dependency ${dep}`);
			assert.equal(row.rto_hours, TABLES.ex1[row.priority], "the first example until one is chosen");
			ids[`${imp}${dep}`] = row.id;
		}
	let bcp = json(await api("GET", `/api/v1/orgs/${org}/bcp`));
	assert.equal(bcp.preset, "ex1");
	assert.equal(bcp.rev, 0);
	assert.equal(bcp.processes.length, 9);
	let rev = 0;
	for (const preset of ["ex2", "ex3", "ex1"]) {
		const res = await api("PUT", `/api/v1/orgs/${org}/bcp`, { preset, rev });
		assert.equal(res.status, 200, res.text);
		bcp = json(res);
		assert.equal(bcp.rev, ++rev);
		assert.equal(bcp.preset, preset);
		assert.deepEqual(bcp.rto, TABLES[preset]);
		for (const p of bcp.processes) {
			const [imp, dep] = [p.importance, p.dependency];
			assert.equal(p.priority, priority(imp, dep));
			assert.equal(p.rto_hours, TABLES[preset][p.priority], `${preset} ${p.name}`);
			assert.equal(typeof p.rto_label, "string");
			assert.ok(p.rto_label.length > 0);
		}
		// the register's own rows say the same
		const row = json(await api("GET", `/api/v1/orgs/${org}/processes/${ids["33"]}`));
		assert.equal(row.rto_hours, TABLES[preset].s);
		assert.equal(row.rto_label, `${preset}.s`);
	}
	// D has no hours in any example: the label says what the table says
	const d = bcp.processes.find((p) => p.priority === "d");
	assert.equal(d.rto_hours, null);
	// the organisation's own table
	const own = { s: 2, a: 5, b: 30, c: null, d: 400 };
	const res = await api("PUT", `/api/v1/orgs/${org}/bcp`, { preset: "own", own, rev });
	assert.equal(res.status, 200, res.text);
	bcp = json(res);
	rev++;
	assert.deepEqual(bcp.own, own);
	for (const p of bcp.processes)
		assert.equal(p.rto_hours, own[p.priority], p.name);
	// a stale save changes nothing
	const stale = await api("PUT", `/api/v1/orgs/${org}/bcp`, { preset: "ex2", rev: rev - 1 });
	assert.equal(stale.status, 409);
	assert.equal(json(stale).rev, rev);
	const none = await api("PUT", `/api/v1/orgs/${org}/bcp`, { preset: "ex2" });
	assert.equal(none.status, 409, "once set, a save names the revision it saw");
	assert.equal(json(await api("GET", `/api/v1/orgs/${org}/bcp`)).preset, "own");
	// bad values
	for (const [body, field, code] of [
		[{ preset: "ex9", rev }, "preset", "unknown_key"],
		[{ rev }, "preset", "required"],
		[{ preset: "own", own: { s: 9000 }, rev }, "own.s", "out_of_range"],
		[{ preset: "own", own: { a: "soon" }, rev }, "own.a", "not_integer"],
	]) {
		const bad = await api("PUT", `/api/v1/orgs/${org}/bcp`, body);
		assert.equal(bad.status, 422, JSON.stringify(body));
		const e = json(bad).errors[0];
		assert.equal(e.field, field);
		assert.equal(e.code, code);
		assert.ok(e.message.length > 0);
	}
	// levels outside 1–3
	const lvl = await api("POST", `/api/v1/orgs/${org}/processes`, { name: "範囲外", importance: 4, dependency: 0 });
	assert.equal(lvl.status, 422);
	assert.deepEqual(json(lvl).errors.map((e) => [e.field, e.code]).sort(), [["dependency", "out_of_range"], ["importance", "out_of_range"]]);
	// back to an example for the tests below
	assert.equal((await api("PUT", `/api/v1/orgs/${org}/bcp`, { preset: "ex2", rev })).status, 200);
});

// 3-2-1 computed here: the gaps in the order the API names them.
function missing(s) {
	const m = [];
	if (s.copies < 3) m.push("copies");
	if (new Set(s.media).size < 2) m.push("media");
	if (!(s.offline_offsite >= 1)) m.push("offline_offsite");
	return m;
}

test("systems: 3-2-1, the restore test, the data a restore loses, the provisional steps against the RTO", async () => {
	const procs = json(await api("GET", `/api/v1/orgs/${org}/processes`)).rows;
	const s33 = procs.find((p) => p.name === "業務33");	// S: 3 h under ex2
	const a23 = procs.find((p) => p.name === "業務23");	// A: 6 h
	const today = new Date(Date.now() + 9 * 3600e3).toISOString().slice(0, 10);
	const sys = { name: "販売管理", processes: [s33.id, a23.id], copies: 2, media: ["nas"], offline: 0, offsite: 1, offline_offsite: 0, frequency_hours: 24, last_restore_test: today, restore_result: "ok", restore_minutes: 240 };
	const res = await api("POST", `/api/v1/orgs/${org}/systems`, sys);
	assert.equal(res.status, 201, res.text);
	const row = json(res);
	assert.deepEqual(row.processes, [s33.id, a23.id].sort((x, y) => x - y));
	assert.equal(row.rule_321_ok, false);
	assert.deepEqual(row.rule_321_missing, missing(sys));
	let bcp = json(await api("GET", `/api/v1/orgs/${org}/bcp`));
	let v = bcp.systems.find((s) => s.id === row.id);
	assert.deepEqual(v.rule_321, { ok: false, missing: missing(sys) });
	assert.equal(v.rto_hours, 3, "the tightest of its processes");
	// 240 minutes against 3 hours; 24 hours lost against 8 re-entered
	assert.deepEqual(v.warnings, ["test_slow", "loss"]);
	const slow = unescape((await admin.get(`/o/${org}/bcp`)).text);
	assert.ok(slow.includes(`戻す試験に${sys.restore_minutes}分かかりましたが、この仕組みを使う業務の目標は3時間以内です`), "the slow test in words");

	// fixed: three copies on two media, one offline and off-site, a
	// restore in 2 hours, a backup every 6 hours
	const fixed = { ...sys, copies: 3, media: ["nas", "cloud"], offline: 1, offline_offsite: 1, restore_minutes: 120, frequency_hours: 6, rev: row.rev };
	const put = await api("PUT", `/api/v1/orgs/${org}/systems/${row.id}`, fixed);
	assert.equal(put.status, 200, put.text);
	assert.equal(json(put).rule_321_ok, true);
	assert.deepEqual(json(put).rule_321_missing, []);
	bcp = json(await api("GET", `/api/v1/orgs/${org}/bcp`));
	v = bcp.systems.find((s) => s.id === row.id);
	assert.deepEqual(v.rule_321, { ok: true, missing: [] });
	assert.deepEqual(v.warnings, []);

	// provisional steps: 60 + 90 + 45 = 195 minutes against 180
	const steps = [[0, 60], [2, 90], [3, 45]];
	for (const [step, minutes] of steps) {
		const r = await api("POST", `/api/v1/orgs/${org}/recovery`, { system: row.id, stage: "provisional", step, action: `手順${step}`, owner: "総務", minutes });
		assert.equal(r.status, 201, r.text);
	}
	// a permanent step does not count toward the provisional sum
	assert.equal((await api("POST", `/api/v1/orgs/${org}/recovery`, { system: row.id, stage: "permanent", step: 7, action: "本番へ戻す", minutes: 600 })).status, 201);
	bcp = json(await api("GET", `/api/v1/orgs/${org}/bcp`));
	v = bcp.systems.find((s) => s.id === row.id);
	const sum = steps.reduce((t, [, m]) => t + m, 0);
	assert.equal(v.steps_minutes, sum);
	assert.equal(v.steps_miss_minutes, sum - 3 * 60);
	assert.deepEqual(v.warnings, ["steps_slow"]);
	assert.deepEqual(bcp.warnings, ["steps_slow"]);
	// the BCP page says the same figures in words
	const page = unescape((await admin.get(`/o/${org}/bcp`)).text);
	const art = page.match(new RegExp(`<article class="bcp-system" id="sys-${row.id}">([\\s\\S]*?)</article>`))[1];
	assert.ok(art.includes(`目標復旧時間：3時間以内／仮の復旧の手順の合計：${sum}分`), "target and sum on the page");
	assert.ok(art.includes(`いちばん厳しい目標時間を${sum - 3 * 60}分超えます`), "the miss on the page");

	// bad values, each a field error, nothing stored
	const before = json(await api("GET", `/api/v1/orgs/${org}/systems`)).total;
	for (const [body, field, code] of [
		[{ ...sys, name: "A", copies: 2, offline: 3 }, "offline", "exceeds"],
		[{ ...sys, name: "B", last_restore_test: "2999-01-01" }, "last_restore_test", "future"],
		[{ ...sys, name: "C", media: ["nas", "floppy"] }, "media", "unknown_key"],
		[{ ...sys, name: "D", processes: [999999] }, "processes", "no_such_row"],
		[{ ...sys, name: "E", offline: 1, offsite: 1, offline_offsite: 2 }, "offline_offsite", "out_of_range"],
	]) {
		const bad = await api("POST", `/api/v1/orgs/${org}/systems`, body);
		assert.equal(bad.status, 422, `${field}: ${bad.text}`);
		assert.ok(json(bad).errors.some((e) => e.field === field && e.code === code), `${field} ${code}: ${bad.text}`);
	}
	assert.equal(json(await api("GET", `/api/v1/orgs/${org}/systems`)).total, before);
	const step5 = await api("POST", `/api/v1/orgs/${org}/recovery`, { system: row.id, stage: "provisional", step: 5, action: "x" });
	assert.equal(step5.status, 422);
	assert.equal(json(step5).errors[0].field, "step");
	const phone = await api("POST", `/api/v1/orgs/${org}/contacts`, { target: "power", owner: "総務部長", phone: "call me" });
	assert.equal(phone.status, 422);
	assert.equal(json(phone).errors[0].code, "bad_format");
	const ok = await api("POST", `/api/v1/orgs/${org}/contacts`, { target: "power", owner: "総務部長", company: "電力会社", phone: "0120-000-000" });
	assert.equal(ok.status, 201, ok.text);
	// a process a system uses cannot be deleted under it
	const del = await api("DELETE", `/api/v1/orgs/${org}/processes/${s33.id}?rev=${s33.rev}`);
	assert.equal(del.status, 409);
});

test("another organisation sees none of it", async () => {
	const mine = json(await api("GET", `/api/v1/orgs/${org}/systems`)).rows[0];
	assert.equal((await api("GET", `/api/v1/orgs/${other}/systems/${mine.id}`)).status, 404);
	const theirs = json(await api("GET", `/api/v1/orgs/${other}/bcp`));
	assert.equal(theirs.processes.length, 0);
	assert.equal(theirs.systems.length, 0);
	assert.equal(theirs.preset, "ex1");
	// their system cannot name our processes
	const procs = json(await api("GET", `/api/v1/orgs/${org}/processes`)).rows;
	const bad = await api("POST", `/api/v1/orgs/${other}/systems`, { name: "X", copies: 1, processes: [procs[0].id] });
	assert.equal(bad.status, 422);
	assert.equal(json(bad).errors[0].code, "no_such_row");
});

// POST a form with the CSRF token of the page at from; a list value is
// posted once per item, as ticked boxes are.
async function post(from, action, fields) {
	const page = await admin.get(from);
	const pairs = [["_csrf", csrfOf(page.text) ?? ""]];
	for (const [k, v] of Object.entries(fields))
		for (const x of Array.isArray(v) ? v : [v]) pairs.push([k, String(x)]);
	return admin.post(action, pairs);
}

test("the pages: a system added through its form with boxes ticked, an error kept beside its field, the starters", async () => {
	for (const reg of ["processes", "systems", "recovery", "contacts", "disruptions"]) {
		const list = await admin.get(`/o/${org}/r/${reg}`);
		assert.equal(list.status, 200, reg);
		assert.equal((await admin.get(`/o/${org}/r/${reg}/new`)).status, 200, reg);
	}
	const procs = json(await api("GET", `/api/v1/orgs/${org}/processes`)).rows;
	const form = await admin.get(`/o/${org}/r/systems/new`);
	// the media and the processes are boxes to tick
	assert.match(form.text, /type="checkbox" name="media" value="nas"/);
	assert.match(form.text, new RegExp(`type="checkbox" name="processes" value="${procs[0].id}"`));
	const base = `/o/${org}/r/systems`;
	const bad = await post(`${base}/new`, `${base}/new`, { name: "経理フォーム", copies: "2", offline: "5", media: ["nas", "usb"], processes: [procs[0].id, procs[1].id] });
	assert.equal(bad.status, 422);
	assert.match(bad.text, /全部のコピーの数（2）より多くはできません/);
	// the ticks are kept
	assert.match(bad.text, /name="media" value="nas" id="[^"]*" checked/);
	assert.match(bad.text, /name="media" value="usb" id="[^"]*" checked/);
	assert.doesNotMatch(bad.text, /name="media" value="cloud" id="[^"]*" checked/);
	const ok = await post(`${base}/new`, `${base}/new`, { name: "経理フォーム", copies: "3", offline: "1", offsite: "1", offline_offsite: "1", media: ["nas", "usb"], processes: [procs[0].id, procs[1].id] });
	assert.equal(ok.status, 303, ok.text.slice(0, 500));
	const id = +ok.location.match(/\/r\/systems\/(\d+)/)[1];
	const row = json(await api("GET", `/api/v1/orgs/${org}/systems/${id}`));
	assert.deepEqual(row.media, ["nas", "usb"], "in the order of the set");
	assert.deepEqual(row.processes, [procs[0].id, procs[1].id].sort((a, b) => a - b));
	assert.equal(row.rule_321_ok, true);
	// the row page names the processes and the media in words
	const page = unescape((await admin.get(`${base}/${id}`)).text);
	assert.ok(page.includes(procs[0].name) && page.includes(procs[1].name));
	assert.match(page, /NAS/);
	// the assumed incidents and the contacts start from the pack's lists
	const dl = await admin.get(`/o/${org}/r/disruptions`);
	assert.match(dl.text, /name="starter" value="earthquake"/);
	const cl = await admin.get(`/o/${org}/r/contacts`);
	assert.match(cl.text, /name="starter" value="power"/);
	const added = await post(`/o/${org}/r/disruptions`, `/o/${org}/r/disruptions/starters`, { starter: ["earthquake", "ransomware"] });
	assert.equal(added.status, 303, added.text.slice(0, 300));
	const rows = json(await api("GET", `/api/v1/orgs/${org}/disruptions`)).rows;
	assert.deepEqual(rows.map((r) => r.kind).sort(), ["earthquake", "ransomware"]);
	for (const r of rows)
		assert.ok(r.layers.length > 0, `${r.kind} hits some layer`);
});

test("the BCP page: the class and its measures to the plan, the grid counted, the table chosen by form, steps drafted", async () => {
	const page = await admin.get(`/o/${org}/bcp`);
	assert.equal(page.status, 200);
	const api_ = json(await api("GET", `/api/v1/orgs/${org}/bcp`));
	const labels = { matsu: "松", take: "竹", ume: "梅" };
	assert.ok(api_.class in labels, `class ${api_.class}`);
	assert.match(unescape(page.text), new RegExp(`システムへの頼り具合：${labels[api_.class]}`));
	// the grid: each cell's count from the processes, by the test's own count
	const procs = json(await api("GET", `/api/v1/orgs/${org}/processes`)).rows;
	for (let imp = 1; imp <= 3; imp++)
		for (let dep = 1; dep <= 3; dep++) {
			const n = procs.filter((p) => p.importance === imp && p.dependency === dep).length;
			const pr = priority(imp, dep).toUpperCase();
			assert.match(page.text, new RegExp(`<title>大切さ${imp}・頼り具合${dep}：${pr}[^、<]*、${n}件</title>`), `cell ${imp} ${dep}`);
		}
	// the same counts in the table beside the chart, row by row
	const table = page.text.match(/<table class="table bcp-grid"[\s\S]*?<\/table>/)[0];
	const rows = [...table.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => [...m[1].matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((c) => c[1])).filter((r) => r.length === 4);
	assert.equal(rows.length, 3);
	for (const [dep, ...cells] of rows)
		cells.forEach((cell, j) => {
			const n = procs.filter((p) => p.importance === j + 1 && p.dependency === +dep).length;
			assert.equal(cell, `${n}件（${priority(j + 1, +dep).toUpperCase()}）`, `row ${dep} column ${j + 1}`);
		});
	// a measure becomes a plan row with its source
	const m = page.text.match(/name="source" value="(bcp:[a-z]+\.m1)"/);
	assert.ok(m, "a measure offers its button");
	const before = json(await api("GET", `/api/v1/orgs/${org}/plan`)).total;
	const res = await post(`/o/${org}/bcp`, `/o/${org}/bcp/plan`, { source: m[1] });
	assert.equal(res.status, 303);
	const plan = json(await api("GET", `/api/v1/orgs/${org}/plan`));
	assert.equal(plan.total, before + 1);
	assert.ok(plan.rows.some((p) => p.source === m[1] && p.measure.length > 5));
	assert.equal((await post(`/o/${org}/bcp`, `/o/${org}/bcp/plan`, { source: "bcp:nosuch.m1" })).status, 400);

	// the table by form: a bad own value keeps the others, a stale form is refused
	let bcp = json(await api("GET", `/api/v1/orgs/${org}/bcp`));
	const bad = await post(`/o/${org}/bcp`, `/o/${org}/bcp/rto`, { rev: bcp.rev, preset: "own", own_s: "4", own_a: "abc", own_b: "30" });
	assert.equal(bad.status, 422);
	assert.match(bad.text, /name="own_a"[^>]*value="abc"/);
	assert.match(bad.text, /name="own_s"[^>]*value="4"/);
	assert.match(bad.text, /field-error[\s\S]*?own_a/);
	assert.equal(json(await api("GET", `/api/v1/orgs/${org}/bcp`)).rev, bcp.rev, "nothing stored");
	const stale = await post(`/o/${org}/bcp`, `/o/${org}/bcp/rto`, { rev: bcp.rev - 1, preset: "ex3" });
	assert.equal(stale.status, 409);
	const ok = await post(`/o/${org}/bcp`, `/o/${org}/bcp/rto`, { rev: bcp.rev, preset: "own", own_s: "4", own_a: "", own_b: "30", own_c: "", own_d: "" });
	assert.equal(ok.status, 303, ok.text.slice(0, 300));
	bcp = json(await api("GET", `/api/v1/orgs/${org}/bcp`));
	assert.equal(bcp.preset, "own");
	assert.deepEqual(bcp.own, { s: 4, a: null, b: 30, c: null, d: null });
	for (const p of bcp.processes)
		assert.equal(p.rto_hours, bcp.own[p.priority]);
	const again = await admin.get(`/o/${org}/bcp`);
	assert.match(again.text, /4時間以内/);

	// draft steps for a system without any
	const sys = json(await api("POST", `/api/v1/orgs/${org}/systems`, { name: "手順なし", copies: 1 }));
	const recBefore = json(await api("GET", `/api/v1/orgs/${org}/recovery`)).total;
	const st = await post(`/o/${org}/bcp`, `/o/${org}/bcp/steps`, { system: sys.id });
	assert.equal(st.status, 303);
	const rec = json(await api("GET", `/api/v1/orgs/${org}/recovery`)).rows.filter((s) => s.system === sys.id);
	assert.equal(rec.length, 12);
	assert.deepEqual(rec.filter((s) => s.stage === "provisional").map((s) => s.step).sort(), [0, 1, 2, 3, 4]);
	assert.deepEqual(rec.filter((s) => s.stage === "permanent").map((s) => s.step).sort(), [1, 2, 3, 4, 5, 6, 7]);
	assert.equal(json(await api("GET", `/api/v1/orgs/${org}/recovery`)).total, recBefore + 12);
	// twice: nothing more
	await post(`/o/${org}/bcp`, `/o/${org}/bcp/steps`, { system: sys.id });
	assert.equal(json(await api("GET", `/api/v1/orgs/${org}/recovery`)).total, recBefore + 12);
	// another organisation's system: not found
	const theirs = json(await api("POST", `/api/v1/orgs/${other}/systems`, { name: "他社", copies: 1 }));
	assert.equal((await post(`/o/${org}/bcp`, `/o/${org}/bcp/steps`, { system: theirs.id })).status, 404);
});

test("the organisation's home: continuity in the map of the cycle, counted", async () => {
	const procs = json(await api("GET", `/api/v1/orgs/${org}/processes`)).rows;
	const systems = json(await api("GET", `/api/v1/orgs/${org}/systems`)).rows;
	const first = procs.filter((p) => p.priority === "s" || p.priority === "a").length;
	const short = systems.filter((s) => !s.rule_321_ok).length;
	assert.ok(first > 0 && short > 0, "the counts are not trivially zero");
	const home = unescape((await admin.get(`/o/${org}`)).text);
	assert.ok(home.includes(`業務${procs.length}件のうち最初に戻すもの${first}件・3-2-1を満たさないシステム${short}件`), "the map counts them");
	assert.match(home, new RegExp(`href="/o/${org}/bcp"`));
});
