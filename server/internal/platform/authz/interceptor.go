package authz

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync"

	"connectrpc.com/connect"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/reflect/protoregistry"

	adminv1 "github.com/leitstand/leitstand/gen/go/leitstand/admin/v1"
	"github.com/leitstand/leitstand/gen/go/leitstand/admin/v1/adminv1connect"
)

// DenialRecorder writes a refused attempt to the audit trail.
type DenialRecorder interface {
	RecordDenied(ctx context.Context, procedure, reason string)
}

// Interceptor enforces the access rule each RPC declares in its proto
// options. Deny by default: a procedure that declares no rule is refused to
// everyone. The principal must already be in the context (the HTTP
// authentication middleware puts it there), which also covers streams.
type Interceptor struct {
	denials DenialRecorder
	rules   sync.Map // procedure -> *adminv1.Access (nil when none declared)
}

// NewInterceptor returns the authorization interceptor.
func NewInterceptor(denials DenialRecorder) *Interceptor {
	return &Interceptor{denials: denials}
}

// Check decides whether the caller in ctx may call the procedure described
// by spec; nil means yes.
func (i *Interceptor) Check(ctx context.Context, spec connect.Spec) error {
	rule := i.rule(spec)
	caller := FromContext(ctx)
	switch {
	case rule == nil:
		return connect.NewError(connect.CodePermissionDenied, errors.New("this procedure declares no access rule"))
	case rule.GetPublic():
		return nil
	case caller == nil:
		// Audited too, by client address: the audit writer summarises a
		// caller's repeated refusals rather than writing each.
		if i.denials != nil {
			i.denials.RecordDenied(ctx, spec.Procedure, "not signed in")
		}
		return connect.NewError(connect.CodeUnauthenticated, errors.New("sign in first"))
	case caller.MustEnrollSecondFactor && caller.Method == MethodSession && !enrollmentProcedures[spec.Procedure]:
		return SecondFactorConnectError(&SecondFactorError{Enrollment: true})
	case rule.GetSignedIn():
		return nil
	case rule.GetStaff():
		if !caller.Customer() {
			return nil
		}
		msg := "this belongs to the administration panel of staff; customers' users work in the customer portal"
		if i.denials != nil {
			i.denials.RecordDenied(ctx, spec.Procedure, msg)
		}
		return connect.NewError(connect.CodePermissionDenied, errors.New(msg))
	case rule.GetCustomer():
		if caller.Customer() {
			return nil
		}
		msg := "the portal API serves customers' users; staff work in the administration API"
		if i.denials != nil {
			i.denials.RecordDenied(ctx, spec.Procedure, msg)
		}
		return connect.NewError(connect.CodePermissionDenied, errors.New(msg))
	}
	perm := PermissionFromProto(rule.GetPermission())
	if caller.Has(perm) {
		if rule.GetFreshSecondFactor() {
			if err := RequireFreshSecondFactor(ctx); err != nil {
				return SecondFactorConnectError(err.(*SecondFactorError))
			}
		}
		return nil
	}
	msg := "your role does not allow this (it needs the permission " + string(perm) + ")"
	if i.denials != nil {
		i.denials.RecordDenied(ctx, spec.Procedure, msg)
	}
	return connect.NewError(connect.CodePermissionDenied, errors.New(msg))
}

// enrollmentProcedures are what a session that must enrol a second factor
// may call: who am I, sign out, and the enrolment itself.
var enrollmentProcedures = map[string]bool{
	adminv1connect.AuthServiceGetCurrentUserProcedure:                true,
	adminv1connect.AuthServiceLogoutProcedure:                        true,
	adminv1connect.AuthServiceBeginSecondFactorEnrollmentProcedure:   true,
	adminv1connect.AuthServiceConfirmSecondFactorEnrollmentProcedure: true,
}

// SecondFactorConnectError is e as the API answers it: failed_precondition
// with a SecondFactorRequired detail a client acts on.
func SecondFactorConnectError(e *SecondFactorError) *connect.Error {
	out := connect.NewError(connect.CodeFailedPrecondition, e)
	if d, err := connect.NewErrorDetail(&adminv1.SecondFactorRequired{EnrollmentRequired: e.Enrollment}); err == nil {
		out.AddDetail(d)
	}
	return out
}

