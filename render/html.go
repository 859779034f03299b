package render

import (
	"crypto/sha256"
	"encoding/base64"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/postextract/postextract"
)

// HTML writes a as one standalone reader page: a UTF-8 HTML document with a
// short inline stylesheet (a readable measure, the system font, a dark
// scheme) and no script. Its <article> holds a <header> with the title as
// <h1>, the date and the updated date in <time datetime>, the author, the
// categories and the tags, and the post's own URL (http(s) only) as a
// link; then the cover, unless the body's first image is the cover; then
// the blocks — but a first level-1 heading that repeats the title — as
// semantic HTML: <p>, <h1>–<h6> at the block's own level, nested
// <ul>/<ol> built from the list items' levels, <blockquote>, <pre><code>
// with a language-X class, <table> with the first row as its header, and
// each image as <figure><img … loading="lazy" referrerpolicy="no-referrer">
// with its caption as <figcaption>.
//
// A figure's images, its caption block and the blocks between them are
// grouped as the Markdown writer groups them, and the caption is written
// once, in the figure. A list item
// nests at most one list deeper than the item before it, whatever its
// level says, since HTML has no list without an item to hang it on.
//
// Every text and attribute is escaped and only safe URLs are written (see
// the package's security considerations): a link whose URL is not http(s)
// or relative is written as its text alone, and an image whose URL is not
// is written as its alt text (else its title). The page also carries a
// Content-Security-Policy that allows no script, so that a browser refuses
// one even if a bug let it through, and a no-referrer policy for its links.
//
// The page is valid UTF-8: a run of bytes in the Article that is not is
// written as U+FFFD. It is built in memory and written with one Write;
// HTML returns [ErrNilArticle] when a is nil, else the error of that Write.
func HTML(w io.Writer, a *postextract.Article) error {
	if a == nil {
		return ErrNilArticle
	}
	var b strings.Builder
	writePageHead(&b, a)
	b.WriteString("<body>\n<article>\n")
	writeArticleHeader(&b, a)
	i := 0
	if repeatsTitle(a) {
		i = 1
	}
	for i < len(a.Blocks) {
		i = blockWriterHTML(a.Blocks[i].Kind)(&b, a.Blocks, i)
	}
	b.WriteString("</article>\n</body>\n</html>\n")
	// The page says it is UTF-8; text that is not (Parse never yields it,
	// but an Article built by hand may hold it) is read differently by
	// different parsers, so each bad run is written as U+FFFD.
	_, err := io.WriteString(w, strings.ToValidUTF8(b.String(), "\uFFFD"))
	return err
}

// blockHTMLFunc writes the block at blocks[i], and any following blocks that
// belong to the same element (the items of one list, the images of one
// figure), and returns the index of the first block it did not write.
type blockHTMLFunc func(b *strings.Builder, blocks []postextract.Block, i int) int

// blockHTML is the writer of each block kind. It is set in init: a figure
// writes the blocks it holds with it.
var blockHTML map[postextract.Kind]blockHTMLFunc

func init() {
	blockHTML = map[postextract.Kind]blockHTMLFunc{
		postextract.KindParagraph: writeParagraphHTML,
		postextract.KindHeading:   writeHeadingHTML,
		postextract.KindListItem:  writeListHTML,
		postextract.KindQuote:     writeQuoteHTML,
		postextract.KindCode:      writeCodeHTML,
		postextract.KindTable:     writeTableHTML,
		postextract.KindCaption:   writeFigureHTML,
		postextract.KindImage:     writeFigureHTML,
	}
}

// blockWriterHTML returns the writer of a kind; a kind added after this
// writer is written as a paragraph, its text rather than nothing.
func blockWriterHTML(k postextract.Kind) blockHTMLFunc {
	if write := blockHTML[k]; write != nil {
		return write
	}
	return writeParagraphHTML
}

