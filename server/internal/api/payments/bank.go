package payments

import (
	"context"

	"connectrpc.com/connect"
	"github.com/google/uuid"
	"google.golang.org/protobuf/types/known/timestamppb"

	adminv1 "github.com/leitstand/leitstand/gen/go/leitstand/admin/v1"
	"github.com/leitstand/leitstand/gen/go/leitstand/admin/v1/adminv1connect"
	"github.com/leitstand/leitstand/server/internal/payment"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/platform/protoenum"
)

var (
	lineStatuses = protoenum.ByName[string, adminv1.BankLineStatus](payment.LineMatched, payment.LineUnmatched, payment.LineIgnored)
	lineMatches  = protoenum.ByName[string, adminv1.BankLineMatch]("EXACT", "PARTIAL", "AMBIGUOUS", "UNKNOWN", "IGNORED")
)

// BankHandler implements adminv1connect.BankStatementServiceHandler.
type BankHandler struct{ payments *payment.Service }

var _ adminv1connect.BankStatementServiceHandler = (*BankHandler)(nil)

// NewBank returns the BankStatementService handler.
func NewBank(s *payment.Service) *BankHandler { return &BankHandler{payments: s} }

// ImportBankStatement implements BankStatementService.ImportBankStatement.
func (h *BankHandler) ImportBankStatement(ctx context.Context, req *connect.Request[adminv1.ImportBankStatementRequest]) (*connect.Response[adminv1.ImportBankStatementResponse], error) {
	st, lines, err := h.payments.Import(ctx, req.Msg.GetFileName(), req.Msg.GetContent(), req.Msg.GetValidateOnly())
	if err != nil {
		return nil, err
	}
	out := &adminv1.ImportBankStatementResponse{Statement: toProtoStatement(*st)}
	for _, l := range lines {
		out.Lines = append(out.Lines, toProtoLine(l))
	}
	return connect.NewResponse(out), nil
}

// ListBankStatements implements BankStatementService.ListBankStatements.
func (h *BankHandler) ListBankStatements(ctx context.Context, req *connect.Request[adminv1.ListBankStatementsRequest]) (*connect.Response[adminv1.ListBankStatementsResponse], error) {
	list, next, err := h.payments.Statements(ctx, req.Msg.GetPageSize(), req.Msg.GetPageToken())
	if err != nil {
		return nil, err
	}
	out := &adminv1.ListBankStatementsResponse{NextPageToken: next}
	for _, st := range list {
		out.Statements = append(out.Statements, toProtoStatement(st))
	}
	return connect.NewResponse(out), nil
}

// ListBankLines implements BankStatementService.ListBankLines.
func (h *BankHandler) ListBankLines(ctx context.Context, req *connect.Request[adminv1.ListBankLinesRequest]) (*connect.Response[adminv1.ListBankLinesResponse], error) {
	m := req.Msg
	f := payment.LineFilter{Statuses: lineStatuses.FromProtos(m.GetStatuses()), PageSize: m.GetPageSize(), PageToken: m.GetPageToken()}
	if m.GetStatementId() != "" {
		id, err := ids.Parse(ids.BankStatement, "statement_id", m.GetStatementId())
		if err != nil {
			return nil, err
		}
		f.Statement = &id
	}
	page, err := h.payments.Lines(ctx, f)
	if err != nil {
		return nil, err
	}
	out := &adminv1.ListBankLinesResponse{NextPageToken: page.NextPageToken, TotalSize: int32(page.TotalSize)}
	for _, l := range page.Lines {
		out.Lines = append(out.Lines, toProtoLine(l))
	}
	return connect.NewResponse(out), nil
}

// AssignBankLine implements BankStatementService.AssignBankLine.
func (h *BankHandler) AssignBankLine(ctx context.Context, req *connect.Request[adminv1.AssignBankLineRequest]) (*connect.Response[adminv1.AssignBankLineResponse], error) {
	id, err := ids.Parse(ids.BankLine, "id", req.Msg.GetId())
	if err != nil {
		return nil, err
	}
	inv, err := ids.Parse(ids.Invoice, "invoice_id", req.Msg.GetInvoiceId())
	if err != nil {
		return nil, err
	}
	l, err := h.payments.Assign(ctx, id, inv, req.Msg.GetReason())
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.AssignBankLineResponse{Line: toProtoLine(*l)}), nil
}

// IgnoreBankLine implements BankStatementService.IgnoreBankLine.
func (h *BankHandler) IgnoreBankLine(ctx context.Context, req *connect.Request[adminv1.IgnoreBankLineRequest]) (*connect.Response[adminv1.IgnoreBankLineResponse], error) {
	id, err := ids.Parse(ids.BankLine, "id", req.Msg.GetId())
	if err != nil {
		return nil, err
	}
	l, err := h.payments.Ignore(ctx, id, req.Msg.GetReason())
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.IgnoreBankLineResponse{Line: toProtoLine(*l)}), nil
}

func toProtoStatement(st payment.Statement) *adminv1.BankStatement {
	return &adminv1.BankStatement{Id: optionalID(ids.BankStatement, st.ID), Account: st.Account, Currency: st.Currency,
		StatementRef: st.StatementRef, FileName: st.FileName, Format: st.Format, OpeningCents: st.OpeningCents,
		ClosingCents: st.ClosingCents, ImportedByEmail: st.ImportedByEmail, CreateTime: timestamppb.New(st.CreateTime),
		Matched: int32(st.Matched), Unmatched: int32(st.Unmatched), Ignored: int32(st.Ignored), Duplicates: int32(st.Duplicates)}
}

func toProtoLine(l payment.Line) *adminv1.BankLine {
	out := &adminv1.BankLine{Id: optionalID(ids.BankLine, l.ID), StatementId: optionalID(ids.BankStatement, l.StatementID), Ref: l.Ref,
		BookingDate: l.BookingDate.String(), ValueDate: l.ValueDate.String(), AmountCents: l.AmountCents, Currency: l.Currency,
		Remittance: l.Remittance, EndToEndId: l.EndToEndID, CounterpartyName: l.CounterpartyName, CounterpartyIban: l.CounterpartyIBAN,
		Status: lineStatuses.ToProto(l.Status), Match: lineMatches.ToProto(l.Match), Why: l.Why, InvoiceNumber: l.InvoiceNumber,
		ResolvedByEmail: l.ResolvedByEmail, Reason: l.Reason}
	for _, c := range l.Candidates {
		out.CandidateInvoiceIds = append(out.CandidateInvoiceIds, ids.Format(ids.Invoice, c))
	}
	if l.InvoiceID != nil {
		out.InvoiceId = ids.Format(ids.Invoice, *l.InvoiceID)
	}
	if l.PaymentID != nil {
		out.PaymentId = ids.Format(ids.Payment, *l.PaymentID)
	}
	return out
}

func optionalID(p ids.Prefix, id uuid.UUID) string {
	if id == uuid.Nil {
		return ""
	}
	return ids.Format(p, id)
}
