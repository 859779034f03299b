package render

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/postextract/postextract"
)

// escaper writes text so that CommonMark (with GFM, the reader's template
// tags, Obsidian links and container fences) reads it back as the same
// text.
type escaper struct {
	out        *strings.Builder
	prefix     string // what a continuation line starts with
	lineStart  bool   // the next character starts a line
	inLink     bool   // inside [link text] or ![alt]: ] is markup
	cell       bool   // inside a table cell: | is markup
	afterDelim bool   // the last thing written was a delimiter or a tag
	bangEnd    bool   // a link follows the text: escape a "!" at its end
	tickRefs   bool   // write a backtick as &#96;, not \` (see maxEscapedTicks)
	htmlMarks  bool   // write every mark as HTML (see denseMarks)
	braceRefs  bool   // write every { as &#123; (a heading's attribute list)
	prev       rune   // the last character of text written
	next       rune   // the character after the run being written; -1 for none
}

// run writes one run; it reports whether it used HTML for its marks.
func (e *escaper) run(r postextract.Run) bool {
	if !r.Strong && !r.Em && !r.Code && !r.Del {
		e.text(r.Text)
		return false
	}
	if t := strings.TrimRight(r.Text, "\n"); t != r.Text && strings.TrimSpace(t) != "" {
		// A line break at the end of a marked run is read back into the
		// run from a break right after its mark: the mark is written
		// around the text before it, then the break.
		marked := r
		marked.Text = t
		next := e.next
		e.next = '\\'
		usedHTML := e.run(marked)
		e.next = next
		e.text(r.Text[len(t):])
		return usedHTML
	}
	if delim, ok := e.delimiters(r); ok && !e.htmlMarks {
		if delim == "" { // a code span alone: no flanking rules
			e.out.WriteString(codeSpan(r.Text, e.codeFence(r.Text)))
			e.lineStart, e.afterDelim, e.prev = false, true, 0
			return false
		}
		// The text as written, and as a paragraph of its own would say it
		// (no container prefix after a line break), for goldmark to read.
		inner, alone := e.markText(r, e.prefix), e.markText(r, "")
		if closes(flankRep(e.before(), -1), delim, alone, nextRep(e.next), r.Code) {
			e.out.WriteString(delim + inner + delim)
			e.lineStart, e.afterDelim, e.prev = false, true, 0
			return false
		}
	}
	for _, t := range markTags {
		if t.on(r) {
			e.out.WriteString("<" + t.tag + ">")
		}
	}
	e.lineStart, e.afterDelim, e.prev = false, false, 0
	e.text(r.Text)
	for k := len(markTags) - 1; k >= 0; k-- {
		if markTags[k].on(r) {
			e.out.WriteString("</" + markTags[k].tag + ">")
		}
	}
	e.afterDelim, e.prev = false, 0
	return true
}

// markText returns what stands between a run's delimiters: its code span,
// or its text escaped, a line break continuing with prefix.
func (e *escaper) markText(r postextract.Run, prefix string) string {
	if r.Code {
		return codeSpan(r.Text, e.codeFence(r.Text))
	}
	var b strings.Builder
	sub := *e
	sub.out, sub.lineStart, sub.prefix = &b, false, prefix
	sub.text(r.Text)
	return b.String()
}

// before returns the character written before the next run, as the
// flanking rules see it: -1 at a line's start, '>' after a delimiter or
// a tag.
func (e *escaper) before() rune {
	switch {
	case e.lineStart:
		return -1
	case e.prev == 0:
		return '>'
	}
	return e.prev
}

// delimiters returns the Markdown delimiters that could say a run's marks
// other than code ("" for code alone), when Markdown can say them at all:
// one kind of mark (or strong with emphasis) around a text with no white
// space at its edges, a code span that a backtick fence can hold, and not
// right after another delimiter, which would merge with it. For a code
// span alone that is the answer; for the other marks run asks goldmark
// whether the pair closes where it stands.
func (e *escaper) delimiters(r postextract.Run) (string, bool) {
	t := r.Text
	// After an escaped delimiter character goldmark still counts it into
	// the delimiter run that follows.
	if t == "" || e.afterDelim || strings.ContainsRune("*_~`", e.prev) {
		return "", false
	}
	if r.Code {
		if strings.Contains(t, "\n") || hasTagEscape(t) || strings.Contains(t, "&#") || strings.ContainsFunc(t, isControl) {
			return "", false
		}
		if n := len(e.codeFence(t)); e.lineStart && n >= 3 && !r.Strong && !r.Em && !r.Del {
			return "", false // a fence at a line start opens a code block
		}
	} else {
		first, _ := utf8.DecodeRuneInString(t)
		last, _ := utf8.DecodeLastRuneInString(t)
		if unicode.IsSpace(first) || unicode.IsSpace(last) {
			return "", false
		}
	}
	switch {
	case r.Del && !r.Strong && !r.Em:
		return "~~", true
	case r.Del:
		return "", false
	case r.Strong && r.Em:
		return "***", true
	case r.Strong:
		return "**", true
	case r.Em:
		return "*", true
	}
	return "", true
}

