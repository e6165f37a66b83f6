package contracts

import (
	"context"

	"github.com/leitstand/leitstand/gen/go/leitstand/admin/v1/adminv1connect"
	"github.com/leitstand/leitstand/server/internal/account"
	"github.com/leitstand/leitstand/server/internal/contract"
	"github.com/leitstand/leitstand/server/internal/demo"
	"github.com/leitstand/leitstand/server/internal/jobs"
	"github.com/leitstand/leitstand/server/internal/module"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/coded"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
)

// Module is the contracts: ContractService (with the organizations'
// discounts), the job that takes scheduled plan transitions on their day,
// the demo contracts and discounts, and the contracts' and discounts' names
// in the audit trail.
func Module(s *contract.Service, accounts *account.Service, seed *demo.Seeder) module.Module {
	return module.Module{
		Name:     "contracts",
		Enums:    Enums(),
		Demo:     seed.Contracts,
		Prefixes: []ids.Prefix{ids.Contract, ids.Discount},
		Services: []module.Service{
			module.Serve[adminv1connect.ContractServiceHandler](adminv1connect.ContractServiceName, adminv1connect.NewContractServiceHandler, New(s, accounts)),
		},
		Jobs: []jobs.Job{{
			Name:  "plan-transitions",
			Title: "Plan Transitions",
			Description: "Takes every scheduled move to another plan whose start date has come in its organization's calendar: " +
				"the old contract ends and the new one becomes active. The billing run takes a transition due on its day itself, " +
				"so that day's invoice is on the new plan either way.",
			// Just after midnight in Central Europe, before the billing run.
			Schedule: jobs.MustSchedule("15 0 * * *"),
			// Every transition due is taken whenever the job runs.
			CatchUp:   true,
			Summaries: []jobs.SummaryCode{transitionsTaken},
			Run: func(ctx context.Context, _ jobs.Run) (jobs.Summary, error) {
				r, err := s.TakeDue(ctx)
				return transitionsTaken.Of(
					"took "+coded.Int(r.Taken)+" plan transitions; "+coded.Int(r.Waiting)+" wait for their day",
					map[string]string{"taken": coded.Int(r.Taken), "waiting": coded.Int(r.Waiting)}), err
			},
		}},
		Names: []audit.Namer{
			{Prefix: ids.Contract, Permission: authz.ContractsRead, Names: s.Names},
			{Prefix: ids.Discount, Permission: authz.ContractsRead, Names: s.DiscountNames},
		},
	}
}

// What the contracts' job did.
var transitionsTaken = jobs.SummaryCode{Code: "plan-transitions-taken", Params: []string{"taken", "waiting"}}
