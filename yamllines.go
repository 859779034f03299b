package postextract

import (
	"bytes"
	"errors"
	"strings"
	"unicode"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// Front matter YAML cannot read (SPEC Generators): hand-written Hexo posts
// have "title:Tagged Pointer", no space after the colon, which YAML reads
// as no mapping at all. Their generator showed the post; so must we, so
// such a block is read line by line, with a warning.

// noMapping is decodeYAMLNode's error when YAML cannot read the text as a
// mapping (a syntax error, or a scalar or a list), as opposed to a limit.
type noMapping struct{ error }

func (e noMapping) Unwrap() error { return e.error }

// decodeYAMLBlock reads a YAML front matter block whose first line is line
// firstLine of the file. When YAML cannot read it as a mapping and one of
// its lines is no YAML "key: value" (the block's shape is wrong, not a
// value), it is read line by line (yamlLines), with a warning naming the
// first line YAML refused. strict (a block without an opening fence) asks
// every line to read so; otherwise such lines are skipped. Else YAML's
// error stands.
func decodeYAMLBlock(raw []byte, firstLine int, strict bool, rep *report) (frontMatter, error) {
	fm, err := decodeYAML(raw, rep)
	var nm noMapping
	if err == nil || !errors.As(err, &nm) {
		return fm, err
	}
	lines, refused, dups, ok := yamlLines(expandTabs(raw), strict)
	if !ok {
		return fm, err
	}
	for _, key := range dups {
		rep.warnf(WarnFrontMatter, key, "front matter: key %q appears more than once; the last is used", key)
	}
	rep.warnf(WarnFrontMatter, "", "front matter: line %d (%s): YAML cannot read it as key: value; the block is read line by line",
		firstLine+refused-1, lineAt(raw, refused))
	return lines, nil
}

// yamlLines reads raw line by line: "key:value" lines (a key of letters,
// digits, "_", "-" and ".", white space after the colon optional), each
// value as YAML reads it alone (yamlLineValue); "- item" lines under a key
// with no value of its own, the items of its list; comments. Another line
// makes it fail when strict, else it is skipped. It fails too when no key
// is read, or when every line that YAML refused is a value's (a "[a"):
// then YAML's error is right. refused is the first line, counted from 1,
// that is no YAML "key: value"; dups the keys given more than once (the
// last wins).
func yamlLines(raw []byte, strict bool) (fm frontMatter, refused int, dups []string, ok bool) {
	meta, texts := map[string]any{}, map[string]any{}
	list := "" // the key whose value is the list of the "- item" lines
	reads := maxLineReads
	for n, line := range strings.Split(string(raw), "\n") {
		line = strings.TrimRight(line, " \t\r")
		t := strings.TrimLeft(line, " ")
		if t == "" || t[0] == '#' {
			continue
		}
		key, value, spaced, isKey := lineKey(line)
		item, isItem := strings.CutPrefix(t, "- ")
		if t == "-" {
			item, isItem = "", true
		}
		switch {
		case isKey:
			typed, text, asMap := yamlLineValue(value, &reads)
			// A plain value with ": " in it (title: Vue: 入门) is no YAML
			// either: a mapping value YAML does not allow there.
			colon := value != "" && !strings.ContainsAny(value[:1], "\"'[{") && strings.Contains(value, ": ")
			if (!spaced || asMap || colon) && refused == 0 {
				refused = n + 1
			}
			if _, dup := meta[key]; dup {
				dups = append(dups, key)
			}
			meta[key], texts[key], list = typed, text, ""
			if value == "" {
				list = key
			}
		case isItem && list != "":
			typed, text, _ := yamlLineValue(strings.TrimSpace(item), &reads)
			l, _ := meta[list].([]any)
			tl, _ := texts[list].([]any)
			meta[list], texts[list] = append(l, typed), append(tl, text)
		case strict:
			return frontMatter{}, 0, nil, false
		default:
			if refused == 0 {
				refused = n + 1
			}
		}
	}
	if len(meta) == 0 || refused == 0 {
		return frontMatter{}, 0, nil, false
	}
	fm = frontMatter{meta: meta, texts: texts}
	// DecodeMeta reads the block again with yaml.v3: give it the mapping.
	fm.raw, _ = yaml.Marshal(meta)
	return fm, refused, dups, true
}

// lineKey reads "key:value" at the start of line: key, the value trimmed,
// and whether white space follows the colon (YAML needs it).
func lineKey(line string) (key, value string, spaced, ok bool) {
	i := 0
	for i < len(line) {
		r, size := utf8.DecodeRuneInString(line[i:])
		word := r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r)
		if !word && (i == 0 || r != '-' && r != '.') {
			break
		}
		i += size
	}
	if i == 0 {
		return "", "", false, false
	}
	key = line[:i]
	rest := strings.TrimLeft(line[i:], " \t")
	if rest == "" || rest[0] != ':' {
		return "", "", false, false
	}
	rest = rest[1:]
	spaced = rest == "" || rest[0] == ' ' || rest[0] == '\t'
	return key, strings.TrimSpace(rest), spaced, true
}

