package beszel

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/leitstand/leitstand/server/internal/infra/provider"
)

// The hub is a PocketBase application; these are the PocketBase REST API's
// shapes that Leitstand reads.

// pbTimeLayout is how PocketBase writes and compares datetimes.
const pbTimeLayout = "2006-01-02 15:04:05.000Z"

// maxBody bounds what Leitstand reads from one answer; a page of 500
// container_stats records of busy hosts stays far below it.
const maxBody = 256 << 20

// apiError is PocketBase's error body, {"status":400,"message":"…","data":{}}.
// A sign-in that needs a second factor answers 401 with {"mfaId":"…"} instead.
type apiError struct {
	Status  int            `json:"status"`
	Message string         `json:"message"`
	Data    map[string]any `json:"data"`
	MFAID   string         `json:"mfaId"`
}

// hubError is a non-200 answer: the HTTP status and PocketBase's message,
// wrapping the provider error it means.
type hubError struct {
	status  int
	message string
	mfa     bool
	// pocketBase: the body was PocketBase's own error (see ownError), so
	// the answer came from the hub, not from a proxy or another server.
	pocketBase bool
	err        error
}

func (e *hubError) Error() string { return e.err.Error() }
func (e *hubError) Unwrap() error { return e.err }

func statusOf(err error) int {
	var he *hubError
	if errors.As(err, &he) {
		return he.status
	}
	return 0
}

// fromHub reports whether err is an answer in PocketBase's own error format.
func fromHub(err error) bool {
	var he *hubError
	return errors.As(err, &he) && he.pocketBase
}

// ownError reports whether raw, the body of an answer with status, is
// PocketBase's error: {"status":400,"message":"…","data":{}} ("code"
// instead of "status" before PocketBase 0.23), the status repeated in the
// body, or the {"mfaId":"…"} of a sign-in that asks for a second factor.
// A body that merely has a message could be any JSON API's.
func ownError(raw []byte, status int) bool {
	var body struct {
		Status  *int            `json:"status"`
		Code    *int            `json:"code"`
		Message string          `json:"message"`
		Data    json.RawMessage `json:"data"`
		MFAID   string          `json:"mfaId"`
	}
	if json.Unmarshal(raw, &body) != nil {
		return false
	}
	if body.MFAID != "" {
		return status == http.StatusUnauthorized
	}
	repeated := (body.Status != nil && *body.Status == status) || (body.Code != nil && *body.Code == status)
	return repeated && body.Message != "" && bytes.HasPrefix(bytes.TrimSpace(body.Data), []byte("{"))
}

// listPage is PocketBase's list envelope. Items stays nil when the key is
// missing, which tells a foreign JSON API from an empty list.
type listPage[T any] struct {
	Page       int `json:"page"`
	PerPage    int `json:"perPage"`
	TotalItems int `json:"totalItems"`
	TotalPages int `json:"totalPages"`
	Items      []T `json:"items"`
}

// systemRecord is a record of Beszel's systems collection.
type systemRecord struct {
	ID     string     `json:"id"`
	Name   string     `json:"name"`
	Host   string     `json:"host"`
	Status string     `json:"status"`
	Info   systemInfo `json:"info"`
}

// systemInfo is the part of a system's "info" JSON that Leitstand uses.
// Agents before 0.15 report cores in "c"; later ones only threads in "t"
// (cores moved to the system_details collection).
type systemInfo struct {
	Cores   int    `json:"c"`
	Threads int    `json:"t"`
	Agent   string `json:"v"`
}

// statsRecord is a record of system_stats or container_stats. Its stats
// stay raw until the record turns out to be its system's newest: most
// records in the window are older ones and decoding only the kept ones
// halves the work on a large hub.
type statsRecord struct {
	System  string          `json:"system"`
	Created string          `json:"created"`
	Stats   json.RawMessage `json:"stats"`
}

// systemStats is the part of Beszel's system.Stats that Leitstand uses.
// Sizes are GB (GiB, 2^30 bytes). Agents since 0.12 report network rates
// in "b" as bytes/s [sent, received]; older ones in "ns"/"nr" as MB/s.
type systemStats struct {
	CPU       float64            `json:"cpu"`
	MemTotal  float64            `json:"m"`
	MemUsed   float64            `json:"mu"`
	DiskTotal float64            `json:"d"`
	DiskUsed  float64            `json:"du"`
	NetSentMB float64            `json:"ns"`
	NetRecvMB float64            `json:"nr"`
	Bandwidth *[2]float64        `json:"b"`
	ExtraFs   map[string]fsStats `json:"efs"`
}

// fsStats is an extra filesystem's usage in GB.
type fsStats struct {
	Total float64 `json:"d"`
	Used  float64 `json:"du"`
}

// containerStat is one entry of a container_stats record: a running
// container by name, its CPU share of the host in percent, memory in MB
// (MiB) and network rates ("b" bytes/s, or the older "ns"/"nr" MB/s).
type containerStat struct {
	Name      string      `json:"n"`
	CPU       float64     `json:"c"`
	MemMB     float64     `json:"m"`
	NetSentMB float64     `json:"ns"`
	NetRecvMB float64     `json:"nr"`
	Bandwidth *[2]float64 `json:"b"`
}

