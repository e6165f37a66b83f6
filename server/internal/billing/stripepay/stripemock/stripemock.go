// Package stripemock runs stripe-mock, Stripe's own mock of its API, for
// tests that drive the real stripe-go client against it. stripe-mock
// answers every request the API's OpenAPI spec allows with a fixture of
// the resource, so a test sees what the client sends and that Stripe's
// answers parse; it keeps no state and sends no webhooks.
//
// A package's tests share one stripe-mock when its TestMain calls Main;
// without that, each Start runs one for its test:
//
//	func TestMain(m *testing.M) { stripemock.Main(m) }
//
//	func TestCharge(t *testing.T) {
//		url := stripemock.Start(t)
//		gw := stripepay.New(provider.Credentials{APIKey: stripemock.APIKey, BaseURL: url}, nil)
//		…
//	}
//
// The binary is $STRIPE_MOCK when set, else bin/stripe-mock in the
// repository (make deps-stripe-mock puts it there), else it is installed
// there with go install, once, under a file lock so that test binaries
// running in parallel do not race.
package stripemock

import (
	"bufio"
	"bytes"
	"context"
	"debug/buildinfo"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// The stripe-mock this package runs, as `go install Module@Version`.
const (
	Module  = "github.com/stripe/stripe-mock"
	Version = "v0.203.0"
)

// APIKey is a key stripe-mock accepts: it wants one that looks like a
// secret key and checks nothing else.
const APIKey = "sk_test_stripemock"

const (
	// startTimeout bounds a start: stripe-mock loads its spec in 2 to 4
	// seconds, more on a busy machine.
	startTimeout = 60 * time.Second
	// installTimeout bounds go install, which builds stripe-mock and its
	// dependencies from the module cache or the module proxy.
	installTimeout = 10 * time.Minute
	// pollInterval is how often a starting stripe-mock is asked whether
	// it answers yet.
	pollInterval = 50 * time.Millisecond
	// listenPrefix starts the line stripe-mock prints once it knows its
	// HTTP address.
	listenPrefix = "Listening for HTTP at address: "
)

var (
	// binMu guards binPath, the binary found or installed once per test
	// binary.
	binMu   sync.Mutex
	binPath string

	// sharedMu guards the stripe-mock Main shares among a binary's tests.
	sharedMu  sync.Mutex
	sharing   bool
	shared    *server
	sharedErr error
)

// Main runs a package's tests with one stripe-mock for all of them,
// started by the first Start and stopped when the tests are done, and
// exits with their result. Call it from TestMain.
func Main(m *testing.M) {
	sharedMu.Lock()
	sharing = true
	sharedMu.Unlock()

	code := m.Run()

	sharedMu.Lock()
	if shared != nil {
		shared.stop()
		shared = nil
	}
	sharedMu.Unlock()
	os.Exit(code)
}

// Start returns the base URL (http://127.0.0.1:port) of a running
// stripe-mock: the package's shared one under Main, else one started for
// t and stopped when t ends. It skips t when stripe-mock can be neither
// found nor installed, except under CI, where that fails t.
func Start(t testing.TB) string {
	t.Helper()
	sharedMu.Lock()
	if sharing {
		defer sharedMu.Unlock()
		if shared == nil && sharedErr == nil {
			shared, sharedErr = launchNew()
		}
		if sharedErr != nil {
			fail(t, sharedErr)
		}
		return shared.url
	}
	sharedMu.Unlock()

	s, err := launchNew()
	if err != nil {
		fail(t, err)
	}
	t.Cleanup(s.stop)
	return s.url
}

// errNoBinary marks a stripe-mock that could not be had, which skips a
// test outside CI.
var errNoBinary = errors.New("stripe-mock is not available")

func fail(t testing.TB, err error) {
	t.Helper()
	if errors.Is(err, errNoBinary) && os.Getenv("CI") == "" {
		t.Skipf("%v (run make deps-stripe-mock, or set STRIPE_MOCK to its path)", err)
	}
	t.Fatal(err)
}

func launchNew() (*server, error) {
	bin, err := binary()
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(context.Background(), startTimeout)
	defer cancel()
	return launch(ctx, bin)
}

// binary finds or installs stripe-mock.
func binary() (string, error) {
	binMu.Lock()
	defer binMu.Unlock()
	if binPath != "" {
		return binPath, nil
	}
	if p := os.Getenv("STRIPE_MOCK"); p != "" {
		if _, err := os.Stat(p); err != nil {
			return "", fmt.Errorf("%w: STRIPE_MOCK=%s: %v", errNoBinary, p, err)
		}
		binPath = p
		return p, nil
	}
	root, err := repoRoot()
	if err != nil {
		return "", fmt.Errorf("%w: %v", errNoBinary, err)
	}
	dir := filepath.Join(root, "bin")
	p := filepath.Join(dir, "stripe-mock")
	if current(p) {
		binPath = p
		return p, nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("%w: %v", errNoBinary, err)
	}
	unlock, err := lockFile(filepath.Join(dir, ".stripe-mock.lock"))
	if err != nil {
		return "", fmt.Errorf("%w: %v", errNoBinary, err)
	}
	defer unlock()
	// Another test binary may have installed it while this one waited
	// for the lock.
	if !current(p) {
		if err := install(root, dir); err != nil {
			return "", fmt.Errorf("%w: %v", errNoBinary, err)
		}
		if !current(p) {
			return "", fmt.Errorf("%w: go install put no %s %s at %s", errNoBinary, Module, Version, p)
		}
	}
	binPath = p
	return p, nil
}

// current tells whether path is the stripe-mock of Version, as the build
// information go install writes into the binary says.
func current(path string) bool {
	info, err := buildinfo.ReadFile(path)
	return err == nil && info.Main.Path == Module && info.Main.Version == Version
}

func install(root, gobin string) error {
	goTool, err := exec.LookPath("go")
	if err != nil {
		return fmt.Errorf("installing stripe-mock needs the go command: %w", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), installTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, goTool, "install", Module+"@"+Version)
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "GOBIN="+gobin)
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("go install %s@%s: %v\n%s", Module, Version, err, out)
	}
	return nil
}

