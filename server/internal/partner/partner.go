// Package partner runs the partner programme: partner organizations, the
// organizations they referred, the referral ledger and the payouts.
//
// The ledger's rule (BookCommissions, the referral-commissions job):
//   - An invoice of a referred organization earns its partner a
//     commission when it is paid in full: the partner's rate (basis
//     points) of the invoice's net amount, rounded half away from zero to
//     the cent. Only invoices proper (not cancellations, not dunning fees)
//     issued from the day of the referral on count, and only while the
//     partner is one.
//   - The rate is the partner's terms in force when the invoice was paid
//     (PartnerTerms): a later change of rate, or an ended partnership,
//     changes no commission earned, and nothing paid while it was no
//     partner earns one.
//   - A commissioned invoice no longer paid in full (cancelled, refunded,
//     reversed) is clawed back in full, on the day that is noticed; paid
//     again, it earns again.
//   - An invoice's lines are numbered (a unique index), so a run repeated
//     or overlapping books nothing twice.
//   - Payouts are recorded by staff, at most the balance (commissions less
//     clawbacks less payouts).
package partner

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	entinvoice "github.com/leitstand/leitstand/server/ent/invoice"
	"github.com/leitstand/leitstand/server/ent/membership"
	entorg "github.com/leitstand/leitstand/server/ent/organization"
	"github.com/leitstand/leitstand/server/ent/partnerpayout"
	"github.com/leitstand/leitstand/server/ent/referralcommission"
	"github.com/leitstand/leitstand/server/internal/billing/calendar"
	"github.com/leitstand/leitstand/server/internal/organization"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/clock"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/platform/paging"
	"github.com/leitstand/leitstand/server/internal/platform/tenancy"
)

// The kinds of a ledger line.
const (
	Commission = "COMMISSION"
	Clawback   = "CLAWBACK"
	Payout     = "PAYOUT"
)

// Partner is a partner organization with its ledger's sums.
type Partner struct {
	Organization uuid.UUID
	Name         string
	// Active: a partner now; false for a former one.
	Active                    bool
	RateBP                    int
	Referrals, ExternalLed    int
	EarnedCents, PaidOutCents int64
	Currency                  string
}

// BalanceCents is what is owed to the partner.
func (p Partner) BalanceCents() int64 { return p.EarnedCents - p.PaidOutCents }

// Referral is an organization a partner referred.
type Referral struct {
	Organization uuid.UUID
	Name, Status string
	Partner      uuid.UUID
	PartnerName  string
	Since        time.Time
	EarnedCents  int64
}

// Line is one line of a partner's ledger.
type Line struct {
	ID   uuid.UUID
	Kind string
	Day  calendar.Date
	// AmountCents is what it adds to the balance.
	AmountCents int64
	Currency    string
	// A commission's or clawback's organization and invoice.
	Organization                    uuid.UUID
	OrganizationName, InvoiceNumber string
	Invoice                         uuid.UUID
	InvoiceNetCents                 int64
	RateBP                          int
	// A payout's reference, note and recorder.
	Reference, Note, RecordedByEmail string
}

// ExternalLed is an organization whose admins all belong to a partner.
type ExternalLed struct {
	Organization  uuid.UUID
	Name          string
	Partner       uuid.UUID
	PartnerName   string
	AdminContacts []string
	Referred      bool
}

// Service runs the partner programme.
type Service struct {
	client *ent.Client
	audit  *audit.Writer
	clock  clock.Clock
}

// NewService returns the partners.
func NewService(client *ent.Client, aw *audit.Writer, clk clock.Clock) *Service {
	return &Service{client: client, audit: aw, clock: clk}
}

func reasonOf(reason string) (string, error) {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return "", apierr.Invalid("reason", "reason.required", "say why; it is kept in the audit trail")
	}
	return reason, nil
}

// orgIn reads an organization as the caller sees it: not found when they
// do not.
func orgIn(ctx context.Context, c *ent.Client, id uuid.UUID) (*ent.Organization, error) {
	o, err := c.Organization.Query().Where(entorg.ID(id)).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, apierr.NotFound("organization", ids.Format(ids.Organization, id))
	}
	return o, err
}

