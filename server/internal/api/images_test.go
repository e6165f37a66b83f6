package api_test

import (
	"testing"

	"connectrpc.com/connect"
	"google.golang.org/protobuf/types/known/fieldmaskpb"

	adminv1 "github.com/leitstand/leitstand/gen/go/leitstand/admin/v1"
	"github.com/leitstand/leitstand/gen/go/leitstand/admin/v1/adminv1connect"
	"github.com/leitstand/leitstand/server/internal/apptest"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/platform/testdb"
)

// Images over the API: the licensee's staff create an image, bad fields
// are refused at the field by the contract or the domain, the image is
// shared with a reseller, whose owner then lists it beside its own with
// the owner's name and changes nothing of it; unshared, it is not found.
// Every change is in the audit trail.
func TestImagesOverTheAPI(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		env, srv := server(t, d)
		ctx := t.Context()
		nord, nordOwner := env.ResellerOwner(t, "Nordhost", "owner@nordhost.example")
		staffHC := apptest.HTTPClient(srv)
		env.SignIn(t, staffHC, srv.URL, "operator@platform.example", authz.RoleOperator)
		staff := adminv1connect.NewImageServiceClient(staffHC, srv.URL)
		fields := func() *adminv1.ImageFields {
			return &adminv1.ImageFields{Name: "Nextcloud 29", Kind: adminv1.ImageKind_IMAGE_KIND_APPLICATION, Os: "Debian",
				Version: "29.0.4", SizeBytes: 1 << 30, Source: "docker.io/library/nextcloud:29.0.4-apache"}
		}
		for _, c := range []struct {
			name, field string
			change      func(*adminv1.ImageFields)
		}{
			{"plain http", "image.source", func(f *adminv1.ImageFields) { f.Source = "http://example.com/x.qcow2" }},
			{"an OCI name without registry", "image.source", func(f *adminv1.ImageFields) { f.Source = "nextcloud:29" }},
			{"a version of symbols", "image.version", func(f *adminv1.ImageFields) { f.Version = "#1" }},
			{"no kind", "image.kind", func(f *adminv1.ImageFields) { f.Kind = 0 }},
			{"a negative size", "image.size_bytes", func(f *adminv1.ImageFields) { f.SizeBytes = -1 }},
			{"an undefined kind", "image.kind", func(f *adminv1.ImageFields) { f.Kind = 9 }},
		} {
			f := fields()
			c.change(f)
			_, err := staff.CreateImage(ctx, connect.NewRequest(&adminv1.CreateImageRequest{Image: f}))
			if connect.CodeOf(err) != connect.CodeInvalidArgument || fieldsOf(err)[c.field] == "" {
				t.Errorf("%s: %v (fields %v), want invalid at %s", c.name, err, fieldsOf(err), c.field)
			}
		}
		made, err := staff.CreateImage(ctx, connect.NewRequest(&adminv1.CreateImageRequest{Image: fields()}))
		if err != nil {
			t.Fatal(err)
		}
		img := made.Msg.GetImage()
		if img.GetBillingEntityName() != "Leitstand" || img.GetImage().GetKind() != adminv1.ImageKind_IMAGE_KIND_APPLICATION {
			t.Errorf("created %v", img)
		}
		upd, err := staff.UpdateImage(ctx, connect.NewRequest(&adminv1.UpdateImageRequest{Id: img.GetId(),
			Image: &adminv1.ImageFields{Description: "Nextcloud Hub 8"}, UpdateMask: &fieldmaskpb.FieldMask{Paths: []string{"description"}}}))
		if err != nil || upd.Msg.GetImage().GetImage().GetDescription() != "Nextcloud Hub 8" || upd.Msg.GetImage().GetImage().GetName() != "Nextcloud 29" {
			t.Errorf("update = %v %v", upd, err)
		}
		nordID := ids.Format(ids.BillingEntity, nord)
		shared, err := staff.ShareImage(ctx, connect.NewRequest(&adminv1.ShareImageRequest{Id: img.GetId(), BillingEntityIds: []string{nordID}}))
		if err != nil || len(shared.Msg.GetImage().GetSharedWith()) != 1 || shared.Msg.GetImage().GetSharedWith()[0].GetBillingEntityName() != "Nordhost" {
			t.Fatalf("share = %v %v", shared, err)
		}
		if _, err := staff.ShareImage(ctx, connect.NewRequest(&adminv1.ShareImageRequest{Id: img.GetId(),
			BillingEntityIds: []string{img.GetBillingEntityId()}})); connect.CodeOf(err) != connect.CodeInvalidArgument {
			t.Errorf("sharing with its owner = %v", err)
		}
		list, err := staff.ListImages(ctx, connect.NewRequest(&adminv1.ListImagesRequest{SharedWithBillingEntityId: nordID}))
		if err != nil || list.Msg.GetTotalSize() != 1 {
			t.Errorf("the images shared with Nordhost = %v %v", list, err)
		}

		// Nordhost's owner: its own image and the shared one.
		nordHC := apptest.HTTPClient(srv)
		if _, err := adminv1connect.NewAuthServiceClient(nordHC, srv.URL).Login(ctx, connect.NewRequest(&adminv1.LoginRequest{
			Email: nordOwner.Email, Password: apptest.Password})); err != nil {
			t.Fatal(err)
		}
		reseller := adminv1connect.NewImageServiceClient(nordHC, srv.URL)
		own := fields()
		own.Name, own.Source = "Nordhost Mailcow", "registry.nordhost.example/mail/mailcow:2024-08"
		if r, err := reseller.CreateImage(ctx, connect.NewRequest(&adminv1.CreateImageRequest{Image: own})); err != nil ||
			r.Msg.GetImage().GetBillingEntityId() != nordID {
			t.Fatalf("Nordhost creates its own = %v %v", r, err)
		}
		seen, err := reseller.ListImages(ctx, connect.NewRequest(&adminv1.ListImagesRequest{}))
		if err != nil || seen.Msg.GetTotalSize() != 2 || seen.Msg.GetImages()[0].GetBillingEntityName() != "Leitstand" {
			t.Errorf("Nordhost lists %v %v, want the shared one (by Leitstand) and its own", seen, err)
		}
		if _, err := reseller.UpdateImage(ctx, connect.NewRequest(&adminv1.UpdateImageRequest{Id: img.GetId(),
			Image: &adminv1.ImageFields{Name: "Meins"}, UpdateMask: &fieldmaskpb.FieldMask{Paths: []string{"name"}}})); connect.CodeOf(err) != connect.CodePermissionDenied {
			t.Errorf("Nordhost renamed the shared image: %v", err)
		}
		if _, err := staff.UnshareImage(ctx, connect.NewRequest(&adminv1.UnshareImageRequest{Id: img.GetId(), BillingEntityIds: []string{nordID}})); err != nil {
			t.Fatal(err)
		}
		if _, err := reseller.GetImage(ctx, connect.NewRequest(&adminv1.GetImageRequest{Id: img.GetId()})); connect.CodeOf(err) != connect.CodeNotFound {
			t.Errorf("Nordhost reads the unshared image: %v", err)
		}
		if _, err := staff.DeleteImage(ctx, connect.NewRequest(&adminv1.DeleteImageRequest{Id: img.GetId()})); err != nil {
			t.Fatal(err)
		}
		actions := map[string]int{}
		for _, e := range env.EventsOf(t, "image") {
			actions[e.Action]++
		}
		for _, a := range []string{"CreateImage", "UpdateImage", "ShareImage", "UnshareImage", "DeleteImage"} {
			if actions["/leitstand.admin.v1.ImageService/"+a] == 0 {
				t.Errorf("no audit event of %s: %v", a, actions)
			}
		}
	})
}
