package postextract

import (
	"bytes"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/util"
)

// The weights of inlineCost, in units of about a nanosecond of goldmark's
// work: what one construct costs it beyond reading its bytes, and what
// each byte or line of a scan costs.
const (
	costBracket = 600  // "[" or "![": a text node, a label state, a bottom
	costClose   = 1200 // "]" that closes a "[": the link attempt
	costDelim   = 900  // a run of "*", "_" or "~": a delimiter node, emphasis
	costTick    = 1000 // a run of backticks
	costAngle   = 2000 // "<": raw HTML and autolinks are tried by pattern
	costScan    = 10   // a byte of a link destination's or title's scan
	costWalk    = 40   // a delimiter a closer walks back over
	costLine    = 1    // a line "]" looks back over (blockReader.Value)
	costLeft    = 600  // an opener ("[", emphasis) left open: made text at the end
	costSpan    = 3    // a byte of a code lineSpan's scan
)

// costModel follows goldmark's inline parse of one paragraph (or one table
// row) far enough to count its work, in one pass: each scan that goldmark
// starts again for every opener is summed from counts, never repeated.
type costModel struct {
	src   []byte
	cost  int
	lines int // the paragraph's lines, and the current one's index
	line  int

	open    int   // "[" not yet closed
	closed  int   // where the last "]" that closed a "[" is, or -1
	parens  []int // the open "(" of the current word: a link's position, or -1
	links   int   // link destinations among them,
	linkSum int   // and the sum of their positions
	titles  int   // destinations that ended at a blank: a title may follow
	angles  [2]int
	title   [3][2]int // titles being scanned, by closer ", ', ): count, position sum

	delims int         // the emphasis delimiters that may open, in order,
	byChar [3][]opener // and those of each character
	ticks  []lineSpan  // backtick runs, as a code span's scan sees them
	// tickEsc tells which runs start with a backslash-escaped backtick:
	// as an opener such a run is one shorter; escTick is where the last
	// escaped backtick is.
	tickEsc []bool
	escTick int
}

// inlineCost is the work goldmark's inline parse of lines would do; m is
// scratch space, reused.
func inlineCost(src []byte, lines []lineSpan, m *costModel) int {
	*m = costModel{src: src, lines: len(lines), closed: -1, parens: m.parens[:0], ticks: m.ticks[:0], tickEsc: m.tickEsc[:0], escTick: -1,
		byChar: [3][]opener{m.byChar[0][:0], m.byChar[1][:0], m.byChar[2][:0]}}
	for i, sp := range lines {
		m.line = i
		m.read(sp)
		m.wordEnd(sp.end)
		m.cost += costScan * (m.angles[0]*sp.end - m.angles[1])
		m.angles = [2]int{}
	}
	end := lines[len(lines)-1].end
	for k := range m.title {
		m.cost += costScan * (m.title[k][0]*end - m.title[k][1])
	}
	m.cost += m.codeSpans(end) + costLeft*(m.open+m.delims)
	return m.cost
}

// read follows one line's content.
func (m *costModel) read(sp lineSpan) {
	s := m.src
	for i := sp.start; i < sp.end; i++ {
		c := s[i]
		if !costBytes[c] {
			continue
		}
		if m.titles > 0 && c != ' ' && c != '\t' && m.titleStart(c, i) {
			continue
		}
		switch c {
		case '\\':
			if i+1 < sp.end && s[i+1] == '`' {
				m.escTick = i + 1 // a run that cannot open a span, but can close one
			} else if i+1 < sp.end && util.IsPunct(s[i+1]) {
				i++
			}
		case '[':
			if k := wikiLinkEnd(s, i, sp.end); k > 0 {
				i = k - 1 // [[Note]] and ![[a.png]] are read before goldmark: text to it
				continue
			}
			m.open++
			m.cost += costBracket
		case ']':
			if m.open > 0 {
				m.open--
				m.closed = i
				m.cost += costClose + costLine*(m.lines-1-m.line)
			}
		case '(':
			m.paren(i, sp.end)
		case ')':
			m.closeTitle(2, i)
			m.closeParen(i)
		case '"':
			m.closeTitle(0, i)
		case '\'':
			m.closeTitle(1, i)
		case '>':
			m.cost += costScan * (m.angles[0]*i - m.angles[1])
			m.angles = [2]int{}
		case '<':
			m.cost += costAngle
		case ' ', '\t':
			m.wordEnd(i)
		case '*', '_', '~':
			i = m.delimiter(sp, i) - 1
		case '`':
			k := i
			for k < sp.end && s[k] == '`' {
				k++
			}
			m.ticks = append(m.ticks, lineSpan{i, k})
			m.tickEsc = append(m.tickEsc, i == m.escTick)
			m.cost += costTick
			i = k - 1
		}
	}
}

