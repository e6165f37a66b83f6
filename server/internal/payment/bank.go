package payment

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	"github.com/leitstand/leitstand/server/ent/bankline"
	entstatement "github.com/leitstand/leitstand/server/ent/bankstatement"
	entinvoice "github.com/leitstand/leitstand/server/ent/invoice"
	"github.com/leitstand/leitstand/server/ent/predicate"
	"github.com/leitstand/leitstand/server/internal/billing/bankstatement"
	"github.com/leitstand/leitstand/server/internal/billing/calendar"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/platform/paging"
	"github.com/leitstand/leitstand/server/internal/platform/textfold"
)

// The statuses of a statement's entry.
const (
	LineMatched   = "MATCHED"
	LineUnmatched = "UNMATCHED"
	LineIgnored   = "IGNORED"
)

// Statement is an imported bank statement and what its entries became.
type Statement struct {
	ID                              uuid.UUID
	Account, Currency, StatementRef string
	FileName, Format                string
	OpeningCents, ClosingCents      *int64
	ImportedByEmail                 string
	CreateTime                      time.Time
	Matched, Unmatched, Ignored     int
	Duplicates                      int
}

// Line is one booked entry of a statement.
type Line struct {
	ID, StatementID                    uuid.UUID
	Ref                                string
	BookingDate, ValueDate             calendar.Date
	AmountCents                        int64
	Currency, Remittance, EndToEndID   string
	CounterpartyName, CounterpartyIBAN string
	Status                             string
	Match                              string
	Why                                string
	Candidates                         []uuid.UUID
	InvoiceID, PaymentID               *uuid.UUID
	InvoiceNumber                      string
	ResolvedByEmail, Reason            string
}

