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
	e := escaper{out: &m.b, prefix: prefix, lineStart: true}
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
		e.out.WriteString(delim)
		e.lineStart = false
		e.text(r.Text)
		e.out.WriteString(delim)
		e.afterDelim, e.prev = true, 0
		return false
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

// delimiters returns the Markdown delimiters of a run's marks when
// CommonMark reads them back exactly: one kind of mark (or strong with
// emphasis), a text with no line break, no white space at its edges, and
// edge characters that are not punctuation, so that the delimiters are
// left- and right-flanking wherever they stand; and not right after
// another delimiter, which would merge with it.
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
	if !wordRune(first) || !wordRune(last) {
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

// wordRune reports whether c is neither white space nor punctuation as
// CommonMark's flanking rules see it.
func wordRune(c rune) bool {
	return c != utf8.RuneError && !unicode.IsSpace(c) && !unicode.IsPunct(c) && !unicode.IsSymbol(c) &&
		!unicode.IsControl(c) // written as &#…;, which starts with punctuation
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
		markup = entityAt(s, i)
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

// lineLead escapes what a line may start with and writes it: block markers
// (#, >, -, +, =, a number and . or ), :::), returning the rest.
func (e *escaper) lineLead(s string) string {
	e.lineStart = false
	switch s[0] {
	case '#', '>', '-', '+', '=':
		e.out.WriteByte('\\')
		e.out.WriteByte(s[0])
		e.prev = rune(s[0])
		return s[1:]
	case ':':
		if strings.HasPrefix(s, ":::") {
			e.out.WriteString(`\:`)
			e.prev = ':'
			return s[1:]
		}
	}
	n := 0
	for n < len(s) && n < 10 && '0' <= s[n] && s[n] <= '9' {
		n++
	}
	if n > 0 && n < len(s) && (s[n] == '.' || s[n] == ')') {
		e.out.WriteString(s[:n] + `\` + s[n:n+1])
		e.prev = rune(s[n])
		return s[n+1:]
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
		case c == '&' && entityAt(u, i):
			// goldmark reads a reference even after "\&" here.
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
		case c == '&' && entityAt(t, i):
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
