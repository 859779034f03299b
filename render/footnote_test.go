package render

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/postextract/postextract"
)

// footnoteSeeds are posts with footnotes: Markdown's [^n] reads as
// footnote runs and definitions, and is written back as [^n].
var footnoteSeeds = []string{
	"---\ntitle: t\n---\n\nText[^a] and more[^b] and[^a].\n\n[^a]: Note *one*.\n\n    second para\n[^b]: Two.\n",
	"---\ntitle: t\n---\n\n- item[^1]\n\n[^1]: n\n",
	"---\ntitle: t\n---\n\n**a[^1]** x[^2]! y[^3](z) [^4]: w\n\n[^1]: one\n[^2]: two\n[^3]: three\n[^4]: [link](https://x.org/) and `code`\n",
	"---\ntitle: t\n---\n\nA[^1]\n\n[^1]: - a list\n\n[^2]: unused\n",
	"---\ntitle: t\n---\n\nA[^1]\n\n[^1]:\n    ```\n    code\n    ```\n",
	"<p>a<sup><a class=\"footnote-ref\" href=\"#fn:1\">1</a></sup></p><ol><li id=\"fn:1\"><p>n</p></li></ol><p>after</p>",
	"<p>a<a class=\"footnote-ref\" href=\"#fn:2\">2</a></p><ol><li id=\"fn:2\">x</li></ol>",
	"<p>a<a class=\"footnote-ref\" href=\"#fn:1\">[1]</a></p><ol><li id=\"fn:1\">x</li></ol>",
	"<p><a class=\"footnote-ref\" href=\"#fn:1\">1</a>: x</p><ol><li id=\"fn:1\">n</li></ol>",
	"<ul><li><a class=\"footnote-ref\" href=\"#fn:1\">1</a>: x</li></ul><ol><li id=\"fn:1\">n</li></ol>",
	"<p>a!<a class=\"footnote-ref\" href=\"#fn:1\">1</a>(z) [q]</p><ol><li id=\"fn:1\">n</li></ol>",
	"<p>a\\<a class=\"footnote-ref\" href=\"#fn:1\">1</a>[x]<a class=\"footnote-ref\" href=\"#fn:2\">2</a></p><ol><li id=\"fn:1\"># h</li><li id=\"fn:2\">1. x</li></ol>",
	"<p>x<a class=\"footnote-ref\" href=\"#fn:1\">1</a></p><ol><li id=\"fn:1\">a<br>b</li></ol>",
	"<p>x<a class=\"footnote-ref\" href=\"#fn:1\">1</a></p><ol><li id=\"fn:1\"><p>a</p><p>    b</p><p>[^1]: c</p></li></ol>",
}

func TestFootnotesRoundTrip(t *testing.T) {
	for i, s := range footnoteSeeds {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			a, err := postextract.Parse([]byte(s))
			if err != nil {
				t.Fatal(err)
			}
			checkRoundTrip(t, a)
		})
	}
}

// A Markdown footnote reads as a reference run and a definition block, and
// is written as [^n] and [^n]: text.
func TestFootnotesWritten(t *testing.T) {
	a, err := postextract.Parse([]byte(footnoteSeeds[0]))
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Blocks) != 4 || a.Blocks[0].Runs[1].Footnote != "1" || a.Blocks[0].Runs[3].Footnote != "2" ||
		a.Blocks[1].Footnote != "1" || a.Blocks[2].Footnote != "1" || a.Blocks[3].Footnote != "2" {
		t.Fatalf("footnotes not read: %+v", a.Blocks)
	}
	var b bytes.Buffer
	if err := Markdown(&b, a); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Text[^1] and more[^2] and[^1].\n", "[^1]: Note *one*.\n\n    second para\n\n[^2]: Two.\n"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("no %q in\n%s", want, b.String())
		}
	}
	// A footnote in a shape [^n] cannot say is read as before: text.
	a, err = postextract.Parse([]byte(footnoteSeeds[6]))
	if err != nil {
		t.Fatal(err)
	}
	if a.Blocks[0].Runs != nil || a.Blocks[1].Footnote != "" {
		t.Errorf("a footnote numbered 2 first was kept: %+v", a.Blocks)
	}
}
