package render

import (
	"errors"
	"net/url"
	"strings"
)

// ErrNilArticle is returned by the writers when they are given no Article.
var ErrNilArticle = errors.New("render: nil Article")

// safeURL reports whether u may be written into a page: an absolute http(s)
// URL, or a relative one (no scheme), which stays on the page's origin.
// Browsers drop tabs and newlines from URLs and read a backslash as a
// slash, so a URL holding a control character or white space is refused
// whatever it looks like.
func safeURL(u string) bool {
	if u == "" {
		return false
	}
	for i := 0; i < len(u); i++ {
		if c := u[i]; c <= ' ' || c == 0x7f {
			return false
		}
	}
	p, err := url.Parse(u)
	if err != nil {
		return false
	}
	switch strings.ToLower(p.Scheme) {
	case "http", "https":
		return p.Host != ""
	case "":
		// A colon before the first slash would be read as a scheme by a
		// browser even where url.Parse saw none.
		first := strings.IndexAny(u, "/?#")
		if first < 0 {
			first = len(u)
		}
		return !strings.Contains(u[:first], ":")
	}
	return false
}