// Import reads a bank statement, matches its credits to the open invoices
// of the billing entity whose account it is, and records a bank transfer
// for each credit that names one of them, all in one change. With
// validateOnly it answers what it would do and stores nothing.
func (s *Service) Import(ctx context.Context, name string, content []byte, validateOnly bool) (*Statement, []Line, error) {
	st, err := bankstatement.Parse(name, content)
	if err != nil {
		return nil, nil, apierr.Invalid("content", "content.statement", "%s", err.Error())
	}
	issuer, err := s.issuerOfAccount(ctx, st.Account)
	if err != nil {
		return nil, nil, err
	}
	sum := sha256.Sum256(content)
	digest := hex.EncodeToString(sum[:])
	format := "CAMT053"
	if st.StatementID == "" {
		format = "CSV_CAMT"
	}
	var out Statement
	var lines []Line
	err = s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		lines = nil
		if prior, err := tx.BankStatement.Query().Where(entstatement.IssuerID(issuer), entstatement.Sha256(digest)).Only(ctx); err == nil {
			return apierr.AlreadyExists("this file was imported on %s by %s", prior.CreateTime.Format(time.DateOnly), prior.ImportedByEmail)
		} else if !ent.IsNotFound(err) {
			return fmt.Errorf("read statements: %w", err)
		}
		refs := make([]string, len(st.Entries))
		for i, e := range st.Entries {
			refs[i] = e.Ref
		}
		known, err := tx.BankLine.Query().Where(bankline.IssuerID(issuer), bankline.Account(st.Account), bankline.RefIn(refs...)).
			Select(bankline.FieldRef).Strings(ctx)
		if err != nil {
			return fmt.Errorf("read entries imported before: %w", err)
		}
		seen := make(map[string]bool, len(known))
		for _, r := range known {
			seen[r] = true
		}
		var entries []bankstatement.Entry
		for _, e := range st.Entries {
			if !seen[e.Ref] {
				entries = append(entries, e)
			}
		}
		open, invoices, err := openInvoices(ctx, tx.Client(), issuer)
		if err != nil {
			return err
		}
		now := s.clock.Now()
		actor := authz.ActorOf(ctx).Email
		out = Statement{ID: uuid.Must(uuid.NewV7()), Account: st.Account, Currency: st.Currency, StatementRef: st.StatementID,
			FileName: name, Format: format, OpeningCents: st.OpeningCents, ClosingCents: st.ClosingCents,
			ImportedByEmail: actor, CreateTime: now, Duplicates: len(st.Entries) - len(entries)}
		var creates []*ent.BankLineCreate
		for _, r := range bankstatement.Match(entries, open) {
			e := r.Entry
			l := Line{ID: uuid.Must(uuid.NewV7()), StatementID: out.ID, Ref: e.Ref, BookingDate: e.BookingDate,
				ValueDate: e.ValueDate, AmountCents: e.AmountCents, Currency: e.Currency, Remittance: e.Remittance,
				EndToEndID: e.EndToEndID, CounterpartyName: e.CounterpartyName, CounterpartyIBAN: e.CounterpartyIBAN,
				Match: string(r.Kind), Why: r.Why, Status: LineUnmatched}
			if l.ValueDate.IsZero() {
				l.ValueDate = l.BookingDate
			}
			for _, c := range r.Candidates {
				l.Candidates = append(l.Candidates, invoices[c.ID].ID)
			}
			switch r.Kind {
			case bankstatement.Exact, bankstatement.Partial:
				inv := invoices[r.Invoice.ID]
				p := Payment{ID: uuid.Must(uuid.NewV7()), OrganizationID: inv.OrganizationID, InvoiceID: inv.ID,
					InvoiceNumber: inv.Number, Method: BankTransfer, Status: Succeeded, AmountCents: l.AmountCents,
					Currency: l.Currency, ValueDate: l.ValueDate, Reference: textfold.Cut(l.Remittance, 140),
					Note: "Kontoauszug " + firstOf(st.StatementID, name), RecordedByEmail: actor, CreateTime: now, StatusTime: now}
				l.Status, l.InvoiceID, l.PaymentID, l.InvoiceNumber = LineMatched, &p.InvoiceID, &p.ID, inv.Number
				out.Matched++
				if !validateOnly {
					if err := insert(ctx, tx, log, p); err != nil {
						return err
					}
					if _, err := s.settle(ctx, tx, log, inv.ID); err != nil {
						return err
					}
				}
			case bankstatement.Ignored:
				l.Status = LineIgnored
				out.Ignored++
			default:
				out.Unmatched++
			}
			lines = append(lines, l)
			creates = append(creates, lineCreate(tx, issuer, st.Account, l, now))
		}
		if validateOnly {
			return audit.Unchanged
		}
		c := tx.BankStatement.Create().SetID(out.ID).SetIssuerID(issuer).SetAccount(out.Account).SetCurrency(out.Currency).
			SetStatementRef(out.StatementRef).SetFileName(out.FileName).SetFormat(format).SetSha256(digest).
			SetNillableOpeningCents(out.OpeningCents).SetNillableClosingCents(out.ClosingCents).SetImportedByEmail(actor).
			SetDuplicates(out.Duplicates).SetCreateTime(now).SetUpdateTime(now)
		if err := c.Exec(ctx); err != nil {
			return err
		}
		for i := 0; i < len(creates); i += 500 {
			if err := tx.BankLine.CreateBulk(creates[i:min(i+500, len(creates))]...).Exec(ctx); err != nil {
				return err
			}
		}
		log.Record(audit.Event{TargetType: "bank_statement", TargetID: ids.Format(ids.BankStatement, out.ID),
			After: map[string]any{"account": out.Account, "file_name": name, "statement": out.StatementRef, "matched": out.Matched,
				"unmatched": out.Unmatched, "ignored": out.Ignored, "duplicates": out.Duplicates}})
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	if validateOnly {
		out.ID = uuid.Nil
		for i := range lines {
			lines[i].ID, lines[i].StatementID, lines[i].PaymentID = uuid.Nil, uuid.Nil, nil
		}
	}
	return &out, lines, nil
}

func lineCreate(tx *ent.Tx, issuer uuid.UUID, account string, l Line, now time.Time) *ent.BankLineCreate {
	c := tx.BankLine.Create().SetID(l.ID).SetStatementID(l.StatementID).SetIssuerID(issuer).SetAccount(account).SetRef(l.Ref).
		SetBookingDate(l.BookingDate.String()).SetValueDate(l.ValueDate.String()).SetAmountCents(l.AmountCents).
		SetCurrency(l.Currency).SetRemittance(l.Remittance).SetEndToEndID(textfold.Cut(l.EndToEndID, 100)).
		SetCounterpartyName(textfold.Cut(l.CounterpartyName, 200)).SetCounterpartyIban(textfold.Cut(l.CounterpartyIBAN, 34)).
		SetStatus(bankline.Status(l.Status)).SetMatch(l.Match).SetWhy(l.Why).SetNillableInvoiceID(l.InvoiceID).
		SetNillablePaymentID(l.PaymentID).SetCreateTime(now).SetUpdateTime(now)
	if len(l.Candidates) > 0 {
		c.SetCandidates(l.Candidates)
	}
	return c
}

