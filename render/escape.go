package render

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/postextract/postextract"
)

// inline writes a block's text with its runs: marks as Markdown delimiters
// where CommonMark reads them back exactly, otherwise as HTML elements;
// links as [text](url); a "\n" as a hard break, the next line starting with
// prefix.
func (m *mdWriter) inline(blk *postextract.Block, prefix string) {
	m.inlineAt(blk, prefix, true)
}

// inlineAt is inline for a text that starts a line, or that does not (a
// heading's, after its #: nothing there opens a block).
func (m *mdWriter) inlineAt(blk *postextract.Block, prefix string, lineStart bool) {
	e := escaper{out: &m.b, prefix: prefix, lineStart: lineStart}
	if !lineStart {
		e.prev = ' '
	}
	if len(blk.Runs) == 0 {
		e.text(blk.Text)
		return
	}
	for i := 0; i < len(blk.Runs); {
		link, j := blk.Runs[i].Link, linkEnd(blk.Runs, i)
		html := link != "" && !mdURL(link)
		switch {
		case html:
			m.usedHTML = true
			m.b.WriteString(`<a href="`)
			htmlAttr.WriteString(&m.b, link)
			m.b.WriteString(`">`)
			e.lineStart, e.afterDelim, e.prev = false, false, '>'
		case link != "":
			m.b.WriteString("[")
			e.lineStart, e.inLink, e.afterDelim, e.prev = false, true, false, '['
		}
		// A "!" right before a link's "[" would make it an image.
		nextLink := j < len(blk.Runs) && mdURL(blk.Runs[j].Link)
		for k, r := range blk.Runs[i:j] {
			e.bangEnd = nextLink && i+k == j-1
			e.next = runAfter(blk.Runs, i+k, link)
			if e.run(r) {
				m.usedHTML = true
			}
		}
		switch {
		case html:
			m.b.WriteString("</a>")
			e.afterDelim, e.prev = false, '>'
		case link != "":
			m.b.WriteString("](")
			writeDestination(&m.b, link)
			m.b.WriteString(")")
			e.inLink, e.afterDelim, e.prev = false, false, ')'
		}
		i = j
	}
}

// runAfter returns the first character written after runs[k], inside a
// link to link: -1 for the block's end, '<' for markup (a delimiter, a
// tag, a link's bracket), else the first character of the next run.
func runAfter(runs []postextract.Run, k int, link string) rune {
	if k+1 >= len(runs) {
		if link != "" {
			return '<'
		}
		return -1
	}
	n := runs[k+1]
	if n.Link != link || n.Strong || n.Em || n.Code || n.Del || n.Text == "" {
		return '<'
	}
	c, _ := utf8.DecodeRuneInString(n.Text)
	return c
}

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
	prev       rune   // the last character of text written
	next       rune   // the character after the run being written; -1 for none
}

