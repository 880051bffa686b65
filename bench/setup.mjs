// Fills a running mamori with one organisation, one round and N
// respondents who answered all 25 items, then writes what the wrk runs
// need.  Admin requests carry the API token (no CSRF field); respondents
// go through their /r/ links with the form's _csrf, like a browser.
//
//   node bench/setup.mjs BASE TOKEN N OUTDIR
//
// OUTDIR/urls.sh      shell variables: RESULTS, FORM, REPORT (paths), ROUND (id)
// OUTDIR/submit.txt   one line per respondent: "/r/TOKEN CSRF"
const [base, token, nstr, out] = process.argv.slice(2);
import { writeFileSync } from "node:fs";
import { join } from "node:path";

if (!base || !token || !nstr || !out) {
	console.error("usage: node bench/setup.mjs BASE TOKEN N OUTDIR");
	process.exit(2);
}
const u = new URL(base);
if (u.hostname !== "127.0.0.1" && u.hostname !== "localhost" && u.hostname !== "[::1]") {
	console.error(`bench: refusing a non-loopback address: ${base}`);
	process.exit(2);
}
const n = Number(nstr);
const auth = { authorization: `Bearer ${token}` };
const ANSWERS = ["yes", "partly", "no", "unknown"];

async function req(method, path, { form, headers = {} } = {}) {
	const h = { ...headers };
	let body;
	if (form) {
		body = new URLSearchParams(form).toString();
		h["content-type"] = "application/x-www-form-urlencoded";
	}
	const res = await fetch(base + path, { method, headers: h, body,
		redirect: "manual", signal: AbortSignal.timeout(10_000) });
	return { status: res.status, text: await res.text(), location: res.headers.get("location") };
}

function expect(res, status, what) {
	if (res.status !== status)
		throw new Error(`${what}: HTTP ${res.status}, expected ${status}: ${res.text.slice(0, 300)}`);
	return res;
}

const csrfOf = (html) => (html.match(/name="_csrf" value="([^"]+)"/) || [])[1];

let res = expect(await req("POST", "/o/new", { headers: auth, form: {
	name: "ベンチ工業株式会社", industry: "E", employees: "e3", capital: "c2",
	prefecture: "13", many_systems: "1", manual_fallback: "0", others_depend: "1",
} }), 303, "create organisation");
const org = +res.location.match(/\/o\/(\d+)/)[1];
res = expect(await req("POST", `/o/${org}/rounds`, { headers: auth,
	form: { title: "ベンチマーク" } }), 303, "open round");
const round = +res.location.match(/rounds\/(\d+)/)[1];
const roundPath = `/o/${org}/rounds/${round}`;
const roles = ["executive", "manager", "employee"];
for (let i = 0; i < n; i++)
	expect(await req("POST", `${roundPath}/links`, { headers: auth,
		form: { role: roles[i % 3], name: `回答者${i + 1}` } }), 303, `link ${i + 1}`);
res = expect(await req("GET", roundPath, { headers: auth }), 200, "round page");
const links = [...res.text.matchAll(/<code class="secret copy">[^<]*?(\/r\/[^<\s]+)<\/code>/g)]
	.map((m) => m[1]);
if (links.length !== n)
	throw new Error(`round page shows ${links.length} personal links, expected ${n}`);

// Everyone answers all 25 items in the three steps.
const parts = [[1, 5], [6, 18], [19, 25]];
const lines = [];
for (let r = 0; r < n; r++) {
	const path = links[r];
	// the bare link sends on to the step to resume: ask for step 1
	const page = expect(await req("GET", `${path}?part=1`), 200, `form of ${path}`);
	const csrf = csrfOf(page.text);
	if (!csrf)
		throw new Error(`no _csrf on ${path}`);
	for (let p = 0; p < 3; p++) {
		const form = { _csrf: csrf, part: String(p + 1), go: p < 2 ? "next" : "finish" };
		for (let i = parts[p][0]; i <= parts[p][1]; i++)
			form[`q${i}`] = ANSWERS[(r + i) % 4];
		expect(await req("POST", path, { form }), 303, `answers of ${path}, step ${p + 1}`);
	}
	lines.push(`${path} ${csrf}`);
}

// What wrk will hit must answer as expected, or the numbers mean nothing.
const results = `${roundPath}/results`;
res = expect(await req("GET", results, { headers: auth }), 200, "results page");
if (!res.text.includes("score-num"))
	throw new Error("results page shows no score");
const form = `${links[0]}?part=2`;
expect(await req("GET", form), 200, "respondent form, step 2");

writeFileSync(join(out, "submit.txt"), lines.join("\n") + "\n");
writeFileSync(join(out, "urls.sh"), `RESULTS='${results}'\nFORM='${form}'\nROUND='${round}'\nREPORT='${roundPath}/report'\n`);
console.log(`bench: organisation ${org}, round ${round}, ${n} respondents with 25 answers each`);
