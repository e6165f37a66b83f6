package infra

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/netip"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	"github.com/leitstand/leitstand/server/ent/connection"
	"github.com/leitstand/leitstand/server/ent/container"
	"github.com/leitstand/leitstand/server/ent/datasource"
	"github.com/leitstand/leitstand/server/ent/server"
	"github.com/leitstand/leitstand/server/internal/infra/provider"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/fieldmask"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/platform/tenancy"
)

// Credentials are a connection's secrets. The TLS fields are PEM: the CA
// the provider's certificate is signed by, and a client certificate and key
// (a Docker daemon run with --tlsverify).
type Credentials struct {
	Token                string `json:"token,omitempty"`
	Username             string `json:"username,omitempty"`
	Password             string `json:"password,omitempty"`
	TLSCACertificate     string `json:"tls_ca_certificate,omitempty"`
	TLSClientCertificate string `json:"tls_client_certificate,omitempty"`
	TLSClientKey         string `json:"tls_client_key,omitempty"`
}

// secret reports whether c holds anything that must not reach another
// host: a token, a password, a client key. A CA certificate is public.
func (c Credentials) secret() bool {
	return c.Token != "" || c.Username != "" || c.Password != "" || c.TLSClientKey != ""
}

// set names the credentials that have a value, as the API reports them.
func (c Credentials) set() []string {
	var out []string
	for _, f := range []struct{ name, value string }{
		{"token", c.Token}, {"username", c.Username}, {"password", c.Password},
		{"tls_ca_certificate", c.TLSCACertificate}, {"tls_client_certificate", c.TLSClientCertificate},
		{"tls_client_key", c.TLSClientKey},
	} {
		if f.value != "" {
			out = append(out, f.name)
		}
	}
	return out
}

// ConnectionSettings are what a connection needs to reach its provider.
type ConnectionSettings struct {
	Name               string
	Kind               provider.Kind
	Endpoint           string
	InsecureSkipVerify bool
	// MonitoringOnly: the connection only reads (Proxmox, Docker); its
	// containers cannot be started or stopped through it.
	MonitoringOnly bool
	Credentials    Credentials
}

// ConnectionView is a connection with its datasource count.
type ConnectionView struct {
	Connection
	Datasources int
}

// connectionMask lists the settings UpdateConnection may change; the
// credentials change only as a whole.
var connectionMask = fieldmask.Mask[ConnectionSettings]{Fields: []fieldmask.Field[ConnectionSettings]{
	{Path: "name", Copy: func(d *ConnectionSettings, s ConnectionSettings) { d.Name = strings.TrimSpace(s.Name) }},
	{Path: "endpoint", Copy: func(d *ConnectionSettings, s ConnectionSettings) { d.Endpoint = s.Endpoint }},
	{Path: "insecure_skip_verify", Copy: func(d *ConnectionSettings, s ConnectionSettings) { d.InsecureSkipVerify = s.InsecureSkipVerify }},
	{Path: "monitoring_only", Copy: func(d *ConnectionSettings, s ConnectionSettings) { d.MonitoringOnly = s.MonitoringOnly }},
	{Path: "credentials", Copy: func(d *ConnectionSettings, s ConnectionSettings) { d.Credentials = s.Credentials }},
}}

// ConnectionPaths are the update-mask paths UpdateConnection accepts.
var ConnectionPaths = connectionMask.Paths()

func (s *Service) sealCredentials(id uuid.UUID, c Credentials) []byte {
	plain, _ := json.Marshal(c)
	return s.box.Seal(plain, id[:])
}

func (s *Service) openCredentials(c *ent.Connection) (Credentials, error) {
	plain, err := s.box.Open(c.Credentials, c.ID[:])
	if err != nil {
		return Credentials{}, fmt.Errorf("connection %s: %w (was the secret key changed?)", c.Name, err)
	}
	var cr Credentials
	if err := json.Unmarshal(plain, &cr); err != nil {
		return Credentials{}, fmt.Errorf("connection %s: credentials: %w", c.Name, err)
	}
	return cr, nil
}

