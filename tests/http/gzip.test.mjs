// Compression on the wire: HTML, CSS, JS and JSON go gzip to clients that
// take it (q-values honoured), with Vary: Accept-Encoding, and decode to
// the very bytes an identity response carries; the cached halves of the
// results page and the static files decode the same on every request;
// downloads and small bodies go as they are; HEAD says what GET sends.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { request } from "node:http";
import { gunzipSync } from "node:zlib";
import { startServer, Client, firstAdmin, makeOrg, cli } from "./lib.mjs";

let srv, admin, org, round, auth;
before(async () => {
	srv = await startServer();
	admin = await firstAdmin(srv);
	org = await makeOrg(admin, { name: "圧縮テスト株式会社" });
	auth = { authorization: `Bearer ${cli(["user", "token", "admin@example.jp", "--db", srv.db]).stdout.trim()}` };
	const post = (path, body, type) => new Client(srv.base).req("POST", path, { body, headers: { ...auth, "content-type": type } });
	round = JSON.parse((await post(`/api/v1/orgs/${org}/rounds`, JSON.stringify({ title: "圧縮の回" }), "application/json")).text).id;
	const head = "name,role," + Array.from({ length: 25 }, (_, i) => `q${i + 1}`).join(",");
	const A = ["yes", "partly", "no", "unknown"];
	const rows = Array.from({ length: 6 }, (_, r) => `回答者${r},${["executive", "manager", "employee"][r % 3]},` +
		Array.from({ length: 25 }, (_, k) => A[(r + k) % 4]).join(","));
	assert.equal((await post(`/api/v1/rounds/${round}/answers`, [head, ...rows].join("\n") + "\n", "text/csv")).status, 201);
});
after(async () => { await srv?.stop(); });

