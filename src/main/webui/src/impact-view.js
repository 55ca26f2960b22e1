// Shows a finished impact analysis: each migration matrix (old outcome -> new outcome -> customers) as a table
// with bars, then the job's remaining fields (counts, sample customers) as they are.
import { el } from "./dom.js";

function isMatrix(value) {
  return value && typeof value === "object" && !Array.isArray(value) && Object.keys(value).length > 0
    && Object.values(value).every((row) => row && typeof row === "object" && !Array.isArray(row)
      && Object.values(row).every((n) => typeof n === "number"));
}

function matrixTable(name, matrix) {
  const columns = [...new Set(Object.values(matrix).flatMap((row) => Object.keys(row)))].sort();
  const max = Math.max(1, ...Object.values(matrix).flatMap((row) => Object.values(row)));
  return el("section", {},
    el("h4", {}, `${name}: from (rows) to (columns)`),
    el("table", { class: "grid matrix" },
      el("thead", {}, el("tr", {}, el("th", {}, ""), ...columns.map((c) => el("th", {}, c)))),
      el("tbody", {}, ...Object.keys(matrix).sort().map((from) => el("tr", {}, el("th", {}, from),
        ...columns.map((to) => {
          const n = matrix[from][to] || 0;
          const bar = el("span", { class: "bar" });
          bar.style.width = `${Math.round((60 * n) / max)}px`;
          return el("td", { class: from !== to && n ? "changed-cell" : "" }, bar, ` ${n}`);
        }))))));
}

export function renderImpact(job) {
  const parts = [];
  const rest = {};
  const visit = (object, prefix) => {
    for (const [key, value] of Object.entries(object)) {
      if (isMatrix(value)) parts.push(matrixTable(prefix + key, value));
      else if (value && typeof value === "object" && !Array.isArray(value) && key.toLowerCase().includes("matri")) visit(value, key + " / ");
      else if (!prefix) rest[key] = value;
    }
  };
  visit(job, "");
  return el("div", { "data-testid": "impact" }, ...parts, el("pre", {}, JSON.stringify(rest, null, 2)));
}
