package roundtrip

import (
	"strings"
	"testing"

	"github.com/postextract/postextract"
)

func TestDiffLinks(t *testing.T) {
	para := postextract.Block{Kind: postextract.KindParagraph, Text: "see a",
		Runs: []postextract.Run{{Text: "see "}, {Text: "a", Link: "https://a.example/"}}}
	want := &postextract.Article{Blocks: []postextract.Block{para},
		Links: []postextract.Link{{URL: "https://a.example/", Text: "a"}, {URL: "https://cell.example/", Text: "cell"}}}
	got := &postextract.Article{Blocks: []postextract.Block{para}, Links: []postextract.Link{{URL: "https://a.example/", Text: "a"}}}
	if d := Diff(want, got); d != "" {
		t.Errorf("a link that no block carries counts: %s", d)
	}
	got.Links[0].Text = "b"
	if d := Diff(want, got); !strings.HasPrefix(d, "links differs") {
		t.Errorf("a link's text differs, Diff = %q", d)
	}
	got.Links = nil
	if d := Diff(want, got); !strings.HasPrefix(d, "links differs") {
		t.Errorf("a carried link is lost, Diff = %q", d)
	}
	got.Links = []postextract.Link{{URL: "https://a.example/", Text: "a"}, {URL: "https://x.example/", Text: "x"}}
	if d := Diff(want, got); !strings.HasPrefix(d, "links differs") {
		t.Errorf("an extra link, Diff = %q", d)
	}
	// The first anchor had no text: Links holds the URL, the runs the
	// text of the next anchor.
	want.Links[0].Text = "https://a.example/"
	got.Links = []postextract.Link{{URL: "https://a.example/", Text: "a"}}
	if d := Diff(want, got); d != "" {
		t.Errorf("an empty first anchor: %s", d)
	}
	// Two anchors to one URL side by side ("a" and "a"): one in the runs.
	want.Blocks[0].Runs = append(want.Blocks[0].Runs, postextract.Run{Text: "a", Link: "https://a.example/"})
	want.Blocks[0].Text = "see aa"
	got.Blocks = want.Blocks
	want.Links[0].Text = "a"
	got.Links[0].Text = "aa"
	if d := Diff(want, got); d != "" {
		t.Errorf("anchors side by side: %s", d)
	}
	// One anchor across two blocks ("aa b"): its text in the first.
	want.Links[0].Text = "aa b"
	if d := Diff(want, got); d != "" {
		t.Errorf("an anchor across blocks: %s", d)
	}
}
