// The register API (/api/v1/orgs/{org}/{register}[/{id}]): rows with id,
// rev and derived fields; field errors as 422 {"errors": […]}; a stale
// PUT or DELETE is 409 with the stored row and changes nothing; another
// organisation's rows do not exist; members read, only admins write.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
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
