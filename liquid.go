package postextract

import (
	"strings"
)

// urlFilters are the Liquid filters whose output of a string literal reads
// as the literal path ({{ "/a.png" | relative_url }}; jekyll).
var urlFilters = map[string]bool{"relative_url": true, "absolute_url": true}

// output reads a Liquid or Nunjucks output tag, {{ … }}: a string literal
// through a URL filter is its path; a site variable is its value in the
// site's _config.yml (jekyll, read from files) or nothing; ok is false for
// any other, which is text.
func (x *expander) output(t *shortcode) (s string, ok bool) {
	inner := strings.TrimSpace(t.src[2 : len(t.src)-2])
	inner = strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(inner, "-"), "-"))
	if lit, rest, ok := liquidString(inner); ok && x.gen().liquidURLs {
		name, _, _ := strings.Cut(strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(rest), "|")), "|")
		name, _, _ = strings.Cut(strings.TrimSpace(name), ":")
		if strings.HasPrefix(strings.TrimSpace(rest), "|") && urlFilters[strings.TrimSpace(name)] {
			return lit, true
		}
		return "", false
	}
	if !siteVarRE.MatchString(inner) {
		return "", false
	}
	return x.siteValue(inner), true
}

// liquidString reads a quoted string literal at the start of s and what
// follows it.
func liquidString(s string) (lit, rest string, ok bool) {
	if s == "" || s[0] != '"' && s[0] != '\'' {
		return "", "", false
	}
	k := strings.IndexByte(s[1:], s[0])
	if k < 0 {
		return "", "", false
	}
	return s[1 : 1+k], s[2+k:], true
}

// siteValue is jekyll's {{ site.X }} (filters after it are not applied):
// the value of X, a dotted path, in the site's _config.yml when the post
// was read from files and the file names it as a string or a number; else
// nothing.
func (x *expander) siteValue(expr string) string {
	if !x.gen().siteVars || x.post.site == nil {
		return ""
	}
	head, _, _ := strings.Cut(expr, "|")
	key, ok := strings.CutPrefix(strings.TrimSpace(head), "site.")
	if !ok {
		return ""
	}
	var v any = x.post.site.config
	for part := range strings.SplitSeq(key, ".") {
		m, ok := v.(map[string]any)
		if !ok {
			return ""
		}
		v = m[part]
	}
	switch v.(type) {
	case map[string]any, []any:
		return "" // a table or a list is no value to write
	}
	return textOf(v)
}

// gen is the post's generator row: noGenerator for a post without one.
func (x *expander) gen() *generator {
	if x.post == nil || x.post.gen == nil {
		return noGenerator
	}
	return x.post.gen
}
