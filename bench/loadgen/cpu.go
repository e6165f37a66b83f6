package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// CPU accounting: on a machine the load generator shares with the server and
// the database, requests per second move with whatever else runs. The CPU
// time each process spends per request moves much less, so it is measured
// too, over the same window as the requests, from /proc (Linux only).

// userHZ is the unit of the CPU times in /proc/PID/stat, fixed at 100 by the
// Linux ABI.
const userHZ = 100

// cpuTarget is a process whose CPU time is measured, with its descendants
// (a Postgres postmaster and its backends).
type cpuTarget struct {
	name string
	pid  int
}

// parseCPUPids reads "server=123,db=456".
func parseCPUPids(s string) ([]cpuTarget, error) {
	var ts []cpuTarget
	for _, part := range strings.Split(s, ",") {
		if part = strings.TrimSpace(part); part == "" {
			continue
		}
		name, pid, ok := strings.Cut(part, "=")
		n, err := strconv.Atoi(pid)
		if !ok || name == "" || err != nil || n <= 0 {
			return nil, fmt.Errorf("-cpu-pids: %q is not name=pid", part)
		}
		ts = append(ts, cpuTarget{name, n})
	}
	return ts, nil
}

// cpuSnapshot is the CPU time used so far, by name, in clock ticks.
type cpuSnapshot map[string]int64

// takeCPU reads the CPU time of the load generator itself and of each target
// with all its descendants. A process it cannot read counts as zero.
func takeCPU(targets []cpuTarget) cpuSnapshot {
	snap := cpuSnapshot{"loadgen": 0}
	if t, _, err := procStat(os.Getpid()); err == nil {
		snap["loadgen"] = t
	}
	if len(targets) == 0 {
		return snap
	}
	children := map[int][]int{}
	ticks := map[int]int64{}
	dirs, _ := filepath.Glob("/proc/[0-9]*")
	for _, d := range dirs {
		pid, err := strconv.Atoi(filepath.Base(d))
		if err != nil {
			continue
		}
		t, ppid, err := procStat(pid)
		if err != nil {
			continue // exited meanwhile
		}
		ticks[pid] = t
		children[ppid] = append(children[ppid], pid)
	}
	for _, tg := range targets {
		var sum int64
		queue := []int{tg.pid}
		for len(queue) > 0 {
			p := queue[0]
			queue = queue[1:]
			sum += ticks[p]
			queue = append(queue, children[p]...)
		}
		snap[tg.name] += sum
	}
	return snap
}

// procStat returns utime+stime and the parent of pid.
func procStat(pid int) (ticks int64, ppid int, err error) {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return 0, 0, err
	}
	// The command name in parentheses may contain spaces; the fields after
	// it start with the state (field 3).
	s := string(b)
	i := strings.LastIndexByte(s, ')')
	if i < 0 {
		return 0, 0, fmt.Errorf("malformed /proc/%d/stat", pid)
	}
	f := strings.Fields(s[i+1:])
	if len(f) < 13 {
		return 0, 0, fmt.Errorf("malformed /proc/%d/stat", pid)
	}
	ppid, _ = strconv.Atoi(f[1])
	utime, _ := strconv.ParseInt(f[11], 10, 64)
	stime, _ := strconv.ParseInt(f[12], 10, 64)
	return utime + stime, ppid, nil
}

// cpuPerRequest turns two snapshots into microseconds of CPU per request.
func cpuPerRequest(before, after cpuSnapshot, requests int) map[string]float64 {
	if requests == 0 || before == nil || after == nil {
		return nil
	}
	out := map[string]float64{}
	for name, a := range after {
		d := a - before[name]
		out[name] = float64(d) / userHZ * float64(time.Second/time.Microsecond) / float64(requests)
	}
	return out
}
