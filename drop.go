package postextract

import (
	"fmt"
	"strings"

	"github.com/andybalholm/cascadia"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// dropRules are the compiled drop selectors. Bare element names, single
// classes and single ids — all of DefaultDrop() — are matched by lookups in
// one pass over the attributes; any other selector runs through cascadia.
type dropRules struct {
	tags    atomTable[bool]
	classes map[string]bool
	ids     map[string]bool
	sels    []cascadia.Sel
}

func compileDrop(selectors []string) (dropRules, error) {
	d := dropRules{classes: map[string]bool{}, ids: map[string]bool{}}
	tags := map[atom.Atom]bool{}
	for _, s := range selectors {
		sel, err := cascadia.ParseGroup(s)
		if err != nil {
			return dropRules{}, fmt.Errorf("postextract: drop selector %q: %w", s, err)
		}
		switch {
		case isName(s):
			if a := atom.Lookup([]byte(s)); a != 0 {
				tags[a] = true
				continue
			}
		case len(s) > 1 && s[0] == '.' && isName(s[1:]):
			d.classes[s[1:]] = true
			continue
		case len(s) > 1 && s[0] == '#' && isName(s[1:]):
			d.ids[s[1:]] = true
			continue
		}
		d.sels = append(d.sels, sel...)
	}
	d.tags = newAtomTable(tags)
	return d, nil
}

// isName reports whether s is a plain CSS identifier of ASCII letters,
// digits, '-' and '_'.
func isName(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return s != ""
}

// match reports whether the element n starts a dropped subtree.
func (d *dropRules) match(n *html.Node) bool {
	if _, ok := d.tags.get(n.DataAtom); ok {
		return true
	}
	if len(d.classes) > 0 || len(d.ids) > 0 {
		for _, a := range n.Attr {
			switch a.Key {
			case "id":
				if d.ids[a.Val] {
					return true
				}
			case "class":
				for c := range strings.FieldsSeq(a.Val) {
					if d.classes[c] {
						return true
					}
				}
			}
		}
	}
	for _, s := range d.sels {
		if s.Match(n) {
			return true
		}
	}
	return false
}
