package extract

import (
	"errors"
	"strconv"
	"strings"
	"time"
)

// location reads a time zone as the postextract command's -tz does: a
// fixed offset from UTC (+08:00, +0800, +8, UTC+8, GMT-5), else a zone
// name of the tz database (Asia/Shanghai, UTC).
func location(s string) (*time.Location, error) {
	if off, ok := parseOffset(s); ok {
		return time.FixedZone(s, int(off/time.Second)), nil
	}
	loc, err := time.LoadLocation(s)
	if err != nil {
		return nil, errors.New("unknown time zone: want a zone name such as Asia/Shanghai, or an offset such as +08:00")
	}
	return loc, nil
}

// parseOffset reads [UTC|GMT]±h, ±hh, ±hhmm, ±h:mm or ±hh:mm, up to 14 hours.
func parseOffset(s string) (time.Duration, bool) {
	if len(s) > 3 && (strings.EqualFold(s[:3], "UTC") || strings.EqualFold(s[:3], "GMT")) {
		s = s[3:]
	}
	if len(s) < 2 || s[0] != '+' && s[0] != '-' {
		return 0, false
	}
	neg, s := s[0] == '-', s[1:]
	h, m := s, "0"
	if i := strings.IndexByte(s, ':'); i >= 0 {
		h, m = s[:i], s[i+1:]
		if len(m) != 2 {
			return 0, false
		}
	} else if len(s) == 4 {
		h, m = s[:2], s[2:]
	}
	hh, err1 := strconv.ParseUint(h, 10, 8)
	mm, err2 := strconv.ParseUint(m, 10, 8)
	if err1 != nil || err2 != nil || len(h) > 2 || mm > 59 {
		return 0, false
	}
	off := time.Duration(hh)*time.Hour + time.Duration(mm)*time.Minute
	if off > 14*time.Hour {
		return 0, false
	}
	if neg {
		off = -off
	}
	return off, true
}
