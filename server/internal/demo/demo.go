// Package demo fills a database with a believable platform for trying
// Leitstand out and with large synthetic data sets for benchmarks
// (Synthetic). Each area's module names its step of the demo (Logins,
// Organizations, CompanySettings, Infrastructure, …) and app.SeedDemo runs
// them in the order of the module list. All are deterministic: the same
// call gives the same data.
package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	"github.com/leitstand/leitstand/server/ent/membership"
	"github.com/leitstand/leitstand/server/ent/organization"
	"github.com/leitstand/leitstand/server/ent/user"
	"github.com/leitstand/leitstand/server/internal/alert"
	"github.com/leitstand/leitstand/server/internal/catalog"
	"github.com/leitstand/leitstand/server/internal/contract"
	"github.com/leitstand/leitstand/server/internal/dunning"
	"github.com/leitstand/leitstand/server/internal/image"
	"github.com/leitstand/leitstand/server/internal/infra"
	"github.com/leitstand/leitstand/server/internal/instance"
	"github.com/leitstand/leitstand/server/internal/invoice"
	"github.com/leitstand/leitstand/server/internal/member"
	orgdomain "github.com/leitstand/leitstand/server/internal/organization"
	"github.com/leitstand/leitstand/server/internal/payment"
	"github.com/leitstand/leitstand/server/internal/plan"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/clock"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/platform/tenancy"
	"github.com/leitstand/leitstand/server/internal/platform/vatid"
	"github.com/leitstand/leitstand/server/internal/savedview"
	"github.com/leitstand/leitstand/server/internal/settings"
	"github.com/leitstand/leitstand/server/internal/training"
	"github.com/leitstand/leitstand/server/internal/usagereport"
	"github.com/leitstand/leitstand/server/internal/webhook"
)

// Password is the password of every demo login.
const Password = "leitstand-demo"

// Login is a demo account.
type Login struct {
	Email string
	Role  authz.Role
}

// Logins are the demo accounts, one per platform role.
var Logins = []Login{
	{"owner@demo.leitstand.test", authz.RoleOwner},
	{"operator@demo.leitstand.test", authz.RoleOperator},
	{"developer@demo.leitstand.test", authz.RoleDeveloper},
	{"user@demo.leitstand.test", authz.RoleUser},
}

var staffNames = map[authz.Role]string{
	authz.RoleOwner: "Olivia Owner", authz.RoleOperator: "Oskar Operator",
	authz.RoleDeveloper: "Dana Developer", authz.RoleUser: "Uwe User",
}

// Seeder creates demo data.
type Seeder struct {
	Client  *ent.Client
	Audit   *audit.Writer
	Members *member.Service
	// Settings, when set, receive the demo platform's company details.
	Settings *settings.Service
	Clock    clock.Clock
	// Infra and Fleet serve the infrastructure step: the fleet's
	// simulated providers become the demo's connections. Without a fleet
	// the demo has no infrastructure.
	Infra *infra.Service
	Fleet *Fleet
	// CatalogService, when set, receives the demo catalog.
	CatalogService *catalog.Service
	// Instances, when set, keeps the demo services' credentials (sealed as
	// any others are).
	Instances *instance.Service
	// AlertDesk, when set, offers the default alert labels the demo's alerts
	// are reported with.
	AlertDesk *alert.Service
	// PlanService, when set, receives the demo plans.
	PlanService *plan.Service
	// ContractService, when set, schedules the demo's plan transition.
	ContractService *contract.Service
	// InvoiceService, when set, bills the demo organizations.
	InvoiceService *invoice.Service
	// PaymentService, when set, imports the demo's bank statement.
	PaymentService *payment.Service
	// DunningService, when set, chases the demo's overdue invoices.
	DunningService *dunning.Service
	// TrainingService, when set, receives the demo's courses and
	// upcoming sessions.
	TrainingService *training.Service
	// Orgs, when set, creates the resellers' customers and sign-ups.
	Orgs *orgdomain.Service
	// WebhookService, when set, receives the demo's webhook endpoints;
	// Hooks is the receiver they post to (StartHookSink), on loopback.
	WebhookService *webhook.Service
	Hooks          *HookSink
	// ImageService, when set, receives the demo's images and shares them
	// with the resellers.
	ImageService *image.Service
	// UsageReportService, when set, stores the usage reports of the
	// demo's past months.
	UsageReportService *usagereport.Service
	// ViewService, when set, receives the demo staff's saved views.
	ViewService *savedview.Service
}

