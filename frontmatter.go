package postextract

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
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

// fence is one front-matter delimiter: the line that opened it, the lines
// that may close it, and the format between.
type fence struct {
	open   string
	closes []string
	format string
}

// openFence reports whether line opens front matter: a run of three or more
// "-" (YAML) or ";" (Hexo's JSON), or "+++" (TOML). A run closes only with
// the same run, as hexo-front-matter reads it; "---" also with "...".
func openFence(line []byte) (fence, bool) {
	s := string(line)
	switch {
	case s == "+++":
		return fence{s, []string{s}, "toml"}, true
	case s == "---":
		return fence{s, []string{s, "..."}, "yaml"}, true
	case isRun(line, '-'):
		return fence{s, []string{s}, "yaml"}, true
	case isRun(line, ';'):
		return fence{s, []string{s}, "json"}, true
	}
	return fence{}, false
}

// isRun reports whether b is three or more c and nothing else.
func isRun(b []byte, c byte) bool {
	if len(b) < 3 {
		return false
	}
	for _, x := range b {
		if x != c {
			return false
		}
	}
	return true
}

// frontMatter is the decoded front matter and where the body starts.
type frontMatter struct {
	format  string
	raw     []byte // the front matter as written, between its fences
	meta    map[string]any
	yaml    *yaml.Node        // the YAML mapping, for the text of a value as written
	texts   map[string]any    // or, from the fast path, the values whose text is not their value
	keys    map[string]string // the keys by lower case, when any is not (meta.go)
	indexed bool              // keys is made
	pelican bool              // read from a Pelican header: Key: value lines with no fences
	body    []byte
}

// text returns the value of key as text fields read it. In YAML that is
// every scalar as written (title: 1.0 is "1.0", not the number 1); in the
// other formats the decoded value, whose numbers keep their written form.
func (fm *frontMatter) text(key string, typed any) any {
	if fm.texts != nil {
		if v, ok := fm.texts[key]; ok {
			return v
		}
		return typed
	}
	if fm.yaml == nil {
		return typed
	}
	c := fm.yaml.Content
	for i := len(c) - 2; i >= 0; i -= 2 { // the last of duplicate keys wins
		if c[i].Kind == yaml.ScalarNode && c[i].Value == key {
			conv := yamlConv{budget: maxYAMLValues, text: true}
			if v, err := conv.value(c[i+1], 0); err == nil {
				return v
			}
			break
		}
	}
	return typed
}

// splitFrontMatter finds and decodes the front matter of src. Without front
// matter it returns a nil meta and src as the body.
func splitFrontMatter(src []byte, rep *report) (frontMatter, error) {
	rest, line := src, 1
	for {
		ln, after, ok := bytes.Cut(rest, []byte{'\n'})
		if !ok || len(bytes.TrimSpace(ln)) != 0 {
			break
		}
		rest, line = after, line+1
	}
	first, after, _ := bytes.Cut(rest, []byte{'\n'})
	if f, ok := openFence(bytes.TrimRight(first, " \t\r")); ok {
		return closeFence(src, after, line, f, rep)
	}
	if fm, ok := pelicanHeader(rest); ok {
		return fm, nil
	}
	if jsonObjectStart(rest) {
		return jsonObject(rest, line, rep) // Hugo
	}
	return bareFrontMatter(src, rest, line, rep), nil
}

// bareFrontMatter reads Hexo's front matter without an opening fence: the
// text before the first line of three or more "-" (YAML) or ";" (JSON),
// when it decodes as a mapping. Its first line must look like a key, so
// that an HTML body that merely holds such a line is not read as YAML.
func bareFrontMatter(src, rest []byte, line int, rep *report) frontMatter {
	end, next, ok := findLine(rest, func(ln []byte) bool { return isRun(ln, '-') || isRun(ln, ';') })
	if !ok || end == 0 || end > maxFrontMatter {
		return frontMatter{body: src}
	}
	part := rest[:end]
	var fm frontMatter
	var err error
	if rest[end] == '-' {
		if !looksLikeKey(part) {
			return frontMatter{body: src}
		}
		fm, err = decodeYAMLBlock(part, line, true, rep)
	} else {
		// Hexo reads "{" + text + "}": the members may be indented.
		if t := bytes.TrimLeft(part, " \t\r\n"); len(t) == 0 || t[0] != '"' && t[0] != '{' {
			return frontMatter{body: src}
		}
		fm, err = decodeHexoJSON(part, rep)
	}
	if err != nil || len(fm.meta) == 0 {
		return frontMatter{body: src}
	}
	fm.body = rest[next:]
	if fm.raw == nil { // else the text the decoder read (yamlescape.go)
		fm.raw = part
	}
	if rest[end] == '-' {
		fm.format = "yaml"
	} else {
		fm.format = "json"
	}
	return fm
}

