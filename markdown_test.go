package postextract

import (
	"testing"

	"github.com/stretchr/testify/assert"
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
