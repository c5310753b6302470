import { test } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { expect, hydrated, ready } from "./helpers";

const pages = [
  "/",
  "/communities",
  "/communities?page=12",
  "/communities?q=Lviv&oblast=lvivska",
  "/communities?q=Qwzxqwzx",
  "/communities?view=map",
  "/communities?view=map&z=2&at=49.8,24.0",
  "/c/kyiv",
  "/c/lvivska",
  "/c/hoshchanska",
  "/c/hoshchanska/partner",
  "/c/hoshchanska/partner?town=Krak%C3%B3w&country=PL",
  "/en/c/hoshchanska/partner?town=Kraków",
  "/en/c/hoshchanska/partner?place=PL/krakow",
  "/c/hoshchanska/partner?town=Nowhere-on-earth&country=DE&unlisted=1",
  "/requests/0000000000000000000000000000000000000000000000000000000000000000",
  "/privacy",
  "/en/privacy",
  "/partner",
  "/en/partner?place=PL/krakow&attach=lvivska,stryiska",
  "/m/PL/wroclaw",
  "/about",
  "/imprint",
  "/de/imprint",
  "/accessibility",
  "/en/accessibility",
  "/partnerships",
  "/stats",
  "/no/such/page",
  "/en",
  "/en/communities",
  "/en/communities?view=map",
  "/en/c/hoshchanska",
  "/de/c/koriukivska",
  "/account/signup",
  "/account/signin",
  "/en/account/forgot",
  "/en/account/reset?token=x",
  "/en/account/verify?token=x",
  "/account",
];

for (const path of pages) {
  test(`no accessibility violations and no script errors on ${path}`, async ({ page }, info) => {
    // axe-core runs as a script in the page, so it needs JavaScript; the no-js project serves
    // the same server-rendered markup, checked here in the hydrated run.
    test.skip(!hydrated(info), "axe-core needs JavaScript in the page");
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("console", (m) => {
      if (m.type() === "error" && !m.text().includes("404")) errors.push(m.text());
    });
    const res = await page.goto(path);
    // Every inline script must be allowed by its hash: a violation is a console error below.
    expect(res?.headers()["content-security-policy"]).toContain("script-src 'self' 'wasm-unsafe-eval' 'sha256-");
    await ready(page, info);
    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(", ")}`)).toEqual([]);
    // Hydration problems and refused scripts show up as console errors or panics.
    expect(errors).toEqual([]);
  });
}

// On a phone nothing is wider than the screen, in any language (the language switch in
// German once was).
for (const lang of ["", "/en", "/pl", "/de", "/fr", "/sv"]) {
  test(`no sideways scrolling on a phone in ${lang || "/uk"}`, async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 800 });
    for (const path of ["", "/communities", "/c/hoshchanska", "/account/signin", "/c/hoshchanska/partner?place=PL/krakow", "/privacy", "/partner?place=PL/krakow"]) {
      await page.goto(`${lang}${path}` || "/");
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width, `${lang}${path}`).toBeLessThanOrEqual(360);
    }
  });
}

// The navigation marks the page one is on, and only that one, in every language.
test("the navigation marks the current page", async ({ page }) => {
  for (const [path, current] of [
    ["/en/communities", "Communities"],
    ["/de/about", "Über uns"],
    ["/en", "Home"],
    ["/pl", "Strona główna"],
  ]) {
    await page.goto(path);
    const marked = page.getByRole("banner").getByRole("navigation").locator('[aria-current="page"]');
    await expect(marked, path).toHaveCount(1);
    await expect(marked, path).toHaveText(current);
  }
});

test("the editor's code arrives only on the editor page", async ({ page }, info) => {
  test.skip(!hydrated(info), "without JavaScript no WebAssembly is loaded at all");
  const wasm: string[] = [];
  page.on("request", (r) => {
    if (r.url().endsWith(".wasm")) wasm.push(new URL(r.url()).pathname.split("/").pop()!);
  });
  await page.goto("/communities");
  await ready(page, info);
  await page.waitForLoadState("networkidle");
  expect(wasm).toEqual(["cities4cities.wasm"]);
  // The editor is an island of its own: its page fetches its chunk and the island runs
  // (signed out, it asks the reader to sign in).
  await page.goto("/c/hoshchanska/edit");
  await ready(page, info);
  await page.waitForLoadState("networkidle");
  expect(wasm.some((f) => f.startsWith("split_editor_island"))).toBe(true);
  await expect(page.getByRole("link", { name: "Увійти" }).last()).toBeVisible();
});
