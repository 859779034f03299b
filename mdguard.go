package postextract

import (
	"bytes"
	"fmt"
	"slices"
)

// The Markdown guard keeps goldmark's cost linear in the body's size. Some
// Markdown costs goldmark more than linear time: containers nested
// thousands deep (it measures each one's column from the line's start),
// link destinations, titles and code spans that are never closed (each
// opener scans to the end of its line or paragraph), "]" in a paragraph of
// many lines (it looks the line up from the paragraph's end), emphasis
// delimiters no closer matches (each closer walks back over every opener),
// and a table whose short rows are padded to a wide header. Before
// goldmark reads a body, the guard finds them in one linear pass and
// escapes what would cost too much with a backslash, so that goldmark
// reads it as the text it is: no word is lost, only the markup of the part
// that was guarded, and a warning says what.
const (
	// guardNesting is the most block quotes and list items a line may be
	// inside: real posts nest a few deep; a marker past it is text.
	guardNesting = 16
	// guardWork and guardWorkBase bound a paragraph's inline work, in
	// inlineCost's units (about one per byte goldmark reads), per byte of
	// the paragraph and in all: a paragraph that would cost more is read as
	// plain text.
	guardWork     = 300
	guardWorkBase = 16384
	// guardCells bounds the cells a table may make per byte of its source
	// (plus guardCellsBase): goldmark pads every short row to the header's
	// width, and a wide header over many short rows makes cells
	// quadratically. Real tables make fewer cells than bytes.
	guardCells     = 2
	guardCellsBase = 256
)

// mdGuard is the state of the guard's pass over a body's lines.
type mdGuard struct {
	src    []byte
	esc    []int // where a backslash goes, before src[i]
	items  []int // the content columns of the open list items, ascending
	html   htmlBlock
	rawEnd string // what ends the <?, <!X or <![CDATA[ block open
	fence  mdFence
	para   paragraph
	blank  bool      // the last line was blank
	cost   costModel // inlineCost's scratch

	nested, costly, table int // the lines guarded, for the warning (1-based)
}

// mdFence is an open fenced code block: its marker, and what a line needs to
// stay inside it.
type mdFence struct {
	char   byte
	n      int // the marker's length; 0: no fence is open
	quotes int // the block quotes it is in
	col    int // the column its lines' content must reach, when not blank
}

// paragraph is the text lines gathered since the last block boundary.
type paragraph struct {
	lines  []lineSpan
	quotes int
	first  int // its first line's number, 1-based
}

// lineSpan is the content of one line, its container markers left out.
type lineSpan struct{ start, end int }

// guardMarkdown returns body with what would cost goldmark more than
// linear time escaped, and warnings that say what; body itself if nothing
// is. Its own cost is one pass over the body.
func guardMarkdown(body []byte) ([]byte, []string) {
	g := &mdGuard{src: body}
	for start, n := 0, 1; start < len(body); n++ {
		end := bytes.IndexByte(body[start:], '\n')
		if end < 0 {
			end = len(body)
		} else {
			end += start
		}
		g.line(start, end, n)
		start = end + 1
	}
	g.endPara()
	if len(g.esc) == 0 {
		return body, nil
	}
	slices.Sort(g.esc)
	g.esc = slices.Compact(g.esc)
	out := make([]byte, 0, len(body)+len(g.esc))
	last := 0
	for _, i := range g.esc {
		out = append(append(out, body[last:i]...), '\\')
		last = i
	}
	return append(out, body[last:]...), g.warnings()
}

// warnings says what the guard read as text, naming the first line of each
// kind.
func (g *mdGuard) warnings() []string {
	var w []string
	if g.nested > 0 {
		w = append(w, fmt.Sprintf("Markdown nested more than %d deep (line %d): the deeper markers read as text", guardNesting, g.nested))
	}
	if g.table > 0 {
		w = append(w, fmt.Sprintf("a Markdown table with far more cells than text (line %d): read as text", g.table))
	}
	if g.costly > 0 {
		w = append(w, fmt.Sprintf("Markdown too costly to parse (the paragraph at line %d): its markup read as plain text", g.costly))
	}
	return w
}

