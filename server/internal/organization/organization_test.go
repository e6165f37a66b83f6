package organization_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	entorg "github.com/leitstand/leitstand/server/ent/organization"
	"github.com/leitstand/leitstand/server/ent/user"
	"github.com/leitstand/leitstand/server/internal/apptest"
	"github.com/leitstand/leitstand/server/internal/contract"
	"github.com/leitstand/leitstand/server/internal/organization"
	"github.com/leitstand/leitstand/server/internal/plan"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/platform/tenancy"
	"github.com/leitstand/leitstand/server/internal/platform/testdb"
	"github.com/leitstand/leitstand/server/internal/settings"
)

func TestMain(m *testing.M) { testdb.Main(m) }

// system acts as the server itself: every tenant, no user as actor.
func system(t *testing.T) context.Context { return authz.System(t.Context()) }

// view is what staff see of an organization's editable fields.
type view struct {
	Name, LegalName, Status                            string
	Line1, Line2, PostalCode, City, CountryCode, VATID string
	BillingEmail                                       string
	Managed                                            bool
}

func viewOf(o organization.Organization) view {
	a := o.Address
	return view{
		Name: o.Name, LegalName: o.LegalName, Status: o.Status,
		Line1: a.Line1, Line2: a.Line2, PostalCode: a.PostalCode, City: a.City, CountryCode: a.CountryCode,
		VATID: o.VATID, BillingEmail: o.BillingEmail, Managed: o.Managed,
	}
}

// storedView is the view of an organization as stored.
func storedView(o *ent.Organization) view {
	return view{
		Name: o.Name, LegalName: o.LegalName, Status: o.Status.String(),
		Line1: o.AddressLine1, Line2: o.AddressLine2, PostalCode: o.PostalCode, City: o.City, CountryCode: o.CountryCode,
		VATID: o.VatID, BillingEmail: o.BillingEmail, Managed: o.Managed,
	}
}

// stored reads an organization as stored, bypassing every scope.
func stored(t *testing.T, env *apptest.Env, id uuid.UUID) *ent.Organization {
	t.Helper()
	o, err := env.DB.Client.Organization.Get(system(t), id)
	if err != nil {
		t.Fatal(err)
	}
	return o
}

// forceStatus puts an organization into a status without the rules, as the
// sign-up flow does for PENDING_APPROVAL.
func forceStatus(t *testing.T, env *apptest.Env, id uuid.UUID, status string) {
	t.Helper()
	if err := env.DB.Client.Organization.UpdateOneID(id).SetStatus(entorg.Status(status)).Exec(system(t)); err != nil {
		t.Fatal(err)
	}
}

var oldValues = organization.Values{
	Name: "Altbau", LegalName: "Altbau GmbH",
	Address:      organization.Address{Line1: "Altweg 1", Line2: "Hinterhaus", PostalCode: "10115", City: "Berlin", CountryCode: "DE"},
	VATID:        "DE136695976",
	BillingEmail: "rechnung@altbau.example",
}

var newValues = organization.Values{
	Name: "Neubau", LegalName: "Neubau AG", Status: organization.StatusActive,
	Address:      organization.Address{Line1: "Neuweg 2", Line2: "", PostalCode: "80331", City: "München", CountryCode: "AT"},
	VATID:        "",
	BillingEmail: "buchhaltung@neubau.example",
	Managed:      true,
}

func TestCreate(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		licensee, err := tenancy.Licensee(t.Context(), env.DB.Client)
		if err != nil {
			t.Fatal(err)
		}
		staff := env.User(t, "ops@example.com", authz.RoleOperator)
		ctx := env.As(t, staff)

		tests := []struct {
			name    string
			v       organization.Values
			want    view
			wantErr error
			fields  []string
		}{
			{
				name: "name only",
				v:    organization.Values{Name: "  Acme  "},
				want: view{Name: "Acme", Status: organization.StatusActive},
			},
			{
				name: "full, VAT ID normalised",
				v: organization.Values{Name: "Bäckerei Müller", LegalName: " Bäckerei Müller e.K. ", VATID: "de 136 695 976",
					Address:      organization.Address{Line1: "Marktplatz 3", PostalCode: "01067", City: "Dresden", CountryCode: "DE"},
					BillingEmail: "info@mueller.example", Managed: true},
				want: view{Name: "Bäckerei Müller", LegalName: "Bäckerei Müller e.K.", Status: organization.StatusActive,
					Line1: "Marktplatz 3", PostalCode: "01067", City: "Dresden", CountryCode: "DE",
					VATID: "DE136695976", BillingEmail: "info@mueller.example", Managed: true},
			},
			{name: "empty name", v: organization.Values{Name: ""}, wantErr: apierr.ErrInvalidArgument, fields: []string{"name"}},
			{name: "blank name", v: organization.Values{Name: " \t "}, wantErr: apierr.ErrInvalidArgument, fields: []string{"name"}},
			{name: "wrong check digit", v: organization.Values{Name: "Acme", VATID: "DE136695975"}, wantErr: apierr.ErrInvalidArgument, fields: []string{"vat_id"}},
			{name: "unknown country", v: organization.Values{Name: "Acme", VATID: "XX136695976"}, wantErr: apierr.ErrInvalidArgument, fields: []string{"vat_id"}},
			{name: "name and VAT ID wrong", v: organization.Values{VATID: "DE13669597"}, wantErr: apierr.ErrInvalidArgument, fields: []string{"name", "vat_id"}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				seq := env.LastSeq(t)
				before, _ := env.DB.Client.Organization.Query().Count(t.Context())
				s, err := env.Orgs.Create(ctx, tt.v, uuid.Nil, "new customer")
				apptest.WantErr(t, err, tt.wantErr, tt.fields...)
				if err != nil {
					if after, _ := env.DB.Client.Organization.Query().Count(t.Context()); after != before {
						t.Errorf("%d organizations after a refused creation, want %d", after, before)
					}
					env.NoEventsSince(t, seq)
					return
				}
				o := stored(t, env, s.ID)
				if got := storedView(o); got != tt.want {
					t.Errorf("stored %+v\nwant   %+v", got, tt.want)
				}
				if o.BillingEntityID != licensee {
					t.Errorf("created under billing entity %s, want the licensee %s", o.BillingEntityID, licensee)
				}
				if !o.CreateTime.Equal(apptest.Start) {
					t.Errorf("create time %v, want the clock's %v", o.CreateTime, apptest.Start)
				}
				// The organization, and the contract made with it in the same change.
				events := env.EventsSince(t, seq)
				if len(events) != 2 || events[1].TargetType != "contract" {
					t.Fatalf("%d events, want the organization's and its contract's", len(events))
				}
				e := events[0]
				if e.TargetType != "organization" || e.TargetID != ids.Format(ids.Organization, o.ID) {
					t.Errorf("event target %s %s, want organization %s", e.TargetType, e.TargetID, ids.Format(ids.Organization, o.ID))
				}
				if e.ActorID == nil || *e.ActorID != staff.ID || e.ActorEmail != staff.Email || e.ActorRole != "OPERATOR" {
					t.Errorf("event actor %v %q %q, want %s %s OPERATOR", e.ActorID, e.ActorEmail, e.ActorRole, staff.ID, staff.Email)
				}
				if e.Reason != "new customer" || e.Before != "" {
					t.Errorf("event reason %q before %q, want the reason and no before", e.Reason, e.Before)
				}
				after := apptest.State(t, e.After)
				if after["name"] != tt.want.Name || after["vat_id"] != tt.want.VATID || after["status"] != "ACTIVE" {
					t.Errorf("event after = %v", after)
				}
			})
		}
	})
}

