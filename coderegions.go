package postextract

import (
	"sort"
	"strings"

	"github.com/yuin/goldmark/ast"
)

// region is a span of code in a body: Markdown code or raw HTML <pre>/<code>
// (html); raw marks raw HTML that is no code, which the Obsidian pass
// leaves as written.
type region struct {
	a, b      int
	html, raw bool
}

// codeRegions finds the code of s, in order, without overlaps; doc is the
// block parse of s (parseBlocks), if made already.
func codeRegions(s string, markdown bool, doc ast.Node) []region {
	var blocks []region
	if markdown {
		blocks = markdownCodeBlocks(s, doc)
	}
	out := append([]region(nil), blocks...)
	pos := 0
	for _, g := range append(blocks, region{a: len(s), b: len(s)}) {
		lo, hi := pos, g.a
		p := lo
		var spans []region // Markdown code spans: a <code> written in one is its text
		if markdown {
			spans = codeSpans(s, lo, hi)
		}
		for _, h := range htmlCodeSpans(s, lo, hi, spans) {
			out = append(out, h)
			if markdown {
				out = append(out, codeSpans(s, p, h.a)...)
			}
			p = h.b
		}
		if markdown {
			out = append(out, codeSpans(s, p, hi)...)
		}
		pos = max(pos, g.b)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].a < out[j].a })
	return out
}

// markdownCodeBlocks returns the fenced and indented code blocks of s, as
// CommonMark reads them, each from the start of its first line (a fence's
// opening line) to the end of its last (a closing fence). Code blocks are
// blocks: goldmark's block parsers alone find them (parseBlocks), in about
// half the time of a whole parse.
func markdownCodeBlocks(s string, doc ast.Node) []region {
	if doc == nil {
		if !mayHaveCodeBlock(s) {
			return nil
		}
		doc = parseBlocks([]byte(s))
	}
	var out []region
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		k := n.Kind()
		if k != ast.KindFencedCodeBlock && k != ast.KindCodeBlock {
			return ast.WalkContinue, nil
		}
		lines := n.Lines()
		var a, b int
		switch {
		case k == ast.KindFencedCodeBlock && n.Pos() >= 0:
			a = lineStart(s, n.Pos()) // the opening fence
			b = lineEnd(s, a)
		case lines.Len() > 0:
			a = lineStart(s, lines.At(0).Start)
			b = a
		default:
			return ast.WalkSkipChildren, nil
		}
		if lines.Len() > 0 {
			b = max(b, lineEnd(s, max(lines.At(lines.Len()-1).Stop-1, 0)))
		}
		if k == ast.KindFencedCodeBlock && b < len(s) {
			if next := lineEnd(s, b); isFenceLine(s[b:next]) {
				b = next // the closing fence
			}
		}
		out = append(out, region{a: a, b: b})
		return ast.WalkSkipChildren, nil
	})
	// Merge what overlaps, in the order of the text: footnote definitions
	// sit together where the first one was.
	sort.Slice(out, func(i, j int) bool { return out[i].a < out[j].a })
	var merged []region
	for _, r := range out {
		if n := len(merged); n > 0 && r.a <= merged[n-1].b {
			merged[n-1].b = max(merged[n-1].b, r.b)
			continue
		}
		merged = append(merged, r)
	}
	return merged
}

// mayHaveCodeBlock reports whether s has a fence or four columns of white
// space in a row: only then can CommonMark find a code block in it, at the
// start of a line or after a list or quote marker ("-     code"). Any tab
// may make four columns (" \t").
func mayHaveCodeBlock(s string) bool {
	return strings.Contains(s, "```") || strings.Contains(s, "~~~") || strings.Contains(s, "    ") ||
		strings.IndexByte(s, '\t') >= 0
}

func lineStart(s string, i int) int {
	return strings.LastIndexByte(s[:min(i, len(s))], '\n') + 1
}

