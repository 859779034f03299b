package postextract

import (
	"bytes"
	"strings"
)

// dialectMarks are the strings without which dialectBody has nothing to
// rewrite: its first look.
var dialectMarks = []string{"!!! ", "??? ", "???+ ", "=== ", "===! ", "===+ ", "toc]", "TOC]", "{:toc}",
	"{/*", "    :::", "\t:::", "    #!", "\t#!"}

// maxBlockDepth is how deep Python-Markdown blocks are read inside each
// other; deeper bodies stay as they are written (each level reads its
// body anew, so a hostile nesting must not cost more).
const maxBlockDepth = 8

// dialectBody rewrites, outside code, the Markdown of generators that
// CommonMark would read as text or code (SPEC "Generators"):
// Python-Markdown's admonitions and tabs (pyBlocks), a CodeHilite
// language line that starts an indented code block, table-of-contents
// lines, MDX import and export lines before the first block, and MDX
// comments ({/* truncate */} is the excerpt marker).
func dialectBody(s string) string {
	return dialectDepth(s, 0)
}

// dialectDepth is dialectBody for a body depth blocks deep.
func dialectDepth(s string, depth int) string {
	if !hasAny(s, dialectMarks) && !mdxStart(s) {
		return s
	}
	lines, code := codeLines(s)
	if out, changed := pyBlocks(lines, code, depth); changed {
		lines, code = codeLines(strings.Join(out, "\n"))
	}
	if out, changed := codeHilite(lines, code); changed {
		lines, code = codeLines(strings.Join(out, "\n"))
	}
	out := make([]string, 0, len(lines))
	lead := true // before the first Markdown block
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		t := strings.TrimSpace(l)
		if code(i) {
			lead = false
			out = append(out, l)
			continue
		}
		if lead && mdxStatement(l) {
			i = mdxStatementEnd(lines, i)
			continue
		}
		if t != "" {
			lead = false
		}
		switch {
		case tocLine(t):
			continue
		case mdxComment(t):
			if strings.TrimSpace(t[3:len(t)-3]) == "truncate" {
				out = append(out, "<!-- truncate -->")
			}
			continue
		}
		out = append(out, l)
	}
	return strings.Join(out, "\n")
}

// mayHaveDialect is dialectBody's first look, on bytes.
func mayHaveDialect(body []byte) bool {
	for _, m := range dialectMarks {
		if bytes.Contains(body, []byte(m)) {
			return true
		}
	}
	t := bytes.TrimLeft(body, " \t\n")
	return bytes.HasPrefix(t, []byte("import ")) || bytes.HasPrefix(t, []byte("export "))
}

// mdxStart reports whether s starts, after blank lines, with an import or
// export line.
func mdxStart(s string) bool {
	t := strings.TrimLeft(s, "\n")
	l, _, _ := strings.Cut(t, "\n")
	return mdxStatement(l)
}

// hasAny reports whether s contains one of marks.
func hasAny(s string, marks []string) bool {
	for _, m := range marks {
		if strings.Contains(s, m) {
			return true
		}
	}
	return false
}

// codeLines splits s into lines and tells which start in code (a code
// span later on the line does not count).
func codeLines(s string) ([]string, func(i int) bool) {
	regions := codeRegions(s, true, nil)
	lines := strings.Split(s, "\n")
	starts := make([]int, len(lines))
	p := 0
	for i, l := range lines {
		starts[i] = p
		p += len(l) + 1
	}
	return lines, func(i int) bool {
		return inRegion(regions, starts[i], starts[i]+1)
	}
}

// tocLines are the lines that stand for a table of contents: no text.
var tocLines = map[string]bool{"[[toc]]": true, "[toc]": true, "{:toc}": true}

// tocLine reports whether a trimmed line is a table of contents.
func tocLine(t string) bool {
	return len(t) <= 7 && tocLines[strings.ToLower(t)]
}

// mdxComment reports whether a trimmed line is an MDX comment, {/* … */}.
func mdxComment(t string) bool {
	return len(t) >= 6 && strings.HasPrefix(t, "{/*") && strings.HasSuffix(t, "*/}")
}

