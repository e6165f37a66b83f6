package demo

import (
	"context"
	"fmt"
	"strings"

	"github.com/leitstand/leitstand/server/internal/catalog"
)

// glyphs are the drawings of the demo icons, each on a 64×64 canvas in
// white on the item's colour.
var glyphs = map[string]string{
	// A cloud.
	"cloud": `<path d="M20 44h26a9 9 0 0 0 0-18 13 13 0 0 0-25-3 10 10 0 0 0-1 21z" fill="#fff"/>`,
	// An envelope.
	"mail": `<rect x="14" y="20" width="36" height="24" rx="3" fill="#fff"/><path d="M15 22l17 13 17-13" fill="none" stroke="COLOR" stroke-width="3"/>`,
	// A page with lines.
	"page": `<rect x="18" y="14" width="28" height="36" rx="3" fill="#fff"/><path d="M23 24h18M23 31h18M23 38h12" stroke="COLOR" stroke-width="3" stroke-linecap="round"/>`,
	// A database cylinder.
	"database": `<ellipse cx="32" cy="20" rx="14" ry="5" fill="#fff"/><path d="M18 20v24c0 3 6 5 14 5s14-2 14-5V20c0 3-6 5-14 5s-14-2-14-5z" fill="#fff"/><path d="M18 31c0 3 6 5 14 5s14-2 14-5" fill="none" stroke="COLOR" stroke-width="2"/>`,
	// A circular arrow.
	"backup": `<path d="M44 32a12 12 0 1 1-4-9" fill="none" stroke="#fff" stroke-width="5" stroke-linecap="round"/><path d="M42 14v11H31z" fill="#fff"/>`,
	// Two speech bubbles.
	"chat": `<rect x="12" y="16" width="28" height="20" rx="5" fill="#fff"/><path d="M18 36v7l7-7z" fill="#fff"/><rect x="28" y="28" width="24" height="16" rx="5" fill="#fff" opacity=".75"/>`,
	// A shield.
	"shield": `<path d="M32 12l16 6v12c0 11-7 18-16 22-9-4-16-11-16-22V18z" fill="#fff"/><path d="M25 32l5 5 9-10" fill="none" stroke="COLOR" stroke-width="3.5" stroke-linecap="round" stroke-linejoin="round"/>`,
	// A git branch.
	"branch": `<circle cx="22" cy="18" r="5" fill="#fff"/><circle cx="22" cy="46" r="5" fill="#fff"/><circle cx="42" cy="26" r="5" fill="#fff"/><path d="M22 22v20M42 30c0 8-20 6-20 12" fill="none" stroke="#fff" stroke-width="4"/>`,
}

// icon draws a demo icon: glyph on a rounded square of colour.
func icon(glyph, color string) []byte {
	g := strings.ReplaceAll(glyphs[glyph], "COLOR", color)
	return []byte(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" width="64" height="64">` +
		`<rect width="64" height="64" rx="14" fill="` + color + `"/>` + g + `</svg>`)
}

// catalogItems are the demo catalog: managed services as hosting
// operators sell them, prices in cents a month.
var catalogItems = []struct {
	name, description string
	category          catalog.Category
	price             int64
	storageGB, setup  int
	glyph, color      string
	bookable, retired bool
}{
	{"Nextcloud S", "Files, calendars and contacts for a small team: up to 10 users, daily backups, updates by us.",
		catalog.CategoryS, 2900, 100, 30, "cloud", "#0082c9", true, false},
	{"Nextcloud M", "Nextcloud for a department: up to 50 users, Collabora Online office, daily backups.",
		catalog.CategoryM, 8900, 500, 60, "cloud", "#0082c9", true, false},
	{"Nextcloud L", "Nextcloud for the whole organization: up to 250 users, office, high-availability database, single sign-on.",
		catalog.CategoryL, 24900, 2000, 240, "cloud", "#0082c9", true, false},
	{"Managed Mail", "Mail domain with IMAP, SMTP and webmail, spam and virus filtering, 25 mailboxes.",
		catalog.CategoryS, 1900, 50, 20, "mail", "#d9480f", true, false},
	{"WordPress", "A WordPress site with TLS, caching, staging copy and nightly backups.",
		catalog.CategoryS, 1500, 20, 15, "page", "#21759b", true, false},
	{"PostgreSQL M", "A managed PostgreSQL database with point-in-time recovery and monitoring.",
		catalog.CategoryM, 6900, 200, 30, "database", "#336791", true, false},
	{"Backup Vault", "Off-site backup storage with encryption at rest and 30 days of retention.",
		catalog.CategoryM, 3900, 1000, 10, "backup", "#2f9e44", true, false},
	{"Matrix Chat", "Team chat on Matrix and Element, bridged to mail notifications.",
		catalog.CategoryS, 2400, 30, 45, "chat", "#0dbd8b", true, false},
	{"Gitea L", "Git hosting with issues, pull requests and CI runners for large teams.",
		catalog.CategoryL, 14900, 500, 120, "branch", "#609926", false, false},
	{"Vaultwarden", "A password manager for the team, Bitwarden-compatible.",
		catalog.CategoryS, 900, 5, 15, "shield", "#175ddc", true, false},
	{"Nextcloud Classic", "The former Nextcloud package, replaced by Nextcloud S, M and L.",
		catalog.CategoryM, 4900, 250, 60, "cloud", "#868e96", false, true},
}

// Catalog adds the demo catalog, each item with its icon.
func (s *Seeder) Catalog(ctx context.Context) error {
	if s.CatalogService == nil {
		return nil
	}
	for _, it := range catalogItems {
		ic, err := s.CatalogService.UploadIcon(ctx, icon(it.glyph, it.color))
		if err != nil {
			return fmt.Errorf("icon of %s: %w", it.name, err)
		}
		item, err := s.CatalogService.Create(ctx, catalog.Values{
			Name: it.name, Description: it.description, Category: it.category, MonthlyPriceCents: it.price,
			EstimatedStorageGB: it.storageGB, SetupTimeMinutes: it.setup, Icon: ic.Name, Bookable: it.bookable,
		}, "demo data")
		if err != nil {
			return fmt.Errorf("catalog item %s: %w", it.name, err)
		}
		if it.retired {
			if _, err := s.CatalogService.Retire(ctx, item.ID, "replaced by the sized Nextcloud packages"); err != nil {
				return err
			}
		}
	}
	return nil
}
