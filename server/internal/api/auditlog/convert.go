package auditlog

import (
	"google.golang.org/protobuf/types/known/timestamppb"

	adminv1 "github.com/leitstand/leitstand/gen/go/leitstand/admin/v1"
	"github.com/leitstand/leitstand/server/ent"
	"github.com/leitstand/leitstand/server/ent/auditevent"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
)

// ToProto converts an audit event; the members handler shows recent
// activity with it too.
func ToProto(e *ent.AuditEvent) *adminv1.AuditEvent {
	out := adminv1.AuditOutcome_AUDIT_OUTCOME_SUCCEEDED
	if e.Outcome == auditevent.OutcomeDENIED {
		out = adminv1.AuditOutcome_AUDIT_OUTCOME_DENIED
	}
	return &adminv1.AuditEvent{
		Id: ids.Format(ids.AuditEvent, e.ID), Sequence: e.Sequence, OccurTime: timestamppb.New(e.OccurTime),
		ActorId: ids.FormatPtr(ids.User, e.ActorID), ActorEmail: e.ActorEmail,
		ActorRole: authz.RoleToProto(authz.Role(e.ActorRole)), Action: e.Action,
		TargetType: e.TargetType, TargetId: e.TargetID, Reason: e.Reason,
		BeforeJson: e.Before, AfterJson: e.After, RequestId: e.RequestID, Outcome: out,
	}
}
