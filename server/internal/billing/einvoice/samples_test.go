package einvoice_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/leitstand/leitstand/server/internal/billing/einvoice"
)

// TestWriteSamples writes every golden e-invoice, <case>-<format>.xml, into
// the directory EINVOICE_SAMPLES names, to be checked with the official
// rule sets (the EN 16931 and XRechnung schematron, run with Saxon-HE) or
// the KoSIT validator, which this project does not ship:
//
//	EINVOICE_SAMPLES=/tmp/einvoices go test -run TestWriteSamples ./server/internal/billing/einvoice/
func TestWriteSamples(t *testing.T) {
	dir := os.Getenv("EINVOICE_SAMPLES")
	if dir == "" {
		t.Skip("EINVOICE_SAMPLES names no directory to write the golden e-invoices into")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, g := range golden(t) {
		for _, f := range formats {
			xml, err := einvoice.Encode(g.doc, f, buyer, einvoice.Seller{})
			if err != nil {
				t.Fatalf("%s/%s: %v", g.name, f, err)
			}
			name := slug(g.name) + "-" + f.String() + ".xml"
			if err := os.WriteFile(filepath.Join(dir, name), xml, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}

var notInName = regexp.MustCompile(`[^a-z0-9]+`)

// slug makes a file name of a case's name: "small business (§ 19 UStG)"
// is small-business-19-ustg.
func slug(s string) string {
	return strings.Trim(notInName.ReplaceAllString(strings.ToLower(s), "-"), "-")
}
