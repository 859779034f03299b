package postextract

import (
	"strings"
	"testing"

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
