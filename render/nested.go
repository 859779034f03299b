package render

import (
	"slices"
	"strings"

	"github.com/postextract/postextract"
)

// The per-run writer closes every mark at every run's edge, so a bold
// sentence with a link, a code span or an emphasised word inside came out
// as pieces, and a piece whose mark ends in white space cannot close:
// HTML stood for it. A block whose marks span several runs is written
// here instead, with nested delimiters (**a *b* [c](u) d**), when the
// reader reads that back as the same runs.

// markSpan is a stretch of runs [start, end) that share a mark, or a link.
type markSpan struct {
	start, end int
	rank       int    // for spans over the same runs: the lower is outside
	delim      string // "~~", "**", "*"; "" for a link
	link       string
	bare       bool // a link whose text is its URL, written as GFM autolinks it
}

// spanMarks are the marks that spans carry, outermost first; a link goes
// inside them all.
var spanMarks = []struct {
	delim string
	on    func(postextract.Run) bool
}{
	{"~~", func(r postextract.Run) bool { return r.Del }},
	{"**", func(r postextract.Run) bool { return r.Strong }},
	{"*", func(r postextract.Run) bool { return r.Em }},
}

// spansRuns reports whether two runs side by side share a mark, and differ
// otherwise: a mark that spans more than one run.
func spansRuns(runs []postextract.Run) bool {
	for i := 0; i+1 < len(runs); i++ {
		a, b := runs[i], runs[i+1]
		if a.Strong && b.Strong || a.Em && b.Em || a.Del && b.Del {
			return true
		}
	}
	return false
}

// markSpans returns the spans of runs in writing order (by start, the
// longer first), or false when they do not nest (a bold stretch that
// starts inside a link and ends past it) or a run needs more than
// delimiters say: a footnote reference, a code span that the per-run
// writer would not write as one, a link Markdown cannot write.
func markSpans(runs []postextract.Run, bare bool) ([]markSpan, bool) {
	var spans []markSpan
	for i := 0; i < len(runs); i++ {
		r := runs[i]
		if r.Footnote != "" || r.Text == "" || r.Link != "" && !mdURL(r.Link) ||
			r.Code && (strings.Contains(r.Text, "\n") || hasTagEscape(r.Text) || strings.Contains(r.Text, "&#") || strings.ContainsFunc(r.Text, isControl)) {
			return nil, false
		}
		if r.Link != "" && (i == 0 || runs[i-1].Link != r.Link) {
			j := linkEnd(runs, i)
			s := markSpan{start: i, end: j, rank: len(spanMarks), link: r.Link}
			s.bare = bare && j == i+1 && autolinkRun(r)
			spans = append(spans, s)
		}
		for k, m := range spanMarks {
			if m.on(r) && (i == 0 || !m.on(runs[i-1])) {
				j := i + 1
				for j < len(runs) && m.on(runs[j]) {
					j++
				}
				spans = append(spans, markSpan{start: i, end: j, rank: k, delim: m.delim})
			}
		}
	}
	slices.SortStableFunc(spans, func(a, b markSpan) int {
		if a.start != b.start {
			return a.start - b.start
		}
		if a.end != b.end {
			return b.end - a.end
		}
		return a.rank - b.rank
	})
	var open []markSpan
	for _, s := range spans {
		for len(open) > 0 && open[len(open)-1].end <= s.start {
			open = open[:len(open)-1]
		}
		if len(open) > 0 && s.end > open[len(open)-1].end {
			return nil, false // they cross
		}
		open = append(open, s)
	}
	return spans, true
}

// writeNested writes runs with their spans' delimiters around them, in
// e's context.
func writeNested(e *escaper, runs []postextract.Run, spans []markSpan) {
	var open []markSpan
	closeTo := func(i int) {
		for len(open) > 0 && open[len(open)-1].end <= i {
			s := open[len(open)-1]
			open = open[:len(open)-1]
			if s.bare {
				continue
			}
			if s.delim == "" {
				e.out.WriteString("](")
				writeDestination(e.out, s.link)
				e.out.WriteString(")")
				e.inLink, e.afterDelim, e.prev = false, false, ')'
				continue
			}
			e.out.WriteString(s.delim)
			e.afterDelim, e.prev = true, 0
		}
	}
	next := 0
	for i, r := range runs {
		closeTo(i)
		for ; next < len(spans) && spans[next].start == i; next++ {
			s := spans[next]
			open = append(open, s)
			if s.bare {
				continue
			}
			if s.delim == "" {
				e.out.WriteString("[")
				e.inLink, e.afterDelim, e.prev = true, false, '['
			} else {
				e.out.WriteString(s.delim)
				e.afterDelim, e.prev = true, 0
			}
			e.lineStart = false
		}
		switch {
		case r.Code:
			e.out.WriteString(codeSpan(r.Text, e.codeFence(r.Text)))
			e.lineStart, e.afterDelim, e.prev = false, true, 0
			continue
		case len(open) > 0 && open[len(open)-1].bare:
			e.out.WriteString(r.Text) // what GFM's autolinks read as it is
			e.lineStart, e.afterDelim, e.prev = false, false, rune(r.Text[len(r.Text)-1])
			continue
		}
		// A "!" right before a link's "[" would make it an image.
		e.bangEnd = i+1 < len(runs) && runs[i+1].Link != "" && runs[i+1].Link != r.Link
		e.next = runAfter(runs, i, r.Link)
		e.text(r.Text)
	}
	closeTo(len(runs))
}

// nestedReadsBack writes a block's runs with nested delimiters and reports
// whether the reader reads that, alone as a paragraph, as the same text and
// runs; braceRefs writes every { as a reference, as in a heading that
// ends with "}".
func nestedReadsBack(blk *postextract.Block, spans []markSpan, braceRefs bool) bool {
	var b strings.Builder
	e := escaper{out: &b, lineStart: true, braceRefs: braceRefs, tickRefs: strings.Count(blk.Text, "`") > maxEscapedTicks}
	writeNested(&e, blk.Runs, spans)
	got, ok := readBack(b.String(), blk)
	return ok && got.Kind == postextract.KindParagraph
}

// autolinkRun reports whether a link run may be written as a GFM autolink:
// no mark, and its text its URL (or www.… for http://www.…), with nothing
// an autolink would end at or read otherwise.
func autolinkRun(r postextract.Run) bool {
	if r.Strong || r.Em || r.Code || r.Del || r.Footnote != "" {
		return false
	}
	if r.Text != r.Link && !(strings.HasPrefix(r.Text, "www.") && "http://"+r.Text == r.Link) {
		return false
	}
	if !strings.HasPrefix(r.Text, "https://") && !strings.HasPrefix(r.Text, "http://") && !strings.HasPrefix(r.Text, "www.") {
		return false
	}
	// Whether the rest reads back where it stands, the reading tells.
	return !strings.ContainsAny(r.Text, " \t\n<>\\`{") && !strings.ContainsFunc(r.Text, isControl)
}

// hasAutolink reports whether a link of runs may be written bare.
func hasAutolink(runs []postextract.Run) bool {
	for i, r := range runs {
		if autolinkRun(r) && linkEnd(runs, i) == i+1 && (i == 0 || runs[i-1].Link != r.Link) {
			return true
		}
	}
	return false
}
