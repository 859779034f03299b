package postextract

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A Pelican header is front matter however the post ends, and a header
// longer than any front matter is text, not lost.
func TestPelicanHeaderEdges(t *testing.T) {
	a, err := New()
	require.NoError(t, err)

	only, err := a.Parse([]byte("Title: Alone\nTags: a,b\n"))
	require.NoError(t, err)
	assert.Equal(t, "pelican", only.Generator)
	assert.Equal(t, "Alone", only.Title)
	assert.Equal(t, []string{"a", "b"}, only.Tags)
	assert.Empty(t, only.Blocks)

	cont, err := a.Parse([]byte("Title: Long\nSummary: one\n    two\n\nText."))
	require.NoError(t, err)
	assert.Equal(t, "one two", cont.Summary, "an indented line continues the value")

	huge := "Title: T\n" + strings.Repeat("Key: value\n", maxFrontMatter/10) + "\nText."
	long, err := a.Parse([]byte(huge))
	require.NoError(t, err)
	assert.Empty(t, long.Generator)
	assert.Contains(t, long.Blocks[0].Text, "Title: T")
}

// A Pelican header decodes with DecodeMeta as the Article reads it.
func TestPelicanDecodeMeta(t *testing.T) {
	a, err := Parse([]byte("Title: T\nDate: 2013-08-08 12:14\nTags: a, b\n\nText."))
	require.NoError(t, err)
	var m struct {
		Title string    `json:"title"`
		Date  time.Time `json:"date"`
		Tags  []string  `json:"tags"`
	}
	require.NoError(t, a.DecodeMeta(&m))
	assert.Equal(t, "T", m.Title)
	assert.True(t, m.Date.Equal(a.Date), "%v %v", m.Date, a.Date)
	assert.Equal(t, []string{"a", "b"}, m.Tags)
}
