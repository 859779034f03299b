package postextract

import (
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// mode is how the walk reads what is inside an element that makes one
// block of everything in it. Inside a mode, the elements of the other modes
// are plain block boundaries: a table in a <pre> is code text, a <pre> in a
// table cell is cell text.
type mode uint8

const (
	modeFlow    mode = iota // blocks and text runs
	modeCode                // <pre>: text verbatim, <br> a newline, one code block
	modeTable               // <table>: one table block, its images after it
	modeCaption             // <figcaption>: caption blocks, and the figure's caption
	modeTitle               // the <h1> read as the title: its whole text
)

// elemRule is what the walk does with one element. A block element ends
// the current text run on entry and exit (in flow mode) or is a boundary
// inside the current mode; kind is the block kind it gives its text; mode
// the mode it starts in flow mode. Inline elements with a rule have an enter
// handler, which reports whether to visit the children, and may have a
// leave handler.
type elemRule struct {
	block bool
	list  bool // counts toward a list item's nesting level
	kind  string
	mode  mode
	enter func(w *walker, n *html.Node) bool
	leave func(w *walker, n *html.Node)
}

// elements holds a row for every element with a rule; any other element is
// inline and transparent. Dropped subtrees (script, style, …) are the drop
// rules' business, before this table is looked at.
var elements map[atom.Atom]elemRule

func init() {
	block := elemRule{block: true}
	elements = map[atom.Atom]elemRule{
		atom.P: block, atom.Div: block, atom.Section: block, atom.Article: block,
		atom.Main: block, atom.Header: block, atom.Footer: block, atom.Aside: block,
		atom.Nav: block, atom.Figure: {block: true, enter: enterFigure, leave: leaveFigure},
		atom.Caption: block, atom.Thead: block, atom.Tbody: block, atom.Tfoot: block,
		atom.Tr: block, atom.Td: block, atom.Th: block, atom.Hr: block, atom.Center: block,
		atom.Address: block, atom.Details: block, atom.Summary: block, atom.Fieldset: block,
		atom.Legend: block, atom.Hgroup: block, atom.Dialog: block, atom.Body: block, atom.Html: block,

		atom.Ul: {block: true, list: true}, atom.Ol: {block: true, list: true},
		atom.Dl: {block: true, list: true}, atom.Menu: {block: true, list: true},

		atom.H1: {block: true, kind: KindHeading, mode: modeTitle},
		atom.H2: {block: true, kind: KindHeading}, atom.H3: {block: true, kind: KindHeading},
		atom.H4: {block: true, kind: KindHeading}, atom.H5: {block: true, kind: KindHeading},
		atom.H6: {block: true, kind: KindHeading},
		atom.Li: {block: true, kind: KindListItem}, atom.Dt: {block: true, kind: KindListItem},
		atom.Dd:         {block: true, kind: KindListItem},
		atom.Blockquote: {block: true, kind: KindQuote},
		atom.Pre:        {block: true, kind: KindCode, mode: modeCode},
		atom.Table:      {block: true, mode: modeTable},
		atom.Figcaption: {block: true, kind: KindCaption, mode: modeCaption},

		atom.Br:       {enter: (*walker).enterBr},
		atom.Img:      {enter: (*walker).enterImg},
		atom.Noscript: {enter: (*walker).enterNoscript},
		atom.A:        {enter: (*walker).enterA, leave: (*walker).leaveA},
		atom.Picture:  {enter: (*walker).enterPicture, leave: (*walker).leavePicture},
		atom.Source:   {enter: (*walker).enterSource},
		atom.Code:     {enter: (*walker).enterCode},
		atom.Title:    {enter: (*walker).enterTitle},
	}
}

func enterFigure(w *walker, n *html.Node) bool {
	w.enterBlock(n)
	if w.mode == modeFlow {
		w.figures = append(w.figures, figureCtx{})
	}
	return true
}

func leaveFigure(w *walker, n *html.Node) {
	w.leaveBlock(n)
	if w.mode == modeFlow && len(w.figures) > 0 {
		k := len(w.figures) - 1
		w.closeFigure(w.figures[k])
		w.figures = w.figures[:k]
	}
}
