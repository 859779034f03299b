// Package zone reads a time zone as people write it on a command line: a
// fixed offset from UTC or a tz database name, abbreviations refused. The
// postextract command's -tz and postextract-beam's --tz share it.
package zone

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// maxOffset is the largest offset from UTC any zone uses (Kiribati, +14).
const maxOffset = 14 * time.Hour

// Location reads a -tz value: a fixed offset from UTC (+08:00, +0800, +8, -05:30,
// UTC+8, GMT-5), else a zone name of the tz database (Asia/Shanghai, UTC).
// UTC+8 means eight hours ahead of UTC, as people write it, not the POSIX
// TZ reading (eight hours behind). Abbreviations but UTC and GMT are
// refused with a message that says why: CST is US Central, China and Cuba,
// and the tz database's EST is New York without summer time.
func Location(s string) (*time.Location, error) {
	if off, ok := parseOffset(s); ok {
		return time.FixedZone(formatOffset(off), int(off/time.Second)), nil
	}
	// Some abbreviations are also legacy names in the tz database (EST,
	// MST, CET): refused all the same, before it is asked, since a reader
	// of EST means New York's time, summer included, and gets a fixed -05.
	if isAbbreviation(s) && s != "UTC" && s != "GMT" {
		return nil, errors.New("an abbreviation can stand for several zones, or not for the zone meant (CST: US Central, China, Cuba; EST: New York without its summer time); give a zone name such as Asia/Shanghai or an offset such as +08:00")
	}
	loc, err := time.LoadLocation(s)
	if err == nil {
		return loc, nil
	}
	if strings.ContainsAny(s, "+-") && !strings.Contains(s, "/") {
		return nil, fmt.Errorf("not an offset: want ±hh:mm, ±hhmm or ±h, up to %s, after UTC or GMT or alone", formatOffset(maxOffset))
	}
	return nil, errors.New("unknown time zone: want a zone name such as Asia/Shanghai, or an offset such as +08:00, -0500 or UTC+8")
}

// parseOffset reads [UTC|GMT]±h, ±hh, ±hhmm, ±h:mm or ±hh:mm.
func parseOffset(s string) (time.Duration, bool) {
	if len(s) > 3 && (strings.EqualFold(s[:3], "UTC") || strings.EqualFold(s[:3], "GMT")) {
		s = s[3:]
	}
	if len(s) < 2 || s[0] != '+' && s[0] != '-' {
		return 0, false
	}
	sign, s := s[0], s[1:]
	h, m, colon := s, "00", strings.IndexByte(s, ':')
	switch {
	case colon >= 0:
		h, m = s[:colon], s[colon+1:]
		if len(m) != 2 {
			return 0, false
		}
	case len(s) == 4:
		h, m = s[:2], s[2:]
	}
	if len(h) < 1 || len(h) > 2 || !digits(h) || !digits(m) {
		return 0, false
	}
	hours, _ := strconv.Atoi(h)
	minutes, _ := strconv.Atoi(m)
	off := time.Duration(hours)*time.Hour + time.Duration(minutes)*time.Minute
	if minutes > 59 || off > maxOffset {
		return 0, false
	}
	if sign == '-' {
		off = -off
	}
	return off, true
}

func digits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// formatOffset writes an offset as ±hh:mm, the name of the fixed zone.
func formatOffset(off time.Duration) string {
	sign := '+'
	if off < 0 {
		sign, off = '-', -off
	}
	return fmt.Sprintf("%c%02d:%02d", sign, int(off/time.Hour), int(off%time.Hour/time.Minute))
}

// isAbbreviation reports whether s looks like a zone abbreviation (CST,
// PDT, AEST): two to five capital letters.
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
