package postextract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Python-Markdown's indented blocks (mkdocs, pelican): an admonition
// "!!! type "Title"", a collapsible "??? type" or "???+ type", and a
// content tab "=== "Label"", each with a body indented by four columns.
// Left alone, CommonMark reads the marker as text and the body as code.

// pyBlock is a Python-Markdown block marker line, read.
type pyBlock struct {
	tab   bool   // a content tab: its label is a title, its body no quote
	title string // the title written, or the type's name; "" for none
	quote bool   // the body reads as a quote
}

// readPyBlock reads a marker line as Python-Markdown does: "!!!", "???"
// or "???+", then classes (words of letters, digits, "_" and "-"; the
// first is the type) and an optional quoted title ending the line; or
// "===" (also "===!", "===+") and a quoted label.
func readPyBlock(line string) (pyBlock, bool) {
	var rest string
	var tab bool
	switch {
	case strings.HasPrefix(line, "!!!"):
		rest = line[3:]
	case strings.HasPrefix(line, "???"):
		rest = strings.TrimPrefix(line[3:], "+")
	case strings.HasPrefix(line, "==="):
		rest, tab = strings.TrimLeft(line[3:], "!+"), true
		if rest == "" || rest[0] != ' ' && rest[0] != '\t' {
			return pyBlock{}, false
		}
	default:
		return pyBlock{}, false
	}
	rest = strings.TrimSpace(rest)
	classes, title, quoted := rest, "", false
	if i := strings.IndexByte(rest, '"'); i >= 0 {
		if j := strings.LastIndexByte(rest, '"'); j <= i || j != len(rest)-1 {
			return pyBlock{}, false
		}
		classes, title, quoted = strings.TrimSpace(rest[:i]), strings.TrimSpace(rest[i+1:len(rest)-1]), true
	}
	if tab {
		return pyBlock{tab: true, title: title}, quoted && classes == ""
	}
	words := strings.Fields(classes)
	if len(words) == 0 {
		return pyBlock{}, false
	}
	for _, w := range words {
		if !classWord(w) {
			return pyBlock{}, false // "!!! Wow !!!" is text
		}
	}
	admonition := admonitionTypes[strings.ToLower(words[0])]
	if !quoted && admonition {
		title = capitalized(words[0])
	}
	return pyBlock{title: title, quote: admonition || title != ""}, true
}

// classWord reports whether w is a class name of a Python-Markdown block:
// letters, digits, "_" and "-".
func classWord(w string) bool {
	for _, r := range w {
		if !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' || r == '-') {
			return false
		}
	}
	return true
}

// capitalized is a type's name as its title: "WARNING" → "Warning".
func capitalized(typ string) string {
	r, n := utf8.DecodeRuneInString(typ)
	return string(unicode.ToUpper(r)) + strings.ToLower(typ[n:])
}

// pyIndent reports whether a body line is indented by four columns, and
// returns it without them.
func pyIndent(line string) (string, bool) {
	switch {
	case strings.HasPrefix(line, "    "):
		return line[4:], true
	case strings.HasPrefix(line, "\t"):
		return line[1:], true
	}
	for i := 0; i < len(line) && i < 4; i++ {
		if line[i] == '\t' {
			return line[i+1:], true
		}
		if line[i] != ' ' {
			break
		}
	}
	return line, false
}

// pyBlocks rewrites, outside code, Python-Markdown's indented blocks
// (lines: the body, split on "\n"; code tells whether line i starts in
// code) as CommonMark reads them: an admonition as a block quote, its
// title a paragraph of its own, then its body; a tab as its label in a
// quote of its own, then its body in place. Bodies nest, up to
// maxBlockDepth.
func pyBlocks(lines []string, code func(i int) bool, depth int) ([]string, bool) {
	if depth >= maxBlockDepth {
		return lines, false
	}
	var out []string
	changed := false
	for i := 0; i < len(lines); i++ {
		// A block in a list item is indented as the item's text.
		ind := lines[i][:len(lines[i])-len(strings.TrimLeft(lines[i], " "))]
		blk, ok := readPyBlock(lines[i][len(ind):])
		if !ok || code(i) {
			out = append(out, lines[i])
			continue
		}
		j := i + 1
		var body []string
		for ; j < len(lines); j++ {
			l, in := strings.CutPrefix(lines[j], ind)
			if in {
				l, in = pyIndent(l)
			}
			if !in && strings.TrimSpace(lines[j]) != "" {
				break
			}
			body = append(body, l)
		}
		for len(body) > 0 && strings.TrimSpace(body[len(body)-1]) == "" {
			body = body[:len(body)-1]
		}
		if len(body) == 0 && blk.title == "" {
			out = append(out, lines[i]) // "??? what": no block, text
			continue
		}
		j = i + 1 + len(body)
		changed = true
		// The body is Markdown of its own, its code found anew.
		body = strings.Split(dialectDepth(strings.Join(body, "\n"), depth+1), "\n")
		if len(out) > 0 && strings.TrimSpace(out[len(out)-1]) != "" {
			out = append(out, "")
		}
		if blk.title != "" {
			out = append(out, ind+"> "+blk.title, "")
		}
		for _, l := range body {
			switch {
			case !blk.quote:
				out = append(out, ind+l)
			case strings.TrimSpace(l) == "":
				out = append(out, ind+">")
			default:
				out = append(out, ind+"> "+l)
			}
		}
		out = append(out, "")
		i = j - 1
	}
	return out, changed
}
