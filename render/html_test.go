package render

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/postextract/postextract"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// TestHTMLEveryKind fails when a block kind has no writer of its own (it
// would fall back to a paragraph).
func TestHTMLEveryKind(t *testing.T) {
	for _, k := range postextract.Kinds {
		if blockHTML[k] == nil {
			t.Errorf("kind %q has no HTML writer", k)
		}
	}
	if len(blockHTML) != len(postextract.Kinds) {
		t.Errorf("%d writers for %d kinds", len(blockHTML), len(postextract.Kinds))
	}
}

func TestHTMLNil(t *testing.T) {
	var buf bytes.Buffer
	if err := HTML(&buf, nil); !errors.Is(err, ErrNilArticle) {
		t.Fatalf("HTML(nil) = %v, want ErrNilArticle", err)
	}
	if buf.Len() != 0 {
		t.Errorf("HTML(nil) wrote %q", buf.String())
	}
}

// writeCounter counts the Write calls and fails them when err is set.
type writeCounter struct {
	calls int
	n     int
	err   error
}

func (w *writeCounter) Write(p []byte) (int, error) {
	w.calls++
	w.n += len(p)
	if w.err != nil {
		return 0, w.err
	}
	return len(p), nil
}

func TestHTMLOneWrite(t *testing.T) {
	a := &postextract.Article{Title: "T", Blocks: []postextract.Block{
		{Kind: postextract.KindParagraph, Text: "a"},
		{Kind: postextract.KindParagraph, Text: "b"},
	}}
	w := &writeCounter{}
	if err := HTML(w, a); err != nil {
		t.Fatal(err)
	}
	if w.calls != 1 || w.n == 0 {
		t.Errorf("%d Write calls of %d bytes in all, want one", w.calls, w.n)
	}
	boom := errors.New("boom")
	if err := HTML(&writeCounter{err: boom}, a); !errors.Is(err, boom) {
		t.Errorf("HTML to a failing writer = %v, want its error", err)
	}
}

