package payments

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"

	"connectrpc.com/connect"
	"google.golang.org/protobuf/types/known/timestamppb"

	adminv1 "github.com/leitstand/leitstand/gen/go/leitstand/admin/v1"
	"github.com/leitstand/leitstand/server/internal/api/protoconv"
	"github.com/leitstand/leitstand/server/internal/billing/provider"
	"github.com/leitstand/leitstand/server/internal/billing/stripepay"
	"github.com/leitstand/leitstand/server/internal/payment"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/platform/protoenum"
)

var (
	providers     = protoenum.ByName[provider.Name, adminv1.PaymentProvider](payment.Providers()...)
	eventStatuses = protoenum.ByName[string, adminv1.ProviderEventStatus](payment.EventReceived, payment.EventProcessed,
		payment.EventIgnored, payment.EventFlagged, payment.EventFailed)
)

// RequestProviderPayment implements PaymentService.RequestProviderPayment.
func (h *Handler) RequestProviderPayment(ctx context.Context, req *connect.Request[adminv1.RequestProviderPaymentRequest]) (*connect.Response[adminv1.RequestProviderPaymentResponse], error) {
	inv, err := ids.Parse(ids.Invoice, "invoice_id", req.Msg.GetInvoiceId())
	if err != nil {
		return nil, err
	}
	p, err := h.payments.RequestPayment(ctx, inv, providers.FromProto(req.Msg.GetProvider()))
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.RequestProviderPaymentResponse{Payment: toProto(*p)}), nil
}

// ListProviderEvents implements PaymentService.ListProviderEvents.
func (h *Handler) ListProviderEvents(ctx context.Context, req *connect.Request[adminv1.ListProviderEventsRequest]) (*connect.Response[adminv1.ListProviderEventsResponse], error) {
	f := payment.EventFilter{Statuses: eventStatuses.FromProtos(req.Msg.GetStatuses()), PageSize: req.Msg.GetPageSize(),
		PageToken: req.Msg.GetPageToken()}
	if req.Msg.GetPaymentId() != "" {
		id, err := ids.Parse(ids.Payment, "payment_id", req.Msg.GetPaymentId())
		if err != nil {
			return nil, err
		}
		f.Payment = &id
	}
	list, next, err := h.payments.Events(ctx, f)
	if err != nil {
		return nil, err
	}
	out := &adminv1.ListProviderEventsResponse{NextPageToken: next}
	for _, e := range list {
		out.Events = append(out.Events, toProtoEvent(e))
	}
	return connect.NewResponse(out), nil
}

// ReplayProviderEvent implements PaymentService.ReplayProviderEvent.
func (h *Handler) ReplayProviderEvent(ctx context.Context, req *connect.Request[adminv1.ReplayProviderEventRequest]) (*connect.Response[adminv1.ReplayProviderEventResponse], error) {
	id, err := ids.Parse(ids.ProviderEvent, "id", req.Msg.GetId())
	if err != nil {
		return nil, err
	}
	e, err := h.payments.Replay(ctx, id, req.Msg.GetReason())
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.ReplayProviderEventResponse{Event: toProtoEvent(*e)}), nil
}

// ListPaymentAccounts implements PaymentService.ListPaymentAccounts.
func (h *Handler) ListPaymentAccounts(ctx context.Context, req *connect.Request[adminv1.ListPaymentAccountsRequest]) (*connect.Response[adminv1.ListPaymentAccountsResponse], error) {
	ctx, err := protoconv.OnBehalfOf(ctx, req.Msg.GetBillingEntityId())
	if err != nil {
		return nil, err
	}
	list, err := h.payments.Accounts(ctx)
	if err != nil {
		return nil, err
	}
	out := &adminv1.ListPaymentAccountsResponse{}
	for _, a := range list {
		out.Accounts = append(out.Accounts, toProtoAccount(a))
	}
	return connect.NewResponse(out), nil
}

// SetPaymentAccount implements PaymentService.SetPaymentAccount.
func (h *Handler) SetPaymentAccount(ctx context.Context, req *connect.Request[adminv1.SetPaymentAccountRequest]) (*connect.Response[adminv1.SetPaymentAccountResponse], error) {
	ctx, err := protoconv.OnBehalfOf(ctx, req.Msg.GetBillingEntityId())
	if err != nil {
		return nil, err
	}
	a, err := h.payments.SetAccount(ctx, providers.FromProto(req.Msg.GetProvider()), req.Msg.GetApiKey(), req.Msg.GetWebhookSecret())
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.SetPaymentAccountResponse{Account: toProtoAccount(*a)}), nil
}

