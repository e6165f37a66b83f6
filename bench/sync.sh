#!/usr/bin/env bash
# Scale benchmark of the infrastructure sync, on Postgres (a throwaway
# cluster the Go test harness starts, or TEST_DATABASE_URL):
#   BenchmarkSyncTick           one sync tick over 1,000 servers and 10,000
#                               containers served by the providers'
#                               simulators on loopback; rows written per second
#   BenchmarkServerMetricsMonth GetServerMetrics over 30 days of one-minute
#                               samples (43,200 rows) through the API: p50, p99
#   BenchmarkFollowContainers   the services' automatic status pass after a
#                               tick: 5,000 instances on 10,000 containers,
#                               with no change and with 500 changing
#   BenchmarkServiceUptimeMonth GetServiceUptime over 30 days through the
#                               API: p50, p99
# See bench/README.md. `make bench` runs this after bench/run.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
ticks=${BENCH_SYNC_TICKS:-5}
queries=${BENCH_METRICS_QUERIES:-300}
stamp=$(date +%Y%m%d-%H%M%S)
out=bench/results/sync-$stamp.txt
mkdir -p bench/results
{
	go test -run '^$' -bench '^BenchmarkSyncTick$' -benchtime "${ticks}x" -timeout 20m ./server/internal/infra/
	go test -run '^$' -bench '^BenchmarkServerMetricsMonth$' -benchtime "${queries}x" -timeout 20m ./server/internal/infra/
	go test -run '^$' -bench '^BenchmarkFollowContainers$' -benchtime "${ticks}x" -timeout 20m ./server/internal/instance/
	go test -run '^$' -bench '^BenchmarkServiceUptimeMonth$' -benchtime "${queries}x" -timeout 20m ./server/internal/instance/
} 2>&1 | grep -E '^(Benchmark|ok|FAIL|---)|scale_bench' | tee "$out"
echo "results in $out"
