package dunning

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"slices"
	"time"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	"github.com/leitstand/leitstand/server/ent/dunninghold"
	"github.com/leitstand/leitstand/server/ent/dunningnotice"
	entinvoice "github.com/leitstand/leitstand/server/ent/invoice"
	"github.com/leitstand/leitstand/server/ent/organization"
	"github.com/leitstand/leitstand/server/ent/predicate"
	"github.com/leitstand/leitstand/server/internal/billing/calendar"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/platform/paging"
)

// Filter selects a page of notices.
type Filter struct {
	Organization, Invoice *uuid.UUID
	Levels, Statuses      []string
	PageSize              int32
	PageToken             string
}

// Page is one page of notices, the latest first.
type Page struct {
	Notices       []Notice
	NextPageToken string
	TotalSize     int
}

type cursor struct {
	Time  time.Time `json:"t"`
	ID    uuid.UUID `json:"i"`
	Total int       `json:"c,omitempty"`
}

// List returns one page of the notices the filter selects.
func (s *Service) List(ctx context.Context, f Filter) (*Page, error) {
	var where []predicate.DunningNotice
	if f.Organization != nil {
		where = append(where, dunningnotice.OrganizationID(*f.Organization))
	}
	if f.Invoice != nil {
		where = append(where, dunningnotice.InvoiceID(*f.Invoice))
	}
	if len(f.Levels) > 0 {
		ls := make([]dunningnotice.Level, len(f.Levels))
		for i, l := range f.Levels {
			ls[i] = dunningnotice.Level(l)
		}
		where = append(where, dunningnotice.LevelIn(ls...))
	}
	if len(f.Statuses) > 0 {
		st := make([]dunningnotice.Status, len(f.Statuses))
		for i, v := range f.Statuses {
			st[i] = dunningnotice.Status(v)
		}
		where = append(where, dunningnotice.StatusIn(st...))
	}
	fp := paging.Fingerprint("dunning", f.Organization, f.Invoice, f.Levels, f.Statuses)
	var c cursor
	hasCursor, err := paging.Decode(f.PageToken, fp, &c)
	if err != nil {
		return nil, err
	}
	q := s.client.DunningNotice.Query().Where(where...)
	if hasCursor {
		q.Where(paging.After(true, paging.Key{Column: dunningnotice.FieldCreateTime, Value: c.Time}, paging.Key{Column: dunningnotice.FieldID, Value: c.ID}))
	}
	size := paging.Size(f.PageSize)
	rows, err := q.Order(ent.Desc(dunningnotice.FieldCreateTime), ent.Desc(dunningnotice.FieldID)).Limit(size + 1).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("list notices: %w", err)
	}
	total := c.Total
	if !hasCursor {
		if total, err = s.client.DunningNotice.Query().Where(where...).Count(ctx); err != nil {
			return nil, fmt.Errorf("count notices: %w", err)
		}
	}
	page := &Page{TotalSize: total}
	rows, page.NextPageToken = paging.Cut(rows, size, fp, func(last *ent.DunningNotice) any {
		return cursor{Time: last.CreateTime, ID: last.ID, Total: total}
	})
	if page.Notices, err = s.named(ctx, rows); err != nil {
		return nil, err
	}
	return page, nil
}

// named makes notices of rows, with their organizations' names and their
// fee invoices' numbers.
func (s *Service) named(ctx context.Context, rows []*ent.DunningNotice) ([]Notice, error) {
	var orgIDs, feeIDs []uuid.UUID
	for _, r := range rows {
		if !slices.Contains(orgIDs, r.OrganizationID) {
			orgIDs = append(orgIDs, r.OrganizationID)
		}
		if r.FeeInvoiceID != nil {
			feeIDs = append(feeIDs, *r.FeeInvoiceID)
		}
	}
	orgs, err := s.client.Organization.Query().Where(organization.IDIn(orgIDs...)).Select(organization.FieldID, organization.FieldName).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("name organizations: %w", err)
	}
	names := map[uuid.UUID]string{}
	for _, o := range orgs {
		names[o.ID] = o.Name
	}
	fees, err := s.client.Invoice.Query().Where(entinvoice.IDIn(feeIDs...)).Select(entinvoice.FieldID, entinvoice.FieldNumber).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("name fee invoices: %w", err)
	}
	numbers := map[uuid.UUID]string{}
	for _, f := range fees {
		numbers[f.ID] = f.Number
	}
	out := make([]Notice, 0, len(rows))
	for _, r := range rows {
		n := Notice{ID: r.ID, OrganizationID: r.OrganizationID, OrganizationName: names[r.OrganizationID], InvoiceID: r.InvoiceID,
			InvoiceNumber: r.InvoiceNumber, Level: string(r.Level), IssueDate: dateOf(r.IssueDate), PayBy: dateOf(r.PayBy),
			OpenCents: r.OpenCents, FeeCents: r.FeeCents, Currency: r.Currency, FeeInvoiceID: r.FeeInvoiceID,
			Status: string(r.Status), To: r.ToAddress, Attempts: r.Attempts, Answer: r.Answer,
			LastAttemptTime: r.LastAttemptTime, NextAttemptTime: r.NextAttemptTime, CreateTime: r.CreateTime}
		if r.FeeInvoiceID != nil {
			n.FeeInvoiceNumber = numbers[*r.FeeInvoiceID]
		}
		out = append(out, n)
	}
	return out, nil
}

