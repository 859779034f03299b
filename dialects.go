package postextract

import (
	"regexp"
	"sort"
	"strings"
)

// kramdown attribute lists ({: .class #id}, not {:: or {:/}) and Obsidian
// callout markers ([!note], [!tip]+) on a block quote's first line.
var (
	ialRE     = regexp.MustCompile(`\{:(?:\\[^\n]|[^}\n\\])+\}`)
	calloutRE = regexp.MustCompile(`(?m)^([ \t]{0,3}(?:>[ \t]?)+)[ \t]*\[![A-Za-z][\w-]*\][+-]?`)
	quoteRE   = regexp.MustCompile(`^[ \t]{0,3}((?:>[ \t]?)*)`)
)

// stripMarks removes, outside code, kramdown attribute lists on a line of
// their own (block-quote markers kept) or right after an inline element's
// closing markup, and callout markers; text after plain text stays.
func stripMarks(s string, regions []region) string {
	cuts := ialCuts(s, regions)
	if strings.Contains(s, "[!") {
		cuts = append(cuts, calloutCuts(s, regions)...)
	}
	if strings.Contains(s, "{::") || strings.Contains(s, "{:/") {
		cuts = append(cuts, extensionCuts(s, regions)...)
	}
	if strings.Contains(s, "[[toc]]") || strings.Contains(s, "[[TOC]]") || strings.Contains(s, "{:toc}") {
		cuts = append(cuts, tocCuts(s, regions)...) // before obsidianPass reads it as a link
	}
	if strings.Contains(s, "{#") || strings.Contains(s, "{.") || strings.Contains(s, "{:") {
		cuts = append(cuts, headingAttrCuts(s, regions)...)
	}
	if len(cuts) == 0 {
		return s
	}
	sort.Slice(cuts, func(i, j int) bool { return cuts[i].a < cuts[j].a })
	var b strings.Builder
	p := 0
	for _, c := range cuts {
		if c.a < p {
			continue
		}
		b.WriteString(s[p:c.a])
		b.WriteString(c.with)
		p = c.b
	}
	b.WriteString(s[p:])
	return b.String()
}

// textCut replaces s[a:b] by with.
type textCut struct {
	a, b int
	with string
}

// ialCuts finds the attribute lists to remove, a line at a time, so that a
// line of thousands costs one pass over it.
func ialCuts(s string, regions []region) []textCut {
	var cuts []textCut
	for ls := 0; ls < len(s); {
		next := strings.Index(s[ls:], "{:")
		if next < 0 {
			break
		}
		ls = lineStart(s, ls+next)
		le := strings.IndexByte(s[ls:], '\n')
		if le < 0 {
			le = len(s)
		} else {
			le += ls
		}
		line := s[ls:le]
		ls = le + 1
		if !strings.Contains(line, "{:") {
			continue
		}
		start := le - len(line)
		ials := ialRE.FindAllStringIndex(line, -1)
		if len(ials) > 0 && ialOnlyLine(line) && !inRegion(regions, start, le) {
			cuts = append(cuts, textCut{start, le, quotePrefix(line)})
			continue
		}
		for _, m := range ials {
			a, b := start+m[0], start+m[1]
			if after := s[a+2]; after == ':' || after == '/' || inRegion(regions, a, b) {
				continue
			}
			if a > 0 && strings.IndexByte(")]*_`~>", s[a-1]) >= 0 {
				cuts = append(cuts, textCut{a, b, ""})
			}
		}
	}
	return cuts
}

// kramdownExtRE is a kramdown extension tag: {::name …}, {::name …/} or a
// closing {:/name} or {:/}.
var kramdownExtRE = regexp.MustCompile(`\{::([A-Za-z]\w*)[^}\n]*?(/?)\}|\{:/([A-Za-z]\w*)?\}`)

// extensionCuts finds the kramdown extensions that SPEC reads as no text,
// outside code: a self-closing one ({::options …/}), and a {::comment}
// with its content up to its {:/comment} or {:/}. Others ({::nomarkdown})
// stay as written.
func extensionCuts(s string, regions []region) []textCut {
	var cuts []textCut
	ms := kramdownExtRE.FindAllStringSubmatchIndex(s, -1)
	for k := 0; k < len(ms); k++ {
		m := ms[k]
		if m[2] < 0 || inRegion(regions, m[0], m[1]) {
			continue // a closing tag alone, or code
		}
		end := m[1]
		switch {
		case m[4] < m[5]: // self-closing
		case s[m[2]:m[3]] == "comment":
			for j := k + 1; j < len(ms); j++ {
				if n := ms[j]; n[2] < 0 && (n[6] < 0 || s[n[6]:n[7]] == "comment") {
					end, k = n[1], j
					break
				}
			}
		default:
			continue
		}
		cuts = append(cuts, textCut{m[0], end, ""})
	}
	return cuts
}

// headingAttrCuts finds the attributes that end a heading's line, outside
// code: {#id .class key=value} (Hugo, kramdown) and {: #id} after an ATX
// heading's text, or after a setext heading's text (the line before its
// === or --- underline). They are no text.
func headingAttrCuts(s string, regions []region) []textCut {
	var cuts []textCut
	for ls := 0; ls < len(s); {
		le := lineEnd(s, ls) // after the line's newline
		line := strings.TrimSuffix(s[ls:le], "\n")
		next := strings.TrimSuffix(s[le:lineEnd(s, le)], "\n")
		if (atxHeading(line) || setextUnderline(next)) && !inRegion(regions, ls, ls+len(line)) {
			if a, ok := trailingAttrs(line); ok {
				cuts = append(cuts, textCut{ls + a, ls + len(line), ""})
			}
		}
		ls = le
	}
	return cuts
}