// Set makes org a partner at rateBP, changes its rate, or ends its
// partnership (on false; its rate, referrals and ledger stay).
func (s *Service) Set(ctx context.Context, org uuid.UUID, on bool, rateBP int, reason string) (*Partner, error) {
	reason, err := reasonOf(reason)
	if err != nil {
		return nil, err
	}
	if rateBP < 0 || rateBP > 10000 {
		return nil, apierr.Invalid("commission_basis_points", "commission_basis_points.range", "a commission is 0 to 100 %%")
	}
	err = s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		o, err := orgIn(ctx, tx.Client(), org)
		if err != nil {
			return err
		}
		if on && o.Status == entorg.StatusCLOSED {
			return apierr.FailedPrecondition("%s is closed: a closed organization is not made a partner", o.Name)
		}
		if !on {
			rateBP = o.PartnerCommissionBp
		}
		if o.Partner == on && o.PartnerCommissionBp == rateBP {
			return audit.Unchanged
		}
		now := s.clock.Now()
		if err := tx.Organization.UpdateOneID(org).SetPartner(on).SetPartnerCommissionBp(rateBP).
			SetUpdateTime(now).Exec(ctx); err != nil {
			return err
		}
		// The terms from now on: what is paid from now earns at them.
		if err := tx.PartnerTerms.Create().SetID(uuid.Must(uuid.NewV7())).SetPartnerID(org).SetActive(on).
			SetRateBp(rateBP).SetFromTime(now).Exec(ctx); err != nil {
			return err
		}
		log.Record(audit.Event{TargetType: "organization", TargetID: ids.Format(ids.Organization, org), Reason: reason,
			Before: map[string]any{"partner": o.Partner, "partner_commission_bp": o.PartnerCommissionBp},
			After:  map[string]any{"partner": on, "partner_commission_bp": rateBP}})
		return nil
	})
	if err != nil {
		return nil, err
	}
	return s.One(ctx, org)
}

// SetReferral records that partner referred org (nil: none did). The
// partner earns on the invoices issued from now on.
func (s *Service) SetReferral(ctx context.Context, org uuid.UUID, partner *uuid.UUID, reason string) (*Referral, error) {
	reason, err := reasonOf(reason)
	if err != nil {
		return nil, err
	}
	err = s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		return s.ReferIn(ctx, tx, log, org, partner, "partner_id", reason)
	})
	if err != nil || partner == nil {
		return nil, err
	}
	rs, err := s.referrals(ctx, s.client, *partner, &org)
	if err != nil || len(rs) == 0 {
		return nil, err
	}
	return &rs[0], nil
}

// Referring is ReferIn for an organization made in the same change
// (organization.Service.CreateWith): a referral set at creation.
func (s *Service) Referring(ctx context.Context, partner uuid.UUID, reason string) organization.Also {
	return func(tx *ent.Tx, log *audit.Log, org uuid.UUID) error {
		return s.ReferIn(ctx, tx, log, org, &partner, "referred_by_id", cmp.Or(strings.TrimSpace(reason), "referred at creation"))
	}
}

// ReferIn sets org's referral in the change tx; a partner refused is
// refused at the request's field.
func (s *Service) ReferIn(ctx context.Context, tx *ent.Tx, log *audit.Log, org uuid.UUID, partner *uuid.UUID, field, reason string) error {
	o, err := orgIn(ctx, tx.Client(), org)
	if err != nil {
		return err
	}
	if partner != nil {
		if *partner == org {
			return apierr.Invalid(field, field+".self", "an organization does not refer itself")
		}
		p, err := tx.Organization.Query().Where(entorg.ID(*partner)).Only(ctx)
		// A partner of another billing entity is as unknown as none: its
		// ledger would show this entity's invoices to the other.
		if ent.IsNotFound(err) || err == nil && p.BillingEntityID != o.BillingEntityID {
			return apierr.Invalid(field, field+".unknown", "no organization %s", ids.Format(ids.Organization, *partner))
		}
		if err != nil {
			return err
		}
		if !p.Partner {
			return apierr.Invalid(field, field+".partner", "%s is not a partner", p.Name)
		}
	}
	if o.ReferredByID == nil && partner == nil || o.ReferredByID != nil && partner != nil && *o.ReferredByID == *partner {
		return audit.Unchanged
	}
	now := s.clock.Now()
	u := tx.Organization.UpdateOneID(org).SetUpdateTime(now)
	if partner == nil {
		u.ClearReferredByID().ClearReferralTime()
	} else {
		u.SetReferredByID(*partner).SetReferralTime(now)
	}
	if err := u.Exec(ctx); err != nil {
		return err
	}
	log.Record(audit.Event{TargetType: "organization", TargetID: ids.Format(ids.Organization, org), Reason: reason,
		Before: map[string]any{"referred_by_id": ids.FormatPtr(ids.Organization, o.ReferredByID)},
		After:  map[string]any{"referred_by_id": ids.FormatPtr(ids.Organization, partner)}})
	return nil
}

