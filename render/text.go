package render

import (
	"cmp"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/postextract/postextract"
	"golang.org/x/text/width"
)

// Text writes a for reading in a terminal: the title; a line with the date,
// the update date, author, categories, tags and whether it is a draft; each
// of the Article's warnings on a line of its own, after "! "; then the
// blocks, separated by blank lines (the items of one list stay together).
//
// Headings are underlined with "=" (levels 1 and 2) or "-" (3 and deeper)
// as wide as they display; list items are numbered (ordered lists count
// their items from 1, each list and each nesting level anew) or bulleted
// with "•", "◦", "▪" by level, indented under their parent item, with their
// continuation lines aligned; quotes are prefixed with "> "; code is
// indented by four spaces and otherwise kept as it is; tables are aligned
// in columns two spaces apart, with a rule under the first row; images are
// "[image: alt] URL" (the title when there is no alt), their caption on the
// next line. A link is written
// "text <url>" after its text, unless the text is the URL. Widths count
// East Asian wide and fullwidth characters as two columns and combining
// marks as none.
//
// The text comes from untrusted posts and goes to a terminal, so control
// characters (but newline, and tab in code) are written as visible symbols
// (ESC as "␛"): no escape sequence in a post reaches the terminal.
//
// Text returns [ErrNilArticle] for a nil Article, else the error of w.
func Text(w io.Writer, a *postextract.Article) error {
	if a == nil {
		return ErrNilArticle
	}
	var t textWriter
	t.header(a)
	for i := range a.Blocks {
		t.block(&a.Blocks[i])
	}
	_, err := io.WriteString(w, t.b.String())
	return err
}

// textWriter holds the text being written and the state of the lists.
type textWriter struct {
	b      strings.Builder
	inList bool       // the previous block was a list item
	lists  []textList // the lists open at the last item, outermost first
}

// textList is one open list: how it counts and where its items' text starts.
type textList struct {
	ordered bool
	n       int // items written so far
	col     int // column of the text of its last item, where a nested list indents to
}

// textKinds writes each kind of block, one function per kind as goldmark's
// renderers register them, so that a new kind is one more entry (and the
// test that ranges over postextract.Kinds fails until it has one).
var textKinds = map[postextract.Kind]func(*textWriter, *postextract.Block){
	postextract.KindParagraph: (*textWriter).paragraph,
	postextract.KindHeading:   (*textWriter).heading,
	postextract.KindListItem:  (*textWriter).listItem,
	postextract.KindQuote:     (*textWriter).quote,
	postextract.KindCode:      (*textWriter).code,
	postextract.KindTable:     (*textWriter).table,
	postextract.KindCaption:   (*textWriter).paragraph,
	postextract.KindImage:     (*textWriter).image,
}

// bullets mark unordered list items by level, repeating past the third.
var bullets = []string{"•", "◦", "▪"}

// header writes the title, the metadata line and the warnings, each only
// when there is something to say.
func (t *textWriter) header(a *postextract.Article) {
	if title := oneLine(a.Title); title != "" {
		t.line("", title)
	}
	var meta []string
	if !a.Date.IsZero() {
		meta = append(meta, a.Date.Format(time.RFC3339))
	}
	if !a.Updated.IsZero() && !a.Updated.Equal(a.Date) {
		meta = append(meta, "updated "+a.Updated.Format(time.RFC3339))
	}
	if a.Author != "" {
		meta = append(meta, a.Author)
	}
	if len(a.Categories) > 0 {
		meta = append(meta, strings.Join(a.Categories, ", "))
	}
	if len(a.Tags) > 0 {
		meta = append(meta, "#"+strings.Join(a.Tags, " #"))
	}
	if a.Draft {
		meta = append(meta, "draft")
	}
	if len(meta) > 0 {
		t.line("", oneLine(strings.Join(meta, " · ")))
	}
	for _, w := range a.Warnings {
		t.line("! ", oneLine(w.String()))
	}
}

