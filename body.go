package postextract

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// langPrefixes mark a code block's language in a class attribute.
var langPrefixes = []string{"language-", "lang-", "brush:"}

// blockCtx is an open element that gives its text a kind.
type blockCtx struct {
	kind  string
	level int
	lang  string
}

// figureCtx collects the images of an open <figure> and its caption.
type figureCtx struct {
	caption string
	images  []imageRef
}

type imageRef struct{ block, image int } // image is -1 when not first seen here

// walker turns a parsed body into blocks and images in one pass. It holds
// the state of one document and is not shared.
type walker struct {
	e   *Extractor
	a   *Article
	rep *report
	res *resolver

	seen map[string]bool // image URLs, once there are too many to scan a.Images
	slab []Image         // backing store for the image blocks' *Image

	buf       []byte // the current text run (or table cell)
	space     bool   // a collapsed white-space run waits to be written
	brPending bool   // a <br> was seen with no visible text or block boundary since
	ctx       []blockCtx
	lists     int

	mode      mode      // see elements.go
	modeAtom  atom.Atom // the element that started the mode
	modeDepth int       // open elements of that name, nested in the first
	preNL     bool      // in code, drop the newline right after a <br>

	rows        [][]string // table mode
	row         []string
	inCell      bool
	tableImages []Image // a table's images, placed after it

	captions []string // caption mode: the caption's blocks so far
	figures  []figureCtx

	links     []string          // hrefs of open <a>
	hrefFirst map[string]string // full-size href → the own URL of the image it is for
	pictures  [][]string        // srcset candidates of the open <picture>s' <source>s
	noscr     int               // open <noscript>s
	pending   bool              // a URL-less <img> in this run that a <noscript> twin may fill
	pendingAt int               // where in buf it stands
	pendAlt   string            // its alt, for a table cell
	skipped   int               // <img>s without any usable URL

	findTitle bool   // no title yet: read the first non-empty <h1> as one
	bodyTitle string // the first <title> met in the body
	h1Block   int    // index of the block the title <h1> made, or -1
}

func newWalker(e *Extractor, a *Article, rep *report, res *resolver) *walker {
	return &walker{e: e, a: a, rep: rep, res: res, h1Block: -1,
		ctx: append(make([]blockCtx, 0, 8), blockCtx{kind: KindParagraph}),
		buf: make([]byte, 0, 1024)} // a typical run; fewer regrowths
}

// walk visits the tree below root once, in document order, without
// recursion, so that no depth of nesting can exhaust the stack.
func (w *walker) walk(root *html.Node) {
	n := root
	for {
		descend := w.enter(n)
		if descend && n.FirstChild != nil {
			n = n.FirstChild
			continue
		}
		if descend {
			w.leave(n)
		}
		for n != root && n.NextSibling == nil {
			n = n.Parent
			w.leave(n)
		}
		if n == root {
			break
		}
		n = n.NextSibling
	}
	if w.mode != modeFlow {
		w.modeDepth = 1
		w.endMode()
	}
	w.flush()
	if w.skipped > 0 {
		w.rep.warnf("%d <img> without a usable URL skipped", w.skipped)
	}
	w.takeTitle()
}

// enter handles n on the way down and reports whether to visit its
// children (and later call leave).
func (w *walker) enter(n *html.Node) bool {
	switch n.Type {
	case html.TextNode:
		if w.noscr == 0 {
			w.text(n.Data)
		}
		return false
	case html.DocumentNode:
		return true
	case html.ElementNode:
	default:
		return false
	}
	if w.e.rules.match(n) {
		return false
	}
	if w.noscr > 0 {
		// A <noscript> is not read, but its <img> gives a URL to the
		// URL-less <img> before it.
		switch n.DataAtom {
		case atom.Img:
			if w.pending {
				w.fillPending(n)
			}
		case atom.Noscript:
			w.noscr++
		}
		return true
	}
	r := elements[n.DataAtom]
	if r.enter != nil {
		return r.enter(w, n)
	}
	if r.block {
		w.enterBlock(n)
	}
	return true
}

