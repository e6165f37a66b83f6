package protoenum_test

import (
	"slices"
	"strings"
	"testing"

	adminv1 "github.com/leitstand/leitstand/gen/go/leitstand/admin/v1"
	"github.com/leitstand/leitstand/server/internal/platform/protoenum"
)

type status string

func TestByNameMapsBothWays(t *testing.T) {
	t.Parallel()
	m := protoenum.ByName[status, adminv1.OrganizationStatus]("PENDING_APPROVAL", "ACTIVE", "SUSPENDED", "CLOSED")
	if err := protoenum.Verify(m); err != nil {
		t.Fatal(err)
	}
	if m.ToProto("ACTIVE") != adminv1.OrganizationStatus_ORGANIZATION_STATUS_ACTIVE ||
		m.FromProto(adminv1.OrganizationStatus_ORGANIZATION_STATUS_CLOSED) != "CLOSED" {
		t.Error("a value did not convert")
	}
	if m.ToProto("NOPE") != 0 || m.FromProto(0) != "" || m.FromProto(99) != "" {
		t.Error("an unknown value did not become the zero value")
	}
	if got := m.FromProtos([]adminv1.OrganizationStatus{1, 2}); !slices.Equal(got, []status{"PENDING_APPROVAL", "ACTIVE"}) {
		t.Errorf("FromProtos = %v", got)
	}
}

func TestVerifyNamesWhatIsMissing(t *testing.T) {
	t.Parallel()
	m := protoenum.ByName[status, adminv1.OrganizationStatus]("ACTIVE")
	err := protoenum.Verify(m)
	if err == nil || !strings.Contains(err.Error(), "ORGANIZATION_STATUS_CLOSED") || strings.Contains(err.Error(), "_ACTIVE") {
		t.Errorf("Verify = %v", err)
	}
}

func TestAllAndNew(t *testing.T) {
	t.Parallel()
	if err := protoenum.Verify(protoenum.All[status, adminv1.Permission]()); err != nil {
		t.Error(err)
	}
	m := protoenum.New(map[int]adminv1.AuthMethod{1: adminv1.AuthMethod_AUTH_METHOD_SESSION})
	if u := m.Unmapped(); !slices.Equal(u, []string{"AUTH_METHOD_API_TOKEN"}) {
		t.Errorf("Unmapped = %v", u)
	}
}

func TestUnknownNamePanics(t *testing.T) {
	t.Parallel()
	defer func() {
		if recover() == nil {
			t.Error("no panic for a value the contract lacks")
		}
	}()
	protoenum.ByName[status, adminv1.OrganizationStatus]("NOPE")
}
