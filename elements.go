package postextract

import (
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// role is what an element is to the builder.
type role uint8

const (
	roleInline  role = iota // transparent: its text joins the run
	roleEdge                // a block that only ends the run (p, div …)
	roleList                // ul, ol, dl, menu: list items' level
	roleKind                // gives its text a kind (heading, list item, quote)
	roleCode                // pre: modeCode
	roleTable               // table: modeTable
	roleRow                 // tr
	roleCell                // td, th
	roleCaption             // figcaption: modeCaption
	roleFigure              // figure: its caption goes to its images
	roleMark                // an inline mark: strong, em, code, del
	roleHandled             // inline, with handlers of its own
)

// elemRule is what the walk does with one element: its role, the kind and
// level it gives (roleKind), and for roleHandled an enter handler, which
// reports whether to visit the children, and an optional leave handler.
// inNoscript handles the element inside a <noscript>, where nothing else is
// read (and leave, for a row that has both, on the way out).
type elemRule struct {
	role       role
	kind       Kind
	level      int
	mark       mark // roleMark
	ordered    bool // roleList: an ordered list
	enter      func(w *htmlWalker, n *html.Node) bool
	leave      func(w *htmlWalker, n *html.Node)
	inNoscript func(w *htmlWalker, n *html.Node)
}

// elements has a row for every element with a rule; any other element is
// inline and transparent. Dropped subtrees (script, style, …) are the drop
// rules' business, before this table is looked at.
var elements atomTable[elemRule]

func init() {
	edge := elemRule{role: roleEdge}
	list := elemRule{role: roleList}
	heading := func(level int) elemRule { return elemRule{role: roleKind, kind: KindHeading, level: level} }
	item := elemRule{role: roleKind, kind: KindListItem}
	elements = newAtomTable(map[atom.Atom]elemRule{
		atom.P: edge, atom.Div: edge, atom.Section: edge, atom.Article: edge,
		atom.Main: edge, atom.Header: edge, atom.Footer: edge, atom.Aside: edge,
		atom.Nav: edge, atom.Caption: edge, atom.Thead: edge, atom.Tbody: edge,
		atom.Tfoot: edge, atom.Hr: edge, atom.Center: edge, atom.Address: edge,
		atom.Details: edge, atom.Summary: edge, atom.Fieldset: edge, atom.Legend: edge,
		atom.Hgroup: edge, atom.Dialog: edge, atom.Body: edge, atom.Html: edge,

		atom.Ul: list, atom.Ol: {role: roleList, ordered: true}, atom.Dl: list, atom.Menu: list,
		atom.H1: heading(1), atom.H2: heading(2), atom.H3: heading(3),
		atom.H4: heading(4), atom.H5: heading(5), atom.H6: heading(6),
		atom.Li: item, atom.Dt: item, atom.Dd: item,
		atom.Blockquote: {role: roleKind, kind: KindQuote},

		atom.Pre:        {role: roleCode},
		atom.Table:      {role: roleTable},
		atom.Tr:         {role: roleRow},
		atom.Td:         {role: roleCell},
		atom.Th:         {role: roleCell},
		atom.Figcaption: {role: roleCaption},
		atom.Figure:     {role: roleFigure},

		atom.B: {role: roleMark, mark: markStrong}, atom.Strong: {role: roleMark, mark: markStrong},
		atom.I: {role: roleMark, mark: markEm}, atom.Em: {role: roleMark, mark: markEm},
		atom.Cite: {role: roleMark, mark: markEm}, atom.Dfn: {role: roleMark, mark: markEm},
		atom.Kbd: {role: roleMark, mark: markCode}, atom.Samp: {role: roleMark, mark: markCode},
		atom.Tt:  {role: roleMark, mark: markCode},
		atom.Del: {role: roleMark, mark: markDel}, atom.S: {role: roleMark, mark: markDel},
		atom.Strike: {role: roleMark, mark: markDel},

		atom.Br:       {role: roleHandled, enter: (*htmlWalker).enterBr},
		atom.Img:      {role: roleHandled, enter: (*htmlWalker).enterImg, inNoscript: (*htmlWalker).noscriptImg},
		atom.Noscript: {role: roleHandled, enter: (*htmlWalker).enterNoscript, leave: (*htmlWalker).leaveNoscript, inNoscript: (*htmlWalker).nestedNoscript},
		atom.A:        {role: roleHandled, enter: (*htmlWalker).enterA, leave: (*htmlWalker).leaveA},
		atom.Picture:  {role: roleHandled, enter: (*htmlWalker).enterPicture, leave: (*htmlWalker).leavePicture},
		atom.Source:   {role: roleHandled, enter: (*htmlWalker).enterSource},
		atom.Code:     {role: roleHandled, enter: (*htmlWalker).enterCode, leave: (*htmlWalker).leaveCode},
		atom.Title:    {role: roleHandled, enter: (*htmlWalker).enterTitle},
	})
}
