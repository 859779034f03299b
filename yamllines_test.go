package postextract

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Front matter that YAML cannot read as a mapping ("title:Tagged Pointer",
// as hand-written Hexo posts have) is read line by line, with a warning
// naming the first line YAML refused; its lines are never text.
func TestFrontMatterReadLineByLine(t *testing.T) {
	const block = "title:Tagged Pointer 字符串\ndate:2018-10-08\ntags: [iOS 开发, Objective-C]\n" +
		"categories: [Mike Ash]\npermalink: tagged-pointer-strings\nkeywords: tagged pointer, NSString \n" +
		"description: Tagged pointer 是一项技术。\n\n"
	for name, c := range map[string]struct{ src, line string }{
		"fence-less":       {block + "---\n原文链接=x\n\nBody.", "line 1 (title:Tagged Pointer 字符串)"},
		"fence-less after": {"\n\n" + block + "-----\n原文链接=x\n\nBody.", "line 3 (title:Tagged Pointer 字符串)"},
		"fenced":           {"---\n" + block + "---\n原文链接=x\n\nBody.", "line 2 (title:Tagged Pointer 字符串)"},
		"fenced CRLF":      {strings.ReplaceAll("---\n"+block+"---\n原文链接=x\n\nBody.", "\n", "\r\n"), "line 2 (title:Tagged Pointer 字符串)"},
	} {
		t.Run(name, func(t *testing.T) {
			a := parseOK(t, c.src)
			assert.Equal(t, "Tagged Pointer 字符串", a.Title)
			assert.Equal(t, time.Date(2018, 10, 8, 0, 0, 0, 0, time.UTC), a.Date)
			assert.Equal(t, []string{"iOS 开发", "Objective-C"}, a.Tags)
			assert.Equal(t, []string{"Mike Ash"}, a.Categories)
			assert.Equal(t, "Tagged pointer 是一项技术。", a.Summary)
			assert.Equal(t, "tagged pointer, NSString", a.Meta["keywords"])
			require.NotEmpty(t, a.Paragraphs)
			assert.Equal(t, "原文链接=x", a.Paragraphs[0])
			assert.NotContains(t, strings.Join(a.Paragraphs, "\n"), "title:")
			assert.True(t, hasWarning(a, c.line), "%v", a.Warnings)
			var m struct {
				Title string   `yaml:"title"`
				Tags  []string `yaml:"tags"`
			}
			require.NoError(t, a.DecodeMeta(&m))
			assert.Equal(t, "Tagged Pointer 字符串", m.Title)
			assert.Equal(t, []string{"iOS 开发", "Objective-C"}, m.Tags)
		})
	}
}

// Each value reads as YAML reads it alone; "- item" lines under a key with
// no value are its list; a value YAML reads as a mapping is its text; the
// line named is the first that is no YAML "key: value".
func TestFrontMatterLineValues(t *testing.T) {
	a := parseOK(t, "---\ntitle: x\ndate:2018-10-08 10:20:30\ndraft:true\nweight:3\n"+
		"tags:\n- go\n- 'web'\nsummary:\"quoted: yes\"\n# a comment\nlabel: Foo: bar\n---\nBody.")
	assert.Equal(t, "x", a.Title)
	assert.Equal(t, time.Date(2018, 10, 8, 10, 20, 30, 0, time.UTC), a.Date)
	assert.True(t, a.Draft)
	assert.Equal(t, 3, a.Meta["weight"])
	assert.Equal(t, []string{"go", "web"}, a.Tags)
	assert.Equal(t, "quoted: yes", a.Summary)
	assert.Equal(t, "Foo: bar", a.Meta["label"])
	assert.Equal(t, []string{"Body."}, a.Paragraphs)
	assert.True(t, hasWarning(a, "line 3 (date:2018-10-08 10:20:30)"), "%v", a.Warnings)

	// "Foo: bar" alone is what YAML refuses; numbers keep their text.
	a = parseOK(t, "---\ntitle: Go: the good parts\nversion: 1.10\n---\nBody.")
	assert.Equal(t, "Go: the good parts", a.Title)
	assert.True(t, hasWarning(a, "line 2 (title: Go: the good parts)"), "%v", a.Warnings)

	// Fenced, lines that are no key:value are skipped.
	a = parseOK(t, "---\ntitle:Skip\nauthor:\n  name: Ann\n  bad\n---\nBody.")
	assert.Equal(t, "Skip", a.Title)
	assert.Equal(t, []string{"Body."}, a.Paragraphs)
}

// What stays as before: a block whose every line is a YAML "key: value"
// and whose error is in a value is an error naming its line; a block with
// no key is an error; a fence-less block that is not key:value through and
// through is no front matter; YAML that reads is not read line by line.
func TestFrontMatterLineByLineLimits(t *testing.T) {
	_, err := Parse([]byte("---\ntitle: x\ntags: [a\n---\n<p>x</p>"))
	require.ErrorIs(t, err, ErrFrontMatter)
	_, err = Parse([]byte("---\njust a string\n---\n<p>x</p>"))
	require.ErrorIs(t, err, ErrFrontMatter)

	a := parseOK(t, "Note:see below\nA paragraph of text.\n\n---\n\nMore.")
	assert.Empty(t, a.Meta)
	assert.Contains(t, strings.Join(a.Paragraphs, "\n"), "Note:see below")

	a = parseOK(t, "---\ntitle: x\n  y:z\n---\nBody.")
	assert.Equal(t, "x y:z", a.Title)
	assert.Empty(t, a.Warnings)
}

// Past maxLineReads values for yaml.v3, a block read line by line reads
// the rest by hand: a megabyte of such lines costs no parser per line.
func TestFrontMatterLineByLineBound(t *testing.T) {
	var b strings.Builder
	b.WriteString("---\ntitle:Many\n")
	for i := range maxLineReads + 100 {
		b.WriteString("k" + strings.Repeat("x", i%7) + string(rune('a'+i%26)) + ":[a, {b\n")
	}
	b.WriteString("last:\"q\"\n---\nBody.")
	a := parseOK(t, b.String())
	assert.Equal(t, "Many", a.Title)
	assert.Equal(t, "[a, {b", a.Meta["ka"])
	assert.Equal(t, "q", a.Meta["last"])
}

// A plain value holding ": " is no YAML mapping value either: the block is
// read line by line, the value whole.
func TestFrontMatterValueWithColons(t *testing.T) {
	a := parseOK(t, "---\ntitle: Vue: 入门: 二\ndate: 2018-10-08\n---\nbody\n")
	assert.Equal(t, "Vue: 入门: 二", a.Title)
	assert.Equal(t, time.Date(2018, 10, 8, 0, 0, 0, 0, time.UTC), a.Date)
	assert.True(t, hasWarning(a, "line 2 (title: Vue: 入门: 二)"), "%q", a.Warnings)
	assert.Equal(t, []string{"body"}, a.Paragraphs)
}
