// Package extract reads blog posts with postextract as an Apache Beam
// transform: from file patterns, or from the paths of matched files, to
// articles as JSON lines and failures.
//
// A post is read as the postextract command reads it: the same options,
// and the site files in the folders above it (hugo.toml, _config.yml, …)
// say which generator wrote it. Files are read through Beam's file
// systems: local files, and gs:// or s3:// objects when the program
// imports their registration (io/filesystem/gcs, io/filesystem/s3).
//
// The transform is for batch pipelines in the global window.
package extract

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"reflect"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/local" // local files are always read
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
	"github.com/postextract/postextract"
	"github.com/postextract/postextract/internal/zone"
)

func init() {
	beam.RegisterType(reflect.TypeOf((*Failure)(nil)).Elem())
	register.DoFn3x1[context.Context, string, func(string), error](&matchFn{})
	register.Emitter1[string]()
	register.DoFn4x1[context.Context, string, func(string), func(Failure), error](&extractFn{})
	register.Emitter1[Failure]()
}

// Counters are the names of the metrics the transform reports, in the
// namespace "postextract".
const (
	CounterRead   = "posts_read"   // posts read, whether they parsed or failed
	CounterFailed = "posts_failed" // posts that went to the failures
	CounterImages = "images_found" // images of the posts that parsed
)

var (
	postsRead   = beam.NewCounter("postextract", CounterRead)
	postsFailed = beam.NewCounter("postextract", CounterFailed)
	imagesFound = beam.NewCounter("postextract", CounterImages)
)

// Options are the options of the postextract command that a pipeline
// passes to every worker; the zero Options read as the command does
// without flags.
type Options struct {
	TZ        string   // -tz: a zone name (Asia/Shanghai) or an offset (+08:00); "" is UTC
	Base      string   // -base: the base URL of relative image URLs and links
	Body      string   // -body: "auto" (or ""), "html" or "markdown"
	Generator string   // -generator: read every post by this generator's conventions
	Drop      []string // -drop: CSS selectors of subtrees to leave out
	MaxBytes  int64    // the largest post read; 0 is the library's default
}

// Extractor builds the Extractor the options describe, or says which
// option is wrong.
func (o Options) Extractor() (*postextract.Extractor, error) {
	var opts []postextract.Option
	if o.TZ != "" {
		loc, err := zone.Location(o.TZ)
		if err != nil {
			return nil, fmt.Errorf("tz %q: %v", o.TZ, err)
		}
		opts = append(opts, postextract.WithLocation(loc))
	}
	if o.Base != "" {
		opts = append(opts, postextract.WithBaseURL(o.Base))
	}
	switch o.Body {
	case "", "auto":
	case "html", "markdown":
		opts = append(opts, postextract.WithFormat(postextract.Format(o.Body)))
	default:
		return nil, fmt.Errorf("body %q: want auto, html or markdown", o.Body)
	}
	if o.Generator != "" {
		opts = append(opts, postextract.WithGenerator(o.Generator))
	}
	if len(o.Drop) > 0 {
		opts = append(opts, postextract.WithDrop(o.Drop...))
	}
	if o.MaxBytes != 0 {
		opts = append(opts, postextract.WithMaxBytes(o.MaxBytes))
	}
	return postextract.New(opts...)
}

// Failure is a post that could not be read: its path, and why.
type Failure struct {
	Path  string `json:"path"`
	Kind  string `json:"kind"`  // empty, too-large, binary, front-matter, or read (the file could not be read)
	Error string `json:"error"` // the message the postextract command prints after the path
}

// Extract reads the posts that the file patterns of patterns (a
// PCollection of string) match, as MatchPaths and Articles do; the paths
// are reshuffled in between, so that the posts of one pattern spread over
// the workers.
func Extract(s beam.Scope, opts Options, patterns beam.PCollection) (articles, failures beam.PCollection) {
	s = s.Scope("postextract.Extract")
	return Articles(s, opts, beam.Reshuffle(s, MatchPaths(s, patterns)))
}

// MatchPaths expands the file patterns of patterns (a PCollection of
// string) into the paths of the files they match, through Beam's file
// systems. In a local pattern, ** matches any number of folders, as it
// does in gs:// patterns. In a local pattern, a wildcard (*, ** or ?)
// matches no hidden file or folder (a name that starts with ".") and no
// node_modules folder, which the postextract command skips in a folder
// too, and named pipes, sockets and devices are left out. A pattern that
// matches nothing yields nothing.
func MatchPaths(s beam.Scope, patterns beam.PCollection) beam.PCollection {
	s = s.Scope("postextract.MatchPaths")
	return beam.ParDo(s, &matchFn{}, patterns)
}

