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
	for _, vs := range u.Query() {
		for _, v := range vs {
			if v == got {
				t.Fatalf("%q resolved to %q, a page URL its parameter carried", raw, got)
			}
		}
	}
}
