package postextract

import (
	"slices"
	"strings"

	"golang.org/x/net/html"
)

// htmlWalker walks a parsed HTML body once, in document order, and drives
// the builder: the element table (elements.go) says what each element is.
// It keeps what only HTML has: the open links, pictures and noscripts.
type htmlWalker struct {
	b      *builder
	drop   *dropRules
	res    *resolver
	links  []string   // hrefs of the open <a>s
	isLink []bool     // whether each open <a> is an outbound link
	pics   [][]string // <source srcset> candidates of the open <picture>s

	// hrefFirst maps a full-size href to the own URL of the one image it is
	// for (see imageURL).
	hrefFirst     map[string]string
	noscriptDepth int // open <noscript>s: only their <img>s are read
}

// walk visits the tree below root once, in document order, without
// recursion, so that no depth of nesting can exhaust the stack.
func (w *htmlWalker) walk(root *html.Node) {
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
}

// enter handles n on the way down and reports whether to visit its
// children (and later call leave).
func (w *htmlWalker) enter(n *html.Node) bool {
	switch n.Type {
	case html.TextNode:
		if w.noscriptDepth == 0 {
			w.b.text(n.Data)
		}
		return false
	case html.DocumentNode:
		return true
	case html.CommentNode:
		if w.noscriptDepth == 0 && isMoreMarker(n.Data) {
			w.b.moreMarker()
		}
		return false
	case html.ElementNode:
	default:
		return false
	}
	if w.drop.match(n) {
		return false
	}
	r, _ := elements.get(n.DataAtom)
	if w.noscriptDepth > 0 {
		if r.inNoscript != nil {
			r.inNoscript(w, n)
		}
		return true
	}
	b := w.b
	switch r.role {
	case roleInline:
	case roleHandled:
		return r.enter(w, n)
	case roleEdge:
		b.edge()
	case roleList:
		b.openList(r.ordered, listNumber(n, "start", 1))
	case roleMark:
		b.openMark(r.mark)
	case roleKind:
		b.openKind(r.kind, r.level)
		if r.kind == KindListItem {
			itemAttrs(b, n)
		}
	case roleCode:
		b.openMode(modeCode, codeLang(n))
	case roleTable:
		b.openMode(modeTable, "")
	case roleRow:
		b.openRow()
	case roleCell:
		b.openCell()
	case roleCaption:
		b.openMode(modeCaption, "")
	case roleFigure:
		b.openFigure()
	}
	return true
}

// leave handles an element on the way up.
func (w *htmlWalker) leave(n *html.Node) {
	if n.Type != html.ElementNode {
		return
	}
	r, _ := elements.get(n.DataAtom)
	if w.noscriptDepth > 0 {
		if r.inNoscript != nil && r.leave != nil {
			r.leave(w, n)
		}
		return
	}
	b := w.b
	switch r.role {
	case roleHandled:
		if r.leave != nil {
			r.leave(w, n)
		}
	case roleEdge:
		b.edge()
	case roleList:
		b.closeList()
	case roleMark:
		b.closeMark(r.mark)
	case roleKind:
		b.closeKind(r.kind, r.level)
	case roleCode:
		b.closeMode(modeCode)
	case roleTable:
		b.closeMode(modeTable)
	case roleRow:
		b.closeRow()
	case roleCell:
		b.closeCell()
	case roleCaption:
		b.closeMode(modeCaption)
	case roleFigure:
		b.closeFigure()
	}
}

func (w *htmlWalker) enterBr(*html.Node) bool {
	w.b.lineBreak()
	return false
}

// enterTitle notes a <title> in the body: the title wherever the parser put
// it, as document.title reads it. Its text is read as text too.
func (w *htmlWalker) enterTitle(n *html.Node) bool {
	w.b.noteTitle(nodeText(n))
	return true
}

// enterNoscript starts a <noscript>: its text is not read, but its <img>
// gives a URL to the URL-less <img> before it.
func (w *htmlWalker) enterNoscript(*html.Node) bool {
	w.noscriptDepth++
	return true
}

func (w *htmlWalker) nestedNoscript(*html.Node) { w.noscriptDepth++ }

