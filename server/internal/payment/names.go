package payment

import (
	"context"
	"fmt"
	"strings"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent/bankline"
	"github.com/leitstand/leitstand/server/ent/bankstatement"
	"github.com/leitstand/leitstand/server/ent/providerevent"
	"github.com/leitstand/leitstand/server/internal/billing/cents"
)

// The audit log names the payments' other objects as staff know them.

// StatementNames names bank statements: the file and its account.
func (s *Service) StatementNames(ctx context.Context, list []uuid.UUID) (map[uuid.UUID]string, error) {
	rows, err := s.client.BankStatement.Query().Where(bankstatement.IDIn(list...)).
		Select(bankstatement.FieldID, bankstatement.FieldFileName, bankstatement.FieldAccount).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("name bank statements: %w", err)
	}
	out := make(map[uuid.UUID]string, len(rows))
	for _, r := range rows {
		out[r.ID] = strings.TrimSpace(r.FileName + " · " + r.Account)
	}
	return out, nil
}

// LineNames names bank entries: their value date, amount and who sent it.
func (s *Service) LineNames(ctx context.Context, list []uuid.UUID) (map[uuid.UUID]string, error) {
	rows, err := s.client.BankLine.Query().Where(bankline.IDIn(list...)).
		Select(bankline.FieldID, bankline.FieldValueDate, bankline.FieldAmountCents, bankline.FieldCurrency, bankline.FieldCounterpartyName).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("name bank entries: %w", err)
	}
	out := make(map[uuid.UUID]string, len(rows))
	for _, r := range rows {
		name := r.ValueDate + " · " + cents.Format(r.AmountCents, r.Currency)
		if r.CounterpartyName != "" {
			name += " · " + r.CounterpartyName
		}
		out[r.ID] = name
	}
	return out, nil
}

// EventNames names providers' events: the provider, the event's type and
// its id there.
func (s *Service) EventNames(ctx context.Context, list []uuid.UUID) (map[uuid.UUID]string, error) {
	rows, err := s.client.ProviderEvent.Query().Where(providerevent.IDIn(list...)).
		Select(providerevent.FieldID, providerevent.FieldProvider, providerevent.FieldType, providerevent.FieldEventID).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("name provider events: %w", err)
	}
	out := make(map[uuid.UUID]string, len(rows))
	for _, r := range rows {
		out[r.ID] = fmt.Sprintf("%s %s · %s", r.Provider, r.Type, r.EventID)
	}
	return out, nil
}
