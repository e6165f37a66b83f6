package dockersim

import (
	"encoding/json"
	"net/http"
	"time"
)

type cpuUsageJSON struct {
	TotalUsage        uint64 `json:"total_usage"`
	UsageInKernelmode uint64 `json:"usage_in_kernelmode"`
	UsageInUsermode   uint64 `json:"usage_in_usermode"`
}

type throttlingJSON struct {
	Periods          uint64 `json:"periods"`
	ThrottledPeriods uint64 `json:"throttled_periods"`
	ThrottledTime    uint64 `json:"throttled_time"`
}

type cpuStatsJSON struct {
	CPUUsage       cpuUsageJSON   `json:"cpu_usage"`
	SystemCPUUsage uint64         `json:"system_cpu_usage,omitempty"`
	OnlineCPUs     uint32         `json:"online_cpus,omitempty"`
	ThrottlingData throttlingJSON `json:"throttling_data"`
}

type memoryStatsJSON struct {
	Usage uint64            `json:"usage,omitempty"`
	Stats map[string]uint64 `json:"stats,omitempty"`
	Limit uint64            `json:"limit,omitempty"`
}

type netStatsJSON struct {
	RxBytes   uint64 `json:"rx_bytes"`
	RxPackets uint64 `json:"rx_packets"`
	RxErrors  uint64 `json:"rx_errors"`
	RxDropped uint64 `json:"rx_dropped"`
	TxBytes   uint64 `json:"tx_bytes"`
	TxPackets uint64 `json:"tx_packets"`
	TxErrors  uint64 `json:"tx_errors"`
	TxDropped uint64 `json:"tx_dropped"`
}

type blkioEntryJSON struct {
	Major uint64 `json:"major"`
	Minor uint64 `json:"minor"`
	Op    string `json:"op"`
	Value uint64 `json:"value"`
}

// statsJSON is a cgroup v2 host's sample: on v2 the engine leaves out
// percpu_usage, max_usage, failcnt and all blkio lists but one.
type statsJSON struct {
	Name      string `json:"name"`
	ID        string `json:"id"`
	Read      string `json:"read"`
	Preread   string `json:"preread"`
	PidsStats struct {
		Current uint64 `json:"current,omitempty"`
		Limit   uint64 `json:"limit,omitempty"`
	} `json:"pids_stats"`
	BlkioStats struct {
		IoServiceBytesRecursive []blkioEntryJSON `json:"io_service_bytes_recursive"`
		IoServicedRecursive     []blkioEntryJSON `json:"io_serviced_recursive"`
		IoQueueRecursive        []blkioEntryJSON `json:"io_queue_recursive"`
		IoServiceTimeRecursive  []blkioEntryJSON `json:"io_service_time_recursive"`
		IoWaitTimeRecursive     []blkioEntryJSON `json:"io_wait_time_recursive"`
		IoMergedRecursive       []blkioEntryJSON `json:"io_merged_recursive"`
		IoTimeRecursive         []blkioEntryJSON `json:"io_time_recursive"`
		SectorsRecursive        []blkioEntryJSON `json:"sectors_recursive"`
	} `json:"blkio_stats"`
	NumProcs     uint32                  `json:"num_procs"`
	StorageStats struct{}                `json:"storage_stats"`
	CPUStats     cpuStatsJSON            `json:"cpu_stats"`
	PreCPUStats  cpuStatsJSON            `json:"precpu_stats"`
	MemoryStats  memoryStatsJSON         `json:"memory_stats"`
	Networks     map[string]netStatsJSON `json:"networks,omitempty"`
}

// view is a container's mutable state copied out under the lock.
type view struct {
	c       *ctr
	state   string
	started time.Time
	since   time.Time
}

func (s *Server) stats(w http.ResponseWriter, r *http.Request, ref string) {
	q := r.URL.Query()
	stream := q.Get("stream") == "" || boolParam(q.Get("stream"))
	oneShot := boolParam(q.Get("one-shot"))
	if stream && oneShot {
		writeError(w, http.StatusBadRequest, "cannot have stream=true and one-shot=true")
		return
	}
	s.mu.RLock()
	c := s.lookup(ref)
	var v view
	if c != nil {
		v = view{c: c, state: c.state, started: c.startedAt, since: c.since}
	}
	s.mu.RUnlock()
	if c == nil {
		noSuchContainer(w, ref)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusOK)
	enc := json.NewEncoder(w)
	if !stream {
		// The engine waits for its next sample (about a second) to fill
		// precpu_stats; the simulator computes that sample at once.
		prev := time.Time{}
		if !oneShot {
			prev = s.now().Add(-time.Second)
		}
		_ = enc.Encode(s.sample(v, s.now(), prev))
		return
	}
	// Streaming: one sample a second, each carrying the one before, until
	// the client goes away.
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	prev := time.Time{}
	for {
		now := s.now()
		if err := enc.Encode(s.sample(v, now, prev)); err != nil {
			return
		}
		if f, ok := w.(http.Flusher); ok {
			f.Flush()
		}
		prev = now
		select {
		case <-tick.C:
		case <-r.Context().Done():
			return
		case <-s.done:
			return
		}
	}
}

