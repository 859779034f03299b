// Package postextract turns a blog post file — optional front matter
// followed by an HTML or Markdown body — into a typed [Article]: title,
// dates, author, categories, tags, cover, summary, the text as typed
// [Block]s with their inline marks and links, and the post's real images.
//
// It is built for the posts that feed-to-blog pipelines write (Hexo posts
// generated from RSS): YAML, TOML or JSON front matter with mixed date
// formats, a real-world HTML body, and images hidden behind lazy-load
// attributes, thumbnail links and CORS or image proxies.
//
// The common use is one call:
//
//	a, err := postextract.ParseFile("source/_posts/hello.md")
//
// To parse many posts with the same options, build an [Extractor] once with
// [New]; it is safe for concurrent use, and the zero Extractor parses with
// the defaults. A folder is one loop, parsed in parallel and yielded in path
// order:
//
//	for p, err := range ex.PostsInDir(ctx, "content/posts") { … }
//
// Markdown bodies (Hugo, Hexo, Jekyll, Obsidian, exports) are rendered by
// goldmark, their template tags read, and then walked like HTML.
//
// # Rules in brief
//
// Front matter is split off and decoded (keys case-insensitive, with aliases
// such as category→categories). The body is parsed with golang.org/x/net/html
// and walked once, in document order: block elements and double <br> end a
// text run, and each run becomes one [Block] whose kind comes from the
// nearest enclosing heading, list item, quote, pre, figcaption or table.
// Each <img> becomes an image block at its position; its URL comes from the
// first usable lazy-load attribute, srcset or src, is replaced by the target
// of a wrapping <a href> that points at an image file, and is unwrapped from
// known proxies ([WithUnwrapper] teaches it more).
//
// Bad input never panics: empty, oversized, binary and front-matter errors
// are reported with sentinel errors ([ErrEmpty], [ErrTooLarge], [ErrBinary],
// [ErrFrontMatter]); anything that can be repaired is repaired and reported in
// [Article.Warnings].
//
// Each [Warning] carries a [WarningCode] — encoding, front-matter, date,
// cover, relative-url, image, html or markdown, described in one table in WarningCode's
// documentation and listed by [WarningCodes] — and the key or URL it is
// about, so that a caller can count or select warnings by kind, as the
// command line's -warnings does.
package postextract
