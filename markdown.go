package postextract

import (
	"bytes"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// markdownRenderer turns a Markdown body into the HTML that the walk reads:
// CommonMark with GFM (tables, strikethrough, task lists, autolinks) and
// footnotes, raw HTML kept inline and as blocks, a soft break between two
// East Asian characters joining them with nothing. No typographer: text
// stays as written. goldmark is safe for concurrent use.
var markdownRenderer = goldmark.New(
	goldmark.WithExtensions(extension.Table, extension.Strikethrough,
		extension.NewLinkify(extension.WithLinkifyURLRegexp(gfmURL), extension.WithLinkifyWWWRegexp(gfmWWW)),
		extension.Footnote, extension.NewCJK(extension.WithEastAsianLineBreaks())),
	goldmark.WithParserOptions(parser.WithASTTransformers(util.Prioritized(cjkBreaks{}, 0),
		util.Prioritized(tableEnds{}, 1)),
		parser.WithInlineParsers(util.Prioritized(taskMarker{}, 0))),
	goldmark.WithRendererOptions(html.WithUnsafe(),
		renderer.WithNodeRenderers(util.Prioritized(extension.NewTaskCheckBoxHTMLRenderer(), 500))),
)

// taskMarker reads a task list item's [ ] or [x] as GFM's reference
// implementation does: only with white space and more text after it (goldmark's
// own takes "- [ ]" and "- [x]text" too, and loses their text).
type taskMarker struct{}

var taskMarkerRE = regexp.MustCompile(`^\[([ \txX])\][ \t]+`)

// Trigger is the character that may start a marker.
func (taskMarker) Trigger() []byte { return []byte{'['} }

// Parse reads the marker at the start of a list item's first line.
func (taskMarker) Parse(parent ast.Node, block text.Reader, _ parser.Context) ast.Node {
	item, ok := parent.Parent().(*ast.ListItem)
	if !ok || item.FirstChild() != parent || parent.HasChildren() {
		return nil
	}
	line, _ := block.PeekLine()
	m := taskMarkerRE.FindSubmatchIndex(line)
	if m == nil || m[1] >= len(line) || line[m[1]] == '\n' || line[m[1]] == '\r' {
		return nil // no text after it
	}
	block.Advance(m[1])
	return east.NewTaskCheckBox(line[m[2]] == 'x' || line[m[2]] == 'X')
}

// cjkBreaks joins a soft line break between two East Asian characters with
// nothing when a mark or a link ends or starts at it too (**中文**\n文字):
// goldmark's CJK option only looks at two plain text nodes side by side.
type cjkBreaks struct{}

// Transform clears the soft break after the last character of a line when
// that and the next line's first character are both East Asian wide.
func (cjkBreaks) Transform(doc *ast.Document, reader text.Reader, _ parser.Context) {
	src := reader.Source()
	var pending *ast.Text // a soft break not yet resolved
	var last, atBreak rune
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		t, ok := n.(*ast.Text)
		if !entering || !ok {
			return ast.WalkContinue, nil
		}
		v := t.Segment.Value(src)
		if pending != nil && len(v) > 0 {
			if first, _ := utf8.DecodeRune(v); util.IsEastAsianWideRune(atBreak) && util.IsEastAsianWideRune(first) {
				pending.SetSoftLineBreak(false)
			}
			pending = nil
		}
		if len(v) > 0 {
			last, _ = utf8.DecodeLastRune(v)
		}
		if t.SoftLineBreak() {
			pending, atBreak = t, last
		}
		return ast.WalkContinue, nil
	})
}

// tableEnds ends a table at a line that is only "|", as GFM's reference
// implementation does: goldmark makes it a row of empty cells and loses
// the "|". The line and the rows after it become a paragraph of their text.
type tableEnds struct{}

