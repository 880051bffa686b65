// A node killed (SIGKILL) in the middle of a load of submissions: every
// submission it acknowledged is stored, and no respondent is left half
// written.  Runs on SQLite and, in the http-postgres run, on PostgreSQL.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, Client, firstAdmin, makeOrg, openRound, csrfOf, unescape } from "./lib.mjs";

let first, second;
after(async () => { await second?.stop(); await first?.stop(); });

const links = (html) => [...html.matchAll(/<code class="secret[^"]*">([^<]+)<\/code>/g)].map((m) => unescape(m[1]));
const N = 60;

test("acknowledged submissions survive a SIGKILL, and none is half written", async (t) => {
	first = await startServer();
	const admin = await firstAdmin(first);
	const org = await makeOrg(admin);
	const round = await openRound(admin, org, "耐久");
	const rp = `/o/${org}/rounds/${round}`;
	let page = await admin.get(rp);
	const csrf = csrfOf(page.text);
	for (let i = 0; i < N; i++)
		await admin.post(`${rp}/links`, { _csrf: csrf, role: "employee", name: `R${i}` });
	// the round page lists 50 respondents a page: read every page
	const paths = [];
	for (let n = 1; paths.length < N && n <= 5; n++) {
		page = await admin.get(`${rp}?page=${n}`);
		paths.push(...links(page.text).slice(1).map((u) => u.slice(first.base.length)));
	}
	assert.equal(paths.length, N);
	// each respondent's whole answer in one POST
	const forms = [];
	for (const p of paths) {
		const c = new Client(first.base);
		const f = await c.get(p + "?part=1");
		const form = { _csrf: csrfOf(f.text), part: "3", go: "finish" };
		for (let k = 1; k <= 25; k++) form[`q${k}`] = ["yes", "partly", "no", "unknown"][k % 4];
		forms.push({ c, p, form });
	}
	// fire them all, and kill the node while they are in flight
	const acked = new Set();
	const inflight = forms.map(({ c, p, form }, i) => new Promise((res) => setTimeout(res, i * 4))
		.then(() => c.post(p, form))
		.then((r) => { if (r.status === 303) acked.add(p); })
		.catch(() => { /* cut off by the kill: not acknowledged */ }));
	// kill once a few are acknowledged, however fast this machine is
	for (let t0 = Date.now(); acked.size < 5 && Date.now() - t0 < 10000; )
		await new Promise((r) => setTimeout(r, 1));
	await first.crash();
	await Promise.all(inflight);
	assert.ok(acked.size >= 5, "some submissions were acknowledged before the kill");
	assert.ok(acked.size < N, "the kill came while submissions were in flight");

	// a new node on the same database
	second = await startServer([], first.db);
	let complete = 0;
	for (const p of paths) {
		// the bare link: the finished page, or on to the step to resume
		let r = await new Client(second.base).get(p);
		if (r.status === 303) r = await new Client(second.base).get(r.location);
		assert.equal(r.status, 200, p);
		const done = /ご回答ありがとうございました|Thank you for your answers/.test(r.text);
		if (acked.has(p)) assert.ok(done, `acknowledged ${p} was lost`);
		if (done) {
			complete++;
			continue;
		}
		// not stored at all: no answer from the cut-off request
		assert.match(r.text, /0\/25 問に回答|0 of 25 answered/, `${p} is half written`);
	}
	assert.ok(complete >= acked.size);
	t.diagnostic(`acknowledged ${acked.size} of ${N}, stored ${complete}`);
	// and the results agree with what is stored
	const again = new Client(second.base);
	again.jar = admin.jar;
	const j = JSON.parse((await again.get(`/api/v1/rounds/${round}/results`)).text);
	assert.equal(j.respondents.length, complete);
});
