// Text editing for DRL, YAML and any other non-DMN file: CodeMirror with line numbers and highlighting.
import { EditorView, basicSetup } from "codemirror";
import { EditorSelection } from "@codemirror/state";
import { StreamLanguage } from "@codemirror/language";
import { yaml } from "@codemirror/legacy-modes/mode/yaml";
import { drl } from "./drl-language.js";

function languageFor(file) {
  if (file.endsWith(".drl")) return [drl];
  if (file.endsWith(".yaml") || file.endsWith(".yml")) return [StreamLanguage.define(yaml)];
  return [];
}

export function openCodeEditor(parent, file, text, onChange) {
  const view = new EditorView({
    doc: text,
    parent,
    extensions: [
      basicSetup,
      ...languageFor(file),
      EditorView.updateListener.of((update) => { if (update.docChanged) onChange(); }),
    ],
  });
  return {
    getContent: () => view.state.doc.toString(),
    /** Selects a whole line (1-based) and scrolls to it, for a validation message pinned to that line. */
    revealLine(number) {
      const line = view.state.doc.line(Math.min(Math.max(1, number), view.state.doc.lines));
      view.dispatch({
        selection: EditorSelection.range(line.from, line.to),
        effects: EditorView.scrollIntoView(line.from, { y: "center" }),
      });
      view.focus();
    },
    close: () => view.destroy(),
  };
}
