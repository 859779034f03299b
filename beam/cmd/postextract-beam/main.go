// Command postextract-beam reads blog posts with postextract as an Apache
// Beam pipeline: on the embedded local runner (Prism) by default, and on
// Flink, Spark or Google Cloud Dataflow by --runner.
//
// Usage:
//
//	postextract-beam --input 'posts/**/*.md' --output out [flags]
//
// Every --input pattern (the flag repeats) is matched through Beam's file
// systems: local files, gs://bucket/… and s3://bucket/…; in a pattern, **
// matches any number of folders. Each post becomes a line of JSON, as
// `postextract -f jsonl` writes it, in the files
// OUTPUT/articles-SSSSS-of-NNNNN.jsonl (a shard that gets no post is not
// written); the posts that cannot be read (binary, too large, empty, bad
// front matter, unreadable) go to OUTPUT/failures.jsonl, one
// {"path","kind","error"} object a line. At the end the counts of posts
// read, failed and images found are printed on standard error.
//
// The flags -tz, -base, -body, -generator and -drop are the postextract
// command's; --max-bytes sets the largest post read (the library's
// WithMaxBytes, 32 MiB by default). Beam's flags (--runner, --endpoint, --environment_type,
// --project, --region, --temp_location, …) choose and configure the runner;
// see README.md.
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/s3" // s3:// (gs:// and local come with beamx)
	"github.com/apache/beam/sdks/v2/go/pkg/beam/options/jobopts"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/x/beamx"
	"github.com/postextract/postextract"
	"github.com/postextract/postextract/beam/extract"

	_ "time/tzdata" // -tz on workers whose image has no zoneinfo
)

func init() {
	register.DoFn1x2[string, int, string](&shardFn{})
	register.DoFn3x1[context.Context, int, func(*string) bool, error](&writeShardFn{})
	register.DoFn3x1[context.Context, []byte, func(*extract.Failure) bool, error](&writeFailuresFn{})
	register.Iter1[string]()
	register.Iter1[extract.Failure]()
}

// multiFlag is a flag that can be given more than once.
type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, ",") }
func (m *multiFlag) Set(v string) error { *m = append(*m, v); return nil }

var (
	inputs    multiFlag
	drops     multiFlag
	output    = flag.String("output", "", "folder (local, gs:// or s3://) to write articles-*.jsonl and failures.jsonl in (required)")
	shards    = flag.Int("shards", 4, "how many articles-*.jsonl files to spread the articles over")
	tz        = flag.String("tz", "", "time zone for dates written without one: a name such as Asia/Shanghai, or an offset such as +08:00 (default UTC)")
	base      = flag.String("base", "", "base URL for relative image URLs and links")
	body      = flag.String("body", "auto", "how bodies are read: auto, html or markdown")
	maxBytes  = flag.Int64("max-bytes", postextract.DefaultMaxBytes, "the largest post read, in `bytes`; a larger one is a too-large failure. Memory grows with the blocks of a post, not only its bytes: lower it when a worker's memory is small")
	generator = flag.String("generator", "", "read every post by the conventions of `NAME`: "+strings.Join(postextract.Generators(), ", ")+" (default: detected)")
)

func init() {
	flag.Var(&inputs, "input", "file `pattern` of the posts (repeatable): posts/*.md, 'site/**/*.md', gs://bucket/posts/**")
	flag.Var(&drops, "drop", "CSS selector of subtrees to leave out (repeatable)")
}

func main() {
	flag.Parse()
	beam.Init() // on a worker, this runs the worker and does not return
	err := error(nil)
	if flag.NArg() > 0 {
		// Mostly a pattern the shell expanded: the flags stop at its
		// second file, and the rest would be dropped unseen.
		err = usageErr("unexpected argument %q: quote each --input pattern, so that the shell leaves it alone", flag.Arg(0))
	} else {
		err = run(context.Background(), os.Stderr)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "postextract-beam:", err)
		if errors.As(err, new(usageError)) {
			os.Exit(2)
		}
		os.Exit(1)
	}
}

