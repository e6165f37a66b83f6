package audit

import (
	"context"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
)

// Namer names the objects of one kind — those whose ids carry Prefix — for
// the readers of the trail, who see an organization's or a server's name
// rather than its id. Each area declares the namers of its objects in its
// module.
type Namer struct {
	Prefix ids.Prefix
	// Permission reads objects of the kind; a reader without it sees ids.
	Permission authz.Permission
	// Names returns the current names of the objects with these ids that
	// the caller sees (the data layer's tenancy applies); an id without a
	// name (a removed object) is left out.
	Names func(ctx context.Context, ids []uuid.UUID) (map[uuid.UUID]string, error)
}
