package postextract

import (
	"strings"
)

// builder makes the Article's blocks and images from the events of a source
// walk: text, line breaks, block edges, the elements that give a kind, the
// modes (code, table, caption, title), and images. The HTML walk (html.go)
// drives it; any other source of the same events can.
type builder struct {
	a   *Article
	rep *report

	textBuf       // the current text run (runs.go)
	marks   marks // its inline marks and links (marks.go)

	cuts  []runCut   // scratch for cleanRuns
	ctx   []blockCtx // open kind-giving blocks; ctx[0] is the paragraph
	lists []listCtx  // open lists, innermost last
	items itemTrack  // list items, for Block.Continued (lists.go)

	mode      mode // see mode; modeFlow outside the four
	modeDepth int  // open blocks of the mode's own kind, the first included

	table    tableState  // modeTable (table.go)
	captions []string    // modeCaption: the caption's blocks so far
	figures  []figureCtx // open figures, for their images' caption

	images imageState // image blocks, Images, the URL-less <img> (imageblocks.go)

	more        int    // blocks before the excerpt marker, or -1
	morePartial string // the text of the run the marker cut

	findTitle bool         // no title yet: note the body's <title> and first <h1>
	titles    titleSources // what the walk found (decideTitle chooses)
}

// mode is how the builder reads what is inside a block that makes one
// block of everything in it, whatever it holds. Inside a mode, the blocks
// of the other modes are plain block edges: a table in a <pre> is code
// text, a <pre> in a table cell is cell text.
type mode uint8

const (
	modeFlow    mode = iota // blocks and text runs
	modeCode                // text verbatim, a break a newline: one code block
	modeTable               // one table block; its images after it
	modeCaption             // caption blocks, joined the figure's caption
	modeTitle               // the <h1> read as the title: its whole text
)

// blockCtx is an open block that gives its text a kind.
type blockCtx struct {
	kind     Kind
	level    int
	lang     string
	ordered  bool   // a list item of an ordered list
	number   int    // its number, in an ordered list
	item     int    // a list item's id: its blocks after the first continue it
	footnote string // a footnote definition's number
}

// figureCtx collects the images of an open figure and its caption.
type figureCtx struct {
	caption string
	images  []imageRef
}

type imageRef struct{ block, image int } // image is -1 when not first seen here

// edge is a block element's start or end that gives no kind (p, div, li's
// list): in flow it ends the run; inside a mode it starts a new line.
func (b *builder) edge() {
	b.brPending = false
	b.linkSpace()
	if b.mode == modeFlow {
		b.flush()
		return
	}
	b.modeEdge()
}

// modeEdge starts a new line of the mode's block; the title's text is one
// line per break, so there it is nothing.
func (b *builder) modeEdge() {
	if b.mode == modeTitle {
		return
	}
	if n := len(b.buf); n > 0 && b.buf[n-1] != '\n' {
		b.buf = append(b.buf, '\n')
	}
	b.space = false
}

// openKind starts a block of a kind (heading, list item, quote); its text
// runs take that kind until closeKind.
func (b *builder) openKind(kind Kind, level int) {
	if kind == KindHeading && level == 1 && (b.mode == modeTitle || b.titleWanted()) {
		b.openMode(modeTitle, "")
		return
	}
	b.edge()
	if b.mode != modeFlow {
		return
	}
	c := blockCtx{kind: kind, level: level}
	if kind == KindListItem {
		c.level = max(len(b.lists), 1)
		if k := len(b.lists) - 1; k >= 0 && b.lists[k].ordered {
			c.ordered, c.number = true, b.lists[k].next
			b.lists[k].next++
		}
		b.items.opened++
		c.item = b.items.opened
	}
	b.ctx = append(b.ctx, c)
}

func (b *builder) closeKind(kind Kind, level int) {
	if kind == KindHeading && level == 1 && b.mode == modeTitle {
		b.closeMode(modeTitle)
		return
	}
	b.edge()
	if b.mode == modeFlow && len(b.ctx) > 1 {
		b.ctx = b.ctx[:len(b.ctx)-1]
	}
}

// titleWanted reports whether an <h1> opening now is read as the title.
func (b *builder) titleWanted() bool {
	return b.findTitle && b.titles.body == "" && b.titles.h1Block < 0 && b.mode == modeFlow
}

// noteTitle records the text of a <title> met in the body.
func (b *builder) noteTitle(text string) {
	if b.findTitle && b.titles.body == "" {
		b.titles.body = text
	}
}

// openMode starts a mode in flow; inside a mode it is an edge (and counts
// when it is the same mode, so that its own end is found).
func (b *builder) openMode(m mode, lang string) {
	b.brPending = false
	b.linkSpace()
	if b.mode != modeFlow {
		if b.mode == m {
			b.modeDepth++
		}
		b.modeEdge()
		return
	}
	b.flush()
	b.mode, b.modeDepth = m, 1
	switch m {
	case modeCode:
		b.preNL = false
		b.ctx = append(b.ctx, blockCtx{kind: KindCode, lang: lang})
	case modeTable:
		b.table.reset()
	case modeCaption:
		b.captions = b.captions[:0]
		b.ctx = append(b.ctx, blockCtx{kind: KindCaption})
	case modeTitle:
		b.ctx = append(b.ctx, blockCtx{kind: KindHeading, level: 1})
	}
}

// closeMode ends the mode m when its own first block ends; otherwise it is
// an edge.
func (b *builder) closeMode(m mode) {
	b.brPending = false
	if b.mode != m || b.modeDepth > 1 {
		if b.mode == m {
			b.modeDepth--
		}
		b.edge()
		return
	}
	b.endMode()
}

