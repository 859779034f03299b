package render

import (
	"bytes"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/postextract/postextract"
)

// Markdown writes a as a complete post file: YAML front matter, then a
// CommonMark + GFM body that reads back through [postextract.Parse] as the
// same Article (see the package doc for what the round trip keeps).
//
// The front matter holds title, date and updated (RFC 3339), author,
// categories, tags, cover (its URL), summary, url, lang and draft, then
// every other key of a.Meta, sorted, but those whose value is the cover as
// written (a thumbnail behind an image proxy), which cover now says. When the body needs HTML to say
// something exactly, or a.Meta names a markup, "markup: markdown" is
// written too, so that a reader does not take the body for HTML.
//
// It returns [ErrNilArticle] for a nil Article, an error when a Meta value
// cannot be written as YAML, and any error of w.
func Markdown(w io.Writer, a *postextract.Article) error {
	if a == nil {
		return ErrNilArticle
	}
	var body mdWriter
	body.blocks(a.Blocks)
	var out bytes.Buffer
	if err := frontMatter(&out, a, body.usedHTML); err != nil {
		return err
	}
	if body.b.Len() > 0 {
		out.WriteByte('\n')
		out.WriteString(body.b.String())
	}
	_, err := w.Write(out.Bytes())
	return err
}

// mdWriter writes blocks as a Markdown body.
type mdWriter struct {
	b        strings.Builder
	usedHTML bool // some piece had to be written as HTML
	list     []listLevel
}

// mdBlockWriters write each kind; a test checks that every kind has one.
var mdBlockWriters = map[postextract.Kind]func(m *mdWriter, blks []postextract.Block, i int) int{
	postextract.KindParagraph: (*mdWriter).paragraph,
	postextract.KindHeading:   (*mdWriter).heading,
	postextract.KindListItem:  (*mdWriter).listItem,
	postextract.KindQuote:     (*mdWriter).quote,
	postextract.KindCode:      (*mdWriter).code,
	postextract.KindTable:     (*mdWriter).table,
	postextract.KindCaption:   (*mdWriter).figure,
	postextract.KindImage:     (*mdWriter).figure,
}

// blocks writes the blocks, separated by blank lines. Each writer returns
// the index of the next block: a figure takes its caption along.
func (m *mdWriter) blocks(blks []postextract.Block) {
	for i := 0; i < len(blks); {
		if (blks[i].Kind != postextract.KindListItem || blks[i].Footnote != "") && !inItem(&blks[i]) {
			m.list = m.list[:0]
		}
		// A list's items follow each other with no blank line: the list
		// is tight, as its items are single paragraphs.
		switch {
		case i > 0 && blks[i].Kind == postextract.KindQuote && blks[i-1].Kind == postextract.KindQuote:
			// Quote blocks side by side are the paragraphs of one quote
			// (an admonition's title and body): the same blocks read back.
			m.b.WriteString(">\n")
		case m.b.Len() > 0 && !(len(m.list) > 0 && blks[i].Kind == postextract.KindListItem):
			m.b.WriteString("\n")
		}
		write, ok := mdBlockWriters[blks[i].Kind]
		if blks[i].Footnote != "" && blks[i].Kind == postextract.KindListItem {
			write, ok = (*mdWriter).footnote, true
		}
		if !ok {
			write = (*mdWriter).paragraph // an unknown kind keeps its text
		}
		i = write(m, blks, i)
	}
}

func (m *mdWriter) paragraph(blks []postextract.Block, i int) int {
	m.inline(&blks[i], "")
	m.b.WriteString("\n")
	return i + 1
}

func (m *mdWriter) heading(blks []postextract.Block, i int) int {
	blk := &blks[i]
	level := min(max(blk.Level, 1), 6)
	if strings.Contains(blk.Text, "\n") {
		// An ATX heading is one line: a heading with a line break is HTML.
		m.usedHTML = true
		tag := "h" + strconv.Itoa(level)
		var h strings.Builder
		writeInlineHTML(&h, blk)
		m.b.WriteString("<" + tag + ">" + h.String() + "</" + tag + ">\n")
		return i + 1
	}
	m.b.WriteString(strings.Repeat("#", level) + " ")
	start := m.b.Len()
	m.inlineAt(blk, "", false)
	// A run of # at the end after white space (or alone) would be read as
	// the closing sequence; "C#" is text.
	if s := m.b.String()[start:]; strings.HasSuffix(s, "#") {
		t := strings.TrimRight(s, "#")
		if t == "" || strings.HasSuffix(t, " ") || strings.HasSuffix(t, "\t") {
			rest := s[len(t):]
			body := m.b.String()[:start] + t + "\\" + rest
			m.b.Reset()
			m.b.WriteString(body)
		}
	}
	m.b.WriteString("\n")
	return i + 1
}

// footnote writes a footnote definition, [^n]: text; a block that goes on
// the definition before it is a paragraph of it, indented.
func (m *mdWriter) footnote(blks []postextract.Block, i int) int {
	blk := &blks[i]
	if i > 0 && blks[i-1].Footnote == blk.Footnote {
		m.b.WriteString("    ")
	} else {
		m.b.WriteString("[^" + blk.Footnote + "]: ")
	}
	m.inline(blk, "    ")
	m.b.WriteString("\n")
	return i + 1
}

func (m *mdWriter) quote(blks []postextract.Block, i int) int {
	m.b.WriteString("> ")
	m.inline(&blks[i], "> ")
	m.b.WriteString("\n")
	return i + 1
}

func (m *mdWriter) code(blks []postextract.Block, i int) int {
	if inItem(&blks[i]) {
		return m.itemCode(blks, i)
	}
	m.codeBlock(&blks[i])
	return i + 1
}

