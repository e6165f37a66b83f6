package payments

import (
	"google.golang.org/protobuf/types/known/timestamppb"

	adminv1 "github.com/leitstand/leitstand/gen/go/leitstand/admin/v1"
	"github.com/leitstand/leitstand/server/internal/invoice"
	"github.com/leitstand/leitstand/server/internal/payment"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/platform/protoenum"
)

var (
	methods  = protoenum.ByName[payment.Method, adminv1.PaymentMethod](payment.Methods()...)
	statuses = protoenum.ByName[payment.Status, adminv1.PaymentStatus](payment.Statuses()...)
	// invoiceStatuses answers the invoice's status after a payment; the
	// invoices module lists the table.
	invoiceStatuses = protoenum.ByName[string, adminv1.InvoiceStatus](
		invoice.StatusIssued, invoice.StatusPaid, invoice.StatusOverdue, invoice.StatusCancelled)
)

// Enums lists the area's enum conversions.
func Enums() []protoenum.Table {
	return []protoenum.Table{methods, statuses, lineStatuses, lineMatches}
}

func toProto(p payment.Payment) *adminv1.Payment {
	return &adminv1.Payment{
		Id: ids.Format(ids.Payment, p.ID), OrganizationId: ids.Format(ids.Organization, p.OrganizationID),
		OrganizationName: p.OrganizationName, InvoiceId: ids.Format(ids.Invoice, p.InvoiceID), InvoiceNumber: p.InvoiceNumber,
		Method: methods.ToProto(p.Method), Status: statuses.ToProto(p.Status), AmountCents: p.AmountCents,
		Currency: p.Currency, RefundedCents: p.RefundedCents, ValueDate: p.ValueDate.String(), Reference: p.Reference,
		Note: p.Note, ProviderPaymentId: p.ProviderPaymentID, FailureReason: p.FailureReason, Reason: p.Reason,
		RecordedByEmail: p.RecordedByEmail, CreateTime: timestamppb.New(p.CreateTime), StatusTime: timestamppb.New(p.StatusTime),
		CheckoutUrl: p.CheckoutURL, DashboardUrl: p.DashboardURL,
	}
}
