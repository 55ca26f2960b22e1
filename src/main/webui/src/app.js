// The analyst workbench: decision sets, versions and audit; edit a version's files (DMN in the KIE DMN editor,
// DRL and YAML in CodeMirror); publish with the validation report; evaluate, compare, activate and roll back; roll
// a version out gradually (canary or shadow) and follow its comparison with the active version and the drift.
// Buttons a role may not use are not offered; the server refuses them anyway.
import { api, apiOk, ApiError } from "./api.js";
import { openCodeEditor } from "./code-editor.js";
import { renderDecision, renderContextDecision, renderScenarioRun } from "./evaluation-view.js";
import { renderTableDiff, renderTextDiff } from "./diff-view.js";
import { renderImpact, RUNNING } from "./impact-view.js";
import { currentRollout, showRollout } from "./rollout-view.js";
import { renderDrift } from "./drift-view.js";
import { el, $, clear } from "./dom.js";

const state = {
  me: { name: "", roles: [] },
  set: null,          // the selected set's summary
  base: null,         // the version whose files are being edited
  files: {},          // file name -> current text
  current: null,      // file shown in an editor
  editor: null,       // that editor: { getContent, close, revealLine? }
  dirty: false,       // some file differs from the version opened
  currentChanged: false, // the file in the editor was changed (unchanged files are published byte for byte)
  impactShown: null,  // the job the Impact panel follows
};

const can = {
  publish: () => state.me.roles.includes("analyst") || state.me.roles.includes("admin"),
  approve: () => state.me.roles.includes("approver") || state.me.roles.includes("admin"),
};

function notify(message, kind = "error") {
  const notice = $("#notice");
  notice.textContent = message;
  notice.className = kind;
  notice.hidden = false;
}

function failure(error) {
  const problem = error instanceof ApiError ? error.problem : null;
  const details = problem?.errors?.map((e) => `${e.pointer}: ${e.message}`).join("; ");
  notify((error.message || String(error)) + (details ? ` (${details})` : ""));
}

async function guarded(action) {
  $("#notice").hidden = true;
  try {
    await action();
  } catch (error) {
    failure(error);
  }
}

async function start() {
  state.me = await apiOk("/me");
  $("#user").textContent = `${state.me.name} (${state.me.roles.join(", ")})`;
  document.querySelectorAll(".analyst").forEach((node) => { node.hidden = !can.publish(); });
  document.querySelectorAll("#panels [role=tab]").forEach((tab) =>
    tab.addEventListener("click", () => showPanel(tab.dataset.panel)));
  $("#publish").addEventListener("click", () => guarded(publish));
  $("#rollback").addEventListener("click", () => guarded(rollback));
  $("#evaluate").addEventListener("click", () => guarded(evaluate));
  $("#scenarios").addEventListener("click", () => guarded(runScenarios));
  $("#compare").addEventListener("click", () => guarded(compare));
  $("#impact").addEventListener("click", () => guarded(impact));
  $("#rollout-refresh").addEventListener("click", () => guarded(loadRollout));
  $("#eval-facts").value = JSON.stringify(SAMPLE_FACTS, null, 2);
  $("#impact-controls").hidden = !can.approve();
  const sets = await apiOk("/decision-sets");
  const list = $("#sets");
  for (const set of sets) {
    list.append(el("li", {}, el("button", { "data-set": set.name, onclick: () => guarded(() => selectSet(set.name)) }, set.name)));
  }
  const wanted = new URLSearchParams(location.search).get("set") || sets[0]?.name;
  if (wanted) await selectSet(wanted);
}

function showPanel(name) {
  document.querySelectorAll("#panels [role=tab]").forEach((tab) =>
    tab.setAttribute("aria-selected", String(tab.dataset.panel === name)));
  document.querySelectorAll(".panel").forEach((panel) => { panel.hidden = panel.id !== "panel-" + name; });
  if (name === "audit") guarded(loadAudit);
  if (name === "rollout") guarded(loadRollout);
}

async function selectSet(name) {
  await refreshSet(name);
  $("#set").hidden = false;
  if (!$("#panel-rollout").hidden) await loadRollout();
  const latestValid = [...state.set.versions].reverse().find((v) => v.status !== "REJECTED");
  const open = state.set.activeVersion ?? latestValid?.version;
  if (open) await openVersion(open);
}

