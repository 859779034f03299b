package postextract

import (
	"encoding/json"
	"math"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDecodeMeta(t *testing.T) {
	type meta struct {
		Slug  string `yaml:"slug" toml:"slug" json:"slug"`
		Draft bool   `yaml:"draft" toml:"draft" json:"draft"`
	}
	for name, src := range map[string]string{
		"yaml":           "---\nslug: s\ndraft: true\n---\nx",
		"yaml with tabs": "---\nslug: s\ndraft: true\nextra:\n\t- a\n---\nx",
		"fence-less":     "slug: s\ndraft: true\n---\nx",
		"toml":           "+++\nslug = \"s\"\ndraft = true\n+++\nx",
		"hugo json":      "{\"slug\": \"s\", \"draft\": true}\nx",
		"hexo json":      "\"slug\": \"s\",\n\"draft\": true\n;;;\nx",
	} {
		a, err := Parse([]byte(src))
		require.NoError(t, err, name)
		var m meta
		require.NoError(t, a.DecodeMeta(&m), name)
		assert.Equal(t, meta{"s", true}, m, name)
	}
	a, err := Parse([]byte("<p>no front matter</p>"))
	require.NoError(t, err)
	m := meta{Slug: "kept"}
	require.NoError(t, a.DecodeMeta(&m))
	assert.Equal(t, "kept", m.Slug)

	a, err = Parse([]byte("---\ndraft: [1, 2]\n---\nx"))
	require.NoError(t, err)
	assert.Error(t, a.DecodeMeta(&m), "a value that does not fit is the decoder's error")
}

func TestWithLinkUnwrapper(t *testing.T) {
	e, err := New(WithLinkUnwrapper(func(u *url.URL) (string, bool) {
		if u.Host == "go.example.com" {
			return u.Query().Get("dest"), true
		}
		return "", false
	}))
	require.NoError(t, err)
	a, err := e.Parse([]byte(`<p><a href="https://go.example.com/r?dest=https%3A%2F%2Freal.example%2F">x</a></p>`))
	require.NoError(t, err)
	assert.Equal(t, []Link{{URL: "https://real.example/", Text: "x"}}, a.Links)
	_, err = New(WithLinkUnwrapper(nil))
	assert.Error(t, err)
}

// The link unwrappers are WithLinkUnwrapper's, then the base list, whatever
// the order of the options; WithBaseLinkUnwrappers() removes the built-in
// redirectors.
func TestLinkUnwrapperOrderOfOptions(t *testing.T) {
	mine := func(u *url.URL) (string, bool) {
		if u.Host == "go.example.com" {
			return u.Query().Get("dest"), true
		}
		return "", false
	}
	post := []byte(`<p><a href="https://go.example.com/r?dest=https%3A%2F%2Freal.example%2F">x</a> ` +
		`<a href="https://links.jianshu.com/go?to=https%3A%2F%2Fgo.dev%2F">y</a></p>`)
	want := []string{"https://real.example/", "https://links.jianshu.com/go?to=https%3A%2F%2Fgo.dev%2F"}
	for _, opts := range [][]Option{
		{WithLinkUnwrapper(mine), WithBaseLinkUnwrappers()},
		{WithBaseLinkUnwrappers(), WithLinkUnwrapper(mine)},
	} {
		a := parseOK(t, string(post), opts...)
		var got []string
		for _, l := range a.Links {
			got = append(got, l.URL)
		}
		assert.Equal(t, want, got)
	}
}

func TestWarningJSONRoundTrip(t *testing.T) {
	a, err := Parse([]byte("---\ndate: Invalid Date\n---\n<p>x</p>"))
	require.NoError(t, err)
	b, err := json.Marshal(a)
	require.NoError(t, err)
	var back Article
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, a.Warnings[0].Message, back.Warnings[0].Message)
}

func TestCodeLangSkipsPrefixesInsideWords(t *testing.T) {
	a, err := Parse([]byte(`<pre class="xlang-a lang-go">x</pre>`))
	require.NoError(t, err)
	assert.Equal(t, "go", a.Blocks[0].Lang)
}

// WithMaxBytes(math.MaxInt64) works.
func TestMaxBytesAcceptsMaxInt64(t *testing.T) {
	e, err := New(WithMaxBytes(math.MaxInt64))
	require.NoError(t, err)
	a, err := e.ParseReader(strings.NewReader("<p>x</p>"))
	require.NoError(t, err)
	assert.Equal(t, []string{"x"}, a.Paragraphs)
}

// The zero Extractor, and a nil one, parse with the defaults.
func TestZeroExtractorUsesDefaults(t *testing.T) {
	var e Extractor
	a, err := e.Parse([]byte("---\ntitle: Zero\n---\n<p>x</p>"))
	require.NoError(t, err)
	assert.Equal(t, "Zero", a.Title)
	a, err = e.ParseReader(strings.NewReader("<p>y</p>"))
	require.NoError(t, err)
	assert.Equal(t, []string{"y"}, a.Paragraphs)
	var nilExtractor *Extractor
	_, err = nilExtractor.Parse([]byte("<p>z</p>"))
	require.NoError(t, err)
}
