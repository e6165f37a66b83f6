package image_test

import (
	"context"
	"strings"
	"testing"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/internal/apptest"
	"github.com/leitstand/leitstand/server/internal/image"
	"github.com/leitstand/leitstand/server/internal/organization"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/testdb"
)

func TestMain(m *testing.M) { testdb.Main(m) }

func debian() image.Values {
	return image.Values{Name: "Debian 12", Kind: image.OS, OS: "Debian", Version: "12.7", SizeBytes: 412 << 20,
		Source: "https://cloud.debian.org/images/cloud/bookworm/latest/debian-12-generic-amd64.qcow2"}
}

func kindOf(err error) apierr.Kind {
	if e, ok := apierr.As(err); ok {
		return e.Kind
	}
	return 0
}

// violation returns the rule broken at field, "" if none is.
func violation(err error, field string) string {
	e, ok := apierr.As(err)
	if !ok {
		return ""
	}
	for _, f := range e.Fields {
		if f.Field == field {
			return f.Rule
		}
	}
	return ""
}

// Each field of a new image is checked as the contract says, the refusal
// names the field and its rule, and a refused image is not made.
func TestImageFieldsAreChecked(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		env := apptest.New(t, d)
		sys := authz.System(t.Context())
		for _, c := range []struct {
			name, field, rule string
			change            func(*image.Values)
		}{
			{"no name", "image.name", "name.required", func(v *image.Values) { v.Name = "  " }},
			{"a long name", "image.name", "name.max_len", func(v *image.Values) { v.Name = strings.Repeat("ä", 101) }},
			{"no kind", "image.kind", "kind.required", func(v *image.Values) { v.Kind = "" }},
			{"no OS", "image.os", "os.required", func(v *image.Values) { v.OS = "" }},
			{"a long OS", "image.os", "os.max_len", func(v *image.Values) { v.OS = strings.Repeat("x", 61) }},
			{"no version", "image.version", "version.required", func(v *image.Values) { v.Version = "" }},
			{"a version of symbols", "image.version", "version.format", func(v *image.Values) { v.Version = "/12" }},
			{"a long version", "image.version", "version.max_len", func(v *image.Values) { v.Version = strings.Repeat("1", 41) }},
			{"no size", "image.size_bytes", "size_bytes.range", func(v *image.Values) { v.SizeBytes = 0 }},
			{"more than 10 TiB", "image.size_bytes", "size_bytes.range", func(v *image.Values) { v.SizeBytes = image.MaxSizeBytes + 1 }},
			{"no source", "image.source", "source.required", func(v *image.Values) { v.Source = "" }},
			{"plain http", "image.source", "source.scheme", func(v *image.Values) { v.Source = "http://cloud.debian.org/debian.qcow2" }},
			{"ftp", "image.source", "source.scheme", func(v *image.Values) { v.Source = "ftp://mirror.example.com/debian.iso" }},
			{"https without a host", "image.source", "source.url", func(v *image.Values) { v.Source = "https:///debian.qcow2" }},
			{"https with a login", "image.source", "source.url", func(v *image.Values) { v.Source = "https://u:p@example.com/d.qcow2" }},
			{"an OCI name without its registry", "image.source", "source.oci_registry", func(v *image.Values) { v.Source = "library/nextcloud:29" }},
			{"a bare word", "image.source", "source.oci", func(v *image.Values) { v.Source = "Debian" }},
			{"an upper-case repository", "image.source", "source.oci", func(v *image.Values) { v.Source = "docker.io/Library/nextcloud:29" }},
			{"spaces", "image.source", "source.format", func(v *image.Values) { v.Source = "docker.io/library/next cloud:29" }},
			{"a long description", "image.description", "description.max_len", func(v *image.Values) { v.Description = strings.Repeat("ö", 1001) }},
		} {
			v := debian()
			c.change(&v)
			_, err := env.Images.Create(sys, nil, v)
			if got := violation(err, c.field); got != c.rule {
				t.Errorf("%s: %v, want %s at %s", c.name, err, c.rule, c.field)
			}
		}
		if page, _ := env.Images.List(sys, image.Filter{}, 50, ""); page.Total != 0 {
			t.Errorf("refused images were made: %+v", page.Images)
		}
		// What is fine: https URLs, OCI references with a registry, a
		// port, a tag and a digest.
		for i, src := range []string{
			"https://cloud-images.ubuntu.com/noble/current/noble-server-cloudimg-amd64.img",
			"docker.io/library/nextcloud:29.0.4-apache",
			"registry.example.com:5000/apps/wordpress@sha256:" + strings.Repeat("ab", 32),
			"ghcr.io/gitlab/gitlab-ce:17.3.1-ce.0",
			"localhost/test/image",
		} {
			v := debian()
			v.Name = "Quelle " + string(rune('A'+i))
			v.Source = src
			if _, err := env.Images.Create(sys, nil, v); err != nil {
				t.Errorf("source %s refused: %v", src, err)
			}
		}
		// A name is unique for its billing entity.
		if _, err := env.Images.Create(sys, nil, debian()); err != nil {
			t.Fatal(err)
		}
		if _, err := env.Images.Create(sys, nil, debian()); kindOf(err) != apierr.KindAlreadyExists {
			t.Errorf("a second Debian 12 of the licensee = %v, want already exists", err)
		}
	})
}

