package postextract

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"time"
)

// Extractor parses posts with a fixed set of options. Its selectors are
// compiled once, in [New]; it is safe for concurrent use. The zero Extractor
// is ready to use and parses with the defaults, like [Parse] without
// options.
type Extractor struct {
	config
	rules   dropRules // what is dropped from HTML bodies
	mdRules dropRules // and from rendered Markdown
	built   bool      // made by New; the zero Extractor uses the defaults

	// The conventions of the posts' generator: front-matter keys and what
	// each known shortcode becomes.
	keys       *fieldKeys
	shortcodes map[string]shortcodeRule
}

// New returns an Extractor with the given options. A drop selector that does
// not compile, or an invalid option value, is an error here rather than at
// parse time.
func New(opts ...Option) (*Extractor, error) {
	e := &Extractor{config: config{loc: time.UTC, maxBytes: DefaultMaxBytes}, built: true,
		keys: &defaultKeys, shortcodes: builtinShortcodes}
	for _, o := range opts {
		if err := o(&e.config); err != nil {
			return nil, err
		}
	}
	if !e.setUnwrap {
		e.unwrapBase = DefaultUnwrappers()
	}
	e.unwrappers = append(e.unwrappers[:len(e.unwrappers):len(e.unwrappers)], e.unwrapBase...)
	if !e.setLink {
		e.linkBase = DefaultLinkUnwrappers()
	}
	e.linkUnwrappers = append(e.linkUnwrappers[:len(e.linkUnwrappers):len(e.linkUnwrappers)], e.linkBase...)
	if !e.setDrop {
		e.dropBase = DefaultDrop()
	}
	drop, err := compileDrop(slices.Concat(e.dropBase, e.config.drop))
	if err != nil {
		return nil, err
	}
	e.rules = drop
	// Rendered Markdown has footnote back-references, which are not text.
	if e.mdRules, err = compileDrop(slices.Concat(e.dropBase, e.config.drop, []string{".footnote-backref"})); err != nil {
		return nil, err
	}
	return e, nil
}

// ready returns e, or the default Extractor for the zero value.
func (e *Extractor) ready() *Extractor {
	if e == nil || !e.built {
		return defaultExtractor()
	}
	return e
}

var defaultExtractor = sync.OnceValue(func() *Extractor {
	e, err := New()
	if err != nil {
		panic(err) // the defaults are ours; a bad entry is a bug caught by every test
	}
	return e
})

func extractor(opts []Option) (*Extractor, error) {
	if len(opts) == 0 {
		return defaultExtractor(), nil
	}
	return New(opts...)
}

// Parse reads one post from src with the given options. See [Extractor.Parse].
func Parse(src []byte, opts ...Option) (*Article, error) {
	e, err := extractor(opts)
	if err != nil {
		return nil, err
	}
	return e.Parse(src)
}

// ParseReader reads one post from r, reading at most the size limit plus
// one byte. See [Extractor.Parse].
func ParseReader(r io.Reader, opts ...Option) (*Article, error) {
	e, err := extractor(opts)
	if err != nil {
		return nil, err
	}
	return e.ParseReader(r)
}

// ParseFile reads the post at path. See [Extractor.Parse].
func ParseFile(path string, opts ...Option) (*Article, error) {
	e, err := extractor(opts)
	if err != nil {
		return nil, err
	}
	return e.ParseFile(path)
}

// ParseReader reads one post from r; more than the size limit is
// [ErrTooLarge] without reading further.
func (e *Extractor) ParseReader(r io.Reader) (*Article, error) {
	return e.parseReader(r, &postSource{})
}

// parseReader reads a post from r; ps says where it was read from.
func (e *Extractor) parseReader(r io.Reader, ps *postSource) (*Article, error) {
	e = e.ready()
	src, err := e.readLimited(r)
	if err != nil {
		return nil, err
	}
	return e.parse(src, ps)
}

// readLimited reads r to its end, but at most one byte more than the size
// limit: enough to tell too large from just right.
func (e *Extractor) readLimited(r io.Reader) ([]byte, error) {
	limit := e.maxBytes
	if limit < math.MaxInt64 {
		limit++
	}
	return io.ReadAll(io.LimitReader(r, limit))
}

// tooLarge reports a regular file over the size limit, which is not read.
func (e *Extractor) tooLarge(st fs.FileInfo) error {
	if st.Mode().IsRegular() && st.Size() > e.maxBytes {
		return fmt.Errorf("%w: %d bytes, limit %d", ErrTooLarge, st.Size(), e.maxBytes)
	}
	return nil
}

