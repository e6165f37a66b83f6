// Package catalog serves CatalogService.
package catalog

import (
	"context"

	"connectrpc.com/connect"

	adminv1 "github.com/leitstand/leitstand/gen/go/leitstand/admin/v1"
	"github.com/leitstand/leitstand/gen/go/leitstand/admin/v1/adminv1connect"
	"github.com/leitstand/leitstand/server/internal/catalog"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
)

// Handler implements adminv1connect.CatalogServiceHandler.
type Handler struct{ catalog *catalog.Service }

var _ adminv1connect.CatalogServiceHandler = (*Handler)(nil)

// New returns the CatalogService handler.
func New(s *catalog.Service) *Handler { return &Handler{catalog: s} }

// ListCatalogItems implements CatalogService.ListCatalogItems.
func (h *Handler) ListCatalogItems(ctx context.Context, req *connect.Request[adminv1.ListCatalogItemsRequest]) (*connect.Response[adminv1.ListCatalogItemsResponse], error) {
	m := req.Msg
	f := m.GetFilter()
	filter := catalog.Filter{
		PageSize: m.GetPageSize(), PageToken: m.GetPageToken(), OrderBy: m.GetOrderBy(),
		Query: f.GetQuery(), Categories: categories.FromProtos(f.GetCategories()),
	}
	if f != nil {
		filter.Bookable, filter.Retired = f.Bookable, f.Retired
	}
	page, err := h.catalog.List(ctx, filter)
	if err != nil {
		return nil, err
	}
	out := &adminv1.ListCatalogItemsResponse{NextPageToken: page.NextPageToken, TotalSize: int32(page.TotalSize)}
	for _, i := range page.Items {
		out.Items = append(out.Items, toProtoItem(i))
	}
	return connect.NewResponse(out), nil
}

// GetCatalogItem implements CatalogService.GetCatalogItem.
func (h *Handler) GetCatalogItem(ctx context.Context, req *connect.Request[adminv1.GetCatalogItemRequest]) (*connect.Response[adminv1.GetCatalogItemResponse], error) {
	id, err := ids.Parse(ids.CatalogItem, "id", req.Msg.GetId())
	if err != nil {
		return nil, err
	}
	i, err := h.catalog.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.GetCatalogItemResponse{Item: toProtoItem(*i)}), nil
}

// CreateCatalogItem implements CatalogService.CreateCatalogItem.
func (h *Handler) CreateCatalogItem(ctx context.Context, req *connect.Request[adminv1.CreateCatalogItemRequest]) (*connect.Response[adminv1.CreateCatalogItemResponse], error) {
	m := req.Msg
	i, err := h.catalog.Create(ctx, fromProtoValues(&adminv1.CatalogItem{
		Name: m.GetName(), Description: m.GetDescription(), Category: m.GetCategory(),
		MonthlyPriceCents: m.GetMonthlyPriceCents(), EstimatedStorageGb: m.GetEstimatedStorageGb(),
		SetupTimeMinutes: m.GetSetupTimeMinutes(), Icon: m.GetIcon(), Bookable: m.GetBookable(),
	}), m.GetReason())
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.CreateCatalogItemResponse{Item: toProtoItem(*i)}), nil
}

// UpdateCatalogItem implements CatalogService.UpdateCatalogItem.
func (h *Handler) UpdateCatalogItem(ctx context.Context, req *connect.Request[adminv1.UpdateCatalogItemRequest]) (*connect.Response[adminv1.UpdateCatalogItemResponse], error) {
	item := req.Msg.GetItem()
	id, err := ids.Parse(ids.CatalogItem, "item.id", item.GetId())
	if err != nil {
		return nil, err
	}
	i, err := h.catalog.Update(ctx, id, fromProtoValues(item), req.Msg.GetUpdateMask().GetPaths(), req.Msg.GetReason())
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.UpdateCatalogItemResponse{Item: toProtoItem(*i)}), nil
}

// RetireCatalogItem implements CatalogService.RetireCatalogItem.
func (h *Handler) RetireCatalogItem(ctx context.Context, req *connect.Request[adminv1.RetireCatalogItemRequest]) (*connect.Response[adminv1.RetireCatalogItemResponse], error) {
	id, err := ids.Parse(ids.CatalogItem, "id", req.Msg.GetId())
	if err != nil {
		return nil, err
	}
	i, err := h.catalog.Retire(ctx, id, req.Msg.GetReason())
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.RetireCatalogItemResponse{Item: toProtoItem(*i)}), nil
}

// UploadCatalogIcon implements CatalogService.UploadCatalogIcon.
func (h *Handler) UploadCatalogIcon(ctx context.Context, req *connect.Request[adminv1.UploadCatalogIconRequest]) (*connect.Response[adminv1.UploadCatalogIconResponse], error) {
	i, err := h.catalog.UploadIcon(ctx, req.Msg.GetContent())
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.UploadCatalogIconResponse{Icon: toProtoIcon(*i)}), nil
}
