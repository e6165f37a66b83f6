package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"net/http/pprof"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/leitstand/leitstand/frontend"
	"github.com/leitstand/leitstand/server/ent/billingentity"
	"github.com/leitstand/leitstand/server/internal/app"
	"github.com/leitstand/leitstand/server/internal/billing/provider"
	"github.com/leitstand/leitstand/server/internal/demo"
	"github.com/leitstand/leitstand/server/internal/identity"
	"github.com/leitstand/leitstand/server/internal/infra"
	"github.com/leitstand/leitstand/server/internal/jobs"
	"github.com/leitstand/leitstand/server/internal/member"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/blob"
	"github.com/leitstand/leitstand/server/internal/platform/clock"
	"github.com/leitstand/leitstand/server/internal/platform/config"
	"github.com/leitstand/leitstand/server/internal/platform/db"
	"github.com/leitstand/leitstand/server/internal/platform/secrets"
	"github.com/leitstand/leitstand/server/internal/web"
)

// open parses the flags, opens the database and wires the application.
func open(ctx context.Context, fs *flag.FlagSet, args []string, settings ...string) (*app.App, *config.Config, error) {
	load := config.Bind(fs, settings...)
	if err := fs.Parse(args); err != nil {
		return nil, nil, err
	}
	cfg, err := load()
	if err != nil {
		return nil, nil, err
	}
	logger := cfg.Logger()
	d, err := db.Open(ctx, cfg.DatabaseURL, cfg.DataDir, db.Options{})
	if err != nil {
		return nil, nil, err
	}
	box, generated, err := secrets.Load(cfg.SecretKey, cfg.DataDir)
	if err != nil {
		d.Close()
		return nil, nil, err
	}
	if generated {
		logger.Info("generated the key that encrypts stored credentials; keep it with the database backups",
			"file", filepath.Join(cfg.DataDir, secrets.KeyFile))
	}
	blobURL := cfg.BlobURL
	if blobURL == "" {
		if blobURL, err = blob.DefaultURL(cfg.DataDir); err != nil {
			d.Close()
			return nil, nil, err
		}
	}
	files, err := blob.Open(ctx, blobURL)
	if err != nil {
		d.Close()
		return nil, nil, err
	}
	logger.Info("file store", "at", files.String())
	policy := identity.DefaultPolicy
	policy.RequireSecondFactor = cfg.RequireSecondFactor
	var clk clock.Clock
	if cfg.ClockOffset > 0 {
		clk = clock.Ahead(cfg.ClockOffset)
		logger.Warn("the clock runs ahead, for a demo", "by", cfg.ClockOffset, "now", clk.Now())
	}
	a, err := app.New(ctx, d, app.Options{Logger: logger, Secrets: box, Policy: &policy, Files: files, Clock: clk,
		Infra:              infra.Options{Retention: cfg.MetricsRetention, AllowLinkLocal: cfg.AllowLinkLocal},
		MaxConcurrentReads: cfg.MaxConcurrentReads, WebhooksAllowPrivate: cfg.WebhooksAllowPrivate || cfg.Demo})
	if err != nil {
		d.Close()
		return nil, nil, err
	}
	a.Payments.SetPublicURL(cfg.PublicURL)
	if cfg.StripeAPIURL != "" || cfg.MollieAPIURL != "" {
		a.Payments.PointProviders(map[provider.Name]string{provider.Stripe: cfg.StripeAPIURL, provider.Mollie: cfg.MollieAPIURL}, nil)
	}
	return a, cfg, nil
}

var dbSettings = []string{"database-url", "data-dir", "log-level", "log-format"}

