#!/usr/bin/env bash
# Benchmark of the Leitstand API: GetOrganization and ListOrganizations on
# 10,000 synthetic organizations, on SQLite and on Postgres, against the
# ceiling (bench/ceiling: one primary-key SELECT behind a bare Connect handler)
# on the same database, driven by the same load generator (bench/loadgen).
# See bench/README.md. `make bench` runs this script.
#
# Settings (environment):
#   BENCH_DATABASES    databases to measure              (default "sqlite postgres")
#   BENCH_ORGS         organizations to seed             (default 10000)
#   BENCH_CONCURRENCY  load generator workers            (default 64)
#   BENCH_CONNECTIONS  HTTP/2 connections they share     (default 1)
#   BENCH_WARMUP       warm-up before each measurement   (default 3s)
#   BENCH_DURATION     measured time of each run         (default 10s)
#   BENCH_WRITES       writes per second beside the reads in the mixed runs
#                      (default 20: four in five update a random organization,
#                      one in five is a sign-in; 0 leaves the mixed runs out)
#   BENCH_PROTOCOL     connect, grpc or grpcweb          (default connect)
#   BENCH_PROFILE      1: record the server's CPU profile during each
#                      measured run (results/<stamp>/<database>-<run>-<procedure>.pprof;
#                      read with `go tool pprof -top bin/leitstand FILE`)
#   BENCH_DATABASE_URL a Postgres server to use instead of a throwaway cluster;
#                      a fresh database is created on it and dropped afterwards
#                      (TEST_DATABASE_URL is used the same way when this is unset)
#
# A missed target is a result, not a failure: the script exits 0 and prints
# MISSED. It exits non-zero when the benchmark itself could not run.
set -euo pipefail

cd "$(dirname "$0")/.."
root=$PWD

databases=${BENCH_DATABASES:-sqlite postgres}
orgs=${BENCH_ORGS:-10000}
concurrency=${BENCH_CONCURRENCY:-64}
connections=${BENCH_CONNECTIONS:-1}
warmup=${BENCH_WARMUP:-3s}
duration=${BENCH_DURATION:-10s}
writes=${BENCH_WRITES:-20}
protocol=${BENCH_PROTOCOL:-connect}
profile=${BENCH_PROFILE:-}
external_url=${BENCH_DATABASE_URL:-${TEST_DATABASE_URL:-}}

# Targets: the server's throughput as a share of the ceiling's, alone and
# with the writes beside it (a real installation is never write-free: the
# sync, staff's edits and every sign-in write and are audited), and the
# writes' own p99 then.
target_get=0.6
target_list=0.3
target_get_mixed=0.5
target_list_mixed=0.25
target_write_p99_ms=100

stamp=$(date +%Y%m%d-%H%M%S)
results=$root/bench/results/$stamp
mkdir -p "$results"
work=$(mktemp -d "${TMPDIR:-/tmp}/leitstand-bench-XXXXXX")

