// Two-step sign-in (issue 16): enrolment with a QR code and the secret in
// text, sign-in with a code, a code used twice refused, recovery codes
// working once, the same limits as the password, two-step required by an
// organisation and by the instance, turning it off with a code.  Codes
// are computed here with node's crypto (HMAC-SHA1, RFC 6238).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createHmac, randomBytes } from "node:crypto";
import { mkdtempSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer, Client, firstAdmin, makeOrg, inviteUser, csrfOf, unescape, cli } from "./lib.mjs";

const PW = "correct horse battery";
let srv, admin;

before(async () => {
	srv = await startServer(["--trust-proxy", "yes"]);
	admin = await firstAdmin(srv);
});
after(async () => { await srv?.stop(); });

export function base32(s) {
	const abc = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
	let bits = 0, val = 0;
	const out = [];
	for (const ch of s.replace(/\s+/g, "")) {
		val = (val << 5) | abc.indexOf(ch);
		bits += 5;
		if (bits >= 8) { out.push((val >>> (bits - 8)) & 255); bits -= 8; }
	}
	return Buffer.from(out);
}

export function totp(key, t = Date.now() / 1000) {
	const c = Buffer.alloc(8);
	c.writeBigUInt64BE(BigInt(Math.floor(t / 30)));
	const h = createHmac("sha1", key).update(c).digest();
	const o = h[19] & 15;
	const n = (((h[o] & 127) << 24) | (h[o + 1] << 16) | (h[o + 2] << 8) | h[o + 3]) % 1000000;
	return String(n).padStart(6, "0");
}

// Turn two-step on for the signed-in client c: returns {key, codes, at}
// (at: the time whose code confirmed it).
async function enrol(c) {
	const page = await c.get("/account/twostep");
	assert.equal(page.status, 200);
	const start = await c.post("/account/twostep/start", { _csrf: csrfOf(page.text) });
	assert.equal(start.status, 303);
	const shown = await c.get("/account/twostep");
	assert.match(shown.text, /<svg[^>]*role="img"/);
	const secret = shown.text.match(/<code class="secret twostep-secret">([A-Z2-7 ]+)<\/code>/);
	assert.ok(secret, "the secret is shown in text");
	const key = base32(secret[1]);
	assert.equal(key.length, 20);
	// the QR code's text is the otpauth URI (aria-label carries the title only)
	const wrong = await c.post("/account/twostep/confirm", { _csrf: csrfOf(shown.text), code: "000000" === totp(key) ? "111111" : "000000" });
	assert.equal(wrong.status, 422);
	assert.match(wrong.text, /aria-invalid="true"/);
	const at = Date.now() / 1000;
	const ok = await c.post("/account/twostep/confirm", { _csrf: csrfOf(shown.text), code: totp(key, at) });
	assert.equal(ok.status, 200, ok.text.slice(0, 300));
	const codes = [...ok.text.matchAll(/<li><code class="secret">([a-z2-9]{5}-[a-z2-9]{5})<\/code><\/li>/g)].map((m) => m[1]);
	assert.equal(codes.length, 10);
	assert.equal(new Set(codes).size, 10);
	// never shown again
	const again = await c.get("/account/twostep");
	assert.doesNotMatch(again.text, /twostep-secret/);
	assert.doesNotMatch(again.text, new RegExp(codes[0]));
	assert.match(again.text, /<dd class="codes-left">10<\/dd>/);
	return { key, codes, at };
}

async function password(c, email, pw = PW, addr = "192.0.2.10") {
	const page = await c.get("/login");
	return c.post("/login", { _csrf: csrfOf(page.text), email, password: pw, next: "/account" },
		{ headers: { "x-forwarded-for": addr } });
}

async function code(c, value, addr = "192.0.2.10") {
	const page = await c.get("/login/code?next=/account", { headers: { "x-forwarded-for": addr } });
	assert.equal(page.status, 200);
	return c.post("/login/code", { _csrf: csrfOf(page.text), code: value, next: "/account" },
		{ headers: { "x-forwarded-for": addr } });
}

let alice;	// {email, key, codes, at}

test("enrol: QR code and secret, a wrong code refused, ten recovery codes shown once", async () => {
	const org = await makeOrg(admin);
	const c = await inviteUser(admin, srv, org, "alice@example.jp", "org_admin");
	const e = await enrol(c);
	alice = { email: "alice@example.jp", org, c, ...e };
	const acct = await c.get("/account");
	assert.match(acct.text, /id="twostep"/);
});

