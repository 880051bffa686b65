// Every figure of a round, on every output that shows it, against an
// independent computation.  Random rounds (respondents, roles, answers) in
// random cohorts of companies are made through the API and closed; then
// the results page, the API, the JSON, PDF and XLSX reports and the CSV
// export are read back and each figure they show is compared with the one
// this file computes from the answers it sent, in exact integer arithmetic
// (SPEC §2: 4, 2, 0, −1 points; means to one decimal, half away from
// zero) — a property test, not one example.  The seed is printed on
// failure; MAMORI_FIGURES_SEED replays one.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer, Client, firstAdmin, cli } from "./lib.mjs";

const ANSWERS = ["yes", "partly", "no", "unknown"];
const POINTS = { yes: 4, partly: 2, no: 0, unknown: -1 };
const ROLES = ["executive", "manager", "employee"];
const PARTS = [[0, 5], [5, 13], [18, 7]];	// first item, count
const TRIALS = +(process.env.MAMORI_FIGURES_TRIALS || 3);
const seed0 = +(process.env.MAMORI_FIGURES_SEED || Date.now() % 1e9);

// mulberry32: small, seeded, good enough to vary rounds.
function rng(seed) {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

// sum/n ×10, rounded half away from zero, in integers.
function tenths(sum, n) {
	if (n <= 0) return 0;
	const mag = Math.abs(sum) * 10;
	let q = Math.floor(mag / n);
	const r = mag - q * n;
	if (2 * r >= n) q++;
	return sum < 0 && q !== 0 ? -q : q;	/* never −0: it is not 0 to strictEqual */
}
// sum/n rounded half away from zero, for figures already in tenths.
const divRound = (sum, n) => tenths(sum, n * 10);
const fmt = (t) => (t < 0 ? "-" : "") + `${Math.floor(Math.abs(t) / 10)}.${Math.abs(t) % 10}`;
// A figure as a page or a PDF writes it ("−0.8", "+1.5", "±0") → tenths.
function parseT(s) {
	const m = String(s).replace(/[−–]/g, "-").replace("±", "").match(/([+-]?)(\d+)(?:\.(\d))?/);
	if (!m) return NaN;
	const v = +m[2] * 10 + +(m[3] ?? 0);
	return m[1] === "-" && v !== 0 ? -v : v;
}

// The figures of one round, from the answers alone.
function expected(people) {
	const n = people.length;
	const score = (p) => p.ans.reduce((s, a) => s + POINTS[a], 0);
	const out = { n, company: tenths(people.reduce((s, p) => s + score(p), 0), n), parts: [], items: [], roles: {} };
	out.band = out.company >= 1000 ? "excellent" : out.company >= 700 ? "good" : out.company >= 500 ? "fair" : "weak";
	for (const [first, len] of PARTS) {
		let sum = 0;
		for (const p of people) for (let i = first; i < first + len; i++) sum += POINTS[p.ans[i]];
		out.parts.push({ mean: tenths(sum, n * len), on100: tenths(sum * 25, n * len) });
	}
	for (const role of ROLES) {
		const g = people.filter((p) => p.role === role);
		if (g.length) out.roles[role] = tenths(g.reduce((s, p) => s + score(p), 0), g.length);
	}
	for (let i = 0; i < 25; i++) {
		const sumOf = (g) => g.reduce((s, p) => s + POINTS[p.ans[i]], 0);
		const ex = people.filter((p) => p.role === "executive");
		const st = people.filter((p) => p.role !== "executive");
		const it = { mean: tenths(sumOf(people), n), counts: {} };
		for (const a of ANSWERS) it.counts[a] = people.filter((p) => p.ans[i] === a).length;
		it.exec = ex.length ? tenths(sumOf(ex), ex.length) : null;
		it.staff = st.length ? tenths(sumOf(st), st.length) : null;
		it.gap = ex.length && st.length ? it.exec - it.staff : null;
		out.items.push(it);
	}
	// weakest first: exact mean (the sum, all n alike), more "don't know", number
	out.weakest = [...Array(25).keys()].sort((a, b) => {
		const sa = people.reduce((s, p) => s + POINTS[p.ans[a]], 0), sb = people.reduce((s, p) => s + POINTS[p.ans[b]], 0);
		if (sa !== sb) return sa - sb;
		if (out.items[a].counts.unknown !== out.items[b].counts.unknown) return out.items[b].counts.unknown - out.items[a].counts.unknown;
		return a - b;
	});
	return out;
}

// The comparison of company k among all (each {company, parts, items}).
function expectedPeer(all, k) {
	const n = all.length, x = all[k].company;
	const sum = all.reduce((s, c) => s + c.company, 0);
	const mean = sum / n;
	const variance = all.reduce((s, c) => s + c.company * c.company, 0) / n - mean * mean;
	const below = all.filter((c) => c.company < x).length, ties = all.filter((c) => c.company === x).length - 1;
	return {
		n, mean: divRound(sum, n),
		percentile: n > 1 ? ((below + ties / 2) / (n - 1)) * 1000 : 500,
		deviation: variance > 1e-9 ? 500 + (100 * (x - mean)) / Math.sqrt(variance) : 500,
		parts: [0, 1, 2].map((p) => divRound(all.reduce((s, c) => s + c.parts[p].mean, 0), n)),
		// the group on 100: the mean of the companies' part means × 25, rounded once
		parts100: [0, 1, 2].map((p) => divRound(all.reduce((s, c) => s + c.parts[p].mean, 0) * 25, n)),
		items: [...Array(25).keys()].map((i) => divRound(all.reduce((s, c) => s + c.items[i].mean, 0), n)),
	};
}

// ---- reading the outputs ----
const strip = (s) => s.replace(/<svg[\s\S]*?<\/svg>/g, "").replace(/<details class="checkpoints"[\s\S]*?<\/details>/g, "")
	.replace(/<[^>]+>/g, " ").replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">")
	.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/\s+/g, " ").trim();
