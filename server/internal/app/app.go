// Package app wires Leitstand together: database, domain services and the
// HTTP surface. The binary and the end-to-end API tests build it the same way.
package app

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"sync/atomic"
	"time"

	"entgo.io/ent/dialect"
	"github.com/jonboulle/clockwork"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/leitstand/leitstand/server/internal/account"
	"github.com/leitstand/leitstand/server/internal/alert"
	"github.com/leitstand/leitstand/server/internal/api"
	accountsapi "github.com/leitstand/leitstand/server/internal/api/accounts"
	alertsapi "github.com/leitstand/leitstand/server/internal/api/alerts"
	"github.com/leitstand/leitstand/server/internal/api/auditlog"
	"github.com/leitstand/leitstand/server/internal/api/billingentities"
	catalogapi "github.com/leitstand/leitstand/server/internal/api/catalog"
	contractsapi "github.com/leitstand/leitstand/server/internal/api/contracts"
	dashboardapi "github.com/leitstand/leitstand/server/internal/api/dashboard"
	dunningapi "github.com/leitstand/leitstand/server/internal/api/dunning"
	filesapi "github.com/leitstand/leitstand/server/internal/api/files"
	imagesapi "github.com/leitstand/leitstand/server/internal/api/images"
	infraapi "github.com/leitstand/leitstand/server/internal/api/infra"
	invoicesapi "github.com/leitstand/leitstand/server/internal/api/invoices"
	jobsapi "github.com/leitstand/leitstand/server/internal/api/jobs"
	"github.com/leitstand/leitstand/server/internal/api/members"
	ordersapi "github.com/leitstand/leitstand/server/internal/api/orders"
	"github.com/leitstand/leitstand/server/internal/api/organizations"
	partnersapi "github.com/leitstand/leitstand/server/internal/api/partners"
	paymentsapi "github.com/leitstand/leitstand/server/internal/api/payments"
	plansapi "github.com/leitstand/leitstand/server/internal/api/plans"
	"github.com/leitstand/leitstand/server/internal/api/portal"
	"github.com/leitstand/leitstand/server/internal/api/roles"
	searchapi "github.com/leitstand/leitstand/server/internal/api/search"
	servicesapi "github.com/leitstand/leitstand/server/internal/api/services"
	settingsapi "github.com/leitstand/leitstand/server/internal/api/settings"
	"github.com/leitstand/leitstand/server/internal/api/signin"
	"github.com/leitstand/leitstand/server/internal/api/signups"
	trainingapi "github.com/leitstand/leitstand/server/internal/api/training"
	upgradesapi "github.com/leitstand/leitstand/server/internal/api/upgrades"
	usageapi "github.com/leitstand/leitstand/server/internal/api/usage"
	usagereportsapi "github.com/leitstand/leitstand/server/internal/api/usagereports"
	viewsapi "github.com/leitstand/leitstand/server/internal/api/views"
	webhooksapi "github.com/leitstand/leitstand/server/internal/api/webhooks"
	"github.com/leitstand/leitstand/server/internal/billingentity"
	"github.com/leitstand/leitstand/server/internal/catalog"
	"github.com/leitstand/leitstand/server/internal/contract"
	"github.com/leitstand/leitstand/server/internal/dashboard"
	"github.com/leitstand/leitstand/server/internal/demo"
	"github.com/leitstand/leitstand/server/internal/dunning"
	"github.com/leitstand/leitstand/server/internal/feedback"
	"github.com/leitstand/leitstand/server/internal/identity"
	"github.com/leitstand/leitstand/server/internal/image"
	"github.com/leitstand/leitstand/server/internal/infra"
	"github.com/leitstand/leitstand/server/internal/instance"
	"github.com/leitstand/leitstand/server/internal/invoice"
	"github.com/leitstand/leitstand/server/internal/jobs"
	"github.com/leitstand/leitstand/server/internal/member"
	"github.com/leitstand/leitstand/server/internal/module"
	"github.com/leitstand/leitstand/server/internal/order"
	"github.com/leitstand/leitstand/server/internal/organization"
	"github.com/leitstand/leitstand/server/internal/partner"
	"github.com/leitstand/leitstand/server/internal/payment"
	"github.com/leitstand/leitstand/server/internal/plan"
	"github.com/leitstand/leitstand/server/internal/platform/admission"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/blob"
	"github.com/leitstand/leitstand/server/internal/platform/changes"
	"github.com/leitstand/leitstand/server/internal/platform/clock"
	"github.com/leitstand/leitstand/server/internal/platform/db"
	"github.com/leitstand/leitstand/server/internal/platform/secrets"
	"github.com/leitstand/leitstand/server/internal/platform/tenancy"
	"github.com/leitstand/leitstand/server/internal/revenue"
	"github.com/leitstand/leitstand/server/internal/savedview"
	"github.com/leitstand/leitstand/server/internal/search"
	"github.com/leitstand/leitstand/server/internal/settings"
	"github.com/leitstand/leitstand/server/internal/training"
	"github.com/leitstand/leitstand/server/internal/trial"
	"github.com/leitstand/leitstand/server/internal/upgrade"
	"github.com/leitstand/leitstand/server/internal/usage"
	"github.com/leitstand/leitstand/server/internal/usagereport"
	"github.com/leitstand/leitstand/server/internal/webhook"
)

