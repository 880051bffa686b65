// `mamori estimate` (issue 16): the seeds' two worked examples at the
// presets' own inputs, JSON and text, other inputs scaled by the rules of
// content/damage.yaml (checked against a computation here), and every bad
// value refused with one line naming the field and status 2.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { cli, top } from "./lib.mjs";

const C = ["--content-dir", join(top, "content")];
const run = (...a) => cli(["estimate", ...C, ...a]);

test("the seeds' two examples, line by line", () => {
	let r = run("--preset", "manufacturer-ransomware", "--format", "json");
	assert.equal(r.status, 0, r.stderr);
	let j = JSON.parse(r.stdout);
	assert.equal(j.total_yen, 10400000);
	assert.equal(j.share_of_sales, 0.0104);
	assert.deepEqual(j.lines, [
		{ category: "investigation", yen: 10000000 },
		{ category: "lost_profit", yen: 400000 },
	]);
	r = run("--preset", "retailer-leak", "--format=json");
	assert.equal(r.status, 0, r.stderr);
	j = JSON.parse(r.stdout);
	assert.equal(j.total_yen, 35700000);
	assert.equal(j.share_of_sales, 0.119);
	assert.deepEqual(j.lines.map((l) => [l.category, l.yen]), [
		["compensation", 1000000], ["litigation", 3000000],
		["investigation", 16500000], ["customer_response", 6000000],
		["notice", 5000000], ["legal_advice", 200000], ["lost_profit", 4000000],
	]);
	assert.deepEqual(j.inputs, { sales: 300000000, staff: 10, records: 10000, days: 14 });
	// the seed's own inputs given explicitly give the same
	const again = JSON.parse(run("--preset", "retailer-leak", "--sales", "300,000,000", "--staff", "10",
		"--records", "10000", "--days", "14", "--format", "json").stdout);
	assert.equal(again.total_yen, 35700000);
});

test("text by default, with the total, the share and whose rules these are", () => {
	const r = run("--preset", "retailer-leak");
	assert.equal(r.status, 0, r.stderr);
	assert.match(r.stdout, /Total\s+35,700,000 yen \(11\.9 % of sales\)/);
	assert.match(r.stdout, /Lost profit\s+4,000,000 yen/);
	assert.match(r.stdout, /mamori's own/);
});

test("other inputs scale by the pack's rules", () => {
	const sales = 800000000, staff = 120, records = 2500, days = 5;
	const r = run("--preset", "retailer-leak", "--sales", String(sales), "--staff", String(staff),
		"--records", String(records), "--days", String(days), "--format", "json");
	assert.equal(r.status, 0, r.stderr);
	const j = JSON.parse(r.stdout);
	const round = (x, d) => Number((2n * x + d) / (2n * d));
	const want = {
		compensation: records * 100, litigation: 3000000, investigation: 30000000,
		customer_response: records * 600, notice: 5000000, legal_advice: 200000,
		lost_profit: round(BigInt(sales) * BigInt(days), 1050n),
	};
	for (const l of j.lines) assert.equal(l.yen, want[l.category], l.category);
	const total = Object.values(want).reduce((a, b) => a + b, 0);
	assert.equal(j.total_yen, total);
	assert.equal(j.share_of_sales, round(BigInt(total) * 1000000n, BigInt(sales)) / 1e6);
	const m = JSON.parse(run("--preset", "manufacturer-ransomware", "--days", "7", "--staff", "5",
		"--format", "json").stdout);
	assert.equal(m.total_yen, 6000000 + 1000000000 * 7 / 2500);
});

test("bad values: one line naming the field, status 2", () => {
	const cases = [
		[["--days", "10000"], /--days: '10000' is more than the most/],
		[["--days", "-1"], /--days: '-1' must not be negative/],
		[["--staff", "0"], /--staff: '0' is below the least/],
		[["--staff", "100001"], /--staff:/],
		[["--records", "100000001"], /--records:/],
		[["--sales", "abc"], /--sales: 'abc' is not a whole number/],
		[["--sales", "1.5"], /--sales:/],
		[["--sales", "10000000000001"], /--sales:/],
		[["--sales", ""], /--sales: '' needs a value/],
	];
	for (const [args, re] of cases) {
		const r = run("--preset", "retailer-leak", "--format", "json", ...args);
		assert.equal(r.status, 2, args.join(" "));
		assert.equal(r.stdout, "");
		assert.match(r.stderr, re);
		assert.equal(r.stderr.trim().split("\n").length, 1, r.stderr);
	}
	let r = run("--preset", "shop");
	assert.equal(r.status, 2);
	assert.match(r.stderr, /--preset: 'shop' is none of manufacturer-ransomware, retailer-leak/);
	r = run("--format", "json");
	assert.equal(r.status, 2);
	assert.match(r.stderr, /--preset/);
	r = run("--preset", "retailer-leak", "--format", "xml");
	assert.equal(r.status, 2);
	assert.match(r.stderr, /--format/);
});
