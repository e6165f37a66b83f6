package instance

import (
	"context"

	"github.com/google/uuid"
)

// ChangeStatus lets tests move an instance as the sync and the
// decommission will, DECOMMISSIONED included.
func (s *Service) ChangeStatus(ctx context.Context, id uuid.UUID, to Status, source Source, reason string) (*Instance, error) {
	return s.changeStatus(ctx, id, to, source, reason)
}
