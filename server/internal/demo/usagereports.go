package demo

import (
	"context"
	"fmt"

	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/usagereport"
)

// demoReportMonths is how many ended months the demo has stored usage
// reports of for every billing entity.
const demoReportMonths = 3

// UsageReports stores the usage reports of the months that have ended, as
// the monthly job does on the first of a month: the job itself (every
// month since the licensee's customers exist), then the last months of
// every billing entity, the resellers too, whose customers the demo makes
// today but whose support time it dates back.
func (s *Seeder) UsageReports(ctx context.Context) error {
	if s.UsageReportService == nil {
		return nil
	}
	sys := authz.System(ctx)
	if _, err := s.UsageReportService.StoreMonthly(sys); err != nil {
		return fmt.Errorf("demo usage reports: %w", err)
	}
	entities, err := s.Client.BillingEntity.Query().IDs(sys)
	if err != nil {
		return err
	}
	current := usagereport.MonthOf(s.Clock.Now())
	for _, be := range entities {
		for n := demoReportMonths; n >= 1; n-- {
			if _, err := s.UsageReportService.StoreMonth(sys, be, current.Add(-n)); err != nil {
				return fmt.Errorf("demo usage report %s: %w", current.Add(-n), err)
			}
		}
	}
	return nil
}