// block writes one block after the blank line that separates it from the
// previous one; the items of a list follow each other without one. A kind
// this version does not know is written as a paragraph, so that no text
// is lost.
func (t *textWriter) block(blk *postextract.Block) {
	isItem := blk.Kind == postextract.KindListItem
	if t.b.Len() > 0 && !(isItem && t.inList) {
		t.b.WriteByte('\n')
	}
	if !isItem && !(inItem(blk) && blk.Level <= len(t.lists)) {
		t.lists = t.lists[:0] // a list ends where anything else comes
	}
	write := textKinds[blk.Kind]
	if write == nil {
		write = (*textWriter).paragraph
	}
	write(t, blk)
	t.inList = isItem
}

func (t *textWriter) paragraph(blk *postextract.Block) {
	t.lines("", "", inlineText(blk))
}

func (t *textWriter) heading(blk *postextract.Block) {
	text := strings.ReplaceAll(inlineText(blk), "\t", " ")
	w := 1
	for line := range strings.SplitSeq(text, "\n") {
		w = max(w, displayWidth(line))
	}
	rule := "="
	if blk.Level > 2 {
		rule = "-"
	}
	t.lines("", "", text)
	t.line("", strings.Repeat(rule, w))
}

// maxTextDepth is the deepest list level indented further: deeper items
// stay at it, so that a hand-built Level of a million costs no more than
// a line of spaces.
const maxTextDepth = 16

func (t *textWriter) listItem(blk *postextract.Block) {
	level := min(max(blk.Level, 1), maxTextDepth)
	// Going back up closes the lists nested deeper: a later nested list
	// under the next item counts anew.
	if len(t.lists) > level {
		t.lists = t.lists[:level]
	}
	for len(t.lists) < level {
		// A level skipped (an item two deeper than its parent) indents
		// as a bulleted item would; the new list's col is set below.
		col := 0
		if n := len(t.lists); n > 0 {
			col = t.lists[n-1].col
		}
		t.lists = append(t.lists, textList{col: col + 2})
	}
	l := &t.lists[level-1]
	indent := 0
	if level > 1 {
		indent = t.lists[level-2].col
	}
	if l.n > 0 && l.ordered != blk.Ordered {
		l.n = 0 // an <ol> right after a <ul> at the same level is another list
	}
	l.ordered = blk.Ordered
	if blk.Continued && l.n > 0 {
		// Another block of the item above: under its text, no marker.
		t.lines(strings.Repeat(" ", l.col), strings.Repeat(" ", l.col), inlineText(blk))
		return
	}
	l.n++
	if blk.Ordered && blk.Number > 0 {
		l.n = blk.Number
	}
	marker := bullets[(level-1)%len(bullets)]
	if blk.Ordered {
		marker = strconv.Itoa(l.n) + "."
	}
	l.col = indent + displayWidth(marker) + 1
	pad := strings.Repeat(" ", indent)
	t.lines(pad+marker+" ", strings.Repeat(" ", l.col), inlineText(blk))
}

func (t *textWriter) quote(blk *postextract.Block) {
	t.lines("> ", "> ", inlineText(blk))
}

// code keeps the text as it is, tabs included, four spaces in; an empty
// line stays empty rather than ending in spaces.
func (t *textWriter) code(blk *postextract.Block) {
	pad := "    "
	if inItem(blk) && blk.Level <= len(t.lists) {
		pad = strings.Repeat(" ", t.lists[blk.Level-1].col) + pad // under its item
	}
	for line := range strings.SplitSeq(cleanText(blk.Text, true), "\n") {
		if line == "" {
			t.b.WriteByte('\n')
			continue
		}
		t.line(pad, line)
	}
}

// table aligns the cells by display width. A table without Rows (an
// Article built by hand) is read from its Text, tab-separated cells on
// newline-separated rows, as Block documents.
func (t *textWriter) table(blk *postextract.Block) {
	rows := blk.Rows
	if len(rows) == 0 {
		for line := range strings.SplitSeq(blk.Text, "\n") {
			rows = append(rows, strings.Split(line, "\t"))
		}
	}
	cells := make([][]string, len(rows))
	var widths []int
	for i, row := range rows {
		cells[i] = make([]string, len(row))
		for j, c := range row {
			c = oneLine(strings.ReplaceAll(c, "\t", " "))
			cells[i][j] = c
			if j == len(widths) {
				widths = append(widths, 1)
			}
			widths[j] = max(widths[j], displayWidth(c))
		}
	}
	for i, row := range cells {
		var line strings.Builder
		for j, w := range widths {
			c := ""
			if j < len(row) {
				c = row[j]
			}
			if j > 0 {
				line.WriteString("  ")
			}
			line.WriteString(c)
			line.WriteString(strings.Repeat(" ", w-displayWidth(c)))
		}
		t.line("", strings.TrimRight(line.String(), " "))
		if i == 0 && len(cells) > 1 {
			rule := make([]string, len(widths))
			for j, w := range widths {
				rule[j] = strings.Repeat("-", w)
			}
			t.line("", strings.Join(rule, "  "))
		}
	}
}