// Articles reads the posts at the paths of paths (a PCollection of
// string). It returns the articles, a PCollection of string that holds
// each as a line of JSON (without its newline) with its path first, as
// the postextract command's jsonl output, and the failures, a PCollection
// of Failure. A post that fails is a failure, never a failed bundle.
//
// Each worker builds its Extractor once; the paths of a bundle are read
// together, so that the site files of their folders are read once. It
// panics, when the pipeline is built, if opts are wrong: opts.Extractor
// says why.
func Articles(s beam.Scope, opts Options, paths beam.PCollection) (articles, failures beam.PCollection) {
	s = s.Scope("postextract.Articles")
	if _, err := opts.Extractor(); err != nil {
		panic(fmt.Sprintf("postextract.Articles: %v", err)) // at construction time, as Beam's transforms do
	}
	return beam.ParDo2(s, &extractFn{Opts: opts}, paths)
}

// extractFn reads the posts of a bundle in FinishBundle, with one
// ParseFiles call per file system.
type extractFn struct {
	Opts Options

	ex    *postextract.Extractor
	paths []string
}

func (fn *extractFn) Setup() error {
	ex, err := fn.Opts.Extractor()
	fn.ex = ex
	return err
}

func (fn *extractFn) StartBundle(context.Context, func(string), func(Failure)) {
	fn.paths = nil // what a failed bundle left
}

func (fn *extractFn) ProcessElement(_ context.Context, path string, _ func(string), _ func(Failure)) error {
	fn.paths = append(fn.paths, path)
	return nil
}

func (fn *extractFn) FinishBundle(ctx context.Context, emit func(string), fail func(Failure)) error {
	paths := fn.paths
	fn.paths = nil
	return readPosts(ctx, fn.ex, paths, func(path string, a *postextract.Article, err error) error {
		postsRead.Inc(ctx, 1)
		if err != nil {
			postsFailed.Inc(ctx, 1)
			fail(failure(path, err))
			return nil
		}
		imagesFound.Inc(ctx, int64(len(a.Images)))
		line, err := JSONLine(path, a)
		if err != nil {
			postsFailed.Inc(ctx, 1)
			fail(Failure{Path: path, Kind: "json", Error: err.Error()})
			return nil
		}
		emit(line)
		return nil
	})
}

// readPosts reads the posts at paths, grouped by the file system they are
// on, and calls yield with each path as given. An error of yield, a file
// system that cannot be opened, or ctx done (its error) ends it.
func readPosts(ctx context.Context, ex *postextract.Extractor, paths []string, yield func(string, *postextract.Article, error) error) error {
	type group struct {
		given, names []string
	}
	groups := map[string]*group{}
	var roots []string
	for _, p := range paths {
		root, name, err := splitRoot(p)
		if err != nil {
			if err := yield(p, nil, err); err != nil {
				return err
			}
			continue
		}
		g := groups[root]
		if g == nil {
			g = &group{}
			groups[root] = g
			roots = append(roots, root)
		}
		g.given = append(g.given, p)
		g.names = append(g.names, name)
	}
	for _, root := range roots {
		if err := ctx.Err(); err != nil {
			return err
		}
		g := groups[root]
		var fsys fs.FS = localFS{}
		if root != "" {
			bfs, err := newBeamFS(ctx, root)
			if err != nil {
				return err
			}
			defer bfs.fs.Close()
			fsys = bfs
		}
		i := 0
		for post, err := range ex.ParseFiles(ctx, fsys, g.names) {
			if err != nil && ctx.Err() != nil {
				// Cancelled: the bundle fails, to be retried, rather than
				// yield a false failure (ParseFiles yields ctx's error last,
				// with no path) and drop the posts after it.
				return ctx.Err()
			}
			if err := yield(g.given[i], post.Article, err); err != nil {
				return err
			}
			i++
		}
	}
	return nil
}

// JSONLine is the article a as the postextract command writes it in its
// jsonl output, with path first, without the newline.
func JSONLine(path string, a *postextract.Article) (string, error) {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	err := enc.Encode(struct {
		Path string `json:"path"`
		*postextract.Article
	}{path, a})
	return strings.TrimSuffix(b.String(), "\n"), err
}

// failure describes the error err of the post at path.
func failure(path string, err error) Failure {
	kind := "read"
	switch {
	case errors.Is(err, postextract.ErrEmpty):
		kind = "empty"
	case errors.Is(err, postextract.ErrTooLarge):
		kind = "too-large"
	case errors.Is(err, postextract.ErrBinary):
		kind = "binary"
	case errors.Is(err, postextract.ErrFrontMatter):
		kind = "front-matter"
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return Failure{Path: path, Kind: kind, Error: strings.TrimPrefix(err.Error(), "postextract: ")}
}
