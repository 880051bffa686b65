// What the browser tests share: Debian's chromium and its options,
// axe-core, the two sizes every page is checked at, the interface texts,
// and the steps every test takes (a context, a screenshot, a page checked
// for accessibility and sideways scrolling, a navigation, signing in).
// env.browser and env.base are set by the test once chromium and the
// server run.
import assert from "node:assert/strict";
import { mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { before, after } from "node:test";
import { chromium } from "playwright-core";
import { top, startServer, firstAdmin, makeOrg, cli, Client } from "../http/lib.mjs";

export const env = { browser: null, base: "" };

export const here = dirname(fileURLToPath(import.meta.url));
export const shots = join(here, "shots");
mkdirSync(shots, { recursive: true });

export const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
export const ARGS = ["--headless", "--no-sandbox", "--disable-gpu",
	"--disable-background-networking", "--disable-component-update",
	"--no-first-run", "--disable-quic", "--disable-sync"];
export const STEP_MS = 30_000;
export const TEST_MS = 240_000;

export const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
export const SIZES = [["phone", { width: 390, height: 844 }], ["desktop", { width: 1280, height: 900 }]];

export const DESKTOP = { viewport: { width: 1280, height: 900 }, locale: "ja-JP" };
export const MOBILE = {
	viewport: { width: 390, height: 844 }, deviceScaleFactor: 2,
	isMobile: true, hasTouch: true, locale: "ja-JP",
	userAgent: "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) " +
	    "AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 " +
	    "Mobile/15E148 Safari/604.1",
};

export const ui = {};
for (const line of readFileSync(join(top, "content/i18n/ui.yaml"), "utf8").split("\n")) {
	const m = line.match(/^([a-z0-9_.]+): \{ja: "((?:[^"\\]|\\.)*)", en: "((?:[^"\\]|\\.)*)"\}/);
	if (m) ui[m[1]] = { ja: m[2].replace(/\\"/g, '"'), en: m[3].replace(/\\"/g, '"') };
}
export const J = (k) => { assert.ok(ui[k], `ui.yaml has ${k}`); return ui[k].ja; };
export const fill = (s, a, b) => s.replace("{1}", String(a)).replace("{2}", String(b));

export function withTimeout(p, ms, label) {
	let t;
	return Promise.race([p, new Promise((_, rej) => {
		t = setTimeout(() => rej(new Error(`${label}: timed out after ${ms} ms`)), ms);
	})]).finally(() => clearTimeout(t));
}

export async function newContext(opts) {
	const c = await env.browser.newContext(opts);
	c.setDefaultTimeout(STEP_MS);
	c.setDefaultNavigationTimeout(STEP_MS);
	return c;
}

export async function shot(p, name, opts = {}) {
	await p.screenshot({ path: join(shots, `${name}.png`), ...opts });
}

export async function noSidewaysScroll(p, label) {
	const w = await p.evaluate(() => ({
		doc: document.documentElement.scrollWidth,
		view: window.innerWidth,
		wide: [...document.querySelectorAll("body *")]
			.filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1)
			.slice(0, 5).map((e) => `${e.tagName.toLowerCase()}.${e.className}`),
		cut: [...document.querySelectorAll(".table-wrap")]
			.filter((e) => e.scrollWidth > e.clientWidth + 1)
			.map((e) => `${e.querySelector("th")?.textContent}: ${e.scrollWidth}px in ${e.clientWidth}px`),
	}));
	assert.ok(w.doc <= w.view, `${label}: page is ${w.doc}px wide in a ${w.view}px viewport (${w.wide.join(", ")})`);
	assert.deepEqual(w.cut, [], `${label}: tables cut off sideways`);
}

export async function axeViolations(p) {
	if (!await p.evaluate(() => typeof window.axe === "object"))
		await p.evaluate(AXE);
	const res = await p.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
	return res.violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n` +
	    v.nodes.slice(0, 5).map((n) => `      ${n.target.join(" ")}: ` +
	    n.failureSummary.replace(/\s+/g, " ")).join("\n"));
}

// The page at phone and desktop size, its closed <details> shut and then
// open: no axe-core violation, nothing wider than the phone.
export async function checkPage(p, label) {
	const was = p.viewportSize();
	const problems = [];
	try {
		for (const [size, vp] of SIZES) {
			await p.setViewportSize(vp);
			for (const open of [false, true]) {
				const n = open ? await p.evaluate(() => {
					const closed = [...document.querySelectorAll("details:not([open])")];
					closed.forEach((d) => { d.open = true; d.dataset.testOpened = "1"; });
					return closed.length;
				}) : 1;
				if (n === 0)
					continue;
				const at = `${label} (${size}${open ? ", details open" : ""})`;
				for (const v of await axeViolations(p))
					problems.push(`${at}: ${v}`);
				if (size === "phone")
					await noSidewaysScroll(p, at).catch((e) => problems.push(e.message));
			}
			await p.evaluate(() => document.querySelectorAll("details[data-test-opened]")
			    .forEach((d) => { d.open = false; delete d.dataset.testOpened; }));
		}
	} finally {
		await p.setViewportSize(was);
	}
	assert.deepEqual(problems, [], `${label}:\n${problems.join("\n")}`);
}

export async function go(p, action) {
	await Promise.all([p.waitForNavigation({ waitUntil: "load" }), action]);
}

export async function signIn(p) {
	await p.goto(`${env.base}/login`);
	await p.getByLabel(J("login.email"), { exact: true }).fill("admin@example.jp");
	await p.getByLabel(J("login.password"), { exact: true }).fill("correct horse battery");
	await go(p, p.getByRole("button", { name: J("login.submit") }).click());
}

// The set-up most flows share: a server, its first admin, one company of
// the given name, an API caller with the admin's token (st.api, which
// fails the test on any status from 300), chromium, and a desktop page.
// Registers its before() and after(); the after() fails on a sanitizer
// report or a server that did not exit cleanly.  Returns the object the
// test reads once st.ready settled: {srv, admin, org, api, page, ctx}.
export function withCompany(name, { signedIn = false } = {}) {
	const st = {};
	let done;
	// st.ready: settled once the set-up is over, for a test file's own
	// before() to await (the root's hooks do not wait for each other)
	st.ready = new Promise((ok) => { done = ok; });
	before(async () => {
		try {
			await setUp();
		} finally {
			done();
		}
	}, { timeout: 60_000 });
	async function setUp() {
		st.srv = await startServer();
		st.admin = await firstAdmin(st.srv);
		st.org = await makeOrg(st.admin, { name });
		const auth = { authorization: `Bearer ${cli(["user", "token", "admin@example.jp", "--db", st.srv.db]).stdout.trim()}` };
		st.api = async (m, p, body) => {
			const res = await new Client(st.srv.base).req(m, p, { body: body && JSON.stringify(body), headers: { ...auth, "content-type": "application/json" } });
			assert.ok(res.status < 300, `${m} ${p}: ${res.status} ${res.text}`);
			return JSON.parse(res.text);
		};
		env.browser = await withTimeout(chromium.launch({
			executablePath: CHROMIUM, args: ARGS, timeout: STEP_MS }),
		STEP_MS, "chromium launch");
		env.base = st.srv.base;
		st.ctx = await newContext(DESKTOP);
		st.page = await st.ctx.newPage();
		if (signedIn)
			await signIn(st.page);
	}
	after(async () => {
		await env.browser?.close().catch(() => {});
		if (st.srv) {
			const code = await st.srv.stop();
			assert.ok(!/ERROR: (Address|Leak)Sanitizer|runtime error:/.test(st.srv.stderr()),
			    "sanitizer report:\n" + st.srv.stderr().slice(-3000));
			assert.equal(code, 0, "server exit status");
		}
	}, { timeout: 60_000 });
	return st;
}

// The diagnosis's points (SPEC §2), a respondent's total, and the company
// score: the mean of the totals in tenths, rounded half away from zero,
// shown with one decimal ("51.3", "-0.5") — worked out here, apart from
// the server's own arithmetic.
export const POINTS = { yes: 4, partly: 2, no: 0, unknown: -1 };
export const score = (a) => a.reduce((t, x) => t + POINTS[x], 0);
export function meanTenths(scores) {
	const sum = scores.reduce((a, b) => a + b, 0), n = scores.length;
	const mag = Math.floor((Math.abs(sum) * 20 + n) / (2 * n));
	return sum < 0 ? -mag : mag;
}
export const showTenths = (t) => `${t < 0 ? "-" : ""}${Math.floor(Math.abs(t) / 10)}.${Math.abs(t) % 10}`;
