// Package search serves SearchService: the global search over the
// searchers every area's module declares.
package search

import (
	"context"

	"connectrpc.com/connect"

	adminv1 "github.com/leitstand/leitstand/gen/go/leitstand/admin/v1"
	"github.com/leitstand/leitstand/gen/go/leitstand/admin/v1/adminv1connect"
	"github.com/leitstand/leitstand/server/internal/search"
)

// Handler implements adminv1connect.SearchServiceHandler.
type Handler struct {
	engine *search.Engine
	kinds  kinds
}

var _ adminv1connect.SearchServiceHandler = (*Handler)(nil)

// New returns the SearchService handler.
func New(e *search.Engine) *Handler { return &Handler{engine: e, kinds: kindsOf(e)} }

// Search implements SearchService.Search.
func (h *Handler) Search(ctx context.Context, req *connect.Request[adminv1.SearchRequest]) (*connect.Response[adminv1.SearchResponse], error) {
	hits, err := h.engine.Search(ctx, search.Request{
		Text: req.Msg.GetQuery(), Kinds: h.kinds.FromProtos(req.Msg.GetKinds()), Limit: int(req.Msg.GetPageSize()),
	})
	if err != nil {
		return nil, err
	}
	out := make([]*adminv1.SearchHit, len(hits))
	for i, hit := range hits {
		out[i] = toProtoHit(h.kinds, hit)
	}
	return connect.NewResponse(&adminv1.SearchResponse{Hits: out}), nil
}
