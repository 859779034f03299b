package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
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
	warnings bool
	ex       *postextract.Extractor
}

// flags are the command line's flags, as given.
type flags struct {
	format, tz, base, progress string
	body, warnings             string
	workers                    int
	version                    bool
	drop                       multiFlag
}

// help is what -h prints, before the flags.
const help = `postextract reads blog posts — front matter and an HTML or Markdown body —
and prints each as a typed article: JSON for one post, JSON lines for several,
or text for reading.

usage: postextract [flags] [PATH...]

PATH is a post file, a folder (walked for *.md, *.markdown, *.html, *.htm,
skipping hidden folders and node_modules) or - for standard input, which is
also read when no PATH is given and it is not a terminal.
Exit status: 0 all parsed, 1 some failed, 2 usage error.

examples:
  postextract source/_posts/hello.md              one post, as indented JSON
  postextract -f text content/posts | less        a folder, for reading
  postextract -tz Asia/Shanghai source/_posts | jq -r '[.path, .title] | @tsv'

flags:
`

func newFlagSet(f *flags, out io.Writer) *flag.FlagSet {
	fl := flag.NewFlagSet("postextract", flag.ContinueOnError)
	fl.SetOutput(io.Discard) // errors are reported by run, help by -h
	fl.StringVar(&f.format, "f", "", "output format: json, jsonl or text (default json for one input, jsonl for several)")
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
	o, err := f.options(paths)
	if err != nil {
		return usage(message(err))
	}
	inputs, failed := collect(paths, stderr)
	if o.format == "" {
		o.format = "jsonl"
		// One file argument (not a folder that held one post): json.
		if len(paths) == 1 && len(inputs) == 1 && inputs[0] == paths[0] {
			o.format = "json"
		}
	}
	o.warnings = f.warnings == "always" || f.warnings == "auto" && isTerminal(stderr)
	if !process(inputs, o, stdin, stdout, stderr) {
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
	switch f.format {
	case "", "json", "jsonl", "text":
	default:
		return options{}, fmt.Errorf("-f %q: want json, jsonl or text", f.format)
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
	return options{format: f.format, progress: f.progress, ex: ex}, nil
}

// collect expands the arguments into the list of posts, in argument order
// and, within a folder, in the library's order (postextract.PostFiles); a
// file given by name is always read. Missing paths, and folders without
// posts, are reported.
func collect(args []string, stderr io.Writer) (inputs []string, failed bool) {
	for _, arg := range args {
		if arg == "-" {
			inputs = append(inputs, arg)
			continue
		}
		st, err := os.Stat(arg)
		if err != nil {
			fmt.Fprintf(stderr, "%s: %v\n", arg, unwrapPathError(err))
			failed = true
			continue
		}
		if !st.IsDir() {
			inputs = append(inputs, arg)
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
			inputs = append(inputs, filepath.Join(arg, filepath.FromSlash(p)))
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
// writes them in input order as they become ready.
func process(inputs []string, o options, stdin io.Reader, stdout, stderr io.Writer) bool {
	out := bufio.NewWriter(stdout)
	defer out.Flush()
	bar := newProgress(len(inputs), o.progress, stderr)
	ok := true
	array := o.format == "json" && len(inputs) > 1
	if array {
		out.WriteString("[\n")
	}
	first := true
	var buf bytes.Buffer
	for p, err := range o.ex.ParseFiles(context.Background(), osFS{stdin}, inputs) {
		if err != nil {
			ok = false
			out.Flush()
			bar.clear()
			fmt.Fprintf(stderr, "%s: %s\n", p.Path, message(unwrapPathError(err)))
			bar.add()
			continue
		}
		if o.warnings && len(p.Article.Warnings) > 0 {
			out.Flush()
			bar.clear()
			for _, w := range p.Article.Warnings {
				fmt.Fprintf(stderr, "%s: warning: %s\n", p.Path, w)
			}
		}
		buf.Reset()
		if err := render(&buf, o.format, p.Path, p.Article); err != nil {
			ok = false
			fmt.Fprintf(stderr, "%s: %v\n", p.Path, err)
			bar.add()
			continue
		}
		if array {
			if !first {
				out.WriteString(",\n")
			}
			buf.Truncate(len(bytes.TrimRight(buf.Bytes(), "\n")))
		}
		first = false
		if _, err := out.Write(buf.Bytes()); err != nil {
			fmt.Fprintf(stderr, "postextract: writing output: %v\n", err)
			return false
		}
		if out.Buffered() > 64<<10 {
			out.Flush() // let a slow consumer see what is done
		}
		bar.add()
	}
	if array {
		out.WriteString("\n]\n")
	}
	bar.finish()
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

// render writes one article in the chosen format.
func render(w *bytes.Buffer, format, path string, a *postextract.Article) error {
	switch format {
	case "text":
		writeText(w, a)
		return nil
	case "json":
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		return enc.Encode(a)
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(struct {
		Path string `json:"path"`
		*postextract.Article
	}{path, a})
}

// writeText prints an article for a person: the title, one line of
// metadata, then the blocks separated by blank lines.
func writeText(w *bytes.Buffer, a *postextract.Article) {
	fmt.Fprintln(w, a.Title)
	var meta []string
	if !a.Date.IsZero() {
		meta = append(meta, a.Date.Format(time.RFC3339))
	}
	if a.Author != "" {
		meta = append(meta, a.Author)
	}
	if len(a.Categories) > 0 {
		meta = append(meta, strings.Join(a.Categories, ", "))
	}
	if len(a.Tags) > 0 {
		meta = append(meta, "#"+strings.Join(a.Tags, " #"))
	}
	fmt.Fprintln(w, strings.Join(meta, " · "))
	for _, b := range a.Blocks {
		fmt.Fprintln(w)
		b.Text = textWithLinks(b)
		switch b.Kind {
		case postextract.KindImage:
			fmt.Fprintln(w, b.Image.URL)
		case postextract.KindHeading:
			fmt.Fprintln(w, strings.Repeat("#", b.Level)+" "+b.Text)
		case postextract.KindListItem:
			fmt.Fprintln(w, strings.Repeat("  ", max(b.Level-1, 0))+"- "+strings.ReplaceAll(b.Text, "\n", "\n  "))
		case postextract.KindQuote:
			fmt.Fprintln(w, "> "+strings.ReplaceAll(b.Text, "\n", "\n> "))
		case postextract.KindTable:
			for _, row := range b.Rows {
				fmt.Fprintln(w, strings.Join(row, " | "))
			}
		default:
			fmt.Fprintln(w, b.Text)
		}
	}
	fmt.Fprintln(w)
}

// textWithLinks is a block's text with each link's URL after its text, as
// "text <url>", where the URL is not the text itself.
func textWithLinks(b postextract.Block) string {
	if len(b.Runs) == 0 {
		return b.Text
	}
	var out strings.Builder
	for i := 0; i < len(b.Runs); {
		link, j := b.Runs[i].Link, i
		var text strings.Builder
		for j < len(b.Runs) && b.Runs[j].Link == link {
			text.WriteString(b.Runs[j].Text)
			j++
		}
		out.WriteString(text.String())
		if link != "" && strings.TrimSpace(text.String()) != link {
			out.WriteString(" <" + link + ">")
		}
		i = j
	}
	return out.String()
}

func buildVersion() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
		return bi.Main.Version
	}
	return "(devel)"
}
