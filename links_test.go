package postextract

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Links: a relative full-size href around a thumbnail is the image; the
// space between two marked runs belongs to neither; links keep their
// opening order and their text its words; a soft break between East Asian
// characters joins; an unknown single shortcode's text links to its url=.
func TestLinkRunsAndText(t *testing.T) {
	// A relative full-size href around a thumbnail is the image, not a link.
	a := parseOK(t, `<p><a href="/full/a.png"><img src="https://cdn.example.com/a.png"></a></p>`)
	assert.Empty(t, a.Links)

	// The space between two differently marked runs belongs to neither.
	a = parseOK(t, `<p>see <a href="https://e.com/1">one</a> <a href="https://e.com/2">two</a>, <i>a</i> <b>b</b></p>`)
	var texts []string
	for _, r := range a.Blocks[0].Runs {
		texts = append(texts, r.Text)
	}
	assert.Equal(t, []string{"see ", "one", " ", "two", ", ", "a", " ", "b"}, texts)

	// Links keep the order in which they open, and their text keeps its words.
	a = parseOK(t, `<p><a href="https://e.com/1">outer<table><tr><td><a href="https://e.com/2">cell</a></td></tr></table>after</a></p><p><a href="https://e.com/3">foo<br>bar</a></p>`)
	require.Len(t, a.Links, 3)
	assert.Equal(t, []string{"https://e.com/1", "https://e.com/2", "https://e.com/3"},
		[]string{a.Links[0].URL, a.Links[1].URL, a.Links[2].URL})
	assert.Equal(t, "outer after", a.Links[0].Text)
	assert.Equal(t, "foo bar", a.Links[2].Text)

	// A soft break between two East Asian characters joins with nothing,
	// marks or not.
	a = parseOK(t, "soft **中文**\n文字, `代码`\n文字 and [链接](https://e.com/l)\n文字", WithFormat(FormatMarkdown))
	assert.Equal(t, []string{"soft 中文文字, 代码文字 and 链接文字"}, a.Paragraphs)

	// An anchor with no text, title or alt has its URL for text, as it is:
	// a zero-width character in the href stays (FuzzMarkdownRoundTrip
	// find 09caf06f5384a5ad: the text lost it, the URL kept it).
	a = parseOK(t, `<p><a href="https://e.com/zero&#8203;width"><img src="https://cdn.example.com/a.png"></a></p>`)
	require.Len(t, a.Links, 1)
	assert.Equal(t, Link{URL: "https://e.com/zero\u200bwidth", Text: "https://e.com/zero\u200bwidth"}, a.Links[0])

	// An unknown single tag's text links to its url=.
	a = parseOK(t, "Press {% btn text=Click url=https://e.com/btn %} now.", WithFormat(FormatMarkdown))
	require.Len(t, a.Links, 1)
	assert.Equal(t, Link{URL: "https://e.com/btn", Text: "Click"}, a.Links[0])
}
