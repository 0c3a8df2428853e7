// Every dashboard script under the gateway's wwwroot/js starts with // @ts-check (npm run check fails naming any that
// does not). tsconfig.json checks them all anyway (checkJs); the header is what makes an editor check the file too, since
// no tsconfig lies above wwwroot/js. Only wwwroot/js is read: third-party code (wwwroot/lib, copied from npm by
// copy-lib.mjs, or a lib folder under js) is not ours to annotate.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";

const web = join(dirname(fileURLToPath(import.meta.url)), "..");
const js = join(web, "..", "gateway", "TrustSafety.Gateway", "wwwroot", "js");

const missing = readdirSync(js, { recursive: true, withFileTypes: true })
  .filter((f) => f.isFile() && f.name.endsWith(".js"))
  .map((f) => join(f.parentPath ?? f.path, f.name))
  .filter((file) => !relative(js, file).split(sep).includes("lib"))
  .filter((file) => !/^\/\/ @ts-check\r?\n/.test(readFileSync(file, "utf8")))
  .map((file) => relative(join(web, ".."), file))
  .sort();
if (missing.length) {
  console.error(`These dashboard scripts do not start with "// @ts-check" (add it as their first line):\n  ${missing.join("\n  ")}`);
  process.exit(1);
}
