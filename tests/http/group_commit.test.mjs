// Many respondents answer at the same moment: every answer acknowledged
// (303) is on disk before the acknowledgement, with the answers sent and
// no other's.  The server groups the concurrent saves into shared
// transactions (db_write); the check reads them back through a second
// node after the first was killed (SIGKILL), so only what was committed
// counts.  Runs on SQLite and, in the http-postgres run, on PostgreSQL.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, Client, firstAdmin, makeOrg, openRound, csrfOf, unescape } from "./lib.mjs";

let first, second;
after(async () => { await second?.stop(); await first?.stop(); });

const links = (html) => [...html.matchAll(/<code class="secret[^"]*">([^<]+)<\/code>/g)].map((m) => unescape(m[1]));
const WORDS = ["yes", "partly", "no", "unknown"];
// respondent i's 25 answers: different for each, so a mix-up shows
const answersOf = (i) => Array.from({ length: 25 }, (_, k) => WORDS[(i * 7 + k * (i % 5 + 1)) % 4]);
const PERSONAL = 40, SHARED = 20;

// The answers stored for the respondent at path, read from its three
// steps (the checked radio of each item).
async function stored(base, path) {
	const got = [];
	for (const part of [1, 2, 3]) {
		const r = await new Client(base).get(`${path}?part=${part}`);
		assert.equal(r.status, 200, `${path}?part=${part}`);
		for (const m of r.text.matchAll(/name="q(\d+)" value="([a-z]+)" checked/g))
			got[+m[1] - 1] = m[2];
	}
	return got;
}

test("answers sent together are each acknowledged only once stored, and all are there", async (t) => {
	first = await startServer();
	// the server says how its commits survive: on disk first
	assert.match(first.stdout(), /durability full/);
	const admin = await firstAdmin(first);
	const org = await makeOrg(admin);
	const round = await openRound(admin, org, "同時回答");
	const rp = `/o/${org}/rounds/${round}`;
	let page = await admin.get(rp);
	const csrf = csrfOf(page.text);
	for (let i = 0; i < PERSONAL; i++)
		await admin.post(`${rp}/links`, { _csrf: csrf, role: "employee", name: `P${i}` });
	page = await admin.get(rp);
	const [shared, ...personal] = links(page.text).map((u) => u.slice(first.base.length));
	assert.equal(personal.length, PERSONAL);

	const finish = (c, path, i, csrfTok) => {
		const form = { _csrf: csrfTok, part: "3", go: "finish" };
		answersOf(i).forEach((a, k) => { form[`q${k + 1}`] = a; });
		return c.post(path, form);
	};
	// everyone at once: personal links answer; newcomers sign up through
	// the shared link (a durable write too) and then answer
	const forms = await Promise.all(personal.map(async (p) => {
		const c = new Client(first.base);
		return { c, p, csrf: csrfOf((await c.get(p + "?part=1")).text) };
	}));
	const sp = csrfOf((await new Client(first.base).get(shared)).text);
	const acked = new Map();	// path → respondent index
	await Promise.all([
		...forms.map(async ({ c, p, csrf: k }, i) => {
			const r = await finish(c, p, i, k);
			assert.equal(r.status, 303, `${p}: ${r.status}`);
			acked.set(p, i);
		}),
		...Array.from({ length: SHARED }, async (_, j) => {
			const c = new Client(first.base);
			const made = await c.post(shared, { _csrf: sp, role: "manager", name: `S${j}` });
			assert.equal(made.status, 303, `sign-up ${j}: ${made.status}`);
			const p = made.location;
			const f = await c.get(p + "?part=1");
			const i = PERSONAL + j;
			const r = await finish(c, p, i, csrfOf(f.text));
			assert.equal(r.status, 303, `${p}: ${r.status}`);
			acked.set(p, i);
		}),
	]);
	assert.equal(acked.size, PERSONAL + SHARED);

	// no clean shutdown: what is read back was committed
	await first.crash();
	second = await startServer([], first.db);
	for (const [p, i] of acked)
		assert.deepEqual(await stored(second.base, p), answersOf(i), `answers of ${p}`);
	const again = new Client(second.base);
	again.jar = admin.jar;
	const j = JSON.parse((await again.get(`/api/v1/rounds/${round}/results`)).text);
	assert.equal(j.respondents.length, PERSONAL + SHARED);
	t.diagnostic(`${acked.size} answers acknowledged and stored`);
});
