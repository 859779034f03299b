package postextract

import (
	"bytes"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	xunicode "golang.org/x/text/encoding/unicode"
)

// visible returns the non-space characters of s, to compare text while
// ignoring how it was split and spaced.
func visible(s string) string {
	return strings.Join(strings.Fields(s), "")
}

func TestHostileInputsKeepTextAndImages(t *testing.T) {
	cases := []struct {
		name      string
		body      string
		text      string // every visible character expected, in order
		images    int
		wantWarns bool
	}{
		{
			name:      "thousands of unclosed inline tags",
			body:      strings.Repeat("<b><i>", 3000) + "deep<img src=\"https://img.example.com/a.jpg\">end",
			text:      "deepend",
			images:    1,
			wantWarns: true,
		},
		{
			name:   "tag soup in tables",
			body:   "<table><tr><td>a<table><td>b</table>c<tr><td>d</tr>" + strings.Repeat("<td>x", 200) + "</table>after",
			text:   "abcd" + strings.Repeat("x", 200) + "after",
			images: 0,
		},
		{
			name:   "tag soup in selects is dropped, the rest kept",
			body:   "<p>before</p><select><option>o<table><td>in table</select>after",
			text:   "before",
			images: 0,
		},
		{
			name:   "stray end tags",
			body:   strings.Repeat("</div></p></table>", 2000) + "<p>kept</p>",
			text:   "kept",
			images: 0,
		},
		{
			name:   "unclosed comment",
			body:   "<p>kept</p><!-- never closed <p>hidden",
			text:   "kept",
			images: 0,
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a, err := Parse([]byte("---\ntitle: t\n---\n" + c.body))
			require.NoError(t, err)
			checkInvariants(t, defaultExtractor(), a)
			assert.Contains(t, visible(strings.Join(a.Paragraphs, "")), visible(c.text))
			assert.Len(t, a.Images, c.images)
			if c.wantWarns {
				assert.NotEmpty(t, a.Warnings)
			}
		})
	}
}

func TestFiftyThousandImages(t *testing.T) {
	var b bytes.Buffer
	b.WriteString("---\ntitle: many\n---\n")
	for i := range 50000 {
		fmt.Fprintf(&b, "<img src=\"https://img.example.com/%d.jpg\">", i)
	}
	a, err := Parse(b.Bytes())
	require.NoError(t, err)
	require.Len(t, a.Images, 50000)
	assert.Equal(t, "https://img.example.com/49999.jpg", a.Images[49999].URL)
}

func TestOneHugeLine(t *testing.T) {
	n := 40 << 20
	if testing.Short() {
		n = 4 << 20 // -short: the same shape, smaller
	}
	src := append([]byte("---\ntitle: huge\n---\n<p>"), bytes.Repeat([]byte("word "), n/5)...)
	a, err := Parse(src, WithMaxBytes(int64(len(src))))
	require.NoError(t, err)
	require.Len(t, a.Paragraphs, 1)
	assert.Equal(t, n/5*5-1, len(a.Paragraphs[0]))

	_, err = Parse(src, WithMaxBytes(int64(len(src)-1)))
	require.ErrorIs(t, err, ErrTooLarge)
}

func TestLegacyEncodings(t *testing.T) {
	cases := []struct {
		label string
		enc   encoding.Encoding
		text  string
	}{
		{"gbk", simplifiedchinese.GBK, "社区工作"},
		{"gb18030", simplifiedchinese.GB18030, "社区工作 €"},
		{"big5", traditionalchinese.Big5, "社區工作"},
		{"shift_jis", japanese.ShiftJIS, "日本語の記事"},
		{"windows-1252", charmap.Windows1252, "café déjà vu"},
	}
	for _, c := range cases {
		t.Run(c.label, func(t *testing.T) {
			post := "---\ntitle: " + c.text + "\n---\n<meta charset=\"" + c.label + "\"><p>" + c.text + "</p>"
			src, err := c.enc.NewEncoder().Bytes([]byte(post))
			require.NoError(t, err)
			a, err := Parse(src)
			require.NoError(t, err)
			assert.Equal(t, c.text, a.Title, "front matter decodes too")
			assert.Equal(t, []string{c.text}, a.Paragraphs)
			assert.Equal(t, []Warning{{Code: WarnEncoding, Message: "decoded as " + c.label + ", as its <meta charset> says"}},
				a.Warnings, "a re-decoding is warned about")
		})
	}
	t.Run("http-equiv", func(t *testing.T) {
		src, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(`<meta http-equiv="Content-Type" content="text/html; charset=gbk"><p>中文</p>`))
		require.NoError(t, err)
		a, err := Parse(src)
		require.NoError(t, err)
		assert.Equal(t, []string{"中文"}, a.Paragraphs)
	})
	t.Run("utf-16 with BOM", func(t *testing.T) {
		src, err := xunicode.UTF16(xunicode.LittleEndian, xunicode.UseBOM).NewEncoder().Bytes([]byte("---\ntitle: 十六\n---\n<p>正文</p>"))
		require.NoError(t, err)
		a, err := Parse(src)
		require.NoError(t, err)
		assert.Equal(t, "十六", a.Title)
		assert.Equal(t, []string{"正文"}, a.Paragraphs)
	})
}

func TestExtractorIsSafeForConcurrentUse(t *testing.T) {
	e, err := New(WithDrop("div.ad > p", ".x"), WithBaseURL("https://base.example.com/"))
	require.NoError(t, err)
	posts := fixtures(t)
	want := make([]string, len(posts))
	for i, p := range posts {
		a, err := e.ParseFile(p)
		want[i] = string(goldenJSON(a, err))
	}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for k := range posts {
				i := (k + g) % len(posts)
				a, err := e.ParseFile(posts[i])
				if got := string(goldenJSON(a, err)); got != want[i] {
					t.Errorf("%s: output differs under concurrency", posts[i])
				}
			}
		})
	}
	wg.Wait()
}

// A document too deep for the tree parser is read by the flat pass; its
// <title> is still the title when there is no front matter, and is not
// repeated as a paragraph.
func TestTooDeepKeepsTitle(t *testing.T) {
	deep := strings.Repeat("<div>", 600) + "hello" + strings.Repeat("</div>", 600)
	for _, head := range []string{
		"<title>Deep one</title>",
		"<html><head><title>Deep one</title></head><body>",
		"<!DOCTYPE html><html><meta charset=utf-8><title>Deep one</title><body>",
	} {
		a, err := Parse([]byte(head + deep))
		require.NoError(t, err)
		checkInvariants(t, defaultExtractor(), a)
		assert.Equal(t, "Deep one", a.Title, head)
		assert.Equal(t, []string{"hello"}, a.Paragraphs, head)
		assert.NotEmpty(t, a.Warnings, head)
	}

	// A <title> inside the body (here in an unknown element) is the title
	// wherever it is, as document.title reads it, and its text stays text.
	a, err := Parse([]byte("<x-box><title>In body</title></x-box>" + deep))
	require.NoError(t, err)
	assert.Equal(t, "In body", a.Title)
	assert.Equal(t, []string{"In body", "hello"}, a.Paragraphs)
}
