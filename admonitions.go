package postextract

import (
	"html"
	"strings"
)

// hexoAdmonitions are the admonitions of Hexo's tag plugins (Liquid
// syntax); the other names of ruleAdmonition are Hugo's shortcodes.
var hexoAdmonitions = map[string]bool{"note": true, "fold": true, "folding": true, "details": true, "hidetoggle": true}

// admonitionTypes are the types whose name, capitalized, is the title of
// an admonition that writes none (SPEC Generators).
var admonitionTypes = map[string]bool{
	"note": true, "tip": true, "info": true, "warning": true, "danger": true, "caution": true,
	"important": true, "success": true, "question": true, "failure": true, "bug": true,
	"example": true, "quote": true, "abstract": true, "summary": true, "tldr": true, "hint": true,
	"attention": true, "error": true, "todo": true, "check": true, "done": true, "faq": true,
	"help": true, "fail": true, "missing": true, "cite": true, "details": true,
}

// hexoStyles are the style classes of Hexo's admonitions: the title is
// the words after them.
var hexoStyles = map[string]bool{
	"info": true, "warning": true, "danger": true, "success": true, "primary": true,
	"default": true, "no-icon": true, "simple": true, "modern": true, "flat": true,
	"disabled": true, "blue": true, "red": true, "green": true, "orange": true,
	"purple": true, "pink": true,
}

// admonitionFamily reports whether a ruleAdmonition tag is an admonition
// in its own family: a Hexo name written as a Liquid tag, a Hugo name as
// a shortcode, any of them as a Zola call.
func (t *shortcode) admonitionFamily() bool {
	if t.kind == synZola {
		return true // Zola themes name theirs after either family
	}
	return hexoAdmonitions[t.name] == (t.kind == synLiquid)
}

// admonitionTitle is an admonition's title: its title= argument, else its
// first quoted argument that is not an icon, else for Hexo the words after
// its style classes (fold: after its "@"; hideToggle: up to its first
// comma), else for Hugo its type's name capitalized (type=, else the
// first positional argument; admonition with none is a note) when that is
// an admonition type. Hugo's alert has none: its argument is an icon.
func (t *shortcode) admonitionTitle() string {
	if t.name == "alert" && t.kind != synLiquid {
		return ""
	}
	if v := strings.TrimSpace(t.kv("title")); v != "" {
		return v
	}
	for _, a := range t.positionalArgs() {
		if a.quote != 0 && strings.TrimSpace(a.val) != "" && !isIcon(a.val) {
			return strings.TrimSpace(a.val)
		}
	}
	if t.kind == synLiquid {
		return t.hexoTitle()
	}
	typ := t.kv("type")
	if p := t.positional(); typ == "" && len(p) > 0 {
		typ = p[0]
	}
	if typ == "" && t.name == "admonition" {
		typ = "note"
	}
	if typ = strings.TrimSpace(typ); !admonitionTypes[strings.ToLower(typ)] {
		return ""
	}
	return strings.ToUpper(typ[:1]) + strings.ToLower(typ[1:])
}

// hexoTitle is a Hexo admonition's title: the words after its style
// classes and icons.
func (t *shortcode) hexoTitle() string {
	words := hexoArgs(t.argstr)
	if t.name == "fold" {
		if all := strings.Join(words, " "); strings.Contains(all, "@") {
			_, title, _ := strings.Cut(all, "@")
			return strings.TrimSpace(title)
		}
	}
	k := 0
	for k < len(words) && (hexoStyles[strings.ToLower(strings.TrimRight(words[k], ","))] || isIcon(words[k]+" ")) {
		k++
	}
	title := strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(strings.Join(words[k:], " ")), ","))
	if t.name == "hidetoggle" {
		title, _, _ = strings.Cut(title, ",")
		title = strings.TrimSpace(title)
	}
	return title
}

// isIcon reports whether an argument is a Font Awesome or icon class
// (fa-…, "fas …", icon-…), which is no title.
func isIcon(s string) bool {
	s = strings.ToLower(strings.TrimLeft(s, " \t"))
	if strings.HasPrefix(s, "fa-") || strings.HasPrefix(s, "icon-") {
		return true
	}
	for _, p := range [...]string{"fa ", "fas ", "far ", "fal ", "fab ", "fad ", "fat ", "fa\t"} {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// tabTitles reads the content of Hexo's tabs: each <!-- tab Title -->
// comment alone on its line is the tab's title, a quote block of its own
// as an admonition's title is
// (its @icon dropped; an untitled tab has none), and <!-- endtab --> is
// nothing. The tabs' own name is no text.
func tabTitles(s string) string {
	if !strings.Contains(s, "<!--") {
		return s
	}
	lines := strings.SplitAfter(s, "\n")
	for i, line := range lines {
		t := strings.TrimSpace(line)
		inner, ok := strings.CutPrefix(t, "<!--")
		if !ok {
			continue
		}
		if inner, ok = strings.CutSuffix(inner, "-->"); !ok {
			continue
		}
		inner = strings.TrimSpace(inner)
		switch {
		case inner == "endtab" || inner == "tab":
			lines[i] = "\n"
		case strings.HasPrefix(inner, "tab ") || strings.HasPrefix(inner, "tab\t"):
			title := strings.TrimSpace(inner[4:])
			// Butterfly's <!-- tab Title @fab fa-apple -->: the icon is no title.
			if strings.HasPrefix(title, "@") {
				title = ""
			} else if k := strings.Index(title, " @"); k >= 0 {
				title = strings.TrimSpace(title[:k])
			}
			lines[i] = "\n"
			if title != "" {
				lines[i] = "\n<blockquote><p>" + html.EscapeString(title) + "</p></blockquote>\n\n"
			}
		}
	}
	return strings.Join(lines, "")
}
