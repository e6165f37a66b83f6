package api

import (
	"github.com/prometheus/client_golang/prometheus/collectors"

	"github.com/leitstand/leitstand/server/internal/module"
)

// Module is the HTTP surface itself, which serves no service of its own:
// the metrics of every call, and those of the process.
func Module(m *Metrics) module.Module {
	return module.Module{
		Name: "http",
		Collectors: append(m.Collectors(),
			collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{})),
	}
}
