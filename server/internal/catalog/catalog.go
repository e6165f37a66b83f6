// Package catalog is the service catalog: what customers can book, in a
// size class, at a monthly price, with an icon, and the offers under which
// resellers sell the licensee's items at their own price and terms.
//
// The rules:
//   - Every item belongs to a billing entity, the licensee's unless a
//     reseller adds its own. Everyone reads the licensee's items (resellers
//     sell from them); a reseller's own items are its staff's and its
//     customers' alone. Names are unique within an entity.
//   - A customer books the items of its own billing entity at their price,
//     and another entity's item only under an offer of its own entity, at
//     the offer's price (Pricing). The item owner's price is kept on the
//     booking as its wholesale price.
//   - An item is never deleted: once anything may refer to it (a booked
//     instance, an invoice line) it is kept for history, so it is retired
//     instead — not bookable, and never changed again.
//   - A price applies to new bookings only: an instance keeps the price it
//     was booked at (the instance stores it), unless staff change the
//     instance's price with a reason.
//   - Icons are PNG, WebP or SVG of at most MaxIconBytes, checked by
//     their content; SVG that can do more than draw is refused, not
//     cleaned (blob.CheckImage). They are stored under the hash of their
//     content (blob.Name); the storage cleanup removes those no item
//     refers to a day after their upload.
package catalog

import (
	"strings"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/internal/platform/blob"
	"github.com/leitstand/leitstand/server/internal/platform/fieldmask"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
)

// Category is an item's size class.
type Category = string

// The categories.
const (
	CategoryS Category = "S"
	CategoryM Category = "M"
	CategoryL Category = "L"
)

// Categories lists the categories, smallest first.
func Categories() []Category { return []Category{CategoryS, CategoryM, CategoryL} }

// Currency is the currency of every price.
const Currency = "EUR"

// IconPrefix is the folder of catalog icons in the file store.
const IconPrefix = "catalog-icons"

// MaxIconBytes is the largest icon accepted.
const MaxIconBytes = 256 << 10

// Limits of the values.
const (
	MaxNameLen           = 200
	MaxDescriptionLen    = 4000
	MaxMonthlyPriceCents = 100_000_000 // one million euros a month
	MaxStorageGB         = 1_000_000
	MaxSetupTimeMinutes  = 365 * 24 * 60
)

// Values are an item's editable fields.
type Values struct {
	Name        string
	Description string
	Category    Category
	// MonthlyPriceCents is the price of new bookings in cents of EUR, net
	// of VAT.
	MonthlyPriceCents  int64
	EstimatedStorageGB int
	SetupTimeMinutes   int
	// Icon is the icon's name in the file store (<sha256>.<ext>); "" for
	// none.
	Icon     string
	Bookable bool
}

// Item is a catalog item.
type Item struct {
	ID uuid.UUID
	// BillingEntity sells it.
	BillingEntity uuid.UUID
	Values
	Currency string
	// RetireTime is when it was retired; nil while it is in the catalog.
	RetireTime             *time.Time
	CreateTime, UpdateTime time.Time
}

// Retired reports whether the item is retired.
func (i Item) Retired() bool { return i.RetireTime != nil }

// IconURL is where the item's icon is served; "" without one.
func (i Item) IconURL() string { return blob.URL(IconPrefix, i.Icon) }

// Icon is a stored icon.
type Icon struct {
	Name        string
	ContentType string
	Size        int64
}

// URL is where the icon is served.
func (i Icon) URL() string { return blob.URL(IconPrefix, i.Name) }

// mask lists the fields CreateCatalogItem sets and UpdateCatalogItem may
// change, how each is checked and copied.
var mask = fieldmask.Mask[Values]{Fields: []fieldmask.Field[Values]{
	{Path: "name",
		Check: func(v Values) (string, string) {
			if v.Name == "" {
				return "name.required", "give the item a name"
			}
			return fieldmask.Require(utf8.RuneCountInString(v.Name) <= MaxNameLen, "name.max_len", "at most 200 characters")
		},
		Copy: func(d *Values, s Values) { d.Name = strings.TrimSpace(s.Name) }},
	{Path: "description",
		Check: func(v Values) (string, string) {
			return fieldmask.Require(utf8.RuneCountInString(v.Description) <= MaxDescriptionLen, "description.max_len", "at most 4000 characters")
		},
		Copy: func(d *Values, s Values) { d.Description = strings.TrimSpace(s.Description) }},
	{Path: "category",
		Check: func(v Values) (string, string) {
			switch v.Category {
			case CategoryS, CategoryM, CategoryL:
				return "", ""
			}
			return "category.required", "choose S, M or L"
		},
		Copy: func(d *Values, s Values) { d.Category = s.Category }},
	{Path: "monthly_price_cents",
		Check: func(v Values) (string, string) {
			return fieldmask.Require(v.MonthlyPriceCents >= 0 && v.MonthlyPriceCents <= MaxMonthlyPriceCents,
				"monthly_price_cents.range", "a price from 0 to 1,000,000.00 EUR a month, in cents")
		},
		Copy: func(d *Values, s Values) { d.MonthlyPriceCents = s.MonthlyPriceCents }},
	{Path: "estimated_storage_gb",
		Check: func(v Values) (string, string) {
			return fieldmask.Require(v.EstimatedStorageGB >= 0 && v.EstimatedStorageGB <= MaxStorageGB, "estimated_storage_gb.range", "from 0 to 1,000,000 GB")
		},
		Copy: func(d *Values, s Values) { d.EstimatedStorageGB = s.EstimatedStorageGB }},
	{Path: "setup_time_minutes",
		Check: func(v Values) (string, string) {
			return fieldmask.Require(v.SetupTimeMinutes >= 0 && v.SetupTimeMinutes <= MaxSetupTimeMinutes, "setup_time_minutes.range", "from 0 minutes to a year")
		},
		Copy: func(d *Values, s Values) { d.SetupTimeMinutes = s.SetupTimeMinutes }},
	{Path: "icon",
		Check: func(v Values) (string, string) {
			return fieldmask.Require(v.Icon == "" || blob.ValidName(v.Icon, blob.ImageExts...), "icon.name",
				"not the name of an uploaded icon (<sha256>.png, .webp or .svg from UploadCatalogIcon)")
		},
		Copy: func(d *Values, s Values) { d.Icon = s.Icon }},
	{Path: "bookable", Copy: func(d *Values, s Values) { d.Bookable = s.Bookable }},
}}

// Paths are the update-mask paths UpdateCatalogItem accepts.
var Paths = mask.Paths()

// state is what the audit trail keeps of an item.
func state(i Item) map[string]any {
	out := map[string]any{
		"billing_entity_id": ids.Format(ids.BillingEntity, i.BillingEntity),
		"name":              i.Name, "description": i.Description, "category": i.Category,
		"monthly_price_cents": i.MonthlyPriceCents, "currency": i.Currency,
		"estimated_storage_gb": i.EstimatedStorageGB, "setup_time_minutes": i.SetupTimeMinutes,
		"icon": i.Icon, "bookable": i.Bookable,
	}
	if i.RetireTime != nil {
		out["retire_time"] = i.RetireTime.UTC().Format(time.RFC3339)
	}
	return out
}
