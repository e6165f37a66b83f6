package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
	"github.com/google/uuid"
)

// Settings are a billing entity's own details as an invoice issuer: company,
// tax registration, bank account, invoice numbering. One row per billing
// entity; the licensee's are the platform's settings.
type Settings struct{ ent.Schema }

func (Settings) Mixin() []ent.Mixin {
	return []ent.Mixin{idMixin{}, timeMixin{}, ownedByBillingEntity("billing_entity_id")}
}

func (Settings) Fields() []ent.Field {
	return []ent.Field{
		field.UUID("billing_entity_id", uuid.UUID{}).Immutable(),

		field.String("company_name").Default(""),
		field.String("legal_form").Default(""),
		field.String("address_line1").Default(""),
		field.String("address_line2").Default(""),
		field.String("postal_code").Default(""),
		field.String("city").Default(""),
		field.String("country_code").Default(""),
		field.String("register_court").Default(""),
		field.String("register_number").Default(""),
		field.Strings("managing_directors").Optional(),
		field.String("email").Default(""),
		field.String("phone").Default(""),
		field.String("website").Default(""),
		// The logo invoices print top right: the file's name in the blob
		// store under the prefix logos (<sha256>.png or .jpg); empty for
		// none.
		field.String("logo_name").Default(""),

		// Basis points: 1900 is 19 %.
		field.Int("vat_rate_basis_points").Default(1900),
		field.Bool("small_business_exemption").Default(false),
		field.String("tax_number").Default(""),
		field.String("vat_id").Default(""),

		field.String("account_holder").Default(""),
		field.String("iban").Default(""),
		field.String("bic").Default(""),
		field.String("bank_name").Default(""),

		field.String("invoice_number_prefix").Default("RE-"),
		field.Int("payment_terms_days").Default(14),
		// The IANA time zone whose calendar decides billing days and
		// invoice dates.
		field.String("time_zone").Default("Europe/Berlin"),

		// The SMTP server that sends invoice e-mails; no e-mails while
		// smtp_host is empty.
		field.String("smtp_host").Default(""),
		field.Int("smtp_port").Default(587),
		// STARTTLS, TLS or NONE.
		field.String("smtp_security").Default("STARTTLS"),
		field.String("smtp_username").Default(""),
		// The password sealed with the secrets box, bound to the row's id
		// and billing entity; nil when none is set.
		field.Bytes("smtp_password_sealed").Optional().Nillable().Sensitive(),
		field.String("smtp_from_address").Default(""),
		field.String("smtp_from_name").Default(""),
		field.String("smtp_reply_to").Default(""),
		field.String("smtp_bcc_address").Default(""),

		// Dunning: the days after an invoice's due date at which each
		// level is sent, its fee in cents, and the days each notice gives
		// to pay.
		field.Bool("dunning_enabled").Default(true),
		field.Int("dunning_reminder_days").Default(7),
		field.Int64("dunning_reminder_fee_cents").Default(0),
		field.Int("dunning_first_notice_days").Default(21),
		field.Int64("dunning_first_notice_fee_cents").Default(0),
		field.Int("dunning_second_notice_days").Default(35),
		field.Int64("dunning_second_notice_fee_cents").Default(0),
		field.Int("dunning_pay_within_days").Default(7),
	}
}

func (Settings) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("billing_entity_id").Unique(),
	}
}