// line reads one line, src[start:end], number n.
func (g *mdGuard) line(start, end, n int) {
	if g.fence.n > 0 && g.inFence(start, end) {
		return
	}
	j, col, quotes, opened := g.prefix(start, end, n)
	if j == end {
		g.endPara()
		g.blank = true
		if g.html == htmlBlockBlank {
			g.html = htmlBlockNone
		}
		return
	}
	wasBlank := g.blank
	g.blank = false
	if !opened && wasBlank {
		for len(g.items) > 0 && g.items[len(g.items)-1] > col {
			g.items = g.items[:len(g.items)-1]
		}
	}
	if g.html != htmlBlockNone {
		g.html = g.html.after(g.src[j:end])
		return
	}
	if g.rawEnd != "" {
		if bytes.Contains(g.src[j:end], []byte(g.rawEnd)) {
			g.rawEnd = ""
		}
		return
	}
	g.block(j, end, n, col, quotes, opened)
}

// block reads a line's content, src[j:end] at column col: a fence, an HTML
// block, indented code, a heading or paragraph text.
func (g *mdGuard) block(j, end, n, col, quotes int, opened bool) {
	rest := g.src[j:end]
	inPara := len(g.para.lines) > 0 && !opened
	base := 0
	if len(g.items) > 0 {
		base = g.items[len(g.items)-1]
	}
	switch c := rest[0]; {
	case (c == '`' || c == '~') && bytes.HasPrefix(rest, []byte{c, c, c}) && (c == '~' || bytes.IndexByte(rest[runEnd(rest, c):], '`') < 0):
		// A backtick fence's info string holds no backtick; its marker
		// run may be as long as it likes (````).
		g.endPara()
		k := runEnd(rest, c)
		g.fence = mdFence{char: c, n: k, quotes: quotes, col: min(col, base)}
		return
	case col-base >= 4 && !inPara:
		g.endPara() // indented code: no inline markup
		return
	case c == '<' && col-base < 4:
		if end := rawBlockEnd(rest); end != "" {
			g.endPara()
			if !bytes.Contains(rest, []byte(end)) {
				g.rawEnd = end
			}
			return
		}
		if b, sure := htmlBlockStart(rest, inPara); sure && b != htmlBlockNone {
			g.endPara()
			g.html = b.after(rest[1:])
			return
		}
	case c == '#':
		g.endPara()
		g.para = paragraph{lines: append(g.para.lines, lineSpan{j, end}), quotes: quotes, first: n}
		g.endPara()
		return
	}
	if opened || quotes > g.para.quotes {
		g.endPara()
	}
	if len(g.para.lines) == 0 {
		g.para = paragraph{lines: g.para.lines, quotes: quotes, first: n}
	}
	g.para.lines = append(g.para.lines, lineSpan{j, end})
}

// inFence reads a line inside an open fence: code, or its closing marker.
// It reports false for a line outside the fence's containers, which ends
// it.
func (g *mdGuard) inFence(start, end int) bool {
	j, col, quotes := start, 0, 0
	for {
		j, col = skipIndent(g.src, j, end, col)
		if quotes == g.fence.quotes || j == end || g.src[j] != '>' {
			break
		}
		quotes++
		j, col = j+1, col+1
	}
	if quotes < g.fence.quotes || (j < end && col < g.fence.col) {
		g.fence.n = 0
		return false
	}
	k := j
	for k < end && g.src[k] == g.fence.char {
		k++
	}
	if k-j >= g.fence.n && len(bytes.TrimSpace(g.src[k:end])) == 0 {
		g.fence.n = 0
	}
	return true
}

// rawBlockEnd returns what ends the HTML block a line starts that
// htmlBlockStart leaves out: "?>" after "<?", "]]>" after "<![CDATA[",
// ">" after "<!" and a letter (CommonMark's types 3 to 5); or "".
func rawBlockEnd(s []byte) string {
	switch {
	case bytes.HasPrefix(s, []byte("<?")):
		return "?>"
	case bytes.HasPrefix(s, []byte("<![CDATA[")):
		return "]]>"
	case len(s) > 2 && s[1] == '!' && (s[2]|0x20 >= 'a' && s[2]|0x20 <= 'z'):
		return ">"
	}
	return ""
}

