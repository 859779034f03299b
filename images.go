package postextract

import (
	"fmt"
	"net/url"
	"strings"

	"golang.org/x/net/html"
)

// lazyAttrs are the lazy-load attributes that carry an image's real URL, in
// order of preference; they win over srcset and src.
var lazyAttrs = [...]string{
	"data-original", "data-src", "data-lazy-src", "data-actualsrc",
	"data-original-src", "data-hi-res-src", "data-lazy", "data-url", "data-echo",
}

// srcsetAttrs are read after lazyAttrs, largest candidate first.
var srcsetAttrs = [...]string{"data-srcset", "data-lazy-srcset", "srcset"}

// sizeAttrs are the width and height attribute pairs, in order of preference.
var sizeAttrs = [...][2]string{
	{"width", "height"},
	{"data-width", "data-height"},
	{"data-rawwidth", "data-rawheight"},
	{"data-original-width", "data-original-height"},
}

// placeholderNames are file names of spacer and loading images that lazy
// loaders put in src while the real URL waits in another attribute.
var placeholderNames = map[string]bool{
	"blank.gif": true, "blank.png": true, "pixel.gif": true, "pixel.png": true,
	"spacer.gif": true, "grey.gif": true, "gray.gif": true, "loading.gif": true,
	"loading.svg": true, "transparent.gif": true, "transparent.png": true,
	"lazy.gif": true, "lazy.png": true, "placeholder.png": true,
	"placeholder.gif": true, "1x1.gif": true, "1x1.png": true,
}

// unsafeSchemes never name an image, whatever the attribute says.
var unsafeSchemes = []string{"data:", "about:", "javascript:", "vbscript:", "blob:", "file:"}

// imageExts mark an <a href> as a link to an image file.
var imageExts = []string{".jpg", ".jpeg", ".png", ".gif", ".webp", ".bmp",
	".svg", ".avif", ".tif", ".tiff"}

// Slots of imgAttrs, laid out after the tables above.
const (
	slotSrc, slotAlt, slotTitle = 0, 1, 2
	slotLazy                    = 3
	slotSrcset                  = slotLazy + len(lazyAttrs)
	slotSize                    = slotSrcset + len(srcsetAttrs)
	numSlots                    = slotSize + 2*len(sizeAttrs)
)

// attrIndex maps every attribute read from an <img> to its slot in imgAttrs.
var attrIndex = func() map[string]int {
	m := map[string]int{"src": slotSrc, "alt": slotAlt, "title": slotTitle}
	for i, a := range lazyAttrs {
		m[a] = slotLazy + i
	}
	for i, a := range srcsetAttrs {
		m[a] = slotSrcset + i
	}
	for i, p := range sizeAttrs {
		m[p[0]], m[p[1]] = slotSize+2*i, slotSize+2*i+1
	}
	return m
}()

// imgAttrs holds the attributes of one <img> that matter, read in one pass.
type imgAttrs [numSlots]string

func readImgAttrs(n *html.Node) (a imgAttrs) {
	for _, at := range n.Attr {
		if i, ok := attrIndex[at.Key]; ok && a[i] == "" {
			a[i] = at.Val
		}
	}
	return a
}

// usable reports whether u can name a real image: not empty, not a data:
// or script URL, not a spacer.
func usable(u string) bool {
	u = strings.TrimSpace(u)
	if u == "" {
		return false
	}
	for _, s := range unsafeSchemes {
		if len(u) >= len(s) && strings.EqualFold(u[:len(s)], s) {
			return false
		}
	}
	return !placeholderNames[strings.ToLower(baseName(u))]
}

// baseName is the last path segment of u, without query or fragment.
func baseName(u string) string {
	if i := strings.IndexAny(u, "?#"); i >= 0 {
		u = u[:i]
	}
	return u[strings.LastIndexByte(u, '/')+1:]
}

// isImageFile reports whether the path of u ends in an image extension.
func isImageFile(u string) bool {
	name := strings.ToLower(baseName(strings.TrimSpace(u)))
	for _, ext := range imageExts {
		if strings.HasSuffix(name, ext) {
			return true
		}
	}
	return false
}

// largestCandidate returns the URL of the largest candidate of a srcset:
// by width descriptor, or by density. A candidate without a descriptor is
// the fallback and loses to any that has one.
func largestCandidate(srcset string) string {
	best, bestSize := "", -1.0
	s := srcset
	for s != "" {
		s = strings.TrimLeft(s, " \t\n\r\f,")
		if s == "" {
			break
		}
		end := strings.IndexAny(s, " \t\n\r\f")
		if end < 0 {
			end = len(s)
		}
		u := s[:end]
		s = s[end:]
		desc := ""
		if strings.HasSuffix(u, ",") {
			u = strings.TrimRight(u, ",")
		} else {
			c := strings.IndexByte(s, ',')
			if c < 0 {
				c = len(s)
			}
			desc, s = strings.TrimSpace(s[:c]), s[c:]
		}
		size := 1.0
		if d := strings.Fields(desc); len(d) > 0 {
			v := leadingNumber(d[0])
			switch {
			case strings.HasSuffix(d[0], "w"):
				size = v
			case strings.HasSuffix(d[0], "x"):
				size = v * 1000
			}
		}
		if u != "" && size > bestSize {
			best, bestSize = u, size
		}
	}
	return best
}