// List lists the partners by name (and the former ones: those with a
// ledger or referrals), with their sums.
func (s *Service) List(ctx context.Context, includeFormer bool) ([]Partner, error) {
	orgs, err := s.client.Organization.Query().Where(entorg.Partner(true)).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("read the partners: %w", err)
	}
	if includeFormer {
		var former []uuid.UUID
		if err := s.client.ReferralCommission.Query().GroupBy(referralcommission.FieldPartnerID).Scan(ctx, &former); err != nil {
			return nil, err
		}
		referring, err := s.client.Organization.Query().Where(entorg.ReferredByIDNotNil()).
			Select(entorg.FieldReferredByID).All(ctx)
		if err != nil {
			return nil, err
		}
		for _, r := range referring {
			former = append(former, *r.ReferredByID)
		}
		more, err := s.client.Organization.Query().Where(entorg.IDIn(former...), entorg.Partner(false)).All(ctx)
		if err != nil {
			return nil, err
		}
		orgs = append(orgs, more...)
	}
	return s.summed(ctx, orgs)
}

// One is one partner (current or former) with its sums.
func (s *Service) One(ctx context.Context, org uuid.UUID) (*Partner, error) {
	o, err := orgIn(ctx, s.client, org)
	if err != nil {
		return nil, err
	}
	ps, err := s.summed(ctx, []*ent.Organization{o})
	if err != nil {
		return nil, err
	}
	return &ps[0], nil
}

func (s *Service) summed(ctx context.Context, orgs []*ent.Organization) ([]Partner, error) {
	out := make([]Partner, 0, len(orgs))
	if len(orgs) == 0 {
		return out, nil
	}
	idList := make([]uuid.UUID, len(orgs))
	for i, o := range orgs {
		idList[i] = o.ID
	}
	var earned []struct {
		Partner uuid.UUID `json:"partner_id"`
		Sum     int64     `json:"sum"`
	}
	if err := s.client.ReferralCommission.Query().Where(referralcommission.PartnerIDIn(idList...)).
		GroupBy(referralcommission.FieldPartnerID).Aggregate(ent.Sum(referralcommission.FieldAmountCents)).Scan(ctx, &earned); err != nil {
		return nil, fmt.Errorf("sum the commissions: %w", err)
	}
	var paid []struct {
		Partner uuid.UUID `json:"partner_id"`
		Sum     int64     `json:"sum"`
	}
	if err := s.client.PartnerPayout.Query().Where(partnerpayout.PartnerIDIn(idList...)).
		GroupBy(partnerpayout.FieldPartnerID).Aggregate(ent.Sum(partnerpayout.FieldAmountCents)).Scan(ctx, &paid); err != nil {
		return nil, fmt.Errorf("sum the payouts: %w", err)
	}
	var referred []struct {
		Partner uuid.UUID `json:"referred_by_id"`
		Count   int       `json:"count"`
	}
	if err := s.client.Organization.Query().Where(entorg.ReferredByIDIn(idList...)).
		GroupBy(entorg.FieldReferredByID).Aggregate(ent.Count()).Scan(ctx, &referred); err != nil {
		return nil, fmt.Errorf("count the referrals: %w", err)
	}
	led, err := s.ExternalLed(ctx, nil)
	if err != nil {
		return nil, err
	}
	byID := map[uuid.UUID]*Partner{}
	for _, o := range orgs {
		if byID[o.ID] != nil {
			continue
		}
		out = append(out, Partner{Organization: o.ID, Name: o.Name, Active: o.Partner, RateBP: o.PartnerCommissionBp, Currency: "EUR"})
	}
	for i := range out {
		byID[out[i].Organization] = &out[i]
	}
	for _, e := range earned {
		byID[e.Partner].EarnedCents = e.Sum
	}
	for _, p := range paid {
		byID[p.Partner].PaidOutCents = p.Sum
	}
	for _, r := range referred {
		byID[r.Partner].Referrals = r.Count
	}
	for _, l := range led {
		if p := byID[l.Partner]; p != nil {
			p.ExternalLed++
		}
	}
	slices.SortFunc(out, func(a, b Partner) int {
		return cmp.Or(strings.Compare(a.Name, b.Name), strings.Compare(a.Organization.String(), b.Organization.String()))
	})
	return out, nil
}

