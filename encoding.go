package postextract

import (
	"bytes"
	"unicode/utf8"

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
	if i := indexFold(src, []byte("<meta")); i >= 0 {
		if enc, name, certain := charset.DetermineEncoding(src[i:], ""); certain && name != "utf-8" {
			if out, err := enc.NewDecoder().Bytes(src); err == nil {
				w.warnf("decoded from %s", name)
				return out, nil
			}
		}
	}
	w.warnf("invalid UTF-8 replaced with U+FFFD")
	return bytes.ToValidUTF8(src, []byte("\uFFFD")), nil
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
