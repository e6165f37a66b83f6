// Package plan keeps the plans: the template tiers contracts are made on
// (Free, Basis, Premium and higher), ordered by rank, each with its terms.
// The platform's owners keep them; every caller reads them.
//
// The rules:
//   - A plan's terms live in its versions (1, 2, 3 …). A change of any
//     term writes a new version with the reason; a version once written is
//     never changed, so a contract refers to the version it was made on and
//     keeps it until it is moved to another. A change of the name, the
//     description or the rank changes the plan and writes no version.
//   - Names and ranks are unique among all plans, retired ones included.
//   - A plan is never deleted: it is retired, offers no new contracts and
//     is not changed again.
//   - Money is in cents of EUR, net of VAT. Support time is kept in
//     minutes, as time entries are, so the included support compares with
//     the time worked exactly. A cap of 0 is no cap; a cap is never below
//     what the fee includes.
package plan

import (
	"strings"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/fieldmask"
)

// Currency is the currency of every price.
const Currency = "EUR"

// Limits of the values.
const (
	MaxNameLen           = 100
	MaxDescriptionLen    = 4000
	MaxRank              = 1_000_000
	MaxMonthlyFeeCents   = 100_000_000 // one million euros a month
	MaxCount             = 1_000_000   // users, GB
	MaxSupportMinutes    = 31 * 24 * 60
	MaxHourlyRateCents   = 10_000_000 // 100,000 euros an hour
	MaxOverageCentsPerGB = 1_000_000  // 10,000 euros a GB
	MaxReasonLen         = 1000
)

// Terms are what a plan version offers, at what price.
type Terms struct {
	// MonthlyFeeCents is the monthly base fee in cents of EUR; 0 for a
	// free plan.
	MonthlyFeeCents        int64
	IncludedUsers          int
	IncludedStorageGB      int
	IncludedSupportMinutes int
	// HourlyRateCents is the price of an hour of billable work beyond the
	// included support.
	HourlyRateCents int64
	// StorageOverageCentsPerGB is the monthly price of a GB above the
	// included storage.
	StorageOverageCentsPerGB int64
	// MaxUsers and MaxStorageGB cap a contract on the plan; 0 for no cap.
	MaxUsers     int
	MaxStorageGB int
	// MaxTrafficGB caps a month's traffic; 0 for no cap. Not charged.
	MaxTrafficGB int
}

// Values are a plan's editable fields: its own and its current terms.
type Values struct {
	Name        string
	Description string
	Rank        int
	Terms       Terms
}

// Plan is a plan with its current version's terms.
type Plan struct {
	ID uuid.UUID
	Values
	Currency string
	// Version is the number of the current version; VersionID its id.
	Version   int
	VersionID uuid.UUID
	// RetireTime is when it was retired; nil while it offers contracts.
	RetireTime             *time.Time
	CreateTime, UpdateTime time.Time
}

// Retired reports whether the plan is retired.
func (p Plan) Retired() bool { return p.RetireTime != nil }

// Version is one version of a plan's terms, never changed once written.
type Version struct {
	ID     uuid.UUID
	PlanID uuid.UUID
	Number int
	Terms
	Currency       string
	CreateTime     time.Time
	CreatedByEmail string
	Reason         string
}

func between[N int | int64](v, lo, hi N) bool { return v >= lo && v <= hi }

