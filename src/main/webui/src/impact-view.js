// Shows an impact analysis (a batch DRY_RUN of a version against the active one): progress, then each migration
// matrix (outcome before -> outcome with the version, customers per cell, with sample customer ids) as a table with
// bars, the actions by type and any errors.
import { el } from "./dom.js";

export function matrix(name, cells, caption = "before (rows) and with this version (columns)", testid = `matrix-${name}`) {
  const from = [...new Set(cells.map((c) => c.from))].sort();
  const to = [...new Set(cells.map((c) => c.to))].sort();
  const max = Math.max(1, ...cells.map((c) => c.count));
  const cell = (f, t) => cells.find((c) => c.from === f && c.to === t);
  return el("section", {},
    el("h4", {}, `${name}: ${caption}`),
    el("table", { class: "grid matrix", "data-testid": testid },
      el("thead", {}, el("tr", {}, el("th", {}, ""), ...to.map((t) => el("th", {}, t)))),
      el("tbody", {}, ...from.map((f) => el("tr", {}, el("th", {}, f), ...to.map((t) => {
        const c = cell(f, t);
        if (!c) return el("td", {}, "");
        const bar = el("span", { class: "bar" });
        bar.style.width = `${Math.round((60 * c.count) / max)}px`;
        return el("td", { class: f !== t ? "changed-cell" : "", title: (c.samples || []).join(", ") },
          bar, ` ${c.count}`, f !== t && c.samples?.length ? el("div", { class: "samples" }, "e.g. " + c.samples.join(", ")) : "");
      }))))));
}

export function renderImpact(job) {
  const progress = job.total ? ` ${job.processed} of ${job.total} customers` : "";
  const parts = [el("p", { "data-testid": "impact-status" },
    `Impact of version ${job.version} against version ${job.compareTo ?? "(latest stored decisions)"}: ${job.status}.${progress}`)];
  const summary = job.summary;
  if (summary) {
    parts.push(el("p", {}, `${summary.decided} decided, ${summary.changed} would change, ${summary.filteredOut} filtered out.`));
    if (summary.valueTier?.length) parts.push(matrix("valueTier", summary.valueTier));
    if (summary.riskGrade?.length) parts.push(matrix("riskGrade", summary.riskGrade));
    const actions = Object.entries(summary.actionsByType || {});
    if (actions.length) {
      parts.push(el("h4", {}, "Actions by type"),
        el("ul", {}, ...actions.map(([type, n]) => el("li", {}, `${type}: ${n}`))));
    }
  }
  if (job.errors?.count) {
    parts.push(el("p", { class: "sev-ERROR" }, `${job.errors.count} customers failed, e.g. ${job.errors.samples.join("; ")}`));
  }
  if (job.failure) parts.push(el("p", { class: "sev-ERROR" }, job.failure));
  return el("div", { "data-testid": "impact" }, ...parts);
}

export const RUNNING = new Set(["QUEUED", "RUNNING"]);
