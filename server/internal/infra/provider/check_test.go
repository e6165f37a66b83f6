package provider

import (
	"errors"
	"fmt"
	"testing"
)

// A refusal counts as the provider's word on the credentials only from an
// answer recognized as the provider's; credentials are never reported
// accepted by an endpoint that was not.
func TestCheckFrom(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		err        error
		recognized bool
		want       Check
	}{
		{"success", nil, false, Check{Reachable: true, Recognized: true, Authenticated: true, Authorized: true}},
		{"rejected by the provider", StatusError(401, "unauthorized"), true, Check{Reachable: true, Recognized: true}},
		{"rejected by something else", StatusError(401, "an error page"), false, Check{Reachable: true}},
		{"forbidden by the provider", StatusError(403, "forbidden"), true, Check{Reachable: true, Recognized: true, Authenticated: true}},
		{"forbidden by something else", StatusError(403, "an error page"), false, Check{Reachable: true}},
		{"not like the provider", fmt.Errorf("%w: HTML", ErrBadResponse), false, Check{Reachable: true}},
		{"unreachable", Unreachable(errors.New("connection refused")), false, Check{}},
		{"unreachable after the provider answered", Unreachable(errors.New("connection reset")), true, Check{Recognized: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := CheckFrom(tt.err, tt.recognized, "in the provider's console")
			got.Message = ""
			if got != tt.want {
				t.Errorf("CheckFrom(%v, %v) = %+v, want %+v", tt.err, tt.recognized, got, tt.want)
			}
		})
	}
}
