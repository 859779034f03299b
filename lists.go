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

// itemTrack follows list items' blocks: a block of an item continues it
// (Block.Continued) when the item's last block came right before it, or
// only the items of lists nested in it came between.
type itemTrack struct {
	opened int         // list items opened so far; an item's id is its count
	last   []itemBlock // by level: the item that made the last block there
}

type itemBlock struct{ item, block int }

// continues reports whether the block about to be appended, of the list
// item item at level (item 0 for none), continues that item, and notes it
// as the item's last block.
func (t *itemTrack) continues(b *builder, item, level int) bool {
	if item == 0 || level < 1 {
		return false
	}
	n := len(b.a.Blocks)
	cont := false
	// (Blocks may have been taken back since: then it starts anew.)
	if level <= len(t.last) && t.last[level-1].item == item && t.last[level-1].block < n {
		cont = true
		for _, blk := range b.a.Blocks[t.last[level-1].block+1 : n] {
			if blk.Kind != KindListItem || blk.Level <= level {
				cont = false
				break
			}
		}
	}
	for len(t.last) < level {
		t.last = append(t.last, itemBlock{})
	}
	t.last = append(t.last[:level-1], itemBlock{item, n})
	return cont
}

// maxItemCodeDepth is the deepest list item whose code blocks are its own:
// deeper, the writers write a list as HTML, which holds no code block.
const maxItemCodeDepth = 16

// codeInItem gives a code block inside a list item that item's level,
// order, number and id, so that it belongs to the step it is part of.
func (b *builder) codeInItem(c blockCtx) blockCtx {
	for k := len(b.ctx) - 2; k > 0; k-- {
		if li := b.ctx[k]; li.kind == KindListItem {
			if li.level <= maxItemCodeDepth && li.footnote == "" {
				c.level, c.ordered, c.number, c.item = li.level, li.ordered, li.number, li.item
			}
			break
		}
	}
	return c
}
