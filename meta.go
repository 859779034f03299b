package postextract

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
)

// fieldKeys names the front-matter keys of each field the Article reads
// from them, lower case, in order of preference: the first key present
// gives the field (for dates and covers, the first that reads). It is a
// table so that a generator whose keys differ can have one of its own.
type fieldKeys struct {
	title, author, category, tag []string
	date, updated                []string // dates: the first that reads
	cover                        []string // the first usable image URL
	summary, url, lang           []string // text: the first present
}

// defaultKeys are the keys of Hugo, Hexo, Jekyll, Ghost, WordPress and
// feed-to-blog pipelines' front matter.
var defaultKeys = fieldKeys{
	title:    []string{"title"},
	author:   []string{"author", "authors"},
	category: []string{"categories", "category"},
	tag:      []string{"tags", "tag"},
	// A dotted key names a key of a map: MkDocs Material's date:
	// {created, updated}, Docusaurus's last_update: {date}.
	date: []string{"date", "pubdate", "published", "publishdate", "date_published",
		"published_at", "created", "created_at", "pubdatetime", "date.created"},
	updated: []string{"updated", "lastmod", "modified", "date_updated", "updated_at",
		"last_modified_at", "modified_date", "date_modified", "lastupdated",
		"moddatetime", "updateddate", "last_update.date", "date.updated", "update"},
	cover: []string{"cover", "headimg", "thumbnail", "image", "banner",
		"featured_image", "feature_image", "top_img", "index_img", "og_image",
		"featuredimage", "images", "photos"},
	summary: []string{"summary", "description", "excerpt", "custom_excerpt"},
	url:     []string{"url", "link", "source", "original_url", "from_url", "canonical_url", "permalink"},
	lang:    []string{"lang", "language", "locale"},
}

// authorNameKeys give the name of an author written as a map, in order.
var authorNameKeys = []string{"name", "nick", "display_name", "username"}

// coverMapKeys give the URL of a cover written as a map, in order.
var coverMapKeys = []string{"path", "url", "src"}

// postURL returns the post's own URL as written, and parsed, from the first
// URL key that holds an http(s) URL; "" and nil when none does.
func postURL(fm *frontMatter, keys *fieldKeys) (string, *url.URL) {
	for _, n := range keys.url {
		if k, ok := fm.key(n); ok {
			if s, ok := fm.text(k, fm.meta[k]).(string); ok {
				if u, ok := httpURL(strings.TrimSpace(s)); ok {
					return strings.TrimSpace(s), u
				}
			}
		}
	}
	return "", nil
}

// applyMeta fills the article's fields from decoded front matter, by the
// Extractor's key table; rb resolves the cover's URL.
func (e *Extractor) applyMeta(a *Article, fm *frontMatter, rb *resolver) {
	keys := e.keys
	a.fmFormat, a.fmRaw, a.loc = fm.format, bytes.Clone(fm.raw), e.loc // not the caller's buffer
	// Article.Meta is the front matter as written, even where liftNested
	// reads nested keys as top-level ones.
	meta := fm.meta
	defer useFolderCategory(a, rb.post)
	if len(meta) == 0 {
		return
	}
	fm = liftNested(fm)
	// textOfKey returns the first present key of names as text fields read it.
	textOfKey := func(names []string) any {
		for _, n := range names {
			if k, ok := fm.key(n); ok && !isEmptyValue(fm.meta[k]) {
				return fm.text(k, fm.meta[k])
			}
		}
		return nil
	}
	if v := textOfKey(keys.title); v != nil {
		a.Title = html.UnescapeString(strings.TrimSpace(textOf(v)))
	}
	if v := textOfKey(keys.summary); v != nil {
		a.Summary = html.UnescapeString(strings.TrimSpace(textOf(v)))
	}
	if v := textOfKey(keys.lang); v != nil {
		a.Lang = strings.TrimSpace(textOf(v))
	}
	a.Draft = isDraft(fm)
	if v := textOfKey(keys.author); v != nil {
		a.Author = strings.Join(stringList(v), ", ")
	}
	g := noGenerator
	if rb.post != nil && rb.post.gen != nil {
		g = rb.post.gen
	}
	a.Categories = readTerms(fm, keys.category, g, false)
	a.Tags = readTerms(fm, keys.tag, g, true)
	a.Date = e.firstDate(fm, keys.date, rb.rep)
	a.Updated = e.firstDate(fm, keys.updated, rb.rep)
	a.Cover = firstCover(fm, keys.cover, rb)
	a.Meta = meta
	if !isJSONSafe(meta, 0) {
		a.Meta = jsonSafe(meta, 0).(map[string]any)
	}
}

