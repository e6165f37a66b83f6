package settings_test

import (
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/internal/apptest"
	"github.com/leitstand/leitstand/server/internal/billing/mail"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/smtptest"
	"github.com/leitstand/leitstand/server/internal/platform/tenancy"
	"github.com/leitstand/leitstand/server/internal/platform/testdb"
	"github.com/leitstand/leitstand/server/internal/settings"
)

func TestMain(m *testing.M) { testdb.Main(m) }

// complete are settings from which invoices can be issued.
var complete = settings.Settings{
	Company: settings.Company{
		Name: "Leitstand Hosting GmbH", LegalForm: "GmbH",
		Address:       settings.Address{Line1: "Leopoldstraße 1", PostalCode: "80802", City: "München", CountryCode: "de"},
		RegisterCourt: "Amtsgericht München", RegisterNumber: "HRB 123456",
		ManagingDirectors: []string{" Anna Berger ", ""}, Email: "rechnung@leitstand.example",
	},
	Tax:     settings.Tax{VATRateBasisPoints: 1900, TaxNumber: "143/123/45678", VATID: "de 136 695 976"},
	Bank:    settings.Bank{AccountHolder: "Leitstand Hosting GmbH", IBAN: "de89 3704 0044 0532 0130 00", BIC: "cobadeffxxx", BankName: "Commerzbank"},
	Invoice: settings.Invoice{NumberPrefix: "LS-", PaymentTermsDays: 30},
}

func TestDefaultsUntilSavedThenEverythingAnInvoiceNeeds(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		owner := env.AsRole(t, "owner@example.com", authz.RoleOwner)
		s, row, err := env.Settings.Get(owner)
		if err != nil || row != nil {
			t.Fatalf("Get on a new platform = %v, %v", row, err)
		}
		if s.Tax.VATRateBasisPoints != 1900 || s.Invoice.PaymentTermsDays != 14 || s.Invoice.NumberPrefix != "RE-" {
			t.Errorf("defaults = %+v", s)
		}
		want := []string{"company.name", "company.address.line1", "company.address.postal_code", "company.address.city",
			"company.address.country_code", "tax.tax_number", "bank.account_holder", "bank.iban"}
		if got := s.MissingForInvoices(); !slices.Equal(got, want) {
			t.Errorf("missing = %v, want %v", got, want)
		}

		saved, _, err := env.Settings.Update(owner, complete, []string{"company", "tax", "bank", "invoice"}, "first setup")
		if err != nil {
			t.Fatal(err)
		}
		if m := saved.MissingForInvoices(); len(m) != 0 {
			t.Errorf("complete settings still miss %v", m)
		}
		// Stored normalised: IBAN without spaces, codes upper-cased, names trimmed.
		got, row, err := env.Settings.Get(owner)
		if err != nil || row == nil {
			t.Fatal(err)
		}
		if got.Bank.IBAN != "DE89370400440532013000" || got.Bank.BIC != "COBADEFFXXX" || got.Tax.VATID != "DE136695976" ||
			got.Company.Address.CountryCode != "DE" || !slices.Equal(got.Company.ManagingDirectors, []string{"Anna Berger"}) {
			t.Errorf("stored = %+v", got)
		}

		// One field changes; the rest stays.
		if _, _, err := env.Settings.Update(owner, settings.Settings{Bank: settings.Bank{IBAN: "AT611904300234573201"}}, []string{"bank.iban"}, ""); err != nil {
			t.Fatal(err)
		}
		got, _, _ = env.Settings.Get(owner)
		if got.Bank.IBAN != "AT611904300234573201" || got.Bank.BIC != "COBADEFFXXX" || got.Company.Name != "Leitstand Hosting GmbH" {
			t.Errorf("after changing the IBAN: %+v", got)
		}
		// A GmbH must name its register and directors on invoices.
		if _, _, err := env.Settings.Update(owner, settings.Settings{}, []string{"company.register_number", "company.managing_directors"}, ""); err != nil {
			t.Fatal(err)
		}
		got, _, _ = env.Settings.Get(owner)
		if m := got.MissingForInvoices(); !slices.Equal(m, []string{"company.register_number", "company.managing_directors"}) {
			t.Errorf("missing = %v", m)
		}

		ev := env.EventsOf(t, "settings")
		if len(ev) != 3 || ev[0].Reason != "first setup" {
			t.Fatalf("audit events = %d", len(ev))
		}
		var after settings.Settings
		if err := json.Unmarshal([]byte(ev[1].After), &after); err != nil || after.Bank.IBAN != "AT611904300234573201" {
			t.Errorf("audited after = %s", ev[1].After)
		}
	})
}

