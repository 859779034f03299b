package postextract

import (
	"bytes"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// blockRule is what the walk needs to know about one block element.
type blockRule struct {
	list bool   // counts toward a list item's nesting level
	kind string // the kind it gives the text inside it, if any
}

// blockRules lists the block elements: each ends the current text run on
// entry and on exit.
var blockRules = map[atom.Atom]blockRule{
	atom.P: {}, atom.Div: {}, atom.Section: {}, atom.Article: {}, atom.Main: {},
	atom.Header: {}, atom.Footer: {}, atom.Aside: {}, atom.Nav: {}, atom.Figure: {},
	atom.Table: {}, atom.Caption: {}, atom.Thead: {}, atom.Tbody: {}, atom.Tfoot: {},
	atom.Tr: {}, atom.Td: {}, atom.Th: {}, atom.Hr: {}, atom.Center: {},
	atom.Address: {}, atom.Details: {}, atom.Summary: {}, atom.Fieldset: {},
	atom.Legend: {}, atom.Hgroup: {}, atom.Dialog: {}, atom.Body: {}, atom.Html: {},
	atom.Ul: {list: true}, atom.Ol: {list: true}, atom.Dl: {list: true}, atom.Menu: {list: true},
	atom.H1: {kind: KindHeading}, atom.H2: {kind: KindHeading}, atom.H3: {kind: KindHeading},
	atom.H4: {kind: KindHeading}, atom.H5: {kind: KindHeading}, atom.H6: {kind: KindHeading},
	atom.Li: {kind: KindListItem}, atom.Dt: {kind: KindListItem}, atom.Dd: {kind: KindListItem},
	atom.Blockquote: {kind: KindQuote}, atom.Pre: {kind: KindCode},
	atom.Figcaption: {kind: KindCaption},
}

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
	e *Extractor
	a *Article

	seen map[string]bool // image URLs, once there are too many to scan a.Images
	slab []Image         // backing store for the image blocks' *Image

	buf   []byte // the current text run (or table cell)
	space bool   // a collapsed white-space run waits to be written

	ctx       []blockCtx
	lists     int
	pre       int
	preNL     bool // inside pre, drop the newline right after a <br>
	brPending bool // a <br> was seen with only white space since

	table   int
	rows    [][]string
	row     []string // the open row
	inCell  bool
	links   []string // hrefs of open <a>
	noscr   int
	pending bool // the last <img> had no URL; a following <noscript> may give one
	skipped int  // <img>s without any usable URL
	picture []string
	figures []figureCtx

	needTitle bool
	warnings  []string
	warned    map[string]bool
}

func newWalker(e *Extractor, a *Article) *walker {
	return &walker{e: e, a: a, ctx: append(make([]blockCtx, 0, 8), blockCtx{kind: KindParagraph}),
		buf: make([]byte, 0, 1024)} // a typical run; fewer regrowths
}

func (w *walker) warnf(format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	if w.warned == nil {
		w.warned = map[string]bool{}
	}
	if !w.warned[msg] && len(w.warnings) < 100 {
		w.warned[msg] = true
		w.warnings = append(w.warnings, msg)
	}
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
	w.endRun()
	w.dropPending()
	if w.skipped > 0 {
		w.warnf("%d <img> without a usable URL skipped", w.skipped)
	}
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
	a := n.DataAtom
	if a != atom.Br {
		w.brPending = false
	}
	if w.noscr > 0 {
		if a == atom.Img && w.pending {
			w.img(n)
			return false
		}
		if a == atom.Noscript {
			w.noscr++
		}
		return true
	}
	switch a {
	case atom.Br:
		w.br()
		return false
	case atom.Img:
		w.img(n)
		return false
	case atom.Noscript:
		w.noscr++
		return true
	case atom.A:
		w.links = append(w.links, attr(n, "href"))
		return true
	case atom.Picture:
		w.picture = append(w.picture, "")
		return true
	case atom.Source:
		if k := len(w.picture); k > 0 && w.picture[k-1] == "" {
			if c := largestCandidate(attr(n, "srcset")); c != "" {
				w.picture[k-1] = c
			} else {
				w.picture[k-1] = attr(n, "src")
			}
		}
		return false
	case atom.Code:
		if k := len(w.ctx) - 1; w.pre > 0 && w.ctx[k].kind == KindCode && w.ctx[k].lang == "" {
			w.ctx[k].lang = codeLang(n)
		}
		return true
	}
	rule, ok := blockRules[a]
	if !ok {
		return true
	}
	w.boundary()
	switch {
	case a == atom.Table:
		if w.table == 0 {
			w.rows, w.row, w.inCell = nil, nil, false
		}
		w.table++
		return true
	case w.table > 0:
		if w.table == 1 {
			switch a {
			case atom.Tr:
				w.endRow()
			case atom.Td, atom.Th:
				w.endCell()
				w.inCell = true
			}
		}
		return true
	case a == atom.Figure:
		w.figures = append(w.figures, figureCtx{})
	}
	if rule.list {
		w.lists++
	}
	if rule.kind != "" {
		c := blockCtx{kind: rule.kind}
		switch rule.kind {
		case KindHeading:
			c.level = int(n.Data[1] - '0')
		case KindListItem:
			c.level = max(w.lists, 1)
		case KindCode:
			w.pre++
			w.preNL = false
			c.lang = codeLang(n)
		}
		w.ctx = append(w.ctx, c)
	}
	return true
}

