import { test, Page } from "@playwright/test";
import { adminSession, confirmAddress, expect, expectAccessible, hydrated, openPart, ready, signUp } from "./helpers";

// Each project works on its own community, so the two runs do not meet.
const COMMUNITY: Record<string, { slug: string; name: string }> = {
  hydrated: { slug: "stryiska", name: "Stryiska" },
  "no-js": { slug: "dubenska", name: "Dubenska" },
};

async function openEditor(page: Page, info: any, slug: string) {
  await page.goto(`/en/c/${slug}/edit`);
  await ready(page, info);
  await expect(page.getByTestId("edit-form")).toBeVisible();
}

/** Writes the English "Who we are" (behind its tab when JavaScript runs). */
async function writeAbout(page: Page, info: any, text: string) {
  await openPart(page, "about");
  if (hydrated(info)) {
    await page.getByRole("tab", { name: /English/ }).first().click();
  }
  await page.getByLabel("Who we are (English)").fill(text);
}

test("claim, approval, editing, a conflict that loses nothing, and a restore", async ({ page, browser }, info) => {
  test.setTimeout(120_000);
  const { slug, name } = COMMUNITY[info.project.name];
  const email = `editor-${info.project.name}-${Date.now()}@example.ua`;
  await signUp(page, info, email);
  await confirmAddress(page, info, email);

  // Ask to edit the community.
  await page.goto(`/en/c/${slug}/claim`);
  await ready(page, info);
  await page.getByLabel("Your position in the community").fill("Head of the international office");
  await page.getByLabel("Evidence").fill(`${email}, office phone +380 32 000 00 00`);
  await expectAccessible(page, info);
  await page.getByRole("button", { name: "Send the request" }).click();
  await expect(page.getByTestId("notice")).toContainText("Request sent");

  // A coordinator (here the admin) approves.
  const admin = await adminSession(browser, info);
  await admin.goto("/en/coordinator");
  await ready(admin, info);
  await expectAccessible(admin, info);
  // The queue beyond claims, and (for administrators) who holds which role.
  await expect(admin.getByRole("heading", { name: "Cards to verify" })).toBeVisible();
  await expect(admin.getByRole("heading", { name: "Partnerships without activity for a year" })).toBeVisible();
  await expect(admin.getByTestId("role-holders").locator("tr").filter({ hasText: "Administrator" }).first()).toContainText("on");
  const claim = admin.getByTestId("claims").locator("li").filter({ hasText: name }).filter({ hasText: email });
  await claim.getByRole("button", { name: "Approve" }).click();
  await expect(admin.getByTestId("notice")).toContainText("Decision saved");

  // The audit log shows the decision; narrowed to the editor's address, only their actions.
  await admin.getByRole("link", { name: "Audit log" }).click();
  await expect(admin).toHaveURL(/\/en\/coordinator\/audit$/);
  await expect(admin.getByTestId("audit")).toContainText("Approved a request to edit");
  await ready(admin, info);
  await expectAccessible(admin, info);
  await admin.getByLabel("Account (address)").fill(email);
  await admin.getByRole("button", { name: "Show" }).click();
  await expect(admin).toHaveURL(/actor=/);
  await expect(admin.getByTestId("audit")).toContainText("Asked to edit a community");
  await expect(admin.getByTestId("audit")).not.toContainText("Approved a request to edit");

  // The editor edits and publishes; the public page and search show it.
  const word = `Quokkafest${info.project.name.replace(/[^a-z]/g, "")}${Date.now() % 100000}`;
  await openEditor(page, info, slug);
  await expectAccessible(page, info);
  await expect(page.getByTestId("completeness-value")).toContainText("% complete");
  await writeAbout(page, info, `Every summer the ${word} fills the market square.`);
  if (hydrated(info)) {
    await expect(page.getByTestId("preview")).toContainText(word);
    // The meter follows the form as one types.
    await expect(page.getByTestId("completeness")).not.toContainText("who we are");
  }
  // The form is in parts that open one at a time: the first is open, the rest say their state.
  await expect(page.getByTestId("part-about")).toHaveAttribute("open", "");
  await expect(page.getByTestId("part-facts")).not.toHaveAttribute("open", "");
  await expect(page.locator("#f-population-value")).toBeHidden();
  await openPart(page, "facts");
  await expect(page.getByTestId("part-about")).not.toHaveAttribute("open", "");
  await page.locator("#f-population-value").fill("not a number");
  if (hydrated(info)) {
    // Checked as one types, in the interface language; the part's summary counts it.
    await expect(page.locator("#f-population-value")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByTestId("part-facts").getByTestId("part-state")).toHaveText("To correct: 1");
  }
  // Refused: the form comes back with the part of the refused field open, and nothing typed lost.
  await openPart(page, "about");
  await page.getByRole("button", { name: "Publish", exact: true }).click();
  await expect(page.getByTestId("form-problems")).toContainText("One field needs correcting");
  await expect(page.getByTestId("part-facts")).toHaveAttribute("open", "");
  await expect(page.locator("#f-population-value")).toBeVisible();
  await expect(page.locator("#f-population-value")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByTestId("part-facts").getByTestId("part-state")).toHaveText("To correct: 1");
  await expectAccessible(page, info);
  await page.locator("#f-population-value").fill("");
  await openPart(page, "about");
  if (hydrated(info)) await page.getByRole("tab", { name: /English/ }).first().click();
  await expect(page.getByLabel("Who we are (English)")).toHaveValue(`Every summer the ${word} fills the market square.`);
  await page.getByRole("button", { name: "Publish", exact: true }).click();
  await expect(page.getByTestId("notice")).toContainText("Your changes are published");
  await expect(page.locator("main")).toContainText(word);
  await openEditor(page, info, slug);
  await expect(page.getByTestId("completeness")).not.toContainText("who we are");
  await page.goto(`/en/communities?q=${word}`);
  await expect(page.locator(`a[href="/en/c/${slug}"]`).first()).toBeVisible();

  // Two browser contexts edit the same card; the second to publish gets a conflict.
  const second = await browser.newContext({ javaScriptEnabled: hydrated(info), locale: "en-GB" });
  await second.addCookies(await page.context().cookies());
  const other = await second.newPage();
  await openEditor(page, info, slug);
  await openEditor(other, info, slug);
  await writeAbout(page, info, "First tab's text.");
  await page.getByRole("button", { name: "Publish", exact: true }).click();
  await expect(page.getByTestId("notice")).toContainText("Your changes are published");
  await writeAbout(other, info, "Second tab's text.");
  await openPart(other, "general");
  await other.getByLabel("Website").fill("https://example.org/stryi");
  await other.getByRole("button", { name: "Publish", exact: true }).click();
  const conflict = other.getByTestId("conflict-form");
  await expect(conflict).toBeVisible();
  await expect(conflict).toContainText("Second tab's text.");
  await expect(conflict).toContainText("First tab's text.");
  // Who published the other version, and when; the conflict said once.
  await expect(other.getByTestId("conflict-who")).toContainText("published by Olena Kovalenko");
  await expect(other.getByText("Someone published a newer version", { exact: false })).toHaveCount(1);
  await expectAccessible(other, info);
  // Keep the other tab's about text, and the second tab's website.
  await conflict.getByRole("radio", { name: "First tab's text." }).check();
  await conflict.getByRole("button", { name: "Publish what is chosen" }).click();
  await expect(other.getByTestId("notice")).toContainText("Your changes are published");
  await expect(other.locator("main")).toContainText("First tab's text.");
  await expect(other.locator('main a[href="https://example.org/stryi"]')).toBeVisible();

  // History: restore the first published version.
  await other.goto(`/en/c/${slug}/history`);
  await ready(other, info);
  const list = other.getByTestId("history").locator(":scope > li");
  await expect(list).toHaveCount(3);
  await expect(other).toHaveTitle(/History of changes: (Stryiska|Dubenska)/);
  await expectAccessible(other, info);
  // Restoring asks first, saying what will change (in words, not codes).
  await list.last().getByRole("link", { name: /Restore version/ }).click();
  const confirm = other.getByTestId("confirm-restore");
  await expect(confirm).toContainText("This is what will change");
  await expect(confirm).toContainText("Website");
  await expectAccessible(other, info);
  await confirm.getByRole("button", { name: /Restore version/ }).click();
  await expect(other.getByTestId("notice")).toContainText("restored as a new one");
  await expect(other.getByTestId("history").locator(":scope > li")).toHaveCount(4);
  await other.goto(`/en/c/${slug}`);
  await expect(other.locator("main")).toContainText(word);

  // Two edits of different fields from the same version are published together.
  await openEditor(page, info, slug);
  await openEditor(other, info, slug);
  await openPart(page, "general");
  await page.getByLabel("Website").fill("https://example.org/merged");
  await page.getByRole("button", { name: "Publish", exact: true }).click();
  await expect(page.getByTestId("notice")).toContainText("Your changes are published");
  await writeAbout(other, info, "Written while the website changed.");
  await other.getByRole("button", { name: "Publish", exact: true }).click();
  await expect(other.getByTestId("notice")).toContainText("together with the changes another editor published");
  await expect(other.locator("main")).toContainText("Written while the website changed.");
  await expect(other.locator('main a[href="https://example.org/merged"]')).toBeVisible();
  // The draft save timed before the publication must not arrive after it (it did, and the
  // next visit to the editor showed a conflict with the version just replaced): wait past
  // its moment, then the editor opens clean below.
  await other.waitForTimeout(1500);

  // Pictures: a script named .jpg is refused by its content; a real picture is published.
  await openEditor(page, info, slug);
  const upload = page.getByTestId("upload-form");
  await upload.getByLabel("File").setInputFiles({ name: "holiday.jpg", mimeType: "image/jpeg", buffer: Buffer.from("<script>alert(1)</script>") });
  await upload.getByLabel("Description for people who cannot see it (English)").fill("Not a picture");
  await upload.getByRole("button", { name: "Upload" }).click();
  await expect(page.getByTestId("upload-status")).toContainText("not a JPEG, PNG or WebP picture");
  const png = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64");
  await page.getByTestId("upload-form").getByLabel("File").setInputFiles({ name: "square.png", mimeType: "image/png", buffer: png });
  await page.getByTestId("upload-form").getByLabel("Description for people who cannot see it (English)").fill("A blue square");
  await page.getByTestId("upload-form").getByRole("button", { name: "Upload" }).click();
  await expect(page.getByTestId("upload-status")).toContainText("The picture is added and published");
  await expect(page.getByTestId("pictures").getByRole("img", { name: "A blue square" })).toBeVisible();
  await page.goto(`/en/c/${slug}`);
  await expect(page.getByTestId("photos").getByRole("img", { name: "A blue square" })).toBeVisible();

  // With JavaScript, edits made while the connection is down survive a reload.
  if (hydrated(info)) {
    await openEditor(page, info, slug);
    await page.context().setOffline(true);
    await writeAbout(page, info, "Written on a train without a connection.");
    await expect(page.getByTestId("autosave")).toContainText("kept in this browser");
    await page.context().setOffline(false);
    await page.reload();
    await ready(page, info);
    await expect(page.getByTestId("notice")).toContainText("restored from this browser");
    await page.getByRole("tab", { name: /English/ }).first().click();
    await expect(page.getByLabel("Who we are (English)")).toHaveValue("Written on a train without a connection.");
  }

  await second.close();
  await admin.context().close();
});