// pageCSS is the page's whole stylesheet. Labels between the header's
// parts come from CSS content, so that every text node of the article is
// text of the post.
const pageCSS = `:root{color-scheme:light dark;--fg:#1f1f1f;--bg:#fcfcfa;--muted:#5f6368;--rule:#d6d6d3;--code:#f1f1ee;--link:#0b57d0}
@media (prefers-color-scheme:dark){:root{--fg:#e4e4e0;--bg:#171717;--muted:#a3a3a0;--rule:#3b3b3b;--code:#242424;--link:#8ab4f8}}
html{background:var(--bg);color:var(--fg)}
body{margin:0;padding:2.5rem 1.25rem;font:1.0625rem/1.75 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;overflow-wrap:break-word}
article{max-width:40rem;margin:0 auto}
a{color:var(--link)}
h1,h2,h3,h4,h5,h6{line-height:1.3;margin:2rem 0 .75rem}
header{margin-bottom:2.5rem}
header h1{margin-top:0;font-size:2rem}
.byline,.tags{color:var(--muted);font-size:.9rem;margin:.25rem 0}
.byline>*+*::before{content:" · "}
.byline .updated::before{content:" · updated "}
.byline .updated:first-child::before{content:"updated "}
.tags,.categories{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.25rem .75rem;color:var(--muted);font-size:.9rem;margin:.25rem 0}
.tags li::before{content:"#"}
.categories li+li::before{content:"/ ";margin-right:.25rem}
.source{font-size:.9rem;margin:.25rem 0}
.source::before{content:"Original: ";color:var(--muted)}
img{max-width:100%;height:auto}
figure{margin:1.75rem 0;text-align:center}
figcaption,.caption,.alt{color:var(--muted);font-size:.9rem;text-align:center}
blockquote{margin:1.25rem 0;padding:0 1rem;border-left:.25rem solid var(--rule);color:var(--muted)}
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"Noto Sans Mono",monospace;font-size:.9em}
:not(pre)>code{background:var(--code);padding:.1em .3em;border-radius:3px}
pre{background:var(--code);padding:.75rem 1rem;overflow-x:auto;line-height:1.5;border-radius:4px}
.table{overflow-x:auto}
table{border-collapse:collapse;margin:1.25rem 0}
th,td{border:1px solid var(--rule);padding:.35rem .65rem;text-align:left;vertical-align:top}
`

// pageCSP allows the page its own stylesheet (by hash, so an injected
// <style> or style attribute would not apply either) and images from
// anywhere, and nothing else: no script, frame, form or base URL.
var pageCSP = "default-src 'none'; img-src * data:; style-src 'sha256-" + cssHash() + "'; base-uri 'none'; form-action 'none'"

func cssHash() string {
	sum := sha256.Sum256([]byte(pageCSS))
	return base64.StdEncoding.EncodeToString(sum[:])
}

func writeParagraphHTML(b *strings.Builder, blocks []postextract.Block, i int) int {
	b.WriteString("<p>")
	writeInlineHTML(b, &blocks[i])
	b.WriteString("</p>\n")
	return i + 1
}

// writeHeadingHTML keeps the block's level, clamped to h1–h6: the title's
// <h1> sits in the header, so the body's outline is the post's own.
func writeHeadingHTML(b *strings.Builder, blocks []postextract.Block, i int) int {
	tag := "h" + strconv.Itoa(min(max(blocks[i].Level, 1), 6))
	b.WriteString("<" + tag + ">")
	writeInlineHTML(b, &blocks[i])
	b.WriteString("</" + tag + ">\n")
	return i + 1
}

// writeListHTML writes a run of consecutive list items as nested lists,
// as the Markdown writer's HTML does (htmlList): an item deeper than the
// one before opens a list inside that item's <li>, an empty item standing
// for each level it skips; a shallower one closes lists down to its
// level; an item whose Ordered differs from its list's ends that list and
// starts one of the other kind; an ordered item shows its number.
func writeListHTML(b *strings.Builder, blocks []postextract.Block, i int) int {
	j := i
	for j < len(blocks) && listPart(&blocks[j]) {
		j++
	}
	htmlList(b, blocks[i:j], func(blk *postextract.Block) {
		code := *blk
		code.Level = 0 // written here, inside its item
		writeCodeHTML(b, []postextract.Block{code}, 0)
	})
	return j
}

// writeQuoteHTML writes consecutive quote blocks as the paragraphs of one
// <blockquote>: the blocks do not say where one quote ended and the next
// began, and a reader sees one quotation either way.
func writeQuoteHTML(b *strings.Builder, blocks []postextract.Block, i int) int {
	b.WriteString("<blockquote>\n")
	for ; i < len(blocks) && blocks[i].Kind == postextract.KindQuote; i++ {
		b.WriteString("<p>")
		writeInlineHTML(b, &blocks[i])
		b.WriteString("</p>\n")
	}
	b.WriteString("</blockquote>\n")
	return i
}

// writeCodeHTML writes the code as is, escaped: a <pre> keeps its
// whitespace, and the class is what highlighters look for.
func writeCodeHTML(b *strings.Builder, blocks []postextract.Block, i int) int {
	blk := &blocks[i]
	if inItem(blk) {
		return writeListHTML(b, blocks, i) // a step that starts with its code
	}
	b.WriteString("<pre><code")
	if lang := strings.Join(strings.Fields(blk.Lang), "-"); lang != "" {
		b.WriteString(` class="language-`)
		htmlText.WriteString(b, lang)
		b.WriteString(`"`)
	}
	b.WriteString(">")
	htmlText.WriteString(b, blk.Text)
	b.WriteString("</code></pre>\n")
	return i + 1
}

