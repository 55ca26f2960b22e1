// Shows an evaluation: the outcome, the matched decision-table rows with their annotations, and the fired rules.
import { el } from "./dom.js";

function explanation(explained) {
  const rows = (explained?.decisions || []).map((d) => el("tr", {},
    el("td", {}, d.model), el("td", {}, d.decision),
    el("td", { "data-testid": "matched-rows" }, (d.matchedRules || []).join(", ")),
    el("td", {}, (d.annotations || []).join(" "))));
  return [
    el("h4", {}, "Matched rows"),
    el("table", { class: "grid" },
      el("thead", {}, el("tr", {}, ...["Model", "Decision", "Rows", "Why"].map((h) => el("th", {}, h)))),
      el("tbody", {}, ...rows)),
    el("h4", {}, "Rules fired"),
    el("ul", { "data-testid": "rules-fired" }, ...(explained?.rulesFired || []).map((r) => el("li", {}, r))),
  ];
}

export function renderDecision(decision) {
  const actions = (decision.actions || []).map((a) => el("tr", {},
    el("td", {}, a.code), el("td", {}, a.type), el("td", {}, a.channel), el("td", {}, String(a.priority)), el("td", {}, a.reason)));
  return el("div", { class: "evaluation" },
    el("p", {}, `Version ${decision.version}: value tier `, el("strong", { "data-testid": "value-tier" }, decision.valueTier),
      ", risk grade ", el("strong", { "data-testid": "risk-grade" }, decision.riskGrade)),
    el("h4", {}, "Actions"),
    actions.length
      ? el("table", { class: "grid" },
        el("thead", {}, el("tr", {}, ...["Code", "Type", "Channel", "Priority", "Reason"].map((h) => el("th", {}, h)))),
        el("tbody", {}, ...actions))
      : el("p", {}, "None."),
    ...explanation(decision.explanation));
}

export function renderContextDecision(result) {
  return el("div", { class: "evaluation" },
    el("p", {}, `Version ${result.version}, model ${result.model}`),
    el("pre", {}, JSON.stringify(result.outputs, null, 2)),
    ...explanation(result.explanation));
}

export function renderScenarioRun(run) {
  const rows = run.cases.map((c) => el("tr", { class: c.passed ? "" : "removed" },
    el("td", {}, c.suite), el("td", {}, c.scenario), el("td", { class: c.passed ? "" : "sev-ERROR" }, c.passed ? "passed" : "failed"),
    el("td", {}, c.failures.join("; "))));
  const uncovered = [...run.uncoveredRows, ...run.uncoveredRules];
  return el("div", { class: "scenario-run" },
    el("p", { "data-testid": "scenario-summary" }, `Version ${run.version}: ${run.passed} passed, ${run.failed} failed`),
    el("table", { class: "grid" },
      el("thead", {}, el("tr", {}, ...["Suite", "Scenario", "Result", "Failures"].map((h) => el("th", {}, h)))),
      el("tbody", {}, ...rows)),
    el("p", {}, uncovered.length ? `Never reached by a scenario: ${uncovered.join(", ")}` : "Every row and rule is reached by a scenario."));
}