// IsEmpty reports whether the database has no users yet.
func (s *Seeder) IsEmpty(ctx context.Context) (bool, error) {
	n, err := s.Client.User.Query().Count(ctx)
	return n == 0, err
}

// Logins creates the demo logins, one per platform role.
func (s *Seeder) Logins(ctx context.Context) error {
	ctx = authz.System(ctx)
	for _, l := range Logins {
		if _, err := s.Members.CreateUser(ctx, member.NewUser{Email: l.Email, DisplayName: staffNames[l.Role], Password: Password, Role: l.Role}, "demo data"); err != nil {
			return fmt.Errorf("create %s: %w", l.Email, err)
		}
	}
	return nil
}

// Organizations creates 45 organizations with workspaces and members,
// German addresses and valid VAT IDs, created over the last two years so
// that billing days differ. The demo user (Logins) is a member of the first.
func (s *Seeder) Organizations(ctx context.Context) error {
	ctx = authz.System(ctx)
	be, err := tenancy.Licensee(ctx, s.Client)
	if err != nil {
		return err
	}
	rng := rand.New(rand.NewPCG(7, 42))
	now := s.Clock.Now()
	demoUser, err := s.Client.User.Query().Where(user.Email("user@demo.leitstand.test")).Only(ctx)
	if err != nil {
		return err
	}
	for i := range 45 {
		created := now.Add(-time.Duration(rng.IntN(730*24)) * time.Hour).Truncate(time.Second)
		if err := s.organization(ctx, rng, i, be, created, demoUser); err != nil {
			return err
		}
	}
	return nil
}

// CompanySettings gives the demo platform its company, tax, bank and
// invoice details, and its logo (Logo), which the demo invoices print.
func (s *Seeder) CompanySettings(ctx context.Context) error {
	if _, _, err := s.Settings.Update(authz.System(ctx), PlatformSettings, []string{"company", "tax", "bank", "invoice"}, "demo data"); err != nil {
		return fmt.Errorf("demo settings: %w", err)
	}
	if _, _, err := s.Settings.UploadLogo(authz.System(ctx), Logo(), "image/png", "demo data"); err != nil {
		return fmt.Errorf("demo logo: %w", err)
	}
	if s.Fleet != nil {
		return s.Fleet.AttachMail(ctx, s.Settings)
	}
	return nil
}

// PlatformSettings are the demo platform's details as an invoice issuer
// (a valid IBAN and VAT ID, a fictitious company).
var PlatformSettings = settings.Settings{
	Company: settings.Company{
		Name: "Leitstand Hosting GmbH", LegalForm: "GmbH",
		Address:       settings.Address{Line1: "Leopoldstraße 21", PostalCode: "80802", City: "München", CountryCode: "DE"},
		RegisterCourt: "Amtsgericht München", RegisterNumber: "HRB 246810",
		ManagingDirectors: []string{"Katharina Vogel", "Jonas Albrecht"},
		Email:             "buchhaltung@leitstand.test", Phone: "+49 89 1234560", Website: "https://leitstand.test",
	},
	Tax:     settings.Tax{VATRateBasisPoints: 1900, TaxNumber: "143/246/81012", VATID: "DE136695976"},
	Bank:    settings.Bank{AccountHolder: "Leitstand Hosting GmbH", IBAN: "DE89370400440532013000", BIC: "COBADEFFXXX", BankName: "Commerzbank"},
	Invoice: settings.Invoice{NumberPrefix: "RE-", PaymentTermsDays: 14},
}

