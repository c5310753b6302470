import { test, Browser, Page } from "@playwright/test";
import {
  adminSession,
  confirmAddress,
  expect,
  expectAccessible,
  fillRequest,
  hydrated,
  mailedLink,
  ready,
  signUp,
} from "./helpers";

// Issue 14, the pipeline: a community's editors answer a request, coordinators carry the
// pair to a signed agreement; a general request is shortlisted and introduced to two
// communities, one declines and one accepts.

// This file's requests come from a network of their own (the limits count per network).
test.use({ extraHTTPHeaders: { "X-Forwarded-For": "198.51.100.15" } });

/** Signs `page` up as an editor of each community of `slugs` (claimed, approved by `admin`). */
async function becomeEditor(page: Page, admin: Page, info: any, email: string, slugs: string[]) {
  await signUp(page, info, email);
  await confirmAddress(page, info, email);
  for (const slug of slugs) {
    await page.goto(`/en/c/${slug}/claim`);
    await ready(page, info);
    await page.getByLabel("Your position in the community").fill("International office");
    await page.getByLabel("Evidence").fill(`${email}, office phone +380 32 000 00 00`);
    await page.getByRole("button", { name: "Send the request" }).click();
    await expect(page.getByTestId("notice")).toContainText("Request sent");
  }
  await admin.goto("/en/coordinator");
  await ready(admin, info);
  for (let i = 0; i < slugs.length; i++) {
    await admin.getByTestId("claims").locator("li").filter({ hasText: email }).first().getByRole("button", { name: "Approve" }).click();
    await expect(admin.getByTestId("notice")).toContainText("Decision saved");
  }
}

/** Moves the pair shown in `scope` to the stage labelled `stage` (with a note, and a type). */
async function move(page: Page, scope: ReturnType<Page["getByTestId"]>, stage: string, note = "", kind = "") {
  await scope.getByLabel("New stage").selectOption({ label: stage });
  if (note) await scope.getByLabel("Note").fill(note);
  if (kind) await scope.getByLabel("Type of partnership").selectOption({ label: kind });
  await scope.getByRole("button", { name: "Change the stage" }).click();
  await expect(page.getByTestId("notice")).toContainText("Stage updated");
}

/** Step one with a town no other test asks from (the desk then shows it once). */
async function chooseTown(page: Page, town: string) {
  await page.getByLabel("Name of your town or municipality").fill(town);
  await page.getByLabel("Country").selectOption("DE");
  await page.getByRole("button", { name: "Find" }).click();
  await page.getByTestId("candidates").getByRole("link", { name: town, exact: true }).first().click();
  await expect(page.getByTestId("chosen-municipality")).toContainText(town);
}

async function newSession(browser: Browser, info: any): Promise<Page> {
  const ctx = await browser.newContext({ javaScriptEnabled: hydrated(info), locale: "en-GB" });
  return ctx.newPage();
}

