package postextract

import (
	"bytes"
	"strconv"
	"strings"
)

// costPatterns are Markdown bodies that cost a CommonMark parser more than
// linear time unless guarded (item 23 of issue 22), and prose, the
// yardstick: each makes a body of about n bytes.
var costPatterns = []struct {
	name string
	make func(n int) []byte
}{
	{"prose", prose},
	{"link-open", repeat("[a](")},
	{"image-open", repeat("![a](")},
	{"ref-open", repeat("[a][")},
	{"bracket", repeat("[")},
	{"bracket-words", repeat("[a ")},
	{"angle", repeat("<")},
	{"angle-words", repeat("<a ")},
	{"star-run", repeat("*")},
	{"star-words", repeat("*a ")},
	{"under-words", repeat("_a ")},
	{"star-mixed", repeat("**a*")},
	{"backtick-run", repeat("`")},
	{"backtick-growing", backtickRuns},
	{"quote-nest", repeat("> ")},
	{"quote-lines", repeatLines("> ", "x")},
	{"callout-lines", repeat("> [!note]\n")},
	{"callout-nest", repeat("> [!note] ")},
	{"dash-nest", repeat("- ")},
	{"dash-lines", repeatLines("  ", "- x")},
	{"ordered-nest", repeat("1. ")},
	{"pipe-line", repeat("|")},
	{"pipe-table", pipeTable},
	{"link-angle", repeat("[a](<")},
	{"link-title", repeat("[a](b (")},
	{"ref-lines", repeat("[a]\n")},
	{"footnote-lines", repeat("[^a]\n")},
	{"nested-brackets", brackets},
	{"under-star", repeat("_a*")},
	{"star-under", repeat("*a_")},
	{"tilde-words", repeat("~a ")},
	{"tag-open", repeat("<a b=\"")},
	{"ordered-lines", repeatLines("   ", "1. x")},
	{"quote-list-nest", repeat("> - ")},
	{"mixed", repeat("> - 1. [a](![b][*_`<|")},
}

// prose is ordinary paragraphs of words.
func prose(n int) []byte {
	words := strings.Fields("the quick brown fox jumps over a lazy dog while " +
		"writers of blog posts explain how their programs work, with examples and notes.")
	var b bytes.Buffer
	for i := 0; b.Len() < n; i++ {
		b.WriteString(words[i%len(words)])
		switch {
		case i%97 == 96:
			b.WriteString(".\n\n")
		case i%13 == 12:
			b.WriteString("\n")
		default:
			b.WriteString(" ")
		}
	}
	return b.Bytes()
}

// repeat makes a body of unit repeated to n bytes.
func repeat(unit string) func(int) []byte {
	return func(n int) []byte {
		return bytes.Repeat([]byte(unit), max(1, n/len(unit)))
	}
}

// repeatLines makes lines of prefix repeated 1, 2, 3… times, then text.
func repeatLines(prefix, text string) func(int) []byte {
	return func(n int) []byte {
		var b bytes.Buffer
		for d := 1; b.Len() < n; d++ {
			b.WriteString(strings.Repeat(prefix, d))
			b.WriteString(text + "\n")
		}
		return b.Bytes()
	}
}

// backtickRuns makes runs of 1, 2, 3… backticks with a word between.
func backtickRuns(n int) []byte {
	var b bytes.Buffer
	for k := 1; b.Len() < n; k++ {
		b.WriteString(strings.Repeat("`", k))
		b.WriteString("a")
	}
	return b.Bytes()
}

// pipeTable makes a table header and delimiter of many cells, then rows.
func pipeTable(n int) []byte {
	head := strings.Repeat("|a", 1000) + "|\n" + strings.Repeat("|-", 1000) + "|\n"
	var b bytes.Buffer
	b.WriteString(head)
	for i := 0; b.Len() < n; i++ {
		b.WriteString("|" + strconv.Itoa(i) + strings.Repeat("|", 50) + "\n")
	}
	return b.Bytes()
}

// brackets makes "[" then as many "]": labels nested n/2 deep.
func brackets(n int) []byte {
	return append(bytes.Repeat([]byte("["), n/2), bytes.Repeat([]byte("]"), n/2)...)
}
