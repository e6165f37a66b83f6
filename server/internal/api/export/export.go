// Package export serves every List RPC as a CSV download: one endpoint,
// GET /api/export/<package.Service>/<ListMethod>.csv?request=<List request
// as JSON>, which calls the same Connect handler the API serves, page after
// page, through the same interceptors (permission, validation, tenancy, audit
// of refusals) as the caller's own calls, and streams the rows as they come.
// A new list gets its export without any code of its own.
package export

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"buf.build/gen/go/bufbuild/protovalidate/protocolbuffers/go/buf/validate"
	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/reflect/protoregistry"
)

// Prefix is the path the export handler is mounted under.
const Prefix = "/api/export/"

// Handler serves CSV exports of the List RPCs of the services it is given.
type Handler struct {
	rpc      http.Handler
	services map[string]bool
	logger   *slog.Logger
	now      func() time.Time
}

// New returns the export handler. rpc serves the Connect services (the
// handler the API mounts them on); services are the names of those that
// may be exported from, and now dates the file names.
func New(rpc http.Handler, services []string, logger *slog.Logger, now func() time.Time) *Handler {
	h := &Handler{rpc: rpc, services: map[string]bool{}, logger: logger, now: now}
	for _, s := range services {
		h.services[s] = true
	}
	return h
}

// list is what an exportable RPC looks like: a request with page_token (and
// usually page_size), a response with next_page_token and exactly one
// repeated message field, the resources. A list short enough to need no
// paging has neither token.
type list struct {
	procedure string
	method    protoreflect.MethodDescriptor
	pageToken protoreflect.FieldDescriptor
	pageSize  protoreflect.FieldDescriptor // nil when the request has none
	nextToken protoreflect.FieldDescriptor
	items     protoreflect.FieldDescriptor
	input     protoreflect.MessageType
	output    protoreflect.MessageType
}

// listOf finds the List RPC a path names; false for anything else.
func (h *Handler) listOf(path string) (*list, bool) {
	name, ok := strings.CutSuffix(strings.TrimPrefix(path, Prefix), ".csv")
	if !ok {
		return nil, false
	}
	service, method, ok := strings.Cut(name, "/")
	if !ok || !h.services[service] || !strings.HasPrefix(method, "List") {
		return nil, false
	}
	d, err := protoregistry.GlobalFiles.FindDescriptorByName(protoreflect.FullName(service))
	if err != nil {
		return nil, false
	}
	sd, ok := d.(protoreflect.ServiceDescriptor)
	if !ok {
		return nil, false
	}
	md := sd.Methods().ByName(protoreflect.Name(method))
	if md == nil || md.IsStreamingClient() || md.IsStreamingServer() {
		return nil, false
	}
	l := &list{procedure: "/" + service + "/" + method, method: md,
		pageToken: md.Input().Fields().ByName("page_token"),
		pageSize:  md.Input().Fields().ByName("page_size"),
		nextToken: md.Output().Fields().ByName("next_page_token")}
	// A list pages with both tokens, or (a short list such as the roles)
	// with neither and answers in one page.
	if (l.pageToken == nil) != (l.nextToken == nil) ||
		l.pageToken != nil && (l.pageToken.Kind() != protoreflect.StringKind || l.nextToken.Kind() != protoreflect.StringKind) {
		return nil, false
	}
	if l.pageSize != nil && l.pageSize.Kind() != protoreflect.Int32Kind {
		l.pageSize = nil
	}
	fields := md.Output().Fields()
	for i := range fields.Len() {
		if f := fields.Get(i); f.IsList() && f.Kind() == protoreflect.MessageKind {
			if l.items != nil {
				return nil, false // two lists: which rows would the file hold?
			}
			l.items = f
		}
	}
	if l.items == nil {
		return nil, false
	}
	if l.input, err = protoregistry.GlobalTypes.FindMessageByName(md.Input().FullName()); err != nil {
		return nil, false
	}
	if l.output, err = protoregistry.GlobalTypes.FindMessageByName(md.Output().FullName()); err != nil {
		return nil, false
	}
	return l, true
}

// largestPage is the page size the request's own validation allows at most,
// so an export takes as few pages as it may; 0 (the list's default) where
// the request declares no bound.
func largestPage(fd protoreflect.FieldDescriptor) int32 {
	rules, ok := proto.GetExtension(fd.Options(), validate.E_Field).(*validate.FieldRules)
	if !ok || rules == nil {
		return 0
	}
	return rules.GetInt32().GetLte()
}

