package postextract

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
	"go.yaml.in/yaml/v3"
)

// maxFrontMatter bounds the front matter we decode: real posts have a few
// hundred bytes, and a decoder fed megabytes of aliases or nesting is an
// attack, not a post.
const maxFrontMatter = 1 << 20

// fence is one front-matter delimiter style.
type fence struct {
	open   string
	closes []string
	format string
}

// fences lists the delimited front-matter styles, tried on the first
// non-blank line.
var fences = []fence{
	{"---", []string{"---", "..."}, "yaml"},
	{"+++", []string{"+++"}, "toml"},
	{";;;", []string{";;;"}, "json"}, // Hexo
}

// Front-matter keys, lower case, in order of preference.
var (
	titleKeys    = []string{"title"}
	authorKeys   = []string{"author", "authors"}
	categoryKeys = []string{"categories", "category"}
	tagKeys      = []string{"tags", "tag"}
	dateKeys     = []string{"date", "pubdate", "published", "publishdate"}
	updatedKeys  = []string{"updated", "lastmod", "modified"}
	coverKeys    = []string{"cover", "headimg", "thumbnail", "image", "banner",
		"featured_image", "top_img", "index_img"}
)

// frontMatter is the decoded front matter and where the body starts.
type frontMatter struct {
	format string
	meta   map[string]any
	body   []byte
}

// splitFrontMatter finds and decodes the front matter of src. Without front
// matter it returns a nil meta and src as the body.
func splitFrontMatter(src []byte) (frontMatter, error) {
	rest, line := src, 1
	for {
		ln, after, ok := bytes.Cut(rest, []byte{'\n'})
		if !ok || len(bytes.TrimSpace(ln)) != 0 {
			break
		}
		rest, line = after, line+1
	}
	first, after, _ := bytes.Cut(rest, []byte{'\n'})
	first = bytes.TrimRight(first, " \t\r")
	for _, f := range fences {
		if string(first) == f.open {
			return closeFence(after, line, f)
		}
	}
	if len(rest) > 0 && rest[0] == '{' {
		return jsonObject(rest, line)
	}
	// Hexo accepts front matter with no opening fence: "title: x\n---\nbody".
	if end, next, ok := findFence(src, []string{"---"}); ok && end > 0 && end <= maxFrontMatter && looksLikeKey(rest) {
		if meta, err := decodeYAML(src[:end]); err == nil && len(meta) > 0 {
			return frontMatter{format: "yaml", meta: meta, body: src[next:]}, nil
		}
	}
	return frontMatter{body: src}, nil
}

// looksLikeKey reports whether b starts with "name:", as the first line of
// a fence-less Hexo front matter does; it keeps HTML bodies that merely
// contain a "---" line from being read as YAML.
func looksLikeKey(b []byte) bool {
	i := 0
	for i < len(b) && (b[i] == '_' || b[i] == '-' || b[i] >= 'a' && b[i] <= 'z' ||
		b[i] >= 'A' && b[i] <= 'Z' || i > 0 && b[i] >= '0' && b[i] <= '9') {
		i++
	}
	return i > 0 && i < len(b) && b[i] == ':'
}

// findFence returns the offsets where the first line equal to one of
// closes starts and where the line after it starts.
func findFence(b []byte, closes []string) (start, next int, ok bool) {
	for off := 0; off < len(b); {
		ln := b[off:]
		n := bytes.IndexByte(ln, '\n')
		end := len(b)
		if n >= 0 {
			ln, end = ln[:n], off+n+1
		}
		ln = bytes.TrimRight(ln, " \t\r")
		for _, c := range closes {
			if string(ln) == c {
				return off, end, true
			}
		}
		off = end
	}
	return 0, 0, false
}

