package postextract

import (
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"
)

// DefaultMaxBytes is the input size limit when [WithMaxBytes] is not given.
const DefaultMaxBytes = 32 << 20

// DefaultDrop returns a fresh list of the subtrees that are never part of
// a post's text: non-content elements, and the share, reward and
// recommendation widgets that feed-to-blog pipelines append. Each entry is a
// CSS selector; bare element names, single classes and single ids are
// matched by lookups rather than by running a selector. Order does not
// matter: a subtree is dropped when any entry matches. [WithDrop] adds to
// this list; [WithBaseDrop] replaces it.
func DefaultDrop() []string {
	return []string{
		"script", "style", "template", "svg", "math", "button", "form", "input",
		"select", "textarea", "iframe", "object", "embed", "canvas", "audio",
		"video", "head",
		".support-author",      // the reward ("support the author") box
		"#recommend_bottom",    // ZAKER's trailing recommendations
		"#article_bottom",      // ZAKER's trailing widgets
		".aw-upload-file-list", // Dockone's attachment list
	}
}

// Unwrapper recognises one kind of image proxy URL (or, given to
// [WithLinkUnwrapper], one kind of link redirector) and returns the URL it
// wraps. It returns false when u is not of its kind. u may be relative (a
// post's /_next/image?url=… without a base URL). A result that is not an
// absolute http(s) URL with a host is ignored.
type Unwrapper func(u *url.URL) (inner string, ok bool)

// Option configures an [Extractor]; pass options to [New] or to the Parse
// functions.
type Option func(*config) error

type config struct {
	format         Format
	loc            *time.Location
	base           *url.URL
	drop           []string // WithDrop
	dropBase       []string // WithBaseDrop; nil: DefaultDrop()
	maxBytes       int64
	unwrappers     []Unwrapper // WithUnwrapper, tried first
	unwrapBase     []Unwrapper // WithBaseUnwrappers; nil: DefaultUnwrappers()
	linkUnwrappers []Unwrapper // WithLinkUnwrapper, tried first
	linkBase       []Unwrapper // WithBaseLinkUnwrappers; nil: DefaultLinkUnwrappers()
	workers        int         // WithWorkers; 0: GOMAXPROCS
	generator      string      // WithGenerator; "": detected
	setDrop        bool
	setUnwrap      bool
	setLink        bool
}

// WithLocation sets the zone in which dates written without one are read.
// The default is UTC, as in Hexo 5 and later. A nil location is an error.
func WithLocation(loc *time.Location) Option {
	return func(c *config) error {
		if loc == nil {
			return errors.New("postextract: WithLocation: nil location")
		}
		c.loc = loc
		return nil
	}
}

// WithBaseURL sets the URL against which relative image URLs and links are
// resolved (else the post's own url from its front matter, if any).
// It must be an absolute http(s) URL; anything else is an error from [New].
func WithBaseURL(base string) Option {
	return func(c *config) error {
		u, err := url.Parse(base)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return fmt.Errorf("postextract: WithBaseURL: %q is not an absolute http(s) URL", base)
		}
		c.base = u
		return nil
	}
}

// WithDrop adds CSS selectors whose subtrees are dropped, on top of
// [DefaultDrop]. A selector that does not compile is an error from [New].
func WithDrop(selectors ...string) Option {
	return func(c *config) error {
		c.drop = append(c.drop, selectors...)
		return nil
	}
}

// WithBaseDrop sets the base list of dropped subtrees, in place of
// [DefaultDrop], so that a caller can remove an entry: start from
// DefaultDrop(), edit, pass the result. [WithDrop] still adds to it. A
// selector that does not compile is an error from [New].
func WithBaseDrop(selectors ...string) Option {
	return func(c *config) error {
		c.dropBase, c.setDrop = append([]string(nil), selectors...), true
		return nil
	}
}

// WithMaxBytes sets the largest input accepted; larger input fails with
// [ErrTooLarge]. The default is [DefaultMaxBytes]; any positive value works,
// math.MaxInt64 included; n <= 0 is an error.
func WithMaxBytes(n int64) Option {
	return func(c *config) error {
		if n <= 0 {
			return fmt.Errorf("postextract: WithMaxBytes: %d is not positive", n)
		}
		c.maxBytes = n
		return nil
	}
}

