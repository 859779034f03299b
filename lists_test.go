package postextract

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
)

// listNumbers returns the Number of every list_item block.
func listNumbers(a *Article) []int {
	var n []int
	for _, b := range a.Blocks {
		if b.Kind == KindListItem {
			n = append(n, b.Number)
		}
	}
	return n
}

// Ordered items show their numbers: a list's start, counted on, an <li
// value>; the blocks of one item share its number; unordered items and
// numbers that are no whole number from 1 have none.
func TestListNumbers(t *testing.T) {
	for _, c := range []struct {
		name, body string
		md         bool
		want       []int
	}{
		{"counted from 1", "<ol><li>a</li><li>b</li></ol>", false, []int{1, 2}},
		{"a start", `<ol start="3"><li>a</li><li>b</li></ol>`, false, []int{3, 4}},
		{"a value counts on", `<ol><li>a</li><li value="7">b</li><li>c</li></ol>`, false, []int{1, 7, 8}},
		{"no number that is not a whole number from 1", `<ol start="-2"><li>a</li><li value="0">b</li><li value="x">c</li></ol><ol start="1234567890"><li>d</li></ol>`, false, []int{1, 2, 3, 1}},
		{"unordered and nested", "<ul><li>a<ol start=5><li>b</li></ol></li></ul>", false, []int{0, 5}},
		{"one item's blocks", "<ol><li><p>a</p><p>a2</p></li><li>b</li></ol>", false, []int{1, 1, 2}},
		{"Markdown: code between steps", "1. Install it:\n\n   ```\n   npm i x\n   ```\n2. Run it:\n3. Done\n", true, []int{1, 2, 3}},
		{"Markdown: a list that starts at 3", "3. c\n4. d\n", true, []int{3, 4}},
		{"Markdown: a new list after a paragraph", "1. a\n2. b\n\nthen\n\n1. c\n", true, []int{1, 2, 1}},
	} {
		t.Run(c.name, func(t *testing.T) {
			var opts []Option
			if c.md {
				opts = append(opts, WithFormat(FormatMarkdown))
			}
			a := parseOK(t, c.body, opts...)
			assert.Equal(t, c.want, listNumbers(a))
		})
	}
}

// A list item's blocks after its first continue it when they come right
// after it, or after the lists nested in it; two lists side by side that
// both count from 1 do not.
func TestListItemContinued(t *testing.T) {
	a := parseOK(t, "<ol><li><p>a</p><p>a2</p><pre><code>c</code></pre><p>a3</p></li></ol><ol><li>b</li></ol><ul><li>x<ul><li>y</li></ul>x2</li></ul>")
	var got []string
	for _, b := range a.Blocks {
		got = append(got, fmt.Sprintf("%s:%d:%v", b.Text, b.Number, b.Continued))
	}
	assert.Equal(t, []string{"a:1:false", "a2:1:true", "c:1:true", "a3:1:true", "b:1:false", "x:0:false", "y:0:false", "x2:0:true"}, got)
}
