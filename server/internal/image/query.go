package image

import (
	"context"
	"fmt"

	"entgo.io/ent/dialect/sql"
	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	entbe "github.com/leitstand/leitstand/server/ent/billingentity"
	entimage "github.com/leitstand/leitstand/server/ent/image"
	entshare "github.com/leitstand/leitstand/server/ent/imageshare"
	"github.com/leitstand/leitstand/server/ent/predicate"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/paging"
	"github.com/leitstand/leitstand/server/internal/platform/tenancy"
)

func valuesOf(r *ent.Image) Values {
	return Values{Name: r.Name, Kind: Kind(r.Kind), OS: r.Os, Version: r.Version, SizeBytes: r.SizeBytes,
		Source: r.Source, Description: r.Description}
}

// Get returns an image the caller sees, with the shares they see.
func (s *Service) Get(ctx context.Context, id uuid.UUID) (Image, error) {
	r, err := s.load(ctx, s.client, id, false)
	if err != nil {
		return Image{}, err
	}
	out, err := s.complete(ctx, []*ent.Image{r})
	if err != nil {
		return Image{}, err
	}
	return out[0], nil
}

// Filter narrows a list of images.
type Filter struct {
	// Query: the name, operating system or version contains it.
	Query string
	// Kind, when set: only images of this kind.
	Kind Kind
	// Owner, when set: only the images this billing entity owns.
	Owner *uuid.UUID
	// SharedWith, when set: only images shared with this billing entity
	// (the licensee's staff only).
	SharedWith *uuid.UUID
}

// Page is a page of images.
type Page struct {
	Images []Image
	Next   string
	Total  int
}

// cursor is where a page of images ends: the list is ordered by name,
// then id.
type cursor struct {
	Name string    `json:"n"`
	ID   uuid.UUID `json:"i"`
}

// List lists the images the caller sees that match f, by name.
func (s *Service) List(ctx context.Context, f Filter, size int, token string) (Page, error) {
	if f.SharedWith != nil && tenancy.CallerOf(ctx).Scoped() {
		return Page{}, apierr.PermissionDenied("only the licensee's staff list the images shared with a billing entity")
	}
	fp := paging.Fingerprint("images", f)
	var where []predicate.Image
	if f.Query != "" {
		where = append(where, entimage.Or(entimage.NameContainsFold(f.Query), entimage.OsContainsFold(f.Query),
			entimage.VersionContainsFold(f.Query)))
	}
	if f.Kind != "" {
		where = append(where, entimage.KindEQ(entimage.Kind(f.Kind)))
	}
	if f.Owner != nil {
		where = append(where, entimage.BillingEntityID(*f.Owner))
	}
	if f.SharedWith != nil {
		where = append(where, entimage.HasSharesWith(entshare.BillingEntityID(*f.SharedWith)))
	}
	q := s.client.Image.Query().Where(where...)
	total, err := q.Clone().Count(ctx)
	if err != nil {
		return Page{}, err
	}
	var after cursor
	if ok, err := paging.Decode(token, fp, &after); err != nil {
		return Page{}, err
	} else if ok {
		q.Where(func(sel *sql.Selector) {
			paging.After(false, paging.Key{Column: entimage.FieldName, Value: after.Name}, paging.Key{Column: entimage.FieldID, Value: after.ID})(sel)
		})
	}
	rows, err := q.Order(ent.Asc(entimage.FieldName), ent.Asc(entimage.FieldID)).Limit(size + 1).All(ctx)
	if err != nil {
		return Page{}, err
	}
	rows, next := paging.Cut(rows, size, fp, func(r *ent.Image) any { return cursor{Name: r.Name, ID: r.ID} })
	images, err := s.complete(ctx, rows)
	if err != nil {
		return Page{}, err
	}
	return Page{Images: images, Next: next, Total: total}, nil
}

// complete makes images of rows, with the shares the caller sees and the
// names of the billing entities involved.
func (s *Service) complete(ctx context.Context, rows []*ent.Image) ([]Image, error) {
	idList := make([]uuid.UUID, len(rows))
	for i, r := range rows {
		idList[i] = r.ID
	}
	shares, err := s.client.ImageShare.Query().Where(entshare.ImageIDIn(idList...)).
		Order(ent.Asc(entshare.FieldCreateTime), ent.Asc(entshare.FieldID)).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("read shares: %w", err)
	}
	entities := map[uuid.UUID]bool{}
	for _, r := range rows {
		entities[r.BillingEntityID] = true
	}
	for _, sh := range shares {
		entities[sh.BillingEntityID] = true
	}
	names, err := s.entityNames(ctx, entities)
	if err != nil {
		return nil, err
	}
	byImage := map[uuid.UUID][]Share{}
	for _, sh := range shares {
		byImage[sh.ImageID] = append(byImage[sh.ImageID], Share{BillingEntity: sh.BillingEntityID, Name: names[sh.BillingEntityID], Created: sh.CreateTime})
	}
	out := make([]Image, len(rows))
	for i, r := range rows {
		out[i] = Image{ID: r.ID, BillingEntity: r.BillingEntityID, OwnerName: names[r.BillingEntityID], Values: valuesOf(r),
			SharedWith: byImage[r.ID], Created: r.CreateTime, Updated: r.UpdateTime}
	}
	return out, nil
}

// entityNames reads the names of billing entities. The owner of an image
// shared with a reseller is named to its staff, though they see no other
// record of it: they are told whose image they use, and its name only.
func (s *Service) entityNames(ctx context.Context, set map[uuid.UUID]bool) (map[uuid.UUID]string, error) {
	idList := make([]uuid.UUID, 0, len(set))
	for id := range set {
		idList = append(idList, id)
	}
	rows, err := s.client.BillingEntity.Query().Where(entbe.IDIn(idList...)).Select(entbe.FieldID, entbe.FieldName).All(tenancy.Unscoped(ctx))
	if err != nil {
		return nil, fmt.Errorf("read billing entity names: %w", err)
	}
	out := make(map[uuid.UUID]string, len(rows))
	for _, r := range rows {
		out[r.ID] = r.Name
	}
	return out, nil
}

// Names names images for the audit trail.
func (s *Service) Names(ctx context.Context, idList []uuid.UUID) (map[uuid.UUID]string, error) {
	rows, err := s.client.Image.Query().Where(entimage.IDIn(idList...)).Select(entimage.FieldID, entimage.FieldName).All(ctx)
	if err != nil {
		return nil, err
	}
	out := make(map[uuid.UUID]string, len(rows))
	for _, r := range rows {
		out[r.ID] = r.Name
	}
	return out, nil
}