// An update changes the fields its mask names, checks them as stored,
// and records the change; one that changes nothing records nothing.
func TestUpdateChangesTheMaskedFields(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		env := apptest.New(t, d)
		sys := authz.System(t.Context())
		img, err := env.Images.Create(sys, nil, debian())
		if err != nil {
			t.Fatal(err)
		}
		got, err := env.Images.Update(sys, img.ID, image.Values{Version: "12.8", SizeBytes: 420 << 20, Name: "ignored"}, []string{"version", "size_bytes"})
		if err != nil || got.Version != "12.8" || got.SizeBytes != 420<<20 || got.Name != "Debian 12" {
			t.Errorf("update = %+v %v", got, err)
		}
		if _, err := env.Images.Update(sys, img.ID, image.Values{Source: "debian"}, []string{"source"}); violation(err, "image.source") != "source.oci" {
			t.Errorf("a bad source in an update = %v", err)
		}
		if _, err := env.Images.Update(sys, img.ID, image.Values{}, []string{"owner"}); violation(err, "update_mask") == "" {
			t.Errorf("an unknown path = %v", err)
		}
		before := len(env.EventsOf(t, "image"))
		if _, err := env.Images.Update(sys, img.ID, image.Values{Version: "12.8"}, []string{"version"}); err != nil {
			t.Fatal(err)
		}
		if n := len(env.EventsOf(t, "image")); n != before {
			t.Errorf("an update to the same values was audited (%d events, was %d)", n, before)
		}
	})
}

