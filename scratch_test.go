package postextract

import (
	"reflect"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// TestScratchKeepsNothing checks that a scratch put back in the pool holds
// no block of the post it read, past its length too, and that the <h1>
// taken as the title is removed from the Article's own blocks, not from
// the pooled ones.
func TestScratchKeepsNothing(t *testing.T) {
	body := "<h1>Title</h1><p>one</p><p>two</p><img src=\"https://img.example.com/a.jpg\"><p>three</p>"
	doc, err := html.Parse(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	e, a, rep := defaultExtractor(), &Article{}, &report{}
	s := getScratch(a, rep)
	s.b.findTitle = true
	w := &s.w
	w.b, w.drop, w.res = &s.b, &e.rules, &resolver{e: e, rep: rep}
	w.walk(doc)
	s.b.end()
	titles := s.b.titles
	s.release()
	decideTitle(a, titles, "", noGenerator)
	if a.Title != "Title" || len(a.Blocks) != 4 {
		t.Fatalf("title %q, %d blocks: the <h1> was not taken", a.Title, len(a.Blocks))
	}
	if len(s.blocks) != 0 {
		t.Fatalf("%d blocks left in the scratch", len(s.blocks))
	}
	for i, blk := range s.blocks[:cap(s.blocks)] {
		if !reflect.ValueOf(blk).IsZero() {
			t.Fatalf("pooled block %d still holds %+v", i, blk)
		}
	}
}
