package member_test

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	"github.com/leitstand/leitstand/server/ent/permissiongrant"
	"github.com/leitstand/leitstand/server/ent/user"
	"github.com/leitstand/leitstand/server/internal/apptest"
	"github.com/leitstand/leitstand/server/internal/member"
	"github.com/leitstand/leitstand/server/internal/organization"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/platform/testdb"
)

func TestMain(m *testing.M) { testdb.Main(m) }

// system acts as the server itself: every permission, no user as actor.
func system(t *testing.T) context.Context { return authz.System(t.Context()) }

// oneEventSince returns the one audit event written after seq and checks
// that actor wrote it.
func oneEventSince(t *testing.T, env *apptest.Env, seq int64, actor *member.User) audit.Entry {
	t.Helper()
	e := env.OneEventSince(t, seq)
	if actor != nil && (e.ActorID == nil || *e.ActorID != actor.ID || e.ActorEmail != actor.Email) {
		t.Errorf("event actor %v %q, want %s", e.ActorID, e.ActorEmail, actor.Email)
	}
	return e
}

// role reads a user's stored platform role and whether they are disabled.
func role(t *testing.T, env *apptest.Env, id uuid.UUID) (authz.Role, bool) {
	t.Helper()
	u, err := env.DB.Client.User.Get(t.Context(), id)
	if err != nil {
		t.Fatal(err)
	}
	return authz.Role(u.PlatformRole), u.Disabled
}

// enabledOwners counts the users who can still administer the platform.
func enabledOwners(t *testing.T, env *apptest.Env) int {
	t.Helper()
	n, err := env.DB.Client.User.Query().Where(user.PlatformRoleEQ(user.PlatformRoleOWNER), user.Disabled(false)).Count(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestSetPlatformRole(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		first := env.User(t, "first@leitstand.example", authz.RoleOwner)
		op := env.User(t, "op@leitstand.example", authz.RoleOperator)
		dev := env.User(t, "dev@leitstand.example", authz.RoleDeveloper)
		ctx := env.As(t, first)
		unknown := uuid.Must(uuid.NewV7())

		steps := []struct {
			name    string
			ctx     context.Context
			target  uuid.UUID
			role    authz.Role
			wantErr error
			field   string
		}{
			{name: "last owner cannot step down", ctx: ctx, target: first.ID, role: authz.RoleOperator, wantErr: apierr.ErrFailedPrecondition},
			{name: "last owner cannot be demoted by the system", ctx: system(t), target: first.ID, role: authz.RoleUser, wantErr: apierr.ErrFailedPrecondition},
			{name: "same role", ctx: ctx, target: op.ID, role: authz.RoleOperator, wantErr: apierr.ErrFailedPrecondition},
			{name: "unknown role", ctx: ctx, target: op.ID, role: "ADMIN", wantErr: apierr.ErrInvalidArgument, field: "platform_role"},
			{name: "unknown user", ctx: ctx, target: unknown, role: authz.RoleOperator, wantErr: apierr.ErrNotFound},
			{name: "second owner", ctx: ctx, target: op.ID, role: authz.RoleOwner},
			{name: "first owner steps down once there is a second", ctx: ctx, target: first.ID, role: authz.RoleDeveloper},
			{name: "now the second is the last", ctx: system(t), target: op.ID, role: authz.RoleDeveloper, wantErr: apierr.ErrFailedPrecondition},
			{name: "developer to owner", ctx: system(t), target: dev.ID, role: authz.RoleOwner},
			{name: "disable the new owner", ctx: system(t), target: dev.ID},
			{name: "a disabled owner does not count", ctx: system(t), target: op.ID, role: authz.RoleOperator, wantErr: apierr.ErrFailedPrecondition},
			{name: "a disabled owner can be demoted while another is enabled", ctx: system(t), target: dev.ID, role: authz.RoleDeveloper},
		}
		for _, s := range steps {
			t.Run(s.name, func(t *testing.T) {
				seq := env.LastSeq(t)
				if s.role == "" {
					if _, err := env.Members.Disable(s.ctx, s.target, "test"); err != nil {
						t.Fatal(err)
					}
					return
				}
				var wasRole authz.Role
				if s.target != unknown {
					wasRole, _ = role(t, env, s.target)
				}
				m, err := env.Members.SetPlatformRole(s.ctx, s.target, s.role, "reorganisation")
				apptest.WantErr(t, err, s.wantErr, s.field)
				if err != nil {
					if s.target != unknown {
						if r, _ := role(t, env, s.target); r != wasRole {
							t.Errorf("role %s after a refused change, want %s kept", r, wasRole)
						}
					}
					env.NoEventsSince(t, seq)
					return
				}
				if r, _ := role(t, env, s.target); r != s.role || authz.Role(m.PlatformRole) != s.role {
					t.Errorf("role stored %s returned %s, want %s", r, m.PlatformRole, s.role)
				}
				var actor *member.User
				if s.ctx == ctx {
					actor = first
				}
				e := oneEventSince(t, env, seq, actor)
				if b, a := apptest.State(t, e.Before)["platform_role"], apptest.State(t, e.After)["platform_role"]; b != string(wasRole) || a != string(s.role) || e.Reason != "reorganisation" {
					t.Errorf("event role %v -> %v reason %q, want %s -> %s", b, a, e.Reason, wasRole, s.role)
				}
			})
		}
		if n := enabledOwners(t, env); n != 1 {
			t.Errorf("%d enabled owners at the end, want 1", n)
		}
	})
}

