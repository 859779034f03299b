package postextract

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestErrors(t *testing.T) {
	cases := []struct {
		name  string
		input string
		want  error
	}{
		{"empty", "", ErrEmpty},
		{"white space", " \n\t\r\n", ErrEmpty},
		{"BOM only", "\xEF\xBB\xBF\n", ErrEmpty},
		{"binary", "---\ntitle: x\n---\n\x00\x01\x02", ErrBinary},
		{"unterminated yaml", "---\ntitle: x\n", ErrFrontMatter},
		{"unterminated toml", "+++\ntitle = 'x'\n", ErrFrontMatter},
		{"unterminated json", ";;;\n{}\n", ErrFrontMatter},
		{"bad hugo json", "{\"title\": }\n<p>x</p>", ErrFrontMatter},
		{"yaml scalar", "---\njust a string\n---\n<p>x</p>", ErrFrontMatter},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a, err := Parse([]byte(c.input))
			assert.Nil(t, a)
			require.ErrorIs(t, err, c.want)
		})
	}
}

func TestFrontMatterErrorNamesFormatAndLine(t *testing.T) {
	_, err := Parse([]byte("\n\n---\ntitle: x\ntags: [a\n---\n<p>x</p>"))
	var fe *FrontMatterError
	require.ErrorAs(t, err, &fe)
	assert.Equal(t, "yaml", fe.Format)
	assert.Equal(t, 4, fe.Line) // the mapping that holds the error; the fence is on line 3
	assert.True(t, strings.HasPrefix(err.Error(), "postextract: front matter (yaml): line 4: "), err.Error())

	_, err = Parse([]byte("+++\ntitle = 'x'\n\ndate = \n+++\n"))
	require.ErrorAs(t, err, &fe)
	assert.Equal(t, "toml", fe.Format)
	assert.Equal(t, 4, fe.Line)

	_, err = Parse([]byte(";;;\n{\n\"title\": \"x\",\n}\n;;;\n"))
	require.ErrorAs(t, err, &fe)
	assert.Equal(t, "json", fe.Format)
	assert.Equal(t, 4, fe.Line)
}

func TestTooLarge(t *testing.T) {
	big := bytes.Repeat([]byte("<p>x</p>\n"), 200)
	_, err := Parse(big, WithMaxBytes(100))
	require.ErrorIs(t, err, ErrTooLarge)
	// ParseReader stops reading after the limit plus one byte.
	r := &countingReader{r: bytes.NewReader(big)}
	_, err = ParseReader(r, WithMaxBytes(100))
	require.ErrorIs(t, err, ErrTooLarge)
	assert.LessOrEqual(t, r.n, 101+512, "read far past the limit")
	a, err := Parse(big, WithMaxBytes(int64(len(big))))
	require.NoError(t, err)
	assert.Len(t, a.Paragraphs, 200)
}

type countingReader struct {
	r interface{ Read([]byte) (int, error) }
	n int
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += n
	return n, err
}

func TestNewRejectsBadOptions(t *testing.T) {
	for name, opt := range map[string]Option{
		"selector":   WithDrop("div[unclosed"),
		"base":       WithBaseURL("/relative/only"),
		"max bytes":  WithMaxBytes(0),
		"nil zone":   WithLocation(nil),
		"unwrapper":  WithUnwrapper(nil),
		"base ftp":   WithBaseURL("ftp://example.com/"),
		"empty drop": WithDrop(""),
	} {
		_, err := New(opt)
		assert.Error(t, err, name)
		_, err = Parse([]byte("<p>x</p>"), opt)
		assert.Error(t, err, name)
	}
}

