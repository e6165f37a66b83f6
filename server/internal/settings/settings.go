// Package settings holds the platform's details as an invoice issuer:
// company, tax registration, bank account and invoice numbering. Each
// billing entity has its own; the licensee's are the platform's.
package settings

import (
	"cmp"
	"fmt"
	"net/netip"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/leitstand/leitstand/server/internal/billing/mail"
	"github.com/leitstand/leitstand/server/internal/platform/blob"
	"github.com/leitstand/leitstand/server/internal/platform/fieldmask"
	"github.com/leitstand/leitstand/server/internal/platform/iban"
	"github.com/leitstand/leitstand/server/internal/platform/vatid"
)

// Settings are one billing entity's settings.
type Settings struct {
	Company Company
	Tax     Tax
	Bank    Bank
	Invoice Invoice
	SMTP    SMTP
	Dunning Dunning
}

// Company is the issuer as invoices name it.
type Company struct {
	Name, LegalForm               string
	Address                       Address
	RegisterCourt, RegisterNumber string
	ManagingDirectors             []string
	Email, Phone, Website         string
	// Logo is the name of the logo's file in the file store (under
	// LogoPrefix: <sha256>.png or .jpg); "" for none. UploadLogo and
	// RemoveLogo change it, an update mask never does.
	Logo string
}

// LogoURL is where the logo is served; "" without one.
func (c Company) LogoURL() string { return blob.URL(LogoPrefix, c.Logo) }

// Address is a postal address.
type Address struct {
	Line1, Line2, PostalCode, City, CountryCode string
}

// Tax is the issuer's tax registration.
type Tax struct {
	// VATRateBasisPoints: 1900 is 19 %.
	VATRateBasisPoints int
	// SmallBusinessExemption is the Kleinunternehmer rule (§ 19 UStG):
	// invoices carry no VAT.
	SmallBusinessExemption bool
	TaxNumber, VATID       string
}

// Bank is the account customers pay into.
type Bank struct {
	AccountHolder, IBAN, BIC, BankName string
}

// Invoice says how invoices are numbered, when they are due, and by which
// calendar they are dated.
type Invoice struct {
	NumberPrefix     string
	PaymentTermsDays int
	// TimeZone is the IANA time zone (Europe/Berlin) whose calendar
	// decides an organization's billing day and the invoices' dates.
	TimeZone string
}

// SMTP is the server that sends the invoice e-mails. Invoices are issued
// without it; their delivery then fails.
type SMTP struct {
	// Host is empty while no e-mails are sent.
	Host     string
	Port     int
	Security mail.Security
	Username string
	// Password is write-only: set in an update to change it, empty
	// otherwise (reads never return it, the audit trail never holds it).
	Password string `json:"-"`
	// PasswordSet says a password is stored.
	PasswordSet bool
	// PasswordChanged marks, in the audited state after an update, that a
	// new password was stored.
	PasswordChanged bool `json:",omitempty"`

	// From is the sender address, FromName the name shown with it;
	// ReplyTo and Bcc (a copy for the bookkeeping) are optional.
	From, FromName, ReplyTo, Bcc string
}

// Dunning says how overdue invoices are chased: a payment reminder, then a
// first and a second Mahnung, each sent a number of days after the due
// date (strictly increasing), with a fee in cents billed on an invoice of
// its own (0 for none); each notice gives PayWithinDays to pay, and the
// next level waits for that deadline.
type Dunning struct {
	Enabled       bool
	Levels        [3]DunningLevel
	PayWithinDays int
}

// DunningLevel is one level's days after the due date and its fee.
type DunningLevel struct {
	Days     int
	FeeCents int64
}

// MaxDunningFeeCents caps a level's fee: a flat fee for a letter, not a
// penalty (German courts allow a few euros).
const MaxDunningFeeCents = 10000

// DefaultSMTPPort is the submission port, for STARTTLS.
const DefaultSMTPPort = 587

// DefaultTimeZone is the time zone of a billing entity that chose none.
const DefaultTimeZone = "Europe/Berlin"

// Location is the time zone of the invoice calendar; the default one for a
// name the system does not know (the setting is checked when it is saved).
func (i Invoice) Location() *time.Location {
	if loc, err := time.LoadLocation(i.TimeZone); err == nil && i.TimeZone != "" {
		return loc
	}
	loc, _ := time.LoadLocation(DefaultTimeZone)
	return loc
}

// Defaults are the settings of a billing entity that never saved any: the
// German standard VAT rate and two weeks to pay.
func Defaults() Settings {
	return Settings{
		Tax:     Tax{VATRateBasisPoints: 1900},
		Invoice: Invoice{NumberPrefix: "RE-", PaymentTermsDays: 14, TimeZone: DefaultTimeZone},
		SMTP:    SMTP{Port: DefaultSMTPPort, Security: mail.StartTLS},
		Dunning: Dunning{Enabled: true, Levels: [3]DunningLevel{{Days: 7}, {Days: 21}, {Days: 35}}, PayWithinDays: 7},
	}
}