func TestUpdateChangesOnlyMaskedFields(t *testing.T) {
	t.Parallel()
	old := view{Name: "Altbau", LegalName: "Altbau GmbH", Status: "ACTIVE", Line1: "Altweg 1", Line2: "Hinterhaus",
		PostalCode: "10115", City: "Berlin", CountryCode: "DE", VATID: "DE136695976", BillingEmail: "rechnung@altbau.example"}
	tests := []struct {
		name  string
		paths []string
		want  func(v *view)
	}{
		{"name", []string{"name"}, func(v *view) { v.Name = "Neubau" }},
		{"legal name", []string{"legal_name"}, func(v *view) { v.LegalName = "Neubau AG" }},
		{"whole billing address", []string{"billing_address"}, func(v *view) {
			v.Line1, v.Line2, v.PostalCode, v.City, v.CountryCode = "Neuweg 2", "", "80331", "München", "AT"
		}},
		{"city only", []string{"billing_address.city"}, func(v *view) { v.City = "München" }},
		{"line 2 cleared", []string{"billing_address.line2"}, func(v *view) { v.Line2 = "" }},
		{"postal code and city", []string{"billing_address.postal_code", "billing_address.city"}, func(v *view) {
			v.PostalCode, v.City = "80331", "München"
		}},
		{"VAT ID cleared", []string{"vat_id"}, func(v *view) { v.VATID = "" }},
		{"billing e-mail and managed", []string{"billing_email", "managed"}, func(v *view) {
			v.BillingEmail, v.Managed = "buchhaltung@neubau.example", true
		}},
		{"unchanged status", []string{"status"}, func(v *view) {}},
		{"name and one address field", []string{"name", "billing_address.country_code"}, func(v *view) {
			v.Name, v.CountryCode = "Neubau", "AT"
		}},
		{"everything", organization.UpdatablePaths, func(v *view) {
			*v = view{Name: "Neubau", LegalName: "Neubau AG", Status: "ACTIVE", Line1: "Neuweg 2", PostalCode: "80331",
				City: "München", CountryCode: "AT", BillingEmail: "buchhaltung@neubau.example", Managed: true}
		}},
	}
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		ctx := env.AsRole(t, "ops@example.com", authz.RoleOperator)
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				o, err := env.Orgs.Create(system(t), oldValues, uuid.Nil, "")
				if err != nil {
					t.Fatal(err)
				}
				env.Clock.Advance(time.Hour)
				seq := env.LastSeq(t)
				got, err := env.Orgs.Update(ctx, o.ID, newValues, tt.paths, "")
				if err != nil {
					t.Fatal(err)
				}
				want := old
				tt.want(&want)
				if v := viewOf(got.Organization); v != want {
					t.Errorf("returned %+v\nwant     %+v", v, want)
				}
				row := stored(t, env, o.ID)
				if v := storedView(row); v != want {
					t.Errorf("stored %+v\nwant   %+v", v, want)
				}
				if !row.UpdateTime.Equal(env.Clock.Now()) || !row.CreateTime.Equal(o.CreateTime) {
					t.Errorf("times: create %v update %v, want create kept and update %v", row.CreateTime, row.UpdateTime, env.Clock.Now())
				}
				e := env.OneEventSince(t, seq)
				before, after := apptest.State(t, e.Before), apptest.State(t, e.After)
				if before["name"] != "Altbau" || after["name"] != want.Name {
					t.Errorf("event name %v -> %v, want Altbau -> %s", before["name"], after["name"], want.Name)
				}
				if city := after["billing_address"].(map[string]any)["city"]; city != want.City {
					t.Errorf("event after city %v, want %s", city, want.City)
				}
			})
		}
	})
}

func TestUpdateRefusedChangesNothing(t *testing.T) {
	t.Parallel()
	with := func(f func(v *organization.Values)) organization.Values {
		v := newValues
		f(&v)
		return v
	}
	tests := []struct {
		name    string
		id      uuid.UUID // uuid.Nil: the organization under test
		v       organization.Values
		paths   []string
		reason  string
		wantErr error
		field   string
	}{
		{name: "no mask", v: newValues, wantErr: apierr.ErrInvalidArgument, field: "update_mask"},
		{name: "unknown path", v: newValues, paths: []string{"billing_entity_id"}, wantErr: apierr.ErrInvalidArgument, field: "update_mask"},
		{name: "unknown address path", v: newValues, paths: []string{"billing_address.street"}, wantErr: apierr.ErrInvalidArgument, field: "update_mask"},
		{name: "immutable path", v: newValues, paths: []string{"create_time"}, wantErr: apierr.ErrInvalidArgument, field: "update_mask"},
		{name: "good path with an unknown one", v: newValues, paths: []string{"name", "id"}, wantErr: apierr.ErrInvalidArgument, field: "update_mask"},
		{name: "empty name", v: with(func(v *organization.Values) { v.Name = "" }), paths: []string{"name"}, wantErr: apierr.ErrInvalidArgument, field: "name"},
		{name: "blank name with other fields", v: with(func(v *organization.Values) { v.Name = "  " }), paths: []string{"name", "billing_address"}, wantErr: apierr.ErrInvalidArgument, field: "name"},
		{name: "wrong VAT check digit", v: with(func(v *organization.Values) { v.VATID = "DE136695975" }), paths: []string{"vat_id", "name"}, wantErr: apierr.ErrInvalidArgument, field: "vat_id"},
		{name: "unknown status", v: with(func(v *organization.Values) { v.Status = "DELETED" }), paths: []string{"status"}, reason: "x", wantErr: apierr.ErrInvalidArgument, field: "status"},
		{name: "status change without reason", v: with(func(v *organization.Values) { v.Status = organization.StatusSuspended }), paths: []string{"status", "name"}, wantErr: apierr.ErrInvalidArgument, field: "reason"},
		{name: "status back to pending", v: with(func(v *organization.Values) { v.Status = organization.StatusPendingApproval }), paths: []string{"status"}, reason: "x", wantErr: apierr.ErrFailedPrecondition},
		{name: "unknown organization", id: uuid.Must(uuid.NewV7()), v: newValues, paths: []string{"name"}, wantErr: apierr.ErrNotFound},
	}
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		ctx := env.AsRole(t, "ops@example.com", authz.RoleOperator)
		o, err := env.Orgs.Create(system(t), oldValues, uuid.Nil, "")
		if err != nil {
			t.Fatal(err)
		}
		env.Clock.Advance(time.Hour)
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				seq := env.LastSeq(t)
				id := tt.id
				if id == uuid.Nil {
					id = o.ID
				}
				_, err := env.Orgs.Update(ctx, id, tt.v, tt.paths, tt.reason)
				apptest.WantErr(t, err, tt.wantErr, tt.field)
				row := stored(t, env, o.ID)
				if storedView(row) != viewOf(o.Organization) || !row.UpdateTime.Equal(o.UpdateTime) {
					t.Errorf("a refused update changed the organization: %+v (updated %v)", storedView(row), row.UpdateTime)
				}
				env.NoEventsSince(t, seq)
			})
		}
	})
}

