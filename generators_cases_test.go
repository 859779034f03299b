package postextract

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/rogpeppe/go-internal/txtar"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestCaseGenerators reads the sites of testdata/cases/generators/*.txtar,
// one file per generator (SPEC "Generators"). A case is a small site: its
// files are named "NN name/PATH" (PATH in the site, folders included), one
// of them the post; "NN name.want" is the Article in brief (generatorBrief).
// An "NN name/@options" file holds options, key=value a word
// (generator=NAME, tz=ZONE, base=URL). The post is read from the site as
// the folder API reads it, so its path and site files count.
func TestCaseGenerators(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "cases", "generators", "*.txtar"))
	require.NoError(t, err)
	require.NotEmpty(t, files)
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			for _, c := range readSiteCases(t, file) {
				t.Run(c.name, func(t *testing.T) {
					e, err := New(c.opts...)
					require.NoError(t, err)
					var got string
					for p, err := range e.ParseFiles(context.Background(), c.site, []string{c.post}) {
						require.NoError(t, err)
						checkInvariants(t, e, p.Article)
						_, err = json.Marshal(p.Article)
						require.NoError(t, err)
						got = generatorBrief(p.Article)
					}
					assert.Equal(t, c.want, got, "post %s", c.post)
				})
			}
		})
	}
}

// siteCase is one case of a generators file.
type siteCase struct {
	name, post, want string
	site             fstest.MapFS
	opts             []Option
}

// readSiteCases reads the cases of one generators file, in order.
func readSiteCases(t *testing.T, file string) []siteCase {
	t.Helper()
	ar, err := txtar.ParseFile(file)
	require.NoError(t, err)
	byName := map[string]*siteCase{}
	var order []string
	for _, f := range ar.Files {
		if n, ok := strings.CutSuffix(f.Name, ".want"); ok && !strings.Contains(f.Name, "/") {
			c := byName[n]
			require.NotNil(t, c, "%s: %q comes before its site", file, f.Name)
			c.want = strings.TrimRight(string(f.Data), "\n")
			continue
		}
		n, p, ok := strings.Cut(f.Name, "/")
		require.True(t, ok, "%s: %q is no NN name/PATH", file, f.Name)
		c := byName[n]
		if c == nil {
			c = &siteCase{name: n, site: fstest.MapFS{}}
			byName[n] = c
			order = append(order, n)
		}
		if p == "@options" {
			c.opts = caseOptions(t, strings.Fields(string(f.Data)))
			continue
		}
		c.site[p] = &fstest.MapFile{Data: f.Data, Mode: 0o644}
		if IsPostFile(path.Base(p)) && !isSiteData(p) {
			require.Empty(t, c.post, "%s: case %q has two posts", file, n)
			c.post = p
		}
	}
	cases := make([]siteCase, 0, len(order))
	for _, n := range order {
		c := byName[n]
		require.NotEmpty(t, c.post, "%s: case %q has no post", file, n)
		require.NotEmpty(t, c.want, "%s: case %q has no .want", file, n)
		cases = append(cases, *c)
	}
	return cases
}

// isSiteData reports whether a site file with a post's extension is not
// the post: a README, or a file in a folder that only holds site data.
func isSiteData(p string) bool {
	return strings.EqualFold(path.Base(p), "README.md")
}

// caseOptions reads key=value options.
func caseOptions(t *testing.T, kvs []string) []Option {
	var opts []Option
	for _, kv := range kvs {
		k, v, _ := strings.Cut(kv, "=")
		switch k {
		case "generator":
			opts = append(opts, WithGenerator(v))
		case "tz":
			loc, err := time.LoadLocation(v)
			require.NoError(t, err)
			opts = append(opts, WithLocation(loc))
		case "base":
			opts = append(opts, WithBaseURL(v))
		default:
			t.Fatalf("unknown option %q", k)
		}
	}
	return opts
}

// generatorBrief is articleBrief led by the fields that generators decide:
// the generator, title, dates, author, taxonomies, draft and cover, each
// when set.
func generatorBrief(a *Article) string {
	var b strings.Builder
	line := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }
	line("generator: %s", a.Generator)
	if !a.Date.IsZero() {
		line("date: %s", a.Date.Format(time.RFC3339))
	}
	if !a.Updated.IsZero() {
		line("updated: %s", a.Updated.Format(time.RFC3339))
	}
	if a.Author != "" {
		line("author: %s", a.Author)
	}
	if len(a.Categories) > 0 {
		line("categories: %s", strings.Join(a.Categories, " | "))
	}
	if len(a.Tags) > 0 {
		line("tags: %s", strings.Join(a.Tags, " | "))
	}
	if a.Draft {
		line("draft: true")
	}
	if a.Cover != nil {
		line("cover: %s", a.Cover.URL)
	}
	b.WriteString(articleBrief(a))
	return b.String()
}

// TestGeneratorsTable keeps the table of generators and SPEC's list one:
// every name WithGenerator takes has a row whose name is its key.
func TestGeneratorsTable(t *testing.T) {
	names := Generators()
	want := []string{"astro", "docusaurus", "eleventy", "gatsby", "hexo", "hugo", "jekyll",
		"mkdocs", "obsidian", "pelican", "vitepress", "vuepress", "zola"}
	sort.Strings(want)
	assert.Equal(t, want, names)
	for _, n := range names {
		assert.Equal(t, n, generators[n].name)
	}
	_, err := New(WithGenerator("wordpress"))
	assert.ErrorContains(t, err, "wordpress")
}

// TestParseFileFindsSiteAbove reads a post on disk whose site file is two
// folders up, as a CLI run on content/posts does, and stops at .git.
func TestParseFileFindsSiteAbove(t *testing.T) {
	root := t.TempDir()
	write := func(p, s string) {
		full := filepath.Join(root, filepath.FromSlash(p))
		require.NoError(t, os.MkdirAll(filepath.Dir(full), 0o755))
		require.NoError(t, os.WriteFile(full, []byte(s), 0o644))
	}
	write("site/hugo.toml", "baseURL = 'https://example.org/'\n")
	write("site/content/posts/a.md", "---\ntitle: A\n---\nText.\n")
	write("outer/zola.toml", "base_url = 'https://example.org'\n")
	write("outer/repo/.git/HEAD", "ref: refs/heads/main\n")
	write("outer/repo/posts/b.md", "---\ntitle: B\n---\nText.\n")

	a, err := ParseFile(filepath.Join(root, "site", "content", "posts", "a.md"))
	require.NoError(t, err)
	assert.Equal(t, "hugo", a.Generator)

	b, err := ParseFile(filepath.Join(root, "outer", "repo", "posts", "b.md"))
	require.NoError(t, err)
	assert.Empty(t, b.Generator, "the search stops at the folder that holds .git")

	var got []string
	for p, err := range (&Extractor{}).PostsInDir(context.Background(), filepath.Join(root, "site", "content")) {
		require.NoError(t, err)
		got = append(got, filepath.ToSlash(p.Path)+" "+p.Article.Generator)
	}
	assert.Equal(t, []string{filepath.ToSlash(filepath.Join(root, "site", "content", "posts", "a.md")) + " hugo"}, got)

	c, err := Parse([]byte("---\ntitle: C\n---\nText.\n"))
	require.NoError(t, err)
	assert.Empty(t, c.Generator, "bytes alone name no generator")
}