// issuerOfAccount is the billing entity whose bank settings name the
// account, among those the caller sees.
func (s *Service) issuerOfAccount(ctx context.Context, account string) (uuid.UUID, error) {
	entities, err := s.client.BillingEntity.Query().IDs(ctx)
	if err != nil {
		return uuid.Nil, fmt.Errorf("read billing entities: %w", err)
	}
	var found []uuid.UUID
	for _, be := range entities {
		set, err := s.settings.Of(ctx, be)
		if err != nil {
			return uuid.Nil, err
		}
		if compact(set.Bank.IBAN) == compact(account) && account != "" {
			found = append(found, be)
		}
	}
	switch len(found) {
	case 1:
		return found[0], nil
	case 0:
	default:
		// Whose statement it is decides whose invoices it pays: never a guess.
		return uuid.Nil, apierr.FailedPrecondition("the statement is of account %s, which the bank settings of %d billing entities name: "+
			"an account belongs to one", account, len(found))
	}
	return uuid.Nil, apierr.FailedPrecondition("the statement is of account %s, which no bank settings name: "+
		"set it as the IBAN of the billing entity it belongs to", account)
}

func compact(iban string) string { return strings.ToUpper(strings.ReplaceAll(iban, " ", "")) }

// openInvoices are the invoices of issuer that are not paid in full, as
// the matcher takes them, and the invoices by TypeID.
func openInvoices(ctx context.Context, c *ent.Client, issuer uuid.UUID) ([]bankstatement.OpenInvoice, map[string]*ent.Invoice, error) {
	rows, err := c.Invoice.Query().Where(entinvoice.IssuerID(issuer), entinvoice.KindEQ(entinvoice.KindINVOICE),
		entinvoice.StatusIn(entinvoice.StatusISSUED, entinvoice.StatusOVERDUE)).
		Select(entinvoice.FieldID, entinvoice.FieldOrganizationID, entinvoice.FieldIssuerID, entinvoice.FieldNumber,
			entinvoice.FieldCurrency, entinvoice.FieldGrossCents, entinvoice.FieldPaidCents, entinvoice.FieldStatus,
			entinvoice.FieldDueDate).All(ctx)
	if err != nil {
		return nil, nil, fmt.Errorf("read open invoices: %w", err)
	}
	out := make([]bankstatement.OpenInvoice, 0, len(rows))
	byID := make(map[string]*ent.Invoice, len(rows))
	for _, r := range rows {
		if r.GrossCents <= r.PaidCents {
			continue
		}
		id := ids.Format(ids.Invoice, r.ID)
		byID[id] = r
		out = append(out, bankstatement.OpenInvoice{ID: id, Number: r.Number, OrganizationID: ids.Format(ids.Organization, r.OrganizationID),
			Currency: r.Currency, OpenCents: r.GrossCents - r.PaidCents})
	}
	return out, byID, nil
}

// Assign records an unmatched credit as a bank transfer for the invoice
// staff chose.
func (s *Service) Assign(ctx context.Context, lineID, invoiceID uuid.UUID, reason string) (*Line, error) {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return nil, apierr.Invalid("reason", "reason.required", "say why the entry pays this invoice")
	}
	return s.resolve(ctx, lineID, reason, func(tx *ent.Tx, log *audit.Log, l *ent.BankLine, upd *ent.BankLineUpdateOne) error {
		if l.AmountCents <= 0 {
			return apierr.FailedPrecondition("the entry is a debit: it pays no invoice")
		}
		inv, err := s.payable(ctx, tx.Client(), invoiceID)
		if err != nil {
			return err
		}
		switch {
		case inv.IssuerID != l.IssuerID:
			return apierr.Invalid("invoice_id", "invoice_id.issuer", "%s was issued by another billing entity than the account's", inv.Number)
		case inv.Currency != l.Currency:
			return apierr.Invalid("invoice_id", "invoice_id.currency", "%s is in %s, the entry in %s", inv.Number, inv.Currency, l.Currency)
		}
		now := s.clock.Now()
		p := Payment{ID: uuid.Must(uuid.NewV7()), OrganizationID: inv.OrganizationID, InvoiceID: inv.ID, InvoiceNumber: inv.Number,
			Method: BankTransfer, Status: Succeeded, AmountCents: l.AmountCents, Currency: l.Currency, ValueDate: dateOf(l.ValueDate),
			Reference: textfold.Cut(l.Remittance, 140), Note: reason, RecordedByEmail: authz.ActorOf(ctx).Email, CreateTime: now, StatusTime: now}
		if err := insert(ctx, tx, log, p); err != nil {
			return err
		}
		if _, err := s.settle(ctx, tx, log, inv.ID); err != nil {
			return err
		}
		upd.SetStatus(bankline.StatusMATCHED).SetInvoiceID(inv.ID).SetPaymentID(p.ID)
		return nil
	})
}