func TestVATID(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in      string
		want    string
		wantErr error
	}{
		{in: "DE136695976", want: "DE136695976"},
		{in: "de 136 695 976", want: "DE136695976"},
		{in: "DE-136.695.976", want: "DE136695976"},
		{in: "ATU12345678", want: "ATU12345678"},
		{in: "", want: ""},
		{in: "DE136695975", wantErr: apierr.ErrInvalidArgument},
		{in: "DE13669597", wantErr: apierr.ErrInvalidArgument},
		{in: "GR123456789", wantErr: apierr.ErrInvalidArgument}, // Greece is EL
		{in: "DE", wantErr: apierr.ErrInvalidArgument},
	}
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		ctx := system(t)
		existing := env.Org(t, "Bestand")
		for _, tt := range tests {
			t.Run(tt.in, func(t *testing.T) {
				fields := []string{}
				if tt.wantErr != nil {
					fields = []string{"vat_id"}
				}
				created, err := env.Orgs.Create(ctx, organization.Values{Name: "Neu " + tt.in, VATID: tt.in}, uuid.Nil, "")
				apptest.WantErr(t, err, tt.wantErr, fields...)
				if err == nil && created.VATID != tt.want {
					t.Errorf("created with VAT ID %q, want %q", created.VATID, tt.want)
				}
				updated, err := env.Orgs.Update(ctx, existing.ID, organization.Values{VATID: tt.in}, []string{"vat_id"}, "")
				apptest.WantErr(t, err, tt.wantErr, fields...)
				if err == nil && updated.VATID != tt.want {
					t.Errorf("updated to VAT ID %q, want %q", updated.VATID, tt.want)
				}
			})
		}
	})
}

func TestStatusTransitions(t *testing.T) {
	t.Parallel()
	const (
		pending   = organization.StatusPendingApproval
		active    = organization.StatusActive
		suspended = organization.StatusSuspended
		closed    = organization.StatusClosed
	)
	tests := []struct {
		from, to string
		reason   string
		wantErr  error
	}{
		{from: active, to: suspended, reason: "unpaid invoices"},
		{from: active, to: suspended, reason: "", wantErr: apierr.ErrInvalidArgument},
		{from: active, to: suspended, reason: "   ", wantErr: apierr.ErrInvalidArgument},
		{from: active, to: closed, reason: "contract ended"},
		{from: active, to: pending, reason: "x", wantErr: apierr.ErrFailedPrecondition},
		{from: active, to: active, reason: ""},
		{from: suspended, to: active, reason: "paid"},
		{from: suspended, to: closed, reason: "never paid"},
		{from: suspended, to: pending, reason: "x", wantErr: apierr.ErrFailedPrecondition},
		{from: pending, to: active, reason: "approved"},
		{from: pending, to: closed, reason: "rejected"},
		{from: pending, to: suspended, reason: "x", wantErr: apierr.ErrFailedPrecondition},
		{from: closed, to: active, reason: "reopened", wantErr: apierr.ErrFailedPrecondition},
		{from: closed, to: suspended, reason: "x", wantErr: apierr.ErrFailedPrecondition},
		{from: closed, to: closed, reason: "x", wantErr: apierr.ErrFailedPrecondition},
	}
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		ctx := env.AsRole(t, "ops@example.com", authz.RoleOperator)
		for _, tt := range tests {
			t.Run(tt.from+" to "+tt.to, func(t *testing.T) {
				o := env.Org(t, "Kunde")
				forceStatus(t, env, o.ID, tt.from)
				seq := env.LastSeq(t)
				_, err := env.Orgs.Update(ctx, o.ID, organization.Values{Status: tt.to}, []string{"status"}, tt.reason)
				apptest.WantErr(t, err, tt.wantErr)
				got := stored(t, env, o.ID).Status.String()
				if err != nil {
					if got != tt.from {
						t.Errorf("status %s after a refused change, want %s kept", got, tt.from)
					}
					env.NoEventsSince(t, seq)
					return
				}
				if got != tt.to {
					t.Errorf("status %s, want %s", got, tt.to)
				}
				e := env.OneEventSince(t, seq)
				if b, a := apptest.State(t, e.Before)["status"], apptest.State(t, e.After)["status"]; b != tt.from || a != tt.to || e.Reason != tt.reason {
					t.Errorf("event status %v -> %v reason %q, want %s -> %s reason %q", b, a, e.Reason, tt.from, tt.to, tt.reason)
				}
			})
		}
	})
}

