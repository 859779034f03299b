package render

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/postextract/postextract"
	"github.com/postextract/postextract/internal/roundtrip"
)

// roundTrip writes a as Markdown, reads it back and returns the first
// difference on the fields the round trip keeps (or ""), with the Markdown.
func roundTrip(a *postextract.Article) (diff, md string, err error) {
	var buf bytes.Buffer
	if err := Markdown(&buf, a); err != nil {
		return "", "", err
	}
	md = buf.String()
	b, err := postextract.Parse(buf.Bytes())
	if err != nil {
		return "", md, fmt.Errorf("reading the Markdown back: %w", err)
	}
	return roundtrip.Diff(a, b), md, nil
}

func TestMarkdownRoundTripFixtures(t *testing.T) {
	files, _ := filepath.Glob("../testdata/posts/*")
	if len(files) == 0 {
		t.Fatal("no fixtures under ../testdata/posts")
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			a, err := postextract.ParseFile(f)
			if err != nil {
				t.Skipf("the fixture is an error case: %v", err)
			}
			checkRoundTrip(t, a)
		})
	}
}

func checkRoundTrip(t *testing.T, a *postextract.Article) {
	t.Helper()
	diff, md, err := roundTrip(a)
	if err != nil {
		t.Fatalf("%v\n%s", err, md)
	}
	if diff != "" {
		t.Errorf("the Markdown does not read back the same:\n%s\n--- Markdown:\n%s", diff, md)
	}
}

// TestMarkdownRoundTripCorpora writes every post of the three dev corpora as
// Markdown and reads it back.
func TestMarkdownRoundTripCorpora(t *testing.T) {
	for _, dir := range []string{"../../shared/corpus/dev", "../../shared/corpus/formats-dev", "../../shared/corpus/generators-dev"} {
		if _, err := os.Stat(dir); err != nil {
			t.Logf("skipping %s: not present beside the project (%v)", dir, err)
			continue
		}
		n := 0
		for p, err := range (&postextract.Extractor{}).PostsInDir(t.Context(), dir) {
			if err != nil {
				continue // a post that does not parse has nothing to write
			}
			n++
			t.Run(p.Path, func(t *testing.T) { checkRoundTrip(t, p.Article) })
		}
		if n == 0 {
			t.Errorf("%s: no posts read", dir)
		}
	}
}

// roundTripSeeds are the places where Markdown writers fail: text that
// looks like markup.
var roundTripSeeds = []string{
	// Two figures with one caption, and a caption given before its figure.
	`<figure><img src="https://e.com/e.jpg"><figcaption>Same</figcaption></figure><figure><img src="https://e.com/f.jpg"><figcaption>Same</figcaption></figure>`,
	`<p class="caption">c</p><figure><img src="https://e.com/a.jpg"><figcaption>c</figcaption></figure>`,
	"<p>*a* _b_ # c</p><p># not a heading</p><p>1. not a list</p><p>- nor this</p>",
	"<p>a | b</p><p>---</p><p>===</p><p>a<br>---</p><p>`x` ``y`` [z](w) &lt;div&gt; &amp;amp; a \\ b</p>",
	"<p>trailing #</p><h2>C# ##</h2><h3>a<br>b</h3>",
	"<p>{{< figure src=a.png >}} {% raw %} {{ site.title }} [[Note]] ![[a.png]]</p><p>::: tip</p><p>{: .cls}</p>",
	"<p>http://example.com www.example.com <b>bold</b><i>em</i><code>c`d</code><del>x</del></p>",
	"<p>a<b> b</b> <b>c </b>d<b>\"q\"</b>e<b><i>f</i></b><a href='https://x.org/a(b)'>l<b>i</b>nk</a></p>",
	"<ul><li>a<ol><li>b</li><li>c<ul><li>d</li></ul></li></ol></li></ul><ol><li><ol><li>deep</li></ol></li></ol>",
	"<pre><code class='language-go'>```\nfunc() {}\n{% raw %}\n</code></pre><pre>  indented\n\n\ttab</pre>",
	"<table><tr><th>a|b</th><th>c</th></tr><tr><td>1</td><td>2</td></tr></table><table><tr><td>x</td></tr><tr><td>y</td><td>z</td></tr></table>",
	"<figure><img src='https://x.org/a.png' alt='a [b]' title='t \"q\"' width=30><figcaption>cap <b>b</b></figcaption></figure><p><img src='https://x.org/b.png' alt='*b*'></p>",
	"<blockquote><p>q1<br>q2</p><p>&gt; q3</p></blockquote>",
	"<p><a href=\"https://x.org/?a=1&amp;amp;b=2\">x</a><img src=\"https://x.org/i.png?w=1&amp;amp;h=2\"></p>",
	"<figure><img src=https://x.org/a.png><figcaption>S</figcaption><img src=https://x.org/b.png></figure>",
	"<figure><img src=https://x.org/a.png><figcaption>Figure 1<img src=https://x.org/b.png></figcaption></figure>",
	"<figure><img src=https://x.org/a.png><figcaption>Photo <img src=https://x.org/icon.png alt=camera> by X</figcaption></figure>",
	"<figure><img src=https://x.org/a.png><p>para in figure</p><figcaption>S</figcaption></figure>",
	"<figure><img src=https://x.org/a.png><figcaption>S</figcaption><p>unclosed</p><pre>a\n\n  \nb</pre><table><tr><td>t</td></tr></table><ul><li>i<ul><li>j</ul></ul><img src=https://x.org/b.png>",
	"<figure><img src=https://x.org/a.png><figcaption>S</figcaption></figure><p>between</p><figure><img src=https://x.org/b.png><figcaption>S</figcaption></figure>",
	"<figure><figcaption>Top</figcaption><img src=https://x.org/a.png><p>note</p><img src=https://x.org/b.png></figure>",
	"{\"title\":\"&#10;j\",\"author\":\"&#32;Bob\",\"weight\":5,\"ratio\":1.0,\"list\":[1,2.5e3]}\n<p>x</p>",
	"---\ntitle: 'A &amp; B'\ndate: 2021-04-07 12:10:50\ntags: [a, 'b,c']\ncategories: x\nauthor: {name: N}\ncover: https://x.org/c.png\ndescription: d\nmarkup: html\n---\n<p>x</p>",
}