// Ignore sets an unmatched entry aside: it pays no invoice.
func (s *Service) Ignore(ctx context.Context, lineID uuid.UUID, reason string) (*Line, error) {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return nil, apierr.Invalid("reason", "reason.required", "say why the entry pays no invoice")
	}
	return s.resolve(ctx, lineID, reason, func(_ *ent.Tx, _ *audit.Log, _ *ent.BankLine, upd *ent.BankLineUpdateOne) error {
		upd.SetStatus(bankline.StatusIGNORED)
		return nil
	})
}

// resolve applies fn to an unmatched entry in an audited change.
func (s *Service) resolve(ctx context.Context, id uuid.UUID, reason string,
	fn func(tx *ent.Tx, log *audit.Log, l *ent.BankLine, upd *ent.BankLineUpdateOne) error) (*Line, error) {
	err := s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		l, err := tx.BankLine.Get(ctx, id)
		if ent.IsNotFound(err) {
			return apierr.NotFound("bank statement entry", ids.Format(ids.BankLine, id))
		}
		if err != nil {
			return fmt.Errorf("read entry: %w", err)
		}
		if l.Status != bankline.StatusUNMATCHED {
			return apierr.FailedPrecondition("the entry is %s already", strings.ToLower(string(l.Status)))
		}
		upd := tx.BankLine.UpdateOneID(id).SetResolvedByEmail(authz.ActorOf(ctx).Email).SetReason(reason).SetUpdateTime(s.clock.Now())
		if err := fn(tx, log, l, upd); err != nil {
			return err
		}
		after, err := upd.Save(ctx)
		if err != nil {
			return err
		}
		log.Record(audit.Event{TargetType: "bank_line", TargetID: ids.Format(ids.BankLine, id), Reason: reason,
			Before: map[string]any{"status": string(l.Status), "amount_cents": l.AmountCents, "remittance": l.Remittance},
			After:  map[string]any{"status": string(after.Status), "invoice_id": optionalID(ids.Invoice, after.InvoiceID)}})
		return nil
	})
	if err != nil {
		return nil, err
	}
	page, err := s.Lines(ctx, LineFilter{ID: &id})
	if err != nil {
		return nil, err
	}
	return &page.Lines[0], nil
}

func optionalID(p ids.Prefix, id *uuid.UUID) string {
	if id == nil {
		return ""
	}
	return ids.Format(p, *id)
}

// Statements lists the imported statements, the latest first, with what
// their entries became.
func (s *Service) Statements(ctx context.Context, pageSize int32, token string) ([]Statement, string, error) {
	fp := paging.Fingerprint("bank-statements")
	var c struct {
		ID uuid.UUID `json:"i"`
	}
	hasCursor, err := paging.Decode(token, fp, &c)
	if err != nil {
		return nil, "", err
	}
	q := s.client.BankStatement.Query()
	if hasCursor {
		q.Where(entstatement.IDLT(c.ID))
	}
	size := paging.Size(pageSize)
	rows, err := q.Order(ent.Desc(entstatement.FieldID)).Limit(size + 1).All(ctx)
	if err != nil {
		return nil, "", fmt.Errorf("list statements: %w", err)
	}
	rows, next := paging.Cut(rows, size, fp, func(last *ent.BankStatement) any {
		return struct {
			ID uuid.UUID `json:"i"`
		}{last.ID}
	})
	list := make([]uuid.UUID, len(rows))
	for i, r := range rows {
		list[i] = r.ID
	}
	var counts []struct {
		StatementID uuid.UUID `json:"statement_id"`
		Status      string    `json:"status"`
		Count       int       `json:"count"`
	}
	if err := s.client.BankLine.Query().Where(bankline.StatementIDIn(list...)).
		GroupBy(bankline.FieldStatementID, bankline.FieldStatus).Aggregate(ent.Count()).Scan(ctx, &counts); err != nil {
		return nil, "", fmt.Errorf("count entries: %w", err)
	}
	out := make([]Statement, len(rows))
	for i, r := range rows {
		out[i] = Statement{ID: r.ID, Account: r.Account, Currency: r.Currency, StatementRef: r.StatementRef, FileName: r.FileName,
			Format: r.Format, OpeningCents: r.OpeningCents, ClosingCents: r.ClosingCents, ImportedByEmail: r.ImportedByEmail,
			CreateTime: r.CreateTime, Duplicates: r.Duplicates}
		for _, n := range counts {
			if n.StatementID != r.ID {
				continue
			}
			switch n.Status {
			case LineMatched:
				out[i].Matched = n.Count
			case LineUnmatched:
				out[i].Unmatched = n.Count
			case LineIgnored:
				out[i].Ignored = n.Count
			}
		}
	}
	return out, next, nil
}