// renderPage renders a and parses the result.
func renderPage(t testing.TB, a *postextract.Article) (string, *html.Node) {
	t.Helper()
	var buf bytes.Buffer
	if err := HTML(&buf, a); err != nil {
		t.Fatal(err)
	}
	doc, err := html.Parse(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	return buf.String(), doc
}

// findElement returns the first element with tag a in n's subtree, or nil.
func findElement(n *html.Node, a atom.Atom) *html.Node {
	for d := range n.Descendants() {
		if d.Type == html.ElementNode && d.DataAtom == a {
			return d
		}
	}
	return nil
}

func attrValue(n *html.Node, key string) (string, bool) {
	for _, at := range n.Attr {
		if at.Namespace == "" && at.Key == key {
			return at.Val, true
		}
	}
	return "", false
}

// nodeShape writes n's children compactly: an element as tag[children] (with
// .class when it has one), a text node as its trimmed text, whitespace-only
// text left out; siblings are separated by a space.
func nodeShape(n *html.Node) string {
	var parts []string
	for c := range n.ChildNodes() {
		switch c.Type {
		case html.TextNode:
			if s := strings.TrimSpace(c.Data); s != "" {
				parts = append(parts, s)
			}
		case html.ElementNode:
			tag := c.Data
			if class, ok := attrValue(c, "class"); ok {
				tag += "." + class
			}
			if inner := nodeShape(c); inner != "" {
				tag += "[" + inner + "]"
			}
			parts = append(parts, tag)
		}
	}
	return strings.Join(parts, " ")
}

// bodyShape is the shape of the article's blocks, after its header.
func bodyShape(t testing.TB, a *postextract.Article) string {
	t.Helper()
	_, doc := renderPage(t, a)
	art := findElement(doc, atom.Article)
	if art == nil {
		t.Fatal("no <article>")
	}
	if h := findElement(art, atom.Header); h != nil {
		h.Parent.RemoveChild(h)
	}
	return nodeShape(art)
}

type (
	hBlock = postextract.Block
	hRun   = postextract.Run
	hImage = postextract.Image
)

const (
	kindPara    = postextract.KindParagraph
	kindHeading = postextract.KindHeading
	kindItem    = postextract.KindListItem
	kindQuote   = postextract.KindQuote
	kindCode    = postextract.KindCode
	kindTable   = postextract.KindTable
	kindCaption = postextract.KindCaption
	kindImage   = postextract.KindImage
)

func TestHTMLBlocks(t *testing.T) {
	tests := []struct {
		name   string
		blocks []hBlock
		want   string
	}{
		{"paragraph", []hBlock{{Kind: kindPara, Text: "one\ntwo"}}, "p[one br two]"},
		{"runs", []hBlock{{Kind: kindPara, Text: "a bold em link", Runs: []hRun{
			{Text: "a "}, {Text: "bold", Strong: true}, {Text: " "}, {Text: "em", Em: true, Del: true},
			{Text: " "}, {Text: "link", Link: "https://example.com/x", Code: true},
		}}}, "p[a strong[bold] em[del[em]] a[code[link]]]"},
		{"headings keep their level", []hBlock{
			{Kind: kindHeading, Level: 1, Text: "h1"}, {Kind: kindHeading, Level: 3, Text: "h3"},
			{Kind: kindHeading, Level: 9, Text: "deep"}, {Kind: kindHeading, Text: "none"},
		}, "h1[h1] h3[h3] h6[deep] h1[none]"},
		{"flat list", []hBlock{{Kind: kindItem, Level: 1, Text: "a"}, {Kind: kindItem, Level: 1, Text: "b"}},
			"ul[li[a] li[b]]"},
		{"nested lists", []hBlock{
			{Kind: kindItem, Level: 1, Text: "a"}, {Kind: kindItem, Level: 2, Ordered: true, Text: "a1"},
			{Kind: kindItem, Level: 2, Ordered: true, Text: "a2"}, {Kind: kindItem, Level: 1, Text: "b"},
		}, "ul[li[a ol[li[a1] li[a2]]] li[b]]"},
		{"a level jump keeps the levels, an empty item for the one skipped", []hBlock{
			{Kind: kindItem, Level: 1, Text: "a"}, {Kind: kindItem, Level: 3, Text: "deep"}, {Kind: kindItem, Level: 2, Text: "mid"},
		}, "ul[li[a ul[li[ul[li[deep]]] li[mid]]]]"},
		{"list starting deep", []hBlock{{Kind: kindItem, Level: 2, Text: "a"}, {Kind: kindItem, Level: 1, Text: "b"}},
			"ul[li[ul[li[a]]] li[b]]"},
		{"a step's code is inside its item, and so is the text after it", []hBlock{
			{Kind: kindItem, Level: 1, Ordered: true, Number: 1, Text: "a"},
			{Kind: kindCode, Level: 1, Ordered: true, Number: 1, Continued: true, Text: "c"},
			{Kind: kindItem, Level: 1, Ordered: true, Number: 1, Continued: true, Text: "b"},
			{Kind: kindItem, Level: 1, Ordered: true, Number: 2, Text: "d"},
			{Kind: kindCode, Level: 1, Ordered: true, Number: 3, Text: "e"},
		}, "ol[li[a pre[code[c]] p[b]] li[d] li[pre[code[e]]]]"},
		{"ordered items show their numbers", []hBlock{
			{Kind: kindItem, Level: 1, Ordered: true, Number: 3, Text: "c"}, {Kind: kindItem, Level: 1, Ordered: true, Number: 4, Text: "d"},
			{Kind: kindItem, Level: 1, Ordered: true, Number: 4, Continued: true, Text: "d2"}, {Kind: kindItem, Level: 1, Ordered: true, Number: 9, Text: "i"},
		}, "ol[li[c] li[d p[d2]] li[i]]"},
		{"ordered then unordered at one level", []hBlock{
			{Kind: kindItem, Level: 1, Ordered: true, Text: "1"}, {Kind: kindItem, Level: 1, Text: "x"},
		}, "ol[li[1]] ul[li[x]]"},
		{"paragraph ends a list", []hBlock{
			{Kind: kindItem, Level: 1, Text: "a"}, {Kind: kindPara, Text: "p"}, {Kind: kindItem, Level: 1, Text: "b"},
		}, "ul[li[a]] p[p] ul[li[b]]"},
		{"quotes", []hBlock{{Kind: kindQuote, Text: "q1"}, {Kind: kindQuote, Text: "q2"}, {Kind: kindPara, Text: "p"}, {Kind: kindQuote, Text: "q3"}},
			"blockquote[p[q1] p[q2]] p[p] blockquote[p[q3]]"},
		{"code", []hBlock{{Kind: kindCode, Lang: "go", Text: "if a < b {\n\treturn\n}"}},
			"pre[code.language-go[if a < b {\n\treturn\n}]]"},
		{"code without language", []hBlock{{Kind: kindCode, Text: "x"}}, "pre[code[x]]"},
		{"table", []hBlock{{Kind: kindTable, Text: "h1\th2\na\tb", Rows: [][]string{{"h1", "h2"}, {"a", "b"}, {"c"}}}},
			"div.table[table[thead[tr[th[h1] th[h2]]] tbody[tr[td[a] td[b]] tr[td[c]]]]]"},
		{"table of one row", []hBlock{{Kind: kindTable, Text: "h", Rows: [][]string{{"h"}}}},
			"div.table[table[thead[tr[th[h]]]]]"},
		{"table without rows reads its text", []hBlock{{Kind: kindTable, Text: "h1\th2\na\tb"}},
			"div.table[table[thead[tr[th[h1] th[h2]]] tbody[tr[td[a] td[b]]]]]"},
		{"lone caption", []hBlock{{Kind: kindPara, Text: "p"}, {Kind: kindCaption, Text: "c"}}, "p[p] p.caption[c]"},
		{"image", []hBlock{{Kind: kindImage, Image: &hImage{URL: "https://h/a.png"}}}, "figure[img]"},
		{"caption after image", []hBlock{{Kind: kindImage, Image: &hImage{URL: "https://h/a.png", Caption: "c"}}, {Kind: kindCaption, Text: "c"}},
			"figure[img figcaption[c]]"},
		{"caption before image", []hBlock{{Kind: kindCaption, Text: "c"}, {Kind: kindImage, Image: &hImage{URL: "https://h/a.png", Caption: "c"}}},
			"figure[img figcaption[c]]"},
		{"other caption stays", []hBlock{{Kind: kindImage, Image: &hImage{URL: "https://h/a.png", Caption: "c"}}, {Kind: kindCaption, Text: "d"}},
			"figure[img figcaption[c]] p.caption[d]"},
		{"caption without block", []hBlock{{Kind: kindImage, Image: &hImage{URL: "https://h/a.png", Caption: "c"}}},
			"figure[img figcaption[c]]"},
		{"images share a caption", []hBlock{
			{Kind: kindImage, Image: &hImage{URL: "https://h/a.png", Caption: "c"}},
			{Kind: kindImage, Image: &hImage{URL: "https://h/b.png", Caption: "c"}},
			{Kind: kindCaption, Text: "c"},
			{Kind: kindImage, Image: &hImage{URL: "https://h/d.png"}},
			{Kind: kindImage, Image: &hImage{URL: "https://h/e.png"}},
		}, "figure[img img figcaption[c]] figure[img] figure[img]"},
		{"a caption given twice is shown twice", []hBlock{
			{Kind: kindCaption, Text: "c"}, {Kind: kindImage, Image: &hImage{URL: "https://h/a.png", Caption: "c"}}, {Kind: kindCaption, Text: "c"},
		}, "p.caption[c] figure[img figcaption[c]]"},
		{"two figures with one caption stay two", []hBlock{
			{Kind: kindImage, Image: &hImage{URL: "https://h/a.png", Caption: "c"}}, {Kind: kindCaption, Text: "c"},
			{Kind: kindImage, Image: &hImage{URL: "https://h/b.png", Caption: "c"}}, {Kind: kindCaption, Text: "c"},
		}, "figure[img figcaption[c]] figure[img figcaption[c]]"},
		{"images on both sides of their caption are one figure", []hBlock{
			{Kind: kindImage, Image: &hImage{URL: "https://h/a.png", Caption: "c"}}, {Kind: kindCaption, Text: "c"},
			{Kind: kindImage, Image: &hImage{URL: "https://h/b.png", Caption: "c"}},
		}, "figure[img img figcaption[c]]"},
		{"images followed by their own caption are a figure of their own", []hBlock{
			{Kind: kindImage, Image: &hImage{URL: "https://h/a.png", Caption: "c"}}, {Kind: kindCaption, Text: "c"},
			{Kind: kindPara, Text: "p"},
			{Kind: kindImage, Image: &hImage{URL: "https://h/b.png", Caption: "c"}}, {Kind: kindCaption, Text: "c"},
		}, "figure[img figcaption[c]] p[p] figure[img figcaption[c]]"},
		{"a paragraph between a figure's images stays in the figure", []hBlock{
			{Kind: kindImage, Image: &hImage{URL: "https://h/a.png", Caption: "c"}}, {Kind: kindPara, Text: "p"},
			{Kind: kindImage, Image: &hImage{URL: "https://h/b.png", Caption: "c"}},
		}, "figure[img p[p] img figcaption[c]]"},
		{"unsafe image keeps its alt", []hBlock{{Kind: kindImage, Image: &hImage{URL: "javascript:alert(1)", Alt: "the alt"}}},
			"figure[span.alt[the alt]]"},
		{"unsafe image without alt shows its title", []hBlock{{Kind: kindImage, Image: &hImage{URL: "data:image/png,x", Title: "t"}}},
			"figure[span.alt[t]]"},
		{"unsafe image keeps its caption", []hBlock{{Kind: kindImage, Image: &hImage{URL: "vbscript:x", Caption: "c"}}},
			"figure[figcaption[c]]"},
		{"image block without image", []hBlock{{Kind: kindImage}, {Kind: kindPara, Text: "p"}}, "p[p]"},
		{"unknown kind is a paragraph", []hBlock{{Kind: "aside", Text: "x"}}, "p[x]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := &postextract.Article{Title: "T", Blocks: tt.blocks}
			if got := bodyShape(t, a); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

func TestHTMLImageAttributes(t *testing.T) {
	tests := []struct {
		im   hImage
		want map[string]string // "" for an attribute that must be absent
	}{
		{hImage{URL: "https://h/a.png", Alt: "A", Title: "T", Width: 640, Height: 480},
			map[string]string{"src": "https://h/a.png", "alt": "A", "title": "T", "width": "640", "height": "480",
				"loading": "lazy", "referrerpolicy": "no-referrer"}},
		{hImage{URL: "/img/a.png?x=1&y=2", Src: "https://proxy/?/img/a.png"},
			map[string]string{"src": "/img/a.png?x=1&y=2", "alt": "", "title": "", "width": "", "height": "",
				"referrerpolicy": "no-referrer"}},
		{hImage{URL: "https://h/a.png", Width: 10},
			map[string]string{"width": "10", "height": ""}},
	}
	for _, tt := range tests {
		_, doc := renderPage(t, &postextract.Article{Blocks: []hBlock{{Kind: kindImage, Image: &tt.im}}})
		n := findElement(doc, atom.Img)
		if n == nil {
			t.Errorf("%+v: no <img>", tt.im)
			continue
		}
		for key, want := range tt.want {
			got, ok := attrValue(n, key)
			switch {
			case want == "" && key != "alt" && ok:
				t.Errorf("%+v: %s=%q, want none", tt.im, key, got)
			case (want != "" || key == "alt") && (!ok || got != want):
				t.Errorf("%+v: %s=%q (present %v), want %q", tt.im, key, got, ok, want)
			}
		}
	}
}

func TestHTMLHeader(t *testing.T) {
	date := time.Date(2022, 8, 21, 13, 22, 8, 0, time.FixedZone("", 8*3600))
	a := &postextract.Article{Title: "Title\nline", Date: date, Author: "Ann", Tags: []string{"go", "web"}, Lang: "zh_CN"}
	raw, doc := renderPage(t, a)
	h := findElement(doc, atom.Header)
	if h == nil {
		t.Fatal("no <header>")
	}
	if got, want := nodeShape(h), "h1[Title br line] p.byline[time.published[21 August 2022] span.author[Ann]] ul.tags[li[go] li[web]]"; got != want {
		t.Errorf("header\ngot  %s\nwant %s", got, want)
	}
	if dt, _ := attrValue(findElement(h, atom.Time), "datetime"); dt != "2022-08-21T13:22:08+08:00" {
		t.Errorf("datetime=%q", dt)
	}
	if title := findElement(doc, atom.Title); title == nil || nodeShape(title) != "Title line" {
		t.Errorf("<title> = %v", title)
	}
	if lang, _ := attrValue(findElement(doc, atom.Html), "lang"); lang != "zh-CN" {
		t.Errorf("lang=%q, want zh-CN", lang)
	}
	for _, want := range []string{"<!doctype html>", `<meta charset="utf-8">`, `name="viewport"`, "@media (prefers-color-scheme:dark)", "max-width:40rem", "img{max-width:100%"} {
		if !strings.Contains(raw, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	if findElement(doc, atom.Script) != nil {
		t.Error("page has a <script>")
	}

	// No date, author or tags: no byline or tag list, and a fallback title.
	_, doc = renderPage(t, &postextract.Article{Lang: `en"><script>`})
	if got := nodeShape(findElement(doc, atom.Header)); got != "" {
		t.Errorf("empty header holds %s", got)
	}
	if title := findElement(doc, atom.Title); title == nil || nodeShape(title) == "" {
		t.Error("untitled page has an empty <title>")
	}
	if _, ok := attrValue(findElement(doc, atom.Html), "lang"); ok {
		t.Error("a lang that is no language tag was written")
	}
}

// TestHTMLHeaderFields checks the rest of the header: the updated date,
// categories, the post's own URL as a link (http(s) only), the cover above
// the body unless the body starts with it, and the title shown once.
func TestHTMLHeaderFields(t *testing.T) {
	date := time.Date(2022, 8, 21, 13, 22, 8, 0, time.UTC)
	cover := &postextract.Image{URL: "https://img.example/cover.jpg", Alt: "c"}
	body := []postextract.Block{
		{Kind: postextract.KindHeading, Level: 1, Text: "The  Title"},
		{Kind: postextract.KindParagraph, Text: "p"},
		{Kind: postextract.KindImage, Image: &postextract.Image{URL: "https://img.example/inline.jpg"}},
	}
	a := &postextract.Article{Title: "The Title", Date: date, Updated: date.AddDate(0, 1, 0), Author: "Ann",
		Categories: []string{"dev", "go"}, Tags: []string{"t"}, URL: "https://blog.example/p/", Cover: cover, Blocks: body}
	_, doc := renderPage(t, a)
	want := "h1[The Title] p.byline[time.published[21 August 2022] time.updated[21 September 2022] span.author[Ann]] " +
		"ul.categories[li[dev] li[go]] ul.tags[li[t]] p.source[a[https://blog.example/p/]]"
	if got := nodeShape(findElement(doc, atom.Header)); got != want {
		t.Errorf("header\ngot  %s\nwant %s", got, want)
	}
	if href, _ := attrValue(findElement(findElement(doc, atom.Header), atom.A), "href"); href != a.URL {
		t.Errorf("the post's URL links to %q", href)
	}
	art := findElement(doc, atom.Article)
	if got, want := nodeShape(art), "header["+want+"] figure.cover[img] p[p] figure[img]"; got != want {
		t.Errorf("article (the cover above the body, the repeated title dropped)\ngot  %s\nwant %s", got, want)
	}

	// The body starts with the cover: shown once, where the body has it;
	// a heading that is not the title stays; a URL that is not http(s) is
	// not written.
	a.Blocks = []postextract.Block{{Kind: postextract.KindHeading, Level: 1, Text: "Another"},
		{Kind: postextract.KindImage, Image: cover}}
	a.URL = "javascript:alert(1)"
	a.Updated = time.Time{}
	_, doc = renderPage(t, a)
	if got, want := nodeShape(findElement(doc, atom.Article)),
		"header[h1[The Title] p.byline[time.published[21 August 2022] span.author[Ann]] ul.categories[li[dev] li[go]] ul.tags[li[t]]] h1[Another] figure[img]"; got != want {
		t.Errorf("article\ngot  %s\nwant %s", got, want)
	}
}

func TestHTMLLang(t *testing.T) {
	for lang, want := range map[string]string{
		"en": "en", "zh-Hans-CN": "zh-Hans-CN", " zh_TW ": "zh-TW", "x": "", "1a": "", "en-": "",
		"en us": "", `"en"`: "", "de-1996": "de-1996", "verylonglang": "",
	} {
		if got := htmlLang(lang); got != want {
			t.Errorf("htmlLang(%q) = %q, want %q", lang, got, want)
		}
	}
}

// TestHTMLEscaping renders hostile text in every place the page shows text
// and hostile URLs in every place it writes one: each must come out as the
// same text, and the page must stay free of script and unsafe URLs.
func TestHTMLEscaping(t *testing.T) {
	hostile := []string{
		`<script>alert(1)</script>`,
		`" onerror="alert(1)`,
		`' onmouseover='alert(1)`,
		`{{< x >}}`,
		`{% raw %}`,
		`</title><script>alert(1)</script>`,
		`</style><script>alert(1)</script>`,
		`&lt;b&gt; &amp; &#106;`,
		"<!-- -->",
		"]]>",
	}
	badURLs := []string{
		"javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)", "java\tscript:alert(1)",
		"data:text/html,<script>alert(1)</script>", "vbscript:x",
		`https://h/" onerror="alert(1)`, "x:y", "//h\n/a",
	}
	// URLs that look dangerous but that a browser reads as relative: they
	// may be written, and the page must still pass its checks.
	oddURLs := []string{"javascript&#58;alert(1)", "/a:b", "?u=javascript:x", "#javascript:x", "./javascript:x"}
	for _, s := range hostile {
		t.Run(s, func(t *testing.T) {
			a := &postextract.Article{
				Title: s, Author: s, Tags: []string{s}, Lang: s,
				Date: time.Date(2020, 1, 2, 0, 0, 0, 0, time.UTC),
				Blocks: []hBlock{
					{Kind: kindPara, Text: s, Runs: []hRun{{Text: s, Link: "javascript:alert(1)", Strong: true}}},
					{Kind: kindHeading, Level: 2, Text: s},
					{Kind: kindItem, Level: 1, Text: s},
					{Kind: kindQuote, Text: s},
					{Kind: kindCode, Lang: s, Text: s},
					{Kind: kindTable, Text: s, Rows: [][]string{{s}, {s}}},
					{Kind: kindCaption, Text: s},
					{Kind: kindImage, Image: &hImage{URL: "https://h/a.png", Alt: s, Title: s, Caption: s}},
				},
			}
			raw, doc := renderPage(t, a)
			if strings.Contains(raw, "{{") || strings.Contains(raw, "{%") {
				t.Error("a template tag survived")
			}
			checkReaderPage(t, a, raw, doc)
			// Each text place shows s itself, once decoded.
			want := strings.TrimSpace(s)
			var n int
			for d := range findElement(doc, atom.Article).Descendants() {
				if d.Type == html.TextNode && d.Data == want {
					n++
				}
			}
			// title, author, tag, paragraph, heading, item, quote, code,
			// two cells, caption (in the figure): 11.
			if n != 11 {
				t.Errorf("%q shown as itself %d times, want 11", s, n)
			}
			im := findElement(doc, atom.Img)
			if im == nil {
				t.Fatal("no img")
			}
			for _, key := range []string{"alt", "title"} {
				if v, _ := attrValue(im, key); v != s {
					t.Errorf("%s=%q, want %q", key, v, s)
				}
			}
		})
	}
	for _, u := range badURLs {
		t.Run(u, func(t *testing.T) {
			a := linkAndImage(u)
			raw, doc := renderPage(t, a)
			checkReaderPage(t, a, raw, doc)
			if findElement(doc, atom.A) != nil || findElement(doc, atom.Img) != nil {
				t.Errorf("URL %q was written", u)
			}
			if got := bodyShape(t, a); got != "p[link] figure[span.alt[alt text]]" {
				t.Errorf("got %s", got)
			}
		})
	}
	for _, u := range oddURLs {
		t.Run(u, func(t *testing.T) {
			a := linkAndImage(u)
			raw, doc := renderPage(t, a)
			checkReaderPage(t, a, raw, doc)
			if got := bodyShape(t, a); got != "p[a[link]] figure[img]" {
				t.Errorf("got %s", got)
			}
		})
	}
}

// readerHostileSeeds are posts shaped to smuggle markup, script or URLs through
// the reader into the page.
var readerHostileSeeds = []string{
	"<p><script>alert(1)</script>x</p>",
	`<p><img src="x.png" onerror="alert(1)" alt="a&quot; onerror=&quot;alert(1)"></p>`,
	`<p><a href="javascript:alert(1)">js</a> <a href=" JAVA&#x09;SCRIPT:alert(1)">js2</a></p>`,
	`<p><img src="javascript:alert(1)" alt="js img"><img data-src="data:text/html,x" src="vbscript:x"></p>`,
	"---\ntitle: \"</title><script>alert(1)</script>\"\nauthor: \"<img src=x onerror=alert(1)>\"\ntags: [\"{{< x >}}\", \"\\\" onmouseover=x\"]\nlang: '\"><script>'\n---\n<p>{{< x >}} {% y %}</p>",
	"# <script>alert(1)</script>\n\n![a\" onerror=\"alert(1)](javascript:alert(1) \"t' x='\")\n\n[x](JaVaScRiPt:alert(1)) [y](//evil.example/a) [z](x:y)\n",
	"```\"><script>alert(1)</script>\n</code></pre><script>alert(1)</script>\n```\n",
	"| <b>h</b> | &lt;script&gt; |\n|---|---|\n| {{< x >}} | <img src=x onerror=y> |\n",
	"<figure><img src=\"https://h/a.png\" alt=\"</figure><script>\"><figcaption>c<script>x</script></figcaption></figure><figcaption>c</figcaption>",
	"<ul><li>a<ol><li>b</li></ol></li><li>c</li></ul><blockquote>q</blockquote><pre class=\"language-\\\"><script>\">x</pre>",
	"<p><a href=\"https://h/\" onclick=\"x\">ok</a><svg onload=alert(1)><use href=\"javascript:x\"/></svg><math><mi xlink:href=\"javascript:x\">m</mi></math></p>",
	"<table><tr><td><img src=\"https://h/t.png\" alt=\"cell alt\"></td></tr></table><p>\x00nul\r\ncr</p>",
}

// linkAndImage is an article with a link to u and an image at u.
func linkAndImage(u string) *postextract.Article {
	return &postextract.Article{Title: "t", Blocks: []hBlock{
		{Kind: kindPara, Text: "link", Runs: []hRun{{Text: "link", Link: u}}},
		{Kind: kindImage, Image: &hImage{URL: u, Alt: "alt text"}},
	}}
}

func FuzzReaderHTML(f *testing.F) {
	addFixtureSeeds(f)
	for _, s := range readerHostileSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		a, err := postextract.Parse(data)
		if err != nil {
			return
		}
		raw, doc := renderPage(t, a)
		checkReaderPage(t, a, raw, doc)
	})
}

// urlAttrs are the attributes whose value a browser follows as a URL.
var urlAttrs = map[string]bool{
	"href": true, "src": true, "srcset": true, "action": true, "formaction": true, "poster": true,
	"cite": true, "background": true, "xlink:href": true, "data": true, "ping": true, "manifest": true,
}

// schemeRE is a URL's scheme as a browser finds it, after the browser has
// trimmed the value and removed tabs and newlines.
var schemeRE = regexp.MustCompile(`^([A-Za-z][A-Za-z0-9+.\-]*):`)

// browserScheme returns the scheme that a browser would read in u, lower
// case, or "" for a relative URL. It is written apart from safeURL so that
// a mistake there shows here.
func browserScheme(u string) string {
	u = strings.TrimFunc(u, func(r rune) bool { return r <= ' ' })
	u = strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return -1
		}
		return r
	}, u)
	m := schemeRE.FindStringSubmatch(u)
	if m == nil {
		return ""
	}
	return strings.ToLower(m[1])
}

// pageElements are the elements the page may hold, with the attributes
// each may carry.
var pageElements = map[string][]string{
	"html": {"lang"}, "head": nil, "meta": {"charset", "name", "content", "http-equiv"}, "title": nil, "style": nil,
	"body": nil, "article": nil, "header": nil, "time": {"datetime", "class"}, "span": {"class"},
	"p": {"class"}, "ul": {"class"}, "ol": {"start"}, "li": {"value"}, "h1": nil, "h2": nil, "h3": nil, "h4": nil, "h5": nil, "h6": nil,
	"blockquote": nil, "pre": nil, "code": {"class"}, "div": {"class"}, "table": nil, "thead": nil, "tbody": nil,
	"tr": nil, "th": nil, "td": nil, "figure": {"class"}, "figcaption": nil,
	"img": {"src", "alt", "title", "loading", "referrerpolicy", "width", "height"},
	"a":   {"href"}, "strong": nil, "em": nil, "del": nil, "br": nil,
}

// checkReaderPage asserts what the page promises for any Article: only the
// elements and attributes the writer makes, no script, no event handler,
// only http(s) or relative URLs, images without a referrer, and no text
// that is not the post's, inside the article or out of it.
func checkReaderPage(t *testing.T, a *postextract.Article, raw string, doc *html.Node) {
	t.Helper()
	var articles int
	for n := range doc.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		allowed, known := pageElements[n.Data]
		if !known || n.Namespace != "" {
			t.Errorf("element <%s> (namespace %q) in the page", n.Data, n.Namespace)
		}
		if n.DataAtom == atom.Article {
			articles++
		}
		for _, at := range n.Attr {
			key := at.Key
			if at.Namespace != "" {
				key = at.Namespace + ":" + key
			}
			if strings.HasPrefix(strings.ToLower(key), "on") {
				t.Errorf("<%s %s=%q>: event handler", n.Data, key, at.Val)
			}
			if !slices.Contains(allowed, key) {
				t.Errorf("<%s %s=%q>: attribute not made by the writer", n.Data, key, at.Val)
			}
			if urlAttrs[strings.ToLower(key)] {
				if s := browserScheme(at.Val); s != "" && s != "http" && s != "https" {
					t.Errorf("<%s %s=%q>: scheme %q", n.Data, key, at.Val, s)
				}
			}
		}
		if n.DataAtom == atom.Img {
			if v, _ := attrValue(n, "referrerpolicy"); v != "no-referrer" {
				t.Errorf("<img> with referrerpolicy %q", v)
			}
		}
	}
	if articles != 1 {
		t.Errorf("%d <article> elements", articles)
	}
	if t.Failed() {
		t.Logf("page:\n%s", raw)
		return
	}

	sources := shownStrings(a)
	for n := range doc.Descendants() {
		if n.Type != html.TextNode {
			continue
		}
		s := strings.TrimSpace(n.Data)
		switch p := n.Parent; {
		case s == "":
		case p.DataAtom == atom.Style:
			if n.Data != pageCSS {
				t.Errorf("stylesheet changed: %q", n.Data)
			}
		case p.DataAtom == atom.Title:
			if want := titleLine(pageNormText(a.Title)); s != want && want != "" {
				t.Errorf("<title> %q, want %q", s, want)
			}
		case !insideArticle(n):
			t.Errorf("text %q outside the article", s)
		case !slices.ContainsFunc(sources, func(src string) bool { return strings.Contains(src, s) }):
			t.Errorf("text %q in the page is no text of the Article", s)
		}
	}
	if got, want := squeezeSpace(nodeText(findElement(doc, atom.Article))), squeezeSpace(wantPageText(a)); got != want {
		t.Errorf("article text, whitespace aside:\ngot  %q\nwant %q", got, want)
	}
	if t.Failed() {
		t.Logf("page:\n%s", raw)
	}
}