// Sharing: only the licensee's staff share; sharing twice changes
// nothing; the owner, a suspended entity and an unknown one are refused,
// and then nothing is shared at all; unsharing what is not shared is
// ignored.
func TestSharingRules(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		env := apptest.New(t, d)
		sys := authz.System(t.Context())
		nord, nordOwner := env.ResellerOwner(t, "Nordhost", "owner@nordhost.example")
		sued, _ := env.ResellerOwner(t, "Südcloud", "owner@suedcloud.example")
		paused, _ := env.ResellerOwner(t, "Pausiert", "owner@pausiert.example")
		if _, err := env.BillingEntities.Suspend(sys, paused, "fixture"); err != nil {
			t.Fatal(err)
		}
		img, err := env.Images.Create(sys, nil, debian())
		if err != nil {
			t.Fatal(err)
		}
		got, err := env.Images.Share(sys, img.ID, []uuid.UUID{nord})
		if err != nil || len(got.SharedWith) != 1 || got.SharedWith[0].Name != "Nordhost" {
			t.Fatalf("share with Nordhost = %+v %v", got.SharedWith, err)
		}
		events := len(env.EventsOf(t, "image"))
		if got, err := env.Images.Share(sys, img.ID, []uuid.UUID{nord}); err != nil || len(got.SharedWith) != 1 {
			t.Errorf("sharing twice = %+v %v", got.SharedWith, err)
		}
		if n := len(env.EventsOf(t, "image")); n != events {
			t.Errorf("sharing twice was audited as a change")
		}
		licensee := img.BillingEntity
		for _, c := range []struct {
			name string
			to   []uuid.UUID
			kind apierr.Kind
		}{
			{"its owner", []uuid.UUID{sued, licensee}, apierr.KindInvalidArgument},
			{"a suspended reseller", []uuid.UUID{sued, paused}, apierr.KindFailedPrecondition},
			{"an unknown entity", []uuid.UUID{sued, uuid.New()}, apierr.KindNotFound},
		} {
			if _, err := env.Images.Share(sys, img.ID, c.to); kindOf(err) != c.kind {
				t.Errorf("sharing with %s = %v, want kind %d", c.name, err, c.kind)
			}
		}
		if got, _ := env.Images.Get(sys, img.ID); len(got.SharedWith) != 1 {
			t.Errorf("a refused share shared something: %+v", got.SharedWith)
		}
		// A reseller's staff are refused sharing, even with themselves.
		nordCtx := env.As(t, nordOwner)
		if _, err := env.Images.Share(nordCtx, img.ID, []uuid.UUID{sued}); kindOf(err) != apierr.KindPermissionDenied {
			t.Errorf("a reseller shared an image: %v", err)
		}
		if _, err := env.Images.Unshare(nordCtx, img.ID, []uuid.UUID{nord}); kindOf(err) != apierr.KindPermissionDenied {
			t.Errorf("a reseller unshared an image: %v", err)
		}
		events = len(env.EventsOf(t, "image"))
		if _, err := env.Images.Unshare(sys, img.ID, []uuid.UUID{sued}); err != nil {
			t.Errorf("unsharing what is not shared = %v", err)
		}
		if n := len(env.EventsOf(t, "image")); n != events {
			t.Errorf("unsharing what is not shared was audited")
		}
		if got, err := env.Images.Unshare(sys, img.ID, []uuid.UUID{nord}); err != nil || len(got.SharedWith) != 0 {
			t.Errorf("unshare = %+v %v", got.SharedWith, err)
		}
		if _, err := env.Images.Get(nordCtx, img.ID); kindOf(err) != apierr.KindNotFound {
			t.Errorf("Nordhost still sees the unshared image: %v", err)
		}
		// The licensee's staff create an image for a reseller.
		mine, err := env.Images.Create(sys, &nord, debian())
		if err != nil || mine.BillingEntity != nord || mine.OwnerName != "Nordhost" {
			t.Errorf("an image for Nordhost = %+v %v", mine, err)
		}
	})
}

