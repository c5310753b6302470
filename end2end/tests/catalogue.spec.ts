import { test } from "@playwright/test";
import { expect, number, ready } from "./helpers";

test("the catalogue pages through every community", async ({ page }, info) => {
  await page.goto("/communities");
  await ready(page, info);
  expect(number(await page.getByTestId("catalogue-count").textContent())).toBeGreaterThanOrEqual(1470);
  const rows = page.locator("tbody tr");
  await expect(rows).toHaveCount(50);
  const firstOnPage1 = await rows.first().locator("a").textContent();

  await page.getByRole("link", { name: "Наступна" }).click();
  await expect(page).toHaveURL(/page=2$/);
  await expect(page.getByRole("link", { name: "Сторінка 2" })).toHaveAttribute("aria-current", "page");
  await expect(rows).toHaveCount(50);
  await expect(rows.first().locator("a")).not.toHaveText(firstOnPage1 ?? "");

  await page.getByRole("link", { name: "Сторінка 36" }).click();
  await expect(page).toHaveURL(/page=36$/);
  await expect(page.getByRole("link", { name: "Севастополь" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Наступна" })).toHaveCount(0);

  await page.goBack();
  await expect(page).toHaveURL(/page=2$/);
  await expect(page.getByRole("link", { name: "Сторінка 2" })).toHaveAttribute("aria-current", "page");
});

test("a community page opens from the catalogue", async ({ page }, info) => {
  await page.goto("/communities?page=4");
  await ready(page, info);
  const link = page.locator("tbody tr").nth(7).locator("a");
  const name = (await link.textContent()) ?? "";
  expect(name).toMatch(/громада$/);
  await link.click();
  await expect(page).toHaveURL(/\/c\/[a-z0-9-]+$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
  await expect(page).toHaveTitle(`${name} · Cities4Cities`);
  await expect(page.getByText(/^UA\d{17}$/)).toBeVisible();
  expect(await page.getByTestId("settlements").locator("li").count()).toBeGreaterThan(0);
  await expect(page.getByTestId("coordinates")).toContainText("° N");
});

test("Kyiv and an occupied community", async ({ page }, info) => {
  await page.goto("/c/kyiv");
  await ready(page, info);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Київ");
  await expect(page.getByTestId("settlements")).toContainText("Голосіївський");
  await page.goto("/c/sevastopol");
  await expect(page.getByRole("note")).toContainText("Тимчасово окупована");
  const missing = await page.goto("/c/no-such-community");
  expect(missing?.status()).toBe(404);
});
