package settings

import (
	"bytes"
	"context"
	"image"
	_ "image/jpeg" // DecodeConfig reads JPEG logos
	_ "image/png"  // and PNG ones
	"strings"

	"github.com/leitstand/leitstand/server/ent"
	"github.com/leitstand/leitstand/server/internal/billing/invoicepdf"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/blob"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
)

// LogoPrefix is the folder of the issuers' logos in the file store.
const LogoPrefix = "logos"

// The bounds of a logo. It is printed within 60 × 18 mm, for which some
// hundred pixels a side are plenty at print resolution.
const (
	MaxLogoBytes = 512 << 10
	MaxLogoSide  = 4000
)

// logoType is a type of image a logo may have.
type logoType struct {
	// format is what image.DecodeConfig calls it, ext the extension of
	// its stored file, name how a message names it.
	format, ext, name string
}

// logoTypes are the accepted types by their content type.
var logoTypes = map[string]logoType{
	blob.PNG.ContentType:  {format: "png", ext: blob.PNG.Ext, name: "PNG"},
	blob.JPEG.ContentType: {format: "jpeg", ext: blob.JPEG.Ext, name: "JPEG"},
}

// checkLogo refuses content that is not an image of the type contentType
// names, of at most MaxLogoBytes and MaxLogoSide pixels a side, that
// invoices can print. It returns the extension its file is stored with.
func checkLogo(content []byte, contentType string) (string, error) {
	t, ok := logoTypes[contentType]
	if !ok {
		return "", apierr.Invalid("content_type", "content_type.logo", "a logo is a PNG (image/png) or a JPEG (image/jpeg), not %q", contentType)
	}
	switch {
	case len(content) == 0:
		return "", apierr.Invalid("content", "content.required", "the file is empty")
	case len(content) > MaxLogoBytes:
		return "", apierr.Invalid("content", "content.size", "the file has %d bytes; a logo has at most %d KiB", len(content), MaxLogoBytes/1024)
	}
	// The type is read from the content, never believed.
	cfg, format, err := image.DecodeConfig(bytes.NewReader(content))
	switch {
	case err != nil:
		return "", apierr.Invalid("content", "content.image", "the file is not a %s image", t.name)
	case format != t.format:
		return "", apierr.Invalid("content", "content.image", "the file is a %s image, not a %s", strings.ToUpper(format), t.name)
	case cfg.Width < 1 || cfg.Height < 1 || cfg.Width > MaxLogoSide || cfg.Height > MaxLogoSide:
		return "", apierr.Invalid("content", "content.dimensions", "the image has %d × %d pixels; a logo has at most %d × %d",
			cfg.Width, cfg.Height, MaxLogoSide, MaxLogoSide)
	}
	// Whatever the invoices cannot print is refused now, rather than
	// failing every invoice's PDF later.
	if err := invoicepdf.CheckLogo(content); err != nil {
		return "", apierr.Invalid("content", "content.printable",
			"invoices cannot print this image (%v); save it as a PNG without interlacing or as a JPEG", err)
	}
	return t.ext, nil
}

// UploadLogo checks a logo by its content, stores it under the hash of its
// content and makes it the logo of the caller's settings, audited with
// reason. Uploading the logo the settings have changes nothing.
func (s *Service) UploadLogo(ctx context.Context, content []byte, contentType, reason string) (Settings, *Stored, error) {
	ext, err := checkLogo(content, contentType)
	if err != nil {
		return Settings{}, nil, err
	}
	name := blob.Name(content, ext)
	// Stored before the settings name it: should the change fail, the file
	// stays without harm (LogosStored keeps every logo anyway).
	if err := s.files.Put(ctx, LogoPrefix, name, content, contentType); err != nil {
		return Settings{}, nil, err
	}
	return s.setLogo(ctx, name, reason)
}

// RemoveLogo takes the logo off the caller's settings, audited with
// reason; the file stays for the invoices issued with it. Removing no logo
// changes nothing.
func (s *Service) RemoveLogo(ctx context.Context, reason string) (Settings, *Stored, error) {
	return s.setLogo(ctx, "", reason)
}

// setLogo makes name the logo of the caller's settings.
func (s *Service) setLogo(ctx context.Context, name, reason string) (Settings, *Stored, error) {
	var out Settings
	var row *ent.Settings
	err := s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		be, err := s.owner(ctx, tx.Client())
		if err != nil {
			return err
		}
		existing, before, err := current(ctx, tx, be)
		if err != nil {
			return err
		}
		out, row = before, existing
		if before.Company.Logo == name {
			return audit.Unchanged
		}
		after := before
		after.Company.Logo = name
		if row, err = s.save(ctx, tx, be, existing, after, false); err != nil {
			return err
		}
		out = after
		log.Record(audit.Event{
			TargetType: "settings", TargetID: ids.Format(ids.BillingEntity, be), Reason: reason,
			Before: before, After: after,
		})
		return nil
	})
	if err != nil {
		return Settings{}, nil, err
	}
	if row == nil {
		return out, nil, nil
	}
	return out, storedOf(row), nil
}

// LogosStored lists every logo in the file store, for the storage cleanup:
// it removes none of them. An issued invoice refers to the logo it was
// issued with for good — its document names the file, and its PDF is
// rendered from document and logo again whenever it is missing — and
// which logos the invoices name is not known without reading every
// invoice's document. So every logo ever stored is kept, also one the
// settings no longer name (a logo is small and changes seldom).
func (s *Service) LogosStored(ctx context.Context) ([]string, error) {
	var names []string
	err := s.files.List(ctx, LogoPrefix, func(o blob.Object) error {
		names = append(names, o.Name)
		return nil
	})
	return names, err
}