// looksLikeKey reports whether b starts with "name:", as the first line of
// a fence-less Hexo front matter does.
func looksLikeKey(b []byte) bool {
	i := 0
	for i < len(b) && (b[i] == '_' || b[i] == '-' || b[i] >= 'a' && b[i] <= 'z' ||
		b[i] >= 'A' && b[i] <= 'Z' || i > 0 && b[i] >= '0' && b[i] <= '9') {
		i++
	}
	return i > 0 && i < len(b) && b[i] == ':'
}

// findLine returns the offsets where the first line (trailing blanks and
// CR aside) for which match is true starts, and where the line after it
// starts.
func findLine(b []byte, match func([]byte) bool) (start, next int, ok bool) {
	for off := 0; off < len(b); {
		ln := b[off:]
		n := bytes.IndexByte(ln, '\n')
		end := len(b)
		if n >= 0 {
			ln, end = ln[:n], off+n+1
		}
		if match(bytes.TrimRight(ln, " \t\r")) {
			return off, end, true
		}
		off = end
	}
	return 0, 0, false
}

func closeFence(src, b []byte, openLine int, f fence, rep *report) (frontMatter, error) {
	end, next, ok := findLine(b, func(ln []byte) bool {
		for _, c := range f.closes {
			if string(ln) == c {
				return true
			}
		}
		return false
	})
	if !ok {
		if len(f.open) > 3 {
			// A longer run that nothing closes, or an unbalanced pair
			// ("------" … "---"): hexo-front-matter sees no front matter.
			return frontMatter{body: src}, nil
		}
		return frontMatter{}, &FrontMatterError{Format: f.format, Line: openLine,
			Err: fmt.Errorf("%q opened but never closed", f.open)}
	}
	raw := b[:end]
	if len(raw) > maxFrontMatter {
		return frontMatter{}, &FrontMatterError{Format: f.format, Line: openLine,
			Err: fmt.Errorf("larger than %d bytes", maxFrontMatter)}
	}
	var fm frontMatter
	var err error
	switch f.format {
	case "yaml":
		fm, err = decodeYAMLBlock(raw, openLine+1, false, rep)
	case "toml":
		fm.meta, err = decodeTOML(raw)
	default:
		fm, err = decodeHexoJSON(raw, rep)
	}
	if err != nil {
		return frontMatter{}, newFrontMatterError(f.format, openLine, raw, err)
	}
	fm.format, fm.body = f.format, b[next:]
	if fm.raw == nil { // else the text the decoder read (yamlescape.go)
		fm.raw = raw
	}
	return fm, nil
}

// jsonObjectStart reports whether a body starts with a JSON object: "{",
// then blanks, then a member's quoted name or the object's end. A
// shortcode ({{< x >}}, {% x %}) or a kramdown extension ({::options /})
// that opens a body never is one.
func jsonObjectStart(b []byte) bool {
	if len(b) == 0 || b[0] != '{' {
		return false
	}
	rest := bytes.TrimLeft(b[1:], " \t\r\n")
	return len(rest) > 0 && (rest[0] == '"' || rest[0] == '}')
}

// jsonObject reads a Hugo JSON front matter: one object at the top of the
// file, the body on the line after it (a Hexo-style ";;;" line there closes
// it too).
func jsonObject(b []byte, line int, rep *report) (frontMatter, error) {
	dec := json.NewDecoder(bytes.NewReader(b[:min(len(b), maxFrontMatter)]))
	meta, err := decodeJSONObject(dec, rep)
	if err != nil {
		if len(b) > maxFrontMatter && errors.Is(err, io.ErrUnexpectedEOF) {
			return frontMatter{}, &FrontMatterError{Format: "json", Line: line,
				Err: fmt.Errorf("larger than %d bytes", maxFrontMatter)}
		}
		return frontMatter{}, newFrontMatterError("json", line-1, b, err)
	}
	raw := b[:dec.InputOffset()]
	warnLone(rep, loneJSONSurrogates(raw))
	body := b[dec.InputOffset():]
	if tail, after, ok := bytes.Cut(body, []byte{'\n'}); ok && len(bytes.TrimSpace(tail)) == 0 {
		body = after
		if ln, after, _ := bytes.Cut(body, []byte{'\n'}); string(bytes.TrimSpace(ln)) == ";;;" {
			body = after
		}
	}
	return frontMatter{format: "json", meta: meta, body: body, raw: raw}, nil
}

