package render

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

// markCheck is the goldmark that the Markdown writer asks whether a pair
// of delimiters closes where it would stand: CommonMark with GFM's
// strikethrough, the marks the reader reads.
var markCheck = goldmark.New(goldmark.WithExtensions(extension.Strikethrough))

// closes reports whether goldmark reads delim+esc+delim, standing between
// before and after (stand-ins for what is written around it: flankRep,
// nextRep), as one mark around the text esc says: the HTML it renders is
// before, the mark's element(s) around text with no other element (but a
// line break, or for code the one code span esc is), and after's text.
func closes(before, delim, esc, after string, code bool) bool {
	src := before + delim + esc + delim + after
	var out bytes.Buffer
	if err := markCheck.Convert([]byte(src), &out); err != nil {
		return false
	}
	s, ok := strings.CutPrefix(out.String(), "<p>"+before)
	if !ok {
		return false
	}
	s, ok = strings.CutSuffix(s, "</p>\n")
	if !ok {
		return false
	}
	// after is a stand-in that HTML writes as it is, but an escape.
	after = strings.TrimPrefix(after, "\\")
	for _, o := range markElements(delim) {
		inner, ok := strings.CutPrefix(s, o)
		if !ok {
			continue
		}
		text, ok := strings.CutSuffix(inner, closeOf(o)+after)
		if !ok {
			continue
		}
		if code {
			var pre, suf bool
			text, pre = strings.CutPrefix(text, "<code>")
			if text, suf = strings.CutSuffix(text, "</code>"); !pre || !suf {
				continue
			}
		} else {
			// A line break inside the mark is one.
			text = strings.ReplaceAll(text, "<br>\n", "\n")
		}
		if !strings.Contains(text, "<") {
			return true
		}
	}
	return false
}

// markElements returns the opening tags goldmark may write for delim: for
// *** either nesting.
func markElements(delim string) []string {
	switch delim {
	case "***":
		return []string{"<em><strong>", "<strong><em>"}
	case "**":
		return []string{"<strong>"}
	case "~~":
		return []string{"<del>"}
	}
	return []string{"<em>"}
}

// closeOf returns the closing tags of the opening tags o, innermost first.
func closeOf(o string) string {
	tags := strings.SplitAfter(o, ">")
	var c strings.Builder
	for i := len(tags) - 1; i >= 0; i-- {
		if t := tags[i]; t != "" {
			c.WriteString("</" + t[1:])
		}
	}
	return c.String()
}

// flankRep returns a stand-in for the character c beside a delimiter run,
// of the same class for CommonMark's flanking rules (white space,
// punctuation, other) and harmless alone: an ASCII letter or digit as "a",
// other ASCII as ".", white space with a letter on its far side (so that
// it is not trimmed or read as indentation), any other character as it
// is. c < 0 is a line's start or end, which is written as nothing. side
// is -1 before the run and +1 after it.
func flankRep(c rune, side int) string {
	switch {
	case c < 0:
		return ""
	case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f':
		if side < 0 {
			return "a "
		}
		return " a"
	case unicode.IsSpace(c):
		if side < 0 {
			return "a" + string(c)
		}
		return string(c) + "a"
	case c < utf8.RuneSelf && (unicode.IsLetter(c) || unicode.IsDigit(c)):
		return "a"
	case c < utf8.RuneSelf || isControl(c) || c == utf8.RuneError:
		return "."
	}
	return string(c)
}

// nextRep returns what the Markdown writer writes for the character c
// after a run, as a stand-in for closes: an escape as the escaper writes
// it (goldmark may count an escaped delimiter character into the run
// before it), else flankRep.
func nextRep(c rune) string {
	switch c {
	case '\\', '`', '*', '[', '~', '|', '_':
		return "\\" + string(c)
	case '<':
		return "&lt;"
	}
	return flankRep(c, +1)
}
