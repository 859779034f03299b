package postextract

import (
	"encoding/hex"
	"net/url"
	"strings"
)

// maxUnwrap bounds how many proxies deep a URL is unwrapped.
const maxUnwrap = 4

// DefaultUnwrappers returns a fresh list of the image proxies recognised by
// default, in the order they are tried (after those of [WithUnwrapper]):
// [UnwrapQueryURL], [UnwrapParam], [UnwrapPathURL], [UnwrapPhoton],
// [UnwrapCamo]. [WithBaseUnwrappers] replaces the list.
func DefaultUnwrappers() []Unwrapper {
	return []Unwrapper{UnwrapQueryURL, UnwrapParam, UnwrapPathURL, UnwrapPhoton, UnwrapCamo}
}

// proxyParams are the query parameters whose value may be the proxied URL.
var proxyParams = []string{"url", "u", "src", "image", "imgurl"}

// hostPattern matches a host name: it starts with prefix, ends with suffix
// and, when prefix is set, has no dot between them. A suffix ".example.com"
// also matches example.com itself.
type hostPattern struct{ prefix, suffix string }

func (p hostPattern) match(host string) bool {
	if p.prefix == "" && strings.HasPrefix(p.suffix, ".") && host == p.suffix[1:] {
		return true
	}
	if !strings.HasPrefix(host, p.prefix) || !strings.HasSuffix(host, p.suffix) ||
		len(host) < len(p.prefix)+len(p.suffix) {
		return false
	}
	return p.prefix == "" || !strings.Contains(host[len(p.prefix):len(host)-len(p.suffix)], ".")
}

// paramProxies are the image proxies whose URL-valued parameter is always
// the image: by host (images.weserv.nl, wsrv.nl, allorigins) or by the end
// of the path (Google's gadgets/proxy, Next.js /_next/image).
var paramProxies = []struct {
	host hostPattern
	path string
}{
	{host: hostPattern{suffix: ".weserv.nl"}},
	{host: hostPattern{suffix: ".wsrv.nl"}},
	{host: hostPattern{suffix: ".allorigins.win"}},
	{path: "/gadgets/proxy"},
	{path: "/_next/image"},
}

// imageHosts serve only images: a URL-valued parameter of another, non-image
// URL that points at one of them is the image it proxies.
var imageHosts = []hostPattern{
	{suffix: ".qpic.cn"},    // WeChat: mmbiz.qpic.cn and the like
	{suffix: ".sinaimg.cn"}, // Weibo
	{"pic", ".zhimg.com"},   // Zhihu: pic1.zhimg.com, picx.zhimg.com …
}

// unwrap peels proxies off s (already parsed as u), at most maxUnwrap deep,
// keeping only absolute http(s) results with a host.
func (e *Extractor) unwrap(s string, u *url.URL) string {
	return unwrapAll(e.unwrappers, s, u)
}

// unwrapAll peels what the unwrappers recognise off s (parsed as u), at
// most maxUnwrap deep.
func unwrapAll(unwrappers []Unwrapper, s string, u *url.URL) string {
	for range maxUnwrap {
		inner, ok := unwrapWith(unwrappers, u)
		if !ok {
			break
		}
		s, u = inner.s, inner.u
	}
	return s
}

type parsedURL struct {
	s string
	u *url.URL
}

func (e *Extractor) unwrapOnce(u *url.URL) (parsedURL, bool) {
	return unwrapWith(e.unwrappers, u)
}

// unwrapWith tries the unwrappers in order on u and returns the first
// result that is an absolute http(s) URL with a host, repaired.
func unwrapWith(unwrappers []Unwrapper, u *url.URL) (parsedURL, bool) {
	for _, f := range unwrappers {
		inner, ok := f(u)
		if !ok {
			continue
		}
		inner = encodeURL(normalizeURL(inner))
		if p, ok := httpURL(inner); ok {
			return parsedURL{inner, p}, true
		}
	}
	return parsedURL{}, false
}

