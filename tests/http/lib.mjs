// Shared helpers for the HTTP tests: start a real mamori server on a free
// loopback port with its own database, and talk to it like a browser
// (cookies, CSRF fields, redirects by hand).
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

export const top = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const bin = process.env.MAMORI_BIN || join(top, "mamori");

// The database of a new test server: a fresh SQLite file, or, when
// MAMORI_TEST_PG_DIR names a throw-away PostgreSQL (scripts/pg-test.sh),
// a fresh database on it.
let dbSeq = 0;
export function freshDb(dir) {
	const pg = process.env.MAMORI_TEST_PG_DIR;
	if (!pg) return `sqlite:${join(dir, "m.db")}`;
	const name = `t${process.pid}_${++dbSeq}`;
	return execFileSync("sh", [join(top, "scripts/pg-test.sh"), "url", pg, name], { encoding: "utf8" }).trim();
}

// Start a server; resolves with {base, setup, db, dir, stop()}.  With
// sameDb, a second node on the database of an earlier server (which then
// prints no set-up link: setup is "").
export async function startServer(extra = [], sameDb = null) {
	const dir = mkdtempSync(join(tmpdir(), "mamori-test-"));
	const db = sameDb ?? freshDb(dir);
	const child = spawn(bin, ["serve", "--db", db, "--listen", "127.0.0.1:0",
		"--content-dir", join(top, "content"), "--threads", "2", ...extra],
		{ stdio: ["ignore", "pipe", "pipe"] });
	let out = "", err = "";
	child.stderr.on("data", (d) => { err += d; });
	const ready = await new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error("server did not start: " + err)), 15000);
		child.stdout.on("data", (d) => {
			out += d;
			const m = out.match(/serving (http:\/\/[^ ]+) /);
			const s = out.match(/(https?:\/\/\S+\/setup\/\S+)/);
			if (m && (s || sameDb)) {
				clearTimeout(timer);
				resolve({ base: m[1], setup: s ? s[1] : "" });
			}
		});
		child.on("exit", (code) => reject(new Error(`server exited ${code}: ${err}`)));
	});
	return {
		...ready, db, dir, pid: child.pid,
		stderr: () => err,
		stdout: () => out,
		// SIGKILL: no clean-up at all, as a crash would leave it
		crash() {
			child.kill("SIGKILL");
			return new Promise((r) => child.on("exit", r));
		},
		async stop() {
			if (child.exitCode === null && child.signalCode === null) {
				child.kill("SIGTERM");
				await new Promise((r) => child.on("exit", r));
			}
			rmSync(dir, { recursive: true, force: true });
			return child.exitCode;
		},
	};
}

// Run the mamori binary (CLI) synchronously; returns {status, stdout, stderr}.
export function cli(args, input) {
	try {
		const stdout = execFileSync(bin, args, { input, encoding: "utf8", stdio: ["pipe", "pipe", "pipe"] });
		return { status: 0, stdout, stderr: "" };
	} catch (e) {
		return { status: e.status, stdout: e.stdout?.toString() ?? "", stderr: e.stderr?.toString() ?? "" };
	}
}

// A browser-like client: keeps cookies, never follows redirects by itself.
export class Client {
	constructor(base) { this.base = base; this.jar = new Map(); }
	cookieHeader() { return [...this.jar].map(([k, v]) => `${k}=${v}`).join("; "); }
	keep(res) {
		for (const c of res.headers.getSetCookie()) {
			const [pair, ...attrs] = c.split(";");
			const i = pair.indexOf("=");
			const k = pair.slice(0, i).trim(), v = pair.slice(i + 1).trim();
			if (attrs.some((a) => /max-age=0\b/i.test(a.trim())) || v === "") this.jar.delete(k);
			else this.jar.set(k, v);
		}
	}
	async req(method, path, { form, body, headers = {} } = {}) {
		const h = { ...headers };
		if (this.jar.size) h.cookie = this.cookieHeader();
		let payload = body;
		if (form) {
			payload = new URLSearchParams(form).toString();
			h["content-type"] = "application/x-www-form-urlencoded";
		}
		const url = path.startsWith("http") ? path : this.base + path;
		const res = await fetch(url, { method, headers: h, body: payload, redirect: "manual" });
		this.keep(res);
		const text = await res.text();
		return { status: res.status, headers: res.headers, text, location: res.headers.get("location") };
	}
	get(path, opts) { return this.req("GET", path, opts); }
	post(path, form, opts = {}) { return this.req("POST", path, { ...opts, form }); }
	// GET a page, then POST its form with the page's CSRF token.
	async submit(pagePath, action, fields) {
		const page = await this.get(pagePath);
		const csrf = csrfOf(page.text);
		return this.post(action, { _csrf: csrf ?? "", ...fields });
	}
}

