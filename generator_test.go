package postextract

import (
	"context"
	"io/fs"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestDetectGenerator checks every detection signal of SPEC "Generators"
// in its order: dg- keys, the nearest site file, .obsidian/, the front
// matter, the path, a Pelican header.
func TestDetectGenerator(t *testing.T) {
	const yamlPost = "---\ntitle: T\n---\nText.\n"
	const tomlPost = "+++\ntitle = \"T\"\n+++\nText.\n"
	file := func(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }
	tests := []struct {
		name string
		site fstest.MapFS
		post string
		want string
	}{
		{"hugo.toml", fstest.MapFS{"hugo.toml": file("title = 'x'"), "content/a.md": file(yamlPost)}, "content/a.md", "hugo"},
		{"hugo.yaml", fstest.MapFS{"hugo.yaml": file("title: x"), "content/a.md": file(yamlPost)}, "content/a.md", "hugo"},
		{"config.yaml with baseURL", fstest.MapFS{"config.yaml": file("baseURL: https://x/"), "posts/a.md": file(yamlPost)}, "posts/a.md", "hugo"},
		{"config.yaml without baseURL", fstest.MapFS{"config.yaml": file("title: x"), "posts/a.md": file(yamlPost)}, "posts/a.md", ""},
		{"config.toml with base_url", fstest.MapFS{"config.toml": file("base_url = 'https://x'"), "content/a.md": file(yamlPost)}, "content/a.md", "zola"},
		{"zola.toml", fstest.MapFS{"zola.toml": file("base_url = 'https://x'"), "content/a.md": file(yamlPost)}, "content/a.md", "zola"},
		{"config.toml of neither", fstest.MapFS{"config.toml": file("title = 'x'"), "a.md": file(yamlPost)}, "a.md", ""},
		{"_config.yml with source_dir", fstest.MapFS{"_config.yml": file("source_dir: source"), "source/_posts/a.md": file(yamlPost)}, "source/_posts/a.md", "hexo"},
		{"_config.yml alone is jekyll", fstest.MapFS{"_config.yml": file("title: x"), "source/_posts/a.md": file(yamlPost)}, "source/_posts/a.md", "jekyll"},
		{"package.json names hexo in devDependencies", fstest.MapFS{"_config.yml": file("title: x"),
			"package.json": file(`{"devDependencies": {"hexo": "7"}}`), "a.md": file(yamlPost)}, "a.md", "hexo"},
		{"docusaurus.config.ts", fstest.MapFS{"docusaurus.config.ts": file(""), "blog/a.md": file(yamlPost)}, "blog/a.md", "docusaurus"},
		{"website/siteConfig.js", fstest.MapFS{"website/siteConfig.js": file(""), "website/blog/a.md": file(yamlPost)}, "website/blog/a.md", "docusaurus"},
		{"pelicanconf.py", fstest.MapFS{"pelicanconf.py": file(""), "content/a.md": file(yamlPost)}, "content/a.md", "pelican"},
		{"mkdocs.yml", fstest.MapFS{"mkdocs.yml": file("site_name: x"), "docs/blog/posts/a.md": file(yamlPost)}, "docs/blog/posts/a.md", "mkdocs"},
		{".eleventy.js", fstest.MapFS{".eleventy.js": file(""), "posts/a.md": file(yamlPost)}, "posts/a.md", "eleventy"},
		{"eleventy.config.mjs", fstest.MapFS{"eleventy.config.mjs": file(""), "posts/a.md": file(yamlPost)}, "posts/a.md", "eleventy"},
		{"astro.config.mjs", fstest.MapFS{"astro.config.mjs": file(""), "src/content/blog/a.md": file(yamlPost)}, "src/content/blog/a.md", "astro"},
		{"gatsby-config.js", fstest.MapFS{"gatsby-config.js": file(""), "content/blog/a/index.md": file(yamlPost)}, "content/blog/a/index.md", "gatsby"},
		{".vitepress/", fstest.MapFS{"docs/.vitepress/config.ts": file(""), "docs/posts/a.md": file(yamlPost)}, "docs/posts/a.md", "vitepress"},
		{"a sibling's .vitepress/ is no sign", fstest.MapFS{"site/.vitepress/config.ts": file(""), "other/a.md": file(yamlPost)}, "other/a.md", ""},
		{".vitepress/ above", fstest.MapFS{".vitepress/config.ts": file(""), "posts/a.md": file(yamlPost)}, "posts/a.md", "vitepress"},
		{".vuepress/", fstest.MapFS{"blog/.vuepress/config.js": file(""), "blog/posts/a.md": file(yamlPost)}, "blog/posts/a.md", "vuepress"},
		{"quartz.config.ts", fstest.MapFS{"quartz.config.ts": file(""), "content/a.md": file(yamlPost)}, "content/a.md", "obsidian"},
		{"the nearest site file wins", fstest.MapFS{"hugo.toml": file(""), "blog/docusaurus.config.js": file(""),
			"blog/blog/a.md": file(yamlPost)}, "blog/blog/a.md", "docusaurus"},
		{"a site file beats .obsidian/", fstest.MapFS{"astro.config.ts": file(""), "src/content/.obsidian/app.json": file("{}"),
			"src/content/a.md": file(yamlPost)}, "src/content/a.md", "astro"},
		{".obsidian/ with no site file", fstest.MapFS{"vault/.obsidian/app.json": file("{}"), "vault/notes/a.md": file(yamlPost)}, "vault/notes/a.md", "obsidian"},
		{"dg- keys beat the site", fstest.MapFS{"hugo.toml": file(""), "content/a.md": file("---\ndg-publish: true\n---\nText.\n")}, "content/a.md", "obsidian"},
		{"Zola's taxonomies table", fstest.MapFS{"posts/a.md": file("+++\ntitle = \"T\"\n[taxonomies]\ntags = [\"x\"]\n+++\nText.\n")}, "posts/a.md", "zola"},
		{"Zola's extra table", fstest.MapFS{"posts/a.md": file("+++\ntitle = \"T\"\n[extra]\nx = 1\n+++\nText.\n")}, "posts/a.md", "zola"},
		{"source/_drafts", fstest.MapFS{"source/_drafts/a.md": file(yamlPost)}, "source/_drafts/a.md", "hexo"},
		{"_drafts elsewhere", fstest.MapFS{"_drafts/a.md": file(yamlPost)}, "_drafts/a.md", "jekyll"},
		{"content with YAML is no sign", fstest.MapFS{"content/a.md": file(yamlPost)}, "content/a.md", ""},
		{"content with TOML", fstest.MapFS{"content/a.md": file(tomlPost)}, "content/a.md", "hugo"},
		{"a .git folder ends the search", fstest.MapFS{"hugo.toml": file(""), "repo/.git/HEAD": file("x"), "repo/a.md": file(yamlPost)}, "repo/a.md", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := 0
			for p, err := range (&Extractor{}).ParseFiles(context.Background(), tt.site, []string{tt.post}) {
				require.NoError(t, err)
				assert.Equal(t, tt.want, p.Article.Generator)
				n++
			}
			assert.Equal(t, 1, n)
		})
	}
}

