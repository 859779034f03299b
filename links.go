package postextract

import (
	"net/url"
	"slices"
	"strconv"
	"strings"
)

// redirectors are the link redirect wrappers that pipelines and sites put
// around outbound links: on host (any, when empty) and path (a prefix when
// prefix is set), the target is the value of param.
var redirectors = []struct {
	host, path string
	prefix     bool
	param      string
}{
	{host: "www.oschina.net", path: "/action/GoToLink", param: "url"},
	{host: "links.jianshu.com", path: "/go", param: "to"},
	{host: "gitee.com", path: "/link", param: "target"},
	{host: "link.zhihu.com", path: "/", param: "target"},
	{host: "link.juejin.cn", path: "/", param: "target"},
	{host: "link.csdn.net", path: "/", param: "target"},
	{host: "m.ithome.com", path: "/html/app/open.html", param: "url"},
	{host: "www.google.com", path: "/url", param: "q"},
	{host: "www.google.com", path: "/url", param: "url"}, // the search results' form
	{host: "l.facebook.com", path: "/l.php", param: "u"},
	{host: "t.umblr.com", path: "/redirect", param: "z"},
	{host: "weibo.cn", path: "/sinaurl", param: "u"},
	{host: "c.duomai.com", path: "/track.php", param: "t"}, // an affiliate network
	{path: "/c/", prefix: true, param: "u"},                // Impact's affiliate links, /c/{ids}?u=
}

// DefaultLinkUnwrappers returns a fresh list of the link redirectors
// recognised by default, in the order they are tried (after those of
// [WithLinkUnwrapper]): [UnwrapRedirect]. [WithBaseLinkUnwrappers] replaces
// the list.
func DefaultLinkUnwrappers() []Unwrapper {
	return []Unwrapper{UnwrapRedirect}
}

// UnwrapRedirect unwraps a link redirector of the redirectors table
// (www.oschina.net/action/GoToLink?url=, links.jianshu.com/go?to=,
// www.google.com/url?q=, …). It returns false for any other URL.
func UnwrapRedirect(u *url.URL) (string, bool) {
	host := strings.ToLower(u.Hostname())
	path := u.Path
	if path == "" {
		path = "/"
	}
	for _, r := range redirectors {
		if r.host != "" && host != r.host {
			continue
		}
		if r.prefix && !strings.HasPrefix(path, r.path) || !r.prefix && path != r.path {
			continue
		}
		if v := u.Query().Get(r.param); v != "" {
			return v, true
		}
	}
	return "", false
}

// link resolves an <a href> into an outbound link: repaired as browsers
// do, resolved against the base (else kept relative, with a warning), and
// unwrapped from redirectors, bounded, keeping only absolute http(s)
// results. A fragment, mailto:, javascript:, tel: or any scheme but
// http(s) is no link.
func (r *resolver) link(href string) (string, bool) {
	s := normalizeURL(r.sitePath(href))
	if s == "" || s[0] == '#' {
		return "", false
	}
	if sc := schemeOf(s); sc != "" && sc != "http" && sc != "https" {
		return "", false
	}
	s = encodeURL(s)
	u, err := url.Parse(s)
	if err != nil {
		if u, err = url.Parse(escapeStrayPercent(s)); err != nil {
			return "", false
		}
		s = escapeStrayPercent(s)
	}
	if !u.IsAbs() {
		if r.base == nil {
			r.rep.warnf(WarnRelativeURL, s, "relative link %q kept as written (no base URL)", s)
			return s, true
		}
		s = resolveReference(r.base, s)
		if u, err = url.Parse(s); err != nil {
			return s, true
		}
	}
	if u.Host == "" {
		return "", false
	}
	return unwrapAll(r.e.linkUnwrappers, s, u), true
}

