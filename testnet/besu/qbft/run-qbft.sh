#!/usr/bin/env bash
# Starts a QBFT network of N Besu validators on 127.0.0.1 (default 4) and runs until stopped.
# Keys and the genesis (with the validators in extraData) are generated fresh by Besu's own
# `besu operator generate-blockchain-config`, so no validator key is ever committed.
# Usage: testnet/besu/qbft/run-qbft.sh [validators=4] [rpcPort=8545] [workDir=a new temp dir]
# Node i serves RPC on rpcPort+i (node 0 on rpcPort) and p2p on 30303+i.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
n=${1:-4}
rpc=${2:-8545}
work=${3:-$(mktemp -d -t besu-qbft-XXXX)}
command -v besu >/dev/null || { echo "error: besu is not on PATH (see testnet/besu/README.md)" >&2; exit 127; }

python3 - "$here/qbftConfigFile.json" "$work/qbftConfigFile.json" "$n" <<'PY'
import json, sys
c = json.load(open(sys.argv[1])); c["blockchain"]["nodes"]["count"] = int(sys.argv[3])
json.dump(c, open(sys.argv[2], "w"), indent=2)
PY
besu operator generate-blockchain-config --config-file="$work/qbftConfigFile.json" \
  --to="$work/networkFiles" --private-key-file-name=key >/dev/null

pids=()
trap 'kill "${pids[@]}" 2>/dev/null; wait 2>/dev/null' EXIT INT TERM
i=0
bootnode=""
for keydir in "$work"/networkFiles/keys/*; do
  data="$work/node$i"; mkdir -p "$data"; cp "$keydir/key" "$data/key"
  args=(--data-path="$data" --genesis-file="$work/networkFiles/genesis.json"
        --p2p-host=127.0.0.1 --p2p-port=$((30303 + i))
        --rpc-http-enabled --rpc-http-host=127.0.0.1 --rpc-http-port=$((rpc + i))
        --rpc-http-api=ETH,NET,WEB3,QBFT,TXPOOL --host-allowlist=localhost,127.0.0.1
        --min-gas-price=0 --logging=WARN)
  [ -n "$bootnode" ] && args+=(--bootnodes="$bootnode")
  besu "${args[@]}" > "$work/node$i.log" 2>&1 &
  pids+=($!)
  if [ -z "$bootnode" ]; then
    pub=$(cat "$keydir/key.pub"); bootnode="enode://${pub#0x}@127.0.0.1:30303"
  fi
  echo "validator $i: RPC http://127.0.0.1:$((rpc + i)), log $work/node$i.log"
  i=$((i + 1))
done
echo "QBFT network of $n validators running (chain id 1338). Ctrl-C stops it."
wait