func serve(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	a, cfg, err := open(ctx, fs, args)
	if err != nil {
		return err
	}
	defer a.DB.Close()
	// Customers choose a label when they report a problem: the list is
	// never empty.
	if err := a.Alerts.EnsureLabels(authz.System(ctx)); err != nil {
		return fmt.Errorf("alert labels: %w", err)
	}
	if cfg.Demo {
		// The demo's providers run inside this process, on loopback.
		fleet := demo.StartFleet()
		defer fleet.Close()
		// The demo's webhooks post to a receiver in this process too.
		if hooks, err := demo.StartHookSink(); err == nil {
			defer hooks.Close()
			a.Demo.Hooks = hooks
		}
		if err := seedDemoIfEmpty(ctx, a, fleet); err != nil {
			return err
		}
	}
	srv := &http.Server{
		Addr:              cfg.Listen,
		Handler:           a.Handler(app.HTTPOptions{AllowedOrigins: cfg.AllowedOrigins, TrustProxy: cfg.TrustProxy, ProxyHops: cfg.ProxyHops, SPA: web.Handler(frontend.Dist())}),
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       2 * time.Minute,
	}
	// HTTP/1.1 for browsers and curl, HTTP/2 with and without TLS (h2c) for
	// gRPC clients — all on one port.
	srv.Protocols = new(http.Protocols)
	srv.Protocols.SetHTTP1(true)
	srv.Protocols.SetHTTP2(true)
	srv.Protocols.SetUnencryptedHTTP2(true)

	ln, err := net.Listen("tcp", cfg.Listen)
	if err != nil {
		return err
	}
	scheme := "http"
	if cfg.TLSCert != "" {
		scheme = "https"
	}
	url := fmt.Sprintf("%s://%s", scheme, displayAddr(ln.Addr().String()))
	a.Logger.Info("serving", "url", url, "database", a.DB.Dialect, "spa", frontend.Dist() != nil)
	fmt.Printf("\nLeitstand is running at %s\n", url)
	if cfg.Demo {
		fmt.Println("\nDemo logins (password " + demo.Password + "):")
		for _, l := range demo.Logins {
			fmt.Printf("  %-10s %s\n", l.Role, l.Email)
		}
		fmt.Println("Resellers' staff (same password):")
		for _, l := range demo.ResellerLogins() {
			fmt.Printf("  %-10s %-34s %s\n", l.Role, l.Email, l.Reseller)
		}
		fmt.Println()
	}

	if cfg.DebugListen != "" {
		stop, err := serveProfiles(cfg.DebugListen)
		if err != nil {
			return err
		}
		defer stop()
		a.Logger.Info("serving the runtime's profiles", "url", "http://"+displayAddr(cfg.DebugListen)+"/debug/pprof/")
	}

	var sched *jobs.Scheduler
	if cfg.Jobs {
		if sched, err = a.StartJobs(ctx); err != nil {
			return err
		}
		a.Logger.Info("running the job schedule", "jobs", len(a.Jobs.Jobs()))
	} else {
		a.Logger.Info("job schedule off on this replica (LEITSTAND_JOBS=off)")
	}

	errc := make(chan error, 1)
	go func() {
		if cfg.TLSCert != "" {
			errc <- srv.ServeTLS(ln, cfg.TLSCert, cfg.TLSKey)
		} else {
			errc <- srv.Serve(ln)
		}
	}()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	// Unready first: the load balancer stops sending new requests while
	// this replica still answers those it sent, then connections close.
	a.Draining.Store(true)
	if cfg.ShutdownDrain > 0 {
		a.Logger.Info("shutting down: unready, draining", "for", cfg.ShutdownDrain)
		time.Sleep(cfg.ShutdownDrain)
	}
	a.Logger.Info("shutting down: finishing requests in flight")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	// Running jobs are interrupted and record how far they got.
	if sched != nil {
		if err := sched.Shutdown(); err != nil {
			a.Logger.Warn("stop job schedule", "err", err)
		}
	}
	a.Jobs.Close()
	// Denials counted but not yet summarised are written before the
	// database closes.
	a.Audit.FlushDenied()
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// serveProfiles serves net/http/pprof on its own listener, apart from the
// API's handler and its middleware, so profiling a busy server does not
// itself need a credential or count towards its limits.
func serveProfiles(addr string) (stop func(), err error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("debug-listen: %w", err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/cmdline", pprof.Cmdline)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln) //nolint:errcheck // ends with Close
	return func() { srv.Close() }, nil
}

func displayAddr(addr string) string {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return addr
	}
	if host == "" || host == "::" || host == "0.0.0.0" {
		host = "localhost"
	}
	return net.JoinHostPort(host, port)
}

func seedDemoIfEmpty(ctx context.Context, a *app.App, fleet *demo.Fleet) error {
	a.Demo.Fleet = fleet
	empty, err := a.Demo.IsEmpty(ctx)
	if err != nil {
		return err
	}
	if !empty {
		if _, err := fleet.Attach(ctx, a.DB.Client, a.Infra); err != nil {
			return err
		}
		if a.Demo.Hooks != nil {
			if err := a.Demo.Hooks.AttachHooks(ctx, a.Webhooks); err != nil {
				return err
			}
		}
		if err := fleet.AttachMail(ctx, a.Settings); err != nil {
			return err
		}
		resellers, err := a.DB.Client.BillingEntity.Query().Where(billingentity.KindEQ(billingentity.KindRESELLER)).All(authz.System(ctx))
		if err != nil {
			return err
		}
		for _, r := range resellers {
			set, err := a.Settings.Of(authz.System(ctx), r.ID)
			if err != nil {
				return err
			}
			if err := fleet.AttachResellerMail(ctx, a.Settings, r.ID, set.SMTP.From, set.SMTP.FromName); err != nil {
				return err
			}
		}
		return nil
	}
	a.Logger.Info("seeding demo data")
	return a.SeedDemo(ctx)
}

// migrate applies the pending migrations, or with --status only reports
// them. It opens the database alone: the services and their bootstrap data
// are serve's.
func migrate(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("migrate", flag.ContinueOnError)
	statusOnly := fs.Bool("status", false, "report the schema version and the pending migrations; change nothing")
	load := config.Bind(fs, dbSettings...)
	if err := fs.Parse(args); err != nil {
		return err
	}
	cfg, err := load()
	if err != nil {
		return err
	}
	d, err := db.Open(ctx, cfg.DatabaseURL, cfg.DataDir, db.Options{})
	if err != nil {
		return err
	}
	defer d.Close()
	if *statusOnly {
		st, err := d.MigrationStatus(ctx)
		if err != nil {
			return err
		}
		version := st.Version
		switch {
		case st.Baseline:
			version = "none recorded: made before versioned migrations; the first migration will be recorded as applied"
		case version == "":
			version = "none: empty database"
		}
		fmt.Printf("schema version: %s\nlatest:         %s\n", version, st.Latest)
		if len(st.Pending) == 0 {
			fmt.Println("pending:        none")
		} else {
			fmt.Printf("pending:        %s\n", strings.Join(st.Pending, ", "))
		}
		return nil
	}
	st, err := d.ApplyMigrations(ctx)
	if err != nil {
		return err
	}
	if st.Baseline {
		fmt.Println("database made before versioned migrations: first migration recorded as applied")
	}
	for _, v := range st.Applied {
		fmt.Println("applied", v)
	}
	fmt.Println("schema is at version", st.Version)
	return nil
}

func seed(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("seed", flag.ContinueOnError)
	demoFlag := fs.Bool("demo", false, "create the demo logins and demo organizations (on an empty database)")
	orgs := fs.Int("orgs", 0, "create this many synthetic organizations (for benchmarks)")
	a, _, err := open(ctx, fs, args, dbSettings...)
	if err != nil {
		return err
	}
	defer a.DB.Close()
	if !*demoFlag && *orgs <= 0 {
		return errors.New("say --demo or --orgs N")
	}
	s := a.Demo
	if *demoFlag {
		empty, err := s.IsEmpty(ctx)
		if err != nil {
			return err
		}
		if !empty {
			return errors.New("the database already has users; demo data goes into an empty database")
		}
		s.Fleet = demo.StartFleet()
		err = a.SeedDemo(ctx)
		s.Fleet.Close()
		if err != nil {
			return err
		}
		fmt.Println("demo data created; logins (password " + demo.Password + "):")
		for _, l := range demo.Logins {
			fmt.Printf("  %-10s %s\n", l.Role, l.Email)
		}
	}
	if *orgs > 0 {
		start := time.Now()
		if err := s.Synthetic(ctx, *orgs); err != nil {
			return err
		}
		fmt.Printf("created %d synthetic organizations in %s\n", *orgs, time.Since(start).Round(time.Millisecond))
	}
	return nil
}

func createOwner(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("admin create-owner", flag.ContinueOnError)
	email := fs.String("email", "", "the owner's e-mail address")
	name := fs.String("name", "", "the owner's display name")
	passwordEnv := fs.String("password-env", "LEITSTAND_OWNER_PASSWORD", "environment variable holding the password (kept out of shell history); read from standard input when unset")
	a, _, err := open(ctx, fs, args, dbSettings...)
	if err != nil {
		return err
	}
	defer a.DB.Close()
	pw := os.Getenv(*passwordEnv)
	if pw == "" {
		fmt.Fprint(os.Stderr, "password: ")
		var line string
		if _, err := fmt.Fscanln(os.Stdin, &line); err != nil {
			return errors.New("no password given (set " + *passwordEnv + " or type it on standard input)")
		}
		pw = strings.TrimSpace(line)
	}
	u, err := a.Members.CreateUser(authz.System(ctx), member.NewUser{Email: *email, DisplayName: *name, Password: pw, Role: authz.RoleOwner}, "created on the command line")
	if err != nil {
		return err
	}
	fmt.Printf("created owner %s\n", u.Email)
	return nil
}

func auditVerify(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("audit verify", flag.ContinueOnError)
	a, _, err := open(ctx, fs, args, dbSettings...)
	if err != nil {
		return err
	}
	defer a.DB.Close()
	v, err := a.Audit.Verify(ctx)
	if err != nil {
		return err
	}
	if !v.OK {
		return fmt.Errorf("audit trail is broken after %d intact events: %s", v.Events, v.Problem)
	}
	fmt.Printf("audit trail intact: %d events\n", v.Events)
	return nil
}

// jobsCommand runs "leitstand jobs list" and "leitstand jobs run NAME".
func jobsCommand(ctx context.Context, args []string) error {
	if len(args) == 0 || (args[0] != "list" && args[0] != "run") {
		return errors.New(`unknown jobs command; try "leitstand jobs list" or "leitstand jobs run NAME"`)
	}
	sub, rest, name := args[0], args[1:], ""
	// The job's name may come before or after the flags.
	if sub == "run" && len(rest) > 0 && !strings.HasPrefix(rest[0], "-") {
		name, rest = rest[0], rest[1:]
	}
	fs := flag.NewFlagSet("jobs "+sub, flag.ContinueOnError)
	a, _, err := open(ctx, fs, rest, dbSettings...)
	if err != nil {
		return err
	}
	defer a.Close()
	if sub == "list" {
		st, err := a.Jobs.Statuses(ctx)
		if err != nil {
			return err
		}
		fmt.Printf("%-22s %-14s %-20s %s\n", "NAME", "SCHEDULE", "NEXT RUN (UTC)", "LAST RUN")
		for _, s := range st {
			last := "never"
			if s.LastRun != nil {
				last = fmt.Sprintf("%s %s", s.LastRun.Outcome, s.LastRun.StartTime.Format("2006-01-02 15:04"))
			}
			fmt.Printf("%-22s %-14s %-20s %s\n", s.Job.Name, s.Job.Schedule, s.NextRun.Format("2006-01-02 15:04"), last)
		}
		return nil
	}
	if name == "" && fs.NArg() == 1 {
		name = fs.Arg(0)
	}
	if name == "" {
		return errors.New(`name the job to run, e.g. "leitstand jobs run session-cleanup" (see "leitstand jobs list")`)
	}
	run, err := a.Jobs.RunNow(authz.System(ctx), name)
	if err != nil {
		return err
	}
	if run.Outcome != "SUCCEEDED" {
		return fmt.Errorf("%s %s after %d attempt(s): %s", run.Job, strings.ToLower(string(run.Outcome)), run.Attempt, run.Error)
	}
	fmt.Printf("%s succeeded: %s\n", run.Job, run.Summary)
	return nil
}
