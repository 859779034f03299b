package postextract

import (
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

// Slots of imgAttrs, laid out after the tables above.
const (
	slotSrc, slotAlt, slotTitle = 0, 1, 2
	slotStyle                   = 3
	slotLazy                    = 4
	slotSrcset                  = slotLazy + len(lazyAttrs)
	slotSize                    = slotSrcset + len(srcsetAttrs)
	numSlots                    = slotSize + 2*len(sizeAttrs)
)

// attrIndex maps every attribute read from an <img> to its slot in imgAttrs.
var attrIndex = func() map[string]int {
	m := map[string]int{"src": slotSrc, "alt": slotAlt, "title": slotTitle, "style": slotStyle}
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

// trackingPixel reports whether width and height are both written 1 or 0,
// as attributes or in the style, or the style hides the image (display:
// none): such an <img> gives no image at all.
func (a *imgAttrs) trackingPixel() bool {
	w, h := strings.TrimSpace(a[slotSize]), strings.TrimSpace(a[slotSize+1])
	return pixelSize(w) && pixelSize(h) || a[slotStyle] != "" && hiddenByStyle(a[slotStyle])
}

// pixelSize reports whether a width or height is 0 or 1 (px).
func pixelSize(v string) bool {
	v = strings.TrimSuffix(strings.ToLower(v), "px")
	return v == "0" || v == "1"
}

// hiddenByStyle reads an inline style as a browser would for an <img>:
// display: none, or a width and a height of 0 or 1 pixel, hide it (the
// Amazon associates' pixels that Octopress posts carry).
func hiddenByStyle(style string) bool {
	var w, h string
	for decl := range strings.SplitSeq(style, ";") {
		k, v, ok := strings.Cut(decl, ":")
		if !ok {
			continue
		}
		k = strings.ToLower(strings.TrimSpace(k))
		v = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "!important"))
		switch k {
		case "display":
			if strings.EqualFold(v, "none") {
				return true
			}
		case "width":
			w = v
		case "height":
			h = v
		}
	}
	return pixelSize(w) && pixelSize(h)
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

// imageURL picks an <img>'s URL among its candidates, in order: the
// wrapping link's href when it names an image file (the full-size original
// behind a thumbnail), the lazy attributes, the largest srcset candidates,
// src, then the srcsets of the enclosing <picture>'s <source>s. The first
// usable one wins, except that without a base URL a relative candidate
// ranks after every absolute one. A tracking pixel has no URL.
func (r *resolver) imageURL(a *imgAttrs, href string, sources []string) (string, bool) {
	if a.trackingPixel() {
		return "", false
	}
	rel := ""
	try := func(c string) (string, bool) {
		if c == "" {
			return "", false
		}
		u, isRel, ok := r.candidate(c)
		if ok && isRel && rel == "" {
			rel = u
		}
		return u, ok && !isRel
	}
	if href != "" && isImageFile(href) {
		if u, ok := try(href); ok {
			return u, true
		}
	}
	for i := slotLazy; i < slotSrcset; i++ {
		if u, ok := try(a[i]); ok {
			return u, true
		}
	}
	for i := slotSrcset; i < slotSize; i++ {
		if a[i] != "" {
			if u, ok := try(largestCandidate(a[i])); ok {
				return u, true
			}
		}
	}
	if u, ok := try(a[slotSrc]); ok {
		return u, true
	}
	for _, s := range sources {
		if u, ok := try(s); ok {
			return u, true
		}
	}
	if rel != "" {
		r.rep.warnf(WarnRelativeURL, rel, "relative image URL %q kept as written (no base URL)", rel)
		return rel, true
	}
	return "", false
}

// newImage makes the Image of an <img> whose URL is u.
func newImage(a *imgAttrs, u string) Image {
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
	return img
}
