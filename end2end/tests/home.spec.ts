import { test } from "@playwright/test";
import { expect, hydrated, number, ready } from "./helpers";

test("home page shows live counts and the attribution", async ({ page }, info) => {
  await page.goto("/");
  await ready(page, info);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Знайдіть партнера для своєї громади");
  const values = page.getByTestId("stat-value");
  await expect(values).toHaveCount(4);
  expect(number(await values.nth(0).textContent())).toBeGreaterThanOrEqual(1470);
  expect(number(await values.nth(1).textContent())).toBe(24);
  await expect(page.getByRole("contentinfo")).toContainText("GeoNames");
});

test("switching the language changes the page", async ({ page }, info) => {
  await page.goto("/communities?page=3");
  await ready(page, info);
  await page.evaluate(() => ((window as any).__c4cMarker = "still here"));
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Communities of Ukraine");
  await expect(page.getByRole("button", { name: "English" })).toHaveAttribute("aria-pressed", "true");
  await expect(page).toHaveURL(/\/en\/communities\?page=3$/);
  const marker = await page.evaluate(() => (window as any).__c4cMarker ?? null);
  // A form post sets the cookie and the server sends the reader back to the same page in the
  // new language (the interface is rendered by the server, with or without JavaScript).
  expect(marker).toBe(null);
  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Find a partner community in Ukraine");
});

test("unknown addresses get a 404 page", async ({ page }) => {
  const res = await page.goto("/no/such/page");
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Сторінку не знайдено");
  await page.getByRole("link", { name: "На головну" }).click();
  await expect(page).toHaveURL(/\/$/);
});

test("a first visit follows the browser's language, and the language stays in the URL", async ({ browser }, info) => {
  const context = await browser.newContext({ locale: "de-DE", javaScriptEnabled: hydrated(info), baseURL: `http://127.0.0.1:${process.env.E2E_PORT ?? 3100}` });
  const page = await context.newPage();
  await page.goto("/communities");
  await expect(page).toHaveURL(/\/de\/communities$/);
  await expect(page.locator("html")).toHaveAttribute("lang", "de");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Gemeinden der Ukraine");
  await page.getByRole("button", { name: "Svenska" }).click();
  await expect(page).toHaveURL(/\/sv\/communities$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Ukrainas kommuner");
  await page.getByRole("button", { name: "Українська" }).click();
  await expect(page).toHaveURL(/:\d+\/communities$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Громади України");
  await context.close();
});
