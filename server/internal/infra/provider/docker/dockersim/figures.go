package dockersim

import (
	"math"
	"time"
)

// epoch anchors the simulator's curves, so that the same wall-clock time
// gives the same figures in every run and in every process.
var epoch = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)

const day = 24 * 60 * 60 // seconds

// mix is splitmix64: a cheap, well-spread hash, so that any figure can be
// derived from (key, minute) in O(1) without keeping history.
func mix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// noise is a repeatable value in [-0.5, 0.5) for a key and a minute.
func noise(key uint64, minute int64) float64 {
	return float64(mix(key^uint64(minute)*0x2545f4914f6cdd1d)>>11)/float64(1<<53) - 0.5
}

func seconds(t time.Time) float64 { return t.Sub(epoch).Seconds() }

// wave is a rate that follows the day (peak in the early afternoon), with
// a per-item phase and minute-to-minute jitter. Engines report CPU time and
// network bytes as counters, so the simulator needs the rate's integral:
// the jitter is the derivative of a piecewise-linear function of minute
// noise, which keeps the integral O(1) and the counters monotonic as long
// as mean > amp + jitter.
type wave struct {
	mean, amp, jitter float64
	phase             float64
	key               uint64
}

func (w wave) omega() float64 { return 2 * math.Pi / day }

// rate is the value at time s (seconds since epoch).
func (w wave) rate(s float64) float64 {
	m := math.Floor(s / 60)
	slope := noise(w.key, int64(m)+1) - noise(w.key, int64(m))
	return w.mean + w.amp*math.Sin(w.omega()*s+w.phase) + w.jitter*slope
}

// integral is an antiderivative of rate.
func (w wave) integral(s float64) float64 {
	m := math.Floor(s / 60)
	frac := s/60 - m
	n0, n1 := noise(w.key, int64(m)), noise(w.key, int64(m)+1)
	return w.mean*s - w.amp/w.omega()*math.Cos(w.omega()*s+w.phase) + w.jitter*60*(n0+(n1-n0)*frac)
}

// between is the integral of rate from a to b (0 if b is not after a).
func (w wave) between(a, b time.Time) float64 {
	if !b.After(a) {
		return 0
	}
	v := w.integral(seconds(b)) - w.integral(seconds(a))
	if v < 0 {
		return 0
	}
	return v
}

// level is a slowly moving level around base (memory), ±amp over the day
// and a little noise per minute.
func level(base, amp float64, phase float64, key uint64, t time.Time) float64 {
	s := seconds(t)
	m := int64(math.Floor(s / 60))
	return base * (1 + amp*math.Sin(2*math.Pi/day*s+phase) + 0.04*noise(key, m))
}

// afternoonPhase puts a wave's peak at about 14:00 UTC, shifted by offset
// hours, so that a fleet's load rises and falls together but not in lockstep.
func afternoonPhase(offsetHours float64) float64 {
	return math.Pi/2 - 2*math.Pi*(14+offsetHours)/24
}