// trimmed copies a text setting without surrounding space.
func trimmed(get func(*Settings) *string) func(dst *Settings, src Settings) {
	return func(d *Settings, s Settings) { *get(d) = strings.TrimSpace(*get(&s)) }
}

var (
	bicPattern       = regexp.MustCompile(`^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$`)
	taxNumberPattern = regexp.MustCompile(`^([0-9]{2,3}/[0-9]{3,4}/[0-9]{4,5}|[0-9]{10,13})$`)
	hostPattern      = regexp.MustCompile(`^([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$`)
)

// validHost says whether h is a host name or an IP address.
func validHost(h string) bool {
	if _, err := netip.ParseAddr(h); err == nil {
		return true
	}
	return len(h) <= 253 && hostPattern.MatchString(h)
}

// address is the Check of an optional e-mail address field.
func address(get func(Settings) string) func(Settings) (string, string) {
	return func(s Settings) (string, string) {
		if v := get(s); v != "" && mail.CheckAddress(v) != nil {
			return "email", "an e-mail address such as rechnung@example.com"
		}
		return "", ""
	}
}

// plainLogin is the Check that refuses a login over an unencrypted
// connection.
func plainLogin(s Settings) (string, string) {
	return fieldmask.Require(s.SMTP.Security != mail.None || s.SMTP.Username == "", "smtp.login_needs_tls",
		"a login needs STARTTLS or TLS: without them the password would cross the network in plain text")
}