// checkFootnotes keeps the footnotes of a post only in the shape that
// Markdown's [^n] reads back as: references numbered 1, 2, … in order of
// first appearance, each a run of its own number with no other mark, none
// in a definition; definitions the last blocks, level-1 items of an
// ordered list, in order, one for each number referenced. Anything else
// (hand-written HTML, a definition holding a list or code) is read as
// before: the numbers as text, the definitions as list items, numbered.
func checkFootnotes(a *Article) {
	refs, defs, ok := 0, 0, true
	for i := range a.Blocks {
		b := &a.Blocks[i]
		if b.Footnote != "" {
			switch {
			case b.Kind != KindListItem || b.Level != 1 || !b.Ordered:
				ok = false
			case b.Footnote == strconv.Itoa(defs+1):
				defs++
			case b.Footnote != strconv.Itoa(defs) || defs == 0:
				ok = false
			}
		} else if defs > 0 {
			ok = false // a block after a definition
		}
		for _, r := range b.Runs {
			switch {
			case r.Footnote == "":
			case b.Footnote != "" || r.Text != r.Footnote || r.Link != "" || r.marks() != 0:
				ok = false
			case r.Footnote == strconv.Itoa(refs+1):
				refs++
			default:
				if n, err := strconv.Atoi(r.Footnote); err != nil || n < 1 || n > refs || strconv.Itoa(n) != r.Footnote {
					ok = false
				}
			}
		}
	}
	if ok && refs == defs {
		for i := range a.Blocks {
			if a.Blocks[i].Footnote != "" {
				a.Blocks[i].Number = 0 // its label numbers it, not its place
			}
		}
		return
	}
	for i := range a.Blocks {
		b := &a.Blocks[i]
		b.Footnote = ""
		if !slices.ContainsFunc(b.Runs, func(r Run) bool { return r.Footnote != "" }) {
			continue
		}
		var runs []Run
		marked := false
		for _, r := range b.Runs {
			marked = marked || r.marks() != 0 || r.Link != ""
			appendRun(&runs, r.Text, r.marks(), r.Link)
		}
		b.Runs = nil
		if marked {
			b.Runs = runs
		}
	}
}

// dropImageLinks removes the links to the post's own images (the full-size
// <a href> around a thumbnail is the image, not a link): from Links, and
// from runs, which then merge. A run, a table cell's run or an image keeps
// only a link that Links keep, so that they agree: an anchor to an image
// file around an image, already taken out of Links by closeLink, leaves no
// link on the text before the image either. Footnotes are checked first
// (checkFootnotes).
func dropImageLinks(a *Article) {
	checkFootnotes(a)
	own := make(map[string]bool, len(a.Images))
	for _, img := range a.Images {
		own[img.URL] = true
	}
	links := a.Links[:0]
	kept := make(map[string]bool, len(a.Links))
	for _, l := range a.Links {
		if l.URL != "" && !own[l.URL] {
			links = append(links, l)
			kept[l.URL] = true
		}
	}
	a.Links = links
	if len(a.Links) == 0 {
		a.Links = nil
	}
	for i := range a.Images {
		if !kept[a.Images[i].Link] {
			a.Images[i].Link = ""
		}
	}
	for i := range a.Blocks {
		b := &a.Blocks[i]
		b.Runs = keptRuns(b.Runs, kept)
		linked := false
		for _, row := range b.CellRuns {
			for j := range row {
				row[j] = keptRuns(row[j], kept)
				linked = linked || row[j] != nil
			}
		}
		if !linked {
			b.CellRuns = nil
		}
		if b.Image != nil && !kept[b.Image.Link] {
			b.Image.Link = ""
		}
	}
}

// keptRuns are runs without the links that Links do not keep, merged; nil
// when no mark is left.
func keptRuns(runs []Run, kept map[string]bool) []Run {
	if !slices.ContainsFunc(runs, func(r Run) bool { return r.Link != "" && !kept[r.Link] }) {
		return runs
	}
	var out []Run
	marked := false
	for _, r := range runs {
		link := r.Link
		if !kept[link] {
			link = ""
		}
		if r.Footnote != "" {
			link = footnoteMark + r.Footnote
		}
		set := r.marks()
		marked = marked || set != 0 || link != ""
		appendRun(&out, r.Text, set, link)
	}
	if !marked {
		return nil
	}
	return out
}
