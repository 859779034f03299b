package extract

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/passert"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/ptest"
	"github.com/postextract/postextract"
)

func init() { register.Function1x1(failureKind) }

func TestMain(m *testing.M) { ptest.Main(m) }

// failureKind is a failure's path and kind.
func failureKind(f Failure) string { return f.Path + " " + f.Kind }

// site writes a small Hugo site with good and bad posts into a temporary
// folder and returns it.
func site(t *testing.T) string {
	dir := t.TempDir()
	files := map[string]string{
		"hugo.toml":                 "baseURL = 'https://example.org/'\ntitle = 'Site'\n",
		"content/posts/hello.md":    "---\ntitle: Hello\ndate: 2024-01-02\n---\nSome text.\n\n![a cat](/img/cat.png)\n",
		"content/posts/page.html":   "<html><head><title>Page</title></head><body><article><p>Text.</p><img src=\"x.png\"></article></body></html>",
		"content/posts/blank.md":    "  \n",
		"content/posts/binary.md":   strings.Repeat("\x00\x01\x02", 400),
		"content/posts/badfront.md": "---\ntitle: [unclosed\n---\nBody.\n",
		"content/notes/deep/n.md":   "# Note\n\nDeep.\n",
		// Skipped by **, as the postextract command skips them in a folder.
		"content/.drafts/d.md":       "# Draft\n",
		"node_modules/pkg/README.md": "# A package\n",
	}
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestExtract(t *testing.T) {
	dir := site(t)
	good := []string{"content/posts/hello.md", "content/posts/page.html", "content/notes/deep/n.md"}
	// The articles the library gives, as the transform should write them.
	var want []any
	ex, err := Options{}.Extractor()
	if err != nil {
		t.Fatal(err)
	}
	for _, rel := range good {
		p := filepath.Join(dir, rel)
		var line string
		for post, err := range ex.ParseFiles(context.Background(), localFS{}, []string{filepath.ToSlash(p)}) {
			if err != nil {
				t.Fatalf("%s: %v", rel, err)
			}
			if post.Article.Generator != "hugo" {
				t.Errorf("%s: generator %q, want hugo (the site file above it)", rel, post.Article.Generator)
			}
			line, err = JSONLine(p, post.Article)
			if err != nil {
				t.Fatal(err)
			}
		}
		want = append(want, line)
	}

	p, s := beam.NewPipelineWithRoot()
	patterns := beam.Create(s, filepath.Join(dir, "**", "*.md"), filepath.Join(dir, "content", "*", "*.html"))
	articles, failures := Extract(s, Options{}, patterns)
	passert.Equals(s, articles, want...)
	kinds := beam.ParDo(s, failureKind, failures)
	passert.Equals(s, kinds,
		dir+"/content/posts/blank.md empty",
		dir+"/content/posts/binary.md binary",
		dir+"/content/posts/badfront.md front-matter",
	)
	res, err := ptest.RunWithMetrics(p)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]int64{}
	for _, c := range res.Metrics().AllMetrics().Counters() {
		got[c.Key.Name] += c.Committed
	}
	if got[CounterRead] != 6 || got[CounterFailed] != 3 || got[CounterImages] != 2 {
		t.Errorf("counters %v, want 6 read, 3 failed, 2 images", got)
	}
}

func TestOptions(t *testing.T) {
	for _, o := range []Options{{Body: "pdf"}, {TZ: "Mars/Olympus"}, {Base: "relative/"}, {Generator: "frontpage"}, {Drop: []string{"[["}}} {
		if _, err := o.Extractor(); err == nil {
			t.Errorf("%+v: no error", o)
		}
	}
	for _, tz := range []string{"EST", "MST", "CET", "CST", "PDT", "AEST"} {
		_, err := (Options{TZ: tz}).Extractor()
		if err == nil || !strings.Contains(err.Error(), "an abbreviation can stand for several zones") {
			t.Errorf("tz %q: %v, want the command's refusal", tz, err)
		}
	}
	for _, tz := range []string{"Asia/Shanghai", "+08:00", "-0530", "UTC+8", "UTC", "GMT", "Europe/Paris"} {
		if _, err := (Options{TZ: tz}).Extractor(); err != nil {
			t.Errorf("tz %q: %v", tz, err)
		}
	}
	if _, err := (Options{MaxBytes: 10}).Extractor(); err != nil {
		t.Error(err)
	}
	_ = postextract.Generators
}

func TestMatchParts(t *testing.T) {
	for _, c := range []struct {
		pattern, path string
		want          bool
	}{
		{"a/**/*.md", "a/b.md", true},
		{"a/**/*.md", "a/b/c/d.md", true},
		{"a/**/*.md", "a/b/c/d.html", false},
		{"a/**", "a/b/c", true},
		{"**/x.md", "x.md", true},
		{"a/*.md", "a/b/c.md", false},
	} {
		got, err := matchParts(strings.Split(c.pattern, "/"), strings.Split(c.path, "/"))
		if err != nil || got != c.want {
			t.Errorf("%s ~ %s = %v, %v; want %v", c.pattern, c.path, got, err, c.want)
		}
	}
}

// TestHidden: local patterns skip hidden files and folders and
// node_modules, as the postextract command does in a folder, with * as
// with **; a pattern that starts a name with "." asks for hidden files.
func TestHidden(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"a.md", ".h.md", ".d/x.md", "node_modules/p/r.md", "node_modules/y.md", "sub/b.md", "sub/.c.md", "sub/.e/z.md"} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("# T\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	p, s := beam.NewPipelineWithRoot()
	paths := MatchPaths(s, beam.Create(s, dir+"/*.md", dir+"/*/*.md", dir+"/*/*/*.md", dir+"/**/*.md", dir+"/.*.md"))
	passert.Equals(s, paths,
		dir+"/a.md", dir+"/sub/b.md", // *
		dir+"/a.md", dir+"/sub/b.md", // **
		dir+"/.h.md", // asked for
	)
	if err := ptest.Run(p); err != nil {
		t.Fatal(err)
	}
}

// TestLinkedBase: ** under a base folder that is a symbolic link finds
// what is under the folder it leads to, named under the link.
func TestLinkedBase(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"real/a.md", "real/s/b.md"} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("# T\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink(filepath.Join(dir, "real"), filepath.Join(dir, "link")); err != nil {
		t.Skip("symlink:", err)
	}
	p, s := beam.NewPipelineWithRoot()
	paths := MatchPaths(s, beam.Create(s, dir+"/link/**/*.md"))
	passert.Equals(s, paths, dir+"/link/a.md", dir+"/link/s/b.md")
	if err := ptest.Run(p); err != nil {
		t.Fatal(err)
	}
}
