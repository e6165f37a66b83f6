package stripemock

import (
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// Without Main, each Start runs a stripe-mock of its own, gone when its
// test ends.
func TestStartStopsWithTheTest(t *testing.T) {
	balance := func(url string) (*http.Response, error) {
		req, err := http.NewRequestWithContext(t.Context(), http.MethodGet, url+"/v1/balance", nil)
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Authorization", "Bearer "+APIKey)
		return (&http.Client{Timeout: 5 * time.Second}).Do(req)
	}
	var url string
	t.Run("running", func(t *testing.T) {
		url = Start(t)
		res, err := balance(url)
		if err != nil {
			t.Fatal(err)
		}
		_ = res.Body.Close()
		if res.StatusCode != http.StatusOK {
			t.Errorf("GET /v1/balance: %s", res.Status)
		}
	})
	if url == "" {
		t.Skip("stripe-mock is not available")
	}
	if res, err := balance(url); err == nil {
		_ = res.Body.Close()
		t.Errorf("stripe-mock still answers at %s after its test", url)
	}
}

func TestCurrentKnowsOtherBinaries(t *testing.T) {
	t.Parallel()
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	if current(self) {
		t.Error("the test binary taken for stripe-mock")
	}
	if current(filepath.Join(t.TempDir(), "missing")) {
		t.Error("a missing file taken for stripe-mock")
	}
}
