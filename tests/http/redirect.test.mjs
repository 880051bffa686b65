// Every redirect stays on this site: a "next" that a browser would read
// as another host (after dropping TAB/CR/LF and reading "\" as "/") is
// replaced by "/", on the sign-in form and on /lang (no sign-in needed).
import { test } from "node:test";
import assert from "node:assert/strict";
import { startServer, firstAdmin, Client, csrfOf } from "./lib.mjs";

// Raw values of next; each is sent percent-encoded as a whole, and some
// are also sent as written (already encoded) in the query.
const bad = [
	"//evil.example", "/\\evil.example", "\\/evil.example", "\\\\evil.example",
	"/\t/evil.example", "/\n/evil.example", "/\r/evil.example", "\t//evil.example",
	" //evil.example", "/\x7f/evil.example",
	"https://evil.example", "http:evil.example", "javascript:alert(1)",
	"//%2Fevil.example", "///evil.example", "/\\/evil.example",
	"evil.example", "", "/x\r\nSet-Cookie: a=b",
];
const rawQuery = [
	"%2F%2Fevil.example", "/%09/evil.example", "%2F%09%2Fevil.example%2Fphish",
	"/%5Cevil.example", "%5C%2Fevil.example", "//%2Fevil.example",
	"/%0d%0a/evil.example", "%09/%09/evil.example",
];

function sameSite(loc) {
	// how a browser resolves it against our origin
	return new URL(loc, "http://mamori.test/").host === "mamori.test";
}

test("next on /lang and /login never leads off the site", async () => {
	const srv = await startServer();
	try {
		const admin = await firstAdmin(srv);
		const anon = new Client(srv.base);
		const queries = [...bad.map(encodeURIComponent), ...rawQuery];
		for (const q of queries) {
			for (const c of [anon, admin]) {
				const res = await c.get(`/lang/ja?next=${q}`);
				assert.equal(res.status, 303, q);
				assert.ok(sameSite(res.location), `lang ${q} → ${JSON.stringify(res.location)}`);
				assert.ok(!/[\x00-\x1f\x7f\\]/.test(res.location), `lang ${q} → ${JSON.stringify(res.location)}`);
			}
			assert.equal((await anon.get(`/lang/ja?next=${q}`)).location, "/", q);
			// the sign-in form never echoes it as its hidden next
			const form = await anon.get(`/login?next=${q}`);
			assert.equal(form.status, 200);
			assert.match(form.text, /name="next" value="\/"/, q);
		}
		// signing in with each bad next goes home
		const c = new Client(srv.base);
		for (const n of bad) {
			const page = await c.get("/login");
			const res = await c.post("/login", { _csrf: csrfOf(page.text) ?? "", email: "admin@example.jp",
				password: "correct horse battery", next: n });
			assert.equal(res.status, 303, JSON.stringify(n));
			assert.equal(res.location, "/", JSON.stringify(n));
			c.jar.clear();
		}
		// a local path is kept, with its query
		const ok = await anon.get(`/lang/en?next=${encodeURIComponent("/o/1?tab=a&x=%2F")}`);
		assert.equal(ok.location, "/o/1?tab=a&x=%2F");
		const page = await c.get("/login");
		const res = await c.post("/login", { _csrf: csrfOf(page.text) ?? "", email: "admin@example.jp",
			password: "correct horse battery", next: "/account" });
		assert.equal(res.location, "/account");
	} finally {
		await srv.stop();
	}
});