// Referrals lists the organizations partner referred, by name.
func (s *Service) Referrals(ctx context.Context, partner uuid.UUID) ([]Referral, error) {
	if _, err := orgIn(ctx, s.client, partner); err != nil {
		return nil, err
	}
	return s.referrals(ctx, s.client, partner, nil)
}

func (s *Service) referrals(ctx context.Context, c *ent.Client, partner uuid.UUID, only *uuid.UUID) ([]Referral, error) {
	q := c.Organization.Query().Where(entorg.ReferredByID(partner))
	if only != nil {
		q.Where(entorg.ID(*only))
	}
	orgs, err := q.Order(entorg.ByName(), entorg.ByID()).All(ctx)
	if err != nil {
		return nil, err
	}
	p, err := c.Organization.Get(ctx, partner)
	if err != nil {
		return nil, err
	}
	var earned []struct {
		Org uuid.UUID `json:"organization_id"`
		Sum int64     `json:"sum"`
	}
	if err := c.ReferralCommission.Query().Where(referralcommission.PartnerID(partner)).
		GroupBy(referralcommission.FieldOrganizationID).Aggregate(ent.Sum(referralcommission.FieldAmountCents)).Scan(ctx, &earned); err != nil {
		return nil, err
	}
	sums := map[uuid.UUID]int64{}
	for _, e := range earned {
		sums[e.Org] = e.Sum
	}
	out := make([]Referral, len(orgs))
	for i, o := range orgs {
		out[i] = Referral{Organization: o.ID, Name: o.Name, Status: o.Status.String(), Partner: partner, PartnerName: p.Name,
			EarnedCents: sums[o.ID]}
		if o.ReferralTime != nil {
			out[i].Since = *o.ReferralTime
		}
	}
	return out, nil
}

// LedgerPage is a page of a partner's ledger.
type LedgerPage struct {
	Lines         []Line
	NextPageToken string
	Partner       Partner
}

type ledgerCursor struct {
	Day string    `json:"d"`
	ID  uuid.UUID `json:"i"`
}

// Ledger pages through a partner's ledger, the latest day first:
// commissions and clawbacks with the payouts among them.
func (s *Service) Ledger(ctx context.Context, partner uuid.UUID, pageSize int32, token string) (*LedgerPage, error) {
	p, err := s.One(ctx, partner)
	if err != nil {
		return nil, err
	}
	fp := paging.Fingerprint("ledger", partner)
	var c ledgerCursor
	has, err := paging.Decode(token, fp, &c)
	if err != nil {
		return nil, err
	}
	size := paging.Size(pageSize)
	lq := s.client.ReferralCommission.Query().Where(referralcommission.PartnerID(partner))
	pq := s.client.PartnerPayout.Query().Where(partnerpayout.PartnerID(partner))
	if has {
		lq.Where(paging.After(true, paging.Key{Column: referralcommission.FieldDay, Value: c.Day}, paging.Key{Column: referralcommission.FieldID, Value: c.ID}))
		pq.Where(paging.After(true, paging.Key{Column: partnerpayout.FieldPaidOn, Value: c.Day}, paging.Key{Column: partnerpayout.FieldID, Value: c.ID}))
	}
	lines, err := lq.Order(ent.Desc(referralcommission.FieldDay), ent.Desc(referralcommission.FieldID)).Limit(size + 1).All(ctx)
	if err != nil {
		return nil, err
	}
	payouts, err := pq.Order(ent.Desc(partnerpayout.FieldPaidOn), ent.Desc(partnerpayout.FieldID)).Limit(size + 1).All(ctx)
	if err != nil {
		return nil, err
	}
	names, err := s.orgNames(ctx, lines)
	if err != nil {
		return nil, err
	}
	all := make([]Line, 0, len(lines)+len(payouts))
	for _, l := range lines {
		all = append(all, lineOf(l, names[l.OrganizationID]))
	}
	for _, r := range payouts {
		all = append(all, payoutOf(r))
	}
	slices.SortFunc(all, func(a, b Line) int {
		return cmp.Or(strings.Compare(b.Day.String(), a.Day.String()), strings.Compare(b.ID.String(), a.ID.String()))
	})
	out := &LedgerPage{Partner: *p}
	out.Lines, out.NextPageToken = paging.Cut(all, size, fp, func(last Line) any { return ledgerCursor{Day: last.Day.String(), ID: last.ID} })
	return out, nil
}

