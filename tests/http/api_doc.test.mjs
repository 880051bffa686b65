// docs/api.md against the code: every route under /api/ in the route table
// is in the document's table, and every field the results JSON has is
// explained.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { startServer, Client, firstAdmin, makeOrg, cli, top } from "./lib.mjs";

const doc = readFileSync(join(top, "docs/api.md"), "utf8");
const routes = readFileSync(join(top, "src/pages/routes.c"), "utf8");

test("every /api/ route of routes.c is in the table of docs/api.md, and nothing else", () => {
	const code = [...routes.matchAll(/HTTP_(GET|POST|PUT|PATCH|DELETE),\s*"(\/api\/[^"]+)"/g)].map((m) => `${m[1]} ${m[2]}`).sort();
	assert.ok(code.length >= 7);
	const table = doc.slice(doc.indexOf("## The routes"), doc.indexOf("## Errors"));
	const documented = [...table.matchAll(/^\| `([A-Z]+)` \| `(\/api\/[^`]+)` \|/gm)].map((m) => `${m[1]} ${m[2]}`).sort();
	assert.deepEqual(documented, code);
	for (const r of code) {
		const [, path] = r.split(" ");
		assert.ok(doc.includes(`## ${r}`), `a section for ${r}`);
		assert.ok(path.startsWith("/api/v1/"));
	}
});

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv?.stop(); });

// Every key path of a JSON value: "parts[].on_100", "items[].counts.4"…
function paths(v, at = "") {
	if (Array.isArray(v)) return v.flatMap((x) => paths(x, `${at}[]`));
	if (v && typeof v === "object")
		return Object.entries(v).flatMap(([k, x]) => [`${at ? at + "." : ""}${k}`, ...paths(x, `${at ? at + "." : ""}${k}`)]);
	return [];
}

test("every field of the results JSON is explained in docs/api.md", async () => {
	const admin = await firstAdmin(srv);
	const org = await makeOrg(admin);
	const h = { authorization: `Bearer ${cli(["user", "token", "admin@example.jp", "--db", srv.db]).stdout.trim()}` };
	const c = new Client(srv.base);
	const round = JSON.parse((await c.req("POST", `/api/v1/orgs/${org}/rounds`, { headers: h })).text).id;
	const head = "name,role," + Array.from({ length: 25 }, (_, i) => `q${i + 1}`).join(",");
	const csv = `${head}\n山田,executive,${Array(25).fill("yes").join(",")}\n`;
	assert.equal((await c.req("POST", `/api/v1/rounds/${round}/answers`, { body: csv, headers: { ...h, "content-type": "text/csv" } })).status, 201);
	const json = JSON.parse((await c.req("GET", `/api/v1/rounds/${round}/results`, { headers: h })).text);
	const section = doc.slice(doc.indexOf("## GET /api/v1/rounds/{id}/results"), doc.indexOf("## Reports"));
	const keys = [...new Set(paths(json).map((p) => p.replace(/^items\[\]\.counts\..*/, "items[].counts")))];
	const rows = new Set([...section.matchAll(/^\| `([^`]+)` \|/gm)].map((m) => m[1]));
	for (const k of keys) {
		// a field of its own row, or a list or object whose members have rows
		const explained = rows.has(k) || [...rows].some((r) => r.startsWith(k + ".") || r.startsWith(k + "[]"));
		assert.ok(explained, `docs/api.md does not explain ${k}`);
	}
	for (const r of rows) assert.ok(keys.includes(r) || keys.includes(r.replace(/\[\]$/, "")), `docs/api.md explains ${r}, which the JSON lacks`);
	assert.ok(section.includes("| `parts[].on_100` |"));
	assert.equal(json.parts[0].on_100, 100);
});
