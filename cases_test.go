package postextract

import (
	"bytes"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/txtar"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/yuin/goldmark/ast"
)

// testCase is one case of a testdata/cases file: a file "NN name" holds
// the input, optionally after a line "options: key=value …"; a file
// "NN name.want" holds the expected output.
type testCase struct {
	name, input, want string
	opts              []Option
}

// readCases reads the cases of testdata/cases/NAME.txtar in order.
func readCases(t *testing.T, name string) []testCase {
	t.Helper()
	ar, err := txtar.ParseFile(filepath.Join("testdata", "cases", name+".txtar"))
	require.NoError(t, err)
	want := map[string]string{}
	for _, f := range ar.Files {
		if n, ok := strings.CutSuffix(f.Name, ".want"); ok {
			want[n] = strings.TrimRight(string(f.Data), "\n")
		}
	}
	var cases []testCase
	for _, f := range ar.Files {
		if strings.HasSuffix(f.Name, ".want") {
			continue
		}
		w, ok := want[f.Name]
		require.True(t, ok, "case %q has no .want", f.Name)
		c := testCase{name: f.Name, want: w, input: strings.TrimRight(string(f.Data), "\n")}
		if line, rest, ok := strings.Cut(c.input, "\n"); ok && strings.HasPrefix(line, "options:") {
			c.input = rest
			for _, kv := range strings.Fields(strings.TrimPrefix(line, "options:")) {
				k, v, _ := strings.Cut(kv, "=")
				switch k {
				case "tz":
					c.opts = append(c.opts, WithLocation(mustLoad(v)))
				case "base":
					c.opts = append(c.opts, WithBaseURL(v))
				default:
					t.Fatalf("case %q: unknown option %q", f.Name, k)
				}
			}
		}
		cases = append(cases, c)
	}
	require.NotEmpty(t, cases)
	return cases
}

// runCases checks every case of a file with read, which returns the output
// of one input.
func runCases(t *testing.T, name string, read func(t *testing.T, c testCase) string) {
	for _, c := range readCases(t, name) {
		t.Run(c.name, func(t *testing.T) {
			assert.Equal(t, c.want, read(t, c), "input: %s", c.input)
		})
	}
}

func TestCaseDates(t *testing.T) {
	runCases(t, "dates", func(t *testing.T, c testCase) string {
		a, err := Parse([]byte("---\ndate: "+c.input+"\n---\n<p>x</p>"), c.opts...)
		require.NoError(t, err)
		got := "none"
		if !a.Date.IsZero() {
			got = a.Date.Format(time.RFC3339Nano)
		}
		// A warning line wants a warning that contains it.
		for _, line := range strings.Split(c.want, "\n")[1:] {
			part := strings.TrimPrefix(line, "warning: ")
			if hasWarning(a, part) {
				got += "\n" + line
			}
		}
		if strings.Count(c.want, "\n") == 0 && len(a.Warnings) > 0 {
			got += fmt.Sprintf("\nunexpected warnings: %q", a.Warnings)
		}
		return got
	})
}

func TestCaseURLs(t *testing.T) {
	runCases(t, "urls", func(t *testing.T, c testCase) string {
		e, err := New(c.opts...)
		require.NoError(t, err)
		r := &resolver{e: e, base: e.base, rep: &report{}}
		if u, ok := r.resolve(c.input); ok {
			return u
		}
		return "none"
	})
}

func TestCaseImages(t *testing.T) {
	runCases(t, "images", func(t *testing.T, c testCase) string {
		a, err := Parse([]byte(c.input), c.opts...)
		require.NoError(t, err)
		var lines []string
		for _, b := range a.Blocks {
			if b.Kind != KindImage {
				continue
			}
			line := b.Image.URL
			if b.Image.Width != 0 || b.Image.Height != 0 {
				line += fmt.Sprintf(" %dx%d", b.Image.Width, b.Image.Height)
			}
			lines = append(lines, line)
		}
		if len(lines) == 0 {
			return "none"
		}
		return strings.Join(lines, "\n")
	})
}

// The rule tables, tested as tables: every row has a case, and the rows
// agree with the code that reads them.

func TestTableDateLayouts(t *testing.T) {
	ref := time.Date(2022, 8, 7, 5, 22, 0, 0, time.UTC)
	e := defaultExtractor()
	for _, d := range dateLayouts {
		s := ref.Format(d.layout)
		assert.Equal(t, d.shape, shapeOf(s), "%q files %q under its own shape", d.layout, s)
		got, _, ok := e.parseDateString(s)
		if assert.True(t, ok, "%q reads %q back", d.layout, s) {
			assert.Equal(t, s, got.Format(d.layout), "%q round-trips", d.layout)
		}
	}
}