test("an editor answers a request, the requester reads it, a coordinator carries the pair to a signed agreement", async ({ page, browser }, info) => {
  test.setTimeout(180_000);
  const slug = hydrated(info) ? "sambirska" : "brodivska";
  const town = hydrated(info) ? "Celle" : "Uelzen";
  const requester = `pipeline-${info.project.name}@lueneburg.example`;
  const admin = await adminSession(browser, info);
  const editor = await newSession(browser, info);
  await becomeEditor(editor, admin, info, `editor-pipeline-${info.project.name}-${Date.now()}@example.ua`, [slug]);

  // The request.
  await page.goto(`/en/c/${slug}/partner`);
  await ready(page, info);
  await chooseTown(page, town);
  await fillRequest(page, requester);
  await page.waitForTimeout(3200);
  await page.getByRole("button", { name: "Send the request" }).click();
  await expect(page.getByRole("status").first()).toContainText("Request sent");
  const link = await mailedLink(requester, "/requests/");

  // The editor finds it from the account page, answers and accepts.
  await editor.goto("/en/account");
  await ready(editor, info);
  await editor.getByRole("link", { name: "Partnership requests" }).click();
  await expect(editor).toHaveURL(new RegExp(`/en/c/${slug}/requests$`));
  const request = editor.getByTestId("community-request").first();
  await expect(request.getByTestId("request-details")).toContainText(requester);
  await expectAccessible(editor, info);
  await request.getByLabel("Write to the coordinators and the community").fill("Вітаємо! Раді **знайомству**.");
  await request.getByRole("button", { name: "Send", exact: true }).click();
  await expect(editor.getByTestId("notice")).toContainText("sent");
  await move(editor, editor.getByTestId("pair").first(), "Accept (meet)");
  await expect(editor.getByTestId("pair-stage").first()).toContainText("Introduced");

  // The requester reads the answer through the private link.
  await page.goto(link);
  await ready(page, info);
  await expect(page.getByTestId("thread")).toContainText("Раді знайомству");
  await expect(page.getByTestId("pair-stage")).toContainText("Introduced");

  // A coordinator finds it on the desk and carries it to the agreement.
  await admin.goto("/en/coordinator");
  await admin.getByRole("link", { name: "Partnership requests" }).click();
  await expect(admin).toHaveURL(/\/en\/coordinator\/requests$/);
  await ready(admin, info);
  await expectAccessible(admin, info);
  await admin.getByRole("link", { name: "Show as a board by stage" }).click();
  await expect(admin.getByTestId("desk-board")).toBeVisible();
  await expectAccessible(admin, info);
  await admin.getByTestId("desk-board").getByRole("link", { name: town }).first().click();
  await ready(admin, info);
  await expect(admin.getByRole("heading", { level: 1 })).toHaveText(`Request from ${town}`);
  await expectAccessible(admin, info);
  const pair = admin.getByTestId("pair").first();
  await admin.getByLabel("Internal note (only coordinators see it; nobody is mailed)").check();
  await admin.getByLabel("Write to the coordinators and the community").fill("Bürgermeisterin kennt Sambir seit 2019");
  await admin.getByRole("button", { name: "Send", exact: true }).click();
  await expect(admin.locator("[data-internal]")).toContainText("Bürgermeisterin");
  await move(admin, pair, "First meeting");
  await move(admin, pair, "Letter of intent");
  await move(admin, pair, "First joint action");
  // The type is needed to record the agreement.
  await pair.getByLabel("New stage").selectOption({ label: "Agreement signed" });
  await pair.getByRole("button", { name: "Change the stage" }).click();
  await expect(admin.locator("main")).toContainText("Please fill in this field.");
  await move(admin, admin.getByTestId("pair").first(), "Agreement signed", "Signed in the town hall", "Twinning");
  await expect(admin.getByTestId("pair-stage").first()).toContainText("Agreement signed");

  // The requester sees every step, never the internal note.
  await page.goto(link);
  await expect(page.getByTestId("pair-stage")).toContainText("Agreement signed");
  await expect(page.locator("main")).toContainText("Signed in the town hall");
  await expect(page.locator("main")).not.toContainText("Bürgermeisterin");

  // The same pages in Ukrainian: every string translated, no accessibility violations.
  const caseUrl = new URL(admin.url()).pathname.replace(/^\/en/, "");
  for (const [who, path, heading] of [
    [admin, "/coordinator/requests", "Запити про партнерство"],
    [admin, "/coordinator/requests?view=board", "Запити про партнерство"],
    [admin, caseUrl, `Запит від: ${town}`],
    [editor, `/c/${slug}/requests`, "Запити про партнерство: "],
  ] as [Page, string, string][]) {
    // These sessions' browsers prefer English: the reader's earlier choice says Ukrainian.
    await who.context().addCookies([{ name: "i18n_pref_locale", value: "uk", url: new URL(who.url()).origin }]);
    await who.goto(path);
    await ready(who, info);
    await expect(who.getByRole("heading", { level: 1 })).toContainText(heading);
    await expectAccessible(who, info);
    // Looked at by people, at phone and desktop widths (kept with the run's artifacts).
    for (const width of [390, 1280]) {
      await who.setViewportSize({ width, height: 900 });
      const name = path.replace(/[^a-z0-9]+/gi, "-").replace(/^-|-$/g, "").slice(0, 40) || "page";
      await who.screenshot({ path: info.outputPath(`${name}-${width}.png`), fullPage: true });
    }
  }
});