func TestBadSettingsAreRefusedAtTheirFieldsAndChangeNothing(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		owner := env.AsRole(t, "owner@example.com", authz.RoleOwner)
		if _, _, err := env.Settings.Update(owner, complete, []string{"company", "tax", "bank", "invoice"}, ""); err != nil {
			t.Fatal(err)
		}
		tests := []struct {
			name   string
			values settings.Settings
			paths  []string
			fields []string // violations expected, nil for another error
		}{
			{"IBAN with a mistyped digit", settings.Settings{Bank: settings.Bank{IBAN: "DE89370400440532013001"}}, []string{"bank.iban"}, []string{"settings.bank.iban"}},
			{"IBAN too short", settings.Settings{Bank: settings.Bank{IBAN: "DE8937040044"}}, []string{"bank"}, []string{"settings.bank.iban"}},
			{"BIC of 9 characters", settings.Settings{Bank: settings.Bank{BIC: "COBADEFFX"}}, []string{"bank.bic"}, []string{"settings.bank.bic"}},
			{"VAT ID with a wrong check digit", settings.Settings{Tax: settings.Tax{VATID: "DE136695977"}}, []string{"tax.vat_id"}, []string{"settings.tax.vat_id"}},
			{"tax number of letters", settings.Settings{Tax: settings.Tax{TaxNumber: "abc/def"}}, []string{"tax.tax_number"}, []string{"settings.tax.tax_number"}},
			{"all wrong at once", settings.Settings{Bank: settings.Bank{IBAN: "DE00", BIC: "X"}, Tax: settings.Tax{VATID: "DE1"}},
				[]string{"bank", "tax.vat_id"}, []string{"settings.tax.vat_id", "settings.bank.iban", "settings.bank.bic"}},
			{"unknown path", settings.Settings{}, []string{"bank.swift"}, []string{"update_mask"}},
			{"no path", settings.Settings{}, nil, []string{"update_mask"}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				_, _, err := env.Settings.Update(owner, tt.values, tt.paths, "")
				ae, ok := apierr.As(err)
				if !ok || !errors.Is(err, apierr.ErrInvalidArgument) {
					t.Fatalf("Update = %v, want InvalidArgument", err)
				}
				var fields []string
				for _, f := range ae.Fields {
					fields = append(fields, f.Field)
					if f.Message == "" {
						t.Errorf("%s: no message", f.Field)
					}
				}
				slices.Sort(fields)
				want := slices.Sorted(slices.Values(tt.fields))
				if !slices.Equal(fields, want) {
					t.Errorf("violations at %v, want %v", fields, want)
				}
			})
		}
		got, _, _ := env.Settings.Get(owner)
		if got.Bank.IBAN != "DE89370400440532013000" || got.Bank.BIC != "COBADEFFXXX" || got.Tax.VATID != "DE136695976" {
			t.Errorf("bad input changed the settings: %+v", got)
		}
	})
}

// smtp are SMTP settings for a server on loopback that wants a login.
func smtpSettings(port int) settings.Settings {
	return settings.Settings{SMTP: settings.SMTP{
		Host: " 127.0.0.1 ", Port: port, Security: mail.StartTLS, Username: "mailer", Password: "geheim-ß",
		From: "rechnung@leitstand.example", FromName: "Leitstand Hosting GmbH", ReplyTo: "buchhaltung@leitstand.example",
		Bcc: "archiv@leitstand.example",
	}}
}

