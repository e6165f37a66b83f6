// Package catalog serves CatalogService.
package catalog

import (
	"context"

	"connectrpc.com/connect"

	adminv1 "github.com/leitstand/leitstand/gen/go/leitstand/admin/v1"
	"github.com/leitstand/leitstand/gen/go/leitstand/admin/v1/adminv1connect"
	"github.com/leitstand/leitstand/server/internal/api/protoconv"
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
	be, err := ids.ParseOptional(ids.BillingEntity, "filter.billing_entity_id", f.GetBillingEntityId())
	if err != nil {
		return nil, err
	}
	if be != nil {
		filter.BillingEntity = *be
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
	ctx, err := protoconv.OnBehalfOf(ctx, m.GetBillingEntityId())
	if err != nil {
		return nil, err
	}
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

// ListBookableItems implements CatalogService.ListBookableItems.
func (h *Handler) ListBookableItems(ctx context.Context, req *connect.Request[adminv1.ListBookableItemsRequest]) (*connect.Response[adminv1.ListBookableItemsResponse], error) {
	org, err := ids.Parse(ids.Organization, "organization_id", req.Msg.GetOrganizationId())
	if err != nil {
		return nil, err
	}
	items, err := h.catalog.BookableForOrganization(ctx, org)
	if err != nil {
		return nil, err
	}
	out := &adminv1.ListBookableItemsResponse{}
	for _, b := range items {
		out.Items = append(out.Items, toProtoBookable(b))
	}
	return connect.NewResponse(out), nil
}

// ListProductOffers implements CatalogService.ListProductOffers.
func (h *Handler) ListProductOffers(ctx context.Context, req *connect.Request[adminv1.ListProductOffersRequest]) (*connect.Response[adminv1.ListProductOffersResponse], error) {
	m := req.Msg
	f := catalog.OfferFilter{Retired: m.Retired}
	be, err := ids.ParseOptional(ids.BillingEntity, "billing_entity_id", m.GetBillingEntityId())
	if err != nil {
		return nil, err
	}
	if be != nil {
		f.BillingEntity = *be
	}
	item, err := ids.ParseOptional(ids.CatalogItem, "catalog_item_id", m.GetCatalogItemId())
	if err != nil {
		return nil, err
	}
	if item != nil {
		f.Item = *item
	}
	offers, err := h.catalog.ListOffers(ctx, f)
	if err != nil {
		return nil, err
	}
	out := &adminv1.ListProductOffersResponse{}
	for _, o := range offers {
		out.Offers = append(out.Offers, toProtoOffer(o))
	}
	return connect.NewResponse(out), nil
}

// GetProductOffer implements CatalogService.GetProductOffer.
func (h *Handler) GetProductOffer(ctx context.Context, req *connect.Request[adminv1.GetProductOfferRequest]) (*connect.Response[adminv1.GetProductOfferResponse], error) {
	id, err := ids.Parse(ids.ProductOffer, "id", req.Msg.GetId())
	if err != nil {
		return nil, err
	}
	o, err := h.catalog.GetOffer(ctx, id)
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.GetProductOfferResponse{Offer: toProtoOffer(*o)}), nil
}

// CreateProductOffer implements CatalogService.CreateProductOffer.
func (h *Handler) CreateProductOffer(ctx context.Context, req *connect.Request[adminv1.CreateProductOfferRequest]) (*connect.Response[adminv1.CreateProductOfferResponse], error) {
	m := req.Msg
	ctx, err := protoconv.OnBehalfOf(ctx, m.GetBillingEntityId())
	if err != nil {
		return nil, err
	}
	item, err := ids.Parse(ids.CatalogItem, "catalog_item_id", m.GetCatalogItemId())
	if err != nil {
		return nil, err
	}
	o, err := h.catalog.CreateOffer(ctx, item, catalog.OfferValues{
		MonthlyPriceCents: m.GetMonthlyPriceCents(), MinimumTermMonths: int(m.GetMinimumTermMonths()),
		NoticePeriodDays: int(m.GetNoticePeriodDays()), Description: m.GetDescription(), Bookable: m.GetBookable(),
	}, m.GetReason())
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.CreateProductOfferResponse{Offer: toProtoOffer(*o)}), nil
}

// UpdateProductOffer implements CatalogService.UpdateProductOffer.
func (h *Handler) UpdateProductOffer(ctx context.Context, req *connect.Request[adminv1.UpdateProductOfferRequest]) (*connect.Response[adminv1.UpdateProductOfferResponse], error) {
	offer := req.Msg.GetOffer()
	id, err := ids.Parse(ids.ProductOffer, "offer.id", offer.GetId())
	if err != nil {
		return nil, err
	}
	o, err := h.catalog.UpdateOffer(ctx, id, fromProtoOffer(offer), req.Msg.GetUpdateMask().GetPaths(), req.Msg.GetReason())
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.UpdateProductOfferResponse{Offer: toProtoOffer(*o)}), nil
}

// RetireProductOffer implements CatalogService.RetireProductOffer.
func (h *Handler) RetireProductOffer(ctx context.Context, req *connect.Request[adminv1.RetireProductOfferRequest]) (*connect.Response[adminv1.RetireProductOfferResponse], error) {
	id, err := ids.Parse(ids.ProductOffer, "id", req.Msg.GetId())
	if err != nil {
		return nil, err
	}
	o, err := h.catalog.RetireOffer(ctx, id, req.Msg.GetReason())
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.RetireProductOfferResponse{Offer: toProtoOffer(*o)}), nil
}