export function csrfOf(html) {
	const m = html.match(/name="_csrf" value="([^"]+)"/);
	return m ? m[1] : null;
}

// Decode the few entities our escaper writes, for reading attribute values.
export function unescape(s) {
	return s.replace(/&#(\d+);/g, (_, n) => String.fromCharCode(+n))
		.replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

// First admin through the set-up link; returns a signed-in client.
export async function firstAdmin(srv, email = "admin@example.jp", password = "correct horse battery") {
	const c = new Client(srv.base);
	const path = new URL(srv.setup).pathname;
	const res = await c.submit(path, path, { email, password, password2: password });
	if (res.status !== 303) throw new Error(`setup failed: ${res.status} ${res.text.slice(0, 400)}`);
	return c;
}

export const ORG = {
	name: "テスト工業株式会社", industry: "E", employees: "e3", capital: "c2",
	prefecture: "13", many_systems: "1", manual_fallback: "1", others_depend: "0",
};

// Create an organisation as c; returns its id.
export async function makeOrg(c, fields = {}) {
	const res = await c.submit("/o/new", "/o/new", { ...ORG, ...fields });
	if (res.status !== 303) throw new Error(`org create: ${res.status} ${res.text.slice(0, 300)}`);
	return +res.location.match(/\/o\/(\d+)/)[1];
}

// Open a round in org; returns its id.
export async function openRound(c, org, title = "") {
	const res = await c.submit(`/o/${org}`, `/o/${org}/rounds`, { title });
	if (res.status !== 303) throw new Error(`round open: ${res.status}`);
	return +res.location.match(/rounds\/(\d+)/)[1];
}

// Answer all 25 items through a respondent link path ("/r/…").
export async function answerAll(c, rpath, answers) {
	// the bare link sends on to the step to resume (?part=N)
	let page = await c.get(rpath);
	if (page.status === 303) page = await c.get(page.location);
	const csrf = csrfOf(page.text);
	const parts = [[1, 5], [6, 18], [19, 25]];
	let res;
	for (let p = 0; p < 3; p++) {
		const form = { _csrf: csrf, part: String(p + 1), go: p < 2 ? "next" : "finish" };
		for (let i = parts[p][0]; i <= parts[p][1]; i++) form[`q${i}`] = answers[i - 1];
		res = await c.post(rpath, form);
		if (res.status !== 303) throw new Error(`answer part ${p + 1}: ${res.status} ${res.text.slice(0, 300)}`);
	}
	return res;
}

// Invite a new user into org with role ("member", "org_admin") and sign
// them up through the invitation; returns their signed-in client.
export async function inviteUser(admin, srv, org, email, role = "member") {
	const mp = await admin.get(`/o/${org}/members`);
	const inv = await admin.post(`/o/${org}/members`, { _csrf: csrfOf(mp.text), role });
	const m = inv.text.match(/<code class="secret[^"]*">([^<]*\/invite\/[^<]+)<\/code>/);
	if (!m) throw new Error(`no invitation link: ${inv.status}`);
	const path = new URL(unescape(m[1])).pathname;
	const c = new Client(srv.base);
	const made = await c.submit(path, path, { email, password: "a long enough pass", password2: "a long enough pass" });
	if (made.status !== 303) throw new Error(`invitation: ${made.status} ${made.text.slice(0, 300)}`);
	return c;
}