// TestOwnersRemovingEachOtherAtOnce lets two owners demote (or disable) each
// other at the same moment, many times over. The platform must keep an
// enabled owner every time: one change wins, the other is refused.
func TestOwnersRemovingEachOtherAtOnce(t *testing.T) {
	t.Parallel()
	const rounds = 8
	ways := []struct {
		name string
		do   func(env *apptest.Env, ctx context.Context, other uuid.UUID) error
		undo func(env *apptest.Env, ctx context.Context, u uuid.UUID) error
	}{
		{
			name: "demote",
			do: func(env *apptest.Env, ctx context.Context, other uuid.UUID) error {
				_, err := env.Members.SetPlatformRole(ctx, other, authz.RoleOperator, "")
				return err
			},
			undo: func(env *apptest.Env, ctx context.Context, u uuid.UUID) error {
				_, err := env.Members.SetPlatformRole(ctx, u, authz.RoleOwner, "")
				return err
			},
		},
		{
			name: "disable",
			do: func(env *apptest.Env, ctx context.Context, other uuid.UUID) error {
				_, err := env.Members.Disable(ctx, other, "")
				return err
			},
			undo: func(env *apptest.Env, ctx context.Context, u uuid.UUID) error {
				_, err := env.Members.Enable(ctx, u, "")
				return err
			},
		},
	}
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		for _, w := range ways {
			t.Run(w.name, func(t *testing.T) {
				t.Parallel()
				env := apptest.New(t, d)
				a := env.User(t, "a@leitstand.example", authz.RoleOwner)
				b := env.User(t, "b@leitstand.example", authz.RoleOwner)
				ctxA, ctxB := env.As(t, a), env.As(t, b)
				for round := range rounds {
					var wg sync.WaitGroup
					start := make(chan struct{})
					errs := make([]error, 2)
					for i, c := range []struct {
						ctx   context.Context
						other uuid.UUID
					}{{ctxA, b.ID}, {ctxB, a.ID}} {
						wg.Go(func() {
							<-start
							errs[i] = w.do(env, c.ctx, c.other)
						})
					}
					close(start)
					wg.Wait()

					ok := 0
					for _, err := range errs {
						switch {
						case err == nil:
							ok++
						case !errors.Is(err, apierr.ErrFailedPrecondition):
							t.Fatalf("round %d: %v, want success or FailedPrecondition", round, err)
						}
					}
					if ok != 1 {
						t.Fatalf("round %d: %d of the two changes succeeded (%v), want exactly 1", round, ok, errs)
					}
					if n := enabledOwners(t, env); n != 1 {
						t.Fatalf("round %d: %d enabled owners, want 1", round, n)
					}
					// Restore the loser for the next round.
					loser := b.ID
					if errs[1] == nil {
						loser = a.ID
					}
					if err := w.undo(env, system(t), loser); err != nil {
						t.Fatal(err)
					}
				}
			})
		}
	})
}

