package catalog_test

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"slices"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/internal/apptest"
	"github.com/leitstand/leitstand/server/internal/catalog"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/blob"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/platform/testdb"
)

func TestMain(m *testing.M) { testdb.Main(m) }

const icon = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8"><circle cx="4" cy="4" r="3" fill="#0082c9"/></svg>`

func pngIcon(t *testing.T) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 4, 4))
	img.Set(1, 1, color.RGBA{R: 200, A: 255})
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func nextcloud(name string, price int64) catalog.Values {
	return catalog.Values{Name: name, Description: "Files for a team", Category: catalog.CategoryM, MonthlyPriceCents: price,
		EstimatedStorageGB: 500, SetupTimeMinutes: 60, Bookable: true}
}

func TestAnItemIsCreatedChangedAndRetiredWithItsAuditTrail(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		ctx := env.AsRole(t, "operator@example.com", authz.RoleOperator)

		up, err := env.Catalog.UploadIcon(ctx, []byte(icon))
		if err != nil {
			t.Fatal(err)
		}
		if up.ContentType != "image/svg+xml" || len(up.Name) != 64+4 || up.URL() != "/files/catalog-icons/"+up.Name {
			t.Errorf("icon = %+v", up)
		}
		v := nextcloud("  Nextcloud M ", 8900)
		v.Icon = up.Name
		seq := env.LastSeq(t)
		it, err := env.Catalog.Create(ctx, v, "new package")
		if err != nil {
			t.Fatal(err)
		}
		if it.Name != "Nextcloud M" || it.Currency != "EUR" || it.Retired() || it.IconURL() != up.URL() || !it.Bookable {
			t.Errorf("created = %+v", it)
		}
		if e := env.OneEventSince(t, seq); e.TargetID != ids.Format(ids.CatalogItem, it.ID) || e.Reason != "new package" {
			t.Errorf("audit event = %+v", e)
		}

		// A new price and the bookable switch; the rest stays.
		env.Clock.Advance(time.Minute)
		seq = env.LastSeq(t)
		got, err := env.Catalog.Update(ctx, it.ID, catalog.Values{MonthlyPriceCents: 9900, Bookable: false, Name: "ignored"},
			[]string{"monthly_price_cents", "bookable"}, "price for 2027")
		if err != nil {
			t.Fatal(err)
		}
		if got.MonthlyPriceCents != 9900 || got.Bookable || got.Name != "Nextcloud M" || got.Icon != up.Name || !got.UpdateTime.After(it.UpdateTime) {
			t.Errorf("updated = %+v", got)
		}
		e := env.OneEventSince(t, seq)
		if before, after := apptest.State(t, e.Before), apptest.State(t, e.After); before["monthly_price_cents"] != float64(8900) || after["monthly_price_cents"] != float64(9900) {
			t.Errorf("audit before %v after %v", before, after)
		}
		// An update that changes nothing records nothing.
		seq = env.LastSeq(t)
		if _, err := env.Catalog.Update(ctx, it.ID, catalog.Values{MonthlyPriceCents: 9900}, []string{"monthly_price_cents"}, ""); err != nil {
			t.Fatal(err)
		}
		env.NoEventsSince(t, seq)

		retired, err := env.Catalog.Retire(ctx, it.ID, "replaced by Nextcloud M 2027")
		if err != nil {
			t.Fatal(err)
		}
		if !retired.Retired() || retired.Bookable || !retired.RetireTime.Equal(env.Clock.Now()) {
			t.Errorf("retired = %+v", retired)
		}
		// Retired is final: changes are refused, a second retirement
		// changes nothing.
		seq = env.LastSeq(t)
		_, err = env.Catalog.Update(ctx, it.ID, catalog.Values{Bookable: true}, []string{"bookable"}, "")
		apptest.WantErr(t, err, apierr.ErrFailedPrecondition)
		again, err := env.Catalog.Retire(ctx, it.ID, "again")
		if err != nil || !again.RetireTime.Equal(*retired.RetireTime) {
			t.Errorf("retire again = %+v %v", again, err)
		}
		env.NoEventsSince(t, seq)

		names, err := env.Catalog.Names(ctx, []uuid.UUID{it.ID})
		if err != nil || names[it.ID] != "Nextcloud M" {
			t.Errorf("names = %v %v", names, err)
		}
	})
}

