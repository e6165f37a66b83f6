package invoice

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"
	"sync"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	entinvoice "github.com/leitstand/leitstand/server/ent/invoice"
	"github.com/leitstand/leitstand/server/internal/billing/invoicepdf"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/blob"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/platform/tenancy"
	"github.com/leitstand/leitstand/server/internal/settings"
)

// An invoice's PDF is rendered from the document stored with it, just
// after the change that issues it commits: rendering takes some
// milliseconds of CPU an invoice, many times what issuing takes, and a run
// that issues thousands must not hold the audit chain meanwhile. The
// document is the record; rendering it is deterministic (the same document
// gives the same bytes), so it does not matter which render stores the
// file, and once its name and SHA-256 are written they never change (the
// data layer and the database refuse it). Whatever was not rendered after
// its change (the server stopped) is rendered by the next billing run, the
// delivery that mails it or the first download.

// rendered is the PDF of one invoice, stored in the blob store.
type rendered struct {
	id     uuid.UUID
	number string
	name   string
}

// render renders the PDF of r from its stored document and stores it in
// the blob store under its SHA-256.
func (s *Service) render(ctx context.Context, r *ent.Invoice) (rendered, error) {
	var doc invoicepdf.Document
	if err := json.Unmarshal(r.Document, &doc); err != nil {
		return rendered{}, fmt.Errorf("read the document of %s: %w", r.Number, err)
	}
	// The document names the issuer's logo by its file, whose name is the
	// hash of its content: the same document gives the same PDF.
	if doc.Issuer.LogoFile != "" {
		logo, err := s.logo(ctx, doc.Issuer.LogoFile)
		if err != nil {
			return rendered{}, fmt.Errorf("read the logo of %s: %w", r.Number, err)
		}
		doc.Issuer.Logo = logo
	}
	pdf, err := s.hybrid(ctx, r.IssuerID, doc)
	if err != nil {
		return rendered{}, fmt.Errorf("render invoice %s: %w", r.Number, err)
	}
	name := blob.Name(pdf, "pdf")
	// Stored before its name is written: a change that fails leaves a file
	// no invoice refers to, which the storage cleanup removes.
	if err := s.files.Put(ctx, FilePrefix, name, pdf, "application/pdf"); err != nil {
		return rendered{}, fmt.Errorf("store invoice %s: %w", r.Number, err)
	}
	return rendered{id: r.ID, number: r.Number, name: name}, nil
}

// logo reads a logo file, once: a file's name is the hash of its content,
// so what was read stays true, and a run renders thousands of PDFs with
// the same logo. The few logos an installation has are kept in memory.
func (s *Service) logo(ctx context.Context, name string) ([]byte, error) {
	if b, ok := s.logos.Load(name); ok {
		return b.([]byte), nil
	}
	f, _, err := s.files.Open(ctx, settings.LogoPrefix, name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := io.ReadAll(f)
	if err != nil {
		return nil, err
	}
	s.logos.Store(name, b)
	return b, nil
}

// renderAll renders the PDFs of rows on every core and writes their names
// in one change. It returns how many it rendered, the invoices it could
// not render and why.
func (s *Service) renderAll(ctx context.Context, rows []*ent.Invoice) (int, []uuid.UUID, error) {
	out := make([]rendered, len(rows))
	errs := make([]error, len(rows))
	onEveryCore(len(rows), func(i int) { out[i], errs[i] = s.render(ctx, rows[i]) })
	var done []rendered
	var failed []uuid.UUID
	for i := range rows {
		if errs[i] == nil {
			done = append(done, out[i])
		} else {
			failed = append(failed, rows[i].ID)
		}
	}
	if err := s.writePDFs(ctx, done); err != nil {
		for _, d := range done {
			failed = append(failed, d.id)
		}
		return 0, failed, errors.Join(append(errs, err)...)
	}
	return len(done), failed, errors.Join(errs...)
}

// onEveryCore calls fn(i) for each i below n, on every core at once: the
// CPU-bound work of many invoices (rendering PDFs, checking e-invoices).
func onEveryCore(n int, fn func(i int)) {
	work := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), n) {
		wg.Go(func() {
			for i := range work {
				fn(i)
			}
		})
	}
	for i := range n {
		work <- i
	}
	close(work)
	wg.Wait()
}

// writePDFs writes the names of rendered PDFs to their invoices, each
// audited with its SHA-256: the trail says which file each invoice was
// given. An invoice given its PDF meanwhile (by another render of the
// same document, so the same file) is left as it is.
func (s *Service) writePDFs(ctx context.Context, done []rendered) error {
	if len(done) == 0 {
		return nil
	}
	return s.audit.Change(tenancy.Unscoped(ctx), func(tx *ent.Tx, log *audit.Log) error {
		now := s.clock.Now()
		written := 0
		for _, d := range done {
			sha := strings.TrimSuffix(d.name, ".pdf")
			err := tx.Invoice.UpdateOneID(d.id).Where(entinvoice.PdfName("")).
				SetPdfName(d.name).SetPdfSha256(sha).SetUpdateTime(now).Exec(ctx)
			if ent.IsNotFound(err) {
				continue // written meanwhile
			}
			if err != nil {
				return fmt.Errorf("write the PDF of %s: %w", d.number, err)
			}
			written++
			log.Record(audit.Event{TargetType: targetType, TargetID: ids.Format(ids.Invoice, d.id),
				After: map[string]any{"number": d.number, "pdf_sha256": sha}})
		}
		if written == 0 {
			return audit.Unchanged
		}
		return nil
	})
}

// renderPDFs renders the PDFs of invoices just issued. A failure is left
// for RenderPending and the first download, which render it again and
// report it.
func (s *Service) renderPDFs(ctx context.Context, invs []*ent.Invoice) {
	if len(invs) > 0 {
		_, _, _ = s.renderAll(ctx, invs)
	}
}

// RenderPending renders the PDF of every invoice that has none yet, the
// oldest first, some hundreds at a time, and returns how many it rendered.
func (s *Service) RenderPending(ctx context.Context) (int, error) {
	total := 0
	var errs []error
	failed := map[uuid.UUID]bool{}
	for {
		rows, err := s.client.Invoice.Query().Where(entinvoice.PdfName("")).
			Order(entinvoice.ByCreateTime(), entinvoice.ByID()).Limit(200 + len(failed)).All(ctx)
		if err != nil {
			return total, errors.Join(append(errs, fmt.Errorf("invoices without a PDF: %w", err))...)
		}
		var todo []*ent.Invoice
		for _, r := range rows {
			if !failed[r.ID] {
				todo = append(todo, r)
			}
		}
		if len(todo) == 0 {
			return total, errors.Join(errs...)
		}
		n, bad, err := s.renderAll(ctx, todo)
		total += n
		if err != nil {
			if ctx.Err() != nil {
				return total, ctx.Err()
			}
			errs = append(errs, err)
			// What failed is reported, and not tried again in this call.
			for _, id := range bad {
				failed[id] = true
			}
		}
	}
}

// pdfOf returns the stored PDF's name of r, rendering it first when it has
// none yet.
func (s *Service) pdfOf(ctx context.Context, r *ent.Invoice) (string, error) {
	if r.PdfName != "" {
		return r.PdfName, nil
	}
	d, err := s.render(ctx, r)
	if err != nil {
		return "", err
	}
	if err := s.writePDFs(ctx, []rendered{d}); err != nil {
		return "", err
	}
	return d.name, nil
}
