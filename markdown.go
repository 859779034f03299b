package postextract

import (
	"bytes"
	"regexp"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
)

// markdownRenderer turns a Markdown body into the HTML that the walk reads:
// CommonMark with GFM (tables, strikethrough, task lists, autolinks) and
// footnotes, raw HTML kept inline and as blocks, a soft break between two
// East Asian characters joining them with nothing. No typographer: text
// stays as written. goldmark is safe for concurrent use.
var markdownRenderer = goldmark.New(
	goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.TaskList,
		extension.NewLinkify(extension.WithLinkifyURLRegexp(gfmURL), extension.WithLinkifyWWWRegexp(gfmWWW)),
		extension.Footnote, extension.NewCJK(extension.WithEastAsianLineBreaks())),
	goldmark.WithRendererOptions(html.WithUnsafe()),
)

// gfmURL and gfmWWW are GFM's extended autolinks: a scheme or www., a
// domain, then everything up to white space or "<" (goldmark's own stop at
// the first character outside ASCII, and so read "**http://h/a**里" as
// emphasis where GFM reads a link and two asterisks).
var (
	gfmURL = regexp.MustCompile(`^(?:https?|ftp)://[-a-zA-Z0-9_]+(?:\.[-a-zA-Z0-9_]+)*[^\s<]*`)
	gfmWWW = regexp.MustCompile(`^www\.[-a-zA-Z0-9_]+(?:\.[-a-zA-Z0-9_]+)+[^\s<]*`)
)

// markdownSniffer reads a body as CommonMark with GFM tables, for the
// sniffing rule only.
var markdownSniffer = goldmark.New(goldmark.WithExtensions(extension.Table))

// renderMarkdown returns the HTML of a Markdown body.
func renderMarkdown(body []byte) []byte {
	var buf bytes.Buffer
	buf.Grow(len(body) + len(body)/2)
	// Writing to a bytes.Buffer cannot fail, and goldmark returns no other
	// error.
	_ = markdownRenderer.Convert(body, &buf)
	return buf.Bytes()
}

// markdownEvidence are the constructs that only Markdown writes: a body
// that holds one is Markdown.
var markdownEvidence = map[ast.NodeKind]bool{
	ast.KindHeading: true, ast.KindFencedCodeBlock: true, ast.KindList: true,
	ast.KindBlockquote: true, ast.KindThematicBreak: true, east.KindTable: true,
	ast.KindLink: true, ast.KindImage: true,
}

// sniffMarkdown reports whether a body is Markdown: read as CommonMark, it
// holds a construct that only Markdown writes (markdownEvidence), a line
// that is a Hugo shortcode, or an Obsidian embed; or it holds no HTML at
// all (plain text is Markdown). Paragraphs, indented code and HTML blocks
// are no evidence: an HTML body looks like them. A quick scan decides most
// HTML bodies without the CommonMark parse.
func sniffMarkdown(body []byte) bool {
	switch quickSniff(body) {
	case sniffHTML:
		return false
	case sniffMarkdownText:
		return true
	}
	if shortcodeLine(body) || bytes.Contains(body, []byte("![[")) {
		return true
	}
	doc := markdownSniffer.Parser().Parse(text.NewReader(body))
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
	return found || !hasHTML
}

// shortcodeLine reports whether a line starts (after blanks) with a Hugo
// shortcode, {{< or {{%.
func shortcodeLine(body []byte) bool {
	for len(body) > 0 {
		line := body
		if i := bytes.IndexByte(body, '\n'); i >= 0 {
			line, body = body[:i], body[i+1:]
		} else {
			body = nil
		}
		line = bytes.TrimLeft(line, " \t")
		if bytes.HasPrefix(line, []byte("{{<")) || bytes.HasPrefix(line, []byte("{{%")) {
			return true
		}
	}
	return false
}

type quickVerdict uint8

const (
	sniffUnsure       quickVerdict = iota // parse as CommonMark to know
	sniffHTML                             // HTML, and nothing that could be Markdown
	sniffMarkdownText                     // no HTML at all: text is Markdown
)

// quickSniff decides without a CommonMark parse what the parse could only
// confirm. A body with no "<" has no HTML: Markdown. A body in which no line
// starts with a character that begins a Markdown construct (#, >, -, *, +,
// =, _, |, :, ~, `, a list number, {{), that holds no "](", "]:" or "![["
// and that has an HTML tag on a line indented less than four columns, with
// no backtick on it, is HTML.
func quickSniff(body []byte) quickVerdict {
	if bytes.IndexByte(body, '<') < 0 {
		return sniffMarkdownText
	}
	if bytes.Contains(body, []byte("](")) || bytes.Contains(body, []byte("]:")) ||
		bytes.Contains(body, []byte("![[")) {
		return sniffUnsure
	}
	tag := false
	for len(body) > 0 {
		line := body
		if i := bytes.IndexByte(body, '\n'); i >= 0 {
			line, body = body[:i], body[i+1:]
		} else {
			body = nil
		}
		indent, i := 0, 0
		for ; i < len(line) && (line[i] == ' ' || line[i] == '\t'); i++ {
			if line[i] == '\t' {
				indent += 4 - indent%4
			} else {
				indent++
			}
		}
		rest := line[i:]
		if len(rest) == 0 {
			continue
		}
		if markdownStart(rest) {
			return sniffUnsure
		}
		if !tag && indent < 4 && bytes.IndexByte(rest, '`') < 0 && hasTag(rest) {
			tag = true
		}
	}
	if tag {
		return sniffHTML
	}
	return sniffUnsure
}

// markdownStart reports whether a line (its blanks trimmed) starts with a
// character that can begin a Markdown construct.
func markdownStart(s []byte) bool {
	switch c := s[0]; {
	case c == '#' || c == '>' || c == '-' || c == '*' || c == '+' || c == '=' ||
		c == '_' || c == '|' || c == ':' || c == '~' || c == '`' || c == '{':
		return true
	case c >= '0' && c <= '9':
		i := 0
		for i < len(s) && i < 10 && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		return i < len(s) && (s[i] == '.' || s[i] == ')')
	}
	return bytes.IndexByte(s, '|') >= 0 // a GFM table row without leading pipe
}

// hasTag reports whether s holds an HTML start or end tag: "<" or "</", a
// letter, name characters, then ">" or "/>" or white space and attributes
// up to ">".
func hasTag(s []byte) bool {
	for {
		i := bytes.IndexByte(s, '<')
		if i < 0 || i+2 > len(s) {
			return false
		}
		s = s[i+1:]
		j := 0
		if s[0] == '/' {
			j = 1
		}
		if j >= len(s) || !(s[j] >= 'a' && s[j] <= 'z' || s[j] >= 'A' && s[j] <= 'Z') {
			continue
		}
		for j < len(s) && (s[j] >= 'a' && s[j] <= 'z' || s[j] >= 'A' && s[j] <= 'Z' || s[j] >= '0' && s[j] <= '9' || s[j] == '-') {
			j++
		}
		if j < len(s) && s[j] == '>' {
			return true
		}
		if j < len(s) && (s[j] == ' ' || s[j] == '\t' || s[j] == '/') {
			if k := bytes.IndexByte(s[j:], '>'); k >= 0 && bytes.IndexByte(s[j:j+k], '<') < 0 {
				return true
			}
		}
	}
}
