package main

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/postextract/postextract"
)

// tally counts a run's warnings by code, for the line that -warnings auto
// prints at the end instead of the list.
type tally struct {
	warnings, posts int
	byCode          map[postextract.WarningCode]int
}

func (t *tally) add(ws []postextract.Warning) {
	if len(ws) == 0 {
		return
	}
	if t.byCode == nil {
		t.byCode = map[postextract.WarningCode]int{}
	}
	t.posts++
	t.warnings += len(ws)
	for _, w := range ws {
		t.byCode[w.Code]++
	}
}

// summary is the line, "174 warnings in 25 posts: 173 relative-url, 1 encoding;
// -warnings to list them", codes by count then in the library's order; ""
// when there were none.
func (t *tally) summary() string {
	if t.warnings == 0 {
		return ""
	}
	codes := make([]postextract.WarningCode, 0, len(t.byCode))
	for c := range t.byCode {
		codes = append(codes, c)
	}
	order := func(c postextract.WarningCode) int {
		if i := slices.Index(postextract.WarningCodes, c); i >= 0 {
			return i
		}
		return len(postextract.WarningCodes) // a code this build does not know, last
	}
	slices.SortFunc(codes, func(a, b postextract.WarningCode) int {
		return cmp.Or(cmp.Compare(t.byCode[b], t.byCode[a]), cmp.Compare(order(a), order(b)), strings.Compare(string(a), string(b)))
	})
	parts := make([]string, len(codes))
	for i, c := range codes {
		parts[i] = fmt.Sprintf("%d %s", t.byCode[c], c)
	}
	return fmt.Sprintf("%s in %s: %s; -warnings to list them",
		plural(t.warnings, "warning"), plural(t.posts, "post"), strings.Join(parts, ", "))
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
