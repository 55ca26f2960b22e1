// Syntax highlighting for Drools DRL: keywords, strings, comments, numbers and $bindings, as a CodeMirror stream
// language (DRL has no Lezer grammar).
import { StreamLanguage } from "@codemirror/language";

const KEYWORDS = new Set([
  "package", "import", "global", "function", "query", "declare", "rule", "when", "then", "end", "salience",
  "no-loop", "lock-on-active", "agenda-group", "activation-group", "dialect", "enabled", "date-effective",
  "date-expires", "duration", "timer", "calendars", "auto-focus", "ruleflow-group", "and", "or", "not", "exists",
  "forall", "from", "collect", "accumulate", "eval", "over", "insert", "insertLogical", "update", "modify",
  "retract", "delete", "this", "null", "true", "false", "new", "matches", "memberOf", "contains", "soundslike",
  "in", "extends", "attributes",
]);

export const drl = StreamLanguage.define({
  name: "drl",
  startState: () => ({ inComment: false }),
  token(stream, state) {
    if (state.inComment) {
      if (stream.skipTo("*/")) { stream.next(); stream.next(); state.inComment = false; } else stream.skipToEnd();
      return "comment";
    }
    if (stream.eatSpace()) return null;
    if (stream.match("//") || stream.match("#")) { stream.skipToEnd(); return "comment"; }
    if (stream.match("/*")) { state.inComment = true; return "comment"; }
    const ch = stream.peek();
    if (ch === '"' || ch === "'") {
      stream.next();
      let escaped = false, c;
      while ((c = stream.next()) != null) {
        if (c === ch && !escaped) break;
        escaped = !escaped && c === "\\";
      }
      return "string";
    }
    if (stream.match(/^-?\d+(\.\d+)?[BbLlDdFf]?/)) return "number";
    if (stream.match(/^\$[\w]+/)) return "variableName.special";
    if (stream.match(/^[A-Za-z_][\w-]*/)) {
      const word = stream.current();
      if (KEYWORDS.has(word)) return "keyword";
      return /^[A-Z]/.test(word) ? "typeName" : "variableName";
    }
    if (stream.match(/^(==|!=|>=|<=|&&|\|\||->|[=<>!:+\-*/%])/)) return "operator";
    stream.next();
    return null;
  },
  languageData: { commentTokens: { line: "//", block: { open: "/*", close: "*/" } } },
});
