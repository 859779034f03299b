package postextract

import (
	"fmt"
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
// extension and leading date. obsidian (titleFromName): the file name as
// Obsidian, Quartz and Digital Garden show it, and an H1 stays text.
func decideTitle(a *Article, t titleSources, name string, g *generator) {
	switch {
	case a.Title != "":
	case g.titleFromName && name != "":
		a.Title = strings.TrimSuffix(name, path.Ext(name))
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

// indexStems are the file names (without extension) that stand for their
// folder: a bundle's date is in the folder's name (Zola, Docusaurus, Hugo).
var indexStems = map[string]bool{"index": true, "_index": true}

// dateFromFileName gives a post with no date key that reads the date its
// name holds (SPEC "Generators", Dates from names): the file name's
// leading YYYY-M-D- (Jekyll, Hugo's :filename) or YYYY-MM-DDTHH:MM-
// (Docusaurus), an index file's folder's name, and, docusaurus
// (pathDates), the last date anywhere in the path below the site. Read in
// loc.
func dateFromFileName(a *Article, ps *postSource, loc *time.Location) {
	if !a.Date.IsZero() {
		return
	}
	_, date := cutFileDate(ps.name)
	// index.en.md: a Hugo bundle's page in one language.
	if stem, _, _ := strings.Cut(ps.name, "."); date == "" && indexStems[stem] && ps.path != "" {
		if dir := path.Base(path.Dir(ps.path)); dir != "." && dir != "/" {
			_, date = cutFileDate(dir + ".x") // a folder has no extension
		}
	}
	if date == "" && ps.gen != nil && ps.gen.pathDates {
		rel := ps.rel
		if rel == "" {
			rel = ps.path
		}
		date = pathDate(rel)
	}
	if date == "" {
		return
	}
	layout := "2006-01-02"
	if len(date) > len(layout) {
		layout = "2006-01-02T15:04"
	}
	if t, err := time.ParseInLocation(layout, date, loc); err == nil {
		a.Date = normalizeZone(t)
	}
}

// cutFileDate splits a file name into its stem, without extension and
// leading date, and that date written YYYY-MM-DD or YYYY-MM-DDTHH:MM (""
// when it has none). The date is YYYY-M-D, month and day of one or two
// digits as Jekyll reads them, or Docusaurus's YYYY-MM-DDTHH:MM, then "-"
// and the slug, or nothing.
func cutFileDate(name string) (stem, date string) {
	stem = strings.TrimSuffix(name, path.Ext(name))
	date, n := leadingDate(stem, '-', true)
	if date == "" || n < len(stem) && stem[n] != '-' {
		return stem, ""
	}
	if n+1 >= len(stem) {
		return stem, date // the name is the date alone: the stem stays
	}
	return stem[n+1:], date
}

// pathDate returns the last date in a slash path, written as Docusaurus
// reads one: YYYY, then month and day of one or two digits, each after a
// "-" or a "/" (2019/05/30/welcome.md, 2019/05-30-welcome.md,
// 2025-10-11-release/guide.md).
func pathDate(p string) string {
	last := ""
	for i := 0; i+8 <= len(p); i++ {
		if i > 0 && isDigit(p[i-1]) {
			continue
		}
		if d, n := leadingDate(p[i:], '/', false); d != "" && (n == len(p)-i || !isDigit(p[i+n])) {
			last = d
		}
	}
	return last
}

// leadingDate reads a date at the start of s: four digits, month and day
// of one or two digits, each after "-" or alt; with clock, an optional
// THH:MM after it. It returns the date as YYYY-MM-DD[THH:MM] and its
// length, or "" when s starts with none or the month or day is out of range.
func leadingDate(s string, alt byte, clock bool) (string, int) {
	if len(s) < 8 || !isDigits(s[:4]) {
		return "", 0
	}
	i, parts := 4, [2]int{}
	for k := range parts {
		if i >= len(s) || s[i] != '-' && s[i] != alt {
			return "", 0
		}
		i++
		j := i
		for j < len(s) && j-i < 2 && isDigit(s[j]) {
			j++
		}
		if j == i || j < len(s) && isDigit(s[j]) {
			return "", 0
		}
		parts[k] = int(s[i] - '0')
		if j-i == 2 {
			parts[k] = parts[k]*10 + int(s[i+1]-'0')
		}
		i = j
	}
	if parts[0] < 1 || parts[0] > 12 || parts[1] < 1 || parts[1] > 31 {
		return "", 0
	}
	d := fmt.Sprintf("%s-%02d-%02d", s[:4], parts[0], parts[1])
	if clock && len(s) >= i+6 && s[i] == 'T' && isDigits(s[i+1:i+3]) && s[i+3] == ':' && isDigits(s[i+4:i+6]) {
		return d + s[i:i+6], i + 6
	}
	return d, i
}

// dateValue returns the key and value of a date key of the table: a key,
// or "map.key" for a key of a map (date.created) when no key is written
// so.
func dateValue(fm *frontMatter, n string) (string, any, bool) {
	if k, ok := fm.key(n); ok { // a key written with its dot
		return k, fm.meta[k], true
	}
	top, sub, dotted := strings.Cut(n, ".")
	k, ok := fm.key(top)
	if !ok {
		return "", nil, false
	}
	if !dotted {
		return k, fm.meta[k], true
	}
	m, ok := fm.meta[k].(map[string]any)
	if !ok {
		return "", nil, false
	}
	mk, ok := metaKey(m, sub)
	if !ok {
		return "", nil, false
	}
	return k + "." + mk, m[mk], true
}

// hasDotted reports whether keys name a key of the map n.
func hasDotted(keys []string, n string) bool {
	for _, k := range keys {
		if strings.HasPrefix(k, n+".") {
			return true
		}
	}
	return false
}