func lineEnd(s string, i int) int {
	if i >= len(s) {
		return len(s)
	}
	if j := strings.IndexByte(s[i:], '\n'); j >= 0 {
		return i + j + 1
	}
	return len(s)
}

func isFenceLine(line string) bool {
	t := strings.TrimLeft(line, " \t>")
	return strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~")
}

// htmlCodeSpans finds raw <pre>…</pre> and <code>…</code> in s[lo:hi],
// but for tags inside the regions of skip (Markdown code spans, where
// `<code>` is text about HTML). The closing tags are found in one pass
// first, so that many unclosed openers cost no more than one search each.
func htmlCodeSpans(s string, lo, hi int, skip []region) []region {
	var out []region
	closes := map[string][]tagSpan{"pre": closingTags(s, lo, hi, "pre", skip), "code": closingTags(s, lo, hi, "code", skip)}
	for p := lo; p < hi; {
		i := strings.IndexByte(s[p:hi], '<')
		if i < 0 {
			break
		}
		i += p
		name := ""
		for _, n := range [...]string{"pre", "code"} {
			if i+1+len(n) < hi && strings.EqualFold(s[i+1:i+1+len(n)], n) {
				name = n
			}
		}
		after := i + 1 + len(name)
		if name == "" || strings.IndexByte(" \t\n\r\f>/", s[after]) < 0 || inRegion(skip, i, after) {
			p = i + 1
			continue
		}
		c := closes[name]
		k := sort.Search(len(c), func(k int) bool { return c[k].start >= after })
		if k == len(c) {
			p = i + 1
			continue
		}
		out = append(out, region{a: i, b: c[k].end, html: true})
		p = c[k].end
	}
	return out
}

// tagSpan is where a closing tag starts and ends.
type tagSpan struct{ start, end int }

// closingTags finds every </name> (any case, blanks before ">") in
// s[lo:hi], in order.
func closingTags(s string, lo, hi int, name string, skip []region) []tagSpan {
	var out []tagSpan
	for p := lo; p < hi; {
		i := strings.Index(s[p:hi], "</")
		if i < 0 {
			break
		}
		j := p + i + 2
		p = j
		if j+len(name) > hi || !strings.EqualFold(s[j:j+len(name)], name) {
			continue
		}
		k := j + len(name)
		for k < hi && strings.IndexByte(" \t\n\r\f", s[k]) >= 0 {
			k++
		}
		if k < hi && s[k] == '>' && !inRegion(skip, j-2, k+1) {
			out = append(out, tagSpan{j - 2, k + 1})
			p = k + 1
		}
	}
	return out
}

// codeSpans finds Markdown code spans in s[lo:hi]: a backtick run closed by
// a run of the same length, within one paragraph.
func codeSpans(s string, lo, hi int) []region {
	type run struct{ a, b int }
	var runs []run
	for i := lo; i < hi; {
		if s[i] == '{' {
			// A tag's arguments are read before Markdown: a backtick in a
			// quoted argument is part of it, never a code span.
			if end := quotedTagEnd(s[:hi], i); end > 0 {
				i = end
				continue
			}
		}
		if s[i] != '`' {
			i++
			continue
		}
		j := i
		for j < hi && s[j] == '`' {
			j++
		}
		runs = append(runs, run{i, j})
		i = j
	}
	var out []region
	for k := 0; k < len(runs); {
		a, b := runs[k].a, runs[k].b
		if escaped(s, a) { // a literal backtick, the rest may open
			if b-a > 1 {
				runs[k].a++
				continue
			}
			k++
			continue
		}
		closeAt := -1
		for m := k + 1; m < len(runs); m++ {
			if runs[m].b-runs[m].a == b-a {
				closeAt = m
				break
			}
		}
		if closeAt >= 0 && !leavesBlock(s, a, runs[closeAt].a) {
			out = append(out, region{a: a, b: runs[closeAt].b})
			k = closeAt + 1
		} else {
			k++
		}
	}
	return out
}