func TestDemotionToUserDropsGrants(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		owner := env.User(t, "owner@leitstand.example", authz.RoleOwner)
		dev := env.User(t, "dev@leitstand.example", authz.RoleDeveloper)
		other := env.User(t, "other@leitstand.example", authz.RoleDeveloper)
		ctx := env.As(t, owner)
		for _, u := range []*member.User{dev, other} {
			for _, p := range []authz.Permission{authz.OrganizationsWrite, authz.MembersWrite} {
				if _, err := env.Members.Grant(ctx, u.ID, p, "on call"); err != nil {
					t.Fatal(err)
				}
			}
		}
		grants := func(u uuid.UUID) int {
			n, err := env.DB.Client.PermissionGrant.Query().Where(permissiongrant.UserID(u)).Count(t.Context())
			if err != nil {
				t.Fatal(err)
			}
			return n
		}

		// A change of staff role keeps the grants.
		if _, err := env.Members.SetPlatformRole(ctx, dev.ID, authz.RoleOperator, ""); err != nil {
			t.Fatal(err)
		}
		if n := grants(dev.ID); n != 2 {
			t.Errorf("%d grants after promotion to OPERATOR, want 2 kept", n)
		}
		seq := env.LastSeq(t)
		m, err := env.Members.SetPlatformRole(ctx, dev.ID, authz.RoleUser, "left the team")
		if err != nil {
			t.Fatal(err)
		}
		if n := grants(dev.ID); n != 0 || len(m.Extra) != 0 {
			t.Errorf("%d grants stored and %v returned after demotion to USER, want none", n, m.Extra)
		}
		if n := grants(other.ID); n != 2 {
			t.Errorf("another user's grants were dropped too: %d left", n)
		}
		e := oneEventSince(t, env, seq, owner)
		if b, a := apptest.State(t, e.Before)["extra_permissions"], apptest.State(t, e.After)["extra_permissions"]; fmt.Sprint(b) != "[MEMBERS_WRITE ORGANIZATIONS_WRITE]" || fmt.Sprint(a) != "[]" {
			t.Errorf("event extra permissions %v -> %v", b, a)
		}
		// Back on the staff, the old grants do not come back.
		if _, err := env.Members.SetPlatformRole(ctx, dev.ID, authz.RoleDeveloper, ""); err != nil {
			t.Fatal(err)
		}
		if n := grants(dev.ID); n != 0 {
			t.Errorf("%d grants after promotion back to DEVELOPER, want 0", n)
		}
	})
}

func TestDisableAndEnable(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		owner := env.User(t, "owner@leitstand.example", authz.RoleOwner)
		owner2 := env.User(t, "owner2@leitstand.example", authz.RoleOwner)
		op := env.User(t, "op@leitstand.example", authz.RoleOperator)
		dev := env.User(t, "dev@leitstand.example", authz.RoleDeveloper)
		asOwner, asOp := env.As(t, owner), env.As(t, op)

		steps := []struct {
			name    string
			ctx     context.Context
			disable bool // false: enable
			target  *member.User
			wantErr error
		}{
			{name: "disable yourself", ctx: asOp, disable: true, target: op, wantErr: apierr.ErrFailedPrecondition},
			{name: "operator disables an owner", ctx: asOp, disable: true, target: owner2, wantErr: apierr.ErrPermissionDenied},
			{name: "operator disables a developer", ctx: asOp, disable: true, target: dev},
			{name: "disable twice", ctx: asOp, disable: true, target: dev, wantErr: apierr.ErrFailedPrecondition},
			{name: "owner disables an owner", ctx: asOwner, disable: true, target: owner2},
			{name: "operator enables an owner", ctx: asOp, disable: false, target: owner2, wantErr: apierr.ErrPermissionDenied},
			{name: "enable an enabled user", ctx: asOp, disable: false, target: op, wantErr: apierr.ErrFailedPrecondition},
			{name: "system cannot disable the last enabled owner", ctx: system(t), disable: true, target: owner, wantErr: apierr.ErrFailedPrecondition},
			{name: "owner enables an owner", ctx: asOwner, disable: false, target: owner2},
			{name: "operator enables a developer", ctx: asOp, disable: false, target: dev},
		}
		for _, s := range steps {
			t.Run(s.name, func(t *testing.T) {
				seq := env.LastSeq(t)
				_, wasDisabled := role(t, env, s.target.ID)
				var err error
				if s.disable {
					_, err = env.Members.Disable(s.ctx, s.target.ID, "offboarding")
				} else {
					_, err = env.Members.Enable(s.ctx, s.target.ID, "back")
				}
				apptest.WantErr(t, err, s.wantErr)
				_, disabled := role(t, env, s.target.ID)
				if err != nil {
					if disabled != wasDisabled {
						t.Errorf("disabled = %v after a refused change, want %v kept", disabled, wasDisabled)
					}
					env.NoEventsSince(t, seq)
					return
				}
				if disabled != s.disable {
					t.Errorf("disabled = %v, want %v", disabled, s.disable)
				}
				e := oneEventSince(t, env, seq, nil)
				if b, a := apptest.State(t, e.Before)["disabled"], apptest.State(t, e.After)["disabled"]; b != !s.disable || a != s.disable {
					t.Errorf("event disabled %v -> %v", b, a)
				}
			})
		}
	})
}