func insideArticle(n *html.Node) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if p.DataAtom == atom.Article {
			return true
		}
	}
	return false
}

// pageNormText is s as it comes back from the page: a run of invalid UTF-8 as
// one U+FFFD (as HTML writes it), line ends normalised and NUL characters,
// which the parser drops from text, gone.
func pageNormText(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return strings.ReplaceAll(s, "\x00", "")
}

// shownStrings are the strings of a that the page may show as text: each
// text node of the article must lie within one of them.
func shownStrings(a *postextract.Article) []string {
	out := []string{a.Title, a.Author, a.URL}
	for _, d := range []time.Time{a.Date, a.Updated} {
		if !d.IsZero() {
			out = append(out, d.Format(dateLayout))
		}
	}
	out = append(out, a.Categories...)
	out = append(out, a.Tags...)
	if a.Cover != nil {
		out = append(out, a.Cover.Alt, a.Cover.Title)
	}
	for _, b := range a.Blocks {
		out = append(out, b.Text)
		for _, r := range b.Runs {
			out = append(out, r.Text)
		}
		for _, row := range b.Rows {
			out = append(out, row...)
		}
		if b.Image != nil {
			out = append(out, b.Image.Alt, b.Image.Caption, b.Image.Title)
		}
	}
	for i, s := range out {
		out[i] = pageNormText(s)
	}
	return out
}

