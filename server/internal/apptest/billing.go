package apptest

import (
	"context"
	"testing"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/internal/demo"
	"github.com/leitstand/leitstand/server/internal/organization"
	"github.com/leitstand/leitstand/server/internal/plan"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
)

// The billing fixtures tests of money share: an issuer that can invoice,
// plans, and customers with the postal address an invoice must name.

// Issuer gives the platform the demo's company, tax, bank and invoice
// settings, so that it can issue invoices.
func (e *Env) Issuer(t testing.TB) {
	t.Helper()
	if _, _, err := e.Settings.Update(authz.System(context.Background()), demo.PlatformSettings,
		[]string{"company", "tax", "bank", "invoice"}, "test fixture"); err != nil {
		t.Fatalf("issuer settings: %v", err)
	}
}

// Plan creates a plan offering contracts on terms, ranked rank.
func (e *Env) Plan(t testing.TB, name string, rank int, terms plan.Terms) uuid.UUID {
	t.Helper()
	p, err := e.Plans.Create(authz.System(context.Background()), plan.Values{Name: name, Rank: rank, Terms: terms}, "test fixture")
	if err != nil {
		t.Fatalf("create plan %s: %v", name, err)
	}
	return p.ID
}

// Customer creates an organization with a postal address in Kiel on
// plan planID.
func (e *Env) Customer(t testing.TB, name string, planID uuid.UUID) uuid.UUID {
	t.Helper()
	o, err := e.Orgs.Create(authz.System(context.Background()), organization.Values{Name: name, Address: organization.Address{
		Line1: "Seeweg 1", PostalCode: "24103", City: "Kiel", CountryCode: "DE"}}, planID, "test fixture")
	if err != nil {
		t.Fatalf("create organization %s: %v", name, err)
	}
	return o.ID
}
