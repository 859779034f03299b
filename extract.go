package postextract

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"os"
	"sync"
	"time"

	"golang.org/x/net/html"
)

// Extractor parses posts with a fixed set of options. Its selectors are
// compiled once, in [New]; it is safe for concurrent use. The zero Extractor
// is ready to use and parses with the defaults, like [Parse] without
// options.
type Extractor struct {
	config
	rules dropRules
	built bool // made by New; the zero Extractor uses the defaults
}

// New returns an Extractor with the given options. A drop selector that does
// not compile, or an invalid option value, is an error here rather than at
// parse time.
func New(opts ...Option) (*Extractor, error) {
	e := &Extractor{config: config{loc: time.UTC, maxBytes: DefaultMaxBytes}, built: true}
	for _, o := range opts {
		if err := o(&e.config); err != nil {
			return nil, err
		}
	}
	if !e.setUnwrap {
		e.unwrapBase = DefaultUnwrappers()
	}
	e.unwrappers = append(e.unwrappers[:len(e.unwrappers):len(e.unwrappers)], e.unwrapBase...)
	if !e.setDrop {
		e.dropBase = DefaultDrop()
	}
	drop, err := compileDrop(append(e.dropBase, e.config.drop...))
	if err != nil {
		return nil, err
	}
	e.rules = drop
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
	e = e.ready()
	limit := e.maxBytes
	if limit < math.MaxInt64 {
		limit++ // one byte more than allowed tells too large from just right
	}
	src, err := io.ReadAll(io.LimitReader(r, limit))
	if err != nil {
		return nil, err
	}
	return e.Parse(src)
}

// ParseFile reads the post at path; a file over the size limit is
// [ErrTooLarge] without reading it.
func (e *Extractor) ParseFile(path string) (*Article, error) {
	e = e.ready()
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.Mode().IsRegular() && st.Size() > e.maxBytes {
		return nil, fmt.Errorf("%w: %d bytes, limit %d", ErrTooLarge, st.Size(), e.maxBytes)
	}
	return e.ParseReader(f)
}

// Parse reads one post: front matter, then the HTML body.
//
// It returns [ErrEmpty], [ErrTooLarge], [ErrBinary] or a
// *[FrontMatterError] (errors.Is(err, [ErrFrontMatter])) for input it
// cannot read. Anything else is read as well as it can be, and what was
// repaired or guessed — an unreadable date, invalid UTF-8, HTML nested too
// deep, a relative image URL — is listed in Article.Warnings.
func (e *Extractor) Parse(src []byte) (*Article, error) {
	e = e.ready()
	if int64(len(src)) > e.maxBytes {
		return nil, fmt.Errorf("%w: more than %d bytes", ErrTooLarge, e.maxBytes)
	}
	a := &Article{}
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
	res := &resolver{e: e, base: e.base, rep: rep}
	e.applyMeta(a, &fm, res)

	doc, err := html.ParseWithOptions(bytes.NewReader(fm.body), html.ParseOptionEnableScripting(false))
	if err != nil {
		// x/net/html refuses documents nested past 512 open elements; a
		// flat pass keeps their text and images.
		rep.warnf(warnHTML, "HTML could not be parsed as a tree (%v); read with a flat pass", err)
		doc = flatTree(fm.body)
	}
	b := newBuilder(a, rep)
	if a.Title == "" {
		a.Title = documentTitle(doc)
		b.findTitle = a.Title == ""
	}
	// About one block per 200 bytes of body on real posts; growing from
	// there is cheaper than from zero.
	a.Blocks = make([]Block, 0, len(fm.body)/200+8)
	w := htmlWalker{b: b, drop: &e.rules, res: res}
	w.walk(doc)

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
