package api_test

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"image"
	"image/jpeg"
	"io"
	"net/http"
	"strings"
	"testing"

	"connectrpc.com/connect"
	"google.golang.org/protobuf/types/known/fieldmaskpb"

	adminv1 "github.com/leitstand/leitstand/gen/go/leitstand/admin/v1"
	"github.com/leitstand/leitstand/gen/go/leitstand/admin/v1/adminv1connect"
	"github.com/leitstand/leitstand/server/internal/apptest"
	"github.com/leitstand/leitstand/server/internal/demo"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/smtptest"
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

func TestSMTPSettingsAndTheTestMailOverTheAPI(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		env, srv := server(t, d)
		hc := apptest.HTTPClient(srv)
		env.SignIn(t, hc, srv.URL, "owner@example.com", authz.RoleOwner)
		ctx := t.Context()
		relay := smtptest.Start(t, smtptest.Options{})
		for name, c := range map[string]adminv1connect.SettingsServiceClient{
			"connect": adminv1connect.NewSettingsServiceClient(hc, srv.URL),
			"grpc":    adminv1connect.NewSettingsServiceClient(hc, srv.URL, connect.WithGRPC()),
		} {
			t.Run(name, func(t *testing.T) {
				update := func(s *adminv1.SmtpSettings, paths ...string) (*adminv1.UpdateSettingsResponse, error) {
					res, err := c.UpdateSettings(ctx, connect.NewRequest(&adminv1.UpdateSettingsRequest{
						Settings: &adminv1.Settings{Smtp: s}, UpdateMask: &fieldmaskpb.FieldMask{Paths: paths}}))
					if err != nil {
						return nil, err
					}
					return res.Msg, nil
				}
				// A relay without a login, and a password that must not
				// come back.
				got, err := update(&adminv1.SmtpSettings{
					Host: "127.0.0.1", Port: int32(relay.Port), Security: adminv1.SmtpSecurity_SMTP_SECURITY_STARTTLS,
					Username: "mailer", Password: "streng-geheim", FromAddress: "rechnung@leitstand.example", FromName: "Leitstand",
				}, "smtp")
				if err != nil {
					t.Fatal(err)
				}
				if got.GetSettings().GetSmtp().GetPassword() != "" || !got.GetSettings().GetSmtp().GetPasswordSet() {
					t.Errorf("update answered %v", got.GetSettings().GetSmtp())
				}
				if _, err := update(&adminv1.SmtpSettings{Security: adminv1.SmtpSecurity_SMTP_SECURITY_NONE}, "smtp.security", "smtp.username"); err != nil {
					t.Fatal(err)
				}
				res, err := c.GetSettings(ctx, connect.NewRequest(&adminv1.GetSettingsRequest{}))
				if err != nil {
					t.Fatal(err)
				}
				s := res.Msg.GetSettings().GetSmtp()
				if s.GetPassword() != "" || !s.GetPasswordSet() || s.GetHost() != "127.0.0.1" || s.GetSecurity() != adminv1.SmtpSecurity_SMTP_SECURITY_NONE {
					t.Errorf("read back %v", s)
				}
				for _, m := range res.Msg.GetMissingForInvoices() {
					if strings.HasPrefix(m, "smtp") {
						t.Errorf("invoices do not need %s", m)
					}
				}
				// A malformed sender is refused by protovalidate at its field.
				_, err = update(&adminv1.SmtpSettings{FromAddress: "rechnung"}, "smtp.from_address")
				if _, ok := fieldsOf(err)["settings.smtp.from_address"]; connect.CodeOf(err) != connect.CodeInvalidArgument || !ok {
					t.Errorf("bad sender = %v (fields %v)", err, fieldsOf(err))
				}

				before := len(relay.Messages())
				sent, err := c.SendTestMail(ctx, connect.NewRequest(&adminv1.SendTestMailRequest{To: "ops@example.com"}))
				if err != nil {
					t.Fatal(err)
				}
				if !sent.Msg.GetDelivered() || !strings.HasPrefix(sent.Msg.GetAnswer(), "250 ") {
					t.Errorf("test mail = %v", sent.Msg)
				}
				if msgs := relay.Messages(); len(msgs) != before+1 || msgs[len(msgs)-1].To[0] != "ops@example.com" ||
					!strings.Contains(string(msgs[len(msgs)-1].Data), "Subject: Test-E-Mail von Leitstand") {
					t.Errorf("relay received %d messages", len(msgs)-before)
				}
				// A refusal is the answer, not an error of the call.
				relay.Refuse(550, "no such user here")
				defer relay.Refuse(0, "")
				sent, err = c.SendTestMail(ctx, connect.NewRequest(&adminv1.SendTestMailRequest{To: "nobody@example.com"}))
				if err != nil {
					t.Fatal(err)
				}
				if sent.Msg.GetDelivered() || sent.Msg.GetTemporary() || !strings.Contains(sent.Msg.GetAnswer(), "550 5.1.1 no such user here") {
					t.Errorf("refused test mail = %v", sent.Msg)
				}
				_, err = c.SendTestMail(ctx, connect.NewRequest(&adminv1.SendTestMailRequest{To: "not an address"}))
				if connect.CodeOf(err) != connect.CodeInvalidArgument {
					t.Errorf("test mail to no address = %v", err)
				}
			})
		}
		// The password is in no audit event; each test mail is in one.
		testMails := 0
		for _, e := range env.EventsOf(t, "settings") {
			if strings.Contains(e.Before+e.After, "streng-geheim") {
				t.Errorf("audit event holds the password: %s", e.After)
			}
			if strings.Contains(e.After, `"test_mail"`) {
				testMails++
			}
		}
		if testMails != 4 {
			t.Errorf("%d test mails audited, want 4", testMails)
		}
	})
}

