package payment

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	entinvoice "github.com/leitstand/leitstand/server/ent/invoice"
	"github.com/leitstand/leitstand/server/ent/organization"
	entpayment "github.com/leitstand/leitstand/server/ent/payment"
	"github.com/leitstand/leitstand/server/ent/paymentaccount"
	"github.com/leitstand/leitstand/server/ent/predicate"
	"github.com/leitstand/leitstand/server/internal/billing/calendar"
	"github.com/leitstand/leitstand/server/internal/billing/cents"
	"github.com/leitstand/leitstand/server/internal/billing/molliepay"
	"github.com/leitstand/leitstand/server/internal/billing/stripepay"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/platform/paging"
	"github.com/leitstand/leitstand/server/internal/platform/tenancy"
	"github.com/leitstand/leitstand/server/internal/platform/textfold"
	"github.com/leitstand/leitstand/server/internal/search"
)

// Get reads one payment.
func (s *Service) Get(ctx context.Context, id uuid.UUID) (*Payment, error) {
	r, err := s.client.Payment.Get(ctx, id)
	if ent.IsNotFound(err) {
		return nil, apierr.NotFound("payment", ids.Format(ids.Payment, id))
	}
	if err != nil {
		return nil, fmt.Errorf("read payment: %w", err)
	}
	list, err := s.named(ctx, []*ent.Payment{r})
	if err != nil {
		return nil, err
	}
	return &list[0], nil
}

// Filter selects payments.
type Filter struct {
	Organization, Invoice *uuid.UUID
	Methods               []Method
	Statuses              []Status
	ValueFrom, ValueTo    *calendar.Date
	// Query is text in the reference, the provider's payment id or the
	// invoice number.
	Query     string
	PageSize  int32
	PageToken string
}

// Page is a page of payments.
type Page struct {
	Payments      []Payment
	NextPageToken string
	TotalSize     int
}

type cursor struct {
	Date  string    `json:"d"`
	ID    uuid.UUID `json:"i"`
	Total int       `json:"c,omitempty"`
}

// List lists payments, the latest value date first.
func (s *Service) List(ctx context.Context, f Filter) (*Page, error) {
	var where []predicate.Payment
	if f.Organization != nil {
		where = append(where, entpayment.OrganizationID(*f.Organization))
	}
	if f.Invoice != nil {
		where = append(where, entpayment.InvoiceID(*f.Invoice))
	}
	if len(f.Methods) > 0 {
		ms := make([]entpayment.Method, len(f.Methods))
		for i, m := range f.Methods {
			ms[i] = entpayment.Method(m)
		}
		where = append(where, entpayment.MethodIn(ms...))
	}
	if len(f.Statuses) > 0 {
		st := make([]entpayment.Status, len(f.Statuses))
		for i, v := range f.Statuses {
			st[i] = entpayment.Status(v)
		}
		where = append(where, entpayment.StatusIn(st...))
	}
	if f.ValueFrom != nil {
		where = append(where, entpayment.ValueDateGTE(f.ValueFrom.String()))
	}
	if f.ValueTo != nil {
		where = append(where, entpayment.ValueDateLTE(f.ValueTo.String()))
	}
	if q := textfold.Fold(strings.TrimSpace(f.Query)); q != "" {
		where = append(where, predicate.Payment(search.Match(entpayment.FieldSearchKey, q)))
	}
	fp := paging.Fingerprint("payments", f.Organization, f.Invoice, f.Methods, f.Statuses, f.ValueFrom, f.ValueTo, f.Query)
	var c cursor
	hasCursor, err := paging.Decode(f.PageToken, fp, &c)
	if err != nil {
		return nil, err
	}
	q := s.client.Payment.Query().Where(where...)
	if hasCursor {
		q.Where(paging.After(true, paging.Key{Column: entpayment.FieldValueDate, Value: c.Date}, paging.Key{Column: entpayment.FieldID, Value: c.ID}))
	}
	size := paging.Size(f.PageSize)
	rows, err := q.Order(ent.Desc(entpayment.FieldValueDate), ent.Desc(entpayment.FieldID)).Limit(size + 1).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("list payments: %w", err)
	}
	total := c.Total
	if !hasCursor {
		if total, err = s.client.Payment.Query().Where(where...).Count(ctx); err != nil {
			return nil, fmt.Errorf("count payments: %w", err)
		}
	}
	page := &Page{TotalSize: total}
	rows, page.NextPageToken = paging.Cut(rows, size, fp, func(last *ent.Payment) any {
		return cursor{Date: last.ValueDate, ID: last.ID, Total: total}
	})
	if page.Payments, err = s.named(ctx, rows); err != nil {
		return nil, err
	}
	return page, nil
}

