// Package auditlog serves AuditService.
package auditlog

import (
	"context"

	"connectrpc.com/connect"

	adminv1 "github.com/leitstand/leitstand/gen/go/leitstand/admin/v1"
	"github.com/leitstand/leitstand/gen/go/leitstand/admin/v1/adminv1connect"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
)

// Handler implements adminv1connect.AuditServiceHandler.
type Handler struct {
	trail   *audit.Writer
	targets *Targets
}

var _ adminv1connect.AuditServiceHandler = (*Handler)(nil)

// New returns the AuditService handler; targets names the objects events
// are about.
func New(trail *audit.Writer, targets *Targets) *Handler {
	return &Handler{trail: trail, targets: targets}
}

// ListAuditEvents implements AuditService.ListAuditEvents.
func (h *Handler) ListAuditEvents(ctx context.Context, req *connect.Request[adminv1.ListAuditEventsRequest]) (*connect.Response[adminv1.ListAuditEventsResponse], error) {
	pf := req.Msg.GetFilter()
	actor, err := ids.ParseOptional(ids.User, "filter.actor_id", pf.GetActorId())
	if err != nil {
		return nil, err
	}
	f := audit.Filter{ActorID: actor, SystemOnly: pf.GetSystemOnly(), TargetType: pf.GetTargetType(), TargetID: pf.GetTargetId(), Action: pf.GetAction()}
	if pf.GetStartTime() != nil {
		f.Start = pf.GetStartTime().AsTime()
	}
	if pf.GetEndTime() != nil {
		f.End = pf.GetEndTime().AsTime()
	}
	f.Outcome = outcomes.FromProto(pf.GetOutcome())
	events, next, err := h.trail.List(ctx, f, req.Msg.GetPageSize(), req.Msg.GetPageToken())
	if err != nil {
		return nil, err
	}
	named, err := h.named(ctx, events)
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.ListAuditEventsResponse{AuditEvents: named, NextPageToken: next}), nil
}

// GetAuditEvent implements AuditService.GetAuditEvent.
func (h *Handler) GetAuditEvent(ctx context.Context, req *connect.Request[adminv1.GetAuditEventRequest]) (*connect.Response[adminv1.GetAuditEventResponse], error) {
	id, err := ids.Parse(ids.AuditEvent, "id", req.Msg.GetId())
	if err != nil {
		return nil, err
	}
	e, err := h.trail.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	named, err := h.named(ctx, []audit.Entry{e})
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.GetAuditEventResponse{AuditEvent: named[0]}), nil
}

// named converts events with their targets' current names.
func (h *Handler) named(ctx context.Context, events []audit.Entry) ([]*adminv1.AuditEvent, error) {
	names, err := h.targets.Names(ctx, events)
	if err != nil {
		return nil, err
	}
	out := make([]*adminv1.AuditEvent, len(events))
	for i, e := range events {
		out[i] = ToProto(e)
		out[i].TargetName = names[e.TargetID]
	}
	return out, nil
}