func (w *htmlWalker) leaveNoscript(*html.Node) { w.noscriptDepth-- }

// enterA opens a link: its href for the image inside (a full-size
// original), and an outbound link when it resolves to one.
func (w *htmlWalker) enterA(n *html.Node) bool {
	href := attr(n, "href")
	w.links = append(w.links, href)
	if label, ok := strings.CutPrefix(href, "#fn:"); ok && isNumber(label) && hasClass(n, "footnote-ref") {
		w.isLink = append(w.isLink, true)
		w.b.openFootnoteRef(label)
		return true
	}
	u, ok := w.res.link(href)
	w.isLink = append(w.isLink, ok)
	if ok {
		w.b.openLink(u, attr(n, "title"))
	}
	return true
}

func (w *htmlWalker) leaveA(*html.Node) {
	if k := len(w.links); k > 0 {
		if w.isLink[k-1] {
			w.b.closeLink()
		}
		w.links, w.isLink = w.links[:k-1], w.isLink[:k-1]
	}
}

func (w *htmlWalker) enterPicture(*html.Node) bool {
	w.pics = append(w.pics, nil)
	return true
}

func (w *htmlWalker) leavePicture(*html.Node) {
	if len(w.pics) > 0 {
		w.pics = w.pics[:len(w.pics)-1]
	}
}

// enterSource adds a <picture>'s <source srcset> candidate, tried after the
// <img>'s own.
func (w *htmlWalker) enterSource(n *html.Node) bool {
	if k := len(w.pics); k > 0 {
		if c := largestCandidate(attr(n, "srcset")); c != "" {
			w.pics[k-1] = append(w.pics[k-1], c)
		}
	}
	return false
}

// enterCode gives a code block the language of its <code>'s class; outside
// one it is a code mark.
func (w *htmlWalker) enterCode(n *html.Node) bool {
	if w.b.mode == modeCode {
		w.b.setCodeLang(codeLang(n))
	}
	w.b.openMark(markCode)
	return true
}

func (w *htmlWalker) leaveCode(*html.Node) { w.b.closeMark(markCode) }

// enterImg places an <img>'s image, or marks where a URL-less one stands.
func (w *htmlWalker) enterImg(n *html.Node) bool {
	a := readImgAttrs(n)
	var sources []string
	if k := len(w.pics); k > 0 {
		sources = w.pics[k-1]
	}
	if len(w.links) > 0 {
		w.b.linkImage(a[slotAlt])
	}
	if u, ok := w.imageURL(&a, sources); ok {
		img := newImage(&a, u)
		img.Link = w.b.linkAround()
		w.b.image(img, a[slotAlt])
	} else {
		w.b.markPending(a[slotAlt])
	}
	return false
}

// noscriptImg fills the pending URL-less <img> with a <noscript>'s <img>.
func (w *htmlWalker) noscriptImg(n *html.Node) {
	if !w.b.images.pending {
		return
	}
	a := readImgAttrs(n)
	if u, ok := w.res.imageURL(&a, "", nil); ok {
		w.b.fillPending(newImage(&a, u))
	}
}

// imageURL resolves an <img>'s URL. A wrapping <a href> to an image file is
// the full size of one image only: the parser re-opens an unclosed <a>
// around later content, and those later images keep their own URLs (an
// image with the same own URL shares the href).
func (w *htmlWalker) imageURL(a *imgAttrs, sources []string) (string, bool) {
	own, ok := w.res.imageURL(a, "", sources)
	href := ""
	if k := len(w.links); k > 0 {
		href = w.links[k-1]
	}
	if href == "" || !isImageFile(href) {
		return own, ok
	}
	full, okFull := w.res.imageURL(a, href, sources)
	if !okFull || ok && full == own {
		return own, ok
	}
	if w.hrefFirst == nil {
		w.hrefFirst = map[string]string{}
	}
	first, seen := w.hrefFirst[full]
	if !seen {
		w.hrefFirst[full] = own
		return full, true
	}
	if first == own {
		return full, true
	}
	return own, ok
}

