package postextract

import (
	"bytes"
	"sync"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// walkBody parses the HTML body and walks it once into the Article. When
// the article has no title yet, it returns where the body offers one.
func (e *Extractor) walkBody(a *Article, body []byte, res *resolver) titleSources {
	doc, err := html.ParseWithOptions(bytes.NewReader(body), html.ParseOptionEnableScripting(false))
	if err != nil {
		// x/net/html refuses documents nested past 512 open elements; a
		// flat pass keeps their text and images.
		res.rep.warnf(WarnHTML, "", "HTML could not be parsed as a tree (%v); read with a flat pass", err)
		doc = flatTree(body)
	}
	s := getScratch(a, res.rep)
	b := &s.b
	if a.Title == "" {
		b.titles.head = documentTitle(doc)
		b.findTitle = b.titles.head == ""
	}
	drop := &e.rules
	if a.Format == FormatMarkdown {
		drop = &e.mdRules
	}
	w := &s.w
	w.b, w.drop, w.res = b, drop, res
	w.walk(doc)
	b.end()
	titles := b.titles
	s.release()
	return titles
}

// scratch is the working memory of one walk: the walker, its builder and
// the blocks as they are made. It is reused from post to post (scratchPool),
// so that the run buffer and the stacks of open elements grow once rather
// than per post; the Article gets its blocks copied out at their final size.
type scratch struct {
	w      htmlWalker
	b      builder
	blocks []Block
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// maxKeptBuf and maxKeptBlocks bound what a scratch keeps for the next
// post: one huge post should not pin its buffers.
const (
	maxKeptBuf    = 64 << 10
	maxKeptBlocks = 4096
)

// getScratch returns a scratch whose builder writes into a, with empty
// stacks and a.Blocks as its block buffer.
func getScratch(a *Article, rep *report) *scratch {
	s := scratchPool.Get().(*scratch)
	b := &s.b
	b.a, b.rep, b.titles.h1Block, b.more = a, rep, -1, -1
	b.ctx = append(b.ctx, blockCtx{kind: KindParagraph})
	if b.buf == nil {
		b.buf = make([]byte, 0, 1024) // a typical run; fewer regrowths
	}
	a.Blocks = s.blocks[:0]
	return s
}

// release copies the blocks out of the scratch into a slice of their own
// and puts the scratch back empty, holding nothing of the post but the
// capacity of its buffers.
func (s *scratch) release() {
	a := s.b.a
	s.blocks = a.Blocks
	a.Blocks = make([]Block, len(s.blocks))
	copy(a.Blocks, s.blocks)
	// Blocks are only appended: past its length the slice holds nothing,
	// and only the blocks of this post need zeroing, not the whole
	// capacity.
	if cap(s.blocks) > maxKeptBlocks {
		s.blocks = nil
	} else {
		clear(s.blocks)
		s.blocks = s.blocks[:0]
	}
	b := &s.b
	*b = builder{
		textBuf:  textBuf{buf: keptBuf(b.buf)},
		marks:    marks{links: emptied(b.marks.links, 0), spans: emptied(b.marks.spans, 0), seen: b.marks.seen},
		cuts:     emptied(b.cuts, 0),
		ctx:      emptied(b.ctx, 0),
		lists:    b.lists[:0],
		captions: emptied(b.captions, 0),
		figures:  emptied(b.figures, 0),
		table:    tableState{images: emptied(b.table.images, 0)},
	}
	clear(b.marks.seen)
	w := &s.w
	*w = htmlWalker{links: emptied(w.links, 0), isLink: w.isLink[:0], pics: emptied(w.pics, 0)}
	scratchPool.Put(s)
}

// keptBuf is the run buffer emptied for the next post, or nil when it grew
// past maxKeptBuf. Bytes hold no pointers: nothing to zero.
func keptBuf(buf []byte) []byte {
	if cap(buf) > maxKeptBuf {
		return nil
	}
	return buf[:0]
}

// emptied returns x with length 0 and its old elements zeroed, so that
// nothing they point to is kept; nil when its capacity is over limit
// (0: no limit).
func emptied[T any](x []T, limit int) []T {
	if limit > 0 && cap(x) > limit {
		return nil
	}
	clear(x[:cap(x)])
	return x[:0]
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
