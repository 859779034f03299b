package postextract

import (
	"strings"

	"golang.org/x/net/html"
)

// itemAttrs reads what a list item's attributes say: a footnote
// definition's number (goldmark's id="fn:N"), an <li value>.
func itemAttrs(b *builder, n *html.Node) {
	if id, ok := strings.CutPrefix(attr(n, "id"), "fn:"); ok {
		b.setFootnote(id)
	}
	if v := listNumber(n, "value", -1); v >= 0 && n.Data == "li" {
		b.setNumber(v)
	}
}

// listNumber reads an <ol start> or <li value>: a whole number from 1 to
// nine digits, as CommonMark's list markers say, else def. A browser shows
// 0 and negative numbers too; they are left out so that a Number of 0
// means "none given" to the writers (Markdown cannot say a negative one).
func listNumber(n *html.Node, key string, def int) int {
	v := strings.TrimSpace(attr(n, key))
	if v == "" || len(v) > 9 {
		return def
	}
	k := 0
	for i := 0; i < len(v); i++ {
		if v[i] < '0' || v[i] > '9' {
			return def
		}
		k = k*10 + int(v[i]-'0')
	}
	if k == 0 {
		return def
	}
	return k
}

// listCtx is an open list: whether it is ordered, and the number its next
// item shows.
type listCtx struct {
	ordered bool
	next    int
}

// openList and closeList bound a list, for its items' level, whether they
// are ordered, and their numbers, which count from start.
func (b *builder) openList(ordered bool, start int) {
	b.edge()
	if b.mode == modeFlow {
		b.lists = append(b.lists, listCtx{ordered: ordered, next: start})
	}
}

func (b *builder) closeList() {
	b.edge()
	if k := len(b.lists); b.mode == modeFlow && k > 0 {
		b.lists = b.lists[:k-1]
	}
}

// setNumber gives the list item just opened the number n (<li value>); the
// items after it count on from n.
func (b *builder) setNumber(n int) {
	if k, l := len(b.ctx)-1, len(b.lists)-1; k > 0 && l >= 0 && b.ctx[k].kind == KindListItem && b.ctx[k].ordered {
		b.ctx[k].number, b.lists[l].next = n, n+1
	}
}

// setFootnote marks the list item just opened as a footnote definition.
func (b *builder) setFootnote(label string) {
	if k := len(b.ctx) - 1; k > 0 && b.ctx[k].kind == KindListItem {
		b.ctx[k].footnote = label
	}
}
