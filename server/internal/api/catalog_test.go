package api_test

import (
	"io"
	"net/http"
	"testing"

	"connectrpc.com/connect"
	"google.golang.org/protobuf/types/known/fieldmaskpb"

	adminv1 "github.com/leitstand/leitstand/gen/go/leitstand/admin/v1"
	"github.com/leitstand/leitstand/gen/go/leitstand/admin/v1/adminv1connect"
	"github.com/leitstand/leitstand/server/internal/apptest"
	"github.com/leitstand/leitstand/server/internal/jobs"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/testdb"
)

const catalogIcon = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="14" fill="#0082c9"/></svg>`

// An operator uploads an icon, adds an item with it, sees the icon served
// for good, switches the item off sale and retires it; bad input is
// refused at its field and changes nothing. Over Connect and over gRPC.
func TestCatalogOverTheAPI(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		env, srv := server(t, d)
		hc := apptest.HTTPClient(srv)
		env.SignIn(t, hc, srv.URL, "operator@example.com", authz.RoleOperator)
		ctx := t.Context()
		for name, c := range map[string]adminv1connect.CatalogServiceClient{
			"connect": adminv1connect.NewCatalogServiceClient(hc, srv.URL),
			"grpc":    adminv1connect.NewCatalogServiceClient(hc, srv.URL, connect.WithGRPC()),
		} {
			t.Run(name, func(t *testing.T) {
				up, err := c.UploadCatalogIcon(ctx, connect.NewRequest(&adminv1.UploadCatalogIconRequest{Content: []byte(catalogIcon)}))
				if err != nil {
					t.Fatal(err)
				}
				icon := up.Msg.GetIcon()
				if icon.GetContentType() != "image/svg+xml" || icon.GetSizeBytes() != int64(len(catalogIcon)) || icon.GetUrl() != "/files/catalog-icons/"+icon.GetName() {
					t.Errorf("icon = %v", icon)
				}
				res, err := hc.Get(srv.URL + icon.GetUrl())
				if err != nil {
					t.Fatal(err)
				}
				body, _ := io.ReadAll(res.Body)
				res.Body.Close()
				if res.StatusCode != http.StatusOK || string(body) != catalogIcon || res.Header.Get("Content-Type") != "image/svg+xml" ||
					res.Header.Get("Cache-Control") != "public, max-age=31536000, immutable" ||
					res.Header.Get("Content-Security-Policy") != "default-src 'none'; style-src 'unsafe-inline'; sandbox" {
					t.Errorf("served icon = %d %v", res.StatusCode, res.Header)
				}

				// Bad input: refused at its field, nothing stored.
				before := env.Fingerprint(t)
				_, err = c.UploadCatalogIcon(ctx, connect.NewRequest(&adminv1.UploadCatalogIconRequest{
					Content: []byte(`<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>`)}))
				if connect.CodeOf(err) != connect.CodeInvalidArgument || fieldsOf(err)["content"] != "content.image" {
					t.Errorf("scripted SVG = %v (fields %v)", err, fieldsOf(err))
				}
				_, err = c.UploadCatalogIcon(ctx, connect.NewRequest(&adminv1.UploadCatalogIconRequest{Content: make([]byte, 256<<10+1)}))
				if _, ok := fieldsOf(err)["content"]; connect.CodeOf(err) != connect.CodeInvalidArgument || !ok {
					t.Errorf("too large = %v (fields %v)", err, fieldsOf(err))
				}
				_, err = c.CreateCatalogItem(ctx, connect.NewRequest(&adminv1.CreateCatalogItemRequest{Name: "Nextcloud " + name, MonthlyPriceCents: -5}))
				if f := fieldsOf(err); connect.CodeOf(err) != connect.CodeInvalidArgument || f["category"] == "" || f["monthly_price_cents"] == "" {
					t.Errorf("bad item = %v (fields %v)", err, f)
				}
				_, err = c.CreateCatalogItem(ctx, connect.NewRequest(&adminv1.CreateCatalogItemRequest{Name: "Nextcloud " + name,
					Category: adminv1.CatalogCategory_CATALOG_CATEGORY_M, Icon: "0000000000000000000000000000000000000000000000000000000000000000.png"}))
				if connect.CodeOf(err) != connect.CodeInvalidArgument || fieldsOf(err)["icon"] != "icon.uploaded" {
					t.Errorf("item with an icon never uploaded = %v (fields %v)", err, fieldsOf(err))
				}
				if after := env.Fingerprint(t); after != before {
					t.Errorf("a refused call changed the catalog")
				}

				created, err := c.CreateCatalogItem(ctx, connect.NewRequest(&adminv1.CreateCatalogItemRequest{
					Name: "Nextcloud " + name, Description: "Files for a team", Category: adminv1.CatalogCategory_CATALOG_CATEGORY_M,
					MonthlyPriceCents: 8900, EstimatedStorageGb: 500, SetupTimeMinutes: 60, Icon: icon.GetName(), Bookable: true,
				}))
				if err != nil {
					t.Fatal(err)
				}
				item := created.Msg.GetItem()
				if item.GetCurrency() != "EUR" || item.GetIconUrl() != icon.GetUrl() || !item.GetBookable() || item.GetRetired() {
					t.Errorf("created = %v", item)
				}
				_, err = c.UpdateCatalogItem(ctx, connect.NewRequest(&adminv1.UpdateCatalogItemRequest{
					Item: &adminv1.CatalogItem{Id: item.GetId(), Name: "x", Category: adminv1.CatalogCategory(9)}, UpdateMask: &fieldmaskpb.FieldMask{Paths: []string{"category"}}}))
				if connect.CodeOf(err) != connect.CodeInvalidArgument || fieldsOf(err)["item.category"] == "" {
					t.Errorf("undefined category = %v (fields %v)", err, fieldsOf(err))
				}
				updated, err := c.UpdateCatalogItem(ctx, connect.NewRequest(&adminv1.UpdateCatalogItemRequest{
					Item: &adminv1.CatalogItem{Id: item.GetId()}, UpdateMask: &fieldmaskpb.FieldMask{Paths: []string{"bookable"}}}))
				if err != nil || updated.Msg.GetItem().GetBookable() || updated.Msg.GetItem().GetMonthlyPriceCents() != 8900 {
					t.Fatalf("off sale = %v %v", updated.Msg.GetItem(), err)
				}
				no := false
				list, err := c.ListCatalogItems(ctx, connect.NewRequest(&adminv1.ListCatalogItemsRequest{
					Filter: &adminv1.CatalogItemFilter{Query: "nextcloud " + name, Bookable: &no}}))
				if err != nil || len(list.Msg.GetItems()) != 1 || list.Msg.GetTotalSize() != 1 {
					t.Errorf("not bookable = %v %v", list.Msg, err)
				}
				retired, err := c.RetireCatalogItem(ctx, connect.NewRequest(&adminv1.RetireCatalogItemRequest{Id: item.GetId(), Reason: "replaced"}))
				if err != nil || !retired.Msg.GetItem().GetRetired() || retired.Msg.GetItem().GetRetireTime() == nil {
					t.Errorf("retired = %v %v", retired.Msg.GetItem(), err)
				}
				_, err = c.UpdateCatalogItem(ctx, connect.NewRequest(&adminv1.UpdateCatalogItemRequest{
					Item: &adminv1.CatalogItem{Id: item.GetId(), Bookable: true}, UpdateMask: &fieldmaskpb.FieldMask{Paths: []string{"bookable"}}}))
				if connect.CodeOf(err) != connect.CodeFailedPrecondition {
					t.Errorf("changing a retired item = %v, want failed_precondition", err)
				}
				got, err := c.GetCatalogItem(ctx, connect.NewRequest(&adminv1.GetCatalogItemRequest{Id: item.GetId()}))
				if err != nil || got.Msg.GetItem().GetName() != "Nextcloud "+name {
					t.Errorf("get = %v %v", got, err)
				}
				_, err = c.GetCatalogItem(ctx, connect.NewRequest(&adminv1.GetCatalogItemRequest{Id: "srv_01kaj5m8d0e6xv1ks8wq6a5j0p"}))
				if connect.CodeOf(err) != connect.CodeInvalidArgument || fieldsOf(err)["id"] == "" {
					t.Errorf("a server's id = %v (fields %v)", err, fieldsOf(err))
				}
			})
		}

		// The weekly cleanup keeps the icon the items refer to (and, within
		// the day, what was uploaded and not used yet).
		run, err := env.Jobs.RunNow(authz.System(ctx), "storage-cleanup")
		if err != nil || run.Outcome != jobs.OutcomeSucceeded || run.SummaryCode != "stored-files-removed" || run.SummaryParams["removed"] != "0" {
			t.Errorf("storage cleanup = %+v %v", run, err)
		}
	})
}
