import { test } from "@playwright/test";
import { expect, mailedLink, PASSWORD, ready, signUp } from "./helpers";

test("sign up, confirm by the mailed link, sign out and in again", async ({ page }, info) => {
  const email = `olena-${info.project.name}-${Date.now()}@example.ua`;
  await signUp(page, info, email);
  await expect(page.getByText("Your address is not confirmed yet")).toBeVisible();

  const link = await mailedLink(email, "/en/account/verify?token=");
  await page.goto(link);
  await ready(page, info);
  await page.getByRole("button", { name: "Confirm" }).click();
  await expect(page.getByTestId("notice")).toContainText("Your address is confirmed");
  await expect(page.getByText("Your address is not confirmed yet")).toHaveCount(0);

  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page.getByTestId("signin-link")).toBeVisible();
  await page.goto("/en/account/signin");
  await ready(page, info);
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill("wrong-password-here");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert")).toContainText("Wrong email address or password");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("account-link")).toBeVisible();
});

test("field errors are explained in the interface language and nothing is created", async ({ page }, info) => {
  await page.goto("/account/signup");
  await ready(page, info);
  await page.getByLabel("Ім'я та прізвище").fill("Тарас");
  await page.getByLabel("Електронна пошта").fill("taras@example.ua");
  await page.getByLabel("Новий пароль").fill("password123");
  await page.getByRole("button", { name: "Створити обліковий запис" }).click();
  const field = page.getByLabel("Новий пароль");
  await expect(field).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("Цей пароль надто поширений")).toBeVisible();
});

test("a forgotten password is replaced through the mailed link", async ({ page }, info) => {
  const email = `reset-${info.project.name}-${Date.now()}@example.ua`;
  await signUp(page, info, email);
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await page.goto("/en/account/forgot");
  await ready(page, info);
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Send the link" }).click();
  await expect(page.getByTestId("notice")).toContainText("If this address has an account");
  const link = await mailedLink(email, "/en/account/reset?token=");
  await page.goto(link);
  await ready(page, info);
  await page.getByLabel("New password").fill("new-harvest-Vinnytsia");
  await page.getByRole("button", { name: "Save the password" }).click();
  await expect(page.getByTestId("notice")).toContainText("Your password is changed");
  await expect(page.getByTestId("account-email")).toHaveText(email);
});
