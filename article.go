package postextract

import "time"

// Article is what a post yields. Its JSON form is the contract that the
// command-line tool prints.
type Article struct {
	Title      string         `json:"title"`
	Date       time.Time      `json:"date,omitzero"`
	Updated    time.Time      `json:"updated,omitzero"`
	Author     string         `json:"author,omitempty"`
	Categories []string       `json:"categories,omitempty"`
	Tags       []string       `json:"tags,omitempty"`
	Cover      *Image         `json:"cover,omitempty"`
	Paragraphs []string       `json:"paragraphs"` // the text of every non-image block, in order: headings, list items, code, tables and captions too (the name is kept for the JSON)
	Blocks     []Block        `json:"blocks"`
	Images     []Image        `json:"images"`              // unique by URL, in order of first appearance
	Links      []Link         `json:"links,omitempty"`     // outbound links: unique by URL, in order of first appearance
	Summary    string         `json:"summary,omitempty"`   // front matter, else the text before <!-- more -->
	URL        string         `json:"url,omitempty"`       // the post's own absolute URL, from front matter
	Lang       string         `json:"lang,omitempty"`      // front matter lang, language or locale
	Draft      bool           `json:"draft,omitempty"`     // draft: true, or published: false
	Format     Format         `json:"format"`              // the body as read: FormatHTML or FormatMarkdown
	Generator  string         `json:"generator,omitempty"` // hugo, hexo, jekyll, zola, …: the generator whose conventions were read; "" when nothing named one
	Meta       map[string]any `json:"meta,omitempty"`      // every front-matter key as decoded
	Warnings   []Warning      `json:"warnings,omitempty"`  // what was repaired or guessed; each a string in JSON

	fmFormat string // "yaml", "toml" or "json", for DecodeMeta
	fmRaw    []byte
	loc      *time.Location // the zone of dates written without one, for DecodeMeta
}

// Image is one image of a post: the real image URL and what the markup said
// about it.
type Image struct {
	URL     string `json:"url"`               // resolved, unwrapped, absolute when a base is known
	Src     string `json:"src,omitempty"`     // the src attribute as written, when it differs from URL
	Alt     string `json:"alt,omitempty"`     // the alt attribute
	Title   string `json:"title,omitempty"`   // the title attribute
	Caption string `json:"caption,omitempty"` // figcaption of the enclosing figure
	Width   int    `json:"width,omitempty"`
	Height  int    `json:"height,omitempty"`
	Link    string `json:"link,omitempty"` // the outbound link around the image (in Links too)
}

// Kind is what a [Block] is; its JSON form is the string.
type Kind string

// Block kinds, the values of [Block.Kind].
const (
	KindParagraph Kind = "paragraph"
	KindHeading   Kind = "heading"
	KindListItem  Kind = "list_item"
	KindQuote     Kind = "quote"
	KindCode      Kind = "code"
	KindTable     Kind = "table"
	KindCaption   Kind = "caption"
	KindImage     Kind = "image"
)

// Kinds are every block kind, in the order above.
var Kinds = []Kind{KindParagraph, KindHeading, KindListItem, KindQuote, KindCode, KindTable, KindCaption, KindImage}

// Block is one typed unit of the body, in document order.
//
// Text is set for every kind but image; for a table it is the rows, cells
// separated by tabs and rows by newlines, so that [Article.Paragraphs] can
// carry it.
type Block struct {
	Kind  Kind       `json:"kind"`
	Text  string     `json:"text,omitempty"`
	Level int        `json:"level,omitempty"` // heading 1–6; list nesting depth from 1 (a code block's, inside a list item)
	Lang  string     `json:"lang,omitempty"`  // code: from class language-x, lang-x or brush: x
	Rows  [][]string `json:"rows,omitempty"`  // table cells
	// CellRuns are the table cells' runs, row by row and cell by cell like
	// Rows: a cell's text cut where its links change (only links: a cell's
	// other marks are not kept), nil for a cell without one; only when a
	// cell has a link.
	CellRuns [][][]Run `json:"cell_runs,omitempty"`
	Image    *Image    `json:"image,omitempty"`   // kind image
	Runs     []Run     `json:"runs,omitempty"`    // Text cut where its marks change; only when it has a mark or a link
	Ordered  bool      `json:"ordered,omitempty"` // a list_item of an <ol>
	// Number is the number an ordered list_item shows: its list's start
	// (<ol start>, 1 without one; a Markdown list's first number) counted
	// on, or its own <li value>; 0 for a footnote definition, which
	// Footnote numbers. The blocks of one item share it. A start
	// or value that is not a whole number from 1 to 999,999,999 is not
	// read. The writers take 0 as "count on from the item before".
	Number int `json:"number,omitempty"`
	// Continued is set on a block of a list item after the item's first:
	// a second paragraph of one <li>, the code of a step or the text after
	// it (a code block inside an item has the item's Level, Ordered and
	// Number). It is the same item, no marker of its own. A block after
	// the item's image, quote or table starts anew, with its Number.
	Continued bool `json:"continued,omitempty"`
	// Footnote is the number of the footnote whose definition this
	// list_item is (a block of it: a definition of two paragraphs is two
	// blocks); footnote definitions are the last blocks, in order.
	Footnote string `json:"footnote,omitempty"`
}

// Run is a piece of a block's text with its marks: the runs of a block,
// joined, are exactly its Text. Code blocks and tables have no runs.
type Run struct {
	Text   string `json:"text"`
	Link   string `json:"link,omitempty"`   // resolved, unwrapped http(s) URL
	Strong bool   `json:"strong,omitempty"` // b, strong
	Em     bool   `json:"em,omitempty"`     // i, em, cite, dfn
	Code   bool   `json:"code,omitempty"`   // code, kbd, samp, tt (outside pre)
	Del    bool   `json:"del,omitempty"`    // del, s, strike
	// Footnote is set on a footnote reference: the number of the footnote,
	// which is also the run's text ([^1] in Markdown).
	Footnote string `json:"footnote,omitempty"`
}

// Link is an outbound link of the post.
type Link struct {
	URL  string `json:"url"`  // resolved, unwrapped from redirectors
	Text string `json:"text"` // the first anchor text seen for it (else its title, its image's alt, the URL)
}