// ParseFile reads the post at path; a file over the size limit is
// [ErrTooLarge] without reading it. The folders above the post, up to the
// nearest that holds .git, say which generator wrote it (SPEC
// "Generators"); each call reads them anew, so for many posts of one site
// [Extractor.PostsInDir] or [Extractor.ParseFiles], which read each folder
// once, cost less.
func (e *Extractor) ParseFile(path string) (*Article, error) {
	e = e.ready()
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil {
		if err := e.tooLarge(st); err != nil {
			return nil, err
		}
	}
	ps := &postSource{name: filepath.Base(path)}
	if abs, err := diskPath(path); err == nil {
		ps = newSiteCache(diskFS{}).source(abs)
	}
	return e.parseReader(f, ps)
}

// Parse reads one post: front matter, then the body, HTML or Markdown.
//
// It returns [ErrEmpty], [ErrTooLarge], [ErrBinary] or a
// *[FrontMatterError] (errors.Is(err, [ErrFrontMatter])) for input it
// cannot read. Anything else is read as well as it can be, and what was
// repaired or guessed — an unreadable date, invalid UTF-8, HTML nested too
// deep, a relative image URL — is listed in Article.Warnings.
func (e *Extractor) Parse(src []byte) (*Article, error) {
	return e.parse(src, &postSource{})
}

// parse is the data path: bytes → decode → front matter → body (HTML as
// is, or Markdown rendered by goldmark) → one walk → Article. ps is where
// the post was read from: its file name may give a title and a date, its
// path and site folders name its generator.
func (e *Extractor) parse(src []byte, ps *postSource) (*Article, error) {
	e = e.ready()
	if int64(len(src)) > e.maxBytes {
		return nil, fmt.Errorf("%w: more than %d bytes", ErrTooLarge, e.maxBytes)
	}
	rep := &report{}
	src, err := decodeText(src, rep)
	if err != nil {
		return nil, err
	}
	if len(bytes.TrimSpace(src)) == 0 {
		return nil, ErrEmpty
	}
	fm, err := splitFrontMatter(src, rep)
	if err != nil {
		return nil, err
	}
	if bytes.IndexByte(fm.body, '\r') >= 0 {
		// CR LF and a lone CR end a line, in CommonMark as in HTML.
		fm.body = normalizeNewlines(fm.body)
	}
	g := e.decideGenerator(&fm, ps)
	ps.gen = g
	fm.body = generatorBody(&fm, ps) // excerpt_separator, and the body syntax only g reads
	a := &Article{Generator: g.name}
	res := &resolver{e: e, base: e.base, rep: rep, post: ps}
	// Relative URLs, the cover's too, resolve against the post's own URL
	// when no base URL is given.
	postLink, own := postURL(&fm, e.keys)
	a.URL = postLink
	if res.base == nil {
		res.base = own
	}
	e.applyMeta(a, &fm, res)
	applySite(a, &fm, ps, g, rep)
	titles := e.walkBody(a, e.readBody(a, &fm, ps, rep), res)
	decideTitle(a, titles, ps.name, g)
	dropImageLinks(a)
	dateFromFileName(a, ps, e.loc)
	a.Paragraphs = make([]string, 0, len(a.Blocks))
	for _, b := range a.Blocks {
		if b.Kind != KindImage {
			a.Paragraphs = append(a.Paragraphs, b.Text)
		}
	}
	if a.Images == nil {
		a.Images = []Image{}
	}
	a.Warnings = rep.list
	return a, nil
}

// readBody chooses the body's format and returns it as HTML: shortcodes
// read (but in a body sniffed as HTML), a Markdown body rendered by goldmark
// once what would cost it more than linear time is guarded (rep: warnings).
func (e *Extractor) readBody(a *Article, fm *frontMatter, ps *postSource, rep *report) []byte {
	f, sniffed, parsed := guardedFormat(e.format, fm, ps.name, rep)
	a.Format = f
	switch {
	case f == FormatMarkdown:
		if out := expandShortcodes(fm.body, true, parsed.blocks, e.shortcodes, ps); !bytes.Equal(out, fm.body) {
			return renderMarkdown(out, nil)
		}
		return renderMarkdown(fm.body, parsed.full) // no tags: the sniffing's parse, if any, serves
	case sniffed && !ps.gen.liquidInHTML:
		return fm.body // a feed's rendered HTML: braces in it are text
	}
	// jekyll: Octopress and imported WordPress posts are HTML in _posts,
	// and Jekyll runs Liquid on every post: their tags are read.
	return expandShortcodes(fm.body, false, nil, e.shortcodes, ps) // a generator's HTML content
}

// normalizeNewlines turns CR LF and a lone CR into LF in one copy.
func normalizeNewlines(b []byte) []byte {
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); i++ {
		c := b[i]
		if c == '\r' {
			c = '\n'
			if i+1 < len(b) && b[i+1] == '\n' {
				i++
			}
		}
		out = append(out, c)
	}
	return out
}
