package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/dialect/entsql"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
	"github.com/google/uuid"
)

// Course is a training of the platform's catalogue. Never deleted once it
// had a session: retired instead (no new sessions). Money in cents of
// currency, net of VAT.
type Course struct{ ent.Schema }

func (Course) Mixin() []ent.Mixin {
	return []ent.Mixin{idMixin{}, timeMixin{},
		sharedByPlatform("the platform's training catalogue: customers book their people onto its courses and resellers' staff register their customers, so every caller reads it; only the platform's staff change it")}
}

func (Course) Fields() []ent.Field {
	return []ent.Field{
		field.String("title").NotEmpty().MaxRuneLen(200),
		// The title folded (platform/textfold), unique: two courses whose
		// titles differ only in case or accents would be confused.
		field.String("title_key").NotEmpty(),
		field.Text("description").Default(""),
		field.String("language").MaxLen(2),
		field.Int("duration_minutes").Positive(),
		field.Int("validity_months").Positive(),
		field.Int64("seat_price_cents").Min(0),
		field.String("currency").Default("EUR").MaxLen(3),
		field.Bool("retired").Default(false),
	}
}

func (Course) Edges() []ent.Edge {
	return []ent.Edge{edge.To("sessions", TrainingSession.Type)}
}

func (Course) Indexes() []ent.Index {
	return []ent.Index{index.Fields("title_key").Unique()}
}

// TrainingSession is a course held at a time, online or at a location, by
// a staff member, for at most capacity attendees. SCHEDULED until it is
// COMPLETED or CANCELLED; both are final. The seat price is the course's
// until the session is completed, then frozen with it.
type TrainingSession struct{ ent.Schema }

func (TrainingSession) Mixin() []ent.Mixin {
	return []ent.Mixin{idMixin{}, timeMixin{},
		sharedByPlatform("the platform's training dates: customers register their people onto them and resellers' staff their customers, so every caller reads them; only the platform's staff schedule and hold them")}
}

func (TrainingSession) Fields() []ent.Field {
	return []ent.Field{
		field.UUID("course_id", uuid.UUID{}).Immutable(),
		field.Time("start_time"),
		field.Time("end_time"),
		field.String("online_url").Default("").MaxRuneLen(500),
		field.String("location").Default("").MaxRuneLen(300),
		field.UUID("trainer_id", uuid.UUID{}),
		field.Int("capacity").Positive(),
		field.Enum("status").Values("SCHEDULED", "COMPLETED", "CANCELLED").Default("SCHEDULED"),
		field.Time("status_time"),
		field.Text("status_reason").Default(""),
		// Frozen at completion: what each seat was charged.
		field.Int64("seat_price_cents").Optional().Nillable(),
		field.String("currency").Default("").MaxLen(3),
	}
}

func (TrainingSession) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("course", Course.Type).Ref("sessions").Field("course_id").Unique().Required().Immutable(),
		edge.To("registrations", Registration.Type),
	}
}

func (TrainingSession) Indexes() []ent.Index {
	return []ent.Index{index.Fields("start_time", "id"), index.Fields("course_id", "start_time")}
}

// Registration is a person on a session's roster, for their organization:
// a user of it, or a name and e-mail address for someone without a login.
// CONFIRMED holds a seat, WAITLISTED waits for one (in the order of
// waitlist_time), CANCELLED holds nothing. A person (by e-mail address,
// folded to lower case) is on a session once unless cancelled (a partial
// unique index).
type Registration struct{ ent.Schema }

func (Registration) Mixin() []ent.Mixin {
	return []ent.Mixin{idMixin{}, timeMixin{}, ownedByOrganization("organization_id")}
}

func (Registration) Fields() []ent.Field {
	return []ent.Field{
		field.UUID("session_id", uuid.UUID{}).Immutable(),
		field.UUID("organization_id", uuid.UUID{}).Immutable(),
		field.UUID("user_id", uuid.UUID{}).Optional().Nillable().Immutable(),
		field.String("name").NotEmpty().MaxRuneLen(200).Immutable(),
		field.String("email").NotEmpty().MaxLen(254).Immutable(),
		field.Enum("status").Values("CONFIRMED", "WAITLISTED", "CANCELLED"),
		// When it joined the waitlist: the line's order.
		field.Time("waitlist_time").Optional().Nillable(),
		field.Enum("attendance").Values("UNMARKED", "PRESENT", "ABSENT").Default("UNMARKED"),
		field.Text("cancel_reason").Default(""),
		field.String("registered_by_email").Default("").MaxLen(320).Immutable(),
	}
}

