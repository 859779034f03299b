package render

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/postextract/postextract"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// textOf writes an Article holding only blocks, so that the output is the
// blocks alone.
func textOf(t *testing.T, blocks ...postextract.Block) string {
	t.Helper()
	var b strings.Builder
	require.NoError(t, Text(&b, &postextract.Article{Blocks: blocks}))
	return b.String()
}

func item(level int, ordered bool, text string) postextract.Block {
	return postextract.Block{Kind: postextract.KindListItem, Level: level, Ordered: ordered, Text: text}
}

func para(text string) postextract.Block {
	return postextract.Block{Kind: postextract.KindParagraph, Text: text}
}

// Every kind has its own writer, and what it writes carries the block's
// text (or, for an image, its URL).
func TestTextKinds(t *testing.T) {
	for _, k := range postextract.Kinds {
		if textKinds[k] == nil {
			t.Errorf("kind %q has no text writer in textKinds", k)
			continue
		}
		blk := postextract.Block{Kind: k, Text: "unique words", Level: 1, Rows: [][]string{{"unique words"}}}
		want := "unique words"
		if k == postextract.KindImage {
			blk = postextract.Block{Kind: k, Image: &postextract.Image{URL: "https://example.com/unique.png"}}
			want = "https://example.com/unique.png"
		}
		assert.Contains(t, textOf(t, blk), want, "kind %q", k)
	}
}