func TestTheSMTPPasswordIsWriteOnlySealedAndKept(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		owner := env.AsRole(t, "owner@example.com", authz.RoleOwner)
		be, err := tenancy.Licensee(t.Context(), env.DB.Client)
		if err != nil {
			t.Fatal(err)
		}
		// Invoices are issued without SMTP settings; their e-mail fails.
		if _, _, err := env.Settings.SMTP(t.Context(), be); !errors.Is(err, mail.ErrNoSettings) || mail.Temporary(err) {
			t.Errorf("SMTP without settings = %v, want the permanent ErrNoSettings", err)
		}
		srv := smtptest.Start(t, smtptest.Options{TLS: smtptest.StartTLS, Username: "mailer", Password: "geheim-ß"})
		saved, _, err := env.Settings.Update(owner, smtpSettings(srv.Port), []string{"smtp"}, "mail server")
		if err != nil {
			t.Fatal(err)
		}
		if saved.SMTP.Password != "" || !saved.SMTP.PasswordSet || saved.SMTP.Host != "127.0.0.1" {
			t.Errorf("saved = %+v", saved.SMTP)
		}
		if slices.ContainsFunc(saved.MissingForInvoices(), func(p string) bool { return strings.HasPrefix(p, "smtp") }) {
			t.Errorf("missing = %v: invoices do not need SMTP", saved.MissingForInvoices())
		}
		got, _, _ := env.Settings.Get(owner)
		if got.SMTP.Password != "" || !got.SMTP.PasswordSet || got.SMTP.Username != "mailer" {
			t.Errorf("read back = %+v", got.SMTP)
		}

		// An update that leaves the password out keeps it: the server
		// still takes the login.
		change := smtpSettings(srv.Port)
		change.SMTP.Password = ""
		change.SMTP.FromName = "Leitstand Buchhaltung"
		if _, _, err := env.Settings.Update(owner, change, []string{"smtp"}, ""); err != nil {
			t.Fatal(err)
		}
		server, sender, err := env.Settings.SMTP(t.Context(), be)
		if err != nil {
			t.Fatal(err)
		}
		if server.Password != "geheim-ß" || server.Port != srv.Port || server.Security != mail.StartTLS || server.Timeout != mail.DefaultTimeout {
			t.Errorf("server = %+v", server)
		}
		if sender.FromName != "Leitstand Buchhaltung" || sender.Bcc != "archiv@leitstand.example" || sender.ReplyTo != "buchhaltung@leitstand.example" {
			t.Errorf("sender = %+v", sender)
		}
		server.RootCAs = srv.RootCAs
		c, err := mail.Compose(mail.Message{From: sender.From, To: "kunde@example.com", Subject: "Test", Body: "Hallo"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := mail.Send(t.Context(), server, c); err != nil || srv.Logins() != 1 {
			t.Fatalf("send with the unsealed password = %v (logins %d)", err, srv.Logins())
		}

		// The mask naming the password with none removes it.
		if _, _, err := env.Settings.Update(owner, settings.Settings{}, []string{"smtp.password"}, ""); err != nil {
			t.Fatal(err)
		}
		if server, _, _ := env.Settings.SMTP(t.Context(), be); server.Password != "" {
			t.Errorf("password after removing it = %q", server.Password)
		}

		// The audit trail says set and changed, never the password.
		ev := env.EventsOf(t, "settings")
		if len(ev) != 3 {
			t.Fatalf("audit events = %d", len(ev))
		}
		for i, e := range ev {
			if strings.Contains(e.Before+e.After, "geheim") {
				t.Errorf("event %d holds the password: %s / %s", i, e.Before, e.After)
			}
		}
		var first, second, third struct{ SMTP settings.SMTP }
		_ = json.Unmarshal([]byte(ev[0].After), &first)
		_ = json.Unmarshal([]byte(ev[1].After), &second)
		_ = json.Unmarshal([]byte(ev[2].After), &third)
		if !first.SMTP.PasswordSet || !first.SMTP.PasswordChanged || !second.SMTP.PasswordSet || second.SMTP.PasswordChanged ||
			third.SMTP.PasswordSet || !third.SMTP.PasswordChanged {
			t.Errorf("audited password state: %+v / %+v / %+v", first.SMTP, second.SMTP, third.SMTP)
		}
	})
}

