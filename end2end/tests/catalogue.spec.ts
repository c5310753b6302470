import { test } from "@playwright/test";
import { chooseLueneburg, expect, expectAccessible, hydrated, number, ready } from "./helpers";

const cards = (page: import("@playwright/test").Page) => page.getByTestId("results").locator("> li");

test("the catalogue pages through every community", async ({ page }, info) => {
  await page.goto("/communities");
  await ready(page, info);
  expect(number(await page.getByTestId("catalogue-count").textContent())).toBe(1774);
  await expect(cards(page)).toHaveCount(50);
  const firstOnPage1 = await cards(page).first().locator("h3 a").textContent();

  await page.getByRole("link", { name: "Наступна" }).click();
  await expect(page).toHaveURL(/page=2$/);
  await expect(page.getByRole("link", { name: "Сторінка 2" })).toHaveAttribute("aria-current", "page");
  await expect(cards(page)).toHaveCount(50);
  await expect(cards(page).first().locator("h3 a")).not.toHaveText(firstOnPage1 ?? "");

  await page.getByRole("link", { name: "Сторінка 36" }).click();
  await expect(page).toHaveURL(/page=36$/);
  await expect(page.getByRole("link", { name: "Севастополь" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Наступна" })).toHaveCount(0);

  await page.goBack();
  await expect(page).toHaveURL(/page=2$/);
  await expect(page.getByRole("link", { name: "Сторінка 2" })).toHaveAttribute("aria-current", "page");
});

test("search by a foreign name, with filters, kept in the URL", async ({ page }, info) => {
  await page.goto("/communities");
  await ready(page, info);
  const box = page.getByLabel("Пошук громади");
  await box.fill("Lemberg");
  if (hydrated(info)) {
    // Typing is enough: the list and the URL follow without a reload.
    await expect(page).toHaveURL(/\?q=Lemberg$/);
    await expect(page.getByTestId("suggestions")).toContainText("Львівська");
  } else {
    await page.getByRole("button", { name: "Шукати" }).click();
    await expect(page).toHaveURL(/\?q=Lemberg/);
  }
  await expect(cards(page)).toHaveCount(1);
  await expect(cards(page).first()).toContainText("Львівська міська громада");

  // A filter narrows the list; the URL holds the whole search.
  await page.goto("/communities?oblast=rivnenska");
  await ready(page, info);
  const total = number(await page.getByTestId("catalogue-count").textContent());
  await page.getByLabel("Тип громади").selectOption("settlement");
  if (!hydrated(info)) await page.getByRole("button", { name: "Шукати" }).click();
  await expect(page).toHaveURL(/oblast=rivnenska/);
  await expect(page).toHaveURL(/kind=settlement/);
  await expect.poll(async () => number(await page.getByTestId("catalogue-count").textContent())).toBeLessThan(total);
  await expect(page.getByRole("link", { name: "Гощанська селищна громада" })).toBeVisible();

  // The link reproduces the search; back returns to the previous one.
  const url = page.url();
  await page.goto(url);
  await expect(page.getByLabel("Тип громади")).toHaveValue("settlement");
  await page.goBack();
  await expect(page).toHaveURL(/oblast=rivnenska$/);
});

test("typos, settlements and an empty result", async ({ page }, info) => {
  await page.goto("/communities?q=Vynnyky");
  await ready(page, info);
  await expect(cards(page).first()).toContainText("Львівська");
  await expect(cards(page).first().getByTestId("via")).toContainText("Винники");
  await page.goto("/communities?q=Qwzxqwzx");
  await expect(page.getByTestId("no-results")).toBeVisible();
  await expect(page.getByTestId("no-results")).toContainText("Перевірте написання");
});

test("a community page opens from the catalogue", async ({ page }, info) => {
  await page.goto("/communities?page=4");
  await ready(page, info);
  const link = cards(page).nth(7).locator("h3 a");
  const name = (await link.textContent()) ?? "";
  expect(name).toMatch(/громада$/);
  await link.click();
  await expect(page).toHaveURL(/\/c\/[a-z0-9-]+$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
  await expect(page).toHaveTitle(`${name} · Cities4Cities`);
  await expect(page.getByText(/^UA\d{17}$/)).toBeVisible();
  expect(await page.getByTestId("settlements").locator("li").count()).toBeGreaterThan(0);
  await expect(page.getByTestId("coordinates")).toContainText("° N");
  await expect(page.getByTestId("profile-incomplete")).toBeVisible();
});

test("a completed business card, shared and printed", async ({ page, context }, info) => {
  await page.goto("/c/hoshchanska");
  await ready(page, info);
  await expect(page.getByRole("heading", { name: "Хто ми" })).toBeVisible();
  await expect(page.getByTestId("projects")).toContainText("Сонячні панелі для ліцею");
  await expect(page.getByTestId("trust")).toContainText("Демонстраційний вміст");
  await expect(page.getByTestId("key-facts")).toContainText("мешканців");
  // Address and QR code wait in the share panel.
  await expect(page.getByTestId("qr")).toBeHidden();
  await page.getByText("Поділитися або надрукувати").click();
  await expect(page.getByTestId("qr")).toBeVisible();
  const og = await page.locator('meta[property="og:image"]').getAttribute("content");
  expect(og).toMatch(/\/c\/hoshchanska\/card\.png\?lang=uk$/);
  const png = await page.request.get("/c/hoshchanska/card.png?lang=uk");
  expect(png.headers()["content-type"]).toBe("image/png");
  const copy = page.getByRole("button", { name: "Копіювати посилання" });
  if (hydrated(info)) {
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await copy.click();
    await expect(page.getByRole("button", { name: "Посилання скопійовано" })).toBeVisible();
  } else {
    // What cannot work without JavaScript is not offered.
    await expect(copy).toBeHidden();
    await expect(page.getByRole("button", { name: "Друкувати картку" })).toBeHidden();
  }
  // The print stylesheet hides navigation and buttons; the card is one A4 page with its
  // address and QR code.
  await page.emulateMedia({ media: "print" });
  await expect(page.getByTestId("share")).toBeHidden();
  await expect(page.getByRole("navigation", { name: "Головне меню" })).toBeHidden();
  await expect(page.getByTestId("printed-address")).toBeVisible();
  const pdf = (await page.pdf({ format: "A4", printBackground: true })).toString("latin1");
  expect(pdf.match(/\/Type\s*\/Page[^s]/g)?.length).toBe(1);
  await page.emulateMedia({ media: "screen" });
  await page.getByRole("link", { name: "Запропонувати партнерство" }).first().click();
  await expect(page).toHaveURL(/\/c\/hoshchanska\/partner$/);
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

test("English pages keep their language in links", async ({ page }, info) => {
  await page.goto("/en/communities?q=Lviv");
  await ready(page, info);
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await cards(page).first().locator("h3 a").click();
  await expect(page).toHaveURL(/\/en\/c\/lvivska$/);
  // Titled by the centre's name as English readers know it, with the official form beside.
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Lviv");
  await expect(page.getByTestId("other-name")).toContainText("Lvivska urban hromada");
  await expect(page).toHaveTitle("Lviv · Lvivska urban hromada · Cities4Cities");
  await expect(page.getByRole("heading", { name: "Who we are" })).toBeVisible();
});

test("the map shows every community, clustered, and zooms in", async ({ page }, info) => {
  await page.goto("/communities");
  await ready(page, info);
  await page.getByRole("link", { name: "Карта" }).click();
  await expect(page).toHaveURL(/view=map/);
  const map = page.getByTestId("map");
  await expect(map).toBeVisible();
  const count = (await page.getByTestId("map-count").textContent()) ?? "";
  expect(count).toMatch(/1\s?774 з 1\s?774/);
  // The country's outline lies under the markers, and on a desktop the oblasts are named.
  await expect(map.locator("img.map-geo")).toHaveAttribute("src", "/map/region.svg");
  expect(await map.locator("img.map-geo").evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  await expect(map.getByTestId("map-region").filter({ hasText: "Львівська" })).toBeVisible();
  const clusters = map.locator("a.map-marker");
  expect(await clusters.count()).toBeGreaterThan(20);
  await clusters.first().click();
  await expect(page).toHaveURL(/z=1/);
  await expect(page.getByRole("link", { name: "Віддалити" }).first()).toBeVisible();
  // Moved with the arrows in the map's corner (links: keyboard, touch, no JavaScript).
  const before = page.url();
  await map.getByRole("link", { name: "Показати східніше" }).click();
  await expect(page).not.toHaveURL(before);
  await expect(page).toHaveURL(/z=1/);
  if (hydrated(info)) {
    // The focused map takes the arrow keys and + / −.
    const east = page.url();
    await map.focus();
    await page.keyboard.press("ArrowLeft");
    await expect(page).not.toHaveURL(east);
    await page.keyboard.press("+");
    await expect(page).toHaveURL(/z=2/);
  }
  // Filters apply to the map as to the list.
  await page.goto("/communities?view=map&situation=frontline");
  await expect(page.getByTestId("map-count")).toContainText("1 з 1");
  await expect(page.getByTestId("map").locator("a.map-marker")).toHaveCount(1);
});

test("near my town, then a shortlist compared side by side and attached to a request", async ({ browser }, info) => {
  test.setTimeout(90_000);
  // A context of its own: the shortlist lives in a cookie.
  const context = await browser.newContext({ javaScriptEnabled: hydrated(info), locale: "en-GB" });
  const page = await context.newPage();
  await page.goto("/en/communities");
  await ready(page, info);
  await page.getByLabel("My town").fill("Kraków");
  await page.getByLabel("My town").press("Enter");
  await expect(page).toHaveURL(/near=Krak/);
  await expect(page.getByTestId("near-town")).toContainText("Nearest to Kraków (Poland) first.");
  await expect(cards(page).first().getByTestId("distance")).toContainText("km away");
  await expect(page.getByLabel("Sort by")).toHaveValue("near");

  // Two of the nearest on the shortlist, each time back to the same results.
  const first = (await cards(page).nth(0).locator("h3 a").textContent())!.trim();
  const second = (await cards(page).nth(1).locator("h3 a").textContent())!.trim();
  await cards(page).nth(0).getByRole("button", { name: /Add to shortlist/ }).click();
  await expect(page).toHaveURL(/\/en\/shortlist\?back=/);
  await expect(page.getByTestId("shortlist")).toContainText(first);
  await page.getByTestId("shortlist-back").click();
  await expect(page).toHaveURL(/near=Krak/);
  await ready(page, info);
  await cards(page).nth(1).getByRole("button", { name: /Add to shortlist/ }).click();
  const columns = page.getByTestId("shortlist").locator("thead th");
  await expect(columns).toHaveCount(2);
  await expect(columns.nth(1)).toContainText(second);
  await expect(page.getByTestId("shortlist")).toContainText("Kind and population");
  await expectAccessible(page, info);
  // Side by side on a phone too: the table scrolls inside its box, the page does not.
  await page.setViewportSize({ width: 390, height: 800 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.setViewportSize({ width: 1280, height: 800 });

  // One taken off; one added from its card.
  await page.getByRole("button", { name: `Remove: ${first}` }).click();
  await expect(columns).toHaveCount(1);
  await page.goto("/en/c/hoshchanska");
  await ready(page, info);
  await page.getByRole("button", { name: /Add to shortlist/ }).click();
  await expect(columns).toHaveCount(2);
  await expect(columns.nth(1)).toContainText("Hoshcha");

  // All of them attached to a request to the coordinators.
  await page.getByTestId("shortlist-ask-all").click();
  await expect(page).toHaveURL(/\/en\/partner\?attach=/);
  await ready(page, info);
  await chooseLueneburg(page);
  // The request names communities without their kind ("Khyrivska", not "Khyrivska urban hromada").
  await expect(page.getByRole("checkbox", { name: new RegExp(second.split(" ")[0]) })).toBeChecked();
  await expect(page.getByRole("checkbox", { name: /Hoshcha/ })).toBeChecked();
  await context.close();
});
