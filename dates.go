package postextract

import (
	"strconv"
	"strings"
	"time"
)

// dateLayouts are the written date forms we read, tried in order. Layouts
// without a zone are read in the Extractor's location (WithLocation).
var dateLayouts = []string{
	time.RFC3339, // a fraction of a second is accepted too
	"2006-01-02T15:04:05",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05 Z07:00",
	"2006-01-02 15:04:05 -0700",
	"2006-01-02 15:04:05 -0700 MST", // Go's time.Time.String
	"2006-01-02 15:04:05 MST",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04",
	"2006-01-02",
	"2006/1/2 15:04:05",
	"2006/1/2 15:04",
	"2006/1/2",
	time.RFC1123,
	time.RFC1123Z,
	"Mon, 2 Jan 2006 15:04:05 MST",
	"Mon, 2 Jan 2006 15:04:05 -0700",
	"2 Jan 2006 15:04:05 MST",
	"2 Jan 2006 15:04:05 -0700",
	time.RFC822,
	time.RFC822Z,
	time.RFC850,
	time.ANSIC,
	time.UnixDate,
	time.RubyDate,
	"2006年1月2日 15:04:05",
	"2006年1月2日 15:04",
	"2006年1月2日",
}

// parseDate reads a front-matter date value. Values that a decoder already
// produced as times are taken as they are, except TOML's local date-times,
// which have no zone and are read in the Extractor's location. Integers, and
// strings of digits, are Unix seconds (13 digits: milliseconds).
func (e *Extractor) parseDate(v any) (time.Time, bool) {
	switch x := v.(type) {
	case time.Time:
		switch x.Location().String() {
		case "datetime-local", "date-local", "time-local":
			x = time.Date(x.Year(), x.Month(), x.Day(), x.Hour(), x.Minute(), x.Second(), x.Nanosecond(), e.loc)
		}
		return normalizeZone(x), true
	case int:
		return unixTime(int64(x)), true
	case int64:
		return unixTime(x), true
	case uint64:
		if x < 1<<62 {
			return unixTime(int64(x)), true
		}
		return time.Time{}, false
	case float64:
		if x >= 0 && x < 1e15 && x == float64(int64(x)) {
			return unixTime(int64(x)), true
		}
		return time.Time{}, false
	case string:
		return e.parseDateString(x)
	}
	return time.Time{}, false
}

func (e *Extractor) parseDateString(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 64 {
		return time.Time{}, false
	}
	if isDigits(s) {
		if n, err := strconv.ParseInt(s, 10, 64); err == nil && len(s) <= 13 {
			return unixTime(n), true
		}
		return time.Time{}, false
	}
	for _, layout := range dateLayouts {
		if t, err := time.ParseInLocation(layout, s, e.loc); err == nil {
			return normalizeZone(t), true
		}
	}
	return time.Time{}, false
}

// normalizeZone writes zero-offset times (GMT, UTC, Z) as UTC.
func normalizeZone(t time.Time) time.Time {
	if _, off := t.Zone(); off == 0 {
		return t.UTC()
	}
	return t
}

func unixTime(n int64) time.Time {
	if n > 1e12 || n < -1e12 {
		return time.UnixMilli(n).UTC()
	}
	return time.Unix(n, 0).UTC()
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
