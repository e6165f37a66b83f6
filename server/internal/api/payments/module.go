// Package payments is the payments' module: money recorded against
// invoices, the organizations' balances, and the bank statements whose
// credits pay invoices.
package payments

import (
	"github.com/leitstand/leitstand/gen/go/leitstand/admin/v1/adminv1connect"
	"github.com/leitstand/leitstand/server/internal/demo"
	"github.com/leitstand/leitstand/server/internal/module"
	"github.com/leitstand/leitstand/server/internal/payment"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
)

// Module is the payments.
func Module(s *payment.Service, seed *demo.Seeder) module.Module {
	return module.Module{
		Name:     "payments",
		Enums:    Enums(),
		Demo:     seed.Payments,
		Prefixes: []ids.Prefix{ids.Payment, ids.BankStatement, ids.BankLine},
		Services: []module.Service{
			module.Serve[adminv1connect.PaymentServiceHandler](adminv1connect.PaymentServiceName, adminv1connect.NewPaymentServiceHandler, New(s)),
			module.Serve[adminv1connect.BankStatementServiceHandler](adminv1connect.BankStatementServiceName,
				adminv1connect.NewBankStatementServiceHandler, NewBank(s)),
		},
		Names: []audit.Namer{{Prefix: ids.Payment, Permission: authz.PaymentsRead, Names: s.Names}},
	}
}
