package render

// The Markdown writer's lists: items nested by indentation, ordered items
// numbered as the Article says, and the code blocks that belong to an item
// written inside it.

import (
	"strconv"
	"strings"

	"github.com/postextract/postextract"
)

// listLevel is an open list item: the column its content starts at, and
// the list it belongs to.
type listLevel struct {
	indent  int // the content column of the item
	ordered bool
	n       int    // the item's number, in an ordered list
	delim   string // its list's delimiter, . or )
}

// inItem reports whether a block other than a list item is written inside
// one: a code block with a Level.
func inItem(blk *postextract.Block) bool {
	return blk.Kind == postextract.KindCode && blk.Level > 0 && blk.Level <= maxListDepth
}

// listItem writes a list item inside the open items of lower levels,
// opening empty items for the levels it skips.
func (m *mdWriter) listItem(blks []postextract.Block, i int) int {
	if len(m.list) == 0 {
		// Markdown nests by indentation, so a deep list costs its depth on
		// every line: past maxListDepth the list is HTML, linear in size.
		end, deep := i, false
		for ; end < len(blks) && listPart(&blks[end]); end++ {
			deep = deep || blks[end].Level > maxListDepth
		}
		if deep {
			m.usedHTML = true
			htmlList(&m.b, blks[i:end], func(blk *postextract.Block) { htmlBlock(&m.b, blk) })
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
	content := m.marker(blk, level, n, delim, empty)
	m.b.WriteString(" ")
	m.inline(blk, strings.Repeat(" ", content))
	m.b.WriteString("\n")
	return i + 1
}

// marker writes a new item's marker at level, numbered n with delim, and
// returns the column its content starts at.
func (m *mdWriter) marker(blk *postextract.Block, level, n int, delim string, empty bool) int {
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
	m.b.WriteString(strings.Repeat(" ", indent) + marker)
	content := indent + len(marker) + 1
	m.list = append(m.list, listLevel{indent: content, ordered: blk.Ordered, n: n, delim: delim})
	return content
}

// itemCode writes a code block of a list item inside it: under the item
// above when it continues it, else under a marker of its own (a step that
// starts with its code), every line indented to the item's content.
func (m *mdWriter) itemCode(blks []postextract.Block, i int) int {
	blk := &blks[i]
	level := blk.Level
	empty := m.emptyItems(blk, level)
	n, delim, para := m.itemNumber(blk, level)
	if para {
		m.list = m.list[:level]
	} else {
		m.marker(blk, level, n, delim, empty)
		m.b.WriteString("\n")
	}
	var sub mdWriter
	if awkwardIndent(blk.Text) {
		// A blank line's spaces do not survive the item's indentation
		// being taken off: <pre> on one line does.
		sub.usedHTML = true
		htmlCode(&sub.b, blk)
		sub.b.WriteString("\n")
	} else {
		sub.codeBlock(blk)
	}
	m.usedHTML = m.usedHTML || sub.usedHTML
	pad := strings.Repeat(" ", m.list[level-1].indent)
	for _, line := range strings.SplitAfter(sub.b.String(), "\n") {
		if line != "" && line != "\n" {
			m.b.WriteString(pad)
		}
		m.b.WriteString(line)
	}
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
	if prev.delim == "." {
		return n, ")", false
	}
	return n, ".", false
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

// awkwardIndent reports whether code has a line of white space alone (not
// empty), which taking off the item's indentation would empty.
func awkwardIndent(code string) bool {
	for line := range strings.SplitSeq(code, "\n") {
		if line != "" && strings.TrimLeft(line, " \t") == "" {
			return true
		}
	}
	return false
}
