package api

import (
	"context"
	"errors"
	"time"

	"connectrpc.com/connect"
	"github.com/prometheus/client_golang/prometheus"
)

// metricsInterceptor counts calls and their durations per procedure and code.
type metricsInterceptor struct {
	calls    *prometheus.CounterVec
	duration *prometheus.HistogramVec
}

func newMetricsInterceptor(reg prometheus.Registerer) *metricsInterceptor {
	m := &metricsInterceptor{
		calls: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "leitstand_rpc_calls_total", Help: "RPC calls by procedure and result code.",
		}, []string{"procedure", "code"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "leitstand_rpc_duration_seconds", Help: "RPC handling time by procedure.",
			Buckets: prometheus.ExponentialBuckets(0.0005, 2, 14),
		}, []string{"procedure"}),
	}
	reg.MustRegister(m.calls, m.duration)
	return m
}

func (m *metricsInterceptor) observe(procedure string, start time.Time, err error) {
	code := "ok"
	if err != nil {
		var ce *connect.Error
		if errors.As(err, &ce) {
			code = ce.Code().String()
		} else {
			code = connect.CodeUnknown.String()
		}
	}
	m.calls.WithLabelValues(procedure, code).Inc()
	m.duration.WithLabelValues(procedure).Observe(time.Since(start).Seconds())
}

func (m *metricsInterceptor) WrapUnary(next connect.UnaryFunc) connect.UnaryFunc {
	return func(ctx context.Context, req connect.AnyRequest) (connect.AnyResponse, error) {
		start := time.Now()
		res, err := next(ctx, req)
		m.observe(req.Spec().Procedure, start, err)
		return res, err
	}
}

func (m *metricsInterceptor) WrapStreamingClient(next connect.StreamingClientFunc) connect.StreamingClientFunc {
	return next
}

func (m *metricsInterceptor) WrapStreamingHandler(next connect.StreamingHandlerFunc) connect.StreamingHandlerFunc {
	return func(ctx context.Context, conn connect.StreamingHandlerConn) error {
		start := time.Now()
		err := next(ctx, conn)
		m.observe(conn.Spec().Procedure, start, err)
		return err
	}
}
