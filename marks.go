package postextract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// mark is one inline mark of a run.
type mark uint8

const (
	markStrong mark = 1 << iota // b, strong
	markEm                      // i, em, cite, dfn
	markCode                    // code, kbd, samp, tt
	markDel                     // del, s, strike
)

// marks is what the builder knows of the inline marks of the current run:
// how many elements of each mark are open, the open links, and where in
// the run the marks change.
type marks struct {
	open   [4]int          // open elements, by mark bit
	links  []openLink      // open links, innermost last
	spans  []span          // where the marks change in the run's buf
	marked bool            // a span of the run has a mark or a link
	seen   map[string]bool // the link URLs in Links
}

// span starts at buf offset at and runs to the next span.
type span struct {
	at   int
	set  mark
	link string
}

type openLink struct {
	url, title, imgAlt string
	text               []byte // the anchor's text, as written
	slot               int    // its index in Links when this anchor is the first for its URL, else -1
	image              bool   // an <img> is inside
}

func (m *marks) current() (mark, string) {
	var set mark
	for i, n := range m.open {
		if n > 0 {
			set |= 1 << i
		}
	}
	link := ""
	if k := len(m.links); k > 0 {
		link = m.links[k-1].url
	}
	return set, link
}

// changed notes that the marks may differ from here on, at buf offset at.
func (m *marks) changed(at int) {
	set, link := m.current()
	if k := len(m.spans); k > 0 {
		last := &m.spans[k-1]
		if last.set == set && last.link == link {
			return
		}
		if last.at == at {
			*last = span{at, set, link}
			m.marked = m.marked || set != 0 || link != ""
			return
		}
	} else if set == 0 && link == "" {
		return
	}
	m.spans = append(m.spans, span{at, set, link})
	m.marked = m.marked || set != 0 || link != ""
}

// spaceMarks returns, when a span starts at buf offset at, the marks that
// the white space written there takes: those it shares with the span
// before (with none: "a <b>b</b>" and "<b>a</b> <i>b</i>" keep the space
// outside the marks), and whether they differ from the span's own.
func (m *marks) spaceMarks(at int) (span, bool) {
	k := len(m.spans) - 1
	if k < 0 || m.spans[k].at != at {
		return span{}, false
	}
	var prev span
	if k > 0 {
		prev = m.spans[k-1]
	}
	last := m.spans[k]
	both := span{at: at, set: prev.set & last.set}
	if prev.link == last.link {
		both.link = last.link
	}
	return both, both.set != last.set || both.link != last.link
}

// restart starts the marks of a new run with those open now.
func (m *marks) restart() {
	m.spans, m.marked = m.spans[:0], false
	m.changed(0)
}

// split keeps the spans from buf offset at on, moved to start at 0: the
// run goes on from there (a run cut where a <noscript> twin's image stands).
func (m *marks) split(at int) []span {
	var tail []span
	for i, sp := range m.spans {
		switch {
		case sp.at >= at:
			tail = append(tail, span{sp.at - at, sp.set, sp.link})
		case i+1 == len(m.spans) || m.spans[i+1].at > at:
			tail = append(tail, span{0, sp.set, sp.link}) // the span that covers at
		}
	}
	return tail
}

// resume sets the spans of a run that goes on.
func (m *marks) resume(spans []span) {
	m.spans, m.marked = append(m.spans[:0], spans...), false
	for _, sp := range spans {
		m.marked = m.marked || sp.set != 0 || sp.link != ""
	}
}

func markIndex(k mark) int {
	for i := 0; i < 4; i++ {
		if k == 1<<i {
			return i
		}
	}
	return 0
}

func (b *builder) openMark(k mark) {
	b.marks.open[markIndex(k)]++
	b.marks.changed(len(b.buf))
}

func (b *builder) closeMark(k mark) {
	if i := markIndex(k); b.marks.open[i] > 0 {
		b.marks.open[i]--
	}
	b.marks.changed(len(b.buf))
}

// openLink starts an outbound link; title is the anchor's title attribute.
// The first anchor of a URL takes its place in Links now, so that Links
// keep the order in which links open.
func (b *builder) openLink(u, title string) {
	l := openLink{url: u, title: title, slot: -1}
	if b.marks.seen == nil {
		b.marks.seen = map[string]bool{}
	}
	if !b.marks.seen[u] {
		l.slot = len(b.a.Links)
		b.marks.seen[u] = true
		b.a.Links = append(b.a.Links, Link{URL: u})
	}
	b.marks.links = append(b.marks.links, l)
	b.marks.changed(len(b.buf))
}

// openFootnoteRef starts a footnote reference (goldmark's <a
// class="footnote-ref" href="#fn:N">): an open link that no URL of Links
// takes, its link the number behind footnoteMark, so that two references
// side by side stay two runs.
func (b *builder) openFootnoteRef(label string) {
	b.marks.links = append(b.marks.links, openLink{url: footnoteMark + label, slot: -1})
	b.marks.changed(len(b.buf))
}

// footnoteMark starts the link of a footnote reference's span; no URL
// starts with a NUL.
const footnoteMark = "\x00fn:"

// linkImage notes an image inside the open link, and its alt: the link's
// text when it has none.
func (b *builder) linkImage(alt string) {
	if k := len(b.marks.links); k > 0 {
		l := &b.marks.links[k-1]
		l.image = true
		if l.imgAlt == "" {
			l.imgAlt = alt
		}
	}
}

