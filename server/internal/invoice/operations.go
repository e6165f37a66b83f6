package invoice

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	entcontract "github.com/leitstand/leitstand/server/ent/contract"
	entinvoice "github.com/leitstand/leitstand/server/ent/invoice"
	"github.com/leitstand/leitstand/server/ent/invoiceline"
	"github.com/leitstand/leitstand/server/ent/organization"
	"github.com/leitstand/leitstand/server/internal/billing/calendar"
	"github.com/leitstand/leitstand/server/internal/billing/invoicepdf"
	"github.com/leitstand/leitstand/server/internal/contract"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/platform/paging"
)

// readOrg reads an organization the caller sees, NotFound otherwise.
func (s *Service) readOrg(ctx context.Context, c *ent.Client, id uuid.UUID) (*ent.Organization, error) {
	o, err := c.Organization.Query().Where(organization.ID(id)).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, apierr.NotFound("organization", ids.Format(ids.Organization, id))
	}
	if err != nil {
		return nil, fmt.Errorf("read organization: %w", err)
	}
	return o, nil
}

// previewOf is the invoice a draft would be, unnumbered.
func previewOf(d draft, c computed) Invoice {
	inv := Invoice{OrganizationID: d.org.ID, OrganizationName: d.org.Name, IssuerID: d.org.BillingEntityID, Kind: d.kind,
		Origin: d.origin, Status: StatusIssued, IssueDate: d.issue, DueDate: d.issue.AddDays(d.issuer.Invoice.PaymentTermsDays),
		BillingDate: d.billingDate, Period: d.period, Currency: d.currency, NetCents: c.sum.NetCents,
		VATCents: c.sum.VATCents, GrossCents: c.sum.GrossCents, Notes: c.sum.Notes, Reason: d.reason}
	for _, g := range c.sum.Groups {
		inv.TaxTotals = append(inv.TaxTotals, TaxTotal{RateBasisPoints: g.RateBasisPoints, NetCents: g.NetCents, VATCents: g.VATCents})
	}
	for i, l := range d.lines {
		line := Line{Position: i + 1, Kind: l.Kind, Description: l.Description, Period: l.Period, Quantity: l.Quantity,
			Unit: l.Unit, UnitPriceCents: l.UnitPriceCents, BaseQuantity: max(l.BaseQuantity, 1), NetCents: l.NetCents, VATRate: c.rate}
		if l.Workspace != uuid.Nil {
			w := l.Workspace
			line.WorkspaceID = &w
		}
		inv.Lines = append(inv.Lines, line)
	}
	return inv
}

// contractOn is the contract an organization is billed on for date: the
// scheduled one when it starts by then, otherwise the one in force then.
func contractOn(ctx context.Context, c *ent.Client, org uuid.UUID, date calendar.Date) (*contract.Contract, error) {
	sched, err := c.Contract.Query().Where(entcontract.OrganizationID(org), entcontract.StatusEQ(entcontract.StatusSCHEDULED),
		entcontract.StartDateLTE(date.String())).Exist(ctx)
	if err != nil {
		return nil, err
	}
	if sched {
		return contract.Scheduled(ctx, c, org)
	}
	ct, err := contract.InForceOn(ctx, c, org, date)
	if err == nil && ct == nil {
		return nil, apierr.FailedPrecondition("the organization had no contract in force on %s", date)
	}
	return ct, err
}