// leave handles an element on the way up.
func (w *walker) leave(n *html.Node) {
	if n.Type != html.ElementNode {
		return
	}
	a := n.DataAtom
	if w.noscr > 0 {
		if a == atom.Noscript {
			w.noscr--
			if w.noscr == 0 {
				w.dropPending()
			}
		}
		return
	}
	switch a {
	case atom.A:
		if len(w.links) > 0 {
			w.links = w.links[:len(w.links)-1]
		}
		return
	case atom.Picture:
		if len(w.picture) > 0 {
			w.picture = w.picture[:len(w.picture)-1]
		}
		return
	}
	rule, ok := blockRules[a]
	if !ok {
		return
	}
	w.brPending = false
	if w.table > 0 {
		switch {
		case a == atom.Table:
			w.table--
			if w.table == 0 {
				w.emitTable()
			}
		case w.table == 1 && (a == atom.Td || a == atom.Th):
			w.endCell()
		case w.table == 1 && a == atom.Tr:
			w.endRow()
		default:
			w.boundary()
		}
		return
	}
	var caption string
	switch {
	case a == atom.Figcaption:
		caption = w.flush()
	case a == atom.Pre && w.pre == 1:
		w.flush() // the code block ends with its pre
	default:
		w.boundary()
	}
	if rule.list && w.lists > 0 {
		w.lists--
	}
	if rule.kind != "" && len(w.ctx) > 1 {
		if w.ctx[len(w.ctx)-1].kind == KindCode {
			w.pre--
		}
		w.ctx = w.ctx[:len(w.ctx)-1]
	}
	switch a {
	case atom.Figcaption:
		if k := len(w.figures); k > 0 && caption != "" {
			w.figures[k-1].caption = caption
		}
	case atom.Figure:
		if k := len(w.figures); k > 0 {
			w.closeFigure(w.figures[k-1])
			w.figures = w.figures[:k-1]
		}
	}
}

// boundary ends the current text run at a block element. Inside pre or a
// table cell the run goes on, on a new line.
func (w *walker) boundary() {
	if w.pre > 0 || w.table > 0 {
		if n := len(w.buf); n > 0 && w.buf[n-1] != '\n' {
			w.buf = append(w.buf, '\n')
		}
		w.space = false
		return
	}
	w.flush()
}

// endRun ends the current run whatever the context: at an image and at the
// end of the document.
func (w *walker) endRun() {
	if w.table > 0 {
		w.emitTable()
		return
	}
	w.flush()
}

func (w *walker) br() {
	switch {
	case w.pre > 0 && w.table == 0:
		w.buf = append(w.buf, '\n')
		w.preNL = true
	case w.brPending && w.table == 0:
		w.flush()
	default:
		w.buf = append(w.buf, '\n')
		w.space = false
		w.brPending = true
	}
}

