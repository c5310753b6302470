import { Browser, expect, Page, TestInfo } from "@playwright/test";
import { execFileSync } from "child_process";
import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";
import AxeBuilder from "@axe-core/playwright";

export const PASSWORD = "sunflower-field-Poltava";


export const hydrated = (info: TestInfo) => info.project.name === "hydrated";

/** With JavaScript on, wait until the WebAssembly bundle has taken over the page. */
export async function ready(page: Page, info: TestInfo) {
  if (hydrated(info)) {
    await page.waitForFunction(() => (window as any).__c4cHydrated === true);
  }
}

/** Reads a number shown with any thousands separator ("1 774", "1,774"). */
export function number(text: string | null): number {
  return Number((text ?? "").replace(/[^\d]/g, ""));
}

export { expect };

/** The newest link with `pathPart` in a mail to `to`, as the server wrote it (no SMTP here). */
export async function mailedLink(to: string, pathPart: string): Promise<string> {
  const dir = path.join(process.env.E2E_DB_DIR!, "data", "outbox");
  for (let i = 0; i < 100; i++) {
    const files = fs.existsSync(dir) ? fs.readdirSync(dir) : [];
    const mails = files
      .map((f) => fs.readFileSync(path.join(dir, f), "utf8"))
      .filter((m) => m.includes(`To: ${to}`));
    for (const m of mails) {
      // Quoted-printable or not, the link is on one line of its own in our plain-text mails.
      const unfolded = m.replace(/=\r?\n/g, "").replace(/=3D/g, "=");
      const found = unfolded.match(new RegExp(`https?://\\S*${pathPart.replace(/[?]/g, "\\?")}[0-9a-f]{64}`));
      if (found) return found[0];
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no mail to ${to} with ${pathPart}`);
}


/** The current six-digit code for a base32 TOTP secret (RFC 6238, SHA-1, 30 s). */
export function totp(secret: string): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = "";
  for (const c of secret.replace(/=+$/, "").toUpperCase()) bits += alphabet.indexOf(c).toString(2).padStart(5, "0");
  const bytes = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8), 2));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 1000 / 30)));
  const h = crypto.createHmac("sha1", Buffer.from(bytes)).update(counter).digest();
  const o = h[19] & 0xf;
  const n = (((h[o] & 0x7f) << 24) | (h[o + 1] << 16) | (h[o + 2] << 8) | h[o + 3]) % 1_000_000;
  return n.toString().padStart(6, "0");
}

/** Signs up on the English page; leaves the browser on the account page. */
export async function signUp(page: Page, info: TestInfo, email: string) {
  await page.goto("/en/account/signup");
  await ready(page, info);
  await page.getByLabel("Your name").fill("Olena Kovalenko");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("New password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByTestId("notice")).toContainText("Your account is ready");
  await expect(page.getByTestId("account-email")).toHaveText(email);
}


/** Confirms the address by the mailed link. */
export async function confirmAddress(page: Page, info: TestInfo, email: string) {
  await page.goto(await mailedLink(email, "/en/account/verify?token="));
  await ready(page, info);
  await page.getByRole("button", { name: "Confirm" }).click();
  await expect(page.getByTestId("notice")).toContainText("Your address is confirmed");
}

/** axe-core's WCAG 2.2 AA violations on the page as it is now (needs JavaScript). */
export async function expectAccessible(page: Page, info: TestInfo) {
  if (!hydrated(info)) return;
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(", ")}`)).toEqual([]);
}

/** An administrator made with the binary's command, signed in with a second factor set up. */
export async function adminSession(browser: Browser, info: any): Promise<Page> {
  const email = `admin-${info.project.name}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@c4c.example`;
  execFileSync(process.env.C4C_BIN!, ["admin", "create", "--email", email, "--name", "Admin"], {
    env: { ...process.env, DATABASE_URL: process.env.E2E_DATABASE_URL_RESOLVED!, C4C_ADMIN_PASSWORD: PASSWORD, RUST_LOG: "warn" },
  });
  const ctx = await browser.newContext({ javaScriptEnabled: hydrated(info), locale: "en-GB" });
  const page = await ctx.newPage();
  await page.goto("/en/account/signin");
  await ready(page, info);
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  // Coordinators and admins must set up a second factor first.
  await expect(page.getByTestId("notice")).toContainText("must use two-factor authentication");
  await page.getByRole("button", { name: "Set it up" }).click();
  const secret = (await page.getByTestId("totp-secret").textContent())!.trim();
  // Ten recovery codes to write down come with it.
  await expect(page.getByTestId("recovery-codes").locator("li")).toHaveCount(10);
  await page.getByLabel("Code from your app (6 digits)").fill(totp(secret));
  await page.getByRole("button", { name: "Turn on" }).click();
  await expect(page.getByTestId("notice")).toContainText("Two-factor authentication is on");
  await expect(page.getByTestId("recovery-left")).toContainText("10 of 10");
  return page;
}

/** Step one: find the municipality in the directory and choose it. */
export async function chooseLueneburg(page: Page) {
  await page.getByLabel("Name of your town or municipality").fill("Lüneburg");
  await page.getByLabel("Country").selectOption("DE");
  await page.getByRole("button", { name: "Find" }).click();
  await page.getByTestId("candidates").getByRole("link", { name: "Lüneburg" }).first().click();
  await expect(page.getByTestId("chosen-municipality")).toContainText("Lüneburg");
}

/** Step two, as a person fills it in. */
export async function fillRequest(page: Page, email: string) {
  await page.getByLabel("Your name").fill("Anna Schmidt");
  await page.getByLabel("Your role").fill("Partnerschaftsbeauftragte");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Languages you write in").fill("Deutsch, English");
  await page.getByLabel("Energy and heating").check();
  await page.getByLabel(/^Your message to the (community|coordinators)/).fill("Wir suchen eine Partnergemeinde für unsere Schulen.");
  await page.getByLabel(/I agree that the data/).check();
}

/** Opens a part of the card's editor (one is open at a time; opening one closes the other). */
export async function openPart(page: Page, part: string) {
  const details = page.getByTestId(`part-${part}`);
  if ((await details.getAttribute("open")) === null) await details.locator("summary").click();
  await expect(details).toHaveAttribute("open", "");
}
