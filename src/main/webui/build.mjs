// Builds the workbench into the directory given as the first argument (Maven passes the jar's static resources):
// the page, and its stylesheet, application bundle and the DMN editor's UMD bundle (as published on npm) under
// content-hashed names, so that they can be cached for long while the page itself is always revalidated.
import { build } from "esbuild";
import { createHash } from "node:crypto";
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const out = process.argv[2];
if (!out) {
  console.error("usage: npm run build -- <output directory>");
  process.exit(2);
}
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

function hashed(name, content) {
  const hash = createHash("sha256").update(content).digest("hex").slice(0, 12);
  return name.replace(/(\.[a-z]+)$/, `-${hash}$1`);
}

function emit(name, content) {
  const file = hashed(name, content);
  writeFileSync(join(out, file), content);
  return file;
}

const bundle = await build({
  entryPoints: ["src/app.js"],
  bundle: true,
  minify: true,
  format: "iife",
  target: "es2020",
  write: false,
  legalComments: "none",
  logLevel: "warning",
});
const editorDist = "node_modules/@kie-tools/dmn-editor-standalone/dist";
const files = {
  "app.js": emit("app.js", bundle.outputFiles[0].contents),
  "app.css": emit("app.css", readFileSync("src/app.css")),
  "dmn-editor.js": emit("dmn-editor.js", readFileSync(join(editorDist, "index.js"))),
};
copyFileSync(join(editorDist, "index.js.LICENSE.txt"), join(out, "dmn-editor.js.LICENSE.txt"));
let page = readFileSync("src/index.html", "utf8");
for (const [name, file] of Object.entries(files)) {
  page = page.replace(`"${name}"`, `"${file}"`);
}
writeFileSync(join(out, "index.html"), page);
console.log(`workbench built into ${out}: ${readdirSync(out).join(", ")}`);
