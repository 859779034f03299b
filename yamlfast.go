package postextract

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// fastYAML reads the front matter that real posts write without yaml.v3:
// top-level "key: value" lines with plain, single- or double-quoted
// scalars (escapes read, a pair of surrogate escapes as its character),
// "key:" followed by "- item" lines, flow sequences of scalars ("tags: [a,
// b]"), comments and blank lines. It returns the values as the yaml.v3
// path decodes them (meta) and as written (texts, for the text fields),
// and false — leave it to yaml.v3 — on anything it is not certain of:
// anchors, aliases, tags, block scalars, nested mappings, multi-line
// scalars, a lone surrogate escape (warned about there), tabs, duplicate
// keys, and any scalar that YAML would resolve to a number other than a
// plain decimal integer, or a special float. FuzzFrontMatterFastPath holds
// it to yaml.v3's reading.
func fastYAML(raw []byte) (meta, texts map[string]any, ok bool) {
	if !yamlPrintable(raw) {
		return nil, nil, false
	}
	// One string for the whole front matter: keys and values are its
	// substrings, with no allocation per line.
	lines := strings.Split(string(raw), "\n")
	n := keyLines(lines) // sized once: a map that grows allocates twice
	meta = make(map[string]any, n)
	// texts holds only the values whose text differs from the decoded
	// value (numbers, booleans): frontMatter.text reads the rest from meta.
	setText := func(key string, text, typed any) {
		if !sameText(text, typed) {
			if texts == nil {
				texts = map[string]any{}
			}
			texts[key] = text
		}
	}
	for i := 0; i < len(lines); i++ {
		line := strings.TrimRight(lines[i], " \r")
		if isBlankOrComment(line) {
			continue
		}
		key, rest, ok := fastKey(line)
		if !ok {
			return nil, nil, false
		}
		if _, dup := meta[key]; dup {
			return nil, nil, false
		}
		text, typed, more, ok := fastValue(rest, lines[i+1:])
		if !ok {
			return nil, nil, false
		}
		i += more
		meta[key] = typed
		setText(key, text, typed)
	}
	return meta, texts, true
}

// fastValue reads the value of a key whose line goes on with rest, and
// next, the lines after it: a block sequence on the next lines (more is
// how many), a flow sequence, or a plain or quoted scalar that no next
// line continues. It returns the value as text and decoded; ok is false
// for what the fast path leaves to the YAML decoder.
func fastValue(rest string, next []string) (text, typed any, more int, ok bool) {
	switch {
	case rest == "": // a block sequence follows, or nothing (null)
		items, typed, n, ok := fastBlockSeq(next)
		if !ok || items == nil {
			return nil, nil, n, ok
		}
		return items, typed, n, true
	case rest[0] == '[':
		items, typed, ok := fastFlowSeq(rest)
		return items, typed, 0, ok
	}
	text, typed, ok = fastScalar(rest)
	// The next line must not continue the scalar.
	if len(next) > 0 && len(next[0]) > 0 && next[0][0] == ' ' && !isBlankOrComment(next[0]) {
		return nil, nil, 0, false
	}
	return text, typed, 0, ok
}

func isBlankOrComment(line string) bool {
	t := strings.TrimLeft(line, " ")
	return t == "" || t[0] == '#'
}

// fastKey reads "key:" at the start of a line: a plain key of letters,
// digits, "_", "-" and ".", starting with a letter or "_", that YAML reads
// as the string it is. rest is what follows ": ", trimmed.
func fastKey(line string) (key, rest string, ok bool) {
	i := 0
	for i < len(line) && (line[i] >= 'a' && line[i] <= 'z' || line[i] >= 'A' && line[i] <= 'Z' ||
		line[i] == '_' || i > 0 && (line[i] >= '0' && line[i] <= '9' || line[i] == '-' || line[i] == '.')) {
		i++
	}
	// YAML limits an implicit key to 1024 characters; real keys are short.
	if i == 0 || i > 128 || i >= len(line) || line[i] != ':' || i+1 < len(line) && line[i+1] != ' ' {
		return "", "", false
	}
	key = line[:i]
	if special, _ := yamlSpecial(key); special {
		return "", "", false // null, true, … as a key
	}
	return key, strings.TrimLeft(line[i+1:], " "), true
}