// Preview computes the invoice of an organization's billing date (nil:
// the next one not billed yet) as the run would issue it now, and stores
// nothing. It returns nil when the period has nothing to charge.
func (s *Service) Preview(ctx context.Context, org uuid.UUID, date *calendar.Date) (*Invoice, calendar.Date, error) {
	o, err := s.readOrg(ctx, s.client, org)
	if err != nil {
		return nil, calendar.Date{}, err
	}
	if err := billed(o); err != nil {
		return nil, calendar.Date{}, err
	}
	is, err := s.issuer(ctx, map[uuid.UUID]issuerOf{}, o.BillingEntityID)
	if err != nil {
		return nil, calendar.Date{}, err
	}
	day := calendar.BillingDay(o.CreateTime, is.loc)
	first := calendar.On(o.CreateTime, is.loc)
	if date == nil {
		next, err := s.nextUnbilled(ctx, o, is.loc)
		if err != nil {
			return nil, calendar.Date{}, err
		}
		date = &next
	} else if date.Before(first) || *date != calendar.BillingDate(day, date.Year(), date.Month()) {
		return nil, calendar.Date{}, apierr.Invalid("billing_date", "billing_date.of_organization",
			"%s is not one of the organization's billing dates (day %d of the month, from %s)", date, day, first)
	}
	ct, err := contractOn(ctx, s.client, o.ID, *date)
	if err != nil {
		return nil, *date, err
	}
	d, _, err := s.prepareExcept(ctx, s.client, o, is, ct, *date, nil)
	if err != nil || len(d.lines) == 0 {
		return nil, *date, err
	}
	c, err := compute(d)
	if err != nil {
		return nil, *date, err
	}
	inv := previewOf(d, c)
	return &inv, *date, nil
}

// billed refuses an organization the billing run does not bill: only
// active and suspended ones are (a suspended customer still owes its
// contract); one waiting for approval or closed has no next invoice.
func billed(o *ent.Organization) error {
	if o.Status != organization.StatusACTIVE && o.Status != organization.StatusSUSPENDED {
		return apierr.FailedPrecondition("%s is %s: only active and suspended organizations are billed",
			o.Name, strings.ReplaceAll(strings.ToLower(string(o.Status)), "_", " "))
	}
	return nil
}

// nextUnbilled is the first billing date of o not billed yet.
func (s *Service) nextUnbilled(ctx context.Context, o *ent.Organization, loc *time.Location) (calendar.Date, error) {
	dates, err := s.dueBy(ctx, o, loc, calendar.On(s.clock.Now(), loc))
	if err != nil {
		return calendar.Date{}, err
	}
	if len(dates) > 0 {
		return dates[0], nil
	}
	day := calendar.BillingDay(o.CreateTime, loc)
	return calendar.Next(day, calendar.On(s.clock.Now(), loc).AddDays(1), 1)[0], nil
}

// RunPage is a page of a billing run's preview.
type RunPage struct {
	Invoices      []Invoice
	NextPageToken string
}

// PreviewRun computes what the billing run of day would issue for one
// page of organizations (by id), storing nothing: each organization's
// periods due by then, in order; the time and the training seats a period
// bills are not billed again by the next.
func (s *Service) PreviewRun(ctx context.Context, day calendar.Date, pageSize int32, token string) (*RunPage, error) {
	fp := paging.Fingerprint("billing-run", day.String())
	var after uuid.UUID
	if _, err := paging.Decode(token, fp, &after); err != nil {
		return nil, err
	}
	size := paging.Size(pageSize)
	orgs, err := s.client.Organization.Query().Where(organization.IDGT(after),
		organization.StatusIn(organization.StatusACTIVE, organization.StatusSUSPENDED)).
		Order(organization.ByID()).Limit(size + 1).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("organizations to bill: %w", err)
	}
	page := &RunPage{}
	orgs, page.NextPageToken = paging.Cut(orgs, size, fp, func(last *ent.Organization) any { return last.ID })
	issuers := map[uuid.UUID]issuerOf{}
	for _, o := range orgs {
		is, err := s.issuer(ctx, issuers, o.BillingEntityID)
		if err != nil {
			return nil, err
		}
		dates, err := s.dueBy(ctx, o, is.loc, day)
		if err != nil {
			return nil, err
		}
		billed := map[uuid.UUID]bool{}
		for _, d := range dates {
			ct, err := contractOn(ctx, s.client, o.ID, d)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", o.Name, err)
			}
			dr, res, err := s.prepareExcept(ctx, s.client, o, is, ct, d, billed)
			if err != nil {
				return nil, fmt.Errorf("%s on %s: %w", o.Name, d, err)
			}
			for _, id := range slices.Concat(res.InvoicedTime, res.InvoicedOneOffs) {
				billed[id] = true
			}
			if len(dr.lines) == 0 {
				continue
			}
			c, err := compute(dr)
			if err != nil {
				return nil, err
			}
			inv := previewOf(dr, c)
			inv.Lines = nil
			page.Invoices = append(page.Invoices, inv)
		}
	}
	return page, nil
}

