package catalog

import (
	"google.golang.org/protobuf/types/known/timestamppb"

	adminv1 "github.com/leitstand/leitstand/gen/go/leitstand/admin/v1"
	"github.com/leitstand/leitstand/server/internal/catalog"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/platform/protoenum"
)

var categories = protoenum.ByName[catalog.Category, adminv1.CatalogCategory](catalog.Categories()...)

// Enums are the conversion tables of this package.
func Enums() []protoenum.Table { return []protoenum.Table{categories} }

func toProtoItem(i catalog.Item) *adminv1.CatalogItem {
	out := &adminv1.CatalogItem{
		Id: ids.Format(ids.CatalogItem, i.ID), Name: i.Name, Description: i.Description,
		Category: categories.ToProto(i.Category), MonthlyPriceCents: i.MonthlyPriceCents, Currency: i.Currency,
		EstimatedStorageGb: int32(i.EstimatedStorageGB), SetupTimeMinutes: int32(i.SetupTimeMinutes),
		Icon: i.Icon, IconUrl: i.IconURL(), Bookable: i.Bookable, Retired: i.Retired(),
		CreateTime: timestamppb.New(i.CreateTime), UpdateTime: timestamppb.New(i.UpdateTime),
		BillingEntityId: ids.Format(ids.BillingEntity, i.BillingEntity),
	}
	if i.RetireTime != nil {
		out.RetireTime = timestamppb.New(*i.RetireTime)
	}
	return out
}

func toProtoOffer(o catalog.Offer) *adminv1.ProductOffer {
	out := &adminv1.ProductOffer{
		Id: ids.Format(ids.ProductOffer, o.ID), BillingEntityId: ids.Format(ids.BillingEntity, o.BillingEntity),
		CatalogItemId: ids.Format(ids.CatalogItem, o.Item), CatalogItemName: o.ItemName,
		MonthlyPriceCents: o.MonthlyPriceCents, Currency: o.Currency, ListPriceCents: o.ListPriceCents,
		MinimumTermMonths: int32(o.MinimumTermMonths), NoticePeriodDays: int32(o.NoticePeriodDays),
		Description: o.Description, Bookable: o.Bookable, Retired: o.Retired(),
		CreateTime: timestamppb.New(o.CreateTime), UpdateTime: timestamppb.New(o.UpdateTime),
	}
	if o.RetireTime != nil {
		out.RetireTime = timestamppb.New(*o.RetireTime)
	}
	return out
}

func fromProtoOffer(o *adminv1.ProductOffer) catalog.OfferValues {
	return catalog.OfferValues{
		MonthlyPriceCents: o.GetMonthlyPriceCents(), MinimumTermMonths: int(o.GetMinimumTermMonths()),
		NoticePeriodDays: int(o.GetNoticePeriodDays()), Description: o.GetDescription(), Bookable: o.GetBookable(),
	}
}

func toProtoBookable(b catalog.Bookable) *adminv1.BookableItem {
	out := &adminv1.BookableItem{
		Item: toProtoItem(b.Item), MonthlyPriceCents: b.Price.MonthlyPriceCents, Currency: b.Price.Currency,
		MinimumTermMonths: int32(b.MinimumTermMonths), NoticePeriodDays: int32(b.NoticePeriodDays),
	}
	if b.Price.Offer != nil {
		out.ProductOfferId = ids.Format(ids.ProductOffer, *b.Price.Offer)
	}
	return out
}

func fromProtoValues(i *adminv1.CatalogItem) catalog.Values {
	return catalog.Values{
		Name: i.GetName(), Description: i.GetDescription(), Category: categories.FromProto(i.GetCategory()),
		MonthlyPriceCents: i.GetMonthlyPriceCents(), EstimatedStorageGB: int(i.GetEstimatedStorageGb()),
		SetupTimeMinutes: int(i.GetSetupTimeMinutes()), Icon: i.GetIcon(), Bookable: i.GetBookable(),
	}
}

func toProtoIcon(i catalog.Icon) *adminv1.CatalogIcon {
	return &adminv1.CatalogIcon{Name: i.Name, Url: i.URL(), ContentType: i.ContentType, SizeBytes: i.Size}
}
