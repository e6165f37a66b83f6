package demo

import (
	"context"
	"fmt"
	"image/color"
	"strings"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	"github.com/leitstand/leitstand/server/ent/billingentity"
	"github.com/leitstand/leitstand/server/ent/catalogitem"
	"github.com/leitstand/leitstand/server/internal/catalog"
	"github.com/leitstand/leitstand/server/internal/member"
	"github.com/leitstand/leitstand/server/internal/organization"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/reqctx"
	"github.com/leitstand/leitstand/server/internal/platform/tenancy"
	"github.com/leitstand/leitstand/server/internal/settings"
)

// ResellerLogin is a demo login of a reseller's staff.
type ResellerLogin struct {
	Email, Reseller string
	Role            authz.Role
}

// reseller is a demo reseller: its details, its staff and its customers.
type reseller struct {
	name, handle string
	autoApprove  bool
	capabilities []string
	settings     settings.Settings
	staff        []ResellerLogin
	customers    []string
	// city is where its customers are: a street, its postal code and
	// the city's name.
	street, postal, city string
	pendingApplicant     string
	pendingOrg           string
	// offers are the licensee's items it sells, at its price and terms;
	// own are items of its own.
	offers []demoOffer
	own    []catalog.Values
	// color is its logo's.
	color color.NRGBA
}

// demoOffer is a reseller's offer of the licensee's item.
type demoOffer struct {
	item                string
	price               int64
	minimumTerm, notice int
	description         string
}

var resellers = []reseller{
	{
		name: "Nordhost Partner GmbH", handle: "nordhost", autoApprove: false, color: color.NRGBA{R: 0x0f, G: 0x76, B: 0x6e, A: 0xff},
		capabilities: []string{string(authz.ManageCustomers), string(authz.IssueInvoices), string(authz.SeeUsageReports)},
		settings: settings.Settings{
			Company: settings.Company{Name: "Nordhost Partner GmbH", LegalForm: "GmbH",
				Address:       settings.Address{Line1: "Am Sandtorkai 41", PostalCode: "20457", City: "Hamburg", CountryCode: "DE"},
				RegisterCourt: "Amtsgericht Hamburg", RegisterNumber: "HRB 171717", ManagingDirectors: []string{"Merle Hansen"},
				Email: "rechnung@nordhost.test", Phone: "+49 40 5550100", Website: "https://nordhost.test"},
			Tax:     settings.Tax{VATRateBasisPoints: 1900, TaxNumber: "22/733/01234", VATID: "DE811569869"},
			Bank:    settings.Bank{AccountHolder: "Nordhost Partner GmbH", IBAN: "DE02200505501015871393", BIC: "HASPDEHHXXX", BankName: "Hamburger Sparkasse"},
			Invoice: settings.Invoice{NumberPrefix: "NH-", PaymentTermsDays: 14},
		},
		staff: []ResellerLogin{
			{Email: "owner@nordhost.leitstand.test", Reseller: "Nordhost Partner GmbH", Role: authz.RoleOwner},
			{Email: "operator@nordhost.leitstand.test", Reseller: "Nordhost Partner GmbH", Role: authz.RoleOperator},
		},
		customers: []string{"Fischmarkt Digital", "Speicherstadt Logistik", "Elbtunnel Medien", "Alsterblick Immobilien"},
		street:    "Große Elbstraße", postal: "22767", city: "Hamburg",
		pendingApplicant: "Kira Jensen", pendingOrg: "Deichgraf Webdesign",
		offers: []demoOffer{
			{item: "Nextcloud S", price: 3400, minimumTerm: 12, notice: 30, description: "Nextcloud für kleine Teams, betreut von Nordhost in Hamburg."},
			{item: "Nextcloud M", price: 10900, minimumTerm: 12, notice: 30, description: "Nextcloud mit Collabora Online, Support von Nordhost."},
			{item: "Managed Mail", price: 2400, minimumTerm: 1, notice: 14},
			{item: "WordPress", price: 3900, minimumTerm: 3, notice: 14},
			{item: "Backup Vault", price: 4500, minimumTerm: 1, notice: 14},
		},
		own: []catalog.Values{{Name: "Nordhost Website-Check", Description: "Monthly review of a site's speed, security headers and certificates, with a written report.",
			Category: catalog.CategoryS, MonthlyPriceCents: 4900, Bookable: true}},
	},
	{
		name: "Südcloud Reseller AG", handle: "suedcloud", autoApprove: true, color: color.NRGBA{R: 0xc2, G: 0x41, B: 0x0c, A: 0xff},
		capabilities: []string{string(authz.ManageCustomers), string(authz.IssueInvoices)},
		settings: settings.Settings{
			Company: settings.Company{Name: "Südcloud Reseller AG", LegalForm: "AG",
				Address:       settings.Address{Line1: "Königstraße 10", PostalCode: "70173", City: "Stuttgart", CountryCode: "DE"},
				RegisterCourt: "Amtsgericht Stuttgart", RegisterNumber: "HRB 737373", ManagingDirectors: []string{"Benedikt Maier", "Sophie Weber"},
				Email: "buchhaltung@suedcloud.test", Phone: "+49 711 5550200", Website: "https://suedcloud.test"},
			Tax:     settings.Tax{VATRateBasisPoints: 1900, TaxNumber: "99/015/56789", VATID: "DE129273398"},
			Bank:    settings.Bank{AccountHolder: "Südcloud Reseller AG", IBAN: "DE12500105170648489890", BIC: "INGDDEFFXXX", BankName: "ING"},
			Invoice: settings.Invoice{NumberPrefix: "SC-", PaymentTermsDays: 30},
		},
		staff: []ResellerLogin{
			{Email: "owner@suedcloud.leitstand.test", Reseller: "Südcloud Reseller AG", Role: authz.RoleOwner},
		},
		customers: []string{"Neckarwerk Software", "Schwabenmedia", "Weinberg Analytics"},
		street:    "Theodor-Heuss-Straße", postal: "70174", city: "Stuttgart",
		offers: []demoOffer{
			{item: "Nextcloud M", price: 9900, minimumTerm: 24, notice: 90, description: "Nextcloud für den Mittelstand, Vertrag über 24 Monate."},
			{item: "PostgreSQL M", price: 7900, minimumTerm: 12, notice: 30},
			{item: "Gitea L", price: 15900, minimumTerm: 12, notice: 30},
			{item: "Vaultwarden", price: 1200, minimumTerm: 1, notice: 14},
		},
	},
}

