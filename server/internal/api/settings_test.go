package api_test

import (
	"testing"

	"connectrpc.com/connect"
	"google.golang.org/protobuf/types/known/fieldmaskpb"

	adminv1 "github.com/leitstand/leitstand/gen/go/leitstand/admin/v1"
	"github.com/leitstand/leitstand/gen/go/leitstand/admin/v1/adminv1connect"
	"github.com/leitstand/leitstand/server/internal/apptest"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/testdb"
)

func TestSettingsOverTheAPI(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		env, srv := server(t, d)
		hc := apptest.HTTPClient(srv)
		env.SignIn(t, hc, srv.URL, "owner@example.com", authz.RoleOwner)
		ctx := t.Context()
		for name, c := range map[string]adminv1connect.SettingsServiceClient{
			"connect": adminv1connect.NewSettingsServiceClient(hc, srv.URL),
			"grpc":    adminv1connect.NewSettingsServiceClient(hc, srv.URL, connect.WithGRPC()),
		} {
			t.Run(name, func(t *testing.T) {
				update := func(s *adminv1.Settings, paths ...string) (*adminv1.UpdateSettingsResponse, error) {
					res, err := c.UpdateSettings(ctx, connect.NewRequest(&adminv1.UpdateSettingsRequest{
						Settings: s, UpdateMask: &fieldmaskpb.FieldMask{Paths: paths}, Reason: "bank change"}))
					if err != nil {
						return nil, err
					}
					return res.Msg, nil
				}
				// A mistyped IBAN is refused at its field; nothing changes.
				_, err := update(&adminv1.Settings{Bank: &adminv1.BankSettings{Iban: "DE89 3704 0044 0532 0130 01"}}, "bank.iban")
				if connect.CodeOf(err) != connect.CodeInvalidArgument || fieldsOf(err)["settings.bank.iban"] != "iban.valid" {
					t.Fatalf("bad IBAN = %v (fields %v)", err, fieldsOf(err))
				}
				// So is a contact address that is none (protovalidate).
				_, err = update(&adminv1.Settings{Company: &adminv1.CompanySettings{Email: "rechnung"}}, "company.email")
				if _, ok := fieldsOf(err)["settings.company.email"]; connect.CodeOf(err) != connect.CodeInvalidArgument || !ok {
					t.Fatalf("bad e-mail = %v (fields %v)", err, fieldsOf(err))
				}
				got, err := update(&adminv1.Settings{
					Bank: &adminv1.BankSettings{Iban: "DE89 3704 0044 0532 0130 00", AccountHolder: "Leitstand Hosting GmbH"},
					// Typed as printed on a letterhead, longer than the stored form.
					Tax: &adminv1.TaxSettings{VatId: "de - 136 . 695 . 976 "},
				}, "bank.iban", "bank.account_holder", "tax.vat_id")
				if err != nil {
					t.Fatal(err)
				}
				if got.GetSettings().GetBank().GetIban() != "DE89370400440532013000" || got.GetSettings().GetUpdateTime() == nil {
					t.Errorf("saved = %v", got.GetSettings())
				}
				res, err := c.GetSettings(ctx, connect.NewRequest(&adminv1.GetSettingsRequest{}))
				if err != nil {
					t.Fatal(err)
				}
				if res.Msg.GetSettings().GetTax().GetVatId() != "DE136695976" || res.Msg.GetSettings().GetTax().GetVatRateBasisPoints() != 1900 {
					t.Errorf("read back = %v", res.Msg.GetSettings())
				}
				for _, m := range res.Msg.GetMissingForInvoices() {
					if m == "bank.iban" || m == "tax.tax_number" {
						t.Errorf("%s still reported missing", m)
					}
				}
			})
		}
	})
}
