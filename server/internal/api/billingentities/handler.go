// Package billingentities serves BillingEntityService: the licensee and the
// resellers, their capabilities, suspension and staff.
package billingentities

import (
	"context"

	"connectrpc.com/connect"
	"github.com/google/uuid"

	adminv1 "github.com/leitstand/leitstand/gen/go/leitstand/admin/v1"
	"github.com/leitstand/leitstand/gen/go/leitstand/admin/v1/adminv1connect"
	"github.com/leitstand/leitstand/server/internal/api/protoconv"
	"github.com/leitstand/leitstand/server/internal/billingentity"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/platform/protoenum"
)

// Handler implements BillingEntityService.
type Handler struct{ s *billingentity.Service }

var _ adminv1connect.BillingEntityServiceHandler = (*Handler)(nil)

var (
	kinds    = protoenum.ByName[string, adminv1.BillingEntityKind](billingentity.KindLicensee, billingentity.KindReseller)
	statuses = protoenum.ByName[string, adminv1.BillingEntityStatus](billingentity.StatusActive, billingentity.StatusSuspended)
)

// Enums are this package's conversion tables.
func Enums() []protoenum.Table { return []protoenum.Table{kinds, statuses} }

func toProto(b *billingentity.BillingEntity) *adminv1.BillingEntity {
	return &adminv1.BillingEntity{
		Id: ids.Format(ids.BillingEntity, b.ID), Name: b.Name, Kind: kinds.ToProto(b.Kind), Status: statuses.ToProto(b.Status),
		SuspendReason: b.SuspendReason, SignupHandle: b.SignupHandle, AcceptSignups: b.AcceptSignups,
		AutoApproveSignups: b.AutoApproveSignups, Capabilities: authz.CapabilitiesToProto(b.Capabilities),
		OrganizationCount: int32(b.OrganizationCount), PendingSignupCount: int32(b.PendingSignupCount),
		StaffCount: int32(b.StaffCount), CreateTime: protoconv.Time(&b.CreateTime), UpdateTime: protoconv.Time(&b.UpdateTime),
	}
}

func valuesOf(b *adminv1.BillingEntity) billingentity.Values {
	return billingentity.Values{Name: b.GetName(), SignupHandle: b.GetSignupHandle(), AcceptSignups: b.GetAcceptSignups(),
		AutoApproveSignups: b.GetAutoApproveSignups(), Capabilities: authz.CapabilitiesFromProto(b.GetCapabilities())}
}

func staffOf(s billingentity.Staff) *adminv1.BillingEntityStaff {
	return &adminv1.BillingEntityStaff{UserId: ids.Format(ids.User, s.UserID), Email: s.Email, DisplayName: s.DisplayName,
		PlatformRole: authz.RoleToProto(s.Role), Disabled: s.Disabled}
}

// ListBillingEntities implements BillingEntityService.ListBillingEntities.
func (h *Handler) ListBillingEntities(ctx context.Context, req *connect.Request[adminv1.ListBillingEntitiesRequest]) (*connect.Response[adminv1.ListBillingEntitiesResponse], error) {
	list, err := h.s.List(ctx, billingentity.Filter{Kind: kinds.FromProto(req.Msg.GetKind()), Status: statuses.FromProto(req.Msg.GetStatus())})
	if err != nil {
		return nil, err
	}
	out := &adminv1.ListBillingEntitiesResponse{}
	for i := range list {
		out.BillingEntities = append(out.BillingEntities, toProto(&list[i]))
	}
	return connect.NewResponse(out), nil
}

// GetBillingEntity implements BillingEntityService.GetBillingEntity.
func (h *Handler) GetBillingEntity(ctx context.Context, req *connect.Request[adminv1.GetBillingEntityRequest]) (*connect.Response[adminv1.GetBillingEntityResponse], error) {
	id, err := ids.Parse(ids.BillingEntity, "id", req.Msg.GetId())
	if err != nil {
		return nil, err
	}
	b, staff, err := h.s.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	out := &adminv1.GetBillingEntityResponse{BillingEntity: toProto(b)}
	for _, s := range staff {
		out.Staff = append(out.Staff, staffOf(s))
	}
	return connect.NewResponse(out), nil
}

// CreateBillingEntity implements BillingEntityService.CreateBillingEntity.
func (h *Handler) CreateBillingEntity(ctx context.Context, req *connect.Request[adminv1.CreateBillingEntityRequest]) (*connect.Response[adminv1.CreateBillingEntityResponse], error) {
	b, err := h.s.Create(ctx, valuesOf(req.Msg.GetBillingEntity()), req.Msg.GetReason())
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.CreateBillingEntityResponse{BillingEntity: toProto(b)}), nil
}

