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

// listLevel is an open list item: the column its content starts at, and
// the list it belongs to.
type listLevel struct {
	indent  int // the content column of the item
	ordered bool
	n       int    // the item's number, in an ordered list
	delim   string // its list's delimiter, . or )
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
		if blks[i].Kind != postextract.KindListItem || blks[i].Footnote != "" {
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

// listItem writes a list item inside the open items of lower levels,
// opening empty items for the levels it skips.
func (m *mdWriter) listItem(blks []postextract.Block, i int) int {
	if len(m.list) == 0 {
		// Markdown nests by indentation, so a deep list costs its depth on
		// every line: past maxListDepth the list is HTML, linear in size.
		end, deep := i, false
		for ; end < len(blks) && blks[end].Kind == postextract.KindListItem; end++ {
			deep = deep || blks[end].Level > maxListDepth
		}
		if deep {
			m.usedHTML = true
			htmlList(&m.b, blks[i:end])
			return end
		}
	}
	blk := &blks[i]
	level := max(blk.Level, 1)
	empty := m.emptyItems(blk, level)
	n, delim, para := m.itemNumber(blk, level)
	if para {
		// Another block of the item above: a paragraph of it.
		m.list = m.list[:level]
		pad := strings.Repeat(" ", m.list[level-1].indent)
		m.b.WriteString("\n" + pad)
		m.inline(blk, pad)
		m.b.WriteString("\n")
		return i + 1
	}
	continues := len(m.list) >= level && m.list[level-1].ordered && blk.Ordered && m.list[level-1].delim == delim
	if len(m.list) >= level {
		m.list = m.list[:level-1]
	}
	if blk.Ordered && n != 1 && !continues && !empty && m.b.Len() > 0 && !strings.HasSuffix(m.b.String(), "\n\n") {
		// A list that starts past 1 cannot interrupt a paragraph: a blank
		// line ends the item text above first.
		m.b.WriteString("\n")
	}
	indent := m.indent()
	marker := "-"
	if blk.Ordered {
		marker = strconv.Itoa(n) + delim
	}
	m.b.WriteString(strings.Repeat(" ", indent) + marker + " ")
	content := indent + len(marker) + 1
	m.list = append(m.list, listLevel{indent: content, ordered: blk.Ordered, n: n, delim: delim})
	m.inline(blk, strings.Repeat(" ", content))
	m.b.WriteString("\n")
	return i + 1
}

// emptyItems opens an empty item for each level that the item at level
// skips; it reports whether it opened any.
func (m *mdWriter) emptyItems(blk *postextract.Block, level int) bool {
	opened := len(m.list) < level-1
	if len(m.list) > 0 && len(m.list) < level-1 {
		// An empty item cannot interrupt the item's paragraph above it:
		// a blank line ends that first.
		m.b.WriteString("\n")
	}
	for len(m.list) < level-1 {
		// goldmark nests an ordered list in an empty item only when that
		// item is ordered too, so the empty items take the item's type.
		indent, empty := m.indent(), "-"
		if blk.Ordered {
			empty = "1."
		}
		m.b.WriteString(strings.Repeat(" ", indent) + empty + "\n")
		m.list = append(m.list, listLevel{indent: indent + len(empty) + 1, ordered: blk.Ordered, n: 1, delim: "."})
	}
	return opened
}

// itemNumber returns the number and delimiter of an ordered item at level
// (1 and "." for an unordered one), or para when the block continues the
// item above. Where the count jumps (or repeats: a list of its own), the
// other delimiter starts a new list; a Number of 0 counts on.
func (m *mdWriter) itemNumber(blk *postextract.Block, level int) (n int, delim string, para bool) {
	n, delim = max(blk.Number, 1), "."
	if len(m.list) < level || m.list[level-1].ordered != blk.Ordered {
		return n, delim, false
	}
	prev := m.list[level-1]
	switch {
	case blk.Continued:
		return n, delim, true
	case !blk.Ordered:
		return n, delim, false
	case blk.Number == 0:
		return prev.n + 1, prev.delim, false
	case blk.Number == prev.n+1:
		return n, prev.delim, false
	}
	return n, map[string]string{".": ")", ")": "."}[prev.delim], false
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

// maxListDepth is the deepest list written as Markdown.
const maxListDepth = 16

// indent is the content column of the innermost open list item.
func (m *mdWriter) indent() int {
	if k := len(m.list); k > 0 {
		return m.list[k-1].indent
	}
	return 0
}

func (m *mdWriter) quote(blks []postextract.Block, i int) int {
	m.b.WriteString("> ")
	m.inline(&blks[i], "> ")
	m.b.WriteString("\n")
	return i + 1
}

func (m *mdWriter) code(blks []postextract.Block, i int) int {
	blk := &blks[i]
	text := blk.Text
	if !fenceable(blk) {
		// Entities are read in HTML but not in a fenced block: a code
		// block that holds a template-tag escape, or a language a fence
		// cannot carry, is written as <pre>.
		m.usedHTML = true
		htmlCode(&m.b, blk)
		m.b.WriteString("\n")
		return i + 1
	}
	fence := strings.Repeat("`", max(3, longestRun(text, '`')+1))
	m.b.WriteString(fence + blk.Lang + "\n" + text + "\n" + fence + "\n")
	return i + 1
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
