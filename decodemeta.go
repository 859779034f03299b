package postextract

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
	"go.yaml.in/yaml/v3"
)

// DecodeMeta decodes the post's front matter into v (a pointer, usually to
// a struct) with the front matter's own decoder and struct tags: YAML
// (go.yaml.in/yaml/v3, `yaml` tags), TOML (github.com/BurntSushi/toml,
// `toml` tags) or JSON (encoding/json, `json` tags).
//
// Values are shaped first as the Article reads them, so that a struct
// decodes every post whose Article reads: a scalar where v holds a slice
// is a one-item slice (tags: js), a tags or categories string with commas
// is split on , and ， (tags: fix.it, ghost; an empty one is no item), a
// list of lists where v holds a slice of scalars is flattened (Hexo's
// category paths), a date where v holds a time.Time is read by the
// Article's date rules, in the zone the post was parsed with (one they
// cannot read, or a flag like published: false, leaves the field zero, as
// the Article's Date is; its Warnings say why), and in TOML and JSON a
// number or a boolean where v holds a string is its text (YAML does that
// itself). A YAML key given twice is its last value, as the Article reads
// it. Keys are matched as the decoder matches them, and in any case where
// no field matches exactly (Title: for a field title).
//
// A post without front matter leaves v as it is and returns nil. v must
// be a non-nil pointer; anything else is an error. A value that still
// does not fit is an error of one line that names the format and the key:
// postextract: front matter (yaml): key "draft": ….
func (a *Article) DecodeMeta(v any) error {
	if rv := reflect.ValueOf(v); rv.Kind() != reflect.Pointer || rv.IsNil() {
		return fmt.Errorf("postextract: DecodeMeta: want a non-nil pointer, got %T", v)
	}
	raw := a.fmRaw
	if len(bytes.TrimSpace(raw)) == 0 {
		return nil
	}
	t := reflect.TypeOf(v)
	loc := a.loc
	if loc == nil {
		loc = time.UTC
	}
	f := &fitter{keys: map[int]string{}, dates: &Extractor{config: config{loc: loc}}}
	switch a.fmFormat {
	case "yaml":
		return f.decodeYAML(expandTabs(raw), v, t)
	case "toml":
		var m map[string]any
		if _, err := toml.Decode(string(raw), &m); err != nil {
			return metaError("toml", "", err)
		}
		if f.fitMap(m, t, "toml", true) {
			// The shaped map is written again for the decoder, which
			// alone knows how toml tags and TOML types meet v.
			var buf bytes.Buffer
			if err := toml.NewEncoder(&buf).Encode(m); err != nil {
				return metaError("toml", "", err)
			}
			raw = buf.Bytes()
		}
		_, err := toml.NewDecoder(bytes.NewReader(raw)).Decode(v)
		return tomlMetaError(err)
	case "json":
		if t := bytes.TrimSpace(raw); t[0] != '{' {
			raw = append(append([]byte("{"), raw...), '}') // Hexo's members without braces
		}
		d := json.NewDecoder(bytes.NewReader(raw))
		d.UseNumber() // numbers keep their digits, as the Article keeps them
		var m map[string]any
		if err := d.Decode(&m); err != nil {
			return metaError("json", "", err)
		}
		if f.fitMap(m, t, "json", true) {
			var err error
			if raw, err = json.Marshal(m); err != nil {
				return metaError("json", "", err)
			}
		}
		return jsonMetaError(json.Unmarshal(raw, v))
	}
	return nil
}

// fitter shapes front-matter values for the target's types (see
// DecodeMeta).
type fitter struct {
	keys  map[int]string // YAML: the key path on each line, for errors
	dates *Extractor     // reads dates as the Article does, in its zone
}

// timeType is the type that takes a date.
var timeType = reflect.TypeFor[time.Time]()

// decodeYAML decodes through yaml.v3's node tree, which is shaped in
// place: its positions stay those of the post, for the errors.
func (f *fitter) decodeYAML(raw []byte, v any, t reflect.Type) error {
	var doc yaml.Node
	if err := yaml.Unmarshal(raw, &doc); err != nil {
		return metaError("yaml", "", err)
	}
	if len(doc.Content) == 0 {
		return nil
	}
	f.fitNode(doc.Content[0], t, "", true)
	err := doc.Content[0].Decode(v)
	var te *yaml.TypeError
	if !errors.As(err, &te) || len(te.Errors) == 0 {
		return metaError("yaml", "", err)
	}
	// "line 3: cannot unmarshal …": the key is the last one at or above
	// the line, which in block style holds the value. The line, counted in
	// the front matter rather than the post, is left out.
	n, msg, ok := lineOf(te.Errors[0])
	key, best := "", 0
	for l, k := range f.keys {
		if ok && l <= n && l > best {
			key, best = k, l
		}
	}
	if len(te.Errors) > 1 {
		msg += fmt.Sprintf(" (and %d more)", len(te.Errors)-1)
	}
	return metaError("yaml", key, errors.New(msg))
}

// lineOf splits a yaml.v3 message "line N: …" into N and the rest.
func lineOf(msg string) (int, string, bool) {
	rest, ok := strings.CutPrefix(msg, "line ")
	if !ok {
		return 0, msg, false
	}
	num, rest, ok := strings.Cut(rest, ": ")
	n, err := strconv.Atoi(num)
	if !ok || err != nil {
		return 0, msg, false
	}
	return n, rest, true
}

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
		elem := deref(t.Elem())
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

// metaError is DecodeMeta's error: one line, naming the format and the
// key when it is known.
func metaError(format, key string, err error) error {
	if err == nil {
		return nil
	}
	msg := strings.Join(strings.Fields(err.Error()), " ")
	msg = strings.TrimPrefix(msg, format+": ")
	msg = strings.TrimPrefix(msg, "unmarshal errors: ")
	if key != "" {
		return fmt.Errorf("postextract: front matter (%s): key %q: %s", format, key, msg)
	}
	return fmt.Errorf("postextract: front matter (%s): %s", format, msg)
}

// tomlLastKey finds the key in BurntSushi/toml's messages, "toml: line 3
// (last key "draft"): …"; the line is left out: it may be that of the
// shaped front matter, written again.
var tomlLastKey = regexp.MustCompile(`^toml: (?:line \d+ )?\(last key "((?:[^"\\]|\\.)*)"\): `)

func tomlMetaError(err error) error {
	if err == nil {
		return nil
	}
	msg := err.Error()
	if m := tomlLastKey.FindStringSubmatch(msg); m != nil {
		return metaError("toml", m[1], errors.New(msg[len(m[0]):]))
	}
	return metaError("toml", "", err)
}

func jsonMetaError(err error) error {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) && te.Field != "" {
		return metaError("json", te.Field, fmt.Errorf("cannot read a JSON %s as %s", te.Value, te.Type))
	}
	return metaError("json", "", err)
}