// TestDisableEndsSignIn checks what a disabled user notices: their open
// session stops working at once, they cannot sign in, and after Enable they
// can sign in again (the old session stays ended).
func TestDisableEndsSignIn(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		ctx := env.AsRole(t, "op@leitstand.example", authz.RoleOperator)
		dev := env.User(t, "dev@leitstand.example", authz.RoleDeveloper)
		other := env.User(t, "other@leitstand.example", authz.RoleDeveloper)
		login := func(u *member.User) (string, error) {
			in, err := env.Identity.Login(t.Context(), u.Email, apptest.Password)
			if err != nil {
				return "", err
			}
			return in.Secret, nil
		}
		resolves := func(secret string) bool {
			p, err := env.Identity.ResolveSession(t.Context(), secret)
			if err != nil {
				t.Fatal(err)
			}
			return p != nil
		}
		s1, err := login(dev)
		if err != nil {
			t.Fatal(err)
		}
		s2, _ := login(dev)
		so, _ := login(other)
		tok, err := env.Identity.CreateAPIToken(env.As(t, dev), "ci", nil)
		if err != nil {
			t.Fatal(err)
		}
		if !resolves(s1) || !resolves(s2) {
			t.Fatal("fresh sessions do not resolve")
		}

		if _, err := env.Members.Disable(ctx, dev.ID, "left"); err != nil {
			t.Fatal(err)
		}
		if resolves(s1) || resolves(s2) {
			t.Error("a session of a disabled user still resolves")
		}
		if p, err := env.Identity.ResolveToken(t.Context(), tok.Secret); err != nil || p != nil {
			t.Errorf("an API token of a disabled user resolves to %v (%v)", p, err)
		}
		if !resolves(so) {
			t.Error("disabling one user ended another user's session")
		}
		if _, err := login(dev); !errors.Is(err, apierr.ErrUnauthenticated) {
			t.Errorf("sign-in of a disabled user: %v, want Unauthenticated", err)
		}

		if _, err := env.Members.Enable(ctx, dev.ID, "back"); err != nil {
			t.Fatal(err)
		}
		s3, err := login(dev)
		if err != nil {
			t.Fatalf("sign-in after Enable: %v", err)
		}
		if !resolves(s3) {
			t.Error("the new session after Enable does not resolve")
		}
		if resolves(s1) {
			t.Error("a session ended by Disable came back with Enable")
		}
	})
}