// OpenInvoice is an open overdue invoice and how far it was chased.
type OpenInvoice struct {
	ID        uuid.UUID
	Number    string
	DueDate   calendar.Date
	OpenCents int64
	Currency  string
	// Level is the last level written ("" for none); Next where its
	// dunning goes next.
	Level string
	Next  Step
}

// State is where an organization's dunning stands.
type State struct {
	// Enabled says whether its issuer chases overdue invoices.
	Enabled  bool
	Hold     *Hold
	Invoices []OpenInvoice
	Notices  []Notice
}

// Organization returns where an organization's dunning stands: its hold
// (none once past its last day), its open overdue invoices with the next
// level of each, and its latest notices.
func (s *Service) Organization(ctx context.Context, org uuid.UUID) (*State, error) {
	_, is, err := s.organization(ctx, s.client, org)
	if err != nil {
		return nil, err
	}
	today := s.today(is)
	st := &State{Enabled: is.settings.Dunning.Enabled}
	h, err := s.client.DunningHold.Query().Where(dunninghold.OrganizationID(org)).Only(ctx)
	switch {
	case ent.IsNotFound(err):
	case err != nil:
		return nil, err
	case !dateOf(h.Until).Before(today):
		st.Hold = holdOf(h)
	}
	cs, err := s.chases(ctx, s.client, map[uuid.UUID]issuerOf{}, func(q *ent.InvoiceQuery) { q.Where(entinvoice.OrganizationID(org)) })
	if err != nil {
		return nil, err
	}
	for _, c := range cs {
		step, _ := c.step(today)
		oi := OpenInvoice{ID: c.inv.ID, Number: c.inv.Number, DueDate: dateOf(c.inv.DueDate), OpenCents: c.inv.GrossCents - c.inv.PaidCents,
			Currency: c.inv.Currency, Next: step}
		if c.last != nil {
			oi.Level = string(c.last.Level)
		}
		st.Invoices = append(st.Invoices, oi)
	}
	rows, err := s.client.DunningNotice.Query().Where(dunningnotice.OrganizationID(org)).
		Order(ent.Desc(dunningnotice.FieldCreateTime), ent.Desc(dunningnotice.FieldID)).Limit(100).All(ctx)
	if err != nil {
		return nil, err
	}
	if st.Notices, err = s.named(ctx, rows); err != nil {
		return nil, err
	}
	return st, nil
}

// PDF returns a notice's letter as it was sent (rendered again from its
// document while it is not sent yet: the same bytes), its file name and
// SHA-256.
func (s *Service) PDF(ctx context.Context, id uuid.UUID) ([]byte, string, string, error) {
	n, err := s.client.DunningNotice.Get(ctx, id)
	if ent.IsNotFound(err) {
		return nil, "", "", apierr.NotFound("dunning notice", ids.Format(ids.DunningNotice, id))
	}
	if err != nil {
		return nil, "", "", err
	}
	var pdf []byte
	if n.PdfName != "" {
		f, _, err := s.files.Open(ctx, FilePrefix, n.PdfName)
		if err != nil {
			return nil, "", "", err
		}
		defer f.Close()
		if pdf, err = io.ReadAll(f); err != nil {
			return nil, "", "", err
		}
	} else if _, pdf, err = s.render(ctx, n); err != nil {
		return nil, "", "", err
	}
	sum := sha256.Sum256(pdf)
	return pdf, FileName(string(n.Level), n.InvoiceNumber), hex.EncodeToString(sum[:]), nil
}

// PDFsInUse lists the names of the stored letters, for the storage
// cleanup.
func (s *Service) PDFsInUse(ctx context.Context) ([]string, error) {
	return s.client.DunningNotice.Query().Where(dunningnotice.PdfNameNEQ("")).Select(dunningnotice.FieldPdfName).Strings(ctx)
}

// Names returns the notices with these ids as the audit trail shows them:
// "1. Mahnung RE-2027-000042".
func (s *Service) Names(ctx context.Context, idList []uuid.UUID) (map[uuid.UUID]string, error) {
	rows, err := s.client.DunningNotice.Query().Where(dunningnotice.IDIn(idList...)).
		Select(dunningnotice.FieldID, dunningnotice.FieldLevel, dunningnotice.FieldInvoiceNumber).All(ctx)
	if err != nil {
		return nil, err
	}
	out := make(map[uuid.UUID]string, len(rows))
	for _, r := range rows {
		out[r.ID] = titles[string(r.Level)] + " " + r.InvoiceNumber
	}
	return out, nil
}