// codeBlock writes a fenced code block, or a <pre> where a fence cannot
// say the code.
func (m *mdWriter) codeBlock(blk *postextract.Block) {
	text := blk.Text
	if !fenceable(blk) {
		// Entities are read in HTML but not in a fenced block: a code
		// block that holds a template-tag escape, or a language a fence
		// cannot carry, is written as <pre>.
		m.usedHTML = true
		htmlCode(&m.b, blk)
		m.b.WriteString("\n")
		return
	}
	fence := strings.Repeat("`", max(3, longestRun(text, '`')+1))
	m.b.WriteString(fence + blk.Lang + "\n" + text + "\n" + fence + "\n")
}

// fenceable reports whether a code block reads back the same from a fenced
// block: its language one word without a backtick, and its text free of
// what the template-tag reader takes even inside code.
func fenceable(blk *postextract.Block) bool {
	if strings.ContainsAny(blk.Lang, "`&\\") || strings.Contains(blk.Lang, "{{") || strings.Contains(blk.Lang, "{%") ||
		strings.IndexFunc(blk.Lang, unicode.IsSpace) >= 0 ||
		strings.ContainsFunc(blk.Lang, isControl) {
		return false
	}
	return !hasTagEscape(blk.Text) && !strings.ContainsFunc(blk.Text, isControl)
}

// isControl reports whether c is a control character other than tab and
// newline, which only a character reference can carry.
func isControl(c rune) bool { return c < 0x20 && c != '\t' && c != '\n' || c == 0x7f }

// hasTagEscape reports whether s holds what the reader takes as a
// template-tag escape inside code: a {% raw %} or {% endraw %} marker
// (with - trims), or what may be an escaped shortcode, {{</* … */>}} or
// {{%/* … */%}}. Any other {% … %} is code as it stands.
func hasTagEscape(s string) bool {
	if strings.Contains(s, "{{<") || strings.Contains(s, "{{%") {
		return true
	}
	for i := 0; ; {
		k := strings.Index(s[i:], "{%")
		if k < 0 {
			return false
		}
		i += k + 2
		j := strings.Index(s[i:], "%}")
		if j >= 0 && j <= 40 {
			inside := strings.TrimSpace(strings.Trim(strings.TrimSpace(s[i:i+j]), "-"))
			if inside == "raw" || inside == "endraw" {
				return true
			}
		}
	}
}

// longestRun is the length of the longest run of c in s.
func longestRun(s string, c byte) int {
	best, n := 0, 0
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			n++
			best = max(best, n)
		} else {
			n = 0
		}
	}
	return best
}

// table writes a GFM table when every row has as many cells as the first
// (a line break in a cell is a <br>); otherwise an HTML table.
func (m *mdWriter) table(blks []postextract.Block, i int) int {
	rows := blks[i].Rows
	if len(rows) == 0 {
		return i + 1
	}
	gfm := len(rows[0]) > 0
	for _, r := range blks[i].CellRuns {
		for _, c := range r {
			for _, run := range c {
				gfm = gfm && !strings.Contains(run.Link, "|") // a | splits a GFM cell, in a URL too
			}
		}
	}
	for _, r := range rows {
		if len(r) != len(rows[0]) {
			gfm = false
		}
		for _, c := range r {
			if strings.Contains(c, "\n") {
				m.usedHTML = true // its <br>: the front matter names the markup
			}
		}
	}
	if !gfm {
		m.usedHTML = true
		htmlTable(&m.b, &blks[i])
		return i + 1
	}
	for n, r := range rows {
		m.b.WriteString("|")
		for j, c := range r {
			m.b.WriteString(" ")
			var e escaper
			e.out = &m.b
			e.cell = true
			if runs := cellRuns(&blks[i], n, j); runs != nil {
				e.lineStart = true
				m.writeRuns(&e, &postextract.Block{Kind: postextract.KindParagraph, Text: c, Runs: runs})
			} else {
				e.text(c)
			}
			m.b.WriteString(" |")
		}
		m.b.WriteString("\n")
		if n == 0 {
			m.b.WriteString("|" + strings.Repeat(" --- |", len(r)) + "\n")
		}
	}
	return i + 1
}

// cellRuns are the runs of the table's cell j of row n: nil when it has
// none.
func cellRuns(blk *postextract.Block, n, j int) []postextract.Run {
	if n < len(blk.CellRuns) && j < len(blk.CellRuns[n]) {
		return blk.CellRuns[n][j]
	}
	return nil
}

// figure writes an image, or one figure (figureAt). An image with no
// caption is ![alt](url "title"), its size dropped; a captioned one is a
// <figure>, which is how a caption reads back.
func (m *mdWriter) figure(blks []postextract.Block, i int) int {
	f := figureAt(blks, i)
	if first := &blks[i]; f.caption == "" && first.Kind == postextract.KindImage {
		switch {
		case first.Image == nil:
		case m.mdImage(first.Image): // a size alone is presentation (SPEC)
		default:
			m.writeFigure(blks[i:i+1], nil)
		}
		return i + 1
	}
	fig, parts := blks[f.start:f.end], f.parts
	if !f.captioned {
		// Each image still carries its caption, which only a figcaption
		// can say, and which then reads back as a block too.
		fig = append(slices.Clone(fig), postextract.Block{Kind: postextract.KindCaption, Text: f.caption})
		parts = []int{f.start + len(fig) - 1}
	}
	in := make(map[int]bool, len(parts))
	for _, p := range parts {
		in[p-f.start] = true
	}
	m.writeFigure(fig, in)
	return f.end
}
