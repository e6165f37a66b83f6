package api_test

import (
	"strings"
	"testing"

	"connectrpc.com/connect"

	adminv1 "github.com/leitstand/leitstand/gen/go/leitstand/admin/v1"
	"github.com/leitstand/leitstand/gen/go/leitstand/admin/v1/adminv1connect"
	"github.com/leitstand/leitstand/server/internal/apptest"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/platform/testdb"
)

// An owner sets, lists, reveals and deletes a service's credentials; bad
// input is refused at its field with nothing changed; an operator may not
// reveal until an owner grants it; the value is in no list answer and no
// audit event. Over Connect and over gRPC.
func TestServiceCredentialsOverTheAPI(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		env, srv := server(t, d)
		ctx := t.Context()
		sys := authz.System(ctx)
		ownerHC, operatorHC := apptest.HTTPClient(srv), apptest.HTTPClient(srv)
		owner := env.SignIn(t, ownerHC, srv.URL, "owner@example.com", authz.RoleOwner)
		operator := env.SignIn(t, operatorHC, srv.URL, "operator@example.com", authz.RoleOperator)
		org := env.Org(t, "Nordlicht Medien")
		ws, err := env.Orgs.CreateWorkspace(sys, org.ID, "Marketing", nil, "")
		if err != nil {
			t.Fatal(err)
		}
		_, svcID := env.BookedService(t, ws.ID, "Nextcloud M")
		svc := ids.Format(ids.Service, svcID)
		granted := false
		for name, opts := range map[string][]connect.ClientOption{"connect": nil, "grpc": {connect.WithGRPC()}} {
			t.Run(name, func(t *testing.T) {
				c := adminv1connect.NewServiceInstanceServiceClient(ownerHC, srv.URL, opts...)
				op := adminv1connect.NewServiceInstanceServiceClient(operatorHC, srv.URL, opts...)
				secret, replaced := "Tr0ub4dor&3-"+name, "correct horse battery staple "+name
				credName := "admin login " + name
				seq := env.LastSeq(t)

				// Bad input: refused at its field, nothing changed.
				before := env.Fingerprint(t)
				for _, bad := range []struct {
					field string
					req   *adminv1.SetServiceCredentialRequest
				}{
					{"name", &adminv1.SetServiceCredentialRequest{ServiceInstanceId: svc, Name: "", Value: secret}},
					{"name", &adminv1.SetServiceCredentialRequest{ServiceInstanceId: svc, Name: "   ", Value: secret}},
					{"name", &adminv1.SetServiceCredentialRequest{ServiceInstanceId: svc, Name: strings.Repeat("n", 101), Value: secret}},
					{"value", &adminv1.SetServiceCredentialRequest{ServiceInstanceId: svc, Name: credName, Value: ""}},
					{"service_instance_id", &adminv1.SetServiceCredentialRequest{ServiceInstanceId: "srv_01kaj5m8d0e6xv1ks8wq6a5j0p", Name: credName, Value: secret}},
				} {
					_, err := c.SetServiceCredential(ctx, connect.NewRequest(bad.req))
					if connect.CodeOf(err) != connect.CodeInvalidArgument || fieldsOf(err)[bad.field] == "" {
						t.Errorf("set %+v = %v (fields %v), want refused at %s", bad.req, err, fieldsOf(err), bad.field)
					}
				}
				if env.Fingerprint(t) != before {
					t.Error("refused input changed something")
				}

				// Set, then replace under the same name.
				set, err := c.SetServiceCredential(ctx, connect.NewRequest(&adminv1.SetServiceCredentialRequest{ServiceInstanceId: svc, Name: " " + credName + " ", Value: secret}))
				if err != nil {
					t.Fatal(err)
				}
				if got := set.Msg.GetServiceCredential(); got.GetName() != credName || got.GetUpdatedByEmail() != owner.Email || got.GetServiceInstanceId() != svc {
					t.Errorf("set = %v", got)
				}
				if _, err := c.SetServiceCredential(ctx, connect.NewRequest(&adminv1.SetServiceCredentialRequest{ServiceInstanceId: svc, Name: credName, Value: replaced})); err != nil {
					t.Fatal(err)
				}
				list, err := op.ListServiceCredentials(ctx, connect.NewRequest(&adminv1.ListServiceCredentialsRequest{ServiceInstanceId: svc}))
				if err != nil {
					t.Fatal(err)
				}
				n := 0
				for _, cr := range list.Msg.GetServiceCredentials() {
					if cr.GetName() == credName {
						n++
					}
				}
				if n != 1 || strings.Contains(list.Msg.String(), secret) || strings.Contains(list.Msg.String(), replaced) {
					t.Errorf("list = %v, want %q once and no value", list.Msg, credName)
				}

				// Revealing needs a reason, at its field.
				_, err = c.RevealServiceCredential(ctx, connect.NewRequest(&adminv1.RevealServiceCredentialRequest{ServiceInstanceId: svc, Name: credName}))
				if connect.CodeOf(err) != connect.CodeInvalidArgument || fieldsOf(err)["reason"] == "" {
					t.Errorf("reveal without a reason = %v (fields %v)", err, fieldsOf(err))
				}
				_, err = c.RevealServiceCredential(ctx, connect.NewRequest(&adminv1.RevealServiceCredentialRequest{ServiceInstanceId: svc, Name: credName, Reason: "   "}))
				if connect.CodeOf(err) != connect.CodeInvalidArgument || fieldsOf(err)["reason"] == "" {
					t.Errorf("reveal with a blank reason = %v (fields %v)", err, fieldsOf(err))
				}
				revealed, err := c.RevealServiceCredential(ctx, connect.NewRequest(&adminv1.RevealServiceCredentialRequest{ServiceInstanceId: svc, Name: credName, Reason: "customer lost the password"}))
				if err != nil || revealed.Msg.GetValue() != replaced {
					t.Errorf("reveal = %v %v, want the replaced value", revealed, err)
				}

				// An operator may not reveal, until an owner grants it.
				reveal := connect.NewRequest(&adminv1.RevealServiceCredentialRequest{ServiceInstanceId: svc, Name: credName, Reason: "migration"})
				if !granted {
					if _, err := op.RevealServiceCredential(ctx, reveal); connect.CodeOf(err) != connect.CodePermissionDenied {
						t.Errorf("an operator's reveal = %v, want PermissionDenied", err)
					}
					if _, err := env.Members.Grant(env.As(t, owner), operator.ID, "SERVICES_REVEAL_CREDENTIALS", "runs the migration"); err != nil {
						t.Fatal(err)
					}
					granted = true
				}
				if got, err := op.RevealServiceCredential(ctx, reveal); err != nil || got.Msg.GetValue() != replaced {
					t.Errorf("a granted operator's reveal = %v %v", got, err)
				}

				// Each reveal is in the internal logbook.
				log, err := c.ListLogbookEntries(ctx, connect.NewRequest(&adminv1.ListLogbookEntriesRequest{ServiceInstanceId: svc,
					Visibility: adminv1.LogbookVisibility_LOGBOOK_VISIBILITY_INTERNAL}))
				if err != nil {
					t.Fatal(err)
				}
				var reveals []string
				for _, e := range log.Msg.GetLogbookEntries() {
					if e.GetCode() == "credential-revealed" && e.GetParams()["name"] == credName {
						reveals = append(reveals, e.GetParams()["by"]+": "+e.GetParams()["reason"])
					}
				}
				if len(reveals) != 2 || reveals[0] != operator.Email+": migration" || reveals[1] != owner.Email+": customer lost the password" {
					t.Errorf("reveals in the logbook = %q", reveals)
				}

				// Delete; then it is gone.
				if _, err := c.DeleteServiceCredential(ctx, connect.NewRequest(&adminv1.DeleteServiceCredentialRequest{ServiceInstanceId: svc, Name: credName})); err != nil {
					t.Fatal(err)
				}
				if _, err := c.RevealServiceCredential(ctx, connect.NewRequest(&adminv1.RevealServiceCredentialRequest{ServiceInstanceId: svc, Name: credName, Reason: "again"})); connect.CodeOf(err) != connect.CodeNotFound {
					t.Errorf("reveal of a deleted credential = %v, want NotFound", err)
				}
				if _, err := c.DeleteServiceCredential(ctx, connect.NewRequest(&adminv1.DeleteServiceCredentialRequest{ServiceInstanceId: svc, Name: credName})); connect.CodeOf(err) != connect.CodeNotFound {
					t.Errorf("second delete = %v, want NotFound", err)
				}

				// The audit trail names the credential, never its value.
				actions := map[string]int{}
				for _, e := range env.EventsSince(t, seq) {
					for _, text := range []string{e.Before, e.After, e.Reason} {
						if strings.Contains(text, secret) || strings.Contains(text, replaced) {
							t.Errorf("audit event %s holds the value: %q", e.Action, text)
						}
					}
					if e.TargetID == svc && strings.Contains(e.Before+e.After, credName) {
						actions[e.Action[strings.LastIndex(e.Action, "/")+1:]]++
					}
				}
				if actions["SetServiceCredential"] != 2 || actions["RevealServiceCredential"] != 2 || actions["DeleteServiceCredential"] != 1 {
					t.Errorf("audited = %v", actions)
				}
			})
		}
	})
}