// Visibility: the licensee's staff see every image; a reseller's staff
// their own and those shared with them, with the owner's name and their
// own share only; they change their own and nothing shared with them; a
// customer's user reads those of their organization's billing entity and
// those shared with it, and changes nothing.
func TestVisibility(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		env := apptest.New(t, d)
		sys := authz.System(t.Context())
		nord, nordOwner := env.ResellerOwner(t, "Nordhost", "owner@nordhost.example")
		sued, suedOwner := env.ResellerOwner(t, "Südcloud", "owner@suedcloud.example")
		nordCtx, suedCtx := env.As(t, nordOwner), env.As(t, suedOwner)
		create := func(c context.Context, name string, owner *uuid.UUID) image.Image {
			t.Helper()
			v := debian()
			v.Name = name
			img, err := env.Images.Create(c, owner, v)
			if err != nil {
				t.Fatalf("create %s: %v", name, err)
			}
			return img
		}
		shared := create(sys, "Geteilt", nil)
		both := create(sys, "Für beide", nil)
		hidden := create(sys, "Nur Lizenznehmer", nil)
		nordOwn := create(nordCtx, "Nordhosts", nil)
		suedOwn := create(suedCtx, "Südclouds", nil)
		if nordOwn.BillingEntity != nord || suedOwn.BillingEntity != sued {
			t.Fatalf("a reseller's image is not its own: %v %v", nordOwn.BillingEntity, suedOwn.BillingEntity)
		}
		if _, err := env.Images.Share(sys, shared.ID, []uuid.UUID{nord}); err != nil {
			t.Fatal(err)
		}
		if _, err := env.Images.Share(sys, both.ID, []uuid.UUID{nord, sued}); err != nil {
			t.Fatal(err)
		}
		// The licensee's staff may share a reseller's image with another.
		if _, err := env.Images.Share(sys, suedOwn.ID, []uuid.UUID{nord}); err != nil {
			t.Fatal(err)
		}
		list := func(who string, ctx context.Context, f image.Filter, want ...string) []image.Image {
			t.Helper()
			page, err := env.Images.List(ctx, f, 50, "")
			if err != nil {
				t.Fatalf("%s: %v", who, err)
			}
			var got []string
			for _, i := range page.Images {
				got = append(got, i.Name)
			}
			if strings.Join(got, "|") != strings.Join(want, "|") || page.Total != len(want) {
				t.Errorf("%s lists %v (%d), want %v", who, got, page.Total, want)
			}
			return page.Images
		}
		list("the licensee", sys, image.Filter{}, "Für beide", "Geteilt", "Nordhosts", "Nur Lizenznehmer", "Südclouds")
		list("the licensee, shared with Nordhost", sys, image.Filter{SharedWith: &nord}, "Für beide", "Geteilt", "Südclouds")
		list("the licensee, of Nordhost", sys, image.Filter{Owner: &nord}, "Nordhosts")
		seen := list("Nordhost", nordCtx, image.Filter{}, "Für beide", "Geteilt", "Nordhosts", "Südclouds")
		for _, i := range seen {
			if i.Name == "Für beide" && (len(i.SharedWith) != 1 || i.SharedWith[0].BillingEntity != nord || i.OwnerName != "Leitstand") {
				t.Errorf("Nordhost sees the shares of an image shared with both as %+v, owned by %q", i.SharedWith, i.OwnerName)
			}
			if i.Name == "Südclouds" && i.OwnerName != "Südcloud" {
				t.Errorf("Nordhost is not told who owns the image shared with it: %q", i.OwnerName)
			}
		}
		list("Südcloud", suedCtx, image.Filter{}, "Für beide", "Südclouds")
		list("Nordhost, by text", nordCtx, image.Filter{Query: "GETEILT"}, "Geteilt")
		if _, err := env.Images.List(nordCtx, image.Filter{SharedWith: &sued}, 50, ""); kindOf(err) != apierr.KindPermissionDenied {
			t.Errorf("a reseller filtered by another's shares: %v", err)
		}
		if _, err := env.Images.Get(nordCtx, hidden.ID); kindOf(err) != apierr.KindNotFound {
			t.Errorf("Nordhost reads an unshared image of the licensee: %v", err)
		}
		// Writes: their own only.
		if _, err := env.Images.Update(nordCtx, nordOwn.ID, image.Values{Version: "13"}, []string{"version"}); err != nil {
			t.Errorf("Nordhost changes its own image: %v", err)
		}
		if _, err := env.Images.Update(nordCtx, shared.ID, image.Values{Version: "13"}, []string{"version"}); kindOf(err) != apierr.KindPermissionDenied {
			t.Errorf("Nordhost changed an image shared with it: %v", err)
		}
		if err := env.Images.Delete(nordCtx, shared.ID); kindOf(err) != apierr.KindPermissionDenied {
			t.Errorf("Nordhost deleted an image shared with it: %v", err)
		}
		if _, err := env.Images.Update(suedCtx, nordOwn.ID, image.Values{Version: "14"}, []string{"version"}); kindOf(err) != apierr.KindNotFound {
			t.Errorf("Südcloud changed Nordhost's image: %v", err)
		}
		if _, err := env.Images.Create(nordCtx, &sued, debian()); kindOf(err) != apierr.KindNotFound {
			t.Errorf("Nordhost created an image for Südcloud: %v", err)
		}
		// Südcloud deletes its own image, which the licensee shared with
		// Nordhost: the share goes with it.
		if err := env.Images.Delete(suedCtx, suedOwn.ID); err != nil {
			t.Fatalf("Südcloud deletes its own image: %v", err)
		}
		list("Nordhost, after Südcloud deleted its image", nordCtx, image.Filter{}, "Für beide", "Geteilt", "Nordhosts")

		// A customer of Nordhost reads Nordhost's images and those shared
		// with Nordhost, and changes none.
		org := env.ResellerOrg(t, nord, "Kunde Nord")
		cust := env.User(t, "kunde@nord.example", authz.RoleUser)
		env.Member(t, org, cust.ID, organization.RoleMember)
		custCtx := env.As(t, cust)
		list("Nordhost's customer", custCtx, image.Filter{}, "Für beide", "Geteilt", "Nordhosts")
		if _, err := env.Images.Update(custCtx, nordOwn.ID, image.Values{Version: "15"}, []string{"version"}); err == nil {
			t.Errorf("a customer changed an image")
		}
		if err := env.Images.Delete(custCtx, nordOwn.ID); err == nil {
			t.Errorf("a customer deleted an image")
		}
	})
}
