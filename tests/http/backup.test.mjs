// The database under load and across restarts: the WAL is checkpointed
// after a restart, a backup ends while answers keep coming, a damaged
// backup and an export with values the server would never write are
// refused, and the operations page shows the sizes.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { execFile, execFileSync } from "node:child_process";
import { mkdtempSync, openSync, writeSync, closeSync, statSync, readFileSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer, Client, firstAdmin, makeOrg, openRound, csrfOf, cli, bin, freshDb } from "./lib.mjs";

const dir = mkdtempSync(join(tmpdir(), "mamori-backup-"));
const servers = [];
after(async () => {
	for (const s of servers) await s.stop();
	rmSync(dir, { recursive: true, force: true });
});
const onPg = !!process.env.MAMORI_TEST_PG_DIR;
const sqlite = (file, sql) => execFileSync("sqlite3", [file, sql], { encoding: "utf8" }).trim();

// A server with an admin, an organisation and an open round.
async function setUp(extra = []) {
	const s = await startServer(extra);
	servers.push(s);
	const admin = await firstAdmin(s);
	const org = await makeOrg(admin);
	const round = await openRound(admin, org, "負荷");
	return { s, admin, org, round, rp: `/o/${org}/rounds/${round}` };
}

// Make a personal link (one respondent row): resolves once acknowledged.
async function addLink(admin, rp, csrf, name) {
	const r = await admin.post(`${rp}/links`, { _csrf: csrf, role: "employee", name });
	if (r.status !== 303 && r.status !== 200) throw new Error(`link: ${r.status}`);
}

test("after a restart on an existing database a checkpoint copies every frame", { skip: onPg && "SQLite only" }, async () => {
	const a = await setUp(["--checkpoint-secs", "0"]);
	// stop() would remove the folder with the database: kill it instead
	// (its stop() at the end cleans up)
	await a.s.crash();
	const b = await startServer(["--checkpoint-secs", "0"], a.s.db);
	servers.push(b);
	const admin = new Client(b.base);
	assert.equal((await admin.submit("/login", "/login", { email: "admin@example.jp", password: "correct horse battery" })).status, 303);
	const page = await admin.get(a.rp);
	for (let i = 0; i < 40; i++) await addLink(admin, a.rp, csrfOf(page.text), `再起動後${i}`);
	// from a connection of our own, while the server keeps its pool open
	const [busy, log, copied] = sqlite(a.s.db.slice("sqlite:".length), "PRAGMA wal_checkpoint(PASSIVE)").split("|").map(Number);
	assert.equal(busy, 0);
	assert.ok(log > 0);
	assert.equal(copied, log);
});

