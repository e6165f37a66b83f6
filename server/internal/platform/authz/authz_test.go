package authz

import (
	"slices"
	"strings"
	"testing"

	"github.com/leitstand/leitstand/server/internal/platform/protoenum"
)

func TestRoleTable(t *testing.T) {
	t.Parallel()
	for _, p := range All() {
		if !RoleHas(RoleOwner, p) {
			t.Errorf("OWNER lacks %s: owners hold everything", p)
		}
		if RoleHas(RoleUser, p) {
			t.Errorf("USER holds %s: users have no access to the administration API", p)
		}
		if RoleHas(RoleDeveloper, p) && !strings.HasSuffix(string(p), "_READ") {
			t.Errorf("DEVELOPER holds %s: developers are read-only", p)
		}
	}
	for _, p := range []Permission{PlatformRolesManage, PermissionsManage} {
		if RoleHas(RoleOperator, p) {
			t.Errorf("OPERATOR holds %s, which only owners may", p)
		}
	}
}

func TestEffective(t *testing.T) {
	t.Parallel()
	got := Effective(RoleDeveloper, []Permission{OrganizationsWrite, OrganizationsRead, "NOT_A_PERMISSION"})
	if !slices.Contains(got, OrganizationsWrite) || slices.Contains(got, Permission("NOT_A_PERMISSION")) {
		t.Errorf("Effective = %v", got)
	}
	if n := len(got); n != len(RolePermissions(RoleDeveloper))+1 {
		t.Errorf("Effective has %d permissions, want the role's plus one", n)
	}
	if got := Effective(RoleUser, []Permission{OrganizationsWrite}); len(got) != 0 {
		t.Errorf("a USER holds %v through grants", got)
	}
}

func TestEveryRoleAndPermissionOfTheContractIsKnown(t *testing.T) {
	t.Parallel()
	if err := protoenum.Verify(Enums()...); err != nil {
		t.Error(err)
	}
}

// A reseller's owner holds what the role gives only where the entity has
// the capability: without usage reports, neither reading usage nor
// reporting it (an answer to a repeated event names what was stored).
func TestResellersHoldWhatTheirCapabilitiesAllow(t *testing.T) {
	held := ForReseller(Effective(RoleOwner, nil), []Capability{ManageCustomers, IssueInvoices})
	for _, p := range []Permission{OrganizationsWrite, "INVOICES_WRITE", "PAYMENTS_WRITE", OrganizationsRead} {
		if !slices.Contains(held, p) {
			t.Errorf("%s was dropped, though the entity may", p)
		}
	}
	for _, p := range []Permission{"USAGE_READ", "USAGE_REPORT"} {
		if slices.Contains(held, p) {
			t.Errorf("%s is held without the capability to see usage", p)
		}
	}
	none := ForReseller(Effective(RoleOwner, nil), nil)
	for _, p := range []Permission{OrganizationsWrite, "CONTRACTS_WRITE", "TIERS_CHANGE", "ACCOUNTS_WRITE", "INVOICES_WRITE"} {
		if slices.Contains(none, p) {
			t.Errorf("%s is held by a reseller with no capabilities", p)
		}
	}
}
