package postextract

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// dateShape is the first-glance form of a written date; only the layouts of
// its shape are tried, so a miss costs a few attempts, not thirty.
type dateShape uint8

const (
	shapeISO      dateShape = iota // 2006-01-02… (read by parseISODate, not by layouts)
	shapeSlash                     // 2006/1/2…
	shapeCJK                       // 2006年1月2日…
	shapeWeekday                   // Mon, 02 Jan 2006… and the Unix forms
	shapeDayFirst                  // 02 Jan 06…
)

// dateLayouts are the written date forms read with time.Parse, by shape,
// tried in order. A day written "2" also reads "02"; seconds are optional
// where the RFC grammars make them so. Layouts without a zone are read in
// the Extractor's location (WithLocation).
var dateLayouts = []struct {
	shape  dateShape
	layout string
}{
	{shapeSlash, "2006/1/2 15:04:05"},
	{shapeSlash, "2006/1/2 15:04"},
	{shapeSlash, "2006/1/2"},
	{shapeSlash, "2006/1/2 15:04:05-0700"},
	{shapeSlash, "2006/1/2 15:04:05 -0700"},
	{shapeSlash, "2006/1/2 15:04:05-07:00"},
	{shapeSlash, "2006/1/2 15:04:05 -07:00"},
	{shapeSlash, "2006/1/2 15:04-0700"},
	{shapeSlash, "2006/1/2 15:04 -0700"},
	{shapeSlash, "2006/1/2 15:04-07:00"},
	{shapeSlash, "2006/1/2 15:04 -07:00"},
	{shapeCJK, "2006年1月2日 15:04:05"},
	{shapeCJK, "2006年1月2日 15:04"},
	{shapeCJK, "2006年1月2日"},
	{shapeCJK, "2006年1月2日15:04:05"}, // no space before the time
	{shapeCJK, "2006年1月2日15:04"},
	// Dates in words: the month's name first (January 2, 2006), or the
	// day first (2 January 2006; the short names are read by RFC 822's
	// layouts below, and here without a time).
	{shapeWeekday, "January 2, 2006"},
	{shapeWeekday, "Jan 2, 2006"},
	{shapeWeekday, "January 2 2006"},
	{shapeWeekday, "Jan 2 2006"},
	{shapeWeekday, "January 2, 2006 15:04:05"},
	{shapeWeekday, "Jan 2, 2006 15:04:05"},
	{shapeWeekday, "January 2, 2006 15:04"},
	{shapeWeekday, "Jan 2, 2006 15:04"},
	{shapeDayFirst, "2 January 2006"},
	{shapeDayFirst, "2 Jan 2006"},
	{shapeWeekday, "Mon, 2 Jan 2006 15:04:05 MST"},   // RFC 1123
	{shapeWeekday, "Mon, 2 Jan 2006 15:04:05 -0700"}, // RFC 1123Z
	{shapeWeekday, "Mon, 2 Jan 2006 15:04 MST"},
	{shapeWeekday, "Mon, 2 Jan 2006 15:04 -0700"},
	{shapeWeekday, "Mon, 2 Jan 06 15:04:05 MST"}, // RFC 822 with a weekday
	{shapeWeekday, "Mon, 2 Jan 06 15:04:05 -0700"},
	{shapeWeekday, "Mon, 2 Jan 06 15:04 MST"},
	{shapeWeekday, "Mon, 2 Jan 06 15:04 -0700"},
	{shapeWeekday, "Monday, 02-Jan-06 15:04:05 MST"}, // RFC 850
	{shapeWeekday, time.ANSIC},
	{shapeWeekday, time.UnixDate},
	{shapeWeekday, time.RubyDate},
	{shapeWeekday, "Mon Jan 2 2006 15:04:05 GMT-0700"}, // JavaScript's Date.toString
	{shapeDayFirst, "2 Jan 2006 15:04:05 MST"},
	{shapeDayFirst, "2 Jan 2006 15:04:05 -0700"},
	{shapeDayFirst, "2 Jan 2006 15:04 MST"},
	{shapeDayFirst, "2 Jan 2006 15:04 -0700"},
	{shapeDayFirst, "2 Jan 06 15:04:05 MST"},
	{shapeDayFirst, "2 Jan 06 15:04:05 -0700"},
	{shapeDayFirst, "2 Jan 06 15:04 MST"}, // RFC 822
	{shapeDayFirst, "2 Jan 06 15:04 -0700"},
}