func (s *Service) orgNames(ctx context.Context, lines []*ent.ReferralCommission) (map[uuid.UUID]string, error) {
	idList := make([]uuid.UUID, 0, len(lines))
	for _, l := range lines {
		idList = append(idList, l.OrganizationID)
	}
	orgs, err := s.client.Organization.Query().Where(entorg.IDIn(idList...)).Select(entorg.FieldID, entorg.FieldName).All(ctx)
	if err != nil {
		return nil, err
	}
	out := make(map[uuid.UUID]string, len(orgs))
	for _, o := range orgs {
		out[o.ID] = o.Name
	}
	return out, nil
}

func lineOf(l *ent.ReferralCommission, orgName string) Line {
	day, _ := calendar.Parse(l.Day)
	return Line{ID: l.ID, Kind: l.Kind.String(), Day: day, AmountCents: l.AmountCents, Currency: l.Currency,
		Organization: l.OrganizationID, OrganizationName: orgName, Invoice: l.InvoiceID, InvoiceNumber: l.InvoiceNumber,
		InvoiceNetCents: l.InvoiceNetCents, RateBP: l.RateBp}
}

func payoutOf(r *ent.PartnerPayout) Line {
	day, _ := calendar.Parse(r.PaidOn)
	return Line{ID: r.ID, Kind: Payout, Day: day, AmountCents: -r.AmountCents, Currency: r.Currency, Reference: r.Reference,
		Note: r.Note, RecordedByEmail: r.RecordedByEmail}
}

// RecordPayout records amount paid out to partner on paidOn: at most its
// balance, not in the future.
func (s *Service) RecordPayout(ctx context.Context, partner uuid.UUID, amount int64, paidOn calendar.Date, reference, note string) (Line, *Partner, error) {
	if amount <= 0 {
		return Line{}, nil, apierr.Invalid("amount_cents", "amount_cents.positive", "a payout is more than 0")
	}
	// Today in the latest calendar on earth, so that no time zone's today
	// is refused.
	if today := calendar.On(s.clock.Now(), time.FixedZone("UTC+14", 14*3600)); paidOn.After(today) {
		return Line{}, nil, apierr.Invalid("paid_on", "paid_on.future", "%s is in the future", paidOn)
	}
	if paidOn.Before(calendar.D(2000, time.January, 1)) {
		return Line{}, nil, apierr.Invalid("paid_on", "paid_on.past", "a payout on %s is before any ledger", paidOn)
	}
	reference, note = strings.TrimSpace(reference), strings.TrimSpace(note)
	if utf8.RuneCountInString(reference) > 140 {
		return Line{}, nil, apierr.Invalid("reference", "reference.length", "a reference has at most 140 characters")
	}
	var out Line
	err := s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		o, err := orgIn(ctx, tx.Client(), partner)
		if err != nil {
			return err
		}
		var earned, paid []struct {
			Sum sql.NullInt64 `json:"sum"`
		}
		if err := tx.ReferralCommission.Query().Where(referralcommission.PartnerID(partner)).
			Aggregate(ent.Sum(referralcommission.FieldAmountCents)).Scan(ctx, &earned); err != nil {
			return fmt.Errorf("sum the commissions: %w", err)
		}
		if err := tx.PartnerPayout.Query().Where(partnerpayout.PartnerID(partner)).
			Aggregate(ent.Sum(partnerpayout.FieldAmountCents)).Scan(ctx, &paid); err != nil {
			return fmt.Errorf("sum the payouts: %w", err)
		}
		if balance := earned[0].Sum.Int64 - paid[0].Sum.Int64; amount > balance {
			return apierr.Invalid("amount_cents", "amount_cents.balance", "%s is owed %s; a payout is at most that",
				o.Name, euros(balance))
		}
		now := s.clock.Now()
		r, err := tx.PartnerPayout.Create().SetID(uuid.Must(uuid.NewV7())).SetPartnerID(partner).SetAmountCents(amount).
			SetCurrency("EUR").SetPaidOn(paidOn.String()).SetReference(strings.TrimSpace(reference)).
			SetNote(strings.TrimSpace(note)).SetRecordedByEmail(authz.ActorOf(ctx).Email).SetCreateTime(now).SetUpdateTime(now).Save(ctx)
		if err != nil {
			return err
		}
		out = payoutOf(r)
		log.Record(audit.Event{TargetType: "partner_payout", TargetID: ids.Format(ids.PartnerPayout, r.ID),
			After: map[string]any{"partner_id": ids.Format(ids.Organization, partner), "amount_cents": amount, "paid_on": paidOn.String(),
				"reference": r.Reference}})
		return nil
	})
	if err != nil {
		return Line{}, nil, err
	}
	p, err := s.One(ctx, partner)
	return out, p, err
}