// App is a wired Leitstand.
type App struct {
	DB        *db.DB
	Clock     clock.Clock
	Logger    *slog.Logger
	Audit     *audit.Writer
	Identity  *identity.Service
	Orgs      *organization.Service
	Members   *member.Service
	Settings  *settings.Service
	Infra     *infra.Service
	Catalog   *catalog.Service
	Plans     *plan.Service
	Contracts *contract.Service
	Invoices  *invoice.Service
	Payments  *payment.Service
	Dunning   *dunning.Service
	Services  *instance.Service
	Orders    *order.Service
	Alerts    *alert.Service
	Feedback  *feedback.Service
	Usage     *usage.Service
	Revenue   *revenue.Service
	Dashboard *dashboard.Service
	Accounts  *account.Service
	Trials    *trial.Service
	Upgrades  *upgrade.Service
	Partners  *partner.Service
	Training  *training.Service
	// BillingEntities runs the licensee and the resellers.
	BillingEntities *billingentity.Service
	Webhooks        *webhook.Service
	// Images keeps the billing entities' images and their shares.
	Images *image.Service
	// UsageReports computes the usage reports and keeps the monthly ones.
	UsageReports *usagereport.Service
	Views        *savedview.Service
	// Files is the file store (icons).
	Files *blob.Store
	// Metrics is the Prometheus registry /metrics serves.
	Metrics *prometheus.Registry
	// Jobs runs the registered jobs; the schedule is started separately
	// (StartJobs), so API-only replicas can leave it off.
	Jobs *jobs.Runner
	// Search is the global search over what every area's module declares.
	Search *search.Engine
	// Modules are the areas, in the order their services are listed.
	Modules []module.Module
	// Demo holds the steps of the demo data the modules name; SeedDemo
	// runs them.
	Demo *demo.Seeder
	// rpc are the metrics of the HTTP surface, which its module declares.
	rpc *api.Metrics
	// Reads admits the API's reads; signed-in callers' writes go first
	// (platform/admission).
	Reads *admission.Gate
	// Draining is set when the process is about to stop: /readyz answers
	// 503 so load balancers send no new requests while those in flight
	// finish.
	Draining atomic.Bool
}

// Options configure New.
type Options struct {
	Clock  clock.Clock
	Logger *slog.Logger
	Policy *identity.Policy
	// JobClock drives the job schedule and retry waits (default: the wall clock).
	JobClock clockwork.Clock
	// JobBackoff is the wait before a job's first retry (default 10 s).
	JobBackoff time.Duration
	// Secrets seals stored credentials (required).
	Secrets *secrets.Box
	// Infra tunes the infrastructure domain (providers, sync, retention).
	Infra infra.Options
	// MaxConcurrentReads bounds the reads served at once; 0:
	// admission.ReadsPerCPU per CPU.
	MaxConcurrentReads int
	// WebhooksAllowPrivate lets webhook endpoints, and resellers' mail
	// servers, be on loopback and private addresses (a demo, a receiver
	// inside the network).
	WebhooksAllowPrivate bool
	// Files keeps uploaded files (required): a directory or an
	// S3-compatible bucket (blob.Open).
	Files *blob.Store
}

