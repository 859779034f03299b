package postextract

import (
	"context"
	"errors"
	"io/fs"
	"iter"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
)

// Post is one post read by [Extractor.Posts], [Extractor.PostsInDir] or
// [Extractor.ParseFiles]: where it is and what it reads as.
type Post struct {
	Path    string
	Article *Article
}

// postExts are the file names a folder is walked for.
var postExts = []string{".md", ".markdown", ".html", ".htm"}

// skipDirs are folders never walked into: they hold tools, not posts.
var skipDirs = []string{"node_modules"}

// IsPostFile reports whether a file name is one a folder is walked for:
// *.md, *.markdown, *.html, *.htm, in any case.
func IsPostFile(name string) bool {
	return slices.Contains(postExts, strings.ToLower(path.Ext(name)))
}

// PostFiles returns the paths of the posts under root in fsys, in lexical
// order: every [IsPostFile] file, skipping hidden files and folders (.git,
// .draft.md) and node_modules below root. What cannot be read is returned
// as an error (errors.Join of *fs.PathError) beside the paths that could.
func PostFiles(fsys fs.FS, root string) ([]string, error) {
	var paths []string
	var errs []error
	err := fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			errs = append(errs, err)
			return nil
		}
		// A name starting with a dot is hidden, for files as for folders:
		// editors and tools keep their own files there.
		hidden := p != root && strings.HasPrefix(d.Name(), ".")
		if d.IsDir() {
			if hidden || p != root && slices.Contains(skipDirs, d.Name()) {
				return fs.SkipDir
			}
			return nil
		}
		// A named pipe, a socket or a device is no post, whatever its name:
		// opening a pipe would wait for a writer.
		if !hidden && IsPostFile(p) && d.Type()&(fs.ModeNamedPipe|fs.ModeSocket|fs.ModeDevice|fs.ModeIrregular) == 0 {
			paths = append(paths, p)
		}
		return nil
	})
	if err != nil {
		errs = append(errs, err)
	}
	return paths, errors.Join(errs...)
}

// Posts parses every post under root in fsys (see [PostFiles]) and yields
// them in path order. Posts are parsed in parallel by [WithWorkers]
// workers, at most four results per worker held for the order. A post that
// cannot be read yields its path and an *fs.PathError (errors.Is reaches
// the sentinels); the others go on. Breaking out of the loop, or ctx being
// done, stops the workers: no goroutine is left running when the iterator
// returns. A canceled ctx yields its error last.
func (e *Extractor) Posts(ctx context.Context, fsys fs.FS, root string) iter.Seq2[Post, error] {
	return func(yield func(Post, error) bool) {
		paths, err := PostFiles(fsys, root)
		if err != nil && !yield(Post{Path: root}, err) {
			return
		}
		for p, err := range e.ParseFiles(ctx, fsys, paths) {
			if !yield(p, err) {
				return
			}
		}
	}
}

// PostsInDir is [Extractor.Posts] over a directory of the operating
// system; each Post's Path is dir joined with the post's path in it. The
// folders above dir, up to the nearest that holds .git, are read for the
// posts' generator too.
func (e *Extractor) PostsInDir(ctx context.Context, dir string) iter.Seq2[Post, error] {
	e = e.ready()
	return func(yield func(Post, error) bool) {
		paths, err := PostFiles(os.DirFS(dir), ".")
		if err != nil {
			setPaths(err, func(p string) string { return filepath.Join(dir, filepath.FromSlash(p)) })
			if !yield(Post{Path: dir}, err) {
				return
			}
		}
		abs, aerr := diskPath(dir)
		if aerr != nil {
			yield(Post{Path: dir}, aerr)
			return
		}
		names := make([]string, len(paths))
		for i, p := range paths {
			names[i] = strings.TrimSuffix(abs, "/") + "/" + p
		}
		i := -1
		for p, err := range e.parseFiles(ctx, diskFS{}, names) {
			i++
			if i < len(paths) {
				p.Path = filepath.Join(dir, filepath.FromSlash(paths[i]))
				setPaths(err, func(string) string { return p.Path })
			}
			if !yield(p, err) {
				return
			}
		}
	}
}