// run writes one run; it reports whether it used HTML for its marks.
func (e *escaper) run(r postextract.Run) bool {
	if !r.Strong && !r.Em && !r.Code && !r.Del {
		e.text(r.Text)
		return false
	}
	if delim, ok := e.delimiters(r); ok {
		if r.Code {
			e.codeSpan(r.Text, delim)
			return false
		}
		var esc strings.Builder
		sub := *e
		sub.out, sub.lineStart = &esc, false
		sub.text(r.Text)
		if closes(flankRep(e.before(), -1), delim, esc.String(), nextRep(e.next)) {
			e.out.WriteString(delim + esc.String() + delim)
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

// delimiters returns the Markdown delimiters that could say a run's marks:
// one kind of mark (or strong with emphasis), a text with no line break
// and no white space at its edges, and not right after another delimiter,
// which would merge with it. For a code span that is the answer; for the
// other marks run asks goldmark whether the pair closes where it stands.
func (e *escaper) delimiters(r postextract.Run) (string, bool) {
	t := r.Text
	// After an escaped delimiter character goldmark still counts it into
	// the delimiter run that follows.
	if t == "" || strings.Contains(t, "\n") || e.afterDelim || strings.ContainsRune("*_~`", e.prev) {
		return "", false
	}
	first, _ := utf8.DecodeRuneInString(t)
	last, _ := utf8.DecodeLastRuneInString(t)
	if r.Code {
		if r.Strong || r.Em || r.Del || unicode.IsSpace(first) || unicode.IsSpace(last) ||
			hasTagEscape(t) || strings.Contains(t, "&#") || strings.ContainsFunc(t, isControl) {
			return "", false
		}
		n := longestRun(t, '`') + 1
		if e.lineStart && n >= 3 {
			return "", false // a fence at a line start opens a code block
		}
		return strings.Repeat("`", n), true
	}
	if unicode.IsSpace(first) || unicode.IsSpace(last) {
		return "", false
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
	}
	return "*", true
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

// codeSpan writes t as a code span with the given backtick fence, padded
// with a space when t starts or ends with a backtick.
func (e *escaper) codeSpan(t, fence string) {
	pad := ""
	if t[0] == '`' || t[len(t)-1] == '`' {
		pad = " "
	}
	e.out.WriteString(fence + pad + t + pad + fence)
	e.lineStart, e.afterDelim, e.prev = false, true, 0
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
		case '\\', '`', '*', '[', '~', '|':
			e.out.WriteByte('\\')
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
		// {{ and {% open template tags, {: a kramdown attribute list: a
		// character reference is read as text by both.
		if i+1 < len(s) && (s[i+1] == '{' || s[i+1] == '%' || s[i+1] == ':') {
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

// lineLead escapes what would open a block at a line's start and writes
// it, returning the rest: a > always; # (one to six, then white space or
// the end), a -, + or * bullet, and a number with . or ) only when white
// space or the run's end follows (another run may start with a space); a
// line of - or = alone (a setext underline, a thematic break); :::.
func (e *escaper) lineLead(s string) string {
	e.lineStart = false
	endsMarker := func(n int) bool { return n == len(s) || s[n] == ' ' || s[n] == '\t' }
	escape := func(n int) string { // escape s[n], after s[:n]
		e.out.WriteString(s[:n] + `\` + s[n:n+1])
		e.prev = rune(s[n])
		return s[n+1:]
	}
	switch s[0] {
	case '>':
		return escape(0)
	case '#':
		n := len(s) - len(strings.TrimLeft(s, "#"))
		if n <= 6 && endsMarker(n) {
			return escape(0)
		}
		return s
	case '-', '+', '=':
		if s[0] != '=' && endsMarker(1) || strings.Trim(s, string(s[0])+" \t") == "" {
			return escape(0)
		}
		return s
	case ':':
		if strings.HasPrefix(s, ":::") {
			return escape(0)
		}
	}
	n := 0
	for n < len(s) && n < 10 && '0' <= s[n] && s[n] <= '9' {
		n++
	}
	if n > 0 && n < len(s) && (s[n] == '.' || s[n] == ')') && endsMarker(n+1) {
		return escape(n)
	}
	return s
}

// autolinkScheme reports whether the text before "://" ends with a scheme
// that GFM turns into a link.
func autolinkScheme(before string) bool {
	for _, s := range []string{"http", "https", "ftp"} {
		if len(before) >= len(s) && strings.EqualFold(before[len(before)-len(s):], s) {
			return true
		}
	}
	return false
}

func isAlnum(c rune) bool { return unicode.IsLetter(c) || unicode.IsDigit(c) }

// mdImage writes ![alt](url "title"), when Markdown can say the image
// exactly; it reports false, having written nothing, when it cannot.
func (m *mdWriter) mdImage(img *postextract.Image) bool {
	if strings.ContainsAny(img.Alt+img.Title, "\n\r") || !mdURL(img.URL) {
		return false
	}
	m.b.WriteString("![")
	e := escaper{out: &m.b, inLink: true}
	e.text(img.Alt)
	m.b.WriteString("](")
	writeDestination(&m.b, img.URL)
	if img.Title != "" {
		m.b.WriteString(` "`)
		writeTitle(&m.b, img.Title)
		m.b.WriteString(`"`)
	}
	m.b.WriteString(")\n")
	return true
}

// writeDestination writes a link destination: in <…> when it holds a space
// or a parenthesis, with what CommonMark would read as an escape or a
// character reference escaped, and a "{" that could open a template tag as
// a reference.
func writeDestination(b *strings.Builder, u string) {
	pointy := u == "" || strings.ContainsAny(u, " ()<>\t\n")
	if pointy {
		b.WriteByte('<')
	}
	for i := 0; i < len(u); i++ {
		c := u[i]
		switch {
		case c == '\\' || c == '<' || c == '>':
			b.WriteByte('\\')
			b.WriteByte(c)
		case c == '&' && mdEntityAt(u, i):
			// goldmark reads a reference even after "\&" here; only
			// before one is & written as &amp;.
			b.WriteString("&amp;")
		case c == '{':
			b.WriteString("&#123;")
		default:
			b.WriteByte(c)
		}
	}
	if pointy {
		b.WriteByte('>')
	}
}

// mdURL reports whether goldmark writes u into its HTML as it is: it
// percent-encodes every byte but these (and a %XX), so a URL with another
// is written as HTML to read back the same.
func mdURL(u string) bool {
	for i := 0; i < len(u); i++ {
		c := u[i]
		if c == '%' && i+2 < len(u) && isHex(u[i+1]) && isHex(u[i+2]) {
			continue
		}
		if c <= ' ' || c >= 0x7f || strings.IndexByte("\"%<>[\\]^`{|}", c) >= 0 {
			return false
		}
	}
	return u != ""
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// writeTitle writes a link title for "…".
func writeTitle(b *strings.Builder, t string) {
	for i := 0; i < len(t); i++ {
		c := t[i]
		switch {
		case c == '\\' || c == '"':
			b.WriteByte('\\')
			b.WriteByte(c)
		case c == '&' && mdEntityAt(t, i):
			b.WriteString(`\&`)
		case c == '{':
			b.WriteString("&#123;")
		case isControl(rune(c)):
			b.WriteString("&#" + strconv.Itoa(int(c)) + ";")
		default:
			b.WriteByte(c)
		}
	}
}
