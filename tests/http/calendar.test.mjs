// A user's private calendar feed (issue 16): /cal/TOKEN.ics, made,
// renewed and stopped on the account page, holding the days the user is
// concerned with — their plan rows, programme visits, incident report
// deadlines (as organisation admin), rounds closing on a date — checked
// against what the test made through the API.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, Client, firstAdmin, makeOrg, openRound, inviteUser, csrfOf, unescape, cli } from "./lib.mjs";

let srv, admin, org, adv, outsider;
const tok = {};
const made = {};

const DAY = 86400000;
const dayOf = (ms) => new Date(ms + 9 * 3600000).toISOString().slice(0, 10);
const today = () => dayOf(Date.now());
const plus = (d, n) => new Date(Date.parse(d + "T00:00:00Z") + n * DAY).toISOString().slice(0, 10);
const ymd = (d) => d.replaceAll("-", "");

async function api(who, method, path, body) {
	const res = await new Client(srv.base).req(method, path, {
		body: body === undefined ? undefined : JSON.stringify(body),
		headers: { authorization: `Bearer ${tok[who]}`, "content-type": "application/json" },
	});
	assert.ok(res.status < 300, `${method} ${path}: ${res.status} ${res.text.slice(0, 300)}`);
	return JSON.parse(res.text);
}

before(async () => {
	srv = await startServer();
	admin = await firstAdmin(srv);
	org = await makeOrg(admin, { name: "カレンダー工業" });
	adv = await inviteUser(admin, srv, org, "adv@example.jp", "advisor");
	const orgB = await makeOrg(admin, { name: "別の会社" });
	outsider = await inviteUser(admin, srv, orgB, "out@example.jp", "member");
	for (const e of ["admin", "adv"])
		tok[e] = cli(["user", "token", `${e}@example.jp`, "--db", srv.db]).stdout.trim();
	const month = today().slice(0, 7);
	made.month = month;
	made.mine = await api("admin", "POST", `/api/v1/orgs/${org}/plan`, { area: "technical", measure: "バックアップを毎週取り、復元も試す; 月末に確認, 記録する", deadline: month, owner: "admin@example.jp", status: "todo" });
	made.others = await api("admin", "POST", `/api/v1/orgs/${org}/plan`, { area: "human", measure: "教育をする", deadline: month, owner: "someone@example.jp" });
	made.done = await api("admin", "POST", `/api/v1/orgs/${org}/plan`, { area: "physical", measure: "鍵を替える", deadline: month, owner: "admin@example.jp", status: "done" });
	made.round = await openRound(admin, org, "秋の診断");
	made.deadline = plus(today(), 10);
	const rp = await admin.get(`/o/${org}/rounds/${made.round}`);
	const dl = await admin.post(`/o/${org}/rounds/${made.round}/deadline`, { _csrf: csrfOf(rp.text), deadline: made.deadline });
	assert.ok(dl.status === 200 || dl.status === 303, `deadline: ${dl.status}`);
	assert.doesNotMatch(dl.text, /aria-invalid="true"/);
	const aware = new Date(Date.now() - 2 * DAY).toISOString().slice(0, 16) + "Z";
	made.incident = await api("admin", "POST", `/api/v1/orgs/${org}/incidents`, { kind: "malware", level: 3, status: "open", summary: "ファイルが暗号化された", detected_at: aware, aware_at: aware, personal: true, people: 1200, malicious: true });
	made.calm = await api("admin", "POST", `/api/v1/orgs/${org}/incidents`, { kind: "other", level: 0, summary: "怪しいメールを消した", detected_at: aware });
	made.appi = await api("admin", "GET", `/api/v1/orgs/${org}/incidents/${made.incident.id}/appi`);
	assert.equal(made.appi.required, true);
	made.eng = await api("adv", "POST", `/api/v1/orgs/${org}/engagement`, { template: "four_visits", first_visit: plus(today(), 7) });
});
after(async () => { await srv?.stop(); });

// Make (or renew) c's feed: its path.
async function feedOf(c) {
	const acct = await c.get("/account");
	assert.match(acct.text, /id="calendar"/);
	const res = await c.post("/account/calendar", { _csrf: csrfOf(acct.text) });
	assert.equal(res.status, 200);
	const m = res.text.match(/<code class="secret cal-url">([^<]+)<\/code>/);
	assert.ok(m, "the link is shown once");
	const url = new URL(unescape(m[1]));
	assert.match(url.pathname, /^\/cal\/[A-Za-z0-9_-]{43}\.ics$/);
	return url.pathname;
}

