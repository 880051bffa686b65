// GET /api/v1/catalogue/threats: the threat catalogue of
// content/registers/threats.yaml, read-only, in the reader's language;
// signed-in users only.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer, Client, firstAdmin, cli, bin, top, freshDb } from "./lib.mjs";

let srv, auth;
before(async () => {
	srv = await startServer();
	await firstAdmin(srv);
	const t = cli(["user", "token", "admin@example.jp", "--db", srv.db]);
	assert.equal(t.status, 0, t.stderr);
	auth = { authorization: `Bearer ${t.stdout.trim()}` };
});
after(async () => { await srv?.stop(); });

test("the catalogue lists every threat with its group, label and items", async () => {
	const res = await new Client(srv.base).get("/api/v1/catalogue/threats", { headers: auth });
	assert.equal(res.status, 200);
	assert.match(res.headers.get("content-type"), /application\/json/);
	const list = JSON.parse(res.text);
	assert.equal(list.length, 28);
	for (const t of list) {
		assert.deepEqual(Object.keys(t).sort(), ["group", "items", "key", "label"]);
		assert.match(t.key, /^[a-z][a-z0-9_]*$/);
		assert.ok(["physical", "technical", "human", "organisation"].includes(t.group));
		assert.ok(t.label.length > 0);
		assert.ok(t.items.length >= 1);
		for (const i of t.items) assert.ok(Number.isInteger(i) && i >= 1 && i <= 25);
	}
	assert.equal(new Set(list.map((t) => t.key)).size, list.length);
	assert.equal(list.filter((t) => t.group === "organisation").length, 10);
	const acc = list.find((t) => t.key === "accident");
	assert.deepEqual(acc, { key: "accident", group: "physical", label: "事故", items: [11, 24] });
	assert.equal(list.find((t) => t.key === "ransomware").label, "ランサムウェアによる被害");
});

test("the labels follow the reader's language", async () => {
	const res = await new Client(srv.base).get("/api/v1/catalogue/threats",
		{ headers: { ...auth, cookie: "lang=en" } });
	assert.equal(res.status, 200);
	const list = JSON.parse(res.text);
	assert.equal(list.find((t) => t.key === "accident").label, "Accident");
	assert.equal(list.find((t) => t.key === "ransomware").label, "Ransomware");
});

test("without signing in the catalogue answers 401 in JSON; it is read-only", async () => {
	const c = new Client(srv.base);
	const res = await c.get("/api/v1/catalogue/threats");
	assert.equal(res.status, 401);
	assert.ok(JSON.parse(res.text).error);
	const post = await c.req("POST", "/api/v1/catalogue/threats", { headers: auth, body: "{}" });
	assert.equal(post.status, 405);
	assert.ok(JSON.parse(post.text).error);
});

test("a broken register pack stops start-up with FILE:LINE:COL", () => {
	const dir = mkdtempSync(join(tmpdir(), "mamori-content-"));
	try {
		cpSync(join(top, "content"), join(dir, "content"), { recursive: true });
		const f = join(dir, "content/registers/threats.yaml");
		const y = readFileSync(f, "utf8");
		writeFileSync(f, y.replace("items: [11, 24]", "items: [11, 26]"));
		const line = y.slice(0, y.indexOf("- key: accident")).split("\n").length;
		const out = spawnSync(bin, ["serve", "--db", freshDb(dir), "--listen", "127.0.0.1:0",
			"--content-dir", join(dir, "content")], { encoding: "utf8", timeout: 15000 });
		assert.notEqual(out.status, 0);
		assert.ok(out.stderr.includes(`${f}:${line}:5: 'items' entry 2 must be a diagnosis item number from 1 to 25`), out.stderr);
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
});
