package proxmoxsim

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"
)

const jsonType = "application/json;charset=UTF-8"

// writeData wraps payload, already JSON, in pveproxy's {"data": …}
// envelope.
func writeData(w http.ResponseWriter, payload []byte) {
	b := make([]byte, 0, len(payload)+10)
	b = append(b, `{"data":`...)
	b = append(b, payload...)
	writeJSON(w, append(b, '}'))
}

func writeJSON(w http.ResponseWriter, body []byte) {
	h := w.Header()
	h.Set("Content-Type", jsonType)
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(body)
}

// apiError is how pveproxy reports a handler's die(): the message in the
// reason phrase and, for the json format, in the body as well.
func apiError(w http.ResponseWriter, code int, msg string) {
	b := []byte(`{"data":null,"message":`)
	b = appendString(b, msg+"\n")
	rawResponse(w, code, msg, jsonType, append(b, '}'))
}

// paramError is PVE's answer to a parameter that fails its schema.
func paramError(w http.ResponseWriter, field, msg string) {
	const reason = "Parameter verification failed."
	b := []byte(`{"data":null,"errors":{`)
	b = appendString(b, field)
	b = append(b, ':')
	b = appendString(b, msg)
	b = append(b, `},"message":`...)
	b = appendString(b, reason+"\n")
	rawResponse(w, http.StatusBadRequest, reason, jsonType, append(b, '}'))
}

func forbidden(w http.ResponseWriter, path, priv string) {
	apiError(w, http.StatusForbidden, fmt.Sprintf("Permission check failed (%s, %s)", path, priv))
}

// plainError is pveproxy's error() outside the API formatters: the message
// is reason phrase and body, without a content type.
func plainError(w http.ResponseWriter, code int, msg string) {
	rawResponse(w, code, msg, "", []byte(msg))
}

// rawResponse writes a response whose reason phrase is reason. net/http
// always sends the standard phrase, and clients such as go-proxmox report
// only the status line of a 500, so the connection is taken over to write
// the status line pveproxy would. pveproxy closes the connection after any
// error, which taking it over does anyway.
func rawResponse(w http.ResponseWriter, code int, reason, contentType string, body []byte) {
	reason, _, _ = strings.Cut(reason, "\n")
	h := w.Header()
	if contentType != "" {
		h.Set("Content-Type", contentType)
	}
	hj, ok := w.(http.Hijacker)
	if !ok || reason == "" || reason == http.StatusText(code) {
		if len(body) > 0 {
			h.Set("Content-Length", strconv.Itoa(len(body)))
		}
		w.WriteHeader(code)
		_, _ = w.Write(body)
		return
	}
	conn, buf, err := hj.Hijack()
	if err != nil {
		return
	}
	defer func() { _ = conn.Close() }()
	h.Set("Connection", "close")
	if len(body) > 0 {
		h.Set("Content-Length", strconv.Itoa(len(body)))
	}
	_, _ = fmt.Fprintf(buf, "HTTP/1.1 %03d %s\r\n", code, reason)
	_ = h.Write(buf)
	_, _ = buf.WriteString("\r\n")
	_, _ = buf.Write(body)
	_ = buf.Flush()
}

// appendString appends s as a JSON string.
func appendString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '"' || c == '\\':
			b = append(b, '\\', c)
			i++
		case c == '\n':
			b = append(b, '\\', 'n')
			i++
		case c < 0x20:
			b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			i++
		case c < utf8.RuneSelf:
			b = append(b, c)
			i++
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size == 1 {
				b = append(b, `\ufffd`...)
			} else {
				b = append(b, s[i:i+size]...)
			}
			i += size
		}
	}
	return append(b, '"')
}
