import { expect, Page, TestInfo } from "@playwright/test";

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
