package render

import (
	"strconv"
	"strings"

	"github.com/postextract/postextract"
)

// htmlList writes list items as one HTML block of nested lists, an empty
// item standing for each level an item skips. An ordered item shows its
// Number: its list's start, an <li value> where the count jumps (0 counts
// on); a Continued block is a paragraph of the item above. Blocks of other
// kinds among items (a step's code) are written inside theirs by other.
func htmlList(h *strings.Builder, items []postextract.Block, other func(*postextract.Block)) {
	l := htmlLists{h: h, other: other}
	for k := range items {
		blk := &items[k]
		level := max(blk.Level, 1)
		for len(l.open) > level {
			l.closeList()
		}
		if len(l.open) == level {
			if o := &l.open[level-1]; o.ordered == blk.Ordered {
				l.next(o, blk)
				continue
			}
			l.closeList()
		}
		for len(l.open) < level {
			start := 1
			if len(l.open) == level-1 && blk.Ordered && blk.Number > 0 {
				start = blk.Number
			}
			tag := listTag(blk.Ordered, false)
			if blk.Ordered && start != 1 {
				tag = `<ol start="` + strconv.Itoa(start) + `">`
			}
			h.WriteString(tag + "<li>")
			l.open = append(l.open, htmlListLevel{blk.Ordered, start + 1})
		}
		l.content(blk)
	}
	for len(l.open) > 0 {
		l.closeList()
	}
}

// htmlLists are the lists htmlList has open, each with an open <li>.
type htmlLists struct {
	h     *strings.Builder
	open  []htmlListLevel
	other func(*postextract.Block)
}

type htmlListLevel struct {
	ordered bool
	next    int // the number a plain <li> shows
}

func (l *htmlLists) closeList() {
	l.h.WriteString("</li>" + listTag(l.open[len(l.open)-1].ordered, true) + "\n")
	l.open = l.open[:len(l.open)-1]
}

// content writes a block inside the open <li>.
func (l *htmlLists) content(blk *postextract.Block) {
	if blk.Kind != postextract.KindListItem {
		l.other(blk)
		return
	}
	writeInlineHTML(l.h, blk)
}

// next writes a block of the list o, which is open at its level: in the
// open item when it continues it, else in an item of its own.
func (l *htmlLists) next(o *htmlListLevel, blk *postextract.Block) {
	n := o.next
	if blk.Ordered && blk.Number > 0 {
		n = blk.Number
	}
	switch {
	case blk.Continued && blk.Kind != postextract.KindListItem:
		l.content(blk)
		return
	case blk.Continued:
		l.h.WriteString("<p>") // a paragraph of the item above
		writeInlineHTML(l.h, blk)
		l.h.WriteString("</p>")
		return
	case !blk.Ordered || n == o.next:
		l.h.WriteString("</li>\n<li>")
	default:
		l.h.WriteString("</li>\n<li value=\"" + strconv.Itoa(n) + "\">")
	}
	o.next = n + 1
	l.content(blk)
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
		switch blk := &fig[k]; blk.Kind {
		case postextract.KindCaption:
			writeFigcaption(&h, fig, k, parts, first, last)
		case postextract.KindImage:
			if blk.Image == nil {
				break
			}
			if blk.Image.Caption == "" && len(parts) > 0 {
				// An image without the caption: a figure of its own
				// inside, so that the caption is not its.
				h.WriteString("<figure>")
				writeFigureImage(&h, blk.Image)
				h.WriteString("</figure>")
				break
			}
			writeFigureImage(&h, blk.Image)
		case postextract.KindListItem, postextract.KindCode:
			if !listPart(blk) {
				htmlBlock(&h, blk)
			} else if k == 0 || !listPart(&fig[k-1]) {
				end := k
				for end < len(fig) && listPart(&fig[end]) {
					end++
				}
				htmlList(&h, fig[k:end], func(blk *postextract.Block) { htmlBlock(&h, blk) })
			}
		default:
			htmlBlock(&h, blk)
		}
	}
	h.WriteString("</figure>\n")
	m.b.WriteString(h.String())
}

// writeFigcaption writes the caption block fig[k]: a <figcaption> of its
// own, or a part of the last one, which the parts first to last make.
func writeFigcaption(h *strings.Builder, fig []postextract.Block, k int, parts map[int]bool, first, last int) {
	if !parts[k] {
		h.WriteString("<figcaption>")
		writeInlineHTML(h, &fig[k])
		h.WriteString("</figcaption>")
		return
	}
	if k == first {
		h.WriteString("<figcaption>")
	}
	if k > first && parts[k-1] {
		// Two parts of one caption: a double <br> keeps them apart, as it
		// cut them (a <p> would join them).
		h.WriteString("<br><br>")
	}
	writeInlineHTML(h, &fig[k])
	if k == last {
		h.WriteString("</figcaption>")
	}
}

// writeFigureImage writes an image of a figure as an <img> with its alt,
// title and size.
func writeFigureImage(h *strings.Builder, img *postextract.Image) {
	link := img.Link != "" && safeURL(img.Link)
	if link {
		h.WriteString(`<a href="`)
		htmlAttr.WriteString(h, img.Link)
		h.WriteString(`">`)
	}
	h.WriteString(`<img src="`)
	htmlAttr.WriteString(h, img.URL)
	h.WriteString(`"`)
	writeAttr(h, htmlAttr, "alt", img.Alt)
	writeAttr(h, htmlAttr, "title", img.Title)
	writeSize(h, img)
	h.WriteString(">")
	if link {
		h.WriteString("</a>")
	}
}

// htmlBlock writes a block of text as HTML inside a figure: no line of it
// blank, since a blank line ends an HTML block in CommonMark.
func htmlBlock(h *strings.Builder, blk *postextract.Block) {
	switch blk.Kind {
	case postextract.KindCode:
		htmlCode(h, blk)
	case postextract.KindTable:
		htmlTable(h, blk)
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
// htmlCodeText escapes a line of code for <pre>: as htmlAttr, and the
// brackets and emphasis characters as references too, which the reader's
// cost guard would otherwise count as Markdown's openers on the line
// (thousands of "[" read the block as plain text).
var htmlCodeText = strings.NewReplacer(append([]string{
	"[", "&#91;", "]", "&#93;", "*", "&#42;", "_", "&#95;", "~", "&#126;",
}, htmlAttrRefs...)...)

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
			htmlCodeText.WriteString(h, line)
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
// Its cells' links are <a> elements.
func htmlTable(h *strings.Builder, blk *postextract.Block) {
	h.WriteString("<table>\n")
	for n, r := range blk.Rows {
		h.WriteString("<tr>")
		cell := "td"
		if n == 0 {
			cell = "th" // the first row is the head, as a GFM table's
		}
		for j, c := range r {
			h.WriteString("<" + cell + ">")
			writeInlineHTML(h, &postextract.Block{Text: c, Runs: cellRuns(blk, n, j)})
			h.WriteString("</" + cell + ">")
		}
		h.WriteString("</tr>\n")
	}
	h.WriteString("</table>\n")
}

// listPart reports whether a block is written as part of a list: a list
// item, or a code block inside one.
func listPart(blk *postextract.Block) bool {
	return blk.Kind == postextract.KindListItem || inItem(blk)
}
