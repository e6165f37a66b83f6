package api_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"github.com/google/uuid"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/leitstand/leitstand/server/internal/app"
	"github.com/leitstand/leitstand/server/internal/apptest"
	"github.com/leitstand/leitstand/server/internal/platform/testdb"
)

func TestMain(m *testing.M) { testdb.Main(m) }

// call sends a Connect JSON request, as a browser or curl would, and returns
// the HTTP status and the error code ("" on success) and body.
func call(t *testing.T, c *http.Client, srv *httptest.Server, procedure, body string, header http.Header) (code string, resp map[string]any) {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, srv.URL+procedure, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	for k, vs := range header {
		for _, v := range vs {
			req.Header.Add(k, v)
		}
	}
	res, err := c.Do(req)
	if err != nil {
		t.Fatalf("%s: %v", procedure, err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	resp = map[string]any{}
	_ = json.Unmarshal(b, &resp)
	if res.StatusCode == http.StatusOK {
		return "", resp
	}
	code, _ = resp["code"].(string)
	if code == "" {
		code = res.Status
	}
	return code, resp
}

// server starts the full stack on a fresh database.
func server(t *testing.T, d testdb.Dialect) (*apptest.Env, *httptest.Server) {
	t.Helper()
	env := apptest.New(t, d)
	return env, env.Server(t, app.HTTPOptions{})
}

func jsonBody(v any) string {
	var b bytes.Buffer
	_ = json.NewEncoder(&b).Encode(v)
	return b.String()
}

func idOf(id uuid.UUID) string { return ids.Format(ids.Organization, id) }

func errorsAs(err error, target any) bool { return errors.As(err, target) }
