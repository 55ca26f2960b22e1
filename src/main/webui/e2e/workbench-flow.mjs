// The workbench end to end in a real browser (Debian's Chromium driven by playwright-core): an analyst changes a
// decision-table cell in the DMN editor and publishes; an approver activates; the API decides with the new version;
// a rollback restores the old outcome; then a new version is rolled out as a canary, compared with the active one,
// ramped and promoted. Run by io.arbiter.it.WorkbenchBrowserIT against the packaged service, or by
// hand: BASE_URL=http://localhost:8080 SCREENSHOTS=/tmp/shots node e2e/workbench-flow.mjs
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";

const BASE = process.env.BASE_URL || "http://localhost:8080";
const SHOTS = process.env.SCREENSHOTS || join(tmpdir(), "workbench-screenshots");
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const SET = "customer-value";
mkdirSync(SHOTS, { recursive: true });

// Value-tier row vt-r01 makes anyone without a purchase for more than 365 days BRONZE; this customer (370 days,
// high lifetime value, likely active) is BRONZE on the shipped version and PLATINUM once the limit is 380 days.
const DORMANT_370 = {
  customerId: "e2e-dormant-370", segment: "RETAIL", country: "DE", joinedOn: "2019-03-01",
  consent: { marketing: true, profiling: true }, recencyDays: 370, frequency12m: 14, monetary12m: 1830.5,
  clv: 70000, pAlive: 0.9, maxDaysPastDue: 0, missedPayments12m: 0, chargebacks12m: 0, complaints90d: 0,
  fraudFlag: false,
};

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
});
const problems = [];
let step = 0;

async function login(user) {
  const context = await browser.newContext({
    httpCredentials: { username: user, password: `${user}-secret` },
    viewport: { width: 1500, height: 1100 },
  });
  const page = await context.newPage();
  page.on("console", (message) => {
    if (/Content.Security.Policy|Refused to/i.test(message.text())) problems.push(`${user}: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`${user}: uncaught ${error.message}`));
  page.on("response", (response) => {
    if (response.url().startsWith(BASE + "/api/") && response.status() >= 500) {
      problems.push(`${user}: ${response.status()} from ${response.url()}`);
    }
  });
  await page.goto(`${BASE}/workbench/?set=${SET}`);
  await page.locator("#user").filter({ hasText: user }).waitFor();
  // the page has opened the active version (its files fetched, the versions table drawn for the last time at start)
  await page.locator("#editing").filter({ hasText: "Editing version" }).waitFor({ timeout: 60000 });
  return page;
}

async function shot(page, name) {
  step += 1;
  const file = join(SHOTS, `${String(step).padStart(2, "0")}-${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  console.log(`screenshot ${file}`);
}

async function decideThroughApi() {
  const response = await fetch(`${BASE}/api/v1/decisions/${SET}/evaluate`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: "Basic " + btoa("channel:channel-secret") },
    body: JSON.stringify({ facts: DORMANT_370 }),
  });
  assert.equal(response.status, 200, "evaluate through the API");
  return response.json();
}

/** Decides a customer through the API as a channel, here the dormant customer under another id. */
async function decideAs(customerId) {
  const response = await fetch(`${BASE}/api/v1/decisions/${SET}/evaluate`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: "Basic " + btoa("channel:channel-secret") },
    body: JSON.stringify({ facts: { ...DORMANT_370, customerId } }),
  });
  assert.equal(response.status, 200, "evaluate through the API");
  return response.json();
}

async function notice(page, pattern) {
  try {
    await page.locator("#notice").filter({ hasText: pattern }).waitFor({ timeout: 30000 });
  } catch (timeout) {
    // say what the page showed instead: a refusal's text names its cause
    const shown = await page.locator("#notice").innerText().catch(() => "(no notice)");
    throw new Error(`waited 30 s for a notice matching ${pattern}; the page shows: ${shown}`, { cause: timeout });
  }
  return page.locator("#notice").innerText();
}

