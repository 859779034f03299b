package postextract

import (
	"bytes"
	"mime"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding/unicode"
)

// binaryWindow is how much of the input is searched for NUL bytes.
const binaryWindow = 8 << 10

// decodeText returns src as UTF-8: a UTF-8 BOM is dropped, a UTF-16 BOM or
// a <meta charset> declaration is honoured, and otherwise invalid bytes
// become U+FFFD with a warning. NUL bytes near the start, outside UTF-16,
// are ErrBinary.
func decodeText(src []byte, w *walker) ([]byte, error) {
	if bytes.HasPrefix(src, []byte{0xFE, 0xFF}) || bytes.HasPrefix(src, []byte{0xFF, 0xFE}) {
		out, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewDecoder().Bytes(src)
		if err == nil {
			return out, nil
		}
	}
	src = bytes.TrimPrefix(src, []byte("\xEF\xBB\xBF"))
	if bytes.IndexByte(src[:min(len(src), binaryWindow)], 0) >= 0 {
		return nil, ErrBinary
	}
	if utf8.Valid(src) {
		return src, nil
	}
	if label := metaCharset(src); label != "" {
		if enc, name := charset.Lookup(label); enc != nil && name != "utf-8" {
			if out, err := enc.NewDecoder().Bytes(src); err == nil {
				return out, nil
			}
		}
	}
	w.warnf("invalid UTF-8 replaced with U+FFFD")
	return bytes.ToValidUTF8(src, []byte("\uFFFD")), nil
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
