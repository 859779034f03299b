package postextract

import (
	"html"
	"regexp"
	"strings"
)

// tagRule is what a known template tag becomes.
type tagRule uint8

const (
	tagImage   tagRule = iota + 1 // an image, from its arguments
	tagCode                       // a code block with its language, content literal
	tagQuote                      // a quote, its author and source as a last line
	tagText                       // its text (a link to its URL)
	tagNothing                    // nothing (embeds, site templates); paired: content too
	tagInclude                    // its image-file arguments as images
)

// templateTags says what each known tag becomes, Hugo shortcodes, Hexo tag
// plugins and Liquid tags alike, by lower-case name. Any other paired tag
// is its content, read as the body around it; any other single tag is its
// image-file arguments and its text=, title= or name= argument.
var templateTags = map[string]tagRule{
	"figure": tagImage, "img": tagImage, "asset_img": tagImage, "image": tagImage,
	"highlight": tagCode, "codeblock": tagCode, "code": tagCode,
	"blockquote": tagQuote, "quote": tagQuote,
	"post_link": tagText, "link": tagText,
	"youtube": tagNothing, "vimeo": tagNothing, "bilibili": tagNothing, "gist": tagNothing,
	"tweet": tagNothing, "x": tagNothing, "instagram": tagNothing, "iframe": tagNothing,
	"jsfiddle": tagNothing, "post_url": tagNothing, "ref": tagNothing, "relref": tagNothing,
	"param": tagNothing, "comment": tagNothing,
	"include": tagInclude,
}

// textArgs name the argument that is an unknown single tag's text, in
// order; linkArgs the one its text links to.
var (
	textArgs = []string{"text", "title", "name"}
	linkArgs = []string{"url", "href", "link"}
)

// tag is one template tag met in a body.
type tag struct {
	start, end int
	src        string
	kind       tagSyntax
	name       string // lower case; "" for escapes and outputs
	argstr     string
	args       []tagArg
	close      bool // {{< /x >}}, {% endx %}
	selfClose  bool // {{< x />}}
}

type tagArg struct{ key, val string } // key is "" for a positional argument

type tagSyntax uint8

const (
	synEscAngle   tagSyntax = iota // {{</* x */>}}
	synEscPercent                  // {{%/* x */%}}
	synAngle                       // {{< x >}}
	synPercent                     // {{% x %}}
	synLiquid                      // {% x %}
	synOutput                      // {{ x }}
)

// tagDelims are the template tag syntaxes, tried in this order at each "{".
var tagDelims = []struct {
	syn        tagSyntax
	open, shut string
	escaped    bool
}{
	{synEscAngle, "{{<", ">}}", true},
	{synEscPercent, "{{%", "%}}", true},
	{synAngle, "{{<", ">}}", false},
	{synPercent, "{{%", "%}}", false},
	{synLiquid, "{%", "%}", false},
	{synOutput, "{{", "}}", false},
}

// maxTagLen bounds a tag's inside: a tag never spans a blank line either.
const maxTagLen = 2000

// scanTag returns the template tag that starts at s[i], if any.
func scanTag(s string, i int) (tag, bool) {
	for _, d := range tagDelims {
		if !strings.HasPrefix(s[i:], d.open) {
			continue
		}
		in := i + len(d.open)
		if d.escaped {
			j := in
			for j < len(s) && (s[j] == ' ' || s[j] == '\t' || s[j] == '\n' || s[j] == '\r') {
				j++
			}
			if !strings.HasPrefix(s[j:], "/*") {
				continue
			}
			end, ok := findShut(s, j+2, "*/", d.shut)
			if !ok {
				continue
			}
			return tag{start: i, end: end, src: s[i:end], kind: d.syn}, true
		}
		k := strings.Index(s[in:min(len(s), in+maxTagLen+len(d.shut))], d.shut)
		if k < 0 || k > maxTagLen || hasBlankLine(s[in:in+k]) {
			continue
		}
		t := tag{start: i, end: in + k + len(d.shut), kind: d.syn}
		t.src = s[i:t.end]
		if d.syn != synOutput {
			t.parse(s[in : in+k])
		}
		return t, true
	}
	return tag{}, false
}

// findShut finds, from i, the first "*/" followed by optional white space
// and shut, within maxTagLen and no blank line; it returns the end.
func findShut(s string, i int, star, shut string) (int, bool) {
	limit := min(len(s), i+maxTagLen+len(star))
	for j := i; j < limit; j++ {
		if !strings.HasPrefix(s[j:], star) {
			continue
		}
		if hasBlankLine(s[i:j]) {
			return 0, false
		}
		k := j + len(star)
		for k < len(s) && (s[k] == ' ' || s[k] == '\t' || s[k] == '\n' || s[k] == '\r') {
			k++
		}
		if strings.HasPrefix(s[k:], shut) {
			return k + len(shut), true
		}
	}
	return 0, false
}

