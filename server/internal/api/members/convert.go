package members

import (
	"google.golang.org/protobuf/types/known/timestamppb"

	adminv1 "github.com/leitstand/leitstand/gen/go/leitstand/admin/v1"
	"github.com/leitstand/leitstand/server/internal/api/organizations"
	"github.com/leitstand/leitstand/server/internal/member"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/platform/protoenum"
)

// disabled is the filter on whether a user is disabled: nil for all.
var disabled = protoenum.New(map[bool]adminv1.DisabledFilter{
	false: adminv1.DisabledFilter_DISABLED_FILTER_ENABLED_ONLY,
	true:  adminv1.DisabledFilter_DISABLED_FILTER_DISABLED_ONLY,
})

// Enums are the conversion tables of this package.
func Enums() []protoenum.Table { return []protoenum.Table{disabled} }

func disabledFromProto(f adminv1.DisabledFilter) *bool {
	d, ok := disabled.Lookup(f)
	if !ok {
		return nil
	}
	return &d
}

func toProtoMember(m member.Member) *adminv1.Member {
	out := &adminv1.Member{
		Id: ids.Format(ids.User, m.ID), Email: m.Email, DisplayName: m.DisplayName,
		PlatformRole: authz.RoleToProto(authz.Role(m.PlatformRole)), ExtraPermissions: authz.PermissionsToProto(m.Extra),
		Disabled: m.Disabled, OrganizationCount: int32(m.OrganizationCount), CreateTime: timestamppb.New(m.CreateTime),
	}
	if m.LastLoginTime != nil {
		out.LastLoginTime = timestamppb.New(*m.LastLoginTime)
	}
	return out
}

func toProtoMembership(m member.Membership) *adminv1.MemberOrganization {
	return &adminv1.MemberOrganization{
		OrganizationId: ids.Format(ids.Organization, m.OrganizationID), OrganizationName: m.OrganizationName,
		Role: organizations.RoleToProto(m.Role),
	}
}

func toProtoGrant(g member.Grant) *adminv1.PermissionGrant {
	return &adminv1.PermissionGrant{
		Permission:  authz.PermissionToProto(g.Permission),
		GrantedById: ids.FormatPtr(ids.User, g.GrantedByID), Reason: g.Reason, CreateTime: timestamppb.New(g.CreateTime),
	}
}