func (s *Seeder) organization(ctx context.Context, rng *rand.Rand, i int, be uuid.UUID, created time.Time, demoUser *ent.User) error {
	name := companyNames[i%len(companyNames)]
	form := legalForms[rng.IntN(len(legalForms))]
	city := cities[rng.IntN(len(cities))]
	status := organization.StatusACTIVE
	switch i % 15 {
	case 3:
		status = organization.StatusSUSPENDED
	case 8:
		status = organization.StatusPENDING_APPROVAL
	case 13:
		status = organization.StatusCLOSED
	}
	first8 := fmt.Sprintf("%08d", 10000000+rng.IntN(89999999))
	vat := "DE" + first8 + fmt.Sprint(vatid.GermanCheckDigit(first8))
	domain := strings.ToLower(strings.NewReplacer(" ", "-", "ä", "ae", "ö", "oe", "ü", "ue", "ß", "ss", "&", "und").Replace(name)) + ".de"
	return s.Audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		create := tx.Organization.Create().SetBillingEntityID(be).SetName(name).SetLegalName(name + " " + form).
			SetStatus(status).SetAddressLine1(fmt.Sprintf("%s %d", streets[rng.IntN(len(streets))], 1+rng.IntN(120))).
			SetPostalCode(city.postal).SetCity(city.name).SetCountryCode("DE").SetVatID(vat).
			SetBillingEmail("rechnung@" + domain).SetManaged(i%9 == 4).
			SetCreateTime(created).SetUpdateTime(created)
		if strings.Contains(name, "Stadtwerke") {
			// A municipal utility takes XRechnung, addressed by its
			// Leitweg-ID (the one XRechnung's test inbox answers to).
			create.SetPublicSector(true).SetBuyerReference("991-33333TEST-33").
				SetEinvoiceFormat(organization.EinvoiceFormatXRECHNUNG_CII).SetEinvoiceAddress("e-rechnung@" + domain)
		}
		o, err := create.Save(ctx)
		if err != nil {
			return err
		}
		log.Record(audit.Event{Action: audit.ActionDemoSeed, TargetType: "organization", TargetID: ids.Format(ids.Organization, o.ID), Reason: "demo data",
			After: map[string]any{"name": o.Name, "legal_name": o.LegalName, "city": o.City, "vat_id": o.VatID}})
		var users []*ent.User
		seen := map[string]bool{}
		for j := range 1 + rng.IntN(4) {
			first, last := firstNames[rng.IntN(len(firstNames))], lastNames[rng.IntN(len(lastNames))]
			email := fmt.Sprintf("%s.%s@%s", strings.ToLower(ascii(first)), strings.ToLower(ascii(last)), domain)
			if seen[email] {
				email = fmt.Sprintf("%s.%s%d@%s", strings.ToLower(ascii(first)), strings.ToLower(ascii(last)), j, domain)
			}
			seen[email] = true
			u, err := tx.User.Create().SetEmail(email).SetDisplayName(first + " " + last).
				SetPlatformRole(user.PlatformRoleUSER).SetCreateTime(created).SetUpdateTime(created).Save(ctx)
			if err != nil {
				return err
			}
			role := membership.RoleMEMBER
			switch j {
			case 0:
				role = membership.RoleOWNER
			case 1:
				role = membership.RoleADMIN
			}
			if err := tx.Membership.Create().SetOrganizationID(o.ID).SetUserID(u.ID).SetRole(role).
				SetCreateTime(created).SetUpdateTime(created).Exec(ctx); err != nil {
				return err
			}
			users = append(users, u)
		}
		if i == 0 {
			// The demo USER is an ADMIN of the first customer: they use the
			// portal API and see all its workspaces.
			if err := tx.Membership.Create().SetOrganizationID(o.ID).SetUserID(demoUser.ID).SetRole(membership.RoleADMIN).
				SetCreateTime(created).SetUpdateTime(created).Exec(ctx); err != nil {
				return err
			}
		}
		for k := range 1 + rng.IntN(3) {
			admin := users[rng.IntN(len(users))].ID
			if err := tx.Workspace.Create().SetOrganizationID(o.ID).SetName(workspaceNames[(i+k)%len(workspaceNames)]).
				SetAdminUserID(admin).SetCreateTime(created).SetUpdateTime(created).Exec(ctx); err != nil {
				return err
			}
		}
		return nil
	})
}

