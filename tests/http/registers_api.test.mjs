// The register API (/api/v1/orgs/{org}/{register}[/{id}]): rows with id,
// rev and derived fields; field errors as 422 {"errors": […]}; a stale
// PUT or DELETE is 409 with the stored row and changes nothing; another
// organisation's rows do not exist; members read, only admins write.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { startServer, Client, firstAdmin, makeOrg, inviteUser } from "./lib.mjs";

let srv, admin, org, other, auth, member;
before(async () => {
	srv = await startServer();
	admin = await firstAdmin(srv);
	org = await makeOrg(admin);
	other = await makeOrg(admin, { name: "別会社" });
	const page = await admin.get("/account");
	const csrf = page.text.match(/name="_csrf" value="([^"]+)"/)[1];
	const tok = await admin.post("/account/token", { _csrf: csrf });
	auth = { authorization: "Bearer " + tok.text.match(/<code class="secret">([^<]+)<\/code>/)[1] };
	member = await inviteUser(admin, srv, org, "member@example.jp", "member");
});
after(async () => { await srv?.stop(); });

const api = (m, p, body, h = auth) => admin.req(m, p, {
	body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
	headers: { ...h, "content-type": "application/json" },
});
const json = (res) => JSON.parse(res.text);

// The importance rule, computed here on its own: the highest of C, I and
// A; personal data at least 2; sensitive or My Number data 3.
function importance(a) {
	let m = Math.max(a.c, a.i, a.a);
	if (a.personal === "personal") m = Math.max(m, 2);
	if (a.personal === "sensitive" || a.personal === "mynumber") m = 3;
	return m;
}

test("rows go in and come back with id, rev and their importance", async () => {
	const kinds = ["none", "personal", "sensitive", "mynumber", undefined];
	let seed = 12345;
	const rnd = (n) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
	const made = [];
	for (let k = 0; k < 30; k++) {
		const a = { name: `資産${k}`, c: 1 + rnd(3), i: 1 + rnd(3), a: 1 + rnd(3) };
		const p = kinds[rnd(kinds.length)];
		if (p) a.personal = p;
		const res = await api("POST", `/api/v1/orgs/${org}/assets`, a);
		assert.equal(res.status, 201, res.text);
		const row = json(res);
		assert.equal(row.rev, 1);
		assert.ok(row.id > 0);
		assert.equal(row.importance, importance(a), `${JSON.stringify(a)}`);
		assert.equal(res.headers.get("location"), `/api/v1/orgs/${org}/assets/${row.id}`);
		made.push({ ...a, id: row.id });
	}
	const list = json(await api("GET", `/api/v1/orgs/${org}/assets`));
	assert.equal(list.total, 30);
	assert.equal(list.rows.length, 30);
	for (const a of made) {
		const row = list.rows.find((r) => r.id === a.id);
		assert.equal(row.importance, importance(a));
		assert.equal(row.c, a.c);
		assert.equal(row.personal, a.personal ?? null);
	}
	// default order: importance, highest first, then id
	const imps = list.rows.map((r) => r.importance);
	assert.deepEqual(imps, [...imps].sort((x, y) => y - x));
	// filters and search
	const mine = json(await api("GET", `/api/v1/orgs/${org}/assets?personal=mynumber`));
	assert.equal(mine.count, made.filter((a) => a.personal === "mynumber").length);
	assert.ok(mine.rows.every((r) => r.personal === "mynumber" && r.importance === 3));
	const one = json(await api("GET", `/api/v1/orgs/${org}/assets?q=${encodeURIComponent("資産17")}`));
	assert.equal(one.count, 1);
	assert.equal(one.rows[0].name, "資産17");
	const byName = json(await api("GET", `/api/v1/orgs/${org}/assets?sort=name&dir=desc`));
	assert.deepEqual(byName.rows.map((r) => r.name), made.map((a) => a.name).sort().reverse());
	assert.equal((await api("GET", `/api/v1/orgs/${org}/assets?sort=colour`)).status, 422);
	assert.equal((await api("GET", `/api/v1/orgs/${org}/assets?personal=lots`)).status, 422);
	// a member reads
	const m = await member.get(`/api/v1/orgs/${org}/assets`);
	assert.equal(m.status, 200);
	assert.equal(json(m).total, 30);
});

