import { test, Page } from "@playwright/test";
import { adminSession, confirmAddress, expect, hydrated, openPart, ready, signUp } from "./helpers";

// Issue 13: the form, editor and layout mechanisms every later page builds on.

test("a refused form comes back with what was typed, every problem said and the first focused", async ({ page }, info) => {
  await page.goto("/en/account/signup");
  await ready(page, info);
  await page.getByLabel("Your name").fill("Olena Kovalenko");
  await page.getByLabel("Email address").fill("olena-at-example");
  await page.getByLabel("New password").fill("123qweasdzxc");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByTestId("form-problems")).toContainText("2 fields need correcting");
  await expect(page.getByLabel("Your name")).toHaveValue("Olena Kovalenko");
  await expect(page.getByLabel("Email address")).toHaveValue("olena-at-example");
  await expect(page.getByLabel("Email address")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("New password")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("New password")).toHaveValue("");
  await expect(page.getByLabel("Email address")).toBeFocused();
  await expect(page.locator("main")).toContainText("does not look like an email address");
  await expect(page.locator("main")).toContainText("too common");
  // Once more: still one error in the address, and the values of this attempt.
  await page.getByLabel("Email address").fill("olena@example.ua");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByTestId("form-problems")).toContainText("One field needs correcting");
  await expect(page.getByLabel("Email address")).toHaveValue("olena@example.ua");
  await expect(page.getByLabel("New password")).toBeFocused();
  expect(page.url().match(/__err=/g)?.length).toBe(1);

  // A wrong password keeps the address.
  await page.goto("/en/account/signin");
  await ready(page, info);
  await page.getByLabel("Email address").fill("someone@example.ua");
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").first()).toBeVisible();
  await expect(page.getByLabel("Email address")).toHaveValue("someone@example.ua");
});

const COMMUNITY: Record<string, string> = { hydrated: "kovelska", "no-js": "drohobytska" };
const COMPOUND = "Donaudampfschifffahrtsgesellschaftskapitänswitwenrentenversicherungsanstalt";
const LONG_URL = `https://example.org/${"partnerschaft-".repeat(12)}ende`;

async function noSidewaysScroll(page: Page, paths: string[]) {
  await page.setViewportSize({ width: 320, height: 720 });
  for (const p of paths) {
    await page.goto(p);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    // What sticks out, to say where to look.
    const wide = await page.evaluate(() =>
      [...document.querySelectorAll("main *")]
        .filter((e) => e.getBoundingClientRect().right > 321)
        .slice(0, 5)
        .map((e) => `${e.tagName.toLowerCase()}#${e.id}.${e.className}`),
    );
    expect(width, `${p}: ${wide.join(" | ")}`).toBeLessThanOrEqual(320);
  }
  await page.setViewportSize({ width: 1280, height: 720 });
}

test("long words and addresses wrap on a phone, a double click publishes once, a lost connection loses nothing", async ({ page, browser }, info) => {
  test.setTimeout(120_000);
  const slug = COMMUNITY[info.project.name];
  const email = `phone-${info.project.name}-${Date.now()}@example.ua`;
  await signUp(page, info, email);
  await confirmAddress(page, info, email);
  await page.goto(`/en/c/${slug}/claim`);
  await ready(page, info);
  await page.getByLabel("Your position in the community").fill(`Leiterin der ${COMPOUND}`);
  await page.getByLabel("Evidence").fill(`${email} ${LONG_URL}`);
  const message = `${COMPOUND} ${LONG_URL} `.repeat(12).slice(0, 1990);
  await page.getByLabel("Message for the coordinator (optional)").fill(message);
  if (hydrated(info)) {
    // The limit is said, and the counter follows the typing.
    await expect(page.locator("#claim-message-count")).toContainText("1,990 of 2,000 characters");
  }
  await page.getByRole("button", { name: "Send the request" }).click();
  await expect(page.getByTestId("notice")).toContainText("Request sent");

  const admin = await adminSession(browser, info);
  await noSidewaysScroll(admin, ["/en/coordinator", "/de/coordinator"]);
  await admin.goto("/en/coordinator");
  const claim = admin.getByTestId("claims").locator("li").filter({ hasText: email });
  await claim.getByRole("button", { name: "Approve" }).click();
  await expect(admin.getByTestId("notice")).toContainText("Decision saved");

  await page.goto(`/en/c/${slug}/edit`);
  await ready(page, info);
  if (hydrated(info)) await page.getByRole("tab", { name: /English/ }).first().click();
  await page.getByLabel("Who we are (English)").fill(`Our ${COMPOUND} works with ${LONG_URL} every day.`);
  await openPart(page, "general");
  await page.getByLabel("Website").fill(LONG_URL);
  // A double click on "Publish": one version, and no word of another editor.
  await page.getByRole("button", { name: "Publish", exact: true }).dblclick();
  await expect(page.getByTestId("notice")).toContainText("Your changes are published.");
  await expect(page.getByTestId("notice")).not.toContainText("another editor");
  await page.goto(`/en/c/${slug}/history`);
  await expect(page.getByTestId("history").locator(":scope > li")).toHaveCount(1);

  await noSidewaysScroll(page, [`/en/c/${slug}`, `/de/c/${slug}`, `/en/c/${slug}/history`, `/en/c/${slug}/edit`, "/de/account"]);

  if (hydrated(info)) {
    // The connection drops while publishing: the form stays with the edit, says so, and
    // publishes when the connection is back.
    await page.goto(`/en/c/${slug}/edit`);
    await ready(page, info);
    await page.getByRole("tab", { name: /English/ }).first().click();
    await page.getByLabel("Who we are (English)").fill("Written during a blackout.");
    await page.context().setOffline(true);
    await page.getByRole("button", { name: "Publish", exact: true }).click();
    await expect(page.getByTestId("connection-lost")).toContainText("Nothing is lost");
    await expect(page.getByTestId("edit-form")).toBeVisible();
    await expect(page.getByLabel("Who we are (English)")).toHaveValue("Written during a blackout.");
    await page.waitForTimeout(1500);
    await page.context().setOffline(false);
    await expect(page.getByTestId("notice")).toContainText("Your changes are published.", { timeout: 15_000 });
    await expect(page.locator("main")).toContainText("Written during a blackout.");
  }
  await admin.context().close();
});