// TestClosedIsFinal checks that nothing of a closed organization changes:
// neither its fields nor its workspaces nor its members.
func TestClosedIsFinal(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		ctx := env.AsRole(t, "ops@example.com", authz.RoleOperator)
		o := env.Org(t, "Geschlossen")
		owner := env.User(t, "owner@kunde.example", authz.RoleUser)
		other := env.User(t, "other@kunde.example", authz.RoleUser)
		outsider := env.User(t, "new@kunde.example", authz.RoleUser)
		env.Member(t, o.ID, owner.ID, organization.RoleOwner)
		env.Member(t, o.ID, other.ID, organization.RoleOwner)
		ws, err := env.Orgs.CreateWorkspace(ctx, o.ID, "Produktion", &owner.ID, "")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := env.Orgs.Update(ctx, o.ID, organization.Values{Status: organization.StatusClosed}, []string{"status"}, "contract ended"); err != nil {
			t.Fatal(err)
		}
		tests := []struct {
			name string
			do   func(ctx context.Context) error
		}{
			{"rename", func(ctx context.Context) error {
				_, err := env.Orgs.Update(ctx, o.ID, organization.Values{Name: "Neu"}, []string{"name"}, "")
				return err
			}},
			{"set managed", func(ctx context.Context) error {
				_, err := env.Orgs.Update(ctx, o.ID, organization.Values{Managed: true}, []string{"managed"}, "")
				return err
			}},
			{"reopen", func(ctx context.Context) error {
				_, err := env.Orgs.Update(ctx, o.ID, organization.Values{Status: organization.StatusActive}, []string{"status"}, "reopen")
				return err
			}},
			{"add workspace", func(ctx context.Context) error {
				_, err := env.Orgs.CreateWorkspace(ctx, o.ID, "Test", nil, "")
				return err
			}},
			{"rename workspace", func(ctx context.Context) error {
				_, err := env.Orgs.UpdateWorkspace(ctx, ws.ID, organization.WorkspaceValues{Name: "Live"}, []string{"name"}, "")
				return err
			}},
			{"add member", func(ctx context.Context) error {
				_, err := env.Orgs.AddMember(ctx, o.ID, &outsider.ID, nil, organization.RoleMember, "")
				return err
			}},
			{"change a member's role", func(ctx context.Context) error {
				_, err := env.Orgs.SetRole(ctx, o.ID, other.ID, organization.RoleAdmin, "")
				return err
			}},
			{"remove member", func(ctx context.Context) error {
				return env.Orgs.RemoveMember(ctx, o.ID, other.ID, "")
			}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				seq := env.LastSeq(t)
				apptest.WantErr(t, tt.do(ctx), apierr.ErrFailedPrecondition)
				env.NoEventsSince(t, seq)
			})
		}
		got, err := env.Orgs.Get(ctx, o.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Name != "Geschlossen" || got.Status != organization.StatusClosed || got.Managed || got.MemberCount != 2 || got.WorkspaceCount != 1 ||
			got.Workspaces[0].Name != "Produktion" || got.Members[0].Role != organization.RoleOwner || got.Members[1].Role != organization.RoleOwner {
			t.Errorf("closed organization changed: %+v", got)
		}
	})
}

// An organization's billing day is the day of its creation on the
// calendar of its billing entity's time zone, and follows that setting;
// its billing dates run from today on, the 31st clamped to short months.
func TestBillingDayOfCreatedOrganization(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		ctx := env.AsRole(t, "owner@example.com", authz.RoleOwner)
		// 23:59 on 31 January in Berlin, and 00:30 on 1 February there
		// (still 31 January in UTC).
		env.Clock.Set(time.Date(2028, 1, 31, 22, 59, 0, 0, time.UTC))
		late := env.Org(t, "Monatsende")
		env.Clock.Set(time.Date(2028, 1, 31, 23, 30, 0, 0, time.UTC))
		early := env.Org(t, "Monatsanfang")
		env.Clock.Set(time.Date(2028, 2, 10, 12, 0, 0, 0, time.UTC))
		days := func(id uuid.UUID) (int, []string) {
			t.Helper()
			c, err := env.Orgs.BillingDates(ctx, id, 3)
			if err != nil {
				t.Fatal(err)
			}
			var out []string
			for _, p := range c.Periods {
				out = append(out, p.String())
			}
			return c.BillingDay, out
		}
		if day, got := days(late.ID); day != 31 || !slices.Equal(got, []string{"2028-02-29 – 2028-03-30", "2028-03-31 – 2028-04-29", "2028-04-30 – 2028-05-30"}) {
			t.Errorf("created late on 31 January in Berlin: day %d, periods %v", day, got)
		}
		if day, got := days(early.ID); day != 1 || got[0] != "2028-03-01 – 2028-03-31" {
			t.Errorf("created just after midnight on 1 February in Berlin: day %d, periods %v", day, got)
		}
		// The time zone is a setting; the organization's page follows it.
		if _, _, err := env.Settings.Update(ctx, settings.Settings{Invoice: settings.Invoice{TimeZone: "UTC"}}, []string{"invoice.time_zone"}, ""); err != nil {
			t.Fatal(err)
		}
		if got, err := env.Orgs.Get(ctx, early.ID); err != nil || got.BillingDay != 31 {
			t.Errorf("on the UTC calendar the organization created at 23:30 UTC on 31 January bills on day %d (%v), want 31", got.BillingDay, err)
		}
		_, _, err := env.Settings.Update(ctx, settings.Settings{Invoice: settings.Invoice{TimeZone: "Mars/Olympus"}}, []string{"invoice.time_zone"}, "")
		apptest.WantErr(t, err, apierr.ErrInvalidArgument, "settings.invoice.time_zone")
	})
}

