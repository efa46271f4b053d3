// The planner in headless Chromium: presets, the routing switch and its
// fixes, CIDR errors, zones in the diagram, imports that fail.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";

import {
  codes,
  launch,
  openPlanner,
  output,
  root,
  serve,
  startFrom,
  summary,
} from "./harness.mjs";

const presets = [
  "public-internet",
  "public-private-webserver",
  "private-new-vpc",
  "private-existing-vpc",
];

const cli = process.env.MWAA_PLAN ?? join(root, "target", "debug", "mwaa-plan");

let site;
let browser;

before(async () => {
  site = await serve();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  site?.server.close();
});

function subnetRow(page, index) {
  return page.locator("table.subnets tbody tr").nth(index);
}

for (const preset of presets) {
  test(`the ${preset} preset is ready for MWAA`, async () => {
    const { page, problems } = await openPlanner(browser, site.url);
    await startFrom(page, preset);

    assert.match(await summary(page), /^Ready for MWAA: no errors, 0 warnings/);
    assert.deepEqual(await codes(page, "error"), []);
    await page.screenshot({ path: join(output, `${preset}.png`), fullPage: true });
    assert.deepEqual(problems, []);
  });
}

test("turning internet access off shows the missing endpoints; the fixes clear them", async () => {
  const { page, problems } = await openPlanner(browser, site.url);
  await startFrom(page, "public-internet");

  await page.getByLabel(/Internet access allowed/).uncheck();
  const errors = await codes(page, "error");
  assert.ok(errors.includes("N302"), `endpoint-missing among ${errors}`);
  assert.ok(errors.includes("N301"), `internet route among ${errors}`);
  await page.screenshot({ path: join(output, "private-routing-errors.png"), fullPage: true });

  await page.getByRole("button", { name: "Fix all" }).click();
  assert.match(await summary(page), /^Ready for MWAA/);
  assert.deepEqual(problems, []);
});

test("overlapping subnets are an error that quotes both blocks", async () => {
  const { page } = await openPlanner(browser, site.url);
  await startFrom(page, "private-new-vpc");

  const cidr = subnetRow(page, 1).getByLabel("CIDR block");
  await cidr.fill("10.192.10.128/25");
  await cidr.press("Enter");
  await cidr.blur();

  const message = await page.locator(".finding.error .message").first().innerText();
  assert.match(message, /10\.192\.10\.0\/24/);
  assert.match(message, /10\.192\.10\.128\/25/);
});

test("a CIDR block is checked as it is typed", async () => {
  const { page } = await openPlanner(browser, site.url);
  await startFrom(page, "public-internet");

  const cidr = subnetRow(page, 0).getByLabel("CIDR block");
  await cidr.fill("10.192.10.0/33");
  const problem = subnetRow(page, 0).locator(".field-problem");
  assert.match(await problem.innerText(), /prefix must be 0-32/);
  assert.equal(await cidr.getAttribute("aria-invalid"), "true");
});

test("moving an environment subnet into the other's zone is an error, drawn in one column", async () => {
  const { page } = await openPlanner(browser, site.url);
  await startFrom(page, "private-new-vpc");

  await subnetRow(page, 1).getByLabel("Availability Zone").selectOption("us-east-1a");
  assert.ok((await codes(page, "error")).includes("N102"));

  const zones = await page.locator(".diagram-frame text.zone").allTextContents();
  assert.deepEqual(zones, ["us-east-1a"]);
  const columns = await page
    .locator('.diagram-frame g.subnet > rect')
    .evaluateAll((rects) => [...new Set(rects.map((r) => r.getAttribute("x")))]);
  assert.equal(columns.length, 1);
  await page.screenshot({ path: join(output, "same-zone.png"), fullPage: true });
});

