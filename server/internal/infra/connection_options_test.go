package infra_test

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/internal/apptest"
	"github.com/leitstand/leitstand/server/internal/infra"
	"github.com/leitstand/leitstand/server/internal/infra/provider"
	"github.com/leitstand/leitstand/server/internal/infra/provider/docker/dockersim"
	"github.com/leitstand/leitstand/server/internal/infra/provider/proxmox/proxmoxsim"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/testdb"
)

// A monitoring-only Proxmox connection reports its LXC guests but never
// controls them: control is refused with the reason, and the containers
// say why. Allowing control again gives them back at the next sync;
// taking it away takes effect at once, without waiting for a sync.
func TestMonitoringOnlyConnectionNeverControls(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		f := setup(t, d)
		sim := proxmoxsim.New(provider.SimOptions{Nodes: 1, Machines: 1, ContainersPerMachine: 2, Seed: 5})
		defer sim.Close()
		cfg := sim.Config()
		c, err := f.svc.CreateConnection(f.ctx, infra.ConnectionSettings{Name: "Proxmox read-only", Kind: provider.Proxmox,
			Endpoint: sim.URL(), InsecureSkipVerify: true, MonitoringOnly: true, Credentials: infra.Credentials{Token: cfg.Token}})
		if err != nil {
			t.Fatal(err)
		}
		if !c.MonitoringOnly {
			t.Fatal("the connection was not stored as monitoring-only")
		}
		f.importAll(t, c)
		f.sync(t)
		lxc := f.someContainer(t)
		if lxc.Unavailable.Code != infra.UnavailableMonitoringOnly {
			t.Errorf("a monitoring-only connection's container says %q", lxc.Unavailable.English)
		}
		_, err = f.svc.Control(f.ctx, lxc.ID, provider.Stop, "")
		apptest.WantErr(t, err, apierr.ErrFailedPrecondition)
		if err != nil && !strings.Contains(err.Error(), "monitoring-only") {
			t.Errorf("refusal = %v", err)
		}

		if _, err := f.svc.UpdateConnection(f.ctx, c.ID, infra.ConnectionSettings{}, []string{"monitoring_only"}); err != nil {
			t.Fatal(err)
		}
		f.sync(t)
		if got := f.container(t, lxc.ID); got.Unavailable.Code != "" {
			t.Fatalf("control allowed again, but the container says %q", got.Unavailable.English)
		}

		if _, err := f.svc.UpdateConnection(f.ctx, c.ID, infra.ConnectionSettings{MonitoringOnly: true}, []string{"monitoring_only"}); err != nil {
			t.Fatal(err)
		}
		if got := f.container(t, lxc.ID); got.Unavailable.Code != infra.UnavailableMonitoringOnly {
			t.Errorf("right after the switch the container says %q", got.Unavailable.English)
		}
		_, err = f.svc.Control(f.ctx, lxc.ID, provider.Stop, "")
		apptest.WantErr(t, err, apierr.ErrFailedPrecondition)
		evs := f.env.EventsOf(t, "connection")
		if len(evs) != 3 || !strings.Contains(evs[2].After, `"monitoring_only":true`) {
			t.Errorf("audit trail of the switches: %d events", len(evs))
		}
	})
}

func (f *fixture) someContainer(t *testing.T) infra.ContainerView {
	t.Helper()
	page, err := f.svc.ListContainers(f.ctx, infra.ContainerFilter{Statuses: []infra.ContainerStatus{infra.ContainerRunning}}, 50, "")
	if err != nil || len(page.Items) == 0 {
		t.Fatalf("running containers: %+v %v", page, err)
	}
	return page.Items[0]
}

