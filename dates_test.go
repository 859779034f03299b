package postextract

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

// A date JSON cannot carry is no date, with a warning.
func TestDateOutOfRangeIsNoDate(t *testing.T) {
	for _, v := range []string{"999999999999", "-99999999999", "99999-01-01"} {
		a := parseOK(t, "---\ndate: "+v+"\n---\n<p>x</p>")
		assert.True(t, a.Date.IsZero(), v)
		assert.True(t, hasWarning(a, "cannot read"), v)
		assert.NotNil(t, a.Meta["date"], "the raw value stays in Meta")
	}
	a := parseOK(t, "+++\ndate = 1979-05-27T07:32:00+24:00\n+++\n<p>x</p>")
	assert.True(t, a.Date.IsZero())
}

// The date forms posts write, with a zone or read in the given location,
// and the warnings a guessed or unreadable zone gives.
func TestDateForms(t *testing.T) {
	shanghai := mustLoad("Asia/Shanghai")
	cases := []struct {
		in   string
		loc  *time.Location
		want string // RFC 3339, or "" for no date
		warn string // part of a warning, if one is expected
	}{
		{"2021-4-7", nil, "2021-04-07T00:00:00Z", ""},
		{"2021-4-7 12:10:50", nil, "2021-04-07T12:10:50Z", ""},
		{"2021-04-07t12:10:50Z", nil, "2021-04-07T12:10:50Z", ""},
		{"2001-12-14 21:59:43.10 -5", nil, "2001-12-14T21:59:43.1-05:00", ""},
		{"2021-4-7 1:02:03", shanghai, "2021-04-07T01:02:03+08:00", ""},
		{"Wed Apr  7 12:10:50 CST 2021", shanghai, "2021-04-07T12:10:50+08:00", ""},
		{"Wed Apr  7 12:10:50 CST 2021", nil, "2021-04-07T12:10:50-06:00", "CST read as UTC-06:00"},
		{"Wed, 07 Apr 2021 12:10:50 EDT", nil, "2021-04-07T12:10:50-04:00", "EDT"},
		{"Wed, 07 Apr 2021 12:10:50 PST", nil, "2021-04-07T12:10:50-08:00", "PST"},
		{"Wed, 07 Apr 2021 12:10:50 XYZ", nil, "2021-04-07T12:10:50Z", "unknown zone XYZ"},
		{"2021-04-07 12:10:50 CST", nil, "2021-04-07T12:10:50-06:00", "CST"},
		{"Mon, 09 Jan 2017 13:08 GMT", nil, "2017-01-09T13:08:00Z", ""},
		{"Mon, 9 Jan 2017 13:08:00 UT", nil, "2017-01-09T13:08:00Z", ""},
		{"9 Jan 17 13:08 +0100", nil, "2017-01-09T13:08:00+01:00", ""},
		{"2018-07-12T16:38Z", nil, "2018-07-12T16:38:00Z", ""},
		{"2022-03-01T17:24:10+0800", nil, "2022-03-01T17:24:10+08:00", ""},
		{"2022-03-01 17:24+08:00", nil, "2022-03-01T17:24:00+08:00", ""},
		{"2021-02-30", nil, "", "cannot read"},
		{"Invalid date", nil, "", "cannot read"},
	}
	for _, c := range cases {
		var opts []Option
		if c.loc != nil {
			opts = append(opts, WithLocation(c.loc))
		}
		a := parseOK(t, "---\ndate: \""+c.in+"\"\n---\n<p>x</p>", opts...)
		got := ""
		if !a.Date.IsZero() {
			got = a.Date.Format(time.RFC3339Nano)
		}
		assert.Equal(t, c.want, got, c.in)
		if c.warn != "" {
			assert.True(t, hasWarning(a, c.warn), "%s: warnings %q", c.in, a.Warnings)
		} else {
			assert.Empty(t, a.Warnings, c.in)
		}
	}
	// Unquoted YAML 1.1 timestamps read the same.
	a := parseOK(t, "---\ndate: 2021-4-7 12:10:50\n---\n<p>x</p>")
	assert.Equal(t, time.Date(2021, 4, 7, 12, 10, 50, 0, time.UTC), a.Date)

	// 11. An unreadable first key gives way to the next, with a warning.
	a = parseOK(t, "---\ndate: Invalid date\npubDate: Sun, 21 Aug 2022 05:22:08 GMT\n---\n<p>x</p>")
	assert.Equal(t, time.Date(2022, 8, 21, 5, 22, 8, 0, time.UTC), a.Date)
	assert.True(t, hasWarning(a, "date: cannot read"))
	// A boolean published is a flag, not a date, and no warning.
	a = parseOK(t, "---\npublished: false\ndate_published: 2020-01-02\n---\n<p>x</p>")
	assert.Equal(t, time.Date(2020, 1, 2, 0, 0, 0, 0, time.UTC), a.Date)
	assert.Empty(t, a.Warnings)

	// 23. A TOML time without a date is no date.
	a = parseOK(t, "+++\ndate = 07:32:00\n+++\n<p>x</p>")
	assert.True(t, a.Date.IsZero())
	assert.True(t, hasWarning(a, "cannot read"))
}

// A TOML time without a date is no date and keeps its raw value in Meta.
func TestTOMLTimeWithoutDate(t *testing.T) {
	a := parseOK(t, "+++\ndate = 12:10:50\n+++\nx")
	assert.Equal(t, "12:10:50", a.Meta["date"])
	assert.True(t, hasWarning(a, `"12:10:50"`))
}
