package api

import (
	"context"
	"errors"
	"log/slog"
	"strings"

	"buf.build/gen/go/bufbuild/protovalidate/protocolbuffers/go/buf/validate"
	"connectrpc.com/connect"
	"google.golang.org/protobuf/proto"

	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/dberr"
	"github.com/leitstand/leitstand/server/internal/platform/reqctx"
)

// errorInterceptor maps domain errors to Connect codes in one place. Field
// violations travel as buf.validate.Violations details — the same shape
// protovalidate uses — so a client marks fields the same way for both.
// Anything unexpected becomes Internal with a generic message; the cause is
// logged with the request id, never sent.
type errorInterceptor struct{ logger *slog.Logger }

var kindCodes = map[apierr.Kind]connect.Code{
	apierr.KindInvalidArgument:    connect.CodeInvalidArgument,
	apierr.KindNotFound:           connect.CodeNotFound,
	apierr.KindAlreadyExists:      connect.CodeAlreadyExists,
	apierr.KindFailedPrecondition: connect.CodeFailedPrecondition,
	apierr.KindPermissionDenied:   connect.CodePermissionDenied,
	apierr.KindUnauthenticated:    connect.CodeUnauthenticated,
	apierr.KindResourceExhausted:  connect.CodeResourceExhausted,
}

func (e errorInterceptor) convert(ctx context.Context, procedure string, err error) error {
	if err == nil {
		return nil
	}
	var ce *connect.Error
	if errors.As(err, &ce) {
		if len(ce.Message()) <= maxEcho {
			return err
		}
		out := connect.NewError(ce.Code(), errors.New(excerpt(ce.Message())))
		for _, d := range ce.Details() {
			out.AddDetail(d)
		}
		return out
	}
	var sf *authz.SecondFactorError
	if errors.As(err, &sf) {
		return authz.SecondFactorConnectError(sf)
	}
	de, ok := apierr.As(err)
	if !ok {
		de, ok = dberr.Translate(err)
	}
	if ok {
		out := connect.NewError(kindCodes[de.Kind], errors.New(excerpt(de.Message)))
		if len(de.Fields) > 0 {
			if detail, derr := connect.NewErrorDetail(violations(de.Fields)); derr == nil {
				out.AddDetail(detail)
			}
		}
		return out
	}
	switch {
	case errors.Is(err, context.Canceled):
		return connect.NewError(connect.CodeCanceled, errors.New("the request was canceled"))
	case errors.Is(err, context.DeadlineExceeded):
		return connect.NewError(connect.CodeDeadlineExceeded, errors.New("the request took too long"))
	}
	id := reqctx.From(ctx).RequestID
	e.logger.ErrorContext(ctx, "internal error", "procedure", procedure, "request_id", id, "err", err)
	return connect.NewError(connect.CodeInternal, errors.New("internal error (request id "+id+")"))
}

func violations(fs []apierr.FieldViolation) *validate.Violations {
	v := &validate.Violations{}
	for _, f := range fs {
		path := &validate.FieldPath{}
		for _, name := range strings.Split(f.Field, ".") {
			path.Elements = append(path.Elements, &validate.FieldPathElement{FieldName: proto.String(name)})
		}
		v.Violations = append(v.Violations, &validate.Violation{Field: path, RuleId: proto.String(f.Rule), Message: proto.String(excerpt(f.Message))})
	}
	return v
}

func (e errorInterceptor) WrapUnary(next connect.UnaryFunc) connect.UnaryFunc {
	return func(ctx context.Context, req connect.AnyRequest) (connect.AnyResponse, error) {
		res, err := next(ctx, req)
		return res, e.convert(ctx, req.Spec().Procedure, err)
	}
}

func (e errorInterceptor) WrapStreamingClient(next connect.StreamingClientFunc) connect.StreamingClientFunc {
	return next
}

func (e errorInterceptor) WrapStreamingHandler(next connect.StreamingHandlerFunc) connect.StreamingHandlerFunc {
	return func(ctx context.Context, conn connect.StreamingHandlerConn) error {
		return e.convert(ctx, conn.Spec().Procedure, next(ctx, conn))
	}
}

// procedureInterceptor records the procedure in the request's info, where the
// audit trail finds it as the action.
type procedureInterceptor struct{}

func (procedureInterceptor) WrapUnary(next connect.UnaryFunc) connect.UnaryFunc {
	return func(ctx context.Context, req connect.AnyRequest) (connect.AnyResponse, error) {
		reqctx.From(ctx).Procedure = req.Spec().Procedure
		return next(ctx, req)
	}
}

func (procedureInterceptor) WrapStreamingClient(next connect.StreamingClientFunc) connect.StreamingClientFunc {
	return next
}

func (procedureInterceptor) WrapStreamingHandler(next connect.StreamingHandlerFunc) connect.StreamingHandlerFunc {
	return func(ctx context.Context, conn connect.StreamingHandlerConn) error {
		reqctx.From(ctx).Procedure = conn.Spec().Procedure
		return next(ctx, conn)
	}
}