// Transform moves the rows from a lone "|" on out of their table.
func (tableEnds) Transform(doc *ast.Document, reader text.Reader, _ parser.Context) {
	src := reader.Source()
	var tables []*east.Table
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := n.(*east.Table); ok && entering {
			tables = append(tables, t)
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	for _, t := range tables {
		var cut ast.Node
		for row := t.FirstChild(); row != nil; row = row.NextSibling() {
			if _, ok := row.(*east.TableRow); ok && row.Pos() >= 0 && row.Pos() < len(src) {
				line := src[row.Pos():]
				if i := bytes.IndexByte(line, '\n'); i >= 0 {
					line = line[:i]
				}
				if string(bytes.TrimSpace(line)) == "|" {
					cut = row
					break
				}
			}
		}
		if cut == nil {
			continue
		}
		para := ast.NewParagraph()
		for row := cut; row != nil; {
			next := row.NextSibling()
			start, end := row.Pos(), len(src)
			if i := bytes.IndexByte(src[start:], '\n'); i >= 0 {
				end = start + i
			}
			txt := ast.NewTextSegment(text.NewSegment(start, end))
			txt.SetSoftLineBreak(next != nil)
			para.AppendChild(para, txt)
			t.RemoveChild(t, row)
			row = next
		}
		t.Parent().InsertAfter(t.Parent(), t, para)
	}
}

// gfmURL and gfmWWW are GFM's extended autolinks: a scheme or www., a
// domain, then everything up to white space or "<" (goldmark's own stop at
// the first character outside ASCII, and so read "**http://h/a**里" as
// emphasis where GFM reads a link and two asterisks).
var (
	gfmURL = regexp.MustCompile(`^(?:https?|ftp)://[-a-zA-Z0-9_]+(?:\.[-a-zA-Z0-9_]+)*[^\s<]*`)
	gfmWWW = regexp.MustCompile(`^www\.[-a-zA-Z0-9_]+(?:\.[-a-zA-Z0-9_]+)+[^\s<]*`)
)

// parseMarkdown reads a Markdown body into goldmark's tree, once: the
// sniffing and the rendering both use it.
func parseMarkdown(body []byte) ast.Node {
	return markdownRenderer.Parser().Parse(text.NewReader(body))
}

// blockParser is markdownRenderer's parser without its inline parsers and
// AST transformers: the same blocks (CommonMark's, footnote definitions,
// and the paragraph transformers that take reference definitions and
// tables out of paragraphs, which decides what a following line is), with
// their text unread.
var blockParser = parser.NewParser(
	parser.WithBlockParsers(append(parser.DefaultBlockParsers(),
		util.Prioritized(extension.NewFootnoteBlockParser(), 999))...),
	parser.WithParagraphTransformers(append(parser.DefaultParagraphTransformers(),
		util.Prioritized(extension.NewTableParagraphTransformer(), 200))...))

// parseBlocks reads the blocks of a Markdown body, not their inline text:
// enough to find code blocks, and most of what only Markdown writes.
func parseBlocks(body []byte) ast.Node {
	return blockParser.Parse(text.NewReader(body))
}

// renderMarkdown returns the HTML of a Markdown body; doc is its tree, or
// nil to parse it.
func renderMarkdown(body []byte, doc ast.Node) []byte {
	if doc == nil {
		doc = parseMarkdown(body)
	}
	var buf bytes.Buffer
	buf.Grow(len(body) + len(body)/2)
	// Writing to a bytes.Buffer cannot fail, and goldmark returns no other
	// error.
	_ = markdownRenderer.Renderer().Render(&buf, body, doc)
	return buf.Bytes()
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
// the rendering or the code regions of the template-tag pass.
func sniffMarkdown(body []byte) (bool, markdownParse) {
	switch quickSniff(body) {
	case sniffHTML:
		return false, markdownParse{}
	case sniffMarkdownText:
		return true, markdownParse{}
	}
	// A body with template tags is parsed again once they are read: its
	// blocks alone settle it when one of them is evidence, and they serve
	// to find its code.
	if mayHaveTags(body, true) {
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
			hasHTML = true
		}
		return ast.WalkContinue, nil
	})
	return found || !hasHTML, markdownParse{full: doc}
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
				hasHTML, block, para, tick = true, b.after(rest[1:]), false, false
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
		if !hasHTML && !tick && hasTag(rest) {
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

const (
	htmlBlockNone    htmlBlock = iota
	htmlBlockPre               // <pre>, <script>, <style>, <textarea>: to the end tag
	htmlBlockComment           // <!--: to -->
	htmlBlockBlank             // a block-level tag: to a blank line
)

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
	j := tagName(name)
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
	// A line of one whole open or closing tag, then spaces, starts a block
	// that goes to a blank line (CommonMark's type 7).
	n := 0
	if closing {
		k := len(s) - len(rest)
		for k < len(s) && s[k] == ' ' {
			k++
		}
		switch {
		case bytes.HasPrefix(s[k:], []byte(">")):
			n = k + 1
		case bytes.HasPrefix(s[k:], []byte("/>")):
			n = k + 2
		}
	} else if n = openTag(s[1:]); n > 0 {
		n++
	}
	if n == 0 || len(bytes.TrimRight(s[n:], " ")) > 0 {
		return htmlBlockNone, true
	}
	return htmlBlockBlank, true
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

// hasTag reports whether s holds raw HTML as CommonMark reads it inline: an
// open tag (a name, attributes with unquoted, single- or double-quoted
// values, an optional "/", then ">") or a closing tag. A "<" after an odd
// number of backslashes is escaped, a literal.
func hasTag(s []byte) bool {
	for p := 0; ; {
		i := bytes.IndexByte(s[p:], '<')
		if i < 0 {
			return false
		}
		i += p
		p = i + 1
		if !escaped(s, i) && (openTag(s[p:]) > 0 || closeTag(s[p:]) > 0) {
			return true
		}
	}
}

func isAlpha(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// tagName reads [A-Za-z][A-Za-z0-9-]* at the start of s.
func tagName(s []byte) int {
	if len(s) == 0 || !isAlpha(s[0]) {
		return 0
	}
	j := 1
	for j < len(s) && (isAlpha(s[j]) || isDigit(s[j]) || s[j] == '-') {
		j++
	}
	return j
}

func skipBlanks(s []byte, j int) int {
	for j < len(s) && (s[j] == ' ' || s[j] == '\t' || s[j] == '\n') {
		j++
	}
	return j
}

// openTag reads an open tag after its "<" and returns its length up to
// and with its ">", or 0 when s does not start with one.
func openTag(s []byte) int {
	j := tagName(s)
	if j == 0 {
		return 0
	}
	for {
		k := skipBlanks(s, j)
		if k < len(s) && s[k] == '>' {
			return k + 1
		}
		if k+1 < len(s) && s[k] == '/' && s[k+1] == '>' {
			return k + 2
		}
		if k == j || k >= len(s) { // an attribute needs white space before it
			return 0
		}
		// attribute name: [a-zA-Z_:][a-zA-Z0-9_.:-]*
		if !(isAlpha(s[k]) || s[k] == '_' || s[k] == ':') {
			return 0
		}
		k++
		for k < len(s) && (isAlpha(s[k]) || isDigit(s[k]) || bytes.IndexByte([]byte("_.:-"), s[k]) >= 0) {
			k++
		}
		j = k
		v := skipBlanks(s, k)
		if v >= len(s) || s[v] != '=' {
			continue
		}
		v = skipBlanks(s, v+1)
		if v >= len(s) {
			return 0
		}
		switch q := s[v]; q {
		case '"', '\'':
			e := bytes.IndexByte(s[v+1:], q)
			if e < 0 {
				return 0
			}
			j = v + 1 + e + 1
		default:
			e := v
			for e < len(s) && bytes.IndexByte([]byte(" \t\n\"'=<>`"), s[e]) < 0 {
				e++
			}
			if e == v {
				return 0
			}
			j = e
		}
	}
}

// closeTag reads a closing tag after its "<" and returns its length up
// to and with its ">", or 0 when s does not start with one.
func closeTag(s []byte) int {
	if len(s) == 0 || s[0] != '/' {
		return 0
	}
	j := tagName(s[1:])
	if j == 0 {
		return 0
	}
	if k := skipBlanks(s, 1+j); k < len(s) && s[k] == '>' {
		return k + 1
	}
	return 0
}