// mask lists every setting an update mask may name below a section
// (company, tax, bank, invoice), how its stored value is checked and how it
// is copied from the request.
var mask = fieldmask.Mask[Settings]{
	Empty: "name at least one setting to change",
	Unknown: func(p string) string {
		return fmt.Sprintf("%q is not a setting (use a section — company, tax, bank, invoice, smtp, dunning — or a field such as bank.iban)", p)
	},
	Fields: []fieldmask.Field[Settings]{
		{Path: "company.name", Copy: trimmed(func(s *Settings) *string { return &s.Company.Name })},
		{Path: "company.legal_form", Copy: trimmed(func(s *Settings) *string { return &s.Company.LegalForm })},
		{Path: "company.address.line1", Copy: trimmed(func(s *Settings) *string { return &s.Company.Address.Line1 })},
		{Path: "company.address.line2", Copy: trimmed(func(s *Settings) *string { return &s.Company.Address.Line2 })},
		{Path: "company.address.postal_code", Copy: trimmed(func(s *Settings) *string { return &s.Company.Address.PostalCode })},
		{Path: "company.address.city", Copy: trimmed(func(s *Settings) *string { return &s.Company.Address.City })},
		{Path: "company.address.country_code", Copy: func(d *Settings, s Settings) {
			d.Company.Address.CountryCode = strings.ToUpper(strings.TrimSpace(s.Company.Address.CountryCode))
		}},
		{Path: "company.register_court", Copy: trimmed(func(s *Settings) *string { return &s.Company.RegisterCourt })},
		{Path: "company.register_number", Copy: trimmed(func(s *Settings) *string { return &s.Company.RegisterNumber })},
		{Path: "company.managing_directors", Copy: func(d *Settings, s Settings) {
			d.Company.ManagingDirectors = nil
			for _, m := range s.Company.ManagingDirectors {
				if m = strings.TrimSpace(m); m != "" {
					d.Company.ManagingDirectors = append(d.Company.ManagingDirectors, m)
				}
			}
		}},
		{Path: "company.email", Copy: trimmed(func(s *Settings) *string { return &s.Company.Email })},
		{Path: "company.phone", Copy: trimmed(func(s *Settings) *string { return &s.Company.Phone })},
		{Path: "company.website", Copy: trimmed(func(s *Settings) *string { return &s.Company.Website })},
		{Path: "tax.vat_rate_basis_points", Copy: func(d *Settings, s Settings) { d.Tax.VATRateBasisPoints = s.Tax.VATRateBasisPoints }},
		{Path: "tax.small_business_exemption", Copy: func(d *Settings, s Settings) { d.Tax.SmallBusinessExemption = s.Tax.SmallBusinessExemption }},
		{Path: "tax.tax_number",
			Check: func(s Settings) (string, string) {
				if s.Tax.TaxNumber != "" && !taxNumberPattern.MatchString(strings.ReplaceAll(s.Tax.TaxNumber, " ", "")) {
					return "tax_number.format", "a tax number looks like 143/123/45678 (as the tax office writes it) or has 10 to 13 digits (ELSTER)"
				}
				return "", ""
			},
			Copy: trimmed(func(s *Settings) *string { return &s.Tax.TaxNumber })},
		{Path: "tax.vat_id",
			Check: fieldmask.Optional(func(s Settings) string { return s.Tax.VATID }, vatid.Validate, "vat_id.valid"),
			Copy:  func(d *Settings, s Settings) { d.Tax.VATID = vatid.Normalize(s.Tax.VATID) }},
		{Path: "bank.account_holder", Copy: trimmed(func(s *Settings) *string { return &s.Bank.AccountHolder })},
		{Path: "bank.iban",
			Check: fieldmask.Optional(func(s Settings) string { return s.Bank.IBAN }, iban.Validate, "iban.valid"),
			Copy:  func(d *Settings, s Settings) { d.Bank.IBAN = iban.Normalize(s.Bank.IBAN) }},
		{Path: "bank.bic",
			Check: func(s Settings) (string, string) {
				if s.Bank.BIC != "" && !bicPattern.MatchString(s.Bank.BIC) {
					return "bic.format", "a BIC has 8 or 11 characters: bank code (4 letters), country (2 letters), location (2), branch (3, optional), e.g. COBADEFFXXX"
				}
				return "", ""
			},
			Copy: func(d *Settings, s Settings) { d.Bank.BIC = strings.ToUpper(strings.TrimSpace(s.Bank.BIC)) }},
		{Path: "bank.bank_name", Copy: trimmed(func(s *Settings) *string { return &s.Bank.BankName })},
		{Path: "invoice.number_prefix", Copy: trimmed(func(s *Settings) *string { return &s.Invoice.NumberPrefix })},
		{Path: "invoice.payment_terms_days", Copy: func(d *Settings, s Settings) { d.Invoice.PaymentTermsDays = s.Invoice.PaymentTermsDays }},
		{Path: "invoice.time_zone",
			Check: func(s Settings) (string, string) {
				// "Local" and "" name the server's own zone, which moves
				// with the machine: not a calendar to bill by.
				if _, err := time.LoadLocation(s.Invoice.TimeZone); err != nil || s.Invoice.TimeZone == "Local" {
					return "time_zone.known", "an IANA time zone such as Europe/Berlin or Europe/Vienna"
				}
				return "", ""
			},
			// Empty is the default, Europe/Berlin.
			Copy: func(d *Settings, s Settings) {
				d.Invoice.TimeZone = cmp.Or(strings.TrimSpace(s.Invoice.TimeZone), DefaultTimeZone)
			}},
		{Path: "smtp.host",
			Check: func(s Settings) (string, string) {
				return fieldmask.Require(s.SMTP.Host == "" || validHost(s.SMTP.Host), "host.valid",
					"a host name such as smtp.example.com or an IP address")
			},
			Copy: func(d *Settings, s Settings) { d.SMTP.Host = strings.ToLower(strings.TrimSpace(s.SMTP.Host)) }},
		{Path: "smtp.port",
			Check: func(s Settings) (string, string) {
				return fieldmask.Require(s.SMTP.Port >= 1 && s.SMTP.Port <= 65535, "port.range", "a port from 1 to 65535 (587 for STARTTLS, 465 for TLS)")
			},
			// 0 is the default.
			Copy: func(d *Settings, s Settings) { d.SMTP.Port = cmp.Or(s.SMTP.Port, DefaultSMTPPort) }},
		{Path: "smtp.security",
			Check: func(s Settings) (string, string) {
				switch s.SMTP.Security {
				case mail.StartTLS, mail.TLS, mail.None:
					return plainLogin(s)
				}
				return "security.required", "choose STARTTLS, TLS or none"
			},
			Copy: func(d *Settings, s Settings) { d.SMTP.Security = s.SMTP.Security }},
		{Path: "smtp.username", Check: plainLogin, Copy: trimmed(func(s *Settings) *string { return &s.SMTP.Username })},
		// An empty password keeps the stored one (Service.Update removes it
		// when the mask names smtp.password itself).
		{Path: "smtp.password", Copy: func(d *Settings, s Settings) {
			if s.SMTP.Password != "" {
				d.SMTP.Password, d.SMTP.PasswordSet, d.SMTP.PasswordChanged = s.SMTP.Password, true, true
			}
		}},
		{Path: "smtp.from_address",
			Check: func(s Settings) (string, string) {
				if s.SMTP.From == "" && s.SMTP.Host != "" {
					return "from_address.required", "the address invoice e-mails come from, e.g. rechnung@example.com"
				}
				return address(func(s Settings) string { return s.SMTP.From })(s)
			},
			Copy: trimmed(func(s *Settings) *string { return &s.SMTP.From })},
		{Path: "smtp.from_name", Copy: trimmed(func(s *Settings) *string { return &s.SMTP.FromName })},
		{Path: "smtp.reply_to", Check: address(func(s Settings) string { return s.SMTP.ReplyTo }),
			Copy: trimmed(func(s *Settings) *string { return &s.SMTP.ReplyTo })},
		{Path: "smtp.bcc_address", Check: address(func(s Settings) string { return s.SMTP.Bcc }),
			Copy: trimmed(func(s *Settings) *string { return &s.SMTP.Bcc })},
		{Path: "dunning.enabled", Copy: func(d *Settings, s Settings) { d.Dunning.Enabled = s.Dunning.Enabled }},
		dunningDays("dunning.reminder_days", 0),
		dunningFee("dunning.reminder_fee_cents", 0),
		dunningDays("dunning.first_notice_days", 1),
		dunningFee("dunning.first_notice_fee_cents", 1),
		dunningDays("dunning.second_notice_days", 2),
		dunningFee("dunning.second_notice_fee_cents", 2),
		{Path: "dunning.pay_within_days",
			Check: func(s Settings) (string, string) {
				return fieldmask.Require(s.Dunning.PayWithinDays >= 1 && s.Dunning.PayWithinDays <= 60, "days.range", "from 1 to 60 days")
			},
			Copy: func(d *Settings, s Settings) { d.Dunning.PayWithinDays = s.Dunning.PayWithinDays }},
	},
}

