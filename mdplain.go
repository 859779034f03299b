package postextract

import (
	"bytes"

	"github.com/yuin/goldmark/util"
)

// What the Markdown guard does with a paragraph (mdguard.go): weigh its
// inline work (inlineCost), read it as plain text when that is too much,
// and read a table that would make too many cells as text.

// endPara weighs the paragraph gathered: a table that would make too many
// cells is read as text, and each part of it that goldmark reads inline
// (the paragraph, or a table's cells row by row) and that would cost too
// much is read as plain text.
func (g *mdGuard) endPara() {
	p := g.para
	g.para = paragraph{lines: p.lines[:0]}
	if len(p.lines) == 0 {
		return
	}
	k := tableDelimiter(g.src, p.lines)
	if k > 0 && tableCells(g.src, p.lines[k-1:]) > guardCells*spanBytes(p.lines[k-1:])+guardCellsBase {
		g.esc = append(g.esc, p.lines[k].start+bytes.IndexByte(g.src[p.lines[k].start:p.lines[k].end], '-'))
		if g.table == 0 {
			g.table = p.first + k
		}
		k = 0
	}
	if k == 0 {
		g.weigh(p.lines, p.first)
		return
	}
	if k > 1 {
		g.weigh(p.lines[:k-1], p.first)
	}
	for i := k - 1; i < len(p.lines); i++ {
		if i != k {
			g.weigh(p.lines[i:i+1], p.first+i)
		}
	}
}

// weigh reads lines as plain text when goldmark's inline parse of them
// would cost more than the budget.
func (g *mdGuard) weigh(lines []lineSpan, first int) {
	if inlineCost(g.src, lines, &g.cost) <= guardWork*spanBytes(lines)+guardWorkBase {
		return
	}
	if g.costly == 0 {
		g.costly = first
	}
	for _, sp := range lines {
		g.esc = plainText(g.src, sp, g.esc)
	}
}

// spanBytes is the bytes of lines, their line ends counted.
func spanBytes(lines []lineSpan) int {
	n := 0
	for _, sp := range lines {
		n += sp.end - sp.start + 1
	}
	return n
}

// guardEscaped are the bytes plainText escapes: what starts or ends inline
// markup (a link's "(" and a title's quotes only follow a "]").
var guardEscaped = [256]bool{'`': true, '*': true, '_': true, '~': true, '[': true, ']': true, '<': true}

// plainText adds to esc the bytes of sp that start inline markup, leaving
// out those already escaped and template tags ({{ }}, {% %}), which the
// shortcode pass reads.
func plainText(src []byte, sp lineSpan, esc []int) []int {
	var unclosed [2]bool // no "}}", no "%}" after here: not searched again
	for i := sp.start; i < sp.end; i++ {
		switch c := src[i]; {
		case c == '\\' && i+1 < sp.end && util.IsPunct(src[i+1]):
			i++
		case c == '{' && i+1 < sp.end && (src[i+1] == '{' || src[i+1] == '%'):
			t, closer := 0, []byte("}}")
			if src[i+1] == '%' {
				t, closer = 1, []byte("%}")
			}
			if unclosed[t] {
				break
			}
			if k := bytes.Index(src[i+2:sp.end], closer); k >= 0 {
				i += k + 3
			} else {
				unclosed[t] = true
			}
		case guardEscaped[c]:
			esc = append(esc, i)
		}
	}
	return esc
}

// tableDelimiter returns the index of the first of lines, after the first,
// that is a table's delimiter row, or 0.
func tableDelimiter(src []byte, lines []lineSpan) int {
	for k := 1; k < len(lines); k++ {
		if delimiterCells(src[lines[k].start:lines[k].end]) > 0 {
			return k
		}
	}
	return 0
}

// tableCells is the cells goldmark makes of a table, lines from its header
// on: every row as wide as the delimiter row.
func tableCells(src []byte, lines []lineSpan) int {
	return max(delimiterCells(src[lines[1].start:lines[1].end]), 0) * (len(lines) - 1)
}
