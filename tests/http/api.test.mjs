// The JSON API's edges: a head count for `employees` lands in the band of
// content/org.yaml that contains it, bad values are refused with the field
// named, and every answer under /api/ is JSON — unknown paths (404), wrong
// methods (405 with Allow from the route table), bodies too large (413).
// Outside /api/ the HTML pages stay.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { startServer, Client, firstAdmin, cli, top } from "./lib.mjs";

let srv, admin, c, auth;
before(async () => {
	srv = await startServer(["--max-body", "4096"]);
	admin = await firstAdmin(srv);
	const t = cli(["user", "token", "admin@example.jp", "--db", srv.db]);
	assert.equal(t.status, 0, t.stderr);
	auth = { authorization: `Bearer ${t.stdout.trim()}` };
	c = new Client(srv.base);
});
after(async () => { await srv?.stop(); });

// The employee bands as the content pack has them (one flow mapping a
// line): [{key, min, max}], max 0 for the open last band.
function bands() {
	const y = readFileSync(join(top, "content/org.yaml"), "utf8");
	const block = y.slice(y.indexOf("employee_bands:"), y.indexOf("capital_bands:"));
	const out = [...block.matchAll(/key: (\w+), min: (\d+), max: (\d+)/g)]
		.map((m) => ({ key: m[1], min: +m[2], max: +m[3] }));
	assert.ok(out.length >= 2, "bands read from org.yaml");
	return out;
}

