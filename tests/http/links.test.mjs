// Links that phones can open: with no base-url configured, respondent
// links, QR codes, invitations and the public policy address follow the
// address the admin used to reach the page; on a loopback address the
// round page says plainly that phones cannot open them, and how to serve
// the office network instead.  A configured base-url always wins.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { request } from "node:http";
import { startServer, firstAdmin, openRound, csrfOf, unescape } from "./lib.mjs";

let srv, admin, org, round;
before(async () => {
	srv = await startServer();
	admin = await firstAdmin(srv);
	org = await (await import("./lib.mjs")).makeOrg(admin, { name: "住所テスト株式会社" });
	round = await openRound(admin, org, "住所の確認");
	const page = await admin.get(`/o/${org}/rounds/${round}`);
	await admin.post(`/o/${org}/rounds/${round}/links`, { _csrf: csrfOf(page.text), role: "employee", name: "田中" });
});
after(async () => { await srv?.stop(); });

// GET path from srv with a Host header of our choosing (fetch will not
// let us set one).
function getAs(base, host, path, cookie) {
	const u = new URL(base);
	return new Promise((resolve, reject) => {
		const req = request({ host: u.hostname, port: u.port, path, headers: cookie ? { host, cookie } : { host } }, (res) => {
			let body = "";
			res.setEncoding("utf8");
			res.on("data", (d) => { body += d; });
			res.on("end", () => resolve({ status: res.statusCode, text: body }));
		});
		req.on("error", reject);
		req.end();
	});
}
const links = (html) => [...html.matchAll(/<code class="secret[^"]*">([^<]+)<\/code>/g)].map((m) => unescape(m[1]));

test("on a loopback address the round page warns that phones cannot open its links", async () => {
	const page = await admin.get(`/o/${org}/rounds/${round}`);
	assert.equal(page.status, 200);
	assert.match(page.text, /このままではスマートフォンからリンクを開けません/);
	assert.match(page.text, /make run LISTEN=0\.0\.0\.0:8080/);
	for (const l of links(page.text)) assert.ok(l.startsWith(srv.base + "/"), l);
});

test("links and QR codes follow the address the admin used", async () => {
	const host = "192.168.10.23:8080";
	const page = await getAs(srv.base, host, `/o/${org}/rounds/${round}`, admin.cookieHeader());
	assert.equal(page.status, 200);
	const ls = links(page.text);
	assert.equal(ls.length, 2);	// shared, and 田中's personal link
	for (const l of ls) assert.match(l, /^http:\/\/192\.168\.10\.23:8080\/[rs]\//);
	assert.doesNotMatch(page.text, /このままではスマートフォンからリンクを開けません/);
	// the QR code encodes the same address: it differs from the loopback one
	const qrLan = await getAs(srv.base, host, `/o/${org}/rounds/${round}/qr/shared.svg`, admin.cookieHeader());
	const qrLoop = await admin.get(`/o/${org}/rounds/${round}/qr/shared.svg`);
	assert.equal(qrLan.status, 200);
	assert.notEqual(qrLan.text, qrLoop.text);
	// the link works when opened through the same address
	const path = new URL(ls[0]).pathname;
	assert.equal((await getAs(srv.base, host, path)).status, 200);
	// invitations too
	const members = await admin.get(`/o/${org}/members`);
	const inv = await admin.post(`/o/${org}/members`, { _csrf: csrfOf(members.text), email: "new@example.jp", role: "member" });
	assert.ok(inv.status === 200 || inv.status === 303, String(inv.status));
});

test("a Host header that is not a plain host[:port] is never put into a link", async () => {
	for (const bad of ["evil.example/<x>", "a b", "\"quoted\"", "x@y"]) {
		const page = await getAs(srv.base, bad, `/o/${org}/rounds/${round}`, admin.cookieHeader());
		if (page.status !== 200) continue;	// the server may refuse it outright
		for (const l of links(page.text)) assert.ok(l.startsWith(srv.base + "/"), `${bad}: ${l}`);
	}
});

test("a configured base-url always wins", async () => {
	const other = await startServer(["--base-url", "https://mamori.example.jp/"]);
	try {
		const a = await firstAdmin(other);
		const { makeOrg } = await import("./lib.mjs");
		const o = await makeOrg(a);
		const r = await openRound(a, o, "設定した住所");
		const page = await getAs(other.base, "192.168.10.23:8080", `/o/${o}/rounds/${r}`, a.cookieHeader());
		const ls = links(page.text);
		assert.ok(ls.length >= 1);
		for (const l of ls) assert.match(l, /^https:\/\/mamori\.example\.jp\/s\//);
		assert.doesNotMatch(page.text, /スマートフォンからリンクを開けません/);
	} finally {
		await other.stop();
	}
});
