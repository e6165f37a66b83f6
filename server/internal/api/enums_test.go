package api_test

import (
	"testing"

	"github.com/leitstand/leitstand/server/internal/apptest"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/protoenum"
	"github.com/leitstand/leitstand/server/internal/platform/testdb"
)

// Every value of every enum of the contract that a handler converts has a
// domain value, and converts back to itself: a value added to the contract
// fails here until its table knows it.
func TestEveryEnumValueConvertsBothWays(t *testing.T) {
	env := apptest.New(t, testdb.SQLite)
	tables := authz.Enums()
	for _, m := range env.Modules {
		tables = append(tables, m.Enums...)
	}
	if len(tables) < 8 {
		t.Fatalf("only %d enum tables declared", len(tables))
	}
	if err := protoenum.Verify(tables...); err != nil {
		t.Error(err)
	}
}
