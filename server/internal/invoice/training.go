package invoice

import (
	"context"
	"fmt"
	"time"

	entdialect "entgo.io/ent/dialect"
	"entgo.io/ent/dialect/sql"
	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	"github.com/leitstand/leitstand/server/ent/trainingcharge"
	"github.com/leitstand/leitstand/server/internal/billing/calendar"
	"github.com/leitstand/leitstand/server/internal/billing/charges"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/changes"
)

// The seats of completed training sessions are charged once, on the next
// invoice billed after the day of the session (rule 9 of docs/billing.md).
// The training domain writes a training_charges row per session and
// organization; billing reads and marks those rows here, against the
// table, and knows nothing else of trainings.

// trainingCharges are the training charges of orgs not invoiced yet, of
// days before before, by day: one statement for all.
func trainingCharges(ctx context.Context, c *ent.Client, orgs []uuid.UUID, before calendar.Date) ([]*ent.TrainingCharge, error) {
	rows, err := c.TrainingCharge.Query().Where(trainingcharge.OrganizationIDIn(orgs...), trainingcharge.InvoiceTimeIsNil(),
		trainingcharge.DayLT(before.String())).Order(trainingcharge.ByDay(), trainingcharge.ByID()).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("training charges: %w", err)
	}
	return rows, nil
}

// oneOff is a training charge as the billing computation takes it.
func oneOff(r *ent.TrainingCharge) charges.OneOff {
	return charges.OneOff{ID: r.ID, Description: r.Description, Day: dateOf(r.Day), Quantity: int64(r.Seats),
		UnitPriceCents: r.SeatPriceCents, Currency: r.Currency}
}

// markTrainingInvoiced marks training charges as invoiced at now, in tx,
// each on the invoice it is listed under. One statement for all, as for
// the time (order.MarkInvoicedOn), so a charge is on exactly one invoice;
// a charge invoiced already is refused, so a second run cannot charge it
// twice.
func markTrainingInvoiced(ctx context.Context, tx *ent.Tx, dialect string, on map[uuid.UUID][]uuid.UUID, now time.Time) error {
	var list []any
	written := []uuid.UUID{}
	for inv, ids := range on {
		if inv == uuid.Nil {
			return fmt.Errorf("%d training charges without an invoice", len(ids))
		}
		for _, id := range ids {
			list = append(list, id)
			written = append(written, id)
		}
		written = append(written, inv)
	}
	if len(list) == 0 {
		return nil
	}
	// Postgres infers no type for a parameter in a CASE result: it is
	// told; SQLite keeps ids as text and must not be told.
	cast := ""
	if dialect == entdialect.Postgres {
		cast = "::uuid"
	}
	invoiceOf := sql.ExprFunc(func(b *sql.Builder) {
		b.WriteString("CASE ").Ident(trainingcharge.FieldID)
		for inv, ids := range on {
			for _, id := range ids {
				b.WriteString(" WHEN ").Arg(id).WriteString(" THEN ").Arg(inv).WriteString(cast)
			}
		}
		b.WriteString(" END")
	})
	query, args := sql.Dialect(dialect).Update(trainingcharge.Table).
		Set(trainingcharge.FieldInvoiceTime, now).Set(trainingcharge.FieldInvoiceID, invoiceOf).
		Where(sql.And(sql.In(trainingcharge.FieldID, list...), sql.IsNull(trainingcharge.FieldInvoiceTime))).Query()
	res, err := tx.ExecContext(ctx, query, args...)
	if err != nil {
		return fmt.Errorf("mark training charges invoiced: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if int(n) != len(list) {
		return apierr.FailedPrecondition("%d of %d training charges are invoiced already", len(list)-int(n), len(list))
	}
	changes.Note(tx, ent.TypeTrainingCharge, written...)
	return nil
}
