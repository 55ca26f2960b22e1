// The Rollout panel: a decision set's running canary or shadow rollout of a challenger version against the active
// version (the champion), compared as charts: each arm's value tiers and risk grades as shares of its decisions, the
// tier migration of a shadow rollout, the PSI of each dimension with its band, decisions, failures and actions per
// 1,000. Approvers start a rollout, ramp a canary, promote the challenger or abort; the server enforces the roles.
import { api, apiOk, ApiError } from "./api.js";
import { matrix } from "./impact-view.js";
import { el, clear } from "./dom.js";

const ORDER = ["PLATINUM", "GOLD", "SILVER", "BRONZE", "A", "B", "C", "D", "E"];
const rank = (key) => (ORDER.includes(key) ? ORDER.indexOf(key) : ORDER.length);

/** Categories in their natural order (tiers best first, grades A to E), then any others by name. */
export function categories(...distributions) {
  const keys = new Set(distributions.flatMap((d) => Object.keys(d || {})));
  return [...keys].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

export const percentText = (share) => `${(100 * share).toFixed(share > 0 && share < 0.1 ? 1 : 0)}%`;

/** A PSI with its band (STABLE, MODERATE, MAJOR), or why there is none. */
export function psiBadge(id, label, psi) {
  if (!psi) return el("span", { id, class: "psi" }, `${label}: no PSI yet`);
  return el("span", { id, class: `psi psi-${psi.band.toLowerCase()}`, title: "population stability index" },
    `${label}: PSI ${psi.value.toFixed(3)} `, el("strong", {}, psi.band));
}

const sharePercent = (p) => `${Number(p)}%`;

/** The set's running rollout, or null when none runs. */
export async function currentRollout(set) {
  const result = await api(`/decision-sets/${encodeURIComponent(set)}/rollouts/current`);
  if (result.status === 404) return null;
  if (!result.ok) throw new ApiError(result.status, typeof result.body === "object" ? result.body : null);
  return result.body;
}

/** One dimension of both arms side by side: a bar per category and arm, as a share of that arm's decisions. */
function distribution(id, title, champion, challenger, key) {
  const arms = [["champion", champion], ["challenger", challenger]];
  const rows = categories(champion[key], challenger[key]).map((category) => el("tr", { "data-category": category },
    el("th", {}, category),
    ...arms.map(([arm, a]) => {
      const count = a[key]?.[category] || 0;
      const share = a.decisions ? count / a.decisions : 0;
      const bar = el("span", { class: `bar bar-${arm}` });
      bar.style.width = `${Math.round(160 * share)}px`;
      return el("td", { class: `arm-${arm}`, title: `${count} of ${a.decisions}` }, bar, ` ${percentText(share)} (${count})`);
    })));
  return el("section", { class: "chart" },
    el("h4", {}, title),
    el("table", { class: "grid dist", id },
      el("thead", {}, el("tr", {}, el("th", {}, ""),
        el("th", {}, `champion v${champion.version}`), el("th", {}, `challenger v${challenger.version}`))),
      el("tbody", {}, ...(rows.length ? rows : [el("tr", {}, el("td", { colspan: "3" }, "No decisions yet."))]))));
}

/** Decisions, failures and actions per 1,000 decisions of each arm. */
function arms(champion, challenger) {
  const both = [champion, challenger];
  const actions = categories(champion.actionsPerThousand, challenger.actionsPerThousand);
  const row = (label, cell, key) => el("tr", { "data-row": key }, el("th", {}, label), ...both.map((a, i) =>
    el("td", { class: i ? "arm-challenger" : "arm-champion" }, cell(a))));
  return el("table", { class: "grid arms", id: "rollout-arms" },
    el("thead", {}, el("tr", {}, el("th", {}, ""),
      el("th", {}, `champion v${champion.version}`), el("th", {}, `challenger v${challenger.version}`))),
    el("tbody", {},
      row("Decisions", (a) => String(a.decisions), "decisions"),
      row("Failures", (a) => String(a.failures), "failures"),
      ...actions.map((action) => row(`${action} per 1,000`, (a) => (a.actionsPerThousand?.[action] || 0).toFixed(1)))));
}

export function renderComparison(comparison) {
  const { champion, challenger, psi, migration } = comparison;
  const parts = [
    el("div", { class: "row" }, psiBadge("rollout-psi-tier", "Value tier", psi?.valueTier),
      psiBadge("rollout-psi-grade", "Risk grade", psi?.riskGrade)),
    arms(champion, challenger),
    el("div", { class: "charts" },
      distribution("rollout-tiers", "Value tiers", champion, challenger, "valueTiers"),
      distribution("rollout-grades", "Risk grades", champion, challenger, "riskGrades")),
  ];
  const caption = "champion (rows) and challenger (columns) for the same decisions";
  if (migration?.valueTiers?.length) parts.push(matrix("valueTier", migration.valueTiers, caption, "migration-valueTier"));
  if (migration?.riskGrades?.length) parts.push(matrix("riskGrade", migration.riskGrades, caption, "migration-riskGrade"));
  if (migration && !migration.valueTiers?.length && !migration.riskGrades?.length) {
    parts.push(el("p", {}, "No shadow decisions compared yet."));
  }
  if (comparison.shadowDropped) {
    parts.push(el("p", { class: "sev-WARNING" }, `${comparison.shadowDropped} shadow evaluations were dropped (the challenger fell behind).`));
  }
  return el("div", { id: "rollout-comparison" }, ...parts);
}

function describe(r) {
  const share = r.mode === "CANARY"
    ? `${sharePercent(r.percent)} of customers decided by the challenger`
    : "every customer decided by the champion, and by the challenger in the shadow";
  return `${r.mode}: champion v${r.champion} vs challenger v${r.challenger}, ${share}`;
}

function history(rollouts) {
  const ended = rollouts.filter((r) => r.ending);
  if (!ended.length) return null;
  return el("section", {},
    el("h4", {}, "Earlier rollouts"),
    el("table", { class: "grid", id: "rollout-history" },
      el("thead", {}, el("tr", {}, ...["Mode", "Champion", "Challenger", "Started", "Ended", "How"].map((h) => el("th", {}, h)))),
      el("tbody", {}, ...ended.map((r) => el("tr", {},
        el("td", {}, r.mode), el("td", {}, `v${r.champion}`), el("td", {}, `v${r.challenger}`),
        el("td", {}, `${new Date(r.startedAt).toLocaleString()} by ${r.startedBy}`),
        el("td", {}, `${new Date(r.endedAt).toLocaleString()} by ${r.endedBy}`),
        el("td", {}, r.ending))))));
}

/**
 * Shows the set's rollout in host. ctx: { set() -> the set's summary, canApprove, guarded(action), notify(text,
 * kind), changed() -> reads the set and its rollout again after a change (a promotion changes the active version) }.
 */
export async function showRollout(host, ctx) {
  const name = ctx.set().name;
  const path = `/decision-sets/${encodeURIComponent(name)}/rollouts`;
  const [running, all] = await Promise.all([currentRollout(name), apiOk(path)]);
  clear(host);
  host.append(el("h3", {}, "Rollout"));
  if (!running) {
    host.append(el("p", { "data-testid": "rollout-status" }, "No rollout runs."));
    if (ctx.canApprove) host.append(startForm(path, ctx));
  } else {
    host.append(el("p", { "data-testid": "rollout-status", class: "rollout-running" }, describe(running)),
      el("p", { class: "samples" }, `Started by ${running.startedBy} at ${new Date(running.startedAt).toLocaleString()}`
        + (Date.parse(running.updatedAt) - Date.parse(running.startedAt) >= 1000
          ? `; changed by ${running.updatedBy} at ${new Date(running.updatedAt).toLocaleString()}` : "")));
    if (ctx.canApprove) host.append(controls(path, running, ctx));
    if (running.comparison) host.append(renderComparison(running.comparison));
  }
  const earlier = history(all.rollouts || []);
  if (earlier) host.append(earlier);
}

function startForm(path, ctx) {
  const candidates = ctx.set().versions.filter((v) => v.status === "VALIDATED" && v.version !== ctx.set().activeVersion);
  if (!candidates.length) return el("p", {}, "No validated version to roll out: publish one first.");
  const version = el("select", { id: "rollout-version" },
    ...[...candidates].reverse().map((v) => el("option", { value: String(v.version) }, `version ${v.version}`)));
  const percent = el("input", { id: "rollout-percent", type: "number", min: "0", max: "100", step: "any", value: "10" });
  const percentLabel = el("label", {}, "to ", percent, " %");
  const mode = el("select", { id: "rollout-mode", onchange: () => { percentLabel.hidden = mode.value !== "CANARY"; } },
    el("option", { value: "CANARY" }, "Canary"), el("option", { value: "SHADOW" }, "Shadow"));
  const start = () => ctx.guarded(async () => {
    const json = mode.value === "CANARY"
      ? { version: Number(version.value), mode: "CANARY", percent: Number(percent.value) }
      : { version: Number(version.value), mode: "SHADOW" };
    const rollout = await apiOk(path, { method: "POST", json });
    await ctx.changed();
    ctx.notify(`Rollout of version ${rollout.challenger} started: ${rollout.mode}`, "info");
  });
  return el("div", { class: "row", id: "rollout-form" },
    el("label", {}, "Roll out ", version), el("label", {}, "as ", mode), percentLabel,
    el("button", { id: "rollout-start", onclick: start }, "Start"));
}

function controls(path, running, ctx) {
  const current = `${path}/current`;
  const row = el("div", { class: "row", id: "rollout-controls" });
  if (running.mode === "CANARY") {
    const percent = el("input", { id: "rollout-percent", type: "number", min: "0", max: "100", step: "any",
      value: String(running.percent ?? "") });
    const ramp = () => ctx.guarded(async () => {
      const rollout = await apiOk(current, { method: "PATCH", json: { percent: Number(percent.value) } });
      await ctx.changed();
      ctx.notify(`Version ${rollout.challenger} now decides ${sharePercent(rollout.percent)} of customers`, "info");
    });
    row.append(el("label", {}, "Share ", percent, " %"), el("button", { id: "rollout-ramp", onclick: ramp }, "Ramp"));
  }
  const end = (method, suffix, message) => () => ctx.guarded(async () => {
    const rollout = await apiOk(current + suffix, { method });
    await ctx.changed();
    ctx.notify(message(rollout), "info");
  });
  row.append(
    el("button", { id: "rollout-promote", onclick: end("POST", "/promote",
      (r) => `Promoted: version ${r.challenger} is active`) }, `Promote version ${running.challenger}`),
    el("button", { id: "rollout-abort", onclick: end("DELETE", "",
      (r) => `Rollout aborted: version ${r.champion} decides every customer`) }, "Abort"));
  return row;
}
