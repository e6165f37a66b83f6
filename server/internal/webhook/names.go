package webhook

import (
	"context"
	"net/url"

	"github.com/google/uuid"

	entendpoint "github.com/leitstand/leitstand/server/ent/webhookendpoint"
)

// Names names endpoints for the audit trail: their description, else the
// host they post to.
func (s *Service) Names(ctx context.Context, idList []uuid.UUID) (map[uuid.UUID]string, error) {
	rows, err := s.client.WebhookEndpoint.Query().Where(entendpoint.IDIn(idList...)).All(ctx)
	if err != nil {
		return nil, err
	}
	out := make(map[uuid.UUID]string, len(rows))
	for _, r := range rows {
		name := r.Description
		if name == "" {
			if u, err := url.Parse(r.URL); err == nil {
				name = u.Host
			}
		}
		out[r.ID] = name
	}
	return out, nil
}