func TestGrantAndRevoke(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		owner := env.User(t, "owner@leitstand.example", authz.RoleOwner)
		op := env.User(t, "op@leitstand.example", authz.RoleOperator)
		customer := env.User(t, "kunde@example.com", authz.RoleUser)
		ctx := env.As(t, owner)
		in, err := env.Identity.Login(t.Context(), op.Email, apptest.Password)
		if err != nil {
			t.Fatal(err)
		}
		holds := func(p authz.Permission) bool {
			pr, err := env.Identity.ResolveSession(t.Context(), in.Secret)
			if err != nil || pr == nil {
				t.Fatalf("session does not resolve: %v", err)
			}
			return pr.Has(p)
		}
		if holds(authz.PermissionsManage) {
			t.Fatal("an operator holds PERMISSIONS_MANAGE by role; pick another permission")
		}

		steps := []struct {
			name    string
			ctx     context.Context
			revoke  bool
			target  *member.User
			perm    authz.Permission
			wantErr error
			field   string
		}{
			{name: "grant to a USER", ctx: ctx, target: customer, perm: authz.OrganizationsRead, wantErr: apierr.ErrFailedPrecondition},
			{name: "grant what the role holds", ctx: ctx, target: op, perm: authz.OrganizationsWrite, wantErr: apierr.ErrFailedPrecondition},
			{name: "unknown permission", ctx: ctx, target: op, perm: "FLY", wantErr: apierr.ErrInvalidArgument, field: "permission"},
			{name: "revoke what was never granted", ctx: ctx, revoke: true, target: op, perm: authz.PermissionsManage, wantErr: apierr.ErrFailedPrecondition},
			{name: "revoke what the role holds", ctx: ctx, revoke: true, target: op, perm: authz.OrganizationsWrite, wantErr: apierr.ErrFailedPrecondition},
			{name: "grant", ctx: ctx, target: op, perm: authz.PermissionsManage},
			{name: "grant twice", ctx: ctx, target: op, perm: authz.PermissionsManage, wantErr: apierr.ErrFailedPrecondition},
			{name: "grant by the system", ctx: system(t), target: op, perm: authz.PlatformRolesManage},
			{name: "revoke", ctx: ctx, revoke: true, target: op, perm: authz.PlatformRolesManage},
			{name: "revoke twice", ctx: ctx, revoke: true, target: op, perm: authz.PlatformRolesManage, wantErr: apierr.ErrFailedPrecondition},
		}
		for _, s := range steps {
			t.Run(s.name, func(t *testing.T) {
				seq := env.LastSeq(t)
				var err error
				if s.revoke {
					_, err = env.Members.Revoke(s.ctx, s.target.ID, s.perm, "audit finding")
				} else {
					_, err = env.Members.Grant(s.ctx, s.target.ID, s.perm, "on call this week")
				}
				apptest.WantErr(t, err, s.wantErr, s.field)
				if err != nil {
					env.NoEventsSince(t, seq)
					return
				}
				if s.target == op && holds(s.perm) == s.revoke {
					t.Errorf("after %s, the operator's session holds %s = %v", s.name, s.perm, !s.revoke)
				}
				var actor *member.User
				if s.ctx == ctx {
					actor = owner
				}
				e := oneEventSince(t, env, seq, actor)
				got := fmt.Sprint(apptest.State(t, e.After)["extra_permissions"])
				if strings.Contains(got, string(s.perm)) == s.revoke {
					t.Errorf("event after extra_permissions = %s", got)
				}
			})
		}

		got, err := env.Members.Get(ctx, op.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(got.Grants) != 1 || got.Grants[0].Permission != authz.PermissionsManage ||
			got.Grants[0].GrantedByID == nil || *got.Grants[0].GrantedByID != owner.ID || got.Grants[0].Reason != "on call this week" {
			t.Errorf("grants %+v, want PERMISSIONS_MANAGE granted by the owner with its reason", got.Grants)
		}
		if !slices.Equal(got.Extra, []authz.Permission{authz.PermissionsManage}) {
			t.Errorf("extra permissions %v", got.Extra)
		}
		if !holds(authz.PermissionsManage) || holds(authz.PlatformRolesManage) {
			t.Error("the session's effective permissions do not match the grants")
		}
	})
}

