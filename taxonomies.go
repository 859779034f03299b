package postextract

import (
	"maps"
	"strings"
)

// Tags and categories (SPEC "Generators"): where they hide and how a
// generator splits them.

// nestedKeyMaps are the maps whose keys read like top-level keys where the
// top level has no such key: Zola's [taxonomies] (its tags and
// categories) and Digital Garden's dg-note-properties.
var nestedKeyMaps = []string{"taxonomies", "dg-note-properties"}

// singularTerms are the keys that hold one term however it is written
// (jekyll: category and tag, as Jekyll reads them).
var singularTerms = map[string]bool{"category": true, "tag": true}

// liftNested returns fm with the keys of its nestedKeyMaps lifted to the
// top level, or fm itself when it has none. Only the fields read from the
// copy: Article.Meta keeps the front matter as written.
func liftNested(fm *frontMatter) *frontMatter {
	var merged map[string]any
	for _, n := range nestedKeyMaps {
		k, ok := fm.key(n)
		if !ok {
			continue
		}
		m, ok := fm.meta[k].(map[string]any)
		if !ok {
			continue
		}
		for mk, mv := range m {
			if _, top := fm.key(strings.ToLower(mk)); top {
				continue
			}
			if merged == nil {
				merged = maps.Clone(fm.meta)
			}
			if _, ok := merged[mk]; !ok {
				merged[mk] = mv
			}
		}
	}
	if merged == nil {
		return fm
	}
	c := *fm
	c.meta, c.indexed, c.keys = merged, false, nil
	return &c
}

// readTerms reads the first present key of names as a list of terms: a
// string with commas is split on them; jekyll (splitTermsOnSpace) splits a
// plural key's string without commas on white space and keeps a singular
// key's whole. Tags lose a leading "#" (#go is go) and, eleventy
// (notTags), the collection names that are no tags.
func readTerms(fm *frontMatter, names []string, g *generator, tags bool) []string {
	for _, n := range names {
		k, ok := fm.key(n)
		if !ok || isEmptyValue(fm.meta[k]) {
			continue
		}
		v := fm.text(k, fm.meta[k])
		s, isText := v.(string)
		switch {
		case !isText || !g.splitTermsOnSpace:
			v = splitTerms(v)
		case singularTerms[n]:
		case strings.ContainsAny(s, ",，"):
			v = splitTerms(v)
		default:
			var items []any
			for _, f := range strings.Fields(s) {
				items = append(items, f)
			}
			v = items
		}
		list := stringList(v)
		if !tags {
			return list
		}
		out := list[:0]
		for _, t := range list {
			t = strings.TrimSpace(strings.TrimPrefix(t, "#"))
			if t != "" && !g.notTags[t] && !containsString(out, t) {
				out = append(out, t)
			}
		}
		if len(out) == 0 {
			return nil
		}
		return out
	}
	return nil
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