// httpURL parses s and reports whether it is an absolute http(s) URL with
// a host.
func httpURL(s string) (*url.URL, bool) {
	if !hasHTTPScheme(s) {
		return nil, false
	}
	u, err := url.Parse(s)
	if err != nil || u.Host == "" {
		return nil, false
	}
	return u, true
}

func hasHTTPScheme(s string) bool {
	return len(s) > 7 && strings.EqualFold(s[:7], "http://") ||
		len(s) > 8 && strings.EqualFold(s[:8], "https://")
}

// rawPath is u's path as it was written: url.URL.EscapedPath re-encodes
// non-ASCII paths, and an unwrapped URL keeps the path its proxy carried.
func rawPath(u *url.URL) string {
	if u.RawPath != "" {
		return u.RawPath
	}
	return u.EscapedPath()
}

// UnwrapQueryURL unwraps a proxy whose whole query is the URL, plain or
// percent-encoded (https://cors.zfour.workers.dev/?http://host/a.jpg). It
// returns false when the query is not an http(s) URL.
func UnwrapQueryURL(u *url.URL) (string, bool) {
	q := u.RawQuery
	if hasHTTPScheme(q) {
		return q, true
	}
	if len(q) > 10 && strings.EqualFold(q[:4], "http") {
		if d, err := url.PathUnescape(q); err == nil && hasHTTPScheme(d) {
			return d, true
		}
	}
	return "", false
}

// UnwrapParam unwraps a URL-valued parameter (url, u, src, image, imgurl)
// of a proxy that the paramProxies table names, or of a URL that is not itself an image file
// when the parameter's URL is an image file or on an image host; an image
// URL is never replaced by a page URL (favicon and QR-code services take a
// page's URL too). weserv and wsrv.nl also take a value without a scheme,
// "ssl:" meaning https. It returns false when no parameter qualifies.
func UnwrapParam(u *url.URL) (string, bool) {
	if u.RawQuery == "" {
		return "", false
	}
	for pair := range strings.SplitSeq(u.RawQuery, "&") {
		k, v, _ := strings.Cut(pair, "=")
		if !isProxyParam(k) {
			continue
		}
		v, err := url.QueryUnescape(v)
		if err != nil {
			continue
		}
		inner := ""
		switch {
		case hasHTTPScheme(v):
			inner = v
		case strings.HasPrefix(v, "//"):
			inner = "https:" + v
		case isWeserv(u.Hostname()) && len(v) > 4 && strings.EqualFold(v[:4], "ssl:"):
			inner = "https://" + strings.TrimLeft(v[4:], "/")
		case isWeserv(u.Hostname()) && looksLikeHost(v):
			inner = "http://" + v
		}
		if inner != "" && (isParamProxy(u) || !isImageFile(u.Path) && (isImageFile(inner) || onImageHost(inner))) {
			return inner, true
		}
	}
	return "", false
}

func isParamProxy(u *url.URL) bool {
	host, path := strings.ToLower(u.Hostname()), strings.TrimSuffix(u.Path, "/")
	for _, p := range paramProxies {
		if p.path != "" && strings.HasSuffix(path, p.path) || p.path == "" && p.host.match(host) {
			return true
		}
	}
	return false
}

func onImageHost(s string) bool {
	u, err := url.Parse(s)
	if err != nil {
		return false
	}
	host := strings.ToLower(u.Hostname())
	for _, p := range imageHosts {
		if p.match(host) {
			return true
		}
	}
	return false
}

func isProxyParam(k string) bool {
	for _, p := range proxyParams {
		if strings.EqualFold(k, p) {
			return true
		}
	}
	return false
}

// looksLikeHost reports whether v starts with a host name and a path
// (img.example.com/a.jpg), as weserv takes its URLs without a scheme; a
// path (/img/a.jpg, ./a.jpg) is not one.
func looksLikeHost(v string) bool {
	host, _, ok := strings.Cut(v, "/")
	return ok && host != "" && host[0] != '.' && strings.Contains(host, ".")
}

