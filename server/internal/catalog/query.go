package catalog

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"entgo.io/ent/dialect/sql"
	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	"github.com/leitstand/leitstand/server/ent/catalogitem"
	"github.com/leitstand/leitstand/server/ent/predicate"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/paging"
	"github.com/leitstand/leitstand/server/internal/platform/textfold"
	"github.com/leitstand/leitstand/server/internal/search"
)

// Filter selects a page of items and says in which order.
type Filter struct {
	PageSize  int32
	PageToken string
	// Query matches the name, folded (case, accents, ß).
	Query      string
	Categories []Category
	// Bookable and Retired: nil matches both.
	Bookable *bool
	Retired  *bool
	// BillingEntity: only its items; uuid.Nil for all the caller sees.
	BillingEntity uuid.UUID
	// OrderBy is "name" (the default), "monthly_price" or "create_time",
	// each optionally followed by " desc".
	OrderBy string
}

// Page is one page of items.
type Page struct {
	Items         []Item
	NextPageToken string
	TotalSize     int
}

// Orders are the orders List accepts.
var Orders = []string{"name", "name desc", "monthly_price", "monthly_price desc", "create_time", "create_time desc"}

// cursor is the last item of a page: its sort key, name and id.
type cursor struct {
	Price int64     `json:"p,omitempty"`
	Time  time.Time `json:"t,omitzero"`
	Name  string    `json:"n"`
	ID    uuid.UUID `json:"i"`
	Total int       `json:"c,omitempty"`
}

// List returns one page of items. Ties of the order go by name, then id,
// so pages neither skip nor repeat an item.
func (s *Service) List(ctx context.Context, f Filter) (*Page, error) {
	orderBy := f.OrderBy
	if orderBy == "" {
		orderBy = "name"
	}
	key, desc := strings.CutSuffix(orderBy, " desc")
	if !slices.Contains(Orders, orderBy) {
		return nil, apierr.Invalid("order_by", "order_by.in", "must be one of %s", strings.Join(Orders, ", "))
	}
	var where []predicate.CatalogItem
	if q := strings.TrimSpace(f.Query); q != "" {
		where = append(where, predicate.CatalogItem(search.Match(catalogitem.FieldSearchKey, textfold.Fold(q))))
	}
	if len(f.Categories) > 0 {
		cs := make([]catalogitem.Category, len(f.Categories))
		for i, c := range f.Categories {
			cs[i] = catalogitem.Category(c)
		}
		where = append(where, catalogitem.CategoryIn(cs...))
	}
	if f.Bookable != nil {
		where = append(where, catalogitem.Bookable(*f.Bookable))
	}
	if f.Retired != nil {
		if *f.Retired {
			where = append(where, catalogitem.RetireTimeNotNil())
		} else {
			where = append(where, catalogitem.RetireTimeIsNil())
		}
	}

	if f.BillingEntity != uuid.Nil {
		where = append(where, catalogitem.BillingEntityID(f.BillingEntity))
	}
	fp := paging.Fingerprint("catalog", strings.TrimSpace(f.Query), f.Categories, f.Bookable, f.Retired, f.BillingEntity, orderBy)
	var c cursor
	hasCursor, err := paging.Decode(f.PageToken, fp, &c)
	if err != nil {
		return nil, err
	}
	q := s.client.CatalogItem.Query().Where(where...)
	if hasCursor {
		q.Where(after(key, desc, c))
	}
	order := sql.OrderAsc()
	if desc {
		order = sql.OrderDesc()
	}
	switch key {
	case "monthly_price":
		q.Order(catalogitem.ByMonthlyPriceCents(order))
	case "create_time":
		q.Order(catalogitem.ByCreateTime(order))
	}
	q.Order(catalogitem.ByName(order), catalogitem.ByID(order))
	size := paging.Size(f.PageSize)
	rows, err := q.Limit(size + 1).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("list catalog items: %w", err)
	}
	total := c.Total
	if !hasCursor {
		if total, err = s.client.CatalogItem.Query().Where(where...).Count(ctx); err != nil {
			return nil, fmt.Errorf("count catalog items: %w", err)
		}
	}
	page := &Page{TotalSize: total}
	rows, page.NextPageToken = paging.Cut(rows, size, fp, func(last *ent.CatalogItem) any {
		return cursor{Price: last.MonthlyPriceCents, Time: last.CreateTime, Name: last.Name, ID: last.ID, Total: total}
	})
	page.Items = make([]Item, len(rows))
	for i, r := range rows {
		page.Items[i] = itemOf(r)
	}
	return page, nil
}

// after is the keyset predicate "comes after the cursor": by the order's
// key (none for name), then name, then id.
func after(key string, desc bool, c cursor) predicate.CatalogItem {
	keys := []paging.Key{{Column: catalogitem.FieldName, Value: c.Name}, {Column: catalogitem.FieldID, Value: c.ID}}
	switch key {
	case "monthly_price":
		keys = append([]paging.Key{{Column: catalogitem.FieldMonthlyPriceCents, Value: c.Price}}, keys...)
	case "create_time":
		keys = append([]paging.Key{{Column: catalogitem.FieldCreateTime, Value: c.Time}}, keys...)
	}
	return paging.After(desc, keys...)
}
