// Package config reads Leitstand's configuration: every setting is a flag
// whose default comes from an environment variable, so containers configure
// it by environment and people by flags.
package config

import (
	"flag"
	"fmt"
	"log/slog"
	"os"
	"strconv"
	"strings"
	"time"
)

// Config is the whole configuration of the binary.
type Config struct {
	Listen         string
	DatabaseURL    string
	DataDir        string
	AllowedOrigins []string
	TrustProxy     bool
	// ProxyHops is how many reverse proxies stand in front: the client's
	// address is the one the outermost of them saw.
	ProxyHops int
	TLSCert   string
	TLSKey    string
	LogLevel  slog.Level
	LogFormat string
	Demo      bool
	// ClockOffset runs the server's clock this far ahead; only with Demo.
	ClockOffset time.Duration
	// Jobs runs the job schedule in this process; off for API-only replicas.
	Jobs bool
	// SecretKey is the base64 key that seals stored credentials; empty
	// means the key file in the data directory (generated on first start).
	SecretKey string
	// AllowLinkLocal lets connections reach link-local and cloud metadata
	// addresses.
	AllowLinkLocal bool
	// WebhooksAllowPrivate lets webhook endpoints be on loopback and
	// private addresses, over plain http too.
	WebhooksAllowPrivate bool
	// RequireSecondFactor makes a second factor mandatory for owners and
	// operators.
	RequireSecondFactor bool
	// ShutdownDrain is how long a stopping process keeps serving, unready,
	// before it closes its connections.
	ShutdownDrain time.Duration
	// MetricsRetention is how long server and container metrics are kept.
	MetricsRetention time.Duration
	// DebugListen is where the Go runtime's profiles are served; empty: off.
	DebugListen string
	// MaxConcurrentReads bounds the reads served at once; 0: 8 per CPU.
	MaxConcurrentReads int
	// BlobURL is where uploaded files are kept; empty means the files
	// directory in the data directory.
	BlobURL string
	// PublicURL is the platform's address as customers and payment
	// providers reach it; empty: unknown.
	PublicURL string
	// StripeAPIURL and MollieAPIURL replace the providers' API addresses
	// (an egress proxy, a sandbox such as stripe-mock); empty: theirs.
	StripeAPIURL, MollieAPIURL string
}

// Setting documents one configuration value.
type Setting struct {
	Flag, Env, Default, Help string
	// Bool settings are switches: "-demo" alone turns them on.
	Bool bool
}

