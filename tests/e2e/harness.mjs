// Serves the built app (dist/) on the loopback interface and drives it in
// headless Chromium, for the end-to-end tests.

import { createServer } from "node:http";
import { readFile, mkdir } from "node:fs/promises";
import { extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

export const root = fileURLToPath(new URL("../..", import.meta.url));
export const dist = join(root, "dist");
export const output = join(root, "target", "e2e");

const types = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".wasm": "application/wasm",
  ".css": "text/css",
  ".svg": "image/svg+xml",
};

/** Serves a built site (dist/ unless told) under /planner/, as a GitHub
 * Pages project site would. */
export async function serve(site = dist) {
  const server = createServer(async (request, response) => {
    const path = decodeURIComponent(new URL(request.url, "http://x").pathname);
    if (!path.startsWith("/planner/")) {
      response.writeHead(404).end();
      return;
    }
    const relative = normalize(path.slice("/planner/".length) || "index.html");
    if (relative.startsWith("..")) {
      response.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(join(site, relative));
      const type = types[extname(relative)] ?? "application/octet-stream";
      response.writeHead(200, { "content-type": type }).end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address();
  return { server, url: `http://127.0.0.1:${port}/planner/` };
}

/** Headless Chromium from the system, without its background traffic. */
export async function launch() {
  await mkdir(output, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
    ],
  });
}

/** A fresh page with the planner loaded and its first check shown. */
export async function openPlanner(browser, url) {
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (error) => problems.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(message.text());
  });
  page.on("request", (request) => {
    if (!request.url().startsWith(url) && !request.url().startsWith("blob:")) {
      problems.push(`left the page's origin: ${request.url()}`);
    }
  });
  await page.goto(url);
  await page.locator(".summary").waitFor();
  return { page, problems };
}

/** Starts a new plan from a preset, by its command-line name. */
export async function startFrom(page, preset) {
  await page.getByLabel("Start from").selectOption(preset);
  await page.getByRole("button", { name: "Start", exact: true }).click();
}

/** The text of the findings summary. */
export async function summary(page) {
  return page.locator(".summary").innerText();
}

/** The codes of the shown findings of one severity. */
export async function codes(page, severity) {
  return page.locator(`.finding.${severity} code`).allInnerTexts();
}
