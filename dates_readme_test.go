package postextract

import (
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// A 13-digit timestamp (milliseconds) is refused with a warning, as SPEC
// says, and the README says so.
func TestMillisecondTimestampIsNoDate(t *testing.T) {
	a := parseOK(t, "---\ntitle: t\ndate: 1600000000000\n---\n<p>x</p>")
	assert.True(t, a.Date.IsZero())
	assert.True(t, hasWarning(a, "1600000000000"))
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Skip(err)
	}
	_, dates, _ := strings.Cut(string(readme), "**Dates.**")
	dates, _, _ = strings.Cut(dates, "\n\n")
	dates = strings.Join(strings.Fields(dates), " ")
	assert.Contains(t, dates, "13 digits of milliseconds are refused")
}