// The feed's events by UID, lines unfolded: {UID: {DTSTART, SUMMARY, …}}.
async function events(path) {
	const res = await fetch(srv.base + path);
	assert.equal(res.status, 200);
	assert.match(res.headers.get("content-type"), /^text\/calendar/);
	const raw = await res.text();
	for (const line of raw.split("\r\n"))
		assert.ok(Buffer.byteLength(line) <= 75, `line too long: ${line}`);
	const lines = raw.replace(/\r\n[ \t]/g, "").split("\r\n");
	assert.equal(lines[0], "BEGIN:VCALENDAR");
	const out = {};
	let cur = null;
	for (const l of lines) {
		if (l === "BEGIN:VEVENT") cur = {};
		else if (l === "END:VEVENT") { out[cur.UID] = cur; cur = null; }
		else if (cur) {
			const i = l.indexOf(":");
			cur[l.slice(0, i)] = l.slice(i + 1);
		}
	}
	return out;
}

let adminFeed;

test("the admin's feed: their own open plan row, the round's deadline, the incident's report deadlines, the programme's visits", async () => {
	adminFeed = await feedOf(admin);
	const ev = await events(adminFeed);
	const [y, m] = made.month.split("-").map(Number);
	const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
	const p = ev[`cal-plan-${made.mine.id}@mamori`];
	assert.ok(p, JSON.stringify(Object.keys(ev)));
	assert.equal(p["DTSTART;VALUE=DATE"], `${made.month.replace("-", "")}${String(last).padStart(2, "0")}`);
	// TEXT escaping of ; and ,
	assert.match(p.SUMMARY, /復元も試す\\; 月末に確認\\, 記録する/);
	assert.match(p.URL, new RegExp(`/o/${org}/r/plan/${made.mine.id}$`));
	assert.equal(ev[`cal-plan-${made.others.id}@mamori`], undefined, "owned by someone else");
	assert.equal(ev[`cal-plan-${made.done.id}@mamori`], undefined, "done");
	const r = ev[`cal-round-${made.round}@mamori`];
	assert.equal(r["DTSTART;VALUE=DATE"], ymd(made.deadline));
	assert.match(r.SUMMARY, /秋の診断/);
	const pre = ev[`cal-incident-${made.incident.id}-prelim@mamori`];
	const fin = ev[`cal-incident-${made.incident.id}-final@mamori`];
	assert.equal(pre["DTSTART;VALUE=DATE"], ymd(made.appi.preliminary_due.to));
	assert.equal(fin["DTSTART;VALUE=DATE"], ymd(made.appi.final_due));
	assert.equal(ev[`cal-incident-${made.calm.id}-prelim@mamori`], undefined, "nothing to report");
	const visits = made.eng.visits;
	assert.equal(visits.length, 4);
	for (const v of visits)
		assert.equal(ev[`cal-visit-${org}-${v.n}@mamori`]["DTSTART;VALUE=DATE"], ymd(v.planned));
	assert.equal(Object.keys(ev).length, 1 + 1 + 2 + 4);
	// the same UIDs on the next download
	assert.deepEqual(Object.keys(await events(adminFeed)).sort(), Object.keys(ev).sort());
});

test("the advisor's feed: the visits and the round, not the admin's plan row nor the incident", async () => {
	const ev = await events(await feedOf(adv));
	assert.equal(ev[`cal-plan-${made.mine.id}@mamori`], undefined);
	assert.equal(ev[`cal-incident-${made.incident.id}-prelim@mamori`], undefined);
	assert.ok(ev[`cal-round-${made.round}@mamori`]);
	assert.ok(ev[`cal-visit-${org}-1@mamori`]);
	// someone of another company sees none of it
	const out = await events(await feedOf(outsider));
	assert.equal(Object.keys(out).length, 0);
});

test("an incident ticked as reported to the Commission leaves the feed", async () => {
	assert.ok((await events(adminFeed))[`cal-incident-${made.incident.id}-final@mamori`]);
	await api("admin", "POST", `/api/v1/orgs/${org}/incident_reports`, { incident: made.incident.id, destination: "ppc", done_on: today() });
	const ev = await events(adminFeed);
	assert.equal(ev[`cal-incident-${made.incident.id}-prelim@mamori`], undefined);
	assert.equal(ev[`cal-incident-${made.incident.id}-final@mamori`], undefined);
	assert.ok(ev[`cal-plan-${made.mine.id}@mamori`]);
});

test("renewing stops the old link; stopping the feed makes it 404; a malformed one 404 too", async () => {
	const renewed = await feedOf(admin);
	assert.notEqual(renewed, adminFeed);
	assert.equal((await fetch(srv.base + adminFeed)).status, 404);
	assert.equal((await fetch(srv.base + renewed)).status, 200);
	const acct = await admin.get("/account");
	const stop = await admin.post("/account/calendar/revoke", { _csrf: csrfOf(acct.text) });
	assert.equal(stop.status, 200);
	assert.equal((await fetch(srv.base + renewed)).status, 404);
	assert.equal((await fetch(srv.base + renewed.replace(".ics", ".txt"))).status, 404);
	assert.equal((await fetch(srv.base + "/cal/short.ics")).status, 404);
	const audit = await admin.get("/admin/audit");
	assert.match(audit.text, /カレンダーの配信用URLを止めました|Stopped the calendar feed link/);
});
