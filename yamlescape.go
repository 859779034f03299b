package postextract

import (
	"bytes"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// Escapes of UTF-16 surrogates in front matter. JSON serializers write an
// emoji as a pair of them ("\ud83d\ude80"); JSON and Hexo's js-yaml read the
// pair as the character, yaml.v3 refuses the post. SPEC: a pair is the
// character it encodes, a lone surrogate U+FFFD with a warning.

// yamlEscapes are the one-character escapes of a YAML double-quoted
// scalar and what each stands for; hexEscapes the escapes followed by
// hexadecimal digits, and how many.
var (
	yamlEscapes = map[byte]string{
		'0': "\x00", 'a': "\a", 'b': "\b", 't': "\t", '\t': "\t", 'n': "\n", 'v': "\v", 'f': "\f",
		'r': "\r", 'e': "\x1b", ' ': " ", '"': `"`, '\'': "'", '\\': `\`,
		'N': "\u0085", '_': "\u00a0", 'L': "\u2028", 'P': "\u2029",
	}
	hexEscapes = map[byte]int{'x': 2, 'u': 4, 'U': 8}
)

// hexEscape reads the escape at s[i] ("\u…", "\U…", "\x…") and returns the
// code it writes and its length, or ok false when it is none or its code
// is past Unicode.
func hexEscape(s string, i int) (r rune, n int, ok bool) {
	if i+1 >= len(s) || s[i] != '\\' {
		return 0, 0, false
	}
	digits, isHex := hexEscapes[s[i+1]]
	if !isHex || i+2+digits > len(s) {
		return 0, 0, false
	}
	v, err := strconv.ParseUint(s[i+2:i+2+digits], 16, 32)
	if err != nil || v > utf8.MaxRune {
		return 0, 0, false
	}
	return rune(v), 2 + digits, true
}

// surrogateAt reads the escape of a surrogate at s[i]: with the escape of
// its low half right after it, the character the pair encodes (n covers
// both); alone, U+FFFD and lone true. ok is false when s[i] starts no
// escape of a surrogate.
func surrogateAt(s string, i int) (r rune, n int, lone, ok bool) {
	hi, n, ok := hexEscape(s, i)
	if !ok || !utf16.IsSurrogate(hi) {
		return 0, 0, false, false
	}
	if lo, m, ok := hexEscape(s, i+n); ok && hi < 0xDC00 && lo >= 0xDC00 && lo <= 0xDFFF {
		return utf16.DecodeRune(hi, lo), n + m, false, true
	}
	return utf8.RuneError, n, true, true
}

// unescapeDouble reads the text of a double-quoted scalar written on one
// line (s is between the quotes) as yaml.v3 reads it, a pair of surrogate
// escapes as the character. ok is false on an escape yaml.v3 refuses and
// on a lone surrogate: the yaml.v3 path reads it, with its warning.
func unescapeDouble(s string) (string, bool) {
	if strings.IndexByte(s, '\\') < 0 {
		return s, true
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		c := s[i]
		if c != '\\' {
			b.WriteByte(c)
			i++
			continue
		}
		if i+1 >= len(s) {
			return "", false
		}
		if e, ok := yamlEscapes[s[i+1]]; ok {
			b.WriteString(e)
			i += 2
			continue
		}
		if r, n, lone, ok := surrogateAt(s, i); ok {
			if lone {
				return "", false
			}
			b.WriteRune(r)
			i += n
			continue
		}
		r, n, ok := hexEscape(s, i)
		if !ok {
			return "", false
		}
		b.WriteRune(r)
		i += n
	}
	return b.String(), true
}

// rewriteSurrogates returns raw with the surrogate escapes in its
// double-quoted scalars written as yaml.v3 reads them: a pair as the one
// escape of its character (\U0001f680), a lone one as \ufffd; and how many
// were lone. It returns nil when there is nothing to rewrite. The yaml.v3
// path calls it only when yaml.v3 refused an escape, so that a plain or
// single-quoted "\ud83d" that it might take for double-quoted stays as
// written whenever it can.
func rewriteSurrogates(raw []byte) ([]byte, int) {
	if !bytes.Contains(raw, []byte(`\u`)) && !bytes.Contains(raw, []byte(`\U`)) {
		return nil, 0
	}
	var out []byte
	last, lone := 0, 0
	eachDoubleQuoted(raw, func(from, to int) {
		s := string(raw[from:to])
		for i := 0; i < len(s); i++ {
			if s[i] != '\\' {
				continue
			}
			r, n, isLone, ok := surrogateAt(s, i)
			if !ok {
				i++ // an escaped character, "\\" or "\"" included
				continue
			}
			if isLone {
				lone++
			}
			out = append(out, raw[last:from+i]...)
			out = append(out, `\U`...)
			out = append(out, strconv.FormatInt(int64(0x100000000+int64(r)), 16)[1:]...)
			last = from + i + n
			i += n - 1
		}
	})
	if out == nil {
		return nil, 0
	}
	return append(out, raw[last:]...), lone
}

// eachDoubleQuoted calls visit with the offsets of the text of each
// double-quoted scalar of the YAML raw, between its quotes. It follows
// what decides where a scalar starts (line starts, "- ", ": ", "? ", flow
// collections, anchors and tags), and skips comments, single-quoted and
// plain scalars and block scalars. A double-quoted scalar that no quote
// closes is not visited.
func eachDoubleQuoted(raw []byte, visit func(from, to int)) {
	var q quoteScan
	q.block = -1
	for off := 0; off < len(raw); {
		end := bytes.IndexByte(raw[off:], '\n')
		if end < 0 {
			end = len(raw)
		} else {
			end += off
		}
		q.line(raw, off, end, visit)
		off = end + 1
	}
}

// quoteScan is eachDoubleQuoted's state from one line to the next.
type quoteScan struct {
	quote byte // '"' or '\'' inside a quoted scalar, else 0
	start int  // where the text of the open double-quoted scalar starts
	flow  int  // depth of open [ and {
	block int  // indentation of the line that opened a block scalar, or -1
}

func (q *quoteScan) line(raw []byte, off, end int, visit func(from, to int)) {
	line := raw[off:end]
	indent := len(line) - len(bytes.TrimLeft(line, " "))
	if q.quote == 0 && q.block >= 0 {
		if len(bytes.TrimSpace(line)) == 0 || indent > q.block {
			return // the block scalar's text
		}
		q.block = -1
	}
	expect := q.quote == 0 // a scalar may start here
	for i := 0; i < len(line); i++ {
		c := line[i]
		sep := i+1 == len(line) || line[i+1] == ' ' || line[i+1] == '\t' || line[i+1] == '\r'
		switch {
		case q.quote == '"':
			if c == '\\' {
				i++
			} else if c == '"' {
				visit(q.start, off+i)
				q.quote, expect = 0, false
			}
		case q.quote == '\'':
			if c == '\'' && i+1 < len(line) && line[i+1] == '\'' {
				i++
			} else if c == '\'' {
				q.quote, expect = 0, false
			}
		case c == ' ' || c == '\t' || c == '\r':
		case c == '#' && (i == 0 || line[i-1] == ' ' || line[i-1] == '\t'):
			return // a comment
		case expect && (c == '"' || c == '\''):
			q.quote, q.start = c, off+i+1
		case expect && (c == '|' || c == '>') && q.flow == 0:
			q.block = indent
			return
		case expect && (c == '&' || c == '!'): // an anchor or a tag
			for i+1 < len(line) && line[i+1] != ' ' {
				i++
			}
		case expect && (c == '-' || c == '?') && sep, c == ':' && (sep || q.flow > 0):
			expect = true
		case (c == '[' || c == '{') && (expect || q.flow > 0):
			q.flow, expect = q.flow+1, true
		case (c == ']' || c == '}') && q.flow > 0:
			q.flow, expect = q.flow-1, false
		case c == ',' && q.flow > 0:
			expect = true
		default:
			expect = false // a plain scalar
		}
	}
}

// loneJSONSurrogates counts the escapes of lone surrogates in JSON text:
// encoding/json reads each as U+FFFD, and SPEC has a warning say so. In
// JSON a backslash is only ever inside a string.
func loneJSONSurrogates(raw []byte) int {
	if !bytes.Contains(raw, []byte(`\u`)) && !bytes.Contains(raw, []byte(`\U`)) {
		return 0
	}
	s, lone := string(raw), 0
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' {
			continue
		}
		_, n, isLone, ok := surrogateAt(s, i)
		if !ok {
			i++ // an escaped character, "\\" included
			continue
		}
		if isLone {
			lone++
		}
		i += n - 1
	}
	return lone
}

// warnLone warns about n lone surrogate escapes read as U+FFFD.
func warnLone(rep *report, n int) {
	if n > 0 {
		rep.warnf(WarnFrontMatter, "", "front matter: %d lone UTF-16 surrogate escape(s) read as U+FFFD", n)
	}
}