test("sign in: the password leads to the code step; the enrolment's code is refused as used; the next one works once", async () => {
	const c = new Client(srv.base);
	const pw = await password(c, alice.email, "a long enough pass", "192.0.2.11");
	assert.equal(pw.status, 303);
	assert.match(pw.location, /^\/login\/code\?next=%2Faccount$/);
	assert.ok(!c.jar.has("mamori_session"), "no session before the code");
	assert.equal((await c.get("/account")).status, 303);
	const used = await code(c, totp(alice.key, alice.at), "192.0.2.11");
	assert.equal(used.status, 401);
	assert.match(used.text, /already used|もう使われました/);
	const next = totp(alice.key, alice.at + 30);
	const ok = await code(c, next, "192.0.2.11");
	assert.equal(ok.status, 303, ok.text.slice(0, 300));
	assert.equal(ok.location, "/account");
	assert.equal((await c.get("/account")).status, 200);
	// the same code in another sign-in: refused
	const d = new Client(srv.base);
	assert.equal((await password(d, alice.email, "a long enough pass", "192.0.2.12")).status, 303);
	const twice = await code(d, next, "192.0.2.12");
	assert.equal(twice.status, 401);
	assert.ok(!d.jar.has("mamori_session"));
	// a wrong password never reaches the code step
	const e = new Client(srv.base);
	assert.equal((await password(e, alice.email, "wrong password!", "192.0.2.13")).status, 401);
	assert.equal((await e.get("/login/code")).status, 303);
});

test("a recovery code signs in once, and the count left goes down", async () => {
	const c = new Client(srv.base);
	assert.equal((await password(c, alice.email, "a long enough pass", "192.0.2.20")).status, 303);
	const ok = await code(c, alice.codes[3].toUpperCase(), "192.0.2.20");
	assert.equal(ok.status, 303);
	const page = await c.get("/account/twostep");
	assert.match(page.text, /<dd class="codes-left">9<\/dd>/);
	const d = new Client(srv.base);
	assert.equal((await password(d, alice.email, "a long enough pass", "192.0.2.21")).status, 303);
	const again = await code(d, alice.codes[3], "192.0.2.21");
	assert.equal(again.status, 401);
	const audit = await admin.get("/admin/audit");
	assert.match(audit.text, /予備コードでログインしました|Signed in with a backup code/);
	assert.match(audit.text, /確認コードが違うか、使用済みでした|A sign-in code was wrong or already used/);
});

test("wrong codes are limited like wrong passwords (429 after five from one address)", async () => {
	const c = new Client(srv.base);
	assert.equal((await password(c, alice.email, "a long enough pass", "192.0.2.30")).status, 303);
	for (let i = 0; i < 5; i++)
		assert.equal((await code(c, String(100000 + i), "192.0.2.30")).status, 401, `try ${i + 1}`);
	const limited = await code(c, totp(alice.key), "192.0.2.30");
	assert.equal(limited.status, 429);
	assert.ok(limited.headers.get("retry-after"));
	assert.ok(!c.jar.has("mamori_session"));
});

test("required by the organisation: a member without two-step is led to enrol first; API routes answer 403", async () => {
	const org = alice.org;
	const m = await inviteUser(admin, srv, org, "bob@example.jp", "member");
	assert.equal((await m.get(`/o/${org}`)).status, 200);
	// only an admin of the organisation sets it
	const mp = await m.get(`/o/${org}`);
	assert.equal((await m.post(`/o/${org}/members/twostep`, { _csrf: csrfOf(mp.text), required: "1" })).status, 403);
	const members = await alice.c.get(`/o/${org}/members`);
	assert.match(members.text, /name="required"/);
	const set = await alice.c.post(`/o/${org}/members/twostep`, { _csrf: csrfOf(members.text), required: "1" });
	assert.equal(set.status, 303);
	const led = await m.get(`/o/${org}`);
	assert.equal(led.status, 303);
	assert.equal(led.location, "/account/twostep");
	assert.equal((await m.get("/account")).location, "/account/twostep");
	assert.equal((await m.get(`/api/v1/orgs/${org}/rounds`)).status, 403);
	const page = await m.get("/account/twostep");
	assert.equal(page.status, 200);
	assert.match(page.text, /必須|required/);
	await enrol(m);
	assert.equal((await m.get(`/o/${org}`)).status, 200);
	// alice has it on: never stopped
	assert.equal((await alice.c.get(`/o/${org}`)).status, 200);
	const off = await alice.c.get(`/o/${org}/members`);
	assert.equal((await alice.c.post(`/o/${org}/members/twostep`, { _csrf: csrfOf(off.text), required: "0" })).status, 303);
});