test("a general request is shortlisted, introduced to two communities, one declines and one accepts", async ({ page, browser }, info) => {
  test.setTimeout(180_000);
  const [first, second] = hydrated(info) ? ["yavorivska", "zhovkivska"] : ["mostyska", "rudkivska"];
  const [firstName, secondName] = hydrated(info) ? ["Yavorivska", "Zhovkivska"] : ["Mostyska", "Rudkivska"];
  const requester = `general-${info.project.name}@lueneburg.example`;
  const town = hydrated(info) ? "Görlitz" : "Zittau";
  const admin = await adminSession(browser, info);
  const editor = await newSession(browser, info);
  await becomeEditor(editor, admin, info, `editor-general-${info.project.name}-${Date.now()}@example.ua`, [first, second]);

  // "Find us a partner", from the home page.
  await page.goto("/en");
  await ready(page, info);
  await page.getByRole("link", { name: "Find us a partner" }).first().click();
  await expect(page).toHaveURL(/\/en\/partner$/);
  await expectAccessible(page, info);
  await chooseTown(page, town);
  await fillRequest(page, requester);
  await page.getByLabel("Region").selectOption("lvivska");
  await page.getByLabel("What you can offer").fill("Erfahrung mit Fernwärme");
  await page.getByLabel("Kind of partnership").selectOption("formal");
  await expectAccessible(page, info);
  await page.waitForTimeout(3200);
  await page.getByRole("button", { name: "Send the request" }).click();
  await expect(page.getByRole("status").first()).toContainText("Request sent");

  // The coordinator: the desk, the case pre-filtered from the wishes, two introductions.
  await admin.goto("/en/coordinator/requests?stage=new");
  await ready(admin, info);
  await admin.getByTestId("desk-table").getByRole("link", { name: town }).first().click();
  await ready(admin, info);
  await expect(admin.getByTestId("request-details")).toContainText("Erfahrung mit Fernwärme");
  await expect(admin.getByLabel("Oblast")).toHaveValue("lvivska");
  for (const name of [firstName, secondName]) {
    const shortlist = admin.getByRole("region", { name: "Shortlist communities" });
    await shortlist.getByLabel("Community name").fill(name);
    await shortlist.getByRole("button", { name: "Search", exact: true }).click();
    await admin.getByTestId("shortlist").getByLabel(new RegExp(`^${name}`)).check();
    await admin.getByRole("button", { name: "Introduce the request to the communities ticked" }).click();
    await expect(admin.getByTestId("notice")).toContainText("introduced");
  }
  await expect(admin.getByTestId("pair")).toHaveCount(2);
  await expectAccessible(admin, info);

  // The editor declines one (with a reason) and accepts the other.
  await editor.goto(`/en/c/${first}/requests`);
  await ready(editor, info);
  await move(editor, editor.getByTestId("pair").first(), "Decline", "Wir haben schon drei Partner");
  await editor.goto(`/en/c/${second}/requests`);
  await ready(editor, info);
  await move(editor, editor.getByTestId("pair").first(), "Accept (meet)");

  // The requester sees both answers.
  await page.goto(await mailedLink(requester, "/requests/"));
  await ready(page, info);
  await expect(page.getByTestId("pair")).toHaveCount(2);
  await expect(page.getByTestId("pair").filter({ hasText: firstName })).toContainText("Declined");
  await expect(page.getByTestId("pair").filter({ hasText: firstName })).toContainText("Wir haben schon drei Partner");
  await expect(page.getByTestId("pair").filter({ hasText: secondName })).toContainText("Introduced");
});