// costBytes are the bytes read follows: all others are text to it, and
// never end a destination or start a title.
var costBytes = func() (t [256]bool) {
	for _, c := range []byte("\\[]()\"'<> \t*_~`") {
		t[c] = true
	}
	return t
}()

// paren reads a "(" at i: a link destination's start after a "]" that
// closed a "[", which goldmark scans to its end.
func (m *costModel) paren(i, end int) {
	if m.closed != i-1 {
		m.parens = append(m.parens, -1)
		return
	}
	if i+1 < end && m.src[i+1] == '<' {
		m.angles[0]++ // to the next ">" on the line
		m.angles[1] += i
		return
	}
	m.parens = append(m.parens, i)
	m.links++
	m.linkSum += i
}

// closeParen reads a ")" at i: the end of the innermost "(" open.
func (m *costModel) closeParen(i int) {
	if len(m.parens) == 0 {
		return
	}
	p := m.parens[len(m.parens)-1]
	m.parens = m.parens[:len(m.parens)-1]
	if p >= 0 {
		m.cost += costScan * (i - p)
		m.links--
		m.linkSum -= p
	}
}

// wordEnd ends the destinations still open at a blank or a line's end, i:
// a title may follow each.
func (m *costModel) wordEnd(i int) {
	if m.links > 0 {
		m.cost += costScan * (m.links*i - m.linkSum)
		m.titles += m.links
	}
	m.parens, m.links, m.linkSum = m.parens[:0], 0, 0
}

// titleStart reads the first byte after the blank that ended destinations:
// a quote or "(" starts a title that each of them scans for its closer.
func (m *costModel) titleStart(c byte, i int) bool {
	k := bytes.IndexByte([]byte(`"'(`), c)
	if k >= 0 {
		m.title[k][0] += m.titles
		m.title[k][1] += m.titles * i
	}
	m.titles = 0
	return k >= 0
}

// closeTitle ends the titles that close with the byte at i.
func (m *costModel) closeTitle(k, i int) {
	m.cost += costScan * (m.title[k][0]*i - m.title[k][1])
	m.title[k] = [2]int{}
}

// opener is an emphasis delimiter run that may open: its index among the
// delimiters, its length, and whether it may close too.
type opener struct {
	at, n int
	both  bool
}

// delimiter reads the run of emphasis delimiters at i, as goldmark's
// delimiter processing will: a closer walks back over the delimiters to
// the nearest opener of its character it can match — over all of them when
// there is none. It returns where the run ends.
func (m *costModel) delimiter(sp lineSpan, i int) int {
	s, c := m.src, m.src[i]
	k := i
	for k < sp.end && s[k] == c {
		k++
	}
	m.cost += costDelim
	prev, _ := utf8.DecodeLastRune(s[sp.start:i])
	next, _ := utf8.DecodeRune(s[k:sp.end])
	canOpen, canClose, both := flanking(c, prev, next)
	ci := delimIndex(c)
	if st := m.byChar[ci]; canClose && len(st) > 0 {
		top := st[len(st)-1]
		if !((both || top.both) && (top.n+k-i)%3 == 0) {
			m.cost += costWalk * (m.delims - top.at)
			m.truncate(ci, k-i)
			return k
		}
		m.cost += costWalk * m.delims // the rule of 3: it may walk past all
	} else if canClose {
		m.cost += costWalk * m.delims
	}
	if canOpen {
		st := m.byChar[ci]
		if len(st) == 2*keptOpeners {
			// The oldest are forgotten: a closer that finds none walks
			// over all, which counts more work, never less.
			st = st[:copy(st, st[keptOpeners:])]
		}
		m.byChar[ci] = append(st, opener{m.delims, k - i, both})
		m.delims++
	}
	return k
}

