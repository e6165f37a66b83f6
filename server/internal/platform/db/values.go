package db

import "strconv"

// Int reads a column added to a query with a modifier (ent's Value), e.g. a
// COUNT(*) subquery. Drivers return it as int64, float64 or text; a missing
// or unreadable value is 0.
func Int(v any, err error) int {
	if err != nil {
		return 0
	}
	switch n := v.(type) {
	case int64:
		return int(n)
	case int:
		return n
	case float64:
		return int(n)
	case []byte:
		i, _ := strconv.Atoi(string(n))
		return i
	case string:
		i, _ := strconv.Atoi(n)
		return i
	}
	return 0
}

// Text reads a text column added to a query with a modifier.
func Text(v any, err error) string {
	if err != nil {
		return ""
	}
	switch s := v.(type) {
	case string:
		return s
	case []byte:
		return string(s)
	}
	return ""
}
