package api_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"connectrpc.com/connect"

	adminv1 "github.com/leitstand/leitstand/gen/go/leitstand/admin/v1"
	"github.com/leitstand/leitstand/gen/go/leitstand/admin/v1/adminv1connect"
	"github.com/leitstand/leitstand/server/internal/app"
	"github.com/leitstand/leitstand/server/internal/apptest"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/testdb"
)

// stalling is a request body that sends its first bytes and then nothing
// until the test ends: a server that waits for the whole body hangs on it.
type stalling struct {
	head []byte
	done <-chan struct{}
}

func (s *stalling) Read(p []byte) (int, error) {
	if len(s.head) > 0 {
		n := copy(p, s.head)
		s.head = s.head[n:]
		return n, nil
	}
	<-s.done
	return 0, io.EOF
}

func post(ctx context.Context, t *testing.T, hc *http.Client, url string, body io.Reader, header http.Header) (*http.Response, error) {
	t.Helper()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, body)
	if err != nil {
		t.Fatal(err)
	}
	req.Header = header
	return hc.Do(req)
}

// An anonymous caller, and one without the permission, are refused before
// their body is read: the answer comes although the body never ends, and
// it names no field. The refusal of a signed-in caller is audited.
func TestRefusedCallersAreRefusedBeforeTheirBody(t *testing.T) {
	env, srv := server(t, testdb.SQLite)
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	defer cancel()
	done := make(chan struct{})
	defer close(done)

	hc := apptest.HTTPClient(srv)
	url := srv.URL + adminv1connect.ConnectionServiceCreateConnectionProcedure
	header := func() http.Header { return http.Header{"Content-Type": {"application/json"}} }
	// Each caller on a connection of its own: a client keeps writing a
	// stalled body after the answer, which would hold up the next stream.
	res, err := post(ctx, t, apptest.HTTPClient(srv), url, &stalling{head: []byte(`{"settings":{"name":""`), done: done}, header())
	if err != nil {
		t.Fatalf("anonymous caller got no answer before sending the whole body: %v", err)
	}
	b, _ := io.ReadAll(res.Body)
	if res.StatusCode != http.StatusUnauthorized || strings.Contains(string(b), "settings.name") {
		t.Errorf("anonymous: %d %s, want 401 unauthenticated without field details", res.StatusCode, b)
	}
	if n := countDenied(t, env); n != 1 {
		t.Errorf("the anonymous refusal is not in the audit trail (%d denied events)", n)
	}

	env.SignIn(t, hc, srv.URL, "dev@example.com", authz.RoleDeveloper)
	before := countDenied(t, env)
	res, err = post(ctx, t, hc, url, &stalling{head: []byte(`{"settings":{"name":""`), done: done}, header())
	if err != nil {
		t.Fatalf("developer got no answer before sending the whole body: %v", err)
	}
	// Not closed: a client closing an answer waits for its own body
	// writer, which this stalled body holds until the test ends.
	b, _ = io.ReadAll(res.Body)
	if res.StatusCode != http.StatusForbidden || strings.Contains(string(b), "settings.name") {
		t.Errorf("developer: %d %s, want 403 permission_denied without field details", res.StatusCode, b)
	}
	if countDenied(t, env) != before+1 {
		t.Error("the refusal is not in the audit trail")
	}
	ev := env.Events(t, denied)
	if len(ev) == 0 || !strings.Contains(ev[len(ev)-1].Action, "CreateConnection") {
		t.Errorf("denied event: %+v", ev)
	}

	// Over gRPC and gRPC-Web the refusal is theirs too.
	for name, opt := range map[string]connect.ClientOption{"grpc": connect.WithGRPC(), "grpc-web": connect.WithGRPCWeb()} {
		c := adminv1connect.NewConnectionServiceClient(apptest.HTTPClient(srv), srv.URL, opt)
		_, err := c.CreateConnection(t.Context(), connect.NewRequest(&adminv1.CreateConnectionRequest{}))
		if connect.CodeOf(err) != connect.CodeUnauthenticated {
			t.Errorf("%s anonymous: %v, want unauthenticated", name, err)
		}
	}
}

// A message larger than the bound is refused, also when it arrives small
// and compressed (a gzip bomb), and so is a body that takes too long.
func TestRequestsAreBounded(t *testing.T) {
	env := apptest.New(t, testdb.SQLite)
	srv := env.Server(t, app.HTTPOptions{BodyTimeout: 300 * time.Millisecond})
	hc := apptest.HTTPClient(srv)
	env.SignIn(t, hc, srv.URL, "op@example.com", authz.RoleOperator)
	orgs := adminv1connect.NewOrganizationServiceClient(hc, srv.URL)

	big := strings.Repeat("x", 5<<20)
	_, err := orgs.CreateOrganization(t.Context(), connect.NewRequest(&adminv1.CreateOrganizationRequest{Name: big}))
	if code := connect.CodeOf(err); code != connect.CodeResourceExhausted {
		t.Errorf("5 MB message: %v, want resource_exhausted", err)
	}

	// 64 MB of zeros inflate from about 64 kB.
	var bomb bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&bomb, gzip.BestCompression)
	zeros := make([]byte, 1<<20)
	for range 64 {
		zw.Write(zeros)
	}
	zw.Close()
	ctx, cancel := context.WithTimeout(t.Context(), 20*time.Second)
	defer cancel()
	res, err := post(ctx, t, hc, srv.URL+adminv1connect.OrganizationServiceCreateOrganizationProcedure, &bomb,
		http.Header{"Content-Type": {"application/json"}, "Content-Encoding": {"gzip"}})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode == http.StatusOK || !strings.Contains(string(b), "resource_exhausted") {
		t.Errorf("gzip bomb: %d %s", res.StatusCode, b)
	}

	done := make(chan struct{})
	defer close(done)
	res, err = post(ctx, t, hc, srv.URL+adminv1connect.OrganizationServiceCreateOrganizationProcedure,
		&stalling{head: []byte(`{"name":"Slow`), done: done}, http.Header{"Content-Type": {"application/json"}})
	if ctx.Err() != nil {
		t.Fatal("a body that never ends held the request until the test's deadline")
	}
	if err == nil {
		b, _ := io.ReadAll(res.Body) // not closed: see above
		if res.StatusCode == http.StatusOK {
			t.Errorf("a body that never ends was accepted: %s", b)
		}
	}
	if n := env.OrgCount(t); n != 0 {
		t.Errorf("%d organizations created by bounded requests", n)
	}
}