func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "only GET exports a list", http.StatusMethodNotAllowed)
		return
	}
	l, ok := h.listOf(r.URL.Path)
	if !ok {
		http.Error(w, "no list to export at this address", http.StatusNotFound)
		return
	}
	req := l.input.New()
	if q := r.URL.Query().Get("request"); q != "" {
		if err := (protojson.UnmarshalOptions{}).Unmarshal([]byte(q), req.Interface()); err != nil {
			http.Error(w, "the request parameter is not a valid "+string(l.method.Input().Name())+": "+err.Error(), http.StatusBadRequest)
			return
		}
	}
	if l.pageToken != nil {
		req.Clear(l.pageToken)
	}
	// Unless the caller asks for a page size, pages are as large as the
	// list allows: fewer calls for the same rows.
	if l.pageSize != nil && req.Get(l.pageSize).Int() == 0 {
		if n := largestPage(l.pageSize); n > 0 {
			req.Set(l.pageSize, protoreflect.ValueOfInt32(n))
		}
	}

	ctx := r.Context()
	// The first page decides the answer's status: a refusal (not signed in,
	// no permission, bad filter) is an error, not an empty file.
	page, err := h.call(ctx, l, req)
	if err != nil {
		var ce *callError
		if errors.As(err, &ce) {
			http.Error(w, ce.Message, ce.status())
			return
		}
		h.logger.ErrorContext(ctx, "export", "procedure", l.procedure, "err", err)
		http.Error(w, "the export failed", http.StatusInternalServerError)
		return
	}

	cols := columnsOf(l.items.Message())
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s-%s.csv"`,
		strings.ReplaceAll(string(l.items.Name()), "_", "-"), h.now().UTC().Format("2006-01-02")))
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
	if r.Method == http.MethodHead {
		return
	}
	out := csv.NewWriter(w)
	flusher := http.NewResponseController(w)
	header := make([]string, len(cols))
	for i, c := range cols {
		header[i] = c.name
	}
	_ = out.Write(header)
	record := make([]string, len(cols))
	for {
		items := page.Get(l.items).List()
		for i := range items.Len() {
			m := items.Get(i).Message()
			for j, c := range cols {
				record[j] = c.cell(m)
			}
			_ = out.Write(record)
		}
		// Each page goes out as it arrives: the download starts at once and
		// memory stays at one page whatever the list's length.
		out.Flush()
		if err := out.Error(); err != nil {
			return // the client went away
		}
		_ = flusher.Flush()
		if l.nextToken == nil {
			return
		}
		next := page.Get(l.nextToken).String()
		if next == "" || next == req.Get(l.pageToken).String() {
			return
		}
		if ctx.Err() != nil {
			return
		}
		req.Set(l.pageToken, protoreflect.ValueOfString(next))
		if page, err = h.call(ctx, l, req); err != nil {
			// The status is sent; breaking the connection tells the client
			// the file is incomplete rather than letting it look whole.
			if ctx.Err() == nil {
				h.logger.ErrorContext(ctx, "export: a later page failed", "procedure", l.procedure, "err", err)
			}
			panic(http.ErrAbortHandler)
		}
	}
}

// callError is a Connect error answered by the handler.
type callError struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

func (e *callError) Error() string { return e.Code + ": " + e.Message }

// status is the HTTP status of a Connect error code, as the Connect protocol
// maps them.
func (e *callError) status() int {
	switch e.Code {
	case "invalid_argument", "failed_precondition", "out_of_range":
		return http.StatusBadRequest
	case "unauthenticated":
		return http.StatusUnauthorized
	case "permission_denied":
		return http.StatusForbidden
	case "not_found":
		return http.StatusNotFound
	case "already_exists", "aborted":
		return http.StatusConflict
	case "resource_exhausted":
		return http.StatusTooManyRequests
	case "unimplemented":
		return http.StatusNotImplemented
	case "unavailable":
		return http.StatusServiceUnavailable
	case "deadline_exceeded":
		return http.StatusGatewayTimeout
	default:
		return http.StatusInternalServerError
	}
}

// call runs one List call through the Connect handler, in process, with the
// caller's context (and so their principal), as a Connect JSON request.
func (h *Handler) call(ctx context.Context, l *list, req protoreflect.Message) (protoreflect.Message, error) {
	body, err := protojson.Marshal(req.Interface())
	if err != nil {
		return nil, err
	}
	r, err := http.NewRequestWithContext(ctx, http.MethodPost, l.procedure, bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	r.Header.Set("Content-Type", "application/json")
	r.Header.Set("Connect-Protocol-Version", "1")
	rec := &recorder{header: http.Header{}, status: http.StatusOK}
	h.rpc.ServeHTTP(rec, r)
	if rec.status != http.StatusOK {
		ce := &callError{}
		if err := json.Unmarshal(rec.body.Bytes(), ce); err != nil || ce.Code == "" {
			return nil, fmt.Errorf("%s answered %d: %s", l.procedure, rec.status, rec.body.String())
		}
		return nil, ce
	}
	out := l.output.New()
	if err := (protojson.UnmarshalOptions{DiscardUnknown: true}).Unmarshal(rec.body.Bytes(), out.Interface()); err != nil {
		return nil, fmt.Errorf("read %s answer: %w", l.procedure, err)
	}
	return out, nil
}

// recorder keeps one in-process answer in memory: a page.
type recorder struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (r *recorder) Header() http.Header         { return r.header }
func (r *recorder) Write(b []byte) (int, error) { return r.body.Write(b) }
func (r *recorder) WriteHeader(status int)      { r.status = status }
