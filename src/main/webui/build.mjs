// Builds the workbench into the directory given as the first argument (Maven passes the jar's static resources):
// the page and its stylesheet, the application bundle, and the DMN editor's UMD bundle as published on npm.
import { build } from "esbuild";
import { copyFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";

const out = process.argv[2];
if (!out) {
  console.error("usage: npm run build -- <output directory>");
  process.exit(2);
}
mkdirSync(out, { recursive: true });
await build({
  entryPoints: ["src/app.js"],
  bundle: true,
  minify: true,
  format: "iife",
  target: "es2020",
  outfile: join(out, "app.js"),
  legalComments: "linked",
  logLevel: "warning",
});
copyFileSync("src/index.html", join(out, "index.html"));
copyFileSync("src/app.css", join(out, "app.css"));
const editor = "node_modules/@kie-tools/dmn-editor-standalone/dist";
copyFileSync(join(editor, "index.js"), join(out, "dmn-editor.js"));
copyFileSync(join(editor, "index.js.LICENSE.txt"), join(out, "dmn-editor.js.LICENSE.txt"));
