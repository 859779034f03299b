package render

import (
	"bytes"
	"encoding"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/postextract/postextract"
	"go.yaml.in/yaml/v3"
)

// Markdown writes a as a complete post file: YAML front matter, then a
// CommonMark + GFM body that reads back through [postextract.Parse] as the
// same Article (see the package doc for what the round trip keeps).
//
// The front matter holds title, date and updated (RFC 3339), author,
// categories, tags, cover (its URL), summary, url, lang and draft, then
// every other key of a.Meta, sorted, but those whose value is the cover as
// written (a thumbnail behind an image proxy), which cover now says. When the body needs HTML to say
// something exactly, or a.Meta names a markup, "markup: markdown" is
// written too, so that a reader does not take the body for HTML.
//
// It returns [ErrNilArticle] for a nil Article, an error when a Meta value
// cannot be written as YAML, and any error of w.
func Markdown(w io.Writer, a *postextract.Article) error {
	if a == nil {
		return ErrNilArticle
	}
	var body mdWriter
	body.blocks(a.Blocks)
	var out bytes.Buffer
	if err := frontMatter(&out, a, body.usedHTML); err != nil {
		return err
	}
	if body.b.Len() > 0 {
		out.WriteByte('\n')
		out.WriteString(body.b.String())
	}
	_, err := w.Write(out.Bytes())
	return err
}