test("each bad field is a 422 naming it, and nothing is stored", async () => {
	const before = json(await api("GET", `/api/v1/orgs/${org}/assets`)).total;
	const cases = [
		[{ name: "x", c: 0, i: 1, a: 1 }, "c", "out_of_range"],
		[{ name: "x", c: 4, i: 1, a: 1 }, "c", "out_of_range"],
		[{ name: "x", c: 1, i: 1, a: 1, media: "stone" }, "media", "unknown_key"],
		[{ name: "", c: 1, i: 1, a: 1 }, "name", "required"],
		[{ name: "x", c: 1, i: 1 }, "a", "required"],
		[{ name: "x", c: 1, i: 1, a: 1, importance: 3 }, "importance", "read_only"],
		[{ name: "x", c: 1, i: 1, a: 1, colour: "red" }, "colour", "unknown_field"],
		[{ name: "x", c: "high", i: 1, a: 1 }, "c", "not_integer"],
		[{ name: "x".repeat(101), c: 1, i: 1, a: 1 }, "name", "too_long"],
		[{ name: "a\u0001b", c: 1, i: 1, a: 1 }, "name", "encoding"],
	];
	for (const [body, field, code] of cases) {
		const res = await api("POST", `/api/v1/orgs/${org}/assets`, body);
		assert.equal(res.status, 422, JSON.stringify(body));
		const errs = json(res).errors;
		assert.ok(errs.some((e) => e.field === field && e.code === code && e.message.length > 0),
			`${JSON.stringify(body)} → ${res.text}`);
	}
	const bad = await api("POST", `/api/v1/orgs/${org}/assets`, "{not json");
	assert.equal(bad.status, 422);
	assert.equal(json(await api("GET", `/api/v1/orgs/${org}/assets`)).total, before);
});

test("a stale PUT or DELETE is 409 with the stored row and changes nothing", async () => {
	const made = json(await api("POST", `/api/v1/orgs/${org}/assets`, { name: "見積書", c: 2, i: 2, a: 1 }));
	const p = `/api/v1/orgs/${org}/assets/${made.id}`;
	const first = await api("PUT", p, { rev: 1, name: "見積書（控え）", c: 3, i: 2, a: 1 });
	assert.equal(first.status, 200, first.text);
	assert.equal(json(first).rev, 2);
	assert.equal(json(first).importance, 3);
	const late = await api("PUT", p, { rev: 1, name: "古い編集", c: 1, i: 1, a: 1 });
	assert.equal(late.status, 409);
	assert.equal(json(late).current.name, "見積書（控え）");
	assert.equal(json(late).current.rev, 2);
	assert.equal((await api("PUT", p, { name: "no rev", c: 1, i: 1, a: 1 })).status, 422);
	assert.equal((await api("DELETE", p + "?rev=1")).status, 409);
	assert.equal((await api("DELETE", p)).status, 422);
	const now = json(await api("GET", p));
	assert.equal(now.name, "見積書（控え）");
	assert.equal(now.rev, 2);
	assert.equal(now.updated_by, "admin@example.jp");
	assert.equal((await api("DELETE", p + "?rev=2")).status, 204);
	assert.equal((await api("GET", p)).status, 404);
	assert.equal((await api("PUT", p, { rev: 3, name: "x", c: 1, i: 1, a: 1 })).status, 404);
});

