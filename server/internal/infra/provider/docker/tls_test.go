package docker_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/leitstand/leitstand/server/internal/infra/provider"
	"github.com/leitstand/leitstand/server/internal/infra/provider/docker"
	"github.com/leitstand/leitstand/server/internal/infra/provider/docker/dockersim"
)

// newTLSVerify is a daemon run with --tlsverify, with a CA of its own.
func newTLSVerify(t *testing.T, seed int64) *dockersim.Server {
	t.Helper()
	sim := dockersim.NewTLSVerify(provider.SimOptions{ContainersPerMachine: 6, Seed: seed})
	t.Cleanup(sim.Close)
	return sim
}

// The connection carries the client's ca.pem, cert.pem and key.pem and
// builds its own transport from them, as for a real daemon.
func TestTLSVerifyWithClientCertificate(t *testing.T) {
	sim := newTLSVerify(t, 5)
	cfg := sim.Config()
	if cfg.HTTPClient != nil || cfg.TLSCA == "" || cfg.TLSCert == "" || cfg.TLSKey == "" || !strings.HasPrefix(cfg.Endpoint, "https://") {
		t.Fatalf("Config = %+v, want the endpoint with CA, certificate and key and no client of its own", cfg)
	}
	p := newProvider(t, cfg)
	ctx := context.Background()

	c := p.Check(ctx)
	if !c.OK() {
		t.Fatalf("Check = %+v", c)
	}
	if !strings.Contains(c.Message, "client certificate") || strings.Contains(c.Message, "firewalled") {
		t.Errorf("Message %q does not say the daemon admits Leitstand by its certificate", c.Message)
	}

	s := snapshot(t, p)
	if m := s.Machines[0]; m.ID != sim.MachineIDs()[0] || len(m.Containers) != 6 {
		t.Errorf("snapshot: machine %s with %d containers", m.ID, len(m.Containers))
	}

	target := firstWith(t, sim, "running")
	if err := p.Control(ctx, sim.MachineIDs()[0], target.ID, provider.Stop); err != nil {
		t.Fatalf("stop over TLS: %v", err)
	}
	if st, _ := sim.Container(target.ID); st.Status != "exited" {
		t.Errorf("after stop the engine has %s", st.Status)
	}

	// Docker's client is pointed at such a daemon as tcp://host:2376 with
	// DOCKER_TLS_VERIFY; with certificates, tcp:// speaks TLS too.
	cfg.Endpoint = strings.Replace(cfg.Endpoint, "https://", "tcp://", 1)
	if c := newProvider(t, cfg).Check(ctx); !c.OK() {
		t.Errorf("tcp:// with certificates: %+v", c)
	}
}

func TestTLSVerifyWithoutClientCertificate(t *testing.T) {
	sim := newTLSVerify(t, 5)
	cfg := sim.Config()
	cfg.TLSCert, cfg.TLSKey = "", ""
	p := newProvider(t, cfg)
	c := p.Check(context.Background())
	if !c.Reachable || c.Authenticated {
		t.Fatalf("Check = %+v, want reachable but not authenticated", c)
	}
	for _, want := range []string{"requires a TLS client certificate", "--tlsverify", "CA certificate, client certificate and client key", "ca.pem", "cert.pem", "key.pem"} {
		if !strings.Contains(c.Message, want) {
			t.Errorf("Message %q does not say %q", c.Message, want)
		}
	}
	if _, err := p.Snapshot(context.Background()); !errors.Is(err, provider.ErrUnauthorized) {
		t.Errorf("Snapshot err = %v, want ErrUnauthorized", err)
	}
}