// text adds a text node to the run: verbatim inside pre, otherwise with
// white space collapsed, NBSP as a space and zero-width characters removed.
func (w *walker) text(s string) {
	if w.pre > 0 && w.table == 0 {
		if w.preNL && s != "" && s[0] == '\n' {
			s = s[1:]
		}
		w.preNL = false
		w.buf = append(w.buf, s...)
		return
	}
	if w.table > 0 && !w.inCell && strings.TrimSpace(s) != "" {
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
		case '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff':
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
	if w.needTitle && c.kind == KindHeading && c.level == 1 {
		w.a.Title, w.needTitle = strings.ReplaceAll(text, "\n", " "), false
		return text
	}
	w.a.Blocks = append(w.a.Blocks, Block{Kind: c.kind, Text: text, Level: c.level, Lang: c.lang})
	return text
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

// endCell closes the open table cell, if any.
func (w *walker) endCell() {
	if !w.inCell {
		return
	}
	w.row = append(w.row, cleanLines(w.buf))
	w.buf, w.space, w.inCell = w.buf[:0], false, false
}

// endRow closes the open table row, keeping it when any cell has text.
func (w *walker) endRow() {
	w.endCell()
	for _, c := range w.row {
		if c != "" {
			w.rows = append(w.rows, w.row)
			break
		}
	}
	w.row = nil
}

// emitTable makes a table block of the rows so far. Mid-table (an image in
// a cell) the open row and cell go on in the next table block.
func (w *walker) emitTable() {
	inCell := w.inCell
	w.endRow()
	if len(w.rows) > 0 {
		lines := make([]string, len(w.rows))
		for i, r := range w.rows {
			// Cells may hold lines of their own; in Text they are one line.
			lines[i] = strings.ReplaceAll(strings.Join(r, "\t"), "\n", " ")
		}
		w.a.Blocks = append(w.a.Blocks, Block{Kind: KindTable, Text: strings.Join(lines, "\n"), Rows: w.rows})
	}
	w.rows = nil
	if w.table > 0 {
		w.inCell = inCell
	}
}

// img makes an image block of an <img>, or remembers that it had no URL so
// that a following <noscript> can give one.
func (w *walker) img(n *html.Node) {
	href := ""
	if k := len(w.links); k > 0 {
		href = w.links[k-1]
	}
	fallback := ""
	if k := len(w.picture); k > 0 {
		fallback = w.picture[k-1]
	}
	attrs := readImgAttrs(n)
	img, ok := w.imageFrom(&attrs, href, fallback)
	if w.noscr > 0 {
		if ok {
			w.pending = false
			w.addImage(img)
		}
		return
	}
	w.dropPending()
	if !ok {
		w.pending = true
		return
	}
	w.addImage(img)
}

// dropPending counts an <img> left without URL once no <noscript> can give one.
func (w *walker) dropPending() {
	if w.pending {
		w.pending = false
		w.skipped++
	}
}

func (w *walker) addImage(img Image) {
	w.endRun()
	ref := imageRef{block: len(w.a.Blocks), image: -1}
	if !w.seenURL(img.URL) {
		ref.image = len(w.a.Images)
		w.a.Images = append(w.a.Images, img)
	}
	if len(w.slab) == cap(w.slab) {
		w.slab = make([]Image, 0, 8)
	}
	w.slab = append(w.slab, img)
	w.a.Blocks = append(w.a.Blocks, Block{Kind: KindImage, Image: &w.slab[len(w.slab)-1]})
	if k := len(w.figures); k > 0 {
		w.figures[k-1].images = append(w.figures[k-1].images, ref)
	}
}

// seenURL reports whether an image with URL u is in a.Images already, and
// records it. Posts have a few images, scanned; past 16 a set takes over.
func (w *walker) seenURL(u string) bool {
	if w.seen == nil && len(w.a.Images) < 16 {
		for i := range w.a.Images {
			if w.a.Images[i].URL == u {
				return true
			}
		}
		return false
	}
	if w.seen == nil {
		w.seen = make(map[string]bool, 2*len(w.a.Images))
		for i := range w.a.Images {
			w.seen[w.a.Images[i].URL] = true
		}
	}
	if w.seen[u] {
		return true
	}
	w.seen[u] = true
	return false
}

// closeFigure gives the figure's caption to its images.
func (w *walker) closeFigure(f figureCtx) {
	if f.caption == "" {
		return
	}
	for _, r := range f.images {
		w.a.Blocks[r.block].Image.Caption = f.caption
		if r.image >= 0 {
			w.a.Images[r.image].Caption = f.caption
		}
	}
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