// endMode makes the mode's block and returns to flow.
func (b *builder) endMode() {
	switch b.mode {
	case modeCode:
		b.flush()
	case modeTable:
		b.emitTable()
	case modeCaption:
		b.flushCaption()
		caption := strings.Join(b.captions, "\n")
		if k := len(b.figures); k > 0 && caption != "" {
			b.figures[k-1].caption = caption
		}
	case modeTitle:
		if b.flush() != "" {
			b.titles.h1Block = len(b.a.Blocks) - 1
		}
	}
	if b.mode != modeTable && len(b.ctx) > 1 {
		b.ctx = b.ctx[:len(b.ctx)-1]
	}
	b.mode, b.modeDepth = modeFlow, 0
}

// setCodeLang gives the open code block a language, when it has none.
func (b *builder) setCodeLang(lang string) {
	if k := len(b.ctx) - 1; b.mode == modeCode && b.ctx[k].lang == "" {
		b.ctx[k].lang = lang
	}
}

// openFigure and closeFigure bound a figure: its caption goes to its images.
func (b *builder) openFigure() {
	b.edge()
	if b.mode == modeFlow {
		b.figures = append(b.figures, figureCtx{})
	}
}

func (b *builder) closeFigure() {
	b.edge()
	if k := len(b.figures) - 1; b.mode == modeFlow && k >= 0 {
		b.captionImages(b.figures[k])
		b.figures = b.figures[:k]
	}
}

// lineBreak is a <br>: a newline in code, in a table and in the title;
// elsewhere a second one with no visible text since ends the block.
func (b *builder) lineBreak() {
	b.linkSpace()
	switch b.mode {
	case modeCode:
		b.buf = append(b.buf, '\n')
		b.preNL = true
		return
	case modeFlow, modeCaption:
		if b.brPending {
			if b.mode == modeCaption {
				b.flushCaption()
			} else {
				b.flush()
			}
			return
		}
	}
	b.buf = append(b.buf, '\n')
	b.space = false
	b.brPending = true
}

// text adds text to the run (runs.go); in a table outside any cell it
// gets a row of its own.
func (b *builder) text(s string) {
	if b.mode == modeTable && !b.table.inCell && strings.TrimSpace(s) != "" {
		b.endRow()
		b.table.inCell = true
	}
	if k := len(b.marks.links); k > 0 {
		b.marks.links[k-1].text = append(b.marks.links[k-1].text, s...)
	}
	if b.space {
		if both, ok := b.marks.spaceMarks(len(b.buf)); ok {
			// The white space where marks change takes only the marks
			// on both sides of it.
			k := len(b.marks.spans) - 1
			last := b.marks.spans[k]
			if k > 0 && b.marks.spans[k-1].set == both.set && b.marks.spans[k-1].link == both.link {
				b.marks.spans = b.marks.spans[:k]
			} else {
				b.marks.spans[k] = both
			}
			b.putSpace()
			last.at = len(b.buf)
			b.marks.spans = append(b.marks.spans, last)
		}
	}
	b.addText(s, b.mode == modeCode)
}

// flush makes a block of the current run, with the kind of the innermost
// open kind-giving block, and returns its text.
func (b *builder) flush() string {
	b.dropPending()
	c := b.ctx[len(b.ctx)-1]
	var text string
	var runs []Run
	if c.kind != KindCode && b.marks.marked {
		text, runs, b.cuts = cleanRuns(b.buf, b.marks.spans, b.cuts)
		b.buf, b.space = b.buf[:0], false
	} else {
		text = b.take(c.kind == KindCode)
	}
	b.marks.restart()
	if text == "" {
		return ""
	}
	if c.kind == KindCode {
		c = b.codeInItem(c)
	}
	b.a.Blocks = append(b.a.Blocks, Block{Kind: c.kind, Text: text, Level: c.level, Lang: c.lang,
		Runs: runs, Ordered: c.ordered, Number: c.number, Footnote: c.footnote, Continued: b.items.continues(b, c.item, c.level)})
	return text
}

// flushCaption ends one caption block and keeps its text for the figure.
func (b *builder) flushCaption() {
	if t := b.flush(); t != "" {
		b.captions = append(b.captions, t)
	}
}

// moreMarker notes the first excerpt marker: the summary, when front matter
// gives none, is the text before it.
func (b *builder) moreMarker() {
	if b.more < 0 {
		b.more, b.morePartial = len(b.a.Blocks), cleanLines(b.buf)
	}
}

// summary is the text of the blocks before the excerpt marker, joined
// with a blank line; the <h1> taken as the title is not one of them.
func (b *builder) summary() string {
	title := -1
	if b.findTitle && b.titles.body == "" {
		title = b.titles.h1Block
	}
	var parts []string
	for i, blk := range b.a.Blocks[:b.more] {
		if blk.Kind != KindImage && i != title {
			parts = append(parts, blk.Text)
		}
	}
	if b.morePartial != "" {
		parts = append(parts, b.morePartial)
	}
	return strings.Join(parts, "\n\n")
}

// end ends what is open: the open mode, the last run and links, and the
// excerpt.
func (b *builder) end() {
	if b.mode != modeFlow {
		b.modeDepth = 1
		b.endMode()
	}
	b.flush()
	for len(b.marks.links) > 0 {
		b.closeLink()
	}
	if b.images.skipped > 0 {
		b.rep.warnf(WarnImage, "", "%d <img> without a usable URL skipped", b.images.skipped)
	}
	if b.more >= 0 && b.a.Summary == "" {
		b.a.Summary = b.summary()
	}
}
