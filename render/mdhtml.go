package render

import (
	"strconv"
	"strings"

	"github.com/postextract/postextract"
)

// htmlList writes list items as one HTML block of nested lists, an empty
// item standing for each level an item skips. An ordered item shows its
// Number: its list's start, an <li value> where the count jumps (0 counts
// on); a Continued block is a paragraph of the item above.
func htmlList(h *strings.Builder, items []postextract.Block) {
	type list struct {
		ordered bool
		next    int // the number a plain <li> shows
	}
	var open []list // each has an open <li>
	closeList := func() {
		h.WriteString("</li>" + listTag(open[len(open)-1].ordered, true) + "\n")
		open = open[:len(open)-1]
	}
	for k := range items {
		blk := &items[k]
		level := max(blk.Level, 1)
		for len(open) > level {
			closeList()
		}
		if len(open) == level {
			if l := &open[level-1]; l.ordered == blk.Ordered {
				n := l.next
				if blk.Ordered && blk.Number > 0 {
					n = blk.Number
				}
				switch {
				case blk.Continued:
					h.WriteString("<p>") // a paragraph of the item above
					writeInlineHTML(h, blk)
					h.WriteString("</p>")
					continue
				case !blk.Ordered || n == l.next:
					h.WriteString("</li>\n<li>")
				default:
					h.WriteString("</li>\n<li value=\"" + strconv.Itoa(n) + "\">")
				}
				l.next = n + 1
				writeInlineHTML(h, blk)
				continue
			}
			closeList()
		}
		for len(open) < level {
			start := 1
			if len(open) == level-1 && blk.Ordered && blk.Number > 0 {
				start = blk.Number
			}
			tag := listTag(blk.Ordered, false)
			if blk.Ordered && start != 1 {
				tag = `<ol start="` + strconv.Itoa(start) + `">`
			}
			h.WriteString(tag + "<li>")
			open = append(open, list{blk.Ordered, start + 1})
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
		case postextract.KindListItem:
			if k == 0 || fig[k-1].Kind != postextract.KindListItem {
				end := k
				for end < len(fig) && fig[end].Kind == postextract.KindListItem {
					end++
				}
				htmlList(&h, fig[k:end])
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