// TestSiteFolderReadOnce reads many posts of one site and counts the
// opens of its config file: one per call, not one per post.
func TestSiteFolderReadOnce(t *testing.T) {
	site := fstest.MapFS{"_config.yml": {Data: []byte("title: x\n")}}
	var paths []string
	for _, n := range []string{"a", "b", "c", "d", "e", "f", "g", "h"} {
		p := "_posts/2024-01-02-" + n + ".md"
		site[p] = &fstest.MapFile{Data: []byte("---\ntitle: " + n + "\n---\nText.\n")}
		paths = append(paths, p)
	}
	counted := &countingFS{FS: site, opens: map[string]int{}}
	for p, err := range (&Extractor{}).ParseFiles(context.Background(), counted, paths) {
		require.NoError(t, err)
		assert.Equal(t, "jekyll", p.Article.Generator)
	}
	assert.Equal(t, 1, counted.count("_config.yml"), "read once for eight posts")
}

// countingFS counts the opens of each name.
type countingFS struct {
	fs.FS
	mu    sync.Mutex
	opens map[string]int
}

func (c *countingFS) Open(name string) (fs.File, error) {
	c.mu.Lock()
	c.opens[name]++
	c.mu.Unlock()
	return c.FS.Open(name)
}

func (c *countingFS) count(name string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.opens[name]
}

// Site files that would cost or block: a config.toml nested thousands deep
// is read by its lines (its top-level keys come before any table).
func TestSiteFilesBounded(t *testing.T) {
	deep := "title = 'x'\nbase_url = 'https://x'\na = " + strings.Repeat("{x=", 30000) + "1" + strings.Repeat("}", 30000) + "\n"
	site := fstest.MapFS{"config.toml": {Data: []byte(deep)}, "content/a.md": {Data: []byte("---\ntitle: A\n---\nText.\n")}}
	for p, err := range (&Extractor{}).ParseFiles(context.Background(), site, []string{"content/a.md"}) {
		require.NoError(t, err)
		assert.Equal(t, "zola", p.Article.Generator)
	}
	assert.Equal(t, "baseurl", tomlTopKey([]byte("# c\n\"baseURL\" = 'x'\n")))
	assert.Equal(t, "", tomlTopKey([]byte("title = 'x'\n[params]\nbase_url = 'x'\n")), "a table's key is no top-level key")

}

// A submodule's .git file (gitdir: …/.git/modules/…) does not end the
// search; a repository's .git does.
func TestSubmoduleGitFile(t *testing.T) {
	site := fstest.MapFS{
		"hugo.toml":          {Data: []byte("baseURL = 'https://x/'\n")},
		"content/.git":       {Data: []byte("gitdir: ../.git/modules/content\n")},
		"content/posts/a.md": {Data: []byte("---\ntitle: A\n---\nText.\n")},
	}
	for p, err := range (&Extractor{}).ParseFiles(context.Background(), site, []string{"content/posts/a.md"}) {
		require.NoError(t, err)
		assert.Equal(t, "hugo", p.Article.Generator)
	}
}
