// Opens a page in headless Chromium, waits until it is hydrated and the network is quiet, and
// prints the compressed bytes of everything the visit downloaded (HTML, CSS, JS, WASM and any
// lazily loaded chunk), as the browser received them.
// Usage: node scripts/first-load.mjs http://127.0.0.1:3200/communities
import { chromium } from "@playwright/test";

const url = process.argv[2];
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
});
const page = await browser.newPage({ locale: "uk-UA" });
const requests = [];
page.on("requestfinished", (request) => requests.push(request));
await page.goto(url, { waitUntil: "networkidle" });
await page.waitForFunction(() => window.__c4cHydrated === true, null, { timeout: 30_000 });
await page.waitForLoadState("networkidle");

// What a response is, by its name: pages have no extension.
const kind = (path) => {
  const name = path.split("/").pop();
  return name.includes(".") ? name.split(".").pop() : "html";
};
let total = 0;
const rows = [];
for (const request of requests) {
  const sizes = await request.sizes();
  const { pathname } = new URL(request.url());
  total += sizes.responseBodySize;
  rows.push([kind(pathname), sizes.responseBodySize, pathname]);
}
for (const [k, bytes, path] of rows) {
  console.log(`${k.padEnd(8)} ${String(bytes).padStart(10)}  ${path}`);
}
console.log(`${"total".padEnd(8)} ${String(total).padStart(10)}  (aim: under 250 KB = 250000)`);
await browser.close();
