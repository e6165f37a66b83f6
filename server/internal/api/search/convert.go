package search

import (
	adminv1 "github.com/leitstand/leitstand/gen/go/leitstand/admin/v1"
	"github.com/leitstand/leitstand/server/internal/platform/protoenum"
	"github.com/leitstand/leitstand/server/internal/search"
)

// kinds converts the kinds the modules declare: each is the SearchKind
// value of its name, and a value of the contract that no module declares
// fails the enum test.
type kinds = protoenum.Map[search.Kind, adminv1.SearchKind]

func kindsOf(e *search.Engine) kinds {
	return protoenum.ByName[search.Kind, adminv1.SearchKind](e.Kinds()...)
}

func toProtoHit(k kinds, h search.Hit) *adminv1.SearchHit {
	return &adminv1.SearchHit{Kind: k.ToProto(h.Kind), Id: h.ID, Title: h.Title, Subtitle: h.Subtitle}
}
