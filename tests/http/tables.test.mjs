// Every table a page writes can be read on a phone: each column has a
// heading, and each cell carries its column's heading (data-label) for
// the stylesheet to show when rows are stacked.  The results page keeps
// its long sections (gaps, items, people) behind a one-line summary.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, Client, firstAdmin, makeOrg, cli, csrfOf, unescape } from "./lib.mjs";

let srv, admin, auth, org, round;
const post = (path, body, type) => new Client(srv.base).req("POST", path,
	{ body, headers: { ...auth, "content-type": type } });
const text = (s) => unescape(s.replace(/<[^>]+>/g, "")).trim();

// The policy edit form's values, as a browser would post them.
function formValues(html) {
	const v = { _csrf: csrfOf(html) };
	for (const m of html.matchAll(/<input type="(?:text|date|hidden)" [^>]*name="([^"]+)" value="([^"]*)"/g)) v[m[1]] = unescape(m[2]);
	for (const m of html.matchAll(/<textarea [^>]*name="([^"]+)"[^>]*>([^<]*)<\/textarea>/g)) v[m[1]] = unescape(m[2]);
	const scope = html.match(/name="scope" value="([a-z]+)" checked/);
	if (scope) v.scope = scope[1];
	return v;
}

before(async () => {
	srv = await startServer();
	admin = await firstAdmin(srv);
	auth = { authorization: `Bearer ${cli(["user", "token", "admin@example.jp", "--db", srv.db]).stdout.trim()}` };
	org = await makeOrg(admin, { name: "表組み株式会社" });
	round = JSON.parse((await post(`/api/v1/orgs/${org}/rounds`, JSON.stringify({ title: "第1回" }),
	    "application/json")).text).id;
	const head = "name,role," + Array.from({ length: 25 }, (_, i) => `q${i + 1}`).join(",");
	const row = (name, role, a) => `${name},${role},${Array.from({ length: 25 }, (_, i) => a[i % a.length]).join(",")}`;
	const csv = [head, row("社長", "executive", ["yes"]), row("課長", "manager", ["partly", "no"]),
		row("社員", "employee", ["no", "unknown", "yes"])].join("\n") + "\n";
	assert.equal((await post(`/api/v1/rounds/${round}/answers`, csv, "text/csv")).status, 201);
	// Two versions of the policy, so there is something to list.
	for (const name of ["", "表 太郎"]) {
		const form = await admin.get(`/o/${org}/policy/edit`);
		const res = await admin.post(`/o/${org}/policy/edit`, { ...formValues(form.text), rep_name: name });
		assert.equal(res.status, 303, res.text.slice(0, 300));
	}
});
after(async () => { await srv?.stop(); });

// Every table of a page: its headings and, row by row, its cells' labels.
function tables(html) {
	return [...html.matchAll(/<table[\s\S]*?<\/table>/g)].map(([t]) => ({
		head: [...t.matchAll(/<th[^>]*>([\s\S]*?)<\/th>/g)].map((m) => text(m[1])),
		rows: [...t.matchAll(/<tbody>([\s\S]*?)<\/tbody>/g)].flatMap((b) =>
			[...b[1].matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((r) =>
				[...r[1].matchAll(/<td(?: [^>]*)?>/g)].map((c) => {
					const l = c[0].match(/ data-label="([^"]*)"/);
					return l ? unescape(l[1]) : null;
				}))),
	}));
}

const PAGES = () => [`/o/${org}/rounds/${round}/results`, `/o/${org}/policy/versions`,
	`/o/${org}/members`, `/o/${org}/audit`, "/admin/users", "/admin/audit"];

for (const lang of ["ja", "en"])
	test(`every cell carries its column's heading (${lang})`, async () => {
		await admin.get(`/lang/${lang}?next=/`);
		for (const path of PAGES()) {
			const res = await admin.get(path);
			assert.equal(res.status, 200, path);
			const ts = tables(res.text);
			assert.ok(ts.length > 0, `${path} has a table`);
			for (const t of ts) {
				assert.ok(t.head.length > 0 && t.head.every((h) => h !== ""), `${path}: every column named: ${JSON.stringify(t.head)}`);
				assert.ok(t.rows.length > 0, `${path}: rows`);
				for (const r of t.rows)
					assert.deepEqual(r, t.head, `${path}: cells labelled by their columns`);
			}
		}
		await admin.get("/lang/ja?next=/");
	});

test("the results page keeps its long sections behind a one-line summary", async () => {
	const html = (await admin.get(`/o/${org}/rounds/${round}/results`)).text;
	const more = [...html.matchAll(/<details class="more ([a-z-]+)"><summary>([\s\S]*?)<\/summary>([\s\S]*?)<\/details>(?=<h2|<\/main>|<section)/g)]
		.map((m) => ({ kind: m[1], summary: text(m[2]), body: m[3] }));
	assert.deepEqual(more.map((m) => m.kind), ["gaps", "items", "people"]);
	assert.match(more[0].summary, /^差の大きい\d項目 — いちばん大きいのは \d+\. .+ \([+−]\d+\.\d\)$/);
	assert.equal(more[1].summary, "全25項目の回答の内訳と平均（3分野）");
	assert.equal(more[2].summary, "3人の点数と分野ごとの平均 — 経営者 1 · 管理者 1 · 従業員 1");
	assert.equal(more[1].body.match(/<table/g).length, 3, "the three item tables are inside");
	assert.match(more[2].body, /<table class="table wide">/);
	// What comes first is not hidden: the score and the first actions.
	const top = html.slice(0, html.indexOf("<details class=\"more"));
	assert.match(top, /class="score-num"/);
	assert.match(top, /<ol class="first-actions">/);
});
