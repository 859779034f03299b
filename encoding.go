package postextract

import (
	"bytes"
	"encoding/binary"
	"mime"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding/unicode"
)

// binaryWindow is how much of the input is looked at for control bytes.
const binaryWindow = 8 << 10

// decodeText returns src as UTF-8: a UTF-8 BOM is dropped, a UTF-16 BOM or
// a <meta charset> declaration is honoured, and otherwise invalid bytes
// become U+FFFD with a warning. Input that is UTF-8 but for a few broken
// bytes stays UTF-8 whatever its <meta> says. More than 1 in 100 control
// bytes in the first 8 KiB is ErrBinary; a few stray NULs are dropped.
func decodeText(src []byte, rep *report) ([]byte, error) {
	if bytes.HasPrefix(src, []byte{0xFE, 0xFF}) || bytes.HasPrefix(src, []byte{0xFF, 0xFE}) {
		out, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewDecoder().Bytes(src)
		if err == nil {
			rep.warnf(WarnEncoding, "", "decoded from UTF-16 (byte order mark)")
			return out, nil
		}
	}
	src = bytes.TrimPrefix(src, []byte("\xEF\xBB\xBF"))
	head := src[:min(len(src), binaryWindow)]
	controls := countControls(head)
	if controls*100 > len(head) {
		return nil, ErrBinary
	}
	if n := bytes.Count(src, []byte{0}); n > 0 {
		src = bytes.ReplaceAll(src, []byte{0}, nil)
		rep.warnf(WarnEncoding, "", "%d NUL bytes dropped", n)
	}
	if utf8.Valid(src) {
		return src, nil
	}
	if !mostlyUTF8(src) {
		if label := metaCharset(src); label != "" {
			enc, name := charset.Lookup(label)
			// A <meta> that says UTF-16 means UTF-8, as the HTML standard
			// reads it: a byte stream that declares itself cannot be UTF-16.
			if enc != nil && name != "utf-8" && !strings.HasPrefix(name, "utf-16") {
				if out, err := enc.NewDecoder().Bytes(src); err == nil {
					rep.warnf(WarnEncoding, "", "decoded as %s, as its <meta charset> says", name)
					return out, nil
				}
			}
		}
	}
	rep.warnf(WarnEncoding, "", "invalid UTF-8 replaced with U+FFFD")
	return bytes.ToValidUTF8(src, []byte("\uFFFD")), nil
}

// countControls counts the control bytes of b (isControl). Text has none
// but line ends: eight bytes at a time are skipped when none is below 0x20.
func countControls(b []byte) int {
	n := 0
	for len(b) >= 8 {
		x := binary.LittleEndian.Uint64(b)
		// A byte below 0x20 sets its high bit in (x - 0x20…) &^ x.
		if (x-0x2020202020202020)&^x&0x8080808080808080 != 0 {
			for _, c := range b[:8] {
				n += int(isControl[c])
			}
		}
		b = b[8:]
	}
	for _, c := range b {
		n += int(isControl[c])
	}
	return n
}

// isControl is 1 for the control bytes that mark binary input: C0 but tab,
// newline, carriage return and form feed. A table: no branch per byte.
var isControl = func() (t [256]uint8) {
	for c := range 0x20 {
		t[c] = 1
	}
	t['\t'], t['\n'], t['\r'], t['\f'] = 0, 0, 0, 0
	return t
}()

// mostlyUTF8 reports whether src, not valid UTF-8, is UTF-8 but for a few
// broken bytes: its valid multi-byte characters hold at least four times as
// many bytes as its invalid ones. Text in a legacy encoding read as UTF-8
// is nearly all invalid bytes (a GBK character is a valid UTF-8 sequence
// about one time in eight).
func mostlyUTF8(src []byte) bool {
	valid, broken := 0, 0
	for i := 0; i < len(src); {
		if src[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && size == 1 {
			broken++
		} else {
			valid += size
		}
		i += size
	}
	return valid >= 4*broken
}

// metaCharsetWindow is how far into the input a <meta> declaration is
// looked for: front matter comes first, so further than a browser looks.
const metaCharsetWindow = 64 << 10

// metaCharset returns the encoding label that a <meta charset> or
// <meta http-equiv="Content-Type" content="…; charset=…"> declares.
func metaCharset(src []byte) string {
	i := indexFold(src[:min(len(src), metaCharsetWindow)], []byte("<meta"))
	if i < 0 {
		return ""
	}
	z := html.NewTokenizer(bytes.NewReader(src[i:min(len(src), i+metaCharsetWindow)]))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return ""
		case html.StartTagToken, html.SelfClosingTagToken:
			name, more := z.TagName()
			if string(name) != "meta" {
				continue
			}
			var content string
			httpEquiv := false
			for more {
				var k, v []byte
				k, v, more = z.TagAttr()
				switch string(k) {
				case "charset":
					return strings.TrimSpace(string(v))
				case "http-equiv":
					httpEquiv = strings.EqualFold(string(v), "content-type")
				case "content":
					content = string(v)
				}
			}
			if httpEquiv {
				if _, params, err := mime.ParseMediaType(content); err == nil && params["charset"] != "" {
					return params["charset"]
				}
			}
		}
	}
}

// indexFold is bytes.Index ignoring ASCII case, for short ASCII needles.
func indexFold(s, needle []byte) int {
	for i := 0; i+len(needle) <= len(s); i++ {
		if bytes.EqualFold(s[i:i+len(needle)], needle) {
			return i
		}
	}
	return -1
}
