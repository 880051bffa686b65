// The diagnosis by department (issue 16).  The shared link takes an
// optional department (trimmed, at most 50 characters; a longer one is a
// field error beside it, the role and name kept); a personal link made by
// the admin may carry one.  The results page shows each department with
// its respondents, its mean score (the mean of their totals in tenths,
// half away from zero, as the company score) and its weakest items —
// computed here from the answers sent — and a department of two shows its
// count only.  The answers' CSV and the API carry the department; a CSV
// exported goes back in with it; the board one-pager names the weakest
// department shown.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer, firstAdmin, makeOrg, openRound, answerAll, csrfOf, unescape, cli, Client } from "./lib.mjs";

const dir = mkdtempSync(join(tmpdir(), "mamori-dept-"));
let srv, admin, auth, org, round, rp, sp;
before(async () => {
	srv = await startServer();
	admin = await firstAdmin(srv);
	auth = { authorization: `Bearer ${cli(["user", "token", "admin@example.jp", "--db", srv.db]).stdout.trim()}` };
	org = await makeOrg(admin, { name: "部署テスト株式会社" });
	round = await openRound(admin, org);
	rp = `/o/${org}/rounds/${round}`;
	const page = await admin.get(rp);
	const links = [...page.text.matchAll(/<code class="secret[^"]*">([^<]+)<\/code>/g)].map((m) => unescape(m[1]));
	sp = new URL(links[0]).pathname;
});
after(async () => { await srv?.stop(); rmSync(dir, { recursive: true, force: true }); });

const POINTS = { yes: 4, partly: 2, no: 0, unknown: -1 };
const KEYS = ["yes", "partly", "no", "unknown"];
function tenths(sum, n) {
	const mag = Math.abs(sum) * 10;
	let q = Math.floor(mag / n);
	if (2 * (mag - q * n) >= n) q++;
	return sum < 0 && q !== 0 ? -q : q;
}
const fmt = (t) => (t < 0 ? "-" : "") + `${Math.floor(Math.abs(t) / 10)}.${Math.abs(t) % 10}`;
const answersOf = (k) => Array.from({ length: 25 }, (_, i) => KEYS[(i * 7 + k * 3 + (i % 5 === k % 5 ? 1 : 0)) % 4]);

// The department's figures from its people's answers alone.
function expected(people) {
	const n = people.length;
	const mean = tenths(people.reduce((s, p) => s + p.ans.reduce((t, a) => t + POINTS[a], 0), 0), n);
	const items = Array.from({ length: 25 }, (_, i) => ({
		i, sum: people.reduce((s, p) => s + POINTS[p.ans[i]], 0),
		unknown: people.filter((p) => p.ans[i] === "unknown").length,
	}));
	// lowest mean first (same n: compare sums), then more "don't know", then by number
	items.sort((a, b) => a.sum - b.sum || b.unknown - a.unknown || a.i - b.i);
	return { n, mean, weak: items.slice(0, 3).map((x) => x.i + 1) };
}

async function signUp(fields) {
	const c = new Client(srv.base);
	const form = await c.get(sp);
	return { c, res: await c.post(sp, { _csrf: csrfOf(form.text), ...fields }) };
}

test("the shared link: a department longer than 50 characters is a field error; role and name are kept", async () => {
	const { res } = await signUp({ role: "manager", name: "長すぎ太郎", department: "営".repeat(51) });
	assert.equal(res.status, 422);
	assert.match(res.text, /<div class="field field-error"[^>]*>\s*<label for="f-department">部署（なくてもかまいません）/);
	assert.match(res.text, /name="role" value="manager"[^>]*checked=""/);
	assert.match(res.text, /name="name" value="長すぎ太郎"/);
	assert.match(res.text, new RegExp(`name="department" value="${"営".repeat(51)}"`));
	// nothing was made
	assert.match((await admin.get(rp)).text, /id="shared-count">このリンクから回答を始めた人: 0人/);
	// 50 are fine
	const ok = await signUp({ role: "manager", name: "", department: "営".repeat(50) });
	assert.equal(ok.res.status, 303);
});

const people = [];
test("two in one department, three in another: the first is too few to show, the second its figures", async () => {
	const plan = [["営業部", "executive"], [" 営業部 ", "employee"], ["総務部", "manager"], ["総務部  ", "employee"], ["", "employee"]];
	let k = 0;
	for (const [dept, role] of plan) {
		const { c, res } = await signUp({ role, name: `回答者${k}`, department: dept });
		assert.equal(res.status, 303);
		const ans = answersOf(k++);
		await answerAll(c, res.location, ans);
		people.push({ dept: dept.trim(), role, ans });
	}
	// the third of 総務部 through a personal link made by the admin
	const page = await admin.get(rp);
	let res = await admin.post(`${rp}/links`, { _csrf: csrfOf(page.text), role: "employee", name: "個別さん", department: "総".repeat(51) });
	assert.equal(res.status, 422, "the personal link's department has the same limit");
	assert.match(res.text, /name="name" value="個別さん"/);
	res = await admin.post(`${rp}/links`, { _csrf: csrfOf(page.text), role: "employee", name: "個別さん", department: "総務部" });
	assert.equal(res.status, 303);
	const after = await admin.get(rp);
	// the admin sees each person's department on the round's page
	assert.match(after.text, /<strong>個別さん<\/strong>[^\n]*?<span class="tag tag-dept">総務部<\/span>/);
	const link = [...after.text.matchAll(/<code class="secret[^"]*">([^<]+)<\/code>/g)].map((m) => new URL(unescape(m[1])).pathname).find((p) => p.startsWith("/r/"));
	const ans = answersOf(k++);
	await answerAll(new Client(srv.base), link, ans);
	people.push({ dept: "総務部", role: "employee", ans });
	// the one who stopped at the 50-character department answered nothing: not counted

	const sales = expected(people.filter((p) => p.dept === "営業部"));
	const admin3 = expected(people.filter((p) => p.dept === "総務部"));
	assert.equal(sales.n, 2);
	assert.equal(admin3.n, 3);
	const html = (await admin.get(`${rp}/results`)).text;
	const sec = html.match(/<section id="departments">([\s\S]*?)<\/section>/)?.[1];
	assert.ok(sec, "the section is there");
	const rows = [...sec.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].filter((m) => /<td/.test(m[1])).map((m) => [...m[1].matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((c) => unescape(c[1])));
	assert.deepEqual(rows.map((r) => r[0]), ["営業部", "総務部"], "by name; no row for those without a department");
	assert.deepEqual(rows[0].slice(1, 3), ["2", "人数が少ないため表示しません"]);
	assert.equal(rows[0][3], "");
	assert.deepEqual(rows[1].slice(1, 3), ["3", fmt(admin3.mean)]);
	assert.deepEqual([...rows[1][3].matchAll(/No\.(\d+)/g)].map((m) => +m[1]), admin3.weak);
	assert.match(sec, /回答した人が3人に満たない部署は/);

	// the board one-pager names the weakest department shown (the only one)
	const closed = await new Client(srv.base).req("POST", `/api/v1/rounds/${round}/close`, { headers: auth });
	assert.equal(closed.status, 200, closed.text);
	const pdf = await fetch(`${srv.base}/o/${org}/board.pdf`, { headers: { cookie: admin.cookieHeader() } });
	const file = join(dir, "board.pdf");
	writeFileSync(file, Buffer.from(await pdf.arrayBuffer()));
	const text = execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
	assert.match(text, new RegExp(`点数の最も低い部署: 総務部・\\s*${fmt(admin3.mean).replace(".", "\\.")}`));
	assert.doesNotMatch(text, /営業部/, "a department of two is not named");
	assert.equal(+execFileSync("pdfinfo", [file], { encoding: "utf8" }).match(/Pages:\s+(\d+)/)[1], 1);
});

test("the API and the answers' CSV carry the department; the CSV goes back in with it", async () => {
	const j = JSON.parse((await new Client(srv.base).req("GET", `/api/v1/rounds/${round}/results`, { headers: auth })).text);
	const depts = j.respondents.map((r) => r.department).sort();
	assert.deepEqual(depts, people.map((p) => p.dept).sort());
	// without names (R1, R2…) the department is left out: with it a
	// small department's rows could be told apart
	const anon = await (await fetch(`${srv.base}${rp}/report/csv`, { headers: { cookie: admin.cookieHeader() } })).text();
	assert.doesNotMatch(anon, /department|総務部/);
	const csv = await fetch(`${srv.base}${rp}/report/csv?names=1`, { headers: { cookie: admin.cookieHeader() } });
	assert.equal(csv.status, 200);
	const body = await csv.text();
	const lines = body.replace(/^\uFEFF/, "").trim().split(/\r\n/);
	assert.match(lines[0], /,q25,department$/);
	assert.deepEqual(lines.slice(1).map((l) => l.split(",").at(-1)).sort(), people.map((p) => p.dept).sort());
	// back in, into a new round: the departments come with it
	const r2 = JSON.parse((await new Client(srv.base).req("POST", `/api/v1/orgs/${org}/rounds`, { headers: { ...auth, "content-type": "application/json" }, body: "{}" })).text).id;
	const imp = await new Client(srv.base).req("POST", `/api/v1/rounds/${r2}/answers`, { headers: { ...auth, "content-type": "text/csv" }, body });
	assert.equal(imp.status, 201, imp.text);
	const html = (await admin.get(`/o/${org}/rounds/${r2}/results`)).text;
	assert.match(html, /<section id="departments">[\s\S]*総務部[\s\S]*<\/section>/);
});
