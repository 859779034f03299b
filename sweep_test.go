package postextract

import (
	"encoding/json"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The tests below are the cases of the correctness sweep, numbered as in
// its issue; each asserts what SPEC.md says of one rule.

func parseOK(t *testing.T, src string, opts ...Option) *Article {
	t.Helper()
	a, err := Parse([]byte(src), opts...)
	require.NoError(t, err)
	e, err := New(opts...)
	require.NoError(t, err)
	checkInvariants(t, e, a)
	_, err = json.Marshal(a)
	require.NoError(t, err, "every Article that Parse returns encodes")
	return a
}

func imageURLs(a *Article) []string {
	out := []string{}
	for _, img := range a.Images {
		out = append(out, img.URL)
	}
	return out
}

func hasWarning(a *Article, part string) bool {
	for _, w := range a.Warnings {
		if strings.Contains(w.Message, part) {
			return true
		}
	}
	return false
}

// 1. Hexo JSON front matter: members without braces, ended by ;;;.
func TestSweep01HexoJSON(t *testing.T) {
	for name, src := range map[string]string{
		"closing only":  "\"title\": \"Hello\",\n\"date\": \"2013/7/13 20:46:25\"\n;;;\n<p>x</p>",
		"opening too":   ";;;\n\"title\": \"Hello\",\n\"date\": \"2013/7/13 20:46:25\"\n;;;\n<p>x</p>",
		"braces anyway": ";;;\n{\"title\": \"Hello\", \"date\": \"2013/7/13 20:46:25\"}\n;;;\n<p>x</p>",
		"longer run":    ";;;;;\n\"title\": \"Hello\", \"date\": \"2013/7/13 20:46:25\"\n;;;;;\n<p>x</p>",
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

// 2. YAML indented with tabs; runs of dashes as fences.
func TestSweep02TabsAndDashRuns(t *testing.T) {
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

// 3. An unclosed <a> re-opened by the parser gives its href to one image.
func TestSweep03OneHrefPerImage(t *testing.T) {
	a := parseOK(t, `<p><a href="https://h/full1.jpg"><img src="https://h/thumb1.jpg"></p><p>t</p><p><img src="https://h/photo2.jpg"></p><p><img src="https://h/photo3.jpg"></p>`)
	assert.Equal(t, []string{"https://h/full1.jpg", "https://h/photo2.jpg", "https://h/photo3.jpg"}, imageURLs(a))

	// The same thumbnail again keeps the full size; a different one in the
	// same link keeps its own.
	a = parseOK(t, `<a href="https://h/full.jpg"><img src="https://h/t.jpg"><img src="https://h/other.jpg"></a><p>x</p><a href="https://h/full.jpg"><img src="https://h/t.jpg"></a>`)
	assert.Equal(t, []string{"https://h/full.jpg", "https://h/other.jpg"}, imageURLs(a))
}

// 4. A date JSON cannot carry is no date, with a warning.
func TestSweep04DateOutOfRange(t *testing.T) {
	for _, v := range []string{"999999999999", "-99999999999", "99999-01-01"} {
		a := parseOK(t, "---\ndate: "+v+"\n---\n<p>x</p>")
		assert.True(t, a.Date.IsZero(), v)
		assert.True(t, hasWarning(a, "cannot read"), v)
		assert.NotNil(t, a.Meta["date"], "the raw value stays in Meta")
	}
	a := parseOK(t, "+++\ndate = 1979-05-27T07:32:00+24:00\n+++\n<p>x</p>")
	assert.True(t, a.Date.IsZero())
}

// 5. UTF-8 with a broken byte and a stale <meta charset> stays UTF-8.
func TestSweep05StaleCharset(t *testing.T) {
	a := parseOK(t, "---\ntitle: 中文标题\n---\n<meta charset=\"gbk\"><p>社区工作 \xff 新闻</p>")
	assert.Equal(t, "中文标题", a.Title)
	assert.Equal(t, []string{"社区工作 \uFFFD 新闻"}, a.Paragraphs)
	assert.True(t, hasWarning(a, "U+FFFD"))

	a = parseOK(t, "<meta charset=\"utf-16\"><p>中文 \xfe</p>")
	assert.Equal(t, []string{"中文 \uFFFD"}, a.Paragraphs)
	a = parseOK(t, "<meta charset=\"utf-16le\"><p>plain \xfe</p>")
	assert.Equal(t, []string{"plain \uFFFD"}, a.Paragraphs, "a meta that says UTF-16 means UTF-8")
}

// 6. The flat fallback reads <noscript> content as elements.
func TestSweep06FlatNoscript(t *testing.T) {
	deep := strings.Repeat("<div>", 600) + `<img src="data:,"><noscript><img src="https://h/real.jpg"></noscript>` + strings.Repeat("</div>", 600)
	a := parseOK(t, deep)
	assert.True(t, hasWarning(a, "flat pass"))
	assert.Equal(t, []string{"https://h/real.jpg"}, imageURLs(a))
}

// 8. WithMaxBytes(math.MaxInt64) works.
func TestSweep08MaxBytes(t *testing.T) {
	e, err := New(WithMaxBytes(math.MaxInt64))
	require.NoError(t, err)
	a, err := e.ParseReader(strings.NewReader("<p>x</p>"))
	require.NoError(t, err)
	assert.Equal(t, []string{"x"}, a.Paragraphs)
}

// 9–11, 23, 32. Dates.
func TestSweepDates(t *testing.T) {
	shanghai := mustLoad("Asia/Shanghai")
	cases := []struct {
		in   string
		loc  *time.Location
		want string // RFC 3339, or "" for no date
		warn string // part of a warning, if one is expected
	}{
		{"2021-4-7", nil, "2021-04-07T00:00:00Z", ""},
		{"2021-4-7 12:10:50", nil, "2021-04-07T12:10:50Z", ""},
		{"2021-04-07t12:10:50Z", nil, "2021-04-07T12:10:50Z", ""},
		{"2001-12-14 21:59:43.10 -5", nil, "2001-12-14T21:59:43.1-05:00", ""},
		{"2021-4-7 1:02:03", shanghai, "2021-04-07T01:02:03+08:00", ""},
		{"Wed Apr  7 12:10:50 CST 2021", shanghai, "2021-04-07T12:10:50+08:00", ""},
		{"Wed Apr  7 12:10:50 CST 2021", nil, "2021-04-07T12:10:50-06:00", "CST read as UTC-06:00"},
		{"Wed, 07 Apr 2021 12:10:50 EDT", nil, "2021-04-07T12:10:50-04:00", "EDT"},
		{"Wed, 07 Apr 2021 12:10:50 PST", nil, "2021-04-07T12:10:50-08:00", "PST"},
		{"Wed, 07 Apr 2021 12:10:50 XYZ", nil, "2021-04-07T12:10:50Z", "unknown zone XYZ"},
		{"2021-04-07 12:10:50 CST", nil, "2021-04-07T12:10:50-06:00", "CST"},
		{"Mon, 09 Jan 2017 13:08 GMT", nil, "2017-01-09T13:08:00Z", ""},
		{"Mon, 9 Jan 2017 13:08:00 UT", nil, "2017-01-09T13:08:00Z", ""},
		{"9 Jan 17 13:08 +0100", nil, "2017-01-09T13:08:00+01:00", ""},
		{"2018-07-12T16:38Z", nil, "2018-07-12T16:38:00Z", ""},
		{"2022-03-01T17:24:10+0800", nil, "2022-03-01T17:24:10+08:00", ""},
		{"2022-03-01 17:24+08:00", nil, "2022-03-01T17:24:00+08:00", ""},
		{"2021-02-30", nil, "", "cannot read"},
		{"Invalid date", nil, "", "cannot read"},
	}
	for _, c := range cases {
		var opts []Option
		if c.loc != nil {
			opts = append(opts, WithLocation(c.loc))
		}
		a := parseOK(t, "---\ndate: \""+c.in+"\"\n---\n<p>x</p>", opts...)
		got := ""
		if !a.Date.IsZero() {
			got = a.Date.Format(time.RFC3339Nano)
		}
		assert.Equal(t, c.want, got, c.in)
		if c.warn != "" {
			assert.True(t, hasWarning(a, c.warn), "%s: warnings %q", c.in, a.Warnings)
		} else {
			assert.Empty(t, a.Warnings, c.in)
		}
	}
	// Unquoted YAML 1.1 timestamps read the same.
	a := parseOK(t, "---\ndate: 2021-4-7 12:10:50\n---\n<p>x</p>")
	assert.Equal(t, time.Date(2021, 4, 7, 12, 10, 50, 0, time.UTC), a.Date)

	// 11. An unreadable first key gives way to the next, with a warning.
	a = parseOK(t, "---\ndate: Invalid date\npubDate: Sun, 21 Aug 2022 05:22:08 GMT\n---\n<p>x</p>")
	assert.Equal(t, time.Date(2022, 8, 21, 5, 22, 8, 0, time.UTC), a.Date)
	assert.True(t, hasWarning(a, "date: cannot read"))
	// A boolean published is a flag, not a date, and no warning.
	a = parseOK(t, "---\npublished: false\ndate_published: 2020-01-02\n---\n<p>x</p>")
	assert.Equal(t, time.Date(2020, 1, 2, 0, 0, 0, 0, time.UTC), a.Date)
	assert.Empty(t, a.Warnings)

	// 23. A TOML time without a date is no date.
	a = parseOK(t, "+++\ndate = 07:32:00\n+++\n<p>x</p>")
	assert.True(t, a.Date.IsZero())
	assert.True(t, hasWarning(a, "cannot read"))
}

// 12, 33. A cover that gives no usable URL gives way to the next key.
func TestSweepCover(t *testing.T) {
	for _, first := range []string{"cover: false", "headimg: /img/loading.gif", "cover: javascript:alert(1)", "cover: data:image/png;base64,AA"} {
		a := parseOK(t, "---\n"+first+"\ntop_img: https://h/top.jpg\nindex_img: https://h/index.jpg\n---\n<p>x</p>")
		require.NotNil(t, a.Cover, first)
		assert.Equal(t, "https://h/top.jpg", a.Cover.URL, first)
	}
	a := parseOK(t, "---\ncover: false\n---\n<p>x</p>")
	assert.Nil(t, a.Cover)
	a = parseOK(t, "---\ncover:\n  path: https://h/p.jpg\n  url: https://h/u.jpg\n---\n<p>x</p>")
	assert.Equal(t, "https://h/p.jpg", a.Cover.URL, "a map gives path, url, src in that order")
}

// 13–15, 24, 29. Image URLs: relative proxies, ?url= on proxies only,
// WHATWG repairs, paths kept as the proxy carried them.
func TestSweepImageURLs(t *testing.T) {
	cases := []struct{ src, want string }{
		{"/_next/image?url=https%3A%2F%2Fcdn.example.com%2Fa.jpg&w=1080", "https://cdn.example.com/a.jpg"},
		{"/cdn-cgi/image/width=100/https://host.example/b.jpg", "https://host.example/b.jpg"},
		{"https://h/photo.jpg?url=https://example.com/page", "https://h/photo.jpg?url=https://example.com/page"},
		{"https://t1.gstatic.com/faviconV2?client=SOCIAL&url=https://example.com&size=64", "https://t1.gstatic.com/faviconV2?client=SOCIAL&url=https://example.com&size=64"},
		{"https://api.pwmqr.com/qrcode/create/?url=https://example.com/post", "https://api.pwmqr.com/qrcode/create/?url=https://example.com/post"},
		{"https://thumb.example.com/t.php?src=https://img.example.com/a.jpg", "https://img.example.com/a.jpg"},
		{"https://reader.example.com/get?url=https%3A%2F%2Fmmbiz.qpic.cn%2Fmmbiz_png%2Fabc%2F640", "https://mmbiz.qpic.cn/mmbiz_png/abc/640"},
		{"https://h/a\n.jpg", "https://h/a.jpg"},
		{"https://h/\tb\r\n.jpg", "https://h/b.jpg"},
		{"http:/host/a.jpg", "http://host/a.jpg"},
		{"https:///host/b.jpg", "https://host/b.jpg"},
		{"https://i2.wp.com/img.example.cn/截图6.webp?ssl=1", "https://img.example.cn/截图6.webp"},
		{"https://proxy.example/https://img.example.cn/图片 1.png", "https://img.example.cn/图片%201.png"},
		{"https://substackcdn.com/image/fetch/w_1456,c_limit/https%3A%2F%2Fhost.example%2Fa.png", "https://host.example/a.png"},
		{"https://i0.wp.com/img.example.com/a.jpg?w=800&is-pending-load=1", "http://img.example.com/a.jpg"},
	}
	for _, c := range cases {
		a := parseOK(t, `<p><img src="`+c.src+`"></p>`)
		assert.Equal(t, []string{c.want}, imageURLs(a), c.src)
	}
	// Relative URLs against a base keep their path as written.
	a := parseOK(t, `<img src="../img/截图 2.png">`, WithBaseURL("https://blog.example.com/posts/a/"))
	assert.Equal(t, []string{"https://blog.example.com/posts/img/截图%202.png"}, imageURLs(a))
}

// 16, 31. A <noscript> fills the URL-less <img> just before it, in the same
// run, and the image stands where that <img> stands.
func TestSweepNoscript(t *testing.T) {
	a := parseOK(t, `<p><img src="data:,">芯<noscript><img src="https://h/x.png"></noscript>g</p>`)
	require.Len(t, a.Blocks, 2)
	assert.Equal(t, KindImage, a.Blocks[0].Kind)
	assert.Equal(t, "https://h/x.png", a.Blocks[0].Image.URL)
	assert.Equal(t, "芯g", a.Blocks[1].Text)

	a = parseOK(t, `<p>a <img src="data:,">b<noscript><img src="https://h/x.png"></noscript> c</p>`)
	assert.Equal(t, []string{"a", "b c"}, a.Paragraphs)
	assert.Equal(t, KindImage, a.Blocks[1].Kind)

	a = parseOK(t, `<p><img src="https://t.example/pixel.gif" width="1" height="1">Tracking.</p><p>Two.</p><p>Three.<noscript><img src="https://h/late.jpg"></noscript></p>`)
	assert.Empty(t, a.Images, "a <noscript> several blocks later fills nothing")
	assert.Equal(t, []string{"Tracking.", "Two.", "Three."}, a.Paragraphs)
}

// 17. A figcaption with block children, or <br> runs, is the caption.
func TestSweepFigcaption(t *testing.T) {
	a := parseOK(t, `<figure><img src="https://h/a.jpg"><figcaption><p>The caption</p></figcaption></figure>`)
	require.Len(t, a.Images, 1)
	assert.Equal(t, "The caption", a.Images[0].Caption)
	assert.Equal(t, []string{"The caption"}, a.Paragraphs)

	a = parseOK(t, `<figure><img src="https://h/a.jpg"><figcaption>L1<br><br>L2</figcaption></figure>`)
	assert.Equal(t, "L1\nL2", a.Images[0].Caption)
	assert.Equal(t, "L1\nL2", a.Blocks[0].Image.Caption)

	a = parseOK(t, `<figure><img src="https://h/a.jpg"><figcaption><p>One</p><p>Two</p></figcaption></figure>`)
	assert.Equal(t, "One\nTwo", a.Images[0].Caption)
	assert.Equal(t, []string{"One\nTwo"}, a.Paragraphs)
}

// 18. An image in a table cell keeps the table whole.
func TestSweepTableImage(t *testing.T) {
	a := parseOK(t, `<table><tr><th>Name</th><th>Pic</th><th>Note</th></tr>
<tr><td>Alice</td><td><img src="https://h/alice.jpg"></td><td>note A</td></tr>
<tr><td>Bob</td><td><img src="https://h/bob.jpg" alt="bob"></td><td>note B</td></tr></table><p>after</p>`)
	require.Len(t, a.Blocks, 4)
	assert.Equal(t, KindTable, a.Blocks[0].Kind)
	assert.Equal(t, [][]string{{"Name", "Pic", "Note"}, {"Alice", "", "note A"}, {"Bob", "bob", "note B"}}, a.Blocks[0].Rows)
	assert.Equal(t, "https://h/alice.jpg", a.Blocks[1].Image.URL)
	assert.Equal(t, "https://h/bob.jpg", a.Blocks[2].Image.URL)
	assert.Equal(t, "after", a.Blocks[3].Text)
}

// 19. Inside <pre> a table is code text.
func TestSweepPreTable(t *testing.T) {
	a := parseOK(t, `<pre>before<table><tr><td>cell</td></tr></table>after</pre>`)
	require.Len(t, a.Blocks, 1)
	assert.Equal(t, KindCode, a.Blocks[0].Kind)
	assert.Equal(t, "before\ncell\nafter", a.Blocks[0].Text)
}

// 20. The joiners stay.
func TestSweepJoiners(t *testing.T) {
	a := parseOK(t, "<p>👨\u200d👩\u200d👧 🏳️\u200d🌈 می\u200cخواهم a\u200bb</p>")
	assert.Equal(t, []string{"👨\u200d👩\u200d👧 🏳️\u200d🌈 می\u200cخواهم ab"}, a.Paragraphs)
}

// 21. <br> runs split whatever inline elements sit between them.
func TestSweepBrRuns(t *testing.T) {
	for _, src := range []string{"a<br><br>b", "a<br><span><br>b</span>", "a<br><b> </b><br>b", "a<br>\u200b<br>b"} {
		a := parseOK(t, "<p>"+src+"</p>")
		assert.Equal(t, []string{"a", "b"}, a.Paragraphs, src)
	}
	a := parseOK(t, "<p>a<br><b>x</b><br>b</p>")
	assert.Equal(t, []string{"a\nx\nb"}, a.Paragraphs)
}

// 22. Numbers keep their written form when used as text.
func TestSweepNumbers(t *testing.T) {
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

// 25. The zero Extractor parses with the defaults.
func TestSweep25ZeroExtractor(t *testing.T) {
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

// 26. Duplicate keys: the last wins, with a warning.
func TestSweep26DuplicateKeys(t *testing.T) {
	a := parseOK(t, "---\ntitle: First\ntitle: Last\n---\n<p>x</p>")
	assert.Equal(t, "Last", a.Title)
	assert.True(t, hasWarning(a, `"title" appears more than once`))
	a = parseOK(t, `{"title": "First", "title": "Last"}`+"\n<p>x</p>")
	assert.Equal(t, "Last", a.Title)
	assert.True(t, hasWarning(a, `"title" appears more than once`))
}

// 30. A title from the body: a <title> anywhere first, else the whole text
// of the first non-empty <h1>, not repeated as a block.
func TestSweepBodyTitle(t *testing.T) {
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

// Errors and limits: a few stray NULs are dropped with a warning; more
// than 1 in 100 control bytes is binary.
func TestSweepBinaryAndNUL(t *testing.T) {
	a := parseOK(t, "---\ntitle: x\n---\n<p>one\x00 two</p>"+strings.Repeat("<p>text</p>", 20))
	assert.Equal(t, "one two", a.Paragraphs[0])
	assert.True(t, hasWarning(a, "NUL"))
	_, err := Parse([]byte("<p>" + strings.Repeat("\x01x", 50) + "</p>"))
	assert.ErrorIs(t, err, ErrBinary)
}

// What the review of the sweep reproduced.
func TestSweepReview(t *testing.T) {
	// A noscript twin in a table cell: its alt joins the cell's text with
	// single spaces.
	a := parseOK(t, `<table><tr><td>c1 <img src="data:,"><noscript><img src="https://h/t.jpg"></noscript> c1b</td><td>x<img src="data:," alt="A">y<noscript><img src="https://h/u.jpg"></noscript>z</td></tr></table>`)
	assert.Equal(t, [][]string{{"c1 c1b", "x A yz"}}, a.Blocks[0].Rows)
	assert.Equal(t, []string{"https://h/t.jpg", "https://h/u.jpg"}, imageURLs(a))

	// A false or a number inside a cover list or map is no URL.
	for _, fm := range []string{"cover: [false]", "cover: {path: false}", "images: [false]", "cover: 0"} {
		a = parseOK(t, "---\n"+fm+"\nbanner: https://h/b.jpg\n---\nx")
		require.NotNil(t, a.Cover, fm)
		assert.Equal(t, "https://h/b.jpg", a.Cover.URL, fm)
	}

	// A TOML time without a date keeps its raw value in Meta.
	a = parseOK(t, "+++\ndate = 12:10:50\n+++\nx")
	assert.Equal(t, "12:10:50", a.Meta["date"])
	assert.True(t, hasWarning(a, `"12:10:50"`))

	// Backslashes before the query are slashes, as browsers read them;
	// weserv's url= takes a host, not a path; a relative URL that the base
	// makes a proxy URL is unwrapped.
	cases := []struct{ src, base, want string }{
		{`https:\/\/img.example.com\/uploads\/j.jpg`, "", "https://img.example.com//uploads//j.jpg"},
		{`https:\\img.example.com\a.jpg?q=\x`, "", `https://img.example.com/a.jpg?q=\x`},
		{`\\img.example.com\a.jpg`, "https://blog.example.com/posts/x/", "https://img.example.com/a.jpg"},
		{"https://wsrv.nl/?url=/img/a.jpg", "", "https://wsrv.nl/?url=/img/a.jpg"},
		{"https://images.weserv.nl/?url=./a.jpg", "", "https://images.weserv.nl/?url=./a.jpg"},
		{"http%3A%2F00", "https://base.example.com/dir/", "http://00"},
	}
	for _, c := range cases {
		var opts []Option
		if c.base != "" {
			opts = append(opts, WithBaseURL(c.base))
		}
		a = parseOK(t, `<img src="`+c.src+`">`, opts...)
		assert.Equal(t, []string{c.want}, imageURLs(a), c.src)
	}
}

// Warnings are values with a code and a subject, and strings in JSON.
func TestWarningsAreTyped(t *testing.T) {
	a := parseOK(t, "---\ndate: Invalid Date\ncover: javascript:x\n---\n<img src=\"/rel.png\"><a href=\"/about\">a</a>")
	codes := map[WarningCode]string{}
	for _, w := range a.Warnings {
		codes[w.Code] = w.Subject
	}
	assert.Equal(t, map[WarningCode]string{WarnDate: "date", WarnCover: "cover", WarnImage: "/rel.png", WarnLink: "/about"}, codes)
	b, err := json.Marshal(a.Warnings[0])
	require.NoError(t, err)
	assert.Equal(t, `"date: cannot read \"Invalid Date\" as a date"`, string(b))
}

// What the review of links and runs reproduced.
func TestLinksReview(t *testing.T) {
	// A relative full-size href around a thumbnail is the image, not a link.
	a := parseOK(t, `<p><a href="/full/a.png"><img src="https://cdn.example.com/a.png"></a></p>`)
	assert.Empty(t, a.Links)

	// The space between two differently marked runs belongs to neither.
	a = parseOK(t, `<p>see <a href="https://e.com/1">one</a> <a href="https://e.com/2">two</a>, <i>a</i> <b>b</b></p>`)
	var texts []string
	for _, r := range a.Blocks[0].Runs {
		texts = append(texts, r.Text)
	}
	assert.Equal(t, []string{"see ", "one", " ", "two", ", ", "a", " ", "b"}, texts)

	// Links keep the order in which they open, and their text keeps its words.
	a = parseOK(t, `<p><a href="https://e.com/1">outer<table><tr><td><a href="https://e.com/2">cell</a></td></tr></table>after</a></p><p><a href="https://e.com/3">foo<br>bar</a></p>`)
	require.Len(t, a.Links, 3)
	assert.Equal(t, []string{"https://e.com/1", "https://e.com/2", "https://e.com/3"},
		[]string{a.Links[0].URL, a.Links[1].URL, a.Links[2].URL})
	assert.Equal(t, "outer after", a.Links[0].Text)
	assert.Equal(t, "foo bar", a.Links[2].Text)

	// A soft break between two East Asian characters joins with nothing,
	// marks or not.
	a = parseOK(t, "soft **中文**\n文字, `代码`\n文字 and [链接](https://e.com/l)\n文字", WithFormat(FormatMarkdown))
	assert.Equal(t, []string{"soft 中文文字, 代码文字 and 链接文字"}, a.Paragraphs)

	// An unknown single tag's text links to its url=.
	a = parseOK(t, "Press {% btn text=Click url=https://e.com/btn %} now.", WithFormat(FormatMarkdown))
	require.Len(t, a.Links, 1)
	assert.Equal(t, Link{URL: "https://e.com/btn", Text: "Click"}, a.Links[0])
}
