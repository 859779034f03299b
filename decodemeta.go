package postextract

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"regexp"
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