// codeFence returns the backtick fence of a code span holding t: one
// backtick more than its longest run of them.
func (e *escaper) codeFence(t string) string {
	return strings.Repeat("`", longestRun(t, '`')+1)
}

// mdEntityAt reports whether the & at s[i] starts what CommonMark reads as
// a character reference: &#digits;, &#xhex; or &name; (a name it may not
// know counts too). Any other & is text as it stands, in a URL as well
// (?w=1&h=2).
func mdEntityAt(s string, i int) bool {
	j := i + 1
	if j < len(s) && s[j] == '#' {
		j++
		hex := j < len(s) && (s[j] == 'x' || s[j] == 'X')
		if hex {
			j++
		}
		k := j
		for k < len(s) && k-j < 8 && ('0' <= s[k] && s[k] <= '9' || hex && isHex(s[k])) {
			k++
		}
		return k > j && k < len(s) && s[k] == ';'
	}
	k := j
	for k < len(s) && k-j < 40 && (isAlnum(rune(s[k])) && s[k] < utf8.RuneSelf) {
		k++
	}
	return k > j && k < len(s) && s[k] == ';' && !('0' <= s[j] && s[j] <= '9')
}

// codeSpan returns t as a code span with the given backtick fence. CommonMark
// strips one space from each end of a span's text that starts and ends
// with one (and is not all spaces), and a backtick at an end would join the
// fence: then the text is padded with a space on each side.
func codeSpan(t, fence string) string {
	pad := ""
	if t[0] == '`' || t[len(t)-1] == '`' || t[0] == ' ' && t[len(t)-1] == ' ' && strings.Trim(t, " ") != "" {
		pad = " "
	}
	return fence + pad + t + pad + fence
}

// text writes plain text: a "\n" as a hard break, and every character that
// could start markup escaped.
func (e *escaper) text(s string) {
	for {
		line, rest, more := strings.Cut(s, "\n")
		if !more && e.bangEnd && strings.HasSuffix(line, "!") {
			e.line(line[:len(line)-1])
			e.out.WriteString(`\!`)
			e.prev = '!'
			return
		}
		e.line(line)
		if !more {
			return
		}
		if e.cell {
			e.out.WriteString("<br>")
			e.afterDelim, e.prev = false, '>'
			s = rest
			continue
		}
		// goldmark does not take "\\\" at a line end as an escaped
		// backslash and a break: after a backslash the break is two spaces.
		if strings.HasSuffix(e.out.String(), `\\`) {
			e.out.WriteString("  \n" + e.prefix)
		} else {
			e.out.WriteString("\\\n" + e.prefix)
		}
		e.lineStart, e.afterDelim = true, false
		s = rest
	}
}