func TestWorkspaces(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		ctx := env.AsRole(t, "ops@example.com", authz.RoleOperator)
		a, b := env.Org(t, "A"), env.Org(t, "B")
		alice := env.User(t, "alice@a.example", authz.RoleUser)
		bob := env.User(t, "bob@b.example", authz.RoleUser)
		env.Member(t, a.ID, alice.ID, organization.RoleOwner)
		env.Member(t, b.ID, bob.ID, organization.RoleOwner)
		unknown := uuid.Must(uuid.NewV7())

		var prod *organization.Workspace
		create := []struct {
			name    string
			org     uuid.UUID
			ws      string
			admin   *uuid.UUID
			wantErr error
			field   string
		}{
			{name: "with admin", org: a.ID, ws: "Produktion", admin: &alice.ID},
			{name: "without admin", org: a.ID, ws: "Staging"},
			{name: "same name in the same organization", org: a.ID, ws: "Produktion", wantErr: apierr.ErrAlreadyExists},
			{name: "same name with spaces", org: a.ID, ws: "  Produktion ", wantErr: apierr.ErrAlreadyExists},
			{name: "same name in another organization", org: b.ID, ws: "Produktion", admin: &bob.ID},
			{name: "admin of another organization", org: a.ID, ws: "Test", admin: &bob.ID, wantErr: apierr.ErrInvalidArgument, field: "admin_user_id"},
			{name: "unknown admin", org: a.ID, ws: "Test", admin: &unknown, wantErr: apierr.ErrInvalidArgument, field: "admin_user_id"},
			{name: "no name", org: a.ID, ws: " ", wantErr: apierr.ErrInvalidArgument, field: "name"},
			{name: "unknown organization", org: unknown, ws: "Test", wantErr: apierr.ErrNotFound},
		}
		for _, tt := range create {
			t.Run("create "+tt.name, func(t *testing.T) {
				seq := env.LastSeq(t)
				w, err := env.Orgs.CreateWorkspace(ctx, tt.org, tt.ws, tt.admin, "")
				apptest.WantErr(t, err, tt.wantErr, tt.field)
				if err != nil {
					env.NoEventsSince(t, seq)
					return
				}
				if w.Name != tt.ws || w.OrganizationID != tt.org || !equalID(w.AdminUserID, tt.admin) {
					t.Errorf("workspace %q in %s admin %v, want %q in %s admin %v", w.Name, w.OrganizationID, w.AdminUserID, tt.ws, tt.org, tt.admin)
				}
				if tt.admin != nil && (w.Admin == nil || w.Admin.ID != *tt.admin) {
					t.Errorf("the admin is not loaded with the workspace: %+v", w.Admin)
				}
				e := env.OneEventSince(t, seq)
				if e.TargetType != "workspace" || apptest.State(t, e.After)["name"] != tt.ws {
					t.Errorf("event %s after %s", e.TargetType, e.After)
				}
				if tt.org == a.ID && tt.ws == "Produktion" {
					prod = w
				}
			})
		}
		if prod == nil {
			t.Fatal("no workspace to update")
		}

		update := []struct {
			name      string
			v         organization.WorkspaceValues
			paths     []string
			wantErr   error
			field     string
			wantName  string
			wantAdmin *uuid.UUID
		}{
			{name: "rename keeps the admin", v: organization.WorkspaceValues{Name: "Live"}, paths: []string{"name"}, wantName: "Live", wantAdmin: &alice.ID},
			{name: "rename to its own name", v: organization.WorkspaceValues{Name: "Live"}, paths: []string{"name"}, wantName: "Live", wantAdmin: &alice.ID},
			{name: "rename to a taken name", v: organization.WorkspaceValues{Name: "Staging"}, paths: []string{"name"}, wantErr: apierr.ErrAlreadyExists},
			{name: "empty name", v: organization.WorkspaceValues{Name: ""}, paths: []string{"name"}, wantErr: apierr.ErrInvalidArgument, field: "workspace.name"},
			{name: "admin from another organization", v: organization.WorkspaceValues{Admin: &bob.ID}, paths: []string{"admin_user_id"}, wantErr: apierr.ErrInvalidArgument, field: "workspace.admin_user_id"},
			{name: "unknown path", v: organization.WorkspaceValues{Name: "X"}, paths: []string{"organization_id"}, wantErr: apierr.ErrInvalidArgument, field: "update_mask"},
			{name: "no mask", v: organization.WorkspaceValues{Name: "X"}, wantErr: apierr.ErrInvalidArgument, field: "update_mask"},
			{name: "clear the admin keeps the name", v: organization.WorkspaceValues{Name: "ignored"}, paths: []string{"admin_user_id"}, wantName: "Live"},
			{name: "name and admin", v: organization.WorkspaceValues{Name: "Produktion", Admin: &alice.ID}, paths: []string{"name", "admin_user_id"}, wantName: "Produktion", wantAdmin: &alice.ID},
		}
		for _, tt := range update {
			t.Run("update "+tt.name, func(t *testing.T) {
				seq := env.LastSeq(t)
				before, _ := env.DB.Client.Workspace.Get(t.Context(), prod.ID)
				w, err := env.Orgs.UpdateWorkspace(ctx, prod.ID, tt.v, tt.paths, "")
				apptest.WantErr(t, err, tt.wantErr, tt.field)
				now, _ := env.DB.Client.Workspace.Get(t.Context(), prod.ID)
				if err != nil {
					if now.Name != before.Name || !equalID(now.AdminUserID, before.AdminUserID) {
						t.Errorf("a refused update changed the workspace to %q admin %v", now.Name, now.AdminUserID)
					}
					env.NoEventsSince(t, seq)
					return
				}
				if w.Name != tt.wantName || !equalID(w.AdminUserID, tt.wantAdmin) || now.Name != tt.wantName || !equalID(now.AdminUserID, tt.wantAdmin) {
					t.Errorf("workspace %q admin %v (stored %q %v), want %q admin %v", w.Name, w.AdminUserID, now.Name, now.AdminUserID, tt.wantName, tt.wantAdmin)
				}
				env.OneEventSince(t, seq)
			})
		}
		if _, err := env.Orgs.UpdateWorkspace(ctx, unknown, organization.WorkspaceValues{Name: "X"}, []string{"name"}, ""); !errors.Is(err, apierr.ErrNotFound) {
			t.Errorf("update of an unknown workspace: %v, want NotFound", err)
		}
		got, err := env.Orgs.Get(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, w := range got.Workspaces {
			names = append(names, w.Name)
		}
		if got.WorkspaceCount != 2 || !slices.Equal(names, []string{"Produktion", "Staging"}) {
			t.Errorf("organization A has %d workspaces %v, want 2 [Produktion Staging]", got.WorkspaceCount, names)
		}
	})
}

func equalID(a, b *uuid.UUID) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return *a == *b
}

