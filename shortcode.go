package postextract

import (
	"regexp"
	"strings"
)

// shortcode is one template tag met in a body: a Hugo shortcode, a Hexo tag
// plugin, a Liquid or Nunjucks tag or output. In code "shortcode" names them
// all, since "tag" names the taxonomy (Article.Tags).
type shortcode struct {
	start, end int
	src        string
	kind       shortcodeSyntax
	name       string // lower case; "" for escapes and outputs
	argstr     string
	args       []shortcodeArg
	close      bool // {{< /x >}}, {% endx %}
	selfClose  bool // {{< x />}}
}

// shortcodeArg is one argument: key is "" for a positional one; quote is
// the quote it was written in (" or '), or 0.
type shortcodeArg struct {
	key, val string
	quote    byte
}

type shortcodeSyntax uint8

const (
	synEscAngle   shortcodeSyntax = iota // {{</* x */>}}
	synEscPercent                        // {{%/* x */%}}
	synAngle                             // {{< x >}}
	synPercent                           // {{% x %}}
	synLiquid                            // {% x %}
	synOutput                            // {{ x }}
	synZola                              // zola: {{ x(args) }}, {% x(args) %} and {% end %}
)

// shortcodeDelims are the shortcode syntaxes, tried in this order at each "{".
var shortcodeDelims = []struct {
	syn        shortcodeSyntax
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

// maxShortcodeLen bounds a shortcode's inside: a shortcode never spans a blank line either.
const maxShortcodeLen = 2000

// scanShortcode returns the shortcode that starts at s[i], if any.
func scanShortcode(s string, i int) (shortcode, bool) {
	for _, d := range shortcodeDelims {
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
			return shortcode{start: i, end: end, src: s[i:end], kind: d.syn}, true
		}
		window := s[in:min(len(s), in+maxShortcodeLen+len(d.shut))]
		k := -1
		if quotesArgs(d.syn, window) {
			k = shutOutsideQuotes(window, d.shut)
		}
		if k < 0 {
			k = strings.Index(window, d.shut)
		}
		if k < 0 || k > maxShortcodeLen || hasBlankLine(s[in:in+k]) {
			continue
		}
		t := shortcode{start: i, end: in + k + len(d.shut), kind: d.syn}
		t.src = s[i:t.end]
		if d.syn != synOutput {
			t.parse(s[in : in+k])
		}
		return t, true
	}
	return shortcode{}, false
}

// findShut finds, from i, the first "*/" followed by optional white space
// and shut, within maxTagLen and no blank line; it returns the end.
func findShut(s string, i int, star, shut string) (int, bool) {
	limit := min(len(s), i+maxShortcodeLen+len(star))
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

// parse reads a shortcode's name and arguments from its inside.
func (t *shortcode) parse(inside string) {
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
	t.args = parseShortcodeArgs(t.argstr)
	name = strings.ToLower(name)
	if t.kind == synLiquid && len(name) > 3 && strings.HasPrefix(name, "end") {
		t.close, name = true, name[3:]
	}
	t.name = name
}

// pairable reports whether the shortcode may open or close a pair.
func (t *shortcode) pairable() bool {
	return (t.kind == synAngle || t.kind == synPercent || t.kind == synLiquid || t.kind == synZola) &&
		!t.selfClose && t.name != ""
}

// literal is an escaped shortcode as the text it stands for.
func (t *shortcode) literal() string {
	inner := t.src[strings.Index(t.src, "/*")+2 : strings.LastIndex(t.src, "*/")]
	if t.kind == synEscAngle {
		return "{{<" + inner + ">}}"
	}
	return "{{%" + inner + "%}}"
}

// shortcodeArgRE reads one argument: key=value (Hugo), key:value (Hexo's
// lang:js, Jekyll's caption:"…"; not https://) or positional; a value
// quoted with ", ' or `, or bare.
var shortcodeArgRE = regexp.MustCompile(`\s*(?:([A-Za-z_][\w.-]*)\s*=\s*|([A-Za-z_][\w-]*):)?("(?:[^"\\]|\\.)*"|'[^']*'|` + "`[^`]*`" + `|[^\s"'` + "`" + `]+)`)

func parseShortcodeArgs(s string) []shortcodeArg {
	var out []shortcodeArg
	for _, m := range shortcodeArgRE.FindAllStringSubmatchIndex(s, -1) {
		key := ""
		switch {
		case m[2] >= 0:
			key = s[m[2]:m[3]]
		case m[4] >= 0:
			key = s[m[4]:m[5]]
			if strings.HasPrefix(s[m[5]:], "://") {
				// "https://…" is a value, not key:value: read it again whole.
				v := s[m[4]:]
				if i := strings.IndexAny(v, " \t\r\n"); i >= 0 {
					v = v[:i]
				}
				out = append(out, shortcodeArg{val: v})
				continue
			}
		}
		v, quote := s[m[6]:m[7]], byte(0)
		if len(v) >= 2 && v[0] == v[len(v)-1] && strings.IndexByte("\"'`", v[0]) >= 0 {
			quote = v[0]
			v = v[1 : len(v)-1]
			if quote == '"' {
				v = unescapeBackslash(v)
			}
		}
		out = append(out, shortcodeArg{key: strings.ToLower(key), val: v, quote: quote})
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

func (t *shortcode) kv(key string) string {
	for _, a := range t.args {
		if a.key == key {
			return a.val
		}
	}
	return ""
}

func (t *shortcode) positional() []string {
	var out []string
	for _, a := range t.positionalArgs() {
		out = append(out, a.val)
	}
	return out
}

// positionalArgs are the arguments without a key, in order.
func (t *shortcode) positionalArgs() []shortcodeArg {
	var out []shortcodeArg
	for _, a := range t.args {
		if a.key == "" {
			out = append(out, a)
		}
	}
	return out
}

// quotesArgs reports whether a tag of syntax syn whose inside starts with
// in reads quoted arguments before it looks for its end, as Hugo's lexer
// and Zola's grammar do ("a >}} b" is one argument); Liquid's and
// Nunjucks' tokenizers do not.
func quotesArgs(syn shortcodeSyntax, in string) bool {
	switch syn {
	case synAngle, synPercent:
		return true
	case synOutput, synLiquid:
		return zolaCallStart(in)
	}
	return false
}

// zolaCallStart reports whether in starts, after blanks, name( as a Zola
// call does.
func zolaCallStart(in string) bool {
	i := 0
	for i < len(in) && (in[i] == ' ' || in[i] == '\t' || in[i] == '-') {
		i++
	}
	j := i
	for j < len(in) && (isIdentByte(in[j]) || j > i && in[j] >= '0' && in[j] <= '9') {
		j++
	}
	for k := j; k < len(in) && j > i; k++ {
		switch in[k] {
		case '(':
			return true
		case ' ', '\t':
			continue
		}
		return false
	}
	return false
}

// shutOutsideQuotes returns the index of the first shut in s outside a
// quoted string (", ' or `, closed on its line), or -1.
func shutOutsideQuotes(s, shut string) int {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case strings.HasPrefix(s[i:], shut):
			return i
		case c == '"' || c == '\'' || c == '`':
			end := strings.IndexByte(s[i+1:], c)
			if nl := strings.IndexByte(s[i+1:], '\n'); end >= 0 && (nl < 0 || end < nl) {
				i += end + 1
			}
		}
	}
	return -1
}