log() { printf '%s  %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "error: $*"; exit 1; }

# ---------------------------------------------------------------------------
# Cleanup: whatever this script started goes away with it.

pids=()
pg_dir=""
pg_bin=""
debug_addr=""
external_db=""
external_admin=""
db_url=""

cleanup() {
	local pid
	for pid in "${pids[@]}"; do
		kill "$pid" 2>/dev/null || true
	done
	for pid in "${pids[@]}"; do
		wait "$pid" 2>/dev/null || true
	done
	pids=()
	if [[ -n $pg_dir ]]; then
		pg_cmd pg_ctl -D "$pg_dir/data" -m immediate -w stop >/dev/null 2>&1 || true
		rm -rf "$pg_dir"
		pg_dir=""
	fi
	if [[ -n $external_db ]]; then
		psql -q "$external_admin" -c "DROP DATABASE IF EXISTS $external_db WITH (FORCE)" >/dev/null 2>&1 || true
		external_db=""
	fi
	rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# stop_pid stops one process this script started.
stop_pid() {
	local pid=$1 p
	kill "$pid" 2>/dev/null || true
	wait "$pid" 2>/dev/null || true
	local keep=()
	for p in "${pids[@]}"; do [[ $p == "$pid" ]] || keep+=("$p"); done
	pids=("${keep[@]+"${keep[@]}"}")
}

# wait_for_line FILE PATTERN PID: waits until FILE has a line matching
# PATTERN and prints it; fails if PID exits first or after 60 s.
wait_for_line() {
	local file=$1 pattern=$2 pid=$3 line
	for _ in $(seq 600); do
		if line=$(grep -m1 -E "$pattern" "$file" 2>/dev/null); then
			printf '%s\n' "$line"
			return 0
		fi
		kill -0 "$pid" 2>/dev/null || { cat "$file" >&2; return 1; }
		sleep 0.1
	done
	cat "$file" >&2
	return 1
}

# ---------------------------------------------------------------------------
# Build.

# Everything shares the CPUs; note how busy the machine was to begin with.
load_at_start=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)
if awk -v l="${load_at_start%% *}" -v n="$(nproc)" 'BEGIN { exit !(l > n / 2) }' 2>/dev/null; then
	log "warning: load average $load_at_start on $(nproc) CPUs — other work will lower and blur the figures"
fi

log "building bin/leitstand, loadgen and ceiling"
go build -o bin/leitstand ./server/cmd/leitstand
go build -o "$work/loadgen" ./bench/loadgen
go build -o "$work/ceiling" ./bench/ceiling
leitstand=$root/bin/leitstand

# ---------------------------------------------------------------------------
# Postgres: a throwaway cluster like the tests' (server/internal/platform/testdb),
# or a fresh database on an external server.

find_pg_bin() {
	local d
	# pg_ctl on PATH may be a symbolic link into the installation; the
	# directory it points to also has createdb and postgres.
	if d=$(command -v pg_ctl 2>/dev/null) && d=$(dirname "$(readlink -f "$d")") && [[ -x $d/initdb ]]; then
		echo "$d"
		return
	fi
	for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5 -rn); do
		if [[ -x $d/initdb && -x $d/pg_ctl ]]; then
			echo "$d"
			return
		fi
	done
	return 1
}

