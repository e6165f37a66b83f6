package apptest

import (
	"context"
	"testing"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	"github.com/leitstand/leitstand/server/ent/billingentity"
	"github.com/leitstand/leitstand/server/ent/container"
	"github.com/leitstand/leitstand/server/internal/infra"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
)

// Reseller creates a reseller billing entity named name and the owner of
// its staff, signing in with Password.
func (e *Env) Reseller(t testing.TB, name, ownerEmail string) (uuid.UUID, *ent.User) {
	t.Helper()
	ctx := authz.System(context.Background())
	be, err := e.DB.Client.BillingEntity.Create().SetName(name).SetKind(billingentity.KindRESELLER).
		SetCreateTime(Start).SetUpdateTime(Start).Save(ctx)
	if err != nil {
		t.Fatalf("create reseller %s: %v", name, err)
	}
	owner := e.User(t, ownerEmail, authz.RoleOwner)
	owner, err = e.DB.Client.User.UpdateOne(owner).SetBillingEntityID(be.ID).Save(ctx)
	if err != nil {
		t.Fatalf("place %s under %s: %v", ownerEmail, name, err)
	}
	return be.ID, owner
}

// AssignedServer creates a server named name assigned to org, with one
// running container, and returns both ids.
func (e *Env) AssignedServer(t testing.TB, name string, org uuid.UUID) (server, ctr uuid.UUID) {
	t.Helper()
	ctx := authz.System(context.Background())
	s, err := e.Infra.CreateServer(ctx, infra.ServerValues{Name: name, Provider: "OTHER", Kind: "HOST"})
	if err != nil {
		t.Fatalf("create server %s: %v", name, err)
	}
	if _, err := e.Infra.Assign(ctx, s.ID, org, nil); err != nil {
		t.Fatalf("assign server %s: %v", name, err)
	}
	now := e.Clock.Now()
	c, err := e.DB.Client.Container.Create().SetServerID(s.ID).SetName(name + "-web").SetSourceConnectionID(uuid.New()).
		SetSource(container.SourceDOCKER).SetStatus(container.StatusRUNNING).SetFirstSeenTime(now).SetLastSeenTime(now).Save(ctx)
	if err != nil {
		t.Fatalf("create container on %s: %v", name, err)
	}
	return s.ID, c.ID
}