// ManualLine is a line of a manual invoice: the server computes its net.
type ManualLine struct {
	Description    string
	Quantity       int64
	Unit           string
	UnitPriceCents int64
}

// Manual issues an invoice of lines to an organization, for the period
// from start to last (included; today and start when nil). With
// validateOnly it returns the invoice it would issue and stores nothing.
func (s *Service) Manual(ctx context.Context, org uuid.UUID, lines []ManualLine, start, last *calendar.Date, reason string, validateOnly bool) (*Invoice, error) {
	reason = strings.TrimSpace(reason)
	o, err := s.readOrg(ctx, s.client, org)
	if err != nil {
		return nil, err
	}
	is, err := s.issuer(ctx, map[uuid.UUID]issuerOf{}, o.BillingEntityID)
	if err != nil {
		return nil, err
	}
	today := calendar.On(s.clock.Now(), is.loc)
	if start == nil {
		start = &today
	}
	if last == nil {
		last = start
	}
	if last.Before(*start) {
		return nil, apierr.Invalid("period_last_day", "period_last_day.after_start", "the period's last day is not before its first (%s)", start)
	}
	d := draft{org: o, issuer: is.settings, kind: KindInvoice, origin: "MANUAL", issue: today,
		period: calendar.Period{Start: *start, End: last.AddDays(1)}, currency: "EUR", reason: reason}
	for i, l := range lines {
		unit := l.Unit
		if unit == "" {
			unit = "C62"
		}
		if strings.TrimSpace(l.Description) == "" {
			return nil, apierr.Invalid(apierr.Path(apierr.Index("lines", i), "description"), "description.required", "say what the line charges")
		}
		d.lines = append(d.lines, draftLine{Kind: "MANUAL", Description: strings.TrimSpace(l.Description), Quantity: l.Quantity,
			Unit: unit, UnitPriceCents: l.UnitPriceCents, BaseQuantity: 1, NetCents: l.Quantity * l.UnitPriceCents})
	}
	if len(d.lines) == 0 {
		return nil, apierr.Invalid("lines", "lines.required", "an invoice has at least one line")
	}
	c, err := compute(d)
	if err != nil {
		return nil, err
	}
	if validateOnly {
		inv := previewOf(d, c)
		return &inv, nil
	}
	var issued *ent.Invoice
	err = s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		// Read again in the change: the caller must see it to bill it.
		if d.org, err = s.readOrg(ctx, tx.Client(), org); err != nil {
			return err
		}
		issued, err = s.issue(ctx, tx, log, d)
		return err
	})
	if err != nil {
		return nil, err
	}
	s.renderPDFs(ctx, []*ent.Invoice{issued})
	return s.Get(ctx, issued.ID)
}

