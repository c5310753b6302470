import { test } from "@playwright/test";
import { chooseLueneburg, expect, expectAccessible, fillRequest, hydrated, mailedLink, ready } from "./helpers";

// Issue 14: a European municipality asks a community for a partnership without an account,
// and follows the request through the private link mailed to it.

// This file's requests come from a network of their own (the limits count per network).
test.use({ extraHTTPHeaders: { "X-Forwarded-For": "198.51.100.14" } });

test("a municipality asks for a partnership and follows it through its private link", async ({ page }, info) => {
  const slug = hydrated(info) ? "ternopilska" : "zhytomyrska";
  const email = `twinning-${info.project.name}@lueneburg.example`;
  await page.goto(`/en/c/${slug}`);
  await ready(page, info);
  // The card offers it at its top, and again where a contact would be when it names none.
  await expect(page.getByTestId("contact-ask").getByRole("link", { name: "Request a partnership" })).toBeVisible();
  await page.getByRole("link", { name: "Request a partnership" }).first().click();
  await expect(page).toHaveURL(new RegExp(`/en/c/${slug}/partner$`));
  await expectAccessible(page, info);
  await chooseLueneburg(page);
  await expectAccessible(page, info);
  await fillRequest(page, email);
  // A person takes more than three seconds; the server times the fill from the page's stamp.
  await page.waitForTimeout(3200);
  await page.getByRole("button", { name: "Send the request" }).click();
  await expect(page.getByRole("status").first()).toContainText("Request sent");
  await expect(page.getByLabel("Your name")).toHaveCount(0);

  const link = await mailedLink(email, "/requests/");
  await page.goto(link);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your partnership request");
  await expect(page.getByTestId("pair-stage")).toContainText("New");
  await expect(page.getByTestId("thread")).toContainText("Partnergemeinde für unsere Schulen");
  await expectAccessible(page, info);
  await page.getByLabel("Write to the coordinators and the community").fill("Wann passt ein **Online-Treffen**?");
  await page.getByRole("button", { name: "Send", exact: true }).click();
  await expect(page.getByTestId("thread").locator("strong")).toHaveText("Online-Treffen");

  await page.getByLabel("Why (optional)").fill("Der Rat hat anders entschieden.");
  await page.getByRole("button", { name: "Withdraw the request" }).click();
  await expect(page.getByTestId("pair-stage")).toContainText("Withdrawn");
  await expect(page.locator("main")).toContainText("Der Rat hat anders entschieden.");
  await expect(page.getByLabel("Write to the coordinators and the community")).toHaveCount(0);

  // A link with one character changed opens nothing and says so.
  const wrong = await page.goto(link.replace(/.$/, (c) => (c === "0" ? "1" : "0")));
  expect(wrong?.status()).toBe(404);
  await expect(page.getByTestId("request-unknown")).toBeVisible();
});

test("a robot's speed is refused, a repeat lands on the request one has, and the data can be deleted", async ({ page }, info) => {
  const slug = hydrated(info) ? "lutska" : "kremenetska";
  const email = `repeat-${info.project.name}@lueneburg.example`;
  await page.goto(`/en/c/${slug}/partner`);
  await ready(page, info);
  await chooseLueneburg(page);
  await fillRequest(page, email);
  // Sent at once after the form appeared: refused, with a sentence and the values kept.
  await page.getByRole("button", { name: "Send the request" }).click();
  await expect(page.locator("main")).toContainText("faster than a person can fill it in");
  await expect(page.getByLabel("Your name")).toHaveValue("Anna Schmidt");
  await expect(page.getByLabel("Energy and heating")).toBeChecked();
  await page.waitForTimeout(3200);
  await page.getByLabel(/I agree that the data/).check();
  await page.getByRole("button", { name: "Send the request" }).click();
  await expect(page.getByRole("status").first()).toContainText("Request sent");

  // The same address again: no second request, the link mailed again.
  await page.goto(`/en/c/${slug}/partner`);
  await chooseLueneburg(page);
  await fillRequest(page, email);
  await page.waitForTimeout(3200);
  await page.getByRole("button", { name: "Send the request" }).click();
  await expect(page.getByRole("status").first()).toContainText("already asked this community");

  const link = await mailedLink(email, "/requests/");
  await page.goto(link);
  await page.getByRole("button", { name: "Delete my data now" }).click();
  await expect(page).toHaveURL(/\/en\/privacy\?done=request_forgotten$/);
  await expect(page.getByRole("status").first()).toContainText("Your data has been deleted");
  await expectAccessible(page, info);
  const gone = await page.goto(link);
  expect(gone?.status()).toBe(404);
});

test("a robot's hidden field and a burst from one network are refused with a sentence", async ({ browser }, info) => {
  // A network no other test uses: ten requests an hour are allowed, the eleventh is not.
  const net = hydrated(info) ? "203.0.113.21" : "203.0.113.22";
  const ctx = await browser.newContext({
    javaScriptEnabled: hydrated(info),
    locale: "en-GB",
    extraHTTPHeaders: { "X-Forwarded-For": net },
  });
  const page = await ctx.newPage();
  const slug = hydrated(info) ? "kovelska" : "drohobytska";
  await page.goto(`/en/c/${slug}/partner?place=DE/lueneburg`);
  await ready(page, info);
  await fillRequest(page, `robot-${info.project.name}@spam.example`);
  await page.waitForTimeout(3200);
  // People never see this field; a robot fills it in.
  await page.locator("#ask-website").fill("http://spam.example", { force: true });
  await page.getByRole("button", { name: "Send the request" }).click();
  await expect(page.locator("main")).toContainText("looks filled in by a program");
  await expect(page.getByLabel("Your name")).toHaveValue("Anna Schmidt");

  // Ten requests from this network (each from another address), sent as the form sends them.
  await page.goto(`/en/c/${slug}/partner?place=DE/lueneburg`);
  const stamp = await page.locator('input[name="stamp"]').getAttribute("value");
  await page.waitForTimeout(3200);
  const origin = new URL(page.url()).origin;
  for (let i = 0; i < 10; i++) {
    const r = await page.request.post("/api/ask_partner", {
      headers: { Origin: origin, Referer: page.url() },
      form: {
        slug, place: "DE/lueneburg", contact_name: "Anna Schmidt", contact_role: "Referentin",
        email: `burst-${i}-${info.project.name}@lueneburg.example`, languages: "Deutsch",
        message: "Wir suchen eine Partnergemeinde.", consent: "yes", website: "", stamp: stamp!,
      },
      maxRedirects: 0,
    });
    expect(r.status(), await r.text()).toBeLessThan(400);
  }
  // The eleventh, through the form: refused, with when to try again.
  await fillRequest(page, `burst-last-${info.project.name}@lueneburg.example`);
  await page.getByRole("button", { name: "Send the request" }).click();
  await expect(page.locator("main")).toContainText("Too many attempts. Try again in");
  await expect(page.getByLabel("Your name")).toHaveValue("Anna Schmidt");
  await ctx.close();
});