// rfc822Zones are the zone abbreviations RFC 822 defines, read so when the
// Extractor's location does not define them (with a warning: CST is also
// China's). GMT, UT, UTC and Z are UTC everywhere.
var rfc822Zones = map[string]int{
	"EST": -5, "EDT": -4, "CST": -6, "CDT": -5,
	"MST": -7, "MDT": -6, "PST": -8, "PDT": -7,
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
// produced as times are taken as they are (TOML's local date-times come as
// text, read in the Extractor's location; a time without a date is no
// date). Numbers, and strings of digits, are Unix
// seconds. note says what was guessed, if anything. A date that JSON cannot
// carry (a year outside 0–9999: milliseconds read as seconds) is not a date.
func (e *Extractor) parseDate(v any) (t time.Time, note string, ok bool) {
	switch x := v.(type) {
	case time.Time:
		t, ok = normalizeZone(x), true
	case int:
		t, ok = unixTime(int64(x)), true
	case int64:
		t, ok = unixTime(x), true
	case uint64:
		if x < 1<<62 {
			t, ok = unixTime(int64(x)), true
		}
	case float64:
		if x > -1e15 && x < 1e15 && x == float64(int64(x)) {
			t, ok = unixTime(int64(x)), true
		}
	case json.Number:
		if n, err := x.Int64(); err == nil {
			t, ok = unixTime(n), true
		}
	case string:
		t, note, ok = e.parseDateString(x)
	}
	if !ok || !encodable(t) {
		return time.Time{}, "", false
	}
	return t, note, true
}

// encodable reports whether encoding/json can write t: a four-digit year and
// a zone offset under 24 hours.
func encodable(t time.Time) bool {
	_, off := t.Zone()
	return t.Year() >= 0 && t.Year() <= 9999 && off > -86400 && off < 86400
}

func (e *Extractor) parseDateString(s string) (time.Time, string, bool) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 64 || !strings.ContainsAny(s, "0123456789") {
		return time.Time{}, "", false // "Invalid Date" and the like
	}
	if isDigits(s) {
		if n, err := strconv.ParseInt(s, 10, 64); err == nil {
			return unixTime(n), "", true
		}
		return time.Time{}, "", false
	}
	// A trailing comment: JavaScript's Date.toString "(China Standard
	// Time)", RFC 822's "(CST)".
	if i := strings.LastIndexByte(s, '('); i > 0 && strings.HasSuffix(s, ")") {
		s = strings.TrimSpace(s[:i])
	}
	shape := shapeOf(s)
	if shape == shapeISO {
		return e.parseISODate(s)
	}
	s = utcWords(s)
	for _, d := range dateLayouts {
		if d.shape != shape {
			continue
		}
		if t, err := time.ParseInLocation(d.layout, s, e.loc); err == nil {
			t, note := e.fixZone(t)
			return t, note, true
		}
	}
	return time.Time{}, "", false
}

// utcWords writes the zone words that mean UTC (GMT, UT) as "UTC", which
// time.Parse reads as UTC whatever the location.
func utcWords(s string) string {
	if !strings.Contains(s, "GMT") && !strings.Contains(s, "UT") {
		return s
	}
	f := strings.Fields(s)
	for i, w := range f {
		if w == "GMT" || w == "UT" {
			f[i] = "UTC"
		}
	}
	return strings.Join(f, " ")
}

// fixZone reads a zone abbreviation that the Extractor's location does not
// define (time.Parse then makes up a zero-offset zone of that name): as RFC
// 822 defines it, or else as UTC, saying which in note.
func (e *Extractor) fixZone(t time.Time) (time.Time, string) {
	loc := t.Location()
	if loc == e.loc || loc == time.UTC {
		return normalizeZone(t), ""
	}
	name, off := t.Zone()
	if off != 0 || name != loc.String() || name == "" {
		return normalizeZone(t), "" // a numeric offset
	}
	switch name {
	case "GMT", "UTC", "UT", "Z":
		return t.UTC(), ""
	}
	if h, ok := rfc822Zones[name]; ok {
		z := time.FixedZone(name, h*3600)
		t = time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), z)
		return t, fmt.Sprintf("zone %s read as UTC%+03d:00 (RFC 822)", name, h)
	}
	return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.UTC),
		fmt.Sprintf("unknown zone %s read as UTC", name)
}

