package beszel

import (
	"net/http"
	"testing"
)

// Only PocketBase's own error bodies show the hub; a body that merely has
// a message could be any JSON API's.
func TestOwnError(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		status int
		body   string
		want   bool
	}{
		{"wrong password", http.StatusBadRequest, `{"data":{},"message":"Failed to authenticate.","status":400}`, true},
		{"not verified", http.StatusForbidden, `{"data":{},"message":"Please verify your account first.","status":403}`, true},
		{"no such collection", http.StatusNotFound, `{"data":{},"message":"Missing collection context.","status":404}`, true},
		{"before PocketBase 0.23", http.StatusBadRequest, `{"code":400,"message":"Failed to authenticate.","data":{}}`, true},
		{"second factor", http.StatusUnauthorized, `{"mfaId":"p4b8x2k6m0q3r7t"}`, true},
		{"second factor with another status", http.StatusOK, `{"mfaId":"p4b8x2k6m0q3r7t"}`, false},
		{"status not repeated", http.StatusBadRequest, `{"data":{},"message":"Failed to authenticate.","status":401}`, false},
		{"message only", http.StatusBadRequest, `{"message":"invalid request"}`, false},
		{"status as a word", http.StatusUnauthorized, `{"status":"error","message":"unauthorized","data":{}}`, false},
		{"no data object", http.StatusNotFound, `{"status":404,"message":"Not Found","data":null}`, false},
		{"HTML", http.StatusUnauthorized, "<html><body>401 Authorization Required</body></html>", false},
		{"empty", http.StatusBadGateway, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := ownError([]byte(tt.body), tt.status); got != tt.want {
				t.Errorf("ownError(%s, %d) = %v, want %v", tt.body, tt.status, got, tt.want)
			}
		})
	}
}