func TestTextBlocks(t *testing.T) {
	link := func(text, url string) postextract.Run { return postextract.Run{Text: text, Link: url} }
	for _, c := range []struct {
		name   string
		blocks []postextract.Block
		want   string
	}{
		{"paragraph with a line break", []postextract.Block{para("one\ntwo")}, "one\ntwo\n"},
		{"blocks apart by a blank line", []postextract.Block{para("a"), para("b")}, "a\n\nb\n"},
		{"heading 1", []postextract.Block{{Kind: postextract.KindHeading, Level: 1, Text: "Title"}}, "Title\n=====\n"},
		{"heading 2", []postextract.Block{{Kind: postextract.KindHeading, Level: 2, Text: "Intro"}}, "Intro\n=====\n"},
		{"heading 3", []postextract.Block{{Kind: postextract.KindHeading, Level: 3, Text: "Part"}}, "Part\n----\n"},
		{"heading 6", []postextract.Block{{Kind: postextract.KindHeading, Level: 6, Text: "x"}}, "x\n-\n"},
		{"wide heading", []postextract.Block{{Kind: postextract.KindHeading, Level: 2, Text: "背景"}}, "背景\n====\n"},
		{"mixed heading", []postextract.Block{{Kind: postextract.KindHeading, Level: 2, Text: "Go 语言！"}}, "Go 语言！\n=========\n"},
		{"combining mark", []postextract.Block{{Kind: postextract.KindHeading, Level: 1, Text: "Cafe\u0301"}}, "Cafe\u0301\n====\n"},
		{"heading with a break: the longest line", []postextract.Block{{Kind: postextract.KindHeading, Level: 3, Text: "ab\nabcd"}}, "ab\nabcd\n----\n"},
		{"heading with a link", []postextract.Block{{Kind: postextract.KindHeading, Level: 1, Text: "Go",
			Runs: []postextract.Run{link("Go", "https://go.dev/")}}}, "Go <https://go.dev/>\n====================\n"},
		{"bullets", []postextract.Block{item(1, false, "a"), item(1, false, "b")}, "• a\n• b\n"},
		{"numbers", []postextract.Block{item(1, true, "a"), item(1, true, "b"), item(1, true, "c")}, "1. a\n2. b\n3. c\n"},
		{"numbering restarts after the list ends",
			[]postextract.Block{item(1, true, "a"), item(1, true, "b"), para("p"), item(1, true, "c")},
			"1. a\n2. b\n\np\n\n1. c\n"},
		{"another list at the same level",
			[]postextract.Block{item(1, false, "a"), item(1, true, "b"), item(1, true, "c")},
			"• a\n1. b\n2. c\n"},
		{"nested lists: under the parent's text, counted per level",
			[]postextract.Block{
				item(1, true, "a"), item(2, false, "b"), item(2, false, "c"),
				item(1, true, "d"), item(2, true, "e"), item(3, false, "f"), item(2, true, "g"),
				item(1, true, "h"),
			},
			"1. a\n   ◦ b\n   ◦ c\n2. d\n   1. e\n      ▪ f\n   2. g\n3. h\n"},
		{"a nested list counts anew under the next item",
			[]postextract.Block{item(1, false, "a"), item(2, true, "b"), item(2, true, "c"), item(1, false, "d"), item(2, true, "e")},
			"• a\n  1. b\n  2. c\n• d\n  1. e\n"},
		{"bullets repeat past level 3",
			[]postextract.Block{item(1, false, "1"), item(2, false, "2"), item(3, false, "3"), item(4, false, "4")},
			"• 1\n  ◦ 2\n    ▪ 3\n      • 4\n"},
		{"a skipped level still indents",
			[]postextract.Block{item(1, false, "a"), item(3, false, "c")},
			"• a\n    ▪ c\n"},
		{"level 0 reads as 1", []postextract.Block{item(0, false, "a")}, "• a\n"},
		{"depth is bounded", []postextract.Block{item(1<<30, false, "deep")}, strings.Repeat("  ", maxTextDepth-1) + "• deep\n"},
		{"continuation lines aligned", []postextract.Block{item(1, false, "one\ntwo"), item(2, true, "三\n四")},
			"• one\n  two\n  1. 三\n     四\n"},
		{"two-digit numbers align their own lines",
			[]postextract.Block{
				item(1, true, "1"), item(1, true, "2"), item(1, true, "3"), item(1, true, "4"), item(1, true, "5"),
				item(1, true, "6"), item(1, true, "7"), item(1, true, "8"), item(1, true, "9"), item(1, true, "ten\nmore"),
				item(2, false, "in"),
			},
			"1. 1\n2. 2\n3. 3\n4. 4\n5. 5\n6. 6\n7. 7\n8. 8\n9. 9\n10. ten\n    more\n    ◦ in\n"},
		{"quote", []postextract.Block{{Kind: postextract.KindQuote, Text: "said\nthis"}}, "> said\n> this\n"},
		{"code verbatim", []postextract.Block{{Kind: postextract.KindCode, Lang: "go", Text: "func f() {\n\treturn  \n\n}"}},
			"    func f() {\n    \treturn  \n\n    }\n"},
		{"table", []postextract.Block{{Kind: postextract.KindTable, Rows: [][]string{{"账号", "密码", "权限"}, {"admin", "123456", "读"}}}},
			"账号   密码    权限\n-----  ------  ----\nadmin  123456  读\n"},
		{"ragged table", []postextract.Block{{Kind: postextract.KindTable, Rows: [][]string{{"a", "b"}, {"long"}, {"x", "y", "z"}}}},
			"a     b\n----  -  -\nlong\nx     y  z\n"},
		{"one-row table, no rule", []postextract.Block{{Kind: postextract.KindTable, Rows: [][]string{{"a", "b"}}}}, "a  b\n"},
		{"table cells on one line", []postextract.Block{{Kind: postextract.KindTable, Rows: [][]string{{"a\nb", "c\td"}, {"e", "f"}}}},
			"a b  c d\n---  ---\ne    f\n"},
		{"table from its text", []postextract.Block{{Kind: postextract.KindTable, Text: "h1\th2\nv1\tv2"}}, "h1  h2\n--  --\nv1  v2\n"},
		{"image", []postextract.Block{{Kind: postextract.KindImage, Image: &postextract.Image{URL: "https://e.com/a.png", Alt: "A cat"}}},
			"[image: A cat] https://e.com/a.png\n"},
		{"image, empty alt", []postextract.Block{{Kind: postextract.KindImage, Image: &postextract.Image{URL: "https://e.com/a.png"}}},
			"[image] https://e.com/a.png\n"},
		{"image, title for want of alt", []postextract.Block{{Kind: postextract.KindImage, Image: &postextract.Image{URL: "cat.jpg", Title: "A cat"}}},
			"[image: A cat] cat.jpg\n"},
		{"image, alt before title", []postextract.Block{{Kind: postextract.KindImage, Image: &postextract.Image{URL: "cat.jpg", Alt: "alt", Title: "title"}}},
			"[image: alt] cat.jpg\n"},
		{"image with caption", []postextract.Block{{Kind: postextract.KindImage, Image: &postextract.Image{URL: "https://e.com/a.png", Alt: "x", Caption: "图一"}}},
			"[image: x] https://e.com/a.png\n图一\n"},
		{"image without Image", []postextract.Block{{Kind: postextract.KindImage}}, "[image]\n"},
		{"caption", []postextract.Block{{Kind: postextract.KindCaption, Text: "策略一"}}, "策略一\n"},
		{"link after its text", []postextract.Block{{Kind: postextract.KindParagraph, Text: "See the docs now",
			Runs: []postextract.Run{{Text: "See "}, link("the ", "https://go.dev/doc/"), {Text: "docs", Link: "https://go.dev/doc/", Strong: true}, {Text: " now"}}}},
			"See the docs <https://go.dev/doc/> now\n"},
		{"a link that is its URL", []postextract.Block{{Kind: postextract.KindParagraph, Text: "at https://go.dev/",
			Runs: []postextract.Run{{Text: "at "}, link("https://go.dev/", "https://go.dev/")}}},
			"at https://go.dev/\n"},
		{"link in a list item", []postextract.Block{{Kind: postextract.KindListItem, Level: 1, Text: "x",
			Runs: []postextract.Run{link("x", "https://x.example/")}}},
			"• x <https://x.example/>\n"},
		{"terminal escapes made visible", []postextract.Block{para("red\x1b[31m!\x07\u009b\x7f"), {Kind: postextract.KindCode, Text: "a\tb\x1b"}},
			"red␛[31m!␇\ufffd␡\n\n    a\tb␛\n"},
		{"unknown kind as a paragraph", []postextract.Block{{Kind: "aside", Text: "kept"}}, "kept\n"},
	} {
		t.Run(c.name, func(t *testing.T) {
			assert.Equal(t, c.want, textOf(t, c.blocks...))
		})
	}
}