// mask lists the fields CreatePlan sets and UpdatePlan may change, how
// each is checked and copied. The terms are below "terms".
var mask = fieldmask.Mask[Values]{Fields: []fieldmask.Field[Values]{
	{Path: "name",
		Check: func(v Values) (string, string) {
			if strings.TrimSpace(v.Name) == "" {
				return "name.required", "give the plan a name"
			}
			return fieldmask.Require(utf8.RuneCountInString(v.Name) <= MaxNameLen, "name.max_len", "at most 100 characters")
		},
		Copy: func(d *Values, s Values) { d.Name = strings.TrimSpace(s.Name) }},
	{Path: "description",
		Check: func(v Values) (string, string) {
			return fieldmask.Require(utf8.RuneCountInString(v.Description) <= MaxDescriptionLen, "description.max_len", "at most 4000 characters")
		},
		Copy: func(d *Values, s Values) { d.Description = strings.TrimSpace(s.Description) }},
	{Path: "rank",
		Check: func(v Values) (string, string) {
			return fieldmask.Require(between(v.Rank, 0, MaxRank), "rank.range", "a rank from 0 to 1,000,000")
		},
		Copy: func(d *Values, s Values) { d.Rank = s.Rank }},
	{Path: "terms.monthly_fee_cents",
		Check: func(v Values) (string, string) {
			return fieldmask.Require(between(v.Terms.MonthlyFeeCents, 0, MaxMonthlyFeeCents), "monthly_fee_cents.range",
				"a fee from 0 to 1,000,000.00 EUR a month, in cents")
		},
		Copy: func(d *Values, s Values) { d.Terms.MonthlyFeeCents = s.Terms.MonthlyFeeCents }},
	{Path: "terms.included_users",
		Check: func(v Values) (string, string) {
			return fieldmask.Require(between(v.Terms.IncludedUsers, 0, MaxCount), "included_users.range", "from 0 to 1,000,000 users")
		},
		Copy: func(d *Values, s Values) { d.Terms.IncludedUsers = s.Terms.IncludedUsers }},
	{Path: "terms.included_storage_gb",
		Check: func(v Values) (string, string) {
			return fieldmask.Require(between(v.Terms.IncludedStorageGB, 0, MaxCount), "included_storage_gb.range", "from 0 to 1,000,000 GB")
		},
		Copy: func(d *Values, s Values) { d.Terms.IncludedStorageGB = s.Terms.IncludedStorageGB }},
	{Path: "terms.included_support_minutes",
		Check: func(v Values) (string, string) {
			return fieldmask.Require(between(v.Terms.IncludedSupportMinutes, 0, MaxSupportMinutes), "included_support_minutes.range",
				"from 0 minutes to a month's worth (44,640 minutes)")
		},
		Copy: func(d *Values, s Values) { d.Terms.IncludedSupportMinutes = s.Terms.IncludedSupportMinutes }},
	{Path: "terms.hourly_rate_cents",
		Check: func(v Values) (string, string) {
			return fieldmask.Require(between(v.Terms.HourlyRateCents, 0, MaxHourlyRateCents), "hourly_rate_cents.range",
				"a rate from 0 to 100,000.00 EUR an hour, in cents")
		},
		Copy: func(d *Values, s Values) { d.Terms.HourlyRateCents = s.Terms.HourlyRateCents }},
	{Path: "terms.storage_overage_cents_per_gb",
		Check: func(v Values) (string, string) {
			return fieldmask.Require(between(v.Terms.StorageOverageCentsPerGB, 0, MaxOverageCentsPerGB), "storage_overage_cents_per_gb.range",
				"a price from 0 to 10,000.00 EUR a GB, in cents")
		},
		Copy: func(d *Values, s Values) { d.Terms.StorageOverageCentsPerGB = s.Terms.StorageOverageCentsPerGB }},
	{Path: "terms.max_users",
		Check: func(v Values) (string, string) {
			return fieldmask.Require(between(v.Terms.MaxUsers, 0, MaxCount), "max_users.range", "from 0 (no cap) to 1,000,000 users")
		},
		Copy: func(d *Values, s Values) { d.Terms.MaxUsers = s.Terms.MaxUsers }},
	{Path: "terms.max_storage_gb",
		Check: func(v Values) (string, string) {
			return fieldmask.Require(between(v.Terms.MaxStorageGB, 0, MaxCount), "max_storage_gb.range", "from 0 (no cap) to 1,000,000 GB")
		},
		Copy: func(d *Values, s Values) { d.Terms.MaxStorageGB = s.Terms.MaxStorageGB }},
	{Path: "terms.max_traffic_gb",
		Check: func(v Values) (string, string) {
			return fieldmask.Require(between(v.Terms.MaxTrafficGB, 0, MaxCount), "max_traffic_gb.range", "from 0 (no cap) to 1,000,000 GB")
		},
		Copy: func(d *Values, s Values) { d.Terms.MaxTrafficGB = s.Terms.MaxTrafficGB }},
}}

// Paths are the update-mask paths UpdatePlan accepts.
var Paths = mask.Paths()

// checkCaps refuses a cap below what the fee includes, at the cap's field
// below prefix. It checks the terms as they will be, whichever of them the
// request named.
func checkCaps(t Terms, prefix string) error {
	return CheckCaps(t, func(f string) string { return apierr.Path(prefix, "terms."+f) })
}

// CheckCaps refuses terms whose cap on users or storage is below what they
// include (0 is no cap), at the field at(f) names for the cap f: the plan's
// terms and a contract's custom terms obey the same rule.
func CheckCaps(t Terms, at func(field string) string) error {
	var vs []apierr.FieldViolation
	if t.MaxUsers != 0 && t.MaxUsers < t.IncludedUsers {
		vs = append(vs, apierr.FieldViolation{Field: at("max_users"), Rule: "max_users.included",
			Message: "a cap on users (0 for none) is not below the included users"})
	}
	if t.MaxStorageGB != 0 && t.MaxStorageGB < t.IncludedStorageGB {
		vs = append(vs, apierr.FieldViolation{Field: at("max_storage_gb"), Rule: "max_storage_gb.included",
			Message: "a cap on storage (0 for none) is not below the included storage"})
	}
	if len(vs) > 0 {
		return apierr.InvalidFields(vs...)
	}
	return nil
}

// state is what the audit trail keeps of a plan: its fields and the terms
// of its current version.
func state(p Plan) map[string]any {
	out := map[string]any{
		"name": p.Name, "description": p.Description, "rank": p.Rank,
		"version": p.Version, "currency": p.Currency,
		"monthly_fee_cents": p.Terms.MonthlyFeeCents, "included_users": p.Terms.IncludedUsers,
		"included_storage_gb": p.Terms.IncludedStorageGB, "included_support_minutes": p.Terms.IncludedSupportMinutes,
		"hourly_rate_cents": p.Terms.HourlyRateCents, "storage_overage_cents_per_gb": p.Terms.StorageOverageCentsPerGB,
		"max_users": p.Terms.MaxUsers, "max_storage_gb": p.Terms.MaxStorageGB, "max_traffic_gb": p.Terms.MaxTrafficGB,
	}
	if p.RetireTime != nil {
		out["retire_time"] = p.RetireTime.UTC().Format(time.RFC3339)
	}
	return out
}
