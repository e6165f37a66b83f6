package demo

import (
	"context"
	"fmt"

	"github.com/leitstand/leitstand/server/internal/plan"
)

// demoPlans are the demo tiers, with terms a German hosting company might
// offer (net of VAT).
var demoPlans = []struct {
	name, description string
	rank              int
	terms             plan.Terms
}{
	{"Free", "Zum Ausprobieren: ein Nutzer, 1 GB, Support nach Aufwand.", 10, plan.Terms{
		MonthlyFeeCents: 0, IncludedUsers: 1, IncludedStorageGB: 1, IncludedSupportMinutes: 0,
		HourlyRateCents: 12000, StorageOverageCentsPerGB: 0, MaxUsers: 1, MaxStorageGB: 1, MaxTrafficGB: 5}},
	{"Basis", "Für kleine Teams: 5 Nutzer, 50 GB und eine Stunde Support im Monat.", 20, plan.Terms{
		MonthlyFeeCents: 2500, IncludedUsers: 5, IncludedStorageGB: 50, IncludedSupportMinutes: 60,
		HourlyRateCents: 9500, StorageOverageCentsPerGB: 40, MaxUsers: 25, MaxStorageGB: 500, MaxTrafficGB: 100}},
	{"Premium", "Für Abteilungen: 25 Nutzer, 250 GB und vier Stunden Support im Monat.", 30, plan.Terms{
		MonthlyFeeCents: 9900, IncludedUsers: 25, IncludedStorageGB: 250, IncludedSupportMinutes: 240,
		HourlyRateCents: 8900, StorageOverageCentsPerGB: 30, MaxUsers: 100, MaxStorageGB: 2000, MaxTrafficGB: 500}},
	{"Enterprise", "Für ganze Unternehmen: 100 Nutzer, 1 TB und zehn Stunden Support im Monat, ohne Obergrenzen.", 40, plan.Terms{
		MonthlyFeeCents: 34900, IncludedUsers: 100, IncludedStorageGB: 1000, IncludedSupportMinutes: 600,
		HourlyRateCents: 7900, StorageOverageCentsPerGB: 20}},
}

// Plans adds the demo tiers. Basis has a second version: its fee went up,
// so its history shows what a change of terms looks like.
func (s *Seeder) Plans(ctx context.Context) error {
	if s.PlanService == nil {
		return nil
	}
	for _, p := range demoPlans {
		created, err := s.PlanService.Create(ctx, plan.Values{Name: p.name, Description: p.description, Rank: p.rank, Terms: p.terms}, "demo data")
		if err != nil {
			return fmt.Errorf("plan %s: %w", p.name, err)
		}
		if p.name == "Basis" {
			if _, err := s.PlanService.Update(ctx, created.ID, plan.Values{Terms: plan.Terms{MonthlyFeeCents: 2900}},
				[]string{"terms.monthly_fee_cents"}, "Preisanpassung zum 1. Januar"); err != nil {
				return fmt.Errorf("plan %s: %w", p.name, err)
			}
		}
	}
	return nil
}
