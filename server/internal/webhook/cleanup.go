package webhook

import (
	"context"
	"fmt"
	"time"

	"entgo.io/ent/dialect/sql"

	"github.com/leitstand/leitstand/server/ent"
	entdelivery "github.com/leitstand/leitstand/server/ent/webhookdelivery"
	entevent "github.com/leitstand/leitstand/server/ent/webhookevent"
	"github.com/leitstand/leitstand/server/internal/platform/db"
)

// LogRetention is how long a finished delivery (succeeded, or failed after
// its last retry) stays in its endpoint's log, replayable, and how long an
// event is kept once no delivery of it is left.
const LogRetention = 90 * 24 * time.Hour

// Removed is what RemoveOld removed.
type Removed struct{ Deliveries, Events int }

// RemoveOld removes the deliveries that finished more than LogRetention
// ago and the events older than that which no delivery refers to any
// more. A delivery still being retried stays whatever its age. It works
// from the current state, so a second run finds nothing left, and a run
// after downtime removes all that aged meanwhile.
func (s *Service) RemoveOld(ctx context.Context) (Removed, error) {
	cutoff := s.clock.Now().Add(-LogRetention)
	var r Removed
	err := db.WithTx(ctx, s.client, func(tx *ent.Tx) error {
		var err error
		r.Deliveries, err = tx.WebhookDelivery.Delete().Where(
			entdelivery.StatusIn(entdelivery.StatusSUCCEEDED, entdelivery.StatusFAILED),
			entdelivery.UpdateTimeLT(cutoff),
		).Exec(ctx)
		if err != nil {
			return fmt.Errorf("remove webhook deliveries: %w", err)
		}
		// An event's deliveries are all made when it is queued (a replay
		// adds one to an event that still has its own), so an old event
		// without deliveries is done with.
		r.Events, err = tx.WebhookEvent.Delete().Where(
			entevent.CreateTimeLT(cutoff),
			func(sel *sql.Selector) {
				d := sql.Table(entdelivery.Table)
				sel.Where(sql.NotExists(sql.Select(d.C(entdelivery.FieldID)).From(d).
					Where(sql.ColumnsEQ(d.C(entdelivery.FieldEventID), sel.C(entevent.FieldID)))))
			},
		).Exec(ctx)
		if err != nil {
			return fmt.Errorf("remove webhook events: %w", err)
		}
		return nil
	})
	return r, err
}
