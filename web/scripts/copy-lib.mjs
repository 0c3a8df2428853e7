// Copies the browser builds the dashboard loads into the gateway's wwwroot/lib (served same-origin: the CSP
// allows no CDN). Run by the gateway's MSBuild target after `npm ci`; writes a stamp so the build can skip it.
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { createHash } from "node:crypto";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const web = join(dirname(fileURLToPath(import.meta.url)), "..");
const lib = join(web, "..", "gateway", "TrustSafety.Gateway", "wwwroot", "lib");

const files = [
  ["oidc-client-ts/dist/browser/oidc-client-ts.min.js", "oidc-client-ts/oidc-client-ts.min.js"],
  ["oidc-client-ts/LICENSE", "oidc-client-ts/LICENSE"],
  ["chart.js/dist/chart.umd.min.js", "chart.js/chart.umd.min.js"],
  ["chart.js/LICENSE.md", "chart.js/LICENSE.md"],
];

rmSync(lib, { recursive: true, force: true });
for (const [from, to] of files) {
  const source = join(web, "node_modules", from);
  if (!existsSync(source)) {
    console.error(`copy-lib: ${source} is missing; run "npm ci" in web/ first.`);
    process.exit(1);
  }
  mkdirSync(dirname(join(lib, to)), { recursive: true });
  copyFileSync(source, join(lib, to));
}
const lock = createHash("sha256").update(readFileSync(join(web, "package-lock.json"))).digest("hex");
writeFileSync(join(lib, ".stamp"), lock + "\n");
console.log(`copy-lib: ${files.length} files into ${lib}`);
