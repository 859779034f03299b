package postextract

import (
	"fmt"
	"strings"
	"testing"
)

// TestCaseMarkdown reads the posts of testdata/cases/markdown.txtar: the
// rules of Markdown bodies and their shortcodes, each case a whole post
// (auto format) and the Article it reads as, in brief (articleBrief).
func TestCaseMarkdown(t *testing.T) {
	runCases(t, "markdown", func(t *testing.T, c testCase) string {
		a := parseOK(t, c.input, c.opts...)
		return articleBrief(a)
	})
}

// articleBrief writes what a case checks of an Article, one line each: the
// format, the title and summary when set, every block (kind, then its text
// with line breaks as ⏎), every link, every warning.
func articleBrief(a *Article) string {
	var b strings.Builder
	line := func(format string, args ...any) {
		fmt.Fprintf(&b, format+"\n", args...)
	}
	nl := func(s string) string { return strings.ReplaceAll(s, "\n", "⏎") }
	line("format: %s", a.Format)
	if a.Title != "" {
		line("title: %s", a.Title)
	}
	if a.Summary != "" {
		line("summary: %s", nl(a.Summary))
	}
	for _, blk := range a.Blocks {
		switch blk.Kind {
		case KindImage:
			img := blk.Image
			line("image: %s | alt=%s | title=%s | caption=%s | %dx%d", img.URL, img.Alt, img.Title, nl(img.Caption), img.Width, img.Height)
		case KindHeading:
			line("h%d: %s", blk.Level, nl(blk.Text))
		case KindListItem:
			kind := "li"
			if blk.Ordered {
				kind = "ol"
			}
			line("%s%d: %s", kind, blk.Level, nl(blk.Text))
		case KindCode:
			line("code[%s]: %s", blk.Lang, nl(blk.Text))
		default:
			line("%s: %s", blk.Kind, nl(blk.Text))
		}
	}
	for _, l := range a.Links {
		line("link: %s | %s", l.URL, nl(l.Text))
	}
	for _, w := range a.Warnings {
		line("warning: %s", w.Message)
	}
	return strings.TrimRight(b.String(), "\n")
}