func TestWithUnwrapper(t *testing.T) {
	// A made-up proxy that keeps the real URL base64-free in the fragment.
	un := func(u *url.URL) (string, bool) {
		if u.Host != "proxy.internal.example" {
			return "", false
		}
		return u.Fragment, u.Fragment != ""
	}
	a, err := Parse([]byte(`<img src="https://proxy.internal.example/x#https://img.example.com/real.jpg">
<img src="https://proxy.internal.example/x#javascript:alert(1)">`), WithUnwrapper(un))
	require.NoError(t, err)
	require.Len(t, a.Images, 2)
	assert.Equal(t, "https://img.example.com/real.jpg", a.Images[0].URL)
	// A result that is not http(s) is ignored: the proxy URL stays.
	assert.Equal(t, "https://proxy.internal.example/x#javascript:alert(1)", a.Images[1].URL)
}

func TestUnsafeURLsNeverReachImages(t *testing.T) {
	a, err := Parse([]byte(`---
cover: javascript:alert(1)
---
<img src="javascript:alert(1)"><img src="vbscript:x"><img src="data:image/png;base64,AA">
<img src="about:blank"><img src="http://"><img src="https://?x=1"><img src="https://cors.example.dev/?javascript:alert(1)">
<a href="javascript:alert(1).jpg"><img src="https://img.example.com/ok.jpg"></a>`))
	require.NoError(t, err)
	assert.Nil(t, a.Cover)
	var urls []string
	for _, img := range a.Images {
		urls = append(urls, img.URL)
	}
	assert.Equal(t, []string{"https://cors.example.dev/?javascript:alert(1)", "https://img.example.com/ok.jpg"}, urls)
}

func TestDeepNestingFallsBackToFlatPass(t *testing.T) {
	var b strings.Builder
	b.WriteString("---\ntitle: deep\n---\n<p>before</p>")
	for range 2000 {
		b.WriteString("<div>")
	}
	b.WriteString(`deep text<img src="https://img.example.com/deep.jpg">`)
	for range 2000 {
		b.WriteString("</div>")
	}
	b.WriteString("<p>after</p>")
	a, err := Parse([]byte(b.String()))
	require.NoError(t, err)
	assert.Equal(t, []string{"before", "deep text", "after"}, a.Paragraphs)
	require.Len(t, a.Images, 1)
	assert.NotEmpty(t, a.Warnings)
}

func TestInvalidUTF8IsReplacedWithWarning(t *testing.T) {
	a, err := Parse([]byte("---\ntitle: ok\n---\n<p>caf\xe9</p>"))
	require.NoError(t, err)
	assert.Equal(t, []string{"caf\uFFFD"}, a.Paragraphs)
	assert.NotEmpty(t, a.Warnings)
}

func TestMetaCharsetGBK(t *testing.T) {
	// "中文" in GBK, declared by a meta tag.
	a, err := Parse([]byte("<html><head><meta charset=\"gbk\"><title>\xd6\xd0\xce\xc4</title></head><body><p>\xd6\xd0\xce\xc4</p></body></html>"))
	require.NoError(t, err)
	assert.Equal(t, "中文", a.Title)
	assert.Equal(t, []string{"中文"}, a.Paragraphs)
}

func TestErrorsAreNotWrappedTwice(t *testing.T) {
	_, err := Parse(nil)
	assert.True(t, errors.Is(err, ErrEmpty))
	assert.Equal(t, "postextract: empty input", err.Error())
}

func TestYAMLAliasBombIsRefused(t *testing.T) {
	bomb := "---\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
	prev := "a"
	for _, name := range []string{"b", "c", "d", "e", "f", "g", "h", "i"} {
		bomb += name + ": &" + name + " [" + strings.TrimSuffix(strings.Repeat("*"+prev+",", 9), ",") + "]\n"
		prev = name
	}
	bomb += "---\n<p>x</p>"
	_, err := Parse([]byte(bomb))
	require.ErrorIs(t, err, ErrFrontMatter)
	assert.Contains(t, err.Error(), "alias")
}

func TestBrokenImageURLIsRepairedNotLost(t *testing.T) {
	src := []byte("<img src=\"https://img.example.com/100%.jpg\"><img src=\"/a b%zz.png\">")
	a, err := Parse(src, WithBaseURL("https://blog.example.com/"))
	require.NoError(t, err)
	require.Len(t, a.Images, 2)
	assert.Equal(t, "https://img.example.com/100%25.jpg", a.Images[0].URL)
	assert.Equal(t, "https://blog.example.com/a%20b%25zz.png", a.Images[1].URL)
	assert.NotEmpty(t, a.Warnings)
}