func TestTheTestMailNeedsSavedSMTPSettings(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		env, srv := server(t, d)
		hc := apptest.HTTPClient(srv)
		env.SignIn(t, hc, srv.URL, "owner@example.com", authz.RoleOwner)
		c := adminv1connect.NewSettingsServiceClient(hc, srv.URL)
		_, err := c.SendTestMail(t.Context(), connect.NewRequest(&adminv1.SendTestMailRequest{To: "ops@example.com"}))
		if connect.CodeOf(err) != connect.CodeFailedPrecondition {
			t.Errorf("test mail without settings = %v", err)
		}
	})
}

// An owner uploads the issuer's logo, sees it in the settings and served
// for good, replaces it with a JPEG and removes it; bad input is refused at
// its field and changes nothing. Over Connect and over gRPC.
func TestTheLogoOverTheAPI(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		env, srv := server(t, d)
		hc := apptest.HTTPClient(srv)
		env.SignIn(t, hc, srv.URL, "owner@example.com", authz.RoleOwner)
		ctx := t.Context()
		pngLogo := demo.Logo()
		var jpegLogo bytes.Buffer
		if err := jpeg.Encode(&jpegLogo, image.NewGray(image.Rect(0, 0, 90, 30)), nil); err != nil {
			t.Fatal(err)
		}
		for name, c := range map[string]adminv1connect.SettingsServiceClient{
			"connect": adminv1connect.NewSettingsServiceClient(hc, srv.URL),
			"grpc":    adminv1connect.NewSettingsServiceClient(hc, srv.URL, connect.WithGRPC()),
		} {
			t.Run(name, func(t *testing.T) {
				up, err := c.UploadLogo(ctx, connect.NewRequest(&adminv1.UploadLogoRequest{
					Content: pngLogo, ContentType: "image/png", Reason: "letterhead"}))
				if err != nil {
					t.Fatal(err)
				}
				logo := up.Msg.GetSettings().GetLogo()
				if logo.GetName() != fmt.Sprintf("%x.png", sha256.Sum256(pngLogo)) || logo.GetUrl() != "/files/logos/"+logo.GetName() {
					t.Errorf("logo = %v", logo)
				}
				got, err := c.GetSettings(ctx, connect.NewRequest(&adminv1.GetSettingsRequest{}))
				if err != nil || got.Msg.GetSettings().GetLogo().GetUrl() != logo.GetUrl() {
					t.Errorf("read back the logo %v (%v)", got.Msg.GetSettings().GetLogo(), err)
				}
				res, err := hc.Get(srv.URL + logo.GetUrl())
				if err != nil {
					t.Fatal(err)
				}
				body, _ := io.ReadAll(res.Body)
				res.Body.Close()
				if res.StatusCode != http.StatusOK || !bytes.Equal(body, pngLogo) || res.Header.Get("Content-Type") != "image/png" ||
					res.Header.Get("Cache-Control") != "public, max-age=31536000, immutable" {
					t.Errorf("served logo = %d %v", res.StatusCode, res.Header)
				}

				// Bad input: refused at its field, nothing changed.
				events := len(env.EventsOf(t, "settings"))
				for _, bad := range []struct {
					name        string
					req         *adminv1.UploadLogoRequest
					field, rule string
				}{
					{"GIF", &adminv1.UploadLogoRequest{Content: []byte("GIF89a\x01\x00\x01\x00"), ContentType: "image/gif"}, "content_type", "string.in"},
					{"text", &adminv1.UploadLogoRequest{Content: []byte("Leitstand"), ContentType: "image/png"}, "content", "content.image"},
					{"too large", &adminv1.UploadLogoRequest{Content: make([]byte, 512<<10+1), ContentType: "image/png"}, "content", "bytes.max_len"},
				} {
					_, err := c.UploadLogo(ctx, connect.NewRequest(bad.req))
					if connect.CodeOf(err) != connect.CodeInvalidArgument || fieldsOf(err)[bad.field] != bad.rule {
						t.Errorf("%s = %v (fields %v), want %s at %s", bad.name, err, fieldsOf(err), bad.rule, bad.field)
					}
				}
				got, err = c.GetSettings(ctx, connect.NewRequest(&adminv1.GetSettingsRequest{}))
				if err != nil || got.Msg.GetSettings().GetLogo().GetName() != logo.GetName() || len(env.EventsOf(t, "settings")) != events {
					t.Errorf("after refused uploads: logo %v (%v)", got.Msg.GetSettings().GetLogo(), err)
				}

				up, err = c.UploadLogo(ctx, connect.NewRequest(&adminv1.UploadLogoRequest{
					Content: jpegLogo.Bytes(), ContentType: "image/jpeg", Reason: "new letterhead"}))
				if err != nil {
					t.Fatal(err)
				}
				if u := up.Msg.GetSettings().GetLogo().GetUrl(); !strings.HasSuffix(u, ".jpg") {
					t.Errorf("JPEG logo served at %q", u)
				} else if res, err := hc.Get(srv.URL + u); err != nil || res.StatusCode != http.StatusOK || res.Header.Get("Content-Type") != "image/jpeg" {
					t.Errorf("served JPEG logo = %v %v", res, err)
				} else {
					res.Body.Close()
				}

				rm, err := c.RemoveLogo(ctx, connect.NewRequest(&adminv1.RemoveLogoRequest{Reason: "no logo"}))
				if err != nil || rm.Msg.GetSettings().GetLogo() != nil {
					t.Errorf("remove = %v %v", rm, err)
				}
			})
		}
	})
}

