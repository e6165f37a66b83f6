package images

import (
	"context"

	"connectrpc.com/connect"
	"github.com/google/uuid"

	adminv1 "github.com/leitstand/leitstand/gen/go/leitstand/admin/v1"
	"github.com/leitstand/leitstand/gen/go/leitstand/admin/v1/adminv1connect"
	"github.com/leitstand/leitstand/server/internal/image"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/platform/paging"
)

// Handler implements adminv1connect.ImageServiceHandler.
type Handler struct{ s *image.Service }

var _ adminv1connect.ImageServiceHandler = (*Handler)(nil)

// ListImages implements ImageService.ListImages.
func (h *Handler) ListImages(ctx context.Context, req *connect.Request[adminv1.ListImagesRequest]) (*connect.Response[adminv1.ListImagesResponse], error) {
	m := req.Msg
	owner, err := ids.ParseOptional(ids.BillingEntity, "billing_entity_id", m.GetBillingEntityId())
	if err != nil {
		return nil, err
	}
	shared, err := ids.ParseOptional(ids.BillingEntity, "shared_with_billing_entity_id", m.GetSharedWithBillingEntityId())
	if err != nil {
		return nil, err
	}
	f := image.Filter{Query: m.GetQuery(), Kind: kinds.FromProto(m.GetKind()), Owner: owner, SharedWith: shared}
	page, err := h.s.List(ctx, f, paging.Size(m.GetPageSize()), m.GetPageToken())
	if err != nil {
		return nil, err
	}
	out := &adminv1.ListImagesResponse{NextPageToken: page.Next, TotalSize: int32(page.Total)}
	for _, i := range page.Images {
		out.Images = append(out.Images, toImage(i))
	}
	return connect.NewResponse(out), nil
}

// GetImage implements ImageService.GetImage.
func (h *Handler) GetImage(ctx context.Context, req *connect.Request[adminv1.GetImageRequest]) (*connect.Response[adminv1.GetImageResponse], error) {
	id, err := ids.Parse(ids.Image, "id", req.Msg.GetId())
	if err != nil {
		return nil, err
	}
	i, err := h.s.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.GetImageResponse{Image: toImage(i)}), nil
}

// CreateImage implements ImageService.CreateImage.
func (h *Handler) CreateImage(ctx context.Context, req *connect.Request[adminv1.CreateImageRequest]) (*connect.Response[adminv1.CreateImageResponse], error) {
	owner, err := ids.ParseOptional(ids.BillingEntity, "billing_entity_id", req.Msg.GetBillingEntityId())
	if err != nil {
		return nil, err
	}
	i, err := h.s.Create(ctx, owner, fromFields(req.Msg.GetImage()))
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.CreateImageResponse{Image: toImage(i)}), nil
}

// UpdateImage implements ImageService.UpdateImage.
func (h *Handler) UpdateImage(ctx context.Context, req *connect.Request[adminv1.UpdateImageRequest]) (*connect.Response[adminv1.UpdateImageResponse], error) {
	id, err := ids.Parse(ids.Image, "id", req.Msg.GetId())
	if err != nil {
		return nil, err
	}
	i, err := h.s.Update(ctx, id, fromFields(req.Msg.GetImage()), req.Msg.GetUpdateMask().GetPaths())
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.UpdateImageResponse{Image: toImage(i)}), nil
}

// DeleteImage implements ImageService.DeleteImage.
func (h *Handler) DeleteImage(ctx context.Context, req *connect.Request[adminv1.DeleteImageRequest]) (*connect.Response[adminv1.DeleteImageResponse], error) {
	id, err := ids.Parse(ids.Image, "id", req.Msg.GetId())
	if err != nil {
		return nil, err
	}
	if err := h.s.Delete(ctx, id); err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.DeleteImageResponse{}), nil
}

// ShareImage implements ImageService.ShareImage.
func (h *Handler) ShareImage(ctx context.Context, req *connect.Request[adminv1.ShareImageRequest]) (*connect.Response[adminv1.ShareImageResponse], error) {
	id, bes, err := parseShare(req.Msg.GetId(), req.Msg.GetBillingEntityIds())
	if err != nil {
		return nil, err
	}
	i, err := h.s.Share(ctx, id, bes)
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.ShareImageResponse{Image: toImage(i)}), nil
}

// UnshareImage implements ImageService.UnshareImage.
func (h *Handler) UnshareImage(ctx context.Context, req *connect.Request[adminv1.UnshareImageRequest]) (*connect.Response[adminv1.UnshareImageResponse], error) {
	id, bes, err := parseShare(req.Msg.GetId(), req.Msg.GetBillingEntityIds())
	if err != nil {
		return nil, err
	}
	i, err := h.s.Unshare(ctx, id, bes)
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.UnshareImageResponse{Image: toImage(i)}), nil
}

func parseShare(id string, bes []string) (uuid.UUID, []uuid.UUID, error) {
	img, err := ids.Parse(ids.Image, "id", id)
	if err != nil {
		return uuid.Nil, nil, err
	}
	out := make([]uuid.UUID, len(bes))
	for i, s := range bes {
		if out[i], err = ids.Parse(ids.BillingEntity, apierr.Index("billing_entity_ids", i), s); err != nil {
			return uuid.Nil, nil, err
		}
	}
	return img, out, nil
}
