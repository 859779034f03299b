package extract

import (
	"errors"
	"strconv"
	"strings"
	"time"
)

// location reads a time zone as the postextract command's -tz does: a
// fixed offset from UTC (+08:00, +0800, +8, UTC+8, GMT-5), else a zone
// name of the tz database (Asia/Shanghai, UTC); an abbreviation but UTC
// and GMT is refused, with the command's message.
func location(s string) (*time.Location, error) {
	if off, ok := parseOffset(s); ok {
		return time.FixedZone(s, int(off/time.Second)), nil
	}
	// Abbreviations but UTC and GMT are refused, as the command refuses
	// them, also those that are legacy names of the tz database (EST,
	// MST, CET): a reader of EST means New York's time, summer included.
	if isAbbreviation(s) && s != "UTC" && s != "GMT" {
		return nil, errors.New("an abbreviation can stand for several zones, or not for the zone meant (CST: US Central, China, Cuba; EST: New York without its summer time); give a zone name such as Asia/Shanghai or an offset such as +08:00")
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

// isAbbreviation reports whether s looks like a zone abbreviation (CST,
// PDT, AEST): two to five capital letters, as the command reads it.
func isAbbreviation(s string) bool {
	if len(s) < 2 || len(s) > 5 {
		return false
	}
	for _, r := range s {
		if r < 'A' || r > 'Z' {
			return false
		}
	}
	return true
}