// config is the provider configuration of a stored connection.
func (s *Service) config(c *ent.Connection) (provider.Config, error) {
	cr, err := s.openCredentials(c)
	if err != nil {
		return provider.Config{}, err
	}
	return s.configFor(settingsOf(c, cr)), nil
}

// settingsOf is a stored connection's settings, with its opened credentials.
func settingsOf(c *ent.Connection, cr Credentials) ConnectionSettings {
	return ConnectionSettings{Name: c.Name, Kind: provider.Kind(c.Kind), Endpoint: c.Endpoint,
		InsecureSkipVerify: c.InsecureSkipVerify, MonitoringOnly: c.MonitoringOnly, Credentials: cr}
}

func (s *Service) configFor(v ConnectionSettings) provider.Config {
	cfg := providerConfig(v)
	cfg.Timeout = s.opts.CallTimeout
	cfg.AllowLinkLocal = s.opts.AllowLinkLocal
	return cfg
}

// unproven is what a failure says while an endpoint has not shown itself
// to be its provider's API: one sentence for nothing answering, a refused
// connection, a failed TLS handshake and a stranger's answer alike, so
// that Test and the sync cannot be used to map which hosts and ports
// exist on the networks Leitstand reaches. The detail goes to the server's
// log, for whoever runs it.
func (s *Service) unproven(ctx context.Context, kind provider.Kind, endpoint, detail string) string {
	s.logger.InfoContext(ctx, "connection failed before its provider answered", "kind", kind, "endpoint", endpoint, "detail", detail)
	return fmt.Sprintf("No %s API answered at %s: nothing answered, the connection was refused or failed, or what answered is not %s. "+
		"Check the URL, that the host is up and that Leitstand may reach it; the server's log has the details.",
		kindTitle(string(kind)), cmp.Or(endpoint, "the default endpoint"), kindTitle(string(kind)))
}

// providerConfig is the one translation of settings into what a provider
// reads, for dialing and for validation alike.
func providerConfig(v ConnectionSettings) provider.Config {
	cr := v.Credentials
	return provider.Config{Endpoint: v.Endpoint, Token: cr.Token, Username: cr.Username, Password: cr.Password,
		TLSCA: cr.TLSCACertificate, TLSCert: cr.TLSClientCertificate, TLSKey: cr.TLSClientKey,
		InsecureSkipVerify: v.InsecureSkipVerify, MonitoringOnly: v.MonitoringOnly}
}

// validateSettings checks what the schema cannot: the endpoint's scheme for
// the kind and the credentials the kind needs.
func (s *Service) validateSettings(v ConnectionSettings, prefix string) error {
	if strings.TrimSpace(v.Name) == "" {
		return apierr.Invalid(apierr.Path(prefix, "name"), "name.required", "give the connection a name")
	}
	if v.Endpoint != "" {
		u, err := url.Parse(v.Endpoint)
		if err != nil || u.Host == "" {
			return apierr.Invalid(apierr.Path(prefix, "endpoint"), "endpoint.url", "the endpoint must be a URL such as https://host:8006")
		}
		allowed := []string{"https", "http"}
		if v.Kind == provider.Docker {
			allowed = []string{"tcp", "https", "http"}
		}
		if !slices.Contains(allowed, u.Scheme) {
			return apierr.Invalid(apierr.Path(prefix, "endpoint"), "endpoint.scheme", "a %s endpoint starts with %s://", strings.ToLower(string(v.Kind)), strings.Join(allowed, ":// or "))
		}
		// A name is checked when it is dialled (it may resolve elsewhere
		// later); an address can be refused now.
		if ip, err := netip.ParseAddr(strings.Trim(u.Hostname(), "[]")); err == nil {
			if why := provider.RefusedDestination(ip, s.opts.AllowLinkLocal); why != "" {
				return apierr.Invalid(apierr.Path(prefix, "endpoint"), "endpoint.destination", "%s", why)
			}
		}
	}
	var fe *provider.FieldError
	if err := providerConfig(v).Validate(v.Kind); errors.As(err, &fe) {
		field := apierr.Path(prefix, fe.Field)
		if !slices.Contains([]string{"endpoint", "kind", "monitoring_only"}, fe.Field) {
			field = apierr.Path(prefix, "credentials", fe.Field)
		}
		return apierr.Invalid(field, "connection."+fe.Field, "%s", err.Error())
	}
	return nil
}

