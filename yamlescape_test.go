package postextract

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A surrogate pair written as escapes in a double-quoted string is the
// character it encodes; a lone surrogate is U+FFFD with a warning; neither
// fails the post — in YAML (fast path and yaml.v3 alike) and JSON.
func TestSurrogateEscapes(t *testing.T) {
	pair := map[string]string{
		"yaml fast path": "---\ntitle: \"\\ud83d\\ude80 Launch\"\n---\n<p>x</p>",
		"yaml.v3":        "---\ntitle: \"\\ud83d\\ude80 Launch\"\nx: &a [1]\ny: *a\n---\n<p>x</p>",
		"yaml multiline": "---\ntitle: \"\\ud83d\\ude80\n  Launch\"\n---\n<p>x</p>",
		"yaml upper hex": "---\ntitle: \"\\uD83D\\uDE80 Launch\" # a comment\n---\n<p>x</p>",
		"yaml flow":      "---\ntags: [\"\\ud83d\\ude80\", b]\ntitle: \"\\ud83d\\ude80 Launch\"\n---\n<p>x</p>",
		"yaml fenceless": "title: \"\\ud83d\\ude80 Launch\"\n---\n<p>x</p>",
		"hexo json":      "\"title\": \"\\ud83d\\ude80 Launch\"\n;;;\n<p>x</p>",
		"hugo json":      "{\"title\": \"\\ud83d\\ude80 Launch\"}\n<p>x</p>",
	}
	for name, src := range pair {
		t.Run(name, func(t *testing.T) {
			a := parseOK(t, src)
			assert.Equal(t, "🚀 Launch", a.Title)
			assert.Empty(t, a.Warnings)
			var m struct {
				Title string `yaml:"title" json:"title"`
			}
			require.NoError(t, a.DecodeMeta(&m))
			assert.Equal(t, "🚀 Launch", m.Title)
		})
	}
	lone := map[string]string{
		"yaml fast path": "---\ntitle: \"\\ud83d Launch\"\n---\n<p>x</p>",
		"yaml low only":  "---\ntitle: \"\\ude80 Launch\"\nx: &a [1]\n---\n<p>x</p>",
		"yaml \\U":       "---\ntitle: \"\\U0000d83d Launch\"\n---\n<p>x</p>",
		"hexo json":      ";;;\n\"title\": \"\\ud83d Launch\"\n;;;\n<p>x</p>",
		"hugo json":      "{\"title\": \"\\ud83d Launch\"}\n<p>x</p>",
	}
	for name, src := range lone {
		t.Run("lone "+name, func(t *testing.T) {
			a := parseOK(t, src)
			assert.Equal(t, "\uFFFD Launch", a.Title)
			assert.True(t, hasWarning(a, "surrogate"), "%v", a.Warnings)
		})
	}
}

// Only double-quoted scalars read escapes: a "\ud83d" written in a plain,
// single-quoted or block scalar, or a comment, stays as written even when
// a double-quoted one beside it needs the rewriting.
func TestSurrogateEscapesOnlyInDoubleQuotes(t *testing.T) {
	src := "---\ntitle: \"\\ud83d\\ude80\"\nplain: C:\\ud83d \"x\"\nsingle: '\\ud83d'\n" +
		"block: |\n  \"\\ud83d\"\nlist:\n  - a \"\\ud83d\"\n  - \"\\ud83d\\ude80\" # \"\\ud83d\"\n---\n<p>x</p>"
	a := parseOK(t, src)
	assert.Equal(t, "🚀", a.Title)
	assert.Equal(t, `C:\ud83d "x"`, a.Meta["plain"])
	assert.Equal(t, `\ud83d`, a.Meta["single"])
	assert.Equal(t, "\"\\ud83d\"\n", a.Meta["block"])
	assert.Equal(t, []any{`a "\ud83d"`, "🚀"}, a.Meta["list"])
	assert.Empty(t, a.Warnings)
}

func TestEachDoubleQuoted(t *testing.T) {
	raw := "a: \"one\"\nb: 'it''s \"no\"'\nc: x \"no\" # \"no\"\nd: [\"two\", 'no', \"th\\\"ree\"]\n" +
		"e: >-\n  \"no\"\n  more\nf: {k: \"four\"}\n- \"five\"\n? \"six\"\ng: &x \"seven\"\nh: \"eight\n  nine\"\n"
	var got []string
	eachDoubleQuoted([]byte(raw), func(from, to int) { got = append(got, raw[from:to]) })
	assert.Equal(t, []string{"one", "two", `th\"ree`, "four", "five", "six", "seven", "eight\n  nine"}, got)
	assert.False(t, strings.Contains(strings.Join(got, ""), "no\""))
}
