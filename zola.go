package postextract

import "strings"

// Zola's shortcodes are calls: {{ name(key=value, …) }} is a single tag
// and {% name(key=value, …) %} … {% end %} a paired one (SPEC Generators,
// zola). They are read by the same table as every other tag, as synZola:
// keyword arguments, like a Hugo shortcode's.

// zolaForm reads a scanned {{ … }} or {% … %} tag as Zola writes it: a
// call becomes a synZola tag, single in {{ }}, opening in {% %}; {% end %}
// closes (its name is set by zolaEnds). Any other tag is returned as is.
func zolaForm(t shortcode) shortcode {
	if t.kind != synOutput && t.kind != synLiquid {
		return t
	}
	inside := strings.TrimSpace(t.src[2 : len(t.src)-2])
	if t.kind == synLiquid && inside == "end" {
		return shortcode{start: t.start, end: t.end, src: t.src, kind: synZola, close: true}
	}
	name, args, ok := zolaCall(inside)
	if !ok {
		return t
	}
	z := shortcode{start: t.start, end: t.end, src: t.src, kind: synZola, name: name, args: args}
	z.selfClose = t.kind == synOutput
	return z
}

// zolaCall splits name(args) into the lower-case name and its arguments.
func zolaCall(s string) (string, []shortcodeArg, bool) {
	i := 0
	for i < len(s) && (isIdentByte(s[i]) || i > 0 && s[i] >= '0' && s[i] <= '9') {
		i++
	}
	if i == 0 || !strings.HasSuffix(s, ")") {
		return "", nil, false
	}
	rest := strings.TrimLeft(s[i:], " \t")
	if !strings.HasPrefix(rest, "(") {
		return "", nil, false
	}
	args, ok := zolaArgs(rest[1 : len(rest)-1])
	return strings.ToLower(s[:i]), args, ok
}

func isIdentByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// zolaArgs reads key=value arguments, separated by commas or blanks (a
// missing comma is forgiven, as themes' posts have it); a value is quoted
// with ", ' or `, or bare (a number, a boolean). A value with no key is
// positional.
func zolaArgs(s string) ([]shortcodeArg, bool) {
	var out []shortcodeArg
	i := 0
	skip := func() {
		for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n' || s[i] == ',') {
			i++
		}
	}
	for skip(); i < len(s); skip() {
		key := ""
		j := i
		for j < len(s) && (isIdentByte(s[j]) || j > i && s[j] >= '0' && s[j] <= '9') {
			j++
		}
		k := j
		for k < len(s) && (s[k] == ' ' || s[k] == '\t') {
			k++
		}
		if j > i && k < len(s) && s[k] == '=' {
			key, i = strings.ToLower(s[i:j]), k+1
			for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
				i++
			}
		}
		if i >= len(s) {
			return nil, false
		}
		a := shortcodeArg{key: key}
		if q := s[i]; q == '"' || q == '\'' || q == '`' {
			e := i + 1
			for e < len(s) && s[e] != q {
				if s[e] == '\\' && q == '"' {
					e++
				}
				e++
			}
			if e >= len(s) {
				return nil, false // an unclosed quote: not a call
			}
			a.val, a.quote, i = s[i+1:e], q, e+1
			if q == '"' {
				a.val = unescapeBackslash(a.val)
			}
		} else {
			e := i
			for e < len(s) && s[e] != ',' && s[e] != ' ' && s[e] != '\t' && s[e] != '\n' {
				e++
			}
			a.val, i = s[i:e], e
		}
		out = append(out, a)
	}
	return out, true
}

// zolaEnds names each {% end %} after the Zola tag it closes: the nearest
// one still open. An end with nothing open stays nameless: nothing.
func (x *expander) zolaEnds() {
	var open []*shortcode
	for _, tk := range x.toks {
		t := tk.tag
		if t == nil || t.kind != synZola || t.selfClose {
			continue
		}
		if !t.close {
			open = append(open, t)
			continue
		}
		if n := len(open); n > 0 {
			t.name, open = open[n-1].name, open[:n-1]
		}
	}
}
