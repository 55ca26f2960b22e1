// The Drift section: how the active version's outcomes move over time. Each window's value tiers and risk grades as a
// stacked bar (shares of its decisions, oldest window first), the PSI of the latest window against the baseline, and
// the drift alerts recorded when a PSI entered the major band.
import { el } from "./dom.js";
import { categories, percentText, psiBadge } from "./rollout-view.js";

// The same colour for a tier or grade in every window: tiers and grades by their rank, others by position
const TIERS = ["PLATINUM", "GOLD", "SILVER", "BRONZE"];
const GRADES = ["A", "B", "C", "D", "E"];
const colour = (key, i) => `seg-${[TIERS.indexOf(key), GRADES.indexOf(key), i].find((n) => n >= 0) % 8}`;

function legend(keys) {
  return el("div", { class: "legend" }, ...keys.map((key, i) =>
    el("span", {}, el("span", { class: `swatch ${colour(key, i)}` }), ` ${key}`)));
}

function stacked(id, title, windows, key) {
  const keys = categories(...windows.map((w) => w[key]));
  const rows = windows.map((w) => {
    const bar = el("div", { class: "stack" });
    keys.forEach((category, i) => {
      const count = w[key]?.[category] || 0;
      if (!count) return;
      const share = count / w.decisions;
      const segment = el("span", { class: `seg ${colour(category, i)}`, title: `${category}: ${count} (${percentText(share)})` });
      segment.style.width = `${100 * share}%`;
      bar.append(segment);
    });
    return el("tr", { class: "drift-window", "data-start": w.start },
      el("th", {}, new Date(w.start).toLocaleDateString()), el("td", {}, bar), el("td", {}, `${w.decisions} decisions`));
  });
  return el("section", { class: "chart" }, el("h4", {}, title), legend(keys), el("table", { class: "grid", id }, el("tbody", {}, ...rows)));
}

/** A window's length, given as ISO-8601 ("P1D", "PT6H") or as seconds, in words. */
export function windowText(window) {
  const iso = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?)?$/.exec(String(window));
  const seconds = typeof window === "number" ? window : iso ? 86400 * (iso[1] || 0) + 3600 * (iso[2] || 0) : NaN;
  if (!(seconds > 0)) return String(window);
  const [n, unit] = seconds % 86400 === 0 ? [seconds / 86400, "day"]
    : seconds % 3600 === 0 ? [seconds / 3600, "hour"] : [seconds, "second"];
  return n === 1 ? `1 ${unit}` : `${n} ${unit}s`;
}

export function renderDrift(drift) {
  const baseline = drift.baseline
    ? `Baseline from ${new Date(drift.baseline.start).toLocaleString()}${drift.baseline.pinned ? " (pinned)" : ""}.`
    : "No baseline yet.";
  const windows = (drift.windows || []).filter((w) => w.decisions > 0);
  return el("div", {},
    el("h3", {}, "Drift"),
    el("p", { "data-testid": "drift-summary" },
      `Version ${drift.activeVersion ?? "(none active)"}, windows of ${windowText(drift.window)}. ${baseline}`),
    el("div", { class: "row" }, psiBadge("drift-psi-tier", "Value tier", drift.psi?.valueTier),
      psiBadge("drift-psi-grade", "Risk grade", drift.psi?.riskGrade)),
    ...(drift.alerts?.length ? [el("ul", { id: "drift-alerts" }, ...drift.alerts.map((a) => el("li", { class: "psi-major" },
      `${a.dimension === "valueTier" ? "Value tier" : "Risk grade"} shifted (PSI ${a.psi.toFixed(3)}) in the window from `
      + `${new Date(a.window).toLocaleDateString()} against ${new Date(a.baseline).toLocaleDateString()}, version `
      + `${a.activeVersion}; alert raised ${new Date(a.raisedAt).toLocaleString()}`)))] : []),
    windows.length
      ? el("div", { class: "charts" },
        stacked("drift-tiers", "Value tiers per window", windows, "valueTiers"),
        stacked("drift-grades", "Risk grades per window", windows, "riskGrades"))
      : el("p", {}, "No decisions in the drift windows yet."));
}
