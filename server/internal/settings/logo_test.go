package settings_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"strings"
	"testing"
	"time"

	"github.com/leitstand/leitstand/server/internal/apptest"
	"github.com/leitstand/leitstand/server/internal/module"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/blob"
	"github.com/leitstand/leitstand/server/internal/platform/testdb"
	"github.com/leitstand/leitstand/server/internal/settings"
)

// picture is a w × h image in two colours.
func picture(w, h int) image.Image {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			if x < w/2 {
				img.Set(x, y, color.NRGBA{R: 0x1c, G: 0x5f, B: 0xa8, A: 0xff})
			} else {
				img.Set(x, y, color.NRGBA{R: 0xff, G: 0xff, B: 0xff, A: 0xff})
			}
		}
	}
	return img
}

func encodePNG(t *testing.T, img image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func encodeJPEG(t *testing.T, img image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func encodeGIF(t *testing.T, img image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := gif.Encode(&b, img, nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// interlaced is a PNG whose header says it is interlaced (with the
// header's checksum made to match): Go reads its size, the PDF library
// refuses to embed it.
func interlaced(t *testing.T) []byte {
	b := encodePNG(t, picture(80, 20))
	b[28] = 1
	binary.BigEndian.PutUint32(b[29:33], crc32.ChecksumIEEE(b[12:29]))
	return b
}

// storedLogos lists the files under the logos' prefix.
func storedLogos(t *testing.T, env *apptest.Env) []string {
	t.Helper()
	var names []string
	if err := env.Files.List(t.Context(), settings.LogoPrefix, func(o blob.Object) error {
		names = append(names, o.Name)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return names
}

func TestALogoIsUploadedReplacedAndRemovedAudited(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		owner := env.AsRole(t, "owner@example.com", authz.RoleOwner)
		pngLogo, jpegLogo := encodePNG(t, picture(240, 60)), encodeJPEG(t, picture(300, 100))

		// On a platform that saved no settings yet: they are saved with
		// the logo and the defaults.
		saved, row, err := env.Settings.UploadLogo(owner, pngLogo, "image/png", "letterhead")
		if err != nil {
			t.Fatal(err)
		}
		pngName := fmt.Sprintf("%x.png", sha256.Sum256(pngLogo))
		if saved.Company.Logo != pngName || saved.Company.LogoURL() != "/files/logos/"+pngName || row == nil ||
			saved.Invoice.PaymentTermsDays != 14 {
			t.Errorf("after the upload: %+v, %v", saved, row)
		}
		if got, _, _ := env.Settings.Get(owner); got.Company.Logo != pngName {
			t.Errorf("read back the logo %q", got.Company.Logo)
		}
		if ok, err := env.Files.Exists(t.Context(), settings.LogoPrefix, pngName); err != nil || !ok {
			t.Errorf("the PNG is not stored: %v %v", ok, err)
		}

		// A change of the company's details keeps it.
		if _, _, err := env.Settings.Update(owner, complete, []string{"company", "tax", "bank", "invoice"}, ""); err != nil {
			t.Fatal(err)
		}
		if got, _, _ := env.Settings.Get(owner); got.Company.Logo != pngName || got.Company.Name != complete.Company.Name {
			t.Errorf("after an update of the company: logo %q, name %q", got.Company.Logo, got.Company.Name)
		}

		// Uploading it again changes nothing; a JPEG replaces it.
		if _, _, err := env.Settings.UploadLogo(owner, pngLogo, "image/png", "again"); err != nil {
			t.Fatal(err)
		}
		saved, _, err = env.Settings.UploadLogo(owner, jpegLogo, "image/jpeg", "new letterhead")
		if err != nil {
			t.Fatal(err)
		}
		jpegName := fmt.Sprintf("%x.jpg", sha256.Sum256(jpegLogo))
		if saved.Company.Logo != jpegName {
			t.Errorf("after the JPEG: %q, want %q", saved.Company.Logo, jpegName)
		}

		// Removed, and removed again (nothing to do).
		for range 2 {
			saved, _, err = env.Settings.RemoveLogo(owner, "no logo on invoices")
			if err != nil || saved.Company.Logo != "" || saved.Company.LogoURL() != "" {
				t.Fatalf("remove = %q %v", saved.Company.Logo, err)
			}
		}

		// Each change is audited with its reason and the logo before and
		// after; what changed nothing is not.
		type state struct{ Company settings.Company }
		var changes []string
		for _, e := range env.EventsOf(t, "settings") {
			var before, after state
			_ = json.Unmarshal([]byte(e.Before), &before)
			_ = json.Unmarshal([]byte(e.After), &after)
			if before.Company.Logo != after.Company.Logo {
				changes = append(changes, fmt.Sprintf("%s: %.6s → %.6s", e.Reason, before.Company.Logo, after.Company.Logo))
			}
		}
		want := []string{
			"letterhead:  → " + pngName[:6],
			"new letterhead: " + pngName[:6] + " → " + jpegName[:6],
			"no logo on invoices: " + jpegName[:6] + " → ",
		}
		if strings.Join(changes, "\n") != strings.Join(want, "\n") {
			t.Errorf("audited logo changes:\n%s\nwant\n%s", strings.Join(changes, "\n"), strings.Join(want, "\n"))
		}
		if n := len(env.EventsOf(t, "settings")); n != 4 {
			t.Errorf("%d settings events, want 4 (three logo changes and one update)", n)
		}

		// Invoices issued with either logo refer to it for good: the
		// storage cleanup keeps every logo ever stored.
		res, err := env.Files.Cleanup(t.Context(), module.Files(env.Modules), env.Clock.Now().Add(72*time.Hour), 24*time.Hour)
		if err != nil {
			t.Fatal(err)
		}
		if got := storedLogos(t, env); len(got) != 2 || res.Removed != 0 {
			t.Errorf("after the cleanup the logos %v are stored (%v)", got, res)
		}
	})
}

func TestBadLogosAreRefusedAtTheirFieldsAndChangeNothing(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		owner := env.AsRole(t, "owner@example.com", authz.RoleOwner)
		if _, _, err := env.Settings.Update(owner, complete, []string{"company"}, ""); err != nil {
			t.Fatal(err)
		}
		small := picture(80, 20)
		// A valid PNG padded past the bound.
		tooLarge := append(encodePNG(t, small), make([]byte, settings.MaxLogoBytes)...)
		tests := []struct {
			name, contentType string
			content           []byte
			field, rule       string
		}{
			{"a GIF", "image/gif", encodeGIF(t, small), "content_type", "content_type.logo"},
			{"a GIF sent as a PNG", "image/png", encodeGIF(t, small), "content", "content.image"},
			{"an SVG", "image/svg+xml", []byte(`<svg xmlns="http://www.w3.org/2000/svg"/>`), "content_type", "content_type.logo"},
			{"no type", "", encodePNG(t, small), "content_type", "content_type.logo"},
			{"text sent as a PNG", "image/png", []byte("Leitstand Hosting GmbH"), "content", "content.image"},
			{"a JPEG sent as a PNG", "image/png", encodeJPEG(t, small), "content", "content.image"},
			{"a PNG sent as a JPEG", "image/jpeg", encodePNG(t, small), "content", "content.image"},
			{"a PNG cut short", "image/png", encodePNG(t, small)[:20], "content", "content.image"},
			{"empty", "image/png", nil, "content", "content.required"},
			{"too large", "image/png", tooLarge, "content", "content.size"},
			{"too wide", "image/png", encodePNG(t, picture(settings.MaxLogoSide+1, 2)), "content", "content.dimensions"},
			{"too high", "image/jpeg", encodeJPEG(t, picture(8, settings.MaxLogoSide+1)), "content", "content.dimensions"},
			{"interlaced", "image/png", interlaced(t), "content", "content.printable"},
		}
		events := len(env.EventsOf(t, "settings"))
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				_, _, err := env.Settings.UploadLogo(owner, tt.content, tt.contentType, "")
				ae, ok := apierr.As(err)
				if !ok || !errors.Is(err, apierr.ErrInvalidArgument) || len(ae.Fields) != 1 {
					t.Fatalf("UploadLogo = %v, want InvalidArgument at one field", err)
				}
				if f := ae.Fields[0]; f.Field != tt.field || f.Rule != tt.rule || f.Message == "" {
					t.Errorf("refused at %s (%s: %q), want %s (%s)", f.Field, f.Rule, f.Message, tt.field, tt.rule)
				}
			})
		}
		if got, _, _ := env.Settings.Get(owner); got.Company.Logo != "" {
			t.Errorf("bad logos changed the settings: %q", got.Company.Logo)
		}
		if n := len(env.EventsOf(t, "settings")); n != events {
			t.Errorf("%d settings events after the refusals, want %d", n, events)
		}
		if got := storedLogos(t, env); len(got) != 0 {
			t.Errorf("refused logos are stored: %v", got)
		}
	})
}
