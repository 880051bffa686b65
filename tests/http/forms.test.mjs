// Every form's limits: counted and stated in characters, checked where
// they are shown, and a value that is too long or not allowed comes back
// as an error at its own field (aria-describedby, aria-invalid) on the
// form shown again with status 422 and everything else kept — never a
// bare error page.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, Client, firstAdmin, makeOrg, openRound, csrfOf, unescape, ORG } from "./lib.mjs";

let srv, admin, org, round;
before(async () => {
	srv = await startServer();
	admin = await firstAdmin(srv);
	org = await makeOrg(admin, { name: "上限テスト株式会社" });
	round = await openRound(admin, org, "上限の回");
});
after(async () => { await srv?.stop(); });

const A = (n) => "あ".repeat(n);	// n characters, 3n bytes

// The error shown for field name: its message, and the control that
// points at it.  Fails unless both are there.
function fieldError(html, name) {
	const m = html.match(new RegExp(`<p class="field-msg" id="(e-${name})">([^<]*)</p>`));
	assert.ok(m, `no error shown for ${name}`);
	const ctl = html.match(new RegExp(`<(?:input|textarea|select)[^>]* name="${name}"[^>]*>`));
	assert.ok(ctl, `no control ${name}`);
	assert.match(ctl[0], new RegExp(`aria-describedby="${m[1]}"`), `${name} does not point at its error`);
	assert.match(ctl[0], /aria-invalid="true"/);
	return unescape(m[2]);
}

// The edit form's values as a browser posts them.
function policyValues(html) {
	const v = { _csrf: csrfOf(html) };
	for (const m of html.matchAll(/<input type="(?:text|date|hidden)" [^>]*name="([^"]+)" value="([^"]*)"/g)) v[m[1]] = unescape(m[2]);
	for (const m of html.matchAll(/<textarea [^>]*name="([^"]+)"[^>]*>([^<]*)<\/textarea>/g)) v[m[1]] = unescape(m[2]);
	const scope = html.match(/name="scope" value="([a-z]+)" checked/);
	if (scope) v.scope = scope[1];
	return v;
}

test("policy: a too-long commitment text is reported on that text, not on its title, and every value is kept", async () => {
	const form = await admin.get(`/o/${org}/policy/edit`);
	const long = A(4001);
	const v = { ...policyValues(form.text), c2_text: long, rep_title: "代表取締役", c4_title: "法令を守る" };
	const res = await admin.post(`/o/${org}/policy/edit`, v);
	assert.equal(res.status, 422);
	assert.equal(fieldError(res.text, "c2_text"), "4000文字以内で入力してください（いまは4001文字です）。");
	assert.doesNotMatch(res.text, /id="e-c2_title"/, "the title has no error");
	assert.doesNotMatch(res.text, /<input [^>]*name="c2_title"[^>]*aria-invalid/);
	const back = policyValues(res.text);
	for (const k of Object.keys(v).filter((k) => k !== "_csrf"))
		assert.equal(back[k], v[k], `${k} kept`);
	assert.match((await admin.get(`/o/${org}/policy`)).text, /ひな形から作る/, "nothing saved");
});

test("policy: the limits are stated beside the fields and textareas are as tall as their text", async () => {
	const form = await admin.get(`/o/${org}/policy/edit`);
	assert.match(form.text, /<label for="f-c1_text">[^<]*<span class="limit">（4000文字まで）<\/span><\/label>/);
	assert.match(form.text, /<input type="text" id="f-company" name="company" value="[^"]*" maxlength="200"/);
	const rows = (name, html) => +html.match(new RegExp(`<textarea id="f-${name}" name="${name}" rows="(\\d+)"`))[1];
	// the template's preamble is a long paragraph: more than the minimum
	assert.ok(rows("preamble", form.text) > 3, `preamble rows ${rows("preamble", form.text)}`);
	// an empty closing gets the minimum, a very long one the maximum
	const v = { ...policyValues(form.text), closing: "", c1_text: A(4000) };
	assert.equal((await admin.post(`/o/${org}/policy/edit`, v)).status, 303);
	const again = await admin.get(`/o/${org}/policy/edit`);
	assert.equal(rows("closing", again.text), 3);
	assert.equal(rows("c1_text", again.text), 20);
	assert.match(again.text, /<textarea [^>]*data-grow=""/);
	await admin.get("/lang/en?next=/");
	const en = await admin.get(`/o/${org}/policy/edit`);
	await admin.get("/lang/ja?next=/");
	assert.match(en.text, /<span class="limit"> \(up to 4000 characters\)<\/span>/);
});

test("a limit of N characters takes N Japanese characters (3 bytes each) and refuses N+1 naming N 文字", async () => {
	const page = await admin.get(`/o/${org}`);
	let res = await admin.post(`/o/${org}/rounds`, { _csrf: csrfOf(page.text), title: A(200) });
	assert.equal(res.status, 303, "200 characters are 600 bytes and still fit");
	assert.match((await admin.get(res.location)).text, new RegExp(`<h1>${A(200)}</h1>`));
	res = await admin.post(`/o/${org}/rounds`, { _csrf: csrfOf(page.text), title: A(201) });
	assert.equal(res.status, 422);
	assert.match(fieldError(res.text, "title"), /^200文字以内で入力してください/);
});

test("a too-long round title shows the list again with the error at the title and the text kept", async () => {
	const page = await admin.get(`/o/${org}`);
	const title = "春の診断" + "x".repeat(300);
	const res = await admin.post(`/o/${org}/rounds`, { _csrf: csrfOf(page.text), title });
	assert.equal(res.status, 422);
	assert.equal(fieldError(res.text, "title"), "200文字以内で入力してください（いまは304文字です）。");
	assert.match(res.text, new RegExp(`name="title" value="${title}"`));
	assert.match(res.text, /<h1>診断の一覧<\/h1>|<h1>[^<]+<\/h1>/);
	assert.match(res.text, /上限の回/, "the rounds are still listed");
	assert.match(res.text, /<span class="limit">（200文字まで）<\/span>/);
});