async function refreshSet(name) {
  state.set = await apiOk(`/decision-sets/${encodeURIComponent(name)}`);
  $("#set-title").textContent = state.set.name;
  $("#active-version").textContent = state.set.activeVersion ? `active: version ${state.set.activeVersion}` : "no active version";
  $("#rollback").hidden = !can.approve();
  renderVersions();
  await showRolloutBadge();
  const numbers = state.set.versions.map((v) => v.version).reverse();
  for (const id of ["#eval-version", "#diff-from", "#diff-to", "#impact-version"]) {
    const select = $(id);
    const previous = select.value;
    clear(select);
    numbers.forEach((n) => select.append(el("option", { value: String(n) }, `version ${n}`)));
    if (previous && numbers.includes(Number(previous))) select.value = previous;
  }
  if (!$("#diff-from").dataset.touched && numbers.length > 1) $("#diff-from").value = String(numbers[1]);
}

function renderVersions() {
  const opened = state.set.versions.find((v) => v.version === state.base);
  if (opened) $("#editing").textContent = `Editing version ${opened.version} (${opened.status}); publishing makes a new version.`;
  const body = $("#versions tbody");
  clear(body);
  for (const v of [...state.set.versions].reverse()) {
    const actions = el("td", {});
    actions.append(el("button", { onclick: () => guarded(() => openVersion(v.version)) }, "Open"));
    if (can.approve() && (v.status === "VALIDATED" || v.status === "RETIRED")) {
      actions.append(el("button", { class: "activate", onclick: () => guarded(() => activate(v.version)) }, "Activate"));
    }
    body.append(el("tr", { "data-version": String(v.version), class: v.version === state.base ? "selected" : "" },
      el("td", {}, String(v.version)),
      el("td", { class: "status status-" + v.status }, v.status),
      el("td", {}, v.author),
      el("td", {}, new Date(v.createdAt).toLocaleString()),
      el("td", {}, v.comment || ""),
      actions));
  }
}

async function openVersion(version) {
  const name = state.set.name;
  const detail = await apiOk(`/decision-sets/${name}/versions/${version}`);
  if (!detail.contentKept) {
    // A rejected publication keeps its report, sizes and digests only: show the report, keep the files being edited
    renderReport(detail.report, detail.status, version);
    notify(`Version ${version} was rejected: the content of rejected publications is not kept, only the report `
      + "and each file's size and SHA-256 digest.", "info");
    return;
  }
  if (state.dirty && !confirm("Discard the unpublished changes?")) return;
  const texts = await Promise.all(detail.files.map((file) =>
    apiOk(`/decision-sets/${name}/versions/${version}/files/${encodeURIComponent(file)}`,
      { accept: "text/plain, application/xml" })));
  const files = Object.fromEntries(detail.files.map((file, i) => [file, texts[i]]));
  state.base = version;
  state.files = files;
  state.dirty = false;
  $("#eval-version").value = String(version);
  $("#impact-version").value = String(version);
  renderVersions();
  renderReport(detail.report, detail.status, version);
  followImpact(() => detail.impact);
  const tabs = $("#file-tabs");
  clear(tabs);
  for (const file of detail.files) {
    tabs.append(el("button", { role: "tab", "data-file": file, onclick: () => guarded(() => showFile(file)) }, file));
  }
  closeEditor();
  const first = detail.files.find((f) => f.endsWith(".dmn")) || detail.files[0];
  await showFile(first);
  $("#publish").disabled = true;
}

async function keepEditorContent() {
  if (state.editor && state.current && state.currentChanged) {
    state.files[state.current] = await state.editor.getContent();
  }
}

function closeEditor() {
  if (state.editor) state.editor.close();
  state.editor = null;
  state.current = null;
  state.currentChanged = false;
  clear($("#dmn-host"));
  clear($("#code-host"));
}

function markDirty() {
  state.dirty = true;
  state.currentChanged = true;
  $("#publish").disabled = false;
}

async function showFile(file) {
  if (file === state.current) return state.editor;
  await keepEditorContent();
  closeEditor();
  document.querySelectorAll("#file-tabs [role=tab]").forEach((tab) =>
    tab.setAttribute("aria-selected", String(tab.dataset.file === file)));
  const isDmn = file.endsWith(".dmn");
  $("#dmn-host").hidden = !isDmn;
  $("#code-host").hidden = isDmn;
  state.current = file;
  if (isDmn) {
    const resources = new Map(Object.entries(state.files)
      .filter(([other]) => other !== file && other.endsWith(".dmn"))
      .map(([other, text]) => [other, { contentType: "text", content: Promise.resolve(text) }]));
    const editor = window.DMNEditor.open({
      container: $("#dmn-host"),
      initialContent: Promise.resolve(state.files[file]),
      initialFileNormalizedPosixPathRelativeToTheWorkspaceRoot: file,
      readOnly: !can.publish(),
      resources,
    });
    editor.subscribeToContentChanges((isDirty) => { if (isDirty) markDirty(); });
    state.editor = editor;
  } else {
    state.editor = openCodeEditor($("#code-host"), file, state.files[file], markDirty);
  }
  return state.editor;
}

