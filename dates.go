package postextract

import (
	"strconv"
	"strings"
	"time"
)

// dateShape is the first-glance form of a written date; only the layouts of
// its shape are tried, so a miss costs a few attempts, not thirty.
type dateShape uint8

const (
	shapeISO      dateShape = iota // 2006-01-02…
	shapeSlash                     // 2006/1/2…
	shapeCJK                       // 2006年1月2日…
	shapeWeekday                   // Mon, 02 Jan 2006… and the Unix forms
	shapeDayFirst                  // 02 Jan 06…
)

// dateLayouts are the written date forms we read, by shape, tried in order.
// Layouts without a zone are read in the Extractor's location (WithLocation).
var dateLayouts = []struct {
	shape  dateShape
	layout string
}{
	{shapeISO, time.RFC3339}, // a fraction of a second is accepted too
	{shapeISO, "2006-01-02T15:04:05"},
	{shapeISO, "2006-01-02T15:04"},
	{shapeISO, "2006-01-02 15:04:05Z07:00"},
	{shapeISO, "2006-01-02 15:04:05 Z07:00"},
	{shapeISO, "2006-01-02 15:04:05 -0700"},
	{shapeISO, "2006-01-02 15:04:05 -0700 MST"}, // Go's time.Time.String
	{shapeISO, "2006-01-02 15:04:05 MST"},
	{shapeISO, "2006-01-02 15:04:05"},
	{shapeISO, "2006-01-02 15:04"},
	{shapeISO, "2006-01-02"},
	{shapeSlash, "2006/1/2 15:04:05"},
	{shapeSlash, "2006/1/2 15:04"},
	{shapeSlash, "2006/1/2"},
	{shapeCJK, "2006年1月2日 15:04:05"},
	{shapeCJK, "2006年1月2日 15:04"},
	{shapeCJK, "2006年1月2日"},
	{shapeWeekday, time.RFC1123},
	{shapeWeekday, time.RFC1123Z},
	{shapeWeekday, "Mon, 2 Jan 2006 15:04:05 MST"},
	{shapeWeekday, "Mon, 2 Jan 2006 15:04:05 -0700"},
	{shapeWeekday, time.RFC850},
	{shapeWeekday, time.ANSIC},
	{shapeWeekday, time.UnixDate},
	{shapeWeekday, time.RubyDate},
	{shapeDayFirst, "2 Jan 2006 15:04:05 MST"},
	{shapeDayFirst, "2 Jan 2006 15:04:05 -0700"},
	{shapeDayFirst, time.RFC822},
	{shapeDayFirst, time.RFC822Z},
}

func shapeOf(s string) dateShape {
	switch {
	case len(s) > 4 && s[4] == '-':
		return shapeISO
	case len(s) > 4 && s[4] == '/':
		return shapeSlash
	case strings.Contains(s, "年"):
		return shapeCJK
	case s[0] >= '0' && s[0] <= '9':
		return shapeDayFirst
	}
	return shapeWeekday
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
	if s == "" || len(s) > 64 || !strings.ContainsAny(s, "0123456789") {
		return time.Time{}, false // "Invalid Date" and the like
	}
	if isDigits(s) {
		if n, err := strconv.ParseInt(s, 10, 64); err == nil && len(s) <= 13 {
			return unixTime(n), true
		}
		return time.Time{}, false
	}
	// GMT is UTC; said so, time.Parse needs no made-up zone for it.
	if rest, ok := strings.CutSuffix(s, " GMT"); ok {
		s = rest + " UTC"
	}
	shape := shapeOf(s)
	for _, d := range dateLayouts {
		if d.shape != shape {
			continue
		}
		if t, err := time.ParseInLocation(d.layout, s, e.loc); err == nil {
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