// isMoreMarker reports whether a comment is an excerpt marker, <!-- more -->
// in any case and spacing (Hexo), <!--more--> (Hugo), <!-- truncate -->
// (Docusaurus; its MDX {/* truncate */} becomes one) or <!-- excerpt -->
// (Eleventy).
func isMoreMarker(s string) bool {
	s = strings.TrimSpace(s)
	return strings.EqualFold(s, "more") || strings.EqualFold(s, "truncate") || strings.EqualFold(s, "excerpt")
}

// codeLang reads a code block's language from its class: language-x,
// lang-x, or brush: x; else a highlighter's class list whose first class
// is a language, as highlight.js writes it (class="bash hljs").
func codeLang(n *html.Node) string {
	class := attr(n, "class")
	if v := prefixedLang(class); v != "" {
		return v
	}
	return classListLang(class)
}

// classListLang is the first class of a class list, not counting a
// highlighter's own marker classes (hljs, prettyprint, …), when it is a
// language that highlighters know: class="bash hljs", "hljs dockerfile",
// "sourceCode python" (Pandoc). A table of names rather than "whatever
// comes first": the list also holds options (linenums, copyable, wrap,
// nohighlight) that are no language, and highlight.js itself only ever
// writes a name it has registered.
func classListLang(class string) string {
	for _, c := range strings.Fields(class) {
		c = strings.ToLower(c)
		if highlighterClasses[c] {
			continue
		}
		if knownLangs[c] {
			return c
		}
		return ""
	}
	return ""
}

// highlighterClasses mark a code block as a highlighter's, not a language.
var highlighterClasses = map[string]bool{"hljs": true, "highlight": true, "prettyprint": true, "sourcecode": true, "code": true}

// knownLangs are the language names (and common aliases) of highlight.js,
// Prism and Pygments that a bare class gives; data, like the other tables.
var knownLangs = func() map[string]bool {
	m := map[string]bool{}
	for _, l := range strings.Fields(`bash sh shell zsh console powershell ps1 bat cmd
		c h cpp cc cxx hpp csharp cs objectivec objc swift kotlin kt java scala groovy
		go golang rust rs zig nim d dart lua perl pl php ruby rb python py r julia
		javascript js jsx typescript ts tsx coffeescript coffee elixir erlang haskell hs
		clojure clj lisp scheme racket ocaml fsharp elm vbnet vb matlab fortran pascal delphi
		html xml xhtml svg css scss sass less stylus json json5 yaml yml toml ini properties
		markdown md latex tex sql plsql pgsql graphql protobuf proto thrift
		dockerfile docker makefile cmake nginx apache diff patch http
		vim awk sed tcl verilog vhdl asm x86asm armasm wasm solidity glsl hlsl
		gradle maven vue svelte handlebars twig erb jinja django smarty terraform hcl nix
		plaintext`) {
		m[l] = true
	}
	return m
}()

// prefixedLang reads language-x, lang-x or brush: x from a class attribute.
func prefixedLang(class string) string {
	for _, p := range langPrefixes {
		for i := 0; ; {
			k := strings.Index(class[i:], p)
			if k < 0 {
				break
			}
			i += k
			if i > 0 && class[i-1] != ' ' { // inside another word
				i += len(p)
				continue
			}
			v := strings.TrimLeft(class[i+len(p):], " ")
			if j := strings.IndexAny(v, " ;"); j >= 0 {
				v = v[:j]
			}
			if v != "" {
				return strings.ToLower(v)
			}
			break
		}
	}
	return ""
}

// langPrefixes mark a code block's language in a class attribute.
var langPrefixes = []string{"language-", "lang-", "brush:"}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// nodeText is the text of n's children on one line, white space
// collapsed, as document.title reads a <title>.
func nodeText(n *html.Node) string {
	var s strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.TextNode {
			s.WriteString(c.Data)
		}
	}
	return collapse(s.String())
}

// hasClass reports whether n's class list holds class.
func hasClass(n *html.Node, class string) bool {
	return slices.Contains(strings.Fields(attr(n, "class")), class)
}

// isNumber reports whether s is a decimal number: digits, at least one.
func isNumber(s string) bool {
	return s != "" && strings.Trim(s, "0123456789") == ""
}
