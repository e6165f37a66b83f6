package invoice

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	enteinvoice "github.com/leitstand/leitstand/server/ent/einvoice"
	entinvoice "github.com/leitstand/leitstand/server/ent/invoice"
	"github.com/leitstand/leitstand/server/internal/billing/einvoice"
	"github.com/leitstand/leitstand/server/internal/billing/invoicepdf"
	"github.com/leitstand/leitstand/server/internal/organization"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/blob"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
)

// EInvoicePrefix is the folder of the e-invoices in the blob store.
const EInvoicePrefix = "einvoices"

// eInvoiceFormats are the formats (as organizations prefer them) with their files' media type and
// extension and the syntax inside.
var eInvoiceFormats = map[string]struct {
	contentType, ext string
	syntax           einvoice.Format
}{
	organization.EInvoiceZUGFeRD:      {"application/pdf", "pdf", einvoice.FacturX},
	organization.EInvoiceXRechnungCII: {"application/xml", "xml", einvoice.XRechnungCII},
	organization.EInvoiceXRechnungUBL: {"application/xml", "xml", einvoice.XRechnungUBL},
}

// EInvoiceFile is an invoice as an e-invoice in one format.
type EInvoiceFile struct {
	Content     []byte
	FileName    string
	ContentType string
	SHA256      string
}

// EInvoice returns the invoice id as an e-invoice in format: the one made
// before, or made now from the document the invoice was issued with,
// checked by the EN 16931 and XRechnung rules, and kept. One that breaks a
// rule is not made: FailedPrecondition with each rule and its message.
func (s *Service) EInvoice(ctx context.Context, id uuid.UUID, format string) (*EInvoiceFile, error) {
	inv, err := s.client.Invoice.Query().Where(entinvoice.ID(id)).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, apierr.NotFound("invoice", ids.Format(ids.Invoice, id))
	}
	if err != nil {
		return nil, err
	}
	ef, ok := eInvoiceFormats[format]
	if !ok {
		return nil, apierr.Invalid("format", "format.defined_only", "choose ZUGFeRD, XRechnung CII or XRechnung UBL")
	}
	kind, ext := ef.contentType, ef.ext
	fileName := inv.Number + "-" + strings.ToLower(strings.ReplaceAll(format, "_", "-")) + "." + ext
	read := func(r *ent.EInvoice) (*EInvoiceFile, error) {
		f, _, err := s.files.Open(ctx, EInvoicePrefix, r.FileName)
		if err != nil {
			return nil, fmt.Errorf("read the e-invoice of %s: %w", inv.Number, err)
		}
		defer f.Close()
		b, err := io.ReadAll(f)
		if err != nil {
			return nil, err
		}
		return &EInvoiceFile{Content: b, FileName: fileName, ContentType: kind, SHA256: r.Sha256}, nil
	}
	stored, err := s.client.EInvoice.Query().Where(enteinvoice.InvoiceID(id), enteinvoice.FormatEQ(enteinvoice.Format(format))).Only(ctx)
	if err == nil {
		return read(stored)
	}
	if !ent.IsNotFound(err) {
		return nil, err
	}
	content, err := s.encode(ctx, inv, format)
	if err != nil {
		return nil, err
	}
	name := blob.Name(content, ext)
	// Stored before the row that names it: a change that fails leaves a
	// file no row refers to, which the storage cleanup removes.
	if err := s.files.Put(ctx, EInvoicePrefix, name, content, kind); err != nil {
		return nil, fmt.Errorf("store the e-invoice of %s: %w", inv.Number, err)
	}
	sum := strings.TrimSuffix(name, "."+ext)
	err = s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		if n, err := tx.EInvoice.Query().Where(enteinvoice.InvoiceID(id), enteinvoice.FormatEQ(enteinvoice.Format(format))).Count(ctx); err != nil || n > 0 {
			if err == nil {
				err = audit.Unchanged // made meanwhile by another call: the same bytes
			}
			return err
		}
		if err := tx.EInvoice.Create().SetInvoiceID(id).SetOrganizationID(inv.OrganizationID).SetFormat(enteinvoice.Format(format)).
			SetFileName(name).SetSha256(sum).SetCreateTime(s.clock.Now()).Exec(ctx); err != nil {
			return err
		}
		log.Record(audit.Event{TargetType: targetType, TargetID: ids.Format(ids.Invoice, id),
			After: map[string]any{"number": inv.Number, "e_invoice": format, "sha256": sum}})
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &EInvoiceFile{Content: content, FileName: fileName, ContentType: kind, SHA256: sum}, nil
}

// encode makes the e-invoice of inv in format from its stored document.
func (s *Service) encode(ctx context.Context, inv *ent.Invoice, format string) ([]byte, error) {
	var doc invoicepdf.Document
	if err := json.Unmarshal(inv.Document, &doc); err != nil {
		return nil, fmt.Errorf("read the document of %s: %w", inv.Number, err)
	}
	if format == organization.EInvoiceZUGFeRD {
		if doc.Issuer.LogoFile != "" {
			logo, err := s.logo(ctx, doc.Issuer.LogoFile)
			if err != nil {
				return nil, fmt.Errorf("read the logo of %s: %w", inv.Number, err)
			}
			doc.Issuer.Logo = logo
		}
		return s.hybrid(ctx, inv.IssuerID, doc)
	}
	return s.xml(ctx, inv.IssuerID, doc, eInvoiceFormats[format].syntax)
}

// xml is the e-invoice of doc, issued by issuer, in syntax, checked by
// its rules; one that breaks a rule is FailedPrecondition with each rule
// and its message.
func (s *Service) xml(ctx context.Context, issuer uuid.UUID, doc invoicepdf.Document, syntax einvoice.Format) ([]byte, error) {
	set, err := s.settings.Of(ctx, issuer)
	if err != nil {
		return nil, err
	}
	return encodeChecked(doc, syntax, set.Company.Address.CountryCode)
}