// Synthetic creates n organizations in bulk, each with one workspace and two
// members drawn from a pool of customer users — a data set for benchmarks.
// One audit event records the import.
func (s *Seeder) Synthetic(ctx context.Context, n int) error {
	ctx = authz.System(ctx)
	be, err := tenancy.Licensee(ctx, s.Client)
	if err != nil {
		return err
	}
	now := s.Clock.Now()
	rng := rand.New(rand.NewPCG(11, 5))
	start, err := s.Client.Organization.Query().Count(ctx)
	if err != nil {
		return err
	}
	return s.Audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		pool := make([]uuid.UUID, 0, 200)
		users := make([]*ent.UserCreate, 200)
		for i := range users {
			users[i] = tx.User.Create().SetEmail(fmt.Sprintf("customer%05d-%d@synthetic.leitstand.test", i, start)).
				SetDisplayName(fmt.Sprintf("%s %s", firstNames[i%len(firstNames)], lastNames[(i/len(firstNames))%len(lastNames)])).
				SetPlatformRole(user.PlatformRoleUSER).SetCreateTime(now).SetUpdateTime(now)
		}
		created, err := tx.User.CreateBulk(users...).Save(ctx)
		if err != nil {
			return err
		}
		for _, u := range created {
			pool = append(pool, u.ID)
		}
		const batch = 500
		for off := 0; off < n; off += batch {
			size := min(batch, n-off)
			orgs := make([]*ent.OrganizationCreate, size)
			for i := range orgs {
				k := start + off + i
				city := cities[k%len(cities)]
				orgs[i] = tx.Organization.Create().SetBillingEntityID(be).
					SetName(fmt.Sprintf("%s %05d", companyNames[k%len(companyNames)], k)).
					SetLegalName(fmt.Sprintf("%s %05d %s", companyNames[k%len(companyNames)], k, legalForms[k%len(legalForms)])).
					SetCity(city.name).SetPostalCode(city.postal).SetCountryCode("DE").
					SetAddressLine1(fmt.Sprintf("%s %d", streets[k%len(streets)], 1+k%99)).
					SetCreateTime(now.Add(-time.Duration(rng.IntN(730*24)) * time.Hour)).SetUpdateTime(now)
			}
			os, err := tx.Organization.CreateBulk(orgs...).Save(ctx)
			if err != nil {
				return err
			}
			wss := make([]*ent.WorkspaceCreate, len(os))
			mss := make([]*ent.MembershipCreate, 0, 2*len(os))
			for i, o := range os {
				wss[i] = tx.Workspace.Create().SetOrganizationID(o.ID).SetName("Production").SetCreateTime(now).SetUpdateTime(now)
				a, b := pool[rng.IntN(len(pool))], pool[rng.IntN(len(pool))]
				mss = append(mss, tx.Membership.Create().SetOrganizationID(o.ID).SetUserID(a).SetRole(membership.RoleOWNER).SetCreateTime(now).SetUpdateTime(now))
				if b != a {
					mss = append(mss, tx.Membership.Create().SetOrganizationID(o.ID).SetUserID(b).SetRole(membership.RoleMEMBER).SetCreateTime(now).SetUpdateTime(now))
				}
			}
			if err := tx.Workspace.CreateBulk(wss...).Exec(ctx); err != nil {
				return err
			}
			if err := tx.Membership.CreateBulk(mss...).Exec(ctx); err != nil {
				return err
			}
		}
		log.Record(audit.Event{Action: audit.ActionDemoSynthetic, TargetType: "organization", Reason: "synthetic data set",
			After: map[string]any{"organizations": n}})
		return nil
	})
}

func ascii(s string) string {
	return strings.NewReplacer("ä", "ae", "ö", "oe", "ü", "ue", "ß", "ss", "é", "e").Replace(s)
}