test("another organisation's rows do not exist, and members cannot write", async () => {
	const made = json(await api("POST", `/api/v1/orgs/${org}/assets`, { name: "図面", c: 3, i: 3, a: 2 }));
	const theirs = `/api/v1/orgs/${other}/assets/${made.id}`;
	assert.equal((await api("GET", theirs)).status, 404);
	assert.equal((await api("PUT", theirs, { rev: 1, name: "x", c: 1, i: 1, a: 1 })).status, 404);
	assert.equal((await api("DELETE", theirs + "?rev=1")).status, 404);
	assert.equal(json(await api("GET", `/api/v1/orgs/${other}/assets`)).total, 0);
	assert.equal(json(await api("GET", `/api/v1/orgs/${org}/assets/${made.id}`)).name, "図面");
	// an unknown register
	assert.equal((await api("GET", `/api/v1/orgs/${org}/widgets`)).status, 404);
	assert.equal((await api("GET", `/api/v1/orgs/${org}/widgets/1`)).status, 404);
	// a member reads but does not write; a stranger sees nothing
	assert.equal((await member.get(`/api/v1/orgs/${org}/assets/${made.id}`)).status, 200);
	const page = await member.get("/account");
	const csrf = page.text.match(/name="_csrf" value="([^"]+)"/)[1];
	const w = await member.req("POST", `/api/v1/orgs/${org}/assets`, {
		body: JSON.stringify({ name: "x", c: 1, i: 1, a: 1 }),
		headers: { "content-type": "application/json", "x-csrf-token": csrf },
	});
	assert.equal(w.status, 403);
	assert.equal((await member.get(`/api/v1/orgs/${other}/assets`)).status, 404);
	// a session without the CSRF token cannot write (no Bearer token)
	const nocsrf = await admin.req("PUT", `/api/v1/orgs/${org}/assets/${made.id}`, {
		body: JSON.stringify({ rev: 1, name: "x", c: 1, i: 1, a: 1 }),
		headers: { "content-type": "application/json" },
	});
	assert.equal(nocsrf.status, 403);
	assert.equal(json(await api("GET", `/api/v1/orgs/${org}/assets/${made.id}`)).rev, 1);
});

test("the audit log names each change", async () => {
	const page = await admin.get(`/o/${org}/audit`);
	assert.equal(page.status, 200);
	assert.match(page.text, /台帳に行を加えました/);
	assert.match(page.text, /台帳の行を書き換えました/);
	assert.match(page.text, /台帳の行を消しました/);
	assert.match(page.text, /情報資産管理台帳 · No\.\d+ · 見積書/);
});

// IPA's conversion (threat, vulnerability) → likelihood, written out.
const LIKELIHOOD = { "3,3": 3, "3,2": 2, "2,3": 2 };
const likelihood = (t, v) => LIKELIHOOD[`${t},${v}`] ?? 1;
const band = (x) => x >= 6 ? "high" : x >= 3 ? "mid" : "low";

