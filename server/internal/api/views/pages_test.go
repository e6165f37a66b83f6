package views

import (
	"slices"
	"testing"

	"buf.build/gen/go/bufbuild/protovalidate/protocolbuffers/go/buf/validate"
	"google.golang.org/protobuf/proto"

	adminv1 "github.com/leitstand/leitstand/gen/go/leitstand/admin/v1"
	"github.com/leitstand/leitstand/server/internal/savedview"
)

// The contract's list of pages and the service's are one list: a page
// added to one alone is refused by the other when a view of it is saved.
func TestContractKnowsTheSamePagesAsTheService(t *testing.T) {
	fd := (&adminv1.SavedViewFields{}).ProtoReflect().Descriptor().Fields().ByName("page")
	rules, _ := proto.GetExtension(fd.Options(), validate.E_Field).(*validate.FieldRules)
	contract := slices.Clone(rules.GetString().GetIn())
	service := slices.Clone(savedview.Pages)
	slices.Sort(contract)
	slices.Sort(service)
	if len(contract) == 0 || !slices.Equal(contract, service) {
		t.Errorf("SavedViewFields.page allows %v, savedview.Pages are %v", contract, service)
	}
}
