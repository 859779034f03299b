package postextract

import (
	"bytes"
	"path"
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
)

// markupFormats are the values of a front-matter markup key that choose the
// body's format.
var markupFormats = map[string]Format{
	"html": FormatHTML, "htm": FormatHTML,
	"md": FormatMarkdown, "markdown": FormatMarkdown, "goldmark": FormatMarkdown,
}

// autoFormat chooses a body's format when none was given: a front-matter
// markup key, then the file name (.html and .htm are HTML), then the body;
// sniffed reports the last, and parsed is what the sniffing parsed, if any.
func autoFormat(fm *frontMatter, name string) (f Format, sniffed bool, parsed markdownParse) {
	if k, ok := fm.key("markup"); ok {
		if f, ok := markupFormats[strings.ToLower(strings.TrimSpace(textOf(fm.text(k, fm.meta[k]))))]; ok {
			return f, false, parsed
		}
	}
	switch strings.ToLower(path.Ext(name)) {
	case ".html", ".htm":
		return FormatHTML, false, parsed
	}
	if md, parsed := sniffMarkdown(fm.body); md {
		return FormatMarkdown, true, parsed
	}
	return FormatHTML, true, parsed
}

// markdownEvidence are the constructs that only Markdown writes: a body
// that holds one is Markdown. (A footnote reference is a link to
// CommonMark without the footnote extension.)
var markdownEvidence = map[ast.NodeKind]bool{
	ast.KindHeading: true, ast.KindFencedCodeBlock: true, ast.KindList: true,
	ast.KindBlockquote: true, ast.KindThematicBreak: true, east.KindTable: true,
	ast.KindLink: true, ast.KindImage: true, east.KindFootnoteLink: true,
}

// sniffMarkdown reports whether a body is Markdown: read as CommonMark, it
// holds a construct that only Markdown writes (markdownEvidence), a line
// that is a Hugo shortcode, or an Obsidian embed; or it holds no HTML at
// all (plain text is Markdown). Paragraphs, indented code and HTML blocks
// are no evidence: an HTML body looks like them. A quick scan decides most
// HTML bodies without the CommonMark parse; what it parses, it returns, for
// the rendering or the code regions of the shortcode pass.
func sniffMarkdown(body []byte) (bool, markdownParse) {
	switch quickSniff(body) {
	case sniffHTML:
		return false, markdownParse{}
	case sniffMarkdownText:
		return true, markdownParse{}
	}
	if shortcodeLink(body) {
		return true, markdownParse{}
	}
	// A body with shortcodes is parsed again once they are read: its
	// blocks alone settle it when one of them is evidence, and they serve
	// to find its code.
	if mayHaveShortcodes(body, true) {
		if blocks := parseBlocks(body); blockEvidence(blocks) {
			return true, markdownParse{blocks: blocks}
		}
	}
	doc := parseMarkdown(body)
	found, hasHTML := false, false
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch k := n.Kind(); {
		case markdownEvidence[k]:
			found = true
			return ast.WalkStop, nil
		case k == ast.KindHTMLBlock || k == ast.KindRawHTML:
			hasHTML = hasHTML || !isComment(n, body)
		}
		return ast.WalkContinue, nil
	})
	return found || !hasHTML, markdownParse{full: doc}
}

// isComment reports whether an HTML block or inline raw HTML is an HTML
// comment (<!--more-->, <!-- toc -->), which Markdown posts write too:
// no evidence of an HTML body.
func isComment(n ast.Node, src []byte) bool {
	switch x := n.(type) {
	case *ast.HTMLBlock:
		return x.HTMLBlockType == ast.HTMLBlockType2
	case *ast.RawHTML:
		if x.Segments.Len() == 0 {
			return false
		}
		first := x.Segments.At(0)
		return bytes.HasPrefix(first.Value(src), []byte("<!--"))
	}
	return false
}

// shortcodeLink reports whether body holds a link in Markdown syntax whose
// destination is a shortcode, [t]({{< ref "x.md" >}}) or
// [t]({% post_url x %}): Markdown, which CommonMark alone cannot see (the
// shortcode's spaces end a destination), and which only a Markdown body
// writes.
func shortcodeLink(body []byte) bool {
	var s string // the body as a string, made at the first candidate
	for p := 0; ; {
		i := bytes.Index(body[p:], []byte("]({"))
		if i < 0 {
			return false
		}
		j := p + i + 2
		p = j
		if j+1 >= len(body) || body[j+1] != '{' && body[j+1] != '%' {
			continue
		}
		if s == "" {
			s = string(body)
		}
		if t, ok := scanShortcode(s, j); ok && t.name != "" {
			k := t.end
			for k < len(s) && s[k] == ' ' {
				k++
			}
			if k < len(s) && s[k] == ')' {
				return true
			}
		}
	}
}

