// Package roundtrip compares two Articles on the fields that a post written
// back out must keep (SPEC's round trip): title, dates, author, categories,
// tags, cover URL, summary, URL, language, draft, links, and every block — its
// image without the size and the src as written, which may be lost. The
// tests of the Markdown writer and of the command line's -o share it, so
// that "reads back the same" means one thing.
package roundtrip

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"

	"github.com/postextract/postextract"
)

// Diff names the first field in which got differs from want, with both
// values, or returns "" when they agree on every field of the round trip.
func Diff(want, got *postextract.Article) string {
	field := func(name string, w, g any) string {
		return fmt.Sprintf("%s differs\n  want %s\n   got %s", name, JSON(w), JSON(g))
	}
	switch {
	case want.Title != got.Title:
		return field("title", want.Title, got.Title)
	case !want.Date.Equal(got.Date):
		return field("date", want.Date, got.Date)
	case !want.Updated.Equal(got.Updated):
		return field("updated", want.Updated, got.Updated)
	case want.Author != got.Author:
		return field("author", want.Author, got.Author)
	case !reflect.DeepEqual(want.Categories, got.Categories):
		return field("categories", want.Categories, got.Categories)
	case !reflect.DeepEqual(want.Tags, got.Tags):
		return field("tags", want.Tags, got.Tags)
	case coverURL(want) != coverURL(got):
		return field("cover url", coverURL(want), coverURL(got))
	case want.Summary != got.Summary:
		return field("summary", want.Summary, got.Summary)
	case want.URL != got.URL:
		return field("url", want.URL, got.URL)
	case want.Lang != got.Lang:
		return field("lang", want.Lang, got.Lang)
	case want.Draft != got.Draft:
		return field("draft", want.Draft, got.Draft)
	case !sameLinks(CarriedLinks(want), got.Links):
		return field("links", CarriedLinks(want), got.Links)
	}
	for i := range max(len(want.Blocks), len(got.Blocks)) {
		if i >= len(want.Blocks) || i >= len(got.Blocks) {
			return fmt.Sprintf("blocks: %d, want %d; the first extra one is block %d", len(got.Blocks), len(want.Blocks), i) +
				"\n  " + JSON(append(want.Blocks[i:], got.Blocks[i:]...)[0])
		}
		if d := diffBlock(&want.Blocks[i], &got.Blocks[i]); d != "" {
			return fmt.Sprintf("block %d (%s): %s\n  want %s\n   got %s", i, want.Blocks[i].Kind, d, JSON(want.Blocks[i]), JSON(got.Blocks[i]))
		}
	}
	return ""
}

// diffBlock names the first field of a block that differs, or returns "".
func diffBlock(w, g *postextract.Block) string {
	switch {
	case w.Kind != g.Kind:
		return "kind"
	case w.Text != g.Text:
		return "text"
	case w.Level != g.Level:
		return "level"
	case w.Lang != g.Lang:
		return "lang"
	case !reflect.DeepEqual(w.Rows, g.Rows):
		return "rows"
	case !reflect.DeepEqual(w.Runs, g.Runs):
		return "runs"
	case !reflect.DeepEqual(w.CellRuns, g.CellRuns):
		return "cell runs"
	case w.Ordered != g.Ordered:
		return "ordered"
	case w.Number != g.Number:
		return "number"
	case w.Continued != g.Continued:
		return "continued"
	case w.Footnote != g.Footnote:
		return "footnote"
	case !reflect.DeepEqual(Facts(w.Image), Facts(g.Image)):
		return "image"
	}
	return ""
}

// ImageFacts are what a written-back post keeps of an image.
type ImageFacts struct{ URL, Alt, Title, Caption, Link string }

// Facts returns the facts of img, or nil for no image.
func Facts(img *postextract.Image) *ImageFacts {
	if img == nil {
		return nil
	}
	return &ImageFacts{img.URL, img.Alt, img.Title, img.Caption, img.Link}
}

// sameLinks reports whether two lists of links are the same, URL and text,
// in the same order; no links and an empty list are the same. Texts are
// compared white space aside: a line break in an anchor is "\n" in Links
// when read from HTML, a space when read from Markdown.
func sameLinks(w, g []postextract.Link) bool {
	if len(w) != len(g) {
		return false
	}
	for i := range w {
		if w[i].URL != g[i].URL || squeeze(w[i].Text) != squeeze(g[i].Text) {
			return false
		}
	}
	return true
}

func squeeze(s string) string { return strings.Join(strings.Fields(s), " ") }

// CarriedLinks returns the links of a that its blocks carry, which a post
// written from the blocks can say: a.Links in the order the runs link to
// them (a table cell's runs and an image's link too), but those that
// nothing links to (a link with no text: the Article has it in Links alone), each
// with the text of its first run of linked text where that says other
// words than Links (an empty first anchor, anchors side by side, an anchor
// across blocks). When the reader puts such links into the blocks, they
// are compared too.
func CarriedLinks(a *postextract.Article) []postextract.Link {
	text := map[string]string{}
	var order []string // the URLs in the order the runs link to them
	see := func(runs []postextract.Run) {
		for i := 0; i < len(runs); {
			u, j := runs[i].Link, i+1
			anchor := runs[i].Text
			for j < len(runs) && runs[j].Link == u {
				anchor += runs[j].Text
				j++
			}
			if _, seen := text[u]; u != "" && !seen {
				text[u] = anchor
				order = append(order, u)
			}
			i = j
		}
	}
	for _, b := range a.Blocks {
		see(b.Runs)
		for _, row := range b.CellRuns {
			for _, c := range row {
				see(c)
			}
		}
		if b.Image != nil && b.Image.Link != "" {
			if _, seen := text[b.Image.Link]; !seen {
				// An anchor around an image alone: its alt is the link's
				// text (a title on the anchor is not kept), else its URL.
				text[b.Image.Link] = b.Image.Alt
				if squeeze(b.Image.Alt) == "" {
					text[b.Image.Link] = b.Image.Link
				}
				order = append(order, b.Image.Link)
			}
		}
	}
	links := make(map[string]postextract.Link, len(a.Links))
	for _, l := range a.Links {
		links[l.URL] = l
	}
	var out []postextract.Link
	for _, u := range order {
		l, ok := links[u]
		if !ok {
			continue
		}
		if t := strings.TrimSpace(text[u]); squeeze(t) != squeeze(l.Text) {
			// The runs do not say the text of the first anchor seen: it
			// had none (the URL or its title stood for it), anchors to
			// one URL stood side by side, or one held a block's end and
			// the next one's start. A post written from the blocks has
			// one anchor per run of linked text, and its text.
			l.Text = t
		}
		out = append(out, l)
	}
	return out
}

func coverURL(a *postextract.Article) string {
	if a.Cover == nil {
		return ""
	}
	return a.Cover.URL
}

// JSON is v as one line of JSON, for messages.
func JSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}
