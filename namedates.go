package postextract

import (
	"path"
	"slices"
	"strings"
	"time"
)

// titleSources are the places a post's title may come from besides its
// front matter, found during the walk only when it gave none.
type titleSources struct {
	head    string // the <title> in the document's head
	body    string // the first <title> met in the body
	h1Block int    // the block of the first non-empty <h1>, read whole; -1: none
}

// decideTitle gives the article its title, from the first place that has
// one: the front matter (already in a.Title), the <title> in the head, the
// first <title> in the body, the first non-empty <h1> (whose block then
// goes: it was the title, not the text), the file name without its
// extension and leading date.
func decideTitle(a *Article, t titleSources, name string, g *generator) {
	switch {
	case a.Title != "":
	case t.head != "":
		a.Title = t.head
	case t.body != "":
		a.Title = t.body
	case t.h1Block >= 0:
		a.Title = strings.ReplaceAll(a.Blocks[t.h1Block].Text, "\n", " ")
		a.Blocks = slices.Delete(a.Blocks, t.h1Block, t.h1Block+1)
	case name != "":
		stem, _ := cutFileDate(name)
		a.Title = stem
	}
}

// dateFromFileName takes the date of a file name that starts YYYY-MM-DD-
// (Jekyll, Hugo's :filename), read in loc, when the post gave none.
func dateFromFileName(a *Article, ps *postSource, loc *time.Location) {
	name := ps.name
	if _, date := cutFileDate(name); date != "" && a.Date.IsZero() {
		if t, err := time.ParseInLocation("2006-01-02", date, loc); err == nil {
			a.Date = normalizeZone(t)
		}
	}
}

// cutFileDate splits a file name into its stem, without extension and
// leading YYYY-MM-DD-, and that date ("" when it has none).
func cutFileDate(name string) (stem, date string) {
	stem = strings.TrimSuffix(name, path.Ext(name))
	if len(stem) >= 11 && isDigits(stem[:4]) && stem[4] == '-' && isDigits(stem[5:7]) &&
		stem[7] == '-' && isDigits(stem[8:10]) && stem[10] == '-' {
		return stem[11:], stem[:10]
	}
	return stem, ""
}
