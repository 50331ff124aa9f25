#!/usr/bin/env bash
# Proves that toolchain/package-lock.json installs on every platform Foundry publishes, not only
# on this machine: for each, `npm ci --os --cpu --dry-run` resolves the lock in a scratch copy
# (nothing is downloaded or installed) and must pick that platform's Anvil and cast packages and
# no other platform's. Run by .ci/run; usage: toolchain/check-lock.sh
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cp "$here/package.json" "$here/package-lock.json" "$scratch/"

# npm's os/cpu names, Foundry's platform suffix
platforms=(
  "linux x64 linux-amd64"
  "linux arm64 linux-arm64"
  "darwin x64 darwin-amd64"
  "darwin arm64 darwin-arm64"
  "win32 x64 win32-amd64"
)
failed=0
for entry in "${platforms[@]}"; do
  read -r os cpu suffix <<<"$entry"
  out=$(cd "$scratch" && npm ci --os="$os" --cpu="$cpu" --dry-run --ignore-scripts --no-audit --no-fund 2>&1) \
    || { echo "$out"; echo "FAIL $os/$cpu: npm ci --dry-run failed" >&2; failed=1; continue; }
  picked=$(grep -o '@foundry-rs/[a-z0-9-]*' <<<"$out" | sort -u | tr '\n' ' ')
  if [ "$picked" != "@foundry-rs/anvil-$suffix @foundry-rs/cast-$suffix " ]; then
    echo "FAIL $os/$cpu: the lock picks [${picked% }], expected @foundry-rs/{anvil,cast}-$suffix" >&2
    failed=1
  else
    echo "ok   $os/$cpu: ${picked% }"
  fi
done
if [ -e "$scratch/node_modules" ]; then
  echo "FAIL: the dry run installed packages" >&2
  failed=1
fi
exit "$failed"