func (i *Interceptor) rule(spec connect.Spec) *adminv1.Access {
	if r, ok := i.rules.Load(spec.Procedure); ok {
		return r.(*adminv1.Access)
	}
	var rule *adminv1.Access
	if md, ok := spec.Schema.(protoreflect.MethodDescriptor); ok {
		rule = AccessOf(md)
	}
	i.rules.Store(spec.Procedure, rule)
	return rule
}

// WrapUnary implements connect.Interceptor.
func (i *Interceptor) WrapUnary(next connect.UnaryFunc) connect.UnaryFunc {
	return func(ctx context.Context, req connect.AnyRequest) (connect.AnyResponse, error) {
		if err := i.Check(ctx, req.Spec()); err != nil {
			return nil, err
		}
		return next(ctx, req)
	}
}

// Probes records in the audit trail a scoped caller's call that found
// nothing: a reseller's staff or a customer naming an id that is not
// theirs finds not_found, as if it did not exist, and the attempt is kept
// as a refusal is (through the same summarising limit), because another
// tenant's ids are probed this way. It wraps the error mapping, so it sees
// the code the caller sees.
func Probes(denials DenialRecorder) connect.Interceptor {
	return connect.UnaryInterceptorFunc(func(next connect.UnaryFunc) connect.UnaryFunc {
		return func(ctx context.Context, req connect.AnyRequest) (connect.AnyResponse, error) {
			resp, err := next(ctx, req)
			if p := FromContext(ctx); err != nil && p != nil && p.Scoped() && denials != nil &&
				connect.CodeOf(err) == connect.CodeNotFound {
				denials.RecordDenied(ctx, req.Spec().Procedure, "not found in the caller's scope: "+errorMessage(err))
			}
			return resp, err
		}
	})
}

func errorMessage(err error) string {
	var ce *connect.Error
	if errors.As(err, &ce) {
		return ce.Message()
	}
	return err.Error()
}

// WrapStreamingClient implements connect.Interceptor; clients are not checked.
func (i *Interceptor) WrapStreamingClient(next connect.StreamingClientFunc) connect.StreamingClientFunc {
	return next
}

// WrapStreamingHandler implements connect.Interceptor.
func (i *Interceptor) WrapStreamingHandler(next connect.StreamingHandlerFunc) connect.StreamingHandlerFunc {
	return func(ctx context.Context, conn connect.StreamingHandlerConn) error {
		if err := i.Check(ctx, conn.Spec()); err != nil {
			return err
		}
		return next(ctx, conn)
	}
}

// Gate refuses a call before its body is read: an anonymous caller of a
// procedure that needs a sign-in gets unauthenticated, a caller without
// the permission permission_denied (audited), in the protocol the client
// spoke (Connect, gRPC or gRPC-Web). So a refused caller never makes the
// server read, decompress or validate its message, and never learns
// which of its fields would have been wrong. The interceptor still checks
// every call that passes, streams included.
func (i *Interceptor) Gate(next http.Handler) http.Handler {
	errw := connect.NewErrorWriter()
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if md := methodOf(r.URL.Path); md != nil && errw.IsSupported(r) {
			if err := i.Check(r.Context(), connect.Spec{Procedure: r.URL.Path, Schema: md}); err != nil {
				_ = errw.Write(w, r, err)
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}

// methodOf finds the RPC a path like /leitstand.admin.v1.AuthService/Login
// names, among the compiled-in descriptors; nil if it names none.
func methodOf(path string) protoreflect.MethodDescriptor {
	service, method, ok := strings.Cut(strings.TrimPrefix(path, "/"), "/")
	if !ok || method == "" || strings.Contains(method, "/") {
		return nil
	}
	d, err := protoregistry.GlobalFiles.FindDescriptorByName(protoreflect.FullName(service))
	if err != nil {
		return nil
	}
	sd, ok := d.(protoreflect.ServiceDescriptor)
	if !ok {
		return nil
	}
	return sd.Methods().ByName(protoreflect.Name(method))
}