// TestPaymentAccount implements PaymentService.TestPaymentAccount.
func (h *Handler) TestPaymentAccount(ctx context.Context, req *connect.Request[adminv1.TestPaymentAccountRequest]) (*connect.Response[adminv1.TestPaymentAccountResponse], error) {
	ctx, err := protoconv.OnBehalfOf(ctx, req.Msg.GetBillingEntityId())
	if err != nil {
		return nil, err
	}
	err = h.payments.TestAccount(ctx, providers.FromProto(req.Msg.GetProvider()))
	if err != nil && isRefusal(err) {
		return nil, err
	}
	out := &adminv1.TestPaymentAccountResponse{Ok: err == nil}
	if err != nil {
		out.Message = err.Error()
	}
	return connect.NewResponse(out), nil
}

func toProtoEvent(e payment.Event) *adminv1.ProviderEvent {
	out := &adminv1.ProviderEvent{Id: ids.Format(ids.ProviderEvent, e.ID), Provider: providers.ToProto(e.Provider), EventId: e.EventID,
		Type: e.Type, ProviderPaymentId: e.ProviderPaymentID, Status: eventStatuses.ToProto(e.Status), Attempts: int32(e.Attempts),
		LastError: e.LastError, OccurredTime: timestamppb.New(e.OccurredTime), CreateTime: timestamppb.New(e.CreateTime),
		ProcessedTime: protoconv.Time(e.ProcessedTime), NextAttemptTime: protoconv.Time(e.NextAttemptTime), Payload: e.Payload}
	if e.PaymentID != nil {
		out.PaymentId = ids.Format(ids.Payment, *e.PaymentID)
	}
	return out
}

func toProtoAccount(a payment.Account) *adminv1.PaymentAccount {
	out := &adminv1.PaymentAccount{Provider: providers.ToProto(a.Provider), Configured: a.Configured, KeyHint: a.KeyHint,
		TestMode: a.TestMode, WebhookSecretSet: a.WebhookSecretSet, WebhookPath: a.WebhookPath, UpdatedByEmail: a.UpdatedByEmail}
	if a.Configured {
		out.UpdateTime = timestamppb.New(a.UpdateTime)
	}
	return out
}

// webhooks are the providers' endpoints: outside the API's sign-in, each
// proves itself (Stripe by its signature, Mollie by what Mollie answers
// about the payment it names).
func webhooks(s *payment.Service, logger *slog.Logger) http.Handler {
	mux := http.NewServeMux()
	handle := func(w http.ResponseWriter, r *http.Request, take func(body []byte) error) {
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, 256<<10))
		if err != nil {
			http.Error(w, "body too large", http.StatusRequestEntityTooLarge)
			return
		}
		err = take(body)
		switch {
		case err == nil:
			w.WriteHeader(http.StatusOK)
		case errors.Is(err, payment.ErrWebhook):
			logger.Warn("webhook refused", "path", r.URL.Path, "err", err)
			http.Error(w, "refused", http.StatusBadRequest)
		default:
			// The provider delivers again later; the event, if stored, is
			// tried again by the retry job.
			logger.Error("webhook failed", "path", r.URL.Path, "err", err)
			http.Error(w, "failed", http.StatusInternalServerError)
		}
	}
	mux.HandleFunc("POST /webhooks/stripe/{entity}", func(w http.ResponseWriter, r *http.Request) {
		handle(w, r, func(body []byte) error {
			return s.StripeWebhook(authz.System(r.Context()), r.PathValue("entity"), body, r.Header.Get(stripepay.SignatureHeader))
		})
	})
	mux.HandleFunc("POST /webhooks/mollie/{entity}", func(w http.ResponseWriter, r *http.Request) {
		handle(w, r, func(body []byte) error {
			return s.MollieWebhook(authz.System(r.Context()), r.PathValue("entity"), body, r.Header.Get("Content-Type"))
		})
	})
	return mux
}

// isRefusal reports whether err is the platform's own refusal (no account
// set up) rather than the provider's answer.
func isRefusal(err error) bool {
	_, ok := apierr.As(err)
	return ok
}