// encodeChecked is the e-invoice of doc in syntax, its issuer seated in
// country.
func encodeChecked(doc invoicepdf.Document, syntax einvoice.Format, country string) ([]byte, error) {
	xml, err := einvoice.Encode(doc, syntax, buyerOf(doc.Customer), einvoice.Seller{Country: country})
	var broken *einvoice.Error
	if errors.As(err, &broken) {
		return nil, apierr.FailedPrecondition("%s", rulesOf(broken))
	}
	if err != nil {
		return nil, fmt.Errorf("the e-invoice of %s: %w", doc.Number, err)
	}
	return xml, nil
}

// hybrid is the PDF of doc (with its logo loaded) as a ZUGFeRD invoice:
// PDF/A-3 with its Factur-X XML (EN 16931 profile) inside. Every invoice's
// PDF is one, so every invoice issued is an e-invoice a business customer
// can read by machine; the pages are those of the plain PDF.
func (s *Service) hybrid(ctx context.Context, issuer uuid.UUID, doc invoicepdf.Document) ([]byte, error) {
	xml, err := s.xml(ctx, issuer, doc, einvoice.FacturX)
	if err != nil {
		return nil, err
	}
	return invoicepdf.RenderHybrid(doc, xml, invoicepdf.ProfileEN16931)
}

// checkEInvoices checks the e-invoice of each document docs[i], issued as
// ds[i], against the EN 16931 rules before the change issuing them
// commits: as Factur-X, which every invoice's PDF carries, and in the
// XRechnung syntax its organization prefers. The check is the model's
// (einvoice.Check, some 40 µs an invoice); the XML is checked again
// whenever a file is made. An invoice that breaks a rule is not issued:
// FailedPrecondition with its number, the rules and their messages, so
// the billing run reports the organization and bills the others. A run's
// hundreds of invoices are checked on every core.
func checkEInvoices(ds []draft, docs []invoicepdf.Document) error {
	check := func(i int) error {
		d, doc := ds[i], docs[i]
		syntaxes := []einvoice.Format{einvoice.FacturX}
		if f, ok := eInvoiceFormats[d.org.EinvoiceFormat.String()]; ok && f.syntax != einvoice.FacturX {
			syntaxes = append(syntaxes, f.syntax)
		}
		for _, syntax := range syntaxes {
			_, err := einvoice.Check(doc, syntax, buyerOf(doc.Customer), einvoice.Seller{Country: d.issuer.Company.Address.CountryCode})
			var broken *einvoice.Error
			if errors.As(err, &broken) {
				return apierr.FailedPrecondition("the e-invoice (%s) of invoice %s for %s would break its rules, so it is not issued: %s",
					syntax, doc.Number, d.org.Name, rulesOf(broken))
			}
			if err != nil {
				// What no e-invoice can carry: a document without what
				// an invoice must name (§ 14 UStG), such as the customer's
				// address.
				return apierr.FailedPrecondition("invoice %s for %s cannot be issued: %v", doc.Number, d.org.Name, err)
			}
		}
		return nil
	}
	if len(docs) < 8 {
		for i := range docs {
			if err := check(i); err != nil {
				return err
			}
		}
		return nil
	}
	errs := make([]error, len(docs))
	onEveryCore(len(docs), func(i int) { errs[i] = check(i) })
	for _, err := range errs {
		if err != nil {
			return err // the first invoice's, as the loop above
		}
	}
	return nil
}

// buyerOf is what an e-invoice needs of the customer, as the document
// the invoice was issued with names it.
func buyerOf(c invoicepdf.Customer) einvoice.Buyer {
	return einvoice.Buyer{Reference: c.Reference, ElectronicAddress: c.ElectronicAddress, PublicSector: c.PublicSector}
}

// rulesOf lists broken rules as "BR-DE-15: …; BR-CO-10: …".
func rulesOf(e *einvoice.Error) string {
	rules := make([]string, len(e.Violations))
	for i, v := range e.Violations {
		rules[i] = v.String()
	}
	return strings.Join(rules, "; ")
}

// checks are what the rules say of the e-invoice of doc, issued by
// issuer, in each format, in the order of the formats' names. It checks
// the model (einvoice.Check), some 15 µs a format, so that the invoice
// page can tell before any file is made.
func (s *Service) checks(ctx context.Context, issuer uuid.UUID, doc invoicepdf.Document) ([]EInvoiceCheck, error) {
	set, err := s.settings.Of(ctx, issuer)
	if err != nil {
		return nil, err
	}
	seller := einvoice.Seller{Country: set.Company.Address.CountryCode}
	var out []EInvoiceCheck
	for _, format := range slices.Sorted(maps.Keys(eInvoiceFormats)) {
		c := EInvoiceCheck{Format: format}
		var broken *einvoice.Error
		c.Warnings, err = einvoice.Check(doc, eInvoiceFormats[format].syntax, buyerOf(doc.Customer), seller)
		switch {
		case errors.As(err, &broken):
			c.Violations = broken.Violations
		case err != nil:
			// What no format can carry (a document that does not add
			// up): a rule of EN 16931 broken, in words of its own.
			c.Violations = []einvoice.Violation{{Rule: "EN 16931", Message: err.Error()}}
		}
		out = append(out, c)
	}
	return out, nil
}

// EInvoicesInUse lists the names of the stored e-invoices, for the
// storage cleanup.
func (s *Service) EInvoicesInUse(ctx context.Context) ([]string, error) {
	return s.client.EInvoice.Query().Select(enteinvoice.FieldFileName).Strings(ctx)
}
