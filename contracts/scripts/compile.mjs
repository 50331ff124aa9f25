// Compiles every contract under src/main/solidity with the pinned solc-js (standard-JSON API),
// resolving @openzeppelin imports from the pinned toolchain, and writes per contract
// <out>/<Name>.abi, <out>/<Name>.bin and one combined artifacts.json (abi, bytecode, gas estimates).
// Usage: node scripts/compile.mjs <sourceDir> <outDir> <toolchainDir>
import { readFileSync, writeFileSync, mkdirSync, readdirSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { createRequire } from "node:module";

const [sourceDir, outDir, toolchainDir] = process.argv.slice(2).map((p) => resolve(p));
const require = createRequire(join(toolchainDir, "package.json"));
const solc = require("solc");

// Pinned so bytecode and gas figures are reproducible; "cancun" runs on Anvil and on Besu.
const EVM_VERSION = "cancun";
const OPTIMIZER_RUNS = 200;

function listSol(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listSol(path) : name.endsWith(".sol") ? [path] : [];
  });
}

const sources = {};
for (const file of listSol(sourceDir)) {
  sources[relative(sourceDir, file)] = { content: readFileSync(file, "utf8") };
}

const input = {
  language: "Solidity",
  sources,
  settings: {
    evmVersion: EVM_VERSION,
    optimizer: { enabled: true, runs: OPTIMIZER_RUNS },
    viaIR: false,
    outputSelection: { "*": { "*": ["abi", "evm.bytecode.object", "evm.deployedBytecode.object", "evm.gasEstimates"] } },
  },
};

function findImports(path) {
  try {
    return { contents: readFileSync(require.resolve(path), "utf8") };
  } catch (e) {
    return { error: `not found: ${path}` };
  }
}

const output = JSON.parse(solc.compile(JSON.stringify(input), { import: findImports }));
const errors = (output.errors || []).filter((e) => e.severity === "error");
for (const e of output.errors || []) {
  console.error(e.formattedMessage);
}
if (errors.length > 0) {
  console.error(`solc ${solc.version()}: ${errors.length} error(s)`);
  process.exit(1);
}

mkdirSync(outDir, { recursive: true });
const artifacts = { compiler: solc.version(), evmVersion: EVM_VERSION, optimizerRuns: OPTIMIZER_RUNS, contracts: {} };
for (const [file, contracts] of Object.entries(output.contracts)) {
  if (!(file in sources)) continue; // library sources are not ours to wrap
  for (const [name, c] of Object.entries(contracts)) {
    const bin = c.evm.bytecode.object;
    if (!bin) continue; // interfaces and abstract contracts have no bytecode
    writeFileSync(join(outDir, `${name}.abi`), JSON.stringify(c.abi));
    writeFileSync(join(outDir, `${name}.bin`), bin);
    artifacts.contracts[name] = { source: file, abi: c.abi, bytecodeSize: bin.length / 2, deployedSize: c.evm.deployedBytecode.object.length / 2 };
  }
}
writeFileSync(join(outDir, "artifacts.json"), JSON.stringify(artifacts, null, 2));
console.log(`solc ${solc.version()}: compiled ${Object.keys(artifacts.contracts).join(", ")}`);
