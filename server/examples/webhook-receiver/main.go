// Command webhook-receiver receives Leitstand's webhooks: it checks each
// delivery's signature and age, decodes the event and acknowledges it.
//
//	WEBHOOK_SECRET=whsec_… go run ./server/examples/webhook-receiver
package main

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"log"
	"net/http"
	"os"
	"strconv"
	"strings"
	"time"

	"google.golang.org/protobuf/encoding/protojson"

	eventsv1 "github.com/leitstand/leitstand/gen/go/leitstand/events/v1"
)

// tolerance is how old a delivery may be: older ones are refused, so a
// recorded delivery cannot be replayed later.
const tolerance = 5 * time.Minute

func main() {
	secret := os.Getenv("WEBHOOK_SECRET")
	http.Handle("POST /leitstand", handler(secret, time.Now, func(e *eventsv1.Event) error {
		log.Printf("event %s: %s", e.GetId(), e.GetType())
		return nil
	}))
	log.Fatal(http.ListenAndServe(":8000", nil))
}

// handler verifies each delivery with secret and hands its event to handle.
// A receiver that may get an event twice (a retry, a replay) drops those
// whose id it has already handled.
func handler(secret string, now func() time.Time, handle func(*eventsv1.Event) error) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
		if err != nil {
			http.Error(w, "unreadable body", http.StatusBadRequest)
			return
		}
		if err := verify(secret, r.Header.Get("Leitstand-Signature"), body, now()); err != nil {
			http.Error(w, err.Error(), http.StatusUnauthorized)
			return
		}
		var e eventsv1.Event
		if err := (protojson.UnmarshalOptions{DiscardUnknown: true}).Unmarshal(body, &e); err != nil {
			http.Error(w, "not an event", http.StatusBadRequest)
			return
		}
		if err := handle(&e); err != nil {
			// Anything but 2xx makes Leitstand try again later.
			http.Error(w, "try again", http.StatusServiceUnavailable)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	})
}

// verify checks a Leitstand-Signature header, "t=<unix>,v1=<hex>[,v1=…]":
// one v1 must be the HMAC-SHA256 of "<t>.<body>" under secret (during a
// secret rotation there is one per valid secret), and t within tolerance
// of now.
func verify(secret, header string, body []byte, now time.Time) error {
	var ts string
	var sigs []string
	for _, part := range strings.Split(header, ",") {
		k, v, _ := strings.Cut(strings.TrimSpace(part), "=")
		switch k {
		case "t":
			ts = v
		case "v1":
			sigs = append(sigs, v)
		}
	}
	unix, err := strconv.ParseInt(ts, 10, 64)
	if err != nil || len(sigs) == 0 {
		return errors.New("malformed signature header")
	}
	if age := now.Sub(time.Unix(unix, 0)); age > tolerance || age < -tolerance {
		return errors.New("delivery too old or from the future")
	}
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte(ts + "."))
	mac.Write(body)
	want := mac.Sum(nil)
	for _, s := range sigs {
		got, err := hex.DecodeString(s)
		if err == nil && hmac.Equal(got, want) {
			return nil
		}
	}
	return errors.New("no valid signature")
}