func TestCreateUser(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		env.User(t, "taken@example.com", authz.RoleOperator)
		const good = "long enough password"
		tests := []struct {
			name      string
			nu        member.NewUser
			wantErr   error
			fields    []string
			wantEmail string
		}{
			{name: "ok", nu: member.NewUser{Email: " New.Staff@Example.COM ", DisplayName: " Neue Kollegin ", Password: good, Role: authz.RoleDeveloper}, wantEmail: "new.staff@example.com"},
			{name: "no e-mail", nu: member.NewUser{Password: good, Role: authz.RoleUser}, wantErr: apierr.ErrInvalidArgument, fields: []string{"email"}},
			{name: "not an e-mail", nu: member.NewUser{Email: "staff.example.com", Password: good, Role: authz.RoleUser}, wantErr: apierr.ErrInvalidArgument, fields: []string{"email"}},
			{name: "e-mail with a name", nu: member.NewUser{Email: "Staff <staff@example.com>", Password: good, Role: authz.RoleUser}, wantErr: apierr.ErrInvalidArgument, fields: []string{"email"}},
			{name: "short password", nu: member.NewUser{Email: "short@example.com", Password: "eleven char", Role: authz.RoleUser}, wantErr: apierr.ErrInvalidArgument, fields: []string{"password"}},
			{name: "password of exactly the minimum", nu: member.NewUser{Email: "dozen@example.com", Password: "twelve chars", Role: authz.RoleUser}, wantEmail: "dozen@example.com"},
			{name: "common password", nu: member.NewUser{Email: "common@example.com", Password: "Password1234", Role: authz.RoleUser}, wantErr: apierr.ErrInvalidArgument, fields: []string{"password"}},
			{name: "blank password", nu: member.NewUser{Email: "blank@example.com", Password: "             ", Role: authz.RoleUser}, wantErr: apierr.ErrInvalidArgument, fields: []string{"password"}},
			{name: "longer than sign-in accepts", nu: member.NewUser{Email: "long@example.com", Password: strings.Repeat("ab3", 400), Role: authz.RoleUser}, wantErr: apierr.ErrInvalidArgument, fields: []string{"password"}},
			{name: "unknown role", nu: member.NewUser{Email: "role@example.com", Password: good, Role: "ROOT"}, wantErr: apierr.ErrInvalidArgument, fields: []string{"platform_role"}},
			{name: "everything wrong", nu: member.NewUser{Email: "x", Password: "x"}, wantErr: apierr.ErrInvalidArgument, fields: []string{"email", "password", "platform_role"}},
			{name: "taken e-mail", nu: member.NewUser{Email: "TAKEN@example.com", Password: good, Role: authz.RoleUser}, wantErr: apierr.ErrAlreadyExists},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				seq := env.LastSeq(t)
				n, _ := env.DB.Client.User.Query().Count(t.Context())
				u, err := env.Members.CreateUser(system(t), tt.nu, "hired")
				apptest.WantErr(t, err, tt.wantErr, tt.fields...)
				if err != nil {
					if m, _ := env.DB.Client.User.Query().Count(t.Context()); m != n {
						t.Errorf("%d users after a refused creation, want %d", m, n)
					}
					env.NoEventsSince(t, seq)
					return
				}
				if u.Email != tt.wantEmail || authz.Role(u.PlatformRole) != tt.nu.Role || u.DisplayName != strings.TrimSpace(tt.nu.DisplayName) {
					t.Errorf("created %q %s %q", u.Email, u.PlatformRole, u.DisplayName)
				}
				if _, err := env.Identity.Login(t.Context(), strings.ToUpper(tt.wantEmail), tt.nu.Password); err != nil {
					t.Errorf("the new user cannot sign in: %v", err)
				}
				e := env.EventsSince(t, seq)[0]
				if e.Action != "user.create" || e.Reason != "hired" || apptest.State(t, e.After)["email"] != tt.wantEmail || strings.Contains(e.After, "argon2") {
					t.Errorf("event %s reason %q after %s", e.Action, e.Reason, e.After)
				}
			})
		}
	})
}

