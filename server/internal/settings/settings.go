// Package settings holds the platform's details as an invoice issuer:
// company, tax registration, bank account and invoice numbering. Each
// billing entity has its own; the licensee's are the platform's.
package settings

import (
	"regexp"
	"slices"
	"strings"

	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/iban"
	"github.com/leitstand/leitstand/server/internal/platform/vatid"
)

// Settings are one billing entity's settings.
type Settings struct {
	Company Company
	Tax     Tax
	Bank    Bank
	Invoice Invoice
}

// Company is the issuer as invoices name it.
type Company struct {
	Name, LegalForm               string
	Address                       Address
	RegisterCourt, RegisterNumber string
	ManagingDirectors             []string
	Email, Phone, Website         string
}

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

// Invoice says how invoices are numbered and when they are due.
type Invoice struct {
	NumberPrefix     string
	PaymentTermsDays int
}

// Defaults are the settings of a billing entity that never saved any: the
// German standard VAT rate and two weeks to pay.
func Defaults() Settings {
	return Settings{
		Tax:     Tax{VATRateBasisPoints: 1900},
		Invoice: Invoice{NumberPrefix: "RE-", PaymentTermsDays: 14},
	}
}

// field is one settable setting: its path in an update mask and how to
// copy it from the request into the stored settings.
type field struct {
	path string
	copy func(dst *Settings, src Settings)
}

// fields lists every path an update mask may name below a section.
var fields = []field{
	{"company.name", func(d *Settings, s Settings) { d.Company.Name = strings.TrimSpace(s.Company.Name) }},
	{"company.legal_form", func(d *Settings, s Settings) { d.Company.LegalForm = strings.TrimSpace(s.Company.LegalForm) }},
	{"company.address.line1", func(d *Settings, s Settings) { d.Company.Address.Line1 = strings.TrimSpace(s.Company.Address.Line1) }},
	{"company.address.line2", func(d *Settings, s Settings) { d.Company.Address.Line2 = strings.TrimSpace(s.Company.Address.Line2) }},
	{"company.address.postal_code", func(d *Settings, s Settings) {
		d.Company.Address.PostalCode = strings.TrimSpace(s.Company.Address.PostalCode)
	}},
	{"company.address.city", func(d *Settings, s Settings) { d.Company.Address.City = strings.TrimSpace(s.Company.Address.City) }},
	{"company.address.country_code", func(d *Settings, s Settings) {
		d.Company.Address.CountryCode = strings.ToUpper(strings.TrimSpace(s.Company.Address.CountryCode))
	}},
	{"company.register_court", func(d *Settings, s Settings) { d.Company.RegisterCourt = strings.TrimSpace(s.Company.RegisterCourt) }},
	{"company.register_number", func(d *Settings, s Settings) { d.Company.RegisterNumber = strings.TrimSpace(s.Company.RegisterNumber) }},
	{"company.managing_directors", func(d *Settings, s Settings) {
		d.Company.ManagingDirectors = nil
		for _, m := range s.Company.ManagingDirectors {
			if m = strings.TrimSpace(m); m != "" {
				d.Company.ManagingDirectors = append(d.Company.ManagingDirectors, m)
			}
		}
	}},
	{"company.email", func(d *Settings, s Settings) { d.Company.Email = strings.TrimSpace(s.Company.Email) }},
	{"company.phone", func(d *Settings, s Settings) { d.Company.Phone = strings.TrimSpace(s.Company.Phone) }},
	{"company.website", func(d *Settings, s Settings) { d.Company.Website = strings.TrimSpace(s.Company.Website) }},
	{"tax.vat_rate_basis_points", func(d *Settings, s Settings) { d.Tax.VATRateBasisPoints = s.Tax.VATRateBasisPoints }},
	{"tax.small_business_exemption", func(d *Settings, s Settings) { d.Tax.SmallBusinessExemption = s.Tax.SmallBusinessExemption }},
	{"tax.tax_number", func(d *Settings, s Settings) { d.Tax.TaxNumber = strings.TrimSpace(s.Tax.TaxNumber) }},
	{"tax.vat_id", func(d *Settings, s Settings) { d.Tax.VATID = vatid.Normalize(s.Tax.VATID) }},
	{"bank.account_holder", func(d *Settings, s Settings) { d.Bank.AccountHolder = strings.TrimSpace(s.Bank.AccountHolder) }},
	{"bank.iban", func(d *Settings, s Settings) { d.Bank.IBAN = iban.Normalize(s.Bank.IBAN) }},
	{"bank.bic", func(d *Settings, s Settings) { d.Bank.BIC = strings.ToUpper(strings.TrimSpace(s.Bank.BIC)) }},
	{"bank.bank_name", func(d *Settings, s Settings) { d.Bank.BankName = strings.TrimSpace(s.Bank.BankName) }},
	{"invoice.number_prefix", func(d *Settings, s Settings) { d.Invoice.NumberPrefix = strings.TrimSpace(s.Invoice.NumberPrefix) }},
	{"invoice.payment_terms_days", func(d *Settings, s Settings) { d.Invoice.PaymentTermsDays = s.Invoice.PaymentTermsDays }},
}