test("the server checkpoints by itself when writes stop, and the operations page shows the sizes", async () => {
	const a = await setUp(["--checkpoint-secs", "1", "--wal-limit", "1"]);
	const page = await a.admin.get(a.rp);
	for (let i = 0; i < 20; i++) await addLink(a.admin, a.rp, csrfOf(page.text), `静か${i}`);
	let ops;
	for (let i = 0; i < 40; i++) {
		ops = await a.admin.get("/admin/ops");
		assert.equal(ops.status, 200);
		if (onPg || !/data-fig="admin.ops_ckpt_at">(まだありません|Not yet)/.test(ops.text)) break;
		await new Promise((r) => setTimeout(r, 250));
	}
	const fig = (k) => ops.text.match(new RegExp(`data-fig="${k}">([^<]*)<`))?.[1];
	assert.match(fig("admin.ops_db_size"), /^\d+\.\d MiB \(\d+ bytes\)$/);
	assert.ok(+fig("admin.ops_db_size").match(/\((\d+) bytes/)[1] > 0);
	if (onPg) {
		assert.equal(fig("admin.ops_engine"), "postgres");
		assert.equal(fig("admin.ops_wal_size"), undefined);
		return;
	}
	assert.equal(fig("admin.ops_engine"), "sqlite");
	assert.doesNotMatch(fig("admin.ops_ckpt_at"), /まだ|Not yet/);
	// past the 1 MiB limit or not, the WAL was emptied or is small; the
	// page says what the file holds
	const wal = statSync(a.s.db.slice("sqlite:".length) + "-wal", { throwIfNoEntry: false })?.size ?? 0;
	assert.ok(wal < 1 << 20, `WAL ${wal} bytes`);
	assert.match(fig("admin.ops_wal_size"), /^\d+\.\d MiB \(\d+ bytes\)$/);
	// others than the instance admin do not see it
	assert.equal((await new Client(a.s.base).get("/admin/ops")).status, 303);
});

test("a backup finishes under a steady write load, checked and complete", async () => {
	const a = await setUp();
	const page = await a.admin.get(a.rp);
	const csrf = csrfOf(page.text);
	for (let i = 0; i < 50; i++) await addLink(a.admin, a.rp, csrf, `前${i}`);
	// a bounded load in the background: at most 8 s or 3000 links
	let acked = 50, stop = false;
	const until = Date.now() + 8000;
	const load = (async () => {
		for (let i = 0; !stop && i < 3000 && Date.now() < until; i++) {
			await addLink(a.admin, a.rp, csrf, `負荷${i}`);
			acked++;
		}
	})();
	while (acked < 70) await new Promise((r) => setTimeout(r, 20));
	const before = acked;
	const file = join(dir, onPg ? "load.json" : "load.db");
	const t0 = Date.now();
	const r = await new Promise((resolve) => execFile(bin, ["backup", "--to", file, "--db", a.s.db],
		{ encoding: "utf8" }, (e, stdout, stderr) => resolve({ status: e ? e.code : 0, stdout, stderr })));
	const took = Date.now() - t0;
	const during = acked - before;
	stop = true;
	await load;
	assert.equal(r.status, 0, r.stderr);
	assert.match(r.stdout, /^backed up /);
	assert.ok(took < 6000, `backup took ${took} ms`);
	assert.ok(during > 0, "the load went on during the backup");
	if (onPg) {
		const doc = JSON.parse(readFileSync(file, "utf8"));
		const n = doc.tables.reduce((s, t) => s + t.rows.length, 0);
		assert.ok(doc.tables.find((t) => t.name === "respondents").rows.length >= before);
		// read back and checked: the line says how many rows, and that
		// many are in the file; no temporary file stays behind
		assert.match(r.stdout, new RegExp(`\\(${n} rows, read back and checked\\)`));
		assert.equal(execFileSync("sh", ["-c", `ls '${dir}' | grep -c tmp || true`], { encoding: "utf8" }).trim(), "0");
		// and it restores into a new database of the other engine
		const into = `sqlite:${join(dir, "from-pg.db")}`;
		const rs = execFileSync(bin, ["restore", file, "--db", into], { encoding: "utf8" });
		assert.match(rs, /rows/);
		return;
	}
	assert.equal(sqlite(file, "PRAGMA integrity_check"), "ok");
	assert.ok(+sqlite(file, "SELECT count(*) FROM respondents") >= before);
	assert.equal(sqlite(file, "PRAGMA journal_mode"), "delete");
	// no temporary file stays behind
	assert.equal(execFileSync("sh", ["-c", `ls '${dir}' | grep -c tmp || true`], { encoding: "utf8" }).trim(), "0");
});

test("restore refuses a damaged SQLite backup in one line", { skip: onPg && "SQLite backups only" }, async () => {
	const a = await setUp();
	const page = await a.admin.get(a.rp);
	for (let i = 0; i < 300; i++) await addLink(a.admin, a.rp, csrfOf(page.text), `壊す${i}`.repeat(4));
	const file = join(dir, "good.db");
	let r = cli(["backup", "--to", file, "--db", a.s.db]);
	assert.equal(r.status, 0, r.stderr);
	// garble the middle of every other page past the first two
	const size = statSync(file).size, fd = openSync(file, "r+");
	for (let off = 2 * 4096 + 100; off < size - 4096; off += 2 * 4096) writeSync(fd, Buffer.from("garbage!".repeat(8)), 0, 64, off);
	closeSync(fd);
	r = cli(["restore", file, "--db", freshDb(mkdtempSync(join(dir, "r-")))]);
	assert.equal(r.status, 1);
	assert.equal(r.stderr.split("\n").filter((l) => /^mamori/.test(l)).length, 1, r.stderr);
	assert.match(r.stderr, /^mamori restore: .*is damaged.*\(nothing was imported\)$/m);
});

test("import refuses a value the server would never write, naming table, row and column", async () => {
	const a = await setUp();
	const page = await a.admin.get(a.rp);
	await addLink(a.admin, a.rp, csrfOf(page.text), "一人目");
	await addLink(a.admin, a.rp, csrfOf(page.text), "二人目");
	const file = join(dir, "bad.json");
	let r = cli(["export", "--all", file, "--db", a.s.db]);
	assert.equal(r.status, 0, r.stderr);
	const doc = JSON.parse(readFileSync(file, "utf8"));
	const resp = doc.tables.find((t) => t.name === "respondents");
	const col = resp.columns.indexOf("answers");
	const cases = [
		["answers", "zz", /table respondents, row 2, column answers: 'zz' is not valid/],
		["answers", "4".repeat(24) + "x", /column answers/],
		["role", "boss", /table respondents, row 2, column role: 'boss'/],
		["complete", "7", /column complete: .7. is not valid/],
		["via", "paper", /table respondents, row 2, column via: .paper. is not valid/],
	];
	for (const [name, value, want] of cases) {
		const bad = structuredClone(doc);
		const t = bad.tables.find((x) => x.name === "respondents");
		t.rows[1][t.columns.indexOf(name)] = value;
		writeFileSync(file, JSON.stringify(bad));
		const target = freshDb(mkdtempSync(join(dir, "i-")));
		r = cli(["import", file, "--db", target]);
		assert.equal(r.status, 1, `${name}=${value}: ${r.stdout}`);
		assert.equal(r.stderr.split("\n").filter((l) => /^mamori/.test(l)).length, 1, r.stderr);
		assert.match(r.stderr, want);
		assert.match(r.stderr, /nothing was imported/);
	}
	// the untouched export still imports
	assert.ok(col >= 0);
	writeFileSync(file, JSON.stringify(doc));
	r = cli(["import", file, "--db", freshDb(mkdtempSync(join(dir, "ok-")))]);
	assert.equal(r.status, 0, r.stderr);
});