func euros(cents int64) string {
	sign := ""
	if cents < 0 {
		sign, cents = "-", -cents
	}
	return fmt.Sprintf("%s%d.%02d €", sign, cents/100, cents%100)
}

// CommissionOf is rate basis points of net, rounded half away from zero.
func CommissionOf(net int64, rateBP int) int64 {
	x := net * int64(rateBP)
	if x < 0 {
		return -((-x + 5000) / 10000)
	}
	return (x + 5000) / 10000
}

// Booked is what a run of BookCommissions wrote.
type Booked struct{ Commissions, Clawbacks int }

// terms are a partner's programme over time, the oldest first.
type terms []*ent.PartnerTerms

// at is the rate in force at t: 0 when it was no partner then.
func (ts terms) at(t time.Time) int {
	rate := 0
	for _, x := range ts {
		if x.FromTime.After(t) {
			break
		}
		rate = 0
		if x.Active {
			rate = x.RateBp
		}
	}
	return rate
}

// BookCommissions brings every invoice's ledger lines to what the partner
// earns on it now (the package's rule), writing the difference as one
// line: a commission on an invoice paid since the last run, a clawback of
// one no longer paid in full (cancelled, refunded, reversed), a commission
// again when it is paid again. An invoice's commission, once booked, stays
// at the rate it was booked at. Two runs write each line once: the lines
// are numbered per invoice (unique), and the change is serialised with
// every other.
func (s *Service) BookCommissions(ctx context.Context) (Booked, error) {
	ctx = tenancy.Unscoped(ctx)
	var out Booked
	err := s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		out = Booked{}
		c := tx.Client()
		now := s.clock.Now()
		all, err := c.PartnerTerms.Query().Order(ent.Asc("from_time")).All(ctx)
		if err != nil {
			return err
		}
		programme := map[uuid.UUID]terms{}
		for _, x := range all {
			programme[x.PartnerID] = append(programme[x.PartnerID], x)
		}
		// What each invoice with lines earns so far, and its last line.
		var booked []struct {
			Invoice uuid.UUID `json:"invoice_id"`
			Sum     int64     `json:"sum"`
			Lines   int       `json:"lines"`
		}
		if err := c.ReferralCommission.Query().GroupBy(referralcommission.FieldInvoiceID).
			Aggregate(ent.As(ent.Sum(referralcommission.FieldAmountCents), "sum"), ent.As(ent.Count(), "lines")).Scan(ctx, &booked); err != nil {
			return fmt.Errorf("sum the ledger: %w", err)
		}
		type ledger struct {
			sum   int64
			lines int
		}
		have := make(map[uuid.UUID]ledger, len(booked))
		var open []uuid.UUID // invoices with something booked
		for _, b := range booked {
			have[b.Invoice] = ledger{b.Sum, b.Lines}
			if b.Sum != 0 {
				open = append(open, b.Invoice)
			}
		}
		write := func(inv *ent.Invoice, partner uuid.UUID, rate int, amount int64, day calendar.Date) error {
			l := have[inv.ID]
			kind := referralcommission.KindCOMMISSION
			if amount < 0 {
				kind = referralcommission.KindCLAWBACK
			}
			if err := c.ReferralCommission.Create().SetID(uuid.Must(uuid.NewV7())).SetPartnerID(partner).
				SetOrganizationID(inv.OrganizationID).SetInvoiceID(inv.ID).SetInvoiceNumber(inv.Number).SetSeq(l.lines + 1).
				SetKind(kind).SetInvoiceNetCents(inv.NetCents).SetRateBp(rate).SetAmountCents(amount).
				SetCurrency(inv.Currency).SetDay(day.String()).SetCreateTime(now).SetUpdateTime(now).Exec(ctx); err != nil {
				return err
			}
			have[inv.ID] = ledger{l.sum + amount, l.lines + 1}
			if amount < 0 {
				out.Clawbacks++
			} else {
				out.Commissions++
			}
			return nil
		}
		// 1. Clawbacks: a commissioned invoice no longer paid in full.
		for start := 0; start < len(open); start += 500 {
			chunk := open[start:min(start+500, len(open))]
			invs, err := c.Invoice.Query().Where(entinvoice.IDIn(chunk...), entinvoice.StatusNEQ(entinvoice.StatusPAID)).All(ctx)
			if err != nil {
				return err
			}
			for _, inv := range invs {
				last, err := c.ReferralCommission.Query().Where(referralcommission.InvoiceID(inv.ID)).
					Order(ent.Desc(referralcommission.FieldSeq)).First(ctx)
				if err != nil {
					return err
				}
				if err := write(inv, last.PartnerID, last.RateBp, -have[inv.ID].sum, calendar.On(now, time.UTC)); err != nil {
					return err
				}
			}
		}
		// 2. Commissions: the paid invoices of referred organizations with
		// nothing booked, at the rate in force when they were paid.
		referred, err := c.Organization.Query().Where(entorg.ReferredByIDNotNil(), entorg.ReferralTimeNotNil()).
			Select(entorg.FieldID, entorg.FieldReferredByID, entorg.FieldReferralTime).All(ctx)
		if err != nil {
			return err
		}
		since := make(map[uuid.UUID]*ent.Organization, len(referred))
		var orgIDs []uuid.UUID
		for _, o := range referred {
			if len(programme[*o.ReferredByID]) > 0 {
				since[o.ID] = o
				orgIDs = append(orgIDs, o.ID)
			}
		}
		// Their paid invoices, 500 organizations a query.
		for start := 0; start < len(orgIDs); start += 500 {
			invs, err := c.Invoice.Query().Where(entinvoice.OrganizationIDIn(orgIDs[start:min(start+500, len(orgIDs))]...),
				entinvoice.KindEQ(entinvoice.KindINVOICE), entinvoice.OriginIn(entinvoice.OriginRUN, entinvoice.OriginMANUAL),
				entinvoice.StatusEQ(entinvoice.StatusPAID), entinvoice.NetCentsGT(0), entinvoice.PaidTimeNotNil()).
				Order(ent.Asc(entinvoice.FieldID)).All(ctx)
			if err != nil {
				return err
			}
			for _, inv := range invs {
				o := since[inv.OrganizationID]
				if inv.CreateTime.Before(*o.ReferralTime) || have[inv.ID].sum != 0 {
					continue
				}
				rate := programme[*o.ReferredByID].at(*inv.PaidTime)
				if rate == 0 {
					continue
				}
				if err := write(inv, *o.ReferredByID, rate, CommissionOf(inv.NetCents, rate), calendar.On(*inv.PaidTime, time.UTC)); err != nil {
					return err
				}
			}
		}
		if out.Commissions+out.Clawbacks == 0 {
			return audit.Unchanged
		}
		log.Record(audit.Event{TargetType: "referral_ledger", TargetID: "commissions/" + calendar.On(now, time.UTC).String(),
			After: map[string]any{"commissions": out.Commissions, "clawbacks": out.Clawbacks}})
		return nil
	})
	return out, err
}