func TestBadInputIsRefusedAtItsFieldAndChangesNothing(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		ctx := env.AsRole(t, "operator@example.com", authz.RoleOperator)
		it, err := env.Catalog.Create(ctx, nextcloud("Nextcloud S", 2900), "")
		if err != nil {
			t.Fatal(err)
		}
		unknownIcon := fmt.Sprintf("%064x.svg", 1)
		for _, c := range []struct {
			name  string
			v     catalog.Values
			paths []string
			want  error
			field string
		}{
			{"blank name", catalog.Values{Name: "   "}, []string{"name"}, apierr.ErrInvalidArgument, "item.name"},
			{"no category", catalog.Values{}, []string{"category"}, apierr.ErrInvalidArgument, "item.category"},
			{"negative price", catalog.Values{MonthlyPriceCents: -1}, []string{"monthly_price_cents"}, apierr.ErrInvalidArgument, "item.monthly_price_cents"},
			{"negative storage", catalog.Values{EstimatedStorageGB: -5}, []string{"estimated_storage_gb"}, apierr.ErrInvalidArgument, "item.estimated_storage_gb"},
			{"setup over a year", catalog.Values{SetupTimeMinutes: catalog.MaxSetupTimeMinutes + 1}, []string{"setup_time_minutes"}, apierr.ErrInvalidArgument, "item.setup_time_minutes"},
			{"icon not a name", catalog.Values{Icon: "../../etc/passwd"}, []string{"icon"}, apierr.ErrInvalidArgument, "item.icon"},
			{"icon never uploaded", catalog.Values{Icon: unknownIcon}, []string{"icon"}, apierr.ErrInvalidArgument, "item.icon"},
			{"unknown path", catalog.Values{}, []string{"currency"}, apierr.ErrInvalidArgument, "update_mask"},
			{"empty mask", catalog.Values{}, nil, apierr.ErrInvalidArgument, "update_mask"},
		} {
			t.Run(c.name, func(t *testing.T) {
				seq := env.LastSeq(t)
				_, err := env.Catalog.Update(ctx, it.ID, c.v, c.paths, "")
				apptest.WantErr(t, err, c.want, c.field)
				env.NoEventsSince(t, seq)
				now, err := env.Catalog.Get(ctx, it.ID)
				if err != nil || now.Values != it.Values {
					t.Errorf("changed to %+v (%v)", now, err)
				}
			})
		}
		// Creation checks every field at once, at the request's fields.
		_, err = env.Catalog.Create(ctx, catalog.Values{Name: "", Category: "XL", MonthlyPriceCents: -1}, "")
		apptest.WantErr(t, err, apierr.ErrInvalidArgument, "name", "category", "monthly_price_cents")
		_, err = env.Catalog.Create(ctx, nextcloud("Nextcloud S", 100), "")
		apptest.WantErr(t, err, apierr.ErrAlreadyExists)
		_, err = env.Catalog.Update(ctx, uuid.Must(uuid.NewV7()), catalog.Values{Bookable: true}, []string{"bookable"}, "")
		apptest.WantErr(t, err, apierr.ErrNotFound)
		_, err = env.Catalog.Retire(ctx, it.ID, "  ")
		apptest.WantErr(t, err, apierr.ErrInvalidArgument, "reason")
		page, err := env.Catalog.List(ctx, catalog.Filter{})
		if err != nil || page.TotalSize != 1 {
			t.Errorf("catalog = %+v %v, want the one item", page, err)
		}
	})
}

func TestIconsAreCheckedByTheirContent(t *testing.T) {
	t.Parallel()
	env := apptest.New(t, testdb.SQLite)
	ctx := env.AsRole(t, "operator@example.com", authz.RoleOperator)
	p, err := env.Catalog.UploadIcon(ctx, pngIcon(t))
	if err != nil || p.ContentType != "image/png" || !bytes.HasSuffix([]byte(p.Name), []byte(".png")) {
		t.Fatalf("PNG = %+v %v", p, err)
	}
	// The same file again is the same icon.
	if again, err := env.Catalog.UploadIcon(ctx, pngIcon(t)); err != nil || again.Name != p.Name {
		t.Errorf("again = %+v %v", again, err)
	}
	for name, content := range map[string][]byte{
		"script":       []byte(`<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`),
		"handler":      []byte(`<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>`),
		"a PNG's name": []byte("GIF89a not a png"),
		"too large":    append([]byte(icon), bytes.Repeat([]byte(" "), catalog.MaxIconBytes)...),
	} {
		_, err := env.Catalog.UploadIcon(ctx, content)
		apptest.WantErr(t, err, apierr.ErrInvalidArgument, "content")
		_ = name
	}
	stored := 0
	if err := env.Files.List(ctx, catalog.IconPrefix, func(blob.Object) error { stored++; return nil }); err != nil || stored != 1 {
		t.Errorf("stored %d icons (%v), want the one PNG", stored, err)
	}
}