func isWeserv(host string) bool {
	host = strings.ToLower(host)
	return host == "weserv.nl" || strings.HasSuffix(host, ".weserv.nl") ||
		host == "wsrv.nl" || strings.HasSuffix(host, ".wsrv.nl")
}

// UnwrapPathURL unwraps a URL inside the path (https://proxy/https://host/a.jpg,
// imageproxy's /{options}/https://…, Cloudflare's /cdn-cgi/image/{options}/https://…),
// repairing the "https:/" that proxies collapse; or percent-encoded there
// (Substack's and Cloudinary's image/fetch/{options}/https%3A%2F%2F…). It
// returns false when the path holds no http(s) URL.
func UnwrapPathURL(u *url.URL) (string, bool) {
	// Decoding keeps a written "/h" or "/H": a path without one in its
	// decoded form has none in its written form either.
	if !strings.Contains(u.Path, "/h") && !strings.Contains(u.Path, "/H") {
		return "", false
	}
	p := rawPath(u)
	for i := 0; i+6 < len(p); i++ {
		if p[i] != '/' || (p[i+1] != 'h' && p[i+1] != 'H') {
			continue
		}
		rest := p[i+1:]
		scheme := ""
		switch {
		case len(rest) > 6 && strings.EqualFold(rest[:6], "https:"):
			scheme, rest = "https://", rest[6:]
		case len(rest) > 5 && strings.EqualFold(rest[:5], "http:"):
			scheme, rest = "http://", rest[5:]
		case len(rest) > 8 && strings.EqualFold(rest[:8], "https%3A"), len(rest) > 7 && strings.EqualFold(rest[:7], "http%3A"):
			after := rest[strings.IndexByte(rest, '%')+3:]
			if strings.HasPrefix(after, "/") || len(after) > 3 && strings.EqualFold(after[:3], "%2F") {
				if d, err := url.PathUnescape(rest); err == nil {
					return d, true
				}
			}
			continue
		default:
			continue
		}
		if rest == "" || rest[0] != '/' {
			continue
		}
		rest = strings.TrimLeft(rest, "/")
		if rest == "" {
			return "", false
		}
		if u.RawQuery != "" {
			rest += "?" + u.RawQuery
		}
		return scheme + rest, true
	}
	return "", false
}

// UnwrapPhoton unwraps Jetpack's i0–i3.wp.com/host/path, https when ssl=1.
// The whole query is Photon's (w, resize, ssl, is-pending-load …) and is
// dropped. It returns false for other hosts.
func UnwrapPhoton(u *url.URL) (string, bool) {
	h := u.Hostname()
	if len(h) != 9 && isASCII(h) { // ASCII lower-cases to its own length
		return "", false
	}
	if h = strings.ToLower(h); len(h) != 9 || h[0] != 'i' || h[1] < '0' || h[1] > '3' || h[2:] != ".wp.com" {
		return "", false
	}
	rest := strings.TrimPrefix(rawPath(u), "/")
	if !strings.Contains(rest, "/") {
		return "", false
	}
	scheme := "http://"
	for pair := range strings.SplitSeq(u.RawQuery, "&") {
		if pair == "ssl=1" {
			scheme = "https://"
		}
	}
	return scheme + rest, true
}

// UnwrapCamo unwraps GitHub's Camo, /{digest}/{hex of the URL}. It returns
// false for hosts without "camo" in their name and for paths that do not end
// in hex.
func UnwrapCamo(u *url.URL) (string, bool) {
	if !strings.Contains(strings.ToLower(u.Hostname()), "camo") {
		return "", false
	}
	p := strings.TrimRight(u.Path, "/")
	seg := p[strings.LastIndexByte(p, '/')+1:]
	if len(seg) < 16 || len(seg)%2 != 0 || strings.Count(p, "/") < 2 {
		return "", false
	}
	b, err := hex.DecodeString(seg)
	if err != nil {
		return "", false
	}
	return string(b), true
}
