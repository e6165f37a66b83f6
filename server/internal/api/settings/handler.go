// Package settings serves SettingsService.
package settings

import (
	"context"

	"connectrpc.com/connect"

	adminv1 "github.com/leitstand/leitstand/gen/go/leitstand/admin/v1"
	"github.com/leitstand/leitstand/gen/go/leitstand/admin/v1/adminv1connect"
	"github.com/leitstand/leitstand/server/internal/api/protoconv"
	"github.com/leitstand/leitstand/server/internal/settings"
)

// Handler implements adminv1connect.SettingsServiceHandler.
type Handler struct{ settings *settings.Service }

var _ adminv1connect.SettingsServiceHandler = (*Handler)(nil)

// New returns the SettingsService handler.
func New(s *settings.Service) *Handler { return &Handler{settings: s} }

// GetSettings implements SettingsService.GetSettings.
func (h *Handler) GetSettings(ctx context.Context, req *connect.Request[adminv1.GetSettingsRequest]) (*connect.Response[adminv1.GetSettingsResponse], error) {
	ctx, err := protoconv.OnBehalfOf(ctx, req.Msg.GetBillingEntityId())
	if err != nil {
		return nil, err
	}
	s, row, err := h.settings.Get(ctx)
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.GetSettingsResponse{Settings: toProto(s, row), MissingForInvoices: s.MissingForInvoices()}), nil
}

// UpdateSettings implements SettingsService.UpdateSettings.
func (h *Handler) UpdateSettings(ctx context.Context, req *connect.Request[adminv1.UpdateSettingsRequest]) (*connect.Response[adminv1.UpdateSettingsResponse], error) {
	ctx, err := protoconv.OnBehalfOf(ctx, req.Msg.GetBillingEntityId())
	if err != nil {
		return nil, err
	}
	s, row, err := h.settings.Update(ctx, fromProto(req.Msg.GetSettings()), req.Msg.GetUpdateMask().GetPaths(), req.Msg.GetReason())
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.UpdateSettingsResponse{Settings: toProto(s, row), MissingForInvoices: s.MissingForInvoices()}), nil
}

// UploadLogo implements SettingsService.UploadLogo.
func (h *Handler) UploadLogo(ctx context.Context, req *connect.Request[adminv1.UploadLogoRequest]) (*connect.Response[adminv1.UploadLogoResponse], error) {
	ctx, err := protoconv.OnBehalfOf(ctx, req.Msg.GetBillingEntityId())
	if err != nil {
		return nil, err
	}
	s, row, err := h.settings.UploadLogo(ctx, req.Msg.GetContent(), req.Msg.GetContentType(), req.Msg.GetReason())
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.UploadLogoResponse{Settings: toProto(s, row), MissingForInvoices: s.MissingForInvoices()}), nil
}

// RemoveLogo implements SettingsService.RemoveLogo.
func (h *Handler) RemoveLogo(ctx context.Context, req *connect.Request[adminv1.RemoveLogoRequest]) (*connect.Response[adminv1.RemoveLogoResponse], error) {
	ctx, err := protoconv.OnBehalfOf(ctx, req.Msg.GetBillingEntityId())
	if err != nil {
		return nil, err
	}
	s, row, err := h.settings.RemoveLogo(ctx, req.Msg.GetReason())
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.RemoveLogoResponse{Settings: toProto(s, row), MissingForInvoices: s.MissingForInvoices()}), nil
}

// SendTestMail implements SettingsService.SendTestMail.
func (h *Handler) SendTestMail(ctx context.Context, req *connect.Request[adminv1.SendTestMailRequest]) (*connect.Response[adminv1.SendTestMailResponse], error) {
	r, err := h.settings.SendTestMail(ctx, req.Msg.GetTo())
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.SendTestMailResponse{Delivered: r.Delivered, Answer: r.Answer, Temporary: r.Temporary}), nil
}
