// Package coded holds texts the server keeps as a stable code with named
// values (a health reason, a run's summary), so that every client can word
// them in its own language. The server's English sentence stays beside the
// code for logs and for clients that show it as it is.
package coded

import (
	"fmt"
	"regexp"
	"strconv"
)

// Text is one coded text: Code names what it says ("cpu-high"), Params the
// values it says it with ({"percent": "93", "threshold": "90"}), and English
// is the server's own wording.
type Text struct {
	Code    string            `json:"code"`
	Params  map[string]string `json:"params,omitempty"`
	English string            `json:"-"`
}

// codePattern is what a code looks like: lower-case words joined by
// hyphens, so it can be part of a message key in every client.
var codePattern = regexp.MustCompile(`^[a-z][a-z0-9]*(-[a-z0-9]+)*$`)

// ValidCode reports whether code has the form of a code.
func ValidCode(code string) bool { return len(code) <= 64 && codePattern.MatchString(code) }

// Int is an integer parameter's value as a Params entry holds it.
func Int[T ~int | ~int32 | ~int64](v T) string { return strconv.FormatInt(int64(v), 10) }

// Percent is a share in percent, rounded to a whole number as the English
// texts show it.
func Percent(v float64) string { return fmt.Sprintf("%.0f", v) }
