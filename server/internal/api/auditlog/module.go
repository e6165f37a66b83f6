package auditlog

import (
	"context"
	"fmt"

	"github.com/leitstand/leitstand/gen/go/leitstand/admin/v1/adminv1connect"
	"github.com/leitstand/leitstand/server/internal/jobs"
	"github.com/leitstand/leitstand/server/internal/module"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/coded"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
)

// Module is the audit trail: AuditService, the daily verification of the
// chain and the head it reached on /metrics. targets names the objects
// events are about, with the namers of every module (Targets.Add).
func Module(w *audit.Writer, targets *Targets) module.Module {
	return module.Module{
		Name:     "audit",
		Enums:    Enums(),
		Prefixes: []ids.Prefix{ids.AuditEvent},
		Services: []module.Service{module.Serve[adminv1connect.AuditServiceHandler](adminv1connect.AuditServiceName, adminv1connect.NewAuditServiceHandler, New(w, targets))},
		Jobs: []jobs.Job{{
			Name:        "audit-verification",
			Title:       "Audit Verification",
			Description: "Recomputes the hash chain of the audit trail and fails, naming the first bad event, if an event was edited, deleted or reordered.",
			Schedule:    jobs.MustSchedule("0 2 * * *"),
			CatchUp:     true,
			Summaries:   []jobs.SummaryCode{auditEventsChecked, auditChainIntact},
			Run: func(ctx context.Context, _ jobs.Run) (jobs.Summary, error) {
				v, err := w.Verify(ctx)
				if err != nil {
					return jobs.Summary{}, err
				}
				events := map[string]string{"events": coded.Int(v.Events)}
				if !v.OK {
					// The problem names the first bad event. Another attempt
					// would find the same, so the run fails without retries.
					return auditEventsChecked.Of(fmt.Sprintf("checked %d events", v.Events), events),
						jobs.Permanent(fmt.Errorf("audit chain broken: %s", v.Problem))
				}
				return auditChainIntact.Of(fmt.Sprintf("audit chain intact: %d events verified", v.Events), events), nil
			},
		}},
		Collectors: w.Collectors(),
	}
}

// What an audit verification did: found the chain intact, or checked
// events before it found one broken.
var (
	auditChainIntact   = jobs.SummaryCode{Code: "audit-chain-intact", Params: []string{"events"}}
	auditEventsChecked = jobs.SummaryCode{Code: "audit-events-checked", Params: []string{"events"}}
)
