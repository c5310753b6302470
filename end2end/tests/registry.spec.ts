import { test, Page } from "@playwright/test";
import * as path from "path";
import { adminSession, expect, expectAccessible, hydrated, ready } from "./helpers";

// Issue 15, the open registry: a coordinator imports a messy list (dry run, one ambiguous row
// resolved, confirmed), the registry and a partnership's page show it, a joint action is
// added; the statistics. Looked at in English and Ukrainian, at phone and desktop widths.

// This file's requests come from a network of their own (the limits count per network).
test.use({ extraHTTPHeaders: { "X-Forwarded-For": "198.51.100.16" } });

const MESSY = path.join(__dirname, "..", "..", "tests", "fixtures", "twinnings-messy.csv");

async function look(page: Page, info: any, name: string) {
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: info.outputPath(`${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

test("a coordinator imports a list, the registry shows it, a joint action is added", async ({ browser }, info) => {
  test.setTimeout(180_000);
  const admin = await adminSession(browser, info);

  // The upload and its dry run.
  await admin.goto("/en/coordinator/partnerships/import");
  await ready(admin, info);
  await expect(admin.getByRole("heading", { level: 1 })).toHaveText("Import partnerships");
  await expectAccessible(admin, info);
  await look(admin, info, "import-upload");
  await admin.getByLabel("CSV file").setInputFiles(MESSY);
  await admin.getByRole("button", { name: "Check it (dry run)" }).click();
  await expect(admin.getByRole("heading", { level: 1 })).toHaveText("Import dry run");
  await expect(admin.getByTestId("import-summary")).toContainText("twinnings-messy.csv: 8 matched, 1 ambiguous, 5 rejected of 14 rows");
  await expect(admin.getByTestId("import-row")).toHaveCount(14);
  const korets = admin.getByTestId("import-row").filter({ hasText: "Korets Raion" });
  await expect(korets).toContainText("a raion, not a community");
  await expect(admin.getByTestId("import-row").filter({ hasText: "Lviv Oblast" })).toContainText("an oblast, not a community");
  await expectAccessible(admin, info);
  await look(admin, info, "import-dry-run");
  const choice = korets.getByLabel("Choose the community");
  const value = await choice.locator("option", { hasText: "Корецька" }).first().getAttribute("value");
  await choice.selectOption(value!);
  await admin.getByRole("button", { name: "Confirm the import" }).click();
  await expect(admin.getByTestId("notice")).toContainText("the matched rows are in the registry");

  // The registry, filtered and shared by its URL.
  await admin.goto("/en/partnerships?country=PL");
  await ready(admin, info);
  await expect(admin.getByRole("heading", { level: 1 })).toHaveText("Registry of partnerships");
  const item = admin.getByTestId("registry-item").filter({ hasText: "Tarnów" });
  await expect(item).toHaveCount(1);
  await expect(admin.getByTestId("registry-item").filter({ hasText: "Vilnius" })).toHaveCount(0);
  await expect(admin.getByTestId("registry-map")).toBeVisible();
  await expectAccessible(admin, info);
  await item.getByRole("link").click();
  await expect(admin.getByRole("heading", { level: 1 })).toContainText("Tarnów");
  const record = new URL(admin.url()).pathname.replace(/^\/en/, "");
  // (The other project may have added a joint action already: they share the database.)
  await expect(admin.getByRole("heading", { name: "Joint actions" })).toBeVisible();
  await expectAccessible(admin, info);

  // A joint action (coordinators and the community's editors may add one).
  const form = admin.getByTestId("activity-form");
  await form.getByLabel("Date").fill("2026-03-02");
  await form.getByLabel("Kind").selectOption({ label: "Aid delivery" });
  await form.getByLabel("What was done (briefly)").fill(`Generators for the hospital (${info.project.name})`);
  await form.getByLabel("Amount in euros (optional)").fill("12500");
  await form.getByRole("button", { name: "Record it" }).click();
  await expect(admin.getByTestId("notice")).toContainText("The joint action is recorded.");
  await expect(admin.getByTestId("activity").filter({ hasText: `Generators for the hospital (${info.project.name})` })).toContainText("12,500 €");
  await expectAccessible(admin, info);
  await look(admin, info, "partnership");

  // The record in Ukrainian, as a reader without an account sees it (the coordinator's
  // language choice would send an unprefixed address to the English page).
  // (A page of its own context: axe works only in pages of a context the test made.)
  const readerContext = await browser.newContext({
    locale: "uk-UA",
    javaScriptEnabled: hydrated(info),
    extraHTTPHeaders: { "X-Forwarded-For": "198.51.100.16" },
  });
  const reader = await readerContext.newPage();
  await reader.goto(record);
  await expect(reader.getByRole("heading", { name: "Спільні дії" })).toBeVisible();
  await expectAccessible(reader, info);
  await look(reader, info, "partnership-uk");
  await reader.goto("/stats");
  await expect(reader.getByTestId("chart-countries").getByTestId("chart-table")).toContainText("Польща");
  await expectAccessible(reader, info);
  await look(reader, info, "stats-with-data-uk");
  await readerContext.close();

  // Both sides list it.
  await admin.goto("/en/c/bilotserkivska-bilotserkivskyi");
  await expect(admin.getByTestId("side-partnerships")).toContainText("Tarnów");
  await look(admin, info, "card-partnerships");
  await admin.goto("/en/m/pl/tarnow");
  await expect(admin.getByTestId("side-partnerships")).toContainText("Bilotserkivska");
  await expectAccessible(admin, info);
  await look(admin, info, "municipality-partners");

  // The statistics and the home page's counters count it.
  await admin.goto("/en/stats");
  await expect(admin.getByTestId("chart-countries").getByTestId("chart-table")).toContainText("Poland");
  await expectAccessible(admin, info);
  await admin.goto("/de");
  await expect(admin.locator("section[aria-labelledby=registry-counters]")).toBeVisible();
  await expectAccessible(admin, info);
  await look(admin, info, "home-counters-de");
});

test("the registry and the statistics, in Ukrainian, at phone and desktop widths", async ({ page }, info) => {
  for (const [url, heading] of [
    ["/partnerships", "Реєстр партнерств"],
    ["/stats", "Статистика"],
    ["/en/stats", "Statistics"],
  ]) {
    await page.goto(url);
    await ready(page, info);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(heading);
    await expectAccessible(page, info);
    await look(page, info, url.replace(/[^a-z]+/g, "-"));
  }
  await expect(page.getByTestId("chart-funnel").getByTestId("chart-table")).toBeVisible();
});