// skipIndent returns the first byte at or after i, before end, that is not
// a space or a tab, and its column.
func skipIndent(s []byte, i, end, col int) (int, int) {
	for ; i < end && (s[i] == ' ' || s[i] == '\t'); i++ {
		if s[i] == '\t' {
			col += 4 - col%4
		} else {
			col++
		}
	}
	return i, col
}

// prefix reads a line's container markers — block quotes' ">", list
// items' "-", "+", "*", "1." or "1)" and footnote definitions'
// "[^label]:" — from start; a marker past
// guardNesting levels is escaped and begins the content. It returns where
// the content starts, its column, the block quotes read and whether a list
// item opened.
func (g *mdGuard) prefix(start, end, n int) (j, col, quotes int, opened bool) {
	j = start
	for {
		j, col = skipIndent(g.src, j, end, col)
		if j == end {
			return j, col, quotes, opened
		}
		m := g.marker(j, end)
		if m == 0 {
			return j, col, quotes, opened
		}
		quote := g.src[j] == '>'
		if !quote {
			for len(g.items) > 0 && g.items[len(g.items)-1] > col {
				g.items = g.items[:len(g.items)-1]
			}
		}
		depth := quotes
		for _, c := range g.items {
			if c <= col {
				depth++
			}
		}
		if depth >= guardNesting {
			g.esc = append(g.esc, j+m-1) // ">", the bullet, or the "." of "1."
			if g.nested == 0 {
				g.nested = n
			}
			return j, col, quotes, opened
		}
		if quote {
			quotes++
		} else {
			g.items = append(g.items, col+m+1)
			opened = true
		}
		j, col = j+m, col+m
		if j < end && g.src[j] == ' ' {
			j, col = j+1, col+1
		}
	}
}

// marker returns the length of the container marker at src[j], or 0.
func (g *mdGuard) marker(j, end int) int {
	s := g.src[j:end]
	m := 0
	switch c := s[0]; {
	case c == '>':
		return 1
	case c == '-' || c == '+' || c == '*':
		if thematicBreak(s, c) {
			return 0
		}
		m = 1
	case c == '[':
		// A footnote definition "[^label]:" holds blocks too, nested as
		// deep as its lines repeat it.
		if len(s) < 5 || s[1] != '^' {
			return 0
		}
		k := bytes.Index(s, []byte("]:"))
		if k < 3 || bytes.ContainsAny(s[2:k], " \t[]") {
			return 0
		}
		m = k + 2
	default:
		if m = orderedMarker(s); m == 0 {
			return 0
		}
	}
	if m < len(s) && s[m] != ' ' && s[m] != '\t' {
		return 0
	}
	return m
}

// thematicBreak reports whether s is a thematic break of c: three or
// more, blanks between. It stops at the first other byte.
func thematicBreak(s []byte, c byte) bool {
	if c == '+' {
		return false
	}
	n := 0
	for _, b := range s {
		switch b {
		case c:
			n++
		case ' ', '\t':
		default:
			return false
		}
	}
	return n >= 3
}

// guardedFormat is the body's format, set or (FormatAuto) sniffed, decided
// on the body with its costly Markdown guarded (guardMarkdown), since the
// sniffing parses it too: a Markdown body keeps the guarded text, and the
// guard's warnings; any other is left as it was.
func guardedFormat(set Format, fm *frontMatter, name string, rep *report) (f Format, sniffed bool, parsed markdownParse) {
	if set != FormatAuto && set != FormatMarkdown {
		return set, false, parsed
	}
	raw := fm.body
	guarded, warns := guardMarkdown(raw)
	fm.body = guarded
	f = set
	if f == FormatAuto {
		if len(warns) > 0 && quickSniff(raw) == sniffHTML {
			// An HTML body (escaped tags would read as Markdown): decided
			// without goldmark, as it was.
			fm.body = raw
		}
		f, sniffed, parsed = autoFormat(fm, name)
	}
	if f != FormatMarkdown {
		fm.body = raw
		return f, sniffed, parsed
	}
	fm.body = guarded
	for _, w := range warns {
		rep.warnf(WarnMarkdown, "", "%s", w)
	}
	return f, sniffed, parsed
}

// runEnd returns the end of the run of c that b starts with.
func runEnd(b []byte, c byte) int {
	k := 0
	for k < len(b) && b[k] == c {
		k++
	}
	return k
}
