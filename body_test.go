package postextract

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The flat fallback reads <noscript> content as elements.
func TestFlatPassReadsNoscript(t *testing.T) {
	deep := strings.Repeat("<div>", 600) + `<img src="data:,"><noscript><img src="https://h/real.jpg"></noscript>` + strings.Repeat("</div>", 600)
	a := parseOK(t, deep)
	assert.True(t, hasWarning(a, "flat pass"))
	assert.Equal(t, []string{"https://h/real.jpg"}, imageURLs(a))
}

// Inside <pre> a table is code text.
func TestTableInPreIsCode(t *testing.T) {
	a := parseOK(t, `<pre>before<table><tr><td>cell</td></tr></table>after</pre>`)
	require.Len(t, a.Blocks, 1)
	assert.Equal(t, KindCode, a.Blocks[0].Kind)
	assert.Equal(t, "before\ncell\nafter", a.Blocks[0].Text)
}

// The joiners U+200C and U+200D stay; U+200B goes.
func TestJoinersStay(t *testing.T) {
	a := parseOK(t, "<p>👨\u200d👩\u200d👧 🏳️\u200d🌈 می\u200cخواهم a\u200bb</p>")
	assert.Equal(t, []string{"👨\u200d👩\u200d👧 🏳️\u200d🌈 می\u200cخواهم ab"}, a.Paragraphs)
}

// <br> runs split whatever inline elements sit between them.
func TestBrRunsSplitBlocks(t *testing.T) {
	for _, src := range []string{"a<br><br>b", "a<br><span><br>b</span>", "a<br><b> </b><br>b", "a<br>\u200b<br>b"} {
		a := parseOK(t, "<p>"+src+"</p>")
		assert.Equal(t, []string{"a", "b"}, a.Paragraphs, src)
	}
	a := parseOK(t, "<p>a<br><b>x</b><br>b</p>")
	assert.Equal(t, []string{"a\nx\nb"}, a.Paragraphs)
}

// A title from the body: a <title> anywhere first, else the whole text of
// the first non-empty <h1>, not repeated as a block.
func TestTitleFromBody(t *testing.T) {
	cases := []struct {
		src, title string
		paras      []string
	}{
		{"<h1>Q<p>P</p></h1><p>body</p>", "QP", []string{"body"}},
		{"<h1>点<br><br>A new</h1><p>body</p>", "点 A new", []string{"body"}},
		{"<div><title>T</title><h1>I</h1></div>", "T", []string{"T", "I"}},
		{"<h1> </h1><h1>Second</h1><p>b</p>", "Second", []string{"b"}},
		{"<h1>One</h1><h1>Two</h1>", "One", []string{"Two"}},
		{"<table><tr><td><h1>In table</h1></td></tr></table><h1>Real</h1>", "Real", []string{"In table"}},
	}
	for _, c := range cases {
		a := parseOK(t, c.src)
		assert.Equal(t, c.title, a.Title, c.src)
		assert.Equal(t, c.paras, a.Paragraphs, c.src)
	}
	a := parseOK(t, `<h1>With <img src="https://h/i.jpg"> image</h1>`)
	assert.Equal(t, "With image", a.Title)
	assert.Equal(t, []string{"https://h/i.jpg"}, imageURLs(a), "an image inside the title <h1> stays")
}

// UTF-8 with a broken byte and a stale <meta charset> stays UTF-8.
func TestStaleCharsetStaysUTF8(t *testing.T) {
	a := parseOK(t, "---\ntitle: 中文标题\n---\n<meta charset=\"gbk\"><p>社区工作 \xff 新闻</p>")
	assert.Equal(t, "中文标题", a.Title)
	assert.Equal(t, []string{"社区工作 \uFFFD 新闻"}, a.Paragraphs)
	assert.True(t, hasWarning(a, "U+FFFD"))

	a = parseOK(t, "<meta charset=\"utf-16\"><p>中文 \xfe</p>")
	assert.Equal(t, []string{"中文 \uFFFD"}, a.Paragraphs)
	a = parseOK(t, "<meta charset=\"utf-16le\"><p>plain \xfe</p>")
	assert.Equal(t, []string{"plain \uFFFD"}, a.Paragraphs, "a meta that says UTF-16 means UTF-8")
}