// New migrates the database (db.ApplyMigrations) and builds the services on it.
func New(ctx context.Context, d *db.DB, o Options) (*App, error) {
	if o.Clock == nil {
		o.Clock = clock.System()
	}
	if o.Secrets == nil {
		return nil, fmt.Errorf("app: no secret key to seal credentials with")
	}
	if o.Files == nil {
		return nil, fmt.Errorf("app: no file store to keep uploads in")
	}
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	policy := identity.DefaultPolicy
	if o.Policy != nil {
		policy = *o.Policy
	}
	schema, err := d.ApplyMigrations(ctx)
	if err != nil {
		return nil, fmt.Errorf("migrate: %w", err)
	}
	o.Logger.Info("database schema", "version", schema.Version, "applied", schema.Applied, "baseline", schema.Baseline)
	tenancy.Register(d.Client)
	d.Client.Use(changes.Hook())
	feed := changes.NewFeed(changes.ReadFrom(d.Client))
	if _, err := tenancy.EnsureLicensee(ctx, d.Client, o.Clock); err != nil {
		return nil, fmt.Errorf("bootstrap: %w", err)
	}
	aw := audit.NewWriter(d.Client, o.Clock, o.Logger, o.Secrets.Derive("audit-chain"))
	// A chain written before its hashes were keyed is keyed now, once.
	if _, err := aw.KeyChain(ctx); err != nil {
		return nil, err
	}
	// Rows written before their table kept a search key get theirs now,
	// once.
	if n, err := search.Backfill(authz.System(ctx), d.Client, d.Dialect); err != nil {
		return nil, fmt.Errorf("search keys: %w", err)
	} else if n > 0 {
		o.Logger.Info("search keys made", "rows", n)
	}
	a := &App{
		DB: d, Clock: o.Clock, Logger: o.Logger, Audit: aw,
		Identity: identity.NewService(d.Client, d.Dialect, d.Statements, aw, o.Clock, policy, o.Logger, o.Secrets),
		Members:  member.NewService(d.Client, aw, o.Clock, policy.Argon2),
		Settings: settings.NewService(d.Client, aw, o.Clock, o.Secrets, o.Files),
		Reads:    admission.ForCPUs(o.MaxConcurrentReads),
	}
	a.Orgs = organization.NewService(d.Client, aw, o.Clock, feed, a.Settings.Location)
	a.Infra = infra.NewService(d.Client, d.Dialect, aw, o.Clock, o.Secrets, o.Logger, o.Infra)
	a.Files = o.Files
	a.Catalog = catalog.NewService(d.Client, aw, o.Clock, o.Files)
	a.Plans = plan.NewService(d.Client, aw, o.Clock)
	a.Contracts = contract.NewService(d.Client, aw, o.Clock, a.Settings.Location)
	a.Orgs.MakeContractsWith(a.Contracts.Begin)
	a.Orgs.HashPasswordsWith(a.Identity.HashNewPassword)
	a.BillingEntities = billingentity.NewService(d.Client, aw, o.Clock, a.Members)
	a.BillingEntities.LocateWith(a.Settings.Location)
	a.Trials = trial.NewService(d.Client, aw, o.Clock, a.Settings.Location)
	a.Upgrades = upgrade.NewService(d.Client, aw, o.Clock, a.Contracts)
	a.Partners = partner.NewService(d.Client, aw, o.Clock)
	// The users cap is a running trial's tier's, or that of an upgrade
	// approved at once until its move, or the contract's.
	a.Orgs.CapUsersWith(a.Trials.UserCap(a.Upgrades.UserCap(a.Settings.Location, a.Contracts.UserCap)))
	a.Invoices = invoice.NewService(d.Client, d.Dialect, aw, o.Clock, a.Settings, a.Contracts, o.Files)
	a.Payments = payment.NewService(d.Client, aw, o.Clock, a.Settings, o.Secrets)
	a.Dunning = dunning.NewService(d.Client, aw, o.Clock, a.Settings, a.Invoices, o.Files)
	a.Services = instance.NewService(d.Client, aw, o.Clock, o.Secrets, a.Infra)
	a.Orders = order.NewService(d.Client, aw, o.Clock)
	a.Training = training.NewService(d.Client, aw, o.Clock, a.Settings, a.Orders)
	a.Alerts = alert.NewService(d.Client, aw, o.Clock, a.Orders)
	a.Feedback = feedback.NewService(d.Client, aw, o.Clock)
	a.Webhooks = webhook.NewService(d.Client, aw, o.Clock, o.Secrets, o.Logger, webhooksapi.Encode)
	a.Webhooks.AllowPrivateTargets(o.WebhooksAllowPrivate)
	a.Settings.AllowPrivateMailServers(o.WebhooksAllowPrivate)
	a.Images = image.NewService(d.Client, aw, o.Clock)
	a.Usage = usage.NewService(d.Client, aw, o.Clock)
	a.Views = savedview.NewService(d.Client, aw, o.Clock)
	a.Revenue = revenue.NewService(d.Client, o.Clock, a.Settings.Location)
	a.UsageReports = usagereport.NewService(d.Client, aw, o.Clock)
	a.Dashboard = dashboard.NewService(d.Client, a.Revenue)
	a.Accounts = account.NewService(d.Client, aw, a.Revenue, a.Invoices)
	// The booked services' status follows their containers after every sync tick.
	a.Infra.AfterSync(func(ctx context.Context) error {
		_, err := a.Services.FollowContainers(ctx)
		return err
	})
	// The areas, each declared in its module: the one list that decides
	// what is served, scheduled and measured.
	// Their demo steps run in this order: logins before the organizations
	// they are members of, organizations before the servers assigned to
	// them.
	a.Demo = &demo.Seeder{Client: d.Client, Audit: aw, Members: a.Members, Settings: a.Settings, Clock: o.Clock, Infra: a.Infra,
		CatalogService: a.Catalog, Instances: a.Services, AlertDesk: a.Alerts, PlanService: a.Plans, ContractService: a.Contracts, InvoiceService: a.Invoices,
		PaymentService: a.Payments, DunningService: a.Dunning, TrainingService: a.Training, Orgs: a.Orgs,
		WebhookService: a.Webhooks, ImageService: a.Images, UsageReportService: a.UsageReports, ViewService: a.Views}
	targets := &auditlog.Targets{}
	areas := []module.Module{
		signin.Module(a.Identity),
		members.Module(a.Members, a.Demo),
		organizations.Module(a.Orgs, a.Partners, a.Demo),
		auditlog.Module(aw, targets),
		settingsapi.Module(a.Settings, a.Demo),
		roles.Module(a.Members),
		infraapi.Module(a.Infra, a.Demo),
		catalogapi.Module(a.Catalog, a.Demo),
		plansapi.Module(a.Plans, a.Demo),
		contractsapi.Module(a.Contracts, a.Accounts, a.Demo),
		// After the contracts' history (its customers get their first
		// contracts as they are made), before the services and invoices of
		// those customers.
		billingentities.Module(a.BillingEntities, a.Demo),
		signups.Module(a.Orgs),
		usageapi.Module(a.Usage, a.Demo),
		servicesapi.Module(a.Services, a.Demo),
		ordersapi.Module(a.Orders, a.Demo),
		alertsapi.Module(a.Alerts, a.Feedback, a.Demo),
		// After the services and the orders whose time they bill.
		invoicesapi.Module(a.Invoices, a.Demo),
		// After the invoices they pay.
		paymentsapi.Module(a.Payments, a.Demo, o.Logger),
		// After the payments, which leave the overdue invoices it chases.
		dunningapi.Module(a.Dunning, a.Demo),
		dashboardapi.Module(a.Dashboard),
		accountsapi.Module(a.Accounts, a.Trials, a.Orgs, a.Usage, a.Demo),
		// After the organizations and members whose people it trains.
		trainingapi.Module(a.Training, a.Demo),
		// The customer portal answers from the areas above.
		portal.Module(portal.Areas{Orgs: a.Orgs, Services: a.Services, Alerts: a.Alerts, Feedback: a.Feedback, Orders: a.Orders,
			Upgrades: a.Upgrades, Training: a.Training}),
		upgradesapi.Module(a.Upgrades, a.Accounts, a.Demo),
		partnersapi.Module(a.Partners, a.Demo),
		// After the resellers it shares images with.
		imagesapi.Module(a.Images, a.Demo),
		// After every area whose figures it reports (the demo's invoices,
		// usage and time), so the demo's stored months have them.
		usagereportsapi.Module(a.UsageReports, a.Demo),
		// Last: its demo endpoints receive what the others do from then on.
		webhooksapi.Module(a.Webhooks, a.Demo),
		// After the staff whose views it saves.
		viewsapi.Module(a.Views, a.Demo),
	}
	// The file store serves and cleans up the files every area declares.
	areas = append(areas, filesapi.Module(o.Files, module.Files(areas), o.Logger))
	// The audit log names the objects of every area.
	if err := targets.Add(module.Namers(areas)...); err != nil {
		return nil, err
	}
	var locker jobs.Locker = jobs.NewLocalLocker()
	if d.Dialect == dialect.Postgres {
		locker = jobs.PostgresLocker{DB: d.SQL}
	}
	runner, err := jobs.NewRunner(jobs.Options{
		Client: d.Client, Dialect: d.Dialect, Audit: aw, Clock: o.JobClock, Locker: locker, Logger: o.Logger, Backoff: o.JobBackoff,
	}, module.Jobs(areas))
	if err != nil {
		return nil, err
	}
	a.Jobs = runner
	if a.Search, err = searchapi.Engine(module.Searchers(areas), &search.Keys{Client: d.Client, Dialect: d.Dialect}); err != nil {
		return nil, err
	}
	// The jobs dashboard shows the runner of every other area's jobs, the
	// search finds what every other area declares.
	a.Modules = append(areas, jobsapi.Module(runner), searchapi.Module(a.Search))
	a.rpc = api.NewMetrics()
	a.Metrics = prometheus.NewRegistry()
	module.Register(a.Metrics, append([]module.Module{api.Module(a.rpc)}, a.Modules...)...)
	return a, nil
}

