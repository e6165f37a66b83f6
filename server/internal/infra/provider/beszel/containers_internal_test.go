package beszel

import (
	"testing"

	"github.com/leitstand/leitstand/server/internal/infra/provider"
)

func TestContainerStatusText(t *testing.T) {
	t.Parallel()
	tests := []struct {
		text string
		want provider.ContainerStatus
	}{
		{"Up 3 hours", provider.Running},
		{"Up an hour", provider.Running}, // the agent drops Docker's "About "
		{"Up Less than a second", provider.Running},
		{"Up 2 hours (Paused)", provider.Paused},
		{"Restarting (1) 5 seconds ago", provider.Running},
		{"Exited (0) 2 minutes ago", provider.Exited},
		{"Exited (137) 3 days ago", provider.Exited},
		{"Dead", provider.Exited},
		{"Created", provider.Stopped},
		{"Removal In Progress", provider.Stopped},
		{"", provider.Running},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			t.Parallel()
			if got := containerStatus(tt.text); got != tt.want {
				t.Errorf("containerStatus(%q) = %s, want %s", tt.text, got, tt.want)
			}
		})
	}
}

func TestContainerHealthNumber(t *testing.T) {
	t.Parallel()
	tests := []struct {
		n    float64
		want provider.ContainerHealth
	}{
		{0, provider.HealthNone},
		{1, provider.HealthStarting},
		{2, provider.HealthHealthy},
		{3, provider.HealthUnhealthy},
		{4, provider.HealthNone},
	}
	for _, tt := range tests {
		if got := containerHealth(tt.n); got != tt.want {
			t.Errorf("containerHealth(%v) = %q, want %q", tt.n, got, tt.want)
		}
	}
}