test("every form: an over-long or invalid value is a field error on the form shown again, never a bare 400", async () => {
	const rp = `/o/${org}/rounds/${round}`;
	const roundPage = await admin.get(rp);
	const shared = [...roundPage.text.matchAll(/<code class="secret[^"]*">([^<]+)<\/code>/g)].map((m) => unescape(m[1]))[0].slice(srv.base.length);
	const guest = new Client(srv.base);
	const sharedPage = await guest.get(shared);
	// a published-ready policy for the slug form
	const pol = await admin.get(`/o/${org}/policy/edit`);
	await admin.post(`/o/${org}/policy/edit`, policyValues(pol.text));
	const members = await admin.get(`/o/${org}/members`);
	const invite = await admin.post(`/o/${org}/members`, { _csrf: csrfOf(members.text), role: "member" });
	const inviteLink = invite.text.match(/<code class="secret">([^<]+)<\/code>/)[1].slice(srv.base.length);
	const invited = new Client(srv.base);
	const invitePage = await invited.get(inviteLink);
	const memberPage = await admin.get(`/o/${org}/members`);

	const cases = [
		// [what, client, page html (CSRF), action, fields, field in error, kept value]
		["round title", admin, roundPage.text, `/o/${org}/rounds`, { title: A(201) }, "title", A(201)],
		["link name", admin, roundPage.text, `${rp}/links`, { role: "employee", name: A(101) }, "name", A(101)],
		["link role", admin, roundPage.text, `${rp}/links`, { role: "boss", name: "佐藤" }, "role", "佐藤"],
		["shared name", guest, sharedPage.text, shared, { role: "manager", name: A(101) }, "name", A(101)],
		["new organisation", admin, (await admin.get("/o/new")).text, "/o/new", { ...ORG, name: A(201) }, "name", A(201)],
		["profile", admin, (await admin.get(`/o/${org}/profile`)).text, `/o/${org}/profile`, { ...ORG, name: A(201), peer_share: "1" }, "name", A(201)],
		["policy company", admin, pol.text, `/o/${org}/policy/edit`, { ...policyValues(pol.text), company: A(201) }, "company", A(201)],
		["policy slug", admin, (await admin.get(`/o/${org}/policy`)).text, `/o/${org}/policy/publish`, { slug: "a".repeat(41) }, "slug", "a".repeat(41)],
		["account password", admin, (await admin.get("/account")).text, "/account/password", { current: "x", password: A(257), password2: A(257) }, "password", null],
		["invite email", invited, invitePage.text, inviteLink, { email: "x".repeat(250) + "@example.jp", password: "long enough pass", password2: "long enough pass" }, "email", "x".repeat(250) + "@example.jp"],
		["invite role", admin, members.text, `/o/${org}/members`, { role: "owner" }, "role", null],
		["account language", admin, (await admin.get("/account")).text, "/account/lang", { lang: "fr" }, "lang", null],
		["security action", admin, (await admin.get(`/o/${org}/security-action`)).text, `/o/${org}/security-action`, { p_updates: "2" }, "p_updates", null],
	];
	for (const [what, c, html, action, fields, name, kept] of cases) {
		const res = await c.post(action, { _csrf: csrfOf(html), ...fields });
		assert.equal(res.status, 422, `${what}: status ${res.status}`);
		assert.doesNotMatch(res.text, /リクエストの内容が正しくありません/, `${what}: a bare 400 page`);
		assert.match(res.text, /<form method="post"/, `${what}: the form is shown again`);
		if (["role", "lang", "p_updates"].includes(name) && !/<select/.test(res.text.split(`name="${name}"`)[0].slice(-200))) {
			// a group of radios: the fieldset points at the error
			const g = res.text.match(new RegExp(`<fieldset class="field field-error" aria-describedby="(e-${name})">`));
			assert.ok(g, `${what}: the group is not marked`);
			assert.match(res.text, new RegExp(`<p class="field-msg" id="${g[1]}">`), what);
			assert.match(res.text, new RegExp(`name="${name}" value="[^"]*"[^>]*aria-invalid="true"`), what);
		} else
			fieldError(res.text, name);
		if (kept !== null)
			assert.ok(res.text.includes(`value="${kept}"`) || res.text.includes(`>${kept}<`), `${what}: value kept`);
	}

	// a member's new role that is not one: the error in that row
	const uid = memberPage.text.match(new RegExp(`/o/${org}/members/(\\d+)`))?.[1];
	if (uid) {
		const res = await admin.post(`/o/${org}/members/${uid}`, { _csrf: csrfOf(memberPage.text), role: "owner" });
		assert.equal(res.status, 422);
		assert.match(res.text, new RegExp(`<p class="field-msg" id="e-role-${uid}">`));
		assert.match(res.text, new RegExp(`<select name="role" [^>]*aria-describedby="e-role-${uid}"`));
	}
	// no CSV chosen: the import field says so
	const fd = new FormData();
	fd.append("_csrf", csrfOf(roundPage.text));
	fd.append("csv", new Blob([""], { type: "text/csv" }), "empty.csv");
	const imp = await fetch(srv.base + `${rp}/import`, { method: "POST", body: fd, headers: { cookie: admin.cookieHeader() }, redirect: "manual" });
	const impText = await imp.text();
	assert.equal(imp.status, 422);
	assert.match(impText, /<div class="field-msg" id="e-csv">/);
	assert.match(impText, /<input type="file" id="f-csv" [^>]*aria-describedby="e-csv"/);
});