func leadingNumber(s string) float64 {
	v, frac, seen := 0.0, 0.0, false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			if frac > 0 {
				v += float64(c-'0') * frac
				frac /= 10
			} else {
				v = v*10 + float64(c-'0')
			}
		case c == '.' && !seen:
			seen, frac = true, 0.1
		default:
			return v
		}
	}
	return v
}

// dimension reads a width or height attribute: its leading integer, or 0
// for auto, percentages and nonsense.
func dimension(s string) int {
	s = strings.TrimSpace(s)
	n, i := 0, 0
	for ; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
		if n > 1<<20 {
			return 0
		}
		n = n*10 + int(s[i]-'0')
	}
	if i < len(s) && s[i] == '%' {
		return 0
	}
	return n
}

// imageFrom resolves one <img>: the first usable candidate URL, replaced by
// the wrapping link's href when that points at an image file, then
// normalised and unwrapped. fallback is a candidate from an enclosing
// <picture>'s <source>. It returns false when nothing usable is left.
func (w *walker) imageFrom(a *imgAttrs, href, fallback string) (Image, bool) {
	raw := ""
	for i := slotLazy; i < slotSrcset && raw == ""; i++ {
		if usable(a[i]) {
			raw = a[i]
		}
	}
	for i := slotSrcset; i < slotSize && raw == ""; i++ {
		if a[i] != "" {
			if c := largestCandidate(a[i]); usable(c) {
				raw = c
			}
		}
	}
	if raw == "" && usable(a[slotSrc]) {
		raw = a[slotSrc]
	}
	if raw == "" && usable(fallback) {
		raw = fallback
	}
	if href != "" && isImageFile(href) && usable(href) {
		raw = href // the full-size original behind a thumbnail
	}
	if raw == "" {
		return Image{}, false
	}
	u, ok := w.resolveURL(raw)
	if !ok {
		return Image{}, false
	}
	img := Image{URL: u, Alt: strings.TrimSpace(a[slotAlt]), Title: strings.TrimSpace(a[slotTitle])}
	if src := strings.TrimSpace(a[slotSrc]); src != "" && src != u {
		img.Src = src
	}
	for i := 0; i < len(sizeAttrs); i++ {
		if img.Width == 0 {
			img.Width = dimension(a[slotSize+2*i])
		}
		if img.Height == 0 {
			img.Height = dimension(a[slotSize+2*i+1])
		}
	}
	return img, true
}

// repairURL percent-encodes what url.Parse refuses in a URL that is
// otherwise fine: a "%" not followed by two hex digits, control
// characters and spaces.
func repairURL(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '%' && (i+2 >= len(s) || !isHex(s[i+1]) || !isHex(s[i+2])):
			b.WriteString("%25")
		case c <= ' ' || c == 0x7f:
			fmt.Fprintf(&b, "%%%02X", c)
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

// resolveURL turns a written image URL into the real one: trimmed,
// protocol-relative made https, resolved against the base URL, and
// unwrapped from proxies. A relative URL without a base is kept as written,
// with a warning. It returns false for URLs that cannot name an image.
func (w *walker) resolveURL(raw string) (string, bool) {
	s := strings.TrimSpace(raw)
	if !usable(s) {
		return "", false
	}
	if strings.HasPrefix(s, "//") {
		s = "https:" + s
	}
	u, err := url.Parse(s)
	if err != nil {
		// Stray "%" and control characters are the usual damage; escape
		// them rather than lose the image.
		s = repairURL(s)
		if u, err = url.Parse(s); err != nil {
			if w.e.base != nil {
				w.warnf("image URL %q does not parse; image dropped", raw)
				return "", false
			}
			w.warnf("image URL %q does not parse; kept as written", s)
			return s, true
		}
		w.warnf("image URL %q repaired as %q", raw, s)
	}
	if !u.IsAbs() {
		if w.e.base == nil {
			w.warnf("relative image URL %q kept as written (no base URL)", s)
			return s, true
		}
		u = w.e.base.ResolveReference(u)
		s = u.String()
	}
	if u.Scheme != "http" && u.Scheme != "https" || u.Host == "" {
		return "", false
	}
	return w.e.unwrap(s, u), true
}
