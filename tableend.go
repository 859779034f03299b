package postextract

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// tableEnds ends a table where GFM's reference implementation does and
// goldmark does not, since goldmark reads a table as a paragraph's lines:
//   - at a line that is only "|", which goldmark makes a row of empty
//     cells: that line and the rows after it become a paragraph of their
//     text;
//   - in a table at the top of the document, at a line that starts a block
//     that cannot interrupt a paragraph but does end a table (indented
//     code, an ordered list item not numbered 1): with reparse, that line
//     and the lines after it, to the table's end, are read again as
//     Markdown (tableRestParser), for at most maxTableReparses tables a
//     post; else they become a paragraph of their text too.
type tableEnds struct{ reparse bool }

// maxTableReparses bounds how many tables of one post have their rest
// read again: each reading costs the post's size up to the table.
const maxTableReparses = 8

// Transform cuts the tables of doc at their ends.
func (e tableEnds) Transform(doc *ast.Document, reader text.Reader, _ parser.Context) {
	src := reader.Source()
	reparses := 0
	var tables []*east.Table
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := n.(*east.Table); ok && entering {
			tables = append(tables, t)
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	for _, t := range tables {
		top := t.Parent() == ast.Node(doc)
		for row := t.FirstChild(); row != nil; row = row.NextSibling() {
			if _, ok := row.(*east.TableRow); !ok || row.Pos() < 0 || row.Pos() >= len(src) {
				continue
			}
			start := lineStartAt(src, row.Pos())
			line, _, _ := bytes.Cut(src[start:], []byte{'\n'})
			switch {
			case string(bytes.TrimSpace(line)) == "|":
				rowsToParagraph(src, t, row)
			case top && endsTable(line) && e.reparse && reparses < maxTableReparses:
				reparses++
				reparseRows(src, doc, t, row, start)
			case top && endsTable(line):
				rowsToParagraph(src, t, row)
			default:
				continue
			}
			break
		}
	}
}

// endsTable reports whether a table's line starts a block that ends the
// table though it cannot interrupt a paragraph: indented code, or an
// ordered list item whose number is not 1.
func endsTable(line []byte) bool {
	i, cols := skipIndent(line, 0, len(line), 0)
	rest := line[i:]
	if cols >= 4 {
		return len(rest) > 0
	}
	m := orderedMarker(rest)
	return m > 0 && (m == len(rest) || rest[m] == ' ' || rest[m] == '\t')
}

// rowsToParagraph moves the rows of t from cut on into a paragraph of
// their lines' text after t.
func rowsToParagraph(src []byte, t *east.Table, cut ast.Node) {
	para := ast.NewParagraph()
	for row := cut; row != nil; {
		next := row.NextSibling()
		start, end := row.Pos(), len(src)
		if i := bytes.IndexByte(src[start:], '\n'); i >= 0 {
			end = start + i
		}
		txt := ast.NewTextSegment(text.NewSegment(start, end))
		txt.SetSoftLineBreak(next != nil)
		para.AppendChild(para, txt)
		t.RemoveChild(t, row)
		row = next
	}
	t.Parent().InsertAfter(t.Parent(), t, para)
}

// reparseRows removes the rows of t from cut on, and puts after t the
// blocks that Markdown reads in their lines, from start (the cut row's
// line) to the end of t's last line. The lines are parsed where they
// stand: the text before them is blank lines, so that the new blocks'
// segments index the post's own source.
func reparseRows(src []byte, doc *ast.Document, t *east.Table, cut ast.Node, start int) {
	last := t.LastChild()
	end := len(src)
	if i := bytes.IndexByte(src[last.Pos():], '\n'); i >= 0 {
		end = last.Pos() + i + 1
	}
	for row := cut; row != nil; {
		next := row.NextSibling()
		t.RemoveChild(t, row)
		row = next
	}
	buf := make([]byte, end)
	for i := range start {
		buf[i] = '\n'
	}
	copy(buf[start:], src[start:end])
	sub := tableRestParser.Parse(text.NewReader(buf))
	after := ast.Node(t)
	for n := sub.FirstChild(); n != nil; {
		next := n.NextSibling()
		sub.RemoveChild(sub, n)
		doc.InsertAfter(doc, after, n)
		after, n = n, next
	}
}
