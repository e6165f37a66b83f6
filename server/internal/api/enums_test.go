package api_test

import (
	"slices"
	"testing"

	"github.com/leitstand/leitstand/server/internal/api/auditlog"
	"github.com/leitstand/leitstand/server/internal/api/infra"
	"github.com/leitstand/leitstand/server/internal/api/jobs"
	"github.com/leitstand/leitstand/server/internal/api/members"
	"github.com/leitstand/leitstand/server/internal/api/organizations"
	"github.com/leitstand/leitstand/server/internal/api/signin"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/protoenum"
)

// Every value of every enum of the contract that a handler converts has a
// domain value, and converts back to itself: a value added to the contract
// fails here until its table knows it.
func TestEveryEnumValueConvertsBothWays(t *testing.T) {
	t.Parallel()
	tables := slices.Concat(authz.Enums(), auditlog.Enums(), infra.Enums(), jobs.Enums(), members.Enums(),
		organizations.Enums(), signin.Enums())
	if err := protoenum.Verify(tables...); err != nil {
		t.Error(err)
	}
}