// seedUsers creates staff and customers for list tests: repeated display
// names and repeated creation times, so every order needs its tie-break.
func seedUsers(t *testing.T, env *apptest.Env) []*ent.User {
	t.Helper()
	type seed struct {
		email, name string
		role        authz.Role
		disabled    bool
	}
	seeds := []seed{
		{"anna@leitstand.example", "anna", authz.RoleOwner, false},
		{"bernd@leitstand.example", "bernd", authz.RoleOperator, false},
		{"carla@leitstand.example", "carla", authz.RoleOperator, true},
		{"dieter@leitstand.example", "dieter", authz.RoleDeveloper, false},
		{"emma@kunde.example", "emma", authz.RoleUser, false},
		{"emma.b@kunde.example", "emma", authz.RoleUser, false},
		{"frank@kunde.example", "frank", authz.RoleUser, true},
		{"gabi@leitstand.example", "gabi", authz.RoleDeveloper, false},
		{"hans@kunde.example", "hans", authz.RoleUser, false},
		{"ida@kunde.example", "emma", authz.RoleUser, false},
		{"jan@leitstand.example", "jan", authz.RoleOperator, false},
		{"karl@kunde.example", "karl", authz.RoleUser, false},
		{"lena@kunde.example", "lena", authz.RoleUser, true},
	}
	for i, s := range seeds {
		if i%3 != 2 {
			env.Clock.Advance(time.Minute)
		}
		u, err := env.Members.CreateUser(system(t), member.NewUser{Email: s.email, DisplayName: s.name, Password: apptest.Password, Role: s.role}, "")
		if err != nil {
			t.Fatal(err)
		}
		if s.disabled {
			if err := env.DB.Client.User.UpdateOneID(u.ID).SetDisabled(true).Exec(t.Context()); err != nil {
				t.Fatal(err)
			}
		}
	}
	all, err := env.DB.Client.User.Query().All(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	return all
}

func TestListFilters(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		seedUsers(t, env)
		yes, no := true, false
		tests := []struct {
			name string
			p    member.ListParams
			want []string // local parts of the e-mail addresses, in e-mail order
		}{
			{name: "everyone", p: member.ListParams{}, want: []string{"anna", "bernd", "carla", "dieter", "emma.b", "emma", "frank", "gabi", "hans", "ida", "jan", "karl", "lena"}},
			{name: "e-mail fragment", p: member.ListParams{Query: "KUNDE.ex"}, want: []string{"emma.b", "emma", "frank", "hans", "ida", "karl", "lena"}},
			{name: "name fragment", p: member.ListParams{Query: " EMM "}, want: []string{"emma.b", "emma", "ida"}},
			{name: "one role", p: member.ListParams{Roles: []authz.Role{authz.RoleOperator}}, want: []string{"bernd", "carla", "jan"}},
			{name: "two roles", p: member.ListParams{Roles: []authz.Role{authz.RoleOwner, authz.RoleDeveloper}}, want: []string{"anna", "dieter", "gabi"}},
			{name: "disabled only", p: member.ListParams{Disabled: &yes}, want: []string{"carla", "frank", "lena"}},
			{name: "enabled operators", p: member.ListParams{Disabled: &no, Roles: []authz.Role{authz.RoleOperator}}, want: []string{"bernd", "jan"}},
			{name: "query, role and state", p: member.ListParams{Query: "kunde", Roles: []authz.Role{authz.RoleUser}, Disabled: &no}, want: []string{"emma.b", "emma", "hans", "ida", "karl"}},
			{name: "nothing", p: member.ListParams{Query: "zz"}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				p, err := env.Members.List(system(t), tt.p)
				if err != nil {
					t.Fatal(err)
				}
				var got []string
				for _, m := range p.Items {
					got = append(got, strings.Split(m.Email, "@")[0])
				}
				if !slices.Equal(got, tt.want) || p.TotalSize != len(tt.want) || p.NextPageToken != "" {
					t.Errorf("listed %v (total %d, next %q), want %v", got, p.TotalSize, p.NextPageToken, tt.want)
				}
			})
		}
		_, err := env.Members.List(system(t), member.ListParams{OrderBy: "role"})
		apptest.WantErr(t, err, apierr.ErrInvalidArgument, "order_by")
	})
}

func TestListPaging(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		all := seedUsers(t, env)
		for _, orderBy := range []string{"", "email", "display_name", "create_time", "create_time desc"} {
			t.Run(cmp.Or(orderBy, "default"), func(t *testing.T) {
				want := slices.Clone(all)
				slices.SortFunc(want, func(a, b *ent.User) int {
					var c int
					switch orderBy {
					case "", "email":
						c = strings.Compare(a.Email, b.Email)
					case "display_name":
						c = strings.Compare(a.DisplayName, b.DisplayName)
					default:
						c = a.CreateTime.Compare(b.CreateTime)
					}
					c = cmp.Or(c, bytes.Compare(a.ID[:], b.ID[:]))
					if strings.HasSuffix(orderBy, " desc") {
						c = -c
					}
					return c
				})
				var got []string
				token := ""
				for page := 1; ; page++ {
					if page > 10 {
						t.Fatal("more than 10 pages")
					}
					p, err := env.Members.List(system(t), member.ListParams{PageSize: 4, PageToken: token, OrderBy: orderBy})
					if err != nil {
						t.Fatalf("page %d: %v", page, err)
					}
					if p.TotalSize != len(all) || len(p.Items) > 4 || (p.NextPageToken != "" && len(p.Items) != 4) {
						t.Errorf("page %d: %d items, total %d", page, len(p.Items), p.TotalSize)
					}
					for _, m := range p.Items {
						got = append(got, m.Email)
					}
					if token = p.NextPageToken; token == "" {
						break
					}
				}
				var wantEmails []string
				for _, u := range want {
					wantEmails = append(wantEmails, u.Email)
				}
				if !slices.Equal(got, wantEmails) {
					t.Errorf("pages of 4 gave\n%v\nwant\n%v", got, wantEmails)
				}
				// The token belongs to this order and filter.
				p, _ := env.Members.List(system(t), member.ListParams{PageSize: 4, OrderBy: orderBy})
				_, err := env.Members.List(system(t), member.ListParams{PageSize: 4, PageToken: p.NextPageToken, OrderBy: orderBy, Query: "a"})
				apptest.WantErr(t, err, apierr.ErrInvalidArgument, "page_token")
			})
		}
	})
}

