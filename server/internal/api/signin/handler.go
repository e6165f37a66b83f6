// Package signin serves AuthService: sign-in, sign-out, the caller's
// identity and API tokens.
package signin

import (
	"context"
	"time"

	"connectrpc.com/connect"
	"google.golang.org/protobuf/types/known/timestamppb"

	adminv1 "github.com/leitstand/leitstand/gen/go/leitstand/admin/v1"
	"github.com/leitstand/leitstand/gen/go/leitstand/admin/v1/adminv1connect"
	"github.com/leitstand/leitstand/server/internal/identity"
	"github.com/leitstand/leitstand/server/internal/platform/auth"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
)

// Handler implements adminv1connect.AuthServiceHandler.
type Handler struct {
	identity *identity.Service
}

var _ adminv1connect.AuthServiceHandler = (*Handler)(nil)

// New returns the AuthService handler.
func New(s *identity.Service) *Handler { return &Handler{identity: s} }

// Login implements AuthService.Login.
func (h *Handler) Login(ctx context.Context, req *connect.Request[adminv1.LoginRequest]) (*connect.Response[adminv1.LoginResponse], error) {
	in, err := h.identity.LoginWithCode(ctx, req.Msg.GetEmail(), req.Msg.GetPassword(), req.Msg.GetOneTimeCode())
	if err != nil {
		return nil, err
	}
	if in.SecondFactorRequired {
		return connect.NewResponse(&adminv1.LoginResponse{SecondFactorRequired: true}), nil
	}
	res := connect.NewResponse(&adminv1.LoginResponse{
		Caller:            toProtoCaller(in.Principal),
		SessionExpireTime: timestamppb.New(in.ExpireTime),
	})
	res.Header().Add("Set-Cookie", auth.SessionCookie(ctx, in.Secret, in.CookieMaxAge).String())
	return res, nil
}

// Logout implements AuthService.Logout.
func (h *Handler) Logout(ctx context.Context, _ *connect.Request[adminv1.LogoutRequest]) (*connect.Response[adminv1.LogoutResponse], error) {
	if err := h.identity.Logout(ctx); err != nil {
		return nil, err
	}
	res := connect.NewResponse(&adminv1.LogoutResponse{})
	res.Header().Add("Set-Cookie", auth.SessionCookie(ctx, "", 0).String())
	return res, nil
}

// GetCurrentUser implements AuthService.GetCurrentUser.
func (h *Handler) GetCurrentUser(ctx context.Context, _ *connect.Request[adminv1.GetCurrentUserRequest]) (*connect.Response[adminv1.GetCurrentUserResponse], error) {
	return connect.NewResponse(&adminv1.GetCurrentUserResponse{Caller: toProtoCaller(authz.FromContext(ctx))}), nil
}

// CreateApiToken implements AuthService.CreateApiToken.
func (h *Handler) CreateApiToken(ctx context.Context, req *connect.Request[adminv1.CreateApiTokenRequest]) (*connect.Response[adminv1.CreateApiTokenResponse], error) {
	var expire *time.Time
	if req.Msg.ExpireTime != nil {
		t := req.Msg.GetExpireTime().AsTime()
		expire = &t
	}
	tok, err := h.identity.CreateAPIToken(ctx, req.Msg.GetName(), expire)
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.CreateApiTokenResponse{ApiToken: toProtoToken(tok.Token), Secret: tok.Secret}), nil
}

// ListApiTokens implements AuthService.ListApiTokens.
func (h *Handler) ListApiTokens(ctx context.Context, req *connect.Request[adminv1.ListApiTokensRequest]) (*connect.Response[adminv1.ListApiTokensResponse], error) {
	toks, next, err := h.identity.ListAPITokens(ctx, req.Msg.GetPageSize(), req.Msg.GetPageToken(), req.Msg.GetShowInactive())
	if err != nil {
		return nil, err
	}
	out := &adminv1.ListApiTokensResponse{NextPageToken: next}
	for _, t := range toks {
		out.ApiTokens = append(out.ApiTokens, toProtoToken(t))
	}
	return connect.NewResponse(out), nil
}

// RevokeApiToken implements AuthService.RevokeApiToken.
func (h *Handler) RevokeApiToken(ctx context.Context, req *connect.Request[adminv1.RevokeApiTokenRequest]) (*connect.Response[adminv1.RevokeApiTokenResponse], error) {
	id, err := ids.Parse(ids.APIToken, "id", req.Msg.GetId())
	if err != nil {
		return nil, err
	}
	tok, err := h.identity.RevokeAPIToken(ctx, id)
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.RevokeApiTokenResponse{ApiToken: toProtoToken(tok)}), nil
}

// BeginSecondFactorEnrollment implements AuthService.BeginSecondFactorEnrollment.
func (h *Handler) BeginSecondFactorEnrollment(ctx context.Context, _ *connect.Request[adminv1.BeginSecondFactorEnrollmentRequest]) (*connect.Response[adminv1.BeginSecondFactorEnrollmentResponse], error) {
	e, err := h.identity.BeginEnrollment(ctx)
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.BeginSecondFactorEnrollmentResponse{Secret: e.Secret, Uri: e.URI, QrCodePngDataUrl: e.QRCode}), nil
}

// ConfirmSecondFactorEnrollment implements AuthService.ConfirmSecondFactorEnrollment.
func (h *Handler) ConfirmSecondFactorEnrollment(ctx context.Context, req *connect.Request[adminv1.ConfirmSecondFactorEnrollmentRequest]) (*connect.Response[adminv1.ConfirmSecondFactorEnrollmentResponse], error) {
	codes, err := h.identity.ConfirmEnrollment(ctx, req.Msg.GetCode())
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.ConfirmSecondFactorEnrollmentResponse{RecoveryCodes: codes}), nil
}

// VerifySecondFactor implements AuthService.VerifySecondFactor.
func (h *Handler) VerifySecondFactor(ctx context.Context, req *connect.Request[adminv1.VerifySecondFactorRequest]) (*connect.Response[adminv1.VerifySecondFactorResponse], error) {
	until, err := h.identity.VerifySecondFactor(ctx, req.Msg.GetCode())
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.VerifySecondFactorResponse{FreshUntil: timestamppb.New(until)}), nil
}

// DisableSecondFactor implements AuthService.DisableSecondFactor.
func (h *Handler) DisableSecondFactor(ctx context.Context, req *connect.Request[adminv1.DisableSecondFactorRequest]) (*connect.Response[adminv1.DisableSecondFactorResponse], error) {
	if err := h.identity.DisableSecondFactor(ctx, req.Msg.GetCode()); err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.DisableSecondFactorResponse{}), nil
}
