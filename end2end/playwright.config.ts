import { defineConfig } from "@playwright/test";
import * as os from "os";
import * as path from "path";

// The suite runs twice: hydrated (JavaScript on) and server-rendered only (JavaScript off).
const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;
const bin = process.env.C4C_BIN ?? "../target/debug/cities4cities";
const dbDir = process.env.E2E_DB_DIR ?? path.join(os.tmpdir(), `c4c-e2e-${process.pid}`);
// The tests find the mail the server wrote under the same folder, and run the binary's
// commands against the same database.
process.env.E2E_DB_DIR = dbDir;
process.env.C4C_BIN = bin;
const databaseUrl = process.env.E2E_DATABASE_URL ?? `sqlite://${dbDir}/e2e.db`;
process.env.E2E_DATABASE_URL_RESOLVED = databaseUrl;

const chromium = {
  browserName: "chromium" as const,
  locale: "uk-UA",
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
      "--disable-sync",
    ],
  },
};

export default defineConfig({
  testDir: "./tests",
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: [["list"]],
  use: { baseURL, trace: "retain-on-failure" },
  projects: [
    { name: "hydrated", use: { ...chromium, javaScriptEnabled: true } },
    { name: "no-js", use: { ...chromium, javaScriptEnabled: false } },
  ],
  webServer: {
    command: `mkdir -p ${dbDir} && ${bin}`,
    url: `${baseURL}/healthz`,
    timeout: 120_000,
    reuseExistingServer: false,
    env: {
      LEPTOS_SITE_ADDR: `127.0.0.1:${port}`,
      LEPTOS_SITE_ROOT: "../target/site",
      DEMO_CONTENT: "1",
      DATABASE_URL: databaseUrl,
      // No SMTP in the browser tests: mail lands as .eml files here, where the tests read it.
      DATA_DIR: `${dbDir}/data`,
      PUBLIC_URL: baseURL,
      C4C_CONFIG: "../Leptos.toml",
      // One proxy hop: a test that sends X-Forwarded-For is a network of its own (the
      // partnership request limits count per network); the others are 127.0.0.1.
      TRUSTED_PROXIES: "1",
      RUST_LOG: "warn",
    },
  },
});
