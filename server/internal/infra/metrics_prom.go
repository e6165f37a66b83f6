package infra

import (
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// promMetrics let alerting see what the servers page shows: providers that
// fail or slow down, and how many servers are in which health.
type promMetrics struct {
	snapshots *prometheus.CounterVec
	duration  *prometheus.HistogramVec
	servers   *prometheus.GaugeVec
}

func newPromMetrics() *promMetrics {
	return &promMetrics{
		snapshots: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "leitstand_sync_connection_runs_total", Help: "Connection syncs by connection, provider kind and outcome (ok, failed).",
		}, []string{"connection", "kind", "outcome"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "leitstand_sync_connection_duration_seconds", Help: "How long reading a connection's snapshot took.",
			Buckets: prometheus.ExponentialBuckets(0.05, 2, 11),
		}, []string{"connection", "kind"}),
		servers: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "leitstand_servers", Help: "Servers by health, as of the last sync on this replica.",
		}, []string{"health"}),
	}
}

// Collectors are the sync's metrics, for the area's module to declare.
func (s *Service) Collectors() []prometheus.Collector {
	return []prometheus.Collector{s.prom.snapshots, s.prom.duration, s.prom.servers}
}

func (m *promMetrics) snapshot(name, kind string, took time.Duration, err error) {
	outcome := "ok"
	if err != nil {
		outcome = "failed"
	}
	m.snapshots.WithLabelValues(name, kind, outcome).Inc()
	m.duration.WithLabelValues(name, kind).Observe(took.Seconds())
}

func (m *promMetrics) health(s *HealthSummary) {
	m.servers.WithLabelValues("HEALTHY").Set(float64(s.Healthy))
	m.servers.WithLabelValues("WARNING").Set(float64(s.Warning))
	m.servers.WithLabelValues("CRITICAL").Set(float64(s.Critical))
	m.servers.WithLabelValues("UNKNOWN").Set(float64(s.Unknown))
}
