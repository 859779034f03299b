package postextract

import (
	"bytes"
	"sort"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// This file holds the goldmark parsers and transformers that make it read
// as the text of the GFM spec where goldmark departs from it (SPEC
// "Markdown bodies"): table starts and ends, strikethrough runs, where an
// extended autolink may start, what an email autolink holds.

// gfmBlockParsers are goldmark's block parsers, with the containers
// noting the lines they did not take (lazy continuation lines) and the
// setext underline refused inside a table.
func gfmBlockParsers() []util.PrioritizedValue {
	ps := parser.DefaultBlockParsers()
	for i, p := range ps {
		switch p.Priority {
		case 100: // setext heading
			ps[i].Value = setextOutsideTables{p.Value.(parser.BlockParser)}
		case 300, 400, 800: // list, list item, block quote
			ps[i].Value = lazyLines{p.Value.(parser.BlockParser)}
		}
	}
	return ps
}

// lazyKey holds, in a parse's context, the start of every line that a
// container did not continue on, in order: such a line that a paragraph
// still takes is a lazy continuation line.
var lazyKey = parser.NewContextKey()

// lazyLines is a container's parser that notes the lines it gives up on.
type lazyLines struct{ parser.BlockParser }

// Continue notes the line when the container does not take it.
func (p lazyLines) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	s := p.BlockParser.Continue(node, reader, pc)
	if s&parser.Continue == 0 {
		_, seg := reader.PeekLine()
		start := lineStartAt(reader.Source(), seg.Start)
		lines, _ := pc.Get(lazyKey).([]int)
		if len(lines) == 0 || lines[len(lines)-1] != start {
			pc.Set(lazyKey, append(lines, start))
		}
	}
	return s
}

// lineStartAt is the offset of the start of the line that holds pos.
func lineStartAt(src []byte, pos int) int {
	return bytes.LastIndexByte(src[:min(pos, len(src))], '\n') + 1
}

// isLazy reports whether a paragraph's continuation line at seg is one
// that its containers did not take.
func isLazy(pc parser.Context, src []byte, seg text.Segment) bool {
	lines, _ := pc.Get(lazyKey).([]int)
	if len(lines) == 0 {
		return false
	}
	start := lineStartAt(src, seg.Start)
	i := sort.SearchInts(lines, start)
	return i < len(lines) && lines[i] == start
}

// setextOutsideTables refuses a setext underline under a paragraph that
// holds a table: the table is open, and "=" or "--" is a row (a thematic
// break "---" and an empty list item "-" still end it).
type setextOutsideTables struct{ parser.BlockParser }

// tableSeenKey holds, in a parse's context, how far the open paragraph
// was searched for a table (a tableSeen): a paragraph of many underlines
// is searched once, not once a line.
var tableSeenKey = parser.NewContextKey()

type tableSeen struct {
	para       *ast.Paragraph
	next, head int // the next line to look at; the delimiter row, or -1
}

// Open refuses the underline of a table.
func (p setextOutsideTables) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	para, ok := pc.LastOpenedBlock().Node.(*ast.Paragraph)
	line, _ := reader.PeekLine()
	if t := util.TrimRightSpace(util.TrimLeftSpace(line)); ok && len(t) > 0 && string(t) != "-" &&
		len(bytes.Trim(t, string(t[:1]))) == 0 && (t[0] == '=' || t[0] == '-') {
		seen, _ := pc.Get(tableSeenKey).(*tableSeen)
		if seen == nil || seen.para != para {
			seen = &tableSeen{para: para, next: 1, head: -1}
			pc.Set(tableSeenKey, seen)
		}
		lines := para.Lines()
		if seen.head < 0 && seen.next < lines.Len() {
			seen.head = tableStart(lines, reader.Source(), pc, seen.next)
			seen.next = lines.Len()
		}
		if seen.head >= 0 {
			return nil, parser.NoChildren
		}
	}
	return p.BlockParser.Open(parent, reader, pc)
}

// gfmTables is goldmark's table transformer, given only the paragraphs
// that hold a GFM table, from the header of their table on.
type gfmTables struct{ parser.ParagraphTransformer }

var gfmTableTransformer = gfmTables{extension.NewTableParagraphTransformer()}