// sample is the stats record at now, with precpu_stats at prev (none if
// prev is zero). A container that does not run has an empty record, as the
// engine sends one.
func (s *Server) sample(v view, now, prev time.Time) statsJSON {
	c := v.c
	out := statsJSON{Name: "/" + c.name, ID: c.id, Read: zeroTime, Preread: zeroTime}
	if v.state != "running" && v.state != "paused" && v.state != "restarting" {
		return out
	}
	at := now
	if v.state == "paused" {
		at = v.since // a frozen cgroup does not count on
	}
	e := s.engine
	out.Read = stamp(now)
	out.CPUStats = s.cpuStats(c, v.started, at)
	if !prev.IsZero() {
		out.Preread = stamp(prev)
		pat := prev
		if v.state == "paused" && v.since.Before(pat) {
			pat = v.since
		}
		out.PreCPUStats = s.cpuStats(c, v.started, pat)
	}
	out.PidsStats.Current = c.pids
	out.PidsStats.Limit = 4 * 1024 * 1024

	limit := c.memLimit
	if limit == 0 {
		limit = uint64(e.memTotal)
	}
	work := level(c.memBase, c.memAmp, c.memPhase, c.memKey, at)
	// Memory builds up in the first minutes after a start.
	if up := at.Sub(v.started).Seconds(); up < 300 {
		work *= 0.4 + 0.6*max(up, 0)/300
	}
	inactive := work * c.cacheFrac
	anon := work * 0.8
	active := work * 0.15
	kernel := work - anon - active
	out.MemoryStats = memoryStatsJSON{
		Usage: uint64(work + inactive),
		Limit: limit,
		Stats: map[string]uint64{
			"anon": uint64(anon), "file": uint64(active + inactive), "kernel": uint64(kernel), "kernel_stack": uint64(kernel * 0.2),
			"pagetables": uint64(kernel * 0.15), "sock": 4096, "shmem": 0, "file_mapped": uint64(active * 0.3),
			"file_dirty": 8192, "file_writeback": 0, "anon_thp": 0, "inactive_anon": uint64(anon * 0.6),
			"active_anon": uint64(anon * 0.4), "inactive_file": uint64(inactive), "active_file": uint64(active),
			"unevictable": 0, "slab_reclaimable": uint64(kernel * 0.35), "slab_unreclaimable": uint64(kernel * 0.3),
			"slab": uint64(kernel * 0.65), "pgfault": uint64(work / 512), "pgmajfault": uint64(work) >> 22,
		},
	}

	// Block I/O is not what Leitstand reads; a plausible pair is enough.
	io := uint64(max(at.Sub(v.started), 0).Seconds()) * 4096
	out.BlkioStats.IoServiceBytesRecursive = []blkioEntryJSON{{Major: 259, Op: "read", Value: io / 3}, {Major: 259, Op: "write", Value: io}}

	rx := c.rx.between(v.started, at)
	tx := c.tx.between(v.started, at)
	if c.proxyIP == "" {
		out.Networks = map[string]netStatsJSON{"eth0": netStats(rx, tx)}
	} else {
		// Two networks: traffic from the proxy network dominates.
		out.Networks = map[string]netStatsJSON{"eth0": netStats(rx*0.2, tx*0.2), "eth1": netStats(rx*0.8, tx*0.8)}
	}
	return out
}

func (s *Server) cpuStats(c *ctr, started, at time.Time) cpuStatsJSON {
	e := s.engine
	total := uint64(c.cpu.between(started, at) * 1e9)
	periods := uint64(max(at.Sub(started), 0) / (100 * time.Millisecond))
	return cpuStatsJSON{
		CPUUsage: cpuUsageJSON{
			TotalUsage:        total,
			UsageInKernelmode: total / 4,
			UsageInUsermode:   total - total/4,
		},
		// The host's counter runs at one second per core per second since boot.
		SystemCPUUsage: uint64(at.Sub(e.boot).Seconds() * float64(e.ncpu) * 1e9),
		OnlineCPUs:     uint32(e.ncpu),
		ThrottlingData: throttlingJSON{Periods: periods},
	}
}

func netStats(rx, tx float64) netStatsJSON {
	return netStatsJSON{
		RxBytes: uint64(rx), RxPackets: uint64(rx / 900),
		TxBytes: uint64(tx), TxPackets: uint64(tx / 1100),
	}
}
