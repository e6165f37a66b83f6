// Package apptest builds a whole Leitstand for tests — on a fresh SQLite or
// Postgres database, with a manual clock — and seeds fixtures in one line
// each.
package apptest

import (
	"context"
	"crypto/tls"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"connectrpc.com/connect"
	"entgo.io/ent/dialect"
	"github.com/google/uuid"
	"github.com/jonboulle/clockwork"

	adminv1 "github.com/leitstand/leitstand/gen/go/leitstand/admin/v1"
	"github.com/leitstand/leitstand/gen/go/leitstand/admin/v1/adminv1connect"
	"github.com/leitstand/leitstand/server/internal/app"
	"github.com/leitstand/leitstand/server/internal/identity"
	"github.com/leitstand/leitstand/server/internal/infra"
	"github.com/leitstand/leitstand/server/internal/member"
	"github.com/leitstand/leitstand/server/internal/organization"
	"github.com/leitstand/leitstand/server/internal/platform/auth"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/blob"
	"github.com/leitstand/leitstand/server/internal/platform/clock"
	"github.com/leitstand/leitstand/server/internal/platform/db"
	"github.com/leitstand/leitstand/server/internal/platform/secrets"
	"github.com/leitstand/leitstand/server/internal/platform/testdb"
)

// Start is the time every test clock starts at.
var Start = time.Date(2026, 3, 14, 9, 30, 0, 0, time.UTC)

// Password is the password of users made by User.
const Password = "correct horse battery"

// Env is a wired Leitstand on a fresh database.
type Env struct {
	*app.App
	Clock *clock.Manual
	// JobClock drives the job engine: schedules and retry waits.
	JobClock *clockwork.FakeClock
	// Statements counts the SQL statements run (queries and execs).
	Statements *atomic.Int64
	// StandardPlanID is the plan every test platform offers from the
	// start (StandardPlan).
	StandardPlanID uuid.UUID

	driverName, dsn string
	policy          identity.Policy
}

// TestSecrets seals credentials in tests with a fixed key.
var TestSecrets = func() *secrets.Box {
	b, err := secrets.New([]byte("leitstand-test-key-32-bytes-long"))
	if err != nil {
		panic(err)
	}
	return b
}()

// InfraOptions are the infrastructure options of every test app: short
// provider timeouts, so tests of slow providers stay fast.
var InfraOptions = infra.Options{CallTimeout: time.Second, SyncTimeout: 2 * time.Second}

// New returns a Leitstand on a fresh database of dialect d.
func New(t testing.TB, d testdb.Dialect) *Env {
	t.Helper()
	return NewWithPolicy(t, d, nil)
}

// NewWithPolicy is New with the sign-in policy changed by tweak.
func NewWithPolicy(t testing.TB, d testdb.Dialect, tweak func(*identity.Policy)) *Env {
	t.Helper()
	driverName, dsn := testdb.New(t, d)
	policy := identity.DefaultPolicy
	policy.Argon2 = auth.TestArgon2
	if tweak != nil {
		tweak(&policy)
	}
	e := open(t, driverName, dsn, policy, clock.NewManual(Start), clockwork.NewFakeClockAt(Start))
	e.offerStandardPlan(t)
	return e
}

// StandardPlan is the plan every test platform offers from the start, so
// that organizations can be created (each is made on a plan): rank 0, no
// fee, nothing included.
const StandardPlan = "Standard"

func (e *Env) offerStandardPlan(t testing.TB) {
	t.Helper()
	// Written as it stands, without an audit event, as if the platform
	// came with it: the audit trail of a test holds only the test's work.
	ctx, now := authz.System(context.Background()), e.Clock.Now()
	p, err := e.DB.Client.Plan.Create().SetName(StandardPlan).SetRank(0).SetVersion(1).
		SetCreateTime(now).SetUpdateTime(now).Save(ctx)
	if err == nil {
		err = e.DB.Client.PlanVersion.Create().SetPlanID(p.ID).SetVersion(1).SetMonthlyFeeCents(0).
			SetIncludedUsers(0).SetIncludedStorageGB(0).SetIncludedSupportMinutes(0).SetHourlyRateCents(0).
			SetStorageOverageCentsPerGB(0).SetMaxUsers(0).SetMaxStorageGB(0).SetCreateTime(now).Exec(ctx)
	}
	if err != nil {
		t.Fatalf("offer the standard plan: %v", err)
	}
	e.StandardPlanID = p.ID
}

// Replica returns a second Leitstand on e's database, with its own
// connections and caches and e's clocks: another replica behind the same
// load balancer.
func (e *Env) Replica(t testing.TB) *Env {
	t.Helper()
	return open(t, e.driverName, e.dsn, e.policy, e.Clock, e.JobClock)
}

