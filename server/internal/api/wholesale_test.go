package api_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/leitstand/leitstand/server/internal/apptest"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/testdb"
)

// The wholesale report without months covers the server's current month
// (in the platform's time zone) and says so; one month given is that
// month; a month that is none is refused by field.
func TestWholesaleReportDefaultsToTheServersMonth(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		env, srv := server(t, d)
		env.Clock.Set(time.Date(2026, time.July, 31, 22, 30, 0, 0, time.UTC)) // 1 August in Berlin
		env.ResellerOwner(t, "Nordhost", "owner@nordhost.example")
		owner := env.User(t, "owner@platform.example", authz.RoleOwner)
		hc := apptest.HTTPClient(srv)
		if code, _ := call(t, hc, srv, "/leitstand.admin.v1.AuthService/Login",
			jsonBody(map[string]string{"email": owner.Email, "password": apptest.Password}), nil); code != "" {
			t.Fatalf("sign in: %s", code)
		}
		for _, c := range []struct{ body, start, end string }{
			{`{}`, "2026-08-01", "2026-09-01"},
			{`{"lastMonth":"2026-03"}`, "2026-03-01", "2026-04-01"},
			{`{"firstMonth":"2026-01","lastMonth":"2026-06"}`, "2026-01-01", "2026-07-01"},
		} {
			code, resp := call(t, hc, srv, "/leitstand.admin.v1.BillingEntityService/GetWholesaleReport", c.body, nil)
			if code != "" || resp["periodStart"] != c.start || resp["periodEnd"] != c.end {
				t.Errorf("%s: %q %v, want %s to %s", c.body, code, resp, c.start, c.end)
			}
		}
		code, resp := call(t, hc, srv, "/leitstand.admin.v1.BillingEntityService/GetWholesaleReport", `{"firstMonth":"2026-13"}`, nil)
		if code != "invalid_argument" || !strings.Contains(fmt.Sprint(resp), "first_month") {
			t.Errorf("a month that is none: %q %v", code, resp)
		}
	})
}
