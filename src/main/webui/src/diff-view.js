// Shows a version comparison: decision-table rows added, removed or changed (computed by the server from the DMN),
// and a line diff of every other file.
import { diffLines } from "diff";
import { el } from "./dom.js";

function rowCells(row, other) {
  const cells = [...row.inputs, ...row.outputs, row.annotations.join(" ")];
  const before = other ? [...other.inputs, ...other.outputs, other.annotations.join(" ")] : null;
  return cells.map((cell, i) => el("td", { class: before && before[i] !== cell ? "changed-cell" : "" }, cell));
}

export function renderTableDiff(tables) {
  if (!tables.length) return el("p", { "data-testid": "no-table-changes" }, "No decision-table rows differ.");
  return el("div", {}, ...tables.map((t) => {
    const header = el("tr", {}, el("th", {}, ""), el("th", {}, "Row"),
      ...t.inputColumns.map((c) => el("th", {}, c)), ...t.outputColumns.map((c) => el("th", {}, c)), el("th", {}, "Annotation"));
    const body = el("tbody", {});
    t.removed.forEach((r) => body.append(el("tr", { class: "removed" }, el("td", {}, "removed"), el("td", {}, r.id || ""), ...rowCells(r))));
    t.added.forEach((r) => body.append(el("tr", { class: "added" }, el("td", {}, "added"), el("td", {}, r.id || ""), ...rowCells(r))));
    t.changed.forEach((c) => {
      body.append(el("tr", { class: "removed" }, el("td", {}, "before"), el("td", {}, c.before.id || ""), ...rowCells(c.before)));
      body.append(el("tr", { class: "added", "data-testid": "changed-row" }, el("td", {}, "after"), el("td", {}, c.after.id || ""), ...rowCells(c.after, c.before)));
    });
    return el("section", { class: "table-diff" },
      el("h4", {}, `${t.file}: ${t.decision} (${t.added.length} added, ${t.removed.length} removed, ${t.changed.length} changed, ${t.unchanged} unchanged)`),
      el("table", { class: "grid" }, el("thead", {}, header), body));
  }));
}

export function renderTextDiff(file, before, after) {
  const parts = diffLines(before, after);
  const changed = parts.some((p) => p.added || p.removed);
  const pre = el("pre", { class: "diff" });
  for (const part of parts) {
    const lines = part.value.replace(/\n$/, "").split("\n");
    const shown = !part.added && !part.removed && lines.length > 6
      ? [...lines.slice(0, 3), `… ${lines.length - 6} unchanged lines …`, ...lines.slice(-3)] : lines;
    for (const line of shown) {
      const prefix = part.added ? "+ " : part.removed ? "- " : "  ";
      pre.append(el("span", { class: part.added ? "add" : part.removed ? "del" : "" }, prefix + line + "\n"));
    }
  }
  return el("section", {}, el("h4", {}, `${file}${changed ? "" : " (unchanged)"}`), changed ? pre : "");
}