// leave handles an element on the way up.
func (w *walker) leave(n *html.Node) {
	if n.Type != html.ElementNode {
		return
	}
	if w.noscr > 0 {
		if n.DataAtom == atom.Noscript {
			w.noscr--
		}
		return
	}
	r := elements[n.DataAtom]
	switch {
	case r.leave != nil:
		r.leave(w, n)
	case r.block:
		w.leaveBlock(n)
	}
}

// enterBlock handles a block element on the way down: in flow mode it ends
// the run and opens the element's kind or mode; inside a mode it is a
// boundary of that mode.
func (w *walker) enterBlock(n *html.Node) {
	w.brPending = false
	a := n.DataAtom
	if w.mode != modeFlow {
		if a == w.modeAtom {
			w.modeDepth++
		}
		w.modeBoundary(a, true)
		return
	}
	w.flush()
	r := elements[a]
	if r.list {
		w.lists++
	}
	switch {
	case r.mode == modeTitle && (!w.findTitle || w.bodyTitle != "" || w.h1Block >= 0):
		// an <h1> when the title is known: a heading like the others
	case r.mode != modeFlow:
		w.mode, w.modeAtom, w.modeDepth = r.mode, a, 1
		switch r.mode {
		case modeCode:
			w.preNL = false
			w.ctx = append(w.ctx, blockCtx{kind: KindCode, lang: codeLang(n)})
		case modeTable:
			w.rows, w.row, w.inCell = nil, nil, false
		case modeCaption:
			w.captions = w.captions[:0]
			w.ctx = append(w.ctx, blockCtx{kind: KindCaption})
		case modeTitle:
			w.ctx = append(w.ctx, blockCtx{kind: KindHeading, level: 1})
		}
		return
	}
	if r.kind != "" {
		c := blockCtx{kind: r.kind}
		switch r.kind {
		case KindHeading:
			c.level = int(n.Data[1] - '0')
		case KindListItem:
			c.level = max(w.lists, 1)
		}
		w.ctx = append(w.ctx, c)
	}
}

// leaveBlock handles a block element on the way up.
func (w *walker) leaveBlock(n *html.Node) {
	w.brPending = false
	a := n.DataAtom
	if w.mode != modeFlow {
		if a == w.modeAtom {
			w.modeDepth--
			if w.modeDepth == 0 {
				w.endMode()
				return
			}
		}
		w.modeBoundary(a, false)
		return
	}
	w.flush()
	r := elements[a]
	if r.list && w.lists > 0 {
		w.lists--
	}
	if r.kind != "" && len(w.ctx) > 1 {
		w.ctx = w.ctx[:len(w.ctx)-1]
	}
}

// modeBoundary is a block element met inside a mode. In the outer table's
// rows and cells it opens and closes them; elsewhere it starts a new line
// (code, table cells, captions) or nothing (the title's text is one line
// per <br>).
func (w *walker) modeBoundary(a atom.Atom, entering bool) {
	switch w.mode {
	case modeTitle:
		return
	case modeTable:
		if w.modeDepth == 1 {
			switch {
			case a == atom.Tr:
				w.endRow()
				return
			case a == atom.Td || a == atom.Th:
				w.endCell()
				w.inCell = entering
				return
			}
		}
	}
	if n := len(w.buf); n > 0 && w.buf[n-1] != '\n' {
		w.buf = append(w.buf, '\n')
	}
	w.space = false
}

// endMode closes the current mode when the element that opened it ends.
func (w *walker) endMode() {
	switch w.mode {
	case modeCode:
		w.flush()
	case modeTable:
		w.emitTable()
	case modeCaption:
		w.flushCaption()
		caption := strings.Join(w.captions, "\n")
		if k := len(w.figures); k > 0 && caption != "" {
			w.figures[k-1].caption = caption
		}
	case modeTitle:
		if text := w.flush(); text != "" {
			w.h1Block = len(w.a.Blocks) - 1
		}
	}
	if w.mode != modeTable && len(w.ctx) > 1 {
		w.ctx = w.ctx[:len(w.ctx)-1]
	}
	w.mode, w.modeAtom, w.modeDepth = modeFlow, 0, 0
}