// One request with node:http, which never decodes: the bytes on the wire.
function raw(method, path, headers = {}) {
	return new Promise((resolve, reject) => {
		const req = request(srv.base + path, { method, headers: { cookie: admin.cookieHeader(), ...headers } }, (res) => {
			const chunks = [];
			res.on("data", (c) => chunks.push(c));
			res.on("end", () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
		});
		req.on("error", reject);
		req.end();
	});
}

const varies = (h) => (h.vary || "").split(",").map((s) => s.trim().toLowerCase()).includes("accept-encoding");

// GET path plain and gzip; the gzip one decodes to the plain one.
async function same(path, headers = {}) {
	const plain = await raw("GET", path, headers);
	const z = await raw("GET", path, { ...headers, "accept-encoding": "gzip" });
	assert.equal(plain.status, 200, path);
	assert.equal(z.status, 200, path);
	assert.equal(plain.headers["content-encoding"], undefined, path);
	assert.ok(varies(plain.headers), `${path}: plain response without Vary`);
	assert.equal(z.headers["content-encoding"], "gzip", path);
	assert.ok(varies(z.headers), `${path}: gzip response without Vary`);
	assert.equal(+z.headers["content-length"], z.body.length, path);
	assert.equal(+plain.headers["content-length"], plain.body.length, path);
	assert.deepEqual(z.body.subarray(0, 2), Buffer.from([0x1f, 0x8b]), path);
	assert.ok(z.body.length < plain.body.length / 2, `${path}: ${z.body.length} of ${plain.body.length} bytes`);
	assert.equal(gunzipSync(z.body).toString(), plain.body.toString(), path);
	return { plain, z };
}

test("HTML, CSS, JS and JSON go gzip to a client that takes it, and decode to the plain bytes", async () => {
	const results = `/o/${org}/rounds/${round}/results`;
	// the first view fills the cache, the second splices its halves
	const first = await same(results);
	const again = await same(results);
	assert.equal(gunzipSync(again.z.body).toString(), first.plain.body.toString());
	assert.match(first.plain.body.toString(), /<span class="score-num">/);
	assert.match(again.z.headers["content-type"], /^text\/html/);
	const css = await same("/static/css/mamori.css");
	assert.match(css.z.headers["content-type"], /^text\/css/);
	const js = await same("/static/js/mamori.js");
	assert.match(js.z.headers["content-type"], /^text\/javascript/);
	const json = await same(`/api/v1/rounds/${round}/results`, auth);
	assert.match(json.z.headers["content-type"], /^application\/json/);
	assert.equal(JSON.parse(gunzipSync(json.z.body).toString()).respondents.length, 6);
});

test("q-values: gzip;q=0 and identity get identity; * and x-gzip get gzip", async () => {
	const path = `/o/${org}/rounds/${round}/results`;
	for (const ae of ["gzip;q=0", "gzip;q=0, *", "identity", "br, deflate", "*;q=0"]) {
		const res = await raw("GET", path, { "accept-encoding": ae });
		assert.equal(res.status, 200);
		assert.equal(res.headers["content-encoding"], undefined, ae);
		assert.ok(varies(res.headers), ae);
		assert.match(res.body.toString(), /<!DOCTYPE html>/, ae);
	}
	for (const ae of ["*", "x-gzip", "deflate;q=1, gzip;q=0.2", "GZIP"]) {
		const res = await raw("GET", path, { "accept-encoding": ae });
		assert.equal(res.headers["content-encoding"], "gzip", ae);
		assert.match(gunzipSync(res.body).toString(), /<!DOCTYPE html>/, ae);
	}
});

test("HEAD says what GET sends: the gzip length, the encoding, no body", async () => {
	for (const path of [`/o/${org}/rounds/${round}/results`, "/static/css/mamori.css"]) {
		const get = await raw("GET", path, { "accept-encoding": "gzip" });
		const head = await raw("HEAD", path, { "accept-encoding": "gzip" });
		assert.equal(head.status, 200, path);
		assert.equal(head.body.length, 0, path);
		assert.equal(head.headers["content-encoding"], "gzip", path);
		assert.ok(varies(head.headers), path);
		if (path.startsWith("/static"))	// the page has fresh tokens each time
			assert.equal(head.headers["content-length"], get.headers["content-length"], path);
		else
			assert.ok(+head.headers["content-length"] > 0, path);
		const plainHead = await raw("HEAD", path);
		assert.equal(plainHead.headers["content-encoding"], undefined, path);
		assert.equal(+plainHead.headers["content-length"], (await raw("GET", path)).body.length, path);
	}
});

test("downloads and small bodies are not compressed", async () => {
	const closed = await new Client(srv.base).req("POST", `/api/v1/rounds/${round}/close`, { headers: auth });
	assert.equal(closed.status, 200);
	const pdf = await raw("GET", `/o/${org}/rounds/${round}/report/pdf`, { "accept-encoding": "gzip" });
	assert.equal(pdf.status, 200);
	assert.equal(pdf.headers["content-type"], "application/pdf");
	assert.equal(pdf.headers["content-encoding"], undefined);
	assert.ok(!varies(pdf.headers));
	assert.equal(pdf.body.subarray(0, 5).toString(), "%PDF-");
	assert.equal(+pdf.headers["content-length"], pdf.body.length);
	const xlsx = await raw("GET", `/o/${org}/rounds/${round}/report/xlsx`, { "accept-encoding": "gzip" });
	assert.equal(xlsx.status, 200);
	assert.equal(xlsx.headers["content-encoding"], undefined);
	const icon = await raw("GET", "/static/img/icon.svg", { "accept-encoding": "gzip" });
	assert.equal(icon.status, 200);
	assert.equal(icon.headers["content-encoding"], undefined);	// under 1 KiB
	assert.ok(varies(icon.headers));
	assert.match(icon.body.toString(), /<svg/);
	const health = await raw("GET", "/healthz", { "accept-encoding": "gzip" });
	assert.equal(health.body.toString(), "ok\n");
	assert.equal(health.headers["content-encoding"], undefined);
	// the closed round's page (its own cache entries) still decodes right
	await same(`/o/${org}/rounds/${round}/results`);
});
