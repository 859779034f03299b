package postextract

import (
	"fmt"
	"net/url"
	"strings"
	"unicode/utf8"
)

// spacerStems and spacerExts name the spacer and loading images that lazy
// loaders put in src while the real URL waits elsewhere: a file (any
// directory, any query) with one of these stems and one of these extensions.
var (
	spacerStems = []string{"blank", "spacer", "pixel", "grey", "gray", "loading", "lazy",
		"transparent", "placeholder", "1x1", "empty"}
	spacerExts = []string{"gif", "png", "svg", "webp"}
)

// imageExts mark a URL (an <a href>, a parameter) as an image file.
var imageExts = []string{".jpg", ".jpeg", ".png", ".gif", ".webp", ".bmp",
	".svg", ".avif", ".tif", ".tiff"}

// normalizeURL repairs a written URL as browsers do (WHATWG URL): trimmed of
// controls and spaces, tabs and newlines inside removed, a backslash before
// the query a slash (pipelines write JSON's "https:\/\/"), "//host" made
// https, and the slashes after http: or https: made two ("http:/host",
// "https:///host").
func normalizeURL(s string) string {
	s = trimControls(s)
	if hasTabOrNewline(s) {
		s = strings.Map(func(r rune) rune {
			if r == '\t' || r == '\n' || r == '\r' {
				return -1
			}
			return r
		}, s)
	}
	if i := strings.IndexByte(s, '\\'); i >= 0 && !strings.ContainsAny(s[:i], "?#") {
		if sc := schemeOf(s); sc == "" || sc == "http" || sc == "https" {
			end := strings.IndexAny(s, "?#")
			if end < 0 {
				end = len(s)
			}
			s = strings.ReplaceAll(s[:end], "\\", "/") + s[end:]
		}
	}
	if strings.HasPrefix(s, "//") {
		return "https:" + s
	}
	for _, scheme := range [...]string{"http:", "https:"} {
		if len(s) > len(scheme) && strings.EqualFold(s[:len(scheme)], scheme) {
			rest := s[len(scheme):]
			if strings.HasPrefix(rest, "//") && !strings.HasPrefix(rest, "///") {
				return s // the common case, as written
			}
			if trimmed := strings.TrimLeft(rest, "/\\"); trimmed != "" {
				return s[:len(scheme)] + "//" + trimmed
			}
		}
	}
	return s
}

// trimControls trims the controls and spaces (bytes up to ' ') at both
// ends of s.
func trimControls(s string) string {
	for len(s) > 0 && s[0] <= ' ' {
		s = s[1:]
	}
	for len(s) > 0 && s[len(s)-1] <= ' ' {
		s = s[:len(s)-1]
	}
	return s
}

func hasTabOrNewline(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == '\t' || c == '\n' || c == '\r' {
			return true
		}
	}
	return false
}

// schemeOf returns the scheme of s, lower case, or "" for a relative URL.
func schemeOf(s string) string {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
		case i > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.'):
		case i > 0 && c == ':':
			return strings.ToLower(s[:i])
		default:
			return ""
		}
	}
	return ""
}

// usable reports whether a normalised URL can name a real image: not empty,
// http(s) or relative (data:, javascript:, ftp: … are not), not a spacer.
func usable(u string) bool {
	if u == "" {
		return false
	}
	if sc := schemeOf(u); sc != "" && sc != "http" && sc != "https" {
		return false
	}
	return !isSpacer(baseName(u))
}

func isSpacer(name string) bool {
	stem, ext, ok := strings.Cut(foldable(name), ".")
	if !ok || strings.Contains(ext, ".") {
		return false
	}
	// The extension first: it rules out most names (.jpg) at once.
	return containsFold(spacerExts, ext) && containsFold(spacerStems, stem)
}