// addFixtureSeeds seeds a fuzz target with every fixture post.
func addFixtureSeeds(f *testing.F) {
	paths, err := filepath.Glob("../testdata/posts/*")
	if err != nil || len(paths) == 0 {
		f.Fatalf("no fixtures: %v", err)
	}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
}

func FuzzMarkdownRoundTrip(f *testing.F) {
	addFixtureSeeds(f)
	for _, s := range slices.Concat(roundTripSeeds, footnoteSeeds, linkSeeds) {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		a, err := postextract.Parse(data)
		if err != nil {
			return
		}
		checkRoundTrip(t, a)
	})
}

func TestMarkdownRoundTripSeeds(t *testing.T) {
	for i, s := range roundTripSeeds {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			a, err := postextract.Parse([]byte(s))
			if err != nil {
				t.Fatal(err)
			}
			checkRoundTrip(t, a)
		})
	}
}

// TestMarkdownKinds checks that every block kind has a writer.
func TestMarkdownKinds(t *testing.T) {
	for _, k := range postextract.Kinds {
		if mdBlockWriters[k] == nil {
			t.Errorf("no Markdown writer for kind %q", k)
		}
	}
}

func TestMarkdownNil(t *testing.T) {
	if err := Markdown(&bytes.Buffer{}, nil); err != ErrNilArticle {
		t.Errorf("Markdown(nil) = %v, want ErrNilArticle", err)
	}
}

// TestMarkdownDeepList checks that a deep list is written in a size linear
// in its depth, and still reads back the same.
func TestMarkdownDeepList(t *testing.T) {
	for _, depth := range []int{maxListDepth, maxListDepth + 1, 200} {
		html := strings.Repeat("<ul><li>x", depth) + "<ol><li>deep</li></ol>" + strings.Repeat("</li></ul>", depth)
		a, err := postextract.Parse([]byte(html))
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := Markdown(&buf, a); err != nil {
			t.Fatal(err)
		}
		if buf.Len() > 20*len(html) {
			t.Errorf("depth %d: %d bytes of HTML gave %d bytes of Markdown", depth, len(html), buf.Len())
		}
		checkRoundTrip(t, a)
	}
}

// TestMarkdownItemCode: a step's code, written inside its item, reads back
// the same with leading tabs, at any depth and start, and with a line of
// white space alone (written as <pre>).
func TestMarkdownItemCode(t *testing.T) {
	for _, in := range []string{
		"<ol><li>Write:<pre><code class=language-go>func main() {\n\tfmt.Println(1)\n\t\tx := 2\n}</code></pre>then</li><li>b</li></ol>",
		"<ul><li>a<ul><li>Write:<pre><code>\tx\n  \ty\n\t  z</code></pre></li></ul></li></ul>",
		"<ol start=10><li>Write:<pre><code>\tx</code></pre></li></ol>",
		"<ol><li>a<pre><code>x\n  \ny</code></pre>b</li></ol>",
	} {
		a, err := postextract.Parse([]byte(in))
		if err != nil {
			t.Fatal(err)
		}
		checkRoundTrip(t, a)
	}
}