// Settings lists every setting; the README's table is made from the same list.
var Settings = []Setting{
	{"listen", "LEITSTAND_LISTEN", ":8080", "address to serve HTTP on (Connect, gRPC, gRPC-Web, the SPA)", false},
	{"database-url", "LEITSTAND_DATABASE_URL", "", "postgres://… for Postgres; empty for the embedded SQLite file in the data directory", false},
	{"data-dir", "LEITSTAND_DATA_DIR", "data", "directory for the embedded database and local files", false},
	{"allowed-origins", "LEITSTAND_ALLOWED_ORIGINS", "", "comma-separated origins of an SPA hosted elsewhere (CORS with credentials)", false},
	{"trust-proxy", "LEITSTAND_TRUST_PROXY", "false", "trust X-Forwarded-For/-Proto from a reverse proxy", true},
	{"proxy-hops", "LEITSTAND_PROXY_HOPS", "1", "with trust-proxy: how many proxies append to X-Forwarded-For; only that many entries from its end count", false},
	{"tls-cert", "LEITSTAND_TLS_CERT", "", "TLS certificate file; serve HTTPS when set with -tls-key", false},
	{"tls-key", "LEITSTAND_TLS_KEY", "", "TLS private key file", false},
	{"log-level", "LEITSTAND_LOG_LEVEL", "info", "debug, info, warn or error", false},
	{"log-format", "LEITSTAND_LOG_FORMAT", "text", "text or json", false},
	{"demo", "LEITSTAND_DEMO", "false", "seed demo data into an empty database and print the demo logins", true},
	{"clock-offset", "LEITSTAND_CLOCK_OFFSET", "0s", "only with -demo: run the server's clock this far ahead, e.g. 32d or 768h, to see what the jobs do as time passes (a trial reverting, dunning levels); refused without -demo", false},
	{"jobs", "LEITSTAND_JOBS", "on", "run the scheduled jobs in this process: on, or off for API-only replicas", false},
	{"secret-key", "LEITSTAND_SECRET_KEY", "", "base64 of 32 random bytes that encrypt stored credentials; empty: data-dir/secret.key, generated on first start (set it when replicas share a database)", false},
	{"connections-allow-link-local", "LEITSTAND_CONNECTIONS_ALLOW_LINK_LOCAL", "false", "let provider connections reach link-local and cloud metadata addresses (169.254.0.0/16, fe80::/10, fd00:ec2::254), refused by default", true},
	{"webhooks-allow-private-targets", "LEITSTAND_WEBHOOKS_ALLOW_PRIVATE_TARGETS", "false", "let webhook endpoints be on loopback and private addresses (127.0.0.0/8, 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, fc00::/7), also over plain http; refused by default, on with -demo", true},
	{"require-second-factor", "LEITSTAND_REQUIRE_SECOND_FACTOR", "false", "owners and operators must set up an authenticator app before they can do anything else", true},
	{"shutdown-drain", "LEITSTAND_SHUTDOWN_DRAIN", "5s", "on SIGTERM: how long /readyz reports unready while requests are still served, before connections close (0s in front of no load balancer)", false},
	{"metrics-retention", "LEITSTAND_METRICS_RETENTION", "30d", "how long server and container metrics are kept, e.g. 30d or 720h", false},
	{"max-concurrent-reads", "LEITSTAND_MAX_CONCURRENT_READS", "0", "reads served at once, the rest wait their turn; writes and sign-ins never wait behind them (0: 8 per CPU)", false},
	{"debug-listen", "LEITSTAND_DEBUG_LISTEN", "", "address to serve the Go runtime's profiles on (/debug/pprof/), e.g. 127.0.0.1:6060; unauthenticated, so keep it on loopback; empty: off", false},
	{"stripe-api-url", "LEITSTAND_STRIPE_API_URL", "", "Stripe's API address: empty for https://api.stripe.com; an egress proxy, or a sandbox such as stripe-mock", false},
	{"mollie-api-url", "LEITSTAND_MOLLIE_API_URL", "", "Mollie's API address: empty for https://api.mollie.com; an egress proxy or a sandbox", false},
	{"public-url", "LEITSTAND_PUBLIC_URL", "", "the address customers and payment providers reach the platform at, e.g. https://leitstand.example.com: Mollie's webhooks and the page a customer returns to after paying; empty: Mollie payments cannot be asked for", false},
	{"blob-url", "LEITSTAND_BLOB_URL", "", "where uploaded files (icons) are kept: file:///dir, or s3://bucket?endpoint=https://…&use_path_style=true&region=… for S3-compatible storage (keys from AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY); empty: data-dir/files", false},
}

