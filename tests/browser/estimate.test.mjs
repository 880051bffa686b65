// The damage estimate (issue 16) in Debian's chromium: an owner picks the
// retailer example, types the sales, works it out, saves it, gives the
// money figures and sees both rules of thumb checked; a bad value is shown
// next to its field.  Every page on a phone and a desktop with axe-core
// (no violation) and no sideways scrolling.  Screenshots go to
// tests/browser/shots/estimate-*.png (git-ignored).
import { test } from "node:test";
import assert from "node:assert/strict";
import { TEST_MS, J, withCompany, shot, checkPage, go, MOBILE, newContext } from "./lib.mjs";

const st = withCompany("試算商店株式会社", { signedIn: true });

test("an owner works out, saves and weighs an estimate", { timeout: TEST_MS }, async () => {
	await st.ready;
	const { page, srv, org } = st;
	await page.goto(`${srv.base}/o/${org}/estimate`);
	await page.getByRole("heading", { level: 1, name: J("est.title") }).waitFor();
	await checkPage(page, "estimate, empty");
	await page.locator('input[name="preset"][value="retailer-leak"]').check();
	await page.getByLabel("年間売上高（円）").fill("300,000,000");
	await page.getByLabel("従業員数（人）").fill("10");
	await page.getByLabel("漏えいする個人情報の件数").fill("10000");
	await page.getByLabel("停止する日数").fill("14");
	await go(page, page.getByRole("button", { name: J("est.work_out") }).click());
	assert.equal(await page.locator("#est-total").textContent(), "35,700,000円");
	await checkPage(page, "estimate, result");
	await shot(page, "estimate-result", { fullPage: true });
	await page.getByLabel(J("est.name"), { exact: false }).fill("通販サイトの漏えい");
	await go(page, page.getByRole("button", { name: J("est.save_new") }).click());
	await page.getByText(J("est.saved_notice")).waitFor();
	await page.getByLabel(J("est.spending")).fill("2,000,000");
	await page.getByLabel(J("est.could_pay")).fill("10,000,000");
	await go(page, page.getByRole("button", { name: J("est.money_save") }).click());
	assert.match(await page.locator("#check-could-pay").getAttribute("class"), /est-warn/);
	assert.match(await page.locator("#check-spending").getAttribute("class"), /est-ok/);
	await checkPage(page, "estimate, saved and weighed");

	// on a phone: a bad value next to its field, the others kept
	const phone = await newContext(MOBILE);
	await phone.addCookies(await st.ctx.cookies());
	const p2 = await phone.newPage();
	await p2.goto(`${srv.base}/o/${org}/estimate?preset=retailer-leak&sales=abc&staff=10&records=10000&days=10000`);
	await p2.locator(".field-error").first().waitFor();
	assert.equal(await p2.getByLabel("漏えいする個人情報の件数").inputValue(), "10000");
	await checkPage(p2, "estimate, field errors");
	await shot(p2, "estimate-phone-errors", { fullPage: true });
	await phone.close();
});
