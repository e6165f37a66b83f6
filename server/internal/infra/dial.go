package infra

import (
	"fmt"

	"github.com/leitstand/leitstand/server/internal/infra/provider"
	"github.com/leitstand/leitstand/server/internal/infra/provider/beszel"
	"github.com/leitstand/leitstand/server/internal/infra/provider/docker"
	"github.com/leitstand/leitstand/server/internal/infra/provider/hetzner"
	"github.com/leitstand/leitstand/server/internal/infra/provider/proxmox"
)

// Dial returns the Provider of kind, through its real client library.
func Dial(kind provider.Kind, cfg provider.Config) (provider.Provider, error) {
	switch kind {
	case provider.Proxmox:
		return proxmox.New(cfg)
	case provider.Beszel:
		return beszel.New(cfg)
	case provider.Hetzner:
		return hetzner.New(cfg)
	case provider.Docker:
		return docker.New(cfg)
	}
	return nil, fmt.Errorf("unknown provider kind %q", kind)
}
