package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/ptest"
	"github.com/postextract/postextract/beam/extract"
)

func TestMain(m *testing.M) { ptest.MainWithDefault(m, "prism") }

// corpus is the shared corpus folder, next to the checkout.
const corpus = "../../../../shared/corpus"

// cli builds the postextract command of this checkout and returns its path.
func cli(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "postextract")
	cmd := exec.Command("go", "build", "-o", bin, "./cmd/postextract")
	cmd.Dir = "../../.." // the root module
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("building the CLI: %v\n%s", err, out)
	}
	return bin
}

// runCLI runs postextract -f jsonl on the folders and returns its records
// by path relative to root, and its standard error.
func runCLI(t *testing.T, bin, root string, folders ...string) (map[string]string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(bin, append([]string{"-f", "jsonl", "-warnings=never"}, folders...)...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	_ = cmd.Run() // exits 1 when a post fails, which some tests want
	return records(t, root, stdout.Bytes()), stderr.String()
}

// runBeam runs the command on Prism over the patterns, and returns the
// articles by path relative to root and the failures.
func runBeam(t *testing.T, root string, patterns ...string) (map[string]string, []extract.Failure) {
	t.Helper()
	out := t.TempDir()
	inputs, *output = patterns, out
	var stderr bytes.Buffer
	if err := run(context.Background(), &stderr); err != nil {
		t.Fatal(err)
	}
	t.Log(strings.TrimSpace(stderr.String()))
	shards, _ := filepath.Glob(filepath.Join(out, "articles-*-of-*.jsonl"))
	var all []byte
	for _, f := range shards {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, b...)
	}
	b, err := os.ReadFile(filepath.Join(out, "failures.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	var failures []extract.Failure
	for line := range bytes.Lines(b) {
		var f extract.Failure
		if err := json.Unmarshal(line, &f); err != nil {
			t.Fatalf("failures.jsonl: %v: %s", err, line)
		}
		failures = append(failures, f)
	}
	return records(t, root, all), failures
}

// records reads JSON lines by their path relative to root; the path
// field is rewritten to that.
func records(t *testing.T, root string, jsonl []byte) map[string]string {
	t.Helper()
	m := map[string]string{}
	sc := bufio.NewScanner(bytes.NewReader(jsonl))
	sc.Buffer(nil, 64<<20)
	for sc.Scan() {
		var r map[string]json.RawMessage
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("%v: %.200s", err, sc.Bytes())
		}
		var p string
		json.Unmarshal(r["path"], &p)
		rel := strings.TrimPrefix(filepath.ToSlash(p), filepath.ToSlash(root)+"/")
		delete(r, "path")
		b, _ := json.Marshal(r) // keys sorted: the order of fields does not count
		if _, dup := m[rel]; dup {
			t.Errorf("%s: two records", rel)
		}
		m[rel] = string(b)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return m
}

// same reports the differences between the CLI's records and the
// pipeline's.
func same(t *testing.T, cli, beam map[string]string) {
	t.Helper()
	for p, want := range cli {
		got, ok := beam[p]
		switch {
		case !ok:
			t.Errorf("%s: the CLI wrote it, the pipeline did not", p)
		case got != want:
			t.Errorf("%s: records differ:\n CLI  %.300s\n beam %.300s", p, want, got)
		}
	}
	for p := range beam {
		if _, ok := cli[p]; !ok {
			t.Errorf("%s: the pipeline wrote it, the CLI did not", p)
		}
	}
}

// TestCorpus runs the command over the dev corpora: every record equals
// the CLI's.
func TestCorpus(t *testing.T) {
	if _, err := os.Stat(corpus); err != nil {
		t.Skip("no shared corpus:", err)
	}
	bin := cli(t)
	dev, formats := corpus+"/dev", corpus+"/formats-dev"
	want, stderr := runCLI(t, bin, corpus, dev, formats)
	if stderr != "" {
		t.Errorf("the CLI failed on a post of the corpora:\n%s", stderr)
	}
	got, failures := runBeam(t, corpus, dev+"/*.md", formats+"/**/*.md", formats+"/**/*.markdown")
	if len(want) < 100 {
		t.Fatalf("the CLI wrote %d records; the corpora hold more", len(want))
	}
	same(t, want, got)
	if len(failures) != 0 {
		t.Errorf("failures: %+v", failures)
	}
}

// TestFailures puts corrupt posts among good ones: they are failure
// records, with the kinds of the library's errors, and the others are
// written as the CLI writes them.
func TestFailures(t *testing.T) {
	bin := cli(t)
	dir := t.TempDir()
	posts := map[string]string{
		"good.md":                   "---\ntitle: Good\ndate: 2024-05-06\ntags: [a, b]\n---\nA paragraph.\n\n![x](img/x.png)\n",
		"nested/also.html":          "<html><head><title>Also</title></head><body><p>Text</p></body></html>",
		"corrupt.md":                "\x00\x01\x02\x03PK\x03\x04" + strings.Repeat("\x00\xff\xfe", 200),
		"nested/badfront.md":        "---\ntitle: \"unterminated\ndate: x\n---\nBody\n",
		"nested/deeper/empty.md":    " \n\n",
		"nested/deeper/fine.md":     "# Heading\n\nText.\n",
		"nested/deeper/site/x.html": "<article><h1>X</h1><p>y</p></article>",
	}
	for name, body := range posts {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, cliErr := runCLI(t, bin, dir, dir)
	got, failures := runBeam(t, dir, dir+"/**/*.md", dir+"/**/*.html")
	same(t, want, got)
	if len(got) != 4 {
		t.Errorf("%d articles written, want 4", len(got))
	}
	var kinds []string
	for _, f := range failures {
		rel := strings.TrimPrefix(f.Path, dir+"/")
		kinds = append(kinds, rel+" "+f.Kind)
		// The CLI prints the same message after the path.
		if !strings.Contains(cliErr, f.Path+": "+f.Error) {
			t.Errorf("failure %q %q: not in the CLI's messages:\n%s", f.Path, f.Error, cliErr)
		}
	}
	slices.Sort(kinds)
	wantKinds := []string{"corrupt.md binary", "nested/badfront.md front-matter", "nested/deeper/empty.md empty"}
	if !slices.Equal(kinds, wantKinds) {
		t.Errorf("failures %q, want %q", kinds, wantKinds)
	}
}

// TestShards refuses a shard count past the maximum before the pipeline
// runs (2^32 would wrap to 0 in shardFn), and pads the numbers to the
// count's width.
func TestShards(t *testing.T) {
	defer func(n int) { *shards = n }(*shards)
	inputs, *output = []string{"x/*.md"}, t.TempDir()
	for _, n := range []int{0, -1, maxShards + 1, 1 << 32} {
		*shards = n
		err := run(context.Background(), io.Discard)
		if !errors.As(err, new(usageError)) {
			t.Errorf("--shards %d: %v, want a usage error", n, err)
		}
	}
	if got := shardName("o", 3, 4); got != "o/articles-00003-of-00004.jsonl" {
		t.Errorf("shardName = %q", got)
	}
	if got := shardName("o", 2254, 100000); got != "o/articles-002254-of-100000.jsonl" {
		t.Errorf("shardName = %q", got)
	}
}

// TestStaleOutput runs into a folder that holds a previous run's files:
// its shards and failures are removed first, other files stay.
func TestStaleOutput(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "a.md"), []byte("# A\n\nText.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	stale := map[string]bool{
		"articles-00007-of-00010.jsonl": false,
		"failures.jsonl":                true, // rewritten by the run
		"notes.txt":                     true,
	}
	for name := range stale {
		if err := os.WriteFile(filepath.Join(out, name), []byte(`{"path":"old"}`+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	inputs, *output = []string{dir + "/*.md"}, out
	if err := run(context.Background(), io.Discard); err != nil {
		t.Fatal(err)
	}
	for name, there := range stale {
		if _, err := os.Stat(filepath.Join(out, name)); (err == nil) != there {
			t.Errorf("%s: there %v, want %v", name, err == nil, there)
		}
	}
	if b, _ := os.ReadFile(filepath.Join(out, "failures.jsonl")); len(b) != 0 {
		t.Errorf("failures.jsonl: %q, want it empty", b)
	}
	shards, _ := filepath.Glob(filepath.Join(out, "articles-*"))
	if len(shards) != 1 {
		t.Errorf("shards %q, want one", shards)
	}
}

// TestConfig: a wrong pattern, output or scheme is one line and a usage
// error (exit 2) before the pipeline runs, not a panic.
func TestConfig(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "file.txt")
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		input, output, want string
	}{
		{dir + "/[.md", dir, "syntax error in pattern"},
		{dir + "/*/**/*.md", dir, "** must come before"},
		{dir + "/*.md", file, "is a file"},
		{"nosuch://bucket/*.md", dir, `"nosuch" not registered`},
		{dir + "/*.md", "nosuch://bucket/out", `"nosuch" not registered`},
		{dir, t.TempDir(), "give " + dir + "/**/*.md"},
		{" ", dir, "empty"},
	} {
		inputs, *output = []string{c.input}, c.output
		err := run(context.Background(), io.Discard)
		if !errors.As(err, new(usageError)) || !strings.Contains(err.Error(), c.want) || strings.Contains(err.Error(), "\n") {
			t.Errorf("--input %q --output %q: %v; want a one-line usage error with %q", c.input, c.output, err, c.want)
		}
	}
}

// TestMatchedNothing: each pattern that matched nothing is named.
func TestMatchedNothing(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "a.md"), []byte("# A\n\nText.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	inputs, *output = []string{dir + "/*.md", dir + "/*.html", dir + "/**/*.htm"}, t.TempDir()
	var w bytes.Buffer
	if err := run(context.Background(), &w); err != nil {
		t.Fatal(err)
	}
	for _, p := range inputs {
		said := strings.Contains(w.String(), "--input "+p+" matched nothing")
		if said != (p != dir+"/*.md") {
			t.Errorf("%s: said it matched nothing: %v\n%s", p, said, w.String())
		}
	}
}

// TestMaxBytes: a post over --max-bytes is a too-large failure; a limit
// below 1 is a usage error.
func TestMaxBytes(t *testing.T) {
	defer func(n int64) { *maxBytes = n }(*maxBytes)
	dir := t.TempDir()
	for name, body := range map[string]string{"small.md": "# S\n", "big.md": "# B\n\n" + strings.Repeat("a\n\n", 100)} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	*maxBytes = 0
	inputs, *output = []string{dir + "/*.md"}, t.TempDir()
	if err := run(context.Background(), io.Discard); !errors.As(err, new(usageError)) {
		t.Errorf("--max-bytes 0: %v, want a usage error", err)
	}
	*maxBytes = 100
	got, failures := runBeam(t, dir, dir+"/*.md")
	if len(got) != 1 || len(failures) != 1 || failures[0].Kind != "too-large" || !strings.HasSuffix(failures[0].Path, "/big.md") {
		t.Errorf("--max-bytes 100: articles %v, failures %+v; want small.md and big.md too large", got, failures)
	}
}
