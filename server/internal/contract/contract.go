// Package contract keeps the organizations' contracts: which plan version
// each is billed on, with what custom terms, and the moves to other plans.
//
// The rules:
//   - Every organization has exactly one ACTIVE contract. It is made with
//     the organization, in the same change, on the plan chosen then (the
//     lowest-ranked plan that offers contracts when none is), starting on
//     the organization's first day. The database refuses a second ACTIVE
//     contract of an organization (a partial unique index), whichever code
//     tries.
//   - A contract is on one plan version and keeps it until it is moved:
//     a new version of the plan changes no contract.
//   - Custom terms override any of the version's terms for one contract,
//     always with a reason, audited. They are replaced as a whole: a term
//     not given is the plan's again. The terms in force are the version's
//     with the custom terms applied; a cap stays at or above what is
//     included.
//   - A move to another plan, or to the current version of the same plan,
//     is a transition: a SCHEDULED contract starting on one of the
//     organization's billing dates after today (the next when none is
//     named). One may be scheduled at a time (the database refuses a
//     second), and it is cancelled with a reason until its day. On that
//     day the old contract ENDS and the new one becomes ACTIVE, so that
//     day's invoice is on the new plan. The new contract starts without
//     custom terms.
//   - Contracts are never deleted: the ended and the cancelled ones are the
//     organization's contract history.
package contract

import (
	"time"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/internal/billing/calendar"
	"github.com/leitstand/leitstand/server/internal/billing/charges"
	"github.com/leitstand/leitstand/server/internal/plan"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
)

// The statuses of a contract.
const (
	StatusScheduled = "SCHEDULED"
	StatusActive    = "ACTIVE"
	StatusEnded     = "ENDED"
	StatusCancelled = "CANCELLED"
)

// Custom are the custom terms of a contract: each set one overrides the
// plan version's term.
type Custom struct {
	MonthlyFeeCents          *int64
	IncludedUsers            *int
	IncludedStorageGB        *int
	IncludedSupportMinutes   *int
	HourlyRateCents          *int64
	StorageOverageCentsPerGB *int64
	MaxUsers                 *int
	MaxStorageGB             *int
	MaxTrafficGB             *int
}

func override[N int | int64](dst *N, v *N) {
	if v != nil {
		*dst = *v
	}
}

// Apply returns the terms t with the custom terms applied.
func (c Custom) Apply(t plan.Terms) plan.Terms {
	override(&t.MonthlyFeeCents, c.MonthlyFeeCents)
	override(&t.IncludedUsers, c.IncludedUsers)
	override(&t.IncludedStorageGB, c.IncludedStorageGB)
	override(&t.IncludedSupportMinutes, c.IncludedSupportMinutes)
	override(&t.HourlyRateCents, c.HourlyRateCents)
	override(&t.StorageOverageCentsPerGB, c.StorageOverageCentsPerGB)
	override(&t.MaxUsers, c.MaxUsers)
	override(&t.MaxStorageGB, c.MaxStorageGB)
	override(&t.MaxTrafficGB, c.MaxTrafficGB)
	return t
}

// Empty reports whether no term is overridden.
func (c Custom) Empty() bool { return c == (Custom{}) }

func same[N int | int64](a, b *N) bool {
	return (a == nil) == (b == nil) && (a == nil || *a == *b)
}

// Equal reports whether c and d override the same terms with the same
// values.
func (c Custom) Equal(d Custom) bool {
	return same(c.MonthlyFeeCents, d.MonthlyFeeCents) && same(c.IncludedUsers, d.IncludedUsers) &&
		same(c.IncludedStorageGB, d.IncludedStorageGB) && same(c.IncludedSupportMinutes, d.IncludedSupportMinutes) &&
		same(c.HourlyRateCents, d.HourlyRateCents) && same(c.StorageOverageCentsPerGB, d.StorageOverageCentsPerGB) &&
		same(c.MaxUsers, d.MaxUsers) && same(c.MaxStorageGB, d.MaxStorageGB) && same(c.MaxTrafficGB, d.MaxTrafficGB)
}

// Contract is an organization's agreement on a plan version.
type Contract struct {
	ID             uuid.UUID
	OrganizationID uuid.UUID
	PlanID         uuid.UUID
	PlanName       string
	PlanVersion    int
	PlanVersionID  uuid.UUID
	Status         string
	// Start is its first day; End the day the next contract took over
	// (excluded), nil while it is scheduled or active.
	Start calendar.Date
	End   *calendar.Date
	// PlanTerms are the version's; Custom override them; Terms are those
	// in force.
	PlanTerms      plan.Terms
	Custom         Custom
	Terms          plan.Terms
	Currency       string
	CustomReason   string
	Reason         string
	CreatedByEmail string
	CreateTime     time.Time
	UpdateTime     time.Time
	CancelTime     *time.Time
	CancelReason   string
}

// Charges are the terms in force as the billing computation takes them.
func (c *Contract) Charges() charges.Terms {
	t := c.Terms
	return charges.Terms{Plan: c.PlanName, Currency: c.Currency, MonthlyFeeCents: t.MonthlyFeeCents,
		IncludedSupportMinutes: int64(t.IncludedSupportMinutes), HourlyRateCents: t.HourlyRateCents,
		IncludedStorageGB: int64(t.IncludedStorageGB), StorageOverageCentsPerGB: t.StorageOverageCentsPerGB}
}

// checkCustom refuses custom terms that put a cap below what is included,
// at the cap's field below prefix.
func checkCustom(t plan.Terms, prefix string) error {
	return plan.CheckCaps(t, func(f string) string { return apierr.Path(prefix, f) })
}

// state is what the audit trail keeps of a contract.
func state(c Contract) map[string]any {
	out := map[string]any{
		"status": c.Status, "plan": c.PlanName, "plan_version": c.PlanVersion, "start_date": c.Start.String(),
		"monthly_fee_cents": c.Terms.MonthlyFeeCents, "included_users": c.Terms.IncludedUsers,
		"included_storage_gb": c.Terms.IncludedStorageGB, "included_support_minutes": c.Terms.IncludedSupportMinutes,
		"hourly_rate_cents": c.Terms.HourlyRateCents, "storage_overage_cents_per_gb": c.Terms.StorageOverageCentsPerGB,
		"max_users": c.Terms.MaxUsers, "max_storage_gb": c.Terms.MaxStorageGB, "max_traffic_gb": c.Terms.MaxTrafficGB,
	}
	if c.End != nil {
		out["end_date"] = c.End.String()
	}
	if !c.Custom.Empty() {
		out["custom_terms"] = customState(c.Custom)
	}
	return out
}

func customState(c Custom) map[string]any {
	out := map[string]any{}
	putSet(out, "monthly_fee_cents", c.MonthlyFeeCents)
	putSet(out, "included_users", c.IncludedUsers)
	putSet(out, "included_storage_gb", c.IncludedStorageGB)
	putSet(out, "included_support_minutes", c.IncludedSupportMinutes)
	putSet(out, "hourly_rate_cents", c.HourlyRateCents)
	putSet(out, "storage_overage_cents_per_gb", c.StorageOverageCentsPerGB)
	putSet(out, "max_users", c.MaxUsers)
	putSet(out, "max_storage_gb", c.MaxStorageGB)
	putSet(out, "max_traffic_gb", c.MaxTrafficGB)
	return out
}

func putSet[N int | int64](m map[string]any, k string, v *N) {
	if v != nil {
		m[k] = *v
	}
}
