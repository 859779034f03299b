package postextract

import (
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// fitter shapes front-matter values for the target's types (see
// DecodeMeta).
type fitter struct {
	keys  map[int]string // YAML: the key path on each line, for errors
	dates *Extractor     // reads dates as the Article does, in its zone
}

// timeType is the type that takes a date.
var timeType = reflect.TypeFor[time.Time]()

// fitNode shapes the YAML value n for a target of type t (see DecodeMeta).
// key is n's key path, top whether n is the front matter itself; f.keys
// collects the line of every key met.
func (f *fitter) fitNode(n *yaml.Node, t reflect.Type, key string, top bool) {
	t = deref(t)
	if t == nil || n.Kind != yaml.MappingNode {
		return
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		path := joinKey(key, k.Value)
		if _, ok := f.keys[k.Line]; !ok {
			f.keys[k.Line] = path
		}
		ft, name := fieldType(t, k.Value, "yaml")
		if ft == nil {
			continue
		}
		k.Value = name // the field's own spelling, where only the case differs
		n.Content[i+1] = f.fitNodeValue(val, ft, name, path, top)
	}
	n.Content = lastOfEachKey(n.Content)
}

// lastOfEachKey keeps, of a mapping's key-value pairs, the last of each
// key: yaml.v3 refuses a key given twice, which the Article reads.
func lastOfEachKey(pairs []*yaml.Node) []*yaml.Node {
	last := map[string]int{}
	for i := 0; i+1 < len(pairs); i += 2 {
		if pairs[i].Kind == yaml.ScalarNode {
			last[pairs[i].Value] = i
		}
	}
	if len(last)*2 == len(pairs) {
		return pairs
	}
	out := pairs[:0:0]
	for i := 0; i+1 < len(pairs); i += 2 {
		if j, ok := last[pairs[i].Value]; !ok || j == i || pairs[i].Kind != yaml.ScalarNode {
			out = append(out, pairs[i], pairs[i+1])
		}
	}
	return out
}

// fitNodeValue returns val shaped for a target of type t.
func (f *fitter) fitNodeValue(val *yaml.Node, t reflect.Type, name, path string, top bool) *yaml.Node {
	t = deref(t)
	switch {
	case t == timeType:
		return f.dateNode(val)
	case !isSlice(t):
		f.fitNode(val, t, path, false)
		return val
	case val.Kind == yaml.ScalarNode && val.ShortTag() != "!!null":
		seq := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Line: val.Line, Column: val.Column}
		items, split := terms(name, val.Value, top)
		if !split {
			seq.Content = []*yaml.Node{val}
			return seq
		}
		for _, s := range items {
			item := *val
			item.Value, item.Tag, item.Style, item.Anchor = s, "!!str", 0, ""
			seq.Content = append(seq.Content, &item)
		}
		return seq
	case val.Kind == yaml.SequenceNode:
		elem := deref(t.Elem())
		if isScalar(elem) {
			val.Content = flattenNodes(val.Content, 0)
		}
		for i, item := range val.Content {
			val.Content[i] = f.fitNodeValue(item, elem, name, path, false)
		}
	}
	return val
}

// dateNode returns a YAML scalar read as a date by the Article's rules:
// a timestamp in RFC 3339, or null (the field stays zero) for a value
// they cannot read or a boolean flag. Any other node is left to the
// decoder.
func (f *fitter) dateNode(val *yaml.Node) *yaml.Node {
	if val.Kind == yaml.MappingNode {
		// MkDocs Material's date: {created, updated}: the date is its
		// created, as the Article reads it (defaultKeys' date.created).
		for i := len(val.Content) - 2; i >= 0; i -= 2 {
			if val.Content[i].Value == "created" {
				return f.dateNode(val.Content[i+1])
			}
		}
	}
	if val.Kind != yaml.ScalarNode {
		return val
	}
	var x any = val.Value
	switch val.ShortTag() {
	case "!!int":
		if n, err := strconv.ParseInt(val.Value, 0, 64); err == nil {
			x = n
		}
	case "!!float":
		if n, err := strconv.ParseFloat(val.Value, 64); err == nil {
			x = n
		}
	case "!!bool", "!!null":
		x = nil
	}
	out := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Line: val.Line, Column: val.Column}
	if t, _, ok := f.dates.parseDate(x); ok {
		out.Tag, out.Value = "!!timestamp", t.Format(time.RFC3339Nano)
	}
	return out
}

// flattenNodes flattens sequences in items, at most 8 deep, as the Article
// reads lists of lists.
func flattenNodes(items []*yaml.Node, depth int) []*yaml.Node {
	if !slices.ContainsFunc(items, func(n *yaml.Node) bool { return n.Kind == yaml.SequenceNode }) {
		return items
	}
	var out []*yaml.Node
	for _, n := range items {
		if n.Kind != yaml.SequenceNode {
			out = append(out, n)
		} else if depth < 8 {
			out = append(out, flattenNodes(n.Content, depth+1)...)
		}
	}
	return out
}

// fitMap shapes a decoded TOML or JSON mapping for a target of type t, in
// place, and reports whether anything changed. A value shaped to nil (a
// date the Article cannot read) is removed.
func (f *fitter) fitMap(m map[string]any, t reflect.Type, tag string, top bool) bool {
	t = deref(t)
	changed := false
	for k, x := range m {
		ft, _ := fieldType(t, k, tag)
		if ft == nil {
			continue
		}
		y, ok := f.fitAny(x, ft, k, tag, top)
		switch {
		case ok && y == nil:
			delete(m, k)
			changed = true
		case ok:
			m[k], changed = y, true
		}
	}
	return changed
}