test("risks name an asset of their own organisation and carry its importance × likelihood", async () => {
	const threats = json(await api("GET", "/api/v1/catalogue/threats"));
	const assets = [];
	for (const a of [{ name: "R資産1", c: 3, i: 1, a: 1 }, { name: "R資産2", c: 1, i: 2, a: 1 }, { name: "R資産3", c: 1, i: 1, a: 1, personal: "none" }]) {
		const row = json(await api("POST", `/api/v1/orgs/${org}/assets`, a));
		assets.push({ ...a, id: row.id, importance: importance(a) });
	}
	const made = [];
	for (let k = 0; k < 27; k++) {
		const a = assets[k % 3], t = 1 + (Math.floor(k / 3) % 3), v = 1 + (Math.floor(k / 9) % 3);
		const res = await api("POST", `/api/v1/orgs/${org}/risks`, {
			asset: a.id, threat: threats[k % threats.length].key, threat_level: t, vulnerability: v,
			treatment: "reduce",
		});
		assert.equal(res.status, 201, res.text);
		const row = json(res);
		const want = a.importance * likelihood(t, v);
		assert.equal(row.likelihood, likelihood(t, v), `t${t} v${v}`);
		assert.equal(row.value, want);
		assert.equal(row.band, band(want));
		made.push({ id: row.id, asset: a, t, v });
	}
	const list = json(await api("GET", `/api/v1/orgs/${org}/risks`));
	assert.equal(list.total, 27);
	for (const m of made) {
		const row = list.rows.find((r) => r.id === m.id);
		assert.equal(row.value, m.asset.importance * likelihood(m.t, m.v));
	}
	// another organisation's asset, or none, cannot be named
	const theirs = json(await api("POST", `/api/v1/orgs/${other}/assets`, { name: "よそ", c: 1, i: 1, a: 1 }));
	const bad = await api("POST", `/api/v1/orgs/${org}/risks`, { asset: theirs.id, threat: threats[0].key, threat_level: 1, vulnerability: 1 });
	assert.equal(bad.status, 422);
	assert.deepEqual(json(bad).errors.map((e) => [e.field, e.code]), [["asset", "no_such_row"]]);
	// raising an asset's importance raises its risks' values
	const a = assets[2];
	const up = await api("PUT", `/api/v1/orgs/${org}/assets/${a.id}`, { rev: 1, name: a.name, c: 1, i: 1, a: 1, personal: "mynumber" });
	assert.equal(json(up).importance, 3);
	const after = json(await api("GET", `/api/v1/orgs/${org}/risks`));
	for (const m of made.filter((x) => x.asset === a))
		assert.equal(after.rows.find((r) => r.id === m.id).value, 3 * likelihood(m.t, m.v));
	// an asset with risks cannot be deleted; the refusal says how many
	const del = await api("DELETE", `/api/v1/orgs/${org}/assets/${a.id}?rev=2`);
	assert.equal(del.status, 409);
	assert.deepEqual(json(del), { error: "in_use", referrers: 9 });
	assert.equal((await api("GET", `/api/v1/orgs/${org}/assets/${a.id}`)).status, 200);
	// the list sorts by value, highest first
	const vals = after.rows.map((r) => r.value);
	assert.deepEqual(vals, [...vals].sort((x, y) => y - x));
	// filter by band
	const high = json(await api("GET", `/api/v1/orgs/${org}/risks?band=high`));
	assert.ok(high.rows.every((r) => r.value >= 6));
	assert.equal(high.count, after.rows.filter((r) => r.value >= 6).length);
});

const csvPost = (p, text, type = "text/csv; charset=utf-8") => admin.req("POST", p, {
	body: text, headers: { ...auth, "content-type": type },
});

test("a CSV file goes in whole, with keys or Japanese labels, UTF-8 or CP932", async () => {
	const fresh = await makeOrg(admin, { name: "CSV株式会社" });
	const p = `/api/v1/orgs/${fresh}/assets`;
	// keys, a BOM, a quoted cell with a comma, a line break and quotes
	const a = "\uFEFFname,c,i,a,personal,note\r\n顧客名簿,3,2,2,personal,\"一行目\r\n二行目, \"\"引用\"\"\"\r\n見積書,1,1,1,,\r\n";
	let res = await csvPost(p, a);
	assert.equal(res.status, 201, res.text);
	assert.deepEqual(json(res), { added: 2 });
	// Japanese labels, enum labels, a derived column read past
	const b = "情報資産の名前,機密性,完全性,可用性,個人情報,重要度\n給与データ,1,1,1,マイナンバー（特定個人情報）,1\n";
	res = await csvPost(p, b);
	assert.equal(res.status, 201, res.text);
	// CP932, as Excel in Japan saves it
	const sjis = execFileSync("iconv", ["-f", "UTF-8", "-t", "CP932"], { input: "情報資産の名前,機密性,完全性,可用性\n図面,3,3,2\n" });
	res = await admin.req("POST", p, { body: sjis, headers: { ...auth, "content-type": "text/csv" } });
	assert.equal(res.status, 201, res.text);
	const list = json(await api("GET", `${p}?sort=name`));
	assert.equal(list.total, 4);
	const by = Object.fromEntries(list.rows.map((r) => [r.name, r]));
	assert.equal(by["顧客名簿"].note, "一行目\n二行目, \"引用\"");
	assert.equal(by["顧客名簿"].importance, 3);
	assert.equal(by["給与データ"].personal, "mynumber");
	assert.equal(by["給与データ"].importance, 3);
	assert.equal(by["図面"].importance, 3);
	assert.equal(by["見積書"].importance, 1);
});

