// Package render writes a [postextract.Article] back out: as a Markdown post
// file, as a standalone reader page in HTML, or as text for a terminal. It
// only consumes the Article, through the library's public API, as goldmark
// keeps its renderer apart from its parser.
//
//	a, _ := postextract.ParseFile("source/_posts/hello.md")
//	render.Markdown(os.Stdout, a)
//
// # Round trip
//
// [Markdown] writes YAML front matter and a CommonMark + GFM body that reads
// back, through [postextract.Parse], as the same Article: title, dates,
// author, categories, tags, cover URL, summary, url, lang, draft, and every
// block's kind, text, level, language, rows, runs, ordered flag, number and image
// (URL, alt, title, caption). The promise is for Articles that Parse made;
// FuzzMarkdownRoundTrip holds the writer to it.
// Image width and height are kept where Markdown can carry them (an HTML
// figure), but a reader may lose them. Text is escaped so that it reads back
// as the same text, never as markup or as a template tag; where Markdown
// cannot say something exactly (a heading with a line break, a ragged table,
// a figure with its caption, an emphasis that CommonMark's flanking rules
// would not close), that piece is written as HTML, which CommonMark keeps.
//
// # Security considerations
//
// [HTML] writes a page meant to be opened in a browser from untrusted posts.
// Every text and attribute is escaped, only http(s) URLs are written (and
// relative URLs, which stay on the page's own origin), images carry
// referrerpolicy="no-referrer", and the page holds no script and no event
// handler attributes: nothing in the input can run script in the page. Its
// Content-Security-Policy allows no script either, should a bug let one in.
// [Markdown] makes no such promise about what other renderers do with
// the URLs it keeps; it writes only the Article's URLs, which the reader
// already limited to http(s) or relative ones.
package render