// containerRecord is a record of the containers collection (hubs since
// 0.14): one per container an agent reported, upserted at every poll.
// Agents list only running containers, so a record that missed the last
// poll belongs to a container that is no longer running; the hub deletes
// records ten minutes stale at minute 8 of every hour. Status is Docker's
// status text without the health check's part ("Up 3 hours", "Up 2 hours
// (Paused)"); Health is Beszel's container.DockerHealth (0 none,
// 1 starting, 2 healthy, 3 unhealthy); Updated is the poll's time in unix
// milliseconds, the same for every record of one poll.
type containerRecord struct {
	ID      string  `json:"id"`
	System  string  `json:"system"`
	Name    string  `json:"name"`
	Image   string  `json:"image"`
	Status  string  `json:"status"`
	Health  float64 `json:"health"`
	Updated float64 `json:"updated"`
}

const (
	gib = 1 << 30
	mib = 1 << 20
)

func rates(b *[2]float64, sentMB, recvMB float64) (in, out float64) {
	if b != nil {
		return b[1], b[0]
	}
	return recvMB * mib, sentMB * mib
}

// call sends one request to the hub and decodes a 200 answer into out.
// It returns the answer's headers, whose Date is the hub's clock.
func (p *Provider) call(ctx context.Context, method, path string, query url.Values, token string, body, out any) (http.Header, error) {
	ctx, cancel := context.WithTimeout(ctx, p.cfg.CallTimeout())
	defer cancel()

	u := p.base + path
	if len(query) > 0 {
		u += "?" + query.Encode()
	}
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return nil, err
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, u, rd)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", provider.ErrBadResponse, err)
	}
	req.Header.Set("Accept", "application/json")
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		// PocketBase takes the bare token; "Bearer" is tolerated, not needed.
		req.Header.Set("Authorization", token)
	}
	resp, err := p.client.Do(req)
	if err != nil {
		return nil, provider.Unreachable(err)
	}
	defer func() {
		_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
		_ = resp.Body.Close()
	}()

	if resp.StatusCode != http.StatusOK {
		return resp.Header, p.statusError(ctx, method, path, resp)
	}
	if err := json.NewDecoder(io.LimitReader(resp.Body, maxBody)).Decode(out); err != nil {
		if ctx.Err() != nil {
			return resp.Header, provider.Unreachable(ctx.Err())
		}
		var syn *json.SyntaxError
		var typ *json.UnmarshalTypeError
		if errors.As(err, &syn) || errors.As(err, &typ) || errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			return resp.Header, fmt.Errorf("%w: %s %s did not answer with a Beszel hub's JSON (%s)", provider.ErrBadResponse, method, path, shorten(err.Error()))
		}
		return resp.Header, provider.Unreachable(err)
	}
	return resp.Header, nil
}

func (p *Provider) statusError(ctx context.Context, method, path string, resp *http.Response) error {
	raw, err := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	if err != nil && ctx.Err() != nil {
		return provider.Unreachable(ctx.Err())
	}
	var ae apiError
	pocketBase := json.Unmarshal(raw, &ae) == nil && (ae.Message != "" || ae.MFAID != "")
	detail := ae.Message
	if !pocketBase {
		detail = http.StatusText(resp.StatusCode)
	}
	he := &hubError{status: resp.StatusCode, message: detail, mfa: ae.MFAID != "", pocketBase: ownError(raw, resp.StatusCode)}
	switch {
	case resp.StatusCode == http.StatusNotFound:
		// Every path Leitstand calls exists on a Beszel hub, so a 404
		// means the URL points somewhere else (or at a plain PocketBase).
		he.err = fmt.Errorf("%w (404): %s %s is not there (%s); is this the Beszel hub's URL?", provider.ErrBadResponse, method, path, detail)
	case resp.StatusCode >= 400 && resp.StatusCode < 500 && !pocketBase && resp.StatusCode != http.StatusUnauthorized && resp.StatusCode != http.StatusForbidden:
		he.err = fmt.Errorf("%w (%d): %s %s did not answer like a Beszel hub", provider.ErrBadResponse, resp.StatusCode, method, path)
	default:
		he.err = provider.StatusError(resp.StatusCode, detail)
	}
	return he
}

func shorten(s string) string {
	if len(s) > 160 {
		return s[:160] + "…"
	}
	return s
}

// hubTime is the hub's clock from an answer's Date header; stats windows
// are measured on it so that a skewed clock here does not miss records.
func hubTime(h http.Header) (time.Time, bool) {
	if h == nil {
		return time.Time{}, false
	}
	t, err := http.ParseTime(h.Get("Date"))
	return t, err == nil
}

// tokenExpiry reads the "exp" claim of a PocketBase auth token (a JWT).
// Leitstand does not verify it: only the hub can, and it only needs to know
// when to sign in again.
func tokenExpiry(token string) (time.Time, bool) {
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		return time.Time{}, false
	}
	raw, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		return time.Time{}, false
	}
	var claims struct {
		Exp json.Number `json:"exp"`
	}
	if json.Unmarshal(raw, &claims) != nil {
		return time.Time{}, false
	}
	exp, err := strconv.ParseFloat(string(claims.Exp), 64)
	if err != nil || exp <= 0 {
		return time.Time{}, false
	}
	return time.Unix(int64(exp), 0), true
}

// quote makes s a PocketBase filter string literal.
func quote(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(s) + "'"
}