// maxLineReads bounds the values of one block read line by line that go
// to yaml.v3 (the fast path reads the rest): each costs a parser, and a
// hand-written block has tens of lines, not a megabyte of them.
const maxLineReads = 1000

// yamlLineValue reads one value as YAML reads it alone (a date, a flag, a
// quoted string, a "[a, b]" list) and its text as written. A value YAML
// cannot read, or reads as a mapping ("Foo: bar"), is its text: without
// matching quotes, or a "[a, b]" list split by hand. reads counts down
// the values left for yaml.v3; past them a value is read by hand.
func yamlLineValue(v string, reads *int) (typed, text any, asMap bool) {
	if v == "" {
		return nil, nil, false
	}
	if text, typed, _, ok := fastValue(v, nil); ok {
		return typed, text, false
	}
	*reads--
	if *reads < 0 {
		asMap = strings.Contains(v, ": ")
	} else {
		var ok bool
		if typed, text, asMap, ok = yamlAlone(v); ok {
			return typed, text, false
		}
	}
	if len(v) >= 2 && v[0] == v[len(v)-1] && (v[0] == '"' || v[0] == '\'') {
		return v[1 : len(v)-1], v[1 : len(v)-1], asMap
	}
	if len(v) >= 2 && v[0] == '[' && v[len(v)-1] == ']' {
		var items []any
		for _, x := range strings.Split(v[1:len(v)-1], ",") {
			x = strings.TrimSpace(x)
			if len(x) >= 2 && x[0] == x[len(x)-1] && (x[0] == '"' || x[0] == '\'') {
				x = x[1 : len(x)-1]
			}
			if x != "" {
				items = append(items, x)
			}
		}
		return items, items, asMap
	}
	return v, v, asMap
}

// lineAt returns line n (from 1) of raw, trimmed, its first 80
// characters when it is longer: enough to find it in a warning.
func lineAt(raw []byte, n int) string {
	for i := 1; i < n; i++ {
		_, raw, _ = bytes.Cut(raw, []byte{'\n'})
	}
	line, _, _ := bytes.Cut(raw, []byte{'\n'})
	s := strings.TrimSpace(string(line))
	if utf8.RuneCountInString(s) > 80 {
		s = string([]rune(s)[:80]) + "…"
	}
	return s
}

// yamlAlone reads v alone with yaml.v3: its value and its text; ok is false
// when YAML cannot read it or reads a mapping (asMap).
func yamlAlone(v string) (typed, text any, asMap, ok bool) {
	b := []byte(v)
	if fixed, _ := rewriteSurrogates(b); fixed != nil {
		b = fixed // "\ud83d\ude80" as yaml.v3 reads it (yamlescape.go)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(b, &doc); err != nil || len(doc.Content) == 0 {
		return nil, nil, false, false
	}
	root := doc.Content[0]
	if root.Kind == yaml.MappingNode {
		return nil, nil, true, false
	}
	typed, err1 := (&yamlConv{budget: maxYAMLValues}).value(root, 0)
	text, err2 := (&yamlConv{budget: maxYAMLValues, text: true}).value(root, 0)
	return typed, text, false, err1 == nil && err2 == nil
}
