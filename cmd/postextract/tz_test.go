package main

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestLocation(t *testing.T) {
	for in, want := range map[string]time.Duration{
		"+08:00":    8 * time.Hour,
		"+0800":     8 * time.Hour,
		"+08":       8 * time.Hour,
		"+8":        8 * time.Hour,
		"-0500":     -5 * time.Hour,
		"-5:30":     -(5*time.Hour + 30*time.Minute),
		"UTC+8":     8 * time.Hour, // ahead of UTC, as people write it
		"utc-05:00": -5 * time.Hour,
		"GMT+5:45":  5*time.Hour + 45*time.Minute,
		"+14:00":    14 * time.Hour,
		"-12:00":    -12 * time.Hour,
		"+00:00":    0,
		"UTC":       0,
		"GMT":       0,
	} {
		loc, err := location(in)
		if !assert.NoError(t, err, in) {
			continue
		}
		_, off := time.Date(2021, 4, 7, 12, 0, 0, 0, loc).Zone()
		assert.Equal(t, want, time.Duration(off)*time.Second, in)
	}
	loc, err := location("Asia/Shanghai")
	assert.NoError(t, err)
	assert.Equal(t, "Asia/Shanghai", loc.String())
	loc, err = location("-0500")
	assert.NoError(t, err)
	assert.Equal(t, "-05:00", loc.String())

	for in, msg := range map[string]string{
		"CST":          "an abbreviation",
		"PDT":          "an abbreviation",
		"EST":          "an abbreviation", // a tz database name too, without summer time
		"CET":          "an abbreviation",
		"MST":          "an abbreviation",
		"+15:00":       "not an offset",
		"+08:60":       "not an offset",
		"+123":         "not an offset",
		"UTC+":         "not an offset",
		"+8:0":         "not an offset",
		"Mars/Olympus": "unknown time zone",
	} {
		_, err := location(in)
		if assert.Error(t, err, in) {
			assert.Contains(t, err.Error(), msg, in)
		}
	}
}
