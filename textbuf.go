package postextract

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"
)

// textBuf is the text of the block being read: white space collapsed as it
// comes, and whether a <br> waits for a second one.
type textBuf struct {
	buf       []byte
	space     bool // a collapsed white-space run waits to be written
	brPending bool // a <br> was met with no visible text or block edge since
	preNL     bool // in code, drop the newline right after a <br>
}

// addText adds text to the run: verbatim in code, otherwise with white
// space collapsed, NBSP as a space and the zero-width characters U+200B,
// U+2060 and U+FEFF removed (the joiners U+200C and U+200D stay: emoji
// sequences and Persian words need them).
func (r *textBuf) addText(s string, verbatim bool) {
	if verbatim {
		if r.preNL && s != "" && s[0] == '\n' {
			s = s[1:]
		}
		r.preNL = false
		r.buf = append(r.buf, s...)
		return
	}
	for i := 0; i < len(s); {
		// Copy at once a run of bytes that needs no care: anything but
		// ASCII white space and the lead bytes of NBSP, zero-width and
		// other Unicode spaces. CJK text is all such a run.
		j := i
		for j < len(s) {
			for j+4 <= len(s) && plainByte[s[j]] && plainByte[s[j+1]] && plainByte[s[j+2]] && plainByte[s[j+3]] {
				j += 4
			}
			if j == len(s) {
				break
			}
			if plainByte[s[j]] {
				j++
			} else if s[j] == ' ' && j > i && j+1 < len(s) && plainByte[s[j+1]] {
				// One space between words is what collapsing makes of it.
				j += 2
			} else if n := plainChar(s, j); n > 0 {
				j += n
			} else {
				break
			}
		}
		if j > i {
			r.putSpace()
			r.buf = append(r.buf, s[i:j]...)
			r.brPending = false
			i = j
			continue
		}
		if s[i] < utf8.RuneSelf {
			r.space = true // ASCII white space
			i++
			continue
		}
		c, size := utf8.DecodeRuneInString(s[i:])
		switch c {
		case '\u00a0':
			r.space = true
		case '\u200b', '\u2060', '\ufeff':
		default:
			r.putSpace()
			r.buf = append(r.buf, s[i:i+size]...)
			if !unicode.IsSpace(c) {
				r.brPending = false
			}
		}
		i += size
	}
}

// plainByte marks the bytes that addText copies without a look: not HTML
// white space, and not the lead byte of a character that is a space or
// zero-width (U+0085, U+00A0: C2; U+1680: E1; U+2000–U+2060: E2; U+3000:
// E3; U+FEFF: EF).
var plainByte = func() (t [256]bool) {
	for i := range t {
		t[i] = true
	}
	for _, c := range []byte{' ', '\t', '\n', '\r', '\f', 0xC2, 0xE1, 0xE2, 0xE3, 0xEF} {
		t[c] = false
	}
	return t
}()

// plainChar returns the length of the character at s[j] when its lead
// byte is one that plainByte refuses but the character is none of the
// spaces and zero-width characters that share it: CJK punctuation (E3),
// quotes and dashes (E2) and full-width forms (EF) then stay in the copy.
// It returns 0 for ASCII white space and for the characters addText treats.
func plainChar(s string, j int) int {
	if j+1 >= len(s) {
		return 0
	}
	c1 := s[j+1]
	if c1&0xC0 != 0x80 {
		return 0 // broken UTF-8: addText's own path
	}
	switch s[j] {
	case 0xC2: // U+0085, U+00A0
		if c1 != 0x85 && c1 != 0xA0 {
			return 2
		}
		return 0
	case 0xE1, 0xE2, 0xE3, 0xEF:
	default:
		return 0
	}
	if j+2 >= len(s) {
		return 0
	}
	c2 := s[j+2]
	if c2&0xC0 != 0x80 {
		return 0
	}
	switch s[j] {
	case 0xE1: // U+1680
		if c1 == 0x9A && c2 == 0x80 {
			return 0
		}
	case 0xE2: // U+2000–U+200B, U+2028, U+2029, U+202F, U+205F, U+2060
		if c1 == 0x80 && (c2 <= 0x8B || c2 == 0xA8 || c2 == 0xA9 || c2 == 0xAF) ||
			c1 == 0x81 && (c2 == 0x9F || c2 == 0xA0) {
			return 0
		}
	case 0xE3: // U+3000
		if c1 == 0x80 && c2 == 0x80 {
			return 0
		}
	case 0xEF: // U+FEFF
		if c1 == 0xBB && c2 == 0xBF {
			return 0
		}
	}
	return 3
}

func (r *textBuf) putSpace() {
	if r.space && len(r.buf) > 0 && r.buf[len(r.buf)-1] != '\n' && r.buf[len(r.buf)-1] != ' ' {
		r.buf = append(r.buf, ' ')
	}
	r.space = false
}

// take returns the run's text and empties it: code keeps its white space
// but leading and trailing blank lines; other text has every line trimmed
// and the empty ones dropped.
func (r *textBuf) take(code bool) string {
	var text string
	if code {
		text = trimBlankLines(string(r.buf))
	} else {
		text = cleanLines(r.buf)
	}
	r.buf, r.space = r.buf[:0], false
	return text
}

// cleanLines trims every line (ASCII and ideographic spaces alike) and drops
// the empty ones.
func cleanLines(b []byte) string {
	if bytes.IndexByte(b, '\n') < 0 {
		return string(trimSpace(b))
	}
	var out strings.Builder // one allocation: the text is at most b
	out.Grow(len(b))
	for len(b) > 0 {
		line, rest, _ := bytes.Cut(b, []byte{'\n'})
		b = rest
		line = trimSpace(line)
		if len(line) == 0 {
			continue
		}
		if out.Len() > 0 {
			out.WriteByte('\n')
		}
		out.Write(line)
	}
	return out.String()
}

// trimSpace is bytes.TrimFunc(b, unicode.IsSpace) without a call per
// character, and ASCII edges, the usual case, read without decoding.
func trimSpace(b []byte) []byte {
	for len(b) > 0 {
		if c := b[0]; c < utf8.RuneSelf {
			if !asciiSpace[c] {
				break
			}
			b = b[1:]
		} else if r, size := utf8.DecodeRune(b); unicode.IsSpace(r) {
			b = b[size:]
		} else {
			break
		}
	}
	for len(b) > 0 {
		if c := b[len(b)-1]; c < utf8.RuneSelf {
			if !asciiSpace[c] {
				break
			}
			b = b[:len(b)-1]
		} else if r, size := utf8.DecodeLastRune(b); unicode.IsSpace(r) {
			b = b[:len(b)-size]
		} else {
			break
		}
	}
	return b
}

// asciiSpace marks the ASCII characters unicode.IsSpace reports.
var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// trimBlankLines removes leading and trailing lines that are only white
// space, keeping everything else of a code block as written.
func trimBlankLines(s string) string {
	for {
		line, rest, ok := strings.Cut(s, "\n")
		if !ok || strings.TrimSpace(line) != "" {
			break
		}
		s = rest
	}
	return strings.TrimRightFunc(s, unicode.IsSpace)
}

// collapse is s on one line as text reads it: white space collapsed,
// zero-width characters removed, trimmed.
func collapse(s string) string {
	var r textBuf
	r.addText(s, false)
	return string(bytes.TrimFunc(r.buf, unicode.IsSpace))
}
