#!/usr/bin/env bash
# Starts one Besu node in development mode on 127.0.0.1 and runs until stopped.
# Usage: testnet/besu/dev/run-dev.sh [rpcPort=8545] [dataDir=a new temp dir]
# Then:  VPP_DEPLOYER_KEY=<Besu dev test key, see README> ./vpp deploy --rpc http://127.0.0.1:8545
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
port=${1:-8545}
data=${2:-$(mktemp -d -t besu-dev-XXXX)}
command -v besu >/dev/null || { echo "error: besu is not on PATH (see testnet/besu/README.md)" >&2; exit 127; }
echo "besu dev node: RPC http://127.0.0.1:$port, data $data"
exec besu --config-file="$here/config.toml" --rpc-http-port="$port" --data-path="$data"
