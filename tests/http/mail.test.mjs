// E-mail against a real SMTP server on loopback (tests/http/smtp_sink.py,
// Debian's python3-aiosmtpd): what arrives (recipient, subject, both
// parts, links that work), reminders only to those who have not finished,
// the unsubscribe link, a server that is down (retried, shown to the
// admin, sent once it is up), and a node killed while it sends (the other
// node delivers, nothing twice).  In the http-postgres run the two nodes
// share one PostgreSQL database.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync, unlinkSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer, Client, firstAdmin, makeOrg, openRound, answerAll, csrfOf, unescape, top, cli } from "./lib.mjs";

const servers = [];
const sinks = [];
after(async () => {
	for (const s of servers) await s.stop();
	for (const k of sinks) await k.stop();
});

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function freePort() {
	return new Promise((resolve) => {
		const s = createServer();
		s.listen(0, "127.0.0.1", () => { const p = s.address().port; s.close(() => resolve(p)); });
	});
}

// The SMTP server: messages land in dir as N.json.
async function startSink(port, dir = mkdtempSync(join(tmpdir(), "mamori-smtp-"))) {
	const child = spawn("/usr/bin/python3", [join(top, "tests/http/smtp_sink.py"), dir, String(port)],
		{ stdio: ["ignore", "pipe", "pipe"] });
	let err = "";
	child.stderr.on("data", (d) => { err += d; });
	await new Promise((resolve, reject) => {
		const t = setTimeout(() => reject(new Error("smtp sink did not start: " + err)), 10000);
		child.stdout.on("data", (d) => { if (String(d).includes("ready")) { clearTimeout(t); resolve(); } });
		child.on("exit", (c) => reject(new Error(`smtp sink exited ${c}: ${err}`)));
	});
	const sink = {
		dir, port,
		messages() {
			return readdirSync(dir).filter((f) => f.endsWith(".json")).sort()
				.map((f) => JSON.parse(readFileSync(join(dir, f), "utf8")));
		},
		dropped() { return existsSync(join(dir, "dropped")) ? readFileSync(join(dir, "dropped"), "utf8").length : 0; },
		dataStarted() { return existsSync(join(dir, "data-started")) ? readFileSync(join(dir, "data-started"), "utf8").length : 0; },
		async stop(keep = false) {
			if (child.exitCode === null && child.signalCode === null) {
				child.kill("SIGTERM");
				await new Promise((r) => child.on("exit", r));
			}
			if (!keep) rmSync(dir, { recursive: true, force: true });
		},
	};
	sinks.push(sink);
	return sink;
}

const mailArgs = (port, more = []) => ["--smtp-url", `smtp://127.0.0.1:${port}`,
	"--smtp-from", "mamori <noreply@example.jp>", "--mail-poll-secs", "1",
	"--mail-retry-secs", "1", "--mail-attempts", "3", "--mail-lease-secs", "3", ...more];

async function until(what, fn, secs = 20) {
	const end = Date.now() + secs * 1000;
	for (;;) {
		const v = await fn();
		if (v) return v;
		if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
		await sleep(200);
	}
}

const dbsql = (srv, q) => srv.db.startsWith("sqlite:")
	? execFileSync("sqlite3", [srv.db.slice(7), q], { encoding: "utf8" })
	: execFileSync("psql", [srv.db, "-qAt", "-c", q], { encoding: "utf8" });