test("a bad CSV stores nothing and names every bad cell by line and column", async () => {
	const fresh = await makeOrg(admin, { name: "CSV誤り株式会社" });
	const p = `/api/v1/orgs/${fresh}/assets`;
	const text = [
		"name,c,i,a,media,note",	// 1
		"良い行,1,1,1,paper,",		// 2
		"名前,0,1,1,paper,\"二行の",	// 3: c = 0 (column 2)
		"メモ\"",			// 4
		",1,1,1,stone,",		// 5: name missing (1), media (5)
		"",				// 6: blank
		"ok,1,1,4,both,,extra",		// 7: a = 4 (4), extra field (7)
		"\"two\nlines\",1,1,1,,",	// 8: a line break in a one-line field
	].join("\n");
	const res = await csvPost(p, text);
	assert.equal(res.status, 422, res.text);
	const got = json(res).errors.map((e) => [e.line, e.column, e.code]);
	assert.equal(got.length, 6, res.text);
	for (const want of [[3, 2, "out_of_range"], [5, 5, "unknown_key"], [5, 1, "required"], [7, 4, "out_of_range"], [7, 7, "extra_field"], [8, 1, "encoding"]])
		assert.ok(got.some((g) => g[0] === want[0] && g[1] === want[1] && g[2] === want[2]), `${want} in ${JSON.stringify(got)}`);
	assert.ok(json(res).errors.every((e) => e.message.length > 0));
	assert.equal(json(await api("GET", p)).total, 0, "nothing stored");
	// header errors
	const h = await csvPost(p, "name,colour,c,c\nx,1,1,1\n");
	assert.equal(h.status, 422);
	const hc = json(h).errors.map((e) => [e.line, e.column, e.code]);
	assert.ok(hc.some((g) => g[1] === 2 && g[2] === "unknown_column"), JSON.stringify(hc));
	assert.ok(hc.some((g) => g[1] === 4 && g[2] === "duplicate_column"), JSON.stringify(hc));
	assert.ok(hc.some((g) => g[2] === "missing_column"), JSON.stringify(hc));	// i, a
	assert.equal((await csvPost(p, "")).status, 422);
	assert.equal(json(await csvPost(p, "name,c,i,a\n")).errors[0].code, "no_rows");
	assert.equal(json(await csvPost(p, "name,c,i,a\n\"open,1,1,1\n")).errors[0].code, "open_quote");
	// a risk naming an asset of another organisation, by line
	const r = await csvPost(`/api/v1/orgs/${fresh}/risks`, "asset,threat,threat_level,vulnerability\n999999,accident,1,1\n");
	assert.equal(r.status, 422, r.text);
	assert.deepEqual(json(r).errors.map((e) => [e.line, e.column, e.code]), [[2, 1, "no_such_row"]]);
	assert.equal(json(await api("GET", p)).total, 0);
});

test("what the register exports as CSV goes back in unchanged, formulas defused both ways", async () => {
	const from = await makeOrg(admin, { name: "書き出し元株式会社" });
	const to = await makeOrg(admin, { name: "読み込み先株式会社" });
	const rows = [
		{ name: "=1+2", c: 2, i: 1, a: 3, note: "一行目\n\"二行目\", と", personal: "sensitive", media: "both" },
		{ name: "-見積", c: 1, i: 1, a: 1, owner: "@山田" },
	];
	for (const r of rows) assert.equal((await api("POST", `/api/v1/orgs/${from}/assets`, r)).status, 201);
	const csv = await admin.get(`/o/${from}/r/assets/export.csv`);
	assert.equal(csv.status, 200);
	assert.match(csv.text, /"'=1\+2"/, "the formula is defused in the file");
	const res = await csvPost(`/api/v1/orgs/${to}/assets`, csv.text);
	assert.equal(res.status, 201, res.text);
	const back = json(await api("GET", `/api/v1/orgs/${to}/assets?sort=name`)).rows;
	const orig = json(await api("GET", `/api/v1/orgs/${from}/assets?sort=name`)).rows;
	assert.equal(back.length, 2);
	for (let k = 0; k < 2; k++)
		for (const f of ["name", "c", "i", "a", "note", "personal", "media", "owner", "importance"])
			assert.equal(back[k][f], orig[k][f], `${f} of ${orig[k].name}`);
});