// named makes payments of rows, with their organizations' names and the
// links into the providers' dashboards.
func (s *Service) named(ctx context.Context, rows []*ent.Payment) ([]Payment, error) {
	orgIDs := make([]uuid.UUID, 0, len(rows))
	for _, r := range rows {
		if !slices.Contains(orgIDs, r.OrganizationID) {
			orgIDs = append(orgIDs, r.OrganizationID)
		}
	}
	orgs, err := s.client.Organization.Query().Where(organization.IDIn(orgIDs...)).
		Select(organization.FieldID, organization.FieldName, organization.FieldBillingEntityID).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("name organizations: %w", err)
	}
	names := make(map[uuid.UUID]string, len(orgs))
	entityOf := make(map[uuid.UUID]uuid.UUID, len(orgs))
	var entities []uuid.UUID
	for _, o := range orgs {
		names[o.ID], entityOf[o.ID] = o.Name, o.BillingEntityID
		entities = append(entities, o.BillingEntityID)
	}
	// Whether each billing entity's Stripe key is a test key: its
	// payments are in the dashboard's test mode.
	testMode := map[uuid.UUID]bool{}
	accounts, err := s.client.PaymentAccount.Query().Where(paymentaccount.IssuerIDIn(entities...),
		paymentaccount.ProviderEQ(paymentaccount.ProviderSTRIPE)).Select(paymentaccount.FieldIssuerID, paymentaccount.FieldTestMode).
		All(tenancy.Unscoped(ctx))
	if err != nil {
		return nil, fmt.Errorf("read payment accounts: %w", err)
	}
	for _, a := range accounts {
		testMode[a.IssuerID] = a.TestMode
	}
	out := make([]Payment, len(rows))
	for i, r := range rows {
		out[i] = paymentOf(r)
		out[i].OrganizationName = names[r.OrganizationID]
		switch {
		case r.ProviderPaymentID == "":
		case r.Method == entpayment.MethodSTRIPE:
			out[i].DashboardURL = stripepay.DashboardURL(r.ProviderPaymentID, testMode[entityOf[r.OrganizationID]])
		case r.Method == entpayment.MethodMOLLIE:
			out[i].DashboardURL = molliepay.DashboardURL(r.ProviderPaymentID)
		}
	}
	return out, nil
}

// Balance is an organization's account in one currency.
type Balance struct {
	Currency string
	// OpenCents is what its open invoices still owe; OverdueCents the part
	// past its due date.
	OpenCents, OverdueCents int64
	// CreditCents is what it paid beyond what its invoices asked, or for
	// invoices cancelled since.
	CreditCents  int64
	OpenInvoices int
}

// Balances is what an organization owes and its credit, per currency it
// was invoiced in.
func (s *Service) Balances(ctx context.Context, org uuid.UUID) ([]Balance, error) {
	if _, err := s.client.Organization.Query().Where(organization.ID(org)).OnlyID(ctx); ent.IsNotFound(err) {
		return nil, apierr.NotFound("organization", ids.Format(ids.Organization, org))
	} else if err != nil {
		return nil, fmt.Errorf("read organization: %w", err)
	}
	rows, err := s.client.Invoice.Query().Where(entinvoice.OrganizationID(org), entinvoice.KindEQ(entinvoice.KindINVOICE)).
		Select(entinvoice.FieldCurrency, entinvoice.FieldStatus, entinvoice.FieldGrossCents, entinvoice.FieldPaidCents).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("read invoices: %w", err)
	}
	by := map[string]*Balance{}
	var order []string
	for _, r := range rows {
		b := by[r.Currency]
		if b == nil {
			b = &Balance{Currency: r.Currency}
			by[r.Currency] = b
			order = append(order, r.Currency)
		}
		owed := r.GrossCents
		if r.Status == entinvoice.StatusCANCELLED {
			owed = 0
		}
		switch {
		case r.PaidCents > owed:
			b.CreditCents += r.PaidCents - owed
		case r.PaidCents < owed && r.Status != entinvoice.StatusPAID:
			b.OpenCents += owed - r.PaidCents
			b.OpenInvoices++
			if r.Status == entinvoice.StatusOVERDUE {
				b.OverdueCents += owed - r.PaidCents
			}
		}
	}
	slices.Sort(order)
	out := make([]Balance, len(order))
	for i, c := range order {
		out[i] = *by[c]
	}
	return out, nil
}

// Names names payments for the audit log: the invoice and the amount.
func (s *Service) Names(ctx context.Context, list []uuid.UUID) (map[uuid.UUID]string, error) {
	rows, err := s.client.Payment.Query().Where(entpayment.IDIn(list...)).
		Select(entpayment.FieldID, entpayment.FieldInvoiceNumber, entpayment.FieldAmountCents, entpayment.FieldCurrency).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("name payments: %w", err)
	}
	out := make(map[uuid.UUID]string, len(rows))
	for _, r := range rows {
		out[r.ID] = r.InvoiceNumber + " · " + cents.Format(r.AmountCents, r.Currency)
	}
	return out, nil
}