const links = (html) => [...html.matchAll(/<code class="secret[^"]*">([^<]+)<\/code>/g)].map((m) => unescape(m[1]));

async function invite(admin, org, email, role = "member") {
	const mp = await admin.get(`/o/${org}/members`);
	return admin.post(`/o/${org}/members`, { _csrf: csrfOf(mp.text), role, email });
}

test("without smtp-url nothing asks for an address and the invitation link is shown as before", async () => {
	const srv = await startServer();
	servers.push(srv);
	const admin = await firstAdmin(srv);
	const org = await makeOrg(admin);
	const mp = await admin.get(`/o/${org}/members`);
	assert.doesNotMatch(mp.text, /name="email"/);
	const inv = await admin.post(`/o/${org}/members`, { _csrf: csrfOf(mp.text), role: "member" });
	assert.equal(inv.status, 200);
	assert.match(links(inv.text)[0], /\/invite\//);
	const am = await admin.get("/admin/mail");
	assert.equal(am.status, 200);
	assert.match(am.text, /smtp-url/);
});

test("an invitation arrives: recipient, encoded subject, both parts, a link that works", async () => {
	const sink = await startSink(await freePort());
	const srv = await startServer(mailArgs(sink.port));
	servers.push(srv);
	const admin = await firstAdmin(srv);
	const org = await makeOrg(admin, { name: "招待テスト株式会社<&>" });
	// a wrong address is a field error, the role kept
	let inv = await invite(admin, org, "not an address", "org_admin");
	assert.equal(inv.status, 422);
	assert.match(inv.text, /id="e-email"|aria-invalid="true"/);
	assert.match(inv.text, /value="not an address"/);
	inv = await invite(admin, org, "New.Person@Example.JP");
	assert.equal(inv.status, 200);
	assert.match(inv.text, /new\.person@example\.jp/);
	const url = links(inv.text)[0];
	const [m] = await until("the invitation", () => sink.messages().length ? sink.messages() : null);
	assert.deepEqual(m.rcpt_tos, ["new.person@example.jp"]);
	assert.equal(m.mail_from, "noreply@example.jp");
	assert.equal(m.subject, "mamori への招待：招待テスト株式会社<&>");
	assert.match(m.raw_subject, /Subject: =\?UTF-8\?B\?/);
	assert.equal(m.content_type, "multipart/alternative");
	assert.ok(m.max_line <= 998, `a line of ${m.max_line}`);
	assert.equal(m.bare_lf, false);
	const text = m.parts["text/plain"], html = m.parts["text/html"];
	assert.equal(text.charset, "utf-8");
	assert.equal(html.charset, "utf-8");
	assert.ok(text.text.includes(url), "the plain part holds the link");
	assert.ok(html.text.includes(`href="${url}"`), "the HTML part links it");
	assert.ok(html.text.includes("招待テスト株式会社&lt;&amp;&gt;"), "the HTML part escapes the name");
	assert.ok(!("List-Unsubscribe" in m.headers), "an invitation has nothing to unsubscribe from");
	assert.match(m.headers["Message-ID"], /^<mamori\.\d+\.\d+@example\.jp>$/);
	// the link in the mail opens the invitation
	const page = await new Client(srv.base).get(new URL(url).pathname);
	assert.equal(page.status, 200);
	assert.match(page.text, /招待テスト株式会社/);
	const am = await admin.get("/admin/mail");
	assert.match(am.text, /mail-count-sent[^>]*>1</);
});

test("reminders go only to those who have not finished; a second press the same day sends nothing; unsubscribe works", async () => {
	const sink = await startSink(await freePort());
	const srv = await startServer(mailArgs(sink.port, ["--lang", "en"]));
	servers.push(srv);
	const admin = await firstAdmin(srv);
	const org = await makeOrg(admin);
	const round = await openRound(admin, org, "Spring check");
	const rp = `/o/${org}/rounds/${round}`;
	let page = await admin.get(rp);
	const add = async (name, email) => {
		const res = await admin.post(`${rp}/links`, { _csrf: csrfOf(page.text), role: "employee", name, email });
		assert.equal(res.status, 303, res.text.slice(0, 300));
	};
	const bad = await admin.post(`${rp}/links`, { _csrf: csrfOf(page.text), role: "employee", name: "X", email: "x@" });
	assert.equal(bad.status, 422);
	await add("Aoki", "aoki@example.jp");
	await add("Baba", "baba@example.jp");
	await add("Chiba", "");
	page = await admin.get(rp);
	const personal = links(page.text).slice(1);
	assert.equal(personal.length, 3);
	// the admin sees where each person's reminders go
	assert.match(page.text, /Reminders go to aoki@example\.jp/);
	assert.match(page.text, /Reminders go to baba@example\.jp/);
	assert.equal([...page.text.matchAll(/resp-email/g)].length, 2);
	// Baba (the second link) finishes; Aoki starts but does not finish
	await answerAll(new Client(srv.base), new URL(personal[1]).pathname, Array(25).fill("yes"));
	let res = await admin.post(`${rp}/remind`, { _csrf: csrfOf(page.text) });
	assert.equal(res.status, 200);
	assert.match(res.text, /Reminders are going to 1 people/);
	const [m] = await until("the reminder", () => sink.messages().length ? sink.messages() : null);
	assert.deepEqual(m.rcpt_tos, ["aoki@example.jp"]);
	assert.ok(m.parts["text/plain"].text.includes(personal[0]), "Aoki's own link");
	assert.ok(m.parts["text/html"].text.includes(personal[0]));
	assert.match(m.parts["text/plain"].text, /Spring check/);
	// the link in the mail opens Aoki's questionnaire
	const open = await new Client(srv.base).get(new URL(personal[0]).pathname);
	assert.ok([200, 303].includes(open.status));
	// once a day: the second press queues nothing
	res = await admin.post(`${rp}/remind`, { _csrf: csrfOf(page.text) });
	assert.match(res.text, /Reminders are going to 0 people/);
	await sleep(1500);
	assert.equal(sink.messages().length, 1);

	// unsubscribe: the header and the link in the text name the same URL
	const lu = m.headers["List-Unsubscribe"].match(/^<(.+)>$/)[1];
	assert.ok(m.parts["text/plain"].text.includes(lu));
	const anon = new Client(srv.base);
	const ask = await anon.get(new URL(lu).pathname);
	assert.equal(ask.status, 200);
	assert.match(ask.text, /aoki@example\.jp/);
	// a forged token opens nothing
	assert.equal((await anon.get(new URL(lu).pathname.replace(/.$/, (c) => c === "A" ? "B" : "A"))).status, 404);
	// opening the link changed nothing; without its page's token the
	// POST is refused, with it (no session needed) it is done
	assert.equal((await new Client(srv.base).post(new URL(lu).pathname, {})).status, 403);
	const off = await anon.post(new URL(lu).pathname, { _csrf: csrfOf(ask.text) });
	assert.equal(off.status, 200);
	assert.match(off.text, /aoki@example\.jp/);
	// a new round: Aoki's address no longer gets reminders
	const round2 = await openRound(admin, org, "Autumn check");
	const rp2 = `/o/${org}/rounds/${round2}`;
	page = await admin.get(rp2);
	await admin.post(`${rp2}/links`, { _csrf: csrfOf(page.text), role: "employee", name: "Aoki", email: "aoki@example.jp" });
	await admin.post(`${rp2}/links`, { _csrf: csrfOf(page.text), role: "employee", name: "Daido", email: "daido@example.jp" });
	res = await admin.post(`${rp2}/remind`, { _csrf: csrfOf(page.text) });
	assert.match(res.text, /Reminders are going to 1 people/);
	await until("Daido's reminder", () => sink.messages().length === 2);
	assert.deepEqual(sink.messages()[1].rcpt_tos, ["daido@example.jp"]);
	// an export keeps the respondents' addresses and what was turned off
	const file = join(sink.dir, "export.json");
	const ex = cli(["export", "--all", file, "--db", srv.db]);
	assert.equal(ex.status, 0, ex.stderr);
	const doc = JSON.parse(readFileSync(file, "utf8"));
	const tab = (n) => doc.tables.find((t) => t.name === n);
	const ei = tab("respondents").columns.indexOf("email");
	assert.ok(ei >= 0);
	assert.equal(tab("respondents").rows.filter((r) => r[ei] === "aoki@example.jp").length, 2);
	assert.deepEqual(tab("mail_off").rows.map((r) => [r[0], r[1]]), [["aoki@example.jp", "round_remind"]]);
});

test("the account page turns a kind off and on again", async () => {
	const sink = await startSink(await freePort());
	const srv = await startServer(mailArgs(sink.port));
	servers.push(srv);
	const admin = await firstAdmin(srv);
	let pg = await admin.get("/account/mail");
	assert.equal(pg.status, 200);
	assert.match(pg.text, /name="k_round_remind" value="1" checked/);
	let res = await admin.post("/account/mail", { _csrf: csrfOf(pg.text), k_plan_due: "1" });
	assert.equal(res.status, 200);
	assert.doesNotMatch(res.text, /name="k_round_remind" value="1" checked/);
	assert.match(res.text, /name="k_plan_due" value="1" checked/);
	res = await admin.post("/account/mail", { _csrf: csrfOf(pg.text), k_plan_due: "1", k_round_remind: "1",
		k_incident_due: "1", k_follow_up: "1" });
	assert.match(res.text, /name="k_round_remind" value="1" checked/);
	assert.match((await admin.get("/account")).text, /href="\/account\/mail"/);
});

test("an SMTP server that is down: retried, shown to the admin as failed, sent once it is up and the admin asks", async () => {
	const port = await freePort();
	const srv = await startServer(mailArgs(port));
	servers.push(srv);
	const admin = await firstAdmin(srv);
	const org = await makeOrg(admin);
	const t0 = Date.now();
	const inv = await invite(admin, org, "late@example.jp");
	// queueing never waits for the server
	assert.equal(inv.status, 200);
	assert.ok(Date.now() - t0 < 5000);
	const am = await until("the failure", async () => {
		const p = await admin.get("/admin/mail");
		return /mail-count-failed[^>]*>1</.test(p.text) ? p : null;
	}, 30);
	assert.match(am.text, /late@example\.jp/);
	assert.match(am.text, /mail-error[^>]*>[^<]*Couldn|mail-error[^>]*>[^<]*connect/i);
	// the server comes up: the admin sends it again
	const sink = await startSink(port);
	const res = await admin.post("/admin/mail/retry", { _csrf: csrfOf(am.text) });
	assert.equal(res.status, 200);
	const [m] = await until("the late invitation", () => sink.messages().length ? sink.messages() : null);
	assert.deepEqual(m.rcpt_tos, ["late@example.jp"]);
	await until("sent on the admin page", async () => /mail-count-sent[^>]*>1</.test((await admin.get("/admin/mail")).text));
	assert.equal(sink.messages().length, 1);
});

test("a node killed while it sends: the other node delivers after the lease, and the mail arrives once", async () => {
	const sink = await startSink(await freePort());
	// the server holds its answer to DATA for a minute: A is surely
	// killed while it waits, however long B takes to start; the lease
	// (10 s) keeps B from taking the message over while A lives
	writeFileSync(join(sink.dir, "slow"), "60");
	const lease = ["--mail-lease-secs", "10"];
	const a = await startServer(mailArgs(sink.port, lease));
	servers.push(a);
	const admin = await firstAdmin(a);
	const org = await makeOrg(admin);
	await invite(admin, org, "once@example.jp");
	// A's worker is inside DATA, waiting for the server's answer
	await until("A sending", () => sink.dataStarted() >= 1);
	const b = await startServer(mailArgs(sink.port, lease), a.db);
	servers.push(b);
	await a.crash();
	unlinkSync(join(sink.dir, "slow"));
	await until("B delivering", () => sink.messages().length >= 1, 30);
	await sleep(2500);
	const got = sink.messages();
	assert.equal(got.length, 1, "one message at the server");
	assert.deepEqual(got[0].rcpt_tos, ["once@example.jp"]);
	assert.equal(sink.dataStarted(), 2, "A's attempt and B's");
	assert.equal(sink.dropped(), 1, "A's, cut off unanswered by its death");
	// B shows it sent
	const onB = new Client(b.base);
	onB.jar = admin.jar;
	await until("sent on B", async () => /mail-count-sent[^>]*>1</.test((await onB.get("/admin/mail")).text));
});

test("a message that failed once waits, shown with its error, and goes by itself when the server comes up", async () => {
	const port = await freePort();
	const srv = await startServer(mailArgs(port, ["--mail-attempts", "10"]));
	servers.push(srv);
	const admin = await firstAdmin(srv);
	const org = await makeOrg(admin);
	await invite(admin, org, "retry@example.jp");
	const am = await until("the error", async () => {
		const p = await admin.get("/admin/mail");
		return /retry@example\.jp/.test(p.text) ? p : null;
	});
	assert.match(am.text, /mail-state-queued/);
	assert.match(am.text, /mail-count-failed[^>]*>0</);
	const sink = await startSink(port);
	const [m] = await until("the retried invitation", () => sink.messages().length ? sink.messages() : null, 30);
	assert.deepEqual(m.rcpt_tos, ["retry@example.jp"]);
	await until("no trouble left", async () => /mail-count-sent[^>]*>1</.test((await admin.get("/admin/mail")).text));
});

test("an overdue plan row reminds its assignee once, in their language; a done row or a turned-off kind gets nothing", async () => {
	const sink = await startSink(await freePort());
	const srv = await startServer(mailArgs(sink.port));
	servers.push(srv);
	const admin = await firstAdmin(srv);
	const org = await makeOrg(admin);
	// the admin reads English
	const acct = await admin.get("/account");
	await admin.post("/account/lang", { _csrf: csrfOf(acct.text), lang: "en" });
	const csrf = csrfOf((await admin.get("/account")).text);
	const api = (m, p, body) => admin.req(m, p, { body: JSON.stringify(body),
		headers: { "content-type": "application/json", "x-csrf-token": csrf } });
	// a row's deadline cannot be set in the past: made for this month,
	// then moved back a month in the database, as time would
	const now = new Date(Date.now() + 9 * 3600 * 1000);
	const ymOf = (d) => `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`;
	const ym = ymOf(now), past = ymOf(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)));
	const mkRow = async (fields) => {
		// (until then its deadline is this month's end: a pass sends
		// nothing for it unless that is within 14 days)
		const r = await api("POST", `/api/v1/orgs/${org}/plan`, { area: "human", deadline: ym, assignee: "admin@example.jp", ...fields });
		assert.equal(r.status, 201, r.text);
		const id = JSON.parse(r.text).id;
		dbsql(srv, srv.db.startsWith("sqlite:")
			? `UPDATE reg_rows SET body = json_set(body, '$.deadline', '${past}') WHERE id = ${id}`
			: `UPDATE reg_rows SET body = jsonb_set(body::jsonb, '{deadline}', '"${past}"')::text WHERE id = ${id}`);
		return id;
	};
	// while the rows are made and moved, plan mail is off for the
	// admin (near a month's end a pass could see this month's deadline
	// within 14 days); what is off is not queued, so nothing is lost
	const prefs = async (fields) => {
		const pg = await admin.get("/account/mail");
		assert.equal((await admin.post("/account/mail", { _csrf: csrfOf(pg.text), ...fields })).status, 200);
	};
	await prefs({ k_round_remind: "1" });
	const row = await mkRow({ measure: "Train everyone <now>" });
	await mkRow({ measure: "Already done", status: "done" });
	await prefs({ k_round_remind: "1", k_plan_due: "1" });
	const [m] = await until("the plan reminder", () => sink.messages().length ? sink.messages() : null);
	assert.deepEqual(m.rcpt_tos, ["admin@example.jp"]);
	assert.match(m.subject, /^A plan item is due: /);
	assert.match(m.parts["text/plain"].text, /past its deadline/);
	assert.ok(m.parts["text/plain"].text.includes("Train everyone <now>"));
	assert.ok(m.parts["text/html"].text.includes("Train everyone &lt;now&gt;"));
	assert.ok(m.parts["text/plain"].text.includes(`/o/${org}/r/plan/${row}`));
	assert.match(m.headers["List-Unsubscribe"], /\/mail\/off\/plan_due\.u\d+\./);
	// passes go on: the same row and state are never queued twice
	await sleep(3000);
	assert.equal(sink.messages().length, 1);
	// turned off: a new overdue row sends nothing
	await prefs({ k_round_remind: "1" });
	await mkRow({ measure: "Another" });
	await sleep(3000);
	assert.equal(sink.messages().length, 1);
});