// credentialsStayHome is the rule that stored credentials go only where
// they were entered for: whoever points a connection somewhere else, or
// stops it checking the provider's certificate, enters the credentials
// again with the change (an operator cannot send the owner's token to a
// host of their own by changing only the URL). A connection without
// secrets needs nothing.
func credentialsStayHome(before, next ConnectionSettings, paths []string) error {
	if !before.Credentials.secret() || slices.Contains(paths, "credentials") {
		return nil
	}
	switch {
	case next.Endpoint != before.Endpoint:
		return apierr.Invalid(apierr.Path("settings", "credentials"), "credentials.reenter",
			"enter the credentials again to change the endpoint: stored credentials are only sent where they were entered for")
	case next.InsecureSkipVerify && !before.InsecureSkipVerify:
		return apierr.Invalid(apierr.Path("settings", "credentials"), "credentials.reenter",
			"enter the credentials again to accept any certificate: stored credentials are only sent to a verified provider")
	}
	return nil
}

func (s *Service) nameTaken(ctx context.Context, c *ent.Client, name string, except uuid.UUID) error {
	taken, err := c.Connection.Query().Where(connection.Name(name), connection.IDNEQ(except)).Exist(ctx)
	if err != nil {
		return err
	}
	if taken {
		return apierr.AlreadyExists("a connection named %q exists", name)
	}
	return nil
}

// CreateConnection stores a connection; it is not contacted.
func (s *Service) CreateConnection(ctx context.Context, v ConnectionSettings) (*ConnectionView, error) {
	v.Name = strings.TrimSpace(v.Name)
	if err := s.validateSettings(v, "settings"); err != nil {
		return nil, err
	}
	now := s.now()
	var c *ent.Connection
	err := s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		if err := s.nameTaken(ctx, tx.Client(), v.Name, uuid.Nil); err != nil {
			return err
		}
		id := uuid.Must(uuid.NewV7())
		var err error
		c, err = tx.Connection.Create().SetID(id).SetName(v.Name).SetKind(connection.Kind(v.Kind)).
			SetEndpoint(v.Endpoint).SetInsecureSkipVerify(v.InsecureSkipVerify).SetMonitoringOnly(v.MonitoringOnly).
			SetCredentials(s.sealCredentials(id, v.Credentials)).SetCredentialsSet(v.Credentials.set()).
			SetCreateTime(now).SetUpdateTime(now).Save(ctx)
		if err != nil {
			return err
		}
		log.Record(audit.Event{TargetType: "connection", TargetID: ids.Format(ids.Connection, id), After: connectionState(c)})
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &ConnectionView{Connection: connectionOf(c)}, nil
}

// connectionState is what the audit trail keeps of a connection: never the
// credentials, only which are set.
func connectionState(c *ent.Connection) map[string]any {
	return map[string]any{"name": c.Name, "kind": c.Kind, "endpoint": c.Endpoint,
		"insecure_skip_verify": c.InsecureSkipVerify, "monitoring_only": c.MonitoringOnly, "credentials_set": c.CredentialsSet}
}

