package invoice

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"entgo.io/ent/dialect/sql"
	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	entinvoice "github.com/leitstand/leitstand/server/ent/invoice"
	"github.com/leitstand/leitstand/server/ent/invoicedelivery"
	"github.com/leitstand/leitstand/server/internal/billing/calendar"
	"github.com/leitstand/leitstand/server/internal/billing/invoicepdf"
	"github.com/leitstand/leitstand/server/internal/billing/tax"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/platform/tenancy"
	"github.com/leitstand/leitstand/server/internal/settings"
)

// draftLine is a line of an invoice about to be issued.
type draftLine struct {
	Kind           string
	Description    string
	Period         *calendar.Period
	Quantity       int64
	Unit           string
	UnitPriceCents int64
	BaseQuantity   int64
	NetCents       int64
	Workspace      uuid.UUID
	// Service is the booked service a service line charges (uuid.Nil for
	// other lines): the wholesale report reprices these lines.
	Service uuid.UUID
}

// draft is an invoice about to be issued: everything but its number.
type draft struct {
	org         *ent.Organization
	issuer      settings.Settings
	kind        string
	origin      string
	issue       calendar.Date
	billingDate *calendar.Date
	period      calendar.Period
	currency    string
	lines       []draftLine
	reason      string
	// A cancellation invoice names the invoice it cancels, and says what
	// that one said of the issuer and the customer.
	cancels *ent.Invoice
	base    *invoicepdf.Document
	// mode, when set, is the tax scheme whatever the parties (a dunning
	// fee is outside the scope of VAT); due, the due date whatever the
	// issuer's payment terms.
	mode *tax.Mode
	due  *calendar.Date
	// checked: its e-invoice was checked when the billing run prepared
	// it (checkDrafts), so issuing it need not check again.
	checked bool
}

// computed is a draft's tax: the scheme, the rate of its lines and the
// totals.
type computed struct {
	mode tax.Mode
	rate int
	sum  tax.Summary
}

// compute works out the tax of d: the issuer's scheme for this customer,
// VAT once per rate on the sum of the rounded line nets. A cancellation
// invoice takes the scheme of the invoice it cancels.
func compute(d draft) (computed, error) {
	mode := tax.ModeFor(
		tax.Issuer{SmallBusiness: d.issuer.Tax.SmallBusinessExemption, RateBasisPoints: d.issuer.Tax.VATRateBasisPoints,
			Country: d.issuer.Company.Address.CountryCode},
		tax.Customer{Country: d.org.CountryCode, VATID: d.org.VatID})
	if d.base != nil {
		mode = modeOf(*d.base)
	}
	if d.mode != nil {
		mode = *d.mode
	}
	rate := 0
	if mode.Scheme == tax.Standard {
		rate = mode.RateBasisPoints
	}
	taxLines := make([]tax.Line, len(d.lines))
	for i, l := range d.lines {
		taxLines[i] = tax.Line{NetCents: l.NetCents, RateBasisPoints: rate}
	}
	sum, err := tax.Totals(taxLines, mode)
	if err != nil {
		return computed{}, fmt.Errorf("invoice totals: %w", err)
	}
	return computed{mode: mode, rate: rate, sum: sum}, nil
}

// modeOf reads the tax scheme an issued document was computed with.
func modeOf(doc invoicepdf.Document) tax.Mode {
	switch {
	case doc.ReverseCharge:
		return tax.Mode{Scheme: tax.ReverseCharge, CustomerVATID: doc.Customer.VATID}
	case len(doc.Totals) > 0 && doc.Totals[0].Rate > 0:
		return tax.Mode{Scheme: tax.Standard, RateBasisPoints: int(doc.Totals[0].Rate)}
	case slices.Contains(doc.Notes, tax.NoteSmallBusiness):
		return tax.Mode{Scheme: tax.SmallBusiness}
	case slices.Contains(doc.Notes, tax.NoteDunningFee):
		return tax.Mode{Scheme: tax.OutsideScope, Reason: tax.NoteDunningFee}
	}
	return tax.Mode{Scheme: tax.Standard}
}

// issue numbers and stores the invoice d in tx: issueMany of one.
func (s *Service) issue(ctx context.Context, tx *ent.Tx, log *audit.Log, d draft) (*ent.Invoice, error) {
	invs, err := s.issueMany(ctx, tx, log, []draft{d})
	if err != nil {
		return nil, err
	}
	return invs[0], nil
}

