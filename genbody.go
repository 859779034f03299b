package postextract

import (
	"strings"

	"github.com/yuin/goldmark-emoji/definition"
)

// generatorBody rewrites the body syntax that only some posts read, before
// the body is read (SPEC "Generators"): a front-matter excerpt_separator
// (Jekyll) becomes an excerpt marker; docusaurus: the highlight comments
// of code blocks go; vitepress, vuepress: emoji shortcodes become their
// emoji. Code is found as in Markdown, as these generators write it.
func generatorBody(fm *frontMatter, ps *postSource) []byte {
	body := fm.body
	sep := excerptSeparator(fm)
	g := ps.gen
	if sep == "" && !g.highlightComments && !g.emoji {
		return body
	}
	s := string(body)
	if sep != "" && !strings.Contains(s, sep) {
		sep = ""
	}
	hl := g.highlightComments && strings.Contains(s, "highlight-")
	emoji := g.emoji && strings.Count(s, ":") >= 2
	if sep == "" && !hl && !emoji {
		return body
	}
	regions := codeRegions(s, true, nil)
	if sep != "" {
		s = markExcerpt(s, sep, regions)
		regions = codeRegions(s, true, nil)
	}
	var b strings.Builder
	for ls := 0; ls < len(s); {
		le := lineEnd(s, ls)
		line := s[ls:le]
		switch {
		case inRegion(regions, ls, ls+1):
			if !hl || !highlightComment(strings.TrimSpace(line)) {
				b.WriteString(line)
			}
		case emoji:
			b.WriteString(emojis(line, regions, ls))
		default:
			b.WriteString(line)
		}
		ls = le
	}
	return []byte(b.String())
}

// excerptSeparator is the front matter's excerpt_separator, when it names
// a marker other than the excerpt comments every post has.
func excerptSeparator(fm *frontMatter) string {
	k, ok := fm.key("excerpt_separator")
	if !ok {
		return ""
	}
	sep, _ := fm.meta[k].(string)
	sep = strings.TrimSpace(sep)
	if c, ok := strings.CutPrefix(sep, "<!--"); ok && isMoreMarker(strings.TrimSuffix(c, "-->")) {
		return ""
	}
	return sep
}

// markExcerpt puts an excerpt marker before the first separator outside
// code; the separator stays, as Jekyll keeps it in the post.
func markExcerpt(s, sep string, regions []region) string {
	for p := 0; p < len(s); {
		i := strings.Index(s[p:], sep)
		if i < 0 {
			break
		}
		a := p + i
		if !inRegion(regions, a, a+len(sep)) {
			return s[:a] + "<!-- more -->" + s[a:]
		}
		p = a + len(sep)
	}
	return s
}

// highlightDirectives are Docusaurus's default magic comments.
var highlightDirectives = map[string]bool{
	"highlight-next-line": true, "highlight-start": true, "highlight-end": true,
}

// commentForms are the comment syntaxes Docusaurus reads a magic comment
// in: its opening and closing marks.
var commentForms = []struct{ open, close string }{
	{"//", ""}, {"{/*", "*/}"}, {"/*", "*/"}, {"<!--", "-->"}, {"#", ""}, {"--", ""}, {"%", ""}, {";;", ""},
}

// highlightComment reports whether a trimmed code line is a magic comment
// and nothing else.
func highlightComment(t string) bool {
	if !strings.Contains(t, "highlight-") {
		return false
	}
	for _, f := range commentForms {
		if rest, ok := strings.CutPrefix(t, f.open); ok {
			if rest, ok = strings.CutSuffix(rest, f.close); ok && highlightDirectives[strings.TrimSpace(rest)] {
				return true
			}
		}
	}
	return false
}

// emojiTable is GitHub's emoji by short name, as markdown-it-emoji (which
// VitePress and VuePress use) knows them.
var emojiTable = definition.Github()

// emojis replaces the emoji shortcodes (:tada:) of a line that starts at
// off in the body, outside code spans, by their emoji; a shortcode joined
// to a letter or digit (a time, a URL) is none.
func emojis(line string, regions []region, off int) string {
	if strings.Count(line, ":") < 2 {
		return line
	}
	var b strings.Builder
	var ctx textContext
	p := 0
	for i := 0; i < len(line); i++ {
		if line[i] != ':' || i > 0 && isWordByte(line[i-1]) {
			continue
		}
		ctx.advance(line, i)
		j := i + 1
		for j < len(line) && (isWordByte(line[j]) || line[j] == '+' || line[j] == '-') {
			j++
		}
		if j == i+1 || j >= len(line) || line[j] != ':' || j+1 < len(line) && isWordByte(line[j+1]) {
			continue
		}
		em, ok := emojiTable.Get(line[i+1 : j])
		if !ok || !em.IsUnicode() || inRegion(regions, off+i, off+j+1) || ctx.notText(line, i) {
			continue
		}
		b.WriteString(line[p:i])
		b.WriteString(string(em.Unicode))
		p, i = j+1, j
	}
	b.WriteString(line[p:])
	return b.String()
}

// isWordByte reports whether c is an ASCII letter, digit or "_".
func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
}

// textContext follows a line from its start, once: whether the place
// reached is in a link's destination or an HTML tag, which
// markdown-it-emoji does not read (it reads only text).
type textContext struct {
	at          int  // how far the line is read
	dest, inTag bool // after "](" not yet closed; after "<" and a letter or "/", not yet closed
}

// advance reads the line up to i.
func (c *textContext) advance(line string, i int) {
	for ; c.at < i; c.at++ {
		switch line[c.at] {
		case ']':
			if c.at+1 < len(line) && line[c.at+1] == '(' {
				c.dest = true
			}
		case ')':
			c.dest = false
		case '<':
			c.inTag = c.at+1 < len(line) && (isWordByte(line[c.at+1]) || line[c.at+1] == '/')
		case '>':
			c.inTag = false
		}
	}
}

// notText reports whether line[i], read up to, is no text: a URL's path
// (right after a "/"), a link's destination or an HTML tag.
func (c *textContext) notText(line string, i int) bool {
	return i > 0 && line[i-1] == '/' || c.dest || c.inTag
}
