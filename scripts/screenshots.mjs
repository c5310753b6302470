#!/usr/bin/env node
// Takes the README's screenshots (docs/screenshots/, desktop 1280 px and phone 390 px wide) from a
// running server: `node scripts/screenshots.mjs http://127.0.0.1:3200`. Start the server with
// the demonstration cards (DEMO_CONTENT=1) and the twinnings sample imported
// (`cities4cities partnerships import ../shared/data/twinnings-sample.csv`), as the README says.
import { chromium } from "@playwright/test";
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const base = process.argv[2] ?? "http://127.0.0.1:3200";
const out = join(dirname(fileURLToPath(import.meta.url)), "..", "docs", "screenshots");
const PAGES = [
  ["home", "/en"],
  ["catalogue", "/en/communities"],
  ["map", "/en/communities?view=map"],
  ["card", "/de/c/lvivska"],
  ["shortlist", "/en/shortlist"],
  ["registry", "/sv/partnerships?view=map"],
  ["municipality", "/pl/m/DE/lueneburg"],
];
const SHORTLIST = "hoshchanska.koriukivska.trostianetska-okhtyrskyi";

mkdirSync(out, { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu"],
});
for (const width of [1280, 390]) {
  // The first 1,400 px of a desktop page, 1,700 of a phone's: what a reader sees first.
  const height = width === 390 ? 1700 : 1400;
  const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: 1 });
  await context.addCookies([{ name: "c4c_shortlist", value: SHORTLIST, url: base }]);
  const page = await context.newPage();
  for (const [name, path] of PAGES) {
    await page.goto(base + path, { waitUntil: "networkidle" });
    await page.screenshot({ path: join(out, `${name}-${width}.png`) });
    console.log(`${name}-${width}.png`);
  }
  await context.close();
}
await browser.close();