func closeFence(b []byte, openLine int, f fence) (frontMatter, error) {
	end, next, ok := findFence(b, f.closes)
	if !ok {
		return frontMatter{}, &FrontMatterError{Format: f.format, Line: openLine,
			Err: fmt.Errorf("%q opened but never closed", f.open)}
	}
	raw := b[:end]
	if len(raw) > maxFrontMatter {
		return frontMatter{}, &FrontMatterError{Format: f.format, Line: openLine,
			Err: fmt.Errorf("larger than %d bytes", maxFrontMatter)}
	}
	var meta map[string]any
	var err error
	switch f.format {
	case "yaml":
		meta, err = decodeYAML(raw)
	case "toml":
		meta, err = decodeTOML(raw)
	default:
		meta, err = decodeJSON(raw)
	}
	if err != nil {
		return frontMatter{}, newFrontMatterError(f.format, openLine, raw, err)
	}
	return frontMatter{format: f.format, meta: meta, body: b[next:]}, nil
}

// jsonObject reads a Hugo JSON front matter: one object at the top of the
// file, the body right after it.
func jsonObject(b []byte, line int) (frontMatter, error) {
	dec := json.NewDecoder(bytes.NewReader(b[:min(len(b), maxFrontMatter)]))
	var meta map[string]any
	if err := dec.Decode(&meta); err != nil {
		if len(b) > maxFrontMatter && errors.Is(err, io.ErrUnexpectedEOF) {
			return frontMatter{}, &FrontMatterError{Format: "json", Line: line,
				Err: fmt.Errorf("larger than %d bytes", maxFrontMatter)}
		}
		return frontMatter{}, newFrontMatterError("json", line-1, b, err)
	}
	return frontMatter{format: "json", meta: meta, body: b[dec.InputOffset():]}, nil
}

func decodeYAML(raw []byte) (map[string]any, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(raw, &doc); err != nil {
		return nil, err
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return map[string]any{}, nil
	}
	budget := maxYAMLValues
	v, err := yamlValue(doc.Content[0], &budget, 0)
	if err != nil {
		return nil, err
	}
	switch m := v.(type) {
	case nil:
		return map[string]any{}, nil
	case map[string]any:
		return m, nil
	}
	return nil, fmt.Errorf("line %d: not a mapping but a %s", doc.Content[0].Line, kindName(doc.Content[0]))
}

// maxYAMLValues bounds the values one front matter may expand to, aliases
// included, so that an alias bomb ("billion laughs") fails fast.
const maxYAMLValues = 10_000

// yamlValue converts a YAML node to Go values. Unlike yaml.Unmarshal into
// any, it keeps timestamps as written, so that a date without a zone is read
// in the Extractor's location rather than in UTC.
func yamlValue(n *yaml.Node, budget *int, depth int) (any, error) {
	*budget--
	if *budget < 0 {
		return nil, fmt.Errorf("line %d: more than %d values (alias bomb?)", n.Line, maxYAMLValues)
	}
	if depth > 100 {
		return nil, fmt.Errorf("line %d: nested too deep", n.Line)
	}
	switch n.Kind {
	case yaml.AliasNode:
		return yamlValue(n.Alias, budget, depth+1)
	case yaml.SequenceNode:
		out := make([]any, 0, len(n.Content))
		for _, c := range n.Content {
			v, err := yamlValue(c, budget, depth+1)
			if err != nil {
				return nil, err
			}
			out = append(out, v)
		}
		return out, nil
	case yaml.MappingNode:
		out := make(map[string]any, len(n.Content)/2)
		var merges []*yaml.Node
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if k.Kind == yaml.ScalarNode && k.ShortTag() == "!!merge" {
				merges = append(merges, v)
				continue
			}
			kv, err := yamlValue(k, budget, depth+1)
			if err != nil {
				return nil, err
			}
			vv, err := yamlValue(v, budget, depth+1)
			if err != nil {
				return nil, err
			}
			out[textOf(kv)] = vv
		}
		// Merged keys ("<<: *base") never override the mapping's own.
		for _, m := range merges {
			mv, err := yamlValue(m, budget, depth+1)
			if err != nil {
				return nil, err
			}
			maps, _ := mv.([]any)
			if len(maps) == 0 {
				maps = []any{mv}
			}
			for _, x := range maps {
				if mm, ok := x.(map[string]any); ok {
					for k, v := range mm {
						if _, ok := out[k]; !ok {
							out[k] = v
						}
					}
				}
			}
		}
		return out, nil
	case yaml.ScalarNode:
		return yamlScalar(n)
	}
	return nil, nil
}

