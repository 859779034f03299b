package render

import (
	"reflect"
	"strings"
	"unicode/utf8"

	"github.com/postextract/postextract"
)

// inline writes a block's text with its runs: marks as Markdown delimiters
// where CommonMark reads them back exactly, otherwise as HTML elements;
// links as [text](url); a "\n" as a hard break, the next line starting with
// prefix.
func (m *mdWriter) inline(blk *postextract.Block, prefix string) {
	m.inlineAt(blk, prefix, true)
}

// inlineAt is inline for a text that starts a line, or that does not (a
// heading's, after its #: nothing there opens a block).
func (m *mdWriter) inlineAt(blk *postextract.Block, prefix string, lineStart bool) {
	e := escaper{out: &m.b, prefix: prefix, lineStart: lineStart, tickRefs: strings.Count(blk.Text, "`") > maxEscapedTicks}
	if !lineStart {
		e.prev = ' '
	}
	// A heading that ends with "}" would end with an attribute list.
	e.braceRefs = !lineStart && strings.HasSuffix(strings.TrimRight(blk.Text, " \t"), "}")
	// Bare URLs, where GFM reads them back as the same links, else nested
	// marks, where they read back; else run by run.
	for _, bare := range []bool{true, false} {
		if bare && !hasAutolink(blk.Runs) || !bare && !spansRuns(blk.Runs) {
			continue
		}
		if spans, ok := markSpans(blk.Runs, bare); ok && nestedReadsBack(blk, spans, e.braceRefs) {
			writeNested(&e, blk.Runs, spans)
			return
		}
	}
	e.htmlMarks = denseMarks(blk) && !m.readsBack(blk)
	m.writeRuns(&e, blk)
}

// writeRuns writes a block's text and runs with e.
func (m *mdWriter) writeRuns(e *escaper, blk *postextract.Block) {
	if len(blk.Runs) == 0 {
		e.text(blk.Text)
		return
	}
	for i := 0; i < len(blk.Runs); {
		link, j := blk.Runs[i].Link, linkEnd(blk.Runs, i)
		html := link != "" && !mdURL(link)
		switch {
		case html:
			m.usedHTML = true
			m.b.WriteString(`<a href="`)
			htmlAttr.WriteString(&m.b, link)
			m.b.WriteString(`">`)
			e.lineStart, e.afterDelim, e.prev = false, false, '>'
		case link != "":
			m.b.WriteString("[")
			e.lineStart, e.inLink, e.afterDelim, e.prev = false, true, false, '['
		}
		// A "!" right before a link's "[" would make it an image.
		nextLink := j < len(blk.Runs) && mdURL(blk.Runs[j].Link)
		for k, r := range blk.Runs[i:j] {
			e.bangEnd = nextLink && i+k == j-1 || i+k+1 < len(blk.Runs) && isFootnoteRef(blk.Runs[i+k+1])
			e.next = runAfter(blk.Runs, i+k, link)
			if isFootnoteRef(r) {
				m.b.WriteString("[^" + r.Footnote + "]")
				if n := i + k + 1; n < j && plainColon(blk.Runs[n]) {
					m.b.WriteString("\\") // [^1]: at a line's start is a definition
				}
				e.lineStart, e.afterDelim, e.prev = false, false, ']'
				continue
			}
			if e.run(r) {
				m.usedHTML = true
			}
		}
		switch {
		case html:
			m.b.WriteString("</a>")
			e.afterDelim, e.prev = false, '>'
		case link != "":
			m.b.WriteString("](")
			writeDestination(&m.b, link)
			m.b.WriteString(")")
			e.inLink, e.afterDelim, e.prev = false, false, ')'
		}
		i = j
	}
}

// runAfter returns the first character written after runs[k], inside a
// link to link: -1 for the block's end, '<' for markup (a delimiter, a
// tag, a link's bracket), else the first character of the next run.
func runAfter(runs []postextract.Run, k int, link string) rune {
	if k+1 >= len(runs) {
		if link != "" {
			return '<'
		}
		return -1
	}
	n := runs[k+1]
	if n.Link != link || n.Footnote != "" || n.Strong || n.Em || n.Code || n.Del || n.Text == "" {
		return '<'
	}
	c, _ := utf8.DecodeRuneInString(n.Text)
	return c
}

// isFootnoteRef reports whether a run is a footnote reference that [^n]
// says: its text is its number, with no mark or link.
func isFootnoteRef(r postextract.Run) bool {
	return r.Footnote != "" && r.Text == r.Footnote && r.Link == "" && !r.Strong && !r.Em && !r.Code && !r.Del
}

// plainColon reports whether a run is unmarked text that starts with ":".
func plainColon(r postextract.Run) bool {
	return strings.HasPrefix(r.Text, ":") && !r.Strong && !r.Em && !r.Code && !r.Del
}

// denseMarks reports whether a block has so many marks that the reader's
// guard may find its delimiters too costly to parse and read the
// paragraph as plain text: such a block is read back before it is
// written with delimiters.
func denseMarks(blk *postextract.Block) bool {
	n := 0
	for _, r := range blk.Runs {
		if r.Strong || r.Em || r.Code || r.Del {
			n++
		}
	}
	return n >= 6
}

// readsBack reports whether the block, written alone as a paragraph with
// Markdown delimiters, reads back through the reader as the same text and
// runs.
func (m *mdWriter) readsBack(blk *postextract.Block) bool {
	var p mdWriter
	para := *blk
	para.Kind = postextract.KindParagraph
	e := escaper{out: &p.b, lineStart: true, tickRefs: strings.Count(blk.Text, "`") > maxEscapedTicks}
	p.writeRuns(&e, &para)
	_, ok := readBack(p.b.String(), blk)
	return ok
}

// readBack reads md, a block's Markdown written alone, through the reader,
// and reports whether it is one block with blk's text and runs, which it
// returns.
func readBack(md string, blk *postextract.Block) (*postextract.Block, bool) {
	a, err := postextract.Parse([]byte("---\nmarkup: markdown\n---\n\n" + md + "\n"))
	if err != nil || len(a.Blocks) != 1 {
		return nil, false
	}
	got := &a.Blocks[0]
	return got, got.Text == blk.Text && reflect.DeepEqual(got.Runs, blk.Runs)
}

// maxEscapedTicks is the most backticks of a block's text written as \`:
// the reader's guard counts every run of backticks, an escaped one too, as
// a code span's work, and reads a paragraph of thousands as plain text,
// losing its marks. Past it they are written as &#96;.
const maxEscapedTicks = 32