// hasBlankLine reports whether s holds a line of only blanks between two
// newlines.
func hasBlankLine(s string) bool {
	for i := strings.IndexByte(s, '\n'); i >= 0; {
		j := i + 1
		for j < len(s) && (s[j] == ' ' || s[j] == '\t') {
			j++
		}
		if j < len(s) && s[j] == '\n' {
			return true
		}
		k := strings.IndexByte(s[j:], '\n')
		if k < 0 {
			return false
		}
		i = j + k
	}
	return false
}

// parse reads a tag's name and arguments from its inside.
func (t *tag) parse(inside string) {
	s := strings.TrimSpace(inside)
	if t.kind == synLiquid {
		s = strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(s, "-"), "-"))
	} else {
		if rest, ok := strings.CutSuffix(s, "/"); ok {
			t.selfClose, s = true, strings.TrimSpace(rest)
		}
		if rest, ok := strings.CutPrefix(s, "/"); ok {
			t.close, s = true, strings.TrimSpace(rest)
		}
	}
	name := s
	if i := strings.IndexAny(s, " \t\r\n"); i >= 0 {
		name = s[:i]
	}
	t.argstr = s[len(name):]
	t.args = parseTagArgs(t.argstr)
	name = strings.ToLower(name)
	if t.kind == synLiquid && len(name) > 3 && strings.HasPrefix(name, "end") {
		t.close, name = true, name[3:]
	}
	t.name = name
}

// pairable reports whether the tag may open or close a pair.
func (t *tag) pairable() bool {
	return (t.kind == synAngle || t.kind == synPercent || t.kind == synLiquid) && !t.selfClose && t.name != ""
}

// literal is an escaped shortcode as the text it stands for.
func (t *tag) literal() string {
	inner := t.src[strings.Index(t.src, "/*")+2 : strings.LastIndex(t.src, "*/")]
	if t.kind == synEscAngle {
		return "{{<" + inner + ">}}"
	}
	return "{{%" + inner + "%}}"
}

// tagArgRE reads one argument: key=value (Hugo), key:value (Hexo's
// lang:js, Jekyll's caption:"…"; not https://) or positional; a value
// quoted with ", ' or `, or bare.
var tagArgRE = regexp.MustCompile(`\s*(?:([A-Za-z_][\w.-]*)\s*=\s*|([A-Za-z_][\w-]*):)?("(?:[^"\\]|\\.)*"|'[^']*'|` + "`[^`]*`" + `|[^\s"'` + "`" + `]+)`)

func parseTagArgs(s string) []tagArg {
	var out []tagArg
	for _, m := range tagArgRE.FindAllStringSubmatchIndex(s, -1) {
		key := ""
		switch {
		case m[2] >= 0:
			key = s[m[2]:m[3]]
		case m[4] >= 0:
			key = s[m[4]:m[5]]
			if strings.HasPrefix(s[m[5]:], "://") {
				// "https://…" is a value, not key:value: read it again whole.
				key = ""
				v := s[m[4]:]
				if i := strings.IndexAny(v, " \t\r\n"); i >= 0 {
					v = v[:i]
				}
				out = append(out, tagArg{val: v})
				continue
			}
		}
		v := s[m[6]:m[7]]
		if len(v) >= 2 && v[0] == v[len(v)-1] && strings.IndexByte("\"'`", v[0]) >= 0 {
			quote := v[0]
			v = v[1 : len(v)-1]
			if quote == '"' {
				v = unescapeBackslash(v)
			}
		}
		out = append(out, tagArg{key: strings.ToLower(key), val: v})
	}
	return out
}