func open(t testing.TB, driverName, dsn string, policy identity.Policy, clk *clock.Manual, jobClock *clockwork.FakeClock) *Env {
	t.Helper()
	var count atomic.Int64
	ctx := context.Background()
	conn, err := db.OpenDSN(ctx, driverName, dsn, db.Options{WrapDriver: func(drv dialect.Driver) dialect.Driver {
		return &countingDriver{Driver: drv, n: &count}
	}})
	if err != nil {
		t.Fatalf("open database: %v", err)
	}
	t.Cleanup(func() { conn.Close() })
	a, err := app.New(ctx, conn, app.Options{
		Clock: clk, Logger: slog.New(slog.NewTextHandler(testWriter{t}, &slog.HandlerOptions{Level: slog.LevelWarn})), Policy: &policy,
		JobClock: jobClock, Secrets: TestSecrets, Infra: InfraOptions, Files: blob.NewMemory(),
	})
	if err != nil {
		t.Fatalf("build app: %v", err)
	}
	t.Cleanup(a.Jobs.Close)
	return &Env{App: a, Clock: clk, JobClock: jobClock, Statements: &count, driverName: driverName, dsn: dsn, policy: policy}
}

// User creates a user with the given role and Password.
func (e *Env) User(t testing.TB, email string, role authz.Role) *member.User {
	t.Helper()
	u, err := e.Members.CreateUser(authz.System(context.Background()),
		member.NewUser{Email: email, DisplayName: string(role) + " " + email, Password: Password, Role: role}, "test fixture")
	if err != nil {
		t.Fatalf("create user %s: %v", email, err)
	}
	return u
}

// As returns a context acting as user u, as the API would after sign-in.
func (e *Env) As(t testing.TB, u *member.User) context.Context {
	t.Helper()
	in, err := e.Identity.Login(context.Background(), u.Email, Password)
	if err != nil {
		t.Fatalf("sign in %s: %v", u.Email, err)
	}
	return authz.WithPrincipal(context.Background(), in.Principal)
}

// AsRole creates a user with role (and Password) and returns a context
// acting as them.
func (e *Env) AsRole(t testing.TB, email string, role authz.Role) context.Context {
	t.Helper()
	return e.As(t, e.User(t, email, role))
}

// SignIn creates a user with role and signs them in over the API at
// srvURL, so that hc carries their session.
func (e *Env) SignIn(t testing.TB, hc *http.Client, srvURL, email string, role authz.Role) *member.User {
	t.Helper()
	u := e.User(t, email, role)
	if _, err := adminv1connect.NewAuthServiceClient(hc, srvURL).Login(context.Background(),
		connect.NewRequest(&adminv1.LoginRequest{Email: email, Password: Password})); err != nil {
		t.Fatalf("sign in %s: %v", email, err)
	}
	return u
}

// Org creates an active organization named name.
func (e *Env) Org(t testing.TB, name string) *organization.Summary {
	t.Helper()
	o, err := e.Orgs.Create(authz.System(context.Background()), organization.Values{
		Name: name, Address: organization.Address{Line1: "Hauptstraße 1", PostalCode: "10115", City: "Berlin", CountryCode: "DE"},
	}, uuid.Nil, "test fixture")
	if err != nil {
		t.Fatalf("create organization %s: %v", name, err)
	}
	return o
}

// Member adds u to org with role.
func (e *Env) Member(t testing.TB, org, u uuid.UUID, role string) {
	t.Helper()
	if _, err := e.Orgs.AddMember(authz.System(context.Background()), org, &u, nil, role, "test fixture"); err != nil {
		t.Fatalf("add member: %v", err)
	}
}

// Server serves the full HTTP surface on an HTTP/2 test server with TLS
// (so gRPC and Connect clients both work) and returns it.
func (e *Env) Server(t testing.TB, o app.HTTPOptions) *httptest.Server {
	t.Helper()
	srv := httptest.NewUnstartedServer(e.Handler(o))
	srv.EnableHTTP2 = true
	srv.StartTLS()
	t.Cleanup(srv.Close)
	return srv
}

// HTTPClient returns a client of srv that speaks HTTP/2 and keeps cookies.
func HTTPClient(srv *httptest.Server) *http.Client {
	c := srv.Client()
	tr := c.Transport.(*http.Transport).Clone()
	tr.ForceAttemptHTTP2 = true
	tr.TLSClientConfig = &tls.Config{InsecureSkipVerify: true, NextProtos: []string{"h2"}} //nolint:gosec // test server
	tr.DialContext = (&net.Dialer{Timeout: 5 * time.Second}).DialContext
	return &http.Client{Transport: tr, Jar: newJar()}
}

// OrgCount is how many organizations there are, of every billing entity.
func (e *Env) OrgCount(t testing.TB) int {
	t.Helper()
	p, err := e.Orgs.List(authz.System(context.Background()), organization.ListParams{PageSize: 1})
	if err != nil {
		t.Fatalf("count organizations: %v", err)
	}
	return p.TotalSize
}
