package postextract

import (
	"cmp"
	"html"
	"regexp"
	"strings"
)

// shortcodeRule is what a known shortcode becomes.
type shortcodeRule uint8

const (
	ruleImage      shortcodeRule = iota + 1 // an image, from its arguments
	ruleCode                                // a code block with its language, content literal
	ruleQuote                               // a quote, its author and source as a last line
	ruleText                                // its text (a link to its URL)
	ruleNothing                             // nothing (embeds, site templates); paired: content too
	ruleInclude                             // its image-file arguments as images
	ruleURL                                 // its first argument, a URL, as text where it stands
	ruleAdmonition                          // paired: a quote, its title a block of its own (admonitionTitle)
	ruleTabs                                // paired: its content in place, each <!-- tab Title --> a title (tabTitles)
	rulePullquote                           // paired: its content, the {" "} around the pulled words dropped
)

// builtinShortcodes says what each known shortcode becomes, Hugo shortcodes, Hexo tag
// plugins and Liquid tags alike, by lower-case name. Any other paired shortcode
// is its content, read as the body around it; any other single shortcode is its
// image-file arguments and its text=, title= or name= argument.
var builtinShortcodes = map[string]shortcodeRule{
	"figure": ruleImage, "img": ruleImage, "asset_img": ruleImage, "image": ruleImage,
	"highlight": ruleCode, "codeblock": ruleCode, "code": ruleCode, "mermaid": ruleCode,
	"blockquote": ruleQuote, "quote": ruleQuote,
	"post_link": ruleText, "link": ruleText, "asset_link": ruleText, "asset_path": ruleURL,
	"youtube": ruleNothing, "vimeo": ruleNothing, "bilibili": ruleNothing, "gist": ruleNothing,
	"tweet": ruleNothing, "x": ruleNothing, "instagram": ruleNothing, "iframe": ruleNothing,
	"jsfiddle": ruleNothing, "post_url": ruleNothing, "ref": ruleNothing, "relref": ruleNothing,
	"param": ruleNothing, "comment": ruleNothing, "toc": ruleNothing,
	"include": ruleInclude, "tabs": ruleTabs, "pullquote": rulePullquote,
	// Admonitions: Hugo's (admonition, notice, callout, hint, alert) and
	// Hexo's (note, fold, folding, details, hideToggle); a name of the other
	// family is any paired tag (admonitionFamily).
	"admonition": ruleAdmonition, "notice": ruleAdmonition, "callout": ruleAdmonition,
	"hint": ruleAdmonition, "alert": ruleAdmonition, "note": ruleAdmonition, "fold": ruleAdmonition,
	"folding": ruleAdmonition, "details": ruleAdmonition, "hidetoggle": ruleAdmonition,
}

// textArgs name the argument that is an unknown single shortcode's text, in
// order; linkArgs the one its text links to.
var (
	textArgs = []string{"text", "title", "name"}
	linkArgs = []string{"url", "href", "link"}
)

// shortcodeImage are what an image shortcode says of its image.
type shortcodeImage struct{ src, link, alt, title, caption, width, height string }

