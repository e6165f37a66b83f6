package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"connectrpc.com/connect"
	"google.golang.org/protobuf/types/known/fieldmaskpb"

	adminv1 "github.com/leitstand/leitstand/gen/go/leitstand/admin/v1"
	"github.com/leitstand/leitstand/gen/go/leitstand/admin/v1/adminv1connect"
)

// write is one kind of write the mix keeps going at a steady rate.
type write struct {
	name string
	rate float64
	call func(ctx context.Context, n int, rng *rand.Rand) error
}

// writeMix lists the writes o asks for: updates of random organizations
// (each an audited change that also ends cached reads) and sign-ins.
func writeMix(o options, ids []string, clients []adminv1connect.OrganizationServiceClient, auths []adminv1connect.AuthServiceClient) []write {
	var ws []write
	if o.updateRate > 0 {
		ws = append(ws, write{name: "update", rate: o.updateRate, call: func(ctx context.Context, n int, rng *rand.Rand) error {
			_, err := clients[n%len(clients)].UpdateOrganization(ctx, connect.NewRequest(&adminv1.UpdateOrganizationRequest{
				Organization: &adminv1.Organization{Id: ids[rng.IntN(len(ids))], BillingEmail: fmt.Sprintf("billing+%d@bench.example", n)},
				UpdateMask:   &fieldmaskpb.FieldMask{Paths: []string{"billing_email"}},
			}))
			return err
		}})
	}
	if o.signinRate > 0 {
		ws = append(ws, write{name: "signin", rate: o.signinRate, call: func(ctx context.Context, n int, _ *rand.Rand) error {
			_, err := auths[n%len(auths)].Login(ctx, connect.NewRequest(&adminv1.LoginRequest{Email: o.signinEmail, Password: o.signinPass}))
			return err
		}})
	}
	return ws
}

// maxWritesInFlight bounds the writes started but not answered: past it,
// a tick is skipped and counted, rather than piling up goroutines.
const maxWritesInFlight = 256

// writeStats collects the writes of the measured window.
type writeStats struct {
	mu       sync.Mutex
	lat      []time.Duration
	byKind   map[string][]time.Duration
	errors   atomic.Int64
	skipped  atomic.Int64
	first    atomic.Pointer[string]
	inFlight atomic.Int64
}

// pace runs w at its rate from now until until, counting the writes that
// start and end within [from, until]; it returns when the last one it
// started has ended.
func (s *writeStats) pace(w write, from, until time.Time, timeout time.Duration) {
	var wg sync.WaitGroup
	tick := time.NewTicker(time.Duration(float64(time.Second) / w.rate))
	defer tick.Stop()
	rng := rand.New(rand.NewPCG(uint64(len(w.name)), 0x77726974))
	for n := 1; ; n++ {
		now := <-tick.C
		if !now.Before(until) {
			break
		}
		if s.inFlight.Load() >= maxWritesInFlight {
			if !now.Before(from) {
				s.skipped.Add(1)
			}
			continue
		}
		s.inFlight.Add(1)
		seed := rng.Uint64()
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer s.inFlight.Add(-1)
			ctx, cancel := context.WithTimeout(context.Background(), timeout)
			defer cancel()
			t0 := time.Now()
			err := w.call(ctx, n, rand.New(rand.NewPCG(seed, 0)))
			t1 := time.Now()
			if t0.Before(from) || t1.After(until) {
				return
			}
			if err != nil {
				s.errors.Add(1)
				msg := w.name + ": " + err.Error()
				s.first.CompareAndSwap(nil, &msg)
				return
			}
			s.mu.Lock()
			s.lat = append(s.lat, t1.Sub(t0))
			if s.byKind == nil {
				s.byKind = map[string][]time.Duration{}
			}
			s.byKind[w.name] = append(s.byKind[w.name], t1.Sub(t0))
			s.mu.Unlock()
		}()
	}
	wg.Wait()
}

// fill adds the writes' figures to r.
func (s *writeStats) fill(r *result, seconds float64) {
	slices.Sort(s.lat)
	r.Writes, r.WriteErrors, r.WritesSkipped = len(s.lat), s.errors.Load(), s.skipped.Load()
	if p := s.first.Load(); p != nil {
		r.WriteFirstError = *p
	}
	if len(s.lat) > 0 {
		r.WriteRPS = float64(len(s.lat)) / seconds
		r.WriteP50MS = ms(percentile(s.lat, 0.50))
		r.WriteP99MS = ms(percentile(s.lat, 0.99))
		r.WriteMaxMS = ms(s.lat[len(s.lat)-1])
	}
	for name, lat := range s.byKind {
		slices.Sort(lat)
		p50, p99 := ms(percentile(lat, 0.50)), ms(percentile(lat, 0.99))
		switch name {
		case "update":
			r.UpdateP50MS, r.UpdateP99MS = p50, p99
		case "signin":
			r.SigninP50MS, r.SigninP99MS = p50, p99
		}
	}
}