// isDraft reads draft: true (or the string "true" or yes: Quartz,
// blogdown), published: false (Hugo's and Ghost's flag), or Pelican's
// Status: draft.
func isDraft(fm *frontMatter) bool {
	meta := fm.meta
	if k, ok := fm.key("draft"); ok {
		s := strings.TrimSpace(textOf(meta[k]))
		if b, ok := meta[k].(bool); ok && b || strings.EqualFold(s, "true") || strings.EqualFold(s, "yes") {
			return true
		}
	}
	if k, ok := fm.key("status"); ok && fm.pelican {
		if strings.EqualFold(strings.TrimSpace(textOf(meta[k])), "draft") {
			return true
		}
	}
	if k, ok := fm.key("published"); ok {
		if b, ok := meta[k].(bool); ok && !b {
			return true
		}
	}
	return false
}

// key returns the front-matter key that is name (lower case) in any case;
// of two spellings of one key, the first in sorted order. Front matter
// whose keys are all lower case, as nearly all is, is looked up as it is;
// other front matter gets an index by lower case at the first call.
func (fm *frontMatter) key(name string) (string, bool) {
	if !fm.indexed {
		fm.indexed = true
		fm.keys = lowerIndex(fm.meta)
	}
	if fm.keys == nil {
		_, ok := fm.meta[name]
		return name, ok
	}
	k, ok := fm.keys[name]
	return k, ok
}

// lowerIndex maps the lower case of meta's keys to the keys, the first in
// sorted order of two spellings; nil when every key is lower case.
func lowerIndex(meta map[string]any) map[string]string {
	var index map[string]string
	for k := range meta {
		if strings.ToLower(k) != k {
			index = make(map[string]string, len(meta))
			break
		}
	}
	if index == nil {
		return nil
	}
	for k := range meta {
		low := strings.ToLower(k)
		if have, ok := index[low]; !ok || k < have {
			index[low] = k
		}
	}
	return index
}

// metaKey returns the key of meta that is name in any case; with two
// spellings of one key, the first in sorted order, so that the result does
// not depend on map order.
func metaKey(meta map[string]any, name string) (string, bool) {
	if _, ok := meta[name]; ok {
		return name, true
	}
	best, found := "", false
	for k := range meta {
		if strings.EqualFold(k, name) && (!found || k < best) {
			best, found = k, true
		}
	}
	return best, found
}

// firstPresent returns the value of the first of names, in any case, that
// m has and that is not empty.
func firstPresent(m map[string]any, names []string) (any, bool) {
	for _, n := range names {
		if k, ok := metaKey(m, n); ok && !isEmptyValue(m[k]) {
			return m[k], true
		}
	}
	return nil, false
}

// firstDate reads the first key of keys whose value is a date. An
// unreadable one is warned about and the next is tried; a boolean (Hugo's
// published: false) is a flag, not a date.
func (e *Extractor) firstDate(fm *frontMatter, keys []string, rep *report) time.Time {
	for _, n := range keys {
		k, v, ok := dateValue(fm, n)
		if !ok || isEmptyValue(v) {
			continue
		}
		if _, flag := v.(bool); flag {
			continue
		}
		if _, nested := v.(map[string]any); nested && hasDotted(keys, n) {
			continue // read by its dotted keys
		}
		t, note, ok := e.parseDate(v)
		if !ok {
			rep.warnf(WarnDate, k, "%s: cannot read %q as a date", k, textOf(v))
			continue
		}
		if note != "" {
			rep.warnf(WarnDate, k, "%s: %s", k, note)
		}
		return t
	}
	return time.Time{}
}

