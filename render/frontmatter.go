package render

import (
	"bytes"
	"encoding"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/postextract/postextract"
	"go.yaml.in/yaml/v3"
)

// frontMatter writes the YAML front matter block of a.
func frontMatter(out *bytes.Buffer, a *postextract.Article, usedHTML bool) error {
	fm := fmWriter{doc: &yaml.Node{Kind: yaml.MappingNode}, written: map[string]bool{}}
	for _, f := range articleFields(a, usedHTML) {
		if f.set {
			if err := fm.add(f.key, f.v); err != nil {
				return err
			}
		}
	}
	keys := make([]string, 0, len(a.Meta))
	for k, v := range a.Meta {
		if !fm.written[strings.ToLower(k)] && !isCover(a, v) {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	written := writtenNodes(a)
	for _, k := range keys {
		var n *yaml.Node
		if w, ok := written[k]; ok {
			n = &w
		}
		if err := fm.add(k, asWritten(a.Meta[k], n, 0)); err != nil {
			return err
		}
	}
	out.WriteString("---\n")
	if len(fm.doc.Content) > 0 {
		enc := yaml.NewEncoder(out)
		enc.SetIndent(2)
		if err := enc.Encode(fm.doc); err != nil {
			return fmt.Errorf("render: front matter: %w", err)
		}
		enc.Close()
	}
	out.WriteString("---\n")
	return nil
}

// fmWriter builds the front matter's YAML mapping, and notes the keys it
// holds in lower case.
type fmWriter struct {
	doc     *yaml.Node
	written map[string]bool
}

// add appends key: v; a value YAML cannot encode is an error naming key.
func (fm *fmWriter) add(key string, v any) error {
	var val yaml.Node
	if err := val.Encode(yamlValue(v)); err != nil {
		return fmt.Errorf("render: front matter key %q: %w", key, err)
	}
	fm.doc.Content = append(fm.doc.Content, yamlString(key), &val)
	fm.written[strings.ToLower(key)] = true
	return nil
}

// fmField is one standard key of the front matter; set says whether the
// Article has it.
type fmField struct {
	key string
	v   any
	set bool
}

// articleFields are the standard keys, in order, from the Article's
// fields. The reader unescapes HTML in the text fields, as generators
// write them into pages: a literal entity is escaped to read back.
func articleFields(a *postextract.Article, usedHTML bool) []fmField {
	cover := ""
	if a.Cover != nil {
		cover = a.Cover.URL
	}
	fields := []fmField{
		{"title", unescapable(a.Title), a.Title != ""},
		{"date", a.Date, !a.Date.IsZero()},
		{"updated", a.Updated, !a.Updated.IsZero()},
		{"author", unescapable(a.Author), a.Author != ""},
		{"categories", unescapableList(a.Categories), len(a.Categories) > 0},
		{"tags", hashedTags(a.Tags), len(a.Tags) > 0},
		{"cover", cover, cover != ""},
		{"summary", unescapable(a.Summary), a.Summary != ""},
		{"url", a.URL, a.URL != ""},
		{"lang", a.Lang, a.Lang != ""},
		{"draft", a.Draft, a.Draft},
		{"generator", a.Generator, a.Generator != ""}, // whose conventions were read: they are applied below
	}
	hasMarkup := false
	for k := range a.Meta {
		hasMarkup = hasMarkup || strings.EqualFold(k, "markup")
	}
	if usedHTML || hasMarkup {
		fields = append(fields, fmField{"markup", "markdown", true})
	}
	return fields
}

// isCover reports whether a front-matter value is the cover's URL as
// written (headimg, thumbnail… behind an image proxy): the cover key says
// it, with the real URL.
func isCover(a *postextract.Article, v any) bool {
	s, ok := v.(string)
	return ok && a.Cover != nil && s != "" && (s == a.Cover.URL || s == a.Cover.Src)
}

// unescapable returns s as it must be written for a reader that unescapes
// HTML character references: unchanged unless it holds one.
func unescapable(s string) string {
	if strings.Contains(s, "&") && hasEntity(s) {
		s = strings.ReplaceAll(s, "&", "&amp;")
	}
	// The reader trims before it unescapes: white space at an edge (from
	// a reference such as &#10;) reads back only as a reference.
	core := strings.TrimSpace(s)
	if core == s {
		return s
	}
	lead, trail := s[:strings.Index(s, core)], s[strings.Index(s, core)+len(core):]
	if core == "" {
		lead, trail = s, ""
	}
	return spaceRefs(lead) + core + spaceRefs(trail)
}

// spaceRefs writes each character of s as a numeric character reference.
func spaceRefs(s string) string {
	var b strings.Builder
	for _, c := range s {
		b.WriteString("&#" + strconv.Itoa(int(c)) + ";")
	}
	return b.String()
}

// hashedTags is unescapableList for tags: a tag that starts with # gets
// one more, as the reader takes one off (#go is go, as Obsidian writes it).
func hashedTags(l []string) []string {
	out := unescapableList(l)
	for i, t := range out {
		if strings.HasPrefix(t, "#") {
			out[i] = "#" + t
		}
	}
	return out
}

func unescapableList(l []string) []string {
	out := make([]string, len(l))
	for i, s := range l {
		out[i] = unescapable(s)
	}
	return out
}

// hasEntity reports whether s holds something an HTML or CommonMark reader
// could take for a character reference: & followed by # or a letter, then
// name characters and a semicolon, or a legacy name without one.
func hasEntity(s string) bool {
	for i := strings.IndexByte(s, '&'); i >= 0; {
		if entityAt(s, i) {
			return true
		}
		j := strings.IndexByte(s[i+1:], '&')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return false
}

// entityAt reports whether the & at s[i] may start a character reference.
// HTML reads some names without a semicolon (&amp, &copy…), so any & before
// an ASCII letter or # counts.
func entityAt(s string, i int) bool {
	if i+1 >= len(s) {
		return false
	}
	c := s[i+1]
	return c == '#' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

// yamlString is s as a YAML scalar node, double-quoted when it holds a
// line break, a tab or another control, NEL, U+2028 or U+2029: in double
// quotes they are escapes, while yaml.v3's block scalars drop or refuse
// some of them (a leading newline, a CR).
func yamlString(s string) *yaml.Node {
	n := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}
	if strings.ContainsFunc(s, func(c rune) bool {
		return c < 0x20 || c == 0x7f || c == 0x85 || c == 0x2028 || c == 0x2029
	}) {
		n.Style = yaml.DoubleQuotedStyle
	}
	return n
}

// yamlValue makes a decoded front-matter value writable as YAML: times in
// RFC 3339, values that have a text form (TOML dates) as that text, and the
// same inside lists and maps.
func yamlValue(v any) any {
	switch v := v.(type) {
	case time.Time:
		return v // a YAML timestamp
	case string:
		return yamlString(v)
	case []string:
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = yamlString(x)
		}
		return out
	case json.Number:
		// A JSON number stays a number, as written (1.0 is not 1).
		// One that no int64 or float64 holds stays its digits, as text.
		tag := "!!int"
		_, err := strconv.ParseInt(string(v), 10, 64)
		if strings.ContainsAny(string(v), ".eE") {
			tag = "!!float"
			_, err = strconv.ParseFloat(string(v), 64)
		}
		if err != nil {
			return yamlString(string(v))
		}
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: string(v)}
	case encoding.TextMarshaler:
		if b, err := v.MarshalText(); err == nil {
			return string(b)
		}
		return fmt.Sprint(v)
	case []any:
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = yamlValue(x)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, x := range v {
			out[k] = yamlValue(x)
		}
		return out
	}
	return v
}

// writtenNodes returns the front matter's top-level values as YAML nodes,
// for the text its numbers were written with (Meta holds what they
// decode to: 1.10 is 1.1), or nil when Meta holds no number or the front
// matter is not YAML.
func writtenNodes(a *postextract.Article) map[string]yaml.Node {
	if !hasNumber(a.Meta, 0) {
		return nil
	}
	var nodes map[string]yaml.Node
	if a.DecodeMeta(&nodes) != nil {
		return nil
	}
	return nodes
}

// hasNumber reports whether v holds a number that YAML decoded.
func hasNumber(v any, depth int) bool {
	switch x := v.(type) {
	case float64, int, int64, uint64:
		return true
	case []any:
		return depth < 64 && slices.ContainsFunc(x, func(e any) bool { return hasNumber(e, depth+1) })
	case map[string]any:
		for _, e := range x {
			if depth < 64 && hasNumber(e, depth+1) {
				return true
			}
		}
	}
	return false
}

// asWritten is yamlValue(v), but a number whose node n (its front matter
// as written) reads back to the same value is written as it was written:
// version: 1.10 stays 1.10, not 1.1, and 1.0 stays a float. In lists and
// maps too, where n has the same shape.
func asWritten(v any, n *yaml.Node, depth int) any {
	if n == nil || depth > 64 {
		return yamlValue(v)
	}
	switch x := v.(type) {
	case float64, int, int64, uint64:
		if tag := n.ShortTag(); n.Kind == yaml.ScalarNode && (tag == "!!float" || tag == "!!int") {
			back := reflect.New(reflect.TypeOf(v))
			if n.Decode(back.Interface()) == nil && back.Elem().Interface() == v {
				return &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: n.Value}
			}
		}
	case []any:
		if n.Kind == yaml.SequenceNode && len(n.Content) == len(x) {
			out := make([]any, len(x))
			for i, e := range x {
				out[i] = asWritten(e, n.Content[i], depth+1)
			}
			return out
		}
	case map[string]any:
		if n.Kind == yaml.MappingNode {
			values := make(map[string]*yaml.Node, len(n.Content)/2)
			for i := 0; i+1 < len(n.Content); i += 2 {
				values[n.Content[i].Value] = n.Content[i+1]
			}
			out := make(map[string]any, len(x))
			for k, e := range x {
				out[k] = asWritten(e, values[k], depth+1)
			}
			return out
		}
	}
	return yamlValue(v)
}
