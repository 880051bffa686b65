// Incidents through the API: the register with its moments (ISO 8601
// with an offset, kept as Japan time), awareness never before detection
// nor in the future, levels 0–3; and the personal-data report clock of
// GET …/incidents/{id}/appi — every reason, encryption, the 1,000-people
// edge, the deadlines counted in Japan days — each checked against the
// test's own computation below.  Another organisation sees nothing.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, firstAdmin, makeOrg } from "./lib.mjs";

let srv, admin, org, other, auth;
before(async () => {
	srv = await startServer();
	admin = await firstAdmin(srv);
	org = await makeOrg(admin);
	other = await makeOrg(admin, { name: "別会社" });
	const page = await admin.get("/account");
	const csrf = page.text.match(/name="_csrf" value="([^"]+)"/)[1];
	const tok = await admin.post("/account/token", { _csrf: csrf });
	auth = { authorization: "Bearer " + tok.text.match(/<code class="secret">([^<]+)<\/code>/)[1] };
});
after(async () => { await srv?.stop(); });

const api = (m, p, body) => admin.req(m, p, {
	body: body === undefined ? undefined : JSON.stringify(body),
	headers: { ...auth, "content-type": "application/json" },
});
const json = (res) => JSON.parse(res.text);

// The day in Japan of an ISO moment, plus n days, as YYYY-MM-DD.
function jday(iso, n) {
	const t = new Date(new Date(iso).getTime() + 9 * 3600e3);
	const d = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate() + n));
	return d.toISOString().slice(0, 10);
}
// The rule, written out: reasons in order, unless encrypted.
function reasons(c) {
	if (!c.personal || c.encrypted) return [];
	const r = [];
	if (c.sensitive) r.push("sensitive");
	if (c.financial) r.push("financial");
	if (c.malicious) r.push("malicious");
	if ((c.people ?? -1) > 1000) r.push("over_1000");
	return r;
}

test("the report clock: each reason, encryption, the edge of 1,000, deadlines across the year's end", async () => {
	const base = { kind: "leak", summary: "顧客名簿の流出", level: 2, detected_at: "2025-12-29T18:00+09:00", aware_at: "2025-12-30T10:00+09:00" };
	const cases = [
		{ personal: true, people: 10 },
		{ personal: true, people: 10, sensitive: true },
		{ personal: true, people: 10, financial: true },
		{ personal: true, people: 10, malicious: true },
		{ personal: true, people: 1000 },
		{ personal: true, people: 1001 },
		{ personal: true, people: 1200, malicious: true, encrypted: true },
		{ personal: false, people: 5000, sensitive: true },
		{ personal: true, people: 1200, malicious: true },
	];
	for (const c of cases) {
		const res = await api("POST", `/api/v1/orgs/${org}/incidents`, { ...base, ...c });
		assert.equal(res.status, 201, res.text);
		const row = json(res);
		assert.equal(row.aware_at, "2025-12-30T10:00:00+09:00");
		const want = reasons(c);
		assert.equal(row.report_required, want.length > 0, JSON.stringify(c));
		const a = json(await api("GET", `/api/v1/orgs/${org}/incidents/${row.id}/appi`));
		assert.deepEqual(a.reasons, want, JSON.stringify(c));
		assert.equal(a.required, want.length > 0);
		assert.equal(a.notify_people, want.length > 0);
		if (want.length === 0) {
			assert.equal(a.preliminary_due, null);
			assert.equal(a.final_due, null);
			continue;
		}
		assert.deepEqual(a.preliminary_due, { from: jday(base.aware_at, 3), to: jday(base.aware_at, 5) });
		assert.equal(a.final_due, jday(base.aware_at, want.includes("malicious") ? 59 : 29));
		assert.equal(a.counted_from, "aware_at");
	}
	// the dates written out once by hand, too
	const last = json(await api("GET", `/api/v1/orgs/${org}/incidents`)).rows.find((r) => r.people === 1200 && r.malicious && !r.encrypted);
	const a = json(await api("GET", `/api/v1/orgs/${org}/incidents/${last.id}/appi`));
	assert.deepEqual(a.preliminary_due, { from: "2026-01-02", to: "2026-01-04" });
	assert.equal(a.final_due, "2026-02-27");
});

test("moments in any offset are the same instant; bad ones are refused with their reason", async () => {
	// 2026-03-31 23:30 in New York is 2026-04-01 12:30 in Japan
	const res = await api("POST", `/api/v1/orgs/${org}/incidents`, { kind: "malware", summary: "身代金の要求", level: 3, detected_at: "2026-03-31T23:30-04:00", personal: true, people: 50, sensitive: true });
	assert.equal(res.status, 201, res.text);
	const row = json(res);
	assert.equal(row.detected_at, "2026-04-01T12:30:00+09:00");
	const a = json(await api("GET", `/api/v1/orgs/${org}/incidents/${row.id}/appi`));
	assert.equal(a.counted_from, "detected_at");
	assert.equal(a.final_due, "2026-04-30");
	for (const [body, field, code] of [
		[{ aware_at: "2026-12-01T10:00+09:00", detected_at: "2026-12-02T10:00+09:00" }, "aware_at", "before_detected"],
		[{ detected_at: "2999-01-01T00:00Z" }, "detected_at", "future"],
		[{ detected_at: "2026-13-01T00:00Z" }, "detected_at", "bad_datetime"],
		[{ level: 4 }, "level", "out_of_range"],
		[{ people: -1 }, "people", "out_of_range"],
		[{ people: "many" }, "people", "not_integer"],
		[{ kind: "earthquake" }, "kind", "unknown_key"],
	]) {
		const bad = await api("POST", `/api/v1/orgs/${org}/incidents`, { kind: "leak", summary: "x", level: 1, detected_at: "2026-12-01T09:00+09:00", ...body });
		assert.equal(bad.status, 422, `${field}: ${bad.text}`);
		assert.ok(json(bad).errors.some((e) => e.field === field && e.code === code), `${field} ${code}: ${bad.text}`);
	}
});

test("another organisation's incident does not exist", async () => {
	const mine = json(await api("GET", `/api/v1/orgs/${org}/incidents`)).rows[0];
	assert.equal((await api("GET", `/api/v1/orgs/${other}/incidents/${mine.id}/appi`)).status, 404);
	assert.equal((await api("GET", `/api/v1/orgs/${other}/incidents/${mine.id}`)).status, 404);
	assert.equal((await api("GET", `/api/v1/orgs/${org}/incidents/999999/appi`)).status, 404);
	assert.equal((await admin.get(`/o/${org}/r/incidents`)).status, 200);
	assert.equal((await admin.get(`/o/${org}/r/incidents/new`)).status, 200);
});
