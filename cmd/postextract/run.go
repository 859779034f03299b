package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
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

type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, ", ") }
func (m *multiFlag) Set(s string) error { *m = append(*m, s); return nil }

type options struct {
	format   string
	progress string
	outDir   string // -o: one file per post under it, instead of standard output
	warnings bool
	ex       *postextract.Extractor
}

// flags are the command line's flags, as given.
type flags struct {
	format, tz, base, progress string
	body, warnings, out        string
	workers                    int
	version                    bool
	outSet                     bool // -o was given, even as -o ""
	drop                       multiFlag
}

// help is what -h prints, before the flags.
const help = `postextract reads blog posts — front matter and an HTML or Markdown body —
and prints each as a typed article (JSON, or text for reading), or writes it
back out as a clean Markdown post or a reader page, with its real image URLs.

usage: postextract [flags] [PATH...]

PATH is a post file, a folder (walked for *.md, *.markdown, *.html, *.htm,
skipping hidden folders and node_modules) or - for standard input, which is
also read when no PATH is given and it is not a terminal.
Exit status: 0 all parsed, 1 some failed, 2 usage error.

formats (-f):
  json      indented JSON; several posts make one JSON array
  jsonl     one JSON object a line, with the post's "path"
  text      for reading in a terminal
  markdown  a Markdown post file: YAML front matter and a CommonMark body
  html      a standalone reader page
On standard output, several posts in text or markdown each come after a
line with their path, "==> PATH <==", as head prints them; html takes one
post (a page is one document), or -o.

-o DIR writes one file per post under DIR, and nothing on standard output.
The tree of the input is mirrored: a post found in a folder argument keeps
its path in that folder, a file argument its name, with the extension of
the format (.json for json and jsonl, one indented object a file; .txt,
.md, .html). Folders are made as needed; each file is written aside and
renamed, so that it appears whole or not at all. A post that fails is
reported and the others are written (exit status 1). Nothing is written,
and the exit status is 2, when an output would be an input file, when two
inputs would write the same file, or when an input is standard input.

examples:
  postextract source/_posts/hello.md              one post, as indented JSON
  postextract -f text content/posts | less        a folder, for reading
  postextract -tz Asia/Shanghai source/_posts | jq -r '[.path, .title] | @tsv'
  postextract -f markdown -o clean source/_posts  clean posts, same tree
  postextract -f html -o pages source/_posts      reader pages, same tree

flags:
`

func newFlagSet(f *flags, out io.Writer) *flag.FlagSet {
	fl := flag.NewFlagSet("postextract", flag.ContinueOnError)
	fl.SetOutput(io.Discard) // errors are reported by run, help by -h
	fl.StringVar(&f.format, "f", "", "output format: json, jsonl, text, markdown or html (default json for one input, jsonl for several)")
	fl.StringVar(&f.out, "o", "", "write one file per post under this folder, mirroring the input tree (see above)")
	fl.IntVar(&f.workers, "j", runtime.GOMAXPROCS(0), "number of posts parsed in parallel")
	fl.StringVar(&f.tz, "tz", "", "time zone for dates written without one, e.g. Asia/Shanghai (default UTC)")
	fl.StringVar(&f.base, "base", "", "base URL for relative image URLs and links")
	fl.StringVar(&f.body, "body", "auto", "how bodies are read: auto (markup key, file name, then sniffing), html or markdown")
	fl.StringVar(&f.progress, "progress", "auto", "progress line on stderr: auto (when stderr is a terminal), always or never")
	fl.StringVar(&f.warnings, "warnings", "auto", "each post's warnings on stderr as PATH: warning: …: auto (when stderr is a terminal), always or never")
	fl.BoolVar(&f.version, "version", false, "print the version and exit")
	fl.Var(&f.drop, "drop", "CSS selector of subtrees to leave out (repeatable)")
	fl.Usage = func() {
		fmt.Fprint(out, help)
		fl.SetOutput(out)
		fl.PrintDefaults()
		fl.SetOutput(io.Discard)
	}
	return fl
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	var f flags
	fl := newFlagSet(&f, stdout)
	usage := func(msg string) int {
		fmt.Fprintf(stderr, "postextract: %s\nrun 'postextract -h' for usage\n", msg)
		return exitUsage
	}
	if err := fl.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fl.Usage()
			return exitOK
		}
		return usage(err.Error())
	}
	if f.version {
		fmt.Fprintln(stdout, "postextract", buildVersion())
		return exitOK
	}
	paths := fl.Args()
	if len(paths) == 0 && !isTerminal(stdin) {
		paths = []string{"-"}
	}
	fl.Visit(func(fl *flag.Flag) { f.outSet = f.outSet || fl.Name == "o" })
	o, err := f.options(paths)
	if err != nil {
		return usage(message(err))
	}
	inputs, failed := collect(paths, stderr)
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
	o.warnings = f.warnings == "always" || f.warnings == "auto" && isTerminal(stderr)
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

