// Installs pinned npm packages (package-lock.json) when node_modules is missing or stale.
// Usage: node toolchain/ensure.mjs [packageDir]   (default: this toolchain directory)
// Called by the Maven build, by tests that need an npm package dir, and by .ci/run;
// cheap when nothing changed.
import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

import { resolve } from "node:path";

const dir = process.argv[2] ? resolve(process.argv[2]) : dirname(fileURLToPath(import.meta.url));
const lock = readFileSync(join(dir, "package-lock.json"));
const want = createHash("sha256").update(lock).digest("hex");
const marker = join(dir, "node_modules", ".openvpp-lock-sha256");
const have = existsSync(marker) ? readFileSync(marker, "utf8").trim() : "";
if (have === want) {
  process.exit(0);
}
console.log(`npm ci in ${dir} (pinned by package-lock.json)...`);
execFileSync("npm", ["ci", "--no-audit", "--no-fund", "--ignore-scripts"], { cwd: dir, stdio: "inherit" });
writeFileSync(marker, want + "\n");
console.log(`npm packages ready in ${dir}`);
