// Computes an OpenZeppelin StandardMerkleTree with @openzeppelin/merkle-tree (the reference
// implementation) so Java's StandardMerkleTree can be checked against it.
// Usage: node scripts/oz-merkle.mjs <toolchainDir> < input.json
//   input:  {"types": ["address", ...], "values": [[...], ...]}
//   output: {"root": "0x..", "proofs": [["0x..", ...], ...]}   (proofs in value order)
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { readFileSync } from "node:fs";

const require = createRequire(join(resolve(process.argv[2]), "package.json"));
const { StandardMerkleTree } = require("@openzeppelin/merkle-tree");
const input = JSON.parse(readFileSync(0, "utf8"));
const tree = StandardMerkleTree.of(input.values, input.types);
tree.validate();
const proofs = input.values.map((_, i) => tree.getProof(i));
process.stdout.write(JSON.stringify({ root: tree.root, proofs }) + "\n");
