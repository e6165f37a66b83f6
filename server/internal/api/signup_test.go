package api_test

import (
	"testing"

	"github.com/leitstand/leitstand/server/internal/apptest"
	"github.com/leitstand/leitstand/server/internal/catalog"
	"github.com/leitstand/leitstand/server/internal/invoice"
	"github.com/leitstand/leitstand/server/internal/organization"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/platform/testdb"
)

// A customer signs up under a reseller that approves sign-ups by hand:
// the organization waits, its owner signs in and reads that it waits,
// nothing can be booked for it and the billing run passes it by. Rejected,
// the applicant reads why; approved, another starts on a contract. The
// sign-up refuses what it must and is limited per client.
func TestASignUpWaitsForApprovalAndBooksNothing(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		env, srv := server(t, d)
		sys := authz.System(t.Context())
		env.User(t, "owner@platform.example", authz.RoleOwner)
		staff := apptest.HTTPClient(srv)
		if code, _ := call(t, staff, srv, "/leitstand.admin.v1.AuthService/Login",
			jsonBody(map[string]string{"email": "owner@platform.example", "password": apptest.Password}), nil); code != "" {
			t.Fatalf("sign in: %s", code)
		}
		code, resp := call(t, staff, srv, "/leitstand.admin.v1.BillingEntityService/CreateBillingEntity",
			`{"billingEntity":{"name":"Nordlicht Hosting","signupHandle":"nordlicht","acceptSignups":true,"autoApproveSignups":false,
			"capabilities":["BILLING_ENTITY_CAPABILITY_MANAGE_CUSTOMERS"]},"reason":"contract signed"}`, nil)
		if code != "" {
			t.Fatalf("create reseller: %s %v", code, resp)
		}

		anon := apptest.HTTPClient(srv)
		signUp := func(org, email, password, handle string) (string, map[string]any) {
			return call(t, anon, srv, "/leitstand.portal.v1.SignUpService/SignUp", jsonBody(map[string]string{
				"billingEntityHandle": handle, "organizationName": org, "displayName": "Kira Jensen", "email": email, "password": password}), nil)
		}
		code, resp = signUp("Deichgraf Webdesign", "kira@deichgraf.example", "Deich-und-Marsch-2026", "nordlicht")
		if code != "" || resp["status"] != "ORGANIZATION_STATUS_PENDING_APPROVAL" {
			t.Fatalf("sign-up: %s %v", code, resp)
		}
		pendingID, _ := resp["organizationId"].(string)
		before := env.Fingerprint(t)
		for _, c := range []struct{ org, email, password, handle, want string }{
			{"Schwach GmbH", "weak@example.com", "passwordpassword", "nordlicht", "invalid_argument"},
			{"Doppelt GmbH", "kira@deichgraf.example", "Deich-und-Marsch-2026", "nordlicht", "already_exists"},
			{"Niemand GmbH", "nobody@example.com", "Deich-und-Marsch-2026", "gibtsnicht", "not_found"},
		} {
			if code, resp := signUp(c.org, c.email, c.password, c.handle); code != c.want {
				t.Errorf("sign-up of %s: %q %v, want %s", c.org, code, resp, c.want)
			}
		}
		if env.Fingerprint(t) != before {
			t.Error("a refused sign-up changed something")
		}

		// The applicant signs in and reads that the organization waits.
		applicant := apptest.HTTPClient(srv)
		if code, _ := call(t, applicant, srv, "/leitstand.admin.v1.AuthService/Login",
			jsonBody(map[string]string{"email": "kira@deichgraf.example", "password": "Deich-und-Marsch-2026"}), nil); code != "" {
			t.Fatalf("the applicant signs in: %s", code)
		}
		me := func() map[string]any {
			code, resp := call(t, applicant, srv, "/leitstand.portal.v1.AccountService/GetMe", `{}`, nil)
			orgs, _ := resp["organizations"].([]any)
			if code != "" || len(orgs) != 1 {
				t.Fatalf("GetMe: %s %v", code, resp)
			}
			return orgs[0].(map[string]any)
		}
		if o := me(); o["status"] != "ORGANIZATION_STATUS_PENDING_APPROVAL" || o["role"] != "ORGANIZATION_ROLE_OWNER" {
			t.Errorf("the applicant reads %v", o)
		}

		// Nothing is booked for it, and the billing run passes it by.
		pending, err := ids.Parse(ids.Organization, "id", pendingID)
		if err != nil {
			t.Fatal(err)
		}
		ws, err := env.Orgs.CreateWorkspace(sys, pending, "Produktion", nil, "fixture")
		if err != nil {
			t.Fatal(err)
		}
		item, err := env.Catalog.Create(sys, catalog.Values{Name: "Nextcloud S", Category: catalog.CategoryS, MonthlyPriceCents: 2900, Bookable: true}, "fixture")
		if err != nil {
			t.Fatal(err)
		}
		code, resp = call(t, staff, srv, "/leitstand.admin.v1.ServiceInstanceService/BookService",
			`{"catalogItemId":"`+ids.Format(ids.CatalogItem, item.ID)+`","workspaceId":"`+ids.Format(ids.Workspace, ws.ID)+`"}`, nil)
		if code != "failed_precondition" {
			t.Errorf("booking for a pending organization: %q %v, want failed_precondition", code, resp)
		}
		if _, err := env.Invoices.Run(sys); err != nil {
			t.Fatal(err)
		}
		if page, err := env.Invoices.List(sys, invoice.Filter{Organization: &pending}); err != nil || len(page.Invoices) != 0 {
			t.Errorf("the pending organization was billed: %+v %v", page, err)
		}

		// Rejected, the applicant reads why.
		code, resp = call(t, staff, srv, "/leitstand.admin.v1.SignUpService/ListSignUps", `{"state":"SIGN_UP_STATE_PENDING"}`, nil)
		if list, _ := resp["signUps"].([]any); code != "" || len(list) != 1 || list[0].(map[string]any)["applicantEmail"] != "kira@deichgraf.example" {
			t.Errorf("the queue: %s %v", code, resp)
		}
		code, resp = call(t, staff, srv, "/leitstand.admin.v1.SignUpService/RejectSignUp",
			`{"organizationId":"`+pendingID+`","reason":"Wir nehmen keine Agenturen an."}`, nil)
		if code != "" || resp["signUp"].(map[string]any)["state"] != "SIGN_UP_STATE_REJECTED" {
			t.Fatalf("reject: %s %v", code, resp)
		}
		if o := me(); o["status"] != "ORGANIZATION_STATUS_CLOSED" || o["rejectionReason"] != "Wir nehmen keine Agenturen an." {
			t.Errorf("after the rejection the applicant reads %v", o)
		}
		if code, _ := call(t, staff, srv, "/leitstand.admin.v1.SignUpService/ApproveSignUp", `{"organizationId":"`+pendingID+`"}`, nil); code != "failed_precondition" {
			t.Errorf("approving a rejected sign-up: %q", code)
		}

		// Approved, an organization starts on its contract.
		code, resp = signUp("Marschland IT", "jan@marschland.example", "Marsch-und-Deich-2026", "nordlicht")
		if code != "" {
			t.Fatalf("second sign-up: %s %v", code, resp)
		}
		second := resp["organizationId"].(string)
		code, resp = call(t, staff, srv, "/leitstand.admin.v1.SignUpService/ApproveSignUp", `{"organizationId":"`+second+`"}`, nil)
		if code != "" || resp["signUp"].(map[string]any)["state"] != "SIGN_UP_STATE_APPROVED" {
			t.Fatalf("approve: %s %v", code, resp)
		}
		secondID, _ := ids.Parse(ids.Organization, "id", second)
		if active, _, err := env.Contracts.Get(sys, secondID); err != nil || active == nil {
			t.Errorf("the approved organization has no contract: %v", err)
		}
		if got, err := env.Orgs.Get(sys, secondID); err != nil || got.Status != organization.StatusActive {
			t.Errorf("the approved organization: %+v %v", got, err)
		}

		// Five sign-ups an hour from one client; the sixth is refused.
		if code, _ := signUp("Sechs GmbH", "six@example.com", "Deich-und-Marsch-2026", "nordlicht"); code != "resource_exhausted" {
			t.Errorf("the sixth sign-up from one client: %q, want resource_exhausted", code)
		}
	})
}
