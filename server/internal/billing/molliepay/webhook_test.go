package molliepay

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/leitstand/leitstand/server/internal/billing/provider"
)

func TestWebhookPaymentID(t *testing.T) {
	t.Parallel()
	const form = "application/x-www-form-urlencoded"
	good := []struct{ body, contentType, want string }{
		{"id=tr_WDqYK6vllg", form, "tr_WDqYK6vllg"},
		{"id=tr_WDqYK6vllg", form + "; charset=utf-8", "tr_WDqYK6vllg"},
		{"id=tr_" + strings.Repeat("a", maxIDLength-3), form, "tr_" + strings.Repeat("a", maxIDLength-3)},
	}
	for _, tt := range good {
		got, err := WebhookPaymentID([]byte(tt.body), tt.contentType)
		if err != nil || got != tt.want {
			t.Errorf("%q: %q, %v", tt.body, got, err)
		}
	}
	bad := []struct{ name, body, contentType string }{
		{"empty", "", form},
		{"no id", "foo=bar", form},
		{"empty id", "id=", form},
		{"two ids", "id=tr_a&id=tr_b", form},
		{"not a payment", "id=ord_kEn1PlbGa", form},
		{"subscription", "id=sub_rVKGtNd6s3", form},
		{"path in the id", "id=tr_..%2Fv2%2Fmethods", form},
		{"space", "id=tr_ab+cd", form},
		{"prefix only", "id=tr_", form},
		{"too long id", "id=tr_" + strings.Repeat("a", maxIDLength), form},
		{"oversized body", "id=tr_WDqYK6vllg&pad=" + strings.Repeat("x", MaxWebhookBody), form},
		{"JSON", `{"id":"tr_WDqYK6vllg"}`, "application/json"},
		{"no content type", "id=tr_WDqYK6vllg", ""},
		{"bad form", "id=%zz", form},
	}
	for _, tt := range bad {
		if got, err := WebhookPaymentID([]byte(tt.body), tt.contentType); !errors.Is(err, ErrWebhook) {
			t.Errorf("%s: %q, %v; want ErrWebhook", tt.name, got, err)
		}
	}
}

func TestEventOf(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	payload := []byte("id=tr_WDqYK6vllg")
	paid := provider.State{ID: "tr_WDqYK6vllg", Status: provider.Succeeded, AmountCents: 11900, Currency: "EUR", InvoiceID: "inv_1"}

	e := EventOf(paid, payload, now)
	if e.ID != "tr_WDqYK6vllg:paid:r0:c0" || e.Type != "payment.paid" || !e.Occurred.Equal(now) || e.Payment != paid || string(e.Payload) != string(payload) {
		t.Errorf("%+v", e)
	}
	if again := EventOf(paid, payload, now.Add(time.Minute)); again.ID != e.ID {
		t.Errorf("the same state gave %s and %s", e.ID, again.ID)
	}

	refunded := paid
	refunded.RefundedCents = 1900
	more := paid
	more.RefundedCents = 3800
	chargedBack := paid
	chargedBack.Disputed = true
	ids := map[string]bool{e.ID: true}
	for _, s := range []provider.State{refunded, more, chargedBack} {
		id := EventOf(s, payload, now).ID
		if ids[id] {
			t.Errorf("state %+v repeats event id %s", s, id)
		}
		ids[id] = true
	}
	if got := EventOf(refunded, payload, now).ID; got != "tr_WDqYK6vllg:paid:r1900:c0" {
		t.Errorf("refunded: %s", got)
	}

	words := []struct {
		s    provider.State
		want string
	}{
		{provider.State{ID: "tr_a", Status: provider.Pending}, "payment.open"},
		{provider.State{ID: "tr_a", Status: provider.Failed, FailureReason: "insufficient_funds"}, "payment.failed"},
		{provider.State{ID: "tr_a", Status: provider.Canceled, FailureReason: "canceled"}, "payment.canceled"},
		{provider.State{ID: "tr_a", Status: provider.Canceled, FailureReason: "expired"}, "payment.expired"},
	}
	for _, w := range words {
		if got := EventOf(w.s, payload, now).Type; got != w.want {
			t.Errorf("%s (%s): %s, want %s", w.s.Status, w.s.FailureReason, got, w.want)
		}
	}
}

func TestInvoiceIDFromMetadata(t *testing.T) {
	t.Parallel()
	tests := []struct {
		meta any
		want string
	}{
		{map[string]any{"invoice_id": "inv_1", "invoice_number": "RE-1"}, "inv_1"},
		{`{"invoice_id":"inv_2"}`, "inv_2"},
		{map[string]any{"invoice_id": 12}, ""},
		{"just a note", ""},
		{nil, ""},
		{[]any{"inv_3"}, ""},
	}
	for _, tt := range tests {
		if got := invoiceID(tt.meta); got != tt.want {
			t.Errorf("%#v: %q, want %q", tt.meta, got, tt.want)
		}
	}
}