// run builds the pipeline from the flags, runs it, and reports its
// counters on w.
func run(ctx context.Context, w io.Writer) error {
	if len(inputs) == 0 || *output == "" {
		return usageErr("want --input PATTERN and --output FOLDER")
	}
	if err := validate(ctx, inputs, *output); err != nil {
		return err
	}
	if *shards < 1 || *shards > maxShards {
		return usageErr("--shards %d: want 1 to %d", *shards, maxShards)
	}
	if *maxBytes < 1 {
		return usageErr("--max-bytes %d: want 1 or more", *maxBytes)
	}
	opts := extract.Options{TZ: *tz, Base: *base, Body: *body, Generator: *generator, Drop: drops, MaxBytes: *maxBytes}
	if _, err := opts.Extractor(); err != nil {
		return usageErr("%v", err)
	}
	out := strings.TrimSuffix(*output, "/")
	if err := clearOutput(ctx, out); err != nil {
		return err
	}
	p, s := beam.NewPipelineWithRoot()
	build(s, opts, inputs, out, *shards)
	start := time.Now()
	res, err := beamx.RunWithMetrics(ctx, p)
	if err != nil {
		return err
	}
	if res == nil || *jobopts.Async {
		return nil // submitted with --async: the counters are the runner's to show
	}
	counts, matched := map[string]int64{}, map[string]int64{}
	for _, c := range res.Metrics().AllMetrics().Counters() {
		switch c.Key.Namespace {
		case "postextract":
			counts[c.Key.Name] += c.Result()
		case extract.PatternNamespace:
			matched[c.Key.Name] += c.Result()
		}
	}
	for _, p := range inputs {
		if matched[p] == 0 {
			fmt.Fprintf(w, "postextract-beam: --input %s matched nothing\n", p)
		}
	}
	fmt.Fprintf(w, "postextract-beam: %d posts read, %d failed, %d images found in %.2fs; written under %s\n",
		counts[extract.CounterRead], counts[extract.CounterFailed], counts[extract.CounterImages],
		time.Since(start).Seconds(), *output)
	if counts[extract.CounterRead] == 0 {
		return fmt.Errorf("no file matched --input %s", strings.Join(inputs, " --input "))
	}
	return nil
}

// validate checks the patterns and the output folder before the pipeline
// is built, so that a mistake is one line and exit status 2, not a panic
// of Beam's or a runner's log.
func validate(ctx context.Context, patterns []string, output string) error {
	for _, p := range append(slices.Clone(patterns), output+"/") {
		if strings.TrimSpace(p) == "" || p == "/" {
			return usageErr("an empty --input or --output")
		}
		fsys, err := filesystem.New(ctx, p)
		if err != nil {
			msg, _, _ := strings.Cut(err.Error(), ": Consider") // one line
			return usageErr("%s", msg)
		}
		fsys.Close()
	}
	for _, p := range patterns {
		if err := extract.CheckPattern(p); err != nil {
			return usageErr("--input %v", err)
		}
		if !strings.Contains(p, "://") && !strings.ContainsAny(p, "*?[") {
			if st, err := os.Stat(p); err == nil && st.IsDir() {
				return usageErr("--input %s is a folder: give %s/**/*.md (and *.html, *.markdown… as you need)", p, strings.TrimSuffix(p, "/"))
			}
		}
	}
	if !strings.Contains(output, "://") {
		if st, err := os.Stat(output); err == nil && !st.IsDir() {
			return usageErr("--output %s is a file: want a folder", output)
		}
	}
	return nil
}

// clearOutput removes from the folder output the files a previous run
// wrote there (articles-*-of-*.jsonl and failures.jsonl), so that its
// shards do not mix with this run's; other files are left alone. It lists
// through Beam's file system, on the machine that submits the pipeline.
func clearOutput(ctx context.Context, output string) error {
	fsys, err := filesystem.New(ctx, output+"/")
	if err != nil {
		return err
	}
	defer fsys.Close()
	var old []string
	for _, glob := range []string{output + "/articles-*-of-*.jsonl", output + "/failures.jsonl"} {
		names, err := fsys.List(ctx, glob)
		if err != nil {
			return fmt.Errorf("listing %s: %v", glob, err)
		}
		old = append(old, names...)
	}
	if len(old) == 0 {
		return nil
	}
	rm, ok := fsys.(filesystem.Remover)
	if !ok {
		return fmt.Errorf("%s holds the files of a previous run, and its file system cannot remove them: give an empty --output", output)
	}
	for _, name := range old {
		if err := rm.Remove(ctx, name); err != nil {
			return fmt.Errorf("removing the previous run's %s: %v", name, err)
		}
	}
	return nil
}