// UpdateBillingEntity implements BillingEntityService.UpdateBillingEntity.
func (h *Handler) UpdateBillingEntity(ctx context.Context, req *connect.Request[adminv1.UpdateBillingEntityRequest]) (*connect.Response[adminv1.UpdateBillingEntityResponse], error) {
	id, err := ids.Parse(ids.BillingEntity, "billing_entity.id", req.Msg.GetBillingEntity().GetId())
	if err != nil {
		return nil, err
	}
	b, err := h.s.Update(ctx, id, valuesOf(req.Msg.GetBillingEntity()), req.Msg.GetUpdateMask().GetPaths(), req.Msg.GetReason())
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.UpdateBillingEntityResponse{BillingEntity: toProto(b)}), nil
}

// SuspendBillingEntity implements BillingEntityService.SuspendBillingEntity.
func (h *Handler) SuspendBillingEntity(ctx context.Context, req *connect.Request[adminv1.SuspendBillingEntityRequest]) (*connect.Response[adminv1.SuspendBillingEntityResponse], error) {
	id, err := ids.Parse(ids.BillingEntity, "id", req.Msg.GetId())
	if err != nil {
		return nil, err
	}
	b, err := h.s.Suspend(ctx, id, req.Msg.GetReason())
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.SuspendBillingEntityResponse{BillingEntity: toProto(b)}), nil
}

// ResumeBillingEntity implements BillingEntityService.ResumeBillingEntity.
func (h *Handler) ResumeBillingEntity(ctx context.Context, req *connect.Request[adminv1.ResumeBillingEntityRequest]) (*connect.Response[adminv1.ResumeBillingEntityResponse], error) {
	id, err := ids.Parse(ids.BillingEntity, "id", req.Msg.GetId())
	if err != nil {
		return nil, err
	}
	b, err := h.s.Resume(ctx, id, req.Msg.GetReason())
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.ResumeBillingEntityResponse{BillingEntity: toProto(b)}), nil
}

// AddBillingEntityStaff implements BillingEntityService.AddBillingEntityStaff.
func (h *Handler) AddBillingEntityStaff(ctx context.Context, req *connect.Request[adminv1.AddBillingEntityStaffRequest]) (*connect.Response[adminv1.AddBillingEntityStaffResponse], error) {
	id, err := ids.Parse(ids.BillingEntity, "billing_entity_id", req.Msg.GetBillingEntityId())
	if err != nil {
		return nil, err
	}
	st, password, err := h.s.AddStaff(ctx, id, req.Msg.GetEmail(), req.Msg.GetDisplayName(), authz.RoleFromProto(req.Msg.GetPlatformRole()), req.Msg.GetReason())
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.AddBillingEntityStaffResponse{Staff: staffOf(*st), InitialPassword: password}), nil
}

// GetWholesaleReport implements BillingEntityService.GetWholesaleReport.
func (h *Handler) GetWholesaleReport(ctx context.Context, req *connect.Request[adminv1.GetWholesaleReportRequest]) (*connect.Response[adminv1.GetWholesaleReportResponse], error) {
	m := req.Msg
	be, err := ids.ParseOptional(ids.BillingEntity, "billing_entity_id", m.GetBillingEntityId())
	if err != nil {
		return nil, err
	}
	var entity uuid.UUID
	if be != nil {
		entity = *be
	}
	r, err := h.s.Wholesale(ctx, entity, m.GetFirstMonth(), m.GetLastMonth())
	if err != nil {
		return nil, err
	}
	out := &adminv1.GetWholesaleReportResponse{PeriodStart: r.Period.Start.String(), PeriodEnd: r.Period.End.String(), Currency: r.Currency}
	for _, t := range r.Totals {
		out.Totals = append(out.Totals, &adminv1.WholesaleTotal{BillingEntityId: ids.Format(ids.BillingEntity, t.BillingEntity),
			BillingEntityName: t.Name, WholesaleCents: t.WholesaleCents, ResaleCents: t.ResaleCents})
	}
	for _, w := range r.Rows {
		out.Rows = append(out.Rows, &adminv1.WholesaleRow{BillingEntityId: ids.Format(ids.BillingEntity, w.BillingEntity),
			OrganizationId: ids.Format(ids.Organization, w.Organization), OrganizationName: w.OrganizationName,
			CatalogItemId: ids.Format(ids.CatalogItem, w.Item), CatalogItemName: w.ItemName, Services: int32(w.Services),
			WholesaleCents: w.WholesaleCents, ResaleCents: w.ResaleCents})
	}
	return connect.NewResponse(out), nil
}
