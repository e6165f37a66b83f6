//go:build !unix

package stripemock

// lockFile does not lock where flock does not exist: test binaries that
// install stripe-mock at the same moment there both run go install,
// which writes the same binary.
func lockFile(string) (func(), error) { return func() {}, nil }
