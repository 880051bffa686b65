// A full disk: writes are refused with a clear 503 page, never a crash or
// a half-stored answer; the operator reads one line about it in the log;
// once there is room again, writing works.  The disk is made "full" by
// lowering the server's file-size limit (prlimit), which makes every write
// past it fail as a full disk does.  SQLite only: PostgreSQL's files are
// the database server's, not ours.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { statSync } from "node:fs";
import { startServer, firstAdmin, makeOrg, openRound, csrfOf } from "./lib.mjs";

let srv;
after(async () => { await srv?.stop(); });

const pg = !!process.env.MAMORI_TEST_PG_DIR;

test("a full disk answers 503 and is logged once; with room again, writes work", { skip: pg && "SQLite only" }, async () => {
	srv = await startServer();
	const admin = await firstAdmin(srv);
	const org = await makeOrg(admin, { name: "満杯テスト株式会社" });
	const round = await openRound(admin, org, "満杯");
	const rp = `/o/${org}/rounds/${round}`;
	const file = srv.db.replace(/^sqlite:/, "");
	const size = (f) => { try { return statSync(f).size; } catch { return 0; } };
	// no file may grow past what it holds now
	const limit = Math.max(size(file), size(file + "-wal")) + 4096;
	execFileSync("prlimit", ["--pid", String(srv.pid), `--fsize=${limit}:unlimited`]);
	let page = await admin.get(rp);
	let refused = null;
	for (let i = 0; i < 400 && !refused; i++) {
		const res = await admin.post(`${rp}/links`, { _csrf: csrfOf(page.text), role: "employee", name: `満杯${i}-${"x".repeat(90)}` });
		if (res.status !== 303) refused = res;
	}
	assert.ok(refused, "some write must meet the full disk");
	assert.equal(refused.status, 503);
	assert.match(refused.text, /<html/);
	assert.doesNotMatch(refused.text, /ログイン|パスワード/, "not a sign-in page");
	// the server is alive and still reads
	assert.equal((await admin.get(rp)).status, 200);
	await new Promise((r) => setTimeout(r, 200));
	const logged = srv.stderr().match(/the database refuses writes/g) ?? [];
	assert.equal(logged.length, 1, `one line for the operator: ${srv.stderr().slice(-400)}`);
	// room again: the next write is stored
	execFileSync("prlimit", ["--pid", String(srv.pid), "--fsize=unlimited:unlimited"]);
	page = await admin.get(rp);
	const ok = await admin.post(`${rp}/links`, { _csrf: csrfOf(page.text), role: "manager", name: "空きが戻った" });
	assert.equal(ok.status, 303);
	assert.match((await admin.get(rp)).text, /空きが戻った/);
});
