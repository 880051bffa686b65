// A round's shared link cannot be flooded: it makes at most its cap of
// respondents (by default three times the top of the employee band, at
// least 50), one client address signs up only so many times in ten
// minutes, and both refusals are a plain 429 page that makes nothing.
// The admin sees how many came through the link and can raise the cap,
// which the audit log records.
import { test } from "node:test";
import assert from "node:assert/strict";
import { startServer, firstAdmin, Client, csrfOf, unescape, makeOrg, openRound } from "./lib.mjs";

const links = (html) => [...html.matchAll(/<code class="secret[^"]*">([^<]+)<\/code>/g)].map((m) => unescape(m[1]));
const count = (html) => {
	const m = html.match(/id="shared-count">このリンクから回答を始めた人: (\d+)人（上限 (\d+)人）/);
	return m ? [+m[1], +m[2]] : null;
};

test("the shared link stops at its cap and at a per-address rate", async () => {
	const srv = await startServer();
	try {
		const admin = await firstAdmin(srv);
		const org = await makeOrg(admin);	// e3: 21–50 people
		const round = await openRound(admin, org);
		const rp = `/o/${org}/rounds/${round}`;
		let page = await admin.get(rp);
		assert.deepEqual(count(page.text), [0, 150]);
		const sp = links(page.text)[0].slice(srv.base.length);

		// the cap takes whole numbers 1…100000 only, with a field error
		for (const bad of ["", "0", "abc", "1.5", "-3", "100001"]) {
			const res = await admin.post(`${rp}/shared-cap`, { _csrf: csrfOf(page.text), cap: bad });
			assert.equal(res.status, 422, bad);
			assert.match(res.text, /<p class="field-msg" id="e-cap">/, bad);
			assert.match(res.text, new RegExp(`id="f-cap" name="cap" value="${bad}"`), bad);
		}
		let res = await admin.post(`${rp}/shared-cap`, { _csrf: csrfOf(page.text), cap: "3" });
		assert.equal(res.status, 200);
		assert.deepEqual(count(res.text), [0, 3]);

		const c = new Client(srv.base);
		const form = await c.get(sp);
		const signUp = () => c.post(sp, { _csrf: csrfOf(form.text), role: "employee", name: "" });
		for (let i = 0; i < 3; i++)
			assert.equal((await signUp()).status, 303);
		res = await signUp();
		assert.equal(res.status, 429);
		assert.match(res.text, /このリンクでは、これ以上受け付けられません/);
		assert.doesNotMatch(res.text, /<form/);
		page = await admin.get(rp);
		assert.deepEqual(count(page.text), [3, 3]);
		assert.match(page.text, /上限に達したので、新しい人は受け付けていません。/);

		// the admin raises it: accepted again, and audited
		res = await admin.post(`${rp}/shared-cap`, { _csrf: csrfOf(page.text), cap: "60" });
		assert.equal(res.status, 200);
		assert.match(res.text, /上限を保存しました。/);
		assert.equal((await signUp()).status, 303);
		page = await admin.get(rp);
		assert.deepEqual(count(page.text), [4, 60]);
		const audit = await admin.get(`/o/${org}/audit`);
		assert.match(audit.text, /みんなで使うリンクで受け付ける人数の上限を変えました/);
		assert.match(audit.text, new RegExp(`診断 No.${round} · 上限 3人 → 60人`));
		assert.match(audit.text, new RegExp(`診断 No.${round} · 上限 150人 → 3人`));

		// one address: 20 sign-ups in ten minutes (cap 60 / 3 = 20), then
		// 429 with Retry-After; the refused 4th attempt counted too
		for (let i = 5; i < 20; i++)
			assert.equal((await signUp()).status, 303, `sign-up ${i}`);
		res = await signUp();
		assert.equal(res.status, 429);
		assert.equal(res.headers.get("retry-after"), "600");
		assert.match(res.text, /しばらく受け付けを止めています/);
		page = await admin.get(rp);
		assert.deepEqual(count(page.text), [19, 60]);
	} finally {
		await srv.stop();
	}
});