// repoRoot is the nearest directory at or above the working directory
// (a test's package) that holds go.mod.
func repoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod above the working directory")
		}
		dir = parent
	}
}

// server is one running stripe-mock.
type server struct {
	cmd    *exec.Cmd
	url    string
	exited chan struct{} // closed when the process has exited
	once   sync.Once
}

// launch starts stripe-mock on loopback and waits until it answers.
// stripe-mock is given port-less addresses, so the system picks free
// ports and no other process can take them between choosing and binding;
// it prints the HTTP address it got. The HTTPS address is needed too:
// given only an HTTP one, stripe-mock also serves HTTPS on every
// interface at its fixed default port, where a second one would collide.
func launch(ctx context.Context, bin string) (*server, error) {
	cmd := exec.Command(bin, "-http-addr", "127.0.0.1:", "-https-addr", "127.0.0.1:")
	cmd.SysProcAttr = sysProcAttr()
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	var stderr syncBuffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("starting %s: %w", bin, err)
	}
	s := &server{cmd: cmd, exited: make(chan struct{})}

	// Read stdout to its end, so stripe-mock never blocks on a full pipe;
	// the listening line gives the address, the rest is kept for an
	// error message.
	addr := make(chan string, 1)
	var output syncBuffer
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			line := sc.Text()
			output.WriteString(line + "\n")
			if a, ok := strings.CutPrefix(line, listenPrefix); ok {
				select {
				case addr <- strings.TrimSpace(a):
				default:
				}
			}
		}
		_, _ = io.Copy(io.Discard, stdout)
		_ = cmd.Wait()
		close(s.exited)
	}()

	died := func(what string) error {
		s.stop()
		return fmt.Errorf("stripe-mock %s\nstdout:\n%s\nstderr:\n%s", what, output.String(), stderr.String())
	}
	select {
	case a := <-addr:
		s.url = "http://" + a
	case <-s.exited:
		return nil, died("exited before it listened")
	case <-ctx.Done():
		return nil, died("printed no address within " + startTimeout.String())
	}
	if err := s.waitReady(ctx); err != nil {
		return nil, died(err.Error())
	}
	return s, nil
}

// waitReady asks stripe-mock for the balance until it answers, at most
// until ctx ends.
func (s *server) waitReady(ctx context.Context) error {
	c := &http.Client{Timeout: time.Second}
	tick := time.NewTicker(pollInterval)
	defer tick.Stop()
	for {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, s.url+"/v1/balance", nil)
		if err != nil {
			return err
		}
		req.Header.Set("Authorization", "Bearer "+APIKey)
		if res, err := c.Do(req); err == nil {
			_ = res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return nil
			}
		}
		select {
		case <-tick.C:
		case <-s.exited:
			return errors.New("exited while starting")
		case <-ctx.Done():
			return fmt.Errorf("did not answer at %s within %s", s.url, startTimeout)
		}
	}
}

// stop kills stripe-mock and waits for it to be gone.
func (s *server) stop() {
	s.once.Do(func() {
		_ = s.cmd.Process.Kill()
		<-s.exited
	})
}

// syncBuffer is a bytes.Buffer written by one goroutine and read by
// another.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	// Only the start of the output explains a failed start.
	if b.b.Len() > 64<<10 {
		return len(p), nil
	}
	return b.b.Write(p)
}

func (b *syncBuffer) WriteString(s string) { _, _ = b.Write([]byte(s)) }

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}