try {
  // The dormant customer is also stored, so that an impact analysis has someone to move
  const stored = await fetch(`${BASE}/api/v1/customers/${DORMANT_370.customerId}`, {
    method: "PUT",
    headers: { "Content-Type": "application/json", Authorization: "Basic " + btoa("channel:channel-secret") },
    body: JSON.stringify(DORMANT_370),
  });
  assert.ok(stored.ok, "store the dormant customer");
  const before = await decideThroughApi();
  assert.equal(before.valueTier, "BRONZE", "the shipped version makes the dormant customer BRONZE");
  const shippedVersion = before.version;

  // --- The analyst edits a decision-table cell in the DMN editor and publishes
  const analyst = await login("analyst");
  assert.equal(await analyst.locator("button.activate").count(), 0, "an analyst is not offered Activate");
  assert.equal(await analyst.locator("#rollback").isVisible(), false, "an analyst is not offered Roll back");
  await analyst.click("#file-tabs [data-file='value-tier.dmn']");
  const editor = analyst.frameLocator("#dmn-host iframe");
  const decision = editor.locator(".react-flow__node").filter({ hasText: "valueTier" }).first();
  await decision.waitFor({ timeout: 60000 });
  await shot(analyst, "analyst-opens-customer-value");
  await decision.click();
  await decision.locator(".kie-dmn-editor--edit-expression-node-panel").click();
  const firstRow = editor.locator("table[role=table] tbody tr").first();
  const recencyCell = firstRow.locator("td").nth(2);
  await recencyCell.waitFor();
  assert.match(await recencyCell.innerText(), /> 365/, "row 1 of the value-tier table is the dormancy rule");
  await recencyCell.dblclick();
  await analyst.keyboard.press("Control+A");
  await analyst.keyboard.type("> 380");
  await analyst.keyboard.press("Enter");
  await recencyCell.filter({ hasText: "> 380" }).waitFor();
  // The editor reports the change asynchronously; Publish is enabled once it has
  await analyst.locator("#publish:not([disabled])").waitFor({ timeout: 10000 });
  await shot(analyst, "analyst-changes-a-cell");

  await analyst.fill("#comment", "Dormant only after 380 days");
  await analyst.click("#publish");
  const published = await notice(analyst, /Published version \d+/);
  const version = Number(published.match(/Published version (\d+)/)[1]);
  assert.match(published, /VALIDATED/, "the edited model passes the validation gate");
  await analyst.locator("#report [data-testid=report-status]").filter({ hasText: "VALIDATED" }).waitFor();
  const reportFiles = await analyst.locator("#report-table tbody tr td:nth-child(2)").allInnerTexts();
  assert.ok(reportFiles.length > 0 && reportFiles.every((f) => /\.(dmn|drl|yaml)$/.test(f)),
    "every report message is pinned to a file: " + reportFiles);
  await shot(analyst, "analyst-publishes-and-sees-the-report");

  // The server refuses what the page does not offer
  const refused = await analyst.evaluate(async ([set, v]) => (await fetch(`/api/v1/decision-sets/${set}/versions/${v}/activate`,
    { method: "POST", headers: { "X-Arbiter-Request": "workbench" } })).status, [SET, version]);
  assert.equal(refused, 403, "the server refuses an analyst's activation");

  // The draft, tried before activation, and its difference from the active version
  await analyst.click("#panels [data-panel=evaluate]");
  await analyst.selectOption("#eval-version", String(version));
  await analyst.check("input[name=eval-mode][value=facts]");
  await analyst.fill("#eval-facts", JSON.stringify(DORMANT_370, null, 2));
  await analyst.click("#evaluate");
  await analyst.locator("[data-testid=value-tier]").filter({ hasText: "PLATINUM" }).waitFor();
  assert.match(await analyst.locator("[data-testid=matched-rows]").first().innerText(), /vt-r03/);
  await shot(analyst, "analyst-evaluates-the-draft");
  await analyst.click("#scenarios");
  const scenarioSummary = await analyst.locator("[data-testid=scenario-summary]").innerText();
  assert.match(scenarioSummary, new RegExp(`Version ${version}: \\d+ passed, 0 failed`), "the draft passes its scenarios");
  await shot(analyst, "analyst-runs-the-scenarios");
  await analyst.click("#panels [data-panel=compare]");
  await analyst.selectOption("#diff-from", String(shippedVersion));
  await analyst.selectOption("#diff-to", String(version));
  await analyst.click("#compare");
  const changed = analyst.locator("[data-testid=changed-row]");
  await changed.first().waitFor();
  assert.equal(await changed.count(), 1, "exactly one table row changed");
  assert.match(await changed.innerText(), /vt-r01[\s\S]*> 380/);
  await shot(analyst, "analyst-compares-with-the-shipped-version");
  assert.equal((await decideThroughApi()).version, shippedVersion, "publishing alone changes no decision");

  // Impact analysis against the active version: the publication started it
  await analyst.click("#panels [data-panel=impact]");
  await analyst.locator("[data-testid=impact-status]").filter({ hasText: "COMPLETED" }).waitFor({ timeout: 120000 });
  const moved = analyst.locator("[data-testid=matrix-valueTier] td.changed-cell");
  assert.equal(await moved.count(), 1, "one tier migration");
  assert.match(await moved.innerText(), /1[\s\S]*e2e-dormant-370/, "the dormant customer would move");
  assert.match(await analyst.locator("[data-testid=impact]").innerText(), /1 would change/);
  await shot(analyst, "analyst-sees-the-impact-against-the-active-version");

  // --- The approver activates
  const approver = await login("approver");
  assert.equal(await approver.locator("#publish").isVisible(), false, "an approver is not offered Publish");
  const row = approver.locator(`#versions tr[data-version="${version}"]`);
  await row.locator("button.activate").click();
  await notice(approver, `Version ${version} is active`);
  await row.locator(".status-ACTIVE").waitFor();
  await shot(approver, "approver-activates");
  const after = await decideThroughApi();
  assert.equal(after.version, version, "the API decides with the activated version");
  assert.equal(after.valueTier, "PLATINUM", "the new version's outcome");

  // --- The approver rolls back
  await approver.click("#rollback");
  await notice(approver, `Rolled back: version ${shippedVersion} is active`);
  await shot(approver, "approver-rolls-back");
  const restored = await decideThroughApi();
  assert.equal(restored.version, shippedVersion, "the rollback restores the shipped version");
  assert.equal(restored.valueTier, "BRONZE", "and its outcome");

  await approver.click("#panels [data-panel=audit]");
  await approver.locator("#audit tbody tr").filter({ hasText: "ROLLBACK" }).waitFor();
  await shot(approver, "approver-reads-the-audit-trail");

  // --- A rule that reaches into the JVM is rejected, and the report points at its line in the DRL editor
  await analyst.click("#panels [data-panel=edit]");
  await analyst.click("#file-tabs [data-file='retention-actions.drl']");
  const drl = analyst.locator("#code-host .cm-content");
  await drl.click();
  await analyst.keyboard.press("Control+End");
  await analyst.keyboard.type('\nrule "Stop the service"\nwhen\nthen\n    System.exit(0);\nend\n');
  await analyst.locator("#code-host .tok-keyword").filter({ hasText: "rule" }).first().waitFor();
  await analyst.fill("#comment", "A rule that must never pass");
  await analyst.click("#publish");
  const rejected = await notice(analyst, /Published version \d+: REJECTED/);
  const pinned = analyst.locator("#report-table tbody tr").filter({ hasText: "retention-actions.drl" }).first();
  const line = Number(await pinned.locator("td:nth-child(4)").innerText());
  assert.ok(line > 1, "the DRL error is pinned to a line: " + rejected);
  await analyst.click("#file-tabs [data-file='customer-value.yaml']");
  await pinned.locator("a").click();
  await analyst.locator("#code-host .cm-activeLine").filter({ hasText: "System.exit" }).waitFor();
  await shot(analyst, "analyst-sees-the-rejected-rule-at-its-line");

  // --- A rejected version keeps its report, not its content: opening it shows the report and says so
  const rejectedVersion = rejected.match(/Published version (\d+)/)[1];
  await analyst.locator(`#versions tr[data-version='${rejectedVersion}'] button`).filter({ hasText: "Open" }).click();
  await notice(analyst, new RegExp(`Version ${rejectedVersion} was rejected: the content of rejected publications is not kept`));
  assert.equal(await analyst.locator("#notice").getAttribute("class"), "info", "a notice, not a failure");
  await analyst.locator("#report [data-testid=report-status]").filter({ hasText: "REJECTED" }).waitFor();
  assert.ok(await analyst.locator("#report-table tbody tr").count() > 0, "the rejected version's report is shown");

  // --- A gradual rollout. Version 2 was active once (it is RETIRED now), so the analyst publishes a new candidate:
  // version 2's files with a comment added to the rules, so the dormant customer is PLATINUM again
  await analyst.locator(`#versions tr[data-version='${version}'] button`).filter({ hasText: "Open" }).click();
  await analyst.locator("#editing").filter({ hasText: `Editing version ${version} ` }).waitFor();
  await analyst.click("#file-tabs [data-file='retention-actions.drl']");
  await analyst.locator("#code-host .cm-content").click();
  await analyst.keyboard.press("Control+End");
  await analyst.keyboard.type("\n// rolled out gradually\n");
  await analyst.locator("#publish:not([disabled])").waitFor({ timeout: 10000 });
  await analyst.fill("#comment", "Canary candidate");
  await analyst.click("#publish");
  const candidateNotice = await notice(analyst, /Published version \d+: VALIDATED/);
  const candidate = Number(candidateNotice.match(/Published version (\d+)/)[1]);
  await shot(analyst, "analyst-publishes-a-canary-candidate");
  await analyst.click("#panels [data-panel=rollout]");
  await analyst.locator("#rollout-panel [data-testid=rollout-status]").filter({ hasText: "No rollout runs" }).waitFor();
  assert.equal(await analyst.locator("#rollout-start").count(), 0, "an analyst is not offered to start a rollout");

  // The approver (not the candidate's author) starts a 50% canary; the page shows the server's refusal first
  await approver.reload();
  await approver.locator("#editing").filter({ hasText: "Editing version" }).waitFor({ timeout: 60000 });
  await approver.click("#panels [data-panel=rollout]");
  await approver.locator("#rollout-start").waitFor();
  assert.deepEqual(await approver.locator("#rollout-version option").allInnerTexts(), [`version ${candidate}`],
    "only the validated version that is not active can be rolled out");
  await approver.selectOption("#rollout-version", String(candidate));
  await approver.selectOption("#rollout-mode", "CANARY");
  await approver.fill("#rollout-percent", "150");
  await approver.click("#rollout-start");
  await notice(approver, /percent/i);
  await approver.fill("#rollout-percent", "50");
  await approver.click("#rollout-start");
  await notice(approver, `Rollout of version ${candidate} started: CANARY`);
  const status = approver.locator("#rollout-panel [data-testid=rollout-status]");
  await status.filter({ hasText: `CANARY: champion v${shippedVersion} vs challenger v${candidate}, 50%` }).waitFor();
  await approver.locator("#rollout-badge").filter({ hasText: `canary of version ${candidate} at 50%` }).waitFor();
  await shot(approver, "approver-starts-a-canary");

  // Channels decide: each customer is split to one arm, the same one every time
  const arms = { champion: 0, challenger: 0 };
  for (let i = 0; i < 80; i++) {
    const decided = await decideAs(`e2e-canary-${i}`);
    assert.ok(decided.arm === "champion" || decided.arm === "challenger", "a decision names its arm: " + decided.arm);
    assert.deepEqual([decided.version, decided.valueTier], decided.arm === "champion"
      ? [shippedVersion, "BRONZE"] : [candidate, "PLATINUM"], `the ${decided.arm}'s outcome`);
    arms[decided.arm] += 1;
  }
  assert.ok(arms.champion > 0 && arms.challenger > 0, "a 50% canary decides with both arms: " + JSON.stringify(arms));
  // Refresh re-reads the comparison (the panel is aria-busy while it does); the counts may trail the answers a little
  const decisionsRow = approver.locator("#rollout-arms tr[data-row=decisions]");
  let shown = [];
  for (let refresh = 0; refresh < 20 && shown.join() !== `${arms.champion},${arms.challenger}`; refresh++) {
    await approver.click("#rollout-refresh");
    await approver.locator("#panel-rollout[aria-busy=false]").waitFor();
    shown = (await decisionsRow.innerText()).trim().split(/\s+/).slice(1).map(Number);
  }
  assert.deepEqual(shown, [arms.champion, arms.challenger], "the comparison counts every decision of each arm");
  const tiers = approver.locator("#rollout-tiers");
  const cell = async (category, arm) => (await tiers.locator(`tr[data-category=${category}] td.arm-${arm}`).innerText()).trim();
  assert.equal(await cell("BRONZE", "champion"), `100% (${arms.champion})`, "the champion keeps the dormant BRONZE");
  assert.equal(await cell("PLATINUM", "challenger"), `100% (${arms.challenger})`, "the challenger makes them PLATINUM");
  assert.equal(await cell("PLATINUM", "champion"), "0% (0)");
  assert.ok(await tiers.locator("tr[data-category=BRONZE] td.arm-champion .bar-champion").isVisible(), "the champion's bar");
  assert.ok(await tiers.locator("tr[data-category=PLATINUM] td.arm-challenger .bar-challenger").isVisible(), "the challenger's bar");
  const psi = approver.locator("#rollout-psi-tier");
  assert.match(await psi.innerText(), /PSI \d+\.\d{3} MAJOR/, "every customer changed tier: a major shift");
  assert.match(await psi.getAttribute("class"), /\bpsi-major\b/);
  await approver.locator("#drift-panel h3").filter({ hasText: "Drift" }).waitFor();
  assert.match(await approver.locator("#drift-panel [data-testid=drift-summary]").innerText(),
    new RegExp(`Version ${shippedVersion}, windows of 1 day`));
  await shot(approver, "approver-compares-champion-and-challenger");

  // Ramped to 100%, the challenger decides everyone; promoted, it is the active version
  await approver.fill("#rollout-percent", "100");
  await approver.click("#rollout-ramp");
  await notice(approver, `Version ${candidate} now decides 100% of customers`);
  await status.filter({ hasText: `challenger v${candidate}, 100%` }).waitFor();
  const ramped = await decideAs("e2e-canary-0");
  assert.deepEqual([ramped.arm, ramped.version, ramped.valueTier], ["challenger", candidate, "PLATINUM"], "ramped to 100%");
  await approver.click("#rollout-promote");
  await notice(approver, `Promoted: version ${candidate} is active`);
  await approver.locator("#active-version").filter({ hasText: `active: version ${candidate}` }).waitFor();
  await approver.locator(`#versions tr[data-version="${candidate}"] .status-ACTIVE`).waitFor();
  await status.filter({ hasText: "No rollout runs" }).waitFor();
  await approver.locator("#rollout-history tr").filter({ hasText: "PROMOTED" }).filter({ hasText: `v${candidate}` }).waitFor();
  assert.equal(await approver.locator("#rollout-badge").isVisible(), false, "no rollout runs any more");
  await shot(approver, "approver-promotes-the-challenger");
  const promoted = await decideThroughApi();
  assert.deepEqual([promoted.version, promoted.valueTier, promoted.arm], [candidate, "PLATINUM", undefined],
    "the promoted version decides every customer, outside any rollout");

  assert.deepEqual(problems, [], "no CSP violation, uncaught error or server error in the pages");
  console.log(`workbench flow passed: version ${version} published, activated and rolled back; version ${candidate} `
    + `rolled out as a canary and promoted`);
} finally {
  await browser.close();
}
