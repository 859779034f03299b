package postextract

import (
	"html"
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
			cuts = append(cuts, textCut{m[0], m[1], s[m[2]:m[3]]})
		}
	}
	return cuts
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

var (
	containerRE = regexp.MustCompile(`(?m)^[ \t]{0,3}:{3,}.*$`)
	embedRE     = regexp.MustCompile(`!\[\[([^\[\]\n]+)\]\]`)
	wikiLinkRE  = regexp.MustCompile(`\[\[([^\[\]\n]+)\]\]`)
	embedSizeRE = regexp.MustCompile(`^\s*(\d+)(?:\s*x\s*(\d+))?\s*$`)
)

// obsidianPass rewrites, outside code, ::: fence lines (their content
// stays), Obsidian embeds (an image file becomes an <img>, a note its
// name) and wiki links (their shown text).
func obsidianPass(s string, regions []region) (string, []region) {
	if !strings.Contains(s, ":::") && !strings.Contains(s, "[[") {
		return s, regions // nothing to rewrite, in code or out
	}
	var b strings.Builder
	var out []region
	last := 0
	for _, r := range append(regions, region{a: len(s), b: len(s)}) {
		b.WriteString(obsidian(s[last:r.a]))
		if r.b > r.a {
			n := b.Len()
			b.WriteString(s[r.a:r.b])
			out = append(out, region{a: n, b: b.Len(), html: r.html})
		}
		last = r.b
	}
	return b.String(), out
}

func obsidian(t string) string {
	if !strings.Contains(t, ":::") && !strings.Contains(t, "[[") {
		return t
	}
	if strings.Contains(t, ":::") {
		t = containerRE.ReplaceAllString(t, "")
	}
	if !strings.Contains(t, "[[") {
		return t
	}
	t = embedRE.ReplaceAllStringFunc(t, func(m string) string {
		target, opt, _ := strings.Cut(m[3:len(m)-2], "|")
		target = strings.TrimSpace(target)
		name, _, _ := strings.Cut(target, "#")
		if !isImageFile(name) {
			return target // an embedded note reads as its name
		}
		attrs := ` src="` + html.EscapeString(target) + `"`
		if sz := embedSizeRE.FindStringSubmatch(opt); sz != nil {
			attrs += ` width="` + sz[1] + `"`
			if sz[2] != "" {
				attrs += ` height="` + sz[2] + `"`
			}
		} else if o := strings.TrimSpace(opt); o != "" {
			attrs += ` alt="` + html.EscapeString(o) + `"`
		}
		return "<img" + attrs + ">"
	})
	return wikiLinkRE.ReplaceAllStringFunc(t, func(m string) string {
		target, shown, ok := strings.Cut(m[2:len(m)-2], "|")
		if ok {
			return shown
		}
		return target
	})
}