// atxHeading reports whether a line is an ATX heading: up to three blanks,
// one to six #, then a blank.
func atxHeading(line string) bool {
	t := strings.TrimLeft(line, " ")
	if len(line)-len(t) > 3 {
		return false
	}
	n := len(t) - len(strings.TrimLeft(t, "#"))
	return n >= 1 && n <= 6 && len(t) > n && (t[n] == ' ' || t[n] == '\t')
}

// setextUnderline reports whether a line is a setext heading's underline.
func setextUnderline(line string) bool {
	t := strings.TrimSpace(line)
	return t != "" && (strings.Trim(t, "=") == "" || strings.Trim(t, "-") == "") && len(line)-len(strings.TrimLeft(line, " ")) <= 3
}

// trailingAttrs finds an attribute block that ends a line: {…} starting
// with #, . or : after text and a blank; it returns where its blanks
// before it start.
func trailingAttrs(line string) (int, bool) {
	t := strings.TrimRight(line, " \t")
	if !strings.HasSuffix(t, "}") {
		return 0, false
	}
	open := strings.LastIndexByte(t, '{')
	if open < 1 || open+1 >= len(t)-1 || strings.IndexByte("#.:", t[open+1]) < 0 {
		return 0, false
	}
	a := len(strings.TrimRight(t[:open], " \t"))
	if a == open || a == 0 || strings.IndexByte(t[open:], '\n') >= 0 {
		return 0, false // no blank before it, or nothing else on the line
	}
	return a, true
}

// tocCuts finds the table-of-contents lines outside code: no text. A
// {:toc} line after a list item takes the item too, as kramdown puts the
// table in the list's place ("* TOC" then "{:toc}").
func tocCuts(s string, regions []region) []textCut {
	var cuts []textCut
	prev := -1 // where the line before starts
	for ls := 0; ls < len(s); {
		le := lineEnd(s, ls)
		if t := strings.TrimSpace(s[ls:le]); tocLine(t) && !inRegion(regions, ls, le) {
			a := ls
			if t == "{:toc}" && prev >= 0 && listItemLine(s[prev:ls]) {
				a = prev
			}
			cuts = append(cuts, textCut{a, le, ""})
		}
		prev, ls = ls, le
	}
	return cuts
}

// listItemLine reports whether a line starts a list item: "* ", "- ",
// "+ " or "1. ".
func listItemLine(line string) bool {
	t := strings.TrimLeft(line, " ")
	if len(t) > 1 && strings.IndexByte("*-+", t[0]) >= 0 && t[1] == ' ' {
		return true
	}
	n := orderedMarker(t)
	return n > 0 && n < len(t) && t[n] == ' '
}

// calloutCuts finds the callout markers that start a block quote.
func calloutCuts(s string, regions []region) []textCut {
	var cuts []textCut
	for _, m := range calloutRE.FindAllStringSubmatchIndex(s, -1) {
		if inRegion(regions, m[0], m[1]) {
			continue
		}
		depth := strings.Count(s[m[2]:m[3]], ">")
		prevDepth := 0
		if ls := m[0]; ls > 0 {
			prev := s[lineStart(s, ls-1) : ls-1]
			q := quoteRE.FindStringSubmatch(prev)
			prevDepth = strings.Count(q[1], ">")
		}
		if prevDepth < depth {
			cuts = append(cuts, calloutHead(s, m[0], m[1], s[m[2]:m[3]]))
		}
	}
	return cuts
}

// calloutHead is the cut for a callout's first line, from its start at a
// to the line's end: its markers, then its title — the one written after
// the [!type] marker (ending at b), else an admonition type's name
// capitalized — as a paragraph of its own in the quote.
func calloutHead(s string, a, b int, prefix string) textCut {
	end := lineEnd(s, b)
	if end > b && s[end-1] == '\n' {
		end--
	}
	title := strings.TrimSpace(s[b:end])
	if title == "" {
		typ := s[strings.Index(s[a:b], "[!")+a+2 : strings.LastIndexByte(s[a:b], ']')+a]
		if admonitionTypes[strings.ToLower(typ)] {
			title = capitalized(typ)
		}
	}
	if title == "" {
		return textCut{a, end, prefix}
	}
	return textCut{a, end, prefix + title + "\n" + strings.TrimRight(prefix, " \t")}
}

// ialOnlyLine reports whether a line is block-quote markers and blanks, then
// only attribute lists.
func ialOnlyLine(line string) bool {
	rest := strings.TrimLeft(line[len(quotePrefix(line)):], " \t")
	if rest == "" {
		return false
	}
	for rest != "" {
		loc := ialRE.FindStringIndex(rest)
		if loc == nil || loc[0] != 0 || rest[2] == ':' || rest[2] == '/' {
			return false
		}
		rest = strings.TrimLeft(rest[loc[1]:], " \t")
	}
	return true
}

// quotePrefix is the block-quote markers and blanks that start a line.
func quotePrefix(line string) string {
	i := 0
	for {
		j := i
		for j < len(line) && (line[j] == ' ' || line[j] == '\t') {
			j++
		}
		if j < len(line) && line[j] == '>' {
			i = j + 1
			continue
		}
		return line[:j]
	}
}
