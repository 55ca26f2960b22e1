// Text editing for DRL, YAML and any other non-DMN file: CodeMirror with line numbers and highlighting.
import { EditorView, basicSetup } from "codemirror";
import { EditorSelection } from "@codemirror/state";
import { StreamLanguage, syntaxHighlighting } from "@codemirror/language";
import { classHighlighter } from "@lezer/highlight";
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
      // Stable tok-* class names beside the theme's colours, for tests and for styling
      syntaxHighlighting(classHighlighter),
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
