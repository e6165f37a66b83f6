package module_test

import (
	"net/http"
	"testing"

	"connectrpc.com/connect"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/leitstand/leitstand/server/internal/module"
)

type greeter interface{ Greet() string }

type handler struct{}

func (handler) Greet() string { return "hello" }

func TestServeMountsTheHandlerWithTheSharedOptions(t *testing.T) {
	t.Parallel()
	var got greeter
	var opts int
	newHandler := func(h greeter, o ...connect.HandlerOption) (string, http.Handler) {
		got, opts = h, len(o)
		return "/x.v1.GreeterService/", http.NotFoundHandler()
	}
	s := module.Serve[greeter]("x.v1.GreeterService", newHandler, handler{})
	path, _ := s.Mount(connect.WithReadMaxBytes(1), connect.WithCompressMinBytes(1))
	if s.Name != "x.v1.GreeterService" || path != "/x.v1.GreeterService/" || got == nil || got.Greet() != "hello" || opts != 2 {
		t.Errorf("Serve = %q mounted at %q with %v and %d options", s.Name, path, got, opts)
	}
}

func TestRegisterRegistersWhatEveryModuleDeclares(t *testing.T) {
	t.Parallel()
	a := prometheus.NewCounter(prometheus.CounterOpts{Name: "a_total", Help: "a"})
	b := prometheus.NewCounter(prometheus.CounterOpts{Name: "b_total", Help: "b"})
	reg := prometheus.NewRegistry()
	module.Register(reg, module.Module{Name: "one", Collectors: []prometheus.Collector{a}}, module.Module{Name: "two", Collectors: []prometheus.Collector{b}})
	mfs, err := reg.Gather()
	if err != nil || len(mfs) != 2 {
		t.Errorf("gathered %d metric families (%v), want 2", len(mfs), err)
	}
}
