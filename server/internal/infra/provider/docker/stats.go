package docker

import (
	"context"
	"encoding/json"
	"time"

	"github.com/moby/moby/api/types/container"
	"github.com/moby/moby/client"

	"github.com/leitstand/leitstand/server/internal/infra/provider"
)

// minWaitTimeout is the shortest call timeout that leaves room for the
// engine's second-long wait for a previous sample.
const minWaitTimeout = 5 * time.Second

// counters are a running container's cumulative figures at one reading.
type counters struct {
	started time.Time // the run they belong to
	read    time.Time // the engine's clock
	cpu     uint64    // container CPU time, ns
	system  uint64    // host CPU time, ns
	rx, tx  uint64    // bytes over all interfaces
}

// stats reads one sample. With a baseline of its own from the last
// snapshot it asks for a one-shot sample, which the engine answers at
// once; without one it lets the engine take two samples (about a second
// apart), so that the first snapshot has CPU figures too — unless the
// timeout is too short for that wait, when CPU shows from the second
// snapshot on. The result is nil if the container stopped in between.
func (p *Provider) stats(ctx context.Context, cli *client.Client, id string, old counters, hasOld bool, ncpu int, memTotal int64) (*provider.ContainerSample, *counters, error) {
	ctx, cancel := p.call(ctx)
	defer cancel()
	res, err := cli.ContainerStats(ctx, id, client.ContainerStatsOptions{
		IncludePreviousSample: !hasOld && p.cfg.CallTimeout() >= minWaitTimeout,
	})
	if err != nil {
		return nil, nil, p.fail(cli, err)
	}
	defer func() { _ = res.Body.Close() }()
	var st container.StatsResponse
	if err := json.NewDecoder(res.Body).Decode(&st); err != nil {
		return nil, nil, classify(err)
	}
	if st.Read.Year() <= 1 {
		return nil, nil, nil
	}

	cur := counters{read: st.Read, cpu: st.CPUStats.CPUUsage.TotalUsage, system: st.CPUStats.SystemUsage}
	for _, n := range st.Networks {
		cur.rx += n.RxBytes
		cur.tx += n.TxBytes
	}

	s := &provider.ContainerSample{
		MemoryUsed:  int64(memoryUsed(st.MemoryStats)),
		MemoryLimit: int64(st.MemoryStats.Limit),
	}
	// cgroup v1 reports "no limit" as a number near 2^63.
	if s.MemoryLimit <= 0 || (memTotal > 0 && s.MemoryLimit > memTotal) {
		s.MemoryLimit = memTotal
	}
	online := onlineCPUs(st.CPUStats, ncpu)
	if pct, ok := cpuPercent(cur.cpu, cur.system, st.PreCPUStats.CPUUsage.TotalUsage, st.PreCPUStats.SystemUsage, online); ok {
		s.CPUPercent = pct
	} else if hasOld {
		if pct, ok := cpuPercent(cur.cpu, cur.system, old.cpu, old.system, online); ok {
			s.CPUPercent = pct
		}
	}
	if hasOld {
		// Counters start again with a new network namespace; a drop
		// means a run we did not see, not negative traffic.
		if dt := cur.read.Sub(old.read).Seconds(); dt > 0 && cur.rx >= old.rx && cur.tx >= old.tx {
			s.NetInBytesPerSecond = float64(cur.rx-old.rx) / dt
			s.NetOutBytesPerSecond = float64(cur.tx-old.tx) / dt
		}
	}
	return s, &cur, nil
}

// cpuPercent is the docker CLI's figure: the container's share of the
// host's CPU time over the interval, times the online CPUs, so one busy
// core is 100 %.
func cpuPercent(cpu, system, preCPU, preSystem uint64, online int) (float64, bool) {
	if preSystem == 0 || system <= preSystem || cpu < preCPU {
		return 0, false
	}
	return float64(cpu-preCPU) / float64(system-preSystem) * float64(online) * 100, true
}

// onlineCPUs follows the API's advice for engines that do not report
// online_cpus: count the per-CPU figures, else take the host's.
func onlineCPUs(s container.CPUStats, ncpu int) int {
	if s.OnlineCPUs > 0 {
		return int(s.OnlineCPUs)
	}
	if n := len(s.CPUUsage.PercpuUsage); n > 0 {
		return n
	}
	return max(ncpu, 1)
}

// memoryUsed is usage without the page cache the kernel can drop, as the
// Engine API documentation says: minus "cache" on cgroup v1, minus
// "inactive_file" on cgroup v2.
func memoryUsed(m container.MemoryStats) uint64 {
	if v, ok := m.Stats["cache"]; ok {
		if v < m.Usage {
			return m.Usage - v
		}
		return m.Usage
	}
	if v, ok := m.Stats["inactive_file"]; ok && v < m.Usage {
		return m.Usage - v
	}
	return m.Usage
}