// LineFilter selects entries.
type LineFilter struct {
	ID, Statement *uuid.UUID
	Statuses      []string
	PageSize      int32
	PageToken     string
}

// LinePage is a page of entries.
type LinePage struct {
	Lines         []Line
	NextPageToken string
	TotalSize     int
}

// Lines lists entries of imported statements, the latest booking first.
func (s *Service) Lines(ctx context.Context, f LineFilter) (*LinePage, error) {
	var where []predicate.BankLine
	if f.ID != nil {
		where = append(where, bankline.ID(*f.ID))
	}
	if f.Statement != nil {
		where = append(where, bankline.StatementID(*f.Statement))
	}
	if len(f.Statuses) > 0 {
		st := make([]bankline.Status, len(f.Statuses))
		for i, v := range f.Statuses {
			st[i] = bankline.Status(v)
		}
		where = append(where, bankline.StatusIn(st...))
	}
	fp := paging.Fingerprint("bank-lines", f.Statement, f.Statuses)
	var c cursor
	hasCursor, err := paging.Decode(f.PageToken, fp, &c)
	if err != nil {
		return nil, err
	}
	q := s.client.BankLine.Query().Where(where...)
	if hasCursor {
		q.Where(paging.After(true, paging.Key{Column: bankline.FieldBookingDate, Value: c.Date}, paging.Key{Column: bankline.FieldID, Value: c.ID}))
	}
	size := paging.Size(f.PageSize)
	rows, err := q.Order(ent.Desc(bankline.FieldBookingDate), ent.Desc(bankline.FieldID)).Limit(size + 1).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("list entries: %w", err)
	}
	if f.ID != nil && len(rows) == 0 {
		return nil, apierr.NotFound("bank statement entry", ids.Format(ids.BankLine, *f.ID))
	}
	total := c.Total
	if !hasCursor {
		if total, err = s.client.BankLine.Query().Where(where...).Count(ctx); err != nil {
			return nil, fmt.Errorf("count entries: %w", err)
		}
	}
	page := &LinePage{TotalSize: total}
	rows, page.NextPageToken = paging.Cut(rows, size, fp, func(last *ent.BankLine) any {
		return cursor{Date: last.BookingDate, ID: last.ID, Total: total}
	})
	var invIDs []uuid.UUID
	for _, r := range rows {
		if r.InvoiceID != nil {
			invIDs = append(invIDs, *r.InvoiceID)
		}
	}
	numbers := map[uuid.UUID]string{}
	if len(invIDs) > 0 {
		invs, err := s.client.Invoice.Query().Where(entinvoice.IDIn(invIDs...)).Select(entinvoice.FieldID, entinvoice.FieldNumber).All(ctx)
		if err != nil {
			return nil, fmt.Errorf("name invoices: %w", err)
		}
		for _, i := range invs {
			numbers[i.ID] = i.Number
		}
	}
	for _, r := range rows {
		l := Line{ID: r.ID, StatementID: r.StatementID, Ref: r.Ref, BookingDate: dateOf(r.BookingDate), ValueDate: dateOf(r.ValueDate),
			AmountCents: r.AmountCents, Currency: r.Currency, Remittance: r.Remittance, EndToEndID: r.EndToEndID,
			CounterpartyName: r.CounterpartyName, CounterpartyIBAN: r.CounterpartyIban, Status: string(r.Status), Match: r.Match,
			Why: r.Why, Candidates: r.Candidates, InvoiceID: r.InvoiceID, PaymentID: r.PaymentID, ResolvedByEmail: r.ResolvedByEmail,
			Reason: r.Reason}
		if r.InvoiceID != nil {
			l.InvoiceNumber = numbers[*r.InvoiceID]
		}
		page.Lines = append(page.Lines, l)
	}
	return page, nil
}

func firstOf(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