// writeTableHTML writes the rows with the first as the header. A table
// block without Rows has its cells in Text (tabs and newlines), which is
// read instead so that its text is not lost.
func writeTableHTML(b *strings.Builder, blocks []postextract.Block, i int) int {
	rows := blocks[i].Rows
	if len(rows) == 0 {
		for _, line := range strings.Split(blocks[i].Text, "\n") {
			if line != "" {
				rows = append(rows, strings.Split(line, "\t"))
			}
		}
	}
	if len(rows) == 0 {
		return i + 1
	}
	b.WriteString("<div class=\"table\"><table>\n<thead>\n")
	writeRowHTML(b, &blocks[i], 0, rows[0], "th")
	b.WriteString("</thead>\n")
	if len(rows) > 1 {
		b.WriteString("<tbody>\n")
		for n, row := range rows[1:] {
			writeRowHTML(b, &blocks[i], n+1, row, "td")
		}
		b.WriteString("</tbody>\n")
	}
	b.WriteString("</table></div>\n")
	return i + 1
}

// writeRowHTML writes row n of the table blk, its cells' links too.
func writeRowHTML(b *strings.Builder, blk *postextract.Block, n int, row []string, cell string) {
	b.WriteString("<tr>")
	for j, c := range row {
		b.WriteString("<" + cell + ">")
		writeInlineHTML(b, &postextract.Block{Text: c, Runs: cellRuns(blk, n, j)})
		b.WriteString("</" + cell + ">")
	}
	b.WriteString("</tr>\n")
}

// writeFigureHTML writes the figure that starts at blocks[i], an image or
// a caption block (figureAt): one <figure> with its images and the blocks
// between them in their order, then its caption once, as <figcaption>. A
// figure without images is its blocks, a caption a paragraph of its own
// class.
func writeFigureHTML(b *strings.Builder, blocks []postextract.Block, i int) int {
	f := figureAt(blocks, i)
	images := slices.ContainsFunc(blocks[f.start:f.end], func(blk postextract.Block) bool {
		return blk.Kind == postextract.KindImage && blk.Image != nil
	})
	var fig strings.Builder
	for k := f.start; k < f.end; {
		blk := &blocks[k]
		switch {
		case blk.Kind == postextract.KindImage:
			if blk.Image != nil {
				writeImageHTML(&fig, blk.Image)
			}
		case blk.Kind == postextract.KindCaption:
			if !images || !slices.Contains(f.parts, k) { // else said once, below
				fig.WriteString(`<p class="caption">`)
				writeInlineHTML(&fig, blk)
				fig.WriteString("</p>\n")
			}
		default:
			k = blockWriterHTML(blk.Kind)(&fig, blocks[:f.end], k)
			continue
		}
		k++
	}
	if !images {
		b.WriteString(fig.String())
		return f.end
	}
	b.WriteString("<figure>")
	b.WriteString(fig.String())
	if f.caption != "" {
		b.WriteString("<figcaption>")
		writeHTMLText(b, f.caption)
		b.WriteString("</figcaption>")
	}
	b.WriteString("</figure>\n")
	return f.end
}

// writeImageHTML writes one <img>, or, when its URL is not safe to write,
// its alt text (else its title) in its place.
func writeImageHTML(b *strings.Builder, im *postextract.Image) {
	if !safeURL(im.URL) {
		text := im.Alt
		if text == "" {
			text = im.Title
		}
		if text != "" {
			b.WriteString(`<span class="alt">`)
			writeHTMLText(b, text)
			b.WriteString("</span>")
		}
		return
	}
	link := im.Link != "" && safeURL(im.Link)
	if link {
		b.WriteString(`<a href="`)
		htmlText.WriteString(b, im.Link)
		b.WriteString(`">`)
		defer b.WriteString("</a>")
	}
	b.WriteString(`<img src="`)
	htmlText.WriteString(b, im.URL)
	b.WriteString(`" alt="`)
	htmlText.WriteString(b, im.Alt)
	b.WriteString(`"`)
	writeAttr(b, htmlText, "title", im.Title)
	b.WriteString(` loading="lazy" referrerpolicy="no-referrer"`)
	writeSize(b, im)
	b.WriteString(">")
}

// writeAttr writes ` name="value"`, value escaped by esc, when value is
// not empty.
func writeAttr(b *strings.Builder, esc *strings.Replacer, name, value string) {
	if value != "" {
		b.WriteString(" " + name + `="`)
		esc.WriteString(b, value)
		b.WriteString(`"`)
	}
}

// writeSize writes an image's width and height attributes, those it has.
func writeSize(b *strings.Builder, im *postextract.Image) {
	if im.Width > 0 {
		b.WriteString(` width="` + strconv.Itoa(im.Width) + `"`)
	}
	if im.Height > 0 {
		b.WriteString(` height="` + strconv.Itoa(im.Height) + `"`)
	}
}