// registered are the legal forms entered in the commercial register, whose
// invoices must name the register court and number (§ 37a HGB, § 35a GmbHG).
var registered = []string{"GmbH", "UG (haftungsbeschränkt)", "AG", "e.K.", "OHG", "KG", "GmbH & Co. KG", "eG", "SE"}

// directed are the forms whose invoices must name their managing directors.
var directed = []string{"GmbH", "UG (haftungsbeschränkt)", "AG", "GmbH & Co. KG", "SE"}

// MissingForInvoices lists the fields an invoice needs that are empty, as
// field paths; empty when invoices can be issued. The SMTP server is not
// among them: an invoice is issued without it, and its e-mail fails until
// it is set.
func (s Settings) MissingForInvoices() []string {
	var missing []string
	need := func(path, v string) {
		if v == "" {
			missing = append(missing, path)
		}
	}
	c := s.Company
	need("company.name", c.Name)
	need("company.address.line1", c.Address.Line1)
	need("company.address.postal_code", c.Address.PostalCode)
	need("company.address.city", c.Address.City)
	need("company.address.country_code", c.Address.CountryCode)
	if slices.Contains(registered, c.LegalForm) {
		need("company.register_court", c.RegisterCourt)
		need("company.register_number", c.RegisterNumber)
	}
	if slices.Contains(directed, c.LegalForm) && len(c.ManagingDirectors) == 0 {
		missing = append(missing, "company.managing_directors")
	}
	// § 14 (4) UStG: the tax number or the VAT ID.
	if s.Tax.TaxNumber == "" && s.Tax.VATID == "" {
		missing = append(missing, "tax.tax_number")
	}
	need("bank.account_holder", s.Bank.AccountHolder)
	need("bank.iban", s.Bank.IBAN)
	return missing
}

// dunningDays is the mask field of level i's days after the due date:
// from 1 to 365, and later than the level before (checked on the stored
// result, so a mask that names one level is checked against the others).
func dunningDays(path string, i int) fieldmask.Field[Settings] {
	return fieldmask.Field[Settings]{Path: path,
		Check: func(s Settings) (string, string) {
			l := s.Dunning.Levels
			switch {
			case l[i].Days < 1 || l[i].Days > 365:
				return "days.range", "from 1 to 365 days after the due date"
			case i > 0 && l[i].Days <= l[i-1].Days:
				return "dunning.increasing", fmt.Sprintf("later than the level before (%d days after the due date)", l[i-1].Days)
			case i < len(l)-1 && l[i].Days >= l[i+1].Days:
				return "dunning.increasing", fmt.Sprintf("earlier than the level after (%d days after the due date)", l[i+1].Days)
			}
			return "", ""
		},
		Copy: func(d *Settings, s Settings) { d.Dunning.Levels[i].Days = s.Dunning.Levels[i].Days }}
}

// dunningFee is the mask field of level i's fee.
func dunningFee(path string, i int) fieldmask.Field[Settings] {
	return fieldmask.Field[Settings]{Path: path,
		Check: func(s Settings) (string, string) {
			f := s.Dunning.Levels[i].FeeCents
			return fieldmask.Require(f >= 0 && f <= MaxDunningFeeCents, "fee.range", "from 0 to 100.00 in cents")
		},
		Copy: func(d *Settings, s Settings) { d.Dunning.Levels[i].FeeCents = s.Dunning.Levels[i].FeeCents }}
}