// The daemon's certificate against a CA that did not sign it, and names
// it is not for.
func TestTLSVerifyServerCertificateNotTrusted(t *testing.T) {
	sim := newTLSVerify(t, 5)
	other := newTLSVerify(t, 6)

	cfg := sim.Config()
	cfg.TLSCA = other.TLSFiles().CA
	c := newProvider(t, cfg).Check(context.Background())
	if c.Reachable || c.OK() {
		t.Fatalf("Check = %+v, want the TLS handshake to fail", c)
	}
	if !strings.Contains(c.Message, "not signed by the CA given for this connection") || !strings.Contains(c.Message, "ca.pem") {
		t.Errorf("wrong CA: Message %q", c.Message)
	}

	// The certificate names 127.0.0.1 and the engine's host name.
	cfg = sim.Config()
	cfg.Endpoint = strings.Replace(cfg.Endpoint, "127.0.0.1", "localhost", 1)
	cfg.Timeout = 5 * time.Second
	c = newProvider(t, cfg).Check(context.Background())
	if c.OK() || !strings.Contains(c.Message, "certificate for another name") || !strings.Contains(c.Message, "localhost") {
		t.Errorf("wrong name: Check = %+v", c)
	}
}

func TestTLSVerifyRefusesClientCertificate(t *testing.T) {
	sim := newTLSVerify(t, 5)
	other := newTLSVerify(t, 6)
	tests := []struct {
		name      string
		cert, key string
		want      string
	}{
		{name: "from another CA", cert: other.TLSFiles().ClientCert, key: other.TLSFiles().ClientKey, want: "not signed by the CA the daemon trusts"},
		{name: "not made for clients", cert: sim.TLSFiles().ServerCert, key: sim.TLSFiles().ServerKey, want: "extendedKeyUsage = clientAuth"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			cfg := sim.Config()
			cfg.TLSCert, cfg.TLSKey = tt.cert, tt.key
			p := newProvider(t, cfg)
			c := p.Check(context.Background())
			if !c.Reachable || c.Authenticated {
				t.Fatalf("Check = %+v, want reachable but not authenticated", c)
			}
			if !strings.Contains(c.Message, "refused Leitstand's client certificate") || !strings.Contains(c.Message, tt.want) {
				t.Errorf("Message %q does not say %q", c.Message, tt.want)
			}
			if _, err := p.Snapshot(context.Background()); !errors.Is(err, provider.ErrUnauthorized) {
				t.Errorf("Snapshot err = %v, want ErrUnauthorized", err)
			}
		})
	}
}

// PEM that does not parse, or a certificate and key that do not belong
// together, are the operator's to fix at the field.
func TestTLSFieldErrors(t *testing.T) {
	a := dockersim.NewTLSVerify(provider.SimOptions{ContainersPerMachine: 1, Seed: 1})
	defer a.Close()
	b := dockersim.NewTLSVerify(provider.SimOptions{ContainersPerMachine: 1, Seed: 2})
	defer b.Close()
	fa, fb := a.TLSFiles(), b.TLSFiles()
	tests := []struct {
		name           string
		ca, cert, key  string
		field, meaning string
	}{
		{name: "mismatched pair", ca: fa.CA, cert: fa.ClientCert, key: fb.ClientKey, field: "tls_client_certificate", meaning: "do not form a pair"},
		{name: "certificate and key swapped", ca: fa.CA, cert: fa.ClientKey, key: fa.ClientCert, field: "tls_client_certificate", meaning: "do not form a pair"},
		{name: "certificate without key", ca: fa.CA, cert: fa.ClientCert, field: "tls_client_key", meaning: "is required"},
		{name: "key without certificate", ca: fa.CA, key: fa.ClientKey, field: "tls_client_certificate", meaning: "is required"},
		{name: "CA not PEM", ca: "ca.pem", cert: fa.ClientCert, key: fa.ClientKey, field: "tls_ca_certificate", meaning: "not a PEM certificate"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			cfg := provider.Config{Endpoint: a.URL(), TLSCA: tt.ca, TLSCert: tt.cert, TLSKey: tt.key}
			var fe *provider.FieldError
			if err := cfg.Validate(provider.Docker); !errors.As(err, &fe) || fe.Field != tt.field || !strings.Contains(fe.Reason, tt.meaning) {
				t.Errorf("Validate: %v, want a FieldError for %s that says %q", err, tt.field, tt.meaning)
			}
			if _, err := docker.New(cfg); !errors.As(err, &fe) || fe.Field != tt.field {
				t.Errorf("New: %v, want a FieldError for %s", err, tt.field)
			}
		})
	}
}
