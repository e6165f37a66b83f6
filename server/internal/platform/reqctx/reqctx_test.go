package reqctx

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

// Only the entries the configured proxies appended count: an address the
// client put into X-Forwarded-For itself never becomes the client's.
func TestForwardedForCountsOnlyTrustedHops(t *testing.T) {
	tests := []struct {
		name    string
		proxies Proxies
		xff     []string
		want    string
	}{
		{"not trusted", Proxies{}, []string{"6.6.6.6"}, "192.0.2.1:5555"},
		{"one proxy", Proxies{Trust: true, Hops: 1}, []string{"203.0.113.9"}, "203.0.113.9"},
		{"client-sent entry before the proxy's", Proxies{Trust: true, Hops: 1}, []string{"6.6.6.6, 203.0.113.9"}, "203.0.113.9"},
		{"client-sent header line", Proxies{Trust: true, Hops: 1}, []string{"6.6.6.6", "203.0.113.9"}, "203.0.113.9"},
		{"two proxies", Proxies{Trust: true, Hops: 2}, []string{"6.6.6.6, 203.0.113.9, 10.0.0.2"}, "203.0.113.9"},
		{"fewer entries than hops", Proxies{Trust: true, Hops: 3}, []string{"203.0.113.9"}, "203.0.113.9"},
		{"IPv6 with port", Proxies{Trust: true, Hops: 1}, []string{"[2001:db8::1]:443"}, "2001:db8::1"},
		{"garbage", Proxies{Trust: true, Hops: 1}, []string{"<script>"}, "192.0.2.1:5555"},
		{"no header", Proxies{Trust: true, Hops: 1}, nil, "192.0.2.1:5555"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var got string
			h := Middleware(tt.proxies, http.HandlerFunc(func(_ http.ResponseWriter, r *http.Request) {
				got = From(r.Context()).RemoteAddr
			}))
			r := httptest.NewRequest(http.MethodGet, "/", nil)
			r.RemoteAddr = "192.0.2.1:5555"
			for _, v := range tt.xff {
				r.Header.Add("X-Forwarded-For", v)
			}
			h.ServeHTTP(httptest.NewRecorder(), r)
			if got != tt.want {
				t.Errorf("client = %q, want %q", got, tt.want)
			}
		})
	}
}
