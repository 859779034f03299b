package postextract

import (
	"io/fs"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

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

// datedMeta takes a date, as a user of DecodeMeta writes it.
type datedMeta struct {
	Title string    `yaml:"title" toml:"title" json:"title"`
	Date  time.Time `yaml:"date" toml:"date" json:"date"`
	Tags  []string  `yaml:"tags" toml:"tags" json:"tags"`
}

// TestDecodeMetaDatesCorpus decodes every post of the three corpora into
// a struct with a time.Time date, and holds it to the Article's Date where
// that came from the date key.
func TestDecodeMetaDatesCorpus(t *testing.T) {
	var paths []string
	for _, dir := range []string{corpusDir, formatsDir, "../shared/corpus/generators-dev"} {
		_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && (strings.HasSuffix(p, ".md") || strings.HasSuffix(p, ".html")) {
				paths = append(paths, p)
			}
			return nil
		})
	}
	if len(paths) == 0 {
		t.Skip("no corpora in ../shared: they live beside the repository, not in a clone")
	}
	compared := 0
	for _, path := range paths {
		a, err := ParseFile(path)
		if err != nil {
			continue // a post the Article cannot read either
		}
		var m datedMeta
		if !assert.NoError(t, a.DecodeMeta(&m), path) {
			continue
		}
		if k, ok := metaKey(a.Meta, "date"); ok && k == "date" && !a.Date.IsZero() {
			compared++
			assert.True(t, m.Date.Equal(a.Date), "%s: DecodeMeta %v, Article %v", path, m.Date, a.Date)
		}
	}
	assert.Greater(t, compared, 100)
}

// TestDecodeMetaReadsAsTheArticle: dates by the Article's rules in its
// zone (an unreadable one or a flag leaves the field zero), a key given
// twice is its last value, an empty tags string is no tag, a key in
// another case fills its field, in each format.
func TestDecodeMetaReadsAsTheArticle(t *testing.T) {
	shanghai := mustLoad("Asia/Shanghai")
	cases := []struct {
		src  string
		want datedMeta
	}{
		{"---\ntitle: A\ndate: Tue, 14 Dec 2021 00:31:44 GMT\n---\nx", datedMeta{Title: "A", Date: time.Date(2021, 12, 14, 0, 31, 44, 0, time.UTC)}},
		{"---\ndate: '2008-11-23'\n---\nx", datedMeta{Date: time.Date(2008, 11, 23, 0, 0, 0, 0, shanghai)}},
		{"---\ndate: 2013-12-01 20:03\n---\nx", datedMeta{Date: time.Date(2013, 12, 1, 20, 3, 0, 0, shanghai)}},
		{"---\ndate: 2017-04-20 22:55:36 +0800\n---\nx", datedMeta{Date: time.Date(2017, 4, 20, 22, 55, 36, 0, shanghai)}},
		{"---\ndate: 1600000000\n---\nx", datedMeta{Date: time.Unix(1600000000, 0)}},
		{"---\ndate: Invalid date\ntitle: B\n---\nx", datedMeta{Title: "B"}},
		{"---\ndate: false\n---\nx", datedMeta{}},
		{"+++\ndate = \"2022-04-24\"\n+++\nx", datedMeta{Date: time.Date(2022, 4, 24, 0, 0, 0, 0, shanghai)}},
		{"+++\ndate = 2022-04-24T10:00:00Z\n+++\nx", datedMeta{Date: time.Date(2022, 4, 24, 10, 0, 0, 0, time.UTC)}},
		{"+++\ndate = \"nonsense\"\ntitle = \"C\"\n+++\nx", datedMeta{Title: "C"}},
		{`{"date": "2021-4-7 12:10:50", "title": "D"}` + "\nx", datedMeta{Title: "D", Date: time.Date(2021, 4, 7, 12, 10, 50, 0, shanghai)}},
		{`{"date": "Invalid date"}` + "\nx", datedMeta{}},
		{"---\ntitle: First\ntags: x\ntitle: Last\n---\nx", datedMeta{Title: "Last", Tags: []string{"x"}}},
		{"---\ntags: ''\n---\nx", datedMeta{Tags: []string{}}},
		{"---\nTitle: Upper\nTags: a, b\n---\nx", datedMeta{Title: "Upper", Tags: []string{"a", "b"}}},
	}
	for _, c := range cases {
		a := parseOK(t, c.src, WithLocation(shanghai))
		var got datedMeta
		require.NoError(t, a.DecodeMeta(&got), c.src)
		assert.Equal(t, c.want.Title, got.Title, c.src)
		assert.Equal(t, c.want.Tags, got.Tags, c.src)
		assert.True(t, c.want.Date.Equal(got.Date), "%s: got %v, want %v", c.src, got.Date, c.want.Date)
		if !a.Date.IsZero() {
			assert.True(t, a.Date.Equal(got.Date), "%s: the Article read %v", c.src, a.Date)
		}
	}
}

// TestDecodeMetaWantsAPointer: nil, a struct value and a nil pointer are
// errors, whatever the front matter's format, never a panic.
func TestDecodeMetaWantsAPointer(t *testing.T) {
	for _, src := range []string{"---\ntitle: A\n---\nx", "+++\ntitle = \"A\"\n+++\nx", `{"title": "A"}` + "\nx", "no front matter"} {
		a := parseOK(t, src)
		var nilPtr *datedMeta
		for _, v := range []any{nil, datedMeta{}, nilPtr} {
			err := a.DecodeMeta(v)
			require.Error(t, err, "%s: %T", src, v)
			assert.Contains(t, err.Error(), "non-nil pointer")
		}
	}
}