// The route table as src/pages/routes.c has it: [{method, pattern}].
function routes() {
	const src = readFileSync(join(top, "src/pages/routes.c"), "utf8");
	const out = [];
	for (const m of src.matchAll(/\b(R|BARE)\(\s*"[^"]+",\s*(?:HTTP_(GET|POST|PUT|DELETE),\s*)?"([^"]+)"/g))
		out.push({ method: m[1] === "BARE" ? "GET" : m[2], pattern: m[3] });
	assert.ok(out.length > 20, "routes read from routes.c");
	return out;
}

// route_match() of src/http/route.c, for the paths the tests make up.
function matches(pattern, path) {
	const p = pattern.split("/"), u = path.split("/");
	for (let i = 0; i < p.length; i++) {
		if (p[i] === "{*}") return i < u.length && u.slice(i).join("/") !== "";
		if (i >= u.length) return false;
		if (p[i].startsWith("{")) { if (u[i] === "") return false; }
		else if (p[i] !== u[i]) return false;
	}
	return p.length === u.length;
}

const newOrg = (employees, name = "人数テスト株式会社") => c.req("POST", "/api/v1/orgs", {
	body: JSON.stringify({ name, industry: "E", employees }),
	headers: { ...auth, "content-type": "application/json" },
});

test("a head count lands in the band of org.yaml that contains it", async () => {
	const bs = bands();
	const cases = [];
	for (const b of bs) {
		cases.push([b.min, b.key]);
		if (b.max) cases.push([b.max, b.key]);
		else cases.push([b.min + 1, b.key], [1000000, b.key]);
	}
	const mid = bs.find((b) => b.min <= 37 && (b.max === 0 || 37 <= b.max));
	cases.push([37, mid.key]);
	for (const [n, key] of cases) {
		const res = await newOrg(n);
		assert.equal(res.status, 201, `${n}: ${res.text}`);
		const body = JSON.parse(res.text);
		assert.equal(body.employees, key, `${n} people`);
		assert.ok(body.id > 0);
	}
	// a whole number written as a decimal is still a head count
	for (const n of ["37.0", "3.7e1"]) {
		const res = await c.req("POST", "/api/v1/orgs", {
			body: `{"name": "小数株式会社", "industry": "E", "employees": ${n}}`,
			headers: { ...auth, "content-type": "application/json" },
		});
		assert.equal(res.status, 201, n);
		assert.equal(JSON.parse(res.text).employees, mid.key, n);
	}
	// and a band key is still a band key, echoed as it is
	const byKey = await newOrg(bs[1].key);
	assert.equal(byKey.status, 201);
	assert.equal(JSON.parse(byKey.text).employees, bs[1].key);
	// what was stored is the band: the profile form has it selected
	const stored = JSON.parse((await newOrg(bs[2].min, "保存確認株式会社")).text);
	const page = await admin.get(`/o/${stored.id}/profile`);
	assert.equal(page.status, 200);
	assert.match(page.text, new RegExp(`<option value="${bs[2].key}" selected=""`));
});

test("a head count that is not one is refused with the field named, nothing stored", async () => {
	const before = (await admin.get("/")).text.match(/人数テスト株式会社/g)?.length ?? 0;
	const bad = [0, -1, -37, 2.5, 37.01, 1000001, 1e9, 1e300, "37", "e0", "", true, null, [], {}];
	for (const v of bad) {
		const res = await newOrg(v);
		assert.equal(res.status, 422, `${JSON.stringify(v)}: ${res.text}`);
		assert.match(res.headers.get("content-type"), /^application\/json/);
		const body = JSON.parse(res.text);
		assert.equal(body.field, "employees", JSON.stringify(v));
		assert.match(body.error, /^employees: a band key e1-e\d+ or a head count, a whole number from 1 to 1000000$/);
		assert.deepEqual(Object.keys(body).sort(), ["error", "field"]);
	}
	// a number too long for any integer type, and no employees at all
	for (const body of ['{"name": "x", "industry": "E", "employees": 99999999999999999999999}',
		'{"name": "x", "industry": "E"}']) {
		const res = await c.req("POST", "/api/v1/orgs", { body, headers: { ...auth, "content-type": "application/json" } });
		assert.equal(res.status, 422, body);
		assert.equal(JSON.parse(res.text).field, "employees");
	}
	const after = (await admin.get("/")).text.match(/人数テスト株式会社/g)?.length ?? 0;
	assert.equal(after, before, "no organisation was made");
});

test("an unknown path under /api/ is a JSON 404, signed in or not", async () => {
	for (const [who, h] of [["anonymous", {}], ["token", auth]])
		for (const [m, p] of [["GET", "/api/v1/nothing"], ["POST", "/api/v2/orgs"], ["GET", "/api/"], ["GET", "/api"],
			["GET", "/api/v1/orgs/1/nothing/1/more"], ["PUT", "/api/v1/nothing"], ["DELETE", "/api/x"]]) {
			const res = await c.req(m, p, { headers: h });
			assert.equal(res.status, 404, `${who} ${m} ${p}`);
			assert.match(res.headers.get("content-type"), /^application\/json/, `${m} ${p}`);
			assert.deepEqual(JSON.parse(res.text), { error: "404" });
		}
});

test("a wrong method is a 405 with Allow exactly as the route table has it", async () => {
	const table = routes();
	const paths = new Set(table.map((r) => r.pattern.replace(/\{\*\}/, "a/b").replace(/\{[a-z]+\}/g, "1")));
	let api = 0;
	for (const path of paths) {
		const allow = ["GET", "POST", "PUT", "DELETE"].filter((m) => table.some((r) => r.method === m && matches(r.pattern, path)));
		assert.ok(allow.length > 0, path);
		const wrong = ["PUT", "POST", "GET", "DELETE"].find((m) => !allow.includes(m));
		const res = await c.req(wrong, path, { headers: auth });
		assert.equal(res.status, 405, `${wrong} ${path}`);
		assert.equal(res.headers.get("allow"), allow.join(", "), `${wrong} ${path}`);
		if (path.startsWith("/api/")) {
			api++;
			assert.match(res.headers.get("content-type"), /^application\/json/, path);
			assert.deepEqual(JSON.parse(res.text), { error: "405" });
		} else {
			assert.match(res.headers.get("content-type"), /^text\/html/, path);
			assert.match(res.text, /<html/);
		}
	}
	assert.ok(api >= 5, "the API's paths were among them");
	// other methods too, on paths with one and with two
	for (const m of ["DELETE", "PATCH", "OPTIONS"]) {
		const res = await c.req(m, "/api/v1/orgs");
		assert.equal(res.status, 405);
		assert.equal(res.headers.get("allow"), "POST");
		assert.deepEqual(JSON.parse(res.text), { error: "405" });
	}
});

test("the dispatcher's other refusals under /api/ are JSON too", async () => {
	const json = (res, status, what) => {
		assert.equal(res.status, status, what);
		assert.match(res.headers.get("content-type"), /^application\/json/, what);
		assert.equal(typeof JSON.parse(res.text).error, "string", what);
	};
	// 401: no credentials, a bad token
	json(await c.req("POST", "/api/v1/orgs", { body: "{}" }), 401, "anonymous");
	json(await c.req("GET", "/api/v1/orgs/1/rounds", { headers: { authorization: "Bearer " + "x".repeat(43) } }), 401, "bad token");
	// 403: a session without its CSRF token
	json(await admin.req("POST", "/api/v1/orgs", { body: "{}", headers: { "content-type": "application/json" } }), 403, "no csrf");
	// 400: a body that is no JSON object, a form that does not parse
	json(await c.req("POST", "/api/v1/orgs", { body: "[1]", headers: { ...auth, "content-type": "application/json" } }), 400, "array body");
	json(await c.req("POST", "/api/v1/orgs", { body: "a=%zz", headers: { ...auth, "content-type": "application/x-www-form-urlencoded" } }), 400, "bad form");
	// 413: past --max-body, on a route and off one
	for (const p of ["/api/v1/orgs", "/api/v1/nothing"])
		json(await c.req("POST", p, { body: "x".repeat(8192), headers: { ...auth, "content-type": "application/json" } }), 413, `413 ${p}`);
	// 404: another organisation's data is missing data
	json(await c.req("GET", "/api/v1/orgs/999999/rounds", { headers: auth }), 404, "no such org");
});

test("outside /api/ the pages stay HTML", async () => {
	for (const p of ["/nothing", "/o/1/nothing", "/apis", "/apix/v1"]) {
		const res = await admin.get(p);
		assert.equal(res.status, 404, p);
		assert.match(res.headers.get("content-type"), /^text\/html/, p);
		assert.match(res.text, /ページが見つかりません/, p);
		assert.equal(res.headers.get("allow"), null, p);
	}
	const big = await admin.req("POST", "/o/new", { body: "x".repeat(8192), headers: { "content-type": "text/plain" } });
	assert.equal(big.status, 413);
	assert.match(big.headers.get("content-type"), /^text\/html/);
	// a page still answers as it did
	assert.equal((await admin.get("/healthz")).status, 200);
});