// linkAround is the URL of the innermost open outbound link, for an image
// inside it: "" when there is none, or when it is an image file (the
// image's full size, which closeLink leaves out of Links too).
func (b *builder) linkAround() string {
	if k := len(b.marks.links); k > 0 && !strings.HasPrefix(b.marks.links[k-1].url, footnoteMark) &&
		!isImageFile(b.marks.links[k-1].url) { // the image's full size (closeLink)
		return b.marks.links[k-1].url
	}
	return ""
}

// linkSpace separates the words of an open link's text at a line break or
// a block edge.
func (b *builder) linkSpace() {
	if k := len(b.marks.links); k > 0 {
		b.marks.links[k-1].text = append(b.marks.links[k-1].text, ' ')
	}
}

// closeLink ends the innermost link; the first anchor of a URL gives the
// link its text (else its title, its image's alt, its URL). An anchor to an
// image file around an image is the image's full size, not a link.
func (b *builder) closeLink() {
	k := len(b.marks.links)
	if k == 0 {
		return
	}
	l := b.marks.links[k-1]
	b.marks.links = b.marks.links[:k-1]
	b.marks.changed(len(b.buf))
	if l.slot < 0 {
		return
	}
	if l.image && isImageFile(l.url) {
		b.a.Links[l.slot].URL = "" // removed when the walk ends
		return
	}
	text := collapse(string(l.text))
	for _, alt := range []string{l.title, l.imgAlt} {
		if text == "" {
			text = collapse(alt)
		}
	}
	if text == "" {
		text = l.url // as it is: a zero-width character stays in a URL
	}
	b.a.Links[l.slot].Text = text
}

// cleanRuns is cleanLines that also cuts the text into runs where the
// marks change: every line trimmed, empty ones dropped, lines joined with
// "\n" (which goes to the run before it). The runs' texts are slices of
// the block's text.
// cuts is scratch space for the run cuts, returned for reuse.
func cleanRuns(buf []byte, spans []span, cuts []runCut) (string, []Run, []runCut) {
	var out strings.Builder // one allocation: the text is at most buf
	out.Grow(len(buf))
	cuts = cuts[:0]
	add := func(set mark, link string) {
		if k := len(cuts); k > 0 && cuts[k-1].set == set && cuts[k-1].link == link {
			cuts[k-1].end = out.Len()
			return
		}
		cuts = append(cuts, runCut{out.Len(), set, link})
	}
	si := 0
	for i := 0; i < len(buf); {
		j := i
		for j < len(buf) && buf[j] != '\n' {
			j++
		}
		from, to := trimRange(buf, i, j)
		if from < to && out.Len() > 0 {
			out.WriteByte('\n')
			cuts[len(cuts)-1].end = out.Len()
		}
		for from < to {
			for si < len(spans) && spans[si].at <= from {
				si++ // spans[si] is the first to start after from
			}
			var set mark
			link := ""
			if si > 0 {
				set, link = spans[si-1].set, spans[si-1].link
			}
			end := to
			if si < len(spans) && spans[si].at < end {
				end = spans[si].at
			}
			out.Write(buf[from:end])
			add(set, link)
			from = end
		}
		i = j + 1
	}
	text := out.String()
	return text, runsOf(text, cuts), cuts
}

// runCut ends a run at end, an offset in the block's text.
type runCut struct {
	end  int
	set  mark
	link string
}

// runsOf cuts text into runs at cuts; none when no cut has a mark.
func runsOf(text string, cuts []runCut) []Run {
	marked := false
	for _, c := range cuts {
		marked = marked || c.set != 0 || c.link != ""
	}
	if !marked {
		return nil
	}
	runs := make([]Run, len(cuts))
	start := 0
	for i, c := range cuts {
		runs[i] = runOf(text[start:c.end], c.set, c.link)
		start = c.end
	}
	return runs
}

// trimRange returns buf[i:j] without leading and trailing Unicode spaces,
// as bounds.
func trimRange(buf []byte, i, j int) (int, int) {
	for i < j {
		r, n := utf8.DecodeRune(buf[i:j])
		if !unicode.IsSpace(r) {
			break
		}
		i += n
	}
	for j > i {
		r, n := utf8.DecodeLastRune(buf[i:j])
		if !unicode.IsSpace(r) {
			break
		}
		j -= n
	}
	return i, j
}

// runOf is the Run of text with the marks set and link.
func runOf(text string, set mark, link string) Run {
	footnote := ""
	if n, ok := strings.CutPrefix(link, footnoteMark); ok {
		footnote, link = n, ""
	}
	return Run{Text: text, Link: link, Footnote: footnote, Strong: set&markStrong != 0, Em: set&markEm != 0,
		Code: set&markCode != 0, Del: set&markDel != 0}
}

// marks returns the run's marks as a set.
func (r Run) marks() mark {
	var set mark
	for bit, on := range [...]bool{r.Strong, r.Em, r.Code, r.Del} {
		if on {
			set |= 1 << bit
		}
	}
	return set
}

// appendRun adds text with its marks, merged into the last run when the
// marks are the same.
func appendRun(runs *[]Run, text string, set mark, link string) {
	if text == "" {
		return
	}
	r := runOf(text, set, link)
	if k := len(*runs); k > 0 {
		last := &(*runs)[k-1]
		if last.Link == r.Link && last.Footnote == r.Footnote && last.Strong == r.Strong && last.Em == r.Em && last.Code == r.Code && last.Del == r.Del {
			last.Text += text
			return
		}
	}
	*runs = append(*runs, r)
}