// ExternalLed lists the organizations whose admins (owners and admins,
// not disabled) all belong to a partner organization too — of partner
// only, when given — by name, with the partner first by name when
// several qualify.
func (s *Service) ExternalLed(ctx context.Context, partner *uuid.UUID) ([]ExternalLed, error) {
	return ExternalLedIn(ctx, s.client, partner)
}

// ExternalLedIn is ExternalLed read through c (the rollup's client).
func ExternalLedIn(ctx context.Context, c *ent.Client, partner *uuid.UUID) ([]ExternalLed, error) {
	pq := c.Organization.Query().Where(entorg.Partner(true))
	if partner != nil {
		if _, err := orgIn(ctx, c, *partner); err != nil {
			return nil, err
		}
		pq.Where(entorg.ID(*partner))
	}
	partners, err := pq.Order(entorg.ByName(), entorg.ByID()).All(ctx)
	if err != nil || len(partners) == 0 {
		return nil, err
	}
	partnerIDs := make([]uuid.UUID, len(partners))
	names := make(map[uuid.UUID]string, len(partners))
	for i, p := range partners {
		partnerIDs[i], names[p.ID] = p.ID, p.Name
	}
	// Who belongs to which partner.
	ms, err := c.Membership.Query().Where(membership.OrganizationIDIn(partnerIDs...)).All(ctx)
	if err != nil {
		return nil, err
	}
	of := map[uuid.UUID][]uuid.UUID{}
	var people []uuid.UUID
	for _, m := range ms {
		if len(of[m.UserID]) == 0 {
			people = append(people, m.UserID)
		}
		of[m.UserID] = append(of[m.UserID], m.OrganizationID)
	}
	if len(people) == 0 {
		return nil, nil
	}
	// The organizations those people administer, and all their admins.
	theirs, err := c.Membership.Query().Where(membership.UserIDIn(people...),
		membership.RoleIn(membership.RoleOWNER, membership.RoleADMIN), membership.OrganizationIDNotIn(partnerIDs...)).
		Select(membership.FieldOrganizationID).All(ctx)
	if err != nil {
		return nil, err
	}
	var candidates []uuid.UUID
	for _, m := range theirs {
		candidates = append(candidates, m.OrganizationID)
	}
	if len(candidates) == 0 {
		return nil, nil
	}
	admins, err := c.Membership.Query().Where(membership.OrganizationIDIn(candidates...),
		membership.RoleIn(membership.RoleOWNER, membership.RoleADMIN)).WithUser().WithOrganization().All(ctx)
	if err != nil {
		return nil, err
	}
	type org struct {
		o        *ent.Organization
		partners map[uuid.UUID]int
		admins   int
		contacts []string
	}
	byOrg := map[uuid.UUID]*org{}
	for _, m := range admins {
		u, o := m.Edges.User, m.Edges.Organization
		if u == nil || o == nil || u.Disabled {
			continue
		}
		x := byOrg[o.ID]
		if x == nil {
			x = &org{o: o, partners: map[uuid.UUID]int{}}
			byOrg[o.ID] = x
		}
		x.admins++
		x.contacts = append(x.contacts, contactOf(u))
		for _, p := range of[u.ID] {
			x.partners[p]++
		}
	}
	var out []ExternalLed
	for _, x := range byOrg {
		for _, p := range partnerIDs {
			if x.admins > 0 && x.partners[p] == x.admins {
				slices.Sort(x.contacts)
				out = append(out, ExternalLed{Organization: x.o.ID, Name: x.o.Name, Partner: p, PartnerName: names[p],
					AdminContacts: x.contacts, Referred: x.o.ReferredByID != nil && *x.o.ReferredByID == p})
				break
			}
		}
	}
	slices.SortFunc(out, func(a, b ExternalLed) int {
		return cmp.Or(strings.Compare(a.Name, b.Name), strings.Compare(a.Organization.String(), b.Organization.String()))
	})
	return out, nil
}

func contactOf(u *ent.User) string { return organization.Contact(u.DisplayName, u.Email) }

// Names names ledger lines and payouts for the audit trail.
func (s *Service) Names(ctx context.Context, idList []uuid.UUID) (map[uuid.UUID]string, error) {
	out := map[uuid.UUID]string{}
	lines, err := s.client.ReferralCommission.Query().Where(referralcommission.IDIn(idList...)).All(ctx)
	if err != nil {
		return nil, err
	}
	for _, l := range lines {
		out[l.ID] = strings.ToLower(l.Kind.String()) + " on " + l.InvoiceNumber
	}
	payouts, err := s.client.PartnerPayout.Query().Where(partnerpayout.IDIn(idList...)).All(ctx)
	if err != nil {
		return nil, err
	}
	for _, p := range payouts {
		out[p.ID] = "payout of " + euros(p.AmountCents) + " on " + p.PaidOn
	}
	return out, nil
}
