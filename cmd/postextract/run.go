package main

import (
	"bufio"
	"bytes"
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
)

// Exit statuses.
const (
	exitOK     = 0
	exitFailed = 1
	exitUsage  = 2
)

// postExts are the file names a folder is walked for.
var postExts = []string{".md", ".markdown", ".html", ".htm"}

type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, ", ") }
func (m *multiFlag) Set(s string) error { *m = append(*m, s); return nil }

type options struct {
	format   string
	workers  int
	progress string
	ex       *postextract.Extractor
}

// flags are the command line's flags, as given.
type flags struct {
	format, tz, base, progress string
	body                       string
	workers                    int
	version                    bool
	drop                       multiFlag
}

func newFlagSet(f *flags, stderr io.Writer) *flag.FlagSet {
	fl := flag.NewFlagSet("postextract", flag.ContinueOnError)
	fl.SetOutput(stderr)
	fl.StringVar(&f.format, "f", "", "output format: json, jsonl or text (default json for one input, jsonl for several)")
	fl.IntVar(&f.workers, "j", runtime.GOMAXPROCS(0), "number of posts parsed in parallel")
	fl.StringVar(&f.tz, "tz", "", "time zone for dates written without one, e.g. Asia/Shanghai (default UTC)")
	fl.StringVar(&f.base, "base", "", "base URL for relative image URLs")
	fl.StringVar(&f.body, "body", "auto", "how bodies are read: auto (markup key, file name, then sniffing), html or markdown")
	fl.StringVar(&f.progress, "progress", "auto", "progress line on stderr: auto (when stderr is a terminal), always or never")
	fl.BoolVar(&f.version, "version", false, "print the version and exit")
	fl.Var(&f.drop, "drop", "CSS selector of subtrees to leave out (repeatable)")
	fl.Usage = func() {
		fmt.Fprintf(stderr, "usage: postextract [flags] PATH...\n\n"+
			"PATH is a post file, a folder (walked for *.md, *.markdown, *.html, *.htm) or - for stdin.\n"+
			"Exit status: 0 all parsed, 1 some failed, 2 usage error.\n\nflags:\n")
		fl.PrintDefaults()
	}
	return fl
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	var f flags
	fl := newFlagSet(&f, stderr)
	if err := fl.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	if f.version {
		fmt.Fprintln(stdout, "postextract", buildVersion())
		return exitOK
	}
	o, err := f.options(fl.Args())
	if err != nil {
		fmt.Fprintf(stderr, "postextract: %s\n", message(err))
		fl.Usage()
		return exitUsage
	}
	inputs, failed := collect(fl.Args(), stderr)
	if o.format == "" {
		o.format = "jsonl"
		// One file argument (not a folder that held one post): json.
		if fl.NArg() == 1 && len(inputs) == 1 && inputs[0] == fl.Arg(0) {
			o.format = "json"
		}
	}
	if !process(inputs, o, stdin, stdout, stderr) {
		failed = true
	}
	if failed {
		return exitFailed
	}
	return exitOK
}

// options checks the flags and the paths and builds the Extractor.
func (f *flags) options(paths []string) (options, error) {
	if len(paths) == 0 {
		return options{}, errors.New("no PATH given")
	}
	switch f.format {
	case "", "json", "jsonl", "text":
	default:
		return options{}, fmt.Errorf("-f %q: want json, jsonl or text", f.format)
	}
	switch f.progress {
	case "auto", "always", "never":
	default:
		return options{}, fmt.Errorf("-progress %q: want auto, always or never", f.progress)
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
	var opts []postextract.Option
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
	return options{format: f.format, workers: f.workers, progress: f.progress, ex: ex}, nil
}

// skipDirs are folders never walked into: they hold tools, not posts.
var skipDirs = []string{"node_modules"}

// collect expands the arguments into the list of posts, in argument order
// and, within a folder, in sorted order, skipping hidden folders (.git) and
// skipDirs below it; a file given by name is always read. Missing paths are
// reported.
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
		err = filepath.WalkDir(arg, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				fmt.Fprintf(stderr, "%s: %v\n", path, unwrapPathError(err))
				failed = true
				return nil
			}
			if d.IsDir() {
				if path != arg && (strings.HasPrefix(d.Name(), ".") || slices.Contains(skipDirs, d.Name())) {
					return filepath.SkipDir
				}
				return nil
			}
			if isPost(path) {
				inputs = append(inputs, path)
			}
			return nil
		})
		if err != nil {
			fmt.Fprintf(stderr, "%s: %v\n", arg, err)
			failed = true
		}
	}
	return inputs, failed
}

func isPost(path string) bool {
	ext := strings.ToLower(filepath.Ext(path))
	for _, e := range postExts {
		if ext == e {
			return true
		}
	}
	return false
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

type result struct {
	path string
	out  []byte // the article, rendered
	err  error
}

// process parses and renders the inputs with o.workers workers and writes
// the results in input order as they become ready, holding at most a few
// per worker.
func process(inputs []string, o options, stdin io.Reader, stdout, stderr io.Writer) bool {
	out := bufio.NewWriter(stdout)
	defer out.Flush()
	bar := newProgress(len(inputs), o.progress, stderr)

	slots := make([]chan result, len(inputs))
	for i := range slots {
		slots[i] = make(chan result, 1)
	}
	window := make(chan struct{}, 4*o.workers) // bounds results held for ordering
	jobs := make(chan int)
	go func() {
		for i := range inputs {
			window <- struct{}{}
			jobs <- i
		}
		close(jobs)
	}()
	for range o.workers {
		go func() {
			for i := range jobs {
				slots[i] <- parseOne(inputs[i], o, stdin)
			}
		}()
	}
	ok := true
	for i := range inputs {
		var r result
		select {
		case r = <-slots[i]:
		default:
			// Nothing ready: let a slow consumer (jq, a loader) see what
			// is done so far, then wait.
			out.Flush()
			r = <-slots[i]
		}
		<-window
		if r.err != nil {
			ok = false
			out.Flush()
			bar.clear()
			fmt.Fprintf(stderr, "%s: %s\n", r.path, message(r.err))
		} else if _, err := out.Write(r.out); err != nil {
			fmt.Fprintf(stderr, "postextract: writing output: %v\n", err)
			return false
		}
		bar.add()
	}
	bar.finish()
	return ok
}

func parseOne(path string, o options, stdin io.Reader) result {
	var a *postextract.Article
	var err error
	if path == "-" {
		a, err = o.ex.ParseReader(stdin)
	} else {
		a, err = o.ex.ParseFile(path)
	}
	if err != nil {
		return result{path: path, err: unwrapPathError(err)}
	}
	var buf bytes.Buffer
	if err := render(&buf, o.format, path, a); err != nil {
		return result{path: path, err: err}
	}
	return result{path: path, out: buf.Bytes()}
}

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