test("clicking a part in the diagram selects it", async () => {
  const { page } = await openPlanner(browser, site.url);
  await startFrom(page, "public-internet");

  await page.locator('.diagram-frame [data-part="nat-2"]').click();
  assert.equal(await page.locator(".selected").innerText(), "Selected: nat-2");

  // A corner of the box, clear of its labels (a click on a label selects
  // the part too, but Playwright only clicks what is on top).
  await page
    .locator('.diagram-frame [data-part="subnet-private-2"] .subnet-box')
    .click({ position: { x: 4, y: 4 } });
  const row = page.locator('table.subnets tr[data-part="subnet-private-2"]');
  assert.match(await row.getAttribute("class"), /selected/);
  assert.ok(await row.isVisible());
});

test("a broken plan file is refused and the plan stays as it was", async () => {
  const { page } = await openPlanner(browser, site.url);
  await startFrom(page, "private-existing-vpc");
  const before = await page.locator("table.subnets tbody tr").count();

  const broken = join(output, "broken-plan.json");
  await writeFile(broken, '{ "format_version": 1, "plan": { "name": ');
  await page.getByLabel("Import plan").setInputFiles(broken);

  const notice = page.locator(".notice.problem");
  await notice.waitFor();
  assert.match(await notice.innerText(), /broken-plan\.json was not imported: line 1/);
  assert.match(await notice.innerText(), /Your plan is unchanged/);
  assert.equal(await page.locator("table.subnets tbody tr").count(), before);
  assert.match(await summary(page), /^Ready for MWAA/);
});

test("the plan survives a reload", async () => {
  const { page } = await openPlanner(browser, site.url);
  await startFrom(page, "private-new-vpc");
  await page.getByLabel("Name", { exact: true }).fill("kept-across-visits");
  await page.getByLabel("Name", { exact: true }).blur();

  await page.reload();
  await page.locator(".summary").waitFor();
  assert.equal(await page.getByLabel("Name", { exact: true }).inputValue(), "kept-across-visits");
});

test("one click restricts the self-referencing rule to 443 and 5432", async () => {
  const { page } = await openPlanner(browser, site.url);
  await startFrom(page, "public-internet");

  await page.getByRole("button", { name: "Restrict to 443 and 5432" }).click();
  const inbound = await page.locator(".group-block ul.rules").first().allInnerTexts();
  assert.match(inbound[0], /TCP 443 with group sg-mwaa/);
  assert.match(inbound[0], /TCP 5432 with group sg-mwaa/);
  assert.match(await summary(page), /^Ready for MWAA/);
});

test("unticking a required endpoint is an error until it is ticked again", async () => {
  const { page } = await openPlanner(browser, site.url);
  await startFrom(page, "private-new-vpc");

  const logs = page.locator("ul.checklist li", { hasText: "logs" }).first().locator("input").first();
  await logs.uncheck();
  assert.ok((await codes(page, "error")).includes("N302"));
  await logs.check();
  assert.match(await summary(page), /^Ready for MWAA/);
});

async function download(page, row) {
  const [file] = await Promise.all([
    page.waitForEvent("download"),
    page.locator(".export-row", { hasText: row }).getByRole("button", { name: "Download" }).click(),
  ]);
  const path = join(output, file.suggestedFilename());
  await file.saveAs(path);
  return path;
}

for (const environment of [false, true]) {
  test(`the downloaded YAML${environment ? " with the environment" : ""} is the command line's export, byte for byte`, async () => {
    const { page } = await openPlanner(browser, site.url);
    await startFrom(page, "private-new-vpc");
    await page.getByLabel("Subnet name").first().fill("dags: \"primary\" #1 \u00e9");
    await page.getByLabel("Subnet name").first().blur();
    if (environment) {
      await page.getByLabel(/Include the MWAA environment/).check();
    }

    const yaml = await readFile(await download(page, "CloudFormation YAML"), "utf8");
    const plan = await download(page, "Plan (JSON)");
    const args = ["export", plan, "--format", "cfn-yaml"];
    if (environment) args.push("--with-environment");
    const exported = execFileSync(cli, args, { encoding: "utf8" });

    assert.ok(yaml.includes("dags: \\\"primary\\\" #1 \u00e9"), "the name reached the template");
    assert.equal(yaml, exported);
  });
}