func TestHugeFrontMatterIsRefused(t *testing.T) {
	big := "---\ntitle: x\nbody: |\n" + strings.Repeat("  line of a very long block scalar\n", 40000) + "---\n<p>x</p>"
	_, err := Parse([]byte(big))
	require.ErrorIs(t, err, ErrFrontMatter)
	assert.Contains(t, err.Error(), "larger than")
}

func TestHugeJSONFrontMatterIsRefused(t *testing.T) {
	big := "{\"title\": \"" + strings.Repeat("x", 2<<20) + "\"}\n<p>x</p>"
	_, err := Parse([]byte(big))
	require.ErrorIs(t, err, ErrFrontMatter)
	assert.Contains(t, err.Error(), "larger than")
}

func TestDefaultListsAreFreshAndReplaceable(t *testing.T) {
	d := DefaultDrop()
	d[0] = "changed"
	assert.Equal(t, "script", DefaultDrop()[0], "each call returns a fresh list")
	assert.Len(t, DefaultUnwrappers(), 5)

	post := []byte(`<p>x</p><iframe>kept text</iframe><img src="https://i0.wp.com/h.example/a.jpg">`)
	withoutIframe := slices.DeleteFunc(DefaultDrop(), func(s string) bool { return s == "iframe" })
	withoutPhoton := slices.DeleteFunc(DefaultUnwrappers(), func(u Unwrapper) bool {
		got, ok := u(&url.URL{Scheme: "https", Host: "i0.wp.com", Path: "/h.example/a.jpg"})
		return ok && got == "http://h.example/a.jpg"
	})
	require.Len(t, withoutPhoton, 4)
	a, err := Parse(post, WithBaseDrop(withoutIframe...), WithBaseUnwrappers(withoutPhoton...))
	require.NoError(t, err)
	assert.Contains(t, a.Paragraphs, "kept text")
	assert.Equal(t, "https://i0.wp.com/h.example/a.jpg", a.Images[0].URL)

	a, err = Parse(post)
	require.NoError(t, err)
	assert.NotContains(t, a.Paragraphs, "kept text")
	assert.Equal(t, "http://h.example/a.jpg", a.Images[0].URL)

	_, err = New(WithBaseUnwrappers(nil))
	assert.Error(t, err)
}

// A few stray NULs are dropped with a warning; more than 1 in 100 control
// bytes is binary.
func TestStrayNULsAndBinary(t *testing.T) {
	a := parseOK(t, "---\ntitle: x\n---\n<p>one\x00 two</p>"+strings.Repeat("<p>text</p>", 20))
	assert.Equal(t, "one two", a.Paragraphs[0])
	assert.True(t, hasWarning(a, "NUL"))
	_, err := Parse([]byte("<p>" + strings.Repeat("\x01x", 50) + "</p>"))
	assert.ErrorIs(t, err, ErrBinary)
}

// Warnings are values with a code and a subject, and strings in JSON.
func TestWarningsAreTyped(t *testing.T) {
	a := parseOK(t, "---\ndate: Invalid Date\ncover: javascript:x\n---\n<img src=\"/rel.png\"><a href=\"/about\">a</a><img src=\"http://%zz/a.jpg\">")
	codes := map[WarningCode][]string{}
	for _, w := range a.Warnings {
		codes[w.Code] = append(codes[w.Code], w.Subject)
	}
	assert.Equal(t, map[WarningCode][]string{WarnDate: {"date"}, WarnCover: {"cover"},
		WarnRelativeURL: {"/rel.png", "/about"}, WarnImage: {"http://%zz/a.jpg"}}, codes)
	b, err := json.Marshal(a.Warnings[0])
	require.NoError(t, err)
	assert.Equal(t, `"date: cannot read \"Invalid Date\" as a date"`, string(b))
}