// parseISODate reads the dates that start like 2006-01-02: RFC 3339 and ISO
// 8601 with or without seconds and fraction, "T", "t" or spaces between
// date and time, and a zone as Z, ±hh, ±hhmm, ±hh:mm or an abbreviation —
// which covers every YAML 1.1 timestamp (2021-4-7, 2021-4-7 1:02:03 -5).
func (e *Extractor) parseISODate(s string) (time.Time, string, bool) {
	p := dateScanner{s: s}
	year, ok := p.num(4, 4)
	month, okm := p.numAfter('-', 1, 2)
	day, okd := p.numAfter('-', 1, 2)
	if !ok || !okm || !okd || month < 1 || month > 12 || day < 1 {
		return time.Time{}, "", false
	}
	hour, minute, sec, nsec, ok := p.clock()
	if !ok {
		return time.Time{}, "", false
	}
	p.spaces()
	zone := p.s[p.i:]
	if w, off, ok := strings.Cut(zone, " "); ok && isZoneWord(w) {
		if off = strings.TrimLeft(off, " "); off != "" && (off[0] == '+' || off[0] == '-') {
			zone = off // "CDT -0500": the numeric offset wins over the abbreviation
		}
	}
	loc := e.loc
	switch {
	case zone == "":
	case zone == "Z" || zone == "z":
		loc = time.UTC
	case zone[0] == '+' || zone[0] == '-':
		off, rest, ok := parseOffset(zone)
		if rest = strings.TrimSpace(rest); !ok || rest != "" && !isZoneWord(rest) {
			return time.Time{}, "", false // Go's String form adds " MST" after the offset
		}
		loc = time.FixedZone("", off)
	case isZoneWord(zone):
		// time.Parse knows whether the location defines the abbreviation.
		t, err := time.ParseInLocation("2006-1-2 15:4:5 MST", fmt.Sprintf("%d-%d-%d %d:%d:%d %s", year, month, day, hour, minute, sec, utcWords(zone)), e.loc)
		if err != nil {
			return time.Time{}, "", false
		}
		t, note := e.fixZone(t.Add(time.Duration(nsec)))
		return t, note, true
	default:
		return time.Time{}, "", false
	}
	t := time.Date(year, time.Month(month), day, hour, minute, sec, nsec, loc)
	if t.Day() != day { // 2021-02-30 is no date
		return time.Time{}, "", false
	}
	return normalizeZone(t), "", true
}

// clock reads the time of an ISO date, if any: "T", "t" or spaces, then
// h:mm, optionally :ss and a fraction.
func (p *dateScanner) clock() (hour, minute, sec, nsec int, ok bool) {
	if p.done() {
		return 0, 0, 0, 0, true
	}
	if !p.skip('T') && !p.skip('t') && !p.spaces() {
		return 0, 0, 0, 0, false
	}
	hour, okh := p.num(1, 2)
	minute, okm := p.numAfter(':', 2, 2)
	if !okh || !okm {
		return 0, 0, 0, 0, false
	}
	if p.i < len(p.s) && p.s[p.i] == ':' {
		var oks bool
		if sec, oks = p.numAfter(':', 2, 2); !oks {
			return 0, 0, 0, 0, false
		}
		if p.skip('.') || p.skip(',') {
			nsec = p.fraction()
		}
	}
	return hour, minute, sec, nsec, hour <= 23 && minute <= 59 && sec <= 59
}

// parseOffset reads ±h, ±hh, ±hhmm or ±hh:mm at the start of s.
func parseOffset(s string) (off int, rest string, ok bool) {
	p := dateScanner{s: s, i: 1}
	h, okh := p.num(1, 2)
	if !okh {
		return 0, "", false
	}
	m := 0
	if p.skip(':') || (p.i < len(s) && s[p.i] >= '0' && s[p.i] <= '9') {
		var okm bool
		if m, okm = p.num(2, 2); !okm {
			return 0, "", false
		}
	}
	if h > 23 || m > 59 {
		return 0, "", false
	}
	off = h*3600 + m*60
	if s[0] == '-' {
		off = -off
	}
	return off, s[p.i:], true
}

// isZoneWord reports whether s is a zone abbreviation: 2 to 5 capitals.
func isZoneWord(s string) bool {
	if len(s) < 2 || len(s) > 5 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return true
}

// dateScanner reads the numbers and separators of a written date.
type dateScanner struct {
	s string
	i int
}

func (p *dateScanner) done() bool { return p.i >= len(p.s) }

func (p *dateScanner) skip(c byte) bool {
	if p.i < len(p.s) && p.s[p.i] == c {
		p.i++
		return true
	}
	return false
}

func (p *dateScanner) spaces() bool {
	j := p.i
	for p.i < len(p.s) && (p.s[p.i] == ' ' || p.s[p.i] == '\t') {
		p.i++
	}
	return p.i > j
}

// numAfter reads the separator sep, then between lo and hi digits.
func (p *dateScanner) numAfter(sep byte, lo, hi int) (int, bool) {
	if !p.skip(sep) {
		return 0, false
	}
	return p.num(lo, hi)
}

// num reads between lo and hi digits.
func (p *dateScanner) num(lo, hi int) (int, bool) {
	n, j := 0, p.i
	for p.i < len(p.s) && p.i-j < hi && p.s[p.i] >= '0' && p.s[p.i] <= '9' {
		n = n*10 + int(p.s[p.i]-'0')
		p.i++
	}
	return n, p.i-j >= lo
}

// fraction reads the digits of a fraction of a second as nanoseconds.
func (p *dateScanner) fraction() int {
	n, scale := 0, 100_000_000
	for p.i < len(p.s) && p.s[p.i] >= '0' && p.s[p.i] <= '9' {
		n += int(p.s[p.i]-'0') * scale
		scale /= 10
		p.i++
	}
	return n
}

// normalizeZone writes zero-offset times (GMT, UTC, Z) as UTC.
func normalizeZone(t time.Time) time.Time {
	if _, off := t.Zone(); off == 0 {
		return t.UTC()
	}
	return t
}

func unixTime(n int64) time.Time {
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
