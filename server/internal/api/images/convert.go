package images

import (
	"google.golang.org/protobuf/types/known/timestamppb"

	adminv1 "github.com/leitstand/leitstand/gen/go/leitstand/admin/v1"
	"github.com/leitstand/leitstand/server/internal/image"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/platform/protoenum"
)

var kinds = protoenum.ByName[image.Kind, adminv1.ImageKind](image.Kinds()...)

// Enums are the area's enum tables.
func Enums() []protoenum.Table { return []protoenum.Table{kinds} }

func toImage(i image.Image) *adminv1.Image {
	out := &adminv1.Image{Id: ids.Format(ids.Image, i.ID), BillingEntityId: ids.Format(ids.BillingEntity, i.BillingEntity),
		BillingEntityName: i.OwnerName, Image: &adminv1.ImageFields{Name: i.Name, Kind: kinds.ToProto(i.Kind), Os: i.OS,
			Version: i.Version, SizeBytes: i.SizeBytes, Source: i.Source, Description: i.Description},
		CreateTime: timestamppb.New(i.Created), UpdateTime: timestamppb.New(i.Updated)}
	for _, s := range i.SharedWith {
		out.SharedWith = append(out.SharedWith, &adminv1.ImageShare{BillingEntityId: ids.Format(ids.BillingEntity, s.BillingEntity),
			BillingEntityName: s.Name, CreateTime: timestamppb.New(s.Created)})
	}
	return out
}

func fromFields(f *adminv1.ImageFields) image.Values {
	return image.Values{Name: f.GetName(), Kind: kinds.FromProto(f.GetKind()), OS: f.GetOs(), Version: f.GetVersion(),
		SizeBytes: f.GetSizeBytes(), Source: f.GetSource(), Description: f.GetDescription()}
}