// ResellerLogins are the demo logins of the resellers' staff.
func ResellerLogins() []ResellerLogin {
	var out []ResellerLogin
	for _, r := range resellers {
		out = append(out, r.staff...)
	}
	return out
}

// Resellers creates two resellers with their own company details, number
// ranges, staff and customers: Nordhost approves its sign-ups by hand and
// has one waiting; Südcloud approves them at once and may not see usage
// reports. The licensee takes sign-ups too, approving them by hand.
func (s *Seeder) Resellers(ctx context.Context) error {
	sys := authz.System(ctx)
	now := s.Clock.Now()
	if err := s.Client.BillingEntity.Update().Where(billingentity.KindEQ(billingentity.KindLICENSEE)).
		SetAcceptSignups(true).SetAutoApproveSignups(false).Exec(sys); err != nil {
		return err
	}
	for _, r := range resellers {
		be, err := s.Client.BillingEntity.Create().SetName(r.name).SetKind(billingentity.KindRESELLER).
			SetSignupHandle(r.handle).SetAcceptSignups(true).SetAutoApproveSignups(r.autoApprove).
			SetCapabilities(r.capabilities).SetCreateTime(now).SetUpdateTime(now).Save(sys)
		if err != nil {
			return fmt.Errorf("create reseller %s: %w", r.name, err)
		}
		if _, _, err := s.Settings.Update(tenancy.OnBehalfOf(sys, be.ID), r.settings, []string{"company", "tax", "bank", "invoice"}, "demo data"); err != nil {
			return fmt.Errorf("settings of %s: %w", r.name, err)
		}
		if _, _, err := s.Settings.UploadLogo(tenancy.OnBehalfOf(sys, be.ID), logoIn(r.color), "image/png", "demo data"); err != nil {
			return fmt.Errorf("logo of %s: %w", r.name, err)
		}
		if s.Fleet != nil {
			if err := s.Fleet.AttachResellerMail(ctx, s.Settings, be.ID, r.settings.Company.Email, r.name); err != nil {
				return err
			}
		}
		var owner *member.User
		for _, l := range r.staff {
			u, err := s.Members.CreateUser(sys, member.NewUser{Email: l.Email, DisplayName: displayNameOf(l), Password: Password,
				Role: l.Role, BillingEntity: &be.ID}, "demo data")
			if err != nil {
				return fmt.Errorf("create %s: %w", l.Email, err)
			}
			if owner == nil {
				owner = u
			}
		}
		// The reseller's owner creates its customers, as they would.
		as := authz.WithPrincipal(ctx, &authz.Principal{UserID: owner.ID, Email: owner.Email, Role: authz.RoleOwner,
			Permissions: authz.Effective(authz.RoleOwner, nil), Method: authz.MethodSession, BillingEntityID: &be.ID})
		if err := s.resellerCatalog(as, r); err != nil {
			return fmt.Errorf("catalog of %s: %w", r.name, err)
		}
		for i, name := range r.customers {
			v := organization.Values{Name: name, LegalName: name + " GmbH", BillingEmail: "rechnung@" + slug(name) + ".test",
				Address: organization.Address{Line1: fmt.Sprintf("%s %d", r.street, 3+7*i), PostalCode: r.postal, City: r.city, CountryCode: "DE"}}
			o, err := s.Orgs.Create(as, v, uuid.Nil, "demo data")
			if err != nil {
				return fmt.Errorf("create %s: %w", name, err)
			}
			// A workspace the demo's services are booked into.
			if _, err := s.Orgs.CreateWorkspace(as, o.ID, "Produktion", nil, "demo data"); err != nil {
				return fmt.Errorf("workspace of %s: %w", name, err)
			}
		}
		if r.pendingOrg != "" {
			if _, err := s.signUp(ctx, r.handle, r.pendingOrg, r.pendingApplicant); err != nil {
				return err
			}
		}
	}
	// One sign-up waits for the licensee itself.
	_, err := s.signUp(ctx, "", "Bergwacht IT Services", "Tobias Huber")
	return err
}

