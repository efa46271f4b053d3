// Figures for the web app, measured in headless Chromium (not a test:
// nothing here passes or fails). Run after building both sites:
//
//   trunk build --release
//   (cd bench/minimal-leptos && trunk build --release)
//   node tests/e2e/bench.mjs
//
// It prints the release sizes, the time from navigation to the first
// validated render beside a minimal Leptos page, and the time from an edit
// to the next frame with the findings and diagram updated, for the
// standard plan and a 200-subnet plan.

import { execFileSync } from "node:child_process";
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

import { dist, launch, openPlanner, output, root, serve } from "./harness.mjs";

const RUNS = 21;
const minimalDist = join(root, "target", "minimal-leptos-dist");
const cli = process.env.MWAA_PLAN ?? join(root, "target", "debug", "mwaa-plan");

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function sizes(site) {
  const files = (await readdir(site)).filter((f) => /\.(wasm|js)$/.test(f));
  let raw = 0;
  let gzipped = 0;
  for (const file of files) {
    const body = await readFile(join(site, file));
    raw += body.length;
    gzipped += gzipSync(body, { level: 9 }).length;
  }
  return { raw, gzipped };
}

/** Milliseconds from navigation start to the frame where `selector` shows. */
async function firstRender(browser, url, selector) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(url, { waitUntil: "commit" });
  const at = await page.evaluate(
    (wanted) =>
      new Promise((done) => {
        const look = () =>
          document.querySelector(wanted)
            ? done(performance.now())
            : requestAnimationFrame(look);
        look();
      }),
    selector,
  );
  await context.close();
  return at;
}

/**
 * The medians of the planner's and the minimal page's first renders, the
 * two measured in turns so that whatever else the machine does weighs on
 * both alike.
 */
async function startTimes(browser, plannerUrl, minimalUrl) {
  const planner = [];
  const minimal = [];
  for (let run = 0; run < RUNS; run += 1) {
    planner.push(await firstRender(browser, plannerUrl, ".summary"));
    minimal.push(await firstRender(browser, minimalUrl, "#ready"));
  }
  return { planner: median(planner), minimal: median(minimal) };
}

/**
 * Milliseconds from a CIDR edit to the DOM updated (the findings and the
 * diagram redrawn: the task and its microtasks done), and to the next
 * frame painted; medians. The frame time includes waiting for the display's
 * next refresh, so it is never below the work.
 */
async function editTimes(page) {
  return page.evaluate(async (runs) => {
    const input = document.querySelector("table.subnets tbody tr input.cidr");
    const original = input.value;
    const work = [];
    const frame = [];
    for (let run = 0; run < runs; run += 1) {
      await new Promise((done) => setTimeout(done, 20));
      input.value = run % 2 === 0 ? "10.192.200.0/24" : original;
      const start = performance.now();
      input.dispatchEvent(new Event("change", { bubbles: true }));
      await new Promise((done) => setTimeout(done, 0));
      work.push(performance.now() - start);
      await new Promise((done) => requestAnimationFrame(() => done()));
      frame.push(performance.now() - start);
    }
    const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
    return { work: median(work), frame: median(frame) };
  }, RUNS * 2);
}

/** The public-internet preset grown to `count` subnets of /26. */
function largePlan(count) {
  const text = execFileSync(cli, ["new", "--preset", "public-internet"], {
    encoding: "utf8",
  });
  const file = JSON.parse(text);
  const zones = ["us-east-1a", "us-east-1b", "us-east-1c", "us-east-1d"];
  for (let n = 0; file.plan.subnets.length < count; n += 1) {
    file.plan.subnets.push({
      id: `subnet-extra-${n}`,
      name: `extra-${n}`,
      availability_zone: zones[n % zones.length],
      cidr: `10.192.${100 + Math.floor(n / 4)}.${(n % 4) * 64}/26`,
      route_table: "rtb-public",
      network_acl: "acl-mwaa",
    });
  }
  return JSON.stringify(file);
}

const planner = await serve(dist);
const minimal = await serve(minimalDist);
const browser = await launch();
try {
  const plannerSize = await sizes(dist);
  const minimalSize = await sizes(minimalDist);
  const starts = await startTimes(browser, planner.url, minimal.url);
  const plannerStart = starts.planner;
  const minimalStart = starts.minimal;

  const { page } = await openPlanner(browser, planner.url);
  const standardEdit = await editTimes(page);

  const large = join(output, "plan-200-subnets.json");
  await writeFile(large, largePlan(200));
  await page.getByLabel("Import plan").setInputFiles(large);
  await page.locator("table.subnets tbody tr").nth(199).waitFor();
  const largeEdit = await editTimes(page);

  const kb = (bytes) => `${(bytes / 1000).toFixed(1)} KB`;
  const ms = (value) => `${value.toFixed(1)} ms`;
  console.log(`planner wasm + js: ${kb(plannerSize.raw)} raw, ${kb(plannerSize.gzipped)} gzipped`);
  console.log(`minimal page wasm + js: ${kb(minimalSize.raw)} raw, ${kb(minimalSize.gzipped)} gzipped`);
  console.log(`navigation to first validated render: ${ms(plannerStart)} (median of ${RUNS})`);
  console.log(`navigation to first render, minimal page: ${ms(minimalStart)} (median of ${RUNS})`);
  console.log(`ratio: ${(plannerStart / minimalStart).toFixed(2)}`);
  for (const [label, times] of [["standard plan", standardEdit], ["200 subnets", largeEdit]]) {
    console.log(
      `edit, ${label}: updated in ${ms(times.work)}, next frame at ${ms(times.frame)} (medians of ${RUNS * 2})`,
    );
  }
} finally {
  await browser.close();
  planner.server.close();
  minimal.server.close();
}
