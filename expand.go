package postextract

import (
	"bytes"
	"html"
	"sort"
	"strings"

	"github.com/yuin/goldmark/ast"
)

// expandShortcodes reads a body's shortcodes — Hugo shortcodes, Hexo tag
// plugins, Liquid tags — into the Markdown or HTML they stand for, and in a
// Markdown body also Obsidian links and embeds, ::: container fences,
// kramdown attribute lists and callout markers. Outside code only: inside
// code (fenced and indented blocks, code spans, <pre>, <code>) only the
// escapes are read ({% raw %} markers vanish, {{</* x */>}} is {{< x >}}).
// blocks is the body's block parse (parseBlocks), when the sniffing made
// one; rules say what each known shortcode becomes.
func expandShortcodes(body []byte, markdown bool, blocks ast.Node, rules map[string]shortcodeRule, ps *postSource) []byte {
	if !mayHaveShortcodes(body, markdown) {
		return body
	}
	return expandAll(body, markdown, blocks, rules, ps)
}

// expandAll is expandShortcodes without its first look.
func expandAll(body []byte, markdown bool, blocks ast.Node, rules map[string]shortcodeRule, ps *postSource) []byte {
	s := string(body)
	x := expander{markdown: markdown, rules: rules, post: ps}
	regions := codeRegions(s, markdown, blocks)
	if markdown {
		if t := stripMarks(s, regions); t != s {
			s, regions = t, codeRegions(t, markdown, nil)
		}
		s, regions = obsidianPass(s, regions, ps.gen)
	}
	x.s = s
	x.tokenize(regions)
	x.zolaEnds()
	x.pairs()
	return []byte(x.render(0, len(x.toks)))
}

// mayHaveShortcodes reports whether expandShortcodes may change body:
// every shortcode and escape starts "{{" or "{%", and in Markdown a
// kramdown attribute list or extension "{:", an Obsidian link "[[", a
// container ":::", a callout "[!" or heading attributes "{#", "{.". A
// brace in code is none of them.
func mayHaveShortcodes(body []byte, markdown bool) bool {
	if bytes.Contains(body, []byte("{{")) || bytes.Contains(body, []byte("{%")) {
		return true
	}
	if markdown {
		for _, mark := range [...]string{"{:", "[[", ":::", "[!", "{#", "{."} {
			if bytes.Contains(body, []byte(mark)) {
				return true
			}
		}
	}
	return false
}

// expander reads the shortcodes of a body that its code regions have
// been found in.
type expander struct {
	markdown bool
	rules    map[string]shortcodeRule // what each known shortcode becomes
	post     *postSource              // where the post was read from; post.gen is never nil
	s        string
	toks     []token
	pair     map[int]int // index of an opening shortcode → index of its closing shortcode
	newlines []int       // offsets of the newlines of s, made at the first alone
	raw      []region    // the raw HTML of s, made at the first inRawHTML
}

// token is text, code or a shortcode.
type token struct {
	text string
	code bool // text that is code: only escapes are read
	html bool // code that is raw HTML
	tag  *shortcode
}