// SeedDemo fills an empty database with the demo data, area by area in
// the order of the module list. The demo's infrastructure needs a.Demo.Fleet.
//
// The demo's webhook endpoints post to a receiver on loopback and its
// resellers mail through the demo's mail server, so a process seeding the
// demo lets webhooks and resellers' mail reach private addresses.
func (a *App) SeedDemo(ctx context.Context) error {
	a.Webhooks.AllowPrivateTargets(true)
	a.Settings.AllowPrivateMailServers(true)
	return module.SeedDemo(authz.System(ctx), a.Modules)
}

// StartJobs runs the registered jobs on their schedules until ctx ends or
// the returned scheduler is shut down.
func (a *App) StartJobs(ctx context.Context) (*jobs.Scheduler, error) {
	return a.Jobs.Start(authz.System(ctx))
}

// Close stops runs started through the API and closes the database.
func (a *App) Close() error {
	a.Jobs.Close()
	return a.DB.Close()
}

// HTTPOptions are the parts of the HTTP surface that vary by deployment.
type HTTPOptions struct {
	AllowedOrigins []string
	TrustProxy     bool
	ProxyHops      int
	BodyTimeout    time.Duration
	SPA            http.Handler
}

// Handler returns the HTTP surface.
func (a *App) Handler(o HTTPOptions) http.Handler {
	return api.NewHandler(api.Options{
		DB: a.DB, Logger: a.Logger, Audit: a.Audit, Identity: a.Identity,
		Modules: a.Modules, Metrics: a.rpc, Registry: a.Metrics, Draining: &a.Draining,
		AllowedOrigins: o.AllowedOrigins, TrustProxy: o.TrustProxy, ProxyHops: o.ProxyHops, BodyTimeout: o.BodyTimeout, SPA: o.SPA,
		Reads: a.Reads,
	})
}