// WithUnwrapper teaches the Extractor another image proxy. Unwrappers given
// this way are tried before the default ones, in the order given.
func WithUnwrapper(u Unwrapper) Option {
	return func(c *config) error {
		if u == nil {
			return errors.New("postextract: WithUnwrapper: nil unwrapper")
		}
		c.unwrappers = append(c.unwrappers, u)
		return nil
	}
}

// WithBaseUnwrappers sets the base list of image proxies, in place of
// [DefaultUnwrappers], tried in its order after those of [WithUnwrapper]: a
// caller can remove or reorder the built-in proxies. A nil entry is an
// error.
func WithBaseUnwrappers(list ...Unwrapper) Option {
	return func(c *config) error {
		if slices.ContainsFunc(list, isNil) {
			return errors.New("postextract: WithBaseUnwrappers: nil unwrapper")
		}
		c.unwrapBase, c.setUnwrap = slices.Clone(list), true
		return nil
	}
}

// WithBaseLinkUnwrappers sets the base list of link redirectors, in place
// of [DefaultLinkUnwrappers], tried in its order after those of
// [WithLinkUnwrapper]: a caller can remove the built-in redirectors, or
// put another in front of them. A nil entry is an error.
func WithBaseLinkUnwrappers(list ...Unwrapper) Option {
	return func(c *config) error {
		if slices.ContainsFunc(list, isNil) {
			return errors.New("postextract: WithBaseLinkUnwrappers: nil unwrapper")
		}
		c.linkBase, c.setLink = slices.Clone(list), true
		return nil
	}
}

func isNil(u Unwrapper) bool { return u == nil }

// WithDropDefaults is the first name of [WithBaseDrop].
//
// Deprecated: use [WithBaseDrop], the same option: this name read like a
// getter.
func WithDropDefaults(selectors ...string) Option { return WithBaseDrop(selectors...) }

// WithUnwrapperDefaults is the first name of [WithBaseUnwrappers].
//
// Deprecated: use [WithBaseUnwrappers], the same option: this name read
// like a getter.
func WithUnwrapperDefaults(list ...Unwrapper) Option { return WithBaseUnwrappers(list...) }

// Format is how a post's body is read.
type Format string

// The body formats. In [FormatAuto] a front-matter markup key decides
// (html, htm; md, markdown, goldmark), then the file name (.html, .htm are
// HTML), then the body is sniffed: it is Markdown when it holds a construct
// that only Markdown writes, or no HTML at all.
const (
	FormatAuto     Format = ""
	FormatHTML     Format = "html"
	FormatMarkdown Format = "markdown"
)

// WithFormat chooses how bodies are read; the default is [FormatAuto]. Any
// other value is an error from [New].
func WithFormat(f Format) Option {
	return func(c *config) error {
		switch f {
		case FormatAuto, FormatHTML, FormatMarkdown:
			c.format = f
			return nil
		}
		return fmt.Errorf("postextract: WithFormat: %q is not auto, html or markdown", string(f))
	}
}

// WithLinkUnwrapper teaches the Extractor another link redirector. Link
// unwrappers given this way are tried before [DefaultLinkUnwrappers] (or
// the list of [WithBaseLinkUnwrappers]), in the order given; a result that
// is not an absolute http(s) URL is ignored.
func WithLinkUnwrapper(u Unwrapper) Option {
	return func(c *config) error {
		if u == nil {
			return errors.New("postextract: WithLinkUnwrapper: nil unwrapper")
		}
		c.linkUnwrappers = append(c.linkUnwrappers, u)
		return nil
	}
}

// WithWorkers sets how many posts [Extractor.Posts] and
// [Extractor.ParseFiles] parse at once; the default is GOMAXPROCS. n < 1 is
// an error.
func WithWorkers(n int) Option {
	return func(c *config) error {
		if n < 1 {
			return fmt.Errorf("postextract: WithWorkers: %d is not positive", n)
		}
		c.workers = n
		return nil
	}
}

// Generators are the names [WithGenerator] takes and Article.Generator
// reports, sorted.
func Generators() []string {
	names := make([]string, 0, len(generators))
	for n := range generators {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// WithGenerator reads every post by the conventions of the generator name
// (one of [Generators]), instead of detecting it from the post, its path
// and the site files above it; "" detects. Any other name is an error from
// [New].
func WithGenerator(name string) Option {
	return func(c *config) error {
		if _, ok := generators[name]; !ok && name != "" {
			return fmt.Errorf("postextract: WithGenerator: %q is none of %s", name, strings.Join(Generators(), ", "))
		}
		c.generator = name
		return nil
	}
}