func TestTextHeader(t *testing.T) {
	date := time.Date(2022, 8, 21, 5, 22, 8, 0, time.UTC)
	for _, c := range []struct {
		name string
		a    postextract.Article
		want string
	}{
		{"everything", postextract.Article{
			Title: "Hello", Date: date, Updated: date.Add(time.Hour), Author: "Me",
			Categories: []string{"A", "B"}, Tags: []string{"t", "u"}, Draft: true,
			Warnings: []postextract.Warning{{Message: "relative image URL kept"}, {Message: "date zone guessed"}},
			Blocks:   []postextract.Block{para("Body.")},
		}, "Hello\n2022-08-21T05:22:08Z · updated 2022-08-21T06:22:08Z · Me · A, B · #t #u · draft\n" +
			"! relative image URL kept\n! date zone guessed\n\nBody.\n"},
		{"updated as the date is not repeated", postextract.Article{Title: "T", Date: date, Updated: date},
			"T\n2022-08-21T05:22:08Z\n"},
		{"no metadata, no line", postextract.Article{Title: "T", Blocks: []postextract.Block{para("x")}}, "T\n\nx\n"},
		{"a warning without title", postextract.Article{Warnings: []postextract.Warning{{Message: "w"}}}, "! w\n"},
		{"title on one line, escapes visible", postextract.Article{Title: "a\nb\x1b]0;pwned\x07"}, "a b␛]0;pwned␇\n"},
		{"nothing", postextract.Article{}, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			var b strings.Builder
			require.NoError(t, Text(&b, &c.a))
			assert.Equal(t, c.want, b.String())
		})
	}
}

type failWriter struct{}

var errWrite = errors.New("disk full")

func (failWriter) Write([]byte) (int, error) { return 0, errWrite }

func TestTextErrors(t *testing.T) {
	assert.ErrorIs(t, Text(&strings.Builder{}, nil), ErrNilArticle)
	assert.ErrorIs(t, Text(failWriter{}, &postextract.Article{Title: "x"}), errWrite)
}

func TestDisplayWidth(t *testing.T) {
	for s, want := range map[string]int{
		"":              0,
		"abc":           3,
		"中文":            4,
		"ｆｕｌｌ":          8, // fullwidth forms
		"ﾊﾝｶｸ":          4, // halfwidth katakana
		"한국어":           6,
		"e\u0301":       1,
		"👍":             2,
		"👍\ufe0f":       2, // variation selector
		"a\u200db":      2, // zero-width joiner
		"•◦▪":           3, // ambiguous: one column
		"Go 语言！":        9,
		"\u00e9t\u00e9": 3,
	} {
		assert.Equal(t, want, displayWidth(s), "%q", s)
	}
}