func TestMembers(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		ctx := env.AsRole(t, "ops@example.com", authz.RoleOperator)
		a, b := env.Org(t, "A"), env.Org(t, "B")
		users := func() int {
			n, err := env.DB.Client.User.Query().Count(t.Context())
			if err != nil {
				t.Fatal(err)
			}
			return n
		}

		t.Run("add by e-mail creates a user once", func(t *testing.T) {
			n := users()
			seq := env.LastSeq(t)
			m, err := env.Orgs.AddMember(ctx, a.ID, nil, &organization.NewUser{Email: "  Neu.Kunde@Example.COM ", DisplayName: " Neu Kunde "}, organization.RoleOwner, "signed contract")
			if err != nil {
				t.Fatal(err)
			}
			if users() != n+1 {
				t.Fatalf("%d users, want %d", users(), n+1)
			}
			u, err := env.DB.Client.User.Query().Where(user.Email("neu.kunde@example.com")).Only(t.Context())
			if err != nil {
				t.Fatalf("the new user is not stored under the lower-cased address: %v", err)
			}
			if u.PlatformRole != user.PlatformRoleUSER || u.DisplayName != "Neu Kunde" || u.PasswordHash != "" || u.Disabled {
				t.Errorf("new user: role %s name %q password set %v disabled %v, want USER %q, no password, enabled",
					u.PlatformRole, u.DisplayName, u.PasswordHash != "", u.Disabled, "Neu Kunde")
			}
			if m.User.ID != u.ID || m.Role != organization.RoleOwner {
				t.Errorf("member %s role %s, want %s OWNER", m.User.ID, m.Role, u.ID)
			}
			// The new user and the membership are two objects: one event each.
			es := env.EventsSince(t, seq)
			if len(es) != 2 || es[0].TargetType != "user" || es[1].TargetType != "organization" {
				t.Fatalf("events %+v, want the user's creation and the membership", es)
			}
			if got := apptest.State(t, es[1].After); got["role"] != "OWNER" || got["user_id"] != ids.Format(ids.User, u.ID) {
				t.Errorf("membership event after = %v", got)
			}

			n = users()
			m2, err := env.Orgs.AddMember(ctx, b.ID, nil, &organization.NewUser{Email: "neu.kunde@example.com"}, organization.RoleMember, "")
			if err != nil {
				t.Fatal(err)
			}
			if m2.User.ID != u.ID || users() != n {
				t.Errorf("adding the same e-mail to a second organization made user %s (%d users), want the existing %s", m2.User.ID, users(), u.ID)
			}
		})

		t.Run("add twice", func(t *testing.T) {
			u := env.User(t, "twice@example.com", authz.RoleUser)
			env.Member(t, a.ID, u.ID, organization.RoleMember)
			seq := env.LastSeq(t)
			_, err := env.Orgs.AddMember(ctx, a.ID, &u.ID, nil, organization.RoleAdmin, "")
			apptest.WantErr(t, err, apierr.ErrAlreadyExists)
			_, err = env.Orgs.AddMember(ctx, a.ID, nil, &organization.NewUser{Email: "TWICE@example.com"}, organization.RoleAdmin, "")
			apptest.WantErr(t, err, apierr.ErrAlreadyExists)
			env.NoEventsSince(t, seq)
		})

		t.Run("add unknown", func(t *testing.T) {
			unknown := uuid.Must(uuid.NewV7())
			u := env.User(t, "someone@example.com", authz.RoleUser)
			_, err := env.Orgs.AddMember(ctx, a.ID, &unknown, nil, organization.RoleMember, "")
			apptest.WantErr(t, err, apierr.ErrNotFound)
			_, err = env.Orgs.AddMember(ctx, unknown, &u.ID, nil, organization.RoleMember, "")
			apptest.WantErr(t, err, apierr.ErrNotFound)
		})

		t.Run("last owner stays", func(t *testing.T) {
			o := env.Org(t, "Eigentum")
			first := env.User(t, "first@eigentum.example", authz.RoleUser)
			second := env.User(t, "second@eigentum.example", authz.RoleUser)
			env.Member(t, o.ID, first.ID, organization.RoleOwner)
			env.Member(t, o.ID, second.ID, organization.RoleMember)
			seq := env.LastSeq(t)
			apptest.WantErr(t, env.Orgs.RemoveMember(ctx, o.ID, first.ID, ""), apierr.ErrFailedPrecondition)
			_, err := env.Orgs.SetRole(ctx, o.ID, first.ID, organization.RoleAdmin, "")
			apptest.WantErr(t, err, apierr.ErrFailedPrecondition)
			_, err = env.Orgs.SetRole(ctx, o.ID, first.ID, organization.RoleOwner, "")
			apptest.WantErr(t, err, apierr.ErrFailedPrecondition) // already owner
			env.NoEventsSince(t, seq)

			if _, err := env.Orgs.SetRole(ctx, o.ID, second.ID, organization.RoleOwner, ""); err != nil {
				t.Fatal(err)
			}
			seq = env.LastSeq(t)
			m, err := env.Orgs.SetRole(ctx, o.ID, first.ID, organization.RoleAdmin, "handed over")
			if err != nil {
				t.Fatalf("demoting one of two owners: %v", err)
			}
			if m.Role != organization.RoleAdmin || m.User == nil || m.User.ID != first.ID {
				t.Errorf("member after demotion: %+v", m)
			}
			e := env.OneEventSince(t, seq)
			if apptest.State(t, e.Before)["role"] != "OWNER" || apptest.State(t, e.After)["role"] != "ADMIN" || e.Reason != "handed over" {
				t.Errorf("event %s -> %s reason %q", e.Before, e.After, e.Reason)
			}
			apptest.WantErr(t, env.Orgs.RemoveMember(ctx, o.ID, second.ID, ""), apierr.ErrFailedPrecondition)
			_, err = env.Orgs.SetRole(ctx, o.ID, second.ID, organization.RoleMember, "")
			apptest.WantErr(t, err, apierr.ErrFailedPrecondition)
			if err := env.Orgs.RemoveMember(ctx, o.ID, first.ID, ""); err != nil {
				t.Errorf("removing a former owner: %v", err)
			}
		})

		t.Run("remove clears workspace admin", func(t *testing.T) {
			o, elsewhere := env.Org(t, "Arbeit"), env.Org(t, "Woanders")
			owner := env.User(t, "owner@arbeit.example", authz.RoleUser)
			leaver := env.User(t, "leaver@arbeit.example", authz.RoleUser)
			env.Member(t, o.ID, owner.ID, organization.RoleOwner)
			env.Member(t, o.ID, leaver.ID, organization.RoleAdmin)
			env.Member(t, elsewhere.ID, leaver.ID, organization.RoleOwner)
			w1, _ := env.Orgs.CreateWorkspace(ctx, o.ID, "Eins", &leaver.ID, "")
			w2, _ := env.Orgs.CreateWorkspace(ctx, o.ID, "Zwei", &owner.ID, "")
			w3, _ := env.Orgs.CreateWorkspace(ctx, elsewhere.ID, "Drei", &leaver.ID, "")

			seq := env.LastSeq(t)
			if err := env.Orgs.RemoveMember(ctx, o.ID, leaver.ID, "left the company"); err != nil {
				t.Fatal(err)
			}
			e := env.OneEventSince(t, seq)
			if apptest.State(t, e.Before)["user_id"] != ids.Format(ids.User, leaver.ID) || e.After != "" {
				t.Errorf("removal event before %s after %q", e.Before, e.After)
			}
			admin := func(id uuid.UUID) *uuid.UUID {
				w, err := env.DB.Client.Workspace.Get(t.Context(), id)
				if err != nil {
					t.Fatal(err)
				}
				return w.AdminUserID
			}
			if got := admin(w1.ID); got != nil {
				t.Errorf("workspace Eins still administered by the removed member %s", got)
			}
			if got := admin(w2.ID); !equalID(got, &owner.ID) {
				t.Errorf("workspace Zwei admin %v, want the owner kept", got)
			}
			if got := admin(w3.ID); !equalID(got, &leaver.ID) {
				t.Errorf("workspace Drei of another organization lost its admin: %v", got)
			}
			got, err := env.Orgs.Get(ctx, o.ID)
			if err != nil {
				t.Fatal(err)
			}
			if got.MemberCount != 1 || len(got.Members) != 1 || got.Members[0].User.ID != owner.ID {
				t.Errorf("members after removal: %d %+v", got.MemberCount, got.Members)
			}
			apptest.WantErr(t, env.Orgs.RemoveMember(ctx, o.ID, leaver.ID, ""), apierr.ErrNotFound)
		})
	})
}

