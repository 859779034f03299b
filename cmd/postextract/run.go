package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"time"

	"github.com/postextract/postextract"
	"golang.org/x/term"
)

// Exit statuses.
const (
	exitOK     = 0
	exitFailed = 1
	exitUsage  = 2
)

type options struct {
	format   string
	progress string
	outDir   string // -o: one file per post under it, instead of standard output
	warnings warningsValue
	ex       *postextract.Extractor
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	var f flags
	fl := newFlagSet(&f)
	usage := func(msg string) int {
		fmt.Fprintf(stderr, "postextract: %s\nrun 'postextract -h' for usage\n", msg)
		return exitUsage
	}
	paths, err := parseFlags(fl, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			printHelp(fl, stdout)
			return exitOK
		}
		return usage(err.Error())
	}
	if f.version {
		fmt.Fprintln(stdout, "postextract", buildVersion())
		return exitOK
	}
	if len(paths) == 0 && !isTerminal(stdin) {
		paths = []string{"-"}
	}
	fl.Visit(func(fl *flag.Flag) { f.outSet = f.outSet || fl.Name == "o" })
	o, err := f.options(paths)
	if err != nil {
		return usage(message(err))
	}
	// What collect reports (a missing path, an empty folder) waits until
	// the usage checks below pass: a usage error is one line alone.
	var missing bytes.Buffer
	inputs, failed := collect(paths, &missing)
	if o.format == "" {
		o.format = "jsonl"
		// One file argument (not a folder that held one post): json.
		if len(paths) == 1 && len(inputs) == 1 && inputs[0].path == paths[0] {
			o.format = "json"
		}
	}
	var outputs []string
	if o.outDir != "" {
		// Every output is checked before anything is written: a refusal
		// leaves the disk as it was.
		outputs, err = planOutputs(o.outDir, inputs, formats[o.format].ext)
		if err != nil {
			return usage(fmt.Sprintf("-o %s: %s", o.outDir, err))
		}
	} else if formats[o.format].single && len(inputs) > 1 {
		return usage(fmt.Sprintf("-f %s writes one post on standard output, and there are %d: give -o DIR for a file per post", o.format, len(inputs)))
	}
	_, _ = stderr.Write(missing.Bytes())
	if !process(inputs, outputs, o, stdin, stdout, stderr) {
		failed = true
	}
	if failed {
		return exitFailed
	}
	return exitOK
}

// isTerminal reports whether f is a terminal.
func isTerminal(f any) bool {
	file, ok := f.(*os.File)
	return ok && term.IsTerminal(int(file.Fd()))
}

// check refuses values of the flags that no option would take, and paths
// that cannot be read as given.
func (f *flags) check(paths []string) error {
	if len(paths) == 0 {
		return errors.New("no PATH given, and standard input is a terminal")
	}
	if _, ok := formats[f.format]; !ok && f.format != "" {
		return fmt.Errorf("-f %q: want json, jsonl, text, markdown or html", f.format)
	}
	if f.outSet && f.out == "" {
		return errors.New(`-o "": want a folder`)
	}
	switch f.progress {
	case "auto", "always", "never":
	default:
		return fmt.Errorf("-progress %q: want auto, always or never", f.progress)
	}
	switch f.body {
	case "auto", "html", "markdown":
	default:
		return fmt.Errorf("-body %q: want auto, html or markdown", f.body)
	}
	if n := slices.Index(paths, "-"); n >= 0 && slices.Contains(paths[n+1:], "-") {
		return errors.New("- (standard input) given more than once; it can be read once")
	}
	return nil
}