// options checks the flags and the paths and builds the Extractor.
func (f *flags) options(paths []string) (options, error) {
	if len(paths) == 0 {
		return options{}, errors.New("no PATH given, and standard input is a terminal")
	}
	if _, ok := formats[f.format]; !ok && f.format != "" {
		return options{}, fmt.Errorf("-f %q: want json, jsonl, text, markdown or html", f.format)
	}
	if f.outSet && f.out == "" {
		return options{}, errors.New(`-o "": want a folder`)
	}
	for _, m := range [][2]string{{"-progress", f.progress}, {"-warnings", f.warnings}} {
		switch m[1] {
		case "auto", "always", "never":
		default:
			return options{}, fmt.Errorf("%s %q: want auto, always or never", m[0], m[1])
		}
	}
	switch f.body {
	case "auto", "html", "markdown":
	default:
		return options{}, fmt.Errorf("-body %q: want auto, html or markdown", f.body)
	}
	if f.workers < 1 {
		return options{}, fmt.Errorf("-j %d: want at least 1", f.workers)
	}
	if n := slices.Index(paths, "-"); n >= 0 && slices.Contains(paths[n+1:], "-") {
		return options{}, errors.New("- (standard input) given more than once; it can be read once")
	}
	opts := []postextract.Option{postextract.WithWorkers(f.workers)}
	if f.body != "auto" {
		opts = append(opts, postextract.WithFormat(postextract.Format(f.body)))
	}
	if f.tz != "" {
		loc, err := time.LoadLocation(f.tz)
		if err != nil {
			return options{}, fmt.Errorf("-tz %q: %v", f.tz, err)
		}
		opts = append(opts, postextract.WithLocation(loc))
	}
	if f.base != "" {
		opts = append(opts, postextract.WithBaseURL(f.base))
	}
	if len(f.drop) > 0 {
		opts = append(opts, postextract.WithDrop(f.drop...))
	}
	ex, err := postextract.New(opts...)
	if err != nil {
		return options{}, err
	}
	return options{format: f.format, progress: f.progress, outDir: f.out, ex: ex}, nil
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
	bar := newProgress(len(inputs), o.progress, stderr)
	var out sink
	if outputs != nil {
		out = &dirSink{format: formats[o.format], outputs: outputs, made: map[string]bool{}}
	} else {
		out = newStreamSink(stdout, o.format, len(inputs))
	}
	// report prints a message on stderr, after what is already on stdout
	// and without the progress line in the way.
	report := func(format string, args ...any) {
		out.flush()
		bar.clear()
		fmt.Fprintf(stderr, format, args...)
	}
	paths := make([]string, len(inputs))
	for i, in := range inputs {
		paths[i] = in.path
	}
	ok := true
	i := -1
	for p, err := range o.ex.ParseFiles(context.Background(), osFS{stdin}, paths) {
		i++ // ParseFiles yields once per path, in order
		if err != nil {
			ok = false
			report("%s: %s\n", p.Path, message(unwrapPathError(err)))
			bar.add()
			continue
		}
		if o.warnings {
			for _, w := range p.Article.Warnings {
				report("%s: warning: %s\n", p.Path, w)
			}
		}
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
