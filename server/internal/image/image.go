// Package image keeps the operating-system and application images billing
// entities make available: what each is (name, kind, OS, version), how
// large and where it is fetched from (an https URL or an OCI reference).
//
// An image belongs to a billing entity, the licensee's by default. The
// licensee's staff see every image and share one with whole billing
// entities; a reseller's staff see their own entity's images and those
// shared with it and change only their own; a customer's user reads those
// of their organizations' billing entities and those shared with them. The
// data layer enforces all of it from the table's scope
// (schema.ScopeBillingEntityShared); this package words the refusals.
package image

import (
	"net/url"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/clock"
	"github.com/leitstand/leitstand/server/internal/platform/fieldmask"
)

// Kind is what an image installs.
type Kind string

// The kinds of image.
const (
	OS          Kind = "OS"
	Application Kind = "APPLICATION"
)

// Kinds lists them.
func Kinds() []Kind { return []Kind{OS, Application} }

// The bounds of an image's fields, as the contract states them.
const (
	MaxNameLen        = 100
	MaxOSLen          = 60
	MaxVersionLen     = 40
	MaxSourceLen      = 500
	MaxDescriptionLen = 1000
	// MaxSizeBytes is 10 TiB.
	MaxSizeBytes int64 = 10 << 40
)

// Values are what a caller sets on an image.
type Values struct {
	Name        string
	Kind        Kind
	OS          string
	Version     string
	SizeBytes   int64
	Source      string
	Description string
}

// Share is a billing entity an image is shared with.
type Share struct {
	BillingEntity uuid.UUID
	Name          string
	Created       time.Time
}

// Image is an image as its caller sees it.
type Image struct {
	ID            uuid.UUID
	BillingEntity uuid.UUID
	// OwnerName is the owning billing entity's name.
	OwnerName string
	Values
	// SharedWith are the shares the caller sees, by name: all of them for
	// the licensee's staff, the one with their own entity for a reseller's.
	SharedWith       []Share
	Created, Updated time.Time
}

// Service keeps the images.
type Service struct {
	client *ent.Client
	audit  *audit.Writer
	clock  clock.Clock
}

// NewService returns the service.
func NewService(client *ent.Client, aw *audit.Writer, clk clock.Clock) *Service {
	return &Service{client: client, audit: aw, clock: clk}
}

var (
	versionPattern = regexp.MustCompile(`^[0-9A-Za-z][0-9A-Za-z._+~ -]*$`)
	// ociPattern is an OCI image reference (the distribution reference
	// grammar): a registry host, a repository path, a tag and/or a digest.
	ociPattern = regexp.MustCompile(`^(?P<host>[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::[0-9]+)?)` +
		`(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)+` +
		`(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?` +
		`(?:@[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[0-9a-fA-F]{32,})?$`)
)

// CheckSource says what is wrong with an image's source, if anything: it
// is an https URL to a host, or an OCI image reference that names its
// registry (a host with a dot or a port, or localhost), so that a bare
// name is never read as an image of some default registry.
func CheckSource(s string) (rule, message string) {
	switch {
	case s == "":
		return "source.required", "say where the image is fetched from: an https URL or an OCI reference"
	case utf8.RuneCountInString(s) > MaxSourceLen:
		return "source.max_len", "at most 500 characters"
	case strings.ContainsAny(s, " \t\r\n"):
		return "source.format", "a URL or an OCI reference has no spaces"
	case strings.HasPrefix(strings.ToLower(s), "https://"):
		u, err := url.Parse(s)
		if err != nil || u.Hostname() == "" || u.User != nil {
			return "source.url", "not a valid https URL (https://host/path, without a login)"
		}
		return "", ""
	case strings.Contains(s, "://"):
		return "source.scheme", "an https URL or an OCI reference; plain http and other schemes are refused"
	}
	m := ociPattern.FindStringSubmatch(s)
	if m == nil {
		return "source.oci", "not an OCI image reference (registry/repository:tag, e.g. docker.io/library/nextcloud:29)"
	}
	host := m[ociPattern.SubexpIndex("host")]
	if !strings.ContainsAny(host, ".:") && host != "localhost" {
		return "source.oci_registry", "an OCI reference names its registry first (docker.io/library/nextcloud:29, not library/nextcloud:29)"
	}
	return "", ""
}

// mask lists the fields CreateImage sets and UpdateImage may change, how
// each is checked and copied.
var mask = fieldmask.Mask[Values]{Fields: []fieldmask.Field[Values]{
	{Path: "name",
		Check: func(v Values) (string, string) {
			if v.Name == "" {
				return "name.required", "give the image a name"
			}
			return fieldmask.Require(utf8.RuneCountInString(v.Name) <= MaxNameLen, "name.max_len", "at most 100 characters")
		},
		Copy: func(d *Values, s Values) { d.Name = strings.TrimSpace(s.Name) }},
	{Path: "kind",
		Check: func(v Values) (string, string) {
			return fieldmask.Require(v.Kind == OS || v.Kind == Application, "kind.required", "choose an operating system or an application")
		},
		Copy: func(d *Values, s Values) { d.Kind = s.Kind }},
	{Path: "os",
		Check: func(v Values) (string, string) {
			if v.OS == "" {
				return "os.required", "name the operating system the image is or runs on"
			}
			return fieldmask.Require(utf8.RuneCountInString(v.OS) <= MaxOSLen, "os.max_len", "at most 60 characters")
		},
		Copy: func(d *Values, s Values) { d.OS = strings.TrimSpace(s.OS) }},
	{Path: "version",
		Check: func(v Values) (string, string) {
			switch {
			case v.Version == "":
				return "version.required", "give the image's version"
			case utf8.RuneCountInString(v.Version) > MaxVersionLen:
				return "version.max_len", "at most 40 characters"
			}
			return fieldmask.Require(versionPattern.MatchString(v.Version), "version.format",
				"letters, digits and . _ + ~ - or spaces, starting with a letter or digit")
		},
		Copy: func(d *Values, s Values) { d.Version = strings.TrimSpace(s.Version) }},
	{Path: "size_bytes",
		Check: func(v Values) (string, string) {
			return fieldmask.Require(v.SizeBytes > 0 && v.SizeBytes <= MaxSizeBytes, "size_bytes.range", "a size from 1 byte to 10 TiB")
		},
		Copy: func(d *Values, s Values) { d.SizeBytes = s.SizeBytes }},
	{Path: "source", Check: func(v Values) (string, string) { return CheckSource(v.Source) },
		Copy: func(d *Values, s Values) { d.Source = strings.TrimSpace(s.Source) }},
	{Path: "description",
		Check: func(v Values) (string, string) {
			return fieldmask.Require(utf8.RuneCountInString(v.Description) <= MaxDescriptionLen, "description.max_len", "at most 1000 characters")
		},
		Copy: func(d *Values, s Values) { d.Description = strings.TrimSpace(s.Description) }},
}}

// Paths are the update-mask paths UpdateImage accepts.
var Paths = mask.Paths()

// state is what the audit trail keeps of an image.
func state(v Values) map[string]any {
	return map[string]any{"name": v.Name, "kind": v.Kind, "os": v.OS, "version": v.Version, "size_bytes": v.SizeBytes,
		"source": v.Source, "description": v.Description}
}