test("by themselves: a round closing within mail-remind-days reminds who has not finished, and a programme's follow-up reaches its advisor", async () => {
	const sink = await startSink(await freePort());
	const srv = await startServer(mailArgs(sink.port, ["--mail-remind-days", "3"]));
	servers.push(srv);
	const admin = await firstAdmin(srv);
	const org = await makeOrg(admin);
	const round = await openRound(admin, org, "期限つき");
	const rp = `/o/${org}/rounds/${round}`;
	let page = await admin.get(rp);
	await admin.post(`${rp}/links`, { _csrf: csrfOf(page.text), role: "manager", name: "江藤", email: "eto@example.jp" });
	await sleep(2500);
	assert.equal(sink.messages().length, 0, "no deadline: nothing by itself");
	const jst = new Date(Date.now() + 9 * 3600 * 1000);
	const day = (d) => d.toISOString().slice(0, 10);
	const soon = new Date(jst.getTime() + 2 * 86400 * 1000);
	const res = await admin.post(`${rp}/deadline`, { _csrf: csrfOf(page.text), deadline: day(soon) });
	assert.ok([200, 303].includes(res.status), `deadline: ${res.status}`);
	const [m] = await until("the automatic reminder", () => sink.messages().length ? sink.messages() : null);
	assert.deepEqual(m.rcpt_tos, ["eto@example.jp"]);
	assert.equal(m.subject.startsWith("セキュリティ診断への回答のお願い："), true);
	assert.ok(m.parts["text/plain"].text.includes(day(soon)));
	await sleep(2500);
	assert.equal(sink.messages().length, 1, "once per respondent");

	// a programme whose last visit was six months ago (made in the
	// database: the programme's pages are not what is tested here)
	const held = day(new Date(Date.UTC(jst.getUTCFullYear(), jst.getUTCMonth() - 6, 1)));
	const uid = dbsql(srv, "SELECT id FROM users WHERE email = 'admin@example.jp'").trim();
	dbsql(srv, `INSERT INTO engagements (org_id, advisor_id, template, state, first_visit, created_at) VALUES (${org}, ${uid}, 'standard', 'running', '${held}', 0)`);
	dbsql(srv, `INSERT INTO engagement_visits (org_id, n, planned, held, updated_at) VALUES (${org}, 1, '${held}', '${held}', 0)`);
	await until("the follow-up", () => sink.messages().length === 2);
	const f = sink.messages()[1];
	assert.deepEqual(f.rcpt_tos, ["admin@example.jp"]);
	assert.match(f.subject, /^支援プログラムのフォローアップの時期です：/);
	assert.ok(f.parts["text/plain"].text.includes(`/o/${org}/programme`));
	assert.ok(f.parts["text/plain"].text.includes(held));
	await sleep(2500);
	assert.equal(sink.messages().length, 2);
});