// Cancel cancels an issued invoice by a cancellation invoice that names it
// and negates each of its lines, so the two net to zero; the invoice
// becomes CANCELLED. The time a cancelled invoice billed stays invoiced:
// what is still owed is billed by a manual invoice.
func (s *Service) Cancel(ctx context.Context, id uuid.UUID, reason string) (*Invoice, *Invoice, error) {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return nil, nil, apierr.Invalid("reason", "reason.required", "say why the invoice is cancelled")
	}
	first, err := s.Get(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	o, err := s.readOrg(ctx, s.client, first.OrganizationID)
	if err != nil {
		return nil, nil, err
	}
	is, err := s.issuer(ctx, map[uuid.UUID]issuerOf{}, o.BillingEntityID)
	if err != nil {
		return nil, nil, err
	}
	var cancellation *ent.Invoice
	err = s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		orig, err := tx.Invoice.Query().Where(entinvoice.ID(id)).Only(ctx)
		if err != nil {
			return err
		}
		switch {
		case orig.Kind == entinvoice.KindCANCELLATION:
			return apierr.FailedPrecondition("%s is a cancellation invoice and is not cancelled itself; issue an invoice instead", orig.Number)
		case orig.Status == entinvoice.StatusCANCELLED:
			return apierr.FailedPrecondition("%s is cancelled already", orig.Number)
		}
		var base invoicepdf.Document
		if err := json.Unmarshal(orig.Document, &base); err != nil {
			return fmt.Errorf("read the document of %s: %w", orig.Number, err)
		}
		lines, err := tx.InvoiceLine.Query().Where(invoiceline.InvoiceID(id)).Order(invoiceline.ByPosition()).All(ctx)
		if err != nil {
			return err
		}
		d := draft{org: o, issuer: is.settings, kind: KindCancellation, origin: "MANUAL", issue: calendar.On(s.clock.Now(), is.loc),
			period: calendar.Period{Start: dateOf(orig.PeriodStart), End: dateOf(orig.PeriodEnd)}, currency: orig.Currency,
			reason: reason, cancels: orig, base: &base}
		for _, l := range lines {
			dl := draftLine{Kind: "CANCELLATION", Description: l.Description, Quantity: -l.Quantity, Unit: l.Unit,
				UnitPriceCents: l.UnitPriceCents, BaseQuantity: l.BaseQuantity, NetCents: -l.NetCents}
			if l.PeriodStart != "" {
				dl.Period = &calendar.Period{Start: dateOf(l.PeriodStart), End: dateOf(l.PeriodEnd)}
			}
			if l.WorkspaceID != nil {
				dl.Workspace = *l.WorkspaceID
			}
			if l.ServiceInstanceID != nil {
				dl.Service = *l.ServiceInstanceID
			}
			d.lines = append(d.lines, dl)
		}
		inv, err := s.issue(ctx, tx, log, d)
		if err != nil {
			return err
		}
		cancellation = inv
		now := s.clock.Now()
		if err := tx.Invoice.UpdateOneID(id).SetStatus(entinvoice.StatusCANCELLED).SetCancelTime(now).SetUpdateTime(now).Exec(ctx); err != nil {
			return err
		}
		log.Record(audit.Event{TargetType: targetType, TargetID: ids.Format(ids.Invoice, id), Reason: reason,
			Before: map[string]any{"number": orig.Number, "status": string(orig.Status)},
			After:  map[string]any{"number": orig.Number, "status": StatusCancelled, "cancelled_by": inv.Number}})
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	s.renderPDFs(ctx, []*ent.Invoice{cancellation})
	a, err := s.Get(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	b, err := s.Get(ctx, cancellation.ID)
	return a, b, err
}

// BillNow bills an organization for each of its periods due up to today,
// as the billing run would, and returns the invoices issued.
func (s *Service) BillNow(ctx context.Context, org uuid.UUID) ([]Invoice, error) {
	o, err := s.readOrg(ctx, s.client, org)
	if err != nil {
		return nil, err
	}
	if err := billed(o); err != nil {
		return nil, err
	}
	issued, errs := s.billOrganizations(ctx, []*ent.Organization{o}, map[uuid.UUID]issuerOf{}, &RunResult{})
	s.renderPDFs(ctx, issued)
	out := make([]Invoice, 0, len(issued))
	for _, r := range issued {
		out = append(out, invoiceOf(r))
	}
	return out, errors.Join(errs...)
}

// Overdue is what a run of MarkOverdue did.
type Overdue struct{ Marked int }

// MarkOverdue sets every issued invoice whose due date has passed in its
// issuer's calendar OVERDUE, each in an audited change of its own.
func (s *Service) MarkOverdue(ctx context.Context) (Overdue, error) {
	var r Overdue
	// No calendar is a day ahead of UTC's: nothing due after yesterday in
	// UTC is overdue anywhere.
	horizon := calendar.On(s.clock.Now(), time.UTC)
	rows, err := s.client.Invoice.Query().Where(entinvoice.StatusEQ(entinvoice.StatusISSUED), entinvoice.KindEQ(entinvoice.KindINVOICE),
		entinvoice.GrossCentsGT(0), entinvoice.DueDateLT(horizon.String())).
		Select(entinvoice.FieldID, entinvoice.FieldIssuerID, entinvoice.FieldDueDate, entinvoice.FieldNumber).All(ctx)
	if err != nil {
		return r, fmt.Errorf("invoices past due: %w", err)
	}
	issuers := map[uuid.UUID]issuerOf{}
	for _, inv := range rows {
		is, err := s.issuer(ctx, issuers, inv.IssuerID)
		if err != nil {
			return r, err
		}
		if !dateOf(inv.DueDate).Before(calendar.On(s.clock.Now(), is.loc)) {
			continue
		}
		err = s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
			now := s.clock.Now()
			n, err := tx.Invoice.Update().Where(entinvoice.ID(inv.ID), entinvoice.StatusEQ(entinvoice.StatusISSUED)).
				SetStatus(entinvoice.StatusOVERDUE).SetOverdueTime(now).SetUpdateTime(now).Save(ctx)
			if err != nil || n == 0 {
				if err == nil {
					err = audit.Unchanged // paid or cancelled meanwhile
				}
				return err
			}
			log.Record(audit.Event{TargetType: targetType, TargetID: ids.Format(ids.Invoice, inv.ID),
				Reason: "not paid by " + inv.DueDate, Before: map[string]any{"number": inv.Number, "status": StatusIssued},
				After: map[string]any{"number": inv.Number, "status": StatusOverdue}})
			r.Marked++
			return nil
		})
		if err != nil {
			return r, err
		}
	}
	return r, nil
}

