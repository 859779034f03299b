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
	n       int // the item's number, in an ordered list
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
		if blks[i].Kind != postextract.KindListItem {
			m.list = m.list[:0]
		}
		if m.b.Len() > 0 {
			m.b.WriteString("\n")
		}
		write, ok := mdBlockWriters[blks[i].Kind]
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
	m.inline(blk, "")
	// A run of # at the end would be read as the closing sequence.
	if s := m.b.String()[start:]; strings.HasSuffix(s, "#") {
		t := strings.TrimRight(s, "#")
		if (len(t)-len(strings.TrimRight(t, "\\")))%2 == 0 { // not escaped yet
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
	for len(m.list) < level-1 {
		// goldmark nests an ordered list in an empty item only when that
		// item is ordered too, so the empty items take the item's type.
		indent, empty := m.indent(), "-"
		if blk.Ordered {
			empty = "1."
		}
		m.b.WriteString(strings.Repeat(" ", indent) + empty + "\n")
		m.list = append(m.list, listLevel{indent: indent + len(empty) + 1, ordered: blk.Ordered})
	}
	n := 1
	if len(m.list) >= level {
		if prev := m.list[level-1]; prev.ordered == blk.Ordered && blk.Ordered {
			n = prev.n + 1
		}
		m.list = m.list[:level-1]
	}
	indent := m.indent()
	marker := "-"
	if blk.Ordered {
		marker = strconv.Itoa(n) + "."
	}
	m.b.WriteString(strings.Repeat(" ", indent) + marker + " ")
	content := indent + len(marker) + 1
	m.list = append(m.list, listLevel{indent: content, ordered: blk.Ordered, n: n})
	m.inline(blk, strings.Repeat(" ", content))
	m.b.WriteString("\n")
	return i + 1
}

// maxListDepth is the deepest list written as Markdown.
const maxListDepth = 16

// htmlList writes list items as one HTML block of nested lists, an empty
// item standing for each level an item skips.
func htmlList(h *strings.Builder, items []postextract.Block) {
	var open []bool // the open lists, ordered or not; each has an open <li>
	closeList := func() {
		h.WriteString("</li>" + listTag(open[len(open)-1], true) + "\n")
		open = open[:len(open)-1]
	}
	for k := range items {
		blk := &items[k]
		level := max(blk.Level, 1)
		for len(open) > level {
			closeList()
		}
		if len(open) == level {
			if open[level-1] == blk.Ordered {
				h.WriteString("</li>\n<li>")
				writeInlineHTML(h, blk)
				continue
			}
			closeList()
		}
		for len(open) < level {
			h.WriteString(listTag(blk.Ordered, false) + "<li>")
			open = append(open, blk.Ordered)
		}
		writeInlineHTML(h, blk)
	}
	for len(open) > 0 {
		closeList()
	}
}

func listTag(ordered, end bool) string {
	switch {
	case ordered && end:
		return "</ol>"
	case ordered:
		return "<ol>"
	case end:
		return "</ul>"
	}
	return "<ul>"
}

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
	if strings.ContainsAny(blk.Lang, "`{&\\") || strings.IndexFunc(blk.Lang, unicode.IsSpace) >= 0 ||
		strings.ContainsFunc(blk.Lang, isControl) {
		return false
	}
	return !hasTagEscape(blk.Text) && !strings.ContainsFunc(blk.Text, isControl)
}

// isControl reports whether c is a control character other than tab and
// newline, which only a character reference can carry.
func isControl(c rune) bool { return c < 0x20 && c != '\t' && c != '\n' || c == 0x7f }

