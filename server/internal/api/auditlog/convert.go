package auditlog

import (
	"google.golang.org/protobuf/types/known/timestamppb"

	adminv1 "github.com/leitstand/leitstand/gen/go/leitstand/admin/v1"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/platform/protoenum"
)

var outcomes = protoenum.ByName[audit.Outcome, adminv1.AuditOutcome](audit.Succeeded, audit.Denied)

// Enums are the conversion tables of this package.
func Enums() []protoenum.Table { return []protoenum.Table{outcomes} }

// ToProto converts an audit event; the members handler shows recent
// activity with it too.
func ToProto(e audit.Entry) *adminv1.AuditEvent {
	return &adminv1.AuditEvent{
		Id: ids.Format(ids.AuditEvent, e.ID), Sequence: e.Sequence, OccurTime: timestamppb.New(e.OccurTime),
		ActorId: ids.FormatPtr(ids.User, e.ActorID), ActorEmail: e.ActorEmail,
		ActorRole: authz.RoleToProto(authz.Role(e.ActorRole)), Action: e.Action,
		TargetType: e.TargetType, TargetId: e.TargetID, Reason: e.Reason,
		BeforeJson: e.Before, AfterJson: e.After, RequestId: e.RequestID, Outcome: outcomes.ToProto(e.Outcome),
	}
}
