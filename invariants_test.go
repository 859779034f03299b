package postextract

import (
	"encoding/json"
	"net/url"
	"strings"
	"testing"
)

// checkInvariants asserts what SPEC.md promises of every article: image
// URLs are non-empty, carry no known proxy and are absolute http(s) when a
// base is known; no text block is empty; Paragraphs are the texts of the
// non-image blocks; Images are unique by URL and every image block's URL is
// among them.
func checkInvariants(t testing.TB, e *Extractor, a *Article) {
	t.Helper()
	if a == nil {
		t.Fatal("nil article without error")
	}
	checkURL := func(where, u string) {
		t.Helper()
		if u == "" {
			t.Errorf("%s: empty image URL", where)
			return
		}
		p, err := url.Parse(u)
		if err != nil {
			if e.base != nil {
				t.Errorf("%s: URL %q does not parse: %v", where, u, err)
			}
			return
		}
		if p.IsAbs() {
			if p.Scheme != "http" && p.Scheme != "https" || p.Host == "" {
				t.Errorf("%s: URL %q is not http(s) with a host", where, u)
			}
			if inner, ok := e.unwrapOnce(p); ok {
				t.Errorf("%s: URL %q still wraps %q", where, u, inner.s)
			}
		} else {
			if e.base != nil {
				t.Errorf("%s: URL %q is relative though a base is known", where, u)
			}
			if sc := schemeOf(u); sc != "" {
				t.Errorf("%s: URL %q with scheme %q", where, u, sc)
			}
		}
	}
	seen := map[string]bool{}
	for i, img := range a.Images {
		checkURL("images", img.URL)
		if img.Src != "" {
			checkNotPageURL(t, img.Src, img.URL)
		}
		if seen[img.URL] {
			t.Errorf("images[%d]: %q repeated", i, img.URL)
		}
		seen[img.URL] = true
	}
	if a.Cover != nil {
		checkURL("cover", a.Cover.URL)
	}
	var texts []string
	for i, b := range a.Blocks {
		if b.Kind == KindImage {
			if b.Image == nil {
				t.Errorf("blocks[%d]: image block without image", i)
				continue
			}
			if !seen[b.Image.URL] {
				t.Errorf("blocks[%d]: image %q missing from Images", i, b.Image.URL)
			}
			continue
		}
		if strings.TrimSpace(b.Text) == "" {
			t.Errorf("blocks[%d]: empty %s block", i, b.Kind)
		}
		texts = append(texts, b.Text)
	}
	if _, err := json.Marshal(a); err != nil {
		t.Errorf("article does not encode: %v", err)
	}
	checkLinkURL := func(where, u string) {
		t.Helper()
		p, err := url.Parse(u)
		if err != nil || !p.IsAbs() {
			if e.base != nil {
				t.Errorf("%s: link %q is not absolute though a base is known", where, u)
			}
			return
		}
		if p.Scheme != "http" && p.Scheme != "https" || p.Host == "" {
			t.Errorf("%s: link %q is not http(s) with a host", where, u)
		}
		for _, unwrap := range e.linkUnwrappers {
			inner, ok := unwrap(p)
			if !ok || strings.Count(strings.ToLower(u), "http") > maxUnwrap {
				continue
			}
			if _, ok := httpURL(encodeURL(normalizeURL(inner))); ok {
				t.Errorf("%s: link %q still redirects to %q", where, u, inner)
			}
		}
	}
	seenLinks := map[string]bool{}
	for i, l := range a.Links {
		checkLinkURL("links", l.URL)
		if seenLinks[l.URL] {
			t.Errorf("links[%d]: %q repeated", i, l.URL)
		}
		seenLinks[l.URL] = true
	}
	for i, b := range a.Blocks {
		if len(b.Runs) == 0 {
			continue
		}
		var joined strings.Builder
		for j, r := range b.Runs {
			if r.Text == "" {
				t.Errorf("blocks[%d].runs[%d]: empty run", i, j)
			}
			if j > 0 {
				p := b.Runs[j-1]
				if p.Link == r.Link && p.Footnote == r.Footnote && p.Strong == r.Strong && p.Em == r.Em && p.Code == r.Code && p.Del == r.Del {
					t.Errorf("blocks[%d].runs[%d]: same marks as the run before", i, j)
				}
			}
			if r.Link != "" {
				checkLinkURL("runs", r.Link)
				if !seenLinks[r.Link] {
					t.Errorf("blocks[%d].runs[%d]: link %q not in Links", i, j, r.Link)
				}
			}
			joined.WriteString(r.Text)
		}
		if joined.String() != b.Text {
			t.Errorf("blocks[%d]: runs join to %q, text is %q", i, joined.String(), b.Text)
		}
	}
	if len(texts) != len(a.Paragraphs) {
		t.Fatalf("%d paragraphs, %d text blocks", len(a.Paragraphs), len(texts))
	}
	for i := range texts {
		if texts[i] != a.Paragraphs[i] {
			t.Errorf("paragraphs[%d] = %q, block text %q", i, a.Paragraphs[i], texts[i])
		}
	}
}

func jsonMarshal(a *Article) ([]byte, error) { return json.Marshal(a) }

// checkNotPageURL asserts that an image URL got from raw is not a page URL
// that a ?url= parameter of raw carried: an image URL is never replaced by
// a page URL (favicon and QR-code services take one).
func checkNotPageURL(t testing.TB, raw, got string) {
	t.Helper()
	if got == raw || isImageFile(got) || onImageHost(got) {
		return
	}
	u, err := url.Parse(normalizeURL(raw))
	if err != nil {
		return
	}
	if isParamProxy(u) {
		return
	}
	if !u.IsAbs() && !strings.HasPrefix(u.Path, "/") {
		// A relative path resolves below the base's directory, where
		// "_next/image?url=" is the named proxy "/…/_next/image".
		rooted := *u
		rooted.Path = "/" + u.Path
		if isParamProxy(&rooted) {
			return
		}
	}
	for _, vs := range u.Query() {
		for _, v := range vs {
			if v == got {
				t.Fatalf("%q resolved to %q, a page URL its parameter carried", raw, got)
			}
		}
	}
}