// leavesBlock reports whether a code span opened at s[a] and closed at
// s[b] would leave its block, which a code span never does: it crosses a
// blank line, the end of a heading's line, or a line that starts another
// block (a list item, a heading, a quote, a fence, a thematic break).
func leavesBlock(s string, a, b int) bool {
	nl := strings.IndexByte(s[a:b], '\n')
	if nl < 0 {
		return false
	}
	if atxHeading(s[lineStart(s, a) : a+nl]) {
		return true
	}
	for p := a + nl; p >= 0 && p < b; {
		line := s[p+1 : lineEnd(s, p+1)]
		if t := strings.TrimLeft(line, " \t"); t == "" || t == "\n" || startsBlock(t) {
			return true
		}
		next := strings.IndexByte(s[p+1:b], '\n')
		if next < 0 {
			break
		}
		p += 1 + next
	}
	return false
}

// startsBlock reports whether a line, its blanks trimmed, starts a block
// that ends a paragraph before it: a list item, an ATX heading, a block
// quote, a code fence or a thematic break.
func startsBlock(t string) bool {
	switch c := t[0]; {
	case c == '>':
		return true
	case c == '#':
		return atxHeading(strings.TrimRight(t, "\n"))
	case c == '`' || c == '~':
		return strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~")
	case c == '-' || c == '*' || c == '+':
		if len(t) > 1 && (t[1] == ' ' || t[1] == '\t') {
			return true
		}
		return len(strings.Trim(strings.TrimSpace(t), string(c)+" \t")) == 0 && strings.Count(t, string(c)) >= 3
	case c >= '0' && c <= '9':
		m := orderedMarker(t)
		return m > 0 && m < len(t) && (t[m] == ' ' || t[m] == '\t')
	}
	return false
}

// orderedMarker returns the length of the ordered list marker that starts
// s — one to nine digits, then "." or ")" — or 0.
func orderedMarker[T string | []byte](s T) int {
	n := 0
	for n < len(s) && n < 9 && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	if n == 0 || n == len(s) || s[n] != '.' && s[n] != ')' {
		return 0
	}
	return n + 1
}

// escaped reports whether s[i] follows an odd number of backslashes, which
// makes it a literal in CommonMark.
func escaped[T string | []byte](s T, i int) bool {
	bs := 0
	for i-bs > 0 && s[i-bs-1] == '\\' {
		bs++
	}
	return bs%2 == 1
}

// inRegion reports whether [a, b) overlaps one of the sorted regions.
func inRegion(regions []region, a, b int) bool {
	i := sort.Search(len(regions), func(i int) bool { return regions[i].b > a })
	return i < len(regions) && regions[i].a < b
}

// quotedTagEnd returns the end of the template tag at s[i] when a backtick
// stands inside its quoted arguments and none outside them; else 0 (a tag
// with no backtick has none to hide, and "{%` and `%}" is two code spans).
func quotedTagEnd(s string, i int) int {
	t, ok := scanShortcode(s, i)
	if !ok || t.kind == synEscAngle || t.kind == synEscPercent || strings.IndexByte(t.src, '`') < 0 {
		return 0
	}
	// Hugo and Zola also quote with backticks; Liquid does not.
	ticks := quotesArgs(t.kind, t.src[2:])
	var q byte
	inQuote := false
	for k := 0; k < len(t.src); k++ {
		c := t.src[k]
		switch {
		case q != 0:
			if c == '\\' && q == '"' {
				k++
			} else if c == q {
				q = 0
			} else if c == '`' {
				inQuote = true
			}
		case c == '"' || c == '\'':
			q = c
		case c == '`' && ticks:
			q, inQuote = c, true
		case c == '`':
			return 0
		}
	}
	if q != 0 || !inQuote {
		return 0
	}
	return t.end
}
