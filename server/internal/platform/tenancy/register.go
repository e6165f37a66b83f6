package tenancy

import (
	"context"
	"fmt"

	"entgo.io/ent/dialect/sql"
	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	"github.com/leitstand/leitstand/server/ent/intercept"
	"github.com/leitstand/leitstand/server/ent/organization"
	"github.com/leitstand/leitstand/server/ent/schema"
	"github.com/leitstand/leitstand/server/ent/user"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
)

// Register installs on client the one interceptor and the one hook that
// enforce every table's declared scope (ent.Scopes): reads find only the
// caller's rows, updates and deletes reach only them, creations are placed
// under the caller's billing entity or an organization they reach, and
// tables the platform keeps refuse scoped writers.
func Register(client *ent.Client) {
	client.Intercept(intercept.TraverseFunc(func(ctx context.Context, q intercept.Query) error {
		if c := CallerOf(ctx); c.Scoped() {
			q.WhereP(rule(c, q.Type()))
		}
		return nil
	}))
	client.Use(func(next ent.Mutator) ent.Mutator {
		return ent.MutateFunc(func(ctx context.Context, m ent.Mutation) (ent.Value, error) {
			if c := CallerOf(ctx); c.Scoped() {
				if err := guard(ctx, c, m); err != nil {
					return nil, err
				}
			}
			return next.Mutate(ctx, m)
		})
	})
}

// mutation is what every generated mutation offers beyond ent.Mutation.
type mutation interface {
	ent.Mutation
	WhereP(...func(*sql.Selector))
	Client() *ent.Client
}

// fieldBillingEntity is the column that places a row under a billing entity
// (organizations, settings, a reseller's staff).
const fieldBillingEntity = "billing_entity_id"

// guard confines a scoped caller's mutation m, or refuses it.
func guard(ctx context.Context, c Caller, m ent.Mutation) error {
	sc, declared := ent.Scopes[m.Type()]
	gm, ok := m.(mutation)
	if !declared || !ok {
		return fmt.Errorf("tenancy: %s declares no scope", m.Type())
	}
	if sc.Kind == schema.ScopePlatform || sc.ReadOnly || (sc.Kind == schema.ScopeBillingEntityShared && c.Kind == Customer) {
		return apierr.PermissionDenied("%s belong to the platform operator; a reseller's staff or a customer cannot change them", plural(m.Type()))
	}
	// A row is never moved to another billing entity.
	if v, set := m.Field(fieldBillingEntity); set {
		if id, _ := v.(uuid.UUID); c.Kind != Reseller || id != c.BillingEntity {
			return apierr.PermissionDenied("%s can only be placed under the caller's own billing entity", plural(m.Type()))
		}
	}
	if !m.Op().Is(ent.OpCreate) {
		gm.WhereP(writeRule(c, m.Type()))
		return nil
	}
	switch {
	case sc.Field == "id" && m.Type() == ent.TypeUser && c.Kind == Reseller:
		// A reseller's staff add their staff and their customers' users.
		return nil
	case sc.Field == "id" && m.Type() == ent.TypeOrganization && c.Kind == Reseller:
		return m.SetField(fieldBillingEntity, c.BillingEntity)
	case sc.Field == "id":
		return apierr.PermissionDenied("only the platform's staff create %s", plural(m.Type()))
	case sc.Kind == schema.ScopeBillingEntity || sc.Kind == schema.ScopeBillingEntityShared || sc.Kind == schema.ScopeOffering:
		if c.Kind != Reseller {
			return apierr.PermissionDenied("only staff create %s", plural(m.Type()))
		}
		return m.SetField(sc.Field, c.BillingEntity)
	}
	// The row belongs to an organization or a user: the caller must reach it.
	v, _ := m.Field(sc.Field)
	owner, _ := v.(uuid.UUID)
	var reached bool
	var err error
	switch sc.Kind {
	case schema.ScopeOrganization:
		reached, err = gm.Client().Organization.Query().Where(organization.ID(owner)).Exist(ctx)
	case schema.ScopeUser:
		reached, err = gm.Client().User.Query().Where(user.ID(owner)).Exist(ctx)
	default:
		return fmt.Errorf("tenancy: %s: no rule for creating under a %s", m.Type(), sc.Kind)
	}
	if err != nil {
		return err
	}
	if !reached {
		return apierr.NotFound(sc.Kind, owner.String())
	}
	return nil
}

// plural names a type's rows in a message, e.g. "Connection" → "connections".
func plural(typ string) string {
	b := []byte{}
	for i, r := range typ {
		if r >= 'A' && r <= 'Z' {
			if i > 0 {
				b = append(b, ' ')
			}
			r += 'a' - 'A'
		}
		b = append(b, byte(r))
	}
	if len(b) > 0 && b[len(b)-1] == 's' {
		return string(b)
	}
	return string(b) + "s"
}
