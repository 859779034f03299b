package postextract

import (
	"html"
	"regexp"
	"sort"
	"strings"

	"github.com/yuin/goldmark/ast"
)

// expandTags reads a body's template tags — Hugo shortcodes, Hexo tag
// plugins, Liquid tags — into the Markdown or HTML they stand for, and in a
// Markdown body also Obsidian links and embeds, ::: container fences,
// kramdown attribute lists and callout markers. Outside code only: inside
// code (fenced and indented blocks, code spans, <pre>, <code>) only the
// escapes are read ({% raw %} markers vanish, {{</* x */>}} is {{< x >}}).
// doc is the body's CommonMark parse, when the sniffing made one.
func expandTags(body []byte, markdown bool, doc ast.Node) []byte {
	s := string(body)
	if !strings.Contains(s, "{") && (!markdown || !strings.Contains(s, "[[") &&
		!strings.Contains(s, ":::") && !strings.Contains(s, "[!")) {
		return body
	}
	x := expander{markdown: markdown}
	regions := codeRegions(s, markdown, doc)
	if markdown {
		if t := stripMarks(s, regions); t != s {
			s, regions = t, codeRegions(t, markdown, nil)
		}
		s, regions = obsidianPass(s, regions)
	}
	x.s = s
	x.tokenize(regions)
	x.pairs()
	return []byte(x.render(0, len(x.toks)))
}

// region is a span of code in a body: Markdown code or raw HTML <pre>/<code>.
type region struct {
	a, b int
	html bool
}

