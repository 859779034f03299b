package render

// What the Markdown writer escapes at a line's start, where a character may
// open a block.

import (
	"strconv"
	"strings"
)

// lineLead escapes what would open a block at a line's start and writes
// it, returning the rest: a > always; # (one to six, then white space or
// the end), a -, + or * bullet, and a number with . or ) only when white
// space or the run's end follows (another run may start with a space); the
// [ of a task box or a definition's label; a line of - or = alone (a
// setext underline, a thematic break); a line that would be a table's
// delimiter row under the line before it (--:); :::, !!!, ??? and ===;
// MDX's import and export.
func (e *escaper) lineLead(s string) string {
	e.lineStart = false
	endsMarker := func(n int) bool { return n == len(s) || s[n] == ' ' || s[n] == '\t' }
	escape := func(n int) string { // escape s[n], after s[:n]
		e.out.WriteString(s[:n] + `\` + s[n:n+1])
		e.prev = rune(s[n])
		return s[n+1:]
	}
	// An MDX import or export line, which the reader drops at a body's
	// start: a letter has no escape, so its first is a reference.
	if strings.HasPrefix(s, "import ") || strings.HasPrefix(s, "export ") {
		e.out.WriteString("&#" + strconv.Itoa(int(s[0])) + ";")
		e.prev = rune(s[0])
		return s[1:]
	}
	// A table's delimiter row; Python-Markdown's admonitions and tabs,
	// which the reader reads in every post.
	if delimiterRow(s) || strings.HasPrefix(s, "!!!") || strings.HasPrefix(s, "???") || strings.HasPrefix(s, "===") {
		return escape(0)
	}
	switch s[0] {
	case '>':
		return escape(0)
	case '[':
		// A task box ([ ], [x]), a definition's label ([a]: u) or a
		// callout's type ([!note], in a quote) here, or what opens a link
		// anywhere.
		j := strings.IndexByte(s, ']')
		if j == 2 && strings.IndexByte(" xX", s[1]) >= 0 || j > 0 && j+1 < len(s) && s[j+1] == ':' ||
			len(s) > 1 && s[1] == '!' || e.markupAt(s, 0) {
			return escape(0)
		}
		return s
	case '#':
		n := len(s) - len(strings.TrimLeft(s, "#"))
		if n <= 6 && endsMarker(n) {
			return escape(0)
		}
		return s
	case '-', '+', '=':
		if s[0] != '=' && endsMarker(1) || strings.Trim(s, string(s[0])+" \t") == "" {
			return escape(0)
		}
		return s
	case ':':
		if strings.HasPrefix(s, ":::") {
			return escape(0)
		}
	}

	n := 0
	for n < len(s) && n < 10 && '0' <= s[n] && s[n] <= '9' {
		n++
	}
	if n > 0 && n < len(s) && (s[n] == '.' || s[n] == ')') && endsMarker(n+1) {
		return escape(n)
	}
	return s
}

// autolinkScheme reports whether the text before "://" ends with a scheme
// that GFM turns into a link.
func autolinkScheme(before string) bool {
	for _, s := range []string{"http", "https", "ftp"} {
		if len(before) >= len(s) && strings.EqualFold(before[len(before)-len(s):], s) {
			return true
		}
	}
	return false
}

// delimiterRow reports whether s, the start of a line, could be a GFM
// table's delimiter row: only -, :, | and spaces, a - among them. The
// line before it would then be read as a table's header.
func delimiterRow(s string) bool {
	if s[0] != '-' && s[0] != ':' && s[0] != '|' {
		return false
	}
	dash := false
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '-':
			dash = true
		case ':', '|', ' ', '\t':
		default:
			return false
		}
	}
	return dash
}
