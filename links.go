package postextract

import (
	"net/url"
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