func TestListFiltersOrdersAndPages(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		ctx := env.AsRole(t, "developer@example.com", authz.RoleDeveloper)
		sys := authz.System(t.Context())
		for i, c := range []struct {
			name     string
			cat      catalog.Category
			price    int64
			bookable bool
		}{
			{"Nextcloud S", catalog.CategoryS, 2900, true}, {"Nextcloud M", catalog.CategoryM, 8900, true},
			{"Nextcloud L", catalog.CategoryL, 24900, true}, {"Mail", catalog.CategoryS, 1900, true},
			{"Übersetzung", catalog.CategoryM, 2900, false}, {"PostgreSQL", catalog.CategoryM, 6900, true},
		} {
			env.Clock.Advance(time.Duration(i+1) * time.Second)
			v := nextcloud(c.name, c.price)
			v.Category, v.Bookable = c.cat, c.bookable
			if _, err := env.Catalog.Create(sys, v, ""); err != nil {
				t.Fatal(err)
			}
		}
		pg, err := env.Catalog.List(sys, catalog.Filter{Query: "postgresql"})
		if err != nil || len(pg.Items) != 1 {
			t.Fatalf("postgres = %+v %v", pg, err)
		}
		if _, err := env.Catalog.Retire(sys, pg.Items[0].ID, "gone"); err != nil {
			t.Fatal(err)
		}
		names := func(f catalog.Filter) []string {
			t.Helper()
			var out []string
			for {
				page, err := env.Catalog.List(ctx, f)
				if err != nil {
					t.Fatal(err)
				}
				for _, i := range page.Items {
					out = append(out, i.Name)
				}
				if page.NextPageToken == "" {
					return out
				}
				f.PageToken = page.NextPageToken
			}
		}
		yes, no := true, false
		for _, c := range []struct {
			name string
			f    catalog.Filter
			want []string
		}{
			{"by name", catalog.Filter{PageSize: 2}, []string{"Mail", "Nextcloud L", "Nextcloud M", "Nextcloud S", "PostgreSQL", "Übersetzung"}},
			{"by price, ties by name", catalog.Filter{PageSize: 2, OrderBy: "monthly_price"}, []string{"Mail", "Nextcloud S", "Übersetzung", "PostgreSQL", "Nextcloud M", "Nextcloud L"}},
			{"by price desc", catalog.Filter{PageSize: 4, OrderBy: "monthly_price desc"}, []string{"Nextcloud L", "Nextcloud M", "PostgreSQL", "Übersetzung", "Nextcloud S", "Mail"}},
			{"newest first", catalog.Filter{PageSize: 1, OrderBy: "create_time desc"}, []string{"PostgreSQL", "Übersetzung", "Mail", "Nextcloud L", "Nextcloud M", "Nextcloud S"}},
			{"folded search", catalog.Filter{Query: "UBERS"}, []string{"Übersetzung"}},
			{"category", catalog.Filter{Categories: []catalog.Category{catalog.CategoryS, catalog.CategoryL}}, []string{"Mail", "Nextcloud L", "Nextcloud S"}},
			{"bookable, in the catalog", catalog.Filter{Bookable: &yes, Retired: &no}, []string{"Mail", "Nextcloud L", "Nextcloud M", "Nextcloud S"}},
			{"not bookable", catalog.Filter{Bookable: &no}, []string{"PostgreSQL", "Übersetzung"}},
			{"retired", catalog.Filter{Retired: &yes}, []string{"PostgreSQL"}},
		} {
			if got := names(c.f); !slices.Equal(got, c.want) {
				t.Errorf("%s = %v, want %v", c.name, got, c.want)
			}
		}
		first, err := env.Catalog.List(ctx, catalog.Filter{PageSize: 2})
		if err != nil || first.TotalSize != 6 {
			t.Fatalf("first page = %+v %v", first, err)
		}
		_, err = env.Catalog.List(ctx, catalog.Filter{PageSize: 2, PageToken: first.NextPageToken, OrderBy: "monthly_price"})
		apptest.WantErr(t, err, apierr.ErrInvalidArgument, "page_token")
		_, err = env.Catalog.List(ctx, catalog.Filter{OrderBy: "category"})
		apptest.WantErr(t, err, apierr.ErrInvalidArgument, "order_by")
	})
}

func TestIconsInUseAreThoseItemsReferTo(t *testing.T) {
	t.Parallel()
	env := apptest.New(t, testdb.SQLite)
	ctx := authz.System(context.Background())
	a, _ := env.Catalog.UploadIcon(ctx, []byte(icon))
	b, _ := env.Catalog.UploadIcon(ctx, pngIcon(t))
	if _, err := env.Catalog.UploadIcon(ctx, []byte(`<svg xmlns="http://www.w3.org/2000/svg"/>`)); err != nil {
		t.Fatal(err)
	}
	for i, ic := range []string{a.Name, a.Name, b.Name} {
		v := nextcloud(fmt.Sprint("Item ", i), 100)
		v.Icon = ic
		it, err := env.Catalog.Create(ctx, v, "")
		if err != nil {
			t.Fatal(err)
		}
		if i == 2 {
			// A retired item keeps its icon.
			if _, err := env.Catalog.Retire(ctx, it.ID, "history"); err != nil {
				t.Fatal(err)
			}
		}
	}
	got, err := env.Catalog.IconsInUse(ctx)
	slices.Sort(got)
	want := []string{a.Name, b.Name}
	slices.Sort(want)
	if err != nil || !slices.Equal(got, want) {
		t.Errorf("in use = %v %v, want %v", got, err, want)
	}
}
