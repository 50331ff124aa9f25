#!/usr/bin/env bash
# Regenerates src/test/resources/vectors/eip712.json: each vector's typed data is signed by
# Foundry's cast (an implementation we did not write). Java must produce the same digest and,
# since both sides sign deterministically (RFC 6979), the same signature.
# Usage: contracts/scripts/make-eip712-vectors.sh   (from the repository root)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
# This platform's cast package (the toolchain installs the one matching the machine), unless
# VPP_CAST points at a binary, as for the Java side (FoundryPackage).
case "$(uname -s)" in Linux) os=linux ;; Darwin) os=darwin ;; *) os=unknown ;; esac
case "$(uname -m)" in x86_64|amd64) arch=amd64 ;; aarch64|arm64) arch=arm64 ;; *) arch=unknown ;; esac
cast=${VPP_CAST:-"$root/toolchain/node_modules/@foundry-rs/cast-$os-$arch/bin/cast"}
[ -x "$cast" ] || { echo "error: $cast is missing: run node toolchain/ensure.mjs, or set VPP_CAST" >&2; exit 1; }
out="$root/contracts/src/test/resources/vectors/eip712.json"
in="$root/contracts/src/test/resources/vectors/eip712-typed-data.json"
# Anvil dev key #7: public knowledge, used only to make vectors.
key=0x4bbbf85ce3377467afe5d46f804f221813b2bb87f24d81f60f1fcdbf7cbf4356
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
n=$(python3 -c "import json,sys; print(len(json.load(open('$in'))))")
echo "[" > "$out"
for i in $(seq 0 $((n - 1))); do
  python3 -c "import json; v=json.load(open('$in'))[$i]; json.dump(v['typedData'], open('$tmp/td.json','w'))"
  sig=$("$cast" wallet sign --private-key "$key" --data --from-file "$tmp/td.json")
  name=$(python3 -c "import json; print(json.load(open('$in'))[$i]['name'])")
  sep=$([ "$i" -lt $((n - 1)) ] && echo "," || echo "")
  printf '  {"name": "%s", "privateKey": "%s", "castSignature": "%s"}%s\n' "$name" "$key" "$sig" "$sep" >> "$out"
done
echo "]" >> "$out"
echo "wrote $out"
