package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
	"github.com/google/uuid"
)

// Organization is a customer and its billing account. Closed, never deleted.
type Organization struct{ ent.Schema }

func (Organization) Mixin() []ent.Mixin {
	return []ent.Mixin{idMixin{}, timeMixin{}, ownedByOrganization("id"), searchableBy("name", "legal_name", "vat_id")}
}

func (Organization) Fields() []ent.Field {
	return []ent.Field{
		field.UUID("billing_entity_id", uuid.UUID{}).Immutable(),
		field.String("name").NotEmpty().MaxLen(200),
		field.String("legal_name").Default("").MaxLen(200),
		field.Enum("status").Values("PENDING_APPROVAL", "ACTIVE", "SUSPENDED", "CLOSED").Default("ACTIVE"),
		field.String("address_line1").Default(""),
		field.String("address_line2").Default(""),
		field.String("postal_code").Default(""),
		field.String("city").Default(""),
		field.String("country_code").Default(""),
		field.String("vat_id").Default(""),
		field.String("billing_email").Default(""),
		// Managed (offline) billing: billed by invoices staff issue and
		// payment links, looked after by an account manager (a staff
		// user of its billing entity).
		field.Bool("managed").Default(false),
		field.UUID("account_manager_id", uuid.UUID{}).Optional().Nillable(),
		// Partners: a partner organization refers others and earns its
		// commission (basis points of each paid invoice's net amount) on
		// what they pay; referred_by_id names the partner that referred
		// this one.
		field.Bool("partner").Default(false),
		field.Int("partner_commission_bp").Default(0).Min(0).Max(10000),
		field.UUID("referred_by_id", uuid.UUID{}).Optional().Nillable(),
		// Since when: the partner earns on invoices issued from then on.
		field.Time("referral_time").Optional().Nillable(),
		// E-invoices (EN 16931): the format it prefers, its buyer
		// reference (a public authority's Leitweg-ID), where e-invoices go
		// (empty: the billing e-mail), and whether it is a public
		// authority, which needs the Leitweg-ID on every invoice.
		field.Enum("einvoice_format").Values("ZUGFERD", "XRECHNUNG_CII", "XRECHNUNG_UBL").Default("ZUGFERD"),
		field.String("buyer_reference").Default("").MaxLen(100),
		field.String("einvoice_address").Default("").MaxLen(320),
		field.Bool("public_sector").Default(false),
		// Sign-up through the portal: when, by whom (its first owner),
		// when staff approved or rejected it, and why it was rejected (the
		// applicant reads it).
		field.Time("signup_time").Optional().Nillable().Immutable(),
		field.UUID("applicant_id", uuid.UUID{}).Optional().Nillable().Immutable(),
		field.Time("decision_time").Optional().Nillable(),
		field.String("rejection_reason").Default("").MaxRuneLen(1000),
	}
}

func (Organization) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("billing_entity", BillingEntity.Type).Ref("organizations").Field("billing_entity_id").Unique().Required().Immutable(),
		edge.To("workspaces", Workspace.Type),
		edge.To("memberships", Membership.Type),
	}
}

func (Organization) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("name", "id"),
		index.Fields("create_time", "id"),
		index.Fields("billing_entity_id"),
		index.Fields("status"),
		index.Fields("referred_by_id"),
		index.Fields("signup_time"),
	}
}