// Routing and network ACLs, edited in their panels.

function part(page, id) {
  return page.locator(`.editor [data-part="${id}"]`);
}

function aclRules(page, acl, direction) {
  const caption = direction === "inbound" ? "Inbound rules" : "Outbound rules";
  return part(page, acl).getByRole("table", { name: caption });
}

async function addAclRule(page, acl, direction, rule) {
  const rules = aclRules(page, acl, direction);
  await rules.getByLabel(`New ${direction} rule number`).fill(String(rule.number));
  await rules.getByLabel(`New ${direction} rule action`).selectOption(rule.action);
  await rules.getByLabel(`New ${direction} rule protocol`).selectOption(rule.protocol);
  if (rule.ports) {
    await rules.getByLabel(`New ${direction} rule ports`).fill(rule.ports);
  }
  await rules.getByLabel(`New ${direction} rule CIDR block`).fill(rule.cidr);
  await rules.getByRole("button", { name: "Add rule" }).click();
}

async function ruleNumbers(page, acl, direction) {
  return aclRules(page, acl, direction).locator("tbody td.number").allInnerTexts();
}

test("a private route table without its default route is an error until the route is added back", async () => {
  const { page, problems } = await openPlanner(browser, site.url);
  await startFrom(page, "public-internet");
  const table = part(page, "rtb-private-1");

  await table.getByRole("button", { name: "Remove the route for 0.0.0.0/0" }).click();
  assert.ok((await codes(page, "error")).includes("N203"), "nat-missing");
  assert.doesNotMatch(await table.locator("ul.routes").innerText(), /NAT gateway/);

  await table.getByLabel("Destination", { exact: true }).fill("0.0.0.0/0");
  await table.getByLabel("Target", { exact: true }).selectOption({ label: "NAT gateway mwaa-nat-1" });
  await table.getByRole("button", { name: "Add route" }).click();

  const route = table.locator("ul.routes li", { hasText: "0.0.0.0/0" });
  assert.match(await route.innerText(), /NAT gateway mwaa-nat-1/);
  assert.match(await summary(page), /^Ready for MWAA/);
  await page.screenshot({ path: join(output, "routing-panel.png"), fullPage: true });
  assert.deepEqual(problems, []);
});

test("a network ACL rule denying the database is an error until it is removed", async () => {
  const { page, problems } = await openPlanner(browser, site.url);
  await startFrom(page, "public-internet");

  await addAclRule(page, "acl-mwaa", "inbound", {
    number: 50,
    action: "deny",
    protocol: "TCP",
    ports: "5432",
    cidr: "0.0.0.0/0",
  });
  assert.deepEqual(await ruleNumbers(page, "acl-mwaa", "inbound"), ["50", "100", "*"]);
  assert.ok((await codes(page, "error")).includes("N501"), "nacl-blocks-service-ports");
  await page.screenshot({ path: join(output, "network-acl-panel.png"), fullPage: true });

  await aclRules(page, "acl-mwaa", "inbound").getByRole("button", { name: "Remove inbound rule 50" }).click();
  assert.deepEqual(await ruleNumbers(page, "acl-mwaa", "inbound"), ["100", "*"]);
  assert.match(await summary(page), /^Ready for MWAA/);
  assert.deepEqual(problems, []);
});

