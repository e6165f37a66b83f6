#!/usr/bin/env bash
# Scale benchmark of the billing run, on Postgres (a throwaway cluster the
# Go test harness starts, or TEST_DATABASE_URL):
#   BenchmarkBillingRun   one billing run over BENCH_BILLING_ORGS
#                         organizations (default 100,000), each with two
#                         services, every fourth with billable hours, every
#                         tenth with storage above the included amount:
#                         invoices per second, statements per invoice, the
#                         peak of the Go heap during the run
#   BenchmarkRenderPDFs   the PDFs of BENCH_BILLING_PDFS invoices (default
#                         2,000) rendered after a run, on every core: PDFs
#                         per second
#   BenchmarkRollup       the first page of a month's usage and billing
#                         rollup over BENCH_ACCOUNTS_ORGS organizations
#                         (default 10,000), by name, MRR and storage:
#                         milliseconds a page
# See bench/README.md. `make bench` runs this after bench/sync.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
stamp=$(date +%Y%m%d-%H%M%S)
out=bench/results/billing-$stamp.txt
mkdir -p bench/results
{
	go test -run '^$' -bench '^BenchmarkBillingRun$' -benchtime 1x -timeout 40m ./server/internal/invoice/
	go test -run '^$' -bench '^BenchmarkRenderPDFs$' -benchtime 1x -timeout 20m ./server/internal/invoice/
	go test -run '^$' -bench '^BenchmarkRollup$' -benchtime 5x -timeout 20m ./server/internal/account/
} 2>&1 | grep -E '^(Benchmark|ok|FAIL|---)' | tee "$out"
echo "results in $out"