func TestOrganizationCount(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		none := env.User(t, "none@example.com", authz.RoleUser)
		one := env.User(t, "one@example.com", authz.RoleUser)
		three := env.User(t, "three@example.com", authz.RoleUser)
		a, b, c := env.Org(t, "Alpha"), env.Org(t, "Beta"), env.Org(t, "Gamma")
		env.Member(t, a.ID, one.ID, organization.RoleOwner)
		for _, o := range []uuid.UUID{c.ID, a.ID, b.ID} {
			env.Member(t, o, three.ID, organization.RoleMember)
		}
		want := map[uuid.UUID]int{none.ID: 0, one.ID: 1, three.ID: 3}
		p, err := env.Members.List(system(t), member.ListParams{})
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range p.Items {
			if m.OrganizationCount != want[m.ID] {
				t.Errorf("list: %s is in %d organizations, want %d", m.Email, m.OrganizationCount, want[m.ID])
			}
		}
		got, err := env.Members.Get(system(t), three.ID)
		if err != nil {
			t.Fatal(err)
		}
		var orgs []string
		for _, m := range got.Memberships {
			orgs = append(orgs, m.OrganizationName+" "+m.Role)
		}
		if got.OrganizationCount != 3 || !slices.Equal(orgs, []string{"Alpha MEMBER", "Beta MEMBER", "Gamma MEMBER"}) {
			t.Errorf("get: %d organizations %v, want Alpha, Beta, Gamma", got.OrganizationCount, orgs)
		}
	})
}

func TestGetRecentActivity(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		op := env.User(t, "op@leitstand.example", authz.RoleOperator)
		other := env.User(t, "other@leitstand.example", authz.RoleOperator)
		ctx, otherCtx := env.As(t, op), env.As(t, other)
		var last uuid.UUID
		for i := range 24 {
			env.Clock.Advance(time.Minute)
			o, err := env.Orgs.Create(ctx, organization.Values{Name: fmt.Sprintf("Kunde %02d", i)}, uuid.Nil, "")
			if err != nil {
				t.Fatal(err)
			}
			last = o.ID
			if _, err := env.Orgs.Create(otherCtx, organization.Values{Name: fmt.Sprintf("Fremd %02d", i)}, uuid.Nil, ""); err != nil {
				t.Fatal(err)
			}
		}
		got, err := env.Members.Get(ctx, op.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(got.RecentActivity) != 20 {
			t.Fatalf("%d recent events, want the newest 20", len(got.RecentActivity))
		}
		for i, e := range got.RecentActivity {
			if e.ActorID == nil || *e.ActorID != op.ID {
				t.Errorf("event %d is by %v, not by the user", e.Sequence, e.ActorEmail)
			}
			if i > 0 && e.Sequence >= got.RecentActivity[i-1].Sequence {
				t.Errorf("events not newest first: %d after %d", e.Sequence, got.RecentActivity[i-1].Sequence)
			}
		}
		// The last organization created, then the contract made with it.
		if newest := got.RecentActivity[0]; newest.TargetType != "contract" || got.RecentActivity[1].TargetID != ids.Format(ids.Organization, last) {
			t.Errorf("newest events target %s and %s, want the last organization created and its contract",
				newest.TargetID, got.RecentActivity[1].TargetID)
		}
		fresh := env.User(t, "fresh@leitstand.example", authz.RoleDeveloper)
		if g, err := env.Members.Get(ctx, fresh.ID); err != nil || len(g.RecentActivity) != 0 {
			t.Errorf("a user who did nothing has %d recent events (%v)", len(g.RecentActivity), err)
		}
		_, err = env.Members.Get(ctx, uuid.Must(uuid.NewV7()))
		apptest.WantErr(t, err, apierr.ErrNotFound)
	})
}
