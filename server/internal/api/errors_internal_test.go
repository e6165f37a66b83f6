package api

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"connectrpc.com/connect"

	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/reqctx"
)

func TestErrorMapping(t *testing.T) {
	t.Parallel()
	var logs bytes.Buffer
	e := errorInterceptor{logger: slog.New(slog.NewTextHandler(&logs, nil))}
	ctx := reqctx.With(context.Background(), &reqctx.Info{RequestID: "req-1234567890"})
	tests := []struct {
		name    string
		err     error
		code    connect.Code
		message string
	}{
		{"not found", apierr.NotFound("organization", "org_x"), connect.CodeNotFound, "organization org_x not found"},
		{"precondition", apierr.FailedPrecondition("the organization is closed"), connect.CodeFailedPrecondition, "the organization is closed"},
		{"wrapped domain error", fmt.Errorf("update: %w", apierr.AlreadyExists("taken")), connect.CodeAlreadyExists, "taken"},
		{"throttled", apierr.ResourceExhausted("try again in 30s"), connect.CodeResourceExhausted, "try again in 30s"},
		{"anything else is internal and says nothing", errors.New("pq: password authentication failed for user leitstand"),
			connect.CodeInternal, "internal error (request id req-1234567890)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var ce *connect.Error
			if !errors.As(e.convert(ctx, "/x.Y/Z", tt.err), &ce) {
				t.Fatal("not a connect error")
			}
			if ce.Code() != tt.code || ce.Message() != tt.message {
				t.Errorf("got %v %q, want %v %q", ce.Code(), ce.Message(), tt.code, tt.message)
			}
		})
	}
	t.Cleanup(func() {
		if !strings.Contains(logs.String(), "password authentication failed") || !strings.Contains(logs.String(), "req-1234567890") {
			t.Errorf("the internal error's cause and request id were not logged: %s", logs.String())
		}
	})
}

func TestFieldViolationsBecomeDetails(t *testing.T) {
	t.Parallel()
	e := errorInterceptor{logger: slog.New(slog.DiscardHandler)}
	err := e.convert(context.Background(), "/x.Y/Z", apierr.Invalid("organization.billing_address.city", "required", "say which city"))
	var ce *connect.Error
	if !errors.As(err, &ce) || ce.Code() != connect.CodeInvalidArgument || len(ce.Details()) != 1 {
		t.Fatalf("got %v", err)
	}
	v, _ := ce.Details()[0].Value()
	if got := fmt.Sprint(v); !strings.Contains(got, "billing_address") || !strings.Contains(got, "say which city") {
		t.Errorf("detail = %s", got)
	}
}