// Transform makes the table of a paragraph, after the lines before its
// header, which stay a paragraph.
func (t gfmTables) Transform(node *ast.Paragraph, reader text.Reader, pc parser.Context) {
	src := reader.Source()
	i := tableStart(node.Lines(), src, pc, 1)
	if i < 0 {
		return
	}
	if i > 1 {
		// goldmark takes the first delimiter row; GFM the first whose
		// header matches. The lines before the header move to a paragraph
		// of their own, so that this one still leaves the tree when it
		// becomes the table: goldmark's parser reads that as a transformed
		// paragraph (a setext underline then fails, as it should).
		intro, lines := ast.NewParagraph(), node.Lines()
		for j := 0; j < i-1; j++ {
			intro.Lines().Append(lines.At(j))
		}
		if last := lines.At(i - 2); last.Stop > last.Start && src[last.Stop-1] == '\n' {
			intro.Lines().Set(i-2, last.WithStop(last.Stop-1))
		}
		intro.SetPos(node.Pos())
		intro.SetBlankPreviousLines(node.HasBlankPreviousLines())
		node.Parent().InsertBefore(node.Parent(), node, intro)
		lines.SetSliced(i-1, lines.Len())
		node.SetPos(lines.At(0).Start)
		node.SetBlankPreviousLines(false)
	}
	t.ParagraphTransformer.Transform(node, reader, pc)
}

// tableStart returns the index of the delimiter row of a paragraph's
// table, or -1: the first delimiter row from line from on whose header
// row has as many cells, neither row a lazy continuation line.
func tableStart(lines *text.Segments, src []byte, pc parser.Context, from int) int {
	for i := max(from, 1); i < lines.Len(); i++ {
		row, head := lines.At(i), lines.At(i-1)
		n := delimiterCells(row.Value(src))
		if n < 0 || isLazy(pc, src, row) {
			continue
		}
		if rowCells(head.Value(src)) == n && (i == 1 || !isLazy(pc, src, head)) {
			return i
		}
	}
	return -1
}

// delimiterCells returns the number of cells of a table's delimiter row,
// or -1 when line is none, as goldmark reads it: at most three spaces of
// indent, then cells of dashes with an optional colon at either end,
// parted by pipes; not a line of dashes only.
func delimiterCells(line []byte) int {
	if w, _ := util.IndentWidth(line, 0); w > 3 {
		return -1
	}
	dashesOnly := true
	for _, b := range line {
		if b != '-' {
			dashesOnly = false
		}
		if !util.IsSpace(b) && b != '-' && b != '|' && b != ':' {
			return -1
		}
	}
	if dashesOnly {
		return -1
	}
	cells := 0
	for first := true; ; first = false {
		cell, rest, more := bytes.Cut(line, []byte{'|'})
		line = rest
		if util.IsBlank(cell) && (first || !more) {
			if !more {
				break
			}
			continue // no cell before a leading or after a trailing pipe
		}
		cell = util.TrimRightSpace(util.TrimLeftSpace(cell))
		cell = bytes.TrimSuffix(bytes.TrimPrefix(cell, []byte{':'}), []byte{':'})
		if len(cell) == 0 || len(bytes.Trim(cell, "-")) != 0 {
			return -1
		}
		cells++
		if !more {
			break
		}
	}
	if cells == 0 {
		return -1
	}
	return cells
}

// rowCells counts the cells of a table row as goldmark parts them: a
// leading and a trailing pipe are no border, a pipe after a backslash is
// none either.
func rowCells(line []byte) int {
	line = util.TrimRightSpace(util.TrimLeftSpace(line))
	pos, limit := 0, len(line)
	if limit > 0 && line[0] == '|' {
		pos++
	}
	if limit > 0 && line[limit-1] == '|' {
		limit--
	}
	cells := 0
	for pos < limit {
		end := pos
		for end < limit && (line[end] != '|' || end > 0 && line[end-1] == '\\') {
			end++
		}
		cells++
		pos = end + 1
	}
	return cells
}

// strikeParser reads "~" and "~~" runs as GFM does: a closing run pairs
// only with the nearest opening run before it, and only when both are as
// long ("~用户~~" and "~a ~~b~" are no strike); goldmark's own pairs any
// two, looking past runs of another length.
type strikeParser struct{}

// Trigger is the tilde.
func (strikeParser) Trigger() []byte { return []byte{'~'} }

