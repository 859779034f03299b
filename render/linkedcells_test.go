package render

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/postextract/postextract"
)

// linkSeeds are posts with links in table cells and links around images:
// both read back the same from Markdown.
var linkSeeds = []string{
	`<table><tr><th>a</th><th>b <b>c</b></th></tr><tr><td>x <a href="https://x.org/">link <b>b</b></a> y</td><td><a href="https://y.org/"><img src="https://i.org/a.png" alt="A"></a></td></tr></table>`,
	`<table><tr><td><a href="https://x.org/a|b">pipe</a></td><td>x</td></tr><tr><td>1</td><td><a href="https://x.org/(p)">p|q</a></td></tr></table>`,
	`<table><tr><td>a<br><a href="https://x.org/">multi</a></td></tr><tr><td>1</td><td>2</td></tr></table>`,
	`<table><tr><td><a href="https://x.org/big.jpg">s <img src="https://x.org/small.jpg" alt=A></a></td></tr></table>`,
	`<p><a href="https://x.org/page"><img src="https://x.org/a.png" alt="a [b]" title="t"></a></p>`,
	`<figure><a href="https://x.org/page"><img src="https://x.org/a.png" alt="A"></a><figcaption>Cap</figcaption></figure>`,
	`<p><a href="https://x.org/a b"><img src="https://x.org/a.png"></a> <a href="javascript:x"><img src="https://x.org/b.png"></a></p>`,
	`<p><a href="https://x.org/page">text <img src="https://x.org/a.png" alt="A"> more</a></p>`,
	`<p><a href="https://x.org/page" title="T"><img src="https://x.org/a.png" alt="A"></a><a href="https://x.org/q"><img src="https://x.org/b.png"></a></p>`,
}

func TestLinksInCellsAndAroundImagesRoundTrip(t *testing.T) {
	for i, s := range linkSeeds {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			a, err := postextract.Parse([]byte(s))
			if err != nil {
				t.Fatal(err)
			}
			checkRoundTrip(t, a)
		})
	}
}

// A cell's link is [text](url) in Markdown and <a> in the reader page; an
// image's link is [![alt](src)](href) and an <a> around the <img>.
func TestLinksInCellsAndAroundImagesWritten(t *testing.T) {
	a, err := postextract.Parse([]byte(linkSeeds[0]))
	if err != nil {
		t.Fatal(err)
	}
	var md, page bytes.Buffer
	if err := Markdown(&md, a); err != nil {
		t.Fatal(err)
	}
	if err := HTML(&page, a); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"| x [link b](https://x.org/) y | [A](https://y.org/) |", "[![A](https://i.org/a.png)](https://y.org/)"} {
		if !strings.Contains(md.String(), want) {
			t.Errorf("no %q in\n%s", want, md.String())
		}
	}
	for _, want := range []string{`<td>x <a href="https://x.org/">link b</a> y</td>`, `<a href="https://y.org/"><img src="https://i.org/a.png"`} {
		if !strings.Contains(page.String(), want) {
			t.Errorf("no %q in\n%s", want, page.String())
		}
	}
}