// TestEveryChangeIsAudited runs one change after another and checks that
// each writes exactly one audit event naming the actor, the target and the
// state before and after.
func TestEveryChangeIsAudited(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		staff := env.User(t, "ops@example.com", authz.RoleOperator)
		ctx := env.As(t, staff)
		customer := env.User(t, "kunde@example.com", authz.RoleUser)
		var org, ws uuid.UUID
		steps := []struct {
			name          string
			do            func() error
			target        func() string
			before, after map[string]any // expected keys and values, nil: none
		}{
			{
				name: "create organization",
				do: func() error {
					o, err := env.Orgs.Create(ctx, organization.Values{Name: "Audit GmbH"}, uuid.Nil, "r1")
					if o != nil {
						org = o.ID
					}
					return err
				},
				target: func() string { return ids.Format(ids.Organization, org) },
				after:  map[string]any{"name": "Audit GmbH", "status": "ACTIVE"},
			},
			{
				name: "update organization",
				do: func() error {
					_, err := env.Orgs.Update(ctx, org, organization.Values{Name: "Audit AG", BillingEmail: "a@audit.example"}, []string{"name", "billing_email"}, "r2")
					return err
				},
				target: func() string { return ids.Format(ids.Organization, org) },
				before: map[string]any{"name": "Audit GmbH", "billing_email": ""},
				after:  map[string]any{"name": "Audit AG", "billing_email": "a@audit.example"},
			},
			{
				name: "suspend organization",
				do: func() error {
					_, err := env.Orgs.Update(ctx, org, organization.Values{Status: organization.StatusSuspended}, []string{"status"}, "r3")
					return err
				},
				target: func() string { return ids.Format(ids.Organization, org) },
				before: map[string]any{"status": "ACTIVE"},
				after:  map[string]any{"status": "SUSPENDED"},
			},
			{
				name: "add member",
				do: func() error {
					_, err := env.Orgs.AddMember(ctx, org, &customer.ID, nil, organization.RoleOwner, "r4")
					return err
				},
				target: func() string { return ids.Format(ids.Organization, org) },
				after:  map[string]any{"user_id": ids.Format(ids.User, customer.ID), "role": "OWNER"},
			},
			{
				name: "create workspace",
				do: func() error {
					w, err := env.Orgs.CreateWorkspace(ctx, org, "Produktion", &customer.ID, "r5")
					if w != nil {
						ws = w.ID
					}
					return err
				},
				target: func() string { return ids.Format(ids.Workspace, ws) },
				after:  map[string]any{"name": "Produktion", "admin_user_id": ids.Format(ids.User, customer.ID)},
			},
			{
				name: "update workspace",
				do: func() error {
					_, err := env.Orgs.UpdateWorkspace(ctx, ws, organization.WorkspaceValues{}, []string{"admin_user_id"}, "r6")
					return err
				},
				target: func() string { return ids.Format(ids.Workspace, ws) },
				before: map[string]any{"admin_user_id": ids.Format(ids.User, customer.ID)},
				after:  map[string]any{"admin_user_id": "", "name": "Produktion"},
			},
		}
		for i, s := range steps {
			t.Run(s.name, func(t *testing.T) {
				env.Clock.Advance(time.Minute)
				seq := env.LastSeq(t)
				if err := s.do(); err != nil {
					t.Fatal(err)
				}
				events, want := env.EventsSince(t, seq), 1
				if s.name == "create organization" {
					want = 2 // and the contract made with it
				}
				if len(events) != want {
					t.Fatalf("%d events, want %d", len(events), want)
				}
				e := events[0]
				if e.ActorID == nil || *e.ActorID != staff.ID || e.ActorEmail != staff.Email || e.ActorRole != string(authz.RoleOperator) {
					t.Errorf("actor %v %q %q, want %s", e.ActorID, e.ActorEmail, e.ActorRole, staff.Email)
				}
				if e.TargetID != s.target() || e.Reason != "r"+string(rune('1'+i)) || !e.OccurTime.Equal(env.Clock.Now()) || e.Outcome != audit.Succeeded {
					t.Errorf("event target %s reason %q at %v outcome %s, want %s r%d at %v", e.TargetID, e.Reason, e.OccurTime, e.Outcome, s.target(), i+1, env.Clock.Now())
				}
				checkState(t, "before", e.Before, s.before)
				checkState(t, "after", e.After, s.after)
			})
		}
	})
}

func checkState(t *testing.T, which, got string, want map[string]any) {
	t.Helper()
	if want == nil {
		if got != "" {
			t.Errorf("%s = %s, want none", which, got)
		}
		return
	}
	m := apptest.State(t, got)
	for k, v := range want {
		if m[k] != v {
			t.Errorf("%s[%s] = %v, want %v (all: %s)", which, k, m[k], v, got)
		}
	}
}