// frontMatter writes the YAML front matter block of a.
func frontMatter(out *bytes.Buffer, a *postextract.Article, usedHTML bool) error {
	doc := &yaml.Node{Kind: yaml.MappingNode}
	written := map[string]bool{}
	add := func(key string, v any) error {
		var val yaml.Node
		if err := val.Encode(v); err != nil {
			return fmt.Errorf("render: front matter key %q: %w", key, err)
		}
		doc.Content = append(doc.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: key}, &val)
		written[strings.ToLower(key)] = true
		return nil
	}
	// The reader unescapes HTML in these fields, as generators write them
	// into pages: a literal entity must be escaped to read back.
	type field struct {
		key string
		v   any
		set bool
	}
	cover := ""
	if a.Cover != nil {
		cover = a.Cover.URL
	}
	fields := []field{
		{"title", unescapable(a.Title), a.Title != ""},
		{"date", a.Date, !a.Date.IsZero()},
		{"updated", a.Updated, !a.Updated.IsZero()},
		{"author", unescapable(a.Author), a.Author != ""},
		{"categories", unescapableList(a.Categories), len(a.Categories) > 0},
		{"tags", unescapableList(a.Tags), len(a.Tags) > 0},
		{"cover", cover, cover != ""},
		{"summary", unescapable(a.Summary), a.Summary != ""},
		{"url", a.URL, a.URL != ""},
		{"lang", a.Lang, a.Lang != ""},
		{"draft", a.Draft, a.Draft},
	}
	hasMarkup := false
	for k := range a.Meta {
		hasMarkup = hasMarkup || strings.EqualFold(k, "markup")
	}
	if usedHTML || hasMarkup {
		fields = append(fields, field{"markup", "markdown", true})
	}
	for _, f := range fields {
		if f.set {
			if err := add(f.key, f.v); err != nil {
				return err
			}
		}
	}
	keys := make([]string, 0, len(a.Meta))
	for k, v := range a.Meta {
		if !written[strings.ToLower(k)] && !isCover(a, v) {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	for _, k := range keys {
		if err := add(k, yamlValue(a.Meta[k])); err != nil {
			return err
		}
	}
	out.WriteString("---\n")
	if len(doc.Content) > 0 {
		enc := yaml.NewEncoder(out)
		enc.SetIndent(2)
		if err := enc.Encode(doc); err != nil {
			return fmt.Errorf("render: front matter: %w", err)
		}
		enc.Close()
	}
	out.WriteString("---\n")
	return nil
}

// isCover reports whether a front-matter value is the cover's URL as
// written (headimg, thumbnail… behind an image proxy): the cover key says
// it, with the real URL.
func isCover(a *postextract.Article, v any) bool {
	s, ok := v.(string)
	return ok && a.Cover != nil && s != "" && (s == a.Cover.URL || s == a.Cover.Src)
}

// unescapable returns s as it must be written for a reader that unescapes
// HTML character references: unchanged unless it holds one.
func unescapable(s string) string {
	if !strings.Contains(s, "&") || !hasEntity(s) {
		return s
	}
	return strings.ReplaceAll(s, "&", "&amp;")
}

func unescapableList(l []string) []string {
	out := make([]string, len(l))
	for i, s := range l {
		out[i] = unescapable(s)
	}
	return out
}

// hasEntity reports whether s holds something an HTML or CommonMark reader
// could take for a character reference: & followed by # or a letter, then
// name characters and a semicolon, or a legacy name without one.
func hasEntity(s string) bool {
	for i := strings.IndexByte(s, '&'); i >= 0; {
		if entityAt(s, i) {
			return true
		}
		j := strings.IndexByte(s[i+1:], '&')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return false
}

// entityAt reports whether the & at s[i] may start a character reference.
// HTML reads some names without a semicolon (&amp, &copy…), so any & before
// an ASCII letter or # counts.
func entityAt(s string, i int) bool {
	if i+1 >= len(s) {
		return false
	}
	c := s[i+1]
	return c == '#' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

// yamlValue makes a decoded front-matter value writable as YAML: times in
// RFC 3339, values that have a text form (TOML dates) as that text, and the
// same inside lists and maps.
func yamlValue(v any) any {
	switch v := v.(type) {
	case time.Time:
		return v.Format(time.RFC3339Nano)
	case encoding.TextMarshaler:
		if b, err := v.MarshalText(); err == nil {
			return string(b)
		}
		return fmt.Sprint(v)
	case []any:
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = yamlValue(x)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, x := range v {
			out[k] = yamlValue(x)
		}
		return out
	}
	return v
}

// mdWriter writes blocks as a Markdown body.
type mdWriter struct {
	b        strings.Builder
	usedHTML bool // some piece had to be written as HTML
	list     []listLevel
}

// listLevel is an open list item: the column its content starts at, and
// the list it belongs to.
type listLevel struct {
	indent  int // the content column of the item
	ordered bool
	n       int // the item's number, in an ordered list
}

// mdBlockWriters write each kind; a test checks that every kind has one.
var mdBlockWriters = map[postextract.Kind]func(m *mdWriter, blks []postextract.Block, i int) int{
	postextract.KindParagraph: (*mdWriter).paragraph,
	postextract.KindHeading:   (*mdWriter).heading,
	postextract.KindListItem:  (*mdWriter).listItem,
	postextract.KindQuote:     (*mdWriter).quote,
	postextract.KindCode:      (*mdWriter).code,
	postextract.KindTable:     (*mdWriter).table,
	postextract.KindCaption:   (*mdWriter).figure,
	postextract.KindImage:     (*mdWriter).figure,
}

// blocks writes the blocks, separated by blank lines. Each writer returns
// the index of the next block: a figure takes its caption along.
func (m *mdWriter) blocks(blks []postextract.Block) {
	for i := 0; i < len(blks); {
		if blks[i].Kind != postextract.KindListItem {
			m.list = m.list[:0]
		}
		if m.b.Len() > 0 {
			m.b.WriteString("\n")
		}
		write, ok := mdBlockWriters[blks[i].Kind]
		if !ok {
			write = (*mdWriter).paragraph // an unknown kind keeps its text
		}
		i = write(m, blks, i)
	}
}

func (m *mdWriter) paragraph(blks []postextract.Block, i int) int {
	m.inline(&blks[i], "")
	m.b.WriteString("\n")
	return i + 1
}

func (m *mdWriter) heading(blks []postextract.Block, i int) int {
	blk := &blks[i]
	level := min(max(blk.Level, 1), 6)
	if strings.Contains(blk.Text, "\n") {
		// An ATX heading is one line: a heading with a line break is HTML.
		m.usedHTML = true
		tag := "h" + strconv.Itoa(level)
		var h strings.Builder
		writeInlineHTML(&h, blk)
		m.b.WriteString("<" + tag + ">" + h.String() + "</" + tag + ">\n")
		return i + 1
	}
	m.b.WriteString(strings.Repeat("#", level) + " ")
	start := m.b.Len()
	m.inline(blk, "")
	// A run of # at the end would be read as the closing sequence.
	if s := m.b.String()[start:]; strings.HasSuffix(s, "#") {
		t := strings.TrimRight(s, "#")
		if (len(t)-len(strings.TrimRight(t, "\\")))%2 == 0 { // not escaped yet
			rest := s[len(t):]
			body := m.b.String()[:start] + t + "\\" + rest
			m.b.Reset()
			m.b.WriteString(body)
		}
	}
	m.b.WriteString("\n")
	return i + 1
}

// listItem writes a list item inside the open items of lower levels,
// opening empty items for the levels it skips.
func (m *mdWriter) listItem(blks []postextract.Block, i int) int {
	blk := &blks[i]
	level := max(blk.Level, 1)
	for len(m.list) < level-1 {
		// goldmark nests an ordered list in an empty item only when that
		// item is ordered too, so the empty items take the item's type.
		indent, empty := m.indent(), "-"
		if blk.Ordered {
			empty = "1."
		}
		m.b.WriteString(strings.Repeat(" ", indent) + empty + "\n")
		m.list = append(m.list, listLevel{indent: indent + len(empty) + 1, ordered: blk.Ordered})
	}
	n := 1
	if len(m.list) >= level {
		if prev := m.list[level-1]; prev.ordered == blk.Ordered && blk.Ordered {
			n = prev.n + 1
		}
		m.list = m.list[:level-1]
	}
	indent := m.indent()
	marker := "-"
	if blk.Ordered {
		marker = strconv.Itoa(n) + "."
	}
	m.b.WriteString(strings.Repeat(" ", indent) + marker + " ")
	content := indent + len(marker) + 1
	m.list = append(m.list, listLevel{indent: content, ordered: blk.Ordered, n: n})
	m.inline(blk, strings.Repeat(" ", content))
	m.b.WriteString("\n")
	return i + 1
}

// indent is the content column of the innermost open list item.
func (m *mdWriter) indent() int {
	if k := len(m.list); k > 0 {
		return m.list[k-1].indent
	}
	return 0
}

func (m *mdWriter) quote(blks []postextract.Block, i int) int {
	m.b.WriteString("> ")
	m.inline(&blks[i], "> ")
	m.b.WriteString("\n")
	return i + 1
}

func (m *mdWriter) code(blks []postextract.Block, i int) int {
	blk := &blks[i]
	text := blk.Text
	if !fenceable(blk) {
		// Entities are read in HTML but not in a fenced block: a code
		// block that holds a template-tag escape, or a language a fence
		// cannot carry, is written as <pre>.
		m.usedHTML = true
		m.b.WriteString("<pre><code")
		if blk.Lang != "" {
			m.b.WriteString(` class="language-`)
			htmlText.WriteString(&m.b, blk.Lang)
			m.b.WriteString(`"`)
		}
		m.b.WriteString(">")
		htmlText.WriteString(&m.b, text)
		m.b.WriteString("</code></pre>\n")
		return i + 1
	}
	fence := strings.Repeat("`", max(3, longestRun(text, '`')+1))
	m.b.WriteString(fence + blk.Lang + "\n" + text + "\n" + fence + "\n")
	return i + 1
}

// fenceable reports whether a code block reads back the same from a fenced
// block: its language one word without a backtick, and its text free of
// what the template-tag reader takes even inside code.
func fenceable(blk *postextract.Block) bool {
	if strings.ContainsAny(blk.Lang, "`{&\\") || strings.IndexFunc(blk.Lang, unicode.IsSpace) >= 0 {
		return false
	}
	return !hasTagEscape(blk.Text) && !strings.ContainsFunc(blk.Text, isControl)
}

// isControl reports whether c is a control character other than tab and
// newline, which only a character reference can carry.
func isControl(c rune) bool { return c < 0x20 && c != '\t' && c != '\n' || c == 0x7f }

// hasTagEscape reports whether s holds what the reader takes as a
// template-tag escape inside code: {% raw %}, {% endraw %}, or {{</* … */>}}.
func hasTagEscape(s string) bool {
	return strings.Contains(s, "{%") || strings.Contains(s, "{{<") || strings.Contains(s, "{{%")
}

// longestRun is the length of the longest run of c in s.
func longestRun(s string, c byte) int {
	best, n := 0, 0
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			n++
			best = max(best, n)
		} else {
			n = 0
		}
	}
	return best
}

// table writes a GFM table when every row has as many cells as the first
// and no cell holds a line break; otherwise an HTML table.
func (m *mdWriter) table(blks []postextract.Block, i int) int {
	rows := blks[i].Rows
	if len(rows) == 0 {
		return i + 1
	}
	gfm := len(rows[0]) > 0
	for _, r := range rows {
		if len(r) != len(rows[0]) {
			gfm = false
		}
		for _, c := range r {
			if strings.Contains(c, "\n") {
				gfm = false
			}
		}
	}
	if !gfm {
		m.usedHTML = true
		m.b.WriteString("<table>\n")
		for _, r := range rows {
			m.b.WriteString("<tr>")
			for _, c := range r {
				m.b.WriteString("<td>")
				writeHTMLText(&m.b, c)
				m.b.WriteString("</td>")
			}
			m.b.WriteString("</tr>\n")
		}
		m.b.WriteString("</table>\n")
		return i + 1
	}
	for n, r := range rows {
		m.b.WriteString("|")
		for _, c := range r {
			m.b.WriteString(" ")
			var e escaper
			e.out = &m.b
			e.cell = true
			e.text(c)
			m.b.WriteString(" |")
		}
		m.b.WriteString("\n")
		if n == 0 {
			m.b.WriteString("|" + strings.Repeat(" --- |", len(r)) + "\n")
		}
	}
	return i + 1
}

// figure writes an image, or the images of one figure together with their
// caption block. An image with no caption and no size is ![alt](url
// "title"); otherwise a <figure>, which is how a caption reads back.
func (m *mdWriter) figure(blks []postextract.Block, i int) int {
	var imgs []*postextract.Image
	caption := -1
	// A caption block before the images it belongs to.
	if blks[i].Kind == postextract.KindCaption {
		caption = i
		i++
		for i < len(blks) && blks[i].Kind == postextract.KindImage && blks[i].Image != nil &&
			blks[i].Image.Caption == blks[caption].Text {
			imgs = append(imgs, blks[i].Image)
			i++
		}
		m.writeFigure(&blks[caption], imgs, true)
		return i
	}
	img := blks[i].Image
	if img == nil {
		return i + 1
	}
	if img.Caption == "" {
		if img.Width == 0 && img.Height == 0 && m.mdImage(img) {
			return i + 1
		}
		m.writeFigure(nil, []*postextract.Image{img}, false)
		return i + 1
	}
	for i < len(blks) && blks[i].Kind == postextract.KindImage && blks[i].Image != nil &&
		blks[i].Image.Caption == img.Caption {
		imgs = append(imgs, blks[i].Image)
		i++
	}
	if i < len(blks) && blks[i].Kind == postextract.KindCaption && blks[i].Text == img.Caption {
		m.writeFigure(&blks[i], imgs, false)
		return i + 1
	}
	// The caption block is elsewhere (or gone): each image still carries
	// its caption, which only a figure can say.
	m.writeFigure(&postextract.Block{Kind: postextract.KindCaption, Text: img.Caption}, imgs, false)
	return i
}

// writeFigure writes one <figure> HTML block with the images and, when
// given, the caption before or after them.
func (m *mdWriter) writeFigure(caption *postextract.Block, imgs []*postextract.Image, captionFirst bool) {
	m.usedHTML = true
	var h strings.Builder
	h.WriteString("<figure>")
	writeCaption := func() {
		if caption != nil {
			h.WriteString("<figcaption>")
			writeInlineHTML(&h, caption)
			h.WriteString("</figcaption>")
		}
	}
	if captionFirst {
		writeCaption()
	}
	for _, img := range imgs {
		h.WriteString(`<img src="`)
		htmlText.WriteString(&h, img.URL)
		h.WriteString(`"`)
		if img.Alt != "" {
			h.WriteString(` alt="`)
			htmlText.WriteString(&h, img.Alt)
			h.WriteString(`"`)
		}
		if img.Title != "" {
			h.WriteString(` title="`)
			htmlText.WriteString(&h, img.Title)
			h.WriteString(`"`)
		}
		if img.Width > 0 {
			h.WriteString(` width="` + strconv.Itoa(img.Width) + `"`)
		}
		if img.Height > 0 {
			h.WriteString(` height="` + strconv.Itoa(img.Height) + `"`)
		}
		h.WriteString(">")
	}
	if !captionFirst {
		writeCaption()
	}
	h.WriteString("</figure>\n")
	m.b.WriteString(h.String())
}

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
			b.WriteString(`\&`)
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
		default:
			b.WriteByte(c)
		}
	}
}

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
		link := blk.Runs[i].Link
		j := i + 1
		for j < len(blk.Runs) && blk.Runs[j].Link == link {
			j++
		}
		html := link != "" && !mdURL(link)
		switch {
		case html:
			m.usedHTML = true
			m.b.WriteString(`<a href="`)
			htmlText.WriteString(&m.b, link)
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
			hasTagEscape(t) || strings.Contains(t, "&#") {
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
		case '_':
			next, _ := utf8.DecodeRuneInString(s[i+1:])
			if !(isAlnum(e.prev) && isAlnum(next)) {
				e.out.WriteByte('\\')
			}
			e.out.WriteByte('_')
		case '&':
			if entityAt(s, i) {
				e.out.WriteByte('\\')
			}
			e.out.WriteByte('&')
		case '{':
			// {{ and {% open template tags, {: a kramdown attribute list:
			// a character reference is read as text by both.
			if i+1 < len(s) && (s[i+1] == '{' || s[i+1] == '%' || s[i+1] == ':') {
				e.out.WriteString("&#123;")
			} else {
				e.out.WriteByte('{')
			}
		case ':':
			// GFM autolinks start at http://, https://, ftp://.
			if strings.HasPrefix(s[i:], "://") && autolinkScheme(s[:i]) {
				e.out.WriteString(`\:`)
			} else {
				e.out.WriteByte(':')
			}
		case '.':
			if i >= 3 && strings.EqualFold(s[i-3:i], "www") && (i == 3 || !isAlnum(rune(s[i-4]))) {
				e.out.WriteString(`\.`)
			} else {
				e.out.WriteByte('.')
			}
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