// line writes one line of text.
func (e *escaper) line(s string) {
	if s == "" {
		return
	}
	if e.lineStart {
		s = e.lineLead(s)
	}
	for i := 0; i < len(s); {
		c, size := utf8.DecodeRuneInString(s[i:])
		switch c {
		case '<':
			// A reference, not "\<": the reader's sniffing looks for tags
			// before CommonMark reads the escapes.
			e.out.WriteString("&lt;")
		case '`':
			if e.tickRefs {
				e.out.WriteString("&#96;")
			} else {
				e.out.WriteString("\\`")
			}
		case '*', '~':
			e.out.WriteByte('\\')
			e.out.WriteByte(byte(c))
		case '!':
			// goldmark's footnote parser, met at "!", takes the character
			// after it for a "[": !z^1] is a reference.
			if i+2 < len(s) && s[i+2] == '^' {
				e.out.WriteByte('\\')
			}
			e.out.WriteByte('!')
		case '^':
			if o := e.out.String(); strings.HasSuffix(o, "[") && !strings.HasSuffix(o, `\[`) { // [^ opens a footnote reference
				e.out.WriteByte('\\')
			}
			e.out.WriteByte('^')
		case '\\', '[', '|':
			if e.markupAt(s, i) {
				e.out.WriteByte('\\')
			}
			e.out.WriteByte(byte(c))
		case ']':
			if e.inLink {
				e.out.WriteByte('\\')
			}
			e.out.WriteByte(']')
		case '_', '&', '{', ':', '@', '.':
			e.out.WriteString(e.inContext(s, i, c))
		default:
			if isControl(c) {
				e.out.WriteString("&#" + strconv.Itoa(int(c)) + ";")
				break
			}
			e.out.WriteString(s[i : i+size])
		}
		e.prev = c
		i += size
	}
	e.lineStart, e.afterDelim = false, false
}

// markupAt reports whether the \\, [ or | at s[i] would be read as markup
// (or change what follows) written as it is. A backslash escapes ASCII
// punctuation, so it is escaped before punctuation and at the line's end,
// where a break or another run follows; before a letter it is text
// (C:\\Users, \\mathbf). A | is a cell's edge in a table cell only: a line
// that would make a table of the one before it is escaped at its start
// (lineLead). A [ opens a link, an image, a footnote reference or a task
// box only when what follows says so.
func (e *escaper) markupAt(s string, i int) bool {
	switch s[i] {
	case '\\':
		// A control character after it is written as a reference (&#28;).
		return i+1 == len(s) || isASCIIPunct(s[i+1]) || isControl(rune(s[i+1]))
	case '|':
		return e.cell
	}
	// [: after "!" or "[", or before "["
	// or "^", or when a "]" closes it that a "(" or "[" follows, or that
	// ends the line (the next run may follow it).
	// [[: an Obsidian link or embed, both escaped.
	if e.inLink || i == 0 && (e.prev == '!' || e.prev == '[') || i > 0 && (s[i-1] == '!' || s[i-1] == '[') {
		return true
	}
	rest := s[i+1:]
	if rest == "" || rest[0] == '[' || rest[0] == '^' {
		return true
	}
	j := strings.IndexByte(rest, ']')
	return j < 0 || j+1 == len(rest) || strings.Contains(rest, "](") || strings.Contains(rest, "][")
}

// isASCIIPunct reports whether c is ASCII punctuation, what a backslash
// escapes in CommonMark.
func isASCIIPunct(c byte) bool {
	return '!' <= c && c <= '/' || ':' <= c && c <= '@' || '[' <= c && c <= '`' || '{' <= c && c <= '~'
}

// inContext returns the ASCII character c at s[i] escaped where what is
// around it would make it markup, and as it is elsewhere.
func (e *escaper) inContext(s string, i int, c rune) string {
	markup := false
	switch c {
	case '_':
		next, _ := utf8.DecodeRuneInString(s[i+1:])
		markup = !(isAlnum(e.prev) && isAlnum(next))
	case '&':
		markup = mdEntityAt(s, i)
	case '{':
		// {{ and {% open template tags, {: a kramdown attribute list, {/*
		// an MDX comment: a character reference is read as text by all.
		if e.braceRefs || i+1 < len(s) && (s[i+1] == '{' || s[i+1] == '%' || s[i+1] == ':' || s[i+1] == '/') {
			return "&#123;"
		}
	case ':':
		// GFM autolinks start at http://, https://, ftp://.
		markup = strings.HasPrefix(s[i:], "://") && autolinkScheme(s[:i])
	case '@':
		// GFM makes a@b.c an email link: the <a> it adds moves white space
		// between runs.
		markup = i > 0 && i+1 < len(s) && (isAlnum(rune(s[i-1])) || strings.IndexByte("._-+", s[i-1]) >= 0) &&
			(isAlnum(rune(s[i+1])) || s[i+1] == '-' || s[i+1] == '_')
	case '.':
		markup = i >= 3 && strings.EqualFold(s[i-3:i], "www") && (i == 3 || !isAlnum(rune(s[i-4])))
	}
	if markup {
		return "\\" + string(c)
	}
	return string(c)
}

func isAlnum(c rune) bool { return unicode.IsLetter(c) || unicode.IsDigit(c) }