// ParseFiles parses the files at paths in fsys in parallel, as Posts does,
// and yields them in the order given.
//
// The folders above each post within fsys (up to the nearest that holds
// .git) say which generator wrote it (SPEC "Generators"); each is read
// once in a call. A file system that opens rooted paths ("/a/b.md", as
// os.Open does) is read up to its root.
func (e *Extractor) ParseFiles(ctx context.Context, fsys fs.FS, paths []string) iter.Seq2[Post, error] {
	return e.ready().parseFiles(ctx, fsys, paths)
}

// parseFiles is ParseFiles on a ready Extractor.
func (e *Extractor) parseFiles(ctx context.Context, fsys fs.FS, paths []string) iter.Seq2[Post, error] {
	return func(yield func(Post, error) bool) {
		ctx, cancel := context.WithCancel(ctx)
		results, window, wg := e.start(ctx, fsys, paths)
		// Cancel, then wait, also when the caller's loop body panics: the
		// producer may be blocked on the window until ctx is done.
		defer func() {
			cancel()
			wg.Wait()
		}()
		for i := range paths {
			var r parsed
			select {
			case r = <-results[i]:
			case <-ctx.Done():
				cancel()
				yield(Post{}, ctx.Err())
				return
			}
			<-window
			if !yield(r.post, r.err) {
				cancel()
				return
			}
		}
	}
}

// parsed is one post's result, on its way to the caller.
type parsed struct {
	post Post
	err  error
}

// start runs a producer, which hands out the paths in order as the window
// allows, and the workers, which parse them into results[i]. Both stop when
// ctx is done; wait on wg for them.
func (e *Extractor) start(ctx context.Context, fsys fs.FS, paths []string) ([]chan parsed, chan struct{}, *sync.WaitGroup) {
	workers := e.workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	results := make([]chan parsed, len(paths))
	for i := range results {
		results[i] = make(chan parsed, 1)
	}
	window := make(chan struct{}, 4*workers) // results held for the order
	jobs := make(chan int)
	wg := &sync.WaitGroup{}
	sites := newSiteCache(fsys)
	wg.Go(func() {
		defer close(jobs)
		for i := range paths {
			select {
			case window <- struct{}{}:
			case <-ctx.Done():
				return
			}
			select {
			case jobs <- i:
			case <-ctx.Done():
				return
			}
		}
	})
	for range workers {
		wg.Go(func() {
			for i := range jobs {
				a, err := e.parseFS(fsys, paths[i], sites)
				results[i] <- parsed{Post{paths[i], a}, err}
			}
		})
	}
	return results, window, wg
}

// parseFS reads the post at name in fsys, whose folders sites reads; a
// file over the size limit is ErrTooLarge without reading it. Errors are
// *fs.PathError.
func (e *Extractor) parseFS(fsys fs.FS, name string, sites *siteCache) (*Article, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	base := path.Base(name)
	if st, err := f.Stat(); err == nil {
		if err := e.tooLarge(st); err != nil {
			return nil, &fs.PathError{Op: "parse", Path: name, Err: err}
		}
		base = st.Name()
	}
	src, err := e.readLimited(f)
	if err != nil {
		return nil, &fs.PathError{Op: "read", Path: name, Err: err}
	}
	ps := &postSource{} // standard input, whose file has no name
	if base != "" {
		ps = sites.source(name)
		ps.name = base
	}
	a, err := e.parse(src, ps)
	if err != nil {
		return nil, &fs.PathError{Op: "parse", Path: name, Err: err}
	}
	return a, nil
}

// setPaths replaces the path of every *fs.PathError in err, joined ones
// included, by what to makes of it.
func setPaths(err error, to func(string) string) {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		for _, e := range j.Unwrap() {
			setPaths(e, to)
		}
		return
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		pe.Path = to(pe.Path)
	}
}
