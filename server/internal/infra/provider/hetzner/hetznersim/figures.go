package hetznersim

import (
	"math"
	"strconv"
)

// Figures are a pure function of seed, server and time, so every request
// costs the same small amount of work whatever the fleet's size, and two
// requests for the same moment agree.

// Series ids keep the noise of different series independent.
const (
	seriesCPU = iota + 1
	seriesNetIn
	seriesNetOut
	seriesDiskRead
	seriesDiskWrite
)

// daily is a smooth curve over the day in German local time (CET; summer
// time ignored), 1 in the mid-afternoon peak and 0 before dawn; phase shifts
// it per server by up to an hour and a half.
func daily(t int64, phase float64) float64 {
	h := math.Mod(float64(t)/3600+1+phase, 24)
	return 0.5 + 0.5*math.Cos(2*math.Pi*(h-15)/24)
}

func splitmix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// noise is a repeatable value in [-1, 1) for one series of one server in
// one minute.
func noise(seed, id int64, series int, minute int64) float64 {
	x := splitmix(uint64(seed) ^ splitmix(uint64(id)^splitmix(uint64(series)<<40^uint64(minute))))
	return float64(x>>11)/(1<<53)*2 - 1
}

func clamp(v, lo, hi float64) float64 { return math.Max(lo, math.Min(hi, v)) }

// cpuPercent is the server's CPU use at t in percent of all its cores.
func (s *server) cpuPercent(seed, t int64) float64 {
	v := s.cpuBase + s.cpuAmp*daily(t, s.phase) + 3*noise(seed, s.id, seriesCPU, t/60)
	return clamp(v, 2, 90)
}

// netBandwidth is what the public interface receives and sends at t, in
// bytes per second.
func (s *server) netBandwidth(seed, t int64) (in, out float64) {
	d := daily(t, s.phase)
	in = s.netIn * (0.2 + 0.8*d) * (1 + 0.15*noise(seed, s.id, seriesNetIn, t/60))
	out = in * s.outRatio * (1 + 0.1*noise(seed, s.id, seriesNetOut, t/60))
	return in, out
}

// diskBandwidth is what the server reads and writes at t, in bytes per
// second.
func (s *server) diskBandwidth(seed, t int64) (read, write float64) {
	d := daily(t, s.phase)
	read = s.diskBW * (0.3 + 0.7*d) * (1 + 0.2*noise(seed, s.id, seriesDiskRead, t/60))
	write = 0.6 * s.diskBW * (0.4 + 0.6*d) * (1 + 0.2*noise(seed, s.id, seriesDiskWrite, t/60))
	return read, write
}

// series computes the named time series at t the way the API reports it.
// CPU is per vCPU, as the API documents under Get Metrics for a Server: "a
// value of 100 represents full utilization on a 1-vCPU server, and 25%
// utilization on a 4-vCPU server", so a busy server reports more than 100.
func (s *server) series(name string, seed, t int64) float64 {
	switch name {
	case "cpu":
		return s.cpuPercent(seed, t) * float64(s.typ.Cores)
	case "network.0.bandwidth.in", "network.0.bandwidth.out", "network.0.pps.in", "network.0.pps.out":
		in, out := s.netBandwidth(seed, t)
		switch name {
		case "network.0.bandwidth.in":
			return in
		case "network.0.bandwidth.out":
			return out
		case "network.0.pps.in":
			return in / 600
		default:
			return out / 900
		}
	default:
		read, write := s.diskBandwidth(seed, t)
		switch name {
		case "disk.0.bandwidth.read":
			return read
		case "disk.0.bandwidth.write":
			return write
		case "disk.0.iops.read":
			return read / 16384
		default:
			return write / 8192
		}
	}
}

var seriesByType = map[string][]string{
	"cpu":     {"cpu"},
	"disk":    {"disk.0.iops.read", "disk.0.iops.write", "disk.0.bandwidth.read", "disk.0.bandwidth.write"},
	"network": {"network.0.pps.in", "network.0.pps.out", "network.0.bandwidth.in", "network.0.bandwidth.out"},
}

// formatValue writes a value as the API does: a decimal in a string.
func formatValue(v float64) string {
	return strconv.FormatFloat(math.Round(v*1e4)/1e4, 'f', -1, 64)
}