// firstCover reads the first cover key that gives a usable image URL; a
// placeholder, false or an unsafe scheme is warned about and the next key
// tried.
func firstCover(fm *frontMatter, keys []string, rb *resolver) *Image {
	for _, n := range keys {
		k, ok := fm.key(n)
		if !ok || isEmptyValue(fm.meta[k]) {
			continue
		}
		if _, flag := fm.meta[k].(bool); flag {
			continue // cover: false, a theme idiom
		}
		raw := strings.TrimSpace(coverURL(fm.meta[k]))
		if raw == "" {
			continue
		}
		if u, ok := rb.resolve(raw); ok {
			img := &Image{URL: u}
			if u != raw {
				img.Src = raw
			}
			return img
		}
		rb.rep.warnf(WarnCover, k, "%s: %q is not a usable image URL", k, raw)
	}
	return nil
}

func isEmptyValue(v any) bool {
	switch x := v.(type) {
	case nil:
		return true
	case string:
		return strings.TrimSpace(x) == ""
	case []any:
		return len(x) == 0
	case map[string]any:
		return len(x) == 0
	case []map[string]any:
		return len(x) == 0
	}
	return false
}

// textOf renders a scalar front-matter value as text: numbers and booleans
// used as text (title: 2048) become their text.
func textOf(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case bool:
		return strconv.FormatBool(x)
	case int:
		return strconv.Itoa(x)
	case int64:
		return strconv.FormatInt(x, 10)
	case uint64:
		return strconv.FormatUint(x, 10)
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case json.Number:
		return x.String()
	case time.Time:
		return x.Format(time.RFC3339)
	case map[string]any:
		// Hugo and others write authors as {name: …}.
		if v, ok := firstPresent(x, authorNameKeys); ok {
			return textOf(v)
		}
		return ""
	case []any:
		return ""
	}
	return fmt.Sprint(v)
}

// splitTerms reads a tags or categories string with commas ("go, web", as
// Ghost exports write) as a list; without commas it is one item.
func splitTerms(v any) any {
	s, ok := v.(string)
	if !ok || !strings.ContainsAny(s, ",，") {
		return v
	}
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '，' })
	out := make([]any, len(parts))
	for i, p := range parts {
		out[i] = p
	}
	return out
}

// stringList reads a scalar or a list (of lists, as Hexo writes several
// category paths) as a flat list without empty or repeated items, HTML
// entities decoded.
func stringList(v any) []string {
	l := flatList{out: make([]string, 0, 4)}
	l.add(v, 0)
	if len(l.out) == 0 {
		return nil
	}
	return l.out
}

// flatList collects the items of a front-matter list without empty or
// repeated items.
type flatList struct {
	out  []string
	seen map[string]bool // only for long lists; short ones are scanned
}

func (l *flatList) add(v any, depth int) {
	if items, ok := v.([]any); ok {
		if depth < 8 {
			for _, x := range items {
				l.add(x, depth+1)
			}
		}
		return
	}
	s := strings.TrimSpace(textOf(v))
	if strings.IndexByte(s, '&') >= 0 {
		s = html.UnescapeString(s)
	}
	if s == "" {
		return
	}
	if len(l.out) == 16 && l.seen == nil {
		l.seen = make(map[string]bool, 32)
		for _, x := range l.out {
			l.seen[x] = true
		}
	}
	if l.seen != nil {
		if l.seen[s] {
			return
		}
		l.seen[s] = true
	} else if slices.Contains(l.out, s) {
		return
	}
	l.out = append(l.out, s)
}

// coverURL picks the URL out of a cover value: a string, the first present
// item of a list, or a map's path, url or src. A boolean or a number is no
// URL.
func coverURL(v any) string {
	switch x := v.(type) {
	case map[string]any:
		if v, ok := firstPresent(x, coverMapKeys); ok {
			return coverURL(v)
		}
		return ""
	case []any:
		for _, item := range x {
			if !isEmptyValue(item) {
				return coverURL(item)
			}
		}
		return ""
	case []map[string]any: // TOML's [[images]]
		for _, item := range x {
			if len(item) > 0 {
				return coverURL(item)
			}
		}
		return ""
	case string:
		return x
	}
	return ""
}
