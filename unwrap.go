package postextract

import (
	"encoding/hex"
	"net/url"
	"strings"
)

// maxUnwrap bounds how many proxies deep a URL is unwrapped.
const maxUnwrap = 4

// builtinUnwrappers are the image proxies recognised by default, tried in
// this order after those given with WithUnwrapper.
var builtinUnwrappers = []Unwrapper{
	unwrapQueryURL,
	unwrapParam,
	unwrapPathURL,
	unwrapPhoton,
	unwrapCamo,
}

// proxyParams are the query parameters whose value is the proxied URL
// (images.weserv.nl, wsrv.nl, allorigins, Google's gadgets/proxy, Next.js
// /_next/image, and most PHP thumbnailers).
var proxyParams = []string{"url", "u", "src", "image", "imgurl"}

// photonDrop are Jetpack Photon's resizing parameters, which do not belong
// to the original URL.
var photonDrop = map[string]bool{"resize": true, "w": true, "h": true, "fit": true,
	"crop": true, "strip": true, "ssl": true, "quality": true, "zoom": true,
	"lb": true, "ulb": true}

// unwrap peels proxies off s (already parsed as u), at most maxUnwrap deep,
// keeping only absolute http(s) results with a host.
func (e *Extractor) unwrap(s string, u *url.URL) string {
	for range maxUnwrap {
		inner, ok := e.unwrapOnce(u)
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
	for _, f := range e.unwrappers {
		inner, ok := f(u)
		if !ok {
			continue
		}
		inner = strings.TrimSpace(inner)
		if strings.HasPrefix(inner, "//") {
			inner = "https:" + inner
		}
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

// unwrapQueryURL: the whole query is the URL, plain or percent-encoded
// (https://cors.zfour.workers.dev/?http://host/a.jpg).
func unwrapQueryURL(u *url.URL) (string, bool) {
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

// unwrapParam: a URL-valued parameter (?url=…). weserv and wsrv.nl also
// take a value without a scheme, "ssl:" meaning https. Next.js gives a
// path relative to its own host.
func unwrapParam(u *url.URL) (string, bool) {
	for pair := range strings.SplitSeq(u.RawQuery, "&") {
		k, v, _ := strings.Cut(pair, "=")
		if !isProxyParam(k) {
			continue
		}
		v, err := url.QueryUnescape(v)
		if err != nil {
			continue
		}
		switch {
		case hasHTTPScheme(v):
			return v, true
		case strings.HasPrefix(v, "//"):
			return "https:" + v, true
		case isWeserv(u.Hostname()) && strings.Contains(v, "/"):
			if rest, ok := strings.CutPrefix(v, "ssl:"); ok {
				return "https://" + rest, true
			}
			return "http://" + v, true
		case strings.HasPrefix(v, "/") && strings.HasPrefix(u.Path, "/_next/image"):
			return u.ResolveReference(&url.URL{Path: v}).String(), true
		}
	}
	return "", false
}

func isProxyParam(k string) bool {
	for _, p := range proxyParams {
		if strings.EqualFold(k, p) {
			return true
		}
	}
	return false
}

func isWeserv(host string) bool {
	return host == "weserv.nl" || strings.HasSuffix(host, ".weserv.nl") ||
		host == "wsrv.nl" || strings.HasSuffix(host, ".wsrv.nl")
}

// unwrapPathURL: a URL inside the path (https://proxy/https://host/a.jpg,
// imageproxy's /{options}/https://…, Cloudflare's /cdn-cgi/image/{options}/https://…),
// repairing the "https:/" that proxies collapse.
func unwrapPathURL(u *url.URL) (string, bool) {
	p := u.EscapedPath()
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

// unwrapPhoton: Jetpack's i0–i3.wp.com/host/path, https when ssl=1, with the
// resizing parameters dropped.
func unwrapPhoton(u *url.URL) (string, bool) {
	h := u.Hostname()
	if len(h) != 9 || h[0] != 'i' || h[1] < '0' || h[1] > '3' || h[2:] != ".wp.com" {
		return "", false
	}
	rest := strings.TrimPrefix(u.EscapedPath(), "/")
	if !strings.Contains(rest, "/") {
		return "", false
	}
	scheme := "http://"
	var keep []string
	for pair := range strings.SplitSeq(u.RawQuery, "&") {
		if pair == "" {
			continue
		}
		k, v, _ := strings.Cut(pair, "=")
		if k == "ssl" && v == "1" {
			scheme = "https://"
		}
		if !photonDrop[k] {
			keep = append(keep, pair)
		}
	}
	out := scheme + rest
	if len(keep) > 0 {
		out += "?" + strings.Join(keep, "&")
	}
	return out, true
}

// unwrapCamo: GitHub's Camo, /{digest}/{hex of the URL}.
func unwrapCamo(u *url.URL) (string, bool) {
	if !strings.Contains(u.Hostname(), "camo") {
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