// yamlScalar resolves a scalar the way yaml.v3 does, without a decoder for
// each value in the common cases; timestamps stay text (see yamlValue).
func yamlScalar(n *yaml.Node) (any, error) {
	switch n.ShortTag() {
	case "!!str", "!!timestamp":
		return n.Value, nil
	case "!!null":
		return nil, nil
	case "!!bool":
		switch n.Value {
		case "true", "True", "TRUE":
			return true, nil
		case "false", "False", "FALSE":
			return false, nil
		}
	case "!!int":
		if i, err := strconv.Atoi(n.Value); err == nil {
			return i, nil
		}
	case "!!float":
		if f, err := strconv.ParseFloat(n.Value, 64); err == nil {
			return f, nil
		}
	}
	var v any
	if err := n.Decode(&v); err != nil {
		return nil, err
	}
	return v, nil
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "list"
	case yaml.ScalarNode:
		return "scalar"
	}
	return "value"
}

func decodeTOML(raw []byte) (map[string]any, error) {
	meta := map[string]any{}
	if _, err := toml.NewDecoder(bytes.NewReader(raw)).Decode(&meta); err != nil {
		return nil, err
	}
	return meta, nil
}

func decodeJSON(raw []byte) (map[string]any, error) {
	if len(bytes.TrimSpace(raw)) == 0 {
		return map[string]any{}, nil
	}
	var meta map[string]any
	if err := json.Unmarshal(raw, &meta); err != nil {
		return nil, err
	}
	return meta, nil
}

// newFrontMatterError turns a decoder error into a FrontMatterError whose
// line counts from the start of the file. openLine is the line of the
// opening fence; the decoded text starts on the line after it.
func newFrontMatterError(format string, openLine int, raw []byte, err error) *FrontMatterError {
	fe := &FrontMatterError{Format: format, Line: openLine, Err: err}
	var pe toml.ParseError
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &pe):
		fe.Line, fe.Err = openLine+pe.Position.Line, errors.New(pe.Message)
	case errors.As(err, &se):
		fe.Line = openLine + 1 + bytes.Count(raw[:min(int(se.Offset), len(raw))], []byte{'\n'})
	case errors.As(err, &te):
		fe.Line = openLine + 1 + bytes.Count(raw[:min(int(te.Offset), len(raw))], []byte{'\n'})
	default:
		// yaml.v3 writes "yaml: line N: message" (or "line N:" inside a list).
		msg := err.Error()
		if i := strings.Index(msg, "line "); i >= 0 {
			rest := msg[i+5:]
			j := 0
			for j < len(rest) && rest[j] >= '0' && rest[j] <= '9' {
				j++
			}
			if n, cerr := strconv.Atoi(rest[:j]); cerr == nil {
				fe.Line = openLine + n
				msg = strings.TrimLeft(rest[j:], ": ")
			}
		}
		fe.Err = errors.New(strings.TrimPrefix(msg, "yaml: "))
	}
	return fe
}