// codeRegions finds the code of s, in order, without overlaps; doc is the
// CommonMark parse of s, if made already.
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
		for _, h := range htmlCodeSpans(s, lo, hi) {
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
// opening line) to the end of its last (a closing fence).
func markdownCodeBlocks(s string, doc ast.Node) []region {
	if doc == nil {
		if !mayHaveCodeBlock(s) {
			return nil
		}
		doc = parseMarkdown([]byte(s))
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
		if lines.Len() == 0 {
			return ast.WalkSkipChildren, nil
		}
		a := lineStart(s, lines.At(0).Start)
		b := lineEnd(s, lines.At(lines.Len()-1).Stop)
		if k == ast.KindFencedCodeBlock {
			if a > 0 {
				a = lineStart(s, a-1) // the opening fence
			}
			if b < len(s) {
				if next := lineEnd(s, b+1); isFenceLine(s[b:next]) {
					b = next
				}
			}
		}
		out = append(out, region{a: a, b: b})
		return ast.WalkSkipChildren, nil
	})
	// Merge what overlaps.
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

// mayHaveCodeBlock reports whether s has a fence or an indented line: only
// then can CommonMark find a code block in it.
func mayHaveCodeBlock(s string) bool {
	if strings.Contains(s, "```") || strings.Contains(s, "~~~") || strings.HasPrefix(s, "    ") ||
		strings.HasPrefix(s, "\t") {
		return true
	}
	return strings.Contains(s, "\n    ") || strings.Contains(s, "\n\t")
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

// htmlCodeSpans finds raw <pre>…</pre> and <code>…</code> in s[lo:hi].
func htmlCodeSpans(s string, lo, hi int) []region {
	var out []region
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
		if name == "" || strings.IndexByte(" \t\n\r\f>/", s[after]) < 0 {
			p = i + 1
			continue
		}
		end := closingTag(s[:hi], after, name)
		if end < 0 {
			p = i + 1
			continue
		}
		out = append(out, region{a: i, b: end, html: true})
		p = end
	}
	return out
}

// closingTag returns the end of the first </name> (any case, blanks before
// ">") after s[from:], or -1.
func closingTag(s string, from int, name string) int {
	for p := from; ; {
		i := strings.Index(s[p:], "</")
		if i < 0 {
			return -1
		}
		j := p + i + 2
		if j+len(name) <= len(s) && strings.EqualFold(s[j:j+len(name)], name) {
			k := j + len(name)
			for k < len(s) && strings.IndexByte(" \t\n\r\f", s[k]) >= 0 {
				k++
			}
			if k < len(s) && s[k] == '>' {
				return k + 1
			}
		}
		p = j
	}
}

// codeSpans finds Markdown code spans in s[lo:hi]: a backtick run closed by
// a run of the same length, within one paragraph.
func codeSpans(s string, lo, hi int) []region {
	type run struct{ a, b int }
	var runs []run
	for i := lo; i < hi; {
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
		bs := 0
		for a-bs-1 >= 0 && s[a-bs-1] == '\\' {
			bs++
		}
		if bs%2 == 1 { // escaped: a literal backtick, the rest may open
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
		if closeAt >= 0 && !hasBlankLine(s[b:runs[closeAt].a]) {
			out = append(out, region{a: a, b: runs[closeAt].b})
			k = closeAt + 1
		} else {
			k++
		}
	}
	return out
}

// inRegion reports whether [a, b) overlaps one of the sorted regions.
func inRegion(regions []region, a, b int) bool {
	i := sort.Search(len(regions), func(i int) bool { return regions[i].b > a })
	return i < len(regions) && regions[i].a < b
}

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
	type cut struct {
		a, b int
		with string
	}
	var cuts []cut
	var callouts [][]int
	if strings.Contains(s, "[!") {
		callouts = calloutRE.FindAllStringSubmatchIndex(s, -1)
	}
	// Attribute lists, a line at a time, so that a line of thousands costs
	// one pass over it.
	for ls := 0; ls < len(s) && strings.Contains(s[ls:], "{:"); {
		le := strings.IndexByte(s[ls:], '\n')
		if le < 0 {
			le = len(s)
		} else {
			le += ls
		}
		line := s[ls:le]
		if strings.Contains(line, "{:") {
			ials := ialRE.FindAllStringIndex(line, -1)
			if len(ials) > 0 && ialOnlyLine(line) && !inRegion(regions, ls, le) {
				cuts = append(cuts, cut{ls, le, quotePrefix(line)})
			} else {
				for _, m := range ials {
					a, b := ls+m[0], ls+m[1]
					if after := s[a+2]; after == ':' || after == '/' || inRegion(regions, a, b) {
						continue
					}
					if a > 0 && strings.IndexByte(")]*_`~>", s[a-1]) >= 0 {
						cuts = append(cuts, cut{a, b, ""})
					}
				}
			}
		}
		ls = le + 1
	}
	for _, m := range callouts {
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
			cuts = append(cuts, cut{m[0], m[1], s[m[2]:m[3]]})
		}
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
	t = containerRE.ReplaceAllString(t, "")
	t = embedRE.ReplaceAllStringFunc(t, func(m string) string {
		target, opt, _ := strings.Cut(m[3:len(m)-2], "|")
		target = strings.TrimSpace(target)
		name, _, _ := strings.Cut(target, "#")
		if !isImageName(strings.TrimSpace(name)) {
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

// expander reads the template tags of a body that its code regions have
// been found in.
type expander struct {
	markdown bool
	s        string
	toks     []token
	pair     map[int]int // index of an opening tag → index of its closing tag
}

// token is text, code or a tag.
type token struct {
	text string
	code bool // text that is code: only escapes are read
	html bool // code that is raw HTML
	tag  *tag
}

func (x *expander) tokenize(regions []region) {
	s, last := x.s, 0
	for _, r := range append(regions, region{a: len(s), b: len(s)}) {
		p := last
		for i := last; i < r.a; i++ {
			if s[i] != '{' {
				continue
			}
			t, ok := scanTag(s[:r.a], i)
			if !ok {
				continue
			}
			if i > p {
				x.toks = append(x.toks, token{text: s[p:i]})
			}
			x.toks = append(x.toks, token{tag: &t})
			p, i = t.end, t.end-1
		}
		if r.a > p {
			x.toks = append(x.toks, token{text: s[p:r.a]})
		}
		if r.b > r.a {
			x.toks = append(x.toks, token{text: s[r.a:r.b], code: true, html: r.html})
		}
		last = r.b
	}
}

// pairs matches opening and closing tags: a closing tag closes the nearest
// open tag of its name and family (Liquid, or Hugo), and whatever is open
// inside it; {% raw %} runs to the first {% endraw %}.
func (x *expander) pairs() {
	x.pair = map[int]int{}
	// rawEnd[i] is the index of the first {% endraw %} after toks[i], or 0.
	rawEnd := make([]int, len(x.toks))
	for i, next := len(x.toks)-1, 0; i >= 0; i-- {
		rawEnd[i] = next
		if u := x.toks[i].tag; u != nil && u.kind == synLiquid && u.close && u.name == "raw" {
			next = i
		}
	}
	var stack []int
	for i := 0; i < len(x.toks); i++ {
		t := x.toks[i].tag
		if t == nil || !t.pairable() {
			continue
		}
		if t.kind == synLiquid && t.name == "raw" && !t.close {
			if k := rawEnd[i]; k > 0 {
				x.pair[i] = k
				i = k
				continue
			}
		}
		if !t.close {
			stack = append(stack, i)
			continue
		}
		for k := len(stack) - 1; k >= 0; k-- {
			o := x.toks[stack[k]].tag
			if o.name == t.name && (o.kind == synLiquid) == (t.kind == synLiquid) {
				x.pair[stack[k]] = i
				stack = stack[:k]
				break
			}
		}
	}
}

func (x *expander) source(i, j int) string {
	var b strings.Builder
	for _, t := range x.toks[i:j] {
		if t.tag != nil {
			b.WriteString(t.tag.src)
		} else {
			b.WriteString(t.text)
		}
	}
	return b.String()
}

// alone reports whether a tag is alone on its line, and the blanks before it.
func (x *expander) alone(t *tag) (bool, string) {
	ls := strings.LastIndexByte(x.s[:t.start], '\n') + 1
	le := strings.IndexByte(x.s[t.end:], '\n')
	if le < 0 {
		le = len(x.s)
	} else {
		le += t.end
	}
	before, after := x.s[ls:t.start], x.s[t.end:le]
	return strings.TrimSpace(before) == "" && strings.TrimSpace(after) == "", before
}

func (x *expander) render(lo, hi int) string {
	var b strings.Builder
	for i := lo; i < hi; i++ {
		tk := x.toks[i]
		t := tk.tag
		if t == nil {
			if tk.code {
				b.WriteString(codeEscapes(tk.text, tk.html))
			} else {
				b.WriteString(tk.text)
			}
			continue
		}
		j, paired := x.pair[i]
		switch {
		case t.kind == synEscAngle || t.kind == synEscPercent:
			b.WriteString(html.EscapeString(t.literal()))
		case t.kind == synOutput:
			if !siteVarRE.MatchString(t.src[2 : len(t.src)-2]) {
				b.WriteString(t.src) // not a site variable: text
			}
		case t.close || t.name == "":
		case paired && j < hi:
			b.WriteString(x.paired(i, j))
			i = j
		default:
			b.WriteString(x.single(t))
		}
	}
	return b.String()
}

// single reads a tag that stands alone.
func (x *expander) single(t *tag) string {
	switch templateTags[t.name] {
	case tagImage:
		alone, _ := x.alone(t)
		return imageHTML(t.image(), "", x.markdown && alone)
	case tagText:
		return t.textTag(x.markdown)
	case tagInclude:
		return t.argImages()
	case tagNothing:
		return ""
	}
	return t.singleTag(x.markdown) // theme tags keep their images
}

// paired reads a tag with its content, toks[i+1:j].
func (x *expander) paired(i, j int) string {
	t, end := x.toks[i].tag, x.toks[j].tag
	if t.name == "raw" {
		return x.source(i+1, j)
	}
	rule := templateTags[t.name]
	switch rule {
	case tagNothing:
		return ""
	case tagCode:
		return x.code(t, end, codeEscapes(x.source(i+1, j), false))
	}
	inner := x.render(i+1, j)
	switch rule {
	case tagInclude:
		return t.argImages() + inner
	case tagQuote:
		if footer := t.quoteFooter(); footer != "" {
			inner = strings.TrimRight(inner, " \t\r\n") + "\n" + bodyText(footer, x.markdown)
		}
		return "<blockquote>\n" + inner + "\n\n</blockquote>\n"
	case tagImage:
		alone, _ := x.alone(t)
		return imageHTML(t.image(), inner, x.markdown && alone)
	}
	return inner
}

// code writes a code tag as an HTML block of its own, <pre><code
// class="language-X">, its content literal: a fenced block would be
// swallowed where the tag sits inside an HTML block.
func (x *expander) code(t, end *tag, content string) string {
	cls := ""
	if lang := t.codeLang(); lang != "" {
		cls = ` class="language-` + html.EscapeString(lang) + `"`
	}
	content = strings.TrimPrefix(content, "\n")
	block := "<pre><code" + cls + ">" + html.EscapeString(content) + "</code></pre>"
	head := "\n\n"
	if alone, before := x.alone(t); alone {
		head = "\n" + before
	}
	tail := "\n"
	if alone, _ := x.alone(end); alone {
		tail = ""
	}
	return head + block + tail
}

// codeEscapes reads the escapes inside code: {% raw %} and {% endraw %}
// vanish, {{</* x */>}} reads {{< x >}} (HTML-escaped in raw HTML code).
func codeEscapes(s string, inHTML bool) string {
	if !strings.Contains(s, "{{") && !strings.Contains(s, "{%") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '{' {
			b.WriteByte(s[i])
			continue
		}
		if t, ok := scanTag(s, i); ok && (t.kind == synEscAngle || t.kind == synEscPercent) {
			lit := t.literal()
			if inHTML {
				lit = html.EscapeString(lit)
			}
			b.WriteString(lit)
			i = t.end - 1
			continue
		}
		if end, ok := rawMarker(s, i); ok {
			i = end - 1
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// rawMarker matches {% raw %}, {% endraw %} (with - trims) at s[i:].
func rawMarker(s string, i int) (int, bool) {
	if !strings.HasPrefix(s[i:], "{%") {
		return 0, false
	}
	j := strings.Index(s[i+2:], "%}")
	if j < 0 || j > 40 {
		return 0, false
	}
	inside := strings.TrimSpace(strings.Trim(strings.TrimSpace(s[i+2:i+2+j]), "-"))
	if inside == "raw" || inside == "endraw" {
		return i + 2 + j + 2, true
	}
	return 0, false
}
