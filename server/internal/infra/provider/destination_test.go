package provider

import (
	"context"
	"errors"
	"net/http"
	"net/netip"
	"strings"
	"testing"
)

func TestRefusedDestination(t *testing.T) {
	tests := []struct {
		ip      string
		allow   bool
		refused bool
	}{
		{"169.254.169.254", false, true},
		{"169.254.169.254", true, false},
		{"fd00:ec2::254", false, true},
		{"fe80::1", false, true},
		{"::ffff:169.254.169.254", false, true},
		{"0.0.0.0", true, true},
		{"127.0.0.1", false, false},
		{"10.0.0.5", false, false},
		{"192.168.1.10", false, false},
		{"2001:db8::1", false, false},
	}
	for _, tt := range tests {
		if got := RefusedDestination(netip.MustParseAddr(tt.ip), tt.allow); (got != "") != tt.refused {
			t.Errorf("%s (allow %v): %q, want refused %v", tt.ip, tt.allow, got, tt.refused)
		}
	}
}

// A connection's client refuses to dial a metadata address before any
// packet leaves: the credentials it would carry never reach it.
func TestClientRefusesMetadataAddresses(t *testing.T) {
	c := Config{Endpoint: "http://169.254.169.254/latest/meta-data/", Token: "secret"}
	req, _ := http.NewRequestWithContext(context.Background(), http.MethodGet, c.Endpoint, nil)
	_, err := c.Client().Do(req)
	var re *refusedError
	if !errors.As(err, &re) || !strings.Contains(err.Error(), "metadata") {
		t.Fatalf("dial to the metadata service: %v", err)
	}
}