// issueMany numbers and stores the invoices ds in tx, in their order: the
// next numbers of each issuer's year, the document as the issuer's
// settings and the organization read today, the lines, the e-mail queued
// and one audit event each. A constant number of statements for any
// number of invoices: the billing run issues hundreds in one change. Each
// invoice's e-invoice is checked against its rules before anything is
// written (checkEInvoices): one that breaks a rule stops the change. The
// PDF is rendered from the stored document once the change has committed
// (renderPDFs).
func (s *Service) issueMany(ctx context.Context, tx *ent.Tx, log *audit.Log, ds []draft) ([]*ent.Invoice, error) {
	type series struct {
		issuer uuid.UUID
		year   int
	}
	next := map[series]int{}
	now := s.clock.Now()
	invoices := make([]*ent.InvoiceCreate, 0, len(ds))
	var lines []*ent.InvoiceLineCreate
	deliveries := make([]*ent.InvoiceDeliveryCreate, 0, len(ds))
	out := make([]*ent.Invoice, 0, len(ds))
	var unchecked []draft
	var docs []invoicepdf.Document
	for _, d := range ds {
		if missing := d.issuer.MissingForInvoices(); len(missing) > 0 && d.base == nil {
			return nil, apierr.FailedPrecondition("no invoice can be issued until the settings have %s", strings.Join(missing, ", "))
		}
		// A public authority's invoice is routed by its Leitweg-ID: without
		// it the e-invoice is refused (BR-DE-15), and so is the invoice. A
		// cancellation invoice names the buyer as the invoice it cancels did.
		if d.org.PublicSector && strings.TrimSpace(d.org.BuyerReference) == "" && d.base == nil {
			return nil, apierr.FailedPrecondition("BR-DE-15: the buyer reference is missing: %s is a public authority, and its invoices need its Leitweg-ID (set it in the organization's e-invoice settings)", d.org.Name)
		}
		c, err := compute(d)
		if err != nil {
			return nil, err
		}
		mode, rate, sum := c.mode, c.rate, c.sum

		// The next number of the issuer's year. Changes are serialised by
		// the audit chain's head lock, so no other change takes it
		// meanwhile; the unique index is the backstop. Bookkeeping across
		// every tenant's invoices, so unscoped.
		year := d.issue.Year()
		key := series{d.org.BillingEntityID, year}
		seq, ok := next[key]
		if !ok {
			var last []struct {
				Max *int `json:"max"`
			}
			if err := tx.Invoice.Query().Where(entinvoice.IssuerID(key.issuer), entinvoice.Year(year)).
				Aggregate(ent.As(ent.Max(entinvoice.FieldSequence), "max")).Scan(tenancy.Unscoped(ctx), &last); err != nil {
				return nil, fmt.Errorf("last invoice number: %w", err)
			}
			seq = 1
			if len(last) == 1 && last[0].Max != nil {
				seq = *last[0].Max + 1
			}
		}
		next[key] = seq + 1
		number := Number(d.issuer.Invoice.NumberPrefix, year, seq)
		due := dueOf(d)
		doc := s.document(d, number, due, mode, rate, sum)
		if !d.checked {
			unchecked, docs = append(unchecked, d), append(docs, doc)
		}
		stored, err := json.Marshal(doc)
		if err != nil {
			return nil, err
		}
		id := uuid.Must(uuid.NewV7())
		create := tx.Invoice.Create().SetID(id).SetOrganizationID(d.org.ID).SetIssuerID(d.org.BillingEntityID).
			SetKind(entinvoice.Kind(d.kind)).SetOrigin(entinvoice.Origin(d.origin)).SetNumber(number).SetYear(year).SetSequence(seq).
			SetStatus(entinvoice.StatusISSUED).SetIssueDate(d.issue.String()).SetDueDate(due.String()).
			SetPeriodStart(d.period.Start.String()).SetPeriodEnd(d.period.End.String()).SetCurrency(d.currency).
			SetNetCents(sum.NetCents).SetVatCents(sum.VATCents).SetGrossCents(sum.GrossCents).SetDocument(stored).
			SetReason(d.reason).SetCreatedByEmail(authz.ActorOf(ctx).Email).SetCreateTime(now).SetUpdateTime(now)
		if d.billingDate != nil {
			create.SetBillingDate(d.billingDate.String())
		}
		if d.cancels != nil {
			create.SetCancelsID(d.cancels.ID)
		}
		invoices = append(invoices, create)
		for i, l := range d.lines {
			r := tx.InvoiceLine.Create().SetInvoiceID(id).SetOrganizationID(d.org.ID).SetPosition(i + 1).SetKind(l.Kind).
				SetDescription(l.Description).SetQuantity(l.Quantity).SetUnit(l.Unit).SetUnitPriceCents(l.UnitPriceCents).
				SetBaseQuantity(max(l.BaseQuantity, 1)).SetNetCents(l.NetCents).SetVatRateBasisPoints(rate)
			if l.Period != nil {
				r.SetPeriodStart(l.Period.Start.String()).SetPeriodEnd(l.Period.End.String())
			}
			if l.Workspace != uuid.Nil {
				r.SetWorkspaceID(l.Workspace)
			}
			if l.Service != uuid.Nil {
				r.SetServiceInstanceID(l.Service)
			}
			lines = append(lines, r)
		}
		// Queued for the e-mail in the same change: an issued invoice is
		// never forgotten by the delivery.
		// It goes where the organization takes e-invoices, as the
		// e-invoice says (BT-49), in the format it prefers.
		to := cmp.Or(d.org.EinvoiceAddress, d.org.BillingEmail)
		delivery := tx.InvoiceDelivery.Create().SetInvoiceID(id).SetOrganizationID(d.org.ID).SetToAddress(to).
			SetEinvoiceFormat(invoicedelivery.EinvoiceFormat(d.org.EinvoiceFormat)).SetCreateTime(now).SetUpdateTime(now)
		if to == "" {
			delivery.SetStatus(invoicedelivery.StatusFAILED).SetAnswer(noAddress)
		} else {
			delivery.SetStatus(invoicedelivery.StatusQUEUED).SetNextAttemptTime(now)
		}
		deliveries = append(deliveries, delivery)
		log.Record(audit.Event{TargetType: targetType, TargetID: ids.Format(ids.Invoice, id), Reason: d.reason, After: map[string]any{
			"number": number, "kind": d.kind, "organization_id": ids.Format(ids.Organization, d.org.ID),
			"issue_date": d.issue.String(), "period": d.period.String(), "net_cents": sum.NetCents, "vat_cents": sum.VATCents,
			"gross_cents": sum.GrossCents, "lines": len(d.lines),
		}})
	}
	if err := checkEInvoices(unchecked, docs); err != nil {
		return nil, err
	}
	for part := range slices.Chunk(invoices, rowsPerInsert) {
		saved, err := tx.Invoice.CreateBulk(part...).Save(ctx)
		if err != nil {
			return nil, err
		}
		out = append(out, saved...)
	}
	for part := range slices.Chunk(lines, rowsPerInsert) {
		if err := tx.InvoiceLine.CreateBulk(part...).Exec(ctx); err != nil {
			return nil, err
		}
	}
	for part := range slices.Chunk(deliveries, rowsPerInsert) {
		if err := tx.InvoiceDelivery.CreateBulk(part...).Exec(ctx); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// dueOf is the day d is due: the issuer's payment terms after its issue,
// unless d says otherwise.
func dueOf(d draft) calendar.Date {
	if d.due != nil {
		return *d.due
	}
	return d.issue.AddDays(d.issuer.Invoice.PaymentTermsDays)
}

// checkDrafts checks the e-invoices of the drafts the billing run
// prepared, ahead of the change that issues them, and marks them checked:
// so the checks run while the change before writes, not in the change. A
// number is taken only in the change; no rule looks at its digits, so
// the check's document has a stand-in.
func (s *Service) checkDrafts(ds []draft) error {
	var todo []int
	var docs []invoicepdf.Document
	for i, d := range ds {
		if len(d.lines) == 0 {
			continue // nothing to charge: no invoice
		}
		c, err := compute(d)
		if err != nil {
			return err
		}
		todo = append(todo, i)
		docs = append(docs, s.document(d, Number(d.issuer.Invoice.NumberPrefix, d.issue.Year(), 0), dueOf(d), c.mode, c.rate, c.sum))
	}
	checked := make([]draft, len(todo))
	for k, i := range todo {
		checked[k] = ds[i]
	}
	if err := checkEInvoices(checked, docs); err != nil {
		return err
	}
	for _, i := range todo {
		ds[i].checked = true
	}
	return nil
}

// rowsPerInsert bounds the rows of one INSERT: 500 invoices of 30 columns
// stay well under the bound parameters SQLite (32,766) and Postgres
// (65,535) take in one statement.
const rowsPerInsert = 500

// targetType is what the audit trail calls an invoice.
const targetType = "invoice"

// document is what the invoice says, as of today: the issuer's details from
// its settings, the customer's from the organization.
func (s *Service) document(d draft, number string, due calendar.Date, mode tax.Mode, rate int, sum tax.Summary) invoicepdf.Document {
	issuer, customer := Parties(d.issuer, d.org)
	doc := invoicepdf.Document{
		Kind: invoicepdf.KindInvoice, Number: number, IssueDate: d.issue, DueDate: due, ServicePeriod: d.period,
		Currency: d.currency, Issuer: issuer, Customer: customer,
		TotalNetCents: sum.NetCents, TotalVATCents: sum.VATCents, GrossCents: sum.GrossCents,
		ReverseCharge: mode.Scheme == tax.ReverseCharge,
	}
	if d.base != nil {
		// A cancellation invoice says what the invoice it cancels said of
		// both parties.
		doc.Issuer, doc.Customer = d.base.Issuer, d.base.Customer
	}
	if d.cancels != nil {
		doc.Kind = invoicepdf.KindCancellation
		doc.Cancels = &invoicepdf.InvoiceRef{Number: d.cancels.Number, IssueDate: dateOf(d.cancels.IssueDate)}
		doc.Notes = append(doc.Notes, "Grund der Stornierung: "+d.reason)
	}
	for i, l := range d.lines {
		doc.Lines = append(doc.Lines, invoicepdf.Line{Position: i + 1, Description: l.Description, Quantity: l.Quantity,
			Unit: invoicepdf.Unit(l.Unit), UnitPriceCents: l.UnitPriceCents, BaseQuantity: max(l.BaseQuantity, 1),
			NetCents: l.NetCents, VATRate: invoicepdf.Rate(rate)})
	}
	for _, g := range sum.Groups {
		doc.Totals = append(doc.Totals, invoicepdf.RateTotal{Rate: invoicepdf.Rate(g.RateBasisPoints), NetCents: g.NetCents, VATCents: g.VATCents})
	}
	for _, n := range sum.Notes {
		// The PDF words the reverse charge itself.
		if n != tax.NoteReverseCharge {
			doc.Notes = append(doc.Notes, n)
		}
	}
	if sum.GrossCents > 0 {
		doc.PaymentTerms = fmt.Sprintf("Zahlbar ohne Abzug bis %02d.%02d.%d.", due.Day(), int(due.Month()), due.Year())
	}
	return doc
}

// Parties are the issuer and the customer as a letter to o names them
// today: the issuer's details from its settings, the customer's from the
// organization (its legal name when it has one).
func Parties(is settings.Settings, o *ent.Organization) (invoicepdf.Issuer, invoicepdf.Customer) {
	company := is.Company.Name
	if is.Company.LegalForm != "" && !strings.HasSuffix(company, is.Company.LegalForm) {
		company += " " + is.Company.LegalForm
	}
	address := func(line1, line2, postal, city, country string) invoicepdf.Address {
		a := invoicepdf.Address{PostalCode: postal, City: city}
		for _, l := range []string{line1, line2} {
			if l != "" {
				a.Lines = append(a.Lines, l)
			}
		}
		if country != "" && !strings.EqualFold(country, is.Company.Address.CountryCode) {
			a.Country = strings.ToUpper(country)
		}
		return a
	}
	customer := o.LegalName
	if customer == "" {
		customer = o.Name
	}
	return invoicepdf.Issuer{
			Name: company, Address: address(is.Company.Address.Line1, is.Company.Address.Line2, is.Company.Address.PostalCode,
				is.Company.Address.City, ""),
			Email: is.Company.Email, Phone: is.Company.Phone, Website: is.Company.Website,
			TaxNumber: is.Tax.TaxNumber, VATID: is.Tax.VATID, RegisterCourt: is.Company.RegisterCourt,
			RegisterNumber: is.Company.RegisterNumber, ManagingDirectors: is.Company.ManagingDirectors,
			Bank: invoicepdf.BankAccount{Holder: is.Bank.AccountHolder, IBAN: is.Bank.IBAN, BIC: is.Bank.BIC, BankName: is.Bank.BankName},
			// The logo by its file's name, never its bytes (render loads them).
			LogoFile: is.Company.Logo,
		}, invoicepdf.Customer{
			Name: customer, Address: address(o.AddressLine1, o.AddressLine2, o.PostalCode, o.City, o.CountryCode),
			Number: CustomerNumber(o.ID), VATID: o.VatID,
			Reference: o.BuyerReference, PublicSector: o.PublicSector, ElectronicAddress: cmp.Or(o.EinvoiceAddress, o.BillingEmail),
		}
}

// byNumber orders invoices as they were issued.
var byNumber = []entinvoice.OrderOption{entinvoice.ByIssueDate(sql.OrderDesc()), entinvoice.BySequence(sql.OrderDesc())}

// CustomerNumber is how an invoice names the organization it bills: K- and
// the last eight characters of its id, upper case (the random part of the
// id, so two organizations share one about once in a trillion), short
// enough for the information block of the letter.
func CustomerNumber(org uuid.UUID) string {
	id := ids.Format(ids.Organization, org)
	return "K-" + strings.ToUpper(id[len(id)-8:])
}
