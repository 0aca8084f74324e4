#!/usr/bin/env bash
# Benchmark of the networking rule engine: 10,000 site plans, 1,000 renders, 100,000 Service decisions.
# Usage: bench/networking.sh [ROUNDS]   (default 5; each figure is the median of the rounds after a warm-up)
set -euo pipefail
source "$(dirname "$0")/../scripts/lib/common.sh"
root=$(repo_root)
cd "$root"
ensure_dotnet
dotnet build bench/DistributedCloud.Networking.Bench -c Release --nologo -v quiet >&2
dotnet bench/DistributedCloud.Networking.Bench/bin/Release/net10.0/DistributedCloud.Networking.Bench.dll "${1:-5}"