// Every table of a page: {head: [...], rows: [[...]]}.
function htmlTables(html) {
	return (html.match(/<table[\s\S]*?<\/table>/g) ?? []).map((t) => {
		const rows = [...t.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((m) =>
			[...m[1].matchAll(/<t([dh])[^>]*>([\s\S]*?)<\/t\1>/g)].map((c) => strip(c[2])));
		return { head: rows[0] ?? [], rows: rows.slice(1) };
	});
}
const unzip = (file, part) => execFileSync("unzip", ["-p", file, part], { encoding: "utf8", maxBuffer: 1 << 26 });
// Sheets of a workbook by name: each an array of rows of cell values
// (numbers as numbers, shared strings resolved).
function sheets(file) {
	const ss = [...unzip(file, "xl/sharedStrings.xml").matchAll(/<si>([\s\S]*?)<\/si>/g)]
		.map((m) => [...m[1].matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((t) => t[1]).join("")
			.replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"'));
	const names = [...unzip(file, "xl/workbook.xml").matchAll(/<sheet name="([^"]+)"/g)].map((m) => m[1]);
	const out = {};
	names.forEach((name, i) => {
		const xml = unzip(file, `xl/worksheets/sheet${i + 1}.xml`);
		out[name] = [...xml.matchAll(/<row [^>]*>([\s\S]*?)<\/row>/g)].map((r) =>
			[...r[1].matchAll(/<c r="([A-Z]+)\d+"([^>]*)>(?:<v>([^<]*)<\/v>)?<\/c>/g)].reduce((row, c) => {
				const col = c[1].split("").reduce((s, ch) => s * 26 + ch.charCodeAt(0) - 64, 0) - 1;
				row[col] = /t="s"/.test(c[2]) ? ss[+c[3]] : c[3] === undefined ? "" : +c[3];
				return row;
			}, []));
	});
	return out;
}
const t10 = (v) => Math.round(v * 10);	// a workbook number → tenths

const dir = mkdtempSync(join(tmpdir(), "mamori-figures-"));
let srv, admin, auth;
before(async () => {
	srv = await startServer();
	admin = await firstAdmin(srv);
	auth = { authorization: `Bearer ${cli(["user", "token", "admin@example.jp", "--db", srv.db]).stdout.trim()}` };
});
after(async () => {
	await srv?.stop();
	rmSync(dir, { recursive: true, force: true });
});
const api = async (method, path, body, type = "application/json") => {
	const res = await new Client(srv.base).req(method, path, { body, headers: { ...auth, "content-type": type } });
	return { status: res.status, json: res.text && type !== "none" ? (() => { try { return JSON.parse(res.text); } catch { return res.text; } })() : null };
};
async function download(path) {
	const res = await fetch(srv.base + path, { headers: { cookie: admin.cookieHeader() } });
	assert.equal(res.status, 200, path);
	return Buffer.from(await res.arrayBuffer());
}

// A random round: 1–12 people, sometimes only one role, each with a bias.
function randomPeople(rand) {
	const n = 1 + Math.floor(rand() * 12);
	const roleSet = rand() < 0.2 ? [ROLES[Math.floor(rand() * 3)]] : ROLES;
	return Array.from({ length: n }, (_, k) => {
		const w = ANSWERS.map(() => rand() + 0.05);
		const tot = w.reduce((s, v) => s + v, 0);
		const pick = () => { let u = rand() * tot; for (let a = 0; a < 4; a++) { u -= w[a]; if (u <= 0) return ANSWERS[a]; } return "unknown"; };
		return { name: `回答者${k + 1}`, role: roleSet[Math.floor(rand() * roleSet.length)], ans: Array.from({ length: 25 }, pick) };
	});
}
const HEAD = "name,role," + Array.from({ length: 25 }, (_, i) => `q${i + 1}`).join(",");
const csvOf = (people) => [HEAD, ...people.map((p) => `${p.name},${p.role},${p.ans.join(",")}`)].join("\r\n") + "\r\n";

// Check one company's outputs against exp (its figures) and peer (its comparison).
async function checkCompany(c, exp, peer, people, label) {
	const at = (what) => `${label}: ${what}`;
	// ---- the API ----
	const j = (await api("GET", `/api/v1/rounds/${c.round}/results`)).json;
	assert.equal(parseT(j.company_score), exp.company, at("API company score"));
	assert.equal(j.band, exp.band, at("API band"));
	j.parts.forEach((p, k) => {
		assert.equal(parseT(p.mean), exp.parts[k].mean, at(`API part ${k + 1} mean`));
		assert.equal(parseT(p.on_100), exp.parts[k].on100, at(`API part ${k + 1} on 100`));
	});
	for (const r of j.roles) assert.equal(parseT(r.mean), exp.roles[r.role], at(`API role ${r.role}`));
	assert.equal(j.roles.length, Object.keys(exp.roles).length, at("API roles"));
	j.items.forEach((it, i) => {
		assert.equal(parseT(it.mean), exp.items[i].mean, at(`API item ${i + 1} mean`));
		assert.deepEqual([it.counts["4"], it.counts["2"], it.counts["0"], it.counts["-1"]],
			ANSWERS.map((a) => exp.items[i].counts[a]), at(`API item ${i + 1} counts`));
	});
	assert.deepEqual(j.respondents.map((r) => r.score).sort((a, b) => a - b),
		people.map((p) => p.ans.reduce((s, a) => s + POINTS[a], 0)).sort((a, b) => a - b), at("API respondents' scores"));
	// the internal JSON report is the API document; the one for outside
	// readers the same with respondents numbered R1, R2 … instead of named,
	// and without their department (issue 16)
	assert.deepEqual(JSON.parse((await download(`/o/${c.org}/rounds/${c.round}/report/json?names=1`)).toString()), j, at("JSON report"));
	assert.deepEqual(JSON.parse((await download(`/o/${c.org}/rounds/${c.round}/report/json`)).toString()),
		{ ...j, respondents: j.respondents.map(({ department, ...r }, i) => ({ ...r, name: `R${i + 1}` })) }, at("anonymous JSON report"));

	// ---- the results page ----
	const page = await admin.get(`/o/${c.org}/rounds/${c.round}/results`);
	assert.equal(page.status, 200);
	assert.equal(parseT(page.text.match(/class="score-num">([^<]*)</)[1]), exp.company, at("page score"));
	const tables = htmlTables(page.text);
	const parts = tables.find((t) => t.head.length >= 3 && /100/.test(t.head[2]));
	assert.ok(parts, at("page parts table"));
	parts.rows.forEach((r, k) => {
		assert.equal(parseT(r[1]), exp.parts[k].mean, at(`page part ${k + 1} mean`));
		assert.equal(parseT(r[2]), exp.parts[k].on100, at(`page part ${k + 1} on 100`));
	});
	const itemRows = tables.filter((t) => t.head.length === 3 && t.rows.length && /^\d+\. /.test(t.rows[0][0]) && t.rows[0].length === 3)
		.flatMap((t) => t.rows);
	assert.equal(itemRows.length, 25, at("page item rows"));
	for (const r of itemRows) {
		const i = +r[0].match(/^(\d+)\./)[1] - 1;
		assert.equal(parseT(r[2]), exp.items[i].mean, at(`page item ${i + 1} mean`));
	}
	const gapT = tables.find((t) => t.head.length === 4 && t.rows.some((r) => /（/.test(r[3] ?? "")));
	const gaps = exp.items.map((it, i) => ({ ...it, i })).filter((it) => it.gap !== null && it.gap !== 0);
	if (gaps.length) {
		assert.ok(gapT, at("page gap table"));
		for (const r of gapT.rows) {
			const i = +r[0].match(/^(\d+)\./)[1] - 1;
			assert.equal(parseT(r[1]), exp.items[i].exec, at(`page gap item ${i + 1} executives`));
			assert.equal(parseT(r[2]), exp.items[i].staff, at(`page gap item ${i + 1} staff`));
			assert.equal(parseT(r[3]), exp.items[i].gap, at(`page gap item ${i + 1} difference`));
		}
		const top = Math.max(...gaps.map((g) => Math.abs(g.gap)));
		assert.equal(Math.abs(parseT(gapT.rows[0][3])), top, at("page gap: largest first"));
	}
	// first actions: the five weakest, with their means
	const acts = [...page.text.matchAll(/<p class="fa-head"><strong>[^<]*<\/strong> <span class="fa-no">No\.(\d+)<\/span> <span class="tag">[^<]*?([−-]?\d+\.\d)/g)];
	assert.deepEqual(acts.map((m) => +m[1] - 1), exp.weakest.slice(0, 5), at("page first actions"));
	acts.forEach((m) => assert.equal(parseT(m[2]), exp.items[+m[1] - 1].mean, at(`page action ${m[1]} mean`)));
	if (peer) {
		const dd = [...page.text.matchAll(/<dd[^>]*>([^<]*)</g)].map((m) => m[1]);
		assert.ok(Math.abs(parseT(dd[0]) - peer.deviation) <= 1, at(`page deviation ${dd[0]} vs ${peer.deviation / 10}`));
		assert.ok(Math.abs(parseT(dd[1]) - peer.percentile) <= 1, at(`page percentile ${dd[1]} vs ${peer.percentile / 10}`));
		assert.equal(parseT(dd[2]), peer.mean, at("page cohort mean"));
		const pp = tables.find((t) => t.head.length === 4 && t.rows.length === 3 && /100/.test(t.head[3]));
		assert.ok(pp, at("page peer parts table"));
		pp.rows.forEach((r, k) => {
			assert.equal(parseT(r[1]), exp.parts[k].mean, at(`page peer part ${k + 1} own`));
			assert.equal(parseT(r[2]), peer.parts[k], at(`page peer part ${k + 1} group`));
			assert.equal(parseT(r[3]), peer.parts100[k], at(`page peer part ${k + 1} group on 100`));
		});
		const pt = tables.find((t) => t.head.length === 4 && t.rows.length === 25 && /^1\. /.test(t.rows[0][0]));
		assert.ok(pt, at("page peer items table"));
		pt.rows.forEach((r, i) => {
			assert.equal(parseT(r[1]), exp.items[i].mean, at(`page peer item ${i + 1} own`));
			assert.equal(parseT(r[2]), peer.items[i], at(`page peer item ${i + 1} group`));
			assert.equal(parseT(r[3]), exp.items[i].mean - peer.items[i], at(`page peer item ${i + 1} difference`));
		});
		assert.equal((page.text.match(/項目ごとの平均点を比べる/g) ?? []).length, 1, at("peer items caption once"));
	}

	// ---- the PDF ----
	const pdf = join(dir, `${c.round}.pdf`);
	writeFileSync(pdf, await download(`/o/${c.org}/rounds/${c.round}/report/pdf`));
	const text = execFileSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8" });
	assert.match(text, new RegExp(`${fmt(exp.company).replace("-", "[-−]")} / 100`), at("PDF score"));
	const lines = text.split("\n");
	const partTitles = parts.rows.map((r) => r[0]);
	partTitles.forEach((title, k) => {
		const line = lines.find((l) => l.trim().startsWith(title) && /[−-]?\d+\.\d\s+[−-]?\d+\.\d/.test(l));
		assert.ok(line, at(`PDF part ${k + 1} row`));
		const nums = line.slice(line.indexOf(title) + title.length).match(/[−-]?\d+\.\d/g).map(parseT);
		assert.equal(nums[0], exp.parts[k].mean, at(`PDF part ${k + 1} mean`));
		assert.equal(nums[1], exp.parts[k].on100, at(`PDF part ${k + 1} on 100`));
		if (peer) {
			assert.equal(nums[2], peer.parts[k], at(`PDF part ${k + 1} group`));
			assert.equal(nums[3], peer.parts100[k], at(`PDF part ${k + 1} group on 100`));
		}
		// the peer page's parts: own, group, difference, own on 100, group on 100
		const prow = lines.filter((l) => l.trim().startsWith(title) && /[−-]?\d+\.\d\s+[−-]?\d+\.\d/.test(l))[1];
		if (!peer) return;	// alone in its cohort it may still be compared more widely
		assert.ok(prow, at(`PDF peer part ${k + 1} row`));
		const pn = prow.slice(prow.indexOf(title) + title.length).match(/[−-]?\d+\.\d/g).map(parseT);
		assert.deepEqual(pn, [exp.parts[k].mean, peer.parts[k], exp.parts[k].mean - peer.parts[k],
			exp.parts[k].on100, peer.parts100[k]], at(`PDF peer part ${k + 1} figures`));
	});
	const itemLine = (i) => lines.find((l) => new RegExp(`^\\s+${i + 1} \\S.*?\\s([−-]?\\d+\\.\\d)(\\s|$)`).test(l));
	for (let i = 0; i < 25; i++) {
		const l = itemLine(i);
		assert.ok(l, at(`PDF item ${i + 1} row`));
		assert.equal(parseT(l.match(/\s([−-]?\d+\.\d)(\s|$)/)[1]), exp.items[i].mean, at(`PDF item ${i + 1} mean`));
	}
	if (peer) {
		assert.ok(text.includes(fmt(peer.mean)), at("PDF cohort mean"));
	}

	// ---- the workbook ----
	const xfile = join(dir, `${c.round}.xlsx`);
	writeFileSync(xfile, await download(`/o/${c.org}/rounds/${c.round}/report/xlsx`));
	const wb = sheets(xfile);
	const [sumName, itemName, peerName] = Object.keys(wb);
	const sum = wb[sumName];
	const scoreRow = sum.find((r) => typeof r[1] === "number" && r[1] !== exp.n && r[0] && !/^\d/.test(r[0]));
	assert.equal(t10(scoreRow[1]), exp.company, at("XLSX score"));
	partTitles.forEach((title, k) => {
		const r = sum.find((row) => row[0] === title);
		assert.ok(r, at(`XLSX part ${k + 1}`));
		assert.equal(t10(r[1]), exp.parts[k].mean, at(`XLSX part ${k + 1} mean`));
		assert.equal(t10(r[2]), exp.parts[k].on100, at(`XLSX part ${k + 1} on 100`));
		if (peer) assert.equal(t10(r[3]), peer.parts[k], at(`XLSX part ${k + 1} group`));
		if (peer) assert.equal(t10(r[4]), peer.parts100[k], at(`XLSX part ${k + 1} group on 100`));
	});
	const items = wb[itemName].filter((r) => typeof r[0] === "number");
	assert.equal(items.length, 25, at("XLSX item rows"));
	for (const r of items) {
		const i = r[0] - 1, e = exp.items[i];
		assert.equal(t10(r[2]), e.mean, at(`XLSX item ${i + 1} mean`));
		assert.deepEqual(r.slice(3, 7), ANSWERS.map((a) => e.counts[a]), at(`XLSX item ${i + 1} counts`));
		if (e.exec !== null) assert.equal(t10(r[7]), e.exec, at(`XLSX item ${i + 1} executives`));
		if (e.staff !== null) assert.equal(t10(r[8]), e.staff, at(`XLSX item ${i + 1} staff`));
	}
	if (peer) {
		const rows = wb[peerName].filter((r) => typeof r[1] === "number" && typeof r[2] === "number" && r.length >= 4);
		const itemRowsX = rows.filter((r) => /^\d+\. /.test(r[0]));
		assert.equal(itemRowsX.length, 25, at("XLSX peer item rows"));
		partTitles.forEach((title, k) => {
			const r = wb[peerName].find((row) => row[0] === title);
			assert.ok(r, at(`XLSX peer part ${k + 1}`));
			assert.deepEqual(r.slice(1, 6).map(t10), [exp.parts[k].mean, peer.parts[k], exp.parts[k].mean - peer.parts[k],
				exp.parts[k].on100, peer.parts100[k]], at(`XLSX peer part ${k + 1} figures`));
		});
		for (const r of itemRowsX) {
			const i = +r[0].match(/^(\d+)\./)[1] - 1;
			assert.equal(t10(r[1]), exp.items[i].mean, at(`XLSX peer item ${i + 1} own`));
			assert.equal(t10(r[2]), peer.items[i], at(`XLSX peer item ${i + 1} group`));
			assert.equal(t10(r[3]), exp.items[i].mean - peer.items[i], at(`XLSX peer item ${i + 1} difference`));
		}
	}

	// ---- the CSV export scores the same ----
	const csv = (await download(`/o/${c.org}/rounds/${c.round}/report/csv`)).toString();
	const back = csv.trim().split(/\r?\n/).slice(1).map((l) => { const f = l.split(","); return { role: f[1], ans: f.slice(2) }; });
	assert.deepEqual(expected(back), exp, at("CSV export re-scored"));
}

for (let trial = 0; trial < TRIALS; trial++) {
	test(`random round ${trial + 1}: page, API, PDF, XLSX, JSON and CSV show the same figures as an independent computation`, async () => {
		const seed = seed0 + trial;
		const rand = rng(seed);
		const label = `seed ${seed} (MAMORI_FIGURES_SEED=${seed0} replays)`;
		// A cohort of its own: an industry letter per trial, 5–7 companies.
		const industry = "ABCDEFGHIJKLMNOPQRST"[(seed % 20 + trial) % 20];
		const employees = `e${1 + Math.floor(rand() * 5)}`;
		const ncomp = 5 + Math.floor(rand() * 3);
		const comps = [];
		for (let k = 0; k < ncomp; k++) {
			const org = (await api("POST", "/api/v1/orgs", JSON.stringify({ name: `比較${trial}-${k}`, industry, employees }))).json.id;
			const round = (await api("POST", `/api/v1/orgs/${org}/rounds`, JSON.stringify({ title: `第${k + 1}回` }))).json.id;
			const people = randomPeople(rand);
			const res = await api("POST", `/api/v1/rounds/${round}/answers`, csvOf(people), "text/csv");
			assert.equal(res.status, 201, `${label}: answers ${JSON.stringify(res.json)}`);
			comps.push({ org, round, people, exp: expected(people) });
		}
		// The first company is checked before the cohort exists (no
		// comparison), then every company once all are closed.
		assert.equal((await api("POST", `/api/v1/rounds/${comps[0].round}/close`)).status, 200);
		await checkCompany(comps[0], comps[0].exp, null, comps[0].people, `${label}, alone`);
		for (const c of comps.slice(1))
			assert.equal((await api("POST", `/api/v1/rounds/${c.round}/close`)).status, 200);
		const all = comps.map((c) => c.exp);
		for (let k = 0; k < comps.length; k++)
			await checkCompany(comps[k], comps[k].exp, expectedPeer(all, k), comps[k].people, `${label}, company ${k + 1}/${comps.length}`);
	});
}
