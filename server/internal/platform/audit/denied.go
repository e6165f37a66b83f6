package audit

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"sync"
	"time"

	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/reqctx"
)

// Denied attempts are written one by one up to deniedPerProcedure per
// principal and procedure, and deniedPerWindow per principal in all, in a
// window; beyond that they are counted, and one summary event per
// principal says how many there were and which procedures they tried. A
// caller exploring what it may do is recorded call by call; one
// hammering a procedure is not.
const (
	deniedPerProcedure = 5
	deniedPerWindow    = 60
	deniedWindow       = time.Minute
	// deniedSweep is how many principals are tracked before windows that
	// ended are dropped.
	deniedSweep = 10_000
)

type deniedLimiter struct {
	w       *Writer
	mu      sync.Mutex
	windows map[string]*denialWindow
}

// denialWindow is one principal's denials in the current window.
type denialWindow struct {
	start      time.Time
	written    int
	byProc     map[string]int
	suppressed int
	procedures map[string]int
	// ctx is a context with the principal and the request facts of the
	// first suppressed denial, for the summary event.
	ctx   context.Context
	timer *time.Timer
}

func newDeniedLimiter(w *Writer) *deniedLimiter {
	return &deniedLimiter{w: w, windows: map[string]*denialWindow{}}
}

// allow reports whether this denial is written as an event of its own.
func (l *deniedLimiter) allow(ctx context.Context, procedure string) bool {
	key := principalKey(ctx)
	now := l.w.clock.Now()
	l.mu.Lock()
	win := l.windows[key]
	var ended *denialWindow
	if win != nil && now.Sub(win.start) >= deniedWindow {
		ended, win = win, nil
		delete(l.windows, key)
	}
	if win == nil {
		if len(l.windows) >= deniedSweep {
			l.sweep(now)
		}
		win = &denialWindow{start: now, byProc: map[string]int{}, procedures: map[string]int{}}
		l.windows[key] = win
	}
	ok := win.written < deniedPerWindow && win.byProc[procedure] < deniedPerProcedure
	if ok {
		win.written++
		win.byProc[procedure]++
	} else {
		win.suppressed++
		win.procedures[procedure]++
		if win.ctx == nil {
			win.ctx = detach(ctx)
			// The summary is written when the window ends, also if the
			// caller stops trying.
			win.timer = time.AfterFunc(deniedWindow, func() { l.flush(key, win) })
		}
	}
	l.mu.Unlock()
	if ended != nil {
		l.summarise(ended)
	}
	return ok
}

// flush writes the summary of key's window if it is still the current one.
func (l *deniedLimiter) flush(key string, win *denialWindow) {
	l.mu.Lock()
	if l.windows[key] != win {
		l.mu.Unlock()
		return
	}
	delete(l.windows, key)
	l.mu.Unlock()
	l.summarise(win)
}

// flushAll writes every pending summary now.
func (l *deniedLimiter) flushAll() {
	l.mu.Lock()
	wins := slices.Collect(maps.Values(l.windows))
	clear(l.windows)
	l.mu.Unlock()
	for _, win := range wins {
		l.summarise(win)
	}
}

func (l *deniedLimiter) sweep(now time.Time) {
	for k, win := range l.windows {
		if now.Sub(win.start) >= deniedWindow && win.suppressed == 0 {
			delete(l.windows, k)
		}
	}
}

func (l *deniedLimiter) summarise(win *denialWindow) {
	if win.timer != nil {
		win.timer.Stop()
	}
	if win.suppressed == 0 {
		return
	}
	after := deniedState(win.ctx)
	after["attempts"] = win.suppressed
	after["procedures"] = win.procedures
	l.w.writeDenied(win.ctx, Event{
		Action:     "audit.denied_summary",
		TargetType: "procedure",
		Reason: fmt.Sprintf("%d further denied attempt(s) within %s of the first, summarised here rather than written one by one",
			win.suppressed, deniedWindow),
		After: after,
	})
}

// FlushDenied writes the summaries of denials not yet summarised (at
// shutdown, and in tests).
func (w *Writer) FlushDenied() { w.denied.flushAll() }

// principalKey identifies whose denials are counted together: a user, or
// for a caller without one, the client address.
func principalKey(ctx context.Context) string {
	if p := authz.FromContext(ctx); p != nil {
		return "user:" + p.UserID.String()
	}
	return "addr:" + reqctx.From(ctx).RemoteAddr
}

// detach keeps what the summary needs of ctx — the principal and the
// request's facts — without its cancellation.
func detach(ctx context.Context) context.Context {
	info := *reqctx.From(ctx)
	out := reqctx.With(context.Background(), &info)
	if p := authz.FromContext(ctx); p != nil {
		out = authz.WithPrincipal(out, p)
	}
	return out
}