// UpdateConnection changes the fields named in paths.
func (s *Service) UpdateConnection(ctx context.Context, id uuid.UUID, v ConnectionSettings, paths []string) (*ConnectionView, error) {
	leaves, err := connectionMask.Expand(paths)
	if err != nil {
		return nil, err
	}
	var c *ent.Connection
	err = s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		before, err := tx.Connection.Get(ctx, id)
		if ent.IsNotFound(err) {
			return apierr.NotFound("connection", ids.Format(ids.Connection, id))
		}
		if err != nil {
			return err
		}
		old, err := s.openCredentials(before)
		if err != nil {
			return err
		}
		// The result must be a valid connection as a whole: fields not in
		// the mask keep their values.
		next := settingsOf(before, old)
		connectionMask.Apply(&next, v, leaves)
		if err := credentialsStayHome(settingsOf(before, old), next, leaves); err != nil {
			return err
		}
		if err := s.validateSettings(next, "settings"); err != nil {
			return err
		}
		if err := s.nameTaken(ctx, tx.Client(), next.Name, id); err != nil {
			return err
		}
		c, err = tx.Connection.UpdateOneID(id).SetName(next.Name).SetEndpoint(next.Endpoint).
			SetInsecureSkipVerify(next.InsecureSkipVerify).SetMonitoringOnly(next.MonitoringOnly).
			SetCredentials(s.sealCredentials(id, next.Credentials)).SetCredentialsSet(next.Credentials.set()).
			SetUpdateTime(s.now()).Save(ctx)
		if err != nil {
			return err
		}
		// From now on the connection only reads: nothing it reported may
		// be started or stopped through it. The next sync after control is
		// allowed again takes its containers back.
		if next.MonitoringOnly && !before.MonitoringOnly {
			if err := tx.Container.Update().Where(container.ControlConnectionID(id)).
				ClearControlConnectionID().SetControlID("").SetControlMachineID("").Exec(ctx); err != nil {
				return err
			}
		}
		log.Record(audit.Event{TargetType: "connection", TargetID: ids.Format(ids.Connection, id),
			Before: connectionState(before), After: connectionState(c)})
		return nil
	})
	if err != nil {
		return nil, err
	}
	s.forget(id)
	return s.connectionView(ctx, c)
}

func (s *Service) connectionView(ctx context.Context, c *ent.Connection) (*ConnectionView, error) {
	n, err := s.client.Datasource.Query().Where(datasource.ConnectionID(c.ID)).Count(ctx)
	if err != nil {
		return nil, err
	}
	return &ConnectionView{Connection: connectionOf(c), Datasources: n}, nil
}

// DeleteConnection removes a connection that no server is linked to.
func (s *Service) DeleteConnection(ctx context.Context, id uuid.UUID) error {
	err := s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		c, err := tx.Connection.Get(ctx, id)
		if ent.IsNotFound(err) {
			return apierr.NotFound("connection", ids.Format(ids.Connection, id))
		}
		if err != nil {
			return err
		}
		n, err := tx.Datasource.Query().Where(datasource.ConnectionID(id)).Count(ctx)
		if err != nil {
			return err
		}
		if n > 0 {
			return apierr.FailedPrecondition("%d server(s) are linked to connection %q; unlink them (delete their datasources) first", n, c.Name)
		}
		if err := tx.Connection.DeleteOneID(id).Exec(ctx); err != nil {
			return err
		}
		log.Record(audit.Event{TargetType: "connection", TargetID: ids.Format(ids.Connection, id), Before: connectionState(c)})
		return nil
	})
	if err == nil {
		s.forget(id)
	}
	return err
}

// ListConnections lists connections by name, with their datasource counts:
// all of them, or those of one provider kind and/or one health ("" for any).
func (s *Service) ListConnections(ctx context.Context, kind provider.Kind, health ConnectionHealth) ([]ConnectionView, error) {
	q := s.client.Connection.Query().Order(connection.ByName())
	if kind != "" {
		q.Where(connection.KindEQ(connection.Kind(kind)))
	}
	if health != "" {
		q.Where(connection.HealthEQ(connection.Health(health)))
	}
	cs, err := q.All(ctx)
	if err != nil {
		return nil, fmt.Errorf("list connections: %w", err)
	}
	var counts []struct {
		ConnectionID uuid.UUID `json:"connection_id"`
		Count        int       `json:"count"`
	}
	if err := s.client.Datasource.Query().GroupBy(datasource.FieldConnectionID).Aggregate(ent.Count()).Scan(ctx, &counts); err != nil {
		return nil, fmt.Errorf("count datasources: %w", err)
	}
	byID := map[uuid.UUID]int{}
	for _, c := range counts {
		byID[c.ConnectionID] = c.Count
	}
	out := make([]ConnectionView, len(cs))
	for i, c := range cs {
		out[i] = ConnectionView{Connection: connectionOf(c), Datasources: byID[c.ID]}
	}
	return out, nil
}