// markdownParse is what the sniffing parsed of a body: the whole of it, or
// its blocks; nil when it did not.
type markdownParse struct {
	full, blocks ast.Node
}

// blockEvidence reports whether a block parse holds a block that only
// Markdown writes. Footnote definitions are not looked into: the whole
// parse drops those that nothing refers to.
func blockEvidence(doc ast.Node) bool {
	found := false
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		switch k := n.Kind(); {
		case !entering:
		case k == east.KindFootnoteList:
			return ast.WalkSkipChildren, nil
		case markdownEvidence[k]:
			found = true
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	return found
}

// shortcodeLine reports whether a line starts (after blanks) with a Hugo
// shortcode, {{< or {{%.
func shortcodeLine(body []byte) bool {
	if !bytes.Contains(body, []byte("{{")) {
		return false // the usual case, without cutting lines
	}
	for len(body) > 0 {
		var line []byte
		line, body = cutLine(body)
		line = bytes.TrimLeft(line, " \t")
		if bytes.HasPrefix(line, []byte("{{<")) || bytes.HasPrefix(line, []byte("{{%")) {
			return true
		}
	}
	return false
}

// cutLine returns the first line of b and the rest after its newline.
func cutLine(b []byte) (line, rest []byte) {
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		return b[:i], b[i+1:]
	}
	return b, nil
}

type quickVerdict uint8

const (
	sniffUnsure       quickVerdict = iota // parse as CommonMark to know
	sniffHTML                             // HTML, and nothing that could be Markdown
	sniffMarkdownText                     // no HTML at all, a shortcode line or an embed
)

// quickSniff decides without a CommonMark parse what the parse could only
// confirm. A body with no "<" has no HTML, and a body with a shortcode
// line or an Obsidian embed is Markdown. Otherwise its lines are read for
// the HTML blocks that goldmark starts (<pre>, <script>, <style>,
// <textarea> to their end tag, comments to "-->", block-level tags, and a
// line of one whole tag after no paragraph, to a blank line); a line
// outside them that could begin a Markdown construct (markdownStart), that
// holds "](", "![[" or "]:" (a reference definition), or that starts an
// HTML block the scan does not model leaves it unsure. A body with an HTML
// block, or a tag on a line indented less than four columns outside what
// may be a code span, and none of those, is HTML.
func quickSniff(body []byte) quickVerdict {
	if bytes.IndexByte(body, '<') < 0 || shortcodeLine(body) || bytes.Contains(body, []byte("![[")) {
		return sniffMarkdownText
	}
	// para: the last line was paragraph text, which a one-tag line does not
	// interrupt; tick: the paragraph has a backtick, and so may have a code
	// span, over lines, that holds what looks like a tag.
	hasHTML, block, para, tick := false, htmlBlockNone, false, false
	for len(body) > 0 {
		var line []byte
		line, body = cutLine(body)
		indent, i := 0, 0
		for ; i < len(line) && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r'); i++ {
			if line[i] == '\t' {
				indent += 4 - indent%4
			} else {
				indent++
			}
		}
		rest := line[i:]
		if len(rest) == 0 {
			if block == htmlBlockBlank {
				block = htmlBlockNone
			}
			para, tick = false, false
			continue
		}
		if block != htmlBlockNone {
			block = block.after(rest)
			continue
		}
		if indent < 4 {
			b, sure := htmlBlockStart(rest, para)
			if !sure {
				return sniffUnsure
			}
			if b != htmlBlockNone {
				hasHTML = hasHTML || b != htmlBlockComment // <!--more--> is no evidence
				block, para, tick = b.after(rest[1:]), false, false
				continue
			}
		}
		if markdownStart(rest) || bytes.Contains(rest, []byte("](")) || bytes.Contains(rest, []byte("![[")) ||
			bytes.Contains(rest, []byte("]:")) {
			return sniffUnsure
		}
		if indent >= 4 && !para {
			continue // indented code
		}
		tick = tick || bytes.IndexByte(rest, '`') >= 0
		if !hasHTML && !tick && hasHTMLTag(rest) {
			hasHTML = true
		}
		para = true
	}
	if hasHTML {
		return sniffHTML
	}
	return sniffUnsure
}

// htmlBlock is the kind of CommonMark HTML block a line is in, by how it
// ends.
type htmlBlock uint8