func TestBadSMTPSettingsAreRefusedAtTheirFields(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		owner := env.AsRole(t, "owner@example.com", authz.RoleOwner)
		good := smtpSettings(2525)
		with := func(f func(*settings.SMTP)) settings.Settings {
			s := good
			f(&s.SMTP)
			return s
		}
		tests := []struct {
			name   string
			values settings.Settings
			fields []string
		}{
			{"host with a space", with(func(s *settings.SMTP) { s.Host = "smtp example.com" }), []string{"settings.smtp.host"}},
			{"host with a scheme", with(func(s *settings.SMTP) { s.Host = "smtp://mail.example.com" }), []string{"settings.smtp.host"}},
			{"port too high", with(func(s *settings.SMTP) { s.Port = 70000 }), []string{"settings.smtp.port"}},
			{"no security", with(func(s *settings.SMTP) { s.Security = 0 }), []string{"settings.smtp.security"}},
			{"login without encryption", with(func(s *settings.SMTP) { s.Security = mail.None }), []string{"settings.smtp.security", "settings.smtp.username"}},
			{"sender that is no address", with(func(s *settings.SMTP) { s.From = "rechnung" }), []string{"settings.smtp.from_address"}},
			{"host without a sender", with(func(s *settings.SMTP) { s.From = "" }), []string{"settings.smtp.from_address"}},
			{"copy to a name", with(func(s *settings.SMTP) { s.Bcc = "Archiv <archiv@example.com>" }), []string{"settings.smtp.bcc_address"}},
			{"reply-to without a domain", with(func(s *settings.SMTP) { s.ReplyTo = "buchhaltung@" }), []string{"settings.smtp.reply_to"}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				_, _, err := env.Settings.Update(owner, tt.values, []string{"smtp"}, "")
				ae, ok := apierr.As(err)
				if !ok || !errors.Is(err, apierr.ErrInvalidArgument) {
					t.Fatalf("Update = %v, want InvalidArgument", err)
				}
				var fields []string
				for _, f := range ae.Fields {
					fields = append(fields, f.Field)
				}
				slices.Sort(fields)
				if !slices.Equal(fields, tt.fields) {
					t.Errorf("violations at %v, want %v", fields, tt.fields)
				}
			})
		}
		// Port 0 is the default; no login over a plain relay is fine.
		relay := with(func(s *settings.SMTP) { s.Port, s.Security, s.Username, s.Password = 0, mail.None, "", "" })
		saved, _, err := env.Settings.Update(owner, relay, []string{"smtp"}, "")
		if err != nil || saved.SMTP.Port != 587 || saved.SMTP.PasswordSet {
			t.Errorf("relay = %+v, %v", saved.SMTP, err)
		}
	})
}

func TestEachBillingEntitySendsThroughItsOwnServer(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		owner := env.AsRole(t, "owner@example.com", authz.RoleOwner)
		partner, partnerOwner := env.ResellerOwner(t, "Partner GmbH", "owner@partner.example")
		licensee, err := tenancy.Licensee(t.Context(), env.DB.Client)
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := env.Settings.Update(owner, smtpSettings(2525), []string{"smtp"}, ""); err != nil {
			t.Fatal(err)
		}
		theirs := smtpSettings(2526)
		theirs.SMTP.Host, theirs.SMTP.Password, theirs.SMTP.From = "mail.partner.example", "partner-geheim", "rechnung@partner.example"
		if _, _, err := env.Settings.Update(env.As(t, partnerOwner), theirs, []string{"smtp"}, ""); err != nil {
			t.Fatal(err)
		}
		for _, tt := range []struct {
			be             uuid.UUID
			host, password string
		}{{licensee, "127.0.0.1", "geheim-ß"}, {partner, "mail.partner.example", "partner-geheim"}} {
			srv, sender, err := env.Settings.SMTP(t.Context(), tt.be)
			if err != nil || srv.Host != tt.host || srv.Password != tt.password || sender.From == "" {
				t.Errorf("SMTP(%s) = %+v, %+v, %v", tt.be, srv, sender, err)
			}
		}
	})
}