# pg_cmd runs a PostgreSQL program; as root as the postgres user, since
# PostgreSQL refuses to run as root. It runs in the cluster directory, which
# the postgres user may enter.
pg_cmd() {
	local prog=$pg_bin/$1
	shift
	if [[ $(id -u) == 0 ]]; then
		(cd "$pg_dir" && runuser -u postgres -- "$prog" "$@")
	else
		(cd "$pg_dir" && "$prog" "$@")
	fi
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# start_cluster starts a new cluster with a new database and sets db_url.
start_cluster() {
	pg_bin=$(find_pg_bin) || return 1
	local base=""
	# Like the tests, in memory when /dev/shm is a tmpfs with room.
	if [[ $(stat -f -c %T /dev/shm 2>/dev/null) == tmpfs ]] &&
		(($(df -Pk /dev/shm | awk 'NR==2 {print $4}') > 1048576)); then
		base=/dev/shm
	fi
	pg_dir=$(mktemp -d "${base:-${TMPDIR:-/tmp}}/leitstand-bench-pg-XXXXXX")
	mkdir "$pg_dir/sock"
	if [[ $(id -u) == 0 ]]; then
		chown postgres: "$pg_dir" "$pg_dir/sock"
	fi
	pg_cmd initdb -D "$pg_dir/data" -U postgres --auth=trust --encoding=UTF8 --locale=C --no-sync >"$pg_dir/initdb.log" 2>&1 ||
		{ cat "$pg_dir/initdb.log" >&2; return 1; }
	cat >>"$pg_dir/data/postgresql.conf" <<-EOF
		# leitstand bench: a throwaway cluster.
		listen_addresses = '127.0.0.1'
		unix_socket_directories = '$pg_dir/sock'
		fsync = off
		synchronous_commit = off
		full_page_writes = off
		max_connections = 300
	EOF
	local port attempt
	for attempt in 1 2 3; do
		port=$((20000 + RANDOM % 40000))
		port_in_use "$port" && continue
		if pg_cmd pg_ctl -D "$pg_dir/data" -l "$pg_dir/postgres.log" -w -t 60 -o "-p $port" start >/dev/null 2>&1; then
			pg_cmd createdb -h 127.0.0.1 -p "$port" -U postgres leitstand_bench || return 1
			log "started PostgreSQL $(pg_cmd postgres --version | awk '{print $3}') on port $port in $pg_dir"
			db_url="postgres://postgres@127.0.0.1:$port/leitstand_bench?sslmode=disable"
			return 0
		fi
	done
	tail -n 20 "$pg_dir/postgres.log" >&2 || true
	return 1
}

# external_database creates a new database on the server of $1 and sets db_url.
external_database() {
	local url=$1 re='^(postgres(ql)?://[^/?]*)(/[^?]*)?(\?.*)?$'
	[[ $url =~ $re ]] || die "BENCH_DATABASE_URL/TEST_DATABASE_URL must be postgres://…"
	command -v psql >/dev/null || die "psql is needed to create the benchmark database on $url"
	external_admin=$url
	external_db=leitstand_bench_$$
	psql -q "$url" -c "CREATE DATABASE $external_db TEMPLATE template0" >/dev/null
	log "created database $external_db on the external server"
	db_url=${BASH_REMATCH[1]}/$external_db${BASH_REMATCH[4]}
}

# ---------------------------------------------------------------------------
# One database: seed, serve, measure the server and the ceiling.

# loadgen_run LABEL URL PROCEDURE TOKEN SERVER_PID [extra flags…]: writes
# LABEL-PROCEDURE.json. The token travels in the environment, not on the
# command line. The CPU time of the server and, for the throwaway cluster,
# of Postgres is measured along.
loadgen_run() {
	local label=$1 url=$2 proc=$3 token=$4 cpu=server=$5
	shift 5
	if [[ -n $pg_dir && -r $pg_dir/data/postmaster.pid ]]; then
		cpu+=,db=$(head -n1 "$pg_dir/data/postmaster.pid")
	fi
	log "measuring $label $proc: warm-up $warmup, then $duration at concurrency $concurrency"
	local profiler=""
	if [[ -n $profile && -n $debug_addr && $label != */ceiling ]]; then
		# The profile covers the measured time: it starts after the warm-up.
		(sleep "${warmup%s}" && curl -fsS -o "$results/${label//\//-}-$proc.pprof" \
			"http://$debug_addr/debug/pprof/profile?seconds=${duration%s}") &
		profiler=$!
	fi
	BENCH_TOKEN=$token "$work/loadgen" -url "$url" -procedure "$proc" -protocol "$protocol" \
		-concurrency "$concurrency" -connections "$connections" -warmup "$warmup" -duration "$duration" \
		-cpu-pids "$cpu" -label "$label" -json "$results/${label//\//-}-$proc.json" "$@" | tee -a "$results/loadgen.txt"
	if [[ -n $profiler ]]; then
		wait "$profiler" || log "no CPU profile for $label $proc"
	fi
}

bench_database() {
	local name=$1 dbflags=()
	case $name in
	sqlite)
		mkdir -p "$work/sqlite"
		dbflags=(--data-dir "$work/sqlite")
		;;
	postgres)
		if [[ -n $external_url ]]; then
			external_database "$external_url"
		elif ! find_pg_bin >/dev/null; then
			log "postgres: SKIPPED — no initdb/pg_ctl found and BENCH_DATABASE_URL is not set"
			echo "postgres SKIPPED" >>"$results/skipped.txt"
			return 0
		else
			start_cluster || die "could not start a PostgreSQL cluster"
		fi
		dbflags=(--database-url "$db_url")
		;;
	*) die "unknown database $name (sqlite or postgres)" ;;
	esac

	log "$name: seeding $orgs organizations"
	"$leitstand" seed --orgs "$orgs" "${dbflags[@]}" --log-level warn | tee "$results/$name-seed.txt" >&2
	local password email=bench@bench.leitstand.test
	password=bench-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')
	LEITSTAND_OWNER_PASSWORD=$password "$leitstand" admin create-owner --email "$email" --name Bench \
		"${dbflags[@]}" --log-level warn >&2

	# The server, on a port the kernel picks; its profiles on a free one.
	debug_addr=""
	if [[ -n $profile ]]; then
		local port
		for _ in 1 2 3; do
			port=$((20000 + RANDOM % 40000))
			port_in_use "$port" || break
		done
		debug_addr=127.0.0.1:$port
		dbflags+=(--debug-listen "$debug_addr")
	fi
	"$leitstand" serve --listen 127.0.0.1:0 "${dbflags[@]}" --log-level warn >"$results/$name-server.log" 2>&1 &
	local server=$!
	pids+=("$server")
	local base
	base=$(wait_for_line "$results/$name-server.log" 'Leitstand is running at' "$server" | grep -oE 'https?://[^ ]+') ||
		die "$name: the server did not start"
	log "$name: server at $base"

	# Sign in and create an API token; the load generator sends it as bearer.
	local jar=$work/$name-cookies token
	curl -fsS -c "$jar" -H 'Content-Type: application/json' \
		-d "{\"email\":\"$email\",\"password\":\"$password\"}" \
		"$base/leitstand.admin.v1.AuthService/Login" >/dev/null || die "$name: login failed"
	token=$(curl -fsS -b "$jar" -H 'Content-Type: application/json' -d '{"name":"bench"}' \
		"$base/leitstand.admin.v1.AuthService/CreateApiToken" | sed -n 's/.*"secret" *: *"\([^"]*\)".*/\1/p')
	[[ -n $token ]] || die "$name: could not create an API token"

	local ids=$work/$name-ids.txt
	BENCH_TOKEN=$token "$work/loadgen" -url "$base" -fetch-ids "$ids" -max-ids "$orgs" >&2
	loadgen_run "$name/server" "$base" get "$token" "$server" -ids-file "$ids"
	loadgen_run "$name/server" "$base" list "$token" "$server" -page-size 50
	if awk -v w="$writes" 'BEGIN { exit !(w > 0) }'; then
		local mix
		mix=(-update-rate "$(awk -v w="$writes" 'BEGIN { print w * 4 / 5 }')"
			-signin-rate "$(awk -v w="$writes" 'BEGIN { print w / 5 }')" -signin-email "$email")
		BENCH_SIGNIN_PASSWORD=$password loadgen_run "$name/mixed" "$base" get "$token" "$server" -ids-file "$ids" "${mix[@]}"
		BENCH_SIGNIN_PASSWORD=$password loadgen_run "$name/mixed" "$base" list "$token" "$server" -page-size 50 "${mix[@]}"
	fi
	stop_pid "$server"

	# The ceiling, alone on the machine like the server was.
	local cargs=()
	if [[ $name == sqlite ]]; then cargs=(-data-dir "$work/sqlite"); else cargs=(-database-url "$db_url"); fi
	"$work/ceiling" -listen 127.0.0.1:0 "${cargs[@]}" >"$results/$name-ceiling.log" 2>&1 &
	local ceiling=$!
	pids+=("$ceiling")
	base=$(wait_for_line "$results/$name-ceiling.log" 'ceiling listening on' "$ceiling" | grep -oE 'https?://[^ ]+') ||
		die "$name: the ceiling did not start"
	loadgen_run "$name/ceiling" "$base" get "" "$ceiling" -ids-file "$ids"
	stop_pid "$ceiling"

	if [[ $name == postgres ]]; then
		cleanup_postgres
	fi
}

