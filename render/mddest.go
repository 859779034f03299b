package render

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/postextract/postextract"
)

// mdImage writes ![alt](url "title"), when Markdown can say the image
// exactly; it reports false, having written nothing, when it cannot.
func (m *mdWriter) mdImage(img *postextract.Image) bool {
	if strings.ContainsAny(img.Alt+img.Title, "\n\r") || !mdURL(img.URL) || img.Link != "" && !mdURL(img.Link) {
		return false
	}
	if img.Link != "" {
		m.b.WriteString("[")
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
	m.b.WriteString(")")
	if img.Link != "" {
		m.b.WriteString("](")
		writeDestination(&m.b, img.Link)
		m.b.WriteString(")")
	}
	m.b.WriteString("\n")
	return true
}

// writeDestination writes a link destination: in <…> when it holds a space
// or a parenthesis that is not balanced (Go_(programming_language) needs
// none), with what CommonMark would read as an escape or a
// character reference escaped, and a "{" that could open a template tag as
// a reference.
func writeDestination(b *strings.Builder, u string) {
	pointy := u == "" || strings.ContainsAny(u, " <>\t\n") || !balancedParens(u)
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
		case c == '[' && i+1 < len(u) && u[i+1] == '[':
			b.WriteString("&#91;") // [[ would be an Obsidian link to the reader
		default:
			b.WriteByte(c)
		}
	}
	if pointy {
		b.WriteByte('>')
	}
}

// mdURL reports whether u reads back as it is from a Markdown destination.
// The reader writes a destination as an attribute holds it, not
// percent-encoded (https://a.cn/截图, ?x=1|2), but its URLs are cleaned as a
// browser would: a % that starts no %XX becomes %25, a backslash a slash,
// white space is encoded. A URL with one of those is written as HTML.
func mdURL(u string) bool {
	for i := 0; i < len(u); i++ {
		c := u[i]
		if c == '%' && i+2 < len(u) && isHex(u[i+1]) && isHex(u[i+2]) {
			continue
		}
		if c <= ' ' || c == 0x7f || c == '%' || c == '\\' {
			return false
		}
	}
	return u != "" && utf8.ValidString(u)
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
		case c == '[' && i+1 < len(t) && t[i+1] == '[':
			b.WriteString("&#91;") // [[ would be an Obsidian link to the reader
		case isControl(rune(c)):
			b.WriteString("&#" + strconv.Itoa(int(c)) + ";")
		default:
			b.WriteByte(c)
		}
	}
}

// balancedParens reports whether every ")" in u closes a "(" before it and
// every "(" is closed, a few deep at most, as a bare destination needs.
func balancedParens(u string) bool {
	depth := 0
	for i := 0; i < len(u); i++ {
		switch u[i] {
		case '(':
			if depth++; depth > 4 {
				return false
			}
		case ')':
			if depth--; depth < 0 {
				return false
			}
		}
	}
	return depth == 0
}