// keptOpeners is how many of the latest openers of each character
// delimiter keeps, at least: its memory stays small on any paragraph.
const keptOpeners = 512

// delimIndex is the index of an emphasis character in byChar.
func delimIndex(c byte) int {
	switch c {
	case '*':
		return 0
	case '_':
		return 1
	}
	return 2
}

// truncate matches a closer of n characters with the last opener of
// character ci: the delimiters after it are removed, and it too when it is
// used up.
func (m *costModel) truncate(ci, n int) {
	st := m.byChar[ci]
	top := &st[len(st)-1]
	keep := top.at + 1
	if top.n <= n {
		keep = top.at
	} else {
		top.n -= n
	}
	m.delims = keep
	for j := range m.byChar {
		st := m.byChar[j]
		for len(st) > 0 && st[len(st)-1].at >= keep {
			st = st[:len(st)-1]
		}
		m.byChar[j] = st
	}
}

// flanking is CommonMark's reading of a delimiter run of c between prev
// and next (utf8.RuneError at a line's edge reads as a blank): whether it
// may open, close, and both.
func flanking(c byte, prev, next rune) (canOpen, canClose, both bool) {
	blank := func(r rune) bool { return r == utf8.RuneError || unicode.IsSpace(r) }
	punct := func(r rune) bool { return r != utf8.RuneError && (unicode.IsPunct(r) || unicode.IsSymbol(r)) }
	left := !blank(next) && (!punct(next) || blank(prev) || punct(prev))
	right := !blank(prev) && (!punct(prev) || blank(next) || punct(next))
	canOpen, canClose = left, right
	if c == '_' {
		canOpen = left && (!right || punct(prev))
		canClose = right && (!left || punct(next))
	}
	return canOpen, canClose, left && right
}

// codeSpans is the work of the backtick runs: each opener scans to the next
// run of its length, which closes it, or to the paragraph's end, end; a run
// inside a code lineSpan opens none.
func (m *costModel) codeSpans(end int) int {
	if len(m.ticks) == 0 {
		return 0
	}
	// The next run whose length is an opener's: a code span's scan reads
	// runs whole, an escaped backtick included; the inline parse opens
	// after the escape.
	next := make([]int, len(m.ticks))
	last := map[int]int{}
	for i := len(m.ticks) - 1; i >= 0; i-- {
		n := m.ticks[i].end - m.ticks[i].start
		next[i] = -1
		if j, ok := last[m.openerLen(i)]; ok {
			next[i] = j
		}
		last[n] = i
	}
	cost := 0
	for i := 0; i < len(m.ticks); {
		t := m.ticks[i]
		switch j := next[i]; {
		case m.openerLen(i) == 0:
			i++
		case j >= 0:
			cost += costSpan * (m.ticks[j].start - t.start)
			i = j + 1
		default:
			cost += costSpan * (end - t.start)
			i++
		}
	}
	return cost
}

// openerLen is the length of tick run i as an opener.
func (m *costModel) openerLen(i int) int {
	n := m.ticks[i].end - m.ticks[i].start
	if m.tickEsc[i] {
		n--
	}
	return n
}

// wikiLinkEnd returns the end of an Obsidian link or embed "[[…]]" that
// starts at s[i] and ends on its line (before end), or 0: the shortcode
// pass turns it into text or an <img> before goldmark reads the body.
func wikiLinkEnd(s []byte, i, end int) int {
	if i+1 >= end || s[i+1] != '[' {
		return 0
	}
	for k := i + 2; k+1 < end; k++ {
		switch s[k] {
		case '[', ']':
			if s[k] == ']' && s[k+1] == ']' && k > i+2 {
				return k + 2
			}
			return 0
		}
	}
	return 0
}
