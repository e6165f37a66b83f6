package instance_test

import (
	"strings"
	"testing"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent/servicecredential"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/testdb"
)

// A sealed value is bound to its row: copied to another credential, of
// the same instance or another, it does not open, and revealing it fails
// as an internal error that holds no value.
func TestACredentialsCiphertextIsBoundToItsRow(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		f := setup(t, d)
		env := f.env
		ctx := env.AsRole(t, "owner@example.com", authz.RoleOwner)
		sys := authz.System(t.Context())
		a, err := env.Services.Book(ctx, f.item.ID, f.ws, "Nextcloud A", "")
		if err != nil {
			t.Fatal(err)
		}
		b, err := env.Services.Book(ctx, f.item.ID, f.ws, "Nextcloud B", "")
		if err != nil {
			t.Fatal(err)
		}
		const secret = "s3cr3t-of-a"
		for _, c := range []struct {
			svc         uuid.UUID
			name, value string
		}{{a.ID, "admin login", secret}, {a.ID, "database password", "other"}, {b.ID, "admin login", "of b"}} {
			if _, err := env.Services.SetCredential(ctx, c.svc, c.name, c.value); err != nil {
				t.Fatal(err)
			}
		}
		if v, err := env.Services.RevealCredential(ctx, a.ID, "admin login", "check"); err != nil || v != secret {
			t.Fatalf("reveal = %q %v", v, err)
		}
		src, err := env.DB.Client.ServiceCredential.Query().
			Where(servicecredential.ServiceInstanceID(a.ID), servicecredential.Name("admin login")).Only(sys)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(src.SealedValue), secret) {
			t.Fatal("the value is stored in the clear")
		}
		// Copied onto the same instance's other credential and onto another
		// instance's credential of the same name.
		for _, to := range []struct {
			svc  uuid.UUID
			name string
		}{{a.ID, "database password"}, {b.ID, "admin login"}} {
			n, err := env.DB.Client.ServiceCredential.Update().
				Where(servicecredential.ServiceInstanceID(to.svc), servicecredential.Name(to.name)).
				SetSealedValue(src.SealedValue).Save(sys)
			if err != nil || n != 1 {
				t.Fatalf("copy = %d %v", n, err)
			}
			v, err := env.Services.RevealCredential(ctx, to.svc, to.name, "check")
			if err == nil || v != "" {
				t.Errorf("the copy onto %s opened: %q", to.name, v)
			}
			if _, ok := apierr.As(err); ok {
				t.Errorf("the copy onto %s = %v, want an internal error", to.name, err)
			}
			if err != nil && strings.Contains(err.Error(), secret) {
				t.Errorf("the error holds the value: %v", err)
			}
		}
		// The original still opens.
		if v, err := env.Services.RevealCredential(ctx, a.ID, "admin login", "check"); err != nil || v != secret {
			t.Errorf("reveal of the original = %q %v", v, err)
		}
	})
}