// mdxStatement reports whether a line starts an MDX import (import X
// from "m", import "m") or export (export const …, export default …).
func mdxStatement(l string) bool {
	if rest, ok := strings.CutPrefix(l, "import "); ok {
		return strings.Contains(rest, " from") || strings.ContainsAny(rest, "{'\"")
	}
	if rest, ok := strings.CutPrefix(l, "export "); ok {
		w, _, _ := strings.Cut(strings.TrimSpace(rest), " ")
		return mdxExports[w]
	}
	return false
}

// mdxExports are the words that follow "export" in an MDX export.
var mdxExports = map[string]bool{"const": true, "let": true, "var": true, "default": true,
	"function": true, "async": true, "class": true, "{": true}

// mdxStatementEnd returns the last line of the import or export statement
// that starts at line i: where its brackets close.
func mdxStatementEnd(lines []string, i int) int {
	depth := 0
	for j := i; j < len(lines); j++ {
		l := lines[j]
		depth += strings.Count(l, "{") + strings.Count(l, "(") + strings.Count(l, "[") -
			strings.Count(l, "}") - strings.Count(l, ")") - strings.Count(l, "]")
		if depth <= 0 || j-i > 200 {
			return j
		}
	}
	return len(lines) - 1
}

// codeHilite turns an indented code block whose first line is a
// CodeHilite language line, ":::lang" or "#!lang" (pelican, mkdocs), into
// a fenced block of that language, without the line, where the block
// was (in a list item too). A shebang ("#!/bin/sh") is code.
func codeHilite(lines []string, code func(i int) bool) ([]string, bool) {
	var out []string
	changed := false
	for i := 0; i < len(lines); i++ {
		t := strings.TrimLeft(lines[i], " \t")
		ind := lines[i][:len(lines[i])-len(t)]
		outer, indented := codeIndent(ind)
		lang, ok := hiliteLang(t)
		if !indented || !ok || !code(i) || i > 0 && (code(i-1) || strings.TrimSpace(lines[i-1]) != "") {
			out = append(out, lines[i])
			continue
		}
		var body []string
		for j := i + 1; j < len(lines) && code(j); j++ {
			l, in := strings.CutPrefix(lines[j], ind)
			if !in && strings.TrimSpace(l) != "" {
				break
			}
			if !in {
				l = ""
			}
			body = append(body, l)
		}
		for len(body) > 0 && strings.TrimSpace(body[len(body)-1]) == "" {
			body = body[:len(body)-1]
		}
		changed = true
		fence := outer + strings.Repeat("`", max(3, longestRun(body, '`')+1))
		out = append(out, fence+lang)
		for _, l := range body {
			out = append(out, outer+l)
		}
		out = append(out, fence)
		i += len(body)
	}
	return out, changed
}

// codeIndent reports whether ind, a line's leading white space, indents
// code: four columns past outer, the indentation of the block it sits in.
func codeIndent(ind string) (outer string, ok bool) {
	switch {
	case strings.HasSuffix(ind, "\t"):
		return ind[:len(ind)-1], true
	case strings.HasSuffix(ind, "    "):
		return ind[:len(ind)-4], true
	}
	return "", false
}

// hiliteLang reads a CodeHilite language line.
func hiliteLang(l string) (string, bool) {
	var lang string
	switch {
	case strings.HasPrefix(l, ":::"):
		lang = l[3:]
	case strings.HasPrefix(l, "#!"):
		lang = l[2:]
	default:
		return "", false
	}
	lang = strings.TrimRight(lang, " \t")
	if lang == "" || strings.IndexFunc(lang, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("+-_.#", r))
	}) >= 0 {
		return "", false
	}
	return lang, true
}

// longestRun is the longest run of c in lines.
func longestRun(lines []string, c byte) int {
	best := 0
	for _, l := range lines {
		n := 0
		for i := 0; i < len(l); i++ {
			if l[i] == c {
				n++
				best = max(best, n)
			} else {
				n = 0
			}
		}
	}
	return best
}