func (Registration) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("session", TrainingSession.Type).Ref("registrations").Field("session_id").Unique().Required().Immutable(),
	}
}

func (Registration) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("session_id", "email").Unique().StorageKey("registrations_once_per_session").
			Annotations(entsql.IndexWhere("status <> 'CANCELLED'")),
		index.Fields("organization_id", "create_time"),
	}
}

// Licence is a person's proof of a completed course, granted from the
// completion day (valid_from) to its last valid day (valid_until, both
// YYYY-MM-DD in the platform's time zone). One per registration. Revoked
// with a reason, never deleted. Its certificate carries verification_code.
type Licence struct{ ent.Schema }

func (Licence) Mixin() []ent.Mixin {
	return []ent.Mixin{idMixin{}, timeMixin{},
		readOnly(ownedByOrganization("organization_id")), searchableBy("name", "email")}
}

func (Licence) Fields() []ent.Field {
	return []ent.Field{
		field.UUID("organization_id", uuid.UUID{}).Immutable(),
		field.UUID("registration_id", uuid.UUID{}).Immutable(),
		field.UUID("session_id", uuid.UUID{}).Immutable(),
		field.UUID("course_id", uuid.UUID{}).Immutable(),
		field.UUID("user_id", uuid.UUID{}).Optional().Nillable().Immutable(),
		field.String("name").NotEmpty().MaxRuneLen(200).Immutable(),
		field.String("email").NotEmpty().MaxLen(254).Immutable(),
		field.String("valid_from").MaxLen(10).Immutable(),
		field.String("valid_until").MaxLen(10).Immutable(),
		field.Time("revoke_time").Optional().Nillable(),
		field.Text("revoke_reason").Default(""),
		field.String("verification_code").NotEmpty().Immutable(),
	}
}

func (Licence) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("registration_id").Unique(),
		index.Fields("verification_code").Unique(),
		index.Fields("valid_until", "id"),
		index.Fields("organization_id", "valid_until"),
	}
}

// LicenceNotice tells an organization's admins in the portal, and staff by
// a task, that a licence expires soon (EXPIRING) or has expired (EXPIRED):
// written by the Licence Expiry job, once per licence and kind.
type LicenceNotice struct{ ent.Schema }

func (LicenceNotice) Mixin() []ent.Mixin {
	return []ent.Mixin{idMixin{}, readOnly(ownedByOrganization("organization_id"))}
}

func (LicenceNotice) Fields() []ent.Field {
	return []ent.Field{
		field.UUID("organization_id", uuid.UUID{}).Immutable(),
		field.UUID("licence_id", uuid.UUID{}).Immutable(),
		field.Enum("kind").Values("EXPIRING", "EXPIRED").Immutable(),
		// The staff task (an order) the job opened with it.
		field.UUID("order_id", uuid.UUID{}).Optional().Nillable().Immutable(),
		field.Time("create_time").Immutable(),
	}
}

func (LicenceNotice) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("licence_id", "kind").Unique(),
		index.Fields("organization_id", "create_time"),
	}
}

// TrainingCharge is the seats an organization had on a completed paid
// session, charged once as a line of its next invoice (invoice_id and
// invoice_time set by the billing run that charges it). One per session
// and organization (a unique index): completing again charges nothing
// twice.
type TrainingCharge struct{ ent.Schema }

func (TrainingCharge) Mixin() []ent.Mixin {
	return []ent.Mixin{idMixin{}, readOnly(ownedByOrganization("organization_id"))}
}

func (TrainingCharge) Fields() []ent.Field {
	return []ent.Field{
		field.UUID("organization_id", uuid.UUID{}).Immutable(),
		field.UUID("session_id", uuid.UUID{}).Immutable(),
		// The invoice line's text: course and date.
		field.String("description").NotEmpty().MaxRuneLen(300).Immutable(),
		// The day the session was completed (YYYY-MM-DD).
		field.String("day").MaxLen(10).Immutable(),
		field.Int("seats").Positive().Immutable(),
		field.Int64("seat_price_cents").Positive().Immutable(),
		field.String("currency").MaxLen(3).Immutable(),
		field.Time("create_time").Immutable(),
		field.UUID("invoice_id", uuid.UUID{}).Optional().Nillable(),
		field.Time("invoice_time").Optional().Nillable(),
	}
}

func (TrainingCharge) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("session_id", "organization_id").Unique(),
		index.Fields("organization_id", "invoice_time"),
	}
}