// foldable returns name as the ASCII-case comparisons below may read it:
// as it is when it is ASCII (no allocation), else lower-cased as
// strings.ToLower does (a Kelvin sign is a k).
func foldable(name string) string {
	if isASCII(name) {
		return name
	}
	return strings.ToLower(name)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// containsFold reports whether list holds s in any ASCII case.
func containsFold(list []string, s string) bool {
	for _, x := range list {
		if len(x) == len(s) && strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}

// baseName is the last path segment of u, without query or fragment.
func baseName(u string) string {
	if i := strings.IndexByte(u, '?'); i >= 0 {
		u = u[:i]
	}
	if i := strings.IndexByte(u, '#'); i >= 0 {
		u = u[:i]
	}
	return u[strings.LastIndexByte(u, '/')+1:]
}

// isImageFile reports whether the path of u ends in an image extension.
func isImageFile(u string) bool {
	name := foldable(baseName(strings.TrimSpace(u)))
	for _, ext := range imageExts {
		if len(name) >= len(ext) && strings.EqualFold(name[len(name)-len(ext):], ext) {
			return true
		}
	}
	return false
}

// encodeURL percent-encodes what a URL cannot hold — spaces, controls, DEL
// and bytes of broken UTF-8 — and nothing else: non-ASCII stays as written.
func encodeURL(s string) string {
	i := 0
	for i < len(s) {
		if c := s[i]; c < utf8.RuneSelf && c > ' ' && c != 0x7f {
			i++ // the usual byte, without a call
		} else if urlByteOK(s, i) {
			i += urlCharLen(s, i)
		} else {
			break
		}
	}
	if i == len(s) {
		return s
	}
	var b strings.Builder
	b.WriteString(s[:i])
	for i < len(s) {
		if n := urlCharLen(s, i); urlByteOK(s, i) {
			b.WriteString(s[i : i+n])
			i += n
			continue
		}
		fmt.Fprintf(&b, "%%%02X", s[i])
		i++
	}
	return b.String()
}

// urlByteOK reports whether the character at s[i] may stay in a URL as it
// is: not white space or a control, and not a byte of broken UTF-8 (which
// percent-decoding in an unwrapped URL can make, and which no text can
// carry).
func urlByteOK(s string, i int) bool {
	c := s[i]
	if c < utf8.RuneSelf {
		return c > ' ' && c != 0x7f
	}
	r, size := utf8.DecodeRuneInString(s[i:])
	return r != utf8.RuneError || size > 1
}

func urlCharLen(s string, i int) int {
	if s[i] < utf8.RuneSelf {
		return 1
	}
	_, size := utf8.DecodeRuneInString(s[i:])
	return size
}

// escapeStrayPercent encodes a "%" not followed by two hex digits, which
// url.Parse refuses.
func escapeStrayPercent(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && (i+2 >= len(s) || !isHex(s[i+1]) || !isHex(s[i+2])) {
			b.WriteString("%25")
		} else {
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

// resolver turns the image URLs written in one post into real ones, with
// the Extractor's unwrappers and the post's base URL, reporting what it
// repaired or could not resolve.
type resolver struct {
	e    *Extractor
	base *url.URL // nil: relative URLs stay relative; set before the first URL
	rep  *report
	post *postSource // where the post was read from, and its generator

	// recent are the last URLs resolved: a thumbnail's <a href> and its
	// <img src>, or the cover and the first image, are often one URL.
	recent [4]resolved
	next   int
}

// resolved is a written URL and what candidate made of it.
type resolved struct {
	raw, s  string
	rel, ok bool
}

// resolve returns the real URL of a written image URL: normalised,
// unwrapped from proxies (relative ones too: /_next/image?url=https://…),
// then resolved against the base. A relative URL without a base is kept
// as written, with a warning. It returns false for a URL that cannot name
// an image.
func (r *resolver) resolve(raw string) (string, bool) {
	s, rel, ok := r.candidate(raw)
	if ok && rel {
		r.rep.warnf(WarnRelativeURL, s, "relative image URL %q kept as written (no base URL)", s)
	}
	return s, ok
}

// candidate is resolve without the warning about a relative URL, which
// only the candidate chosen deserves; rel reports one.
func (r *resolver) candidate(raw string) (s string, rel, ok bool) {
	for i := range r.recent {
		if c := &r.recent[i]; c.raw == raw && raw != "" {
			return c.s, c.rel, c.ok
		}
	}
	s, rel, ok = r.resolveCandidate(raw)
	r.recent[r.next] = resolved{raw, s, rel, ok}
	r.next = (r.next + 1) % len(r.recent)
	return s, rel, ok
}

// resolveCandidate is candidate without the memory of recent URLs. Its
// warnings depend on raw alone, and the report keeps one of each, so that
// a URL met twice warns as once.
func (r *resolver) resolveCandidate(raw string) (s string, rel, ok bool) {
	s = normalizeURL(r.sitePath(raw))
	if !usable(s) {
		return "", false, false
	}
	s = encodeURL(s)
	u, err := url.Parse(s)
	if err != nil {
		// A stray "%" is the usual damage; escape it rather than lose the image.
		repaired := escapeStrayPercent(s)
		if u, err = url.Parse(repaired); err != nil {
			if r.base != nil || schemeOf(s) != "" {
				r.rep.warnf(WarnImage, raw, "image URL %q does not parse; image dropped", raw)
				return "", false, false
			}
			r.rep.warnf(WarnImage, raw, "image URL %q does not parse; kept as written", s)
			return s, true, true
		}
		r.rep.warnf(WarnImage, raw, "image URL %q repaired as %q", raw, repaired)
		s = repaired
	}
	if u.IsAbs() {
		if u.Host == "" {
			return "", false, false
		}
		return r.e.unwrap(s, u), false, true
	}
	if inner := r.e.unwrap(s, u); inner != s {
		return inner, false, true // a relative proxy URL that carries an absolute one
	}
	if r.base == nil {
		return s, true, true
	}
	s = resolveReference(r.base, s)
	if u, err := url.Parse(s); err == nil {
		s = r.e.unwrap(s, u) // a relative path may make a proxy URL of the base
	}
	return s, false, true
}

// resolveReference resolves the relative reference ref against base as RFC
// 3986 says, on the strings as written: url.URL.ResolveReference would
// re-encode a non-ASCII path.
func resolveReference(base *url.URL, ref string) string {
	prefix := base.Scheme + "://"
	if base.User != nil {
		prefix += base.User.String() + "@"
	}
	prefix += base.Host
	// The base is normalised as the reference is (a backslash in the path
	// is a slash, a space is encoded): a relative image must give the URL
	// that the same image written in full gives.
	basePath := encodeURL(strings.ReplaceAll(rawPath(base), "\\", "/"))
	if basePath == "" {
		basePath = "/"
	}
	path, tail := ref, ""
	if i := strings.IndexAny(ref, "?#"); i >= 0 {
		path, tail = ref[:i], ref[i:]
	}
	switch {
	case strings.HasPrefix(ref, "//"):
		return base.Scheme + ":" + ref
	case path == "":
		if q := encodeURL(base.RawQuery); strings.HasPrefix(tail, "#") && q != "" {
			tail = "?" + q + tail
		} else if tail == "" && q != "" {
			tail = "?" + q
		}
		return prefix + basePath + tail
	case strings.HasPrefix(path, "/"):
	default:
		path = basePath[:strings.LastIndexByte(basePath, '/')+1] + path
	}
	return prefix + removeDotSegments(path) + tail
}

// removeDotSegments removes the "." and ".." segments of an absolute path.
func removeDotSegments(p string) string {
	if !strings.Contains(p, "/.") {
		return p
	}
	segs := strings.Split(p[1:], "/")
	out := make([]string, 0, len(segs))
	for i, s := range segs {
		last := i == len(segs)-1
		switch s {
		case ".":
		case "..":
			if len(out) > 0 {
				out = out[:len(out)-1]
			}
		default:
			out = append(out, s)
			continue
		}
		if last {
			out = append(out, "")
		}
	}
	return "/" + strings.Join(out, "/")
}

// pelicanLinkMarks are the markers Pelican reads before a URL path, which
// its site drops ({static}/images/a.png is /images/a.png); |filename| is
// the old spelling of {filename}.
// Percent-encoded, as a Markdown renderer may write them in an href.
var pelicanLinkMarks = [...]string{
	"{static}", "{filename}", "{attach}", "|static|", "|filename|", "|attach|",
	"%7Bstatic%7D", "%7Bfilename%7D", "%7Battach%7D", "%7Cfilename%7C",
}

// sitePath drops what the post's generator writes before a URL path and
// its site removes: Pelican's link markers, and the "@" of Zola's internal
// links (@/posts/a.md names content/posts/a.md: a path on the site).
func (r *resolver) sitePath(raw string) string {
	if r.post == nil || r.post.gen == nil {
		return raw
	}
	t := strings.TrimSpace(raw)
	if r.post.gen.zolaShortcodes && strings.HasPrefix(t, "@/") {
		return t[1:]
	}
	if !r.post.gen.pelicanLinks {
		return raw
	}
	for _, m := range pelicanLinkMarks {
		if len(t) >= len(m) && strings.EqualFold(t[:len(m)], m) {
			return t[len(m):]
		}
	}
	return raw
}