async function publish() {
  await keepEditorContent();
  const name = state.set.name;
  const result = await api(`/decision-sets/${name}/versions`, {
    method: "POST",
    json: { files: state.files, comment: $("#comment").value },
  });
  if (result.status !== 201 && result.status !== 422) {
    throw new ApiError(result.status, result.body);
  }
  const publication = result.body;
  if (state.editor?.markAsSaved) state.editor.markAsSaved();
  state.dirty = false;
  state.currentChanged = false;
  $("#publish").disabled = true;
  $("#comment").value = "";
  state.base = publication.version;
  await refreshSet(name);
  renderReport(publication.report, publication.status, publication.version);
  followImpact(async () => (await apiOk(`/decision-sets/${name}/versions/${publication.version}`)).impact);
  notify(`Published version ${publication.version}: ${publication.status}`, publication.status === "REJECTED" ? "error" : "info");
}

function renderReport(report, status, version) {
  const host = $("#report");
  clear(host);
  host.append(el("h3", {}, `Validation report of version ${version}: `, el("span", { class: "status-" + status, "data-testid": "report-status" }, status)));
  if (!report.length) {
    host.append(el("p", {}, "No messages."));
    return;
  }
  const table = el("table", { class: "grid", id: "report-table" },
    el("thead", {}, el("tr", {}, ...["Severity", "File", "Element", "Line", "Message"].map((h) => el("th", {}, h)))));
  const body = el("tbody", {});
  for (const entry of report) {
    const where = el("a", { href: "#", onclick: (event) => { event.preventDefault(); guarded(() => reveal(entry)); } }, entry.file || "");
    body.append(el("tr", {},
      el("td", { class: "sev-" + entry.severity }, entry.severity),
      el("td", {}, where),
      el("td", {}, entry.elementId || ""),
      el("td", {}, entry.line == null ? "" : String(entry.line)),
      el("td", {}, entry.text)));
  }
  table.append(body);
  host.append(table);
}

/** Opens the file a message is pinned to, at its line for text files. */
async function reveal(entry) {
  if (!entry.file || !(entry.file in state.files)) return;
  showPanel("edit");
  const editor = await showFile(entry.file);
  if (entry.line != null && editor.revealLine) editor.revealLine(entry.line);
}

async function activate(version) {
  state.set = await apiOk(`/decision-sets/${state.set.name}/versions/${version}/activate`, { method: "POST" });
  await refreshSet(state.set.name);
  notify(`Version ${version} is active`, "info");
}

async function rollback() {
  state.set = await apiOk(`/decision-sets/${state.set.name}/rollback`, { method: "POST" });
  await refreshSet(state.set.name);
  notify(`Rolled back: version ${state.set.activeVersion} is active`, "info");
}

async function evaluate() {
  const version = $("#eval-version").value;
  const mode = document.querySelector("input[name=eval-mode]:checked").value;
  let request;
  if (mode === "customer") {
    request = { customerId: $("#eval-customer").value.trim() };
  } else {
    let parsed;
    try {
      parsed = JSON.parse($("#eval-facts").value);
    } catch (e) {
      throw new Error("The text is not valid JSON: " + e.message);
    }
    request = mode === "facts" ? { facts: parsed } : parsed;
  }
  const result = await apiOk(`/decision-sets/${state.set.name}/versions/${version}/evaluate`, { method: "POST", json: request });
  const host = $("#eval-result");
  clear(host);
  host.append(result.valueTier !== undefined ? renderDecision(result) : renderContextDecision(result));
}

async function runScenarios() {
  const version = $("#eval-version").value;
  const run = await apiOk(`/decision-sets/${state.set.name}/versions/${version}/scenario-runs`, { method: "POST" });
  const host = $("#eval-result");
  clear(host);
  host.append(renderScenarioRun(run));
}

