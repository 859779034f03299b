package postextract

import (
	"strings"
	"testing"

	"golang.org/x/net/html/atom"
)

// TestAtomTable: every key finds its value, and no other atom — nor 0, the
// atom of an unknown element — finds any, whatever the table's size.
func TestAtomTable(t *testing.T) {
	names := strings.Fields(`a abbr address area article aside audio b base bdi bdo blockquote body br
		button canvas caption cite code col colgroup data datalist dd del details dfn dialog div dl dt em
		embed fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 head header hgroup hr html i iframe
		img input ins kbd label legend li link main map mark menu meta meter nav noscript object ol
		optgroup option output p param picture pre progress q rp rt ruby s samp script section select
		slot small source span strong style sub summary sup table tbody td template textarea tfoot th
		thead time title tr track u ul var video wbr svg math center tt strike font marquee`)
	var atoms []atom.Atom
	for _, n := range names {
		if a := atom.Lookup([]byte(n)); a != 0 {
			atoms = append(atoms, a)
		}
	}
	for _, size := range []int{0, 1, 2, 7, 40, len(atoms) / 2} {
		m := map[atom.Atom]int{}
		for i, a := range atoms[:size] {
			m[a] = i + 1
		}
		tab := newAtomTable(m)
		for _, a := range atoms {
			got, ok := tab.get(a)
			if want, in := m[a]; got != want || ok != in {
				t.Fatalf("size %d: get(%v) = %d, %v; want %d, %v", size, a, got, ok, want, in)
			}
		}
		if _, ok := tab.get(0); ok {
			t.Fatalf("size %d: get(0) found a value", size)
		}
	}
	var empty atomTable[bool]
	if _, ok := empty.get(atom.Div); ok {
		t.Fatal("the zero table found a value")
	}
}
