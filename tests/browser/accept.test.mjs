// Accepting the remaining risks, in Debian's chromium driven by
// playwright-core against a real mamori server (MAMORI_BIN): the risk
// list links to the page; the executive ticks and accepts; a changed risk
// asks again.  Every page is checked on a phone and a desktop with
// axe-core (no violation) and for sideways scrolling.  Screenshots go to
// tests/browser/shots/accept-*.png (git-ignored).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { startServer, firstAdmin, cli, Client, top } from "../http/lib.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const shots = join(here, "shots");
mkdirSync(shots, { recursive: true });

const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu",
	"--disable-background-networking", "--disable-component-update",
	"--no-first-run", "--disable-quic", "--disable-sync"];
const STEP_MS = 30_000;
const TEST_MS = 240_000;

const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const SIZES = [["phone", { width: 390, height: 844 }], ["desktop", { width: 1280, height: 900 }]];

const DESKTOP = { viewport: { width: 1280, height: 900 }, locale: "ja-JP" };
const MOBILE = {
	viewport: { width: 390, height: 844 }, deviceScaleFactor: 2,
	isMobile: true, hasTouch: true, locale: "ja-JP",
	userAgent: "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) " +
	    "AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 " +
	    "Mobile/15E148 Safari/604.1",
};

const ui = {};
for (const line of readFileSync(join(top, "content/i18n/ui.yaml"), "utf8").split("\n")) {
	const m = line.match(/^([a-z0-9_.]+): \{ja: "((?:[^"\\]|\\.)*)", en: "((?:[^"\\]|\\.)*)"\}/);
	if (m) ui[m[1]] = { ja: m[2].replace(/\\"/g, '"'), en: m[3].replace(/\\"/g, '"') };
}
const J = (k) => { assert.ok(ui[k], `ui.yaml has ${k}`); return ui[k].ja; };
const fill = (s, a, b) => s.replace("{1}", String(a)).replace("{2}", String(b));

let srv, browser, ctx, page;
const st = {};

function withTimeout(p, ms, label) {
	let t;
	return Promise.race([p, new Promise((_, rej) => {
		t = setTimeout(() => rej(new Error(`${label}: timed out after ${ms} ms`)), ms);
	})]).finally(() => clearTimeout(t));
}

async function newContext(opts) {
	const c = await browser.newContext(opts);
	c.setDefaultTimeout(STEP_MS);
	c.setDefaultNavigationTimeout(STEP_MS);
	return c;
}

async function shot(p, name, opts = {}) {
	await p.screenshot({ path: join(shots, `${name}.png`), ...opts });
}

async function noSidewaysScroll(p, label) {
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

async function axeViolations(p) {
	if (!await p.evaluate(() => typeof window.axe === "object"))
		await p.evaluate(AXE);
	const res = await p.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
	return res.violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n` +
	    v.nodes.slice(0, 5).map((n) => `      ${n.target.join(" ")}: ` +
	    n.failureSummary.replace(/\s+/g, " ")).join("\n"));
}

// The page at phone and desktop size, its closed <details> shut and then
// open: no axe-core violation, nothing wider than the phone.
async function checkPage(p, label) {
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

async function go(p, action) {
	await Promise.all([p.waitForNavigation({ waitUntil: "load" }), action]);
}

async function signIn(p) {
	await p.goto(`${srv.base}/login`);
	await p.getByLabel(J("login.email"), { exact: true }).fill("admin@example.jp");
	await p.getByLabel(J("login.password"), { exact: true }).fill("correct horse battery");
	await go(p, p.getByRole("button", { name: J("login.submit") }).click());
}


let api;
before(async () => {
	srv = await startServer();
	await firstAdmin(srv);
	const auth = { authorization: `Bearer ${cli(["user", "token", "admin@example.jp", "--db", srv.db]).stdout.trim()}` };
	api = async (m, p, body) => {
		const res = await new Client(srv.base).req(m, p, { body: body && JSON.stringify(body), headers: { ...auth, "content-type": "application/json" } });
		assert.ok(res.status < 300, `${m} ${p}: ${res.status} ${res.text}`);
		return res.status === 204 ? null : JSON.parse(res.text);
	};
	st.org = (await api("POST", "/api/v1/orgs", { name: "受容株式会社", industry: "E", employees: "e3" })).id;
	const a = await api("POST", `/api/v1/orgs/${st.org}/assets`, { name: "顧客の連絡先", c: 3, i: 2, a: 2, personal: "personal" });
	st.asset = a.id;
	st.r1 = await api("POST", `/api/v1/orgs/${st.org}/risks`, { asset: a.id, threat: "accident", threat_level: 3, vulnerability: 3, treatment: "transfer" });
	st.r2 = await api("POST", `/api/v1/orgs/${st.org}/risks`, { asset: a.id, threat: "theft", threat_level: 1, vulnerability: 2, treatment: "accept" });
	browser = await withTimeout(chromium.launch({
		executablePath: CHROMIUM, args: ARGS, timeout: STEP_MS }), STEP_MS,
	"chromium launch");
	ctx = await newContext(DESKTOP);
	page = await ctx.newPage();
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

test("the executive accepts the remaining risks, and a change asks again", { timeout: TEST_MS }, async () => {
	await signIn(page);
	await page.goto(`${srv.base}/o/${st.org}/r/risks`);
	await go(page, page.getByRole("link", { name: J("accept.link") }).click());
	await page.getByRole("heading", { level: 1, name: J("accept.title") }).waitFor();
	await page.getByText(J("accept.never")).waitFor();
	await checkPage(page, "accept, never");
	await shot(page, "accept-before", { fullPage: true });
	await page.getByLabel(J("accept.note")).fill("停電と火事には保険で備える。");
	await page.getByLabel(J("accept.confirm")).check();
	await go(page, page.getByRole("button", { name: J("accept.submit") }).click());
	await page.getByText(J("accept.done")).waitFor();
	await page.getByText(J("accept.current")).waitFor();
	await checkPage(page, "accept, done");
	await shot(page, "accept-done", { fullPage: true });
	// a risk changes: the page says a new acceptance is due
	await api("PUT", `/api/v1/orgs/${st.org}/risks/${st.r2.id}`, { rev: 1, asset: st.asset, threat: "theft", threat_level: 2, vulnerability: 3, treatment: "reduce" });
	await page.reload();
	assert.match(await page.locator("main").innerText(), /変わったもの 1件/);
	// on a phone
	const m = await newContext(MOBILE);
	const mp = await m.newPage();
	await signIn(mp);
	await mp.goto(`${srv.base}/o/${st.org}/r/risks/accept`);
	await checkPage(mp, "accept, phone");
	await shot(mp, "accept-phone", { fullPage: true });
	await m.close();
});
