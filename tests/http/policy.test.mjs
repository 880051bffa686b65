// The basic policy: from the template to a public page.  Drafts may be
// incomplete; approval and publication say what is missing; versions are
// kept and compared; a public address taken by another organisation is
// refused with a free one; taking it down removes the page.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer, Client, firstAdmin, makeOrg, csrfOf, unescape } from "./lib.mjs";

let srv, admin, org, other;
before(async () => {
	srv = await startServer();
	admin = await firstAdmin(srv);
	org = await makeOrg(admin, { name: "方針テスト工業株式会社" });
	other = await makeOrg(admin, { name: "別会社" });
});
after(async () => { await srv?.stop(); });

const sa = async (o = org) => JSON.parse((await admin.get(`/api/v1/orgs/${o}/security-action`)).text).two_star.missing;

// The edit form's current values, as the browser would post them.
function formValues(html) {
	const v = { _csrf: csrfOf(html) };
	for (const m of html.matchAll(/<input type="(?:text|date|hidden)" [^>]*name="([^"]+)" value="([^"]*)"/g)) v[m[1]] = unescape(m[2]);
	for (const m of html.matchAll(/<input type="(?:text|date)" id="[^"]*" name="([^"]+)"(?! value)/g)) v[m[1]] ??= "";
	for (const m of html.matchAll(/<textarea [^>]*name="([^"]+)"[^>]*>([^<]*)<\/textarea>/g)) v[m[1]] = unescape(m[2]);
	const scope = html.match(/name="scope" value="([a-z]+)" checked/);
	if (scope) v.scope = scope[1];
	return v;
}

test("no policy yet: the page offers the template, filled with the company name", async () => {
	const page = await admin.get(`/o/${org}/policy`);
	assert.equal(page.status, 200);
	assert.match(page.text, /ひな形から作る/);
	const form = await admin.get(`/o/${org}/policy/edit`);
	assert.equal(form.status, 200);
	const v = formValues(form.text);
	assert.equal(v.company, "方針テスト工業株式会社");
	assert.match(v.preamble, /^方針テスト工業株式会社（以下「当社」）は/);
	assert.equal(v.scope, "both");
	assert.equal(v.c1_title, "経営者による主導");
	assert.equal(v.enacted, "");
	assert.deepEqual((await sa()).filter((k) => k.startsWith("policy")), ["policy", "policy_published"]);
});

test("a wrong date is shown next to the field and nothing else is lost or saved", async () => {
	const form = await admin.get(`/o/${org}/policy/edit`);
	const v = { ...formValues(form.text), enacted: "2025-02-30", rep_title: "代表取締役", c2_text: "当社は担当者を決めます。" };
	const res = await admin.post(`/o/${org}/policy/edit`, v);
	assert.equal(res.status, 422);
	assert.match(res.text, /<p class="field-msg" id="e-enacted">日付は年-月-日の形で/);
	assert.match(res.text, /name="rep_title" value="代表取締役"/);
	assert.match(res.text, />当社は担当者を決めます。<\/textarea>/);
	assert.match((await admin.get(`/o/${org}/policy`)).text, /ひな形から作る/, "no version was saved");
});

test("an incomplete draft is saved, but cannot be approved or published, and says which fields are missing", async () => {
	const form = await admin.get(`/o/${org}/policy/edit`);
	const v = { ...formValues(form.text), enacted: "2025-04-01", rep_title: "代表取締役", rep_name: "" };
	assert.equal((await admin.post(`/o/${org}/policy/edit`, v)).status, 303);
	const page = await admin.get(`/o/${org}/policy`);
	assert.match(page.text, /第1版/);
	assert.match(page.text, /下書き（未承認）/);
	assert.match(page.text, /承認と公開の前に、次の項目を記入してください: <strong>代表者の氏名<\/strong>/);
	assert.doesNotMatch(page.text, /第1版を承認する/);
	assert.match(page.text, /class="gap">［代表者の氏名］/);
	let res = await admin.post(`/o/${org}/policy/approve`, { _csrf: csrfOf(page.text), version: "1" });
	assert.equal(res.status, 400);
	assert.match(res.text, /まだ空の項目があるため、承認・公開できません。記入が必要な項目: 代表者の氏名/);
	res = await admin.post(`/o/${org}/policy/publish`, { _csrf: csrfOf(page.text), slug: "hoshin-test" });
	assert.equal(res.status, 400);
	assert.match(res.text, /記入が必要な項目: 代表者の氏名/);
	assert.match(res.text, /name="slug" value="hoshin-test"/);
	assert.equal((await new Client(srv.base).get("/p/hoshin-test/policy")).status, 404);
});

test("the second version is compared with the first, approved, and counts for SECURITY ACTION", async () => {
	let form = await admin.get(`/o/${org}/policy/edit`);
	const v = { ...formValues(form.text), rep_name: "山田 太郎", closing: "当社は、この方針を毎年見直します。" };
	assert.equal((await admin.post(`/o/${org}/policy/edit`, v)).status, 303);
	// the same again: no third version
	form = await admin.get(`/o/${org}/policy/edit`);
	const same = await admin.post(`/o/${org}/policy/edit`, formValues(form.text));
	assert.equal(same.status, 303);
	assert.match((await admin.get(same.location)).text, /前の版から変わっていないため/);

	const versions = await admin.get(`/o/${org}/policy/versions`);
	assert.match(versions.text, /第2版/);
	assert.match(versions.text, /第1版/);
	assert.doesNotMatch(versions.text, /第3版/);
	const diff = await admin.get(`/o/${org}/policy/diff?from=1&to=2`);
	assert.equal(diff.status, 200);
	assert.match(diff.text, /<h2 class="diff-field">代表者の氏名<\/h2><p class="diff"><ins>山田 太郎<\/ins><\/p>/);
	assert.match(diff.text, /<ins>当社は、この方針を毎年見直します。<\/ins>/);
	assert.match(diff.text, /<del>当社は、この方針を従業員に周知するとともに/);
	assert.doesNotMatch(diff.text, /前文/, "unchanged fields are not listed");
	assert.equal((await admin.get(`/o/${org}/policy/diff?from=1&to=9`)).status, 404);

	const page = await admin.get(`/o/${org}/policy`);
	assert.match(page.text, /第2版を承認する/);
	// approving an older version is refused
	let res = await admin.post(`/o/${org}/policy/approve`, { _csrf: csrfOf(page.text), version: "1" });
	assert.equal(res.status, 409);
	assert.match(res.text, /この版は最新ではないか、すでに承認されています/);
	res = await admin.post(`/o/${org}/policy/approve`, { _csrf: csrfOf(page.text), version: "2" });
	assert.equal(res.status, 303);
	const now = await admin.get(res.location);
	assert.match(now.text, /承認しました/);
	assert.match(now.text, /承認済み/);
	const missing = await sa();
	assert.ok(!missing.includes("policy"));
	assert.ok(missing.includes("policy_published"));
});

test("publishing: a bad address is explained, a good one is public without signing in, a taken one gets a suggestion", async () => {
	let page = await admin.get(`/o/${org}/policy`);
	let res = await admin.post(`/o/${org}/policy/publish`, { _csrf: csrfOf(page.text), slug: "Hoshin Test" });
	assert.equal(res.status, 422);
	assert.match(res.text, /<p class="field-msg" id="e-slug">3〜40文字の半角英小文字・数字・ハイフンで/);
	res = await admin.post(`/o/${org}/policy/publish`, { _csrf: csrfOf(page.text), slug: "hoshin-test" });
	assert.equal(res.status, 303);
	page = await admin.get(res.location);
	assert.match(page.text, /第2版を公開中:/);
	assert.match(page.text, /\/p\/hoshin-test\/policy/);
	assert.ok(!(await sa()).includes("policy_published"));

	const pub = await new Client(srv.base).get("/p/hoshin-test/policy");
	assert.equal(pub.status, 200);
	assert.match(pub.text, /<html lang="ja">/);
	assert.match(pub.text, /<h1>情報セキュリティ基本方針<\/h1>/);
	assert.match(pub.text, /方針テスト工業株式会社（以下「当社」）は/);
	assert.match(pub.text, /<h2>違反や事故への対応と再発防止<\/h2>/);
	assert.match(pub.text, /2025年4月1日 制定/);
	assert.match(pub.text, /代表取締役　山田 太郎/);
	assert.doesNotMatch(pub.text, /class="gap"/);
	assert.doesNotMatch(pub.text, /ログアウト|_csrf/);
	// and as a one-page PDF, no cover, for anyone
	const pdf = await fetch(`${srv.base}/p/hoshin-test/policy.pdf`);
	assert.equal(pdf.status, 200);
	assert.equal(pdf.headers.get("content-type"), "application/pdf");
	const file = join(tmpdir(), `policy-${process.pid}.pdf`);
	writeFileSync(file, Buffer.from(await pdf.arrayBuffer()));
	const text = execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
	assert.match(execFileSync("pdfinfo", [file], { encoding: "utf8" }), /Pages:\s+1\n/);
	rmSync(file);
	for (const t of ["情報セキュリティ基本方針", "方針テスト工業株式会社（以下「当社」）は", "5. 違反や事故への対応と再発防止", "2025年4月1日 制定", "山田 太郎"])
		assert.ok(text.includes(t), `policy PDF lacks ${t}`);

	// another organisation asks for the same address
	await admin.get(`/o/${other}/policy/edit`).then(async (f) => {
		const v = { ...formValues(f.text), enacted: "2025-05-01", rep_title: "社長", rep_name: "佐藤 花子" };
		assert.equal((await admin.post(`/o/${other}/policy/edit`, v)).status, 303);
	});
	const op = await admin.get(`/o/${other}/policy`);
	assert.equal((await admin.post(`/o/${other}/policy/approve`, { _csrf: csrfOf(op.text), version: "1" })).status, 303);
	res = await admin.post(`/o/${other}/policy/publish`, { _csrf: csrfOf(op.text), slug: "hoshin-test" });
	assert.equal(res.status, 409);
	assert.match(res.text, /この名前はほかの組織が使っています。空いている名前の例: hoshin-test-2/);
	assert.match(res.text, /name="slug" value="hoshin-test-2"/);
	assert.equal((await admin.post(`/o/${other}/policy/publish`, { _csrf: csrfOf(op.text), slug: "hoshin-test-2" })).status, 303);
	assert.match((await new Client(srv.base).get("/p/hoshin-test/policy")).text, /方針テスト工業株式会社/, "the first stays");
});

test("taking it down removes the public page and the two-star condition", async () => {
	const page = await admin.get(`/o/${org}/policy`);
	const res = await admin.post(`/o/${org}/policy/unpublish`, { _csrf: csrfOf(page.text) });
	assert.equal(res.status, 303);
	assert.match((await admin.get(res.location)).text, /公開をやめました/);
	assert.equal((await new Client(srv.base).get("/p/hoshin-test/policy")).status, 404);
	assert.ok((await sa()).includes("policy_published"));
	const audit = await admin.get(`/o/${org}/audit`);
	for (const e of ["基本方針を保存しました", "基本方針を承認しました", "基本方針を公開しました", "基本方針の公開をやめました"])
		assert.match(audit.text, new RegExp(e));
	assert.doesNotMatch(audit.text, /policy_(saved|approved|published|unpublished)/);
});

test("an advisor finishes a draft but is not offered the approval: the page asks for the company's admin", async () => {
	const { inviteUser } = await import("./lib.mjs");
	const o = await makeOrg(admin, { name: "相談先株式会社" });
	const adv = await inviteUser(admin, srv, o, "pol-adviser@example.jp", "advisor");
	const form = await adv.get(`/o/${o}/policy/edit`);
	const v = { ...formValues(form.text), enacted: "2025-04-01", rep_title: "代表取締役", rep_name: "相談 太郎" };
	assert.equal((await adv.post(`/o/${o}/policy/edit`, v)).status, 303);
	let page = await adv.get(`/o/${o}/policy`);
	assert.equal(page.status, 200);
	assert.doesNotMatch(page.text, /action="[^"]*\/policy\/approve"/, "no button that would refuse them");
	assert.match(page.text, /承認は会社の管理者が行うので/);
	assert.equal((await adv.post(`/o/${o}/policy/approve`, { _csrf: csrfOf(page.text), version: "1" })).status, 403);
	// the company's admin sees the button and approves
	page = await admin.get(`/o/${o}/policy`);
	assert.match(page.text, /action="[^"]*\/policy\/approve"/);
	assert.equal((await admin.post(`/o/${o}/policy/approve`, { _csrf: csrfOf(page.text), version: "1" })).status, 303);
});