func TestTableRFC822Zones(t *testing.T) {
	cases := readCases(t, "dates")
	for zone := range rfc822Zones {
		found := false
		for _, c := range cases {
			found = found || strings.Contains(c.input, " "+zone+" ") || strings.HasSuffix(strings.Trim(c.input, "'"), " "+zone)
		}
		assert.True(t, found, "zone %s has a case in dates.txtar", zone)
	}
}

func TestTableImageAttributes(t *testing.T) {
	seen := map[int]string{}
	for name, slot := range attrIndex {
		assert.Less(t, slot, numSlots, name)
		if other, dup := seen[slot]; dup {
			t.Errorf("%s and %s share slot %d", name, other, slot)
		}
		seen[slot] = name
	}
	assert.Len(t, seen, numSlots, "every slot has one attribute")

	cases := readCases(t, "images")
	has := func(attr string) bool {
		for _, c := range cases {
			if strings.Contains(c.input, " "+attr+"=") {
				return true
			}
		}
		return false
	}
	for _, a := range lazyAttrs {
		assert.True(t, has(a), "%s has a case in images.txtar", a)
	}
	for _, a := range srcsetAttrs {
		assert.True(t, has(a), "%s has a case in images.txtar", a)
	}
	for _, p := range sizeAttrs {
		assert.True(t, has(p[0]) && has(p[1]), "%v have a case in images.txtar", p)
	}
	spacers := ""
	for _, c := range cases {
		if strings.Contains(c.name, "spacer stem") {
			spacers = c.input
		}
	}
	for _, stem := range spacerStems {
		assert.Contains(t, spacers, "/"+stem+".", "spacer %s has a case in images.txtar", stem)
	}
	for _, ext := range spacerExts {
		assert.Contains(t, spacers, "."+ext+`"`, "spacer extension %s has a case in images.txtar", ext)
	}
}

func TestTableUnwrappers(t *testing.T) {
	cases := readCases(t, "urls")
	parsed := make([]*url.URL, 0, len(cases))
	for _, c := range cases {
		if u, err := url.Parse(encodeURL(normalizeURL(c.input))); err == nil {
			parsed = append(parsed, u)
		}
	}
	for i, f := range DefaultUnwrappers() {
		found := false
		for _, u := range parsed {
			if _, ok := f(u); ok {
				found = true
			}
		}
		assert.True(t, found, "default unwrapper %d has a positive case in urls.txtar", i)
	}
	for _, p := range paramProxies {
		found := false
		for _, u := range parsed {
			host, path := strings.ToLower(u.Hostname()), strings.TrimSuffix(u.Path, "/")
			found = found || p.path != "" && strings.HasSuffix(path, p.path) || p.path == "" && p.host.match(host)
		}
		assert.True(t, found, "proxy %+v has a case in urls.txtar", p)
	}
	for _, h := range imageHosts {
		found := false
		for _, c := range cases {
			for _, part := range strings.FieldsFunc(c.want, func(r rune) bool { return r == '/' }) {
				found = found || h.match(part)
			}
		}
		assert.True(t, found, "image host %+v has a case in urls.txtar", h)
	}
}

// TestQuickSniffAgrees: where the quick scan decides, the CommonMark parse
// decides the same, on every post at hand.
func TestQuickSniffAgrees(t *testing.T) {
	posts := postBodies(t, allPostGlobs...)
	decided := 0
	for _, p := range posts {
		v := quickSniff(p.body)
		if v == sniffUnsure {
			continue
		}
		decided++
		full := quickVerdictOf(p.body)
		assert.Equal(t, v == sniffMarkdownText, full, p.path)
	}
	t.Logf("the quick scan decided %d of %d posts", decided, len(posts))
}

// allPostGlobs are every post at hand: both dev corpora beside the
// repository, and the fixtures.
var allPostGlobs = []string{filepath.Join(corpusDir, "*.md"), filepath.Join(formatsDir, "*", "*.*"), "testdata/posts/*"}

// postBody is a post's path and its body.
type postBody struct {
	path string
	body []byte
}

// postBodies returns the bodies of the posts at globs whose front matter
// splits.
func postBodies(tb testing.TB, globs ...string) []postBody {
	tb.Helper()
	var out []postBody
	for _, g := range globs {
		paths, _ := filepath.Glob(g)
		for _, p := range paths {
			src, err := os.ReadFile(p)
			if err != nil {
				tb.Fatal(err)
			}
			if fm, err := splitFrontMatter(src, &report{}); err == nil {
				out = append(out, postBody{p, fm.body})
			}
		}
	}
	return out
}