// fastScalar reads one scalar value, the rest of a line: its text as
// written and its value as yaml.v3 decodes it.
func fastScalar(s string) (text any, typed any, ok bool) {
	switch s[0] {
	case '"':
		end := closingQuote(s)
		if end < 0 || !commentOrEnd(s[end+1:]) {
			return "", nil, false
		}
		v, ok := unescapeDouble(s[1:end])
		if !ok {
			return "", nil, false
		}
		return both(v)
	case '\'':
		for i := 1; i < len(s); i++ {
			if s[i] != '\'' {
				continue
			}
			if i+1 < len(s) && s[i+1] == '\'' {
				i++ // '' is an escaped quote
				continue
			}
			if !commentOrEnd(s[i+1:]) {
				return "", nil, false
			}
			v := s[1:i]
			if strings.Contains(v, "''") {
				v = strings.ReplaceAll(v, "''", "'")
			}
			return both(v)
		}
		return "", nil, false // not closed on this line
	}
	v := s
	if i := strings.Index(v, " #"); i >= 0 {
		v = strings.TrimRight(v[:i], " ")
	}
	if v == "" || !plainStart(v) || strings.Contains(v, ": ") || strings.HasSuffix(v, ":") {
		return "", nil, false
	}
	if special, val := yamlSpecial(v); special {
		if val == nil {
			return nil, nil, true // a null's text is none
		}
		return v, val, true
	}
	if n, ok := decimalInt(v); ok {
		return v, n, true
	}
	if resolvesAsNumber(v) {
		return "", nil, false
	}
	return both(v)
}

// closingQuote returns the index of the quote that closes the
// double-quoted scalar s starts with, escapes skipped, or -1.
func closingQuote(s string) int {
	for i := 1; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '"':
			return i
		}
	}
	return -1
}

// sameText reports whether a value's text is the value itself: a string,
// a null, or a sequence of them.
func sameText(text, typed any) bool {
	switch t := text.(type) {
	case nil:
		return typed == nil
	case string:
		v, ok := typed.(string)
		return ok && v == t
	case []any:
		v, ok := typed.([]any)
		if !ok || len(v) != len(t) {
			return false
		}
		for i := range t {
			if !sameText(t[i], v[i]) {
				return false
			}
		}
		return true
	}
	return false
}

// both returns a string scalar as its text and its value, boxed once.
func both(v string) (text, typed any, ok bool) {
	var x any = v
	return x, x, true
}

// decimalInt reads a plain decimal integer without leading zeros (YAML
// reads "017" as octal) that fits an int, as yaml.v3 decodes it.
func decimalInt(s string) (int, bool) {
	d := strings.TrimPrefix(s, "-")
	if d == "" || len(d) > 18 || d[0] == '0' && len(d) > 1 || !isDigits(d) {
		return 0, false
	}
	n, err := strconv.Atoi(s)
	return n, err == nil
}

// commentOrEnd reports whether what follows a quoted scalar is nothing or
// a comment.
func commentOrEnd(s string) bool {
	t := strings.TrimLeft(s, " ")
	return t == "" || t[0] == '#' && len(t) < len(s)
}

// plainStart reports whether s may start a plain scalar: not with one of
// YAML's indicators.
func plainStart(s string) bool {
	switch s[0] {
	case '-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`', '~':
		return false
	}
	return true
}

// yamlSpecial reports whether a plain scalar is one of the nulls or
// booleans that yaml.v3 resolves, and its value.
func yamlSpecial(s string) (bool, any) {
	switch s {
	case "null", "Null", "NULL", "~":
		return true, nil
	case "true", "True", "TRUE":
		return true, true
	case "false", "False", "FALSE":
		return true, false
	}
	return false, nil
}

// resolvesAsNumber reports whether YAML might read a plain scalar as a
// number or a special float: anything that starts like one and parses as
// one, underscores aside. A false answer is certain; a true one may be
// cautious.
func resolvesAsNumber(s string) bool {
	c := s[0]
	if !(c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.') {
		return false
	}
	plain := strings.ReplaceAll(s, "_", "")
	if _, err := strconv.ParseInt(plain, 0, 64); err == nil {
		return true
	}
	if _, err := strconv.ParseUint(plain, 0, 64); err == nil {
		return true
	}
	if _, err := strconv.ParseFloat(plain, 64); err == nil {
		return true
	}
	low := strings.ToLower(strings.TrimLeft(plain, "+-"))
	return low == ".inf" || low == ".nan" || strings.HasPrefix(low, "0o") || strings.HasPrefix(low, "0x") || strings.HasPrefix(low, "0b")
}

