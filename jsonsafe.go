package postextract

import (
	"math"
	"strconv"
	"time"
)

// isJSONSafe reports whether encoding/json can write v as it is, so that
// the common case needs no copy.
func isJSONSafe(v any, depth int) bool {
	if depth > 64 {
		return false
	}
	switch x := v.(type) {
	case map[string]any:
		for _, v := range x {
			if !isJSONSafe(v, depth+1) {
				return false
			}
		}
	case []any:
		for _, v := range x {
			if !isJSONSafe(v, depth+1) {
				return false
			}
		}
	case []map[string]any:
		return false
	case float64:
		return !math.IsNaN(x) && !math.IsInf(x, 0)
	case time.Time:
		return encodable(x)
	}
	return true
}

// jsonSafe returns v with every value made encodable by encoding/json:
// NaN and infinities (TOML and YAML have them) and times outside what JSON
// carries become text. Nesting past 64 levels is cut.
func jsonSafe(v any, depth int) any {
	if depth > 64 {
		return nil
	}
	switch x := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, v := range x {
			out[k] = jsonSafe(v, depth+1)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, v := range x {
			out[i] = jsonSafe(v, depth+1)
		}
		return out
	case []map[string]any:
		out := make([]any, len(x))
		for i, v := range x {
			out[i] = jsonSafe(v, depth+1)
		}
		return out
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return strconv.FormatFloat(x, 'g', -1, 64)
		}
	case time.Time:
		if !encodable(x) {
			return x.String()
		}
	}
	return v
}