// fitAny returns x shaped for a target of type t, and whether it changed.
func (f *fitter) fitAny(x any, t reflect.Type, name, tag string, top bool) (any, bool) {
	t = deref(t)
	if t == timeType {
		if _, ok := x.(time.Time); ok {
			return x, false // a TOML date, which its decoder reads
		}
		if d, _, ok := f.dates.parseDate(x); ok {
			return d, true
		}
		return nil, true
	}
	switch v := x.(type) {
	case nil:
		return x, false
	case map[string]any:
		return x, f.fitMap(v, t, tag, false)
	case []map[string]any: // TOML's array of tables
		if !isSlice(t) {
			return x, false
		}
		changed := false
		for _, m := range v {
			changed = f.fitMap(m, deref(t.Elem()), tag, false) || changed
		}
		return x, changed
	case []any:
		if !isSlice(t) {
			return x, false
		}
		return f.fitList(v, deref(t.Elem()), name, tag)
	}
	// A scalar.
	if isSlice(t) {
		items, split := terms(name, textOf(x), top)
		if !split {
			y, _ := f.fitAny(x, t.Elem(), name, tag, false)
			return []any{y}, true
		}
		out := make([]any, len(items))
		for i, s := range items {
			out[i] = s
		}
		return out, true
	}
	if _, isString := x.(string); t.Kind() == reflect.String && !isString {
		return textOf(x), true
	}
	return x, false
}

// fitList returns a TOML or JSON list shaped for a slice of elem, and
// whether it changed: flattened where elem is a scalar, each item shaped.
func (f *fitter) fitList(v []any, elem reflect.Type, name, tag string) (any, bool) {
	changed := false
	if isScalar(elem) && slices.ContainsFunc(v, func(y any) bool { _, ok := y.([]any); return ok }) {
		l := flatList{}
		l.add(v, 0)
		v, changed = make([]any, len(l.out)), true
		for i, s := range l.out {
			v[i] = s
		}
	}
	for i, y := range v {
		if z, ok := f.fitAny(y, elem, name, tag, false); ok {
			v[i], changed = z, true
		}
	}
	return v, changed
}

// terms splits a tags or categories value of the front matter's top level
// as the Article does (splitTerms), its items trimmed; split is false for
// any other value, and for one without commas. An empty string is no
// item.
func terms(name, s string, top bool) (items []string, split bool) {
	lower := strings.ToLower(name)
	if !top || !slices.Contains(defaultKeys.tag, lower) && !slices.Contains(defaultKeys.category, lower) {
		return nil, false
	}
	if strings.TrimSpace(s) == "" {
		return nil, true // tags: '', as medium-2-md writes: no tag
	}
	list, ok := splitTerms(s).([]any)
	if !ok {
		return nil, false
	}
	for _, x := range list {
		if s := strings.TrimSpace(x.(string)); s != "" {
			items = append(items, s)
		}
	}
	return items, true
}

// fieldType is the type that the value of key goes into in t, as the
// decoder of tag (yaml, toml, json) matches keys to fields: a map's
// element, or a struct field by its tag, else its name (lower-cased for
// yaml, in any case for toml and json), embedded and inline structs
// included; a field whose name matches key in another case when none
// matches exactly. It returns the type and the field's name (key itself
// for a map), or nil when nothing takes the key.
func fieldType(t reflect.Type, key, tag string) (reflect.Type, string) {
	t = deref(t)
	if t == nil {
		return nil, ""
	}
	switch t.Kind() {
	case reflect.Map:
		return t.Elem(), key
	case reflect.Struct:
	default:
		return nil, ""
	}
	var fold reflect.Type // a field whose name matches in another case
	foldName := ""
	for i := range t.NumField() {
		f := t.Field(i)
		name, opts, _ := strings.Cut(f.Tag.Get(tag), ",")
		if name == "-" && opts == "" || !f.IsExported() && !f.Anonymous {
			continue
		}
		inline := tag == "yaml" && strings.Contains(opts, "inline") || f.Anonymous && name == ""
		if inline {
			if ft, n := fieldType(f.Type, key, tag); ft != nil {
				return ft, n
			}
			continue
		}
		if name == "" {
			name = f.Name
			if tag == "yaml" {
				name = strings.ToLower(name)
			}
		}
		if name == key {
			return f.Type, name
		}
		if fold == nil && strings.EqualFold(name, key) {
			fold, foldName = f.Type, name
		}
	}
	return fold, foldName
}

func deref(t reflect.Type) reflect.Type {
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t
}

// isSlice reports whether t takes a list: a slice, but not []byte, which
// decoders read from a string.
func isSlice(t reflect.Type) bool {
	return t != nil && t.Kind() == reflect.Slice && t.Elem().Kind() != reflect.Uint8
}

// isScalar reports whether t takes one value rather than a list or a
// mapping (an interface takes anything: no).
func isScalar(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Slice, reflect.Array, reflect.Map, reflect.Struct, reflect.Interface:
		return false
	}
	return true
}

func joinKey(parent, key string) string {
	if parent == "" {
		return key
	}
	return parent + "." + key
}