test("a network ACL rule with a number already used is refused and nothing changes", async () => {
  const { page } = await openPlanner(browser, site.url);
  await startFrom(page, "public-internet");

  await addAclRule(page, "acl-mwaa", "inbound", {
    number: 100,
    action: "deny",
    protocol: "all",
    cidr: "0.0.0.0/0",
  });

  const notice = page.locator(".notice.problem");
  await notice.waitFor();
  assert.match(await notice.innerText(), /'acl-mwaa' already has an inbound rule 100/);
  const beside = aclRules(page, "acl-mwaa", "inbound").locator("tfoot .field-problem").first();
  assert.match(await beside.innerText(), /choose another number/);
  assert.deepEqual(await ruleNumbers(page, "acl-mwaa", "inbound"), ["100", "*"]);
  assert.match(await summary(page), /^Ready for MWAA/);
});

test("a port range is checked as it is typed, its problem beside the field", async () => {
  const { page } = await openPlanner(browser, site.url);
  await startFrom(page, "public-internet");
  const rules = aclRules(page, "acl-mwaa", "outbound");
  const ports = rules.getByLabel("New outbound rule ports");
  const cell = ports.locator("xpath=..");

  await ports.fill("5432-80");
  assert.match(await cell.locator(".field-problem").innerText(), /'5432-80' is not a port range: the first port is above the last/);
  assert.equal(await ports.getAttribute("aria-invalid"), "true");

  await ports.fill("1024-65535");
  assert.equal(await cell.locator(".field-problem").innerText(), "");
  assert.equal(await ports.getAttribute("aria-invalid"), "false");
});

test("security group rules are added and removed; an open port is a warning", async () => {
  const { page } = await openPlanner(browser, site.url);
  await startFrom(page, "public-internet");
  const group = page.locator('.group-block[data-part="sg-mwaa"]');

  await group.getByLabel("New rule ports").fill("22");
  await group.getByLabel("New rule peer").fill("0.0.0.0/0");
  await group.getByRole("button", { name: "Add rule" }).click();
  assert.ok((await codes(page, "warning")).includes("N404"));

  assert.equal(await group.getByLabel("New rule ports").inputValue(), "");

  await group.getByLabel("New rule ports").fill("22");
  await group.getByLabel("New rule peer").fill("0.0.0.0/0");
  await group.getByRole("button", { name: "Add rule" }).click();
  assert.match(await group.locator(".field-problem").innerText(), /already has that inbound rule/);

  await group.getByRole("button", { name: "Remove inbound rule 2" }).click();
  assert.match(await summary(page), /^Ready for MWAA: no errors, 0 warnings/);
});

test("an endpoint's subnets and policy are edited in the checklist", async () => {
  const { page } = await openPlanner(browser, site.url);
  await startFrom(page, "private-new-vpc");
  const sqs = page.locator('ul.checklist li[data-part="vpce-sqs"]');
  await sqs.locator("summary").click();

  await sqs.getByRole("group").getByLabel(/mwaa-private-2/).uncheck();
  assert.ok((await codes(page, "error")).includes("N304"));
  await sqs.getByRole("group").getByLabel(/mwaa-private-2/).check();

  await sqs.getByLabel(/Policy/).fill('{"Statement": [');
  await sqs.getByRole("button", { name: "Apply policy" }).click();
  assert.match(await sqs.locator(".field-problem").innerText(), /not valid JSON: line 1/);
  assert.match(await summary(page), /^Ready for MWAA/);
});

test("the VPC's DNS settings and blocks are edited, with their findings", async () => {
  const { page } = await openPlanner(browser, site.url);
  await startFrom(page, "private-new-vpc");

  await page.getByLabel("DNS host names").uncheck();
  assert.ok((await codes(page, "error")).includes("N303"));
  await page.getByLabel("DNS host names").check();

  const blocks = page.getByLabel(/CIDR blocks/);
  await blocks.fill("10.192.0.0/16, 10.193.0.1/16");
  await blocks.blur();
  const problem = page.locator("fieldset", { hasText: "VPC" }).locator(".field-problem").first();
  assert.match(await problem.innerText(), /did you mean 10\.193\.0\.0\/16/);
  assert.match(await summary(page), /^Ready for MWAA/);
});
