package jobs

import (
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// metrics let alerting see what the dashboard shows: failing jobs, slow
// jobs, and jobs that stopped running at all (the last success time).
type metrics struct {
	runs        *prometheus.CounterVec
	duration    *prometheus.HistogramVec
	lastSuccess *prometheus.GaugeVec
}

func newMetrics() *metrics {
	return &metrics{
		runs: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "leitstand_job_runs_total", Help: "Finished job attempts by job and outcome, on this replica.",
		}, []string{"job", "outcome"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "leitstand_job_duration_seconds", Help: "Duration of finished job attempts.",
			Buckets: prometheus.ExponentialBuckets(0.01, 4, 10),
		}, []string{"job"}),
		lastSuccess: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "leitstand_job_last_success_timestamp_seconds", Help: "When a job last succeeded on this replica (Unix time).",
		}, []string{"job"}),
	}
}

// Collectors are the runner's metrics, for the jobs module to declare.
func (r *Runner) Collectors() []prometheus.Collector {
	return []prometheus.Collector{r.metrics.runs, r.metrics.duration, r.metrics.lastSuccess}
}

func (m *metrics) observe(job string, o Outcome, d time.Duration, end time.Time) {
	m.runs.WithLabelValues(job, string(o)).Inc()
	m.duration.WithLabelValues(job).Observe(d.Seconds())
	if o == OutcomeSucceeded {
		m.lastSuccess.WithLabelValues(job).Set(float64(end.Unix()))
	}
}
