//go:build spa

// Package frontend holds the built admin SPA for the Go binary. `make build`
// builds the SPA into dist/ and the binary with -tags spa, which embeds it.
package frontend

import (
	"embed"
	"io/fs"
)

//go:embed all:dist
var dist embed.FS

// Dist returns the built SPA.
func Dist() fs.FS {
	sub, err := fs.Sub(dist, "dist")
	if err != nil {
		panic(err)
	}
	return sub
}
