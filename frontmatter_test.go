package postextract

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Hexo JSON front matter: members without braces, ended by ;;;.
func TestHexoJSONWithoutBraces(t *testing.T) {
	for name, src := range map[string]string{
		"closing only":  "\"title\": \"Hello\",\n\"date\": \"2013/7/13 20:46:25\"\n;;;\n<p>x</p>",
		"opening too":   ";;;\n\"title\": \"Hello\",\n\"date\": \"2013/7/13 20:46:25\"\n;;;\n<p>x</p>",
		"braces anyway": ";;;\n{\"title\": \"Hello\", \"date\": \"2013/7/13 20:46:25\"}\n;;;\n<p>x</p>",
		"longer run":    ";;;;;\n\"title\": \"Hello\", \"date\": \"2013/7/13 20:46:25\"\n;;;;;\n<p>x</p>",
		// Hexo reads "{" + text + "}": the members may be indented.
		"indented":         "  \"title\": \"Hello\",\n  \"date\": \"2013/7/13 20:46:25\"\n;;;\n<p>x</p>",
		"indented tabs":    "\t\"title\": \"Hello\",\n\t\"date\": \"2013/7/13 20:46:25\"\n;;;\n<p>x</p>",
		"indented opening": ";;;\n  \"title\": \"Hello\",\n  \"date\": \"2013/7/13 20:46:25\"\n;;;\n<p>x</p>",
		"indented braces":  "\n  {\"title\": \"Hello\", \"date\": \"2013/7/13 20:46:25\"}\n;;;\n<p>x</p>",
	} {
		t.Run(name, func(t *testing.T) {
			a := parseOK(t, src)
			assert.Equal(t, "Hello", a.Title)
			assert.Equal(t, time.Date(2013, 7, 13, 20, 46, 25, 0, time.UTC), a.Date)
			assert.Equal(t, []string{"x"}, a.Paragraphs)
		})
	}
	_, err := Parse([]byte(";;;\n\"title\": \n;;;\n<p>x</p>"))
	assert.ErrorIs(t, err, ErrFrontMatter, "a fenced block that does not decode is an error")
}

// YAML indented with tabs reads; a run of more than three dashes is a fence,
// and an unbalanced pair is no front matter.
func TestYAMLTabsAndDashRunFences(t *testing.T) {
	a := parseOK(t, "---\ntitle: Tabs\ntags:\n\t- one\n\t- two\nauthor:\n\tname: Ann\n---\n<p>x</p>")
	assert.Equal(t, "Tabs", a.Title)
	assert.Equal(t, []string{"one", "two"}, a.Tags)
	assert.Equal(t, "Ann", a.Author)

	a = parseOK(t, "----\ntitle: Four\n----\n<p>body</p>")
	assert.Equal(t, "Four", a.Title)
	assert.Equal(t, []string{"body"}, a.Paragraphs)

	// Hexo: no opening fence, closed by a longer run.
	a = parseOK(t, "title: Bare\ndate: 2020-01-02\n-------\n<p>body</p>")
	assert.Equal(t, "Bare", a.Title)
	assert.Equal(t, []string{"body"}, a.Paragraphs)

	// An unbalanced pair is no front matter at all.
	a = parseOK(t, "------\ntitle: Odd\n---\n<p>body</p>")
	assert.Empty(t, a.Meta)
	assert.Contains(t, strings.Join(a.Paragraphs, " "), "title: Odd")
}

// Numbers keep their written form where they are used as text; Meta keeps
// the decoded value.
func TestNumbersKeepWrittenForm(t *testing.T) {
	a := parseOK(t, `{"title": 1234567890123456789, "tags": [3.10, 1e3]}`+"\n<p>x</p>")
	assert.Equal(t, "1234567890123456789", a.Title)
	assert.Equal(t, []string{"3.10", "1e3"}, a.Tags)
	b, err := json.Marshal(a.Meta)
	require.NoError(t, err)
	assert.Contains(t, string(b), "1234567890123456789")

	a = parseOK(t, "---\ntitle: 1.0\ntags: [3.10, 0x1F, yes]\ncategories: 2048\n---\n<p>x</p>")
	assert.Equal(t, "1.0", a.Title)
	assert.Equal(t, []string{"3.10", "0x1F", "yes"}, a.Tags)
	assert.Equal(t, []string{"2048"}, a.Categories)
	assert.Equal(t, 1.0, a.Meta["title"], "Meta keeps the decoded value")
}

// Duplicate keys: the last wins, with a warning.
func TestDuplicateKeysLastWins(t *testing.T) {
	a := parseOK(t, "---\ntitle: First\ntitle: Last\n---\n<p>x</p>")
	assert.Equal(t, "Last", a.Title)
	assert.True(t, hasWarning(a, `"title" appears more than once`))
	a = parseOK(t, `{"title": "First", "title": "Last"}`+"\n<p>x</p>")
	assert.Equal(t, "Last", a.Title)
	assert.True(t, hasWarning(a, `"title" appears more than once`))
}

// TOML nested past maxTOMLDepth is an error, found before the decoder,
// whose cost grows with the square of the nesting.
func TestTOMLDepthBounded(t *testing.T) {
	deep := "+++\ntitle = \"t\"\na = " + strings.Repeat("{x=", 10000) + "1" + strings.Repeat("}", 10000) + "\n+++\nText.\n"
	_, err := Parse([]byte(deep))
	require.ErrorIs(t, err, ErrFrontMatter)
	assert.Contains(t, err.Error(), "nested deeper than 64")

	// Brackets in strings and comments are no nesting.
	ok := "+++\ntitle = \"" + strings.Repeat("[", 100) + "\" # " + strings.Repeat("{", 100) + "\ntags = [['a'], ['b']]\n+++\nText.\n"
	a, err := Parse([]byte(ok))
	require.NoError(t, err)
	assert.Equal(t, strings.Repeat("[", 100), a.Title)
}