// options checks the flags and the paths and builds the Extractor.
func (f *flags) options(paths []string) (options, error) {
	if err := f.check(paths); err != nil {
		return options{}, err
	}
	var opts []postextract.Option
	if f.workers > 0 {
		opts = append(opts, postextract.WithWorkers(int(f.workers)))
	}
	if f.generator != "" {
		if _, err := postextract.New(postextract.WithGenerator(f.generator)); err != nil {
			return options{}, fmt.Errorf("-generator %q: want one of %s", f.generator, strings.Join(postextract.Generators(), ", "))
		}
		opts = append(opts, postextract.WithGenerator(f.generator))
	}
	if f.body != "auto" {
		opts = append(opts, postextract.WithFormat(postextract.Format(f.body)))
	}
	if f.tz != "" {
		loc, err := location(f.tz)
		if err != nil {
			return options{}, fmt.Errorf("-tz %q: %v", f.tz, err)
		}
		opts = append(opts, postextract.WithLocation(loc))
	}
	if f.base != "" {
		// Checked alone, so that the message names the flag, not the option.
		base := postextract.WithBaseURL(f.base)
		if _, err := postextract.New(base); err != nil {
			return options{}, fmt.Errorf("-base %q: want an absolute http(s) URL", f.base)
		}
		opts = append(opts, base)
	}
	for _, sel := range f.drop {
		// Checked alone too, so that the message names the flag.
		if _, err := postextract.New(postextract.WithDrop(sel)); err != nil {
			_, why, _ := strings.Cut(err.Error(), fmt.Sprintf("%q: ", sel))
			return options{}, fmt.Errorf("-drop %q: %s", sel, why)
		}
	}
	if len(f.drop) > 0 {
		opts = append(opts, postextract.WithDrop(f.drop...))
	}
	ex, err := postextract.New(opts...)
	if err != nil {
		return options{}, err
	}
	return options{format: f.format, progress: f.progress, outDir: f.out, warnings: f.warnings, ex: ex}, nil
}

// input is one post to read: its path, and where under -o its output goes.
type input struct {
	path string // as given, or a folder argument joined with the post's path in it
	rel  string // the post's path in its folder argument, or a file argument's name
}

// collect expands the arguments into the list of posts, in argument order
// and, within a folder, in the library's order (postextract.PostFiles); a
// file given by name is always read. Missing paths, and folders without
// posts, are reported.
func collect(args []string, stderr io.Writer) (inputs []input, failed bool) {
	for _, arg := range args {
		if arg == "-" {
			inputs = append(inputs, input{path: arg})
			continue
		}
		st, err := os.Stat(arg)
		if err != nil {
			fmt.Fprintf(stderr, "%s: %v\n", arg, unwrapPathError(err))
			failed = true
			continue
		}
		if !st.IsDir() {
			inputs = append(inputs, input{path: arg, rel: filepath.Base(arg)})
			continue
		}
		paths, err := postextract.PostFiles(os.DirFS(arg), ".")
		if err != nil {
			for _, e := range unjoin(err) {
				fmt.Fprintf(stderr, "%s: %v\n", arg, e)
			}
			failed = true
		}
		if len(paths) == 0 && err == nil {
			fmt.Fprintf(stderr, "%s: no posts (*.md, *.markdown, *.html, *.htm) in this folder\n", arg)
			failed = true
		}
		for _, p := range paths {
			rel := filepath.FromSlash(p)
			inputs = append(inputs, input{path: filepath.Join(arg, rel), rel: rel})
		}
	}
	return inputs, failed
}

func unjoin(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}

// message is an error's text without the package prefix that the
// library's errors carry: the CLI prints its own ("postextract: " or the
// file's path) once.
func message(err error) string {
	return strings.TrimPrefix(err.Error(), "postextract: ")
}