// Parse pushes a run of one or two tildes as a delimiter.
func (strikeParser) Parse(_ ast.Node, block text.Reader, pc parser.Context) ast.Node {
	before := block.PrecendingCharacter()
	line, segment := block.PeekLine()
	d := parser.ScanDelimiter(line, before, 1, &strikeDelimiter{})
	if d == nil || d.OriginalLength > 2 || before == '~' {
		return nil
	}
	d.Segment = segment.WithStop(segment.Start + d.OriginalLength)
	block.Advance(d.OriginalLength)
	pc.PushDelimiter(d)
	return d
}

// CloseBlock has nothing to do.
func (strikeParser) CloseBlock(ast.Node, parser.Context) {}

// strikeDelimiter is the processor of one tilde run. asked is set once
// the run, as a closer, was offered an opener: goldmark offers the
// openers nearest first, so the first one offered is the only one GFM
// lets it close.
type strikeDelimiter struct{ asked bool }

func (*strikeDelimiter) IsDelimiter(b byte) bool { return b == '~' }

func (*strikeDelimiter) CanOpenCloser(opener, closer *parser.Delimiter) bool {
	c, ok := closer.Processor.(*strikeDelimiter)
	if !ok || c.asked || opener.Char != closer.Char {
		return false
	}
	c.asked = true
	return opener.OriginalLength == closer.OriginalLength
}

func (*strikeDelimiter) OnMatch(int) ast.Node { return east.NewStrikethrough() }

// gfmLinkify is goldmark's extended autolink parser held to GFM's rules:
// a URL or www. autolink starts only at a line's start, after white space
// or after "*", "_", "~", "(" (goldmark also starts one right after any
// inline node: "[]()www.e.c", "`a`www.e.c"); an email's local part is
// letters, digits and ".", "-", "_", "+" only, so that it never reaches
// into a code span (user.email`you@example.com`).
type gfmLinkify struct{ parser.InlineParser }

var autolinkPrefixes = [][]byte{[]byte("http://"), []byte("https://"), []byte("ftp://"), []byte("www.")}

// Parse checks where the autolink starts, then lets goldmark read it.
func (p gfmLinkify) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	if len(line) == 0 {
		return nil
	}
	rest, at := line, seg.Start
	switch line[0] {
	case ' ', '*', '_', '~', '(': // goldmark's own triggers, which it steps over
		rest, at = line[1:], at+1
	}
	isURL, domain := false, rest
	for _, pre := range autolinkPrefixes {
		if bytes.HasPrefix(rest, pre) {
			isURL, domain = true, rest[len(pre):]
		}
	}
	switch {
	case isURL && (!validDomain(domain) || at == seg.Start && !autolinkMayStart(parent, block.Source(), at)):
		return nil
	case !isURL && !emailLocalPart(rest):
		return nil
	}
	return p.InlineParser.Parse(parent, block, pc)
}

// autolinkMayStart reports whether a URL autolink may start at pos,
// where no trigger character of goldmark's is: after white space, one
// of "*_~(", or at the start of one of the block's lines.
func autolinkMayStart(parent ast.Node, src []byte, pos int) bool {
	if pos == 0 {
		return true
	}
	switch src[pos-1] {
	case ' ', '\t', '\n', '\r', '*', '_', '~', '(':
		return true
	}
	lines := parent.Lines()
	i := sort.Search(lines.Len(), func(i int) bool { return lines.At(i).Start >= pos })
	return i < lines.Len() && lines.At(i).Start == pos
}

// validDomain reports whether b starts with a domain as GFM reads it:
// letters, digits, "-", "_" and ".", with no "_" in its last two
// segments ("www.a.com_" is none).
func validDomain(b []byte) bool {
	n := 0
	for n < len(b) && (b[n] == '.' || b[n] == '-' || b[n] == '_' || util.IsAlphaNumeric(b[n])) {
		n++
	}
	d := bytes.TrimRight(b[:n], ".")
	for seg := 0; seg < 2 && len(d) > 0; seg++ {
		i := bytes.LastIndexByte(d, '.')
		if bytes.IndexByte(d[i+1:], '_') >= 0 {
			return false
		}
		d = d[:max(i, 0)]
	}
	return true
}

// emailLocalPart reports whether b starts with an email's local part as
// GFM reads it, then "@".
func emailLocalPart(b []byte) bool {
	for i, c := range b {
		switch {
		case c == '@':
			return i > 0
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9',
			c == '.', c == '-', c == '_', c == '+':
		default:
			return false
		}
	}
	return false
}