// fastBlockSeq reads the "- item" lines after a "key:" line: it returns
// the items (nil when there are none: the value is null), how many lines
// it read, and false on anything else indented under the key.
func fastBlockSeq(lines []string) (texts, typed []any, n int, ok bool) {
	indent := -1
	for n < len(lines) {
		line := strings.TrimRight(lines[n], " \r")
		if isBlankOrComment(line) {
			n++
			continue
		}
		t := strings.TrimLeft(line, " ")
		ind := len(line) - len(t)
		if !strings.HasPrefix(t, "- ") && t != "-" {
			if ind > 0 {
				return nil, nil, 0, false // a nested mapping or a continuation
			}
			break
		}
		if indent < 0 {
			indent = ind
		} else if ind != indent {
			return nil, nil, 0, false
		}
		item := strings.TrimLeft(strings.TrimPrefix(t, "-"), " ")
		if item == "" || item[0] == '[' || strings.HasPrefix(item, "- ") {
			return nil, nil, 0, false
		}
		if _, _, isKey := fastKey(item); isKey {
			return nil, nil, 0, false // "- key: value", a list of mappings
		}
		text, val, ok := fastScalar(item)
		if !ok {
			return nil, nil, 0, false
		}
		texts, typed = append(texts, text), append(typed, val)
		n++
		// An item's next line must not continue it.
		if n < len(lines) {
			next := strings.TrimRight(lines[n], " \r")
			nt := strings.TrimLeft(next, " ")
			if !isBlankOrComment(next) && len(next)-len(nt) > indent && !strings.HasPrefix(nt, "- ") {
				return nil, nil, 0, false
			}
		}
	}
	if indent < 0 {
		// No items: the key's value is null, unless something else
		// follows indented.
		return nil, nil, n, true
	}
	return texts, typed, n, true
}

// fastFlowSeq reads "[a, b]" on one line: plain or quoted scalars without
// commas or brackets in them.
func fastFlowSeq(s string) (texts, typed []any, ok bool) {
	end := strings.IndexByte(s, ']')
	if end < 0 || !commentOrEnd(s[end+1:]) {
		return nil, nil, false
	}
	inner := s[1:end]
	// A # may start a comment that runs past the ]: leave it to yaml.v3.
	if strings.ContainsAny(inner, "[]{}#") {
		return nil, nil, false
	}
	texts, typed = []any{}, []any{}
	// YAML's white space here is the space only: tabs are refused, and
	// U+2000 and the like are an item.
	if strings.Trim(inner, " ") == "" {
		return texts, typed, true
	}
	for _, part := range strings.Split(inner, ",") {
		p := strings.Trim(part, " ")
		if p == "" || p[0] != '"' && p[0] != '\'' && !flowPlain(p) {
			return nil, nil, false
		}
		text, val, ok := fastScalar(p)
		if !ok {
			return nil, nil, false
		}
		texts, typed = append(texts, text), append(typed, val)
	}
	return texts, typed, true
}

// yamlPrintable reports whether raw is valid UTF-8 of the characters YAML
// prints (c-printable), without tabs, and with every CR followed by LF.
// U+2028 and U+2029 are refused too: yaml.v3 reads them as line breaks
// and folds the spaces around them.
func yamlPrintable(raw []byte) bool {
	if !utf8.Valid(raw) {
		return false
	}
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		if !yamlLook[c] {
			continue // printable ASCII, or a byte of a character that is
		}
		switch {
		case c == '\n':
		case c == '\r':
			if i+1 >= len(raw) || raw[i+1] != '\n' {
				return false
			}
		case c < utf8.RuneSelf:
			return false // C0 controls, tab, DEL
		default:
			r, _ := utf8.DecodeRune(raw[i:])
			if r >= 0x80 && r <= 0x9F || r == 0x2028 || r == 0x2029 || r == 0xFEFF || r == 0xFFFE || r == 0xFFFF {
				return false
			}
		}
	}
	return true
}

// yamlLook marks the bytes yamlPrintable looks at: controls, DEL, and the
// lead bytes of the characters it refuses (C2: C1 controls; E2: U+2028,
// U+2029; EF: U+FEFF, U+FFFE, U+FFFF). In valid UTF-8 any other byte is
// printable or part of a printable character.
var yamlLook = func() (t [256]bool) {
	for c := range 0x20 {
		t[c] = true
	}
	t[0x7F], t[0xC2], t[0xE2], t[0xEF] = true, true, true, true
	return t
}()

// flowPlain reports whether a plain scalar in a flow sequence is made only
// of what libyaml reads there without surprises: letters, digits, spaces,
// "_", "-", ".", "/", "+" and any character beyond ASCII.
func flowPlain(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= utf8.RuneSelf ||
			c == ' ' || c == '_' || c == '-' || c == '.' || c == '/' || c == '+') {
			return false
		}
	}
	return true
}

// keyLines counts the lines that may start a key: the upper bound of the
// mapping's size.
func keyLines(lines []string) int {
	n := 0
	for _, l := range lines {
		if len(l) > 0 && l[0] != ' ' && l[0] != '-' && l[0] != '#' && l[0] != '\r' {
			n++
		}
	}
	return n
}