// htmlBlockTags are CommonMark's block-level tag names (HTML block type 6).
var htmlBlockTags = func() map[string]bool {
	m := map[string]bool{}
	for _, t := range strings.Fields(`address article aside base basefont blockquote body caption
		center col colgroup dd details dialog dir div dl dt fieldset figcaption figure footer form
		frame frameset h1 h2 h3 h4 h5 h6 head header hr html iframe legend li link main menu
		menuitem nav noframes ol optgroup option p param search section summary table tbody td
		tfoot th thead title tr track ul`) {
		m[t] = true
	}
	return m
}()

// htmlBlockStart reports which HTML block a line (its indentation
// trimmed) starts, as goldmark reads it; para tells whether the line
// follows paragraph text. sure is false for a line that may start a block
// the scan does not model (<?, <!DOCTYPE, <![CDATA[) or whose reading
// turns on details where goldmark and CommonMark differ (a tab or control
// character in a line that starts with a tag).
func htmlBlockStart(s []byte, para bool) (b htmlBlock, sure bool) {
	if s[0] != '<' {
		return htmlBlockNone, true
	}
	if bytes.HasPrefix(s, []byte("<!--")) {
		return htmlBlockComment, true
	}
	if len(s) > 1 && (s[1] == '?' || s[1] == '!') {
		return htmlBlockNone, false
	}
	closing := len(s) > 1 && s[1] == '/'
	name := s[1:]
	if closing {
		name = bytes.TrimLeft(name[1:], " ")
	}
	j := htmlTagName(name)
	if j == 0 {
		return htmlBlockNone, true
	}
	if bytes.IndexFunc(s, func(r rune) bool { return r < ' ' }) >= 0 {
		return htmlBlockNone, false
	}
	tag, rest := strings.ToLower(string(name[:j])), name[j:]
	// What may follow the name of a block that starts: a blank, ">", "/>"
	// or nothing.
	ends := len(rest) == 0 || rest[0] == ' ' || rest[0] == '>' || bytes.HasPrefix(rest, []byte("/>"))
	switch {
	case !closing && (tag == "pre" || tag == "script" || tag == "style" || tag == "textarea"):
		if ends {
			return htmlBlockPre, true
		}
		return htmlBlockNone, true
	case htmlBlockTags[tag]:
		if ends {
			return htmlBlockBlank, true
		}
		return htmlBlockNone, true
	case para || tag == "pre" || tag == "script" || tag == "style":
		return htmlBlockNone, true
	}
	if !wholeTagLine(s, len(s)-len(rest), closing) {
		return htmlBlockNone, true
	}
	return htmlBlockBlank, true
}

// wholeTagLine reports whether a line is one whole open or closing tag,
// then spaces, which starts a block that goes to a blank line (CommonMark's
// type 7); nameEnd is where the tag's name ends in s.
func wholeTagLine(s []byte, nameEnd int, closing bool) bool {
	n := 0
	if closing {
		k := nameEnd
		for k < len(s) && s[k] == ' ' {
			k++
		}
		switch {
		case bytes.HasPrefix(s[k:], []byte(">")):
			n = k + 1
		case bytes.HasPrefix(s[k:], []byte("/>")):
			n = k + 2
		}
	} else if n = openHTMLTag(s[1:]); n > 0 {
		n++
	}
	return n > 0 && len(bytes.TrimRight(s[n:], " ")) == 0
}

// after returns the block that goes on after a line inside it.
func (b htmlBlock) after(line []byte) htmlBlock {
	switch b {
	case htmlBlockPre:
		low := bytes.ToLower(line)
		for _, end := range [...]string{"</pre>", "</script>", "</style>", "</textarea>"} {
			if bytes.Contains(low, []byte(end)) {
				return htmlBlockNone
			}
		}
	case htmlBlockComment:
		if bytes.Contains(line, []byte("-->")) {
			return htmlBlockNone
		}
	}
	return b
}

// markdownStart reports whether a line (its blanks trimmed) starts with a
// character that can begin a Markdown construct.
func markdownStart(s []byte) bool {
	switch c := s[0]; {
	case c == '#' || c == '>' || c == '-' || c == '*' || c == '+' || c == '=' ||
		c == '_' || c == '|' || c == '~' || c == '`' || c == '{':
		return true
	case c == ':':
		// Only a table's delimiter row (":--|--:") starts with a colon: no
		// extension of ours reads ": text".
		return len(bytes.Trim(s, " \t\r|:-")) == 0
	case c >= '0' && c <= '9':
		i := 0
		for i < len(s) && i < 10 && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		return i < len(s) && (s[i] == '.' || s[i] == ')')
	}
	return false
}
