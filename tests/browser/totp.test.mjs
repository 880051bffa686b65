// Two-step sign-in in Debian's chromium (issue 16): the admin turns it on
// from the account page (QR code and the secret in text; the code typed
// is computed here with node's crypto, HMAC-SHA1 per RFC 6238), keeps the
// backup codes, signs out, and signs in with the password and a code.
// Every page is checked on a phone and a desktop with axe-core (no
// violation) and for sideways scrolling.  Screenshots go to
// tests/browser/shots/totp-*.png (git-ignored).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { chromium } from "playwright-core";
import { env, CHROMIUM, ARGS, STEP_MS, TEST_MS, DESKTOP, MOBILE, J, withTimeout, newContext, shot, checkPage, go, signIn } from "./lib.mjs";
import { startServer, firstAdmin } from "../http/lib.mjs";

let srv, browser;

function base32(s) {
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

function totp(key, t) {
	const c = Buffer.alloc(8);
	c.writeBigUInt64BE(BigInt(Math.floor(t / 30)));
	const h = createHmac("sha1", key).update(c).digest();
	const o = h[19] & 15;
	const n = (((h[o] & 127) << 24) | (h[o + 1] << 16) | (h[o + 2] << 8) | h[o + 3]) % 1000000;
	return String(n).padStart(6, "0");
}

before(async () => {
	srv = await startServer();
	await firstAdmin(srv);
	browser = await withTimeout(chromium.launch({
		executablePath: CHROMIUM, args: ARGS, timeout: STEP_MS }), STEP_MS,
	"chromium launch");
	env.browser = browser;
	env.base = srv.base;
}, { timeout: 60_000 });

after(async () => {
	await browser?.close().catch(() => {});
	if (srv) {
		const code = await srv.stop();
		assert.ok(!/ERROR: (Address|Leak)Sanitizer|runtime error:/.test(srv.stderr()),
		    "sanitizer report:\n" + srv.stderr().slice(-3000));
		assert.equal(code, 0, "server exit status");
	}
}, { timeout: 60_000 });

test("turn two-step sign-in on with an authenticator's code, then sign in with the password and a code", { timeout: TEST_MS }, async () => {
	const ctx = await newContext(DESKTOP);
	const page = await ctx.newPage();
	await signIn(page);
	await page.goto(`${srv.base}/account`);
	await page.getByRole("heading", { level: 2, name: J("twostep.title") }).waitFor();
	await checkPage(page, "account");
	await go(page, page.getByRole("link", { name: J("twostep.start") }).click());
	await checkPage(page, "two-step, off");
	await go(page, page.getByRole("button", { name: J("twostep.start") }).click());
	// the QR code and the secret in text
	await page.getByRole("img", { name: J("twostep.qr_title") }).waitFor();
	const secret = (await page.locator("code.twostep-secret").textContent()).trim();
	assert.match(secret, /^([A-Z2-7]{4} ){7}[A-Z2-7]{4}$/);
	await checkPage(page, "two-step, scan");
	await shot(page, "totp-enrol", { fullPage: true });
	const key = base32(secret);
	// a wrong code first: the error next to the field
	await page.getByLabel(J("twostep.code")).fill(totp(key, Date.now() / 1000 - 300));
	await go(page, page.getByRole("button", { name: J("twostep.confirm_submit") }).click());
	await page.getByText(J("twostep.wrong")).first().waitFor();
	assert.equal(await page.getByLabel(J("twostep.code")).getAttribute("aria-invalid"), "true");
	await checkPage(page, "two-step, wrong code");
	const at = Date.now() / 1000;
	await page.getByLabel(J("twostep.code")).fill(totp(key, at));
	await go(page, page.getByRole("button", { name: J("twostep.confirm_submit") }).click());
	await page.getByRole("heading", { level: 2, name: J("twostep.codes") }).waitFor();
	const codes = await page.locator("ul.recovery-codes code").allTextContents();
	assert.equal(codes.length, 10);
	await checkPage(page, "two-step, backup codes");
	await shot(page, "totp-codes", { fullPage: true });
	// sign out, and in again on a phone
	await page.goto(`${srv.base}/account`);
	await go(page, page.getByRole("button", { name: J("nav.logout") }).click());
	await ctx.close();
	const phone = await newContext(MOBILE);
	const p = await phone.newPage();
	await signIn(p);
	await p.getByRole("heading", { level: 1, name: J("twostep.login_title") }).waitFor();
	assert.match(p.url(), /\/login\/code/);
	await checkPage(p, "sign-in code");
	await shot(p, "totp-login-phone", { fullPage: true });
	// the next step's code: the enrolment's was used already
	await p.getByLabel(J("twostep.code")).fill(totp(key, at + 30));
	await go(p, p.getByRole("button", { name: J("twostep.login_submit") }).click());
	assert.doesNotMatch(p.url(), /\/login/);
	await p.goto(`${srv.base}/account/twostep`);
	await p.getByText(J("twostep.codes_left")).waitFor();
	assert.equal((await p.locator("dd.codes-left").textContent()).trim(), "10");
	await checkPage(p, "two-step, on");
	await shot(p, "totp-on-phone", { fullPage: true });
	await phone.close();
});
