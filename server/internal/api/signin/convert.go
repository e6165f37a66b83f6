package signin

import (
	"google.golang.org/protobuf/types/known/timestamppb"

	adminv1 "github.com/leitstand/leitstand/gen/go/leitstand/admin/v1"
	"github.com/leitstand/leitstand/server/internal/api/protoconv"
	"github.com/leitstand/leitstand/server/internal/identity"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/platform/protoenum"
)

// methods are how a caller signed in; the system and anonymous callers
// have no method the API names.
var methods = protoenum.New(map[authz.Method]adminv1.AuthMethod{
	authz.MethodSession:  adminv1.AuthMethod_AUTH_METHOD_SESSION,
	authz.MethodAPIToken: adminv1.AuthMethod_AUTH_METHOD_API_TOKEN,
})

// Enums are the conversion tables of this package.
func Enums() []protoenum.Table { return []protoenum.Table{methods} }

func toProtoCaller(p *authz.Principal) *adminv1.Caller {
	c := &adminv1.Caller{
		UserId: ids.Format(ids.User, p.UserID), Email: p.Email, DisplayName: p.DisplayName,
		PlatformRole: authz.RoleToProto(p.Role), Permissions: authz.PermissionsToProto(p.Permissions), AuthMethod: methods.ToProto(p.Method),
		SecondFactorEnrolled: p.SecondFactorEnrolled, SecondFactorEnrollmentRequired: p.MustEnrollSecondFactor,
		BillingEntityId: ids.FormatPtr(ids.BillingEntity, p.BillingEntityID),
	}
	if p.SecondFactorFresh {
		c.SecondFactorFreshUntil = timestamppb.New(p.SecondFactorFreshUntil)
	}
	return c
}

func toProtoToken(t *identity.APIToken) *adminv1.ApiToken {
	return &adminv1.ApiToken{
		Id: ids.Format(ids.APIToken, t.ID), Name: t.Name, Prefix: t.Prefix,
		CreateTime: timestamppb.New(t.CreateTime), ExpireTime: protoconv.Time(t.ExpireTime),
		LastUseTime: protoconv.Time(t.LastUseTime), RevokeTime: protoconv.Time(t.RevokeTime),
	}
}