// hasTagEscape reports whether s holds what the reader takes as a
// template-tag escape inside code: {% raw %}, {% endraw %}, or {{</* … */>}}.
func hasTagEscape(s string) bool {
	return strings.Contains(s, "{%") || strings.Contains(s, "{{<") || strings.Contains(s, "{{%")
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
// and no cell holds a line break; otherwise an HTML table.
func (m *mdWriter) table(blks []postextract.Block, i int) int {
	rows := blks[i].Rows
	if len(rows) == 0 {
		return i + 1
	}
	gfm := len(rows[0]) > 0
	for _, r := range rows {
		if len(r) != len(rows[0]) {
			gfm = false
		}
		for _, c := range r {
			if strings.Contains(c, "\n") {
				gfm = false
			}
		}
	}
	if !gfm {
		m.usedHTML = true
		htmlTable(&m.b, rows)
		return i + 1
	}
	for n, r := range rows {
		m.b.WriteString("|")
		for _, c := range r {
			m.b.WriteString(" ")
			var e escaper
			e.out = &m.b
			e.cell = true
			e.text(c)
			m.b.WriteString(" |")
		}
		m.b.WriteString("\n")
		if n == 0 {
			m.b.WriteString("|" + strings.Repeat(" --- |", len(r)) + "\n")
		}
	}
	return i + 1
}

// figure writes an image, or one figure: the run of blocks that share a
// caption — images whose Caption it is and at most one caption block with
// that text, in their order (a figure's images may stand before and after
// its figcaption). An image with no caption and no size is ![alt](url
// "title"); anything else is a <figure>, which is how a caption reads back.
func (m *mdWriter) figure(blks []postextract.Block, i int) int {
	first := &blks[i]
	if first.Kind == postextract.KindImage {
		if first.Image == nil {
			return i + 1
		}
		if first.Image.Caption == "" {
			if first.Image.Width == 0 && first.Image.Height == 0 && m.mdImage(first.Image) {
				return i + 1
			}
			m.writeFigure(blks[i:i+1], nil)
			return i + 1
		}
	}
	caption := first.Text
	if first.Kind == postextract.KindImage {
		caption = first.Image.Caption
	} else {
		// The first part of a cut caption: the images after its parts
		// carry the whole.
		k := i + 1
		for k < len(blks) && blks[k].Kind == postextract.KindCaption {
			k++
		}
		if k < len(blks) && blks[k].Image != nil && strings.HasPrefix(blks[k].Image.Caption, caption+"\n") {
			caption = blks[k].Image.Caption
		}
	}
	// Blocks between the figure's members (a <p> inside a <figure>, or
	// what an unclosed one holds) belong to it too. Its caption is its
	// last figcaption: caption blocks that join, with "\n", into the
	// images' caption (an image inside the figcaption cuts its text); an
	// earlier figcaption with other text is one more block of the figure.
	end, captioned, joined := i, false, ""
	var parts []int
	for j := i; j < len(blks); j++ {
		b := &blks[j]
		switch {
		case b.Kind == postextract.KindImage && b.Image != nil && b.Image.Caption == caption:
			if captioned && j > end && ownCaption(blks, j, caption) {
				j = len(blks) // a figure of its own with the same caption
				continue
			}
		case b.Kind == postextract.KindCaption && !captioned:
			next := b.Text
			if joined != "" {
				next = joined + "\n" + b.Text
			}
			switch {
			case next == caption:
				captioned, parts = true, append(parts, j)
			case strings.HasPrefix(caption, next+"\n"):
				joined, parts = next, append(parts, j)
			case b.Text == caption:
				captioned, joined, parts = true, b.Text, []int{j}
			case strings.HasPrefix(caption, b.Text+"\n"):
				joined, parts = b.Text, []int{j}
			default:
				joined, parts = "", nil
				continue // another figcaption, which the last one overrides
			}
		case b.Kind != postextract.KindImage && b.Kind != postextract.KindCaption:
			continue // an unclosed <figure> holds what follows
		default:
			j = len(blks)
			continue
		}
		end = j + 1
	}
	fig := blks[i:end]
	if !captioned {
		// No caption block beside the images (a figure cut by other
		// blocks): each image still carries its caption, which only a
		// figcaption can say, and which then reads back as a block too.
		fig = append(slices.Clone(fig), postextract.Block{Kind: postextract.KindCaption, Text: caption})
		parts = []int{i + len(fig) - 1}
	}
	in := make(map[int]bool, len(parts))
	for _, p := range parts {
		in[p-i] = true
	}
	m.writeFigure(fig, in)
	return end
}

// ownCaption reports whether the images from blks[j] on are followed by a
// caption block with their caption: they are a figure of their own.
func ownCaption(blks []postextract.Block, j int, caption string) bool {
	for j < len(blks) && blks[j].Kind == postextract.KindImage && blks[j].Image != nil && blks[j].Image.Caption == caption {
		j++
	}
	return j < len(blks) && blks[j].Kind == postextract.KindCaption && blks[j].Text == caption
}

// writeFigure writes one <figure> HTML block with its blocks in their
// order; the caption blocks in parts make its last <figcaption> (with the
// images between them inside it), any other one a <figcaption> of its own.
func (m *mdWriter) writeFigure(fig []postextract.Block, parts map[int]bool) {
	m.usedHTML = true
	var h strings.Builder
	h.WriteString("<figure>")
	first, last := -1, -1
	for k := range fig {
		if parts[k] {
			last = k
			if first < 0 {
				first = k
			}
		}
	}
	for k := range fig {
		switch fig[k].Kind {
		case postextract.KindCaption:
			if !parts[k] {
				h.WriteString("<figcaption>")
				writeInlineHTML(&h, &fig[k])
				h.WriteString("</figcaption>")
				continue
			}
			if k == first {
				h.WriteString("<figcaption>")
			}
			if k > first && parts[k-1] {
				// Two parts of one caption: a double <br> keeps them
				// apart, as it cut them (a <p> would join them).
				h.WriteString("<br><br>")
			}
			writeInlineHTML(&h, &fig[k])
			if k == last {
				h.WriteString("</figcaption>")
			}
			continue
		case postextract.KindImage:
		case postextract.KindListItem:
			if k == 0 || fig[k-1].Kind != postextract.KindListItem {
				end := k
				for end < len(fig) && fig[end].Kind == postextract.KindListItem {
					end++
				}
				htmlList(&h, fig[k:end])
			}
			continue
		default:
			htmlBlock(&h, &fig[k])
			continue
		}
		img := fig[k].Image
		h.WriteString(`<img src="`)
		htmlAttr.WriteString(&h, img.URL)
		h.WriteString(`"`)
		if img.Alt != "" {
			h.WriteString(` alt="`)
			htmlAttr.WriteString(&h, img.Alt)
			h.WriteString(`"`)
		}
		if img.Title != "" {
			h.WriteString(` title="`)
			htmlAttr.WriteString(&h, img.Title)
			h.WriteString(`"`)
		}
		if img.Width > 0 {
			h.WriteString(` width="` + strconv.Itoa(img.Width) + `"`)
		}
		if img.Height > 0 {
			h.WriteString(` height="` + strconv.Itoa(img.Height) + `"`)
		}
		h.WriteString(">")
	}
	h.WriteString("</figure>\n")
	m.b.WriteString(h.String())
}

// htmlBlock writes a block of text as HTML inside a figure: no line of it
// blank, since a blank line ends an HTML block in CommonMark.
func htmlBlock(h *strings.Builder, blk *postextract.Block) {
	switch blk.Kind {
	case postextract.KindCode:
		htmlCode(h, blk)
	case postextract.KindTable:
		htmlTable(h, blk.Rows)
	case postextract.KindHeading:
		tag := "h" + strconv.Itoa(min(max(blk.Level, 1), 6))
		h.WriteString("<" + tag + ">")
		writeInlineHTML(h, blk)
		h.WriteString("</" + tag + ">")
	case postextract.KindQuote:
		h.WriteString("<blockquote><p>")
		writeInlineHTML(h, blk)
		h.WriteString("</p></blockquote>")
	default:
		h.WriteString("<p>")
		writeInlineHTML(h, blk)
		h.WriteString("</p>")
	}
}

// htmlCode writes a code block as <pre><code>. A line of white space
// would be blank to CommonMark and end the HTML block around it (a
// figure), so such a line is written as references, its line end too.
func htmlCode(h *strings.Builder, blk *postextract.Block) {
	h.WriteString("<pre><code")
	if blk.Lang != "" {
		h.WriteString(` class="language-`)
		htmlAttr.WriteString(h, blk.Lang)
		h.WriteString(`"`)
	}
	h.WriteString(">")
	for s := blk.Text; ; {
		line, rest, more := strings.Cut(s, "\n")
		if more && strings.TrimSpace(line) == "" {
			h.WriteString(spaceRefs(line) + "&#10;")
		} else {
			htmlAttr.WriteString(h, line)
			if more {
				h.WriteString("\n")
			}
		}
		if !more {
			break
		}
		s = rest
	}
	h.WriteString("</code></pre>")
}

// htmlTable writes a table's rows as HTML, a line break in a cell as <br>.
func htmlTable(h *strings.Builder, rows [][]string) {
	h.WriteString("<table>\n")
	for _, r := range rows {
		h.WriteString("<tr>")
		for _, c := range r {
			h.WriteString("<td>")
			writeHTMLText(h, c)
			h.WriteString("</td>")
		}
		h.WriteString("</tr>\n")
	}
	h.WriteString("</table>\n")
}

// mdImage writes ![alt](url "title"), when Markdown can say the image
// exactly; it reports false, having written nothing, when it cannot.
func (m *mdWriter) mdImage(img *postextract.Image) bool {
	if strings.ContainsAny(img.Alt+img.Title, "\n\r") || !mdURL(img.URL) {
		return false
	}
	m.b.WriteString("![")
	e := escaper{out: &m.b, inLink: true}
	e.text(img.Alt)
	m.b.WriteString("](")
	writeDestination(&m.b, img.URL)
	if img.Title != "" {
		m.b.WriteString(` "`)
		writeTitle(&m.b, img.Title)
		m.b.WriteString(`"`)
	}
	m.b.WriteString(")\n")
	return true
}

// writeDestination writes a link destination: in <…> when it holds a space
// or a parenthesis, with what CommonMark would read as an escape or a
// character reference escaped, and a "{" that could open a template tag as
// a reference.
func writeDestination(b *strings.Builder, u string) {
	pointy := u == "" || strings.ContainsAny(u, " ()<>\t\n")
	if pointy {
		b.WriteByte('<')
	}
	for i := 0; i < len(u); i++ {
		c := u[i]
		switch {
		case c == '\\' || c == '<' || c == '>':
			b.WriteByte('\\')
			b.WriteByte(c)
		case c == '&' && entityAt(u, i):
			// goldmark reads a reference even after "\&" here.
			b.WriteString("&amp;")
		case c == '{':
			b.WriteString("&#123;")
		default:
			b.WriteByte(c)
		}
	}
	if pointy {
		b.WriteByte('>')
	}
}

// mdURL reports whether goldmark writes u into its HTML as it is: it
// percent-encodes every byte but these (and a %XX), so a URL with another
// is written as HTML to read back the same.
func mdURL(u string) bool {
	for i := 0; i < len(u); i++ {
		c := u[i]
		if c == '%' && i+2 < len(u) && isHex(u[i+1]) && isHex(u[i+2]) {
			continue
		}
		if c <= ' ' || c >= 0x7f || strings.IndexByte("\"%<>[\\]^`{|}", c) >= 0 {
			return false
		}
	}
	return u != ""
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// writeTitle writes a link title for "…".
func writeTitle(b *strings.Builder, t string) {
	for i := 0; i < len(t); i++ {
		c := t[i]
		switch {
		case c == '\\' || c == '"':
			b.WriteByte('\\')
			b.WriteByte(c)
		case c == '&' && entityAt(t, i):
			b.WriteString(`\&`)
		case c == '{':
			b.WriteString("&#123;")
		case isControl(rune(c)):
			b.WriteString("&#" + strconv.Itoa(int(c)) + ";")
		default:
			b.WriteByte(c)
		}
	}
}