async function compare() {
  const name = state.set.name;
  const from = $("#diff-from").value, to = $("#diff-to").value;
  $("#diff-from").dataset.touched = "1";
  const [tables, before, after] = await Promise.all([
    apiOk(`/decision-sets/${name}/versions/${to}/table-diff?against=${from}`),
    apiOk(`/decision-sets/${name}/versions/${from}`),
    apiOk(`/decision-sets/${name}/versions/${to}`),
  ]);
  const host = $("#diff-result");
  clear(host);
  host.append(el("h3", {}, `Version ${from} to ${to}`), renderTableDiff(tables));
  const textFiles = [...new Set([...before.files, ...after.files])].filter((f) => !f.endsWith(".dmn"));
  const text = (detail, version, file) => detail.files.includes(file)
    ? apiOk(`/decision-sets/${name}/versions/${version}/files/${encodeURIComponent(file)}`, { accept: "text/plain" })
    : Promise.resolve("");
  const texts = await Promise.all(textFiles.map((file) => Promise.all([text(before, from, file), text(after, to, file)])));
  textFiles.forEach((file, i) => host.append(renderTextDiff(file, texts[i][0], texts[i][1])));
}

async function impact() {
  const version = Number($("#impact-version").value);
  await showImpact(await apiOk("/batch-evaluations", {
    method: "POST",
    json: { decisionSet: state.set.name, version, mode: "DRY_RUN", compareTo: state.set.activeVersion },
  }));
}

/** Follows a version's impact analysis in the background: unlike a user action, it leaves the notice alone. */
function followImpact(job) {
  Promise.resolve().then(job).then(showImpact).catch(failure);
}

/** Shows a version's impact analysis in its panel and follows it until it has finished. */
async function showImpact(job) {
  const host = $("#impact-result");
  clear(host);
  state.impactShown = job?.id ?? null;
  if (!job) {
    host.append(el("p", {}, "No impact analysis of this version."));
    return;
  }
  host.append(renderImpact(job));
  // A dry run over every customer takes minutes at most; stop following after an hour
  for (let polls = 0; RUNNING.has(job.status) && polls < 3600; polls++) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    if (state.impactShown !== job.id) return;
    job = await apiOk(`/batch-evaluations/${encodeURIComponent(job.id)}`);
    clear(host);
    host.append(renderImpact(job));
  }
}

/** Says next to the active version whether a rollout runs; a failure to tell leaves it out. */
function showRolloutBadge() {
  const badge = $("#rollout-badge");
  return currentRollout(state.set.name).then((r) => {
    badge.textContent = r ? `rollout: ${r.mode.toLowerCase()} of version ${r.challenger}` + (r.mode === "CANARY" ? ` at ${Number(r.percent)}%` : "") : "";
    badge.hidden = !r;
  }).catch(() => { badge.hidden = true; });
}

async function loadRollout() {
  const name = state.set.name;
  const panel = $("#panel-rollout");
  panel.setAttribute("aria-busy", "true"); // until both are shown
  const context = {
    set: () => state.set,
    canApprove: can.approve(),
    guarded,
    notify,
    changed: async () => { await refreshSet(name); await loadRollout(); },
  };
  try {
    const [, drift] = await Promise.all([
      showRollout($("#rollout-panel"), context),
      apiOk(`/decision-sets/${encodeURIComponent(name)}/drift`),
    ]);
    clear($("#drift-panel"));
    $("#drift-panel").append(renderDrift(drift));
  } finally {
    panel.setAttribute("aria-busy", "false");
  }
}

async function loadAudit() {
  const entries = await apiOk(`/audit?decisionSet=${encodeURIComponent(state.set.name)}`);
  const body = $("#audit tbody");
  clear(body);
  for (const e of entries) {
    body.append(el("tr", {}, el("td", {}, String(e.sequence)), el("td", {}, new Date(e.at).toLocaleString()),
      el("td", {}, e.actor), el("td", {}, e.action), el("td", {}, String(e.version)), el("td", {}, e.detail || "")));
  }
}

const SAMPLE_FACTS = {
  customerId: "what-if-1", segment: "RETAIL", country: "DE", joinedOn: "2019-03-01",
  consent: { marketing: true, profiling: true },
  recencyDays: 12, frequency12m: 14, monetary12m: 1830.5, clv: 5200, pAlive: 0.87,
  maxDaysPastDue: 0, missedPayments12m: 0, chargebacks12m: 0, complaints90d: 2,
  fraudFlag: false, creditUtilization: 0.35, lastContactDays: 40,
};

window.addEventListener("beforeunload", (event) => { if (state.dirty) event.preventDefault(); });
start().catch(failure);
