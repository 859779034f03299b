package postextract

import (
	"bytes"
	"net/url"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// addTextByRune is addText's rule read one character at a time, without
// its fast paths: the reference that they must agree with.
func addTextByRune(r *textBuf, s string) {
	for i := 0; i < len(s); {
		c, size := utf8.DecodeRuneInString(s[i:])
		switch c {
		case ' ', '\t', '\n', '\r', '\f', '\u00a0':
			r.space = true
		case '\u200b', '\u2060', '\ufeff':
		default:
			r.putSpace()
			r.buf = append(r.buf, s[i:i+size]...)
			if c < utf8.RuneSelf || !unicode.IsSpace(c) { // ASCII: only HTML's white space is space
				r.brPending = false
			}
		}
		i += size
	}
}

// TestAddTextFastPath checks addText against addTextByRune for every
// character of the BMP, between letters and between spaces, after a <br>, and for
// broken UTF-8 around the lead bytes the fast path looks past.
func TestAddTextFastPath(t *testing.T) {
	var inputs []string
	// Every character of the BMP, where all the spaces are, and a few beyond.
	chars := []rune{0x1F600, 0x1F468, 0x20000, unicode.MaxRune}
	for c := rune(0); c <= 0xFFFF; c++ {
		if c < 0xD800 || c > 0xDFFF {
			chars = append(chars, c)
		}
	}
	for _, c := range chars {
		ch := string(c)
		inputs = append(inputs, "a"+ch+"b", " "+ch+" ", ch, ch+ch+"x")
	}
	for _, lead := range []string{"\xC2", "\xE1", "\xE2", "\xE3", "\xEF", "\xE2\x80", "\xEF\xBB"} {
		inputs = append(inputs, lead, "a"+lead, lead+" b", lead+"\xE3\x80\x80x", "x"+lead+"\u3001")
	}
	// Every string of up to five pieces of text where words, spaces and
	// punctuation meet: the one-space and four-byte steps of the fast path.
	pieces := []string{"a", "bcde", " ", "  ", "\n", "\u00a0", "\u3001", "\u200b", "\xE3", "中"}
	var grow func(prefix string, depth int)
	grow = func(prefix string, depth int) {
		inputs = append(inputs, prefix)
		if depth < 5 {
			for _, p := range pieces {
				grow(prefix+p, depth+1)
			}
		}
	}
	grow("", 0)
	// Each from an empty run, after a word, after a space, with a space
	// pending and after a line end.
	starts := []textBuf{{brPending: true}, {buf: []byte("x")}, {buf: []byte("x ")}, {buf: []byte("x"), space: true}, {buf: []byte("x\n"), space: true}}
	for _, s := range inputs {
		for _, start := range starts {
			got, want := start, start
			got.buf, want.buf = slices.Clone(start.buf), slices.Clone(start.buf)
			got.addText(s, false)
			addTextByRune(&want, s)
			if string(got.buf) != string(want.buf) || got.space != want.space || got.brPending != want.brPending {
				t.Fatalf("addText(%q) after %q = %q space %v br %v; by rune %q space %v br %v",
					s, start.buf, got.buf, got.space, got.brPending, want.buf, want.space, want.brPending)
			}
		}
	}
}

// TestCountControls checks the word-at-a-time count against a byte loop,
// for every byte value at every offset of a word and in the tail.
func TestCountControls(t *testing.T) {
	for c := 0; c < 256; c++ {
		for at := 0; at < 19; at++ {
			b := []byte("abcdefgh\u4e2d\u6587ijklm\n")
			if at < len(b) {
				b[at] = byte(c)
			}
			want := 0
			for _, x := range b {
				want += int(isControl[x])
			}
			if got := countControls(b); got != want {
				t.Fatalf("countControls(%q) = %d, want %d", b, got, want)
			}
		}
	}
}

// TestTrimSpace checks trimSpace against bytes.TrimFunc with
// unicode.IsSpace, around every character of the BMP, broken UTF-8 too.
func TestTrimSpace(t *testing.T) {
	for c := rune(0); c <= 0xFFFF; c++ {
		if c >= 0xD800 && c <= 0xDFFF {
			continue
		}
		ch := string(c)
		for _, s := range []string{ch, " " + ch + " ", ch + "x" + ch, "\v" + ch + "\u3000", "\u00a0x" + ch,
			"\u3000\xE3\x80" + ch + "\x80\u2028", "\x85" + ch + "\xE2\x80\xA8\xA8"} {
			if got, want := string(trimSpace([]byte(s))), string(bytes.TrimFunc([]byte(s), unicode.IsSpace)); got != want {
				t.Fatalf("trimSpace(%q) = %q, want %q", s, got, want)
			}
		}
	}
}

// TestNameFolding checks isSpacer and isImageFile against the lower-casing
// reading they replace, on names in every case and with the characters
// whose lower case is ASCII.
func TestNameFolding(t *testing.T) {
	oldSpacer := func(name string) bool {
		stem, ext, ok := strings.Cut(strings.ToLower(name), ".")
		return ok && !strings.Contains(ext, ".") && slices.Contains(spacerStems, stem) && slices.Contains(spacerExts, ext)
	}
	oldImage := func(u string) bool {
		name := strings.ToLower(baseName(strings.TrimSpace(u)))
		return slices.ContainsFunc(imageExts, func(ext string) bool { return strings.HasSuffix(name, ext) })
	}
	var names []string
	for _, stem := range append(spacerStems, "photo", "Blank", "BLANK", "blan\u212a", "\u017fpacer", "a\u0130") {
		for _, ext := range append(append(spacerExts, imageExts...), "GIF", "Png", "\u017fvg", "t\u0130f", "gif.gif", "") {
			names = append(names, stem+"."+strings.TrimPrefix(ext, "."), stem+ext, "/a/"+stem+ext+"?x=1")
		}
	}
	for _, n := range names {
		if got, want := isSpacer(baseName(n)), oldSpacer(baseName(n)); got != want {
			t.Errorf("isSpacer(%q) = %v, want %v", n, got, want)
		}
		if got, want := isImageFile(n), oldImage(n); got != want {
			t.Errorf("isImageFile(%q) = %v, want %v", n, got, want)
		}
	}
}

// TestUnwrapPhotonHosts checks the host test of UnwrapPhoton, which skips
// lower-casing an ASCII host of the wrong length: a host that lower-cases
// to Photon's, as the İ of "İ0.wp.com" does, is still Photon's.
func TestUnwrapPhotonHosts(t *testing.T) {
	for raw, want := range map[string]string{
		"https://i0.wp.com/h.example/a.jpg":         "http://h.example/a.jpg",
		"https://I3.WP.COM/h.example/a.jpg?ssl=1":   "https://h.example/a.jpg",
		"https://\u01300.wp.com/h.example/a.jpg":    "http://h.example/a.jpg",
		"https://i4.wp.com/h.example/a.jpg":         "",
		"https://i0.wp.com.example/h.example/a.jpg": "",
		"https://xi0.wp.com/h.example/a.jpg":        "",
	} {
		u, err := url.Parse(raw)
		if err != nil {
			t.Fatal(err)
		}
		if got, _ := UnwrapPhoton(u); got != want {
			t.Errorf("UnwrapPhoton(%q) = %q, want %q", raw, got, want)
		}
	}
}