func (f *fixture) container(t *testing.T, id uuid.UUID) *infra.ContainerView {
	t.Helper()
	v, err := f.svc.GetContainer(f.ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// A Docker daemon run with --tlsverify is reached with the CA, client
// certificate and key stored on the connection: Test passes, its machine
// imports and syncs. The TLS credentials are sealed like the other secrets,
// reported only as set, and checked before anything is stored: a
// certificate without its key, a key that does not belong to it, a CA that
// is no certificate.
func TestDockerOverTLSWithClientCertificates(t *testing.T) {
	f := setup(t, testdb.SQLite)
	sim := dockersim.NewTLSVerify(provider.SimOptions{ContainersPerMachine: 3, Seed: 4})
	defer sim.Close()
	other := dockersim.NewTLSVerify(provider.SimOptions{Seed: 5})
	defer other.Close()
	pem := sim.TLSFiles()
	docker := func(cr infra.Credentials) infra.ConnectionSettings {
		return infra.ConnectionSettings{Name: "Docker TLS", Kind: provider.Docker, Endpoint: sim.URL(), Credentials: cr}
	}
	cases := []struct {
		name  string
		v     infra.ConnectionSettings
		field string
	}{
		{"certificate without key", docker(infra.Credentials{TLSClientCertificate: pem.ClientCert}), "settings.credentials.tls_client_key"},
		{"key without certificate", docker(infra.Credentials{TLSClientKey: pem.ClientKey}), "settings.credentials.tls_client_certificate"},
		{"key of another certificate", docker(infra.Credentials{TLSClientCertificate: pem.ClientCert, TLSClientKey: other.TLSFiles().ClientKey}), "settings.credentials.tls_client_certificate"},
		{"CA that is no certificate", docker(infra.Credentials{TLSCACertificate: "ca.pem"}), "settings.credentials.tls_ca_certificate"},
		{"monitoring-only Beszel", infra.ConnectionSettings{Name: "b", Kind: provider.Beszel, Endpoint: "https://beszel.example.com",
			MonitoringOnly: true, Credentials: infra.Credentials{Username: "u", Password: "p"}}, "settings.monitoring_only"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := f.svc.CreateConnection(f.ctx, tc.v)
			apptest.WantErr(t, err, apierr.ErrInvalidArgument, tc.field)
		})
	}
	if n, _ := f.env.DB.Client.Connection.Query().Count(f.ctx); n != 0 {
		t.Fatalf("%d connections stored after bad input", n)
	}

	// Without a client certificate the daemon refuses in the handshake,
	// before it shows itself to be Docker: Test says no more than for any
	// other address (the server's log has the TLS alert).
	res, err := f.svc.TestSettings(f.ctx, docker(infra.Credentials{TLSCACertificate: pem.CA}))
	if err != nil || res.OK() || res.Recognized || !strings.Contains(res.Message, "No Docker API answered") {
		t.Fatalf("test without a client certificate = %+v %v", res, err)
	}
	c, err := f.svc.CreateConnection(f.ctx, docker(infra.Credentials{TLSCACertificate: pem.CA, TLSClientCertificate: pem.ClientCert, TLSClientKey: pem.ClientKey}))
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"tls_ca_certificate", "tls_client_certificate", "tls_client_key"}; !slices.Equal(c.CredentialsSet, want) {
		t.Errorf("credentials set = %v, want %v", c.CredentialsSet, want)
	}
	if res, err := f.svc.TestConnection(f.ctx, c.ID); err != nil || !res.OK() || res.Connection.ProviderVersion == "" {
		t.Fatalf("test with the client certificate = %+v %v", res, err)
	}
	if vs := f.importAll(t, c); len(vs) != 1 {
		t.Fatalf("imported %d machines", len(vs))
	}
	if r := f.sync(t); r.FailedConnections != 0 {
		t.Fatalf("sync over TLS: %+v", r)
	}
	if lxc := f.someContainer(t); lxc.Unavailable.Code != "" {
		t.Errorf("a container of the TLS daemon cannot be controlled: %s", lxc.Unavailable.English)
	}

	row, err := f.env.DB.Client.Connection.Get(f.ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	keyBody := strings.Split(pem.ClientKey, "\n")[1]
	if bytes.Contains(row.Credentials, []byte(keyBody)) {
		t.Error("the client key is stored in the clear")
	}
	evs := f.env.EventsOf(t, "connection")
	if len(evs) == 0 || strings.Contains(evs[0].After, keyBody) || !strings.Contains(evs[0].After, "tls_client_key") {
		t.Errorf("audit events: %+v", evs)
	}
}

// The sync keeps the provider's version on the connection current, so an
// upgraded Docker Engine or Proxmox VE shows without anyone pressing Test.
func TestSyncRecordsTheProviderVersion(t *testing.T) {
	f := setup(t, testdb.SQLite)
	sim := dockersim.New(provider.SimOptions{ContainersPerMachine: 1, Seed: 8})
	defer sim.Close()
	c := f.connect(t, "Docker untested", sim)
	f.importAll(t, c)
	f.sync(t)
	got, _, err := f.svc.GetConnection(f.ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.ProviderVersion != "28.5.1" {
		t.Errorf("version after a sync = %q, want the engine's 28.5.1", got.ProviderVersion)
	}
}

// Stored credentials go only where they were entered for: pointing a
// connection elsewhere, or making it accept any certificate, needs them
// again, and is refused without them with nothing changed. A connection
// without secrets can move freely. Link-local and cloud metadata addresses
// are refused as endpoints.
func TestStoredCredentialsStayHome(t *testing.T) {
	f := setup(t, testdb.SQLite)
	c, err := f.svc.CreateConnection(f.ctx, infra.ConnectionSettings{Name: "Hetzner", Kind: provider.Hetzner,
		Endpoint: "https://api.hetzner.cloud/v1", Credentials: infra.Credentials{Token: "owner's token"}})
	if err != nil {
		t.Fatal(err)
	}
	moved := infra.ConnectionSettings{Endpoint: "https://collector.example.net/v1"}
	_, err = f.svc.UpdateConnection(f.ctx, c.ID, moved, []string{"endpoint"})
	apptest.WantErr(t, err, apierr.ErrInvalidArgument, "settings.credentials")
	_, err = f.svc.UpdateConnection(f.ctx, c.ID, infra.ConnectionSettings{InsecureSkipVerify: true}, []string{"insecure_skip_verify"})
	apptest.WantErr(t, err, apierr.ErrInvalidArgument, "settings.credentials")
	if got, _, _ := f.svc.GetConnection(f.ctx, c.ID); got.Endpoint != c.Endpoint || got.InsecureSkipVerify {
		t.Fatalf("a refused change was stored: %s %v", got.Endpoint, got.InsecureSkipVerify)
	}
	moved.Credentials = infra.Credentials{Token: "a token for the new endpoint"}
	if _, err := f.svc.UpdateConnection(f.ctx, c.ID, moved, []string{"endpoint", "credentials"}); err != nil {
		t.Fatalf("moving with new credentials: %v", err)
	}
	// Renaming needs no credentials.
	if _, err := f.svc.UpdateConnection(f.ctx, c.ID, infra.ConnectionSettings{Name: "Hetzner B"}, []string{"name"}); err != nil {
		t.Fatal(err)
	}

	d, err := f.svc.CreateConnection(f.ctx, infra.ConnectionSettings{Name: "Docker", Kind: provider.Docker, Endpoint: "tcp://10.0.0.5:2375"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.UpdateConnection(f.ctx, d.ID, infra.ConnectionSettings{Endpoint: "tcp://10.0.0.6:2375"}, []string{"endpoint"}); err != nil {
		t.Errorf("a connection without secrets could not move: %v", err)
	}

	for _, host := range []string{"169.254.169.254", "[fd00:ec2::254]", "[fe80::1]"} {
		_, err := f.svc.CreateConnection(f.ctx, infra.ConnectionSettings{Name: "meta " + host, Kind: provider.Proxmox,
			Endpoint: "https://" + host + ":8006", Credentials: infra.Credentials{Token: "root@pam!x=y"}})
		apptest.WantErr(t, err, apierr.ErrInvalidArgument, "settings.endpoint")
		if err != nil && !strings.Contains(err.Error(), "metadata") {
			t.Errorf("%s refused for another reason: %v", host, err)
		}
		_, err = f.svc.UpdateConnection(f.ctx, d.ID, infra.ConnectionSettings{Endpoint: "tcp://" + host + ":2375"}, []string{"endpoint"})
		apptest.WantErr(t, err, apierr.ErrInvalidArgument, "settings.endpoint")
	}
}

// Test cannot tell a closed port from a web server or a TLS service that
// is not the provider: every failure before the provider shows itself gets
// the same words, and no version. Once the provider answered, its own
// words come through (a rejected token).
func TestTestIsNoPortScanner(t *testing.T) {
	f := setup(t, testdb.SQLite)
	web := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Server", "nginx/1.27")
		http.Error(w, "<html>401 Authorization Required</html>", http.StatusUnauthorized)
	}))
	defer web.Close()
	tlsOnly := httptest.NewTLSServer(http.NotFoundHandler())
	defer tlsOnly.Close()
	closed := httptest.NewServer(http.NotFoundHandler())
	closedURL := closed.URL
	closed.Close()

	var messages []string
	for _, ep := range []string{closedURL, web.URL, tlsOnly.URL} {
		res, err := f.svc.TestSettings(f.ctx, infra.ConnectionSettings{Name: "probe", Kind: provider.Proxmox, Endpoint: ep,
			Credentials: infra.Credentials{Token: "root@pam!probe=x"}})
		if err != nil || res.OK() || res.Version != "" {
			t.Fatalf("%s: %+v %v", ep, res, err)
		}
		messages = append(messages, strings.ReplaceAll(res.Message, ep, "ENDPOINT"))
	}
	if messages[0] != messages[1] || messages[1] != messages[2] {
		t.Errorf("the answers tell the endpoints apart:\n%s", strings.Join(messages, "\n"))
	}

	// Nor does a stored connection's sync, before it ever succeeded.
	c, err := f.svc.CreateConnection(f.ctx, infra.ConnectionSettings{Name: "probe", Kind: provider.Proxmox, Endpoint: web.URL,
		Credentials: infra.Credentials{Token: "root@pam!probe=x"}})
	if err != nil {
		t.Fatal(err)
	}
	f.sync(t)
	got, _, err := f.svc.GetConnection(f.ctx, c.ID)
	// The endpoint's own address may hold "401" (a port): look past it.
	health := strings.ReplaceAll(got.HealthMessage, web.URL, "ENDPOINT")
	if err != nil || strings.Contains(health, "nginx") || strings.Contains(health, "401") ||
		!strings.Contains(health, "No Proxmox API answered") {
		t.Errorf("sync of an unproven endpoint says %q (%v)", got.HealthMessage, err)
	}

	sim := proxmoxsim.New(provider.SimOptions{Nodes: 1, Machines: 1, Seed: 2})
	defer sim.Close()
	res, err := f.svc.TestSettings(f.ctx, infra.ConnectionSettings{Name: "pve", Kind: provider.Proxmox, Endpoint: sim.URL(),
		InsecureSkipVerify: true, Credentials: infra.Credentials{Token: "root@pam!wrong=x"}})
	if err != nil || res.OK() || !res.Recognized || !strings.Contains(res.Message, "rejected") {
		t.Errorf("a rejected token at a real Proxmox: %+v %v", res, err)
	}
}
