package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
	"github.com/google/uuid"
)

// Discount is a percentage reduction granted to an organization, or to one
// of its workspaces, for a span of days: the invoice of each billing date
// within it carries a line "Rabatt <name> (10 %)" (rule 7 of the billing
// computation). Dates are civil dates (YYYY-MM-DD) of the billing calendar;
// the end date is the last day the discount applies (included), none while
// it runs until further notice.
//
// A discount is never deleted: ending it sets its last day (today or
// later, never before a billing date it applied to), with who ended it and
// why.
type Discount struct{ ent.Schema }

func (Discount) Mixin() []ent.Mixin {
	return []ent.Mixin{idMixin{}, timeMixin{}, ownedByOrganization("organization_id")}
}

func (Discount) Fields() []ent.Field {
	return []ent.Field{
		field.UUID("organization_id", uuid.UUID{}).Immutable(),
		// The workspace whose lines it reduces; null for all of the
		// organization's lines.
		field.UUID("workspace_id", uuid.UUID{}).Optional().Nillable().Immutable(),
		// The label of the invoice line: "Rabatt <name> (10 %)".
		field.String("name").NotEmpty().MaxLen(80).Immutable(),
		// What it is for: a scholarship, staff, a trial, or a commercial
		// agreement (a startup or loyalty discount; what every discount
		// granted before kinds were kept is).
		field.Enum("kind").Values("COMMERCIAL", "SCHOLARSHIP", "STAFF", "TRIAL").Default("COMMERCIAL").Immutable(),
		// The percentage in basis points: 1000 is 10 %.
		field.Int("basis_points").Range(1, 10000).Immutable(),
		field.String("start_date").MinLen(10).MaxLen(10).Immutable(),
		field.String("end_date").Optional().Nillable().MinLen(10).MaxLen(10),
		// Why it was granted.
		field.Text("reason").Default("").Immutable(),
		field.String("created_by_email").Default("").MaxLen(320).Immutable(),
		// Why it was ended, and by whom; empty while nobody ended it.
		field.Text("end_reason").Default(""),
		field.String("ended_by_email").Default("").MaxLen(320),
	}
}

func (Discount) Indexes() []ent.Index {
	return []ent.Index{index.Fields("organization_id")}
}
