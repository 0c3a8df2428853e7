// TypeScript declarations from the services' OpenAPI documents (web/openapi/<service>.json, kept current by the
// Dashboard test CheckingTheDashboardsTypes) into web/types/<service>.d.ts, for the dashboard's // @ts-check files.
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const web = join(dirname(fileURLToPath(import.meta.url)), "..");
const bin = join(web, "node_modules", ".bin", "openapi-typescript");
mkdirSync(join(web, "types"), { recursive: true });
for (const file of readdirSync(join(web, "openapi")).filter((f) => f.endsWith(".json")).sort()) {
  const service = file.replace(/\.json$/, "");
  execFileSync(bin, [join("openapi", file), "-o", join("types", `${service}.d.ts`), "--silent"], { cwd: web, stdio: "inherit" });
}
