package postextract

import (
	"fmt"
	"html"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestCaseGFM reads testdata/cases/gfm.txtar: Markdown bodies where
// goldmark departs from the GFM spec's text or from SPEC's line-break
// rule, each with its blocks as blockLines writes them.
func TestCaseGFM(t *testing.T) {
	runCases(t, "gfm", func(t *testing.T, c testCase) string {
		a := parseOK(t, c.input+"\n", WithFormat(FormatMarkdown))
		return blockLines(a)
	})
}

// blockLines writes an Article's blocks one a line, "kind: text" (a
// table's rows parted by " / ", its cells by " | "), then each run that
// has a mark as "  marks: text", and each image as "  image: URL".
func blockLines(a *Article) string {
	var b strings.Builder
	for _, blk := range a.Blocks {
		text := blk.Text
		if blk.Kind == KindTable {
			var rows []string
			for _, r := range blk.Rows {
				rows = append(rows, strings.Join(r, " | "))
			}
			text = strings.Join(rows, " / ")
		}
		fmt.Fprintf(&b, "%s: %s\n", blk.Kind, strings.ReplaceAll(text, "\n", `\n`))
		if blk.Image != nil {
			fmt.Fprintf(&b, "  image: %s\n", blk.Image.URL)
		}
		for _, r := range blk.Runs {
			var marks []string
			for _, m := range []struct {
				on   bool
				name string
			}{{r.Strong, "strong"}, {r.Em, "em"}, {r.Code, "code"}, {r.Del, "del"}, {r.Link != "", "link=" + r.Link}} {
				if m.on {
					marks = append(marks, m.name)
				}
			}
			if len(marks) > 0 {
				fmt.Fprintf(&b, "  %s: %s\n", strings.Join(marks, ","), r.Text)
			}
		}
	}
	return strings.TrimRight(b.String(), "\n")
}

// A Markdown image or link reads as the same <img> or <a> written in
// HTML: its URL is not percent-encoded on the way (SPEC: both read the
// same).
func TestMarkdownURLsReadAsHTML(t *testing.T) {
	for _, u := range []string{
		"https://i2.wp.com/img.example.cn/截图6.webp",
		"https://img.example.com/ü/a b.png?q=é#frag",
		"https://img.example.com/a|b^c{d}\"e.png",
		"https://img.example.com/%E6%88%AA.png",
		"/images/相对.png",
		"{attach}images/a.png",
	} {
		md := fmt.Sprintf("x\n\n![shot](<%s>)\n\nSee [the page](<%s?p=1> \"t\").\n", u, u)
		attr := html.EscapeString(u)
		h := fmt.Sprintf("<p>x</p><p><img src=\"%s\" alt=\"shot\"></p><p>See <a href=\"%s?p=1\" title=\"t\">the page</a>.</p>", attr, attr)
		fromMD := parseOK(t, md, WithFormat(FormatMarkdown))
		fromHTML := parseOK(t, h, WithFormat(FormatHTML))
		assert.Equal(t, fromHTML.Images, fromMD.Images, u)
		assert.Equal(t, fromHTML.Links, fromMD.Links, u)
		assert.Equal(t, fromHTML.Blocks, fromMD.Blocks, u)
	}
}

// An email inside an HTML <code> right after a letter keeps its code
// mark, as it does in a Markdown code span (testdata/cases/gfm.txtar).
func TestCodeEmailInHTML(t *testing.T) {
	a := parseOK(t, "<p>Run git config user.email<code>you@example.com</code> now.</p>", WithFormat(FormatHTML))
	assert.Equal(t, "paragraph: Run git config user.emailyou@example.com now.\n  code: you@example.com", blockLines(a))
}
