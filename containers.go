package postextract

import (
	"regexp"
	"strings"
	"unicode"
)

// containerRE is a ::: container fence line (markdown-it-container, as
// Docusaurus, VuePress, VitePress and Hexo themes read it).
var containerRE = regexp.MustCompile(`(?m)^[ \t]{0,3}:{3,}.*$`)

// knownContainers are the container types of markdown-it-container as
// VuePress, VitePress, Docusaurus and Hexo themes register them: a fence
// of one of them may interrupt a paragraph.
var knownContainers = map[string]bool{
	"note": true, "tip": true, "info": true, "warning": true, "danger": true, "caution": true,
	"important": true, "details": true, "success": true, "error": true, "example": true,
	"question": true, "quote": true, "abstract": true, "todo": true, "bug": true, "failure": true,
	"hint": true, "attention": true, "code-group": true, "v-pre": true, "tabs": true, "tab": true,
}

// containers are the ::: containers open at a point of the body, the
// innermost last: a closing fence closes the innermost.
type containers []bool // whether the container reads as a quote

// fences rewrites the ::: container fence lines of t (outside code). An
// admonition's opening fence, "::: type Title" or ":::type[Title]",
// opens a block quote whose first paragraph is its title (the one
// written, else the type's name); another container's opening fence is
// its title, if it writes one, as a paragraph; a closing fence (colons
// only) ends what its opening one began. A line is a fence when its type
// is a known one, or any word after a blank line; else (::: is used in
// Haskell, in the middle of a paragraph) it is text.
func (cs *containers) fences(t string) string {
	var b strings.Builder
	last := 0
	for _, m := range containerRE.FindAllStringIndex(t, -1) {
		b.WriteString(t[last:m[0]])
		b.WriteString(cs.fenceLine(t[m[0]:m[1]], afterBlank(t[:m[0]])))
		last = m[1]
	}
	b.WriteString(t[last:])
	return b.String()
}

// fenceLine is what a ::: line becomes (see fences); blank tells whether
// a blank line, or nothing, comes before it.
func (cs *containers) fenceLine(line string, blank bool) string {
	indent := line[:len(line)-len(strings.TrimLeft(line, " \t"))]
	rest := strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(line), ":"))
	if rest == "" {
		n := len(*cs)
		if n == 0 {
			return ""
		}
		quote := (*cs)[n-1]
		*cs = (*cs)[:n-1]
		if quote {
			return "\n" + indent + "</blockquote>\n"
		}
		return ""
	}
	typ, title := containerHead(rest)
	if !containerType(typ) || !knownContainers[strings.ToLower(typ)] && !blank {
		return line
	}
	quote := admonitionTypes[strings.ToLower(typ)]
	*cs = append(*cs, quote)
	if quote {
		if title == "" {
			title = capitalized(typ)
		}
		return indent + "<blockquote>\n\n" + indent + title + "\n"
	}
	if title != "" {
		return title + "\n"
	}
	return ""
}

// closeAll closes the quotes of the containers still open at the end.
func (cs *containers) closeAll() string {
	var b strings.Builder
	for _, quote := range *cs {
		if quote {
			b.WriteString("\n\n</blockquote>\n")
		}
	}
	*cs = nil
	return b.String()
}

// containerHead splits what follows an opening fence's colons into the
// type and the title: "tip Title", "note[Title]", "tip{…} Title".
func containerHead(rest string) (typ, title string) {
	i := strings.IndexAny(rest, " \t[{")
	if i < 0 {
		return rest, ""
	}
	typ, rest = rest[:i], strings.TrimSpace(rest[i:])
	switch {
	case strings.HasPrefix(rest, "["):
		if j := strings.LastIndexByte(rest, ']'); j > 0 {
			return typ, strings.TrimSpace(rest[1:j])
		}
	case strings.HasPrefix(rest, "{"):
		if j := strings.IndexByte(rest, '}'); j > 0 {
			rest = strings.TrimSpace(rest[j+1:])
		}
	}
	return typ, rest
}

// containerType reports whether s is a container's type: a letter, then
// letters, digits, "-" and "_".
func containerType(s string) bool {
	for i, r := range s {
		if !(unicode.IsLetter(r) || i > 0 && (unicode.IsDigit(r) || r == '-' || r == '_')) {
			return false
		}
	}
	return s != ""
}

// afterBlank reports whether the text before a line ends with a blank
// line, or is blank.
func afterBlank(before string) bool {
	prev := strings.TrimRight(before, " \t")
	return strings.HasSuffix(prev, "\n\n") || strings.TrimSpace(prev) == ""
}