// takeTitle sets the title from the body when the front matter and the
// <head> gave none: the first <title> in the body, else the first
// non-empty <h1>, whose block then goes.
func (w *walker) takeTitle() {
	switch {
	case !w.findTitle:
	case w.bodyTitle != "":
		w.a.Title = w.bodyTitle
	case w.h1Block >= 0:
		w.a.Title = strings.ReplaceAll(w.a.Blocks[w.h1Block].Text, "\n", " ")
		w.a.Blocks = append(w.a.Blocks[:w.h1Block], w.a.Blocks[w.h1Block+1:]...)
	}
}

func (w *walker) enterTitle(n *html.Node) bool {
	if w.findTitle && w.bodyTitle == "" {
		w.bodyTitle = nodeText(n)
	}
	return true
}

func (w *walker) enterBr(*html.Node) bool {
	switch w.mode {
	case modeCode:
		w.buf = append(w.buf, '\n')
		w.preNL = true
		return false
	case modeFlow, modeCaption:
		if w.brPending {
			if w.mode == modeCaption {
				w.flushCaption()
			} else {
				w.flush()
			}
			return false
		}
	}
	w.buf = append(w.buf, '\n')
	w.space = false
	w.brPending = true
	return false
}

func (w *walker) enterNoscript(*html.Node) bool {
	w.noscr++
	return true
}

func (w *walker) enterA(n *html.Node) bool {
	w.links = append(w.links, attr(n, "href"))
	return true
}

func (w *walker) leaveA(*html.Node) {
	if len(w.links) > 0 {
		w.links = w.links[:len(w.links)-1]
	}
}

func (w *walker) enterPicture(*html.Node) bool {
	w.pictures = append(w.pictures, nil)
	return true
}

func (w *walker) leavePicture(*html.Node) {
	if len(w.pictures) > 0 {
		w.pictures = w.pictures[:len(w.pictures)-1]
	}
}

// enterSource adds a <picture>'s <source srcset> candidate, tried after the
// <img>'s own.
func (w *walker) enterSource(n *html.Node) bool {
	if k := len(w.pictures); k > 0 {
		if c := largestCandidate(attr(n, "srcset")); c != "" {
			w.pictures[k-1] = append(w.pictures[k-1], c)
		}
	}
	return false
}

// enterCode gives a code block the language of its <code>'s class.
func (w *walker) enterCode(n *html.Node) bool {
	if k := len(w.ctx) - 1; w.mode == modeCode && w.ctx[k].lang == "" {
		w.ctx[k].lang = codeLang(n)
	}
	return true
}