// decodeHexoJSON reads Hexo's JSON front matter: the members of an object
// without its braces, as Hexo writes it (braces written anyway are
// accepted).
func decodeHexoJSON(raw []byte, rep *report) (frontMatter, error) {
	t := bytes.TrimSpace(raw)
	if len(t) == 0 {
		return frontMatter{meta: map[string]any{}}, nil
	}
	var r io.Reader = bytes.NewReader(raw)
	if t[0] != '{' {
		r = io.MultiReader(strings.NewReader("{"), r, strings.NewReader("}"))
	}
	dec := json.NewDecoder(r)
	meta, err := decodeJSONObject(dec, rep)
	if err != nil {
		return frontMatter{}, err
	}
	if dec.More() {
		return frontMatter{}, errors.New("text after the object")
	}
	warnLone(rep, loneJSONSurrogates(raw))
	return frontMatter{meta: meta}, nil
}

// decodeJSONObject reads one JSON object, numbers as written (json.Number:
// 1234567890123456789 keeps its digits), the last of duplicate keys winning
// with a warning.
func decodeJSONObject(dec *json.Decoder, rep *report) (map[string]any, error) {
	dec.UseNumber()
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return nil, fmt.Errorf("not a mapping but %v", tok)
	}
	meta := map[string]any{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, err
		}
		key, _ := tok.(string)
		var v any
		if err := dec.Decode(&v); err != nil {
			return nil, err
		}
		if _, dup := meta[key]; dup {
			rep.warnf(WarnFrontMatter, key, "front matter: key %q appears more than once; the last is used", key)
		}
		meta[key] = v
	}
	if _, err := dec.Token(); err != nil {
		return nil, err
	}
	return meta, nil
}

func decodeTOML(raw []byte) (map[string]any, error) {
	if tomlDepth(raw) > maxTOMLDepth {
		// The decoder's cost grows with the square of the nesting: 30 KB of
		// {x={x=… would take seconds and gigabytes.
		return nil, fmt.Errorf("arrays and inline tables nested deeper than %d", maxTOMLDepth)
	}
	meta := map[string]any{}
	if _, err := toml.NewDecoder(bytes.NewReader(raw)).Decode(&meta); err != nil {
		return nil, err
	}
	localTimes(meta, 0)
	return meta, nil
}

// tomlLocal are the layouts of TOML's times without an offset, by the name
// of the location the decoder gives them.
var tomlLocal = map[string]string{
	"datetime-local": "2006-01-02T15:04:05.999999999",
	"date-local":     "2006-01-02",
	"time-local":     "15:04:05.999999999",
}

// localTimes writes TOML's local date-times, dates and times back as text:
// they name no instant, and Meta keeps them as written (a date key reads
// them in the Extractor's location).
func localTimes(v any, depth int) any {
	if depth > 64 {
		return v
	}
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			x[k] = localTimes(e, depth+1)
		}
	case []any:
		for i, e := range x {
			x[i] = localTimes(e, depth+1)
		}
	case []map[string]any:
		for _, m := range x {
			localTimes(m, depth+1)
		}
	case time.Time:
		if layout, ok := tomlLocal[x.Location().String()]; ok {
			return x.Format(layout)
		}
	}
	return v
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

// maxTOMLDepth bounds the nesting of TOML's arrays and inline tables that
// is decoded; front matter nests a few levels.
const maxTOMLDepth = 64

// tomlDepth returns how deep the arrays and inline tables of raw nest,
// outside strings and comments; a [table] header line counts one.
func tomlDepth(raw []byte) int {
	depth, deepest := 0, 0
	var quote byte // the open string's quote, or 0
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		switch {
		case quote != 0:
			if c == '\\' && quote == '"' {
				i++
			} else if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '#':
			for i < len(raw) && raw[i] != '\n' {
				i++
			}
		case c == '[' || c == '{':
			depth++
			deepest = max(deepest, depth)
		case c == ']' || c == '}':
			depth = max(depth-1, 0)
		}
	}
	return deepest
}