func (t *textWriter) image(blk *postextract.Block) {
	img := blk.Image
	if img == nil {
		img = &postextract.Image{}
	}
	// The alt text says what the image shows; without one, the title
	// (Hexo's asset_img gives only a title) is the next best.
	label := "[image]"
	if alt := oneLine(cmp.Or(img.Alt, img.Title)); alt != "" {
		label = "[image: " + alt + "]"
	}
	if u := cleanText(img.URL, false); u != "" {
		label += " " + u
	}
	t.line("", label)
	if img.Caption != "" {
		t.lines("", "", cleanText(img.Caption, false))
	}
}

// line writes prefix and s and a newline.
func (t *textWriter) line(prefix, s string) {
	t.b.WriteString(prefix)
	t.b.WriteString(s)
	t.b.WriteByte('\n')
}

// lines writes each line of s, the first after first and the others after
// rest.
func (t *textWriter) lines(first, rest, s string) {
	prefix := first
	for line := range strings.SplitSeq(s, "\n") {
		t.line(prefix, line)
		prefix = rest
	}
}

// inlineText is a block's text, made safe for a terminal, with each link's
// URL after its text as "text <url>", unless the text is the URL itself.
// Runs that share a link are one link.
func inlineText(blk *postextract.Block) string {
	if len(blk.Runs) == 0 {
		return cleanText(blk.Text, false)
	}
	var out, text strings.Builder
	for i := 0; i < len(blk.Runs); {
		link, j := blk.Runs[i].Link, i
		text.Reset()
		for ; j < len(blk.Runs) && blk.Runs[j].Link == link; j++ {
			text.WriteString(blk.Runs[j].Text)
		}
		out.WriteString(text.String())
		if link != "" && strings.TrimSpace(text.String()) != link {
			out.WriteString(" <" + link + ">")
		}
		i = j
	}
	return cleanText(out.String(), false)
}

// oneLine is s safe for a terminal, on one line: a line break is a space.
func oneLine(s string) string {
	return cleanText(strings.ReplaceAll(s, "\n", " "), false)
}

// cleanText replaces the control characters of s but newline (and tab
// when keepTab) by visible symbols: C0 controls by their Control Pictures
// (U+2400 + c), DEL by "␡", C1 controls by U+FFFD. A terminal would act
// on them: ESC starts a sequence that can move the cursor, rewrite the
// title or worse.
func cleanText(s string, keepTab bool) string {
	clean := true
	for _, r := range s {
		if termControl(r, keepTab) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for _, r := range s {
		switch {
		case !termControl(r, keepTab):
			b.WriteRune(r)
		case r < 0x20:
			b.WriteRune(0x2400 + r)
		case r == 0x7f:
			b.WriteRune('␡')
		default:
			b.WriteRune(utf8.RuneError)
		}
	}
	return b.String()
}

func termControl(r rune, keepTab bool) bool {
	switch {
	case r == '\n', r == '\t' && keepTab:
		return false
	case r < 0x20, r >= 0x7f && r < 0xa0:
		return true
	}
	return false
}

// displayWidth is the number of terminal columns s takes.
func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		n += runeWidth(r)
	}
	return n
}

// runeWidth is the number of columns a terminal gives r: two for East Asian
// wide and fullwidth characters (CJK, Hangul, fullwidth forms, most emoji),
// none for combining marks and format characters (zero-width joiner, variation
// selectors), one for the rest, East Asian ambiguous ones included, as
// terminals outside CJK locales draw them.
func runeWidth(r rune) int {
	if r < 0x300 { // Latin, before the first combining mark: the common case
		return 1
	}
	if unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf) {
		return 0
	}
	switch width.LookupRune(r).Kind() {
	case width.EastAsianWide, width.EastAsianFullwidth:
		return 2
	}
	return 1
}