// A reseller's mail server is never on the platform's own network: a
// reseller whose SMTP host is loopback (or a name pointing there) sends
// nothing, and the test mail says why instead of what a service inside
// answered.
func TestAResellersMailServerIsNotOnThePlatformsNetwork(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		env, srv := server(t, d)
		relay := smtptest.Start(t, smtptest.Options{})
		hc := apptest.HTTPClient(srv)
		env.ResellerOwner(t, "Partner Nord", "boss@partner.example")
		if code, _ := call(t, hc, srv, "/leitstand.admin.v1.AuthService/Login",
			jsonBody(map[string]string{"email": "boss@partner.example", "password": apptest.Password}), nil); code != "" {
			t.Fatalf("sign in: %s", code)
		}
		for _, host := range []string{"127.0.0.1", "localhost", "169.254.169.254"} {
			code, resp := call(t, hc, srv, "/leitstand.admin.v1.SettingsService/UpdateSettings", jsonBody(map[string]any{
				"settings": map[string]any{"smtp": map[string]any{"host": host, "port": relay.Port, "security": "SMTP_SECURITY_NONE",
					"fromAddress": "rechnung@partner.example"}},
				"updateMask": "smtp.host,smtp.port,smtp.security,smtp.fromAddress"}), nil)
			if code != "" {
				t.Fatalf("save %s: %s %v", host, code, resp)
			}
			code, resp = call(t, hc, srv, "/leitstand.admin.v1.SettingsService/SendTestMail", `{"to":"kunde@example.com"}`, nil)
			answer, _ := resp["answer"].(string)
			if code != "" || resp["delivered"] == true || !strings.Contains(answer, "resellers' mail servers") {
				t.Errorf("test mail through %s: %q %v, want a refusal naming the rule", host, code, resp)
			}
		}
		if n := len(relay.Messages()); n != 0 {
			t.Errorf("the relay on loopback received %d messages from a reseller", n)
		}
	})
}