test("required by the instance: the admin sets it, and is led to enrol too; turning it off again", async () => {
	const page = await admin.get("/admin/twostep");
	assert.equal(page.status, 200);
	const set = await admin.post("/admin/twostep", { _csrf: csrfOf(page.text), required: "1" });
	assert.equal(set.status, 200);
	assert.equal((await admin.get("/admin/users")).location, "/account/twostep");
	const e = await enrol(admin);
	assert.equal((await admin.get("/admin/users")).status, 200);
	const p2 = await admin.get("/admin/twostep");
	assert.equal((await admin.post("/admin/twostep", { _csrf: csrfOf(p2.text), required: "0" })).status, 200);
	admin.twostep = e;
});

test("turning it off needs a current code; afterwards the password alone signs in", async () => {
	const c = alice.c;
	const page = await c.get("/account/twostep");
	const wrong = await c.post("/account/twostep/off", { _csrf: csrfOf(page.text), code: "12345" });
	assert.equal(wrong.status, 422);
	const ok = await c.post("/account/twostep/off", { _csrf: csrfOf(page.text), code: alice.codes[0] });
	assert.equal(ok.status, 303);
	const after = await c.get("/account/twostep");
	assert.match(after.text, /action="\/account\/twostep\/start"/);
	const d = new Client(srv.base);
	const pw = await password(d, alice.email, "a long enough pass", "192.0.2.40");
	assert.equal(pw.status, 303);
	assert.equal(pw.location, "/account");
	const audit = await admin.get("/admin/audit");
	assert.match(audit.text, /2段階ログインを無効にしました|Turned off two-step sign-in/);
});

test("the admin turns a user's two-step off on the command line (a lost phone)", async () => {
	const r = cli(["user", "twostep-off", "bob@example.jp", "--db", srv.db]);
	assert.equal(r.status, 0, r.stderr);
	const c = new Client(srv.base);
	const pw = await password(c, "bob@example.jp", "a long enough pass", "192.0.2.50");
	assert.equal(pw.status, 303);
	assert.equal(pw.location, "/account");
	const audit = await admin.get("/admin/audit");
	assert.match(audit.text, /cli/);
});

test("API tokens are unchanged: a token works without a code", async () => {
	const acct = await admin.get("/account");
	const made = await admin.post("/account/token", { _csrf: csrfOf(acct.text) });
	const tok = unescape(made.text.match(/<code class="secret">([^<]+)<\/code>/)[1]);
	const res = await fetch(srv.base + `/api/v1/orgs/${alice.org}/rounds`, { headers: { authorization: `Bearer ${tok}` } });
	assert.equal(res.status, 200);
});

test("twostep-key-file: secrets sealed under the file's key work across restarts; a short file stops the start", async () => {
	const dir = mkdtempSync(join(tmpdir(), "mamori-key-"));
	const key = join(dir, "twostep.key");
	writeFileSync(key, randomBytes(32), { mode: 0o600 });
	const short = join(dir, "short.key");
	writeFileSync(short, "too short");
	try {
		const bad = cli(["check-config", "--db", srv.db, "--twostep-key-file", short]);
		assert.notEqual(bad.status, 0);
		assert.match(bad.stderr, /twostep-key-file: .* fewer than 32 bytes/);
		const s1 = await startServer(["--twostep-key-file", key]);
		let db = s1.db;
		try {
			const a = await firstAdmin(s1);
			const e = await enrol(a);
			const c = new Client(s1.base);
			assert.equal((await password(c, "admin@example.jp")).status, 303);
			assert.equal((await code(c, totp(e.key, e.at + 30))).status, 303);
			// the same database with the same file on another node: the code step works
			const s2 = await startServer(["--twostep-key-file", key], db);
			try {
				const d = new Client(s2.base);
				assert.equal((await password(d, "admin@example.jp", PW, "192.0.2.60")).status, 303);
				assert.equal((await code(d, e.codes[0], "192.0.2.60")).status, 303);
			} finally {
				await s2.stop();
			}
			// a server refusing the short file
			const r = cli(["serve", "--db", db, "--listen", "127.0.0.1:0", "--twostep-key-file", short]);
			assert.notEqual(r.status, 0);
			assert.match(r.stderr, /twostep-key-file: .* fewer than 32 bytes/);
		} finally {
			await s1.stop();
		}
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
});
