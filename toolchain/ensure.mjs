// Installs the pinned npm toolchain (package-lock.json) when node_modules is missing or stale.
// Called by the Maven build and by .ci/run; cheap when nothing changed.
import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const dir = dirname(fileURLToPath(import.meta.url));
const lock = readFileSync(join(dir, "package-lock.json"));
const want = createHash("sha256").update(lock).digest("hex");
const marker = join(dir, "node_modules", ".openvpp-lock-sha256");
const have = existsSync(marker) ? readFileSync(marker, "utf8").trim() : "";
if (have === want) {
  process.exit(0);
}
console.log("toolchain: installing pinned npm packages (npm ci)...");
execFileSync("npm", ["ci", "--no-audit", "--no-fund", "--ignore-scripts"], { cwd: dir, stdio: "inherit" });
writeFileSync(marker, want + "\n");
console.log("toolchain: ready");