// expand turns an update mask into the field paths it covers: a section
// (company) or group (company.address) stands for every field below it.
func expand(paths []string) ([]string, error) {
	var out []string
	for _, p := range paths {
		n := 0
		for _, f := range fields {
			if f.path == p || strings.HasPrefix(f.path, p+".") {
				if !slices.Contains(out, f.path) {
					out = append(out, f.path)
				}
				n++
			}
		}
		if n == 0 {
			return nil, apierr.Invalid("update_mask", "update_mask.paths",
				"%q is not a setting (use a section — company, tax, bank, invoice — or a field such as bank.iban)", p)
		}
	}
	return out, nil
}

var (
	bicPattern       = regexp.MustCompile(`^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$`)
	taxNumberPattern = regexp.MustCompile(`^([0-9]{2,3}/[0-9]{3,4}/[0-9]{4,5}|[0-9]{10,13})$`)
)

// validate checks the fields named in paths of s, which holds the values to
// be stored, and reports every problem at once, each at its field.
func validate(s Settings, paths []string) error {
	var vs []apierr.FieldViolation
	bad := func(path, rule, msg string) {
		vs = append(vs, apierr.FieldViolation{Field: "settings." + path, Rule: rule, Message: msg})
	}
	if slices.Contains(paths, "tax.tax_number") && s.Tax.TaxNumber != "" && !taxNumberPattern.MatchString(strings.ReplaceAll(s.Tax.TaxNumber, " ", "")) {
		bad("tax.tax_number", "tax_number.format", "a tax number looks like 143/123/45678 (as the tax office writes it) or has 10 to 13 digits (ELSTER)")
	}
	if slices.Contains(paths, "tax.vat_id") && s.Tax.VATID != "" {
		if err := vatid.Validate(s.Tax.VATID); err != nil {
			bad("tax.vat_id", "vat_id.valid", err.Error())
		}
	}
	if slices.Contains(paths, "bank.iban") && s.Bank.IBAN != "" {
		if err := iban.Validate(s.Bank.IBAN); err != nil {
			bad("bank.iban", "iban.valid", err.Error())
		}
	}
	if slices.Contains(paths, "bank.bic") && s.Bank.BIC != "" && !bicPattern.MatchString(s.Bank.BIC) {
		bad("bank.bic", "bic.format", "a BIC has 8 or 11 characters: bank code (4 letters), country (2 letters), location (2), branch (3, optional), e.g. COBADEFFXXX")
	}
	if len(vs) > 0 {
		return apierr.InvalidFields(vs...)
	}
	return nil
}

// registered are the legal forms entered in the commercial register, whose
// invoices must name the register court and number (§ 37a HGB, § 35a GmbHG).
var registered = []string{"GmbH", "UG (haftungsbeschränkt)", "AG", "e.K.", "OHG", "KG", "GmbH & Co. KG", "eG", "SE"}

// directed are the forms whose invoices must name their managing directors.
var directed = []string{"GmbH", "UG (haftungsbeschränkt)", "AG", "GmbH & Co. KG", "SE"}

// MissingForInvoices lists the fields an invoice needs that are empty, as
// field paths; empty when invoices can be issued.
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
