// Package ids converts between the UUIDv7 keys of rows and the TypeIDs the
// API shows (org_01j…): a person and a log line can tell what an id names,
// and an id of the wrong kind is refused as invalid.
package ids

import (
	"encoding/binary"
	"strings"

	"github.com/google/uuid"
	"go.jetify.com/typeid"

	"github.com/leitstand/leitstand/server/internal/platform/apierr"
)

// Prefix is the type prefix of a kind of object.
type Prefix string

// The kinds of object the API names.
const (
	Organization    Prefix = "org"
	Workspace       Prefix = "ws"
	User            Prefix = "usr"
	APIToken        Prefix = "tok"
	AuditEvent      Prefix = "aud"
	BillingEntity   Prefix = "be"
	Session         Prefix = "ses"
	JobRun          Prefix = "run"
	Server          Prefix = "srv"
	Connection      Prefix = "conn"
	Datasource      Prefix = "ds"
	Container       Prefix = "ctr"
	ServerEvent     Prefix = "sev"
	CatalogItem     Prefix = "cat"
	ProductOffer    Prefix = "ofr"
	Service         Prefix = "svc"
	StatusChange    Prefix = "sst"
	LogbookEntry    Prefix = "lbk"
	Order           Prefix = "ord"
	OrderComment    Prefix = "ocm"
	TimeEntry       Prefix = "tim"
	ProcessTemplate Prefix = "ptp"
	OrderProcess    Prefix = "prc"
	ProcessStep     Prefix = "pst"
	Alert           Prefix = "alr"
	AlertLabel      Prefix = "alb"
	Feedback        Prefix = "fbk"
	Plan            Prefix = "pln"
	PlanVersion     Prefix = "plv"
	Contract        Prefix = "cntr"
	Invoice         Prefix = "inv"
	Discount        Prefix = "dsc"
	Payment         Prefix = "pay"
	BankStatement   Prefix = "bst"
	BankLine        Prefix = "bln"
	PaymentAccount  Prefix = "pac"
	ProviderEvent   Prefix = "pev"
	PaymentCustomer Prefix = "pcu"
	DunningNotice   Prefix = "dun"
	Trial           Prefix = "trl"
	UpgradeRequest  Prefix = "upr"
	ReferralLine    Prefix = "rcm"
	PartnerPayout   Prefix = "ppo"
	Course          Prefix = "crs"
	TrainingSession Prefix = "tse"
	Registration    Prefix = "reg"
	Licence         Prefix = "lic"
	LicenceNotice   Prefix = "lno"
	WebhookEndpoint Prefix = "whe"
	WebhookDelivery Prefix = "whd"
	WebhookEvent    Prefix = "evt"
	Image           Prefix = "img"
	UsageReport     Prefix = "urep"
	SavedView       Prefix = "sv"
)

// Format renders id as a TypeID with prefix p.
//
// It encodes by hand instead of through typeid.FromUUIDBytesWithPrefix,
// which validates the prefix and allocates on every call: list pages format
// several ids per row, and the prefixes here are constants.
func Format(p Prefix, id uuid.UUID) string {
	var buf [32]byte
	n := copy(buf[:], p)
	buf[n] = '_'
	n++
	encodeBase32(buf[n:n+26], id)
	return string(buf[:n+26])
}

// alphabet is Crockford's base32 in lower case, as the TypeID spec uses it.
const alphabet = "0123456789abcdefghjkmnpqrstvwxyz"

// encodeBase32 writes the 128 bits of id as 26 characters of 5 bits each,
// most significant first; the first character holds only 3 bits (the spec
// pads the number with two leading zero bits).
func encodeBase32(dst []byte, id uuid.UUID) {
	hi := binary.BigEndian.Uint64(id[:8])
	lo := binary.BigEndian.Uint64(id[8:])
	for i := 25; i >= 0; i-- {
		dst[i] = alphabet[lo&31]
		lo = lo>>5 | hi<<59
		hi >>= 5
	}
}

// FormatPtr renders a nullable id; nil becomes "".
func FormatPtr(p Prefix, id *uuid.UUID) string {
	if id == nil {
		return ""
	}
	return Format(p, *id)
}

// Parse reads a TypeID of kind p from the request field named field.
func Parse(p Prefix, field, s string) (uuid.UUID, error) {
	tid, err := typeid.FromString(s)
	if err != nil {
		return uuid.Nil, apierr.Invalid(field, "id.format", "%q is not a valid id (expected %s_…)", s, p)
	}
	if tid.Prefix() != string(p) {
		return uuid.Nil, apierr.Invalid(field, "id.prefix", "%q is not a %s id (expected %s_…)", s, p, p)
	}
	u, err := uuid.FromBytes(tid.UUIDBytes())
	if err != nil {
		return uuid.Nil, apierr.Invalid(field, "id.format", "%q is not a valid id", s)
	}
	return u, nil
}

// ParseOptional is Parse where an empty string means "none".
func ParseOptional(p Prefix, field, s string) (*uuid.UUID, error) {
	if s == "" {
		return nil, nil
	}
	u, err := Parse(p, field, s)
	if err != nil {
		return nil, err
	}
	return &u, nil
}

// ParseAny reads a TypeID of any kind, e.g. one pasted into the search:
// its prefix and the row's key, and false when s is no TypeID. Upper case
// is read as lower case.
func ParseAny(s string) (Prefix, uuid.UUID, bool) {
	tid, err := typeid.FromString(strings.ToLower(strings.TrimSpace(s)))
	if err != nil || tid.Prefix() == "" {
		return "", uuid.Nil, false
	}
	u, err := uuid.FromBytes(tid.UUIDBytes())
	if err != nil {
		return "", uuid.Nil, false
	}
	return Prefix(tid.Prefix()), u, true
}