cleanup_postgres() {
	if [[ -n $pg_dir ]]; then
		pg_cmd pg_ctl -D "$pg_dir/data" -m immediate -w stop >/dev/null 2>&1 || true
		rm -rf "$pg_dir"
		pg_dir=""
	fi
	if [[ -n $external_db ]]; then
		psql -q "$external_admin" -c "DROP DATABASE IF EXISTS $external_db WITH (FORCE)" >/dev/null || true
		external_db=""
	fi
}

# ---------------------------------------------------------------------------
# Report.

# field FILE NAME: a number from loadgen's JSON output.
field() { sed -n "s/^ *\"$2\": *\([0-9.eE+-]*\),\{0,1\}$/\1/p" "$1"; }

report() {
	local name file rps p50 p99 errors ceiling ratio target verdict cpu ceiling_cpu cpu_ratio
	printf '\nLeitstand API benchmark — %s, %s CPUs (load average %s at start), concurrency %s, %s connection(s), %s protocol, warm-up %s, measured %s, %s organizations\n\n' \
		"$stamp" "$(nproc)" "$load_at_start" "$concurrency" "$connections" "$protocol" "$warmup" "$duration" "$orgs"
	printf '%-9s %-8s %-18s %9s %9s %9s %7s %7s %7s  %-7s %10s %9s\n' \
		database target procedure rps p50_ms p99_ms errors ratio target result cpu_us/req cpu_ratio
	for name in $databases; do
		file=$results/$name-ceiling-get.json
		[[ -f $file ]] || { printf '%-9s SKIPPED\n' "$name"; continue; }
		ceiling=$(field "$file" rps)
		ceiling_cpu=$(field "$file" total)
		for run in ceiling:get:GetOrganization server:get:GetOrganization server:list:ListOrganizations \
			mixed:get:GetOrganization mixed:list:ListOrganizations; do
			IFS=: read -r who proc label <<<"$run"
			file=$results/$name-$who-$proc.json
			[[ -f $file ]] || continue
			rps=$(field "$file" rps)
			p50=$(field "$file" p50_ms)
			p99=$(field "$file" p99_ms)
			errors=$(field "$file" errors)
			cpu=$(field "$file" total)
			cpu_ratio=$(awk -v a="$ceiling_cpu" -v b="$cpu" 'BEGIN { if (a > 0 && b > 0) printf "%.2f", a / b; else print "-" }')
			cpu=$(awk -v c="$cpu" 'BEGIN { if (c > 0) printf "%.0f", c; else print "-" }')
			ratio=$(awk -v a="$rps" -v b="$ceiling" 'BEGIN { printf "%.2f", a / b }')
			if [[ $who == ceiling ]]; then
				target="" verdict=""
			else
				target=$target_get
				[[ $proc == list ]] && target=$target_list
				if [[ $who == mixed ]]; then
					target=$target_get_mixed
					[[ $proc == list ]] && target=$target_list_mixed
				fi
				verdict=$(awk -v r="$ratio" -v t="$target" 'BEGIN { print (r >= t) ? "met" : "MISSED" }')
				target=">=$target"
			fi
			printf '%-9s %-8s %-18s %9.0f %9.2f %9.2f %7s %7s %7s  %-7s %10s %9s\n' \
				"$name" "$who" "$label" "$rps" "$p50" "$p99" "$errors" "$ratio" "$target" "$verdict" "$cpu" "$cpu_ratio"
			if [[ $who == mixed ]]; then
				local wrps wp50 wp99 werrors wskipped
				wrps=$(field "$file" write_rps) wp50=$(field "$file" write_p50_ms) wp99=$(field "$file" write_p99_ms)
				werrors=$(field "$file" write_errors) wskipped=$(field "$file" writes_skipped)
				verdict=$(awk -v p="${wp99:-1e9}" -v t="$target_write_p99_ms" 'BEGIN { print (p < t) ? "met" : "MISSED" }')
				printf '%-9s %-8s %-18s %9.1f %9.2f %9.2f %7s %7s %7s  %-7s\n' \
					"$name" "" "  writes beside it" "${wrps:-0}" "${wp50:-0}" "${wp99:-0}" "$((${werrors:-0} + ${wskipped:-0}))" "" "p99<${target_write_p99_ms}" "$verdict"
				local kind kp50 kp99
				for kind in update:updates signin:sign-ins; do
					kp50=$(field "$file" "${kind%%:*}_p50_ms") kp99=$(field "$file" "${kind%%:*}_p99_ms")
					printf '%-9s %-8s %-18s %9s %9.2f %9.2f\n' "$name" "" "    ${kind#*:}" "" "${kp50:-0}" "${kp99:-0}"
				done
			fi
		done
	done
	echo
	echo "ratio      = requests per second / the ceiling's (GetOrganization, one primary-key SELECT) on the same database"
	echo "mixed      = the same reads with $writes writes per second beside them (4/5 UpdateOrganization on random"
	echo "             organizations, 1/5 sign-ins); the writes' own rate and latency are on the line below it"
	echo "cpu_us/req = CPU time per request of load generator + server (+ Postgres, when the script started it), in µs"
	echo "cpu_ratio  = the ceiling's cpu_us/req / this one's: what the ratio would be if CPU were the only limit,"
	echo "             steadier than the ratio when other work shares the machine"
}

for name in $databases; do
	bench_database "$name"
done
report | tee "$results/summary.txt"
cp "$results/summary.txt" "$root/bench/results/latest.txt"
log "results in ${results#"$root"/}"
if grep -q MISSED "$results/summary.txt"; then
	echo "MISSED: at least one target was not met (see above)"
fi