// signUp signs an organization up through the portal's sign-up, as its
// applicant would.
// resellerCatalog adds the reseller's offers of the licensee's items and
// its own items, as its owner would.
func (s *Seeder) resellerCatalog(as context.Context, r reseller) error {
	if s.CatalogService == nil {
		return nil
	}
	for _, o := range r.offers {
		it, err := s.Client.CatalogItem.Query().Where(catalogitem.Name(o.item), catalogitem.BillingEntityIDNotNil()).First(as)
		if ent.IsNotFound(err) {
			continue // the demo catalog was not seeded
		}
		if err != nil {
			return err
		}
		if _, err := s.CatalogService.CreateOffer(as, it.ID, catalog.OfferValues{MonthlyPriceCents: o.price, MinimumTermMonths: o.minimumTerm,
			NoticePeriodDays: o.notice, Description: o.description, Bookable: true}, "demo data"); err != nil {
			return fmt.Errorf("offer %s: %w", o.item, err)
		}
	}
	for _, v := range r.own {
		if _, err := s.CatalogService.Create(as, v, "demo data"); err != nil {
			return fmt.Errorf("item %s: %w", v.Name, err)
		}
	}
	return nil
}

func (s *Seeder) signUp(ctx context.Context, handle, org, applicant string) (*organization.SignedUp, error) {
	ctx = reqctx.With(ctx, &reqctx.Info{RemoteAddr: "127.0.0.1:0"})
	out, err := s.Orgs.SignUp(ctx, organization.SignUpRequest{Handle: handle, OrganizationName: org, DisplayName: applicant,
		Email: "kontakt@" + slug(org) + ".test", Pw: Password})
	if err != nil {
		return nil, fmt.Errorf("sign up %s: %w", org, err)
	}
	return out, nil
}

// slug is name as a host name: lower case, umlauts spelt out, words
// joined by dashes.
func slug(name string) string {
	return strings.ToLower(strings.NewReplacer(" ", "-", "ä", "ae", "ö", "oe", "ü", "ue", "ß", "ss", "&", "und").Replace(name))
}

func displayNameOf(l ResellerLogin) string {
	switch l.Role {
	case authz.RoleOwner:
		return "Inhaber " + l.Reseller
	case authz.RoleOperator:
		return "Betrieb " + l.Reseller
	}
	return l.Reseller
}