// nodeText is the text of n's subtree, in document order.
func nodeText(n *html.Node) string {
	var b strings.Builder
	for d := range n.Descendants() {
		if d.Type == html.TextNode {
			b.WriteString(d.Data)
		}
	}
	return b.String()
}

// squeezeSpace removes all white space, so that texts compare whatever the
// markup between their words.
func squeezeSpace(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// wantPageText is the text a reader of the page should see, from the Article
// alone: title, date, author, tags, then each block's text in order — a
// table's cells, an image's caption once per figure (consecutive images
// with one caption share a figure), and the alt text (else title) of an
// image whose URL the page will not load. A caption block that repeats its
// figure's caption directly after the figure, or else directly before it
// (unless the figure before took it), is shown by the figure instead.
func wantPageText(a *postextract.Article) string {
	parts := []string{a.Title}
	for _, d := range []time.Time{a.Date, a.Updated} {
		if !d.IsZero() {
			parts = append(parts, d.Format(dateLayout))
		}
	}
	parts = append(parts, a.Author)
	parts = append(parts, a.Categories...)
	parts = append(parts, a.Tags...)
	if ownURL(a.URL) {
		parts = append(parts, a.URL)
	}
	if a.Cover != nil && a.Cover.URL != "" && !coverFirst(a) && !safeURL(a.Cover.URL) {
		parts = append(parts, firstSet(a.Cover.Alt, a.Cover.Title))
	}

	bl := a.Blocks
	if repeatsTitle(a) {
		bl = bl[1:]
	}
	for i := 0; i < len(bl); {
		if k := bl[i].Kind; k == postextract.KindImage || k == postextract.KindCaption {
			f := figureAt(bl, i)
			parts = append(parts, figureText(bl, f)...)
			i = f.end
			continue
		}
		parts = append(parts, blockText(&bl[i])...)
		i++
	}
	return pageNormText(strings.Join(parts, "\n"))
}

// figureText is the text the page shows of a figure, in order: an unsafe
// image's alt (else title), the blocks between the images, a caption
// block that is not the figure's own (all of them when the figure has no
// image), then the figure's caption once.
func figureText(bl []postextract.Block, f figure) []string {
	images := false
	for _, b := range bl[f.start:f.end] {
		images = images || b.Kind == postextract.KindImage && b.Image != nil
	}
	var parts []string
	for k := f.start; k < f.end; k++ {
		b := &bl[k]
		switch {
		case b.Kind == postextract.KindImage:
			if b.Image != nil && !safeURL(b.Image.URL) {
				parts = append(parts, firstSet(b.Image.Alt, b.Image.Title))
			}
		case b.Kind == postextract.KindCaption:
			if !images || !slices.Contains(f.parts, k) {
				parts = append(parts, b.Text)
			}
		default:
			parts = append(parts, blockText(b)...)
		}
	}
	if images && f.caption != "" {
		parts = append(parts, f.caption)
	}
	return parts
}

// blockText is the text the page shows of a block that is no figure's.
func blockText(b *postextract.Block) []string {
	if b.Kind == postextract.KindTable && len(b.Rows) > 0 {
		var parts []string
		for _, row := range b.Rows {
			parts = append(parts, row...)
		}
		return parts
	}
	return []string{b.Text}
}

// firstSet returns the first of its arguments that is not empty.
func firstSet(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

// FuzzHTMLBlocks builds Articles directly, so that the page's promises are
// also tried on what Parse never yields: any text, unsafe URLs, levels out
// of range, kinds in any order, image blocks without an image.
func FuzzHTMLBlocks(f *testing.F) {
	f.Add("title\x1fpara\x1fhttps://h/a.png\x1fcap\x1fcap", []byte{0, 7 | 8, 6, 2 | 16, 2 | 24 | 64})
	f.Add("<script>\x1fjavascript:x\x1f{{< x >}}\x1f\" onerror=x\x1f\r\n\x00", []byte{7, 1, 3, 4, 5, 6, 7, 7})
	f.Fuzz(func(t *testing.T, text string, layout []byte) {
		strs := strings.Split(text, "\x1f")
		next := func() string {
			s := strs[0]
			if len(strs) > 1 {
				strs = strs[1:]
			}
			return s
		}
		a := &postextract.Article{Title: next(), Author: next(), Tags: []string{next()}}
		for _, c := range layout {
			kind := postextract.Kinds[int(c&7)%len(postextract.Kinds)]
			b := hBlock{Kind: kind, Level: int(c>>3) & 7, Ordered: c&64 != 0}
			switch kind {
			case kindImage:
				if c&128 == 0 {
					b.Image = &hImage{URL: next(), Alt: next(), Title: next(), Caption: next(), Width: int(c >> 4)}
				}
			case kindTable:
				b.Text = next()
				if c&128 == 0 {
					b.Rows = [][]string{{next(), next()}, {next()}}
				}
			default:
				b.Text = next()
				if c&128 != 0 {
					b.Runs = []hRun{{Text: b.Text, Link: next(), Strong: c&8 != 0, Em: c&16 != 0, Code: c&32 != 0}}
				}
			}
			a.Blocks = append(a.Blocks, b)
		}
		raw, doc := renderPage(t, a)
		checkReaderPage(t, a, raw, doc)
	})
}

// TestHTMLListNumbers: an ordered list starts at its first item's number,
// an item where the count jumps says its value, and the page reads back
// to the same numbers.
func TestHTMLListNumbers(t *testing.T) {
	a := &postextract.Article{Title: "T", Blocks: []postextract.Block{
		{Kind: postextract.KindListItem, Level: 1, Ordered: true, Number: 3, Text: "c"},
		{Kind: postextract.KindListItem, Level: 1, Ordered: true, Number: 4, Text: "d"},
		{Kind: postextract.KindListItem, Level: 1, Ordered: true, Number: 9, Text: "i"},
	}}
	var b bytes.Buffer
	if err := HTML(&b, a); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	for _, want := range []string{`<ol start="3"><li>c`, `<li>d`, `<li value="9">i`} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %q:\n%s", want, page)
		}
	}
	back, err := postextract.Parse(b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	var got []int
	for _, blk := range back.Blocks {
		if blk.Kind == postextract.KindListItem {
			got = append(got, blk.Number)
		}
	}
	if fmt.Sprint(got) != "[3 4 9]" {
		t.Errorf("read back, the numbers are %v", got)
	}
}