func unescapeBackslash(s string) string {
	if strings.IndexByte(s, '\\') < 0 {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			i++
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func (t *tag) kv(key string) string {
	for _, a := range t.args {
		if a.key == key {
			return a.val
		}
	}
	return ""
}

func (t *tag) positional() []string {
	var out []string
	for _, a := range t.args {
		if a.key == "" {
			out = append(out, a.val)
		}
	}
	return out
}

// tagImage reads an image tag's arguments: src, link, alt, title, caption,
// width and height; positional ones as Hexo writes them
// (img [class…] url [width [height]] ["title" ["alt"]]).
type tagImageArgs struct{ src, link, alt, title, caption, width, height string }

func (t *tag) image() tagImageArgs {
	a := tagImageArgs{src: t.kv("src"), alt: t.kv("alt"), title: t.kv("title"),
		width: t.kv("width"), height: t.kv("height")}
	if a.src == "" {
		a.src = t.kv("url")
	}
	if t.name == "figure" {
		a.link, a.caption = t.kv("link"), t.kv("caption")
		if a.caption == "" {
			a.caption = a.title
		}
	}
	pos := t.positional()
	if a.src != "" || len(pos) == 0 {
		return a
	}
	k := -1
	for i, v := range pos {
		if t.name == "asset_img" && strings.ContainsAny(v, "./") ||
			t.name != "asset_img" && looksLikeURL(strings.TrimRight(v, ",")) {
			k = i
			break
		}
	}
	if k < 0 {
		if t.name != "asset_img" {
			return a
		}
		k = 0
	}
	a.src = strings.TrimRight(pos[k], ",")
	rest := pos[k+1:]
	switch t.name {
	case "asset_img": // asset_img name [title]
		if a.title == "" {
			a.title = strings.Join(rest, " ")
		}
		return a
	case "image": // image src [description]
		if a.alt == "" && len(rest) > 0 && !isDigits(rest[0]) {
			a.alt = strings.Join(rest, " ")
		}
		if a.alt != "" {
			return a
		}
	}
	if len(rest) > 0 && isDigits(rest[0]) {
		a.width, rest = rest[0], rest[1:]
		if len(rest) > 0 && isDigits(rest[0]) {
			a.height, rest = rest[0], rest[1:]
		}
	}
	if len(rest) > 0 && a.title == "" {
		a.title, rest = rest[0], rest[1:]
	}
	if len(rest) > 0 && a.alt == "" {
		a.alt = rest[0]
	}
	return a
}

var urlStartRE = regexp.MustCompile(`^([A-Za-z][A-Za-z0-9+.-]*://|//|/|\.\.?/)`)

func looksLikeURL(v string) bool {
	return urlStartRE.MatchString(v) || strings.Contains(v, "/") || isImageName(strings.SplitN(v, "?", 2)[0])
}

// isImageName reports whether a path ends in an image extension.
func isImageName(p string) bool {
	p = strings.ToLower(p)
	for _, ext := range imageExts {
		if strings.HasSuffix(p, ext) {
			return true
		}
	}
	return false
}

// isImageArg reports whether a tag argument names an image file.
func isImageArg(v string) bool {
	if i := strings.IndexAny(v, "?#"); i >= 0 {
		v = v[:i]
	}
	return isImageName(v)
}

// imageHTML writes an image tag as HTML: <img>, in <a href=link>, and with
// a caption in a <figure> with a <figcaption>. inner is the content of a
// paired tag; with mdBlock the caption is Markdown on lines of its own.
func imageHTML(a tagImageArgs, inner string, mdBlock bool) string {
	img := ""
	if a.src != "" {
		var b strings.Builder
		b.WriteString(`<img src="` + html.EscapeString(a.src) + `"`)
		for _, kv := range [][2]string{{"alt", a.alt}, {"title", a.title}, {"width", a.width}, {"height", a.height}} {
			if kv[1] != "" {
				b.WriteString(" " + kv[0] + `="` + html.EscapeString(kv[1]) + `"`)
			}
		}
		b.WriteString(">")
		img = b.String()
		if a.link != "" {
			img = `<a href="` + html.EscapeString(a.link) + `">` + img + "</a>"
		}
	}
	if a.caption == "" {
		if mdBlock && img != "" {
			return img + "\n" + inner
		}
		return img + inner
	}
	if mdBlock {
		return "<figure>" + img + "\n\n" + inner + "\n\n<figcaption>\n\n" + a.caption + "\n\n</figcaption></figure>\n"
	}
	return "<figure>" + img + inner + "<figcaption>" + html.EscapeString(a.caption) + "</figcaption></figure>"
}

// codeLang is a code tag's language: lang:/lang=/language=, or the first
// positional argument of highlight and Hugo's code.
func (t *tag) codeLang() string {
	if v := t.kv("lang"); v != "" {
		return v
	}
	if v := t.kv("language"); v != "" {
		return v
	}
	if t.name == "highlight" || t.name == "code" && t.kind != synLiquid {
		if p := t.positional(); len(p) > 0 {
			return p[0]
		}
	}
	return ""
}

var hexoArgRE = regexp.MustCompile(`"([^"]*)"|'([^']*)'|(\S+)`)

// hexoArgs splits arguments on white space, quotes kept together, as Hexo
// reads them.
func hexoArgs(s string) []string {
	var out []string
	for _, m := range hexoArgRE.FindAllStringSubmatch(s, -1) {
		switch {
		case m[1] != "" || strings.HasPrefix(m[0], `"`):
			out = append(out, m[1])
		case m[2] != "" || strings.HasPrefix(m[0], "'"):
			out = append(out, m[2])
		default:
			out = append(out, m[3])
		}
	}
	return out
}

// mdText escapes text so that Markdown reads it back as itself.
func mdText(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= '!' && c <= '/' || c >= ':' && c <= '@' || c >= '[' && c <= '`' || c >= '{' && c <= '~' {
			b.WriteByte('\\')
		}
		b.WriteByte(c)
	}
	return b.String()
}

func bodyText(s string, markdown bool) string {
	if markdown {
		return mdText(s)
	}
	return html.EscapeString(s)
}

var (
	quoteLinkSource = regexp.MustCompile(`(?i)(\S.*)\s+(https?://\S+)\s+(.+)`)
	quoteLink       = regexp.MustCompile(`(?i)(\S.*)\s+(https?://\S+)`)
	quoteComma      = regexp.MustCompile(`([^,]+),\s*([^,]+)`)
)

// quoteFooter is a quote tag's last line, "— author, source": Hexo's
// blockquote arguments read with Hexo's own patterns, a Hugo shortcode's
// author= and source= (else title=).
func (t *tag) quoteFooter() string {
	var author, source string
	if t.kind != synLiquid {
		author, source = strings.TrimSpace(t.kv("author")), t.kv("source")
		if source == "" {
			source = t.kv("title")
		}
		source = strings.TrimSpace(source)
	} else {
		s := strings.TrimSpace(strings.Join(hexoArgs(t.argstr), " "))
		if s == "" {
			return ""
		}
		if m := quoteLinkSource.FindStringSubmatch(s); m != nil {
			author, source = m[1], m[3]
		} else if m := quoteLink.FindStringSubmatch(s); m != nil {
			author = m[1]
		} else if m := quoteComma.FindStringSubmatch(s); m != nil {
			author, source = m[1], m[2]
		} else {
			author = s
		}
		author, source = strings.TrimSpace(author), strings.TrimSpace(source)
	}
	var parts []string
	for _, p := range []string{author, source} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return "— " + strings.Join(parts, ", ")
}

var schemeArgRE = regexp.MustCompile(`^[A-Za-z]{3,9}:(?://)?\S`)

// textTag reads post_link (its title, else its slug) and link (its text, a
// link to its URL).
func (t *tag) textTag(markdown bool) string {
	args := hexoArgs(t.argstr)
	if t.name == "post_link" {
		if n := len(args); n > 1 && (args[n-1] == "true" || args[n-1] == "false") {
			args = args[:n-1]
		}
		text := ""
		if len(args) > 1 {
			text = strings.Join(args[1:], " ")
		} else if len(args) == 1 {
			text = args[0]
		}
		return bodyText(text, markdown)
	}
	k := -1
	for i, a := range args {
		if schemeArgRE.MatchString(a) || strings.HasPrefix(a, "www.") {
			k = i
			break
		}
	}
	if k < 0 {
		return bodyText(strings.Join(args, " "), markdown)
	}
	return `<a href="` + html.EscapeString(args[k]) + `">` + bodyText(strings.Join(args[:k], " "), markdown) + "</a>"
}

// argImages are a tag's image-file arguments as images.
func (t *tag) argImages() string {
	var b strings.Builder
	for _, a := range t.args {
		if isImageArg(a.val) {
			b.WriteString(`<img src="` + html.EscapeString(a.val) + `">`)
		}
	}
	return b.String()
}

// singleTag reads an unknown single tag: its image-file arguments become
// images and the first of its text=, title=, name= arguments that is no
// image file is its text — a link to its url=, href= or link= argument,
// when there is one — each where it is written.
func (t *tag) singleTag(markdown bool) string {
	key := ""
	for _, k := range textArgs {
		for _, a := range t.args {
			if a.key == k && !isImageArg(a.val) {
				key = k
				break
			}
		}
		if key != "" {
			break
		}
	}
	var b strings.Builder
	said := false
	for _, a := range t.args {
		switch {
		case isImageArg(a.val):
			b.WriteString(`<img src="` + html.EscapeString(a.val) + `">`)
		case key != "" && a.key == key && !said:
			text := bodyText(a.val, markdown)
			for _, k := range linkArgs {
				if u := t.kv(k); u != "" && !isImageArg(u) {
					text = `<a href="` + html.EscapeString(u) + `">` + text + "</a>"
					break
				}
			}
			b.WriteString(text)
			said = true
		}
	}
	return b.String()
}

// siteVarRE is Liquid or Nunjucks output of a site variable, which reads as
// nothing; any other {{ … }} is text.
var siteVarRE = regexp.MustCompile(`(?s)^\s*-?\s*(?:site|page|post|config|theme)[.\[].*$`)
