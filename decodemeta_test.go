package postextract

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// termsMeta is a struct as a user of DecodeMeta writes it for tags and
// categories, in each format's tags.
type termsMeta struct {
	Title      string   `yaml:"title" toml:"title" json:"title"`
	Tags       []string `yaml:"tags" toml:"tags" json:"tags"`
	Categories []string `yaml:"categories" toml:"categories" json:"categories"`
}

// TestDecodeMetaFormatsCorpus decodes every post of the formats corpus
// into a struct with Tags and Categories []string, and holds the values to
// the Article's where the post uses those very keys.
func TestDecodeMetaFormatsCorpus(t *testing.T) {
	paths, _ := filepath.Glob(filepath.Join(formatsDir, "*", "*.*"))
	if len(paths) == 0 {
		t.Skipf("no corpus at %s: it lives beside the repository, in ../shared, and is not part of a clone", formatsDir)
	}
	decoded, compared := 0, 0
	for _, path := range paths {
		a, err := ParseFile(path)
		require.NoError(t, err, path)
		var m termsMeta
		if !assert.NoError(t, a.DecodeMeta(&m), path) {
			continue
		}
		decoded++
		for key, got := range map[string][]string{"tags": m.Tags, "categories": m.Categories} {
			if _, ok := a.Meta[key]; !ok {
				continue
			}
			compared++
			want := a.Tags
			if key == "categories" {
				want = a.Categories
			}
			assert.Equal(t, want, compactTerms(got), "%s: %s", path, key)
		}
	}
	assert.Equal(t, len(paths), decoded)
	assert.Equal(t, 46, len(paths), "the corpus has changed: check the numbers in the README")
	assert.Positive(t, compared)
}

// compactTerms is a decoded list as the Article holds it: without empty
// or repeated items.
func compactTerms(l []string) []string {
	var out []string
	for _, s := range l {
		if s = strings.TrimSpace(s); s != "" && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

func TestDecodeMetaShapes(t *testing.T) {
	type params struct {
		Tags []string `yaml:"tags" toml:"tags" json:"tags"`
	}
	type meta struct {
		Tags       []string `yaml:"tags" toml:"tags" json:"tags"`
		Categories []string `yaml:"categories" toml:"categories" json:"categories"`
		Aliases    []string `yaml:"aliases" toml:"aliases" json:"aliases"`
		IDs        []int    `yaml:"ids" toml:"ids" json:"ids"`
		Version    string   `yaml:"version" toml:"version" json:"version"`
		Params     params   `yaml:"params" toml:"params" json:"params"`
		Other      *[]string
	}
	want := meta{
		Tags:       []string{"fix.it", "ghost"},
		Categories: []string{"a", "b", "c"},
		Aliases:    []string{"/old, /older"}, // commas split tags and categories only
		IDs:        []int{7},
		Version:    "1.10",
		Params:     params{Tags: []string{"x, y"}}, // and only at the top
		Other:      &[]string{"o"},
	}
	for name, src := range map[string]string{
		"yaml": "---\ntags: fix.it, ghost\ncategories: [[a, b], c]\naliases: /old, /older\nids: 7\n" +
			"version: 1.10\nparams:\n  tags: x, y\nother: o\n---\nx",
		"toml": "+++\ntags = \"fix.it, ghost\"\ncategories = [[\"a\", \"b\"], \"c\"]\naliases = \"/old, /older\"\nids = 7\n" +
			"version = \"1.10\"\nOther = \"o\"\n[params]\ntags = \"x, y\"\n+++\nx",
		"json": `{"tags": "fix.it, ghost", "categories": [["a", "b"], "c"], "aliases": "/old, /older", "ids": 7,` +
			` "version": 1.10, "params": {"tags": "x, y"}, "other": "o"}` + "\nx",
	} {
		a, err := Parse([]byte(src))
		require.NoError(t, err, name)
		var m meta
		require.NoError(t, a.DecodeMeta(&m), name)
		assert.Equal(t, want, m, name)
	}

	// One tag, and a tag with a full-width comma; a map's values too.
	a, err := Parse([]byte("---\ntags: js\ncategories: 前端，后端\n---\nx"))
	require.NoError(t, err)
	var one termsMeta
	require.NoError(t, a.DecodeMeta(&one))
	assert.Equal(t, []string{"js"}, one.Tags)
	assert.Equal(t, []string{"前端", "后端"}, one.Categories)
	var byKey map[string][]string
	require.NoError(t, a.DecodeMeta(&byKey))
	assert.Equal(t, map[string][]string{"tags": {"js"}, "categories": {"前端", "后端"}}, byKey)

	// An empty value stays empty; a mapping where a list is wanted is
	// still an error.
	a, err = Parse([]byte("---\ntags:\ncategories: {a: b}\n---\nx"))
	require.NoError(t, err)
	var empty termsMeta
	assert.Error(t, a.DecodeMeta(&empty))
	assert.Nil(t, empty.Tags)
}

// TestDecodeMetaErrors: a value that does not fit is one line that names
// the format and the key.
func TestDecodeMetaErrors(t *testing.T) {
	type meta struct {
		Draft  bool `yaml:"draft" toml:"draft" json:"draft"`
		Author struct {
			Age int `yaml:"age" toml:"age" json:"age"`
		} `yaml:"author" toml:"author" json:"author"`
	}
	for src, want := range map[string]string{
		"---\ntitle: x\ndraft: [1, 2]\n---\nx": `postextract: front matter (yaml): key "draft": cannot unmarshal !!seq into bool`,
		"---\nauthor:\n  name: me\n  age: old\n---\nx": `postextract: front matter (yaml): key "author.age": cannot unmarshal !!str ` +
			"`old`" + ` into int`,
		"---\ndraft: maybe\nauthor: {age: x}\n---\nx": `postextract: front matter (yaml): key "draft": cannot unmarshal !!str ` +
			"`maybe`" + ` into bool (and 1 more)`,
		"+++\ndraft = \"yes\"\n+++\nx":      `postextract: front matter (toml): key "draft": incompatible types: TOML value has type string; destination has type boolean`,
		"{\"author\": {\"age\": \"x\"}}\nx": `postextract: front matter (json): key "author.age": cannot read a JSON string as int`,
	} {
		a, err := Parse([]byte(src))
		require.NoError(t, err, src)
		var m meta
		err = a.DecodeMeta(&m)
		if assert.Error(t, err, src) {
			assert.Equal(t, want, err.Error(), src)
			assert.NotContains(t, err.Error(), "\n")
		}
	}
}