// GetConnection returns a connection with its datasources.
func (s *Service) GetConnection(ctx context.Context, id uuid.UUID) (*ConnectionView, []DatasourceView, error) {
	c, err := s.client.Connection.Get(ctx, id)
	if ent.IsNotFound(err) {
		return nil, nil, apierr.NotFound("connection", ids.Format(ids.Connection, id))
	}
	if err != nil {
		return nil, nil, err
	}
	dss, err := s.datasources(ctx, datasource.ConnectionID(id))
	if err != nil {
		return nil, nil, err
	}
	return &ConnectionView{Connection: connectionOf(c), Datasources: len(dss)}, dss, nil
}

// The codes of what a connection's last test or sync found (coded.Text),
// which clients word in their language; the English message beside them
// keeps the provider's detail.
const (
	ConnectionConnected           = "connected"
	ConnectionUnreachable         = "unreachable"
	ConnectionNotRecognized       = "not-recognized"
	ConnectionCredentialsRejected = "credentials-rejected"
	ConnectionNotAuthorized       = "not-authorized"
	ConnectionSynced              = "synced"
	ConnectionSyncFailed          = "sync-failed"
)

// ConnectionHealthCodes are the codes with the names of their values, for
// clients that need every code a text.
var ConnectionHealthCodes = map[string][]string{
	ConnectionConnected: nil, ConnectionUnreachable: nil, ConnectionNotRecognized: nil,
	ConnectionCredentialsRejected: nil, ConnectionNotAuthorized: nil,
	ConnectionSynced: {"machines", "linked"}, ConnectionSyncFailed: nil,
}

// checkCode is the code of a test's outcome: passed, or the first step
// that failed.
func checkCode(c provider.Check) string {
	switch {
	case c.OK():
		return ConnectionConnected
	case !c.Reachable:
		return ConnectionUnreachable
	case !c.Recognized:
		return ConnectionNotRecognized
	case !c.Authenticated:
		return ConnectionCredentialsRejected
	default:
		return ConnectionNotAuthorized
	}
}

// TestResult is the outcome of a connection test.
type TestResult struct {
	provider.Check
	// Code says what the test found, as the code of a connection's health
	// after it (checkCode); Check.Message keeps the provider's words.
	Code       string
	Connection *ConnectionView
}

// TestConnection checks a stored connection and records its health.
func (s *Service) TestConnection(ctx context.Context, id uuid.UUID) (*TestResult, error) {
	c, err := s.client.Connection.Get(ctx, id)
	if ent.IsNotFound(err) {
		return nil, apierr.NotFound("connection", ids.Format(ids.Connection, id))
	}
	if err != nil {
		return nil, err
	}
	s.forget(id) // a test always dials afresh
	p, err := s.providerFor(c)
	if err != nil {
		return nil, err
	}
	check := s.check(ctx, p, provider.Kind(c.Kind), c.Endpoint)
	health, msg := connection.HealthHEALTHY, check.Message
	if !check.OK() {
		health = connection.HealthFAILING
	}
	c, err = s.client.Connection.UpdateOneID(id).SetHealth(health).SetHealthMessage(msg).
		SetHealthCode(checkCode(check)).ClearHealthParams().
		SetHealthTime(s.now()).SetProviderVersion(check.Version).Save(ctx)
	if err != nil {
		return nil, err
	}
	view, err := s.connectionView(ctx, c)
	if err != nil {
		return nil, err
	}
	return &TestResult{Check: check, Code: checkCode(check), Connection: view}, nil
}

