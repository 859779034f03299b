package postextract

import (
	"bytes"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
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
	w.b.finish()
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
		b.openList(r.ordered)
	case roleMark:
		b.openMark(r.mark)
	case roleKind:
		b.openKind(r.kind, r.level)
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
		w.b.image(newImage(&a, u), a[slotAlt])
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
// in any case and spacing (Hexo), <!--more--> (Hugo).
func isMoreMarker(s string) bool {
	return strings.EqualFold(strings.TrimSpace(s), "more")
}

// documentTitle returns the text of the <title> in the document's head,
// for posts without a title in front matter. The head is not walked (it is
// dropped); a <title> elsewhere is found by the walk, which reads the
// body's first <h1> when there is none.
func documentTitle(doc *html.Node) string {
	for n := doc.FirstChild; n != nil; {
		switch n.DataAtom {
		case atom.Html, atom.Head:
			n = n.FirstChild
			continue
		case atom.Title:
			if t := nodeText(n); t != "" {
				return t
			}
		}
		n = n.NextSibling
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

// flatTree builds a tree from the token stream without the HTML5 tree
// construction rules, and so without their depth limit: an end tag closes
// the nearest open element of its name, and stray end tags are ignored.
func flatTree(body []byte) *html.Node {
	doc := &html.Node{Type: html.DocumentNode}
	stack := []*html.Node{doc}
	open := map[string]int{}
	z := html.NewTokenizer(bytes.NewReader(body))
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return doc // io.EOF: a bytes.Reader fails with nothing else
		case html.TextToken:
			stack[len(stack)-1].AppendChild(&html.Node{Type: html.TextNode, Data: string(z.Text())})
		case html.StartTagToken, html.SelfClosingTagToken:
			t := z.Token()
			n := &html.Node{Type: html.ElementNode, DataAtom: t.DataAtom, Data: t.Data, Attr: t.Attr}
			parent := stack[len(stack)-1]
			if t.DataAtom == atom.Title && (parent.Type == html.DocumentNode || parent.DataAtom == atom.Html) {
				// A top-level <title> goes into a <head>, as the HTML5
				// parser would put it: the title, not a paragraph.
				head := &html.Node{Type: html.ElementNode, DataAtom: atom.Head, Data: "head"}
				parent.AppendChild(head)
				parent = head
			}
			parent.AppendChild(n)
			if t.DataAtom == atom.Noscript {
				// With scripting off, as the tree parser reads it,
				// <noscript> holds elements, not raw text.
				z.NextIsNotRawText()
			}
			if tt == html.StartTagToken && !voidElements[t.DataAtom] {
				stack = append(stack, n)
				open[t.Data]++
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			if open[string(name)] == 0 {
				continue
			}
			for {
				top := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				open[top.Data]--
				if top.Data == string(name) {
					break
				}
			}
		}
	}
}

// voidElements never have content: the flat pass does not wait for their
// end tag.
var voidElements = map[atom.Atom]bool{
	atom.Area: true, atom.Base: true, atom.Br: true, atom.Col: true, atom.Embed: true,
	atom.Hr: true, atom.Img: true, atom.Input: true, atom.Link: true, atom.Meta: true,
	atom.Param: true, atom.Source: true, atom.Track: true, atom.Wbr: true, atom.Image: true,
}

// codeLang reads a code block's language from its class: language-x,
// lang-x, or brush: x.
func codeLang(n *html.Node) string {
	class := attr(n, "class")
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
