package identity_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/leitstand/leitstand/server/ent/user"
	"github.com/leitstand/leitstand/server/internal/apptest"
	"github.com/leitstand/leitstand/server/internal/identity"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/auth"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/reqctx"
	"github.com/leitstand/leitstand/server/internal/platform/testdb"
)

func TestMain(m *testing.M) { testdb.Main(m) }

// from is a context of a request from addr.
func from(addr string) context.Context {
	return reqctx.With(context.Background(), &reqctx.Info{RemoteAddr: addr})
}

// Forty parallel guesses on one account: every attempt is counted before
// its password is checked, so no more than the free attempts are ever
// checked, and the right password sent after them does not get in.
func TestParallelSignInsNeverCheckMoreThanTheFreeAttempts(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		env := apptest.New(t, d)
		u := env.User(t, "owner@example.com", authz.RoleOwner)
		var mu sync.Mutex
		checked := 0
		identity.WatchPasswordChecks(env.Identity, func(string) { mu.Lock(); checked++; mu.Unlock() })

		const n = 40
		errs := make([]error, n)
		var wg sync.WaitGroup
		start := make(chan struct{})
		for i := range n {
			wg.Go(func() {
				<-start
				_, errs[i] = env.Identity.Login(from("198.51.100.7:4000"), u.Email, "wrong password, attempt")
			})
		}
		close(start)
		wg.Wait()
		var refused, wrong int
		for _, err := range errs {
			switch {
			case errors.Is(err, apierr.ErrResourceExhausted):
				refused++
			case errors.Is(err, apierr.ErrUnauthenticated):
				wrong++
			default:
				t.Fatalf("unexpected answer: %v", err)
			}
		}
		free := identity.DefaultPolicy.FreeAttempts
		if checked != free || wrong != free || refused != n-free {
			t.Errorf("%d passwords checked (%d wrong, %d refused); exactly %d may be checked", checked, wrong, refused, free)
		}
		_, err := env.Identity.Login(from("198.51.100.7:4000"), u.Email, apptest.Password)
		apptest.WantErr(t, err, apierr.ErrResourceExhausted)
	})
}

// One client address guessing an owner's password locks that address out,
// not the owner, who signs in from elsewhere. Spraying one password over
// many accounts from one address is bounded too.
func TestThrottlePerAccountAndAddress(t *testing.T) {
	env := apptest.New(t, testdb.SQLite)
	owner := env.User(t, "owner@example.com", authz.RoleOwner)
	attacker := from("203.0.113.66:5000")
	for range identity.DefaultPolicy.FreeAttempts {
		if _, err := env.Identity.Login(attacker, owner.Email, "guess guess guess"); !errors.Is(err, apierr.ErrUnauthenticated) {
			t.Fatalf("guess: %v", err)
		}
	}
	if _, err := env.Identity.Login(attacker, owner.Email, apptest.Password); !errors.Is(err, apierr.ErrResourceExhausted) {
		t.Fatalf("the guessing address is not locked: %v", err)
	}
	if _, err := env.Identity.Login(from("192.0.2.10:6000"), owner.Email, apptest.Password); err != nil {
		t.Fatalf("the owner is locked out by someone else's guesses: %v", err)
	}
	// An IPv6 client is one /64: changing the interface id does not help.
	for i := range identity.DefaultPolicy.FreeAttempts {
		addr := "[2001:db8:1:2::" + string(rune('a'+i)) + "]:443"
		if _, err := env.Identity.Login(from(addr), owner.Email, "guess guess guess"); !errors.Is(err, apierr.ErrUnauthenticated) {
			t.Fatalf("guess from %s: %v", addr, err)
		}
	}
	if _, err := env.Identity.Login(from("[2001:db8:1:2::ffff]:443"), owner.Email, apptest.Password); !errors.Is(err, apierr.ErrResourceExhausted) {
		t.Fatalf("another address of the same /64 is not locked: %v", err)
	}

	sprayer := from("203.0.113.99:7000")
	limit := identity.DefaultPolicy.AddressAttempts
	for i := range limit {
		email := "user" + string(rune('a'+i%26)) + string(rune('a'+i/26)) + "@example.com"
		if _, err := env.Identity.Login(sprayer, email, "Sommer2026!!"); !errors.Is(err, apierr.ErrUnauthenticated) {
			t.Fatalf("spray %d: %v", i, err)
		}
	}
	if _, err := env.Identity.Login(sprayer, owner.Email, apptest.Password); !errors.Is(err, apierr.ErrResourceExhausted) {
		t.Errorf("after %d accounts tried from one address: %v", limit, err)
	}
	env.Clock.Advance(time.Minute)
	if _, err := env.Identity.Login(sprayer, owner.Email, apptest.Password); err != nil {
		t.Errorf("after the lock ran out: %v", err)
	}
}

// A user who never set a password is checked against a hash like everyone
// else, so the answer's timing does not tell which e-mail addresses exist.
func TestUserWithoutPasswordCostsAHashCheck(t *testing.T) {
	env := apptest.New(t, testdb.SQLite)
	u := env.User(t, "customer@example.com", authz.RoleUser)
	if err := env.DB.Client.User.UpdateOneID(u.ID).SetPasswordHash("").Exec(t.Context()); err != nil {
		t.Fatal(err)
	}
	var seen []string
	identity.WatchPasswordChecks(env.Identity, func(h string) { seen = append(seen, h) })
	_, err := env.Identity.Login(from("192.0.2.1:1"), u.Email, "anything at all")
	apptest.WantErr(t, err, apierr.ErrUnauthenticated)
	if len(seen) != 1 || seen[0] != identity.DummyHash(env.Identity) {
		t.Errorf("hashes checked: %d; want the one of equal cost", len(seen))
	}
}

// A hash made with older parameters is replaced at the next sign-in, and
// the password still works afterwards.
func TestOldHashesAreUpgradedAtSignIn(t *testing.T) {
	env := apptest.New(t, testdb.SQLite)
	u := env.User(t, "op@example.com", authz.RoleOperator)
	old := auth.Argon2Params{Memory: 512, Time: 1, Threads: 1}
	h, err := auth.HashPassword(apptest.Password, old)
	if err != nil {
		t.Fatal(err)
	}
	if err := env.DB.Client.User.UpdateOneID(u.ID).SetPasswordHash(h).Exec(t.Context()); err != nil {
		t.Fatal(err)
	}
	if _, err := env.Identity.Login(from("192.0.2.1:1"), u.Email, apptest.Password); err != nil {
		t.Fatal(err)
	}
	now, err := env.DB.Client.User.Query().Where(user.ID(u.ID)).Only(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if now.PasswordHash == h || auth.NeedsRehash(now.PasswordHash, auth.TestArgon2) {
		t.Errorf("hash not upgraded: %s", now.PasswordHash)
	}
	if _, err := env.Identity.Login(from("192.0.2.1:1"), u.Email, apptest.Password); err != nil {
		t.Errorf("sign-in after the upgrade: %v", err)
	}
}