// Bind registers the settings named in names (all when empty) on fs and
// returns a function that reads the parsed values into a Config.
func Bind(fs *flag.FlagSet, names ...string) func() (*Config, error) {
	vals := map[string]*string{}
	var bools []func()
	for _, s := range Settings {
		if len(names) > 0 && !contains(names, s.Flag) {
			continue
		}
		def := s.Default
		if v, ok := os.LookupEnv(s.Env); ok {
			def = v
		}
		help := s.Help + " ($" + s.Env + ")"
		if s.Bool {
			on, _ := strconv.ParseBool(def)
			b := fs.Bool(s.Flag, on, help)
			str := new(string)
			vals[s.Flag] = str
			bools = append(bools, func() { *str = strconv.FormatBool(*b) })
			continue
		}
		vals[s.Flag] = fs.String(s.Flag, def, help)
	}
	return func() (*Config, error) {
		for _, f := range bools {
			f()
		}
		get := func(name string) string {
			if v, ok := vals[name]; ok {
				return *v
			}
			for _, s := range Settings {
				if s.Flag == name {
					if v, ok := os.LookupEnv(s.Env); ok {
						return v
					}
					return s.Default
				}
			}
			return ""
		}
		c := &Config{
			Listen: get("listen"), DatabaseURL: get("database-url"), DataDir: get("data-dir"),
			TLSCert: get("tls-cert"), TLSKey: get("tls-key"), LogFormat: get("log-format"),
		}
		for _, o := range strings.Split(get("allowed-origins"), ",") {
			if o = strings.TrimSpace(o); o != "" {
				c.AllowedOrigins = append(c.AllowedOrigins, o)
			}
		}
		var err error
		if c.TrustProxy, err = strconv.ParseBool(get("trust-proxy")); err != nil {
			return nil, fmt.Errorf("trust-proxy: %w", err)
		}
		if c.ProxyHops, err = strconv.Atoi(get("proxy-hops")); err != nil || c.ProxyHops < 1 || c.ProxyHops > 10 {
			return nil, fmt.Errorf("proxy-hops must be a number from 1 to 10")
		}
		if c.AllowLinkLocal, err = strconv.ParseBool(get("connections-allow-link-local")); err != nil {
			return nil, fmt.Errorf("connections-allow-link-local: %w", err)
		}
		if c.WebhooksAllowPrivate, err = strconv.ParseBool(get("webhooks-allow-private-targets")); err != nil {
			return nil, fmt.Errorf("webhooks-allow-private-targets: %w", err)
		}
		if c.RequireSecondFactor, err = strconv.ParseBool(get("require-second-factor")); err != nil {
			return nil, fmt.Errorf("require-second-factor: %w", err)
		}
		if c.ShutdownDrain, err = time.ParseDuration(get("shutdown-drain")); err != nil || c.ShutdownDrain < 0 || c.ShutdownDrain > time.Minute {
			return nil, fmt.Errorf("shutdown-drain must be a duration from 0s to 1m, e.g. 5s")
		}
		if c.Demo, err = strconv.ParseBool(get("demo")); err != nil {
			return nil, fmt.Errorf("demo: %w", err)
		}
		if c.ClockOffset, err = parseDays(get("clock-offset")); err != nil || c.ClockOffset < 0 || c.ClockOffset > 400*24*time.Hour {
			return nil, fmt.Errorf("clock-offset must be a duration from 0s to 400d, e.g. 32d or 768h")
		}
		if c.ClockOffset > 0 && !c.Demo {
			return nil, fmt.Errorf("clock-offset runs the clock ahead for a demo only: say -demo too")
		}
		switch strings.ToLower(get("jobs")) {
		case "on", "true", "1":
			c.Jobs = true
		case "off", "false", "0":
		default:
			return nil, fmt.Errorf("jobs must be on or off")
		}
		c.SecretKey = get("secret-key")
		c.DebugListen = get("debug-listen")
		if c.MaxConcurrentReads, err = strconv.Atoi(get("max-concurrent-reads")); err != nil || c.MaxConcurrentReads < 0 {
			return nil, fmt.Errorf("max-concurrent-reads must be a whole number, 0 for 8 per CPU")
		}
		c.PublicURL = strings.TrimRight(strings.TrimSpace(get("public-url")), "/")
		if c.PublicURL != "" && !strings.HasPrefix(c.PublicURL, "https://") && !strings.HasPrefix(c.PublicURL, "http://") {
			return nil, fmt.Errorf("public-url must start with https:// (or http://)")
		}
		for _, u := range []struct {
			name string
			to   *string
		}{{"stripe-api-url", &c.StripeAPIURL}, {"mollie-api-url", &c.MollieAPIURL}} {
			*u.to = strings.TrimRight(strings.TrimSpace(get(u.name)), "/")
			if *u.to != "" && !strings.HasPrefix(*u.to, "https://") && !strings.HasPrefix(*u.to, "http://") {
				return nil, fmt.Errorf("%s must start with https:// (or http://)", u.name)
			}
		}
		c.BlobURL = strings.TrimSpace(get("blob-url"))
		if c.BlobURL != "" && !strings.HasPrefix(c.BlobURL, "file://") && !strings.HasPrefix(c.BlobURL, "s3://") {
			return nil, fmt.Errorf("blob-url must start with file:// or s3://")
		}
		if c.MetricsRetention, err = parseDays(get("metrics-retention")); err != nil || c.MetricsRetention < time.Hour {
			return nil, fmt.Errorf("metrics-retention must be a duration of at least an hour, e.g. 30d or 720h")
		}
		if err := c.LogLevel.UnmarshalText([]byte(get("log-level"))); err != nil {
			return nil, fmt.Errorf("log-level: %w", err)
		}
		if c.LogFormat != "text" && c.LogFormat != "json" {
			return nil, fmt.Errorf("log-format must be text or json")
		}
		if (c.TLSCert == "") != (c.TLSKey == "") {
			return nil, fmt.Errorf("set both tls-cert and tls-key, or neither")
		}
		return c, nil
	}
}

// parseDays reads a Go duration, or whole days as "30d".
func parseDays(v string) (time.Duration, error) {
	if d, ok := strings.CutSuffix(strings.TrimSpace(v), "d"); ok {
		n, err := strconv.Atoi(d)
		if err != nil {
			return 0, err
		}
		// A Duration holds about 106,751 days; more would wrap around.
		if n > 100_000 || n < -100_000 {
			return 0, fmt.Errorf("%d days is out of range", n)
		}
		return time.Duration(n) * 24 * time.Hour, nil
	}
	return time.ParseDuration(v)
}

// Logger returns the logger the configuration asks for.
func (c *Config) Logger() *slog.Logger {
	opts := &slog.HandlerOptions{Level: c.LogLevel}
	if c.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(os.Stderr, opts))
	}
	return slog.New(slog.NewTextHandler(os.Stderr, opts))
}

func contains(xs []string, x string) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}