// Forecast is an organization's next invoice not billed yet, as the
// billing run would issue it now.
type Forecast struct {
	BillingDate          calendar.Date
	NetCents, GrossCents int64
}

// Forecasts computes the next invoice not billed yet of each of the
// organizations ids that are billed (active or suspended) and have
// something to charge, as Preview does for one, in a constant number of
// statements: the account rollup shows a page of them at a time.
func (s *Service) Forecasts(ctx context.Context, ids []uuid.UUID) (map[uuid.UUID]Forecast, error) {
	return s.ForecastsThrough(ctx, s.client, ids)
}

// ForecastsThrough is Forecasts read through c: in a change, with what it
// wrote.
func (s *Service) ForecastsThrough(ctx context.Context, c *ent.Client, ids []uuid.UUID) (map[uuid.UUID]Forecast, error) {
	out := map[uuid.UUID]Forecast{}
	if len(ids) == 0 {
		return out, nil
	}
	orgs, err := c.Organization.Query().Where(organization.IDIn(ids...),
		organization.StatusIn(organization.StatusACTIVE, organization.StatusSUSPENDED)).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("organizations to forecast: %w", err)
	}
	last, err := s.lastBilled(ctx, c, orgs)
	if err != nil {
		return nil, err
	}
	issuers := map[uuid.UUID]issuerOf{}
	dates := make(map[uuid.UUID]calendar.Date, len(orgs))
	periods := make([]due, 0, len(orgs))
	for _, o := range orgs {
		is, err := s.issuer(ctx, issuers, o.BillingEntityID)
		if err != nil {
			return nil, err
		}
		p := due{org: o, is: is, date: nextDate(o, is.loc, last[o.ID])}
		periods, dates[o.ID] = append(periods, p), p.date
	}
	// The contract the run will bill it on: a transition scheduled by
	// then is taken first.
	cts, err := contract.InForceOrScheduledOnEach(ctx, c, dates)
	if err != nil {
		return nil, err
	}
	periods = slices.DeleteFunc(periods, func(p due) bool { return cts[p.org.ID] == nil })
	ins, err := s.inputs(ctx, c, periods, cts)
	if err != nil {
		return nil, err
	}
	for i, p := range periods {
		d, _, err := draftFrom(p, ins[i])
		if err != nil {
			return nil, fmt.Errorf("%s on %s: %w", p.org.Name, p.date, err)
		}
		if len(d.lines) == 0 {
			continue
		}
		c, err := compute(d)
		if err != nil {
			return nil, err
		}
		out[p.org.ID] = Forecast{BillingDate: p.date, NetCents: c.sum.NetCents, GrossCents: c.sum.GrossCents}
	}
	return out, nil
}
