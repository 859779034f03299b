package postextract

import (
	"bytes"
	"regexp"

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
// footnotes, raw HTML kept inline and as blocks, held to the GFM spec's
// text where goldmark departs from it (gfm.go); a soft break is a space,
// or nothing between two Chinese or Japanese characters (softBreaks). No
// typographer: text stays as written. goldmark is safe for concurrent use.
var markdownRenderer = newMarkdown(tableEnds{reparse: true})

// tableRestParser reads again the lines after a table's end (tableEnds):
// markdownRenderer's parser, but that a table in them that ends early
// ends as a paragraph, not read again, so that reading again never
// recurses.
var tableRestParser = newMarkdown(tableEnds{}).Parser()

// newMarkdown returns the goldmark set up as markdownRenderer says, its
// tables ended by ends.
func newMarkdown(ends tableEnds) goldmark.Markdown {
	return goldmark.New(
		goldmark.WithParser(parser.NewParser(
			parser.WithBlockParsers(gfmBlockParsers()...),
			parser.WithInlineParsers(parser.DefaultInlineParsers()...),
			parser.WithParagraphTransformers(parser.DefaultParagraphTransformers()...))),
		goldmark.WithExtensions(extension.Footnote),
		goldmark.WithParserOptions(
			parser.WithParagraphTransformers(util.Prioritized(gfmTableTransformer, 200)),
			parser.WithASTTransformers(util.Prioritized(softBreaks{}, 0),
				util.Prioritized(ends, 1), util.Prioritized(extension.NewTableASTTransformer(), 2)),
			parser.WithInlineParsers(util.Prioritized(taskMarker{}, 0), util.Prioritized(strikeParser{}, 500),
				util.Prioritized(gfmLinkify{extension.NewLinkifyParser(
					extension.WithLinkifyURLRegexp(gfmURL), extension.WithLinkifyWWWRegexp(gfmWWW))}, 999))),
		goldmark.WithRendererOptions(html.WithUnsafe(),
			renderer.WithNodeRenderers(util.Prioritized(extension.NewTaskCheckBoxHTMLRenderer(), 500),
				util.Prioritized(extension.NewTableHTMLRenderer(), 500),
				util.Prioritized(extension.NewStrikethroughHTMLRenderer(), 500),
				util.Prioritized(urlRenderer{}, 100))),
	)
}

// taskMarker reads a task list item's [ ] or [x] as GFM's reference
// implementation does: only with a space or a tab after it, and then the
// item's text may be empty or start on the next line ("- [x] \n  foo",
// "+ [ ] " left by a template tag that reads as nothing). goldmark's own
// takes "- [ ]" and "- [x]text" too, and loses their text.
type taskMarker struct{}

// Trigger is the character that may start a marker.
func (taskMarker) Trigger() []byte { return []byte{'['} }

// Parse reads the marker at the start of a list item's first line. The
// space after it is looked for in the source: a paragraph's line has its
// trailing white space cut.
func (taskMarker) Parse(parent ast.Node, block text.Reader, _ parser.Context) ast.Node {
	item, ok := parent.Parent().(*ast.ListItem)
	if !ok || item.FirstChild() != parent || parent.HasChildren() {
		return nil
	}
	line, seg := block.PeekLine()
	src := block.Source()
	if len(line) < 3 || line[0] != '[' || line[2] != ']' || seg.Start+3 >= len(src) {
		return nil
	}
	mark := line[1]
	if mark != ' ' && mark != '\t' && mark != 'x' && mark != 'X' || src[seg.Start+3] != ' ' && src[seg.Start+3] != '\t' {
		return nil
	}
	n := 3
	for n < len(line) && (line[n] == ' ' || line[n] == '\t') {
		n++
	}
	block.Advance(n)
	return east.NewTaskCheckBox(mark == 'x' || mark == 'X')
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
// its AST transformers but tableEnds: the same blocks (CommonMark's, footnote definitions,
// and the paragraph transformers that take reference definitions and
// tables out of paragraphs, which decides what a following line is), with
// their text unread.
var blockParser = parser.NewParser(
	parser.WithBlockParsers(append(gfmBlockParsers(),
		util.Prioritized(extension.NewFootnoteBlockParser(), 999))...),
	parser.WithParagraphTransformers(append(parser.DefaultParagraphTransformers(),
		util.Prioritized(gfmTableTransformer, 200))...),
	// Where a table ends early, its rest holds the blocks the whole parse
	// finds there (indented code among them).
	parser.WithASTTransformers(util.Prioritized(tableEnds{reparse: true}, 1)))

// parseBlocks reads the blocks of a Markdown body, not their inline text:
// enough to find code blocks, and most of what only Markdown writes.
func parseBlocks(body []byte) ast.Node {
	return blockParser.Parse(text.NewReader(body))
}

// renderMarkdown returns the HTML of a Markdown body; doc is its tree, or
// nil to parse it.
func renderMarkdown(body []byte, doc ast.Node) []byte {
	if mayHaveDialect(body) {
		if s := dialectBody(string(body)); s != string(body) {
			body, doc = []byte(s), nil
		}
	}
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

const (
	htmlBlockNone    htmlBlock = iota
	htmlBlockPre               // <pre>, <script>, <style>, <textarea>: to the end tag
	htmlBlockComment           // <!--: to -->
	htmlBlockBlank             // a block-level tag: to a blank line
)
