package dunning

import (
	"time"

	"google.golang.org/protobuf/types/known/timestamppb"

	adminv1 "github.com/leitstand/leitstand/gen/go/leitstand/admin/v1"
	"github.com/leitstand/leitstand/server/internal/dunning"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/platform/protoenum"
)

var (
	levels   = protoenum.ByName[string, adminv1.DunningLevel](dunning.Levels...)
	statuses = protoenum.ByName[string, adminv1.DunningNoticeStatus](
		dunning.StatusQueued, dunning.StatusSent, dunning.StatusFailed, dunning.StatusWithdrawn)
)

// Enums lists the area's enum conversions.
func Enums() []protoenum.Table { return []protoenum.Table{levels, statuses} }

func stamp(t *time.Time) *timestamppb.Timestamp {
	if t == nil {
		return nil
	}
	return timestamppb.New(*t)
}

func noticeToProto(n dunning.Notice) *adminv1.DunningNotice {
	out := &adminv1.DunningNotice{
		Id: ids.Format(ids.DunningNotice, n.ID), OrganizationId: ids.Format(ids.Organization, n.OrganizationID),
		OrganizationName: n.OrganizationName, InvoiceId: ids.Format(ids.Invoice, n.InvoiceID), InvoiceNumber: n.InvoiceNumber,
		Level: levels.ToProto(n.Level), IssueDate: n.IssueDate.String(), PayBy: n.PayBy.String(), OpenCents: n.OpenCents,
		FeeCents: n.FeeCents, Currency: n.Currency, FeeInvoiceNumber: n.FeeInvoiceNumber, Status: statuses.ToProto(n.Status),
		To: n.To, Attempts: int32(n.Attempts), Answer: n.Answer, LastAttemptTime: stamp(n.LastAttemptTime),
		NextAttemptTime: stamp(n.NextAttemptTime), CreateTime: timestamppb.New(n.CreateTime),
	}
	if n.FeeInvoiceID != nil {
		out.FeeInvoiceId = ids.Format(ids.Invoice, *n.FeeInvoiceID)
	}
	return out
}

func holdToProto(h *dunning.Hold) *adminv1.DunningHold {
	if h == nil {
		return nil
	}
	return &adminv1.DunningHold{OrganizationId: ids.Format(ids.Organization, h.OrganizationID), Until: h.Until.String(),
		Reason: h.Reason, CreatedByEmail: h.CreatedByEmail, UpdateTime: timestamppb.New(h.UpdateTime)}
}

func invoiceToProto(i dunning.OpenInvoice) *adminv1.DunningInvoice {
	out := &adminv1.DunningInvoice{InvoiceId: ids.Format(ids.Invoice, i.ID), Number: i.Number, DueDate: i.DueDate.String(),
		OpenCents: i.OpenCents, Currency: i.Currency}
	if i.Level != "" {
		out.Level = levels.ToProto(i.Level)
	}
	if i.Next.Level != "" {
		out.NextLevel, out.NextDate = levels.ToProto(i.Next.Level), i.Next.On.String()
	}
	return out
}
