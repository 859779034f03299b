package postextract

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Sniffing: what CommonMark does not read as HTML is no evidence of HTML.
func TestSniffNotHTML(t *testing.T) {
	for _, body := range []string{
		"See <img src=a.png?w=1 > here\n\nNext para.",
		"Open <a href=x?a=1>this</a2 now\n\nNext para.",
		"The generic <T 1x> form\n\nNext para.",
		"line one\r# Heading\r<b>x</b>\r",
	} {
		a := parseOK(t, "---\ntitle: s\n---\n"+body)
		assert.Equal(t, FormatMarkdown, a.Format, body)
	}
	for _, body := range []string{
		"<p>One.</p>\n\n<p>Two.</p>",
		"Text <b>bold</b>\n\n1. not a list inside HTML? it is: Markdown",
		"<div>\n1. inside an HTML block\n</div>",
		"<img src='a.png' alt=\"x\"/>",
	} {
		a := parseOK(t, "---\ntitle: s\n---\n"+body)
		md, _ := sniffMarkdown([]byte(body))
		assert.Equal(t, quickVerdictOf([]byte(body)), md, body)
		assert.Equal(t, map[bool]Format{true: FormatMarkdown, false: FormatHTML}[md], a.Format, body)
	}
}

// markTags are the inline elements that make runs and links.
var markTags = regexp.MustCompile(`(?i)<(/?)(b|strong|i|em|cite|dfn|code|kbd|samp|tt|del|s|strike|a)([\s>/])`)

// TestMarksDoNotChangeText: a post reads to the same paragraphs when its
// marks and links are plain spans — runs never change Text.
func TestMarksDoNotChangeText(t *testing.T) {
	var paths []string
	for _, g := range []string{filepath.Join(corpusDir, "*.md"), "testdata/posts/*"} {
		p, _ := filepath.Glob(g)
		paths = append(paths, p...)
	}
	for _, p := range paths {
		src, err := os.ReadFile(p)
		require.NoError(t, err)
		a, err := Parse(src, WithFormat(FormatHTML))
		if err != nil {
			continue
		}
		plain, err := Parse(markTags.ReplaceAll(src, []byte("<${1}span${3}")), WithFormat(FormatHTML))
		require.NoError(t, err)
		assert.Equal(t, plain.Paragraphs, a.Paragraphs, p)
	}
}

// A line of only "|" ends a table, as GFM's reference implementation reads
// it; the "|" and what follows are a paragraph.
func TestTableEndsAtLonePipe(t *testing.T) {
	a := parseOK(t, "| A | B |\n| :-: | :-: |\n| x | y |\n|\nafter\n", WithFormat(FormatMarkdown))
	assert.Equal(t, []string{"A\tB\nx\ty", "| after"}, a.Paragraphs)
}

// A task marker needs white space and text after it, as cmark-gfm reads it.
func TestTaskMarkers(t *testing.T) {
	a := parseOK(t, "- [ ]\n- [x]nospace\n- [x] done\n- [ ] \uFFFD\n", WithFormat(FormatMarkdown))
	assert.Equal(t, []string{"[ ]", "[x]nospace", "done", "\uFFFD"}, a.Paragraphs)
}