test("a list page kept between views shows a change made on another node or from the command line", async () => {
	const b = await startServer([], srv.db);
	try {
		const other = new Client(b.base);
		const fresh = await makeOrg(admin, { name: "二台目株式会社" });
		const list = () => other.get(`/o/${fresh}/r/assets`, { headers: auth });
		// warm the second node's copy of the list
		for (let i = 0; i < 3; i++) assert.equal((await list()).status, 200);
		assert.doesNotMatch((await list()).text, /別ノードの資産/);
		const made = json(await api("POST", `/api/v1/orgs/${fresh}/assets`, { name: "別ノードの資産", c: 1, i: 1, a: 1 }));
		let seen = false;
		for (let t = 0; t < 40 && !seen; t++) {
			seen = /別ノードの資産/.test((await list()).text);
			if (!seen) await new Promise((r) => setTimeout(r, 50));
		}
		assert.ok(seen, "the second node shows the new asset within 2 s");
		// an edit, and a deletion, the same way
		await api("PUT", `/api/v1/orgs/${fresh}/assets/${made.id}`, { rev: 1, name: "改名した資産", c: 1, i: 1, a: 1 });
		seen = false;
		for (let t = 0; t < 40 && !seen; t++) {
			const page = (await list()).text;
			seen = /改名した資産/.test(page) && !/別ノードの資産/.test(page);
			if (!seen) await new Promise((r) => setTimeout(r, 50));
		}
		assert.ok(seen, "the second node shows the new name within 2 s");
		// this node: at once, no wait
		const here = await admin.get(`/o/${fresh}/r/assets`);
		assert.match(here.text, /改名した資産/);
		await api("DELETE", `/api/v1/orgs/${fresh}/assets/${made.id}?rev=2`);
		assert.doesNotMatch((await admin.get(`/o/${fresh}/r/assets`)).text, /改名した資産/);
	} finally {
		await b.stop();
	}
});

test("a risk names the plan row that carries its measure; that row cannot go while it does", async () => {
	const now = new Date(Date.now() + 9 * 3600e3);
	const month = `${now.getUTCFullYear()}-${String(now.getUTCMonth() + 1).padStart(2, "0")}`;
	const a = json(await api("POST", `/api/v1/orgs/${org}/assets`, { name: "計画つき資産", c: 2, i: 2, a: 2 }));
	const p = json(await api("POST", `/api/v1/orgs/${org}/plan`, { area: "technical", measure: "バックアップを毎日とる", deadline: month }));
	const r = await api("POST", `/api/v1/orgs/${org}/risks`, { asset: a.id, threat: "failure", threat_level: 2, vulnerability: 2, treatment: "reduce", plan: p.id });
	assert.equal(r.status, 201, r.text);
	assert.equal(json(r).plan, p.id);
	const del = await api("DELETE", `/api/v1/orgs/${org}/plan/${p.id}?rev=1`);
	assert.equal(del.status, 409);
	assert.deepEqual(json(del), { error: "in_use", referrers: 1 });
	const theirs = json(await api("POST", `/api/v1/orgs/${other}/plan`, { area: "human", measure: "よその計画" }));
	const bad = await api("POST", `/api/v1/orgs/${org}/risks`, { asset: a.id, threat: "failure", threat_level: 2, vulnerability: 2, plan: theirs.id });
	assert.equal(bad.status, 422);
	assert.deepEqual(json(bad).errors.map((e) => [e.field, e.code]), [["plan", "no_such_row"]]);
});