// image reads an image shortcode's arguments: src, link, alt, title, caption,
// width and height; positional ones as Hexo writes them
// (img [class…] url [width [height]] ["title" ["alt"]]).
func (t *shortcode) image() shortcodeImage {
	a := shortcodeImage{src: t.kv("src"), alt: t.kv("alt"), title: t.kv("title"),
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
	if a.src == "" && t.kind == synZola {
		// Zola themes' figure and image: img=, else the first image file.
		a.src = t.kv("img")
		for _, arg := range t.args {
			if a.src != "" {
				break
			}
			if isImageFile(arg.val) {
				a.src = arg.val
				break
			}
		}
	}
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
	rest := t.positionalArgs()[k+1:]
	if t.name == "image" && a.alt == "" && len(rest) > 0 && !isDigits(rest[0].val) {
		// image src [description]
		a.alt = joinArgs(rest)
		return a
	}
	w, h, title, alt := hexoImageMeta(rest)
	a.width, a.height = cmp.Or(a.width, w), cmp.Or(a.height, h)
	a.title, a.alt = cmp.Or(a.title, title), cmp.Or(a.alt, alt)
	return a
}

// hexoImageMeta reads what follows an image tag's URL as Hexo's img and
// asset_img read it: a width and then a height when they are numbers,
// then the rest is the title ({% img /a.png 300 The long title %}), or a
// quoted pair is the title then the alt ('"The title" "The alt"', or
// "The title" "The alt").
func hexoImageMeta(rest []shortcodeArg) (width, height, title, alt string) {
	if len(rest) > 0 && isDigits(rest[0].val) {
		width, rest = rest[0].val, rest[1:]
		if len(rest) > 0 && isDigits(rest[0].val) {
			height, rest = rest[0].val, rest[1:]
		}
	}
	// The words as Hexo joins them: a quoted argument keeps its quotes, but
	// one in single quotes that holds double ones is its text ('"t" "a"' is
	// "t" "a").
	words := make([]string, len(rest))
	for i, a := range rest {
		words[i] = a.val
		if a.quote == '"' || a.quote == '\'' && !strings.Contains(a.val, `"`) {
			words[i] = `"` + a.val + `"`
		}
	}
	meta := strings.Join(words, " ")
	quoted := func(i int) bool { return i < len(meta) && (meta[i] == '"' || meta[i] == '\'') }
	// field reads from i a quoted field to its own closing quote (an
	// apostrophe inside "…" is text), or words to the next quote.
	field := func(i int) (string, int) {
		if quoted(i) {
			q := meta[i]
			j := strings.IndexByte(meta[i+1:], q)
			if j < 0 {
				return strings.TrimSpace(meta[i+1:]), len(meta)
			}
			return strings.TrimSpace(meta[i+1 : i+1+j]), i + 2 + j
		}
		j := i
		for j < len(meta) && !quoted(j) {
			j++
		}
		return strings.TrimSpace(meta[i:j]), j
	}
	title, i := field(0)
	for i < len(meta) && meta[i] == ' ' {
		i++
	}
	alt, _ = field(i)
	return width, height, title, alt
}

// joinArgs joins arguments' values with spaces.
func joinArgs(args []shortcodeArg) string {
	vals := make([]string, len(args))
	for i, a := range args {
		vals[i] = a.val
	}
	return strings.Join(vals, " ")
}

// looksLikeURL reports whether a positional shortcode argument is an image's URL:
// it holds a "/" (a scheme, a path) or names an image file.
func looksLikeURL(v string) bool {
	return strings.Contains(v, "/") || isImageFile(v)
}

// imageHTML writes an image shortcode as HTML: <img>, in <a href=link>, and with
// a caption in a <figure> with a <figcaption>. inner is the content of a
// paired shortcode; with mdBlock the caption is Markdown on lines of its own.
func imageHTML(a shortcodeImage, inner string, mdBlock bool) string {
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

// lang is a code shortcode's language: mermaid's is mermaid, else
// lang:/lang=/language=, or the first positional argument of highlight and
// Hugo's code.
func (t *shortcode) lang() string {
	if t.name == "mermaid" {
		return "mermaid" // a diagram's source, whatever its arguments
	}
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

// quoteFooter is a quote shortcode's last line, "— author, source": Hexo's
// blockquote arguments read with Hexo's own patterns, a Hugo or Zola
// shortcode's author= and source= (else title=, cite=), else its footer=,
// which is Markdown (markdown reports it).
func (t *shortcode) quoteFooter() (line string, markdown bool) {
	var author, source string
	if t.kind != synLiquid {
		author, source = strings.TrimSpace(t.kv("author")), t.kv("source")
		if source == "" {
			source = cmp.Or(t.kv("title"), t.kv("cite"))
		}
		if f := strings.TrimSpace(t.kv("footer")); f != "" && author == "" && source == "" {
			// Zola themes' footer= is Markdown, the whole last line.
			return "— " + f, true
		}
		source = strings.TrimSpace(source)
	} else {
		s := strings.TrimSpace(strings.Join(hexoArgs(t.argstr), " "))
		if s == "" {
			return "", false
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
		return "", false
	}
	return "— " + strings.Join(parts, ", "), false
}

var schemeArgRE = regexp.MustCompile(`^[A-Za-z]{3,9}:(?://)?\S`)

// textShortcode reads post_link (its title, else its slug) and link (its text, a
// link to its URL).
func (t *shortcode) textShortcode(markdown bool) string {
	args := hexoArgs(t.argstr)
	if t.name == "post_link" || t.name == "asset_link" {
		// post_link slug [title] [escape], asset_link name [title] [escape]
		if n := len(args); n > 1 && (args[n-1] == "true" || args[n-1] == "false") {
			args = args[:n-1]
		}
		if len(args) == 0 {
			return ""
		}
		text := args[0]
		if len(args) > 1 {
			text = strings.Join(args[1:], " ")
		}
		if t.name == "asset_link" {
			return `<a href="` + html.EscapeString(args[0]) + `">` + bodyText(text, markdown) + "</a>"
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

// argImages are a shortcode's image-file arguments as images.
func (t *shortcode) argImages() string {
	var b strings.Builder
	for _, a := range t.args {
		if isImageFile(a.val) {
			b.WriteString(`<img src="` + html.EscapeString(a.val) + `">`)
		}
	}
	return b.String()
}

// singleShortcode reads an unknown single shortcode: its image-file arguments become
// images and the first of its text=, title=, name= arguments that is no
// image file is its text — a link to its url=, href= or link= argument,
// when there is one — each where it is written.
func (t *shortcode) singleShortcode(markdown bool) string {
	key := ""
	for _, k := range textArgs {
		for _, a := range t.args {
			if a.key == k && !isImageFile(a.val) {
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
		case isImageFile(a.val):
			b.WriteString(`<img src="` + html.EscapeString(a.val) + `">`)
		case key != "" && a.key == key && !said:
			text := bodyText(a.val, markdown)
			for _, k := range linkArgs {
				if u := t.kv(k); u != "" && !isImageFile(u) {
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
