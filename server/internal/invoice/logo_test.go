package invoice_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	entinvoice "github.com/leitstand/leitstand/server/ent/invoice"
	"github.com/leitstand/leitstand/server/internal/apptest"
	"github.com/leitstand/leitstand/server/internal/billing/calendar"
	"github.com/leitstand/leitstand/server/internal/billing/invoicepdf"
	"github.com/leitstand/leitstand/server/internal/demo"
	"github.com/leitstand/leitstand/server/internal/module"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/testdb"
	"github.com/leitstand/leitstand/server/internal/settings"
)

// pdfImages lists the images of a PDF as poppler's pdfimages sees them:
// "width×height" of each, soft masks left out.
func pdfImages(t *testing.T, pdf []byte) []string {
	t.Helper()
	if _, err := exec.LookPath("pdfimages"); err != nil {
		t.Fatal("pdfimages is missing: install the Debian package poppler-utils (make deps-poppler)")
	}
	path := filepath.Join(t.TempDir(), "invoice.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdfimages", "-list", path).Output()
	if err != nil {
		t.Fatal(err)
	}
	var images []string
	for _, l := range strings.Split(string(out), "\n") {
		// page num type width height …
		if f := strings.Fields(l); len(f) > 4 && f[2] == "image" {
			images = append(images, f[3]+"×"+f[4])
		}
	}
	return images
}

// documentOf reads the document stored with an invoice.
func documentOf(t *testing.T, r *ent.Invoice) invoicepdf.Document {
	t.Helper()
	var doc invoicepdf.Document
	if err := json.Unmarshal(r.Document, &doc); err != nil {
		t.Fatal(err)
	}
	return doc
}

// pdfOf downloads an invoice's PDF.
func pdfOf(t *testing.T, env *apptest.Env, id uuid.UUID) []byte {
	t.Helper()
	f, _, err := env.Invoices.PDF(authz.System(t.Context()), id)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	b, err := io.ReadAll(f)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// An invoice prints the logo its issuer had when it was issued: its
// document names the logo's file and holds none of its bytes, its PDF
// shows it. An invoice issued before keeps rendering without a logo, and a
// cancellation invoice prints the logo of the invoice it cancels, even
// once the settings have none.
func TestAnInvoicePrintsTheLogoItWasIssuedWith(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		orgID := customer(t, env, platform(t, env), "Acme")
		sys := authz.System(t.Context())
		c := env.DB.Client
		org := c.Organization.GetX(sys, orgID)

		// Issued before the logo, and not rendered yet.
		set, err := env.Settings.Of(sys, org.BillingEntityID)
		if err != nil {
			t.Fatal(err)
		}
		var early *ent.Invoice
		err = env.Audit.Change(sys, func(tx *ent.Tx, log *audit.Log) error {
			early, err = env.Invoices.IssueOne(sys, tx, log, org, set, calendar.D(2026, time.March, 1))
			return err
		})
		if err != nil {
			t.Fatal(err)
		}

		logo := demo.Logo()
		withLogo, _, err := env.Settings.UploadLogo(sys, logo, "image/png", "letterhead")
		if err != nil {
			t.Fatal(err)
		}
		name := withLogo.Company.Logo
		if name != fmt.Sprintf("%x.png", sha256.Sum256(logo)) {
			t.Fatalf("logo stored as %q", name)
		}

		// The billing run issues the organization's first invoice with it.
		if r, err := env.Invoices.Run(sys); err != nil || r.Invoices != 1 {
			t.Fatalf("run = %+v %v", r, err)
		}
		issued := c.Invoice.Query().Where(entinvoice.IDNEQ(early.ID)).OnlyX(sys)
		doc := documentOf(t, issued)
		if doc.Issuer.LogoFile != name {
			t.Errorf("the invoice's document names the logo %q, want %q", doc.Issuer.LogoFile, name)
		}
		// The document holds the logo's name, never its bytes.
		if bytes.Contains(issued.Document, []byte(`"Logo"`)) || bytes.Contains(issued.Document, []byte(base64.StdEncoding.EncodeToString(logo))) {
			t.Errorf("the stored document holds the logo's bytes: %.300s", issued.Document)
		}
		if got := pdfImages(t, pdfOf(t, env, issued.ID)); len(got) != 1 || got[0] != "120×120" {
			t.Errorf("the invoice's PDF shows the images %v, want the 120×120 logo", got)
		}
		// Rendered again from the document and the logo it names, the PDF
		// is the same file.
		doc.Issuer.Logo = logo
		again, err := env.Invoices.PDFOf(sys, issued.IssuerID, doc)
		if err != nil {
			t.Fatal(err)
		}
		if fmt.Sprintf("%x", sha256.Sum256(again)) != c.Invoice.GetX(sys, issued.ID).PdfSha256 {
			t.Error("the invoice's PDF is not what its document and logo render to")
		}

		// The invoice issued before the logo renders now, without one.
		if n, err := env.Invoices.RenderPending(sys); err != nil || n != 1 {
			t.Fatalf("render pending = %d %v", n, err)
		}
		if doc := documentOf(t, c.Invoice.GetX(sys, early.ID)); doc.Issuer.LogoFile != "" {
			t.Errorf("the invoice issued before the logo names %q", doc.Issuer.LogoFile)
		}
		if got := pdfImages(t, pdfOf(t, env, early.ID)); len(got) != 0 {
			t.Errorf("the invoice issued before the logo shows the images %v", got)
		}

		// The logo is removed; the cancellation of the invoice issued with
		// it still says what that one said of the issuer.
		if s, _, err := env.Settings.RemoveLogo(sys, "new letterhead"); err != nil || s.Company.Logo != "" {
			t.Fatalf("remove logo = %q %v", s.Company.Logo, err)
		}
		_, cancellation, err := env.Invoices.Cancel(sys, issued.ID, "wrong address")
		if err != nil {
			t.Fatal(err)
		}
		if doc := documentOf(t, c.Invoice.GetX(sys, cancellation.ID)); doc.Issuer.LogoFile != name {
			t.Errorf("the cancellation invoice names the logo %q, want the cancelled invoice's %q", doc.Issuer.LogoFile, name)
		}
		if got := pdfImages(t, pdfOf(t, env, cancellation.ID)); len(got) != 1 {
			t.Errorf("the cancellation invoice's PDF shows the images %v, want the logo", got)
		}

		// The storage cleanup keeps the logo the settings no longer name.
		if _, err := env.Files.Cleanup(sys, module.Files(env.Modules), env.Clock.Now().Add(72*time.Hour), 24*time.Hour); err != nil {
			t.Fatal(err)
		}
		if ok, err := env.Files.Exists(sys, settings.LogoPrefix, name); err != nil || !ok {
			t.Errorf("after the cleanup the logo is stored: %v %v", ok, err)
		}
	})
}