// text adds a text node to the run: verbatim in code, otherwise with white
// space collapsed, NBSP as a space and the zero-width characters U+200B,
// U+2060 and U+FEFF removed (the joiners U+200C and U+200D stay: emoji
// sequences and Persian words need them).
func (w *walker) text(s string) {
	if w.mode == modeCode {
		if w.preNL && s != "" && s[0] == '\n' {
			s = s[1:]
		}
		w.preNL = false
		w.buf = append(w.buf, s...)
		return
	}
	if w.mode == modeTable && !w.inCell && strings.TrimSpace(s) != "" {
		// Text outside any cell (a caption, stray text) gets a row of its own.
		w.endRow()
		w.inCell = true
	}
	for i := 0; i < len(s); {
		// Copy at once a run of bytes that needs no care: anything but
		// ASCII white space and the lead bytes of NBSP, zero-width and
		// other Unicode spaces. CJK text is all such a run.
		j := i
		for j < len(s) && plainByte[s[j]] {
			j++
		}
		if j > i {
			w.putSpace()
			w.buf = append(w.buf, s[i:j]...)
			w.brPending = false
			i = j
			continue
		}
		if s[i] < utf8.RuneSelf {
			w.space = true // ASCII white space
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch r {
		case '\u00a0':
			w.space = true
		case '\u200b', '\u2060', '\ufeff':
		default:
			w.putSpace()
			w.buf = append(w.buf, s[i:i+size]...)
			if !unicode.IsSpace(r) {
				w.brPending = false
			}
		}
		i += size
	}
}

// plainByte marks the bytes that text copies without a look: not HTML
// white space, and not the lead byte of a character that is a space or
// zero-width (U+0085, U+00A0: C2; U+1680: E1; U+2000–U+2060: E2; U+3000:
// E3; U+FEFF: EF).
var plainByte = func() (t [256]bool) {
	for i := range t {
		t[i] = true
	}
	for _, c := range []byte{' ', '\t', '\n', '\r', '\f', 0xC2, 0xE1, 0xE2, 0xE3, 0xEF} {
		t[c] = false
	}
	return t
}()

func (w *walker) putSpace() {
	if w.space && len(w.buf) > 0 && w.buf[len(w.buf)-1] != '\n' {
		w.buf = append(w.buf, ' ')
	}
	w.space = false
}

// flush makes a block of the current run, with the kind of the innermost
// open kind-giving element, and returns its text.
func (w *walker) flush() string {
	w.dropPending()
	c := w.ctx[len(w.ctx)-1]
	var text string
	if c.kind == KindCode {
		text = trimBlankLines(string(w.buf))
	} else {
		text = cleanLines(w.buf)
	}
	w.buf, w.space = w.buf[:0], false
	if text == "" {
		return ""
	}
	w.a.Blocks = append(w.a.Blocks, Block{Kind: c.kind, Text: text, Level: c.level, Lang: c.lang})
	return text
}

// flushCaption ends one caption block and keeps its text for the figure.
func (w *walker) flushCaption() {
	if t := w.flush(); t != "" {
		w.captions = append(w.captions, t)
	}
}

// cleanLines trims every line (ASCII and ideographic spaces alike) and drops
// the empty ones.
func cleanLines(b []byte) string {
	if bytes.IndexByte(b, '\n') < 0 {
		return string(bytes.TrimFunc(b, unicode.IsSpace))
	}
	var out []byte
	for len(b) > 0 {
		line, rest, _ := bytes.Cut(b, []byte{'\n'})
		b = rest
		line = bytes.TrimFunc(line, unicode.IsSpace)
		if len(line) == 0 {
			continue
		}
		if out != nil {
			out = append(out, '\n')
		}
		out = append(out, line...)
	}
	return string(out)
}

// nodeText is the text of n's subtree on one line, white space collapsed,
// as document.title reads a <title>.
func nodeText(n *html.Node) string {
	var b []byte
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.TextNode {
			b = append(b, c.Data...)
		}
	}
	t := &walker{buf: b[:0:0]}
	t.text(string(b))
	return string(bytes.TrimFunc(t.buf, unicode.IsSpace))
}

// trimBlankLines removes leading and trailing lines that are only white
// space, keeping everything else of a code block as written.
func trimBlankLines(s string) string {
	for {
		line, rest, ok := strings.Cut(s, "\n")
		if !ok || strings.TrimSpace(line) != "" {
			break
		}
		s = rest
	}
	return strings.TrimRightFunc(s, unicode.IsSpace)
}

// codeLang reads a code block's language from its class: language-x,
// lang-x, or brush: x.
func codeLang(n *html.Node) string {
	class := attr(n, "class")
	for _, p := range langPrefixes {
		i := strings.Index(class, p)
		if i < 0 || (i > 0 && class[i-1] != ' ') {
			continue
		}
		v := strings.TrimLeft(class[i+len(p):], " ")
		if j := strings.IndexAny(v, " ;"); j >= 0 {
			v = v[:j]
		}
		if v != "" {
			return strings.ToLower(v)
		}
	}
	return ""
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}