test("an incident's preliminary report due in 3 days reminds the org admins once", async () => {
	const sink = await startSink(await freePort());
	const srv = await startServer(mailArgs(sink.port));
	servers.push(srv);
	const admin = await firstAdmin(srv);
	const org = await makeOrg(admin);
	const csrf = csrfOf((await admin.get("/account")).text);
	const api = (m, p, body) => admin.req(m, p, { body: JSON.stringify(body),
		headers: { "content-type": "application/json", "x-csrf-token": csrf } });
	// aware two days ago (Japan time): the preliminary window closes on
	// the fifth day, three days from today
	const jst = new Date(Date.now() + 9 * 3600 * 1000 - 2 * 86400 * 1000);
	const aware = `${jst.toISOString().slice(0, 10)}T10:00+09:00`;
	const res = await api("POST", `/api/v1/orgs/${org}/incidents`, {
		kind: "leak", summary: "名簿の持ち出し <USB>", level: 2, detected_at: aware, aware_at: aware,
		personal: true, sensitive: true,
	});
	assert.equal(res.status, 201, res.text);
	const id = JSON.parse(res.text).id;
	const [m] = await until("the incident reminder", () => sink.messages().length ? sink.messages() : null);
	assert.deepEqual(m.rcpt_tos, ["admin@example.jp"]);
	assert.match(m.subject, /^事故の報告期限のお知らせ：/);
	const t = m.parts["text/plain"].text;
	assert.match(t, /あと3日/);
	assert.match(t, /速報/);
	assert.ok(t.includes("名簿の持ち出し <USB>"));
	assert.ok(t.includes(`/o/${org}/incidents/${id}/reports`));
	await sleep(2500);
	assert.equal(sink.messages().length, 1, "once");
});