// unwrapPathError drops the path that *fs.PathError repeats, since the
// message already starts with it.
func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// process parses the inputs in parallel with the library's ParseFiles and
// writes them in input order as they become ready: on standard output, or
// each to its file of outputs when -o gave them.
func process(inputs []input, outputs []string, o options, stdin io.Reader, stdout, stderr io.Writer) bool {
	out := newSink(len(inputs), outputs, o.format, stdout)
	bar := newProgress(len(inputs), o.progress, stderr, stdout, outputs != nil)
	defer bar.finish() // also when the output fails
	// report prints a message on stderr, after what is already on stdout
	// and without the progress line in the way.
	report := func(format string, args ...any) {
		out.flush()
		bar.print(func() { fmt.Fprintf(stderr, format, args...) })
	}
	var warned tally
	ok := true
	i := -1
	for p, err := range o.ex.ParseFiles(context.Background(), osFS{stdin}, inputPaths(inputs)) {
		i++                     // ParseFiles yields once per path, in order
		p.Path = inputs[i].path // read by its absolute path
		if err != nil {
			ok = false
			report("%s: %s\n", p.Path, message(unwrapPathError(err)))
			bar.add()
			continue
		}
		for _, w := range p.Article.Warnings {
			if o.warnings.shows(w.Code) {
				report("%s: warning: %s\n", p.Path, w)
			}
		}
		warned.add(p.Article.Warnings)
		if err := out.write(i, p.Path, p.Article); err != nil {
			var fatal stdoutError
			if errors.As(err, &fatal) {
				report("postextract: writing output: %v\n", fatal.err)
				return false
			}
			ok = false
			report("%s\n", err)
		}
		bar.add()
	}
	if err := out.close(); err != nil {
		report("postextract: writing output: %v\n", err)
		return false
	}
	bar.finish()
	if d, isDir := out.(*dirSink); isDir && isTerminal(stderr) {
		// With -o nothing else says what happened.
		fmt.Fprintf(stderr, "postextract: %d of %d posts written under %s\n", d.written, len(inputs), o.outDir)
	}
	if line := warned.summary(); line != "" && o.warnings.mode == "auto" {
		fmt.Fprintln(stderr, line)
	}
	return ok
}

// osFS opens the operating system's files by the paths given on the
// command line, and "-" as standard input.
type osFS struct{ stdin io.Reader }

func (f osFS) Open(name string) (fs.File, error) {
	if name == "-" {
		return stdinFile{f.stdin}, nil
	}
	return os.Open(name)
}

// Stat is os.Stat, so that the library learns a site file's kind without
// opening it (a named pipe would block the open).
func (f osFS) Stat(name string) (fs.FileInfo, error) {
	if name == "-" {
		return stdinInfo{}, nil
	}
	return os.Stat(name)
}

// stdinFile is standard input as an fs.File, without a name (a file name
// would give a title or a date).
type stdinFile struct{ io.Reader }

func (stdinFile) Stat() (fs.FileInfo, error) { return stdinInfo{}, nil }
func (stdinFile) Close() error               { return nil }

type stdinInfo struct{}

func (stdinInfo) Name() string       { return "" }
func (stdinInfo) Size() int64        { return 0 }
func (stdinInfo) Mode() fs.FileMode  { return fs.ModeNamedPipe }
func (stdinInfo) ModTime() time.Time { return time.Time{} }
func (stdinInfo) IsDir() bool        { return false }
func (stdinInfo) Sys() any           { return nil }

func buildVersion() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
		return bi.Main.Version
	}
	return "(devel)"
}

// newSink returns where the posts go: a file each under -o (outputs holds
// their paths), else standard output.
func newSink(n int, outputs []string, format string, stdout io.Writer) sink {
	if outputs != nil {
		return &dirSink{format: formats[format], outputs: outputs, made: map[string]bool{}}
	}
	return newStreamSink(stdout, format, n)
}

// inputPaths lists the inputs' paths, in order.
// inputPaths are the paths that the library reads the inputs by: absolute
// slash paths, so that the folders above a post, which say its generator,
// can be read up to the root (a run on content/posts finds the hugo.toml
// above it); standard input stays "-".
func inputPaths(inputs []input) []string {
	paths := make([]string, len(inputs))
	for i, in := range inputs {
		paths[i] = in.path
		if in.path == "-" {
			continue
		}
		if abs, err := filepath.Abs(in.path); err == nil {
			paths[i] = filepath.ToSlash(abs)
		}
	}
	return paths
}
