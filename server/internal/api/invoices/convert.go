package invoices

import (
	"google.golang.org/protobuf/types/known/timestamppb"

	adminv1 "github.com/leitstand/leitstand/gen/go/leitstand/admin/v1"
	"github.com/leitstand/leitstand/server/internal/api/protoconv"
	"github.com/leitstand/leitstand/server/internal/billing/einvoice"
	"github.com/leitstand/leitstand/server/internal/invoice"
	"github.com/leitstand/leitstand/server/internal/organization"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/platform/protoenum"
)

var (
	statuses = protoenum.ByName[string, adminv1.InvoiceStatus](
		invoice.StatusIssued, invoice.StatusPaid, invoice.StatusOverdue, invoice.StatusCancelled)
	kinds   = protoenum.ByName[string, adminv1.InvoiceKind](invoice.KindInvoice, invoice.KindCancellation)
	origins = protoenum.ByName[string, adminv1.InvoiceOrigin]("RUN", "MANUAL", "DUNNING")
	// eInvoiceFormats are the organizations' table (E_INVOICE_FORMAT_<name>),
	// read for a download; the organizations module lists it.
	eInvoiceFormats = protoenum.ByName[string, adminv1.EInvoiceFormat](organization.EInvoiceZUGFeRD,
		organization.EInvoiceXRechnungCII, organization.EInvoiceXRechnungUBL)
	deliveries = protoenum.ByName[string, adminv1.InvoiceDeliveryStatus](invoice.DeliveryQueued, invoice.DeliverySent, invoice.DeliveryFailed)
)

// Enums lists the area's enum conversions.
func Enums() []protoenum.Table { return []protoenum.Table{statuses, kinds, origins, deliveries} }

func rules(vs []einvoice.Violation) []*adminv1.EInvoiceRule {
	out := make([]*adminv1.EInvoiceRule, len(vs))
	for i, v := range vs {
		out[i] = &adminv1.EInvoiceRule{Rule: v.Rule, Message: v.Message}
	}
	return out
}

func toProtoInvoice(i invoice.Invoice) *adminv1.Invoice {
	out := &adminv1.Invoice{
		OrganizationId: ids.Format(ids.Organization, i.OrganizationID), OrganizationName: i.OrganizationName,
		Number: i.Number, Kind: kinds.ToProto(i.Kind), Origin: origins.ToProto(i.Origin), Status: statuses.ToProto(i.Status),
		IssueDate: i.IssueDate.String(), DueDate: i.DueDate.String(), PeriodStart: i.Period.Start.String(),
		PeriodEnd: i.Period.End.String(), Currency: i.Currency, NetCents: i.NetCents, VatCents: i.VATCents,
		GrossCents: i.GrossCents, PaidCents: i.PaidCents, Notes: i.Notes, PdfSha256: i.PDFSHA256, CancelsNumber: i.CancelsNumber,
		Reason: i.Reason, CreatedByEmail: i.CreatedByEmail, PaidTime: protoconv.Time(i.PaidTime),
		OverdueTime: protoconv.Time(i.OverdueTime), CancelTime: protoconv.Time(i.CancelTime),
	}
	if i.ID != [16]byte{} {
		out.Id = ids.Format(ids.Invoice, i.ID)
		out.CreateTime = timestamppb.New(i.CreateTime)
	}
	if i.BillingDate != nil {
		out.BillingDate = i.BillingDate.String()
	}
	if i.CancelsID != nil {
		out.CancelsId = ids.Format(ids.Invoice, *i.CancelsID)
	}
	if i.CancelledByID != nil {
		out.CancelledById = ids.Format(ids.Invoice, *i.CancelledByID)
	}
	if d := i.Delivery; d != nil {
		out.Delivery = &adminv1.InvoiceDelivery{Status: deliveries.ToProto(d.Status), To: d.To, Attempts: int32(d.Attempts),
			Answer: d.Answer, LastAttemptTime: protoconv.Time(d.LastAttemptTime), NextAttemptTime: protoconv.Time(d.NextAttemptTime),
			EInvoiceFormat: eInvoiceFormats.ToProto(d.EInvoiceFormat)}
	}
	for _, c := range i.EInvoiceChecks {
		out.EInvoiceChecks = append(out.EInvoiceChecks, &adminv1.EInvoiceCheck{Format: eInvoiceFormats.ToProto(c.Format),
			Valid: len(c.Violations) == 0, Violations: rules(c.Violations), Warnings: rules(c.Warnings)})
	}
	for _, m := range i.EInvoices {
		out.EInvoices = append(out.EInvoices, &adminv1.EInvoiceMade{Format: eInvoiceFormats.ToProto(m.Format), Sha256: m.SHA256,
			CreateTime: timestamppb.New(m.CreateTime)})
	}
	if i.PreferredEInvoiceFormat != "" {
		out.PreferredEInvoiceFormat = eInvoiceFormats.ToProto(i.PreferredEInvoiceFormat)
	}
	for _, t := range i.TaxTotals {
		out.TaxTotals = append(out.TaxTotals, &adminv1.InvoiceTaxTotal{RateBasisPoints: int32(t.RateBasisPoints), NetCents: t.NetCents, VatCents: t.VATCents})
	}
	for _, l := range i.Lines {
		pl := &adminv1.InvoiceLine{Position: int32(l.Position), Kind: l.Kind, Description: l.Description, Quantity: l.Quantity,
			Unit: l.Unit, UnitPriceCents: l.UnitPriceCents, BaseQuantity: l.BaseQuantity, NetCents: l.NetCents,
			VatRateBasisPoints: int32(l.VATRate)}
		if l.Period != nil {
			pl.PeriodStart, pl.PeriodEnd = l.Period.Start.String(), l.Period.End.String()
		}
		out.Lines = append(out.Lines, pl)
	}
	return out
}
