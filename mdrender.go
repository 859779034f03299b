package postextract

import (
	"bytes"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// softBreaks decides every soft line break as SPEC reads it: a space
// (goldmark writes "\n", which the walk reads as one), or nothing between
// two Chinese or Japanese characters. The characters on either side are
// looked for across any inline node, marks, links, code spans and
// autolinks alike (**中文**\n文字, 中文\n`代码`); goldmark's own CJK option
// only looks at two plain text nodes side by side, and drops the space
// before any other node.
type softBreaks struct{}

// Transform clears each soft break between two Chinese or Japanese
// characters.
func (softBreaks) Transform(doc *ast.Document, reader text.Reader, _ parser.Context) {
	src := reader.Source()
	var pending *ast.Text // a soft break whose next character is not seen yet
	var last, atBreak rune
	next := func(first rune) { // the first character after a pending break
		if pending != nil && joinsLines(atBreak) && joinsLines(first) {
			pending.SetSoftLineBreak(false)
		}
		pending = nil
	}
	see := func(v []byte) { // text read: its first and last characters
		if len(v) > 0 {
			first, _ := utf8.DecodeRune(v)
			next(first)
			last, _ = utf8.DecodeLastRune(v)
		}
	}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		switch n := n.(type) {
		case *ast.Text:
			if entering {
				see(n.Segment.Value(src))
				if n.SoftLineBreak() {
					pending, atBreak = n, last
				}
			}
		case *ast.String:
			if entering {
				see(n.Value)
			}
		case *ast.AutoLink:
			if entering {
				see(n.Label(src))
			}
		case *ast.RawHTML:
			return ast.WalkSkipChildren, nil // a tag is no character
		default:
			if n.Type() == ast.TypeBlock || !n.HasChildren() || n.Kind() == ast.KindImage {
				// A block, an image or a footnote reference parts the text.
				next(0)
				last = 0
			}
		}
		return ast.WalkContinue, nil
	})
}

// chineseJapanese are the scripts and blocks whose characters a line
// break joins with nothing (SPEC "Markdown bodies"); Hangul is not one
// of them, as Korean spaces its words.
var chineseJapanese = []*unicode.RangeTable{
	unicode.Han, unicode.Hiragana, unicode.Katakana,
	{R16: []unicode.Range16{
		{Lo: 0x3000, Hi: 0x303f, Stride: 1}, // CJK symbols and punctuation
		{Lo: 0x30a0, Hi: 0x30ff, Stride: 1}, // the katakana block, ー and ・ too
		{Lo: 0xff00, Hi: 0xff9f, Stride: 1}, // fullwidth forms, halfwidth katakana
		{Lo: 0xffe0, Hi: 0xffe6, Stride: 1}, // fullwidth signs
	}},
}

// joinsLines reports whether r is a Chinese or Japanese character.
func joinsLines(r rune) bool {
	return r >= 0x2e80 && unicode.IsOneOf(chineseJapanese, r)
}

// urlRenderer writes the URLs of Markdown links, images and autolinks as
// the equivalent HTML attribute holds them: the destination with its
// escapes and entities resolved, HTML-escaped, not percent-encoded
// (goldmark encodes every byte outside ASCII), so that
// ![](https://h/截图.webp) reads as <img src="https://h/截图.webp"> does.
type urlRenderer struct{}

// RegisterFuncs takes links, images and autolinks from goldmark's renderer.
func (urlRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindLink, renderLink)
	reg.Register(ast.KindImage, renderImage)
	reg.Register(ast.KindAutoLink, renderAutoLink)
}

// attrURL is a Markdown destination as an attribute's value.
func attrURL(dest []byte) []byte {
	dest = util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(dest)))
	return util.EscapeHTML(dest)
}

func renderLink(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		_, _ = w.WriteString("</a>")
		return ast.WalkContinue, nil
	}
	n := node.(*ast.Link)
	_, _ = w.WriteString(`<a href="`)
	_, _ = w.Write(attrURL(n.Destination))
	_ = w.WriteByte('"')
	writeTitle(w, n.Title)
	if n.Attributes() != nil {
		html.RenderAttributes(w, n, html.LinkAttributeFilter)
	}
	_ = w.WriteByte('>')
	return ast.WalkContinue, nil
}

func renderImage(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.Image)
	if transcludedNote(n.Destination) {
		writeAlt(w, src, n) // Obsidian shows the note, not an image: its alt text stands for it
		return ast.WalkSkipChildren, nil
	}
	_, _ = w.WriteString(`<img src="`)
	_, _ = w.Write(attrURL(n.Destination))
	_, _ = w.WriteString(`" alt="`)
	writeAlt(w, src, n)
	_ = w.WriteByte('"')
	writeTitle(w, n.Title)
	if n.Attributes() != nil {
		html.RenderAttributes(w, n, html.ImageAttributeFilter)
	}
	_ = w.WriteByte('>')
	return ast.WalkSkipChildren, nil
}

// transcludedNote reports whether an image's destination is a Markdown
// note (note.md#heading), as Obsidian embeds one.
func transcludedNote(dest []byte) bool {
	if i := bytes.IndexAny(dest, "?#"); i >= 0 {
		dest = dest[:i]
	}
	return bytes.HasSuffix(bytes.ToLower(dest), []byte(".md"))
}

func writeTitle(w util.BufWriter, title []byte) {
	if title != nil {
		_, _ = w.WriteString(` title="`)
		html.DefaultWriter.Write(w, title)
		_ = w.WriteByte('"')
	}
}

// writeAlt writes the text of an image's description, as goldmark does.
func writeAlt(w util.BufWriter, src []byte, n ast.Node) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.String:
			if c.IsCode() || c.IsRaw() {
				html.DefaultWriter.RawWrite(w, c.Value)
			} else {
				html.DefaultWriter.Write(w, c.Value)
			}
		case *ast.Text:
			if v := c.Segment.Value(src); c.IsRaw() {
				html.DefaultWriter.RawWrite(w, v)
			} else {
				html.DefaultWriter.Write(w, v)
			}
			if c.HardLineBreak() {
				_, _ = w.WriteString("<br>\n")
			} else if c.SoftLineBreak() {
				_ = w.WriteByte('\n')
			}
		default:
			writeAlt(w, src, c)
		}
	}
}

func renderAutoLink(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.AutoLink)
	url := n.URL(src)
	_, _ = w.WriteString(`<a href="`)
	if n.AutoLinkType == ast.AutoLinkEmail && !bytes.HasPrefix(bytes.ToLower(url), []byte("mailto:")) {
		_, _ = w.WriteString("mailto:")
	}
	_, _ = w.Write(util.EscapeHTML(url))
	_ = w.WriteByte('"')
	if n.Attributes() != nil {
		html.RenderAttributes(w, n, html.LinkAttributeFilter)
	}
	_ = w.WriteByte('>')
	_, _ = w.Write(util.EscapeHTML(n.Label(src)))
	_, _ = w.WriteString(`</a>`)
	return ast.WalkContinue, nil
}