// build adds to s the pipeline that reads the posts the patterns match
// and writes the articles in shards and the failures in one file under
// output.
func build(s beam.Scope, opts extract.Options, patterns []string, output string, shards int) {
	for _, p := range patterns {
		filesystem.ValidateScheme(p)
	}
	filesystem.ValidateScheme(output + "/")
	articles, failures := extract.Extract(s, opts, beam.CreateList(s, patterns))

	keyed := beam.ParDo(s, &shardFn{Shards: shards}, articles)
	beam.ParDo0(s, &writeShardFn{Output: output, Shards: shards}, beam.GroupByKey(s, keyed))
	// From an impulse, so that failures.jsonl is written, empty, when no
	// post failed.
	beam.ParDo0(s, &writeFailuresFn{Output: output}, beam.Impulse(s), beam.SideInput{Input: failures})
}

// maxShards is the most shards --shards accepts: more would be files of
// a few lines each, and a count past 2^32-1 would wrap in shardFn.
const maxShards = 10000

// shardName is the file of shard key of n under output; the numbers are
// padded to the width of n (five digits at least), so that the names sort.
func shardName(output string, key, n int) string {
	w := max(5, len(strconv.Itoa(n)))
	return fmt.Sprintf("%s/articles-%0*d-of-%0*d.jsonl", output, w, key, w, n)
}

// usageError is a wrong flag or input, found before the pipeline runs:
// the command exits 2 for it.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usageErr(format string, args ...any) error {
	return usageError{fmt.Sprintf(format, args...)}
}

// shardFn keys a line by the shard it goes to: by a hash of the line, so
// that a retried bundle puts it in the same shard.
type shardFn struct {
	Shards int
}

func (fn *shardFn) ProcessElement(line string) (int, string) {
	h := fnv.New32a()
	h.Write([]byte(line))
	return int(h.Sum32() % uint32(fn.Shards)), line
}

// writeShardFn writes the lines of a key to the shard the key falls in.
type writeShardFn struct {
	Output string
	Shards int
}

func (fn *writeShardFn) ProcessElement(ctx context.Context, key int, lines func(*string) bool) error {
	name := shardName(fn.Output, key, fn.Shards)
	return writeLines(ctx, name, func(emit func(string) error) error {
		var line string
		for lines(&line) {
			if err := emit(line); err != nil {
				return err
			}
		}
		return nil
	})
}

// writeFailuresFn writes the failures, one JSON object a line.
type writeFailuresFn struct {
	Output string
}

func (fn *writeFailuresFn) ProcessElement(ctx context.Context, _ []byte, failures func(*extract.Failure) bool) error {
	return writeLines(ctx, fn.Output+"/failures.jsonl", func(emit func(string) error) error {
		var f extract.Failure
		for failures(&f) {
			b, err := jsonLine(f)
			if err != nil {
				return err
			}
			if err := emit(b); err != nil {
				return err
			}
		}
		return nil
	})
}

// writeLines writes the lines that fill gives to the file name, through
// Beam's file systems.
func writeLines(ctx context.Context, name string, fill func(emit func(string) error) error) error {
	fsys, err := filesystem.New(ctx, name)
	if err != nil {
		return err
	}
	defer fsys.Close()
	wc, err := fsys.OpenWrite(ctx, name)
	if err != nil {
		return err
	}
	bw := newLineWriter(wc)
	if err := fill(bw.line); err != nil {
		wc.Close()
		return err
	}
	if err := bw.flush(); err != nil {
		wc.Close()
		return err
	}
	return wc.Close()
}

// jsonLine is f as a line of JSON, without the newline.
func jsonLine(f extract.Failure) (string, error) {
	b, err := json.Marshal(f)
	return string(b), err
}

// lineWriter writes lines, buffered.
type lineWriter struct{ w *bufio.Writer }

func newLineWriter(w io.Writer) lineWriter { return lineWriter{bufio.NewWriterSize(w, 1<<16)} }

func (l lineWriter) line(s string) error {
	l.w.WriteString(s)
	return l.w.WriteByte('\n')
}

func (l lineWriter) flush() error { return l.w.Flush() }
