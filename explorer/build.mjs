// Builds the explorer into ../api/static/explorer/ (served by the API at /explore/):
// one bundled script (Cytoscape included), one stylesheet, index.html. No CDN at run time.
import * as esbuild from "esbuild";
import { cp, mkdir, rm, writeFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const out = resolve(here, "../api/static/explorer");
const watch = process.argv.includes("--watch");

await rm(out, { recursive: true, force: true });
await mkdir(out, { recursive: true });
await cp(resolve(here, "src/index.html"), resolve(out, "index.html"));
// Build output is not source: keep it out of git whatever the top-level .gitignore says.
await writeFile(resolve(out, ".gitignore"), "*\n");

// Entry "out" names give explorer.js and explorer.css (esbuild appends the extension itself).
const options = {
  entryPoints: [
    { in: resolve(here, "src/main.js"), out: "explorer" },
    { in: resolve(here, "src/styles.css"), out: "explorer" },
  ],
  outdir: out,
  bundle: true,
  format: "iife",
  target: ["chrome100", "firefox100", "safari15"],
  minify: !watch && !process.env.EXPLORER_DEBUG,
  sourcemap: true,
  legalComments: "linked",
  loader: { ".json": "json" },
  logLevel: "info",
};

if (watch) {
  const ctx = await esbuild.context(options);
  await ctx.watch();
  console.log(`watching; output in ${out}`);
} else {
  await esbuild.build(options);
}