// quickVerdictOf is sniffMarkdown without the quick scan.
func quickVerdictOf(body []byte) bool {
	doc := parseMarkdown(body)
	if shortcodeLine(body) || strings.Contains(string(body), "![[") || shortcodeLink(body) {
		return true
	}
	found, hasHTML := false, false
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering && markdownEvidence[n.Kind()] {
			found = true
		}
		if entering && (n.Kind() == ast.KindHTMLBlock || n.Kind() == ast.KindRawHTML) && !commentNode(n, body) {
			hasHTML = true
		}
		return ast.WalkContinue, nil
	})
	return found || !hasHTML
}

// commentNode reports whether an HTML node's text is an HTML comment: its
// first line, blanks trimmed, starts "<!--" (written apart from the
// sniffing's isComment, which asks goldmark's block type).
func commentNode(n ast.Node, src []byte) bool {
	var first []byte
	switch x := n.(type) {
	case *ast.HTMLBlock:
		if x.Lines().Len() > 0 {
			seg := x.Lines().At(0)
			first = seg.Value(src)
		}
	case *ast.RawHTML:
		if x.Segments.Len() > 0 {
			seg := x.Segments.At(0)
			first = seg.Value(src)
		}
	}
	return bytes.HasPrefix(bytes.TrimLeft(first, " \t"), []byte("<!--"))
}

// TestTableShortcodes: every row of the tag table has a case among the
// fixtures or the Markdown cases.
func TestTableShortcodes(t *testing.T) {
	paths, _ := filepath.Glob("testdata/posts/*")
	paths = append(paths, filepath.Join("testdata", "cases", "markdown.txtar"))
	seen := map[string]bool{}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		require.NoError(t, err)
		s := string(b)
		for i := strings.IndexByte(s, '{'); i >= 0; {
			if tg, ok := scanShortcode(s, i); ok && tg.name != "" {
				seen[tg.name] = true
			}
			j := strings.IndexByte(s[i+1:], '{')
			if j < 0 {
				break
			}
			i += j + 1
		}
	}
	for name := range builtinShortcodes {
		assert.True(t, seen[name], "template tag %q has a fixture", name)
	}
}

// TestTableMetaKeys: every key of the key tables gives its field.
func TestTableMetaKeys(t *testing.T) {
	field := func(a *Article, which string) string {
		switch which {
		case "date":
			return a.Date.Format(time.RFC3339)
		case "updated":
			return a.Updated.Format(time.RFC3339)
		case "cover":
			if a.Cover == nil {
				return ""
			}
			return a.Cover.URL
		case "summary":
			return a.Summary
		case "url":
			return a.URL
		case "lang":
			return a.Lang
		}
		return ""
	}
	tables := []struct {
		field, value, want string
		keys               []string
	}{
		{"date", "2022-01-02T03:04:05Z", "2022-01-02T03:04:05Z", defaultKeys.date},
		{"updated", "2022-01-02T03:04:05Z", "2022-01-02T03:04:05Z", defaultKeys.updated},
		{"cover", "https://img.example.com/c.jpg", "https://img.example.com/c.jpg", defaultKeys.cover},
		{"summary", "The summary", "The summary", defaultKeys.summary},
		{"url", "https://blog.example.com/p/", "https://blog.example.com/p/", defaultKeys.url},
		{"lang", "en", "en", defaultKeys.lang},
	}
	for _, tb := range tables {
		for _, k := range tb.keys {
			a := parseOK(t, "---\n"+k+": "+tb.value+"\n---\n<p>x</p>")
			assert.Equal(t, tb.want, field(a, tb.field), "%s: %s", tb.field, k)
		}
	}
	for _, fm := range []string{"draft: true", "published: false", "DRAFT: true"} {
		assert.True(t, parseOK(t, "---\n"+fm+"\n---\n<p>x</p>").Draft, fm)
	}
	assert.False(t, parseOK(t, "---\npublished: true\n---\n<p>x</p>").Draft)
}

func TestCaseLinks(t *testing.T) {
	runCases(t, "links", func(t *testing.T, c testCase) string {
		e, err := New(c.opts...)
		require.NoError(t, err)
		r := &resolver{e: e, base: e.base, rep: &report{}}
		if u, ok := r.link(c.input); ok {
			return u
		}
		return "none"
	})
}

// TestTableRedirectors: every redirector has a case in links.txtar.
func TestTableRedirectors(t *testing.T) {
	cases := readCases(t, "links")
	for _, r := range redirectors {
		found := false
		for _, c := range cases {
			u, err := url.Parse(c.input)
			if err != nil {
				continue
			}
			host := strings.ToLower(u.Hostname())
			found = found || (r.host == "" || host == r.host) &&
				(r.prefix && strings.HasPrefix(u.Path, r.path) || !r.prefix && (u.Path == r.path || u.Path == "" && r.path == "/")) &&
				u.Query().Get(r.param) != ""
		}
		assert.True(t, found, "redirector %+v has a case in links.txtar", r)
	}
}
