// The results page reads its round and the round before it in one query:
// the second round compares with the first, the first with nothing, and a
// round of another organisation (or none) is not found.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, Client, firstAdmin, makeOrg, cli } from "./lib.mjs";

let srv, admin, auth, orgA, orgB, a1, a2, b1;
const post = (path, body, type) => new Client(srv.base).req("POST", path, { body, headers: { ...auth, "content-type": type } });
async function roundWith(org, title, answer) {
	const id = JSON.parse((await post(`/api/v1/orgs/${org}/rounds`, JSON.stringify({ title }), "application/json")).text).id;
	const head = "name,role," + Array.from({ length: 25 }, (_, i) => `q${i + 1}`).join(",");
	const csv = `${head}\n回答者,manager,${Array(25).fill(answer).join(",")}\n`;
	assert.equal((await post(`/api/v1/rounds/${id}/answers`, csv, "text/csv")).status, 201);
	return id;
}
before(async () => {
	srv = await startServer();
	admin = await firstAdmin(srv);
	auth = { authorization: `Bearer ${cli(["user", "token", "admin@example.jp", "--db", srv.db]).stdout.trim()}` };
	orgA = await makeOrg(admin, { name: "前回比較株式会社" });
	orgB = await makeOrg(admin, { name: "別会社株式会社" });
	a1 = await roundWith(orgA, "第1回", "no");
	assert.equal((await new Client(srv.base).req("POST", `/api/v1/rounds/${a1}/close`, { headers: auth })).status, 200);
	b1 = await roundWith(orgB, "別の回", "partly");
	a2 = await roundWith(orgA, "第2回", "yes");
});
after(async () => { await srv?.stop(); });

test("the second round compares with the one before it; the first with none", async () => {
	const second = await admin.get(`/o/${orgA}/rounds/${a2}/results`);
	assert.equal(second.status, 200);
	assert.match(second.text, /前回から/);
	assert.match(second.text, /第1回/);
	const first = await admin.get(`/o/${orgA}/rounds/${a1}/results`);
	assert.equal(first.status, 200);
	assert.doesNotMatch(first.text, /前回から/);
	// the other organisation's round, between the two, is not "the one before"
	assert.doesNotMatch(second.text, /別の回/);
});

test("a round of another organisation, or none, is not found", async () => {
	assert.equal((await admin.get(`/o/${orgA}/rounds/${b1}/results`)).status, 404);
	assert.equal((await admin.get(`/o/${orgB}/rounds/${a2}/results`)).status, 404);
	assert.equal((await admin.get(`/o/${orgA}/rounds/${a2 + 100}/results`)).status, 404);
	assert.equal((await admin.get(`/o/${orgB}/rounds/${b1}/results`)).status, 200);
});