// applyMeta fills the article's fields from decoded front matter.
func (e *Extractor) applyMeta(a *Article, meta map[string]any, w *walker) {
	if len(meta) == 0 {
		return
	}
	// Keys match case-insensitively; with two spellings of one key the
	// first in sorted order wins, so the result does not depend on map order.
	get := func(names []string) (string, any) {
		for _, n := range names {
			best, found := "", false
			for k := range meta {
				if strings.EqualFold(k, n) && (!found || k < best) {
					best, found = k, true
				}
			}
			if found {
				if v := meta[best]; !isEmptyValue(v) {
					return n, v
				}
			}
		}
		return "", nil
	}
	if _, v := get(titleKeys); v != nil {
		a.Title = strings.TrimSpace(textOf(v))
	}
	if _, v := get(authorKeys); v != nil {
		a.Author = strings.Join(stringList(v), ", ")
	}
	if _, v := get(categoryKeys); v != nil {
		a.Categories = stringList(v)
	}
	if _, v := get(tagKeys); v != nil {
		a.Tags = stringList(v)
	}
	if k, v := get(dateKeys); v != nil {
		a.Date = e.readDate(k, v, w)
	}
	if k, v := get(updatedKeys); v != nil {
		a.Updated = e.readDate(k, v, w)
	}
	if k, v := get(coverKeys); v != nil {
		raw := coverURL(v)
		if img, ok := w.resolveURL(raw); ok {
			a.Cover = &Image{URL: img}
			if img != strings.TrimSpace(raw) {
				a.Cover.Src = strings.TrimSpace(raw)
			}
		} else {
			w.warnf("%s: %q is not a usable image URL", k, raw)
		}
	}
	a.Meta = meta
	if !isJSONSafe(meta, 0) {
		a.Meta = jsonSafe(meta, 0).(map[string]any)
	}
}

func (e *Extractor) readDate(key string, v any, w *walker) time.Time {
	t, ok := e.parseDate(v)
	if !ok {
		w.warnf("%s: cannot read %q as a date", key, textOf(v))
	}
	return t
}

func isEmptyValue(v any) bool {
	switch x := v.(type) {
	case nil:
		return true
	case string:
		return strings.TrimSpace(x) == ""
	case []any:
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
		for _, k := range []string{"name", "title", "url"} {
			if s, ok := x[k]; ok {
				return textOf(s)
			}
		}
		return ""
	}
	return fmt.Sprint(v)
}

// stringList reads a scalar or a list (of lists, as Hexo writes several
// category paths) as a flat list without empty or repeated items.
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

// coverURL picks the URL out of a cover value: a string, or a map such as
// {image: …} or {url: …}.
func coverURL(v any) string {
	if m, ok := v.(map[string]any); ok {
		for _, k := range []string{"url", "src", "image", "path"} {
			if s, ok := m[k]; ok {
				return textOf(s)
			}
		}
		return ""
	}
	if l, ok := v.([]any); ok && len(l) > 0 {
		return coverURL(l[0])
	}
	return textOf(v)
}

// isJSONSafe reports whether encoding/json can write v as it is, so that
// the common case needs no copy.
func isJSONSafe(v any, depth int) bool {
	if depth > 64 {
		return false
	}
	switch x := v.(type) {
	case map[string]any:
		for _, v := range x {
			if !isJSONSafe(v, depth+1) {
				return false
			}
		}
	case []any:
		for _, v := range x {
			if !isJSONSafe(v, depth+1) {
				return false
			}
		}
	case []map[string]any:
		return false
	case float64:
		return !math.IsNaN(x) && !math.IsInf(x, 0)
	}
	return true
}

// jsonSafe returns v with every value made encodable by encoding/json:
// NaN and infinities (TOML and YAML have them) become text. Nesting past 64
// levels is cut.
func jsonSafe(v any, depth int) any {
	if depth > 64 {
		return nil
	}
	switch x := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, v := range x {
			out[k] = jsonSafe(v, depth+1)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, v := range x {
			out[i] = jsonSafe(v, depth+1)
		}
		return out
	case []map[string]any:
		out := make([]any, len(x))
		for i, v := range x {
			out[i] = jsonSafe(v, depth+1)
		}
		return out
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return strconv.FormatFloat(x, 'g', -1, 64)
		}
	}
	return v
}
