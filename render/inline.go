package render

import (
	"strconv"
	"strings"

	"github.com/postextract/postextract"
)

// htmlText escapes s for HTML text or a quoted attribute. A "{" is written as
// a character reference too, so that no template tag ({{< … >}}, {% … %})
// can form when the HTML sits inside a Markdown post that is read again,
// and so are U+FFFD, with which goldmark refuses a raw HTML tag, and
// control characters.
var htmlText = strings.NewReplacer(append([]string{
	"&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;", "'", "&#39;", "{", "&#123;", "\uFFFD", "&#xFFFD;",
}, controlRefs...)...)

// htmlContent escapes s for an element's text: as htmlText, but quotes
// stay as they are (Pencil's eraser, not Pencil&#39;s).
var htmlContent = strings.NewReplacer(append([]string{
	"&", "&amp;", "<", "&lt;", ">", "&gt;", "{", "&#123;", "\uFFFD", "&#xFFFD;",
}, controlRefs...)...)

// htmlAttr escapes an attribute value or a line of code for the Markdown
// writer's HTML: as htmlText, and a newline or CR as a reference, since
// CommonMark reads them as line ends, and a blank line inside an attribute
// would end its HTML block.
var htmlAttr = strings.NewReplacer(htmlAttrRefs...)

// htmlAttrRefs are htmlAttr's replacements, which htmlCodeText extends.
var htmlAttrRefs = append([]string{
	"&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;", "'", "&#39;", "{", "&#123;", "\uFFFD", "&#xFFFD;", "\n", "&#10;", "\r", "&#13;",
}, controlRefs...)

// controlRefs write the C0 control characters but tab and newline as
// character references: a post holds them only as references (raw, the
// reader takes the file for binary).
var controlRefs = func() (r []string) {
	for c := range 0x20 {
		// NUL is left to the HTML writer (a reference to it reads as
		// U+FFFD), and CR too: a page may let the parser make it a newline,
		// while the Markdown writer's HTML pieces write it with htmlAttr.
		if c != 0 && c != '\t' && c != '\n' && c != '\r' {
			r = append(r, string(rune(c)), "&#"+strconv.Itoa(c)+";")
		}
	}
	return append(r, "\x7f", "&#127;")
}()

// writeInlineHTML writes a block's text as inline HTML: escaped, a "\n" as
// <br>, each run's marks as strong, em, code and del, and its link as an
// <a href> when the URL is safe to write. Runs with the same link share
// one anchor.
func writeInlineHTML(b *strings.Builder, blk *postextract.Block) {
	if len(blk.Runs) == 0 {
		writeHTMLText(b, blk.Text)
		return
	}
	for i := 0; i < len(blk.Runs); {
		link, j := blk.Runs[i].Link, linkEnd(blk.Runs, i)
		open := link != "" && safeURL(link)
		if open {
			b.WriteString(`<a href="`)
			htmlText.WriteString(b, link)
			b.WriteString(`">`)
		}
		for _, r := range blk.Runs[i:j] {
			writeMarkedHTML(b, r)
		}
		if open {
			b.WriteString("</a>")
		}
		i = j
	}
}

// markTags are the HTML elements of the marks, outermost first.
var markTags = []struct {
	on  func(postextract.Run) bool
	tag string
}{
	{func(r postextract.Run) bool { return r.Strong }, "strong"},
	{func(r postextract.Run) bool { return r.Em }, "em"},
	{func(r postextract.Run) bool { return r.Del }, "del"},
	{func(r postextract.Run) bool { return r.Code }, "code"},
}

// writeMarkedHTML writes one run's text inside the elements of its marks.
func writeMarkedHTML(b *strings.Builder, r postextract.Run) {
	for _, m := range markTags {
		if m.on(r) {
			b.WriteString("<" + m.tag + ">")
		}
	}
	writeHTMLText(b, r.Text)
	for i := len(markTags) - 1; i >= 0; i-- {
		if markTags[i].on(r) {
			b.WriteString("</" + markTags[i].tag + ">")
		}
	}
}

// writeHTMLText writes text escaped, with each "\n" as a <br>.
func writeHTMLText(b *strings.Builder, s string) {
	for {
		line, rest, ok := strings.Cut(s, "\n")
		htmlContent.WriteString(b, line)
		if !ok {
			return
		}
		b.WriteString("<br>")
		s = rest
	}
}

// linkEnd returns the end of the runs from runs[i] on that share its link:
// the writers give them one anchor.
func linkEnd(runs []postextract.Run, i int) int {
	j := i + 1
	for j < len(runs) && runs[j].Link == runs[i].Link {
		j++
	}
	return j
}