// TestResellerSeesOnlyOwnCustomers signs in a reseller's staff member and
// checks they neither see nor change the licensee's customers, and that what
// they create belongs to the reseller.
func TestResellerSeesOnlyOwnCustomers(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		reseller := env.Reseller(t, "Hosting Partner Nord")
		platformStaff := env.User(t, "ops@leitstand.example", authz.RoleOperator)
		resellerStaff := env.User(t, "ops@partner.example", authz.RoleOperator)
		env.JoinReseller(t, reseller, resellerStaff.ID)
		platform, partner := env.As(t, platformStaff), env.As(t, resellerStaff)
		ours := env.Org(t, "Direktkunde")
		customer := env.User(t, "kunde@direkt.example", authz.RoleUser)
		env.Member(t, ours.ID, customer.ID, organization.RoleOwner)
		ourWorkspace, err := env.Orgs.CreateWorkspace(system(t), ours.ID, "Produktion", nil, "")
		if err != nil {
			t.Fatal(err)
		}

		theirs, err := env.Orgs.Create(partner, organization.Values{Name: "Partnerkunde"}, uuid.Nil, "")
		if err != nil {
			t.Fatal(err)
		}
		if theirs.BillingEntityID != reseller || stored(t, env, theirs.ID).BillingEntityID != reseller {
			t.Errorf("organization created by reseller staff belongs to %s, want the reseller %s", theirs.BillingEntityID, reseller)
		}

		list := func(ctx context.Context) []string {
			t.Helper()
			p, err := env.Orgs.List(ctx, organization.ListParams{})
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, o := range p.Items {
				names = append(names, o.Name)
			}
			if p.TotalSize != len(names) {
				t.Errorf("total size %d, but %d organizations listed", p.TotalSize, len(names))
			}
			return names
		}
		if got := list(partner); !slices.Equal(got, []string{"Partnerkunde"}) {
			t.Errorf("reseller staff list %v, want only [Partnerkunde]", got)
		}
		if got := list(platform); !slices.Equal(got, []string{"Direktkunde", "Partnerkunde"}) {
			t.Errorf("platform staff list %v, want every organization", got)
		}
		if got := list(partner); !slices.Equal(got, []string{"Partnerkunde"}) {
			t.Errorf("reseller staff list %v, want only [Partnerkunde]", got)
		}
		if _, err := env.Orgs.Get(partner, theirs.ID); err != nil {
			t.Errorf("reseller staff cannot get their own customer: %v", err)
		}

		seq := env.LastSeq(t)
		refused := []struct {
			name string
			do   func() error
		}{
			{"get", func() error { _, err := env.Orgs.Get(partner, ours.ID); return err }},
			{"update", func() error {
				_, err := env.Orgs.Update(partner, ours.ID, organization.Values{Name: "Übernommen"}, []string{"name"}, "")
				return err
			}},
			{"add workspace", func() error { _, err := env.Orgs.CreateWorkspace(partner, ours.ID, "Fremd", nil, ""); return err }},
			{"list workspaces", func() error { _, _, err := env.Orgs.ListWorkspaces(partner, ours.ID, 10, ""); return err }},
			{"rename workspace", func() error {
				_, err := env.Orgs.UpdateWorkspace(partner, ourWorkspace.ID, organization.WorkspaceValues{Name: "Fremd"}, []string{"name"}, "")
				return err
			}},
			{"add member", func() error {
				_, err := env.Orgs.AddMember(partner, ours.ID, nil, &organization.NewUser{Email: "spion@partner.example"}, organization.RoleOwner, "")
				return err
			}},
			{"remove member", func() error { return env.Orgs.RemoveMember(partner, ours.ID, customer.ID, "") }},
			{"set role", func() error {
				_, err := env.Orgs.SetRole(partner, ours.ID, customer.ID, organization.RoleMember, "")
				return err
			}},
		}
		for _, tt := range refused {
			t.Run(tt.name, func(t *testing.T) {
				apptest.WantErr(t, tt.do(), apierr.ErrNotFound)
			})
		}
		env.NoEventsSince(t, seq)
		if o := stored(t, env, ours.ID); o.Name != "Direktkunde" {
			t.Errorf("the licensee's customer was renamed to %q by reseller staff", o.Name)
		}
		if got, err := env.Orgs.Get(platform, ours.ID); err != nil || got.MemberCount != 1 {
			t.Errorf("the licensee's customer lost its member: %v %+v", err, got)
		}
	})
}

// An organization's e-invoice settings: the format defaults to ZUGFeRD; a
// public authority needs a valid Leitweg-ID as its buyer reference, checked
// whichever of the two fields a mask names, and a refusal changes nothing.
func TestEInvoiceSettings(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		ctx := system(t)
		o := env.Org(t, "Stadtverwaltung Musterhausen")
		if o.EInvoice.Format != organization.EInvoiceZUGFeRD || o.EInvoice.PublicSector {
			t.Fatalf("a new organization's e-invoice settings: %+v", o.EInvoice)
		}
		public := organization.Values{EInvoice: organization.EInvoice{PublicSector: true}}
		_, err := env.Orgs.Update(ctx, o.ID, public, []string{"e_invoice.public_sector"}, "Behörde")
		apptest.WantErr(t, err, apierr.ErrInvalidArgument, "e_invoice.public_sector")
		public.EInvoice.BuyerReference = "04011000-1234512345-07" // a check digit off
		_, err = env.Orgs.Update(ctx, o.ID, public, []string{"e_invoice"}, "Behörde")
		apptest.WantErr(t, err, apierr.ErrInvalidArgument, "e_invoice.buyer_reference", "e_invoice.public_sector")
		if got, _ := env.Orgs.Get(ctx, o.ID); got.Organization.EInvoice.PublicSector || got.Organization.EInvoice.BuyerReference != "" {
			t.Fatalf("a refused change was stored: %+v", got.Organization.EInvoice)
		}
		public.EInvoice = organization.EInvoice{Format: organization.EInvoiceXRechnungUBL, BuyerReference: " 04011000-1234512345-06 ",
			ElectronicAddress: "e-rechnung@musterhausen.example", PublicSector: true}
		got, err := env.Orgs.Update(ctx, o.ID, public, []string{"e_invoice"}, "Behörde")
		if err != nil || got.EInvoice.BuyerReference != "04011000-1234512345-06" || got.EInvoice.Format != organization.EInvoiceXRechnungUBL {
			t.Fatalf("update = %+v %v", got, err)
		}
		// The Leitweg-ID cannot be removed while it is a public authority.
		_, err = env.Orgs.Update(ctx, o.ID, organization.Values{}, []string{"e_invoice.buyer_reference"}, "")
		apptest.WantErr(t, err, apierr.ErrInvalidArgument, "e_invoice.buyer_reference")
	})
}

// The users cap of an organization's terms blocks: at it, no member more
// is added, and nothing changes, until custom terms raise it.
func TestTheUsersCapBlocksNewMembers(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		sys := authz.System(t.Context())
		pilot, err := env.Plans.Create(sys, plan.Values{Name: "Pilot", Rank: 5, Terms: plan.Terms{IncludedUsers: 2, MaxUsers: 2}}, "fixture")
		if err != nil {
			t.Fatal(err)
		}
		o, err := env.Orgs.Create(sys, organization.Values{Name: "Pilotkunde"}, pilot.ID, "fixture")
		if err != nil {
			t.Fatal(err)
		}
		add := func(email string) error {
			_, err := env.Orgs.AddMember(sys, o.ID, nil, &organization.NewUser{Email: email}, organization.RoleMember, "Einladung")
			return err
		}
		for _, e := range []string{"a@pilot.example", "b@pilot.example"} {
			if err := add(e); err != nil {
				t.Fatal(err)
			}
		}
		before := env.Fingerprint(t)
		if err := add("c@pilot.example"); !errors.Is(err, apierr.ErrFailedPrecondition) || !strings.Contains(err.Error(), "as many as its plan allows (2)") {
			t.Fatalf("a third member = %v", err)
		}
		if env.Fingerprint(t) != before {
			t.Error("the refused member changed something")
		}
		three := 3
		if _, err := env.Contracts.SetCustom(sys, o.ID, contract.Custom{MaxUsers: &three}, "Pilot verlängert"); err != nil {
			t.Fatal(err)
		}
		if err := add("c@pilot.example"); err != nil {
			t.Errorf("with the cap raised: %v", err)
		}
	})
}