// TestSettings checks settings that are not saved.
func (s *Service) TestSettings(ctx context.Context, v ConnectionSettings) (*TestResult, error) {
	// Probing an address reaches the platform's network: no row to scope,
	// so the refusal is said here.
	if err := tenancy.LicenseeOnly(ctx, "provider connections"); err != nil {
		return nil, err
	}
	if err := s.validateSettings(v, "settings"); err != nil {
		return nil, err
	}
	p, err := s.opts.Dial(v.Kind, s.configFor(v))
	if err != nil {
		return nil, apierr.Invalid("settings", "connection.settings", "%v", err)
	}
	check := s.check(ctx, p, v.Kind, v.Endpoint)
	return &TestResult{Check: check, Code: checkCode(check)}, nil
}

func (s *Service) check(ctx context.Context, p provider.Provider, kind provider.Kind, endpoint string) provider.Check {
	ctx, cancel := context.WithTimeout(ctx, s.opts.CallTimeout+5*time.Second)
	defer cancel()
	start := time.Now()
	c := p.Check(ctx)
	if c.Latency == 0 {
		c.Latency = time.Since(start)
	}
	if c.OK() && c.Message == "" {
		c.Message = "Connected: the provider answered, accepted the credentials and allows reading everything Leitstand needs."
	}
	if !c.Recognized {
		c.Message = s.unproven(ctx, kind, endpoint, c.Message)
		c.Version = ""
	}
	return c
}

// Discovered is a machine a connection sees that no server is linked to.
type Discovered struct {
	provider.Machine
	// MatchingServer is the server with the same name, if any.
	MatchingServer *uuid.UUID
}

// DiscoverServers lists the machines the connection sees that are not
// linked yet, by name, and how many it sees in all.
func (s *Service) DiscoverServers(ctx context.Context, id uuid.UUID) ([]Discovered, int, error) {
	c, err := s.client.Connection.Get(ctx, id)
	if ent.IsNotFound(err) {
		return nil, 0, apierr.NotFound("connection", ids.Format(ids.Connection, id))
	}
	if err != nil {
		return nil, 0, err
	}
	snap, err := s.snapshot(ctx, c)
	if err != nil {
		msg := err.Error()
		if c.LastSyncTime == nil && c.ProviderVersion == "" {
			msg = s.unproven(ctx, provider.Kind(c.Kind), c.Endpoint, msg)
		}
		return nil, 0, apierr.FailedPrecondition("connection %q could not be read: %s", c.Name, msg)
	}
	linked, err := s.client.Datasource.Query().Where(datasource.ConnectionID(id)).Select(datasource.FieldExternalID).Strings(ctx)
	if err != nil {
		return nil, 0, err
	}
	var names []string
	var out []Discovered
	for _, m := range snap.Machines {
		if !slices.Contains(linked, m.ID) {
			out = append(out, Discovered{Machine: m})
			names = append(names, m.Name)
		}
	}
	matches, err := s.client.Server.Query().Where(server.NameIn(names...)).Select(server.FieldID, server.FieldName).All(ctx)
	if err != nil {
		return nil, 0, err
	}
	byName := map[string]uuid.UUID{}
	matchIDs := make([]uuid.UUID, len(matches))
	for i, m := range matches {
		byName[m.Name] = m.ID
		matchIDs[i] = m.ID
	}
	link, err := linkableAll(ctx, s.client, matchIDs, c.Kind)
	if err != nil {
		return nil, 0, err
	}
	for i := range out {
		if id, ok := byName[out[i].Name]; ok && link[id] {
			out[i].MatchingServer = &id
		}
	}
	slices.SortFunc(out, func(a, b Discovered) int { return strings.Compare(a.Name, b.Name) })
	return out, len(snap.Machines), nil
}

// snapshot reads a connection once, bounded by the sync timeout.
func (s *Service) snapshot(ctx context.Context, c *ent.Connection) (*provider.Snapshot, error) {
	p, err := s.providerFor(c)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, s.opts.SyncTimeout)
	defer cancel()
	return p.Snapshot(ctx)
}