func (x *expander) tokenize(regions []region) {
	s, last := x.s, 0
	for _, r := range append(regions, region{a: len(s), b: len(s)}) {
		p := last
		for i := last; i < r.a; i++ {
			k := strings.IndexByte(s[i:r.a], '{')
			if k < 0 {
				break
			}
			i += k
			t, ok := scanShortcode(s[:r.a], i)
			if !ok {
				continue
			}
			if x.gen().zolaShortcodes {
				t = zolaForm(t)
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

// pairs matches opening and closing shortcodes: a closing shortcode closes the nearest
// open shortcode of its name and family (Liquid, or Hugo), and whatever is open
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

// alone reports whether a shortcode is alone on its line, and the blanks before it.
func (x *expander) alone(t *shortcode) (bool, string) {
	if x.newlines == nil {
		// Found once: a line of thousands of shortcodes must not be
		// searched back to its start for each of them.
		x.newlines = []int{-1}
		for i := strings.IndexByte(x.s, '\n'); i >= 0; {
			x.newlines = append(x.newlines, i)
			j := strings.IndexByte(x.s[i+1:], '\n')
			if j < 0 {
				break
			}
			i += 1 + j
		}
	}
	k := sort.SearchInts(x.newlines, t.start) // the first newline at or after start
	ls, le := x.newlines[k-1]+1, len(x.s)
	if k2 := sort.SearchInts(x.newlines, t.end); k2 < len(x.newlines) {
		le = x.newlines[k2]
	}
	before, after := x.s[ls:t.start], x.s[t.end:le]
	// Before it, blanks and block quotes' markers: the line's containers.
	return strings.TrimLeft(before, " \t>") == "" && strings.TrimSpace(after) == "", before
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
			if v, ok := x.output(t); ok {
				b.WriteString(v)
			} else {
				b.WriteString(t.src) // neither a site variable nor a URL: text
			}
		case t.close || t.name == "":
		case paired && j < hi:
			b.WriteString(x.paired(i, j))
			i = j
		default:
			b.WriteString(x.indented(t, x.single(t)))
		}
	}
	return b.String()
}

// indented returns what a shortcode alone on an indented line of a
// Markdown body writes, its lines after the first indented as that line
// is: inside a list item they stay in the item (a figure's caption, a
// quote's end), where a line at the margin would end the list.
func (x *expander) indented(t *shortcode, s string) string {
	if !x.markdown || strings.IndexByte(s, '\n') < 0 {
		return s
	}
	alone, before := x.alone(t)
	if !alone || before == "" {
		return s
	}
	lines := strings.Split(s, "\n")
	for i := 1; i < len(lines); i++ {
		if lines[i] != "" {
			lines[i] = before + lines[i]
		}
	}
	return strings.Join(lines, "\n")
}

// single reads a shortcode that stands alone.
func (x *expander) single(t *shortcode) string {
	switch x.rules[t.name] {
	case ruleImage:
		alone, _ := x.alone(t)
		return imageHTML(t.image(), "", x.markdown && alone)
	case ruleText:
		if t.kind == synZola {
			return t.singleShortcode(x.markdown) // keyword arguments: text=/title=, url=
		}
		return t.textShortcode(x.markdown)
	case ruleInclude:
		return t.argImages()
	case ruleURL:
		// asset_path: where it stands, in an attribute or a Markdown
		// destination as often as in text.
		if p := t.positional(); len(p) > 0 {
			return html.EscapeString(p[0])
		}
		return ""
	case ruleNothing:
		return ""
	}
	return t.singleShortcode(x.markdown) // theme shortcodes keep their images
}

// paired reads a shortcode with its content, toks[i+1:j].
func (x *expander) paired(i, j int) string {
	t, end := x.toks[i].tag, x.toks[j].tag
	if t.name == "raw" {
		return x.source(i+1, j)
	}
	rule := x.rules[t.name]
	switch rule {
	case ruleNothing:
		return ""
	case ruleCode:
		return x.code(t, end, codeEscapes(x.source(i+1, j), false))
	}
	inner := x.render(i+1, j)
	switch rule {
	case ruleInclude:
		return t.argImages() + inner
	case ruleQuote:
		if footer, md := t.quoteFooter(); footer != "" {
			if !md || !x.markdown {
				footer = bodyText(footer, x.markdown)
			}
			inner = strings.TrimRight(inner, " \t\r\n") + "\n" + footer
		}
		return x.quote(t, "", inner)
	case ruleAdmonition:
		if t.admonitionFamily() {
			return x.quote(t, t.admonitionTitle(), inner)
		}
	case ruleImage:
		alone, _ := x.alone(t)
		return imageHTML(t.image(), inner, x.markdown && alone)
	case ruleTabs:
		return tabTitles(inner)
	case rulePullquote:
		if x.gen().liquidURLs {
			// Octopress: {" marks "} the words pulled out; they stay in place.
			return strings.NewReplacer(`{"`, "", `"}`, "").Replace(inner)
		}
	}
	return inner
}

// quote writes a quote shortcode's content as a quote, its title, when it
// has one, a paragraph of its own first; its end line is indented as the
// tag's line, to stay in a list item.
func (x *expander) quote(t *shortcode, title, inner string) string {
	_, before := x.alone(t)
	if !x.markdown || strings.TrimSpace(before) != "" {
		before = ""
	}
	head := "<blockquote>\n"
	if title != "" {
		head += "<p>" + html.EscapeString(title) + "</p>\n\n"
	}
	return head + inner + "\n\n" + before + "</blockquote>\n"
}

// code writes a code shortcode as an HTML block of its own, <pre><code
// class="language-X">, its content literal: a fenced block would be
// swallowed where the shortcode sits inside an HTML block.
func (x *expander) code(t, end *shortcode, content string) string {
	lang := t.lang()
	content = strings.TrimPrefix(content, "\n")
	head := "\n\n"
	alone, before := x.alone(t)
	if alone {
		head = "\n" + before
	}
	tail := "\n"
	if alone, _ := x.alone(end); alone {
		tail = ""
	}
	if x.markdown && alone && !x.inRawHTML(t.start) {
		// A fence where the tag stands: CommonMark strips the containers'
		// markers and the fence's indentation from every line alike, as
		// it does for a fence written there (a list item, a quote).
		return head + fenced(content, lang, before) + tail
	}
	cls := ""
	if lang != "" {
		cls = ` class="language-` + html.EscapeString(lang) + `"`
	}
	// The content starts on a line of its own, as it is written; the
	// newline after <code> is no text of the block.
	return head + "<pre><code" + cls + ">\n" + html.EscapeString(content) + "</code></pre>" + tail
}

// fenced writes code as a fenced block whose fences start with before (a
// line's containers and indentation): longer than any run of backticks
// in it, the info string the language when it can be one.
func fenced(content, lang, before string) string {
	run, longest := 0, 0
	for i := 0; i < len(content); i++ {
		if content[i] == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	fence := strings.Repeat("`", max(3, longest+1))
	if strings.ContainsAny(lang, "` \t\n") {
		lang = ""
	}
	// The end tag's own line, blanks or containers only, is no code.
	if i := strings.LastIndexByte(content, '\n'); i >= 0 && strings.TrimLeft(content[i:], " \t>\n") == "" {
		content = content[:i]
	} else if strings.TrimLeft(content, " \t>") == "" {
		content = ""
	}
	if content != "" {
		content += "\n"
	}
	return fence + lang + "\n" + content + before + fence
}

// inRawHTML reports whether offset i of the body is inside raw HTML, where
// Markdown is not read.
func (x *expander) inRawHTML(i int) bool {
	if x.raw == nil {
		x.raw = append(rawHTMLRegions(x.s), region{a: len(x.s) + 1, b: len(x.s) + 1})
	}
	return inRegion(x.raw, i, i+1)
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
		if t, ok := scanShortcode(s, i); ok && (t.kind == synEscAngle || t.kind == synEscPercent) {
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
