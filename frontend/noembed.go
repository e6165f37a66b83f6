//go:build !spa

// Package frontend holds the built admin SPA for the Go binary. Without the
// spa build tag (a plain `go build`) there is none, and the binary says so.
package frontend

import "io/fs"

// Dist returns nil: this binary was built without the SPA.
func Dist() fs.FS { return nil }
